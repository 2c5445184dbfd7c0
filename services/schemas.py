"""The shapes the API answers with, for its OpenAPI document (and the fuzz test that holds it to them).

Routes build plain dicts on the hot paths; these models document them (`responses=`), they do not run.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class ActorCandidate(BaseModel):
    """One of the actors an ambiguous name may mean."""

    id: int
    name: str
    kind: str
    event_count: int


class Problem(BaseModel):
    """RFC 9457 problem details: every error has this shape."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None
    suggestions: list[str] | None = None
    candidates: list[ActorCandidate] | None = None


class EventDateOut(BaseModel):
    value: str
    start: str
    end: str
    granularity: str


class ActorRef(BaseModel):
    id: int
    name: str


class EventActorOut(ActorRef):
    # "source": it only reports the event ("..., the Herald reported"); "participant": it takes part.
    role: Literal["participant", "source"] = "participant"


class SourceOut(BaseModel):
    article_id: int
    url: str | None
    title: str | None
    source: str | None
    published_at: str
    sentence: str
    offsets: list[int]


class EventOut(BaseModel):
    id: int
    date: EventDateOut
    summary: str
    status: Literal["occurred", "planned"]
    trigger: str
    type: str
    place: ActorRef | None
    confidence: float
    outlets: int
    first_reported_at: str | None
    updated_at: str
    actors: list[EventActorOut]
    sources: list[SourceOut]


class SnippetOut(BaseModel):
    """Evidence around the matched words; `marks` are [start, end) offsets of the matches in `text`."""

    text: str
    marks: list[list[int]]


class EventHit(EventOut):
    rank: float | None
    snippet: SnippetOut


class EventSearchOut(BaseModel):
    events: list[EventHit]
    next_cursor: str | None


class ArticleOut(BaseModel):
    id: int
    status: Literal["queued", "processing", "done", "failed"]
    url: str | None
    title: str | None
    source: str | None
    published_at: str
    published_at_assumed: bool
    received_at: str
    attempts: int
    error_code: Literal["extraction_failed", "timed_out", "worker_lost"] | None
    error: str | None
    duplicate: bool | None = None


class ArticleWithEvents(ArticleOut):
    events: list[EventOut]


class ArticleTextOut(BaseModel):
    id: int
    text: str
    offsets_refer_to: Literal["this text"] = "this text"


class BatchItemResult(BaseModel):
    index: int
    status: Literal["queued", "duplicate", "rejected"]
    id: int | None = None
    errors: list[dict[str, Any]] | None = None


class BatchOut(BaseModel):
    accepted: int
    duplicates: int
    rejected: int
    results: list[BatchItemResult]


class ActorOut(BaseModel):
    id: int
    name: str
    kind: Literal["person", "organisation", "place", "group", "product"]
    aliases: list[str]
    event_count: int | None = None
    last_reported_at: str | None = None


class ActorsOut(BaseModel):
    actors: list[ActorOut]
    next_cursor: str | None = None


class TimelineOut(BaseModel):
    actor: ActorOut
    order: Literal["asc", "desc"]
    events: list[EventOut]
    next_cursor: str | None


def problems(*statuses: int) -> dict[int, dict]:
    """`responses=` entries documenting the problem answers a route can give."""
    return {status: {"model": Problem, "content": {"application/problem+json": {}}} for status in statuses}
