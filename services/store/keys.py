"""Normalised keys used for deduplication and case-insensitive lookups."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # the store keys every name of an article several times while resolving it
def name_key(name: str) -> str:
    """'  Vladimir   PUTIN ' -> 'vladimir putin' (also folds smart apostrophes)."""
    folded = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def normalise_text(text: str) -> str:
    """NFC, runs of whitespace as one space, no whitespace at the ends. str.split() splits on exactly the
    characters `\\s` matches (str.isspace), and is several times faster than the regular expression."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def normalise_url(url: str) -> str:
    """Scheme and host are case-insensitive and the fragment never reaches the server: drop both differences."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def article_dedupe_key(*, url: str | None, text: str) -> str:
    if url:
        return "url:" + normalise_url(url)
    return "text:" + hashlib.sha256(normalise_text(text).encode()).hexdigest()
