"""Summaries: each event told as a complete statement, with what was reported, without leftover marks."""

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from services.extraction.commands import register
from services.extraction.evaluation.summaries import (
    check_corpus,
    publication_date,
    read_corpus,
    summary_defects,
)
from services.extraction.pipeline import extract, extract_many
from services.extraction.summaries import MAX_SUMMARY_CHARS, shorten

PUBLISHED = date(2024, 6, 17)  # a Monday


def summary_dated(text, value):
    events = [e for e in extract(text, PUBLISHED).events if e.date.value == value]
    assert len(events) == 1, [(e.date.value, e.summary) for e in extract(text, PUBLISHED).events]
    return events[0].summary


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        # the reported content stays with the saying
        ("The minister said on Sunday that the bridge would reopen after repairs.", "2024-06-16",
         "The minister said on Sunday that the bridge would reopen after repairs."),
        ("Last month, the health secretary told MPs that the new wards had opened.", "2024-05",
         "Last month, the health secretary told MPs that the new wards had opened."),
        ('"We will rebuild the station," the mayor said on Tuesday.', "2024-06-11",
         '"We will rebuild the station," the mayor said on Tuesday.'),
        ("'It was the best day of my life,' the winner said on Sunday.", "2024-06-16",
         "'It was the best day of my life,' the winner said on Sunday."),
        ('The chief constable said on Monday: "Officers will stay at the scene for another day."', "2024-06-17",
         'The chief constable said on Monday: "Officers will stay at the scene for another day."'),
        # a quotation the sentence splitter cut from its closing mark is closed
        ('The coach said: "We played well on Saturday.', "2024-06-15",
         'The coach said: "We played well on Saturday."'),
        # reported content dated apart from the saying names who reported it
        ("The mayor said on Monday that the city had spent its budget and that more money would come in December.",
         "2024-12", "The mayor said that more money would come in December."),
        # one mark where a left-out aside stood, none between a subject and its verb
        ("On 3 March, only two days before the vote, the senator withdrew from the race.", "2024-03-03",
         "On 3 March, the senator withdrew from the race."),
        ("Maria Lopez (D), who chaired the committee for a decade, was at the hearing on Thursday.", "2024-06-13",
         "Maria Lopez (D) was at the hearing on Thursday."),
        ("The six-year-old, who had been playing near the river, fell into the water at around 4pm on Saturday.",
         "2024-06-15T16:00", "The six-year-old fell into the water at around 4pm on Saturday."),
        # no conjunction left hanging at the end
        ("The ferry left the harbour on Friday, but the storm forced it back.", "2024-06-14",
         "The ferry left the harbour on Friday"),
        # a relative clause told on its own loses its pronoun
        ("The governor, who resigned on Monday, had led the state for a decade.", "2024-06-17",
         "The governor resigned on Monday"),
        # a conjoined verb gets the subject (and auxiliary) it shares with the first
        ("The company cut 500 jobs in May and closed two factories in June.", "2024-06",
         "The company closed two factories in June."),
        ("The carriage was lifted by a crane and removed from the tracks on Friday morning.", "2024-06-14TMO",
         "The carriage was removed from the tracks on Friday morning."),
        # ... and the antecedent of a relative pronoun it shares
        (("After a tense evening in front of a crowd of forty thousand supporters and millions watching at home, "
         "the final went to an extra inning, which was delayed for rain and ended at almost midnight on Wednesday."),
         "2024-06-12T24:00", "An extra inning ended at almost midnight on Wednesday."),
        # what a piece of evidence showed is its content
        ("Paul Ryan said Tuesday's vote showed the party was united.", "2024-06-11",
         "Paul Ryan said Tuesday's vote showed the party was united."),
        # an embedded post's statement keeps its text
        ('Jane Doe posted on November 9, 2016: "Road closed near the station, please avoid the area".',
         "2016-11-09", 'Jane Doe posted on November 9, 2016: "Road closed near the station, please avoid the area"'),
        # a dependent clause with no main clause is told by its sentence
        ("If the bill had passed on Friday, the strike would have ended.", "2024-06-14",
         "If the bill had passed on Friday, the strike would have ended."),
        # a clause with no subject of its own is told by its sentence
        ("The club reached three finals in a row, winning the cup in 2019.", "2019",
         "The club reached three finals in a row, winning the cup in 2019."),
        # an infinitive with a subject only in its own subordinate clause is told with the verb it continues
        ("Lee said she did not want to make a hasty choice when the tour ended on June 2, the day her team lost.",
         "2024-06-02",
         "She did not want to make a hasty choice when the tour ended on June 2, the day her team lost."),
        # a participle opening a short sentence: the sentence, with what was said
        ("Attending the summit in Geneva on Monday, the minister said the talks had failed.", "2024-06-17",
         "Attending the summit in Geneva on Monday, the minister said the talks had failed."),
        # a long sentence lends its participle the verb and subject it continues
        (("It is still unclear whether the regional court will accept the transfer of the prisoner to the new "
          "clinic, whose address was not made public, the Harwick Courier reported, quoting his lawyer Ann Dee as "
          "saying on June 12 that the prosecutors had not agreed yet."), "2024-06-12",
         ("The Harwick Courier reported, quoting his lawyer Ann Dee as saying on June 12 that the prosecutors had "
         "not agreed yet.")),
        # a relative clause left out leaves no conjunction behind it at the end
        (("A jury on Tuesday convicted a man charged in a 2022 robbery at a Harwick jewellery shop that left a "
         "guard injured and two assistants shaken.\n\nThe sentencing is due next month."), "2024-06-11",
         "A jury on Tuesday convicted a man charged in a 2022 robbery at a Harwick jewellery shop"),
    ],
)
def test_summaries_are_complete_statements(text, value, expected):
    summary = summary_dated(text, value)
    assert summary == expected
    assert summary_defects(summary) == ()


def test_a_long_report_is_cut_at_a_clause_boundary_with_an_ellipsis():
    text = (
        "The prime minister told parliament on Wednesday that the government would publish its review of the "
        "national rail network, including detailed plans for new lines in the north, a timetable for "
        "electrification and a funding settlement for regional operators, within weeks."
    )
    summary = summary_dated(text, "2024-06-12")
    assert summary == (
        "The prime minister told parliament on Wednesday that the government would publish its review of the "
        "national rail network, including detailed plans for new lines in the north…"
    )
    assert summary_defects(summary) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("short enough", "Short enough"),
        # a word boundary when no clause boundary is near the limit; no dangling word before the ellipsis
        ("word " * 39 + "and the rest of it goes on", "Word" + " word" * 38 + "…"),
        # a quotation cut open is closed after the ellipsis
        ('"' + "quoted words " * 20 + 'end," she said', None),
    ],
)
def test_shorten(text, expected):
    short = shorten(text)
    assert len(short) <= MAX_SUMMARY_CHARS
    if expected is not None:
        assert short == expected
    assert short.count('"') % 2 == 0
    assert summary_defects(short) == ()


@pytest.mark.parametrize(
    ("summary", "defects"),
    [
        ("The minister opened the bridge on Monday.", ()),
        ("On 28 October,, the director sent a letter.", ("doubled punctuation",)),
        ("The governor (R),, was at the ceremony on Thursday.", ("doubled punctuation",)),
        ("The striker scored on Sunday, but", ("dangling end",)),
        ("The council met on Thursday and.", ("dangling end",)),
        ("The talks ended on Friday,", ("dangling end",)),
        ("The season is over.", ()),
        ("Police said: \".", ("dangling end", "unbalanced quotes or brackets")),
        ('She called it "a disgrace on Monday.', ("unbalanced quotes or brackets",)),
        ("The senator (D was re-elected in 2020.", ("unbalanced quotes or brackets",)),
        ("The ministry said on Sunday.", ("speech without content",)),
        ("Last month, the company announced.", ("speech without content",)),
        ("The coach told reporters on Saturday.", ("speech without content",)),
        ("The ministry said on Sunday that the border had reopened.", ()),
        ("The plan will fail, the minister said on Monday.", ()),
        ('"We will win," the captain said on Friday.', ()),
        ("The deal was confirmed on Tuesday.", ()),
        ("Play slideshow Getty Images 1 of 12 The team celebrates on Sunday.", ("boilerplate",)),
        ("x" * 201, ("too long",)),
        ("Than they were in 2019.", ("fragment",)),
        ("Which ended at midnight on Wednesday.", ("fragment",)),
        ("To win their first title in 1908.", ("fragment",)),
        ("If the minister resigns on Friday", ("fragment",)),
        ("If it rains on Sunday, the race will be cancelled.", ()),
        ("The mayor said on Monday he wrote to the council.", ()),
        ("The mayor said on Twitter last week.", ("speech without content",)),
        ("U.S. officials met at 10 a.m., then left.", ()),
        # an abbreviation's full stop before a comma, and adverbs spelled like conjunctions, end nothing early
        ("She flew to Newport Beach, Calif., on Thursday night.", ()),
        ("Prosecutors have not approved the deal yet.", ()),
        ("The talks ended at the time., the envoy left", ("doubled punctuation",)),
    ],
)
def test_defect_checker(summary, defects):
    assert summary_defects(summary) == defects


def _write_article(folder, name, **fields):
    (folder / f"{name}.json").write_text(json.dumps(fields), encoding="utf-8")


def test_corpus_articles_are_read_with_their_publication_dates(tmp_path):
    _write_article(tmp_path, "b", title="T", text="The mayor resigned on Monday.", date_publish="2024-06-17 00:00:00")
    _write_article(tmp_path, "a", title="T", text="Fans celebrated on Sunday.", date_publish="None",
                   url="https://news.example/sport/2024/06/17/fans-celebrate.html")
    assert list(read_corpus(tmp_path)) == [
        ("a", "Fans celebrated on Sunday.", date(2024, 6, 17)),
        ("b", "The mayor resigned on Monday.", date(2024, 6, 17)),
    ]
    assert publication_date({"date_publish": "None", "url": "https://news.example/story"}) is None


@pytest.fixture
def one_article_corpus(tmp_path):
    """One article with two dated events, one of them a saying whose content is missing."""
    _write_article(tmp_path, "a", text="The ministry said on Sunday. The mayor resigned on Monday.",
                   date_publish="2024-06-17 00:00:00")
    return tmp_path


def test_check_corpus_counts_events_and_defective_summaries(one_article_corpus):
    report = check_corpus(read_corpus(one_article_corpus), extract_many)
    assert report.articles == 1
    assert report.events == 2
    assert [(article, check.defects) for article, check in report.defective] == [("a", ("speech without content",))]
    assert report.share == 0.5


def test_eval_summaries_command_prints_counts_and_examples(one_article_corpus):
    app, eval_app = typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    register(app, eval_app)
    result = CliRunner().invoke(app, ["eval", "summaries", str(one_article_corpus)])
    assert result.exit_code == 0, result.output
    assert "1 articles, 2 events" in result.output
    assert "defective summaries: 1 (50.0%)" in result.output
    assert "[speech without content] a: The ministry said on Sunday." in result.output
