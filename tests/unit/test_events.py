"""Events: one per clause with a temporal phrase; actors, status, trigger and summary from the clause."""

from datetime import date

import pytest

from services.extraction.casualties import INCIDENT_TRIGGERS
from services.extraction.pipeline import extract

PUBLISHED = date(2024, 6, 17)  # a Monday


def events_of(text, published=PUBLISHED):
    return extract(text, published).events


def only_event(text, published=PUBLISHED):
    events = events_of(text, published)
    assert len(events) == 1, [(e.date.value, e.summary) for e in events]
    return events[0]


def only_event_dated(text, value, actors):
    """The text's one event, checked for its date and for (at least) these actors."""
    event = only_event(text)
    assert event.date.value == value
    assert actors <= set(event.actors), event.actors
    return event


@pytest.mark.parametrize(
    ("text", "value", "actors", "status"),
    [
        ("The German chancellor met Emmanuel Macron in Paris in March 2023.", "2023-03",
         {"Emmanuel Macron", "France"}, "occurred"),
        ("Boris Johnson will travel to Tokyo on Wednesday.", "2024-06-19", {"Boris Johnson", "Japan"}, "planned"),
        ("Last month, US Defense Secretary Lloyd Austin told US lawmakers that the aid had arrived.", "2024-05",
         {"Lloyd Austin", "United States"}, "occurred"),
        ("Moscow last week hosted the foreign ministers of Brazil and India.", "2024-W24",
         {"Russia", "Brazil", "India"}, "occurred"),
        ("The White House announced the sanctions in 2019.", "2019", {"United States"}, "occurred"),
    ],
)
def test_one_event_per_dated_clause(text, value, actors, status):
    assert only_event_dated(text, value, actors).status == status


def test_a_time_phrase_between_a_happening_subject_and_its_verb_dates_the_happening():
    # the parser hangs "last week" on "ended"; it dates the resignation
    event = only_event("Ines Marr's resignation last week ended a 20-year career at the bank.")
    assert (event.trigger, event.date.value) == ("resignation", "2024-W24")
    assert "Ines Marr" in event.actors


def test_a_clause_without_a_temporal_phrase_gives_no_event():
    assert events_of("Angela Merkel met Emmanuel Macron in Paris to discuss trade.") == []


def test_a_duration_alone_is_not_a_date():
    assert events_of("Angela Merkel began a two-day visit to France.") == []


def test_a_list_of_dates_gives_one_event_per_date():
    events = events_of("The new treaty replaces agreements signed between Paris and Berlin in 1963, 1988 and 2019.")
    assert [e.date.value for e in events] == ["1963", "1988", "2019"]
    assert all({"France", "Germany"} <= set(e.actors) for e in events)


def test_reported_content_belongs_to_its_own_event_not_to_the_speaker():
    events = events_of("A Kremlin spokesman said last week that Angela Merkel had phoned Joe Biden.")
    spoken = [e for e in events if e.date.value == "2024-W24"]
    assert len(spoken) == 1
    assert spoken[0].actors == ("Russia",)
    assert spoken[0].trigger == "say"


def test_when_clause_and_main_clause_are_one_scene():
    event = only_event("When Angela Merkel visited China in 2010, she met Wen Jiabao.")
    assert event.date.value == "2010"
    assert {"Angela Merkel", "China", "Wen Jiabao"} <= set(event.actors)


def test_duration_anchored_on_a_dated_event_of_the_article():
    text = (
        "Leaders of forty countries attended a peace summit in Geneva on June 12. "
        "Vladimir Putin rejected the plan a day before the summit."
    )
    rejected = [e for e in events_of(text) if "Vladimir Putin" in e.actors]
    assert [e.date.value for e in rejected] == ["2024-06-11"]


def test_the_date_of_a_commemoration_is_not_a_happening():
    events = events_of("Kim Jong Un sent a message to Putin last week to mark Russia Day on June 12.")
    assert [e.date.value for e in events] == ["2024-W24"]


def test_evidence_sentence_and_offsets_point_into_the_cleaned_text():
    extraction = extract("The storm hit Tokyo.\n\nThe Japanese government met on Tuesday to respond.", PUBLISHED)
    (event,) = extraction.events
    start, end = event.offsets
    assert extraction.text[start:end] == event.sentence
    assert event.sentence == "The Japanese government met on Tuesday to respond."


def test_summary_is_short_and_readable():
    text = (
        "On Monday, the minister, who has held the post since a reshuffle that surprised many observers "
        "and prompted several resignations across the cabinet and the wider party, together with aides "
        "from three ministries and dozens of officials from regional governments in the north and south, "
        "announced a sweeping reform of the national health service and of the pension system."
    )
    (event,) = events_of(text)
    assert len(event.summary) <= 200
    assert event.summary[0].isupper()


def test_two_clauses_about_one_happening_give_one_event():
    text = (
        "Emmanuel Macron will visit Berlin on Tuesday. "
        "During the visit on Tuesday, Emmanuel Macron is expected to travel to Germany's parliament."
    )
    events = events_of(text)
    assert len(events) == 1, [(e.date.value, e.trigger, e.actors) for e in events]
    assert {"Emmanuel Macron", "Germany"} <= set(events[0].actors)


def test_a_weekday_governed_by_a_plan_lies_ahead():
    text = "The leaders will sign a treaty, an aide said, with the main ceremony scheduled for Wednesday."
    assert "2024-06-19" in {e.date.value for e in events_of(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The vote took place on May 2. The day after the vote, Luigi Rossi resigned.", "2024-05-03"),
        ("The summit was held in Rome on June 3. A week before the summit, Luigi Rossi visited Paris.", "2024-05-27"),
        ("Voters elected a parliament on Sunday. Two days after the election, Luigi Rossi resigned.", "2024-06-18"),
    ],
)
def test_offsets_from_an_event_of_the_article(text, value):
    dated = {e.date.value for e in events_of(text) if "Luigi Rossi" in e.actors}
    assert dated == {value}


@pytest.mark.parametrize(
    "text",
    [
        "There have been no fatalities on the line since 1959.",
        "Luigi Rossi did not visit Paris in 2019.",
        "Luigi Rossi never met Emmanuel Macron in 2019.",
    ],
)
def test_a_negated_clause_reports_no_happening(text):
    assert events_of(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Rovers had not won the league since 1994.", "1994"),
        ("Luigi Rossi has not visited Paris since 2019.", "2019"),
    ],
)
def test_a_verb_negated_over_since_tells_when_it_last_happened(text, value):
    (event,) = events_of(text)
    assert event.date.value == value and event.status == "occurred"
    assert f"since {value}" in event.summary  # the reader must see that it is the last time, not a denial


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        ("The wrecked carriage will be removed tomorrow at the earliest, British Transport Police said.",
         "2024-06-18", "British Transport Police"),
        ("The bridge collapsed on Saturday, according to the Daily Clarion.", "2024-06-15", "Daily Clarion"),
        ("Acme Corporation said the factory had closed in March.", "2024-03", "Acme Corporation"),
    ],
)
def test_the_source_of_an_undated_report_is_its_source_not_a_participant(text, value, source):
    event = only_event_dated(text, value, set())
    assert source in event.reported_by and source not in event.actors, (event.actors, event.reported_by)


# Who only reports a happening (an outlet, an agency, a reporter and the outlet they work for, who was told)
# is its source; what the report says happened, and who did it, takes part.
@pytest.mark.parametrize(
    ("text", "participants", "sources"),
    [
        ("Firefighters freed Owen Marsh from a burning car on Tuesday, the Valley Herald reported.",
         {"Owen Marsh"}, {"Valley Herald"}),
        ("Radio Nine's Hal Brody reports that the fire broke out on Tuesday at the Acme warehouse.",
         {"Acme"}, {"Radio Nine", "Hal Brody"}),
        ("Owen Marsh was freed from a burning car on Tuesday, according to the Lakeside Courier.",
         {"Owen Marsh"}, {"Lakeside Courier"}),
        ("Senator Ada Blake told the Morning Post that she met Governor Luis Ruiz on Tuesday.",
         {"Ada Blake", "Luis Ruiz"}, {"Morning Post"}),
        ("The ferry sank on Tuesday, officials told the Northern Courier.", set(), {"Northern Courier"}),
        ("Police confirmed that Owen Marsh and Nora Quill died on Tuesday.", {"Owen Marsh", "Nora Quill"}, set()),
        # the police force the report names made the arrest it does not say who made
        ("Two men were arrested on Saturday, according to Greater Manchester Police.",
         {"Greater Manchester Police"}, set()),
    ],
)
def test_who_only_reports_a_happening_is_its_source(text, participants, sources):
    event = only_event(text)
    assert set(event.actors) == participants and set(event.reported_by) == sources, (event.actors,
                                                                                     event.reported_by)


def test_a_dated_saying_is_the_speakers_own_event():
    event = only_event("Senator Ada Blake said on Tuesday that the plant would close.")
    assert event.trigger == "say" and "Ada Blake" in event.actors and not event.reported_by


def test_a_dated_report_keeps_its_source_to_itself():
    events = events_of("On Monday, the ministry said that Acme Corporation had closed the factory in March.")
    by_value = {e.date.value: e for e in events}
    assert "Acme Corporation" in by_value["2024-03"].actors
    assert not any("ministry" in name.lower() for name in by_value["2024-03"].actors)


CRASH_REPORT = (
    "A train derailed near Harwick on Wednesday, killing four people. "
    "Peter Holm, 57, was one of those injured. "
    "Lena Marsh, 19, died in the crash. "
    "The other victims were named as Tom Garrow and Ruth Ellery. "
    "Another passenger, Omar Baig, 21, said the train had been speeding. "
    "Helen Price, the mayor, visited the families. "
    'Martin Hale said: "It is really hurting his wife Ann."'
)


def test_the_people_an_undated_sentence_says_were_harmed_take_part_in_the_dated_incident():
    crash = next(e for e in events_of(CRASH_REPORT) if e.trigger == "derail")
    assert crash.date.value == "2024-06-12"
    harmed = {"Peter Holm", "Lena Marsh", "Tom Garrow", "Ruth Ellery", "Omar Baig"}
    assert harmed <= set(crash.actors), crash.actors
    assert not {"Helen Price", "Ann", "Martin Hale"} & set(crash.actors), crash.actors


def test_without_a_dated_incident_no_one_is_a_casualty():
    text = "Peter Holm, 57, was one of those injured. The council met on Monday to discuss the budget."
    assert all("Peter Holm" not in e.actors for e in events_of(text))


def test_an_embedded_post_is_a_dated_statement_of_its_author_about_what_it_names():
    text = ("Shoppers complained about the new jar. Nutella can you tell me why half the jar is missing from "
            "my pack? "
            "pic.twitter.com/Xy12AbCd9 -- Maya Rowe (@mayarowe7) October 29, 2016 "
            "@JoFinch Hi Jo, yes this is just our smaller jar. -- Nutella (@Nutella) October 31, 2016")
    events = {e.date.value: e for e in events_of(text, date(2016, 11, 8))}
    assert {"Maya Rowe", "Nutella"} <= set(events["2016-10-29"].actors), events["2016-10-29"]
    assert events["2016-10-29"].trigger == "post"
    assert events["2016-10-31"].actors[0] == "Nutella"
    assert events["2016-10-31"].summary.startswith("Nutella posted on October 31, 2016:")


@pytest.mark.parametrize(
    ("text", "value", "actors", "trigger"),
    [
        ("It was the first final to go to extra time since 1997, when Arsenal were beaten by Manchester United.",
         "1997", {"Arsenal", "Manchester United"}, "beat"),
        ("The rivalry turned bitter in 1985, when Coca-Cola changed its formula.", "1985", {"Coca-Cola"}, "change"),
    ],
)
def test_a_when_clause_on_a_date_tells_the_dated_happening(text, value, actors, trigger):
    event = only_event_dated(text, value, actors)
    assert event.trigger == trigger
    assert "when" in event.summary


def test_a_country_as_the_source_of_a_report_relays_what_others_did():
    event = only_event("Pyongyang sent 6,700 containers to Russia in March, South Korea's defence ministry said.")
    assert event.date.value == "2024-03"
    assert "South Korea" not in event.actors, event.actors


@pytest.mark.parametrize(
    ("text", "value", "trigger", "actors"),
    [
        ("Republicans criticised James Comey's Oct. 28 letter to Congress.", "2023-10-28", "letter",
         {"James Comey", "Congress"}),
        ("Donald Trump recalled the 2011 dinner where Barack Obama mocked him.", "2011", "dinner",
         {"Barack Obama", "Donald Trump"}),
    ],
)
def test_a_date_modifying_an_event_noun_dates_that_happening(text, value, trigger, actors):
    assert only_event_dated(text, value, actors).trigger == trigger


@pytest.mark.parametrize(
    ("text", "police"),
    [
        ("Metropolitan Police officers attended. A man was arrested on Sunday on suspicion of assault.",
         "Metropolitan Police"),
        ("British Transport Police said the driver, 42, was released on bail on Saturday.", "British Transport Police"),
        ("The New York Police Department confirmed the crash. The driver had been detained on Friday.",
         "New York Police Department"),
    ],
)
def test_an_agentless_passive_arrest_is_the_doing_of_the_police_the_article_names(text, police):
    (event,) = [e for e in events_of(text) if e.trigger in {"arrest", "release", "detain"}]
    assert police in event.actors


@pytest.mark.parametrize(
    "text",
    [
        "Metropolitan Police officers attended. A man was arrested by a shop worker on Sunday.",  # the agent is named
        "Metropolitan Police officers attended. The results were released on Sunday.",  # not a release on bail
    ],
)
def test_an_arrest_with_its_agent_or_another_release_is_not_the_polices(text):
    assert all("Metropolitan Police" not in e.actors for e in events_of(text) if "Sunday" in e.sentence)


@pytest.mark.parametrize(
    ("text", "origin", "actors"),
    [
        ("A 42-year-old man from Dunmore was arrested on Wednesday.", "Dunmore", set()),
        ("The driver, 42, from Dunmore, has been released on bail until March.", "Dunmore", set()),
        ("Sam Ortiz, who is also from Harwick, said he boarded the train on 31 October.", "Harwick",
         {"Sam Ortiz"}),
    ],
)
def test_where_a_person_comes_from_takes_no_part(text, origin, actors):
    event = only_event(text)
    assert origin not in event.actors and actors <= set(event.actors)


def test_a_place_something_leaves_from_still_takes_part():
    assert {"France", "Italy"} <= set(only_event("The flight from Paris landed in Rome on Monday.").actors)


@pytest.mark.parametrize(
    ("text", "value", "actors", "trigger"),
    [
        (("THE EMAIL CONTROVERSY January 13, 2009: Jane Doe sets up the domain February 2, 2009: Jane Doe is sworn "
         "in as Secretary of State."), "2009-02-02", {"Jane Doe"}, "swear"),
        ("August 4, 2015: The Washington Post reveals the FBI has begun an inquiry.", "2015-08-04",
         {"Washington Post"}, "reveal"),
    ],
)
def test_a_timeline_entry_dates_the_clause_after_its_colon(text, value, actors, trigger):
    (event,) = [e for e in events_of(text) if e.date.value == value]
    assert actors <= set(event.actors) and event.trigger == trigger
    assert event.sentence.startswith(event.sentence.split(":")[0]) and ":" in event.sentence


@pytest.mark.parametrize(
    ("text", "harmed", "not_harmed"),
    [
        (("A train derailed in Harwick on Wednesday. Builder Tom De Luca spoke. Mr De Luca, 31, treated for back strains, "
         "said it was horrific."), "Tom De Luca", None),
        ("A bus crashed in Leeds on Wednesday. Anna Berg was treated in hospital for cuts.", "Anna Berg", None),
        ("A bus crashed in Leeds on Wednesday. Dr Paul Lee treated the passengers for cuts.", None, "Paul Lee"),
    ],
)
def test_the_treated_took_part_in_the_dated_incident(text, harmed, not_harmed):
    (incident,) = [e for e in events_of(text) if e.trigger in {"derail", "crash"}]
    assert harmed is None or harmed in incident.actors
    assert not_harmed is None or not_harmed not in incident.actors


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a date in an apposition or after "of" says who someone is, not when the clause happened
        ("Maria Olsen, one of the best-known painters of the 1960s, died at home on Friday.", "2024-06-14"),
        ("Tom Reyes, the mayor since 2015, opened the new library on Tuesday.", "2024-06-11"),
        ("Ana Petrova, a sprinter of the 1990s, retired from coaching last month.", "2024-05"),
        ("The 1960s film star Maria Olsen died at home on Friday.", "2024-06-14"),
        # a time after "of", and a date at the end of a place's apposition, still date the clause
        ("Rebels raided the depot in the first hours of Friday.", "2024-06-14"),
        ("A girl fell into a well in Linton, a village in Kent on Sunday morning.", "2024-06-16TMO"),
    ],
)
def test_a_date_that_describes_someone_does_not_date_the_clause(text, value):
    assert [e.date.value for e in events_of(text)] == [value]


def test_an_undated_clause_with_a_descriptive_date_gives_no_event():
    assert events_of("Maria Olsen, one of the best-known painters of the 1960s, died peacefully at home.") == []


def test_an_article_is_dated_against_its_own_earlier_date_line():
    events = events_of("Singer dies at 80\nJune 6, 2022\nThe singer died at home on Thursday.", date(2022, 6, 14))
    assert [e.date.value for e in events if "at home" in e.sentence] == ["2022-06-02"]  # not 2022-06-09


@pytest.mark.parametrize(
    ("headline", "trigger", "actors"),
    [
        # a title-case headline's verb the tagger takes for a name keeps its lemma, and ends the name; the
        # words for the person before it are no actor (the headline dated by itself: the stamp line above it
        # is a sentence of its own)
        ("Female Clerk Dana Whitlock Kills Two Tuesday In Depot Shooting", "kill", ("Dana Whitlock",)),
    ],
)
def test_a_title_case_headline_verb_is_lemmatised(headline, trigger, actors):
    text = f"9/4/2024 @ 2: 10PM\n{headline}\nPolice said the shooting happened on Tuesday night."
    events = [e for e in events_of(text, date(2024, 9, 4)) if headline.split(" In ")[0] in e.sentence]
    assert [(e.trigger, e.actors) for e in events] == [(trigger, actors)], events


@pytest.mark.parametrize(
    "tail",
    [
        "were yesterday also named among the five killed.",  # the parse hangs the clause on a name
        "were yesterday both named as among the five killed.",  # ... or on its date
    ],
)
def test_a_clause_the_parser_hangs_on_a_name_or_date_takes_its_verb_as_trigger(tail):
    text = ("A bus overturned in Elmford on Monday. Mother-of-three Jana Kowalczyk, 41, and grandfather Peter "
            f"Osei, 66, {tail}")
    named = [e for e in events_of(text, date(2024, 6, 12)) if e.date.value == "2024-06-11"]
    assert [(e.trigger, set(e.actors)) for e in named] == [("name", {"Jana Kowalczyk", "Peter Osei"})], named


@pytest.mark.parametrize(
    "text",
    [
        "The old harbour was busier than ever in 1971.",  # being: a state
        "Nov. 4, 2019",  # a date alone
        "Please keep away from the bridge on Friday.",  # a request
        '"Fans are prone to tears on nights like tonight," the coach said.',  # a noun of time
        "The old stadium had a glass roof in 1971.",  # having: a state
        "So that the fans could see their club in a final in 1962.",  # what could happen
        "Residents must register to vote by 30 June.",  # what must happen
        "Firefighters tackle the blaze at a Harwick warehouse on Sunday.",  # a caption, told in the present
        "Supporters wave flags outside the town hall on Saturday.",
        "The 2019 squad will be known for its defence.",  # what people hold true
        '"Congratulations to the 2016 Harwick Rovers," the mayor wrote.',  # a year naming a season's side
    ],
)
def test_a_clause_that_tells_no_happening_gives_no_event(text):
    assert events_of(text) == [], [(e.date.value, e.trigger, e.summary) for e in events_of(text)]


@pytest.mark.parametrize(
    ("text", "value", "trigger"),
    [
        ("The funeral will be on Friday.", "2024-06-21", "funeral"),  # a happening that is: its noun
        ("Their heaviest defeat came two years ago against Harwick.", "2022", "defeat"),  # a noun placed in time
        ("The first strike came on Monday at the port.", "2024-06-17", "strike"),
        ("Ms Okafor said she was on the ferry on 3 May.", "2024-05-03", "be"),  # being somewhere
        ("The mayor was in Rome on Tuesday when the bridge collapsed.", "2024-06-11", "collapse"),
        ("The council held a rally on Friday.", "2024-06-14", "rally"),
        ("Corvan Foods made an approach to its rival on Friday.", "2024-06-14", "approach"),  # a light verb's object
        ("The engineer gave evidence to the inquiry on Friday.", "2024-06-14", "evidence"),
        ("March 3, 2021: The council approves the new harbour plan.", "2021-03-03", "approve"),  # an entry
        ("The rivalry between the two clubs dates from 1962.", "1962", "date"),  # when a state began
        ("The 2008 Olympics opened in Beijing.", "2008", "open"),  # a year naming a happening dates it
        ("Rovers lost the 2003 Harwick Championship Series to United.", "2003", "lose"),
    ],
)
def test_a_clause_that_tells_a_happening_is_triggered_by_it(text, value, trigger):
    (event,) = [e for e in events_of(text) if e.date.value == value]
    assert event.trigger == trigger, (event.trigger, event.summary)


@pytest.mark.parametrize(
    ("lemma", "happening"),
    [("vote", True), ("nomination", True), ("announcement", True), ("silence", True), ("tram", False),
     ("night", False), ("frustration", False), ("station", False), ("champion", False)],
)
def test_a_noun_names_a_happening_when_listed_or_a_verbs_noun(lemma, happening):
    from services.extraction.event_nouns import is_happening_noun

    assert is_happening_noun(lemma) is happening


def _incident_actors(text, published=PUBLISHED):
    """Each dated incident's day and trigger -> its actors."""
    return {(e.date.value, e.trigger): set(e.actors) for e in events_of(text, published)}


@pytest.mark.parametrize(
    ("text", "incident", "harmed", "not_harmed"),
    [
        # the one incident: the named dead join it, in undated and in dated sentences that name it
        (("A ferry capsized off Tarn Point on Friday, killing six passengers. "
         "Police on Saturday named Ada Roos and Bo Lind as victims of Friday's sinking. "
         "Edda Varn, 40, was also named yesterday among those killed in the sinking."),
         ("2024-06-14", "capsize"), {"Ada Roos", "Bo Lind", "Edda Varn"}, set()),
        # two incidents: "in the crash" is the one the bus had, "Thursday's blast" the other; a bare
        # "among those killed" could be either and joins neither
        (("A bus overturned near Orlan on Saturday, killing three people. "
         "A bomb exploded at a bakery in Brisk on Thursday, injuring two. "
         "Kai Moro died in the crash. Peter Benn was among those killed. Rhea Tamm was hurt in Thursday's blast."),
         ("2024-06-15", "overturn"), {"Kai Moro"}, {"Peter Benn", "Rhea Tamm"}),
        # a victim of an earlier accident, told as background, is no casualty of this one
        (("A coach crashed into a wall on Kell Street on Tuesday, injuring four. "
         "Residents said the road was dangerous. Ivo Brandt was killed in an earlier crash at the junction. "
         "Nora Quill died in the 2019 crash at the same spot. Sven Oja was among the injured."),
         ("2024-06-11", "crash"), {"Sven Oja"}, {"Ivo Brandt", "Nora Quill"}),
        # a near miss where no one was hurt is not where the dead died
        (("A tram almost derailed at the bend last month, but no one was hurt. "
         "A tram derailed there on Wednesday, killing two. Otto Reim died in the crash."),
         ("2024-06-12", "derail"), {"Otto Reim"}, set()),
    ],
)
def test_the_harmed_join_the_incident_the_text_ties_them_to(text, incident, harmed, not_harmed):
    by_incident = _incident_actors(text)
    assert harmed <= by_incident[incident], by_incident
    assert not not_harmed & by_incident[incident], by_incident


def test_a_victim_no_link_ties_to_one_of_two_incidents_joins_neither():
    text = ("A bus overturned near Orlan on Saturday, killing three people. "
            "A bomb exploded at a bakery in Brisk on Thursday, injuring two. "
            "Peter Benn was among those killed. Rhea Tamm was hurt in Thursday's blast.")
    incidents = {key: actors for key, actors in _incident_actors(text).items() if key[1] in INCIDENT_TRIGGERS}
    assert not any("Peter Benn" in actors for actors in incidents.values()), incidents
    assert {day for (day, _), actors in incidents.items() if "Rhea Tamm" in actors} == {"2024-06-13"}, incidents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "since DATE" after a ranked noun tells when the last one of its kind was, not a happening of the clause
        ("Harwick United became the first club since 1974 to lose a cup final on penalties.", []),
        ("Inflation fell to its lowest rate since 2013 in April.", [("2024-04", "fall")]),
        ("The gale was the strongest storm since 1990.", []),
        ("Lena Voss is the only woman to win the race twice since 2005.", []),
        # ... but a possessed happening ranked since a date was its owner's last one
        ("Anna Berg made her first trip to Oslo since 2015.", [("2015", "trip")]),
        # a ranked noun "in" a year is that year's
        ("It was the worst flood in 1998.", [("1998", "flood")]),
        # a "with ..." or "without ..." phrase after the subject says what it has or lacks
        ("The Elm Street bakery, without a new owner since 2019, closed on Friday.", [("2024-06-14", "close")]),
        ("The Valley Rangers, with a new manager since March, beat Kingsford on Sunday.", [("2024-06-16", "beat")]),
        ("The Harbour Club, without a win since April, drew with Elmford on Saturday.", [("2024-06-15", "draw")]),
        # "with" a happening of its own keeps that happening's date
        ("The Valley Rangers, with a late goal on Sunday, reached the final.", [("2024-06-16", "goal")]),
        # an affirmative perfect over "since DATE" tells what happened in the years since
        ("The Harbour Club has won four trophies since 2012.", []),
        ("Rents have risen sharply since 2009.", []),
        ("The firm has opened nine stores since 2018, including one in Leeds in May.", [("2024-05", "open")]),
        # a lasting state begun then is dated by its start; a negated one by the last time
        ("Ana Ruiz has lived in Lisbon since 2010.", [("2010", "live")]),
        ("Tomas Lind has led the Harbour Party since 2015.", [("2015", "lead")]),
        ("Tobias Greer has run Vantor Europe since 2020.", [("2020", "run")]),
        ("Dana Okoro has coached the national team since 2021.", [("2021", "coach")]),
        ("Ana Ruiz has not sung in public since 2010.", [("2010", "sing")]),
    ],
)
def test_a_date_that_ranks_describes_or_opens_a_period_dates_no_happening_of_the_clause(text, expected):
    assert [(e.date.value, e.trigger) for e in events_of(text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "actors", "not_actor"),
    [
        # told since the date or in the present, the clause a "DATE, when ..." hangs on is not at that time
        (("Harwick Town are the first club since 2011, when Kingsford Athletic beat Elmford City, to lose a final "
          "at home."), "2011", {"Kingsford Athletic", "Elmford City"}, "Harwick Town"),
        ("Harwick Town fans still talk about 2011, when Kingsford Athletic beat Elmford City.", "2011",
         {"Kingsford Athletic", "Elmford City"}, "Harwick Town"),
        # in the past, or over a period that includes the date, it is one scene
        ("Anna Berg joined the party in 2009, when Tomas Lind led it.", "2009", {"Anna Berg", "Tomas Lind"}, None),
        ("Harwick Town have had several near misses, including 2012, when Kingsford Athletic beat them in a final.",
         "2012", {"Harwick Town", "Kingsford Athletic"}, None),
    ],
)
def test_a_when_clause_on_a_date_takes_the_main_clause_only_if_it_shares_the_time(text, value, actors, not_actor):
    event = only_event_dated(text, value, actors)
    assert not_actor not in event.actors
    assert "when" in event.summary


@pytest.mark.parametrize(
    ("text", "value", "trigger", "actors", "not_actor"),
    [
        # a prepositional date on a happening noun dates that happening, and only who the noun names takes part
        ("Analysts linked the slump to Maria Lopez's resignation in March.", "2024-03", "resignation",
         {"Maria Lopez"}, None),
        ("Critics of Elmford City blamed the jinx for mishaps such as a dramatic collapse in 1979.", "1979",
         "collapse", set(), "Elmford City"),
        ("Mishaps such as a collapse in 1979 and a missed penalty by Tom Reyes were blamed on the jinx.", "1979",
         "collapse", set(), "Tom Reyes"),
        # a subject's happening is what the clause tells, with the clause's actors
        ("The strike on Monday angered Maria Lopez.", "2024-06-17", "strike", {"Maria Lopez"}, None),
        # ... and so is a happening just before the clause's, or one that holds it
        ("Maria Lopez posed for photographers after a meeting on Monday.", "2024-06-17", "meeting",
         {"Maria Lopez"}, None),
        ("Tomas Lind was injured during a raid on Friday.", "2024-06-14", "raid", {"Tomas Lind"}, None),
    ],
)
def test_a_happening_noun_with_a_prepositional_date_is_the_event(text, value, trigger, actors, not_actor):
    event = only_event_dated(text, value, actors)
    assert event.trigger == trigger
    assert not_actor not in event.actors


@pytest.mark.parametrize(
    ("text", "taking_part", "not_taking_part"),
    [
        ("Dan Kerr's assistant, Jonas Ek, also left the club on Sunday.", "Jonas Ek", "Dan Kerr"),
        ("Ana Ruiz's driver crashed the car on Sunday.", None, "Ana Ruiz"),
    ],
)
def test_whose_helper_or_relative_it_was_takes_no_part(text, taking_part, not_taking_part):
    # "X's assistant" does something: the assistant does, not X (as with "X's widow", "X's spokesman")
    (event,) = events_of(text)
    assert not_taking_part not in event.actors
    assert taking_part is None or taking_part in event.actors



def test_as_soon_as_tells_one_scene_with_its_main_clause():
    # the dated clause names nobody; who acted at that moment is the main clause's
    text = ("Board director Helen Osei spoke to reporters. \"We told the health department as soon as the "
            "results came back on Sunday evening,\" Osei said.")
    (event,) = [e for e in events_of(text) if e.date.value.startswith("2024-06-16")]
    assert "Helen Osei" in event.actors
