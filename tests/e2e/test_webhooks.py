"""Webhooks with real processes: uvicorn API, a Celery worker (with beat), and an HTTP receiver on 127.0.0.1.

The receiver is on loopback over http, so the child processes get ANNALS_WEBHOOK_ALLOW_NETS/ALLOW_HTTP; the
retry schedule, lease and beat intervals are compressed. Every signature is checked with the independent
`standardwebhooks` package, as a subscriber would.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from standardwebhooks import Webhook

from services.runner import worker_command
from tests.support.processes import ServiceProcess, _spawn, start_api, wait_for
from tests.support.receiver import Receiver

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parents[2] / "seeds" / "putin-north-korea-2024-06-17.txt"
XI = ("Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday, the Kremlin said. "
      "The two leaders signed a joint statement.")


def webhook_env() -> dict[str, str]:
    return dict(
        os.environ,
        ANNALS_WEBHOOK_ALLOW_NETS="127.0.0.0/8,::1/128",
        ANNALS_WEBHOOK_ALLOW_HTTP="true",
        ANNALS_WEBHOOK_RETRY_SCHEDULE="0.3,0.3,0.3",
        ANNALS_WEBHOOK_RELAY_INTERVAL_SECONDS="1",
        ANNALS_WEBHOOK_DISPATCH_INTERVAL_SECONDS="0.5",
        ANNALS_WEBHOOK_LEASE_SECONDS="4",
        ANNALS_WEBHOOK_TIMEOUT_SECONDS="3",
        ANNALS_WEBHOOK_CONNECT_TIMEOUT_SECONDS="1",
    )


def start_worker_with_beat(log_dir: Path, name: str) -> ServiceProcess:
    """A worker running beat too: the periodic relay and dispatcher are part of what is under test."""
    worker = _spawn(worker_command(concurrency=1, beat=True), log_dir / f"{name}.log", webhook_env())
    wait_for(lambda: "ready." in worker.log() or worker.process.poll() is not None, timeout=120,
             what="the Celery worker to be ready")
    assert worker.process.poll() is None, worker.log()
    return worker


@dataclass
class Stack:
    api: str
    worker: ServiceProcess
    log_dir: Path


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    Path(os.environ["ANNALS_DATA_DIR"]).mkdir(parents=True, exist_ok=True)  # beat keeps its schedule there
    log_dir = tmp_path_factory.mktemp("webhook-logs")
    api, url = start_api(log_dir, env=webhook_env())
    stack = Stack(url, start_worker_with_beat(log_dir, "worker"), log_dir)
    yield stack
    stack.worker.stop()
    api.stop()


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


def post_article(stack: Stack, headers: dict, text: str, published_at: str) -> int:
    response = httpx.post(f"{stack.api}/articles", json={"text": text, "published_at": published_at},
                          headers=headers, timeout=30)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def wait_until_done(stack: Stack, article_id: int) -> dict:
    def finished():
        body = httpx.get(f"{stack.api}/articles/{article_id}").json()
        return body if body["status"] in ("done", "failed") else None

    article = wait_for(finished, timeout=120, interval=0.2, what=f"article {article_id} to be processed")
    assert article["status"] == "done", article["error"]
    return article


def subscribe(stack: Stack, headers: dict, url: str, actors=None) -> dict:
    response = httpx.post(f"{stack.api}/webhooks", json={"url": url, "actors": actors}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def timeline_ids(stack: Stack, actor: str) -> set[int]:
    page = httpx.get(f"{stack.api}/actors/{actor}/timeline", params={"limit": 500}).json()
    return {event["id"] for event in page["events"]}


def messages(stack: Stack, headers: dict, endpoint_id: int) -> list[dict]:
    return httpx.get(f"{stack.api}/webhooks/{endpoint_id}/messages", params={"limit": 500},
                     headers=headers).json()["messages"]


def all_delivered(stack: Stack, headers: dict, endpoint_id: int) -> list[dict] | None:
    listed = messages(stack, headers, endpoint_id)
    return listed if listed and all(m["status"] == "delivered" for m in listed) else None


def test_the_seed_article_reaches_putin_and_kim_subscribers_signed(stack, headers, receiver):
    putin = subscribe(stack, headers, receiver.url, ["Putin"])
    kim = subscribe(stack, headers, receiver.url.replace("/hook", "/kim"), ["Kim Jong Un"])
    article_id = post_article(stack, headers, SEED.read_text(), "2024-06-17")
    wait_until_done(stack, article_id)
    putin_events, kim_events = timeline_ids(stack, "Putin"), timeline_ids(stack, "Kim Jong Un")
    assert putin_events and kim_events

    wait_for(lambda: all_delivered(stack, headers, putin["id"]) and all_delivered(stack, headers, kim["id"]),
             timeout=30, what="the webhooks")
    got = receiver.received()
    by_path: dict[str, list[dict]] = {"/hook": [], "/kim": []}
    for request in got:
        secret = putin["secret"] if request.path == "/hook" else kim["secret"]
        body = Webhook(secret).verify(request.body, request.headers)  # raises unless the signature verifies
        assert int(request.headers["webhook-timestamp"]) > 0 and request.headers["webhook-id"].startswith("msg_")
        by_path[request.path].append(body)
    for path, wanted, name in (("/hook", putin_events, "Vladimir Putin"), ("/kim", kim_events, "Kim Jong Un")):
        bodies = by_path[path]
        assert {body["type"] for body in bodies} == {"event.created"}
        assert {body["data"]["id"] for body in bodies} == wanted, (path, sorted(wanted), bodies)
        assert all(name in {actor["name"] for actor in body["data"]["actors"]} for body in bodies)
        assert all(body["data"]["sources"][0]["article_id"] == article_id for body in bodies)
    log = httpx.get(f"{stack.api}/webhooks/{putin['id']}/deliveries", headers=headers).json()["deliveries"]
    assert all(d["outcome"] == "delivered" for d in log), [(d["error"], d["status_code"]) for d in log if d["outcome"] != "delivered"]


def test_500_500_then_200_is_three_attempts_of_one_message(stack, headers, receiver):
    receiver.script = [500, 500]
    endpoint = subscribe(stack, headers, receiver.url, ["Xi Jinping"])
    wait_until_done(stack, post_article(stack, headers, XI, "2024-05-17"))
    [message] = wait_for(lambda: all_delivered(stack, headers, endpoint["id"]), timeout=30, what="delivery")
    got = receiver.received()
    assert [r.headers["webhook-id"] for r in got] == [message["id"]] * 3
    for request in got:
        assert Webhook(endpoint["secret"]).verify(request.body, request.headers)["type"] == "event.created"
    log = httpx.get(f"{stack.api}/webhooks/{endpoint['id']}/deliveries", headers=headers).json()["deliveries"]
    assert [(d["status_code"], d["outcome"]) for d in log] == [(200, "delivered"), (500, "retry"), (500, "retry")]
    assert all(d["message_id"] == message["id"] and d["latency_ms"] > 0 and d["attempted_at"] for d in log)
    assert log[2]["next_attempt_at"] and log[2]["error"] == "HTTP 500"


def test_ping(stack, headers, receiver):
    endpoint = subscribe(stack, headers, receiver.url)
    ping = httpx.post(f"{stack.api}/webhooks/{endpoint['id']}/test", headers=headers)
    assert ping.status_code == 202
    [request] = wait_for(receiver.received, timeout=20, what="the ping")
    assert Webhook(endpoint["secret"]).verify(request.body, request.headers)["type"] == "ping"
    assert request.headers["webhook-id"] == ping.json()["message_id"]


def test_a_killed_worker_loses_no_message(stack, headers):
    """SIGKILL the worker while it is sending (messages committed, not delivered); after a restart every
    message arrives. An article posted while no worker ran is delivered too."""
    hold = threading.Event()
    with Receiver(hold=hold) as receiver:
        endpoint = subscribe(stack, headers, receiver.url)
        article_id = post_article(stack, headers, XI, "2024-05-17")
        wait_for(receiver.received, timeout=120, what="the worker to start sending")
        stack.worker.stop(signal.SIGKILL)  # the whole process group: pool processes and beat too
        pending = messages(stack, headers, endpoint["id"])
        assert pending and all(m["status"] == "pending" for m in pending)
        receiver.hold = None  # the restarted worker gets answers
        hold.set()  # (the killed worker's held requests answer into closed sockets)
        later = post_article(stack, headers, "Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday, "
                                             "state media said.", "2024-06-19")
        stack.worker = start_worker_with_beat(stack.log_dir, "worker-restarted")
        wait_until_done(stack, later)
        assert httpx.get(f"{stack.api}/articles/{article_id}").json()["status"] == "done"

        def everything_delivered():
            listed = all_delivered(stack, headers, endpoint["id"])
            return listed if listed and len(listed) > len(pending) else None

        delivered = wait_for(everything_delivered, timeout=60, what="every message to be delivered")
        received_ids = {r.headers["webhook-id"] for r in receiver.received()}
        assert {m["id"] for m in delivered} <= received_ids  # at-least-once: each one arrived (maybe twice)
        for request in receiver.received():
            assert json.loads(request.body)["type"] in ("event.created", "event.updated")
