"""What alignment works on: the targets, goals, measures and entities of either side, reduced to
one shape whether they come from an analysed document or a curated canonical record."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from pipeline.canonical.model import CanonicalRecord
from pipeline.extract.glosses import READER_LANGS, gazetteer_glosses
from pipeline.schema import Gloss, Per, Record, SideKind, Span
from pipeline.spans import contains

# A measure is compared on its title and the opening of its body: the whole body of a long
# measure dilutes the sentence embedding.
MEASURE_CHARS = 400


@dataclass(frozen=True)
class TargetFacts:
    value: Optional[float]
    unit: Optional[str]
    per: Optional[Per]
    comparator: Optional[str]
    year: Optional[int]
    growth: bool
    value_max: Optional[float] = None
    metric: Optional[str] = None        # the metric lexicon's key (configs/metrics/), where one is known


@dataclass(frozen=True)
class AlignItem:
    kind: str
    ref: str
    text: str
    lang: str
    position: float
    span: Optional[Span] = None
    numbers: frozenset[float] = frozenset()
    entity_ids: frozenset[str] = frozenset()
    year: Optional[int] = None
    facts: Optional[TargetFacts] = None
    verified: bool = True   # False: a canonical fact that is the project's own rendering


@dataclass
class Side:
    """One side of a comparison: its items by kind, its entity ids, its dates and issuers."""

    id: str
    source: str
    lang: str
    kind: SideKind   # an analysed document, or a curated canonical record (no text, no spans)
    items: dict[str, list[AlignItem]] = field(default_factory=dict)
    entity_spans: dict[str, Span] = field(default_factory=dict)   # id -> first mention (None for records)
    entity_texts: dict[str, str] = field(default_factory=dict)    # id -> first mention's text, or the record's name
    entity_order: list[str] = field(default_factory=list)
    issuer_ids: list[str] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)          # role -> ISO date
    zone_order: list[str] = field(default_factory=list)
    glosses: dict[str, Gloss] = field(default_factory=dict)      # entity id -> its names in th, zh, en


def _positions(n: int) -> list[float]:
    return [i / (n - 1) if n > 1 else 0.5 for i in range(n)]


def side_from_record(record: Record) -> Side:
    doc = record.document
    text, lang = doc.text, doc.lang
    linked = [e for e in record.entities if e.canonical_id]

    quantities = sorted(record.quantities, key=lambda q: q.span)
    starts = [q.span[0] for q in quantities]

    def inside(span: Span) -> tuple[frozenset[float], frozenset[str]]:
        """The amounts and the bodies an item holds, as the record read them (its quantities are
        sorted by position; a day number or a list label is none of them)."""
        ids = frozenset(e.canonical_id for e in linked if contains(span, e.span))
        held = quantities[bisect.bisect_left(starts, span[0]):bisect.bisect_left(starts, span[1])]
        numbers = frozenset(v for q in held if contains(span, q.span)
                            for v in (q.value, q.value_max, q.per.value if q.per else None) if v is not None)
        return numbers, ids

    side = Side(id=doc.id, source=doc.source, lang=lang, kind="document")
    quantitative = [t for t in record.targets if t.kind == "quantitative"]
    goals = [t for t in record.targets if t.kind == "qualitative"]
    side.items["target"] = [
        AlignItem("target", t.id, t.text, lang, pos, t.span, *inside(t.span), t.year,
                  TargetFacts(t.value, t.unit, t.per, t.comparator, t.year, t.growth, t.value_max, t.metric_id))
        for t, pos in zip(quantitative, _positions(len(quantitative)))
    ]
    side.items["goal"] = [AlignItem("goal", t.id, t.text, lang, pos, t.span, *inside(t.span), t.year)
                          for t, pos in zip(goals, _positions(len(goals)))]
    side.items["measure"] = [
        AlignItem("measure", m.id, _measure_text(m.title, text[m.title_span[1]:m.span[1]]), lang, pos, m.span,
                  *inside(m.span))
        for m, pos in zip(record.measures, _positions(len(record.measures)))
    ]
    for e in linked:
        if e.source != "gloss" and e.canonical_id not in side.entity_spans:
            side.entity_spans[e.canonical_id] = e.span
            side.entity_texts[e.canonical_id] = e.text
            side.entity_order.append(e.canonical_id)
    side.issuer_ids = [e.canonical_id for e in record.issuers if e.canonical_id]
    side.dates = {d.role: d.iso for d in record.dates}
    side.glosses = dict(record.glosses) or gazetteer_glosses(side.entity_order + side.issuer_ids)
    return side


def _measure_text(title: str, body: str) -> str:
    return f"{title}. {' '.join(body.split())}"[:MEASURE_CHARS]


def side_from_canonical(record: CanonicalRecord, lang: str) -> Side:
    """The canonical side, in `lang` where the record has a text in it (else its own language)."""
    from pipeline.extract.entities import gazetteer_matcher

    matcher = gazetteer_matcher()
    side = Side(id=record.name, source=f"canonical:{record.name}", lang=record.lang,   # the original's language
                kind="canonical")

    def pick(texts: dict[str, str]) -> tuple[str, str]:
        chosen = lang if texts.get(lang) else record.lang if texts.get(record.lang) else next(iter(texts), lang)
        return texts.get(chosen, ""), chosen

    # The record lists its bodies and zones but not which item names them: the gazetteer finds
    # them in each item's texts. Its numbers are the targets' own values.
    def ids_in(texts: dict[str, str]) -> frozenset[str]:
        return frozenset(cid for t in texts.values() for *_, cid in matcher.match(t))

    targets = []
    for t, pos in zip(record.targets, _positions(len(record.targets))):
        text, text_lang = pick(t.text)
        numbers = frozenset(v for v in (t.value, t.per.value if t.per else None) if v is not None)
        targets.append(AlignItem("target", t.id, text, text_lang, pos, None, numbers, ids_in(t.text), t.year,
                                 TargetFacts(t.value, t.unit, t.per, t.comparator, t.year, t.growth), t.verified))
    side.items["target"] = targets
    side.items["goal"] = [AlignItem("goal", g.id, *pick(g.text), pos, None, frozenset(), ids_in(g.text), g.year,
                                    verified=g.verified)
                          for g, pos in zip(record.goals, _positions(len(record.goals)))]
    measures = []
    for m, pos in zip(record.measures, _positions(len(record.measures))):
        title, text_lang = pick(m.title)
        body = m.body.get(text_lang, "")
        texts = {k: f"{v} {m.body.get(k, '')}" for k, v in m.title.items()}
        measures.append(AlignItem("measure", m.id, _measure_text(title, body), text_lang, pos, None, frozenset(),
                                  ids_in(texts), verified=m.verified))
    side.items["measure"] = measures
    for entity in [*record.issuers, *record.pilot_zones, *record.entities]:
        if entity.id not in side.entity_order:
            side.entity_order.append(entity.id)
            side.entity_texts[entity.id] = pick(entity.names)[0] if entity.names else entity.id
    side.issuer_ids = [e.id for e in record.issuers]
    side.zone_order = [z.id for z in record.pilot_zones]
    side.dates = {role: str(day) for role, day in (("dated", record.identity.dated), ("published", record.identity.published)) if day}
    side.glosses = gazetteer_glosses(side.entity_order)
    for entity in [*record.issuers, *record.pilot_zones, *record.entities]:
        names = {k: v for k, v in entity.names.items() if k in READER_LANGS and v}
        if entity.id not in side.glosses and names:
            side.glosses[entity.id] = Gloss(names=names, source="canonical")
    return side
