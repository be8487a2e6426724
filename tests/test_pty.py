"""The interview in a real pseudo-terminal, as a shop owner would meet it."""

from __future__ import annotations

import gettext
import os
import sys

import pytest

from wowcoach.i18n import DOMAIN, LOCALE_DIR

pexpect = pytest.importorskip("pexpect")

# Each test drives wowcoach in a real terminal.
pytestmark = pytest.mark.slow


def danish(message: str) -> str:
    """What the interview says once Danish is chosen (English where no catalog is compiled)."""
    return gettext.translation(DOMAIN, str(LOCALE_DIR), ["da"], fallback=True).gettext(message)


def terminal_env() -> dict[str, str]:
    """The environment of a run in a terminal: no user settings, but the session's cache folder,
    whose index of the library the tests built once (a cold index takes minutes on a busy machine,
    longer than a prompt is waited for)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("WOWCOACH_") or k == "WOWCOACH_CACHE_DIR"}


def spawn(*args: str, tmp_path) -> pexpect.spawn:
    env = terminal_env()
    env.update(LANG="C.UTF-8", COLUMNS="100", LINES="50", TERM="xterm", NO_COLOR="1")
    return pexpect.spawn(
        sys.executable, ["-m", "wowcoach", *args], env=env, cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(50, 100)
    )


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
    child.expect_exact("'lots' is not a whole number: type digits, e.g. 4 or about 150.")
    child.expect("How many people serve customers")
    child.sendline("3")
    child.expect("Customers per week")
    child.sendline("400")
    child.expect("Currency")
    child.sendline("")  # default: EUR under LANG=C
    child.expect("Monthly surprise budget")
    child.sendline("300,00")
    child.expect("Language")
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


def translated(lang: str, message: str) -> str:
    return gettext.translation(DOMAIN, str(LOCALE_DIR), [lang], fallback=True).gettext(message)


# The English ids and codes an owner should never meet in a Dutch or Danish interview.
ENGLISH_IDS = ("bakery", "bike-shop", "web-shop", "other", "special-occasion", "(en)", "[y/n]", "Choices:", "Language (en")


def ended_in_local_words(child: pexpect.spawn) -> str:
    """Everything the finished run showed, checked: exit 0, no traceback, no English id or prompt."""
    child.close()
    screen = child.logfile_read.getvalue()
    assert child.exitstatus == 0, screen
    assert "Traceback" not in screen
    for english in ENGLISH_IDS:
        assert english not in screen, english
    return screen


def local_interview(lang: str, locale: str, answers: list[tuple[str, str]], tmp_path):
    """The interview under the owner's own locale, which decides the language and the currency."""
    import io

    profile = tmp_path / "p.yaml"
    env = terminal_env()
    env.update(LANG=locale, COLUMNS="100", LINES="50", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wowcoach", "suggest", "--save", str(profile), "--top", "1"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 100),
    )
    child.logfile_read = io.StringIO()  # the whole screen, not only what came after the last answer
    for prompt, answer in answers:
        child.expect_exact(translated(lang, prompt))
        child.sendline(answer)
    # A loose fit asks once for more about the moment (whether it does is the ranking's call):
    # Enter keeps the answer.
    if child.expect_exact([pexpect.EOF, translated(lang, "Tell me more about the customer's moment")]) == 1:
        child.sendline("")
        child.expect(pexpect.EOF)
    screen = ended_in_local_words(child)
    return screen, profile.read_text(encoding="utf-8")


def test_dutch_interview_in_local_words(tmp_path):
    answers = [
        ("Shop name", "Bakkerij De Zon"),
        ("Sector", "bakkerij"),
        ("Where do customers buy", "winkel"),
        ("How many people serve customers", "3"),
        ("Customers per week", "400"),
        ("Currency", ""),  # EUR under nl_NL
        ("Monthly surprise budget", "500 kr."),  # refused: the shop pays in euros
        ("Monthly surprise budget", "€ 60"),
        ("Language", ""),  # Dutch, as the locale says
        ("What is the situation in front of you", "Een vaste klant is morgen jarig"),
        ("Situation type (optional, Enter to skip)", "verjaardag"),
        ("What do you already do for customers (optional)", ""),
    ]
    screen, saved = local_interview("nl", "nl_NL.UTF-8", answers, tmp_path)
    assert "'500 kr.' is in DKK, niet in EUR" in screen
    assert "Een paar vragen over je winkel" in screen and "(Mijn winkel)" in screen
    assert "(Nederlands)" in screen
    assert "sector: bakery\n" in saved and "channel: shop\n" in saved and "currency: EUR\n" in saved
    assert "budget: '60.00'" in saved and "lang: nl\n" in saved and "situation_type: special-occasion\n" in saved


def test_danish_interview_in_local_words(tmp_path):
    answers = [
        ("Shop name", "Cykler i Vejle"),
        ("Sector", "cykelbutik"),
        ("Where do customers buy", "begge"),
        ("How many people serve customers", "2"),
        ("Customers per week", "150"),
        ("Currency", ""),  # DKK under da_DK
        ("Monthly surprise budget", "500 kr."),
        ("Language", "dansk"),
        ("What is the situation in front of you", "En kunde fik punktering lige før sit bryllup"),
        ("Situation type (optional, Enter to skip)", ""),
        ("What do you already do for customers (optional)", ""),
    ]
    screen, saved = local_interview("da", "da_DK.UTF-8", answers, tmp_path)
    assert "Et par spørgsmål om din butik" in screen and "(Min butik)" in screen and "(DKK)" in screen
    assert "sector: bike-shop\n" in saved and "channel: both\n" in saved and "currency: DKK\n" in saved
    assert "budget: '500.00'" in saved and "lang: da\n" in saved
    assert "500,00 kr." in screen.replace("\xa0", " ")


def test_a_danish_bike_shop_in_its_own_words_saves_at_the_end(tmp_path):
    """A Danish owner answers as she would: her shop as she calls it, a guess, kroner; at the end
    she is offered to save, gives her staff's names, and the saved profile plans her month."""
    import io

    env = terminal_env()
    env.update(LANG="da_DK.UTF-8", COLUMNS="100", LINES="50", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wowcoach", "suggest", "--top", "1"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 100),
    )
    child.logfile_read = io.StringIO()
    answers = [
        ("Shop name", "Jensens Cykler"),
        ("Sector", "cykelhandler"),
        ("Where do customers buy", "begge"),
        ("How many people serve customers", "ca. 3"),
        ("Customers per week", "omkring 150"),
        ("Currency", ""),  # DKK under da_DK
        ("Monthly surprise budget", "500 kr."),
        ("Language", ""),
        ("What is the situation in front of you", "En kunde fik punktering dagen før sit bryllup"),
        ("Situation type (optional, Enter to skip)", ""),
        ("What do you already do for customers (optional)", ""),
        ("Save these answers, so `wowcoach plan --profile FILE` can plan your month?", "j"),
        ("Their names (optional, separated by commas)", "Mette, Ole, Jens"),
        ("File to save the answers in", ""),  # the name it suggests: jensens-cykler.yaml
    ]
    for prompt, answer in answers:
        child.expect_exact(translated("da", prompt))
        child.sendline(answer)
    child.expect_exact(translated("da", "Saved your answers to {path}.").split("{path}")[0])
    child.expect(pexpect.EOF)
    ended_in_local_words(child)
    saved = (tmp_path / "jensens-cykler.yaml").read_text(encoding="utf-8")
    assert "sector: bike-shop\n" in saved and "staff: 3\n" in saved and "customers: 150\n" in saved
    assert "currency: DKK\n" in saved and "budget: '500.00'" in saved
    assert "staff_names:\n- Mette\n- Ole\n- Jens\n" in saved and "# Kunder om ugen, cirka" in saved
    planned = pexpect.run(
        f"{sys.executable} -m wowcoach plan --profile jensens-cykler.yaml --month 2027-03 --format json",
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        withexitstatus=True,
    )
    output, status = planned
    assert status == 0, output
    import json

    plan = json.loads(output[output.index("{") :])["plan"]
    assert [a["name"] for a in plan["allowances"]] == ["Mette", "Ole", "Jens"]
    assert plan["currency"] == "DKK" and "loan-while-we-repair" in [g["id"] for g in plan["gestures"]]
