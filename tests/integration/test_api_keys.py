"""Writes need a key; reads are open unless settings close them; revoked and read-only keys get 403."""

from __future__ import annotations

import pytest

from services.auth.keys import create_key, revoke_key
from services.settings import get_settings
from services.store.db import session_scope

ARTICLE = {"text": "Putin met Kim on Tuesday.", "published_at": "2024-06-17"}


def make_key(*scopes: str) -> tuple[int, str]:
    with session_scope() as session:
        new = create_key(session, name=f"{'+'.join(scopes) or 'default'} key", **({"scopes": scopes} if scopes else {}))
    return new.id, new.key


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("path", ["/articles", "/articles/batch"])
def test_writes_without_a_key_are_401(anonymous_client, path):
    body = ARTICLE if path == "/articles" else {"articles": [ARTICLE]}
    response = anonymous_client.post(path, json=body)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["title"] == "Unauthorized"
    assert anonymous_client.post(path, json=body, headers=auth("ann_not-a-real-key")).status_code == 401


def test_a_write_key_writes_and_a_revoked_one_is_403(anonymous_client):
    key_id, key = make_key()
    assert anonymous_client.post("/articles", json=ARTICLE, headers=auth(key)).status_code == 202
    with session_scope() as session:
        assert revoke_key(session, key_id)
    response = anonymous_client.post("/articles", json=ARTICLE | {"text": "other"}, headers=auth(key))
    assert response.status_code == 403 and "revoked" in response.json()["detail"]


def test_a_read_only_key_cannot_write(anonymous_client):
    _, key = make_key("read")
    assert anonymous_client.post("/articles", json=ARTICLE, headers=auth(key)).status_code == 403


RECEIVER = {"url": "https://127.0.0.1:9/hook"}


@pytest.fixture
def allow_loopback(monkeypatch):
    monkeypatch.setattr(get_settings(), "webhook_allow_nets", ["127.0.0.0/8"])


# (scopes of the key, request, expected status): each route asks for its own scope; admin has them all
@pytest.mark.parametrize(("scopes", "method", "path", "body", "status"), [
    (("ingest",), "post", "/articles", ARTICLE, 202),
    (("read",), "post", "/articles", ARTICLE, 403),
    (("webhooks",), "post", "/articles", ARTICLE, 403),
    (("ingest",), "post", "/articles/batch", {"articles": [ARTICLE]}, 200),
    (("read",), "post", "/articles/batch", {"articles": [ARTICLE]}, 403),
    (("webhooks",), "post", "/webhooks", RECEIVER, 201),
    (("ingest",), "post", "/webhooks", RECEIVER, 403),
    (("read",), "get", "/webhooks", None, 403),
    (("ingest", "read"), "get", "/webhooks", None, 403),
    (("admin",), "post", "/articles", ARTICLE, 202),
    (("admin",), "post", "/webhooks", RECEIVER, 201),
])
def test_each_route_needs_its_scope(anonymous_client, allow_loopback, scopes, method, path, body, status):
    _, key = make_key(*scopes)
    response = anonymous_client.request(method.upper(), path, json=body, headers=auth(key))
    assert response.status_code == status, response.text
    if status == 403:
        assert "scope" in response.json()["detail"]


def test_closed_reads_need_the_read_scope(anonymous_client, monkeypatch):
    monkeypatch.setattr(get_settings(), "read_requires_key", True)
    _, ingest_only = make_key("ingest")
    _, reader = make_key("read")
    assert anonymous_client.get("/actors?q=put", headers=auth(ingest_only)).status_code == 403
    assert anonymous_client.get("/actors?q=put", headers=auth(reader)).status_code == 200


def test_unknown_scopes_are_refused():
    with pytest.raises(ValueError), session_scope() as session:
        create_key(session, name="bad", scopes=("write",))


def test_reads_are_open_by_default_and_closed_by_setting(anonymous_client, monkeypatch):
    assert anonymous_client.get("/actors?q=put").status_code == 200
    monkeypatch.setattr(get_settings(), "read_requires_key", True)
    assert anonymous_client.get("/actors?q=put").status_code == 401
    _, key = make_key("read")
    assert anonymous_client.get("/actors?q=put", headers=auth(key)).status_code == 200


def test_only_the_hash_is_stored():
    _, key = make_key()
    with session_scope() as session:
        from services.store.models import ApiKey

        stored = session.query(ApiKey).one()
    assert key not in (stored.key_hash, stored.prefix) and stored.prefix == key[:12]


@pytest.mark.parametrize(("options", "scopes"), [
    ([], ["ingest", "read", "webhooks"]),
    (["--scope", "ingest"], ["ingest"]),
    (["--scope", "webhooks", "--scope", "read"], ["webhooks", "read"]),
    (["--scope", "admin"], ["admin"]),
    (["--read-only"], ["read"]),
])
def test_keys_create_gives_the_scopes_asked_for(options, scopes):
    from typer.testing import CliRunner

    from services.cli import app
    from services.store.models import ApiKey

    result = CliRunner().invoke(app, ["keys", "create", "--name", "cli", *options])
    assert result.exit_code == 0, result.output
    assert ", ".join(scopes) in result.output
    with session_scope() as session:
        assert session.query(ApiKey).one().scopes == scopes


def test_keys_create_refuses_an_unknown_scope():
    from typer.testing import CliRunner

    from services.cli import app

    result = CliRunner().invoke(app, ["keys", "create", "--name", "cli", "--scope", "write"])
    assert result.exit_code != 0 and "scopes must be" in result.output
