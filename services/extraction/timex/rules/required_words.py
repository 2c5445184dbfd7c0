r"""Literal strings a pattern's match must contain one of, to skip a rule on a text that has none of them.

Each rule's scan walks the whole text; most rules find nothing in most articles ("quarter", "century", a
holiday's name). A rule whose every match contains one of a few literals ("quarter" or "qtr") cannot match a
text in which none of them occurs, and a substring test on the lower-cased text says so far faster than the
scan. The literals are read from the parsed pattern and err only towards fewer skips: a part of the pattern
that need not be there (an optional group, a lookaround, a repeat that may be empty) requires nothing.

Only ASCII literals count, compared case-folded: the lower-cased text then holds them exactly when the text
holds them in any case under `re.IGNORECASE` - unless it contains one of the few characters that Python's `re`
folds onto an ASCII letter (dotted and dotless i, long s, the Kelvin sign), in which case no rule is skipped.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as sre_parse

# Characters outside ASCII that `re.IGNORECASE` matches to an ASCII letter (i, I, s, k).
_FOLDS_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))

Required = frozenset[str] | None  # one of these must occur in a match; None: nothing is known to


def _better(a: Required, b: Required) -> Required:
    """The more selective of two requirements: the one whose shortest literal is longer, then the fewer."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda req: (min(len(s) for s in req), -len(req)))


def _literal(op, av) -> str | None:
    if op is C.LITERAL and av < 128:
        return chr(av).lower()
    return None


def _required(items) -> Required:
    """What every match of the sequence `items` contains one of (None when nothing is certain)."""
    best: Required = None
    run = ""
    for op, av in items:
        char = _literal(op, av)
        if char is not None:
            run += char
            continue
        if run:
            best, run = _better(best, frozenset([run])), ""
        if op is C.SUBPATTERN:
            best = _better(best, _required(av[-1]))
        elif op is C.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branch is not None for branch in branches):
                best = _better(best, frozenset().union(*branches))
        elif op in _REPEATS and av[0] > 0:
            best = _better(best, _required(av[2]))
    if run:
        best = _better(best, frozenset([run]))
    return best


def required_words(regex: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case ASCII strings, one of which each match of `regex` contains; None when none is certain."""
    required = _required(sre_parse.parse(regex.pattern, regex.flags))
    return tuple(sorted(required)) if required else None


def folded_for_required_words(text: str) -> str | None:
    """`text` lower-cased for the `required_words` test, or None when a character folds onto ASCII letters
    there (then the test cannot rule a match out)."""
    if _FOLDS_ONTO_ASCII.search(text):
        return None
    return text.lower()


def may_match(required: tuple[str, ...] | None, folded: str | None) -> bool:
    """Whether a rule requiring one of `required` can match the text folded as `folded`."""
    return required is None or folded is None or any(word in folded for word in required)
