"""Whether a noun names a happening ("the vote", "his nomination") or a thing, place, time or feeling ("the tram",
"that night", "frustration"): the lists are data (event_nouns.txt)."""

from __future__ import annotations

from pathlib import Path

EVENT_NOUNS_FILE = Path(__file__).with_name("event_nouns.txt")
# The endings a verb's noun takes: "nominate" -> "nomination", "announce" -> "announcement".
NOMINAL_ENDINGS: tuple[str, ...] = ("ation", "ition", "sion", "ment", "ance", "ence", "ure")


def load_noun_lists(path: Path = EVENT_NOUNS_FILE) -> dict[str, frozenset[str]]:
    """name -> its lemmas (`name | lemma lemma ...`; `#` comments)."""
    lists: dict[str, frozenset[str]] = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, lemmas = (part.strip() for part in line.split("|"))
            lists[name] = lists.get(name, frozenset()) | frozenset(lemmas.split())
    return lists


_LISTS = load_noun_lists()
HAPPENING_NOUNS: frozenset[str] = _LISTS["happening"]
NOT_HAPPENING_NOUNS: frozenset[str] = _LISTS["not"]
# Nouns that name a happening only as a light verb's object ("Halvard made an approach", "she gave evidence"): the
# noun is the trigger, where alone it names a thing ("the approach road", "the evidence bag").
LIGHT_VERB_OBJECTS: frozenset[str] = _LISTS["light"]


def is_happening_noun(lemma: str) -> bool:
    """Whether a noun's lemma names a happening: listed as one, or a verb's noun not listed as a state or thing."""
    lemma = lemma.lower()
    if lemma in HAPPENING_NOUNS:
        return True
    return lemma.endswith(NOMINAL_ENDINGS) and lemma not in NOT_HAPPENING_NOUNS
