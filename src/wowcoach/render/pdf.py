"""PDF rendering: the HTML page printed by WeasyPrint (the optional extra `wowcoach[pdf]`),
with its print stylesheet (A4, each section on a new page). WeasyPrint is imported only here,
when a PDF is asked for: it is slow to load and needs the system's Pango library."""

from __future__ import annotations

from typing import Any

from wowcoach.errors import UserError
from wowcoach.i18n import Msg


def load() -> Any:
    """WeasyPrint's HTML class, or a one-line message saying what to install."""
    try:
        from weasyprint import HTML
    except ImportError:
        raise UserError(Msg("PDF export needs WeasyPrint: install it with pip install 'wowcoach[pdf]'.")) from None
    except OSError:  # WeasyPrint is there but cannot load Pango
        raise UserError(Msg("PDF export needs the Pango library: on Debian, apt-get install libpango-1.0-0 libpangoft2-1.0-0.")) from None
    return HTML


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict:
    # The page is self-contained: nothing is ever fetched while printing it.
    raise ValueError(f"not fetched: {url}")


def to_pdf(page: str) -> bytes:
    import logging

    # WeasyPrint logs the CSS it does not know (screen-only properties) as warnings: not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return load()(string=page, url_fetcher=_no_fetching).write_pdf()
