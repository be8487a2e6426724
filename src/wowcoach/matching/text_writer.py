"""A large library's full-text index, written by a second process while the first reads the cases.

Building the index of a consultant's ten thousand stories is two long jobs of about equal
length: decoding and checking each case, in Python, and splitting its texts into words for
SQLite's full-text search, in C. They need not wait for each other: the first process decodes
and hands each batch of texts to a second one (`python -c`, started only for a file of many
cases, on a computer with more than one core), which creates the index file and writes them,
so the two jobs take the time of the longer. The first process writes the rest of the index
into the same file once the second has finished.

Anything that goes wrong in the second process (it could not start, or stopped) is
`WriterFailed`: the index is then built in one process, as for a small library.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

FROM_CASES = 1500  # fewer cases are indexed faster by one process than a second one starts
_HEADER = 4  # bytes: each batch's length, then the batch (msgpack)

# The second process: where the first found wowcoach goes first on its path (not the current
# folder, which `python -c` would put there).
_CHILD = "import sys; sys.path[0] = sys.argv[2]; from wowcoach.matching.text_writer import serve; serve(sys.argv[1])"


class WriterFailed(Exception):
    """The second process could not write the texts; the index is built without it."""


class TextWriter:
    """The first process's end: `send` a batch of (pos, text) rows per column, `finish` waits
    until the file holds them (WriterFailed if it doesn't), `close` stops it in any case."""

    def __init__(self, proc: Any) -> None:
        self._proc = proc
        self._pipe: IO[bytes] = proc.stdin
        import msgspec

        self._encode = msgspec.msgpack.encode

    @classmethod
    def start(cls, path: str, n_cases: int) -> TextWriter | None:
        """A second process writing the texts into the new index file `path`; None when one
        process is quicker (few cases, one core) or there is no file to share."""
        if path == ":memory:" or n_cases < FROM_CASES or (os.cpu_count() or 1) < 2 or not sys.executable:
            return None
        import subprocess

        root = str(Path(__file__).resolve().parents[2])
        try:
            proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD, path, root],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None
        return cls(proc)

    def send(self, rows: Sequence[Sequence[tuple[int, str]]]) -> None:
        data = self._encode(rows)
        try:
            self._pipe.write(len(data).to_bytes(_HEADER, "little"))
            self._pipe.write(data)
        except OSError:  # it stopped (a broken pipe)
            raise WriterFailed from None

    def finish(self) -> None:
        try:
            self._pipe.close()
        except OSError:
            raise WriterFailed from None
        if self._proc.wait() != 0:
            raise WriterFailed

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if not self._pipe.closed:
            with contextlib.suppress(OSError):  # it stopped before reading all: nothing to flush to
                self._pipe.close()


def serve(path: str) -> None:
    """The second process: create the index file and write each batch read from stdin into
    its full-text tables, in one transaction; exit 0 only when all are written."""
    import msgspec

    from wowcoach.matching.index_schema import TEXT_COLUMNS, create, insert_text

    read = sys.stdin.buffer.read
    decode = msgspec.msgpack.Decoder(list[list[tuple[int, str]]]).decode
    statements = [insert_text(col) for col in TEXT_COLUMNS]
    try:
        conn = create(path)
        conn.execute("BEGIN")
        while header := read(_HEADER):
            size = int.from_bytes(header, "little")
            batch = read(size)
            if len(header) < _HEADER or len(batch) < size:
                raise SystemExit(1)  # cut short: the first process stopped
            for statement, rows in zip(statements, decode(batch), strict=True):
                conn.executemany(statement, rows)
        conn.execute("COMMIT")
        conn.close()
    except (sqlite3.Error, msgspec.DecodeError, ValueError, OSError, KeyboardInterrupt):
        raise SystemExit(1) from None
