r"""The rule registry: each timex rule is declared once, with its pattern, its normaliser and an example.

    @rule("month_day", "DATE", rf"...(?P<month>{P.MONTH})\s+(?P<day>{P.DAYNUM})...",
          example=("The law took effect on June 3.", "June 3", "2024-06-03"))
    def n_month_day(m, ctx): ...  # (match, Context) -> (type, value) | None; None rejects the candidate

Registration order is the priority between overlapping matches of equal length (longer ones win first).
Examples are normalised against Monday 2024-06-17 (`EXAMPLE_DCT`) and checked by the unit tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from services.extraction.timex.rules.first_chars import with_first_chars
from services.extraction.timex.rules.literals import Need, required_literals

EXAMPLE_DCT = date(2024, 6, 17)


class Example(NamedTuple):
    text: str  # a sentence containing the expression
    span: str  # the expression as tagged
    value: str  # its TIMEX3 value for a publication date of EXAMPLE_DCT


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str  # the usual TIMEX3 type; the normaliser may return another ("that morning" is a TIME)
    regex: re.Pattern
    normalise: Callable
    example: Example
    # whether a value it yields becomes the reference time for later anaphora ("a year earlier");
    # a callable decides per match
    anchors: bool | Callable[[re.Match], bool] = True
    # skipped inside capitalised names and titles ("High Noon", "ABC's This Week")
    title_sensitive: bool = False
    # whether this match is underspecified (no year) and so, in a passage about the past, resolves
    # around the narrative reference time instead of the publication date (narrative.py)
    narrative: Callable[[re.Match], bool] | None = None
    # a check on the parse: (match, doc, token at its start) -> keep the candidate?
    parse_ok: Callable | None = None
    # `regex` with a lookahead on its possible first characters: the same matches, found faster (first_chars.py)
    scan: re.Pattern | None = None
    # what every match needs, read from the pattern: words or strings the text must hold, one of each set;
    # a text that fails a need is not scanned (literals.py); None when the pattern needs none
    literals: tuple[Need, ...] | None = None

    def narrative_on(self, m: re.Match) -> bool:
        return self.narrative is not None and self.narrative(m)

    def anchors_on(self, m: re.Match) -> bool:
        return self.anchors(m) if callable(self.anchors) else self.anchors


RULES: list[Rule] = []


def rule(
    name: str,
    type: str,
    pattern: str,
    *,
    example: tuple[str, str, str],
    anchors: bool | Callable[[re.Match], bool] = True,
    title_sensitive: bool = False,
    narrative: Callable[[re.Match], bool] | None = None,
    parse_ok: Callable | None = None,
):
    """Register the decorated normaliser as rule `name` (names are unique)."""

    def register(fn):
        if any(r.name == name for r in RULES):
            raise ValueError(f"timex rule {name!r} registered twice")
        regex = re.compile(pattern, re.IGNORECASE)
        RULES.append(
            Rule(name, type, regex, fn, Example(*example), anchors, title_sensitive, narrative, parse_ok,
                 with_first_chars(regex), required_literals(regex))
        )
        return fn

    return register
