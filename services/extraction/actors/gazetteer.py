"""Countries, their other names, capitals and demonyms, from the `countryinfo` package, plus what news adds.

The package gives every country's English name, alternative spellings, capital, demonym and provinces (the
US states among them). News usage adds seats of government that stand for a state ("the Kremlin", "Downing
Street") and short forms no reference lists ("Britain", "America"); those few are kept here by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Seats of government and news short forms that stand for a state.
NEWS_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "United States": ("America", "U.S.", "U.S", "U.S.A.", "Washington", "Washington, D.C.", "White House",
                      "the States", "Oval Office"),
    "United Kingdom": ("Britain", "U.K.", "Downing Street", "Whitehall"),
    "Russia": ("Kremlin", "the Kremlin"),
    "Ukraine": ("Kyiv", "Kiev", "the Ukraine"),
    "China": ("PRC", "Peking", "Zhongnanhai", "mainland China"),
    "North Korea": ("DPRK", "D.P.R.K."),
    "South Korea": ("ROK",),
    "Iran": ("Teheran",),
    "United Arab Emirates": ("UAE", "U.A.E.", "Abu Dhabi"),
    "France": ("Elysee", "Élysée", "Elysee Palace"),
    "Netherlands": ("The Hague", "Holland", "the Netherlands"),
    "Turkey": ("Türkiye", "Turkiye"),
    "Brazil": ("Brasilia", "Brasília"),
    "Colombia": ("Bogota", "Bogotá"),
    "India": ("New Delhi", "Delhi"),
    "Kazakhstan": ("Astana",),
    "Myanmar": ("Burma",),
    "Philippines": ("the Philippines",),
    "Palestine": ("Palestinian territories",),
    "Vatican City": ("Vatican", "the Holy See", "Holy See"),
    "Czech Republic": ("Czechia",),
    "Ivory Coast": ("Cote d'Ivoire", "Côte d'Ivoire"),
}
NEWS_DEMONYMS: dict[str, str] = {
    "U.S.": "United States", "US": "United States", "English": "United Kingdom", "Scottish": "United Kingdom",
    "Welsh": "United Kingdom", "Soviet": "Russia", "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Filipino": "Philippines", "Philippine": "Philippines",
    "Afghan": "Afghanistan", "Kazakh": "Kazakhstan", "Palestinian": "Palestine", "Irish": "Ireland",
}
# Short codes that news writes for a country; other two- and three-letter codes (IT, NO, AL) are words.
NEWS_CODES: frozenset[str] = frozenset({"US", "USA", "UK", "UAE", "DPRK", "PRC", "ROK", "DRC"})
# Capitals of small states and territories are often names of other things ("Hamilton", "Stanley", "Male");
# only capitals of countries this populous stand for their state.
CAPITAL_MIN_POPULATION = 1_000_000
# The reference's names that news writes otherwise.
CANONICAL_NAMES: dict[str, str] = {"Czechia": "Czech Republic", "Côte d'Ivoire": "Ivory Coast", "Burma": "Myanmar"}

_NAME = re.compile(r"^[A-Z][A-Za-z.'\- ]+$")


def _countries() -> list[dict]:
    from countryinfo import all_countries

    return [country.info() for country in all_countries()]


def _strings(value) -> list[str]:
    """A field that holds one name or several (South Africa has three capitals)."""
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _usable(name: str) -> bool:
    name = name.strip()
    if "," in name or not _NAME.match(name):
        return False  # "Korea, Republic of", names in other scripts
    return not (name.isupper() and len(name) <= 4 and name not in NEWS_CODES)


@lru_cache
def country_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str], frozenset[str]]:
    """(country -> other names and capital, demonym -> country, US state names)."""
    aliases: dict[str, list[str]] = {}
    demonyms: dict[str, str] = {}
    states: frozenset[str] = frozenset()
    # the most populous first: a demonym or name two entries share is the larger country's ("American")
    for info in sorted(_countries(), key=lambda info: -(info.get("population") or 0)):
        name = (info.get("name") or "").strip()
        if not _usable(name):
            continue
        name = CANONICAL_NAMES.get(name, name)
        names = aliases.setdefault(name, [])
        # Official long forms and news codes; single-word alternatives are mostly native names in Latin
        # script, some of them English words or surnames ("Island" for Iceland, "Mann" for Man).
        names.extend(alt for alt in _strings(info.get("altSpellings"))
                     if _usable(alt) and alt != name and (" " in alt or alt in NEWS_CODES))
        if (info.get("population") or 0) >= CAPITAL_MIN_POPULATION:
            names.extend(capital for capital in _strings(info.get("capital")) if _usable(capital))
        for demonym in _strings(info.get("demonym")):
            if _usable(demonym):
                demonyms.setdefault(demonym, name)
        if name == "United States":
            states = frozenset(p for p in info.get("provinces") or () if _usable(p))
    for name, extra in NEWS_COUNTRY_NAMES.items():
        aliases.setdefault(name, []).extend(extra)
    demonyms.update(NEWS_DEMONYMS)
    return {name: tuple(dict.fromkeys(names)) for name, names in aliases.items()}, demonyms, states
