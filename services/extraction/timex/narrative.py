"""The narrative reference time: where a year-less date in a passage about the past anchors.

News anchors "in October", "on August 25", "on Monday" on the publication date. A passage that tells
the past ("In 1917 the city fell. On the 25th of August ...") anchors them on its own time instead, as
HeidelTime's narrative mode does, but decided per passage rather than per document, since news mixes
both. A passage turns narrative at an explicit date more than a year before the publication date that
sets the time of its sentence's main clause ("In 1917, the city fell", a timeline line "January 23, 2013:
..."; not "the 1988 bombing", "since 1990", "a company founded in 1987"); its reference then moves with
each such date, explicit or computed from an earlier one ("two years later"). The passage comes back to
the present at a date within a year of the publication date (or after it), at a paragraph break (a blank
line; not in a text that tells the past throughout, whose next paragraph goes on with the story), and in
news at a whole sentence in the present tense or at a background date years away from the
narrative's. Only clauses that look back or whose direction is unknown anchor there: "the talks will
resume in October" keeps to the publication date.

A text full of past years that (almost) never speaks of its own present ("yesterday", "last week", "on
Tuesday": a history article; at most one such word per six past years) tells the past throughout: there the dates of nouns and clauses set the time as well
("After the fall of France in 1940 ... On 22 June" -> 1940-06-22).

In narrative mode a year-less expression resolves to the occurrence nearest the reference: a day
reference as it is, a coarser one at its middle ("In 1917 ... in October" -> 1917-10, "In 1917 ... on
25 August" -> 1917-08-25); weekdays need a day ("On 3 June 1990 ... on Monday" -> 1990-06-04).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.extraction.model import Timex
from services.extraction.nlp import doc_text
from services.extraction.timex import patterns as P
from services.extraction.timex.rules.first_chars import with_first_chars
from services.extraction.timex.tense import FUTURE, head_token

FAR = timedelta(days=365)  # how far before the publication date a passage's time must lie to be narrative
MANY_PAST_YEARS = 3  # how many past years a text without news deixis needs to count as telling the past
PAST_YEARS_PER_DEIXIS = 6  # how many past years a text needs for each word of news deixis it holds
# Read over the whole text of every article: with a lookahead on their first characters (first_chars.py), tried
# only where a match can start.
_YEAR = with_first_chars(re.compile(r"\b(1[0-9]\d\d|20\d\d)\b"))
_NEWS_DEIXIS = with_first_chars(P.NEWS_DEIXIS)
_CALENDAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class Anchor:
    date: date  # the day year-less expressions resolve around
    granularity: str  # of the reference expression: day, week, month, year, ...


class NarrativeTime:
    """Follows one document in text order: `observe` each tagged timex, ask `anchor` for a candidate."""

    def __init__(self, doc, dct: date):
        self._doc = doc
        self._text = doc_text(doc)
        self._dct = dct
        self._ref: Timex | None = None  # the narrative reference; None: the passage is in the present
        # a text full of past years that never speaks of its own present ("yesterday", "last week", "on
        # Tuesday") tells the past throughout: any explicit past date sets its time, of a noun or a clause too
        past_years = sum(1 for y in _YEAR.findall(self._text) if int(y) < dct.year - 1)
        deixis = len(_NEWS_DEIXIS.findall(self._text))
        # a history article may say "Today the site is a museum" once among its years; news speaks of its
        # present far more often than that
        self._telling_the_past = past_years >= MANY_PAST_YEARS and past_years >= PAST_YEARS_PER_DEIXIS * deixis
        self._present_sentences: list[tuple[int, int]] | None = None  # computed when first needed

    def anchor(self, start: int, direction: int) -> Anchor | None:
        """The narrative anchor for an underspecified expression starting at `start`, or None (news mode)."""
        ref = self._ref
        if ref is None or direction == FUTURE:
            return None
        if not self._telling_the_past and P.PARAGRAPH_BREAK.search(self._text, ref.end, start):
            return None  # news: a new paragraph is back in the present; a history's goes on with its story
        if not self._telling_the_past and self._present_between(ref.end, start):
            return None  # news: a sentence in the present ("Her contention appears ...") ends the aside
        d = ref.date
        if d.granularity == "day":
            return Anchor(d.start, "day")
        if d.granularity == "season" and ref.value.endswith("WI") and ref.value[:4].isdigit():
            # a history's "winter of 1812" is the one that 1812 ends in: "... in November" is 1812's, "That
            # winter (after October 1794) ... until February" 1795's; its middle is the turn of the year
            # (1812-WI as an interval starts in December 1811); other seasons are their own time ("That
            # autumn ... by February": the February after it)
            return Anchor(date(int(ref.value[:4]), 12, 31), d.granularity)
        return Anchor(d.start + (d.end - d.start) / 2, d.granularity)

    def _present_between(self, start: int, end: int) -> bool:
        """Whether a whole sentence between the two offsets has its main verb in the present or future."""
        if self._present_sentences is None:
            self._present_sentences = [
                (s.start_char, s.end_char) for s in self._doc.sents if _in_the_present(s.root)
            ]
        return any(start <= s and e <= end for s, e in self._present_sentences)

    def observe(self, t: Timex) -> None:
        if t.date is None or t.type not in ("DATE", "TIME") or not _CALENDAR.match(t.value):
            return
        if t.date.granularity in ("decade", "century"):
            return  # "in the 1940s" says too little to place an October
        if t.date.end >= self._dct - FAR:
            self._ref = None  # back to the present
            return
        position = sentence_position(self._doc, t)
        if position == BOUNDING:
            return  # "arrested since 1990", "until 1945": a stretch reaching elsewhere
        if position == BACKGROUND and not self._telling_the_past:
            # "the Dec. 21, 1988, bombing", "a company founded in 1987": background in news; a date years
            # away from the narrative's time shows a passage that jumps about rather than tells a story
            if self._ref is not None and abs(t.date.start.year - self._ref.date.start.year) > 1:
                self._ref = None
            return
        if self._ref is not None or _EXPLICIT_YEAR.search(t.text):
            self._ref = t  # an explicit year opens a narrative; "two days later" moves one along


_EXPLICIT_YEAR = re.compile(r"\b(?:1\d|20)\d\d\b|['\u2019]\d\d\b")
# a date after these prepositions bounds a stretch of time reaching elsewhere ("since 1990"); it is no
# point of the narrative
_BOUNDING = {"since", "until", "till", "through", "by", "to", "from", "before", "after", "between"}


def _in_the_present(root) -> bool:
    if root.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ in ("VBZ", "VBP") or c.lower_ in ("will", "'ll"))
               for c in root.children)  # fmt: skip


FRAME, BACKGROUND, BOUNDING = "frame", "background", "bounding"


def _opens_its_sentence(doc, t: Timex) -> bool:
    """A date at the head of its sentence, after at most a preposition ("In 1945, ...", "On 3 June 1990
    ..."), sets the time of the whole sentence: a frame adverbial."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    lead = doc[span[0].sent.start : span[0].i]
    if len(lead) >= 3 and lead[-1].lower_ == "of" and lead[-2].lower_ in P.PARTS_OF_DAY and lead[-3].lower_ == "the":
        lead = lead[:-3]  # "On the morning of 18 April 1906, ...": the date still sets the sentence's time
    return len(lead) <= 1 and all(x.pos_ == "ADP" for x in lead)


def _through_a_part_of_the_day(h):
    """The part of the day a date names ("the night of 3 September" -> "night"), which stands in the clause for
    it; else the date's own head."""
    if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lower_ in P.PARTS_OF_DAY:
        return h.head.head
    return h


def sentence_position(doc, t: Timex) -> str:
    """FRAME when the expression sets the time of its sentence's main clause ("In 1945, the Cubs lost",
    "On 3 June 1990 he resigned"); BOUNDING after "since", "until" ...; else BACKGROUND (the date of a
    noun or of a subordinate clause: "the 1988 bombing", "a company founded in 1987")."""
    h = head_token(doc, t.start, t.end)
    if h is None:
        return BACKGROUND
    h = _through_a_part_of_the_day(h)
    if h.dep_ == "pobj" and h.head.lower_ in _BOUNDING:
        return BOUNDING
    if _opens_its_sentence(doc, t):
        return FRAME  # "In 1945 the Cubs lost ...; the final game was played ...": whatever the parse
    if h.dep_ == "ROOT":
        return FRAME  # a timeline line: "January 23, 2013: Clinton testifies before the Senate"
    attach = h.head
    adverbial = h.dep_ in ("pobj", "npadvmod")
    if h.dep_ == "pobj":
        if attach.lower_ in _BOUNDING:
            return BOUNDING
        attach = attach.head
    if attach.dep_ == "ROOT" and adverbial:
        return FRAME  # also when the parser took the verb for a noun ("In 1920 the party split.")
    if attach.pos_ not in ("VERB", "AUX"):
        return BACKGROUND
    if attach.dep_ == "ROOT" or (attach.dep_ == "conj" and attach.head.dep_ == "ROOT"):
        return FRAME
    return BACKGROUND


# how a date modifies a noun rather than its clause: "a May 1 burglary", "Tuesday's vote", "the 2011 dinner"
_NOUN_MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "poss", "nmod"})


def modifies_a_noun(doc, t: Timex) -> bool:
    """Whether the expression dates a noun ("looking into a May 1 burglary", "painters of the 1960s") rather
    than the clause it stands in: such a date tells of another happening, not the passage's own time."""
    h = head_token(doc, t.start, t.end)
    if h is None:
        return False
    h = _through_a_part_of_the_day(h)
    if h.dep_ in _NOUN_MODIFIER_DEPS:
        return h.head.pos_ == "NOUN"  # a name after a date is more often a caption run on ("Tuesday Senator X")
    preposition = h.head
    return h.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.pos_ in ("NOUN", "PROPN")
