"""Load: 10,000 articles through the batch endpoint, 2 worker processes, every article to `done`.

    .venv/bin/python -m bench.load [--articles 10000] [--workers 2]

Articles are generated from templates (leaders, places, dates, verbs), so many report the same happenings
and exercise the cross-article merge under concurrency. Prints the time it took and checks the counts.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import httpx
import psycopg

from bench.harness import machine, scratch_service
from tests.support.processes import start_worker

LEADERS = ["Vladimir Putin", "Xi Jinping", "Emmanuel Macron", "Olaf Scholz", "Narendra Modi", "Kim Jong Un",
           "Recep Tayyip Erdogan", "Volodymyr Zelensky", "Joe Biden", "Rishi Sunak"]
PLACES = ["Beijing", "Paris", "Berlin", "New Delhi", "Pyongyang", "Ankara", "Kyiv", "Washington", "London", "Moscow"]
DATES = ["on Monday", "on Tuesday", "last week", "last month", "in March", "in 2019", "earlier this year",
         "on June 12", "in September 2023", "over the weekend"]
VERBS = [("met", "in"), ("held talks with", "in"), ("signed an agreement with", "in"), ("criticised", "during a visit to")]


def article(rng: random.Random) -> str:
    sentences = []
    for _ in range(5):
        a, b = rng.sample(LEADERS, 2)
        verb, preposition = rng.choice(VERBS)
        sentences.append(f"{a} {verb} {b} {preposition} {rng.choice(PLACES)} {rng.choice(DATES)}, officials said.")
    return " ".join(sentences)


def counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        row = connection.execute("""
            SELECT (SELECT count(*) FROM articles WHERE status = 'done'),
                   (SELECT count(*) FROM articles WHERE status <> 'done'),
                   (SELECT count(*) FROM events),
                   (SELECT count(DISTINCT fingerprint) FROM events),
                   (SELECT count(*) FROM event_sources),
                   (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)),
                   (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id))
        """).fetchone()
    keys = ("done", "not_done", "events", "fingerprints", "sources", "events_without_source", "events_without_actor")
    return dict(zip(keys, row, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [article(rng) for _ in range(args.articles)]
    logs = Path(tempfile.mkdtemp(prefix="annals-load-"))
    with scratch_service(api_workers=1) as (services, url, headers):
        workers = [start_worker(logs, name=f"worker{i}") for i in range(args.workers)]
        try:
            started = time.perf_counter()
            with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
                for start in range(0, len(texts), 1000):
                    batch = [{"text": text, "published_at": "2024-06-17"} for text in texts[start:start + 1000]]
                    assert client.post("/articles/batch", json={"articles": batch}).json()["accepted"] == len(batch)
            accepted = time.perf_counter() - started
            while (state := counts(services.database_url))["not_done"]:
                time.sleep(1)
            elapsed = time.perf_counter() - started
        finally:
            for worker in workers:
                worker.stop()
        print(f"machine: {machine()}; {args.workers} worker processes; API uvicorn x1")
        print(f"{args.articles:,} articles accepted in {accepted:.1f} s; all done after {elapsed:.1f} s "
              f"({args.articles / elapsed:.1f} articles/s extracted)")
        print(f"counts: {state}")
        consistent = (state["done"] == args.articles and state["events"] == state["fingerprints"]
                      and state["events_without_source"] == 0 and state["events_without_actor"] == 0)
        print("consistent: every article done, no duplicate fingerprints, every event has a source and an actor"
              if consistent else "INCONSISTENT")


if __name__ == "__main__":
    main()
