"""The index of the library (`index.py`), kept in the user cache folder.

The key is the program version, the Python version, a fingerprint of the code that writes and
reads the index (so a change to its layout is never read with the old one), and each data file's
path, size and modification time, so an edit is always seen. Each index has a checksum of the
whole file beside it (`.sum`); an index whose size or time changed since it was written is read
only when the checksum still agrees, and one that can't be read (damaged, truncated, a folder or
a pipe in its place) is removed and rebuilt, with a note saying so. One that can't be written (a
read-only or full disk: any OSError or sqlite3.Error) is built in memory. Nothing there is needed
to run: deleting the folder only costs one slower start. Temporary files a killed build left
behind are removed by a later build.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import stat
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from wowcoach import __version__
from wowcoach.i18n import Msg
from wowcoach.safeio import remove_stale

KEEP = 8  # indexes kept; older ones are removed
PACKAGE = Path(__file__).resolve().parents[1]
INDEX_CODE = ("knowledge", "matching")  # the packages whose code decides what an index holds
CHUNK = 1 << 20


def cache_dir() -> Path:
    env = os.environ.get("WOWCOACH_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wowcoach", appauthor=False))


@functools.cache
def code_fingerprint() -> str:
    """A checksum of the source of the code that builds and reads an index: any change to it
    makes a new key, so no hand-kept format number can be forgotten."""
    crc = 0
    for folder in INDEX_CODE:
        for path in sorted((PACKAGE / folder).glob("*.py")):
            crc = zlib.crc32(path.read_bytes(), crc)
    return f"{crc:08x}"


def cache_key(files: list[Path], extra: str = "") -> str:
    parts = [__version__, sys.version, code_fingerprint(), extra]
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


def open_index(
    files: list[Path],
    build: Callable[[str], Index],
    open_: Callable[[Path], Index],
    extra: str = "",
    note: Callable[[Msg], None] = lambda message: None,
) -> Index:
    """Open the current index, or `build(path)` it first. `build(":memory:")` when there is no
    cache to use. `note` is told when a damaged index had to be rebuilt."""
    try:
        key = cache_key(files, extra)
    except OSError:
        return build(":memory:")  # a missing file: the loader will say which
    folder = cache_dir()
    path = folder / f"index-{key}.sqlite"
    if os.path.lexists(path):
        if _intact(path):
            try:
                return open_(path)
            except Exception:  # anything a damaged file makes SQLite or msgspec raise
                pass
        note(Msg("The search index in the cache was damaged; wowcoach rebuilt it ({path}).").format(path=path))
        if not _remove(path):
            return build(":memory:")
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
        _write_sum(Path(tmp), _sum_path(path))
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


def _sum_path(index: Path) -> Path:
    return index.with_suffix(".sum")


def _checksum(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            crc = zlib.crc32(block, crc)
    return crc


def _write_sum(index: Path, target: Path) -> None:
    """The index's checksum with the size and time it was taken at (written before the index
    takes its place, so an index never stands without one)."""
    st = index.stat()
    record = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "crc32": _checksum(index)}
    tmp = target.with_suffix(".sum.tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, target)


def _intact(path: Path) -> bool:
    """A regular file whose checksum agrees with the one written with it; the whole file is read
    only when its size or time changed since (a copy, a restore, or damage)."""
    try:
        st = os.stat(path, follow_symlinks=False)
        if not stat.S_ISREG(st.st_mode):
            return False  # a folder, a pipe (reading it would hang) or a link
        record = json.loads(_sum_path(path).read_text(encoding="utf-8"))
        if (record["size"], record["mtime_ns"]) == (st.st_size, st.st_mtime_ns):
            return True
        if st.st_size != record["size"] or _checksum(path) != record["crc32"]:
            return False
        record["mtime_ns"] = st.st_mtime_ns  # the same bytes, touched: no need to read it again
        _sum_path(path).write_text(json.dumps(record), encoding="utf-8")
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _remove(path: Path) -> bool:
    """Remove what stands at an index's place (a file, a pipe, a folder) and its checksum."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
        _sum_path(path).unlink(missing_ok=True)
        return True
    except OSError:
        return False


def _prune(folder: Path) -> None:
    try:
        old = sorted(folder.glob("index-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
            _sum_path(stale).unlink(missing_ok=True)
    except OSError:
        pass
    remove_stale(folder, ".index-*.tmp*")  # a build killed with kill -9: its file and SQLite's journal
