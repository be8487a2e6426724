"""How often Python's cycle collector runs, for a short command and for a long one, and that it
skips the run's objects as the process exits (`before_exit`).

It ran some 60 times while `suggest` started and ranked (importing makes many objects, few of
them garbage): a tenth of the run. Collecting after 50,000 new objects instead of 700 runs it
about never in a command of under a second (as fast as turning it off), and still in a long one
(a big import, a library's first build). `serve` and `export` go back to Python's own setting:
a server runs for days, and a PDF's trees are full of cycles.
"""

from __future__ import annotations

import gc

SHORT_RUN = (50_000, 10, 10)
PYTHON_DEFAULT = gc.get_threshold()


def short_run() -> None:
    gc.set_threshold(*SHORT_RUN)


def long_run() -> None:
    gc.set_threshold(*PYTHON_DEFAULT)


def before_exit() -> None:
    """Leave every object of the run out of the collections Python makes as it exits: they
    looked through all of them for cycles, some 30 ms of a 200 ms `suggest`, to free memory
    the process is about to give back whole. Objects still go as their last reference does;
    only the cycles among them are left to the end of the process, whose files the system
    closes (a transaction left open is rolled back)."""
    gc.freeze()
