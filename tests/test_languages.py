"""The table of languages is the one place a language is named: every language in it has what each
part of the code needs, and nothing else names a language by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import Stemmer
from babel.core import Locale

from wowcoach.errors import DataError
from wowcoach.i18n import LOCALE_DIR, locale_of
from wowcoach.knowledge.schema import AppliesWhen, Text
from wowcoach.languages import CODES, DEFAULT, LANGUAGES
from wowcoach.matching import moment, text
from wowcoach.matching.index_schema import TEXT_COLUMNS
from wowcoach.profile.answers import from_mapping

SRC = Path(__file__).resolve().parents[1] / "src" / "wowcoach"


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_what_the_code_needs(code):
    lang = LANGUAGES[code]
    assert Stemmer.Stemmer(lang.stemmer).stemWord("shops")
    assert Locale.parse(lang.locale).language == code == locale_of(code).language
    assert text.STOP[code] and code in moment._OPENING and code in moment._CLOSING and code in moment._SELF
    if code != DEFAULT:
        assert (LOCALE_DIR / code / "LC_MESSAGES" / "wowcoach.po").is_file()
    assert code in TEXT_COLUMNS and f"{code}_cues" in TEXT_COLUMNS


def test_the_texts_of_a_story_have_a_field_per_language():
    # msgspec needs the fields written out: a new language is a field here too, and this says so.
    assert Text.__struct_fields__ == CODES == AppliesWhen.__struct_fields__


def test_a_profile_in_a_language_not_in_the_table_is_refused():
    assert from_mapping({"lang": "nl"}).lang == "nl"
    with pytest.raises(DataError) as refused:
        from_mapping({"lang": "fr"})
    assert "lang" in str(refused.value.problems[0])


def test_no_module_lists_the_languages_by_hand():
    # A tuple or list of exactly the table's codes, written out, outside the table itself.
    by_hand = []
    for path in SRC.rglob("*.py"):
        if path.name == "languages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(items) == len(node.elts) and sorted(items) == sorted(CODES):
                    by_hand.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not by_hand
