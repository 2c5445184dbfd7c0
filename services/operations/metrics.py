"""Prometheus metrics: HTTP requests, queue depth, article states, task durations and failures, webhooks.

With PROMETHEUS_MULTIPROC_DIR set (as `annals up` does), every process on the host (API workers, Celery
workers) writes its samples there and GET /metrics aggregates them. Workers on other hosts can serve their
own with ANNALS_WORKER_METRICS_PORT.
"""

from __future__ import annotations

import logging
import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

log = logging.getLogger(__name__)

HTTP_REQUESTS = Counter("annals_http_requests_total", "HTTP requests by route and status", ["method", "route", "status"])
HTTP_SECONDS = Histogram("annals_http_request_duration_seconds", "HTTP request latency", ["method", "route"],
                         buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
TASK_SECONDS = Histogram("annals_task_duration_seconds", "Celery task run time", ["task"],
                         buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120))
TASK_FAILURES = Counter("annals_task_failures_total", "Celery task runs that raised", ["task"])
WEBHOOK_DELIVERIES = Counter("annals_webhook_deliveries_total", "Webhook delivery attempts by outcome", ["outcome"])


class MetricsMiddleware:
    """Pure ASGI middleware (streams such as SSE pass straight through): counts requests by route template."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = {"code": 500}

        async def send_and_record(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            HTTP_REQUESTS.labels(scope["method"], route, str(status["code"])).inc()
            HTTP_SECONDS.labels(scope["method"], route).observe(time.perf_counter() - started)


class BacklogCollector:
    """Scrape-time gauges: articles per state (PostgreSQL) and messages waiting per queue (Redis)."""

    def __init__(self, queues: tuple[str, ...] = ("celery", "webhooks")) -> None:
        self.queues = queues

    def collect(self):
        from sqlalchemy import func, select

        from services.operations.redis_client import redis_from_url
        from services.settings import get_settings
        from services.store.db import get_sessionmaker
        from services.store.models import ARTICLE_STATUSES, Article

        articles = GaugeMetricFamily("annals_articles", "Articles by processing state", labels=["status"])
        try:
            with get_sessionmaker()() as session:
                counts = dict(session.execute(select(Article.status, func.count()).group_by(Article.status)).all())
            for status in ARTICLE_STATUSES:
                articles.add_metric([status], counts.get(status, 0))
        except Exception:
            log.debug("article counts unavailable", exc_info=True)
        yield articles
        depth = GaugeMetricFamily("annals_queue_depth", "Messages waiting in the broker", labels=["queue"])
        try:
            settings = get_settings()
            client = redis_from_url(settings.redis_url or "redis://127.0.0.1:6379/0", socket_timeout=1)
            for queue in self.queues:
                depth.add_metric([queue], client.llen(settings.redis_key_prefix + queue))
        except Exception:
            log.debug("queue depth unavailable", exc_info=True)
        yield depth


def render_metrics() -> tuple[bytes, str]:
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    registry_with_backlog = CollectorRegistry()
    registry_with_backlog.register(BacklogCollector())
    return generate_latest(registry) + generate_latest(registry_with_backlog), CONTENT_TYPE_LATEST
