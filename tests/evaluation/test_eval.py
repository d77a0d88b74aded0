"""The quality figures never fall below their recorded level (tests/data/eval_baseline.json).

When a change raises a figure, raise the floor with it: `python tests/update_eval_baseline.py`."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # the whole corpus through the pipeline

BASELINE = json.loads((Path(__file__).resolve().parents[1] / "data" / "eval_baseline.json").read_text())


def _fallen(figures: dict, floor: dict) -> list[str]:
    return [f"{name}: {figures.get(name)} < {value}" for name, value in floor.items() if figures.get(name, 0.0) < value]


def test_extraction_figures_hold():
    from pipeline.evaluation.score import evaluate_corpus

    report = evaluate_corpus()
    figures = report.figures()
    fallen = [f"{lang} {line}" for lang, row in BASELINE.items() if lang not in ("alignment", "real", "crosslang")
              for line in _fallen(figures.get(lang, {}), row)]
    assert not fallen, "extraction quality fell:\n" + "\n".join(fallen)
    assert all(not d.violations for d in report.documents), [d.violations for d in report.documents]


@pytest.mark.parametrize("encoder", ["use-m3", "lexical"])
def test_alignment_figures_hold(encoder):
    from pipeline.evaluation.alignment import evaluate_alignment

    figures = evaluate_alignment(encoder).figures()
    floor = {k: v for k, v in BASELINE["alignment"].items() if k.startswith(f"{encoder}.")}
    assert floor, f"no recorded alignment figures for {encoder}"
    fallen = _fallen(figures, floor)
    assert not fallen, "alignment quality fell:\n" + "\n".join(fallen)


@pytest.fixture(scope="module")
def real_report():
    from pipeline.evaluation.real import evaluate_real

    return evaluate_real()


def test_real_corpus_figures_hold(real_report):
    """Targets, issuers and dates on the real documents, dev and test, per language."""
    fallen = _fallen(real_report.figures(), BASELINE["real"])
    assert not fallen, "real-document quality fell:\n" + "\n".join(fallen)


def test_cross_language_links_hold():
    from pipeline.evaluation.crosslang import evaluate_crosslang

    report = evaluate_crosslang()
    figures = {f"{split}.recall": round(c.recall, 4) for split, c in report.totals().items()}
    # the metric key: the same on both sides of a link (precision) and present on both (recall)
    figures |= {f"{split}.metric_keys.{name}": round(getattr(c, name), 4)
                for split, c in report.metric_keys().items() for name in ("precision", "recall")}
    fallen = _fallen(figures, BASELINE["crosslang"])
    assert not fallen, "cross-language linking fell:\n" + "\n".join(fallen)
