"""The pipeline: extract() and extract_many() end to end, on inline texts and on the shipped seed article."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from services.extraction import extract, extract_many
from services.extraction.commands import extraction_to_json
from services.extraction.model import Extraction

SEED = Path(__file__).resolve().parents[2] / "seeds" / "putin-north-korea-2024-06-17.txt"
PUBLISHED = date(2024, 6, 17)


def test_extract_returns_an_extraction_with_actors_and_events():
    extraction = extract("Emmanuel Macron will visit Berlin on Tuesday.", PUBLISHED)
    assert isinstance(extraction, Extraction)
    assert [e.date.value for e in extraction.events] == ["2024-06-18"]
    assert {a.name: a.kind for a in extraction.actors} == {"Emmanuel Macron": "person", "Germany": "place"}


def test_publication_datetime_is_accepted():
    extraction = extract("Emmanuel Macron will visit Berlin on Tuesday.", datetime(2024, 6, 17, 9, 30))
    assert extraction.events[0].date.value == "2024-06-18"


def test_html_is_cleaned_first():
    html = (
        "<html><body><nav>Home | World | Sport</nav><article>"
        "<p>Emmanuel Macron will visit Berlin on Tuesday, his office said in a statement released in Paris "
        "on Monday morning after weeks of preparation by diplomats of both countries.</p>"
        "<p>See also: Storm closes schools on Friday</p>"
        "</article></body></html>"
    )
    extraction = extract(html, PUBLISHED)
    assert "<p>" not in extraction.text and "Storm closes schools" not in extraction.text
    assert "2024-06-18" in {e.date.value for e in extraction.events}


# (text, publication date, expected event dates): a page's own stamp line
# ("Published: ...") is dropped as text, but a day it gives before the publication date is the day the text
# was written, so its "on Monday" is the Monday before that day
STAMPS = [
    ("Published: March 4, 2021\n\nThe Riverside council closed the library on Monday.", date(2021, 3, 20),
     ["2021-03-01"]),
    ("Updated on: 03/04/2021 10:15 AM\nThe Riverside council closed the library on Monday.", date(2021, 3, 20),
     ["2021-03-01"]),
    # a stamp years before the publication date (an archive page)
    ("Published: March 6, 2019\nThe Riverside council closed the library on Monday.", date(2021, 3, 20),
     ["2019-03-04"]),
    # a stamp later than the publication date, or none, leaves the publication date
    ("Posted: March 30, 2021\nThe Riverside council closed the library on Monday.", date(2021, 3, 20),
     ["2021-03-15"]),
    # ... and so does one below the head of the page
    ("The Riverside council closed the library on Monday.\n" + "Readers wrote in.\n" * 5
     + "Published: March 4, 2021", date(2021, 3, 20), ["2021-03-15"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "dates"), STAMPS)
def test_a_dropped_stamp_line_gives_the_day_the_page_was_written(text, published, dates):
    for extraction in (extract(text, published), next(extract_many([(text, published)]))):
        assert [e.date.value for e in extraction.events] == dates
        assert "Published" not in extraction.text and "Updated" not in extraction.text


def test_extract_many_keeps_the_input_order():
    items = [
        ("Emmanuel Macron will visit Berlin on Tuesday.", PUBLISHED),
        ("Olaf Scholz visited Paris in 2022.", PUBLISHED),
        ("Nothing dated happens here.", PUBLISHED),
    ]
    results = list(extract_many(items, batch_size=2))
    assert [[e.date.value for e in r.events] for r in results] == [["2024-06-18"], ["2022"], []]


def test_json_shape_of_the_cli():
    payload = extraction_to_json(extract("Emmanuel Macron will visit Berlin on Tuesday.", PUBLISHED))
    json.dumps(payload)
    (event,) = payload["events"]
    assert set(event) == {"date", "actors", "summary", "trigger", "status", "sentence", "offsets", "confidence",
                          "type", "place"}
    assert event["type"] == "meeting" and event["place"] is None  # "visit Berlin": a destination, not a place
    assert set(event["date"]) == {"value", "start", "end", "granularity"}
    assert set(payload["actors"][0]) == {"name", "kind", "aliases"}


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip("seed article not shipped")
    return extract(SEED.read_text(encoding="utf-8"), PUBLISHED)


def test_seed_boilerplate_lines_yield_no_events(seed):
    for event in seed.events:
        assert "See also" not in event.sentence
        assert event.sentence not in {"Exclusive content", "Latest article", "More article"}
    assert "See also" not in seed.text


def test_seed_actors_are_canonical(seed):
    actors = {a.name: a for a in seed.actors}
    assert "Putin" in actors["Vladimir Putin"].aliases
    assert {"Moscow", "Kremlin"} <= set(actors["Russia"].aliases)
    assert "Pyongyang" in actors["North Korea"].aliases
    assert actors["Lloyd Austin"].kind == "person"
    assert "Putin" not in actors and "Kim" not in actors


@pytest.mark.parametrize(
    ("value", "actors"),
    [
        ("1961", {"Russia", "North Korea"}),
        ("2001", {"Russia", "North Korea"}),
        ("2023-08/2024-02", {"North Korea", "Russia"}),
        ("2024-05", {"Lloyd Austin", "United States"}),
        ("2024-06-17", {"Yuri Ushakov"}),
    ],
)
def test_seed_dated_events(seed, value, actors):
    matching = [e for e in seed.events if e.date.value == value and actors <= set(e.actors)]
    assert matching, [(e.date.value, e.actors) for e in seed.events]


def test_seed_offsets_point_at_the_sentence(seed):
    for event in seed.events:
        start, end = event.offsets
        assert seed.text[start:end] == event.sentence
        assert len(event.summary) <= 200
        assert event.status in {"occurred", "planned"}
