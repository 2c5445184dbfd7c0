"""Search benchmark: GET /events over an actor with 100,000 events, first pages and pages further on.

    .venv/bin/python -m bench.search [--events 100000] [--page 20] [--rounds 40] [--fresh]

The events are generated inside PostgreSQL with a varied vocabulary (verbs, objects, cities, numbers), so
words match from ~1.7 % (two words, a phrase) to ~17 % of them, and every tenth has a second actor. They are
written as the store writes them (an event, then its source: the search trigger rewrites each event once),
then vacuumed, as autovacuum would within a minute of such a load: the pages are read in the steady state of
a table, not in the minute after a bulk load that left a dead row version per event (`--fresh` measures
that minute: no VACUUM, only ANALYZE). Each kind of search is asked
`rounds` times (its first page and the four pages after it, by cursor). Prints latency percentiles per kind and
over all; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import time

import httpx
import psycopg

from bench.harness import machine, percentile, process_cpu_seconds, scratch_service, summary_ms

VERBS = ["met", "visited", "signed", "criticised", "praised", "phoned"]
OBJECTS = ["envoys", "a treaty", "the governor", "generals", "reporters", "a delegation", "farmers", "bankers",
           "students", "pilots"]
CITIES = ["Hanoi", "Pyongyang", "Beijing", "Minsk", "Tehran", "Havana", "Caracas", "Ankara", "Cairo", "Delhi",
          "Brasilia", "Pretoria", "Jakarta", "Astana", "Baku", "Yerevan", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat"]
TYPES = ["meeting", "meeting", "agreement", "statement", "statement", "other"]


def _sql_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


POPULATE = f"""
INSERT INTO articles (dedupe_key, text, published_at, published_at_assumed, status, attempts)
VALUES ('text:bench', 'bench article', now(), false, 'done', 1);
INSERT INTO actors (name, name_key, kind) VALUES ('Vladimir Putin', 'vladimir putin', 'person'),
    ('Kim Jong Un', 'kim jong un', 'person'), ('Vietnam', 'vietnam', 'place');
INSERT INTO actor_aliases (actor_id, alias, alias_key) VALUES (1, 'Putin', 'putin');
INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                    report_confidence, fingerprint, type, place_actor_id, actor_ids)
SELECT to_char(d, 'YYYY-MM-DD'), d, d, 'day',
       'Putin ' || ({_sql_array(VERBS)})[1 + i % {len(VERBS)}] || ' ' || ({_sql_array(OBJECTS)})[1 + (i / 7) % {len(OBJECTS)}]
       || ' in ' || ({_sql_array(CITIES)})[1 + (i / 3) % {len(CITIES)}] || ' (' || i || ')',
       'meet', 'occurred', 0.8, 0.8, md5(i::text), ({_sql_array(TYPES)})[1 + i % {len(TYPES)}],
       CASE WHEN i % 20 = 0 THEN 3 END,
       CASE WHEN i % 10 = 0 THEN ARRAY[1, 2] ELSE ARRAY[1] END  -- its actors, as the store writes a new event
FROM (SELECT i, date '2000-01-01' + (i / 10) AS d FROM generate_series(1, %(events)s) AS i) AS g;
INSERT INTO event_actors (actor_id, date_start, event_id, date_end)
SELECT 1, date_start, id, date_end FROM events UNION ALL SELECT 2, date_start, id, date_end FROM events WHERE id % 10 = 0;
INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
SELECT id, 1, summary || ', officials said on the day.', 0, 40 FROM events;
ANALYZE;
"""

# name -> query parameters; every one names the 100,000-event actor or searches all its events
SEARCHES: dict[str, dict] = {
    "rare word (5 %)": {"q": "Yerevan"},
    "common word (17 %)": {"q": "visited"},
    "two words": {"q": "signed treaty"},
    "phrase": {"q": '"met the governor"'},
    "word + actor": {"q": "Havana", "actor": "Putin"},
    "word + actor + with": {"q": "bankers", "actor": "Putin", "with": "Kim Jong Un"},
    "word + type + window": {"q": "praised", "type": "statement", "from": "2005-01-01", "to": "2015-12-31"},
    "actor, newest first": {"actor": "Putin"},
    "actor + type, newest first": {"actor": "Putin", "type": "agreement"},
    "place": {"place": "Vietnam"},
}


def backends_cpu_seconds(admin: psycopg.Connection, database: str) -> float:
    """CPU time of the PostgreSQL backends serving one database (local processes, read from /proc): the
    database's share of a request, which hardly depends on what else the machine runs."""
    pids = [row[0] for row in admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])]
    return sum(process_cpu_seconds(pid) for pid in pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--fresh", action="store_true", help="no VACUUM after the load (only ANALYZE)")
    args = parser.parse_args()
    with scratch_service(api_workers=1) as scratch, psycopg.connect(scratch.services.admin_url,
                                                                     autocommit=True) as admin:
        services, url = scratch.services, scratch.url
        started = time.perf_counter()
        with psycopg.connect(services.database_url, autocommit=True) as connection:
            connection.execute(POPULATE.replace("%(events)s", str(int(args.events))))
            if not args.fresh:
                connection.execute("VACUUM (ANALYZE)")  # its own statement: VACUUM runs outside a transaction
        print(f"populated {args.events:,} events (triggers keep the search text) in {time.perf_counter() - started:.1f} s"
              f"{'; not vacuumed (--fresh)' if args.fresh else ', vacuumed'}")
        everything: list[float] = []
        firsts: list[float] = []
        with httpx.Client(base_url=url, timeout=30) as client:
            client.get("/events", params={"q": "warm"})
            # the same machine at the same moment, for comparison: timeline pages of the same actor
            timeline: list[float] = []
            for _ in range(args.rounds):
                cursor = None
                for _ in range(5):
                    begun = time.perf_counter()
                    body = client.get("/actors/Putin/timeline", params={"limit": args.page} | (
                        {"cursor": cursor} if cursor else {})).json()
                    timeline.append(time.perf_counter() - begun)
                    cursor = body["next_cursor"]
            print(f"{'(timeline pages, same actor)':<28} {summary_ms(timeline)}")
            for name, params in SEARCHES.items():
                latencies: list[float] = []
                matched = 0
                api_cpu = process_cpu_seconds(scratch.api_pid)
                database_cpu = backends_cpu_seconds(admin, services.database_name)
                for _ in range(args.rounds):
                    cursor = None
                    for page in range(5):
                        query = {**params, "limit": args.page} | ({"cursor": cursor} if cursor else {})
                        begun = time.perf_counter()
                        response = client.get("/events", params=query)
                        elapsed = time.perf_counter() - begun
                        assert response.status_code == 200, response.text
                        latencies.append(elapsed)
                        if page == 0:
                            firsts.append(elapsed)
                        body = response.json()
                        matched = max(matched, len(body["events"]))
                        cursor = body["next_cursor"]
                        if cursor is None:
                            break
                everything += latencies
                api_cpu = (process_cpu_seconds(scratch.api_pid) - api_cpu) / len(latencies) * 1000
                database_cpu = (backends_cpu_seconds(admin, services.database_name) - database_cpu) / len(latencies) * 1000
                print(f"{name:<28} {summary_ms(latencies)}  ({len(latencies)} pages of up to {args.page}); CPU per page: "
                      f"API {api_cpu:.1f} ms, PostgreSQL {database_cpu:.1f} ms")
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"machine: {machine()}; API: uvicorn x1; client on the same machine; load average {load}")
        print(f"all searches: {summary_ms(everything)}; first pages only: p50 {percentile(firsts, 50) * 1000:.1f} ms, "
              f"p99 {percentile(firsts, 99) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
