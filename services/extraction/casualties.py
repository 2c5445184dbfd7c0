"""The people an incident befell, where the article names them without a date of their own.

News of a crash, an attack or a disaster dates the incident once ("A train derailed on Wednesday ...") and
then names its dead and injured in undated sentences ("Peter Holm, 57, was one of those injured", "Lena
Marsh died in the crash", "The victims were named as ...", "passenger Omar Baig"). Those people took
part in the incident: they join the actors of the article's dated report of it. Nothing else is inferred:
the sentence must say that the person was harmed (a casualty verb or a victim noun around the person) or
the name must call them a passenger or survivor, and the article must have dated an incident.
"""

from __future__ import annotations

from dataclasses import replace

from services.extraction.actors.tables import words
from services.extraction.model import Event

# Triggers of incidents that have casualties (accidents, violence, disasters).
INCIDENT_TRIGGERS: frozenset[str] = words(
    "crash derail derailment collision collide overturn accident attack bombing bomb explosion explode blast "
    "shooting shoot stabbing stab fire blaze earthquake quake flood storm hurricane typhoon tornado landslide "
    "avalanche collapse sink capsize disaster tragedy massacre ambush"
)
# Verbs and adjectives that say a person was harmed ("died", "was injured", "were trapped").
CASUALTY_WORDS: frozenset[str] = words(
    "die kill injure hurt wound trap crush hospitalise hospitalize dead injured wounded killed hurt"
)
# Nouns that name the harmed ("the victims were named as ...", "among the dead").
VICTIM_NOUNS: frozenset[str] = words("victim victims casualty casualties dead injured fatality fatalities")
# How a name hangs on the clause that says what befell it: "X, Y and Z", "the driver, X,", "named as X".
_LIST_DEPS = frozenset({"conj", "appos", "compound"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "dobj", "pobj", "appos"})


def add_casualties(doc, events: list[Event], resolution, dated_tokens: set[int], sentence_of) -> list[Event]:
    """Add to the article's first dated incident the people undated sentences tell were harmed in it."""
    incident = next((i for i, event in enumerate(events) if _dates_an_incident_day(event)), None)
    if incident is None:
        return events
    harmed: list[str] = []
    for mention in resolution.mentions:
        if mention.kind != "person" or not mention.participates or not mention.surface or mention.name in harmed:
            continue  # named people only: a pronoun's reading is not sure enough to add a victim
        sentence = sentence_of(doc[mention.start])  # Token.sent rebuilds the sentences on every call
        if any(i in dated_tokens for i in range(sentence.start, sentence.end)):
            continue  # a dated sentence is an event of its own
        if _told_as_harmed(doc[mention.end - 1]) or _described_as_caught_up(doc[mention.end - 1]):
            harmed.append(mention.name)
    if not harmed:
        return events
    event = events[incident]
    actors = tuple(dict.fromkeys((*event.actors, *harmed)))
    return [*events[:incident], replace(event, actors=actors), *events[incident + 1 :]]


def _dates_an_incident_day(event: Event) -> bool:
    return event.trigger in INCIDENT_TRIGGERS and event.date.start == event.date.end


def _told_as_harmed(token) -> bool:
    """Whether the clause of a name says its bearer was harmed: "X died", "X was among those injured",
    "the victims were X and Y", "those killed were named as X"."""
    steps = 0
    while token.dep_ in _LIST_DEPS and token.head.i != token.i and steps < 6:
        token, steps = token.head, steps + 1
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head
    if token.dep_ not in _ARGUMENT_DEPS | {"prep"}:
        return False
    verb = token.head
    if verb.lemma_.lower() in CASUALTY_WORDS:
        return _harm_word(verb) and (token.dep_ != "dobj" or verb.tag_ == "VBN")
    for child in verb.children:
        if child.i == token.i or child.dep_ in {"punct", "cc"}:
            continue
        # "X was among those injured", "those killed were named as X"; not what else the verb's clause says
        wanted = {"nsubj", "nsubjpass", "attr", "acomp", "prep"} if verb.lemma_ == "be" else {"nsubj", "nsubjpass"}
        if child.dep_ not in wanted:
            continue
        if any(_harm_word(t) for t in child.subtree):
            return True
    return False


# Nouns that put a person inside the incident ("passenger Omar Baig", "Anna Lee, a survivor,").
CAUGHT_UP_NOUNS: frozenset[str] = words("passenger survivor")


def _described_as_caught_up(token) -> bool:
    """Whether the name itself calls its bearer a passenger or a survivor."""
    related = [c for c in token.children if c.dep_ in {"compound", "appos"}]
    if token.dep_ in {"appos", "compound"}:
        related.append(token.head)
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in CAUGHT_UP_NOUNS for t in related)


def _harm_word(token) -> bool:
    """ "died", "(was) injured", "those killed", "victims"; not "hurting his wife" (a feeling, not a harm)."""
    lemma = token.lemma_.lower()
    if token.pos_ in {"NOUN", "ADJ"} and (lemma in VICTIM_NOUNS or token.lower_ in VICTIM_NOUNS):
        return True
    if lemma not in CASUALTY_WORDS:
        return False
    return token.pos_ == "ADJ" or lemma in DYING_WORDS or token.tag_ == "VBN"


DYING_WORDS: frozenset[str] = words("die perish")
