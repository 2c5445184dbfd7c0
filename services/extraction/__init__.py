"""The pure extraction core: text + publication date -> events, actors, time expressions.

Keep this module light: the API and store import `services.extraction.model` and `.merge`, and must not
load spaCy. Heavy names are resolved lazily on first use (PEP 562).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.extraction.model import Actor, Event, EventDate, Extraction, Timex

if TYPE_CHECKING:
    from services.extraction.merge import find_same_happening, same_happening
    from services.extraction.pipeline import extract, extract_many

_LAZY = {
    "extract": "services.extraction.pipeline",
    "extract_many": "services.extraction.pipeline",
    "same_happening": "services.extraction.merge",
    "find_same_happening": "services.extraction.merge",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "Actor",
    "Event",
    "EventDate",
    "Extraction",
    "Timex",
    "extract",
    "extract_many",
    "find_same_happening",
    "same_happening",
]
