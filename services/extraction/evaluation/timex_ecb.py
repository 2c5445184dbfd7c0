"""Temporal expressions on the ECB+ / EventStoryLine time layer (`topic_*.json`), scored like TempEval-3.

A document counts when its `esc` carries a `dct`; its gold timexes are the `esc.timexes` with a span
(implicit ones have none). The EventStoryLine values of clock times are converted to UTC ("4:08 p.m. ET"
-> 2013-05-02T20:08Z), which no tagger can know from the text, so values are compared on their date part:
"2013-05-02T20:08Z" and "2013-05-02T16:08" agree, as do "2013-05-02TMO" and "2013-05-02"; other values
must be identical once a single-digit month or day is padded ("2013-05-3" = "2013-05-03"). A UTC time is
of another calendar day where the text is local: "10:04 PM ET" on July 7 is 2012-07-08T03:04Z. So a UTC
gold time also agrees with a local time that a real UTC offset (-12:00 to +14:00, in quarter hours) makes
that instant ("2012-07-07T22:04"), and with a date that is its day somewhere ("2012-07-07"). The layer writes
a decade or a century with placeholders as TIMEX2 did ("194X", "19XX"), TIMEX3 without them ("194", "19");
and "now" as the publication date, which TIMEX3 writes PRESENT_REF: both agree. Spans are
aligned one-to-one on overlap, and P / R / F1, value accuracy and value F1 follow `tempeval.summarise`.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

from services.extraction.evaluation.tempeval import DocScore, GoldTimex, TmlDocument, score_document

_TYPES = {"TIME_DATE": "DATE", "TIME_OF_THE_DAY": "TIME", "TIME_DURATION": "DURATION", "TIME_SET": "SET"}
_DATE = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=$|T)")


_PLACEHOLDER_DECADE = re.compile(r"(\d{2,3})X+$")


def value_key(value: str) -> str:
    """The part of a value that is compared: a calendar date without its time of day, a decade or century
    without placeholder digits ("194X" -> "194"), else the value."""
    v = (value or "").strip()
    if m := _DATE.match(v):
        return f"{m[1]}-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else "")
    if (m := _PLACEHOLDER_DECADE.match(v)) and len(v) == 4:
        return m[1]
    return v


_UTC_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})T(\d\d):(\d\d)Z$")
_LOCAL = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?$")
_OFFSETS = (timedelta(hours=-12), timedelta(hours=14))  # the UTC offsets of the world's time zones
_QUARTER_HOUR = 15


def _local_agrees(utc: datetime, system: str) -> bool:
    """Whether `system` (a local time, or a date) is the UTC instant `utc` somewhere on Earth."""
    m = _LOCAL.match(system)
    if m is None:
        return False
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if m[4] is None:
        lo, hi = (utc + _OFFSETS[0]).date(), (utc + _OFFSETS[1]).date()
        return lo <= date(y, mo, d) <= hi
    offset = datetime(y, mo, d, int(m[4]), int(m[5])) - utc
    minutes = offset.total_seconds() / 60
    return _OFFSETS[0] <= offset <= _OFFSETS[1] and minutes % _QUARTER_HOUR == 0


def same_value(gold: str, system: str, dct: date | None = None) -> bool:
    """Whether the values agree; with the publication date `dct`, PRESENT_REF is that day."""
    if value_key(gold) == value_key(system):
        return True
    if dct is not None and system == "PRESENT_REF" and value_key(gold) == dct.isoformat():
        return True
    g = _UTC_TIME.match((gold or "").strip())
    if g is None:
        return False
    try:
        utc = datetime(int(g[1]), int(g[2]), int(g[3]), int(g[4]), int(g[5]))
        return _local_agrees(utc, (system or "").strip())
    except ValueError:
        return False


def _dct(value: str) -> date | None:
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value or "")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None


def read_documents(directory: Path) -> list[TmlDocument]:
    """The documents of every topic_*.json below `directory` that have a DCT."""
    docs = []
    for path in sorted(Path(directory).glob("topic_*.json")):
        for d in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            esc = d.get("esc") or {}
            dct = _dct(esc.get("dct") or "")
            if dct is None:
                continue
            gold = [
                GoldTimex(
                    t["start"],
                    t["end"],
                    d["text"][t["start"] : t["end"]],
                    _TYPES.get(t.get("tag", ""), ""),
                    t["value"] or "",
                )
                for t in esc.get("timexes", [])
                if t.get("start") is not None
            ]
            gold.sort(key=lambda t: (t.start, t.end))
            docs.append(TmlDocument(d["id"], d["text"], dct, esc["dct"], gold))
    return docs


def score_tagger(directory: Path, tag) -> list[DocScore]:
    """Score `tag(text, dct) -> objects with start/end/type/value` on the ECB+ time layer."""
    return [
        score_document(doc, tag(doc.text, doc.dct), partial(same_value, dct=doc.dct))
        for doc in read_documents(directory)
    ]
