"""A product the articles name is stored as an actor of its own kind, with its own timeline, across articles."""

from __future__ import annotations

from datetime import UTC, datetime

from services.evaluation.scratch import ingest, scratch_database
from services.store.actors import find_actor
from services.store.articles import NewArticle
from services.store.db import session_scope
from services.store.event_reads import timeline_page

FIRST = ("The Canterra Space Agency postponed the launch of its Tern-1 satellite on Tuesday. Tern-1, a 1.2-ton "
         "satellite, is designed to map crop health.")
SECOND = "Tern-1 separated from the rocket's upper stage on Friday, the Canterra Space Agency said."


def test_a_named_satellite_has_a_timeline_of_its_own(test_services):
    with scratch_database(test_services.admin_url) as url:
        ingest(url, [
            NewArticle(text=FIRST, url="https://one.example/a", published_at=datetime(2026, 7, 8, tzinfo=UTC)),
            NewArticle(text=SECOND, url="https://two.example/b", published_at=datetime(2026, 7, 11, tzinfo=UTC)),
        ])
        with session_scope(url) as session:
            satellite = find_actor(session, "Tern-1")
            assert satellite is not None and satellite.kind == "product"
            events, _ = timeline_page(session, satellite.id, limit=50)
            assert "2026-07-10" in {event["date"]["value"] for event in events}
            agency = find_actor(session, "Canterra Space Agency")
            assert agency.kind == "organisation"
