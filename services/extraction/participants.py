"""Who takes part in a clause's happening beyond the names it mentions as participants, and who does not.

Five rules of news English:
- an arrest told in the passive with no "by" names no agent, yet news means the police: "the driver was
  arrested on Wednesday" is the doing of the police force the article names ("Thames Valley Police");
- a strike, walkout or strike ballot told without who holds it is the trade union's the article names:
  "Next week's rail strike has been called off" is the doing of the one union of the story;
- a place a person comes from is where they live, not where the happening is nor who took part in it:
  "a 42-year-old man from Dunmore was arrested", "Sam Ortiz, who is also from Harwick, said ...";
- a brand acts through the company that makes or owns it: where the article says who that is ("Crunchie
  maker Bellweather Foods"), "Crunchie announced on Monday that the bar would shrink" is Bellweather's too;
- an office holder takes up and leaves an office in the body they serve: where the article says which ("union
  general secretary Gareth Pryce"), "Pryce will step down in November" is the union's doing too.
"""

from __future__ import annotations

from services.extraction.actors import ActorResolution
from services.extraction.actors.police import first_police_force
from services.extraction.actors.tables import words

# Verbs whose passive without an agent is the police's doing ("was arrested", "has been bailed").
POLICE_VERBS: frozenset[str] = words("arrest detain bail rearrest re-arrest")
# "released on bail", "freed on bail": a release is the police's only with bail.
BAIL_RELEASE_VERBS: frozenset[str] = words("release free")
# Verbs of where someone is from ("who is from Harwick", "hails from Leeds"); not "came from Paris".
ORIGIN_VERBS: frozenset[str] = words("be hail")


def implicit_police(verbs, resolution: ActorResolution) -> list[str]:
    """The article's police force, for an agentless passive arrest ("was arrested on suspicion of ...")
    told by one of the clause's verbs (its governor, its head)."""
    for verb in verbs:
        if _agentless_arrest(verb):
            police = _police_force(resolution)
            return [police] if police else []
    return []


# Nouns of industrial action (and its ballot): a union's doing. The verb "strike" is left out (a quake strikes).
INDUSTRIAL_ACTION_NOUNS: frozenset[str] = words("strike walkout stoppage ballot picket")
# Unions of states, not of workers.
STATE_UNIONS: frozenset[str] = frozenset({"European Union", "Soviet Union", "African Union"})


def implicit_union(trigger, actors: list[str], resolution: ActorResolution) -> list[str]:
    """The article's one trade union, for a strike, walkout or ballot told without who holds it: the event's
    noun ("Next week's strike"), or the subject of its verb ("The ballot closed on Friday", "the walkout
    ended at midnight")."""
    if actors:
        return []
    nouns = [trigger] if trigger.pos_ == "NOUN" else [
        c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"]
    if not any(noun.lemma_.lower() in INDUSTRIAL_ACTION_NOUNS for noun in nouns):
        return []
    unions = {m.name for m in resolution.mentions if m.kind == "organisation" and m.participates
              and "union" in m.name.lower().split() and m.name not in STATE_UNIONS}
    return list(unions) if len(unions) == 1 else []


def _agentless_arrest(clause_head) -> bool:
    lemma = clause_head.lemma_.lower()
    bail = any(c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "bail" for g in c.children)
               for c in clause_head.children)
    if lemma not in POLICE_VERBS and not (lemma in BAIL_RELEASE_VERBS and bail):
        return False
    children = list(clause_head.children)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in children)
    return passive and not any(c.dep_ == "agent" for c in children)


def _police_force(resolution: ActorResolution) -> str | None:
    """The police force the article names first."""
    force = first_police_force(resolution.mentions)
    return force.name if force is not None else None


def origin_tokens(doc, tokens: set[int]) -> set[int]:
    """The tokens of "from PLACE" phrases that tell where a person comes from ("a man from Dunmore",
    "who is also from Harwick"), not where something happened ("the flight from Paris landed")."""
    origin: set[int] = set()
    for i in tokens:
        token = doc[i]
        if token.dep_ != "pobj" or token.head.lower_ != "from":
            continue
        holder = token.head.head
        # "a man from Dunmore", "the driver, 42, from Dunmore" (an age stands for its person)
        person = holder.pos_ in {"NOUN", "PROPN"} and _names_a_person(holder) or holder.pos_ == "NUM"
        if person or holder.lemma_.lower() in ORIGIN_VERBS:
            origin |= {t.i for t in token.subtree}
    return origin


# Nouns of people a place of origin qualifies ("a man from Dunmore", "a mother-of-two from Leeds").
PERSON_NOUNS: frozenset[str] = words(
    "man woman boy girl person people resident residents driver passenger passengers father mother son "
    "daughter husband wife teenager child children pensioner student worker victim suspect grandfather "
    "grandmother mum dad family couple youngster"
)


def _names_a_person(token) -> bool:
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS


def brand_makers_taking_part(verbs, actors: list[str], resolution: ActorResolution, when, written_on) -> list[str]:
    """The makers or owners of the brands that act in the clause told by `verbs` (its governor, its head), when
    the article says who they are: "Crunchie announced on Monday ..." after "Crunchie maker Bellweather Foods" is
    also Bellweather Foods's doing; "shoppers complained about Crunchie" is not."""
    if when.end.year < written_on.year - MAKER_LOOKBACK_YEARS:
        return []  # "Crunchie was first sold in 1929": today's owner need not have been its owner then
    acting = resolution.names_in_tokens(_acting_tokens(verbs))
    makers = [resolution.makers[name] for name in acting if name in resolution.makers]
    return [maker for maker in dict.fromkeys(makers) if maker not in actors]


# A relation told in the present holds now, since a time the article does not say: a happening more years than
# this before the article may predate it.
MAKER_LOOKBACK_YEARS = 2
# Who acts in a clause: its subject ("Crunchie announced"), a passive's agent ("was withdrawn by Crunchie").
ACTING_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "agent"})


# Verbs of taking up and leaving an office: what an office holder does as such ("was appointed", "resigned"),
# and the phrasal ones with their particle ("will take over", "stepped down"); "ran a marathon" is not one.
OFFICE_VERBS: frozenset[str] = words(
    "appoint name hire elect re-elect resign quit retire join leave succeed replace dismiss sack fire oust "
    "suspend promote"
)
OFFICE_PHRASAL_VERBS: frozenset[tuple[str, str]] = frozenset(
    {("take", "over"), ("step", "down"), ("step", "aside"), ("stand", "down")})


def _tells_an_office(verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in OFFICE_VERBS or any(
        (lemma, c.lower_) in OFFICE_PHRASAL_VERBS for c in verb.children if c.dep_ in {"prt", "advmod"})


def bodies_of_officers(verbs, actors: list[str], resolution: ActorResolution) -> list[str]:
    """The bodies of the office holders who take up or leave an office in the clause told by `verbs` (its
    governor, its head), when the article says which body they serve: "Pryce will step down in November" after
    "union general secretary Gareth Pryce" is also the union's doing."""
    if not any(_tells_an_office(verb) for verb in verbs):
        return []
    acting = resolution.names_in_tokens(_acting_tokens(verbs))
    bodies = [resolution.offices[name] for name in acting if name in resolution.offices]
    return [body for body in dict.fromkeys(bodies) if body not in actors]


def _acting_tokens(verbs) -> set[int]:
    """The tokens of the subjects and agents of the verbs, or of the verb a conjoined one shares its subject
    with ("Crunchie cut the price and announced on Monday ...")."""
    acting: set[int] = set()
    for verb in verbs:
        while verb.dep_ == "conj" and not any(c.dep_ in ACTING_DEPS for c in verb.children):
            verb = verb.head
        acting |= {t.i for c in verb.children if c.dep_ in ACTING_DEPS for t in c.subtree}
    return acting
