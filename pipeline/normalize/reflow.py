"""Paragraphs rebuilt from hard-wrapped lines, keeping the map to the raw text.

A PDF's text layer and many plain-text files break lines inside paragraphs at a fixed width, so
everything read "within a paragraph" or "within a line" would stop at the wrap. When a document
is wrapped — many lines near one width — a line continues on the next when the next line's first
word would not have fitted after it (the reason a typesetter breaks there) and the next line
opens no heading, bullet or numbered item. Widths count visible characters (Thai vowel and tone
marks take no width). The break is removed
(between Thai or CJK characters, which use no spaces between words) or becomes one space (between
Latin words). A page break inside a paragraph (the PDF reader's form feed between pages) is joined
the same way; a blank line always ends a paragraph. Every character keeps the raw offset it came from.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from pipeline.normalize.text import Normalized

# A document is hard-wrapped when at least this many lines, and this share of the lines that
# another line follows, reach FULL_LINE of the wrap width.
MIN_WRAPPED_LINES = 4
MIN_WRAPPED_SHARE = 0.4
# A line counts as full when it reaches this share of the wrap width (used to recognise a wrapped
# document; proportional fonts leave lines short of the width).
FULL_LINE = 0.72
# A line was broken for want of room when it plus the next line's first word passes this share of
# the width (character counts only approximate rendered widths).
FITS = 0.92
# The wrap width is this quantile of the line lengths: a few over-long lines (a table row, a
# URL) do not set it.
WIDTH_QUANTILE = 0.9
# Lines shorter than this say nothing about a wrap width (headings, page numbers).
MIN_MEASURED_LINE = 20
SENTENCE_END = tuple("。！？!?；;:：")


def _width(text: str) -> int:
    """Visible characters: combining marks (Thai vowels above and below, tone marks) take none."""
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


def _first_word(line: str) -> str:
    """What a typesetter could have moved up: a space-delimited word, or one CJK character."""
    word = line.split(None, 1)[0] if line.split() else ""
    return word[:1] if word and "\u3000" <= word[0] <= "\u9fff" else word


def _latin_line(line: str) -> bool:
    """A line mostly in a spaced script: a Chinese line wrapped inside "13.5" is joined with nothing."""
    letters = [ch for ch in line if ch.isalpha()]
    return not letters or sum(1 for ch in letters if _is_spaced_script(ch)) * 2 >= len(letters)


def _is_spaced_script(ch: str) -> bool:
    """Latin, digits and the like separate words with spaces; Thai and CJK do not."""
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def reflow(norm: Normalized, starts: Sequence[re.Pattern[str]]) -> Normalized:
    """`norm` with wrap breaks joined. `starts`: patterns of a line that opens a new block
    (headings, bullets, numbered items), from the language data."""
    text = norm.text
    lines = _line_spans(text)
    width = _wrap_width(text, lines)
    if width is None:
        return norm
    out: list[str] = []
    offsets: list[int] = []
    cursor = 0
    for (start, end), (next_start, next_end) in zip(lines, lines[1:]):
        content = text[start:end].rstrip()
        following = text[next_start:next_end]
        if not content or not following.strip():
            continue
        gap = text[start + len(content):next_start]
        # A blank line ends a paragraph; a page break (form feed) does not.
        if (gap.count("\n") > 1 and "\f" not in gap) or not _continues(content, following.lstrip(), width, starts):
            continue
        # Keep text up to the end of this line's content, then the joiner, then resume after the
        # gap's whitespace.
        break_start = start + len(content)
        resume = next_start + (len(following) - len(following.lstrip()))
        out.append(text[cursor:break_start])
        offsets.extend(norm.raw_offsets[cursor:break_start])
        spaced = _is_spaced_script(content[-1]) and _is_spaced_script(following.lstrip()[0]) and _latin_line(content)
        joiner = " " if spaced else ""
        if content.endswith("-") and content[-2:-1].isalpha():
            joiner = ""  # a word hyphenated across the break keeps its hyphen
        out.append(joiner)
        offsets.extend([norm.raw_offsets[break_start]] * len(joiner))
        cursor = resume
    if cursor == 0:
        return norm
    out.append(text[cursor:])
    offsets.extend(norm.raw_offsets[cursor:])
    return Normalized(text="".join(out), raw_offsets=offsets)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer("\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [s for s in spans if text[s[0]:s[1]].strip()]


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    lengths = sorted(_width(text[s:e].strip()) for s, e in lines if _width(text[s:e].strip()) >= MIN_MEASURED_LINE)
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    width = lengths[min(len(lengths) - 1, int(WIDTH_QUANTILE * len(lengths)))]
    followed = lines[:-1]
    full = [s for s, e in followed if _width(text[s:e].strip()) >= FULL_LINE * width]
    if len(full) < MIN_WRAPPED_LINES or len(full) < MIN_WRAPPED_SHARE * len(followed):
        return None
    return width


def _continues(line: str, following: str, width: int, starts: Sequence[re.Pattern[str]]) -> bool:
    """The next line carries on this one's paragraph: its first word would not have fitted here."""
    if _width(line.strip()) + 1 + _width(_first_word(following)) < FITS * width:
        return False
    if any(p.match(following) for p in starts):
        return False
    return True
