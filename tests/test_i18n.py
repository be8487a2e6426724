"""The interface in English, Dutch and Danish: complete catalogs, current with the code."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import wowcoach
from wowcoach.i18n import language_from_env, territory_from_env

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "wowcoach" / "locale"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "wowcoach.po").open("rb") as handle:
        return read_po(handle)


# The calls that mark a text for the catalogs, as scripts/i18n_update.sh passes them to pybabel:
# a translator `t(...)`, its `t.ngettext(...)`, a core message `Msg(...)`, `Msg.plural(...)`, and
# `N_(...)` for a text translated where it is shown (help).
KEYWORDS = {"t": None, "ngettext": (1, 2), "Msg": None, "plural": (1, 2), "N_": None}
LITERAL_ARGS = {"t": 1, "ngettext": 2, "Msg": 1, "plural": 2, "N_": 1}


def code_messages() -> set:
    found = set()
    # The same files as babel.cfg names: the code, and the web pages' templates (Jinja's extractor).
    methods = [("**.py", "python"), ("web/templates/**.html", "jinja2")]
    found_in = extract_from_dir(str(ROOT / "src" / "wowcoach"), method_map=methods, keywords=KEYWORDS, comment_tags=())
    for _file, _line, message, _comments, _context in found_in:
        found.add(message)
    return found


def test_the_update_script_marks_the_same_calls():
    script = (ROOT / "scripts" / "i18n_update.sh").read_text()
    marked = dict(re.findall(r"-k (\w+)(?::(\d,\d))?", script))
    assert set(marked) == set(KEYWORDS)


@pytest.mark.parametrize("lang", ["nl", "da"])
def test_every_message_is_translated(lang):
    problems = []
    for m in catalog(lang):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        if m.fuzzy or not all(s.strip() for s in strings):
            problems.append(("missing or fuzzy", m.id))
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        for s in strings:
            if set(PLACEHOLDER.findall(s)) != wanted:
                problems.append(("placeholders differ", m.id, s))
    assert not problems, problems[:10]


@pytest.mark.parametrize("lang", ["nl", "da"])
def test_catalogs_are_current_with_the_code(lang):
    """Extract the strings from the code and compare: run scripts/i18n_update.sh if this fails."""
    in_code = code_messages()
    in_catalog = {m.id for m in catalog(lang) if m.id}  # obsolete entries live apart, in catalog.obsolete
    assert in_code - in_catalog == set(), "strings in the code but not in the catalog"
    assert in_catalog - in_code == set(), "strings in the catalog that the code no longer uses"


def test_no_language_is_held_in_a_module():
    """The language is a value (a Translator) a run passes down: no module keeps one."""
    import ast

    import wowcoach.i18n as i18n

    assert not hasattr(i18n, "set_language") and not hasattr(i18n, "current_language")
    for path in (ROOT / "src" / "wowcoach").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], path


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"WOWCOACH_LANG": "da", "LANG": "nl_NL.UTF-8"}, "da"),
        ({"WOWCOACH_LANG": "nl-NL"}, "nl"),
        ({"WOWCOACH_LANG": "fr", "LANG": "nl_NL.UTF-8"}, "en"),  # a choice we have no language for: English
        ({"LANGUAGE": "nl:en", "LANG": "da_DK.UTF-8"}, "nl"),
        ({"LC_ALL": "da_DK.UTF-8", "LANG": "nl_NL"}, "da"),
        ({"LC_MESSAGES": "da_DK.UTF-8", "LANG": "nl_NL"}, "da"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LC_CTYPE": "C.UTF-8", "LANG": "nl_NL.UTF-8"}, "nl"),  # as Python sets it where nl_NL is not installed
        ({"LANG": "nl_BE.UTF-8@euro"}, "nl"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_choice_order(monkeypatch, env, lang):
    for var in ("LANG", "LC_CTYPE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language_from_env() == lang


@pytest.mark.parametrize(
    "env, territory",
    [
        ({"LANG": "da_DK.UTF-8"}, "DK"),
        ({"LC_MONETARY": "en_GB.UTF-8", "LANG": "da_DK.UTF-8"}, "GB"),
        ({"LC_ALL": "nl_BE.UTF-8", "LC_MONETARY": "en_GB.UTF-8"}, "BE"),
        ({"LANGUAGE": "da", "LANG": "en_GB.UTF-8"}, "GB"),  # LANGUAGE names a language, not a country
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "nl"}, None),
        ({}, None),
    ],
)
def test_the_country_of_the_locale(monkeypatch, env, territory):
    monkeypatch.delenv("LANG", raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert territory_from_env() == territory


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WOWCOACH_", "LC_", "LANG"))}
    base.update(COLUMNS="100", NO_COLOR="1", **env)
    return subprocess.run([sys.executable, "-m", "wowcoach", *args], capture_output=True, text=True, env=base, timeout=60)


def compiled() -> bool:
    return (Path(wowcoach.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "wowcoach.mo").exists()


@pytest.mark.skipif(not compiled(), reason="catalogs are compiled when the package is built")
@pytest.mark.slow  # real processes, to read the locale as a user's shell sets it
def test_dutch_from_lang(tmp_path):
    result = run("suggest", "--no-input", "--situation", "Het pakketje kwam te laat", "--budget", "1234,56", LANG="nl_NL.UTF-8")
    assert result.returncode == 0, result.stderr
    dutch = gettext.translation("wowcoach", str(Path(wowcoach.__file__).parent / "locale"), ["nl"])
    for header in ("Why it matches", "Ideas for your shop", "Source"):
        assert dutch.gettext(header) != header and dutch.gettext(header) in result.stdout, header
    assert dutch.gettext("My shop") in result.stdout
    assert "€ 1.234,56" in result.stdout.replace("\xa0", " ")
    assert "Suggestions for" not in result.stdout
    help_ = run("--help", LANG="nl_NL.UTF-8").stdout
    assert dutch.gettext("Show the version and exit.") in help_
    assert "Show the version and exit." not in help_
    # Typer's own labels have no public API for translation, so they stay English (see docs/cli.md).
    assert "Options" in help_ and "Commands" in help_


@pytest.mark.skipif(not compiled(), reason="catalogs are compiled when the package is built")
@pytest.mark.slow  # real processes, to read the locale as a user's shell sets it
def test_danish_flag_and_fallback(tmp_path):
    da = run("plan", "--no-input", "--budget", "1500", "--currency", "DKK", "--month", "2027-03", "--lang", "da")
    assert da.returncode == 0, da.stderr
    assert "1.500,00 kr." in da.stdout.replace("\xa0", " ") and "marts 2027" in da.stdout
    assert "Allowance per person" not in da.stdout
    fr = run("cases", "list", LANG="fr_FR.UTF-8")
    assert fr.returncode == 0 and "Stories" in fr.stdout and fr.stderr == ""
    error = run("cases", "show", "zappos-piza", "--lang", "da")
    assert error.returncode == 1 and "zappos-pizza" in error.stderr and "Unknown case" not in error.stderr


def gettext_calls_the_extractor_misses() -> list[str]:
    """`_()`/`ngettext()` inside an f-string (the extractor sees no call there) or with an
    argument that is not a literal string (nothing to extract)."""
    import ast

    found = []
    for path in sorted((ROOT / "src" / "wowcoach").rglob("*.py")):
        if path.name == "i18n.py":
            continue  # where the marking calls are defined: they pass their texts on
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        in_fstrings = {id(n) for j in ast.walk(tree) if isinstance(j, ast.JoinedStr) for n in ast.walk(j)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name not in LITERAL_ARGS:
                continue
            args = node.args[: LITERAL_ARGS[name]]
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args) and len(args) == LITERAL_ARGS[name]
            # `t(x)` may also translate a Msg, and `t(x)` or `Msg(x)` a text marked with N_ elsewhere:
            # a name, never a string made here.
            dynamic = name in ("t", "Msg") and len(args) == 1 and not isinstance(args[0], (ast.JoinedStr, ast.BinOp, ast.Constant))
            if id(node) in in_fstrings:
                found.append(f"{where}:{node.lineno}: {name}() inside an f-string")
            elif not literal and not dynamic:
                found.append(f"{where}:{node.lineno}: {name}() without a literal string")
    return found


def test_every_translated_string_is_seen_by_the_extractor():
    assert gettext_calls_the_extractor_misses() == []
