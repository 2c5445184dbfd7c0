"""Celery tasks for webhooks, all on the `webhooks` queue (see celery_app.py):

- `annals.webhooks.relay`: change feed -> messages (kicked after each stored article, and by beat).
- `annals.webhooks.dispatch`: claim due messages (first attempts, retries, expired leases) and start delivery
  tasks; run by beat every `webhook_dispatch_interval_seconds`, after a relay step, and after each delivery.
- `annals.webhooks.deliver`: one endpoint's claimed batch: sign, send concurrently, record.

Nothing here relies on Celery keeping a task: the state lives in PostgreSQL (relay cursor, message leases),
so these tasks are acknowledged when received; a lost kick or a killed worker only delays work until beat
(or a worker starting up) runs the relay and dispatcher again.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from celery.signals import worker_ready

from services.settings import get_settings
from services.store.db import session_scope
from services.webhooks import dispatch as dispatching
from services.webhooks.relay import relay_once
from services.webhooks.sender import get_sender
from services.worker.celery_app import celery_app

log = logging.getLogger(__name__)

RELAY_TASK = "annals.webhooks.relay"
DISPATCH_TASK = "annals.webhooks.dispatch"
DELIVER_TASK = "annals.webhooks.deliver"
MAX_RELAY_STEPS = 20

# Records the outcome of requests that outlived their task's wait (slow endpoints), off the sender's loop.
_late_recorder = ThreadPoolExecutor(max_workers=2, thread_name_prefix="webhook-record")


def _send(name: str, **options) -> bool:
    try:
        celery_app.send_task(name, retry=False, **options)
        return True
    except Exception:  # the broker is unreachable: beat (or the next kick) catches up from PostgreSQL
        log.warning("could not queue %s; beat will catch up", name, exc_info=True)
        return False


# A kick that waited this long in the queue is stale: beat has run the relay and dispatcher since.
KICK_EXPIRES_SECONDS = 60


def kick_relay() -> bool:
    """Ask for a relay step soon (after an article's events were committed)."""
    return _send(RELAY_TASK, expires=KICK_EXPIRES_SECONDS)


def kick_dispatch() -> bool:
    return _send(DISPATCH_TASK, expires=KICK_EXPIRES_SECONDS)


def run_relay() -> tuple[int, bool]:
    """Relay until caught up (bounded); returns (messages made, whether another relay held the cursor)."""
    settings = get_settings()
    made = 0
    for _ in range(MAX_RELAY_STEPS):
        with session_scope() as session:
            run = relay_once(session, max_bytes=settings.webhook_max_body_bytes)
        if run.busy:
            return made, True
        made += run.messages
        if not run.more:
            break
    return made, False


@celery_app.task(name=RELAY_TASK, ignore_result=True, acks_late=False)
def relay(again: bool = True) -> int:
    made, busy = run_relay()
    if busy and again:
        # The other relay may already have passed the change that caused this kick: look once more shortly.
        _send(RELAY_TASK, kwargs={"again": False}, countdown=0.5)
    if made:
        run_dispatch()
    return made


def run_dispatch() -> int:
    """Claim what is due and start a delivery task per endpoint batch; returns messages claimed."""
    settings = get_settings()
    with session_scope() as session:
        claims = dispatching.claim_due(
            session, max_in_flight=settings.webhook_max_in_flight_per_endpoint,
            lease_seconds=settings.webhook_lease_seconds, batch_size=settings.webhook_batch_size,
        )
    for claim in claims:  # committed first: a lost task only waits for its lease to run out
        # Past its lease the claim is void (the messages are due again), so the task expires with it.
        _send(DELIVER_TASK, args=[claim.endpoint_id, claim.message_ids, claim.token],
              expires=settings.webhook_lease_seconds)
    return sum(len(claim.message_ids) for claim in claims)


@celery_app.task(name=DISPATCH_TASK, ignore_result=True, acks_late=False)
def dispatch() -> int:
    return run_dispatch()


def deliver_claim(message_ids: list[int], token: str, *, wait: float | None) -> dict[str, int]:
    """Send one claimed batch; record what finished within `wait` now and the rest when it finishes."""
    settings = get_settings()
    with session_scope() as session:
        requests = dispatching.prepare(session, message_ids, token)
    if not requests:
        return {}
    done, running = get_sender(settings).send_all(requests, wait=wait)
    with session_scope() as session:
        counts = dispatching.record(session, done, token, settings)
    for future in running:
        future.add_done_callback(lambda f: _late_recorder.submit(_record_late, f.result(), token))
    return counts


def _record_late(result, token: str) -> None:
    try:
        with session_scope() as session:
            dispatching.record(session, [result], token, get_settings())
    except Exception:  # the lease runs out and the message is tried again
        log.exception("could not record webhook attempt for message %s", result.message_id)


@celery_app.task(name=DELIVER_TASK, ignore_result=True, acks_late=False)
def deliver(endpoint_id: int, message_ids: list[int], token: str) -> dict[str, int]:
    counts = deliver_claim(message_ids, token, wait=get_settings().webhook_task_wait_seconds)
    # Capacity was freed: claim the next due messages now rather than at the next beat.
    run_dispatch()
    return counts


@worker_ready.connect
def catch_up_on_start(**_) -> None:
    """A worker (re)starting relays and dispatches what may have waited while none ran."""
    kick_relay()
    kick_dispatch()


def kick_relay_for(saved) -> None:
    """After an article's events committed (`processing.store`'s result): relay them now if there are any."""
    if saved is not None and (saved.created or saved.updated):
        kick_relay()
