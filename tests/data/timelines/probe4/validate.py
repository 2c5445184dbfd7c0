"""Checks probe4 without the engine: the checks of tests/unit/test_probe_timelines.py (quotes, calendar values,
ascending dates, actors, status, one story per article) plus aliases, word counts, titles and weekday headers.
Prints the README table and OK. Run: python3 validate.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).parent
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def start(value: str) -> dt.date:
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday + dt.timedelta(days=5) if m[3] else monday
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.date.fromisoformat(value + "-01")
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1)
    raise ValueError(value)


corpus = {}
for path in sorted((HERE / "corpus").glob("*.json")):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert path.stem == doc["dId"] == hashlib.sha224(("probe4|" + doc["url"]).encode()).hexdigest(), path
    assert set(doc) == {"category", "dId", "date_publish", "description", "publisher", "title", "text", "url"}
    assert doc["title"] not in doc["text"], path
    words = len(doc["text"].split())
    assert 250 <= words <= 330, (path.name, words)
    assert not re.search(r"\b({})\b|\b(today|yesterday|tomorrow|tonight)\b".format("|".join(WEEKDAYS + MONTHS)),
                         doc["title"], re.IGNORECASE), doc["title"]
    year = int(doc["date_publish"][:4])
    for wd, day, month in re.findall(r"^({}) (\d{{1,2}}) ({})$".format("|".join(WEEKDAYS), "|".join(MONTHS)),
                                     doc["text"], re.MULTILINE):
        date = dt.date(year, MONTHS.index(month) + 1, int(day))
        assert WEEKDAYS[date.weekday()] == wd, (path.name, wd, day, month)
    corpus[doc["dId"][:8]] = doc

rows, seen_ids, clustered = [], set(), []
for path in sorted((HERE / "gold").glob("*.json")):
    gold = json.loads(path.read_text(encoding="utf-8"))
    arts = gold["articles"]
    clustered += arts
    texts = " ".join(corpus[a]["text"] for a in arts)
    for name, aliases in gold["focus_actors"].items():
        for alias in aliases:
            assert alias in texts, (path.name, name, alias)
    starts = [start(e["date"]) for e in gold["events"]]
    assert starts == sorted(starts), path.name
    mentions = planned = 0
    for e in gold["events"]:
        assert e["id"] not in seen_ids, e["id"]
        seen_ids.add(e["id"])
        for value in [e["date"], *e["alt_dates"]]:
            start(value)
        assert set(e["actors"]) <= set(gold["focus_actors"]), e["id"]
        assert e["status"] in {"occurred", "planned"}, e["id"]
        assert e["mentions"], e["id"]
        for m in e["mentions"]:
            assert m["article"] in arts, e["id"]
            assert m["quote"] in corpus[m["article"]]["text"], (e["id"], m["quote"])
        mentions += len(e["mentions"])
        planned += e["status"] == "planned"
    rows.append((path.name, len(arts), len(gold["events"]), mentions, planned))

assert sorted(clustered) == sorted(corpus), "every article in exactly one story"
print("| gold | articles | events | mentions | planned |")
print("|---|---|---|---|---|")
for r in rows:
    print("| `{}` | {} | {} | {} | {} |".format(*r))
print("| total | {} | {} | {} | {} |".format(*(sum(r[i] for r in rows) for i in range(1, 5))))
words = [len(d["text"].split()) for d in corpus.values()]
print(len(corpus), "articles,", min(words), "-", max(words), "words")
print("OK")
