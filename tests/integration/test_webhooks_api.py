"""The webhook management API: write key required, subscriptions, refusals, rotation, ping, replay, logs."""

from __future__ import annotations

import base64

import pytest

from services.settings import get_settings

RECEIVER = "http://127.0.0.1:9/hook"  # only stored here; nothing is sent in these tests


@pytest.fixture
def allow_loopback(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "webhook_allow_nets", ["127.0.0.0/8", "::1/128"])
    monkeypatch.setattr(settings, "webhook_allow_http", True)
    return settings


ROUTES = [
    ("post", "/webhooks", {"url": RECEIVER}),
    ("get", "/webhooks", None),
    ("get", "/webhooks/1", None),
    ("patch", "/webhooks/1", {"description": "x"}),
    ("delete", "/webhooks/1", None),
    ("post", "/webhooks/1/rotate-secret", None),
    ("post", "/webhooks/1/test", None),
    ("get", "/webhooks/1/deliveries", None),
    ("get", "/webhooks/1/messages", None),
    ("post", "/webhooks/1/replay", {"since": "2024-01-01"}),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_every_webhook_route_needs_a_write_key(anonymous_client, method, path, body):
    kwargs = {"json": body} if body is not None else {}
    response = getattr(anonymous_client, method)(path, **kwargs) if method != "delete" else anonymous_client.delete(path)
    assert response.status_code == 401


def test_subscribe_read_change_and_delete(client, allow_loopback):
    created = client.post("/webhooks", json={"url": RECEIVER, "actors": ["Putin", "Kim Jong Un"],
                                             "description": "newsroom"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert set(body) >= {"id", "url", "actors", "secret", "created_at"}
    assert body["actors"] == ["Putin", "Kim Jong Un"] and body["url"] == RECEIVER and body["enabled"]
    assert body["secret"].startswith("whsec_") and 24 <= len(base64.b64decode(body["secret"][6:])) <= 64
    # unknown names are kept and resolved when events arrive
    assert body["actor_matches"] == [{"name": "Putin", "actor": None}, {"name": "Kim Jong Un", "actor": None}]
    endpoint_id = body["id"]

    shown = client.get(f"/webhooks/{endpoint_id}").json()
    assert "secret" not in shown and shown["description"] == "newsroom"
    assert [w["id"] for w in client.get("/webhooks").json()["webhooks"]] == [endpoint_id]

    changed = client.patch(f"/webhooks/{endpoint_id}", json={"actors": None, "enabled": False})
    assert changed.status_code == 200
    assert changed.json()["actors"] is None and not changed.json()["enabled"]
    assert changed.json()["disabled_reason"] == "disabled through the API"
    again = client.patch(f"/webhooks/{endpoint_id}", json={"enabled": True}).json()
    assert again["enabled"] and again["disabled_reason"] is None

    assert client.delete(f"/webhooks/{endpoint_id}").status_code == 204
    assert client.get(f"/webhooks/{endpoint_id}").status_code == 404
    assert client.delete(f"/webhooks/{endpoint_id}").status_code == 404


@pytest.mark.parametrize(("url", "reason"), [
    ("http://10.0.0.1/", "http://"),
    ("https://10.0.0.1/", "private"),
    ("https://169.254.169.254/", "link-local"),
    ("https://[::1]/", "loopback"),
    ("https://localhost/", "loopback"),
    ("ftp://example.com/", "https://"),
])
def test_refused_urls_are_422_naming_the_reason(client, url, reason):
    response = client.post("/webhooks", json={"url": url})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert reason in response.json()["detail"] and reason in response.json()["reason"]


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://169.254.169.254/", "http://[::1]/", "http://localhost/"])
def test_refused_even_with_http_allowed(client, monkeypatch, url):
    monkeypatch.setattr(get_settings(), "webhook_allow_http", True)
    response = client.post("/webhooks", json={"url": url})
    assert response.status_code == 422 and "url refused" in response.json()["detail"]


def test_patching_to_a_refused_url_is_422_and_changes_nothing(client, allow_loopback, monkeypatch):
    endpoint_id = client.post("/webhooks", json={"url": RECEIVER}).json()["id"]
    monkeypatch.setattr(get_settings(), "webhook_allow_nets", [])
    response = client.patch(f"/webhooks/{endpoint_id}", json={"url": "http://127.0.0.1:10/"})
    assert response.status_code == 422 and "loopback" in response.json()["detail"]
    assert client.get(f"/webhooks/{endpoint_id}").json()["url"] == RECEIVER


@pytest.mark.parametrize("body", [{"url": RECEIVER, "actors": []}, {"url": RECEIVER, "actors": [" "]},
                                  {"url": RECEIVER, "bogus": 1}, {}])
def test_invalid_subscriptions_are_422(client, allow_loopback, body):
    assert client.post("/webhooks", json=body).status_code == 422


def test_rotation_returns_a_new_secret_and_keeps_the_old_for_24_hours(client, allow_loopback):
    created = client.post("/webhooks", json={"url": RECEIVER}).json()
    rotated = client.post(f"/webhooks/{created['id']}/rotate-secret")
    assert rotated.status_code == 200
    assert rotated.json()["secret"].startswith("whsec_") and rotated.json()["secret"] != created["secret"]
    assert rotated.json()["previous_secret_expires_at"]


def test_ping_queues_a_message_and_disabled_endpoints_refuse_it(client, allow_loopback):
    endpoint_id = client.post("/webhooks", json={"url": RECEIVER}).json()["id"]
    ping = client.post(f"/webhooks/{endpoint_id}/test")
    assert ping.status_code == 202 and ping.json()["message_id"].startswith("msg_")
    listed = client.get(f"/webhooks/{endpoint_id}/messages").json()["messages"]
    assert [(m["id"], m["type"], m["status"]) for m in listed] == [(ping.json()["message_id"], "ping", "pending")]
    client.patch(f"/webhooks/{endpoint_id}", json={"enabled": False})
    assert client.post(f"/webhooks/{endpoint_id}/test").status_code == 409
    assert client.post(f"/webhooks/{endpoint_id}/replay", json={"since": "2024-01-01"}).status_code == 409


def test_unknown_endpoints_are_404(client):
    for path in ("/webhooks/99", "/webhooks/99/deliveries", "/webhooks/99/messages"):
        assert client.get(path).status_code == 404
    assert client.post("/webhooks/99/test").status_code == 404
    assert client.post("/webhooks/99/replay", json={"since": "2024-06-17T00:00:00Z"}).status_code == 404


def key_headers(*scopes: str) -> dict:
    from services.auth.keys import create_key
    from services.store.db import session_scope

    with session_scope() as session:
        return {"Authorization": f"Bearer {create_key(session, name='+'.join(scopes), scopes=scopes).key}"}


OTHER_KEYS_ROUTES = [  # every route that names an endpoint: another key's endpoint does not exist for it
    ("GET", "/webhooks/{id}", None),
    ("PATCH", "/webhooks/{id}", {"description": "mine now"}),
    ("POST", "/webhooks/{id}/rotate-secret", None),
    ("POST", "/webhooks/{id}/test", None),
    ("GET", "/webhooks/{id}/deliveries", None),
    ("GET", "/webhooks/{id}/messages", None),
    ("POST", "/webhooks/{id}/replay", {"since": "2024-01-01"}),
    ("DELETE", "/webhooks/{id}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), OTHER_KEYS_ROUTES)
def test_a_key_cannot_see_or_change_another_keys_subscription(anonymous_client, allow_loopback, method, path, body):
    owner, intruder = key_headers("webhooks"), key_headers("webhooks")
    endpoint = anonymous_client.post("/webhooks", json={"url": RECEIVER, "description": "owner's"}, headers=owner)
    endpoint_id = endpoint.json()["id"]
    response = anonymous_client.request(method, path.format(id=endpoint_id), json=body, headers=intruder)
    assert response.status_code == 404, response.text
    assert anonymous_client.get("/webhooks", headers=intruder).json()["webhooks"] == []
    still = anonymous_client.get(f"/webhooks/{endpoint_id}", headers=owner)
    assert still.status_code == 200 and still.json()["description"] == "owner's"
    assert anonymous_client.get(f"/webhooks/{endpoint_id}/messages", headers=owner).json()["messages"] == []


def test_an_admin_key_sees_and_changes_every_subscription(anonymous_client, allow_loopback):
    first, second, admin = key_headers("webhooks"), key_headers("webhooks"), key_headers("admin")
    ids = [anonymous_client.post("/webhooks", json={"url": RECEIVER}, headers=h).json()["id"] for h in (first, second)]
    assert [w["id"] for w in anonymous_client.get("/webhooks", headers=admin).json()["webhooks"]] == ids
    assert [w["id"] for w in anonymous_client.get("/webhooks", headers=first).json()["webhooks"]] == ids[:1]
    assert anonymous_client.patch(f"/webhooks/{ids[1]}", json={"description": "by admin"},
                                  headers=admin).status_code == 200
    assert anonymous_client.delete(f"/webhooks/{ids[0]}", headers=admin).status_code == 204
    assert anonymous_client.get(f"/webhooks/{ids[0]}", headers=first).status_code == 404
