"""`annals eval places`: how many events of a corpus get a place, the distribution of their types, and a
sample of placed events to check by hand (the corpus has no gold places or types)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from services.extraction.event_types import TYPE_NAMES


@dataclass(slots=True)
class PlaceTypeReport:
    articles: int = 0
    events: int = 0
    placed: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, place, sentence)
    types: Counter = field(default_factory=Counter)  # type -> events


def survey_corpus(articles, extract_many) -> PlaceTypeReport:
    """Extract every (id, text, published) article and count places and types of its events."""
    articles = list(articles)
    ids = [article_id for article_id, _, _ in articles]
    events = [(article_id, event) for article_id, extraction in
              zip(ids, extract_many((text, published) for _, text, published in articles), strict=True)
              for event in extraction.events]
    return PlaceTypeReport(
        articles=len(articles), events=len(events),
        placed=[(article_id, event.place, event.sentence) for article_id, event in events if event.place],
        types=Counter(event.type for _, event in events))


def evenly_spaced(items: list, count: int) -> list:
    """`count` items spread over the list (a sample that does not favour the first articles)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("places")
    def eval_places_command(
        corpus: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="Folder of article JSON files.")],
        sample: Annotated[int, typer.Option("--sample", "-n", help="Placed events to print for checking.")] = 30,
    ) -> None:
        """Extract a corpus: events with a place, the type distribution, and a sample of placed events."""
        from services.extraction.evaluation.summaries import read_corpus
        from services.extraction.pipeline import extract_many

        report = survey_corpus(read_corpus(corpus), extract_many)
        share = len(report.placed) / report.events if report.events else 0.0
        typer.echo(f"{report.articles} articles, {report.events} events; with a place: {len(report.placed)} "
                   f"({share:.1%})")
        for name in TYPE_NAMES:
            count = report.types.get(name, 0)
            typer.echo(f"  {name:<10} {count:>5}  {count / report.events if report.events else 0:.1%}")
        for article_id, place, sentence in evenly_spaced(report.placed, sample):
            typer.echo(f"- {article_id[:8]} [{place}] {sentence[:220]}")
