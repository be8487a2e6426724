"""The owner's month in the owner's words, in Dutch and in Danish: local names for every choice
(one typo forgiven, at most three "did you mean"), numbers, months and dates as people write
them, money in the shop's own currency, a shared ledger that does not split by a typo, a plan
made for this shop, and no English in what a Dutch or Danish owner reads."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from wowcoach.cli.app import app
from wowcoach.cli.environment import Environment

NL = {"LANG": "nl_NL.UTF-8"}
DA = {"LANG": "da_DK.UTF-8"}
LOCALE = {"nl": NL, "da": DA}


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def at_a_terminal(*args: str, input: str, env: dict[str, str]):
    """A run whose stdin is a terminal (the answers typed come from `input`)."""
    result = CliRunner().invoke(app, list(args), input=input, env=env, obj=Environment(stdin_isatty=True), catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def stories(run, *args, env):
    return [c["id"] for c in json.loads(ok(run("cases", "list", "--format", "json", *args, env=env)).stdout)["cases"]]


# ---- names in the owner's language ---------------------------------------------------------


@pytest.mark.parametrize(
    "lang, sector, situation",
    [("nl", "bakkerij", "klacht"), ("da", "cykelforretning", "klage"), ("nl", "webwinkel", "klachten"), ("da", "webshop", "klager")],
)
def test_cases_list_takes_local_names(run, lang, sector, situation):
    env = LOCALE[lang]
    by_id = stories(run, "--sector", {"bakkerij": "bakery", "cykelforretning": "bike-shop"}.get(sector, "web-shop"), env=env)
    assert by_id and stories(run, "--sector", sector, env=env) == by_id
    assert stories(run, "--situation", situation, env=env) == stories(run, "--situation", "complaint", env=env) != []


@pytest.mark.parametrize(
    "env, typed, sector", [(NL, "bakkerj", "bakery"), (DA, "cykelbutk", "bike-shop"), (NL, "fietsenwinkl", "bike-shop")]
)
def test_a_sector_with_one_typo(run, env, typed, sector):
    assert stories(run, "--sector", typed, env=env) == stories(run, "--sector", sector, env=env) != []


@pytest.mark.parametrize(
    "env, typed, message",
    [
        (NL, "xyz", "'xyz' kent wowcoach niet als branche: `wowcoach cases tags` laat ze allemaal zien."),
        (DA, "xyz", "'xyz' kender wowcoach ikke som branche: `wowcoach cases tags` viser dem alle."),
        (NL, "boekhandelaar", "'boekhandelaar' kent wowcoach niet als branche. Bedoel je: Boekhandel?"),
        (DA, "boghandlerne", "'boghandlerne' kender wowcoach ikke som branche. Mente du: Boghandel?"),
        (DA, "b", "'b' passer på 5 valg, blandt andet Bageri, Boghandel, Cykelforretning: skriv et par bogstaver mere."),
    ],
)
def test_a_miss_names_at_most_three_or_where_to_look(run, env, typed, message):
    result = run("cases", "list", "--sector", typed, "--format", "json", env=env)
    assert (result.exit_code, result.stderr.strip()) == (2, message)


NEW_SECTORS = [
    ("butcher", "slagerij", "slagter"),
    ("food-specialist", "kaaswinkel", "fiskehandler"),
    ("garden-centre", "tuincentrum", "havecenter"),
    ("hardware", "ijzerwarenwinkel", "isenkræmmer"),
    ("jeweller", "juwelier", "guldsmed"),
    ("sports", "sportwinkel", "sportsbutik"),
    ("gift-shop", "cadeauwinkel", "gavebutik"),
]


@pytest.mark.parametrize("sector, dutch, danish", NEW_SECTORS)
def test_the_new_sectors_by_their_local_names(run, sector, dutch, danish):
    def own(word, env):
        plan = json.loads(ok(run("plan", "--no-input", "--month", "2027-03", "--sector", word, "--format", "json", env=env)).stdout)
        return [g["id"] for g in plan["plan"]["gestures"] if g["for_sector"]]

    by_id = own(sector, NL)
    assert len(by_id) >= 4
    assert own(dutch, NL) == by_id == own(danish, DA)


@pytest.mark.parametrize("env, word, value", [(NL, "plezier", "fun-weirdness"), (DA, "sjov", "fun-weirdness"), (DA, "ydmyg", "be-humble")])
def test_values_show_by_a_word_of_the_name(run, env, word, value):
    assert json.loads(ok(run("values", "show", word, "--format", "json", env=env)).stdout)["id"] == value


def test_cases_tags_lists_the_names_to_use(run):
    nl = json.loads(ok(run("cases", "tags", "--format", "json", env=NL)).stdout)
    assert {"id": "bakery", "label": "Bakkerij", "stories": nl["sectors"][5]["stories"]} in nl["sectors"]
    da = ok(run("cases", "tags", env=DA)).stdout
    assert "Cykelforretning" in da and "Dødsfald og sorg" in da and "bike-shop" not in da


@pytest.fixture
def ledger(run, tmp_path):
    """A ledger of one shop with a plan for March 2027 in euros."""
    db = str(tmp_path / "ledger.sqlite")
    ok(run("plan", "--no-input", "--budget", "100", "--staff-name", "Anna", "--month", "2027-03", "--record", "--db", db))
    return db


def logged(run, db, env, month="2027-03"):
    return json.loads(ok(run("log", "list", "--db", db, "--month", month, "--format", "json", env=env)).stdout)["entries"]


@pytest.mark.parametrize("env, gesture, value", [(NL, "bloemen", "plezier"), (DA, "blomster", "sjov")])
def test_log_add_takes_gesture_and_value_names(run, ledger, env, gesture, value):
    ok(
        run(
            "log",
            "add",
            "--db",
            ledger,
            "--by",
            "Anna",
            "--what",
            "x",
            "--cost",
            "5",
            "--date",
            "2027-03-02",
            "--gesture",
            gesture,
            env=env,
        )
    )
    ok(run("log", "add", "--db", ledger, "--by", "Anna", "--what", "y", "--cost", "0", "--date", "2027-03-03", "--value", value, env=env))
    entries = logged(run, ledger, env)
    assert [(e["gesture_id"], e["value_id"]) for e in entries] == [("bunch-of-flowers", "deliver-wow"), (None, "fun-weirdness")]


@pytest.mark.parametrize(
    "env, answer, asked", [(NL, "plezier", "Welke kernwaarde laat het zien"), (DA, "sjov", "Hvilken kerneværdi viser den")]
)
def test_the_value_typed_at_the_log_add_prompt(ledger, env, answer, asked):
    result = at_a_terminal(
        "log", "add", "--db", ledger, "--by", "Anna", "--what", "x", "--cost", "0", "--date", "2027-03-02", input=answer + "\n", env=env
    )
    assert result.exit_code == 0, result.stderr
    assert asked in result.stdout


@pytest.mark.parametrize("env, lang", [(NL, "nl"), (DA, "da")])
def test_the_interview_takes_local_words_and_typos(run, env, lang):
    answers = ["", "cykelbutk", "", "ca. 3", "~250", "", "500", "", "Een klant had een lekke band", "", ""]
    result = run("suggest", "--ask", "--format", "json", input="\n".join(answers) + "\n", env=env)
    assert result.exit_code == 0, result.stdout
    profile = json.loads(result.stdout[result.stdout.index('{\n  "profile"') :])["profile"]
    assert (profile["sector"], profile["staff"], profile["customers"], profile["lang"]) == ("bike-shop", 3, 250, lang)


@pytest.mark.parametrize("env, help_text", [(NL, "Plan een verrassingsbudget per maand"), (DA, "Planlæg et månedligt overraskelsesbudget")])
def test_help_as_a_command_and_format_in_any_case(run, env, help_text):
    assert help_text in ok(run("help", "plan", env=env)).stdout
    assert "log" in ok(run("help", env=env)).stdout
    assert help_text in ok(run("help", "paln", env=env)).stdout  # a typo in a command's name too
    assert json.loads(ok(run("values", "list", "--format", "JSON", env=env)).stdout)["values"]


# ---- numbers, months and days as people write them ---------------------------------------


@pytest.mark.parametrize(
    "typed, count", [("1.200", 1200), ("1 200", 1200), ("ca. 150", 150), ("~250", 250), ("about 250", 250), ("omkring 40", 40)]
)
@pytest.mark.parametrize("env", [NL, DA])
def test_counts_as_people_write_them(run, env, typed, count):
    result = ok(run("suggest", "--no-input", "--customers", typed, "--situation", "x", "--format", "json", env=env))
    assert json.loads(result.stdout)["profile"]["customers"] == count


@pytest.mark.parametrize("typed", ["2027-1", "01-2027", "1/2027", "januari 2027", "jan 2027", "januar 2027", "Jan. 2027"])
@pytest.mark.parametrize("env", [NL, DA])
def test_months_as_people_write_them(run, env, typed):
    assert json.loads(ok(run("plan", "--no-input", "--month", typed, "--format", "json", env=env)).stdout)["plan"]["month"] == "2027-01"


@pytest.mark.parametrize("env, word", [(NL, "next"), (NL, "volgende"), (DA, "næste"), (DA, "next")])
def test_next_month_by_its_word(run, env, word):
    from datetime import date

    from wowcoach.dates import shift

    expected = shift(date.today().replace(day=1), 1).strftime("%Y-%m")
    assert json.loads(ok(run("plan", "--no-input", "--month", word, "--format", "json", env=env)).stdout)["plan"]["month"] == expected


def test_a_month_name_alone_is_the_coming_one_for_a_plan_and_the_last_one_for_a_list():
    from datetime import date

    from wowcoach.dates import parse_month

    today = date(2026, 11, 20)
    assert parse_month("januar", today, ahead=True) == date(2027, 1, 1)
    assert parse_month("januari", today) == date(2026, 1, 1)
    assert parse_month("november", today, ahead=True) == parse_month("november", today) == date(2026, 11, 1)


@pytest.mark.parametrize("typed", ["16-03-2027", "16/3/2027", "16.3.2027", "16 maart 2027", "16. marts 2027", "2027-03-16"])
@pytest.mark.parametrize("env", [NL, DA])
def test_days_as_people_write_them(run, ledger, env, typed):
    ok(run("log", "add", "--db", ledger, "--by", "Anna", "--what", "x", "--cost", "0", "--value", "wow", "--date", typed, env=env))
    assert [e["day"] for e in logged(run, ledger, env)] == ["2027-03-16"]


@pytest.mark.parametrize("env, word", [(NL, "vandaag"), (NL, "today"), (DA, "i dag"), (DA, "I dag")])
def test_today_in_our_languages(run, tmp_path, env, word):
    from datetime import date

    db = str(tmp_path / "l.sqlite")
    ok(
        run(
            "log",
            "add",
            "--db",
            db,
            "--new-shop",
            "--shop",
            "Zon",
            "--by",
            "A",
            "--what",
            "x",
            "--cost",
            "0",
            "--value",
            "wow",
            "--date",
            word,
            env=env,
        )
    )
    entries = json.loads(ok(run("log", "list", "--db", db, "--format", "json", env=env)).stdout)["entries"]
    assert [e["day"] for e in entries] == [date.today().isoformat()]


@pytest.mark.parametrize(
    "env, message",
    [
        (NL, "februari 2027 heeft 28 dagen, dus '2027-02-30' is geen datum: controleer de dag."),
        (DA, "februar 2027 har 28 dage, så '2027-02-30' er ikke en dato: tjek dagen."),
    ],
)
def test_a_day_that_does_not_exist_says_why(run, ledger, env, message):
    result = run(
        "log", "add", "--db", ledger, "--by", "Anna", "--what", "x", "--cost", "0", "--value", "wow", "--date", "2027-02-30", env=env
    )
    assert (result.exit_code, result.stderr.strip()) == (2, message)


# ---- money in the shop's own currency -------------------------------------------------------


@pytest.mark.parametrize("env, currency, budget", [(NL, "EUR", 5000), (DA, "DKK", 40000), ({"LANG": "en_GB.UTF-8"}, "GBP", 4000)])
def test_the_default_budget_is_a_round_amount_of_the_local_money(run, env, currency, budget):
    profile = json.loads(ok(run("suggest", "--no-input", "--situation", "x", "--format", "json", env=env)).stdout)["profile"]
    assert (profile["currency"], profile["budget_cents"]) == (currency, budget)


def test_without_a_plan_amounts_are_in_the_locales_currency(run, tmp_path):
    db = str(tmp_path / "l.sqlite")
    add = (
        "log",
        "add",
        "--db",
        db,
        "--new-shop",
        "--shop",
        "Cykler",
        "--by",
        "Mette",
        "--what",
        "kaffe",
        "--value",
        "wow",
        "--date",
        "2027-05-02",
    )
    ok(run(*add, "--cost", "50 kr.", env=DA))
    listed = json.loads(ok(run("log", "list", "--db", db, "--month", "2027-05", "--format", "json", env=DA)).stdout)
    assert listed["currency"] == "DKK" and listed["entries"][0]["cost"].replace("\xa0", " ") == "50,00 kr."
    refused = run(
        "log", "add", "--db", db, "--by", "Mette", "--what", "x", "--value", "wow", "--date", "2027-05-03", "--cost", "50 kr.", env=NL
    )
    assert refused.exit_code == 2
    assert refused.stderr.strip().startswith("'50 kr.' is in DKK, maar zonder plan voor 2027-05 zijn de bedragen van deze winkel in EUR:")


@pytest.mark.parametrize("env", [NL, DA])
def test_each_shop_in_its_own_currency(run, tmp_path, env):
    db = str(tmp_path / "chain.sqlite")
    for shop, currency, budget in (("Cykler Aarhus", "DKK", "1000"), ("Fietsen Utrecht", "EUR", "100")):
        ok(
            run(
                "plan",
                "--no-input",
                "--currency",
                currency,
                "--budget",
                budget,
                "--month",
                "2027-03",
                "--record",
                "--db",
                db,
                "--shop",
                shop,
            )
        )
    shops = json.loads(ok(run("review", "--all-shops", "--month", "2027-04", "--db", db, "--format", "json", env=env)).stdout)["shops"]
    assert [(s["shop"], s["currency"]) for s in shops] == [("Cykler Aarhus", "DKK"), ("Fietsen Utrecht", "EUR")]


# ---- a shared ledger that does not split by a typo -----------------------------------------


@pytest.fixture
def chain(run, ledger_target):
    db = str(ledger_target)
    for shop in ("Jensens Cykler Aarhus", "Jensens Cykler Vejle"):
        ok(run("plan", "--no-input", "--staff-name", "Mette", "--month", "2027-03", "--record", "--db", db, "--shop", shop))
    return db


@pytest.mark.parametrize(
    "env, message",
    [
        (NL, "heeft geen winkel 'Jensens Cykler Arhus'. Bedoel je: Jensens Cykler Aarhus? Voeg --new-shop toe"),
        (DA, "har ingen butik 'Jensens Cykler Arhus'. Mente du: Jensens Cykler Aarhus? Tilføj --new-shop"),
    ],
)
def test_a_shop_with_a_typo_is_refused(run, chain, env, message):
    args = ("--db", chain, "--by", "Mette", "--what", "x", "--cost", "1", "--value", "wow", "--date", "2027-03-02")
    result = run("log", "add", *args, "--shop", "Jensens Cykler Arhus", env=env)
    assert result.exit_code == 1 and message in result.stderr
    result = run("review", "--db", chain, "--month", "2027-03", "--shop", "Jensens Cykler Arhus", env=env)
    assert result.exit_code == 1 and message in result.stderr
    result = run("plan", "--no-input", "--month", "2027-03", "--record", "--db", chain, "--shop", "Jensens Cykler Arhus", env=env)
    assert result.exit_code == 1 and message in result.stderr  # a plan starts a shop, but not by a typo
    ok(run("log", "add", *args, "--shop", "jensens cykler aarhus", env=env))  # the same shop, however it is written


@pytest.mark.parametrize(
    "env, message",
    [
        (NL, "heeft meerdere winkels (Jensens Cykler Aarhus, Jensens Cykler Vejle): zeg welke met --shop"),
        (DA, "har flere butikker (Jensens Cykler Aarhus, Jensens Cykler Vejle): sig hvilken med --shop"),
    ],
)
def test_without_a_shop_a_shared_ledger_asks_which(run, chain, env, message):
    result = run(
        "log", "add", "--db", chain, "--by", "Mette", "--what", "x", "--cost", "1", "--value", "wow", "--date", "2027-03-02", env=env
    )
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize(
    "env, message",
    [
        (NL, "heeft meerdere winkels (Jensens Cykler Aarhus, Jensens Cykler Vejle), maar geen 'Zon' (de winkelnaam in het profiel)"),
        (DA, "har flere butikker (Jensens Cykler Aarhus, Jensens Cykler Vejle), men ingen 'Zon' (butiksnavnet i profilen)"),
    ],
)
def test_a_profile_of_a_shop_the_ledger_does_not_hold(run, chain, tmp_path, env, message):
    profile = tmp_path / "zon.yaml"
    profile.write_text("shop_name: Zon\n", encoding="utf-8")
    result = run("review", "--db", chain, "--month", "2027-03", "--profile", str(profile), env=env)
    assert result.exit_code == 2 and message in result.stderr
    profile.write_text("shop_name: jensens cykler vejle\n", encoding="utf-8")
    shown = ok(run("review", "--db", chain, "--month", "2027-03", "--profile", str(profile), env=env)).stdout
    assert "Jensens Cykler Vejle" in shown.splitlines()[0]


@pytest.mark.parametrize(
    "env, message",
    [
        (NL, "heeft geen winkel 'Jensens Cykler Odense'; wel Jensens Cykler Aarhus, Jensens Cykler Vejle."),
        (DA, "har ingen butik 'Jensens Cykler Odense'; den har Jensens Cykler Aarhus, Jensens Cykler Vejle."),
    ],
)
def test_a_new_shop_on_purpose(run, chain, env, message):
    args = (
        "--db",
        chain,
        "--by",
        "Mette",
        "--what",
        "x",
        "--cost",
        "1",
        "--value",
        "wow",
        "--date",
        "2027-03-02",
        "--shop",
        "Jensens Cykler Odense",
    )
    result = run("log", "add", *args, env=env)
    assert result.exit_code == 1 and message in result.stderr
    ok(run("log", "add", *args, "--new-shop", env=env))
    ok(run("plan", "--no-input", "--month", "2027-03", "--record", "--db", chain, "--shop", "Jensens Cykler Kolding", env=env))
    shops = json.loads(ok(run("review", "--all-shops", "--db", chain, "--month", "2027-03", "--format", "json", env=env)).stdout)["shops"]
    assert [s["shop"] for s in shops] == [
        "Jensens Cykler Aarhus",
        "Jensens Cykler Kolding",
        "Jensens Cykler Odense",
        "Jensens Cykler Vejle",
    ]


# ---- a plan made for this shop -------------------------------------------------------------


def menu(run, *args, env=None):
    plan = json.loads(ok(run("plan", "--no-input", "--month", "2027-03", "--format", "json", *args, env=env)).stdout)["plan"]
    return plan


@pytest.mark.parametrize("env", [NL, DA])
def test_a_bakery_at_the_counter_gets_a_bakerys_menu(run, env):
    plan = menu(run, "--sector", "bakkerij", "--channel", "winkel", env=env)
    ids = [g["id"] for g in plan["gestures"]]
    assert {"delivery-fee-waived", "free-small-repair", "pet-treat", "both-sizes-to-try"}.isdisjoint(ids)
    assert {"warm-from-the-oven", "name-on-the-cake", "keep-one-aside"} <= set(ids)
    assert ids.count("pet-treat") == 0 and len(ids) == len(set(ids))
    assert [g["for_sector"] for g in plan["gestures"]] == sorted((g["for_sector"] for g in plan["gestures"]), reverse=True)
    assert {m["id"] for m in plan["mix"]} <= set(ids)


@pytest.mark.parametrize(
    "env, sector, note",
    [
        (NL, "fietsenwinkel", "bovenaan zijn voor een winkel zoals de jouwe (Fietsenwinkel)"),
        (DA, "cykelhandler", "øverst er til en butik som din (Cykelforretning)"),
    ],
)
def test_a_bike_shop_gets_what_a_bike_shop_would_do(run, env, sector, note):
    plan = menu(run, "--sector", sector, "--channel", "shop", env=env)
    ours = [g["id"] for g in plan["gestures"] if g["for_sector"]]
    assert {"loan-while-we-repair", "free-check-after-a-month", "collect-and-bring-back"} <= set(ours)
    assert note in plan["menu_note"]
    shown = ok(run("plan", "--no-input", "--month", "2027-03", "--sector", sector, env=env)).stdout
    assert note in shown.replace("\n", " ")


@pytest.mark.parametrize("env, sector, channel", [(NL, "webwinkel", "online"), (DA, "netbutik", "online")])
def test_an_online_shop_is_offered_what_it_can_send(run, env, sector, channel):
    ids = [g["id"] for g in menu(run, "--sector", sector, "--channel", channel, env=env)["gestures"]]
    assert "delivery-fee-waived" in ids and "both-sizes-to-try" in ids and "local-favour" not in ids


def test_every_sector_has_at_least_four_gestures_of_its_own():
    from wowcoach.knowledge.loader import load_library
    from wowcoach.planning.budget import gestures_for

    library = load_library()
    for sector in library.sectors:
        mine, anyone = gestures_for(library.gestures, sector, "both")
        assert len(mine if sector != "other" else anyone) >= 4, sector


@pytest.mark.parametrize(
    "env, missing, any_too, unknown",
    [
        (
            NL,
            "ontbreekt",
            "`any` betekent al elke branche: geef alleen `[any]`, of alleen de branches waarvoor het gebaar is",
            "branche 'bakkerij' bestaat niet",
        ),
        (
            DA,
            "mangler",
            "`any` betyder allerede alle brancher: angiv `[any]` alene, eller kun de brancher, gestussen er til",
            "ukendt branche 'bakkerij'",
        ),
    ],
)
def test_data_check_refuses_a_gesture_without_sectors(run, tmp_path, env, missing, any_too, unknown):
    import yaml

    from wowcoach.knowledge.files import shipped_gestures_path

    def check(change) -> list[str]:
        data = yaml.safe_load(shipped_gestures_path().read_text(encoding="utf-8"))
        change(data["gestures"])
        path = tmp_path / "gestures.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = run("data", "check", str(path), env=env)
        assert result.exit_code == 1
        return [line.removeprefix(str(path)) for line in result.stderr.strip().splitlines()]

    assert check(lambda gestures: gestures[0].pop("sectors")) == [f":3: handwritten-card: sectors: {missing}"]
    assert check(lambda gestures: gestures[0].pop("channels")) == [f":3: handwritten-card: channels: {missing}"]

    def wrong(gestures):
        gestures[1]["sectors"] = ["bakery", "any"]
        gestures[2]["sectors"] = ["bakkerij"]

    lines = check(wrong)
    assert len(lines) == 2
    assert lines[0].endswith(f": bunch-of-flowers: sectors: {any_too}")
    assert lines[1].endswith(f": small-personal-gift: sectors: {unknown}")


@pytest.mark.parametrize("env, sector", [(NL, "bakkerij"), (DA, "bager")])
def test_the_weekly_story_is_the_shops_own_and_never_twice(run, env, sector):
    for month in ("2027-03", "2027-04", "2027-05"):
        weeks = menu(run, "--sector", sector, "--month", month, env=env)["weeks"]
        ids = [w["story_id"] for w in weeks]
        assert len(ids) == len(set(ids)), month
    from wowcoach.knowledge.loader import load_library

    bakery = {c.id for c in load_library().cases if "bakery" in c.sectors}
    weeks = menu(run, "--sector", sector, env=env)["weeks"]
    assert bakery <= {w["story_id"] for w in weeks} or {w["story_id"] for w in weeks[: len(bakery)]} <= bakery


@pytest.mark.parametrize(
    "env, channel, words", [(NL, "winkel", "past bij je verkoopkanaal (winkel)"), (DA, "begge", "passer til din kanal (butik og online)")]
)
def test_fits_your_channel_names_the_owners_channel(env, channel, words):
    from wowcoach.app.reasons import explain
    from wowcoach.i18n import translator
    from wowcoach.knowledge.loader import load_library
    from wowcoach.matching.rank import Reason
    from wowcoach.profile.choices import channel_choices

    lang = "nl" if env is NL else "da"
    t = translator(lang)
    owner = channel_choices().resolve(channel, t)
    for story_channel in ("shop", "online", "phone", "social"):
        assert explain(load_library(), Reason("channel", story_channel), lang, t, owner) == words


# ---- the interview and the month commands ----------------------------------------------------


@pytest.mark.parametrize(
    "env, situation, ask_save",
    [
        (NL, "Een vaste klant vertelde dat haar man is overleden", "Deze antwoorden bewaren"),
        (DA, "En fast kunde fortalte, at hendes mand er død", "Gem svarene"),
    ],
)
def test_suggest_offers_to_save_with_the_staffs_names(env, situation, ask_save, tmp_path):
    # A situation the stories fit closely: no "tell me more" before the offer to save.
    answers = ["Zon", "bakkerij", "", "2", "", "", "", "", situation, "", ""]
    after = ["j", "Anna, Bo", str(tmp_path / "zon.yaml")]
    result = at_a_terminal("suggest", "--top", "1", input="\n".join(answers + after) + "\n", env=env)
    assert result.exit_code == 0, result.stderr
    assert ask_save in result.stdout
    saved = (tmp_path / "zon.yaml").read_text(encoding="utf-8")
    assert "staff_names:\n- Anna\n- Bo" in saved and "sector: bakery" in saved
    plan = CliRunner().invoke(app, ["plan", "--profile", str(tmp_path / "zon.yaml"), "--format", "json", "--month", "2027-03"], env=env)
    assert [a["name"] for a in json.loads(plan.stdout)["plan"]["allowances"]] == ["Anna", "Bo"]


@pytest.mark.parametrize("env, recorded", [(NL, "Plan voor 2027-03"), (DA, "planen for 2027-03")])
def test_an_interactive_plan_offers_to_record_it(env, recorded, tmp_path):
    db = str(tmp_path / "l.sqlite")
    answers = ["Zon", "", "", "2", "", "", "", "", ""]
    result = at_a_terminal("plan", "--month", "2027-03", "--db", db, input="\n".join([*answers, "j"]) + "\n", env=env)
    assert result.exit_code == 0, result.stderr
    assert recorded.lower() in result.stderr.lower()
    again = at_a_terminal("plan", "--month", "2027-03", "--db", db, input="\n".join([*answers, "j", "n"]) + "\n", env=env)
    assert again.exit_code == 0 and ("vervangen?" in again.stdout or "erstat den?" in again.stdout)


@pytest.mark.parametrize("env", [NL, DA])
def test_no_false_note_with_a_profile_at_a_terminal(env, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("shop_name: Zon\nsector: bakery\nsituation: een klant was jarig\n", encoding="utf-8")
    result = at_a_terminal("suggest", "--profile", str(profile), "--top", "1", input="n\n", env=env)
    assert result.exit_code == 0 and "terminal" not in result.stderr


def overspent(run, db, env):
    args = ("--db", db, "--by", "Anna", "--date", "2027-03-04", "--value", "wow")
    ok(run("log", "add", *args, "--what", "taart", "--cost", "89", env=env))
    ok(run("log", "add", *args, "--what", "bloemen", "--cost", "20", "--over-budget", "een uitvaart", env=env))


@pytest.mark.parametrize(
    "env, spent, why",
    [(NL, "89% van het budget is uitgegeven", "omdat: een uitvaart"), (DA, "89% af budgettet er brugt", "fordi: een uitvaart")],
)
def test_review_says_what_the_figure_is_and_why_it_went_over(run, ledger, env, spent, why):
    args = ("--db", ledger, "--by", "Anna", "--date", "2027-03-04", "--value", "wow")
    ok(run("log", "add", *args, "--what", "taart", "--cost", "89", env=env))
    review = json.loads(ok(run("review", "--db", ledger, "--month", "2027-03", "--format", "json", env=env)).stdout)["review"]
    assert review["warning"].startswith(spent)
    ok(run("log", "add", *args, "--what", "bloemen", "--cost", "20", "--over-budget", "een uitvaart", env=env))
    shown = ok(run("review", "--db", ledger, "--month", "2027-03", env=env)).stdout
    assert why in shown


@pytest.mark.parametrize("env", [NL, DA])
def test_a_review_in_a_chain_names_the_shop(run, chain, env):
    shown = ok(run("review", "--db", chain, "--month", "2027-03", "--shop", "Jensens Cykler Vejle", env=env)).stdout
    assert "Jensens Cykler Vejle" in shown.splitlines()[0]


@pytest.mark.parametrize("env, yes, no", [(NL, "ja", "nee"), (DA, "ja", "nej")])
def test_csv_opens_in_a_local_spreadsheet(run, ledger, env, yes, no):
    args = ("--db", ledger, "--by", "Anna", "--date", "2027-03-04", "--value", "wow", "--what", "taart")
    ok(run("log", "add", *args, "--cost", "12,50", env=env))
    ok(run("log", "outcome", "1", "--came-back", "--db", ledger))
    text = ok(run("log", "list", "--db", ledger, "--month", "2027-03", "--format", "csv", env=env)).stdout
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][4:6] == ["12,50", "EUR"] and rows[1][10:12] == [yes, no]
    assert "cost_cents" not in rows[0] and "True" not in text


# ---- no English in Dutch or Danish output ----------------------------------------------------


@pytest.mark.parametrize(
    "env, case_id, words",
    [
        (NL, "dominos-missed-regular-order", ["11 dagen", "7+ jaar"]),
        (DA, "dominos-missed-regular-order", ["11 dage", "7+ år"]),
        (NL, "ns-week-of-the-lost-cuddly-toy", ["NS (Nederlandse Spoorwegen)", "108.000"]),
        (DA, "warby-parker-home-try-on", ["Warby Parker (virksomhedens hjemmeside)"]),
    ],
)
def test_figures_company_and_source_names_are_translated(run, env, case_id, words):
    shown = json.loads(ok(run("cases", "show", case_id, "--format", "json", env=env)).stdout)
    text = " ".join([shown["company"], shown["source"], *shown["figures"]])
    for word in words:
        assert word in text
    assert "days" not in text and "years" not in text and "company website" not in text


@pytest.mark.parametrize("env, comment", [(NL, "# Klanten per week, ongeveer"), (DA, "# Kunder om ugen, cirka")])
def test_a_saved_profile_is_commented_in_its_language(run, tmp_path, env, comment):
    path = tmp_path / "p.yaml"
    ok(run("suggest", "--no-input", "--situation", "x", "--save", str(path), env=env))
    text = path.read_text(encoding="utf-8")
    assert comment in text and "Customers per week" not in text


@pytest.mark.parametrize(
    "env, message",
    [
        (NL, "niet geldige YAML: er is met een tab ingesprongen: spring in met spaties."),
        (DA, "er ikke gyldig YAML: der er indrykket med en tabulator: indryk med mellemrum."),
    ],
)
def test_yaml_errors_in_the_readers_language(run, tmp_path, env, message):
    path = tmp_path / "p.yaml"
    path.write_text("shop_name: Zon\nsector:\n\tbakery\n", encoding="utf-8")
    result = run("suggest", "--no-input", "--profile", str(path), env=env)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path}:3: {message}" or message.split(": ", 1)[1] in result.stderr


def test_no_english_words_in_a_dutch_or_danish_month(run, ledger):
    """The English an owner should not meet: ids, codes and words, in the plan and the review."""
    for env in (NL, DA):
        shown = ok(run("plan", "--no-input", "--month", "2027-03", "--sector", "bakery", env=env)).stdout
        shown += ok(run("review", "--db", ledger, "--month", "2027-03", env=env)).stdout
        for english in ("Gesture", "Allowance", "bakery", "handwritten-card", " days", "weaker WOW"):
            assert english not in shown, (env, english)
