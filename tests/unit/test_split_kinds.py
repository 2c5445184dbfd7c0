"""`annals eval timelines --why` classes an identity split by how the two stored names stand to each other, and a
wrong date by how far it is from the gold date, without showing a name or a date."""

import pytest

from services.evaluation.misses import DATE_KINDS, SPLIT_KINDS, date_kind, split_kind
from services.extraction.evaluation.events import value_interval
from services.extraction.model import EventDate


@pytest.mark.parametrize(
    ("read", "others", "kind"),
    [
        (None, {"Harlow"}, 0),
        ("Harlow Health Trust", {"Harlow"}, 1),
        ("Okoro", {"Dana Okoro"}, 1),
        ("Dana Okoro", {"Okoro Dana"}, 2),
        ("Dana Okoro", {"Skyrail"}, 3),
        ("Harlow Air", {"Harlow Airways"}, 4),
        ("Dana Okoro", {"Ms Okoro"}, 5),
        ("Court of Sport", {"Board of Appeal"}, 6),
        ("Dana Okoro", {"Ms Okoro", "Okoro"}, 1),  # the closest relation counts
    ],
)
def test_split_kind(read, others, kind):
    assert split_kind(read, others) == SPLIT_KINDS[kind]


def _on(value: str) -> EventDate:
    span = value_interval(value)
    return EventDate(value, span.start, span.end, "")


@pytest.mark.parametrize(
    ("gold", "stored", "kind"),
    [
        ("2026-05-12", ["2026-05"], 0),
        ("2026-05", ["2026-05-12"], 1),
        ("2026-05-12", ["2026-05-13"], 2),
        ("2026-05-12", ["2026-05-19"], 3),
        ("2026-05-12", ["2026-06-02"], 4),
        ("2026-05-12", ["2026-09-01"], 5),
        ("2026-05-12", ["2024"], 6),
        ("2026-05-12", ["2024", "2026-05-13"], 2),  # the closest stored date counts
    ],
)
def test_date_kind(gold, stored, kind):
    assert date_kind({"date": gold}, [_on(v) for v in stored]) == DATE_KINDS[kind]
