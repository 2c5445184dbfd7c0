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


def add_casualties(doc, events: list[Event], resolution, token_dates: dict, sentence_of) -> list[Event]:
    """Add to the article's dated incident the people the text tells were harmed in it.

    Strict about which incident: the harm clause names it ("died in the crash", "victims of Monday's
    attack": the one of that date or of that name), or the article dates exactly one incident with
    casualties. A link to another incident ("in an earlier collision", "the 2012 crash") adds no one.
    """
    happenings = _incident_happenings(doc, events)
    if not happenings:
        return events
    harmed: dict[int, list[str]] = {}
    for mention in resolution.mentions:
        if mention.kind != "person" or not mention.participates or not mention.surface:
            continue  # named people only: a pronoun's reading is not sure enough to add a victim
        token = doc[mention.end - 1]
        if not (_told_as_harmed(token) or _described_as_caught_up(token)):
            continue
        sentence = sentence_of(doc[mention.start])  # Token.sent rebuilds the sentences on every call
        link = _incident_link(_clause_of(token))
        if link is not None and _another_incident(link):
            continue  # the victim of some other incident, told as background
        dated = any(i in token_dates for i in range(sentence.start, sentence.end))
        if dated and link is None:
            continue  # a dated sentence is an event of its own unless it names the incident
        target = _happening_of(link, happenings, events, token_dates)
        if target is not None and mention.name not in harmed.setdefault(target, []):
            harmed[target].append(mention.name)
    for index, names in harmed.items():
        event = events[index]
        events = [*events[:index], replace(event, actors=tuple(dict.fromkeys((*event.actors, *names)))),
                  *events[index + 1 :]]
    return events


def _dates_an_incident_day(event: Event) -> bool:
    return event.trigger in INCIDENT_TRIGGERS and event.date.start == event.date.end


def _incident_happenings(doc, events: list[Event]) -> dict:
    """The article's dated incidents, one per day: day -> the indexes of its events, the first first.
    Incidents whose sentence tells of casualties ("killing five") stand for all when there are any:
    "a tram almost derailed last month" is not where anyone died."""
    by_day: dict = {}
    with_casualties: dict = {}
    for i, event in enumerate(events):
        if not _dates_an_incident_day(event):
            continue
        by_day.setdefault(event.date.start, []).append(i)
        span = doc.char_span(*event.offsets, alignment_mode="expand")
        if span is not None and any(_tells_casualties(t) and not _denied(t) for t in span):
            with_casualties.setdefault(event.date.start, []).append(i)
    return with_casualties or by_day


def _tells_casualties(token) -> bool:
    """ "killing five", "injuring 40", "two dead", "the victims": an incident's sentence that has casualties."""
    return _harm_word(token) or token.lemma_.lower() in CASUALTY_WORDS


def _denied(harm) -> bool:
    """ "no one was hurt", "nobody injured", "were not injured", "no casualties"."""
    for word in (harm, harm.head):
        for child in word.children:
            if child.dep_ == "neg" or child.lower_ in {"nobody", "none"}:
                return True
            if child.lower_ == "no" or child.lower_ == "one" and any(g.lower_ == "no" for g in child.children):
                return True
    return False


def _happening_of(link, happenings: dict, events: list[Event], token_dates: dict) -> int | None:
    """The event the harmed join: the happening the link names by its day or its noun, else the only one."""
    if link is not None:
        days = {token_dates[t.i].start for t in link.subtree if t.i in token_dates}
        if days:  # "Monday's attack", "the 2012 crash": only an incident of that day
            day = next(iter(days))
            return happenings[day][0] if len(days) == 1 and day in happenings else None
        if len(happenings) > 1:  # "in the blast": the one incident told with that word
            kind = _incident_kind(link.lemma_.lower())
            named = [indexes for indexes in happenings.values()
                     if any(_incident_kind(events[i].trigger) == kind for i in indexes)]
            return named[0][0] if len(named) == 1 else None
    if len(happenings) != 1:
        return None
    return next(iter(happenings.values()))[0]


# Words for one kind of incident: "killed in the crash" is of the day the bus overturned, not of the blast.
INCIDENT_KINDS: tuple[frozenset[str], ...] = (
    words("crash derail derailment derailing collision collide overturn accident sink sinking capsize"),
    words("bombing bomb explosion explode blast"),
    words("fire blaze"),
    words("shooting shoot stabbing stab massacre ambush"),
    words("earthquake quake"),
    words("flood storm hurricane typhoon tornado landslide avalanche"),
)


def _incident_kind(word: str):
    """The kind of incident a word names; a word of no kind ("attack", "disaster") is its own kind."""
    return next((kind for kind in INCIDENT_KINDS if word in kind), word)


# Nouns that name an incident in a harm clause ("killed in the crash", "victims of the blaze").
INCIDENT_NOUNS: frozenset[str] = INCIDENT_TRIGGERS | words("incident derailing sinking horror")
# Prepositions that tie a harm to its incident: "died in the crash", "victims of the blast".
_LINK_PREPOSITIONS = frozenset({"in", "during", "of", "from", "after"})
# Words that make an incident another one than the article's: "an earlier crash", "a similar accident".
OTHER_INCIDENT_WORDS: frozenset[str] = words(
    "a an another earlier previous prior separate similar other former last first second third"
)


def _clause_of(token):
    """The tokens of the clause a name belongs to: its nearest verb's subtree ("X died in the crash", "the
    victims were named as X"), not the rest of a run-on sentence of captions."""
    verb, steps = token, 0
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i and steps < 8:
        verb, steps = verb.head, steps + 1
    return verb.subtree


def _incident_link(clause):
    """The incident noun a harm word of the clause is tied to ("died in the crash"), or None."""
    for token in clause:
        if token.dep_ != "pobj" or token.pos_ != "NOUN" or token.lemma_.lower() not in INCIDENT_NOUNS:
            continue
        preposition = token.head
        if preposition.lower_ not in _LINK_PREPOSITIONS or not _harm_word(preposition.head):
            continue
        return token
    return None


def _another_incident(link) -> bool:
    """ "in an earlier crash", "a similar accident": not the incident the article dates."""
    return any(c.dep_ in {"det", "amod", "advmod"} and c.lower_ in OTHER_INCIDENT_WORDS for c in link.children)


def _told_as_harmed(token) -> bool:
    """Whether the clause of a name says its bearer was harmed: "X died", "X was among those injured",
    "the victims were X and Y", "those killed were named as X"."""
    if any(c.dep_ == "acl" and _treated_for_injuries(c) for c in token.children):
        return True  # "Mr De Sa, 31, treated for back strains, said ..."
    steps = 0
    while token.dep_ in _LIST_DEPS and token.head.i != token.i and steps < 6:
        token, steps = token.head, steps + 1
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head
    if token.dep_ not in _ARGUMENT_DEPS | {"prep"}:
        return False
    verb = token.head
    if _treated_for_injuries(verb) and (verb.tag_ == "VBN" or token.dep_ == "dobj"):
        return True  # the treated, not who treats: "Dr Lee treated them for burns" is no harm to Dr Lee
    if verb.lemma_.lower() in CASUALTY_WORDS:
        return _harm_word(verb) and (token.dep_ != "dobj" or verb.tag_ == "VBN")
    for child in verb.children:
        if child.i == token.i or child.dep_ in {"punct", "cc"}:
            continue
        # "X was among those injured", "those killed were named as X"; not what else the verb's clause says
        if verb.lemma_ == "be":
            wanted = {"nsubj", "nsubjpass", "attr", "acomp", "prep"}
        elif verb.lemma_.lower() in NAMING_VERBS:  # "named X as a victim", "identified among the dead"
            wanted = {"nsubj", "nsubjpass", "prep", "oprd"}
        else:
            wanted = {"nsubj", "nsubjpass"}
        if child.dep_ not in wanted:
            continue
        if any(_harm_word(t) for t in child.subtree):
            return True
    return False


# Verbs that name someone as what they were ("named as a victim", "identified among the dead").
NAMING_VERBS: frozenset[str] = words("name identify confirm list")

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


# "treated for back strains", "treated in hospital": care only the harmed receive.
CARE_PLACES: frozenset[str] = words("hospital hospitals scene")


def _treated_for_injuries(verb) -> bool:
    if verb.lemma_.lower() != "treat" or verb.tag_ not in {"VBN", "VBD"}:
        return False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            return True
        if child.dep_ == "prep" and child.lower_ in {"in", "at"} and any(
            g.lemma_.lower() in CARE_PLACES for g in child.children
        ):
            return True
    return False
