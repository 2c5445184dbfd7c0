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


def may_be_one_person(said: Evidence, known: Evidence) -> bool:
    """Whether a bare surname with these titles may be a person of that surname: not of another gender, and not
    called by an office only other than the ones that person was given ("President Lane" is not "First Lady Ann
    Lane": the one article or the articles so far never named the president in full)."""
    wanted, held = offices(said.titles), offices(known.titles)
    return not said.clashes_with(known) and not (wanted and held and not wanted & held)


def fitting(said: Evidence, candidates: dict[int, Evidence]) -> list[int]:
    """The candidates (ids, in their order) a bare surname may be (`may_be_one_person`); among them those that
    held an office it gives ("President"), else those known to be of the gender it gives ("Mrs"), when any."""
    fit = [i for i, known in candidates.items() if may_be_one_person(said, known)]
    wanted, gender = offices(said.titles), said.gender
    holding = [i for i in fit if wanted & candidates[i].titles]
    same_gender = [i for i in fit if gender is not None and candidates[i].gender == gender]
    return holding or same_gender or fit
