"""Actors: resolve extracted names to stored actors through the alias table, look them up, search them."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, selectinload

from services.extraction.model import Actor as ExtractedActor
from services.store.keys import name_key
from services.store.models import Actor, ActorAlias, EventActor


def _event_count(actor_id_column):
    return select(func.count()).where(EventActor.actor_id == actor_id_column).scalar_subquery()


def _best_alias_match(session: Session, key: str, kind: str | None = None) -> int | None:
    """The actor an alias names; when several share it ("Kim"), the one with most events wins."""
    query = select(ActorAlias.actor_id).join(Actor).where(ActorAlias.alias_key == key)
    if kind is not None:
        query = query.where(Actor.kind == kind)
    candidates = list(session.execute(query.order_by(ActorAlias.actor_id).limit(20)).scalars())
    if len(candidates) <= 1:  # the usual case: no need to count anyone's events
        return candidates[0] if candidates else None
    counted = select(EventActor.actor_id, func.count().label("n")).where(EventActor.actor_id.in_(candidates))
    counts = dict(session.execute(counted.group_by(EventActor.actor_id)).all())
    return max(candidates, key=lambda actor_id: (counts.get(actor_id, 0), -actor_id))


def resolve_actors(session: Session, actors: list[ExtractedActor]) -> dict[str, int]:
    """Stored ids for an article's actors (by extracted name): same name, else a known alias of the same
    kind, else a new actor. A later article that only says "Putin" joins the "Vladimir Putin" seen before.

    A handful of statements for the whole article, whatever its number of actors (this is the write path).
    """
    if not actors:
        return {}
    keys = {actor.name: name_key(actor.name) for actor in actors}
    by_key = dict(session.execute(select(Actor.name_key, Actor.id).where(Actor.name_key.in_(set(keys.values())))).all())
    ids: dict[str, int] = {}
    for actor in actors:
        actor_id = by_key.get(keys[actor.name]) or _best_alias_match(session, keys[actor.name], actor.kind)
        if actor_id is not None:
            ids[actor.name] = actor_id
    new = [actor for actor in actors if actor.name not in ids]
    if new:
        rows = {keys[a.name]: {"name": a.name, "name_key": keys[a.name], "kind": a.kind} for a in new}
        session.execute(insert(Actor).values(list(rows.values())).on_conflict_do_nothing(index_elements=["name_key"]))
        # also picks up actors a concurrent transaction inserted first
        created = dict(session.execute(select(Actor.name_key, Actor.id).where(Actor.name_key.in_(rows))).all())
        ids.update({actor.name: created[keys[actor.name]] for actor in new})
    aliases = {
        (ids[actor.name], name_key(alias)): alias
        for actor in actors
        for alias in (actor.name, *actor.aliases)
        if alias.strip()
    }
    session.execute(
        insert(ActorAlias)
        .values([{"actor_id": actor_id, "alias": alias, "alias_key": key} for (actor_id, key), alias in aliases.items()])
        .on_conflict_do_nothing(constraint="uq_actor_aliases_actor_alias")
    )
    return ids


def find_actor(session: Session, name: str) -> Actor | None:
    """Case-insensitive lookup by canonical name, then by alias."""
    key = name_key(name)
    actor = session.execute(select(Actor).where(Actor.name_key == key)).scalar_one_or_none()
    if actor is None:
        actor_id = _best_alias_match(session, key)
        actor = session.get(Actor, actor_id) if actor_id is not None else None
    return actor


def search_actors(session: Session, query: str, *, limit: int = 20) -> list[tuple[Actor, int]]:
    """Actors whose name or an alias contains the query, best known first, with their event counts."""
    key = name_key(query)
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    matching = select(ActorAlias.actor_id).where(ActorAlias.alias_key.like(pattern))
    count = _event_count(Actor.id).label("event_count")
    rows = session.execute(
        select(Actor, count)
        .where(or_(Actor.name_key.like(pattern), Actor.id.in_(matching)))
        .options(selectinload(Actor.aliases))
        .order_by(Actor.name_key.startswith(key).desc(), count.desc(), Actor.name_key)
        .limit(limit)
    ).all()
    return [(actor, event_count) for actor, event_count in rows]


def event_count(session: Session, actor_id: int) -> int:
    return session.execute(select(func.count()).where(EventActor.actor_id == actor_id)).scalar_one()
