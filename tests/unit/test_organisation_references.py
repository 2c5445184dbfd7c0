"""An article's organisations through their short names, kind nouns and members; streets are places."""

import pytest

from services.extraction.actors import resolve_actors
from services.extraction.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def names_at(nlp, text, word):
    """The actors the token `word` (its last occurrence) is read as."""
    doc = nlp(text)
    resolution = resolve_actors(doc)
    index = max(t.i for t in doc if t.text == word)
    return resolution.names_in_tokens({index})


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        # a short name after the full one (A1)
        ("Halden Shipping will close two depots. Analysts said Halden had lost contracts.", "Halden",
         "Halden Shipping"),
        ("Marlow Freight bought a radio station in 2019. Marlow's appeal was filed on Monday.", "Marlow",
         "Marlow Freight"),
        ("Warnings were issued for the River Aske on Friday. The Aske poured over the wall.", "Aske", "River Aske"),
        # a name the recogniser missed, by its body word; what one holds "in" a company is no place
        ("Marlow Freight warned on profits. Shares in Marlow fell 5% on Monday.", "Marlow", "Marlow Freight"),
        # "the club" of the article's club, named far more often than the rival named last
        (("Harwell Rovers lost again. Harwell Rovers fans were angry. Harwell Rovers had led early. "
          "Dunford Athletic scored twice. The club sacked the manager on Sunday."), "club", "Harwell Rovers"),
        # kind words a name does not use
        ("The Rail Authority fined Marlow Freight. The watchdog said the fine was fair.", "watchdog",
         "Rail Authority"),
        # "the <kind noun>" names the body of that kind named before, however far back (A2)
        (("The Transport Authority fined the operator. Rail fares rose. Trains were late. Staff struck. "
          "Unions met. Talks failed. Passengers waited. The authority blocked the plan."), "authority",
         "Transport Authority"),
        ("Fenmarsh Hospice thanked Tarrow Shipping for the gift. The hospice was founded in 1990.", "hospice",
         "Fenmarsh Hospice"),
        ("Rainford Council met the Orle Water Board. The board said the council had applied on Monday.", "council",
         "Rainford Council"),
        # members of a kind of body act as the body the article names (A6)
        ("Kelmouth Fire and Rescue Service sent six engines. Firefighters pumped water from the cellars.",
         "Firefighters", "Kelmouth Fire and Rescue Service"),
        ("Northshire Police opened an inquiry. Officers arrested the man on Friday.", "Officers", "Northshire Police"),
        ("Kelmouth Fire and Rescue Service sent six engines. Fire crews took an hour to reach the lane.", "crews",
         "Kelmouth Fire and Rescue Service"),
        ("Pellham Freight will sell its cold-storage division. Directors met on Monday.", "Directors",
         "Pellham Freight"),
        ("Pellham Freight rejected the offer. The board will meet on Monday.", "board", "Pellham Freight"),
    ],
)
def test_a_later_reference_is_the_organisation_named_before(nlp, text, word, name):
    assert name in names_at(nlp, text, word)


@pytest.mark.parametrize(
    ("text", "word", "not_name"),
    [
        # a body named after the place it serves: the place alone is not the body
        ("Rainford Council closed the road. Shops in Rainford stayed open.", "Rainford", "Rainford Council"),
        # a place where something is stays a place
        ("Leabridge United signed a striker, who lives in Leabridge.", "Leabridge", "Leabridge United"),
        # a noun modifying another ("the council leader") is not the body
        ("Rainford Council met on Monday. The council leader resigned.", "council", "Rainford Council"),
        # a short name run on into another name is part of that name
        ("Crown Media bought the rights. Crown Series tickets went on sale on Monday.", "Crown", "Crown Media"),
        # several are not one
        ("Pellham Freight and Marlow Freight talked. The boards agreed terms on Monday.", "boards", "Pellham Freight"),
    ],
)
def test_a_place_or_a_modifier_is_not_the_organisation(nlp, text, word, not_name):
    assert not_name not in names_at(nlp, text, word)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # streets are places, not people (A5)
        ("Water reached houses on Mill Lane by midnight.", "Mill Lane", "place"),
        ("Rain fell on Colm Road. Pupils at St Anne's School were sent home.", "Colm Road", "place"),
        # a name ending as a body's is no person, whatever its verb
        ("Rainford Council met the Orle Water Board.", "Rainford Council", "organisation"),
        ("Fenmarsh Hospice thanked its volunteers.", "Fenmarsh Hospice", "organisation"),
        ("Harwell Rovers lost again on Saturday.", "Harwell Rovers", "organisation"),
        ("Harlow Health said on Wednesday that it had been hit by a ransomware attack.", "Harlow Health",
         "organisation"),
    ],
)
def test_what_a_name_ends_with_tells_its_kind(nlp, text, name, kind):
    actors = {a.name: a.kind for a in resolve_actors(nlp(text)).actors}
    assert actors.get(name) == kind
