"""The words a timex rule's matches must contain: a text without them is not scanned, and loses no match."""

import re
from re import IGNORECASE as I

from services.extraction.timex.rules import RULES
from services.extraction.timex.rules.required_words import (
    folded_for_required_words,
    may_match,
    required_words,
)

_TEXTS = (
    ("On Thursday, 4 March 2031, the Velmora council met at 9:30 a.m. for two hours; three weeks later, "
     "on the 21st of April, its mayor Ansel Quorin said the 2030-31 budget had run for nearly six months."),
    "Every Friday since last autumn the ferry to Brisk Island has left at noon. (12/05/2029) Mid-2032.",
    "Sales rose in the third quarter of the decade; by Christmas Eve the 1990s were a memory.",
    "THE COUNCIL MET YESTERDAY EVENING AND WILL MEET AGAIN NEXT WEEK.",
    "No dates here at all, only a ferry and a mayor.",
)


def test_a_rule_skipped_on_a_text_has_no_match_there():
    for text in _TEXTS:
        folded = folded_for_required_words(text)
        for rule in RULES:
            if not may_match(rule.required, folded):
                assert rule.regex.search(text) is None, (rule.name, text)


def test_the_required_words_come_from_every_branch_and_skip_optional_parts():
    assert required_words(re.compile(r"\b(?:the\s+)?(?:first|second)\s+quarter\b", I)) == ("quarter",)
    assert required_words(re.compile(r"\b(?:spring|fall)\b", I)) == ("fall", "spring")
    assert required_words(re.compile(r"\b(?:spring|\d{4})\b", I)) is None  # a branch requires no word
    assert required_words(re.compile(r"(?:ago)?", I)) is None


def test_a_character_that_folds_onto_ascii_scans_every_rule():
    # the Kelvin sign matches "k" under re.IGNORECASE; lower-casing turns it into "k" but "\u0130" into "i" + a dot
    assert folded_for_required_words("\u212a") is None
    assert may_match(("week",), None)
    assert not may_match(("week",), folded_for_required_words("a month"))
