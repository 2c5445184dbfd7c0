"""The whole path with real processes: POST -> PostgreSQL -> Redis -> Celery worker -> timeline over HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.processes import wait_for

SEED = Path(__file__).resolve().parents[2] / "seeds" / "putin-north-korea-2024-06-17.txt"


def wait_until_done(api: str, article_id: int, timeout: float = 60) -> dict:
    def finished():
        body = httpx.get(f"{api}/articles/{article_id}").json()
        return body if body["status"] in ("done", "failed") else None

    return wait_for(finished, timeout=timeout, interval=0.2, what=f"article {article_id} to be processed")


def test_seed_article_becomes_an_ordered_putin_timeline(api, worker, headers):
    response = httpx.post(f"{api}/articles", json={"text": SEED.read_text(), "title": "Putin to visit North Korea",
                                                   "published_at": "2024-06-17"}, headers=headers)
    assert response.status_code == 202
    article = wait_until_done(api, response.json()["id"])
    assert article["status"] == "done", article["error"]
    assert article["events"], "the article produced no events"

    timeline = httpx.get(f"{api}/actors/Putin/timeline").json()
    starts = [event["date"]["start"] for event in timeline["events"]]
    assert starts == sorted(starts)
    # a range such as the two-day visit "2024-06-18/2024-06-19" counts as dated from its first day
    values = {event["date"]["value"].split("/")[0] for event in timeline["events"]}
    assert {"2000", "2023-09", "2024-05", "2024-06-18"} <= values
    same = httpx.get(f"{api}/actors/vladimir putin/timeline").json()
    assert [e["id"] for e in same["events"]] == [e["id"] for e in timeline["events"]]
    assert not any("See also" in source["sentence"] for e in timeline["events"] for source in e["sources"])


def test_reposting_is_idempotent_and_a_second_outlet_adds_sources_not_events(api, worker, headers):
    text = ("Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday, "
            "the Kremlin said. The two leaders signed a joint statement.")
    first = httpx.post(f"{api}/articles", json={"text": text, "url": "https://a.example/1",
                                                "published_at": "2024-05-17"}, headers=headers).json()
    wait_until_done(api, first["id"])
    again = httpx.post(f"{api}/articles", json={"text": text, "url": "https://a.example/1"}, headers=headers)
    assert again.status_code == 200 and again.json()["id"] == first["id"]
    before = httpx.get(f"{api}/actors/Xi Jinping/timeline").json()["events"]
    assert before, "no event for Xi Jinping"

    retold = ("Russian President Vladimir Putin held talks with Xi Jinping in Beijing on Thursday, "
              "state media reported.")
    second = httpx.post(f"{api}/articles", json={"text": retold, "url": "https://b.example/2",
                                                 "published_at": "2024-05-17"}, headers=headers).json()
    wait_until_done(api, second["id"])
    after = httpx.get(f"{api}/actors/Xi Jinping/timeline").json()["events"]
    assert len(after) == len(before)
    sources = {s["article_id"] for e in after for s in e["sources"]}
    assert sources == {first["id"], second["id"]}
