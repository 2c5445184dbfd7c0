"""Turning queued articles into stored events: claim, extract (pure, outside any transaction), write."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from services.extraction.model import Extraction
from services.store import articles as article_store
from services.store.db import session_scope
from services.store.events import SavedEvents, save_extraction

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClaimedArticle:
    id: int
    text: str
    published_at: object  # datetime
    attempts: int


def claim(article_ids: list[int], *, database_url: str | None = None) -> list[ClaimedArticle]:
    """Mark each article processing (one short transaction each); skip those gone or already done."""
    claimed = []
    for article_id in article_ids:
        with session_scope(database_url) as session:
            article = article_store.claim_for_processing(session, article_id)
            if article is not None:
                claimed.append(ClaimedArticle(article.id, article.text, article.published_at, article.attempts))
    return claimed


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
        article_store.mark_done(article)
    log.info("article %s done: %d new, %d updated events", article_id, len(saved.created), len(saved.updated))
    return saved


def fail(article_id: int, error: BaseException, *, final: bool) -> None:
    with session_scope() as session:
        article_store.record_failure(session, article_id, f"{type(error).__name__}: {error}", final=final)
