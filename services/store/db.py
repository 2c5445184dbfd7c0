"""Engine and sessions. The URL comes from settings; `annals up` fills it in for the embedded servers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from services.settings import get_settings


class DatabaseNotConfigured(RuntimeError):
    """No ANNALS_DATABASE_URL: run `annals up` (embedded) or set it."""


def sqlalchemy_url(url: str) -> str:
    """Use the psycopg 3 driver whatever scheme the URL was given with."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# Every session runs in UTC, whatever the server's or the client library's default (PGTZ, the
# database's `timezone` setting): timestamps read back are UTC, and no calendar date is ever taken in
# the server's zone. The publisher's calendar date is stored apart (articles.published_date).
UTC_SESSIONS = {"options": "-c timezone=UTC"}


def get_engine(url: str | None = None) -> Engine:
    """The process's engine for a URL (default: the settings'). `get_engine()` and `get_engine(None)` are one
    engine, one pool: the cache is keyed by the resolved URL."""
    url = url or get_settings().database_url
    if not url:
        raise DatabaseNotConfigured("ANNALS_DATABASE_URL is not set; `annals up` starts an embedded PostgreSQL")
    return engine_for(url)


@lru_cache
def engine_for(url: str) -> Engine:
    return create_engine(
        sqlalchemy_url(url),
        # per process: API and worker processes multiply this, and PostgreSQL allows ~100 connections by default
        pool_size=get_settings().database_pool_size,
        max_overflow=get_settings().database_pool_overflow,
        pool_timeout=10,
        pool_pre_ping=True,  # a restarted PostgreSQL costs one failed checkout, not a stream of errors
        pool_recycle=1800,
        connect_args=UTC_SESSIONS,
    )


@lru_cache
def get_sessionmaker(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on error."""
    with get_sessionmaker(url)() as session, session.begin():
        yield session


def create_async_engine_for(url: str | None = None):
    """An asyncio engine for the API's hot paths; made per app (its pool belongs to one event loop)."""
    from sqlalchemy.ext.asyncio import create_async_engine

    url = url or get_settings().database_url
    if not url:
        raise DatabaseNotConfigured("ANNALS_DATABASE_URL is not set; `annals up` starts an embedded PostgreSQL")
    return create_async_engine(
        sqlalchemy_url(url),
        pool_size=get_settings().database_pool_size,
        max_overflow=get_settings().database_pool_overflow,
        pool_timeout=10,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args=UTC_SESSIONS,
    )
