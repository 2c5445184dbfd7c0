"""Deciding when two events report the same happening, within one article and across articles.

Pure functions on `Event` values; the store rebuilds events from rows (no sentence, offsets (0, 0)), so only
the date, actors, trigger, summary and status are used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from services.extraction.actors.tables import COUNTRY_ALIASES, words
from services.extraction.model import Event, EventDate

# Canonical country names are places even when the caller cannot tell actor kinds (events rebuilt from rows).
COUNTRIES: frozenset[str] = frozenset(COUNTRY_ALIASES)

# Triggers that name the same kind of happening.
TRIGGER_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "visit travel trip tour go arrive fly journey stay come head",
        (
            "meet meeting talk talks summit conference hold host gathering session conversation discussion "
            "discuss greet welcome receive"
        ),
        "sign signing agreement deal treaty pact accord",
        "say tell announce state statement add stress declare claim report confirm note remark",
        "attack strike bomb bombing shell shelling raid assault hit fire launch",
        "kill killing die death dead",
        "fall plummet plunge tumble drop slip",
        "injure injury wound hurt",
        "elect election vote win victory defeat lose poll",
        "derail derailment crash collision overturn accident collide",
        "arrest detain detention charge",
        "resign resignation quit step",
        "deny denial reject rejection dismiss",
        "send sent ship supply deliver transfer export",
        "veto block",
        "protest demonstration rally march",
        "release free",
    )
)
_STOPWORDS = words(
    "the a an of to in on at for by with and or but from as that this it its his her their he she they "
    "was were is are be been has have had will would said says after before over about into than"
)
# Intervals up to this many days are "fine" enough for one to stand for a happening inside the other.
FINE_INTERVAL_DAYS = 31
SUMMARY_SIMILARITY = 0.3


def compatible_dates(a: EventDate, b: EventDate) -> bool:
    """Equal values, or one interval inside the other when the outer one is fine-grained."""
    if a.value == b.value or (a.start == b.start and a.end == b.end):
        return True
    if a.contains(b):
        return (a.end - a.start).days < FINE_INTERVAL_DAYS
    if b.contains(a):
        return (b.end - b.start).days < FINE_INTERVAL_DAYS
    return False


MEETING_TRIGGERS: frozenset[str] = next(group for group in TRIGGER_CLASSES if "meet" in group)
# Triggers that only say that something happened: they fit any happening on the same date.
GENERIC_TRIGGERS: frozenset[str] = frozenset({"happen", "occur", "unfold", "incident", "event"})


def similar_triggers(a: str, b: str) -> bool:
    if a == b or a in GENERIC_TRIGGERS or b in GENERIC_TRIGGERS:
        return True
    return any(a in group and b in group for group in TRIGGER_CLASSES)


def similar_trigger_words(trigger: str) -> frozenset[str]:
    """Every trigger `similar_triggers` pairs with this one, generic ones aside (a store ranks candidates by it)."""
    related = {trigger}
    for group in TRIGGER_CLASSES:
        if trigger in group:
            related |= group
    return frozenset(related)


def summary_similarity(a: str, b: str) -> float:
    """Jaccard overlap of the content words of two summaries."""
    words_a, words_b = _content_words(a), _content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS and len(w) > 2}


ADMINISTRATIVE_SUFFIXES: frozenset[str] = words("province county region prefecture district city state oblast")


def actor_key(name: str) -> str:
    """A name as outlets vary it least: no middle initials, no dots, lower case ("James B. Comey")."""
    parts = name.replace(".", " ").split()
    if len(parts) > 1 and parts[-1].lower() in ADMINISTRATIVE_SUFFIXES:
        parts = parts[:-1]  # "Hebei Province" and "Hebei"
    long_parts = [p for p in parts if len(p) > 1]
    if len(long_parts) >= 2:
        return " ".join(long_parts).lower()
    return "".join(parts).lower()  # "U.S." and "US"


def _actor_keys(actors) -> set[str]:
    return {actor_key(name) for name in actors}


def same_happening(a: Event, b: Event, *, places: frozenset[str] | None = None) -> bool:
    """Whether two events report one happening: shared actor, compatible date, similar trigger or summary.

    Two events set in disjoint places differ ("Putin travels to Pyongyang" vs "Putin travels to Hanoi" on
    overlapping dates); countries are known places, `places` may name more (cities, regions).
    """
    shared = _actor_keys(a.actors) & _actor_keys(b.actors)
    if not compatible_dates(a.date, b.date):
        return False
    if not shared:
        # Without actors in common only the same wording of the same kind of happening will do.
        if a.actors and b.actors:
            return False
        return similar_triggers(a.trigger, b.trigger) and (
            summary_similarity(a.summary, b.summary) >= SUMMARY_SIMILARITY
        )
    if a.status != b.status and a.date.value != b.date.value:
        return False
    places = COUNTRIES | (places or frozenset())
    if places:
        places_a, places_b = set(a.actors) & places, set(b.actors) & places
        if places_a and places_b and not (places_a & places_b):
            return False
    if _different_counterparts(a, b, shared, places):
        return False
    if similar_triggers(a.trigger, b.trigger):
        return True
    return summary_similarity(a.summary, b.summary) >= SUMMARY_SIMILARITY


def _different_counterparts(a: Event, b: Event, shared: set[str], places: frozenset[str]) -> bool:
    """Trump meeting Obama and Trump meeting Ryan on one day are two meetings: one shared actor, other sides apart."""
    if len(shared) != 1 or not (a.trigger in MEETING_TRIGGERS and b.trigger in MEETING_TRIGGERS):
        return False
    others_a = _actor_keys(name for name in a.actors if name not in places) - shared
    others_b = _actor_keys(name for name in b.actors if name not in places) - shared
    return bool(others_a) and bool(others_b) and not (others_a & others_b)


def find_same_happening(new: Event, candidates: Sequence[Event]) -> int | None:
    """Index of the candidate that reports the same happening as `new` (the closest one), or None."""
    best: tuple[float, int] | None = None
    for index, candidate in enumerate(candidates):
        if not same_happening(new, candidate):
            continue
        score = (
            len(_actor_keys(new.actors) & _actor_keys(candidate.actors))
            + (1.0 if new.date.value == candidate.date.value else 0.0)
            + (1.0 if new.trigger == candidate.trigger else 0.0)
            + summary_similarity(new.summary, candidate.summary)
        )
        if best is None or score > best[0]:
            best = (score, index)
    return None if best is None else best[1]


def combine_events(kept: Event, other: Event) -> Event:
    """One event from two reports of the same happening: the finer date, all actors, the better evidence."""
    base, extra = (kept, other) if kept.confidence >= other.confidence else (other, kept)
    known = _actor_keys(base.actors)
    actors = (*base.actors, *(name for name in dict.fromkeys(extra.actors) if actor_key(name) not in known))
    finer = base.date
    if extra.date.value != base.date.value and base.date.contains(extra.date):
        finer = extra.date
    return replace(base, date=finer, actors=actors, confidence=round(max(base.confidence, extra.confidence), 2))


def merge_article_events(events: Sequence[Event], *, places: frozenset[str] = frozenset()) -> list[Event]:
    """Merge the events of one article that report the same happening, keeping text order."""
    merged: list[Event] = []
    for event in events:
        target = None
        for index, existing in enumerate(merged):
            if existing.offsets == event.offsets and existing.date.value == event.date.value:
                target = index  # two phrases of one clause with the same date
                break
            # Within one article distinct happenings are told apart by their triggers, not their wording.
            if similar_triggers(event.trigger, existing.trigger) and same_happening(event, existing, places=places):
                target = index
                break
        if target is None:
            merged.append(event)
        else:
            merged[target] = combine_events(merged[target], event)
    return merged
