"""`annals eval timelines`: ingest a corpus through the real write path, then score each focus actor's
timeline, as a user gets it (the actor looked up by its name), against gold dated events.

The metric is the one of ../shared/eval/timelines-dev/README.md: per focus actor, system events matched
one-to-one to gold events with a compatible date (strict, then lenient); micro-averaged over actors; an extra
system event for an already matched gold event is a duplicate.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from services.extraction.evaluation.events import (
    ActorScore,
    EventScores,
    lenient_match,
    score_actor,
    value_interval,
)
from services.extraction.model import Event, EventDate

PAGE = 500


@dataclass(slots=True)
class Gold:
    focus: dict[str, set[str]] = field(default_factory=dict)  # canonical name -> aliases
    events: list[dict] = field(default_factory=list)  # one per gold id, across files


def read_gold(paths: Sequence[Path]) -> Gold:
    gold = Gold()
    seen: set[str] = set()
    for path in paths:
        document = json.loads(path.read_text(encoding="utf-8"))
        for actor, aliases in document["focus_actors"].items():
            gold.focus.setdefault(actor, set()).update(aliases)
        for event in document["events"]:
            if event["id"] not in seen:
                seen.add(event["id"])
                gold.events.append(event)
    return gold


@dataclass(slots=True)
class TimelineReport:
    scores: EventScores  # each focus actor's timeline, found by its canonical name
    pooled: EventScores  # all served events, an actor's being those naming it by any gold alias (reference_score.py)
    found_as: dict[str, str | None]  # focus actor -> the stored actor its name found (None: 404)
    duplicates: dict[str, int]
    duplicate_events: dict[str, list]  # focus actor -> duplicates_of(...)
    events: list[dict]  # every event of the focus actors' timelines, as the API serves it
    articles: int
    losses: Counter | None = None  # with `why`: missed (event, actor) pairs by the stage that lost them (misses.Losses)


def _as_event(view: dict) -> Event:
    d = view["date"]
    when = EventDate(d["value"], date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), d["granularity"])
    sentence = view["sources"][0]["sentence"] if view["sources"] else ""
    return Event(date=when, actors=tuple(a["name"] for a in view["actors"]), summary=view["summary"],
                 trigger=view["trigger"], status=view["status"], sentence=sentence, offsets=(0, 0),
                 confidence=view["confidence"])


def _timeline(session, actor_id: int) -> list[dict]:
    from services.store.event_reads import timeline_page

    events, after = timeline_page(session, actor_id, limit=PAGE)
    while after is not None:
        more, after = timeline_page(session, actor_id, limit=PAGE, after=after)
        events += more
    return events


def duplicates_of(score: ActorScore, gold_events: Sequence[dict]) -> list[tuple[Event, list[tuple[dict, Event | None]]]]:
    """Unmatched system events whose date fits one of the actor's gold events: a second report of it. Each
    comes with the gold events it fits and the system event each of those matched (None: left unmatched)."""
    matched_by = {id(gold): event for event, gold in score.matched}
    found = []
    for event in score.spurious:
        fits = [g for g in gold_events if lenient_match(event.date, [g["date"], *g.get("alt_dates", [])])]
        if fits:
            found.append((event, [(g, matched_by.get(id(g))) for g in fits]))
    return found


# A gold event dated no finer than this is "the 2016 season", "the 1908 title": any dated mention of that year fits
# it, so a second event fitting only such gold is more often a background clause than a second report.
FINE_GOLD_DAYS = 31


def fits_only_coarse_gold(fits: Sequence[tuple[dict, Event | None]]) -> bool:
    """Whether every gold event a duplicate fits is dated no finer than a season or a year."""
    spans = [value_interval(g["date"]) for g, _ in fits]
    return all(span is not None and (span.end - span.start).days + 1 > FINE_GOLD_DAYS for span in spans)


def evaluate_timelines(
    gold_paths: Sequence[Path], corpus_dir: Path, *, postgres_url: str | None = None, model_name: str | None = None,
    reverse: bool = False, why: bool = False,
) -> TimelineReport:
    """Ingest the corpus (in file order; with `reverse`, the other way round: the events should not depend on
    the order) into a scratch database and score each focus actor's timeline."""
    from services.evaluation.corpus import read_corpus
    from services.evaluation.misses import loss_stages
    from services.evaluation.scratch import ingest, scratch_database
    from services.store.actors import find_actor
    from services.store.db import session_scope

    gold = read_gold(gold_paths)
    articles = read_corpus(corpus_dir)
    with scratch_database(postgres_url) as url:
        posted = list(articles.values())
        ingest(url, posted[::-1] if reverse else posted, model_name=model_name)
        scores, found_as, duplicates, duplicate_events, served, stored_ids = [], {}, {}, {}, {}, {}
        losses = None
        with session_scope(url) as session:
            for actor, aliases in sorted(gold.focus.items()):
                stored = find_actor(session, actor)
                found_as[actor] = stored.name if stored else None
                stored_ids[actor] = stored.id if stored else None
                views = _timeline(session, stored.id) if stored else []
                served.update({view["id"]: view for view in views})
                names = [*aliases, stored.name] if stored else list(aliases)
                score = score_actor(actor, names, [_as_event(v) for v in views], gold.events)
                mine = [g for g in gold.events if actor in g["actors"]]
                duplicate_events[actor] = duplicates_of(score, mine)
                duplicates[actor] = len(duplicate_events[actor])
                scores.append(score)
            if why:
                urls = {key: article.url for key, article in articles.items()}
                losses = loss_stages(session, EventScores(scores), gold.focus, stored_ids, urls)
    pool = [_as_event(view) for view in served.values()]
    pooled = [score_actor(actor, sorted(aliases), pool, gold.events) for actor, aliases in sorted(gold.focus.items())]
    return TimelineReport(EventScores(scores), EventScores(pooled), found_as, duplicates, duplicate_events,
                          list(served.values()), len(articles), losses)
