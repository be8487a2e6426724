"""`wowcoach serve` before and while it runs: the checks that come first (the extra is
installed, the ledger opens, the network is only reached with both passphrases set), then the
server on a socket bound here, so a port in use is one clear line rather than a log."""

from __future__ import annotations

import ipaddress
import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wowcoach.errors import UsageError, UserError
from wowcoach.i18n import Msg
from wowcoach.web.config import ServeConfig

if TYPE_CHECKING:
    from wowcoach.app.sources import Sources

EXTRA_MODULES = ("starlette", "jinja2", "uvicorn", "python_multipart", "itsdangerous")


def require_extra() -> None:
    import importlib.util

    if any(importlib.util.find_spec(name) is None for name in EXTRA_MODULES):
        raise UserError(Msg("`wowcoach serve` needs its extra: pip install 'wowcoach[serve]'."))


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def prepare(
    sources: Sources,
    db: str | Path | None,
    shop: str | None,
    lang: str | None,
    profile: Path | None,
    host: str,
    passphrase_file: Path,
    behind_proxy: bool = False,
) -> ServeConfig:
    """Everything checked before a socket is opened: a refusal is one line on the terminal."""
    from wowcoach.ledger.storage import open_ledger
    from wowcoach.web import passphrases

    require_extra()
    keys = passphrases.load(passphrase_file)
    if behind_proxy and (keys.staff is None or keys.owner is None):  # the proxy brings the network in
        raise UsageError(
            Msg(
                "--behind-proxy opens the pages to the shop's network: first set both passphrases (wowcoach serve --set-passphrase staff, then owner)."
            )
        )
    if not is_loopback(host) and (keys.staff is None or keys.owner is None):
        raise UsageError(
            Msg(
                "--host {host} opens the pages to the shop's network: first set both passphrases (wowcoach serve --set-passphrase staff, then owner)."
            ).format(host=host)
        )
    shop_name = None
    language = lang
    sector = channel = None  # without a profile: the ones each month's plan was recorded with
    if profile is not None:
        from wowcoach.profile.answers import from_mapping, load

        read = from_mapping(load(profile), str(profile), lang or "en")
        shop_name, language = read.shop_name, lang or read.lang
        sector, channel = read.sector, read.channel
    with open_ledger(db, create=False, shop=shop, profile_shop=shop_name) as ledger:
        names = {ledger.path, str(ledger.path)}
        resolved = ledger.db.path if hasattr(ledger.db, "path") else None
        if resolved is not None:
            names |= {str(resolved), str(Path(resolved).resolve())}
        url = getattr(ledger.db, "url", None)
        if url:
            from urllib.parse import urlsplit

            names |= {url, urlsplit(url).hostname or url}
        chosen = ledger.shop
    # The stories read into memory here: the pages read them from worker threads, and the index's
    # SQLite connection may only be used by the thread that opened it (this one).
    sources.library.cases  # noqa: B018 - read for what reading does: loads the stories now
    from wowcoach.ledger.database import default_target, is_url
    from wowcoach.ledger.pool import LedgerPool

    target = db if db is not None else default_target()
    return ServeConfig(
        sources,
        LedgerPool(target) if is_url(target) else db,  # PostgreSQL: connections kept open for the pages
        chosen,
        language or "en",
        keys,
        shop_name,
        profile,
        behind_proxy,
        tuple(sorted((str(n) for n in names if n), key=len, reverse=True)),
        sector=sector,
        channel=channel,
    )


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except (OSError, OverflowError) as exc:
        sock.close()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UserError(
            Msg("Cannot listen on {host} port {port} ({reason}): choose another --port or --host.").format(
                host=host, port=port, reason=reason
            )
        ) from None
    return sock


def run(config: ServeConfig, host: str, port: int, ready: Callable[[str], None]) -> None:
    """Serve until Ctrl-C (or SIGTERM); `ready(url)` once the socket listens."""
    import uvicorn

    from wowcoach.web.site import make_app

    sock = listen(host, port)
    bound = sock.getsockname()[1]
    shown_host = f"[{host.strip('[]')}]" if ":" in host else host
    server = uvicorn.Server(
        uvicorn.Config(
            make_app(config),
            log_level="warning",
            access_log=False,
            proxy_headers=config.behind_proxy,
            forwarded_allow_ips="127.0.0.1,::1",
            server_header=False,
            timeout_graceful_shutdown=5,
        )
    )

    # Ctrl-C and SIGTERM are how a server is stopped, not an interruption: uvicorn shuts down on
    # either and then sends the signal again to the handlers it found, which are these.
    def stop(signum: int, frame: object) -> None:
        server.should_exit = True

    kept = (
        {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        if threading.current_thread() is threading.main_thread()
        else {}
    )
    ready(f"http://{shown_host}:{bound}/")
    try:
        server.run(sockets=[sock])
    finally:
        for sig, handler in kept.items():
            signal.signal(sig, handler)
        sock.close()
        from wowcoach.ledger.pool import LedgerPool

        if isinstance(config.db, LedgerPool):
            config.db.close()
