"""What every page shares: the templates (Jinja, escaping everything), the page's language
(?lang=, then the session's, then the server's), the error messages a page may show, and the
response every page is sent as."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from wowcoach.errors import UsageError, WowcoachError
from wowcoach.i18n import LANGUAGES, Translator, language_of, translator
from wowcoach.languages import LANGUAGES as TABLE
from wowcoach.textclean import clean
from wowcoach.web.guard import csrf_token

if TYPE_CHECKING:
    from jinja2 import Environment
    from starlette.requests import Request
    from starlette.responses import Response

    from wowcoach.web.config import ServeConfig

HERE = Path(__file__).parent
log = logging.getLogger("wowcoach.serve")


@functools.cache
def templates() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        # Escape codes and invisible characters go, as on the terminal; HTML is escaped after this.
        return clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_translator(request: Request, config: ServeConfig) -> Translator:
    """?lang=nl switches the page's language for the session; else the session's, else the server's."""
    asked = language_of(request.query_params.get("lang"))
    if asked:
        request.session["lang"] = asked
    return translator(language_of(request.session.get("lang")) or config.lang)


def local_path(text: str | None, default: str = "/") -> str:
    """A path on this site to go back to (`next=`): never another site's address."""
    if not text or not text.startswith("/") or text.startswith("//") or "\\" in text or any(ord(c) < 32 for c in text):
        return default
    return text


def link(path: str, **params: Any) -> str:
    """A path with its query, the parameters that are None left out."""
    kept = {k: v for k, v in params.items() if v is not None}
    return path + ("?" + urlencode(kept) if kept else "")


@dataclass
class Shown:
    """An error as a page may show it: its message, and the HTTP status."""

    message: str
    status: int


def shown_error(exc: WowcoachError, t: Translator, config: ServeConfig) -> Shown:
    """The core's message in the page's language, unless it names the ledger (its file or its
    server): that is for the owner's terminal, where the server logs it; the page says only
    that the ledger can't be used now. No path, SQL or traceback ever reaches a page."""
    text = exc.translate(t)
    english = str(exc)
    if any(secret and secret in english for secret in config.hidden()):
        log.error("%s", english)
        return Shown(t("The ledger can't be used right now: try again in a moment. The server's window says why."), 503)
    return Shown(text, 400 if isinstance(exc, UsageError) else 409)


def render(request: Request, config: ServeConfig, t: Translator, name: str, status: int = 200, **context: Any) -> Response:
    from starlette.responses import HTMLResponse

    session = request.session
    query = dict(request.query_params)
    query.pop("lang", None)
    languages = [(code, TABLE[code].name, link(request.url.path, **query, lang=code)) for code in LANGUAGES]
    flash = session.pop("flash", None)
    base = {
        "t": t,
        "lang": t.lang,
        "languages": languages,
        "shop": config.shop_title(t),
        "csrf": csrf_token(session),
        "role": context.pop("role", None),
        "flash": flash if isinstance(flash, list) else [],
        "errors": [],
        "path": request.url.path,
    }
    html = templates().get_template(name).render({**base, **context})
    return HTMLResponse(html, status_code=status)


def flash(request: Request, lines: list[str]) -> None:
    """Lines shown once, on the next page (after a form's redirect)."""
    request.session["flash"] = [fit(line, 400) for line in lines]


def fit(text: str, limit: int) -> str:
    """`text`, shortened so that it takes at most `limit` characters in the session cookie (JSON,
    where a non-ASCII character takes six or twelve): browsers drop a cookie over 4 KB."""
    import json

    if len(json.dumps(text)) <= limit:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with its ellipsis
        mid = (low + high + 1) // 2
        if len(json.dumps(text[:mid] + "…")) <= limit:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def stylesheet() -> str:
    """The pages' one stylesheet: the HTML export's (tables, charts), then the pages' own."""
    from wowcoach.render.html import STYLE

    return STYLE + "\n" + (HERE / "static" / "pages.css").read_text(encoding="utf-8")
