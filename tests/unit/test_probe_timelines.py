"""The probe timelines (tests/data/timelines/probe: invented stories, gold written before running the engine)
load as `annals eval timelines` reads them: every mention quotes its article exactly, every date is a calendar
value, every event's actors are focus actors of its story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.evaluation.corpus import read_corpus
from services.evaluation.timelines import read_gold
from services.extraction.evaluation.events import value_interval

PROBE = Path(__file__).parents[1] / "data" / "timelines" / "probe"
GOLD = sorted((PROBE / "gold").glob("*.json"))


def test_probe_set_is_there():
    assert len(GOLD) == 4
    assert len(read_corpus(PROBE / "corpus")) == 16


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_quotes_dates_and_actors(path):
    articles = {name[:8]: article for name, article in read_corpus(PROBE / "corpus").items()}
    document = json.loads(path.read_text(encoding="utf-8"))
    assert set(document["articles"]) <= set(articles)
    dates = [e["date"] for e in document["events"]]
    assert [value_interval(d).start for d in dates] == sorted(value_interval(d).start for d in dates)
    for event in document["events"]:
        for value in [event["date"], *event["alt_dates"]]:
            assert value_interval(value) is not None, (event["id"], value)
        assert set(event["actors"]) <= set(document["focus_actors"]), event["id"]
        assert event["status"] in {"occurred", "planned"}
        assert event["mentions"], event["id"]
        for mention in event["mentions"]:
            assert mention["article"] in document["articles"], event["id"]
            assert mention["quote"] in articles[mention["article"]].text, (event["id"], mention["quote"])


def test_gold_reads_as_the_evaluation_reads_it():
    gold = read_gold(GOLD)
    assert len(gold.events) == sum(len(json.loads(p.read_text())["events"]) for p in GOLD)
