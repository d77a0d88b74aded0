"""A third-party check of the number layer: Microsoft Recognizers-Text test specifications.

The specs (tests/data/recognizers/, MIT licence, see SOURCE.md) give inputs with the numbers,
percentages, ranges and currency amounts a recogniser should return, each with its text and
value. Each case is run through the quantity layer:

- number: every numeral (with its magnitude word), bare number words included;
- percent: every amount in percent;
- range: every amount with a comparator or a range, as an interval ("[20,30)", "(4500,)");
- currency: every amount in a currency.

A case passes when the layer returns exactly the expected items: the same values (and intervals)
with the same texts, whitespace aside (ranges: the same intervals). Left out, and counted:
discount forms (折, 成), which are prices rather than amounts, and cases the reference .NET
implementation marks unsupported.
"""

from __future__ import annotations

import json
import math
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
CURRENCIES = ("CNY", "USD", "THB", "EUR")


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


def _interval(comparator: str, value: float, value_max: Optional[float]) -> Optional[str]:
    number = lambda v: f"{v:g}"
    return {
        "range": lambda: f"[{number(value)},{number(value_max)})" if value_max is not None else None,
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
        out.append(("".join(result["Text"].split()), _canonical_value(value, kind)))
    return sorted(out)


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
    from pipeline.extract.numbers import number_reader
    from pipeline.extract.quantities import QuantityReader
    from pipeline.normalize import normalize
    from pipeline.normalize.reading import reading_view

    data = lang_data(lang)
    norm = normalize(text).text
    view = reading_view(norm, data.reading_transform)
    squeeze = lambda span: "".join(norm[span[0]:span[1]].split())
    numbers = number_reader(lang)
    out = []
    if kind == "range":
        for m in QuantityReader(data, numbers).find(view):
            interval = _interval(m.comparator, m.value, m.value_max) if m.comparator_written else None
            if interval is not None:
                out.append((squeeze(m.span), _canonical_value(interval, "range")))
        return sorted(out)
    for q in numbers.find(view, bare_words=(kind == "number")):
        if kind == "number":
            out.append((squeeze((q.numeral_span[0], q.magnitude_end)), f"{q.value:.6g}"))
        elif kind == "percent" and q.unit == "percent":
            out.append((squeeze(q.span), f"{q.value:.6g}"))
        elif kind == "currency" and q.unit in CURRENCIES:
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
