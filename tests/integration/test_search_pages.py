"""The front page, the event search page, and an actor page's chart, co-actors and two-actor view."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from tests.integration.factories import day, month
from tests.integration.search_factories import SEED, happening, store


@pytest.fixture
def seeded():
    store(*SEED)


def events_in(html: str) -> list[str]:
    return re.findall(r'<li class="event[ "][^>]*id="event-(\d+)"', html)


def svg_of(html: str) -> ElementTree.Element:
    match = re.search(r"<svg class=\"events-chart\".*?</svg>", html, re.DOTALL)
    assert match, "no chart on the page"
    return ElementTree.fromstring(match.group(0))  # well-formed XML, or this raises


def test_the_front_page_shows_the_latest_days_and_events(client):
    store(happening(day("2023-01-10"), ("Beverly Hills",), "vote", "Beverly Hills voted."), published="2023-01-10")
    store(*SEED, published="2024-06-20")
    store(happening(day("2030-01-01"), ("Kim Jong Un",), "test", "Kim will test a rocket.", status="planned",
                    offset=900), published="2024-06-21")
    page = client.get("/")
    assert page.status_code == 200
    active = re.findall(r'<li><a href="/actors/([^"]+)">', page.text.split('id="active-actors"')[1].split("</ol>")[0])
    # counted over the week up to the newest article: the report of 2023 is too old to count
    assert active[:2] == ["Vladimir%20Putin", "Kim%20Jong%20Un"] and "Beverly%20Hills" not in active
    latest = page.text.split('id="latest-heading"')[1]
    starts = re.findall(r'<li class="event hit[^"]*" id="hit-\d+" data-id="\d+"\s+data-start="([\d-]+)"', latest)
    # what has happened by the newest article (21 June), not what is planned after it
    assert starts == sorted(starts, reverse=True) and starts[0] == "2024-06-20"
    assert "In the news, 15 June 2024 to 21 June 2024" in page.text


def test_the_front_page_is_calm_when_nothing_is_stored(client):
    page = client.get("/")
    assert page.status_code == 200 and "Nothing reported yet." in page.text


def test_a_query_that_names_no_actor_finds_events(client, seeded):
    page = client.get("/", params={"q": "treaty"})
    assert page.status_code == 200
    assert "signed a strategic partnership <mark>treaty</mark>" in page.text
    assert 'href="/search?q=treaty"' in page.text


def test_the_search_page_finds_filters_and_pages(client, seeded):
    page = client.get("/search", params={"q": "visit", "type": "meeting", "place": "Hanoi"})
    assert page.status_code == 200
    assert page.text.count('class="event hit') == 1 and "<mark>visit</mark>" in page.text
    assert '<option value="meeting" selected>' in page.text
    first = client.get("/search", params={"q": "putin"})
    assert first.text.count('class="event hit') == 4  # every Putin event, one page
    for bad, status in (({"from": "soon"}, 422), ({"type": "picnic"}, 422), ({"place": "Atlantis"}, 404)):
        assert client.get("/search", params=bad).status_code == status


def test_search_page_escapes_what_articles_say(client):
    store(happening(day("2024-06-19"), ("Vladimir Putin",), "say", "Putin said <script>alert(1)</script> loudly."))
    page = client.get("/search", params={"q": "loudly"})
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert "<mark>loudly</mark>" in page.text


def test_more_results_walk_every_match(client):
    store(*[happening(day(f"2024-01-{i + 1:02d}"), ("Vladimir Putin",), "meet", f"Putin met envoy number {i}.",
                      offset=i * 100) for i in range(25)])
    seen, url = [], "/search?q=envoy"
    while url:
        page = client.get(url).text
        seen += re.findall(r'id="hit-(\d+)"', page)
        found = re.search(r'id="more-hits" class="button" href="([^"]+)"', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert len(seen) == 25 == len(set(seen))


def test_the_actor_page_charts_its_events_and_lists_who_it_appears_with(client, seeded):
    page = client.get("/actors/Putin")
    svg = svg_of(page.text)
    ns = "{http://www.w3.org/2000/svg}"
    bars = [element for element in svg.iter() if element.tag in ("rect", ns + "rect")]
    assert svg.get("data-total") == "4"  # 2000, 2024-05, 2024-06 (twice): counted by year over 25 years
    assert len(bars) == 2024 - 2000 + 1
    titles = [bar.find("title").text for bar in bars]
    assert titles[0] == "2000: 1 event" and titles[-1] == "2024: 3 events"
    assert 'href="/actors/Vladimir%20Putin?from=2024-01-01&amp;to=2024-12-31"' in page.text
    co = page.text.split('id="co-actors"')[1].split("</ul>")[0]
    assert re.findall(r'class="with-link" href="([^"]+)"', co)[0] in {
        "/actors/Vladimir%20Putin?with=Kim+Jong+Un", "/actors/Vladimir%20Putin?with=North+Korea",
        "/actors/Vladimir%20Putin?with=Vietnam", "/actors/Vladimir%20Putin?with=Xi+Jinping"}


def test_a_short_span_is_charted_by_month(client):
    store(happening(month("2024-03"), ("Vladimir Putin",), "visit", "Putin visited Minsk."),
          happening(day("2024-06-19"), ("Vladimir Putin",), "sign", "Putin signed a decree.", offset=100))
    svg = svg_of(client.get("/actors/Putin").text)
    titles = [element.find("title").text for element in svg.iter() if element.tag.endswith("rect")]
    assert titles == ["March 2024: 1 event", "April 2024: 0 events", "May 2024: 0 events", "June 2024: 1 event"]


def test_the_two_actor_page_keeps_the_shared_events(client, seeded):
    page = client.get("/actors/Putin", params={"with": "Kim Jong Un"})
    assert page.status_code == 200
    assert len(events_in(page.text)) == 1 and "strategic partnership treaty" in page.text
    assert 'id="partner"' in page.text and 'data-with-id="' in page.text
    assert "with=Kim+Jong+Un" in page.text.split('class="exports"')[1].split("</nav>")[0]
    unknown = client.get("/actors/Putin", params={"with": "Nobody Atall"})
    assert unknown.status_code == 422 and len(events_in(unknown.text)) == 4


def test_events_show_their_kind_and_place(client, seeded):
    page = client.get("/actors/Putin").text
    assert '<span class="kind" data-type="agreement">Agreement</span>' in page
    assert '<p class="place">In <a href="/actors/Vietnam">Vietnam</a></p>' in page
