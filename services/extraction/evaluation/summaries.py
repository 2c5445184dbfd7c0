"""Is an event summary something a reader understands? String checks for the visible defects.

A summary is defective when it shows one of the faults a reader notices at once: doubled or floating
punctuation where a phrase was cut out, an ending that breaks off on a conjunction, preposition or comma,
unbalanced quotes or brackets, a speech verb whose content was dropped ("Comey said on Sunday."),
page furniture (captions, credits), a dependent clause with no main clause ("Than they were in 2008"),
or more than 200 characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from services.extraction.actors.tables import words
from services.extraction.summaries import DANGLING_WORDS, MAX_SUMMARY_CHARS

# Past and present forms of reporting verbs (the checker sees strings, not lemmas).
SPEECH_VERB_FORMS: frozenset[str] = words(
    "said says told tells added adds announced announces stated states declared declares claimed claims "
    "noted notes warned warns reported reports confirmed confirms insisted insists explained explains "
    "wrote writes tweeted tweets stressed stresses revealed reveals acknowledged acknowledges admitted "
    "admits argued argues suggested suggests"
)
# Prepositions that also end statements as particles or adverbs ("the drought is over", "ever since").
# ... and adverbs spelled like conjunctions: "have not approved it yet.", "he said so."
PARTICLES: frozenset[str] = words("over under in on up out off after before since like about through yet so")
# "was confirmed", "been reported": a passive is not a speaker reporting.
PASSIVE_AUXILIARIES: frozenset[str] = words("is are was were be been being")
# Words that may follow a speech verb without being its content: adjuncts of time, place and manner.
ADJUNCT_WORDS: frozenset[str] = words(
    "on in at last this next earlier later yesterday today tonight week month year weekend morning afternoon "
    "evening night monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december the a an of his her their its in a statement "
    "interview conference news briefing spokesman spokeswoman spokesperson publicly recently also again "
    "separately previously then"
)
# Page furniture that is never part of a happening.
BOILERPLATE_IN_SUMMARY = re.compile(
    r"\b(?:Getty Images|Image copyright|Image caption|Media caption|Play slideshow|Photo credit|"
    r"Read more|Click to share|Follow us|Share this|\d+ of \d+ (?=[A-Z(])|AP Photo|Reuters/|/AFP|Buy Photo|"
    r"Full Screen|Skip Ad|View Photos|Opens in new window|Video Loading|Watch Next|Scroll down for)|"
    r"\((?:Photo:|Reuters\)|AP\)|AFP\)|The Washington Post\))"
)
# A full stop then a comma after a lower-case word ("time.,") is a cut; after "Calif." it is an abbreviation's.
_DOUBLED_PUNCTUATION = re.compile(r"[,;:]\s*[,;:.!?]|\b[a-z]{4,}\.\s*[,;]|"
                                  r"(?:^|\s)[,;:.](?=\s|$)|\(\s*[,;:.]?\s*\)|\(\s*[,;:]|[,;:]\s*\)")
_WORD = re.compile(r"[A-Za-z']+")


@dataclass(frozen=True, slots=True)
class SummaryCheck:
    summary: str
    defects: tuple[str, ...]

    @property
    def defective(self) -> bool:
        return bool(self.defects)


def summary_defects(summary: str) -> tuple[str, ...]:
    """The names of the defects a summary shows (empty when it reads as a complete statement)."""
    defects: list[str] = []
    text = summary.strip()
    if not text:
        return ("empty",)
    if len(text) > MAX_SUMMARY_CHARS:
        defects.append("too long")
    if _DOUBLED_PUNCTUATION.search(text):
        defects.append("doubled punctuation")
    if _dangling_end(text):
        defects.append("dangling end")
    if text.count('"') % 2 or not _brackets_balanced(text):
        defects.append("unbalanced quotes or brackets")
    if _speech_without_content(text):
        defects.append("speech without content")
    if _fragment(text):
        defects.append("fragment")
    if BOILERPLATE_IN_SUMMARY.search(text):
        defects.append("boilerplate")
    return tuple(defects)


def check_summary(summary: str) -> SummaryCheck:
    return SummaryCheck(summary, summary_defects(summary))


def _dangling_end(text: str) -> bool:
    body = text.rstrip(" .!?…\"')]")
    if not body or body[-1] in ",;:-\u2013\u2014(":
        return True
    last_word = body.split()[-1].strip("\"'()[],;:-").lower()
    return last_word in DANGLING_WORDS - PARTICLES


def _brackets_balanced(text: str) -> bool:
    depth = {"(": 0, "[": 0}
    closers = {")": "(", "]": "["}
    for character in text:
        if character in depth:
            depth[character] += 1
        elif character in closers:
            depth[closers[character]] -= 1
            if depth[closers[character]] < 0:
                return False
    return all(value == 0 for value in depth.values())


def _speech_without_content(text: str) -> bool:
    """A reporting verb that ends the statement with nothing reported: "Comey said on Sunday."."""
    if '"' in text:
        return False  # a quotation is the content
    found = _WORD.findall(text)
    words = [w.lower() for w in found]
    positions = [i for i, w in enumerate(words) if w in SPEECH_VERB_FORMS and (i == 0 or words[i - 1] not in PASSIVE_AUXILIARIES)]
    if not positions:
        return False
    verb = positions[0]  # the first report: "said last summer he wrote to the council" reports the writing
    after = found[verb + 1 :]
    content = [w for w in _without_prepositional_phrases(after) if w.lower() not in ADJUNCT_WORDS and not w.isdigit()]
    if words[verb] in {"told", "tells"}:
        # "told lawmakers on Monday" names only the hearer; "told lawmakers that ..." or "to ..." reports.
        if {"that", "to", "about"} & {w.lower() for w in after} or len(content) >= 4:
            return False
    elif content:
        return False  # "said the plan had failed", "announced new sanctions"
    last = verb
    # Content before the verb: "The plan will fail, the minister said." (a clause, then a comma).
    before = text[: _char_position(text, last)]
    clauses = [part for part in re.split(r"[,;:]", before) if part.strip()]
    return not any(not _only_adjuncts(_WORD.findall(clause.lower())) for clause in clauses[:-1])


PREPOSITIONS: frozenset[str] = words("on in at during via after before from with for through over")
DETERMINERS: frozenset[str] = words("the a an his her their its our this that")
PREPOSITIONAL_OBJECT_WORDS = 3


def _without_prepositional_phrases(after: list[str]) -> list[str]:
    """ "said [on Twitter] last year": a preposition and the name or adjunct words after it say where or
    when, not what ("said on Monday he wrote …" keeps "he wrote")."""
    kept: list[str] = []
    skip = 0
    for word in after:
        lowered = word.lower()
        governed = word[:1].isupper() or lowered in ADJUNCT_WORDS or lowered in DETERMINERS
        if skip and governed and lowered != "that":
            skip -= 1
            continue
        skip = PREPOSITIONAL_OBJECT_WORDS if lowered in PREPOSITIONS else 0
        if not skip:
            kept.append(word)
    return kept


# Words that open a dependent clause; a relative or comparative one never has its main clause after it,
# a subordinate one has it after a comma ("If it rains on Sunday, the race will be cancelled").
RELATIVE_OPENERS: frozenset[str] = words("than which who whom whose")
SUBORDINATE_OPENERS: frozenset[str] = words("whether if unless because although though whereas to")


def _fragment(text: str) -> bool:
    """ "Than they were in 2008", "Which ended at midnight", "To win their first title": no main clause."""
    opening = _WORD.findall(text[:40])
    if not opening:
        return False
    first = opening[0].lower()
    if first == "to" and (len(opening) < 2 or not opening[1].islower()):
        return False  # "To date, …", "To Congress, …"
    return first in RELATIVE_OPENERS or (first in SUBORDINATE_OPENERS and "," not in text)


def _only_adjuncts(words: list[str]) -> bool:
    return all(w in ADJUNCT_WORDS or w.isdigit() for w in words)


def _char_position(text: str, word_index: int) -> int:
    for index, match in enumerate(_WORD.finditer(text)):
        if index == word_index:
            return match.start()
    return len(text)


# The corpus: one JSON file per article with `text` and `date_publish` ("2016-11-09 00:00:00").


@dataclass(slots=True)
class CorpusReport:
    articles: int = 0
    events: int = 0
    defective: list[tuple[str, SummaryCheck]] = field(default_factory=list)  # (article id, check)

    @property
    def share(self) -> float:
        return len(self.defective) / self.events if self.events else 0.0

    def by_defect(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, check in self.defective:
            for defect in check.defects:
                counts[defect] = counts.get(defect, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))


def read_corpus(directory: Path) -> Iterator[tuple[str, str, date]]:
    """(article id, text, publication date) for each article file of the directory, in name order.

    Only `text` is extracted, as the service does with a posted article (the title is stored, not parsed).
    """
    for path in sorted(directory.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        published = publication_date(article)
        if published is None:
            raise ValueError(f"{path.name}: no publication date (date_publish, or a date in the url)")
        yield path.stem, article.get("text") or "", published


_URL_DATE = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/")


def publication_date(article: dict) -> date | None:
    """`date_publish`, or when the crawler left it out ("None") the /YYYY/MM/DD/ of the article's url."""
    try:
        return date.fromisoformat(str(article.get("date_publish"))[:10])
    except ValueError:
        pass
    match = _URL_DATE.search(article.get("url") or "")
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def check_corpus(articles: Iterable[tuple[str, str, date]], extract_many) -> CorpusReport:
    """Extract every article with `extract_many` and check the summary of each event."""
    articles = list(articles)
    report = CorpusReport(articles=len(articles))
    extractions = extract_many((text, published) for _, text, published in articles)
    for (article_id, _, _), extraction in zip(articles, extractions, strict=True):
        for event in extraction.events:
            report.events += 1
            check = check_summary(event.summary)
            if check.defective:
                report.defective.append((article_id, check))
    return report
