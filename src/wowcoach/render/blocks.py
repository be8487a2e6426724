"""The shape of a document, shared by the Markdown and the HTML renderers: headings, paragraphs,
tables, lists and charts built once from the result objects, so the two formats can never
disagree on a heading, a label or a figure. Each renderer only writes these blocks out, with
its own escaping; the text here is plain and unescaped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union

from wowcoach.i18n import Translator, translator
from wowcoach.results.cases import CaseView
from wowcoach.results.export import ChartView, ExportDoc
from wowcoach.results.labels import cost_label, effort_label, kind_label, policy_label
from wowcoach.results.ledger import ReviewReport
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import SuggestReport

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


def _case(c: CaseView, level: int, t: Translator, number: int | None = None) -> list[Block]:
    facts = [
        [t("Values"), ", ".join(c.values)],
        [t("WOW"), ", ".join(c.wow)],
        [t("Situations"), ", ".join(c.situations)],
        [t("Cost"), cost_label(c.cost, t) + (f" ({c.typical_amount})" if c.typical_amount else "")],
        [t("Source"), c.source],
    ]
    if c.figures:
        facts.insert(4, [t("Figures"), "; ".join(c.figures)])
    return [
        Heading(level, f"{c.title} ({c.company})", number),
        Para(c.story),
        Field(t("Lesson"), c.lesson, strong=True),
        Table([t("Field"), t("Details")], facts),
    ]


def case(c: CaseView, t: Translator, level: int = 1) -> list[Block]:
    return [*_case(c, level, t), Table([t("Idea"), t("Cost")], [[i.text, cost_label(i.cost, t)] for i in c.ideas])]


def suggestions(report: SuggestReport, t: Translator, level: int = 1) -> list[Block]:
    p = report.profile
    out: list[Block] = [
        Heading(level, t("Suggestions for") + " " + p["shop_name"]),
        Field(t("Monthly surprise budget"), report.budget),
    ]
    if p.get("situation"):
        out.append(Quote(p["situation"]))
    if report.notes:
        out.append(Lines(report.notes))
    for n, s in enumerate(report.suggestions, 1):
        out += _case(s.case, level + 1, t, n)
        out += [Para(t("Why it matches"), strong=True), Bullets(s.why)]
        rows = [[i.text, cost_label(i.cost, t) + ("" if i.affordable else " " + t("(over budget)"))] for i in s.ideas]
        heading = t("Ideas from other shops ({sectors})").format(sectors=s.ideas_from) if s.ideas_from else t("Ideas for your shop")
        out.append(Table([heading, t("Cost")], rows))
    out.append(Heading(level + 1, t("Checklist for the values these stories show")))
    for v in report.checklist:
        out += [Heading(level + 2, v.name), Bullets(v.questions, checkbox=True)]
    return [*out, Quote(report.principle)]


def plan(p: PlanReport, t: Translator, level: int = 1) -> list[Block]:
    facts = [[t("Monthly budget"), p.budget], [t("Policy"), policy_label(p.policy, t)]]
    if p.cap:
        facts.append([t("Cap per customer per gesture"), p.cap])
    gestures = [[g.name, g.cost, effort_label(g.effort, t), kind_label(g.kind, g.weaker, t), ", ".join(g.wow)] for g in p.gestures]
    mix = [[m.name, str(m.count) if m.count else t("as often as you like"), m.unit, m.total] for m in p.mix]
    mix.append([t("Kept for the unexpected"), "", "", p.reserve])
    sub = level + 1
    return [
        Heading(level, t("Surprise budget for") + f" {p.shop_name}: {p.month_name}"),
        Table([t("Field"), t("Details")], facts),
        Heading(sub, t("1. Allowance per person")),
        Table([t("Person"), t("Allowance")], [[a.name, a.amount] for a in p.allowances] + [[t("Total"), p.budget]]),
        Heading(sub, t("2. Gesture menu")),
        Table([t("Gesture"), t("Typical cost"), t("Effort"), t("Kind"), t("WOW")], gestures),
        *([Para(p.menu_note)] if p.menu_note else []),
        Heading(sub, t("3. Suggested mix for the month")),
        Table([t("Gesture"), t("How many"), t("Each"), t("Total")], mix),
        Heading(sub, t("4. Weekly focus")),
        Table([t("Dates"), t("Focus value"), t("Story to share with the team")], [[w.label, w.value, w.story] for w in p.weeks]),
        Heading(sub, t("5. Month-end review")),
        Field(t("Record for every gesture"), ", ".join(p.review_fields)),
        Bullets(p.review_questions),
        Quote(p.principle),
    ]


def review(r: ReviewReport, t: Translator, level: int = 1, charts: list[ChartView] | None = None) -> list[Block]:
    """With `charts` (HTML and PDF), each picture stands after the table that holds its figures."""
    pictures = {c.id: [Chart(c)] for c in charts or []}
    facts = [
        [t("Budget"), r.budget],
        [t("Carried over"), r.carried],
        [t("Spent"), r.spent],
        [t("Left"), r.remaining],
        [t("Policy"), policy_label(r.policy, t)],
    ]
    people = [[p.name, str(p.gestures), p.spent, p.allowance, p.remaining, "–" if p.percent is None else f"{p.percent}%"] for p in r.people]
    sub = level + 1
    title = t("Month-end review") + f": {r.month_name}" + (f" · {r.shop}" if r.shop else "")
    out: list[Block] = [Heading(level, title), Table([t("Field"), t("Details")], facts)]
    if r.warning:
        out.append(Para(r.warning, strong=True))
    out += [
        Heading(sub, t("Per person")),
        Table([t("Person"), t("Gestures"), t("Spent"), t("Allowance"), t("Left"), t("Used")], people),
        *pictures.get("spend-per-person", []),
        Heading(sub, t("Per core value")),
        Table([t("Value"), t("Gestures"), t("Spent")], [[v.name, str(v.gestures), v.spent] for v in r.values]),
        *pictures.get("gestures-per-value", []),
    ]
    out += [Para(line) for line in r.summary]
    if r.over_budget:
        out += [Heading(sub, t("Over budget, and why")), Bullets(r.over_budget)]
    if r.outcomes:
        out += [Heading(sub, t("What came of it")), Bullets(r.outcomes)]
    if r.trend:
        out += [
            Heading(sub, t("The last months")),
            Table(
                [t("Month"), t("Spent"), t("Gestures"), t("Came back")],
                [[row.month_name, row.spent, str(row.gestures), str(row.came_back)] for row in r.trend],
            ),
        ]
    out += pictures.get("came-back", [])
    return [*out, Heading(sub, t("Questions for the team")), Bullets(r.questions)]


def document(doc: ExportDoc) -> Doc:
    """One client's document, in the client's language: suggestions, the values checklist, last
    month's review (with its charts) and the month's plan; each level-2 heading starts a section."""
    t = translator(doc.lang)
    title = t("WOW plan for") + f" {doc.shop_name}"
    out: list[Block] = [
        Heading(1, title),
        Para(t("Prepared on {date} with wowcoach.").format(date=doc.date)),
        Quote(doc.suggestions.principle),
        *suggestions(doc.suggestions, t, level=2),
        Heading(2, t("Values checklist")),
        Para(t("Answer each question with yes or no; the values with the most 'no' answers are the ones to work on first.")),
        Table([t("Value"), t("Question"), t("Yes/No")], [[f"{v.number}. {v.name}", q, ""] for v in doc.values for q in v.questions]),
    ]
    if doc.review is not None:
        out += review(doc.review, t, level=2, charts=doc.charts)
    out += plan(doc.plan, t, level=2)
    return Doc(title, doc.lang, out)


# The blocks of each result type that has a document form (Markdown; the export also HTML).
BUILDERS: dict[type, Callable[[Any, Translator], list[Block]]] = {
    CaseView: case,
    SuggestReport: suggestions,
    PlanReport: plan,
    ReviewReport: review,
}
