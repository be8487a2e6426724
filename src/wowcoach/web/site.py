"""The web app: its routes, the signed session cookie, and the security headers every response
carries.

Pages are plain HTML forms with no script at all, so they work on any phone and the
Content-Security-Policy can forbid scripts outright."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wowcoach.i18n import translator
from wowcoach.web.endpoint import MAX_BODY, Page
from wowcoach.web.guard import SESSION_DAYS

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from wowcoach.web.config import ServeConfig

log = logging.getLogger("wowcoach.serve")

# No script from anywhere, styles only from this site's file, forms only to this site, never in a frame.
CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Every response: the headers above; pages are never cached (they show the ledger)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _value in headers}
                headers += [(n, v) for n, v in HEADERS if n not in names]
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class LimitBody:
    """A request body larger than any form of this site is refused before it is read."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            headers = dict(scope.get("headers", []))
            length = headers.get(b"content-length")
            status = None
            if length is None:
                status = 411
            elif not length.isdigit() or int(length) > MAX_BODY:
                status = 413
            if status is not None:
                from starlette.responses import PlainTextResponse

                await PlainTextResponse("", status_code=status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def make_app(config: ServeConfig) -> Starlette:
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.responses import Response
    from starlette.routing import Route

    from wowcoach.web import owner, staff
    from wowcoach.web.pages import stylesheet

    css = stylesheet().encode("utf-8")

    async def style(request: Request) -> Response:
        return Response(css, media_type="text/css", headers={"cache-control": "max-age=3600"})

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        p = Page(request)
        message = p.t("There is no such page here.") if status == 404 else p.t("That can't be done on this page.")
        return p.problem(message, status)

    async def server_error(request: Request, exc: Exception) -> Response:
        # Outside the session and the headers' middleware: a plain page in the server's language,
        # its headers set here. The traceback goes to the server's log, never to the page.
        from starlette.responses import HTMLResponse

        from wowcoach.web.pages import templates

        t = translator(config.lang)
        message = t("Something went wrong on the server: try again in a moment. The server's window says why.")
        html = templates().get_template("error.html").render(t=t, lang=t.lang, message=message)
        response = HTMLResponse(html, status_code=500)
        for name, value in [*HEADERS, (b"cache-control", b"no-store")]:
            response.headers[name.decode()] = value.decode()
        return response

    routes = [Route("/style.css", style), *staff.routes(), *owner.routes()]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(LimitBody),
            Middleware(
                SessionMiddleware,
                secret_key=config.keys.secret,
                session_cookie="wowcoach",
                max_age=SESSION_DAYS * 24 * 3600,
                same_site="strict",
                https_only=config.behind_proxy,
            ),
        ],
        exception_handlers={HTTPException: not_found, Exception: server_error},
    )
    app.state.config = config
    return app
