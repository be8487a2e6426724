"""Rich rendering for the terminal. All text goes in as `Text`, never as markup, so a shop
name such as "[bold]Bo's[/]" is shown as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wowcoach.i18n import Translator
from wowcoach.results.cases import CaseList, CaseView, ChecklistResult, ValueList, ValueView
from wowcoach.results.labels import cost_label, effort_label, kind_label, policy_label
from wowcoach.results.ledger import EntryList, MonthList, ReviewReport, ShopsReport
from wowcoach.results.notice import Notice
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import SuggestReport
from wowcoach.textclean import clean, one_line


def T(text: object, style: str = "") -> Text:
    return Text(clean(str(text)), style=style)


NARROW = 60  # below this many columns a wide table is stacked: one block per row


def show(console: Console, table: Table) -> None:
    """Print a table, or on a narrow terminal one "header: value" block per row, so nothing
    is squeezed into unreadable slivers."""
    columns = list(table.columns)
    if console.width >= NARROW or len(columns) < 3:
        console.print(table)
        return
    if table.title:
        console.print(Text(str(table.title), style="bold"))
    cells = [list(c.cells) for c in columns]
    for r in range(table.row_count):
        block = Table.grid(padding=(0, 1))
        block.add_column(style="bold", no_wrap=True)
        block.add_column()
        for c, column in enumerate(columns):
            value = cells[c][r] if r < len(cells[c]) else ""
            if value not in ("", None):
                block.add_row(Text(str(column.header)), value)
        console.print(block)
        console.print(Text("─" * min(console.width, 20), style="dim"))


def allowance_rows(allowances: list, t: Translator, longest: int = 50) -> list[tuple[str, str]]:
    """(person, amount) rows; in a table longer than `longest`, a run of people with the same
    amount is one row, "Person 1 – Person 400 (400 people)": Rich takes minutes to draw a table
    of 100,000 rows (the most --staff allows), and nobody reads one."""
    if len(allowances) <= longest:
        return [(a.name, a.amount) for a in allowances]
    rows: list[tuple[str, str]] = []
    start = 0
    for i in range(1, len(allowances) + 1):
        if i == len(allowances) or allowances[i].amount != allowances[start].amount:
            first, last, n = allowances[start], allowances[i - 1], i - start
            if n < 3:
                rows.extend((a.name, a.amount) for a in allowances[start:i])
            else:
                people = t.ngettext("{first} – {last} ({n} person)", "{first} – {last} ({n} people)", n)
                rows.append((people.format(first=first.name, last=last.name, n=n), first.amount))
            start = i
    return rows


def bullets(items: list[str], style: str = "") -> Text:
    out = Text()
    for i, item in enumerate(items):
        if i:
            out.append("\n")
        out.append("• ", style="dim")
        out.append(clean(item), style=style)
    return out


def case_list(console: Console, result: CaseList, t: Translator) -> None:
    table = Table(title=t("Stories"), show_lines=False, expand=False)
    table.add_column(t("Id"), style="cyan", no_wrap=True)
    table.add_column(t("Company"))
    table.add_column(t("Title"), ratio=2)
    table.add_column(t("Sectors"))
    table.add_column(t("Cost"))
    for c in result.cases:
        table.add_row(T(c.id), T(c.company), T(c.title), T(", ".join(c.sectors)), T(cost_label(c.cost, t)))
    show(console, table)
    n = len(result.cases)
    console.print(
        T(
            t.ngettext("{n} story. Show it with: wowcoach cases show ID", "{n} stories. Show one with: wowcoach cases show ID", n).format(
                n=n
            ),
            "dim",
        )
    )


def _case_body(c: CaseView, t: Translator) -> list:
    parts: list = [T(c.story), Text()]
    parts.append(Text.assemble((t("Lesson") + ": ", "bold"), T(c.lesson)))
    meta = Table.grid(padding=(0, 1))
    meta.add_column(style="bold", no_wrap=True)
    meta.add_column()
    meta.add_row(T(t("Values")), T(", ".join(c.values)))
    meta.add_row(T(t("WOW")), T(", ".join(c.wow)))
    meta.add_row(T(t("Situations")), T(", ".join(c.situations)))
    meta.add_row(T(t("Sectors")), T(", ".join(c.sectors)))
    cost = cost_label(c.cost, t) + (f" ({c.typical_amount})" if c.typical_amount else "")
    meta.add_row(T(t("Cost")), T(cost))
    if c.figures:
        meta.add_row(T(t("Figures")), T("; ".join(c.figures)))
    source = T(c.source)
    source.overflow = "fold"  # a web address is one long word: break it rather than cut it off
    meta.add_row(T(t("Source")), source)
    parts += [Text(), meta]
    return parts


def case(console: Console, c: CaseView, t: Translator) -> None:
    ideas = Table(title=t("Ideas for your shop"), show_header=True, title_justify="left")
    ideas.add_column(t("Idea"), ratio=4)
    ideas.add_column(t("Cost"), no_wrap=True)
    for idea in c.ideas:
        ideas.add_row(T(idea.text), T(cost_label(idea.cost, t)))
    title = Text.assemble(T(c.title, "bold"), " · ", T(c.company, "cyan"))
    console.print(Panel(Group(*_case_body(c, t), Text(), ideas), title=title, subtitle=T(c.id, "dim")))


def value_list(console: Console, result: ValueList, t: Translator) -> None:
    table = Table(title=t("Zappos' 10 core values"))
    table.add_column("#", justify="right")
    table.add_column(t("Id"), style="cyan", no_wrap=True)
    table.add_column(t("Value"), style="bold")
    table.add_column(t("What it means for a small shop"), ratio=3)
    for v in result.values:
        table.add_row(str(v.number), T(v.id), T(v.name), T(v.meaning))
    show(console, table)
    console.print(Panel(T(result.principle), title=t("The principle")))


def value(console: Console, v: ValueView, t: Translator) -> None:
    body = Group(
        T(v.meaning),
        Text(),
        T(t("Checklist (answer yes or no)"), "bold"),
        bullets(v.questions),
        Text(),
        T(t("Things to try"), "bold"),
        bullets(v.actions),
    )
    console.print(Panel(body, title=Text.assemble((f"{v.number}. ", "bold"), T(v.name, "bold")), subtitle=T(v.id, "dim")))


def bar(percent: int | None, width: int = 20) -> Text:
    if percent is None:
        return T("–", "dim")
    filled = round(width * percent / 100)
    style = "green" if percent >= 75 else "yellow" if percent >= 50 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"), f" {percent}%")


def checklist(console: Console, result: ChecklistResult, t: Translator) -> None:
    table = Table(title=t("Your values checklist"))
    table.add_column(t("Value"))
    table.add_column(t("Yes"), justify="right")
    table.add_column(t("Score"))
    for s in result.scores:
        table.add_row(T(s.name), f"{s.yes}/{s.answered}", bar(s.percent))
    show(console, table)
    if result.focus:
        console.print(T(t("Work on these first:"), "bold"))
        console.print(bullets(result.focus))


def suggestions(console: Console, report: SuggestReport, t: Translator, verbose: bool = False) -> None:
    p = report.profile
    console.print(
        Text.assemble(
            (t("Suggestions for") + " ", "bold"),
            T(one_line(p["shop_name"]), "bold cyan"),
            T(" · " + t("monthly surprise budget: {budget}").format(budget=report.budget), "dim"),
        )
    )
    for note in report.notes:
        console.print(T(note, "yellow"))
    for rank_no, s in enumerate(report.suggestions, 1):
        c = s.case
        ideas = Table(show_header=True, box=None, padding=(0, 1))
        heading = t("Ideas from other shops ({sectors})").format(sectors=s.ideas_from) if s.ideas_from else t("Ideas for your shop")
        ideas.add_column(T(heading), ratio=4)  # the sectors come from a --cases file: cleaned, never markup
        ideas.add_column(t("Cost"), no_wrap=True)
        for idea in s.ideas:
            label = cost_label(idea.cost, t) + ("" if idea.affordable else " " + t("(over budget)"))
            ideas.add_row(T(idea.text), T(label, "" if idea.affordable else "red"))
        body = Group(
            T(c.story),
            Text(),
            T(t("Why it matches"), "bold"),
            bullets(s.why, "green") if s.why else T(t("a general story worth knowing"), "dim"),
            Text(),
            Text.assemble((t("Values") + ": ", "bold"), T(", ".join(c.values))),
            Text.assemble((t("Lesson") + ": ", "bold"), T(c.lesson)),
            Text(),
            ideas,
            T(t("Source") + ": " + c.source, "dim"),
        )
        title = Text.assemble(f"{rank_no}. ", T(c.title, "bold"), " · ", T(c.company, "cyan"))
        # The story's id and score are for JSON, `cases show` and --verbose, not for the owner.
        details = T(f"{c.id} · {s.score:.4f} · {report.confidence}", "dim") if verbose else None
        console.print(Panel(body, title=title, subtitle=details))
    if report.checklist:
        console.print(T(t("Checklist for the values these stories show"), "bold"))
        for v in report.checklist:
            console.print(Text.assemble(T(v.name, "bold"), "\n", bullets(v.questions)))
    console.print(Panel(T(report.principle), title=t("The principle")))


def plan(console: Console, p: PlanReport, t: Translator, verbose: bool = False) -> None:
    head = Text.assemble(
        (t("Surprise budget for") + " ", "bold"),
        T(p.shop_name, "bold cyan"),
        (" · " + p.month_name, "bold"),
    )
    console.print(head)
    facts = [t("budget: {budget}").format(budget=p.budget), policy_label(p.policy, t)]
    if p.cap:
        facts.append(t("at most {cap} per customer per gesture, no approval needed").format(cap=p.cap))
    console.print(T(" · ".join(facts), "dim"))

    table = Table(title=t("1. Allowance per person"), title_justify="left")
    table.add_column(t("Person"))
    table.add_column(t("Allowance"), justify="right")
    for name, amount in allowance_rows(p.allowances, t):
        table.add_row(T(name), T(amount))
    table.add_section()
    table.add_row(T(t("Total"), "bold"), T(p.budget, "bold"))
    show(console, table)

    menu = Table(title=t("2. Gesture menu"), title_justify="left")
    menu.add_column(t("Gesture"), ratio=2)
    menu.add_column(t("Typical cost"), justify="right", no_wrap=True)
    menu.add_column(t("Effort"))
    menu.add_column(t("Kind"))
    menu.add_column(t("WOW"), ratio=2)
    for g in p.gestures:
        kind = kind_label(g.kind, g.weaker, t)
        name = Text.assemble(T(g.name), T(f" ({g.id})", "dim")) if verbose else T(g.name)
        menu.add_row(name, T(g.cost), T(effort_label(g.effort, t)), T(kind, "yellow" if g.weaker else "green"), T(", ".join(g.wow)))
    show(console, menu)

    mix = Table(title=t("3. Suggested mix for the month"), title_justify="left")
    mix.add_column(t("Gesture"), ratio=2)
    mix.add_column(t("How many"), justify="right")
    mix.add_column(t("Each"), justify="right")
    mix.add_column(t("Total"), justify="right")
    for m in p.mix:
        count = str(m.count) if m.count else t("as often as you like")
        mix.add_row(T(m.name), T(count), T(m.unit), T(m.total))
    mix.add_section()
    mix.add_row(T(t("Kept for the unexpected")), "", "", T(p.reserve))
    show(console, mix)

    weeks = Table(title=t("4. Weekly focus"), title_justify="left")
    weeks.add_column(t("Dates"), no_wrap=True)  # by their dates: ISO week 53 in January confuses
    weeks.add_column(t("Focus value"))
    weeks.add_column(t("Story to share with the team"), ratio=2)
    for w in p.weeks:
        story = Text.assemble(T(w.story), T(f" ({w.story_id})", "dim")) if verbose else T(w.story)
        weeks.add_row(T(w.label), T(w.value), story)
    show(console, weeks)

    console.print(T(t("5. Month-end review"), "bold italic"))
    console.print(Text.assemble((t("Record for every gesture") + ": ", "bold"), T(", ".join(p.review_fields))))
    console.print(bullets(p.review_questions))
    console.print(Panel(T(p.principle), title=t("The principle")))


def entries(console: Console, result: EntryList, t: Translator) -> None:
    table = Table(title=result.title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column(t("Date"), no_wrap=True)
    table.add_column(t("Who"))
    table.add_column(t("What"), ratio=3)
    table.add_column(t("Cost"), justify="right", no_wrap=True)
    table.add_column(t("Customer"), ratio=2)
    table.add_column(t("Value"))
    table.add_column(t("Outcome"))
    over_budget = t("over budget")
    for e in result.entries:
        outcome = ", ".join(x for x in (t("came back") if e.came_back else "", t("told others") if e.told_others else "", e.note) if x)
        what = e.what + (f" ({over_budget}: {e.over_budget_reason})" if e.over_budget_reason else "")
        style = "strike dim" if e.removed_at else ""
        table.add_row(str(e.id), T(e.day), T(e.by), T(what), T(e.cost), T(e.customer), T(e.value), T(outcome), style=style)
    show(console, table)


def months(console: Console, result: MonthList, t: Translator) -> None:
    table = Table(title=result.title, title_justify="left")
    table.add_column(t("Month"))
    table.add_column(t("Gestures"), justify="right")
    table.add_column(t("Spent"), justify="right")
    table.add_column(t("Budget"), justify="right")
    for m in result.months:
        table.add_row(T(m.month), str(m.gestures), T(m.spent), T(m.budget or t("no plan")))
    show(console, table)


def spend_bar(percent: int | None, width: int = 16) -> Text:
    """Spent against an allowance: green, then yellow from 75%, red from 100%."""
    if percent is None:
        return T("–", "dim")
    filled = min(width, round(width * percent / 100))
    style = "red" if percent >= 100 else "yellow" if percent >= 75 else "green"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"), f" {percent}%")


def review(console: Console, r: ReviewReport, t: Translator) -> None:
    console.print(Text.assemble((t("Month-end review") + " · ", "bold"), T(r.month_name, "bold cyan")))
    facts = [t("budget {budget}").format(budget=r.budget)]
    if r.carried_cents:
        facts.append(t("{carried} carried over from last month").format(carried=r.carried))
    facts += [t("spent {spent}").format(spent=r.spent), t("left {left}").format(left=r.remaining), policy_label(r.policy, t)]
    console.print(T(" · ".join(facts), "dim"))
    if r.warning:
        console.print(T(r.warning, "bold red" if (r.percent_used or 100) >= 100 else "bold yellow"))
    people = Table(title=t("Per person"), title_justify="left")
    people.add_column(t("Person"))
    people.add_column(t("Gestures"), justify="right")
    people.add_column(t("Spent"), justify="right")
    people.add_column(t("Allowance"), justify="right")
    people.add_column(t("Left"), justify="right")
    people.add_column(t("Used"))
    for p in r.people:
        people.add_row(T(p.name), str(p.gestures), T(p.spent), T(p.allowance), T(p.remaining), spend_bar(p.percent))
    show(console, people)
    values = Table(title=t("Per core value"), title_justify="left")
    values.add_column(t("Value"))
    values.add_column(t("Gestures"), justify="right")
    values.add_column(t("Spent"), justify="right")
    for v in r.values:
        values.add_row(T(v.name), str(v.gestures), T(v.spent))
    show(console, values)
    for line in r.summary:
        console.print(T(line))
    if r.outcomes:
        console.print(T(t("What came of it"), "bold"))
        console.print(bullets(r.outcomes))
    if r.trend:
        trend = Table(title=t("The last months"), title_justify="left")
        trend.add_column(t("Month"))
        trend.add_column(t("Spent"), justify="right")
        trend.add_column(t("Gestures"), justify="right")
        trend.add_column(t("Came back"), justify="right")
        for row in r.trend:
            trend.add_row(T(row.month_name), T(row.spent), str(row.gestures), str(row.came_back))
        show(console, trend)
    console.print(T(t("Questions for the team"), "bold"))
    console.print(bullets(r.questions))


def shops(console: Console, r: ShopsReport, t: Translator) -> None:
    table = Table(title=r.title, title_justify="left")
    table.add_column(t("Shop"))
    table.add_column(t("Plan"), justify="right")
    table.add_column(t("Spent"), justify="right")
    table.add_column(t("Used"))
    table.add_column(t("Gestures"), justify="right")
    table.add_column(t("Came back"), justify="right")
    table.add_column(t("Told others"), justify="right")
    for s in r.shops:
        table.add_row(
            T(s.shop),
            T(s.plan or t("no plan")),
            T(s.spent),
            spend_bar(s.percent, 10),
            str(s.gestures),
            str(s.came_back),
            str(s.told_others),
        )
    show(console, table)


def notice(console: Console, n: Notice, t: Translator) -> None:
    for line in n.lines:
        console.out(clean(line), highlight=False)


# The renderer of each result type.
def render(console: Console, result: Any, t: Translator, verbose: bool = False) -> None:
    """--verbose adds what JSON has and the owner's view leaves out: ids and scores."""
    show_result = RENDERERS[type(result)]
    if verbose and show_result in SHOWS_DETAILS:
        show_result(console, result, t, verbose=True)  # type: ignore[call-arg]
    else:
        show_result(console, result, t)


RENDERERS: dict[type, Callable[[Console, Any, Translator], None]] = {
    CaseList: case_list,
    CaseView: case,
    ValueList: value_list,
    ValueView: value,
    ChecklistResult: checklist,
    SuggestReport: suggestions,
    PlanReport: plan,
    EntryList: entries,
    MonthList: months,
    ReviewReport: review,
    ShopsReport: shops,
    Notice: notice,
}
SHOWS_DETAILS = {suggestions, plan}
