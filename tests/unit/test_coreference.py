"""Later references to an actor the article has named become that actor's mentions (and its events)."""

from datetime import date

import pytest

from services.extraction.nlp import load_pipeline
from services.extraction.pipeline import extract

PUBLISHED = date(2021, 6, 12)  # a Saturday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def actors_by_sentence(nlp, text: str) -> list[tuple[str, set[str]]]:
    """(first words of the event's sentence, its actors) for every dated event of the text."""
    return [(event.sentence.split()[0], set(event.actors)) for event in extract(text, PUBLISHED, nlp=nlp).events]


@pytest.mark.parametrize(
    ("text", "sentence_start", "actor"),
    [
        # a repeated surname the recogniser missed
        ("Maria Lopez opened the clinic on Monday. Lopez closed it again on Thursday.", "Lopez", "Maria Lopez"),
        # a company's short form, and its suffix cut off by the recogniser
        ("Harbour Foods International cut prices on Monday. Harbour Foods raised them on Friday.", "Harbour",
         "Harbour Foods International"),
        # the first word of a two-word body named by its kind ("Group", "Trust", "Air")
        ("Harcastle Group cut 300 jobs on Monday. Harcastle said on Friday that it would cut more.", "Harcastle",
         "Harcastle Group"),
        ("Clearwater Trust closed two homes on Monday. Clearwater said on Friday that it would reopen one.",
         "Clearwater", "Clearwater Trust"),
        ("Skyrail Air cancelled 40 flights on Monday. Skyrail said on Friday that it had run out of cash.",
         "Skyrail", "Skyrail Air"),
        # an acronym the text introduces in brackets
        ("The Coastal Water Authority (CWA) closed two beaches on Tuesday. CWA reopened them on Friday.",
         "CWA", "Coastal Water Authority"),
        # a team's short form
        ("The Dublin Rovers lost the final on Wednesday. The Rovers had won it in 1994.", "The",
         "Dublin Rovers"),
        # pronouns: the person named in the sentence before
        ("Maria Lopez opened the clinic on Monday. She closed it again on Thursday.", "She", "Maria Lopez"),
        # "the company": the organisation named shortly before
        ("Harbour Foods International cut prices on Monday. The company raised them on Friday.", "The",
         "Harbour Foods International"),
        # a role noun the text introduced in apposition
        ("Police said the pilot, Tomas Berg, 51, landed the plane on Tuesday. The pilot was released on Friday.",
         "The", "Tomas Berg"),
        # a word for who someone is, after the one person the text has named
        ("Nora Pell left the clinic on Monday. The 31-year-old actress returned to it on Friday.", "The",
         "Nora Pell"),
        ("Lukas Ferro reached the summit on Sunday. The climber fell on the way down on Monday.", "The",
         "Lukas Ferro"),
        # a body's name the recogniser missed, by its last word; "it" and "the operators" for it
        ("Coastal Ferry Operators said it was disappointed. It offered a 2 per cent rise in March.", "It",
         "Coastal Ferry Operators"),
        ("Coastal Ferry Operators said talks had failed. The operators cut their offer on Friday.", "The",
         "Coastal Ferry Operators"),
        # "the union and ..." that the parser reads as a modifier of the second conjunct
        ("The Dock Workers Union said pay was too low. The union and port operators signed a deal on Friday.",
         "The", "Dock Workers Union"),
        # a lede's "the union" before the article names the one union it is about
        ("After talks, the union reached a deal on Friday. The Dock Workers Union said members would vote.",
         "After", "Dock Workers Union"),
        # a utility is a business
        ("The Northfield Water Board ordered a boil-water notice, the utility said yesterday.", "The",
         "Northfield Water Board"),
        # a person called by nationality ("the Swede"), after the one person the text has named
        (("Ashby Rovers sacked manager Tomas Hallberg on Sunday. The Swede, who was appointed in June 2019, "
         "leaves the club second from bottom."), "The", "Tomas Hallberg"),
        # ... or after the person the text introduced with it, among others
        ("Dutchman Max Lind beat Ivo Sarr on Sunday. Sarr was second. The Dutchman won again on Wednesday.",
         "The", "Max Lind"),
        # a gendered word among several people in reach: the one the article names far more often
        (("Nora Pell left the clinic on Monday. Pell thanked her doctor, Ivo Sarr. Pell said she felt well. "
          "The actress returned to the clinic on Friday."), "The", "Nora Pell"),
    ],
)
def test_a_later_reference_takes_part_in_its_event(nlp, text, sentence_start, actor):
    later = [actors for start, actors in actors_by_sentence(nlp, text) if start == sentence_start]
    assert later and actor in later[-1], actors_by_sentence(nlp, text)


@pytest.mark.parametrize(
    ("text", "sentence_start", "not_actor"),
    [
        # a role noun never links by itself: "the man" was not introduced as anyone
        ("Maria Lopez opened the clinic on Monday. The man left on Thursday.", "The", "Maria Lopez"),
        # "he" does not reach a woman the text marks as one
        ("Mrs Maria Lopez opened the clinic on Monday. He left on Thursday.", "He", "Maria Lopez"),
        # the "it" of "it was the first" stands for nothing
        ("Harbour Foods International cut prices on Monday. It was the first cut since 2019.", "It",
         "Harbour Foods International"),
        # "his aide" is the aide's doing, not his
        ("Tomas Berg was elected in 2019. His aide resigned on Tuesday.", "His", "Tomas Berg"),
        # a reflexive is its own clause's subject: the probe, not the agency named before
        ("On Monday the Harwick Space Agency lost contact. The probe switched itself off on Tuesday.", "The",
         "Harwick Space Agency"),
        # too far back: a pronoun reaches two sentences at most
        (("Maria Lopez opened the clinic on Monday. The roof leaked. Rain fell all week. Patients waited. "
          "She left on Thursday."), "She", "Maria Lopez"),
        # a word for who someone is with two people in reach, named as often: open
        ("Nora Pell and Lukas Ferro left on Monday. The actress returned on Friday.", "The", "Nora Pell"),
        # ... and a word without gender stays open even for the one named far more often
        (("Mr Ivo Sarr arrived on Monday. Lukas Ferro met Sarr. Sarr spoke. Sarr left. The singer said on "
          "Friday that he had enjoyed the visit."), "The", "Ivo Sarr"),
        # a nationality among several people in reach, none introduced with it: open
        ("Max Lind beat John Harris on Sunday. The Brazilian won again on Wednesday.", "The", "Max Lind"),
        # a nationality as an adjective is no one
        ("Ivo Sarr joined Vantor in 2019. The American carmaker cut prices on Wednesday.", "The", "Ivo Sarr"),
        # a man is no actress
        ("Mr Lukas Ferro left on Monday. The actress returned on Friday.", "The", "Lukas Ferro"),
        # a role in the happening is not who someone is: "the victim" is not the named suspect
        ("Lukas Ferro was charged on Monday. The victim was named on Tuesday.", "The", "Lukas Ferro"),
    ],
)
def test_references_link_only_where_the_text_supports_them(nlp, text, sentence_start, not_actor):
    for start, actors in actors_by_sentence(nlp, text):
        if start == sentence_start:
            assert not_actor not in actors


@pytest.mark.parametrize(
    ("text", "sentence_start", "actor", "not_actor"),
    [
        # an object pronoun is not the subject of its own verb
        ("Theo Epstein built the team in 2007. Club owner Tom Ricketts hired him in 2011.", "Club", "Theo Epstein",
         None),
        # a city doing what a team does is the team the article named by that city
        ("The Dublin Rovers lost the final on Wednesday. Dublin had won it in 1994.", "Dublin", "Dublin Rovers",
         None),
        # a city as a place stays a place
        ("The Dublin Rovers lost the final on Wednesday. Fans in Dublin cheered the news on Thursday.", "Fans",
         None, "Dublin Rovers"),
    ],
)
def test_pronoun_binding_and_teams_named_by_their_city(nlp, text, sentence_start, actor, not_actor):
    later = [actors for start, actors in actors_by_sentence(nlp, text) if start == sentence_start]
    assert later, actors_by_sentence(nlp, text)
    if actor:
        assert actor in later[-1], later
    if not_actor:
        assert not_actor not in later[-1], later


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the attribution before the quotation, and a quotation continued over paragraphs (no closing mark)
        (('Chief Constable Jane Harlow said last night: "We expect to be at the scene all night. '
         '"Tomorrow, we will decide how to lift the wreck.'), "Jane Harlow"),
        # the attribution after the quotation
        ('"We will be back next year," Anthony Rizzo said.', "Anthony Rizzo"),
        # a pronoun speaker is the person it refers to
        ('Robin Smith spoke at the scene. He said: "Tomorrow we will reopen the line."', "Robin Smith"),
    ],
)
def test_first_person_words_in_a_quotation_are_its_speakers(text, speaker):
    (event,) = [e for e in extract(text, PUBLISHED).events if "omorrow" in e.summary or "next year" in e.summary]
    assert speaker in event.actors


def test_an_unattributed_quotation_gives_its_we_to_no_one():
    text = 'Anthony Rizzo hit a home run. "We will be back next year."'
    (event,) = extract(text, PUBLISHED).events
    assert event.actors == ()


@pytest.mark.parametrize(
    ("text", "force"),
    [
        ("British Transport Police opened an inquiry. Police were called to the tram at 6.10am on Wednesday.",
         "British Transport Police"),
        ("Thames Valley Police opened an inquiry. The driver has been in police custody since Wednesday.",
         "Thames Valley Police"),
    ],
)
def test_a_bare_police_is_the_force_the_article_named(text, force):
    (event,) = [e for e in extract(text, PUBLISHED).events if "Wednesday" in e.sentence]
    assert force in event.actors


def test_police_without_a_named_force_is_no_one():
    (event,) = extract("Police were called to the tram at 6.10am on Wednesday.", PUBLISHED).events
    assert event.actors == ()



@pytest.mark.parametrize(
    ("text", "sentence_start", "actor"),
    [
        # a strike told without who holds it is the story's one union's
        ("The Dock Workers Union rejected the offer. Next week's national dock strike has been called off.",
         "Next", "Dock Workers Union"),
        # ... or whose verb's subject is the action or its ballot
        ("The Dock Workers Union rejected the offer. The ballot of 3,000 dockers closed on Friday.", "The",
         "Dock Workers Union"),
        # a union acts through its members
        ("The Dock Workers Union accepted the offer. Members will vote on the deal on Friday.", "Members",
         "Dock Workers Union"),
    ],
)
def test_industrial_action_is_the_unions(nlp, text, sentence_start, actor):
    later = [actors for start, actors in actors_by_sentence(nlp, text) if start == sentence_start]
    assert later and actor in later[0], actors_by_sentence(nlp, text)


def test_a_strike_is_no_union_of_states(nlp):
    text = "The European Union named a new envoy. A strike on Friday closed the port."
    assert actors_by_sentence(nlp, text)[-1] == ("A", set())


def test_he_in_what_someone_says_is_the_one_who_says_it(nlp):
    # "Tull, who met Osei on Tuesday, said he would ...": the speaker, though another person is named nearer
    text = ("Mr John Harris met the board on Monday. Local MP Graham Tull, who met Harris on Tuesday, said he "
            "would raise the matter in Parliament next week.")
    raised = [e for e in extract(text, PUBLISHED, nlp=nlp).events if e.trigger == "raise"]
    assert [set(e.actors) - {"Parliament"} for e in raised] == [{"Graham Tull"}]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (("The Dock Workers Union and Harbour Operators met on Monday. The union rejected the offer. Harbour "
          "Operators said talks would go on. The Workplace Conciliation Service offered to host talks. Both "
          "sides said on Tuesday that they would accept the offer."), {"Dock Workers Union", "Harbour Operators"}),
        ("Acme Foods and Bell Brands agreed terms in January. The two companies signed the deal on Monday.",
         {"Acme Foods", "Bell Brands"}),
        # talks that name no party are between the two the article names most
        (("The Dock Workers Union rejected the offer from Harbour Operators. The union wants 6%. Harbour "
          "Operators said the offer was final. The talks began on Tuesday morning."),
         {"Dock Workers Union", "Harbour Operators"}),
    ],
)
def test_both_sides_are_the_two_the_article_names_most(nlp, text, pair):
    last = extract(text, PUBLISHED, nlp=nlp).events[-1]
    assert set(last.actors) == pair


def test_talks_with_a_party_named_are_its_own(nlp):
    text = ("The Dock Workers Union rejected the offer from Harbour Operators. The union wants 6%. Harbour "
            "Operators said the offer was final. Talks with the Workplace Conciliation Service began on Monday.")
    last = extract(text, PUBLISHED, nlp=nlp).events[-1]
    assert set(last.actors) == {"Workplace Conciliation Service"}


def test_two_of_a_kind_are_nobody_when_no_two_stand_out(nlp):
    # three companies named once each: which two "the two companies" are is open
    text = ("Acme Foods, Bell Brands and Corra Motors bid in January. The two companies signed a deal on Monday.")
    last = extract(text, PUBLISHED, nlp=nlp).events[-1]
    assert last.actors == ()


@pytest.mark.parametrize(
    ("text", "sentence_start", "actor"),
    [
        # the first word of a longer body's name, used alone
        ("Harlow Health Trust said on Wednesday it had been attacked. Harlow restored its systems on Thursday.",
         "Harlow", "Harlow Health Trust"),
        ("The Canterra Space Agency launched a rocket on Monday. Canterra launched a second one on Friday.",
         "Canterra", "Canterra Space Agency"),
        # a joining word after the name's own first words
        ("The Fenwick Museum of Art reopened on Monday. Fenwick sold two paintings on Friday.", "Fenwick",
         "Fenwick Museum of Art"),
    ],
)
def test_a_longer_bodys_first_word_is_its_short_name(nlp, text, sentence_start, actor):
    assert any(start == sentence_start and actor in actors for start, actors in actors_by_sentence(nlp, text))


def test_a_first_word_many_bodies_share_is_no_short_name(nlp):
    from services.extraction.actors import resolve_actors

    doc = nlp("The National Flood Agency said on Monday the river had peaked. National won the cup on Tuesday.")
    national = [t.i for t in doc if t.text == "National"][-1]
    assert resolve_actors(doc).token_actor.get(national) != "National Flood Agency"


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Foods cut prices last month. On Friday, it emerged that the chain had lost 300 staff.",
        "Harbour Foods cut prices last month. It was reported on Friday that the chain had lost 300 staff.",
    ],
)
def test_an_it_that_stands_for_the_clause_after_it_is_no_company(nlp, text):
    (friday,) = [actors for start, actors in actors_by_sentence(nlp, text) if start in {"On", "It"}]
    assert "Harbour Foods" not in friday
