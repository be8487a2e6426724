"""One real browser: headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium; nothing downloaded at run time) on a phone-sized screen signs in with the staff
passphrase, logs a gesture in three taps and a number, sees the allowance drop, and records
what came of it. The page has no script, so this is what a phone does."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from serve_helpers import CHROMEDRIVER, CHROMIUM, STAFF_PASS, Server, record_plan

pytest.importorskip("starlette")
webdriver = pytest.importorskip("selenium.webdriver")

PHONE = (390, 844)  # CSS pixels of a common phone


def chromium():
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={PHONE[0]},{PHONE[1]}"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 2}})
    # The driver given by path: Selenium never looks for (or downloads) one of its own.
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def tap(browser, element) -> None:
    """Tap a link or a button and wait for the next page (its old one gone), as a person waits."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element(By.TAG_NAME, "html")
    element.click()
    # Asked while the documents swap, Chromium can answer "Node with given id does not belong
    # to the document" instead of "stale": ask again until the new page is there.
    WebDriverWait(browser, 120, ignored_exceptions=(WebDriverException,)).until(expected_conditions.staleness_of(old))


@pytest.mark.slow
def test_a_phone_logs_a_gesture_and_its_outcome(run, tmp_path):
    from PIL import Image
    from selenium.webdriver.common.by import By

    db = str(tmp_path / "ledger.sqlite")
    record_plan(run, db)
    keys = tmp_path / "serve.json"
    for role, text in (("staff", STAFF_PASS), ("owner", "the owner's own words")):
        assert run("serve", "--set-passphrase", role, "--passphrase-file", str(keys), input=text + "\n").exit_code == 0
    server = Server("--db", db, "--passphrase-file", str(keys))
    browser = chromium()
    try:
        browser.set_page_load_timeout(120)
        browser.get(server.url)
        browser.find_element(By.ID, "passphrase").send_keys(STAFF_PASS)
        tap(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button"))
        assert browser.find_element(By.TAG_NAME, "h1").text == "Who are you?"
        tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Anna"))
        assert "€30.00 left in" in browser.find_element(By.CSS_SELECTOR, "p.figure").text
        # No horizontal scrolling on a phone.
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Handwritten card"))
        cost = browser.find_element(By.ID, "cost")
        cost.clear()
        cost.send_keys("2.50")
        tap(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        done = browser.find_element(By.CSS_SELECTOR, "div.done").text
        assert "Logged entry 1: Handwritten card by Anna." in done and "Anna has €27.50 left this month." in done
        assert "€27.50 left in" in browser.find_element(By.CSS_SELECTOR, "p.figure").text
        card = browser.find_element(By.CSS_SELECTOR, "form.card")
        card.find_element(By.NAME, "came_back").click()
        card.find_element(By.NAME, "note").send_keys("Ordered the wedding cake too")
        tap(browser, card.find_element(By.CSS_SELECTOR, "button"))
        assert browser.find_element(By.CSS_SELECTOR, "div.done").text == "Entry 1 updated."
        shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    finally:
        browser.quit()
        code, err = server.stop()
    assert code == 0, err
    assert err.strip().endswith("Stopped.")
    # The screenshot is the phone's width (at twice the pixels) and shows something: many colours, text on a background.
    assert shot.width == PHONE[0] * 2, shot.size
    colours = shot.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50 and max(count for count, _ in colours) < 0.95 * shot.width * shot.height
    # What the browser logged is in the ledger, for `wowcoach review` at once.
    listed = run("log", "list", "--db", db, "--format", "json")
    entry = json.loads(listed.stdout)["entries"][0]
    assert (entry["by"], entry["cost_cents"], entry["came_back"], entry["note"]) == ("Anna", 250, True, "Ordered the wedding cake too")
