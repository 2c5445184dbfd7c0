"""`annals timex` and `annals eval tempeval` on a fresh Typer app."""

import json

import typer
from typer.testing import CliRunner

from services.extraction.timex.commands import register

GOLD = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-06-17" functionInDocument="CREATION_TIME">June 17, 2024</TIMEX3></DCT>
<TEXT>
Putin met Kim on <TIMEX3 tid="t1" type="DATE" value="2024-06-11">Tuesday</TIMEX3> &amp; will return
<TIMEX3 tid="t2" type="DATE" value="2024-W26">next week</TIMEX3>.
</TEXT>
</TimeML>
"""


def _app():
    app = typer.Typer()
    eval_app = typer.Typer()
    app.add_typer(eval_app, name="eval")
    register(app, eval_app)
    return app


def test_timex_json_offsets_index_the_exact_input(tmp_path):
    text = "Line one.\r\nThey met on Tuesday.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(_app(), ["timex", str(path), "--dct", "2024-06-17"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out == [{"start": 23, "end": 30, "text": "Tuesday", "type": "DATE", "value": "2024-06-11"}]
    assert text[23:30] == "Tuesday"


def test_timex_timeml_from_stdin():
    result = CliRunner().invoke(
        _app(),
        ["timex", "-", "--dct", "2024-06-17", "--format", "timeml"],
        input="They met on Tuesday & left.",
    )
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == 'They met on <TIMEX3 tid="t1" type="DATE" value="2024-06-11">Tuesday</TIMEX3> &amp; left.'
    )


def test_eval_tempeval_runs_the_tagger_and_scores_a_system_dir(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "doc.tml").write_text(GOLD, encoding="utf-8")
    result = CliRunner().invoke(_app(), ["eval", "tempeval", str(gold), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "relaxed  P 100.00  R 100.00  F1 100.00" in result.output
    assert "value accuracy 100.00  value F1 100.00" in result.output
    result = CliRunner().invoke(_app(), ["eval", "tempeval", str(gold), "--system", str(gold)])
    assert result.exit_code == 0, result.output
    assert "strict   P 100.00  R 100.00  F1 100.00" in result.output
