"""The words a timex pattern needs (literals.py): a rule is skipped only on a text it cannot match."""

import re

import pytest

from services.extraction.timex.rules import RULES
from services.extraction.timex.rules.literals import FOLDS_TO_ASCII, Need, required_literals
from services.extraction.timex.rules.lowered import LoweredText

_EXAMPLES = [r.example.text for r in RULES] + [
    ("On Thursday, 4 March 2031, the Velmora council met at 9:30 a.m. for two hours; three weeks later, "
     "on the 21st of April, its mayor Ansel Quorin said the 2030-31 budget had run for nearly six months."),
    "Every Friday since last autumn the ferry to Brisk Island has left at noon. (12/05/2029) Mid-2032.",
]


@pytest.mark.parametrize("r", RULES, ids=[r.name for r in RULES])
def test_each_rules_own_example_holds_its_words(r):
    assert LoweredText(r.example.text).may_match(r.literals), r.literals


def test_no_rule_is_skipped_on_a_text_it_matches():
    for text in _EXAMPLES:
        lowered = LoweredText(text)
        for r in RULES:
            if r.regex.search(text):
                assert lowered.may_match(r.literals), (r.name, text)


def test_a_rule_is_skipped_on_a_text_without_its_words():
    quarter = next(r for r in RULES if r.name == "quarter")
    assert not LoweredText("It rained on Monday in the market town.").may_match(quarter.literals)


def test_a_word_beside_a_boundary_must_stand_alone_in_the_text():
    needs = required_literals(re.compile(r"\b(?:(?:early|late)\s+)?(?:mar|apr)\.?\s+\d", re.IGNORECASE))
    assert Need(frozenset({"mar", "apr"}), frozenset()) in needs
    assert not LoweredText("the market on 5 streets").may_match(needs)
    assert LoweredText("Late MAR. 5").may_match(needs)


def test_a_string_inside_a_word_is_looked_for_anywhere():
    needs = required_literals(re.compile(r"day\b", re.IGNORECASE))
    assert needs == (Need(frozenset(), frozenset({"day"})),)
    assert LoweredText("on Monday").may_match(needs)


def test_an_optional_part_or_a_pattern_without_letters_needs_nothing():
    assert required_literals(re.compile(r"(?:ago)?\d{4}")) is None
    assert required_literals(re.compile(r"[01]\d/\d\d")) == (Need(frozenset(), frozenset({"/"})),)


def test_an_alternation_needs_one_of_its_branches_words():
    needs = required_literals(re.compile(r"\b(?:the\s+quarter|a\s+half)\b", re.IGNORECASE))
    assert Need(frozenset({"quarter", "half"}), frozenset()) in needs
    assert not LoweredText("the first two quarters").may_match(needs)
    assert LoweredText("a half").may_match(needs) and LoweredText("the quarter").may_match(needs)


def test_a_text_with_a_letter_that_folds_to_ascii_is_never_skipped():
    sunday = required_literals(re.compile(r"\bsunday\b", re.IGNORECASE))
    assert re.search(r"\bsunday\b", "\u017funday", re.IGNORECASE)  # "ſunday": `re` reads the long s as an s
    assert LoweredText("\u017funday").may_match(sunday)


def test_the_characters_that_fold_to_ascii_are_all_listed():
    beyond_ascii = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    folding = set(re.findall(r"[a-z0-9]", beyond_ascii, re.IGNORECASE))
    assert folding <= FOLDS_TO_ASCII


def test_the_tagger_finds_the_same_candidates_without_the_skip(monkeypatch):
    from services.extraction.nlp import load_pipeline
    from services.extraction.timex import tagger

    nlp = load_pipeline()
    docs = [nlp(text) for text in _EXAMPLES]

    def spans():
        return [[(c.start, c.end, c.rule.name) for c in tagger._candidates(doc, doc.text)] for doc in docs]

    skipped = spans()
    monkeypatch.setattr(LoweredText, "may_match", lambda self, needs: True)
    assert spans() == skipped


def test_a_conditional_needs_its_group_or_its_other_branch():
    # "the fifth of May" or "May the fifth": an ordinal either way
    needs = required_literals(re.compile(
        r"\b(?:(?P<ord>second|fifth)\s+of\s+)?(?:may|june)(?(ord)(?!\w)|\s+(?:the\s+)?(?:second|fifth))\b",
        re.IGNORECASE))
    assert Need(frozenset({"second", "fifth"}), frozenset()) in needs
    assert not LoweredText("In May the leaders met.").may_match(needs)
    assert LoweredText("In May the fifth the leaders met.").may_match(needs)


def test_a_digit_beside_a_word_leaves_it_whole():
    needs = required_literals(re.compile(r"\bmid(?P<y>\d{4})\b", re.IGNORECASE))
    assert needs == (Need(frozenset({"mid"}), frozenset()),)
    assert LoweredText("in mid2024").may_match(needs)
    assert not LoweredText("in midnight 2024").may_match(needs)


def test_no_character_beyond_ascii_lower_cases_to_an_ascii_letter_unless_listed():
    letters = set("abcdefghijklmnopqrstuvwxyz")
    assert {chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000
            and letters & set(chr(c).lower())} <= FOLDS_TO_ASCII
