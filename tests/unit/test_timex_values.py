"""Temporal expressions: tables of (text, dct, expected timex text, expected value)."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

MON = date(2024, 6, 17)  # a Monday, ISO week 25

CASES = [
    # weekdays by tense and modality
    ("They met on Tuesday.", MON, "Tuesday", "2024-06-11"),
    ("Putin is scheduled to travel to Pyongyang starting on Tuesday.", MON, "Tuesday", "2024-06-18"),
    ("He will arrive on Wednesday.", MON, "Wednesday", "2024-06-19"),
    ("She is meeting the minister on Thursday.", MON, "Thursday", "2024-06-20"),
    ("The talks are expected to resume on Friday.", MON, "Friday", "2024-06-21"),
    ("He said on Friday that prices would rise.", MON, "Friday", "2024-06-14"),
    ("The injunction issued Thursday was lifted.", MON, "Thursday", "2024-06-13"),
    ("The president spoke last Friday.", MON, "last Friday", "2024-06-14"),
    ("The vote is next Tuesday.", MON, "next Tuesday", "2024-06-18"),
    # relative days
    ("He arrived yesterday.", MON, "yesterday", "2024-06-16"),
    ("Today the market fell.", MON, "Today", "2024-06-17"),
    ("The match is tomorrow.", MON, "tomorrow", "2024-06-18"),
    # weeks, weekends, months, years
    ("Prices rose last week.", MON, "last week", "2024-W24"),
    ("The deal will close next week.", MON, "next week", "2024-W26"),
    ("Fighting continued over the weekend.", MON, "the weekend", "2024-W24-WE"),
    ("Sales fell last month.", MON, "last month", "2024-05"),
    ("Exports grew earlier this year.", MON, "earlier this year", "2024"),
    ("Elections are due by the end of the year.", MON, "the end of the year", "2024"),
    ("Talks will take place later this month.", MON, "later this month", "2024-06"),
    ("Inflation peaked last year.", MON, "last year", "2023"),
    ("Growth will slow next year.", MON, "next year", "2025"),
    # months by tense
    ("The treaty was signed in March.", MON, "March", "2024-03"),
    ("The summit will be held in March.", MON, "March", "2025-03"),
    ("Last September it rained.", MON, "Last September", "2023-09"),
    ("The plant opened in September.", MON, "September", "2023-09"),
    # explicit dates
    ("The war began on Feb. 24, 2022.", MON, "Feb. 24, 2022", "2022-02-24"),
    ("He was born on 12 March 1961.", MON, "12 March 1961", "1961-03-12"),
    ("The law took effect on June 3.", MON, "June 3", "2024-06-03"),
    ("The report is due July 1.", MON, "July 1", "2024-07-01"),
    ("Elections were held in May 2019.", MON, "May 2019", "2019-05"),
    ("The record was set in 2000.", MON, "2000", "2000"),
    # decades, centuries, seasons, quarters, halves
    ("Growth was slow in the 1990s.", MON, "the 1990s", "199"),
    ("It was the bloodiest war of the 20th century.", MON, "the 20th century", "19"),
    ("Profit rose in the third quarter.", MON, "the third quarter", "2023-Q3"),
    ("Profit is expected to rise in the third quarter.", MON, "the third quarter", "2024-Q3"),
    ("Sales rose in the first quarter of 2023.", MON, "the first quarter of 2023", "2023-Q1"),
    ("Output fell in the first half.", MON, "the first half", "2024-H1"),
    ("The offensive began last summer.", MON, "last summer", "2023-SU"),
    ("They hope to finish by the summer of 2025.", MON, "the summer of 2025", "2025-SU"),
    ("Talks resumed in the fall.", MON, "the fall", "2023-FA"),
    ("Talks will resume in the fall.", MON, "the fall", "2024-FA"),
    ("It rained last winter.", MON, "last winter", "2024-WI"),
    ("He left last fall.", date(1998, 2, 6), "last fall", "1997-FA"),
    # ago / anchored
    ("He left two years ago.", MON, "two years ago", "2022"),
    ("The company was founded three months ago.", MON, "three months ago", "2024-03"),
    ("It rained a day before Tuesday.", MON, "a day before Tuesday", "2024-06-10"),
    ("He arrived two days after June 3.", MON, "two days after June 3", "2024-06-05"),
    ("They met a week before Christmas.", MON, "a week before Christmas", "2023-12-18"),
    # days of the month in words
    ("The museum will reopen on the fifth of November.", MON, "the fifth of November", "2024-11-05"),
    ("The couple married on the twenty-third of March 1988.", MON, "the twenty-third of March 1988", "1988-03-23"),
    ("The festival opens on July the first.", MON, "July the first", "2024-07-01"),
    ("The vote is three days from today.", MON, "three days from today", "2024-06-20"),
    # times of day
    ("The attack began Monday morning.", MON, "Monday morning", "2024-06-17TMO"),
    ("The speech started at 3 p.m.", MON, "3 p.m.", "2024-06-17T15:00"),
    ("Officials spoke this morning.", MON, "this morning", "2024-06-17TMO"),
    ("Rebels attacked last night.", MON, "last night", "2024-06-16TNI"),
    # reference words
    ("Prices are now falling.", MON, "now", "PRESENT_REF"),
    ("He is currently in Moscow.", MON, "currently", "PRESENT_REF"),
    ("The minister recently resigned.", MON, "recently", "PAST_REF"),
    ("Such talks may resume in the future.", MON, "the future", "FUTURE_REF"),
    # durations
    ("The talks lasted two days.", MON, "two days", "P2D"),
    ("He served three years in prison.", MON, "three years", "P3Y"),
    ("The conflict has gone on for years.", MON, "years", "PXY"),
    ("a two-day visit", MON, "two-day", "P2D"),
    ("The strike lasted 24 hours.", MON, "24 hours", "PT24H"),
    ("Output fell in the past six months.", MON, "the past six months", "P6M"),
    ("The drug takes 2 1/2 years to develop.", MON, "2 1/2 years", "P2Y6M"),
    # a season of play is its year; a part of the day after "throughout" is that part of the reference day
    ("Lopez won the title with the Rangers last season.", MON, "last season", "2023"),
    ("Mendes scored 14 goals this season.", MON, "this season", "2024"),
    ("The club hopes to reach the playoffs next season.", MON, "next season", "2025"),
    ("They had won eleven games this postseason.", MON, "this postseason", "2024"),
    ("Officers will work throughout the evening.", MON, "the evening", "2024-06-17TEV"),
    ("Crews worked through the night to clear the line.", MON, "the night", "2024-06-17TNI"),
    ("The train left the track during the morning rush hour in Harwick on Wednesday.", MON, "Wednesday",
     "2024-06-12"),
    # a present perfect progressive looks back, a present progressive ahead
    ("Trump has been deriding him for lashing out at a protester at a rally on Friday.", MON, "Friday",
     "2024-06-14"),
    # an "until" bound on a state that holds now lies ahead; on a past stay it lies behind
    ("The driver has been released on bail until March.", MON, "March", "2025-03"),
    ("He stayed in Paris until May.", MON, "May", "2024-05"),
    # sets
    ("The council meets every week.", MON, "every week", "P1W"),
    ("Newspapers are published daily.", MON, "daily", "P1D"),
    ("The board meets twice a year.", MON, "a year", "P1Y"),
    ("The market is open on Mondays.", MON, "Mondays", "XXXX-WXX-1"),
]


@pytest.mark.parametrize("text,dct,expected_text,expected_value", CASES)
def test_value(text, dct, expected_text, expected_value):
    found = {(t.text, t.value) for t in tag_text(text, dct)}
    assert (expected_text, expected_value) in found, found


def test_year_list_each_a_date():
    tx = tag_text("The games were held in 1961, 2000 and 2001.", MON)
    assert [(t.text, t.type, t.value) for t in tx] == [
        ("1961", "DATE", "1961"),
        ("2000", "DATE", "2000"),
        ("2001", "DATE", "2001"),
    ]


def test_offsets_and_intervals():
    text = "On Tuesday\u2019s summit.The talks ended last week."
    tx = tag_text(text, MON)
    for t in tx:
        assert text[t.start : t.end] == t.text
    week = next(t for t in tx if t.text == "last week")
    assert week.date is not None
    assert (week.date.start, week.date.end, week.date.granularity) == (
        date(2024, 6, 10),
        date(2024, 6, 16),
        "week",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the talks would resume.",
        "Prime Minister May met Macron.",
        "They met Theresa May in London.",
        "Theresa May and Tom Hale comment on the vote",  # a headline: two names listed
        # once the text has named her in full, her surname alone is her too
        "Prime Minister Anna May spoke on Monday. The president invited May to visit.",
        "Prime Minister Anna May spoke on Monday, and May's aides later confirmed it.",
    ],
)
def test_month_names_as_personal_names(text):
    assert [t.text for t in tag_text(text, MON) if "May" in t.text] == []


def test_a_month_after_its_word_stays_a_month_in_a_text_naming_someone_after_it():
    tx = tag_text("Prime Minister Anna May spoke on Monday. The vote was held in May.", MON)
    assert [t.text for t in tx if "May" in t.text] == ["May"]


def test_month_day_after_a_name_is_a_date():
    tx = tag_text("Mr. Schwarz will succeed Daniel P. Davison Feb. 1, the company said.", date(1989, 10, 26))
    assert ("Feb. 1", "1990-02-01") in {(t.text, t.value) for t in tx}


@pytest.mark.parametrize(
    "text",
    [
        "The mayor issued a second letter.",
        "He was a second-generation chocolatier.",
        "She had a months-long affair.",
        "USA TODAY reported the story.",
        "He was named Rookie of the Year.",
        "The 47-year-old minister resigned.",
        "Mr. Reupke, 52 years old, left.",
        "Turnout fell by three-quarters of a point.",
        "She told the Daily Mail.",
        "The poster showed Gary Cooper from the film High Noon.",
        "Baker said on ABC's This Week With David Brinkley that he agreed.",
        "This is VOA Today.",
        "Protesters joined the March for Life.",
        "They founded Orion 1980, a space venture.",
        "We march first and rest after.",
    ],
)
def test_not_temporal(text):
    assert [t.text for t in tag_text(text, MON)] == []


def test_no_false_positives():
    text = "You may see 152 mm of rain. Sales rose 2.5% to 1,990 units. He will march on."
    assert [t.text for t in tag_text(text, MON)] == []


def test_an_ordinal_before_its_noun_is_no_day_of_the_month():
    assert [(t.text, t.value) for t in tag_text("In May second place went to the visitors.", MON)] == [
        ("May", "2024-05")
    ]


def test_durations_and_sets_have_no_date():
    for t in tag_text("The talks lasted two days and take place every week.", MON):
        assert t.type in ("DURATION", "SET")
        assert t.date is None


PUTIN = [
    (
        "Putin will travel to Hanoi on Wednesday, with the main events of the visit scheduled for Wednesday.",
        "Wednesday",
        "2024-06-19",
    ),
    ("His aide told a press conference on Monday.", "Monday", "2024-06-17"),
    ("Moscow last week hosted the foreign ministers.", "last week", "2024-W24"),
    ("The message marked Russia\u2019s National Day on June 12.", "June 12", "2024-06-12"),
    ("Last month, the US Defense Secretary said aid would come.", "Last month", "2024-05"),
    ("A decision will be made in the coming hours.", "the coming hours", "PTXH"),
    ("They met in September 2023.", "September 2023", "2023-09"),
]


@pytest.mark.parametrize("text,expected_text,expected_value", PUTIN)
def test_news_sentences(text, expected_text, expected_value):
    found = {(t.text, t.value) for t in tag_text(text, MON)}
    assert (expected_text, expected_value) in found, found


OCT89 = date(1989, 10, 27)

EARNINGS = [
    (
        "Profit rose in the third quarter. In the year-ago third quarter it fell.",
        "the year-ago third quarter",
        "1988-Q3",
    ),
    ("Sales in the quarter ended July 31 rose.", "the quarter", "1989-Q2"),
    ("It could start as early as next year's first quarter.", "next year's first quarter", "1990-Q1"),
    ("Net rose in the third quarter, up from $3 million a year earlier.", "a year earlier", "1988-Q3"),
    (
        "Analysts expect losses through the first two quarters of 1990.",
        "the first two quarters of 1990",
        "1990-H1",
    ),
    ("Citadel posted a third-quarter net loss.", "third-quarter", "1989-Q3"),
]


@pytest.mark.parametrize("text,expected_text,expected_value", EARNINGS)
def test_earnings_reports(text, expected_text, expected_value):
    found = {(t.text, t.value) for t in tag_text(text, OCT89)}
    assert (expected_text, expected_value) in found, found


ERAS_BOUNDS_AND_MODALS = {
    # years of an era: BC as TIMEX3 writes it, AD as a plain year; British Columbia is no era
    "Rome and Carthage fought between 264 BC and 146 BC.": ("264 BC", "BC0264"),
    "The city was founded in 753 B.C. by Romulus.": ("753 B.C.", "BC0753"),
    "Hannibal won at Cannae on 2 August 216 BC.": ("2 August 216 BC", "BC0216-08-02"),
    "By AD 100 a colony stood on its ruins.": ("AD 100", "0100"),
    "Charlemagne was crowned in 800 AD.": ("800 AD", "0800"),
    "In 2010 BC Hydro raised its rates.": ("2010", "2010"),
    "The 2009 B.C. election was close.": ("2009", "2009"),
    # a bound in a present clause lies ahead, in a past one behind; modals of obligation look forward
    "The museum is closed until May.": ("May", "2025-05"),
    "The offer is valid until March.": ("March", "2025-03"),
    "He stayed in the job until May.": ("May", "2024-05"),
    "INS was ordered to repatriate the child by June 14.": ("June 14", "2024-06-14"),
    "Applications must be filed by Friday.": ("Friday", "2024-06-21"),
    "By Friday, the rebels had taken the town.": ("Friday", "2024-06-14"),
    "The Senate may vote on Tuesday.": ("Tuesday", "2024-06-18"),
    "He must have met them on Tuesday.": ("Tuesday", "2024-06-11"),
    # a weekday abbreviation before a date is part of it, and of a page's stamp with its clock
    "Posted on Tue Mar 4, 2014": ("Tue Mar 4, 2014", "2014-03-04"),
    "Posted on Tue Mar 4, 2014 09:15 AM PST": ("Tue Mar 4, 2014 09:15 AM PST", "2014-03-04T09:15"),
}


@pytest.mark.parametrize("text", ERAS_BOUNDS_AND_MODALS)
def test_eras_bounds_and_modals(text):
    span, value = ERAS_BOUNDS_AND_MODALS[text]
    got = {t.text: t.value for t in tag_text(text, MON)}
    assert got.get(span) == value, got


def test_a_part_of_the_day_that_modifies_a_noun_is_no_time_of_its_own():
    assert [t.text for t in tag_text("It derailed during the morning rush hour.", MON)] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The tram derailed at 6.10am. Police were called at 6.10 to the scene.", {("6.10am", "2024-06-17T06:10"),
                                                                                 ("6.10", "2024-06-17T06:10")}),
        # no clock written that way in the text: a number
        ("Shares closed at 6.10 on Friday.", {("Friday", "2024-06-14")}),
        ("The tram derailed at 6.10am. The shares closed at 6.10 a share.", {("6.10am", "2024-06-17T06:10")}),
    ],
)
def test_a_bare_dotted_clock_is_a_time_where_the_text_writes_its_times_so(text, found):
    assert {(t.text, t.value) for t in tag_text(text, MON)} == found
