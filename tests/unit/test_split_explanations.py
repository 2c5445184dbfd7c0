"""Why the store kept two events of one happening apart: the rule's own reason, or the store's (candidates, ids)."""

from datetime import date, datetime

import pytest

from services.evaluation.coref import MappedMention, explain_splits
from services.extraction.merge import same_happening, why_different
from services.extraction.model import Event, EventDate
from services.store.candidates import Candidate, is_candidate


def day(value):
    d = date.fromisoformat(value)
    return EventDate(value, d, d, "day")


YEAR = EventDate("2019", date(2019, 1, 1), date(2019, 12, 31), "year")
MONTH = EventDate("2019-03", date(2019, 3, 1), date(2019, 3, 31), "month")


def event(when, actors, trigger, summary=""):
    return Event(when, tuple(actors), summary, trigger, "occurred", "", (0, 0))


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (event(day("2019-03-08"), ["Ann Vale"], "sign", "Vale signed the lease."),
         event(day("2019-03-08"), ["Ann Vale"], "sign", "Vale signed a lease."), None),
        (event(day("2019-03-08"), ["Ann Vale"], "sign"), event(day("2019-05-02"), ["Ann Vale"], "sign"),
         "dates apart"),
        # a day inside a year asks for a second shared actor or what the clauses say: the trigger is not enough
        (event(day("2019-03-08"), ["Ann Vale"], "rob", "A man robbed Vale at her shop on Friday."),
         event(YEAR, ["Ann Vale"], "rob", "The suspect robbed Ann Vale in 2019, prosecutors say."),
         "inside a year: one shared actor and too little said in common"),
        (event(day("2019-03-08"), ["Ann Vale"], "meet"), event(day("2019-03-08"), ["Ann Vale"], "sign"),
         "triggers of two known kinds"),
        (event(day("2019-03-08"), ["Ann Vale"], "sign"), event(MONTH, ["Ann Vale"], "meet"),
         "inside a week or month, triggers differ"),
    ],
)
def test_the_rule_says_why_two_reports_are_two_happenings(a, b, reason):
    assert why_different(a, b) == reason
    assert same_happening(a, b) is (reason is None)


def candidate(event_id, when, actors, actor_ids, trigger, summary="", people=()):
    return Candidate(event_id, event(when, actors, trigger, summary), "", frozenset(people), frozenset(actor_ids),
                     datetime(2019, 3, 9))


def test_a_stored_event_is_a_candidate_by_a_shared_actor_or_fine_dates_and_a_similar_trigger():
    stored = candidate(1, day("2019-03-08"), ["Ann Vale"], [7], "resign")
    assert is_candidate(stored, {7}, event(MONTH, ["Ann Vale"], "quit"))
    assert is_candidate(stored, {8}, event(MONTH, ["Bo Lind"], "resign"))  # no actor, the month around its day
    assert not is_candidate(stored, {8}, event(YEAR, ["Bo Lind"], "resign"))  # no actor, a year is too coarse
    assert is_candidate(stored, {8}, event(day("2019-03-08"), ["Bo Lind"], "quit"))
    assert not is_candidate(stored, {8}, event(day("2019-03-08"), ["Bo Lind"], "sing"))


def mentions_of(*pairs):
    return [MappedMention(document, "1", n, "HAPPENING", "sign", event_id)
            for n, (document, event_id) in enumerate(pairs)]


def test_each_pair_of_a_split_happening_gets_its_cause():
    a = candidate(1, day("2019-03-08"), ["Ann Vale"], [7], "sign", "Vale signed the lease.")
    b = candidate(2, day("2019-03-08"), ["Ann Vale"], [7], "sign", "Vale signed a lease.")
    c = candidate(3, day("2019-03-08"), ["Ann Vale"], [9], "sign", "Vale signed the lease on Friday.")
    d = candidate(4, day("2019-06-01"), ["Ann Vale"], [7], "sign")
    pairs = explain_splits(mentions_of(("d1", 1), ("d2", 2), ("d3", 3), ("d4", 4)), {1: a, 2: b, 3: c, 4: d})
    causes = {(pair.first, pair.second): pair.cause for pair in pairs}
    assert causes[1, 2] == "order or ranking"  # the rule and the candidates join them: not the rule's doing
    assert causes[1, 3] == "actor ids"  # one name, two actor rows
    assert causes[1, 4] == "rule"
    assert {pair.reason for pair in pairs if pair.first == 1 and pair.second == 4} == {"dates apart"}


def test_a_pair_the_rule_joins_but_the_store_never_offers_is_not_a_candidate():
    # the rule joins a report naming nobody to one of the same wording and one word's verb and noun; the store
    # offers a report sharing no actor only the triggers of its classes
    a = candidate(1, day("2019-03-08"), [], [], "flood", "The river flooded the old mill district.")
    b = candidate(2, MONTH, ["Avon"], [5], "flooding", "The river flooded the old mill district.")
    (pair,) = explain_splits(mentions_of(("d1", 1), ("d2", 2)), {1: a, 2: b})
    assert pair.cause == "not a candidate"
