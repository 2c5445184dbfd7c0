"""Who takes part: the one condition timelines, exports and event search share for "together with X"."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from services.store.models import EventActor


def takes_part(event_id_column, actor_id: int):
    """EXISTS: the actor takes part in the event (a probe of event_actors by event id)."""
    link = aliased(EventActor)
    return select(link.event_id).where(link.event_id == event_id_column, link.actor_id == actor_id).exists()
