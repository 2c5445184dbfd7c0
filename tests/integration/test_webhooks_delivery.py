"""Relay and delivery in-process against PostgreSQL and a real HTTP receiver on 127.0.0.1.

The relay and dispatcher are called directly here (the Celery tasks only wrap them); tests/e2e runs them
in real worker processes.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import func, select, text
from standardwebhooks import Webhook

from services.settings import get_settings
from services.store.articles import NewArticle, accept_articles
from services.store.db import get_engine, session_scope
from services.store.events import save_extraction
from services.store.models import EventChange
from services.webhooks import dispatch
from services.webhooks import relay as relay_module
from services.webhooks.models import WebhookMessage, WebhookRelayState
from services.webhooks.relay import relay_once
from services.webhooks.tasks import deliver_claim
from tests.integration.factories import day, event, extraction
from tests.support.processes import wait_for
from tests.support.receiver import Receiver

VISIT = event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea")
SUMMIT = event(day("2024-06-19"), ("Vladimir Putin", "Kim Jong Un"), "sign", "Putin and Kim sign a pact", offset=40)
HANOI = event(day("2024-06-20"), ("Vladimir Putin",), "travel", "Putin travels to Hanoi", offset=80)


@pytest.fixture
def settings(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "webhook_allow_nets", ["127.0.0.0/8", "::1/128"])
    monkeypatch.setattr(settings, "webhook_allow_http", True)
    monkeypatch.setattr(settings, "webhook_retry_schedule", [0.05, 0.05, 0.05])
    return settings


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


def subscribe(client, url: str, actors=None) -> dict:
    response = client.post("/webhooks", json={"url": url, "actors": actors})
    assert response.status_code == 201, response.text
    return response.json()


def store(*events, text_: str = "article") -> int:
    with session_scope() as session:
        article_id = accept_articles(session, [NewArticle(text=f"{text_} {time.time_ns()}")])[0].id
    with session_scope() as session:
        save_extraction(session, article_id, extraction(*events))
    return article_id


def relay() -> relay_module.RelayRun:
    with session_scope() as session:
        return relay_once(session, max_bytes=get_settings().webhook_max_body_bytes)


def deliver_due() -> int:
    """One dispatcher pass, sending and recording in-process; returns messages attempted."""
    settings = get_settings()
    with session_scope() as session:
        claims = dispatch.claim_due(session, max_in_flight=settings.webhook_max_in_flight_per_endpoint,
                                    lease_seconds=30, batch_size=settings.webhook_batch_size)
    for claim in claims:
        deliver_claim(claim.message_ids, claim.token, wait=None)
    return sum(len(claim.message_ids) for claim in claims)


def messages(**where) -> list[WebhookMessage]:
    with session_scope() as session:
        query = select(WebhookMessage).order_by(WebhookMessage.id)
        for name, value in where.items():
            query = query.where(getattr(WebhookMessage, name) == value)
        return list(session.execute(query).scalars())


def test_changes_become_signed_messages_for_matching_subscribers(client, settings, receiver):
    putin = subscribe(client, receiver.url, ["Putin"])  # an alias: resolves to Vladimir Putin
    kim = subscribe(client, receiver.url.replace("/hook", "/kim"), ["kim jong un"])
    everyone = subscribe(client, receiver.url.replace("/hook", "/all"))
    store(VISIT, SUMMIT)
    run = relay()
    assert (run.changes, run.messages, run.cursor) == (2, 5, 2)
    assert relay().changes == 0  # caught up; running again makes nothing twice
    assert deliver_due() == 5
    got = receiver.received()
    assert len(got) == 5
    secrets_by_path = {"/hook": putin["secret"], "/kim": kim["secret"], "/all": everyone["secret"]}
    for request in got:
        body = Webhook(secrets_by_path[request.path]).verify(request.body, request.headers)
        assert body["type"] == "event.created"
        names = {actor["name"] for actor in body["data"]["actors"]}
        assert "Vladimir Putin" in names
        if request.path == "/kim":
            assert "Kim Jong Un" in names
    assert sorted(r.path for r in got) == ["/all", "/all", "/hook", "/hook", "/kim"]
    assert {m.status for m in messages()} == {"delivered"}
    timeline = client.get("/actors/Putin/timeline").json()["events"]
    sent = {json.loads(r.body)["data"]["id"]: json.loads(r.body)["data"] for r in got if r.path == "/hook"}
    assert sent == {e["id"]: e for e in timeline}  # the event exactly as the timeline serves it


def test_a_new_source_for_a_known_event_is_event_updated(client, settings, receiver):
    subscribe(client, receiver.url, ["Kim Jong Un"])
    store(VISIT)
    relay()
    assert messages() == []  # Kim is not in the visit
    retold = event(day("2024-06-18"), ("Vladimir Putin", "Kim Jong Un"), "travel", "Putin travels to Pyongyang")
    store(retold, text_="second outlet")
    relay()
    deliver_due()
    [request] = receiver.received()
    body = json.loads(request.body)
    assert body["type"] == "event.updated" and len(body["data"]["sources"]) == 2


def test_subscriptions_only_see_changes_after_they_were_made(client, settings, receiver):
    store(VISIT)
    subscribe(client, receiver.url)
    store(HANOI)
    relay()
    assert [json.loads(m.body)["data"]["summary"] for m in messages()] == ["Putin travels to Hanoi"]


def test_a_relay_that_dies_before_commit_leaves_nothing_and_the_next_does_everything(client, settings):
    subscribe(client, "http://127.0.0.1:9/hook")
    store(VISIT, SUMMIT)
    with session_scope() as session:
        run = relay_once(session, max_bytes=65536)
        assert run.messages == 2
        session.rollback()  # the worker died between making messages and committing
    assert messages() == []
    with session_scope() as session:
        assert session.get(WebhookRelayState, 1) is None or session.get(WebhookRelayState, 1).last_change_id == 0
    assert relay().messages == 2
    assert relay().messages == 0 and len(messages()) == 2


def test_the_cursor_never_passes_a_change_still_being_written(client, settings):
    """Ids are handed out before commit: a later id may commit first. The relay waits for the writer."""
    subscribe(client, "http://127.0.0.1:9/hook")
    store(VISIT)
    relay()
    with get_engine().connect() as slow_writer:
        slow = slow_writer.begin()
        event_id = slow_writer.execute(text("SELECT id FROM events LIMIT 1")).scalar_one()
        slow_writer.execute(text("INSERT INTO event_changes (event_id, kind) VALUES (:e, 'updated')"), {"e": event_id})
        store(HANOI)  # commits a change with a higher id
        with session_scope() as session:  # the wait for the writer times out: only the part before the hole
            run = relay_once(session, max_bytes=65536, lock_timeout_ms=300)
        assert run.waited_for_writers and run.messages == 0 and run.cursor == 1
        slow.commit()
    run = relay()
    assert run.changes == 2 and run.messages == 2 and run.cursor == 3


def test_holes_left_by_rolled_back_writers_are_passed(client, settings):
    subscribe(client, "http://127.0.0.1:9/hook")
    with get_engine().connect() as connection:
        store(VISIT)
        with connection.begin() as aborted:
            event_id = connection.execute(text("SELECT id FROM events LIMIT 1")).scalar_one()
            connection.execute(text("INSERT INTO event_changes (event_id, kind) VALUES (:e, 'updated')"),
                               {"e": event_id})
            aborted.rollback()
    store(HANOI)
    run = relay()
    assert run.waited_for_writers and run.changes == 2 and run.cursor == 3


def test_500_500_then_200_is_three_attempts_with_one_webhook_id(client, settings, receiver):
    receiver.script = [500, 500]
    endpoint = subscribe(client, receiver.url)
    store(VISIT)
    relay()
    wait_for(lambda: deliver_due() == 0 and messages(status="delivered"), timeout=10, what="delivery")
    got = receiver.received()
    assert len(got) == 3 and len({r.headers["webhook-id"] for r in got}) == 1
    for request in got:
        Webhook(endpoint["secret"]).verify(request.body, request.headers)
    log = client.get(f"/webhooks/{endpoint['id']}/deliveries").json()["deliveries"]
    assert [(d["status_code"], d["outcome"]) for d in log] == [(200, "delivered"), (500, "retry"), (500, "retry")]
    assert all(d["message_id"] == got[0].headers["webhook-id"] and d["latency_ms"] >= 0 for d in log)
    assert log[1]["next_attempt_at"] and log[1]["error"] == "HTTP 500" and log[0]["next_attempt_at"] is None


def test_a_message_fails_after_the_last_attempt_and_stays_visible(client, settings, receiver):
    receiver.default = 500
    endpoint = subscribe(client, receiver.url)
    store(VISIT)
    relay()
    wait_for(lambda: deliver_due() == 0 and messages(status="failed"), timeout=10, what="the message to fail")
    assert len(receiver.received()) == 4  # 1 + 3 retries of the compressed schedule
    failed = client.get(f"/webhooks/{endpoint['id']}/messages", params={"status": "failed"}).json()["messages"]
    assert len(failed) == 1 and failed[0]["attempts"] == 4 and failed[0]["last_error"] == "HTTP 500"
    assert client.get(f"/webhooks/{endpoint['id']}").json()["failing_since"] is not None


def test_410_disables_the_endpoint(client, settings, receiver):
    receiver.default = 410
    endpoint = subscribe(client, receiver.url)
    store(VISIT, SUMMIT)
    relay()
    deliver_due()
    shown = client.get(f"/webhooks/{endpoint['id']}").json()
    assert not shown["enabled"] and "410" in shown["disabled_reason"]
    assert deliver_due() == 0  # nothing more goes to a disabled endpoint


def test_429_and_503_honour_retry_after(client, settings, receiver):
    receiver.script = [(429, {"Retry-After": "3600"})]
    endpoint = subscribe(client, receiver.url)
    store(VISIT)
    relay()
    deliver_due()
    [message] = messages()
    assert message.status == "pending"
    with session_scope() as session:
        wait = session.execute(select(WebhookMessage.next_attempt_at - func.now())).scalar_one()
    assert 3500 < wait.total_seconds() <= 3600
    assert client.get(f"/webhooks/{endpoint['id']}/deliveries").json()["deliveries"][0]["status_code"] == 429


def test_an_endpoint_failing_everything_for_the_limit_is_disabled(client, settings, receiver, monkeypatch):
    monkeypatch.setattr(settings, "webhook_disable_after_seconds", 0.2)
    receiver.default = 500
    endpoint = subscribe(client, receiver.url)
    store(VISIT)
    relay()
    deliver_due()

    def disabled():
        deliver_due()
        return not client.get(f"/webhooks/{endpoint['id']}").json()["enabled"]

    wait_for(disabled, timeout=10, what="the endpoint to be disabled")
    assert "every attempt failed" in client.get(f"/webhooks/{endpoint['id']}").json()["disabled_reason"]


def test_rotation_signs_with_both_secrets(client, settings, receiver):
    endpoint = subscribe(client, receiver.url)
    new = client.post(f"/webhooks/{endpoint['id']}/rotate-secret").json()["secret"]
    client.post(f"/webhooks/{endpoint['id']}/test")
    deliver_due()
    [request] = receiver.received()
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert Webhook(new).verify(request.body, request.headers)["type"] == "ping"
    assert Webhook(endpoint["secret"]).verify(request.body, request.headers)["data"]["endpoint_id"] == endpoint["id"]


def test_replay_sends_the_same_messages_again(client, settings, receiver):
    endpoint = subscribe(client, receiver.url)
    store(VISIT, SUMMIT)
    relay()
    deliver_due()
    first = sorted(r.headers["webhook-id"] for r in receiver.received())
    replayed = client.post(f"/webhooks/{endpoint['id']}/replay", json={"since": "2000-01-01"})
    assert replayed.status_code == 202 and replayed.json() == {"replayed": 2}
    deliver_due()
    again = sorted(r.headers["webhook-id"] for r in receiver.received()[2:])
    assert again == first


def test_messages_for_a_disabled_endpoint_are_held_and_sent_once_it_is_enabled(client, settings, receiver):
    endpoint = subscribe(client, receiver.url)
    client.patch(f"/webhooks/{endpoint['id']}", json={"enabled": False})
    store(VISIT)
    relay()
    assert [m.status for m in messages()] == ["pending"], "a change was skipped while the endpoint was disabled"
    assert deliver_due() == 0 and receiver.received() == []
    client.patch(f"/webhooks/{endpoint['id']}", json={"enabled": True})
    assert deliver_due() == 1
    assert json.loads(receiver.received()[0].body)["type"] == "event.created"
    assert [m.status for m in messages()] == ["delivered"]


def test_the_in_flight_limit_holds_with_several_dispatchers(client, settings, receiver, monkeypatch):
    monkeypatch.setattr(settings, "webhook_max_in_flight_per_endpoint", 2)
    subscribe(client, receiver.url)
    store(VISIT, SUMMIT, HANOI)
    store(event(day("2024-07-01"), ("Vladimir Putin",), "speak", "Putin spoke in Astana"), text_="another")
    relay()
    assert len(messages()) == 4
    with session_scope() as first, session_scope() as second:  # two dispatchers at the same moment
        claimed = [dispatch.claim_due(session, max_in_flight=2, lease_seconds=30, batch_size=100)
                   for session in (first, second)]
    with session_scope() as third:  # and one after both committed: two are in flight already
        claimed.append(dispatch.claim_due(third, max_in_flight=2, lease_seconds=30, batch_size=100))
    assert sum(len(claim.message_ids) for claims in claimed for claim in claims) == 2


def test_replay_never_resends_a_message_in_flight(client, settings, receiver):
    endpoint = subscribe(client, receiver.url)
    store(VISIT, SUMMIT)
    relay()
    with session_scope() as session:  # a dispatcher holds both messages; its requests are under way
        [claim] = dispatch.claim_due(session, max_in_flight=10, lease_seconds=30, batch_size=100)
    client.post(f"/webhooks/{endpoint['id']}/replay", json={"since": "2000-01-01"})
    assert deliver_due() == 0, "replay released messages another dispatcher is sending"
    assert {m.lease_token for m in messages()} == {claim.token}
    deliver_claim(claim.message_ids, claim.token, wait=None)  # the original attempts finish and are recorded
    assert [m.status for m in messages()] == ["delivered", "delivered"] and len(receiver.received()) == 2


def test_a_slow_endpoint_does_not_hold_up_the_others(client, settings):
    """A delivery task waits only briefly; the slow request goes on in the background and records later."""
    hold = threading.Event()
    with Receiver(hold=hold) as slow, Receiver() as fast:
        subscribe(client, slow.url)
        subscribe(client, fast.url)
        store(VISIT)
        relay()
        with session_scope() as session:
            claims = dispatch.claim_due(session, max_in_flight=10, lease_seconds=30, batch_size=10)
        slow_claim = next(c for c in claims if c.endpoint_id == 1)
        fast_claim = next(c for c in claims if c.endpoint_id == 2)
        started = time.monotonic()
        assert deliver_claim(slow_claim.message_ids, slow_claim.token, wait=0.2) == {}
        assert deliver_claim(fast_claim.message_ids, fast_claim.token, wait=5) == {"delivered": 1}
        assert time.monotonic() - started < 3 and len(fast.received()) == 1
        hold.set()
        wait_for(lambda: len(messages(status="delivered")) == 2, timeout=10, what="the slow delivery")


def test_event_changes_are_the_only_source(client, settings):
    """Messages derive from event_changes rows: a change row, and only that, makes a message."""
    subscribe(client, "http://127.0.0.1:9/hook")
    store(VISIT)
    with session_scope() as session:
        assert session.execute(select(func.count()).select_from(EventChange)).scalar_one() == 1
    relay()
    assert [m.change_id for m in messages()] == [1]
