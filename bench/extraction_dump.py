"""A canonical JSON dump of everything the extraction core yields for a corpus, to prove a speed change
leaves the output byte for byte the same: dump before and after, then `cmp` the two files.

    .venv/bin/python -m bench.extraction_dump DIR OUT.json

DIR is either a giveme5w1h folder of article JSON files (read as the bench reads it) or the ECB+ folder
of topic_*.json files (its documents with a publication date). The dump holds, per document in input order,
the cleaned text and every event, actor and timex, with sorted keys.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path


def corpus_items(directory: Path) -> list[tuple[str, str, date | datetime]]:
    """(document id, text, publication date) of every document of the folder, in a fixed order."""
    if any(directory.glob("topic_*.json")):
        from services.evaluation.coref import load_documents

        return [(document.id, document.text, document.published_at) for document in load_documents(directory)]
    from services.evaluation.corpus import read_corpus

    # A fixed stand-in for a missing publication date: the bench's "now" would make two dumps differ.
    missing = datetime(2020, 1, 1, tzinfo=UTC)
    return [(name, article.text, article.published_at or missing)
            for name, article in read_corpus(directory).items()]


def _plain(value):
    """JSON-ready: dates as ISO strings, tuples as lists (dataclasses are turned to dicts beforehand)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not serialisable: {type(value).__name__}")


def dump(directory: Path, out: Path) -> int:
    from services.extraction.pipeline import extract_many

    items = corpus_items(directory)
    extractions = extract_many((text, published) for _, text, published in items)
    documents = [
        {"id": document_id, **dataclasses.asdict(extraction)}
        for (document_id, _, _), extraction in zip(items, extractions, strict=True)
    ]
    out.write_text(json.dumps(documents, sort_keys=True, indent=1, ensure_ascii=False, default=_plain) + "\n",
                   encoding="utf-8")
    return len(documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"{dump(args.corpus, args.out)} documents -> {args.out}")


if __name__ == "__main__":
    main()
