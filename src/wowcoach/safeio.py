"""Writing files so that nothing a user owns is lost or half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from wowcoach.errors import UserError
from wowcoach.i18n import _


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write through a temporary file in the same folder and rename it into place.

    An interrupted run, a full disk or a crash leaves the old file (or no file), never half of
    the new one. An existing file is kept unless `force` is given.
    """
    if path.exists() and not force:
        raise UserError(_("{path} already exists: use --force to overwrite it.").format(path=path))
    if path.is_dir():
        raise UserError(_("{path} is a folder: give a file name.").format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist: create it first.").format(folder=folder))
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except PermissionError:
        raise UserError(_("Cannot write to {folder}: check its permissions.").format(folder=folder)) from None
    except OSError as exc:
        raise UserError(_("Could not write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)
