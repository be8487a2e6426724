"""A run builds only the command it runs (`cli.app.for_args`): that command is the same as in
the whole app, and whatever is not plainly one command's run gets the whole app."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from wowcoach.cli import app as cli


def describe(command) -> object:
    """What a user meets of a command: its help, options, their help and defaults, its subcommands."""
    params = [(p.name, tuple(p.opts), tuple(p.secondary_opts), getattr(p, "help", None), p.hidden, repr(p.default)) for p in command.params]
    subs = {name: describe(sub) for name, sub in getattr(command, "commands", {}).items()}
    return (type(command).__name__, command.help, command.short_help, params, subs)


def test_every_command_is_registered_as_the_whole_app_has_it():
    whole = typer.main.get_command(cli.app)
    assert sorted(whole.commands) == sorted(cli.COMMANDS)  # every command is in the table
    for name in cli.COMMANDS:
        alone = typer.main.get_command(cli.build([name]))
        assert list(alone.commands) == [name]
        assert describe(alone.commands[name]) == describe(whole.commands[name])
        assert describe(alone)[:4] == describe(whole)[:4]  # the root's options are there too


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["suggest", "--situation", "log"], "suggest"),
        (["--cases", "review", "--no-color", "log", "list"], "log"),  # the value of --cases is a file, not a command
        (["--cases=my.yaml", "--values", "v.yaml", "--replace-cases", "--verbose", "--debug", "cases", "list"], "cases"),
        (["help", "log"], "help"),
        ([], None),
        (["--help"], None),
        (["--version"], None),
        (["sugest"], None),  # a typo: the whole app says "did you mean"
        (["--lang", "nl", "suggest"], None),  # not a root option: the whole app says so
        (["--cases"], None),
    ],
)
def test_command_of(args, name):
    assert cli.command_of(args) == name


def test_shell_completion_gets_the_whole_app(monkeypatch):
    monkeypatch.setenv("_WOWCOACH_COMPLETE", "complete_bash")
    assert cli.command_of(["suggest"]) is None


@pytest.mark.parametrize(
    "args",
    [
        ["suggest", "--no-input", "--situation", "A parcel arrived late", "--format", "json"],
        ["--no-color", "cases", "list", "--format", "json"],
        ["cases", "show", "zappos-pizza", "--format", "json"],
        ["values"],
        ["log", "--help"],
        ["help", "plan"],
        ["suggest", "--sector", "bakery", "--channel", "shopp", "--no-input"],
        ["plan", "--budget", "abc", "--no-input"],
    ],
)
def test_a_run_with_only_its_command_answers_as_the_whole_app(args):
    runner = CliRunner()
    whole = runner.invoke(cli.app, args)
    alone = runner.invoke(cli.for_args(args), args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


def test_every_root_option_is_known_to_command_of():
    """A root option `command_of` did not know would only cost speed (the whole app is built),
    but a new one should be added to its lists, with whether it takes a value."""
    root = typer.main.get_command(cli.build([]))
    answered_by_the_whole_app = {"--version", "--help", "--install-completion", "--show-completion"}
    for param in root.params:
        for option in set(param.opts) - answered_by_the_whole_app:
            assert option in (*cli._ROOT_WITH_VALUE, *cli._ROOT_FLAGS)
            assert (option in cli._ROOT_WITH_VALUE) == (not param.is_flag)


def test_the_launcher_leaves_the_run_out_of_the_exit_collections(monkeypatch):
    """`before_exit` runs however the command ends (here with exit code 3), and takes every
    object the run made out of the cycle collections Python makes as it exits."""
    import gc

    from wowcoach.cli import collector, launch

    calls = []
    monkeypatch.setattr(collector, "short_run", lambda: None)  # the test process keeps its own thresholds
    monkeypatch.setattr(collector, "before_exit", lambda: calls.append("before_exit"))

    def ends_with_code_3(env):
        raise SystemExit(3)

    monkeypatch.setattr(cli, "main", ends_with_code_3)
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code == 3 and calls == ["before_exit"]

    monkeypatch.undo()
    frozen = gc.get_freeze_count()
    try:
        collector.before_exit()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
