"""Dated events from a parsed document: one per happening a clause reports with a temporal phrase.

A temporal phrase (from the tagger) attaches to a governor token; the clause around that governor gives
the trigger, the actors, the status and a short summary; the sentence is the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from services.extraction.actors import ActorResolution, lowercase_verb_lemmas, verb_forms
from services.extraction.actors.tables import SPEECH_VERBS, words
from services.extraction.casualties import add_casualties
from services.extraction.event_nouns import LIGHT_VERB_OBJECTS, is_happening_noun
from services.extraction.event_types import event_type
from services.extraction.model import Event, EventDate
from services.extraction.nlp import doc_text
from services.extraction.participants import (
    bodies_of_officers,
    brand_makers_taking_part,
    implicit_police,
    implicit_union,
    origin_tokens,
)
from services.extraction.places import place_of
from services.extraction.summaries import attribution, summarise

# Verbs that say little by themselves; the happening is their complement ("plan to sign", "follows X").
LIGHT_VERBS: frozenset[str] = words(
    "be have do make take give hold follow come begin start continue schedule plan set expect intend "
    "prepare hope want seek try aim appear seem mark include involve"
)
# Modality and lexical markers of a planned (not yet happened) event.
FUTURE_AUXILIARIES: frozenset[str] = frozenset({"will", "shall", "'ll", "wo"})
PLAN_LEMMAS: frozenset[str] = words("schedule plan expect set due intend prepare propose aim hope will upcoming forthcoming")
# Phrases that name the present moment rather than a happening's date.
PRESENT_WORDS: frozenset[str] = frozenset({"now", "currently", "at present", "nowadays", "these days",
                                           "at the moment", "right now", "so far", "to date"})
# Clause-level dependents that carry a different happening (relative clauses, reported content, ...).
SEPARATE_CLAUSE_DEPS: frozenset[str] = frozenset({"relcl", "ccomp", "parataxis", "csubj", "csubjpass"})
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# Prepositions that bring in another happening ("Following his visit to X, he will travel to Y").
OTHER_HAPPENING_PREPOSITIONS: frozenset[str] = frozenset(
    {"following", "after", "before", "ahead", "prior", "since", "despite", "amid", "amidst"}
)
# Nouns of commemorations: "Russia's National Day on June 12" dates the calendar, not a happening.
COMMEMORATION_NOUNS: frozenset[str] = frozenset({"day", "anniversary", "birthday", "holiday", "eve", "jubilee"})
# "a day before the meeting": a duration anchored on another event of the article.
ANCHOR_AFTER_DURATION = re.compile(
    r"^\s*(before|after|prior to|ahead of|following|since)\s+(?:the|this|that|its|his|her|their)\s+"
    r"(?:\w+\s+)?(\w+)",
    re.IGNORECASE,
)
ANCHOR_DIRECTION = {"before": -1, "prior to": -1, "ahead of": -1, "after": 1, "following": 1, "since": 1}


@dataclass(frozen=True, slots=True)
class DatedPhrase:
    """A datable temporal phrase, shaped like the tagger's TemporalPhrase."""

    start: int
    end: int
    text: str
    date: EventDate
    timexes: tuple = ()
    governor: int | None = None


def phrases_from_timexes(timexes) -> list[DatedPhrase]:
    """Datable phrases straight from timexes (dates and times that pin an interval)."""
    return [
        DatedPhrase(t.start, t.end, t.text, t.date, (t,), None)
        for t in timexes
        if t.type in {"DATE", "TIME"} and t.date is not None
    ]


@dataclass(slots=True)
class Clause:
    """The part of a sentence that reports one happening."""

    head: object  # spaCy Token
    governor: object
    tokens: set[int] = field(default_factory=set)
    sentence: object = None  # spaCy Span of the governor's sentence


def build_events(doc, phrases, resolution: ActorResolution, dct: date, *, timexes=()) -> list[Event]:
    """One event per temporal phrase attached to a clause, plus durations anchored on dated events."""
    sentences = _Sentences(doc)
    token_dates = _token_dates(doc, phrases)
    sentences.dated_tokens = set(token_dates)
    drafts: list[tuple[Event, Clause]] = []
    for phrase in phrases:
        if phrase.text.strip().lower() in PRESENT_WORDS or _dates_a_commemoration(doc, phrase):
            continue
        if _inside_a_name(doc, phrase):
            continue  # "Theresa May" is not a month
        if _describes_someone(doc, phrase):
            continue  # "Olsen, a painter of the 1960s, died ...": the decade is not the death's
        if _classifies_a_noun(doc, phrase):
            continue  # "reported third-quarter earnings on Tuesday": the quarter is the earnings' kind
        draft = _draft_event(doc, phrase, resolution, dct, sentences)
        if draft is not None:
            drafts.append(draft)
    covered = [(p.start, p.end) for p in phrases]
    for phrase in _anchored_phrases(doc, timexes, drafts, covered, sentences.text):
        draft = _draft_event(doc, phrase, resolution, dct, sentences)
        if draft is not None:
            drafts.append(draft)
    drafts.sort(key=lambda d: (d[0].offsets[0], d[0].date.start))
    events = _continue_scenes(doc, drafts, resolution, sentences)
    return add_casualties(doc, events, resolution, token_dates, sentences.of)


def _token_dates(doc, phrases) -> dict[int, EventDate]:
    """Tokens inside some temporal phrase, with its date: a clause holding one is dated by it, not by
    another phrase."""
    dates: dict[int, EventDate] = {}
    for phrase in phrases:
        span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
        if span is not None:
            dates.update(dict.fromkeys(range(span.start, span.end), phrase.date))
    return dates


class _Sentences:
    """The text and sentences of a doc, computed once (Doc.text and Token.sent rebuild them on every call)."""

    dated_tokens: set[int]

    def __init__(self, doc) -> None:
        self.dated_tokens = set()
        self.text = doc_text(doc)
        self.spans = list(doc.sents)
        self.index = [0] * len(doc)
        for number, span in enumerate(self.spans):
            for i in range(span.start, span.end):
                self.index[i] = number

    def of(self, token):
        return self.spans[self.index[token.i]]


# Sentence openers that carry the previous sentence's scene on ("... a visit to Beijing. There he met Xi").
SCENE_CONTINUATIONS: frozenset[str] = frozenset({"there", "then"})


def _continue_scenes(doc, drafts, resolution: ActorResolution, sentences: _Sentences) -> list[Event]:
    """Add the actors of an undated "There he met X" sentence to the event of the sentence before it."""
    events = [event for event, _ in drafts]
    by_sentence_end = {event.offsets[1]: index for index, event in enumerate(events)}
    dated_sentences = {event.offsets[0] for event in events}
    previous = None
    for sentence in sentences.spans:
        start, end = _trim_offsets(sentences.text, sentence.start_char, sentence.end_char)
        first = sentence[0]
        if (
            previous is not None
            and start not in dated_sentences
            and first.lower_ in SCENE_CONTINUATIONS
            and first.dep_ == "advmod"
            and previous in by_sentence_end
        ):
            index = by_sentence_end[previous]
            added = resolution.names_in_tokens({t.i for t in sentence})
            events[index] = replace(events[index], actors=tuple(dict.fromkeys((*events[index].actors, *added))))
        previous = end
    return events


def _draft_event(
    doc, phrase, resolution: ActorResolution, dct: date, sentences: _Sentences
) -> tuple[Event, Clause] | None:
    governor = _governor_token(doc, phrase)
    if governor is None:
        return None
    entry = _timeline_entry(doc, phrase, sentences)
    if entry is not None:
        governor = entry  # "March 4, 2010: the mayor is sworn in ...": the entry's clause is the happening
    clause = clause_of(doc, governor, phrase, frozenset(resolution.token_actor))
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    relative = _when_clause_of_date(span)
    told_only: set[int] = set()  # tokens of the summary that name no participant
    if relative is not None:
        # "The drought deepened in 1945, when a tavern owner put a curse on the team": one scene, both clauses,
        # the happening told by the clause the date introduces
        scene = clause_of(doc, relative, phrase, frozenset(resolution.token_actor))
        if not _shares_the_time(clause, span):
            told_only = clause.tokens - scene.tokens  # "It is the worst storm since 1987, when ...": not 1987's storm
        scene.tokens |= clause.tokens
        date_phrase = span.root.head if span.root.head.dep_ == "prep" else span.root
        scene.tokens |= {t.i for t in date_phrase.subtree}  # "since 1997, when ...", with its preposition
        clause = scene
    ranked = _ranked_noun(span) if relative is None else None
    if ranked is not None and not _own_happening(ranked):
        return None  # "she became the first woman since 1990 to lead it": 1990 measures the record, not her election
    last_time = ranked is not None or _last_time(doc, span, clause)  # "his first visit since 2000"
    negated = _negated(clause) and not last_time
    if negated and _dated_event_noun(span) is None:
        return None  # "the team did not win that year", "there have been no fatalities since 1959"
    if relative is None and not last_time and _tells_a_period(span):
        return None  # "the club has won four trophies since 2012": trophies over the years, none dated 2012
    if _hypothetical(clause):
        return None  # "so that fans could see their team in a final", "you must vote on Tuesday"
    if _term_of_a_thing(span, clause):
        return None  # "signed a contract until June 2028": when the contract ends, not when it was signed
    if _generic_subject(clause):
        return None  # "anyone buying a flat will think twice after Monday": nobody in particular did it
    clause.sentence = sentences.of(governor)
    phrase_tokens = {t.i for t in span} if span is not None else set()
    content = _reported_content(clause, sentences.dated_tokens - phrase_tokens)
    clause.tokens |= content  # the summary tells what was said; who it was said about is not the speaker
    actor_tokens = clause.tokens - content - told_only | _understood_subject(clause.head)
    event_noun = _dated_event_noun(span)
    if event_noun is not None:
        # "Trump recalled the 2011 dinner where Obama mocked him": the date is the dinner's, and those at the
        # dinner take part (the clause's own actors stay: "they celebrated their Nov. 2 victory"); a negated
        # clause denies only its own part: "she showed no remorse after Monday's verdict" (the verdict stands),
        # "he did not attend Friday's meeting" (the meeting took place, without him)
        noun_tokens = {t.i for t in event_noun.subtree}
        actor_tokens = noun_tokens if negated else actor_tokens | noun_tokens
    else:
        event_noun = _noun_dated_by_preposition(span)
        if event_noun is not None:
            noun_phrase = _noun_phrase_tokens(event_noun)
            clause.tokens |= noun_phrase | _path_into(clause.tokens, event_noun)  # the summary tells the noun
            # "critics blamed the jinx for mishaps such as a slump in 1979": only who the noun names takes part
            actor_tokens = actor_tokens | noun_phrase if _acted_on_by_the_clause(event_noun) else noun_phrase
    # "a man from Dunmore was arrested": where a person comes from takes no part
    # "according to Reuters" is in the clause, but Reuters only reports it (`_source_of_report`)
    actor_tokens -= _according_to(clause.head)
    actors = resolution.names_in_tokens(actor_tokens - phrase_tokens - origin_tokens(doc, actor_tokens))
    actors += [name for name in implicit_police((clause.governor, clause.head), resolution) if name not in actors]
    trigger_word = trigger_token(clause)  # the clause's own word; a dated event noun may name the event instead
    actors += implicit_union(trigger_word, actors, resolution)
    # Who only reports it is its source, not a participant ("..., the agency reported", "Radio Nine's Hal Brody
    # reports that ..."): the store lists it on the source's timeline but never merges by it. A name the clause
    # itself also gives takes part. A country named as the source ("the Kremlin said") stands for its
    # government's spokespeople: dropped, as before roles.
    source = _source_of_report(clause, sentences.dated_tokens)
    reporting = _reporters(doc, source) | _according_to(clause.head)
    source -= origin_tokens(doc, source)
    # what else the report names takes part: "police confirmed [the four victims] died on Wednesday"
    actors += [name for name in resolution.names_in_tokens(source - reporting)
               if name not in actors and resolution.kind_of(name) != "place"]
    reporters = [name for name in resolution.names_in_tokens(source & reporting)
                 if name not in actors and resolution.kind_of(name) != "place"]
    sentence = clause.sentence
    start_char, end_char = _trim_offsets(sentences.text, sentence.start_char, sentence.end_char)
    if entry is not None:
        start_char = min(start_char, phrase.start)  # the evidence keeps the entry's date
    if event_noun is None:
        if tells_no_happening(trigger_word):
            return None
        if (entry is None and not sentences.text.startswith(":", phrase.end) and not _tells_a_start(span)
                and _describes_a_picture(clause, trigger_word, phrase.date, dct)):
            return None
        trigger = trigger_lemma(trigger_word)
    else:
        trigger = event_noun.lemma_.lower()
    speaker = _speaker(trigger_word, resolution, [*actors, *reporters]) if event_noun is None else None
    kind = event_type(trigger, (doc[i].lemma_ for i in clause.tokens))
    if kind not in MAKERLESS_TYPES:
        # a maker that only reports it stays its source ("Crunchie cut its prices, Bellweather Foods said")
        actors += brand_makers_taking_part((clause.governor, clause.head), [*actors, *reporters], resolution,
                                           phrase.date, dct)
    actors += bodies_of_officers((clause.governor, clause.head), [*actors, *reporters], resolution)
    event = Event(
        date=phrase.date,
        actors=tuple(actors),
        summary=(summarise(doc, _with_since(clause, phrase_tokens), set()) if last_time
                 else summarise(doc, _noun_alone(event_noun, clause), set()) if negated
                 else summarise(doc, clause, phrase_tokens)),
        trigger=trigger,
        status=status_of(clause, phrase.date, dct),
        sentence=sentences.text[start_char:end_char],
        offsets=(start_char, end_char),
        confidence=confidence_of(clause, actors, phrase.date),
        place=place_of(clause, resolution),
        type=kind,
        reported_by=tuple(reporters),
        speaker=speaker if trigger in SPEECH_VERBS else None,
    )
    return event, clause


def _speaker(verb, resolution: ActorResolution, named: list[str]) -> str | None:
    """The actor the subject of a reporting verb names ("Comey told lawmakers", "she said", "her camp said"),
    when the report names it; not the hearer of a passive ("Congress was told")."""
    subject = [child for child in verb.children if child.dep_ == "nsubj"]
    if not subject:
        return None
    names = resolution.names_in_tokens({t.i for t in subject[0].subtree})
    return next((name for name in names if name in named), None)


# Kinds of happening a brand's owner takes no part in: "Chelsea owner BlueCo" does not play "Chelsea beat Arsenal".
MAKERLESS_TYPES: frozenset[str] = frozenset({"sports"})


# Pronouns of a speaker and the one spoken to: "I write to you ..." is speech in the present, not a caption.
SPEAKER_PRONOUNS: frozenset[str] = words("i we you")


def _tells_a_start(span) -> bool:
    """ "dates from 1948", "has lived there since 2010": a verb's "from" or "since" tells when the state the
    present describes began ("a picture of the bar from 2011" only tells the picture's date)."""
    first = _preposition_of(span, {"from", "since"})
    return first is not None and first.head.pos_ in {"VERB", "AUX"}


def _preposition_of(span, prepositions):
    """The date phrase's own preposition, when it is one of `prepositions` (inside the phrase or just before it)."""
    if span is None or len(span) == 0:
        return None
    first = span[0] if span[0].lower_ in prepositions else span.doc[span.start - 1] if span.start > 0 else None
    return first if first is not None and first.lower_ in prepositions else None


# Words that rank a noun among others of its kind: "the first woman since 1990", "the only club since 1974 to ...";
# superlatives ("the worst storm", "the most serious crash") are told by their tag.
RANKING_WORDS: frozenset[str] = words("first second third fourth fifth sixth seventh eighth ninth tenth only")
SUPERLATIVE_TAGS: frozenset[str] = frozenset({"JJS", "RBS"})


def _ranked_noun(span):
    """The ranked noun "since DATE" measures ("the lowest level since 2009", "became the first woman since 1990
    to lead it"): the date is when the last one of its kind was, not a happening of the clause."""
    since = _preposition_of(span, {"since"})
    if since is None:
        return None
    head = since.head
    if head.pos_ in {"NOUN", "PROPN"}:
        noun = head
    elif head.dep_ in {"acl", "relcl"}:
        noun = head.head  # "the only woman to win the race twice since 2005"
    else:  # the parser hangs "since" on the verb right after a noun: "became the first club since 1974"
        noun = since.doc[since.i - 1] if since.i > 0 else None
    return noun if noun is not None and noun.pos_ in {"NOUN", "PROPN"} and _ranked(noun) else None


def _own_happening(noun) -> bool:
    """A possessed happening ranked since a date ("his first visit since 2000", "won their first cup since
    1962"): its owner's last one was then ("its lowest level since 2009" is no happening)."""
    if not any(c.dep_ == "poss" for c in noun.children):
        return False
    won = noun.dep_ == "dobj" and any(c.lower_ in RANKING_WORDS for c in noun.children if c.dep_ == "amod")
    return won or is_happening_noun(noun.lemma_)


def _ranked(noun) -> bool:
    """Whether an ordinal, "only" or a superlative modifies the noun ("the first such crash", "the most serious")."""
    modifiers = [c for c in noun.children if c.dep_ in {"amod", "advmod", "nummod"}]
    modifiers += [g for c in modifiers for g in c.children if g.dep_ == "advmod"]
    return any(m.tag_ in SUPERLATIVE_TAGS or m.lower_ in RANKING_WORDS for m in modifiers)


# Verbs of a lasting state or office: "has lived in Lisbon since 2010", "has been in custody since Wednesday",
# "has led the party since 2015" tell when it began, a happening of its own (moving there, the arrest, the election).
LASTING_STATE_VERBS: frozenset[str] = words(
    "be live stay remain reside serve work rule lead govern hold chair head run manage own coach direct"
)


def _tells_a_period(span) -> bool:
    """Whether an affirmative perfect over "since DATE" tells what happened in the period since ("prices have
    risen since 2009", "the club has won four trophies since 2012"), not a happening at DATE."""
    since = _preposition_of(span, {"since"})
    if since is None:
        return False
    verb = since.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in LASTING_STATE_VERBS:
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _shares_the_time(clause: Clause, span) -> bool:
    """Whether the clause a "DATE, when ..." hangs on happened at that time too ("The strike spread in 1972,
    when ...", "they have had near misses, including 2012, when ..."): not a clause in the simple present ("It
    is the first crash in years, when ...") nor one told since the date ("the first club since 2011, when")."""
    if _preposition_of(span, {"since"}) is not None:
        return False
    head = clause.head
    finite = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() != "have")]
    return not any(t.tag_ in {"VBZ", "VBP"} for t in finite)


def _describes_a_picture(clause: Clause, trigger, when: EventDate, dct: date) -> bool:
    """A finite verb in the simple present telling a date begun before publication ("Players celebrate on the field after
    the 2015 final", "The Queen lays a wreath during Sunday's service"): the caption of a picture, not the
    story's account. Timeline entries ("May 4, 2015: the mayor resigns") are told in the present too."""
    head = clause.head
    if when.start >= dct or head.tag_ not in {"VBZ", "VBP"} or not (trigger.i == head.i or trigger.pos_ == "NOUN"):
        return False
    if any(c.dep_ in {"aux", "auxpass"} for c in head.children):
        return False
    doc = head.doc
    if any(doc[i].tag_ in {"VBD", "VBN"} for i in clause.tokens):
        return False  # "the treaty replaces agreements signed in 1963": the date is the past verb's
    return not any(c.dep_ in SUBJECT_DEPS and c.lower_ in SPEAKER_PRONOUNS for c in head.children)


def _timeline_entry(doc, phrase, sentences: _Sentences):
    """The root of the sentence after a date that stands alone before a colon: a timeline's entry ("August 4,
    2015: The Washington Post reveals ..."), which the parser splits in two."""
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sentence = sentences.of(span[0])
    rest = [t for t in sentence if not (span.start <= t.i < span.end)]
    if not rest or rest[-1].text != ":" or not all(t.is_punct for t in rest) or sentence.end >= len(doc):
        return None
    following = sentences.of(doc[sentence.end])
    return following.root if following.root.pos_ in {"VERB", "AUX"} else None


# Clause links whose verb has no subject of its own and shares the one of the verb it hangs on:
# "Epstein built a juggernaut and secured a title in 2007", "the Cubs hope to win ...", "Triumphing in
# 1908, the Cubs ...".
SHARED_SUBJECT_DEPS: frozenset[str] = frozenset({"conj", "xcomp", "advcl"})


# How a date modifies the noun it dates: "Comey's Oct. 28 letter", "Tuesday's vote", "the 2011 dinner".
DATE_MODIFIER_DEPS: frozenset[str] = frozenset({"compound", "nummod", "amod", "poss", "npadvmod", "nmod"})


def _dated_event_noun(span):
    """The event noun a date directly modifies ("his Oct. 28 letter", "Tuesday's vote", "the 2011 dinner")."""
    if span is None or len(span) == 0:
        return None
    root = span.root
    noun = root.head
    if root.dep_ not in DATE_MODIFIER_DEPS or noun.pos_ != "NOUN" or span.start <= noun.i < span.end:
        return None
    return noun if is_happening_noun(noun.lemma_) else None


# Prepositions that date a happening noun: "the slump in 1979", "his resignation on Monday".
EVENT_DATE_PREPOSITIONS: frozenset[str] = words("in on at during")


def _noun_dated_by_preposition(span):
    """The happening noun a prepositional date hangs on ("mishaps such as a slump in 1979", "foiled an
    attack on Monday"), unless the noun is the clause's subject, a light verb's object ("held talks on
    Monday") or a frame of the clause: there the clause tells the noun's happening, or a part of it."""
    if span is None or len(span) == 0:
        return None
    root = span.root
    preposition = root if root.dep_ == "prep" else root.head if root.dep_ == "pobj" else None
    if preposition is None or preposition.lower_ not in EVENT_DATE_PREPOSITIONS:
        return None
    noun = preposition.head
    if noun.pos_ != "NOUN" or span.start <= noun.i < span.end or not is_happening_noun(noun.lemma_):
        return None
    if noun.dep_ in SUBJECT_DEPS or (noun.dep_ in {"dobj", "attr"} and noun.head.lemma_.lower() in LIGHT_VERBS):
        return None
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        return None  # "it was hit by a ransomware attack on Monday": the passive's agent is its subject
    return None if _frames_the_clause(noun) else noun


# Prepositions of a noun whose happening holds the clause's ("spoke at a hearing on Tuesday", "was shot during
# a raid on Friday", "charged for the killing in May"): the clause's actors take part in it.
FRAME_PREPOSITIONS: frozenset[str] = words("at during in on amid amidst throughout within for over")


# Prepositions of a happening the clause's actors took part in just before or after: "they posed for photographers
# after a meeting on Monday".
SEQUENCE_PREPOSITIONS: frozenset[str] = words("after before following")


def _acted_on_by_the_clause(noun) -> bool:
    """Whether the clause's actors take part in the dated noun's happening: its object ("the navy foiled an attack
    on Monday") or one told just before or after it ("they posed after a meeting on Monday")."""
    return noun.dep_ == "dobj" or (noun.dep_ == "pobj" and noun.head.lower_ in SEQUENCE_PREPOSITIONS)


def _frames_the_clause(noun) -> bool:
    """Whether the noun sits in a frame of the clause, through "of" ("in the last round of their fight in 2008")."""
    token = noun
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        token = token.head.head
    return token.dep_ == "pobj" and token.head.lower_ in FRAME_PREPOSITIONS


def _noun_alone(noun, clause: Clause) -> Clause:
    """The dated noun's phrase as a clause of its own (its date kept): what a negated clause leaves standing."""
    return Clause(head=noun, governor=noun, tokens=_noun_phrase_tokens(noun), sentence=clause.sentence)


def _noun_phrase_tokens(noun) -> set[int]:
    """The noun's phrase without the nouns conjoined to it ("a slump in 1979 and a fumble by Jo Roe in 1988")."""
    conjoined = {t.i for c in noun.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
    return {t.i for t in noun.subtree} - conjoined


def _path_into(tokens: set[int], token) -> set[int]:
    """The token's ancestors up to the first one among `tokens`: "years of waiting [since] their last cup in 1962"."""
    path: set[int] = set()
    for ancestor in token.ancestors:
        if ancestor.i in tokens:
            break
        path.add(ancestor.i)
    return path


def _describes_someone(doc, phrase) -> bool:
    """Whether the date belongs to a description rather than to a happening: inside an apposition set off by
    commas ("Smith, the mayor since 2010, said ...") or a year or decade after "of" under a noun that names
    no happening ("one of the best-known painters of the 1960s"). Such a date says who someone is, not when."""
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if _in_a_modifier_of_the_subject(doc, span):
        return True  # "The bakery, without a new owner since 2019, closed ...": the years say what it lacked
    token = span.root
    if phrase.date.granularity in ("decade", "century") and any(
        t.dep_ in DATE_MODIFIER_DEPS and not span.start <= t.head.i < span.end and t.head.pos_ in {"NOUN", "PROPN"}
        and not is_happening_noun(t.head.lemma_) for t in span
    ):
        return True  # "the 1960s film star died on Friday": the decade says who she is
    if _labels_a_name(span, phrase.date):
        return True  # "congratulations to the 2016 Harwick Rovers": the year says which side, not when
    if token.dep_ == "pobj" and token.head.lower_ == "of" and phrase.date.granularity in COARSE_GRANULARITIES:
        noun = token.head.head
        if noun.pos_ in {"NOUN", "PROPN", "NUM", "PRON"} and not is_happening_noun(noun.lemma_):
            return True
    for _ in range(8):
        if token.head.i == token.i or token.pos_ in {"VERB", "AUX"}:
            return False
        if token.dep_ == "appos":
            closed = token.right_edge.i + 1 < len(doc) and doc[token.right_edge.i + 1].text in APPOSITION_CLOSERS
            return closed and not (token.pos_ == "NOUN" and is_happening_noun(token.lemma_))
        token = token.head
    return False


# A part of a year written as one hyphenated adjective: "first-half profit", "a second-half goal", "third-quarter
# earnings". It says which period a figure covers (or which half of a match), never when the clause happened.
PERIOD_ADJECTIVE = re.compile(r"^(?:first|second|third|fourth|1st|2nd|3rd|4th)\s*-\s*(?:half|quarter)$", re.IGNORECASE)


def _classifies_a_noun(doc, phrase) -> bool:
    """Whether the phrase is a hyphenated period adjective on a noun ("first-half profit")."""
    if not PERIOD_ADJECTIVE.match(phrase.text.strip()):
        return False
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root.head
    return span.root.dep_ in {"amod", "compound", "nmod", "npadvmod"} and head.pos_ in {"NOUN", "PROPN"} and not (
        span.start <= head.i < span.end)


def _labels_a_name(span, when: EventDate) -> bool:
    """A year set before a name that is no happening ("the 2016 Harwick Rovers"): it tells which season's
    side or which edition of someone, not when anything happened.
    A name of a happening keeps its year ("the 2008 Olympics opened", "the 2003 Harwick Cup Final")."""
    if when.granularity != "year":
        return False
    return any(
        t.dep_ in DATE_MODIFIER_DEPS and not span.start <= t.head.i < span.end and t.head.i > t.i
        and t.head.pos_ == "PROPN" and not _names_a_happening(t.head) for t in span
    )


def _names_a_happening(name) -> bool:
    """A name any word of which names a happening ("the National League Championship Series", "the Olympics")."""
    words_of_name = [name, *(c for c in name.children if c.dep_ == "compound")]
    return any(w.ent_type_ == "EVENT" or is_happening_noun(w.lemma_.lower()) for w in words_of_name)


# Prepositions of a phrase that says what its noun has or lacks: "the bakery, without a new owner since 2019, ..."
DESCRIBING_PREPOSITIONS: frozenset[str] = words("with without")


def _in_a_modifier_of_the_subject(doc, span) -> bool:
    """Whether the date sits in a "with ..." or "without ..." phrase set off by commas after the subject ("The
    club, with a new coach since March, won on Sunday", "the club, without a win since May, ..."); "with" a
    happening of its own keeps its date ("The club, with a win on Sunday, ...")."""
    token, happening = span.root, False
    for _ in range(6):
        if token.head.i == token.i or token.pos_ in {"VERB", "AUX"}:
            return False
        if token.dep_ == "prep" and token.lower_ in DESCRIBING_PREPOSITIONS:
            return not (happening and token.lower_ == "with") and _set_off_after_the_subject(doc, token)
        happening = happening or (token.pos_ == "NOUN" and is_happening_noun(token.lemma_))
        token = token.head
    return False


def _set_off_after_the_subject(doc, phrase_head) -> bool:
    """Whether the phrase stands between commas and after the subject of the clause it hangs on."""
    before, after = phrase_head.i - 1, phrase_head.right_edge.i + 1
    if before < 0 or doc[before].text != "," or after >= len(doc) or doc[after].text not in APPOSITION_CLOSERS:
        return False
    host = phrase_head.head
    if host.pos_ in {"NOUN", "PROPN"}:
        return host.dep_ in SUBJECT_DEPS
    return any(c.dep_ in SUBJECT_DEPS and c.i < phrase_head.i for c in host.children)


# "the 1960s", "of 1967": dates that can describe someone; "the early hours of Friday" is a time
COARSE_GRANULARITIES: frozenset[str] = frozenset({"year", "decade", "century"})
# an apposition ends where the sentence goes on: "Smith, the mayor since 2010, said ..."
APPOSITION_CLOSERS: frozenset[str] = frozenset({",", "\u2014", "--", ")", "\u2013"})


RELATIVE_TIME_WORDS: frozenset[str] = frozenset({"when"})


def _when_clause_of_date(span):
    """The verb of a relative clause the date itself introduces ("in 1997, when the Indians were beaten")."""
    if span is None:
        return None
    for token in span:
        for child in token.children:
            if child.dep_ == "relcl" and child.pos_ in {"VERB", "AUX"} and any(
                c.lower_ in RELATIVE_TIME_WORDS and c.dep_ == "advmod" for c in child.children
            ):
                return child
    return None


def _understood_subject(head) -> set[int]:
    """The tokens of the subject a subjectless verb shares with the verb it is conjoined to or governed by."""
    token, steps = head, 0
    while (token.pos_ in {"VERB", "AUX"} and token.dep_ in SHARED_SUBJECT_DEPS and steps < 4
           and not any(c.dep_ in SUBJECT_DEPS for c in token.children)):
        token, steps = token.head, steps + 1
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return {t.i for subject in subjects for t in subject.subtree}
    return set()


def _reported_content(clause: Clause, other_dates: set[int]) -> set[int]:
    """What a dated saying reports, when the content has no date of its own ("BTP said on Wednesday that
    the driver had been arrested"): its actors take part and its words belong in the summary."""
    head = clause.head
    if head.lemma_.lower() not in SPEECH_VERBS:
        return set()
    content: set[int] = set()
    for child in head.children:
        if child.dep_ in {"ccomp", "xcomp"} and child.i not in clause.tokens:
            words = {t.i for t in child.subtree}
            if not words & other_dates:
                content |= words
    return content


def _source_of_report(clause: Clause, dated_tokens: set[int]) -> set[int]:
    """The attribution of a dated happening, when the report itself has no date ("The tram will be removed
    tomorrow, police said", "... according to police"): who reports it (see `_reporters`) and whom else it names."""
    source = attribution(clause.head, clause.tokens) | _according_to(clause.head)
    if source & dated_tokens:
        return set()  # "X said on Monday that ...": the saying is an event of its own
    return source


# Verbs whose object is who hears the report: "told the Daily Planet", "informed reporters".
HEARER_VERBS: frozenset[str] = words("tell inform brief assure")


def _reporters(doc, source: set[int]) -> set[int]:
    """Of a report's attribution ("the Herald reported", "Ann Lee of WXYZ reports", "officials told the Courier"),
    the tokens of who reports and who hears it: the reporting verb's subject (an outlet's possessive or "of X"
    with it) and the hearer of a verb of telling. Its other objects tell of the happening."""
    reporting: set[int] = set()
    for i in source:
        token = doc[i]
        verb = token.head
        if verb.i not in source or verb.i == token.i or _asks(verb):
            continue
        hearer = token.dep_ in {"dative", "dobj"} and verb.lemma_.lower() in HEARER_VERBS
        if token.dep_ in {"nsubj", "agent"} or hearer:
            reporting |= {t.i for t in token.subtree}
    return reporting


def _asks(verb) -> bool:
    """A reporting verb put to the reader or a hearer ("X, can you tell me why ...?"): a question, no report."""
    return any(c.dep_ == "nsubj" and c.lower_ == "you" for c in verb.children)


def _according_to(head) -> set[int]:
    """The tokens of "according to X" hanging on the clause's head."""
    return {t.i for child in head.children if child.dep_ == "prep" and child.lower_ == "according"
            for t in child.subtree}


def _with_since(clause: Clause, phrase_tokens: set[int]) -> Clause:
    """The clause with its "since DATE" (a prepositional phrase the clause otherwise leaves to itself)."""
    since = {i - 1 for i in phrase_tokens if i > 0 and clause.governor.doc[i - 1].lower_ == "since"}
    return replace(clause, tokens=clause.tokens | phrase_tokens | since)


def _last_time(doc, span, clause: Clause) -> bool:
    """"had not won the title since 1908": a verb negated over "since DATE" (the phrase's `span`) tells when it
    last happened (and the summary must keep the date). "No fatalities since 1959" tells of none: no event."""
    if span is None or not any(c.dep_ == "neg" for t in {clause.governor, clause.head} for c in t.children):
        return False
    return _preposition_of(span, {"since"}) is not None


# Modals of ability, possibility and obligation: the clause tells what could or should happen, not what did or
# is planned ("will" and "would" tell plans and reported plans).
HYPOTHETICAL_MODALS: frozenset[str] = words("can could might may must should ought")


def _hypothetical(clause: Clause) -> bool:
    """Whether the clause's verb is under a modal of possibility or obligation, or tells a preference or an
    improbable happening."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS
               for token in {clause.governor, clause.head} for c in token.children) or _preference_or_improbable(clause)


# Adverbs that make "would" a preference, not a (reported) plan: "we would rather move people tonight than ...".
PREFERENCE_ADVERBS: frozenset[str] = words("rather sooner")
# Predicates that say a happening is improbable: "a hearing was unlikely before the summer".
IMPROBABLE_PREDICATES: frozenset[str] = words("unlikely improbable impossible doubtful")


def _preference_or_improbable(clause: Clause) -> bool:
    """ "We would rather act tonight than wait", "a ruling is unlikely before May": neither done nor planned."""
    tokens = {clause.governor, clause.head}
    # "... than rescue them tomorrow": the other side of the preference
    tokens |= {t.head for t in tokens if t.dep_ == "advcl" and any(c.lower_ == "than" for c in t.children)}
    for token in tokens:
        children = list(token.children)
        if any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in children) and any(
            c.dep_ == "advmod" and c.lower_ in PREFERENCE_ADVERBS for c in children
        ):
            return True
        if any(c.dep_ == "acomp" and c.lemma_.lower() in IMPROBABLE_PREDICATES for c in children):
            return True
    return False


# Prepositions that give the end of a term: "a contract until June 2028", "on loan till the summer".
TERM_PREPOSITIONS: frozenset[str] = words("until till")
# Nouns of a thing that runs for a term: "until DATE" in their clause tells when it ends.
TERM_NOUNS: frozenset[str] = words("contract deal loan lease agreement extension mandate licence license tenancy")


def _term_of_a_thing(span, clause: Clause) -> bool:
    """Whether "until DATE" ends the term of a thing the clause names ("agreed a deal until 2027", "was appointed
    on a contract until June 2028"; the parser hangs "until" on the verb as often as on the noun): it tells how
    long the thing lasts, not when the clause's happening took place."""
    until = _preposition_of(span, TERM_PREPOSITIONS)
    if until is None:
        return False
    doc = until.doc
    return any(doc[i].lemma_.lower() in TERM_NOUNS for i in clause.tokens | {until.head.i})


# Subjects that name nobody in particular: "anyone planning a merger will think twice after Tuesday".
GENERIC_SUBJECTS: frozenset[str] = words("anybody anyone whoever")


def _generic_subject(clause: Clause) -> bool:
    """Whether the subject is "anyone", or a clause of it ("anyone planning a merger will ...")."""
    subjects = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS]
    subjects += [g for c in subjects if c.dep_ in {"csubj", "csubjpass"} for g in c.children if g.dep_ == "nsubj"]
    return any(c.lower_ in GENERIC_SUBJECTS for c in subjects)


def _negated(clause: Clause) -> bool:
    """Whether the clause says the happening did not (or will not) take place."""
    for token in {clause.governor, clause.head}:
        if any(c.dep_ == "neg" for c in token.children):
            return True
        arguments = [token, *(c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"})]
        if any(c.dep_ == "det" and c.lower_ == "no" for argument in arguments for c in argument.children):
            return True
    return False


NAME_ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"})


def _inside_a_name(doc, phrase) -> bool:
    """Whether the phrase is (part of) a name the entity recogniser found, rather than a date."""
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None:
        return False
    return all(token.ent_type_ in NAME_ENTITY_LABELS for token in span if not token.is_punct)


def _dates_a_commemoration(doc, phrase) -> bool:
    """ "National Day on June 12", "the anniversary in May": the date of a commemoration, not a happening."""
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root.head
    if head.dep_ == "prep" and not (span.start <= head.i < span.end):
        head = head.head
    if head.lemma_.lower() in COMMEMORATION_NOUNS and head.i not in range(span.start, span.end):
        return True
    # The parser often hangs the date on the verb: look at the words just before it ("Day on June 12").
    before = span.start - 1
    while before >= 0 and doc[before].lower_ in {"on", "of", ",", "-", "("}:
        before -= 1
    return before >= 0 and doc[before].lemma_.lower() in COMMEMORATION_NOUNS and doc[before].pos_ in {"NOUN", "PROPN"}


# "the day after the vote" is often left untagged: a one-day offset all the same.
_DAY_OFFSET = re.compile(r"\b(?:the|a|one) day(?=\s+(?:before|after|prior to|ahead of|following)\b)", re.IGNORECASE)


def _anchored_phrases(doc, timexes, drafts, covered, text: str) -> list[DatedPhrase]:
    """ "a day before the meeting": shift the date of the meeting this article already dated."""
    offsets: list[tuple[int, int, int, tuple]] = []  # start, end, days, timexes
    for timex in timexes:
        days = _duration_days(timex.value) if timex.type in {"DURATION", "SET"} else None
        if days is not None and not any(s <= timex.start < e for s, e in covered):
            offsets.append((timex.start, timex.end, days, (timex,)))
    taken = covered + [(start, end) for start, end, _, _ in offsets]
    for match in _DAY_OFFSET.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            offsets.append((match.start(), match.end(), 1, ()))
    phrases: list[DatedPhrase] = []
    for start, end, days, parts in offsets:
        match = ANCHOR_AFTER_DURATION.match(text[end : end + 80])
        if match is None:
            continue
        direction = ANCHOR_DIRECTION[match.group(1).lower()]
        anchor = _anchor_event(doc, drafts, match.group(2).lower(), start)
        if anchor is None:
            continue
        phrase_end = end + match.end()
        phrases.append(
            DatedPhrase(start, phrase_end, text[start:phrase_end], shift(anchor.date, direction * days), parts, None)
        )
    return phrases


def _anchor_event(doc, drafts, noun: str, position: int) -> Event | None:
    """The dated event an anaphoric "the meeting" refers to: the nearest one before it of that kind."""
    from services.extraction.merge import TRIGGER_CLASSES

    kinds = {noun, noun.rstrip("s")}
    for group in TRIGGER_CLASSES:
        if kinds & group:
            kinds |= group
    for event, clause in sorted(drafts, key=lambda d: (d[0].offsets[0] > position, -d[0].offsets[0])):
        lemmas = {doc[i].lemma_.lower() for i in clause.tokens if doc[i].pos_ in {"NOUN", "PROPN", "VERB"}}
        if lemmas & kinds:
            return event
    return None


def _duration_days(value: str) -> int | None:
    match = re.fullmatch(r"P(\d+)([DW])", value)
    if match is None:
        return None
    return int(match.group(1)) * (7 if match.group(2) == "W" else 1)


def _governor_token(doc, phrase):
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if phrase.governor is not None and 0 <= phrase.governor < len(doc):
        return _subject_noun_it_follows(doc, doc[phrase.governor], span)
    if span is None or len(span) == 0:
        return None
    root = span.root
    head = root.head
    while head.i != root.i and span.start <= head.i < span.end:
        root, head = head, head.head
    return _subject_noun_it_follows(doc, head if head.i != root.i else root, span)


def _subject_noun_it_follows(doc, governor, span):
    """"Brandt's resignation last week ended a career": the parser hangs a bare time phrase between a subject
    and its verb on the verb, but it dates the happening noun it follows."""
    if governor.pos_ not in {"VERB", "AUX"}:
        return governor
    if span is None or len(span) == 0 or span.start == 0 or span.end > governor.i or span.root.dep_ != "npadvmod":
        return governor
    noun = doc[span.start - 1]
    if noun.pos_ == "NOUN" and noun.dep_ in SUBJECT_DEPS and noun.head.i == governor.i and is_happening_noun(noun.lemma_):
        return noun
    return governor


# Conjunctions that make two clauses one scene ("When the envoy visited Oslo in 2010, she met the king").
SCENE_MARKERS: frozenset[str] = frozenset({"when", "as", "while"})


def clause_of(doc, governor, phrase=None, participants: frozenset[int] = frozenset()) -> Clause:
    """The clause that reports the happening the governor (verb or event noun) stands for.

    `participants` are the tokens that mention actors: a reduced relative clause that names its own
    participants ("documents signed between Moscow and Pyongyang in 1961") is a clause of its own.
    """
    head = governor
    steps = 0
    while steps < 12:
        if head.dep_ == "ROOT" or head.head.i == head.i:
            break
        if head.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECT_DEPS for c in head.children):
            break
        if head.pos_ in {"VERB", "AUX"} and head.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis"}:
            break
        if head.pos_ == "VERB" and head.dep_ == "acl" and head.tag_ == "VBN" and any(
            t.i in participants for t in head.subtree if t.i != head.i
        ):
            break
        head = head.head
        steps += 1
    # "X said, with the visit scheduled for Wednesday": the date belongs to the reported happening.
    speaker_tokens: set[int] = set()
    if head.lemma_ in SPEECH_VERBS and head.i != governor.i and head.dep_ == "parataxis":
        speaker_tokens = {t.i for c in head.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        speaker_tokens |= {head.i} | {c.i for c in head.children if c.dep_ == "punct"}
        head = head.head
    tokens = _clause_tokens(head, governor) - speaker_tokens
    # "Kim, who has been dogged by sanctions since 2006": the antecedent is the relative pronoun's referent.
    if head.dep_ in {"relcl", "acl"} and head.head.i < head.i:
        antecedent = head.head
        tokens |= set(range(antecedent.left_edge.i, antecedent.i + 1))
    # "When Putin visited North Korea in 2000, he met Kim Jong Il": one scene, both clauses.
    if head.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in SCENE_MARKERS
                                    for c in head.children):
        main = head.head
        if main.dep_ == "advmod" and main.lower_ == "soon":
            main = main.head  # "They told us as soon as the results came back": the clause hangs on "soon"
        tokens |= _clause_tokens(main, governor, skip=head)
    return Clause(head=head, governor=governor, tokens=tokens)


def _clause_tokens(head, governor, skip=None) -> set[int]:
    tokens: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        tokens.add(token.i)
        for child in token.children:
            if child is skip or (skip is not None and child.i == skip.i):
                continue
            contains_governor = child.left_edge.i <= governor.i <= child.right_edge.i
            if not contains_governor and _is_separate_clause(child):
                continue
            stack.append(child)
    return tokens


def _is_separate_clause(token) -> bool:
    if token.dep_ in SEPARATE_CLAUSE_DEPS:
        return True
    if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}:
        return True
    if token.dep_ in {"prep", "advcl", "advmod"} and token.lower_ in OTHER_HAPPENING_PREPOSITIONS:
        return True
    if token.dep_ == "advcl":
        # Purpose ("to mark Russia's National Day") and finite adverbial clauses are other happenings.
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) or any(
            c.dep_ == "mark" for c in token.children
        )
    return False


def trigger_of(clause: Clause) -> str:
    """Lemma of the main verb or event noun of the clause."""
    return trigger_lemma(trigger_token(clause))


def trigger_token(clause: Clause):
    """The main verb or event noun of the clause: a noun that names a thing, place or time ("he was on the
    tram on Monday", "on nights like this") gives way to the clause's verb."""
    governor, head = clause.governor, clause.head
    candidate = governor if governor.pos_ in {"VERB", "NOUN", "PROPN"} else head
    if candidate.pos_ == "PROPN" and candidate.ent_type_ != "EVENT":
        candidate = head
    candidate = _past_a_misparse(clause, candidate)
    if candidate.pos_ == "NOUN" and not is_happening_noun(candidate.lemma_):
        candidate = head
    if candidate.pos_ not in {"VERB", "AUX", "NOUN"} and candidate.ent_type_ != "EVENT":
        # a clause the parser left without a verb at its head ("Ms Ito and Mr Lee and a two-hour meeting on
        # Monday."): its verb, else its event noun, nearest the date
        found = [t for t in candidate.subtree if t.pos_ == "VERB"] or [
            t for t in candidate.subtree if t.pos_ == "NOUN" and is_happening_noun(t.lemma_)]
        if found:  # a bare "VB" there is more often a noun the tagger took for a verb
            return min(found, key=lambda t: (t.tag_ == "VB", abs(t.i - governor.i)))
    if candidate.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in candidate.children):
        subjects = [c for c in candidate.children if c.dep_ in SUBJECT_DEPS and c.pos_ in {"NOUN", "PROPN"}]
        if subjects:
            return subjects[0]  # "the vote took place on May 2"
    if candidate.lemma_.lower() in LIGHT_VERBS:
        complement = _complement(candidate)
        dated = [c for c in candidate.children if c.dep_ in {"attr", "dobj"} and c.ent_type_ in {"DATE", "TIME"}]
        if complement is not None:
            candidate = complement
        elif dated:
            candidate = _past_a_misparse(clause, dated[0])  # "were yesterday named": the date parsed as complement
    if candidate.pos_ in {"VERB", "AUX"} and candidate.lemma_.lower() in STATIVE_VERBS:
        for child in candidate.children:
            if child.dep_ == "advcl" and child.pos_ == "VERB" and any(
                c.dep_ in {"mark", "advmod"} and c.lower_ in SCENE_MARKERS for c in child.children
            ):
                return child  # "the mayor was in Rome on Tuesday when the bridge collapsed"
    if candidate.lemma_.lower() in SUBJECT_NAMES_IT_VERBS:
        subjects = [c for c in candidate.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        if subjects and is_happening_noun(subjects[0].lemma_):
            return subjects[0]  # "the funeral will be on Friday", "their worst loss came in 2003"
    return candidate


# Verbs that only place their subject in time: with a happening noun as subject ("the funeral will be on
# Friday", "the defeat came a year ago"), the noun is the happening; the verb says nothing of its kind.
SUBJECT_NAMES_IT_VERBS: frozenset[str] = words("be come")


def _past_a_misparse(clause: Clause, candidate):
    """A misparse that hangs the clause on a name or on its date ("Jo Roe, 35, and Al Lee, 57, were yesterday
    named as ..."): the happening is the sentence's verb nearest to it."""
    if not ((candidate.pos_ == "PROPN" and candidate.ent_type_ != "EVENT") or candidate.ent_type_ in {"DATE", "TIME"}):
        return candidate
    tokens = clause.sentence if clause.sentence is not None else [candidate.doc[i] for i in clause.tokens]
    verbs = [t for t in tokens if t.pos_ == "VERB" and t.dep_ != "compound"]  # "grandfather" tagged a verb
    return min(verbs, key=lambda verb: abs(verb.i - clause.governor.i)) if verbs else candidate


# Tags the tagger gives a headline's capitalised verb ("Jane Roe Kills Two", "Firm Cuts Jobs").
_TITLE_CASE_VERB_TAGS = frozenset({"NNP", "NNPS", "NNS", "VBZ"})


def trigger_lemma(token) -> str:
    """The token's lemma; a title-case headline's verb the tagger left inflected ("Kills" as a proper noun)
    is the verb the trigger table or the article's own lower-case verbs know ("kill")."""
    lemma = token.lemma_.lower()
    if lemma != token.lower_ or not token.text[:1].isupper() or token.tag_ not in _TITLE_CASE_VERB_TAGS:
        return lemma
    from services.extraction.merge import KNOWN_TRIGGERS

    known = KNOWN_TRIGGERS | lowercase_verb_lemmas(token.doc)
    for form in sorted(verb_forms(lemma) - {lemma}, key=len, reverse=True):
        if form in known:
            return form
    return lemma


def _complement(token):
    """The happening a light verb introduces: its verb complement, or a noun that names a happening ("held a
    rally", not "took office")."""
    for child in token.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
            return _complement(child) if child.lemma_.lower() in LIGHT_VERBS else child
    for child in token.children:
        if child.dep_ in {"dobj", "attr", "nsubjpass"} and child.pos_ == "NOUN" and (
                is_happening_noun(child.lemma_) or _light_verb_object(child)):
            return child
    for child in token.children:
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ == "NOUN" and is_happening_noun(grandchild.lemma_):
                    return grandchild
    return None


# Verbs of being and having: with a noun that is no happening they tell a state ("he was on the tram on
# Monday", "the old stadium had a glass roof in 1971"), not a happening.
STATIVE_VERBS: frozenset[str] = words("be have")


# Verbs whose passive tells what people hold true ("will be known for its grit", "is thought to be the
# oldest"), not a happening.
STATIVE_PASSIVES: frozenset[str] = words("know think believe regard consider deem")


# Being somewhere is a happening: "the minister was at the palace on Thursday", "we will be back next year".
PRESENCE_PREPOSITIONS: frozenset[str] = words("in at on aboard inside outside near to")
PRESENCE_ADVERBS: frozenset[str] = words("back here there home away abroad")


def _tells_a_presence(verb) -> bool:
    """Whether "be" places its subject somewhere ("was on the ferry", "will be back") rather than describing it."""
    return any((c.dep_ == "prep" and c.lower_ in PRESENCE_PREPOSITIONS
                and any(g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"} for g in c.children))
               or (c.dep_ == "advmod" and c.lower_ in PRESENCE_ADVERBS) for c in verb.children)


def _imperative(verb) -> bool:
    """A bare verb heading its sentence with no subject and no auxiliary: "Please avoid the area"."""
    return (verb.tag_ == "VB" and verb.dep_ == "ROOT"
            and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "auxpass"} for c in verb.children))


def _light_verb_object(noun) -> bool:
    """"an approach" in "made an approach", "evidence" in "gave evidence": a happening as a light verb's object."""
    return (noun.lemma_.lower() in LIGHT_VERB_OBJECTS and noun.dep_ in {"dobj", "attr"}
            and noun.head.lemma_.lower() in LIGHT_VERBS)


def tells_no_happening(trigger) -> bool:
    """Whether the clause's trigger names no happening: a noun of a thing, place or time, a verb of being, or
    the passive of a verb of holding true."""
    if trigger.pos_ == "NOUN":
        return not (is_happening_noun(trigger.lemma_) or _light_verb_object(trigger))
    if trigger.pos_ == "PROPN":
        # a date or a name alone ("Nov. 2, 2016"), no clause about it; but a title-case headline's verb the
        # tagger took for a name ("Jane Roe Kills Two") is the verb it inflects
        return trigger.ent_type_ != "EVENT" and trigger_lemma(trigger) == trigger.lower_
    if trigger.pos_ not in {"VERB", "AUX"}:
        return True  # no verb and no event noun: "Twice in a single week."
    if _imperative(trigger):
        return True  # "Please avoid the area on Friday": a request, not a happening
    lemma = trigger.lemma_.lower()
    if lemma == "be" and _tells_a_presence(trigger):
        return False
    return lemma in STATIVE_VERBS or (
        lemma in STATIVE_PASSIVES and any(c.dep_ == "auxpass" for c in trigger.children)
    )


def status_of(clause: Clause, when: EventDate, dct: date) -> str:
    """`planned` for future tense, modality of intention or a date after publication; else `occurred`."""
    if when.start > dct:
        return "planned"
    if when.end < dct:
        return "occurred"
    for token in (clause.governor, clause.head, *clause.governor.ancestors):
        for child in token.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in FUTURE_AUXILIARIES:
                return "planned"
        if token.lemma_.lower() in PLAN_LEMMAS:
            return "planned"
        if token.i == clause.head.i:
            break
    return "occurred"


def confidence_of(clause: Clause, actors: list[str], when: EventDate) -> float:
    score = 0.45
    head = clause.head
    if head.pos_ in {"VERB", "AUX"} and (any(c.dep_ in SUBJECT_DEPS for c in head.children) or head.dep_ == "acl"):
        score += 0.2
    if actors:
        score += 0.15
    if when.granularity in {"day", "week", "weekend", "month"}:
        score += 0.1
    if clause.governor.i == clause.head.i or clause.governor.head.i == clause.head.i:
        score += 0.05
    return round(min(score, 0.95), 2)


def _trim_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def shift(when: EventDate, days: int) -> EventDate:
    """The day `days` after the start (or before, when negative) of a dated event."""
    anchor = when.start if days < 0 else when.end
    day = anchor + timedelta(days=days)
    return EventDate(day.isoformat(), day, day, "day")
