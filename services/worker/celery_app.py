"""The Celery application: Redis broker, at-least-once delivery, one task at a time per process."""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from services.settings import get_settings

# A periodic run still waiting after this long (or its interval, if longer) is dropped: the next one does
# the same work, so a stalled worker never finds a pile of them. Not less than a minute, so that a worker
# merely busy for a few seconds (a child process restarting and loading the model) still runs them.
MIN_PERIODIC_EXPIRY_SECONDS = 60.0


def periodic(task: str, interval: float) -> dict:
    return {"task": task, "schedule": interval,
            "options": {"expires": max(interval, MIN_PERIODIC_EXPIRY_SECONDS)}}


def make_celery() -> Celery:
    settings = get_settings()
    broker = settings.redis_url or "redis://127.0.0.1:6379/0"
    app = Celery("annals", broker=broker, include=["services.worker.tasks", "services.webhooks.tasks"])
    app.conf.update(
        task_acks_late=True,  # a task is acknowledged after it ran: a killed worker's task is redelivered
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a slow article never holds others hostage in a worker's buffer
        # An article that hangs is interrupted (soft: recorded and retried), then its process is killed (hard);
        # both come before the article's lease and Redis's visibility timeout run out (see settings).
        task_soft_time_limit=settings.task_soft_time_limit_seconds,
        task_time_limit=settings.task_time_limit_seconds,
        task_ignore_result=True,  # results live in PostgreSQL (article status), not in Redis
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout_seconds,
            "socket_timeout": 5,
            "socket_connect_timeout": 2,
            # Every key this deployment (or test run) uses starts with this: several can share one Redis db.
            **({"global_keyprefix": settings.redis_key_prefix} if settings.redis_key_prefix else {}),
        },
        worker_hijack_root_logger=False,
        # Webhook tasks and the periodic maintenance (sweep, pruning) have queues of their own, so they never
        # wait behind an extraction backlog: a worker started with `-Q webhooks,maintenance` serves only them;
        # a worker without -Q consumes every queue.
        task_queues=[Queue("celery"), Queue("webhooks"), Queue("maintenance")],
        task_default_queue="celery",
        task_routes={"annals.webhooks.*": {"queue": "webhooks"}, "annals.sweep": {"queue": "maintenance"},
                     "annals.prune": {"queue": "maintenance"}},
        worker_send_task_events=False,
        # Periodic tasks expire (see `periodic`).
        beat_schedule={
            "sweep-stale-articles": periodic("annals.sweep", settings.sweep_interval_seconds),
            # Webhooks: relay changes a lost kick left behind; send due messages (retries, expired leases).
            "webhooks-relay": periodic("annals.webhooks.relay", settings.webhook_relay_interval_seconds),
            "webhooks-dispatch": periodic("annals.webhooks.dispatch", settings.webhook_dispatch_interval_seconds),
            "prune-old-records": periodic("annals.prune", settings.prune_interval_seconds),
        },
        beat_schedule_filename=str(settings.data_dir / "celerybeat-schedule"),
        timezone="UTC",
    )
    return app


celery_app = make_celery()
