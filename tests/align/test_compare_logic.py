"""The comparison's date and change logic (pipeline/align/compare.py), on sides built here: what
an analyst is told when a summary changes a value, a comparator, a year, a unit or a date."""
import pytest

from pipeline.align.compare import _changes, _dates
from pipeline.align.items import AlignItem, Side, TargetFacts
from pipeline.schema import Per


def target(ref="T1", value=10.0, unit="percent", comparator=">=", year=2025, per=None, value_max=None):
    facts = TargetFacts(value, unit, per, comparator, year, False, value_max)
    return AlignItem("target", ref, f"{ref} text", "en", 0.5, (0, 7), facts=facts, year=year)


def kinds(discrepancies):
    return sorted((d.kind, d.original_value, d.summary_value) for d in discrepancies)


def test_an_unchanged_target_has_no_discrepancy():
    assert _changes("target", target(), target()) == []


@pytest.mark.parametrize("summary,expected", [
    (target(value=12.0), [("value", 10.0, 12.0)]),
    (target(comparator=">"), [("comparator", ">=", ">")]),
    (target(year=2027), [("year", 2025, 2027)]),
    (target(unit="count"), [("unit", "percent", "count")]),
    (target(value=12.0, year=2027), [("value", 10.0, 12.0), ("year", 2025, 2027)]),
])
def test_each_change_is_named(summary, expected):
    assert kinds(_changes("target", target(), summary)) == expected


def test_units_of_one_dimension_are_compared_after_conversion():
    jin = target(value=1.4e12, unit="jin", comparator="~")
    same = target(value=7e8, unit="tonnes", comparator="~")
    assert _changes("target", jin, same) == []
    [change] = _changes("target", jin, target(value=6e8, unit="tonnes", comparator="~"))
    assert (change.kind, change.note) == ("value", "1.4e+12 jin is 7e+08 tonnes")   # 1.4万亿斤 is 700 million t


def test_a_range_compares_its_upper_ends_and_a_denominator_is_a_unit_change():
    a = target(value=4.5, value_max=5.0, comparator="range")
    assert kinds(_changes("target", a, target(value=4.5, value_max=5.5, comparator="range"))) == [("value", 5.0, 5.5)]
    per = target(value=25, unit="count", per=Per(value=10000, unit="people"))
    [change] = _changes("target", per, target(value=25, unit="count"))
    assert change.kind == "unit" and change.note == "denominator differs"


def side(**dates):
    return Side(id="x", source="x", lang="en", kind="document", dates=dates)


def test_dates_a_summary_may_give():
    original = side(dated="2023-03-31", published="2023-04-12")
    assert _dates(original, side(dated="2023-03-31")) == []
    [note] = _dates(original, side(published="2023-04-12"))     # the publication date instead
    assert (note.severity, note.original_value, note.summary_value) == ("info", "2023-03-31", "2023-04-12")
    [wrong] = _dates(original, side(dated="2023-03-30"))
    assert (wrong.severity, wrong.note) == ("high", "date differs")
    [missing] = _dates(original, side())
    assert (missing.kind, missing.original_value) == ("omission", "2023-03-31")
    assert _dates(side(), side(published="2024-01-01")) == []       # nothing to compare with
    assert _dates(original, side(effective="2023-05-01")) == []     # a role the original lacks


def test_two_targets_worded_for_one_metric_carry_that_evidence():
    from pipeline.align.features import _target_features

    def facts(metric):
        return TargetFacts(5.0, "percent", None, "~", 2026, True, None, metric)

    assert _target_features(facts("gdp_growth"), facts("gdp_growth"))["metric"] == 1.0
    assert _target_features(facts("gdp_growth"), facts("cpi_increase"))["metric"] == 0.0
    assert _target_features(facts(None), facts(None))["metric"] == 0.0   # unknown on both sides is no evidence
