"""A cache of the validated library and the matcher's index, in the user cache folder.

The key is the program version, the Python version and each data file's path, size and
modification time, so an edit is always seen. A cache that can't be read (corrupt, truncated,
from another version) is ignored and rebuilt; one that can't be written is skipped. The cache
holds only what wowcoach derives from your files; nothing there is needed to run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from wowcoach import __version__

KEEP = 8  # cached libraries kept; older ones are removed


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
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def load_or_build(files: list[Path], build: Callable[[], Any], extra: str = "") -> Any:
    try:
        key = cache_key(files, extra)
    except OSError:
        return build()  # a missing file: let the loader say so
    folder = cache_dir()
    path = folder / f"library-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - any unreadable cache is rebuilt, never trusted
        pass
    value = build()
    _store(folder, path, value)
    return value


def _store(folder: Path, path: Path, value: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".library-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        old = sorted(folder.glob("library-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache folder only costs speed
