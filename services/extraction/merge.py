"""Deciding when two events report the same happening, within one article and across articles.

Pure functions on `Event` values; the store rebuilds events from rows (no sentence, offsets (0, 0)), so only
the date, actors, trigger, summary and status are used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from services.extraction.actors.tables import COUNTRY_ALIASES, DEMONYMS, IDENTITY_NOUNS, words
from services.extraction.casualties import INCIDENT_TRIGGERS
from services.extraction.events import SPEECH_VERBS
from services.extraction.model import Event, EventDate

# Canonical country names are places even when the caller cannot tell actor kinds (events rebuilt from rows).
COUNTRIES: frozenset[str] = frozenset(COUNTRY_ALIASES)

# A country's people named in a clause ("Somali pirates") tell of that country as its name does ("Somalia").
DEMONYMS_OF: dict[str, tuple[str, ...]] = {}
for _demonym, _country in DEMONYMS.items():
    DEMONYMS_OF[_country] = (*DEMONYMS_OF.get(_country, ()), _demonym)

TRIGGER_CLASSES_FILE = Path(__file__).with_name("trigger_classes.txt")


def _class_lines(path: Path) -> list[list[str]]:
    lines = (line.split("#", 1)[0].split() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def load_trigger_classes(path: Path = TRIGGER_CLASSES_FILE) -> tuple[frozenset[str], ...]:
    """Classes of triggers that name one kind of happening: one line each, `#` starts a comment; a member
    marked `~` is a loose one (see `load_loose_members`), the mark is not part of the lemma."""
    return tuple(frozenset(word.removeprefix("~") for word in line) for line in _class_lines(path))


def load_loose_members(path: Path = TRIGGER_CLASSES_FILE) -> tuple[frozenset[str], ...]:
    """Per class (in the order of `load_trigger_classes`), its members marked `~`: words whose everyday sense is
    another than the class's ("shake" hands, "strike" a deal, "launch" a product, "stop" a car)."""
    return tuple(frozenset(word[1:] for word in line if word.startswith("~")) for line in _class_lines(path))


TRIGGER_CLASSES: tuple[frozenset[str], ...] = load_trigger_classes()
LOOSE_MEMBERS: tuple[frozenset[str], ...] = load_loose_members()
_STOPWORDS = words(
    "the a an of to in on at for by with and or but from as that this it its his her their he she they "
    "was were is are be been has have had will would said says after before over about into than"
)
# Intervals up to this many days are "fine" enough for one to stand for a happening inside the other.
FINE_INTERVAL_DAYS = 31
SUMMARY_SIMILARITY = 0.3
# How much of what two clauses say (objects, places, numbers: no actor names, no dates) must agree for a day
# to join a week or month containing it; and for a trigger the table does not know to join another.
CONTAINED_OVERLAP = 0.15
DIFFERENT_TRIGGER_OVERLAP = 0.2
# A day or month may join a year (a quarter, a season) containing it: only with a second shared actor or what
# the clauses say ("convicted in June 1998" and "a 1998 conviction" in Brazos County).
COARSE_INTERVAL_DAYS = 366
# Reports that share no actor (each outlet named other people, or left the actor unresolved: "the actress")
# join only on the same day, a similar trigger and much of what the clauses say in common, or the same
# wording around a name spelt one letter apart ("Duncan Rait" and "Duncan Raite").
NO_SHARED_ACTOR_OVERLAP = 0.3
NO_SHARED_ACTOR_WORDS = 3  # and at least this many words in common: "an earthquake shook X" says too little
NEAR_NAME_MIN_LETTERS = 5
# Articles of one story name many of the same people, organisations and places: reports that share no actor
# but come from articles sharing at least this many distinctive actors (no countries: two stories of one
# country share it) are of one story, and there the same kind of happening on the same days is one happening
# ("a cashier was shot dead" and "a gunman shot two people at the bank", each outlet naming others).
# One shared actor is not enough: a city, a ministry or a club is named by many stories of one week.
STORY_ACTORS = 2


def same_dates(a: EventDate, b: EventDate) -> bool:
    """One interval: equal values, or values that cover the same days ("2009-11-30TMO" and "2009-11-30")."""
    return a.value == b.value or (a.start == b.start and a.end == b.end)


def within_a_year(a: EventDate, b: EventDate) -> bool:
    """One interval inside the other, the outer one a year or less: the widest span the rule ever accepts."""
    outer = a if a.contains(b) else b if b.contains(a) else None
    return outer is not None and (outer.end - outer.start).days < COARSE_INTERVAL_DAYS


def compatible_dates(a: EventDate, b: EventDate) -> bool:
    """Equal values, or one interval inside the other when the outer one is fine-grained."""
    if same_dates(a, b):
        return True
    if a.contains(b):
        return (a.end - a.start).days < FINE_INTERVAL_DAYS
    if b.contains(a):
        return (b.end - b.start).days < FINE_INTERVAL_DAYS
    return False


# Triggers whose kind of happening the table knows: two of them in no common class are different happenings.
KNOWN_TRIGGERS: frozenset[str] = frozenset().union(*TRIGGER_CLASSES)
MEETING_TRIGGERS: frozenset[str] = next(group for group in TRIGGER_CLASSES if "meet" in group)
# Triggers that only say that something happened: they fit any happening on the same date.
GENERIC_TRIGGERS: frozenset[str] = frozenset({"happen", "occur", "unfold", "incident", "event"})


# Endings that make a noun of a verb ("conviction", "announcement", "arrival", "killing").
_NOUN_ENDINGS = ("ation", "ition", "tion", "sion", "ion", "ment", "ance", "ence", "ing", "al", "ure")
_MIN_STEM = 4


@lru_cache(maxsize=8192)
def _stems(word: str) -> frozenset[str]:
    """The word and what is left of it without a noun ending or a final "e" (both "convict" and "convic")."""
    stems = {word.removesuffix("e")}
    for ending in _NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stems.add(word[: -len(ending)].removesuffix("e"))
    return frozenset(stem for stem in stems if len(stem) >= _MIN_STEM)


def one_word_family(a: str, b: str) -> bool:
    """A verb and its noun: convict / conviction, announce / announcement, arrive / arrival."""
    return bool(_stems(a) & _stems(b))


@lru_cache(maxsize=65536)
def similar_triggers(a: str, b: str) -> bool:
    """Equal, generic, one word's verb and noun, or in one class where at least one of them is a firm member:
    two loose members ("Obama shook hands" and "the Taliban struck") need their clauses to tell the class's
    sense (`similar_happenings`)."""
    if a == b or a in GENERIC_TRIGGERS or b in GENERIC_TRIGGERS:
        return True
    if any(a in group and b in group and not {a, b} <= loose
           for group, loose in zip(TRIGGER_CLASSES, LOOSE_MEMBERS, strict=True)):
        return True
    return one_word_family(a, b)


@lru_cache(maxsize=8192)
def _senses_of_loose_pair(a: str, b: str) -> tuple[frozenset[str], ...]:
    """The firm members of each class in which both triggers are loose members."""
    return tuple(group - loose for group, loose in zip(TRIGGER_CLASSES, LOOSE_MEMBERS, strict=True)
                 if a != b and {a, b} <= loose)


def similar_happenings(a: Event, b: Event) -> bool:
    """`similar_triggers`, and two loose members of a class when a clause names the class's happening by a
    firm member ("the quake struck" and "the quake hit the coast": both say "quake")."""
    if similar_triggers(a.trigger, b.trigger):
        return True
    senses = _senses_of_loose_pair(a.trigger, b.trigger)
    if not senses:
        return False
    said = {word.removesuffix("s") for word in re.findall(r"[a-z]+", f"{a.summary} {b.summary}".lower())}
    return any(said & firm for firm in senses)


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


# Words that say when, not what: two reports of one happening may date it differently.
_TEMPORAL_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today "
    "yesterday tomorrow tonight morning afternoon evening night week weekend month year day days earlier "
    "later last next ago early late"
)


def _what_words(event: Event) -> set[str]:
    """The words of a summary that say what happened: no stop words, actor names, dates or trigger forms."""
    names = {w for name in event.actors for w in re.findall(r"[a-z0-9]+", name.lower())}
    found = set()
    for word in re.findall(r"[a-z0-9]+", event.summary.lower()):
        if word.isdigit() or (len(word) > 2 and word not in _STOPWORDS):
            found.add(word)
    return {word for word in found - names - _TEMPORAL_WORDS if not _trigger_form(word, event.trigger)}


def _trigger_form(word: str, trigger: str) -> bool:
    """The trigger as the text inflects it ("convicted", "thwarted" for "convict", "thwart")."""
    stem = trigger.removesuffix("e")
    return word == trigger or (len(stem) >= 3 and word.startswith(stem) and len(word) - len(stem) <= 3)


def what_overlap(a: Event, b: Event) -> float:
    """Jaccard overlap of what two clauses say beyond who and when (objects, places, numbers)."""
    words_a, words_b = _what_words(a), _what_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


ADMINISTRATIVE_SUFFIXES: frozenset[str] = words("province county region prefecture district city state oblast")


@lru_cache(maxsize=65536)  # every comparison of two events keys all their actors again
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


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter substituted, inserted or deleted."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@lru_cache(maxsize=65536)
def near_names(a: str, b: str) -> bool:
    """Two spellings of one name: the same words but one, of 5+ letters, one letter apart ("Rait" / "Raite")."""
    words_a, words_b = actor_key(a).split(), actor_key(b).split()
    if len(words_a) != len(words_b):
        return False
    differing = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return x.isalpha() and y.isalpha() and max(len(x), len(y)) >= NEAR_NAME_MIN_LETTERS and _one_edit_apart(x, y)


def _near_name_shared(a: Event, b: Event) -> bool:
    return any(near_names(x, y) for x in a.actors for y in b.actors)


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
    if not fine and not within_a_year(a.date, b.date) and not _next_days(a.date, b.date):
        return "dates apart"
    places = COUNTRIES | (places or frozenset())
    if _disjoint_places(a, b, places):
        return "places apart"
    shared = _actor_keys(a.actors) & _actor_keys(b.actors) or _named_in_the_other(a, b)
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
    if _different_people(a, b, shared, people):
        return "each names other people"
    if _different_speakers(a, b, people):
        return "statements of different speakers"
    similar = similar_happenings(a, b) or _tells_of_the_other(a, b)
    if not fine:
        if _next_days(a.date, b.date):
            # One night ("Thursday night", "early Friday, 1:30 a.m."), or a death told from two time zones.
            one = ((_one_night(a.date, b.date) and a.trigger == b.trigger and len(shared) >= 2)
                   or _one_death(a.trigger, b.trigger))
            return None if one else "next days, not one night or one death"
        if not similar:
            return "inside a year, triggers differ"
        if len(shared) >= 2 or what_overlap(a, b) >= CONTAINED_OVERLAP or _one_harm(a, b, shared, people):
            return None
        return "inside a year: one shared actor and too little said in common"
    if _inside_a_coarser_unit(a.date, b.date):
        # Strong agreement: a second actor in common (the place, the other side) or what the clauses say.
        # A person in common and a trigger of one class ("accused of gunning down X a month ago" and "X was
        # shot on Friday") is agreement enough: one person seldom suffers two such happenings within weeks.
        if not similar:
            return "inside a week or month, triggers differ"
        if (a.trigger == b.trigger or len(shared) >= 2 or what_overlap(a, b) >= CONTAINED_OVERLAP
                or (similar_happenings(a, b) and bool(_shared_people(a, b, shared, people)))):
            return None
        return "inside a week or month: too little agreement"
    if similar:
        return None
    if a.trigger in KNOWN_TRIGGERS and b.trigger in KNOWN_TRIGGERS:
        return "triggers of two known kinds"  # a meeting and a bill signing
    return None if what_overlap(a, b) >= DIFFERENT_TRIGGER_OVERLAP else "triggers differ, clauses differ"


MENTIONED_NAME_MIN_LETTERS = 5


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _named_in_the_other(a: Event, b: Event) -> set[str]:
    """Actors of one report that the other's clause names without the extractor taking them as its actors
    ("Pettibone escaped" beside "Marvin Lee Pettibone Jr."; a ship named in passing; a country by its people,
    "Somali pirates" beside "Somalia"): they are shared too."""
    found = set()
    for event, other in ((a, b), (b, a)):
        for name in event.actors:
            spellings = (name, *DEMONYMS_OF.get(name, ()))
            if any(len(spelling) >= MENTIONED_NAME_MIN_LETTERS and _name_pattern(spelling).search(other.summary)
                   for spelling in spellings):
                found.add(actor_key(name))
    return found


def _shared_people(a: Event, b: Event, shared: set[str], people: frozenset[str]) -> set[str]:
    """The shared actors known to be persons (`people`, as either report names them)."""
    return shared & {actor_key(name) for name in (*a.actors, *b.actors) if name in people}


def _different_people(a: Event, b: Event, shared: set[str], people: frozenset[str]) -> bool:
    """Two arrests in one town on one day: they share one actor, no person, and each names people of its own.
    (Two shared places and a lawyer named on one side is still one check-in at one clinic.)"""
    if len(shared) != 1 or (a.trigger in INCIDENT_TRIGGERS and b.trigger in INCIDENT_TRIGGERS):
        # one crash has many casualties, and each report names some of them: no sign of a second crash
        return False
    people_a = {actor_key(name) for name in a.actors if name in people}
    people_b = {actor_key(name) for name in b.actors if name in people}
    if not people_a or not people_b or shared & (people_a | people_b):
        return False
    return not any(near_names(x, y) for x in people_a for y in people_b)


def _different_speakers(a: Event, b: Event, people: frozenset[str]) -> bool:
    """Two statements on one happening by different people: a relative posting the news and a spokesman
    confirming it share what they speak of, but a statement is its speaker's. Both speakers known as persons and
    different; else each report names a person the other neither has as an actor nor names in its clause."""
    if a.trigger not in SPEECH_VERBS or b.trigger not in SPEECH_VERBS:
        return False
    if a.speaker in people and b.speaker in people:
        # each says who spoke: "the director announced ..." and "she [the senator] said ...", both naming her
        return not _one_person(a.speaker, b.speaker)
    return bool(_own_people(a, b, people)) and bool(_own_people(b, a, people))


def _one_person(a: str, b: str) -> bool:
    """One person's names: one key, a near spelling, or a surname beside the full name ("Comey", "James Comey")."""
    key_a, key_b = actor_key(a), actor_key(b)
    short, long = sorted((key_a, key_b), key=len)
    return key_a == key_b or near_names(a, b) or (" " not in short and long.endswith(" " + short))


def _own_people(event: Event, other: Event, people: frozenset[str]) -> set[str]:
    """The persons of `event` that `other` does not have or name (in full, by surname or a near spelling)."""
    others = {actor_key(name) for name in other.actors}
    return {
        name for name in event.actors
        if name in people and actor_key(name) not in others
        and not any(near_names(name, key) for key in others)
        and not any(_name_pattern(spelling).search(other.summary) for spelling in {name, name.split()[-1]})
    }


# "travel to Madrid for talks", "flew in for the summit": the purpose of a trip names the happening it is for.
_PURPOSE = re.compile(r"\bfor (?:a |an |the |two days of |several )?([a-z]+)")


# "helped the club to the league title", "led his side to victory": a verb of taking part whose trigger says
# nothing of the happening; what it led to does (up to two words after "to": "to the league title").
SUPPORT_TRIGGERS: frozenset[str] = frozenset({"help", "lead", "guide", "steer", "carry", "propel", "power", "inspire"})
_RESULT = re.compile(r"\bto ((?:[a-z0-9]+ ){0,2}[a-z]+)")
_DETERMINERS = frozenset({"a", "an", "the", "their", "his", "her", "its", "our"})


def _results(summary: str) -> set[str]:
    found = set()
    for phrase in _RESULT.findall(summary.lower()):
        found |= set(phrase.split()) - _DETERMINERS
    return found


def _tells_of_the_other(a: Event, b: Event) -> bool:
    """One clause is the trip for the other's happening ("will travel to Madrid for talks" and "met in Madrid"),
    or the help towards it ("helped the club to the title" and "the club's title win")."""
    for event, other in ((a, b), (b, a)):
        related = similar_trigger_words(other.trigger) - GENERIC_TRIGGERS
        if set(_PURPOSE.findall(event.summary.lower())) & related:
            return True
        if event.trigger in SUPPORT_TRIGGERS and other.trigger not in SUPPORT_TRIGGERS and _results(event.summary) & related:
            return True
    return False


def _disjoint_places(a: Event, b: Event, places: frozenset[str]) -> bool:
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
    if _near_name_shared(a, b):
        return a.trigger == b.trigger or what_overlap(a, b) >= CONTAINED_OVERLAP
    if _each_names_people(a, b, people):
        return False  # each report names who did it, and they are different people
    return (what_overlap(a, b) >= NO_SHARED_ACTOR_OVERLAP
            and len(_what_words(a) & _what_words(b)) >= NO_SHARED_ACTOR_WORDS)


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
    return not _each_names_people(a, b, people) or _one_incident_of_the_day(a, b)


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


def _each_names_people(a: Event, b: Event, people: frozenset[str]) -> bool:
    """Both reports name persons taking part (with no actor shared, they are different people)."""
    return bool(people & set(a.actors)) and bool(people & set(b.actors))


# Parts of a day TIMEX3 writes after the date, and the hours that close a day or open the next.
_LATE_PARTS = frozenset({"NI", "EV"})
_LATE_HOUR, _EARLY_HOUR = 20, 6


# A person dies once: two reports of a shared actor's death a day apart are one death ("pass" alone could
# be a bill passing on two days).
DEATH_TRIGGERS: frozenset[str] = frozenset({"die", "death", "dead", "perish", "succumb"})


def _one_death(a: str, b: str) -> bool:
    return (a in DEATH_TRIGGERS or b in DEATH_TRIGGERS) and similar_triggers(a, b) and {a, b} <= DEATH_TRIGGERS | {"pass"}


# Assaults on a person ("was shot", "stabbed"): unlike an attack, which may be words, they are seldom repeated.
ASSAULT_TRIGGERS: frozenset[str] = frozenset({"shoot", "shooting", "stab", "stabbing", "murder", "kill"})


def _one_harm(a: Event, b: Event, shared: set[str], people: frozenset[str]) -> bool:
    """A known person's death, or one kind of violent incident ("was shot on Friday" and "her shooting in
    2024"), told once by its day and once by its year: a person dies once and seldom goes through two
    shootings in one year. Not for happenings people repeat (visits, meetings, statements)."""
    if not _shared_people(a, b, shared, people):
        return False
    return _one_death(a.trigger, b.trigger) or (a.trigger == b.trigger and a.trigger in ASSAULT_TRIGGERS)


def _next_days(a: EventDate, b: EventDate) -> bool:
    """Two single days, one after the other."""
    return a.start == a.end and b.start == b.end and abs((a.start - b.start).days) == 1


def _one_night(a: EventDate, b: EventDate) -> bool:
    """A late evening and the small hours after it: "Thursday night" and "early Friday, 1:30 a.m." (one night)."""
    earlier, later = (a, b) if a.start <= b.start else (b, a)
    if earlier.granularity != "day" or later.granularity != "day" or (later.start - earlier.end).days != 1:
        return False
    return _part_of_day(earlier.value) in _LATE_PARTS | {"late"} and _part_of_day(later.value) == "early"


def _part_of_day(value: str) -> str | None:
    """"NI", "EV", ... from "2013-05-02TNI"; "late" or "early" for clock times ("2013-05-03T01:30")."""
    _, separator, time = value.partition("T")
    if not separator:
        return None
    if time[:2].isdigit():
        hour = int(time[:2])
        return "early" if hour < _EARLY_HOUR else "late" if hour >= _LATE_HOUR else None
    return time[:2]


LAST_WEEK_DAYS = 7


def last_week_read_loosely(when: EventDate, published: date) -> EventDate | None:
    """The calendar week before the report's week ("he escaped last week") as the seven days before the report:
    a Sunday's "last week" may mean the Monday six days earlier, of the report's own calendar week. None for any
    other date. A day inside it joins it only on strong agreement, as any day joins a week (`same_happening`)."""
    if when.granularity != "week" or not when.end < published <= when.end + timedelta(days=LAST_WEEK_DAYS):
        return None
    return EventDate(when.value, published - timedelta(days=LAST_WEEK_DAYS), published - timedelta(days=1), "week")


def calendar_week_before(day: EventDate) -> EventDate | None:
    """The calendar week before a day's own week, where a report published after the day but within its week
    may have put it ("he escaped last week", `last_week_read_loosely`); None for a Sunday (any report that
    could call it "last week" is of the next week, whose week before is the day's own) and for other dates."""
    if day.start != day.end or day.start.weekday() == 6:
        return None
    start = day.start - timedelta(days=day.start.weekday() + 7)
    year, week, _ = start.isocalendar()
    return EventDate(f"{year}-W{week:02d}", start, start + timedelta(days=6), "week")


def _inside_a_coarser_unit(a: EventDate, b: EventDate) -> bool:
    """One date inside the other, the outer one a week, month or the like (a range of days is not coarser)."""
    if same_dates(a, b):
        return False
    outer = a if a.contains(b) else b
    return outer.granularity != "day"


def _different_counterparts(a: Event, b: Event, shared: set[str], places: frozenset[str]) -> bool:
    """Trump meeting Obama and Trump meeting Ryan on one day are two meetings: one shared actor, other sides apart."""
    if len(shared) != 1 or not (a.trigger in MEETING_TRIGGERS and b.trigger in MEETING_TRIGGERS):
        return False
    others_a = _actor_keys(name for name in a.actors if name not in places) - shared
    others_b = _actor_keys(name for name in b.actors if name not in places) - shared
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
            len(_actor_keys(new.actors) & _actor_keys(candidate.actors))
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


def _names_a_person(event: Event, people: frozenset[str]) -> bool:
    return bool(people & set(event.actors))


# "the climber fell", "the 31-year-old singer was taken to hospital": a person the outlet describes but does not name.
_DESCRIBED_PERSON = re.compile(rf"\bthe (?:[\w-]+ ){{0,2}}(?:{'|'.join(sorted(IDENTITY_NOUNS))})\b")


def _fits_naming_no_person(report: Event, other: Event, people: frozenset[str]) -> bool:
    """A report whose only actors are places or organisations and whose clause describes the person it tells of
    without a name ("the climber fell near the hut") fits a report of the same kind of happening on its day that
    names a person, as a report naming nobody does."""
    return (report is not other and report.actors and not _names_a_person(report, people)
            and _DESCRIBED_PERSON.search(report.summary.lower()) is not None
            and _names_a_person(other, people) and SPEECH_VERBS.isdisjoint((report.trigger, other.trigger))
            and report.status == other.status and on_one_day(report.date, other.date)
            and same_kind_of_happening(report.trigger, other.trigger))


def _only_fit_naming_no_person(new: Event, candidates: Sequence[Event], people: frozenset[str]) -> int | None:
    """A report naming no person joins the one candidate of its kind and day that names one; a report naming a
    person takes in the one such report of its kind and day naming none."""
    if not _names_a_person(new, people):
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


def combine_events(kept: Event, other: Event) -> Event:
    """One event from two reports of the same happening: the finer date, all actors, the better evidence."""
    base, extra = (kept, other) if kept.confidence >= other.confidence else (other, kept)
    known = _actor_keys(base.actors)
    actors = (*base.actors, *(name for name in dict.fromkeys(extra.actors) if actor_key(name) not in known))
    finer = base.date
    if extra.date.value != base.date.value and base.date.contains(extra.date):
        finer = extra.date
    return replace(base, date=finer, actors=actors, confidence=round(max(base.confidence, extra.confidence), 2),
                   reported_by=other_sources(actors, (*base.reported_by, *extra.reported_by)))


def other_sources(actors: Sequence[str], sources: Sequence[str]) -> tuple[str, ...]:
    """The sources that are not also participants: one report's source may take part in another's clause."""
    taking_part = _actor_keys(actors)
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


def has_participants(event: Event) -> bool:
    """Whether the report names anyone taking part: its sources only report it, a pronoun is no name."""
    return bool(event.actors)


def same_kind_of_happening(a: str, b: str) -> bool:
    """Equal triggers, one class of the table, or one word's verb and noun; not a trigger that only says that
    something happened ("it happened at noon" fits any happening of the day, so it says too little)."""
    if a in GENERIC_TRIGGERS or b in GENERIC_TRIGGERS:
        return False
    return similar_triggers(a, b)


def on_one_day(a: EventDate, b: EventDate) -> bool:
    """One day, or a time or part of that day ("Sunday" and "1:53 p.m. on Sunday"); two different times of it
    are two moments ("the siren sounded at 5 a.m." and "it sounded again shortly before noon")."""
    if not a.start == a.end == b.start == b.end:
        return False
    return a.value == b.value or "T" not in a.value or "T" not in b.value


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
    if _disjoint_places(state, happening, COUNTRIES | places):
        return False
    return bool(_actor_keys(state.actors) & _actor_keys(happening.actors))


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
        if headline.offsets[0] != 0 or not (headline.date.start == headline.date.end == published):
            continue
        for body_index, body in enumerate(events):
            if (body_index != index and body_index not in folded and body.date.end < published
                    and similar_happenings(body, headline)
                    and _actor_keys(body.actors) & _actor_keys(headline.actors)):
                combined = combine_events(body, headline)
                events[body_index] = replace(body, actors=combined.actors, confidence=combined.confidence,
                                             reported_by=combined.reported_by)
                folded.add(index)
                break
    return [event for index, event in enumerate(events) if index not in folded]
