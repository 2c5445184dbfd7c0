"""A line break ends a sentence where one line ends a sentence and the next starts one (nlp.py)."""

from datetime import date

import pytest

from services.extraction.cleaning import clean_text
from services.extraction.nlp import load_pipeline
from services.extraction.pipeline import extract


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def sentences(nlp, text: str) -> list[str]:
    return [sentence.text.strip() for sentence in nlp(clean_text(text)).sents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation's stop ending a line: the parser alone runs the two lines together
        ("The bid came from Harrow Mills Corp.\nChief Inspector Ada Lamb said the road was shut.",
         ["The bid came from Harrow Mills Corp.", "Chief Inspector Ada Lamb said the road was shut."]),
        ("The deed was signed by Carl Weston Jr.\nHis sister witnessed it.",
         ["The deed was signed by Carl Weston Jr.", "His sister witnessed it."]),
        ("The shop belongs to Penfold Ltd.\n\n3 people work there.",
         ["The shop belongs to Penfold Ltd.", "3 people work there."]),
        # a quotation closed as a line ends, and the next one opening the next line
        ('The mayor said: "The bridge will reopen on Friday."\n"We are relieved," a driver said.',
         ['The mayor said: "The bridge will reopen on Friday."', '"We are relieved," a driver said.']),
    ],
)
def test_a_line_that_ends_a_sentence_before_one_that_starts_a_sentence_splits(nlp, text, expected):
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a colon announces the quotation of the next line
        'The coach said:\n"We will train on Sunday."',
    ],
)
def test_a_line_that_announces_the_next_goes_on(nlp, text):
    assert len(sentences(nlp, text)) == 1


def test_an_events_sentence_stops_at_the_line_break():
    text = ("Harrow Mills Corp. will shut its bakery on Friday, said Lena Ford of Harrow Mills Corp.\n"
            "Chief Inspector Ada Lamb said the road had been closed.")
    (event,) = [e for e in extract(text, date(2021, 6, 12)).events if e.trigger == "shut"]
    assert "Ada Lamb" not in event.sentence and "Ada Lamb" not in event.summary
