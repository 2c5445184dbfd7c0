from datetime import date

import pytest

from services.store.cursor import InvalidCursor, TimelinePosition, decode_cursor, encode_cursor


@pytest.mark.parametrize("event_id", [1, 46, 57, 2**40, 2**63 - 1])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_cursors_round_trip(event_id, order):
    position = TimelinePosition(date(2020, 1, 17), event_id, order)
    assert decode_cursor(encode_cursor(position, "s3cret"), "s3cret") == position


@pytest.mark.parametrize("cursor", ["", "%%%", "Zm9vLmJhcg", "WyIyMDIwLTAxLTE3Iiw1NywiYXNjIl0u"])
def test_garbage_is_refused(cursor):
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, "s3cret")


def test_another_secret_or_an_edited_payload_is_refused():
    cursor = encode_cursor(TimelinePosition(date(2024, 6, 18), 7, "asc"), "s3cret")
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, "other")
    with pytest.raises(InvalidCursor):
        decode_cursor("X" + cursor[1:], "s3cret")
