"""A brand's maker, where an article names it, joins the brand's events without splitting them from the reports
that name only the brand: the store merges them by the brand they share."""

from __future__ import annotations

import pytest

from tests.integration.factories import post_and_process

BRAND_ONLY = "Crunchie announced on Monday that the bar would shrink by a tenth."
WITH_MAKER = "Crunchie maker Bellweather Foods has 4,000 staff. Crunchie announced on Monday that the bar would shrink."


def timeline(client, name: str) -> list[dict]:
    response = client.get(f"/actors/{name}/timeline")
    assert response.status_code == 200, response.text
    return response.json()["events"]


@pytest.mark.parametrize("reports", [(BRAND_ONLY, WITH_MAKER), (WITH_MAKER, BRAND_ONLY)])
def test_two_reports_one_naming_the_maker_make_one_event_on_both_timelines(client, reports):
    first, second = reports
    post_and_process(client, first, "2026-11-18T09:00:00+00:00")
    post_and_process(client, second, "2026-11-18T11:00:00+00:00")
    brand = [e for e in timeline(client, "Crunchie") if e["date"]["value"] == "2026-11-16"]
    assert len(brand) == 1, brand
    assert len(brand[0]["sources"]) == 2
    maker = [e for e in timeline(client, "Bellweather Foods") if e["date"]["value"] == "2026-11-16"]
    assert [e["id"] for e in maker] == [brand[0]["id"]]
