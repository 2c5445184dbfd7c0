"""CLI commands: `annals timex PATH`, `annals eval tempeval DIR`, `annals eval timex-ecb DIR`.
Heavy imports stay inside bodies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def _parse_dct(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command("timex")
    def timex_command(
        path: Annotated[str, typer.Argument(help="Text file to tag, or - for stdin.")],
        dct: Annotated[str, typer.Option("--dct", help="Publication (document creation) date, YYYY-MM-DD.")],
        format: Annotated[str, typer.Option("--format", help="json or timeml.")] = "json",
    ) -> None:
        """Tag and normalise temporal expressions (TIMEX3) in a text."""
        import json

        from services.extraction.evaluation.tempeval import to_timeml
        from services.extraction.timex import tag_text

        d = _parse_dct(dct)
        if path == "-":
            text = sys.stdin.buffer.read().decode("utf-8")  # bytes as given: no newline translation
        else:
            # newline="" keeps the exact characters, so offsets index the input file
            with open(path, encoding="utf-8", newline="") as fh:
                text = fh.read()
        timexes = tag_text(text, d)
        if format == "json":
            out = [
                {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                for t in timexes
            ]
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        elif format == "timeml":
            typer.echo(to_timeml(text, timexes), nl=False)
        else:
            raise typer.BadParameter("--format must be json or timeml")

    @eval_app.command("tempeval")
    def tempeval_command(
        directory: Annotated[Path, typer.Argument(help="Gold TimeML directory (all .tml files, recursive).")],
        system: Annotated[
            Path | None,
            typer.Option("--system", help="Score this directory's .tml files instead of running the tagger."),
        ] = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print per-document misses.")] = False,
    ) -> None:
        """TempEval-3 Task A figures: relaxed/strict P R F1, value accuracy and value F1."""
        from services.extraction.evaluation import tempeval as te

        if not directory.is_dir():
            raise typer.BadParameter(f"{directory} is not a directory")
        if system is not None:
            scores = te.score_system_dir(directory, system)
        else:
            scores = te.score_tagger(directory, _model_tagger())
        _print_timex_scores(scores, verbose=verbose)

    @eval_app.command("timex-ecb")
    def timex_ecb_command(
        directory: Annotated[
            Path, typer.Argument(help="ECB+ folder with topic_*.json (EventStoryLine time layer).")
        ],
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print per-document misses.")] = False,
    ) -> None:
        """ECB+ timexes: relaxed/strict P R F1, value accuracy and value F1 (values compared on their date)."""
        from services.extraction.evaluation import timex_ecb

        if not directory.is_dir():
            raise typer.BadParameter(f"{directory} is not a directory")
        _print_timex_scores(timex_ecb.score_tagger(directory, _model_tagger()), verbose=verbose)


def _model_tagger():
    """text, dct -> timexes, through the spaCy pipeline (loaded once)."""
    from services.extraction.nlp import load_pipeline
    from services.extraction.timex import tag_timexes

    nlp = load_pipeline()
    return lambda text, dct: tag_timexes(nlp(text), dct)


def _print_timex_scores(scores, *, verbose: bool) -> None:
    from services.extraction.evaluation import tempeval as te

    if verbose:
        for sc in scores:
            if sc.missed or sc.spurious or sc.wrong_value:
                typer.echo(te.format_misses(sc))
    typer.echo(te.format_summary(te.summarise(scores)))
