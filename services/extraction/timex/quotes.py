"""The time of quoted words: a relative date inside a quotation counts from the day it was said, when the
attribution gives that day ('He said on October 31: "... this morning"', '"I will be there tomorrow," she told
reporters on Monday', an embedded post 'Jane Doe posted on November 9, 2016: "... yesterday"'), not from the
publication date. A quotation without a dated attribution keeps the publication date (it was said for the story).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from services.extraction.timex import patterns as P

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
# A sentence ends at its stop, with any closing quotation marks after it, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d]*(?=\s)|\n")
# An attribution is a clause: no further from its quotation than this.
ATTRIBUTION_CHARS = 160


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int  # the quoted words, without their quotation marks
    end: int
    said_on: date  # the day the attribution gives


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted words: double quotes (straight or curly) within a paragraph, and single quotes opened
    after an attribution's colon ("He said: 'Oh mate ...'"), closed before punctuation, a capital or the end."""
    spans = [m.span(m.lastindex) for pattern in (P.DOUBLE_QUOTED, P.SINGLE_QUOTED) for m in pattern.finditer(text)]
    return sorted(spans)


def _attribution(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The words of the quotation's sentence around it: from the sentence's start (or the previous quotation)
    to the quotation, and from it to the sentence's end (or the next quotation)."""
    window = max(start - 1 - ATTRIBUTION_CHARS, 0)
    before = max([m.end() for m in _SENTENCE_END.finditer(text, window, max(start - 1, 0))] or [window])
    before = max([before, *(e for s, e in quoted if e <= start - 1)])
    after = _SENTENCE_END.search(text, end + 1)
    stop = min(after.end() if after else len(text), end + 1 + ATTRIBUTION_CHARS)
    stop = min([stop, *(s for s, e in quoted if s > end)])
    return before, stop


def dated_quotations(text: str, timexes: Sequence[tuple[int, int, str]], dct: date) -> list[Quotation]:
    """The quotations whose attribution says they were said on a day other than the publication date: a
    reporting verb ("said", "told", "posted") and a day (`timexes`: start, end, value as read from the
    publication date) in the attribution, outside any quotation."""
    quoted = quotations(text)
    found = []
    for start, end in quoted:
        first, last = _attribution(text, start, end, quoted)
        around = text[first:start] + " " + text[end:last]
        if not P.ATTRIBUTION_VERB.search(around):
            continue
        days = [value for s, e, value in timexes
                if first <= s and e <= last and not any(qs <= s < qe for qs, qe in quoted) and _DAY.match(value)]
        if not days:
            continue
        year, month, day = map(int, _DAY.match(days[0]).groups())
        said_on = date(year, month, day)
        if said_on != dct:
            found.append(Quotation(start, end, said_on))
    return found


def said_on(quotes: Sequence[Quotation], start: int, end: int) -> date | None:
    """The day the words at start..end were said, when they are inside a dated quotation."""
    return next((q.said_on for q in quotes if q.start <= start and end <= q.end), None)
