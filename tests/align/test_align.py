import numpy as np
import pytest

from pipeline.align.assign import assign, moved


def test_assignment_allows_omissions_additions_and_crossing_order():
    prob = np.array([
        [0.1, 0.9, 0.0],   # canonical 0 -> summary 1 (crossing)
        [0.8, 0.1, 0.0],   # canonical 1 -> summary 0
        [0.1, 0.1, 0.2],   # canonical 2: nothing clears the threshold -> omission
    ])
    pairs, merges = assign(prob, threshold=0.5, merge_threshold=0.5)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1), (1, 0)]
    assert merges == []  # summary 2 is an addition


def test_a_leftover_item_merges_into_its_best_match():
    prob = np.array([[0.95, 0.1], [0.7, 0.05], [0.1, 0.9]])
    pairs, merges = assign(prob, threshold=0.5, merge_threshold=0.5)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 0), (2, 1)]
    assert [(i, j) for i, j, _ in merges] == [(1, 0)]


def test_moved_items_are_the_fewest_out_of_order():
    assert moved([0, 1, 2, 3]) == set()
    assert moved([0, 2, 1, 3]) in ({1}, {2})
    assert moved([3, 0, 1, 2]) == {0}


@pytest.fixture(scope="module")
def seed_comparison(records):
    from pipeline.align.compare import compare_with_canonical
    from pipeline.canonical import load_canonical

    return compare_with_canonical(records["western-science-city.th"][0], load_canonical("western-science-city"))


def test_seed_against_the_canonical_opinions(seed_comparison):
    by_kind = {}
    for m in seed_comparison.matches:
        by_kind.setdefault(m.kind, []).append((m.original_ref, m.summary_ref))
    assert by_kind["measure"] == [(f"M{i}", f"M{i}") for i in range(1, 16)]
    assert by_kind["target"] == [(f"T{i}", f"T{i}") for i in range(1, 6)]
    assert sorted(by_kind["goal"]) == sorted((g, g) for g in [f"G2025.{i}" for i in range(1, 6)] + [f"G2035.{i}" for i in range(1, 8)])
    found = sorted((d.kind, d.original_ref, d.severity) for d in seed_comparison.discrepancies)
    assert found == [("comparator", "T2", "medium"), ("comparator", "T3", "medium"), ("comparator", "T5", "medium"),
                     ("date", "dated", "info")]
    comparator = {d.original_ref: (d.original_value, d.summary_value) for d in seed_comparison.discrepancies if d.kind == "comparator"}
    assert comparator == {"T2": (">=", ">"), "T3": (">=", ">"), "T5": (">=", ">")}


def test_every_match_carries_its_score_and_evidence(seed_comparison):
    for m in seed_comparison.matches:
        assert 0.5 <= m.score <= 1.0 and m.evidence
        if m.kind != "entity":
            assert m.summary_span is not None and m.original_span is None


def test_each_side_says_what_it_is(seed_comparison):
    assert (seed_comparison.original.kind, seed_comparison.summary.kind) == ("canonical", "document")
    assert seed_comparison.original.source == "canonical:western-science-city"


def test_a_comparison_saved_before_2_0_still_reads(seed_comparison):
    """Until 2.0 the original's fields were named canonical_* (and its side `canonical`)."""
    import json

    from pipeline.schema import Comparison

    old = seed_comparison.model_dump_json()
    for name in ("ref", "refs", "span", "text", "value"):
        old = old.replace(f'"original_{name}"', f'"canonical_{name}"')
    payload = json.loads(old.replace('"original":', '"canonical":'))
    for side in ("canonical", "summary"):
        del payload[side]["kind"]
    assert "original_ref" not in json.dumps(payload)
    assert Comparison.model_validate_json(json.dumps(payload)) == seed_comparison


def test_pilot_zone_order_is_information_not_a_discrepancy(seed_comparison):
    [zones] = [o for o in seed_comparison.order_changes if o.kind == "entity"]
    assert zones.original_refs[1:3] == ["cn.wsc.liangjiang", "cn.wsc.chongqing"]
    assert zones.summary_refs[1:3] == ["cn.wsc.chongqing", "cn.wsc.liangjiang"]


def test_document_to_document_across_languages(records):
    from pipeline.align.compare import compare_documents
    from pipeline.analyze import analyze_file

    from conftest import CORPUS

    original = records["shenzhen-nev-plan.zh"][0]
    thai = analyze_file(CORPUS / "documents" / "shenzhen-nev-plan.th.txt")
    comparison = compare_documents(original, thai)
    found = {(d.kind, d.original_ref) for d in comparison.discrepancies}
    assert {("comparator", "T2"), ("comparator", "T7"), ("omission", "T8"), ("omission", "T9"), ("omission", "T10")} <= found
    assert ("target", "T11", "T8") in {(m.kind, m.original_ref, m.summary_ref) for m in comparison.matches}
    assert all(m.original_span is not None for m in comparison.matches if m.kind != "entity")
    assert (comparison.original.kind, comparison.summary.kind) == ("document", "document")
