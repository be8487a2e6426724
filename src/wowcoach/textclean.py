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
# Characters that are invisible or change how text around them reads, dropped from everything
# shown: every Unicode format character (Cf: bidi embeddings, overrides and isolates, which can
# make text read backwards; zero-width spaces and joiners, word joiner, BOM, soft hyphen, the tag
# characters U+E0000-E007F, interlinear annotations, musical and hieroglyph format controls),
# except the zero-width joiner that emoji such as 👩‍🍳 are made with; and letters and marks
# that draw nothing (combining grapheme joiner, Hangul and Khmer fillers).
_INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
# C0 and C1 controls (not newline and tab), and the invisible characters above.
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# What a name may differ by and still look the same: besides the above, the joiner that stays
# in emoji and the variation selectors (text or emoji style of the same sign).
_NAME_INVISIBLE = re.compile("[\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def clean(text: str) -> str:
    """Drop escape sequences, control characters, bidi overrides and invisible characters;
    keep newlines and tabs. Everything from a user or a file passes here before the screen."""
    return _CONTROL.sub("", _ANSI.sub("", str(text)))


def json_safe(text: str) -> str:
    """JSON text (as json.dumps makes it) with the characters `clean` drops written as \\uXXXX
    escapes: the data is unchanged for a program that reads it, harmless on a terminal."""
    return _UNSAFE_IN_JSON.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a tag character: JSON writes it as its UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{_INVISIBLE}]")


def name_text(text: str) -> str:
    """A person's or shop's name as it is kept: cleaned, on one line, in NFC (an "å" typed as
    a + ring is the same letters as "å")."""
    import unicodedata

    return unicodedata.normalize("NFC", one_line(text))


def name_key(text: str) -> str:
    """What two names are compared by: cleaned, invisible characters removed, spaces collapsed,
    NFC and case-folded, so "Åse", "åse" and "Åse" with a zero-width space are one person."""
    import unicodedata

    folded = " ".join(_NAME_INVISIBLE.sub("", clean(text)).split()).casefold()
    return unicodedata.normalize("NFC", folded)


_BREAKS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def one_line(text: str) -> str:
    """Newlines and runs of spaces become one space; no-break spaces (in amounts) stay."""
    return _BREAKS.sub(" ", clean(text)).strip()


# Parentheses and '!' only matter after '[', which is escaped, so they stay readable. Braces
# would give pandoc attributes (`# Bo {onclick=…}`, `Bo{onmouseover=…}` with commonmark_x);
# '^' and '~' its superscript and subscript (`Mo^2^`), '$' its TeX math (`$x$`).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|<>~^$])")


def md_escape(text: str) -> str:
    """Escape a user's text for inline Markdown in pandoc's own reader, CommonMark and GFM: no
    emphasis, links, HTML, table breaks, attributes, fenced divs or definition lists."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))
    # A leading '-', '+' or '12.' would start a list; a leading ':' a fenced div (':::') or a definition.
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)
    escaped = re.sub(r"^([-+:])", r"\\\1", escaped)
    # GitHub's reader (pandoc's gfm too) links bare addresses: "www.x", "https://x", "mailto:x",
    # "name@host". The dot after "www", a ':' between a scheme and what follows, and every '@'
    # escaped read the same and link nothing ("Review: May" and "12:30" stay as they are).
    return _AUTOLINK.sub(r"\\\g<0>", escaped)


_AUTOLINK = re.compile(r"@|(?<=[a-z]):(?=[^\s\\])|(?<=www)\.", re.IGNORECASE)
