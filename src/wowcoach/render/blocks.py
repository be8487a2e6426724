"""The shape of a document, shared by the Markdown and the HTML (and so PDF) renderers: a cover,
headings, paragraphs, tables, lists and charts built once from the result objects, so the
formats can never disagree on a heading, a label or a figure. Each renderer only writes these
blocks out, with its own escaping; the text here is plain and unescaped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union

from wowcoach.i18n import Translator, translator
from wowcoach.results.cases import CaseView, ValueView
from wowcoach.results.export import ChainDoc, ChartView, ConsultantView, ExportDoc, ReviewDoc
from wowcoach.results.labels import cost_label, effort_label, kind_label, policy_label
from wowcoach.results.ledger import ReviewReport, ShopsReport
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import SuggestReport


@dataclass(eq=False, frozen=True)
class Heading:
    level: int
    text: str
    number: int | None = None  # "3." before the text, never escaped
    anchor: str | None = None  # an id to link to (the contents); only level-2 headings have one


@dataclass(eq=False, frozen=True)
class Para:
    text: str
    strong: bool = False


@dataclass(eq=False, frozen=True)
class Field:
    """'Label: text' in one paragraph; the text is a link when `url` is given."""

    label: str
    text: str
    strong: bool = False  # the label in bold
    url: str | None = None  # http(s) only: checked when the library was loaded


@dataclass(eq=False, frozen=True)
class Lines:
    """Short notes, one a line, with no gap after them."""

    lines: list[str]


@dataclass(eq=False, frozen=True)
class Quote:
    text: str


@dataclass(eq=False, frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    right: tuple[int, ...] = ()  # the columns of figures (amounts, counts), aligned right


@dataclass(eq=False, frozen=True)
class Bullets:
    items: list[str]
    checkbox: bool = False  # a checklist to tick on paper


@dataclass(eq=False, frozen=True)
class Chart:
    """A picture of figures a table next to it already gives: HTML and PDF show it."""

    chart: ChartView


@dataclass(eq=False, frozen=True)
class Cover:
    """The first page: who the document is for, which month, who it is from and when."""

    title: str  # also the running header's text (HTML and PDF): it names the client
    month: str
    date: str  # "Prepared on 25 February 2027"
    consultant: ConsultantView | None = None
    prepared_by: str = ""  # "Prepared by", before the consultant's name


@dataclass(eq=False, frozen=True)
class Contents:
    """Where the table of contents goes: the renderer lists the parts (level-2 headings)."""

    title: str


Block = Union[Heading, Para, Field, Lines, Quote, Table, Bullets, Chart, Cover, Contents]  # noqa: UP007 - a runtime alias on Python 3.10


@dataclass(eq=False, frozen=True)
class Doc:
    title: str  # the document's title (HTML <title>)
    lang: str
    blocks: list[Block] = field(default_factory=list)
    page_label: str = "page {page} of {pages}"  # the running footer's page number, in the document's language
    colour: str | None = None  # the consultant's colour, #rrggbb


def _facts(c: CaseView, t: Translator) -> list[Block]:
    out: list[Block] = [
        Field(t("Values"), ", ".join(c.values)),
        Field(t("WOW"), ", ".join(c.wow)),
        Field(t("Situations"), ", ".join(c.situations)),
        Field(t("Cost"), cost_label(c.cost, t) + (f" ({c.typical_amount})" if c.typical_amount else "")),
    ]
    if c.figures:
        out.append(Field(t("Figures"), "; ".join(c.figures)))
    return [*out, Field(t("Source"), c.source_text or c.source, url=c.source_url)]


def _case(c: CaseView, level: int, t: Translator, number: int | None = None) -> list[Block]:
    return [Heading(level, f"{c.title} ({c.company})", number), Para(c.story), Field(t("Lesson"), c.lesson, strong=True), *_facts(c, t)]


def case(c: CaseView, t: Translator, level: int = 1) -> list[Block]:
    return [*_case(c, level, t), Table([t("Idea"), t("Cost")], [[i.text, cost_label(i.cost, t)] for i in c.ideas])]


def _ideas(s, t: Translator) -> Table:
    rows = [[i.text, cost_label(i.cost, t) + ("" if i.affordable else " " + t("(over budget)"))] for i in s.ideas]
    heading = t("Ideas from other shops ({sectors})").format(sectors=s.ideas_from) if s.ideas_from else t("Ideas for your shop")
    return Table([heading, t("Cost")], rows)


def _checklist(values: list[ValueView], level: int) -> list[Block]:
    return [b for v in values for b in (Heading(level, v.name), Bullets(v.questions, checkbox=True))]


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
    if report.heading:
        out.append(Para(report.heading, strong=True))
    for n, s in enumerate(report.suggestions, 1):
        out += _case(s.case, level + 1, t, n)
        out += [Para(t("Why it matches"), strong=True), Bullets(s.why), _ideas(s, t)]
    out.append(Heading(level + 1, t("Checklist for the values these stories show")))
    out += _checklist(report.checklist, level + 2)
    return [*out, Quote(report.principle)]


def _charts(charts: list[ChartView] | None) -> dict[str, list[Block]]:
    return {c.id: [Chart(c)] for c in charts or []}


def plan(p: PlanReport, t: Translator, level: int = 1, charts: list[ChartView] | None = None, anchor: str | None = None) -> list[Block]:
    """With `charts` (HTML and PDF), the allowances' picture stands after their table."""
    pictures = _charts(charts)
    facts = [[t("Monthly budget"), p.budget]]
    if p.cap:
        facts.append([t("Cap per customer per gesture"), p.cap])
    gestures = [[g.name, g.cost, effort_label(g.effort, t), kind_label(g.kind, g.weaker, t), ", ".join(g.wow)] for g in p.gestures]
    mix = [[m.name, str(m.count) if m.count else t("as often as you like"), m.unit, m.total] for m in p.mix]
    mix.append([t("Kept for the unexpected"), "", "", p.reserve])
    sub = level + 1
    return [
        Heading(level, t("Surprise budget for") + f" {p.shop_name}: {p.month_name}", anchor=anchor),
        Table([p.month_name, t("Amount")], facts, right=(1,)),
        Field(t("Policy"), policy_label(p.policy, t)),
        Heading(sub, t("1. Allowance per person")),
        Table([t("Person"), t("Allowance")], [[a.name, a.amount] for a in p.allowances] + [[t("Total"), p.budget]], right=(1,)),
        *pictures.get("allowance-per-person", []),
        Heading(sub, t("2. Gesture menu")),
        Table([t("Gesture"), t("Typical cost"), t("Effort"), t("Kind"), t("WOW")], gestures, right=(1,)),
        *([Para(p.menu_note)] if p.menu_note else []),
        Heading(sub, t("3. Suggested mix for the month")),
        Table([t("Gesture"), t("How many"), t("Each"), t("Total")], mix, right=(1, 2, 3)),
        Heading(sub, t("4. Weekly focus")),
        Table([t("Dates"), t("Focus value"), t("Story to share with the team")], [[w.label, w.value, w.story] for w in p.weeks]),
        Heading(sub, t("5. Month-end review")),
        Field(t("Record for every gesture"), ", ".join(p.review_fields)),
        Bullets(p.review_questions),
        Quote(p.principle),
    ]


def review(
    r: ReviewReport,
    t: Translator,
    level: int = 1,
    charts: list[ChartView] | None = None,
    anchor: str | None = None,
    title: str | None = None,
) -> list[Block]:
    """With `charts` (HTML and PDF), each picture stands after the table that holds its figures."""
    pictures = _charts(charts)
    facts = [[t("Budget"), r.budget], [t("Carried over"), r.carried], [t("Spent"), r.spent], [t("Left"), r.remaining]]
    people = [[p.name, str(p.gestures), p.spent, p.allowance, p.remaining, "–" if p.percent is None else f"{p.percent}%"] for p in r.people]
    sub = level + 1
    out: list[Block] = [
        Heading(level, title or t("Month-end review") + f": {r.month_name}", anchor=anchor),
        Table([r.month_name, t("Amount")], facts, right=(1,)),
        Field(t("Policy"), policy_label(r.policy, t)),
    ]
    if r.warning:
        out.append(Para(r.warning, strong=True))
    out += [
        Heading(sub, t("Per person")),
        Table([t("Person"), t("Gestures"), t("Spent"), t("Allowance"), t("Left"), t("Used")], people, right=(1, 2, 3, 4, 5)),
        *pictures.get("spend-per-person", []),
        Heading(sub, t("Per core value")),
        Table([t("Value"), t("Gestures"), t("Spent")], [[v.name, str(v.gestures), v.spent] for v in r.values], right=(1, 2)),
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
                right=(1, 2, 3),
            ),
        ]
    out += pictures.get("came-back", [])
    return [*out, Heading(sub, t("Questions for the team")), Bullets(r.questions)]


def review_alone(r: ReviewReport, t: Translator) -> list[Block]:
    """`review --format markdown`: no cover to name the shop, so the heading names it as the
    terminal does (a shop of a chain ledger, or the profile's)."""
    shop = f" · {r.shop}" if r.shop else ""
    return review(r, t, title=t("Month-end review") + f": {r.month_name}{shop}")


def _cover(title: str, month: str, day: str, consultant: ConsultantView | None, t: Translator) -> list[Block]:
    return [
        Cover(title, month, t("Prepared on {date}").format(date=day), consultant, t("Prepared by")),
        Contents(t("Contents")),
    ]


def summary(doc: ExportDoc, t: Translator) -> list[Block]:
    """One page: the month's budget and allowances, its actions, last month in one line."""
    p = doc.plan
    out: list[Block] = [
        Heading(2, t("Summary") + f": {p.month_name}", anchor="summary"),
        Table([t("Person"), t("Allowance")], [[a.name, a.amount] for a in p.allowances] + [[t("Monthly budget"), p.budget]], right=(1,)),
        Field(t("Policy"), policy_label(p.policy, t)),
    ]
    if doc.actions:
        rows = [[a.person, t("week {n}").format(n=a.week) + f" ({a.dates})", a.text] for a in doc.actions]
        out += [Heading(3, t("Actions for this month")), Table([t("Who"), t("When"), t("What")], rows)]
    if doc.last_month:
        out += [Heading(3, t("Last month")), Para(doc.last_month)]
    return [*out, Quote(doc.suggestions.principle)]


def stories(doc: ExportDoc, t: Translator) -> list[Block]:
    """The stories and their ideas for the shop: no scores and no matched words, only a plain
    'why this story' where the matching found one."""
    report = doc.suggestions
    out: list[Block] = [Heading(2, t("Stories and ideas"), anchor="stories")]
    situation = report.profile.get("situation")
    if situation and doc.parts.situation:
        out += [Para(t("The situation"), strong=True), Quote(situation)]
    for n, s in enumerate(report.suggestions, 1):
        out += [Heading(3, f"{s.case.title} ({s.case.company})", n), Para(s.case.story), Field(t("Lesson"), s.case.lesson, strong=True)]
        if s.because:
            out.append(Field(t("Why this story"), s.because))
        out += [*_facts(s.case, t), _ideas(s, t)]
    return out


def document(doc: ExportDoc) -> Doc:
    """One client's document, in the client's language: a cover, then summary → last month's
    review (with a ledger) → this month's plan → stories and ideas → checklist (→ the full
    checklist as an appendix, on request); each level-2 heading starts a part."""
    t = translator(doc.lang)
    title = t("WOW plan for") + f" {doc.shop_name}"
    out = _cover(title, doc.plan.month_name, doc.date, doc.consultant, t)
    out += summary(doc, t)
    if doc.review is not None and doc.parts.review:
        out += review(doc.review, t, level=2, charts=doc.charts, anchor="review")
    out += plan(doc.plan, t, level=2, charts=doc.charts, anchor="plan")
    out += stories(doc, t)
    if doc.parts.checklist:
        out += [
            Heading(2, t("Checklist for the values these stories show"), anchor="checklist"),
            Para(t("Answer each question with yes or no; the values with the most 'no' answers are the ones to work on first.")),
            *_checklist(doc.suggestions.checklist, 3),
        ]
    if doc.parts.full_checklist:
        out += [
            Heading(2, t("Appendix: the full values checklist"), anchor="appendix"),
            Table([t("Value"), t("Question"), t("Yes/No")], [[f"{v.number}. {v.name}", q, ""] for v in doc.values for q in v.questions]),
        ]
    return Doc(title, doc.lang, out, t("page {page} of {pages}"), doc.consultant.colour if doc.consultant else None)


def review_document(doc: ReviewDoc) -> Doc:
    """`review` as a document: a cover, then the review with its charts."""
    r, t = doc.review, translator(doc.lang)
    title = t("Month-end review") + (f": {doc.shop_name}" if doc.shop_name else "")
    out = _cover(title, r.month_name, doc.date, doc.consultant, t)
    out += review(r, t, level=2, charts=doc.charts, anchor="review", title=t("Month-end review") + f": {r.month_name}")
    return Doc(title, doc.lang, out, t("page {page} of {pages}"), doc.consultant.colour if doc.consultant else None)


def shops(
    s: ShopsReport, t: Translator, level: int = 1, chart: ChartView | None = None, anchor: str | None = None, title: str | None = None
) -> list[Block]:
    rows = [
        [
            r.shop,
            r.plan or "–",
            r.spent,
            "–" if r.percent is None else f"{r.percent}%",
            str(r.gestures),
            str(r.came_back),
            str(r.told_others),
        ]
        for r in s.shops
    ]
    headers = [t("Shop"), t("Plan"), t("Spent"), t("Used"), t("Gestures"), t("Came back"), t("Told others")]
    return [
        Heading(level, title or s.title, anchor=anchor),
        Table(headers, rows, right=(1, 2, 3, 4, 5, 6)),
        *([Chart(chart)] if chart else []),
    ]


def chain_document(doc: ChainDoc) -> Doc:
    """`review --all-shops` as a document: a cover, the shops side by side with a chart, then a
    part per shop with its own review."""
    t = translator(doc.lang)
    title = t("Chain report")
    out = _cover(title, doc.month_name, doc.date, doc.consultant, t)
    heading = t("The shops in {month}").format(month=doc.month_name)
    out += shops(doc.shops, t, level=2, chart=doc.chart, anchor="comparison", title=heading)
    for n, page in enumerate(doc.pages, 1):
        anchor = f"shop-{n}"
        if page.review is None:
            out += [
                Heading(2, page.shop, anchor=anchor),
                Para(t("No plan is recorded for {month}.").format(month=doc.month_name)),
            ]
            continue
        out += review(page.review, t, level=2, charts=page.charts, anchor=anchor, title=f"{page.shop}: {page.review.month_name}")
    return Doc(title, doc.lang, out, t("page {page} of {pages}"), doc.consultant.colour if doc.consultant else None)


# The blocks of each result type that has a document form (Markdown; the export also HTML).
BUILDERS: dict[type, Callable[[Any, Translator], list[Block]]] = {
    CaseView: case,
    SuggestReport: suggestions,
    PlanReport: plan,
    ReviewReport: review_alone,
}

# The whole document of each kind that is written as a file (Markdown, HTML, PDF).
DOCUMENTS: dict[type, Callable[[Any], Doc]] = {ExportDoc: document, ReviewDoc: review_document, ChainDoc: chain_document}
