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
from wowcoach.results.cases import CaseList, CaseView, ChecklistResult, TagList, ValueList, ValueView
from wowcoach.results.labels import cost_label, effort_label, kind_label, policy_label
from wowcoach.results.ledger import EntryList, MonthList, ReviewReport, ShopsReport
from wowcoach.results.notice import Notice
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import SuggestReport
from wowcoach.textclean import clean, one_line


def cleaned(text: object, style: str = "") -> Text:
    """Text from the data or a user, cleaned of escape codes, never read as markup."""
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
        table.add_row(cleaned(c.id), cleaned(c.company), cleaned(c.title), cleaned(", ".join(c.sectors)), cleaned(cost_label(c.cost, t)))
    show(console, table)
    n = len(result.cases)
    console.print(
        cleaned(
            t.ngettext("{n} story. Show it with: wowcoach cases show ID", "{n} stories. Show one with: wowcoach cases show ID", n).format(
                n=n
            ),
            "dim",
        )
    )


def tag_list(console: Console, result: TagList, t: Translator) -> None:
    for title, tags in ((t("Sectors"), result.sectors), (t("Situations"), result.situations)):
        table = Table(title=title, title_justify="left")
        table.add_column(t("Name"))
        table.add_column(t("Stories"), justify="right")
        for tag in tags:
            table.add_row(cleaned(tag.label), str(tag.stories))
        show(console, table)
    console.print(cleaned(t("Give a name to cases list: wowcoach cases list --sector NAME or --situation NAME"), "dim"))


def _case_body(c: CaseView, t: Translator) -> list:
    parts: list = [cleaned(c.story), Text()]
    parts.append(Text.assemble((t("Lesson") + ": ", "bold"), cleaned(c.lesson)))
    meta = Table.grid(padding=(0, 1))
    meta.add_column(style="bold", no_wrap=True)
    meta.add_column()
    meta.add_row(cleaned(t("Values")), cleaned(", ".join(c.values)))
    meta.add_row(cleaned(t("WOW")), cleaned(", ".join(c.wow)))
    meta.add_row(cleaned(t("Situations")), cleaned(", ".join(c.situations)))
    meta.add_row(cleaned(t("Sectors")), cleaned(", ".join(c.sectors)))
    cost = cost_label(c.cost, t) + (f" ({c.typical_amount})" if c.typical_amount else "")
    meta.add_row(cleaned(t("Cost")), cleaned(cost))
    if c.figures:
        meta.add_row(cleaned(t("Figures")), cleaned("; ".join(c.figures)))
    source = cleaned(c.source)
    source.overflow = "fold"  # a web address is one long word: break it rather than cut it off
    meta.add_row(cleaned(t("Source")), source)
    parts += [Text(), meta]
    return parts


def case(console: Console, c: CaseView, t: Translator) -> None:
    ideas = Table(title=t("Ideas for your shop"), show_header=True, title_justify="left")
    ideas.add_column(t("Idea"), ratio=4)
    ideas.add_column(t("Cost"), no_wrap=True)
    for idea in c.ideas:
        ideas.add_row(cleaned(idea.text), cleaned(cost_label(idea.cost, t)))
    title = Text.assemble(cleaned(c.title, "bold"), " · ", cleaned(c.company, "cyan"))
    console.print(Panel(Group(*_case_body(c, t), Text(), ideas), title=title, subtitle=cleaned(c.id, "dim")))


def value_list(console: Console, result: ValueList, t: Translator) -> None:
    table = Table(title=t("Zappos' 10 core values"))
    table.add_column("#", justify="right")
    table.add_column(t("Id"), style="cyan", no_wrap=True)
    table.add_column(t("Value"), style="bold")
    table.add_column(t("What it means for a small shop"), ratio=3)
    for v in result.values:
        table.add_row(str(v.number), cleaned(v.id), cleaned(v.name), cleaned(v.meaning))
    show(console, table)
    console.print(Panel(cleaned(result.principle), title=t("The principle")))


def value(console: Console, v: ValueView, t: Translator) -> None:
    body = Group(
        cleaned(v.meaning),
        Text(),
        cleaned(t("Checklist (answer yes or no)"), "bold"),
        bullets(v.questions),
        Text(),
        cleaned(t("Things to try"), "bold"),
        bullets(v.actions),
    )
    console.print(Panel(body, title=Text.assemble((f"{v.number}. ", "bold"), cleaned(v.name, "bold")), subtitle=cleaned(v.id, "dim")))


def bar(percent: int | None, width: int = 20) -> Text:
    if percent is None:
        return cleaned("–", "dim")
    filled = round(width * percent / 100)
    style = "green" if percent >= 75 else "yellow" if percent >= 50 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"), f" {percent}%")


def checklist(console: Console, result: ChecklistResult, t: Translator) -> None:
    table = Table(title=t("Your values checklist"))
    table.add_column(t("Value"))
    table.add_column(t("Yes"), justify="right")
    table.add_column(t("Score"))
    for s in result.scores:
        table.add_row(cleaned(s.name), f"{s.yes}/{s.answered}", bar(s.percent))
    show(console, table)
    if result.focus:
        console.print(cleaned(t("Work on these first:"), "bold"))
        console.print(bullets(result.focus))
    elif any(s.answered for s in result.scores):
        console.print(cleaned(t("Every value you answered for is at full marks: nothing to work on first.")))


def suggestions(console: Console, report: SuggestReport, t: Translator, verbose: bool = False) -> None:
    p = report.profile
    console.print(
        Text.assemble(
            (t("Suggestions for") + " ", "bold"),
            cleaned(one_line(p["shop_name"]), "bold cyan"),
            cleaned(" · " + t("monthly surprise budget: {budget}").format(budget=report.budget), "dim"),
        )
    )
    for note in report.notes:
        console.print(cleaned(note, "yellow"))
    if report.heading:
        console.print(cleaned(report.heading, "bold"))
    for rank_no, s in enumerate(report.suggestions, 1):
        c = s.case
        ideas = Table(show_header=True, box=None, padding=(0, 1))
        heading = t("Ideas from other shops ({sectors})").format(sectors=s.ideas_from) if s.ideas_from else t("Ideas for your shop")
        ideas.add_column(cleaned(heading), ratio=4)  # the sectors come from a --cases file: cleaned, never markup
        ideas.add_column(t("Cost"), no_wrap=True)
        for idea in s.ideas:
            label = cost_label(idea.cost, t) + ("" if idea.affordable else " " + t("(over budget)"))
            ideas.add_row(cleaned(idea.text), cleaned(label, "" if idea.affordable else "red"))
        body = Group(
            cleaned(c.story),
            Text(),
            cleaned(t("Why it matches"), "bold"),
            bullets(s.why, "green") if s.why else cleaned(t("a general story worth knowing"), "dim"),
            Text(),
            Text.assemble((t("Values") + ": ", "bold"), cleaned(", ".join(c.values))),
            Text.assemble((t("Lesson") + ": ", "bold"), cleaned(c.lesson)),
            Text(),
            ideas,
            cleaned(t("Source") + ": " + c.source, "dim"),
        )
        title = Text.assemble(f"{rank_no}. ", cleaned(c.title, "bold"), " · ", cleaned(c.company, "cyan"))
        # The story's id and score are for JSON, `cases show` and --verbose, not for the owner.
        details = cleaned(f"{c.id} · {s.score:.4f} · {report.confidence}", "dim") if verbose else None
        console.print(Panel(body, title=title, subtitle=details))
    if report.checklist:
        console.print(cleaned(t("Checklist for the values these stories show"), "bold"))
        for v in report.checklist:
            console.print(Text.assemble(cleaned(v.name, "bold"), "\n", bullets(v.questions)))
    console.print(Panel(cleaned(report.principle), title=t("The principle")))


def plan(console: Console, p: PlanReport, t: Translator, verbose: bool = False) -> None:
    head = Text.assemble(
        (t("Surprise budget for") + " ", "bold"),
        cleaned(p.shop_name, "bold cyan"),
        (" · " + p.month_name, "bold"),
    )
    console.print(head)
    facts = [t("budget: {budget}").format(budget=p.budget), policy_label(p.policy, t)]
    if p.cap:
        facts.append(t("at most {cap} per customer per gesture, no approval needed").format(cap=p.cap))
    console.print(cleaned(" · ".join(facts), "dim"))

    table = Table(title=t("1. Allowance per person"), title_justify="left")
    table.add_column(t("Person"))
    table.add_column(t("Allowance"), justify="right")
    for person, amount in allowance_rows(p.allowances, t):
        table.add_row(cleaned(person), cleaned(amount))
    table.add_section()
    table.add_row(cleaned(t("Total"), "bold"), cleaned(p.budget, "bold"))
    show(console, table)

    menu = Table(title=t("2. Gesture menu"), title_justify="left")
    menu.add_column(t("Gesture"), ratio=2)
    menu.add_column(t("Typical cost"), justify="right", no_wrap=True)
    menu.add_column(t("Effort"))
    menu.add_column(t("Kind"))
    menu.add_column(t("WOW"), ratio=2)
    for n, g in enumerate(p.gestures):
        if n and g.for_sector != p.gestures[n - 1].for_sector:
            menu.add_section()  # the sector's own gestures, then those for any shop
        kind = kind_label(g.kind, g.weaker, t)
        name = Text.assemble(cleaned(g.name), cleaned(f" ({g.id})", "dim")) if verbose else cleaned(g.name)
        menu.add_row(
            name,
            cleaned(g.cost),
            cleaned(effort_label(g.effort, t)),
            cleaned(kind, "yellow" if g.weaker else "green"),
            cleaned(", ".join(g.wow)),
        )
    show(console, menu)
    if p.menu_note:
        console.print(cleaned(p.menu_note, "dim"))

    mix = Table(title=t("3. Suggested mix for the month"), title_justify="left")
    mix.add_column(t("Gesture"), ratio=2)
    mix.add_column(t("How many"), justify="right")
    mix.add_column(t("Each"), justify="right")
    mix.add_column(t("Total"), justify="right")
    for m in p.mix:
        count = str(m.count) if m.count else t("as often as you like")
        mix.add_row(cleaned(m.name), cleaned(count), cleaned(m.unit), cleaned(m.total))
    mix.add_section()
    mix.add_row(cleaned(t("Kept for the unexpected")), "", "", cleaned(p.reserve))
    show(console, mix)

    weeks = Table(title=t("4. Weekly focus"), title_justify="left")
    weeks.add_column(t("Dates"), no_wrap=True)  # by their dates: ISO week 53 in January confuses
    weeks.add_column(t("Focus value"))
    weeks.add_column(t("Story to share with the team"), ratio=2)
    for w in p.weeks:
        story = Text.assemble(cleaned(w.story), cleaned(f" ({w.story_id})", "dim")) if verbose else cleaned(w.story)
        weeks.add_row(cleaned(w.label), cleaned(w.value), story)
    show(console, weeks)

    console.print(cleaned(t("5. Month-end review"), "bold italic"))
    console.print(Text.assemble((t("Record for every gesture") + ": ", "bold"), cleaned(", ".join(p.review_fields))))
    console.print(bullets(p.review_questions))
    console.print(Panel(cleaned(p.principle), title=t("The principle")))


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
        table.add_row(
            str(e.id),
            cleaned(e.day),
            cleaned(e.by),
            cleaned(what),
            cleaned(e.cost),
            cleaned(e.customer),
            cleaned(e.value),
            cleaned(outcome),
            style=style,
        )
    show(console, table)


def months(console: Console, result: MonthList, t: Translator) -> None:
    table = Table(title=result.title, title_justify="left")
    table.add_column(t("Month"))
    table.add_column(t("Gestures"), justify="right")
    table.add_column(t("Spent"), justify="right")
    table.add_column(t("Budget"), justify="right")
    for m in result.months:
        table.add_row(cleaned(m.month), str(m.gestures), cleaned(m.spent), cleaned(m.budget or t("no plan")))
    show(console, table)


def spend_bar(percent: int | None, width: int = 16) -> Text:
    """Spent against an allowance: green, then yellow from 75%, red from 100%."""
    if percent is None:
        return cleaned("–", "dim")
    filled = min(width, round(width * percent / 100))
    style = "red" if percent >= 100 else "yellow" if percent >= 75 else "green"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"), f" {percent}%")


def review(console: Console, r: ReviewReport, t: Translator) -> None:
    head = Text.assemble((t("Month-end review") + " · ", "bold"), cleaned(r.month_name, "bold cyan"))
    if r.shop:
        head.append_text(Text.assemble((" · ", "bold"), cleaned(r.shop, "bold")))
    console.print(head)
    facts = [t("budget {budget}").format(budget=r.budget)]
    if r.carried_cents:
        facts.append(t("{carried} carried over from last month").format(carried=r.carried))
    facts += [t("spent {spent}").format(spent=r.spent), t("left {left}").format(left=r.remaining), policy_label(r.policy, t)]
    console.print(cleaned(" · ".join(facts), "dim"))
    if r.warning:
        console.print(cleaned(r.warning, "bold red" if (r.percent_used or 100) >= 100 else "bold yellow"))
    people = Table(title=t("Per person"), title_justify="left")
    people.add_column(t("Person"))
    people.add_column(t("Gestures"), justify="right")
    people.add_column(t("Spent"), justify="right")
    people.add_column(t("Allowance"), justify="right")
    people.add_column(t("Left"), justify="right")
    people.add_column(t("Used"))
    for p in r.people:
        people.add_row(cleaned(p.name), str(p.gestures), cleaned(p.spent), cleaned(p.allowance), cleaned(p.remaining), spend_bar(p.percent))
    show(console, people)
    values = Table(title=t("Per core value"), title_justify="left")
    values.add_column(t("Value"))
    values.add_column(t("Gestures"), justify="right")
    values.add_column(t("Spent"), justify="right")
    for v in r.values:
        values.add_row(cleaned(v.name), str(v.gestures), cleaned(v.spent))
    show(console, values)
    for line in r.summary:
        console.print(cleaned(line))
    if r.over_budget:
        console.print(cleaned(t("Over budget, and why"), "bold"))
        console.print(bullets(r.over_budget))
    if r.outcomes:
        console.print(cleaned(t("What came of it"), "bold"))
        console.print(bullets(r.outcomes))
    if r.trend:
        trend = Table(title=t("The last months"), title_justify="left")
        trend.add_column(t("Month"))
        trend.add_column(t("Spent"), justify="right")
        trend.add_column(t("Gestures"), justify="right")
        trend.add_column(t("Came back"), justify="right")
        for row in r.trend:
            trend.add_row(cleaned(row.month_name), cleaned(row.spent), str(row.gestures), str(row.came_back))
        show(console, trend)
    console.print(cleaned(t("Questions for the team"), "bold"))
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
            cleaned(s.shop),
            cleaned(s.plan or t("no plan")),
            cleaned(s.spent),
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
    detailed = DETAILED.get(type(result))
    if detailed is not None:
        detailed(console, result, t, verbose)
    else:
        RENDERERS[type(result)](console, result, t)


RENDERERS: dict[type, Callable[[Console, Any, Translator], None]] = {
    CaseList: case_list,
    TagList: tag_list,
    CaseView: case,
    ValueList: value_list,
    ValueView: value,
    ChecklistResult: checklist,
    EntryList: entries,
    MonthList: months,
    ReviewReport: review,
    ShopsReport: shops,
    Notice: notice,
}
# The results that show more under --verbose.
DETAILED: dict[type, Callable[[Console, Any, Translator, bool], None]] = {SuggestReport: suggestions, PlanReport: plan}
