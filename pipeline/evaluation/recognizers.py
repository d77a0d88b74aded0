"""A third-party check of the number layer: Microsoft Recognizers-Text test specifications.

The specs (tests/data/recognizers/, MIT licence, see SOURCE.md) give inputs with the numbers,
percentages, ranges and currency amounts a recogniser should return, each with its text and
value. Each case is run through the quantity layer, read as a pure recogniser reads
(`bare_words=True`: number words without a unit, labels such as "1月", and the recogniser-only
words of the language data, "10G", "三双", "one over three"):

- number: every numeral (with its magnitude word) that is not a percentage (percentages are the
  percent model's, as in the reference), years included (`years=True`);
- percent: every amount in percent;
- range: every amount with a comparator or a range, as an interval ("[20,30)", "(4500,)"; the
  brackets are the mention's `bounds`);
- currency: every amount in a currency, that is a unit configs/units.txt defines as money.

A case passes when the layer returns exactly the expected items: the same values (and intervals)
with the same texts (ranges: the same intervals). Texts are compared after the pipeline's own
normalisation (pipeline.normalize, which maps full-width digits to ASCII) and Unicode NFKC on both
sides, whitespace aside: the specs' texts themselves sometimes keep and sometimes fold full-width
forms ("１．０７５３美元" is given as "1.0753美元"). Left out, and counted: discount forms (折, 成),
which are prices rather than amounts, and cases the reference .NET implementation marks
unsupported.
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from pipeline.config import PROJECT_ROOT

SPEC_DIR = PROJECT_ROOT / "tests" / "data" / "recognizers"
SPECS = {
    "Chinese-NumberModel.json": ("zh", "number"),
    "Chinese-PercentModel.json": ("zh", "percent"),
    "Chinese-NumberRangeModel.json": ("zh", "range"),
    "Chinese-CurrencyModel.json": ("zh", "currency"),
    "English-NumberModel.json": ("en", "number"),
    "English-PercentModel.json": ("en", "percent"),
    "English-NumberRangeModel.json": ("en", "range"),
    "English-CurrencyModel.json": ("en", "currency"),
}
DISCOUNT_MARKS = ("折", "成")


class SpecResult(BaseModel):
    spec: str
    cases: int
    passed: int
    left_out: int
    failures: list[str] = []

    @property
    def rate(self) -> float:
        return self.passed / self.cases if self.cases else 1.0


def _left_out(case: dict, kind: str) -> bool:
    marks = " ".join(str(case.get(k, "")) for k in ("NotSupported", "NotSupportedByDesign")).lower()
    if "dotnet" in marks or ".net" in marks:
        return True
    return kind == "percent" and any(m in r["Text"] for r in case["Results"] for m in DISCOUNT_MARKS)


def _interval(comparator: str, value: float, value_max: Optional[float], bounds: str = "[)") -> Optional[str]:
    number = lambda v: f"{v:g}"
    closed = lambda: f"{bounds[0]}{number(value)},{number(value_max)}{bounds[1]}"
    return {
        "range": lambda: closed() if value_max is not None else None,
        ">": lambda: f"({number(value)},)",
        ">=": lambda: f"[{number(value)},)",
        "<": lambda: f"(,{number(value)})",
        "<=": lambda: f"(,{number(value)}]",
        "=": lambda: f"[{number(value)},{number(value)}]",
        "~": lambda: None,
    }[comparator]()


def _expected(case: dict, kind: str) -> list[tuple[str, str]]:
    out = []
    for result in case["Results"]:
        value = str(result["Resolution"].get("value", ""))
        out.append((_canonical_text(result["Text"]), _canonical_value(value, kind)))
    return sorted(out)


def _canonical_text(text: str) -> str:
    """A text as compared: the pipeline's normalisation, NFKC, no whitespace."""
    from pipeline.normalize import normalize

    return "".join(unicodedata.normalize("NFKC", normalize(text).text).split())


def _canonical_value(value: str, kind: str) -> str:
    if kind == "range":
        parts = value.strip()
        inner = parts[1:-1].split(",")
        bounds = [f"{float(b):g}" if b.strip() else "" for b in inner]
        return f"{parts[0]}{','.join(bounds)}{parts[-1]}"
    try:
        return f"{float(value.rstrip('%')):.6g}"
    except ValueError:
        return value


def recognise(text: str, lang: str, kind: str) -> list[tuple[str, str]]:
    """The quantity layer's items of one kind in `text`, as (text without spaces, value)."""
    from pipeline.config import lang_data
    from pipeline.extract.numbers import is_currency, number_reader
    from pipeline.extract.quantities import QuantityReader
    from pipeline.normalize import normalize
    from pipeline.normalize.reading import reading_view

    data = lang_data(lang)
    norm = normalize(text).text
    view = reading_view(norm, data.reading_transform)
    squeeze = lambda span: "".join(unicodedata.normalize("NFKC", norm[span[0]:span[1]]).split())
    numbers = number_reader(lang)
    out = []
    if kind == "range":
        for m in QuantityReader(data, numbers).find(view, bare_words=True):
            interval = _interval(m.comparator, m.value, m.value_max, m.bounds) if m.comparator_written else None
            if interval is not None:
                out.append((squeeze(m.span), _canonical_value(interval, "range")))
        return sorted(out)
    for q in numbers.find(view, bare_words=True, years=(kind == "number")):
        if kind == "number" and not q.percent:
            out.append((squeeze((q.numeral_span[0], q.magnitude_end)), f"{q.value:.6g}"))
        elif kind == "percent" and q.unit == "percent":
            out.append((squeeze(q.span), f"{q.value:.6g}"))
        elif kind == "currency" and q.unit is not None and is_currency(q.unit):
            out.append((squeeze(q.span), f"{q.value:.6g}"))
    return sorted(out)


def _same(expected: list[tuple[str, str]], found: list[tuple[str, str]], kind: str) -> bool:
    if kind == "range":
        return sorted(v for _, v in expected) == sorted(v for _, v in found)
    if len(expected) != len(found):
        return False
    return all(et == ft and _close(ev, fv) for (et, ev), (ft, fv) in zip(expected, found))


def _close(a: str, b: str) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6)
    except ValueError:
        return a == b


def run_spec(name: str, spec_dir: Path = SPEC_DIR) -> SpecResult:
    lang, kind = SPECS[name]
    cases = json.loads((spec_dir / name).read_text(encoding="utf-8"))
    passed = left_out = 0
    failures = []
    for case in cases:
        if _left_out(case, kind):
            left_out += 1
            continue
        expected = _expected(case, kind)
        found = recognise(case["Input"], lang, kind)
        if _same(expected, found, kind):
            passed += 1
        else:
            failures.append(f"{case['Input']!r}: expected {expected}, found {found}")
    return SpecResult(spec=name, cases=len(cases) - left_out, passed=passed, left_out=left_out, failures=failures)


def run_all(spec_dir: Path = SPEC_DIR) -> list[SpecResult]:
    return [run_spec(name, spec_dir) for name in SPECS]


def format_results(results: list[SpecResult]) -> str:
    lines = [f"{'spec':<32}{'cases':>6}{'passed':>8}{'rate':>7}{'left out':>10}"]
    for r in results:
        lines.append(f"{r.spec:<32}{r.cases:>6}{r.passed:>8}{r.rate:>7.2f}{r.left_out:>10}")
    cases = sum(r.cases for r in results)
    passed = sum(r.passed for r in results)
    lines.append(f"{'all':<32}{cases:>6}{passed:>8}{passed / cases if cases else 1:>7.2f}{sum(r.left_out for r in results):>10}")
    return "\n".join(lines)
