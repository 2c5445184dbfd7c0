"""Each source keeps its own report (trigger, summary, date, status) while the merge compares a new report with
the event's own report only (single link over every source's report was measured and not adopted: dev topics
and timelines lost); the coreference eval maps a gold mention through its own source's trigger."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.evaluation.coref import GoldDocument, GoldMention, map_sources, read_sources
from services.extraction.model import Actor
from services.store.db import session_scope
from services.store.models import Event as StoredEvent
from services.store.models import EventSource
from tests.integration.factories import day, report, store_report
from tests.support.database import empty_tables

MAYOR = Actor("Ilse Marwood", "person", ("Ilse Marwood", "Marwood"))
THURSDAY = day("2026-05-14")
# A meeting and a signing are two kinds of happening (A and C apart); the brokered talks say enough of what each
# says (the harbour union and the town hall; the dock pay agreement) to be the same happening as either.
REPORTS = {
    "A": ("meet", "Mayor Ilse Marwood met the harbour workers' union at the town hall on Thursday", "2026-05-14"),
    "B": ("broker", "Ilse Marwood brokered talks with the harbour union on the dock pay agreement at the town hall",
          "2026-05-15"),
    "C": ("sign", "Ilse Marwood signed the dock pay agreement on Thursday", "2026-05-16"),
}


@pytest.fixture(autouse=True)
def _empty(test_services):
    empty_tables()


def store(name: str) -> int:
    trigger, summary, published = REPORTS[name]
    return store_report(report(THURSDAY, (MAYOR,), trigger, summary), published=published,
                        source=f"Outlet {name}")


def test_a_new_report_is_compared_with_the_events_own_report_not_with_each_sources():
    for name in "ABC":
        store(name)  # B joins the meeting; the signing matches B's report only, not the event's (the meeting's)
    with session_scope() as session:
        events = dict(session.execute(select(StoredEvent.id, StoredEvent.trigger)).all())
        assert sorted(events.values()) == ["meet", "sign"]
        told = session.execute(select(EventSource.event_id, EventSource.trigger, EventSource.date_value)).all()
    assert sorted((events[event_id], trigger, value) for event_id, trigger, value in told) == [
        ("meet", "broker", "2026-05-14"), ("meet", "meet", "2026-05-14"), ("sign", "sign", "2026-05-14")]


def test_a_source_keeps_the_report_it_told_while_the_event_keeps_the_earliest_wording():
    store("B")
    store("A")
    with session_scope() as session:
        [event] = session.execute(select(StoredEvent)).scalars().all()
        assert (event.trigger, event.summary) == ("meet", REPORTS["A"][1])
        told = dict(session.execute(select(EventSource.trigger, EventSource.status)).all())
    assert told == {"broker": "occurred", "meet": "occurred"}


def test_the_eval_maps_each_gold_mention_through_its_own_sources_trigger():
    first, second = store("A"), store("B")
    documents = []
    for doc_id, name in (("9_1ecb", "A"), ("9_2ecb", "B")):
        trigger, summary, _ = REPORTS[name]
        word = {"meet": "met", "broker": "brokered"}[trigger]
        start = summary.index(word)
        documents.append(GoldDocument(doc_id, "9", "9_1", summary + ".", day("2026-05-14").start,
                                      (GoldMention(start, start + len(word), word, "TALKS"),)))
    lemmas = {"met": ("meet",), "brokered": ("broker",)}

    def lemmatize(document):
        return {(m.start, m.end): lemmas[m.text] for m in document.mentions}

    with session_scope() as session:
        sources = read_sources(session, {first: "9_1ecb", second: "9_2ecb"})
    assert sorted(source.trigger for source in sources) == ["broker", "meet"]
    mapped = map_sources(sources, documents, lemmatize)
    assert {(m.document_id, m.chain) for m in mapped} == {("9_1ecb", "TALKS"), ("9_2ecb", "TALKS")}
    assert len({m.event_id for m in mapped}) == 1  # one event: the pair is found


UNION = Actor("Harbour Workers Union", "organisation", ("Harbour Workers Union",))
# Names no actor of the stored event; says much of what the brokered talks say, nothing of the meeting's trigger.
UNION_REPORT = ("broker",
                "The Harbour Workers Union said talks on the dock pay agreement were brokered at the town hall")


def test_an_event_is_not_found_by_a_sources_trigger_of_the_day():
    store("A")
    store("B")  # joins the meeting: the event keeps "meet", its second source told "broker"
    trigger, summary = UNION_REPORT
    store_report(report(THURSDAY, (UNION,), trigger, summary), published="2026-05-17", source="Outlet D")
    with session_scope() as session:
        # no shared actor, and the event's own trigger is not similar: the union's report is a candidate of nothing
        assert sorted(session.execute(select(StoredEvent.trigger)).scalars()) == ["broker", "meet"]
        assert len(session.execute(select(EventSource.id)).all()) == 3
