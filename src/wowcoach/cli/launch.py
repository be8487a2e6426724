"""The `wowcoach` command: the run's Environment, made once here and handed to the app."""

from __future__ import annotations


def main() -> None:
    from wowcoach.cli.collector import short_run

    short_run()
    from wowcoach.cli.app import main as run
    from wowcoach.cli.environment import Environment

    run(Environment())
