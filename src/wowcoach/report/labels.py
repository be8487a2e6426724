"""Labels for the fixed words of the data (cost levels, effort, kinds, policies) in the
active language: pure helpers the renderers may use, no building."""

from __future__ import annotations

from wowcoach.i18n import _


def cost_label(level: str) -> str:
    return {"free": _("free"), "low": _("low"), "medium": _("medium"), "high": _("high")}.get(level, level)


def effort_label(level: str) -> str:
    return {"low": _("low"), "medium": _("medium"), "high": _("high")}.get(level, level)


def kind_label(kind: str, weaker: bool) -> str:
    label = _("emotional") if kind == "emotional" else _("monetary")
    return label + (" · " + _("weaker WOW") if weaker else "")


def policy_label(policy: str) -> str:
    if policy == "expires":
        return _("unspent budget expires at month end")
    return _("unspent budget rolls over to next month")


def channel_label(channel: str) -> str:
    return {"shop": _("shop"), "online": _("online"), "both": _("both"), "phone": _("phone"), "social": _("social media")}.get(
        channel, channel
    )
