"""Every story names a source a reader can find: an article's address, or a book's author."""

from __future__ import annotations

import copy
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import shipped_cases
from wowcoach.knowledge.loader import load_library
from wowcoach.knowledge.schema import PLACEHOLDER, has_placeholder

# The stand-ins the first library had instead of sources: none may come back.
PLACEHOLDERS = [
    "Zappos: value through unique customer experiences (no headline in the saved copy)",
    "Dutch blog on Delivering Happiness (name not given)",
    "Report on KLM's 'KLM Surprise' social media campaign",
    "Tony Hsieh (book)",
    "TODO",
    "Unknown",
    "…",
]


@pytest.fixture(scope="module")
def raw_cases():
    return shipped_cases()


def consultant_case(raw_cases, **source):
    case = copy.deepcopy(raw_cases["cases"][0])
    case["id"] = "consultant-story"
    case["source"] = {"publication": "Bakkerij Nieuws", "title": "De taart die op tijd kwam", "language": "nl", **source}
    return {"cases": [case]}


def check(run, tmp_path, data, field=None):
    """The result of `data check`, and how its message starts: the file, the line of the source's
    `field` (its first line when it lacks one), the entry."""
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("data", "check", str(path))
    lines = path.read_text().splitlines()
    start = lines.index("  source:")
    line = next((i for i, text in enumerate(lines[start:], start + 1) if text.startswith(f"    {field}:")), start + 2)
    return result, f"{path}:{line}: consultant-story: "


def test_every_shipped_address_names_a_real_host():
    """The schema asks for an address or a book's author, and no placeholder, while loading; an
    address must also name a host with a domain (the schema only asks for http(s)://)."""
    addresses = {c.id: c.source.url for c in load_library().cases if c.source.url}
    assert addresses
    assert {i: u for i, u in addresses.items() if not re.match(r"^https?://[^/\s]+\.[a-z]{2,}/?", u)} == {}


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_the_placeholder_words_are_caught(text):
    assert has_placeholder(text)


@pytest.mark.parametrize(
    "text",
    [
        "Why Zappos Offers New Hires $2,000 to Quit",
        "Klanten die spontaan over je dienstverlening gaan praten",
        "Fish! A Remarkable Way to Boost Morale and Improve Results",
        "The Nordy Pod",
    ],
)
def test_real_headlines_pass(text):
    assert not has_placeholder(text)


# Texts made of the placeholders' own words and the letters around them, in any case, so that
# near-misses ("unknow", "to do", "...." at the start) come up as often as real ones.
PIECES = st.sampled_from(["no headline", "not given", "Saved Copy", "UNKNOWN", "todo", "TBD", "n/a", "N/A", "?", "(book)", "Report on"])
NEAR = st.lists(st.one_of(PIECES, st.text(alphabet="abnortdkwASTOD .()?/'’…ſKé\n", max_size=4)), max_size=6).map("".join)


@given(st.one_of(NEAR, st.text(max_size=40)))
def test_the_quick_look_for_placeholders_finds_what_the_expression_finds(text):
    """`has_placeholder` skips the expression for a plain ASCII text without the placeholders'
    words; it must find exactly what the expression finds."""
    found, expected = has_placeholder(text), PLACEHOLDER.search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_a_story_without_an_address_or_a_book_is_refused(run, tmp_path, raw_cases):
    result, where = check(run, tmp_path, consultant_case(raw_cases))
    assert result.exit_code == 1
    assert result.stderr.strip() == where + "source.url: give the article's web address, or for a book its author"


def test_a_book_needs_its_author_not_an_address(run, tmp_path, raw_cases):
    result, _ = check(run, tmp_path, consultant_case(raw_cases, author="Chris Zane", publication="BenBella Books"))
    assert (result.exit_code, result.stdout.strip()) == (0, f"{tmp_path / 'cases.yaml'}: OK"), result.stderr


def test_an_article_with_its_address_passes(run, tmp_path, raw_cases):
    result, _ = check(run, tmp_path, consultant_case(raw_cases, url="https://example.nl/taart", year=2024))
    assert (result.exit_code, result.stdout.strip()) == (0, f"{tmp_path / 'cases.yaml'}: OK"), result.stderr


def test_a_placeholder_title_is_refused(run, tmp_path, raw_cases):
    data = consultant_case(raw_cases, url="https://example.nl/taart", title="Blog post (no headline in the saved copy)")
    result, where = check(run, tmp_path, data, "title")
    assert result.exit_code == 1
    assert result.stderr.strip() == where + "source.title: 'no headline' is a placeholder: give the real name or title, as published"


def test_a_placeholder_publisher_is_refused_in_dutch(run, tmp_path, raw_cases):
    data = consultant_case(raw_cases, url="https://example.nl/taart", publication="Nederlandse blog (name not given)")
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("data", "check", str(path), env={"WOWCOACH_LANG": "nl"})
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "consultant-story: source.publication: 'not given' is geen echte bron: vul de naam of titel in zoals die gepubliceerd is"
    )


def test_sources_md_lists_every_story_and_the_readme_counts_them():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    cases = load_library().cases
    table = (root / "docs" / "sources.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.M)
    assert sorted(listed) == sorted(c.id for c in cases)
    assert f"The shipped library holds {len(cases)} stories." in (root / "README.md").read_text(encoding="utf-8")


# A sector the shipped library serves with fewer stories than this gives an owner of that kind of
# shop too little to choose from, unless docs/sources.md says the search for more found none.
MIN_STORIES_PER_SECTOR = 3


def sectors_short_of_stories(cases, sector_ids, excused, minimum=MIN_STORIES_PER_SECTOR):
    """The sectors (`other` aside) with fewer than `minimum` stories that no bullet excuses."""
    counts = {sector: 0 for sector in sector_ids if sector != "other"}
    for case in cases:
        for sector in case.sectors:
            if sector in counts:
                counts[sector] += 1
    return {sector: n for sector, n in counts.items() if n < minimum and sector not in excused}


def searched_and_not_found(markdown):
    """The ids named as `- **<id>.**` bullets in the "Searched and not found" section."""
    section = re.search(r"^## Searched and not found\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert section, "docs/sources.md has no 'Searched and not found' section"
    return set(re.findall(r"^- \*\*([a-z0-9-]+)\.\*\*", section.group(1), re.M))


def test_every_sector_has_three_stories_or_says_why_not():
    from pathlib import Path

    table = (Path(__file__).resolve().parents[1] / "docs" / "sources.md").read_text(encoding="utf-8")
    lib = load_library()
    short = sectors_short_of_stories(lib.cases, lib.sectors, searched_and_not_found(table))
    assert short == {}, f"sectors with fewer than {MIN_STORIES_PER_SECTOR} stories and no search noted: {short}"


def test_a_thin_sector_is_caught_unless_the_search_is_noted():
    from types import SimpleNamespace

    cases = [SimpleNamespace(sectors=["bakery", "other"])] * 3 + [SimpleNamespace(sectors=["florist"])]
    sectors = ["bakery", "florist", "toys", "other"]
    assert sectors_short_of_stories(cases, sectors, set()) == {"florist": 1, "toys": 0}
    markdown = "## Searched and not found\n\n- **florist.** Searched.\n- **toys.** Searched.\n\n## Next\n- **bakery.** x\n"
    assert searched_and_not_found(markdown) == {"florist", "toys"}
    assert sectors_short_of_stories(cases, sectors, searched_and_not_found(markdown)) == {}
