"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wowcoach.money import format_amount, parse_amount
from wowcoach.profile.answers import Profile, from_mapping, to_yaml
from wowcoach.render.markdown import table
from wowcoach.textclean import clean, md_escape
from wowcoach.yamlio import parse_yaml

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
names = st.text(alphabet=string.ascii_letters + " |*_<>`[]#&\\-+!~()'\"æøåé€", min_size=1, max_size=60)


@given(
    shop_name=names.filter(lambda s: s.strip()),
    staff=st.integers(1, 100_000),
    customers=st.integers(0, 10_000_000),
    cents=st.integers(0, 10**10),
    lang=st.sampled_from(["en", "nl", "da"]),
    channel=st.sampled_from(["shop", "online", "both"]),
    situation=text,
)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_profile_save_load_round_trip(shop_name, staff, customers, cents, lang, channel, situation):
    # As the interview's parsers hand them over: cleaned and trimmed.
    from wowcoach.i18n import translator
    from wowcoach.profile.questions import parse_text

    en = translator("en")

    profile = Profile(
        shop_name=parse_text(200)(shop_name, en),
        staff=staff,
        customers=customers,
        budget_cents=cents,
        lang=lang,
        channel=channel,
        situation=parse_text(10_000)(situation, en),
    )
    again = from_mapping(parse_yaml(to_yaml(profile), "profile.yaml"), "profile.yaml")
    assert again == profile


@given(st.integers(0, 10**10), st.sampled_from(["en", "nl", "da"]), st.sampled_from(["EUR", "DKK", "USD"]))
def test_amounts_read_back_as_shown(cents, lang, currency):
    shown = format_amount(cents, currency, lang)
    # Read as an owner with an English locale would type it back: the other conventions are understood too.
    assert parse_amount(shown.replace("DKK", "").replace("US$", "").replace("$", ""), "en") == cents


md = MarkdownIt("commonmark").enable("table")


@given(st.lists(text, min_size=1, max_size=4))
@settings(max_examples=200)
def test_escaped_cells_never_break_a_table(cells):
    source = "\n".join(table([f"h{i}" for i in range(len(cells))], [cells]))
    tokens = md.parse(source)
    assert [t.type for t in tokens].count("table_open") == 1
    assert sum(t.type == "td_open" for t in tokens) == len(cells)
    assert not any(t.type in ("html_inline", "html_block", "link_open", "em_open", "strong_open", "code_inline") for t in _all(tokens))


def _all(tokens):
    for t in tokens:
        yield t
        yield from _all(t.children or [])


@given(text)
def test_escaped_text_renders_as_the_same_words(value):
    html = md.renderInline(md_escape(value))
    assert "<" not in html  # no tag of any kind: every '<' the user typed is shown as text
    assert "\x1b" not in clean(value)


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_profile_loader_never_crashes(raw):
    """Any text as a profile: a DataError at worst, never another exception."""
    from wowcoach.errors import WowcoachError

    try:
        data = parse_yaml(raw, "fuzz.yaml")
        if isinstance(data, dict):
            from_mapping(data, "fuzz.yaml")
    except WowcoachError:
        pass


@given(
    st.lists(st.integers(0, 10**8), min_size=1, max_size=30),
    st.integers(0, 10**9),
)
def test_what_was_carried_is_shared_to_the_cent(amounts, carried):
    """Each person gets their part of last month's rest, in proportion to their allowance (equal
    parts when every allowance is 0), within a cent, and the parts add up to the rest exactly."""
    from wowcoach.ledger.logbook import spendable
    from wowcoach.ledger.storage import StoredPlan

    plan = StoredPlan("2027-03", "EUR", sum(amounts), {f"P{i}": a for i, a in enumerate(amounts)}, "expires", None)
    shares = [new - old for new, old in zip(spendable(plan, carried).allowances.values(), amounts, strict=True)]
    assert sum(shares) == carried
    weights = amounts if sum(amounts) else [1] * len(amounts)
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - carried * weight / sum(weights)) < 1
