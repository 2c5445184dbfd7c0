"""Calendar arithmetic on TIMEX3 values."""

from datetime import date

import pytest

from services.extraction.timex.calendar import interval, shift_value
from services.extraction.timex.rules.resolve import duration_value, parse_number

INTERVALS = [
    ("2024-06-18", date(2024, 6, 18), date(2024, 6, 18), "day"),
    ("2024-06-17TMO", date(2024, 6, 17), date(2024, 6, 17), "day"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
    ("2024-W24", date(2024, 6, 10), date(2024, 6, 16), "week"),
    ("2024-W24-WE", date(2024, 6, 15), date(2024, 6, 16), "weekend"),
    ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), "quarter"),
    ("2024-H1", date(2024, 1, 1), date(2024, 6, 30), "half"),
    ("2024-SU", date(2024, 6, 1), date(2024, 8, 31), "season"),
    ("2024-WI", date(2023, 12, 1), date(2024, 2, 29), "season"),
    ("199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
    ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
]


@pytest.mark.parametrize("value,start,end,granularity", INTERVALS)
def test_interval(value, start, end, granularity):
    ed = interval(value)
    assert (ed.value, ed.start, ed.end, ed.granularity) == (value, start, end, granularity)


@pytest.mark.parametrize("value", ["P2D", "PRESENT_REF", "XXXX-WXX-2", "PAST_REF", ""])
def test_no_interval(value):
    assert interval(value) is None


@pytest.mark.parametrize(
    "value,n,expected",
    [("2024-01", -1, "2023-12"), ("2024-W01", -1, "2023-W52"), ("2024-Q1", -1, "2023-Q4"), ("199", 1, "200"),
     ("2024-02-28", 2, "2024-03-01"), ("2024-H2", 1, "2025-H1")],
)  # fmt: skip
def test_shift_value(value, n, expected):
    assert shift_value(value, n) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("two", 2), ("twenty-four", 24), ("twenty four", 24), ("1,000", 1000), ("2 1/2", 2.5), ("a couple of", 2),
     ("several", None), ("a hundred", 100)],
)  # fmt: skip
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "n,unit,expected",
    [(2, "days", "P2D"), (None, "years", "PXY"), (24, "hours", "PT24H"), (1.5, "year", "P1Y6M"), (5.5, "hours", "PT5H30M"),
     (3, "quarters", "P9M"), (2, "decades", "P20Y"), (10, "minutes", "PT10M"), (1, "fortnight", "P2W")],
)  # fmt: skip
def test_duration_value(n, unit, expected):
    assert duration_value(n, unit) == expected


@pytest.mark.parametrize(
    ("value", "n", "shifted"),
    [("BC0218", 1, "BC0217"), ("BC0001", 1, "0001"), ("0001", -1, "BC0001"), ("BC0146", -2, "BC0148")],
)
def test_bc_years_shift_across_the_missing_year_zero(value, n, shifted):
    assert shift_value(value, n) == shifted
