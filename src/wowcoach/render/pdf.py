"""PDF rendering: the HTML page printed by WeasyPrint (the optional extra `wowcoach[pdf]`),
with its print stylesheet: A4, a cover, each part on a new page, the running header and footer
in @page margin boxes, "page 3 of 12" from counter(page) and counter(pages), and a table of
contents whose page numbers come from target-counter() when the document is longer than four
pages. WeasyPrint is imported only here, when a PDF is asked for: it is slow to load and needs
the system's Pango library."""

from __future__ import annotations

from typing import Any

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.render.blocks import DOCUMENTS, Doc
from wowcoach.render.html import page
from wowcoach.results.export import Document

CONTENTS_FROM = 5  # pages of the document itself (the cover and the parts) before a contents page pays off


def load() -> Any:
    """WeasyPrint's HTML class, or a one-line message saying what to install."""
    try:
        from weasyprint import HTML
    except ImportError:
        raise UserError(Msg("PDF export needs WeasyPrint: install it with pip install 'wowcoach[pdf]'.")) from None
    except OSError:  # WeasyPrint is there but cannot load Pango
        raise UserError(Msg("PDF export needs the Pango library: on Debian, apt-get install libpango-1.0-0 libpangoft2-1.0-0.")) from None
    return HTML


def _fetcher() -> Any:
    """Nothing is ever fetched while printing: the page is self-contained, and its only
    resource, the logo, is a data: URI. WeasyPrint 68 and later take a URLFetcher that allows
    protocols by name; older ones a function."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> dict:
            if not url.startswith("data:"):
                raise ValueError(f"not fetched: {url}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def _render(doc: Doc, contents: bool) -> Any:
    return load()(string=page(doc, contents), url_fetcher=_fetcher()).render()


def to_pdf(document: Document) -> bytes:
    import logging

    # WeasyPrint logs the CSS it does not know (screen-only properties) as warnings: not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    doc = DOCUMENTS[type(document)](document)
    printed = _render(doc, contents=True)
    if len(printed.pages) - _contents_pages(printed) < CONTENTS_FROM:
        printed = _render(doc, contents=False)  # a short document: no contents page (rendered again, but short)
    return printed.write_pdf()


def _contents_pages(printed: Any) -> int:
    """How many pages the table of contents took: from its page to the first part's."""
    where = {name: n for n, p in enumerate(printed.pages) for name in p.anchors}
    if "contents" not in where:
        return 0
    after = [n for n in where.values() if n > where["contents"]]
    return (min(after) - where["contents"]) if after else 0
