"""`wowcoach plan`: allowances exact to the cent, the gesture mix, weeks, money in three locales."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from wowcoach.planning.budget import allocate

BASE = ("plan", "--no-input", "--month", "2027-03")


def plan_json(run, *args):
    result = run(*BASE, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["plan"]


@given(st.integers(0, 10**12), st.integers(1, 5000))
def test_allocations_add_up_exactly_and_never_go_negative(total, people):
    parts = allocate(total, people)
    assert sum(parts) == total
    assert len(parts) == people
    assert min(parts) >= 0 and max(parts) - min(parts) <= 1


def test_json_shape_and_exact_allowances(run):
    plan = plan_json(run, "--budget", "100", "--staff", "3")
    assert list(plan)[:6] == ["month", "currency", "budget_cents", "allowances", "mix", "weeks"]
    assert plan["month"] == "2027-03" and plan["currency"] == "EUR" and plan["budget_cents"] == 10000
    assert [a["cents"] for a in plan["allowances"]] == [3334, 3333, 3333]
    assert all(set(a) == {"name", "cents"} for a in plan["allowances"])
    assert sum(m["total_cents"] for m in plan["mix"]) + plan["reserve_cents"] == 10000
    assert len(plan["weeks"]) == 5  # March 2027 touches five Monday-to-Sunday weeks
    assert len({w["value_id"] for w in plan["weeks"]}) == 5


def test_staff_names(run):
    plan = plan_json(run, "--budget", "50", "--staff-name", "Anna", "--staff-name", "Bo")
    assert plan["allowances"] == [{"name": "Anna", "cents": 2500}, {"name": "Bo", "cents": 2500}]


def test_mix_favours_emotional_gestures_and_respects_the_cap(run):
    plan = plan_json(run, "--budget", "500", "--cap", "8")
    paid = [m for m in plan["mix"] if m["count"]]
    assert paid and all(m["unit_cents"] <= 800 for m in paid)
    weaker = sum(m["total_cents"] for m in paid if m["weaker"])
    emotional = sum(m["total_cents"] for m in paid if not m["weaker"])
    assert weaker <= 5000 < emotional


def test_zero_budget_gives_free_gestures(run):
    plan = plan_json(run, "--budget", "0", "--staff", "2")
    assert plan["mix"] and all(m["count"] == 0 and m["unit_cents"] == 0 for m in plan["mix"])
    assert [a["cents"] for a in plan["allowances"]] == [0, 0]


def test_money_and_month_in_three_languages(run):
    def shown(*args):  # Babel keeps amounts together with no-break spaces
        return run(*BASE, *args).stdout.replace("\xa0", " ")

    nl = shown("--budget", "1234,56", "--lang", "nl")
    en = shown("--budget", "1,234.56", "--lang", "en")
    da = shown("--budget", "1.234,56", "--lang", "da")
    assert "€ 1.234,56" in nl and "maart 2027" in nl
    assert "€1,234.56" in en and "March 2027" in en
    assert "1.234,56 €" in da and "marts 2027" in da
    dkk = shown("--budget", "1500", "--currency", "DKK", "--lang", "da")
    assert "1.500,00 kr." in dkk


def test_bad_input(run):
    cases = [
        (["--budget", "-10"], 2, "The amount '-10' is negative: give 0 or more."),
        (["--budget", "lots"], 2, "'lots' is not an amount: write it like 250, 250.00 or 250,00."),
        (["--budget", "NaN"], 2, "'NaN' is not an amount: write it like 250, 250.00 or 250,00."),
        (["--budget", "1e309"], 2, "'1e309' is not an amount: write it like 250, 250.00 or 250,00."),
        (["--budget", "999999999999"], 2, "999999999999 is more than any amount wowcoach takes (100 million): check the number."),
        (["--staff", "0"], 2, "0 is out of range: give a number from 1 to 100000."),
        (["--staff", "-2"], 2, "-2 is out of range: give a number from 1 to 100000."),
        (["--month", "2027-13"], 2, "'2027-13' has no month 13: months go from 1 to 12."),
        (["--month", "Marsh"], 2, "'Marsh' is not a month: write it like 2027-01, 1/2027 or January 2027 (or next, this, last)."),
        (["--currency", "EUROPE"], 2, "Unknown currency 'EUROPE': use a three-letter code such as EUR, DKK or USD."),
        (["--policy", "keep"], 2, "Unknown policy 'keep': use expires or rolls-over."),
        (["--cap", "0"], 2, "The cap per gesture must be more than 0; leave --cap out for no cap."),
        (["--staff", "3", "--staff-name", "Anna"], 2, "Use --staff or --staff-name, not both (or give as many names as --staff says)."),
        (["--staff-name", "Bo", "--staff-name", "bo"], 2, "Two people have the same name: make each --staff-name unique."),
    ]
    for args, code, message in cases:
        result = run("plan", "--no-input", *args)
        assert (result.exit_code, result.stderr.strip()) == (code, message), args


def test_default_month_is_next_month(run):
    from datetime import date

    from wowcoach.planning.budget import next_month

    plan = json.loads(run("plan", "--no-input", "--format", "json").stdout)["plan"]
    assert plan["month"] == next_month(date.today()).strftime("%Y-%m")


def test_plan_reads_a_saved_profile(run, tmp_path):
    path = tmp_path / "shop.yaml"
    run(
        "suggest",
        "--no-input",
        "--shop-name",
        "Brød",
        "--budget",
        "300",
        "--currency",
        "DKK",
        "--staff",
        "4",
        "--lang",
        "da",
        "--situation",
        "x",
        "--save",
        str(path),
        "--format",
        "json",
    )
    plan = plan_json(run, "--profile", str(path))
    assert (plan["currency"], plan["budget_cents"], len(plan["allowances"]), plan["lang"]) == ("DKK", 30000, 4, "da")
    assert plan_json(run, "--profile", str(path), "--budget", "400")["budget_cents"] == 40000


def test_thousands_of_staff(run):
    plan = plan_json(run, "--budget", "100", "--staff", "3000")
    cents = [a["cents"] for a in plan["allowances"]]
    assert sum(cents) == 10000 and cents.count(4) == 1000 and cents.count(3) == 2000


def test_terminal_json_and_markdown_show_the_same_figures(run):
    args = ("--budget", "1234,56", "--staff-name", "Anna", "--staff-name", "Bo", "--staff-name", "Cees", "--lang", "nl", "--cap", "12")
    plan = plan_json(run, *args)
    table = run(*BASE, *args).stdout
    md = run(*BASE, *args, "--format", "markdown").stdout
    from wowcoach.money import format_amount

    cents = [a["cents"] for a in plan["allowances"]] + [m["total_cents"] for m in plan["mix"]]
    cents += [plan["reserve_cents"], plan["budget_cents"]]
    amounts = {format_amount(c, "EUR", "nl") for c in cents}
    for shown in amounts:
        assert shown in md, shown
        assert shown in table, shown
    assert any(m["count"] for m in plan["mix"])
    for m in plan["mix"]:
        if m["count"]:
            assert re.search(rf"{re.escape(m['name'])} \| {m['count']} \|", md)


def test_the_most_staff_allowed_is_one_row_per_amount_on_the_terminal(run):
    """100,000 people (the most --staff allows) as one row per run of equal allowances: Rich took
    minutes to draw a table of 100,000 rows; JSON keeps every person."""
    result = run("plan", "--no-input", "--budget", "1", "--staff", "100000", "--month", "2027-03", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "Person " in line and "Allowance" not in line]
    assert [" ".join(re.sub("[│┃]", " ", line).split()) for line in rows] == [
        "Person 1 – Person 100 (100 people) €0.01",
        "Person 101 – Person 100000 (99900 people) €0.00",
    ]
    nl = run("plan", "--no-input", "--budget", "1", "--staff", "60", "--month", "2027-03", "--lang", "nl", env={"COLUMNS": "100"})
    assert "Persoon 1 – Persoon 40 (40 personen)" in nl.stdout and "Persoon 41 – Persoon 60 (20 personen)" in nl.stdout
    few = run("plan", "--no-input", "--budget", "100", "--staff", "3", "--month", "2027-03", env={"COLUMNS": "100"})
    assert sum("Person " in line and "Allowance" not in line for line in few.stdout.splitlines()) == 3  # a short table whole
    data = json.loads(run("plan", "--no-input", "--budget", "1", "--staff", "100000", "--month", "2027-03", "--format", "json").stdout)
    assert len(data["plan"]["allowances"]) == 100_000


def test_a_plan_of_many_people_formats_each_amount_once(run, monkeypatch):
    """Babel formats each distinct amount once, not once per person: 100,000 calls took over a
    second."""
    import babel.numbers

    from wowcoach.money import format_amount

    calls = []
    real = babel.numbers.format_currency
    monkeypatch.setattr(babel.numbers, "format_currency", lambda *a, **k: calls.append(a) or real(*a, **k))
    format_amount.cache_clear()
    result = run("plan", "--no-input", "--budget", "1000", "--staff", "3000", "--month", "2027-03", "--format", "json")
    assert result.exit_code == 0, result.stderr
    allowances = json.loads(result.stdout)["plan"]["allowances"]
    assert len(allowances) == 3000 and {a["cents"] for a in allowances} == {33, 34}
    assert 2 <= len(calls) < 20  # the two allowances and the plan's few other amounts


def test_a_week_of_one_day_is_written_as_the_language_writes_a_day(run):
    """December 2024 begins with a Sunday, a week of its own: "1. december" in Danish, with the
    full stop its ranges have ("2.–8. dec.")."""
    for lang, day in (("da", "1. december"), ("nl", "1 december"), ("en", "1 December")):
        data = plan_json(run, "--month", "2024-12", "--lang", lang)
        assert data["weeks"][0]["label"] == day, data["weeks"][0]
