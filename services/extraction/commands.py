"""CLI commands of the extraction core: `annals extract`, `annals eval events` and `annals eval summaries`.

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
                "type": event.type,
                "place": event.place,
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
    register_actor_check(eval_app)

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


    @eval_app.command("summaries")
    def eval_summaries_command(
        corpus: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="Folder of article JSON files.")],
        examples: Annotated[int, typer.Option("--examples", "-n", help="Defective summaries to print.")] = 30,
    ) -> None:
        """Extract every article of a corpus and count the event summaries a reader would find defective."""
        import time

        from services.extraction.evaluation.summaries import check_corpus, read_corpus
        from services.extraction.pipeline import extract_many

        started = time.perf_counter()
        report = check_corpus(read_corpus(corpus), extract_many)
        seconds = time.perf_counter() - started
        typer.echo(f"{report.articles} articles, {report.events} events in {seconds:.1f} s")
        typer.echo(f"defective summaries: {len(report.defective)} ({report.share:.1%})")
        for defect, count in report.by_defect().items():
            typer.echo(f"  {defect:<32} {count}")
        for article_id, check in report.defective[:examples]:
            typer.echo(f"- [{', '.join(check.defects)}] {article_id[:8]}: {check.summary}")

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


def register_actor_check(eval_app: typer.Typer) -> None:
    @eval_app.command("actors")
    def eval_actors_command(
        corpus: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="Folder of article JSON files.")],
    ) -> None:
        """List the actors extracted from a corpus that look like headline or caption fragments."""
        from datetime import UTC, datetime

        from services.evaluation.corpus import read_corpus
        from services.extraction.evaluation.actors import fragment_reasons
        from services.extraction.pipeline import extract_many

        articles = list(read_corpus(corpus).values())
        now = datetime.now(UTC)
        names: dict[str, str] = {}
        for extraction in extract_many((a.text, a.published_at or now) for a in articles):
            names.update({actor.name: actor.kind for actor in extraction.actors})
        flagged = {name: fragment_reasons(name) for name in sorted(names)}
        flagged = {name: reasons for name, reasons in flagged.items() if reasons}
        for name, reasons in flagged.items():
            typer.echo(f"  {names[name]:<12} {name!r}: {', '.join(reasons)}")
        typer.echo(f"{len(flagged)} of {len(names)} distinct actors look like fragments ({len(articles)} articles)")
