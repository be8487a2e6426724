"""The `wowcoach` command. Chooses the interface language before the CLI is built, because
Click and Typer read help texts when the app is created."""

from __future__ import annotations

import os
import sys

from wowcoach.i18n import language_from_env, normalize, set_language


def language_from_argv(argv: list[str]) -> str | None:
    """`--lang nl` or `--lang=nl` anywhere on the command line, without parsing anything else."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return normalize(argv[i + 1])
        if arg.startswith("--lang="):
            return normalize(arg.split("=", 1)[1])
    return None


def main() -> None:
    lang = set_language(language_from_argv(sys.argv[1:]) or language_from_env())
    if lang != "en":
        from wowcoach.i18n import translate_typer

        translate_typer()
    if os.environ.get("NO_COLOR") or "--no-color" in sys.argv[1:]:
        import typer.rich_utils

        typer.rich_utils.COLOR_SYSTEM = None  # help screens too: no escape codes at all
    from wowcoach.cli import main as run

    run()
