"""Questions about many character spans at once, answered by bisection: does a position fall in
one of them, does a span overlap one. A document of a million characters has tens of thousands of
dates, amounts and URLs; asking each of them against every other is quadratic."""

from __future__ import annotations

import bisect
from typing import Iterable

Span = tuple[int, int]


def overlaps_any(span: Span, spans: Iterable[Span]) -> bool:
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
