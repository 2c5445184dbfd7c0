"""The one settings object. Every value can be set by an `ANNALS_*` environment variable or `.env`."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from services.extraction.nlp import DEFAULT_MODEL


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ANNALS_", env_file=".env", extra="ignore")

    # Unset URLs mean "embedded": `annals up` starts PostgreSQL and Redis from wheels under data_dir.
    database_url: str | None = None
    redis_url: str | None = None
    data_dir: Path = Path(".annals")
    database_pool_size: int = Field(10, ge=1)
    database_pool_overflow: int = Field(10, ge=0)
    # POST /articles's group commit (services/ingest/grouping.py): statements in flight at once per API process;
    # requests arriving meanwhile wait and go together in the next one.
    ingest_group_statements: int = Field(2, ge=1)
    # Prefix of every Redis key Celery uses, so several deployments or test runs can share one Redis db.
    redis_key_prefix: str = ""

    nlp_model: str = DEFAULT_MODEL
    # The module providing extract() and extract_many() to workers: an extension point for other extractors.
    extractor_module: str = "services.extraction"

    api_host: str = "127.0.0.1"
    api_port: int = 8000

    max_batch_articles: int = Field(1000, ge=1)
    max_timeline_limit: int = Field(500, ge=1)
    default_timeline_limit: int = Field(50, ge=1)
    # Exports (format=csv|ics|timelinejs) stream the whole window; a window holding more is refused (422).
    max_export_events: int = Field(20_000, ge=1)
    max_article_chars: int = Field(200_000, ge=1)
    max_body_bytes: int = Field(1_000_000, ge=1024)  # 413 above this
    max_batch_body_bytes: int = Field(64_000_000, ge=1024)  # a batch of 1,000 articles needs more room

    # Articles never published to the queue (e.g. Redis was down when they were accepted) are enqueued by the
    # sweep after requeue_after_seconds; published ones only after republish_after_seconds (the queue lost
    # them), so a backlog is never published again and again.
    sweep_interval_seconds: float = Field(30.0, gt=0)
    requeue_after_seconds: float = Field(60.0, gt=0)
    republish_after_seconds: float = Field(3600.0, gt=0)
    # An extraction task is interrupted (soft: recorded as `timed_out` and retried) and then killed (hard)
    # after these; the article's processing lease outlasts the hard limit, and Redis's visibility timeout
    # outlasts the lease, so a live worker's article is never given to another one.
    task_soft_time_limit_seconds: float = Field(240.0, gt=0)
    task_time_limit_seconds: float = Field(270.0, gt=0)
    processing_lease_seconds: float = Field(300.0, gt=0)
    task_max_retries: int = Field(3, ge=0)
    retry_backoff_seconds: float = Field(5.0, gt=0)  # doubles on each retry

    # Writes (POST /articles*, webhook management) need `Authorization: Bearer <key>` (`annals keys create`).
    auth_enabled: bool = True
    read_requires_key: bool = False

    # Rate limits (services/ratelimit.py), counted in Redis and shared by every API process; the `limits`
    # notation, several separated by ';'. Per key: requests that present a valid key; per address: all.
    rate_limit_enabled: bool = True
    rate_limit_per_key: str = "1000/second;30000/minute"
    rate_limit_per_address: str = "1000/second;30000/minute"

    # Signs timeline cursors; set it (same value on every API instance) in production.
    secret_key: str = "annals-development-secret"
    # Seconds before Redis redelivers a task whose worker vanished without acknowledging it.
    visibility_timeout_seconds: int = Field(600, ge=10)
    worker_concurrency: int = Field(1, ge=1)

    log_level: str = "INFO"

    # Retention (services/worker/retention.py), run by beat every prune_interval_seconds: the change feed
    # (once relayed), finished webhook messages and webhook attempts older than these are deleted.
    prune_interval_seconds: float = Field(3600.0, gt=0)
    event_changes_retention_days: float = Field(30.0, gt=0)
    webhook_retention_days: float = Field(30.0, gt=0)

    # Webhooks (services/webhooks/). Outbound addresses are guarded: loopback, private, link-local, multicast,
    # reserved and unspecified addresses and plain http:// are refused unless allowed here. Lists take JSON
    # ('["127.0.0.0/8", "::1/128"]') or commas ("127.0.0.0/8,::1/128").
    webhook_allow_nets: Annotated[list[str], NoDecode] = []
    webhook_allow_http: bool = False
    # Seconds before each retry after the first attempt; the message fails after the last one.
    webhook_retry_schedule: Annotated[list[float], NoDecode] = [5, 300, 1800, 7200, 18000, 36000, 36000]
    # An endpoint whose every attempt has failed for this long is disabled.
    webhook_disable_after_seconds: float = Field(5 * 24 * 3600, gt=0)
    webhook_connect_timeout_seconds: float = Field(5.0, gt=0)
    # How long creating or changing a subscription waits for the URL's DNS answer (then 422).
    webhook_lookup_timeout_seconds: float = Field(3.0, gt=0)
    webhook_timeout_seconds: float = Field(15.0, gt=0)
    webhook_max_body_bytes: int = Field(64 * 1024, ge=1024)
    # After a rotation the old secret keeps signing (alongside the new one) this long.
    webhook_secret_grace_seconds: float = Field(24 * 3600, ge=0)
    # Beat runs the relay and the dispatcher this often, whether or not a kick arrived.
    webhook_relay_interval_seconds: float = Field(5.0, gt=0)
    webhook_dispatch_interval_seconds: float = Field(1.0, gt=0)
    # A claimed delivery whose worker vanished is retried after this long (must exceed webhook_timeout_seconds).
    webhook_lease_seconds: float = Field(60.0, gt=0)
    # Attempts in flight at once per endpoint (also its connections per worker process), and per delivery task.
    webhook_max_in_flight_per_endpoint: int = Field(32, ge=1)
    webhook_batch_size: int = Field(100, ge=1)
    # A delivery task waits this long for its requests, then leaves slow ones to finish in the background,
    # so a slow endpoint never holds a worker slot that other endpoints' deliveries need.
    webhook_task_wait_seconds: float = Field(2.0, ge=0)
    webhook_replay_max_messages: int = Field(10_000, ge=1)

    @model_validator(mode="after")
    def _limits_in_order(self) -> Settings:
        order = (self.task_soft_time_limit_seconds, self.task_time_limit_seconds, self.processing_lease_seconds,
                 self.visibility_timeout_seconds)
        if list(order) != sorted(order) or len(set(order)) != len(order):
            raise ValueError("need task_soft_time_limit_seconds < task_time_limit_seconds < "
                             f"processing_lease_seconds < visibility_timeout_seconds, got {order}")
        return self

    @field_validator("webhook_allow_nets", "webhook_retry_schedule", mode="before")
    @classmethod
    def _list_from_env(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
