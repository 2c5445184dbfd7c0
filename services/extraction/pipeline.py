"""`extract`: article text + publication date -> dated events per actor. Pure; the model is cached."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from services.extraction.actors import resolve_actors
from services.extraction.cleaning import clean_article_with_stamps
from services.extraction.events import build_events, phrases_from_timexes
from services.extraction.merge import merge_article_events
from services.extraction.model import Extraction
from services.extraction.nlp import DEFAULT_MODEL, doc_text, load_pipeline, with_text
from services.extraction.places import with_place_actors


def _as_date(published_at: date | datetime) -> date:
    """The reference date: a datetime's calendar date in its own offset (never converted to another zone)."""
    return published_at.date() if isinstance(published_at, datetime) else published_at


def extract(
    text: str,
    published_at: date | datetime,
    *,
    nlp=None,
    model_name: str = DEFAULT_MODEL,
    is_html: bool | None = None,
) -> Extraction:
    """Extract the dated events and actors of one article."""
    nlp = nlp or load_pipeline(model_name)
    cleaned, dct = _cleaned_and_written_on(nlp, text, _as_date(published_at), is_html)
    return _extract_from_doc(with_text(nlp(cleaned), cleaned), dct)


def extract_many(
    items: Iterable[tuple[str, date | datetime]],
    *,
    nlp=None,
    model_name: str = DEFAULT_MODEL,
    batch_size: int = 32,
    is_html: bool | None = None,
) -> Iterator[Extraction]:
    """Extract many articles, parsing them in batches with `nlp.pipe`; results keep the input order."""
    nlp = nlp or load_pipeline(model_name)
    cleaned = (_cleaned_and_written_on(nlp, text, _as_date(published), is_html) for text, published in items)
    # each text rides along with its day, for `with_text`
    texts_and_days = ((text, (text, dct)) for text, dct in cleaned)
    for doc, (text, dct) in nlp.pipe(texts_and_days, batch_size=batch_size, as_tuples=True):
        yield _extract_from_doc(with_text(doc, text), dct)


def _cleaned_and_written_on(nlp, text: str, dct: date, is_html: bool | None) -> tuple[str, date]:
    """The cleaned text, and the day it was written: a dropped stamp line's earlier day ("Published: ...")."""
    from services.extraction import timex

    cleaned, stamps = clean_article_with_stamps(text, is_html=is_html)
    return cleaned, timex.stamp_day(nlp, stamps, dct) if stamps and hasattr(timex, "stamp_day") else dct


def _extract_from_doc(doc, dct: date) -> Extraction:
    from services.extraction import timex

    timexes = timex.tag_timexes(doc, dct)
    dct = timex.written_on(doc, timexes, dct)  # an article's own earlier date line is the day it tells from
    if hasattr(timex, "find_temporal_phrases"):
        phrases = timex.find_temporal_phrases(doc, dct, timexes=timexes)
    else:  # an older tagger: every datable timex stands alone
        phrases = phrases_from_timexes(timexes)
    resolution = resolve_actors(doc)
    events = build_events(doc, phrases, resolution, dct, timexes=timexes)
    places = frozenset(a.name for a in resolution.actors if a.kind == "place")
    events = merge_article_events(events, places=places, published=dct)
    actors = with_place_actors(resolution.actors, (event.place for event in events))
    return Extraction(text=doc_text(doc), events=events, actors=actors, timexes=list(timexes))
