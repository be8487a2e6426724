"""Markdown rendering (GitHub-flavoured). Every text is escaped: data and user text alike."""

from __future__ import annotations

from typing import Any, Callable

from wowcoach.i18n import _
from wowcoach.report.export_types import ExportDoc
from wowcoach.report.labels import cost_label, effort_label, kind_label, policy_label
from wowcoach.report.ledger_types import ReviewReport
from wowcoach.report.plan_types import PlanReport
from wowcoach.report.types import CaseView, SuggestReport
from wowcoach.textclean import md_escape as e


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    # md_escape keeps every cell on one line and escapes '|', so a cell never splits.
    out = ["| " + " | ".join(e(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(e(c) for c in row) + " |" for row in rows]
    return out + [""]


def _case_lines(c: CaseView, heading: str) -> list[str]:
    lines = [f"{heading} {e(c.title)} ({e(c.company)})", "", e(c.story), "", "**" + e(_("Lesson")) + f":** {e(c.lesson)}", ""]
    facts = [
        [_("Values"), ", ".join(c.values)],
        [_("WOW"), ", ".join(c.wow)],
        [_("Situations"), ", ".join(c.situations)],
        [_("Cost"), cost_label(c.cost) + (f" ({c.typical_amount})" if c.typical_amount else "")],
        [_("Source"), c.source],
    ]
    if c.figures:
        facts.insert(4, [_("Figures"), "; ".join(c.figures)])
    return lines + table([_("Field"), _("Details")], facts)


def case(c: CaseView) -> str:
    lines = _case_lines(c, "#")
    lines += table([_("Idea"), _("Cost")], [[i.text, cost_label(i.cost)] for i in c.ideas])
    return "\n".join(lines)


def suggestions(report: SuggestReport, heading: str = "#") -> str:
    p = report.profile
    sub = heading + "#"
    lines = [
        f"{heading} " + e(_("Suggestions for")) + f" {e(p['shop_name'])}",
        "",
        e(_("Monthly surprise budget")) + f": {e(report.budget)}",
        "",
    ]
    if p.get("situation"):
        lines += [f"> {e(p['situation'])}", ""]
    lines += [e(n) for n in report.notes]
    for n, s in enumerate(report.suggestions, 1):
        lines += _case_lines(s.case, f"{sub} {n}.")
        lines += ["**" + e(_("Why it matches")) + "**", ""] + [f"- {e(w)}" for w in s.why] + [""]
        rows = [[i.text, cost_label(i.cost) + ("" if i.affordable else " " + _("(over budget)"))] for i in s.ideas]
        heading = _("Ideas from other shops ({sectors})").format(sectors=s.ideas_from) if s.ideas_from else _("Ideas for your shop")
        lines += table([heading, _("Cost")], rows)
    lines += [f"{sub} " + e(_("Checklist for the values these stories show")), ""]
    for v in report.checklist:
        lines += [f"{sub}# {e(v.name)}", ""] + [f"- [ ] {e(q)}" for q in v.questions] + [""]
    lines += [f"> {e(report.principle)}", ""]
    return "\n".join(lines)


def plan(p: PlanReport, heading: str = "#") -> str:
    sub = heading + "#"
    lines = [f"{heading} " + e(_("Surprise budget for")) + f" {e(p.shop_name)}: {e(p.month_name)}", ""]
    facts = [[_("Monthly budget"), p.budget], [_("Policy"), policy_label(p.policy)]]
    if p.cap:
        facts.append([_("Cap per customer per gesture"), p.cap])
    lines += table([_("Field"), _("Details")], facts)
    lines += [f"{sub} " + e(_("1. Allowance per person")), ""]
    lines += table([_("Person"), _("Allowance")], [[a.name, a.amount] for a in p.allowances] + [[_("Total"), p.budget]])
    lines += [f"{sub} " + e(_("2. Gesture menu")), ""]
    rows = []
    for g in p.gestures:
        rows.append([g.name, g.cost, effort_label(g.effort), kind_label(g.kind, g.weaker), ", ".join(g.wow)])
    lines += table([_("Gesture"), _("Typical cost"), _("Effort"), _("Kind"), _("WOW")], rows)
    lines += [f"{sub} " + e(_("3. Suggested mix for the month")), ""]
    rows = [[m.name, str(m.count) if m.count else _("as often as you like"), m.unit, m.total] for m in p.mix]
    rows.append([_("Kept for the unexpected"), "", "", p.reserve])
    lines += table([_("Gesture"), _("How many"), _("Each"), _("Total")], rows)
    lines += [f"{sub} " + e(_("4. Weekly focus")), ""]
    lines += table([_("Dates"), _("Focus value"), _("Story to share with the team")], [[w.label, w.value, w.story] for w in p.weeks])
    lines += [f"{sub} " + e(_("5. Month-end review")), "", e(_("Record for every gesture")) + f": {e(', '.join(p.review_fields))}", ""]
    lines += [f"- {e(q)}" for q in p.review_questions] + [""]
    lines += [f"> {e(p.principle)}", ""]
    return "\n".join(lines)


def document(doc: ExportDoc) -> str:
    """One file for a client: GitHub-flavoured Markdown, every table a real table."""
    lines = [
        "# " + e(_("WOW plan for")) + f" {e(doc.shop_name)}",
        "",
        e(_("Prepared on {date} with wowcoach.").format(date=doc.date)),
        "",
        f"> {e(doc.suggestions.principle)}",
        "",
        suggestions(doc.suggestions, heading="##"),
        "## " + e(_("Values checklist")),
        "",
        e(_("Answer each question with yes or no; the values with the most 'no' answers are the ones to work on first.")),
        "",
    ]
    rows = [[f"{v.number}. {v.name}", q, ""] for v in doc.values for q in v.questions]
    lines += table([_("Value"), _("Question"), _("Yes/No")], rows)
    if doc.review is not None:
        lines.append(review(doc.review, heading="##"))
    lines.append(plan(doc.plan, heading="##"))
    return "\n".join(lines)


def review(r: ReviewReport, heading: str = "#") -> str:
    sub = heading + "#"
    lines = [f"{heading} " + e(_("Month-end review")) + f": {e(r.month_name)}", ""]
    facts = [[_("Budget"), r.budget], [_("Carried over"), r.carried], [_("Spent"), r.spent], [_("Left"), r.remaining],
             [_("Policy"), policy_label(r.policy)]]
    lines += table([_("Field"), _("Details")], facts)
    if r.warning:
        lines += [f"**{e(r.warning)}**", ""]
    lines += [f"{sub} " + e(_("Per person")), ""]
    lines += table([_("Person"), _("Gestures"), _("Spent"), _("Allowance"), _("Left"), _("Used")],
                   [[p.name, str(p.gestures), p.spent, p.allowance, p.remaining, "–" if p.percent is None else f"{p.percent}%"] for p in r.people])
    lines += [f"{sub} " + e(_("Per core value")), ""]
    lines += table([_("Value"), _("Gestures"), _("Spent")], [[v.name, str(v.gestures), v.spent] for v in r.values])
    for line in r.summary:
        lines += [e(line), ""]
    if r.outcomes:
        lines += [f"{sub} " + e(_("What came of it")), ""] + [f"- {e(o)}" for o in r.outcomes] + [""]
    if r.trend:
        lines += [f"{sub} " + e(_("The last months")), ""]
        lines += table([_("Month"), _("Spent"), _("Gestures"), _("Came back")], [[t.month_name, t.spent, str(t.gestures), str(t.came_back)] for t in r.trend])
    lines += [f"{sub} " + e(_("Questions for the team")), ""] + [f"- {e(q)}" for q in r.questions] + [""]
    return "\n".join(lines)


# The renderer of each result type that has a Markdown form.
RENDERERS: dict[type, Callable[[Any], str]] = {
    CaseView: case,
    SuggestReport: suggestions,
    PlanReport: plan,
    ReviewReport: review,
    ExportDoc: document,
}
