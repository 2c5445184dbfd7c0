"""Deciding when two events report the same happening, within one article and across articles.

Pure functions on `Event` values; the store rebuilds events from rows (no sentence, offsets (0, 0)), so only
the date, actors, trigger, summary and status are used. The parts: `triggers` (kinds of happening), `wording`
(what the clauses say), `names` (who), `dates` (when), `rule` (one happening or two) and `article` (within
one article).
What the rest of the service uses is imported here; the parts keep the rest.
"""

from __future__ import annotations

from services.extraction.merge.article import combine_events, merge_article_events
from services.extraction.merge.dates import (
    COARSE_INTERVAL_DAYS,
    FINE_INTERVAL_DAYS,
    calendar_week_before,
    compatible_dates,
    last_week_read_loosely,
)
from services.extraction.merge.names import COUNTRIES, actor_key, near_names
from services.extraction.merge.rule import (
    find_same_happening,
    one_story_happening,
    same_happening,
    why_different,
)
from services.extraction.merge.triggers import KNOWN_TRIGGERS, TRIGGER_CLASSES, similar_trigger_words

__all__ = [
    "COARSE_INTERVAL_DAYS",
    "COUNTRIES",
    "FINE_INTERVAL_DAYS",
    "KNOWN_TRIGGERS",
    "TRIGGER_CLASSES",
    "actor_key",
    "calendar_week_before",
    "combine_events",
    "compatible_dates",
    "find_same_happening",
    "last_week_read_loosely",
    "merge_article_events",
    "near_names",
    "one_story_happening",
    "same_happening",
    "similar_trigger_words",
    "why_different",
]
