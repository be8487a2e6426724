"""One way every page runs: who may see it, its CSRF check, reading its form within bounds, the
core's functions in a worker thread, and the core's errors shown as messages in the page's language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from wowcoach.errors import UsageError, WowcoachError
from wowcoach.i18n import Msg
from wowcoach.web.guard import CSRF_FIELD, csrf_ok, may_see, role_of
from wowcoach.web.pages import link, page_translator, render, shown_error

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from wowcoach.knowledge.library import Library
    from wowcoach.web.config import ServeConfig

MAX_BODY = 32 * 1024  # a form of this site is a few hundred bytes
MAX_FIELDS = 30


class Page:
    """One request as a page sees it: the server's config, the page's translator, the visitor's role."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.config: ServeConfig = request.app.state.config
        self.t = page_translator(request, self.config)
        self.role = role_of(request.session, self.config.keys)
        self.form: dict[str, str] = {}

    @property
    def library(self) -> Library:
        return self.config.library

    def render(self, name: str, status: int = 200, **context: Any) -> Response:
        return render(self.request, self.config, self.t, name, status, role=self.role, **context)

    def problem(self, message: str, status: int) -> Response:
        return self.render("problem.html", status, message=message)

    async def core(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A core function, in a worker thread: the ledger's calls block."""
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(function, *args, **kwargs)

    def field(self, name: str, limit: int) -> str:
        """A field of the form (a POST) or of the query (a GET), stripped; longer than `limit`: refused."""
        source = self.form if self.request.method == "POST" else self.request.query_params
        value = (source.get(name) or "").strip()
        if len(value) > limit:
            raise UsageError(Msg("That text is too long; keep it under {max} characters.").format(max=limit))
        return value

    def number(self, name: str) -> int:
        text = self.field(name, 20)
        if not text.isdigit():
            raise UsageError(Msg("That entry number is not right: go back and choose the entry from the list."))
        return int(text)

    def checked(self, name: str) -> bool:
        return bool(self.form.get(name))

    def redirect(self, path: str) -> Response:
        from starlette.responses import RedirectResponse

        return RedirectResponse(path, status_code=303)


Handler = Callable[[Page], Awaitable["Response"]]


def page(needed: str | None) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """A page for `needed` ('staff', 'owner' or None: anyone): signed in as needed, a POST with
    the session's CSRF token, and the core's errors shown as messages in the page's language."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            p = Page(request)
            keys = p.config.keys
            if needed is not None and not may_see(p.role, needed, keys):
                if needed == "owner" and keys.owner is None:
                    return p.render("no_owner.html", 403)
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return p.redirect(link("/signin", next=target))
            if request.method == "POST":
                try:
                    form = await request.form(max_files=0, max_fields=MAX_FIELDS, max_part_size=MAX_BODY)
                except Exception:  # the parser's own errors, whatever its version calls them: a broken form
                    return p.problem(p.t("That form could not be read: go back and send it again."), 400)
                p.form = {k: v for k, v in form.items() if isinstance(v, str)}
                if not csrf_ok(request.session, p.form.get(CSRF_FIELD)):
                    return p.problem(
                        p.t("This form has expired or came from another site: go back, reload the page and send it again."), 403
                    )
            try:
                return await handler(p)
            except WowcoachError as exc:
                shown = shown_error(exc, p.t, p.config)
                return p.problem(shown.message, shown.status)

        endpoint.__name__ = handler.__name__
        return endpoint

    return wrap
