from __future__ import annotations

import contextlib
import copy
import functools
import os
import re
import subprocess
from pathlib import Path

import pytest
import typer.testing
import yaml
from typer.testing import CliRunner

from wowcoach.cli.app import app
from wowcoach.knowledge.files import shipped_cases_path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"


# Typer's CliRunner builds the Click command from the app again on every invoke (13 ms here, more
# than most runs themselves), where a process builds it once for its one run. Built once per app
# for the whole session, the quick loop takes half the CPU time. The command's objects hold no
# state of a run (help is translated and put back while it is shown). Should a Typer release drop
# this private hook, the tests are only slower.
if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = functools.cache(typer.testing._get_command)

# Two workers keep both cores busy: the model's threads sleep between its steps, as on any busy
# computer, whatever a moment's count of runnable tasks says (`semantic.wait_policy`). Set before
# any fixture loads the model, and inherited by the commands the tests start.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@functools.cache
def _shipped_cases() -> dict:
    # libyaml's parser where PyYAML has it: the pure-Python one takes half a second on this file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(shipped_cases_path().read_text(encoding="utf-8"), Loader=loader)


def shipped_cases() -> dict:
    """The shipped cases file as its YAML holds it, parsed once per run; a copy to change."""
    return copy.deepcopy(_shipped_cases())


def shipped_case() -> dict:
    """The first shipped story as its YAML holds it; a copy to change."""
    return copy.deepcopy(_shipped_cases()["cases"][0])


TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \".*\", line \d+")


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session, holding the index of the shipped library, built once.
    The cache key covers every file, so a test with its own files still gets its own index."""
    from wowcoach.app.sources import Sources

    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WOWCOACH_CACHE_DIR", str(folder))
        Sources().matcher()
    return folder


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared_cache: Path):
    """Each test starts in English with no user settings leaking in from the machine."""
    for var in (
        *("WOWCOACH_LANG", "WOWCOACH_CASES", "WOWCOACH_VALUES", "WOWCOACH_DB", "WOWCOACH_MODEL", "WOWCOACH_SHOP"),
        *("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_MONETARY", "LC_CTYPE"),
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no consultant.yaml of the machine's user
    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(shared_cache))
    # `python -m wowcoach` in a subprocess runs the checkout too, as pytest does (pythonpath).
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.chdir(tmp_path)


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        result = self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        out = result.stdout + (result.stderr or "")
        assert not TRACEBACK.search(out), out
        return result


@pytest.fixture
def run() -> Run:
    return Run()


def usage_error(result) -> str:
    """The message of a usage error (exit 2) as Typer frames it, on one line: the text inside
    the box under "Usage: ..." and "Try ... --help"."""
    inside = [line.strip("│ ") for line in result.stderr.splitlines() if line.startswith("│")]
    return " ".join(inside)


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str = "64k", fill: bool = True):
    """A real full disk: a small tmpfs (root only), filled up when `fill`; unmounted after."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        if fill:
            fill_disk(folder)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill_disk(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass


PG_ENV = "WOWCOACH_TEST_PG"  # a PostgreSQL URL; .ci/run starts a server and always sets it


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(os.environ[PG_ENV], autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def pg_url():
    """A PostgreSQL ledger of its own for one test: a new schema in the test database, dropped
    after. Skipped only when WOWCOACH_TEST_PG is unset (never in CI)."""
    import uuid

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    pg_admin(f"CREATE SCHEMA {schema}")
    yield base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    pg_admin(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_target(request, tmp_path):
    """A new ledger on each backend: a file that does not exist yet, or an empty PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "shop" / "ledger.sqlite")
    return request.getfixturevalue("pg_url")
