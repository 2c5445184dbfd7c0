"""Days of news stories: the failure classes a probe set of invented multi-outlet stories showed.

Tables of invented (text, publication date, expression, value); and the expressions that are no dates."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

MON = date(2025, 10, 20)
FRI = date(2025, 3, 7)
FRI_NOV = date(2025, 11, 14)
SAT = date(2025, 11, 8)
MON_MAR = date(2025, 3, 10)

FOUND = {  # text: (publication date, expression, value)
    # a bare clock time falls on the passage's day: a "since" stretch reaching to now does not move it
    "Forecasters issued a warning at 2pm on Saturday. Rain has fallen on the moors since Thursday morning. "
    "The council ordered the evacuation of 600 homes at 7pm.": (SAT, "7pm", "2025-11-08T19:00"),
    "Police closed the coast road at 8am on Saturday. It had been under water since Friday night. "
    "Engineers reopened one lane at 3pm.": (SAT, "3pm", "2025-11-08T15:00"),
    # a weekday's outcome ("Tuesday's ruling") is done: not a deadline after "by", not the next such day
    '"We stand by Tuesday\'s ruling, which was reached after a long inquiry," a spokeswoman said.':
        (FRI, "Tuesday", "2025-03-04"),
    "Lawyers for the family are studying Thursday's ruling.": (MON_MAR, "Thursday", "2025-03-06"),
    "The union will appeal against Tuesday's decision.": (FRI, "Tuesday", "2025-03-04"),
    # a present-tense fixture in a sentence that speaks of the future: the coming day
    "Rovers host Deanfield on Saturday in what will be the new manager's first match.":
        (MON, "Saturday", "2025-10-25"),
    "The band plays Leeds on Friday, and the tour will end in York.": (MON, "Friday", "2025-10-24"),
    "The talks stalled last month.\n\nThe band plays Leeds on Friday, and the tour will end in York.\n\nTickets sold out.":
        (MON, "Friday", "2025-10-24"),
    # "two years later" after a name ending in a number word ("League One"), counted from the clause's year
    "Okafor joined Deanfield in 2016 and took them into League One two years later.":
        (MON, "two years later", "2018"),
    # an infinitive after a past verb that says it happened (took an hour to, managed to, failed to) is past
    "The service said crews took 40 minutes to reach Mill Lane on Saturday night.":
        (FRI_NOV, "Saturday night", "2025-11-08TNI"),
    "Rescuers managed to free the driver on Saturday.": (FRI_NOV, "Saturday", "2025-11-08"),
    "The striker failed to score on Sunday.": (FRI_NOV, "Sunday", "2025-11-09"),
    # "tonight" in a past clause of a story about the previous night: that night (the next morning's paper)
    'Rovers drew 1-1 at Porthaven on Tuesday night. "The players showed real spirit tonight," the caretaker said.':
        (date(2025, 10, 22), "tonight", "2025-10-21TNI"),
    "last nite was crazy\n\nsee u guys 2nite @ the bar": (date(2025, 10, 22), "2nite", "2025-10-22TNI"),
    "Rovers drew 1-1 at Porthaven on Tuesday night. Fans will gather at the ground tonight.":
        (date(2025, 10, 22), "tonight", "2025-10-22TNI"),
    # a half with its year, or of the year, or of a company's money, is a half-year
    "Pellbrook reported a 9% fall in first-half profit.": (FRI, "first-half", "2025-H1"),
    "Output fell in the first half of 2021.": (FRI, "the first half of 2021", "2021-H1"),
}

NOT_DATES = {  # text: (publication date, words that must not be tagged as a date)
    # a half of a match
    "Kingsbridge scored three times in the first half.": (MON, "first half"),
    "Rovers had fallen behind to a first-half penalty.": (MON, "first-half"),
    "The home side hit the woodwork twice in the second half.": (MON, "second half"),
}


@pytest.mark.parametrize("text", list(FOUND))
def test_found(text):
    dct, expression, value = FOUND[text]
    got = {t.text: t.value for t in tag_text(text, dct)}
    assert got.get(expression) == value, got


@pytest.mark.parametrize("text", list(NOT_DATES))
def test_not_dates(text):
    dct, words = NOT_DATES[text]
    got = [(t.text, t.value) for t in tag_text(text, dct) if words in t.text and t.type in ("DATE", "TIME")]
    assert not got, got


PHRASES = {  # text: (publication date, phrase, its value, the word it dates)
    # "the day after Saturday's defeat" is one DATE (TimeML); the weekday's possessive still dates its noun
    "Hallberg was sacked on Sunday morning, the day after Saturday's 4-0 defeat.":
        (MON, "Saturday", "2025-10-18", "defeat"),
    "The mayor resigned the day after Tuesday's vote.": (date(2025, 3, 7), "Tuesday", "2025-03-04", "vote"),
}


@pytest.mark.parametrize("text", list(PHRASES))
def test_possessive_weekday_inside_an_anchored_day(text):
    from services.extraction.nlp import load_pipeline
    from services.extraction.timex import find_temporal_phrases

    dct, phrase, value, noun = PHRASES[text]
    doc = load_pipeline()(text)
    got = {p.text: (p.date.value, doc[p.governor].text if p.governor is not None else None)
           for p in find_temporal_phrases(doc, dct)}
    assert got.get(phrase) == (value, noun), got
