"""Score dated events per actor against a gold file (see ../shared/eval/README.md, "Dated events per actor").

For each focus actor, system events involving it (canonical name or alias) are matched one-to-one to the
gold events involving it whose date is compatible, exact matches first, then lenient ones:
strict = the value equals the gold date or an alt date (a range A/B matches start A and end B);
lenient = also when the system interval lies inside a gold interval. Micro-averaged over actors.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from services.extraction.model import Event, EventDate


@dataclass(slots=True)
class ActorScore:
    actor: str
    system: int = 0
    gold: int = 0
    strict_matches: int = 0
    lenient_matches: int = 0
    unmatched_gold: list[dict] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    matched: list[tuple[Event, dict]] = field(default_factory=list)  # (system event, the gold event it matched)


@dataclass(slots=True)
class EventScores:
    actors: list[ActorScore]

    def figures(self, mode: str) -> dict[str, float]:
        system = sum(a.system for a in self.actors)
        gold = sum(a.gold for a in self.actors)
        matched = sum(a.strict_matches if mode == "strict" else a.lenient_matches for a in self.actors)
        precision = matched / system if system else 0.0
        recall = matched / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "matched": matched,
            "system": system,
            "gold": gold,
        }


def value_interval(value: str) -> EventDate | None:
    """The calendar interval of a TIMEX3 value or of a range "A/B"."""
    from services.extraction.timex.calendar import interval

    if "/" in value:
        first, last = value.split("/", 1)
        a, b = interval(first), interval(last)
        if a is None or b is None:
            return None
        return EventDate(value, a.start, b.end, b.granularity)
    return interval(value)


def strict_match(system: EventDate, gold_values: Sequence[str]) -> bool:
    """The same value, or the same calendar interval ("2016-11-09T06:10" is the day 2016-11-09; a range A/B
    covers A's first day to B's last)."""
    for value in gold_values:
        if system.value == value:
            return True
        gold = value_interval(value)
        if gold is not None and (system.start, system.end) == (gold.start, gold.end):
            return True
    return False


def lenient_match(system: EventDate, gold_values: Sequence[str]) -> bool:
    if strict_match(system, gold_values):
        return True
    for value in gold_values:
        gold = value_interval(value)
        if gold is not None and gold.contains(system):
            return True
    return False


def _max_matching(pairs: dict[int, list[int]], taken_gold: set[int]) -> dict[int, int]:
    """Maximum one-to-one matching system index -> gold index (Kuhn's augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(sys_index: int, seen: set[int]) -> bool:
        for gold_index in pairs.get(sys_index, []):
            if gold_index in taken_gold or gold_index in seen:
                continue
            seen.add(gold_index)
            if gold_index not in owner or augment(owner[gold_index], seen):
                owner[gold_index] = sys_index
                return True
        return False

    for sys_index in pairs:
        augment(sys_index, set())
    return {s: g for g, s in owner.items()}


def involves(event_actors: Sequence[str], names: set[str]) -> bool:
    return any(actor.lower() in names for actor in event_actors)


def score_actor(
    actor: str, aliases: Sequence[str], system: Sequence[Event], gold: Sequence[dict]
) -> ActorScore:
    names = {actor.lower(), *(a.lower() for a in aliases)}
    mine = [e for e in system if involves(e.actors, names)]
    theirs = [g for g in gold if involves(g["actors"], names)]
    values = [[g["date"], *g.get("alt_dates", [])] for g in theirs]
    exact = {i: [j for j, v in enumerate(values) if strict_match(e.date, v)] for i, e in enumerate(mine)}
    first = _max_matching({i: js for i, js in exact.items() if js}, set())
    rest = {
        i: [j for j, v in enumerate(values) if lenient_match(e.date, v)]
        for i, e in enumerate(mine)
        if i not in first
    }
    second = _max_matching({i: js for i, js in rest.items() if js}, set(first.values()))
    matched_gold = set(first.values()) | set(second.values())
    return ActorScore(
        actor=actor,
        system=len(mine),
        gold=len(theirs),
        strict_matches=len(first),
        lenient_matches=len(first) + len(second),
        unmatched_gold=[g for j, g in enumerate(theirs) if j not in matched_gold],
        spurious=[e for i, e in enumerate(mine) if i not in first and i not in second],
        matched=[(mine[i], theirs[j]) for i, j in sorted({**first, **second}.items())],
    )


def pool_events(extractions: Sequence[Sequence[Event]]) -> list[Event]:
    """All events of a cluster of articles, one per happening (as the store merges them across articles)."""
    from services.extraction.merge import combine_events, find_same_happening

    pooled: list[Event] = []
    sources: list[int] = []
    for article, events in enumerate(extractions):
        for event in events:
            others = [index for index, source in enumerate(sources) if source != article]
            found = find_same_happening(event, [pooled[index] for index in others])
            if found is None:
                pooled.append(event)
                sources.append(article)
            else:
                pooled[others[found]] = combine_events(pooled[others[found]], event)
    return pooled


def evaluate_gold_file(path: Path, extract: Callable[[str, date], Sequence[Event]]) -> EventScores:
    """Run `extract` over the gold file's articles and score the pooled events per focus actor."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    extractions = []
    for article in gold["articles"].values():
        text = (path.parent / article["file"]).read_text(encoding="utf-8")
        extractions.append(extract(text, date.fromisoformat(article["published_at"])))
    system = pool_events(extractions)
    return EventScores(
        actors=[
            score_actor(actor, aliases, system, gold["events"])
            for actor, aliases in gold["focus_actors"].items()
        ]
    )
