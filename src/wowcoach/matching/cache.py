"""The index of the library (`store.py`), kept in the user cache folder.

The key is the program version, the Python version and each data file's path, size and
modification time, so an edit is always seen. An index that can't be read (corrupt, truncated,
from another version) is ignored and rebuilt; one that can't be written (a read-only or full
disk: any OSError or sqlite3.Error) is built in memory. Nothing there is needed to run: deleting
the folder only costs one slower start. Temporary files a killed build left behind are removed
by a later build.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from wowcoach import __version__
from wowcoach.safeio import remove_stale

KEEP = 8  # indexes kept; older ones are removed


def cache_dir() -> Path:
    env = os.environ.get("WOWCOACH_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wowcoach", appauthor=False))


def cache_key(files: list[Path], extra: str = "") -> str:
    parts = [__version__, sys.version, extra]
    for path in files:
        st = path.stat()
        parts.append(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}")
    data = "\n".join(parts).encode()
    # Two checksums, 64 bits: plenty to tell a handful of cached indexes apart, and zlib loads
    # in a fraction of the time hashlib (OpenSSL) takes on every start.
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


class Built(Protocol):
    """What builds and opens an index: an object holding the index's store (its connection
    is closed before the file is moved into place)."""

    @property
    def store(self) -> Any: ...


Index = TypeVar("Index", bound=Built)


def open_index(files: list[Path], build: Callable[[str], Index], open_: Callable[[Path], Index], extra: str = "") -> Index:
    """Open the current index, or `build(path)` it first. `build(":memory:")` when there is no
    cache to use."""
    try:
        key = cache_key(files, extra)
    except OSError:
        return build(":memory:")  # a missing file: the loader will say which
    folder = cache_dir()
    path = folder / f"index-{key}.sqlite"
    if path.exists():
        try:
            return open_(path)
        except Exception:
            path.unlink(missing_ok=True)
    import tempfile  # only when building: it is slow to import

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(tmp)  # SQLite makes the file itself
    except OSError:
        return build(":memory:")
    try:
        build(tmp).store.conn.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        return build(":memory:")
    finally:
        for leftover in (tmp, tmp + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    _prune(folder)
    try:
        return open_(path)
    except (OSError, sqlite3.Error):
        return build(":memory:")


def _prune(folder: Path) -> None:
    try:
        old = sorted(folder.glob("index-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
    remove_stale(folder, ".index-*.tmp*")  # a build killed with kill -9: its file and SQLite's journal
