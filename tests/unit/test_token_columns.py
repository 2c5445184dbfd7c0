"""The cached token columns the actor rules scan instead of building a Token per word."""

import pytest

from services.extraction.actors import resolve_actors
from services.extraction.nlp import load_pipeline, token_lowers, token_pos, token_texts


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_columns_match_the_tokens_and_are_read_once(nlp):
    doc = nlp("The Mayor of Brockfield, Hal Ostrander, opened the new ferry terminal on Friday.")
    assert token_texts(doc) == tuple(t.text for t in doc)
    assert token_lowers(doc) == tuple(t.lower_ for t in doc)
    assert token_pos(doc) == tuple(t.pos_ for t in doc)
    assert token_texts(doc) is token_texts(doc)  # kept on the doc, not rebuilt per rule


def test_a_nickname_inside_a_name_is_one_person(nlp):
    doc = nlp('Marisol (Mari) Quendt won the regional chess final. Mari Quendt said she had trained for years.')
    names = {actor.name for actor in resolve_actors(doc).actors if actor.kind == "person"}
    assert "Marisol Quendt" in names
    assert "Mari Quendt" not in names


def test_a_name_after_a_title_the_recogniser_missed_is_a_person(nlp):
    doc = nlp("Deputy Commissioner Olwen Farrant said the bridge would reopen. Farrant gave no date.")
    people = {actor.name for actor in resolve_actors(doc).actors if actor.kind == "person"}
    assert "Olwen Farrant" in people


def test_names_in_tokens_keeps_text_order_and_skips_unmentioned_tokens(nlp):
    doc = nlp("Talvio Brandt met Renske Oduya in Lisbon on Monday.")
    resolution = resolve_actors(doc)
    everything = set(range(len(doc)))
    assert resolution.names_in_tokens(everything)[:2] == ["Talvio Brandt", "Renske Oduya"]
    assert resolution.names_in_tokens({len(doc) - 1}) == []  # the full stop mentions nobody


def test_the_default_model_and_its_name_are_one_loaded_pipeline(nlp):
    from services.extraction.nlp import DEFAULT_MODEL

    assert load_pipeline(DEFAULT_MODEL) is nlp  # the worker names it, `extract()` does not: one copy in memory


def test_the_text_a_doc_was_parsed_from_is_its_text():
    from services.extraction.nlp import doc_text, load_pipeline, with_text

    nlp = load_pipeline()
    for text in ("Ann Lee met  Tom Reed.\n\nThey spoke on Monday. ", "  leading spaces\tand tabs\n", "x"):
        assert doc_text(with_text(nlp(text), text)) == nlp(text).text == text
