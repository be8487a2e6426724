"""The same question gets the same answer in every process. Python hashes strings differently in
each process (PYTHONHASHSEED), so anything taken from a set or a dict built from one in hash
order could differ between two runs; each process here also builds its own index."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SUGGEST = [
    "suggest",
    "--no-input",
    "--sector",
    "bike-shop",
    "--budget",
    "100",
    "--top",
    "5",
    "--situation",
    "A regular customer's parcel with a birthday present arrived three days late",
    "--format",
    "json",
]
PLAN = ["plan", "--no-input", "--budget", "250", "--staff-name", "Anna", "--staff-name", "Bo", "--month", "2027-03", "--format", "json"]


@pytest.mark.slow
def test_two_processes_with_different_hash_seeds_answer_alike(tmp_path):
    answers = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "WOWCOACH_CACHE_DIR": str(tmp_path / f"cache-{seed}")}
        outputs = []
        for args in (SUGGEST, PLAN):
            done = subprocess.run([sys.executable, "-m", "wowcoach", *args], capture_output=True, text=True, env=env, timeout=300)
            assert done.returncode == 0, done.stderr
            outputs.append(done.stdout)
        answers.append(outputs)
    assert '"suggestions"' in answers[0][0] and '"allowances"' in answers[0][1]
    assert answers[0] == answers[1]
