"""Scoring the pipeline on the real-document corpus (corpora/real), dev and test separately.

Per language and field:
- targets: a predicted quantitative target matches a gold one when its span overlaps the gold
  quote, its year is right and its amount is the gold amount (and the upper bound of a range): equal
  in the gold's unit after pint converts between units of one dimension (a text's "200 million
  hectares" written in the gold as 2,000,000 km2), at the precision the gold writes (a third is 33.3
  percent). Comparator and
  denominator are reported separately, as accuracies over the matched targets; `spans` scores
  detection alone (span overlap, whatever the attributes).
- issuers: canonical ids; a gold issuer outside the id scheme matches a predicted issuer whose
  span overlaps one of its mentions.
- dates: ISO date, role and overlapping span; `key dates` is the accuracy on the datelines and
  publication dates, the two an analyst reads first.
- violations: predicted targets whose amount sits on a number the gold lists as no target.
"""

from __future__ import annotations

import functools
import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

from pydantic import BaseModel

from pipeline.config import PROJECT_ROOT
from pipeline.extract.units import convert
from pipeline.spans import overlaps
from pipeline.evaluation.corpus import GoldDocument, corpus_documents, locate, occurrence_spans
from pipeline.evaluation.score import Counts
from pipeline.settings import Settings

REAL = PROJECT_ROOT / "corpora" / "real"
# dev: tuned on; test: a third of the first corpus, never tuned on, but read document by document
# during development; heldout: batches gathered and committed after that, first run unseen.
SPLITS = ("dev", "test", "heldout")
FIELDS = ("targets", "spans", "issuers", "dates")
# Gold roles and the pipeline's: an issuance or signature date is the date the document bears.
ROLE_OF_GOLD = {"issued": "dated", "signed": "dated"}
KEY_ROLES = ("dateline", "published")
# Unit names of records written before the unit vocabulary followed the annotation guidelines.
UNIT_ALIASES = {"people": "count", "tonne": "tonnes", "year": "years"}


class DocResult(BaseModel):
    id: str
    lang: str
    split: str
    fields: dict[str, Counts]
    comparator: Counts          # tp = right comparator among matched targets
    per: Counts
    key_dates: Counts
    violations: list[str] = []
    misses: list[str] = []
    extras: list[str] = []


class RealReport(BaseModel):
    documents: list[DocResult]

    def table(self) -> dict[str, dict[str, dict[str, Counts]]]:
        """{split: {lang or "all": {field: Counts}}}"""
        out: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(Counts)))
        for d in self.documents:
            for lang in (d.lang, "all"):
                cell = out[d.split][lang]
                for name, counts in d.fields.items():
                    cell[name].add(counts)
                cell["comparator"].add(d.comparator)
                cell["per"].add(d.per)
                cell["key_dates"].add(d.key_dates)
                cell["violations"].add(Counts(tp=len(d.violations)))
        return out

    def figures(self) -> dict[str, float]:
        flat = {}
        for split, langs in self.table().items():
            for lang, fields in langs.items():
                for name, c in fields.items():
                    if name in FIELDS:
                        flat[f"{split}.{lang}.{name}.precision"] = round(c.precision, 4)
                        flat[f"{split}.{lang}.{name}.recall"] = round(c.recall, 4)
                        flat[f"{split}.{lang}.{name}.f1"] = round(c.f1, 4)
                    elif name in ("comparator", "per", "key_dates"):
                        flat[f"{split}.{lang}.{name}.accuracy"] = round(c.recall, 4)
        return flat


def load_split(root: Path = REAL) -> dict[str, str]:
    data = json.loads((root / "split.json").read_text(encoding="utf-8"))
    return {doc_id: side for side in SPLITS for doc_id in data.get(side, [])}


def _same(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _unit(unit: Optional[str]) -> Optional[str]:
    return UNIT_ALIASES.get(unit, unit) if unit else unit


def _same_amount(value: Optional[float], unit: Optional[str], gold_value: Optional[float], gold_unit: str) -> bool:
    """The predicted amount is the gold one, in the gold's unit and at the gold's precision."""
    if value is None or gold_value is None:
        return value is None and gold_value is None
    unit = _unit(unit)
    converted = float(value) if unit == gold_unit else (convert(float(value), unit, gold_unit) if unit else None)
    if converted is None:
        return False
    return _same(converted, gold_value) or _rounds_to(converted, float(gold_value))


def _rounds_to(value: float, gold: float) -> bool:
    """`value` rounded to the decimals the gold writes is the gold: a gold written with decimals
    was rounded by its annotator (三分之一 as 33.3). Whole numbers are not taken as rounded."""
    written = repr(gold)
    if "e" in written or "." not in written or written.endswith(".0"):
        return False
    return round(value, len(written.split(".")[1])) == gold


def _match(golds: list, preds: list, same: Callable) -> list[tuple[int, int]]:
    """One-to-one: each gold item takes the first unused prediction that agrees with it."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def score_document(record, doc: GoldDocument, split: str) -> DocResult:
    text = record.document.text
    gold_targets = [(t, locate(text, t.quote, t.occurrence)) for t in doc.targets]
    preds = [t for t in record.targets if t.kind == "quantitative"]

    def right(g, p) -> bool:
        gold, span = g
        return (span is not None and overlaps(span, p.span) and p.year == gold.year
                and _same_amount(p.value, p.unit, gold.value, gold.unit)
                and (gold.value_max is None or _same_amount(getattr(p, "value_max", None), p.unit, gold.value_max, gold.unit)))

    pairs = _match(gold_targets, preds, right)
    span_pairs = _match(gold_targets, preds, lambda g, p: g[1] is not None and overlaps(g[1], p.span))
    comparator = Counts(tp=sum(1 for gi, pi in pairs if preds[pi].comparator == gold_targets[gi][0].comparator),
                        gold=len(pairs), predicted=len(pairs))
    per = Counts(tp=sum(1 for gi, pi in pairs if _same_per(preds[pi].per, gold_targets[gi][0].per)),
                 gold=len(pairs), predicted=len(pairs))
    dates, key_dates = _dates(record, doc, text)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    misses = [f"{g.quote!r} {g.value} {g.unit} {g.comparator} {g.year}" for i, (g, _) in enumerate(gold_targets)
              if i not in matched_gold]
    extras = [f"{p.text[:60]!r} {p.value} {p.unit} {p.comparator} {p.year}" for i, p in enumerate(preds)
              if i not in matched_pred]
    return DocResult(
        id=doc.id, lang=doc.lang, split=split,
        fields={
            "targets": Counts(tp=len(pairs), predicted=len(preds), gold=len(doc.targets)),
            "spans": Counts(tp=len(span_pairs), predicted=len(preds), gold=len(doc.targets)),
            "issuers": _issuers(record, doc, text),
            "dates": dates,
        },
        comparator=comparator, per=per, key_dates=key_dates,
        violations=_violations(record, doc, text), misses=misses, extras=extras,
    )


def _same_per(pred, gold) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return _same(pred.value, gold.value) and pred.unit == gold.unit


def _issuers(record, doc: GoldDocument, text: str) -> Counts:
    predicted = [e for e in record.issuers]
    gold_ids = {i.id for i in doc.issuers if i.id}
    predicted_ids = {e.canonical_id for e in predicted if e.canonical_id}
    tp = len(gold_ids & predicted_ids)
    unlinked = [i for i in doc.issuers if not i.id]
    for issuer in unlinked:
        spans = occurrence_spans(text, issuer.text)
        if any(overlaps(s, e.span) for s in spans for e in predicted if not e.canonical_id or e.canonical_id not in gold_ids):
            tp += 1
    n_predicted = len(predicted_ids) + sum(1 for e in predicted if not e.canonical_id)
    return Counts(tp=tp, predicted=max(n_predicted, tp), gold=len(gold_ids) + len(unlinked))


def _dates(record, doc: GoldDocument, text: str) -> tuple[Counts, Counts]:
    golds = [(d, locate(text, d.text, d.occurrence)) for d in doc.dates]

    def right(g, p) -> bool:
        gold, span = g
        return (p.iso == gold.iso and p.role == ROLE_OF_GOLD.get(gold.role, gold.role)
                and (span is None or overlaps(span, p.span)))

    events = [d for d in record.dates if d.role != "mentioned"]
    pairs = _match(golds, events, right)
    key = [i for i, (g, _) in enumerate(golds) if g.role in KEY_ROLES]
    matched = {gi for gi, _ in pairs}
    key_right = sum(1 for i in key if i in matched)
    return (Counts(tp=len(pairs), predicted=len(events), gold=len(golds)),
            Counts(tp=key_right, predicted=len(key), gold=len(key)))


def _violations(record, doc: GoldDocument, text: str) -> list[str]:
    out = []
    for item in doc.not_targets:
        spans = occurrence_spans(text, item.quote)
        for t in record.targets:
            if t.kind == "quantitative" and t.value_span and any(overlaps(t.value_span, s) for s in spans):
                out.append(f"{item.quote!r} ({item.why}) read as target {t.id}")
    return out


def evaluate_real(root: Path = REAL, splits: tuple[str, ...] = SPLITS, analyze=None,
                  progress: Optional[Callable[[str], None]] = None, settings: Optional[Settings] = None) -> RealReport:
    """`analyze`: (path, lang=) -> Record, by default analyze_file with `settings` (None: the packaged defaults)."""
    if analyze is None:
        from pipeline.analyze import analyze_file

        analyze = functools.partial(analyze_file, settings=settings)
    split_of = load_split(root)
    results = []
    for doc in corpus_documents(root):
        split = split_of.get(doc.gold.id)
        if split not in splits:
            continue
        if progress:
            progress(doc.gold.id)
        record = analyze(doc.path, lang=doc.gold.lang)
        results.append(score_document(record, doc.gold, split))
    return RealReport(documents=results)


def format_real(report: RealReport) -> str:
    table = report.table()
    prf = lambda c: f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}"
    lines = [f"{'split':<8}{'lang':<5}{'docs':>5}{'gold':>6}  {'targets P/R/F1':<16}{'spans P/R/F1':<16}"
             f"{'comparator':>10}{'per':>6}  {'issuers P/R/F1':<16}{'dates P/R/F1':<16}{'key dates':>9}{'viol':>6}"]
    docs: dict = defaultdict(int)
    for d in report.documents:
        docs[(d.split, d.lang)] += 1
        docs[(d.split, "all")] += 1
    for split in SPLITS:
        for lang in sorted(table.get(split, {}), key=lambda l: (l == "all", l)):
            f = table[split][lang]
            lines.append(
                f"{split:<8}{lang:<5}{docs[(split, lang)]:>5}{f['targets'].gold:>6}  {prf(f['targets']):<16}"
                f"{prf(f['spans']):<16}{f['comparator'].recall:>10.2f}{f['per'].recall:>6.2f}  "
                f"{prf(f['issuers']):<16}{prf(f['dates']):<16}{f['key_dates'].recall:>9.2f}{f['violations'].tp:>6}")
    return "\n".join(lines)
