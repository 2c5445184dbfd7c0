"""What makes a URL safe to store and to write into other formats (iCalendar, CSV, HTML)."""

from __future__ import annotations

import re

# Whitespace and control characters never belong in a URL; CR/LF in one would start a new line (and so a new
# property) in line-based formats such as iCalendar.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_ABSOLUTE_HTTP = re.compile(r"^https?://[^/?#]+", re.IGNORECASE)


def unsafe_characters(url: str) -> list[str]:
    """The unsafe characters in a URL, as escapes a reader can see (e.g. ['\\\\r', '\\\\n'])."""
    return list(dict.fromkeys(repr(char)[1:-1] for char in _UNSAFE.findall(url)))


def is_clean_http_url(url: str) -> bool:
    return bool(_ABSOLUTE_HTTP.match(url)) and not _UNSAFE.search(url)
