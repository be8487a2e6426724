"""Every command has help text and an example in the README; the README's --help is current."""

from __future__ import annotations

from pathlib import Path

import typer

from wowcoach.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(group: typer.Typer, prefix: str = "") -> list[tuple[str, object]]:
    import typer.main

    click_group = typer.main.get_command(group)
    found = []

    def walk(cmd, path):
        for name, sub in getattr(cmd, "commands", {}).items():
            full = f"{path} {name}".strip()
            if getattr(sub, "commands", None):
                walk(sub, full)
            else:
                found.append((full, sub))

    walk(click_group, prefix)
    return found


def test_every_command_has_help_and_is_in_the_readme():
    found = commands(app)
    assert len(found) >= 7
    for name, cmd in found:
        assert cmd.help and len(cmd.help) > 20, name
        assert f"wowcoach {name}" in README, f"README has no example of `wowcoach {name}`"


def test_readme_opens_with_two_setup_commands():
    block = README.split("```", 2)[1]
    lines = [l for l in block.splitlines()[1:] if l.strip() and not l.startswith("#")]
    assert len(lines) == 2
    assert "wowcoach suggest" in lines[0] and "pytest" in lines[1]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert lines[1].strip() in ci
