"""Who may see a page, and the checks every form passes: the session's role (signed in with
which passphrase), its CSRF token, and the sign-in rate limit."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

from wowcoach.web.passphrases import Keys, fingerprint

CSRF_FIELD = "csrf"
OWNER_HOURS = 12  # an owner's session ends after a working day; a staff tablet stays signed in (the cookie's 30 days)
SESSION_DAYS = 30


def csrf_token(session: dict[str, Any]) -> str:
    """The session's token, made on its first page."""
    if not isinstance(session.get(CSRF_FIELD), str):
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


def csrf_ok(session: dict[str, Any], sent: object) -> bool:
    token = session.get(CSRF_FIELD)
    return isinstance(token, str) and isinstance(sent, str) and hmac.compare_digest(token.encode(), sent.encode())


def role_of(session: dict[str, Any], keys: Keys, now: float | None = None) -> str | None:
    """'owner', 'staff' or None: signed in with a passphrase that is still the current one, and
    (the owner) within the last working day."""
    role = session.get("role")
    if role not in ("staff", "owner") or session.get("key") != fingerprint(keys.hash_of(role)) or keys.hash_of(role) is None:
        return None
    since = session.get("since")
    if role == "owner" and (not isinstance(since, (int, float)) or (now or time.time()) - since > OWNER_HOURS * 3600):
        return None
    return role


def sign_in(session: dict[str, Any], role: str, keys: Keys) -> None:
    """A new session for the role, keeping only the language: no token from before survives."""
    lang = session.get("lang")
    session.clear()
    session.update({"role": role, "key": fingerprint(keys.hash_of(role)), "since": time.time()})
    if lang:
        session["lang"] = lang
    csrf_token(session)


def may_see(role: str | None, needed: str, keys: Keys) -> bool:
    """Staff pages are open without a staff passphrase (the server then listens on this computer
    only); the owner's pages always need the owner's."""
    if needed == "owner":
        return role == "owner"
    return keys.staff is None or role in ("staff", "owner")


@dataclass
class RateLimit:
    """Failed sign-ins per client address, and for all clients together (a guesser with many
    addresses, or everyone behind one proxy): past the limit, no passphrase is checked at all
    until the window has passed."""

    per_client: int = 5
    overall: int = 50
    window: float = 600.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _all: deque[float] = field(default_factory=deque)
    _lock: Lock = field(default_factory=Lock)

    def _trim(self, times: deque[float], now: float) -> None:
        while times and now - times[0] >= self.window:
            times.popleft()

    def wait(self, client: str) -> float:
        """Seconds until `client` may try again; 0: now."""
        with self._lock:
            now = self.clock()
            mine = self._failures.get(client, deque())
            self._trim(mine, now)
            self._trim(self._all, now)
            waits = []
            if len(mine) >= self.per_client:
                waits.append(mine[0] + self.window - now)
            if len(self._all) >= self.overall:
                waits.append(self._all[0] + self.window - now)
            return max(waits, default=0.0)

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            self._failures.setdefault(client, deque()).append(now)
            self._all.append(now)
            if len(self._failures) > 10_000:  # many addresses: forget the oldest, the overall limit still holds
                self._failures.pop(next(iter(self._failures)))

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
