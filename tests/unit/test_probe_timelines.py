"""The probe timelines (tests/data/timelines/probe, probe2, probe3 and probe4: invented stories, gold written before
running the engine) load as `annals eval timelines` reads them: every mention quotes its article exactly, every date
is a calendar value, every event's actors are focus actors of its story, every article belongs to exactly one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.evaluation.corpus import read_corpus
from services.evaluation.timelines import read_gold
from services.extraction.evaluation.events import value_interval

DATA = Path(__file__).parents[1] / "data" / "timelines"
# probe set -> (gold files, articles)
SETS = {"probe": (4, 16), "probe2": (5, 18), "probe3": (5, 18), "probe4": (5, 18)}
GOLD = [(name, path) for name in SETS for path in sorted((DATA / name / "gold").glob("*.json"))]


def _articles(name: str) -> dict:
    return {stem[:8]: article for stem, article in read_corpus(DATA / name / "corpus").items()}


@pytest.mark.parametrize("name", SETS)
def test_probe_set_is_there(name):
    files, articles = SETS[name]
    gold = sorted((DATA / name / "gold").glob("*.json"))
    assert len(gold) == files
    assert len(read_corpus(DATA / name / "corpus")) == articles
    clustered = [a for path in gold for a in json.loads(path.read_text(encoding="utf-8"))["articles"]]
    assert sorted(clustered) == sorted(_articles(name)), "every article in exactly one story"


@pytest.mark.parametrize(("name", "path"), GOLD, ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_gold_quotes_dates_and_actors(name, path):
    articles = _articles(name)
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


@pytest.mark.parametrize("name", SETS)
def test_gold_reads_as_the_evaluation_reads_it(name):
    paths = sorted((DATA / name / "gold").glob("*.json"))
    gold = read_gold(paths)
    # read_gold keeps the first event of an id: ids must be unique across a set's files
    assert len(gold.events) == sum(len(json.loads(p.read_text())["events"]) for p in paths)
