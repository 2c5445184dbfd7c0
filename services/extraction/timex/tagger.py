"""Finds temporal expressions in a parsed document and normalises them (TIMEX3) against the DCT."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.extraction.model import Timex
from services.extraction.nlp import doc_text
from services.extraction.timex import patterns as P
from services.extraction.timex.calendar import interval, month_end, safe_date
from services.extraction.timex.narrative import Anchor, NarrativeTime, modifies_a_noun
from services.extraction.timex.quotes import dated_quotations, said_on
from services.extraction.timex.rules import RULES, Context, Rule
from services.extraction.timex.rules.lowered import LoweredText
from services.extraction.timex.rules.resolve import day_first, tells_a_fall
from services.extraction.timex.tense import (
    FUTURE,
    PAST,
    UNKNOWN,
    dates_an_outcome,
    direction,
    in_the_present,
    in_the_present_perfect,
    is_the_time_of_a_past_verb,
)

_LAST_VERB = re.compile(r"last\s+(?=an?\s)", re.IGNORECASE)
_DET = re.compile(r"(its|their|his|her|our|the)\s+", re.IGNORECASE)
_HYPHEN_ADJ = re.compile(r"[\w.]+[-\u2010][A-Za-z]+")
_AS_SOON = re.compile(r"\bas\s+(?:soon|early)\s+as\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
_CALENDAR_VALUE = re.compile(r"(?:BC)?\d")  # a value on the calendar (not PRESENT_REF): a reference time
_BOUND = re.compile(r"\b(?:until|till|til|through|thru|by)\s+$", re.IGNORECASE)
_UNTIL_ONLY = re.compile(r"\b(?:until|till|til)\s+(?:at\s+least\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|til|through|thru|before)\s+(?:at\s+least\s+|the\s+)?$", re.IGNORECASE)
_POINT_BEFORE = re.compile(rf"\b(?:{'|'.join(P.POINT_BEFORE_WORDS)})\s+before\s+$", re.IGNORECASE)


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match

    def normalise(self, ctx: Context) -> tuple[str, str] | None:
        return self.rule.normalise(self.match, ctx)


def _month_ok(m: re.Match, doc, tok_at) -> bool:
    """Month and weekday names must be capitalised (unless the text is in capitals) and be nouns."""
    for g in ("month", "wd"):
        try:
            s = m.group(g)
        except IndexError:
            continue
        if not s:
            continue
        low = s.lower().rstrip(".")
        has_day = "day" in m.re.groupindex and m.group("day")
        if not s[0].isupper() and not _lowercase_name_ok(g, low, m, has_day):
            return False
        tok = tok_at(m.start(g))
        if tok is not None and g == "month" and not has_day and _is_name(doc, tok):
            return False
        if low in ("may", "march"):
            if tok is not None and (tok.tag_ == "MD" or tok.pos_ == "VERB"):
                return False
            if low == "may" and tok is not None and tok.i + 1 < len(doc):
                nxt = doc[tok.i + 1]
                if nxt.tag_ == "VB" or nxt.lower_ in ("be", "have", "not"):
                    return False
    return True


def _lowercase_name_ok(group: str, word: str, m: re.Match, has_day) -> bool:
    """Informal text writes names in lower case: full weekday names ("happy friday", "tues"), a month
    with its day ("jan 5", "sept. 3rd", "5th of nov"), a month after a preposition ("back in april").
    Month words that are common words need more: "august" a day, "may" and "march" an ordinal one."""
    if group == "wd":
        return word in P.LOWERCASE_WEEKDAYS
    if has_day:
        ordinal = re.search(r"[a-z]", m.group("day")) or "of" in m.group(0)[: m.start("month") - m.start()]
        return word not in ("may", "march", "mar") or bool(ordinal)
    before = re.search(r"([a-z]+)\s+$", m.string[max(0, m.start(group) - 12) : m.start(group)])
    if word in P.LOWERCASE_AMBIGUOUS_MONTHS:
        if before is not None and before.group(1) in P.LOWERCASE_MONTH_AFTER_A_LIMIT:
            return True  # "wait til march for the new one": a verb does not follow "til"
        return (before is not None and before.group(1) in P.LOWERCASE_AMBIGUOUS_MONTH_AFTER
                and P.LOWERCASE_MONTH_ENDS.match(m.string, m.end(group)) is not None)
    return before is not None and before.group(1) in P.LOWERCASE_MONTH_AFTER


def _is_name(doc, tok) -> bool:
    """'Theresa May', 'Prime Minister May', 'April Ryan': a month word used as a personal name."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART") and tok.ent_iob_ in ("B", "I"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and len(ent) > 1 and not any(t.like_num for t in ent):
            return True
    if tok.i > 0:
        prev = doc[tok.i - 1]
        if prev.lower_ in P.NAME_TITLES:
            return True
        if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.ent_type_ == "PERSON":
            return True
        if prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i == tok.i:
            word = prev.lower_.rstrip(".")
            if (
                word not in P.MONTHS
                and word not in P.WEEKDAYS
                and (not prev.is_sent_start or tok.dep_.startswith("nsubj") or _listed_with_a_person(doc, tok))
            ):
                return True  # "Theresa May said"
    if tok.i + 1 < len(doc):
        nxt = doc[tok.i + 1]
        if nxt.pos_ == "PROPN" and nxt.ent_type_ == "PERSON" and tok.ent_type_ == "PERSON":
            return True
    if _paired_with_a_name(doc, tok):
        return True
    # once the text has named "Theresa May", a bare "May" ("Trump invited May", "May's office") is her, unless
    # a word that introduces a month comes first ("in May", "since May")
    if tok.lower_ not in _words_of_full_names(doc):
        return False
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    possessive = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("'s", "\u2019s")
    return possessive or before not in P.LOWERCASE_MONTH_AFTER


def _paired_with_a_name(doc, tok) -> bool:
    """ "their daughters, May and Ruth, were born": a bare month word joined by "and" to a capitalised word that
    is no calendar word is a name (not "in May and June", "since May and Christmas")."""
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if before in P.LOWERCASE_MONTH_AFTER:
        return False
    pairs = []
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in P.NAME_PAIR_LINKS:
        pairs.append(doc[tok.i + 2])
    if tok.i >= 2 and before in P.NAME_PAIR_LINKS:
        pairs.append(doc[tok.i - 2])
    return any(_a_name_word(o) for o in pairs)


def _a_name_word(t) -> bool:
    w = t.lower_.rstrip(".")
    return (t.text[:1].isupper() and t.is_alpha and not t.is_sent_start and w not in P.MONTHS and w not in P.WEEKDAYS
            and w not in P.NOT_A_NAME_BESIDE_A_MONTH and w not in P.HOLIDAY_FIRST_WORDS)


def _listed_with_a_person(doc, tok) -> bool:
    """ "Theresa May and Tom Hale comment on ...": a name listed beside a person's name is a person's."""
    after = doc[tok.i + 1 : tok.i + 3]
    return len(after) == 2 and after[0].lower_ in P.NAME_LIST_LINKS and after[1].ent_type_ == "PERSON"


def _words_of_full_names(doc) -> frozenset[str]:
    """The words of the text's names of people that run to two words or more (read once per text)."""
    cached = doc.user_data.get("annals_full_name_words")
    if cached is None:
        cached = frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)
        doc.user_data["annals_full_name_words"] = cached
    return cached


_CAP_WORD = re.compile(r"[A-Z][\w'\u2019-]*")
_SENTENCE_GAP = re.compile(r"(?:^|[.!?:;\"\u201c\u201d`'(\[\n]|--|\u2014|_)\s*$")


def _in_title(text: str, s: int, e: int) -> bool:
    """A capitalised expression inside a name or title: "High Noon", "ABC's This Week", "VOA Today",
    "the March for Life". Sentence-initial capitals do not count."""
    words = text[s:e].split()
    if not words or not words[0][:1].isupper() or text[s:e].isupper():
        return False
    before = text[max(0, s - 30) : s]
    if _SENTENCE_GAP.search(before):
        return False  # sentence or quotation start
    prev = re.search(r"([\w'\u2019.-]+)\s*$", before)
    all_caps = all(w[:1].isupper() for w in words)
    if (
        prev
        and prev.group(1)[:1].isupper()
        and prev.group(1).lower().rstrip(".") not in P.CAPITALISED_NOT_TITLE
        and not _SENTENCE_GAP.search(before[: prev.start(1)])  # "The March accession" starts a sentence
    ):
        return True  # "High Noon", "VOA Today"
    if len(words) > 1 and all_caps:
        return True  # "This Week" mid-sentence
    after = text[e : e + 30]
    return bool(re.match(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z]", after)) and len(words) == 1  # "March for Life"


def _candidates(doc, text: str) -> list[_Candidate]:
    starts: dict[int, int] = {}  # a token's first character -> its index, read when a rule first asks

    def tok_at(i):
        if not starts:
            starts.update((idx, index) for index, idx in enumerate(doc.to_array("IDX").tolist()))
        if i in starts:
            return doc[starts[i]]
        span = doc.char_span(i, i + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    out = []
    lowered = LoweredText(text)
    for order, r in enumerate(RULES):
        if not lowered.may_match(r.literals):
            continue  # the text lacks every word the rule's pattern needs: it cannot match
        rx = r.scan or r.regex
        for m in rx.finditer(text):
            s, e = m.span("span") if "span" in rx.groupindex else m.span()
            # trim trailing spaces / possessives
            frag = text[s:e]
            stripped = re.sub(r"(?:'s|\u2019s)$", "", frag.rstrip())
            e = s + len(stripped)
            # determiners are not part of adjectival expressions ("its third-quarter", "the two-week")
            if _LAST_VERB.match(text, s, e):
                s += len("last ")  # "would last an hour": the verb is not part of the duration
            dm = _DET.match(text, s, e)
            if dm and (dm.group(1).lower() not in ("the",) or _HYPHEN_ADJ.fullmatch(text, dm.end(), e)):
                s = dm.end()
            if e <= s:
                continue
            if not _month_ok(m, doc, tok_at):
                continue
            if r.title_sensitive and _in_title(text, s, e):
                continue
            if r.parse_ok is not None and not r.parse_ok(m, doc, tok_at(s)):
                continue
            # do not start or end inside a word
            if s > 0 and text[s - 1].isalnum() and text[s].isalnum():
                continue
            if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
                continue
            out.append(_Candidate(s, e, order, r, m))
    return out


def _context(
    text: str,
    c: _Candidate,
    dct: date,
    ref: str | None,
    dirn: int,
    anchor: Anchor | None = None,
    *,
    day_first: bool = False,
    tells_a_fall: bool = False,
    scene: str | None = None,
    past_verb_time: bool = False,
) -> Context:
    s, e = c.match.span()
    before, after = text[max(0, s - 40) : s], text[e : e + 40]
    if anchor is not None:  # narrative mode: resolve around the passage's time, nearest occurrence
        return Context(anchor.date, UNKNOWN, ref, before, after, anchor.granularity, day_first, scene,
                       tells_a_fall=tells_a_fall)
    return Context(dct=dct, direction=dirn, ref=ref, before=before, after=after, day_first=day_first,
                   scene=scene, past_verb_time=past_verb_time, tells_a_fall=tells_a_fall)


def tag_timexes(doc, dct: date) -> list[Timex]:
    """All DATE/TIME/DURATION/SET expressions in doc, sorted by start, normalised against dct.

    A text that opens with its own date line ("Published: March 4, 2021") earlier than `dct` was written on
    that day, whatever day it reached us: its "last week" and "on Monday" are read against that day."""
    if isinstance(dct, datetime):
        dct = dct.date()
    timexes = _tag(doc, dct)
    written = written_on(doc, timexes, dct)
    return timexes if written == dct else _tag(doc, written)


def written_on(doc, timexes: list[Timex], dct: date) -> date:
    """The day the text was written: its own date line when that is earlier than `dct`, else `dct`."""
    line = _date_line(doc_text(doc), timexes)
    return line if line is not None and line < dct else dct


def stamp_day(nlp, lines: list[str], dct: date) -> date:
    """The day of a page's stamp line that cleaning dropped from its text ("Published: May 2, 2019") when
    earlier than `dct`, else `dct`: the stamp is no prose, but it tells the day the page was written."""
    if not lines:
        return dct
    doc = nlp("\n".join(lines))  # a few words, and only on pages that carry such a line
    return written_on(doc, _tag(doc, dct), dct)


_WORD = re.compile(r"[A-Za-z]+")


def _date_line(text: str, timexes: list[Timex]) -> date | None:
    """The day of a date line at the head of the text: a line that holds a full date (with its year) and
    nothing else but stamp words and punctuation ("March 4th, 2021 6:10pm EST", "(March 4, 2021) --")."""
    head_end = 0
    for _ in range(P.STAMP_LINES):
        head_end = text.find("\n", head_end + 1)
        if head_end < 0:
            head_end = len(text)
            break
    for t in timexes:
        if t.start >= head_end:
            break
        if t.date is None or t.date.granularity != "day" or not _EXPLICIT_YEAR.search(t.text):
            continue
        line_start = text.rfind("\n", 0, t.start) + 1
        line_end = text.find("\n", t.end)
        rest = text[line_start : t.start] + " " + text[t.end : line_end if line_end >= 0 else len(text)]
        if all(w.lower() in P.STAMP_WORDS for w in _WORD.findall(rest)):
            return t.date.start
    return None


_EXPLICIT_YEAR = re.compile(r"\d{4}|/\d\d\b")


def _tag(doc, dct: date) -> list[Timex]:
    text = doc_text(doc)
    order = day_first(text)
    falls = tells_a_fall(text)
    cands = _candidates(doc, text)
    dir_cache: dict[tuple[int, int], int] = {}

    def dirn(c):
        k = (c.start, c.end)
        if k not in dir_cache:
            d = direction(doc, c.start, c.end)
            before = text[max(0, c.start - 24) : c.start]
            if P.RESCHEDULED.search(before):
                d = FUTURE  # "the vote was postponed until Monday": the new date lies after the change
            elif d == PAST and P.BOOKED_FOR.search(text, max(0, c.start - 60), c.start):
                d = UNKNOWN  # "booked a class for fri": the day comes after the booking, before or after now
            elif d == PAST and _UNTIL_ONLY.search(before) and in_the_present_perfect(doc, c.start, c.end):
                d = FUTURE  # "has been released on bail until March": the state holds now and ends then
            elif d == PAST and _UNTIL.search(before) and not _POINT_BEFORE.search(before):
                d = UNKNOWN  # "gave them until mid-November": a deadline, not the past
            elif d == UNKNOWN and _BOUND.search(before) and in_the_present(doc, c.start, c.end):
                d = FUTURE  # "is closed until May", "is valid through June": a state now that ends then
            elif _AS_SOON.search(before):
                d = FUTURE  # "as soon as Tuesday", "as early as next week"
            if c.rule.name == "weekday" and _dates_a_past_outcome(doc, before, c):
                d = PAST  # "We stand by Tuesday's ruling", "will appeal against Tuesday's decision"
            dir_cache[k] = d
        return dir_cache[k]

    def past_verb(c) -> bool:
        return dirn(c) == PAST and is_the_time_of_a_past_verb(doc, c.start, c.end)

    # pass 1: keep candidates a normaliser accepts, longest first
    accepted = []
    first_values: dict[tuple[int, int], str] = {}  # as read from the publication date
    for c in cands:
        res = c.normalise(_context(text, c, dct, dct.isoformat(), dirn(c), day_first=order, tells_a_fall=falls))
        if res is not None:
            accepted.append(c)
            first_values[c.start, c.end] = res[1]
    accepted.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in accepted:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    quotes = dated_quotations(text, [(c.start, c.end, first_values[c.start, c.end]) for c in chosen], dct)

    # pass 2: values in document order, with the running reference time for anaphora
    out: list[Timex] = []
    ref: str | None = None
    ref_end, ref_bc = 0, False  # where the reference ends; whether it is a year before Christ
    scene: str | None = None
    narrative = NarrativeTime(doc, dct)
    for c in chosen:
        res = anchor = None
        told = False
        if (spoken := said_on(quotes, c.start, c.end)) is not None:
            # quoted words count from the day they were said: 'he said on October 31: "... this morning"'
            res = c.normalise(_context(text, c, spoken, spoken.isoformat(), dirn(c), day_first=order,
                                       tells_a_fall=falls))
        if res is None and c.rule.narrative_on(c.match) and (anchor := narrative.anchor(c.start, dirn(c))):
            res = c.normalise(_context(text, c, dct, ref, dirn(c), anchor, day_first=order, tells_a_fall=falls, scene=scene))
        if res is None:
            told = past_verb(c)
            res = c.normalise(_context(text, c, dct, ref, dirn(c), day_first=order, tells_a_fall=falls, scene=scene, past_verb_time=told))
        if res is None:
            res = c.normalise(
                _context(text, c, dct, dct.isoformat(), dirn(c), day_first=order, tells_a_fall=falls, scene=scene, past_verb_time=told)
            )
        if (res is not None and anchor is None and _DAY_VALUE.match(res[1])
                and P.ANAPHOR_WORD.search(text, c.start, c.end)
                and (coarse := _coarse_past_reference(text, out, c.start, dct))):
            # "Thirteen years ago, ... They lost the next night": the night after the reference, which says
            # only its year; never the night after the publication date. Only a day or finer ("a year
            # earlier" still counts its year) that says it follows another time (a bare "at 3:30 a.m." or
            # "noon" in news is of the day reported); and only an anaphor counted from the publication date
            # (its value follows the reference time, and it took the publication date's)
            on_dct = c.normalise(_context(text, c, dct, dct.isoformat(), dirn(c), day_first=order, tells_a_fall=falls, past_verb_time=told))
            probe = (dct - _ELSEWHERE).isoformat()
            other = c.normalise(_context(text, c, dct, probe, dirn(c), day_first=order, tells_a_fall=falls, past_verb_time=told))
            if res == on_dct and other != res:
                res = ("DATE", coarse)
        if res is not None and anchor is None and ref_bc and c.rule.narrative_on(c.match):
            res = _in_a_year_bc(res, ref, text, ref_end, c.start, dirn(c))
        if res is None:
            continue
        typ, value = res
        ed = interval(value) if typ in ("DATE", "TIME") else None
        out.append(Timex(c.start, c.end, text[c.start : c.end], typ, value, ed))
        if spoken is not None:
            continue  # the quotation's time, not the passage's: it sets no reference time or scene
        narrative.observe(out[-1])
        if typ in ("DATE", "TIME") and _CALENDAR_VALUE.match(value) and c.rule.anchors_on(c.match):
            ref, ref_end, ref_bc = value, c.end, value.startswith("BC")
            if ed is not None and ed.start == ed.end and _sets_the_scene(doc, text, out[-1]):
                scene = value
    return _merge_anchored(text, out)


def _dates_a_past_outcome(doc, before: str, c: _Candidate) -> bool:
    """A bare weekday's possessive before a noun of an outcome ("Tuesday's ruling") dates something done, whatever
    the tense of its clause; unless it is awaited ("ahead of Thursday's verdict", "until Friday's result")."""
    return (not c.match["rel"] and not c.match["month"] and not P.BEFORE_AN_OUTCOME_TO_COME.search(before)
            and dates_an_outcome(doc, c.start, c.end))


def _sets_the_scene(doc, text: str, t: Timex) -> bool:
    """Whether a day becomes the day the passage tells of: not when it dates a noun ("a May 1 burglary"), nor when
    it bounds a stretch reaching to now or ahead ("rain has fallen since Friday morning"): a bare "at 6pm" after
    it still falls on the day told before."""
    return not modifies_a_noun(doc, t) and not P.SCENE_NOT_SET_AFTER.search(text, max(0, t.start - 24), t.start)


_COARSE_VALUE = re.compile(r"\d{4}(?:-\d\d)?$")  # a year or a month on the calendar
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")  # a day, or a time of one
_ELSEWHERE = timedelta(days=400)  # a probe: a value that moves with the reference time depends on it


def _coarse_past_reference(text: str, out: list[Timex], start: int, dct: date) -> str | None:
    """The time of the passage when the last date before `start` is a year or a month wholly before the
    publication date ("Thirteen years ago" -> "2013", "in March 2004") in the same paragraph: a day-level
    anaphor after it ("the next night", "the following day", "that evening") can be placed no closer than
    it, and not on the publication date."""
    last = next((t for t in reversed(out) if t.type in ("DATE", "TIME") and _CALENDAR_VALUE.match(t.value)), None)
    if last is None or not _COARSE_VALUE.match(last.value) or P.PARAGRAPH_BREAK.search(text, last.end, start):
        return None
    return last.value if last.date is not None and last.date.end < dct else None


_ANCHOR_GAP = re.compile(r"\s+(before|after|prior\s+to|following|from)\s+$", re.IGNORECASE)
_PERIOD = re.compile(r"P(\d+)([DWMY])")


_YEARLESS_VALUE = re.compile(r"\d{4}(-(?:\d\d(?:-\d\d)?|SP|SU|FA|WI))$")


def _in_a_year_bc(res: tuple[str, str], ref: str, text: str, ref_end: int, start: int, dirn: int):
    """A year-less date in a passage about a year BC ("In 490 BC ... in September") is of that year, not of
    the publication's: the narrative reference time for eras the calendar of `date` cannot hold. Not across
    a paragraph break, nor in a clause about the future."""
    typ, value = res
    if dirn == FUTURE or P.PARAGRAPH_BREAK.search(text, ref_end, start) or not (m := _YEARLESS_VALUE.match(value)):
        return res
    return typ, ref[:6] + m[1]


def _merge_anchored(text: str, tx: list[Timex]) -> list[Timex]:
    """'two days after June 3', 'a week before Christmas': one DATE, the anchor shifted."""
    out: list[Timex] = []
    i = 0
    while i < len(tx):
        a = tx[i]
        if i + 1 < len(tx) and a.type == "DURATION" and (pm := _PERIOD.fullmatch(a.value)):
            b = tx[i + 1]
            gap = _ANCHOR_GAP.fullmatch(text, a.end, b.start)
            if gap and b.date is not None and b.date.granularity == "day":
                n, unit = int(pm[1]), pm[2]
                sign = -1 if gap.group(1).lower().startswith(("before", "prior")) else 1
                d = b.date.start
                if unit == "D":
                    d = d + timedelta(days=sign * n)
                elif unit == "W":
                    d = d + timedelta(weeks=sign * n)
                else:
                    months = n * (12 if unit == "Y" else 1) * sign
                    y, mo = divmod(d.month - 1 + months, 12)
                    d = safe_date(d.year + y, mo + 1, min(d.day, month_end(d.year + y, mo + 1).day)) or d
                value = d.isoformat()
                out.append(Timex(a.start, b.end, text[a.start : b.end], "DATE", value, interval(value)))
                i += 2
                continue
        if i + 1 < len(tx) and (anchored := _weekday_around(text, a, tx[i + 1])) is not None:
            out.append(anchored)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_BARE_WEEKDAY = re.compile(P.WEEKDAY, re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_WEEKDAY_GAP = re.compile(r"\s+(before|after|following|preceding)\s+", re.IGNORECASE)


def _weekday_around(text: str, a: Timex, b: Timex) -> Timex | None:
    """'the Sunday before Election Day', 'the Monday after June 3': that weekday next to the date."""
    if not (_BARE_WEEKDAY.fullmatch(a.text) and _THE_BEFORE.search(text, max(0, a.start - 8), a.start)):
        return None
    gap = _WEEKDAY_GAP.fullmatch(text, a.end, b.start)
    if gap is None or b.date is None or b.date.granularity != "day":
        return None
    wd, anchor = P.WEEKDAYS[a.text.lower().rstrip(".")], b.date.start
    if gap.group(1).lower() in ("before", "preceding"):
        d = anchor - timedelta(days=(anchor.isoweekday() - wd) % 7 or 7)
    else:
        d = anchor + timedelta(days=(wd - anchor.isoweekday()) % 7 or 7)
    value = d.isoformat()
    return Timex(a.start, b.end, text[a.start : b.end], "DATE", value, interval(value))


def tag_text(text: str, dct: date, nlp=None) -> list[Timex]:
    """Convenience: parse `text` with the spaCy pipeline and tag it."""
    if nlp is None:
        from services.extraction.nlp import load_pipeline

        nlp = load_pipeline()
    return tag_timexes(nlp(text), dct)
