"""Turning queued articles into stored events: claim, extract (pure, outside any transaction), write."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from celery.exceptions import SoftTimeLimitExceeded

from services.extraction.model import Extraction
from services.settings import get_settings
from services.store import articles as article_store
from services.store.db import session_scope
from services.store.events import SavedEvents, save_extraction

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClaimedArticle:
    id: int
    text: str
    published_date: date  # the reference date: the publisher's calendar date (articles.published_date)
    attempts: int


def claim(article_ids: list[int], *, database_url: str | None = None) -> list[ClaimedArticle]:
    """Mark each article processing under a lease (one short transaction each); skip those gone, finished or
    held by a live worker. An article whose attempts all ended with a dead worker is failed here."""
    settings = get_settings()
    claimed = []
    for article_id in article_ids:
        with session_scope(database_url) as session:
            outcome = article_store.claim_for_processing(
                session, article_id, lease_seconds=settings.processing_lease_seconds,
                max_attempts=settings.task_max_retries + 1)
            article = outcome.article
            if article is not None:
                claimed.append(ClaimedArticle(article.id, article.text, article.reference_date, article.attempts))
        if outcome.lost:
            log.error("article %s failed: its worker was lost on every attempt", article_id)
    return claimed


def release(article_ids: list[int]) -> None:
    if article_ids:
        with session_scope() as session:
            article_store.release(session, article_ids)


def store(
    article_id: int,
    extraction: Extraction,
    on_saved: Callable[..., None] | None = None,
    *,
    database_url: str | None = None,
) -> SavedEvents | None:
    """Write the extraction and mark the article done in one transaction; None if another worker did."""
    with session_scope(database_url) as session:
        article = article_store.lock_unfinished(session, article_id)
        if article is None:
            return None
        saved = save_extraction(session, article_id, extraction)
        if on_saved is not None:
            on_saved(session, saved)
        article_store.mark_done(article, extraction.text)
    log.info("article %s done: %d new, %d updated events", article_id, len(saved.created), len(saved.updated))
    return saved


def failure_code(error: BaseException) -> str:
    return "timed_out" if isinstance(error, SoftTimeLimitExceeded) else "extraction_failed"


def fail(article_id: int, error: BaseException, *, final: bool) -> None:
    """Record the failure's code (readers see it); the exception itself was logged by the caller."""
    with session_scope() as session:
        article_store.record_failure(session, article_id, failure_code(error), final=final)
