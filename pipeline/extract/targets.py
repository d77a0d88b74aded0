"""Quantitative targets, qualitative goals, and the role of every quantity a text states.

Candidates, then a decision. The quantity layer marks every amount (quantities.py) and the time
layer every year, deadline and plan period (times.py). Each amount gets a context: its clause and
sentence (from the shared Segments), the year the text ties it to — a deadline in its clause or
sentence before or after it, the scope of a deadline heading or of an inline deadline that opens
a run of sentences, the heading or title it sits under, "this year" — and whether it is the
starting point of a change ("from 7.8% in 2020 to 10%"). roles.py decides target or not; every
mention is kept in the record's `quantities` with its role.

Goals: a deadline scope (a deadline heading's bullets, or the sentences an inline deadline opens)
lists its items; an item without an amount is a qualitative goal where goals are listed (under
a deadline heading, or in a goals section).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Optional

from pipeline.config import LangData, bounded_alternation
from pipeline.extract.measures import Structure
from pipeline.extract.numbers import NumberReader, normalize_value
from pipeline.extract.quantities import Mention, QuantityReader
from pipeline.extract.roles import (EMBEDDED_CHARS, Cues, QuantityContext, YearSource, current_role_model, decide,
                                    featurize, non_target_role, sentence_embeddings)
from pipeline.extract.times import TimeMention
from pipeline.schema import Baseline, QuantityMention, Span, Target
from pipeline.lang.numerals import parse_year
from pipeline.segment.blocks import Block
from pipeline.segment.segments import Segments, strip
from pipeline.settings import ExtractSettings, default_settings, overriding
from pipeline.spans import SpanIndex, overlaps_any, within

SCOPE_BLOCKS = ("bullet", "paragraph", "numbered")
HEADING_BLOCKS = ("title", "heading", "deadline")
LIST_BLOCKS = ("bullet", "numbered")
DEFAULT_UNIT = "count"  # a bare number of things: "7,000 national high-tech enterprises"
METRIC_EDGE = ",，:：、;；"
# How far from a bare number the noun it counts may stand ("national high-tech enterprises number 7,000").
COUNTED_NOUN_WINDOW = 40
# A restated target: the text before it (this many characters) shares this share of its word
# characters with the first statement's metric.
RESTATEMENT_WINDOW = 30
RESTATEMENT_OVERLAP = 0.6
# How far before an amount a derived-amount cue is read ("比上年增加", "up from").
DERIVED_WINDOW = 12
# The most text between an amount and its bracketed restatement ("(about", "(ประมาณ ", "($").
CONVERSION_GAP = 14


@dataclass(frozen=True)
class Item:
    span: Span
    year: int
    goals_allowed: bool
    under_heading: bool = False   # scoped by a deadline heading, not by an inline deadline


@dataclass(frozen=True)
class Reading:
    """What the extractor needs from earlier stages, all on the reading view of the text."""

    text: str
    blocks: list[Block]
    structure: Structure
    segments: Segments
    times: list[TimeMention]
    mentions: list[Mention]
    doc_year: Optional[int]
    title_year: Optional[int]
    frame_year: Optional[int] = None   # a plan period or span of years the opening names
    horizon_year: Optional[int] = None # the deadline the document sets most often


class TargetExtractor:
    def __init__(self, data: LangData, numbers: NumberReader, settings: Optional[ExtractSettings] = None) -> None:
        self.data = data
        self.settings = settings or default_settings().extract   # carry_chars, the role thresholds
        self.numbers = numbers
        self.quantities = QuantityReader(data, numbers)
        self.cues = Cues(data)
        flags = re.IGNORECASE if data.case_insensitive else 0
        self.deadlines = [re.compile(p, flags) for p in data.deadline_patterns]
        self.baselines = [re.compile(p, flags) for p in data.baseline_patterns]
        self.structure_counts = [re.compile(p, flags) for p in data.structure_count_patterns]
        completed = bounded_alternation(data.completed_markers)
        self.completed = re.compile(completed, flags) if completed else None
        self.reference_years = [re.compile(p, flags) for p in data.reference_year_patterns]
        self.clause_chars = data.clause_separators
        count_words = [w for w, unit in data.units.items() if unit == "count"]
        self.count_nouns = re.compile(bounded_alternation(count_words), flags) if count_words else None

    # -- goals: deadline scopes --------------------------------------------------------------
    def items(self, reading: Reading) -> list[Item]:
        text, out = reading.text, []
        heading_year: Optional[int] = None
        lead_year: Optional[int] = None   # of a paragraph introducing a list: "…for this year as follows:"
        for block in reading.blocks:
            if block.kind == "deadline":
                heading_year = block.year
                continue
            if block.kind not in SCOPE_BLOCKS:
                heading_year = lead_year = None
                continue
            if lead_year is not None and block.kind in ("bullet", "numbered"):
                out.append(Item(strip(text, block.body_span, self.clause_chars), lead_year, True, under_heading=True))
                continue
            lead_year = None
            if heading_year is not None and block.kind != "numbered":
                spans = ([strip(text, block.body_span, self.clause_chars)] if block.kind == "bullet"
                         else reading.segments.clauses_in(block.body_span))
                out.extend(Item(s, heading_year, True, under_heading=True) for s in spans)
                continue
            heading_year = None
            goals = reading.structure.in_goal_zone(block.span[0])
            out.extend(self._inline_items(reading, block.body_span, goals))
            lead_year = self._list_lead_year(reading, block)
        return out

    def _list_lead_year(self, reading: Reading, block: Block) -> Optional[int]:
        """The year of a paragraph that ends with a colon to introduce a list ("We have set the main
        targets for this year as follows:", "今年发展主要预期目标是："): the last deadline or "this
        year" of its last sentence, which scopes the list items after it as a heading would."""
        text = reading.text
        if not text[block.span[0]:block.span[1]].rstrip().endswith((":", "：")):
            return None
        sentences = reading.segments.sentences_in(block.body_span)
        last = sentences[-1] if sentences else block.body_span
        for t in reversed(_times_in(reading.times, last)):
            if (t.is_deadline or t.kind == "current") and (year := self._resolve(t, reading)) is not None:
                return year
        return None

    def _inline_items(self, reading: Reading, body: Span, goals_allowed: bool) -> list[Item]:
        """An inline deadline ("到2025年，", "By 2025, ...", "ภายใน 5 ปี") scopes its sentence and
        the sentences after it in the paragraph, up to the next deadline."""
        segments = reading.segments
        # "this year" opens a scope of its own ("…“十二五”规划承前启后的关键一年。今年全省的主要预期目标是，…")
        # and ends the one before it; where the document's year is unknown it only ends it (year None)
        deadlines = [(t, year) for t in _times_in(reading.times, body) if t.is_deadline
                     and not self._told_as_done(reading, t) and (year := self._resolve(t, reading)) is not None]
        current = [(t, self._resolve(t, reading)) for t in _times_in(reading.times, body) if t.kind == "current"]
        found = sorted(deadlines + current, key=lambda ty: ty[0].span)
        out: list[Item] = []
        for i, (time, year) in enumerate(found):
            if year is None:
                continue
            start = _sentence_start(segments, time.span[0], body[0])
            if out and start < out[-1].span[1]:
                start = max(start, time.span[0])
            end = _sentence_start(segments, found[i + 1][0].span[0], body[0]) if i + 1 < len(found) else body[1]
            end = max(end, time.span[1])
            for clause in segments.clauses_in((start, end)):
                clause = self._strip_deadline(reading.text, clause)
                if clause[0] < clause[1]:
                    out.append(Item(clause, year, goals_allowed))
        return out

    def _strip_deadline(self, text: str, span: Span) -> Span:
        for pattern in self.deadlines:
            match = pattern.match(text, *span)
            if match:
                return strip(text, (match.end(), span[1]), self.clause_chars + ",，:：")
        return span

    # -- everything ----------------------------------------------------------------------------
    def contexts(self, reading: Reading) -> list[QuantityContext]:
        """Every amount with its context and features (what the decision and its training read)."""
        return self._contexts(reading, self.items(reading))

    def extract(self, reading: Reading) -> tuple[list[Target], list[QuantityMention]]:
        text = reading.text
        items = self.items(reading)
        contexts = self._contexts(reading, items)
        roles = self.settings.roles
        model = current_role_model()
        model = overriding(model.for_language(self.data.lang) if model is not None else None,
                           threshold=roles.threshold, rule_threshold=roles.rule_threshold)
        embeddings = sentence_embeddings(model, [embedded_text(text, c) for c in contexts], self.data.lang)
        in_clause: dict[Span, list[QuantityContext]] = {}
        for ctx in contexts:
            in_clause.setdefault(ctx.clause, []).append(ctx)
        # a count of the document's own parts ("20项主要指标") is decided by its words alone
        decisions = [(False, 0.0) if ctx.structure_count
                     else decide(ctx.features, model, embeddings[i] if embeddings is not None else None)
                     for i, ctx in enumerate(contexts)]
        targets_in_paragraph: dict[Span, int] = {}
        for ctx, (is_target, _) in zip(contexts, decisions):
            targets_in_paragraph[ctx.paragraph] = targets_in_paragraph.get(ctx.paragraph, 0) + is_target
        pers = [self.quantities.per(text, ctx.clause) for ctx in contexts]
        drafts: dict[int, Target] = {}
        # Targets so far with their metric's words, by what a restatement must share with them.
        stated: dict[tuple, list[tuple[int, str]]] = {}
        for i, ctx in enumerate(contexts):
            if not decisions[i][0]:
                continue
            draft = self._target(text, ctx, pers[i], 0, in_clause[ctx.clause], reading.times)
            earlier = self._restates(text, ctx, contexts, stated)
            if earlier is None:
                drafts[i] = draft
                stated.setdefault(_restatement_key(ctx), []).append((i, draft.metric or ""))
            elif (targets_in_paragraph[ctx.paragraph] > targets_in_paragraph[contexts[earlier].paragraph]
                  and not _same_words(text, ctx.sentence, contexts[earlier].sentence)):
                # a target stated again is one target, given by its fuller statement: the list of
                # targets rather than the lead's "预期地区生产总值增长5%"; a sentence repeated word
                # for word keeps its first statement
                del drafts[earlier]
                drafts[i] = draft
                key = _restatement_key(ctx)
                stated[key] = [(i if j == earlier else j, metric) for j, metric in stated[key]]
        quantities = [self._quantity(text, ctx, pers[i], decisions[i][1], "target" if i in drafts else None)
                      for i, ctx in enumerate(contexts)]
        targets = [t.model_copy(update={"id": f"T{n}"}) for n, t in enumerate((drafts[i] for i in sorted(drafts)), start=1)]
        goals = self._goals(text, items, targets, contexts)
        ordered = sorted(targets + goals, key=lambda t: (t.span[0], t.kind != "qualitative"))
        return ordered, quantities

    @staticmethod
    def _quantity(text: str, ctx: QuantityContext, per, score: float, role: Optional[str]) -> QuantityMention:
        m = ctx.mention
        return QuantityMention(
            text=text[m.span[0]:m.span[1]], span=m.span, value=normalize_value(m.value),
            value_max=normalize_value(m.value_max) if m.value_max is not None else None,
            unit=m.unit or DEFAULT_UNIT, per=per, comparator=m.comparator, year=ctx.year,
            role=role or non_target_role(ctx.features), score=round(score, 4))

    @staticmethod
    def _restates(text: str, ctx: QuantityContext, contexts: list[QuantityContext],
                  stated: dict[tuple, list[tuple[int, str]]]) -> Optional[int]:
        """The earlier target (its index) this one states again: the same amount, comparator and
        year in another sentence, about much the same metric ("城镇调查失业率5.5%左右" listed, then
        explained)."""
        m = ctx.mention
        lead = text[max(ctx.clause[0], m.span[0] - RESTATEMENT_WINDOW):m.span[0]]
        for earlier, metric in stated.get(_restatement_key(ctx), []):
            if contexts[earlier].sentence == ctx.sentence:
                continue
            if _shared_characters(metric, lead) >= RESTATEMENT_OVERLAP:
                return earlier
        return None

    def _goals(self, text: str, items: list[Item], targets: list[Target], contexts: list[QuantityContext]) -> list[Target]:
        with_amount = SpanIndex(c.mention.span for c in contexts)
        counts: dict[int, int] = {}
        out = []
        for item in items:
            if not item.goals_allowed or with_amount.starts_within(item.span):
                continue
            if self._names_past_year(text, item):
                continue
            counts[item.year] = counts.get(item.year, 0) + 1
            out.append(Target(id=f"G{item.year}.{counts[item.year]}", kind="qualitative",
                              text=text[item.span[0]:item.span[1]], span=item.span, year=item.year))
        return out

    def _names_past_year(self, text: str, item: Item) -> bool:
        skip = [m.span() for p in self.deadlines for m in p.finditer(text, *item.span)]
        for match in re.finditer(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,%])", text[item.span[0]:item.span[1]]):
            start = item.span[0] + match.start()
            if not any(s <= start < e for s, e in skip) and int(match.group()) < item.year:
                return True
        return False

    # -- contexts --------------------------------------------------------------------------------
    def _contexts(self, reading: Reading, items: list[Item]) -> list[QuantityContext]:
        text, segments = reading.text, reading.segments
        block_starts = [b.span[0] for b in reading.blocks]
        heading_years = self._heading_years(reading)
        lead = _lead_paragraph(reading.blocks)
        item_starts = [i.span[0] for i in items]
        contexts: list[QuantityContext] = []
        for m in reading.mentions:
            clause = segments.clause_of(m.value_span[0]) or _line(text, m.value_span[0])
            sentence = segments.sentence_of(m.value_span[0]) or clause
            block = _block_at(reading.blocks, block_starts, m.value_span[0])
            if block is not None and block.body_span[0] > clause[0]:
                clause = (block.body_span[0], max(clause[1], block.body_span[0]))  # not the bullet mark
            ctx = QuantityContext(
                mention=m, clause=clause, sentence=sentence, paragraph=block.span if block is not None else sentence,
                counted_noun=m.unit is None and self._names_what_it_counts(text, clause, m),
                structure_count=m.unit in (None, "count") and self._counts_parts(text, m, clause[1]),
                derived_before=self._derived_before(text, clause, m),
                reference_years=self._reference_years(text, clause),
                in_heading=block is not None and block.kind in HEADING_BLOCKS,
                in_list_item=block is not None and block.kind in LIST_BLOCKS,
                goal_section=reading.structure.in_goal_zone(m.value_span[0]),
                lead_paragraph=lead is not None and lead[0] <= m.value_span[0] < lead[1],
            )
            contexts.append(ctx)
        self._link_baselines(text, contexts)
        _mark_conversions(text, contexts)
        for ctx in contexts:
            self._attach_year(ctx, reading, items, item_starts, heading_years)
        by_clause: dict[Span, list[int]] = {}
        for i, ctx in enumerate(contexts):
            by_clause.setdefault(ctx.clause, []).append(i)
        deadlines = [y for t in reading.times if t.is_deadline and (y := self._resolve(t, reading)) is not None]
        first_deadline = min(deadlines, default=None)
        for i, ctx in enumerate(contexts):
            siblings = by_clause[ctx.clause]
            ctx.features = featurize(ctx, text, self.cues, reading.doc_year, len(siblings), siblings[0] == i,
                                     _times_in(reading.times, ctx.clause), first_deadline)
        return contexts

    def _reference_years(self, text: str, clause: Span) -> list[Span]:
        """Years that are a base, not a deadline: "比2020年", "compared with 2005", and the year of
        any starting point in the clause ("from 2.2 trillion kWh in 2020 to ...")."""
        spans = [r.span() for p in self.reference_years for r in p.finditer(text, *clause)]
        for pattern in self.baselines:
            for match in pattern.finditer(text, *clause):
                if match.groupdict().get("year"):
                    spans.append(match.span("year"))
        return spans

    def _counts_parts(self, text: str, m: Mention, end: int) -> bool:
        """The words right after the count name the document's own parts ("20项|主要指标")."""
        return any(p.match(text, m.span[1], end) for p in self.structure_counts)

    def _derived_before(self, text: str, clause: Span, m: Mention) -> bool:
        """A derived-amount cue ending right before the amount: "比上年增加5000亿元", "up from 28.8%"."""
        window = (max(clause[0], m.span[0] - DERIVED_WINDOW), m.span[0])
        return any(match.end() >= m.span[0] - 2 for match in self.cues.patterns["derived"].finditer(text, *window))

    def _names_what_it_counts(self, text: str, clause: Span, m: Mention) -> bool:
        """A bare number whose clause names countable things near it: "high-value invention patents
        reach 80 or more", "20,000 public charging stations"."""
        if self.count_nouns is None:
            return False
        window = (max(clause[0], m.span[0] - COUNTED_NOUN_WINDOW), min(clause[1], m.span[1] + COUNTED_NOUN_WINDOW))
        return self.count_nouns.search(text, *window) is not None

    def _attach_year(self, ctx: QuantityContext, reading: Reading, items: list[Item], item_starts: list[int],
                     heading_years: list[tuple[int, int]]) -> None:
        """The year the text ties an amount to, nearest evidence first."""
        position = ctx.mention.value_span[0]
        for source, span in (("clause_deadline", ctx.clause), ("sentence_deadline", ctx.sentence)):
            deadlines = [t for t in _times_in(reading.times, span) if t.is_deadline and _reaches_back(reading, t, ctx)]
            resolved = [(t, self._resolve(t, reading)) for t in deadlines]
            resolved = [(t, y) for t, y in resolved if y is not None]
            if resolved:
                nearest = min(resolved, key=lambda ty: _distance(ty[0].span, ctx.mention.span))
                ctx.year, ctx.year_source = nearest[1], source
                return
        if self._named_year(ctx, reading, ctx.clause, "clause_year"):
            return
        i = bisect.bisect_right(item_starts, position) - 1
        if i >= 0 and within(position, items[i].span):
            ctx.year, ctx.year_source = items[i].year, "heading_scope" if items[i].under_heading else "scope"
            return
        if self._named_year(ctx, reading, ctx.sentence, "sentence_year"):
            return
        if self._paragraph_year(ctx, reading):
            return
        j = bisect.bisect_right(heading_years, (position, 10**9)) - 1
        if j >= 0 and heading_years[j][1] is not None:
            ctx.year, ctx.year_source = heading_years[j][1], "heading"
            return
        if reading.title_year is not None:
            ctx.year, ctx.year_source = reading.title_year, "heading"
            return
        if reading.frame_year is not None:
            ctx.year, ctx.year_source = reading.frame_year, "frame"
            return
        if reading.horizon_year is not None:
            ctx.year, ctx.year_source = reading.horizon_year, "horizon"
            return
        if reading.doc_year is not None:
            ctx.year, ctx.year_source = reading.doc_year, "document"

    def _named_year(self, ctx: QuantityContext, reading: Reading, span: Span, source: YearSource) -> bool:
        """The nearer of the nearest plain year in `span` and "this year" there: set it and say so.
        "This year, the country aims to create 11 million new urban jobs ... -- growth was 6 percent
        in 2019": the jobs are this year's."""
        named = [(t, t.year, source) for t in self._plain_years(ctx, reading, span) if _reaches_back(reading, t, ctx)]
        named += [(t, year, "current") for t in _times_in(reading.times, span)
                  if t.is_current and (year := self._resolve(t, reading)) is not None]
        if not named:
            return False
        _, ctx.year, ctx.year_source = min(named, key=lambda n: _distance(n[0].span, ctx.mention.span))
        return True

    def _paragraph_year(self, ctx: QuantityContext, reading: Reading) -> bool:
        """The last time named in the amount's paragraph in the carry_chars before its sentence
        (configs/pipeline/settings.yaml): "2016年，……。全省实现地区生产总值3.12万亿" is 2016's;
        "今年发展目标……。4%左右的赤字率" this year's."""
        before = (max(ctx.paragraph[0], ctx.sentence[0] - self.settings.targets.carry_chars), ctx.sentence[0])
        references = self._reference_years(reading.text, before) if before[0] < before[1] else []
        for t in reversed(_times_in(reading.times, before)):
            if t.session or t.kind == "report":
                # "完成了省十二届人大四次会议确定的目标": a session dates the text, not what follows;
                # a work report named in passing dates only its own sentence
                continue
            if overlaps_any(t.span, references):
                continue   # a base year ("从2020年的7.8%") frames nothing after it
            if t.is_deadline and self._told_as_done(reading, t):
                continue   # "实现了“十三五”良好开局": a plan period already under way frames nothing ahead
            if t.kind == "current" or t.is_deadline:
                year = self._resolve(t, reading)
            else:
                year = t.year
            if year is not None:
                forward = t.is_deadline or t.kind == "current"
                ctx.year, ctx.year_source = year, "paragraph_deadline" if forward else "paragraph_year"
                return True
        return False

    def _told_as_done(self, reading: Reading, t: TimeMention) -> bool:
        """A time whose own clause tells a completed action ("实现了", "has achieved")."""
        clause = reading.segments.clause_of(t.span[0])
        return clause is not None and self.completed is not None and self.completed.search(reading.text, *clause) is not None

    @staticmethod
    def _plain_years(ctx: QuantityContext, reading: Reading, span: Span) -> list[TimeMention]:
        """The plain years in `span` that are neither a base year ("比2020年") nor the year of this
        amount's own starting point."""
        return [t for t in _times_in(reading.times, span) if t.kind in ("year", "range") and t.year is not None
                and not t.session   # a congress session dates the text, not the amounts near it
                and not overlaps_any(t.span, ctx.reference_years)
                and not (ctx.baseline and ctx.baseline.year == t.year)]

    @staticmethod
    def _resolve(t: TimeMention, reading: Reading) -> Optional[int]:
        return t.resolved(reading.doc_year, reading.title_year or reading.frame_year)

    def _heading_years(self, reading: Reading) -> list[tuple[int, Optional[int]]]:
        """(start, year) of every heading that names a year, a deadline or a plan period, or "this
        year" ("二、今年主要预期目标": the document's year, None where it is unknown; either way the
        heading before it, "一、2024年工作回顾", no longer frames what follows)."""
        out = []
        for block in reading.blocks:
            if block.kind not in HEADING_BLOCKS and not (block.kind == "numbered" and block.rank == 1):
                continue
            if block.kind == "title":
                continue  # the title is the document-wide fallback
            times = _times_in(reading.times, block.span)
            years = [t.year for t in times if t.year is not None and not t.is_current]
            if years:
                out.append((block.span[0], max(years)))
            elif current := [t for t in times if t.kind == "current"]:
                out.append((block.span[0], self._resolve(current[0], reading)))
        return out

    def _link_baselines(self, text: str, contexts: list[QuantityContext]) -> None:
        """"从2020年的7.8%提高到10%", "from 7.8% in 2020 to 10%": the first amount is where the
        second starts from. A starting point stated after its amount ("ถึง 50,000 กิโลเมตร ภายในปี
        2568 จากประมาณ 38,000 กิโลเมตร ในปี 2563") belongs to the amount before it in the sentence."""
        for i, ctx in enumerate(contexts):
            for pattern in self.baselines:
                # a clause may state several changes: "จาก 146,000 … จาก 6,600 … จาก 161,000 เป็น 190,000"
                match = next((found for found in pattern.finditer(text, *ctx.clause)
                              if found.start("value") <= ctx.mention.numeral_span[0] < found.end("value") + 1), None)
                if match is None:
                    continue
                later = [j for j in range(i + 1, len(contexts)) if contexts[j].clause == ctx.clause]
                if not later:
                    later = [j for j in range(i - 1, -1, -1) if contexts[j].sentence == ctx.sentence
                             and contexts[j].baseline is None and contexts[j].baseline_of is None][:1]
                if not later:
                    continue
                year = None
                if match.groupdict().get("year"):
                    year = parse_year(match, self.data)
                ctx.baseline_of = later[0]
                target = contexts[later[0]]
                target.baseline = Baseline(value=ctx.mention.value, year=year)
                if target.mention.unit is None and target.mention.per is None and ctx.mention.unit is not None:
                    # "from current 55.3 percent to 60": the end point is in the starting point's unit
                    target.mention = replace(target.mention, unit=ctx.mention.unit)
                break

    # -- one target ------------------------------------------------------------------------------
    def _target(self, text: str, ctx: QuantityContext, per, number: int, clause_contexts: list[QuantityContext],
                times: list[TimeMention]) -> Target:
        """The target an amount states; `clause_contexts`: the amounts of its clause."""
        m = ctx.mention
        # The metric starts after the amount before it in the clause, or after a span of years
        # closing a phrase ("for 2024-25, aiming to reduce ..."), never at a change's starting point.
        previous_end = max([c.mention.span[1] for c in clause_contexts
                            if c.clause == ctx.clause and c.mention.span[1] <= m.span[0] and c.baseline_of is None]
                           + [t.span[1] for t in _times_in(times, (ctx.clause[0], m.span[0]))
                              if t.kind == "range" and text[t.span[1]:m.span[0]].lstrip()[:1] in ",，"],
                           default=ctx.clause[0])
        metric_span = self._metric_span(text, (max(previous_end, ctx.clause[0]), m.span[0]), ctx)
        if metric_span is None:
            following = min((c.mention.span[0] for c in clause_contexts if c.clause == ctx.clause and c.mention.span[0] >= m.span[1]),
                            default=ctx.clause[1])
            tail = strip(text, (m.span[1], following), METRIC_EDGE)
            metric_span = tail if tail[0] < tail[1] else None
        quote_start = metric_span[0] if metric_span and metric_span[0] < m.span[0] else m.span[0]
        quote_end = max(m.span[1], metric_span[1]) if metric_span else m.span[1]
        if not any(c.clause == ctx.clause and c.mention.span[0] >= m.span[1] for c in clause_contexts):
            # The last amount of its clause: the quote runs on through its qualifiers
            # ("per 10,000 people", "of regional GDP") to the clause's end.
            quote_end = max(quote_end, strip(text, (m.span[1], ctx.clause[1]), METRIC_EDGE + "。.")[1])
        span = (quote_start, quote_end)
        baseline = ctx.baseline.model_copy(update={"value": normalize_value(ctx.baseline.value)}) if ctx.baseline else None
        return Target(
            id=f"T{number}", kind="quantitative", text=text[span[0]:span[1]], span=span,
            metric=text[metric_span[0]:metric_span[1]] if metric_span else None, metric_span=metric_span,
            value=normalize_value(m.value), value_max=normalize_value(m.value_max) if m.value_max is not None else None,
            value_text=text[m.value_span[0]:m.value_span[1]], value_span=m.value_span, unit=m.unit or DEFAULT_UNIT,
            per=per, comparator=m.comparator, year=ctx.year, baseline=baseline,
            growth=bool(ctx.features.get("growth")),
        )

    def _metric_span(self, text: str, span: Span, ctx: QuantityContext) -> Optional[Span]:
        """What is measured: the words before the amount in its clause, without a leading deadline."""
        span = strip(text, span, METRIC_EDGE)
        span = self._strip_deadline(text, span)
        return span if span[1] - span[0] > 1 else None


def embedded_text(text: str, ctx: QuantityContext) -> str:
    """The sentence the decision's embedding reads: the amount's sentence, at most EMBEDDED_CHARS
    around the amount."""
    start, end = ctx.sentence
    if end - start > EMBEDDED_CHARS:
        start = max(start, ctx.mention.span[0] - EMBEDDED_CHARS // 2)
        end = min(end, start + EMBEDDED_CHARS)
    return text[start:end]


def _shared_characters(a: str, b: str) -> float:
    """The share of the shorter text's distinct word characters the other text has too."""
    a_chars = {ch.lower() for ch in a if ch.isalnum()}
    b_chars = {ch.lower() for ch in b if ch.isalnum()}
    small = min(len(a_chars), len(b_chars))
    return len(a_chars & b_chars) / small if small else 0.0


def _mark_conversions(text: str, contexts: list[QuantityContext]) -> None:
    """An amount in brackets right after another restates it in other units or another currency:
    "1.2 trillion yuan (US$190 billion)", "2.52 ล้านล้านบาท" after "5 แสนล้านหยวน (ประมาณ"."""
    for previous, ctx in zip(contexts, contexts[1:]):
        gap = text[previous.mention.span[1]:ctx.mention.span[0]]
        if len(gap) <= CONVERSION_GAP and gap.strip()[:1] in ("(", "（") and ")" not in gap and "）" not in gap:
            ctx.conversion = True


def _same_words(text: str, a: Span, b: Span) -> bool:
    """Two sentences that say the same thing word for word: a page that repeats a paragraph."""
    return text[a[0]:a[1]].split() == text[b[0]:b[1]].split()


def _sentence_start(segments: Segments, position: int, floor: int) -> int:
    sentence = segments.sentence_of(position)
    return max(floor, sentence[0]) if sentence else floor


def _restatement_key(ctx: QuantityContext) -> tuple:
    """What a restated target repeats exactly: amount, upper bound, unit, comparator and year."""
    m = ctx.mention
    return (m.value, m.value_max, m.unit, m.comparator, ctx.year)


def _times_in(times: list[TimeMention], span: Span) -> list[TimeMention]:
    """The time expressions starting in `span` (`times` is in text order: bisected, not scanned)."""
    first = bisect.bisect_left(times, span[0], key=lambda t: t.span[0])
    last = bisect.bisect_left(times, span[1], key=lambda t: t.span[0])
    return times[first:last]


def _reaches_back(reading: Reading, t: TimeMention, ctx: QuantityContext) -> bool:
    """Whether a time may date an amount before it in the sentence. One that opens a clause of its
    own after the amount's scopes only what follows it: "2024年，……占比达到18.9%左右；2025年，……"."""
    if t.span[0] < ctx.mention.span[0]:
        return True
    clause = reading.segments.clause_of(t.span[0])
    if clause is None or clause == ctx.clause:
        return True
    return reading.text[clause[0]:t.span[0]].strip() != ""


def _distance(a: Span, b: Span) -> int:
    return b[0] - a[1] if a[1] <= b[0] else a[0] - b[1] if b[1] <= a[0] else 0


def _line(text: str, position: int) -> Span:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return strip(text, (start, len(text) if end < 0 else end))


def _block_at(blocks: list[Block], starts: list[int], position: int) -> Optional[Block]:
    i = bisect.bisect_right(starts, position) - 1
    return blocks[i] if i >= 0 and within(position, blocks[i].span) else None


def _lead_paragraph(blocks: list[Block]) -> Optional[Span]:
    """The news lead: the first paragraph of some length."""
    for block in blocks:
        if block.kind == "paragraph" and block.span[1] - block.span[0] >= 40:
            return block.span
    return None
