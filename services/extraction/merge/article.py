"""Within one article: its reports of one happening merged into one event, a headline dated by its dateline
joined to the body's report, and a report naming nobody joined to the one report of its kind and day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from services.extraction.merge.dates import same_dates
from services.extraction.merge.names import COUNTRIES, actor_key, actor_keys
from services.extraction.merge.rule import disjoint_places, only_fitting, same_happening
from services.extraction.merge.triggers import similar_happenings
from services.extraction.model import Event


def combine_events(kept: Event, other: Event) -> Event:
    """One event from two reports of the same happening: the finer date, all actors, the better evidence."""
    base, extra = (kept, other) if kept.confidence >= other.confidence else (other, kept)
    known = actor_keys(base.actors)
    actors = (*base.actors, *(name for name in dict.fromkeys(extra.actors) if actor_key(name) not in known))
    finer = base.date
    if extra.date.value != base.date.value and base.date.contains(extra.date):
        finer = extra.date
    return replace(base, date=finer, actors=actors, confidence=round(max(base.confidence, extra.confidence), 2),
                   reported_by=other_sources(actors, (*base.reported_by, *extra.reported_by)))


def other_sources(actors: Sequence[str], sources: Sequence[str]) -> tuple[str, ...]:
    """The sources that are not also participants: one report's source may take part in another's clause."""
    taking_part = actor_keys(actors)
    return tuple(name for name in dict.fromkeys(sources) if actor_key(name) not in taking_part)


def merge_article_events(
    events: Sequence[Event], *, places: frozenset[str] = frozenset(), published: date | None = None
) -> list[Event]:
    """Merge the events of one article that report the same happening, keeping text order.

    With the publication day known, a headline dated only by its dateline first joins the body's report
    of the same happening (see `fold_dateline_headline`).
    """
    merged: list[Event] = []
    for event in fold_dateline_headline(events, published):
        target, circumstance = None, False
        for index, existing in enumerate(merged):
            if existing.offsets == event.offsets and existing.date.value == event.date.value:
                target = index  # two phrases of one clause with the same date
                break
            # Within one article distinct happenings are told apart by their triggers, not their wording.
            if similar_happenings(event, existing) and same_happening(event, existing, places=places):
                target = index
                break
            if _circumstance_of(event, existing, places) or _circumstance_of(existing, event, places):
                target, circumstance = index, True
                break
        if target is None:
            merged.append(event)
        elif circumstance:
            # The happening's wording and trigger stand; the copula clause adds who was there.
            happening, state = ((merged[target], event) if event.trigger in COPULA_TRIGGERS
                                else (event, merged[target]))
            combined = combine_events(happening, state)
            merged[target] = replace(happening, actors=combined.actors, confidence=combined.confidence,
                                     reported_by=combined.reported_by)
        else:
            merged[target] = combine_events(merged[target], event)
    return fold_reports_without_participants(merged)


def fold_reports_without_participants(events: Sequence[Event]) -> list[Event]:
    """Within one article, a report that names nobody taking part joins the one report of the same kind of
    happening on its day ("It struck at 4:10 a.m., the agency said" beside "A strong quake struck the coast on
    Sunday"): the named report's wording stands, the finer time and the sources are added. With two such
    reports on that day ("a quake struck the coast" and "a second quake struck the islands") it stays apart."""
    events = list(events)
    folded: set[int] = set()
    for index, report in enumerate(events):
        target = only_fitting(report, events)
        if target is None:
            continue
        events[target] = _with_circumstances(events[target], report)
        folded.add(index)
    return [event for index, event in enumerate(events) if index not in folded]


def _with_circumstances(happening: Event, report: Event) -> Event:
    """The happening as it was told, with what a report of it naming nobody adds: a finer time, its sources."""
    combined = combine_events(happening, report)
    return replace(happening, date=combined.date, confidence=combined.confidence,
                   reported_by=combined.reported_by)


# A copula names no happening of its own: "he too was on the train that day" is where someone was during one.
COPULA_TRIGGERS: frozenset[str] = frozenset({"be"})


def _circumstance_of(state: Event, happening: Event, places: frozenset[str]) -> bool:
    """Within one article, a copula clause on the very day of another report of a shared actor tells a
    circumstance of that happening ("X wrote that the bus nearly tipped over on 3 May" and "Y, also from
    the town, said he too was on the bus on 3 May"), not a second happening of that day."""
    if state.trigger not in COPULA_TRIGGERS or happening.trigger in COPULA_TRIGGERS:
        return False
    if not (state.date.start == state.date.end and same_dates(state.date, happening.date)):
        return False
    if disjoint_places(state, happening, COUNTRIES | places):
        return False
    return bool(actor_keys(state.actors) & actor_keys(happening.actors))


# A dateline under a headline: the place in capitals, then the day ("OTTAWA, March 4", "LONDON, 4 March").
_DATELINE = re.compile(r"\b[A-Z]{3,}(?:[ .'-]+[A-Z]{2,})*,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\b")


def fold_dateline_headline(events: Sequence[Event], published: date | None) -> list[Event]:
    """A headline dated by its dateline is the article's report, not a separate happening.

    "Carney announces tariffs. OTTAWA, March 4" over "Carney announced on Monday that ..." gets the
    publication day from the dateline: when the body tells of a similar happening of a shared actor on an
    earlier date, the headline's event joins it (its actors added) and the body's date stands.
    """
    events = list(events)
    if published is None:
        return events
    folded: set[int] = set()
    for index, headline in enumerate(events):
        if headline.offsets[0] != 0 or not (headline.date.start == headline.date.end == published) \
                or not _DATELINE.search(headline.sentence):
            continue  # a lede dated by its own "on Thursday" is that day's happening, not a headline
        for body_index, body in enumerate(events):
            if (body_index != index and body_index not in folded and body.date.end < published
                    and similar_happenings(body, headline)
                    and actor_keys(body.actors) & actor_keys(headline.actors)):
                combined = combine_events(body, headline)
                events[body_index] = replace(body, actors=combined.actors, confidence=combined.confidence,
                                             reported_by=combined.reported_by)
                folded.add(index)
                break
    return [event for index, event in enumerate(events) if index not in folded]
