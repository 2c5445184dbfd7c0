"""Writing extractions: idempotent re-runs, one event per happening across articles, alias joins."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from services.extraction import model as extracted
from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.events import save_extraction
from services.store.models import Actor, Event, EventSource
from tests.integration.factories import article_of, day, event, extraction, month, store_report, year
from tests.support.database import empty_tables

VISIT = event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea")
BEIJING = event(month("2024-05"), ("Vladimir Putin",), "visit", "Putin made an official visit to Beijing", offset=50)


def new_article(text: str) -> int:
    with session_scope() as session:
        return accept_articles(session, [NewArticle(text=text)])[0].id


def save(article_id: int, result) -> None:
    with session_scope() as session:
        save_extraction(session, article_id, result)


def counts() -> tuple[int, int, int]:
    with session_scope() as session:
        return tuple(session.execute(select(func.count()).select_from(t)).scalar_one() for t in (Event, EventSource, Actor))


def test_rerunning_an_article_creates_no_duplicates():
    article_id = new_article("one")
    save(article_id, extraction(VISIT, BEIJING))
    first = counts()
    save(article_id, extraction(VISIT, BEIJING))
    assert counts() == first == (2, 2, 2)


def test_two_articles_on_one_happening_make_one_event_with_two_sources():
    save(new_article("first outlet"), extraction(VISIT))
    other_wording = event(day("2024-06-18"), ("Vladimir Putin", "Kim Jong Un"), "travel",
                          "Putin travels to Pyongyang to meet Kim")
    save(new_article("second outlet"), extraction(other_wording))
    with session_scope() as session:
        events = session.execute(select(Event)).scalars().all()
        assert len(events) == 1
        assert len(events[0].sources) == 2
        assert {link.actor.name for link in events[0].actor_links} == {"Vladimir Putin", "North Korea", "Kim Jong Un"}


def test_different_happenings_stay_apart():
    save(new_article("a"), extraction(VISIT))
    save(new_article("b"), extraction(event(day("2024-06-20"), ("Vladimir Putin",), "travel", "Putin travels to Hanoi")))
    assert counts()[0] == 2


def test_a_later_bare_surname_joins_the_known_actor():
    save(new_article("a"), extraction(VISIT))
    later = event(month("2024-05"), ("Putin",), "visit", "Putin visited Beijing")
    save(new_article("b"), extraction(later))
    with session_scope() as session:
        names = session.execute(select(Actor.name).order_by(Actor.name)).scalars().all()
    assert names == ["North Korea", "Vladimir Putin"]


def test_the_matching_event_is_found_among_hundreds_on_the_same_dates():
    # 300 happenings of Putin's in 2024 stored first, then a treaty, then another outlet's account of it
    others = [event(year("2024"), ("Vladimir Putin",), f"act{i}", f"Putin alpha{i} beta{i}", offset=i * 60)
              for i in range(300)]
    treaty = event(year("2024"), ("Vladimir Putin", "North Korea"), "sign", "Putin signed a treaty with Pyongyang")
    save(new_article("speeches"), extraction(*others))
    save(new_article("first"), extraction(treaty))
    before = counts()[0]
    retold = event(year("2024"), ("Vladimir Putin", "North Korea"), "sign", "Pyongyang and Putin signed a treaty")
    save(new_article("second outlet"), extraction(retold))
    assert counts()[0] == before


def test_two_persons_statements_of_one_day_stay_apart_whoever_they_are_about():
    # Kim speaks of Putin, Putin speaks: one day, one person in common, two statements (by their speakers)
    about = replace(event(day("2024-06-19"), ("Kim Jong Un", "Vladimir Putin"), "say",
                          "Kim said Putin's visit opened a new era"), speaker="Kim Jong Un")
    own = replace(event(day("2024-06-19"), ("Vladimir Putin",), "announce",
                        "Putin announced a partnership treaty"), speaker="Vladimir Putin")
    save(new_article("first outlet"), extraction(about))
    save(new_article("second outlet"), extraction(own))
    with session_scope() as session:
        assert sorted(session.execute(select(Event.speaker)).scalars()) == ["Kim Jong Un", "Vladimir Putin"]
    # the same speaker by surname in a third outlet: his statement, told again
    again = replace(event(day("2024-06-19"), ("Putin",), "say", "Putin said a partnership treaty was signed"),
                    speaker="Putin")
    save(new_article("third outlet"), extraction(again))
    assert counts()[0] == 2


DEPOT = extracted.Actor("Halvard Freight Depot", "organisation", ("Halvard Freight Depot",))
FOREMAN = extracted.Actor("Teodor Vasquez-Lund", "person", ("Teodor Vasquez-Lund", "Vasquez-Lund"))
SHERIFF = extracted.Actor("Imelda Strachan", "person", ("Imelda Strachan", "Strachan"))
CORONER = extracted.Actor("Bastian Oyelaran", "person", ("Bastian Oyelaran", "Oyelaran"))
LAST_WEEK = extracted.EventDate("2026-W19", day("2026-05-04").start, day("2026-05-10").start, "week")


def test_one_storys_reports_sharing_no_actor_meet_when_a_day_lies_inside_the_others_week():
    # One outlet tells the shooting by its week and names the depot; a later one by its day and names the
    # foreman; both articles quote the same sheriff and coroner, so they are of one story.
    week_report = article_of(
        (LAST_WEEK, (DEPOT,), "shooting", "A shooting last week at the Halvard Freight Depot left two dead"),
        (day("2026-05-12"), (SHERIFF,), "appeal", "Imelda Strachan appealed for witnesses"),
        (day("2026-05-12"), (CORONER,), "release", "Bastian Oyelaran released the names of the dead"))
    day_report = article_of(
        (day("2026-05-06"), (FOREMAN,), "shoot", "Teodor Vasquez-Lund was shot as he locked the loading bay"),
        (day("2026-05-12"), (SHERIFF,), "appeal", "Imelda Strachan renewed her appeal for witnesses"),
        (day("2026-05-12"), (CORONER,), "release", "Bastian Oyelaran named the two men who died"))
    for first, second in ((week_report, day_report), (day_report, week_report)):
        empty_tables()
        store_report(first, published="2026-05-13", source="First Outlet")
        store_report(second, published="2026-05-14", source="Second Outlet")
        with session_scope() as session:
            shootings = session.execute(select(Event).where(Event.trigger.in_(("shoot", "shooting")))).scalars()
            assert [sorted(link.actor.name for link in e.actor_links) for e in shootings] == [
                ["Halvard Freight Depot", "Teodor Vasquez-Lund"]]
