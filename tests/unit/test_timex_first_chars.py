"""The first-character lookahead that speeds up the timex scan finds exactly the matches of the plain rule."""

import re

from services.extraction.timex.rules import RULES
from services.extraction.timex.rules.first_chars import with_first_chars

_TEXT = (
    "On Thursday, 4 March 2031, the Velmora council met at 9:30 a.m. for two hours; three weeks later, "
    "on the 21st of April, its mayor Ansel Quorin said the 2030-31 budget had run for nearly six months. "
    "Every Friday since last autumn the ferry to Brisk Island has left at noon. (12/05/2029) Mid-2032."
)


def test_every_rule_scans_the_same_matches():
    for rule in RULES:
        scan = rule.scan or rule.regex
        plain = [(m.span(), m.groupdict()) for m in rule.regex.finditer(_TEXT)]
        fast = [(m.span(), m.groupdict()) for m in scan.finditer(_TEXT)]
        assert fast == plain, rule.name


def test_the_lookahead_lists_the_first_characters_in_both_cases():
    scan = with_first_chars(re.compile(r"\b(?:(?:early|late)\s+)?(?:spring|\d{4})", re.IGNORECASE))
    assert scan.pattern.startswith("(?=[")
    assert [m.group() for m in scan.finditer("Late Spring, 2040, early spring")] == [
        "Late Spring", "2040", "early spring"]


def test_a_pattern_that_can_start_anywhere_is_kept():
    plain = re.compile(r"\w+day", re.IGNORECASE)
    assert with_first_chars(plain) is plain
    optional = re.compile(r"(?:ago)?", re.IGNORECASE)
    assert with_first_chars(optional) is optional


def test_a_lookaround_before_the_first_character_is_looked_past():
    plain = re.compile(r"(?:(?<=\s)|^)(?:--|-)\s+\w+|(?<![a-z])pic\.\w+")
    scan = with_first_chars(plain)
    assert scan.pattern.startswith("(?=[")
    text = "-- Ann wrote it -- Bo, see pic.twitter and epic.fail -x"
    assert [m.span() for m in scan.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_cleaning_scans_find_the_matches_of_their_plain_patterns():
    from services.extraction import cleaning

    text = ("Jane Smith/Getty Images 3/8 The mayor spoke. Play slideshow REUTERS 1 of 9 -- Ann Lee (@annlee) "
            "March 3, 2031 see https://example.org/x and (Photo: AFP) Copyright 2031 The Velmora Post. "
            "VELMORA (AP) -- Skip Ad x Share Tue, March 4, 2031 WASHINGTON -- It rained.")
    for fast, patterns in ((cleaning._FURNITURE, cleaning.FURNITURE_PATTERNS),
                           (cleaning._INLINE_NOISE, cleaning.INLINE_NOISE_PATTERNS)):
        plain = re.compile("|".join(patterns))
        assert fast.pattern != plain.pattern
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
