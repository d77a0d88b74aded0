"""The number layer against Microsoft Recognizers-Text's test specifications
(tests/data/recognizers/, pipeline/evaluation/recognizers.py): the pass rates never fall.

The floors are the rates reached when the number layer was extended, less 0.02; raise them with
the rates."""

import pytest

from pipeline.evaluation.recognizers import SPECS, run_all

OVERALL_FLOOR = 0.85
FLOORS = {
    "Chinese-NumberModel.json": 0.955,
    "Chinese-PercentModel.json": 0.98,
    "Chinese-NumberRangeModel.json": 0.801,
    "Chinese-CurrencyModel.json": 0.98,
    "English-NumberModel.json": 0.971,
    "English-PercentModel.json": 0.98,
    "English-NumberRangeModel.json": 0.904,
    "English-CurrencyModel.json": 0.909,
}


@pytest.fixture(scope="module")
def results():
    return {r.spec: r for r in run_all()}


def test_every_spec_has_a_floor():
    assert set(FLOORS) == set(SPECS)


def test_overall_pass_rate(results):
    passed = sum(r.passed for r in results.values())
    cases = sum(r.cases for r in results.values())
    assert passed / cases >= OVERALL_FLOOR


@pytest.mark.parametrize("spec", sorted(FLOORS))
def test_pass_rate_per_spec(results, spec):
    result = results[spec]
    assert result.rate >= FLOORS[spec], "\n".join(result.failures)
