"""The quality figures never fall below their recorded level (tests/data/eval_baseline.json).

When a change raises a figure, raise the baseline with it: `python tests/update_eval_baseline.py`."""

import json
from pathlib import Path

from pipeline.evaluation.score import Report, evaluate_corpus

BASELINE = Path(__file__).resolve().parent / "data" / "eval_baseline.json"


def test_figures_hold_at_or_above_baseline():
    report: Report = evaluate_corpus()
    figures = report.figures()
    baseline = json.loads(BASELINE.read_text())
    fallen = [f"{lang} {name}: {figures.get(lang, {}).get(name)} < {value}"
              for lang, row in baseline.items() for name, value in row.items()
              if figures.get(lang, {}).get(name, 0.0) < value]
    assert not fallen, "quality fell:\n" + "\n".join(fallen)
    assert all(not d.violations for d in report.documents), [d.violations for d in report.documents]
