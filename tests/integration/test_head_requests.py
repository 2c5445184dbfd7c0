"""HEAD answers as GET does, with no body: status, ETag, Content-Length and 304 alike (services.head_requests)."""

from __future__ import annotations

import pytest

from tests.integration.factories import PUTIN_EVENTS, store_article

PAGES = ["/healthz", "/actors/Putin/timeline", "/actors/Putin/timeline?format=csv", "/actors?q=Put",
         "/events?q=Pyongyang", "/actors/Putin"]


@pytest.fixture
def putin_timeline():
    store_article(*PUTIN_EVENTS)


@pytest.mark.parametrize("url", PAGES)
def test_head_has_gets_status_and_headers_and_no_body(client, putin_timeline, url):
    got = client.get(url)
    head = client.head(url)
    assert got.status_code == 200 and got.content
    assert head.status_code == 200 and head.content == b""
    for name in ("content-type", "etag", "cache-control"):
        assert head.headers.get(name) == got.headers.get(name), name
    if "content-length" in got.headers:
        assert head.headers["content-length"] == got.headers["content-length"]


def test_head_with_a_matching_etag_is_not_modified(client, putin_timeline):
    etag = client.get("/actors/Putin/timeline").headers["etag"]
    assert client.head("/actors/Putin/timeline", headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize(("url", "status"), [("/actors/Nobody%20Known/timeline", 404), ("/no/such/page", 404),
                                             ("/webhooks/1/rotate-secret", 405), ("/actors/Putin/timeline?limit=0", 422)])
def test_head_errors_are_gets_errors_without_the_body(client, putin_timeline, url, status):
    got, head = client.get(url), client.head(url)
    assert got.status_code == head.status_code == status
    assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
