"""One identity per person, whatever order the articles name them in: through the API and the real extractor.

Each article is posted to the in-process API and processed as a worker would (claim, extract, store).
"""

from __future__ import annotations

import re

import pytest

from tests.integration.factories import post_and_process

TESTIFIED = ("Former FBI director James Comey testified before the Senate on Monday.", "2026-11-20")
SAID = ("Comey said on Wednesday that he would publish a book.", "2026-11-20")
LEBRON = ("LeBron James scored 40 points on Tuesday as the Lakers beat the Celtics.", "2026-11-20")
SANCHEZ = ("Spanish Prime Minister Pedro Sanchez met union leaders in Madrid on Monday.", "2026-11-20")
TWO_SMITHS = ("Joe Smith won the mayoral election on Tuesday. Ann Smith resigned from the board on Thursday.",
              "2026-11-20")


def timeline(client, name: str) -> dict:
    response = client.get(f"/actors/{name}/timeline")
    assert response.status_code == 200, response.text
    return response.json()


def person_names(client, query: str) -> list[str]:
    return sorted(a["name"] for a in client.get("/actors", params={"q": query}).json()["actors"]
                  if a["kind"] == "person")


@pytest.mark.parametrize("articles", [(TESTIFIED, SAID), (SAID, TESTIFIED)], ids=["full-first", "surname-first"])
def test_full_name_and_surname_reports_make_one_actor_in_either_order(client, articles):
    for text, published in articles:
        post_and_process(client, text, published)
    assert person_names(client, "comey") == ["James Comey"]
    by_surname, by_full_name = timeline(client, "Comey"), timeline(client, "James Comey")
    assert by_surname == by_full_name
    assert by_surname["actor"]["name"] == "James Comey"
    assert [e["trigger"] for e in by_surname["events"]] == ["testify", "say"]


def test_a_surname_finds_a_person_only_ever_named_in_full(client):
    post_and_process(client, *SANCHEZ)
    body = timeline(client, "Sanchez")
    assert body["actor"]["name"] == "Pedro Sanchez"
    assert len(body["events"]) == 1


def test_a_given_name_is_no_alias_and_lebron_james_shares_nothing_with_james_comey(client):
    post_and_process(client, *TESTIFIED)
    post_and_process(client, *LEBRON)
    comey = timeline(client, "James Comey")
    assert "James" not in comey["actor"]["aliases"]
    lebron = timeline(client, "LeBron James")
    assert lebron["actor"]["id"] != comey["actor"]["id"]
    assert not {e["id"] for e in lebron["events"]} & {e["id"] for e in comey["events"]}
    assert timeline(client, "James")["actor"]["name"] == "LeBron James"  # his surname, not Comey's given name


def test_a_surname_two_people_share_is_a_409_listing_both(client):
    post_and_process(client, *TWO_SMITHS)
    response = client.get("/actors/Smith/timeline")
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    candidates = response.json()["candidates"]
    assert sorted(c["name"] for c in candidates) == ["Ann Smith", "Joe Smith"]
    assert all(set(c) == {"id", "name", "kind", "event_count"} and c["event_count"] == 1 for c in candidates)
    # each candidate's id is a lookup of its own
    for candidate in candidates:
        assert timeline(client, str(candidate["id"]))["actor"]["name"] == candidate["name"]
    page = client.get("/actors/Smith")
    assert page.status_code == 409
    assert set(re.findall(r'href="(/actors/[^"]+)"', page.text)) >= {"/actors/Joe%20Smith", "/actors/Ann%20Smith"}
    assert client.get("/actors/Smith/events/stream").status_code == 409


@pytest.mark.parametrize("names", [("James B. Comey", "James Comey"), ("James Comey", "James B. Comey")])
def test_a_full_name_with_and_without_a_middle_initial_is_one_person(client, names):
    from services.extraction.model import Actor
    from tests.integration.factories import day, report, store_report

    for number, name in enumerate(names):
        store_report(report(day(f"2026-11-1{number}"), (Actor(name, "person", (name,)),), "speak", f"{name} spoke"),
                     published="2026-11-20")
    assert person_names(client, "comey") == ["James B. Comey"]  # the fuller spelling, in either order
    assert len(timeline(client, "James Comey")["events"]) == len(timeline(client, "Comey")["events"]) == 2


def test_the_search_page_lists_the_people_a_shared_surname_may_mean(anonymous_client, client):
    post_and_process(client, *TWO_SMITHS)
    page = anonymous_client.get("/", params={"q": "Smith"})
    assert page.status_code == 200
    assert {"/actors/Joe%20Smith", "/actors/Ann%20Smith"} <= set(re.findall(r'href="(/actors/[^"]+)"', page.text))


def test_spellings_of_one_name_in_one_article_are_one_person(client):
    from services.extraction.model import Actor, Event, Extraction
    from tests.integration.factories import day, store_report

    actors = [Actor("James B. Comey", "person", ("James B. Comey",)), Actor("James Comey", "person", ()),
              Actor("Comey", "person", ("Comey",))]
    events = [Event(day(f"2026-11-1{i}"), (actor.name,), f"{actor.name} spoke", "speak", "occurred", "s.",
                    (i * 10, i * 10 + 2), 0.8) for i, actor in enumerate(actors)]
    store_report(Extraction("s.", events, actors), published="2026-11-20")
    assert person_names(client, "comey") == ["James B. Comey"]
    assert len(timeline(client, "Comey")["events"]) == 3


def test_a_stored_name_outweighs_an_actor_that_only_lists_it_as_an_alias(client):
    from services.extraction.model import Actor
    from services.store.db import session_scope
    from services.store.models import Actor as StoredActor
    from services.store.models import ActorAlias
    from tests.integration.factories import day, report, store_report

    def speaks(name: str, on: str) -> None:
        store_report(report(day(on), (Actor(name, "person", ()),), "speak", f"{name} spoke"), published="2026-11-20")

    speaks("Donald Trump", "2026-11-10")
    with session_scope() as session:  # a fused span some article made, listing the name as its alias
        fused = StoredActor(name="Joe Donald Trump", name_key="joe donald trump", kind="person")
        fused.aliases.append(ActorAlias(alias="Donald Trump", alias_key="donald trump"))
        session.add(fused)
    speaks("Donald J Trump", "2026-11-12")
    joined = timeline(client, "Donald Trump")
    assert joined["actor"]["name"] == "Donald J Trump"  # the fuller spelling of the name
    assert joined == timeline(client, "Donald J Trump") and len(joined["events"]) == 2


SCHOLZ_NAMED = ("Olaf Scholz met Pedro Sanchez in Madrid on Friday.", "2026-11-20")
SCHOLZ_TITLED = ("Chancellor Scholz said on Tuesday that the talks had gone well.", "2026-11-26")


@pytest.mark.parametrize("articles", [(SCHOLZ_NAMED, SCHOLZ_TITLED), (SCHOLZ_TITLED, SCHOLZ_NAMED)],
                         ids=["named-first", "titled-first"])
def test_chancellor_scholz_is_olaf_scholz_once_he_has_been_named(client, articles):
    for text, published in articles:
        post_and_process(client, text, published)
    body = timeline(client, "Olaf Scholz")
    assert body["actor"]["name"] == "Olaf Scholz"
    assert len(body["events"]) == 2
    assert timeline(client, "Scholz") == body


@pytest.mark.parametrize("names", [("Martin Luther King Jr.", "Martin Luther King Jr"),
                                   ("Martin Luther King Jr", "Martin Luther King Jr.")])
def test_a_suffix_with_and_without_its_stop_is_one_person(client, names):
    from services.extraction.model import Actor
    from tests.integration.factories import day, report, store_report

    for number, name in enumerate(names):
        store_report(report(day(f"2026-11-1{number}"), (Actor(name, "person", (name,)),), "speak", f"{name} spoke"),
                     published="2026-11-20")
    assert person_names(client, "king") == ["Martin Luther King Jr."]  # the fuller spelling, in either order
    assert len(timeline(client, "Martin Luther King Jr")["events"]) == 2


def test_a_surname_once_misread_as_a_place_still_finds_the_full_named_person(client):
    from services.extraction.model import Actor
    from tests.integration.factories import day, report, store_report

    store_report(report(day("2026-11-10"), (Actor("Pettibone", "place", ("Pettibone",)),), "escape", "Pettibone escaped"),
                 published="2026-11-20")
    store_report(report(day("2026-11-11"), (Actor("Marvin Pettibone", "person", ("Marvin Pettibone",)),), "flee",
                        "Marvin Pettibone fled"), published="2026-11-20")
    store_report(report(day("2026-11-12"), (Actor("Pettibone", "person", ("Pettibone",)),), "capture",
                        "Pettibone was captured"), published="2026-11-20")
    events = timeline(client, "Marvin Pettibone")["events"]
    assert [e["trigger"] for e in events] == ["flee", "capture"]
