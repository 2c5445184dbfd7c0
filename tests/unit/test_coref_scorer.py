"""The ECB+ coreference scorer: mapping stored sources to gold mentions, and the figures, on hand-made data."""

from datetime import date

import pytest

from services.evaluation.coref import (
    GoldDocument,
    GoldMention,
    MappedMention,
    StoredSource,
    lemma_baseline_clusters,
    map_sources,
    parse_topics,
    score,
    system_clusters,
)

TEXT = "Quake hits town\nA strong earthquake hit the town on Monday, killing three people.\nOfficials said so."
DOCUMENT = GoldDocument(
    "1_1", "1", "1_a", TEXT, date(2020, 3, 2),
    (
        GoldMention(TEXT.index("hits"), TEXT.index("hits") + 4, "hits", "HIT"),
        GoldMention(TEXT.index("hit the"), TEXT.index("hit the") + 3, "hit", "HIT"),
        GoldMention(TEXT.index("killing"), TEXT.index("killing") + 7, "killing", "KILL"),
        GoldMention(TEXT.index("said"), TEXT.index("said") + 4, "said", "SAY"),
    ),
)
LEMMAS = {"hits": ("hit",), "hit": ("hit",), "killing": ("kill",), "said": ("say",)}


def lemmas(document):
    return {(m.start, m.end): LEMMAS[m.text] for m in document.mentions}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [(None, None), ("3", {"3"}), ("1-3", {"1", "2", "3"}), ("1,4-5", {"1", "4", "5"})],
)
def test_parse_topics(spec, expected):
    assert parse_topics(spec) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected_chains"),
    [
        # cleaning straightened the text and added a full stop: the words still find the sentence
        ("A strong earthquake hit the town on Monday, killing three people.", "hit", ["HIT"]),
        ("A strong earthquake hit the town on Monday, killing three people.", "kill", ["KILL"]),
        ("Quake hits town.", "hit", ["HIT"]),
        ("Officials said so.", "hit", []),  # no mention in that sentence has the trigger's lemma
        ("A sentence the article never had.", "hit", []),
    ],
)
def test_a_source_maps_to_the_mention_with_its_trigger_in_its_sentence(sentence, trigger, expected_chains):
    mapped = map_sources([StoredSource(7, "1_1", sentence, trigger)], [DOCUMENT], lemmas)
    assert [m.chain for m in mapped] == expected_chains


def test_a_mention_is_mapped_once():
    sentence = "A strong earthquake hit the town on Monday, killing three people."
    mapped = map_sources(
        [StoredSource(1, "1_1", sentence, "hit"), StoredSource(2, "1_1", sentence, "hit")], [DOCUMENT], lemmas
    )
    assert [(m.event_id, m.chain) for m in mapped] == [(1, "HIT")]


def mention(document, chain, event, lemma="hit", topic="1"):
    return MappedMention(document, topic, 0, chain, lemma, event)


def test_a_perfect_clustering_scores_one():
    mentions = [mention("a", "X", 1), mention("b", "X", 1), mention("c", "Y", 2), mention("d", "Y", 2)]
    figures = score(mentions, system_clusters)
    assert figures.pairwise == (1.0, 1.0, 1.0)
    assert figures.b_cubed == (1.0, 1.0, 1.0)
    assert figures.events_per_happening == 1.0
    assert figures.over_merged == 0


def test_split_and_fused_chains_are_counted():
    # chain X reported by three articles is split into two events; event 3 fuses chain Y with chain Z
    mentions = [
        mention("a", "X", 1), mention("b", "X", 1), mention("c", "X", 2),
        mention("a", "Y", 3), mention("b", "Z", 3),
    ]
    figures = score(mentions, system_clusters)
    precision, recall, _ = figures.pairwise
    # cross-document pairs: gold (a,b),(a,c),(b,c) for X; system (aX,bX), (aY,bZ)
    assert precision == pytest.approx(1 / 2)
    assert recall == pytest.approx(1 / 3)
    assert figures.happenings == 1 and figures.events_per_happening == 2.0
    assert (figures.over_merged, figures.multi_mention_clusters) == (1, 2)
    assert figures.over_merged_share == 0.5


def test_the_lemma_baseline_clusters_by_topic_and_lemma():
    mentions = [mention("a", "X", 1, "hit"), mention("b", "X", 2, "hit"), mention("c", "Y", 3, "hit", topic="2")]
    figures = score(mentions, lemma_baseline_clusters)
    assert figures.pairwise == (1.0, 1.0, 1.0)
    assert figures.events_per_happening == 1.0


def test_fusing_singletons_is_not_counted_as_an_over_merge():
    # ECB+ gives each unlinked mention a chain of its own document: two outlets' identical background sentence
    mentions = [mention("a", "SINGLETON_a_1", 1), mention("b", "SINGLETON_b_7", 1), mention("a", "X", 2),
                mention("b", "X", 2), mention("c", "SINGLETON_c_2", 2)]
    figures = score(mentions, system_clusters)
    assert (figures.over_merged, figures.multi_mention_clusters) == (0, 2)
    assert figures.pairwise[0] == pytest.approx(1 / 4)  # the pairs still count against precision
