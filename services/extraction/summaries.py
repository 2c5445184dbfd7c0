"""Event summaries: the clause that reports a happening, rendered as a statement a reader understands.

The clause (from events.py) is a set of tokens of one sentence; words of other happenings were left out
of it. Leaving words out leaves marks behind, so the tokens are tidied before they are joined:

- a report keeps what was reported ("Comey said on Sunday" + "that the bureau had found nothing");
- quotation marks and brackets are kept or dropped in pairs, a quotation that is kept is kept whole;
- punctuation at a gap is kept once ("On 28 October, Comey sent", not "October,, Comey"), and not at all
  between a subject and its verb ("Kasich (R) was", not "Kasich (R), was");
- a conjunction whose conjunct was left out goes, and so does anything a statement cannot end on
  ("… on Sunday, but");
- past 200 characters the text is cut at a clause boundary (else a word boundary) and ends with "…".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from services.extraction.actors.tables import words
from services.extraction.nlp import token_texts

if TYPE_CHECKING:
    from services.extraction.events import Clause

MAX_SUMMARY_CHARS = 200
# A cut for length goes back at most this far to reach a clause boundary before it takes a word boundary.
CLAUSE_CUT_WINDOW = 80

# Words a complete English statement does not end on (conjunctions, prepositions, determiners).
DANGLING_WORDS: frozenset[str] = words(
    "and or but nor yet so because although though while whereas if unless than as which who whom whose "
    "where when of to in on at by for with from into onto about after before since until over under between "
    "among against during without through via per the a an its their our my your including like amid despite"
)
# Words that end a statement as pronouns ("… met her.") but not as determiners ("… met her").
DETERMINERS_OR_PRONOUNS: frozenset[str] = words("his her this these those that")
WH_WORDS: frozenset[str] = words("who whom whose which where when")
# Subordinators whose clause still states a fact without them (not "if", "unless", "whether").
FACTUAL_SUBORDINATORS: frozenset[str] = words("since after before when while as because once until although though that")
# Dependencies whose words only join or introduce others: a summary neither starts nor ends on them.
CONNECTIVE_DEPS: frozenset[str] = frozenset({"cc", "preconj", "prep", "mark", "det", "case", "aux", "punct"})
# Reporting verbs (lemmas) whose reported content belongs to the summary of the saying.
REPORTING_LEMMAS: frozenset[str] = words(
    "say tell add stress announce state declare claim note warn report confirm deny insist explain write "
    "tweet post argue suggest acknowledge admit reveal conclude complain proclaim vow pledge promise predict "
    "concede assert maintain recall disclose inform indicate signal urge reply respond ask point "
    "show prove mean demonstrate"  # evidence reports too: "the vote showed [the party was united]"
)
# Dependents that carry what a reporting verb reports.
CONTENT_DEPS: frozenset[str] = frozenset({"ccomp", "parataxis", "xcomp"})
QUOTES: frozenset[str] = frozenset({'"', "''", "``"})
OPENING_BRACKETS: dict[str, str] = {"(": ")", "[": "]"}
CLOSING_BRACKETS: frozenset[str] = frozenset(OPENING_BRACKETS.values())
# Punctuation that may stand between two parts of a statement (and must not be doubled).
JOINING_PUNCTUATION: frozenset[str] = frozenset({",", ";", ":", "-", "--", "\u2013", "\u2014", "...", "…"})
TERMINAL_PUNCTUATION: frozenset[str] = frozenset({".", "!", "?"})


def summarise(doc, clause: Clause, phrase_tokens: set[int]) -> str:
    """A short readable rendering of the clause (at most 200 characters).

    The time phrase stays where the clause has it (`phrase_tokens` is part of the events.py call)."""
    sentence = clause.sentence if clause.sentence is not None else clause.governor.sent
    kept = {i for i in clause.tokens if sentence.start <= i < sentence.end}
    if sum(1 for i in kept if not doc[i].is_punct) < 4:
        kept = set(range(sentence.start, sentence.end))  # a fragment ("to go") says less than its sentence
    kept |= reported_content(doc, kept) | attribution(clause.head, kept) | shared_subject(clause.head, kept)
    kept -= relative_pronoun_subject(clause.head, kept)
    # A short sentence is told whole rather than pieced together (below); a long one borrows its participle's
    # controller: "the AP reported, quoting her lawyer as saying on May 2 ...".
    participles = len(sentence.text) > MAX_SUMMARY_CHARS
    controller = infinitive_controller(clause.head, kept, participles) if not _has_subject(doc, kept) else set()
    top = _top_word(doc, kept)
    if not controller and top is not None and _subjectless_nonfinite(top, kept):
        # "to make a snap decision when the season ended": the subordinate's subject is not the statement's
        controller = infinitive_controller(top, kept, participles)
    kept |= controller
    top = _top_word(doc, kept)
    if (not _has_subject(doc, kept) or _opens_as_dependent(doc, kept)
            or (top is not None and _subjectless_nonfinite(top, kept))) and len(sentence.text) <= MAX_SUMMARY_CHARS:
        kept = set(range(sentence.start, sentence.end))  # "triumphing in 1908" tells less than its sentence
    kept |= _closing_punctuation(sentence, kept)
    kept, closing_mark = _whole_quotations(doc, sentence, kept)
    return shorten(render(tidy([doc[i] for i in sorted(kept)])) + closing_mark)


def reported_content(doc, kept: set[int]) -> set[int]:
    """The words a kept reporting verb reports: "said [that the plan had failed]", "told X [to leave]"."""
    content: set[int] = set()
    for i in kept:
        token = doc[i]
        if token.lemma_.lower() not in REPORTING_LEMMAS or token.pos_ not in {"VERB", "AUX"}:
            continue
        for child in token.children:
            if child.dep_ in CONTENT_DEPS and child.i not in kept:
                content |= {t.i for t in child.subtree}
            elif child.dep_ == "dobj":
                content |= _content_parsed_as_relative_clause(child, kept)
        # '"I hope it won't," Cranston said': the parser may hang the verb on the quotation before it.
        head = token.head
        if token.dep_ in {"ccomp", "parataxis"} and head.i < token.i and head.i not in kept:
            content |= {t.i for t in head.subtree} - {t.i for t in token.subtree}
    return content


RELATIVE_WORDS: frozenset[str] = words("who whom whose which that where when why")


def _content_parsed_as_relative_clause(hearer, kept: set[int]) -> set[int]:
    """ "told donors he had lost": a clause after the hearer with no relative word is what was told."""
    for child in hearer.children:
        if child.dep_ == "relcl" and child.i not in kept and child.i > hearer.i:
            first = child.left_edge
            if first.lower_ not in RELATIVE_WORDS and first.i == hearer.i + 1:
                return {t.i for t in child.subtree}
    return set()


SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})


def _has_subject(doc, kept: set[int]) -> bool:
    """Whether the kept words say who or what: a kept subject of a kept word, or a relative clause's
    antecedent standing in for its dropped pronoun."""
    for i in kept:
        token = doc[i]
        if token.dep_ in SUBJECT_DEPS and (
            token.head.i in kept or any(c.i in kept for c in token.head.children if c.dep_ == "conj")
        ):
            return True  # "The company [cut jobs in May and] closed two factories in June"
        if token.dep_ == "relcl" and token.head.i in kept and token.head.i < i:
            return True
    return False


# Words that open a clause that depends on another: "If he wins on Sunday", "Than they were in 2008".
DEPENDENT_OPENERS: frozenset[str] = words("if unless whether than who whom whose which")


def _opens_as_dependent(doc, kept: set[int]) -> bool:
    """Whether the kept words begin with a word that makes them a dependent clause with no main clause."""
    first = next((doc[i] for i in sorted(kept) if not doc[i].is_punct), None)
    if first is None or first.lower_ not in DEPENDENT_OPENERS:
        return False
    return first.head.i in kept and first.head.head.i not in kept


def _closing_punctuation(sentence, kept: set[int]) -> set[int]:
    """The sentence's full stop (and closing quote) when the clause runs to the end of the sentence."""
    last = max(kept, default=sentence.start)
    after = [sentence.doc[i] for i in range(last + 1, sentence.end)]
    if all(t.is_punct or t.is_space for t in after):
        return {t.i for t in after if t.is_punct}
    return set()


def attribution(head, kept: set[int]) -> set[int]:
    """Who reported a happening the clause tells as reported content: "[Comey told lawmakers] that …"."""
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "said that X had happened and that Y would follow": Y was said too
    reporter = head.head
    if head.dep_ not in {"ccomp", "parataxis"} or reporter.i in kept:
        return set()
    if reporter.lemma_.lower() not in REPORTING_LEMMAS or reporter.pos_ not in {"VERB", "AUX"}:
        return set()
    words = {reporter.i}
    for child in reporter.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "aux", "auxpass", "neg"}:
            words |= {t.i for t in child.subtree}
        elif child.dep_ == "punct":
            words.add(child.i)  # '…," he said.' (tidy drops the marks that end up doubled)
    return words


def shared_subject(head, kept: set[int]) -> set[int]:
    """The subject a conjoined verb shares with the first: "Four people [were hurt and] were improving"."""
    if head.dep_ != "conj" or head.pos_ not in {"VERB", "AUX"}:
        return set()
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in head.children):
        return set()
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    subject: set[int] = set()
    for child in first.children:
        if child.dep_ in {"nsubj", "nsubjpass", "expl"} and child.i < first.i:
            if child.lower_ in RELATIVE_SUBJECTS and first.dep_ == "relcl" and first.head.i < child.i:
                antecedent = first.head  # "an extra inning which was delayed and ended at midnight"
                subject |= set(range(antecedent.left_edge.i, antecedent.i + 1))
            else:
                subject |= {t.i for t in child.subtree}
        elif child.dep_ in {"aux", "auxpass"} and child.i < first.i and _shares_auxiliaries(head, first):
            subject.add(child.i)  # "was lifted and removed on Friday": "was … removed on Friday"
    return subject


# Dependents of the verb an infinitive hangs on that tell who did it: "[crews took 40 minutes] to reach ...",
# "[firefighters were going door] to door ...".
CONTROLLER_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "dobj", "npadvmod"})


def _top_word(doc, kept: set[int]):
    """The one kept word the others hang from (its head is not kept), or None when the words are not one tree."""
    tops = []
    for i in kept:
        token = doc[i]  # one Token per word: each `doc[i]` builds another
        if not token.is_punct and not token.is_space and ((head := token.head.i) == i or head not in kept):
            tops.append(token)
    return tops[0] if len(tops) == 1 else None


def _is_infinitive(head) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def _subjectless_nonfinite(head, kept: set[int]) -> bool:
    """An infinitive or a participle clause ("to make a decision", "quoting her lawyer as saying") whose own
    subject is not kept: what it tells needs the verb and subject it continues."""
    if head.dep_ not in {"advcl", "xcomp"} or not (_is_infinitive(head) or head.tag_ == "VBG"):
        return False
    return not any(c.dep_ in SUBJECT_DEPS and c.i in kept for c in head.children)


def infinitive_controller(head, kept: set[int], participles: bool = False) -> set[int]:
    """The verb (with its subject) that a subjectless infinitive or participle clause continues: "after crews
    took 40 minutes to reach the lane on Saturday night" is told "Crews took 40 minutes to reach the lane on
    Saturday night", not "To reach the lane on Saturday night"; "quoting her lawyer as saying on May 2 ..." is
    told "the AP reported, quoting her lawyer as saying on May 2 ..."."""
    participle = participles and head.dep_ == "advcl" and head.tag_ == "VBG"
    if head.dep_ not in {"advcl", "xcomp"} or not (_is_infinitive(head) or participle):
        return set()
    controller = head.head
    if controller.pos_ not in {"VERB", "AUX"} or controller.i in kept:
        return set()
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in controller.children):
        return set()
    words = {controller.i}
    low, high = sorted((controller.i, head.left_edge.i if head.i > controller.i else head.right_edge.i))
    for child in controller.children:
        if child.dep_ in CONTROLLER_DEPS and not (child.left_edge.i <= head.i <= child.right_edge.i):
            words |= {t.i for t in child.subtree}
            before = child.left_edge.i - 1
            if child.i > head.i and before >= 0 and head.doc[before].is_punct and head.doc[before].head.i == controller.i:
                words.add(before)  # "when the season ended on May 3, the day that ..."
        elif child.dep_ == "punct" and low < child.i < high:
            words.add(child.i)  # the comma that sets the participle off: "reported, quoting"
    return words


def _shares_auxiliaries(head, first) -> bool:
    """A conjoined verb of the same form and with no auxiliary of its own shares those of the first."""
    return head.tag_ == first.tag_ and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)


RELATIVE_SUBJECTS: frozenset[str] = words("who which that")


def relative_pronoun_subject(head, kept: set[int]) -> set[int]:
    """ "Mr Trump, who stormed to victory on Wednesday" states "Mr Trump stormed to victory on Wednesday":
    the relative pronoun (and the comma before it) go when the clause is told on its own."""
    if head.dep_ != "relcl" or head.head.i > head.i or head.head.i not in kept:
        return set()
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in RELATIVE_SUBJECTS and child.i == head.left_edge.i:
            before = child.i - 1
            while before > head.head.i and head.doc[before].is_punct:
                before -= 1
            return {child.i, *range(before + 1, child.i)}
    return set()


def _pairs(tokens, opening, closing) -> tuple[list[tuple[int, int]], list[int]]:
    """(open, close) token indices of balanced marks, and the marks left open."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for token in tokens:
        if opening(token):
            stack.append(token.i)
        elif closing(token) and stack:
            pairs.append((stack.pop(), token.i))
    return pairs, stack


def _is_quote(token) -> bool:
    """A quotation mark, double or single ('…' in British style; a single one may also be an apostrophe)."""
    return token.text in QUOTES or token.text == "'"


def _opens(token) -> bool:
    """A straight quote opens when it is glued to the word after it and not to the word before it."""
    if not _is_quote(token) or token.whitespace_ or token.i + 1 >= len(token.doc):
        return False
    after = token.doc[token.i + 1]
    if after.is_space or (after.is_punct and not after.text.startswith(".")):
        return False  # '…successful."' closing a paragraph
    if token.text == "'" and after.text[:1].isdigit():
        return False  # "the '40s": an apostrophe
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    return before is None or bool(before.whitespace_) or before.text in {"(", "[", ":", "-", "--", "—"}


def _closes(token) -> bool:
    return _is_quote(token) and not _opens(token)


def _whole_quotations(doc, sentence, kept: set[int]) -> tuple[set[int], str]:
    """A quotation with any kept word is kept whole, with its marks; quotation marks and brackets around
    nothing kept are dropped, and so is a closing double quote whose quotation opened in an earlier
    sentence. Also returns the mark that closes a quotation the sentence splitter cut off, if it is kept."""
    kept = set(kept)
    if _MARKS.isdisjoint(token_texts(doc)[sentence.start : sentence.end]):
        return kept, ""  # most sentences quote nothing and bracket nothing: no mark to pair, keep or drop
    groups = [
        _pairs(sentence, lambda t: _opens(t) and t.text != "'", lambda t: _closes(t) and t.text != "'"),
        _pairs(sentence, lambda t: _opens(t) and t.text == "'", lambda t: _closes(t) and t.text == "'"),
        _pairs(sentence, lambda t: t.text in OPENING_BRACKETS, lambda t: t.text in CLOSING_BRACKETS),
    ]
    left_open = sorted(groups[0][1] + groups[1][1])
    managed = {i for pairs, _ in groups for pair in pairs for i in pair} | set(left_open)
    managed |= {t.i for t in sentence if _is_mark(t)}  # every double quote and bracket, quoting single ones
    kept -= managed
    for index, (pairs, _) in enumerate(groups):
        for start, end in pairs:
            if any(not doc[i].is_punct and i in kept for i in range(start + 1, end)):
                kept |= {start, end} if index == 2 else set(range(start, end + 1))
    for start in left_open[:1]:  # a quotation the sentence splitter cut from its closing mark
        if any(i > start for i in kept if not doc[i].is_punct):
            kept |= set(range(start, sentence.end))
            return kept, doc[start].text
    return kept, ""


# Every token text the marks below test for: a sentence with none of them has no quotation or bracket.
_MARKS: frozenset[str] = QUOTES | {"'"} | frozenset(OPENING_BRACKETS) | CLOSING_BRACKETS


def _is_joining(token) -> bool:
    return token.text in JOINING_PUNCTUATION


def _is_mark(token) -> bool:
    """A mark kept or dropped with its partner: double quotes, brackets, single quotes used as quotes."""
    return token.text in QUOTES or token.text in OPENING_BRACKETS or token.text in CLOSING_BRACKETS or (
        token.text == "'" and token.dep_ == "punct"
    )


def tidy(tokens: list) -> list:
    """Drop what leaving words out left behind: conjunctions without their conjunct, doubled or floating
    punctuation, and connectives at either end."""
    kept = {t.i for t in tokens}
    # Paragraph breaks go too: one after the full stop would hide it ("… firm and.\n\n"); `render` spaces the gap.
    tokens = [t for t in tokens if not t.is_space and not _orphan_connective(t, kept)]
    tokens = _single_punctuation_at_gaps(tokens)
    terminal = tokens[-1] if tokens and tokens[-1].text in TERMINAL_PUNCTUATION else None
    body = tokens[:-1] if terminal is not None else tokens
    while body and _cannot_start(body[0], kept):
        body = body[1:]
    while body and _cannot_end(body[-1]):
        body = body[:-1]
    if len(body) >= 2 and _is_quote(body[-1]) and _is_joining(body[-2]):
        body = [*body[:-2], body[-1]]  # '"… last week,"' ends the quotation, not a sentence that goes on
    if terminal is not None and body and not _is_joining(body[-1]):
        body = [*body, terminal]
    return body


def _orphan_connective(token, kept: set[int]) -> bool:
    """A conjunction whose following conjunct was left out, a preposition whose object was left out."""
    if token.dep_ in {"cc", "preconj"}:
        conjuncts = [c for c in token.head.children if c.dep_ == "conj" and c.i > token.i]
        return bool(conjuncts) and not any(c.i in kept for c in conjuncts)
    if token.dep_ in {"prep", "agent"} and token.pos_ == "ADP":
        objects = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
        return bool(objects) and not any(c.i in kept for c in objects)
    return False


def _single_punctuation_at_gaps(tokens: list) -> list:
    """One mark where several meet ("October,, Comey" -> "October, Comey"; "time,." -> "time."),
    none where a left-out aside stood between a subject and its verb ("Kasich (R), was" -> "Kasich (R) was")."""
    result: list = []
    for position, token in enumerate(tokens):
        if not _is_punctuation(token):
            result.append(token)
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if result and _is_punctuation(result[-1]):  # two marks met where words were left out
            if token.text in TERMINAL_PUNCTUATION:
                result[-1] = token  # the full stop wins over the comma left before it
            if _separates_subject_from_verb(result[-1], following):
                result.pop()
            continue
        gap_after = following is not None and following.i != token.i + 1
        if not (gap_after and _separates_subject_from_verb(token, following)):
            result.append(token)
    return result


def _is_punctuation(token) -> bool:
    return _is_joining(token) or token.text in TERMINAL_PUNCTUATION


def _separates_subject_from_verb(mark, following) -> bool:
    """A comma left before the verb of its subject once the aside that followed the subject went out."""
    if mark.text != "," or following is None or following.pos_ not in {"VERB", "AUX"}:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < mark.i for c in following.children) or any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.i < mark.i for c in following.head.children
        if following.dep_ in {"aux", "auxpass"}
    )


def _cannot_start(token, kept: set[int]) -> bool:
    if _is_mark(token):
        return False
    if token.dep_ == "mark" and token.lower_ in FACTUAL_SUBORDINATORS and token.head.head.i not in kept:
        return True  # "Since his victory was confirmed on Wednesday" tells "his victory was confirmed …"
    return token.is_punct or token.text in TERMINAL_PUNCTUATION or token.dep_ in {"cc", "preconj"}


# Words a statement never ends on, however the parser attached them ("… an accounting firm and.").
NEVER_LAST_WORDS: frozenset[str] = words("and or but nor the a an to")


def _cannot_end(token) -> bool:
    if _opens(token):
        return True  # the opening quote of the next sentence's quotation
    if _is_mark(token):
        return token.text in OPENING_BRACKETS
    if _is_joining(token):
        return True
    word = token.lower_
    if word in DETERMINERS_OR_PRONOUNS:
        return token.dep_ in {"det", "poss", "mark"}  # "… that." ends as a pronoun, not as a determiner
    return word in NEVER_LAST_WORDS or word in DANGLING_WORDS and (token.dep_ in CONNECTIVE_DEPS or word in WH_WORDS)


def render(tokens: list) -> str:
    """The tokens as text: their own spacing, one space where words were left out."""
    pieces: list[str] = []
    for position, token in enumerate(tokens):
        pieces.append(token.text_with_ws)
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None and following.i != token.i + 1 and not token.whitespace_:
            left_out = token.doc[token.i + 1 : following.i]
            # words left out in between: one space; only punctuation left out: the space that followed it
            pieces.append(left_out[-1].whitespace_ if all(t.is_punct for t in left_out) else " ")
    text = "".join(pieces).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text)
    return text


_CLAUSE_BOUNDARY = re.compile(r"[,;:]\s|\s(?:--|-|\u2013|\u2014)\s")
_DANGLING_TAIL = re.compile(r"[\s,;:\-\u2013\u2014(\"']+$")


def shorten(text: str) -> str:
    """At most 200 characters: cut at the last clause boundary near the limit (else a word boundary),
    drop what cannot end a statement, add "…" and close a quotation or bracket left open."""
    if len(text) > MAX_SUMMARY_CHARS:
        limit = MAX_SUMMARY_CHARS - 3  # room for "…" and a closing mark
        boundaries = [m.start() for m in _CLAUSE_BOUNDARY.finditer(text, 0, limit) if m.start() > limit - CLAUSE_CUT_WINDOW]
        if boundaries:
            cut = text[: boundaries[-1]]
        else:
            cut = text[:limit]
            cut = cut[: cut.rfind(" ")] if " " in cut else cut
        text = _without_dangling_tail(cut) + "…"
        if text.count('"') % 2:
            text += '"'
        if text.count("(") > text.count(")"):
            text += ")"
    opening = len(text) - len(text.lstrip("\"'"))  # capitalise the first letter, inside a quotation too
    return text[:opening] + text[opening : opening + 1].upper() + text[opening + 1 :]


def _without_dangling_tail(text: str) -> str:
    while True:
        trimmed = _DANGLING_TAIL.sub("", text)
        last = trimmed.rsplit(" ", 1)
        if len(last) == 2 and last[1].strip("\"'(").lower() in DANGLING_WORDS | DETERMINERS_OR_PRONOUNS:
            trimmed = last[0]
        if trimmed == text:
            return text
        text = trimmed
