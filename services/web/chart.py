"""An actor's events over time as a small SVG bar chart, rendered on the server (no script, no library).

Each bar is a link to the timeline narrowed to its month (or year), with a <title> the browser shows on
hover and screen readers read; the figure's caption says the span and the busiest period.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from markupsafe import Markup

from services.store.survey import Bucket
from services.web.formatting import MONTHS

WIDTH, HEIGHT, LABEL_HEIGHT, GAP = 600, 120, 18, 2


def bucket_label(granularity: str, bucket: Bucket) -> str:
    return str(bucket.start.year) if granularity == "year" else f"{MONTHS[bucket.start.month - 1]} " \
        f"{bucket.start.year}"


def _count_label(count: int) -> str:
    return f"{count} event{'' if count == 1 else 's'}"


def events_chart(granularity: str, buckets: list[Bucket], base_url: str, extra_query: dict | None = None) -> Markup:
    """The chart's <svg> (empty markup without buckets); bars link to `base_url?from=..&to=..`."""
    if not buckets:
        return Markup("")
    most = max(bucket.count for bucket in buckets) or 1
    slot = WIDTH / len(buckets)
    bars = []
    for index, bucket in enumerate(buckets):
        label = f"{bucket_label(granularity, bucket)}: {_count_label(bucket.count)}"
        height = round((HEIGHT - LABEL_HEIGHT) * bucket.count / most, 1)
        x = round(index * slot + GAP / 2, 1)
        y = round(HEIGHT - LABEL_HEIGHT - height, 1)
        rect = (f'<rect class="bar" x="{x}" y="{y}" width="{max(round(slot - GAP, 1), 1)}" height="{height}">'
                f'<title>{escape(label)}</title></rect>')
        if bucket.count:
            query = urlencode({**(extra_query or {}), "from": bucket.start.isoformat(), "to": bucket.end.isoformat()})
            rect = f'<a href="{escape(base_url)}?{escape(query)}" aria-label="{escape(label)}">{rect}</a>'
        bars.append(rect)
    first, last = bucket_label(granularity, buckets[0]), bucket_label(granularity, buckets[-1])
    axis = (f'<text class="axis" x="0" y="{HEIGHT - 4}">{escape(first)}</text>'
            f'<text class="axis" x="{WIDTH}" y="{HEIGHT - 4}" text-anchor="end">{escape(last)}</text>')
    total = sum(bucket.count for bucket in buckets)
    busiest = max(buckets, key=lambda bucket: bucket.count)
    description = (f"{_count_label(total)} from {first} to {last}, by {granularity}; the most in "
                   f"{bucket_label(granularity, busiest)} ({busiest.count})")
    return Markup(
        f'<svg class="events-chart" id="events-chart" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none" '
        f'role="img" aria-label="{escape(description)}" data-buckets="{len(buckets)}" data-total="{total}">'
        f'<title>{escape(description)}</title>{"".join(bars)}{axis}</svg>'
    )

