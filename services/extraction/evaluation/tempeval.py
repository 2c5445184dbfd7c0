"""TempEval-3 Task A (temporal expressions) scoring on TimeML (.tml) files.

Figures follow the TE3 toolkit: the plain text of each document's <TEXT> (tags removed, entities
unescaped); the DCT is the TIMEX3 with functionInDocument="CREATION_TIME" and is never scored.
System and gold TIMEX3 are aligned one-to-one when their spans overlap (relaxed match); a strict
match is an aligned pair with identical spans once surrounding spaces are trimmed. P = matches /
system timexes, R = matches / gold timexes. Value accuracy = aligned pairs with the identical value
string / aligned pairs; value F1 = value accuracy x relaxed F1 (likewise type F1). Micro-averaged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_:]+)([^>]*?)(/?)>", re.DOTALL)
_ATTR = re.compile(
    r'([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"|([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*\'([^\']*)\''
)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""


@dataclass(slots=True)
class TmlDocument:
    name: str
    text: str
    dct: date | None
    dct_value: str
    timexes: list[GoldTimex] = field(default_factory=list)


def _attrs(raw: str) -> dict[str, str]:
    out = {}
    for m in _ATTR.finditer(raw):
        if m.group(1):
            out[m.group(1)] = html.unescape(m.group(2))
        else:
            out[m.group(3)] = html.unescape(m.group(4))
    return out


def _parse_date(value: str) -> date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_tml(source: str, name: str = "") -> TmlDocument:
    """Parse TimeML source: plain <TEXT> content, its TIMEX3 spans (excluding the DCT) and the DCT."""
    dct_value = ""
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", source):
        a = _attrs(m.group(1))
        if a.get("functionInDocument") == "CREATION_TIME":
            dct_value = a.get("value", "")
            break
    tm = re.search(r"<TEXT\b[^>]*>(.*?)</TEXT>", source, re.DOTALL)
    body = tm.group(1) if tm else ""
    parts: list[str] = []
    length = 0
    open_stack: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, tag, raw, selfclose = m.group(1), m.group(2), m.group(3), m.group(4)
        if tag != "TIMEX3" or selfclose:
            continue
        if not closing:
            open_stack.append((length, _attrs(raw)))
        elif open_stack:
            start, a = open_stack.pop()
            if a.get("functionInDocument") == "CREATION_TIME":
                continue
            timexes.append(
                GoldTimex(start, length, "", a.get("type", ""), a.get("value", ""), a.get("tid", ""))
            )
    chunk = html.unescape(body[pos:])
    parts.append(chunk)
    text = "".join(parts)
    timexes = [GoldTimex(t.start, t.end, text[t.start : t.end], t.type, t.value, t.tid) for t in timexes]
    timexes.sort(key=lambda t: (t.start, t.end))
    return TmlDocument(name=name, text=text, dct=_parse_date(dct_value), dct_value=dct_value, timexes=timexes)


def read_tml(path: Path) -> TmlDocument:
    return parse_tml(Path(path).read_text(encoding="utf-8"), name=Path(path).name)


def to_timeml(text: str, timexes) -> str:
    """The text with <TIMEX3> tags inserted (entities escaped); timexes need start/end/type/value."""
    out: list[str] = []
    pos = 0
    n = 0
    for t in sorted(timexes, key=lambda t: (t.start, t.end)):
        if t.start < pos:
            continue
        n += 1
        out.append(html.escape(text[pos : t.start], quote=False))
        out.append(
            f'<TIMEX3 tid="t{n}" type="{t.type}" value="{html.escape(t.value)}">'
            f"{html.escape(text[t.start : t.end], quote=False)}</TIMEX3>"
        )
        pos = t.end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def align(gold, system, text: str = "") -> list[tuple[int, int]]:
    """One-to-one alignment of overlapping spans, as the TE3 normaliser does it: each gold timex (in
    text order) takes the first overlapping system timex not already taken."""
    order_g = sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end))
    order_s = sorted(range(len(system)), key=lambda j: (system[j].start, system[j].end))
    used: set[int] = set()
    pairs = []
    for i in order_g:
        g = gold[i]
        for j in order_s:
            s = system[j]
            if j not in used and s.start < g.end and g.start < s.end:
                used.add(j)
                pairs.append((i, j))
                break
    return sorted(pairs)


@dataclass(slots=True)
class DocScore:
    name: str
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    wrong_value: list = field(default_factory=list)


def score_document(doc: TmlDocument, system, same_value=None) -> DocScore:
    """Score one document; `same_value(gold, system)` compares values (default: identical strings)."""
    gold = doc.timexes
    pairs = align(gold, system, doc.text)
    sc = DocScore(doc.name, gold=len(gold), system=len(system), relaxed=len(pairs))
    matched_g = {i for i, _ in pairs}
    matched_s = {j for _, j in pairs}
    for i, j in pairs:
        g, s = gold[i], system[j]
        if _trim(doc.text, g.start, g.end) == _trim(doc.text, s.start, s.end):
            sc.strict += 1
        if (same_value(g.value, s.value) if same_value else g.value == s.value):
            sc.value += 1
        else:
            sc.wrong_value.append((g, s))
        if g.type == s.type:
            sc.type += 1
    sc.missed = [g for i, g in enumerate(gold) if i not in matched_g]
    sc.spurious = [s for j, s in enumerate(system) if j not in matched_s]
    return sc


def _prf(match: int, sys_n: int, gold_n: int) -> tuple[float, float, float]:
    p = match / sys_n if sys_n else 0.0
    r = match / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summarise(scores: list[DocScore]) -> dict[str, float]:
    g = sum(s.gold for s in scores)
    n = sum(s.system for s in scores)
    rel = sum(s.relaxed for s in scores)
    st = sum(s.strict for s in scores)
    val = sum(s.value for s in scores)
    typ = sum(s.type for s in scores)
    rp, rr, rf = _prf(rel, n, g)
    sp, sr, sf = _prf(st, n, g)
    vacc = val / rel if rel else 0.0
    tacc = typ / rel if rel else 0.0
    return {
        "documents": len(scores),
        "gold": g,
        "system": n,
        "relaxed_p": 100 * rp,
        "relaxed_r": 100 * rr,
        "relaxed_f1": 100 * rf,
        "strict_p": 100 * sp,
        "strict_r": 100 * sr,
        "strict_f1": 100 * sf,
        "value_accuracy": 100 * vacc,
        "value_f1": 100 * vacc * rf,
        "type_accuracy": 100 * tacc,
        "type_f1": 100 * tacc * rf,
    }


def format_summary(s: dict[str, float]) -> str:
    return (
        f"documents {s['documents']}  gold timexes {s['gold']}  system timexes {s['system']}\n"
        f"relaxed  P {s['relaxed_p']:6.2f}  R {s['relaxed_r']:6.2f}  F1 {s['relaxed_f1']:6.2f}\n"
        f"strict   P {s['strict_p']:6.2f}  R {s['strict_r']:6.2f}  F1 {s['strict_f1']:6.2f}\n"
        f"value accuracy {s['value_accuracy']:6.2f}  value F1 {s['value_f1']:6.2f}\n"
        f"type accuracy  {s['type_accuracy']:6.2f}  type F1  {s['type_f1']:6.2f}"
    )


def format_misses(sc: DocScore) -> str:
    lines = [f"== {sc.name}: gold {sc.gold} system {sc.system} relaxed {sc.relaxed} value {sc.value}"]
    for g in sc.missed:
        lines.append(f"  MISSED   {g.text!r} {g.type} {g.value}")
    for s in sc.spurious:
        lines.append(f"  SPURIOUS {s.text!r} {s.type} {s.value}")
    for g, s in sc.wrong_value:
        lines.append(f"  VALUE    gold {g.text!r} {g.type} {g.value}  system {s.text!r} {s.type} {s.value}")
    return "\n".join(lines)


def tml_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).rglob("*.tml") if not p.name.startswith("._"))


def score_system_dir(gold_dir: Path, system_dir: Path) -> list[DocScore]:
    """Score existing system .tml files (matched to gold by relative path, else by file name)."""
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    by_name = {p.name: p for p in tml_files(system_dir)}
    scores = []
    for gp in tml_files(gold_dir):
        doc = read_tml(gp)
        sp = system_dir / gp.relative_to(gold_dir)
        if not sp.exists():
            sp = by_name.get(gp.name)
        system = read_tml(sp).timexes if sp is not None and sp.exists() else []
        scores.append(score_document(doc, system))
    return scores


def score_tagger(gold_dir: Path, tag) -> list[DocScore]:
    """Score a tagger `tag(text, dct) -> list of objects with start/end/type/value` on gold files."""
    scores = []
    for gp in tml_files(Path(gold_dir)):
        doc = read_tml(gp)
        system = tag(doc.text, doc.dct or date.today())
        sc = score_document(doc, system)
        sc.name = str(gp.relative_to(gold_dir))
        scores.append(sc)
    return scores
