"""What kind of happening an event is, from its trigger: the taxonomy and its table are data (event_types.txt)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

EVENT_TYPES_FILE = Path(__file__).with_name("event_types.txt")
OTHER = "other"


def load_event_types(path: Path = EVENT_TYPES_FILE) -> dict[str, tuple[str, frozenset[str]]]:
    """type -> (label, its lemmas), in the file's order (`type | label | lemma lemma ...`; `#` comments)."""
    types: dict[str, tuple[str, frozenset[str]]] = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, label, lemmas = (part.strip() for part in line.split("|"))
        types[name] = (label, frozenset(lemmas.split()))
    return types


_TABLE = load_event_types()
EVENT_TYPES: dict[str, frozenset[str]] = {name: lemmas for name, (_, lemmas) in _TABLE.items()}
# Every type a client may filter by, in the documented order, `other` last, and what people read for it.
TYPE_NAMES: tuple[str, ...] = (*EVENT_TYPES, OTHER)
TYPE_LABELS: dict[str, str] = {**{name: label for name, (label, _) in _TABLE.items()}, OTHER: "Other"}


def event_type(trigger: str, clause_lemmas: Iterable[str] = ()) -> str:
    """The type whose line lists the trigger; a trigger on several lines goes to the one with the most of its
    words among the clause's other lemmas (the first line on a tie); an unlisted trigger is `other`."""
    trigger = trigger.casefold()
    candidates = [name for name, lemmas in EVENT_TYPES.items() if trigger in lemmas]
    if not candidates:
        return OTHER
    if len(candidates) == 1:
        return candidates[0]
    context = {lemma.casefold() for lemma in clause_lemmas} - {trigger}
    return max(candidates, key=lambda name: len(EVENT_TYPES[name] & context))  # max keeps the first on ties
