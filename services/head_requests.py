"""HEAD is GET without the body (RFC 9110, 9.3.2).

FastAPI routes declare GET only, so without this a `curl -I` or a link checker's HEAD gets 405. The answer
carries GET's status and headers (ETag, Content-Length, 304 for a matching If-None-Match) and no body.
"""

from __future__ import annotations


class HeadAsGet:
    """Pure ASGI: runs a HEAD request as GET and sends none of the body (a stream ends at its first chunk)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)
        answered = False

        async def receive_until_answered():
            # once the headers are out the client has its answer: a live stream sees it leave
            return {"type": "http.disconnect"} if answered else await receive()

        async def send_without_body(message):
            nonlocal answered
            if answered:
                return
            if message["type"] == "http.response.body":
                answered = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive_until_answered, send_without_body)
