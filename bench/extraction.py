"""Extraction speed against the model itself: words/s of plain `nlp.pipe` vs the whole extraction core, and
vs extraction + the store's write path (merge included) into a scratch database.

    .venv/bin/python -m bench.extraction DIR [--rounds 3]

DIR holds article JSON files (`text`, `date_publish`, ...: the giveme5w1h layout, e.g.
../shared/eval/giveme5w1h_gold/data). Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import machine


def _best_of(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="server for the scratch database of the write-path figure")
    args = parser.parse_args()

    from services.evaluation.corpus import read_corpus
    from services.evaluation.scratch import ingest, scratch_database
    from services.extraction.cleaning import clean_article
    from services.extraction.nlp import load_pipeline
    from services.extraction.pipeline import extract_many

    articles = list(read_corpus(args.corpus).values())
    nlp = load_pipeline()
    texts = [clean_article(article.text) for article in articles]
    words = sum(len(text.split()) for text in texts)
    today = datetime.now(UTC)
    items = [(article.text, article.published_at or today) for article in articles]

    parse = _best_of(args.rounds, lambda: list(nlp.pipe(texts, batch_size=32)))
    extract = _best_of(args.rounds, lambda: list(extract_many(items, nlp=nlp)))

    stored = float("inf")
    for _ in range(args.rounds):  # a fresh database per round, made and migrated outside the timing
        with scratch_database(args.postgres) as url:
            started = time.perf_counter()
            ingest(url, articles)
            stored = min(stored, time.perf_counter() - started)
    print(f"{machine()}; {len(articles)} articles, {words:,} words; best of {args.rounds}")
    print(f"  nlp.pipe alone              {parse:6.2f} s  {words / parse:8,.0f} words/s")
    print(f"  extraction (extract_many)   {extract:6.2f} s  {words / extract:8,.0f} words/s  "
          f"{parse / extract:.2f}x of nlp.pipe")
    print(f"  extraction + store + merge  {stored:6.2f} s  {words / stored:8,.0f} words/s  "
          f"{parse / stored:.2f}x of nlp.pipe  ({stored / len(articles) * 1000:.0f} ms per article)")
    print(f"  of which the store step     {stored - extract:6.2f} s  "
          f"({(stored - extract) / len(articles) * 1000:.0f} ms per article: claim, write, merge, commit)")


if __name__ == "__main__":
    main()
