"""The `annals` command: run the service, its parts, and the extraction tools."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path
from typing import Annotated

import typer

from services.auth.commands import keys_app
from services.evaluation.commands import register as register_evaluation_commands
from services.extraction.commands import register as register_extraction_commands
from services.extraction.evaluation.places_types import register as register_place_commands
from services.extraction.timex.commands import register as register_timex_commands
from services.terminal import register as register_terminal_commands
from services.terminal_search import register as register_search_command

app = typer.Typer(help="Annals: event timelines from news.", no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score extraction against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(keys_app, name="keys")

register_timex_commands(app, eval_app)
register_extraction_commands(app, eval_app)
register_place_commands(eval_app)
register_evaluation_commands(eval_app)
register_terminal_commands(app)
register_search_command(app)

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
APPS = {"all": "services.app:app", "ingest": "services.app:ingest_app", "timeline": "services.app:timeline_app"}


def _resolve_services(settings, *, database: bool = True, redis: bool = True):
    from services.embedded import resolve_services

    return resolve_services(settings, database=database, redis=redis)


def _child_env(database_url: str | None, redis_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if database_url:
        env["ANNALS_DATABASE_URL"] = database_url
    if redis_url:
        env["ANNALS_REDIS_URL"] = redis_url
    return env


@app.command()
def up(
    seed: Annotated[bool, typer.Option("--seed", help="Post the sample articles in seeds/")] = False,
    host: Annotated[str | None, typer.Option(help="API host (default: settings)")] = None,
    port: Annotated[int | None, typer.Option(help="API port (default: settings)")] = None,
    concurrency: Annotated[int | None, typer.Option(help="Worker processes")] = None,
):
    """Run everything: PostgreSQL and Redis (embedded unless URLs are set), migrations, API and a worker."""
    from services.auth.development import development_key
    from services.runner import Supervisor, api_command, wait_until_healthy, worker_command
    from services.settings import get_settings
    from services.store.migrate import upgrade

    settings = get_settings()
    host, port = host or settings.api_host, port or settings.api_port
    servers, database_url, redis_url = _resolve_services(settings)
    supervisor = Supervisor(_child_env(database_url, redis_url))
    supervisor.env["PROMETHEUS_MULTIPROC_DIR"] = str(_fresh_metrics_dir(settings.data_dir))
    # On a laptop, webhooks may go to a receiver on this machine (the address guard refuses loopback and
    # http:// by default); an explicit setting in the environment wins.
    supervisor.env.setdefault("ANNALS_WEBHOOK_ALLOW_NETS", "127.0.0.0/8,::1/128")
    supervisor.env.setdefault("ANNALS_WEBHOOK_ALLOW_HTTP", "true")
    stopping = False

    def request_stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    try:
        typer.echo(f"database: {'embedded' if servers.database_url else 'configured'}; "
                   f"redis: {'embedded' if servers.redis_url else 'configured'}; data: {settings.data_dir}")
        upgrade(database_url)
        supervisor.start(api_command(app=APPS["all"], host=host, port=port))
        supervisor.start(worker_command(concurrency=concurrency or settings.worker_concurrency, beat=True))
        url = f"http://{host}:{port}"
        if not wait_until_healthy(url):
            raise typer.Exit(_fail("the API did not become healthy"))
        key = development_key(settings.data_dir, database_url)
        typer.echo(f"Annals is running at {url}  (API docs: {url}/docs). Ctrl-C stops it.")
        typer.echo(f"Development API key (for writes): {key}")
        if seed:
            _post_seeds(url, key)
        while not stopping:
            exited = supervisor.any_exited()
            if exited is not None:
                typer.echo(f"a child process exited ({exited.args[2:4]}, code {exited.returncode}); stopping", err=True)
                break
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        typer.echo("stopping...")
        supervisor.stop()
        servers.stop()


def _fresh_metrics_dir(data_dir: Path) -> Path:
    """Where API and worker processes on this host pool their Prometheus samples (emptied at each start)."""
    import shutil

    path = (data_dir / "metrics").resolve()
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _fail(message: str) -> int:
    typer.echo(message, err=True)
    return 1


def _post_seeds(url: str, key: str) -> None:
    """Post seeds/*.txt; a trailing YYYY-MM-DD in the file name is the publication date."""
    import httpx

    for path in sorted(SEEDS_DIR.glob("*.txt")):
        match = re.search(r"(\d{4}-\d{2}-\d{2})$", path.stem)
        body = {"text": path.read_text(encoding="utf-8"), "title": path.stem, "source": "seed"}
        if match:
            body["published_at"] = match.group(1)
        response = httpx.post(url + "/articles", json=body, headers={"Authorization": f"Bearer {key}"}, timeout=30)
        typer.echo(f"seed {path.name}: HTTP {response.status_code} id={response.json().get('id')}")


@app.command()
def api(
    part: Annotated[str, typer.Option(help="all | ingest | timeline")] = "all",
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes")] = 1,
):
    """Run the HTTP API only (the ingest and read services can run apart)."""
    from services.runner import api_command
    from services.settings import get_settings

    settings = get_settings()
    servers, database_url, redis_url = _resolve_services(settings)
    command = api_command(app=APPS[part], host=host or settings.api_host, port=port or settings.api_port,
                          workers=workers)
    _run_foreground(command, _child_env(database_url, redis_url), servers)


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="Worker processes")] = None,
    beat: Annotated[bool, typer.Option(help="Also run the periodic sweep (run it in one place only)")] = False,
    queues: Annotated[str | None, typer.Option(help="Only these queues, e.g. `webhooks` (default: all)")] = None,
):
    """Run a Celery worker only."""
    from services.runner import worker_command
    from services.settings import get_settings

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # beat keeps its schedule file there
    servers, database_url, redis_url = _resolve_services(settings)
    command = worker_command(concurrency=concurrency or settings.worker_concurrency, beat=beat, queues=queues)
    _run_foreground(command, _child_env(database_url, redis_url), servers)


def _run_foreground(command: list[str], env: dict[str, str], servers) -> None:
    """Become the server process; with embedded servers to look after, run it as a child and forward signals."""
    import subprocess

    if not servers.database_url and not servers.redis_url:
        os.execvpe(command[0], command, env)  # signals from a supervisor (docker, systemd) reach it directly
    child = subprocess.Popen(command, env=env)
    signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGTERM))
    try:
        raise typer.Exit(child.wait())
    except KeyboardInterrupt:
        child.wait()
    finally:
        servers.stop()


@app.command()
def migrate():
    """Apply the database migrations (alembic upgrade head)."""
    from services.settings import get_settings
    from services.store.migrate import upgrade

    settings = get_settings()
    servers, database_url, _ = _resolve_services(settings, redis=False)
    try:
        upgrade(database_url)
        typer.echo("database is at the latest migration")
    finally:
        servers.stop()
