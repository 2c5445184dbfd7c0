"""One example per timex rule: (rule name, text, expected timex text, type, value), DCT Monday 2024-06-17.

Written before the rules moved into per-family modules, to pin their behaviour through the refactor."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

MON = date(2024, 6, 17)

EXAMPLES = [
    ("iso_date", "The filing is dated 2023-11-05.", "2023-11-05", "DATE", "2023-11-05"),
    ("numeric_date", "The letter was sent on 3/14/2019.", "3/14/2019", "DATE", "2019-03-14"),
    ("month_day", "The law took effect on June 3.", "June 3", "DATE", "2024-06-03"),
    ("day_month", "He was born on 12 March 1961.", "12 March 1961", "DATE", "1961-03-12"),
    ("month_year", "Elections were held in May 2019.", "May 2019", "DATE", "2019-05"),
    ("month_rel_year", "The plant closed in October of last year.", "October of last year", "DATE", "2023-10"),
    ("month", "The treaty was signed in March.", "March", "DATE", "2024-03"),
    ("year", "The record was set in 2000.", "2000", "DATE", "2000"),
    ("year_words", "It was built in nineteen ninety-eight.", "nineteen ninety-eight", "DATE", "1998"),
    ("decade", "Growth was slow in the 1990s.", "the 1990s", "DATE", "199"),
    ("decade_word", "The band was famous in the sixties.", "the sixties", "DATE", "196"),
    ("century", "It was the bloodiest war of the 20th century.", "the 20th century", "DATE", "19"),
    ("this_century", "It is the worst drought this century.", "this century", "DATE", "20"),
    ("quarter", "Sales rose in the first quarter of 2023.", "the first quarter of 2023", "DATE", "2023-Q1"),
    ("quarter_ref", "Profit doubled in the latest quarter.", "the latest quarter", "DATE", "2024-Q1"),
    ("two_quarters", "Output fell in the first two quarters of 2022.", "the first two quarters of 2022", "DATE",
     "2022-H1"),
    ("year_quarter", "Results beat the 2022 period.", "the 2022 period", "DATE", "2022"),
    ("half", "Output fell in the first half of 2021.", "the first half of 2021", "DATE", "2021-H1"),
    ("season", "They hope to finish by the summer of 2025.", "the summer of 2025", "DATE", "2025-SU"),
    ("day_word", "He arrived yesterday.", "yesterday", "DATE", "2024-06-16"),
    ("day_before", "They met the day before yesterday.", "the day before yesterday", "DATE", "2024-06-15"),
    ("weekday", "The president spoke last Friday.", "last Friday", "DATE", "2024-06-14"),
    ("rel_unit", "Prices rose last week.", "last week", "DATE", "2024-W24"),
    ("the_year", "Sales rose 5% for the year.", "the year", "DATE", "2024"),
    ("holiday", "They met on Christmas Eve 2019.", "Christmas Eve 2019", "DATE", "2019-12-24"),
    ("year_end", "The deal should close by year-end.", "year-end", "DATE", "2024"),
    ("week_of", "Trading halted the week of May 6.", "the week of May 6", "DATE", "2024-W19"),
    ("ago", "He left two years ago.", "two years ago", "DATE", "2022"),
    ("day_before_wd", "It rained a day before Tuesday.", "a day before Tuesday", "DATE", "2024-06-10"),
    ("anaphoric_day", "He landed on May 2, 2020. He left that same day.", "that same day", "DATE", "2020-05-02"),
    ("year_earlier_adj", "Profit fell from the year-ago quarter.", "the year-ago quarter", "DATE", "2023-Q1"),
    ("clock", "The speech started at 3 p.m.", "3 p.m.", "TIME", "2024-06-17T15:00"),
    ("part_of_day", "The attack began Monday morning.", "Monday morning", "TIME", "2024-06-17TMO"),
    ("tonight", "Rebels attacked last night.", "last night", "TIME", "2024-06-16TNI"),
    ("set_every", "The committee meets every Tuesday.", "every Tuesday", "SET", "XXXX-WXX-2"),
    ("set_adverb", "The paper is published weekly.", "weekly", "SET", "P1W"),
    ("set_plural_wd", "The market is closed on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
    ("set_wd_part", "He runs on Saturday mornings.", "Saturday mornings", "SET", "XXXX-WXX-6TMO"),
    ("duration", "The talks lasted two days.", "two days", "DURATION", "P2D"),
    ("duration_frac", "The strike lasted a year and a half.", "a year and a half", "DURATION", "P1Y6M"),
    ("duration_vague", "The talks lasted for weeks.", "weeks", "DURATION", "PXW"),
    ("duration_bare", "Sales fell over the full year.", "the full year", "DATE", "2024"),
    ("duration_while", "He waited for a while.", "a while", "DURATION", "PXX"),
    ("ref", "Prices are now falling.", "now", "DATE", "PRESENT_REF"),
    ("ref_units", "Crime has fallen in recent years.", "recent years", "DATE", "PAST_REF"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "span", "typ", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_rule_tags_its_example(rule, text, span, typ, value):
    got = {t.text: (t.type, t.value) for t in tag_text(text, MON)}
    assert got.get(span) == (typ, value), got
