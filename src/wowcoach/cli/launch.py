"""The `wowcoach` command: the run's Environment, made once here and handed to the app."""

from __future__ import annotations


def main() -> None:
    from wowcoach.cli.collector import before_exit, short_run

    short_run()
    from wowcoach.cli.app import main as run
    from wowcoach.cli.environment import Environment

    try:
        run(Environment())
    finally:
        before_exit()
