"""A command's help never names an option the command does not have (a reference to another
command, written `wowcoach other --option`, is that command's business)."""

from __future__ import annotations

import re

import typer.main

from wowcoach.cli.app import app


def leaves(command, path=()):
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            yield from leaves(sub, (*path, name))
        else:
            yield (*path, name), sub


def test_help_mentions_only_options_the_command_has():
    root = typer.main.get_command(app)
    shared = {o for p in root.params for o in p.opts}
    wrong = []
    for path, command in leaves(root):
        own = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | shared
        for text in [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]:
            for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", re.sub(r"`wowcoach [^`]*`", "", text)):
                if option not in own:
                    wrong.append((" ".join(path), option, text))
    assert not wrong
