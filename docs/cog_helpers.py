"""Helpers for the cog blocks of README.md and docs/*.md: each example there is a real run of
wowcoach, in-process, and its output is written into the page as it came out.

    python -m cogapp -r README.md docs/*.md      # refresh every example
    python -m cogapp --check README.md docs/*.md # what tests/test_docs.py runs

Every run sees the same settings whatever the machine has: 100 columns, no colour, English
(C.UTF-8), and none of the user's WOWCOACH_* settings unless an example gives them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner, Result

from wowcoach.cli.app import app
from wowcoach.knowledge.files import data_dir

WIDTH = "100"
# Settings of the machine that would change an example's output; an example sets what it needs.
CLEARED = (
    "WOWCOACH_LANG",
    "WOWCOACH_CASES",
    "WOWCOACH_VALUES",
    "WOWCOACH_DB",
    "WOWCOACH_SHOP",
    "WOWCOACH_MODEL",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
)

_scratch = Path(tempfile.mkdtemp(prefix="wowcoach-docs-"))
atexit.register(shutil.rmtree, _scratch, True)


def scratch(name: str) -> str:
    """A path in a fresh folder of its own (removed when cog ends), e.g. for a ledger."""
    return str(Path(tempfile.mkdtemp(dir=_scratch)) / name)


def workdir() -> str:
    """A fresh, empty folder to run examples in, as a user would in a new one."""
    return tempfile.mkdtemp(dir=_scratch)


@contextlib.contextmanager
def inside(path: str) -> Iterator[None]:
    """Run the examples of the block in `path` (a `workdir()`), then go back."""
    home = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(home)


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """One run of `wowcoach ARGS`, as the example's reader would type it."""
    settings: dict[str, str | None] = dict.fromkeys(CLEARED)
    settings.update(COLUMNS=WIDTH, LANG="C.UTF-8", NO_COLOR="1")
    settings.update(env or {})
    return CliRunner().invoke(app, list(args), input=input, env=settings, prog_name="wowcoach")


def quiet(*args: str, env: dict[str, str] | None = None) -> None:
    """A run whose output the page does not show (setting up a ledger); it must succeed."""
    result = run(*args, env=env)
    if result.exit_code != 0:
        raise RuntimeError(f"wowcoach {shlex.join(args)} failed ({result.exit_code}): {result.stdout}{result.stderr}")


def show(
    *args: str,
    input: str | None = None,
    env: dict[str, str] | None = None,
    err: bool = False,
    prefix: str = "",
    head: int | None = None,
    until: str | None = None,
    names: dict[str, str] | None = None,
    kind: str = "console",
) -> None:
    """Write `$ wowcoach ARGS` and what it printed as a code block.

    err: stderr too, after the output (the notes a user sees); prefix: shown before `wowcoach` (`LANG=nl_NL.UTF-8 `);
    head: only the first lines, then "…"; until: only the output before this text, then "…";
    names: paths to show by a short name instead (a temporary ledger as `ledger.sqlite`)."""
    import cog

    result = run(*args, input=input, env=env)
    text = result.stdout
    if until is not None:
        if until not in text:
            raise RuntimeError(f"wowcoach {shlex.join(args)}: {until!r} is not in its output")
        text = text.split(until)[0].rstrip() + "\n…"
    lines = _lines(text)
    if head is not None and len(lines) > head:
        lines = [*lines[:head], "…"]
    if err:
        lines += _lines(result.stderr)
    command = f"$ {prefix}wowcoach {shlex.join(args)}"
    body = "\n".join([command, *lines])
    for path, name in (names or {}).items():
        body = body.replace(path, name)
    cog.out(f"```{kind}\n{body}\n```\n")


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace(str(data_dir()), "…/wowcoach/data").splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def show_help(command: str) -> None:
    """`wowcoach COMMAND --help`, the reference of its options."""
    show(*command.split(), "--help")


def module_map(package: str = "src/wowcoach") -> None:
    """Every module of the package with the first paragraph of its docstring, read from the
    source (not imported): the base modules, then each stage in the order the import test keeps."""
    import ast
    import sys

    import cog

    sys.path.insert(0, "tests")
    from test_imports import STAGES

    root = Path(package)
    order = {name: i for i, name in enumerate(STAGES, start=1)}
    modules = [p for p in root.rglob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    modules.sort(key=lambda p: (order.get(p.relative_to(root).parts[0], 0), p.relative_to(root).as_posix()))
    lines = []
    for path in modules:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        first = " ".join(doc.split("\n\n")[0].split())
        lines.append(f"- `{path.relative_to(root).as_posix()}`: {first}")
    cog.out("\n".join(lines) + "\n")


def marker_table(pyproject: str = "pyproject.toml") -> None:
    """The pytest markers registered in pyproject.toml, as a table (name, what it marks)."""
    import re

    import cog

    text = Path(pyproject).read_text(encoding="utf-8")
    listed = re.search(r"^markers\s*=\s*\[(.*?)\]", text, re.S | re.M)
    if listed is None:
        raise RuntimeError(f"{pyproject} registers no pytest markers")
    rows = ["| marker | what it marks |", "|---|---|"]
    for entry in re.findall(r'"([^"]+)"', listed.group(1)):
        name, _, meaning = entry.partition(":")
        rows.append(f"| `{name.strip()}` | {meaning.strip()} |")
    cog.out("\n".join(rows) + "\n")
