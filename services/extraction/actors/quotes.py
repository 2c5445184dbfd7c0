"""First-person words inside a quotation are its speaker's, and "we" also the body the speaker speaks for.

News quotes people with an attribution before or after the quotation ('Adrian Hanstock said: "We expect ...',
'"We will win," Lopez said'), and a quotation running over several paragraphs opens each with a quote mark
and closes only the last ('... the scene. "Tomorrow, we will decide ...'). Inside it "I" and "my" refer to
the speaker. "We", "us" and "our" refer to the organisation the speaker speaks for where the text gives one
("Tom Reed of Northshire Police", "Jane Doe, a spokeswoman for Acme", "Acme's chief executive Bob Smith", a
police rank with the force the article names, or a body as the speaker itself: "the company said"): the
happenings they tell are the organisation's doing, and an officer's too ("Our officers will search ...": the
force and the inspector who speaks for it), never a spokesperson's, who only tells them.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.extraction.actors.police import police_force_before
from services.extraction.actors.tables import (
    BODY_VOICE_NOUNS,
    POLICE_RANK_WORDS,
    SPOKESPERSON_NOUNS,
    TITLE_WORDS,
    words,
)
from services.extraction.nlp import token_texts

FIRST_PERSON_SINGULAR: frozenset[str] = words("i me my mine myself")
FIRST_PERSON_PLURAL: frozenset[str] = words("we us our ours ourselves")
FIRST_PERSON = FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL
SPEECH_LEMMAS: frozenset[str] = words(
    "say tell add state declare explain warn insist confirm write tweet post continue comment recall"
)
QUOTE_MARKS = {'"', "\u201c", "\u201d"}
# A quotation that is never closed stops this many tokens after its last opening mark.
MAX_QUOTE_TOKENS = 80


@dataclass(slots=True)
class Quotation:
    start: int  # first token inside the marks
    end: int  # one past the last token inside
    speaker: object | None  # the Mention of who says it


def add_speaker_mentions(doc, mentions: list, make_mention) -> None:
    """Add a mention of the speaker (and for "we" of the body the speaker speaks for) for each first-person
    word inside an attributed quotation."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for quotation in quotations(doc, mentions):
        speaker = quotation.speaker
        if speaker is None:
            continue
        voices_of_we = _voices_of_we(doc, speaker, mentions)
        for token in doc[quotation.start : quotation.end]:
            if token.lower_ in FIRST_PERSON and token.pos_ in {"PRON", "DET"} and token.i not in taken:
                voices = voices_of_we if token.lower_ in FIRST_PERSON_PLURAL else [speaker]
                added += [make_mention(token.i, token.i + 1, "", voice.name, voice.kind) for voice in voices]
    mentions.extend(added)


def _voices_of_we(doc, speaker, mentions: list) -> list:
    """Whom a speaker's "we" names: the body a person speaks for, with the person unless a spokesperson."""
    if speaker.kind != "person":
        return [speaker]
    body, spokesperson = _body_spoken_for(doc, speaker, mentions)
    if body is None:
        return [speaker]
    return [body] if spokesperson else [speaker, body]


def _body_spoken_for(doc, speaker, mentions: list) -> tuple[object | None, bool]:
    """The organisation a person speaks for, and whether as a spokesperson: from the noun phrase of the
    quotation's attribution or of another mention of the person ("Jane Doe, a spokeswoman for Acme, said
    ... Doe added: "We ..."), else from a police rank ("Chief Inspector Tom Reed": the force named last
    before the quotation)."""
    own_mentions = [speaker, *(m for m in mentions if m.name == speaker.name and m is not speaker and m.surface)]
    spokesperson = any(_is_spokesperson(doc, m) for m in own_mentions)
    for mention in own_mentions:
        body = _organisation_in_phrase(doc, mention, mentions)
        if body is not None:
            return body, spokesperson
    if any(_holds_police_rank(doc, m) for m in own_mentions):
        return police_force_before(mentions, speaker.start), spokesperson
    return None, spokesperson


# Dependents of a name that do not describe who the person is: "Jane Doe, who met Acme's chief, said ...".
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc"})


def _phrase_tokens(head) -> set[int]:
    """The tokens of the noun phrase a name heads, without the clauses that hang on it."""
    tokens = {head.i}
    for child in head.children:
        if child.dep_ not in CLAUSE_DEPS:
            tokens |= {t.i for t in child.subtree}
    return tokens


def _name_head(doc, mention):
    """The token heading the noun phrase of a name ("Reed" of "Chief Inspector Tom Reed of Northshire Police"),
    or of the noun the name stands in apposition to ("executive" of "Acme's chief executive, Bob Smith")."""
    head = doc[mention.end - 1]
    while head.dep_ == "compound" and head.head.i > head.i and head.head.i < mention.end:
        head = head.head
    return head.head if head.dep_ == "appos" and head.head.pos_ == "NOUN" else head


def _organisation_in_phrase(doc, mention, mentions: list):
    """The organisation named in a person's noun phrase: "of ORG", "a spokeswoman for ORG", "ORG's X"."""
    if not mention.surface:
        return None  # a pronoun: no phrase of its own
    phrase = _phrase_tokens(_name_head(doc, mention)) - set(range(mention.start, mention.end))
    for other in mentions:
        if other.kind == "organisation" and other.participates and other.start in phrase:
            return other
    return None


def _is_spokesperson(doc, mention) -> bool:
    """"Jane Doe, a spokeswoman for Acme", "Acme spokesman Bob Smith"."""
    if not mention.surface:
        return False
    head = _name_head(doc, mention)
    nouns = [head, *(c for c in head.children if c.dep_ == "appos")]  # "Acme's spokeswoman, Jane Doe"
    return any(c.lemma_.lower() in SPOKESPERSON_NOUNS or c.lower_ in SPOKESPERSON_NOUNS for c in nouns) \
        or any(t.lower_ in SPOKESPERSON_NOUNS for t in _title_before(doc, mention))


def _holds_police_rank(doc, mention) -> bool:
    """"Chief Inspector Tom Reed", "Det Supt Ann Cole": a rank only police officers hold, capitalised before
    the name (a "safety inspector" is no officer)."""
    titles = [t.text for t in _title_before(doc, mention)] + mention.surface.split()[:-1]
    return any(word[:1].isupper() and word.lower() in POLICE_RANK_WORDS for word in titles)


def _title_before(doc, mention) -> list:
    """The title words just before a name ("Deputy Chief Constable" of "Deputy Chief Constable Ann Cole")."""
    start = mention.start
    while start > 0 and (doc[start - 1].lower_ in TITLE_WORDS or doc[start - 1].lower_ in POLICE_RANK_WORDS
                         or doc[start - 1].lower_ in SPOKESPERSON_NOUNS):
        start -= 1
    return list(doc[start : mention.start])


def quotations(doc, mentions: list) -> list[Quotation]:
    """The quotations of the doc with their speakers; a paragraph's quotation left open continues the one
    before it (same speaker)."""
    found: list[Quotation] = []
    open_at: int | None = None
    continued: Quotation | None = None
    for i, text in enumerate(token_texts(doc)):
        if text not in QUOTE_MARKS:
            continue
        token = doc[i]
        if _opens(token):
            if open_at is not None:  # the previous one was left open: a continuation paragraph
                previous = Quotation(open_at, token.i, None)
                previous.speaker = continued.speaker if continued else _speaker_before(doc, open_at - 1, mentions)
                found.append(previous)
                continued = previous
            else:
                continued = None
            open_at = token.i + 1
        elif open_at is not None:
            quotation = Quotation(open_at, token.i, None)
            quotation.speaker = (continued.speaker if continued else None) \
                or _speaker_before(doc, open_at - 1, mentions) or _speaker_after(doc, token.i, mentions)
            found.append(quotation)
            open_at, continued = None, None
    if open_at is not None:
        speaker = continued.speaker if continued else _speaker_before(doc, open_at - 1, mentions)
        found.append(Quotation(open_at, min(len(doc), open_at + MAX_QUOTE_TOKENS), speaker))
    for quotation in found:
        quotation.end = min(quotation.end, quotation.start + MAX_QUOTE_TOKENS)
    return found


def _opens(token) -> bool:
    if token.text == "\u201c":
        return True
    if token.text == "\u201d":
        return False
    # a straight mark opens after a space or at the start of a line ('\n\n"We will ...'), glued to its word
    before = token.doc[token.i - 1] if token.i > 0 else None
    before_space = before is None or bool(before.whitespace_) or before.is_space
    return before_space and not token.whitespace_


def _speaker_before(doc, mark: int, mentions: list):
    """'X said: "...' / 'X added, "...': the subject of a speech verb just before the opening mark."""
    for token in reversed(doc[max(0, mark - 40) : mark]):
        if token.text in QUOTE_MARKS:
            return None  # another quotation's words
        if token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ == "VERB":
            return _subject_mention(token, mentions)
        if token.is_sent_start:
            break
    return None


def _speaker_after(doc, mark: int, mentions: list):
    """'"...," Lopez said.': the subject of a speech verb right after the closing mark."""
    for token in doc[mark + 1 : min(len(doc), mark + 6)]:
        if token.text in QUOTE_MARKS:
            return None
        if token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ == "VERB":
            return _subject_mention(token, mentions)
    return None


def _subject_mention(verb, mentions: list):
    """The speaker a speech verb's subject names: its own mention, the name in apposition to it ("Acme's chief
    executive, Bob Smith, said"), or the body a nameless voice speaks for ("a spokesman for Acme said")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    head = subjects[0]
    named = _mention_at(head, mentions, SPEAKER_KINDS)
    if named is not None:
        return named
    for apposition in (c for c in head.children if c.dep_ == "appos"):
        named = _mention_at(apposition, mentions, {"person"})
        if named is not None:
            return named
    if head.lemma_.lower() in BODY_VOICE_NOUNS or head.lower_ in BODY_VOICE_NOUNS:
        phrase = _phrase_tokens(head)
        return next((m for m in mentions if m.kind == "organisation" and m.participates and m.start in phrase), None)
    return None


SPEAKER_KINDS = frozenset({"person", "organisation", "group"})


def _mention_at(token, mentions: list, kinds):
    for mention in mentions:
        if mention.participates and mention.start <= token.i < mention.end and mention.kind in kinds:
            return mention
    return None
