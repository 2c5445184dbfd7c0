"""Secrets, signatures (checked with the independent standardwebhooks verifier) and the 64 KB body limit."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from services.webhooks.relay import message_body
from services.webhooks.signing import new_message_id, new_secret, signed_headers


def test_secrets_are_whsec_and_24_to_64_random_bytes():
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert 24 <= len(base64.b64decode(secret.removeprefix("whsec_"))) <= 64
    assert new_secret() != secret and new_message_id() != new_message_id()


def test_a_subscriber_verifies_the_signature():
    secret, body = new_secret(), json.dumps({"type": "ping", "data": {}})
    headers = signed_headers([secret], "msg_1", int(time.time()), body)
    assert Webhook(secret).verify(body, headers) == {"type": "ping", "data": {}}
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body + " ", headers)


def test_during_a_rotation_both_secrets_sign():
    new, old, body = new_secret(), new_secret(), "{}"
    headers = signed_headers([new, old], "msg_2", int(time.time()), body)
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert all(part.startswith("v1,") for part in headers["webhook-signature"].split(" "))
    Webhook(new).verify(body, headers)
    Webhook(old).verify(body, headers)


def _event(sources: int, sentence_chars: int = 1000) -> dict:
    return {"id": 7, "summary": "s", "actors": [{"id": 1, "name": "Vladimir Putin"}],
            "sources": [{"article_id": i, "sentence": f"{i:04d}" + "x" * sentence_chars} for i in range(sources)]}


def test_small_bodies_are_whole():
    body = json.loads(message_body("event.created", datetime(2024, 6, 17, tzinfo=UTC), _event(3), 65536))
    assert body == {"type": "event.created", "timestamp": "2024-06-17T00:00:00Z", "data": _event(3)}


def test_large_bodies_keep_the_newest_sources_that_fit_in_64_kb():
    encoded = message_body("event.updated", datetime.now(UTC), _event(200), 65536)
    assert len(encoded.encode()) <= 65536
    body = json.loads(encoded)
    kept = body["data"]["sources"]
    assert 0 < len(kept) < 200 and body["sources_omitted"] == 200 - len(kept)
    assert kept[-1]["article_id"] == 199 and [s["article_id"] for s in kept] == list(range(200 - len(kept), 200))
    assert len(message_body("event.updated", datetime.now(UTC), _event(len(kept) + 1), 65536).encode()) <= 65536
