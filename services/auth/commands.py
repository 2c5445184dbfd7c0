"""`annals keys create|list|revoke`."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated

import typer

keys_app = typer.Typer(help="Manage API keys (writes need one).", no_args_is_help=True)


@contextmanager
def _session():
    """A transaction on the configured database, or on the embedded one under the data directory."""
    from services.embedded import resolve_services
    from services.settings import get_settings
    from services.store.db import session_scope

    servers, database_url, _ = resolve_services(get_settings(), redis=False)
    try:
        with session_scope(database_url) as session:
            yield session
    finally:
        servers.stop()


@keys_app.command("create")
def create(
    name: Annotated[str, typer.Option(help="Who or what uses the key")],
    scope: Annotated[list[str] | None, typer.Option(
        "--scope", help="ingest, read, webhooks or admin; repeat for several (default: ingest, read, webhooks)")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="A key that may only read (--scope read)")] = False,
):
    """Make a key. It is printed once and stored only as a hash."""
    from services.auth.keys import DEFAULT_SCOPES, create_key

    scopes = ("read",) if read_only else tuple(scope or DEFAULT_SCOPES)
    with _session() as session:
        try:
            new = create_key(session, name=name, scopes=scopes)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--scope") from None
    typer.echo(f"key {new.id} ({', '.join(new.scopes)}) for {new.name}:\n{new.key}\n"
               "Store it now: it cannot be shown again.")


@keys_app.command("list")
def list_():
    """List keys (prefix, scope, state)."""
    from rich.console import Console
    from rich.table import Table

    from services.auth.keys import list_keys

    table = Table("id", "name", "prefix", "scopes", "created", "revoked")
    with _session() as session:
        for key in list_keys(session):
            table.add_row(str(key.id), key.name, key.prefix + "…", ", ".join(key.scopes), f"{key.created_at:%Y-%m-%d %H:%M}",
                          f"{key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "")
    Console().print(table)


@keys_app.command("revoke")
def revoke(key_id: int):
    """Revoke a key: it answers 403 from now on."""
    from services.auth.keys import revoke_key

    with _session() as session:
        revoked = revoke_key(session, key_id)
    typer.echo(f"key {key_id} revoked" if revoked else f"no active key {key_id}")
    raise typer.Exit(0 if revoked else 1)
