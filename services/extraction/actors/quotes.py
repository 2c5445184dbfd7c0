"""First-person words inside a quotation are its speaker's.

News quotes people with an attribution before or after the quotation ('Adrian Hanstock said: "We expect ...',
'"We will win," Lopez said'), and a quotation running over several paragraphs opens each with a quote mark
and closes only the last ('... the scene. "Tomorrow, we will decide ...'). Inside it "I", "we", "our"
refer to the speaker: the happenings they tell are the speaker's (a police officer's "we" is the force's
doing, which the officer speaks for).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.extraction.actors.tables import words

FIRST_PERSON: frozenset[str] = words("i me my we us our")
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
    """Add a mention of the speaker for each first-person word inside an attributed quotation."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for quotation in quotations(doc, mentions):
        speaker = quotation.speaker
        if speaker is None:
            continue
        for token in doc[quotation.start : quotation.end]:
            if token.lower_ in FIRST_PERSON and token.pos_ in {"PRON", "DET"} and token.i not in taken:
                added.append(make_mention(token.i, token.i + 1, "", speaker.name, speaker.kind))
    mentions.extend(added)


def quotations(doc, mentions: list) -> list[Quotation]:
    """The quotations of the doc with their speakers; a paragraph's quotation left open continues the one
    before it (same speaker)."""
    found: list[Quotation] = []
    open_at: int | None = None
    continued: Quotation | None = None
    for token in doc:
        if token.text not in QUOTE_MARKS:
            continue
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
    before_space = token.i == 0 or bool(token.doc[token.i - 1].whitespace_)
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
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    head = subjects[0]
    for mention in mentions:
        if mention.participates and mention.start <= head.i < mention.end and mention.kind in {
            "person", "organisation", "group"
        }:
            return mention
    return None
