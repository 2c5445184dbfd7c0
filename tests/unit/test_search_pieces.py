"""Pure pieces of search and survey: highlighted snippets, search cursors, the events chart."""

from datetime import date

import pytest

from services.store.cursor import InvalidCursor, encode_token
from services.store.search import (
    EventFilters,
    SearchPosition,
    decode_search_cursor,
    encode_search_cursor,
    marked_text,
)
from services.store.survey import Bucket
from services.web.chart import events_chart
from services.web.formatting import marked_snippet

S, E = "\ue000", "\ue001"


@pytest.mark.parametrize(("headline", "text", "marked"), [
    (f"Putin arrived in {S}Hanoi{E} on Thursday", "Putin arrived in Hanoi on Thursday", ["Hanoi"]),
    (f"{S}Putin{E} {S}visited{E} … {S}visit{E}", "Putin visited … visit", ["Putin", "visited", "visit"]),
    ("no match here", "no match here", []),
    (f"stray {E}end and {S}", "stray end and ", []),
])
def test_headline_marks_become_offsets(headline, text, marked):
    result = marked_text(headline)
    assert result["text"] == text
    assert [result["text"][start:end] for start, end in result["marks"]] == marked


def test_snippets_are_escaped_around_their_marks():
    html = marked_snippet({"text": "<b>Putin</b> & Kim", "marks": [[3, 8]]})
    assert str(html) == "&lt;b&gt;<mark>Putin</mark>&lt;/b&gt; &amp; Kim"


SEARCH = EventFilters(q="treaty", actor_id=1, date_from=date(2024, 1, 1))


@pytest.mark.parametrize("filters, position", [
    (SEARCH, SearchPosition(0.0607927, 42, ("2024-06-19", 99), 120, True)),
    (EventFilters(actor_id=1), SearchPosition("2024-06-19", 42)),
])
def test_search_cursors_round_trip(filters, position):
    assert decode_search_cursor(encode_search_cursor(position, filters, "s"), filters, "s") == position


@pytest.mark.parametrize("other", [
    EventFilters(q="treaty", actor_id=2, date_from=date(2024, 1, 1)),
    EventFilters(q="treaties", actor_id=1, date_from=date(2024, 1, 1)),
    EventFilters(actor_id=1, date_from=date(2024, 1, 1)),
])
def test_a_search_cursor_is_refused_for_another_search(other):
    cursor = encode_search_cursor(SearchPosition(0.5, 42, ("2024-06-19", 99), 120, False), SEARCH, "s")
    with pytest.raises(InvalidCursor):
        decode_search_cursor(cursor, other, "s")


@pytest.mark.parametrize("values", [
    ["timeline", "x", 0.5, 42, ["2024-06-19", 99], 120, True],
    ["search", SEARCH.digest(), "2024-01-01", 42, ["2024-06-19", 99], 120, True],
    ["search", SEARCH.digest(), 0.5, "42", ["2024-06-19", 99], 120, True],
    ["search", SEARCH.digest(), 0.5, 42, None, 120, True],
    ["search", SEARCH.digest(), 0.5, 42, ["2024-06-19", 99], None, True],
    ["search", SEARCH.digest(), 0.5, 42, ["2024-06-19", 99], 120, None],
    ["search", SEARCH.digest(), 0.5, 42, ["June", 99], 120, True],
    ["search", SEARCH.digest(), 0.5, 42, ["2024-06-19"], 120, True],
    ["search", SEARCH.digest(), 0.5, 42, ["2024-06-19", 99], 120], ["search"],
])
def test_malformed_search_cursors_are_refused(values):
    with pytest.raises(InvalidCursor):
        decode_search_cursor(encode_token(values, "s"), SEARCH, "s")


def test_the_chart_links_bars_to_their_periods_and_describes_itself():
    buckets = [Bucket(date(2024, 1, 1), date(2024, 1, 31), 2), Bucket(date(2024, 2, 1), date(2024, 2, 29), 0),
               Bucket(date(2024, 3, 1), date(2024, 3, 31), 4)]
    svg = str(events_chart("month", buckets, "/actors/A%20B"))
    assert svg.count("<rect") == 3 and svg.count("<a ") == 2  # an empty month is a bar without a link
    assert 'href="/actors/A%20B?from=2024-03-01&amp;to=2024-03-31"' in svg
    assert "6 events from January 2024 to March 2024, by month; the most in March 2024 (4)" in svg
    assert events_chart("month", [], "/x") == ""
