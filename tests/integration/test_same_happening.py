"""One event per happening through the real extraction and store: the issue's small cases, spelling variants
and reports without a shared actor, and the over-merges that must not happen."""

from __future__ import annotations

import pytest

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


# Each outlet names itself (or its reporter) as the source: sources take no part, so they neither split the
# reports nor count as the shared actor that joins them.
SOURCED_REPORTS = [
    ("Firefighters freed Owen Marsh from a burning car on Tuesday, the Valley Herald reported.",
     "Owen Marsh was freed from a burning car on Tuesday, according to the Lakeside Courier."),
    ("Rescuers pulled Nora Quill from the flooded mine on Tuesday, the Valley Herald reported.",
     "Radio Nine's Hal Brody reports that rescuers pulled Nora Quill from the flooded mine on Tuesday."),
]


def test_reports_naming_their_own_sources_make_one_event(client):
    for first, second in SOURCED_REPORTS:
        post_and_process(client, first, "2026-11-18T09:00:00+00:00")
        post_and_process(client, second, "2026-11-18T10:00:00+00:00")
    for person in ("Owen Marsh", "Nora Quill"):
        (event,) = timeline(client, person)
        assert len(event["sources"]) == 2, event
        roles = {actor["name"]: actor["role"] for actor in event["actors"]}
        assert roles[person] == "participant" and "source" in roles.values(), roles


def test_one_outlet_reporting_two_happenings_does_not_join_them(client):
    post_and_process(client, "A fire destroyed the Kell sawmill on Tuesday, the Valley Herald reported.",
                     "2026-11-18T09:00:00+00:00")
    post_and_process(client, "A fire destroyed the Dunmore chapel on Tuesday, the Valley Herald reported.",
                     "2026-11-18T10:00:00+00:00")
    assert timeline(client, "Kell")[0]["id"] != timeline(client, "Dunmore")[0]["id"]


def test_a_source_that_a_later_report_has_taking_part_becomes_a_participant(client):
    post_and_process(client, "Owen Marsh was freed from a burning car on Tuesday, according to Hal Brody.",
                     "2026-11-18T09:00:00+00:00")
    (first,) = timeline(client, "Owen Marsh")
    assert {a["name"]: a["role"] for a in first["actors"]}.get("Hal Brody") == "source", first["actors"]
    post_and_process(client, "Hal Brody freed Owen Marsh from a burning car on Tuesday.", "2026-11-18T10:00:00+00:00")
    (event,) = timeline(client, "Owen Marsh")
    assert event["id"] == first["id"] and len(event["sources"]) == 2
    assert {a["name"]: a["role"] for a in event["actors"]} == {"Owen Marsh": "participant", "Hal Brody": "participant"}
    assert [e["id"] for e in timeline(client, "Hal Brody")] == [event["id"]]


QUAKE = "A strong earthquake struck the coast of Valdora on Sunday, killing two fishermen."
TIME_OF_THE_QUAKE = "It struck at 4:10 a.m., the Valley Herald reported."


def test_a_report_naming_only_its_source_joins_the_one_happening_of_its_kind_that_day(client):
    post_and_process(client, QUAKE, "2026-11-22T09:00:00+00:00")
    post_and_process(client, TIME_OF_THE_QUAKE, "2026-11-22T11:00:00+00:00")
    (event,) = timeline(client, "Valdora")
    assert len(event["sources"]) == 2 and event["date"]["value"] == "2026-11-22T04:10", event
    assert [e["id"] for e in timeline(client, "Valley Herald")] == [event["id"]]


def test_a_report_naming_only_its_source_stays_apart_when_two_happenings_fit(client):
    post_and_process(client, QUAKE, "2026-11-22T09:00:00+00:00")
    post_and_process(client, "A second earthquake struck the hills of Orrindale on Sunday.", "2026-11-22T10:00:00+00:00")
    post_and_process(client, TIME_OF_THE_QUAKE, "2026-11-22T11:00:00+00:00")
    (reported,) = timeline(client, "Valley Herald")
    assert reported["id"] not in {e["id"] for e in (*timeline(client, "Valdora"), *timeline(client, "Orrindale"))}


ESCAPE = "Rolf Ambers, a convicted arsonist, escaped from a prison bus near Dunmore on Tuesday."
LAST_WEEK = "Rolf Ambers was still at large. He escaped last week, police said."


@pytest.mark.parametrize("escape_first", [True, False], ids=["day first", "last week first"])
def test_last_week_in_a_report_days_later_is_the_escape_of_the_past_seven_days(client, escape_first):
    reports = [(ESCAPE, "2026-11-18T09:00:00+00:00"),  # Tuesday 17 November
               (LAST_WEEK, "2026-11-22T09:00:00+00:00")]  # a Sunday: "last week" is 9-15 November
    for text, published in reports if escape_first else reversed(reports):
        post_and_process(client, text, published)
    escapes = [e for e in timeline(client, "Rolf Ambers") if e["trigger"] == "escape"]
    assert len(escapes) == 1 and escapes[0]["date"]["value"] == "2026-11-17", escapes
    assert len(escapes[0]["sources"]) == 2


@pytest.mark.parametrize("escape_first", [True, False], ids=["day first", "last week first"])
def test_last_week_two_weeks_on_is_not_the_escape_of_the_week_before(client, escape_first):
    reports = [(ESCAPE, "2026-11-18T09:00:00+00:00"),
               (LAST_WEEK, "2026-11-30T09:00:00+00:00")]  # a Monday: "last week" is 23-29 November
    for text, published in reports if escape_first else reversed(reports):
        post_and_process(client, text, published)
    escapes = [e for e in timeline(client, "Rolf Ambers") if e["trigger"] == "escape"]
    assert sorted(e["date"]["value"] for e in escapes) == ["2026-11-17", "2026-W48"], escapes


@pytest.mark.parametrize("escape_first", [True, False], ids=["day first", "last week first"])
def test_last_week_is_read_from_the_publishers_own_day(client, escape_first):
    # 01:00 on Sunday 22 November in Tokyo is still Saturday in UTC: "last week" is 9-15 November, read loosely
    # the seven days up to Saturday 21, the escape's day (from the UTC Saturday it would end on the 20th)
    reports = [("Rolf Ambers, a convicted arsonist, escaped from a prison bus near Dunmore on November 21.",
                "2026-11-21T20:00:00+00:00"),
               (LAST_WEEK, "2026-11-22T01:00:00+09:00")]
    for text, published in reports if escape_first else reversed(reports):
        post_and_process(client, text, published)
    escapes = [e for e in timeline(client, "Rolf Ambers") if e["trigger"] == "escape"]
    assert len(escapes) == 1 and escapes[0]["date"]["value"] == "2026-11-21", escapes
