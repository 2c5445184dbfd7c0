"""`eval timelines -v` names each duplicate with the gold event it fits and the system event that took it."""

from datetime import date

import pytest

from services.evaluation.timelines import duplicates_of, fits_only_coarse_gold
from services.extraction.evaluation.events import score_actor
from services.extraction.model import Event, EventDate


def on(value):
    d = date.fromisoformat(value)
    return Event(EventDate(value, d, d, "day"), ("Nia Brandt",), f"Nia Brandt did something on {value}", "do",
                 "occurred", "", (0, 0))


GOLD = [{"id": "launch", "date": "2025-04-02", "actors": ["Nia Brandt"]},
        {"id": "spring", "date": "2025-04", "actors": ["Nia Brandt"]}]


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ([on("2025-04-02")], []),  # one report, matched
        ([on("2025-04-02"), on("2025-04-02"), on("2025-04-02")], [["launch", "spring"]]),  # the third: a duplicate
        ([on("2025-04-02"), on("2025-05-20")], []),  # a date no gold event has: spurious, no duplicate
    ],
)
def test_duplicates_name_the_gold_events_they_fit_and_who_matched_them(system, expected):
    score = score_actor("Nia Brandt", [], system, GOLD)
    found = duplicates_of(score, GOLD)
    assert [[gold["id"] for gold, _ in fits] for _, fits in found] == expected
    for _, fits in found:
        assert all(matched is not None and matched.date.value.startswith("2025-04") for _, matched in fits)


@pytest.mark.parametrize(
    ("gold_dates", "coarse"),
    [
        (["2025"], True),  # a year
        (["2025-SU"], True),  # a season
        (["2025", "2025-04"], False),  # a month is fine enough to tell a second report
        (["2025-04-02"], False),
        (["2025-W14"], False),
    ],
)
def test_a_duplicate_fitting_only_gold_dated_by_a_year_or_a_season_is_told_apart(gold_dates, coarse):
    fits = [({"id": str(i), "date": value}, None) for i, value in enumerate(gold_dates)]
    assert fits_only_coarse_gold(fits) is coarse
