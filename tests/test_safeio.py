"""`safeio.read_bounded`, the one reader of a user's whole file that the data files and the
ledger import share: a regular file within its limit is read, and everything else is refused in
the caller's words, without waiting on a FIFO or reading a device that never ends."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from wowcoach.errors import UserError
from wowcoach.i18n import Msg, translator
from wowcoach.safeio import read_bounded

LIMIT = 1024

WORDS = {
    "missing": Msg("{path} is missing."),
    "folder": Msg("{path} is a folder."),
    "not_regular": Msg("{path} is not a regular file."),
    "too_large": Msg("{path} has {mb} MB, more than {limit} MB."),
}


@pytest.fixture(autouse=True)
def no_hanging() -> Iterator[None]:
    """A reader that waits on a FIFO would wait forever: fail the test instead."""
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the read waited: a FIFO was opened as a file"))
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def refused(path: Path, limit: int = LIMIT) -> str:
    with pytest.raises(UserError) as caught:
        read_bounded(path, limit, **WORDS)
    return str(caught.value)


def test_a_file_up_to_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * LIMIT)
    assert read_bounded(path, LIMIT, **WORDS) == b"x" * LIMIT


def test_a_file_one_byte_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * (LIMIT + 1))
    assert refused(path) == f"{path} has 0 MB, more than 0 MB."


def test_a_large_file_is_refused_by_its_size_in_megabytes(tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024 + 1)  # sparse: costs no disk
    assert refused(path, 2 * 1024 * 1024) == f"{path} has 3 MB, more than 2 MB."


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    path = tmp_path / "p.json"
    os.mkfifo(path)  # nobody ever writes to it
    assert refused(path) == f"{path} is not a regular file."


def test_dev_zero_is_refused_without_reading_it():
    assert refused(Path("/dev/zero")) == "/dev/zero is not a regular file."


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux's /proc")
def test_a_file_that_holds_more_than_its_size_says_is_refused():
    # /proc's files say they are empty and then give more: only the bytes read are believed.
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0
    assert refused(path, 16) == f"{path} has 0 MB, more than 0 MB."


def test_a_folder_and_a_missing_file_are_named_so(tmp_path):
    assert refused(tmp_path) == f"{tmp_path} is a folder."
    assert refused(tmp_path / "nope.json") == f"{tmp_path / 'nope.json'} is missing."


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_cannot_be_read_says_what_to_check(tmp_path):
    path = tmp_path / "secret.json"
    path.write_bytes(b"{}")
    path.chmod(0)
    with pytest.raises(UserError) as caught:
        read_bounded(path, LIMIT, **WORDS)
    error = caught.value
    assert str(error) == f"{path} cannot be read: check its permissions."
    assert error.translate(translator("nl")) == f"{path} kan niet worden gelezen: controleer de rechten."
