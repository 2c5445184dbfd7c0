"""Dated phrases that date no happening of the clause: the end of a thing's term ("a contract until 2028"), a
preference ("we would rather ... than ..."), an improbable happening ("a ruling is unlikely before May"), a
generic subject ("anyone buying a flat will ..."); and happening nouns of clubs and courts ("Sunday's sacking")."""

from datetime import date

import pytest

from services.extraction.pipeline import extract

PUBLISHED = date(2025, 4, 16)  # a Wednesday


def events_of(text):
    return [(e.date.value, e.trigger) for e in extract(text, PUBLISHED).events]


@pytest.mark.parametrize(
    "text",
    [
        "Lena Brandt has been named head coach of Harbour City on a contract until June 2029.",
        "The striker is understood to have agreed a deal until the summer of 2027.",
        "Dorset Water signed a lease until 2031 for its new offices.",
        "We would rather close the road tonight than clear it tomorrow, the mayor said.",
        "They would sooner wait until Friday than rush the vote.",
        "Lawyers said a decision was unlikely before the autumn.",
        '"Anyone buying a house in this town will think twice after Monday," said agent Ravi Sood.',
        "Anybody travelling to the coast will face delays on Saturday.",
    ],
)
def test_no_happening_is_dated(text):
    assert events_of(text) == []


@pytest.mark.parametrize(
    ("text", "value", "trigger"),
    [
        # the term's date goes, the clause's own date stays
        ("Lena Brandt was named head coach on Monday on a contract until June 2029.", "2025-04-14", "name"),
        # "until" of a state, not of a thing's term: the state lasts until then
        ("The mayor will stay in office until 2027.", "2027", "stay"),
        # a plan told with "would", without a preference
        ("The council said it would close the road on Friday.", "2025-04-18", "close"),
    ],
)
def test_the_clause_keeps_its_own_date(text, value, trigger):
    assert (value, trigger) in events_of(text)


@pytest.mark.parametrize(
    ("text", "value", "trigger"),
    [
        ("Supporters welcomed Sunday's sacking of the manager.", "2025-04-13", "sacking"),
        ("The club has appealed against Saturday's dismissal of its captain.", "2025-04-12", "dismissal"),
        ("Fans left early during Saturday's 5-0 thrashing at Elm Park.", "2025-04-12", "thrashing"),
        ("Most families had gone before Monday's evacuation order.", "2025-04-14", "order"),
        # a dated deadline is the story's milestone, not the date of the verdict the clause also names
        ("The appeal came days after the panel's verdict and well ahead of the May 2 deadline.", "2025-05-02",
         "deadline"),
    ],
)
def test_a_club_or_court_happening_noun_is_dated(text, value, trigger):
    assert (value, trigger) in events_of(text)
    assert all(found == value for found, _ in events_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hugo Lindt showed no remorse, even after last month's verdict.",
        "Dana Holt did not attend Friday's board meeting.",
    ],
)
def test_a_negated_clause_leaves_its_dated_happening_noun_standing(text):
    events = extract(text, PUBLISHED).events
    assert [e.trigger for e in events] in (["verdict"], ["meeting"])
    assert not {"Hugo Lindt", "Dana Holt"} & set(events[0].actors)  # the negated part is not theirs


@pytest.mark.parametrize(
    "text",
    [
        "Rovers had fallen behind to a first-half penalty.",
        "Wyvern Foods reported a 4% fall in first-half profit.",
        "The airline posted third-quarter earnings above forecasts.",
    ],
)
def test_a_hyphenated_period_adjective_dates_nothing(text):
    assert events_of(text) == []


def test_a_period_adjective_leaves_the_clause_its_own_date():
    assert events_of("Harbour City reported third-quarter earnings on Tuesday.") == [("2025-04-15", "report")]
