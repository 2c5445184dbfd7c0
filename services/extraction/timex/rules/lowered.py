"""A text lower-cased once, asked whether it meets the needs of a rule's pattern (see literals.py)."""

from __future__ import annotations

import re

from services.extraction.timex.rules.literals import FOLDS_TO_ASCII, Need

# The text's whole words as `literals.py` reads a pattern's: runs of ASCII letters.
_WORD = re.compile(r"[a-z]+")


class LoweredText:
    """The text in lower case and its words, read once for all the rules; the answers given so far are
    kept, since many rules share strings (the month names)."""

    __slots__ = ("_exact", "_held", "_lower", "_words")

    def __init__(self, text: str) -> None:
        self._lower = text.lower()
        self._words = frozenset(_WORD.findall(self._lower))
        self._held: dict[str, bool] = {}
        # a character a case-insensitive ASCII letter matches but `lower()` keeps apart: the test could miss
        # a match, so every rule is run on such a text
        self._exact = FOLDS_TO_ASCII.isdisjoint(text)

    def may_match(self, needs: tuple[Need, ...] | None) -> bool:
        """False only when the text fails one of the needs: a pattern that has them cannot match it."""
        if needs is None or not self._exact:
            return True
        return all(self._meets(need) for need in needs)

    def _meets(self, need: Need) -> bool:
        if not self._words.isdisjoint(need.words):
            return True
        held = self._held
        for string in need.substrings:
            found = held.get(string)
            if found is None:
                found = held[string] = string in self._lower
            if found:
                return True
        return False
