"""Which names identify a stored actor (pure: no database).

A stored alias must name its actor and no one else by accident: the canonical name, the surname of a person
(so "Sanchez" finds "Pedro Sanchez" even if no article said "Sanchez" alone), or a name the extraction saw
for it that is not a bare given name ("James" would join LeBron James to James Comey), a title ("Chancellor")
or a common word or description ("He", "the company").
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from services.extraction.actors.tables import TITLE_WORDS
from services.extraction.model import Actor
from services.store.keys import name_key

# Generational suffixes are not surnames: "Martin Luther King Jr." is Mr King.
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def name_words(name: str) -> list[str]:
    """The words of a name as its key has them ("James  COMEY" -> ["james", "comey"])."""
    return name_key(name).split()


def is_full_person_name(name: str, kind: str) -> bool:
    """A person named by more than one word: given name(s) and surname."""
    return kind == "person" and len(_without_suffix(name.split())) > 1


def surname(name: str, kind: str) -> str | None:
    """The last word of a person's full name, as written ("Pedro Sanchez" -> "Sanchez"); None otherwise."""
    if not is_full_person_name(name, kind):
        return None
    return _without_suffix(name.split())[-1]


def surname_key(name: str, kind: str) -> str | None:
    found = surname(name, kind)
    return name_key(found) if found else None


def plain_full_name(name: str, kind: str) -> str | None:
    """A person's full name without middle initials and stray marks ("James B. Comey" -> "James Comey", "Martin
    Luther King Jr." -> "Martin Luther King Jr"): how
    outlets vary one name least. None when that leaves fewer than two words or changes nothing."""
    if kind != "person":
        return None
    # "Jr." and "Jr" are one suffix: outlets differ in the stop more than anywhere else in a name
    words = [w.rstrip(".") if w.lower() in _NAME_SUFFIXES else w
             for w in name.split() if any(ch.isalpha() for ch in w) and not _is_initial(w)]
    plain = " ".join(words)
    return plain if len(words) > 1 and plain != name else None


def spellings_of_one_name(a: str, b: str, kind: str) -> bool:
    """"James B. Comey" and "James Comey": the same full name once initials and stray marks are dropped."""
    return name_key(plain_full_name(a, kind) or a) == name_key(plain_full_name(b, kind) or b)


def fullness(name: str) -> tuple:
    """Which of two spellings of one name to show: clean words (each with a letter), then the longer, then a
    fixed order; so whichever order the articles arrive in, the same spelling wins ("James B. Comey")."""
    return (all(any(ch.isalpha() for ch in word) for word in name.split()), len(name), name)


def storable_aliases(actor: Actor) -> list[str]:
    """The names stored as aliases of an extracted actor, canonical name first, one per key."""
    names = [actor.name]
    family_name = surname(actor.name, actor.kind)
    if family_name:
        names.append(family_name)
    plain = plain_full_name(actor.name, actor.kind)
    if plain:
        names.append(plain)
    names += [alias for alias in actor.aliases if _is_identifying_alias(alias, actor)]
    unique: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if key and key not in unique:
            unique[key] = name.strip()
    return list(unique.values())


def identity_keys(actor: Actor) -> list[str]:
    """Keys that two workers resolving one actor both lock: a person's surname (so "Comey" and "James Comey"
    meet), every other actor's own names."""
    family = surname_key(actor.name, actor.kind)
    if family:
        return [family]
    return [name_key(name) for name in storable_aliases(actor)]


def _is_identifying_alias(alias: str, actor: Actor) -> bool:
    words = name_words(alias)
    if not words or len(alias) > 200:
        return False
    if not any(ch.isupper() for ch in alias):
        return False  # pronouns and descriptions ("he", "the company") are no names
    if len(words) > 1:
        return _ends_as_the_persons_name(words, actor)
    word = words[0]
    if word in STOP_WORDS or word in TITLE_WORDS:
        return False  # "He" at a sentence start, "Chancellor"
    # a bare given name ("James" of James Comey)
    return not (is_full_person_name(actor.name, actor.kind) and word == name_words(actor.name)[0])


def _ends_as_the_persons_name(words: list[str], actor: Actor) -> bool:
    """A longer name is a full-named person's own when it ends with the surname ("Chancellor Olaf Scholz") or,
    for names written surname first, with the first word ("President Xi" of Xi Jinping). Anything else names
    someone else or no one: "Hillary Clinton" seen as an alias of a fused "Hillary Clinton Donald Trump", the
    bare given names "George W" of George W Bush."""
    if not is_full_person_name(actor.name, actor.kind):
        return True
    own = name_words(" ".join(_without_suffix(actor.name.split())))
    last = words[-1] if len(words) == 1 or words[-1].rstrip(".") not in _NAME_SUFFIXES else words[-2]
    return not _is_initial(last) and last in {own[-1], own[0]}


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _without_suffix(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        words = words[:-1]
    return words
