"""A subjectless infinitive clause is told with the verb and subject it continues, not as a "To ..." fragment."""

from datetime import date

import pytest

from services.extraction.evaluation.summaries import summary_defects
from services.extraction.pipeline import extract

PUBLISHED = date(2025, 4, 18)  # a Friday


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (("The council will review its plans after drivers took two hours to reach the depot on Monday night, "
          "a spokesman for the Harwick highways team said in a statement issued late on Thursday."),
         "Drivers took two hours to reach the depot on Monday night"),
        (("The airline apologised to its customers after passengers waited six hours to board the flight on Sunday "
          "night, the operator of the Harwick airport said in a statement issued on Thursday afternoon."),
         "Passengers waited six hours to board the flight on Sunday night"),
    ],
)
def test_an_infinitive_is_told_with_its_controlling_verb(text, starts):
    summaries = [e.summary for e in extract(text, PUBLISHED).events]
    assert any(s.startswith(starts) for s in summaries), summaries
    assert not any(summary_defects(s) for s in summaries), summaries
