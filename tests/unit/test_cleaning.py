"""Cleaning: boilerplate lines never reach the NLP pipeline; typography is normalised."""

import pytest

from services.extraction.cleaning import clean_article, clean_text, is_boilerplate_line, normalise_typography


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("See also  Senator says she will vote for the budget", True),
        ("Read more: Floods hit the coast", True),
        ("Exclusive content", True),
        ("Latest article", True),
        ("Latest articles", True),
        ("More article", True),
        ("Advertisement", True),
        ("Share this article", True),
        ("Top Stories", True),
        ("The minister is set to make a rare visit to the capital...", True),
        ("The minister visited the capital on Monday.", False),
        ("Officials said they would see also other options.", False),
        ("", False),
    ],
)
def test_boilerplate_lines(line, expected):
    assert is_boilerplate_line(line) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cWe agree,\u201d she said.", '"We agree," she said.'),
        ("the prime minister\u2019s office", "the prime minister's office"),
        ("a\u00a0non-breaking space", "a non-breaking space"),
        ("He flew to Madrid.There he met the king.", "He flew to Madrid. There he met the king."),
        ("in September.The talks", "in September. The talks"),
        ("a trip to the capitalThere he spoke", "a trip to the capital. There he spoke"),
        ("last SeptemberThe leader arrived", "last September. The leader arrived"),
        ("Another day, the U.S. Army said", "Another day, the U.S. Army said"),
        ("McDonald and iPhone stay", "McDonald and iPhone stay"),
        # a closing quote a detokeniser glued to the next word goes back onto its quotation
        ('"The ruling is a false hope, "Marsh said on Friday.', '"The ruling is a false hope," Marsh said on Friday.'),
        ('"We lost $300, 000, "said the owner.', '"We lost $300, 000," said the owner.'),
        # ... but an opening quote after a comma stays, and so does one that opens a quotation's next sentence
        ('"Yes," he said, "we will."', '"Yes," he said, "we will."'),
        ('She said: "We stay all night. "Tomorrow, we decide.', 'She said: "We stay all night. "Tomorrow, we decide.'),
    ],
)
def test_normalise_typography(raw, expected):
    assert normalise_typography(raw) == expected


def test_clean_text_drops_boilerplate_and_keeps_paragraphs():
    raw = (
        "Top NewsMinister to visit the capital...\n\n"
        "The minister arrived   on Monday.\n"
        "See also  Storm closes schools\n"
        "\n"
        "Talks are planned for Tuesday.\n"
        "Exclusive content\n"
        "More article\n"
    )
    assert clean_text(raw) == "The minister arrived on Monday.\n\nTalks are planned for Tuesday."


def test_headlines_without_a_full_stop_get_one():
    assert clean_text("Minister to visit the capital\nThe minister arrived on Monday.") == (
        "Minister to visit the capital.\n\nThe minister arrived on Monday."
    )


def test_nav_label_glued_to_a_sentence_is_removed():
    assert clean_text("Top NewsThe minister arrived on Monday.") == "The minister arrived on Monday."


def test_html_goes_through_the_main_text_extractor():
    html = (
        "<html><head><title>t</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        "<article><h1>Minister visits the capital</h1>"
        "<p>The foreign minister arrived in the capital on Monday for two days of talks with officials "
        "about trade, energy and security, the ministry said in a statement.</p>"
        "<p>She is scheduled to meet the president on Tuesday before flying home on Wednesday evening, "
        "according to the published programme of the visit.</p></article>"
        "<footer>Copyright 2024 Example News</footer></body></html>"
    )
    text = clean_article(html)
    assert "arrived in the capital on Monday" in text
    assert "meet the president on Tuesday" in text
    assert "Copyright" not in text
    assert "<p>" not in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Stay away pic.twitter.com/AbC123 please.", "Stay away please."),
        ("Read it at https://example.com/story now.", "Read it at now."),
        ("Jane Smith/Getty Images 3/8 Emergency services arrived.", "Emergency services arrived."),
        ("The bridge (Photo: Reuters) reopened.", "The bridge reopened."),
    ],
)
def test_inline_furniture_is_removed(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a caption describes a picture: it goes with its label, up to its full stop ...
        ("Image copyright Getty Images Image caption The minister spoke on Monday. Talks resumed on Tuesday.",
         "Talks resumed on Tuesday."),
        # ... or up to the sentence glued to it
        ("Media caption The mayor speaks to reporters The council approved the plan on Tuesday.",
         "The council approved the plan on Tuesday."),
        # without a visible end only the label goes
        ("Media caption Protesters marched through the capital on Saturday", "Protesters marched through the capital on Saturday."),
    ],
)
def test_captions_are_removed_with_their_labels(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a caption runs from its picture's number to the next number; the last one up to its credit
        (("The match ended 2-2. Derby day in pictures 1/3 The mayor waves to the crowd Getty 2/3 Fans gather "
          "outside the ground on Sunday Reuters 3/3 A boy holds a scarf at the gate AP The club said on Monday "
          "it would appeal."), "The match ended 2-2. Derby day in pictures.\n\nThe club said on Monday it would appeal."),
        # a fraction or a date with no neighbour is prose
        ("On 9/11 the city fell silent. The motion passed 2/3 Members agreed.",
         "On 9/11 the city fell silent. The motion passed 2/3 Members agreed."),
    ],
)
def test_the_captions_of_a_picture_gallery_are_removed(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # gallery counters and credits split the captions from the story instead of joining them to it
        ("The bridge reopened. Play slideshow Getty Images for Unicef 1 of 25 The mayor cut the ribbon on Monday.",
         "The bridge reopened.\n\nThe mayor cut the ribbon on Monday."),
        ("The bridge reopened. Getty Images 14 Crowds gathered at the river Getty Images 14 The mayor spoke.",
         "The bridge reopened.\n\nCrowds gathered at the river.\n\nThe mayor spoke."),
        ("The plan passed. 1 of 12 Full Screen Autoplay Close Skip Ad x The mayor spoke on Tuesday.",
         "The plan passed.\n\nThe mayor spoke on Tuesday."),
        ("The mayor resigned. Jane Smith/The Daily Post Buy Photo Wait 1 second to continue. The council voted.",
         "The mayor resigned.\n\nThe council voted."),
        ("Image copyright Reuters The council approved the plan on Tuesday.", "The council approved the plan on Tuesday."),
        # player controls, share buttons, follow lines
        ("Skip Ad Ad Loading... x Embed x Share The council approved the plan on Tuesday.",
         "The council approved the plan on Tuesday."),
        (("The plan passed. Click to share on Facebook (Opens in new window) Click to share on Twitter "
         "(Opens in new window) The mayor spoke."), "The plan passed.\n\nThe mayor spoke."),
        (("The mayor spoke. Video Loading Video Unavailable Click to play Tap to play The video will start in 8 "
         "Cancel Play now The council voted."), "The mayor spoke.\n\nThe council voted."),
        ("The mayor spoke. Read or Share this story: http://short.example/abc", "The mayor spoke."),
        ("The mayor spoke. Follow Jane Doe on Twitter: @janedoe", "The mayor spoke."),
        ("Scroll down for video The council voted on Tuesday.", "The council voted on Tuesday."),
        # a teaser headline of another story with its link
        ("The mayor spoke on Monday. Council split over the new budget plan Read more The council voted on Tuesday.",
         "The mayor spoke on Monday.\n\nThe council voted on Tuesday."),
        # credits in brackets and caption datelines
        ("The council voted on Tuesday (Reuters) and the mayor resigned.",
         "The council voted on Tuesday and the mayor resigned."),
        ("The mayor resigned (AFP/Getty Images) on Tuesday.", "The mayor resigned on Tuesday."),
        ("Photo LONDON -- The council voted on Tuesday.", "The council voted on Tuesday."),
        # the names of agencies in prose stay
        ("The Associated Press reported the vote on Monday.", "The Associated Press reported the vote on Monday."),
        ("Reuters reported on Monday that 20 of 71 laps were completed.",
         "Reuters reported on Monday that 20 of 71 laps were completed."),
    ],
)
def test_page_furniture_glued_into_the_text_is_removed(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the emails --which number in the thousands -- this week", "the emails -- which number in the thousands -- this week"),
        ("He called it ``a disgrace'' on Monday.", 'He called it "a disgrace" on Monday.'),
    ],
)
def test_dashes_and_typewriter_quotes(raw, expected):
    assert normalise_typography(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SAO PAULO (AP) -- The driver failed to finish on Sunday.", "The driver failed to finish on Sunday."),
        ("SAN JOSE, Calif. (AP) — Quillon Systems said Thursday it would cut jobs.",
         "Quillon Systems said Thursday it would cut jobs."),
        ("KESTREL POINT (Science Desk Wire) — The agency called off the launch.", "The agency called off the launch."),
        ("NEW YORK, N.Y. -- Stocks fell on Monday.", "Stocks fell on Monday."),
        # a dash inside a sentence is no dateline
        ("The US -- and Canada -- agreed on Monday.", "The US -- and Canada -- agreed on Monday."),
        ("The race ended. Copyright 2016 The Associated Press. All rights reserved.", "The race ended."),
    ],
)
def test_wire_datelines_and_copyright_notices_are_removed(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "statement"),
    [
        # the post's text runs back over its last sentences, links and signature out
        (("The council met. Road closed near the station after a crash, please avoid the area pic.twitter.com/AbC123 -- "
         "Jane Doe (@janedoe) November 9, 2016 Trams stopped."),
         'Jane Doe posted on November 9, 2016: "Road closed near the station after a crash, please avoid the area".'),
        # a post right after another one starts where that one ended; a plain handle or tag is its word
        (("Fans were furious. Where are the hazelnuts @Nutella, this is a scandal and I want them back. "
         "-- Sam Lee (@samlee) November 8, 2016 Hi Sam, this is just our smaller jar. "
         "-- Nutella (@Nutella) November 9, 2016"),
         'Nutella posted on November 9, 2016: "Hi Sam, this is just our smaller jar.".'),
    ],
)
def test_an_embedded_post_becomes_its_authors_dated_statement(raw, statement):
    text = clean_text(raw)
    assert statement in text.split("\n\n"), text
    assert "(@" not in text and "pic.twitter" not in text


def test_a_post_keeps_its_text_and_the_prose_around_it_stays():
    text = clean_text("Fans were furious. Where are the hazelnuts @Nutella, this is a scandal and I want them "
                      "back. -- Sam Lee (@samlee) November 8, 2016 The company said costs had risen.")
    assert text.split("\n\n") == [
        "Fans were furious.",
        ('Sam Lee posted on November 8, 2016: "Where are the hazelnuts Nutella, this is a scandal and I want them '
        'back.".'),
        "The company said costs had risen.",
    ]


def test_a_signature_without_a_readable_name_is_dropped():
    text = clean_text("Stay safe everyone. -- #CountryOfKindness (@ladygaga) November 9, 2016 The polls closed.")
    assert "posted on" not in text and "@" not in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a timeline whose line breaks the scrape lost: each "DATE: " head opens an entry
        (("THE EMAIL CONTROVERSY January 13, 2009: An aide sets up the domain. The chief signs off on it "
         "February 2, 2009: Jane Doe takes office Fall 2014: Her lawyers delete emails they call 'personal' "
         "December 5, 2014: They hand over the rest."),
         ("THE EMAIL CONTROVERSY.\n\nJanuary 13, 2009: An aide sets up the domain. The chief signs off on it.\n\n"
         "February 2, 2009: Jane Doe takes office.\n\nFall 2014: Her lawyers delete emails they call 'personal'.\n\n"
         "December 5, 2014: They hand over the rest.")),
        # a date after a preposition or a speech verb is part of its sentence
        ('Lisa posted on November 8, 2016: "To many, it is bad."', 'Lisa posted on November 8, 2016: "To many, it is bad."'),
        ("He stayed until March 2015: the rest is history.", "He stayed until March 2015: the rest is history."),
    ],
)
def test_timeline_entries_run_together_are_split(raw, expected):
    assert clean_text(raw) == expected


def test_the_date_stamp_of_a_link_to_another_story_is_furniture():
    text = clean_text("The count went on. Floods in pictures Tue, March 7, 2017 Express Pictures looks back.")
    assert "November 30" not in text and "Floods in pictures" in text
    assert "on Wed, November 30, 2016" in clean_text("The vote was on Wed, November 30, 2016 in the hall.")
