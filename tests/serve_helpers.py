"""What the tests of `wowcoach serve` share: a shop with this month's plan in a ledger, the web
app over it in the framework's test client, and reading a page's forms."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

MONTH = date.today().strftime("%Y-%m")
STAFF_PASS = "bread and butter"
OWNER_PASS = "the owner's own words"


def record_plan(run, db: str, *extra: str) -> None:
    result = run(
        "plan", "--no-input", "--shop-name", "De Zon", "--budget", "60", "--staff-name", "Anna", "--staff-name", "Bo",
        "--month", MONTH, "--record", "--db", db, *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def client(db: str, tmp_path: Path, lang: str | None = None, staff: str | None = None, owner: str | None = None, **settings):
    """The app over `db` in Starlette's test client (no redirect followed), with the passphrases given."""
    from starlette.testclient import TestClient

    from wowcoach.app.sources import Sources
    from wowcoach.web import passphrases
    from wowcoach.web.server import prepare
    from wowcoach.web.site import make_app

    keys = tmp_path / "serve.json"
    for role, text in (("staff", staff), ("owner", owner)):
        if text:
            passphrases.set_passphrase(keys, role, text)
    config = prepare(Sources(), db, settings.pop("shop", None), lang, settings.pop("profile", None), "127.0.0.1", keys)
    for name, value in settings.items():
        setattr(config, name, value)
    return TestClient(make_app(config), follow_redirects=False, raise_server_exceptions=False)


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def page(c, url: str, status: int = 200) -> str:
    response = c.get(url)
    assert response.status_code == status, (response.status_code, response.text)
    return response.text


def post(c, url: str, form_page: str, data: dict, status: int = 303):
    """A form sent as the browser sends it from `form_page`, with that page's CSRF token."""
    response = c.post(url, data={"csrf": csrf(form_page), **data})
    assert response.status_code == status, (response.status_code, response.text)
    return response


def follow(c, response) -> str:
    assert response.status_code == 303, (response.status_code, response.text)
    return page(c, response.headers["location"])


def flash(html: str) -> list[str]:
    box = re.search(r'<div class="done" role="status">(.*?)</div>', html, re.S)
    return [unescape(p) for p in re.findall(r"<p>(.*?)</p>", box.group(1), re.S)] if box else []


def problems(html: str) -> list[str]:
    box = re.search(r'<div class="problem" role="alert">(.*?)</div>', html, re.S)
    return [unescape(p) for p in re.findall(r"<p>(.*?)</p>", box.group(1), re.S)] if box else []


def unescape(text: str) -> str:
    import html

    return html.unescape(text)


class Markup(HTMLParser):
    """Every tag and attribute a browser would see in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Markup()
    parser.feed(html)
    return parser.tags


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class Server:
    """`wowcoach serve` as a real process on a free port of this computer (port 0: the server
    says which it got), stopped with SIGTERM as a service manager stops it."""

    def __init__(self, *args: str, env: dict | None = None) -> None:
        import os
        import subprocess
        import sys

        self.process = subprocess.Popen(
            [sys.executable, "-m", "wowcoach", "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self, timeout: float = 180) -> str:
        import selectors
        import time

        found = ""
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(self.process.stderr, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if not sel.select(timeout=1):
                    if self.process.poll() is not None:
                        break
                    continue
                line = self.process.stderr.readline()
                if not line:
                    break
                found += line
                match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
                if match:
                    return match.group(1)
        self.stop()
        raise AssertionError("the server did not start: " + found)

    def stop(self) -> tuple[int, str]:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            _out, err = self.process.communicate(timeout=30)
        except Exception:
            self.process.kill()
            _out, err = self.process.communicate()
        return self.process.returncode, err
