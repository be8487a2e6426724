"""Markdown rendering (GitHub-flavoured) of the blocks in blocks.py. Every text is escaped:
data and user text alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wowcoach.i18n import Translator
from wowcoach.render import blocks
from wowcoach.render.blocks import BUILDERS, Block, Bullets, Field, Heading, Lines, Para, Quote, Table
from wowcoach.results.export import ExportDoc
from wowcoach.textclean import md_escape


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    # md_escape keeps every cell on one line and escapes '|', so a cell never splits.
    out = ["| " + " | ".join(md_escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + (f" {block.number}." if block.number else "") + f" {md_escape(block.text)}", ""]
    if isinstance(block, Para):
        return [f"**{md_escape(block.text)}**" if block.strong else md_escape(block.text), ""]
    if isinstance(block, Field):
        label = f"**{md_escape(block.label)}:**" if block.strong else md_escape(block.label) + ":"
        return [f"{label} {md_escape(block.text)}", ""]
    if isinstance(block, Lines):
        return [md_escape(line) for line in block.lines]
    if isinstance(block, Quote):
        return [f"> {md_escape(block.text)}", ""]
    if isinstance(block, Table):
        return table(block.headers, block.rows)
    if isinstance(block, Bullets):
        mark = "- [ ] " if block.checkbox else "- "
        return [mark + md_escape(item) for item in block.items] + [""]
    return []  # a chart: its figures are in the table before it


def write(parts: list[Block]) -> str:
    return "\n".join(line for block in parts for line in _lines(block))


def document(doc: ExportDoc) -> str:
    """One file for a client: GitHub-flavoured Markdown, every table a real table."""
    return write(blocks.document(doc).blocks)


def _renderer(build: Callable[[Any, Translator], list[Block]]) -> Callable[[Any, Translator], str]:
    return lambda result, t: write(build(result, t))


# The renderer of each result type that has a Markdown form, in the run's language.
RENDERERS: dict[type, Callable[[Any, Translator], str]] = {kind: _renderer(build) for kind, build in BUILDERS.items()}
