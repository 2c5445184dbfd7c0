"""The article text validator's fast checks say exactly what the plain definitions say."""

from __future__ import annotations

import sys

import pytest

from services.ingest.schemas import CONTROL_CHARACTERS, ArticleIn, has_control_characters

EVERY_OTHER_CHARACTER = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code) not in CONTROL_CHARACTERS)


def test_no_other_character_counts_as_a_control_character():
    # every code point but the 30 (tab, newline, carriage return, non-ASCII, lone surrogates included)
    assert not has_control_characters(EVERY_OTHER_CHARACTER)


@pytest.mark.parametrize("control", CONTROL_CHARACTERS)
def test_each_control_character_is_found_anywhere(control):
    for text in (control, f"{control}Putin met Kim.", f"Putin met Kim.{control}", f"Putin {control} met Kim — 北朝鮮."):
        assert has_control_characters(text)


@pytest.mark.parametrize("text", ["", " ", "\n\t \r\n", "\u00a0\u2003\u3000"])
def test_a_text_of_whitespace_alone_is_empty(text):
    with pytest.raises(ValueError, match="text is empty"):
        ArticleIn.model_validate({"text": text})


def test_a_text_with_words_and_whitespace_around_them_is_kept_as_sent():
    assert ArticleIn.model_validate({"text": "\u00a0 Putin met Kim.\n"}).text == "\u00a0 Putin met Kim.\n"
