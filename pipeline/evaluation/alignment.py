"""Alignment quality: precision and recall of matches and of discrepancies over the perturbation
suite and the cross-language cases, per encoder.

Matches are (kind, original ref, summary ref) for targets, goals and measures; discrepancies are
(kind, item, ref). Cases whose source language the scorer never saw in training (the Thai seed's
variants, the cases with a Thai side) are reported apart as held out.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Optional

from pydantic import BaseModel

from pipeline.align.compare import compare_sides
from pipeline.align.items import Side, side_from_canonical, side_from_record
from pipeline.analyze import analyze_file, analyze_text
from pipeline.canonical import load_canonical
from pipeline.config import PROJECT_ROOT
from pipeline.evaluation.perturb import Case, perturbation_suite
from pipeline.evaluation.score import Counts
from pipeline.schema import Comparison
from pipeline.settings import Settings

ALIGNMENT_CASES = PROJECT_ROOT / "corpora" / "alignment"
DOCUMENTS = PROJECT_ROOT / "corpora" / "documents"
ENCODERS = ("use-m3", "lexical")
# The scorer is fitted on the zh and en material only; anything with Thai is held out.
TRAINING_LANGS = {"zh", "en"}


def written_cases() -> list[Case]:
    """Hand-written cases in corpora/alignment/*.json: a summary against a document (`original`)
    or against a canonical record (`canonical`)."""
    cases = []
    for path in sorted(ALIGNMENT_CASES.glob("*.json")):
        for c in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            summary = DOCUMENTS / f"{c['summary']}.txt"
            cases.append(Case(name=c["name"], lang=c["summary"].rsplit(".", 1)[1], text=summary.read_text(encoding="utf-8"),
                              canonical=c.get("canonical"), original=c.get("original"), group=c.get("group"),
                              matches={tuple(m) for m in c["matches"]}, discrepancies={tuple(d) for d in c["discrepancies"]}))
    return cases


@functools.lru_cache(maxsize=1)
def all_cases() -> tuple[Case, ...]:
    return tuple(perturbation_suite() + written_cases())


def is_training_case(case: Case) -> bool:
    langs = {case.lang} | ({case.original.rsplit(".", 1)[1]} if case.original else set())
    return langs <= TRAINING_LANGS


def group_of(case: Case) -> str:
    if case.group:
        return case.group
    if case.original:
        return "cross-language"
    return f"perturbation.{case.lang}"


@functools.lru_cache(maxsize=None)
def _record_of_file(doc: str):
    return analyze_file(DOCUMENTS / f"{doc}.txt")


@functools.lru_cache(maxsize=None)
def _summary_side(name: str) -> Side:
    case = next(c for c in all_cases() if c.name == name)
    return side_from_record(analyze_text(case.text, lang=case.lang, doc_id=case.name, source=case.name))


@functools.lru_cache(maxsize=None)
def case_sides(name: str, canonical_lang: Optional[str] = None) -> tuple[Side, Side]:
    """The two sides of a case. The canonical side speaks the summary's language where the record
    has it, as in `compare`; `canonical_lang` picks another (training uses it for zh<->en pairs)."""
    case = next(c for c in all_cases() if c.name == name)
    if case.original:
        original = side_from_record(_record_of_file(case.original))
    else:
        original = side_from_canonical(load_canonical(case.canonical), canonical_lang or case.lang)
    return original, _summary_side(name)


def predicted_keys(comparison: Comparison) -> tuple[set, set]:
    matches = {(m.kind, m.original_ref, m.summary_ref) for m in comparison.matches if m.kind != "entity"}
    discrepancies = {(d.kind, d.item, d.summary_ref if d.kind == "addition" else d.original_ref)
                     for d in comparison.discrepancies}
    return matches, discrepancies


class CaseResult(BaseModel):
    name: str
    group: str
    held_out: bool
    matches: Counts
    discrepancies: Counts
    missing: list[str] = []
    unexpected: list[str] = []


class AlignmentReport(BaseModel):
    encoder: str
    cases: list[CaseResult]

    def groups(self) -> dict[str, dict[str, Counts]]:
        out: dict[str, dict[str, Counts]] = defaultdict(lambda: {"matches": Counts(), "discrepancies": Counts()})
        for c in self.cases:
            for key in (c.group, "held-out" if c.held_out else "training", "all"):
                out[key]["matches"].add(c.matches)
                out[key]["discrepancies"].add(c.discrepancies)
        return dict(out)

    def figures(self) -> dict[str, float]:
        flat = {}
        for group, tasks in self.groups().items():
            for task, c in tasks.items():
                flat[f"{self.encoder}.{group}.{task}.precision"] = round(c.precision, 4)
                flat[f"{self.encoder}.{group}.{task}.recall"] = round(c.recall, 4)
        return flat


def _counts(predicted: set, expected: set) -> Counts:
    return Counts(tp=len(predicted & expected), predicted=len(predicted), gold=len(expected))


def evaluate_alignment(encoder: str, cases: Optional[list[Case]] = None, settings: Optional[Settings] = None) -> AlignmentReport:
    """The aligner alone: the cases' expected matches come from the documents as the packaged
    settings analyse them, so only the alignment settings (`settings.align`) apply here."""
    results = []
    for case in cases or all_cases():
        original, summary = case_sides(case.name)
        comparison = compare_sides(original, summary, encoder, settings=settings)
        matches, discrepancies = predicted_keys(comparison)
        results.append(CaseResult(
            name=case.name, group=group_of(case), held_out=not is_training_case(case),
            matches=_counts(matches, case.matches), discrepancies=_counts(discrepancies, case.discrepancies),
            missing=sorted(map(str, (case.matches - matches) | (case.discrepancies - discrepancies))),
            unexpected=sorted(map(str, (matches - case.matches) | (discrepancies - case.discrepancies))),
        ))
    return AlignmentReport(encoder=encoder, cases=results)


def format_alignment(reports: list[AlignmentReport]) -> str:
    lines = [f"{'encoder':<9}{'cases':<22}{'match P/R':>14}{'discrepancy P/R':>18}"]
    order = ["perturbation.th", "perturbation.zh", "perturbation.en", "cross-language", "fresh-held-out", "training",
             "held-out", "all"]
    for report in reports:
        groups = report.groups()
        for group in [g for g in order if g in groups]:
            m, d = groups[group]["matches"], groups[group]["discrepancies"]
            lines.append(f"{report.encoder:<9}{group:<22}{m.precision:>7.2f}/{m.recall:.2f}{d.precision:>11.2f}/{d.recall:.2f}")
    lines.append("(held-out: cases with a Thai side, which the scorer was not fitted on)")
    for report in reports:
        for c in report.cases:
            if c.missing or c.unexpected:
                lines.append(f"  {report.encoder} {c.name}: missing {c.missing[:4]} unexpected {c.unexpected[:4]}")
    return "\n".join(lines)
