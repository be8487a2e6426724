"""Writing files so that nothing a user owns is lost or half-written."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import IO, Any

from wowcoach.errors import UserError
from wowcoach.i18n import Msg


def check_target(path: Path, force: bool) -> None:
    """Refuse a target that can't be written as asked, before anything is written."""
    if path.is_dir():
        raise UserError(Msg("{path} is a folder: give a file name.").format(path=path))
    if path.exists() and not path.is_file():
        # A device, a FIFO or a /proc link: --force would put a regular file in its place.
        raise UserError(Msg("{path} is not a regular file: give the name of a file to write.").format(path=path))
    if (path.exists() or path.is_symlink()) and not force:  # a link to nowhere is still something there to replace
        raise UserError(Msg("{path} already exists: use --force to overwrite it.").format(path=path))


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
