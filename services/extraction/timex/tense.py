"""Direction of a temporal expression from the tense and modality of the clause that governs it.

-1: the clause reports the past (before the publication date); +1: the future; 0: unknown.
"""

from __future__ import annotations

import re
from itertools import pairwise

from services.extraction.nlp import doc_text
from services.extraction.timex import patterns as P

PAST = -1
FUTURE = 1
UNKNOWN = 0

# modals of obligation and possibility look forward from the publication ("could" and "would" also
# speak of the past: "he could not attend on Monday")
FORWARD_MODALS = {"must", "should", "may", "might", "ought", "need", "shall"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo", "ll"}
# Predicates whose complement is planned or expected: "is scheduled to travel", "plans to visit".
PLAN_LEMMAS = {
    "schedule", "plan", "expect", "set", "due", "slate", "intend", "aim", "hope", "prepare", "propose",
    "seek", "want", "need", "promise", "vow", "pledge", "threaten", "likely", "poise", "go", "try", "wish",
}  # fmt: skip
PLAN_ADJECTIVES = ("due", "set", "likely", "scheduled", "expected")
EVENT_NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "al", "ure", "ing", "ict", "ack", "ote")


def _span_tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    return list(span)


def head_token(doc, start: int, end: int):
    """The syntactic head of the tokens covering [start, end)."""
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
        if (
            tok.pos_ == "NOUN"
            and tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "ROOT", "attr", "appos")
            and (tok.lemma_.endswith(EVENT_NOUN_SUFFIXES) or tok.lemma_ in _EVENT_NOUNS)
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


def _auxes(v):
    return [c for c in v.children if c.dep_ in ("aux", "auxpass")]


def _is_finite(v) -> bool:
    if v.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(a.tag_ in ("VBD", "VBZ", "VBP", "MD") for a in _auxes(v))


def _chain(v):
    """From the verb governing the expression up through non-finite verbs to the finite one."""
    chain = [v]
    cur = v
    text = doc_text(v.doc)
    for _ in range(6):
        if _is_finite(cur) or cur.head.i == cur.i:
            break
        if P.PARAGRAPH_BREAK.search(text, min(cur.idx, cur.head.idx), max(cur.idx, cur.head.idx)):
            break  # the parse joined two paragraphs
        if cur.dep_ in (
            "xcomp",
            "advcl",
            "ccomp",
            "acl",
            "relcl",
            "conj",
            "pcomp",
            "prep",
            "pobj",
            "dobj",
            "amod",
        ) or (cur.dep_ == "acomp" and cur.tag_ == "VBN"):  # "got married", "became engaged"
            if cur.dep_ == "acl" and cur.tag_ == "VBN":
                break
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def _is_plan(verb, governing, doc, start: int) -> bool:
    """Whether a verb of the chain plans what the time dates ("planned to leave on Thursday", "scheduled the
    vote for Monday", "planned a march on Saturday", "was expected on Monday"). A plan verb that is itself
    dated in the active voice, by a preposition other than "for", with no object and no clause under it, dates
    its own act: "He proposed on Valentine's Day", "They set off on Friday"."""
    if verb.lemma_ not in PLAN_LEMMAS or verb.lemma_ in ("go", "try"):
        return False
    if verb.i != governing.i:
        return True
    if any(k.dep_ == "prt" for k in verb.children):
        return False  # "set off", "set out": no plan
    return (
        re.search(r"\bfor\s+$", doc_text(doc)[max(0, start - 5) : start], re.IGNORECASE) is not None
        or any(a.dep_ == "auxpass" for a in verb.children)
        or any(k.dep_ in ("xcomp", "ccomp", "dobj") for k in verb.children)
    )


def _governing_verb(doc, start: int, end: int):
    h = head_token(doc, start, end)
    if h is None:
        return None
    ids = {t.i for t in _span_tokens(doc, start, end)}
    tok = h
    for _ in range(10):
        if tok.i not in ids and (
            tok.pos_ in ("VERB", "AUX") or (tok.tag_ == "JJ" and tok.lower_ in PLAN_ADJECTIVES)
        ):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.i not in ids else None
        tok = tok.head
    return None


def direction(doc, start: int, end: int) -> int:
    """-1 past, +1 future, 0 unknown, for the expression at char span [start, end) in doc."""
    found = _direction(doc, start, end)
    if found == UNKNOWN and _a_sentence_of_the_future(doc, start, end):
        return FUTURE
    return found


def _direction(doc, start: int, end: int) -> int:
    v = _governing_verb(doc, start, end)
    if v is None or P.PARAGRAPH_BREAK.search(doc_text(doc), min(v.idx, start), max(v.idx, end)):
        return UNKNOWN  # a parse that runs across a blank line joins what the writer kept apart
    if v.tag_ == "VBN" and v.dep_ == "acl" and not _auxes(v):
        if v.lemma_ in PLAN_LEMMAS:
            return FUTURE  # "the talks scheduled for Wednesday"
        return PAST  # "the injunction issued Thursday"
    chain = _chain(v)
    f = chain[-1]
    words = [a for c in chain for a in _auxes(c)]
    aux_lower = {a.lower_ for a in words}
    # future auxiliaries anywhere in the chain
    if aux_lower & FUTURE_MODALS or any(a.tag_ == "MD" and a.lemma_ in ("will", "shall") for a in words):
        return FUTURE
    if any(c.lower_ == "going" and any(x.lower_ == "to" for x in c.children) for c in chain) or any(
        c.lower_ == "going" and c.dep_ != "ROOT" for c in words
    ):
        return FUTURE
    if any(c.tag_ == "MD" and c.lemma_ in ("will", "shall") for c in chain):
        return FUTURE
    modals = {a.lower_ for a in words if a.tag_ == "MD"}
    if modals & FORWARD_MODALS:
        # "must be filed by Friday", "may vote on Tuesday"; "must have met on Tuesday" looks back
        return PAST if "have" in aux_lower and f.tag_ == "VBN" else FUTURE
    planned = any(_is_plan(c, v, doc, start) for c in chain) or any(
        k.dep_ == "acomp" and k.lemma_ in PLAN_LEMMAS for c in chain for k in c.children
    )
    # "is to resume trading Tuesday"
    is_to = any(
        c.lemma_ == "be" and any(k.dep_ in ("xcomp", "ccomp") and k.tag_ == "VB" for k in c.children)
        for c in chain
    )
    infinitive = any(
        c.tag_ == "VB" and any(k.lower_ == "to" and k.dep_ == "aux" for k in c.children) for c in chain[:-1]
    )
    # past
    if f.tag_ == "VBD" or any(a.tag_ == "VBD" for a in _auxes(f)):
        # "planned to leave on Thursday", "agreed to buy it in January": future in the past
        return UNKNOWN if planned or (infinitive and not _infinitive_of_a_done_act(chain)) else PAST
    if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in _auxes(f)) and f.tag_ == "VBN":
        return UNKNOWN if planned else PAST
    if f.tag_ == "MD":
        return UNKNOWN
    present = f.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in _auxes(f))
    if present:
        if planned or is_to:
            return FUTURE
        if any(c.tag_ == "VBG" and any(a.lemma_ == "be" for a in _auxes(c))
               and not any(a.lemma_ == "have" for a in _auxes(c)) for c in chain):
            return FUTURE  # present progressive with a time: "is meeting on Tuesday" (not "has been meeting")
        return UNKNOWN
    if f.tag_ == "JJ" and f.lower_ in PLAN_ADJECTIVES:
        return FUTURE
    return UNKNOWN


_TIME_UNIT_LEMMAS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _infinitive_of_a_done_act(chain) -> bool:
    """Whether the infinitive of the chain hangs on a past verb that says it was done ("took 40 minutes to reach
    it on Saturday", "managed to free him", "failed to score"), not planned ("agreed to buy it in January"). "take"
    counts with a time as its object only ("took 40 minutes to"; not "took steps to")."""
    for below, verb in pairwise(chain):
        if not (below.tag_ == "VB" and any(k.lower_ == "to" and k.dep_ == "aux" for k in below.children)):
            continue
        if verb.lemma_ not in P.DONE_INFINITIVE_VERBS:
            return False
        if verb.lemma_ == "take":
            return any(k.dep_ in ("dobj", "npadvmod") and k.lemma_ in _TIME_UNIT_LEMMAS for k in verb.children)
        return True
    return False


def _a_sentence_of_the_future(doc, start: int, end: int) -> bool:
    """Whether the sentence of the expression speaks of the future and of no past: a future modal in it, no verb
    in the past tense, no verb of saying at its root ("Rovers host Deanfield on Saturday in what will be his
    first match", "The band plays Leeds on Friday, and the tour will end in York"): its days are to come, even
    where its own verb is in the simple present (a fixture) or the parse missed it."""
    h = head_token(doc, start, end)
    if h is None:
        return False
    sent = h.sent
    if P.PARAGRAPH_BREAK.search(sent.text.strip()) or sent.root.lemma_ in P.SAYING_LEMMAS:
        return False
    if any(t.tag_ == "VBD" for t in sent):
        return False
    return any(t.lower_ in FUTURE_MODALS or (t.tag_ == "MD" and t.lemma_ in ("will", "shall")) for t in sent)


def dates_an_outcome(doc, start: int, end: int) -> bool:
    """Whether the expression is a possessive before a noun of an outcome ("Tuesday's ruling", "Saturday's 4-0
    defeat"): what it dates is done once told of."""
    text = doc_text(doc)
    if not re.match(r"['\u2019]s\b", text[end : end + 3]):
        return False
    covering = _span_tokens(doc, start, end)
    if not covering:
        return False
    # the four tokens after the "'s" (read from the expression's last token on, not by scanning the whole text)
    after = [t for t in doc[covering[-1].i + 1 : covering[-1].i + 7] if t.idx >= end + 2][:4]
    for t in after:
        if t.pos_ in ("NOUN", "PROPN"):
            return t.lower_ in P.OUTCOME_NOUNS or t.lemma_.lower() in P.OUTCOME_NOUNS
        if t.pos_ not in ("NUM", "ADJ", "PUNCT", "X", "SYM", "PART"):
            return False
    return False


def in_the_present(doc, start: int, end: int) -> bool:
    """Whether the clause governing the expression is in the simple present ("is closed until May",
    "runs through June"): not past, not a plan reported in the past ("ordered them to leave by Friday")."""
    v = _governing_verb(doc, start, end)
    if v is None or P.PARAGRAPH_BREAK.search(doc_text(doc), min(v.idx, start), max(v.idx, end)):
        return False
    chain = _chain(v)
    if len(chain) > 1 and any(c.tag_ in ("VB", "VBG") for c in chain[:-1]):
        return False  # an infinitive or participle under the finite verb: its own time
    f = chain[-1]
    return f.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in _auxes(f))


def in_the_present_perfect(doc, start: int, end: int) -> bool:
    """Whether the clause governing the expression is in the present perfect ("has been released on bail until
    May"): a state that holds now, so an "until" bound on it lies ahead."""
    v = _governing_verb(doc, start, end)
    if v is None or P.PARAGRAPH_BREAK.search(doc_text(doc), min(v.idx, start), max(v.idx, end)):
        return False
    f = _chain(v)[-1]
    return f.tag_ == "VBN" and any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in _auxes(f))


def is_the_time_of_a_past_verb(doc, start: int, end: int) -> bool:
    """Whether the expression is the own time of a verb in the past tense or a past participle ("fired on June
    8", "the quarter ended Oct. 31", "was sold on May 2"), not of a noun or a bound ("payable Dec. 7", "extended
    to Nov. 20", "a ceremony on March 12"), nor of a verb with a present or future auxiliary ("will be sentenced
    May 3", "has been set for June 8")."""
    h = head_token(doc, start, end)
    if h is None:
        return False
    if h.dep_ == "npadvmod":
        verb = h.head
    elif h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.lower_ in ("on", "in"):
        verb = h.head.head
    else:
        return False
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBN"):
        return False
    auxes = _auxes(verb)
    if verb.tag_ == "VBN" and not auxes:
        return verb.dep_ in ("acl", "ROOT", "conj", "advcl", "relcl")  # "the coach, sacked on May 20, ..."
    return all(a.tag_ in ("VBD", "VBN") for a in auxes)  # "was fired", "had been fired"; not "is", "will be"
