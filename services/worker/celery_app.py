"""The Celery application: Redis broker, at-least-once delivery, one task at a time per process."""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from services.settings import get_settings


def make_celery() -> Celery:
    settings = get_settings()
    broker = settings.redis_url or "redis://127.0.0.1:6379/0"
    app = Celery("annals", broker=broker, include=["services.worker.tasks", "services.webhooks.tasks"])
    app.conf.update(
        task_acks_late=True,  # a task is acknowledged after it ran: a killed worker's task is redelivered
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a slow article never holds others hostage in a worker's buffer
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
        # Webhook tasks have a queue of their own: a worker started with `-Q webhooks` serves only them, so
        # deliveries never wait behind extraction; a worker without -Q consumes both queues.
        task_queues=[Queue("celery"), Queue("webhooks")],
        task_default_queue="celery",
        task_routes={"annals.webhooks.*": {"queue": "webhooks"}},
        worker_send_task_events=False,
        beat_schedule={
            "sweep-stale-articles": {"task": "annals.sweep", "schedule": settings.sweep_interval_seconds},
            # Webhooks: relay changes a lost kick left behind; send due messages (retries, expired leases).
            "webhooks-relay": {"task": "annals.webhooks.relay", "schedule": settings.webhook_relay_interval_seconds},
            "webhooks-dispatch": {"task": "annals.webhooks.dispatch",
                                  "schedule": settings.webhook_dispatch_interval_seconds},
        },
        beat_schedule_filename=str(settings.data_dir / "celerybeat-schedule"),
        timezone="UTC",
    )
    return app


celery_app = make_celery()
