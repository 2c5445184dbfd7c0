"""Reading a giveme5w1h-style corpus as the articles a client would post."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.evaluation.corpus import read_corpus


@pytest.mark.parametrize(
    ("record", "published_at"),
    [
        ({"date_publish": "2016-11-09 21:13:00"}, datetime(2016, 11, 9, 21, 13, tzinfo=UTC)),
        # the crawler lost the date: the article's own url dates it, as its reader's relative dates count from it
        ({"date_publish": "None", "url": "https://news.example/sport/2016/11/03/cubs-win.html"},
         datetime(2016, 11, 3, tzinfo=UTC)),
        ({"date_publish": None, "url": "https://news.example/sport/cubs-win.html"}, None),
    ],
)
def test_the_publication_date_is_date_publish_or_else_the_date_in_the_url(tmp_path, record, published_at):
    (tmp_path / "a1.json").write_text(json.dumps({"text": "The Cubs won on Wednesday.", **record}))

    (article,) = read_corpus(tmp_path).values()

    assert article.published_at == published_at
