"""Temporal expression tagging (TIMEX3) and datable phrases for events.

Public API
    tag_timexes(doc, dct) -> list[Timex]
        every DATE / TIME / DURATION / SET expression of a parsed spaCy Doc, sorted by start, with char
        offsets into doc.text and TIMEX3 values normalised against the publication date `dct`;
        Timex.date is the calendar interval when the value pins one (DATE/TIME), else None.
        A text that opens with its own date line earlier than `dct` ("Published: March 4, 2021") is
        normalised against that day instead (written_on(doc, timexes, dct) gives it).
    tag_text(text, dct, nlp=None) -> list[Timex]
        the same on raw text (parses it with services.extraction.nlp.load_pipeline()).
    find_temporal_phrases(doc, dct, timexes=None) -> list[TemporalPhrase]
        the datable phrases for events: each dated timex, ranges ("between August and February",
        "from May to July", "2009-2010", "May 3-5"), a duration anchored on its start date ("a two-day
        visit starting on Tuesday") and "in/within N units" in a future clause. Constituents of a range
        are not repeated on their own; durations alone and sets are never phrases.

How it works (HeidelTime-style rules, no model beyond the spaCy parse)
    patterns.py   vocabulary tables, word lists and the pattern pieces (MONTH, WEEKDAY, ...)
    rules/        each rule declared once: name, type, pattern, normaliser (match, context) -> (type,
                  value) or None, and an example; by family: absolute.py (calendar names), relative.py
                  (today, last week, two years ago, that day), times_of_day.py, durations.py (and sets)
    tense.py      direction of the clause governing an expression (past / future / unknown) from the
                  parse: past tense and present perfect look back; will / shall / going to, "is
                  scheduled / expected / due / set to", "plans to", "is to", the present progressive
                  and "scheduled for" participles look forward; "planned to" and infinitives under a
                  past verb are left open (nearest occurrence)
    calendar.py   arithmetic on TIMEX3 values and their intervals (EventDate)
    narrative.py  the narrative reference time: in a passage about the past (opened by an explicit date
                  more than a year before the DCT that frames its sentence), year-less dates resolve
                  around the passage's time ("In 1917 ... on the 25th of August" -> 1917-08-25)
    tagger.py     candidates from all rules, longest-first overlap resolution, values in document
                  order with a running reference time for anaphora ("a year earlier", "that day",
                  "that Sunday"),
                  durations anchored on a date merged into one DATE ("two days after June 3")
    ranges.py     TemporalPhrase building
    commands.py   `annals timex` and `annals eval tempeval`

Conventions follow TimeML / TempEval-3 as annotated in TBAQ: weekdays and bare months resolve by tense
(past: the most recent one not after the DCT; future: the next one; unknown: the nearest), ISO weeks
("last week" -> 2024-W24 for a DCT in W25), weekends as 2024-W24-WE, seasons YYYY-SU, quarters
YYYY-Q3, halves YYYY-H1, decades "199", centuries "19", times of day 2024-06-17TMO / T15:00,
PRESENT_REF / PAST_REF / FUTURE_REF for "now", "recently", "the future", durations P2D / PT24H / PXY,
sets P1W / XXXX-WXX-1, years of an era BC0218 / 0800. Holidays come from one table (patterns.HOLIDAYS: name ->
day rule, fixed, n-th weekday or counted from Easter; the US day where countries differ, "Mothering Sunday" for
the UK's) and resolve by tense like months; "D-Day" is 1944-06-06 unless another decisive day is meant. Informal spellings ("tmrw", "nxt wk", "2nite",
"todayyy") read as the standard words (patterns.INFORMAL_SPELLINGS, resolve.canonical); numeric dates take
the order the text shows (day first when its dates say so, else US month/day). Approximators ("about", "nearly") and possessive determiners are outside spans.
"""

from services.extraction.timex.ranges import TemporalPhrase, find_temporal_phrases
from services.extraction.timex.tagger import stamp_day, tag_text, tag_timexes, written_on

__all__ = ["TemporalPhrase", "find_temporal_phrases", "stamp_day", "tag_text", "tag_timexes", "written_on"]
