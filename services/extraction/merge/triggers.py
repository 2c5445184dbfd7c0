"""Which triggers name one kind of happening: the classes of `trigger_classes.txt` (firm and loose members),
one word's verb and noun, and the triggers that only say that something happened."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from services.extraction.model import Event

TRIGGER_CLASSES_FILE = Path(__file__).parent.parent / "trigger_classes.txt"


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


def same_kind_of_happening(a: str, b: str) -> bool:
    """Equal triggers, one class of the table, or one word's verb and noun; not a trigger that only says that
    something happened ("it happened at noon" fits any happening of the day, so it says too little)."""
    if a in GENERIC_TRIGGERS or b in GENERIC_TRIGGERS:
        return False
    return similar_triggers(a, b)
