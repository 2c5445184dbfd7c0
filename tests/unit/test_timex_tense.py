"""Direction of the clause governing a temporal expression."""

import re

import pytest

from services.extraction.nlp import load_pipeline
from services.extraction.timex.tense import FUTURE, PAST, UNKNOWN, direction

CASES = [
    ("Putin is scheduled to travel to North Korea starting on Tuesday.", FUTURE),
    ("They met on Tuesday.", PAST),
    ("He will visit in March.", FUTURE),
    ("I am meeting him on Friday.", FUTURE),
    ("He plans to visit on Friday.", FUTURE),
    ("Talks are expected to resume on Friday.", FUTURE),
    ("He is going to leave on Friday.", FUTURE),
    ("The company is to resume trading on Tuesday.", FUTURE),
    ("He has visited twice since Friday.", PAST),
    ("He was killed on Friday.", PAST),
    ("He said Friday that he would go.", PAST),
    ("Sales fell in March.", PAST),
    ("The injunction issued Thursday was lifted.", PAST),
    ("The main events are scheduled for Wednesday.", FUTURE),
    ("The team planned to leave on Thursday.", UNKNOWN),
    ("It agreed to buy the unit in January.", UNKNOWN),
    # a plan verb dated itself, with no object or clause under it, dates its own act
    ("She proposed on Friday.", PAST),
    ("The climbers set off on Thursday.", PAST),
    ("Protesters planned a march on Friday.", UNKNOWN),
    ("The board scheduled the vote for Monday.", UNKNOWN),
    ("The ruling was expected on Monday.", UNKNOWN),
    # a participle after "got" or "became" takes their tense
    ("My neighbours got divorced on Tuesday.", PAST),
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize("text,expected", CASES)
def test_direction(nlp, text, expected):
    doc = nlp(text)
    m = list(re.finditer(r"(?:Mon|Tues|Wednes|Thurs|Fri)day|March|January", text))[-1]
    assert direction(doc, m.start(), m.end()) == expected
