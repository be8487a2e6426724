"""The knowledge base's schema (knowledge/schema.py, checked by msgspec): every kind of mistake is said in plain
words and located, in YAML and in JSON files alike."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import msgspec
import pytest

from conftest import shipped_case
from wowcoach.knowledge import schema as kb
from wowcoach.knowledge.loader import load_library
from wowcoach.knowledge.schema_errors import describe


@pytest.fixture(scope="module")
def raw_case():
    case = shipped_case()
    case["id"] = "consultant-story"
    return case


def changed(case, path, value):
    case = copy.deepcopy(case)
    *parents, last = path
    target = case
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return case


MISTAKES = [
    (("title", "da"), KeyError, ("title", "da"), "missing"),
    (("lesson_nl",), "typo", ("lesson_nl",), "unknown field (check its spelling)"),
    (("channel",), "shopp", ("channel",), "'shopp' is not one of: any, online, phone, shop, social"),
    (("wow", 0), "amazing", ("wow", 0), "'amazing' is not one of:"),
    (("ideas",), "be nice", ("ideas",), "expected a list, got text"),
    (("ideas",), [], ("ideas",), "needs at least 2 items"),
    (("sectors",), [], ("sectors",), "needs at least 1 item"),
    (("id",), "My Story", ("id",), "must be lowercase letters, digits and dashes, such as 'late-delivery'"),
    (("company",), "  ", ("company",), "must not be blank or start or end with a space"),
    (("story", "en"), " \n ", ("story", "en"), "must not be blank"),
    (("story", "nl"), "", ("story", "nl"), "must not be blank"),
    (("story", "da"), "x" * 5001, ("story", "da"), "is too long: at most 5000 characters"),
    (("source", "year"), 1700, ("source", "year"), "must be at least 1800"),
    (("source", "year"), "2010", ("source", "year"), "expected a whole number, got text"),
    (("source", "language"), "dutch", ("source", "language"), "must be a two-letter language code, such as 'nl'"),
    (("source", "url"), "www.example.com", ("source", "url"), "must be a web address starting with http:// or https://"),
    (("typical_amount",), {"amount": "-1", "currency": "EUR"}, ("typical_amount", "amount"), "must be between 0 and 1000000000"),
    (("typical_amount",), {"amount": "a lot", "currency": "EUR"}, ("typical_amount", "amount"), 'must be an amount such as "4.50"'),
    (
        ("typical_amount",),
        {"amount": "5", "currency": "euro"},
        ("typical_amount", "currency"),
        "must be a three-letter currency code, such as 'EUR'",
    ),
]


@pytest.mark.parametrize(("path", "value", "loc", "message"), MISTAKES)
def test_each_mistake_is_located_and_said_plainly(raw_case, path, value, loc, message):
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.convert(changed(raw_case, path, value), kb.Case)
    found_loc, found_message = describe(caught.value, kb.Case)
    assert found_loc == loc
    assert str(found_message).startswith(message)


def test_texts_are_trimmed_and_amounts_exact(raw_case):
    case = changed(raw_case, ("story", "en"), "  Written with YAML's block style.\n")
    case["typical_amount"] = {"amount": 4.50, "currency": "EUR"}  # YAML reads 4.50 as a float
    parsed = msgspec.convert(case, kb.Case)
    assert parsed.story.en == "Written with YAML's block style."
    assert str(parsed.typical_amount.amount) == "4.5"


def json_file(tmp_path, cases, prefix=b""):
    path = tmp_path / "library.json"
    path.write_bytes(prefix + json.dumps({"cases": cases}, indent=1, ensure_ascii=False).encode())
    return path


@pytest.mark.parametrize("command", [("data", "check", "{path}"), ("--cases", "{path}", "--replace-cases", "cases", "list")])
def test_a_json_library_reports_every_broken_entry_with_its_line(run, tmp_path, raw_case, command):
    good = changed(raw_case, ("id",), "good-story")
    broken_a = changed(raw_case, ("cost",), "cheap")
    broken_b = changed(changed(raw_case, ("id",), "other-story"), ("title", "nl"), KeyError)
    path = json_file(tmp_path, [good, broken_a, broken_b])
    result = run(*(arg.format(path=path) for arg in command))  # checked whole, or as the index reads it
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    text = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(": consultant-story: cost: 'cheap' is not one of: free, high, low, medium")
    assert '"cost": "cheap"' in text[int(lines[0].split(":")[1]) - 1]
    assert lines[1].endswith(": other-story: title.nl: missing")


def test_a_json_library_locates_a_duplicate_id(run, tmp_path, raw_case):
    path = json_file(tmp_path, [raw_case, changed(raw_case, ("id",), "second"), raw_case])
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    line = int(result.stderr.split(":")[1])
    assert result.stderr.strip().endswith("consultant-story: id: duplicate id")
    assert '"id": "consultant-story"' in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_malformed_json_names_the_line(run, tmp_path):
    path = tmp_path / "library.json"
    path.write_text('{"cases": [\n  {"id": "a",}\n]}\n', encoding="utf-8")
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"{path}:2: not valid JSON")


def test_a_json_library_saved_with_a_byte_order_mark_loads(tmp_path, raw_case):
    path = json_file(tmp_path, [raw_case], prefix="\ufeff".encode())
    library = load_library([path], None, replace=True)
    assert [c.id for c in library.cases] == ["consultant-story"]


@pytest.mark.parametrize(
    ("profile", "field", "message"),
    [
        ("staff: [1, 2]\n", "staff", "expected a whole number, got a list"),
        ("staff: 0\n", "staff", "must be at least 1"),
        ("channel: market\n", "channel", "'market' is not one of: both, online, shop"),
        ("currency: XYZ\n", "currency", "XYZ"),
        ("staf: 3\n", "staf", "unknown field (check its spelling)"),
    ],
)
def test_a_profile_file_is_checked_field_by_field(run, tmp_path, profile, field, message):
    (tmp_path / "p.yaml").write_text(profile, encoding="utf-8")
    result = run("suggest", "--no-input", "--profile", "p.yaml", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"p.yaml: {field}: ")
    assert message in result.stderr


def test_a_hand_edited_profile_may_quote_numbers_and_pad_text(run, tmp_path):
    (tmp_path / "p.yaml").write_text('staff: "3"\nshop_name: "  De Schoenendoos  "\n', encoding="utf-8")
    result = run("suggest", "--no-input", "--profile", "p.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    profile = json.loads(result.stdout)["profile"]
    assert profile["staff"] == 3 and profile["shop_name"] == "De Schoenendoos"


def ids_listed(run, *args):
    result = run(*args, "cases", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [c["id"] for c in json.loads(result.stdout)["cases"]]


def test_a_json_library_merges_over_the_shipped_stories_in_place(run, tmp_path, raw_case):
    shipped = ids_listed(run)
    replaced = changed(raw_case, ("id",), shipped[2])
    replaced["company"] = "Replaced Ltd"
    path = json_file(tmp_path, [changed(raw_case, ("id",), "new-story"), replaced])
    merged = ids_listed(run, "--cases", str(path))
    assert merged == [*shipped, "new-story"]  # the replaced story keeps its place
    shown = json.loads(run("--cases", str(path), "cases", "show", shipped[2], "--format", "json").stdout)
    assert shown["company"] == "Replaced Ltd"
    assert ids_listed(run, "--cases", str(path), "--replace-cases") == ["new-story", shipped[2]]


def test_a_repeated_id_is_reported_when_merging_too(run, tmp_path, raw_case):
    path = json_file(tmp_path, [raw_case, raw_case])
    for args in (("--cases", str(path)), ("--cases", str(path), "--replace-cases")):
        result = run(*args, "cases", "list")
        assert result.exit_code == 1
        assert result.stderr.strip().endswith("consultant-story: id: duplicate id"), result.stderr


def test_a_case_without_a_usable_id_is_named_by_its_place(run, tmp_path, raw_case):
    path = json_file(tmp_path, [raw_case, changed(raw_case, ("id",), 5)])
    for args in (("--cases", str(path)), ("--cases", str(path), "--replace-cases")):
        result = run(*args, "suggest", "--no-input", "--situation", "late parcel")
        assert result.exit_code == 1
        assert result.stderr.strip().endswith(": cases[1]: id: expected text, got a whole number"), result.stderr


def test_the_cases_of_a_library_are_checked_when_read(tmp_path, raw_case):
    from wowcoach.errors import DataError

    broken = changed(changed(raw_case, ("id",), "second"), ("values",), ["be-humbel"])
    path = json_file(tmp_path, [raw_case, broken])
    library = load_library([path], None, replace=True)  # values, gestures and tag lists are fine
    with pytest.raises(DataError) as caught:
        _ = library.cases
    assert [str(p.message) for p in caught.value.problems] == ["unknown value 'be-humbel': did you mean be-humble?"]


@pytest.fixture(scope="module")
def compiled_shipped(tmp_path_factory):
    """The build's JSON copies of the shipped files (hatch_build.py), made afresh once."""
    import importlib.util

    from wowcoach.knowledge import files as datafiles

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("hatch_build", root / "hatch_build.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    out = tmp_path_factory.mktemp("compiled")
    hook.compile_shipped(datafiles.data_dir(), out)
    return out


@pytest.fixture
def twins(compiled_shipped, tmp_path, monkeypatch):
    """A copy of the compiled files for one test (which may spoil them), read by the loader in
    place of the shipped files' own."""
    import shutil

    from wowcoach.knowledge import files as datafiles
    from wowcoach.knowledge import loader

    out = Path(shutil.copytree(compiled_shipped, tmp_path / "compiled"))
    monkeypatch.setattr(loader, "compiled_twin", lambda path: out / f"{path.stem}.json" if path.parent == datafiles.data_dir() else None)
    return out


SHIPPED_MODELS = (("cases", kb.CasesFile), ("values", kb.ValuesFile), ("gestures", kb.GesturesFile), ("vocabulary", kb.VocabularyFile))


@pytest.mark.parametrize(("name", "model"), SHIPPED_MODELS)
def test_the_compiled_copy_of_a_shipped_file_reads_as_the_yaml(twins, monkeypatch, name, model):
    from wowcoach.knowledge import files as datafiles
    from wowcoach.knowledge import loader

    path = datafiles.data_dir() / f"{name}.yaml"
    from_twin = loader._validate(model, path, name)[0]
    monkeypatch.setattr(loader, "compiled_twin", lambda path: None)
    assert from_twin == loader._validate(model, path, name)[0]


def test_a_stale_or_broken_compiled_copy_is_not_used(twins, monkeypatch):
    from wowcoach.knowledge import files as datafiles
    from wowcoach.knowledge import loader

    twin = twins / "cases.json"
    stale = json.loads(twin.read_text(encoding="utf-8"))
    stale["data"]["cases"] = stale["data"]["cases"][:1]
    stale["crc32"] += 1  # made from another version of cases.yaml
    twin.write_text(json.dumps(stale), encoding="utf-8")
    path = datafiles.data_dir() / "cases.yaml"
    assert len(loader._validate(kb.CasesFile, path, "cases")[0].cases) > 1
    twin.write_text('{"crc32": 1, "data": [', encoding="utf-8")
    assert len(loader._validate(kb.CasesFile, path, "cases")[0].cases) > 1


def test_a_replaced_story_is_still_checked(run, tmp_path, raw_case):
    first = json_file(tmp_path, [changed(raw_case, ("cost",), "cheap")])
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"cases": [raw_case]}), encoding="utf-8")
    result = run("--cases", str(first), "--cases", str(second), "cases", "list")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("consultant-story: cost: 'cheap' is not one of: free, high, low, medium")


def test_a_case_is_checked_alike_whether_or_not_its_parts_were_seen_before(raw_case):
    """A JSON library's case is read with its "applies when" sentences, ideas and source decoded
    once per distinct JSON (`CaseStream.decoded`): it must give what reading the case
    whole gives, the same case or the same first mistake, before and after its parts were seen."""
    from wowcoach.knowledge.case_stream import CaseStream

    whole = msgspec.json.Decoder(kb.Case)
    later = [(("values",), []), (("cost",), "cheap"), (("source", "year"), 1700)]
    variants = [raw_case, changed(raw_case, ("id",), "again"), changed(raw_case, ("unknown",), 1)]
    variants += [changed(raw_case, path, value) for path, value, _loc, _message in MISTAKES]
    # Two mistakes: whole, the first one in the file is reported; so must it be here.
    variants += [changed(changed(raw_case, path, value), *mistake) for path, value, _l, _m in MISTAKES for mistake in later]
    variants += [changed(raw_case, ("applies_when", "en", 0), "too short"), changed(raw_case, ("applies_when",), [])]
    stream = CaseStream([], set())
    for seen_before in (False, True):
        for variant in variants:
            raw = msgspec.Raw(json.dumps(variant, ensure_ascii=False).encode())
            try:
                expected = whole.decode(raw)
            except msgspec.ValidationError as exc:
                with pytest.raises(msgspec.ValidationError) as caught:
                    stream.decoded(raw)
                assert str(caught.value) == str(exc), seen_before
            else:
                assert stream.decoded(raw) == expected
    assert (
        stream.decoded(msgspec.Raw(json.dumps(raw_case).encode())).applies_when
        is stream.decoded(msgspec.Raw(json.dumps(changed(raw_case, ("id",), "other")).encode())).applies_when
    )
