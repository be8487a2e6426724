"""The interview in a real pseudo-terminal, as a shop owner would meet it."""

from __future__ import annotations

import gettext
import os
import sys

import pytest

from wowcoach.i18n import DOMAIN, LOCALE_DIR

pexpect = pytest.importorskip("pexpect")


def danish(message: str) -> str:
    """What the interview says once Danish is chosen (English where no catalog is compiled)."""
    return gettext.translation(DOMAIN, str(LOCALE_DIR), ["da"], fallback=True).gettext(message)


def spawn(*args: str, tmp_path) -> "pexpect.spawn":
    env = {k: v for k, v in os.environ.items() if not k.startswith("WOWCOACH_")}
    env.update(LANG="C.UTF-8", COLUMNS="100", LINES="50", TERM="xterm", NO_COLOR="1")
    return pexpect.spawn(sys.executable, ["-m", "wowcoach", *args], env=env, cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(50, 100))


def test_interview_in_a_terminal(tmp_path):
    profile = tmp_path / "bakery.yaml"
    child = spawn("suggest", "--save", str(profile), tmp_path=tmp_path)
    child.expect("Shop name")
    child.sendline("Bageriet i Aarhus")
    child.expect("Sector")
    child.sendline("bakery")
    child.expect("Where do customers buy")
    child.sendline("")  # default: shop
    child.expect("How many people serve customers")
    child.sendline("lots")
    child.expect("'lots' is not a whole number: type digits, e.g. 4.")
    child.expect("How many people serve customers")
    child.sendline("3")
    child.expect("Customers per week")
    child.sendline("400")
    child.expect("Monthly surprise budget")
    child.sendline("300,00")
    child.expect(r"Language \(en, nl, da\)")
    child.sendline("da")
    # From here on the interview speaks Danish.
    child.expect_exact(danish("What is the situation in front of you"))
    child.sendline("En fast kunde fortalte, at hendes mand er død")
    child.expect_exact(danish("Situation type (optional, Enter to skip)"))
    child.sendline("")
    child.expect_exact(danish("What do you already do for customers (optional)"))
    child.sendline("")
    child.expect_exact(danish("Saved your answers to {path}.").split("{path}")[0])
    child.expect(pexpect.EOF)
    screen = child.before
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in screen
    assert "Dødsfald og sorg" in screen  # why it matches, in Danish labels
    assert "300,00 €" in screen.replace("\xa0", " ")  # the profile's budget, in Danish
    assert "Bageriet i Aarhus" in profile.read_text(encoding="utf-8")


def test_ctrl_c_in_a_terminal(tmp_path):
    child = spawn("suggest", "--save", str(tmp_path / "p.yaml"), tmp_path=tmp_path)
    child.expect("Shop name")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Execution stopped by user." in child.before
    assert "Traceback" not in child.before
    assert not (tmp_path / "p.yaml").exists()
