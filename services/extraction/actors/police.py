"""The police force an article names: what a bare "police", an agentless arrest or an officer's "we" stand for."""

from __future__ import annotations

from services.extraction.actors.tables import names_a_police_force


def first_police_force(mentions: list):
    """The mention of the police force the article names first ("Northshire Police"), or None."""
    for mention in mentions:
        if mention.kind == "organisation" and mention.participates and names_a_police_force(mention.name):
            return mention
    return None


def police_force_before(mentions: list, position: int):
    """The police force named last before a token ("... Chief Constable at Kelby Police. Inspector Reed said"),
    else the one the article names first."""
    before = [m for m in mentions if m.start < position and first_police_force([m]) is not None]
    return before[-1] if before else first_police_force(mentions)
