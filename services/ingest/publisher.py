"""Publishes accepted articles to the queue from a background thread, up to 20 milliseconds' worth at a time.

A request commits its article, hands the id over and answers: it never waits on the broker. Ids that
arrive together go out as one task (the worker parses them together with nlp.pipe). If the broker is down,
or the process dies with ids still in hand, nothing is lost: the articles stay `queued` in PostgreSQL and the
periodic sweep enqueues them.
"""

from __future__ import annotations

import logging
import queue
import threading
import time

import psycopg

from services.settings import get_settings
from services.store.db import UTC_SESSIONS
from services.store.raw_connections import psycopg_url
from services.worker.queue import CHUNK, enqueue_articles

log = logging.getLogger(__name__)


class BatchingPublisher:
    # 20 ms: a task and an UPDATE cost ~0.2 ms of the API's CPU per article in batches of two, ~0.04 ms in
    # batches of ten (bench README); the worker starts on an article 20 ms later at most, unseen beside extraction.
    def __init__(self, *, max_delay: float = 0.02, max_batch: int = CHUNK) -> None:
        self.max_delay = max_delay
        self.max_batch = max_batch
        self._ids: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, article_ids: list[int]) -> None:
        self._ensure_running()
        for article_id in article_ids:
            self._ids.put(article_id)

    def _ensure_running(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(target=self._run, name="article-publisher", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        while True:
            first = self._ids.get()
            if first is None:
                return
            batch, deadline = [first], time.monotonic() + self.max_delay
            stop = False
            while len(batch) < self.max_batch:
                try:
                    article_id = self._ids.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if article_id is None:
                    stop = True
                    break
                batch.append(article_id)
            # logs and leaves them to the sweep if the broker is unreachable
            if enqueue_articles(batch):
                record_enqueued(batch)
            if stop:
                return

    def close(self, timeout: float = 5.0) -> None:
        """Publish what is in hand, then stop (called when the app shuts down)."""
        if self._thread is not None and self._thread.is_alive():
            self._ids.put(None)
            self._thread.join(timeout)


# The mark only spares the sweep a redundant publish: losing it in a crash costs nothing, so its commit need
# not wait for the WAL flush (the articles themselves were committed durably).
MARK_ENQUEUED = "UPDATE articles SET enqueued_at = now() WHERE id = ANY(%s)"


class _MarkConnection:
    """The publisher thread's own autocommit psycopg connection (a SQLAlchemy session and its ORM update cost
    more Python than the statement); reopened when it fails or the database URL changes (tests)."""

    def __init__(self) -> None:
        self._connection: psycopg.Connection | None = None
        self._url: str | None = None

    def execute(self, article_ids: list[int]) -> None:
        url = psycopg_url(get_settings().database_url)
        if self._connection is None or self._connection.closed or self._url != url:
            self.close()
            self._connection = psycopg.connect(url, autocommit=True, connect_timeout=5, **UTC_SESSIONS)
            self._connection.execute("SET synchronous_commit = off")
            self._url = url
        try:
            self._connection.execute(MARK_ENQUEUED, (article_ids,))
        except psycopg.Error:
            self.close()
            raise

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


_marks = _MarkConnection()


def record_enqueued(article_ids: list[int]) -> None:
    """When they went to the queue: the sweep leaves articles published recently alone (one UPDATE a batch)."""
    try:
        _marks.execute(article_ids)
    except Exception:  # they are queued all the same; the sweep may publish them once more, which is harmless
        log.warning("could not record that %d article(s) were enqueued", len(article_ids), exc_info=True)


publisher = BatchingPublisher()
