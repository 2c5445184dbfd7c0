"""The cleaning's patterns reordered or guarded for speed find exactly what their plain forms find."""

import re

from services.extraction import cleaning

_TEXTS = [
    'It rained.The mayor spoke!Then "quiet."Tomorrow 3.Two a)B x.Yz',
    "emails --which totaled -- many -- Ann-- and Bo--\tthen ---x y--- z -- -",
    "the bridge opened BeijingThere were crowds; iPhone users and McDonald said AfterHours. SeptemberThe end",
    ("A timeline: opens the bridge March 4, 2010: The mayor is sworn in office Summer 2011: \"Work\" starts on "
     "November 8, 2016: It was posted. 1999: Nothing"),
]
_GLUED_AFTER_STOP = re.compile(r"(?<=[a-z0-9\)\"'])([.!?])(?=[A-Z][a-z])")
_DASH_GLUED_BEFORE = re.compile(r"(?<=\s)--(?=[A-Za-z])")
_DASH_GLUED_AFTER = re.compile(r"(?<=[A-Za-z])--(?=\s)")


def _spans(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_stop_and_dash_patterns_match_as_their_lookbehind_first_forms():
    for text in _TEXTS:
        assert _spans(cleaning._GLUED_AFTER_STOP, text) == _spans(_GLUED_AFTER_STOP, text)
        assert _spans(cleaning._DASH_GLUED_BEFORE, text) == _spans(_DASH_GLUED_BEFORE, text)
        assert _spans(cleaning._DASH_GLUED_AFTER, text) == _spans(_DASH_GLUED_AFTER, text)


def test_a_glued_opener_is_always_found_by_its_guard():
    for text in _TEXTS:
        if cleaning._GLUED_OPENER.search(text):
            assert cleaning._GLUED_OPENER_AT.search(text), text
    assert not cleaning._GLUED_OPENER_AT.search("iPhone users and McDonald")
    assert cleaning.normalise_typography("in BeijingThere were") == "in Beijing. There were"


def test_a_timeline_entry_is_always_found_by_its_guard():
    for text in _TEXTS:
        if cleaning._TIMELINE_ENTRY.search(text):
            assert cleaning._ENTRY_DATE_END.search(text), text
    assert cleaning._split_timeline_entries(_TEXTS[3]).count(".\n") == 2
