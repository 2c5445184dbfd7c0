"""Terminal clients of a running API: `annals timeline NAME` and `annals ingest PATH...`."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TRAILING_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})$")
DEFAULT_CHUNK = 100


def default_api_url() -> str:
    from services.settings import get_settings

    settings = get_settings()
    return os.environ.get("ANNALS_API_URL") or f"http://{settings.api_host}:{settings.api_port}"


ApiOption = Annotated[str | None, typer.Option("--api", help="API base URL (default: $ANNALS_API_URL, else the configured host and port)")]
KeyOption = Annotated[str | None, typer.Option("--key", envvar="ANNALS_API_KEY",
                                               help="API key (or ANNALS_API_KEY)", show_default=False)]


def _headers(key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"} if key else {}


def _problem(response) -> str:
    """The detail of a problem+json answer, or the raw body."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail or body)


# --- annals timeline ----------------------------------------------------------------------------------------

def fetch_timeline(client, api: str, name: str, *, date_from: date | None, date_to: date | None,
                   headers: dict) -> tuple[dict, list[dict]]:
    """Every event of the actor in the window, following the cursor."""
    from urllib.parse import quote

    params: dict[str, str | int] = {"limit": 500}
    if date_from:
        params["from"] = date_from.isoformat()
    if date_to:
        params["to"] = date_to.isoformat()
    events: list[dict] = []
    while True:
        response = client.get(f"{api}/actors/{quote(name, safe='')}/timeline", params=params, headers=headers)
        if response.status_code != 200:
            raise TimelineError(response)
        body = response.json()
        events += body["events"]
        if not body.get("next_cursor"):
            return body["actor"], events
        params["cursor"] = body["next_cursor"]


class TimelineError(Exception):
    """The API answered with a problem (any read: a timeline, a search)."""

    def __init__(self, response):
        super().__init__(_problem(response))
        self.response = response


def timeline_table(actor: dict, events: list[dict]):
    from rich.markup import escape
    from rich.table import Table

    from services.web.formatting import event_label

    table = Table(title=f"{actor['name']} – {len(events)} event{'s' if len(events) != 1 else ''}",
                  show_lines=True, expand=False)
    table.add_column("Date", no_wrap=True, style="bold")
    table.add_column("Event", ratio=3)
    table.add_column("With", ratio=1)
    table.add_column("Sources", ratio=2)
    for event in events:
        summary = escape(event["summary"]) + ("  [yellow](planned)[/]" if event["status"] == "planned" else "")
        others = ", ".join(a["name"] for a in event["actors"] if a["id"] != actor["id"])
        sources = "\n".join(
            " · ".join(part for part in (s.get("source"), s.get("title") or s.get("url")) if part) or
            f"article {s['article_id']}"
            for s in event["sources"]
        )
        table.add_row(event_label(event), summary, escape(others), escape(sources))
    return table


def timeline_command(
    name: Annotated[str, typer.Argument(help="Actor name or alias, e.g. Putin")],
    date_from: Annotated[str | None, typer.Option("--from", help="Events ending on or after YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events starting on or before YYYY-MM-DD")] = None,
    api: ApiOption = None,
    key: KeyOption = None,
):
    """Print an actor's timeline (every event in the window) as a table, read from a running API."""
    from rich.console import Console

    console = Console()
    try:
        start = date.fromisoformat(date_from) if date_from else None
        end = date.fromisoformat(date_to) if date_to else None
    except ValueError as error:
        raise typer.BadParameter(f"dates are YYYY-MM-DD ({error})") from None
    api = (api or default_api_url()).rstrip("/")
    actor, events = call_api(console, api, lambda client: fetch_timeline(
        client, api, name, date_from=start, date_to=end, headers=_headers(key)))
    if not events:
        console.print(f"No events for {actor['name']}" + (" in that window." if start or end else " yet."))
        return
    console.print(timeline_table(actor, events))


def call_api(console, api: str, fetch):
    """`fetch(client)`, answering failures as the terminal does: unreachable (exit 2), a problem (exit 1)."""
    import httpx

    try:
        with httpx.Client(timeout=30) as client:
            return fetch(client)
    except httpx.HTTPError as error:
        console.print(f"[red]cannot reach the API at {api}: {error}[/]")
        raise typer.Exit(2) from None
    except TimelineError as error:
        print_problem(console, _json_or_empty(error.response), str(error))
        raise typer.Exit(1) from None


def print_problem(console, body: dict, detail: str) -> None:
    """A problem answer: its detail, invalid parameters, suggestions, or the people a name may mean."""
    console.print(f"[red]{detail}[/]")
    for problem in body.get("errors") or ():
        console.print(f"  {'.'.join(str(part) for part in problem.get('loc', [])[1:])}: {problem.get('msg', '')}")
    if body.get("suggestions"):
        console.print("Did you mean: " + ", ".join(body["suggestions"]) + "?")
    for candidate in body.get("candidates") or ():  # a surname several people share
        console.print(f"  {candidate['name']}  (id {candidate['id']}, {candidate['kind']}, "
                      f"{candidate['event_count']} events)")


def _json_or_empty(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


# --- annals ingest ------------------------------------------------------------------------------------------

@dataclass
class Item:
    """One article to post, and where it came from (for the summary)."""

    origin: str
    article: dict | None = None
    problem: str | None = None  # set when the item could not even be read


@dataclass
class Summary:
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)


def article_from_file(path: Path) -> dict:
    """A .txt or .html file as an article; a trailing YYYY-MM-DD in its name is its publication date."""
    text = path.read_text(encoding="utf-8", errors="replace")
    article: dict = {"text": text, "title": TRAILING_DATE.sub("", path.stem).rstrip("-_ ") or path.stem}
    match = TRAILING_DATE.search(path.stem)
    if match:
        try:
            article["published_at"] = date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass  # "2024-13-45" is not a date: let the API assume the received time
    if path.suffix.lower() in (".html", ".htm"):
        found = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        if found and found.group(1).strip():
            import html

            article["title"] = html.unescape(" ".join(found.group(1).split()))[:1000]
    return article


def items_from_jsonl(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                article = json.loads(line)
            except json.JSONDecodeError as error:
                yield Item(origin, problem=f"not JSON ({error.msg})")
                continue
            if not isinstance(article, dict):
                yield Item(origin, problem="not a JSON object")
                continue
            yield Item(origin, article)


def collect_items(paths: list[Path]) -> Iterator[Item]:
    """Files, folders (recursively, in name order) and JSON Lines files -> articles to post."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                           TEXT_SUFFIXES | JSONL_SUFFIXES)
        elif path.exists():
            files = [path]
        else:
            yield Item(str(path), problem="no such file or folder")
            continue
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                yield from items_from_jsonl(file)
            elif suffix in TEXT_SUFFIXES:
                try:
                    yield Item(str(file), article_from_file(file))
                except OSError as error:
                    yield Item(str(file), problem=f"cannot read it ({error.strerror})")
            else:
                yield Item(str(file), problem=f"unsupported file type {suffix or '(none)'}: use .txt, .html "
                                               "or .jsonl")


def _reason(result: dict) -> str:
    errors = result.get("errors") or []
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc") or () if str(p) not in ("body", "articles")
                         and not str(p).isdigit())
        parts.append(f"{where or 'article'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "rejected"


def post_chunk(client, api: str, chunk: list[Item], headers: dict, summary: Summary) -> None:
    response = client.post(f"{api}/articles/batch", json={"articles": [item.article for item in chunk]},
                           headers=headers)
    if response.status_code != 200:
        raise IngestError(f"HTTP {response.status_code}: {_problem(response)}")
    body = response.json()
    for item, result in zip(chunk, body["results"], strict=True):
        if result["status"] == "queued":
            summary.accepted += 1
        elif result["status"] == "duplicate":
            summary.duplicates += 1
        else:
            summary.rejected.append((item.origin, _reason(result)))


class IngestError(Exception):
    pass


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .jsonl) and folders (recursive)")],
    api: ApiOption = None,
    key: KeyOption = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, max=1000, help="Articles per request")] =
    DEFAULT_CHUNK,
):
    """Post articles to a running API in batches, with a progress bar and a summary.

    .txt and .html files are one article each (a trailing YYYY-MM-DD in the file name is the publication
    date); .jsonl files hold one article object per line ({"text", "published_at", "url", "title", "source"}).
    Exits 1 when anything was rejected.
    """
    import httpx
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console()
    api = (api or default_api_url()).rstrip("/")
    items = list(collect_items(paths))
    summary = Summary()
    postable = []
    for item in items:
        if item.problem:
            summary.rejected.append((item.origin, item.problem))
        else:
            postable.append(item)
    if not key:
        console.print("[yellow]no API key: pass --key or set ANNALS_API_KEY (`annals keys create`)[/]")
    try:
        with httpx.Client(timeout=120) as client, Progress(
            TextColumn("[bold]posting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
            transient=False,
        ) as progress:
            task = progress.add_task("articles", total=len(postable))
            for start in range(0, len(postable), chunk_size):
                chunk = postable[start:start + chunk_size]
                post_chunk(client, api, chunk, _headers(key), summary)
                progress.advance(task, len(chunk))
    except httpx.HTTPError as error:
        console.print(f"[red]cannot reach the API at {api}: {error}[/]")
        _print_summary(console, summary)
        raise typer.Exit(2) from None
    except IngestError as error:
        console.print(f"[red]the API refused the batch: {error}[/]")
        _print_summary(console, summary)
        raise typer.Exit(2) from None
    _print_summary(console, summary)
    if summary.rejected:
        raise typer.Exit(1)


def _print_summary(console, summary: Summary) -> None:
    from rich.markup import escape

    console.print(f"accepted: {summary.accepted}  duplicates: {summary.duplicates}  "
                  f"rejected: {len(summary.rejected)}")
    for origin, reason in summary.rejected:
        console.print(f"  [red]rejected[/] {escape(origin)}: {escape(reason)}")


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_command)
    app.command("ingest")(ingest_command)
