"""Labels for the fixed words of the data (cost levels, effort, kinds, policies) in the
active language: pure helpers the renderers may use, no building."""

from __future__ import annotations

from wowcoach.i18n import Translator


def cost_label(level: str, t: Translator) -> str:
    return {"free": t("free"), "low": t("low"), "medium": t("medium"), "high": t("high")}.get(level, level)


def effort_label(level: str, t: Translator) -> str:
    return {"low": t("low"), "medium": t("medium"), "high": t("high")}.get(level, level)


def kind_label(kind: str, weaker: bool, t: Translator) -> str:
    label = t("emotional") if kind == "emotional" else t("monetary")
    return label + (" · " + t("weaker WOW") if weaker else "")


def policy_label(policy: str, t: Translator) -> str:
    if policy == "expires":
        return t("unspent budget expires at month end")
    return t("unspent budget rolls over to next month")


def channel_label(channel: str, t: Translator) -> str:
    return {"shop": t("shop"), "online": t("online"), "both": t("both"), "phone": t("phone"), "social": t("social media")}.get(
        channel, channel
    )
