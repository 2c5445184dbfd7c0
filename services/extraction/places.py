"""Where an event happened: the place named by a locative phrase on the clause's verb or event noun.

"arrived in Hanoi", "met at the White House", "was arrested in Beverly Hills", "the summit in Singapore":
the object of a locative preposition hanging on the happening itself, when it names a place (a GPE, LOC or
FAC entity). A place the article's actors already stand for keeps that actor (a capital or seat of
government is its country, as everywhere in Annals: "in Hanoi" is Vietnam); another one ("at Progressive
Field") becomes a place actor of its own. Subjects and objects stay participants: "Russia vetoed ..." is
Russia acting, and is nobody's place.
"""

from __future__ import annotations

import re

from services.extraction.model import Actor

LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(
    {"in", "at", "near", "outside", "inside", "throughout", "across", "within", "off", "aboard"}
)
PLACE_ENTITY_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
# A longer "entity" is the recogniser running on into the sentence ("Memorial for the Welsh Guards' ...").
MAX_PLACE_TOKENS = 5
# Verbs whose object is the happening: "held a summit in Singapore" happened in Singapore.
HAPPENING_OBJECT_VERBS: frozenset[str] = frozenset(
    {"hold", "host", "attend", "stage", "organise", "organize", "convene", "throw"}
)
_NAME = re.compile(r"^[A-Z][^\d@#/]*$")
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")


def place_of(clause, resolution) -> str | None:
    """The name of the place the clause's happening took place in, or None when the text does not say.
    `resolution` is the article's ActorResolution (which tokens mention which actor)."""
    anchors = {clause.head.i, clause.governor.i}
    for verb in {clause.head, clause.governor}:
        if verb.lemma_.lower() in HAPPENING_OBJECT_VERBS:
            anchors |= {child.i for child in verb.children if child.dep_ == "dobj"}
    for token in sorted((clause.governor.doc[i] for i in clause.tokens), key=lambda t: t.i):
        # "outside Trump Tower" may be parsed as an adverb with an object
        if token.dep_ not in {"prep", "advmod"} or token.lower_ not in LOCATIVE_PREPOSITIONS \
                or token.head.i not in anchors:
            continue
        for place_token in (child for child in token.children if child.dep_ == "pobj"):
            name = _place_name(place_token, resolution)
            if name is not None:
                return name
    return None


def _place_name(token, resolution) -> str | None:
    if token.ent_type_ not in PLACE_ENTITY_LABELS:
        return None
    if token.i in resolution.token_actor:
        name = resolution.token_actor[token.i]
        return name if resolution.kind_of(name) == "place" else None
    entity = _entity_span(token)
    if len(entity) > MAX_PLACE_TOKENS:
        return None
    # the characters as written ("Washington, DC"), not the tokens joined
    surface = _LEADING_ARTICLE.sub("", entity.text).strip()
    surface = _POSSESSIVE.sub("", surface).strip()
    return surface if _NAME.match(surface) else None


def _entity_span(token):
    """The whole entity the token belongs to ("Progressive Field" from "Field")."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def with_place_actors(actors: list[Actor], places) -> list[Actor]:
    """The article's actors and a place actor for every event place no actor stands for yet."""
    known = {actor.name for actor in actors}
    added = [Actor(name, "place", (name,)) for name in dict.fromkeys(p for p in places if p and p not in known)]
    return [*actors, *added]
