"""An office holder the article names with their body ("union general secretary Gareth Pryce") takes part for that
body in taking up and leaving the office; a former office gives no body."""

from datetime import date

import pytest

from services.extraction.actors import resolve_actors
from services.extraction.nlp import load_pipeline
from services.extraction.pipeline import extract

PUBLISHED = date(2026, 3, 20)  # a Friday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        ("Brightwater Hospice cut 20 jobs. Brightwater's chief executive, Fiona Clay, wrote to staff.",
         "Fiona Clay", "Brightwater Hospice"),
        ("Fiona Clay, chief executive of Brightwater Hospice, wrote to staff.", "Fiona Clay", "Brightwater Hospice"),
        (("The National Union of Rail Operatives called a strike. Union general secretary Gareth Pryce spoke to "
         "members."), "Gareth Pryce", "National Union of Rail Operatives"),
        ("Vantor Automotive named Tobias Greer as chief executive.", "Tobias Greer", "Vantor Automotive"),
        ("Vantor Automotive fired chief executive Carla Brandt.", "Carla Brandt", "Vantor Automotive"),
        (("Vantor Automotive recalled 40,000 cars. Tobias Greer, the head of its European business, flew to "
         "Detroit."), "Tobias Greer", "Vantor Automotive"),
    ],
)
def test_an_office_in_a_body_is_read_from_the_text(nlp, text, person, body):
    assert resolve_actors(nlp(text)).offices.get(person) == body


def test_a_former_office_is_no_affiliation(nlp):
    text = "Millbrook United lost again. Former Millbrook United manager Neil Okafor joined Ashby Rovers."
    assert "Neil Okafor" not in resolve_actors(nlp(text)).offices


@pytest.mark.parametrize(
    ("text", "trigger", "body"),
    [
        (("Vantor Automotive named Tobias Greer, the head of its European business, as chief executive. Greer, "
         "51, will take over on April 1."), "take", "Vantor Automotive"),
        (("The National Union of Rail Operatives called a strike. Union general secretary Gareth Pryce will step "
         "down in November."), "step", "National Union of Rail Operatives"),
    ],
)
def test_the_body_takes_part_in_its_officer_taking_up_or_leaving_the_office(text, trigger, body):
    (event,) = [e for e in extract(text, PUBLISHED).events if e.trigger == trigger]
    assert body in event.actors


def test_the_body_takes_no_part_in_what_its_officer_does_otherwise():
    text = ("Brightwater Hospice cut 20 jobs. Brightwater's chief executive, Fiona Clay, wrote to staff. "
            "Clay ran the London Marathon on Sunday.")
    (event,) = [e for e in extract(text, PUBLISHED).events if e.trigger == "run"]
    assert "Fiona Clay" in event.actors and "Brightwater Hospice" not in event.actors


@pytest.mark.parametrize(
    ("text", "person", "not_a_name"),
    [
        # a courtesy title before a surname the recogniser labels an organisation or a title
        (('Patti Wood, a body language expert, studied the two men. "It was tense," Ms Wood told the Daily Mail '
         "on Tuesday."), "Patti Wood", "Ms Wood"),
        # an office or a sport before a surname is no given name
        (("The inquiry heard from the airline. Administrator Okoro said on Monday that the airline had run out "
         "of cash."), "Okoro", "Administrator Okoro"),
        ("The tribunal met in Geneva. Sprinter Okoro was suspended on Monday for four years.", "Okoro",
         "Sprinter Okoro"),
    ],
)
def test_a_title_or_a_trade_before_a_surname_stays_out_of_the_name(nlp, text, person, not_a_name):
    names = {actor.name for actor in resolve_actors(nlp(text)).actors}
    assert person in names and not_a_name not in names
