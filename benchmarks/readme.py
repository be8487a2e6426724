"""The figures in benchmarks/README.md are written by the scripts that measure them, never
pasted: each script owns a block of the page between two marker comments,

    <!-- NAME: begin -->
    <!-- NAME: end -->

and `--update-readme` replaces what is between them, leaving the rest of the page alone."""

from __future__ import annotations

import os
import platform
import tempfile
from datetime import date
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def replace_block(text: str, name: str, block: str) -> str:
    """`text` with the block `name` holding `block`; an error when the page has no such block."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        raise SystemExit(f"{README.name} has no block {begin} … {end} to write the figures into.")
    return text[: start + len(begin)] + "\n" + block.strip() + "\n" + text[stop:]


def update(name: str, block: str, path: Path = README) -> None:
    """Write the block into the page, atomically (a benchmark stopped half-way leaves it as it was)."""
    text = replace_block(path.read_text(encoding="utf-8"), name, block)
    fd, tmp = tempfile.mkstemp(prefix=".README-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
    print(f"Wrote the figures into {path}.")


def machine() -> str:
    """Where and when the figures were measured: they mean little without it."""
    load = f", load average {os.getloadavg()[0]:.1f} when it started" if hasattr(os, "getloadavg") else ""
    return (
        f"{date.today().isoformat()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{load}"
    )
