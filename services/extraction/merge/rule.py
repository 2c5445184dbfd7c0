"""The rule: whether two reports tell of one happening (`same_happening`, `why_different`), and which stored
report a new one is of (`find_same_happening`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.extraction.actors.tables import IDENTITY_NOUNS, SPEECH_VERBS
from services.extraction.casualties import INCIDENT_TRIGGERS
from services.extraction.merge.dates import (
    compatible_dates,
    inside_a_coarser_unit,
    next_days,
    on_one_day,
    one_night,
    same_dates,
    within_a_year,
)
from services.extraction.merge.names import (
    COUNTRIES,
    actor_keys,
    different_people,
    different_speakers,
    each_names_people,
    named_in_the_other,
    names_a_person,
    near_name_shared,
    shared_people,
)
from services.extraction.merge.triggers import (
    KNOWN_TRIGGERS,
    MEETING_TRIGGERS,
    same_kind_of_happening,
    similar_happenings,
    similar_triggers,
)
from services.extraction.merge.wording import (
    SUMMARY_SIMILARITY,
    summary_similarity,
    tells_of_the_other,
    what_overlap,
    what_words,
)
from services.extraction.model import Event

# How much of what two clauses say (objects, places, numbers: no actor names, no dates) must agree for a day
# to join a week or month containing it; and for a trigger the table does not know to join another.
CONTAINED_OVERLAP = 0.15
DIFFERENT_TRIGGER_OVERLAP = 0.2


# Reports that share no actor (each outlet named other people, or left the actor unresolved: "the actress")
# join only on the same day, a similar trigger and much of what the clauses say in common, or the same
# wording around a name spelt one letter apart ("Duncan Rait" and "Duncan Raite").
NO_SHARED_ACTOR_OVERLAP = 0.3
NO_SHARED_ACTOR_WORDS = 3  # and at least this many words in common: "an earthquake shook X" says too little


# Articles of one story name many of the same people, organisations and places: reports that share no actor
# but come from articles sharing at least this many distinctive actors (no countries: two stories of one
# country share it) are of one story, and there the same kind of happening on the same days is one happening
# ("a cashier was shot dead" and "a gunman shot two people at the bank", each outlet naming others).
# One shared actor is not enough: a city, a ministry or a club is named by many stories of one week.
STORY_ACTORS = 2


def same_happening(a: Event, b: Event, *, places: frozenset[str] | None = None,
                   people: frozenset[str] = frozenset(), story: int = 0) -> bool:
    """Whether two events report one happening: shared actor, compatible date, similar trigger or summary.

    Two events set in disjoint places differ ("Putin travels to Pyongyang" vs "Putin travels to Hanoi" on
    overlapping dates); countries are known places, `places` may name more (cities, regions).
    A day joins a week or month that contains it only when the rest agrees strongly (similar trigger and
    what the clauses say): a month-level background mention is often another happening of that month; a
    year, more strongly still (a second shared actor, or what the clauses say, and a similar trigger).
    Triggers of two kinds the table knows apart are two happenings (a meeting and a bill signing of one
    actor on one day, even at one place); with a trigger it does not know, what the clauses say decides.
    Reports that share no actor join only on one day with a similar trigger and much the same clause, and
    never when each names people (`people`: names known to be persons) and none of them is the other's: two
    men "arrested on Monday in connection with the crash" are two arrests. Two statements (reporting triggers)
    by two persons (their speakers), or each naming a person the other does not, are two speakers' statements,
    whatever they speak of. `story` is how many distinctive actors the articles of the two reports share (see
    `one_story_happening`).
    """
    return why_different(a, b, places=places, people=people, story=story) is None


def why_different(a: Event, b: Event, *, places: frozenset[str] | None = None,
                  people: frozenset[str] = frozenset(), story: int = 0) -> str | None:
    """Which condition of `same_happening` tells the two reports apart (None: one happening). Its words are
    for people reading a failure (`annals eval coref -v`); the rule itself only asks whether there is one."""
    fine = compatible_dates(a.date, b.date)
    if not fine and not within_a_year(a.date, b.date) and not next_days(a.date, b.date):
        return "dates apart"
    places = COUNTRIES | (places or frozenset())
    if disjoint_places(a, b, places):
        return "places apart"
    shared = actor_keys(a.actors) & actor_keys(b.actors) or named_in_the_other(a, b)
    if not shared:
        if not fine:
            return "no shared actor, dates not one day or one inside a week or month"
        if _same_happening_without_shared_actor(a, b, people) or one_story_happening(a, b, people, story):
            return None
        if story >= STORY_ACTORS:
            return "no shared actor, one story but not one kind of happening"
        return "no shared actor, clauses differ"
    if a.status != b.status and not same_dates(a.date, b.date):
        return "status differs"
    if _different_counterparts(a, b, shared, places):
        return "meetings with different counterparts"
    if different_people(a, b, shared, people):
        return "each names other people"
    if different_speakers(a, b, people):
        return "statements of different speakers"
    similar = similar_happenings(a, b) or tells_of_the_other(a, b)
    if not fine:
        if next_days(a.date, b.date):
            # One night ("Thursday night", "early Friday, 1:30 a.m."), or a death told from two time zones.
            one = ((one_night(a.date, b.date) and a.trigger == b.trigger and len(shared) >= 2)
                   or _one_death(a.trigger, b.trigger))
            return None if one else "next days, not one night or one death"
        if not similar:
            return "inside a year, triggers differ"
        if len(shared) >= 2 or what_overlap(a, b) >= CONTAINED_OVERLAP or _one_harm(a, b, shared, people):
            return None
        return "inside a year: one shared actor and too little said in common"
    if inside_a_coarser_unit(a.date, b.date):
        # Strong agreement: a second actor in common (the place, the other side) or what the clauses say.
        # A person in common and a trigger of one class ("accused of gunning down X a month ago" and "X was
        # shot on Friday") is agreement enough: one person seldom suffers two such happenings within weeks.
        if not similar:
            return "inside a week or month, triggers differ"
        if (a.trigger == b.trigger or len(shared) >= 2 or what_overlap(a, b) >= CONTAINED_OVERLAP
                or (similar_happenings(a, b) and bool(shared_people(a, b, shared, people)))):
            return None
        return "inside a week or month: too little agreement"
    if similar:
        return None
    if a.trigger in KNOWN_TRIGGERS and b.trigger in KNOWN_TRIGGERS:
        return "triggers of two known kinds"  # a meeting and a bill signing
    return None if what_overlap(a, b) >= DIFFERENT_TRIGGER_OVERLAP else "triggers differ, clauses differ"


def disjoint_places(a: Event, b: Event, places: frozenset[str]) -> bool:
    places_a, places_b = set(a.actors) & places, set(b.actors) & places
    return bool(places_a) and bool(places_b) and not (places_a & places_b)


def _same_happening_without_shared_actor(a: Event, b: Event, people: frozenset[str]) -> bool:
    if not similar_happenings(a, b):
        return False
    if not (a.actors and b.actors):
        # One side names nobody: the same wording of the same kind of happening will do.
        return summary_similarity(a.summary, b.summary) >= SUMMARY_SIMILARITY
    if not same_dates(a.date, b.date):
        return False
    if near_name_shared(a, b):
        return a.trigger == b.trigger or what_overlap(a, b) >= CONTAINED_OVERLAP
    if each_names_people(a, b, people):
        return False  # each report names who did it, and they are different people
    return (what_overlap(a, b) >= NO_SHARED_ACTOR_OVERLAP
            and len(what_words(a) & what_words(b)) >= NO_SHARED_ACTOR_WORDS)


def one_story_happening(a: Event, b: Event, people: frozenset[str], story: int) -> bool:
    """Two reports sharing no actor, from articles of one story (`story`: the distinctive actors their articles
    share, at least STORY_ACTORS), on compatible fine dates (the caller checked them and the places): the same
    kind of happening is one happening. Not statements (a story holds many), not a trigger that only says that
    something happened, and never when each report names persons taking part and none is the other's (two
    arrests in one story)."""
    if story < STORY_ACTORS or a.trigger in SPEECH_VERBS or b.trigger in SPEECH_VERBS:
        return False
    if not same_kind_of_happening(a.trigger, b.trigger) or (a.status != b.status and not same_dates(a.date, b.date)):
        return False
    return not each_names_people(a, b, people) or _one_incident_of_the_day(a, b)


# Nouns that name an incident of violence without saying what was done ("Monday's violence"): the shooting or
# attack of that day as its witnesses and victims tell it.
VIOLENCE_NOUNS: frozenset[str] = frozenset({"violence", "rampage", "bloodshed"})
_INCIDENTS = INCIDENT_TRIGGERS | VIOLENCE_NOUNS


def _one_incident_of_the_day(a: Event, b: Event) -> bool:
    """Two reports of one story's incident (a shooting, a crash) on one day, each naming other people: one names
    the gunman, the other a victim ("a gunman opened fire on two clerks" and "the cashier died in the shooting"). One
    incident has many people in it, and a story seldom holds two incidents of one kind on one day; arrests,
    visits or statements of different people on one day stay apart."""
    return a.trigger in _INCIDENTS and b.trigger in _INCIDENTS and on_one_day(a.date, b.date)


# A person dies once: two reports of a shared actor's death a day apart are one death ("pass" alone could
# be a bill passing on two days).
DEATH_TRIGGERS: frozenset[str] = frozenset({"die", "death", "dead", "perish", "succumb"})


def _one_death(a: str, b: str) -> bool:
    return (a in DEATH_TRIGGERS or b in DEATH_TRIGGERS) and similar_triggers(a, b) and {a, b} <= DEATH_TRIGGERS | {"pass"}


# What befalls a person seldom twice in a year: an assault ("was shot", "stabbed"; unlike an attack, which may be
# words) and an arrest ("arrested at his home on June 2" and "since his arrest in 2023").
ASSAULT_TRIGGERS: frozenset[str] = frozenset({"shoot", "shooting", "stab", "stabbing", "murder", "kill", "arrest"})


def _one_harm(a: Event, b: Event, shared: set[str], people: frozenset[str]) -> bool:
    """A known person's death, one kind of violent incident ("was shot on Friday" and "her shooting in 2024") or
    an arrest, told once by its day and once by its year: a person dies once and seldom goes through two
    shootings or arrests in one year. Not for happenings people repeat (visits, meetings, statements)."""
    if not shared_people(a, b, shared, people):
        return False
    return _one_death(a.trigger, b.trigger) or (a.trigger == b.trigger and a.trigger in ASSAULT_TRIGGERS)


def _different_counterparts(a: Event, b: Event, shared: set[str], places: frozenset[str]) -> bool:
    """Trump meeting Obama and Trump meeting Ryan on one day are two meetings: one shared actor, other sides apart."""
    if len(shared) != 1 or not (a.trigger in MEETING_TRIGGERS and b.trigger in MEETING_TRIGGERS):
        return False
    others_a = actor_keys(name for name in a.actors if name not in places) - shared
    others_b = actor_keys(name for name in b.actors if name not in places) - shared
    return bool(others_a) and bool(others_b) and not (others_a & others_b)


def find_same_happening(new: Event, candidates: Sequence[Event], *, places: frozenset[str] = frozenset(),
                        people: frozenset[str] = frozenset(), stories: Sequence[int] = ()) -> int | None:
    """Index of the candidate that reports the same happening as `new` (the closest one), or None.
    `stories`: per candidate, the distinctive actors its articles share with the article of `new`."""
    best: tuple[float, int] | None = None
    for index, candidate in enumerate(candidates):
        story = stories[index] if index < len(stories) else 0
        if not same_happening(new, candidate, places=places, people=people, story=story):
            continue
        score = (
            len(actor_keys(new.actors) & actor_keys(candidate.actors))
            + (1.0 if new.date.value == candidate.date.value else 0.0)
            + (1.0 if new.trigger == candidate.trigger else 0.0)
            + summary_similarity(new.summary, candidate.summary)
        )
        if best is None or score > best[0]:
            best = (score, index)
    if best is None:
        found = _only_fit_naming_nobody(new, candidates)
        return found if found is not None else _only_fit_naming_no_person(new, candidates, people)
    return best[1]


# "the climber fell", "the 31-year-old singer was taken to hospital": a person the outlet describes but does not name.
_DESCRIBED_PERSON = re.compile(rf"\bthe (?:[\w-]+ ){{0,2}}(?:{'|'.join(sorted(IDENTITY_NOUNS))})\b")


def _fits_naming_no_person(report: Event, other: Event, people: frozenset[str]) -> bool:
    """A report whose only actors are places or organisations and whose clause describes the person it tells of
    without a name ("the climber fell near the hut") fits a report of the same kind of happening on its day that
    names a person, as a report naming nobody does."""
    return (report is not other and report.actors and not names_a_person(report, people)
            and _DESCRIBED_PERSON.search(report.summary.lower()) is not None
            and names_a_person(other, people) and SPEECH_VERBS.isdisjoint((report.trigger, other.trigger))
            and report.status == other.status and on_one_day(report.date, other.date)
            and same_kind_of_happening(report.trigger, other.trigger))


def _only_fit_naming_no_person(new: Event, candidates: Sequence[Event], people: frozenset[str]) -> int | None:
    """A report naming no person joins the one candidate of its kind and day that names one; a report naming a
    person takes in the one such report of its kind and day naming none."""
    if not names_a_person(new, people):
        fitting = [index for index, candidate in enumerate(candidates) if _fits_naming_no_person(new, candidate, people)]
    else:
        fitting = [index for index, candidate in enumerate(candidates) if _fits_naming_no_person(candidate, new, people)]
    return fitting[0] if len(fitting) == 1 else None


def _only_fit_naming_nobody(new: Event, candidates: Sequence[Event]) -> int | None:
    """Across articles as within one: a report naming nobody taking part joins the one candidate of its kind
    and day; a report naming who took part takes in the one such report of its kind and day."""
    if not has_participants(new):
        return only_fitting(new, candidates)
    fitting = [index for index, candidate in enumerate(candidates) if fits_without_participants(candidate, new)]
    return fitting[0] if len(fitting) == 1 else None


def has_participants(event: Event) -> bool:
    """Whether the report names anyone taking part: its sources only report it, a pronoun is no name."""
    return bool(event.actors)


def fits_without_participants(report: Event, other: Event) -> bool:
    """A report that names nobody taking part fits another report of the same kind of happening on its day.
    Not a statement: one whose speaker goes unnamed ("..., officials said") may be anyone's of that day."""
    return (report is not other and not has_participants(report) and has_participants(other)
            and report.trigger not in SPEECH_VERBS
            and report.status == other.status and on_one_day(report.date, other.date)
            and same_kind_of_happening(report.trigger, other.trigger))


def only_fitting(report: Event, others: Sequence[Event]) -> int | None:
    """Index of the one report among `others` a report naming nobody fits; None when none or several do."""
    fitting = [index for index, other in enumerate(others) if fits_without_participants(report, other)]
    return fitting[0] if len(fitting) == 1 else None
