"""The write of one article's merge: its new events with their timeline rows and sources, and the revisions,
actors and confidences of the stored events it reported, in a few batched statements."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from services.store.candidates import Candidate, CandidatePool
from services.store.change_feed import SavedEvents
from services.store.models import Article
from services.store.revision import corroborated_confidence, outlet_of


def write_article(session: Session, article: Article, pool: CandidatePool, saved: SavedEvents) -> None:
    """What the article's reports changed, in at most four statements: the outlets of the events it updated,
    their revisions and confidences, then its new events with their timeline rows and all its sources."""
    if saved.updated:
        update_events(session, pool.revised(), _corroborated(session, article, pool, saved.updated))
    created = pool.created
    sources = list(pool.mentions.values())
    if not sources:
        return
    ids = dict(session.execute(_INSERT_EVENTS_AND_SOURCES, {
        "date_values": [c.event.date.value for c in created], "starts": [c.event.date.start for c in created],
        "ends": [c.event.date.end for c in created], "granularities": [c.event.date.granularity for c in created],
        "summaries": [c.event.summary[:200] for c in created], "triggers": [c.event.trigger for c in created],
        "statuses": [c.event.status for c in created], "confidences": [c.event.confidence for c in created],
        "fingerprints": [c.fingerprint for c in created], "types": [c.type for c in created],
        "place_ids": [c.place_id for c in created], "speakers": [c.event.speaker for c in created],
        **_links([(c.rank + 1, c.actor_ids, c.source_ids) for c in created]),
        "article_id": article.id,
        "source_events": [c.id for c, _ in sources],
        "source_new_events": [c.rank + 1 if c.id is None else None for c, _ in sources],
        "sentences": [row["sentence"] for _, row in sources],
        "start_offsets": [row["start_offset"] for _, row in sources],
        "end_offsets": [row["end_offset"] for _, row in sources],
        **_told(row["report"] for _, row in sources),
    }).all())
    saved.created.extend(ids[c.rank + 1] for c in created)


def _told(reports) -> dict[str, list]:
    """The :report_* arrays of `_INSERT_EVENTS_AND_SOURCES`: each source's report as told."""
    reports = list(reports)
    return {"report_triggers": [r.trigger for r in reports], "report_summaries": [r.summary for r in reports],
            "report_values": [r.date.value for r in reports], "report_starts": [r.date.start for r in reports],
            "report_ends": [r.date.end for r in reports], "report_granularities": [r.date.granularity for r in reports],
            "report_statuses": [r.status for r in reports]}


def _corroborated(session: Session, article: Article, pool: CandidatePool, event_ids: list[int]
                  ) -> dict[int, float]:
    """Confidence from the best report and the number of independent outlets that reported each event: those of
    its stored sources and, for the events this article's reports joined, this article's own."""
    own = outlet_of(article.source, article.url, article.id)
    confidences = {}
    for event_id, report_confidence, article_ids, outlets, urls in session.execute(_OUTLETS, {"ids": event_ids}):
        found = {outlet_of(source, url, article_id) for article_id, source, url in zip(
            article_ids, outlets, urls, strict=True) if article_id is not None}
        candidate = pool.candidates.get(event_id)
        if candidate is not None and candidate.reported:
            found.add(own)
            report_confidence = candidate.event.confidence
        confidences[event_id] = corroborated_confidence(report_confidence, len(found))
    return confidences


_OUTLETS = text("""
    SELECT e.id, e.report_confidence, array_agg(art.id), array_agg(art.source), array_agg(art.url)
    FROM events AS e LEFT JOIN event_sources AS s ON s.event_id = e.id LEFT JOIN articles AS art ON art.id = s.article_id
    WHERE e.id = ANY(CAST(:ids AS bigint[])) GROUP BY e.id
""")


def update_events(session: Session, revised: list[Candidate], confidences: dict[int, float]) -> None:
    """One statement: the revised events' new values (a finer date moves their timeline rows too), the actors
    they gained, and the confidence and update time of every event in `confidences`."""
    _promote(session, revised)
    rows = {candidate.id: candidate for candidate in revised}
    ids = list(dict.fromkeys([*rows, *confidences]))
    if not ids:
        return
    values = [rows.get(event_id) for event_id in ids]
    session.execute(_UPDATE_EVENTS, {
        "ids": ids,
        "confidences": [confidences.get(event_id) for event_id in ids],
        "updated_at": datetime.now(UTC) if confidences else None,
        "date_values": [c and c.event.date.value for c in values],
        "starts": [c and c.event.date.start for c in values],
        "ends": [c and c.event.date.end for c in values],
        "granularities": [c and c.event.date.granularity for c in values],
        "statuses": [c and c.event.status for c in values],
        "report_confidences": [c and c.event.confidence for c in values],
        "triggers": [c and c.event.trigger for c in values],
        "summaries": [c and c.event.summary for c in values],
        "fingerprints": [c and c.fingerprint for c in values],
        "place_ids": [c and c.place_id for c in values],
        "types": [c and c.type for c in values],
        "speakers": [c and c.event.speaker for c in values],
        "dates_moved": [bool(c and c.date_moved) for c in values],
        **_links([(c.id, c.added_actor_ids, c.added_source_ids) for c in revised]),
    })
    for candidate in revised:  # written: a later write of the same candidate starts from here
        candidate.actor_ids |= candidate.added_actor_ids
        candidate.added_actor_ids.clear()
        candidate.added_source_ids.clear()
        candidate.date_moved = False


def _links(events: list[tuple[int, set[int], set[int]]]) -> dict[str, list]:
    """The :link_events, :link_actors and :link_roles arrays of `_link_actors`: (event key, participants,
    sources) per event."""
    links = [(key, actor_id, role) for key, participants, sources in events
             for ids, role in ((participants, "participant"), (sources, "source")) for actor_id in sorted(ids)]
    return {"link_events": [key for key, _, _ in links], "link_actors": [actor_id for _, actor_id, _ in links],
            "link_roles": [role for _, _, role in links]}


def _promote(session: Session, revised: list[Candidate]) -> None:
    """Stored sources that a later report has taking part become participants (rare: its own statement)."""
    pairs = [(c.id, actor_id) for c in revised for actor_id in sorted(c.promoted_ids)]
    if pairs:
        session.execute(_PROMOTE, {"events": [e for e, _ in pairs], "actors": [a for _, a in pairs]})
    for candidate in revised:
        candidate.actor_ids |= candidate.promoted_ids
        candidate.promoted_ids.clear()


_PROMOTE = text("""
    UPDATE event_actors AS ea SET role = 'participant'
    FROM unnest(CAST(:events AS bigint[]), CAST(:actors AS bigint[])) AS p(event_id, actor_id)
    WHERE ea.event_id = p.event_id AND ea.actor_id = p.actor_id
""")


def _link_actors(events: str, key: str) -> str:
    """SQL: timeline rows for (event, actor, role) given as the arrays :link_events, :link_actors and :link_roles,
    the events found in the CTE `events` by its column `key`, with their dates."""
    return f"""
        INSERT INTO event_actors (actor_id, date_start, event_id, date_end, role)
        SELECT l.actor_id, {events}.date_start, {events}.id, {events}.date_end, l.role
        FROM unnest(CAST(:link_events AS bigint[]), CAST(:link_actors AS bigint[]), CAST(:link_roles AS text[]))
             AS l(event_key, actor_id, role)
        JOIN {events} ON {events}.{key} = l.event_key
        ON CONFLICT DO NOTHING"""


# Fixed statements over arrays (one text for any number of rows: compiled and prepared once, where a VALUES list
# built per call is a new statement for every length). A NULL keeps the stored value: an event folded into
# another one changes only its confidence here. New timeline rows are never linked rows already (the actors an
# event gained), so moving the dates of its rows and adding rows in one statement cannot collide.
_UPDATE_EVENTS = text(f"""
    WITH v AS (
        SELECT * FROM unnest(
            CAST(:ids AS bigint[]), CAST(:confidences AS float8[]), CAST(:date_values AS text[]),
            CAST(:starts AS date[]), CAST(:ends AS date[]), CAST(:granularities AS text[]),
            CAST(:statuses AS text[]), CAST(:report_confidences AS float8[]), CAST(:triggers AS text[]),
            CAST(:summaries AS text[]), CAST(:fingerprints AS text[]), CAST(:place_ids AS bigint[]),
            CAST(:types AS text[]), CAST(:speakers AS text[]), CAST(:dates_moved AS boolean[]))
            AS v(id, confidence, date_value, date_start, date_end, granularity, status, report_confidence, trigger,
                 summary, fingerprint, place_actor_id, type, speaker, dates_moved)
    ), moved AS (
        UPDATE event_actors AS ea SET date_start = v.date_start, date_end = v.date_end
        FROM v WHERE ea.event_id = v.id AND v.dates_moved
    ), linked AS ({_link_actors("v", "id")}
    )
    UPDATE events AS e SET
        confidence = coalesce(v.confidence, e.confidence),
        updated_at = coalesce(CAST(:updated_at AS timestamptz), e.updated_at),
        date_value = coalesce(v.date_value, e.date_value), date_start = coalesce(v.date_start, e.date_start),
        date_end = coalesce(v.date_end, e.date_end), granularity = coalesce(v.granularity, e.granularity),
        status = coalesce(v.status, e.status), report_confidence = coalesce(v.report_confidence, e.report_confidence),
        trigger = coalesce(v.trigger, e.trigger), summary = coalesce(v.summary, e.summary),
        -- the wording's speaker, NULL included (a revised row always carries its trigger; a folded one none)
        speaker = CASE WHEN v.trigger IS NULL THEN e.speaker ELSE v.speaker END,
        fingerprint = coalesce(v.fingerprint, e.fingerprint),
        place_actor_id = coalesce(e.place_actor_id, v.place_actor_id), type = coalesce(v.type, e.type)
    FROM v WHERE e.id = v.id
""")




# An article's new events (ids drawn first, so its sources and timeline rows can name them), their timeline rows
# and all its sources, in one round trip. A source names a stored event, or the n-th new one.
_INSERT_EVENTS_AND_SOURCES = text(f"""
    WITH new AS MATERIALIZED (
        SELECT nextval(pg_get_serial_sequence('events', 'id')) AS id, v.*
        FROM unnest(CAST(:date_values AS text[]), CAST(:starts AS date[]), CAST(:ends AS date[]),
                    CAST(:granularities AS text[]), CAST(:summaries AS text[]), CAST(:triggers AS text[]),
                    CAST(:statuses AS text[]), CAST(:confidences AS float8[]), CAST(:fingerprints AS text[]),
                    CAST(:types AS text[]), CAST(:place_ids AS bigint[]), CAST(:speakers AS text[]))
             WITH ORDINALITY AS v(date_value, date_start, date_end, granularity, summary, trigger, status,
                                  confidence, fingerprint, type, place_actor_id, speaker, n)
    ), event AS (
        INSERT INTO events (id, date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                            report_confidence, fingerprint, type, place_actor_id, speaker, actor_ids)
        SELECT id, date_value, date_start, date_end, granularity, summary, trigger, status, confidence, confidence,
               fingerprint, type, place_actor_id, speaker,
               -- what event_actors' trigger would write: the row is not rewritten for it (migration 0006_search2)
               ARRAY(SELECT DISTINCT l.actor_id
                     FROM unnest(CAST(:link_events AS bigint[]), CAST(:link_actors AS bigint[])) AS l(event_key, actor_id)
                     WHERE l.event_key = new.n ORDER BY 1)
        FROM new
    ), timeline AS ({_link_actors("new", "n")}
    ), sources AS (
        INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset, trigger, summary,
                                   date_value, date_start, date_end, granularity, status)
        SELECT coalesce(s.event_id, new.id), :article_id, s.sentence, s.start_offset, s.end_offset, s.trigger,
               s.summary, s.date_value, s.date_start, s.date_end, s.granularity, s.status
        FROM unnest(CAST(:source_events AS bigint[]), CAST(:source_new_events AS bigint[]),
                    CAST(:sentences AS text[]), CAST(:start_offsets AS integer[]), CAST(:end_offsets AS integer[]),
                    CAST(:report_triggers AS text[]), CAST(:report_summaries AS text[]),
                    CAST(:report_values AS text[]), CAST(:report_starts AS date[]), CAST(:report_ends AS date[]),
                    CAST(:report_granularities AS text[]), CAST(:report_statuses AS text[]))
             WITH ORDINALITY AS s(event_id, n, sentence, start_offset, end_offset, trigger, summary, date_value,
                                  date_start, date_end, granularity, status, position)
        LEFT JOIN new ON new.n = s.n
        ORDER BY s.position  -- source ids in text order: the search text joins an event's evidence in id order
        ON CONFLICT DO NOTHING
    )
    SELECT n, id FROM new
""")
