"""The one settings object. Every value can be set by an `ANNALS_*` environment variable or `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.extraction.nlp import DEFAULT_MODEL


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ANNALS_", env_file=".env", extra="ignore")

    # Unset URLs mean "embedded": `annals up` starts PostgreSQL and Redis from wheels under data_dir.
    database_url: str | None = None
    redis_url: str | None = None
    data_dir: Path = Path(".annals")

    nlp_model: str = DEFAULT_MODEL

    api_host: str = "127.0.0.1"
    api_port: int = 8000

    max_batch_articles: int = Field(1000, ge=1)
    max_timeline_limit: int = Field(500, ge=1)
    default_timeline_limit: int = Field(50, ge=1)
    max_article_chars: int = Field(200_000, ge=1)

    # Articles left `queued` longer than this (e.g. Redis was down when they were accepted) are re-enqueued.
    sweep_interval_seconds: float = Field(30.0, gt=0)
    requeue_after_seconds: float = Field(60.0, gt=0)
    task_max_retries: int = Field(3, ge=0)

    # Writes (POST /articles*, webhook management) need `Authorization: Bearer <key>` (`annals keys create`).
    auth_enabled: bool = True
    read_requires_key: bool = False

    # Signs timeline cursors; set it (same value on every API instance) in production.
    secret_key: str = "annals-development-secret"
    # Seconds before Redis redelivers a task whose worker vanished without acknowledging it.
    visibility_timeout_seconds: int = Field(600, ge=10)
    worker_concurrency: int = Field(1, ge=1)

    log_level: str = "INFO"


@lru_cache
def get_settings() -> Settings:
    return Settings()
