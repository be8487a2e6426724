"""The owner's pages, behind the owner's passphrase: the month's review with the charts of the
HTML export, the recorded plan, and every entry to edit, remove or restore, as `wowcoach
review`, `plan` and `log ...` do (the same core functions, the same document blocks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wowcoach.i18n import Msg
from wowcoach.web.endpoint import Page, page
from wowcoach.web.pages import flash, link
from wowcoach.web.staff import CUSTOMER, ID, NAME, REASON, WHAT, plain_amount, value_options

if TYPE_CHECKING:
    from markupsafe import Markup
    from starlette.responses import Response
    from starlette.routing import Route

MONTH = 7


def fragment(blocks: list) -> Markup:
    """Document blocks as HTML, escaped by the HTML export's own renderer."""
    from markupsafe import Markup

    from wowcoach.render.html import fragment as html_fragment

    return Markup(html_fragment(blocks))  # every text in it is escaped by render.html


async def months(p: Page) -> list:
    from wowcoach.app.log import list_months

    c = p.config
    return (await p.core(list_months, None, p.t, c.db, c.shop)).months


@page("owner")
async def review(p: Page) -> Response:
    from wowcoach.app.export import review_charts
    from wowcoach.app.review import build_review
    from wowcoach.errors import UserError
    from wowcoach.render import blocks
    from wowcoach.web.pages import shown_error

    c, month = p.config, p.field("month", MONTH) or None
    known = await months(p)
    try:
        report = await p.core(build_review, c.library, month, c.profile, p.t.lang, c.db, p.t.lang, c.shop)
    except UserError as exc:  # no plan for the month: say so on the page, with the months to choose from
        shown = shown_error(exc, p.t, c)
        return p.render("owner.html", shown.status, tab="review", months=known, month=month, body=None, errors=[shown.message])
    body = fragment(blocks.review(report, p.t, level=1, charts=review_charts(report, p.t)))
    return p.render("owner.html", tab="review", months=known, month=report.month, body=body)


@page("owner")
async def plan(p: Page) -> Response:
    from wowcoach.app.plan import recorded_plan
    from wowcoach.errors import UserError
    from wowcoach.render import blocks
    from wowcoach.web.pages import shown_error

    c, month = p.config, p.field("month", MONTH) or None
    known = await months(p)
    try:
        report = await p.core(recorded_plan, c.library, month, p.t, c.db, c.shop, c.shop_title(p.t), c.sector, c.channel)
    except UserError as exc:
        shown = shown_error(exc, p.t, c)
        return p.render("owner.html", shown.status, tab="plan", months=known, month=month, body=None, errors=[shown.message])
    return p.render("owner.html", tab="plan", months=known, month=report.month, body=fragment(blocks.plan(report, p.t)))


@page("owner")
async def entries(p: Page) -> Response:
    from wowcoach.app.log import list_entries

    c, month, removed = p.config, p.field("month", MONTH) or None, p.field("removed", 1) == "1"
    known = await months(p)
    found = await p.core(list_entries, c.library, month, None, removed, None, p.t, c.db, c.shop)
    return p.render("entries.html", tab="entries", months=known, month=found.month, found=found, removed=removed)


@page("owner")
async def edit(p: Page) -> Response:
    """GET: the entry in a form. POST: the fields changed, as `log edit` changes them."""
    from wowcoach.app.log import EntryEdit, edit_entry, entry_detail
    from wowcoach.errors import WowcoachError
    from wowcoach.ledger.logbook import OverBudget
    from wowcoach.web.pages import shown_error

    c, entry_id = p.config, p.number("id")
    old = await p.core(entry_detail, c.library, entry_id, p.t, c.db, c.shop)
    was = {
        "day": old.day,
        "by": old.by,
        "what": old.what,
        "cost": plain_amount(old.cost_cents, p.t.lang),
        "customer": old.customer,
        "value": old.value_id,
        "gesture": old.gesture_id or "",
        "reason": "",
    }
    gestures = [(g.id, g.name.get(p.t.lang)) for g in c.library.gestures]

    def show(form: dict, status: int = 200, errors: list[str] | None = None, ask_reason: bool = False) -> Response:
        return p.render(
            "edit.html",
            status,
            tab="entries",
            entry=old,
            form=form,
            values=value_options(p),
            gestures=gestures,
            errors=errors or [],
            ask_reason=ask_reason,
        )

    if p.request.method == "GET":
        return show(was)
    limits = {"day": 10, "by": NAME, "what": WHAT, "cost": 30, "customer": CUSTOMER, "value": ID, "gesture": ID, "reason": REASON}
    form = {name: p.field(name, limit) for name, limit in limits.items()}
    changed = {name: form[name] for name in was if name != "reason" and form[name] != was[name]}
    if changed.get("gesture") == "":  # a gesture is never taken away, as with `log edit`
        del changed["gesture"]
    if not changed and not form["reason"]:
        flash(p.request, [p.t("Nothing changed.")])
        return p.redirect(link("/owner/entries", month=old.day[:7]))
    if changed.get("what") == "" or changed.get("by") == "" or changed.get("cost") == "":
        return show(form, 400, [p.t("Fill in who, what and the cost: they can't be empty.")])
    change = EntryEdit(
        changed.get("by"),
        changed.get("what"),
        changed.get("cost"),
        changed.get("customer"),
        changed.get("value"),
        changed.get("gesture") or None,
        changed.get("day"),
        form["reason"] or None,
    )
    try:
        notice = await p.core(edit_entry, c.library, entry_id, change, p.t, c.db, c.shop)
    except OverBudget as exc:
        ask = Msg("{cost} is {problems}: give the reason below to change it anyway.").format(cost=exc.cost, problems=exc.problems)
        return show(form, 409, [p.t(ask)], ask_reason=True)
    except WowcoachError as exc:
        shown = shown_error(exc, p.t, c)
        return show(form, shown.status, [shown.message], ask_reason=bool(form["reason"]))
    flash(p.request, notice.lines)
    return p.redirect(link("/owner/entries", month=(changed.get("day") or old.day)[:7]))


@page("owner")
async def remove(p: Page) -> Response:
    from wowcoach.app.log import remove_entry

    c, entry_id = p.config, p.number("id")
    await p.core(remove_entry, entry_id, p.t, c.db, None, c.shop)
    flash(
        p.request,
        [p.t("Entry {id} removed: it no longer counts, and it stays in the history (“Show removed entries”).").format(id=entry_id)],
    )
    return p.redirect(link("/owner/entries", month=p.field("month", MONTH) or None))


@page("owner")
async def restore(p: Page) -> Response:
    from wowcoach.app.log import restore_entry
    from wowcoach.ledger.logbook import OverBudget

    c, entry_id, reason = p.config, p.number("id"), p.field("reason", REASON)
    month = p.field("month", MONTH) or None
    try:
        notice = await p.core(restore_entry, entry_id, reason or None, p.t, c.db, c.shop)
    except OverBudget as exc:
        ask = Msg("{cost} is {problems}: give the reason below to restore it anyway.").format(cost=exc.cost, problems=exc.problems)
        return p.render("restore.html", 409, tab="entries", entry_id=entry_id, month=month, errors=[p.t(ask)])
    flash(p.request, notice.lines)
    return p.redirect(link("/owner/entries", month=month, removed="1"))


def routes() -> list[Route]:
    from starlette.routing import Route

    return [
        Route("/owner", review),
        Route("/owner/plan", plan),
        Route("/owner/entries", entries),
        Route("/owner/edit", edit, methods=["GET", "POST"]),
        Route("/owner/remove", remove, methods=["POST"]),
        Route("/owner/restore", restore, methods=["POST"]),
    ]
