"""The actors' token lookups built once per document give what a pass over every mention or token gives."""

from services.extraction.actors import _lowercase_adjectives, _lowercase_words, resolve_actors
from services.extraction.nlp import load_pipeline
from services.extraction.timex.rules.resolve import day_first

_TEXT = ("Mayor Ann Lee of Harwick met Tom Reed and the Harwick Council on Monday. Lee said the outgoing "
         "chief, Reed, would stay. \"We agree,\" said Reed, who visited #nutella fans at acme.com/news. "
         "The council and Acme Corp. signed a deal; Lee and Reed praised it.")


def _names_by_every_mention(resolution, tokens: set[int]) -> list[str]:
    names: list[str] = []
    for mention in resolution.mentions:
        if mention.participates and mention.name not in names \
                and not tokens.isdisjoint(range(mention.start, mention.end)):
            names.append(mention.name)
    return names


def test_names_in_tokens_agree_with_a_pass_over_every_mention():
    doc = load_pipeline()(_TEXT)
    resolution = resolve_actors(doc)
    assert resolution.mentions
    token_sets = [set(), {0}, set(range(len(doc))), {t.i for t in doc if t.i % 3 == 0}]
    token_sets += [{t.i for t in sentence} for sentence in doc.sents]
    token_sets += [set(range(m.start, m.end)) | {m.end + 2} for m in resolution.mentions]
    for tokens in token_sets:
        assert resolution.names_in_tokens(tokens) == _names_by_every_mention(resolution, tokens)


def test_lowercase_words_read_from_columns_agree_with_the_tokens():
    doc = load_pipeline()(_TEXT)
    words, glued = set(), False
    for t in doc:
        if not glued and t.text.islower() and t.is_alpha and t.pos_ in {"NOUN", "VERB", "ADJ", "ADV"}:
            words.add(t.text)
        glued = t.text in {"#", "@", "/", "."} and not t.whitespace_
    assert _lowercase_words(doc) == words
    assert _lowercase_adjectives(doc) == {t.text for t in doc if t.pos_ == "ADJ" and t.is_alpha and t.text.islower()}


def test_day_first_reads_numeric_dates_only():
    assert day_first("It opened on 25/12/2023 and shut on 3/1.") is True
    assert day_first("It opened on 12/25/2023.") is False
    assert day_first("No numeric date here, 4.5 and 1999.") is False
