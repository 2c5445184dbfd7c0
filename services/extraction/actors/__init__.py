"""Canonical actors from spaCy entities: people, organisations, places (countries) and groups.

Names are canonicalised within one document: the longest mention gives a person's full name, a bare
surname links to the most recent full name it can belong to, titles and possessives are stripped, and
capitals, seats of government and state-denoting demonyms become their country (see `tables.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from services.extraction.actors.affiliations import office_holders
from services.extraction.actors.coreference import PRONOUN_GENDER, SHORT_NAMES_KEY, add_coreferent_mentions
from services.extraction.actors.makers import brand_makers
from services.extraction.actors.tables import (
    BODY_NAME_ENDINGS,
    BODY_NOUNS,
    CORPORATE_SUFFIXES,
    COUNTRY_ALIASES,
    CREDIT_WORDS,
    DEMONYMS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    LEADER_NOUNS,
    LEADER_TITLES,
    OCCUPATION_WORDS,
    ORGANISATION_ALIASES,
    ORGANISATION_HEADS,
    PERSON_DESCRIPTOR_WORDS,
    PERSON_OFFICE_NOUNS,
    PERSONAL_TITLES,
    PRODUCT_NOUNS,
    RELATION_NOUNS,
    ROUTE_WORDS,
    SORT_WORDS,
    STATE_NOUNS,
    STREET_WORDS,
    TITLE_WORDS,
    US_STATES,
    WHAT_BODIES_DO,
    words,
)
from services.extraction.actors.titles import gender_of, offices, titles_before
from services.extraction.model import Actor
from services.extraction.nlp import doc_text, token_lowers, token_pos, token_texts

ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "NORP": "group"}
KIND_RANK = {"person": 0, "place": 1, "organisation": 2, "group": 3, "product": 4}

_COUNTRY_BY_NAME: dict[str, str] = {}
for _country, _aliases in COUNTRY_ALIASES.items():
    for _name in (_country, *_aliases):
        _COUNTRY_BY_NAME[_name.lower()] = _country
        if _name.lower().startswith("the "):
            _COUNTRY_BY_NAME[_name.lower()[4:]] = _country
_ORGANISATION_BY_NAME: dict[str, str] = {}
for _org, _aliases in ORGANISATION_ALIASES.items():
    for _name in (_org, *_aliases):
        _ORGANISATION_BY_NAME[_name.lower()] = _org
        if _name.lower().startswith("the "):
            _ORGANISATION_BY_NAME[_name.lower()[4:]] = _org
_DEMONYM_BY_NAME = {name.lower(): country for name, country in DEMONYMS.items()}
# Multi-word table entries are matched on tokens even when the NER misses them ("the Kremlin").
_TABLE_NAMES = {**{k: ("place", v) for k, v in _COUNTRY_BY_NAME.items()},
                **{k: ("organisation", v) for k, v in _ORGANISATION_BY_NAME.items()}}
_MAX_TABLE_TOKENS = 4
# Words of page furniture that the entity recogniser takes for names.
PAGE_FURNITURE_WORDS: frozenset[str] = words(
    "image images photo photos picture pictures caption getty email e-mail invalid video videos copyright "
    "click subscribe newsletter"
)
# Photo credits, counters, handles and links are not names ("Getty 8/19", "@user", "http://...").
_NOT_A_NAME = re.compile(r"\d|/|@|#|https?:|www\.|\.com\b")
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
# First words of the table names: most tokens of an article start none, and are passed over at once.
_TABLE_FIRST_WORDS = frozenset(key.split()[0] for key in _TABLE_NAMES)


@dataclass(slots=True)
class Mention:
    """One surface mention of an actor, as token span [start, end) in the doc."""

    start: int
    end: int
    surface: str
    name: str
    kind: str
    # A demonym used as part of a person's title ("Chinese President Xi") affiliates, it does not take part.
    participates: bool = True


@dataclass(slots=True)
class ActorResolution:
    """The actors of one document and which tokens mention them."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)
    # brand -> the organisation the article says makes or owns it ("Crunchie maker Bellweather Foods")
    makers: dict[str, str] = field(default_factory=dict)
    # person -> the organisation the article says they hold an office in ("Brightwater's chief executive, Fiona Clay")
    offices: dict[str, str] = field(default_factory=dict)
    # token index -> the positions in `mentions` of the participating mentions over it, built on the first
    # `names_in_tokens` (the mentions are final once `resolve_actors` returns): each event asks several times
    _participants_at: dict[int, list[int]] | None = field(default=None, init=False, repr=False, compare=False)

    def names_in_tokens(self, token_indices: set[int]) -> list[str]:
        """Canonical names of the participating actors mentioned by the given tokens, in text order."""
        at = self._participants_at
        if at is None:
            at = self._participants_at = {}
            for position, mention in enumerate(self.mentions):
                if mention.participates:
                    for i in range(mention.start, mention.end):
                        at.setdefault(i, []).append(position)
        hit = {position for i in token_indices if i in at for position in at[i]}
        if not hit:
            return []  # most token sets of a clause mention no one
        names: list[str] = []
        for position in sorted(hit):  # in the order of `mentions`, as each name is first met there
            name = self.mentions[position].name
            if name not in names:
                names.append(name)
        return names

    def kind_of(self, name: str) -> str | None:
        for actor in self.actors:
            if actor.name == name:
                return actor.kind
        return None


def canonical_country(surface: str) -> str | None:
    """The country a name, capital or seat of government stands for ("Pyongyang" -> "North Korea")."""
    key = _POSSESSIVE.sub("", surface.strip()).strip().lower()
    return _COUNTRY_BY_NAME.get(key) or _COUNTRY_BY_NAME.get(key.removeprefix("the "))


def country_of_demonym(surface: str) -> str | None:
    return _DEMONYM_BY_NAME.get(surface.strip().lower())


def strip_title(words: list[str]) -> list[str]:
    """Drop leading title words and demonyms ("US Defense Secretary Lloyd Austin" -> "Lloyd Austin")."""
    index = 0
    while index < len(words) - 1:
        word = words[index].lower()
        # a country or capital only as an affiliation before a title ("US President"), never in a name
        # ("Dublin Rovers")
        affiliation = word in _COUNTRY_BY_NAME and words[index + 1].lower().rstrip(".") in TITLE_WORDS
        described = word in OCCUPATION_WORDS or word in PERSON_DESCRIPTOR_WORDS  # "Female Clerk Dana Whitlock"
        if word in TITLE_WORDS or described or word in _DEMONYM_BY_NAME or affiliation:
            index += 1
            continue
        # Two-word demonyms ("North Korean President Kim Jong Un").
        if index + 1 < len(words) - 1 and f"{word} {words[index + 1].lower()}" in _DEMONYM_BY_NAME:
            index += 2
            continue
        break
    return words[index:]


def resolve_actors(doc) -> ActorResolution:
    """Find the actors of a parsed document and the tokens that mention them."""
    raw = _raw_mentions(doc)
    _cut_headline_words(doc, raw)
    raw = _without_common_nouns(doc, raw)
    _given_names_before_surnames(doc, raw)
    nicknames = _join_nicknames(doc, raw)
    raw += _titled_surnames(doc, raw)
    raw += _described_bodies(doc, raw)
    raw += _described_products(doc, raw)
    raw += _post_authors(doc, raw)
    _canonicalise_people(raw, doc)
    for mention in raw:  # "Jo (Jojo) Lane" is the one person, however the text names her later ("Jojo Lane")
        mention.name = nicknames.get(mention.name, mention.name)
    _read_us_states(doc, raw)
    _link_descriptions(doc, raw)
    add_coreferent_mentions(doc, raw, Mention)
    raw.sort(key=lambda m: (m.start, m.end))
    resolution = ActorResolution(mentions=raw)
    surfaces: dict[str, list[str]] = {}
    kinds: dict[str, Counter] = {}
    for mention in raw:
        surfaces.setdefault(mention.name, [])
        if mention.surface and mention.surface not in surfaces[mention.name]:
            surfaces[mention.name].append(mention.surface)
        kinds.setdefault(mention.name, Counter())[mention.kind] += 1
        if mention.participates:
            for i in range(mention.start, mention.end):
                resolution.token_actor[i] = mention.name
    titles = _person_titles(doc, raw)
    # a body's short form is an alias even where this article does not use it: another article may name the
    # body by it alone ("Harlow" of "Harlow Health Trust"), and the store then knows the body it means
    for name, short in doc.user_data.get(SHORT_NAMES_KEY, {}).items():
        if name in surfaces and short not in surfaces[name]:
            surfaces[name].append(short)
    for name, aliases in surfaces.items():
        kind = min(kinds[name], key=lambda k: (-kinds[name][k], KIND_RANK[k]))
        resolution.actors.append(Actor(name=name, kind=kind, aliases=tuple(aliases),
                                       titles=titles.get(name, ()) if kind == "person" else ()))
    kinds_by_name = {a.name: a.kind for a in resolution.actors}
    resolution.makers = brand_makers(doc, resolution.token_actor, kinds_by_name)
    resolution.offices = office_holders(doc, resolution.token_actor, kinds_by_name)
    return resolution


def _person_titles(doc, mentions: list[Mention]) -> dict[str, tuple[str, ...]]:
    """Per person, the titles written before its full name ("First Lady Michelle Obama", "Mr Tom Lane"), or for a
    person the text names only by surname, before that ("President Obama", "Mr. Obama"): what the text says of
    the person for sure. A title before a bare surname the text linked to a full name is left out: that link is
    the likeliest reading, not a certain one."""
    titles: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.kind == "person" and mention.surface and (
                len(mention.surface.split()) > 1 or len(mention.name.split()) == 1):
            titles.setdefault(mention.name, set()).update(_titles_of(doc, mention))
    return {name: tuple(sorted(found)) for name, found in titles.items() if found}


def _given_names_before_surnames(doc, mentions: list[Mention]) -> None:
    """A capitalised word the recogniser left out just before a one-word name it marked is that person's given
    name where a title stands before it ("Mayor Sadiq Khan", "the Mayor of London Sadiq Khan", with only "Khan"
    marked) or where it starts a sentence and the text never writes it in lower case ("Sadiq Khan gives a
    statement"): the full name is the person's."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        start = mention.start
        if mention.kind != "person" or mention.end - start != 1 or mention.name != mention.surface or start < 1:
            continue
        given = doc[start - 1]
        if start - 1 in taken or not _capitalised_name_word(given) or canonical_country(given.text) is not None \
                or given.lower_ in _DEMONYM_BY_NAME or given.lower_ in _TABLE_NAMES or given.ent_type_ not in {"", "PERSON"} \
                or given.lower_ in PERSON_OFFICE_NOUNS or given.lower_ in PERSON_DESCRIPTOR_WORDS \
                or not (_after_a_title(doc, start - 1) or _starts_a_sentence_as_a_name(doc, given, mention)):
            continue
        mention.start = start - 1
        mention.surface = mention.name = f"{given.text} {mention.surface}"
        taken.add(start - 1)


def _starts_a_sentence_as_a_name(doc, given, mention: Mention) -> bool:
    """A capitalised word (not in capitals: "MVP Lopez") at a sentence start that the text never writes in lower
    case, before the surname of no full name the text gives ("MVP Lopez" beside "Maria Lopez" is hers)."""
    return given.is_sent_start and given.is_title and given.lower_ not in _lowercase_words(doc) \
        and given.lower_ not in _lowercase_adjectives(doc) \
        and mention.surface not in _person_surnames(doc)


def _after_a_title(doc, index: int) -> bool:
    """A personal title just before the token, or one of a place ("the Mayor of London")."""
    if _after_personal_title(doc, index):
        return True
    return index >= 3 and doc[index - 2].lower_ == "of" and doc[index - 1].ent_type_ == "GPE" \
        and _after_personal_title(doc, index - 2)


def _raw_mentions(doc) -> list[Mention]:
    mentions: list[Mention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ENTITY_KINDS and not _ends_as_company(ent):
            continue
        for part in _person_parts(doc, ent):
            mention = _mention_from_entity(doc, part)
            if mention is not None:
                mentions.append(mention)
                taken.update(range(mention.start, mention.end))
    # Table names the NER missed or mislabelled ("the Kremlin", "Kyiv" tagged as a person).
    texts = token_texts(doc)
    text = doc_text(doc)
    starts: list[int] = []  # each token's first character, read once a token may start a table name
    index = 0
    while index < len(doc):
        matched = 0
        first = texts[index]
        # cheap tests first: this loop sees every token of the article
        if index in taken or not (first[:1].isupper() or first == "the") \
                or _POSSESSIVE.sub("", first).lower() not in _TABLE_FIRST_WORDS:
            index += 1
            continue
        starts = starts or doc.to_array("IDX").tolist()
        for size in range(min(_MAX_TABLE_TOKENS, len(doc) - index), 0, -1):
            if any(i in taken for i in range(index, index + size)):
                continue
            last = index + size - 1
            surface = text[starts[index] : starts[last] + len(texts[last])]  # the span's text, no Span built
            key = _POSSESSIVE.sub("", surface).lower()
            if key in _TABLE_NAMES:
                if key == "us" and surface != "US":  # the pronoun "us"
                    continue
                kind, name = _TABLE_NAMES[key]
                mentions.append(Mention(index, index + size, surface, name, kind))
                taken.update(range(index, index + size))
                matched = size
                break
        index += matched or 1
    mentions += _unrecognised_body_names(doc, taken)
    return mentions


# How many capitalised words a body's name the recogniser missed may have before its kind word.
_BODY_NAME_MAX_WORDS = 3


def _unrecognised_body_names(doc, taken: set[int]) -> list[Mention]:
    """Capitalised names ending in a body's word that the recogniser missed ("Pellbrook Freight will sell",
    "Rainford Council said"), outside title-case lines (a headline capitalises every word)."""
    found: list[Mention] = []
    texts, pos = token_texts(doc), token_pos(doc)
    for end in range(1, len(doc)):
        if end in taken or pos[end] != "PROPN" or texts[end].lower() not in BODY_NAME_ENDINGS \
                or not texts[end][:1].isupper():
            continue
        start = end
        while start > 0 and end - start < _BODY_NAME_MAX_WORDS and start - 1 not in taken \
                and pos[start - 1] == "PROPN" and texts[start - 1][:1].isupper() and texts[start - 1].isalpha() \
                and texts[start - 1].lower() not in FUNCTION_WORDS and texts[start - 1].lower() not in TITLE_WORDS:
            start -= 1
        if start == end:
            continue
        mention = Mention(start, end + 1, doc[start : end + 1].text, doc[start : end + 1].text, "organisation")
        if _in_title_case_line(doc, mention) or canonical_country(mention.surface) is not None:
            continue
        found.append(mention)
        taken.update(range(start, end + 1))
    return found


def _person_parts(doc, ent) -> list:
    """A person's entity that runs over a comma is a list of people ("Ruiz, Okafor and Lind" read as one
    name): its parts between the commas, each of capitalised words; so is an organisation's or a place's
    whose parts are all surnames of people the text names ("the killing of Ruiz, Okafor sat ..."). Anything
    else stays whole ("Atlanta, Georgia")."""
    if ent.label_ not in {"PERSON", "ORG", "GPE"} or not any(t.text == "," for t in ent[1:-1]):
        return [ent]
    if ent.label_ != "PERSON":  # "Atlanta, Georgia" stays a place
        pieces = [t for t in ent if t.text != "," and t.pos_ != "CCONJ"]
        if not all(t.text in _person_surnames(doc) for t in pieces):
            return [ent]
    parts, start = [], ent.start
    for token in [*ent, None]:
        if token is None or token.text == "," or token.pos_ == "CCONJ":
            end = token.i if token is not None else ent.end
            if start < end:
                parts.append(Span(doc, start, end, label="PERSON"))
            start = end + 1
    if not parts or any(not all(t.text[:1].isupper() for t in part) for part in parts):
        return [ent]
    return parts


def _without_common_nouns(doc, mentions: list[Mention]) -> list[Mention]:
    """Drop one-word "names" that are words for people ("Actress", "Female" of a headline's "Female Worker
    Jane Roe Held") or that only a title-case line gives: a name in a headline comes back in the body."""
    surnames = {m.surface.split()[-1] for m in mentions if m.kind == "person" and len(m.surface.split()) > 1}
    kept = []
    for mention in mentions:
        one_word = mention.end - mention.start == 1 and mention.name == mention.surface \
            and mention.kind in {"person", "organisation"} and mention.surface not in surnames
        if one_word and (mention.surface.lower() in PERSON_DESCRIPTOR_WORDS
                         or (_in_title_case_line(doc, mention) and not _said_outside_title_case_lines(doc, mention))):
            continue
        if mention.kind in {"person", "organisation"} and mention.name == mention.surface \
                and _only_words_for_people(doc[mention.start : mention.end]):
            continue  # "Female Clerk", "Retired Teacher"
        kept.append(mention)
    return kept


def _only_words_for_people(span) -> bool:
    """A person's description, no name: adjectives and words for people ("Female Clerk", "Retired Nurse")."""
    return len(span) > 1 and span[-1].lower_ in PERSON_DESCRIPTOR_WORDS and all(
        t.lower_ in PERSON_DESCRIPTOR_WORDS or t.tag_ == "JJ" for t in span[:-1])


def _said_outside_title_case_lines(doc, mention: Mention) -> bool:
    word = mention.surface
    for i, text in enumerate(token_texts(doc)):
        if text == word and not (mention.start <= i < mention.end):
            probe = Mention(i, i + 1, word, word, mention.kind)
            if not _in_title_case_line(doc, probe):
                return True
    return False


# Marks around a nickname inside a name: "Ana (Annie) Ruiz", "Ana 'Annie' Ruiz", "Ana "Annie" Ruiz".
_NICKNAME_MARKS = {"(": ")", "'": "'", "‘": "’", '"': '"', "“": "”"}


def _join_nicknames(doc, mentions: list[Mention]) -> dict[str, str]:
    """"Ana (Annie) Ruiz" is one person, Ana Ruiz, whom the text may also call "Annie Ruiz": the recogniser
    splits the name at the nickname ("Ana", "Annie" and no "Ruiz"). Replaces the pieces with one mention and
    returns each nickname form -> the full name."""
    # the pieces must be a person's somewhere in the text (not "London (CNN) Police")
    texts = token_texts(doc)
    person_words = {texts[i] for m in mentions if m.kind == "person" for i in range(m.start, m.end)}
    person_words |= {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    nicknames: dict[str, str] = {}
    for i, text in enumerate(texts):
        if i + 4 > len(doc) or text not in _NICKNAME_MARKS or i == 0:
            continue
        token = doc[i]
        nick, closer, surname = doc[i + 1], doc[i + 2], doc[i + 3] if i + 3 < len(doc) else None
        if surname is None or closer.text != _NICKNAME_MARKS[token.text]:
            continue
        given_end = i
        given_start = given_end
        while given_start > 0 and _capitalised_name_word(doc[given_start - 1]) and given_end - given_start < 3:
            given_start -= 1
        if given_start == given_end or not _capitalised_name_word(nick) or not _capitalised_name_word(surname):
            continue
        if not any(doc[j].text in person_words for j in (*range(given_start, given_end), nick.i, surname.i)):
            continue
        end = surname.i + 1
        while end < len(doc) and _capitalised_name_word(doc[end]) and end - surname.i < 2:
            end += 1  # a double surname ("Ana (Annie) Ruiz Lind")
        family = " ".join(t.text for t in doc[surname.i : end])
        full = " ".join([*(t.text for t in doc[given_start:given_end]), family])
        mentions[:] = [m for m in mentions if m.end <= given_start or m.start >= end]
        mentions.append(Mention(given_start, end, full, full, "person"))
        nicknames[f"{nick.text} {family}"] = full
        # the nickname's form is one of the person's names: other reports may call him by it
        mentions.append(Mention(nick.i, nick.i + 1, f"{nick.text} {family}", full, "person"))
    return nicknames


def _capitalised_name_word(token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.pos_ == "PROPN" \
        and token.lower_ not in TITLE_WORDS and token.lower_ not in FUNCTION_WORDS


def _ends_as_company(ent) -> bool:
    """"Mondelez International" labelled a facility is still a company: its last word says so."""
    return len(ent) > 1 and ent[-1].text[:1].isupper() and ent[-1].lower_.rstrip(".") in CORPORATE_SUFFIXES


def _lowercase_words(doc) -> frozenset[str]:
    """Words the article writes in lower case: a capitalised one of them is a common word, not a name."""
    cached = doc.user_data.get("annals_lowercase_words")
    if cached is None:
        # read from the token columns, not token by token (`Token.is_alpha` is `str.isalpha` of its text)
        words: set[str] = set()
        glued_to_symbol = False  # words of running text, not of handles, hashtags or links ("#nutella")
        spaced = doc.to_array("SPACY").tolist()  # whether a space follows each token
        for text, pos, space in zip(token_texts(doc), token_pos(doc), spaced):
            if not glued_to_symbol and text.islower() and text.isalpha() and pos in _LOWERCASE_WORD_POS:
                words.add(text)
            glued_to_symbol = not space and text in _GLUING_SYMBOLS
        cached = frozenset(words)
        doc.user_data["annals_lowercase_words"] = cached
    return cached


_LOWERCASE_WORD_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_GLUING_SYMBOLS = frozenset({"#", "@", "/", "."})


def _lowercase_adjectives(doc) -> frozenset[str]:
    """Words the article writes in lower case as adjectives ("the outgoing president")."""
    cached = doc.user_data.get("annals_lowercase_adjectives")
    if cached is None:
        cached = frozenset(text for text, pos in zip(token_texts(doc), token_pos(doc))
                           if pos == "ADJ" and text.isalpha() and text.islower())
        doc.user_data["annals_lowercase_adjectives"] = cached
    return cached


def _trim_fused_words(doc, start: int, end: int) -> tuple[int, int]:
    """Drop words a headline, caption or credit glued to a name: "Above Clinton", "Jubilant Texas Rangers",
    "Follow Ashley May", "Mike Pence Previously", "Obama AP", "London Reuters", "Barbara Kingsolver Read"."""
    common = _lowercase_words(doc)

    def common_word(token) -> bool:
        return token.lower_ in common and token.lower_ not in TITLE_WORDS

    # Inside a name common words are normal ("Red Bull", "London Ambulance Service"): only a credit, an
    # adverb, or a verb the text also writes in lower case ends one, and only a sentence's first word, an
    # adverb or preposition or adjective, starts one.
    def closed_class(token) -> bool:
        return token.lower_ in FUNCTION_WORDS and not token.is_upper

    while end - start > 1 and (doc[end - 1].text in CREDIT_WORDS or doc[end - 1].pos_ in {"ADV", "AUX"}
                               or closed_class(doc[end - 1])
                               or (doc[end - 1].pos_ == "VERB" and common_word(doc[end - 1]))):
        end -= 1
    while end - start > 1 and (doc[start].text in CREDIT_WORDS or closed_class(doc[start])
                               or (doc[start].is_sent_start and common_word(doc[start]))
                               or (doc[start].pos_ in {"ADP", "ADV", "AUX", "PRON"}
                                   and doc[start].lower_ not in TITLE_WORDS)):
        start += 1
    return start, end


# A headline capitalises every word, so the recogniser runs a name on into the headline's verb ("Jane
# Holloway Dies at 88", "Tom Baxter Checks Into Rehab"). Such a line is mostly capitalised words.
_TITLE_CASE_SHARE = 0.7
_TITLE_CASE_MIN_WORDS = 4


def _cut_headline_words(doc, mentions: list[Mention]) -> None:
    """A person's name in a title-case line ends where the text's own name for that person ends: at a
    shorter full name the text gives elsewhere ("Jane Holloway Dead" beside "Jane Holloway"), else before
    the first word after two that inflects a verb the text writes in lower case ("Checks" beside "checked
    into"). Names outside such lines are left alone ("Kim Jong Un said")."""
    people = {m.surface for m in mentions if m.kind == "person" and len(m.surface.split()) >= 2}
    for mention in mentions:
        if mention.kind != "person" or mention.end - mention.start < 3 or not _in_title_case_line(doc, mention):
            continue
        tokens = [t.text for t in doc[mention.start : mention.end]]
        shorter = [size for size in range(len(tokens) - 1, 1, -1) if " ".join(tokens[:size]) in people]
        if shorter:
            size = shorter[0]
        else:
            size = next((k for k in range(2, len(tokens)) if _headline_verb(doc, tokens[k])), len(tokens))
        if size < len(tokens):
            mention.end = mention.start + size
            mention.surface = mention.name = " ".join(tokens[:size])


def _headline_verb(doc, word: str) -> bool:
    """Whether a title-case word inflects a verb the text writes in lower case, or a happening's verb of
    the trigger table in the headline's present tense ("Kills", "Resigns")."""
    from services.extraction.merge import KNOWN_TRIGGERS

    lower = word.lower()
    forms = verb_forms(lower)
    return bool(forms & lowercase_verb_lemmas(doc)) or (lower.endswith("s") and bool((forms - {lower}) & KNOWN_TRIGGERS))


def _in_title_case_line(doc, mention: Mention) -> bool:
    """Whether the mention's line (paragraph: cleaning ends each headline with a stop and a blank line) is
    written in title case: most of its longer words capitalised (short function words stay lower case)."""
    text = doc_text(doc)
    start_char, end_char = doc[mention.start].idx, doc[mention.end - 1].idx
    line_start = text.rfind("\n", 0, start_char) + 1
    line_end = text.find("\n", end_char)
    line_end = line_end if line_end >= 0 else len(text)
    verdicts = doc.user_data.setdefault("annals_title_case_lines", {})  # the verdict per line, read once
    verdict = verdicts.get((line_start, line_end))
    if verdict is None:
        long_words = [word for word in _LETTER_RUN.findall(text, line_start, line_end) if len(word) > 3]
        verdict = verdicts[(line_start, line_end)] = (
            len(long_words) >= _TITLE_CASE_MIN_WORDS
            and sum(word[0].isupper() for word in long_words) >= _TITLE_CASE_SHARE * len(long_words))
    return verdict


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def lowercase_verb_lemmas(doc) -> frozenset[str]:
    cached = doc.user_data.get("annals_lowercase_verbs")
    if cached is None:
        cached = frozenset(t.lemma_.lower() for t in doc if t.pos_ == "VERB" and t.text.islower())
        doc.user_data["annals_lowercase_verbs"] = cached
    return cached


def verb_forms(word: str) -> set[str]:
    """What a title-case word may be the inflection of: "dies" -> die, "checks" -> check, "tries" -> try."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return {form for form in forms if len(form) >= 3}


def _is_common_word(doc, start: int, end: int, label: str) -> bool:
    """A one-word organisation or place the article also writes in lower case ("Customers", "Media")."""
    return end - start == 1 and label != "PERSON" and doc[start].lower_ in _lowercase_words(doc)


def _is_shouted_headline(doc, start: int, end: int) -> bool:
    """ALL-CAPS words of a headline ("CLINTON CLEARED FBI", "FURIOUS") are no names unless the text also
    writes them in normal case; short acronyms (NBC, NATO) stay names."""
    span = doc[start:end]
    if any(not t.is_alpha and not t.is_punct for t in span):
        return False  # "F.B.I.", "AFL-CIO": written acronyms
    shouted = [t for t in span if t.is_upper and len(t) > 1]
    if not shouted or len(shouted) < len([t for t in span if t.is_alpha]):
        return False
    if len(span) == 1 and len(span[0]) <= 5:
        return False
    normal = " ".join(t.text.capitalize() for t in span)
    return normal not in doc_text(doc)


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, possessive markers, punctuation and stray prepositions at the span edges."""
    while start < end and (doc[start].pos_ in {"DET", "PUNCT", "ADP", "CCONJ"} or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].pos_ in {"PUNCT", "ADP", "CCONJ", "PART", "DET"}
                           or doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    return start, end


# "the Heinz Facebook page": the platform is where the owner speaks, not part of its name.
PLATFORM_NAMES: frozenset[str] = words("facebook twitter instagram youtube tiktok linkedin snapchat")
PLATFORM_PLACES: frozenset[str] = words("page account feed channel post profile site")


def _trim_platform(doc, start: int, end: int) -> tuple[int, int]:
    if end - start >= 2 and doc[end - 1].lower_ in PLATFORM_NAMES and end < len(doc) \
            and doc[end].lower_ in PLATFORM_PLACES:
        return start, end - 1
    return start, end


def _mention_from_entity(doc, ent) -> Mention | None:
    start, end = _trim(doc, ent.start, ent.end)
    start, end = _trim_fused_words(doc, start, end)
    start, end = _trim_platform(doc, start, end)
    if start >= end or _is_shouted_headline(doc, start, end) or _is_common_word(doc, start, end, ent.label_):
        return None
    words = [doc[i].text for i in range(start, end)]
    surface = _POSSESSIVE.sub("", " ".join(words).replace(" 's", "").replace(" ’s", "")).strip()
    surface = re.sub(r"\s+([.,'’-])\s*", r"\1", surface) if "." in surface or "-" in surface else surface
    if not any(ch.isupper() for ch in surface) or len(surface) < 2 or _NOT_A_NAME.search(surface):
        return None
    if any(word.lower() in PAGE_FURNITURE_WORDS for word in words):
        return None  # "Invalid Email", "Image caption", "Photo KUNDUZ"
    if ent.label_ == "ORG" and end - start == 1 and _portfolio_before_a_name(doc, end):
        return None  # "Transport Secretary Imogen Clarke": a minister's portfolio, not a body of its own
    place = _street_or_institution(doc, start, end, words)
    if place is not None:
        return place
    if end - start >= 2 and _glued_before_a_surname(doc, start, end, ent.label_):
        # "MVP Lopez", "the Oval Office Biden": the surname of a person the text names
        return Mention(end - 1, end, doc[end - 1].text, doc[end - 1].text, "person")
    if end - start == 1 and _after_personal_title(doc, start) and canonical_country(surface) is None \
            and surface.lower() not in _ORGANISATION_BY_NAME:
        return Mention(start, end, surface, surface, "person")  # "Chancellor Scholz", "Mr Carney"
    if _after_a_courtesy_title(words):
        return _person_without_title(doc, start, end)  # "Ms Wood told the Daily Mail", labelled anything
    country = canonical_country(surface)
    if country is not None:
        return Mention(start, end, surface, country, "place")
    organisation = _ORGANISATION_BY_NAME.get(surface.lower())
    if organisation is not None:
        return Mention(start, end, surface, organisation, "organisation")
    label = ent.label_
    if label == "NORP":
        return _mention_from_demonym(doc, start, end, surface)
    if label not in ENTITY_KINDS:  # a company under another label (see _ends_as_company)
        return Mention(start, end, surface, surface, "organisation")
    if label in {"PERSON", "ORG"} and words[-1][:1].isupper() and words[-1].lower() in BODY_NAME_ENDINGS:
        return Mention(start, end, surface, surface, "organisation")  # "Fenmarsh Hospice", "Rainford Council met"
    if label == "ORG" and _followed_by_an_age(doc, start, end):
        return _person_without_title(doc, start, end)  # "Whitcombe, 49, handcuffed them"
    if label == "ORG" and (_reads_as_a_person(doc, start, end) or _named_with_a_role(doc, start, end)):
        return _person_without_title(doc, start, end)  # "Ms Wood said", labelled an organisation
    if label == "ORG":
        titled = _titled_person(doc, start, end)
        if titled is not None:
            return titled
    if all(w.lower() in TITLE_WORDS or w.lower() in _DEMONYM_BY_NAME for w in words):
        return None  # a title tagged as an organisation ("Defense" in "US Defense Secretary")
    if label in {"PERSON", "ORG", "GPE"} and end < len(doc) and doc[end].text[:1].isupper() \
            and doc[end].lower_.rstrip(".") in CORPORATE_SUFFIXES:
        # "Mondelez International", "Acme Inc.": the recogniser cut off the company's suffix
        end += 1
        surface = " ".join(doc[i].text for i in range(start, end))
        return Mention(start, end, surface, surface, "organisation")
    if label == "PERSON":
        while start < end - 1 and (doc[start].pos_ not in {"PROPN", "NOUN"}
                                   or (doc[start].is_upper and len(doc[start]) > 2)):
            start += 1  # "Follow Ashley May", "GETTY Barack Obama"
        while end > start + 1 and doc[end - 1].is_upper and len(doc[end - 1]) > 2:
            end -= 1  # a dateline glued to a byline: "Mark Smith WASHINGTON"
        words = [doc[i].text for i in range(start, end)]
        kept = strip_title(words)
        start += len(words) - len(kept)
        surface = _POSSESSIVE.sub("", " ".join(kept)).strip()
        head = doc[end - 1].head
        if doc[end - 1].dep_ == "compound" and head.lemma_.lower() in ORGANISATION_HEADS:
            return Mention(start, end, surface, surface, "organisation")
        if any(w[:1].islower() for w in kept):
            return None  # a lowercase word is not a personal name ("mm")
        # "Kim's predecessor": the predecessor takes part, not Kim.
        possessor_only = doc[end - 1].dep_ == "poss" and head.lemma_.lower() in RELATION_NOUNS
        return Mention(start, end, surface, surface, "person", participates=not possessor_only)
    if label == "GPE":
        return Mention(start, end, surface, surface, "place")
    return Mention(start, end, surface, surface, "organisation")


# Titles of courtesy that only a person's name follows ("Ms Wood", "Mr Obama"); "Dr" is left out ("Dr Pepper").
COURTESY_TITLES: frozenset[str] = words("mr ms mrs miss mx")


def _after_a_courtesy_title(words: list[str]) -> bool:
    """"Ms Wood", "Mr. John Lane": a courtesy title, then one to three capitalised words."""
    return 2 <= len(words) <= 4 and words[0].lower().rstrip(".") in COURTESY_TITLES and words[0][:1].isupper() \
        and all(w[:1].isupper() and w.lower() not in BODY_NAME_ENDINGS for w in words[1:])


def _person_without_title(doc, start: int, end: int) -> Mention:
    """The person an entity names, without the titles before the name ("Ms Wood" -> "Wood"), as for a person
    the recogniser labelled one: the name then links to the person's full name ("Patti Wood")."""
    words = [doc[i].text for i in range(start, end)]
    kept = strip_title(words)
    start += len(words) - len(kept)
    surface = _POSSESSIVE.sub("", " ".join(kept)).strip()
    return Mention(start, end, surface, surface, "person")


PORTFOLIO_TITLES: frozenset[str] = words("secretary minister")


def _portfolio_before_a_name(doc, end: int) -> bool:
    """A word before "Secretary"/"Minister" and a name: the office's portfolio ("Transport Secretary Ann Lee")."""
    return end + 1 < len(doc) and doc[end].lower_ in PORTFOLIO_TITLES and doc[end + 1].pos_ == "PROPN"


def _street_or_institution(doc, start: int, end: int, words: list[str]) -> Mention | None:
    """A street's name ("Mill Lane", "Ashdown Road") is a place, whatever the recogniser took it for; so is a
    school or church named with a possessive ("St Anne's School", read as a person "St Anne")."""
    if len(words) >= 2 and words[-1][:1].isupper() and words[-1].lower().rstrip(".") in STREET_WORDS:
        surface = " ".join(words)
        return Mention(start, end, surface, surface, "place")
    if end + 1 < len(doc) and doc[end].text in {"'s", "’s"} and doc[end + 1].text[:1].isupper() \
            and doc[end + 1].lower_ in INSTITUTION_WORDS:
        surface = f"{' '.join(words)}'s {doc[end + 1].text}"
        return Mention(start, end + 2, surface, surface, "place")
    return None


# Verbs whose subject is a person far more often than an organisation.
PERSON_VERBS: frozenset[str] = words("meet say tell testify marry resign visit travel die born speak insist deny")


_MAX_AGE = 119


def _followed_by_an_age(doc, start: int, end: int) -> bool:
    """News gives a person's age between commas after the name, then what the person did ("Whitcombe, 49,
    handcuffed them", "Smith, 45, who ..."): one or two plain capitalised words so followed are a person, not
    the organisation the recogniser took them for. (Places are left alone: "Atlanta, 4, and Denver, 6, play"
    lists scores.)"""
    tokens = doc[start:end]
    if not 1 <= len(tokens) <= 2 or end + 3 >= len(doc) or not all(t.is_alpha and t.is_title for t in tokens) \
            or any(t.lower_ in CORPORATE_SUFFIXES or t.lower_ in ORGANISATION_HEADS for t in tokens):
        return False
    comma, number, closing, then = doc[end], doc[end + 1], doc[end + 2], doc[end + 3]
    return (comma.text == "," and closing.text == "," and number.text.isdigit()
            and 1 <= int(number.text) <= _MAX_AGE and not number.text.startswith("0")
            and (then.pos_ in {"VERB", "AUX", "ADV"} or then.lower_ in {"who", "of", "from"}))


def _reads_as_a_person(doc, start: int, end: int) -> bool:
    """"Olaf Scholz met ..." labelled an organisation: two plain capitalised words, no word an
    organisation's name has, acting as the subject of a verb people do."""
    tokens = doc[start:end]
    if len(tokens) != 2 or not all(t.is_alpha and t.is_title for t in tokens):
        return False
    if any(t.lower_ in CORPORATE_SUFFIXES or t.lower_ in ORGANISATION_HEADS or t.lower_ in STATE_NOUNS
           for t in tokens) or tokens.text.lower() in _TABLE_NAMES:
        return False
    head = tokens[-1]
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in PERSON_VERBS


def _named_with_a_role(doc, start: int, end: int) -> bool:
    """"Agency administrator Marcus Obi", "Marcus Obi, the agency's administrator" labelled an organisation:
    a plain two- or three-word name, no word an organisation's name has, that a role describes."""
    name = doc[start:end]
    if not 2 <= len(name) <= 3 or not _plain_personal_name(name) or any(t.lower_ in BODY_NAME_ENDINGS for t in name):
        return False
    return _described_by_a_role(doc, start, end)


def _plain_personal_name(name) -> bool:
    """Capitalised words only, none of them a word of an organisation's name, and no name of the tables."""
    return all(t.is_alpha and t.is_title for t in name) and not any(
        t.lower_ in CORPORATE_SUFFIXES or t.lower_ in ORGANISATION_HEADS or t.lower_ in STATE_NOUNS for t in name
    ) and name.text.lower() not in _TABLE_NAMES


def _described_by_a_role(doc, start: int, end: int) -> bool:
    """Whether a noun for an office or role only a person holds introduces the name ("administrator Marcus
    Obi") or describes it in apposition ("Marcus Obi, the agency's administrator", "its director, Ana Ruiz"):
    an organisation is never "the administrator"."""
    head = doc[end - 1]
    if any(c.dep_ == "det" for c in head.children) or doc[start:end].text.lower() in _DEMONYM_BY_NAME \
            or any(t.lower_ in PERSON_DESCRIPTOR_WORDS for t in doc[start:end]):
        return False  # "a man, a New Zealander living in ...", "Suspended Worker Kills 2 Women": no one's name
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.head == head and before.dep_ == "compound" \
            and before.lower_ in PERSON_OFFICE_NOUNS:
        return True
    return any(noun.pos_ == "NOUN" and noun.lemma_.lower() in PERSON_OFFICE_NOUNS for noun in _apposed(head))


def _apposed(head) -> list:
    """The nouns in apposition with a name's head, either way round ("Marcus Obi, the agency's administrator",
    "the haulier, Pellbrook Freight")."""
    described = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        described.append(head.head)
    return described


def _titled_person(doc, start: int, end: int) -> Mention | None:
    """"Deputy Chief Constable Laura Pennick" labelled an organisation: a personal title, then a plain
    two- or three-word name with no word an organisation's name has, is that person."""
    words = [doc[i].text for i in range(start, end)]
    kept = strip_title(words)
    titles = words[: len(words) - len(kept)]
    if not titles or titles[-1].lower().rstrip(".") not in PERSONAL_TITLES or not 2 <= len(kept) <= 3:
        return None
    name = doc[end - len(kept) : end]
    if not _plain_personal_name(name):
        return None
    return Mention(name.start, end, name.text, name.text, "person")


def _glued_before_a_surname(doc, start: int, end: int, label: str) -> bool:
    """A surname the article gives a named person, glued to words that are no given name: an award or rank
    in capitals ("MVP Lopez" after "Maria Lopez", labelled an organisation) or a name the text also uses
    on its own ("After their talks in the Oval Office Biden had ..." after "in the Oval Office")."""
    surname = doc[end - 1]
    if not surname.is_title or surname.text not in _person_surnames(doc):
        return False
    glued = doc[start : end - 1]
    if len(glued) == 1 and glued[0].is_upper and glued[0].is_alpha and 2 <= len(glued[0]) <= 4:
        return label != "PERSON"
    if len(glued) == 1 and (glued[0].pos_ in {"ADJ", "VERB"} or glued[0].lower_ in _lowercase_adjectives(doc)):
        # "Outgoing Obama": an adjective (one the text also writes in lower case), no given name; a word the
        # text writes as a lower-case verb or noun may well be one ("Mark Smith" beside "to mark the day")
        return True
    return glued.text in _names_used_alone(doc)


def _person_surnames(doc) -> frozenset[str]:
    surnames = doc.user_data.get("annals_person_surnames")
    if surnames is None:
        surnames = frozenset(e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2)
        doc.user_data["annals_person_surnames"] = surnames
    return surnames


def _names_used_alone(doc) -> frozenset[str]:
    """The entity names of the text that are not people's ("Oval Office" of "in the Oval Office")."""
    names = doc.user_data.get("annals_names_used_alone")
    if names is None:
        names = frozenset(
            (e[1:] if e[0].lower_ == "the" else e).text for e in doc.ents
            if e.label_ in {"FAC", "ORG", "GPE", "LOC"} and len(e) >= (3 if e[0].lower_ == "the" else 2)
        )
        doc.user_data["annals_names_used_alone"] = names
    return names


def _after_personal_title(doc, index: int) -> bool:
    """Whether a person's title stands just before the token ("Chancellor Scholz", "Mr. Carney")."""
    if index == 0:
        return False
    title = doc[index - 1]
    return title.text[:1].isupper() and title.lower_.rstrip(".") in PERSONAL_TITLES


def _titled_surnames(doc, mentions: list[Mention]) -> list[Mention]:
    """Names after a personal title that the recogniser did not mark ("President Macron said", "Deputy Chief
    Constable Laura Pennick added"): a surname, or a name of up to three words; and a full name a role
    describes ("Marcus Obi, the agency's administrator, will brief ...", `_described_by_a_role`)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    texts, pos = token_texts(doc), token_pos(doc)
    for i in range(len(doc)):
        if pos[i] != "PROPN" or not texts[i][:1].isupper() or i in taken:
            continue  # cheap parts of `_name_word` first: most tokens fail them
        token = doc[i]
        if not _name_word(token, taken):
            continue
        titled = _after_personal_title(doc, i)
        if not titled and i > 0 and pos[i - 1] == "PROPN":
            continue  # inside a run of capitalised words
        end = token.i + 1
        while end < len(doc) and end - token.i <= NAME_AFTER_TITLE_MAX_WORDS and _name_word(doc[end], taken):
            end += 1
        if end - token.i > NAME_AFTER_TITLE_MAX_WORDS or (end < len(doc) and doc[end].pos_ == "PROPN"):
            continue  # a longer run of capitalised words is some other name
        if not titled and (end - i < 2 or not _described_by_a_role(doc, i, end)):
            continue  # untitled, a name needs its given name and a role that says it is a person's
        span = doc[token.i : end]
        if any(canonical_country(t.text) is not None or t.lower_ in _ORGANISATION_BY_NAME for t in span):
            continue
        if span.text.lower() in _TABLE_NAMES or any(t.lower_ in CORPORATE_SUFFIXES for t in span):
            continue
        found.append(Mention(token.i, end, span.text, span.text, "person"))
        taken.update(range(token.i, end))
    return found


NAME_AFTER_TITLE_MAX_WORDS = 3


def _described_bodies(doc, mentions: list[Mention]) -> list[Mention]:
    """Names of bodies the recogniser did not mark, that the text itself says are bodies: in apposition with a
    noun for an organisation ("Harlow Health, the county's hospital trust, said", "the haulier, Pellbrook
    Freight") or followed by what only an organisation does ("Harlow Health, which runs three hospitals")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    texts, pos = token_texts(doc), token_pos(doc)
    found = []
    i = 0
    while i < len(doc):
        if pos[i] != "PROPN" or not texts[i][:1].isupper() or i in taken or (i > 0 and pos[i - 1] == "PROPN"):
            i += 1
            continue
        end = i
        while end < len(doc) and _body_name_word(doc[end], taken):
            end += 1
        if i < end <= i + BODY_NAME_MAX_WORDS and (end == len(doc) or pos[end] != "PROPN") \
                and not all(doc[k].lower_ in TITLE_WORDS for k in range(i, end)) and _described_as_a_body(doc[i:end]):
            surface = doc[i:end].text
            found.append(Mention(i, end, surface, surface, "organisation"))
            taken.update(range(i, end))
        i = max(end, i + 1)
    return found


BODY_NAME_MAX_WORDS = 4


def _described_products(doc, mentions: list[Mention]) -> list[Mention]:
    """Names of made things the recogniser did not take for an actor, that the text says are products: the
    name of a satellite, a rocket, a car, a drug ... ("the Tern-1 satellite", "its Halcyon 2 rocket", "Tern-1,
    a 1.2-ton satellite", "the Toblerone bar"). Their happenings ("Tern-1 separated from the upper stage") get a
    timeline of their own; a product's maker stays an organisation."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    texts = token_texts(doc)
    found = []
    i = 0
    while i < len(doc):
        if not texts[i][:1].isupper() or i in taken:
            i += 1
            continue  # cheap first: most tokens are no capitalised word (no Token built for them)
        if not _product_name_word(doc[i], taken) \
                or doc[i].lower_ in FUNCTION_WORDS or (i > 0 and _product_name_word(doc[i - 1], taken)):
            i += 1
            continue  # a name starts with its own capitalised word, not a number ("the 150g bar")
        end = i
        while end < len(doc) and end - i < PRODUCT_NAME_MAX_WORDS and _product_name_word(doc[end], taken):
            end += 1
        # the longest run of name words a product noun describes ("the Tern-1 Earth-observation satellite": not
        # "Tern-1 Earth", whose "Earth" describes the observation)
        size = next((n for n in range(end - i, 0, -1) if _described_as_a_product(doc[i : i + n])
                     or _model_named_product(doc[i : i + n])), 0)
        if size:
            span = doc[i : i + size]
            found.append(Mention(i, i + size, span.text, span.text, "product"))
            taken.update(range(i, i + size))
        i = max(end, i + 1)
    return found


PRODUCT_NAME_MAX_WORDS = 3


def _product_name_word(token, taken: set[int]) -> bool:
    """A word of a product's name: capitalised or a model number ("Tern-1", "Halcyon 2", "Falcon 9")."""
    if token.i in taken or token.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}:
        return False
    text = token.text
    return (text[:1].isupper() and token.pos_ in {"PROPN", "NOUN", "NUM"} and token.lower_ not in FUNCTION_WORDS) \
        or (token.pos_ == "NUM" and text.isalnum())


def _described_as_a_product(span) -> bool:
    if span[0].lower_ in TITLE_WORDS or all(t.lower_ in TITLE_WORDS for t in span):
        return False
    head = span[-1]
    kind = head.head
    # "the Tern-1 satellite", "its Halcyon 2 rocket", "the agency's Tern-1 Earth-observation satellite"
    if head.dep_ in {"compound", "nmod", "nummod"} and kind.i > head.i and kind.lemma_.lower() in PRODUCT_NOUNS \
            and kind.text.islower() and not _names_a_nation_or_kind(span) and any(
                (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in kind.children):
        return True  # not "A Westpac Rescue Helicopter" (a body's name), "the Indian Naval ship", "a Formula 1 car"
    # "Tern-1, a 1.2-ton satellite built ..."
    described = [c for c in span.root.children if c.dep_ == "appos"]
    return any(noun.lemma_.lower() in PRODUCT_NOUNS and any(c.lower_ in {"a", "an"} for c in noun.children)
               for noun in described)


# A model's name: a word and its number ("Tern-1", "C-17", "Falcon 9").
_MODEL_NAME = re.compile(r"[A-Z][A-Za-z]*(?:-| )\d{1,4}[A-Za-z]?")


def _model_named_product(span) -> bool:
    """A name the recogniser itself takes for a product and that reads as a model's ("Tern-1 separated from the
    upper stage"): a product even where this text does not say what it is (an earlier report did)."""
    head = span[-1].head
    if head.i > span[-1].i and (head.lower_ in STREET_WORDS or head.lower_ in ROUTE_WORDS):
        return False  # "the I-75 corridor", "the M25 motorway": a road
    return all(t.ent_type_ == "PRODUCT" for t in span) and _MODEL_NAME.fullmatch(span.text) is not None




def _names_a_nation_or_kind(span) -> bool:
    """"Naval", "Indian", "Military": words that say what sort of ship or plane it is, not which one."""
    return span.text.lower() in _DEMONYM_BY_NAME or any(t.pos_ == "ADJ" or t.lower_ in SORT_WORDS for t in span)




def _body_name_word(token, taken: set[int]) -> bool:
    return (token.i not in taken and token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()
            and not token.ent_type_)


def _described_as_a_body(span) -> bool:
    head = span.root
    if any(c.dep_ == "det" for c in head.children):
        return False  # "a Harlow Health spokesman" is no name
    if any(noun.pos_ == "NOUN" and noun.lemma_.lower() in BODY_NOUNS for noun in _apposed(head)):
        return True
    return any(
        c.dep_ == "relcl" and c.lemma_.lower() in WHAT_BODIES_DO
        and any(w.lower_ == "which" and w.dep_ == "nsubj" for w in c.children)
        for c in head.children
    )


def _name_word(token, taken: set[int]) -> bool:
    return (token.i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha
            and token.lower_ not in TITLE_WORDS)


def _post_authors(doc, mentions: list[Mention]) -> list[Mention]:
    """The author of an embedded post ("Nutella posted on October 31, 2016: ...", as cleaning writes it) is
    an actor even where the recogniser saw no name: a person when the name has two words or more."""
    from services.extraction.cleaning import POST_STATEMENT

    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for match in POST_STATEMENT.finditer(doc_text(doc)):
        span = doc.char_span(match.start("author"), match.end("author"))
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        name = span.text
        kind = "place" if canonical_country(name) else ("person" if len(span) > 1 else "organisation")
        found.append(Mention(span.start, span.end, name, canonical_country(name) or name, kind))
    return found


def _mention_from_demonym(doc, start: int, end: int, surface: str) -> Mention | None:
    country = country_of_demonym(surface)
    head = doc[end - 1].head if doc[end - 1].head.i >= end else doc[end - 1]
    if country is None:
        if surface[:1].isupper() and doc[end - 1].tag_ in {"NNPS", "NNS"}:
            return Mention(start, end, surface, surface, "group")  # "Democrats", "Republicans"
        return None
    if head.ent_type_ == "PERSON" or head.lower_ in TITLE_WORDS:
        # "Chinese President Xi Jinping": an affiliation, not a participant.
        return Mention(start, end, surface, country, "place", participates=False)
    if head.lemma_.lower() in STATE_NOUNS or head.lower_ in STATE_NOUNS:
        return Mention(start, end, surface, country, "place")
    return None


def _titles_of(doc, mention: Mention) -> set[str]:
    """The titles of `person_titles.txt` written just before a mention ("First Lady", "former President")."""
    return set(titles_before(list(token_texts(doc)[max(0, mention.start - 6) : mention.start])))


def _genders_where_named(doc, full: list[Mention], titles: dict[str, set[str]]) -> dict[str, str]:
    """Each full name's gender, from its titles, else from a gendered possessive just after it ("Tom Lane and his
    successor", "Ann Lane, her lawyer"; an object pronoun there is someone else: "Ann Lane followed him")."""
    texts = token_texts(doc)
    said: dict[str, set[str]] = {}
    for mention in full:
        # the word after the name, or the one after "and" or a comma
        for i in range(mention.end, min(mention.end + 2, len(doc))):
            if doc[i].is_sent_start:
                break
            if doc[i].dep_ == "poss" and texts[i].lower() in PRONOUN_GENDER:
                said.setdefault(mention.surface, set()).add(PRONOUN_GENDER[texts[i].lower()])
                break
    genders = {surface: next(iter(found)) for surface, found in said.items() if len(found) == 1}
    genders.update({surface: gender for surface, found in titles.items() if (gender := gender_of(found))})
    return genders


def _fitting_full_names(said: set[str], candidates: list[Mention], titles: dict[str, set[str]],
                        genders: dict[str, str], bare: bool) -> list[Mention]:
    """The full-named people of the text a shorter mention with these titles may be: none of another gender
    ("Mrs Lane" is not "Mr Tom Lane"), and those of its gender first; those introduced with its office if any
    ("President Lane" is "President Tom Lane", not "Ann Lane"); and for a bare surname, none introduced with only
    other offices ("President Lane" is not "First Lady Ann Lane", whom the article calls by her own title): the
    text then never names it in full."""
    gender, wanted = gender_of(said), offices(said)
    fit = [f for f in candidates if gender is None or genders.get(f.surface) in (None, gender)]
    fit = [f for f in fit if gender is not None and genders.get(f.surface) == gender] or fit
    same_office = [f for f in fit if wanted & titles.get(f.surface, set())]
    if same_office or not (bare and wanted):
        return same_office or fit
    return [f for f in fit if not offices(titles.get(f.surface, ()))]


def _canonicalise_people(mentions: list[Mention], doc=None) -> None:
    """Give every person mention the full name of the person it most plausibly refers to."""
    # A single-token organisation or place named like a person of the text is that person ("Trump's team").
    surnames = {without_name_suffix(m.surface.split())[-1] for m in mentions
                if m.kind == "person" and len(m.surface.split()) > 1}
    for mention in mentions:
        if mention.kind in {"organisation", "place"} and mention.name == mention.surface \
                and mention.surface in surnames:
            mention.kind = "person"
    # And the reverse: "Olaf Scholz" taken for an organisation is the "Chancellor Scholz" of the text.
    lone_surnames = {m.surface for m in mentions if m.kind == "person" and len(m.surface.split()) == 1}
    for mention in mentions:
        words = mention.surface.split()
        if mention.kind in {"organisation", "place"} and mention.name == mention.surface and 2 <= len(words) <= 3 \
                and words[-1] in lone_surnames and all(w[:1].isupper() for w in words):
            mention.kind = "person"
    people = sorted((m for m in mentions if m.kind == "person"), key=lambda m: m.start)
    full = [m for m in people if len(m.surface.split()) > 1]
    titles: dict[str, set[str]] = {}
    genders: dict[str, str] = {}
    if doc is not None:
        for f in full:
            titles.setdefault(f.surface, set()).update(_titles_of(doc, f))
        genders = _genders_where_named(doc, full, titles)
    full_words = [(f, f.surface.split()) for f in full]  # surfaces stay as they are here; names change
    unnamed: set[int] = set()  # bare surnames of a person the text never names in full: left to the store
    for mention in people:
        tokens = mention.surface.split()
        candidates = [f for f, words in full_words if f is not mention and _is_part_of(tokens, words)]
        said = _titles_of(doc, mention) if doc is not None else set()
        if said and candidates:
            fitted = _fitting_full_names(said, candidates, titles, genders, len(tokens) == 1)
            if not fitted and len(tokens) == 1:
                unnamed.add(id(mention))
            candidates = fitted if fitted or len(tokens) == 1 else candidates
        if not candidates:
            continue
        before = [f for f in candidates if f.start < mention.start]
        chosen = before[-1] if before else candidates[0]
        if len(tokens) == 1 and len({f.surface for f in before}) > 1 and doc is not None \
                and gender_of(said) is None and not _same_sentence(doc, chosen.start, mention.start):
            # a surname two people of the text share ("Melania Trump" named after "Donald J Trump"): news calls
            # the one it introduced first by the bare surname, the other by a fuller name; in the sentence that
            # names the other ("Kim Jong Il died in 2011, and Kim was buried") or after a gendered title ("Mrs
            # Clinton") the nearest stays
            chosen = before[0]
        mention.name = chosen.surface
    # The longest form names the person ("Vladimir Putin" rather than "Putin").
    split_words: dict[str, list[str]] = {}

    def split_name(name: str) -> list[str]:  # a name's words, split once (read only)
        words = split_words.get(name)
        if words is None:
            words = split_words[name] = name.split()
        return words

    changed = True
    while changed:
        changed = False
        for mention in people:
            if id(mention) in unnamed:
                continue
            words = split_name(mention.name)
            longer = [m for m in people if m.name != mention.name and len(split_name(m.name)) > len(words)
                      and _is_part_of(words, split_name(m.name))]
            if longer and len({m.name for m in longer}) == 1:
                mention.name = longer[0].name
                changed = True


def _same_sentence(doc, a: int, b: int) -> bool:
    """Whether tokens a < b lie in one sentence (no sentence start after a up to b)."""
    return not any(doc[i].is_sent_start for i in range(a + 1, b + 1))


def _read_us_states(doc, mentions: list[Mention]) -> None:
    """"Georgia" and "Washington" are US states, not the country or the capital's state, where the text
    says so: "the state of Georgia", "Washington state", "Atlanta, Georgia", or other US states named."""
    states = [m for m in mentions if m.kind == "place" and m.surface in US_STATES]
    if not states:
        return
    other_states = {m.surface for m in mentions if m.kind == "place" and m.surface in US_STATES
                    and m.surface.lower() not in _COUNTRY_BY_NAME}
    for mention in states:
        before = doc[max(0, mention.start - 2) : mention.start].text.lower()
        after = doc[mention.end].lower_ if mention.end < len(doc) else ""
        after_place = mention.start >= 2 and doc[mention.start - 1].text == "," and doc[mention.start - 2].pos_ == "PROPN"
        said_so = before.endswith("state of") or after == "state" or after_place
        ambiguous = mention.name != mention.surface or mention.surface.lower() in _COUNTRY_BY_NAME
        # the country's capital or demonym in the text ("Tbilisi") keeps the plain name the country's
        country_told = any(m.name == mention.name and m.surface != mention.surface for m in mentions)
        by_company = bool(other_states - {mention.surface}) and mention.name == mention.surface and not country_told
        if ambiguous and (said_so or by_company):
            mention.name = f"{mention.surface} (US state)"


# Generational suffixes close a name without being its surname: "Marvin Lee Pettibone Jr." is Mr Pettibone.
NAME_SUFFIXES: frozenset[str] = words("jr jr. sr sr. ii iii iv")


def without_name_suffix(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1].lower() in NAME_SUFFIXES:
        words = words[:-1]
    return words


def _is_part_of(short: list[str], long: list[str]) -> bool:
    if len(short) >= len(long):
        return False
    core = without_name_suffix(long)
    return long[-len(short):] == short or long[: len(short)] == short or (
        len(short) < len(core) and core[-len(short):] == short)


def _person_profiles(mentions: list[Mention], doc) -> dict[str, dict]:
    """Affiliation (country) and leader status of each person, from titles and possessives."""
    profiles: dict[str, dict] = {}
    counts = Counter(m.name for m in mentions if m.kind == "person")
    for mention in mentions:
        if mention.kind != "person":
            continue
        profile = profiles.setdefault(mention.name, {"countries": set(), "leader": False,
                                                     "count": counts[mention.name]})
        left = max(0, mention.start - 5)
        before = [t for t in doc[left : mention.start]]
        words = [t.lower_ for t in before]
        if any(w in LEADER_TITLES for w in words[-3:]):
            profile["leader"] = True
        for other in mentions:
            if other.kind == "place" and mention.start - 5 <= other.start < mention.start:
                # "North Korean President Kim", "Russia's Putin"
                gap = doc[other.end : mention.start]
                if all(t.lower_ in TITLE_WORDS or t.tag_ == "POS" or t.text in {"'s", "’s"} for t in gap):
                    profile["countries"].add(other.name)
                    if any(t.tag_ == "POS" or t.text in {"'s", "’s"} for t in gap):
                        profile["leader"] = True
    return profiles


def _link_descriptions(doc, mentions: list[Mention]) -> None:
    """Link "the North Korean leader" and "the two leaders" to the people they describe."""
    profiles = _person_profiles(mentions, doc)
    if not profiles:
        return
    leaders = sorted((n for n, p in profiles.items() if p["leader"]), key=lambda n: -profiles[n]["count"])
    taken = {i for m in mentions if m.participates for i in range(m.start, m.end)}
    for i, lower in enumerate(token_lowers(doc)):
        if lower not in LEADER_NOUNS or i in taken:
            continue
        token = doc[i]
        determiners = [c for c in token.children if c.dep_ in {"det", "nummod"}]
        if not any(c.lower_ == "the" for c in token.children if c.dep_ == "det"):
            continue
        if any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in token.children):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
            continue  # "the leader Kim Jong Un" is handled by the name itself
        countries = {m.name for m in mentions if m.kind == "place" and token.left_edge.i <= m.start < token.i}
        if any(c.lower_ == "two" for c in determiners) or (token.lower_.endswith("s") and not countries):
            chosen = leaders[:2] if token.lower_.endswith("s") else []
        elif countries:
            candidates = [n for n in profiles if profiles[n]["countries"] & countries]
            ranked = sorted(candidates, key=lambda n: (not profiles[n]["leader"], -profiles[n]["count"]))
            chosen = ranked[:1]
        else:
            continue
        # Demonyms inside the description only qualified it.
        for m in mentions:
            if m.kind == "place" and token.left_edge.i <= m.start < token.i:
                m.participates = False
        for name in chosen:
            mentions.append(Mention(token.i, token.i + 1, "", name, "person"))
