"""Every menu and prompt in a real terminal, fed a consultant's --cases and --values files whose
labels, value names and checklist questions carry escape codes (OSC 52 clipboard writes, OSC 8
links, clear-screen, 8-bit controls), tag characters, bidi overrides and Rich markup: the
terminal is sent none of them, whatever is typed (wrong answers make the menus quote their
labels back), and the markup is shown as typed."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

# OSC 52 (clipboard), OSC 8 (a link), clear screen, a colour, 8-bit CSI, a tag character, the
# Mongolian vowel separator, a bidi override, a zero-width space, and Rich markup.
BAD = "\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://evil.example\x07\x1b[2J\x1b[31m\x9b2J\U000e0041\u180e\u202e\u200b"
MARKUP = "[link=http://evil.example]x[/link]"
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\U000e0000-\U000e007f]")


@pytest.fixture
def hostile(tmp_path) -> list[str]:
    """The root options of a run with the hostile files: every label and question marked."""
    from wowcoach.knowledge.files import shipped_cases_path, shipped_values_path

    cases = yaml.safe_load(shipped_cases_path().read_text(encoding="utf-8"))
    for tag in cases["sectors"] + cases["situations"]:
        for lang in tag["label"]:
            tag["label"][lang] += BAD + MARKUP
    values = yaml.safe_load(shipped_values_path().read_text(encoding="utf-8"))
    for value in values["values"]:
        for lang in value["name"]:
            value["name"][lang] += BAD + MARKUP
        for question in value["questions"]:
            for lang in question["text"]:
                question["text"][lang] += BAD
    (tmp_path / "c.json").write_text(json.dumps(cases), encoding="utf-8")
    (tmp_path / "v.yaml").write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return ["--replace-cases", "--cases", str(tmp_path / "c.json"), "--values", str(tmp_path / "v.yaml")]


def drive(args: list[str], answers: list[tuple[str, list[str]]], tmp_path: Path, maybe: tuple[str, ...] = ()) -> str:
    """Run wowcoach in a pseudo-terminal; at each prompt matching a pattern, type its next answer
    (the last one again when they run out). Every prompt must come, except those in `maybe` (the
    follow-up menu comes only when the fit is loose). Returns everything the terminal was sent."""
    # TERM=dumb and NO_COLOR: no styles of our own, so any escape byte seen came from the files.
    env = {k: v for k, v in os.environ.items() if k != "WOWCOACH_DB"}
    env.update(TERM="dumb", NO_COLOR="1", COLUMNS="120", WOWCOACH_MODEL="off", WOWCOACH_DB=str(tmp_path / "l.sqlite"))
    child = pexpect.spawn(
        sys.executable, ["-m", "wowcoach", *args], env=env, cwd=str(tmp_path), encoding="utf-8", codec_errors="replace", timeout=120
    )
    child.logfile_read = io.StringIO()
    patterns = [pexpect.EOF] + [pattern for pattern, _ in answers]
    given = [0] * len(answers)
    while (i := child.expect(patterns)) != 0:
        replies = answers[i - 1][1]
        child.sendline(replies[min(given[i - 1], len(replies) - 1)])
        given[i - 1] += 1
    child.close()
    screen = child.logfile_read.getvalue()
    assert child.exitstatus == 0, screen[-2000:]
    missed = [pattern for (pattern, _), n in zip(answers, given, strict=True) if not n and pattern not in maybe]
    assert missed == [], screen[-2000:]
    assert "Traceback" not in screen and "Internal error" not in screen
    return screen


def clean_screen(screen: str) -> None:
    found = sorted(set(UNSAFE.findall(screen)))
    assert found == [], found
    assert "http://evil.example" in screen  # the markup is shown as typed: not a live link
    assert "\x1b]8;" not in screen


@pytest.mark.slow  # a real terminal
def test_the_interview_menus_and_the_follow_up(hostile, tmp_path):
    answers = [
        (r"Shop name.*: ", ["De Zon"]),
        (r"Sector.*: ", ["Bkaeyr", "1"]),  # a near miss first: the refusal quotes the closest labels back
        (r"Where do customers buy.*: ", [""]),
        (r"How many people serve customers.*: ", ["2"]),
        (r"Customers per week.*: ", ["100"]),
        (r"Currency.*: ", [""]),
        (r"Monthly surprise budget.*: ", ["50"]),
        (r"Language.*: ", [""]),
        (r"What is the situation in front of you.*: ", ["something happened today"]),
        (r"Situation type \(optional, Enter to skip\).*: ", ["nonsense", ""]),
        (r"What do you already do for customers.*: ", [""]),
        # The last question: a vague situation asks for more words, a loose fit for the closest
        # situation type (the same labels as the menu above); whichever this library's fit asks.
        (r"Tell me more about the customer's moment: ", [""]),
        (r"Number: ", ["99", "1"]),
    ]
    follow_ups = (r"Tell me more about the customer's moment: ", r"Number: ")
    screen = drive([*hostile, "suggest", "--top", "1", "--save", "p.yaml"], answers, tmp_path, maybe=follow_ups)
    assert "Tell me more about the customer's moment" in screen or "Which of these comes closest to what happened?" in screen
    assert "Did you mean" in screen and "Bakery[link=http://evil.example]x[/link]?" in screen
    clean_screen(screen)
    assert (tmp_path / "p.yaml").exists()


SUGGEST_PROMPTS = [
    "Shop name",
    "Sector",
    "Where do customers buy",
    "How many people serve customers",
    "Customers per week",
    "Currency",
    "Monthly surprise budget",
    "Language",
    "What is the situation in front of you",
    r"Situation type \(optional, Enter to skip\)",
    "What do you already do for customers",
    "Number",
]
# The follow-up when the profile's situation is too vague to match ("late"): Enter shows the nearest.
MORE = r"Tell me more about the customer's moment: "
PLAN_PROMPTS = [
    "Shop name",
    "Sector",
    "Where do customers buy",
    "Currency",
    "Monthly surprise budget",
    "Language",
    "How many people serve customers",
    r"Their names \(optional, separated by commas\)",
    "Customers per week",
]


@pytest.mark.slow  # a real terminal
def test_defaults_from_a_profile_in_the_prompts(hostile, tmp_path):
    saved = {"shop_name": "Zon" + BAD + MARKUP, "sector": "bakery", "staff": 2, "staff_names": ["Anna" + BAD, "Bo"], "situation": "late"}
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(saved, allow_unicode=True), encoding="utf-8")
    enter = [""]  # Enter takes every default: the profile's answers, shown in the prompts
    screen = drive(
        [*hostile, "suggest", "--ask", "--profile", "p.yaml", "--top", "1"],
        [(p + ".*: ", enter) for p in SUGGEST_PROMPTS] + [(MORE, enter), (r"Save these answers.*: ", ["n"])],
        tmp_path,
        maybe=("Number.*: ", MORE, r"Save these answers.*: "),
    )
    clean_screen(screen)
    assert "(Zon" in screen and "(Bakery" in screen  # the sector's default by its (hostile) label
    screen = drive(
        [*hostile, "plan", "--ask", "--profile", "p.yaml", "--month", "2027-03"],
        [(p + ".*: ", enter) for p in PLAN_PROMPTS] + [(r"\[y/n\]: ", ["n"])],
        tmp_path,
    )
    clean_screen(screen)
    assert "(Anna, Bo)" in screen


@pytest.mark.slow  # a real terminal
def test_the_values_checklist(hostile, tmp_path):
    screen = drive([*hostile, "values", "checklist"], [(r"\[y/n\]\s*: ?", ["maybe", "y"])], tmp_path)
    assert "Please answer y (yes) or n (no)." in screen
    clean_screen(screen)


@pytest.mark.slow  # a real terminal
def test_the_value_menu_of_log_add_and_the_remove_question(hostile, tmp_path):
    add = ["log", "add", "--by", "Anna", "--what", "tea" + BAD + MARKUP, "--cost", "0", "--date", "2027-03-02"]
    screen = drive([*hostile, *add], [(r"Which core value does it show.*: ", ["nonsense", "1"])], tmp_path)
    assert "Logged entry 1" in screen
    removed = drive([*hostile, "log", "remove", "1"], [(r"\[y/n\]\s*: ?", ["n"])], tmp_path)
    clean_screen(screen + removed)


def test_the_sectors_named_over_ideas_from_other_shops(run, hostile):
    """ "Ideas from other shops (sector, …)" names sectors by their labels from the --cases file:
    the heading is cleaned like every other text, and markup in it is shown as typed."""
    args = ["suggest", "--no-input", "--sector", "bakery", "--top", "5", "--situation", "A customer asked for a size that was sold out"]
    data = json.loads(run(*hostile, *args, "--format", "json", env={"WOWCOACH_MODEL": "off"}).stdout)
    assert any(s["ideas_from"] for s in data["suggestions"])  # the heading is there to attack
    result = run(*hostile, *args, env={"WOWCOACH_MODEL": "off", "COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    heading = next(line for line in result.stdout.splitlines() if "Ideas from other shops (" in line)
    assert UNSAFE.findall(heading) == [] and "\x1b" not in result.stdout
    assert "[link=http://evil.example]x[/link]" in heading
