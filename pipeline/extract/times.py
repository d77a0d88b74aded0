"""Time expressions: the years a text ties its numbers to.

A deadline ("到2025年", "by 2027", "ภายในปี 2568", "2025年前"), a plain year ("in 2025", "2025年",
"ปี 68"), a plan period ("十四五", "the 14th Five-Year Plan", "แผน 5 ปี ฉบับที่ 14": its last
year), a span of years ("2021—2025年": its last year) and the current year ("今年", "this year",
"ปีนี้": the year of the document). Patterns are language data; the Five-Year Plan calendar is a
fact about China, kept here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Literal, Optional

from pipeline.config import LangData, alternation, bounded_alternation
from pipeline.lang.numerals import ad_year, parse_ordinal
from pipeline.schema import Span
from pipeline.spans import DisjointSpans

# "report": a report that sets the targets of its own year ("政府工作报告"): the current year for the
# amounts of its sentence, but no scope or heading of its own
TimeKind = Literal["deadline", "period", "relative", "range", "year", "current", "report"]
# China's Five-Year Plans: the 1st ran 1953-57, the 2nd 1958-62; after three adjustment years the
# 3rd ran 1966-70, and every plan since ends five years after the one before (the 14th in 2025).
FIRST_REGULAR_PLAN = 3


def five_year_plan_end(ordinal: int) -> Optional[int]:
    if ordinal == 1:
        return 1957
    if ordinal == 2:
        return 1962
    return 1955 + 5 * ordinal if FIRST_REGULAR_PLAN <= ordinal <= 30 else None


NPC_OF_2023 = 14   # the National People's Congress that opened in 2023


def npc_session_year(congress: int, session: int) -> Optional[int]:
    """The year of a National People's Congress session: since the 5th NPC (1978) each congress
    sits five years, one plenary session a year (the 14th's first session: 2023)."""
    if congress < 5 or not 1 <= session <= 5:
        return None
    return 1978 + 5 * (congress - 5) + session - 1


@dataclass(frozen=True)
class TimeMention:
    span: Span
    kind: TimeKind
    # None: an unnumbered plan or a relative deadline; for the current year, the year the text last
    # named before it where the document's own is unknown (see anchor_current_years), else None
    year: Optional[int]
    offset: int = 0               # a relative deadline's years from the document's year ("ภายใน 5 ปี")
    session: bool = False         # the year the text speaks from: a congress session, "今年（2024年）"

    @property
    def is_current(self) -> bool:
        return self.kind in ("current", "report")

    @property
    def is_deadline(self) -> bool:
        return self.kind in ("deadline", "period", "relative")

    def resolved(self, doc_year: Optional[int], frame_year: Optional[int]) -> Optional[int]:
        """The year, with the document's context where the expression names none."""
        if self.is_current and doc_year is not None:
            return doc_year
        if self.year is not None:
            return self.year
        if self.kind == "relative" and doc_year is not None:
            return doc_year + self.offset
        if self.kind == "period":
            return frame_year
        return None


def anchor_current_years(times: list[TimeMention], named: list[tuple[int, int]]) -> list[TimeMention]:
    """In a text that gives no date of its own, "this year" is the year it last named: a narrative's
    reference time, as HeidelTime reads narratives ("China aims to grow 6% in 2021 ... This year, the
    country aims to create 11 million jobs"). `named` is (position, year) of the plain years and
    written dates. A "this year" before any named year stays unknown."""
    named = sorted(named)
    positions = [position for position, _ in named]
    out = []
    for t in times:
        if t.is_current and t.year is None:
            i = bisect.bisect_left(positions, t.span[0]) - 1
            if i >= 0:
                t = replace(t, year=named[i][1])
        out.append(t)
    return out


class TimeReader:
    def __init__(self, data: LangData) -> None:
        self.data = data
        flags = re.IGNORECASE if data.case_insensitive else 0
        compile_all = lambda patterns: [re.compile(p, flags) for p in patterns]
        self.tables: list[tuple[TimeKind, list[re.Pattern[str]]]] = [
            ("deadline", compile_all(data.deadline_patterns)),
            ("period", compile_all(data.plan_period_patterns)),
            ("relative", compile_all(data.relative_deadline_patterns)),
            ("range", compile_all(data.year_range_patterns)),
            ("year", compile_all(data.year_patterns)),
        ]
        # the year a text speaks from: a congress session it names, "今年（2024年）"
        self.sessions = compile_all([*data.current_year_patterns, *data.session_year_patterns])
        self.reference_patterns = compile_all(data.reference_year_patterns)
        self.current = re.compile(alternation(data.current_year_words), flags) if data.current_year_words else None
        self.annual_reports = compile_all(data.annual_report_patterns)
        self.anaphoric = re.compile(bounded_alternation(data.anaphoric_deadlines), flags) if data.anaphoric_deadlines else None

    def find(self, text: str, start: int = 0, end: Optional[int] = None) -> list[TimeMention]:
        end = len(text) if end is None else end
        out: list[TimeMention] = []
        taken = DisjointSpans()
        # "今年（2024年）" first: its year is the text's own, not a plain year
        for kind, patterns in [("session", self.sessions), *self.tables]:
            for pattern in patterns:
                for match in pattern.finditer(text, start, end):
                    if taken.overlaps(match.span()):
                        continue
                    span_years = self._offset(match) if kind == "relative" else 0
                    # 未来五年 written in 2021 ends in 2025 where the year of writing is the first
                    offset = span_years - int(bool(span_years) and self.data.relative_years_include_current)
                    year = None if kind == "relative" else self._year(kind, match)
                    if year is None and kind not in ("period", "relative") or (kind == "relative" and not span_years):
                        continue
                    taken.add(match.span())
                    if kind == "session":
                        out.append(TimeMention(match.span(), "year", year, session=True))
                    else:
                        out.append(TimeMention(match.span(), kind, year, offset))
        if self.current is not None:
            for match in self.current.finditer(text, start, end):
                if not taken.overlaps(match.span()) and not self._after_a_count(text, match.start()):
                    out.append(TimeMention(match.span(), "current", None))
        for pattern in self.annual_reports:
            out.extend(TimeMention(m.span(), "report", None) for m in pattern.finditer(text, start, end)
                       if not taken.overlaps(m.span()))
        out.sort(key=lambda t: t.span)
        return self._anaphoric(text, start, end, out, taken) if self.anaphoric else out

    def _after_a_count(self, text: str, position: int) -> bool:
        """"ช่วง 5 ปีนี้" is "these five years", not this year: a current-year word right after a number."""
        before = text[max(0, position - 2):position].rstrip()
        return bool(before) and (before[-1].isdigit() or before[-1] in self.data.digits)

    def references(self, text: str, start: int = 0, end: Optional[int] = None) -> list[Span]:
        """Spans of years named as a reference ("since 1990", "比2020年", "compared with 2005"):
        such a year is not the year the text speaks from."""
        end = len(text) if end is None else end
        return [match.span() for pattern in self.reference_patterns for match in pattern.finditer(text, start, end)]

    def _anaphoric(self, text: str, start: int, end: int, found: list[TimeMention],
                   taken: DisjointSpans) -> list[TimeMention]:
        """"By then", "届时": a deadline in the year of the last deadline named before it."""
        out = list(found)
        for match in self.anaphoric.finditer(text, start, end):
            if taken.overlaps(match.span()):
                continue
            before = [t.year for t in found if t.kind in ("deadline", "period") and t.year and t.span[1] <= match.start()]
            if before:
                out.append(TimeMention(match.span(), "deadline", before[-1]))
        return sorted(out, key=lambda t: t.span)

    def _ordinal(self, label: str) -> int:
        """14, 十四, 14th, second."""
        word = label.lower()
        if word in self.data.ordinal_words:
            return self.data.ordinal_words[word]
        return parse_ordinal(re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", word), self.data)

    def _offset(self, match: re.Match[str]) -> int:
        """Years of a relative deadline: digits, Chinese or Thai numerals, or number words."""
        raw = match.group("years")
        try:
            return int(parse_ordinal(raw, self.data))
        except (ValueError, TypeError):
            words = {k.lower(): v for k, v in self.data.number_word_values.items()}
            return int(words.get(raw.lower(), 0))

    def _year(self, kind: TimeKind, match: re.Match[str]) -> Optional[int]:
        groups = match.groupdict()
        if kind == "period" and groups.get("ordinal"):
            return five_year_plan_end(parse_ordinal(groups["ordinal"], self.data))
        if groups.get("congress"):
            # a province numbered otherwise than the NPC: its congress of 2023 is the NPC's 14th
            offset = NPC_OF_2023 - self.data.congress_numbers_2023.get(groups.get("place") or "", NPC_OF_2023)
            return npc_session_year(self._ordinal(groups["congress"]) + offset, self._ordinal(groups.get("session") or "1"))
        raw = groups.get("year")   # a plan named by its year ("the 2025 action plan") ends in that year
        if not raw:
            return None
        start = groups.get("start")
        if start and len(start) == 4 and len(raw) == 2 and raw.isdigit():
            raw = start[:2] + raw   # "2024-25": the span's end in the start's century
        try:
            year = ad_year(parse_ordinal(raw, self.data), groups.get("era"), self.data)
        except (ValueError, TypeError):
            return None
        return year if 1900 <= year <= 2200 else None
