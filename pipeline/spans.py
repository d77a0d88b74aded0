"""Questions about many character spans at once, answered by bisection: does a position fall in
one of them, does a span overlap one. A document of a million characters has tens of thousands of
dates, amounts and URLs; asking each of them against every other is quadratic."""

from __future__ import annotations

import bisect
from typing import Iterable, NamedTuple


class Span(NamedTuple):
    """A half-open character span [start, end) into a document's text. Every item of a record
    carries one (JSON: [start, end]); stages pass plain (start, end) tuples, which the functions
    below take as well."""

    start: int
    end: int

    def overlaps(self, other: tuple[int, int]) -> bool:
        return overlaps(self, other)

    def contains(self, other: tuple[int, int]) -> bool:
        return contains(self, other)

    def holds(self, position: int) -> bool:
        return within(position, self)

    def slice(self, text: str) -> str:
        return text[self.start:self.end]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    """`inner` lies within `outer`."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def within(position: int, span: tuple[int, int]) -> bool:
    """`position` falls inside `span`."""
    return span[0] <= position < span[1]


def overlaps_any(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """`span` shares a character with one of a few `spans` (many: use SpanIndex)."""
    return any(s < span[1] and span[0] < e for s, e in spans)


class SpanIndex:
    """A set of half-open spans, possibly overlapping, queried in O(log n)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted((s, e) for s, e in spans if e > s)
        self.starts = [s for s, _ in self.spans]
        # reach[i]: the furthest end among spans[0..i], so overlap needs only one look back.
        self.reach: list[int] = []
        furthest = -1
        for _, e in self.spans:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def __len__(self) -> int:
        return len(self.spans)

    def contains(self, position: int) -> bool:
        """Some span holds `position`."""
        i = bisect.bisect_right(self.starts, position) - 1
        return i >= 0 and self.reach[i] > position

    def overlaps(self, span: Span) -> bool:
        """Some span shares a character with `span`."""
        i = bisect.bisect_left(self.starts, span[1]) - 1
        return i >= 0 and self.reach[i] > span[0]

    def starts_within(self, span: Span) -> bool:
        """Some span starts inside `span`."""
        i = bisect.bisect_left(self.starts, span[0])
        return i < len(self.starts) and self.starts[i] < span[1]


class DisjointSpans:
    """Spans taken one by one, none overlapping another (the first reading of a stretch of text
    wins): adding and asking cost O(log n), not a scan of everything taken so far."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        i = bisect.bisect_left(self.starts, span[1]) - 1   # the last taken span starting before span ends
        return i >= 0 and self.ends[i] > span[0]

    def add(self, span: Span) -> None:
        i = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])

    def __iter__(self):
        return iter(zip(self.starts, self.ends))
