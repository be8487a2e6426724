"""Markdown rendering (GitHub-flavoured) of the blocks in blocks.py. Every text is escaped:
data and user text alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from wowcoach.i18n import Translator
from wowcoach.render.blocks import BUILDERS, DOCUMENTS, Block, Bullets, Cover, Field, Heading, Lines, Para, Quote, Table
from wowcoach.results.export import Document
from wowcoach.textclean import md_escape


def table(headers: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    # md_escape keeps every cell on one line and escapes '|', so a cell never splits.
    rule = "|" + "".join("---:|" if i in right else "---|" for i in range(len(headers)))
    out = ["| " + " | ".join(md_escape(h) for h in headers) + " |", rule]
    out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def link(text: str, url: str | None) -> str:
    """[text](<address>): only an http(s) address (the library allows no other), with the
    characters that could end it percent-encoded."""
    if not url or not re.match(r"^https?://\S+$", url):
        return md_escape(text)
    return f"[{md_escape(text)}](<{quote(url, safe='/:?#[]@!$&*+,;=~%-._')}>)"


def _cover(c: Cover) -> list[str]:
    out = [f"# {md_escape(c.title)}", "", f"**{md_escape(c.month)}**", ""]
    who = c.consultant
    if who is not None:
        by = " · ".join(md_escape(x) for x in (who.name, who.company) if x)
        reach = " · ".join(md_escape(x) for x in (who.email, who.phone) if x)
        out += [f"{md_escape(c.prepared_by)} {by}" + (f"  \n{reach}" if reach else ""), ""]
    return [*out, md_escape(c.date), ""]


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + (f" {block.number}." if block.number else "") + f" {md_escape(block.text)}", ""]
    if isinstance(block, Para):
        return [f"**{md_escape(block.text)}**" if block.strong else md_escape(block.text), ""]
    if isinstance(block, Field):
        label = f"**{md_escape(block.label)}:**" if block.strong else md_escape(block.label) + ":"
        return [f"{label} {link(block.text, block.url)}", ""]
    if isinstance(block, Lines):
        return [md_escape(line) for line in block.lines]
    if isinstance(block, Quote):
        return [f"> {md_escape(block.text)}", ""]
    if isinstance(block, Table):
        return table(block.headers, block.rows, block.right)
    if isinstance(block, Bullets):
        mark = "- [ ] " if block.checkbox else "- "
        return [mark + md_escape(item) for item in block.items] + [""]
    if isinstance(block, Cover):
        return _cover(block)
    return []  # a chart (its figures are in the table before it), or the contents (no pages here)


def write(blocks: list[Block]) -> str:
    return "\n".join(line for block in blocks for line in _lines(block))


def document(doc: Document) -> str:
    """One file for a client: GitHub-flavoured Markdown, every table a real table."""
    return write(DOCUMENTS[type(doc)](doc).blocks)


def _renderer(build: Callable[[Any, Translator], list[Block]]) -> Callable[[Any, Translator], str]:
    return lambda result, t: write(build(result, t))


# The renderer of each result type that has a Markdown form, in the run's language.
RENDERERS: dict[type, Callable[[Any, Translator], str]] = {kind: _renderer(build) for kind, build in BUILDERS.items()}
