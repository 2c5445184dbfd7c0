"""One event per happening whatever order the reports come in: a report that gives a stored event a new actor
joins it to that actor's own event of the same happening, and never joins two kinds of happening."""

from __future__ import annotations

from sqlalchemy import select

from services.extraction.model import Actor, Event, EventDate, Extraction
from services.store.db import session_scope
from services.store.models import Event as StoredEvent
from services.store.models import EventActor, EventChange, EventSource
from tests.integration.factories import article_of, day, store_report
from tests.support.database import empty_tables

TOWN = Actor("Marrowby", "place", ("Marrowby",))
VICTIM = Actor("Odile Ferrand", "person", ("Odile Ferrand", "Ferrand"))
MAYOR = Actor("Piet Vandermolen", "person", ("Piet Vandermolen", "Vandermolen"))
COUNCIL = Actor("Marrowby Council", "organisation", ("Marrowby Council",))
WEDNESDAY = day("2026-03-04")


def one_report(when: EventDate, actors: tuple[Actor, ...], trigger: str, summary: str) -> Extraction:
    event = Event(when, tuple(a.name for a in actors), summary, trigger, "occurred", summary + ".",
                  (0, len(summary) + 1), 0.8)
    return Extraction(text=summary + ".", events=[event], actors=list(actors))


def stored() -> list[tuple[int, str, set[str], int]]:
    """(id, trigger, actor names, sources) of every stored event."""
    with session_scope() as session:
        found = []
        for row in session.execute(select(StoredEvent).order_by(StoredEvent.id)).scalars():
            names = {link.actor.name for link in session.execute(
                select(EventActor).where(EventActor.event_id == row.id)).scalars()}
            sources = session.execute(select(EventSource.id).where(EventSource.event_id == row.id)).all()
            found.append((row.id, row.trigger, names, len(sources)))
        return found


def test_a_report_naming_the_place_and_the_victim_joins_the_place_event_and_the_victim_event():
    store_report(one_report(WEDNESDAY, (TOWN,), "derail", "A goods train derailed outside Marrowby on Wednesday"),
                 published="2026-03-04", source="First Outlet")
    store_report(one_report(WEDNESDAY, (VICTIM,), "derailment",
                            "Odile Ferrand, a signaller, was hurt in Wednesday's derailment"),
                 published="2026-03-05", source="Second Outlet")
    assert len(stored()) == 2  # nothing in common yet: no shared actor, too few words in common
    store_report(one_report(WEDNESDAY, (TOWN, VICTIM), "derail",
                            "Odile Ferrand was hurt when a train derailed outside Marrowby"),
                 published="2026-03-06", source="Third Outlet")
    [(event_id, _, names, sources)] = stored()
    assert names == {"Marrowby", "Odile Ferrand"} and sources == 3
    with session_scope() as session:
        last = session.execute(select(EventChange.event_id, EventChange.kind).order_by(EventChange.id.desc())).first()
    assert tuple(last) == (event_id, "updated")  # subscribers hear of the event that remains


def test_a_meeting_given_the_council_stays_apart_from_the_councils_bill_signing_of_that_day():
    store_report(one_report(WEDNESDAY, (MAYOR,), "meet", "Piet Vandermolen met union leaders on Wednesday"),
                 published="2026-03-04", source="First Outlet")
    store_report(one_report(WEDNESDAY, (COUNCIL,), "sign", "Marrowby Council signed the housing bill on Wednesday"),
                 published="2026-03-05", source="Second Outlet")
    store_report(one_report(WEDNESDAY, (MAYOR, COUNCIL), "meet",
                            "Piet Vandermolen met union leaders and Marrowby Council on Wednesday"),
                 published="2026-03-06", source="Third Outlet")
    events = stored()
    assert sorted(trigger for _, trigger, _, _ in events) == ["meet", "sign"]
    meeting = next(names for _, trigger, names, _ in events if trigger == "meet")
    assert meeting == {"Piet Vandermolen", "Marrowby Council"}


def test_one_article_giving_two_stored_events_new_actors_folds_each_into_its_own_match():
    town_derailment = one_report(WEDNESDAY, (TOWN,), "derail", "A goods train derailed outside Marrowby on Wednesday")
    store_report(town_derailment, published="2026-03-04", source="First Outlet")
    store_report(one_report(WEDNESDAY, (VICTIM,), "derailment",
                            "Odile Ferrand, a signaller, was hurt in Wednesday's derailment"),
                 published="2026-03-05", source="Second Outlet")
    store_report(one_report(WEDNESDAY, (MAYOR,), "meet", "Piet Vandermolen met union leaders on Wednesday"),
                 published="2026-03-04", source="First Outlet")
    store_report(one_report(WEDNESDAY, (COUNCIL,), "meeting",
                            "Marrowby Council held a meeting with union leaders on Wednesday"),
                 published="2026-03-05", source="Second Outlet")
    assert len(stored()) == 4
    derailment = one_report(WEDNESDAY, (TOWN, VICTIM), "derail",
                            "Odile Ferrand was hurt when a train derailed outside Marrowby")
    meeting = one_report(WEDNESDAY, (MAYOR, COUNCIL), "meet",
                         "Piet Vandermolen and Marrowby Council met union leaders on Wednesday")
    text = derailment.text + " " + meeting.text
    both = Extraction(text=text, events=[
        derailment.events[0],
        Event(WEDNESDAY, meeting.events[0].actors, meeting.events[0].summary, "meet", "occurred",
              meeting.text, (len(derailment.text) + 1, len(text)), 0.8)],
        actors=[TOWN, VICTIM, MAYOR, COUNCIL])
    store_report(both, published="2026-03-06", source="Third Outlet")
    events = {trigger: (names, sources) for _, trigger, names, sources in stored()}
    assert events == {"derail": ({"Marrowby", "Odile Ferrand"}, 3),
                      "meet": ({"Piet Vandermolen", "Marrowby Council"}, 3)}, stored()


# Two outlets' articles of one story: each names other people for the shooting itself, but the articles name the
# same mayor and police chief for what followed.
TOWN_B = Actor("Brennan Falls", "place", ("Brennan Falls",))
PLANT = Actor("Corvallis Tool Works", "organisation", ("Corvallis Tool Works",))
BOOKKEEPER = Actor("Maribel Ostrander", "person", ("Maribel Ostrander", "Ostrander"))
MAYOR_B = Actor("Lionel Haskett", "person", ("Lionel Haskett", "Haskett"))
CHIEF = Actor("Rhoda Kelm", "person", ("Rhoda Kelm", "Kelm"))
MONDAY, TUESDAY = day("2026-05-11"), day("2026-05-12")


FIRST_STORY = article_of(
    (MONDAY, (TOWN_B, PLANT), "shoot", "A gunman shot four people at the Corvallis Tool Works plant in Brennan Falls"),
    (TUESDAY, (MAYOR_B,), "order", "Lionel Haskett ordered flags lowered to half-staff"),
    (TUESDAY, (CHIEF,), "brief", "Rhoda Kelm briefed reporters outside the plant"))
SECOND_STORY = article_of(
    (MONDAY, (BOOKKEEPER,), "shot", "Maribel Ostrander, a bookkeeper, was among those killed when bullets flew"),
    (TUESDAY, (MAYOR_B,), "order", "Lionel Haskett ordered city flags to fly at half-staff"),
    (TUESDAY, (CHIEF,), "brief", "Rhoda Kelm briefed the press at city hall"))
# Another story of that Monday: it names none of the first story's people, so its shooting stays its own.
OTHER_STORY = article_of(
    (MONDAY, (Actor("Orla Penhallow", "person", ("Orla Penhallow",)),), "shooting",
     "Orla Penhallow was wounded in a shooting at a petrol station"),
    (TUESDAY, (Actor("Kestrel County", "place", ("Kestrel County",)),), "close", "Kestrel County closed its schools"))


def _shootings() -> list[set[str]]:
    return sorted((names for _, trigger, names, _ in stored() if trigger in {"shoot", "shot", "shooting"}), key=sorted)


def test_reports_sharing_no_actor_from_articles_of_one_story_make_one_event_in_either_order():
    orders = []
    for articles in ((FIRST_STORY, SECOND_STORY, OTHER_STORY), (OTHER_STORY, SECOND_STORY, FIRST_STORY)):
        empty_tables()
        for number, article in enumerate(articles):
            store_report(article, published="2026-05-12", source=f"Outlet {number}")
        orders.append(_shootings())
    assert orders[0] == orders[1]
    assert orders[0] == [{"Brennan Falls", "Corvallis Tool Works", "Maribel Ostrander"}, {"Orla Penhallow"}]
