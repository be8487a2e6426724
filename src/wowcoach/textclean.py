"""Cleaning text a user wrote before any renderer shows it."""

from __future__ import annotations

import re

# ESC or 8-bit (C1) introducers: CSI sequences, and OSC/DCS/APC/PM/SOS strings up to their end
# (BEL or ST), e.g. OSC 52 clipboard writes and window titles; then any other ESC + one character.
_ANSI = re.compile(
    r"(\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(\x07|\x1b\\|\x9c)"
    r"|\x1b[@-Z\\-_]"
)
# C0 and C1 controls (not newline and tab); bidi embeddings, overrides and isolates, which can
# make text read backwards; invisible characters: zero-width space, word joiner, BOM, soft hyphen.
# The zero-width joiner stays, for emoji such as 👩‍🍳.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def clean(text: str) -> str:
    """Drop escape sequences, control characters, bidi overrides and invisible characters;
    keep newlines and tabs. Everything from a user or a file passes here before the screen."""
    return _CONTROL.sub("", _ANSI.sub("", str(text)))


def json_safe(text: str) -> str:
    """JSON text (as json.dumps makes it) with the characters `clean` drops written as \\uXXXX
    escapes: the data is unchanged for a program that reads it, harmless on a terminal."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


_BREAKS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def one_line(text: str) -> str:
    """Newlines and runs of spaces become one space; no-break spaces (in amounts) stay."""
    return _BREAKS.sub(" ", clean(text)).strip()


# Parentheses and '!' only matter after '[', which is escaped, so they stay readable. Braces
# would give pandoc attributes (`# Bo {onclick=…}`, `Bo{onmouseover=…}` with commonmark_x).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|<>~])")


def md_escape(text: str) -> str:
    """Escape a user's text for inline Markdown in pandoc's own reader, CommonMark and GFM: no
    emphasis, links, HTML, table breaks, attributes, fenced divs or definition lists."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))
    # A leading '-', '+' or '12.' would start a list; a leading ':' a fenced div (':::') or a definition.
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)
    return re.sub(r"^([-+:])", r"\\\1", escaped)
