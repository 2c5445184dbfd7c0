"""Read benchmark: an actor with 100,000 events, walked in pages of 50 through the keyset cursor.

    .venv/bin/python -m bench.read [--events 100000] [--page 50]

Prints page latency percentiles over HTTP; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import time

import httpx
import psycopg

from bench.harness import CpuMeter, machine, scratch_service, summary_ms

# Rows are generated inside PostgreSQL: 100,000 events over ~27 years, each with one actor and one source.
POPULATE = """
INSERT INTO articles (dedupe_key, text, published_at, published_at_assumed, status, attempts)
VALUES ('text:bench', 'bench article', now(), false, 'done', 1);
INSERT INTO actors (name, name_key, kind) VALUES ('Vladimir Putin', 'vladimir putin', 'person');
INSERT INTO actor_aliases (actor_id, alias, alias_key) VALUES (1, 'Putin', 'putin');
INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status, confidence,
                    report_confidence, fingerprint)
SELECT to_char(d, 'YYYY-MM-DD'), d, d, 'day', 'Putin event number ' || i, 'meet', 'occurred', 0.8, 0.8, md5(i::text)
FROM (SELECT i, date '2000-01-01' + (i / 10) AS d FROM generate_series(1, %(events)s) AS i) AS g;
INSERT INTO event_actors (actor_id, date_start, event_id, date_end) SELECT 1, date_start, id, date_end FROM events;
INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
SELECT id, 1, 'Putin met someone.', 0, 18 FROM events;
ANALYZE;
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=50)
    args = parser.parse_args()
    with scratch_service(api_workers=1) as scratch:
        services, url = scratch.services, scratch.url
        with psycopg.connect(services.database_url, autocommit=True) as connection:
            connection.execute(POPULATE.replace("%(events)s", str(int(args.events))))
        latencies: list[float] = []
        seen = 0
        with httpx.Client(base_url=url, timeout=30) as client:
            client.get("/actors/Putin/timeline", params={"limit": args.page})  # warm the connection pool
            meter = CpuMeter(scratch.api_pid, services.database_url)  # and the PostgreSQL backends
            cursor = None
            while True:
                params = {"limit": args.page} | ({"cursor": cursor} if cursor else {})
                started = time.perf_counter()
                response = client.get("/actors/Putin/timeline", params=params)
                latencies.append(time.perf_counter() - started)
                body = response.json()
                seen += len(body["events"])
                cursor = body["next_cursor"]
                if cursor is None:
                    break
        print(f"machine: {machine()}; API: uvicorn x1; client on the same machine")
        print(f"timeline walk: {seen:,} events in pages of {args.page}: {summary_ms(latencies)}")
        print(meter.report(len(latencies), "page"))


if __name__ == "__main__":
    main()
