r"""The characters a pattern's match can start with, to skip hopeless positions quickly.

Python's `re` tries every rule's long alternation at every word boundary of the text; a lookahead on the
possible first characters (`(?=[...])`, zero-width, so spans and groups are unchanged) turns most of those
tries into one set test. The set is computed from the parsed pattern and errs only towards more characters;
when it cannot be bounded (a category such as \w, a backreference, an empty match) the pattern is kept as is.
The text cleaning scans its long alternations of page furniture the same way.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as sre_parse

_DIGITS = frozenset("0123456789")


class _Unbounded(Exception):
    pass


def _first(items) -> tuple[set[str], bool]:
    """(possible first characters, whether the sequence can match the empty string)."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
            return chars, False
        if op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(chr(iav))
                elif iop is C.RANGE:
                    lo, hi = iav
                    if hi - lo > 512:
                        raise _Unbounded
                    chars.update(chr(c) for c in range(lo, hi + 1))
                elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                    chars.update(_DIGITS)
                else:  # negation, \w, \s, ...
                    raise _Unbounded
            return chars, False
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue  # zero-width: \b, ^, $, a lookaround: the first character consumed comes after it
        if op is C.SUBPATTERN:
            sub, empty = _first(av[-1])
            chars |= sub
            if not empty:
                return chars, False
            continue
        if op is C.BRANCH:
            any_empty = False
            for branch in av[1]:
                sub, empty = _first(branch)
                chars |= sub
                any_empty = any_empty or empty
            if not any_empty:
                return chars, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _high, sub_items = av
            sub, empty = _first(sub_items)
            chars |= sub
            if low > 0 and not empty:
                return chars, False
            continue
        raise _Unbounded  # backreferences, ANY, ...
    return chars, True


def with_first_chars(regex: re.Pattern) -> re.Pattern:
    """`regex` with a leading lookahead on the characters its matches can start with (the same matches)."""
    try:
        chars, empty = _first(sre_parse.parse(regex.pattern, regex.flags))
    except _Unbounded:
        return regex
    if empty or not chars:
        return regex
    if regex.flags & re.IGNORECASE:
        chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
    charset = "".join(sorted(re.escape(c) for c in chars))
    return re.compile(f"(?=[{charset}])(?:{regex.pattern})", regex.flags)
