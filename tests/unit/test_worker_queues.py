"""Maintenance and webhook tasks have queues of their own, and periodic runs expire, so none of them waits
behind an extraction backlog or piles up behind a stalled worker."""

from __future__ import annotations

import pytest

from services.settings import Settings
from services.worker.celery_app import celery_app


@pytest.mark.parametrize(("task", "queue"), [
    ("annals.sweep", "maintenance"),
    ("annals.prune", "maintenance"),
    ("annals.webhooks.relay", "webhooks"),
    ("annals.webhooks.dispatch", "webhooks"),
    ("annals.webhooks.deliver", "webhooks"),
    ("annals.extract", "celery"),
    ("annals.extract_batch", "celery"),
])
def test_each_task_goes_to_its_queue(task, queue):
    assert celery_app.amqp.router.route({}, task)["queue"].name == queue


def test_every_periodic_task_expires():
    from services.worker.celery_app import MIN_PERIODIC_EXPIRY_SECONDS

    for name, entry in celery_app.conf.beat_schedule.items():
        assert entry["options"]["expires"] == max(entry["schedule"], MIN_PERIODIC_EXPIRY_SECONDS), name


def test_time_limits_come_before_the_lease_and_the_lease_before_redelivery():
    conf = celery_app.conf
    settings = Settings()
    assert conf.task_soft_time_limit < conf.task_time_limit < settings.processing_lease_seconds
    assert settings.processing_lease_seconds < settings.visibility_timeout_seconds
    with pytest.raises(ValueError, match="processing_lease_seconds"):
        Settings(task_time_limit_seconds=900)
