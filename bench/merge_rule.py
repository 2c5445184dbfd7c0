"""What the "same happening" rule costs per article, beside the extraction it sits in.

    .venv/bin/python -m bench.merge_rule ../shared/eval/giveme5w1h_gold/data [--rounds 3]

Extracts every article of a folder of JSON files (`text`, `date_publish`), timing the whole extraction and,
inside it, the within-article merge (`merge_article_events`). Then replays the store's cross-article
matching in memory, in arrival order: each event is compared with the kept events that share an actor and
have a date the store's candidate query would return, as `save_extraction` does (`find_same_happening`).
Prints milliseconds per article for each part, and words per second of the whole extraction.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import machine
from services.evaluation.corpus import read_corpus
from services.extraction import merge, pipeline
from services.extraction.nlp import load_pipeline


def _candidate_dates(new, stored) -> bool:
    """The date filter of the store's candidate query (services/store/candidates.py `_CANDIDATES`)."""
    a, b = new.date, stored.date
    if (a.start, a.end) == (b.start, b.end):
        return True
    if a.start == a.end and b.start == b.end and abs((a.start - b.start).days) == 1:
        return True
    coarse = merge.COARSE_INTERVAL_DAYS
    return ((b.end - b.start).days < coarse and b.contains(a)) or ((a.end - a.start).days < coarse and a.contains(b))


def replay_store(extractions) -> tuple[float, int, int]:
    """Seconds spent in `find_same_happening` over all articles, events kept, events matched.

    Candidates as the store reads them: events sharing an actor with a date the rule may accept, and events
    of the same day with a similar trigger whoever took part (the store's second branch).
    """
    kept: list = []
    by_actor: dict[str, list[int]] = defaultdict(list)
    by_day: dict[tuple, list[int]] = defaultdict(list)
    people = frozenset(a.name for e in extractions for a in e.actors if a.kind == "person")
    spent, matched = 0.0, 0
    for extraction in extractions:
        for new in extraction.events:
            keys = {merge.actor_key(name) for name in new.actors}
            if not keys:
                continue
            indexes = {i for key in keys for i in by_actor[key] if _candidate_dates(new, kept[i])}
            related = merge.similar_trigger_words(new.trigger)
            indexes |= {i for i in by_day[(new.date.start, new.date.end)] if kept[i].trigger in related}
            started = time.perf_counter()
            found = merge.find_same_happening(new, [kept[i] for i in sorted(indexes)], people=people)
            spent += time.perf_counter() - started
            if found is None:
                kept.append(new)
                for key in keys:
                    by_actor[key].append(len(kept) - 1)
                by_day[(new.date.start, new.date.end)].append(len(kept) - 1)
            else:
                matched += 1
    return spent, len(kept), matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder of article JSON files")
    parser.add_argument("--rounds", type=int, default=3, help="repeat and keep the fastest round")
    args = parser.parse_args()

    articles = list(read_corpus(args.corpus).values())
    items = [(a.text, a.published_at or datetime.now(UTC)) for a in articles]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline()
    original = pipeline.merge_article_events
    best = None
    for _ in range(args.rounds):
        within = 0.0

        def timed(*call_args, **kwargs):
            nonlocal within
            started = time.perf_counter()
            try:
                return original(*call_args, **kwargs)
            finally:
                within += time.perf_counter() - started

        pipeline.merge_article_events = timed
        try:
            started = time.perf_counter()
            extractions = list(pipeline.extract_many(items, nlp=nlp))
            total = time.perf_counter() - started
        finally:
            pipeline.merge_article_events = original
        across, kept, matched = replay_store(extractions)
        if best is None or total < best[0]:
            best = (total, within, across, kept, matched, sum(len(e.events) for e in extractions))
    total, within, across, kept, matched, events = best
    n = len(articles)
    print(f"{machine()}; {n} articles, {words} words, {events} events after the within-article merge")
    print(f"extraction (spaCy + rules)      {total / n * 1000:7.2f} ms/article   {words / total:8.0f} words/s")
    print(f"  of which merge_article_events {within / n * 1000:7.3f} ms/article")
    print(f"cross-article find_same_happening {across / n * 1000:5.3f} ms/article   ({matched} events matched, "
          f"{kept} kept)")


if __name__ == "__main__":
    main()
