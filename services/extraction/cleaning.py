"""Turns a submitted article (plain text or HTML) into clean running text for the NLP pipeline.

Boilerplate lines (teasers of other stories, navigation, "See also" links) are dropped so that they never
yield events; typographic noise (smart quotes, odd spaces, sentences glued together) is normalised.
"""

from __future__ import annotations

import re

from services.extraction.timex.rules.first_chars import with_first_chars

# Lines that are page furniture rather than the story. Matched against the whole stripped line.
# a page's own date stamp ("Published: May 2, 2019"): dropped as text, but its day is the day the page was
# written (see `head_stamp_lines`)
STAMP_LINE_PATTERN = r"(posted|updated|published|last updated)( on)?\s*:.*"
BOILERPLATE_LINE_PATTERNS: tuple[str, ...] = (
    r"(see|read) also\b.*",
    r"(also|read|watch|listen) (more|next)\b.*",
    r"read more\b.*",
    r"related( (articles?|stories|content|news|coverage|topics))?\s*[:|-].*",
    r"(exclusive|premium|sponsored|partner|promoted) content",
    r"(the )?latest (news|articles?|stories|videos?|headlines)",
    r"more (news|articles?|stories|videos?|from [\w ]+|on this story)",
    r"(most (read|popular|viewed|shared))",
    r"top (news|stories)",
    r"(advertisement|advertising|sponsored|ad)",
    r"(share|share this|share this (article|story)|print|email|comments?|\d+ comments?)",
    r"(follow|like) us on .*",
    r"(sign up|subscribe|click here|download our app|get our newsletter)\b.*",
    r"(image|photo|picture|video|graphic|illustration)( credit| source)?\s*[:|].*",
    r"(copyright|©|\(c\)) .*",
    r"all rights reserved.*",
    r"(skip to|jump to|back to) (main )?(content|top|navigation)",
    r"(home|menu|search|log ?in|sign in|register)",
    STAMP_LINE_PATTERN,
)
_BOILERPLATE = re.compile(r"^(?:" + "|".join(BOILERPLATE_LINE_PATTERNS) + r")\W*$", re.IGNORECASE)
_STAMP_LINE = re.compile(rf"^{STAMP_LINE_PATTERN}$", re.IGNORECASE)
HEAD_LINES = 5  # how many lines at the head of a page may hold its date stamp

# Navigation labels that news sites glue to the headline ("Top NewsRussia's ...").
_NAV_PREFIX = re.compile(r"^(?:Top News|Breaking News|Latest News|Live|Watch|Opinion|Analysis)(?=[A-Z])")

_TRANSLATIONS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00ad": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)

# Words that typically open an English sentence; when one is glued to the previous word ("BeijingThere",
# "September.The") the two sentences were run together by a bad scrape.
SENTENCE_OPENERS: tuple[str, ...] = (
    "The", "There", "This", "That", "These", "Those", "He", "She", "It", "They", "We", "His", "Her", "Its",
    "Their", "Our", "In", "On", "At", "But", "And", "After", "Before", "When", "While", "As", "However",
    "Meanwhile", "Earlier", "Later", "Last", "Next",
)
# The stop is matched before the lookbehind that checks the character before it: a pattern that opens with its
# stop lets `re` jump from stop to stop, where one opening with a lookbehind is tried at every character.
_GLUED_AFTER_STOP = re.compile(r"([.!?])(?<=[a-z0-9\)\"'][.!?])(?=[A-Z][a-z])")
_GLUED_OPENER = re.compile(r"\b([A-Za-z]*[a-z])(" + "|".join(sorted(SENTENCE_OPENERS, key=len, reverse=True)) + r")\b")
# A glued opener is a small letter then the opener itself: a line without one skips the scan (which retries the
# openers at each letter of each word). Only where a capital follows a small letter are the openers tried.
_GLUED_OPENER_AT = re.compile(r"[a-z](?=[A-Z])(?:" + "|".join(sorted(SENTENCE_OPENERS, key=len, reverse=True))
                              + r")\b")
_TERMINAL_PUNCTUATION = frozenset(".!?:;\"')]")
_SPACES = re.compile(r"[ \t\f\v]+")


def is_boilerplate_line(line: str) -> bool:
    """Whether a line is page furniture (a link to another story, navigation, a label) rather than prose."""
    stripped = line.strip()
    if not stripped:
        return False
    if _BOILERPLATE.match(stripped):
        return True
    # Teasers cut off by the site ("Russia's Putin is set to make a rare visit to...").
    return stripped.endswith(("...", "…")) and len(stripped) < 200


# Inline furniture inside paragraphs: embedded-post signatures, links, photo credits.
INLINE_NOISE_PATTERNS: tuple[str, ...] = (
    # "— Jane Doe (@janedoe) November 9, 2016" closing an embedded social-media post
    r"(?:(?<=\s)|^)(?:--|—|–|-)\s+[^()\n]{0,60}\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?",
    r"\bpic\.twitter\.com/\w+",
    r"\bhttps?://\S+",
    r"\bwww\.\S+",
    # "Jane Smith/Getty Images 3/8", "(Photo: AFP)"
    (
        r"(?:[A-Z][\w.'-]+ ){0,3}[A-Z][\w.'-]+\s*/\s*(?:Getty Images|AFP|Reuters|AP|PA|EPA|Shutterstock)"
        r"(?: via Getty Images)?(?:\s+\d{1,2}/\d{1,2}\b)?"
    ),
    r"\((?:Photo|Image|Picture|Credit|Source)s?:[^)]{0,80}\)",
    # the date stamp of a link to another story or gallery: "Floods in pictures Tue, March 7, 2017"
    # (prose spells the weekday out: "on Wednesday, Nov. 30")
    (
        r"(?<!\bon )\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?:January|February|March|April|May|June|July|August|"
        r"September|October|November|December) \d{1,2}, \d{4}\b"
    ),
    # Datelines of wire copy: "SAO PAULO (AP) --"
    r"\b[A-Z]{2,}(?:[ ,.-]+[A-Z]{2,})*\s*\((?:AP|Reuters|AFP|UPI|CNN|dpa|Xinhua)\)\s*(?:--|—|–|-)?",
    # and any paragraph's opening dateline: a place in capitals, its state or country, the desk or agency that
    # filed it, then a dash ("SAN JOSE, Calif. (AP) --", "KESTREL POINT (Science Desk Wire) --", "LONDON --")
    (r"^[A-Z]{2,}(?:[ .'-]+[A-Z]{2,})*(?:, (?:[A-Z][a-z]+\.?|[A-Z]\.(?:[A-Z]\.)+)(?: [A-Z][a-z]+\.?)?)?"
    r"(?: \([A-Z][^()]{1,40}\))?\s*(?:--|—|–)\s+(?=[A-Z\"'])"),
    # "Copyright 2016 The Associated Press. All rights reserved."
    r"(?:\bCopyright|©)\s+(?:\(c\)\s+)?\d{4}(?:\s+(?!All\b)[A-Z][\w&.-]*){0,5}\.?(?:\s+All rights reserved\.?)?",
)

# Photo agencies and credit lines; a name followed by one of these is a picture's credit, not prose.
_CREDIT = (
    r"(?:Getty Images|Getty|GETTY|REUTERS|Reuters|AFP|AP|PA|EPA|Rex Features|Shutterstock|Associated Press|"
    r"Press Association|AP:Associated Press|PA:Press Association|Usa Today Sports|USA TODAY Sports)"
)
# Page furniture that scrapes glue into the running text: gallery counters and credits, caption labels,
# player controls, share buttons. Each match is replaced by a line break, so that a caption the label
# introduced stands apart from the sentence it was glued to and never merges with it.
FURNITURE_PATTERNS: tuple[str, ...] = (
    r"\bImage copyright\b(?: (?:Getty Images|[A-Z][\w&.-]*(?: (?:Press|Images|Agency|News|House|Pictures))*))?",
    r"\bPlay slideshow\b(?:\s+" + _CREDIT + r"(?: for [A-Z]\w+)?)?(?:\s+\d{1,3} of \d{1,3}\b)?",
    # "Getty Images for Unicef 1 of 25", "REUTERS 1 of 9", "1 of 12 Full Screen Autoplay Close Skip Ad x"
    r"(?:\b" + _CREDIT + r"(?: for [A-Z]\w+)?\s+)?\b\d{1,3} of \d{1,3}\b(?=\s+(?:Full Screen|" + _CREDIT + r"\b))",
    r"\bFull Screen Autoplay Close Skip Ad x\b",
    r"\bView Photos\b",
    r"\bScroll down for (?:video|more)\b",
    # "Jane Smith/The Daily Post Buy Photo Wait 1 second to continue."
    (
        r"(?:(?:[A-Z][\w.'-]+ ){0,3}[A-Z][\w.'-]+/(?:[A-Z][\w.'-]+ ){0,3}[A-Z][\w.'-]+ )?"
        r"\bBuy Photo(?: Wait \d+ seconds? to continue\.?)?"
    ),
    r"\bSkip Ad\b(?: Ad Loading\.*)?(?: x Embed)?(?: x Share)?",
    # "Getty Images 14 Crowds gathered ...", "Jane Smith/Getty Images 3/8": a credit and a gallery position
    r"(?:(?:[A-Z][\w.'-]+ ){0,3}[A-Z][\w.'-]+\s*/\s*)?\b" + _CREDIT + r"(?: for [A-Z]\w+)? \d{1,3}(?:/\d{1,3})?\b"
    r"(?= [A-Z(\"'])",
    r"\bGetty Images\b",
    r"\bClick to share on \w+(?: \(Opens in new window\))?",
    r"\bRead or Share this story:\s*\S*",
    r"\bFollow (?:[A-Z][\w.'-]+ ){1,3}on (?:Twitter|Facebook|Instagram)\b:?\s*(?:@\w+)?",
    (
        r"(?:\b(?:Video Loading|Video Unavailable|Click to play|Tap to play|The video will start in \d+|Cancel|"
        r"Play now|Watch this video again|Video will play in|Share this video|Watch Next)\b\s*){2,}"
    ),
    # "Photo LONDON --", "WASHINGTON --", "KUNDUZ, Afghanistan --": a caption label and a dateline
    r"\bPhoto(?= [A-Z]{3,})",
    r"(?:^|(?<=\s))[A-Z]{3,}(?: [A-Z]{3,})*(?:, [A-Z][a-z]+)?\s+--(?= )",
)
_FURNITURE = with_first_chars(re.compile("|".join(FURNITURE_PATTERNS)))  # the same matches, found faster
_CAPTION_LABEL = re.compile(r"\b(?:Media|Image) caption\b\s*")
CAPTION_MAX_CHARS = 160
# Where a caption ends: its own full stop, or the next sentence glued to it ("… to reporters The council …").
_CAPTION_END = re.compile(
    r"[.!?][\"')]?(?=\s|$)|(?<=[a-z0-9'\")])(?=\s+(?:" + "|".join(SENTENCE_OPENERS) + r")\b)"
)


def _drop_captions(line: str) -> str:
    """ "Media caption The mayor speaks to reporters The council approved …": the label and the caption go
    (a caption describes a picture, not a happening); without a visible end only the label goes."""
    pieces: list[str] = []
    position = 0
    for label in _CAPTION_LABEL.finditer(line):
        if label.start() < position:
            continue
        end = _CAPTION_END.search(line, label.end(), label.end() + CAPTION_MAX_CHARS)
        pieces.append(line[position : label.start()])
        pieces.append("\n")
        position = end.end() if end is not None else label.end()
    pieces.append(line[position:])
    return "".join(pieces)


# "Derby day in pictures 1/12 The mayor waves Getty 2/12 Fans gather ...": the position of a picture in a
# gallery, the caption after it (a caption describes a picture, not a happening of the story).
_GALLERY_POSITION = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])(?=\s+[A-Z\"'(])")
_CAPTION_CREDIT = re.compile(r"\b" + _CREDIT + r"\b")
GALLERY_MIN_PICTURES = 3


def _drop_galleries(line: str) -> str:
    """The captions of a picture gallery: from a position ("2/19") to the next one ("3/19"), and after the
    last one to its credit (or its full stop). A lone "9/11" has no neighbour and stays."""
    positions = [(m, int(m.group(1)), int(m.group(2))) for m in _GALLERY_POSITION.finditer(line)]
    numbered = {(number, total) for _, number, total in positions}
    pieces: list[str] = []
    position = 0
    for index, (match, number, total) in enumerate(positions):
        if total < GALLERY_MIN_PICTURES or match.start() < position:
            continue
        if (number + 1, total) not in numbered and (number - 1, total) not in numbered:
            continue
        following = next((m for m, n, t in positions[index + 1:] if (n, t) == (number + 1, total)), None)
        if following is not None:
            end = following.start()
        else:
            credit = _CAPTION_CREDIT.search(line, match.end(), match.end() + 2 * CAPTION_MAX_CHARS)
            stop = _CAPTION_END.search(line, match.end(), match.end() + 2 * CAPTION_MAX_CHARS)
            end = credit.end() if credit is not None else stop.end() if stop is not None else match.end()
        pieces.append(line[position : match.start()])
        pieces.append("\n")
        position = end
    pieces.append(line[position:])
    return "".join(pieces)


_READ_MORE = re.compile(r"\bRead more\b:?")
_SENTENCE_END = re.compile(r"[.!?][\"')]?\s")
TEASER_MAX_CHARS = 160


def _drop_teasers(line: str) -> str:
    """A teaser headline and its link glued between two sentences: "… said. Clinton email tale Read more As
    campaigning …" keeps "… said." and "As campaigning …" (the headline runs back to the last sentence end)."""
    pieces: list[str] = []
    position = 0
    for match in _READ_MORE.finditer(line):
        window_start = max(position, match.start() - TEASER_MAX_CHARS)
        ends = list(_SENTENCE_END.finditer(line, window_start, match.start()))
        teaser_start = ends[-1].end() if ends else (window_start if window_start == position else match.start())
        pieces.append(line[position:teaser_start])
        pieces.append("\n")
        position = match.end()
    pieces.append(line[position:])
    return "".join(pieces)
# "<post> -- Jane Doe (@janedoe) November 9, 2016": the signature an embedded social-media post ends with.
_POST_SIGNATURE = re.compile(
    r"(?:--|—|–|(?<=\s)-|(?<=\w)-(?= ))\s*(?P<name>[^()\n]{0,60}?)\s*\(@(?P<handle>\w+)\)\s*"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
)
# How the statement of an embedded post reads (actors/ finds its author by it).
POSTED_ON = "posted on"
_AUTHOR = r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,4}"
POST_STATEMENT = re.compile(rf"(?m)^(?P<author>{_AUTHOR}) {POSTED_ON} [A-Z][a-z]+\.? \d{{1,2}}, \d{{4}}: \"")
# Where a post's text starts: after the previous post, or at the start of its last sentence(s) that fit.
_POST_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"')]\s))(?=[\"'@#]?[A-Z0-9])")
POST_MAX_CHARS = 280
POST_MIN_CHARS = 60
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\w+|https?://\S+)")
_TRAILING_POST_LINKS = re.compile(r"(?:\s*(?:pic\.twitter\.com/\w+|https?://\S+))+\s*$")
# "@Nutella", "#Harwick": a handle or tag that is one plain word names what the post is about.
_PLAIN_TAG = re.compile(r"[@#]([A-Z][a-z]{2,})\b(?![@#\w])")


def embedded_posts_as_statements(line: str) -> str:
    """An embedded post is a dated statement by its author: "<text> -- Jane Doe (@janedoe) November 9, 2016"
    becomes 'Jane Doe posted on November 9, 2016: "<text>"'. The post's text runs back to the previous post
    of the line, else over its last sentences (at most a post's length, at least a short sentence's)."""
    pieces: list[str] = []
    position = 0
    for match in _POST_SIGNATURE.finditer(line):
        name = _author_name(match.group("name"))
        start = _post_start(line, position, match.start())
        text = _PLAIN_TAG.sub(r"\1", _POST_LINK.sub("", line[start : match.start()])).replace('"', "'")
        text = text.strip().rstrip(":;,-–— ")  # "Our new jar:" ends on a picture
        pieces.append(line[position:start])
        if name and text:
            pieces.append(f'\n{name} {POSTED_ON} {match.group("date")}: "{text}".\n')
        position = match.end()
    pieces.append(line[position:])
    return "".join(pieces)


def _author_name(raw: str) -> str:
    """The display name, when it reads as one ("Jane Doe", "Nutella"), else nothing."""
    name = raw.strip(" -—–")
    return name if re.fullmatch(_AUTHOR, name) else ""


def _post_start(line: str, earliest: int, end: int) -> int:
    """The latest sentence start at least a short sentence before the signature, within a post's length and
    after the previous post; else the previous post's end (when it is that close), else nothing."""
    trailing_links = _TRAILING_POST_LINKS.search(line, earliest, end)
    end = trailing_links.start() if trailing_links else end  # "… missing! pic.twitter.com/C2VD": not text
    window = max(earliest, end - POST_MAX_CHARS)
    starts = [m.start() for m in _POST_SENTENCE_START.finditer(line, window, end)]
    if earliest and (not starts or starts[0] > earliest) and end - earliest <= POST_MAX_CHARS:
        starts.insert(0, earliest)
    fitting = [start for start in starts if end - start >= POST_MIN_CHARS]
    if fitting:
        return fitting[-1]
    return starts[0] if starts else end


# "(Reuters)", "(AFP/Getty Images)", "(The Washington Post)": a credit inside a sentence goes, the sentence stays.
_INLINE_NOISE = with_first_chars(re.compile("|".join(INLINE_NOISE_PATTERNS)))
_CREDIT_IN_BRACKETS = re.compile(
    r"\((?:[A-Z][\w.'-]+[ /,]+|via ){0,4}(?:" + _CREDIT + r"|The [A-Z]\w+ (?:Post|Times|News|Journal))\)"
    r"(?P<next>\s+[A-Z])?"
)


def _credit_in_brackets(match: re.Match[str]) -> str:
    """A bracketed credit before a capital ends a caption (a line break); inside a sentence, a space."""
    return "\n" + match.group("next").lstrip() if match.group("next") else " "
# "emails --which totaled": a dash glued to a word would be read as part of it.
# (The dash comes first and the lookbehind checks the character before it: `re` then jumps from dash to dash.)
_DASH_GLUED_BEFORE = re.compile(r"--(?<=\s--)(?=[A-Za-z])")
_DASH_GLUED_AFTER = re.compile(r"--(?<=[A-Za-z]--)(?=\s)")


# '"It was a false happiness, "Perlo said': a detokeniser put the closing quote's space on the wrong side.
# Only after a comma: after a full stop, '… all night. "Tomorrow, we …' opens the quotation's next sentence.
_DETACHED_CLOSING_QUOTE = re.compile(r'(?<=,) "(?=[A-Za-z])')


def _reattach_closing_quotes(text: str) -> str:
    """Move a closing quote written as an opening one back onto its quotation: in a line whose quotes pair up,
    every second quote closes, so one that stands before a word after ", " belongs to the words before it."""
    if text.count('"') % 2:
        return text
    pieces, last = [], 0
    for match in _DETACHED_CLOSING_QUOTE.finditer(text):
        if text.count('"', 0, match.start()) % 2 == 1:  # an odd number of quotes before: this one closes
            pieces += [text[last : match.start()], '" ']
            last = match.end()
    return "".join(pieces) + text[last:] if pieces else text


def normalise_typography(text: str) -> str:
    """Straighten quotes, unify spaces and dashes, and split sentences that a scrape glued together."""
    text = text.translate(_TRANSLATIONS).replace("''", '"').replace("``", '"')
    if ' "' in text:
        text = _reattach_closing_quotes(text)
    text = _DASH_GLUED_AFTER.sub(" --", _DASH_GLUED_BEFORE.sub("-- ", text))
    text = _GLUED_AFTER_STOP.sub(r"\1 ", text)
    if _GLUED_OPENER_AT.search(text):
        text = _GLUED_OPENER.sub(_split_glued_opener, text)
    return text


def _split_glued_opener(match: re.Match[str]) -> str:
    head, opener = match.group(1), match.group(2)
    # Only a capitalised word glued to the end of another word ("SeptemberThe"), never "Another".
    if len(head) < 2 or not head[-1].islower():
        return match.group(0)
    return f"{head}. {opener}"


# A timeline's entries that a scrape ran into one line ("... opens the bridge March 4, 2010: the mayor is
# sworn in ..."): each "DATE: " head starts an entry of its own, or its date would end the entry before it.
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
               r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_ENTRY_DATE = (rf"(?:{_MONTH_NAME}\s+\d{{1,2}},?\s+\d{{4}}|{_MONTH_NAME}\s+\d{{4}}"
               r"|(?:Spring|Summer|Fall|Autumn|Winter)\s+\d{4})")
_TIMELINE_ENTRY = re.compile(rf"(?P<before>\w+[)'\"]?)\s+(?={_ENTRY_DATE}:\s+[A-Z\"'])")
# Every entry's date ends in its year and a colon: a line without one skips the scan, which tries each word.
_ENTRY_DATE_END = re.compile(r"\d{4}:\s+[A-Z\"']")
# "posted on November 8, 2016: ..." and "until March 2015: ..." are one sentence, not an entry
_NOT_BEFORE_AN_ENTRY = frozenset({
    "on", "in", "at", "by", "of", "to", "from", "since", "until", "till", "before", "after", "between", "during",
    "around", "about", "near", "than", "and", "or", "posted", "wrote", "said", "tweeted", "dated",
})  # fmt: skip


def _split_timeline_entries(line: str) -> str:
    def split(match: re.Match[str]) -> str:
        before = match.group("before")
        if before.lower().rstrip(")'\"") in _NOT_BEFORE_AN_ENTRY:
            return match.group(0)
        return before + ".\n"  # a full stop, or the parser may run the entry on over a closing quote

    return _TIMELINE_ENTRY.sub(split, line) if _ENTRY_DATE_END.search(line) else line


def clean_text(text: str) -> str:
    """Normalise plain article text and drop boilerplate lines; paragraphs stay separated by blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for raw_line in text.split("\n"):
        line = normalise_typography(_NAV_PREFIX.sub("", raw_line.strip()))
        if is_boilerplate_line(line):
            continue  # "Read more: <another story>" as a line of its own
        line = _drop_teasers(_drop_captions(_drop_galleries(_CREDIT_IN_BRACKETS.sub(_credit_in_brackets, line))))
        line = embedded_posts_as_statements(line)
        for part in _FURNITURE.sub("\n", _split_timeline_entries(line)).split("\n"):
            part = _SPACES.sub(" ", _INLINE_NOISE.sub(" ", part)).strip()
            if not part or is_boilerplate_line(part):
                continue
            if part[-1] not in _TERMINAL_PUNCTUATION:
                part += "."  # headlines and captions: keep them from running into the next paragraph
            paragraphs.append(part)
    return "\n\n".join(paragraphs)


def html_to_text(html: str) -> str:
    """Extract the main text of an HTML page (trafilatura), without comments, tables or link lists."""
    import trafilatura

    extracted = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        favor_precision=True,
        deduplicate=True,
    )
    if extracted is None:
        extracted = trafilatura.html2txt(html) or ""
    return extracted


def looks_like_html(text: str) -> bool:
    """Guess whether a submission is an HTML page rather than plain text."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(p|div|body|article)[\s>]", head))


def clean_article(text: str, *, is_html: bool | None = None) -> str:
    """Clean a submitted article: HTML to main text when needed, then line-level cleaning."""
    return clean_article_with_stamps(text, is_html=is_html)[0]


def clean_article_with_stamps(text: str, *, is_html: bool | None = None) -> tuple[str, list[str]]:
    """`clean_article`, and the date stamp lines at the head of the page that the cleaning dropped."""
    if is_html is None:
        is_html = looks_like_html(text)
    if is_html:
        text = html_to_text(text)
    return clean_text(text), head_stamp_lines(text)


def head_stamp_lines(text: str) -> list[str]:
    """The lines among the first `HEAD_LINES` (not blank) that are a page stamp ("Updated: May 3, 2021")."""
    head = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()][:HEAD_LINES]
    return [line for line in head if _STAMP_LINE.match(normalise_typography(line))]
