"""A news corpus through the store: actor identity, merging across outlets, order sensitivity, store cost.

    .venv/bin/python -m bench.store_corpus ../shared/eval/giveme5w1h_gold/data [--show] [--extractions FILE]
        [--no-search-triggers]

Each article (JSON with text, date_publish, publisher, url) is extracted once; the extractions are then
written with `save_extraction` into a scratch database in publication order, and again in the reverse
order into a fresh one. Prints the per-article store cost, what the actor table holds (split identities:
a surname-only person beside a full-named person of that surname; given names stored as aliases), events
and merges, and how much depends on the order: events (date, actors, trigger) and pairs of source
mentions joined into one event in one order only. Assumes nothing about the corpus's stories.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

FIGURES = {
    "actors": "SELECT count(*) FROM actors",
    "people": "SELECT count(*) FROM actors WHERE kind = 'person'",
    "split identities (surname-only person beside a full name)": """
        SELECT count(*) FROM actors s WHERE s.kind = 'person' AND s.name_key NOT LIKE '% %' AND EXISTS (
            SELECT 1 FROM actors f WHERE f.kind = 'person' AND f.name_key LIKE '% ' || s.name_key)""",
    "given names stored as aliases": """
        SELECT count(*) FROM actor_aliases al JOIN actors a ON a.id = al.actor_id
        WHERE a.kind = 'person' AND a.name_key LIKE '% %' AND al.alias_key = split_part(a.name_key, ' ', 1)""",
    "events": "SELECT count(*) FROM events",
    "events with sources from 2+ articles": """
        SELECT count(*) FROM (SELECT event_id FROM event_sources GROUP BY event_id
                              HAVING count(DISTINCT article_id) > 1) AS merged""",
}

SHOW = {
    "split identities": """
        SELECT s.name || ' (' || s.kind || ') beside ' || string_agg(f.name, ', ') FROM actors s
        JOIN actors f ON f.kind = 'person' AND f.name_key LIKE '% ' || s.name_key
        WHERE s.kind = 'person' AND s.name_key NOT LIKE '% %' GROUP BY s.id""",
    "given-name aliases": """
        SELECT a.name || ': ' || al.alias FROM actor_aliases al JOIN actors a ON a.id = al.actor_id
        WHERE a.kind = 'person' AND a.name_key LIKE '% %' AND al.alias_key = split_part(a.name_key, ' ', 1)""",
}

# Each source mention (article, offset, the report as told) with the event it was stored in: the partition of the
# corpus's mentions into events, compared between the two orders.
MENTIONS = text("""
    SELECT s.event_id, art.url, s.start_offset, s.trigger, s.date_value
    FROM event_sources s JOIN articles art ON art.id = s.article_id
""")

EVENT_SET = text("""
    SELECT e.date_value, e.trigger, array_agg(a.name ORDER BY a.name) AS names
    FROM events e JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id GROUP BY e.id
""")


# Row versions written to events, counted by this backend (exact, whatever the load): before and after one
# article's store step, in its transaction, the write cost of the store's statements and of the triggers they
# fire (search text, actors' latest report, who takes part). The counters also hold earlier transactions' rows
# until the backend reports them, hence the difference.
EVENT_ROWS_WRITTEN = text("""
    SELECT pg_stat_get_xact_tuples_inserted('events'::regclass), pg_stat_get_xact_tuples_updated('events'::regclass),
           pg_stat_get_xact_tuples_hot_updated('events'::regclass)
""")


def read_corpus(directory: Path) -> list[dict]:
    """The articles that carry a publication date (the reference for their relative dates), oldest first."""
    articles = [json.loads(path.read_text()) for path in sorted(directory.glob("*.json"))]
    dated = [a for a in articles if a.get("date_publish") and a["date_publish"] != "None"]
    print(f"{len(dated)} of {len(articles)} articles have a publication date")
    return sorted(dated, key=lambda a: (a["date_publish"], a["url"] or ""))


def linked_pairs(rows) -> set[frozenset]:
    """Pairs of mentions (url, offset, trigger, date as told) that one event holds."""
    events: dict[int, list[tuple]] = {}
    for row in rows:
        events.setdefault(row.event_id, []).append((row.url or "", row.start_offset, row.trigger or "",
                                                    row.date_value or ""))
    return {frozenset((a, b)) for mentions in events.values() for a in mentions for b in mentions if a < b}


class ResolvedPeople:
    """Which stored person each article's person names went to: `resolve_actors` and `merge_actors` are wrapped
    for the run, and each id is followed through later merges to the row that holds it at the end."""

    def __init__(self):
        from services.store import actors, events

        self.by_name: list[tuple[str, str, int]] = []  # (article url, extracted name, id)
        self.absorbed: dict[int, int] = {}
        self._patched = [(events, "resolve_actors", events.resolve_actors),
                         (actors, "merge_actors", actors.merge_actors)]
        resolve, merge = events.resolve_actors, actors.merge_actors
        self.url = ""

        def resolving(session, extracted):
            resolved = resolve(session, extracted)
            people = {a.name for a in extracted if a.kind == "person"}
            self.by_name += [(self.url, name, i) for name, i in resolved.ids.items() if name in people]
            return resolved

        def merging(session, *, survivor_id, absorbed_id):
            self.absorbed[absorbed_id] = survivor_id
            return merge(session, survivor_id=survivor_id, absorbed_id=absorbed_id)

        events.resolve_actors, actors.merge_actors = resolving, merging

    def close(self, session) -> dict[tuple[str, str], str]:
        for module, name, original in self._patched:
            setattr(module, name, original)
        names = dict(session.execute(text("SELECT id, name FROM actors")).all())
        final = {}
        for url, name, actor_id in self.by_name:
            while actor_id in self.absorbed:
                actor_id = self.absorbed[actor_id]
            final[(url, name)] = names.get(actor_id, "?")
        return final


def store_all(articles: list[dict], extractions: list, *, show: bool = False
              ) -> tuple[list[float], dict[str, int], list[tuple], set[frozenset], dict[tuple[str, str], str]]:
    from services.store.articles import NewArticle, accept_articles
    from services.store.db import get_engine, session_scope
    from services.store.events import save_extraction

    with get_engine().begin() as connection:
        connection.execute(text("TRUNCATE event_changes, event_sources, event_actors, events, actor_aliases, "
                                "actors, articles RESTART IDENTITY CASCADE"))
    costs = []
    written = [0, 0, 0]
    people = ResolvedPeople()
    for article, extraction in zip(articles, extractions, strict=True):
        people.url = article.get("url") or ""
        with session_scope() as session:
            new = NewArticle(text=article["text"], title=article.get("title"), url=article.get("url"),
                             source=article.get("publisher"),
                             published_at=datetime.fromisoformat(article["date_publish"]))
            article_id = accept_articles(session, [new])[0].id
            before = session.execute(EVENT_ROWS_WRITTEN).one()
            started = time.perf_counter()
            save_extraction(session, article_id, extraction)
            elapsed = time.perf_counter() - started
            after = session.execute(EVENT_ROWS_WRITTEN).one()
            written = [total + a - b for total, a, b in zip(written, after, before, strict=True)]
        costs.append(elapsed)
    with session_scope() as session:
        figures = {label: session.execute(text(sql)).scalar_one() for label, sql in FIGURES.items()}
        inserted, rewritten, hot = (n / len(articles) for n in written)
        figures["event row versions written per article"] = (
            f"{inserted:.1f} inserted, {rewritten:.1f} rewritten ({hot:.1f} of them HOT)")
        events = [(r.date_value, tuple(r.names), r.trigger) for r in session.execute(EVENT_SET)]
        pairs = linked_pairs(session.execute(MENTIONS))
        resolved = people.close(session)
        for label, sql in SHOW.items() if show else ():
            print(f"{label}: " + "; ".join(session.execute(text(sql)).scalars()))
    return costs, figures, events, pairs, resolved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", action="store_true", help="list split identities, given-name aliases and the "
                        "events that depend on the order")
    parser.add_argument("--extractions", type=Path, help="pickle of the extractions: read if it exists, else "
                        "written (only for files this command wrote: pickles are code)")
    parser.add_argument("--no-search-triggers", action="store_true", help="store without the triggers that keep "
                        "the search text (migration 0005), to see what they cost")
    args = parser.parse_args()

    import os

    from tests.support.services import start_test_services

    services = start_test_services()
    os.environ["ANNALS_DATABASE_URL"] = services.database_url
    try:
        from services.extraction.pipeline import extract
        from services.store.migrate import upgrade

        upgrade(services.database_url)
        if args.no_search_triggers:
            from services.store.db import get_engine

            with get_engine().begin() as connection:
                connection.execute(text("ALTER TABLE events DISABLE TRIGGER events_search_vector"))
                connection.execute(text("ALTER TABLE event_sources DISABLE TRIGGER event_sources_search_insert"))
                connection.execute(text("ALTER TABLE event_sources DISABLE TRIGGER event_sources_search_delete"))
        articles = read_corpus(args.corpus)
        if args.extractions and args.extractions.exists():
            extractions = pickle.loads(args.extractions.read_bytes())
            print(f"{len(extractions)} extractions read from {args.extractions}")
        else:
            started = time.perf_counter()
            extractions = [extract(a["text"], datetime.fromisoformat(a["date_publish"])) for a in articles]
            print(f"{len(articles)} articles extracted in {time.perf_counter() - started:.1f} s")
            if args.extractions:
                args.extractions.write_bytes(pickle.dumps(extractions))
        costs, figures, forward, forward_pairs, forward_people = store_all(articles, extractions, show=args.show)
        print(f"store (save_extraction) per article: mean {statistics.fmean(costs) * 1000:.1f} ms, "
              f"median {statistics.median(costs) * 1000:.1f} ms, max {max(costs) * 1000:.1f} ms")
        for label, value in figures.items():
            print(f"{label}: {value}")
        _, reverse_figures, backward, backward_pairs, backward_people = store_all(articles[::-1], extractions[::-1])
        differing = len(set(forward) ^ set(backward))
        print(f"reverse order: {reverse_figures['events']} events, {reverse_figures['actors']} actors; "
              f"events (date, actors, trigger) in one order only: {differing}")
        # The same events may carry other actor sets in the two orders; which mentions were joined is the merge.
        print(f"mention pairs joined into one event: {len(forward_pairs)} forward, {len(backward_pairs)} reverse; "
              f"in one order only: {len(forward_pairs ^ backward_pairs)} "
              f"({len(forward_pairs - backward_pairs)} forward, {len(backward_pairs - forward_pairs)} reverse)")
        # Who an article's person name is, by the stored name its row has at the end of each order.
        other_person = sorted((url, name, forward_people[url, name], backward_people[url, name])
                              for url, name in forward_people.keys() & backward_people.keys()
                              if forward_people[url, name] != backward_people[url, name])
        print(f"article person names stored as another person in the other order: {len(other_person)} of "
              f"{len(forward_people.keys() & backward_people.keys())}")
        if args.show:
            for url, name, ahead, behind in other_person:
                print(f"  {name!r} ({url}): forward {ahead!r}, reverse {behind!r}")
            for only in sorted(set(forward) ^ set(backward)):
                print(("forward only: " if only in set(forward) else "reverse only: ") + repr(only))
    finally:
        from services.store.db import get_engine

        get_engine().dispose()
        services.close()


if __name__ == "__main__":
    main()
