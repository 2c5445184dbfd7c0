"""Which of several stored people a bare surname fits, by the titles and gender an article gives it (pure).

"Mr Obama" is not a person the articles only ever gave female titles; "President Obama" is, among
people of that surname, the one the articles have called president. Evidence only ever narrows the candidates:
with none, or when it fits none better, the caller's rule for a surname several people share stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.extraction.actors.titles import gender_of, offices


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the articles said of a person: the titles written before its names."""

    titles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, titles: Iterable[str] = ()) -> Evidence:
        return cls(frozenset(titles))

    @property
    def gender(self) -> str | None:
        """The gender its gendered titles agree on ("Mrs", "First Lady"), else None (none, or both)."""
        return gender_of(self.titles)

    def clashes_with(self, other: Evidence) -> bool:
        """Two genders told, and different: not one person."""
        return None not in (self.gender, other.gender) and self.gender != other.gender


def fitting(said: Evidence, candidates: dict[int, Evidence]) -> list[int]:
    """The candidates (ids, in their order) a mention fits: none of another gender, and among those left the
    ones that have held an office the mention gives ("President"), when any has."""
    fit = [i for i, known in candidates.items() if not said.clashes_with(known)]
    wanted = offices(said.titles)
    holding = [i for i in fit if wanted & candidates[i].titles]
    return holding or fit


def may_be_one_person(bare: Evidence, full: Evidence) -> bool:
    """Whether one article's bare surname may be its full-named person of that surname: not of another gender,
    and not called by an office only other than the ones the article introduced that person with ("President
    Lane" beside "First Lady Ann Lane": the article never names the president in full)."""
    wanted, held = offices(bare.titles), offices(full.titles)
    return not bare.clashes_with(full) and not (wanted and held and not wanted & held)
