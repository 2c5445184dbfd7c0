"""Quoted words count from the day they were said, when the attribution gives it (timex/quotes.py)."""

from datetime import date

import pytest

from services.extraction.timex import tag_text

WED = date(2025, 3, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # the attribution before the quotation, with its day
        ('The ferryman said on March 3: "We saw the ice break this morning."', "this morning", "2025-03-03TMO"),
        ("A neighbour wrote on March 3: 'The river rose yesterday and we are worried.'", "yesterday", "2025-03-02"),
        # an embedded post, as cleaning writes it
        ('Ana Lind posted on March 9, 2025: "Our bakery reopens tomorrow!"', "tomorrow", "2025-03-10"),
        # the attribution after the quotation
        ('"The pumps will arrive tomorrow," the mayor told reporters on Monday.', "tomorrow", "2025-03-11"),
        ("\u201cWe lost power last night,\u201d a resident said on Sunday.", "last night", "2025-03-08TNI"),
        # a quotation said for the story (no dated attribution) keeps the publication date
        ('"We will reopen tomorrow," the manager said.', "tomorrow", "2025-03-13"),
        # a date outside any quotation still counts from the publication date
        ('The ferryman said on March 3: "We saw the ice break this morning." The inquiry opens tomorrow.',
         "tomorrow", "2025-03-13"),
    ],
)
def test_quoted_words_count_from_the_day_they_were_said(text, expression, value):
    found = {t.text: t.value for t in tag_text(text, WED)}
    assert found.get(expression) == value, found
