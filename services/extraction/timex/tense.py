"""Direction of a temporal expression from the tense and modality of the clause that governs it.

-1: the clause reports the past (before the publication date); +1: the future; 0: unknown.
"""

from __future__ import annotations

PAST = -1
FUTURE = 1
UNKNOWN = 0

# Predicates whose complement is planned / expected: "is scheduled to travel", "plans to visit".
FUTURE_LEMMAS = {
    "schedule", "set", "expect", "due", "plan", "intend", "aim", "prepare", "hope", "going", "go",
    "slate", "poise", "likely", "expected", "scheduled", "slated", "set", "want", "propose", "seek",
    "promise", "vow", "pledge", "threaten", "agree", "decide", "announce", "tentatively", "upcoming",
    "forthcoming", "next", "will", "would", "could", "may", "might", "shall",
}  # fmt: skip
FUTURE_MODALS = {"will", "shall", "'ll", "wo", "ll"}
PAST_AUX = {"was", "were", "had", "did", "'d"}
EVENT_NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "al", "ure", "ing", "ict", "ack", "ote")


def _span_tokens(doc, start: int, end: int):
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def head_token(doc, start: int, end: int):
    toks = _span_tokens(doc, start, end)
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


def governor(doc, start: int, end: int):
    """The verb (or, failing that, event noun) the expression at [start, end) attaches to."""
    h = head_token(doc, start, end)
    if h is None:
        return None
    tok = h
    ids = {t.i for t in _span_tokens(doc, start, end)}
    for _ in range(8):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i in ids:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "ROOT", "attr", "appos") and (
            tok.lemma_.endswith(EVENT_NOUN_SUFFIXES) or tok.lemma_ in _EVENT_NOUNS
        ):
            return tok
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


_EVENT_NOUNS = {
    "visit", "trip", "talk", "summit", "meeting", "election", "vote", "attack", "war", "strike", "deal",
    "crash", "sale", "report", "hearing", "trial", "game", "race", "tour", "ceremony", "conference",
    "speech", "fire", "storm", "earthquake", "protest", "rally", "match", "launch", "test", "raid",
}  # fmt: skip


def _verb_direction(v) -> int:
    """Direction given by one verb token and its auxiliaries."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & FUTURE_MODALS or any(a.tag_ == "MD" and a.lemma_ in ("will", "shall") for a in auxes):
        return FUTURE
    if v.lemma_ in ("will", "shall") and v.tag_ == "MD":
        return FUTURE
    if "going" in aux_words or any(a.lower_ == "going" for a in auxes):
        return FUTURE
    if aux_words & PAST_AUX:
        return PAST
    if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PAST  # present perfect: has met
    if v.tag_ == "VBD":
        return PAST
    if v.tag_ == "VBN" and not auxes:
        return UNKNOWN
    if v.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return FUTURE  # present progressive with a future time: "is meeting on Tuesday"
    return UNKNOWN


def direction(doc, start: int, end: int) -> int:
    """-1 past, +1 future, 0 unknown, for the expression at char span [start, end) in doc."""
    h = head_token(doc, start, end)
    if h is None:
        return UNKNOWN
    ids = {t.i for t in _span_tokens(doc, start, end)}
    tok = h
    seen = 0
    while seen < 10:
        seen += 1
        if tok.i not in ids and tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_ in FUTURE_LEMMAS and tok.lemma_ not in ("go", "set", "agree", "decide", "announce", "will"):
                # "is scheduled/expected/due/slated to ..." (only with a following infinitive)
                if any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB" for c in tok.children) or tok.lemma_ in (
                    "schedule", "slate", "due"
                ):
                    return FUTURE
            d = _verb_direction(tok)
            if d != UNKNOWN:
                return d
            finite = tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in tok.children
            )
            if finite:
                return _present_default(tok)
            if tok.tag_ == "VB" and any(c.lower_ == "to" for c in tok.children):
                # infinitive: look at the controlling predicate ("plans to visit")
                if tok.head.lemma_ in FUTURE_LEMMAS or tok.head.lower_ in ("due", "set", "likely", "able"):
                    return FUTURE
        if tok.tag_ == "JJ" and tok.lower_ in ("due", "likely", "set", "scheduled", "expected", "upcoming", "next"):
            return FUTURE
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return UNKNOWN


def _present_default(v) -> int:
    # "is due", "is set" handled earlier; present tense stays unknown.
    return UNKNOWN
