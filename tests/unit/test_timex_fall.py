""""Fall" is a season and a happening: in a text that tells of a body falling, "the fall" is that fall."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

DCT = date(2025, 9, 15)


@pytest.mark.parametrize(
    "text",
    [
        "A walker fell from a ridge on Saturday. A friend filmed the fall.",
        "Hiker Killed In Fall. The 40-year-old fell about 300 metres on Sunday.",
        "The roofer fell off a ladder on Friday and broke his wrist in the fall.",
        "A boy fell down a disused well on Monday; rescuers said he survived the fall.",
    ],
)
def test_the_fall_of_a_body_is_no_season(text):
    found = {t.text.lower(): t.value for t in tag_text(text, DCT)}
    assert not any(value.endswith("-FA") for value in found.values()), found


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a season said as one, even beside a fall: with its year, or "last", "next"
        ("The climber who fell from the ridge had planned the trip in the fall of 2023.", "the fall of 2023",
         "2023-FA"),
        ("The climber fell from the ridge; he had trained there last fall.", "last fall", "2024-FA"),
        # prices fall without anyone falling: "in the fall" is autumn
        ("Shares fell 4% on Monday. The company expects to hire staff in the fall.", "the fall", "2025-FA"),
    ],
)
def test_the_season_stays_a_season(text, expression, value):
    found = {t.text: t.value for t in tag_text(text, DCT)}
    assert found.get(expression) == value, found
