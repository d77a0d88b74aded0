"""Quantity mentions: every amount a text states, with its comparator, range and denominator.

Built on the number reader: two numbers joined by a range connector are one range ("7-10%",
"4.5%—5%", "between 50 and 60 GW", "ร้อยละ 4.5 ถึง 5"; the first takes the second's unit and
magnitude when it has none); comparator words are read right before the amount ("不低于",
"more than", "ไม่น้อยกว่า") and right after it ("以上", "or more", "ขึ้นไป"), the one after
outranking the one before ("达到80件以上" is ">="). Whether a mention is a target is decided later
(roles.py); this layer only finds and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.extract.numbers import NumberReader, Quantity
from pipeline.schema import Per, Span

# A range connector stands between the two numbers with at most this much space around it.
MAX_RANGE_GAP = 3
# How far before a number a range opener ("between", "ระหว่าง") may stand.
MAX_OPENER_GAP = 12
# How far before a number a range blocker ("from", "从") cancels a range ("from 7.8% to 10%").
MAX_BLOCKER_GAP = 30


@dataclass(frozen=True)
class Mention:
    """One amount in the text, before any decision about its role."""

    span: Span                        # comparator (if any) through the amount's last unit word
    value_span: Span                  # the amount as written: "7-10%", "80件"
    value: float
    value_max: Optional[float]
    unit: Optional[str]
    comparator: str                   # ">", ">=", "<", "<=", "~", "=", "range"
    comparator_written: bool          # a comparator word stands in the text
    per: Optional[Per]
    numeral_span: Span


class QuantityReader:
    """Finds quantity mentions with one language's tables."""

    def __init__(self, data: LangData, numbers: NumberReader) -> None:
        self.data = data
        self.numbers = numbers
        flags = re.IGNORECASE if data.case_insensitive else 0
        connectors = alternation(data.range_connectors)
        self.connector = re.compile(rf"\s{{0,{MAX_RANGE_GAP}}}(?:{connectors})\s{{0,{MAX_RANGE_GAP}}}", flags) if connectors else None
        self.openers = {k.lower(): v for k, v in data.range_openers.items()}
        self.opener = re.compile(rf"(?:{alternation(data.range_openers)})\s+$", flags) if data.range_openers else None
        self.blocker = re.compile(alternation(data.range_blockers), flags) if data.range_blockers else None
        self.before = re.compile(f"(?:{alternation(data.comparators_before)})\\s*$", flags) if data.comparators_before else None
        self.after = re.compile(f"\\s*(?:{alternation(data.comparators_after)})", flags) if data.comparators_after else None
        self.pers = [(re.compile(p.pattern, flags), p) for p in data.per_patterns]
        joints = alternation(data.list_separators)
        self.list_joint = re.compile(rf"\s*(?:{joints})\s*", flags) if joints else None

    def find(self, text: str, start: int = 0, end: Optional[int] = None, exclude: tuple[Span, ...] = ()) -> list[Mention]:
        """Mentions in text[start:end]; numbers overlapping an `exclude` span (dates, years, plan
        periods) are not amounts."""
        end = len(text) if end is None else end
        found = [q for q in self.numbers.find(text, start, end)
                 if not any(s < q.span[1] and q.span[0] < e for s, e in exclude)]
        out: list[Mention] = []
        i = 0
        while i < len(found):
            q = found[i]
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and self._is_range(text, q, nxt, start):
                mention = self._mention(text, q, nxt, start, end)
                i += 2
            else:
                mention = self._mention(text, q, None, start, end)
                i += 1
            if out and self._listed_after(text, out[-1], mention):
                # "分别超过90%、75%", "下降8%、8%": a comparator before a list covers its members
                mention = replace(mention, comparator=out[-1].comparator, comparator_written=True)
            out.append(mention)
        return out

    def _listed_after(self, text: str, previous: Mention, mention: Mention) -> bool:
        if mention.comparator_written or not previous.comparator_written or previous.comparator == "range":
            return False
        between = text[previous.span[1]:mention.span[0]]
        return self.list_joint is not None and self.list_joint.fullmatch(between) is not None

    # -- ranges ------------------------------------------------------------------------------
    def _is_range(self, text: str, low: Quantity, high: Quantity, floor: int) -> bool:
        if low.unit is not None and high.unit is not None and low.unit != high.unit:
            return False
        between = text[low.span[1]:high.span[0]]
        opened = self._opener(text, low, floor)
        if opened is not None:
            joined = re.fullmatch(rf"\s*{re.escape(opened)}\s*", between, re.IGNORECASE) is not None
        else:
            joined = self.connector is not None and self.connector.fullmatch(between) is not None
        if not joined:
            return False
        if opened is None and self.blocker is not None:
            lead = text[max(floor, low.span[0] - MAX_BLOCKER_GAP):low.span[0]]
            if self.blocker.search(lead):
                return False  # "从7.8%到10%", "from 7.8% to 10%": a change, not a range
        return self._inherit(low, high) < high.value

    def _opener(self, text: str, low: Quantity, floor: int) -> Optional[str]:
        if self.opener is None:
            return None
        match = self.opener.search(text, max(floor, low.span[0] - MAX_OPENER_GAP), low.span[0])
        return self.openers.get(match.group().strip().lower()) if match else None

    @staticmethod
    def _inherit(low: Quantity, high: Quantity) -> float:
        """The low end in the high end's magnitude when it has none of its own: "3 to 5 million"."""
        if low.scale == 1.0 and high.scale != 1.0 and low.unit is None:
            return low.value * high.scale
        return low.value

    # -- one mention -------------------------------------------------------------------------
    def _mention(self, text: str, q: Quantity, high: Optional[Quantity], floor: int, ceiling: int) -> Mention:
        first, last = q, high or q
        value_span = (first.span[0], last.span[1])
        if high is not None:
            low_value = self._inherit(q, high)
            value, value_max, unit = low_value, high.value, high.unit or q.unit
        else:
            value, value_max, unit = q.value, None, q.unit
        span_start, span_end = value_span
        comparator, written = ("range", True) if high is not None else ("=", False)
        before = self.before.search(text, max(floor, span_start - 40), span_start) if self.before else None
        if before is not None:
            span_start = before.start()
            if high is None:
                comparator, written = self._lookup(self.data.comparators_before, before.group().strip()), True
        if high is not None:
            opener = self.opener.search(text, max(floor, q.span[0] - MAX_OPENER_GAP), q.span[0]) if self.opener else None
            if opener is not None:
                span_start = min(span_start, opener.start())
        after = self.after.match(text, span_end, ceiling) if self.after else None
        if after is not None:
            span_end = after.end()
            if high is None:
                comparator, written = self._lookup(self.data.comparators_after, after.group().strip()), True
        return Mention(span=(span_start, span_end), value_span=value_span, value=value, value_max=value_max,
                       unit=unit, comparator=comparator, comparator_written=written, per=None,
                       numeral_span=q.numeral_span)

    def per(self, text: str, span: Span) -> Optional[Per]:
        """A denominator inside `span`: "per 10,000 people", "每万人", "ต่อประชากร 10,000 คน"."""
        from pipeline.extract.numbers import normalize_value

        for pattern, spec in self.pers:
            match = pattern.search(text, *span)
            if not match:
                continue
            groups = match.groupdict()
            unit = spec.unit or groups.get("unit") or "people"
            if spec.value is not None:
                return Per(value=normalize_value(spec.value), unit=unit)
            raw = groups.get("num")
            value = self._per_value(raw) if raw else None
            if value is not None:
                return Per(value=normalize_value(value), unit=unit)
        return None

    def per_spans(self, text: str, span: Span) -> list[Span]:
        return [m.span() for pattern, _ in self.pers for m in pattern.finditer(text, *span)]

    def _per_value(self, raw: str) -> Optional[float]:
        if raw in self.data.multipliers:
            return self.data.multipliers[raw]
        found = self.numbers.find(raw)
        if found:
            return found[0].value
        try:
            return float(raw.translate(self.data.native_digit_table()).replace(",", ""))
        except ValueError:
            return None

    @staticmethod
    def _lookup(table: dict[str, str], word: str) -> str:
        return table[word] if word in table else next(v for k, v in table.items() if k.lower() == word.lower())
