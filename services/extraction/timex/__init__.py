"""Temporal expression tagging (TIMEX3) and datable phrases for events.

tag_timexes(doc, dct) -> list[Timex]
tag_text(text, dct, nlp=None) -> list[Timex]
find_temporal_phrases(doc, dct, timexes=None) -> list[TemporalPhrase]
"""

from services.extraction.timex.ranges import TemporalPhrase, find_temporal_phrases
from services.extraction.timex.tagger import tag_text, tag_timexes

__all__ = ["TemporalPhrase", "find_temporal_phrases", "tag_text", "tag_timexes"]
