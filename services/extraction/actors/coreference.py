"""Mentions the entity recogniser does not give, found from what the article itself has said.

Once an article has named an actor, later words refer back to it: the name again where the recogniser missed
it ("Ortiz won ..." after "David Ortiz"), a short form ("Siemens" for "Siemens Energy", "the Rangers"
for "the Texas Rangers", "GMP" for "Greater Manchester Police (GMP)"), a pronoun ("he", "its") or a definite
description ("the company", "the driver" after "the driver, Alfred Dorris"). Each becomes a Mention of the
named actor, so the events told through it are that actor's.

Rules only ever link back to a name already in the text (never forward, never to a guess), within a few
sentences for pronouns and descriptions.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter, defaultdict

from services.extraction.actors.quotes import add_speaker_mentions
from services.extraction.actors.tables import (
    BODY_KIND_NOUNS,
    BODY_MEMBER_NOUNS,
    BODY_NAME_ENDINGS,
    COMPANY_MEMBER_NOUNS,
    COMPANY_VOICE_NOUNS,
    CORPORATE_SUFFIXES,
    DEMONYMS,
    FEATURE_WORDS,
    FEMALE_WORDS,
    FORMER_WORDS,
    GENERIC_NAME_WORDS,
    HOLDING_NOUNS,
    IDENTITY_NOUNS,
    KIND_NOUN_NAME_WORDS,
    MALE_WORDS,
    NAME_LINK_WORDS,
    NATIONAL_PERSON_NOUNS,
    ORGANISATION_NOUNS,
    PAIR_NOUNS,
    PERSON_ROLE_NOUNS,
    PLACE_SERVED_HEADS,
    RELATION_NOUNS,
    SPEECH_VERBS,
    TALKS_NOUNS,
    TITLE_WORDS,
    names_a_police_force,
    words,
)
from services.extraction.nlp import token_lowers, token_pos, token_texts

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
ORGANISATION_PRONOUNS = words("it its itself")
PLURAL_PRONOUNS = words("they them their themselves")
# How far back (in sentences) a pronoun or a description may reach for its antecedent.
PRONOUN_REACH = 2
DESCRIPTION_REACH = 6
NAMED_NOUN_REACH = 12
_AGE = re.compile(r"^(\d{1,3})-year-old$")
_NOT_LINKED_ENTITY_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def add_coreferent_mentions(doc, mentions: list, make_mention) -> None:
    """Add to `mentions` the later references to actors the article has named (see the module doc)."""
    forms = _name_forms(doc, mentions)
    _rename_short_forms(doc, mentions, forms)
    _read_company_voices(doc, mentions, make_mention)
    _read_cities_as_their_teams(doc, mentions)
    _echo_names(doc, mentions, forms, make_mention)
    _resolve_references(doc, mentions, make_mention)
    add_speaker_mentions(doc, mentions, make_mention)  # after the pronouns: 'He said: "We ...'


def _acronym(tokens: list[str]) -> str | None:
    capitals = [t for t in tokens if t[:1].isupper()]
    return "".join(t[0] for t in capitals) if len(capitals) >= 2 else None


def _name_forms(doc, mentions: list) -> dict[tuple[str, ...], tuple[str, str] | None]:
    """Token sequences that name an actor of the text -> (name, kind); None when two actors share a form."""
    forms: dict[tuple[str, ...], tuple[str, str] | None] = {}
    lowercase = frozenset(text.lower() for text in token_texts(doc) if text.islower())  # no Token objects built
    # a name the text also puts something in is a place's ("in Chicago"): never an organisation's short name
    places = {m.surface for m in mentions if m.kind == "place" and _governed_as_place(doc[m.end - 1])}
    first_words: set[tuple[str, ...]] = doc.user_data.setdefault("annals_first_word_forms", set())
    # body -> the short form its name has, used here or not: another article may name the body by it alone
    short_names: dict[str, str] = doc.user_data.setdefault(SHORT_NAMES_KEY, {})
    # a first word two organisations share ("Bellweather Foods", "Bellweather Trust") names neither
    names_by_first: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.kind == "organisation" and len(mention.name.split()) > 1:
            names_by_first[mention.name.split()[0]].add(mention.name)

    bare: set[tuple[str, ...]] = set()  # forms that so far only name an actor called just that ("Marlow")

    def add(form: tuple[str, ...], name: str, kind: str, *, exclusive: bool = True) -> None:
        if not form:
            return
        known = forms.get(form, (name, kind))
        if exclusive and form in bare and known != (name, kind):
            forms[form] = (name, kind)  # "Marlow" read alone before "Marlow Freight" is its short form
            bare.discard(form)
            return
        if not exclusive and form not in forms and name == " ".join(form):
            bare.add(form)
        forms[form] = (name, kind) if known == (name, kind) else (None if exclusive else known)
        if forms[form] != (" ".join(form), kind):
            bare.discard(form)

    for mention in mentions:
        if not mention.participates or not mention.surface:
            continue
        add(tuple(mention.surface.split()), mention.name, mention.kind, exclusive=False)
        name = mention.name.split()
        if len(name) < 2:
            continue
        if mention.kind == "person":
            add((name[-1],), mention.name, "person")  # the surname; shared surnames stay ambiguous
        elif mention.kind == "organisation":
            core = list(name)
            while len(core) > 1 and core[-1].lower().rstrip(".") in CORPORATE_SUFFIXES:
                core.pop()
            if len(core) < len(name):
                add(tuple(core), mention.name, "organisation")  # "Mondelez" of "Mondelez International"
            if name[-1].endswith("s") and name[-1][:1].isupper() and len(name) == 2:
                add((name[-1],), mention.name, "organisation")  # "Rangers" of "Texas Rangers"
            acronym = _acronym(name)
            if acronym:
                add((acronym,), mention.name, "organisation")
            short = _short_name(core, lowercase)
            first = doc[mention.start]
            if short and short not in places and len(names_by_first[short]) == 1 and first.text == short and first.pos_ == "PROPN" \
                    and first.ent_type_ != "NORP":
                add((short,), mention.name, "organisation")  # "Halvard" of "Halvard Logistics"
                first_words.add((short,))
                short_names[mention.name] = short
        if mention.kind in {"organisation", "place"} and len(name) == 2 and name[0].lower() in FEATURE_WORDS:
            add((name[1],), mention.name, mention.kind)  # "Aske" of "River Aske"
        # "Greater Manchester Police (GMP)": the acronym the text introduces
        after = mention.end
        if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")" \
                and doc[after + 1].is_upper and len(doc[after + 1]) >= 2:
            add((doc[after + 1].text,), mention.name, mention.kind)
    return forms


# Where `_name_forms` leaves each body's short form on the doc (read by `resolve_actors` as an alias).
SHORT_NAMES_KEY = "annals_short_names"

# The longest name whose first word the article may use alone ("Harlow" of "Harlow Health Trust").
SHORT_NAME_MAX_WORDS = 4
def _short_name(core: list[str], lowercase: frozenset[str]) -> str | None:
    """The first word of a body's name, which the article may use alone ("Halvard" of "Halvard
    Logistics", "Brightwater" of "Brightwater Hospice", "Harlow" of "Harlow Health Trust"): a capitalised word
    of its own, not a word many bodies' names start with ("National"), not a common word the
    text also writes in lower case ("Competition Authority"), a title or a country, and not the place a body
    serves ("Northvale" of "Northvale Council"); nor a place the text puts something in (see `_name_forms`)."""
    from services.extraction.actors import canonical_country

    if len(core) == 2 and core[-1].lower() not in BODY_NAME_ENDINGS:
        return None  # a name and the kind of body it is; not "Capitol Hill"
    if not 2 <= len(core) <= SHORT_NAME_MAX_WORDS or any(w.lower() in NAME_LINK_WORDS for w in core[:2]):
        return None  # "Bank of England", "Marks and Spencer": no first word stands for them
    if core[0].lower() in BODY_KIND_NOUNS or core[0].lower() in ORGANISATION_NOUNS:
        return None  # "Museum of London", "Bank of Harwick": a kind, not a name ("Fenwick Museum of Art" has one)
    first, last = core[0], core[-1]
    if not (first[:1].isupper() and first.isalpha()) or first.lower() in lowercase or first.lower() in TITLE_WORDS \
            or first.lower() in GENERIC_NAME_WORDS:
        return None  # not "Republican National Committee", "National Flood Agency"
    if last.lower() in PLACE_SERVED_HEADS or any(w.lower() in PLACE_SERVED_HEADS for w in core[1:]):
        return None
    if first.lower() in FEATURE_WORDS or canonical_country(first) is not None or first.lower() == "the":
        return None
    return first


def _rename_short_forms(doc, mentions: list, forms) -> None:
    """A recognised mention that is only a short form of a fuller name of the text takes that name; a place
    stays the place where the text puts something in it ("based in Leeds" beside "Leeds United")."""
    for mention in mentions:
        if mention.name != mention.surface:
            continue
        if (mention.kind == "place" and _governed_as_place(doc[mention.end - 1])) \
                or _of_former_members(doc[mention.start : mention.end]) \
                or _inside_another_name(doc, doc[mention.start : mention.end]):
            continue
        form = tuple(mention.surface.split())
        known = forms.get(form)
        # a person's name is renamed only as a company's short form ("Mondelez" taken for a person)
        if mention.kind == "person" and len(form) > 1:
            continue
        if known and known[0] != mention.name and known[1] != "person":
            mention.name, mention.kind = known


def _read_company_voices(doc, mentions: list, make_mention) -> None:
    """"Bellweather officials said", "a Bellweather spokesman": the first word of the one company of the text
    whose name begins with it ("Bellweather Foods") speaks for that company, whether the recogniser left the
    word unmarked or took it for an actor of its own."""
    companies: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.kind == "organisation" and len(mention.name.split()) > 1:
            companies[mention.name.split()[0]].add(mention.name)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for i, lower in enumerate(token_lowers(doc)):
        if lower not in COMPANY_VOICE_NOUNS:
            continue
        token = doc[i]
        if any(c.lower_ in FORMER_WORDS for c in token.children):
            continue  # "former Bellweather executives" speak for themselves
        for word in (c for c in token.children if c.dep_ == "compound" and c.text[:1].isupper()):
            names = companies.get(word.text, set())
            if len(names) != 1:
                continue
            mention = by_token.get(word.i)
            if mention is None:
                mentions.append(make_mention(word.i, word.i + 1, word.text, next(iter(names)), "organisation"))
            elif mention.surface == mention.name == word.text:
                mention.name, mention.kind = next(iter(names)), "organisation"


# How a city's name stands for its team ("Chicago beat Cleveland"): as a participant, not as a place
# ("in Chicago", "from Cleveland").
_TEAM_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "conj", "appos"})
_PLACE_PREPOSITIONS = words("in at to from near into across outside inside around of through via toward towards")


def _read_cities_as_their_teams(doc, mentions: list) -> None:
    """In an article about "the Texas Rangers", "Texas" doing something ("Texas finished 95-67", "when
    Chicago was one win away") is the team: a team is named by its city and a plural noun."""
    teams: dict[str, tuple[str, str] | None] = {}  # city -> its team; None when two teams share the city
    for mention in mentions:
        *city, noun = mention.name.split()
        if mention.kind == "organisation" and city and noun[:1].isupper() and noun.isalpha() and noun.endswith("s"):
            known = teams.setdefault(" ".join(city), (mention.name, mention.kind))
            if known is not None and known[0] != mention.name:
                teams[" ".join(city)] = None
    if not teams:
        return
    for mention in mentions:
        if mention.kind != "place" or mention.surface not in teams or teams[mention.surface] is None:
            continue
        head = doc[mention.end - 1]
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ in _TEAM_DEPS and not _governed_as_place(head):
            mention.name, mention.kind = teams[mention.surface]


def _governed_as_place(token) -> bool:
    """"in Leeds", "from Chicago"; not "shares in Pellbrook"."""
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ in _PLACE_PREPOSITIONS \
        and not (preposition.head.lower_ in HOLDING_NOUNS and preposition.head.i < preposition.i)


def _echo_names(doc, mentions: list, forms, make_mention) -> None:
    """Occurrences of a known name (or its short form) that the recogniser did not mark."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    longest = max((len(form) for form in forms), default=0)
    people_by_surname: dict[str, list] = defaultdict(list)
    for mention in mentions:
        if mention.kind == "person" and len(mention.name.split()) > 1:
            people_by_surname[mention.name.split()[-1]].append(mention)
    added = []
    texts = token_texts(doc)
    index = 0
    while index < len(doc):
        if index in taken or not texts[index][:1].isupper() or doc[index].ent_type_ in _NOT_LINKED_ENTITY_TYPES:
            index += 1
            continue
        matched = 0
        for size in range(min(longest, len(doc) - index), 0, -1):
            if any(i in taken for i in range(index, index + size)):
                continue
            form = texts[index : index + size]
            if form not in forms:
                continue
            span = doc[index : index + size]
            known = forms[form]
            if known is None and size == 1:  # a shared surname: the person the text introduced first, or
                # the one its own sentence names ("Kim Jong Il died in 2011, and Kim was buried")
                earlier = [m for m in people_by_surname.get(form[0], []) if m.start < index]
                nearest = earlier[-1] if earlier else None
                if nearest is not None and any(doc[i].is_sent_start for i in range(nearest.start + 1, index + 1)):
                    nearest = earlier[0]
                known = (nearest.name, "person") if nearest else None
            if known is not None and (_of_former_members(span) or _inside_another_name(doc, span)):
                known = None  # "former Bellweather executives" act for themselves; "World" of "World Series"
            if known is not None:
                added.append(make_mention(index, index + size, span.text, known[0], known[1]))
                matched = size
            break
        index += matched or 1
    mentions.extend(added)


def _inside_another_name(doc, span) -> bool:
    """A first-word short name run on into other capitalised words is part of another name: "World" of "the
    World Health Organization" in "the World Series", "Capitol" of "Capitol Hill" in "Capitol Police"."""
    if (span.text,) not in doc.user_data.get("annals_first_word_forms", ()):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return any(t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() for t in (before, after))


def _of_former_members(span) -> bool:
    last = span[-1]
    return last.dep_ == "compound" and any(c.lower_ in FORMER_WORDS for c in last.head.children)


def _sentence_numbers(doc) -> list[int]:
    numbers = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            numbers[i] = number
    return numbers


def _descriptions(doc, mentions: list) -> tuple[dict[str, set[str]], dict[str, str]]:
    """What the text calls each actor when it introduces it: role nouns in apposition or before the name
    ("the driver, Alfred Dorris", "Mondelez, the US food giant", "President-elect Donald Trump"), gender
    words and titles, and ages ("Dorris, 42," -> "42-year-old")."""
    described: dict[str, set[str]] = defaultdict(set)
    gender: dict[str, str] = {}
    for mention in mentions:
        if not mention.participates:
            continue
        head = doc[mention.end - 1]
        related = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            related.append(head.head)
        for noun in related:
            if noun.like_num:
                described[mention.name].add(f"{noun.text}-year-old")
            elif noun.pos_ == "NOUN":
                described[mention.name].add(noun.lemma_.lower())
        if mention.start >= 2 and doc[mention.start - 1].text == "," and doc[mention.start - 2].pos_ == "NOUN":
            described[mention.name].add(doc[mention.start - 2].lemma_.lower())  # "the pilot, Tomas Berg"
        if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i >= mention.end:
            described[mention.name].add(head.head.lemma_.lower())  # "the Harwick train" ... "the train"
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and before.pos_ in {"NOUN", "PROPN"} and before.dep_ == "compound":
            described[mention.name].add(before.lower_.rstrip("."))  # "driver Alfred Dorris", "President-elect"
        if mention.kind == "person":
            cues = {w.lower().rstrip(".") for w in described[mention.name]}
            if before is not None:
                cues.add(before.lower_.rstrip("."))
            if cues & MALE_WORDS and not cues & FEMALE_WORDS:
                gender.setdefault(mention.name, "m")
            elif cues & FEMALE_WORDS and not cues & MALE_WORDS:
                gender.setdefault(mention.name, "f")
    return described, gender


# Verbs whose subject "it" stands for nothing ("it emerged on Sunday that ...", "it seems", "it takes time").
EMPTY_IT_VERBS: frozenset[str] = words("be seem appear take emerge transpire happen matter")


def _is_referring_it(token) -> bool:
    """"it" that stands for something named, not the "it" of "it is expected that", "it emerged that" or "it was
    the first"."""
    if token.lower_ == "its" or token.dep_ in {"dobj", "pobj"}:
        return True
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.lemma_ in EMPTY_IT_VERBS:
        return False
    # "it was announced that ...", "it was reported on Monday that ...": the subject is the clause that follows
    return not (token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in token.head.children))


_REFERRING_WORDS = frozenset({*PRONOUN_GENDER, *ORGANISATION_PRONOUNS, *PLURAL_PRONOUNS, "police"})


def _resolve_references(doc, mentions: list, make_mention) -> None:
    """Pronouns and definite descriptions -> the most salient compatible actor named shortly before."""
    if not mentions:
        return
    sentence_of = _sentence_numbers(doc)
    described, gender = _descriptions(doc, mentions)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    named = sorted((m for m in mentions if m.participates), key=lambda m: m.start)
    added = []
    lowers, pos = token_lowers(doc), token_pos(doc)
    for i, lower in enumerate(lowers):
        # what the rules below can take: a pronoun, "police" or a noun (a definite description)
        if i in taken:
            continue
        token = doc[i]
        if lower in PAIR_NOUNS and _names_a_pair(token):
            # "Both sides said they would accept the offer", "the two companies agreed terms": the two
            # actors of that kind the article names most, when two stand out
            for name in _the_pair(token, [*named, *added], PAIR_NOUNS[lower]):  # references so far count
                kind = next(m.kind for m in named if m.name == name)
                added.append(make_mention(token.i, token.i + 1, "", name, kind))
            continue
        if lower in TALKS_NOUNS and _talks_of_no_one_named(token):
            # "The talks began on Tuesday morning", "pay negotiations are due to start in January": talks that
            # name no party are between the two the article names most, when two stand out
            for name in _the_pair(token, [*named, *added], TALKS_NOUNS[lower]):
                kind = next(m.kind for m in named if m.name == name)
                added.append(make_mention(token.i, token.i + 1, "", name, kind))
            continue
        if pos[i] == "PROPN" and _names_a_national(token):
            # "Ashby Rovers sacked manager Tomas Hallberg ... The Swede, who was appointed in 2023, ...": the one
            # person named shortly before (sports and business news call a person by nationality)
            name = _antecedent(token, named, sentence_of, DESCRIPTION_REACH, lambda m, lower=lower:
                               m.kind == "person" and lower in described.get(m.name, ()))  # "Dutchman Max Lind"
            name = name or _only_person_before(token, named, sentence_of, gender, lower)
            if name is not None:
                added.append(make_mention(token.i, token.i + 1, "", name, "person"))
            continue
        if pos[i] != "NOUN" and lower not in _REFERRING_WORDS:
            continue
        if lower in REFLEXIVE_PRONOUNS and _bound_to_an_unnamed_subject(token, taken):
            continue  # "the satellite switched itself off": itself is the satellite, not the agency named before
        if lower in PRONOUN_GENDER and token.pos_ == "PRON":
            wanted = PRONOUN_GENDER[lower]
            others = _coarguments(token)
            fits = (lambda m, wanted=wanted, others=others:
                    m.kind == "person" and gender.get(m.name, wanted) == wanted and m.start not in others)
            # "Tull, who met Osei on Tuesday, said he would ...": the one who says it, not the nearest name
            name = _reporter(token, named, fits) or _antecedent(token, named, sentence_of, PRONOUN_REACH, fits)
        elif lower in ORGANISATION_PRONOUNS and _is_referring_it(token):
            name = _antecedent(token, named, sentence_of, PRONOUN_REACH, lambda m: m.kind == "organisation")
        elif lower in PLURAL_PRONOUNS and token.pos_ == "PRON":
            # teams and bodies named in the plural ("the Cubs ... they"), and groups ("Democrats")
            name = _antecedent(token, named, sentence_of, 1, lambda m: m.kind == "group"
                               or (m.kind == "organisation" and m.surface.endswith("s")))
        elif lower == "police" and token.pos_ in {"NOUN", "PROPN"} and _police_as_a_body(token):
            # "Police have confirmed ...", "in police custody": the force the article named
            name = _antecedent(token, named, sentence_of, len(doc), lambda m: m.kind == "organisation"
                               and names_a_police_force(m.name))
        elif lower in BODY_MEMBER_NOUNS and _acts_as_its_body(token, BODY_MEMBER_NOUNS[lower]):
            # "Firefighters pumped water", "officers arrested him": the body of that kind the article named
            body_words = BODY_MEMBER_NOUNS[lower]
            name = _antecedent(token, named, sentence_of, len(doc), lambda m, body_words=body_words:
                               m.kind == "organisation" and _name_has(m.name, body_words))
        elif lower in COMPANY_MEMBER_NOUNS and _acts_as_its_body(token, frozenset()):
            name = _antecedent(token, named, sentence_of, DESCRIPTION_REACH, _is_business)
            name = _protagonist_over(name, token, named, sentence_of, _is_business)
        elif _is_definite_description(token):
            noun = token.lemma_.lower()
            age = _AGE.match(lower)
            kind_named = (noun in BODY_KIND_NOUNS or noun in KIND_NOUN_NAME_WORDS) and _named_body(token, named, noun)
            if kind_named:  # "the authority" of "the Competition Authority", "the river" of "the River Aske"
                name = kind_named
            elif age:
                name = _antecedent(token, named, sentence_of, DESCRIPTION_REACH,
                                   lambda m, lower=lower: m.kind == "person" and lower in described.get(m.name, ()))
            elif noun in PERSON_ROLE_NOUNS or noun in IDENTITY_NOUNS:
                name = _antecedent(token, named, sentence_of, DESCRIPTION_REACH,
                                   lambda m, noun=noun: m.kind == "person" and noun in described.get(m.name, ()))
                if name is None and noun in IDENTITY_NOUNS:
                    name = _only_person_before(token, named, sentence_of, gender, noun)
            elif noun in ORGANISATION_NOUNS and token.tag_ != "NNS":  # "the two boards" are not one
                # "the company", "the firm": a business, never the police force named in between
                name = _antecedent(token, named, sentence_of, DESCRIPTION_REACH, _is_business)
                name = _protagonist_over(name, token, named, sentence_of, _is_business)
            else:  # a noun the text first used with the name ("the Harwick train" ... "the train")
                name = _antecedent(token, named, sentence_of, NAMED_NOUN_REACH,
                                   lambda m, noun=noun: noun in described.get(m.name, ()))
        else:
            continue
        if name is not None:
            kind = next(m.kind for m in named if m.name == name)
            mention = make_mention(token.i, token.i + 1, "", name, kind)
            # "his aide told ...": the aide takes part, not the one whose aide he is
            mention.participates = not (token.dep_ == "poss" and token.head.lemma_.lower() in RELATION_NOUNS)
            added.append(mention)
    mentions.extend(added)


REFLEXIVE_PRONOUNS = words("himself herself itself themselves")


def _bound_to_an_unnamed_subject(token, taken: set[int]) -> bool:
    """A reflexive stands for the subject of its own verb: when that subject is a noun phrase but no actor,
    the reflexive is no actor either."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and subjects[0].pos_ != "PRON" and subjects[0].i not in taken


def _is_business(mention) -> bool:
    return mention.kind == "organisation" and not names_a_police_force(mention.name)


def _protagonist_over(nearest: str | None, token, named: list, sentence_of: list[int], fits) -> str | None:
    """"the club", "the company" among several in reach: the one the article is about when it has named it
    far more often so far than the nearest ("the club" of a report on Ashby Rovers, a rival named last)."""
    if nearest is None:
        return None
    here = sentence_of[token.i]
    counts = Counter(m.name for m in named if m.start < token.i and fits(m))
    in_reach = {m.name for m in named if m.start < token.i and fits(m) and here - sentence_of[m.start] <= DESCRIPTION_REACH}
    top = max(in_reach, key=lambda n: (counts[n], n == nearest))
    return top if counts[top] >= PROTAGONIST_SHARE * counts[nearest] else nearest


def _name_has(name: str, lowered_words) -> bool:
    return any(word.lower() in lowered_words for word in name.split())


def _named_body(token, named: list, noun: str) -> str | None:
    """The body named before `token` whose name has the noun ("the hospice" -> "Brightwater Hospice"): the
    last one named, however far back, else the only one named after it; none when the noun is a modifier's
    ("the council leader")."""
    if token.dep_ == "compound":
        return None
    nouns = {noun, token.lower_, *KIND_NOUN_NAME_WORDS.get(noun, ())}  # "the operators" of "Rail Network Operators"
    bodies = [m for m in named if m.kind in {"organisation", "place"} and _name_has(m.name, nouns)
              and m.name.lower() != noun]
    before = [m for m in bodies if m.start < token.i]
    if before:
        return before[-1].name
    # A lede tells "the union" before it names it: the one body of that kind the article names later.
    later = {m.name for m in bodies}
    return next(iter(later)) if len(later) == 1 else None


def _acts_as_its_body(token, body_words: frozenset[str]) -> bool:
    """A bare plural ("Firefighters", "officers", "fire crews") acting in its clause, not someone else's
    ("council officers", "two officers", "our officers")."""
    if token.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "conj"}:
        return False
    return not any(c.dep_ in {"compound", "poss", "nummod", "amod"} and c.lower_ not in body_words
                   for c in token.children)


# What a bare "police" may head or modify and still stand for the force itself.
POLICE_BODY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "agent"})
POLICE_BODY_HEADS = words("officer officers spokesman spokeswoman spokesperson source sources custody statement")


def _police_as_a_body(token) -> bool:
    """"Police said", "told by police", "police officers", "in police custody"; not "police cars"."""
    if token.dep_ in POLICE_BODY_DEPS:
        return True
    return token.dep_ == "compound" and token.head.lemma_.lower() in POLICE_BODY_HEADS


OBJECT_PRONOUNS = words("him her them")


def _reporter(token, named: list, fits) -> str | None:
    """The person who reports what a subject pronoun says of itself: the subject of the reporting verb whose
    complement holds it ("Graham Tull, who met Helen Osei, said he would raise it"), when it fits."""
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.dep_ != "ccomp":
        return None
    verb = token.head.head
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    subject = subjects[0]
    for mention in named:
        if mention.start <= subject.i < mention.end and fits(mention):
            return mention.name
    return None


def _coarguments(token) -> set[int]:
    """The subject's tokens of the verb an object pronoun depends on: "Ricketts hired him" is not Ricketts
    hiring himself (that would be "himself")."""
    if token.lower_ not in OBJECT_PRONOUNS or token.dep_ not in {"dobj", "dative", "pobj"}:
        return set()
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ in {"prep", "dative"} else token.head
    return {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}


def _is_definite_description(token) -> bool:
    """"the company", "the 42-year-old": a definite noun phrase head not followed by a name of its own."""
    if token.pos_ != "NOUN" or token.dep_ == "compound":
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not _first_of_coordination(token):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    # "the driver Alfred Dorris" names him itself
    return following is None or (following.pos_ != "PROPN" and following.dep_ != "appos")


def _names_a_pair(token) -> bool:
    """"both sides", "the two companies": a plural noun phrase of two, with no name of its own ("the couple"
    and "the pair" are people the article may name once: measured, they were never its two most named)."""
    if token.dep_ == "compound" or token.pos_ != "NOUN":
        return False
    children = list(token.children)
    if any(c.dep_ in {"compound", "amod"} and c.pos_ == "PROPN" for c in children) or any(
        c.dep_ == "prep" for c in children
    ):
        return False  # "the two Korean governments" names them itself; "the two sides of the river"
    both = any(c.lower_ == "both" and c.dep_ in {"det", "predet", "preconj"} for c in children)
    two = any(c.lower_ == "two" and c.dep_ == "nummod" for c in children) and any(
        c.lower_ == "the" and c.dep_ == "det" for c in children)
    return both or two


def _talks_of_no_one_named(token) -> bool:
    """"The talks began", "the next pay negotiations": no party named with the noun ("talks with the union",
    "talks between Vantor and the regulator", "Vantor's talks", "Esterland-Marovia talks")."""
    if token.pos_ != "NOUN" or token.dep_ == "compound":
        return False
    return not any(c.dep_ in {"prep", "poss", "compound", "amod", "nmod"} and c.pos_ in {"PROPN", "ADP", "PRON"}
                   or c.dep_ == "poss" for c in token.children)


def _the_pair(token, named: list, kinds: frozenset[str]) -> list[str]:
    """The two actors of those kinds named before the token that the article names most, when they stand out
    from the third; "sides" of any kind are bodies first, then states, then people ("both sides" of a strike
    are the union and the employers, not the minister between them)."""
    if len(kinds) > 1:
        for kind in ("organisation", "place", "person"):
            pair = _the_pair(token, named, frozenset({kind})) if kind in kinds else []
            if pair:
                return pair
        return []
    counts = Counter(m.name for m in named if m.kind in kinds)
    before = {m.name for m in named if m.start < token.i and m.kind in kinds}
    ranked = [name for name, _ in counts.most_common() if name in before]
    if len(ranked) < 2 or (len(ranked) > 2 and counts[ranked[1]] == counts[ranked[2]]):
        return []
    return ranked[:2]


def _names_a_national(token) -> bool:
    """"The Swede", "the American" as a noun phrase of their own (not "the American carmaker")."""
    if token.tag_ != "NNP" or token.dep_ in {"compound", "amod", "nmod"} or not token.text[:1].isupper():
        return False
    if not (token.lower_ in NATIONAL_PERSON_NOUNS or token.text in DEMONYMS):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.pos_ not in {"PROPN", "NOUN"}


def _first_of_coordination(token) -> bool:
    """"The union and train operators": the parser may hang the first conjunct on the second as its modifier,
    with "the" on the second; the first is still "the union"."""
    if token.dep_ != "nmod" or token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    before, after = token.doc[token.i - 1], token.doc[token.i + 1]
    return before.lower_ == "the" and before.head.i == token.head.i and after.dep_ == "cc" and after.head.i == token.i


def _only_person_before(token, named: list, sentence_of: list[int], gender: dict[str, str], noun: str) -> str | None:
    """The person "the actress" or "the teenager" refers to: the one person the text names within reach before
    it, of the noun's gender when it has one (then, among several, the one named far more often than the
    others; else several leave it open). Only across sentences:
    in its own, "Roe thanked the actress" is someone else, and "the teenager, Tom Hale," names him itself."""
    if any(c.dep_ == "appos" for c in token.children):
        return None
    here = sentence_of[token.i]
    before = [m for m in named if m.kind == "person" and m.start < token.i]
    if any(sentence_of[m.start] == here for m in before):
        return None
    wanted = "f" if noun in FEMALE_WORDS else "m" if noun in MALE_WORDS else None
    people = {m.name for m in before if here - sentence_of[m.start] <= DESCRIPTION_REACH
              and (wanted is None or gender.get(m.name, wanted) == wanted)}
    if len(people) == 1:
        return next(iter(people))
    if wanted is None or not people:
        return None  # several people: the article's most named one is often not the one meant ("the singer")
    # a gendered word ("the actress") among several: the person the article is about, named far more often
    times_named = Counter(m.name for m in before)
    ranked = sorted(people, key=lambda name: -times_named[name])
    return ranked[0] if times_named[ranked[0]] >= PROTAGONIST_SHARE * times_named[ranked[1]] else None


# How much more often than anyone else in reach the article names the person it is about.
PROTAGONIST_SHARE = 2


def _antecedent(token, named: list, sentence_of: list[int], reach: int, fits) -> str | None:
    """The nearest fitting actor mention before `token` within `reach` sentences, subjects preferred in
    earlier sentences ("Comey said ... . He added" is Comey even if another name came after him)."""
    here = sentence_of[token.i]
    best = None
    # `named` runs in text order, so the mentions more than `reach` sentences back come first: start after them
    first = bisect_left(named, here - reach, key=lambda m: sentence_of[m.start])
    for mention in itertools.islice(named, first, None):
        if mention.start >= token.i:
            break
        distance = here - sentence_of[mention.start]
        if distance > reach or not fits(mention):
            continue
        is_subject = mention.start < len(sentence_of) and _is_subject(token.doc[mention.end - 1])
        rank = (distance, 0 if (distance == 0 or is_subject) else 1, -mention.start)
        if best is None or rank < best[0]:
            best = (rank, mention.name)
    return best[1] if best else None


def _is_subject(token) -> bool:
    return token.dep_ in {"nsubj", "nsubjpass"} or (token.dep_ == "compound" and token.head.dep_ in {"nsubj", "nsubjpass"})
