"""Classes of expression that failed on text nobody tuned the rules for (issue 14): eras before Christ
inside seasons and centuries, seasons counted from a year BC, decades before 1600, a day of the month
opening a sentence in a narrative, a day of a month "of that year", and texting spellings.

Tables of (text, publication date, expression, value); every sentence invented for this file."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

PAGE = date(2011, 6, 14)  # a history page read long after the events it tells
FRI = date(2016, 5, 13)  # a Friday
MON = date(2019, 8, 5)  # a Monday

CASES = [
    # a season of a year of an era is one expression
    ("The fleet sailed from Asia in the summer of 490 BC.", PAGE, "the summer of 490 BC", "BC0490-SU"),
    ("The city walls were finished in the spring of 305 B.C. by slaves.", PAGE,
     "the spring of 305 B.C.", "BC0305-SP"),
    # a century of an era
    ("Athens was at its height in the 5th century BC.", PAGE, "the 5th century BC", "BC04"),
    ("Bronze tools reached the valley in the second century BCE.", PAGE, "the second century BCE", "BC01"),
    # a season counted from a year before Christ
    ("Work on the wall began in 312 BC, and the following spring the first gate was raised.", PAGE,
     "the following spring", "BC0311-SP"),
    ("The king died in 323 BC. That summer his generals divided the empire.", PAGE, "That summer", "BC0323-SU"),
    # decades before 1600
    ("The castle was rebuilt in the 1180s after a fire.", PAGE, "the 1180s", "118"),
    ("Printing reached the town in the 1470s.", PAGE, "the 1470s", "147"),
    # a day of the month opening a sentence of a narrative
    ("The war began in August 1914. On the 28th a squadron sank three cruisers.", PAGE, "28th", "1914-08-28"),
    ("The siege began in May 1683. On the 14th the garrison made a sortie.", PAGE, "14th", "1683-05-14"),
    # a day of a month of the reference's year
    ("The bridge was rebuilt in 1998, and it reopened on 3 March of that year.", PAGE,
     "3 March of that year", "1998-03-03"),
    ("The mill burned down in 1921 and was sold on May 9 of the following year.", PAGE,
     "May 9 of the following year", "1922-05-09"),
    # texting spellings
    ("nxt thurs is the season finale!!!", FRI, "nxt thurs", "2016-05-19"),
    ("the heat yest was insane", MON, "yest", "2019-08-04"),
]


@pytest.mark.parametrize(("text", "dct", "span", "value"), CASES)
def test_held_out_classes(text, dct, span, value):
    got = {t.text: t.value for t in tag_text(text, dct)}
    assert got.get(span) == value, got


NOT_DATES = [
    ("On the 3rd floor the lights went out.", PAGE, "3rd"),
    ("She finished 2nd. On the 5th attempt she won.", PAGE, "5th"),
    ("The 1500s were a time of change.", PAGE, "The 1500s"),  # a century, not a decade: left alone
]


@pytest.mark.parametrize(("text", "dct", "span"), NOT_DATES)
def test_held_out_non_dates(text, dct, span):
    got = {t.text: t.value for t in tag_text(text, dct)}
    assert span not in got, got
