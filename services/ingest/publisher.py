"""Publishes accepted articles to the queue from a background thread, a few milliseconds' worth at a time.

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

from sqlalchemy import text

from services.store.articles import mark_enqueued
from services.store.db import session_scope
from services.worker.queue import CHUNK, enqueue_articles

log = logging.getLogger(__name__)


class BatchingPublisher:
    def __init__(self, *, max_delay: float = 0.005, max_batch: int = CHUNK) -> None:
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


def record_enqueued(article_ids: list[int]) -> None:
    """When they went to the queue: the sweep leaves articles published recently alone (one UPDATE a batch)."""
    try:
        with session_scope() as session:
            # The mark only spares the sweep a redundant publish: losing it in a crash costs nothing, so its
            # commit need not wait for the WAL flush (the articles themselves were committed durably).
            session.execute(text("SET LOCAL synchronous_commit = off"))
            mark_enqueued(session, article_ids)
    except Exception:  # they are queued all the same; the sweep may publish them once more, which is harmless
        log.warning("could not record that %d article(s) were enqueued", len(article_ids), exc_info=True)


publisher = BatchingPublisher()
