"""The ECB+ time-layer scorer: values compared on their date part, spans aligned as in TempEval-3."""

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from services.extraction.evaluation.timex_ecb import read_documents, same_value, value_key
from services.extraction.timex.commands import register


@pytest.mark.parametrize(
    ("gold", "system", "same"),
    [
        ("2013-05-02T20:08Z", "2013-05-02T16:08", True),  # a clock time converted to UTC: the date decides
        ("2013-05-02TMO", "2013-05-02", True),
        ("2013-05-3", "2013-05-03", True),  # unpadded day in the gold
        ("2013-05-03", "2013-05-04", False),
        ("2013-W18", "2013-W18", True),
        ("P3D", "P3W", False),
        ("PRESENT_REF", "PRESENT_REF", True),
        # a UTC time past midnight is the evening before where the text is local
        ("2012-07-08T03:04Z", "2012-07-07T22:04", True),  # 10:04 PM at UTC-5
        ("2009-12-6T00:28Z", "2009-12-05T19:28", True),  # unpadded day, UTC-5
        ("2012-07-08T01:59Z", "2012-07-07", True),  # the date alone: the instant's day in the Americas
        ("2012-07-08T03:04Z", "2012-07-06T22:04", False),  # no zone is 29 hours behind
        ("2012-07-08T03:04Z", "2012-07-07T22:05", False),  # no zone is off by a minute
        ("2012-07-08T03:04Z", "2012-07-05", False),
        ("194X", "194", True),  # TIMEX2's placeholder digits of a decade
        ("19XX", "19", True),  # ... and of a century
        ("194X", "195", False),
    ],
)
def test_same_value(gold, system, same):
    assert same_value(gold, system) is same


def test_now_is_the_publication_day():
    dct = date(2013, 5, 2)
    assert same_value("2013-05-02", "PRESENT_REF", dct)
    assert not same_value("2013-05-01", "PRESENT_REF", dct)
    assert not same_value("2013-05-02", "PRESENT_REF")  # without the day, PRESENT_REF is no date


def test_value_key_pads_months():
    assert value_key("2012-6") == "2012-06"


TEXT = "Storm hits coast\nThe storm reached the coast on Tuesday and left two days later.\nIt lasted 3 hours."


def _topic(tmp_path):
    start = TEXT.index("Tuesday")
    doc = {
        "id": "1_1ecbplus",
        "text": TEXT,
        "esc": {
            "dct": "2013-05-02T17:12Z",
            "timexes": [
                {"start": start, "end": start + 7, "tag": "TIME_DATE", "value": "2013-04-30"},
                {"start": None, "end": None, "tag": "TIME_DATE", "value": "2013-05"},  # implicit: not scored
            ],
        },
    }
    undated = {"id": "1_2ecb", "text": "No date here.", "esc": {"dct": None, "timexes": []}}
    (tmp_path / "topic_01.json").write_text(json.dumps({"documents": [doc, undated]}), encoding="utf-8")
    return tmp_path


def test_read_documents_keeps_dated_documents_and_spanned_timexes(tmp_path):
    docs = read_documents(_topic(tmp_path))
    assert [d.name for d in docs] == ["1_1ecbplus"]
    assert docs[0].dct.isoformat() == "2013-05-02"
    assert [(t.text, t.type, t.value) for t in docs[0].timexes] == [("Tuesday", "DATE", "2013-04-30")]


def test_eval_timex_ecb_command(tmp_path):
    app, eval_app = typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    register(app, eval_app)
    result = CliRunner().invoke(app, ["eval", "timex-ecb", str(_topic(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "gold timexes 1" in result.output
    assert "value accuracy 100.00" in result.output  # "Tuesday" before 2013-05-02 (a Thursday) is 04-30
