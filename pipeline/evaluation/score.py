"""Scoring the pipeline against the gold files in `corpora/gold/`.

Gold quotes are located in the document's normalised text (after the same normalisation), and a
predicted item matches a gold item when their spans overlap and every attribute the gold gives
is equal. Figures are micro-averaged per language and over all documents.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from pipeline.analyze import analyze_file
from pipeline.config import PROJECT_ROOT
from pipeline.errors import ConfigError
from pipeline.normalize import normalize
from pipeline.schema import Record, Span, Target
from pipeline.settings import Settings

DOCUMENT_EXTENSIONS = (".txt", ".md", ".html", ".pdf")


class Counts(BaseModel):
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.recall  # correct gold items / gold items


TASKS = ("targets", "goals", "entities", "issuers", "measures", "dates")


class DocScore(BaseModel):
    doc: str
    lang: str
    tasks: dict[str, Counts]
    violations: list[str]   # footer items and numbers the gold says are not targets


class Report(BaseModel):
    documents: list[DocScore]

    def by_language(self) -> dict[str, dict[str, Counts]]:
        out: dict[str, dict[str, Counts]] = defaultdict(lambda: {t: Counts() for t in TASKS})
        for doc in self.documents:
            for key in (doc.lang, "all"):
                for task, counts in doc.tasks.items():
                    out[key][task].add(counts)
        return dict(out)

    def figures(self) -> dict[str, dict[str, float]]:
        """Flat figures for regression tests: {lang: {"targets.f1": ..., "measures.accuracy": ...}}."""
        flat: dict[str, dict[str, float]] = {}
        for lang, tasks in self.by_language().items():
            row = {}
            for task, c in tasks.items():
                if task in ("measures", "dates"):
                    row[f"{task}.accuracy"] = round(c.accuracy, 4)
                    row[f"{task}.precision"] = round(c.precision, 4)
                else:
                    row.update({f"{task}.precision": round(c.precision, 4), f"{task}.recall": round(c.recall, 4),
                                f"{task}.f1": round(c.f1, 4)})
            flat[lang] = row
        return flat


def _collapse(text: str) -> str:
    return " ".join(normalize(text).text.split())


def _locate(text: str, quote: str, after: int = 0) -> Optional[Span]:
    quote = normalize(quote).text
    found = text.find(quote, after)
    if found < 0:
        found = text.find(quote)
    return (found, found + len(quote)) if found >= 0 else None


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _target_matches(pred: Target, gold: dict) -> bool:
    checks = [
        _same_number(pred.value, gold["value"]),
        pred.unit == gold["unit"],
        pred.comparator == gold["comparator"],
        pred.year == gold["year"],
        _same_per(pred, gold.get("per")),
    ]
    if "baseline" in gold:
        base = gold["baseline"]
        checks.append(base is None and pred.baseline is None or base is not None and pred.baseline is not None
                      and _same_number(pred.baseline.value, base["value"]) and pred.baseline.year == base.get("year"))
    if "growth" in gold:
        checks.append(pred.growth == gold["growth"])
    return all(checks)


def _same_per(pred: Target, per: Optional[dict]) -> bool:
    if per is None:
        return pred.per is None
    return pred.per is not None and _same_number(pred.per.value, per["value"]) and pred.per.unit == per["unit"]


def _match_spans(text: str, gold_items: list[dict], predicted: list, same) -> Counts:
    """One-to-one: each gold quote takes the overlapping prediction that agrees with it."""
    used: set[int] = set()
    tp = 0
    for item in gold_items:
        span = _locate(text, item["quote"])
        if span is None:
            continue
        for i, pred in enumerate(predicted):
            if i not in used and _overlap(span, pred.span) > 0 and same(pred, item, span):
                used.add(i)
                tp += 1
                break
    return Counts(tp=tp, predicted=len(predicted), gold=len(gold_items))


def score_targets(record: Record, gold: dict) -> Counts:
    preds = [t for t in record.targets if t.kind == "quantitative"]
    return _match_spans(record.document.text, gold.get("targets_quantitative", []), preds,
                        lambda p, g, _span: _target_matches(p, g))


def score_goals(record: Record, gold: dict) -> Counts:
    preds = [t for t in record.targets if t.kind == "qualitative"]
    return _match_spans(record.document.text, gold.get("targets_qualitative", []), preds,
                        lambda p, g, span: p.span == span and p.year == g["year"])


def score_ids(predicted: set[str], gold: set[str]) -> Counts:
    return Counts(tp=len(predicted & gold), predicted=len(predicted), gold=len(gold))


def score_measures(record: Record, gold: dict) -> Counts:
    chapter_index = {c.id: c.number for c in record.chapters}
    gold_chapter = _gold_measure_chapters(gold)
    tp = 0
    for item in gold.get("measures", []):
        want_chapter = item.get("chapter", gold_chapter.get(item["number"]))
        for m in record.measures:
            if _collapse(m.title) == _collapse(item["title"]) and chapter_index.get(m.chapter or "") == want_chapter:
                tp += 1
                break
    return Counts(tp=tp, predicted=len(record.measures), gold=len(gold.get("measures", [])))


def _gold_measure_chapters(gold: dict) -> dict[int, int]:
    """The reference format lists measure numbers per chapter; ours gives each measure's chapter."""
    return {n: i + 1 for i, ch in enumerate(gold.get("chapters", [])) for n in ch.get("measures", [])}


def score_dates(record: Record, gold: dict) -> Counts:
    tp = 0
    for item in gold.get("dates", []):
        role = item["role"].split()[0]
        if any(d.iso == item["iso"] and d.role == role and d.text == normalize(item["text"]).text for d in record.dates):
            tp += 1
    return Counts(tp=tp, predicted=len(record.dates), gold=len(gold.get("dates", [])))


def violations(record: Record, gold: dict) -> list[str]:
    """Targets whose value sits on a phrase the gold says is no target (postal codes, past
    statistics), and anything extracted from the footer."""
    text = record.document.text
    found = []
    for phrase in gold.get("not_targets", []):
        phrase = normalize(phrase).text
        spans = [(i, i + len(phrase)) for i in _occurrences(text, phrase)]
        for t in record.targets:
            if t.value_span and any(_overlap(t.value_span, s) for s in spans):
                found.append(f"{phrase!r} read as target {t.id}")
    marker = gold.get("boilerplate_from")
    if marker:
        start = text.find(normalize(marker).text)
        if start >= 0:
            found += [f"{item.text[:30]!r} extracted from the footer" for item in record.grounded_items() if item.span[0] >= start]
    return found


def _occurrences(text: str, phrase: str) -> list[int]:
    out, i = [], text.find(phrase)
    while i >= 0:
        out.append(i)
        i = text.find(phrase, i + 1)
    return out


def score_document(record: Record, gold: dict) -> DocScore:
    gold_issuers = {i["id"] for i in gold.get("issuers", [])}
    tasks = {
        "targets": score_targets(record, gold),
        "goals": score_goals(record, gold),
        "entities": score_ids({e.canonical_id for e in record.entities if e.canonical_id}, set(gold.get("entity_ids", []))),
        "issuers": score_ids({e.canonical_id for e in record.issuers if e.canonical_id}, gold_issuers),
        "measures": score_measures(record, gold),
        "dates": score_dates(record, gold),
    }
    return DocScore(doc=gold["doc"], lang=gold["lang"], tasks=tasks, violations=violations(record, gold))


def find_document(documents: Path, doc: str) -> Path:
    for ext in DOCUMENT_EXTENSIONS:
        path = documents / f"{doc}{ext}"
        if path.is_file():
            return path
    raise ConfigError(f"{documents}: no document named {doc!r} for its gold file")


def evaluate_corpus(corpus: Optional[Path] = None, settings: Optional[Settings] = None) -> Report:
    corpus = Path(corpus) if corpus else PROJECT_ROOT / "corpora"
    gold_files = sorted((corpus / "gold").glob("*.gold.json"))
    if not gold_files:
        raise ConfigError(f"{corpus / 'gold'}: no gold files")
    scores = []
    for path in gold_files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        record = analyze_file(find_document(corpus / "documents", gold["doc"]), lang=gold["lang"], settings=settings)
        scores.append(score_document(record, gold))
    return Report(documents=scores)


def format_report(report: Report) -> str:
    lines = [f"{'lang':<5}{'docs':>5}  {'targets P/R/F1':<17}{'goals P/R/F1':<17}{'entities P/R/F1':<17}"
             f"{'issuers P/R/F1':<17}{'measures acc':>13}{'dates acc':>10}"]
    docs_per_lang: dict[str, int] = defaultdict(int)
    for d in report.documents:
        docs_per_lang[d.lang] += 1
        docs_per_lang["all"] += 1
    for lang, tasks in sorted(report.by_language().items(), key=lambda kv: (kv[0] == "all", kv[0])):
        prf = lambda c: f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}"
        lines.append(
            f"{lang:<5}{docs_per_lang[lang]:>5}  {prf(tasks['targets']):<17}{prf(tasks['goals']):<17}"
            f"{prf(tasks['entities']):<17}{prf(tasks['issuers']):<17}"
            f"{tasks['measures'].accuracy:>13.2f}{tasks['dates'].accuracy:>10.2f}"
        )
    lines.append("")
    for d in report.documents:
        t = d.tasks
        lines.append(f"{d.doc}: targets {t['targets'].tp}/{t['targets'].gold} (+{t['targets'].predicted - t['targets'].tp} extra), "
                     f"goals {t['goals'].tp}/{t['goals'].gold}, measures {t['measures'].tp}/{t['measures'].gold}, "
                     f"issuers {t['issuers'].tp}/{t['issuers'].gold}, dates {t['dates'].tp}/{t['dates'].gold}, "
                     f"footer/not-target violations {len(d.violations)}")
        lines.extend(f"  ! {v}" for v in d.violations)
    return "\n".join(lines)
