"""The owner's experience in their own language: choices by label, number or prefix,
defaults from the locale, money in the owner's currency, yes/no, and ideas for this shop."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import shipped_case
from wowcoach.errors import UsageError
from wowcoach.i18n import translator
from wowcoach.knowledge.files import shipped_cases_path
from wowcoach.money import default_currency, read_amount, same_currency
from wowcoach.profile.choices import channel_choices, language_choices, yes_no

SITUATION = "A parcel with a birthday present arrived three days late"


def profile_of(run, *args, env=None):
    result = run("suggest", "--no-input", "--format", "json", "--situation", SITUATION, *args, env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["profile"]


@pytest.mark.parametrize("answer", ["bakkerij", "Bakkerij", "bageri", "Bakery", "bakery", "bakk", "6"])
def test_a_sector_by_label_id_prefix_or_number(run, answer):
    assert profile_of(run, "--sector", answer, "--lang", "nl")["sector"] == "bakery"


def test_everyday_words_for_sectors_and_situations(run):
    assert profile_of(run, "--sector", "cykelbutik")["sector"] == "bike-shop"
    assert profile_of(run, "--sector", "Café")["sector"] == "cafe" and profile_of(run, "--sector", "cafe")["sector"] == "cafe"
    assert profile_of(run, "--situation-type", "verjaardag")["situation_type"] == "special-occasion"
    assert profile_of(run, "--situation-type", "Bijzondere")["situation_type"] == "special-occasion"


def test_channel_and_language_in_local_words():
    nl = translator("nl")
    channel = channel_choices()
    assert [channel.resolve(w, nl) for w in ("winkel", "Online", "beide", "1", "shop")] == ["shop", "online", "both", "shop", "shop"]
    assert channel.labels(nl) == "winkel, online, beide"
    language = language_choices()
    assert [language.resolve(w, nl) for w in ("Nederlands", "dansk", "Engels", "ned", "2", "da")] == ["nl", "da", "en", "nl", "nl", "da"]


def test_a_refusal_lists_the_choices_once(run):
    result = run("suggest", "--no-input", "--sector", "xyz", "--lang", "nl")
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    # Not the whole list of 31: where to see them all.
    assert message == "'xyz' kent wowcoach niet als branche: `wowcoach cases tags` laat ze allemaal zien."
    result = run("suggest", "--no-input", "--sector", "b")
    assert result.stderr.strip().splitlines()[-1] == "'b' fits 4 choices, among them Bakery, Bookshop, Bike shop: type a few more letters."


def test_the_interview_offers_a_numbered_menu_and_takes_a_number(run):
    answers = ["", "6", "", "2", "", "", "", "", SITUATION, "", ""]
    result = run("suggest", "--ask", "--format", "json", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert out.startswith("A few questions about your shop, to find stories and ideas that fit it.")
    assert "6. Bakery" in out and "1. shop" in out and "2. Nederlands" in out
    assert out.count("31. Other") == 1 and "Choices:" not in out
    data = json.loads(out[out.index('{\n  "profile"') :])["profile"]
    assert data["sector"] == "bakery" and data["shop_name"] == "My shop" and data["currency"] == "EUR"


def test_defaults_follow_the_owners_language_and_country(run):
    answers = ["", "webwinkel", "", "", "", "", "", "", SITUATION, "", ""]
    result = run("suggest", "--ask", "--format", "json", input="\n".join(answers) + "\n", env={"LANG": "nl_NL.UTF-8"})
    assert result.exit_code == 0, result.stdout
    assert "Naam van de winkel (Mijn winkel)" in result.stdout and "(online)" in result.stdout
    assert "Valuta (EUR)" in result.stdout and "(Nederlands)" in result.stdout
    data = json.loads(result.stdout[result.stdout.index('{\n  "profile"') :])["profile"]
    assert (data["shop_name"], data["sector"], data["channel"], data["lang"]) == ("Mijn winkel", "web-shop", "online", "nl")
    assert profile_of(run, env={"LANG": "da_DK.UTF-8"})["currency"] == "DKK"
    assert profile_of(run, env={"LANG": "en_GB.UTF-8"})["currency"] == "GBP"
    assert profile_of(run, env={"LANG": "nl_NL.UTF-8"})["currency"] == "EUR"
    assert profile_of(run)["currency"] == "EUR"  # LANG=C: no country


def test_default_currency_of_a_country():
    assert [default_currency(t) for t in ("DK", "NL", "GB", "US", None, "ZZ")] == ["DKK", "EUR", "GBP", "USD", "EUR", "EUR"]


@pytest.mark.parametrize(
    "text, cents, currency",
    [
        ("500 kr.", 50000, "KR"),
        ("DKK 500", 50000, "DKK"),
        ("£40", 4000, "GBP"),
        ("€ 60", 6000, "EUR"),
        ("60 EUR", 6000, "EUR"),
        ("12,50", 1250, None),
        ("50,-", 5000, None),
        ("1.234,56 €", 123456, "EUR"),
    ],
)
def test_amounts_with_their_sign_or_code(text, cents, currency):
    assert read_amount(text, "nl") == (cents, currency)


def test_a_budget_in_another_currency_is_refused_never_converted(run):
    result = run("suggest", "--no-input", "--budget", "500 kr.", "--currency", "EUR", "--situation", "x")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "'500 kr.' is in DKK, not EUR: give the amount in EUR, or choose DKK as the currency (--currency DKK)."
    )
    assert profile_of(run, "--budget", "500 kr.", "--currency", "DKK")["budget_cents"] == 50000
    assert profile_of(run, "--budget", "500 kr.", "--currency", "sek")["currency"] == "SEK"
    # No currency chosen: the one written with the amount is the budget's own.
    gbp = profile_of(run, "--budget", "£40")
    assert (gbp["budget_cents"], gbp["currency"]) == (4000, "GBP")
    plan = run("plan", "--no-input", "--budget", "£40", "--month", "2027-03")
    assert plan.exit_code == 0 and "£40.00" in plan.stdout and "€" not in plan.stdout
    refused = run("plan", "--no-input", "--budget", "£40", "--currency", "EUR", "--month", "2027-03")
    assert refused.exit_code == 2 and "'£40' is in GBP, not EUR" in refused.stderr
    with pytest.raises(UsageError):
        same_currency("$5", "USD", "EUR")


def test_a_profile_file_with_a_budget_in_its_currency(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("budget: 500 kr.\ncurrency: DKK\n", encoding="utf-8")
    assert profile_of(run, "--profile", str(path))["budget_cents"] == 50000
    path.write_text("budget: 500 kr.\ncurrency: EUR\n", encoding="utf-8")
    result = run("suggest", "--no-input", "--profile", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{path}: budget: '500 kr.' is in DKK, not EUR: give the amount in EUR, or choose DKK as the currency (--currency DKK)."
    )


def test_ambiguous_amounts_are_refused(run):
    result = run("plan", "--no-input", "--budget", "60.000", "--month", "2027-03")
    assert result.exit_code == 2
    assert result.stderr.strip() == "'60.000' can be read as 60000 or as 60.00: type 60000 or 60.00, to be sure."
    assert "€60,000.00" in run("plan", "--no-input", "--budget", "60000", "--month", "2027-03").stdout
    assert "€1,500.00" in run("plan", "--no-input", "--budget", "1,500", "--month", "2027-03").stdout
    assert "€ 1.500,00" in run("plan", "--no-input", "--budget", "1.500", "--lang", "nl", "--month", "2027-03").stdout.replace("\xa0", " ")


def test_a_saved_profile_asks_nothing_unless_ask(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("shop_name: De Zon\nsector: bakery\nsituation: Een klant was jarig\n", encoding="utf-8")
    from typer.testing import CliRunner

    from wowcoach.cli.app import app
    from wowcoach.cli.environment import Environment

    terminal = Environment(stdin_isatty=True)
    result = CliRunner().invoke(app, ["suggest", "--profile", str(path), "--format", "json"], obj=terminal)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["profile"]["shop_name"] == "De Zon"
    asked = run("suggest", "--profile", str(path), "--ask", "--format", "json", input="\n" * 12)
    assert asked.exit_code == 0 and "Shop name (De Zon)" in asked.stdout


def test_yes_and_no_in_three_languages():
    assert [yes_no(w) for w in ("j", "Ja", "y", "yes", "n", "nee", "Nej", "no", "misschien")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        None,
    ]


def test_log_remove_asks_in_the_owners_language(run, tmp_path):
    db = tmp_path / "l.sqlite"
    assert (
        run("log", "add", "--db", str(db), "--by", "Sanne", "--what", "een kaartje", "--cost", "0", "--value", "deliver-wow").exit_code == 0
    )
    from typer.testing import CliRunner

    from wowcoach.cli.app import app
    from wowcoach.cli.environment import Environment

    result = CliRunner().invoke(
        app,
        ["log", "remove", "1", "--db", str(db)],
        input="misschien\nj\n",
        obj=Environment(lang="nl", stdin_isatty=True),
        env={"WOWCOACH_LANG": "nl"},
    )
    assert result.exit_code == 0, result.stdout
    assert "[j/n]" in result.stdout and "Antwoord j (ja) of n (nee)." in result.stdout


def test_free_gestures_are_never_refused_and_over_budget_reads_naturally(run, tmp_path):
    db = tmp_path / "l.sqlite"
    assert (
        run("plan", "--no-input", "--budget", "10", "--staff-name", "Sanne", "--month", "2026-11", "--record", "--db", str(db)).exit_code
        == 0
    )

    def add(*args):
        return run("log", "add", "--db", str(db), "--date", "2026-11-05", "--by", "Sanne", "--value", "deliver-wow", *args)

    over = add("--what", "bloemen", "--cost", "23,50", "--over-budget", "een uitvaart", "--lang", "nl")
    assert over.exit_code == 0 and over.stdout.splitlines()[-1].replace("\xa0", " ") == "Sanne zit deze maand € 13,50 boven het budget."
    free = add("--what", "een handgeschreven kaartje", "--cost", "0")
    assert free.exit_code == 0, free.stderr
    assert free.stdout.splitlines()[-1] == "Sanne is €13.50 over budget this month."


def test_values_and_gestures_by_their_names(run, tmp_path):
    db = tmp_path / "l.sqlite"
    result = run("log", "add", "--db", str(db), "--by", "Bo", "--what", "x", "--cost", "0", "--value", "Deliver WOW")
    assert result.exit_code == 0, result.stderr
    entry = json.loads(run("log", "list", "--db", str(db), "--format", "json").stdout)["entries"][0]
    assert entry["value_id"] == "deliver-wow"


def ideas_of(run, sector, situation, *args):
    result = run("suggest", "--no-input", "--format", "json", "--sector", sector, "--situation", situation, "--top", "5", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["suggestions"]


PREFIXES = ("Shoe shop:", "Bike shop:", "Bakery:", "Web shop:", "Bookshop:", "Florist:", "Hairdresser:", "Pet shop:")


def test_ideas_for_your_shop_are_for_its_sector_or_general(run):
    for sector, own in (("bakery", "Bakery"), ("bike-shop", "Bike shop")):
        suggestions = ideas_of(run, sector, "A customer asked for a size that was sold out; we had none left")
        assert suggestions and all(s["ideas"] for s in suggestions), sector
        for s in suggestions:
            texts = s["ideas"]
            if s["ideas_from"]:
                assert all(t.split(":")[0] not in (own,) for t in texts)
                continue
            for t in texts:
                head = t.split(": ")[0] + ":"
                assert head not in PREFIXES or head.startswith(own) or own.lower() in head.lower(), (sector, t)


def test_an_idea_written_for_other_sectors_is_not_shown_as_for_this_shop(run):
    from wowcoach.knowledge.loader import load_library

    written_for = {i.text.en: i.sectors for c in load_library().cases for i in c.ideas}
    assert sum(bool(s) for s in written_for.values()) >= 40  # the shipped sector ideas say so explicitly
    situations = (
        "A customer asked for a size that was sold out; we had none left",
        SITUATION,
        "A tourist asks where the nearest pharmacy is, late in the evening",
    )
    shown_as_own = 0
    for sector in ("bike-shop", "bakery", "florist"):
        for situation in situations:
            own = [s for s in ideas_of(run, sector, situation) if not s["ideas_from"]]
            for s in own:
                assert all(not written_for[t] or sector in written_for[t] for t in s["ideas"]), (sector, s["id"])
            shown_as_own += len(own)
    assert shown_as_own >= 9  # most suggestions do have ideas for the shop: the check above saw them


def test_when_all_ideas_are_for_other_sectors_it_says_so(run):
    suggestions = ideas_of(run, "bakery", "A customer asked for a size that was sold out; we had none left")
    elsewhere = [s for s in suggestions if s["ideas_from"]]
    assert elsewhere, [s["id"] for s in suggestions]
    table = run(
        "suggest",
        "--no-input",
        "--sector",
        "bakery",
        "--top",
        "5",
        "--situation",
        "A customer asked for a size that was sold out; we had none left",
    ).stdout
    assert "Ideas from other shops (" + elsewhere[0]["ideas_from"] in table


def test_no_ids_or_channel_codes_on_the_suggestion_panels(run):
    data = ideas_of(run, "bakery", SITUATION)
    table = run("suggest", "--no-input", "--sector", "bakery", "--top", "5", "--situation", SITUATION).stdout
    assert len(data) == 5
    for s in data:
        assert s["id"] not in table
    assert "(any)" not in table


def test_verbose_shows_the_ids_and_scores_json_has(run):
    data = json.loads(run("suggest", "--no-input", "--format", "json", "--situation", SITUATION).stdout)
    table = run("suggest", "--no-input", "--verbose", "--situation", SITUATION).stdout
    assert data["suggestions"]
    for s in data["suggestions"]:
        assert f"{s['id']} · {s['score']:.4f} · {data['confidence']}" in table
    plan = json.loads(run("plan", "--no-input", "--budget", "100", "--month", "2027-03", "--format", "json").stdout)["plan"]
    shown = run("--verbose", "plan", "--no-input", "--budget", "100", "--month", "2027-03").stdout
    quiet = run("plan", "--no-input", "--budget", "100", "--month", "2027-03").stdout
    assert plan["gestures"] and plan["weeks"]
    for g in plan["gestures"]:
        assert f"({g['id']})" in shown and f"({g['id']})" not in quiet
    for w in plan["weeks"]:
        assert f"({w['story_id']})" in shown and w["story_id"] not in quiet


def test_root_options_after_the_command(run, tmp_path):
    """The root's options work before the command's name, after it and after a group's name;
    --cases given in two places add up, and a value that looks like an option stays a value."""
    missing = str(tmp_path / "none.yaml")
    said = (1, f"{missing} does not exist: check the path.")
    for args in (
        ("--cases", missing, "suggest", "--no-input", "--situation", "x"),
        ("suggest", "--no-input", "--situation", "x", "--cases", missing),
        ("cases", "--cases", missing, "list"),
        ("cases", "list", "--cases", missing),
        ("--cases", str(shipped_cases_path()), "cases", "list", "--cases", missing),
    ):
        result = run(*args)
        assert (result.exit_code, result.stderr.strip()) == said, args
    story = tmp_path / "story.yaml"
    case = shipped_case()
    story.write_text(yaml.safe_dump({"cases": [{**case, "id": "my-own-story"}]}), encoding="utf-8")
    listed = run("cases", "list", "--format", "json", "--cases", str(story), "--replace-cases")
    assert [c["id"] for c in json.loads(listed.stdout)["cases"]] == ["my-own-story"]
    plain = run("values", "list", "--no-color", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert plain.exit_code == 0 and "\x1b[" not in plain.stdout
    assert "\x1b[" in run("values", "list", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).stdout
    what = run("log", "add", "--db", str(tmp_path / "l.sqlite"), "--by", "Bo", "--what", "--verbose", "--cost", "0", "--value", "be-humble")
    assert what.exit_code == 0, what.stderr
    entries = json.loads(run("log", "list", "--db", str(tmp_path / "l.sqlite"), "--format", "json").stdout)["entries"]
    assert [e["what"] for e in entries] == ["--verbose"]


def test_staff_names_in_the_profile_are_used_by_plan_and_export(run, tmp_path):
    path = tmp_path / "zon.yaml"
    path.write_text("shop_name: De Zon\nstaff_names: [Anna, Bo]\nbudget: 100\n", encoding="utf-8")
    plan = json.loads(run("plan", "--no-input", "--profile", str(path), "--month", "2027-03", "--format", "json").stdout)
    assert [a["name"] for a in plan["plan"]["allowances"]] == ["Anna", "Bo"]
    flag = json.loads(
        run("plan", "--no-input", "--profile", str(path), "--staff-name", "Cees", "--month", "2027-03", "--format", "json").stdout
    )
    assert [a["name"] for a in flag["plan"]["allowances"]] == ["Cees"]
    other = tmp_path / "other.yaml"
    other.write_text("shop_name: Other\nstaff: 2\n", encoding="utf-8")
    result = run("export", "--profile", str(path), "--profile", str(other), "--out-dir", str(tmp_path / "clients"), "--month", "2027-03")
    assert result.exit_code == 0, result.stderr
    assert "Anna" in (tmp_path / "clients" / "zon.md").read_text(encoding="utf-8")
    assert "Anna" not in (tmp_path / "clients" / "other.md").read_text(encoding="utf-8")


def test_the_interview_asks_plan_for_names_and_saves_them(run, tmp_path):
    from wowcoach.profile.answers import Profile, from_mapping, to_yaml

    saved = to_yaml(Profile(staff_names=("Anna", "Bo")))
    assert "staff_names:\n- Anna\n- Bo" in saved
    import yaml

    assert from_mapping(yaml.safe_load(saved)).staff_names == ("Anna", "Bo")
    answers = [
        "Zon",
        "",
        "",
        "3",
        "Anna, Bo, Cees",
        "",
        "",
        "100",
        "",
    ]  # shop, sector, channel, staff, names, customers, currency, budget, language
    result = run("plan", "--ask", "--month", "2027-03", "--format", "json", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout[result.stdout.index('{\n  "plan"') :])
    assert [a["name"] for a in data["plan"]["allowances"]] == ["Anna", "Bo", "Cees"]


def test_weeks_by_their_dates_without_story_ids(run):
    result = run("plan", "--no-input", "--month", "2027-01")
    assert result.exit_code == 0
    assert "│ 53 " not in result.stdout and "Week " not in result.stdout
    data = json.loads(run("plan", "--no-input", "--month", "2027-01", "--format", "json").stdout)
    assert len(data["plan"]["weeks"]) == 5  # January 2027: five weeks, by their dates
    for week in data["plan"]["weeks"]:
        assert week["story_id"] not in result.stdout  # in JSON, not in what the owner reads


@pytest.mark.parametrize(
    "words, offered",
    [
        ("wowcoach cases show zappos-piz", ["zappos-pizza"]),
        ("wowcoach values show deli", ["deliver-wow"]),
        ("wowcoach log add --gesture handw", ["handwritten-card"]),
        ("wowcoach suggest --sector bike", ["bike-shop"]),
    ],
)
def test_shell_completion_offers_ids(words, offered):
    from typer.testing import CliRunner

    from wowcoach.cli.app import app

    env = {"_WOWCOACH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = CliRunner().invoke(app, [], env=env, prog_name="wowcoach")
    assert result.stdout.split() == offered


def test_review_shows_outcome_notes_and_the_trend_of_the_last_months(run, tmp_path):
    db = tmp_path / "l.sqlite"
    for month in ("2027-01", "2027-02"):
        assert (
            run("plan", "--no-input", "--budget", "60", "--staff-name", "Anna", "--month", month, "--record", "--db", str(db)).exit_code
            == 0
        )

    def add(day, cost):
        return run(
            "log", "add", "--db", str(db), "--date", day, "--by", "Anna", "--what", "a card", "--cost", cost, "--value", "deliver-wow"
        )

    assert add("2027-01-10", "5").exit_code == 0 and add("2027-02-03", "3").exit_code == 0 and add("2027-02-20", "0").exit_code == 0
    assert run("log", "outcome", "2", "--db", str(db), "--came-back", "--note", "ordered a cake").exit_code == 0
    result = run("review", "--month", "2027-02", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "What came of it" in result.stdout and "3 Feb · Anna: a card – came back: ordered a cake" in result.stdout
    assert "The last months" in result.stdout and "Jan 2027" in result.stdout and "Feb 2027" in result.stdout
    data = json.loads(run("review", "--month", "2027-02", "--db", str(db), "--format", "json").stdout)["review"]
    assert [(t["month"], t["spent_cents"], t["gestures"], t["came_back"]) for t in data["trend"]] == [
        ("2027-01", 500, 1, 0),
        ("2027-02", 300, 2, 1),
    ]
    markdown = run("review", "--month", "2027-02", "--db", str(db), "--format", "markdown").stdout
    assert "## The last months" in markdown and "- 3 Feb · Anna: a card – came back: ordered a cake" in markdown
    first = json.loads(run("review", "--month", "2027-01", "--db", str(db), "--format", "json").stdout)["review"]
    assert first["trend"] == []  # one month is no trend


def test_a_cost_in_another_currency_than_the_plan_is_refused(run, tmp_path):
    db = tmp_path / "l.sqlite"
    assert (
        run(
            "plan",
            "--no-input",
            "--budget",
            "500",
            "--currency",
            "DKK",
            "--staff-name",
            "Mette",
            "--month",
            "2027-01",
            "--record",
            "--db",
            str(db),
        ).exit_code
        == 0
    )

    def add(cost):
        return run(
            "log",
            "add",
            "--db",
            str(db),
            "--date",
            "2027-01-10",
            "--by",
            "Mette",
            "--what",
            "blomster",
            "--cost",
            cost,
            "--value",
            "deliver-wow",
        )

    assert add("50 kr.").exit_code == 0
    refused = add("€5")
    assert (refused.exit_code, refused.stderr.strip()) == (
        2,
        "'€5' is in EUR, not DKK: give the amount in DKK, or choose EUR as the currency (--currency EUR).",
    )
