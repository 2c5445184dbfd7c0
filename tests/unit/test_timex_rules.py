"""The rule registry: every timex rule carries an example, and tagging the example gives its value.

The examples (DCT Monday 2024-06-17) were pinned as a table before the rules moved into their
families; they now live with each rule (`timex/rules/*.py`)."""

import pytest

from services.extraction.timex import tag_text
from services.extraction.timex.rules import BY_NAME, EXAMPLE_DCT, RULES
from services.extraction.timex.rules.registry import rule

FAMILIES = {
    "absolute": {"early_year", "early_year_range_start", "early_year_range_end", "era_date", "iso_date", "numeric_date", "bare_day", "month_day", "day_month", "month_year", "month_rel_year", "month",
                 "year", "year_words", "decade", "decade_word", "century", "this_century", "quarter", "quarter_ref",
                 "two_quarters", "year_quarter", "half", "season", "holiday", "d_day", "year_end", "week_of",
                 "ordinal_word_day", "two_digit_decade", "dotted_date", "q_quarter", "apostrophe_year",
                 "elliptic_decade"},
    "relative": {"day_word", "day_before", "weekday", "short_weekday", "rel_unit", "the_year", "ago", "day_before_wd",
                 "anaphoric_day", "year_earlier_adj", "ref", "ref_units", "playing_season", "bare_short_weekday"},
    "times_of_day": {"clock", "bare_dotted_clock", "part_of_day", "part_of_day_span", "within_the_day", "early_hours",
                     "tonight", "timestamp", "ish_clock", "military_clock", "clock_in_words"},
    "durations": {"set_every", "set_adverb", "set_plural_wd", "set_wd_part", "duration", "duration_frac",
                  "duration_vague", "duration_bare", "duration_while"},
}  # fmt: skip


def test_every_rule_is_registered_once_in_its_family():
    assert len(RULES) == len(BY_NAME)
    for family, names in FAMILIES.items():
        assert {n for n, r in BY_NAME.items() if r.normalise.__module__.endswith("." + family)} == names


def test_a_second_registration_of_a_name_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        rule("month_day", "DATE", r"x", example=("x", "x", "x"))(lambda m, ctx: None)


@pytest.mark.parametrize("r", RULES, ids=[r.name for r in RULES])
def test_each_rule_tags_its_example(r):
    text, span, value = r.example
    assert r.regex.search(text), f"{r.name}: its pattern does not match its own example"
    got = {t.text: t.value for t in tag_text(text, EXAMPLE_DCT)}
    assert got.get(span) == value, got
