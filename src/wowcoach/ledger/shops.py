"""Which shop of a shared ledger a command means. A ledger never splits by a typo: a shop it
does not hold is refused with the ones it does (and those that come close), unless the command
starts one on purpose (`plan --record`, `log import`, `--new-shop`)."""

from __future__ import annotations

from enum import Enum

from wowcoach.errors import UsageError, UserError
from wowcoach.i18n import N_, Msg, translator
from wowcoach.profile.choices import Choices, fold

DEFAULT_SHOP = "default"  # the shop of every entry made before shops, and of a ledger no one names a shop in
MOST_LISTED = 10  # a chain's ledger may hold hundreds: the refusal names the first ones


class NewShop(Enum):
    """Whether a command may start a shop the ledger does not hold yet."""

    NEVER = "never"  # reading, logging: a shop must exist (`--new-shop` says otherwise)
    UNLESS_CLOSE = "unless-close"  # `plan --record`, `log import`: a new name, but not a near miss
    ALWAYS = "always"  # `--new-shop`: the owner said so


def same_shop(given: str, known: list[str]) -> str | None:
    """The known shop `given` names, however it is capitalised, accented or spaced."""
    wanted = fold(" ".join(given.split()))
    return next((shop for shop in known if fold(shop) == wanted), None)


def choose_shop(given: str | None, profile_shop: str | None, known: list[str], new: NewShop, where: str) -> str:
    """The shop to use: `given` (--shop, WOWCOACH_SHOP) as the ledger spells it; without one, the
    profile's shop when the ledger holds it, the only shop of a one-shop ledger, or the default
    shop of an empty one. `where` names the ledger in messages."""
    if given is None:
        found = same_shop(profile_shop, known) if profile_shop else None
        if found:
            return found
        if not known:
            return DEFAULT_SHOP
        if len(known) == 1:
            return known[0]
        if profile_shop:
            raise UsageError(
                Msg(
                    "{path} holds several shops ({shops}), none of them '{shop}' (the profile's shop name): say which with --shop NAME,"
                    " or give the profile that shop's name."
                ).format(path=where, shops=_listed(known), shop=profile_shop)
            )
        raise UsageError(
            Msg("{path} holds several shops ({shops}): say which with --shop NAME (or WOWCOACH_SHOP).").format(
                path=where, shops=_listed(known)
            )
        )
    found = same_shop(given, known)
    if found:
        return found
    if new is NewShop.ALWAYS:
        return given
    close = _near_misses(given, known)
    if new is NewShop.UNLESS_CLOSE and not close:
        return given  # a new shop of the chain ("… Vejle" beside "… Aarhus"), not a typo
    if close:
        raise UserError(
            Msg("{path} has no shop '{shop}'. Did you mean: {close}? Add --new-shop to start a shop of that name.").format(
                path=where, shop=given, close=", ".join(close)
            )
        )
    if not known:
        raise UserError(
            Msg(
                "{path} holds no shops yet: record the month's plan first (`wowcoach plan --record --shop NAME`), or add --new-shop."
            ).format(path=where)
        )
    raise UserError(
        Msg("{path} has no shop '{shop}'; it holds {shops}. Add --new-shop to start a shop of that name.").format(
            path=where, shop=given, shops=_listed(known)
        )
    )


def _near_misses(given: str, known: list[str]) -> list[str]:
    """Known shops `given` surely means: the start of one's name, a word of it, one typo, read as
    every other name is (profile/choices.py). Never taken on their own: a ledger entry under the
    wrong shop is worse than a question. Merely alike is not close: the shops of a chain share most
    of their names ("Jensens Cykler Aarhus", "Jensens Cykler Vejle")."""
    shops = Choices(lambda _t: [(shop, shop) for shop in known], kind=N_("shop"), alike=False)
    return list(shops.find(" ".join(given.split()), translator(None), forgiving=False).candidates[:3])


def _listed(known: list[str]) -> str:
    shown = ", ".join(known[:MOST_LISTED])
    return shown + (", …" if len(known) > MOST_LISTED else "")
