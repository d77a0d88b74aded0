"""The analyst's brief: one record, or a comparison with both sides, reduced to what a reader
needs (issuers with their names in the reader's language, dates with their roles, targets with an
English gloss, discrepancies in plain words, measures by chapter) and every item's place in the
text. `write_report` renders it as one self-contained HTML file or as Markdown.

The view is a pure function of the record(s), the comparison and the reader's language; the
renderers (report/html.py, report/markdown.py) only lay it out."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict

from pipeline.align.compare import looks_unrelated
from pipeline.canonical.model import CanonicalRecord
from pipeline.config import UiText, ui_text
from pipeline.extract.glosses import gloss_name
from pipeline.extract.metrics import metric_matcher
from pipeline.schema import Comparison, Discrepancy, Gloss, Record, Span, Target

SideName = Literal["a", "b"]
SEVERITIES = ("high", "medium", "low", "info")


class View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Highlight(View):
    start: int
    end: int
    key: str          # the HTML id of the item; unique in the brief
    kind: str         # date, issuer, entity, target, goal, chapter, measure
    label: str        # shown on hover: the item's id and what it is


class IssuerView(View):
    key: str
    text: str
    canonical_id: Optional[str]
    name: Optional[str]       # the id's name in the reader's language (gazetteer or canonical record)


class DateView(View):
    key: str
    text: str
    iso: str
    role: str
    year_inferred: bool


class TargetView(View):
    key: str
    id: str
    metric: Optional[str]
    metric_id: Optional[str]
    value: str
    comparator: str
    year: str
    baseline: str
    gloss: str
    text: str
    rendering: bool = False     # a canonical fact that is the project's own rendering (unverified)


class MeasureView(View):
    key: str
    label: str
    title: str
    rendering: bool = False


class ChapterView(View):
    key: Optional[str]
    title: str
    measures: list[MeasureView]


class SideView(View):
    side: SideName
    heading: str
    title: str
    lang: str
    source: str
    chars: int
    issuers: list[IssuerView]
    dates: list[DateView]
    targets: list[TargetView]
    goals: list[TargetView]
    chapters: list[ChapterView]
    text: Optional[str] = None                  # None for a canonical record: it has no text
    highlights: list[Highlight] = []


class DiscrepancyView(View):
    severity: str
    severity_label: str
    kind: str
    item: str
    original_ref: Optional[str]
    original_text: Optional[str]
    original_key: Optional[str]
    summary_ref: Optional[str]
    summary_text: Optional[str]
    summary_key: Optional[str]
    change: str
    note: str
    rests_on_rendering: bool


class MatchView(View):
    kind: str
    original_ref: str
    original_text: str
    original_key: Optional[str]
    summary_ref: str
    summary_text: str
    summary_key: Optional[str]
    score: float
    rests_on_rendering: bool


class Brief(View):
    ui: UiText
    title: str
    generated: str
    sides: list[SideView]
    discrepancies: list[tuple[str, list[DiscrepancyView]]] = []   # by severity, highest first
    matches: list[MatchView] = []
    warnings: list[str] = []

    def item_count(self) -> int:
        """Distinct highlighted items: what the full-text view marks."""
        return sum(len({h.key for h in side.highlights}) for side in self.sides)


# --- keys ---------------------------------------------------------------------------------------
def item_key(side: SideName, kind: str, ref: str) -> str:
    """An HTML id for an item: only characters that need no escaping in an id or a URL fragment."""
    return f"{side}-{kind}-{re.sub(r'[^A-Za-z0-9_.-]', '_', ref)}"


# --- amounts ------------------------------------------------------------------------------------
def amount(value) -> str:
    """7000.0 → "7,000"; 1.2e12 → "1,200,000,000,000"; 0.05 → "0.05" (never scientific notation)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{Decimal(repr(value)).normalize():,f}"


def _unit(unit: Optional[str]) -> str:
    return "" if unit in (None, "count") else ("%" if unit == "percent" else f" {unit}")


def _value(t: Target | object, comparators: dict[str, str]) -> tuple[str, str]:
    value = getattr(t, "value", None)
    if value is None:
        return "", ""
    text = amount(value)
    if getattr(t, "value_max", None) is not None:
        text += f"–{amount(t.value_max)}"
    text += _unit(getattr(t, "unit", None))
    per = getattr(t, "per", None)
    if per is not None:
        text += f" / {amount(per.value)}{_unit(per.unit)}"
    comparator = getattr(t, "comparator", None)
    return text, comparators.get(comparator, comparator or "") if comparator else ""


def _baseline(t) -> str:
    """"7.8% (2020)": a target's starting point, in its unit."""
    if t.baseline is None:
        return ""
    return f"{amount(t.baseline.value)}{_unit(t.unit)}" + (f" ({t.baseline.year})" if t.baseline.year else "")


def english_gloss(t: Target) -> str:
    """The metric's English label from the metric lexicon and the amount as extracted; no machine
    translation: a metric the lexicon does not know is glossed by its amount alone."""
    label = metric_matcher().labels.get(t.metric_id) if t.metric_id else None
    return _gloss(label, t)


def _gloss(label: Optional[str], t) -> str:
    value, comparator = _value(t, ui_text("en").comparators)
    comparator = "" if getattr(t, "comparator", None) == "=" else comparator   # no qualifier: nothing to say
    parts = [f"{label}:" if label else "", comparator, value, f"by {t.year}" if t.year else ""]
    return " ".join(p for p in parts if p)


# --- sides --------------------------------------------------------------------------------------
def side_from_record(record: Record, side: SideName, heading: str, ui: UiText,
                     glosses: dict[str, Gloss]) -> SideView:
    doc = record.document
    key = lambda kind, ref: item_key(side, kind, ref)
    comparators = ui.comparators
    issuers = [IssuerView(key=key("issuer", str(i)), text=e.text, canonical_id=e.canonical_id,
                          name=gloss_name(glosses, e.canonical_id, ui.lang)) for i, e in enumerate(record.issuers)]
    dates = [DateView(key=key("date", str(i)), text=d.text, iso=d.iso, role=ui.roles.get(d.role, d.role),
                      year_inferred=d.year_inferred) for i, d in enumerate(record.dates)]

    def target_view(t: Target) -> TargetView:
        value, comparator = _value(t, comparators)
        baseline = _baseline(t)
        kind = "target" if t.kind == "quantitative" else "goal"
        return TargetView(key=key(kind, t.id), id=t.id, metric=t.metric, metric_id=t.metric_id, value=value,
                          comparator=comparator, year=str(t.year or ""), baseline=baseline,
                          gloss=english_gloss(t) if t.kind == "quantitative" else "", text=t.text)

    chapters = [ChapterView(key=key("chapter", c.id), title=c.title,
                            measures=[MeasureView(key=key("measure", m.id), label=m.label, title=m.title)
                                      for m in record.measures if m.chapter == c.id])
                for c in record.chapters]
    loose = [MeasureView(key=key("measure", m.id), label=m.label, title=m.title)
             for m in record.measures if m.chapter is None or m.chapter not in {c.id for c in record.chapters}]
    if loose:
        chapters.append(ChapterView(key=None, title=ui.labels["no_chapter"], measures=loose))
    return SideView(
        side=side, heading=heading, title=doc.title or doc.id, lang=doc.lang, source=doc.source, chars=len(doc.text),
        issuers=issuers, dates=dates,
        targets=[target_view(t) for t in record.targets if t.kind == "quantitative"],
        goals=[target_view(t) for t in record.targets if t.kind == "qualitative"],
        chapters=chapters, text=doc.text, highlights=highlights(record, side, glosses, ui.lang),
    )


def highlights(record: Record, side: SideName, glosses: dict[str, Gloss], lang: str) -> list[Highlight]:
    """Every extracted item's place in the text: dates, issuers, entities, targets and goals, and
    the headings of chapters and measures (a measure's whole body would cover the text). A linked
    body or place is labelled with its name in the reader's language."""
    out: list[Highlight] = []
    named = lambda cid: " ".join(filter(None, [cid, gloss_name(glosses, cid, lang)]))

    def add(kind: str, ref: str, span: Span, label: str) -> None:
        out.append(Highlight(start=span[0], end=span[1], key=item_key(side, kind, ref), kind=kind, label=label))

    for i, d in enumerate(record.dates):
        add("date", str(i), d.span, f"{d.role} {d.iso}")
    for i, e in enumerate(record.issuers):
        add("issuer", str(i), e.span, f"issuer {named(e.canonical_id)}".strip())
    for i, e in enumerate(record.entities):
        add("entity", str(i), e.span, f"{e.type} {named(e.canonical_id)}".strip())
    for t in record.targets:
        add("target" if t.kind == "quantitative" else "goal", t.id, t.span, t.id)
    for c in record.chapters:
        add("chapter", c.id, c.title_span, c.id)
    for m in record.measures:
        add("measure", m.id, m.title_span, m.id)
    return [h for h in out if h.end > h.start]


def side_from_canonical(record: CanonicalRecord, lang: str, ui: UiText, glosses: dict[str, Gloss]) -> SideView:
    """A curated record has facts, not text: its items are listed where a document's text would be,
    in the original's own language first (another language's text is the project's rendering)."""
    pick = lambda texts: texts.get(record.lang) or texts.get(lang) or next(iter(texts.values()), "")
    key = lambda kind, ref: item_key("a", kind, ref)
    issuers = [IssuerView(key=key("issuer", e.id), text=pick(e.names) or e.id, canonical_id=e.id,
                          name=gloss_name(glosses, e.id, ui.lang)) for e in record.issuers]
    dates = [DateView(key=key("date", role), text=str(day), iso=str(day), role=ui.roles.get(role, role),
                      year_inferred=False)
             for role, day in (("dated", record.identity.dated), ("published", record.identity.published)) if day]
    targets = []
    for t in record.targets:
        value, comparator = _value(t, ui.comparators)
        baseline = _baseline(t)
        metric_id = metric_matcher().find(" ".join(t.metric.values()) or " ".join(t.text.values()))
        gloss = _gloss(metric_matcher().labels.get(metric_id) if metric_id else None, t)
        targets.append(TargetView(key=key("target", t.id), id=t.id, metric=pick(t.metric) or None, metric_id=metric_id,
                                  value=value, comparator=comparator, year=str(t.year or ""), baseline=baseline,
                                  gloss=gloss, text=pick(t.text), rendering=not t.verified))
    goals = [TargetView(key=key("goal", g.id), id=g.id, metric=None, metric_id=None, value="", comparator="",
                        year=str(g.year or ""), baseline="", gloss="", text=pick(g.text), rendering=not g.verified)
             for g in record.goals]
    chapters = [ChapterView(key=key("chapter", c.id), title=pick(c.title),
                            measures=[MeasureView(key=key("measure", m.id), label=m.id, title=pick(m.title),
                                                  rendering=not m.verified)
                                      for m in record.measures if m.chapter == c.id])
                for c in record.chapters]
    return SideView(side="a", heading=ui.labels["original"], title=pick(record.identity.title), lang=record.lang,
                    source=f"canonical:{record.name}", chars=0, issuers=issuers, dates=dates, targets=targets,
                    goals=goals, chapters=chapters)


# --- the comparison -----------------------------------------------------------------------------
def _plain(d: Discrepancy, ui: UiText) -> str:
    """The change in the reader's words."""
    item = ui.kinds.get(d.item, d.item)
    show = lambda v: ui.comparators.get(v, v) if d.kind == "comparator" else amount(v) if isinstance(v, (int, float)) \
        and not isinstance(v, bool) else str(v)
    return ui.changes[d.kind].format(item=item, original=show(d.original_value), summary=show(d.summary_value))


def _ref_key(side: SideName, item: str, ref: Optional[str], entity_keys: dict[str, str]) -> Optional[str]:
    if ref is None or item == "date":
        return None
    if item == "entity":
        return entity_keys.get(ref)
    return item_key(side, item, ref)


def _entity_keys(view: SideView, record: Optional[Record]) -> dict[str, str]:
    """An entity id's first highlighted mention (an issuer's when it is one)."""
    keys: dict[str, str] = {}
    for issuer in view.issuers:
        if issuer.canonical_id:
            keys.setdefault(issuer.canonical_id, issuer.key)
    if record is not None:
        for i, e in enumerate(record.entities):
            if e.canonical_id:
                keys.setdefault(e.canonical_id, item_key(view.side, "entity", str(i)))
    return keys


def comparison_views(comparison: Comparison, original: SideView, summary: SideView, ui: UiText,
                     original_record: Optional[Record], summary_record: Record
                     ) -> tuple[list[tuple[str, list[DiscrepancyView]]], list[MatchView]]:
    keys_a, keys_b = _entity_keys(original, original_record), _entity_keys(summary, summary_record)
    groups = []
    for severity in SEVERITIES:
        rows = [DiscrepancyView(
            severity=severity, severity_label=ui.severities[severity], kind=d.kind, item=ui.kinds.get(d.item, d.item),
            original_ref=d.original_ref, original_text=d.original_text,
            original_key=_ref_key("a", d.item, d.original_ref, keys_a),
            summary_ref=d.summary_ref, summary_text=d.summary_text,
            summary_key=_ref_key("b", d.item, d.summary_ref, keys_b),
            change=_plain(d, ui), note=d.note, rests_on_rendering=d.rests_on_rendering,
        ) for d in comparison.discrepancies if d.severity == severity]
        if rows:
            groups.append((ui.severities[severity], rows))
    matches = [MatchView(
        kind=m.kind, original_ref=m.original_ref, original_text=m.original_text,
        original_key=_ref_key("a", m.kind, m.original_ref, keys_a), summary_ref=m.summary_ref,
        summary_text=m.summary_text, summary_key=_ref_key("b", m.kind, m.summary_ref, keys_b),
        score=m.score, rests_on_rendering=m.rests_on_rendering,
    ) for m in comparison.matches if m.kind != "entity"]
    return groups, matches


def build_brief(record: Record, *, original: Union[Record, CanonicalRecord, None] = None,
                comparison: Optional[Comparison] = None, ui: str = "en") -> Brief:
    """A brief of `record`; with `original` and `comparison`, of `record` as a summary of it."""
    labels = ui_text(ui)
    generated = labels.labels["generated_by"].format(version=_version(), date=dt.date.today().isoformat())
    if original is None or comparison is None:
        side = side_from_record(record, "a", labels.labels["document"], labels, record.glosses)
        return Brief(ui=labels, title=side.title, generated=generated, sides=[side])
    glosses = {**record.glosses, **comparison.glosses}
    if isinstance(original, CanonicalRecord):
        left = side_from_canonical(original, record.document.lang, labels, glosses)
        original_record = None
    else:
        left = side_from_record(original, "a", labels.labels["original"], labels, glosses)
        original_record = original
    right = side_from_record(record, "b", labels.labels["summary"], labels, glosses)
    groups, matches = comparison_views(comparison, left, right, labels, original_record, record)
    return Brief(ui=labels, title=left.title, generated=generated, sides=[left, right], discrepancies=groups,
                 matches=matches, warnings=_warnings(comparison, labels))


def _warnings(comparison: Comparison, ui: UiText) -> list[str]:
    out = []
    if any(m.rests_on_rendering for m in comparison.matches) or any(d.rests_on_rendering for d in comparison.discrepancies):
        out.append(ui.labels["rendering_warning"])
    if looks_unrelated(comparison.matched_items, comparison.comparable_items):
        out.append(ui.labels["unrelated_warning"].format(matched=comparison.matched_items,
                                                         total=comparison.comparable_items))
    return out


def _version() -> str:
    from pipeline import __version__

    return __version__


def write_report(path: str | Path, record: Record, *, original: Union[Record, CanonicalRecord, None] = None,
                 comparison: Optional[Comparison] = None, ui: str = "en") -> Path:
    """Write the brief atomically: Markdown for a .md path, else one self-contained HTML file."""
    from pipeline.io import write_atomic
    from pipeline.report.html import render_html
    from pipeline.report.markdown import render_markdown

    path = Path(path)
    brief = build_brief(record, original=original, comparison=comparison, ui=ui)
    write_atomic(path, render_markdown(brief) if path.suffix.lower() in (".md", ".markdown") else render_html(brief))
    return path
