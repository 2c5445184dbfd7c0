"""Webhook benchmarks: end-to-end latency (POST /articles -> webhook arrives) and delivery throughput.

    .venv/bin/python -m bench.webhooks [--articles 100] [--messages 4000] [--endpoints 4] [--worker-processes 2]

Runs a scratch database and Redis db, the API (uvicorn), one Celery worker with N processes, and a fast
receiver (uvicorn, in its own process) on 127.0.0.1; the child processes are allowed to reach loopback.
Prints figures; asserts nothing about speed.

1. Latency, idle queue: articles posted one at a time; for each, the time until the first webhook carrying
   one of its events arrives, split into accepted -> stored (queue, extraction, store; from the article's
   received_at/processed_at) and stored -> arrived (relay, dispatch, signing, HTTP). Pure extraction time is
   measured separately, in this process, on the same texts.
2. Throughput: changes inserted straight into the change feed (no extraction), every endpoint subscribed
   to all actors; from one relay kick until the receiver has every message, and until all are recorded
   delivered.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

# Keep off the Redis db the test suite uses, in case a test run shares the machine.
os.environ.setdefault("ANNALS_TEST_REDIS_DB", "11")
os.environ.update(
    ANNALS_WEBHOOK_ALLOW_NETS="127.0.0.0/8,::1/128",
    ANNALS_WEBHOOK_ALLOW_HTTP="true",
)

import httpx

from bench.harness import machine, percentile, scratch_service

TEXT = ("Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday, the Kremlin said. "
        "The two leaders signed a joint statement on energy cooperation.")


# ---- the receiver: a tiny ASGI app run by uvicorn in its own process ----------------------------------------

_log: list[tuple[float, str, list[int]]] = []


async def receiver_app(scope, receive, send):
    """POST anything: 204 and log (arrival time, webhook-id, source article ids). GET /log?after=N: the log."""
    if scope["type"] != "http":
        return
    if scope["method"] == "POST":
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        arrived = time.time()
        headers = dict(scope["headers"])
        articles: list[int] = []
        if scope["query_string"] != b"fast":
            import orjson

            body = orjson.loads(b"".join(chunks))
            articles = [source["article_id"] for source in body.get("data", {}).get("sources", [])]
        _log.append((arrived, headers.get(b"webhook-id", b"").decode(), articles))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    import orjson

    after = int(scope["query_string"].decode().partition("after=")[2] or "0")
    payload = orjson.dumps({"count": len(_log), "entries": _log[after:] if scope["path"] == "/log" else []})
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": payload})


def start_receiver(log_dir: Path) -> tuple[subprocess.Popen, str]:
    from tests.support.processes import free_port, wait_for

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.webhooks:receiver_app", "--host", "127.0.0.1", "--port", str(port),
         "--no-access-log", "--log-level", "warning", "--backlog", "2048"],
        stdout=open(log_dir / "receiver.log", "ab"), stderr=subprocess.STDOUT, start_new_session=True)  # noqa: SIM115
    url = f"http://127.0.0.1:{port}"

    def up():
        try:
            return httpx.get(url + "/count", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(up, timeout=30, what="the receiver")
    return process, url


def receiver_log(url: str, after: int = 0) -> list:
    return httpx.get(f"{url}/log", params={"after": after}, timeout=30).json()["entries"]


def receiver_count(url: str) -> int:
    return httpx.get(f"{url}/count", timeout=30).json()["count"]


# ---- 1. latency ---------------------------------------------------------------------------------------------

def latency(api: str, headers: dict, receiver: str, articles: int) -> None:
    from sqlalchemy import select

    from services.store.db import session_scope
    from services.store.models import Article
    from tests.support.processes import wait_for

    response = httpx.post(f"{api}/webhooks", json={"url": receiver + "/hook", "actors": ["Vladimir Putin"]}, headers=headers)
    assert response.status_code == 201, response.text
    endpoint = response.json()
    totals, stored, after_store, texts = [], [], [], []
    seen = 0
    with httpx.Client(base_url=api, headers=headers, timeout=30) as client:
        for i in range(articles + 1):  # the first one warms the worker up and is not counted
            published = date(2020, 1, 1) + timedelta(days=3 * i)
            text = f"{TEXT} (report {i})"
            started = time.time()
            article_id = client.post("/articles", json={"text": text, "published_at": published.isoformat()}).json()["id"]

            def arrived(article_id=article_id, seen=seen):
                for arrived_at, _, sources in receiver_log(receiver, seen):
                    if article_id in sources:
                        return arrived_at
                return None

            arrived_at = wait_for(arrived, timeout=60, interval=0.002, what=f"the webhook for article {article_id}")
            seen = receiver_count(receiver)
            if i == 0:
                continue
            texts.append((text, published))
            with session_scope() as session:
                article = session.execute(select(Article).where(Article.id == article_id)).scalar_one()
                received_at, processed_at = article.received_at.timestamp(), article.processed_at.timestamp()
            totals.append(arrived_at - started)
            stored.append(processed_at - received_at)
            after_store.append(arrived_at - processed_at)
    httpx.delete(f"{api}/webhooks/{endpoint['id']}", headers=headers)

    from datetime import UTC, datetime

    from services.extraction import extract

    extract(TEXT, datetime(2020, 1, 1, tzinfo=UTC))  # load the model before timing
    extraction = []
    for text, published in texts:
        began = time.perf_counter()
        extract(text, datetime.combine(published, datetime.min.time(), UTC))
        extraction.append(time.perf_counter() - began)

    def figures(samples: list[float]) -> str:
        return (f"p50 {percentile(samples, 50) * 1000:7.1f} ms  p95 {percentile(samples, 95) * 1000:7.1f} ms  "
                f"mean {statistics.fmean(samples) * 1000:7.1f} ms")

    print(f"\n1. End-to-end latency, idle queue, {len(totals)} articles posted one at a time")
    print(f"   POST /articles -> webhook arrives:      {figures(totals)}")
    print(f"   accepted -> stored (queue+extract+db):  {figures(stored)}")
    print(f"     of which extraction alone (in-proc):  {figures(extraction)}")
    print(f"   stored -> webhook arrives (relay, dispatch, sign, HTTP): {figures(after_store)}")


# ---- 2. throughput ------------------------------------------------------------------------------------------

def seed_changes(count: int) -> None:
    """`count` events of one actor, each with a source and a `created` change: what extraction would write."""
    from sqlalchemy import text

    from services.store.db import session_scope

    with session_scope() as session:
        actor_id = session.execute(text(
            "INSERT INTO actors (name, name_key, kind) VALUES ('Throughput Person', 'throughput person', 'person') "
            "RETURNING id")).scalar_one()
        article_id = session.execute(text(
            "INSERT INTO articles (dedupe_key, text, published_at, published_at_assumed, status, attempts) "
            "VALUES ('text:bench', 'bench', now(), false, 'done', 1) RETURNING id")).scalar_one()
        session.execute(text("""
            WITH made AS (
                INSERT INTO events (date_value, date_start, date_end, granularity, summary, trigger, status,
                                    confidence, fingerprint)
                SELECT to_char(d, 'YYYY-MM-DD'), d, d, 'day', 'Throughput Person met someone', 'meet', 'occurred',
                       0.8, md5(n::text)
                FROM generate_series(1, :count) AS n, LATERAL (SELECT date '2000-01-01' + n AS d) day
                RETURNING id, date_start
            ), actors AS (
                INSERT INTO event_actors (actor_id, date_start, event_id, date_end)
                SELECT :actor, date_start, id, date_start FROM made RETURNING event_id
            ), sources AS (
                INSERT INTO event_sources (event_id, article_id, sentence, start_offset, end_offset)
                SELECT id, :article, 'Throughput Person met someone.', 0, 30 FROM made RETURNING event_id
            )
            INSERT INTO event_changes (event_id, kind) SELECT id, 'created' FROM made ORDER BY id
        """), {"count": count, "actor": actor_id, "article": article_id})


def throughput(api: str, headers: dict, receiver: str, messages: int, endpoints: int) -> None:
    from sqlalchemy import func, select

    from services.store.db import session_scope
    from services.webhooks.models import WebhookMessage
    from services.worker.celery_app import celery_app
    from tests.support.processes import wait_for

    for _ in range(endpoints):
        httpx.post(f"{api}/webhooks", json={"url": receiver + "/hook?fast"}, headers=headers).raise_for_status()
    before = receiver_count(receiver)
    seed_changes(messages // endpoints)
    total = (messages // endpoints) * endpoints
    started = time.time()
    celery_app.send_task("annals.webhooks.relay")
    wait_for(lambda: receiver_count(receiver) - before >= total, timeout=600, interval=0.05,
             what="every message to arrive")
    arrived = time.time() - started

    def recorded():
        with session_scope() as session:
            return session.execute(select(func.count()).where(WebhookMessage.status == "delivered",
                                                              WebhookMessage.type != "ping")).scalar_one() >= total

    wait_for(recorded, timeout=600, interval=0.05, what="every delivery to be recorded")
    done = time.time() - started
    entries = receiver_log(receiver, before)
    first = min(entry[0] for entry in entries)
    print(f"\n2. Delivery throughput: {total} messages ({total // endpoints} changes x {endpoints} endpoints)")
    print(f"   relay kick -> last message received:   {arrived:6.2f} s = {total / arrived:7.0f} messages/s")
    print(f"   relay kick -> all recorded delivered:  {done:6.2f} s = {total / done:7.0f} messages/s")
    print(f"   first -> last arrival (sending only):  {max(e[0] for e in entries) - first:6.2f} s = "
          f"{total / max(1e-9, max(e[0] for e in entries) - first):7.0f} messages/s")
    duplicates = len(entries) - len({entry[1] for entry in entries})
    print(f"   duplicates received: {duplicates}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--endpoints", type=int, default=4)
    parser.add_argument("--worker-processes", type=int, default=2)
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()

    from tests.support.processes import start_worker

    logs = Path(tempfile.mkdtemp(prefix="annals-bench-webhooks-"))
    receiver, receiver_url = start_receiver(logs)
    try:
        with scratch_service() as (_, api, headers):
            worker = start_worker(logs, concurrency=args.worker_processes, env=dict(os.environ))
            try:
                print(f"machine: {machine()}; API: uvicorn x1; worker: 1 Celery worker x{args.worker_processes} "
                      f"processes; receiver: uvicorn on 127.0.0.1; all on the same machine (logs: {logs})")
                if not args.skip_latency:
                    latency(api, headers, receiver_url, args.articles)
                throughput(api, headers, receiver_url, args.messages, args.endpoints)
            finally:
                worker.stop()
    finally:
        receiver.terminate()
        receiver.wait()


if __name__ == "__main__":
    main()
