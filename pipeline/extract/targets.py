"""Quantitative targets and qualitative goals.

A deadline opens a scope: a deadline heading ("ภายในปี ค.ศ. 2025", "By 2025:") scopes the bullets
and paragraphs under it; an inline phrase ("到2025年，", "By 2025, ...") scopes its sentence and
those after it in the paragraph, up to the next deadline. Each item of a scope (a bullet, or a
clause) with a quantity is a quantitative target with that year; an item without one is a
qualitative goal where goals are listed (under a deadline heading, or in a goals section).
Numbers outside any scope are statistics, never targets; so are clauses that name an earlier
year inside a scope, unless the year belongs to a baseline ("from 7.8% in 2020 to 10%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.extract.measures import Structure
from pipeline.extract.numbers import NumberReader, Quantity, normalize_value
from pipeline.schema import Baseline, Per, Span, Target
from pipeline.segment.blocks import Block, parse_year

YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,%])")
SCOPE_BLOCKS = ("bullet", "paragraph", "numbered")
DEFAULT_UNIT = "count"  # a bare number of things: "7,000 national high-tech enterprises"


@dataclass(frozen=True)
class Item:
    span: Span
    year: int
    goals_allowed: bool


class TargetExtractor:
    def __init__(self, data: LangData, numbers: NumberReader) -> None:
        self.data = data
        self.numbers = numbers
        self.deadlines = [re.compile(p) for p in data.deadline_patterns]
        self.baselines = [re.compile(p) for p in data.baseline_patterns]
        self.pers = [(re.compile(p.pattern), p) for p in data.per_patterns]
        self.before = re.compile(f"(?:{alternation(data.comparators_before)})\\s*$", re.I) if data.comparators_before else None
        self.after = re.compile(f"^\\s*(?:{alternation(data.comparators_after)})", re.I) if data.comparators_after else None
        self.growth = re.compile(alternation(data.growth_words), re.I) if data.growth_words else None
        self.clause_chars = data.clause_separators
        self.list_separators = re.compile("|".join(map(re.escape, data.list_separators))) if data.list_separators else None

    # -- scopes ------------------------------------------------------------------------------
    def items(self, text: str, blocks: list[Block], structure: Structure) -> list[Item]:
        out: list[Item] = []
        heading_year: Optional[int] = None
        for block in blocks:
            if block.kind == "deadline":
                heading_year = block.year
                continue
            if block.kind not in SCOPE_BLOCKS:
                heading_year = None
                continue
            if heading_year is not None and block.kind != "numbered":
                spans = ([_strip(text, block.body_span, self.clause_chars)] if block.kind == "bullet"
                         else self._clauses(text, block.body_span))
                out.extend(Item(s, heading_year, True) for s in spans)
                continue
            heading_year = None
            goals = structure.in_goal_zone(block.span[0])
            out.extend(self._inline_items(text, block.body_span, goals))
        return out

    def _inline_items(self, text: str, body: Span, goals_allowed: bool) -> list[Item]:
        found = sorted((m for p in self.deadlines for m in p.finditer(text, *body)), key=lambda m: m.start())
        out: list[Item] = []
        for i, match in enumerate(found):
            start = self._sentence_start(text, body[0], match.start())
            if out and start < out[-1].span[1]:
                start = max(start, match.start())
            end = self._sentence_start(text, body[0], found[i + 1].start()) if i + 1 < len(found) else body[1]
            end = max(end, match.end())
            year = parse_year(match, self.data)
            for clause in self._clauses(text, (start, end)):
                clause = self._strip_deadline(text, clause)
                if clause[0] < clause[1]:
                    out.append(Item(clause, year, goals_allowed))
        return out

    def _sentence_start(self, text: str, floor: int, position: int) -> int:
        terminators = self.data.sentence_terminators
        for i in range(position - 1, floor - 1, -1):
            if text[i] in terminators and (not text[i].isascii() or i + 1 < len(text) and text[i + 1].isspace()):
                return i + 1
        return floor

    def _clauses(self, text: str, span: Span) -> list[Span]:
        out: list[Span] = []
        start = span[0]
        for i in range(span[0], span[1] + 1):
            at_end = i == span[1]
            if at_end or (text[i] in self.clause_chars and self._is_boundary(text, i)):
                clause = _strip(text, (start, i), self.clause_chars)
                if clause[0] < clause[1]:
                    out.append(clause)
                start = i + 1
        return out

    @staticmethod
    def _is_boundary(text: str, i: int) -> bool:
        """"." inside "3.5%" is no boundary; CJK punctuation always is."""
        return not text[i].isascii() or i + 1 >= len(text) or text[i + 1].isspace()

    def _strip_deadline(self, text: str, span: Span) -> Span:
        for pattern in self.deadlines:
            match = pattern.match(text, *span)
            if match:
                return _strip(text, (match.end(), span[1]), self.clause_chars + ",，:：")
        return span

    # -- items -> targets --------------------------------------------------------------------
    def extract(self, text: str, blocks: list[Block], structure: Structure) -> list[Target]:
        targets: list[Target] = []
        goal_counts: dict[int, int] = {}
        for item in self.items(text, blocks, structure):
            for span in self._split_lists(text, item.span):
                target = self._target(text, span, item, len(targets), goal_counts)
                if target is not None:
                    targets.append(target)
        return _number_quantitative(targets)

    def _split_lists(self, text: str, span: Span) -> list[Span]:
        """A clause listing several quantities ("7,000 enterprises, 80 patents and ...") is split
        at its list separators, so that each part carries one quantity."""
        if self.list_separators is None or len(self._primary(text, span)[0]) < 2:
            return [span]
        parts, start = [], span[0]
        for match in self.list_separators.finditer(text, *span):
            parts.append(_strip(text, (start, match.start()), ""))
            start = match.end()
        parts.append(_strip(text, (start, span[1]), ""))
        return [p for p in parts if p[0] < p[1]]

    def _target(self, text: str, span: Span, item: Item, index: int, goal_counts: dict[int, int]) -> Optional[Target]:
        quantities, baseline = self._primary(text, span)
        if quantities:
            if self._names_past_year(text, span, item.year, baseline):
                return None  # a statistic about an earlier year inside the scope
            return self._quantitative(text, span, quantities[0], baseline, item.year)
        if not item.goals_allowed or self._names_past_year(text, span, item.year, None):
            return None
        goal_counts[item.year] = goal_counts.get(item.year, 0) + 1
        return Target(id=f"G{item.year}.{goal_counts[item.year]}", kind="qualitative",
                      text=text[span[0]:span[1]], span=span, year=item.year)

    def _primary(self, text: str, span: Span) -> tuple[list[Quantity], Optional[tuple[Quantity, Optional[int], Span]]]:
        """Quantities that can be the target's value: not a denominator, a baseline or a year."""
        consumed: list[Span] = []
        for pattern, _ in self.pers:
            consumed += [m.span() for m in pattern.finditer(text, *span)]
        baseline = self._baseline(text, span)
        if baseline is not None:
            consumed.append(baseline[2])
        for pattern in self.deadlines:
            consumed += [m.span() for m in pattern.finditer(text, *span)]
        quantities = [q for q in self.numbers.find(text, *span)
                      if not any(s <= q.numeral_span[0] < e for s, e in consumed)]
        return quantities, baseline

    def _baseline(self, text: str, span: Span) -> Optional[tuple[Quantity, Optional[int], Span]]:
        for pattern in self.baselines:
            match = pattern.search(text, *span)
            if not match:
                continue
            found = self.numbers.find(text, *match.span("value"))
            if found:
                year = parse_year(match, self.data) if match.group("year") else None
                return found[0], year, match.span()
        return None

    def _names_past_year(self, text: str, span: Span, year: int, baseline) -> bool:
        skip = [baseline[2]] if baseline else []
        skip += [m.span() for p in self.deadlines for m in p.finditer(text, *span)]
        for match in YEAR.finditer(text, *span):
            if any(s <= match.start() < e for s, e in skip):
                continue
            if int(match.group()) < year:
                return True
        return False

    def _quantitative(self, text: str, span: Span, q: Quantity, baseline, year: int) -> Target:
        comparator, comparator_start, after_end = self._comparator(text, span, q)
        metric_span = self._metric_span(text, span, comparator_start, after_end)
        base = Baseline(value=normalize_value(baseline[0].value), year=baseline[1]) if baseline else None
        return Target(
            id="", kind="quantitative", text=text[span[0]:span[1]], span=span,
            metric=text[metric_span[0]:metric_span[1]] if metric_span else None, metric_span=metric_span,
            value=normalize_value(q.value), value_text=text[q.span[0]:q.span[1]], value_span=q.span,
            unit=q.unit or DEFAULT_UNIT, per=self._per(text, span), comparator=comparator, year=year,
            baseline=base, growth=bool(self.growth and self.growth.search(text, *span)),
        )

    def _comparator(self, text: str, span: Span, q: Quantity) -> tuple[str, int, int]:
        """Comparator words right after the quantity ("以上", "or more") outrank those before it
        ("达到", "more than"): "达到80件以上" is ">=". A quantity with neither is "="."""
        comparator, start, end = "=", q.span[0], q.span[1]
        if self.before:
            match = self.before.search(text[span[0]:q.span[0]])
            if match:
                comparator = self.data.comparators_before[_key(self.data.comparators_before, match.group().strip())]
                start = span[0] + match.start()
        if self.after:
            match = self.after.match(text[q.span[1]:span[1]])
            if match:
                comparator = self.data.comparators_after[_key(self.data.comparators_after, match.group().strip())]
                end = q.span[1] + match.end()
        return comparator, start, end

    def _metric_span(self, text: str, span: Span, before: int, after: int) -> Optional[Span]:
        """What is measured: the words before the number, or after it when none come before
        ("more than 7,000 national high-tech enterprises")."""
        lead = _strip(text, (span[0], before), self.clause_chars + ",，:：")
        if lead[1] - lead[0] > 1:
            return lead
        tail = _strip(text, (after, span[1]), self.clause_chars + ",，:：")
        return tail if tail[0] < tail[1] else None

    def _per(self, text: str, span: Span) -> Optional[Per]:
        for pattern, spec in self.pers:
            match = pattern.search(text, *span)
            if not match:
                continue
            groups = match.groupdict()
            unit = spec.unit or self.data.units.get(groups.get("unit") or "", groups.get("unit") or "")
            if spec.value is not None:
                return Per(value=normalize_value(spec.value), unit=unit)
            raw = groups.get("num")
            if raw:
                value = self._per_value(raw)
                if value is not None:
                    return Per(value=normalize_value(value), unit=unit)
        return None

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


def _key(table: dict[str, str], word: str) -> str:
    return word if word in table else next(k for k in table if k.lower() == word.lower())


def _strip(text: str, span: Span, extra: str) -> Span:
    start, end = span
    while start < end and (text[start].isspace() or text[start] in extra):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in extra):
        end -= 1
    return start, end


def _number_quantitative(targets: list[Target]) -> list[Target]:
    out, n = [], 0
    for target in targets:
        if target.kind == "quantitative":
            n += 1
            target = target.model_copy(update={"id": f"T{n}"})
        out.append(target)
    return out
