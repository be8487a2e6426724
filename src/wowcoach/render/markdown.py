"""Markdown rendering (GitHub-flavoured) of the blocks in blocks.py. Every text is escaped:
data and user text alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from wowcoach.i18n import Translator
from wowcoach.render import blocks as b
from wowcoach.results.export import Document
from wowcoach.textclean import md_escape as e


def table(headers: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    # md_escape keeps every cell on one line and escapes '|', so a cell never splits.
    rule = "|" + "".join("---:|" if i in right else "---|" for i in range(len(headers)))
    out = ["| " + " | ".join(e(h) for h in headers) + " |", rule]
    out += ["| " + " | ".join(e(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def link(text: str, url: str | None) -> str:
    """[text](<address>): only an http(s) address (the library allows no other), with the
    characters that could end it percent-encoded."""
    if not url or not re.match(r"^https?://\S+$", url):
        return e(text)
    return f"[{e(text)}](<{quote(url, safe='/:?#[]@!$&*+,;=~%-._')}>)"


def _cover(c: b.Cover) -> list[str]:
    out = [f"# {e(c.title)}", "", f"**{e(c.month)}**", ""]
    who = c.consultant
    if who is not None:
        by = " · ".join(e(x) for x in (who.name, who.company) if x)
        reach = " · ".join(e(x) for x in (who.email, who.phone) if x)
        out += [f"{e(c.prepared_by)} {by}" + (f"  \n{reach}" if reach else ""), ""]
    return [*out, e(c.date), ""]


def _lines(block: b.Block) -> list[str]:
    if isinstance(block, b.Heading):
        return ["#" * block.level + (f" {block.number}." if block.number else "") + f" {e(block.text)}", ""]
    if isinstance(block, b.Para):
        return [f"**{e(block.text)}**" if block.strong else e(block.text), ""]
    if isinstance(block, b.Field):
        label = f"**{e(block.label)}:**" if block.strong else e(block.label) + ":"
        return [f"{label} {link(block.text, block.url)}", ""]
    if isinstance(block, b.Lines):
        return [e(line) for line in block.lines]
    if isinstance(block, b.Quote):
        return [f"> {e(block.text)}", ""]
    if isinstance(block, b.Table):
        return table(block.headers, block.rows, block.right)
    if isinstance(block, b.Bullets):
        mark = "- [ ] " if block.checkbox else "- "
        return [mark + e(item) for item in block.items] + [""]
    if isinstance(block, b.Cover):
        return _cover(block)
    return []  # a chart (its figures are in the table before it), or the contents (no pages here)


def write(blocks: list[b.Block]) -> str:
    return "\n".join(line for block in blocks for line in _lines(block))


def document(doc: Document) -> str:
    """One file for a client: GitHub-flavoured Markdown, every table a real table."""
    return write(b.DOCUMENTS[type(doc)](doc).blocks)


def _renderer(build: Callable[[Any, Translator], list[b.Block]]) -> Callable[[Any, Translator], str]:
    return lambda result, t: write(build(result, t))


# The renderer of each result type that has a Markdown form, in the run's language.
RENDERERS: dict[type, Callable[[Any, Translator], str]] = {kind: _renderer(build) for kind, build in b.BUILDERS.items()}
