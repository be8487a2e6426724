"""Markdown rendering (GitHub-flavoured) of the blocks in blocks.py. Every text is escaped:
data and user text alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wowcoach.i18n import Translator
from wowcoach.render import blocks as b
from wowcoach.results.export import ExportDoc
from wowcoach.textclean import md_escape as e


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    # md_escape keeps every cell on one line and escapes '|', so a cell never splits.
    out = ["| " + " | ".join(e(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(e(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _lines(block: b.Block) -> list[str]:
    if isinstance(block, b.Heading):
        return ["#" * block.level + (f" {block.number}." if block.number else "") + f" {e(block.text)}", ""]
    if isinstance(block, b.Para):
        return [f"**{e(block.text)}**" if block.strong else e(block.text), ""]
    if isinstance(block, b.Field):
        label = f"**{e(block.label)}:**" if block.strong else e(block.label) + ":"
        return [f"{label} {e(block.text)}", ""]
    if isinstance(block, b.Lines):
        return [e(line) for line in block.lines]
    if isinstance(block, b.Quote):
        return [f"> {e(block.text)}", ""]
    if isinstance(block, b.Table):
        return table(block.headers, block.rows)
    if isinstance(block, b.Bullets):
        mark = "- [ ] " if block.checkbox else "- "
        return [mark + e(item) for item in block.items] + [""]
    return []  # a chart: its figures are in the table before it


def write(blocks: list[b.Block]) -> str:
    return "\n".join(line for block in blocks for line in _lines(block))


def document(doc: ExportDoc) -> str:
    """One file for a client: GitHub-flavoured Markdown, every table a real table."""
    return write(b.document(doc).blocks)


def _renderer(build: Callable[[Any, Translator], list[b.Block]]) -> Callable[[Any, Translator], str]:
    return lambda result, t: write(build(result, t))


# The renderer of each result type that has a Markdown form, in the run's language.
RENDERERS: dict[type, Callable[[Any, Translator], str]] = {kind: _renderer(build) for kind, build in b.BUILDERS.items()}
