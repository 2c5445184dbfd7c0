"""The fragment check of `annals eval actors`: a table of made-up names."""

import pytest

from services.extraction.evaluation.actors import fragment_reasons


@pytest.mark.parametrize(
    ("name", "is_fragment"),
    [
        ("RIVERS BURST BANKS", True),
        ("Maria Lopez AP", True),
        ("London Reuters", True),
        ("Above Harlow", True),
        ("Jane Harlow Previously", True),
        ("Voters Are Angry", True),
        ("Harlow (@janeh)", True),
        ("Jane Harlow", False),
        ("Bank of England", False),
        ("NATO", False),
        ("F.B.I.", False),
        ("Harbour Foods International", False),
        ("Trinidad and Tobago", False),
    ],
)
def test_headline_caption_and_credit_fragments_are_flagged(name, is_fragment):
    assert bool(fragment_reasons(name)) is is_fragment
