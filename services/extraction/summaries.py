"""Event summaries: a short readable rendering of the clause that reports a happening."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.extraction.events import Clause

MAX_SUMMARY_CHARS = 200


def summarise(doc, clause: Clause, phrase_tokens: set[int]) -> str:
    """A short readable rendering of the clause (at most 200 characters)."""
    sentence = clause.sentence if clause.sentence is not None else clause.governor.sent
    tokens = [t for t in sentence if t.i in clause.tokens]
    if len([t for t in tokens if not t.is_punct]) < 4:
        tokens = list(sentence)  # a fragment ("to go") says less than its sentence
    pieces: list[str] = []
    for position, token in enumerate(tokens):
        pieces.append(token.text_with_ws)
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None and following.i != token.i + 1 and not token.whitespace_:
            pieces.append(" ")  # words left out in between
    text = "".join(pieces).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[\s,;:\-\u2013\u2014\"']+|[\s,;:\-\u2013\u2014\"']+$", "", text)
    text = re.sub(r"\s{2,}", " ", text)
    if len(text) > MAX_SUMMARY_CHARS:
        cut = text[: MAX_SUMMARY_CHARS - 1]
        cut = cut[: cut.rfind(" ")] if " " in cut else cut
        text = cut.rstrip(" ,;:") + "…"
    return text[:1].upper() + text[1:]
