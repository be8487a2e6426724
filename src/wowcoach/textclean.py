"""Cleaning text a user wrote before any renderer shows it."""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Drop ANSI escape sequences and control characters; keep newlines and tabs."""
    return _CONTROL.sub("", _ANSI.sub("", str(text)))


_BREAKS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def one_line(text: str) -> str:
    """Newlines and runs of spaces become one space; no-break spaces (in amounts) stay."""
    return _BREAKS.sub(" ", clean(text)).strip()


# Parentheses and '!' only matter after '[', which is escaped, so they stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~])")


def md_escape(text: str) -> str:
    """Escape a user's text for inline Markdown: no emphasis, links, HTML or table breaks."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))
    # A leading '-', '+' or '12.' would start a list.
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)
    return re.sub(r"^([-+])", r"\\\1", escaped)

