"""The extraction contract: plain values that flow out of the pure core into the store and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class EventDate:
    """When something happened, as a TIMEX3 value and the calendar interval it covers.

    `value` is a TIMEX3 value ("2024-06-18", "2024-06", "2024", "2024-W24", "2024-W24-WE", "2024-Q1",
    "2024-SU", "199", ...) or, for a range, two values joined by "/" ("2023-08/2024-02").
    `start` and `end` are the first and last day covered (inclusive).
    `granularity` names the unit of `value`: day, week, weekend, month, quarter, half, season, year,
    decade, century; for a range the granularity of its ends.
    """

    value: str
    start: date
    end: date
    granularity: str

    def overlaps(self, other: EventDate) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: EventDate) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_json(self) -> dict:
        return {
            "value": self.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "granularity": self.granularity,
        }


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression found in the text, normalised against the publication date."""

    start: int  # character offsets into the text that was tagged
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value ("2024-06-18", "P2D", "XXXX-WXX-2", "PRESENT_REF", ...)
    date: EventDate | None = None  # the calendar interval, when the value pins one down


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical participant: a person, organisation, country/place or group."""

    name: str
    kind: str  # person | organisation | place | group
    aliases: tuple[str, ...] = ()
    # A person's titles seen before its names in the article ("president", "mrs", "first lady": as stored in
    # actors/person_titles.txt): evidence the store uses to tell apart people who share a surname ("President
    # Obama", "Mrs Clinton").
    titles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening reported by a clause of the text."""

    date: EventDate
    actors: tuple[str, ...]  # canonical actor names (Actor.name)
    summary: str  # a short readable clause summary, <= 200 characters
    trigger: str  # lemma of the main verb or event noun
    status: str  # occurred | planned
    sentence: str  # the evidence sentence
    offsets: tuple[int, int]  # character offsets of the sentence in Extraction.text
    confidence: float = 0.5
    place: str | None = None  # the actor (a place) it happened in, when the text says: "in Hanoi"
    type: str = "other"  # what kind of happening: a type of event_types.txt
    # Who only reports it, as its sources: the subject or hearer of a reporting verb whose complement tells the
    # happening ("..., the Herald reported", "Ann Lee of WXYZ reports that ...", "told the Courier"), or "according
    # to X". Never also in `actors`: a source takes no part, so it neither joins nor separates reports of it.
    reported_by: tuple[str, ...] = ()
    # Who made the statement, when the trigger reports speech: the actor its subject names ("she said" resolved to
    # Hillary Clinton). None when it is no statement or its speaker goes unnamed. Two persons' statements of one
    # day are two statements, whoever they are about (merge.same_happening).
    speaker: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article. Offsets refer to `text` (the cleaned text)."""

    text: str
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
