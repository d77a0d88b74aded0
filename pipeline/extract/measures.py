"""Chapters and numbered measures from the document's blocks.

Two shapes cover the corpus: numbered chapters over numbered measures (`二、` over `（三）`,
`I.` over `1.`), and unnumbered chapter lines directly over numbered measures (the Thai seed).
A chapter whose title names the goals ("总体要求", "เป้าหมายการพัฒนา") holds goals, not measures.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.schema import Chapter, Measure, Span
from pipeline.segment.blocks import Block
from pipeline.spans import SpanIndex

# Blocks that end a measure's body.
BODY_STOPPERS = {"numbered", "heading", "deadline", "boilerplate", "title"}


@dataclass(frozen=True)
class Structure:
    """A document's chapters, measures and the zones its goal headings open."""

    chapters: list[Chapter]
    measures: list[Measure]
    goal_zones: list[Span]

    @functools.cached_property
    def _zones(self) -> SpanIndex:
        return SpanIndex(self.goal_zones)

    def in_goal_zone(self, position: int) -> bool:
        return self._zones.contains(position)


def read_structure(text: str, blocks: list[Block], data: LangData) -> Structure:
    numbered = [b for b in blocks if b.kind == "numbered"]
    ranks = sorted({b.rank for b in numbered if b.rank is not None})
    if not ranks:
        return Structure([], [], _goal_heading_zones(text, blocks, data))
    measure_rank = ranks[1] if len(ranks) > 1 else ranks[0]
    if len(ranks) > 1:
        heads = [b for b in numbered if b.rank == ranks[0]]
    else:
        heads = [b for i, b in enumerate(blocks[:-1])
                 if b.kind == "heading" and blocks[i + 1].kind == "numbered" and blocks[i + 1].rank == measure_rank]
    goal_words = re.compile(alternation(data.goal_section_titles), re.IGNORECASE) if data.goal_section_titles else None
    end_of_text = _content_end(text, blocks)
    chapters: list[Chapter] = []
    goal_zones = _goal_heading_zones(text, blocks, data)
    for i, head in enumerate(heads):
        zone_end = heads[i + 1].span[0] if i + 1 < len(heads) else end_of_text
        title_span = _title_span(text, head.body_span, data)
        if goal_words and goal_words.search(text, *title_span):
            goal_zones.append((head.span[0], zone_end))
        chapters.append(Chapter(
            id=f"C{i + 1}", number=i + 1, label=head.label, text=text[head.span[0]:head.span[1]],
            span=head.span, title=text[title_span[0]:title_span[1]], title_span=title_span,
        ))
    measures = _measures(text, blocks, data, measure_rank, heads, chapters, goal_zones, goal_words)
    return Structure(chapters, measures, goal_zones)


def _measures(text, blocks, data, rank, heads, chapters, goal_zones, goal_words) -> list[Measure]:
    out: list[Measure] = []
    # The goal zones known before (chapters, headings) are bisected. A zone found here starts at an
    # earlier block (blocks come in text order), so a block lies in one of those exactly when it
    # starts before the furthest end among them.
    known_zones = SpanIndex(goal_zones)
    goal_reach = -1
    head_starts = [h.span[0] for h in heads]
    for i, block in enumerate(blocks):
        if block.kind != "numbered" or block.rank != rank:
            continue
        title_span = _title_span(text, block.body_span, data)
        if goal_words and goal_words.search(text, *title_span):
            goal_zones.append((block.span[0], _body_end(blocks, i)))
            goal_reach = max(goal_reach, goal_zones[-1][1])
            continue
        if block.span[0] < goal_reach or known_zones.contains(block.span[0]):
            continue
        chapter = _enclosing(head_starts, chapters, block.span[0])
        span = (block.span[0], _body_end(blocks, i))
        out.append(Measure(
            id=f"M{len(out) + 1}", number=block.number or len(out) + 1, label=block.label or "",
            text=text[span[0]:span[1]], span=span, title=text[title_span[0]:title_span[1]],
            title_span=title_span, chapter=chapter.id if chapter else None,
        ))
    return out


def _title_span(text: str, body: Span, data: LangData) -> Span:
    """A heading's title: the line after its number, or its first sentence when the body runs
    on in the same paragraph ("（三）构建高水平实验室体系。支持…")."""
    start, end = body
    terminators = data.sentence_terminators + "：:"
    for i in range(start, end):
        if text[i] in terminators and (i + 1 == end or not text[i].isascii() or text[i + 1].isspace()):
            return (start, i) if i > start else body
    return body


def _body_end(blocks: list[Block], i: int) -> int:
    end = blocks[i].span[1]
    for block in blocks[i + 1:]:
        if block.kind in BODY_STOPPERS:
            break
        end = block.span[1]
    return end


def _enclosing(head_starts: list[int], chapters: list[Chapter], position: int) -> Optional[Chapter]:
    """The chapter of the last heading at or before `position` (headings in text order)."""
    i = bisect.bisect_right(head_starts, position) - 1
    return chapters[i] if i >= 0 else None


def _content_end(text: str, blocks: list[Block]) -> int:
    for block in blocks:
        if block.kind == "boilerplate":
            return block.span[0]
    return len(text)


def _goal_heading_zones(text: str, blocks: list[Block], data: LangData) -> list[Span]:
    """Unnumbered goal headings ("เป้าหมายการพัฒนา") open a goal zone until the next heading."""
    # Headings match goal words regardless of case: "Development goals", "Development Goals".
    if not data.goal_section_titles:
        return []
    words = re.compile(alternation(data.goal_section_titles), re.IGNORECASE)
    zones = []
    for i, block in enumerate(blocks):
        if block.kind == "heading" and words.search(text, *block.span):
            end = next((b.span[0] for b in blocks[i + 1:] if b.kind in ("heading", "numbered", "boilerplate")), len(text))
            zones.append((block.span[0], end))
    return zones


def with_entities(measures: list[Measure], entities) -> list[Measure]:
    """Each measure's linked entities, one pass over both sorted lists (not measures x entities)."""
    linked = sorted((e for e in entities if e.canonical_id), key=lambda e: e.span)
    starts = [e.span[0] for e in linked]
    out = []
    for m in measures:
        ids: list[str] = []
        for e in linked[bisect.bisect_left(starts, m.span[0]):bisect.bisect_left(starts, m.span[1])]:
            if e.span[1] <= m.span[1] and e.canonical_id not in ids:
                ids.append(e.canonical_id)
        out.append(m.model_copy(update={"entity_ids": ids}))
    return out
