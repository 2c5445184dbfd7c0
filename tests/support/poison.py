"""A test extractor: the real one, except that articles containing POISON make it raise.

Workers load it through the `ANNALS_EXTRACTOR_MODULE` setting, the same extension point any other
extractor would use.
"""

from __future__ import annotations

from services.extraction import extract as real_extract

MARKER = "POISON"


class PoisonedArticle(RuntimeError):
    pass


def extract(text, published_at, **options):
    if MARKER in text:
        raise PoisonedArticle("poison article: extraction refused it")
    return real_extract(text, published_at, **options)


def extract_many(items, **options):
    for text, published_at in items:
        yield extract(text, published_at, **options)
