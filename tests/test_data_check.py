"""Schema and reference checks on broken copies of the shipped files."""

from __future__ import annotations

import copy

import pytest
import yaml

from conftest import shipped_cases
from wowcoach.knowledge.files import shipped_values_path


@pytest.fixture(scope="module")
def raw_cases():
    return shipped_cases()


def write(tmp_path, data, name="cases.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def one_case(raw_cases, **changes):
    case = copy.deepcopy(raw_cases["cases"][0])
    case["id"] = "consultant-story"
    case.update(changes)
    return {"cases": [case]}


def test_a_consultants_valid_file_passes(run, tmp_path, raw_cases):
    path = write(tmp_path, one_case(raw_cases))
    result = run("data", "check", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"{path}: OK"


def test_missing_language_names_file_line_entry_and_field(run, tmp_path, raw_cases):
    data = one_case(raw_cases)
    del data["cases"][0]["story"]["da"]
    path = write(tmp_path, data)
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.strip() == "story:")
    assert result.stderr.strip() == f"{path}:{line + 1}: consultant-story: story.da: missing"


def test_unknown_references_and_levels(run, tmp_path, raw_cases):
    data = one_case(raw_cases, values=["be-humbel"], situations=["rain"], cost="cheap")
    path = write(tmp_path, data)
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1  # cost is checked first; references only once the entry is valid
    assert ": consultant-story: cost: 'cheap' is not one of: free, high, low, medium" in lines[0]
    data["cases"][0]["cost"] = "low"
    path = write(tmp_path, data)
    lines = run("data", "check", str(path)).stderr.strip().splitlines()
    assert any(line.endswith("consultant-story: values: unknown value 'be-humbel': did you mean be-humble?") for line in lines)
    assert any(line.endswith("consultant-story: situations: unknown situation tag 'rain'") for line in lines)  # close to none


def test_an_ideas_unknown_sector_is_named_with_its_line(run, tmp_path, raw_cases):
    data = one_case(raw_cases)
    data["cases"][0]["ideas"][1]["sectors"] = ["bakery", "bikes"]
    path = write(tmp_path, data)
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "- bikes" in text)
    assert result.stderr.strip() == f"{path}:{line - 1}: consultant-story: sectors: unknown sector 'bikes'"


def test_duplicate_ids_and_unknown_keys(run, tmp_path, raw_cases):
    data = one_case(raw_cases)
    data["cases"].append(copy.deepcopy(data["cases"][0]))
    data["cases"][1]["lesson_nl"] = "typo"
    path = write(tmp_path, data)
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    assert "consultant-story: lesson_nl: unknown field (check its spelling)" in result.stderr
    del data["cases"][1]["lesson_nl"]
    path = write(tmp_path, data)
    result = run("data", "check", str(path))
    # At the second one, the entry to fix: the first is as it should be.
    second = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "consultant-story" in line][1]
    assert f"{path}:{second}: consultant-story: id: duplicate id" in result.stderr, result.stderr


def test_wrong_type(run, tmp_path, raw_cases):
    path = write(tmp_path, one_case(raw_cases, ideas="be nice"))
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    assert "consultant-story: ideas: expected a list, got text" in result.stderr


def test_a_list_at_the_top_is_not_a_cases_file(run, tmp_path):
    """Files that are not YAML at all (empty, binary, not UTF-8, aliases, Python tags) are in the
    bad-input matrix (test_bad_input.py)."""
    path = tmp_path / "broken.yaml"
    path.write_bytes(b"- 1\n- 2\n")
    result = run("data", "check", str(path))
    assert (result.exit_code, result.stderr.strip()) == (1, f"{path}: expected a mapping with a `cases` list at the top.")
    assert len(result.stderr.strip().splitlines()) == 1


def test_folder_and_missing_path(run, tmp_path):
    result = run("data", "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{tmp_path} is a folder, not a file: give the path of a YAML file."
    result = run("data", "check", str(tmp_path / "nope.yaml"))
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'} does not exist: check the path."


def test_broken_values_file_via_option(run, tmp_path):
    raw = yaml.safe_load(shipped_values_path().read_text(encoding="utf-8"))
    raw["values"][0]["questions"] = raw["values"][0]["questions"][:2]
    path = write(tmp_path, raw, "values.yaml")
    result = run("--values", str(path), "values", "list")
    assert result.exit_code == 1
    assert "deliver-wow: questions: needs at least 4 items" in result.stderr


def test_consultant_cases_merge_or_replace(run, tmp_path, raw_cases):
    import json

    data = one_case(raw_cases)
    path = write(tmp_path, data)
    merged = json.loads(run("--cases", str(path), "cases", "list", "--format", "json").stdout)["cases"]
    alone = json.loads(run("--cases", str(path), "--replace-cases", "cases", "list", "--format", "json").stdout)["cases"]
    shipped = json.loads(run("cases", "list", "--format", "json").stdout)["cases"]
    assert len(merged) == len(shipped) + 1
    assert [c["id"] for c in alone] == ["consultant-story"]
    env = json.loads(run("cases", "list", "--format", "json", env={"WOWCOACH_CASES": str(path)}).stdout)["cases"]
    assert len(env) == len(merged)
    result = run("--replace-cases", "cases", "list")
    assert result.exit_code == 2
    assert result.stderr.strip() == "--replace-cases needs at least one --cases FILE."
