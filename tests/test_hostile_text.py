"""Hostile text: escape codes, 8-bit controls, bidi overrides, invisible characters and Rich
markup, typed by a user or stored in a ledger or a file, never reach the terminal as they are.

The scan runs every command in a real pseudo-terminal (so nothing is hidden by a test runner's
buffers) and looks for any escape or control byte in what the terminal was sent.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from wowcoach.textclean import clean, json_safe

# OSC 52 (write the clipboard), clear the screen, set the window title, 8-bit CSI and OSC,
# bidi override and isolate, zero-width space, BOM, and a Rich link.
HOSTILE = (
    "\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b]0;pwned\x07\u202eevil\u202c\u2066x\u2069\u200b\ufeff"
    "\x9b31m\x9d0;t\x9c[link=http://evil.example]click[/link]\x1b[31mred"
)
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\ufeff", "\x85", "\x9b", "\x1b"])
def test_clean_drops_bidi_invisible_and_c1(char):
    assert clean(f"a{char}") == "a"
    assert not UNSAFE.search(clean(f"a{char} ok.{char}"))


def test_clean_drops_whole_sequences():
    assert clean("\x1b]52;c;ZXZpbA==\x07ok\x1b]0;title\x1b\\ \x9b2J\x9d0;t\x9cend") == "ok end"
    assert clean("👩\u200d🍳 tab\tnew\nline") == "👩\u200d🍳 tab\tnew\nline"  # the joiner, tabs and newlines stay


def test_json_keeps_the_data_but_escapes_it():
    text = json.dumps({"what": "a\x9b2J\u202eb\u2028"}, ensure_ascii=False)
    safe = json_safe(text)
    assert not UNSAFE.search(safe) and "\u2028" not in safe
    assert json.loads(safe) == json.loads(text)


def spawn(args: list[str], tmp: Path, answer: str | None = None) -> tuple[str, int]:
    import pexpect

    # TERM=dumb: no styles of our own, so any escape byte seen came from the hostile text.
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb", "WOWCOACH_DB": str(tmp / "l.sqlite")}
    child = pexpect.spawn(
        sys.executable, ["-m", "wowcoach", *args], env=env, cwd=str(tmp), encoding="utf-8", codec_errors="replace", timeout=60
    )
    if answer is not None:
        child.expect(r"\?")
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


@pytest.mark.slow
def test_no_escape_code_reaches_the_terminal(tmp_path):
    profile = tmp_path / "shop\x1b]0;title\x07\u202e.yaml"
    profile.write_text(f"shop_name: {json.dumps(HOSTILE)}\nstaff: 2\n", encoding="utf-8")
    cases = tmp_path / "c.yaml"
    cases.write_text(f"cases:\n- id: {json.dumps(HOSTILE)}\n", encoding="utf-8")
    month = ["--month", "2026-11"]
    commands: list[tuple[list[str], str | None]] = [
        (["plan", "--no-input", "--staff", "2", "--budget", "100", *month, "--record", "--shop-name", HOSTILE], None),
        (
            [
                "log",
                "add",
                "--date",
                "2026-11-05",
                "--by",
                HOSTILE,
                "--what",
                HOSTILE,
                "--customer",
                HOSTILE,
                "--cost",
                "1",
                "--value",
                "deliver-wow",
            ],
            None,
        ),
        (["log", "outcome", "1", "--note", HOSTILE], None),
        (["log", "list", *month], None),
        (["log", "list", *month, "--format", "json"], None),
        (["log", "list", *month, "--format", "csv"], None),
        (["review", *month], None),
        (["review", *month, "--format", "json"], None),
        (["review", *month, "--format", "markdown"], None),
        (["log", "remove", "1"], "n"),
        (["suggest", "--no-input", "--situation", HOSTILE, "--shop-name", HOSTILE], None),
        (["suggest", "--no-input", "--situation", HOSTILE, "--format", "json"], None),
        (["suggest", "--no-input", "--profile", str(profile)], None),
        (["export", "--profile", str(profile), "--out-dir", str(tmp_path)], None),
        (["export", "--profile", str(profile), "--out-dir", str(tmp_path), "--format", "html"], None),
        (["cases", "show", HOSTILE], None),
        (["values", "show", HOSTILE], None),
        (["--cases", str(cases), "cases", "list"], None),
        (["data", "check", str(cases)], None),
        (["log", "list", "--db", HOSTILE], None),
        (["plan", "--no-input", "--month", HOSTILE], None),
        ([HOSTILE], None),
    ]
    seen = []
    for args, answer in commands:
        out, _code = spawn(args, tmp_path, answer)
        assert "Internal error" not in out and "Traceback" not in out, (args, out)
        found = UNSAFE.findall(out)
        if found:
            seen.append((args[:2], sorted(set(found)), out[:300]))
    assert seen == []
