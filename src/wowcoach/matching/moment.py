"""The moment in a long text: which sentences of a pasted e-mail, a staff member's message or a
rambling account carry the match.

Owners paste whole messages ("Hi there, ... Kind regards, Claire. Sent from my iPhone") and tell
the whole week before the moment that matters. The customer's own words, the question a staff
member asks and the event itself carry the match; greetings, sign-offs, mail headers, the shop's
description of itself, the weather and the till do not. This module splits a text into
sentences and recognises the ones that never carry a moment, in English, Dutch and Danish.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

# A sentence ends at . ! ? or … followed by a space and a capital or an opening quote ("kl. 18" goes on);
# a line break ends one too, unless a mail client put it there (`lines`). Lower-case text typed in
# a hurry stays one sentence, cut below.
_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZÆØÅÀ-Ý])")
LONGEST = 40  # words: a longer sentence is cut at its commas, or into pieces of this length
_COMMA = re.compile(r"(?<=[,;:])\s+")

# Lines that never carry the moment, per language (matched at the start of a sentence, folded to
# lower case): the lines that open a message (greetings, mail headers), and the ones that close it
# or stand around it (sign-offs, the phone's signature, an order number).
_OPENING = {
    "en": (
        r"(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.!?]{0,30}[,!]?$",
        r"(from|to|subject|re|fwd|date|sent|cc):",
    ),
    "nl": (
        r"(hoi|hallo|hey|beste|geachte|goedemorgen|goedemiddag|goedenavond|dag)\b[^.!?]{0,30}[,!]?$",
        r"(van|aan|onderwerp|datum|verzonden|cc):",
    ),
    "da": (
        r"(hej|hejsa|kære|goddag|godmorgen|god eftermiddag)\b[^.!?]{0,30}[,!]?$",
        r"(fra|til|emne|dato|sendt|cc):",
    ),
}
_CLOSING = {
    "en": (
        r"(kind |best |warm )?regards\b",
        r"(best wishes|many thanks|thanks( again| so much)?|thank you( for reading| for your time)?|cheers|yours( sincerely| faithfully| truly)?|sincerely|love from)\b[^.!?]{0,40}$",
        r"sent from my\b",
        r"(booking|order|ref|reference|invoice)( (ref|no|number))?[ .:#]*\d",
    ),
    "nl": (
        r"(met )?(vriendelijke|hartelijke|lieve) groet(en)?\b",
        r"(groetjes|groeten|mvg|gr\.?|bedankt( alvast)?|alvast bedankt|dank (je|u) (wel )?(alvast)?)\b[^.!?]{0,40}$",
        r"verzonden (vanaf|met) mijn\b",
        r"(bestelnummer|ordernummer|reservering(snummer)?|factuurnummer)[ .:#]*\d",
    ),
    "da": (
        r"(med )?(venlig(st)?|mange|kærlig) hilsen?\b",
        r"(mvh|vh|hilsen|tak( for hjælpen| på forhånd)?|på forhånd tak)\b[^.!?]{0,40}$",
        r"sendt fra min\b",
        r"(ordrenummer|ordrenr|bookingnummer|fakturanummer)[ .:#]*\d",
    ),
}


@cache
def _not_a_moment(lang: str) -> re.Pattern[str]:
    """One language's lines that never carry the moment, compiled when first needed: a run
    reads one language, and compiling all three took longer than the rest of this module."""
    return re.compile("|".join(f"(?:{p})" for p in (*_OPENING[lang], *_CLOSING[lang])))


@cache
def _opening(lang: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _OPENING[lang]))


_RATING = re.compile(r"^[\s★☆*⭐]+")  # a review's stars


def sentences(text: str) -> list[str]:
    """The sentences of a text, in order; a very long one cut into pieces of about `LONGEST` words."""
    out: list[str] = []
    for line in lines(text):
        for sentence in _END.split(line):
            sentence = sentence.strip()
            if sentence:
                out.extend(_cut(sentence))
    return out


# A line ends a sentence unless an e-mail client wrapped it: plain-text mail arrives cut at 72
# characters or so, and each half of a sentence read on its own says little. A text is wrapped
# when no line of it is longer than a mail client wraps, its longest is at least the shorter
# bound (WRAPPED_WIDTH), and at least FULL_LINES of its lines are nearly as long as the longest
# (FULL_LINE: a client fills each line, a person wrapping by hand nearly so; two lines typed
# without a full stop are not a wrapped text). A line of it was wrapped when it is that long, ends
# without a full stop, and the next line, in the same paragraph, is no list item, quoted line,
# chat line ("[21:47] ...") or header ("Van: ...").
WRAPPED_WIDTH = (40, 120)
FULL_LINE = 0.75
FULL_LINES = 3
_FULL_STOP = re.compile(r"[.!?…:][\"'”’)\]]*$")
_ITEM = re.compile(r"([-*•>]|\d+[.)]|\[|[^\W\d_][\w.-]*:)\s*")


def lines(text: str) -> list[str]:
    """The text's lines without blank ones, each wrapped paragraph joined into one line."""
    raw = [line.strip() for line in text.strip().split("\n")]
    width = max(map(len, raw))
    full = sum(len(line) >= FULL_LINE * width for line in raw)
    if not WRAPPED_WIDTH[0] <= width <= WRAPPED_WIDTH[1] or full < FULL_LINES:
        return [line for line in raw if line]
    out: list[str] = []
    before = ""  # the line before, in the same paragraph
    for line in raw:
        if before and line and len(before) >= FULL_LINE * width and not _FULL_STOP.search(before) and not _ITEM.match(line):
            out[-1] += " " + line
        elif line:
            out.append(line)
        before = line
    return out


def _cut(sentence: str) -> list[str]:
    if sentence.count(" ") < LONGEST:
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    for part in _COMMA.split(sentence):
        if current and len(" ".join([*current, part]).split()) > LONGEST:
            pieces.append(" ".join(current))
            current = []
        current.append(part)
    if current:
        pieces.append(" ".join(current))
    out = []
    for piece in pieces:  # a piece with no comma in it at all: cut by length
        ws = piece.split()
        out += [" ".join(ws[i : i + LONGEST]) for i in range(0, len(ws), LONGEST)]
    return out


def boilerplate(sentence: str, lang: str | None) -> bool:
    """A greeting, sign-off, header or signature line: never the moment."""
    folded = _RATING.sub("", sentence).strip().lower()
    if not folded:
        return True
    if len(folded.split()) <= 3 and not re.search(r"[.?!]", folded[:-1]) and folded[:1].isalpha() and _looks_like_a_name(sentence):
        return True
    return any(_not_a_moment(lg).match(folded) for lg in _langs(lang))


def _langs(lang: str | None) -> tuple[str, ...]:
    return (lang,) if lang in _OPENING else tuple(_OPENING)


def _looks_like_a_name(sentence: str) -> bool:
    """ "Claire", "Tom Ashworth", "James D." on a line of their own: a signature."""
    ws = re.findall(r"[^\W\d_]+\.?", sentence)
    return 0 < len(ws) <= 3 and all(w[:1].isupper() for w in ws) and not sentence.rstrip().endswith(("?", "!"))


# The shop describing itself ("we are a small bookshop", "wij zijn een boekwinkel", "jeg har en
# cykelbutik"): a clause that starts like this and names no customer says where, not what
# happened. Its words would pull the stories of that sector ahead of the ones that fit.
_SELF = {
    "en": r"\b(we are|we're|i am|i'm|i run|i own|we run|we own|i have|we have|i've got|we've got|my shop is|our shop is|i work (at|in))"
    r" (a|an|the|my|our|this)\b",
    "nl": r"\b(wij zijn|we zijn|ik ben|ik heb|wij hebben|we hebben|ik run|ik werk in|mijn winkel is|onze winkel is) (een|de|het|mijn|onze)\b",
    "da": r"\b(vi er|jeg er|jeg har|vi har|jeg driver|vi driver|jeg arbejder i|min butik er|vores butik er) (en|et|den|det|min|vores)\b",
}


@cache
def _self_description(lang: str) -> re.Pattern[str]:
    return re.compile(_SELF[lang], re.IGNORECASE)


_CLAUSE_END = re.compile(r"[,;.!?\n]|\b(and|but|en|maar|og|men)\b", re.IGNORECASE)
# Someone in the clause makes it part of the moment ("I have a customer who..."), not a description.
_PEOPLE = re.compile(
    r"\b(customers?|clients?|guests?|visitors?|man|woman|lady|gentleman|boy|girl|kids?|child(ren)?|mum|mom|dad|family|regulars?|couple|baby|"
    r"klant(en)?|gast(en)?|meneer|mevrouw|dame|heer|jongen|meisje|kind(eren)?|moeder|vader|gezin|vaste|stel|"
    r"kunder?|kunden|gæst(er)?|mand|kvinde|dreng|pige|barn|børn|mor|far|familie|stamkunder?|par|fru)\b",
    re.IGNORECASE,
)
_LEFT_OVER = re.compile(r"\s*[,;]\s*([.!?]|$)")  # the comma a removed clause leaves before the full stop
SELF_LONGEST = 12  # words: a longer clause is telling something, not naming the shop


def without_self_description(sentence: str, lang: str | None) -> str:
    """The sentence without the clause in which the shop describes itself."""
    for lg in (lang,) if lang in _SELF else tuple(_SELF):
        match = _self_description(lg).search(sentence)
        if not match:
            continue
        end = _CLAUSE_END.search(sentence, match.end())
        stop = end.start() if end else len(sentence)
        clause = sentence[match.start() : stop]
        if len(clause.split()) <= SELF_LONGEST and not _PEOPLE.search(clause):
            rest = sentence[: match.start()].rstrip(" ,;") + sentence[stop:]
            rest = _LEFT_OVER.sub(r"\1", rest).strip(" ,;")
            return rest if _LETTER.search(rest) else ""
    return sentence


# What the model reads of a long text: about 75 ms of its time (30 ms for a short situation);
# 256 and 200 characters matched worse on the tuning sets (docs/matching.md).
MEANING_CHARS = 320


class Focus(NamedTuple):
    words: str  # the text without greetings, sign-offs, headers and the shop's description of itself
    meaning: str  # what the sentence model reads: all of `words`, or its likeliest sentences when long
    kept: int  # sentences in `words`
    read: int  # sentences in `meaning`


def focus(text: str, lang: str | None, evidence: Callable[[str], float]) -> Focus:
    """The parts of a text that can carry the match. `evidence(sentence)` says how strongly a
    sentence's own words point at some story; it chooses what the model reads of a long text."""
    parts = sentences(text)
    kept: list[tuple[int, str]] = []  # (its place among the parts, the sentence)
    for i, part in enumerate(parts):
        sentence = "" if boilerplate(part, lang) else without_self_description(part, lang)
        if _LETTER.search(sentence):
            kept.append((i, sentence))
    if not kept:
        kept = list(enumerate(parts))  # nothing but a greeting: read it as it is
    joined = " ".join(s for _i, s in kept)
    if len(joined) <= MEANING_CHARS:
        return Focus(joined, joined, len(kept), len(kept))
    found = [evidence(s) for _i, s in kept]
    most = max(found) or 1.0
    # The words that point at a story count most; a person in the sentence (the customer, a
    # regular, a family) and a question (what the owner or a staff member asks) mark the moment
    # too. The note above a pasted message is read last, if there is room.
    weight = {
        k: found[k] / most + (PERSON if _PEOPLE.search(s) else 0.0) + (QUESTION if s.rstrip().endswith("?") else 0.0)
        for k, (_i, s) in enumerate(kept)
    }
    note = note_above(parts, lang)
    chosen: list[int] = []
    room = MEANING_CHARS
    for k in sorted(weight, key=lambda k: (kept[k][0] < note, -weight[k], k)):
        if len(kept[k][1]) <= room or not chosen:
            chosen.append(k)
            room -= len(kept[k][1]) + 1
    meaning = " ".join(kept[k][1][:MEANING_CHARS] for k in sorted(chosen))
    return Focus(joined, meaning, len(kept), len(chosen))


NOTE_LONGEST = 3  # sentences: a longer beginning is the account itself, not a line above a paste


def note_above(parts: list[str], lang: str | None) -> int:
    """How many of a text's first sentences are a note above a pasted message ("Got this from
    one of our regulars. What do I say?"): the ones before the message's greeting or mail
    header, or up to a line that ends in a colon. The customer's own words carry the moment; the
    note says how it reached the owner, and its words ("regulars", "e-mail", "answer") would
    point the model at other stories."""
    for i, sentence in enumerate(parts[: NOTE_LONGEST + 1]):
        folded = sentence.strip().lower()
        if i and any(_opening(lg).match(folded) for lg in _langs(lang)):
            return i
        if boilerplate(sentence, lang):
            return 0  # the text opens with a greeting, or signs off before anything opens
        if folded.endswith(":") and i < NOTE_LONGEST and i + 1 < len(parts):
            return i + 1
    return 0


QUESTION = 0.4  # a question is often what the owner (or a staff member) wants answered
PERSON = 0.6  # someone in the sentence: the customer, a regular, a family
_LETTER = re.compile(r"[^\W\d_]")
