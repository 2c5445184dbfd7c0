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
        ("Police closed the road. -- Jane Doe (@janedoe) November 9, 2016 Trams stopped.",
         "Police closed the road. Trams stopped."),
        ("Stay away pic.twitter.com/AbC123 please.", "Stay away please."),
        ("Read it at https://example.com/story now.", "Read it at now."),
        ("Jane Smith/Getty Images 3/8 Emergency services arrived.", "Emergency services arrived."),
        ("The bridge (Photo: Reuters) reopened.", "The bridge reopened."),
    ],
)
def test_inline_furniture_is_removed(raw, expected):
    assert clean_text(raw) == expected


def test_caption_labels_are_removed_but_the_caption_stays():
    raw = "Image copyright Getty Images Image caption The minister spoke on Monday."
    assert clean_text(raw) == "The minister spoke on Monday."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SAO PAULO (AP) -- The driver failed to finish on Sunday.", "The driver failed to finish on Sunday."),
        ("The race ended. Copyright 2016 The Associated Press. All rights reserved.", "The race ended."),
    ],
)
def test_wire_datelines_and_copyright_notices_are_removed(raw, expected):
    assert clean_text(raw) == expected
