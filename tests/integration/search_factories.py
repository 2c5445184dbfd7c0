"""Builders for the search tests: events with places and types, stored as a worker stores them."""

from __future__ import annotations

from datetime import datetime

from services.extraction.model import Actor, Event, Extraction
from services.store.articles import NewArticle, accept_articles
from services.store.db import session_scope
from services.store.events import save_extraction
from tests.integration.factories import day, month, year

ACTORS = {actor.name: actor for actor in (
    Actor("Vladimir Putin", "person", ("Putin",)),
    Actor("Kim Jong Un", "person", ("Kim Jong Un",)),
    Actor("Xi Jinping", "person", ("Xi",)),
    Actor("Vietnam", "place", ("Hanoi",)),
    Actor("North Korea", "place", ("Pyongyang",)),
    Actor("Beverly Hills", "place", ()),
)}


def happening(when, actors, trigger, sentence, *, kind="other", place=None, status="occurred", offset=0) -> Event:
    return Event(when, tuple(actors), sentence.rstrip("."), trigger, status, sentence,
                 (offset, offset + len(sentence)), 0.8, place=place, type=kind)


def store(*events: Event, published: str = "2024-06-20", source: str | None = None, url: str | None = None) -> int:
    names = {name for e in events for name in (*e.actors, *([e.place] if e.place else []))}
    extraction = Extraction(text=" ".join(e.sentence for e in events), events=list(events),
                            actors=[ACTORS[name] for name in sorted(names)])
    with session_scope() as session:
        article_id = accept_articles(session, [NewArticle(
            text=extraction.text + published + str(source) + str(url), source=source, url=url,
            published_at=datetime.fromisoformat(published + "T12:00:00+00:00"))])[0].id
        save_extraction(session, article_id, extraction)
    return article_id


SEED = (
    happening(day("2024-06-19"), ("Vladimir Putin", "Kim Jong Un"), "sign",
              "Putin and Kim Jong Un signed a strategic partnership treaty in Pyongyang.", kind="agreement",
              place="North Korea"),
    happening(day("2024-06-20"), ("Vladimir Putin", "Vietnam"), "arrive",
              "Putin arrived in Hanoi for a state visit.", kind="meeting", place="Vietnam", offset=100),
    happening(month("2024-05"), ("Vladimir Putin", "Xi Jinping"), "visit",
              "Putin visited Beijing and met Xi Jinping.", kind="meeting", offset=200),
    happening(year("2000"), ("Vladimir Putin", "North Korea"), "visit",
              "Putin visited North Korea, the first Russian leader to do so.", kind="meeting", offset=300),
    happening(day("2024-06-22"), ("Kim Jong Un",), "test", "Kim Jong Un will watch a missile test.",
              status="planned", offset=400),
)
