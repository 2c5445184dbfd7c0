"""Who makes or owns a brand, as the article itself states it.

Business news tells a brand's happenings through the brand ("Crunchie announced on Monday that the bar would
shrink") while the company that makes or owns it is the one acting. Where the article says who that is
("Crunchie maker Bellweather Foods", "Bellweather, which makes Crunchie", "Crunchie, owned by Bellweather",
"Bellweather-owned Crunchie"), the brand's events are the maker's too. The relation is read from the parse of
this article only: no brand is known beforehand.
"""

from __future__ import annotations

from services.extraction.actors.tables import (
    BRAND_NOUNS,
    COUNTRY_ALIASES,
    MAKER_NOUNS,
    MAKER_VERBS,
    ORGANISATION_NOUNS,
    PARENT_WORDS,
    RELATIVE_PRONOUNS,
)
from services.extraction.nlp import token_pos

# The parts of speech of a relation word: a maker's noun or a verb of making or owning.
_RELATION_POS = frozenset({"NOUN", "VERB", "AUX"})
# Verb tags of a relation that holds now: "makes", "make"; a past "made Crunchie until 2010" may no longer.
PRESENT_TENSE_TAGS = frozenset({"VBZ", "VBP"})


def brand_makers(doc, token_actor: dict[int, str], kinds: dict[str, str]) -> dict[str, str]:
    """Brand -> the organisation the article says makes or owns it (a brand with two makers keeps none)."""
    found: dict[str, set[str]] = {}
    pos = token_pos(doc)
    for i in range(len(doc)):
        if pos[i] not in _RELATION_POS:
            continue  # no relation word (see `_stated_relations`)
        for brand_token, maker_token in _stated_relations(doc[i]):
            brand = token_actor.get(brand_token.i)
            maker = token_actor.get(maker_token.i) or _organisation_starting_with(maker_token.text, kinds)
            if brand is None or maker is None or brand == maker or brand in COUNTRY_ALIASES:
                continue  # the recogniser's place for a brand is no country: "Crunchie" taken for a town
            if kinds.get(maker) != "organisation" and maker_token.ent_type_ != "ORG":
                continue  # "Cubs owner Tom Ricketts" owns a team, he does not speak for it
            found.setdefault(brand, set()).add(maker)
    return {brand: makers.pop() for brand, makers in found.items() if len(makers) == 1}


def _organisation_starting_with(word: str, kinds: dict[str, str]) -> str | None:
    """The one organisation of the article whose name a word begins ("Bellweather" of "Bellweather-owned"
    after "Bellweather Foods"), which the recogniser did not mark there."""
    names = [name for name, kind in kinds.items() if kind == "organisation" and name.split()[0] == word]
    return names[0] if len(names) == 1 else None


def _stated_relations(token) -> list[tuple[object, object]]:
    """(brand token, maker token) pairs the relation word `token` states, if it is one."""
    if _names_a_maker(token):
        pairs = [(brand, maker) for brand in _brands_of_noun(token) for maker in _makers_of_noun(token)]
    elif token.lemma_.lower() in MAKER_VERBS and token.pos_ in {"VERB", "AUX"} and not _negated(token):
        pairs = [(brand, maker) for brand in _brands_of_verb(token) for maker in _makers_of_verb(token)]
    else:
        return []
    return [(brand, maker) for brand, maker in pairs if brand.i != maker.i]


def _names_a_maker(token) -> bool:
    """"maker", "owner", or an organisation noun with "parent" ("its parent company")."""
    lemma = token.lower_
    if token.pos_ != "NOUN":
        return False
    return lemma in MAKER_NOUNS or (lemma in ORGANISATION_NOUNS and any(
        c.lower_ in PARENT_WORDS and c.dep_ in {"compound", "amod"} for c in token.children))


def _brands_of_noun(noun) -> list:
    """"Crunchie maker", "Crunchie's owner", "the maker of Crunchie"."""
    brands = [c for c in noun.children if c.dep_ in {"compound", "poss"} and c.lower_ not in PARENT_WORDS]
    brands += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    return _with_conjuncts(_brand_names(brands))


def _makers_of_noun(noun) -> list:
    """"Crunchie maker Bellweather Foods" (the noun modifies the name), "Bellweather Foods, the maker of
    Crunchie" (the noun stands beside it), "Crunchie's parent company, Bellweather Foods" (the name beside it)."""
    makers = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ in {"compound", "appos"}:
        makers.append(noun.head)
    return makers


def _brands_of_verb(verb) -> list:
    """"which makes Crunchie" (its object); "Crunchie, owned by ...", "Bellweather-owned Crunchie" (the noun
    the participle describes); "Crunchie is owned by ..." (the passive's subject)."""
    if _agent_of(verb) is None and not _hyphened_maker(verb):
        return _with_conjuncts(_brand_names([c for c in verb.children if c.dep_ == "dobj"]))
    first = _first_conjunct(verb)
    if first.dep_ in {"acl", "amod"} or (first.dep_ == "relcl" and _relative_subject(first) is not None):
        return _with_conjuncts([first.head])
    return _with_conjuncts([c for c in first.children if c.dep_ in {"nsubjpass", "nsubj"}])


def _makers_of_verb(verb) -> list:
    agent = _agent_of(verb)
    if agent is not None:
        return [g for g in agent.children if g.dep_ == "pobj"] if _holds_now(verb) else []
    hyphened = _hyphened_maker(verb)
    if hyphened is not None:
        return [hyphened]
    if verb.tag_ not in PRESENT_TENSE_TAGS:
        return []
    if _relative_subject(verb) is not None and verb.dep_ == "relcl":
        return [_named_antecedent(verb.head)]
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _agent_of(verb):
    return next((c for c in verb.children if c.dep_ == "agent"), None)


def _hyphened_maker(verb):
    """"Bellweather" of "Bellweather-owned Crunchie"."""
    if verb.dep_ != "amod" or verb.tag_ != "VBN":
        return None
    before = verb.doc[verb.i - 2] if verb.i >= 2 and verb.doc[verb.i - 1].text == "-" else None
    return before if before is not None and before.head.i == verb.i else None


def _holds_now(verb) -> bool:
    """A passive in the past ("was owned by ... until 2010") may tell a relation that is over."""
    return not any(c.dep_ in {"auxpass", "aux"} and c.tag_ == "VBD" for c in verb.children)


def _relative_subject(verb):
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in RELATIVE_PRONOUNS),
                None)


def _named_antecedent(noun):
    """"Bellweather Foods, the company that makes Crunchie": the name the relative's noun stands beside."""
    return noun.head if noun.dep_ == "appos" and noun.pos_ == "NOUN" else noun


def _first_conjunct(verb):
    """"invented in Leeds but now owned by Bellweather": the first verb of the chain carries its noun."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb


def _brand_names(tokens: list) -> list:
    """The brand's own name where a brand noun carries it ("the Crunchie brand" -> "Crunchie")."""
    named = []
    for token in tokens:
        if token.lower_ in BRAND_NOUNS:
            named += [c for c in token.children if c.dep_ == "compound"]
        else:
            named.append(token)
    return named


def _with_conjuncts(tokens: list) -> list:
    """"which owns Crunchie and Fizzbar": both."""
    return [t for token in tokens for t in (token, *token.conjuncts)]


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
