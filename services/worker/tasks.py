"""Celery tasks: extract articles (one or a chunk), and sweep articles the queue lost."""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta

from celery.signals import worker_process_init

from services.settings import get_settings
from services.store import articles as article_store
from services.store.db import session_scope
from services.webhooks.tasks import kick_relay_for
from services.worker import processing, retention
from services.worker.celery_app import celery_app
from services.worker.queue import enqueue_articles
from services.worker.signals import article_context

log = logging.getLogger(__name__)


@worker_process_init.connect
def load_model_once(**_) -> None:
    """Load the NLP model when a worker process starts, not on its first article."""
    from services.extraction.nlp import load_pipeline

    load_pipeline(get_settings().nlp_model)


def extractor():
    """The module whose `extract` / `extract_many` the worker calls (a setting, normally the built-in core)."""
    return importlib.import_module(get_settings().extractor_module)


def _backoff(retries: int) -> float:
    return min(get_settings().retry_backoff_seconds * 2**retries, 300)


@celery_app.task(name="annals.extract", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def extract_article(self, article_id: int) -> None:
    """Extract one article; on error retry with backoff, then mark it failed with the error."""
    settings = get_settings()
    claimed = processing.claim([article_id])
    if not claimed:
        return
    article = claimed[0]
    try:
        extraction = extractor().extract(article.text, article.published_date, model_name=settings.nlp_model)
        kick_relay_for(processing.store(article.id, extraction))  # webhooks go out right after the commit
    except Exception as error:
        # attempts counts every try, a failed batch run included: 1 try + task_max_retries retries in all
        final = article.attempts > settings.task_max_retries
        log.exception("article %s failed (attempt %d)", article_id, article.attempts)
        processing.fail(article_id, error, final=final)
        if not final:
            raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error


@celery_app.task(name="annals.extract_batch", acks_late=True, reject_on_worker_lost=True)
def extract_batch(article_ids: list[int]) -> None:
    """Extract a chunk through nlp.pipe; an article that fails goes back alone to `annals.extract`."""
    settings = get_settings()
    claimed = processing.claim(article_ids)
    items = ((article.text, article.published_date) for article in claimed)
    failed: list[int] = []
    try:
        extractions = extractor().extract_many(items, model_name=settings.nlp_model)
        for article, extraction in zip(claimed, extractions, strict=True):
            with article_context(article.id):
                try:
                    kick_relay_for(processing.store(article.id, extraction))
                except Exception:
                    log.exception("article %s could not be stored; retrying it alone", article.id)
                    failed.append(article.id)
    except Exception:
        log.exception("batch extraction failed; retrying its articles one by one")
        failed = [article.id for article in claimed if article.id not in failed]
        failed = [article_id for article_id in failed if not _is_done(article_id)]
    processing.release(failed)  # their own tasks claim them at once instead of waiting for this lease
    for article_id in failed:
        extract_article.delay(article_id)


def _is_done(article_id: int) -> bool:
    with session_scope() as session:
        article = article_store.get_article(session, article_id)
        return article is None or article.status == "done"


@celery_app.task(name="annals.sweep", acks_late=True)
def sweep() -> int:
    """Re-enqueue articles the queue does not hold: never published, lost by Redis, or whose worker died."""
    settings = get_settings()
    with session_scope() as session:
        stale = article_store.claim_stale(
            session,
            unpublished_after=timedelta(seconds=settings.requeue_after_seconds),
            republish_after=timedelta(seconds=settings.republish_after_seconds),
        )
    if stale.unpublished or stale.abandoned:
        log.info("sweep re-enqueues %d unpublished and %d abandoned article(s)", len(stale.unpublished),
                 len(stale.abandoned))
    # An article whose worker died goes alone: if it is what killed the worker, it takes no chunk with it.
    published = enqueue_articles(stale.unpublished) and enqueue_articles(stale.abandoned, per_task=1)
    if published:
        with session_scope() as session:
            article_store.mark_enqueued(session, stale.unpublished + stale.abandoned)
    return len(stale.unpublished) + len(stale.abandoned)


@celery_app.task(name="annals.prune", acks_late=True)
def prune_old_records() -> dict[str, int]:
    """Delete what is past its retention (settings: event_changes_retention_days, webhook_retention_days)."""
    settings = get_settings()
    pruned = retention.prune(changes_older_than=timedelta(days=settings.event_changes_retention_days),
                             webhooks_older_than=timedelta(days=settings.webhook_retention_days))
    log.info("pruned %s", pruned)
    return {"event_changes": pruned.event_changes, "webhook_messages": pruned.webhook_messages,
            "webhook_attempts": pruned.webhook_attempts}
