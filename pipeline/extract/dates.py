"""Dates in each language's forms, with the role the nearest cue word gives them.

`12 เมษายน 2566` (Buddhist Era), `2023年4月12日`, `二〇二三年四月十二日`, `April 12, 2023`,
`12 April 2023`, `2023-04-12`. Month names, era markers and role cues are language data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.extract.numbers import ad_year, parse_ordinal
from pipeline.schema import DateMention, Span

DEFAULT_ROLE = "mentioned"


class DateReader:
    def __init__(self, data: LangData) -> None:
        self.data = data
        months = alternation(data.months) or "(?!)"
        self.patterns = [re.compile(p.replace("{MONTH}", months)) for p in data.date_patterns]
        self.cues = [(re.compile(alternation(words)), role) for role, words in data.date_roles.items() if words]
        self.clause_end = re.compile(f"[\n{re.escape(data.clause_separators)}]" if data.clause_separators else "\n")

    def find(self, text: str, zone: Span) -> list[DateMention]:
        out: list[DateMention] = []
        taken: list[Span] = []
        for pattern in self.patterns:
            for match in pattern.finditer(text, *zone):
                if any(match.start() < e and s < match.end() for s, e in taken):
                    continue
                iso = self._iso(match)
                if iso is None:
                    continue
                taken.append(match.span())
                out.append(DateMention(text=match.group(), span=match.span(), iso=iso, role=self._role(text, match.span())))
        return sorted(out, key=lambda d: d.span)

    def _iso(self, match: re.Match[str]) -> Optional[str]:
        parts = match.groupdict()
        try:
            year = self._year(parts["year"], parts.get("era"))
            month = self.data.months.get(parts["month"]) or parse_ordinal(parts["month"], self.data)
            day = parse_ordinal(parts["day"], self.data)
            return dt.date(year, month, day).isoformat()
        except (ValueError, KeyError, TypeError):
            return None  # "31 February" and the like are not dates

    def _year(self, raw: str, era: Optional[str]) -> int:
        return ad_year(parse_ordinal(raw, self.data), era, self.data)

    def _role(self, text: str, span: Span) -> str:
        """The role cue nearest to the date within its clause ("published", "dated", ...)."""
        start = max((m.end() for m in self.clause_end.finditer(text, 0, span[0])), default=0)
        end_match = self.clause_end.search(text, span[1])
        end = end_match.start() if end_match else len(text)
        best: tuple[int, str] | None = None
        for pattern, role in self.cues:
            for match in pattern.finditer(text, start, end):
                distance = span[0] - match.end() if match.end() <= span[0] else match.start() - span[1]
                if best is None or distance < best[0]:
                    best = (distance, role)
        return best[1] if best else DEFAULT_ROLE
