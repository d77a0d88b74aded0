"""The perturbation suite: variants of the seed and of the zh/en renderings, each with exactly
the matches and discrepancies its change must produce against the canonical record.

Each variant edits the source text in one way (a measure deleted, two swapped, a number changed,
a year shifted, a comparator weakened, a denominator dropped, a news brief with the targets only,
two measures merged). The expected outcome is derived from the edit, never from running the
aligner. `python -m pipeline.evaluation.perturb --write DIR` writes the variants out to read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from pipeline.analyze import analyze_file
from pipeline.config import PROJECT_ROOT
from pipeline.schema import Record

DOCUMENTS = PROJECT_ROOT / "corpora" / "documents"
CANONICAL = "western-science-city"
MatchKey = tuple[str, str, str]          # (kind, original_ref, summary_ref)
DiscrepancyKey = tuple[str, str, str]    # (kind, item, ref)

# Per source: the edits' surface strings and the discrepancies the unedited source already has.
SOURCES = {
    "western-science-city.th": {
        "weaken": ("มากกว่า 5% ของ GDP", "ประมาณ 5% ของ GDP"),
        "drop_per": ("80 ฉบับต่อประชากร 10,000 คน", "80 ฉบับ"),
        "brief": lambda title, targets: f"{title}\n\nภายในปี ค.ศ. 2025\n\n" + "".join(f"• {t}\n" for t in targets),
        "base": {("comparator", "target", "T2"), ("comparator", "target", "T3"), ("comparator", "target", "T5"),
                 ("date", "date", "dated")},
    },
    "western-science-city.zh": {
        "weaken": ("比重超过5%", "比重约5%"),
        "drop_per": ("万人高价值发明专利", "高价值发明专利"),
        "brief": lambda title, targets: f"{title}\n\n到2025年，" + "，".join(targets) + "。\n",
        "base": set(),
    },
    "western-science-city.en": {
        "weaken": ("exceeds 5% of regional GDP", "is about 5% of regional GDP"),
        "drop_per": ("80 or more per 10,000 people", "80 or more"),
        "brief": lambda title, targets: f"{title}\n\nBy 2025:\n" + "".join(f"- {t};\n" for t in targets),
        "base": set(),
    },
}
DELETED, SWAPPED, MERGED = 5, (3, 4), (13, 14)
CHANGED_TARGET, SHIFTED_YEAR = 3, (2035, 2036)


class Case(BaseModel):
    name: str
    lang: str
    text: str
    canonical: Optional[str] = CANONICAL
    original: Optional[str] = None        # document A's id, for document-to-document cases
    group: Optional[str] = None           # a reporting group of its own, for hand-written cases
    matches: set[MatchKey]
    discrepancies: set[DiscrepancyKey]
    merges: list[list[str]] = []


def _identity_matches(record: Record) -> set[MatchKey]:
    """In an unedited rendering, summary item k is canonical item k of each kind."""
    out = {("target", t.id, t.id) for t in record.targets if t.kind == "quantitative"}
    out |= {("goal", t.id, t.id) for t in record.targets if t.kind == "qualitative"}
    out |= {("measure", m.id, m.id) for m in record.measures}
    return out


def _renumber_measures(matches: set[MatchKey], mapping: dict[str, Optional[str]]) -> set[MatchKey]:
    out = set()
    for kind, ref, summary in matches:
        if kind == "measure" and ref in mapping:
            if mapping[ref] is None:
                continue
            summary = mapping[ref]
        out.add((kind, ref, summary))
    return out


def _replace(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"edit anchor {old!r} occurs {text.count(old)} times")
    return text.replace(old, new)


def _canonical_entity_ids() -> set[str]:
    from pipeline.canonical import load_canonical

    record = load_canonical(CANONICAL)
    return {e.id for e in [*record.issuers, *record.pilot_zones, *record.entities]}


def variants(doc: str) -> list[Case]:
    spec = SOURCES[doc]
    record = analyze_file(DOCUMENTS / f"{doc}.txt")
    text, lang = record.document.text, record.document.lang
    base_matches = _identity_matches(record)
    base = set(spec["base"])
    measures = {i + 1: m for i, m in enumerate(record.measures)}  # by position, whatever the numbering
    ids = [m.id for m in record.measures]
    cases: list[Case] = []

    def case(kind: str, new_text: str, matches: set[MatchKey], discrepancies: set[DiscrepancyKey], merges=()) -> None:
        cases.append(Case(name=f"{doc}/{kind}", lang=lang, text=new_text, matches=matches,
                          discrepancies=discrepancies, merges=[list(m) for m in merges]))

    # a measure deleted: its omission; later measures shift up by one
    m = measures[DELETED]
    nxt = measures[DELETED + 1]
    mapping = {ids[k]: (ids[k - 1] if k >= DELETED else None) for k in range(DELETED - 1, len(ids))}
    case("delete-measure", text[:m.span[0]] + text[nxt.span[0]:], _renumber_measures(base_matches, mapping),
         base | {("omission", "measure", ids[DELETED - 1])})

    # two measures swapped: matched across, reported as an order change only
    a, b = (measures[n] for n in SWAPPED)
    swapped = text[:a.span[0]] + text[b.span[0]:b.span[1]] + text[a.span[1]:b.span[0]] + text[a.span[0]:a.span[1]] + text[b.span[1]:]
    mapping = {ids[SWAPPED[0] - 1]: ids[SWAPPED[1] - 1], ids[SWAPPED[1] - 1]: ids[SWAPPED[0] - 1]}
    case("swap-measures", swapped, _renumber_measures(base_matches, mapping), set(base))

    # a number changed: a value discrepancy on that target
    target = [t for t in record.targets if t.kind == "quantitative"][CHANGED_TARGET - 1]
    digit = target.value_span[0]
    changed = text[:digit] + str(int(text[digit]) + 1) + text[digit + 1:]
    case("change-number", changed, base_matches, base | {("value", "target", target.id)})

    # a deadline shifted: every goal under it has a year discrepancy, and its summary id follows
    old_year, new_year = map(str, SHIFTED_YEAR)
    shifted = text.replace(old_year, new_year)
    moved_goals = [t.id for t in record.targets if t.kind == "qualitative" and t.year == SHIFTED_YEAR[0]]
    shifted_matches = {(k, r, s.replace(f"G{old_year}.", f"G{new_year}.") if k == "goal" else s) for k, r, s in base_matches}
    case("shift-year", shifted, shifted_matches, base | {("year", "goal", g) for g in moved_goals})

    # a comparator weakened (">" to "~") on T1
    case("weaken-comparator", _replace(text, *spec["weaken"]), base_matches, base | {("comparator", "target", "T1")})

    # a denominator dropped from T2
    case("drop-denominator", _replace(text, *spec["drop_per"]), base_matches, base | {("unit", "target", "T2")})

    # a news brief that keeps only the targets
    quantitative = [t for t in record.targets if t.kind == "quantitative"]
    brief = spec["brief"](record.document.title, [t.text for t in quantitative])
    omitted = {("omission", "goal", t.id) for t in record.targets if t.kind == "qualitative"}
    omitted |= {("omission", "measure", m.id) for m in record.measures}
    omitted |= {("omission", "entity", cid) for cid in _canonical_entity_ids()}
    omitted.add(("omission", "date", "dated"))
    kept = {d for d in base if d[0] != "date"}
    case("news-brief", brief, {k for k in base_matches if k[0] == "target"}, kept | omitted)

    # two measures merged into one paragraph: both match the merged one, nothing omitted
    first, second = (measures[n] for n in MERGED)
    body = text[second.title_span[1]:second.span[1]].lstrip(" 。.\n")
    merged = text[:first.span[1]] + " " + body + text[second.span[1]:]
    mapping = {ids[k]: ids[k - 1] for k in range(MERGED[1], len(ids))}
    mapping[ids[MERGED[1] - 1]] = ids[MERGED[0] - 1]
    case("merge-measures", merged, _renumber_measures(base_matches, mapping), set(base),
         merges=[(ids[MERGED[0] - 1], ids[MERGED[1] - 1])])
    return cases


def perturbation_suite(docs: Optional[list[str]] = None) -> list[Case]:
    return [case for doc in (docs or list(SOURCES)) for case in variants(doc)]


def main() -> None:
    parser = argparse.ArgumentParser(description="write the perturbation suite's variants and expectations")
    parser.add_argument("--write", type=Path, required=True)
    args = parser.parse_args()
    from pipeline.io import write_atomic

    for case in perturbation_suite():
        stem = args.write / case.name.replace("/", "__")
        write_atomic(stem.with_suffix(".txt"), case.text)
        write_atomic(stem.with_suffix(".expected.json"), case.model_dump_json(indent=1, exclude={"text"}))
    print(f"wrote {len(perturbation_suite())} variants to {args.write}")


if __name__ == "__main__":
    main()
