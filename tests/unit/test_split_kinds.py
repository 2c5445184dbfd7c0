"""`annals eval timelines --why` classes an identity split by how the two stored names stand to each other,
without showing either name."""

import pytest

from services.evaluation.misses import SPLIT_KINDS, split_kind


@pytest.mark.parametrize(
    ("read", "others", "kind"),
    [
        (None, {"Harlow"}, 0),
        ("Harlow Health Trust", {"Harlow"}, 1),
        ("Okoro", {"Dana Okoro"}, 1),
        ("Dana Okoro", {"Okoro Dana"}, 2),
        ("Dana Okoro", {"Skyrail"}, 3),
        ("Harlow Air", {"Harlow Airways"}, 4),
        ("Dana Okoro", {"Ms Okoro"}, 5),
        ("Court of Sport", {"Board of Appeal"}, 6),
        ("Dana Okoro", {"Ms Okoro", "Okoro"}, 1),  # the closest relation counts
    ],
)
def test_split_kind(read, others, kind):
    assert split_kind(read, others) == SPLIT_KINDS[kind]
