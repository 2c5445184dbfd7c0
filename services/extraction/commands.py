"""CLI commands of the extraction core: `annals extract` and `annals eval events`.

spaCy is imported inside the commands so that `annals --help` stays fast.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


def extraction_to_json(extraction) -> dict:
    """The JSON shape of `annals extract --format json`."""
    return {
        "events": [
            {
                "date": event.date.to_json(),
                "actors": list(event.actors),
                "summary": event.summary,
                "trigger": event.trigger,
                "status": event.status,
                "sentence": event.sentence,
                "offsets": list(event.offsets),
                "confidence": event.confidence,
            }
            for event in extraction.events
        ],
        "actors": [
            {"name": actor.name, "kind": actor.kind, "aliases": list(actor.aliases)}
            for actor in extraction.actors
        ],
    }


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the extraction commands to the `annals` app and its `eval` group."""

    @app.command("extract")
    def extract_command(
        path: Annotated[str, typer.Argument(help="Article file (.txt or .html), or - for stdin.")],
        published_at: Annotated[str, typer.Option("--published-at", help="Publication date, YYYY-MM-DD.")],
        output_format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.table,
        html: Annotated[bool | None, typer.Option("--html/--text", help="Force HTML or plain-text cleaning.")] = None,
    ) -> None:
        """Extract the dated events and actors of one article."""
        import orjson

        from services.extraction.pipeline import extract

        if path == "-":
            text = sys.stdin.read()
            is_html = html
        else:
            file = Path(path)
            text = file.read_text(encoding="utf-8", errors="replace")
            is_html = html if html is not None else (True if file.suffix.lower() in {".html", ".htm"} else None)
        try:
            published = date.fromisoformat(published_at[:10])
        except ValueError as error:
            raise typer.BadParameter(f"not a date: {published_at}", param_hint="--published-at") from error
        extraction = extract(text, published, is_html=is_html)
        if output_format is OutputFormat.json:
            sys.stdout.write(orjson.dumps(extraction_to_json(extraction), option=orjson.OPT_INDENT_2).decode())
            sys.stdout.write("\n")
            return
        _print_table(extraction)

    @eval_app.command("events")
    def eval_events_command(
        gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold file (dated events per actor).")],
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List unmatched gold and spurious events.")] = False,
    ) -> None:
        """P/R/F1 of dated events per focus actor (strict and lenient), micro-averaged."""
        from services.extraction.evaluation.events import evaluate_gold_file
        from services.extraction.pipeline import extract

        scores = evaluate_gold_file(gold, lambda text, published: extract(text, published).events)
        print_scores(scores, verbose=verbose)


def _print_table(extraction) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{len(extraction.events)} dated events", show_lines=False)
    for column in ("date", "status", "trigger", "actors", "summary"):
        table.add_column(column, overflow="fold")
    for event in sorted(extraction.events, key=lambda e: (e.date.start, e.date.end)):
        table.add_row(event.date.value, event.status, event.trigger, ", ".join(event.actors), event.summary)
    console.print(table)
    actors = Table(title=f"{len(extraction.actors)} actors")
    for column in ("name", "kind", "aliases"):
        actors.add_column(column, overflow="fold")
    for actor in extraction.actors:
        actors.add_row(actor.name, actor.kind, ", ".join(actor.aliases))
    console.print(actors)


def print_scores(scores, *, verbose: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="Dated events per actor")
    for column in ("actor", "gold", "system", "strict", "lenient"):
        table.add_column(column, justify="right" if column != "actor" else "left")
    for actor in scores.actors:
        table.add_row(actor.actor, str(actor.gold), str(actor.system), str(actor.strict_matches),
                      str(actor.lenient_matches))
    console.print(table)
    for mode in ("strict", "lenient"):
        f = scores.figures(mode)
        console.print(
            f"{mode:8} micro P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}"
            f"  ({f['matched']} matched, {f['system']} system, {f['gold']} gold)"
        )
    if not verbose:
        return
    for actor in scores.actors:
        if not actor.unmatched_gold and not actor.spurious:
            continue
        console.print(f"\n[bold]{actor.actor}[/bold]")
        for gold in actor.unmatched_gold:
            console.print(f"  missed   {gold['date']:<22} {gold.get('id', '')}: {gold.get('summary', '')}")
        for event in actor.spurious:
            console.print(f"  spurious {event.date.value:<22} {event.trigger}: {event.summary[:100]}",
                          markup=False, highlight=False)
