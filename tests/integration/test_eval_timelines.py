"""`annals eval timelines` measures the real write path: a corpus of our own, a gold file of our own."""

from __future__ import annotations

import json

from services.evaluation.timelines import evaluate_timelines

ARTICLES = {
    "a1": {"text": "Prime Minister Jane Harlow visited the flooded town of Elmford on Monday. "
                   "Jane Harlow opened a new bridge in Elmford on Tuesday.",
           "date_publish": "2025-03-06 00:00:00", "publisher": "first", "url": "https://first.example/a1"},
    "a2": {"text": "Jane Harlow visited Elmford on Monday, days after the river burst its banks.",
           "date_publish": "2025-03-07 00:00:00", "publisher": "second", "url": "https://second.example/a2"},
}
GOLD = {
    "cluster": "floods",
    "articles": ["a1", "a2"],
    "focus_actors": {"Jane Harlow": ["Harlow", "Prime Minister Jane Harlow"]},
    "events": [
        {"id": "visit", "date": "2025-03-03", "alt_dates": [], "status": "occurred", "actors": ["Jane Harlow"],
         "summary": "Harlow visits Elmford", "mentions": []},
        {"id": "bridge", "date": "2025-03-04", "alt_dates": [], "status": "occurred", "actors": ["Jane Harlow"],
         "summary": "Harlow opens a bridge", "mentions": []},
        {"id": "inquiry", "date": "2025-03-10", "alt_dates": [], "status": "planned", "actors": ["Jane Harlow"],
         "summary": "an inquiry nobody reported", "mentions": []},
    ],
}


def _corpus_and_gold(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, article in ARTICLES.items():
        (corpus / f"{name}.json").write_text(json.dumps(article))
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD))
    return corpus, gold


def test_a_corpus_is_ingested_into_a_scratch_database_and_scored_per_actor(tmp_path, test_services):
    corpus, gold = _corpus_and_gold(tmp_path)

    report = evaluate_timelines([gold], corpus, postgres_url=test_services.admin_url)

    assert report.articles == 2
    assert report.found_as == {"Jane Harlow": "Jane Harlow"}
    (harlow,) = report.scores.actors
    assert harlow.gold == 3
    # the visit told by both outlets is one event (merged across articles), the opening another
    assert harlow.lenient_matches == 2 and report.duplicates["Jane Harlow"] == 0
    assert [g["id"] for g in harlow.unmatched_gold] == ["inquiry"]
    assert report.pooled.figures("lenient")["recall"] == harlow.lenient_matches / harlow.gold
    assert {source["article_id"] for event in report.events for source in event["sources"]} == {1, 2}


def test_the_articles_can_be_posted_in_reverse_order_and_give_the_same_timelines(tmp_path, test_services):
    corpus, gold = _corpus_and_gold(tmp_path)

    forward = evaluate_timelines([gold], corpus, postgres_url=test_services.admin_url)
    backward = evaluate_timelines([gold], corpus, postgres_url=test_services.admin_url, reverse=True)

    def first_posted(report):  # the article stored first has id 1
        return {s["url"] for event in report.events for s in event["sources"] if s["article_id"] == 1}

    assert first_posted(forward) == {"https://first.example/a1"}
    assert first_posted(backward) == {"https://second.example/a2"}
    assert backward.scores.figures("lenient") == forward.scores.figures("lenient")
    assert backward.duplicates == forward.duplicates


def test_why_counts_each_miss_by_the_stage_that_lost_it(tmp_path, test_services):
    from services.evaluation.misses import NO_ACTOR, NO_REPORT, OTHER_DATE

    corpus, _ = _corpus_and_gold(tmp_path)
    gold = tmp_path / "why.json"
    gold.write_text(json.dumps({**GOLD, "focus_actors": {"Jane Harlow": ["Harlow"], "Elmford": []}, "events": [
        # nothing dated in any article says so
        {"id": "inquiry", "date": "2025-03-10", "alt_dates": [], "status": "planned", "actors": ["Jane Harlow"],
         "summary": "-", "mentions": []},
        # the sentence is reported, dated Tuesday: a gold of another day is lost at the date
        {"id": "bridge-late", "date": "2025-03-20", "alt_dates": [], "status": "occurred", "actors": ["Jane Harlow"],
         "summary": "-", "mentions": [{"article": "a1", "quote": "Jane Harlow opened a new bridge in Elmford"}]},
        # the river's bursting is no actor's in the text: the report is there, without the actor
        {"id": "banks", "date": "2025-03-03", "alt_dates": [], "status": "occurred", "actors": ["Elmford"],
         "summary": "-", "mentions": [{"article": "a2", "quote": "Jane Harlow visited Elmford on Monday"}]},
    ]}))

    report = evaluate_timelines([gold], corpus, postgres_url=test_services.admin_url, why=True)

    missed = sum(len(score.unmatched_gold) for score in report.scores.actors)
    assert sum(report.losses.values()) == missed
    assert report.losses[NO_REPORT] == 1 and report.losses[OTHER_DATE] == 1
    # the wrong date is classed by its distance from the gold date, apart from the stage counts
    assert sum(report.losses.kinds.values()) == report.losses[OTHER_DATE]
    assert report.losses[NO_ACTOR] + report.losses[OTHER_DATE] + report.losses[NO_REPORT] == missed
