"""Checks that an actor name is a name and not a piece of page furniture.

A validator written apart from the extractor's own rules, so it can catch what they let through: headlines
shouted in capitals, picture credits and datelines glued to a name, and names that begin or end with a
closed-class English word (prepositions, adverbs, auxiliaries, pronouns) as captions and headlines do
("Above Clinton", "Fans Are Outraged", "Mike Pence Previously").
"""

from __future__ import annotations

import re

from services.extraction.actors.tables import CREDIT_WORDS, FUNCTION_WORDS

_HANDLE = re.compile(r"[@#/]|https?:|www\.|\d{2,}/\d")


def fragment_reasons(name: str) -> list[str]:
    """Why `name` looks like a headline or caption fragment rather than a name (empty when it looks fine)."""
    words = name.split()
    reasons = []
    letters = [w for w in words if any(c.isalpha() for c in w)]
    if len(letters) >= 2 and all(w.isupper() and w.isalpha() for w in letters):
        reasons.append("shouted headline")
    if any(w in CREDIT_WORDS for w in words) and len(words) > 1:
        reasons.append("credit or dateline glued to a name")
    if len(words) > 1 and any(w.lower() in FUNCTION_WORDS and not w.isupper() for w in (words[0], words[-1])):
        reasons.append("starts or ends with a function word")
    if len(words) > 2 and any(w.lower() in {"is", "are", "was", "were", "has", "have", "had"} for w in words[1:-1]):
        reasons.append("contains a verb")
    if _HANDLE.search(name):
        reasons.append("handle, link or counter")
    return reasons
