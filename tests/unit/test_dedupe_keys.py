"""The dedupe key must not change when its implementation gets faster: old rows still find re-posts."""

from __future__ import annotations

import re
import unicodedata

import pytest

from services.ingest.schemas import CONTROL_CHARACTERS
from services.store.keys import article_dedupe_key, normalise_text

# The definition the stored keys were made with.
_WHITESPACE = re.compile(r"\s+")


def regex_normalised(text: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@pytest.mark.parametrize("text", [
    "plain text", "  leading and trailing  ", "tabs\tand\nnewlines\r\n", "no\u00a0break\u2009thin\u3000ideographic",
    "line\u2028separator\u2029paragraph", "file\x1cgroup\x1drecord\x1eunit\x1fseparators", "next\x85line",
    "cafe\u0301 composed", "", "   ", "zero\u200bwidth space is not whitespace", "vertical\x0bform\x0cfeed",
])
def test_normalised_text_is_what_the_regular_expression_gave(text):
    assert normalise_text(text) == regex_normalised(text)
    assert article_dedupe_key(url=None, text=text) == article_dedupe_key(url=None, text=regex_normalised(text))


def test_every_whitespace_character_normalises_as_before():
    for code in range(0x3001):
        text = f"a{chr(code)}{chr(code)}b "
        assert normalise_text(text) == regex_normalised(text), hex(code)


def test_the_control_characters_are_the_c0_set_without_tab_newline_and_return():
    expected = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    assert {chr(code) for code in range(0x100) if expected.match(chr(code))} == set(CONTROL_CHARACTERS)
