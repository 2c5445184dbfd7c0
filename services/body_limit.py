"""Refuse request bodies over the limit with 413 before reading them whole (declared or streamed size)."""

from __future__ import annotations

import orjson

from services.errors import PROBLEM_JSON


class BodyLimitMiddleware:
    """Pure ASGI: checks Content-Length, and counts the bytes of chunked bodies as they arrive."""

    def __init__(self, app, *, default_limit: int, limits_by_path: dict[str, int] | None = None) -> None:
        self.app = app
        self.default_limit = default_limit
        self.limits_by_path = limits_by_path or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return await self.app(scope, receive, send)
        limit = self.limits_by_path.get(scope["path"], self.default_limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _too_large(send, limit)
        received = 0
        refused = False
        response_started = False

        async def counting_receive():
            # Past the limit we answer 413 ourselves and tell the app the client left; whatever the app
            # then tries to send is dropped (frameworks swallow exceptions raised from receive()).
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not response_started:
                        await _too_large(send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            nonlocal response_started
            if refused:
                return
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


async def _too_large(send, limit: int) -> None:
    body = orjson.dumps({"type": "about:blank", "title": "Content too large", "status": 413,
                         "detail": f"the request body is larger than {limit:,} bytes"})
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
