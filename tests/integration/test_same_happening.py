"""One event per happening through the real extraction and store: the issue's small cases, spelling variants
and reports without a shared actor, and the over-merges that must not happen."""

from __future__ import annotations

from tests.integration.factories import post_and_process


def timeline(client, name: str) -> list[dict]:
    response = client.get(f"/actors/{name}/timeline")
    assert response.status_code == 200, response.text
    return response.json()["events"]


def test_two_outlets_reporting_the_tariffs_make_one_event(client):
    post_and_process(client, "Mark Carney announced on Monday that Canada would impose tariffs on American steel.",
                     "2026-11-18T09:00:00+00:00")
    post_and_process(client, "Carney announced Monday that Canada will impose new tariffs on steel imports.",
                     "2026-11-19T09:00:00+00:00")
    events = [e for e in timeline(client, "Carney") if e["date"]["value"] == "2026-11-16"]
    assert len(events) == 1, events
    assert len(events[0]["sources"]) == 2


def test_a_planned_visit_becomes_the_visit_that_occurred(client):
    post_and_process(client, "Olaf Scholz will travel to Madrid on Friday for talks with Pedro Sanchez.",
                     "2026-11-17T09:00:00+00:00")
    post_and_process(client, "Olaf Scholz met Pedro Sanchez in Madrid on Friday.", "2026-11-21T09:00:00+00:00")
    events = [e for e in timeline(client, "Scholz") if e["date"]["value"] == "2026-11-20"]
    assert len(events) == 1, events
    assert events[0]["status"] == "occurred" and len(events[0]["sources"]) == 2


def test_two_spellings_of_one_name_make_one_event(client):
    post_and_process(client, "Mountain guide Ewan Macrae died on Saturday after a fall on the north ridge of Ben Nevis.",
                     "2026-11-16T09:00:00+00:00")
    post_and_process(client, "Mountain guide Ewan McRae died on Saturday after a fall on the north ridge of Ben Nevis.",
                     "2026-11-16T10:00:00+00:00")
    first, second = timeline(client, "Ewan Macrae"), timeline(client, "Ewan McRae")
    assert len(first) == 1 and first == second
    assert {a["name"] for a in first[0]["actors"]} >= {"Ewan Macrae", "Ewan McRae"}


def test_two_people_arrested_on_one_day_are_two_arrests(client):
    post_and_process(client, "Police arrested Tom Baker on Monday in connection with the warehouse fire in Leeds.",
                     "2026-11-18T09:00:00+00:00")
    post_and_process(client, "Police arrested Sam Ortiz on Monday in connection with the warehouse fire in Leeds.",
                     "2026-11-18T10:00:00+00:00")
    baker, ortiz = timeline(client, "Tom Baker"), timeline(client, "Sam Ortiz")
    assert len(baker) == 1 and len(ortiz) == 1
    assert baker[0]["id"] != ortiz[0]["id"]
