"""Worker process hooks: JSON logs, the article id on every log line, task metrics."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

from celery.signals import setup_logging, task_failure, task_postrun, task_prerun, worker_process_shutdown

from services.operations.logs import configure_logging, current_article_id
from services.operations.metrics import TASK_FAILURES, TASK_SECONDS
from services.settings import get_settings

_started: dict[str, float] = {}


@setup_logging.connect
def use_json_logs(**_) -> None:
    """Connected, so Celery leaves logging to us: one JSON line per record."""
    configure_logging(get_settings().log_level)


@contextmanager
def article_context(article_id: int):
    """Log lines inside carry this article's id."""
    token = current_article_id.set(article_id)
    try:
        yield
    finally:
        current_article_id.reset(token)


@task_prerun.connect
def before_task(task_id=None, task=None, args=None, **_) -> None:
    _started[task_id] = time.perf_counter()
    if task is not None and task.name == "annals.extract" and args:
        current_article_id.set(args[0])


@task_postrun.connect
def after_task(task_id=None, task=None, **_) -> None:
    started = _started.pop(task_id, None)
    if started is not None and task is not None:
        TASK_SECONDS.labels(task.name).observe(time.perf_counter() - started)
    current_article_id.set(None)


@task_failure.connect
def count_failure(sender=None, **_) -> None:
    TASK_FAILURES.labels(getattr(sender, "name", "unknown")).inc()


@worker_process_shutdown.connect
def forget_process_metrics(pid=None, **_) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid or os.getpid())
