"""The `wowcoach` command: the run's Environment, made once here and handed to the app."""

from __future__ import annotations

import gc


def main() -> None:
    # Python's cycle collector ran some 50 times while a command started and ranked (importing
    # makes many objects, few of them garbage): a tenth of the time `suggest` takes. A run of
    # one command lasts well under a second and frees what it makes by reference counting, so
    # it runs without; the long runs (`serve`, `export`) turn it back on (gc.enable()).
    gc.disable()
    from wowcoach.cli.app import main as run
    from wowcoach.cli.environment import Environment

    run(Environment())
