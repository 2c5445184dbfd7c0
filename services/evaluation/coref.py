"""Cross-document event coreference on ECB+ (see ../shared/eval/ecbplus/README.md, "What it measures here").

Each stored event's sources are mapped back to gold action mentions: the mention inside the source's
sentence whose lemmas include that source's own trigger (the event's for rows stored without one). Over the
mapped mentions we score pairwise cross-document coreference and B³, count distinct events per gold chain reported by 2+ articles, and count
events that fuse two gold chains (over-merges). The same figures for the same-trigger-lemma baseline (one
cluster per topic and lemma, the published ECB+ baseline) on the same mentions say what the rule adds.

The loader, the mapping and the scorer are pure; `annals eval coref` runs them around the real pipeline.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

# Mention lemmas: (document id, start, end) -> the lemmas of the mention's tokens, head lemma first.
Lemmatizer = Callable[["GoldDocument"], dict[tuple[int, int], tuple[str, ...]]]


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    text: str
    chain: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    topic: str
    subtopic: str
    text: str
    published_at: date
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class StoredSource:
    """One source of a stored event: which document reported it, in which sentence, with which trigger."""

    event_id: int
    document_id: str
    sentence: str
    trigger: str


@dataclass(frozen=True, slots=True)
class MappedMention:
    document_id: str
    topic: str
    start: int
    chain: str
    lemma: str  # the mention's head lemma (the baseline clusters by it)
    event_id: int  # the stored event it was mapped to


def parse_topics(spec: str | None) -> set[str] | None:
    """ "1-12", "1,3,5-7" -> {"1", "2", ...}; None -> every topic."""
    if not spec:
        return None
    topics: set[str] = set()
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        topics.update(str(n) for n in range(int(first), int(last or first) + 1))
    return topics


def load_documents(directory: Path, topics: set[str] | None = None) -> list[GoldDocument]:
    """The ECB+ documents with a publication date (`esc.dct`), with their gold action mentions."""
    documents = []
    for path in sorted(directory.glob("topic_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if topics is not None and str(data["topic"]) not in topics:
            continue
        for document in data["documents"]:
            dct = (document.get("esc") or {}).get("dct")
            if not dct:
                continue
            mentions = tuple(
                GoldMention(action["start"], action["end"], action["text"], action["chain"])
                for action in document["actions"]
            )
            documents.append(GoldDocument(
                document["id"], str(document["topic"]), document["subtopic"], document["text"],
                _dct_date(dct), mentions,
            ))
    return documents


def _dct_date(value: str) -> date:
    """The day of a DCT; a few ECB+ values drop a leading zero ("2009-12-3T...")."""
    year, month, day = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value).groups()
    return date(int(year), int(month), int(day))


_WORD = re.compile(r"\w+")


def _sentence_span(document_text: str, sentence: str) -> tuple[int, int] | None:
    """Where a source sentence lies in the gold text, found by its words: cleaning straightens quotes, joins
    lines and ends headlines with a full stop, so characters differ while the words stay."""
    words = _WORD.findall(sentence)
    if not words:
        return None
    document_words = list(_WORD.finditer(document_text))
    texts = [match.group() for match in document_words]
    for at in range(len(texts) - len(words) + 1):
        if texts[at] == words[0] and texts[at : at + len(words)] == words:
            return document_words[at].start(), document_words[at + len(words) - 1].end()
    return None


def map_sources(
    sources: Iterable[StoredSource],
    documents: Sequence[GoldDocument],
    lemmas: Callable[[GoldDocument], dict[tuple[int, int], tuple[str, ...]]],
) -> list[MappedMention]:
    """Each source's gold mention: inside its sentence, the first not yet mapped one with the trigger's lemma."""
    by_id = {document.id: document for document in documents}
    lemma_cache: dict[str, dict[tuple[int, int], tuple[str, ...]]] = {}
    taken: set[tuple[str, int]] = set()
    mapped = []
    for source in sorted(sources, key=lambda s: (s.document_id, s.event_id)):
        document = by_id.get(source.document_id)
        if document is None:
            continue
        span = _sentence_span(document.text, source.sentence)
        if span is None:
            continue
        if document.id not in lemma_cache:
            lemma_cache[document.id] = lemmas(document)
        mention_lemmas = lemma_cache[document.id]
        trigger = source.trigger.lower()
        for mention in sorted(document.mentions, key=lambda m: m.start):
            if not (span[0] <= mention.start and mention.end <= span[1]) or (document.id, mention.start) in taken:
                continue
            found = mention_lemmas.get((mention.start, mention.end)) or (mention.text.lower(),)
            if trigger in found or trigger == mention.text.lower():
                taken.add((document.id, mention.start))
                mapped.append(MappedMention(
                    document.id, document.topic, mention.start, mention.chain, found[0], source.event_id,
                ))
                break
    return mapped


@dataclass(frozen=True, slots=True)
class CorefFigures:
    mentions: int
    pairwise: tuple[float, float, float]  # P, R, F1 over cross-document mention pairs
    b_cubed: tuple[float, float, float]
    events_per_happening: float  # distinct clusters per gold chain with mapped mentions in 2+ documents
    happenings: int  # such chains
    multi_mention_clusters: int
    over_merged: int  # clusters whose mentions belong to 2+ gold chains that are not singletons

    @property
    def over_merged_share(self) -> float:
        return self.over_merged / self.multi_mention_clusters if self.multi_mention_clusters else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(mentions: Sequence[MappedMention], cluster_of: Callable[[MappedMention], object]) -> CorefFigures:
    """Coreference figures of a clustering (`cluster_of` names each mention's cluster) against the gold chains."""
    clusters = [cluster_of(mention) for mention in mentions]
    true_pairs = system_pairs = both = 0
    for (i, a), (j, b) in combinations(enumerate(mentions), 2):
        if a.document_id == b.document_id:
            continue
        gold_same, system_same = a.chain == b.chain, clusters[i] == clusters[j]
        true_pairs += gold_same
        system_pairs += system_same
        both += gold_same and system_same
    precision = both / system_pairs if system_pairs else 0.0
    recall = both / true_pairs if true_pairs else 0.0

    by_chain: dict[str, list[int]] = defaultdict(list)
    by_cluster: dict[object, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        by_chain[mention.chain].append(index)
        by_cluster[clusters[index]].append(index)
    b3_precision = b3_recall = 0.0
    for index, mention in enumerate(mentions):
        chain_members, cluster_members = set(by_chain[mention.chain]), set(by_cluster[clusters[index]])
        overlap = len(chain_members & cluster_members)
        b3_precision += overlap / len(cluster_members)
        b3_recall += overlap / len(chain_members)
    count = len(mentions) or 1
    b3_precision, b3_recall = b3_precision / count, b3_recall / count

    happenings = [
        members for members in by_chain.values() if len({mentions[i].document_id for i in members}) >= 2
    ]
    events_per_happening = (
        sum(len({clusters[i] for i in members}) for members in happenings) / len(happenings) if happenings else 0.0
    )
    multi = [members for members in by_cluster.values() if len(members) >= 2]
    over_merged = sum(1 for members in multi if len(_chains_of(mentions[i] for i in members)) >= 2)
    return CorefFigures(
        len(mentions), (precision, recall, _f1(precision, recall)),
        (b3_precision, b3_recall, _f1(b3_precision, b3_recall)),
        events_per_happening, len(happenings), len(multi), over_merged,
    )


def is_singleton(chain: str) -> bool:
    """ECB+ names a mention no other mention corefers with "SINGLETON_<doc>_<id>": its chain is one document's."""
    return chain.startswith("SINGLETON_")


def _chains_of(mentions: Iterable[MappedMention]) -> set[str]:
    """The gold chains a cluster fuses. Singletons are left out: ECB+ makes one per document, so two outlets'
    identical sentence about a background fact nobody linked would count as a fusion."""
    return {mention.chain for mention in mentions if not is_singleton(mention.chain)}


def system_clusters(mention: MappedMention) -> object:
    return mention.event_id


def lemma_baseline_clusters(mention: MappedMention) -> object:
    """The same-trigger-lemma baseline: one cluster per topic and head lemma."""
    return mention.topic, mention.lemma


def over_merged_examples(mentions: Sequence[MappedMention], limit: int = 10) -> list[tuple[int, Counter]]:
    """Events that fuse gold chains, with how many mapped mentions each chain gives (for looking at failures)."""
    by_event: dict[int, Counter] = defaultdict(Counter)
    for mention in mentions:
        by_event[mention.event_id][mention.chain] += 1
    fused = [(event_id, chains) for event_id, chains in by_event.items()
             if len([chain for chain in chains if not is_singleton(chain)]) >= 2]
    return sorted(fused, key=lambda item: -sum(item[1].values()))[:limit]


def split_examples(mentions: Sequence[MappedMention], limit: int = 20) -> list[tuple[str, list[int]]]:
    """Gold chains reported by 2+ documents that became several events, with those events (most split first)."""
    by_chain: dict[str, list[MappedMention]] = defaultdict(list)
    for mention in mentions:
        by_chain[mention.chain].append(mention)
    split = [
        (chain, sorted({m.event_id for m in members})) for chain, members in by_chain.items()
        if len({m.document_id for m in members}) >= 2 and len({m.event_id for m in members}) >= 2
    ]
    return sorted(split, key=lambda item: -len(item[1]))[:limit]


@dataclass(frozen=True, slots=True)
class SplitPair:
    """Two stored events of one gold happening, and why the store kept them apart."""

    chain: str
    first: int
    second: int
    cause: str  # one of SPLIT_CAUSES
    reason: str


# Why two events of one happening stayed apart, judged on the events as stored: the merge rule tells them apart;
# the rule would join them but neither is a candidate the store offers for the other; one name stands for two
# actor rows; the rule and the candidates both join them (a later revision, the order, or a better candidate won).
SPLIT_CAUSES = ("rule", "not a candidate", "actor ids", "order or ranking")


def explain_splits(mentions: Sequence[MappedMention], stored: dict) -> list[SplitPair]:
    """Every pair of events of every split happening, with its cause. `stored`: event id -> the store's
    `Candidate` (as `services.store.candidates.read_candidates` reads it)."""
    from services.extraction.merge import why_different
    from services.store.candidates import is_candidate

    pairs = []
    for chain, event_ids in split_examples(mentions, limit=len(mentions)):
        for first, second in combinations([event_id for event_id in event_ids if event_id in stored], 2):
            a, b = stored[first], stored[second]
            people = a.people | b.people
            reason = why_different(a.event, b.event, people=people) or why_different(b.event, a.event, people=people)
            shared_names = set(a.event.actors) & set(b.event.actors)
            if shared_names and not a.actor_ids & b.actor_ids:
                cause, reason = "actor ids", f"one name, two actors: {', '.join(sorted(shared_names))}"
            elif reason is not None:
                cause = "rule"
            elif not (is_candidate(a, set(b.actor_ids), b.event) or is_candidate(b, set(a.actor_ids), a.event)):
                cause, reason = "not a candidate", "the rule joins them"
            else:
                cause, reason = "order or ranking", "the rule joins them and each is a candidate of the other"
            pairs.append(SplitPair(chain, first, second, cause, reason))
    return pairs


def spacy_lemmas(nlp) -> Lemmatizer:
    """Mention lemmas from the pipeline's own parse of the gold text (the head token's lemma first)."""

    def lemmas(document: GoldDocument) -> dict[tuple[int, int], tuple[str, ...]]:
        doc = nlp(document.text)
        result = {}
        for mention in document.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root.lemma_.lower()
            result[(mention.start, mention.end)] = (head, *(t.lemma_.lower() for t in span if t.lemma_.lower() != head))
        return result

    return lemmas


@dataclass(frozen=True, slots=True)
class CorefReport:
    documents: int
    sources: int
    mentions: list[MappedMention]
    system: CorefFigures
    baseline: CorefFigures
    seconds: float  # ingest (extraction + store) of all documents
    events: dict[int, str]  # each stored event as one line (date, trigger, actors, summary), for looking at failures
    splits: list[SplitPair]  # with `explain`: why each split happening's events stayed apart


_SOURCES = """
    SELECT s.event_id, s.article_id, s.sentence, coalesce(s.trigger, e.trigger) AS trigger
    FROM event_sources AS s JOIN events AS e ON e.id = s.event_id
    WHERE s.article_id = ANY(:ids)
"""


def read_sources(session, document_of: dict[int, str]) -> list[StoredSource]:
    """The stored sources of these articles (article id -> gold document id), each with its own report's trigger."""
    from sqlalchemy import text

    rows = session.execute(text(_SOURCES), {"ids": list(document_of)}).all()
    return [StoredSource(row.event_id, document_of[row.article_id], row.sentence, row.trigger) for row in rows]


_EVENT_LINES = """
    SELECT e.id, e.date_value || '  ' || e.trigger || '  [' || string_agg(a.name || CASE WHEN ea.role = 'source' THEN ' (source)' ELSE '' END, ', '
                                                                     ORDER BY a.name) || ']  '
           || e.summary AS line
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id JOIN actors AS a ON a.id = ea.actor_id
    WHERE e.id = ANY(:ids) GROUP BY e.id
"""


def evaluate_coref(
    directory: Path, *, topics: set[str] | None = None, postgres_url: str | None = None, model_name: str | None = None,
    explain: bool = False, reverse: bool = False,
) -> CorefReport:
    """Post the dated ECB+ documents through extraction and the store (cross-article merge) into a scratch
    database, in document order, and score the stored events against the gold chains. With `explain`, say why
    each happening the store split stayed apart (`explain_splits`). With `reverse`, post them in the reverse order:
    the same articles in any order should give the same events."""
    import time
    from datetime import UTC, datetime

    from sqlalchemy import text

    from services.evaluation.scratch import ingest, scratch_database
    from services.extraction.nlp import load_pipeline
    from services.settings import get_settings
    from services.store.articles import NewArticle
    from services.store.candidates import read_candidates
    from services.store.db import session_scope

    documents = load_documents(directory, topics)
    if reverse:
        documents = documents[::-1]
    articles = [
        NewArticle(text=document.text, url=f"ecbplus:{document.id}",
                   published_at=datetime.combine(document.published_at, datetime.min.time(), UTC))
        for document in documents
    ]
    model_name = model_name or get_settings().nlp_model
    with scratch_database(postgres_url) as url:
        started = time.perf_counter()
        ids = ingest(url, articles, model_name=model_name)
        seconds = time.perf_counter() - started
        document_of = {article_id: document.id for article_id, document in zip(ids, documents, strict=True)}
        with session_scope(url) as session:
            sources = read_sources(session, document_of)
            event_ids = sorted({source.event_id for source in sources})
            events = dict(session.execute(text(_EVENT_LINES), {"ids": event_ids}).all())
            stored = read_candidates(session, event_ids) if explain else {}
    mentions = map_sources(sources, documents, spacy_lemmas(load_pipeline(model_name)))
    return CorefReport(len(documents), len(sources), mentions, score(mentions, system_clusters),
                       score(mentions, lemma_baseline_clusters), seconds, events,
                       explain_splits(mentions, stored) if explain else [])
