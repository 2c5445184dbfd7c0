"""The live feed with real processes: an event arrives within 5 s of its article's extraction, and a
reconnecting client (Last-Event-ID) resumes without losing or repeating events."""

from __future__ import annotations

import json
import queue
import threading
import time

import httpx
import pytest
from sqlalchemy import text

from services.store.db import get_engine
from tests.support.processes import start_api, wait_for

FIRST = ("Russian President Vladimir Putin arrived in Pyongyang on Tuesday for talks with Kim Jong Un, "
         "state media reported.")
SECOND = ("Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday, the Kremlin said. "
          "The two leaders signed a joint statement.")
THIRD = ("Vladimir Putin will travel to Hanoi on Wednesday to meet Vietnamese President To Lam, "
         "the Kremlin said.")


class StreamReader:
    """Reads an SSE stream in a thread; each complete message lands on `messages` with its arrival time."""

    def __init__(self, url: str, headers: dict | None = None):
        self.messages: queue.Queue = queue.Queue()
        self.comments: list[str] = []
        self.status: int | None = None
        self.ended = threading.Event()
        self._client = httpx.Client(timeout=httpx.Timeout(10, read=60))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(url, headers or {}), daemon=True)
        self._thread.start()
        wait_for(lambda: self.status is not None and (self.status != 200 or self.comments), timeout=15, what="the stream to open")

    def _run(self, url: str, headers: dict) -> None:
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                self.status = response.status_code
                fields: dict[str, list[str]] = {}
                for line in response.iter_lines():
                    if self._stop.is_set():
                        return
                    if line.startswith(":"):
                        self.comments.append(line)
                    elif not line:
                        if "data" in fields:
                            self.messages.put({"id": int(fields["id"][0]), "event": fields["event"][0],
                                               "data": json.loads("\n".join(fields["data"])),
                                               "at": time.monotonic()})
                        fields = {}
                    else:
                        name, _, value = line.partition(":")
                        fields.setdefault(name, []).append(value.removeprefix(" "))
        except httpx.HTTPError:
            pass
        finally:
            self.ended.set()

    def take(self, timeout: float) -> dict:
        return self.messages.get(timeout=timeout)

    def drain(self) -> list[dict]:
        found = []
        while not self.messages.empty():
            found.append(self.messages.get_nowait())
        return found

    def close(self) -> None:
        self._stop.set()
        self._client.close()
        self._thread.join(10)


def post(api: str, headers: dict, body: str, published_at: str) -> int:
    response = httpx.post(f"{api}/articles", json={"text": body, "published_at": published_at}, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def wait_done(api: str, article_id: int, timeout: float = 120) -> tuple[dict, float]:
    """The processed article and when it was seen done (the first one also waits for the model to load)."""
    def done():
        body = httpx.get(f"{api}/articles/{article_id}").json()
        return body if body["status"] in ("done", "failed") else None

    article = wait_for(done, timeout=timeout, interval=0.05, what=f"article {article_id} to be processed")
    assert article["status"] == "done", article["error"]
    return article, time.monotonic()


def putin_changes_after(change_id: int) -> list[int]:
    with get_engine().connect() as connection:
        return list(connection.execute(text(
            "SELECT c.id FROM event_changes c JOIN event_actors ea ON ea.event_id = c.event_id "
            "JOIN actors a ON a.id = ea.actor_id WHERE a.name = 'Vladimir Putin' AND c.id > :after ORDER BY c.id"),
            {"after": change_id}).scalars())


def test_stream_delivers_within_five_seconds_and_resumes_after_a_reconnect(api, worker, headers, log_dir):
    first_article, _ = wait_done(api, post(api, headers, FIRST, "2024-06-18"), timeout=200)
    assert first_article["events"]
    stream_url = f"{api}/actors/Vladimir Putin/events/stream"
    reader = StreamReader(stream_url)
    try:
        assert reader.status == 200, httpx.get(f"{api}/actors?q=Putin").text
        before = (putin_changes_after(0) or [0])[-1]
        second_id = post(api, headers, SECOND, "2024-05-17")
        second, done_at = wait_done(api, second_id)
        message = reader.take(timeout=5)  # within 5 s of the extraction being committed
        assert message["at"] - done_at < 5
        assert message["event"] in ("created", "updated")
        assert message["data"]["id"] in {e["id"] for e in second["events"]}
        assert {"id", "date", "summary", "status", "actors", "sources"} <= set(message["data"])
        assert any(a["name"] == "Vladimir Putin" for a in message["data"]["actors"])
        expected = putin_changes_after(before)
        seen = [message] + [reader.take(timeout=5) for _ in expected[1:]]
        assert [m["id"] for m in seen] == expected  # in order, no repeats
    finally:
        reader.close()
    last_id = seen[-1]["id"]
    # the server noticed the browser leaving and ended that stream
    wait_for(lambda: '"reason": "client gone"' in (log_dir / "api.log").read_text(), timeout=10,
             what="the API to end the abandoned stream")

    # While nobody listens, another article lands; the browser reconnects with Last-Event-ID.
    third, _ = wait_done(api, post(api, headers, THIRD, "2024-06-17"))
    assert third["events"]
    missed = putin_changes_after(last_id)
    assert missed, "the third article changed nothing on Putin's timeline"
    resumed = StreamReader(stream_url, headers={"Last-Event-ID": str(last_id)})
    try:
        got = [resumed.take(timeout=5) for _ in missed]
        assert [m["id"] for m in got] == missed  # nothing lost, nothing repeated
        assert {m["data"]["id"] for m in got} <= {e["id"] for e in third["events"]}
        with pytest.raises(queue.Empty):
            resumed.take(timeout=1)
    finally:
        resumed.close()

    # ?last_event_id= works too (for clients that cannot set headers); from the start it replays everything.
    replay = StreamReader(f"{stream_url}?last_event_id=0")
    try:
        everything = putin_changes_after(0)
        assert [replay.take(timeout=5)["id"] for _ in everything] == everything
    finally:
        replay.close()


def test_unknown_actor_stream_is_a_404(api):
    response = httpx.get(f"{api}/actors/Nobody At All/events/stream")
    assert response.status_code == 404


def test_head_on_a_stream_answers_its_headers_and_ends(api):
    with get_engine().begin() as connection:  # a known actor; no worker needed
        connection.execute(text("INSERT INTO actors (name, name_key, kind) VALUES ('Vladimir Putin', "
                                "'vladimir putin', 'person') ON CONFLICT DO NOTHING"))
    # a stream never ends by itself: HEAD must stop at the headers (the timeout turns a hang into a failure)
    response = httpx.head(f"{api}/actors/Vladimir Putin/events/stream", timeout=10)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-type"].startswith("text/event-stream")


def test_open_streams_end_when_the_server_stops(tmp_path):
    process, url = start_api(tmp_path)
    try:
        with get_engine().begin() as connection:  # the stream is for a known actor; no worker needed
            connection.execute(text("INSERT INTO actors (name, name_key, kind) VALUES ('Vladimir Putin', "
                                    "'vladimir putin', 'person') ON CONFLICT DO NOTHING"))
        reader = StreamReader(f"{url}/actors/Vladimir Putin/events/stream")
        started = time.monotonic()
        process.stop(timeout=15)
        assert reader.ended.wait(10), "the stream stayed open after SIGTERM"
        assert process.process.returncode is not None and time.monotonic() - started < 15
        assert '"reason": "server stopping"' in process.log()
        reader.close()
    finally:
        process.kill()
