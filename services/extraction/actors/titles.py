"""Titles and honorifics before a person's name, kept as evidence of who the person is.

"President Obama", "Mrs Clinton" and "First Lady Michelle Obama" lose their title in the actor's name, but the
title tells people of one surname apart: an honorific gives the person's gender, an office is one a known person
holds. The words come from `person_titles.txt` (a data table); nothing here knows any person.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from services.extraction.actors.tables import TITLE_WORDS

TITLES_FILE = Path(__file__).with_name("person_titles.txt")
MALE, FEMALE = "m", "f"


def _read_titles(path: Path) -> tuple[dict[tuple[str, ...], str], dict[str, str | None], frozenset[str]]:
    """Spelling (its words) -> the title as stored; title -> who holds it (m, f or None: anyone); honorifics."""
    spellings: dict[tuple[str, ...], str] = {}
    holders: dict[str, str | None] = {}
    honorifics = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        names, held = (part.strip() for part in line.split("=", 1))
        gender, *marks = held.split()
        forms = [form.strip().lower() for form in names.split(",")]
        holders[forms[0]] = gender if gender in {MALE, FEMALE} else None
        if "honorific" in marks:
            honorifics.add(forms[0])
        spellings.update({tuple(form.split()): forms[0] for form in forms})
    return spellings, holders, frozenset(honorifics)


TITLE_SPELLINGS, TITLE_HOLDERS, HONORIFICS = _read_titles(TITLES_FILE)
_LONGEST_TITLE = max(len(words) for words in TITLE_SPELLINGS)
# How far before a name a run of title words may start ("Former US Secretary of State ... Clinton").
_TITLE_RUN_MAX_WORDS = 6


def titles_before(words: list[str]) -> list[str]:
    """The titles in the run of title words that ends a list of words (those just before a name), as stored:
    ["said", "former", "President"] -> ["president"]; ["First", "Lady"] -> ["first lady"], not "lady"."""
    run: list[str] = []
    for word in reversed(words[-_TITLE_RUN_MAX_WORDS:]):
        lower = word.lower().rstrip(".")
        if lower not in TITLE_WORDS and (lower,) not in TITLE_SPELLINGS:
            break
        run.insert(0, lower)
    found: list[str] = []
    end = len(run)
    while end > 0:
        for size in range(min(_LONGEST_TITLE, end), 0, -1):
            title = TITLE_SPELLINGS.get(tuple(run[end - size : end]))
            if title is not None:
                found.insert(0, title)
                end -= size
                break
        else:
            end -= 1
    return list(dict.fromkeys(found))


def gender_of(titles: Iterable[str]) -> str | None:
    """What the titles say of a person's gender: m or f when every gendered one agrees, else None."""
    said = {TITLE_HOLDERS.get(title) for title in titles} - {None}
    return next(iter(said)) if len(said) == 1 else None


def offices(titles: Iterable[str]) -> set[str]:
    """The titles that are offices, ranks or roles ("president", "first lady"), not forms of address ("Mr")."""
    return {title for title in titles if title in TITLE_HOLDERS and title not in HONORIFICS}
