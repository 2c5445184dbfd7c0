"""What two reports' clauses say in common beyond who and when: content words, objects, places, numbers;
and a clause that tells of the other's happening (the trip for it, the help towards it)."""

from __future__ import annotations

import re

from services.extraction.actors.tables import words
from services.extraction.merge.triggers import GENERIC_TRIGGERS, similar_trigger_words
from services.extraction.model import Event

_STOPWORDS = words(
    "the a an of to in on at for by with and or but from as that this it its his her their he she they "
    "was were is are be been has have had will would said says after before over about into than"
)


SUMMARY_SIMILARITY = 0.3


def summary_similarity(a: str, b: str) -> float:
    """Jaccard overlap of the content words of two summaries."""
    words_a, words_b = _content_words(a), _content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS and len(w) > 2}


# Words that say when, not what: two reports of one happening may date it differently.
_TEMPORAL_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today "
    "yesterday tomorrow tonight morning afternoon evening night week weekend month year day days earlier "
    "later last next ago early late"
)


def what_words(event: Event) -> set[str]:
    """The words of a summary that say what happened: no stop words, actor names, dates or trigger forms."""
    names = {w for name in event.actors for w in re.findall(r"[a-z0-9]+", name.lower())}
    found = set()
    for word in re.findall(r"[a-z0-9]+", event.summary.lower()):
        if word.isdigit() or (len(word) > 2 and word not in _STOPWORDS):
            found.add(word)
    return {word for word in found - names - _TEMPORAL_WORDS if not _trigger_form(word, event.trigger)}


def _trigger_form(word: str, trigger: str) -> bool:
    """The trigger as the text inflects it ("convicted", "thwarted" for "convict", "thwart")."""
    stem = trigger.removesuffix("e")
    return word == trigger or (len(stem) >= 3 and word.startswith(stem) and len(word) - len(stem) <= 3)


def what_overlap(a: Event, b: Event) -> float:
    """Jaccard overlap of what two clauses say beyond who and when (objects, places, numbers)."""
    words_a, words_b = what_words(a), what_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


# "travel to Madrid for talks", "flew in for the summit": the purpose of a trip names the happening it is for.
_PURPOSE = re.compile(r"\bfor (?:a |an |the |two days of |several )?([a-z]+)")


# "helped the club to the league title", "led his side to victory": a verb of taking part whose trigger says
# nothing of the happening; what it led to does (up to two words after "to": "to the league title").
SUPPORT_TRIGGERS: frozenset[str] = frozenset({"help", "lead", "guide", "steer", "carry", "propel", "power", "inspire"})
_RESULT = re.compile(r"\bto ((?:[a-z0-9]+ ){0,2}[a-z]+)")
_DETERMINERS = frozenset({"a", "an", "the", "their", "his", "her", "its", "our"})


def _results(summary: str) -> set[str]:
    found = set()
    for phrase in _RESULT.findall(summary.lower()):
        found |= set(phrase.split()) - _DETERMINERS
    return found


def tells_of_the_other(a: Event, b: Event) -> bool:
    """One clause is the trip for the other's happening ("will travel to Madrid for talks" and "met in Madrid"),
    or the help towards it ("helped the club to the title" and "the club's title win")."""
    for event, other in ((a, b), (b, a)):
        related = similar_trigger_words(other.trigger) - GENERIC_TRIGGERS
        if set(_PURPOSE.findall(event.summary.lower())) & related:
            return True
        if event.trigger in SUPPORT_TRIGGERS and other.trigger not in SUPPORT_TRIGGERS and _results(event.summary) & related:
            return True
    return False
