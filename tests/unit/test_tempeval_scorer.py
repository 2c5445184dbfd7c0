"""The TempEval-3 Task A scorer on small inline TimeML documents."""

from types import SimpleNamespace

import pytest

from services.extraction.evaluation.tempeval import parse_tml, score_document, summarise, to_timeml

GOLD = """<?xml version="1.0" ?>
<TimeML>
<DOCID>doc1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" temporalFunction="false" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
The flu season started about <TIMEX3 tid="t1" type="DURATION" value="P1M">a month</TIMEX3> earlier &amp; deaths were
reported in <TIMEX3 tid="t2" type="DATE" value="2013-W11">the last week</TIMEX3>, said Dr. Jhung
<TIMEX3 tid="t3" type="DATE" value="2013-03-22">Friday</TIMEX3>. Roughly 100 children die <TIMEX3 tid="t4" type="SET" value="P1Y">each year</TIMEX3>.
</TEXT>
</TimeML>
"""


def _sys(doc, spans):
    out = []
    for text, typ, value in spans:
        start = doc.text.index(text)
        out.append(SimpleNamespace(start=start, end=start + len(text), type=typ, value=value))
    return out


def test_parse_plain_text_offsets_and_dct():
    doc = parse_tml(GOLD, "doc1")
    assert doc.dct.isoformat() == "2013-03-22"
    assert "&amp;" not in doc.text and "earlier & deaths" in doc.text
    assert [t.text for t in doc.timexes] == ["a month", "the last week", "Friday", "each year"]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_scores():
    doc = parse_tml(GOLD, "doc1")
    system = _sys(
        doc,
        [
            ("about a month earlier", "DATE", "XXXX-XX"),  # relaxed only, wrong value
            ("the last week", "DATE", "2013-W11"),  # strict, right value
            ("Friday", "DATE", "2013-03-15"),  # strict, wrong value
            ("Roughly", "DATE", "X"),  # spurious
        ],
    )
    sc = score_document(doc, system)
    assert (sc.gold, sc.system, sc.relaxed, sc.strict, sc.value) == (4, 4, 3, 2, 1)
    assert [g.text for g in sc.missed] == ["each year"]
    s = summarise([sc])
    assert s["relaxed_p"] == pytest.approx(75.0)
    assert s["relaxed_r"] == pytest.approx(75.0)
    assert s["strict_f1"] == pytest.approx(50.0)
    assert s["value_accuracy"] == pytest.approx(100 / 3)
    assert s["value_f1"] == pytest.approx(75.0 / 3)


def test_one_to_one_alignment():
    doc = parse_tml(GOLD, "doc1")
    # one system span overlapping two gold spans counts once
    text = doc.text
    a = text.index("the last week")
    b = text.index("Friday") + len("Friday")
    sc = score_document(doc, [SimpleNamespace(start=a, end=b, type="DATE", value="2013-W11")])
    assert sc.relaxed == 1 and sc.strict == 0


def test_round_trip_timeml():
    doc = parse_tml(GOLD, "doc1")
    tml = "<TimeML><TEXT>" + to_timeml(doc.text, doc.timexes) + "</TEXT></TimeML>"
    again = parse_tml(tml)
    assert again.text == doc.text
    assert [(t.start, t.end, t.value) for t in again.timexes] == [
        (t.start, t.end, t.value) for t in doc.timexes
    ]


def test_alignment_takes_first_overlapping_system_timex():
    # as the TE3 normaliser: gold "15:00 GMT Saturday" aligns with the first system span "15:00"
    src = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">x</TIMEX3>'
        '</DCT><TEXT>Kick-off is at <TIMEX3 tid="t1" type="TIME" value="2013-03-23T15:00">15:00 GMT Saturday'
        "</TIMEX3>.</TEXT></TimeML>"
    )
    doc = parse_tml(src)
    system = _sys(doc, [("15:00", "TIME", "2013-03-22T15:00"), ("Saturday", "DATE", "2013-03-23")])
    sc = score_document(doc, system)
    assert (sc.relaxed, sc.type, sc.value) == (1, 1, 0)
    assert [doc.text[s.start : s.end] for s in sc.spurious] == ["Saturday"]
