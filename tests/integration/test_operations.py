"""Liveness, readiness and metrics."""

from __future__ import annotations


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "postgres": "ok", "redis": "ok"}


def test_readyz_names_what_is_down(client, monkeypatch):
    from services.settings import get_settings

    monkeypatch.setattr(get_settings(), "redis_url", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.json()["postgres"] == "ok" and response.json()["redis"].startswith("unreachable")


def test_metrics_count_requests_by_route_and_report_backlog(client):
    client.post("/articles", json={"text": "Putin met Kim on Tuesday.", "published_at": "2024-06-17"})
    client.get("/actors/Nobody/timeline")
    body = client.get("/metrics").text
    assert 'annals_http_requests_total{method="POST",route="/articles",status="202"}' in body
    assert 'route="/actors/{name}/timeline",status="404"' in body
    assert 'annals_articles{status="queued"} 1.0' in body
    assert 'annals_queue_depth{queue="celery"}' in body


def test_the_readiness_check_and_the_routes_share_one_pool():
    # The README's connection budget counts two pools per API process (asyncio and sync): `get_engine()`
    # (readiness, streams) and the routes' sessions (`get_engine(None)`) must be one engine, not two.
    from services.settings import get_settings
    from services.store.db import get_engine, get_sessionmaker

    engine = get_engine()
    assert get_engine(None) is engine is get_engine(get_settings().database_url)
    assert get_sessionmaker().kw["bind"] is engine
