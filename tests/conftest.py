from __future__ import annotations

import contextlib
import os
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wowcoach.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"
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
    for var in ("WOWCOACH_LANG", "WOWCOACH_CASES", "WOWCOACH_VALUES", "WOWCOACH_DB", "WOWCOACH_MODEL", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
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
