"""Quantity mentions: every amount a text states, with its comparator, range and denominator.

Built on the number reader: two numbers joined by a range connector are one range ("7-10%",
"4.5%—5%", "between 50 and 60 GW", "20和30之间", "ร้อยละ 4.5 ถึง 5"; the first takes the second's
unit and magnitude when it has none); comparator words are read right before the amount ("不低于",
"more than", "ไม่น้อยกว่า"), right after it ("以上", "or more", "ขึ้นไป") or around it ("比30大"),
the one after outranking the one before ("达到80件以上" is ">=") unless it only adds equality
("less than 5000 or equal" is "<="); a lower and an upper bound joined by "and" or 并且 are one
range ("大于10小于20"). Whether a mention is a target is decided later (roles.py); this layer only
finds and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.extract.numbers import NumberReader, Quantity, words_pattern
from pipeline.schema import Per, Span
from pipeline.spans import SpanIndex

# A range connector stands between the two numbers with at most this much space around it.
MAX_RANGE_GAP = 3
# How far before a number a range opener ("between", "ระหว่าง") may stand.
MAX_OPENER_GAP = 12
# How far before a number a range blocker ("from", "从") cancels a range ("from 7.8% to 10%").
MAX_BLOCKER_GAP = 30
# How far before a number a comparator word may start ("less than or equal to").
MAX_COMPARATOR_GAP = 40
LOWER, UPPER = (">", ">="), ("<", "<=")
# A number joined to others by dashes or slashes is a phone number, a date or a code, not a range.
CHAIN_BEFORE = re.compile(r"\d\s*[-–—－/]\s*$")
CHAIN_AFTER = re.compile(r"\s*[-–—－/]\s*\d")


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
    bounds: str = "[)"                # a range's interval: "7-10%" [7,10), "between 20 and 30" (20,30)


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
        loose = data.loose_character_spacing
        before, after = words_pattern(data.comparators_before, loose), words_pattern(data.comparators_after, loose)
        self.before = re.compile(f"(?:{before})\\s*$", flags) if data.comparators_before else None
        self.after = re.compile(f"\\s*(?:{after})", flags) if data.comparators_after else None
        self.frames = [(re.compile(f"{words_pattern([f.before], loose)}\\s*$", flags),
                        re.compile(f"\\s*{words_pattern([f.after], loose)}", flags), f.comparator)
                       for f in data.comparator_frames]
        pair_joiners = words_pattern(data.comparator_pair_joiners, loose)
        self.pair_joint = re.compile(f"\\s*(?:(?:{pair_joiners})\\s*)?", flags)
        self.closers = [(re.compile(f"\\s*(?:{words_pattern(joiners, loose)})\\s*", flags),
                         re.compile(f"\\s*{words_pattern([closer], loose)}", flags), closer)
                        for closer, joiners in data.range_closers.items()]
        self.exclusive = {w.lower() for w in data.exclusive_range_words}
        self.pers = [(re.compile(p.pattern, flags), p) for p in data.per_patterns]
        joints = alternation(data.list_separators)
        self.list_joint = re.compile(rf"\s*(?:{joints})\s*", flags) if joints else None

    def find(self, text: str, start: int = 0, end: Optional[int] = None, exclude: tuple[Span, ...] = (),
             bare_words: bool = False) -> list[Mention]:
        """Mentions in text[start:end]; numbers overlapping an `exclude` span (dates, years, plan
        periods) are not amounts. `bare_words`: read numbers as a pure recogniser does (numbers.py)."""
        end = len(text) if end is None else end
        excluded = SpanIndex(exclude)
        found = [q for q in self.numbers.find(text, start, end, bare_words=bare_words) if not excluded.overlaps(q.span)]
        out: list[Mention] = []
        i = 0
        while i < len(found):
            q = found[i]
            nxt = found[i + 1] if i + 1 < len(found) else None
            bounds = self._range_bounds(text, q, nxt, start) if nxt is not None else None
            high = nxt if bounds is not None else None
            i += 2 if high is not None else 1
            following = found[i] if i < len(found) else None
            mention = self._mention(text, q, high, bounds or "[)", following, start, end, proportions=not bare_words)
            if out and self._listed_after(text, out[-1], mention):
                # "分别超过90%、75%", "下降8%、8%": a comparator before a list covers its members
                mention = replace(mention, comparator=out[-1].comparator, comparator_written=True)
            if out and self._bounds_pair(text, out[-1], mention):
                mention = self._paired(out.pop(), mention)
            out.append(mention)
        return out

    def _listed_after(self, text: str, previous: Mention, mention: Mention) -> bool:
        if mention.comparator_written or not previous.comparator_written or previous.comparator == "range":
            return False
        between = text[previous.span[1]:mention.span[0]]
        return self.list_joint is not None and self.list_joint.fullmatch(between) is not None

    # -- ranges ------------------------------------------------------------------------------
    def _range_bounds(self, text: str, low: Quantity, high: Quantity, floor: int) -> Optional[str]:
        """The interval brackets when `low` and `high` are one range, else None."""
        if low.unit is not None and high.unit is not None and low.unit != high.unit:
            return None
        if CHAIN_BEFORE.search(text, max(floor, low.span[0] - 4), low.span[0]) or CHAIN_AFTER.match(text, high.span[1]):
            return None  # "+1-222-2222-2222": a phone number
        between = text[low.span[1]:high.span[0]]
        opened = self._opener(text, low, floor)
        closer = self._closer(text, between, high)
        if opened is not None:
            word, connector = opened
            joined = re.fullmatch(rf"\s*{re.escape(connector)}\s*", between, re.IGNORECASE) is not None
        elif closer is not None:
            word, joined = closer, True
        else:
            word, joined = "", self.connector is not None and self.connector.fullmatch(between) is not None
        if not joined or self._inherit(low, high) >= high.value:
            return None
        if opened is None and closer is None and self.blocker is not None:
            lead = text[max(floor, low.span[0] - MAX_BLOCKER_GAP):low.span[0]]
            if self.blocker.search(lead):
                return None  # "从7.8%到10%", "from 7.8% to 10%": a change, not a range
        return "()" if word.lower() in self.exclusive else "[)"

    def _opener(self, text: str, low: Quantity, floor: int) -> Optional[tuple[str, str]]:
        if self.opener is None:
            return None
        match = self.opener.search(text, max(floor, low.span[0] - MAX_OPENER_GAP), low.span[0])
        word = match.group().strip().lower() if match else ""
        return (word, self.openers[word]) if word in self.openers else None

    def _closer(self, text: str, between: str, high: Quantity) -> Optional[str]:
        """"20和30之间": a connector that makes a range only with its closer after the high end."""
        for joint, closer, word in self.closers:
            if joint.fullmatch(between) and closer.match(text, high.span[1]):
                return word
        return None

    @staticmethod
    def _inherit(low: Quantity, high: Quantity) -> float:
        """The low end in the high end's magnitude when it has none of its own: "3 to 5 million"."""
        if low.scale == 1.0 and high.scale != 1.0 and low.unit is None and low.value * high.scale < high.value:
            return low.value * high.scale
        return low.value

    def _bounds_pair(self, text: str, first: Mention, second: Mention) -> bool:
        """"大于10小于20", "at most 100 and at least 20": a lower and an upper bound, one range."""
        kinds = {first.comparator, second.comparator}
        if not (first.comparator_written and second.comparator_written and kinds & set(LOWER) and kinds & set(UPPER)):
            return False
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            return False
        low, high = (first, second) if first.comparator in LOWER else (second, first)
        return low.value < high.value and self.pair_joint.fullmatch(text, first.span[1], second.span[0]) is not None

    @staticmethod
    def _paired(first: Mention, second: Mention) -> Mention:
        low, high = (first, second) if first.comparator in LOWER else (second, first)
        bounds = ("[" if low.comparator == ">=" else "(") + ("]" if high.comparator == "<=" else ")")
        return Mention(span=(first.span[0], second.span[1]), value_span=(first.value_span[0], second.value_span[1]),
                       value=low.value, value_max=high.value, unit=first.unit or second.unit, comparator="range",
                       comparator_written=True, per=None, numeral_span=first.numeral_span, bounds=bounds)

    # -- one mention -------------------------------------------------------------------------
    def _mention(self, text: str, q: Quantity, high: Optional[Quantity], bounds: str, following: Optional[Quantity],
                 floor: int, ceiling: int, proportions: bool = True) -> Mention:
        """`proportions`: a fraction without a unit reads as the percentage it is (a document's
        amounts); a pure recogniser keeps the value as written."""
        value_span = (q.span[0], (high or q).span[1])
        if high is not None:
            value, value_max, unit = self._inherit(q, high), high.value, high.unit or q.unit
        else:
            value, value_max, unit = q.value, None, q.unit
        if proportions and q.fraction and unit is None and high is None and abs(value) <= 1:
            # a proportion: "减少三分之一", "1/3 of the US level" is 33.33 percent ("6 and a half" is
            # none); four significant digits keep "10万分之58" at 0.058 percent
            value, unit = float(f"{value * 100:.4g}"), "percent"
        span_start, span_end = value_span
        before = self._before(text, span_start, floor)
        after = self.after.match(text, span_end, ceiling) if self.after else None
        if after is not None and following is not None:
            taken = self._before(text, following.span[0], floor)
            if taken is not None and taken.start() < after.end():
                after = None  # "200 or greater than 190": "greater than" is 190's
        if high is not None:
            opener = self.opener.search(text, max(floor, q.span[0] - MAX_OPENER_GAP), q.span[0]) if self.opener else None
            span_start = min(span_start, opener.start()) if opener is not None else span_start
            closing = [m for _, closer, _ in self.closers if (m := closer.match(text, span_end))]
            span_end = closing[0].end() if closing else span_end
            comparator, written = "range", True
        else:
            comparator, written = self._comparator(before, after, q)
        span_start = before.start() if before is not None else span_start
        span_end = after.end() if after is not None else span_end
        if high is None:
            frame = self._frame(text, span_start, span_end, floor, ceiling)
            if frame is not None:
                (span_start, span_end), comparator, written = frame[:2], frame[2], True
        return Mention(span=(span_start, span_end), value_span=value_span, value=value, value_max=value_max,
                       unit=unit, comparator=comparator, comparator_written=written, per=None,
                       numeral_span=q.numeral_span, bounds=bounds)

    def _before(self, text: str, start: int, floor: int) -> Optional[re.Match[str]]:
        return self.before.search(text, max(floor, start - MAX_COMPARATOR_GAP), start) if self.before else None

    def _comparator(self, before: Optional[re.Match[str]], after: Optional[re.Match[str]],
                    q: Quantity) -> tuple[str, bool]:
        """The one after outranks the one before, unless it only adds equality: "less than 5000
        or equal" is "<="; a numeral that says "more than" (十余万) is ">" when nothing else is."""
        first = self._lookup(self.data.comparators_before, before.group().strip()) if before else None
        last = self._lookup(self.data.comparators_after, after.group().strip()) if after else None
        if first in ("<", ">") and last == "=":
            return first + "=", True
        comparator = last or first
        if q.more and comparator in (None, "="):
            return ">", True
        return (comparator, True) if comparator else ("=", False)

    def _frame(self, text: str, start: int, end: int, floor: int, ceiling: int) -> Optional[tuple[int, int, str]]:
        """"比三十大", "比 170 低": a comparator written around the amount."""
        for opening, closing, comparator in self.frames:
            before = opening.search(text, max(floor, start - MAX_OPENER_GAP), start)
            after = closing.match(text, end, ceiling) if before else None
            if before is not None and after is not None:
                return before.start(), after.end(), comparator
        return None

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
        magnitudes = {**self.data.number_scales, **self.data.multipliers}
        if raw in magnitudes:
            return magnitudes[raw]
        found = self.numbers.find(raw)
        if found:
            return found[0].value
        try:
            return float(raw.translate(self.data.native_digit_table()).replace(",", ""))
        except ValueError:
            return None

    @staticmethod
    def _lookup(table: dict[str, str], word: str) -> str:
        key = "".join(word.lower().split())     # "小于 或 等于", "less  than"
        return table[word] if word in table else next(v for k, v in table.items() if "".join(k.lower().split()) == key)
