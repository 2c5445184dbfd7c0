"""A test extractor: the real one, except that articles containing POISON make it raise, and articles
containing KILLS-WORKER make the worker process exit on the spot (as a segfault or the OOM killer would).

Workers load it through the `ANNALS_EXTRACTOR_MODULE` setting, the same extension point any other
extractor would use.
"""

from __future__ import annotations

import os

from services.extraction import extract as real_extract

MARKER = "POISON"
KILLER = "KILLS-WORKER"


class PoisonedArticle(RuntimeError):
    pass


def extract(text, published_at, **options):
    if KILLER in text:
        os._exit(70)  # no exception, no cleanup, no acknowledgement: the process is simply gone
    if MARKER in text:
        raise PoisonedArticle("poison article: extraction refused it")
    return real_extract(text, published_at, **options)


def extract_many(items, **options):
    for text, published_at in items:
        yield extract(text, published_at, **options)
