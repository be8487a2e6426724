"""The passphrases of `wowcoach serve`, one for the staff and one for the owner, kept as scrypt
hashes (the standard library's `hashlib.scrypt`: no extra dependency, and memory-hard like
argon2) in a small JSON file only its owner may read, with the key that signs the sessions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from wowcoach.errors import UsageError, UserError
from wowcoach.i18n import Msg

ROLES = ("staff", "owner")
FILE_FORMAT = "wowcoach-serve"
MIN_LENGTH = 8
MAX_LENGTH = 200
# 16 MiB of memory and some 50 ms a check: slow for someone guessing offline, quick to sign in.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True)
class Keys:
    """What the server needs: the stored hashes (None: not set) and the key that signs the
    session cookies (random for this run when no file keeps one)."""

    staff: str | None
    owner: str | None
    secret: str

    def hash_of(self, role: str) -> str | None:
        return self.staff if role == "staff" else self.owner


def default_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("wowcoach", appauthor=False)) / "serve.json"


def hash_passphrase(text: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(text.encode("utf-8"), salt=salt, n=N, r=R, p=P, maxmem=64 * 1024 * 1024, dklen=KEY_BYTES)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify(text: str, stored: str | None) -> bool:
    """Whether `text` is the passphrase `stored` was made from; in constant time for its length."""
    if not stored:
        return False
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        wanted = base64.b64decode(digest)
        found = hashlib.scrypt(
            text.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), maxmem=64 * 1024 * 1024, dklen=len(wanted)
        )
    except (ValueError, TypeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(found, wanted)


def fingerprint(stored: str | None) -> str:
    """A short digest of a stored hash, kept in a session: a new passphrase signs old sessions out."""
    return hashlib.sha256((stored or "").encode()).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def load(path: Path) -> Keys:
    """The passphrase file; none yet: no passphrases, and a signing key for this run only."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keys(None, None, secrets.token_urlsafe(32))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(Msg("Cannot read {path}: {reason}.").format(path=path, reason=getattr(exc, "strerror", None) or exc)) from None
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    fields = ("staff", "owner")
    if not (
        isinstance(doc, dict)
        and doc.get("format") == FILE_FORMAT
        and isinstance(doc.get("secret"), str)
        and len(doc["secret"]) >= 32
        and all(doc.get(f) is None or (isinstance(doc[f], str) and doc[f].startswith("scrypt$")) for f in fields)
    ):
        raise UserError(
            Msg("{path} is not a passphrase file of `wowcoach serve`: remove it and set the passphrases again.").format(path=path)
        )
    return Keys(doc.get("staff"), doc.get("owner"), doc["secret"])


def check_new(role: str, text: str, keys: Keys) -> None:
    if role not in ROLES:
        raise UsageError(Msg("Unknown role '{role}': use staff or owner.").format(role=role))
    if len(text) < MIN_LENGTH:
        raise UsageError(Msg("That passphrase is too short: use at least {min} characters, e.g. three words.").format(min=MIN_LENGTH))
    if len(text) > MAX_LENGTH:
        raise UsageError(Msg("That text is too long; keep it under {max} characters.").format(max=MAX_LENGTH))
    other = "owner" if role == "staff" else "staff"
    if verify(text, keys.hash_of(other)):
        raise UsageError(Msg("The staff and the owner need different passphrases: choose another one."))


def set_passphrase(path: Path, role: str, text: str) -> None:
    """Store the hash of a new passphrase for `role`, the file written atomically and readable
    by its owner only; the signing key is made once and kept, so a restart keeps everyone signed in."""
    from wowcoach.safeio import write_atomic

    keys = load(path)
    check_new(role, text, keys)
    stored = {"staff": keys.staff, "owner": keys.owner}
    stored[role] = hash_passphrase(text)
    doc = {"format": FILE_FORMAT, **stored, "secret": keys.secret}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # write_atomic keeps the mode of the file it replaces: 0600 from the start
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.chmod(path, 0o600)
    except OSError:
        raise UserError(Msg("Cannot write to {folder}: check its permissions.").format(folder=path.parent)) from None
    write_atomic(path, json.dumps(doc, indent=1) + "\n", force=True)
