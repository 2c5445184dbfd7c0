"""Enqueueing work from the API. Publishing never decides whether an article is kept: PostgreSQL does."""

from __future__ import annotations

import logging

from services.worker.celery_app import celery_app

log = logging.getLogger(__name__)

# Articles per task: the worker runs them through spaCy's nlp.pipe together.
CHUNK = 16


def enqueue_articles(article_ids: list[int]) -> bool:
    """Queue extraction; False if the broker is unreachable (the periodic sweep re-enqueues them later)."""
    try:
        for start in range(0, len(article_ids), CHUNK):
            chunk = article_ids[start : start + CHUNK]
            if len(chunk) == 1:
                celery_app.send_task("annals.extract", args=[chunk[0]], retry=False)
            else:
                celery_app.send_task("annals.extract_batch", args=[chunk], retry=False)
    except Exception:  # the article is committed; losing the broker only delays it
        log.warning("broker unreachable; %d article(s) left for the sweep", len(article_ids), exc_info=True)
        return False
    return True
