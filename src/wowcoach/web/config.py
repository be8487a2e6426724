"""What every page needs to know about the server, made once before it starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wowcoach.i18n import Translator
from wowcoach.web.guard import RateLimit
from wowcoach.web.passphrases import Keys

if TYPE_CHECKING:
    from wowcoach.app.sources import Sources
    from wowcoach.knowledge.library import Library
    from wowcoach.ledger.pool import LedgerPool


@dataclass
class ServeConfig:
    """What every page needs to know, made once before the server starts."""

    sources: Sources
    db: str | Path | LedgerPool | None  # a pool of connections to a PostgreSQL ledger
    shop: str  # as the ledger names it
    lang: str  # the pages' language until a visitor picks another
    keys: Keys
    shop_name: str | None = None  # the profile's, for the pages' titles
    profile: Path | None = None  # the review falls back to its budget, as `wowcoach review --profile` does
    behind_proxy: bool = False  # cookies only over HTTPS; the proxy's X-Forwarded-For is the client
    ledger_names: tuple[str, ...] = ()  # how messages name the ledger: never shown on a page
    rate_limit: RateLimit = field(default_factory=RateLimit)
    sector: str | None = None  # the profile's: the gesture menu the pages show is this sector's (None: the plan's)
    channel: str | None = None  # the profile's: shop, online or both (None: the plan's)

    @property
    def library(self) -> Library:
        return self.sources.library

    def hidden(self) -> tuple[str, ...]:
        return self.ledger_names

    def shop_title(self, t: Translator) -> str:
        from wowcoach.ledger.storage import DEFAULT_SHOP

        if self.shop_name:
            return self.shop_name
        return t("Your shop") if self.shop == DEFAULT_SHOP else self.shop
