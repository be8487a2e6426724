"""Who writes the full-text part of the index: the process that reads the cases, or, for a large
library, a second process while the first reads them.

Building the index of a consultant's ten thousand stories is two long jobs of about equal
length: decoding and checking each case, in Python, and splitting its texts into words for
SQLite's full-text search, in C. They need not wait for each other: the first process decodes
and hands each batch of texts to a second one (`python -c`, started only for a file of many
cases, on a computer with more than one core), which creates the index file and writes them.
Once the last is written, the first process writes the rest of the index into the same file,
while the second reads the distinct words of the stories out of it and hands them back; then the
first works out their stems and concepts (`index_terms`) while the second works out their lexical
terms. They take turns to write: the first closes the pipe once it has committed its part, and
the second then writes its terms.

A second process that cannot be started leaves the index to one process, as for a small
library (`InProcess`); one that stops before the end is `WriterFailed`, and the index is then
written again by one process.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from wowcoach.matching.index_schema import LANGS, TEXT_COLUMNS, insert_text

if TYPE_CHECKING:
    from wowcoach.matching.index_terms import Split

FROM_CASES = 1500  # fewer cases are indexed faster by one process than a second one starts
_HEADER = 4  # bytes: each message's length, then the message (msgpack)
_LAST = bytes(_HEADER)  # a message of no bytes: the last batch was sent
_DONE = b""  # the answer to it: the texts are in the file
PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe an unprivileged process widens
CUE_COLUMNS = TEXT_COLUMNS[len(LANGS) :]

# The second process: where the first found wowcoach goes first on its path (not the current
# folder, which `python -c` would put there).
_CHILD = "import sys; sys.path[0] = sys.argv[2]; from wowcoach.matching.text_writer import serve; serve(sys.argv[1])"

Batch = Sequence[Sequence[tuple[int, str]]]  # (pos, text) rows, a list per column of TEXT_COLUMNS


class Writer(Protocol):
    def send(self, rows: Batch) -> None:
        """Write a batch of texts into the full-text index."""

    def texts_written(self) -> None:
        """After the last batch: wait until the texts are in the file, and the first process
        may write its own tables (in a transaction it commits before `finish`)."""

    def story_words(self) -> dict[str, Split]:
        """Each language's distinct words of the stories' own text, each as it splits; the
        lexical terms of every column's words are worked out meanwhile (`index_terms`), and
        written by the time `finish` returns."""

    def finish(self) -> None:
        """Wait until the file holds all of it."""


class InProcess:
    """The full-text part written by the process that reads the cases, into its own connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def send(self, rows: Batch) -> None:
        for col, col_rows in zip(TEXT_COLUMNS, rows, strict=True):
            self._conn.executemany(insert_text(col), col_rows)

    def texts_written(self) -> None:
        pass

    def story_words(self) -> dict[str, Split]:
        from wowcoach.matching import index_terms

        words_in = index_terms.column_words(self._conn, TEXT_COLUMNS)
        lexical = index_terms.lexical_rows(words_in)
        lexical.write(self._conn)
        return {lang: {word: lexical.split[word] for word in words_in[lang]} for lang in LANGS}

    def finish(self) -> None:
        pass


def _widen(pipe: int) -> None:
    """Let a few batches (some 300 KB each) wait in a pipe while the other process is busy,
    instead of the writer waiting with the pipe's 64 KB full (Linux; elsewhere, and past the
    system's limit, the pipe stays as it is)."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


class WriterFailed(Exception):
    """The second process could not write the texts; the index is built without it."""


class TextWriter:
    """The first process's end of the second: a `Writer`, and `close` stops it in any case."""

    def __init__(self, proc: Any) -> None:
        self._proc = proc
        self._pipe: IO[bytes] = proc.stdin
        import msgspec

        self._encode = msgspec.msgpack.encode
        self._decode = msgspec.msgpack.Decoder(list[list[str]]).decode

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
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:  # both are: asked for above
                _widen(pipe.fileno())
        return cls(proc)

    def send(self, rows: Batch) -> None:
        data = self._encode(rows)
        try:
            self._pipe.write(len(data).to_bytes(_HEADER, "little"))
            self._pipe.write(data)
        except OSError:  # it stopped (a broken pipe)
            raise WriterFailed from None

    def texts_written(self) -> None:
        try:
            self._pipe.write(_LAST)
            self._pipe.flush()
            done = _read_message(self._proc.stdout)
        except (OSError, ValueError):  # a broken pipe, or an answer cut short
            raise WriterFailed from None
        if done != _DONE:
            raise WriterFailed

    def story_words(self) -> dict[str, Split]:
        from wowcoach.matching.index_terms import split_words

        try:
            message = _read_message(self._proc.stdout)
            if message is None:
                raise WriterFailed
            return {lang: split_words(lang_words) for lang, lang_words in zip(LANGS, self._decode(message), strict=True)}
        except ValueError:  # cut short, msgspec's DecodeError, or not one list per language
            raise WriterFailed from None

    def finish(self) -> None:
        try:
            self._pipe.close()  # its turn to write
        except OSError:
            raise WriterFailed from None
        if self._proc.wait() != 0:
            raise WriterFailed

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for pipe in (self._pipe, self._proc.stdout):
            if not pipe.closed:
                with contextlib.suppress(OSError):  # it stopped before reading all: nothing to flush to
                    pipe.close()


def _read_message(pipe: IO[bytes]) -> bytes | None:
    """The next message on the pipe; None at its end. ValueError for one cut short (the
    process at the other end stopped)."""
    header = pipe.read(_HEADER)
    if not header:
        return None
    size = int.from_bytes(header, "little")
    message = pipe.read(size)
    if len(header) < _HEADER or len(message) < size:
        raise ValueError("a message cut short")
    return message


def serve(path: str) -> None:
    """The second process: create the index file and write each batch read from stdin into its
    full-text tables; after the last, say so on stdout, then write the stories' words there and
    work out their lexical terms, and write them into the file once stdin ends: the first process
    closes it when it has committed its own part, so the two never wait for SQLite's lock. Exits
    0 only when all of it is written."""
    import msgspec

    from wowcoach.matching import index_terms
    from wowcoach.matching.index_schema import create

    decode = msgspec.msgpack.Decoder(list[list[tuple[int, str]]]).decode
    statements = [insert_text(col) for col in TEXT_COLUMNS]
    try:
        conn = create(path)
        conn.execute("BEGIN")
        while message := _read_message(sys.stdin.buffer):
            for statement, rows in zip(statements, decode(message), strict=True):
                conn.executemany(statement, rows)
        if message is None:
            raise SystemExit(1)  # the first process stopped before its last batch
        conn.execute("COMMIT")
        sys.stdout.buffer.write(len(_DONE).to_bytes(_HEADER, "little"))
        sys.stdout.buffer.flush()
        # The first process writes its tables meanwhile, and commits them once it has these words.
        story = index_terms.column_words(conn, LANGS)
        cues = index_terms.column_words(conn, CUE_COLUMNS)
        reply = msgspec.msgpack.encode([story[lang] for lang in LANGS])
        sys.stdout.buffer.write(len(reply).to_bytes(_HEADER, "little") + reply)
        sys.stdout.buffer.flush()
        lexical = index_terms.lexical_rows(story | cues)  # while the first process writes its part
        sys.stdin.buffer.read()  # until it closes the pipe: done, or stopped (then no one reads the file)
        conn.execute("BEGIN")
        lexical.write(conn)
        conn.execute("COMMIT")
        conn.close()
    except (sqlite3.Error, msgspec.DecodeError, ValueError, OSError, KeyboardInterrupt):
        raise SystemExit(1) from None
    # All of it is in the file: the first process waits for this exit, not for Python to free
    # the words and terms of ten thousand stories one object at a time.
    os._exit(0)
