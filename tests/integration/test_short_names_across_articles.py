"""A body one article names in full ("Brightwater Hospice") and another only by its short form ("Brightwater")
is one stored actor, whichever article arrives first, named by its full name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.evaluation.scratch import ingest, scratch_database
from services.store.actors import find_actor
from services.store.articles import NewArticle
from services.store.db import session_scope
from services.store.event_reads import timeline_page

FULL = NewArticle(text="Brightwater Hospice closed two wards on Monday, its chief executive said.",
                  url="https://one.example/full", published_at=datetime(2026, 3, 5, tzinfo=UTC))
SHORT = NewArticle(text="Brightwater said on Tuesday that it would cut 40 jobs. The hospice has 300 staff.",
                   url="https://two.example/short", published_at=datetime(2026, 3, 5, tzinfo=UTC))
OTHER = NewArticle(text="Brightwater Partners, an investment firm, bought a stake in a bakery on Wednesday.",
                   url="https://three.example/other", published_at=datetime(2026, 3, 5, tzinfo=UTC))


@pytest.mark.parametrize("order", [(FULL, SHORT), (SHORT, FULL)], ids=["full first", "short first"])
def test_a_short_form_and_the_full_name_are_one_body(test_services, order):
    with scratch_database(test_services.admin_url) as url:
        ingest(url, list(order))
        with session_scope(url) as session:
            body = find_actor(session, "Brightwater Hospice")
            assert body is not None and body.name == "Brightwater Hospice"
            assert find_actor(session, "Brightwater").id == body.id
            events, _ = timeline_page(session, body.id, limit=50)
            assert {"2026-03-02", "2026-03-03"} <= {event["date"]["value"] for event in events}


def test_a_short_form_never_joins_another_body_that_shares_it(test_services):
    with scratch_database(test_services.admin_url) as url:
        ingest(url, [FULL, OTHER, SHORT])
        with session_scope(url) as session:
            hospice, firm = find_actor(session, "Brightwater Hospice"), find_actor(session, "Brightwater Partners")
            assert hospice is not None and firm is not None and hospice.id != firm.id
