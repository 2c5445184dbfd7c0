"""A name (or id) in a URL -> the actor it means, or the problem answer: unknown (404) or ambiguous (409)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.errors import ActorNotFound, AmbiguousActor
from services.store.actors import actors_with_counts, lookup_actor, search_actors
from services.store.models import Actor


def candidates_json(session: Session, actor_ids: list[int]) -> list[dict]:
    """The actors an ambiguous name may mean, most reported first."""
    found = actors_with_counts(session, actor_ids)
    found.sort(key=lambda pair: (-pair[1], pair[0].name))
    return [{"id": actor.id, "name": actor.name, "kind": actor.kind, "event_count": count} for actor, count in found]


def actor_or_problem(session: Session, name: str, *, suggest: bool = True) -> Actor:
    """The one actor `name` means; a shared surname is a 409 listing the candidates, never a silent pick."""
    return session.get(Actor, actor_id_or_problem(session, name, suggest=suggest))


def actor_id_or_problem(session: Session, name: str, *, suggest: bool = True) -> int:
    """The id of the one actor `name` means, or the 404/409 problem (see actor_or_problem)."""
    found = lookup_actor(session, name)
    if found.actor_id is not None:
        return found.actor_id
    if found.ambiguous:
        candidates = candidates_json(session, found.candidate_ids)
        raise AmbiguousActor(f"{name!r} names {len(candidates)} actors; ask for one by its full name or id",
                             candidates=candidates)
    suggestions = []
    if suggest:
        words = name.split()
        suggestions = [actor.name for actor, _ in search_actors(session, words[-1] if words else name, limit=5)]
    raise ActorNotFound(f"no actor named {name!r}", suggestions=suggestions)
