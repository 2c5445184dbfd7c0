"""The change feed: what one article's write created and updated, appended in its transaction (the outbox that
webhooks and live streams read)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(slots=True)
class SavedEvents:
    created: list[int] = field(default_factory=list)  # new events
    updated: list[int] = field(default_factory=list)  # existing events that gained a source from this article



# Listeners (live streams) wake on this channel instead of polling; the payload is the newest change id.
CHANGES_CHANNEL = "annals_event_changes"


def record_changes(session: Session, saved: SavedEvents) -> None:
    """Append to the change feed in the caller's transaction: the outbox for webhooks and live streams."""
    event_ids = [*saved.created, *saved.updated]
    if event_ids:
        kinds = ["created"] * len(saved.created) + ["updated"] * len(saved.updated)
        session.execute(_RECORD_CHANGES, {"ids": event_ids, "kinds": kinds, "channel": CHANGES_CHANNEL})


# One round trip: the rows (in this order) and the notification carrying the newest id.
_RECORD_CHANGES = text("""
    WITH changes AS (
        INSERT INTO event_changes (event_id, kind)
        SELECT event_id, kind
        FROM unnest(CAST(:ids AS bigint[]), CAST(:kinds AS text[])) WITH ORDINALITY AS c(event_id, kind, n)
        ORDER BY n
        RETURNING id
    )
    SELECT pg_notify(:channel, CAST(max(id) AS text)) FROM changes
""")
