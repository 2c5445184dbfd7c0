"""Who the reports name: actor keys as outlets vary a name least, near spellings, names told in the other
clause, the persons each names, and statements' speakers."""

from __future__ import annotations

import re
from functools import lru_cache

from services.extraction.actors.tables import COUNTRY_ALIASES, DEMONYMS, SPEECH_VERBS, words
from services.extraction.casualties import INCIDENT_TRIGGERS
from services.extraction.model import Event

# Canonical country names are places even when the caller cannot tell actor kinds (events rebuilt from rows).
COUNTRIES: frozenset[str] = frozenset(COUNTRY_ALIASES)

# A country's people named in a clause ("Somali pirates") tell of that country as its name does ("Somalia").
DEMONYMS_OF: dict[str, tuple[str, ...]] = {}
for _demonym, _country in DEMONYMS.items():
    DEMONYMS_OF[_country] = (*DEMONYMS_OF.get(_country, ()), _demonym)


NEAR_NAME_MIN_LETTERS = 5


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


def actor_keys(actors) -> set[str]:
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


def near_name_shared(a: Event, b: Event) -> bool:
    return any(near_names(x, y) for x in a.actors for y in b.actors)


MENTIONED_NAME_MIN_LETTERS = 5


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def named_in_the_other(a: Event, b: Event) -> set[str]:
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


def shared_people(a: Event, b: Event, shared: set[str], people: frozenset[str]) -> set[str]:
    """The shared actors known to be persons (`people`, as either report names them)."""
    return shared & {actor_key(name) for name in (*a.actors, *b.actors) if name in people}


def different_people(a: Event, b: Event, shared: set[str], people: frozenset[str]) -> bool:
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


def different_speakers(a: Event, b: Event, people: frozenset[str]) -> bool:
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


def each_names_people(a: Event, b: Event, people: frozenset[str]) -> bool:
    """Both reports name persons taking part (with no actor shared, they are different people)."""
    return bool(people & set(a.actors)) and bool(people & set(b.actors))


def names_a_person(event: Event, people: frozenset[str]) -> bool:
    return bool(people & set(event.actors))
