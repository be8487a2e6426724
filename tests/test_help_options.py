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


def test_the_interview_flags_are_the_questions_and_the_commands_options():
    """The flags are declared once (InterviewFlags): each is a question's answer, and a command
    that has the question's flag hands its value to the interview under the question's field."""
    from dataclasses import fields

    from wowcoach.profile.interview import InterviewFlags
    from wowcoach.profile.questions import build_questions

    declared = {f.name for f in fields(InterviewFlags)}
    flag_of = {q.field: q.flag for q in build_questions({}, {}) if q.field != "staff_names"}  # plan's own list option
    assert set(flag_of) == declared
    root = typer.main.get_command(app)
    for name, wanted in (("suggest", declared), ("plan", declared - {"situation", "situation_type", "already"})):
        options = {p.name: p.opts for p in root.commands[name].params}
        assert {field for field in declared if field in options} == wanted
        assert all(flag_of[field] in options[field] for field in wanted)
