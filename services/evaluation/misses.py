"""Why a focus timeline misses a gold event: the stage of the write path that lost each missed (event, actor), as
counts only. No sentence, name or summary is shown, so the breakdown can be read on a held-out set without
reading the set (`annals eval timelines --why`).

A gold event's mentions quote the articles; the stored reports (`event_sources`) of those articles whose sentence
holds the quote tell what the extraction made of it and which stored event it joined. The most advanced stage any
mention reached names the loss.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import text

from services.extraction.evaluation.events import EventScores, involves, lenient_match, value_interval
from services.extraction.model import EventDate

# The stages, from the earliest loss to the latest.
NO_REPORT = "no stored report from any mention's sentence (extraction found no dated event there)"
OTHER_DATE = "reported there, with a date the gold does not allow"
NO_ACTOR = "reported there with a fitting date, but the event does not name the actor"
SECOND_ACTOR = "the event names the actor, under a second stored actor (identity split)"
TAKEN = "on the actor's timeline, but that event matched another gold event (one event for two happenings)"
STAGES = (NO_REPORT, OTHER_DATE, NO_ACTOR, SECOND_ACTOR, TAKEN)

class Losses(Counter):
    """Missed (gold event, actor) pairs by stage; `kinds` breaks two stages down (a wrong date by its distance,
    an identity split by how the names relate)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds: Counter[str] = Counter()


# Quotes are matched on their first words: the stored sentence is the cleaned text's.
QUOTE_PREFIX = 40

_REPORTS = text("""
    SELECT es.event_id, es.date_value, es.date_start, es.date_end, es.sentence
    FROM event_sources es JOIN articles a ON a.id = es.article_id
    WHERE a.url = :url
""")
_EVENT_ACTORS = text("""
    SELECT ea.event_id, a.id, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
    WHERE ea.event_id = ANY(CAST(:ids AS bigint[]))
""")


def loss_stages(session, scores: EventScores, focus: dict[str, set[str]], stored_ids: dict[str, int | None],
                urls: dict[str, str]) -> Losses:
    """Counts of the missed (gold event, focus actor) pairs by the stage that lost them.

    `focus`: each focus actor's aliases; `stored_ids`: the stored actor its timeline was read from; `urls`: the
    gold's article ids (file-name prefixes) -> the article's url in the store."""
    reports = _reports_by_url(session, set(urls.values()))
    actors = _actors_by_event(session, {r[0] for rows in reports.values() for r in rows})
    losses = Losses()
    for score in scores.actors:
        names = {name.lower() for name in (score.actor, *focus.get(score.actor, ()))}
        stored_id = stored_ids.get(score.actor)
        for gold in score.unmatched_gold:
            stages = [_stage(gold, mention, names, stored_id, reports, actors, urls)
                      for mention in gold.get("mentions", ())]
            stage = max(stages, key=STAGES.index, default=NO_REPORT)
            losses[stage] += 1
            if stage == OTHER_DATE:
                losses.kinds[_DATE + date_kind(gold, _dates_there(gold, reports, urls))] += 1
            if stage == SECOND_ACTOR:
                others = {name for mention in gold.get("mentions", ())
                          for name in _second_actors(gold, mention, names, stored_id, reports, actors, urls)}
                read = next((name for rows in actors.values() for actor_id, name in rows if actor_id == stored_id), None)
                losses.kinds[_SPLIT + split_kind(read, others)] += 1
    return losses


# How the dates stored from a gold event's sentences stand to the gold date (the closest of them counts).
_DATE = "date: "
DATE_KINDS = ("coarser, containing the gold date", "finer, inside the gold date", "a day off", "2-7 days off",
              "8-31 days off", "1-12 months off", "more than a year off")


def date_kind(gold: dict, stored: list[EventDate]) -> str:
    """The relation of the stored dates to the gold date, as a class: no date is shown."""
    wanted = [value_interval(v) for v in [gold["date"], *gold.get("alt_dates", [])]]
    wanted = [w for w in wanted if w is not None]
    if not wanted or not stored:
        return DATE_KINDS[-1]
    best = len(DATE_KINDS) - 1
    for date in stored:
        for want in wanted:
            if date.start <= want.start and want.end <= date.end:
                kind = 0
            elif want.start <= date.start and date.end <= want.end:
                kind = 1
            else:
                gap = min(abs((date.start - want.end).days), abs((want.start - date.end).days))
                kind = 2 if gap <= 1 else 3 if gap <= 7 else 4 if gap <= 31 else 5 if gap <= 366 else 6
            best = min(best, kind)
    return DATE_KINDS[best]


def _dates_there(gold: dict, reports, urls) -> list[EventDate]:
    found = []
    for mention in gold.get("mentions", ()):
        url = next((u for key, u in urls.items() if key.startswith(mention["article"])), None)
        quote = mention["quote"][:QUOTE_PREFIX]
        found += [EventDate(r[1], r[2], r[3], "") for r in reports.get(url, ()) if quote in r[4] or r[4] in mention["quote"]]
    return found


# How a second stored actor's name stands to the name of the actor the timeline was read from.
_SPLIT = "split: "
SPLIT_KINDS = ("no timeline was found for the actor", "one name is a part of the other (a short form)",
               "the same words otherwise spelt or ordered", "names with no word in common",
               "names sharing their first word", "names sharing their last word", "names sharing another word")


def split_kind(read: str | None, others: set[str]) -> str:
    """The relation of the stored names, as a class: no name is shown."""
    if read is None:
        return SPLIT_KINDS[0]
    mine = read.lower().replace("'s", "").split()
    words = set(mine)
    kinds = []
    for other in others:
        their_words = other.lower().replace("'s", "").split()
        theirs = set(their_words)
        if words < theirs or theirs < words:
            kinds.append(1)
        elif words == theirs:
            kinds.append(2)
        elif not words & theirs:
            kinds.append(3)
        elif mine[0] == their_words[0]:
            kinds.append(4)
        elif mine[-1] == their_words[-1]:
            kinds.append(5)
        else:
            kinds.append(6)
    return SPLIT_KINDS[min(kinds, default=3)]


def _second_actors(gold: dict, mention: dict, names: set[str], stored_id, reports, actors, urls) -> list[str]:
    """The names of the other stored actors a fitting report names the actor under."""
    url = next((u for key, u in urls.items() if key.startswith(mention["article"])), None)
    quote = mention["quote"][:QUOTE_PREFIX]
    values = [gold["date"], *gold.get("alt_dates", [])]
    return [name for r in reports.get(url, ()) if (quote in r[4] or r[4] in mention["quote"])
            and lenient_match(EventDate(r[1], r[2], r[3], ""), values)
            for actor_id, name in actors.get(r[0], ()) if involves((name,), names) and actor_id != stored_id]


def _stage(gold: dict, mention: dict, names: set[str], stored_id: int | None, reports, actors, urls) -> str:
    url = next((u for key, u in urls.items() if key.startswith(mention["article"])), None)
    quote = mention["quote"][:QUOTE_PREFIX]
    here = [r for r in reports.get(url, ()) if quote in r[4] or r[4] in mention["quote"]]
    if not here:
        return NO_REPORT
    values = [gold["date"], *gold.get("alt_dates", [])]
    fitting = [r for r in here if lenient_match(EventDate(r[1], r[2], r[3], ""), values)]
    if not fitting:
        return OTHER_DATE
    naming = [actor_id for r in fitting for actor_id, name in actors.get(r[0], ()) if involves((name,), names)]
    if not naming:
        return NO_ACTOR
    return TAKEN if stored_id in naming else SECOND_ACTOR


def _reports_by_url(session, urls: set[str]) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for url in urls:
        found[url] = [tuple(row) for row in session.execute(_REPORTS, {"url": url})]
    return found


def _actors_by_event(session, event_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {}
    for event_id, actor_id, name in session.execute(_EVENT_ACTORS, {"ids": sorted(event_ids)}):
        found.setdefault(event_id, []).append((actor_id, name))
    return found


def print_losses(losses: Losses, missed: int, echo) -> None:
    echo(f"why the {missed} missed (gold event, actor) pairs were lost (counts only):")
    for stage in STAGES:
        echo(f"  {losses.get(stage, 0):4d}  {stage}")
        if stage == OTHER_DATE:
            for kind in DATE_KINDS:
                if losses.kinds.get(_DATE + kind):
                    echo(f"        {losses.kinds[_DATE + kind]:4d}  {kind}")
        if stage == SECOND_ACTOR:
            for kind in SPLIT_KINDS:
                if losses.kinds.get(_SPLIT + kind):
                    echo(f"        {losses.kinds[_SPLIT + kind]:4d}  {kind}")
