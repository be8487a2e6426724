"""What each kind of reason says to the owner (the kinds and the signals behind them are
`matching.query.REASON_KINDS`; a test keeps the two tables to the same keys)."""

from __future__ import annotations

from collections.abc import Callable

from wowcoach.i18n import Translator
from wowcoach.knowledge.library import Library
from wowcoach.matching.query import Reason
from wowcoach.results.labels import channel_label

Explain = Callable[[Library, Reason, str, Translator], str]


def _channel(library: Library, reason: Reason, lang: str, t: Translator, shop_channel: str = "both") -> str:
    """Names the owner's channel, not the story's: a shop that sells both ways reads "shop and online"."""
    if reason.detail == "any":
        return t("works in the shop and online alike")
    channel = t("shop and online") if shop_channel == "both" else channel_label(shop_channel, t)
    return t("fits your channel ({channel})").format(channel=channel)


EXPLANATIONS: dict[str, Explain] = {
    "similar": lambda library, r, lang, t: t("a similar situation: “{cue}”").format(cue=r.evidence),
    "type": lambda library, r, lang, t: t("the situation type you chose: {label}").format(label=library.label("situation", r.detail, lang)),
    "tag": lambda library, r, lang, t: t("situation “{label}”: you wrote “{evidence}”").format(
        label=library.label("situation", r.detail, lang), evidence=r.evidence
    ),
    "value": lambda library, r, lang, t: t("the value “{name}”: you wrote “{evidence}”").format(
        name=library.value_name(r.detail, lang), evidence=r.evidence
    ),
    "concept": lambda library, r, lang, t: t("the same topic: {words}").format(words=r.evidence),
    "words": lambda library, r, lang, t: t("words in common: {words}").format(words=r.detail),
    "sector": lambda library, r, lang, t: t("same sector: {label}").format(label=library.label("sector", r.detail, lang)),
    "sector-near": lambda library, r, lang, t: t("a related sector: {label}").format(label=library.label("sector", r.detail, lang)),
    "channel": _channel,
}


def explain(library: Library, reason: Reason, lang: str, t: Translator, shop_channel: str = "both") -> str:
    """The reason in the owner's words and language; a channel reason names `shop_channel`, the owner's."""
    if reason.kind == "channel":
        return _channel(library, reason, lang, t, shop_channel)
    return EXPLANATIONS[reason.kind](library, reason, lang, t)
