"""Reading a user's file within bounds, and writing files so that nothing a user owns is lost or
half-written."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from wowcoach.errors import UserError
from wowcoach.i18n import Msg

# What every reader says when the system refuses a file; the rest each reader words itself.
_NO_PERMISSION = Msg("{path} cannot be read: check its permissions.")
_UNREADABLE = Msg("{path} cannot be read: {reason}.")


def open_without_waiting(path: Path | str) -> int:
    """A descriptor to read a user's file that never waits or takes over anything: a FIFO opens
    at once (O_NONBLOCK), a terminal does not become ours (O_NOCTTY), and Windows reads its
    bytes as they are (O_BINARY). The caller checks with fstat what it opened."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))


def read_bounded(path: Path, limit: int, *, missing: Msg, folder: Msg, not_regular: Msg, too_large: Msg, unit: int = 1024 * 1024) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a UserError in the caller's words.

    Each message is a template that gets `path`; `too_large` gets the size found in `mb` and `kb`,
    and `limit` in `unit`s (MB unless told). A FIFO would hang a plain open() and a device such
    as /dev/zero never ends (its size says 0): both are refused by their type, looked at before
    the file is opened and again on what was opened (a FIFO put in its place between the two is
    opened without waiting). Never more than `limit` plus one byte is read, whatever the size
    claimed: a file that grows while it is read is refused too.
    """

    def refuse(message: Msg) -> UserError:
        return UserError(message.format(path=path))

    def refuse_size(size: int) -> UserError:
        return UserError(too_large.format(path=path, mb=size // (1024 * 1024), kb=size // 1024, limit=limit // unit))

    def check(st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            raise refuse(folder)
        if not stat.S_ISREG(st.st_mode):
            raise refuse(not_regular)
        if st.st_size > limit:
            raise refuse_size(st.st_size)

    try:
        check(path.stat())  # before opening: opening some devices does something
        fd = open_without_waiting(path)
    except FileNotFoundError:
        raise refuse(missing) from None
    except PermissionError:
        raise refuse(_NO_PERMISSION) from None
    except OSError as exc:
        raise UserError(_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    try:
        check(os.fstat(fd))  # what was opened may not be what was looked at
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise UserError(_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew while being read
        raise refuse_size(len(raw))
    return raw


def check_target(path: Path, force: bool, reads: Iterable[Path | None] = ()) -> None:
    """Refuse a target that can't be written as asked, before anything is written. `reads`: the
    files the command reads (its ledger, its profiles), never written over, --force or not."""
    if path.is_dir():
        raise UserError(Msg("{path} is a folder: give a file name.").format(path=path))
    if any(source is not None and same_file(path, source) for source in reads):
        raise UserError(Msg("{path} is a file this command reads: write to another file.").format(path=path))
    if path.exists() and not path.is_file():
        # A device, a FIFO or a /proc link: --force would put a regular file in its place.
        raise UserError(Msg("{path} is not a regular file: give the name of a file to write.").format(path=path))
    if (path.exists() or path.is_symlink()) and not force:  # a link to nowhere is still something there to replace
        raise UserError(Msg("{path} already exists: use --force to overwrite it.").format(path=path))


def same_file(a: Path, b: Path) -> bool:
    """The same file by another name (a link, ./x, an absolute path), or the same place if one is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write through a temporary file in the same folder and rename it into place.

    An interrupted run, a full disk or a crash leaves the old file (or no file), never half of
    the new one. An existing file is kept unless `force` is given, and keeps its permissions;
    a new one gets the usual ones (0666 less the umask), not the temporary file's 0600.
    Temporary files a killed run left behind are removed.
    """
    check_target(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(Msg("The folder {folder} does not exist: create it first.").format(folder=folder))
    remove_stale(folder, f".{path.name}.*.tmp")
    import tempfile  # only when writing: it is slow to import

    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        handle: IO[Any] = os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:  # bytes: a PDF
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except PermissionError:
        raise UserError(Msg("Cannot write to {folder}: check its permissions.").format(folder=folder)) from None
    except OSError as exc:
        raise UserError(Msg("Could not write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)


STALE_SECONDS = 3600  # a temporary file this old belongs to no run still writing


def remove_stale(folder: Path, pattern: str) -> None:
    """Remove what a run killed with kill -9 left behind: old temporary files only."""
    cutoff = time.time() - STALE_SECONDS
    try:
        for leftover in folder.glob(pattern):
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink(missing_ok=True)
    except OSError:
        pass


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
