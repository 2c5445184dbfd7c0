"""How a stored event changes when another report of the same happening arrives (pure: no database).

Everything here depends on the set of reports, not on their order: the finest date, the status the reports
and their publication dates support, the best report confidence, the number of independent outlets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from services.extraction import model as extracted
from services.extraction.merge import combine_events


@dataclass(frozen=True, slots=True)
class Revision:
    date: extracted.EventDate
    status: str
    report_confidence: float
    trigger: str
    summary: str
    speaker: str | None  # the wording's: who made the statement it reports


def revise(stored: extracted.Event, report: extracted.Event, published_at: datetime,
           first_reported_at: datetime | None) -> Revision:
    """The stored event after `report` (published at `published_at`) joined it.

    The finer date wins (a month gives way to a day inside it). A planned event has occurred once a report
    says it happened and, at that report's publication, the (finer) date had come. The wording (trigger and
    summary) is the first report's: the earliest published, ties by wording, so arrival order does not decide.
    """
    finer = _one_of_equal_spans(combine_events(stored, report).date, stored.date, report.date)
    status = stored.status
    if stored.status == "planned" and report.status == "occurred" and finer.start <= published_at.date():
        status = "occurred"
    wording = stored
    if first_reported_at is None or (published_at, report.trigger, report.summary) < (
            first_reported_at, stored.trigger, stored.summary):
        wording = report
    return Revision(finer, status, max(stored.confidence, report.confidence), wording.trigger, wording.summary,
                    wording.speaker)


def _one_of_equal_spans(finer: extracted.EventDate, a: extracted.EventDate,
                        b: extracted.EventDate) -> extracted.EventDate:
    """Two values for the same days ("2016-11-02" and "2016-11-02TNI") contain each other, so `combine_events`
    keeps whichever came second: take the more detailed value (ties by value) in every order instead."""
    if (a.start, a.end) == (b.start, b.end) and a.value != b.value:
        return max(a, b, key=lambda when: (len(when.value), when.value))
    return finer


# Each further independent outlet halves the remaining doubt.
def corroborated_confidence(report_confidence: float, outlets: int) -> float:
    return round(1 - (1 - report_confidence) * 0.5 ** max(outlets - 1, 0), 2)


def outlet_of(source: str | None, url: str | None, article_id: int) -> str:
    """Who published an article: its `source`, else its URL's host (without "www."), else the article itself."""
    if source and source.strip():
        return "source:" + source.strip().casefold()
    if url:
        host = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
        if host:
            return "host:" + host
    return f"article:{article_id}"
