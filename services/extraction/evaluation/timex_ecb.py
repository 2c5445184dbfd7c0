"""Temporal expressions on the ECB+ / EventStoryLine time layer (`topic_*.json`), scored like TempEval-3.

A document counts when its `esc` carries a `dct`; its gold timexes are the `esc.timexes` with a span
(implicit ones have none). The EventStoryLine values of clock times are converted to UTC ("4:08 p.m. ET"
-> 2013-05-02T20:08Z), which no tagger can know from the text, so values are compared on their date part:
"2013-05-02T20:08Z" and "2013-05-02T16:08" agree, as do "2013-05-02TMO" and "2013-05-02"; other values
must be identical once a single-digit month or day is padded ("2013-05-3" = "2013-05-03"). Spans are
aligned one-to-one on overlap, and P / R / F1, value accuracy and value F1 follow `tempeval.summarise`.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from services.extraction.evaluation.tempeval import DocScore, GoldTimex, TmlDocument, score_document

_TYPES = {"TIME_DATE": "DATE", "TIME_OF_THE_DAY": "TIME", "TIME_DURATION": "DURATION", "TIME_SET": "SET"}
_DATE = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=$|T)")


def value_key(value: str) -> str:
    """The part of a value that is compared: a calendar date without its time of day, else the value."""
    v = (value or "").strip()
    if m := _DATE.match(v):
        return f"{m[1]}-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else "")
    return v


def same_value(gold: str, system: str) -> bool:
    return value_key(gold) == value_key(system)


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
    return [score_document(doc, tag(doc.text, doc.dct), same_value) for doc in read_documents(directory)]
