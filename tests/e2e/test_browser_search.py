"""Chromium on the find-and-survey pages, after real articles went through a real API and worker: the front
page (most reported actors, latest events), the event search box and page, the actor page's chart, and the
"with …" links to a two-actor timeline. Screenshots land in artifacts/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from tests.e2e import test_browser
from tests.e2e.test_browser import LIVE, SEED, no_script_errors, page_events, screenshot, wait_until_done
from tests.support.processes import wait_for

pytestmark = test_browser.pytestmark  # skipped where Chromium is missing, as the other browser tests
chromium = test_browser.browser  # the same fixture: a headless Chromium, closed after the test

HANOI = ("Vladimir Putin arrived in Hanoi on Thursday for talks with Vietnamese leaders, state media said. "
         "He met Kim Jong Un in Pyongyang on Wednesday and the two men signed a partnership treaty.")


def post(api: str, headers: dict, **article) -> None:
    response = httpx.post(f"{api}/articles", headers=headers, json=article)
    assert response.status_code == 202, response.text
    wait_until_done(api, response.json()["id"])


def test_find_and_survey_in_a_real_browser(api, worker, headers, chromium):
    browser = chromium
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    post(api, headers, text=SEED.read_text(), title="Putin to visit North Korea", source="Seed News",
         published_at="2024-06-17")
    post(api, headers, text=LIVE, source="Live Wire", published_at="2024-05-17")
    post(api, headers, text=HANOI, source="Hanoi Wire", published_at="2024-06-21")

    # The front page: who was in the news in the latest days, and the latest events.
    browser.get(api + "/")
    active = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#active-actors li > a")]
    assert active and active[0] == "Vladimir Putin"
    latest = browser.find_elements(By.CSS_SELECTOR, "#hits li.event")
    assert latest
    starts = [li.get_attribute("data-start") for li in latest]
    assert starts == sorted(starts, reverse=True)
    screenshot(browser, "browser-front-page.png")

    # The search box finds events by what they say, not only actors by name.
    box = browser.find_element(By.ID, "actor-search")
    box.send_keys("treaty\n")
    wait_for(lambda: browser.find_elements(By.ID, "hits-heading"), timeout=10, what="the search results")
    marks = [m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#hits .snippet mark")]
    assert marks and all(m.startswith("treat") for m in marks)
    browser.find_element(By.PARTIAL_LINK_TEXT, "All events that mention").click()
    wait_for(lambda: "/search" in browser.current_url, timeout=10, what="the search page")

    # The search page: words and a kind of event, as a plain form.
    field = browser.find_element(By.ID, "event-q")
    field.clear()
    field.send_keys("Hanoi")
    Select(browser.find_element(By.ID, "event-type")).select_by_value("meeting")
    browser.find_element(By.CSS_SELECTOR, ".event-search button[type=submit]").click()
    wait_for(lambda: "type=meeting" in browser.current_url, timeout=10, what="the filtered search")
    hits = browser.find_elements(By.CSS_SELECTOR, "#hits li.event")
    assert hits and all("Meeting or visit" in hit.text for hit in hits)
    assert any(m.text == "Hanoi" for m in browser.find_elements(By.CSS_SELECTOR, "#hits mark"))
    api_hits = httpx.get(f"{api}/events", params={"q": "Hanoi", "type": "meeting"}).json()["events"]
    assert [int(h.get_attribute("data-id")) for h in hits] == [e["id"] for e in api_hits]
    screenshot(browser, "browser-event-search.png")

    # The actor page: a chart of its events over time, drawn by the server; a bar leads to its period.
    browser.get(f"{api}/actors/Putin")
    chart = browser.find_element(By.ID, "events-chart")
    assert chart.is_displayed() and chart.size["width"] > 200
    total = sum(1 for _ in httpx.get(f"{api}/actors/Putin/timeline", params={"limit": 500}).json()["events"])
    assert int(chart.get_attribute("data-total")) == total
    bars = browser.find_elements(By.CSS_SELECTOR, "#events-chart a")
    assert bars
    target = browser.execute_script("return arguments[0].getAttribute('href')", bars[-1])
    screenshot(browser, "browser-actor-chart.png")
    browser.get(target if target.startswith("http") else api + target)
    window = parse_qs(urlsplit(browser.current_url).query)
    shown = page_events(browser)
    assert shown and all(window["from"][0] <= e["start"] <= window["to"][0] for e in shown)

    # "with …": the two-actor timeline, the same events as the API's.
    browser.get(f"{api}/actors/Putin")
    links = browser.find_elements(By.CSS_SELECTOR, "#co-actors .with-link")
    assert links
    partner = links[0].text.removeprefix("with ").split(":")[0]
    links[0].click()
    wait_for(lambda: browser.find_elements(By.ID, "partner"), timeout=10, what="the two-actor page")
    both = httpx.get(f"{api}/actors/Putin/timeline", params={"with": partner}).json()["events"]
    assert [e["id"] for e in page_events(browser)] == [e["id"] for e in both] and both
    screenshot(browser, "browser-two-actors.png")
    assert no_script_errors(browser) == []
