"""`annals eval coref` posts ECB+-shaped documents through the real write path: a topic of our own."""

from __future__ import annotations

import json

from services.evaluation.coref import evaluate_coref

A = ("Prime Minister Jane Harlow visited the flooded town of Elmford on Monday.\n"
     "Jane Harlow opened a new bridge in Elmford on Tuesday.")
B = "Jane Harlow visited Elmford on Monday, days after the river burst its banks."
C = "Jane Harlow visited the flooded town of Elmford on Monday."  # no publication date: not posted


def action(text, word, chain, sentence=0, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return {"start": start, "end": start + len(word), "text": word, "tag": "ACTION_OCCURRENCE",
            "sentence": sentence, "chain": chain, "chain_type": "cross_doc"}


def document(doc_id, text, actions, dct):
    return {"id": doc_id, "topic": "1", "subtopic": "1_ecbplus", "text": text, "actions": actions,
            "esc": {"dct": dct, "timexes": []} if dct else None}


TOPIC = {
    "topic": "1",
    "documents": [
        document("1_1ecbplus", A, [action(A, "visited", "VISIT"), action(A, "opened", "OPEN", 1)], "2025-03-06T09:00"),
        document("1_2ecbplus", B, [action(B, "visited", "VISIT"), action(B, "burst", "BURST")], "2025-03-07"),
        document("1_3ecb", C, [action(C, "visited", "VISIT")], None),
    ],
    "chains": {},
}


def test_dated_documents_are_posted_and_their_events_scored_against_the_chains(tmp_path, test_services):
    (tmp_path / "topic_01.json").write_text(json.dumps(TOPIC))
    (tmp_path / "topic_02.json").write_text(json.dumps({**TOPIC, "topic": "2"}))

    report = evaluate_coref(tmp_path, topics={"1"}, postgres_url=test_services.admin_url)

    assert report.documents == 2  # the undated document and the other topic are left out
    mapped = {(m.document_id, m.chain) for m in report.mentions}
    assert {("1_1ecbplus", "VISIT"), ("1_2ecbplus", "VISIT")} <= mapped
    # the visit both outlets report is one stored event: the only cross-document gold pair is found
    assert report.system.pairwise[1] == 1.0
    assert report.system.events_per_happening == 1.0 and report.system.happenings == 1
    assert report.system.over_merged == 0
    assert report.baseline.pairwise[1] == 1.0


def test_the_documents_can_be_posted_in_reverse_order_and_give_the_same_figures(tmp_path, test_services):
    (tmp_path / "topic_01.json").write_text(json.dumps(TOPIC))

    forward = evaluate_coref(tmp_path, topics={"1"}, postgres_url=test_services.admin_url)
    backward = evaluate_coref(tmp_path, topics={"1"}, postgres_url=test_services.admin_url, reverse=True)

    assert backward.documents == forward.documents == 2
    assert backward.system == forward.system and backward.baseline == forward.baseline
    assert {(m.document_id, m.chain) for m in backward.mentions} == {(m.document_id, m.chain) for m in forward.mentions}
