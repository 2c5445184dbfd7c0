"""Builders for extraction results, so store tests need no NLP model."""

from __future__ import annotations

from datetime import date, datetime

from services.extraction.model import Actor, Event, EventDate, Extraction
from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.events import save_extraction

PEOPLE = {
    "Vladimir Putin": Actor("Vladimir Putin", "person", ("Putin", "Vladimir Putin")),
    "Kim Jong Un": Actor("Kim Jong Un", "person", ("Kim", "Kim Jong Un")),
    "North Korea": Actor("North Korea", "place", ("North Korea", "Pyongyang")),
    "Putin": Actor("Putin", "person", ("Putin",)),
}


def day(value: str) -> EventDate:
    d = date.fromisoformat(value)
    return EventDate(value, d, d, "day")


def month(value: str) -> EventDate:
    year, month_number = map(int, value.split("-"))
    end = date(year + (month_number == 12), month_number % 12 + 1, 1)
    return EventDate(value, date(year, month_number, 1), date.fromordinal(end.toordinal() - 1), "month")


def year(value: str) -> EventDate:
    return EventDate(value, date(int(value), 1, 1), date(int(value), 12, 31), "year")


def event(when: EventDate, actors: tuple[str, ...], trigger: str, summary: str, *, offset: int = 0) -> Event:
    return Event(
        date=when,
        actors=actors,
        summary=summary,
        trigger=trigger,
        status="occurred",
        sentence=summary + ".",
        offsets=(offset, offset + len(summary) + 1),
        confidence=0.8,
    )


def extraction(*events: Event) -> Extraction:
    names = {name for e in events for name in e.actors}
    return Extraction(text=" ".join(e.sentence for e in events), events=list(events),
                      actors=[PEOPLE[name] for name in sorted(names)])


def store_article(*events: Event, text: str = "article", url=None, title=None, source=None) -> int:
    """Store an article with these extracted events (as a worker would) and return its id."""
    with session_scope() as session:
        new = NewArticle(text=text + str(events), url=url, title=title, source=source)
        article_id = accept_articles(session, [new])[0].id
        save_extraction(session, article_id, extraction(*events))
    return article_id


PUTIN_EVENTS = (
    event(day("2024-06-18"), ("Vladimir Putin", "North Korea"), "travel", "Putin travels to North Korea"),
    event(year("2000"), ("Vladimir Putin", "North Korea"), "visit", "Putin visited North Korea"),
    event(month("2023-09"), ("Vladimir Putin", "Kim Jong Un"), "meet", "Putin and Kim met at the cosmodrome"),
    event(month("2024-05"), ("Vladimir Putin",), "visit", "Putin made an official visit to Beijing"),
)


def report(when: EventDate, actors: tuple[Actor, ...], trigger: str, summary: str, *, status: str = "occurred",
           confidence: float = 0.8) -> Extraction:
    """One article's extraction: one event of these actors (any names and kinds)."""
    one = Event(when, tuple(a.name for a in actors), summary, trigger, status, summary + ".",
                (0, len(summary) + 1), confidence)
    return Extraction(text=summary + ".", events=[one], actors=list(actors))


def article_of(*reports: tuple[EventDate, tuple[Actor, ...], str, str]) -> Extraction:
    """One article's extraction: its (date, actors, trigger, summary) reports in text order."""
    events, offset = [], 0
    for when, actors, trigger, summary in reports:
        events.append(Event(when, tuple(a.name for a in actors), summary, trigger, "occurred", summary + ".",
                            (offset, offset + len(summary) + 1), 0.8))
        offset += len(summary) + 2
    actors = {a.name: a for _, found, _, _ in reports for a in found}
    return Extraction(text=" ".join(e.sentence for e in events), events=events, actors=list(actors.values()))


def store_report(extraction: Extraction, *, published: str, source: str | None = None,
                 url: str | None = None) -> int:
    """Store an article published on that day (YYYY-MM-DD) with this extraction; its id."""
    with session_scope() as session:
        new = NewArticle(text=extraction.text + published + str(source) + str(url), source=source, url=url,
                         published_at=datetime.fromisoformat(published + "T12:00:00+00:00"))
        article_id = accept_articles(session, [new])[0].id
        save_extraction(session, article_id, extraction)
    return article_id


def post_and_process(client, text: str, published_at: str) -> int:
    """POST an article to the API and process it as a worker does (claim, extract with the real core, store)."""
    from services.settings import get_settings
    from services.worker import processing
    from services.worker.tasks import extractor

    response = client.post("/articles", json={"text": text, "published_at": published_at})
    assert response.status_code == 202, response.text
    article_id = response.json()["id"]
    for article in processing.claim([article_id]):
        extraction = extractor().extract(article.text, article.published_date, model_name=get_settings().nlp_model)
        processing.store(article.id, extraction)
    assert client.get(f"/articles/{article_id}").json()["status"] == "done"
    return article_id
