"""A stored event revised by later reports: planned -> occurred, month -> day, outlets, the change feed;
and merges that compare resolved actors, not extracted strings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from services.extraction.model import Actor
from services.store.actors import lookup_names
from services.store.candidates import fingerprint
from services.store.db import session_scope
from services.store.models import Actor as StoredActor
from services.store.models import ActorAlias, EventActor, EventChange
from services.store.models import Event as StoredEvent
from services.webhooks.models import WebhookEndpoint
from services.webhooks.relay import resolve_name_keys
from tests.integration.factories import day, month, report, store_report, year

CANADA = Actor("Canada", "place", ("Canada",))
SPAIN = Actor("Spain", "place", ("Spain", "Madrid"))


def only_event(client, name: str) -> dict:
    events = client.get(f"/actors/{name}/timeline").json()["events"]
    assert len(events) == 1, events
    return events[0]


def change_kinds() -> list[str]:
    with session_scope() as session:
        return list(session.execute(select(EventChange.kind).order_by(EventChange.id)).scalars())


def test_a_surname_report_meets_the_full_name_report_of_one_happening(client):
    store_report(report(day("2026-11-16"), (Actor("Mark Carney", "person", ("Mark Carney",)), CANADA), "announce",
                 "Mark Carney announced that Canada would impose tariffs"), published="2026-11-20", source="A")
    store_report(report(day("2026-11-16"), (Actor("Carney", "person", ("Carney",)), CANADA), "announce",
                 "Carney announced that Canada will impose new tariffs"), published="2026-11-18", source="B")
    event = only_event(client, "Carney")
    assert {a["name"] for a in event["actors"]} == {"Mark Carney", "Canada"}
    assert len(event["sources"]) == 2 and event["outlets"] == 2
    assert event["first_reported_at"].startswith("2026-11-18")
    assert event["confidence"] == 0.9  # 0.8 from the report, raised by a second outlet


def test_a_planned_event_becomes_occurred_when_a_later_report_says_it_happened(client):
    sanchez = Actor("Pedro Sanchez", "person", ("Pedro Sanchez",))
    store_report(report(day("2026-11-20"), (sanchez, SPAIN), "meet", "Sanchez will meet union leaders in Madrid",
                 status="planned"), published="2026-11-16", source="A")
    assert only_event(client, "Sanchez")["status"] == "planned"
    store_report(report(day("2026-11-20"), (sanchez, SPAIN), "meet", "Sanchez met union leaders in Madrid"),
          published="2026-11-21", source="B")
    event = only_event(client, "Sanchez")
    assert event["status"] == "occurred"
    assert event["first_reported_at"].startswith("2026-11-16") and event["updated_at"] >= event["first_reported_at"]
    assert change_kinds() == ["created", "updated"]
    assert client.get(f"/events/{event['id']}").json() == event


def test_the_finer_date_wins_and_moves_the_event_on_the_timeline(client):
    sanchez = Actor("Pedro Sanchez", "person", ("Pedro Sanchez",))
    france = Actor("France", "place", ("France", "Paris"))
    store_report(report(month("2026-03"), (sanchez, france), "visit", "Sanchez visited Paris"), published="2026-04-20",
          url="https://www.one.example/a")
    store_report(report(day("2026-03-03"), (sanchez, france), "visit", "Sanchez visited Paris on March 3",
                 confidence=0.6), published="2026-04-22", url="https://two.example/b")
    event = only_event(client, "Pedro Sanchez")
    assert event["date"] == {"value": "2026-03-03", "start": "2026-03-03", "end": "2026-03-03", "granularity": "day"}
    assert event["outlets"] == 2 and event["confidence"] == 0.9
    # the timeline index moved too: a window that holds only the day finds it, for both actors
    for name in ("Sanchez", "France"):
        window = client.get(f"/actors/{name}/timeline", params={"from": "2026-03-03", "to": "2026-03-03"}).json()
        assert [e["id"] for e in window["events"]] == [event["id"]]
    with session_scope() as session:
        starts = set(session.execute(select(EventActor.date_start)).scalars())
    assert starts == {date(2026, 3, 3)}
    assert change_kinds() == ["created", "updated"]


def test_a_revised_event_carries_the_fingerprint_of_its_revised_date_and_actors(client):
    sanchez = Actor("Pedro Sanchez", "person", ("Pedro Sanchez",))
    france = Actor("France", "place", ("France", "Paris"))
    store_report(report(month("2026-03"), (sanchez,), "visit", "Sanchez visited Paris"), published="2026-04-20",
                 source="A")
    store_report(report(day("2026-03-03"), (sanchez, france), "visit", "Sanchez visited Paris on March 3"),
                 published="2026-04-22", source="B")
    event = only_event(client, "Pedro Sanchez")
    assert event["date"]["value"] == "2026-03-03"
    with session_scope() as session:
        stored = session.execute(select(StoredEvent.fingerprint)).scalars().all()
    assert stored == [fingerprint("2026-03-03", ["France", "Pedro Sanchez"], "visit")]


def test_one_outlet_reporting_twice_is_one_outlet(client):
    carney = Actor("Mark Carney", "person", ("Mark Carney",))
    for published in ("2026-11-17", "2026-11-18"):
        store_report(report(day("2026-11-16"), (carney, CANADA), "announce", "Carney announced tariffs on steel"),
              published=published, source="Same Paper")
    event = only_event(client, "Mark Carney")
    assert len(event["sources"]) == 2 and event["outlets"] == 1 and event["confidence"] == 0.8


def test_a_full_name_merges_a_stored_surname_only_row_and_its_events_and_subscriptions_follow(client):
    said = report(day("2026-11-18"), (Actor("Comey", "person", ("Comey",)),), "say", "Comey said he would write")
    store_report(said, published="2026-11-20")
    with session_scope() as session:  # a full-name row made before the surname rules (no "Comey" alias)
        session.add(StoredActor(name="James Comey", name_key="james comey", kind="person"))
        session.add(WebhookEndpoint(url="https://hooks.example/x", actors=["Comey"], actor_keys=["comey"],
                                    secret="whsec_test", after_change_id=0))
    testified = report(day("2026-11-16"), (Actor("James Comey", "person", ("James Comey",)),), "testify",
                       "James Comey testified before the Senate")
    store_report(testified, published="2026-11-20")
    with session_scope() as session:
        people = session.execute(select(StoredActor.id, StoredActor.name)).all()
        assert [name for _, name in people] == ["James Comey"]
        survivor = people[0].id
        assert resolve_name_keys(session, {"comey", "james comey"}) == {"comey": survivor, "james comey": survivor}
    body = client.get("/actors/Comey/timeline").json()
    assert body["actor"]["id"] == survivor
    assert [e["trigger"] for e in body["events"]] == ["testify", "say"]


def test_when_a_surname_row_is_folded_into_the_full_name_their_reports_of_one_happening_become_one_event(client):
    james = Actor("James Comey", "person", ("James Comey",))
    store_report(report(day("2026-11-16"), (james,), "testify", "James Comey testified before the Senate"),
                 published="2026-11-17", source="First Paper")
    with session_scope() as session:  # a full-name row stored before the surname rules: no "Comey" alias
        session.execute(ActorAlias.__table__.delete().where(ActorAlias.alias_key == "comey"))
    # dated by its year: too coarse for the candidates of similar triggers on fine dates, so only the shared
    # actor (once folded) can find it
    store_report(report(year("2026"), (Actor("Comey", "person", ("Comey",)),), "testify",
                        "Comey testified before the Senate this year"),
                 published="2026-11-18", source="Other Paper")
    with session_scope() as session:
        assert len(session.execute(select(StoredActor.id)).all()) == 2  # two rows for him, an event each
    # the next article naming him in full folds the surname row into his, and the two reports into one event
    store_report(report(day("2026-11-19"), (james,), "say", "James Comey said he would write a book"),
                 published="2026-11-20")
    events = client.get("/actors/Comey/timeline").json()["events"]
    assert [e["trigger"] for e in events] == ["testify", "say"]
    testified = events[0]
    assert testified["outlets"] == 2 and len(testified["sources"]) == 2
    assert [a["name"] for a in testified["actors"]] == ["James Comey"]
    assert testified["summary"] == "James Comey testified before the Senate"  # the first report's wording
    assert change_kinds()[-2:] == ["created", "updated"]


JOE, ANN, SMITH = (Actor("Joe Smith", "person", ("Joe Smith",)), Actor("Ann Smith", "person", ("Ann Smith",)),
                   Actor("Smith", "person", ("Smith",)))


def _reports_of(person: Actor, days: int) -> None:
    for number in range(1, days + 1):
        store_report(report(day(f"2026-10-{number:02d}"), (person,), "visit", f"{person.name} visited town {number}"),
                     published="2026-11-20")


def _timeline_names(client, name: str) -> list[str]:
    return [e["summary"] for e in client.get(f"/actors/{name}/timeline").json()["events"]]


def test_a_bare_surname_goes_to_the_person_the_news_names_far_more_often(client):
    _reports_of(JOE, 5)
    _reports_of(ANN, 1)
    store_report(report(day("2026-11-19"), (SMITH,), "resign", "Smith resigned"), published="2026-11-20")
    assert "Smith resigned" in _timeline_names(client, "Joe Smith")
    assert "Smith resigned" not in _timeline_names(client, "Ann Smith")


def test_a_bare_surname_of_two_people_named_about_as_often_stays_a_person_of_its_own(client):
    _reports_of(JOE, 2)
    _reports_of(ANN, 1)
    store_report(report(day("2026-11-19"), (SMITH,), "resign", "Smith resigned"), published="2026-11-20")
    assert "Smith resigned" not in _timeline_names(client, "Joe Smith") + _timeline_names(client, "Ann Smith")
    assert client.get("/actors/Smith/timeline").status_code == 409


def test_once_one_person_dominates_they_take_over_the_surname_row_and_its_events(client):
    _reports_of(JOE, 1)
    _reports_of(ANN, 1)
    store_report(report(day("2026-11-18"), (SMITH,), "resign", "Smith resigned"), published="2026-11-20")
    store_report(report(day("2026-10-01"), (SMITH,), "visit", "Smith visited town 1"), published="2026-11-20")
    _reports_of(JOE, 6)
    store_report(report(day("2026-11-19"), (SMITH,), "speak", "Smith spoke"), published="2026-11-20")
    joe = _timeline_names(client, "Joe Smith")
    assert {"Smith resigned", "Smith spoke"} <= set(joe)
    assert len(joe) == 8  # the surname row's visit of 1 October was his: one event with two sources
    with session_scope() as session:
        assert "Smith" not in session.execute(select(StoredActor.name)).scalars().all()


def test_an_ambiguous_name_resolves_to_no_one_for_the_relay_as_for_the_timeline(client):
    for name in ("Joe Smith", "Ann Smith"):
        store_report(report(day("2026-11-17"), (Actor(name, "person", (name,)),), "win", f"{name} won"),
              published="2026-11-20")
    with session_scope() as session:
        found = lookup_names(session, {"smith", "joe smith"})
        assert found["smith"].ambiguous and found["smith"].actor_id is None
        assert set(resolve_name_keys(session, {"smith", "joe smith"})) == {"joe smith"}
    assert client.get("/actors/Smith/timeline").status_code == 409
