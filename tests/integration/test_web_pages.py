"""The server-rendered page: search, an actor's timeline grouped by year and month, filters, load more."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.integration.factories import PUTIN_EVENTS, day, event, store_article


@pytest.fixture
def putin_timeline():
    store_article(*PUTIN_EVENTS, url="https://news.example/putin", title="Putin to visit North Korea",
                  source="Example News")


class Outline(HTMLParser):
    """Collects what a test reads off a page: tags seen, time elements, links, event item ids."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.times: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.events: list[str] = []
        self._time: str | None = None
        self._text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "time":
            self._time, self._text = attrs.get("datetime"), ""
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "li" and "event" in (attrs.get("class") or "").split():
            self.events.append(attrs["id"])

    def handle_data(self, data):
        if self._time is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "time" and self._time is not None:
            self.times.append((self._time, self._text.strip()))
            self._time = None


def test_home_page_has_a_labelled_search_box_and_no_external_assets(anonymous_client):
    response = anonymous_client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<label for="actor-search">' in html and 'id="actor-search"' in html
    page = Outline(html)
    assert {"header", "main", "nav", "form", "footer"} <= set(page.tags)
    assert not re.search(r'(src|href)="(https?:)?//', html), "the page must not load anything from elsewhere"
    assert anonymous_client.get("/static/annals.css").status_code == 200
    assert anonymous_client.get("/static/annals.js").status_code == 200


def test_searching_one_actor_goes_to_the_timeline_and_partial_names_list_matches(anonymous_client,
                                                                                   putin_timeline):
    exact = anonymous_client.get("/?q=putin", follow_redirects=False)
    assert exact.status_code == 303 and exact.headers["location"] == "/actors/Vladimir%20Putin"
    listed = anonymous_client.get("/?q=n")
    assert "Vladimir Putin" in listed.text and "North Korea" in listed.text


def test_actor_page_groups_events_by_year_and_month_with_readable_dates(anonymous_client, putin_timeline):
    response = anonymous_client.get("/actors/Putin")
    assert response.status_code == 200
    page = Outline(response.text)
    event_times = [t for t in page.times if t[1] in ("2000", "September 2023", "May 2024", "18 June 2024")]
    assert event_times == [("2000", "2000"), ("2023-09", "September 2023"), ("2024-05", "May 2024"),
                           ("2024-06-18", "18 June 2024")]
    years = re.findall(r'<h2 class="year-heading">(\d+)</h2>', response.text)
    assert years == ["2000", "2023", "2024"]
    assert re.findall(r'<h3 class="group-heading">([^<]+)</h3>', response.text) == [
        "During 2000", "September", "May", "June"]
    assert "<ol" in response.text and 'class="timeline"' in response.text
    # the other actors link to their own timelines; the actor itself is not listed as "with"
    assert "/actors/North%20Korea" in page.links and "/actors/Kim%20Jong%20Un" in page.links
    assert "https://news.example/putin" in page.links
    assert "<details>" in response.text and "Putin travels to North Korea." in response.text
    assert "Example News" in response.text


def test_planned_events_are_marked(anonymous_client):
    planned = event(day("2030-01-02"), ("Vladimir Putin",), "visit", "Putin will visit Hanoi")
    store_article(planned.__class__(**{**{f: getattr(planned, f) for f in planned.__slots__}, "status": "planned"}))
    html = anonymous_client.get("/actors/Putin").text
    assert 'class="event planned"' in html and ">Planned</strong>" in html


def test_date_filters_and_load_more_work_as_plain_links(anonymous_client, putin_timeline):
    windowed = anonymous_client.get("/actors/Putin?from=2023-09-15&to=2024-05-31")
    assert [t for _, t in Outline(windowed.text).times if t in ("September 2023", "May 2024", "2000")] == [
        "September 2023", "May 2024"]
    assert 'value="2023-09-15"' in windowed.text  # the filter form keeps what was asked
    first = anonymous_client.get("/actors/Putin?limit=2")
    ids = Outline(first.text).events
    assert len(ids) == 2
    more = re.search(r'id="load-more"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*id="load-more"', first.text)
    assert more
    second = anonymous_client.get((more[1] or more[2]).replace("&amp;", "&"))
    assert second.status_code == 200
    rest = Outline(second.text).events
    assert len(rest) == 2 and not set(rest) & set(ids)
    assert 'id="load-more"' not in second.text


def test_bad_filters_are_explained_on_the_page(anonymous_client, putin_timeline):
    response = anonymous_client.get("/actors/Putin?from=yesterday")
    assert response.status_code == 422 and "not a date" in response.text


def test_unknown_actor_page_is_a_404_with_suggestions(anonymous_client, putin_timeline):
    response = anonymous_client.get("/actors/Vladimir Putinn")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Perhaps one of these" in response.text and "/actors/Vladimir%20Putin" in response.text
    nothing = anonymous_client.get("/actors/Zzyzx")
    assert nothing.status_code == 404 and "No actor is known by that name yet" in nothing.text


def test_an_unknown_name_costs_a_bounded_number_of_searches(anonymous_client, putin_timeline):
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)  # every engine (the app's session has its own)
    try:
        response = anonymous_client.get("/actors/" + "qwxz" * 49)  # 196 letters, no actor, one word
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert response.status_code == 404
    searches = [s for s in statements if "LIKE" in s.upper()]
    assert 1 <= len(searches) <= 6, f"{len(searches)} searches for one 404"


def test_event_fragment_renders_one_item_for_the_live_page(anonymous_client, putin_timeline):
    first = anonymous_client.get("/actors/Putin/timeline").json()["events"][-1]
    fragment = anonymous_client.get(f"/actors/Putin/events/{first['id']}/fragment")
    assert fragment.status_code == 200 and Outline(fragment.text).events == [f"event-{first['id']}"]
    assert anonymous_client.get("/actors/Kim Jong Un/events/999999/fragment").status_code == 404
