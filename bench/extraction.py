"""Extraction speed against the model itself: words/s of plain `nlp.pipe` vs the whole extraction core, and
vs extraction + the store's write path (merge included) into a scratch database.

    .venv/bin/python -m bench.extraction DIR [--rounds 3]

DIR holds article JSON files (`text`, `date_publish`, ...: the giveme5w1h layout, e.g.
../shared/eval/giveme5w1h_gold/data). Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import machine


def _best_of(rounds: int, run) -> tuple[float, float]:
    """Best wall time and best CPU time of this process over the rounds (CPU time barely moves with the load
    of other processes sharing the cores; wall time does), after one untimed warm-up run: the first pass over
    the texts fills the model's and the extraction's caches, and timing it would make whichever is measured
    first look slower (the cold `nlp.pipe` read 11.7 s against 9.7-10.0 s warm)."""
    run()
    best, best_cpu = float("inf"), float("inf")
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return best, best_cpu


class ServerCpu:
    """CPU time the PostgreSQL backends spend while this process holds their connections: read from /proc at
    each checkout and checkin of a pooled connection (a server on this machine only). The store step's work
    on the server side, which the process's own CPU time leaves out; load-independent like it."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.pool import Pool

        self.seconds = 0.0
        self.readable = True
        self._open: dict[int, tuple[int, float]] = {}
        self._ticks = os.sysconf("SC_CLK_TCK")
        event.listen(Pool, "checkout", self._checkout)
        event.listen(Pool, "checkin", self._checkin)

    def _cpu(self, pid: int) -> float | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            self.readable = False  # another machine's server, or no access
            return None
        return (int(fields[11]) + int(fields[12])) / self._ticks  # utime + stime

    def _checkout(self, dbapi_connection, record, proxy) -> None:
        pid = dbapi_connection.info.backend_pid
        before = self._cpu(pid)
        if before is not None:
            self._open[id(dbapi_connection)] = (pid, before)

    def _checkin(self, dbapi_connection, record) -> None:
        pid, before = self._open.pop(id(dbapi_connection), (None, None))
        if pid is not None:
            after = self._cpu(pid)
            if after is not None:
                self.seconds += after - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="server for the scratch database of the write-path figure")
    args = parser.parse_args()

    from services.evaluation.corpus import read_corpus
    from services.extraction.cleaning import clean_article
    from services.extraction.nlp import load_pipeline
    from services.extraction.pipeline import extract_many
    from services.store.articles import publisher_date

    articles = list(read_corpus(args.corpus).values())
    nlp = load_pipeline()
    texts = [clean_article(article.text) for article in articles]
    words = sum(len(text.split()) for text in texts)
    today = datetime.now(UTC)
    items = [(article.text, article.published_at or today) for article in articles]

    (parse, parse_cpu) = _best_of(args.rounds, lambda: list(nlp.pipe(texts, batch_size=32)))
    (extract, extract_cpu) = _best_of(args.rounds, lambda: list(extract_many(items, nlp=nlp)))

    server = ServerCpu()
    stored, stored_cpu, server_cpu = _write_rounds(args, articles, server)
    # The store step alone, on extractions made beforehand (the dates the worker extracts with): measured by
    # itself instead of as the difference of two runs that each extract (that difference carries the noise of
    # both extraction runs).
    store_items = [(article.text, publisher_date(article.published_at or today)) for article in articles]
    extractions = list(extract_many(store_items, nlp=nlp))
    alone, alone_cpu, alone_server_cpu = _write_rounds(args, articles, server, extractions=extractions)
    n = len(articles)
    print(f"{machine()}; {n} articles, {words:,} words; best of {args.rounds}")
    print(f"  nlp.pipe alone              {parse:6.2f} s  {words / parse:8,.0f} words/s   CPU {parse_cpu:6.2f} s")
    print(f"  extraction (extract_many)   {extract:6.2f} s  {words / extract:8,.0f} words/s  "
          f"{parse / extract:.2f}x of nlp.pipe   CPU {extract_cpu:6.2f} s ({parse_cpu / extract_cpu:.2f}x)")
    print(f"  extraction + store + merge  {stored:6.2f} s  {words / stored:8,.0f} words/s  "
          f"{parse / stored:.2f}x of nlp.pipe  ({stored / n * 1000:.0f} ms per article)   CPU {stored_cpu:6.2f} s "
          f"({parse_cpu / stored_cpu:.2f}x)")
    print(f"  of which the store step     {stored - extract:6.2f} s  "
          f"({(stored - extract) / n * 1000:.0f} ms per article: claim, write, merge, commit)   "
          f"CPU {(stored_cpu - extract_cpu) / n * 1000:.0f} ms per article here"
          + (f" + {server_cpu / n * 1000:.0f} ms in PostgreSQL" if server_cpu is not None else ""))
    print(f"  store step alone            {alone:6.2f} s  ({alone / n * 1000:.0f} ms per article)   "
          f"CPU {alone_cpu / n * 1000:.1f} ms per article here"
          + (f" + {alone_server_cpu / n * 1000:.1f} ms in PostgreSQL" if alone_server_cpu is not None else ""))
    if server_cpu is not None:
        print(f"  whole path by CPU (this process + PostgreSQL) {parse_cpu / (stored_cpu + server_cpu):.2f}x of "
              f"nlp.pipe's CPU")
        print(f"  whole path by CPU, extraction + store step alone {parse_cpu / (extract_cpu + alone_cpu + alone_server_cpu):.2f}x "
              f"of nlp.pipe's CPU")


def _write_rounds(args, articles, server: ServerCpu, *, extractions=None) -> tuple[float, float, float | None]:
    """Best wall time, CPU time of this process and of the PostgreSQL backends of `ingest` over the rounds, a
    fresh database per round (made and migrated outside the timing)."""
    from services.evaluation.scratch import ingest, scratch_database

    stored = stored_cpu = server_cpu = float("inf")
    for _ in range(args.rounds):
        with scratch_database(args.postgres) as url:
            started, started_cpu, started_server = time.perf_counter(), time.process_time(), server.seconds
            ingest(url, articles, extractions=extractions)
            stored = min(stored, time.perf_counter() - started)
            stored_cpu = min(stored_cpu, time.process_time() - started_cpu)
            server_cpu = min(server_cpu, server.seconds - started_server)
    return stored, stored_cpu, server_cpu if server.readable else None


if __name__ == "__main__":
    main()
