"""The staff's pages, made for a phone: pick your name, see what you have left, log a gesture
(from the plan's menu or in your own words), record what came of it, undo your last entry.
Each calls the core function `wowcoach log ...` calls, with the page's translator."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from wowcoach.i18n import Msg
from wowcoach.textclean import name_key
from wowcoach.web.endpoint import Page, page
from wowcoach.web.guard import sign_in
from wowcoach.web.pages import fit, flash, link, local_path

if TYPE_CHECKING:
    from starlette.responses import Response
    from starlette.routing import Route

    from wowcoach.results.ledger import StaffMonth

NAME, WHAT, CUSTOMER, NOTE, REASON, COST, ID = 100, 200, 200, 500, 200, 30, 80


def plain_amount(cents: int, lang: str) -> str:
    """An amount as a person types it in a form of that language: 4,50 in Dutch, 4.50 in English."""
    whole, rest = divmod(cents, 100)
    return str(whole) if not rest else f"{whole}{',' if lang in ('nl', 'da') else '.'}{rest:02d}"


def value_options(p: Page) -> list[tuple[str, str]]:
    return [(v.id, v.name.get(p.t.lang)) for v in p.library.values]


async def month_of(p: Page, name: str | None) -> StaffMonth:
    from wowcoach.app.log import staff_month

    c = p.config
    return await p.core(staff_month, c.library, name, p.t, c.db, c.shop, sector=c.sector, channel=c.channel)


@page("staff")
async def home(p: Page) -> Response:
    return p.render("home.html", month=await month_of(p, None))


@page(None)
async def signin(p: Page) -> Response:
    from wowcoach.web.passphrases import MAX_LENGTH, verify

    keys, limit = p.config.keys, p.config.rate_limit
    back = local_path(p.field("next", 2000))
    if keys.staff is None and keys.owner is None:
        return p.redirect(back)
    if p.request.method == "GET":
        return p.render("signin.html", next=back)
    client = p.request.client.host if p.request.client else "-"
    wait = limit.wait(client)
    if wait:
        message = p.t("Too many wrong passphrases: wait {minutes} minutes, then try again.").format(minutes=math.ceil(wait / 60))
        return p.render("signin.html", 429, next=back, errors=[message])
    text = p.field("passphrase", MAX_LENGTH)
    # Both are checked every time, so the time taken tells nothing about which one it was.
    owner, staff = await p.core(lambda: (verify(text, keys.owner), verify(text, keys.staff)))
    role = "owner" if owner else "staff" if staff else None
    if role is None:
        limit.failed(client)
        return p.render("signin.html", 401, next=back, errors=[p.t("That passphrase is not right: try again.")])
    limit.succeeded(client)
    sign_in(p.request.session, role, keys)
    return p.redirect(back if back != "/" or role == "staff" else "/owner")


@page(None)
async def signout(p: Page) -> Response:
    lang = p.request.session.get("lang")
    p.request.session.clear()
    if lang:
        p.request.session["lang"] = lang
    return p.redirect("/")


@page("staff")
async def person(p: Page) -> Response:
    name = p.field("name", NAME)
    if not name:
        return p.redirect("/")
    month = await month_of(p, name)
    if not month.planned:  # a page kept from a month with a plan: the home page says there is none yet
        return p.redirect("/")
    last = p.request.session.get("last")
    undo = last if isinstance(last, dict) and month.person and name_key(str(last.get("by", ""))) == name_key(month.person.name) else None
    return p.render("person.html", month=month, undo=undo)


@page("staff")
async def log_gesture(p: Page) -> Response:
    """GET: the form, filled in from the gesture chosen on the menu. POST: log it, as `log add`."""
    from wowcoach.app.log import NewEntry, add_entry
    from wowcoach.errors import WowcoachError
    from wowcoach.ledger.logbook import OverBudget
    from wowcoach.web.pages import shown_error

    name = p.field("name", NAME)
    if not name:
        return p.redirect("/")
    wanted = p.field("gesture", ID)
    known = next((g.id for g in p.library.gestures if g.id == wanted), None)
    form = {"what": "", "cost": "", "value": "", "customer": "", "reason": ""}

    async def show(status: int = 200, errors: list[str] | None = None, ask_reason: bool = False) -> Response:
        """The form (again), with the person's month as it is now."""
        month = await month_of(p, name)
        if not month.planned:
            return p.redirect("/")
        chosen = next((g for g in month.gestures if g.id == known), None)
        if p.request.method == "GET" and chosen is not None:  # the menu's gesture: its name and typical cost filled in
            form.update(what=chosen.name, cost=plain_amount(chosen.cost_cents, p.t.lang))
        return p.render(
            "log.html", status, month=month, gesture=chosen, form=form, values=value_options(p), errors=errors or [], ask_reason=ask_reason
        )

    if p.request.method == "GET":
        return await show()
    form = {"what": p.field("what", WHAT), "cost": p.field("cost", COST), "value": p.field("value", ID)}
    form |= {"customer": p.field("customer", CUSTOMER), "reason": p.field("reason", REASON)}
    missing = []
    if not form["what"]:
        missing.append(p.t("Say what you did for the customer."))
    if not form["cost"]:
        missing.append(p.t("Give what it cost: 0 when it cost only time."))
    if known is None and not form["value"]:
        missing.append(p.t("Choose the core value it shows."))
    if p.checked("ask_reason") and not form["reason"]:
        missing.append(p.t("Give the reason it may cost more."))
    if missing:
        return await show(400, missing, ask_reason=p.checked("ask_reason"))
    c = p.config
    entry = NewEntry(name, form["what"], form["cost"], form["customer"], form["value"] or None, known, None, form["reason"] or None)
    try:
        notice = await p.core(add_entry, c.library, entry, p.t, c.db, None, c.shop)
    except OverBudget as exc:
        ask = Msg("{cost} is {problems}: give the reason below to log it anyway.").format(cost=exc.cost, problems=exc.problems)
        return await show(409, [p.t(ask)], ask_reason=True)
    except WowcoachError as exc:
        shown = shown_error(exc, p.t, c)
        return await show(shown.status, [shown.message], ask_reason=p.checked("ask_reason"))
    p.request.session["last"] = {"id": notice.entry_id, "by": " ".join(name.split()), "what": fit(form["what"], 200)}
    flash(p.request, notice.lines)
    return p.redirect(link("/person", name=name))


@page("staff")
async def outcome(p: Page) -> Response:
    """What came of a gesture, as the form says it now (`log outcome --clear` and the boxes ticked)."""
    from wowcoach.app.log import set_outcome

    name, entry_id, note = p.field("name", NAME), p.number("entry"), p.field("note", NOTE)
    c = p.config
    notice = await p.core(
        set_outcome, entry_id, p.checked("came_back"), p.checked("told_others"), note or None, p.t, c.db, True, c.shop, name
    )
    flash(p.request, notice.lines)
    return p.redirect(link("/person", name=name))


@page("staff")
async def undo(p: Page) -> Response:
    """Remove the last entry this browser logged for this person (it stays in the history)."""
    from wowcoach.app.log import remove_entry

    name = p.field("name", NAME)
    last = p.request.session.get("last")
    if not isinstance(last, dict) or name_key(str(last.get("by", ""))) != name_key(name):
        flash(p.request, [p.t("There is nothing of yours to undo on this phone.")])
        return p.redirect(link("/person", name=name))
    c = p.config
    await p.core(remove_entry, int(last["id"]), p.t, c.db, None, c.shop, name)
    p.request.session.pop("last", None)
    flash(p.request, [p.t("Undone: “{what}” no longer counts.").format(what=last.get("what", ""))])
    return p.redirect(link("/person", name=name))


def routes() -> list[Route]:
    from starlette.routing import Route

    return [
        Route("/", home),
        Route("/signin", signin, methods=["GET", "POST"]),
        Route("/signout", signout, methods=["POST"]),
        Route("/person", person),
        Route("/log", log_gesture, methods=["GET", "POST"]),
        Route("/outcome", outcome, methods=["POST"]),
        Route("/undo", undo, methods=["POST"]),
    ]
