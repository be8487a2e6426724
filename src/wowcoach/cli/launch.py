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


def after_import(name: str, callback) -> None:
    """Run `callback(module)` as soon as `name` is imported (at once if it already is)."""
    import importlib.abc
    import importlib.util

    if name in sys.modules:
        callback(sys.modules[name])
        return

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            if spec is None or spec.loader is None:
                return spec
            real_exec = spec.loader.exec_module

            def exec_module(module) -> None:
                real_exec(module)
                callback(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def main() -> None:
    lang = set_language(language_from_argv(sys.argv[1:]) or language_from_env())
    plain = bool(os.environ.get("NO_COLOR")) or "--no-color" in sys.argv[1:]
    if lang != "en" or plain:
        # Typer's help and error screens come from typer.rich_utils, which is slow to import;
        # adjust it when Typer loads it, so runs that show no help don't pay for it.
        def adjust(rich_utils) -> None:
            if lang != "en":
                from wowcoach.i18n import translate_typer

                translate_typer(rich_utils)
            if plain:
                rich_utils.COLOR_SYSTEM = None  # help screens too: no escape codes at all

        after_import("typer.rich_utils", adjust)
    from wowcoach.cli.app import main as run

    run()
