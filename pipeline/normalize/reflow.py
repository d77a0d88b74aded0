"""Paragraphs rebuilt from hard-wrapped lines, keeping the map to the raw text.

A PDF's text layer and many plain-text files break lines inside paragraphs at a fixed width, so
everything read "within a paragraph" or "within a line" would stop at the wrap. When a document
is wrapped — many lines near one width — a line that fills the width and is followed by a line
that opens no heading, bullet or numbered item continues on that line: the break is removed
(between Thai or CJK characters, which use no spaces between words) or becomes one space (between
Latin words). A page break inside a paragraph (the reader's blank line between pages) is joined
the same way. Every character keeps the raw offset it came from.
"""

from __future__ import annotations

import re
from typing import Sequence

from pipeline.normalize.text import Normalized

# A document is hard-wrapped when at least this many lines, and this share of the lines that
# another line follows, reach FULL_LINE of the wrap width.
MIN_WRAPPED_LINES = 4
MIN_WRAPPED_SHARE = 0.4
# A line is full when it reaches this share of the wrap width (proportional fonts and words that
# do not fit leave lines short of the width).
FULL_LINE = 0.72
# The wrap width is this quantile of the line lengths: a few over-long lines (a table row, a
# URL) do not set it.
WIDTH_QUANTILE = 0.9
# Lines shorter than this say nothing about a wrap width (headings, page numbers).
MIN_MEASURED_LINE = 20
SENTENCE_END = tuple("。！？!?；;:：")


def _is_spaced_script(ch: str) -> bool:
    """Latin, digits and the like separate words with spaces; Thai and CJK do not."""
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def reflow(norm: Normalized, starts: Sequence[re.Pattern[str]]) -> Normalized:
    """`norm` with wrap breaks joined. `starts`: patterns of a line that opens a new block
    (headings, bullets, numbered items), from the language data."""
    text = norm.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.start() < len(text) or m.end() > m.start()]
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
        if gap.count("\n") > 2 or not _continues(content, following.lstrip(), width, starts):
            continue
        # Keep text up to the end of this line's content, then the joiner, then resume after the
        # gap's whitespace.
        break_start = start + len(content)
        resume = next_start + (len(following) - len(following.lstrip()))
        out.append(text[cursor:break_start])
        offsets.extend(norm.raw_offsets[cursor:break_start])
        joiner = " " if _is_spaced_script(content[-1]) and _is_spaced_script(following.lstrip()[0]) else ""
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
    lengths = sorted(len(text[s:e].strip()) for s, e in lines if len(text[s:e].strip()) >= MIN_MEASURED_LINE)
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    width = lengths[min(len(lengths) - 1, int(WIDTH_QUANTILE * len(lengths)))]
    followed = lines[:-1]
    full = [s for s, e in followed if len(text[s:e].strip()) >= FULL_LINE * width]
    if len(full) < MIN_WRAPPED_LINES or len(full) < MIN_WRAPPED_SHARE * len(followed):
        return None
    return width


def _continues(line: str, following: str, width: int, starts: Sequence[re.Pattern[str]]) -> bool:
    """The next line carries on this one's paragraph."""
    if len(line.strip()) < FULL_LINE * width:
        return False
    if any(p.match(following) for p in starts):
        return False
    return True
