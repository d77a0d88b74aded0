"""Cross-language groups of the real corpus: does `compare A B` link the targets the gold links?

Within a group (the same policy reported in several languages), every pair of documents in two
languages is compared, the original being the Chinese text where there is one, else the English.
A gold link (the same `link` id on a target of each) counts as found when the comparison matches
a predicted target overlapping the one quote with a predicted target overlapping the other.
Precision counts the comparison's target matches between gold-linked targets that pair the
wrong ones.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

from pydantic import BaseModel

from pipeline.evaluation.corpus import CorpusDocument, corpus_documents, locate
from pipeline.evaluation.real import REAL, SPLITS, load_split
from pipeline.evaluation.score import Counts
from pipeline.schema import Span
from pipeline.settings import Settings

ORIGINAL_FIRST = ("zh", "en", "th")


class PairResult(BaseModel):
    group: str
    split: str
    original: str
    summary: str
    links: Counts
    metric_keys: Counts = Counts()   # linked targets found on both sides: keyed on both (predicted), the same key (tp)
    missed: list[str] = []


class CrossReport(BaseModel):
    pairs: list[PairResult]

    def totals(self) -> dict[str, Counts]:
        return self._by_split("links")

    def metric_keys(self) -> dict[str, Counts]:
        return self._by_split("metric_keys")

    def _by_split(self, field: str) -> dict[str, Counts]:
        out: dict[str, Counts] = defaultdict(Counts)
        for p in self.pairs:
            for key in (p.split, "all"):
                out[key].add(getattr(p, field))
        return dict(out)


def _overlapping(targets, span) -> set[str]:
    return {t.id for t in targets if span is not None and t.span.overlaps(span)}


def _link_quotes(doc: CorpusDocument, record) -> dict[str, Optional[Span]]:
    """Each gold-linked target's link and where its quote stands in the record's text."""
    return {t.link: locate(record.document.text, t.quote, t.occurrence) for t in doc.gold.targets if t.link}


def score_pair(a: CorpusDocument, b: CorpusDocument, record_a, record_b, comparison) -> tuple[Counts, list[str]]:
    quotes_a, quotes_b = _link_quotes(a, record_a), _link_quotes(b, record_b)
    shared = sorted(set(quotes_a) & set(quotes_b))
    targets_a = [t for t in record_a.targets if t.kind == "quantitative"]
    targets_b = [t for t in record_b.targets if t.kind == "quantitative"]
    matches = {(m.original_ref, m.summary_ref) for m in comparison.matches if m.kind == "target"}
    found, missed = 0, []
    wanted: set[tuple[str, str]] = set()
    for link in shared:
        pairs = {(x, y) for x in _overlapping(targets_a, quotes_a[link]) for y in _overlapping(targets_b, quotes_b[link])}
        wanted |= pairs
        if pairs & matches:
            found += 1
        else:
            missed.append(link)
    linked_a = {x for x, _ in wanted}
    linked_b = {y for _, y in wanted}
    judged = {(x, y) for x, y in matches if x in linked_a or y in linked_b}
    right = len(judged & wanted)
    return Counts(tp=found, gold=len(shared), predicted=found + len(judged) - right), missed


def metric_key_agreement(a: CorpusDocument, b: CorpusDocument, record_a, record_b) -> Counts:
    """Gold-linked targets that the pipeline found in both documents: how many carry a metric key on
    both sides (predicted) and how many the same key (tp), of all found (gold)."""
    quotes_a = {t.link: locate(record_a.document.text, t.quote, t.occurrence) for t in a.gold.targets if t.link}
    quotes_b = {t.link: locate(record_b.document.text, t.quote, t.occurrence) for t in b.gold.targets if t.link}
    first = lambda targets, span: next((t for t in targets if span is not None and t.span.overlaps(span)), None)
    targets_a = [t for t in record_a.targets if t.kind == "quantitative"]
    targets_b = [t for t in record_b.targets if t.kind == "quantitative"]
    counts = Counts()
    for link in sorted(set(quotes_a) & set(quotes_b)):
        x, y = first(targets_a, quotes_a[link]), first(targets_b, quotes_b[link])
        if x is None or y is None:
            continue
        counts.gold += 1
        if x.metric_id and y.metric_id:
            counts.predicted += 1
            counts.tp += x.metric_id == y.metric_id
    return counts


def evaluate_crosslang(root: Path = REAL, encoder: Optional[str] = None, splits: tuple[str, ...] = SPLITS, analyze=None,
                       progress: Optional[Callable[[str], None]] = None, settings: Optional[Settings] = None) -> CrossReport:
    """`encoder`: None, the settings' align.encoder; `analyze`: (path, lang=) -> Record, by default
    analyze_file with `settings` (None: the packaged defaults), which the comparisons use too."""
    from pipeline.align.compare import compare_documents

    if analyze is None:
        from pipeline.analyze import analyze_file

        analyze = functools.partial(analyze_file, settings=settings)
    split_of = load_split(root)
    records: dict[str, object] = {}
    pairs = []
    for group, a, b in cross_language_pairs(root, splits):
        for doc in (a, b):
            if doc.gold.id not in records:
                records[doc.gold.id] = analyze(doc.path, lang=doc.gold.lang)
        if progress:
            progress(f"{a.gold.id} -> {b.gold.id}")
        comparison = compare_documents(records[a.gold.id], records[b.gold.id], encoder=encoder, settings=settings)
        links, missed = score_pair(a, b, records[a.gold.id], records[b.gold.id], comparison)
        if links.gold:
            pairs.append(PairResult(group=group, split=split_of[a.gold.id], original=a.gold.id,
                                    summary=b.gold.id, links=links, missed=missed,
                                    metric_keys=metric_key_agreement(a, b, records[a.gold.id], records[b.gold.id])))
    return CrossReport(pairs=pairs)


def cross_language_pairs(root: Path = REAL, splits: tuple[str, ...] = SPLITS):
    """(group, original, summary) for every two documents of a cross-language group in two
    languages, the original first (zh, then en, then th)."""
    split_of = load_split(root)
    groups: dict[str, list[CorpusDocument]] = defaultdict(list)
    for doc in corpus_documents(root):
        if doc.gold.group and any(t.link for t in doc.gold.targets) and split_of.get(doc.gold.id) in splits:
            groups[doc.gold.group].append(doc)
    for group, docs in sorted(groups.items()):
        for a, b in itertools.combinations(sorted(docs, key=lambda d: (ORIGINAL_FIRST.index(d.gold.lang), d.gold.id)), 2):
            if a.gold.lang != b.gold.lang:
                yield group, a, b


def linked_target_pairs(a: CorpusDocument, b: CorpusDocument, record_a, record_b) -> set[tuple[str, str]]:
    """(target id in a, target id in b) of the records' targets that state the same gold-linked target."""
    quotes_a, quotes_b = _link_quotes(a, record_a), _link_quotes(b, record_b)
    targets_a = [t for t in record_a.targets if t.kind == "quantitative"]
    targets_b = [t for t in record_b.targets if t.kind == "quantitative"]
    return {(x, y) for link in set(quotes_a) & set(quotes_b)
            for x in _overlapping(targets_a, quotes_a[link]) for y in _overlapping(targets_b, quotes_b[link])}


def format_crosslang(report: CrossReport) -> str:
    lines = [f"{'split':<8}{'pairs':>6}{'links':>7}  {'found':>6}  {'P/R/F1':<16}{'metric keys: same/keyed/found':>32}"]
    totals, keys = report.totals(), report.metric_keys()
    counts: dict[str, int] = defaultdict(int)
    for p in report.pairs:
        counts[p.split] += 1
        counts["all"] += 1
    for key in (*SPLITS, "all"):
        if key in totals:
            c = totals[key]
            k = keys[key]
            lines.append(f"{key:<8}{counts[key]:>6}{c.gold:>7}  {c.tp:>6}  {c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}"
                         f"{f'{k.tp}/{k.predicted}/{k.gold}':>32}")
    return "\n".join(lines)
