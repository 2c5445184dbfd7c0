"""Enqueueing work from the API. Publishing never decides whether an article is kept: PostgreSQL does."""

from __future__ import annotations

import logging

from services.worker.celery_app import celery_app

log = logging.getLogger(__name__)

# Articles per task: the worker runs them through spaCy's nlp.pipe together.
CHUNK = 16


def enqueue_articles(article_ids: list[int], *, per_task: int = CHUNK) -> bool:
    """Queue extraction; False if the broker is unreachable (the periodic sweep re-enqueues them later)."""
    try:
        # one producer (and broker connection) for all the chunks, not one taken from the pool per task
        with celery_app.producer_or_acquire() as producer:
            for start in range(0, len(article_ids), per_task):
                chunk_ids = article_ids[start : start + per_task]
                if len(chunk_ids) == 1:
                    celery_app.send_task("annals.extract", args=[chunk_ids[0]], retry=False, producer=producer)
                else:
                    celery_app.send_task("annals.extract_batch", args=[chunk_ids], retry=False, producer=producer)
    except Exception:  # the article is committed; losing the broker only delays it
        log.warning("broker unreachable; %d article(s) left for the sweep", len(article_ids), exc_info=True)
        return False
    return True
