"""Markdown rendering (GitHub-flavoured). Every text is escaped: data and user text alike."""

from __future__ import annotations

from wowcoach.i18n import _
from wowcoach.report import CaseView, SuggestReport
from wowcoach.textclean import md_cell, md_escape as e
from wowcoach.views import cost_label


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def _case_lines(c: CaseView, heading: str) -> list[str]:
    lines = [f"{heading} {e(c.title)} ({e(c.company)})", "", e(c.story), "", f"**{e(_('Lesson'))}:** {e(c.lesson)}", ""]
    facts = [
        [_("Values"), ", ".join(c.values)],
        [_("WOW"), ", ".join(c.wow)],
        [_("Situations"), ", ".join(c.situations)],
        [_("Cost"), cost_label(c.cost) + (f" ({c.typical_amount})" if c.typical_amount else "")],
        [_("Source"), c.source],
    ]
    if c.figures:
        facts.insert(4, [_("Figures"), "; ".join(c.figures)])
    return lines + table([_("Field"), _("Value")], facts)


def case(c: CaseView) -> str:
    lines = _case_lines(c, "#")
    lines += table([_("Idea"), _("Cost")], [[i.text, cost_label(i.cost)] for i in c.ideas])
    return "\n".join(lines)


def suggestions(report: SuggestReport) -> str:
    p = report.profile
    lines = [
        f"# {e(_('Suggestions for'))} {e(p['shop_name'])}",
        "",
        f"{e(_('Monthly surprise budget'))}: {e(report.budget)}",
        "",
    ]
    if p.get("situation"):
        lines += [f"> {e(p['situation'])}", ""]
    lines += [e(n) for n in report.notes]
    for n, s in enumerate(report.suggestions, 1):
        lines += _case_lines(s.case, f"## {n}.")
        lines += [f"**{e(_('Why it matches'))}**", ""] + [f"- {e(w)}" for w in s.why] + [""]
        rows = [[i.text, cost_label(i.cost) + ("" if i.affordable else " " + _("(over budget)"))] for i in s.ideas]
        lines += table([_("Ideas for your shop"), _("Cost")], rows)
    lines += [f"## {e(_('Checklist for the values these stories show'))}", ""]
    for v in report.checklist:
        lines += [f"### {e(v.name)}", ""] + [f"- [ ] {e(q)}" for q in v.questions] + [""]
    lines += [f"> {e(report.principle)}", ""]
    return "\n".join(lines)
