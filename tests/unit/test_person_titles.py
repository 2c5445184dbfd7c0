"""Titles and honorifics before a name as evidence of who a bare surname is: the table, the article's own
full-named people (extraction), and the stored people of that surname (the store's pure choice)."""

from __future__ import annotations

import pytest

from services.extraction.actors import resolve_actors
from services.extraction.actors.titles import gender_of, offices, titles_before
from services.extraction.nlp import load_pipeline
from services.store.evidence import Evidence, fitting, may_be_one_person


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(("words", "titles"), [
    (["said", "former", "President"], ["president"]),
    (["First", "Lady"], ["first lady"]),  # not "lady"
    (["the", "Vice", "President"], ["vice president"]),
    (["Mr."], ["mr"]),
    (["Sen."], ["senator"]),  # a spelling stored as the title
    (["President-elect"], ["president"]),
    (["told"], []),
    (["Defense", "Secretary"], ["secretary"]),
    ([], []),
])
def test_the_titles_just_before_a_name(words, titles):
    assert titles_before(words) == titles


@pytest.mark.parametrize(("titles", "gender", "roles"), [
    (["mr", "president"], "m", {"president"}),
    (["first lady"], "f", {"first lady"}),
    (["mrs", "mr"], None, set()),  # both told: unknown
    (["senator"], None, {"senator"}),
    ([], None, set()),
])
def test_what_titles_tell_of_a_person(titles, gender, roles):
    assert gender_of(titles) == gender
    assert offices(titles) == roles


PRESIDENT = Evidence.of(["president"])
FIRST_LADY = Evidence.of(["first lady", "mrs"])
NOTHING = Evidence()


@pytest.mark.parametrize(("said", "candidates", "fit"), [
    (Evidence.of(["mr"]), {1: PRESIDENT, 2: FIRST_LADY}, [1]),  # not the one of another gender
    (Evidence.of(["mrs"]), {1: PRESIDENT, 2: FIRST_LADY}, [2]),  # the one known to be of its gender first
    (Evidence.of(["president"]), {1: PRESIDENT, 2: FIRST_LADY}, [1]),  # who held that office
    (Evidence.of(["president"]), {1: NOTHING, 2: FIRST_LADY}, [1]),  # not who only held another
    (Evidence.of(["president"]), {2: FIRST_LADY}, []),  # no known person of that surname fits
    (Evidence.of(["mr"]), {2: FIRST_LADY}, []),
    (NOTHING, {1: PRESIDENT, 2: FIRST_LADY}, [1, 2]),  # no evidence: the caller's rule for a shared surname
    (Evidence.of(["ms", "senator"]), {1: Evidence.of(["senator", "mr"]), 2: Evidence.of(["senator", "mrs"])}, [2]),
])
def test_which_stored_people_a_bare_surname_fits(said, candidates, fit):
    assert fitting(said, candidates) == fit


@pytest.mark.parametrize(("bare", "full", "one"), [
    (Evidence.of(["president"]), FIRST_LADY, False),  # introduced by another office: someone else
    (Evidence.of(["president"]), NOTHING, True),
    (Evidence.of(["president"]), Evidence.of(["president", "mr"]), True),
    (Evidence.of(["mr"]), FIRST_LADY, False),
    (Evidence.of(["mrs"]), FIRST_LADY, True),
    (NOTHING, FIRST_LADY, True),
])
def test_whether_an_articles_bare_surname_may_be_its_full_named_person(bare, full, one):
    assert may_be_one_person(bare, full) is one


def mention_names(nlp, text: str, surface: str) -> list[str]:
    return [m.name for m in resolve_actors(nlp(text)).mentions if m.surface == surface]


@pytest.mark.parametrize(("text", "surface", "names"), [
    # a gendered honorific picks the person of that gender, not the nearest one ("his": the man)
    ("Daniel Harrow and his wife Grace Harrow arrived in Rome on Monday. Mr Harrow met the mayor on Tuesday.",
     "Harrow", ["Daniel Harrow"]),
    ("Kay Harrow and her husband Don Harrow arrived in Rome on Monday. Mrs Harrow met the mayor on Tuesday.",
     "Harrow", ["Kay Harrow"]),
    ("Kay Harrow and her husband Don Harrow arrived in Rome on Monday. Mr Harrow met the mayor on Tuesday.",
     "Harrow", ["Don Harrow"]),
    # another office than the one the article introduced its only Harrow with: a person it never names in full
    ("First Lady Grace Harrow toured a factory in Ohio on Monday. President Harrow signed the farm bill on Tuesday.",
     "Harrow", ["Harrow"]),
    # the same office: that person
    ("President Daniel Harrow toured a factory in Ohio on Monday. President Harrow signed the farm bill on Tuesday.",
     "Harrow", ["Daniel Harrow"]),
    # no title: the article's only one of that surname, as before
    ("First Lady Grace Harrow toured a factory in Ohio on Monday. Harrow signed the farm bill on Tuesday.",
     "Harrow", ["Grace Harrow"]),
])
def test_a_bare_surname_goes_to_the_full_named_person_its_titles_fit(nlp, text, surface, names):
    assert mention_names(nlp, text, surface) == names


@pytest.mark.parametrize(("text", "titles"), [
    ("First Lady Grace Harrow toured a factory in Ohio on Monday.", {"Grace Harrow": ("first lady",)}),
    ("President Harrow signed the farm bill on Tuesday.", {"Harrow": ("president",)}),
    ("Mr. Harrow met the mayor on Tuesday.", {"Harrow": ("mr",)}),
    # a title before a bare surname the text linked to a full name is not stored as that person's: a likely
    # reading, not what the text says of the person
    ("Grace Harrow toured a factory on Monday. President Harrow signed the farm bill on Tuesday.",
     {"Grace Harrow": ()}),
])
def test_the_titles_an_article_gives_a_person(nlp, text, titles):
    people = {a.name: a.titles for a in resolve_actors(nlp(text)).actors if a.kind == "person"}
    assert people == titles


# The recogniser marks only the surname of these names (it knows the given name less well).
@pytest.mark.parametrize(("text", "name"), [
    ("Councillor Sadiq Khan opened the bridge on Monday.", "Sadiq Khan"),
    ("Harbour Mayor Sadiq Khan opened the bridge on Monday.", "Sadiq Khan"),
    ("Sadiq Khan gives statement", "Sadiq Khan"),
    ("Councillor Sajid Lund opened the bridge.", "Sajid Lund"),  # a councillor's title is no part of the name
])
def test_a_given_name_the_recogniser_left_out_after_a_title_or_at_a_sentence_start(nlp, text, name):
    assert [a.name for a in resolve_actors(nlp(text)).actors if a.kind == "person"] == [name]


def test_a_form_of_address_is_no_office():
    assert offices(["dr", "professor", "mr"]) == set()
    assert may_be_one_person(Evidence.of(["professor"]), Evidence.of(["dr"]))
