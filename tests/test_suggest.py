"""`wowcoach suggest`: flags, profiles, prompts, refusals and output shapes."""

from __future__ import annotations

import json

import pytest
import yaml

SITUATION = "A parcel with a birthday present arrived three days late"


def suggest_json(run, *args, **kw):
    result = run("suggest", "--no-input", "--format", "json", *args, **kw)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_no_input_with_only_a_situation(run):
    data = suggest_json(run, "--situation", SITUATION)
    assert list(data) == ["profile", "suggestions", "confidence"]
    assert len(data["suggestions"]) == 3
    first = data["suggestions"][0]
    assert {"id", "score", "why", "ideas"} <= set(first)
    assert isinstance(first["score"], float) and first["why"] and first["ideas"]
    assert data["profile"]["shop_name"] == "My shop" and data["profile"]["budget_cents"] == 5000
    scores = [s["score"] for s in data["suggestions"]]
    assert scores == sorted(scores, reverse=True)


def test_late_delivery_is_explained(run):
    data = suggest_json(run, "--situation", SITUATION)
    why = " ".join(data["suggestions"][0]["why"])
    assert "Late delivery" in why


def test_all_flags_and_top(run):
    data = suggest_json(
        run,
        "--shop-name",
        "Bo's Bikes",
        "--sector",
        "bike-shop",
        "--channel",
        "both",
        "--staff",
        "4",
        "--customers",
        "300",
        "--budget",
        "1.234,56",
        "--currency",
        "dkk",
        "--lang",
        "da",
        "--situation",
        "udsolgt",
        "--situation-type",
        "out-of-stock",
        "--top",
        "5",
    )
    p = data["profile"]
    assert (p["shop_name"], p["sector"], p["channel"], p["staff"], p["customers"]) == ("Bo's Bikes", "bike-shop", "both", 4, 300)
    assert (p["budget_cents"], p["currency"], p["lang"], p["situation_type"]) == (123456, "DKK", "da", "out-of-stock")
    assert len(data["suggestions"]) == 5
    assert any("Udsolgt" in w for w in data["suggestions"][0]["why"])


def test_deterministic(run):
    a = run("suggest", "--no-input", "--format", "json", "--situation", "kunde sur over forsinket pakke").stdout
    b = run("suggest", "--no-input", "--format", "json", "--situation", "kunde sur over forsinket pakke").stdout
    assert a == b


def test_bad_flags_are_usage_errors(run):
    cases = [
        (["--staff", "-3"], "-3 is out of range: give a number from 1 to 100000."),
        (["--staff", "lots"], "'lots' is not a whole number: type digits, e.g. 4 or about 150."),
        (["--budget", "-5"], "The amount '-5' is negative: give 0 or more."),
        (["--budget", "nan"], "'nan' is not an amount: write it like 250, 250.00 or 250,00."),
        (["--channel", "mail"], "'mail' is not one of: shop, online, both."),
        (["--currency", "XYZ"], "Unknown currency 'XYZ': use a three-letter code such as EUR, DKK or USD."),
    ]
    for args, message in cases:
        result = run("suggest", "--no-input", "--situation", "x", *args)
        assert result.stderr.strip().splitlines()[-1] == message, args
        assert result.exit_code == 2, args


def test_stdin_not_a_terminal_behaves_as_no_input(run):
    result = run("suggest", "--situation", SITUATION, "--format", "json")
    assert result.exit_code == 0
    assert "stdin is not a terminal: not asking questions (as with --no-input)." in result.stderr
    assert json.loads(result.stdout)["suggestions"]


def test_save_and_load_profile_round_trip(run, tmp_path):
    path = tmp_path / "shop.yaml"
    first = suggest_json(
        run, "--shop-name", "Brød & Co", "--sector", "bakery", "--budget", "75", "--situation", "sold out of rye bread", "--save", str(path)
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# wowcoach profile")
    assert yaml.safe_load(text)["budget"] == "75.00"
    second = suggest_json(run, "--profile", str(path))
    assert second == first
    # Flags win over the profile.
    third = suggest_json(run, "--profile", str(path), "--shop-name", "Other")
    assert third["profile"]["shop_name"] == "Other" and third["profile"]["sector"] == "bakery"


def test_save_refuses_to_overwrite_without_force(run, tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_text("keep me")
    result = run("suggest", "--no-input", "--situation", "x", "--save", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path} already exists: use --force to overwrite it."
    assert path.read_text() == "keep me"
    assert run("suggest", "--no-input", "--situation", "x", "--save", str(path), "--force").exit_code == 0
    assert "keep me" not in path.read_text()


def test_broken_profile(run, tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_text("staff: many\nbudget: -1\n")
    result = run("suggest", "--no-input", "--profile", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path}: budget: The amount '-1' is negative: give 0 or more."
    path.write_text("staf: 3\n")
    result = run("suggest", "--no-input", "--profile", str(path))
    assert result.stderr.strip() == f"{path}: staf: unknown field (check its spelling)"


def test_interview_reasks_invalid_answers(run):
    answers = [
        "Fietsen Jansen",  # shop name
        "bike-shop",  # sector
        "shop",  # channel
        "-3",  # staff: refused
        "lots",  # staff: refused
        "3",  # staff
        "",  # customers: default
        "",  # currency: default (EUR under LANG=C)
        "25,50",  # budget
        "nl",  # language
        "De band van een klant was lek vlak voor zijn bruiloft",  # situation
        "",  # situation type: skip
        "",  # already
    ]
    result = run("suggest", "--ask", "--format", "json", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout
    assert "-3 is out of range: give a number from 1 to 100000." in result.stdout
    assert "'lots' is not a whole number: type digits, e.g. 4 or about 150." in result.stdout
    data = json.loads(result.stdout[result.stdout.index('{\n  "profile"') :])
    assert data["profile"]["staff"] == 3 and data["profile"]["budget_cents"] == 2550
    assert data["profile"]["lang"] == "nl" and data["profile"]["customers"] == 100


@pytest.mark.parametrize(
    "channel,kind",
    [("in de winkel", "nee"), ("in the shop", "weet niet"), ("i butikken", "not sure"), ("winkel", "ved ikke"), ("shop", "niks")],
)
def test_the_interview_takes_its_own_hints_and_no_for_an_answer(run, channel, kind):
    """The channel as the question's hint words it ("In de winkel, online of beide."), and "no" or
    "don't know" to the situation's type in any of our languages: no type, not the nearest one
    ("nee" was read as trust and abuse)."""
    answers = ["Bakkerij Smit", "bakery", channel, "2", "", "", "50", "nl", "Een klant klaagt over de taart", kind, ""]
    result = run("suggest", "--ask", "--format", "json", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout
    profile = json.loads(result.stdout[result.stdout.index('{\n  "profile"') :])["profile"]
    assert (profile["channel"], profile["situation_type"]) == ("shop", None)


def test_the_note_on_a_piped_stdin_is_in_the_profiles_language(run, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("shop_name: Fietsen Jansen\nsector: bike-shop\nlang: nl\nsituation: Een klant wacht op een onderdeel\n")
    result = run("suggest", "--profile", str(profile), env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert "stdin is geen terminal: er worden geen vragen gesteld (zoals bij --no-input)." in result.stderr


def test_end_of_input_at_a_prompt(run, tmp_path):
    path = tmp_path / "shop.yaml"
    result = run("suggest", "--ask", "--save", str(path), input="Only a name\n")
    assert result.exit_code == 1
    assert result.stderr.strip() == "No answer (end of input): use --no-input and flags such as --situation to run without questions."
    assert not path.exists()


def test_ctrl_c_at_a_prompt(run, monkeypatch):
    import rich.prompt

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rich.prompt.Prompt, "ask", interrupt)
    result = run("suggest", "--ask")
    assert result.exit_code == 130
    assert result.stderr.strip() == "Execution stopped by user."


def test_markdown_and_table(run):
    md = run("suggest", "--no-input", "--format", "markdown", "--shop-name", "A|B *C*", "--situation", SITUATION).stdout
    assert md.startswith("# Suggestions for A\\|B \\*C\\*")
    assert "| Ideas for your shop | Cost |" in md
    table = run("suggest", "--no-input", "--situation", SITUATION, "--shop-name", "[bold]Mine[/]").stdout
    assert "[bold]Mine[/]" in table and "Why it matches" in table


def _idea_costs(markdown: str) -> list[str]:
    costs, in_table = [], False
    for line in markdown.splitlines():
        if line.startswith("| Ideas for your shop |"):
            in_table = True
        elif in_table and line.startswith("| "):
            costs.append(line.rstrip(" |").rsplit("| ", 1)[1])
        elif not line.startswith("|"):
            in_table = False
    return costs


def test_budget_filters_ideas(run):
    args = ("suggest", "--no-input", "--format", "markdown", "--top", "10", "--situation", "customer's dog")
    costs = _idea_costs(run(*args, "--budget", "0").stdout)
    assert costs and all(c == "free" or c.endswith("(over budget)") for c in costs), costs
    rich_costs = _idea_costs(run(*args, "--budget", "5000").stdout)
    assert not any("over budget" in c for c in rich_costs)
    assert set(rich_costs) - {"free"}, "a large budget shows paid ideas too"
