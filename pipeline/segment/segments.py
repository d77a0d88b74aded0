"""Sentences and clauses, read once from the spaCy Doc and shared by every extractor.

Sentences come from the Doc (PyThaiNLP crfcut for Thai, the rule sentencizer for Chinese and
English) and never run across a line break: after paragraph reflow a line is a paragraph, a
heading or a list item. Clauses are sentences cut at the language's clause separators (",；" in
Chinese, ";" in English); an ASCII separator counts only before a space, so "3.5%" stays whole.
"""

from __future__ import annotations

import bisect
from typing import Optional

from pipeline.config import LangData
from pipeline.schema import Span


class Segments:
    def __init__(self, sentences: list[Span], clauses: list[Span]) -> None:
        self.sentences = sentences
        self.clauses = clauses
        self._sentence_starts = [s for s, _ in sentences]
        self._clause_starts = [s for s, _ in clauses]

    @classmethod
    def from_processed(cls, processed, data: LangData) -> "Segments":
        """Sentences from the sentence starts spaCy found (pipeline.nlp.process), cut at line
        breaks, and their clauses."""
        text, starts = processed.text, processed.sentence_starts
        if not starts:
            return cls([], [])
        bounds = starts[1:] + [len(text)]
        sentences: list[Span] = []
        for start, end in zip(starts, bounds):
            sentences += _split_lines(text, (start, end))
        clauses = [c for s in sentences for c in _clauses(text, s, data.clause_separators)]
        return cls(sentences, clauses)

    def sentence_of(self, position: int) -> Optional[Span]:
        return _containing(self.sentences, self._sentence_starts, position)

    def clause_of(self, position: int) -> Optional[Span]:
        return _containing(self.clauses, self._clause_starts, position)

    def sentences_in(self, span: Span) -> list[Span]:
        return _within(self.sentences, self._sentence_starts, span)

    def clauses_in(self, span: Span) -> list[Span]:
        return _within(self.clauses, self._clause_starts, span)


def _containing(spans: list[Span], starts: list[int], position: int) -> Optional[Span]:
    i = bisect.bisect_right(starts, position) - 1
    if i >= 0 and spans[i][0] <= position < spans[i][1]:
        return spans[i]
    return None


def _within(spans: list[Span], starts: list[int], span: Span) -> list[Span]:
    """Spans overlapping `span`, clipped to it."""
    i = max(0, bisect.bisect_right(starts, span[0]) - 1)
    out = []
    while i < len(spans) and spans[i][0] < span[1]:
        s, e = max(spans[i][0], span[0]), min(spans[i][1], span[1])
        if s < e:
            out.append((s, e))
        i += 1
    return out


def strip(text: str, span: Span, extra: str = "") -> Span:
    start, end = span
    while start < end and (text[start].isspace() or text[start] in extra):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in extra):
        end -= 1
    return start, end


def _split_lines(text: str, span: Span) -> list[Span]:
    out, start = [], span[0]
    for i in range(span[0], span[1]):
        if text[i] == "\n":
            out.append(strip(text, (start, i)))
            start = i + 1
    out.append(strip(text, (start, span[1])))
    return [s for s in out if s[0] < s[1]]


def is_boundary(text: str, i: int) -> bool:
    """"." inside "3.5%" and "," inside "1,200" are no boundaries; CJK punctuation always is, and
    an ASCII mark is when a space or a non-Latin letter follows ("增长5%,2030年"), or, for a comma or
    semicolon, when no digit stands before it ("约1.3亿吨;2025年,非化石…")."""
    if not text[i].isascii() or i + 1 >= len(text):
        return True
    following = text[i + 1]
    if following.isspace() or not following.isascii():
        return True
    return text[i] in ",;" and i > 0 and not text[i - 1].isdigit()


def _clauses(text: str, span: Span, separators: str) -> list[Span]:
    out: list[Span] = []
    start = span[0]
    for i in range(span[0], span[1]):
        if text[i] in separators and is_boundary(text, i):
            clause = strip(text, (start, i), separators)
            if clause[0] < clause[1]:
                out.append(clause)
            start = i + 1
    clause = strip(text, (start, span[1]), separators)
    if clause[0] < clause[1]:
        out.append(clause)
    return out
