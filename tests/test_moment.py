"""Long texts are read for their moment: greetings, sign-offs, headers and the shop's description
of itself never carry the match."""

from __future__ import annotations

import pytest

from wowcoach.matching.moment import MEANING_CHARS, boilerplate, focus, note_above, sentences, without_self_description

MAIL = """Subject: my order

Hi there,

I ordered the blue raincoat for my daughter's school trip on Friday. The parcel still hasn't arrived and the tracking hasn't moved in four days. Can you help?

Kind regards,
Claire Whitfield

Sent from my iPhone"""


def test_a_mail_is_split_into_its_sentences_and_lines():
    assert sentences(MAIL) == [
        "Subject: my order",
        "Hi there,",
        "I ordered the blue raincoat for my daughter's school trip on Friday.",
        "The parcel still hasn't arrived and the tracking hasn't moved in four days.",
        "Can you help?",
        "Kind regards,",
        "Claire Whitfield",
        "Sent from my iPhone",
    ]


def test_an_abbreviation_before_a_number_ends_no_sentence():
    assert sentences("Vi vil gerne bestille bord lørdag kl. 18. Det er min fars fødselsdag.") == [
        "Vi vil gerne bestille bord lørdag kl. 18.",
        "Det er min fars fødselsdag.",
    ]


def test_a_run_on_text_is_cut_at_its_commas():
    text = ", ".join(["so she came in again"] * 20)
    assert all(len(s.split()) <= 40 for s in sentences(text))


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Hi there,", "en"),
        ("Kind regards,", "en"),
        ("Sent from my iPhone", "en"),
        ("Subject: my order", "en"),
        ("Claire Whitfield", "en"),
        ("Met vriendelijke groet,", "nl"),
        ("Goedemiddag,", "nl"),
        ("Verzonden vanaf mijn iPhone", "nl"),
        ("Venlig hilsen", "da"),
        ("Mvh Tina", "da"),
        ("Kære Boghandel.", "da"),
        ("★★☆☆☆", "en"),
    ],
)
def test_greetings_sign_offs_headers_and_signatures_are_no_moment(line, lang):
    assert boilerplate(line, lang)


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Can you help?", "en"),
        ("The parcel still hasn't arrived.", "en"),
        ("Hi, my wife's birthday cake fell on the floor and the party is at six", "en"),
        ("Mag ik haar een bos bloemen sturen?", "nl"),
        ("Hun græd, da hun hentede brillerne.", "da"),
    ],
)
def test_the_moment_itself_is_kept(line, lang):
    assert not boilerplate(line, lang)


@pytest.mark.parametrize(
    ("sentence", "lang", "left"),
    [
        (
            "Een oude dame belde of wij wisten waar ze op zondag haar recept kon ophalen, wij zijn een boekwinkel.",
            "nl",
            "Een oude dame belde of wij wisten waar ze op zondag haar recept kon ophalen.",
        ),
        (
            "We are a small bakery in Leeds, and a regular asked for a gluten-free cake.",
            "en",
            "and a regular asked for a gluten-free cake.",
        ),
        ("Vi er en lille cykelbutik i Aarhus.", "da", ""),
        ("I have a customer who returns everything she buys.", "en", "I have a customer who returns everything she buys."),
        ("Ik heb een klant die alles terugbrengt.", "nl", "Ik heb een klant die alles terugbrengt."),
    ],
)
def test_the_shops_description_of_itself_is_left_out(sentence, lang, left):
    assert without_self_description(sentence, lang) == left


def test_a_long_text_gives_the_model_its_likeliest_sentences_only():
    chatter = " ".join(f"On day {i} the weather was grey and the till worked fine." for i in range(30))
    text = f"{chatter} A customer's wedding shoes arrived broken the day before her wedding."
    found = focus(text, "en", lambda s: 5.0 if "wedding" in s else 0.0)
    assert len(found.meaning) <= MEANING_CHARS
    assert "wedding shoes arrived broken" in found.meaning
    assert found.words.count("weather") == 30  # the words still read everything but the boilerplate


NOTED = """Got this by e-mail last night from one of our regulars, and honestly I don't know what to say to her.

Hello,

I ordered the green waterproof jacket for my son, who starts at his new school on Monday. It is now eight days later, the tracking page has not moved since Thursday and nobody answers the phone. He has been walking to school in an old coat that is far too small for him. I do not want to cancel, because he chose this jacket himself and he is very excited about it.

Kind regards,
Margaret Holloway"""


def test_the_owners_note_above_a_pasted_mail_is_read_last():
    found = focus(NOTED, "en", lambda s: 5.0 if "regulars" in s else 1.0)  # the note's words point at a story most
    assert len(found.meaning) <= MEANING_CHARS
    assert "regulars" not in found.meaning and "green waterproof jacket" in found.meaning
    assert "regulars" in found.words  # its words still count


@pytest.mark.parametrize(
    "text,note",
    [
        (NOTED, 1),
        ("Look at this review on Google:\n\nBought a sourdough yesterday, it was mouldy inside. Never again.", 1),
        ("Kan iemand hiernaar kijken? Ze komt hier al jaren.\n\nBeste winkel,\n\nMijn taart is niet gekomen.", 2),
        ("Hun er stamkunde, hvad gør vi?\n\nFra: Lene Holm\nEmne: Min bestilling\n\nPakken kom aldrig.", 1),
        # A message of its own, from its greeting to its sign-off: no note above it.
        ("Hi Anna,\nmay I send Mrs Jansen flowers? Her order was not ready twice.\nThanks, Tom", 0),
        ("May I send Mrs Jansen flowers? Her order was not ready twice.\nThanks,\nTom\n\nHi Tom, yes.", 0),
        ("The whole week went wrong. The till broke, the supplier was late and it rained. Then a customer cried at the counter.", 0),
    ],
    ids=["mail", "colon", "nl-two-lines", "da-header", "staff", "signed-first", "account"],
)
def test_a_note_above_a_paste_ends_where_the_message_opens(text, note):
    lang = "nl" if "winkel" in text else "da" if "Pakken" in text else "en"
    assert note_above(sentences(text), lang) == note


def test_a_short_text_is_read_whole():
    found = focus("Her parcel is late.", "en", lambda s: 0.0)
    assert found.words == found.meaning == "Her parcel is late."


WRAPPED = """Hello,

I ordered the green waterproof jacket in size 12 for my son, who starts at his
new school on Monday. It is now eight days later, the tracking page has said
"at the sorting centre" since Thursday, and nobody answers the phone. I do not
want to cancel, because he chose this jacket himself.

Kind regards,
Margaret Holloway
"""


def test_a_mail_wrapped_by_its_client_is_read_in_whole_sentences():
    assert sentences(WRAPPED) == [
        "Hello,",
        "I ordered the green waterproof jacket in size 12 for my son, who starts at his new school on Monday.",
        'It is now eight days later, the tracking page has said "at the sorting centre" since Thursday, and nobody answers the phone.',
        "I do not want to cancel, because he chose this jacket himself.",
        "Kind regards,",
        "Margaret Holloway",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a chat: each line a message, however long
        "[21:47] Visitor: hi, I got the trail shoes in 42 and they pinch at the toes badly\n"
        "[21:48] Visitor: your site says 42.5 is sold out in every colour, can you help me",
        # headers, a list, a quoted line
        "Onderwerp: RE: Herinnering retourzending bestelling 20231187 van vorige week\n"
        "Van: Annelies de Wit, klant sinds 2019, via het contactformulier\n"
        "- de laarsjes staan ingepakt in de gang en gaan deze week nog op de post\n"
        "> Wij herinneren u eraan dat de retourtermijn van dertig dagen verlopen is",
        # a paragraph a line: nothing was wrapped
        "Vi har en kunde, der har handlet hos os hver lørdag i tolv år, og i går fortalte hun, at hendes mand er død\n"
        "Hun købte det samme brød som altid, men bad om et halvt i stedet for et helt",
    ],
)
def test_lines_that_were_not_wrapped_stay_apart(text):
    assert sentences(text) == [line.strip() for line in text.split("\n")]
