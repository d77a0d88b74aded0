"""Blocks: the document's lines classified as title, heading, numbered heading, bullet,
deadline heading, paragraph or boilerplate, each with exact spans.

Heading styles, bullet marks, deadline phrases and footer markers come from the language data,
so the same code reads `1.`, `一、`, `（一）`, `ข้อ 1`, `I.` and `(a)`.
"""

from __future__ import annotations

import re
from typing import Literal, Optional

from pipeline.config import LangData, alternation
from pipeline.lang.numerals import parse_ordinal, parse_year
from pipeline.schema import Frozen, Span

BlockKind = Literal["title", "heading", "numbered", "bullet", "deadline", "paragraph", "boilerplate", "metadata"]

LINE = re.compile(r"[^\n]+")
# A title is a short first line; longer first lines are ordinary paragraphs.
MAX_TITLE_CHARS = 200
# An unnumbered line this short, not ending a sentence, and followed by more text is a heading.
MAX_HEADING_CHARS = 60
# An unnumbered chapter line over numbered measures is longer, but still one line of title.
MAX_CHAPTER_CHARS = 160
# A deadline heading ends with its deadline phrase; at most this much may follow it ("By 2025:").
MAX_DEADLINE_HEADING_EXTRA = 6
# Footers sit at the end: a footer marker only opens the boilerplate in the second half.
BOILERPLATE_MIN_POSITION = 0.5
# Markdown front matter (Jekyll, Hugo, Hashnode): "---" lines fencing "key: value" lines at the top.
FRONT_MATTER_FENCE = "---"
MAX_FRONT_MATTER_LINES = 40
# A line that is only an image: a Markdown image, or a bare image file's name ("343320.jpg").
IMAGE_LINE = re.compile(r"(?:!\[[^\]]*\]\([^)]*\)|\S+\.(?:jpe?g|png|gif|webp|svg))", re.IGNORECASE)
# A line that is only a menu or a breadcrumb: three or more short items between "|", or two or more
# between ">", ">>", "»", "›" ("中文|French|日本语|Spanish", "English>>China Politics").
NAV_LINE = re.compile(r"(?:[^|\n]{1,24}\|){2,}[^|\n]{0,24}|[^>»›\n]{1,24}(?:(?:>>?|»|›)[^>»›\n]{1,24})+")


class Block(Frozen):
    kind: BlockKind
    span: Span                      # the line without surrounding whitespace
    body_span: Span                 # after the number or bullet mark
    label: Optional[str] = None     # numbering as written: "1", "二", "a"
    number: Optional[int] = None    # numbering as an ordinal
    rank: Optional[int] = None      # heading level of the numbering style (1 = top)
    year: Optional[int] = None      # deadline headings: the year they set


def _lines(text: str) -> list[Span]:
    spans = []
    for match in LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _front_matter_lines(text: str, spans: list[Span]) -> int:
    """How many lines of Markdown front matter open the text, fences included (0 if none): the
    page's metadata, not its lead, title or body."""
    if not spans or text[spans[0][0]:spans[0][1]] != FRONT_MATTER_FENCE:
        return 0
    for i, (start, end) in enumerate(spans[1:MAX_FRONT_MATTER_LINES + 1], start=1):
        if text[start:end] == FRONT_MATTER_FENCE:
            return i + 1
    return 0


class BlockReader:
    """Classifies lines with one language's heading styles and markers."""

    def __init__(self, data: LangData) -> None:
        self.data = data
        self.styles = [(re.compile(h.pattern), h.rank) for h in data.heading_styles]
        self.bullet = re.compile(data.bullet_pattern) if data.bullet_pattern else None
        self.deadlines = [re.compile(p) for p in data.deadline_patterns]
        self.footer = re.compile(alternation(data.boilerplate_markers)) if data.boilerplate_markers else None
        # "# 参考文献", "References:": the heading alone on its line, markdown marks aside
        back = alternation(data.back_matter_headings)
        self.back_matter = re.compile(rf"[#\s]*(?:{back})\s*[:：]?\s*$", re.IGNORECASE) if back else None
        chrome = [IMAGE_LINE.pattern, NAV_LINE.pattern, *data.page_chrome_patterns]
        self.chrome = re.compile("|".join(f"(?:{p})" for p in chrome), re.IGNORECASE)
        self.terminators = tuple(data.sentence_terminators + "。.")
        self.sentence_ends = tuple(data.sentence_terminators + "。") if data.sentence_terminators else ("。",)

    def read(self, text: str) -> list[Block]:
        spans = _lines(text)
        head = _front_matter_lines(text, spans)
        head += self._chrome_lines(text, spans[head:])
        metadata = [Block(kind="metadata", span=span, body_span=span) for span in spans[:head]]
        spans = spans[head:]
        footer_from = self._footer_start(text, spans)
        # A title is a first line that more text follows and that ends no sentence.
        titled = len(spans) > 1 and not text[spans[0][0]:spans[0][1]].endswith(self.terminators)
        blocks = [self._classify(text, span, i == 0 and titled, i >= footer_from) for i, span in enumerate(spans)]
        return metadata + self._promote_headings(text, blocks)

    def _chrome_lines(self, text: str, spans: list[Span]) -> int:
        """How many lines of a saved page's chrome open it ("top of page", "Advertisement", an
        image's file name, "首页 > 今日要闻 > 正文"): not its title, lead or body."""
        count = 0
        while count < len(spans) and self.chrome.fullmatch(text, *spans[count]):
            count += 1
        return count

    def _footer_start(self, text: str, spans: list[Span]) -> int:
        """The first line of the page's footer or of the text's back matter, in its second half."""
        markers = [m for m in (self.footer, self.back_matter) if m is not None]
        for i, (start, end) in enumerate(spans):
            if start >= BOILERPLATE_MIN_POSITION * len(text) and any(m.match(text, start, end) for m in markers):
                return i
        return len(spans)

    def _classify(self, text: str, span: Span, first: bool, footer: bool) -> Block:
        start, end = span
        if footer:
            return Block(kind="boilerplate", span=span, body_span=span)
        for pattern, rank in self.styles:
            match = pattern.match(text, start, end)
            if match and match.end() < end:
                label = match.group("num")
                return Block(kind="numbered", span=span, body_span=(match.end(), end), label=label,
                             number=parse_ordinal(label, self.data), rank=rank)
        if self.bullet is not None:
            match = self.bullet.match(text, start, end)
            if match and match.end() < end:
                return Block(kind="bullet", span=span, body_span=(match.end(), end))
        year = self._deadline_heading_year(text, span)
        if year is not None:
            return Block(kind="deadline", span=span, body_span=span, year=year)
        if first and end - start <= MAX_TITLE_CHARS:
            return Block(kind="title", span=span, body_span=span)
        return Block(kind="paragraph", span=span, body_span=span)

    def _deadline_heading_year(self, text: str, span: Span) -> Optional[int]:
        """A deadline heading is a short line that ends with a deadline phrase, whatever words
        come before it: "ภายในปี ค.ศ. 2025", "เป้าหมายภายในปี 2568", "Targets by 2025:"."""
        start, end = span
        if end - start > MAX_HEADING_CHARS or text[start:end].endswith(self.sentence_ends):
            return None
        for pattern in self.deadlines:
            for match in pattern.finditer(text, start, end):
                if end - match.end() <= MAX_DEADLINE_HEADING_EXTRA and not self._states_an_amount(text, start, match.start()):
                    return parse_year(match, self.data)
        return None

    def _states_an_amount(self, text: str, start: int, end: int) -> bool:
        """A line with a number before its deadline is a sentence ("ให้ได้ 60 ล้านคนภายในปี 2025"),
        not a heading that scopes what follows."""
        return any(ch.isdigit() for ch in text[start:end])

    def _promote_headings(self, text: str, blocks: list[Block]) -> list[Block]:
        """An unnumbered paragraph that ends no sentence is a heading when it stands right
        before a numbered heading (a chapter line), or when it is short and more text follows.
        The paragraph right after a numbered heading is that heading's body, never a heading."""
        out = list(blocks)
        for i, block in enumerate(blocks):
            if block.kind != "paragraph" or i + 1 >= len(blocks):
                continue
            if i > 0 and blocks[i - 1].kind == "numbered":
                continue
            content = text[block.span[0]:block.span[1]]
            if content.endswith(self.terminators):
                continue
            nxt = blocks[i + 1]
            chapter_line = nxt.kind == "numbered" and len(content) <= MAX_CHAPTER_CHARS
            short = len(content) <= MAX_HEADING_CHARS and nxt.kind != "boilerplate"
            if chapter_line or short:
                out[i] = block.model_copy(update={"kind": "heading"})
        return out
