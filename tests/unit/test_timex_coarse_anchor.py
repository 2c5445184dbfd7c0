"""A day-level anaphor after a year- or month-level past reference ("Nine years ago ... the next night")
can be placed no closer than that reference: it takes the reference's own value, never a day counted
from the publication date. Invented sentences: (text, publication date, expression, expected value)."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

PUB = date(2025, 9, 12)

COARSE = [
    ("Nine years ago, the Otters were one goal from the cup. They lost the replay the next night.",
     PUB, "the next night", "2016"),
    ("Two decades ago the cannery opened. The next morning, the first crews arrived.",
     PUB, "The next morning", "2005"),
    ("In 1987, the quarry shut down. Miners marched the following day.", PUB, "the following day", "1987"),
    ("In 1987, the quarry shut down. Miners marched again three days later.", PUB, "three days later", "1987"),
    ("In 1987, the quarry shut down. That evening, miners gathered at the gate.", PUB, "That evening", "1987"),
    ("In April 2011 the dam burst. The following day, rescuers reached the valley.",
     PUB, "The following day", "2011-04"),
]  # fmt: skip

KEEPS = [
    # a day reference still counts the next day from itself
    ("On 4 May 1987 the quarry shut down. Miners marched the following day.", PUB, "the following day",
     "1987-05-05"),
    # news deixis and present anaphora keep to the publication date
    ("The quarry shut down on Tuesday. Miners marched the next day.", PUB, "the next day", "2025-09-10"),
    ("In 1987 the quarry shut down. Yesterday its owners sold the site.", PUB, "Yesterday", "2025-09-11"),
    ("Miners marched the next day.", PUB, "the next day", "2025-09-13"),
    # a coarser anaphor still counts its own unit: a year before the publication date, as news reads it
    ("Sales slumped in August 2025, the mill said. A year earlier, they had doubled.", PUB, "A year earlier",
     "2024"),
    # a bare time of day in news is of the day reported, whatever year came before
    ("The mill, opened in 1931, caught fire overnight. At 4:15 a.m. crews reached it.", PUB, "4:15 a.m.",
     "2025-09-12T04:15"),
    # a paragraph break ends the passage about the past
    ("In 1987 the quarry shut down.\n\nMiners will march the next day.", PUB, "the next day", "2025-09-13"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dct", "span", "value"), COARSE + KEEPS)
def test_day_anaphor_after_a_coarse_past_reference(text, dct, span, value):
    got = {t.text: t.value for t in tag_text(text, dct)}
    assert got.get(span) == value, got
