"""POST articles (one or a batch) and follow their processing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import ValidationError

from services.auth.dependencies import IngestAccess, ReadAccess
from services.deps import AsyncSessionDep, SessionDep, SettingsDep
from services.errors import Conflict, NotFound, Unprocessable, validation_errors
from services.ingest.publisher import publisher
from services.ingest.schemas import ArticleIn, BatchIn
from services.responses import OrjsonResponse
from services.schemas import ArticleOut, ArticleTextOut, ArticleWithEvents, BatchOut, problems
from services.store import articles as article_store
from services.store.articles import NewArticle
from services.store.events import events_of_article
from services.timeline.serialize import article_json, article_row

router = APIRouter(tags=["articles"], responses=problems(429))  # rate limits (services/ratelimit.py)



def _new_article(article: ArticleIn) -> NewArticle:
    return NewArticle(
        text=article.text, title=article.title, url=article.url, source=article.source, published_at=article.published_at
    )


@router.post(
    "/articles",
    status_code=202,
    responses={202: {"model": ArticleOut}, 200: {"model": ArticleOut, "description": "Already posted: that article"},
               **problems(400, 401, 403, 413, 422, 503)},
)
async def post_article(article: ArticleIn, session: AsyncSessionDep, _: IngestAccess):
    """Accept an article: it is committed before the answer, then queued for extraction."""
    stored, created = await article_store.accept_article_async(session, _new_article(article))
    await session.commit()
    if created:
        publisher.submit([stored["id"]])
    return OrjsonResponse({**article_json(stored), "duplicate": not created}, status_code=202 if created else 200)


@router.post("/articles/batch", responses={200: {"model": BatchOut}, **problems(400, 401, 403, 413, 422, 503)})
def post_articles_batch(batch: BatchIn, session: SessionDep, settings: SettingsDep, _: IngestAccess):
    """Accept up to 1,000 articles; each gets its own result, and bad items never block good ones."""
    if len(batch.articles) > settings.max_batch_articles:
        raise Unprocessable(f"a batch holds at most {settings.max_batch_articles} articles, got {len(batch.articles)}")
    results: list[dict] = [{} for _ in batch.articles]
    valid: list[tuple[int, NewArticle]] = []
    for index, raw in enumerate(batch.articles):
        try:
            valid.append((index, _new_article(ArticleIn.model_validate(raw))))
        except ValidationError as error:
            results[index] = {"index": index, "status": "rejected", "errors": validation_errors(error.errors())}
    accepted = article_store.accept_articles(session, [article for _, article in valid])
    session.commit()
    for (index, _), outcome in zip(valid, accepted, strict=True):
        results[index] = {
            "index": index,
            "id": outcome.id,
            "status": "queued" if outcome.created else "duplicate",
        }
    publisher.submit([outcome.id for outcome in accepted if outcome.created])
    counts = {status: sum(1 for r in results if r["status"] == status) for status in ("queued", "duplicate", "rejected")}
    return {"accepted": counts["queued"], "duplicates": counts["duplicate"], "rejected": counts["rejected"],
            "results": results}


@router.get("/articles/{article_id}", responses={200: {"model": ArticleWithEvents}, **problems(401, 404, 422)})
def get_article(article_id: Annotated[int, Path(ge=1, le=2**63 - 1, examples=[1])], session: SessionDep, _: ReadAccess):
    """An article's processing status, its error if it failed, and the events it reported."""
    article = article_store.get_article(session, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return {**article_json(article_row(article)), "events": events_of_article(session, article_id)}


@router.get("/articles/{article_id}/text", responses={200: {"model": ArticleTextOut}, **problems(401, 404, 409, 422)})
def get_article_text(article_id: Annotated[int, Path(ge=1, le=2**63 - 1, examples=[1])], session: SessionDep,
                     _: ReadAccess):
    """The cleaned text extraction read (HTML and boilerplate removed): every source's `offsets` index it, so
    `text[start:end]` is the evidence sentence. 409 until the article is processed."""
    article = article_store.get_article(session, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    if article.clean_text is None:
        raise Conflict(f"article {article_id} is {article.status}: its cleaned text exists once it is done",
                       status_of_article=article.status)
    return {"id": article.id, "text": article.clean_text, "offsets_refer_to": "this text"}
