"""The `wowcoach` command: makes the run's Environment before the CLI is built, because Typer
reads the help texts (in the chosen language) when the app is created."""

from __future__ import annotations

import os
import sys

from wowcoach.i18n import normalize
from wowcoach.render.environment import Environment


def language_from_argv(argv: list[str]) -> str | None:
    """`--lang nl` or `--lang=nl` anywhere on the command line, without parsing anything else."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return normalize(argv[i + 1])
        if arg.startswith("--lang="):
            return normalize(arg.split("=", 1)[1])
    return None


def main() -> None:
    argv = sys.argv[1:]
    if "--no-color" in argv:
        # Typer's help and error screens follow Rich's NO_COLOR convention (colours off, bold stays).
        os.environ["NO_COLOR"] = "1"
    env = Environment(language_from_argv(argv))
    from wowcoach.cli.app import main as run

    run(env)
