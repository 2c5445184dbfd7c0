"""Who holds an office in which body, as the article itself states it.

News names a body's officers once with their office ("Brightwater's chief executive, Fiona Clay", "union general
secretary Gareth Pryce", "Tobias Greer, the head of its European business", "Vantor named Greer as chief
executive") and then tells what they do by name alone ("Clay resigned on Monday", "Pryce rejected it Friday").
What an officer does as such is the body's doing too, so the body takes part in those happenings (see
`participants.bodies_of_officers`). The relation is read from this article's parse only: no one's office is
known beforehand. A former office ("former Millbrook United manager Neil Okafor") is no affiliation.
"""

from __future__ import annotations

from services.extraction.actors.tables import FORMER_WORDS, OFFICE_NOUNS, words
from services.extraction.nlp import token_lowers

# Dependencies by which a body qualifies an office noun: "Brightwater's chief executive", "Cubs owner",
# "union general secretary" (the parser's nmod).
_BODY_DEPS = frozenset({"poss", "compound", "nmod"})
# Prepositions that give an office its body: "chief executive of Brightwater", "a director at Vantor".
_BODY_PREPOSITIONS = words("of at for")
# Verbs that give a person an office in the subject's body: "Vantor named Tobias Greer as chief executive".
APPOINTING_VERBS: frozenset[str] = words("appoint name hire promote install elect")
# Verbs that take an office from the person: "Vantor fired chief executive Carla Brandt".
DISMISSING_VERBS: frozenset[str] = words("fire sack dismiss oust suspend")


def office_holders(doc, token_actor: dict[int, str], kinds: dict[str, str]) -> dict[str, str]:
    """Person -> the organisation the article says they hold an office in (a person with two keeps none)."""
    found: dict[str, set[str]] = {}
    for i, lower in enumerate(token_lowers(doc)):
        if lower not in OFFICE_NOUNS:
            continue
        office = doc[i]
        if office.pos_ not in {"NOUN", "PROPN"} or _former(office):
            continue
        body, people = _body_of_office(office, token_actor, kinds), _holders(office, token_actor, kinds)
        if body is None:
            body, people = _appointing_body(office, token_actor, kinds), _appointed(office, token_actor, kinds)
        if body is None:
            continue
        for person in people:
            found.setdefault(person, set()).add(body)
    return {person: bodies.pop() for person, bodies in found.items() if len(bodies) == 1}


def _former(office) -> bool:
    """"former manager", "ex-chairman", "its former chief executive"."""
    chain = [office, *(t for t in office.children if t.dep_ in {"amod", "compound"})]
    return any(c.lower_ in FORMER_WORDS for t in chain for c in (t, *t.children)) or office.lower_.startswith("ex-")


def _holders(office, token_actor: dict[int, str], kinds: dict[str, str]) -> list[str]:
    """The people the office noun is said of: the name it stands before ("chief executive Fiona Clay"), the name
    it stands beside ("Fiona Clay, chief executive of ...", "its chief executive, Fiona Clay"), or the person a
    reference over the noun itself stands for ("its administrator" linked to Marcus Obi)."""
    candidates = []
    head = office
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "union general secretary Gareth Pryce": the chain of compounds ends at the name
    if head is not office:
        candidates.append(head)
    if office.dep_ == "appos":
        candidates.append(office.head)
    candidates += [c for c in office.children if c.dep_ == "appos"]
    candidates.append(office)
    people = [token_actor.get(t.i) for t in candidates]
    return list(dict.fromkeys(p for p in people if p is not None and kinds.get(p) == "person"))


def _body_of_office(office, token_actor: dict[int, str], kinds: dict[str, str]) -> str | None:
    """The organisation qualifying the office noun: its possessor or modifier ("Brightwater's", "its" where the
    text links it to a body, "Cubs", "union" where one body of the article is a union), or the object of "of",
    "at", "for" ("chief executive of Brightwater Hospice", "the head of its European business")."""
    for child in office.children:
        if child.dep_ in _BODY_DEPS:
            body = _organisation(child, token_actor, kinds) or _body_of_kind(child, kinds)
            if body is not None:
                return body
    for child in office.children:
        if child.dep_ == "prep" and child.lower_ in _BODY_PREPOSITIONS:
            for noun in child.children:
                if noun.dep_ == "pobj":
                    body = next((b for t in noun.subtree if (b := _organisation(t, token_actor, kinds))), None)
                    if body is not None:
                        return body
    return None


def _appointing_body(office, token_actor: dict[int, str], kinds: dict[str, str]) -> str | None:
    """"Vantor named Tobias Greer as chief executive", "Vantor fired chief executive Carla Brandt": the office's
    body is the subject of the verb that gives or takes it."""
    verb = _appointing_verb(office)
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return _organisation(subjects[0], token_actor, kinds) if subjects else None


def _appointing_verb(office):
    """The verb giving the office ("named Greer as chief executive") or giving or taking it from the person the
    office noun stands before ("fired chief executive Carla Brandt")."""
    if office.dep_ == "pobj" and office.head.lower_ == "as":
        verb = office.head.head
        return verb if verb.lemma_.lower() in APPOINTING_VERBS else None
    person = office
    while person.dep_ == "compound":
        person = person.head
    if person is office or person.dep_ != "dobj":
        return None
    verb = person.head
    return verb if verb.lemma_.lower() in APPOINTING_VERBS | DISMISSING_VERBS else None


def _appointed(office, token_actor: dict[int, str], kinds: dict[str, str]) -> list[str]:
    """The object of the appointing verb ("named Tobias Greer as chief executive")."""
    verb = _appointing_verb(office)
    if verb is None:
        return []
    return [p for c in verb.children if c.dep_ == "dobj"
            if (p := token_actor.get(c.i)) is not None and kinds.get(p) == "person"]


def _organisation(token, token_actor: dict[int, str], kinds: dict[str, str]) -> str | None:
    name = token_actor.get(token.i)
    return name if name is not None and kinds.get(name) == "organisation" else None


def _body_of_kind(token, kinds: dict[str, str]) -> str | None:
    """"union" of "union general secretary": the one organisation of the article whose name has the word."""
    if token.pos_ != "NOUN":
        return None
    word = token.lower_
    bodies = [name for name, kind in kinds.items()
              if kind == "organisation" and word in (w.lower() for w in name.split())]
    return bodies[0] if len(bodies) == 1 else None
