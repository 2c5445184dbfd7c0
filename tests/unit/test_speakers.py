"""Inside an attributed quotation, "we" is the body the speaker speaks for and "I" the speaker (quotes.py)."""

from datetime import date

import pytest

from services.extraction.nlp import load_pipeline
from services.extraction.pipeline import extract

PUBLISHED = date(2023, 3, 8)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def event_with(nlp, text: str, trigger: str):
    events = [e for e in extract(text, PUBLISHED, nlp=nlp).events if e.trigger == trigger]
    assert len(events) == 1, extract(text, PUBLISHED, nlp=nlp).events
    return events[0]


@pytest.mark.parametrize(
    ("text", "trigger", "participants", "sources"),
    [
        # a spokesperson's "we" is the company's doing; she only tells it
        ('"We will shut the depot in May," said Priya Nair, a spokeswoman for Brightwater Foods.',
         "shut", {"Brightwater Foods"}, {"Priya Nair"}),
        ('Brightwater Foods spokesman Ivo Brandt said: "We will shut the depot in May."',
         "shut", {"Brightwater Foods"}, {"Ivo Brandt"}),
        # a spokesperson named with the company earlier, quoted by surname later
        (('Priya Nair, a spokeswoman for Brightwater Foods, spoke to reporters. Nair added: "We will reopen the '
         'depot on Friday."'), "reopen", {"Brightwater Foods"}, {"Priya Nair"}),
        # a spokesperson without a name speaks for the body named with him
        ('A spokesman for Brightwater Foods said: "We will reopen the depot on Friday."',
         "reopen", {"Brightwater Foods"}, set()),
        # an officer "of" a force speaks for it and takes part: the force and the officer search
        ('Inspector Owen Baird of Kelby Police said: "Our officers will search the canal again on Saturday."',
         "search", {"Owen Baird", "Kelby Police"}, set()),
        # a police rank without the force beside it: the force the article names
        (('Kelby Police opened an inquiry. Detective Superintendent Ruth Kale said: "We will question the '
         'driver again on Monday."'), "question", {"Ruth Kale", "Kelby Police"}, set()),
        # of two forces, the one named last before the officer's quotation
        (('Kelby Police arrested a man. Dorsley Police took over the inquiry. Detective Inspector Ian Cho '
         'said: "We will charge him on Monday."'), "charge", {"Ian Cho", "Dorsley Police"}, set()),
        # a rank in lower case is a trade, no police rank
        ('Kelby Police closed the bridge. Safety inspector Ruth Kale said: "We will check the rails again on Monday."',
         "check", {"Ruth Kale"}, set()),
        # a company's chief executive, by the company's possessive
        ('Halvard Energy\'s chief executive, Tom Ingram, said: "We will open two plants next year."',
         "open", {"Tom Ingram", "Halvard Energy"}, set()),
        ('Tom Ingram, the chief executive of Halvard Energy, said: "We will open two plants next year."',
         "open", {"Tom Ingram", "Halvard Energy"}, set()),
        ('An official at Brightwater Foods said: "We will reopen the depot on Friday."',
         "reopen", {"Brightwater Foods"}, set()),
        # "I" is the speaker alone, whatever body she belongs to
        ('"I will step down in June," said Mara Quist of the Lindell Group.',
         "step", {"Mara Quist"}, {"Lindell Group"}),
    ],
)
def test_first_person_words_go_to_the_body_the_speaker_speaks_for(nlp, text, trigger, participants, sources):
    event = event_with(nlp, text, trigger)
    assert set(event.actors) == participants, event
    assert set(event.reported_by) == sources, event


def test_a_companys_dated_statement_is_the_companys_after_a_police_force_is_named(nlp):
    text = ('Brightwater Foods cut its prices. Kelby Police closed the road.\n\n'
            '"We are proud of our drivers," the company said on Monday in a statement.')
    event = event_with(nlp, text, "say")
    assert event.actors == ("Brightwater Foods",), event


def test_the_company_never_refers_back_to_a_police_force(nlp):
    text = ("Brightwater Foods cut its prices on Monday. Kelby Police closed the road on Tuesday. "
            "The company reopened the depot on Friday.")
    assert event_with(nlp, text, "reopen").actors == ("Brightwater Foods",)


@pytest.mark.parametrize(
    ("text", "trigger", "speaker"),
    [
        # a quotation opening a line of its own, its attribution after it
        ('Owen Baird has led the station since 2009.\n\n"I will retire on Friday," Baird said.', "retire",
         "Owen Baird"),
        ('Brightwater Foods lost a contract.\n\n"We will cut 40 jobs in June," the firm said.', "cut",
         "Brightwater Foods"),
    ],
)
def test_a_quotation_at_the_start_of_a_line_is_attributed(nlp, text, trigger, speaker):
    assert speaker in event_with(nlp, text, trigger).actors


def test_a_speaker_without_a_body_keeps_his_we(nlp):
    text = 'Carl Mendes finished third. "We will race again in April," Mendes said.'
    assert event_with(nlp, text, "race").actors == ("Carl Mendes",)


@pytest.mark.parametrize(
    ("text", "trigger", "speaker"),
    [
        ("Director Mark Ellis announced on Sunday that the review had found nothing.", "announce", "Mark Ellis"),
        # a pronoun resolved to the person it stands for
        ("Dana Voss campaigned in Ohio on Saturday. Speaking in Glendale, she said on Sunday that voters faced a choice.",
         "say", "Dana Voss"),
        # the hearer of a passive is not the speaker
        ("Congress was told on Monday that the review was over.", "tell", None),
        # no statement, no speaker
        ("Mark Ellis visited Glendale on Sunday.", "visit", None),
    ],
)
def test_a_statement_knows_its_speaker(nlp, text, trigger, speaker):
    assert event_with(nlp, text, trigger).speaker == speaker
