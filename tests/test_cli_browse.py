"""Browsing commands, through the CLI: exit codes, output and exact error texts."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import usage_error
from wowcoach import __version__


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"wowcoach {__version__}"


def test_cases_list_table(run):
    result = run("cases", "list")
    assert result.exit_code == 0
    assert "zappos-pizza" in result.stdout
    assert "stories" in result.stdout


def test_cases_list_json_shape(run):
    result = run("cases", "list", "--format", "json")
    data = json.loads(result.stdout)
    assert list(data) == ["cases"]
    ids = [c["id"] for c in data["cases"]]
    assert "mortons-porterhouse" in ids
    first = data["cases"][0]
    assert {"id", "company", "title", "story", "lesson", "ideas", "source"} <= set(first)


def test_cases_list_filters(run):
    data = json.loads(run("cases", "list", "--situation", "bereavement", "--format", "json").stdout)
    assert data["cases"] and all("Bereavement" in c["situations"] for c in data["cases"])
    assert "zappos-condolence-flowers" in [c["id"] for c in data["cases"]]
    data = json.loads(run("cases", "list", "--value", "be-humble", "--sector", "shoes", "--format", "json").stdout)
    assert data["cases"] and all("Shoes" in case["sectors"] for case in data["cases"])


def test_cases_list_in_dutch_and_danish(run):
    nl = json.loads(run("cases", "show", "zappos-pizza", "--lang", "nl", "--format", "json").stdout)
    da = json.loads(run("cases", "show", "zappos-pizza", "--format", "json", env={"WOWCOACH_LANG": "da"}).stdout)
    en = json.loads(run("cases", "show", "zappos-pizza", "--format", "json").stdout)
    assert len({nl["story"], da["story"], en["story"]}) == 3
    da_env = json.loads(run("cases", "show", "zappos-pizza", "--format", "json", env={"LANG": "da_DK.UTF-8"}).stdout)
    assert da_env["story"] == da["story"]


def test_cases_list_unknown_filter(run):
    result = run("cases", "list", "--situation", "compliments")
    assert result.exit_code == 2
    assert result.stderr.strip() == "'compliments' is not a situation wowcoach knows. Did you mean: Complaint, New customer?"
    result = run("cases", "list", "--situation", "xyzzy")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "'xyzzy' is not a situation wowcoach knows: `wowcoach cases tags` shows them all.",
    )


def test_cases_show_table_and_markdown(run):
    result = run("cases", "show", "mortons-porterhouse")
    assert result.exit_code == 0
    assert "Morton" in result.stdout and "40 km" in result.stdout
    md = run("cases", "show", "mortons-porterhouse", "--format", "markdown").stdout
    assert md.startswith("# ") and "| Idea | Cost |" in md


def test_cases_show_unknown_id_suggests_closest(run):
    result = run("cases", "show", "zappos-piza")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Unknown case 'zappos-piza'. Did you mean: zappos-pizza?"


def test_bad_format_is_usage_error(run):
    result = run("cases", "list", "--format", "xml")
    assert (result.exit_code, usage_error(result)) == (2, "Invalid value for '--format': 'xml' is not one of 'table', 'json'.")


USAGE_ERRORS = [  # what is typed; the sentence in English, Dutch and Danish (Typer writes only the English)
    (
        ["cases", "list", "--colour"],
        "No such option: --colour. Did you mean: --no-color, --sector?",
        "Deze optie bestaat niet: --colour. Bedoel je: --no-color, --sector?",
        "Tilvalget findes ikke: --colour. Mente du: --no-color, --sector?",
    ),
    (["sugest"], "No such command 'sugest'. Did you mean 'suggest'?", "De opdracht 'sugest' bestaat niet. Bedoel je 'suggest'?", None),
    (["log", "add", "--what", "tea"], "Missing option '--by'.", "Optie '--by' ontbreekt.", "Tilvalget '--by' mangler."),
    (["log", "outcome"], "Missing argument 'ID'.", "Argument 'ID' ontbreekt.", "Argumentet 'ID' mangler."),
    (
        ["log", "outcome", "abc"],
        "Invalid value for 'ID': 'abc' is not a whole number.",
        "Ongeldige waarde voor 'ID': 'abc' is geen heel getal.",
        "Ugyldig værdi for 'ID': 'abc' er ikke et helt tal.",
    ),
    (
        ["cases", "list", "--format", "xml"],
        "Invalid value for '--format': 'xml' is not one of 'table', 'json'.",
        "Ongeldige waarde voor '--format': 'xml' is niet een van 'table', 'json'.",
        None,
    ),
    (
        ["suggest", "--no-input", "--top", "99"],
        "Invalid value for '--top': 99 is not in the range 1<=x<=50.",
        "Ongeldige waarde voor '--top': 99 valt niet binnen 1<=x<=50.",
        "Ugyldig værdi for '--top': 99 ligger ikke inden for 1<=x<=50.",
    ),
    (["plan", "--budget"], "Option '--budget' needs a value after it.", "Na de optie '--budget' hoort een waarde.", None),
    (["cases", "list", "a", "b"], "Unexpected extra words: a b.", "Onverwachte extra woorden: a b.", "Uventede ekstra ord: a b."),
]


@pytest.mark.parametrize("args,en,nl,da", USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_typers_usage_errors_are_said_in_the_runs_language(run, tmp_path, args, en, nl, da):
    for lang, said in (("en", en), ("nl", nl), ("da", da)):
        if said is not None:
            result = run(*args, env={"WOWCOACH_LANG": lang, "WOWCOACH_DB": str(tmp_path / "l.sqlite"), "COLUMNS": "200"})
            assert (result.exit_code, usage_error(result)) == (2, said), lang
    if "--format" in args or "--top" in args:  # a value refused once every option is read: --lang first
        assert usage_error(run(*args[:2], "--lang", "nl", *args[2:], env={"COLUMNS": "200"})) == nl


def test_format_in_any_case_and_its_choices_in_the_help(run):
    assert run("values", "list", "--format", "JSON").stdout == run("values", "list", "--format", "json").stdout
    assert "<table|json|markdown>" in run("cases", "show", "--help").stdout
    assert "<table|json>" in run("cases", "list", "--help").stdout


def test_values_list_json(run):
    data = json.loads(run("values", "list", "--format", "json").stdout)
    assert [v["id"] for v in data["values"]][:1] == ["deliver-wow"]
    assert data["values"][0]["name"] == "Deliver WOW Through Service"
    assert len(data["values"]) == 10


def test_values_show(run):
    assert json.loads(run("values", "show", "do-more", "--format", "json").stdout)["id"] == "more-with-less"
    result = run("values", "show", "bescheidenheid")
    assert (result.exit_code, result.stderr.strip()) == (2, "'bescheidenheid' is not a value wowcoach knows. Did you mean: Be Humble?")
    result = run("values", "show", "more-with-less", "--lang", "nl")
    assert result.exit_code == 0


def test_checklist_from_answers_file(run, tmp_path):
    from wowcoach.knowledge.loader import load_library

    lib = load_library()
    answers = {q.id: "yes" for v in lib.values for q in v.questions}
    for q in lib.value("be-humble").questions:
        answers[q.id] = "no"
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers))
    data = json.loads(run("values", "checklist", "--answers", str(path), "--format", "json").stdout)
    humble = next(s for s in data["scores"] if s["id"] == "be-humble")
    assert humble["percent"] == 0
    assert data["focus"] == ["Be Humble"]  # the values at full marks are nothing to work on
    table = run("values", "checklist", "--answers", str(path)).stdout
    assert "Work on these first" in table and "█" in table
    path.write_text(yaml.safe_dump(dict.fromkeys(answers, "yes")))
    all_yes = run("values", "checklist", "--answers", str(path))
    assert "Work on these first" not in all_yes.stdout and "full marks: nothing to work on first" in all_yes.stdout
    assert json.loads(run("values", "checklist", "--answers", str(path), "--format", "json").stdout)["focus"] == []


def test_checklist_answers_file_errors(run, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("no-such-question: yes\nphone-on-every-pag: yes\n")
    result = run("values", "checklist", "--answers", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{path}: no-such-question: unknown question id: `wowcoach values show ID --format json` lists each value's question ids.",
        f"{path}: phone-on-every-pag: unknown question id: did you mean phone-on-every-page?",
    ]
    # Piped answers that run out: the advice is this command's own.
    ended = run("values", "checklist", input="y\n")
    assert (ended.exit_code, ended.stderr.strip().splitlines()[-1]) == (
        1,
        "No answer (end of input): give every answer in a file with --answers FILE.",
    )


def test_checklist_interactive(run):
    from wowcoach.knowledge.loader import load_library

    n = sum(len(v.questions) for v in load_library().values)
    result = run("values", "checklist", input="y\n" * (n - 1) + "n\n")
    assert result.exit_code == 0
    assert "Work on these first" in result.stdout


def test_data_check_shipped(run):
    result = run("data", "check")
    assert result.exit_code == 0
    assert result.stdout.count(": OK") == 3  # values, gestures, cases


def test_every_command_has_help(run):
    for args in (
        ["--help"],
        ["suggest", "--help"],
        ["cases", "list", "--help"],
        ["cases", "show", "--help"],
        ["values", "list", "--help"],
        ["values", "show", "--help"],
        ["values", "checklist", "--help"],
        ["data", "check", "--help"],
    ):
        result = run(*args)
        assert result.exit_code == 0, args
        assert "Usage" in result.stdout


def test_every_command_refuses_a_language_it_does_not_speak(run, tmp_path):
    """--lang names one of our languages by its code, a locale, or a name in any of them; another
    language is refused in one line (before, most commands fell back to English without a word,
    and `de`, German's code, was taken as the start of "deens", Danish in Dutch)."""
    db = str(tmp_path / "ledger.sqlite")
    commands = (["values", "show", "1"], ["cases", "list"], ["log", "list", "--db", db], ["suggest", "--no-input"], ["plan", "--no-input"])
    for command in commands:
        for lang in ("de", "fr_FR", "german", "xx"):
            result = run(*command, "--lang", lang)
            assert (result.exit_code, result.stderr.strip()) == (2, f"'{lang}' is not one of: English, Nederlands, Dansk."), command
    for lang, title in (
        ("nl_NL", "Zorg voor WOW"),
        ("da-DK", "Skab WOW"),
        ("Nederlands", "Zorg voor WOW"),
        ("deens", "Skab WOW"),
        ("eng", "Deliver WOW"),
    ):
        result = run("values", "show", "1", "--lang", lang, env={"COLUMNS": "100"})
        assert result.exit_code == 0 and title in result.stdout, (lang, result.stdout[:200])
