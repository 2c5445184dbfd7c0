r"""The literal words a pattern cannot match without, to skip a rule on a text that lacks them.

Each rule's pattern is tried over the whole text of every article, and most find nothing in most articles
("quarter", "o'clock", "twenties", a holiday's name): three in four of those scans are wasted. A pattern's
parse tells what every match must hold: one of its month names, "ago", "quarter". When the lower-cased text
lacks all of them, the rule cannot match and is not run. The needs are read from the parsed pattern, so they
stay true to it as it changes; where nothing is certain (`\d{4}`, `[01]\d`) the rule is always run.

A need is a set of lower-case ASCII strings one of which the text holds: as a whole word (`words`: a run of
ASCII letters with no letter next to it, as `\b`, `\s` or `\d` either side of it in the pattern make sure:
"mar" in `\b(?:mar|...)\.?\s+` is no part of "market") or anywhere (`substrings`). That test is exact for a
case-insensitive pattern: beyond ASCII only the four characters of `FOLDS_TO_ASCII` match an ASCII letter or
lower-case to one, and a text holding one of them is never skipped (see `lowered.py`).
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as sre_parse
from typing import NamedTuple

# Characters beyond ASCII that a case-insensitive ASCII letter matches ("ſ" is an "s" to `re`) while their
# `str.lower()` is no ASCII letter: a text holding one could match a pattern without the ASCII string.
FOLDS_TO_ASCII = frozenset("\u017f\u0130\u0131\u212a")  # long s, dotted capital I, dotless i, Kelvin sign

LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_LETTER_CODES = frozenset(map(ord, LETTERS | {c.upper() for c in LETTERS} | FOLDS_TO_ASCII))
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
_EDGES = (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_END, C.AT_END_STRING)


class Need(NamedTuple):
    """The text holds one of `words` as a whole word, or one of `substrings` anywhere (all lower case)."""

    words: frozenset[str]
    substrings: frozenset[str]

    def strings(self) -> frozenset[str]:
        return self.words | self.substrings


def _literal_char(op, av) -> str | None:
    """The one ASCII character an item matches, lower-cased; None for anything else."""
    if op is C.IN and len(av) == 1:
        op, av = av[0]
    if op is C.LITERAL and av < 128:
        return chr(av).lower()
    return None


def _no_letter(op, av) -> bool:
    r"""Whether each character the item consumes is certainly no ASCII letter of the lower-cased text, in any
    case (a space, a stop, a digit, `\s`, `\d`, `\W`)."""
    if op is C.LITERAL:
        return av not in _LETTER_CODES
    if op is C.RANGE:
        low, high = av
        return high - low < 4096 and _LETTER_CODES.isdisjoint(range(low, high + 1))
    if op is C.IN:
        return bool(av) and all(
            (iop in (C.LITERAL, C.RANGE) and _no_letter(iop, iav))
            or (iop is C.CATEGORY and iav in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_DIGIT))
            for iop, iav in av)
    return False


# What lies on one side of a run of letters, as far as one item of the pattern tells:
_BOUND = "bound"  # a character that is no letter, or a word boundary (`\b` beside a letter)
_OPEN = "open"  # the item may consume nothing there (`\.?`, `(?:the\s+)?`): look beyond it; else bound
_UNKNOWN = "unknown"  # maybe a letter


def _side(op, av, step: int) -> str:
    """What the item tells of the character next to it: `step` -1 when the item lies before, +1 after."""
    if op is C.AT:
        return _BOUND if av in _EDGES else _OPEN
    if op is C.ASSERT_NOT and av[0] == step and _any_word_character(av[1]):
        return _BOUND  # `(?!\w)` after the run, `(?<!\w)` before it
    if op is C.ASSERT or op is C.ASSERT_NOT:
        return _OPEN  # zero-width
    if op is C.SUBPATTERN:
        return _sequence_side(av[-1], step)
    if op is C.BRANCH:
        sides = {_sequence_side(branch, step) for branch in av[1]}
        return _UNKNOWN if _UNKNOWN in sides else _BOUND if sides == {_BOUND} else _OPEN
    if op in _REPEATS:
        low, _high, sub = av
        side = _sequence_side(sub, step)
        return _UNKNOWN if side == _UNKNOWN else _BOUND if side == _BOUND and low > 0 else _OPEN
    return _BOUND if _no_letter(op, av) else _UNKNOWN


def _any_word_character(items) -> bool:
    r"""Whether the pattern is one set that holds `\w` (so every letter): `\w`, `[\w'’]`."""
    items = list(items)
    if len(items) != 1 or items[0][0] is not C.IN:
        return False
    members = items[0][1]
    return (all(op is not C.NEGATE for op, _ in members)
            and any(op is C.CATEGORY and av is C.CATEGORY_WORD for op, av in members))


def _sequence_side(items, step: int) -> str:
    """`_side` of a sequence: of its item nearest the run, or of the next one where that may be empty."""
    for op, av in (reversed(items) if step < 0 else items):
        side = _side(op, av, step)
        if side != _OPEN:
            return side
    return _OPEN


def _bounded(items, at: int, step: int, edge_bounded: bool) -> bool:
    """Whether, next to a run of letters at `items[at]`, the text has no letter: walking from it (`step` -1
    before it, +1 after it) over items that may consume nothing, to a word boundary, a consumed character that
    is no letter, or the edge of the sequence (`edge_bounded` there)."""
    side = _sequence_side(items[at + 1:] if step > 0 else items[:at], step)
    return side == _BOUND or (side == _OPEN and edge_bounded)


def _score(need: Need) -> tuple:
    """How telling a need is: a whole word more than a substring, a long string more than a short one."""
    shortest = min([len(w) + 10 for w in need.words] + [len(s) for s in need.substrings])
    return (-shortest, len(need.words) + len(need.substrings), sorted(need.strings()))


def _sequence(items, left: bool, right: bool, groups: dict[int, list[Need]]) -> list[Need]:
    """Every need of a sequence (all hold): its runs of literal characters and the needs of its parts.
    `left` and `right`: whether the text has no letter just before and after the sequence; `groups`: the
    needs of each numbered group read so far (a conditional `(?(1)...)` asks whether group 1 matched)."""
    items = list(items)
    needs: list[Need] = []
    run, run_start, run_end = "", 0, 0
    for i, (op, av) in enumerate(items):
        char = _literal_char(op, av)
        if char is not None:
            if not run:
                run_start = i
            run, run_end = run + char, i
            continue
        if op is C.AT or op is C.ASSERT_NOT:
            continue  # zero-width: the characters either side of it are still adjacent in the text
        if run:
            needs.append(_run_need(run, items, run_start, run_end, left, right))
            run = ""
        needs.extend(_item(op, av, _bounded(items, i, -1, left), _bounded(items, i, 1, right), groups))
    if run:
        needs.append(_run_need(run, items, run_start, run_end, left, right))
    return needs


def _run_need(run: str, items, first: int, last: int, left: bool, right: bool) -> Need:
    whole = (all(c in LETTERS for c in run) and _bounded(items, first, -1, left)
             and _bounded(items, last, 1, right))
    return Need(frozenset([run]), frozenset()) if whole else Need(frozenset(), frozenset([run]))


def _item(op, av, left: bool, right: bool, groups: dict[int, list[Need]]) -> list[Need]:
    """The needs of one item of a sequence other than a literal character."""
    if op is C.SUBPATTERN:
        needs = _sequence(av[-1], left, right, groups)
        if av[0] is not None:
            groups[av[0]] = needs  # wherever the group matches, these hold
        return needs
    if op is C.ASSERT:
        # a lookaround that must hold: its characters are in the text
        return _sequence(av[1], False, False, groups)
    if op is C.BRANCH:
        return _alternation([_sequence(branch, left, right, groups) for branch in av[1]])
    if op is C.GROUPREF_EXISTS:
        # "(?(ord)A|B)": either the group matched and A follows, or B follows ("the fifth of November" or
        # "November the fifth": an ordinal either way)
        group, yes, no = av
        return _alternation([groups.get(group, []) + _sequence(yes, left, right, groups),
                             _sequence(no, left, right, groups) if no is not None else []])
    if op in _REPEATS:
        low, high, sub = av
        # one pass of a repeat that may run again has a further pass, not the sequence's edge, beside it
        needs = _sequence(sub, left and high == 1, right and high == 1, groups)
        return needs if low > 0 else []  # an optional part needs nothing (its groups' needs are kept)
    return []


def _union(needs) -> Need:
    return Need(frozenset().union(*(n.words for n in needs)), frozenset().union(*(n.substrings for n in needs)))


def _alternation(branches: list[list[Need]]) -> list[Need]:
    """The needs of an alternation: a match meets every need of one branch, so taking any one need of each
    branch, one of those holds. Each need of the first branch is taken with the likest need of every other
    ("a clock time" beside "a clock time", "a date" beside "a date", for two orders of the same words), and
    the most telling need of each branch with those of the others."""
    if not branches or any(not needs for needs in branches):
        return []  # a branch needs no string: the alternation as a whole needs none
    choices = [[min(needs, key=_score) for needs in branches]]
    for need in branches[0]:
        strings = need.strings()
        choices.append([need] + [max(needs, key=lambda other: (len(strings & other.strings()), _score(other)))
                                 for needs in branches[1:]])
    return list(dict.fromkeys(_union(choice) for choice in choices))


def required_literals(regex: re.Pattern) -> tuple[Need, ...] | None:
    """Needs that every match of `regex` meets (one string of each is in the text); None when the pattern is
    not bound to any string."""
    needs = tuple(dict.fromkeys(_sequence(sre_parse.parse(regex.pattern, regex.flags), False, False, {})))
    return needs or None
