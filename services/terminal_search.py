"""`annals search WORDS...`: events from a running API, found by words and filters, as a table."""

from __future__ import annotations

from typing import Annotated

import typer

from services.terminal import ApiOption, KeyOption, TimelineError, _headers, call_api, default_api_url

PAGE_LIMIT = 100


def fetch_events(client, api: str, params: dict, *, limit: int, headers: dict) -> list[dict]:
    """Up to `limit` events of GET /events, following its cursor."""
    events: list[dict] = []
    params = {key: value for key, value in params.items() if value not in (None, "")}
    while len(events) < limit:
        response = client.get(f"{api}/events", params={**params, "limit": min(PAGE_LIMIT, limit - len(events))},
                              headers=headers)
        if response.status_code != 200:
            raise TimelineError(response)
        body = response.json()
        events += body["events"]
        if not body.get("next_cursor"):
            break
        params["cursor"] = body["next_cursor"]
    return events


def _marked(snippet: dict) -> str:
    """The snippet with its matched words in bold (rich markup; the text itself escaped)."""
    from rich.markup import escape

    text, parts, position = snippet["text"], [], 0
    for start, end in snippet["marks"]:
        parts += [escape(text[position:start]), f"[bold]{escape(text[start:end])}[/]"]
        position = end
    return "".join(parts + [escape(text[position:])])


def events_table(events: list[dict], title: str):
    from rich.markup import escape
    from rich.table import Table

    from services.extraction.event_types import TYPE_LABELS
    from services.web.formatting import event_label

    table = Table(title=title, show_lines=True, expand=False)
    table.add_column("Date", no_wrap=True, style="bold")
    table.add_column("Kind")
    table.add_column("Event", ratio=3)
    table.add_column("Who", ratio=1)
    table.add_column("Where")
    for event in events:
        text = escape(event["summary"]) + ("  [yellow](planned)[/]" if event["status"] == "planned" else "")
        if event.get("rank") is not None and event["snippet"]["marks"]:
            text += "\n[dim]" + _marked(event["snippet"]) + "[/]"
        table.add_row(event_label(event), TYPE_LABELS.get(event["type"], event["type"]), text,
                      escape(", ".join(actor["name"] for actor in event["actors"])),
                      escape(event["place"]["name"]) if event.get("place") else "")
    return table


def search_command(
    words: Annotated[list[str] | None, typer.Argument(help="Words to find (none: the newest events)")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events this actor takes part in")] = None,
    with_actor: Annotated[str | None, typer.Option("--with", help="...and this one too")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="meeting, statement, agreement, election, "
                                                   "legal, violence, disaster, death, sports, business, other")
                          ] = None,
    place: Annotated[str | None, typer.Option("--place", help="Where it happened")] = None,
    status: Annotated[str | None, typer.Option("--status", help="occurred or planned")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events ending on or after YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events starting on or before YYYY-MM-DD")] = None,
    min_outlets: Annotated[int | None, typer.Option("--min-outlets", help="Reported by at least N outlets")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many events")] = 20,
    api: ApiOption = None,
    key: KeyOption = None,
):
    """Find events in a running API by words (ranked, matches in bold) and filters; print them as a table."""
    from rich.console import Console

    console = Console()
    query = " ".join(words or [])
    params = {"q": query, "actor": actor, "with": with_actor, "type": event_type, "place": place,
              "status": status, "from": date_from, "to": date_to, "min_outlets": min_outlets}
    api = (api or default_api_url()).rstrip("/")
    events = call_api(console, api, lambda client: fetch_events(client, api, params, limit=limit,
                                                                 headers=_headers(key)))
    if not events:
        console.print("No events match.")
        return
    heading = f"“{query}”" if query else "Newest events"
    console.print(events_table(events, f"{heading} – {len(events)} event{'' if len(events) == 1 else 's'}"))


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)
