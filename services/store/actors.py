"""Actors: one identity per person, organisation or place, whatever order the articles name it in.

`actors_named` is the one alias resolution: the store (an article's actors), the timeline lookup and the
webhook relay all go through it, so a name means the same actor everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session, selectinload

from services.extraction.model import Actor as ExtractedActor
from services.store.evidence import Evidence, fitting, may_be_one_person
from services.store.keys import name_key
from services.store.models import Actor, ActorAlias
from services.store.names import (
    fullness,
    identity_keys,
    is_full_person_name,
    plain_full_name,
    spellings_of_one_name,
    storable_aliases,
    surname_key,
)

# Namespace for transaction-level advisory locks on actor names while resolving (see resolve_actors).
_NAME_LOCK_NAMESPACE = 7_042
MAX_ACTOR_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Named:
    """A stored actor a name key points at, and whether it is the actor's own name or one of its aliases."""

    id: int
    name: str
    name_key: str
    kind: str
    exact: bool
    key: str  # the name key that found it

    @property
    def full_person(self) -> bool:
        return is_full_person_name(self.name, self.kind)

    @property
    def key_spells_name(self) -> bool:
        """The key is the actor's own name, or that full name spelt without initials."""
        return self.exact or (self.full_person and spellings_of_one_name(self.key, self.name, self.kind))


# One fixed statement (the same text for any number of keys, so it is compiled and prepared once): the actors
# whose canonical name is a key, and those that have a key as an alias (not their own name), by id. In psycopg's
# spelling, for the raw read path too (services.store.timeline_reads); SQLAlchemy's below.
# The keys are joined as rows, not matched with `= ANY(array)`: for that form the planner takes the trigram
# GIN indexes of name search (pg_trgm answers equality too), some 45 ms a call for 40 keys and 1,000 actors
# where the btree or a hash join takes 0.5 ms (EXPLAIN ANALYZE on the 96-article corpus).
ACTORS_NAMED_SQL = """
    SELECT k.key, a.id, a.name, a.name_key, a.kind, true AS exact
    FROM unnest(CAST(%(keys)s AS text[])) AS k(key) JOIN actors AS a ON a.name_key = k.key
    UNION ALL
    SELECT k.key, a.id, a.name, a.name_key, a.kind, false
    FROM unnest(CAST(%(keys)s AS text[])) AS k(key) JOIN actor_aliases AS al ON al.alias_key = k.key
    JOIN actors AS a ON a.id = al.actor_id
    WHERE a.name_key <> al.alias_key
    ORDER BY exact DESC, id
"""
_ACTORS_NAMED = text(ACTORS_NAMED_SQL.replace("%(keys)s", ":keys"))


def actors_named(session: Session, keys: set[str]) -> dict[str, list[Named]]:
    """For each name key, the stored actors it names: the one with that canonical name first, then those with
    that alias (by id). One statement, whatever the number of keys."""
    if not keys:
        return {}
    return named_by_key(session.execute(_ACTORS_NAMED, {"keys": sorted(keys)}))


def named_by_key(rows) -> dict[str, list[Named]]:
    """`ACTORS_NAMED_SQL`'s rows (key, id, name, name_key, kind, exact), grouped by the key that found them."""
    found: dict[str, list[Named]] = {}
    for key, actor_id, name, key_of_name, kind, exact in rows:
        found.setdefault(key, []).append(Named(actor_id, name, key_of_name, kind, exact, key))
    return found


# ---- lookup: a name as a user types it -----------------------------------------------------------------------

@dataclass(slots=True)
class Lookup:
    """What a typed name finds: one actor, several people it could mean, or nobody."""

    actor_id: int | None = None
    candidate_ids: list[int] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidate_ids) > 1


def choose(named: list[Named]) -> Lookup:
    """The actor a name means. Its canonical name wins, except a bare surname several people share
    ("Smith" stored alone, and "Joe Smith"); an alias wins when exactly one actor has it. Never a guess."""
    exact = [n for n in named if n.exact]
    others = [n for n in named if not n.exact]
    if exact:
        sharing = [n for n in others if n.kind == "person" and n.full_person]
        if exact[0].kind == "person" and not exact[0].full_person and sharing:
            return Lookup(None, [exact[0].id, *(n.id for n in sharing)])
        return Lookup(exact[0].id)
    # "Donald Trump" is a spelling of "Donald J. Trump" itself, but only an alias of a fused "Joe Donald Trump"
    own = list(dict.fromkeys(n.id for n in others if n.key_spells_name))
    if len(own) == 1:
        return Lookup(own[0])
    ids = list(dict.fromkeys(n.id for n in others))
    if len(ids) == 1:
        return Lookup(ids[0])
    return Lookup(None, ids)


def lookup_names(session: Session, keys: set[str]) -> dict[str, Lookup]:
    """`choose` for many name keys at once (the webhook relay resolves every subscription this way)."""
    named = actors_named(session, keys)
    return {key: choose(named.get(key, [])) for key in keys}


def lookup_actor(session: Session, name: str) -> Lookup:
    """A name (case-insensitive, through aliases) or a numeric id: actor names always hold a letter, so
    digits never clash with a name."""
    stripped = name.strip()
    if stripped.isdigit() and 0 < int(stripped) <= MAX_ACTOR_ID and session.get(Actor, int(stripped)) is not None:
        return Lookup(int(stripped))
    key = name_key(name)
    return lookup_names(session, {key})[key]


def find_actor(session: Session, name: str) -> Actor | None:
    """The one actor a name means, or None (unknown or ambiguous: see `lookup_actor`)."""
    found = lookup_actor(session, name)
    return session.get(Actor, found.actor_id) if found.actor_id is not None else None


def actors_with_counts(session: Session, actor_ids: list[int]) -> list[tuple[Actor, int]]:
    """These actors (in this order) with their aliases and event counts: the candidates of an ambiguous name."""
    if not actor_ids:
        return []
    rows = session.execute(
        select(Actor, Actor.event_count).where(Actor.id.in_(actor_ids)).options(selectinload(Actor.aliases)))
    by_id = {actor.id: (actor, n) for actor, n in rows}
    return [by_id[i] for i in actor_ids if i in by_id]


# ---- the write path: an article's actors -> stored ids ---------------------------------------------------------

@dataclass(slots=True)
class ResolvedActors:
    """An article's actors as stored ids, and the events a merge of two actor rows put on a survivor's timeline."""

    ids: dict[str, int] = field(default_factory=dict)  # by extracted name
    moved_events: dict[int, list[int]] = field(default_factory=dict)  # survivor id -> events it gained


def resolve_actors(session: Session, actors: list[ExtractedActor]) -> ResolvedActors:
    """Stored ids for an article's actors, by extracted name.

    An actor resolves through all its names to a stored actor of the same kind: its canonical name; else the
    one actor that has one of its names as an alias. A surname-only person ("Comey") joins the one stored
    person with that surname its titles fit (`evidence.fitting`: not of another gender, not called by an office
    only other than the person's; among several, the one that held its office); a full name ("James Comey") takes over a surname-only row (renaming
    it, or merging it into the full name's row: the events that moved are reported, so the caller can merge
    those that now tell one happening of one actor). Per-name advisory locks make concurrent workers resolve
    in turn. A person's titles are added to its row (`_add_evidence`).
    """
    resolved = ResolvedActors()
    if not actors:
        return resolved
    extracted = actors
    actors, same_as = _one_per_person(actors)
    said = _evidence_by_name(extracted, same_as)
    _lock_names(session, {key for actor in actors for key in identity_keys(actor)})
    aliases = {actor.name: storable_aliases(actor) for actor in actors}
    keys = {name_key(alias) for names in aliases.values() for alias in names}
    named = actors_named(session, keys)
    known = _stored_evidence(session, actors, named)
    ids = resolved.ids
    shared: dict[str, list[int]] = {}  # bare surname -> the several stored people it fits
    for actor in actors:
        if is_full_person_name(actor.name, actor.kind):
            actor_id = _resolve_full_person(session, actor, aliases[actor.name], named, resolved.moved_events,
                                            said.get(actor.name, _NO_EVIDENCE), known)
        elif actor.kind == "person" and (people := _people_of_surname(actor, named)):
            fit = fitting(said.get(actor.name, _NO_EVIDENCE), {i: known.get(i, _NO_EVIDENCE) for i in people})
            if len(fit) > 1:
                shared[actor.name] = fit  # decided below, by how often the news names each of them
                continue
            row_id = _surname_row_id(actor, named)
            if len(fit) == 1 and (len(people) > 1 or (row_id is not None and not may_be_one_person(
                    said.get(actor.name, _NO_EVIDENCE), known.get(row_id, _NO_EVIDENCE)))):
                actor_id = fit[0]  # the titles the article gives tell which
            elif fit:
                actor_id = _resolve_other(actor, aliases[actor.name], named)
            else:
                actor_id = row_id  # no known person of that surname fits: its own
        else:
            actor_id = _resolve_other(actor, aliases[actor.name], named)
            if actor_id is not None and _takes_over_its_short_form(actor, actor_id, named):
                _rename(session, actor_id, actor.name)  # "Harlow" stored alone, now "Harlow Health Trust"
        if actor_id is not None:
            ids[actor.name] = actor_id
    _resolve_shared_surnames(session, shared, named, known, resolved)
    _create_missing(session, [actor for actor in actors if actor.name not in ids], ids)
    rows = {(ids[actor.name], name_key(alias)): alias for actor in actors for alias in aliases[actor.name]}
    session.execute(_INSERT_ALIASES, {"actor_ids": [actor_id for actor_id, _ in rows],
                                      "aliases": list(rows.values()), "keys": [key for _, key in rows]})
    # a bare surname's titles are its own row's, never a full-named person's it was taken for
    people = {i for actor in actors if not is_full_person_name(actor.name, actor.kind)
              for i in _people_of_surname(actor, named)}
    _add_evidence(session, {ids[name]: evidence for name, evidence in said.items() if name in ids
                            and (is_full_person_name(name, "person") or ids[name] not in people)})
    ids.update({variant: ids[kept] for variant, kept in same_as.items()})
    return resolved


_NO_EVIDENCE = Evidence()


def _evidence_by_name(extracted: list[ExtractedActor], same_as: dict[str, str]) -> dict[str, Evidence]:
    """The titles an article gives each person it names, its other spellings' included (not those of a bare
    surname folded into it: that is a likely reading, not what the article says of the person)."""
    titles: dict[str, set[str]] = {}
    for actor in extracted:
        if actor.kind == "person" and actor.titles and (
                actor.name not in same_as or is_full_person_name(actor.name, actor.kind)):
            titles.setdefault(same_as.get(actor.name, actor.name), set()).update(actor.titles)
    return {name: Evidence.of(found) for name, found in titles.items()}


_STORED_EVIDENCE = text("SELECT id, titles FROM actors WHERE id = ANY(CAST(:ids AS bigint[]))")


def _stored_evidence(session: Session, actors: list[ExtractedActor], named: dict[str, list[Named]]
                     ) -> dict[int, Evidence]:
    """What the articles said of the stored people a bare surname may join, and of the surname-only rows a full
    name may take over and the people of that surname (one statement, only when there are such people)."""
    ids = set()
    for actor in actors:
        if actor.kind != "person":
            continue
        if is_full_person_name(actor.name, actor.kind):
            rows = [n for n in named.get(surname_key(actor.name, actor.kind), ()) if n.kind == "person"]
            if any(not n.full_person for n in rows):  # the row, and the other people it may be
                ids |= {n.id for n in rows}
        else:
            ids |= {n.id for n in named.get(name_key(actor.name), ()) if n.kind == "person"}
    if not ids:
        return {}
    rows = session.execute(_STORED_EVIDENCE, {"ids": sorted(ids)})
    return {i: Evidence.of(titles) for i, titles in rows}


# Union, so the same articles in any order leave the same set; a row already holding them is not rewritten. The
# titles go as one comma-joined text per row (an array of arrays would unnest flat).
_ADD_EVIDENCE = text("""
    UPDATE actors AS a
    SET titles = ARRAY(SELECT DISTINCT t FROM unnest(a.titles || string_to_array(v.titles, ',')) AS t ORDER BY t)
    FROM unnest(CAST(:ids AS bigint[]), CAST(:titles AS text[])) AS v(id, titles)
    WHERE a.id = v.id AND NOT string_to_array(v.titles, ',') <@ a.titles
""")


def _add_evidence(session: Session, by_id: dict[int, Evidence]) -> None:
    titled = sorted(i for i, evidence in by_id.items() if evidence.titles)
    if titled:
        session.execute(_ADD_EVIDENCE, {"ids": titled, "titles": [",".join(sorted(by_id[i].titles)) for i in titled]})


def _one_per_person(actors: list[ExtractedActor]) -> tuple[list[ExtractedActor], dict[str, str]]:
    """One actor per person an article names: the spellings of one full name ("James B. Comey", "James
    Comey") become the cleanest, longest one, and a bare surname the one full name in the article that ends
    with it, unless its titles tell another person (`evidence.may_be_one_person`). Returns the actors and which
    name each folded one went to."""
    groups: dict[str, list[ExtractedActor]] = {}
    for actor in actors:
        if is_full_person_name(actor.name, actor.kind):
            plain = plain_full_name(actor.name, actor.kind) or actor.name
            groups.setdefault(name_key(plain), []).append(actor)
    kept_by_surname: dict[str, set[str]] = {}
    same_as: dict[str, str] = {}
    folded: dict[str, list[ExtractedActor]] = {}
    for group in groups.values():
        kept = max(group, key=lambda a: fullness(a.name))
        folded[kept.name] = group
        same_as.update({a.name: kept.name for a in group if a.name != kept.name})
        kept_by_surname.setdefault(surname_key(kept.name, kept.kind), set()).add(kept.name)
    by_name = {actor.name: actor for actor in actors}
    for actor in actors:
        if actor.kind == "person" and not is_full_person_name(actor.name, actor.kind):
            full = kept_by_surname.get(name_key(actor.name), set())
            if len(full) == 1 and may_be_one_person(_evidence_of(actor), _evidence_of(by_name[next(iter(full))])):
                same_as[actor.name] = next(iter(full))
                folded[same_as[actor.name]].append(actor)
    merged = {}
    for name, group in folded.items():
        if len(group) > 1:
            kept = next(a for a in group if a.name == name)
            merged[name] = replace(kept, aliases=tuple(dict.fromkeys(n for a in group for n in (a.name, *a.aliases))))
    return [merged.get(a.name, a) for a in actors if a.name not in same_as], same_as


def _evidence_of(actor: ExtractedActor) -> Evidence:
    return Evidence.of(actor.titles)


# One round trip for all of an article's names, taken in one order everywhere (no deadlocks).
_LOCK_NAMES = text("""
    SELECT count(pg_advisory_xact_lock(:ns, h)) FROM (
        SELECT DISTINCT hashtext(k) AS h FROM unnest(CAST(:keys AS text[])) AS k ORDER BY h) AS ordered
""")


def _lock_names(session: Session, keys: set[str]) -> None:
    if keys:
        session.execute(_LOCK_NAMES, {"ns": _NAME_LOCK_NAMESPACE, "keys": sorted(keys)})


def _resolve_full_person(session: Session, actor: ExtractedActor, names: list[str],
                         named: dict[str, list[Named]], moved_events: dict[int, list[int]], said: Evidence,
                         known: dict[int, Evidence]) -> int | None:
    key = name_key(actor.name)
    exact = [n for n in named.get(key, []) if n.exact]
    actor_id = exact[0].id if exact else None
    if actor_id is None:
        # Another spelling of the full name ("James B. Comey" beside "James Comey": both have the alias "James
        # Comey"); a bare surname never joins two full names ("Pat Comey" is not "James Comey").
        # A stored actor of that very name outweighs ones that merely list it as an alias.
        found = [n for alias in names if len(alias.split()) > 1 for n in named.get(name_key(alias), [])
                 if n.kind == actor.kind]
        best = ({n.id: n for n in found if n.exact} or {n.id: n for n in found if n.key_spells_name}
                or {n.id: n for n in found})
        if len(best) == 1:
            (actor_id, stored), = best.items()
            # the fuller spelling of one name names the person, whichever came first
            if spellings_of_one_name(actor.name, stored.name, actor.kind) and fullness(actor.name) > fullness(
                    stored.name):
                _rename(session, actor_id, actor.name)
    family = surname_key(actor.name, actor.kind)
    surname_row = _surname_only_row(named.get(family, []), actor_id, said, known)
    if surname_row is None:
        return actor_id
    if actor_id is None:
        _rename(session, surname_row.id, actor.name)
        return surname_row.id
    moved_events.setdefault(actor_id, []).extend(
        merge_actors(session, survivor_id=actor_id, absorbed_id=surname_row.id))
    return actor_id


def _surname_only_row(named: list[Named], full_name_id: int | None, said: Evidence,
                      known: dict[int, Evidence]) -> Named | None:
    """The stored surname-only person a full name may take over: one its titles fit ("Mr Lane" stored alone is
    not "First Lady Ann Lane"), when no other full name it may be shares the surname."""
    row = next((n for n in named if n.exact and n.kind == "person" and not n.full_person), None)
    if row is None:
        return None
    row_said = known.get(row.id, _NO_EVIDENCE)
    if not may_be_one_person(row_said, said) or any(
            n.full_person and n.kind == "person" and n.id != full_name_id
            and may_be_one_person(row_said, known.get(n.id, _NO_EVIDENCE)) for n in named):
        return None
    return row


def _people_of_surname(actor: ExtractedActor, named: dict[str, list[Named]]) -> list[int]:
    """The stored full-named people a bare surname is the alias of (by id)."""
    return list(dict.fromkeys(n.id for n in named.get(name_key(actor.name), ()) if n.kind == "person"
                              and n.full_person))


def _surname_row_id(actor: ExtractedActor, named: dict[str, list[Named]]) -> int | None:
    """The stored surname-only person of this name, if there is one (else the caller creates it)."""
    return next((n.id for n in named.get(name_key(actor.name), ()) if n.exact and n.kind == "person"
                 and not n.full_person), None)


def _resolve_other(actor: ExtractedActor, names: list[str], named: dict[str, list[Named]]) -> int | None:
    """A surname-only person, organisation, place or group: its canonical name, else the one actor of its
    kind one of its names is an alias of. A body's short form ("Harlow" of "Harlow Health Trust") leads only to
    a body stored under that short form alone, never to another body that shares it ("Harlow Partners")."""
    exact = [n for n in named.get(name_key(actor.name), []) if n.exact]
    short = _short_form(actor)
    found = {n.id for alias in names for n in named.get(name_key(alias), []) if n.kind == actor.kind
             and not (alias == short and n.name != short)}
    if exact and (exact[0].kind == actor.kind or len(found) != 1):
        return exact[0].id
    # A row of that name but another kind is an earlier misreading ("Pettibone" once taken for a place): the one
    # actor of this kind that has the name as an alias ("Marvin Lee Pettibone Jr.") is who this report names.
    return found.pop() if len(found) == 1 else None


# A bare surname several known people share (and fit) goes to the one the news names far more often than all the
# others together ("Clinton" in 2016 is Hillary Clinton, not Chelsea), who also takes over a stored surname-only
# row; else it stays a person of its own. Not to the one named most often: between people named about as often
# that is a guess, and a wrong one puts an event on another person's timeline, where a person of its own stays
# findable (its surname lists the candidates). Measured on the 96 articles (README), the guess would change 2 of
# 906 article person names and no event.
DOMINANT_SHARE = 3
DOMINANT_MIN_EVENTS = 5
_COUNT_CAP = 1_000  # enough to tell dominance; bounds the work for a very well-known person

_EVENT_COUNTS = text("""
    SELECT id, (SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE actor_id = id LIMIT :cap) AS capped) AS n
    FROM unnest(CAST(:ids AS bigint[])) AS id
""")


def _resolve_shared_surnames(session: Session, people: dict[str, list[int]], named: dict[str, list[Named]],
                             known: dict[int, Evidence], resolved: ResolvedActors) -> None:
    """Bare surnames several stored people fit (one statement for the article's): the dominant person, who
    also takes over a stored surname-only row; without one, that row, else a new one (`_create_missing`)."""
    if not people:
        return
    counts = dict(session.execute(_EVENT_COUNTS, {
        "ids": sorted({i for ids in people.values() for i in ids}), "cap": _COUNT_CAP}).all())
    names = {n.id: n.name for found in named.values() for n in found}
    for name, candidates in people.items():
        first, *others = sorted(candidates, key=lambda i: (-counts.get(i, 0), names.get(i, ""), i))
        dominant = counts.get(first, 0) >= max(DOMINANT_MIN_EVENTS, DOMINANT_SHARE * sum(counts.get(i, 0)
                                                                                          for i in others))
        row = next((n for n in named.get(name_key(name), ()) if n.exact), None)
        if dominant and row is not None and row.kind == "person" and not row.full_person \
                and may_be_one_person(known.get(row.id, _NO_EVIDENCE), known.get(first, _NO_EVIDENCE)):
            resolved.moved_events.setdefault(first, []).extend(
                merge_actors(session, survivor_id=first, absorbed_id=row.id))
            resolved.ids.update({other: first for other, i in resolved.ids.items() if i == row.id})
        if dominant:
            resolved.ids[name] = first
        elif row is not None:
            resolved.ids[name] = row.id


def _short_form(actor: ExtractedActor) -> str | None:
    """The one-word alias that is the first word of a body's longer name ("Harlow" of "Harlow Health Trust")."""
    words = actor.name.split()
    if actor.kind != "organisation" or len(words) < 2 or words[0] not in actor.aliases:
        return None
    return words[0]


def _takes_over_its_short_form(actor: ExtractedActor, actor_id: int, named: dict[str, list[Named]]) -> bool:
    """Whether the row a body's name resolved to is stored under the body's short form alone: the longer name,
    which says more, becomes its name (an article that named only "Harlow" came first)."""
    short = _short_form(actor)
    return short is not None and any(n.id == actor_id and n.exact and n.name == short
                                     for n in named.get(name_key(short), ()))


def _rename(session: Session, actor_id: int, name: str) -> None:
    session.execute(Actor.__table__.update().where(Actor.id == actor_id).values(name=name, name_key=name_key(name)))


def merge_actors(session: Session, *, survivor_id: int, absorbed_id: int) -> list[int]:
    """Fold one actor row into another: its events and aliases follow (sources hang off the events).
    Webhook subscriptions name actors and are resolved when changes are relayed, so the absorbed name, now an
    alias of the survivor, reaches the survivor. Returns the events the survivor gained."""
    params = {"survivor": survivor_id, "absorbed": absorbed_id}
    moved = session.execute(text("""
        INSERT INTO event_actors (actor_id, date_start, event_id, date_end, role)
        SELECT :survivor, date_start, event_id, date_end, role FROM event_actors WHERE actor_id = :absorbed
        ON CONFLICT DO NOTHING
        RETURNING event_id
    """), params).scalars().all()
    session.execute(text("""
        INSERT INTO actor_aliases (actor_id, alias, alias_key)
        SELECT :survivor, alias, alias_key FROM actor_aliases WHERE actor_id = :absorbed
        ON CONFLICT DO NOTHING
    """), params)
    # where events happened follows too (the foreign key would only forget it), and the latest report
    session.execute(text("UPDATE events SET place_actor_id = :survivor WHERE place_actor_id = :absorbed"), params)
    session.execute(text("""
        UPDATE actors AS s
        SET titles = ARRAY(SELECT DISTINCT t FROM unnest(s.titles || a.titles) AS t ORDER BY t)
        FROM actors AS a WHERE s.id = :survivor AND a.id = :absorbed
    """), params)
    session.execute(text("""
        UPDATE actors SET last_reported_at = greatest(last_reported_at,
            (SELECT last_reported_at FROM actors WHERE id = :absorbed)) WHERE id = :survivor
    """), params)
    session.execute(Actor.__table__.delete().where(Actor.id == absorbed_id))  # cascades to its links and aliases
    return list(moved)


# Fixed statements over arrays (one text for any number of rows: compiled and prepared once, where a VALUES
# list is a new statement for every length).
_INSERT_ALIASES = text("""
    INSERT INTO actor_aliases (actor_id, alias, alias_key)
    SELECT * FROM unnest(CAST(:actor_ids AS bigint[]), CAST(:aliases AS text[]), CAST(:keys AS text[]))
    ON CONFLICT ON CONSTRAINT uq_actor_aliases_actor_alias DO NOTHING
""")
_INSERT_ACTORS = text("""
    INSERT INTO actors (name, name_key, kind)
    SELECT * FROM unnest(CAST(:names AS text[]), CAST(:keys AS text[]), CAST(:kinds AS text[]))
    ON CONFLICT (name_key) DO NOTHING
    RETURNING name_key, id
""")
_ACTOR_IDS = text("SELECT a.name_key, a.id FROM unnest(CAST(:keys AS text[])) AS k(key) JOIN actors AS a ON a.name_key = k.key")


def _create_missing(session: Session, new: list[ExtractedActor], ids: dict[str, int]) -> None:
    if not new:
        return
    rows = {name_key(a.name): a for a in new}
    created = dict(session.execute(_INSERT_ACTORS, {
        "names": [a.name for a in rows.values()], "keys": list(rows), "kinds": [a.kind for a in rows.values()],
    }).all())
    if len(created) < len(rows):  # a concurrent transaction inserted some of them first
        created.update(session.execute(_ACTOR_IDS, {"keys": [k for k in rows if k not in created]}).all())
    ids.update({actor.name: created[name_key(actor.name)] for actor in new})


# ---- search ------------------------------------------------------------------------------------------------------

def search_actors(session: Session, query: str, *, limit: int = 20) -> list[tuple[Actor, int]]:
    """Actors whose name or an alias contains the query, best known first, with their event counts."""
    key = name_key(query)
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    matching = select(ActorAlias.actor_id).where(ActorAlias.alias_key.like(pattern))
    count = Actor.event_count  # stored (kept by triggers): ranking never counts each match's events
    rows = session.execute(
        select(Actor, count)
        .where(or_(Actor.name_key.like(pattern), Actor.id.in_(matching)))
        .options(selectinload(Actor.aliases))
        .order_by(Actor.name_key.startswith(key).desc(), count.desc(), Actor.name_key)
        .limit(limit)
    ).all()
    return [(actor, event_count) for actor, event_count in rows]


def event_count(session: Session, actor_id: int) -> int:
    return session.execute(select(Actor.event_count).where(Actor.id == actor_id)).scalar_one()
