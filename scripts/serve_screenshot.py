"""The picture of the staff page in docs/serve.md: a phone-sized headless Chromium (Debian's
chromium and chromium-driver, through Selenium) on a real `wowcoach serve` over a small example
ledger made here, after Anna logged a card.

    python scripts/serve_screenshot.py [--out docs/serve-staff.png] [--lang en]

Needs `pip install '.[serve,test]'` and the two Debian packages. The ledger is made in a
temporary folder, with this month's plan, so the page shows what a shop sees today.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHONE = (390, 844)


def wowcoach(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "wowcoach", *args], check=True, env=env, capture_output=True, text=True)


def tap(browser, element) -> None:
    """Tap, and wait for the next page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, 120).until(expected_conditions.staleness_of(old))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "serve-staff.png")
    parser.add_argument("--lang", default="en", choices=["en", "nl", "da"])
    opts = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])), "LANG": "C.UTF-8"}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ledger.sqlite")
        month = date.today().strftime("%Y-%m")
        profile = Path(tmp) / "zon.yaml"
        profile.write_text(f"shop_name: De Zon\nsector: bakery\nbudget: 60\ncurrency: EUR\nlang: {opts.lang}\nstaff_names: [Anna, Bo]\n")
        wowcoach("plan", "--profile", str(profile), "--month", month, "--record", "--db", db, env=env)
        wowcoach("log", "add", "--db", db, "--by", "Bo", "--what", "Flowers for Mrs Jansen's birthday", "--cost", "8",
                 "--gesture", "bunch-of-flowers", "--customer", "Mrs Jansen, every Saturday", env=env)  # fmt: skip
        server = subprocess.Popen(
            [sys.executable, "-m", "wowcoach", "serve", "--port", "0", "--db", db, "--profile", str(profile),
             "--passphrase-file", str(Path(tmp) / "serve.json")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        url = None
        for line in server.stderr:
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            raise SystemExit("the server did not start")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in (
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            f"--window-size={PHONE[0]},{PHONE[1]}",
        ):
            options.add_argument(arg)
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 2}})
        browser = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
        try:
            browser.get(url + "person?name=Anna")
            tap(browser, browser.find_element(By.CSS_SELECTOR, "ul.tiles a"))  # the first gesture of the menu
            tap(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
            browser.find_element(By.CSS_SELECTOR, "div.done")
            opts.out.parent.mkdir(parents=True, exist_ok=True)
            opts.out.write_bytes(browser.get_screenshot_as_png())
        finally:
            browser.quit()
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    print(f"Wrote {opts.out}.")


if __name__ == "__main__":
    main()
