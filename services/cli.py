"""The `annals` command: run the service, its parts, and the extraction tools."""

from __future__ import annotations

import typer

from services.extraction.commands import register as register_extraction_commands
from services.extraction.timex.commands import register as register_timex_commands

app = typer.Typer(help="Annals: event timelines from news.", no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score extraction against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

register_timex_commands(app, eval_app)
register_extraction_commands(app, eval_app)
