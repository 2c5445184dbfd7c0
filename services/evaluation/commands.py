"""CLI: `annals eval timelines` (the whole write path, scored per focus actor) and `annals eval coref`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("timelines")
    def eval_timelines_command(
        gold: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, help="Gold timeline files.")],
        corpus: Annotated[Path, typer.Option("--corpus", exists=True, file_okay=False,
                                             help="Folder of article JSON files to ingest (all of them).")],
        postgres: Annotated[str | None, typer.Option(
            "--postgres", help="PostgreSQL server URL to make the scratch database on (default: an embedded one).")] = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and spurious events.")] = False,
        dump: Annotated[Path | None, typer.Option("--dump", help="Write the timelines' events as JSON here (the reference scorer reads it).")] = None,
        reverse: Annotated[bool, typer.Option(
            "--reverse", help="Post the articles in reverse order (the events should not depend on the order).")] = False,
        why: Annotated[bool, typer.Option(
            "--why", help="Count the misses by the stage that lost them (counts only: safe on a held-out set).")] = False,
    ) -> None:
        """Ingest a corpus into a scratch database and score each focus actor's timeline (P/R/F1, duplicates)."""
        import orjson

        from services.evaluation.misses import print_losses
        from services.evaluation.timelines import evaluate_timelines, fits_only_coarse_gold
        from services.extraction.commands import print_scores

        started = time.perf_counter()
        report = evaluate_timelines(gold, corpus, postgres_url=postgres, reverse=reverse, why=why)
        elapsed = time.perf_counter() - started
        print_scores(report.scores, verbose=verbose)
        for actor, stored in report.found_as.items():
            if stored != actor:
                typer.echo(f"  '{actor}' found {'no actor (404)' if stored is None else repr(stored)}")
        for mode in ("strict", "lenient"):
            f = report.pooled.figures(mode)
            typer.echo(f"pooled by alias (as reference_score.py) {mode:8} P {f['precision']:.3f}  R {f['recall']:.3f}"
                       f"  F1 {f['f1']:.3f}")
        coarse = sum(fits_only_coarse_gold(fits) for found in report.duplicate_events.values() for _, fits in found)
        typer.echo(f"duplicates (lenient): {sum(report.duplicates.values())} ({coarse} fit only gold dated by a season"
                   f" or a year)   "
                   f"events on the focus timelines: {len(report.events)}   "
                   f"articles ingested: {report.articles} in {elapsed:.1f} s")
        if verbose:
            for actor, found in report.duplicate_events.items():
                for event, fits in found:
                    typer.echo(f"  duplicate  {actor}: {event.date.value} {event.trigger}: {event.summary[:90]}")
                    for fitted, matched in fits:
                        taken = f"{matched.date.value} {matched.trigger}: {matched.summary[:80]}" if matched else "-"
                        typer.echo(f"      fits {fitted.get('id', '')} {fitted['date']}: {fitted.get('summary', '')[:70]}")
                        typer.echo(f"      matched by {taken}")
        if report.losses is not None:
            missed = sum(len(score.unmatched_gold) for score in report.scores.actors)
            print_losses(report.losses, missed, typer.echo)
        if dump is not None:
            # actors as plain names: the shape ../shared/eval/timelines-dev/reference_score.py reads
            events = [{**event, "actors": [actor["name"] for actor in event["actors"]]} for event in report.events]
            dump.write_bytes(orjson.dumps(events, option=orjson.OPT_INDENT_2))

    @eval_app.command("coref")
    def eval_coref_command(
        directory: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="The ECB+ folder (topic_NN.json).")],
        topics: Annotated[str | None, typer.Option("--topics", help="Topics to post, e.g. 1-12 or 1,3,5 (default: all).")] = None,
        postgres: Annotated[str | None, typer.Option(
            "--postgres", help="PostgreSQL server URL to make the scratch database on (default: an embedded one).")] = None,
        verbose: Annotated[bool, typer.Option(
            "--verbose", "-v", help="List events that fuse gold chains, and happenings split into several events.")] = False,
        reverse: Annotated[bool, typer.Option(
            "--reverse", help="Post the documents in reverse order (the events should not depend on the order).")] = False,
    ) -> None:
        """Cross-document event coreference on ECB+ through the whole write path, and the same-lemma baseline."""
        from collections import Counter

        from services.evaluation.coref import (
            SPLIT_CAUSES,
            evaluate_coref,
            over_merged_examples,
            parse_topics,
            split_examples,
        )

        report = evaluate_coref(directory, topics=parse_topics(topics), postgres_url=postgres, explain=verbose,
                                reverse=reverse)
        typer.echo(f"{report.documents} documents ingested in {report.seconds:.1f} s; {report.sources} event sources, "
                   f"{len(report.mentions)} mapped to gold action mentions")
        for label, figures in (("annals", report.system), ("same lemma", report.baseline)):
            (p, r, f), (bp, br, bf) = figures.pairwise, figures.b_cubed
            typer.echo(f"{label:10}  pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}   B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}   "
                       f"events per happening {figures.events_per_happening:.2f} ({figures.happenings} happenings "
                       f"in 2+ articles)   over-merged {figures.over_merged}/{figures.multi_mention_clusters} "
                       f"({figures.over_merged_share:.1%})")
        if verbose:
            for event_id, chains in over_merged_examples(report.mentions):
                typer.echo(f"  event {event_id} fuses " + ", ".join(f"{chain} x{n}" for chain, n in chains.items()))
                typer.echo(f"      {report.events.get(event_id, '')}")
            for chain, event_ids in split_examples(report.mentions):
                typer.echo(f"  {chain} split into {len(event_ids)} events:")
                for event_id in event_ids:
                    typer.echo(f"      {event_id}: {report.events.get(event_id, '')}")
                for pair in report.splits:
                    if pair.chain == chain:
                        typer.echo(f"      {pair.first}-{pair.second} apart: {pair.cause}: {pair.reason}")
            causes = Counter(pair.cause for pair in report.splits)
            typer.echo("split pairs by cause: " + ", ".join(f"{cause} {causes[cause]}" for cause in SPLIT_CAUSES))
