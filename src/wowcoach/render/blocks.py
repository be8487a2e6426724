"""The shape of a document, shared by the Markdown and the HTML renderers: headings, paragraphs,
tables, lists and charts built once from the result objects, so the two formats can never
disagree on a heading, a label or a figure. Each renderer only writes these blocks out, with
its own escaping; the text here is plain and unescaped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union

from wowcoach.i18n import _
from wowcoach.report.export_types import ChartView, ExportDoc
from wowcoach.report.labels import cost_label, effort_label, kind_label, policy_label
from wowcoach.report.ledger_types import ReviewReport
from wowcoach.report.plan_types import PlanReport
from wowcoach.report.types import CaseView, SuggestReport

block = dataclass(eq=False, frozen=True)


@block
class Heading:
    level: int
    text: str
    number: int | None = None  # "3." before the text, never escaped


@block
class Para:
    text: str
    strong: bool = False


@block
class Field:
    """'Label: text' in one paragraph."""

    label: str
    text: str
    strong: bool = False  # the label in bold


@block
class Lines:
    """Short notes, one a line, with no gap after them."""

    lines: list[str]


@block
class Quote:
    text: str


@block
class Table:
    headers: list[str]
    rows: list[list[str]]


@block
class Bullets:
    items: list[str]
    checkbox: bool = False  # a checklist to tick on paper


@block
class Chart:
    """A picture of figures a table next to it already gives: HTML and PDF show it."""

    chart: ChartView


Block = Union[Heading, Para, Field, Lines, Quote, Table, Bullets, Chart]  # noqa: UP007 - a runtime alias on Python 3.10


@block
class Doc:
    title: str  # the document's title (HTML <title>)
    lang: str
    blocks: list[Block] = field(default_factory=list)


def _case(c: CaseView, level: int, number: int | None = None) -> list[Block]:
    facts = [
        [_("Values"), ", ".join(c.values)],
        [_("WOW"), ", ".join(c.wow)],
        [_("Situations"), ", ".join(c.situations)],
        [_("Cost"), cost_label(c.cost) + (f" ({c.typical_amount})" if c.typical_amount else "")],
        [_("Source"), c.source],
    ]
    if c.figures:
        facts.insert(4, [_("Figures"), "; ".join(c.figures)])
    return [
        Heading(level, f"{c.title} ({c.company})", number),
        Para(c.story),
        Field(_("Lesson"), c.lesson, strong=True),
        Table([_("Field"), _("Details")], facts),
    ]


def case(c: CaseView, level: int = 1) -> list[Block]:
    return [*_case(c, level), Table([_("Idea"), _("Cost")], [[i.text, cost_label(i.cost)] for i in c.ideas])]


def suggestions(report: SuggestReport, level: int = 1) -> list[Block]:
    p = report.profile
    out: list[Block] = [
        Heading(level, _("Suggestions for") + " " + p["shop_name"]),
        Field(_("Monthly surprise budget"), report.budget),
    ]
    if p.get("situation"):
        out.append(Quote(p["situation"]))
    if report.notes:
        out.append(Lines(report.notes))
    for n, s in enumerate(report.suggestions, 1):
        out += _case(s.case, level + 1, n)
        out += [Para(_("Why it matches"), strong=True), Bullets(s.why)]
        rows = [[i.text, cost_label(i.cost) + ("" if i.affordable else " " + _("(over budget)"))] for i in s.ideas]
        heading = _("Ideas from other shops ({sectors})").format(sectors=s.ideas_from) if s.ideas_from else _("Ideas for your shop")
        out.append(Table([heading, _("Cost")], rows))
    out.append(Heading(level + 1, _("Checklist for the values these stories show")))
    for v in report.checklist:
        out += [Heading(level + 2, v.name), Bullets(v.questions, checkbox=True)]
    return [*out, Quote(report.principle)]


def plan(p: PlanReport, level: int = 1) -> list[Block]:
    facts = [[_("Monthly budget"), p.budget], [_("Policy"), policy_label(p.policy)]]
    if p.cap:
        facts.append([_("Cap per customer per gesture"), p.cap])
    gestures = [[g.name, g.cost, effort_label(g.effort), kind_label(g.kind, g.weaker), ", ".join(g.wow)] for g in p.gestures]
    mix = [[m.name, str(m.count) if m.count else _("as often as you like"), m.unit, m.total] for m in p.mix]
    mix.append([_("Kept for the unexpected"), "", "", p.reserve])
    sub = level + 1
    return [
        Heading(level, _("Surprise budget for") + f" {p.shop_name}: {p.month_name}"),
        Table([_("Field"), _("Details")], facts),
        Heading(sub, _("1. Allowance per person")),
        Table([_("Person"), _("Allowance")], [[a.name, a.amount] for a in p.allowances] + [[_("Total"), p.budget]]),
        Heading(sub, _("2. Gesture menu")),
        Table([_("Gesture"), _("Typical cost"), _("Effort"), _("Kind"), _("WOW")], gestures),
        Heading(sub, _("3. Suggested mix for the month")),
        Table([_("Gesture"), _("How many"), _("Each"), _("Total")], mix),
        Heading(sub, _("4. Weekly focus")),
        Table([_("Dates"), _("Focus value"), _("Story to share with the team")], [[w.label, w.value, w.story] for w in p.weeks]),
        Heading(sub, _("5. Month-end review")),
        Field(_("Record for every gesture"), ", ".join(p.review_fields)),
        Bullets(p.review_questions),
        Quote(p.principle),
    ]


def review(r: ReviewReport, level: int = 1, charts: list[ChartView] | None = None) -> list[Block]:
    """With `charts` (HTML and PDF), each picture stands after the table that holds its figures."""
    pictures = {c.id: [Chart(c)] for c in charts or []}
    facts = [
        [_("Budget"), r.budget],
        [_("Carried over"), r.carried],
        [_("Spent"), r.spent],
        [_("Left"), r.remaining],
        [_("Policy"), policy_label(r.policy)],
    ]
    people = [[p.name, str(p.gestures), p.spent, p.allowance, p.remaining, "–" if p.percent is None else f"{p.percent}%"] for p in r.people]
    sub = level + 1
    out: list[Block] = [Heading(level, _("Month-end review") + f": {r.month_name}"), Table([_("Field"), _("Details")], facts)]
    if r.warning:
        out.append(Para(r.warning, strong=True))
    out += [
        Heading(sub, _("Per person")),
        Table([_("Person"), _("Gestures"), _("Spent"), _("Allowance"), _("Left"), _("Used")], people),
        *pictures.get("spend-per-person", []),
        Heading(sub, _("Per core value")),
        Table([_("Value"), _("Gestures"), _("Spent")], [[v.name, str(v.gestures), v.spent] for v in r.values]),
        *pictures.get("gestures-per-value", []),
    ]
    out += [Para(line) for line in r.summary]
    if r.outcomes:
        out += [Heading(sub, _("What came of it")), Bullets(r.outcomes)]
    if r.trend:
        out += [
            Heading(sub, _("The last months")),
            Table(
                [_("Month"), _("Spent"), _("Gestures"), _("Came back")],
                [[t.month_name, t.spent, str(t.gestures), str(t.came_back)] for t in r.trend],
            ),
        ]
    out += pictures.get("came-back", [])
    return [*out, Heading(sub, _("Questions for the team")), Bullets(r.questions)]


def document(doc: ExportDoc) -> Doc:
    """One client's document: suggestions, the values checklist, last month's review (with its
    charts) and the month's plan; each level-2 heading starts a section."""
    title = _("WOW plan for") + f" {doc.shop_name}"
    out: list[Block] = [
        Heading(1, title),
        Para(_("Prepared on {date} with wowcoach.").format(date=doc.date)),
        Quote(doc.suggestions.principle),
        *suggestions(doc.suggestions, level=2),
        Heading(2, _("Values checklist")),
        Para(_("Answer each question with yes or no; the values with the most 'no' answers are the ones to work on first.")),
        Table([_("Value"), _("Question"), _("Yes/No")], [[f"{v.number}. {v.name}", q, ""] for v in doc.values for q in v.questions]),
    ]
    if doc.review is not None:
        out += review(doc.review, level=2, charts=doc.charts)
    out += plan(doc.plan, level=2)
    return Doc(title, doc.lang, out)


# The blocks of each result type that has a document form (Markdown; the export also HTML).
BUILDERS: dict[type, Callable[[Any], list[Block]]] = {
    CaseView: case,
    SuggestReport: suggestions,
    PlanReport: plan,
    ReviewReport: review,
}
