"""POST articles (one or a batch) and follow their processing."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from services.auth.dependencies import IngestAccess, ReadAccess, authorise, bearer_token, granting_scopes
from services.auth.keys import hash_key, key_rate_identity
from services.deps import SessionDep, SettingsDep
from services.errors import Conflict, InvalidRequest, NotFound, Unprocessable, validation_errors
from services.ingest.grouping import AcceptGroups
from services.ingest.publisher import publisher
from services.ingest.schemas import ArticleIn, BatchIn, ValidBatch
from services.ratelimit import check_key_rate
from services.responses import OrjsonResponse
from services.schemas import ArticleOut, ArticleTextOut, ArticleWithEvents, BatchOut, problems
from services.settings import get_settings
from services.store import articles as article_store
from services.store.articles import NewArticle
from services.store.db import session_scope
from services.store.event_reads import events_of_article
from services.timeline.serialize import article_json, article_row

BodyModel = TypeVar("BodyModel", bound=BaseModel)

router = APIRouter(tags=["articles"], responses=problems(429))  # rate limits (services/ratelimit.py)



def _new_article(article: ArticleIn) -> NewArticle:
    return NewArticle(
        text=article.text, title=article.title, url=article.url, source=article.source, published_at=article.published_at
    )


# The body is read and validated here (pydantic-core parses the raw bytes), so the schema is stated for docs.
_ARTICLE_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


@router.post(
    "/articles",
    status_code=202,
    responses={202: {"model": ArticleOut}, 200: {"model": ArticleOut, "description": "Already posted: that article"},
               **problems(400, 401, 403, 413, 422, 503)},
    openapi_extra=_ARTICLE_BODY,
)
async def post_article(request: Request):
    """Accept an article: it is committed before the answer, then queued for extraction."""
    # settings read here, not as a dependency: FastAPI solves each dependency with a pass of its own over the
    # request's parameters (solve_dependencies was 6 % of this route's samples)
    token = bearer_token(request) if get_settings().auth_enabled else None
    try:
        body = await request.body()
    except ClientDisconnect:  # gone, or cut off by the body limit (which has answered 413 itself)
        return Response(status_code=400)
    try:
        article = parse_article(body)
    except RequestValidationError:
        if token is not None:  # a bad key is reported before a bad body, as for every other route
            await check_key_only(request, token)
        raise
    if token is not None:
        await check_key_rate(request, key_rate_identity(token))
    # committed (with the concurrent requests of its group) when this returns; published to the queue
    accepted = await request.app.state.accept_groups.accept(
        article_store.posted(_new_article(article), token and hash_key(token)))
    if token is not None:
        authorise(accepted and accepted.key_id, accepted and accepted.scopes, accepted and accepted.revoked_at,
                  "ingest", found=accepted is not None)
    return OrjsonResponse({**article_json(accepted.article), "duplicate": not accepted.created},
                          status_code=202 if accepted.created else 200)


def accept_groups(raw_pool) -> AcceptGroups:
    """The app's group commit for POST /articles (created with the app's raw pool, in its event loop)."""
    return AcceptGroups(raw_pool, granting=granting_scopes("ingest"), on_created=publisher.submit,
                        max_statements=get_settings().ingest_group_statements)


def parse_article(body: bytes) -> ArticleIn:
    return validated_body(ArticleIn, body)


def validated_body(model: type[BodyModel], body: bytes) -> BodyModel:
    """The body as `model`, or the same 422/400 problems FastAPI's own body validation gives."""
    try:
        text = body.decode()
    except UnicodeDecodeError as error:
        raise InvalidRequest("the request body is not UTF-8") from error
    try:
        return model.model_validate_json(text or "null")
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None


async def check_key_only(request: Request, token: str) -> None:
    """401/403 for a key that may not ingest (the path for a bad body: the accept statement never runs)."""
    async def state(connection):
        cursor = await connection.execute("SELECT id, scopes, revoked_at FROM api_keys WHERE key_hash = %s",
                                          (hash_key(token),))
        return await cursor.fetchone()

    found = await request.app.state.raw_pool.run(state)
    authorise(*(found or (None, None, None)), "ingest", found=found is not None)


_BATCH_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": BatchIn.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


@router.post("/articles/batch", responses={200: {"model": BatchOut}, **problems(400, 401, 403, 413, 422, 503)},
             openapi_extra=_BATCH_BODY)
async def post_articles_batch(request: Request, settings: SettingsDep, _: IngestAccess):
    """Accept up to 1,000 articles; each gets its own result, and bad items never block good ones."""
    try:
        body = await request.body()
    except ClientDisconnect:  # cut off by the body limit, which has answered 413 itself
        return Response(status_code=400)
    articles, results = parse_batch(body, max_articles=settings.max_batch_articles)
    valid = [(index, _new_article(article)) for index, article in enumerate(articles) if article is not None]
    accepted = await run_in_threadpool(_accept_and_commit, [article for _, article in valid])
    for (index, _), outcome in zip(valid, accepted, strict=True):
        results[index] = {
            "index": index,
            "id": outcome.id,
            "status": "queued" if outcome.created else "duplicate",
        }
    publisher.submit([outcome.id for outcome in accepted if outcome.created])
    counts = {status: sum(1 for r in results if r["status"] == status) for status in ("queued", "duplicate", "rejected")}
    return OrjsonResponse({"accepted": counts["queued"], "duplicates": counts["duplicate"],
                           "rejected": counts["rejected"], "results": results})


def parse_batch(body: bytes, *, max_articles: int) -> tuple[list[ArticleIn | None], list[dict]]:
    """Each item as an article (None where it is invalid) and the results so far (the rejections).

    A batch whose items are all valid is parsed and validated in one call (pydantic-core, on the raw bytes);
    only a batch with bad items is validated again item by item, so each bad one gets its own errors."""
    try:
        articles: list[ArticleIn | None] = list(ValidBatch.model_validate_json(body).articles)
        return articles, [{} for _ in articles]
    except ValidationError:
        pass
    envelope = validated_body(BatchIn, body)  # {"articles": [...]} and nothing else
    if len(envelope.articles) > max_articles:
        raise Unprocessable(f"a batch holds at most {max_articles} articles, got {len(envelope.articles)}")
    articles, results = [], []
    for index, raw in enumerate(envelope.articles):
        try:
            articles.append(ArticleIn.model_validate(raw))
            results.append({})
        except ValidationError as error:
            articles.append(None)
            results.append({"index": index, "status": "rejected", "errors": validation_errors(error.errors())})
    return articles, results


def _accept_and_commit(articles: list[NewArticle]) -> list[article_store.Accepted]:
    if not articles:
        return []
    with session_scope() as session:
        return article_store.accept_articles(session, articles)


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
