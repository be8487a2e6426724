"""`wowcoach serve`: the staff's and the owner's pages through the framework's test client, on
SQLite and PostgreSQL, in English, Dutch and Danish. Every page calls the core the commands call,
so what a page logs is what `wowcoach review` and `log list` show at once."""

from __future__ import annotations

import json

import pytest

from serve_helpers import MONTH, OWNER_PASS, client, flash, follow, page, post, problems, record_plan
from wowcoach.i18n import translator
from wowcoach.money import format_amount

pytest.importorskip("starlette")


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def entries(run, db, *args):
    return json.loads(ok(run("log", "list", "--db", db, "--month", MONTH, "--format", "json", *args)).stdout)["entries"]


@pytest.fixture
def shop(run, ledger_target):
    record_plan(run, ledger_target)
    return ledger_target


def test_a_gesture_in_three_taps_and_a_number(run, shop, tmp_path):
    c = client(shop, tmp_path)
    start = page(c, "/")
    assert "Who are you?" in start and 'href="/person?name=Anna"' in start and "€30.00 left" in start
    mine = page(c, "/person?name=Anna")  # tap 1: the name
    assert "€30.00 left in" in mine and 'href="/log?name=Anna&amp;gesture=handwritten-card"' in mine
    form = page(c, "/log?name=Anna&gesture=handwritten-card")  # tap 2: the gesture; its name and cost are filled in
    assert 'name="what" required maxlength="200" value="Handwritten card"' in form and 'value="3"' in form
    done = follow(c, post(c, "/log", form, {"name": "Anna", "gesture": "handwritten-card", "what": "Handwritten card", "cost": "2,50"}))
    assert flash(done) == ["Logged entry 1: Handwritten card by Anna.", "Anna has €27.50 left this month."]
    assert "€27.50 left in" in done
    # The owner sees it at once, in the terminal.
    review = ok(run("review", "--month", MONTH, "--db", shop, "--format", "json")).stdout
    people = {p["name"]: p["spent_cents"] for p in json.loads(review)["review"]["people"]}
    assert people == {"Anna": 250, "Bo": 0}
    assert [(e["by"], e["what"], e["gesture_id"], e["value_id"]) for e in entries(run, shop)] == [
        ("Anna", "Handwritten card", "handwritten-card", "deliver-wow")
    ]


def test_over_the_allowance_the_page_asks_for_the_reason(run, shop, tmp_path):
    c = client(shop, tmp_path)
    form = page(c, "/log?name=Bo")
    sent = {"name": "Bo", "what": "Flowers for a funeral", "cost": "40", "value": "deliver-wow"}
    refused = post(c, "/log", form, sent, status=409).text
    assert problems(refused) == ["€40.00 is more than Bo's remaining €30.00: give the reason below to log it anyway."]
    assert 'name="reason" required' in refused and entries(run, shop) == []
    # Asked for it, the reason can't be left out.
    assert problems(post(c, "/log", refused, {**sent, "ask_reason": "1"}, status=400).text) == ["Give the reason it may cost more."]
    done = follow(c, post(c, "/log", refused, {**sent, "ask_reason": "1", "reason": "a regular's funeral"}))
    assert flash(done)[1] == "Bo is €10.00 over budget this month."
    assert "€10.00 over budget in" in done
    assert [e["over_budget_reason"] for e in entries(run, shop)] == ["a regular's funeral"]


def test_free_text_needs_what_the_cost_and_a_value(run, shop, tmp_path):
    c = client(shop, tmp_path)
    form = page(c, "/log?name=Anna")
    refused = post(c, "/log", form, {"name": "Anna", "what": "", "cost": "", "value": ""}, status=400).text
    assert problems(refused) == [
        "Say what you did for the customer.",
        "Give what it cost: 0 when it cost only time.",
        "Choose the core value it shows.",
    ]
    bad = post(c, "/log", form, {"name": "Anna", "what": "Lent an umbrella", "cost": "a lot", "value": "be-humble"}, status=400).text
    assert problems(bad) == ["'a lot' is not an amount: write it like 250, 250.00 or 250,00."]
    done = follow(c, post(c, "/log", form, {"name": "Anna", "what": "Lent an umbrella", "cost": "0", "value": "be-humble"}))
    assert flash(done) == ["Logged entry 1: Lent an umbrella by Anna.", "Anna has €30.00 left this month."]


def test_outcomes_only_on_your_own_gestures_and_undo_your_last(run, shop, tmp_path):
    c = client(shop, tmp_path)
    form = page(c, "/log?name=Anna&gesture=handwritten-card")
    follow(c, post(c, "/log", form, {"name": "Anna", "gesture": "handwritten-card", "what": "Card", "cost": "3"}))
    form = page(c, "/log?name=Bo&gesture=handwritten-card")
    bo = follow(c, post(c, "/log", form, {"name": "Bo", "gesture": "handwritten-card", "what": "Card for Bo's customer", "cost": "3"}))
    outcome = {"name": "Anna", "entry": "1", "came_back": "1", "note": "Ordered the cake too"}
    assert flash(follow(c, post(c, "/outcome", bo, outcome))) == ["Entry 1 updated."]
    refused = post(c, "/outcome", bo, {**outcome, "entry": "2"}, status=409).text
    assert problems(refused) == ["Entry 2 is not one of Anna's gestures."]
    rows = entries(run, shop)
    assert [(e["came_back"], e["note"]) for e in rows] == [(True, "Ordered the cake too"), (False, "")]
    # Unticked and emptied: the outcome is as the form says.
    assert flash(follow(c, post(c, "/outcome", bo, {"name": "Anna", "entry": "1", "note": ""}))) == ["Entry 1: its outcome is cleared."]
    # The undo is offered to the one who logged last on this phone, and removes only that entry.
    assert "Undo “Card for Bo&#39;s customer”" in page(c, "/person?name=Bo")
    assert "Undo" not in page(c, "/person?name=Anna")
    assert flash(follow(c, post(c, "/undo", bo, {"name": "Anna"}))) == ["There is nothing of yours to undo on this phone."]
    done = follow(c, post(c, "/undo", bo, {"name": "Bo"}))
    assert flash(done) == ["Undone: “Card for Bo's customer” no longer counts."] and "€30.00 left in" in done
    assert [e["by"] for e in entries(run, shop)] == ["Anna"]
    assert [e["removed_at"] is not None for e in entries(run, shop, "--removed")] == [False, True]


@pytest.mark.parametrize("lang", ["en", "nl", "da"])
def test_the_pages_speak_the_shops_language_and_switch(run, shop, tmp_path, lang):
    t = translator(lang)
    c = client(shop, tmp_path, lang=lang)
    start = page(c, "/")
    assert f'<html lang="{lang}">' in start and t("Who are you?") in start
    if lang != "en":
        assert t("Who are you?") != "Who are you?"
    form = page(c, "/log?name=Anna&gesture=handwritten-card")
    cost = "4.50" if lang == "en" else "4,50"
    done = follow(c, post(c, "/log", form, {"name": "Anna", "gesture": "handwritten-card", "what": "Kort", "cost": cost}))
    left = t("{name} has {left} left this month.").format(name="Anna", left=format_amount(2550, "EUR", lang))
    assert flash(done) == [t("Logged entry {id}: {what} by {name}.").format(id=1, what="Kort", name="Anna"), left]
    # Another language for this session, from a link on every page.
    other = "da" if lang != "da" else "nl"
    switched = page(c, "/person?name=Anna&lang=" + other)
    assert f'<html lang="{other}">' in switched and translator(other)("Log a gesture") in switched
    assert f'<html lang="{other}">' in page(c, "/")


def test_the_owner_reviews_edits_removes_and_restores(run, shop, tmp_path):
    c = client(shop, tmp_path, owner=OWNER_PASS)
    form = page(c, "/log?name=Anna&gesture=handwritten-card")
    follow(c, post(c, "/log", form, {"name": "Anna", "gesture": "handwritten-card", "what": "Card", "cost": "3"}))
    assert page(c, "/owner", 303) == ""  # signed out: to the sign-in page
    signin = page(c, "/signin?next=/owner")
    assert post(c, "/signin", signin, {"passphrase": OWNER_PASS, "next": "/owner"}).headers["location"] == "/owner"
    review = page(c, "/owner")
    assert "Month-end review" in review and 'data-chart="spend-per-person"' in review and "<svg" in review
    assert 'data-label="Anna" data-value="300" data-limit="3000"' in review
    plan = page(c, "/owner/plan")
    assert "Surprise budget for Your shop" in plan and "Allowance per person" in plan and "Handwritten card" in plan
    listed = page(c, "/owner/entries")
    assert "Card" in listed and 'href="/owner/edit?id=1"' in listed
    edit = page(c, "/owner/edit?id=1")
    sent = {"id": "1", "day": f"{MONTH}-01", "by": "Anna", "what": "Card and a slice", "cost": "4", "customer": "", "value": "deliver-wow"}
    sent["gesture"] = "handwritten-card"
    done = follow(c, post(c, "/owner/edit?id=1", edit, sent))
    assert (
        flash(done)[0] == f"Entry 1 changed: Card and a slice by Anna, {MONTH}-01." and flash(done)[1] == "Anna has €26.00 left this month."
    )
    assert flash(follow(c, post(c, "/owner/edit?id=1", edit, sent))) == ["Nothing changed."]
    over = post(c, "/owner/edit?id=1", edit, {**sent, "cost": "31"}, status=409).text
    assert problems(over) == ["€31.00 is more than Anna's remaining €30.00: give the reason below to change it anyway."]
    removed = follow(c, post(c, "/owner/remove", listed, {"id": "1", "month": MONTH}))
    assert flash(removed)[0].startswith("Entry 1 removed: it no longer counts")
    assert entries(run, shop) == []
    back = follow(c, post(c, "/owner/restore", removed, {"id": "1", "month": MONTH}))
    assert flash(back) == [f"Entry 1 is back in {MONTH}: Card and a slice by Anna.", "Anna has €26.00 left this month."]
    assert [e["cost_cents"] for e in entries(run, shop)] == [400]


def test_without_a_plan_the_staff_are_told_to_ask_the_owner(run, ledger_target, tmp_path):
    record_plan(run, ledger_target)  # this month's plan, in another shop than the one served
    ok(
        run(
            "log",
            "add",
            "--db",
            ledger_target,
            "--shop",
            "Elsewhere",
            "--new-shop",
            "--by",
            "X",
            "--what",
            "tea",
            "--cost",
            "0",
            "--value",
            "be-humble",
        )
    )
    c = client(ledger_target, tmp_path, shop="Elsewhere", owner=OWNER_PASS)
    start = page(c, "/")
    assert "No plan yet" in start and "ask the owner to record one" in start
    assert "Your shop" not in start and "Elsewhere" in start
    # A person's page kept from a month with a plan, and the form behind it, lead to the same page.
    for url in ("/person?name=X", "/log?name=X", "/log?name=X&gesture=handwritten-card"):
        assert follow(c, c.get(url)) == start
    # A gesture sent from such a form is logged, as `log add` logs one without a plan, and not lost.
    form = page(c, "/signin")  # a page with the session's form token: the home page has no form
    sent = post(c, "/log", form, {"name": "X", "what": "scones", "cost": "0", "value": "be-humble"})
    home = follow(c, c.get(sent.headers["location"]))
    assert "No plan yet" in home and any("scones" in line for line in flash(home)), flash(home)
    assert [e["what"] for e in entries(run, ledger_target, "--shop", "Elsewhere")] == ["tea", "scones"]


def test_a_postgresql_ledger_is_served_from_kept_connections(run, pg_url, tmp_path):
    import psycopg

    record_plan(run, pg_url)
    c = client(pg_url, tmp_path)
    pool = c.app.state.config.db
    for _ in range(3):
        assert "Who are you?" in page(c, "/")
    assert len(pool._idle) == 1  # one connection served the three pages
    # The server ends the kept connection (a restart, an idle timeout): a page may fail once, then a new one is opened.
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pool._idle[0].conn.info.backend_pid,))
    first = c.get("/")
    assert first.status_code in (200, 503)
    assert "Who are you?" in page(c, "/")
