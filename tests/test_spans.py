"""The span value type every record item carries, and the span questions the stages ask."""
import pytest

from pipeline.spans import Span, SpanIndex, contains, overlaps, within


@pytest.mark.parametrize("a,b,expected", [
    ((0, 5), (4, 9), True), ((0, 5), (5, 9), False),      # half-open: touching is no overlap
    ((3, 4), (0, 10), True), ((0, 0), (0, 10), False),    # an empty span overlaps nothing
])
def test_overlaps_is_symmetric_and_half_open(a, b, expected):
    assert overlaps(a, b) is overlaps(b, a) is Span(*a).overlaps(b) is expected


def test_contains_within_and_slice():
    span = Span(2, 6)
    assert span.contains((2, 6)) and contains(span, (3, 5)) and not span.contains((1, 3))
    assert span.holds(2) and within(5, span) and not span.holds(6)
    assert span.slice("0123456789") == "2345"


def test_a_record_span_is_a_span_and_serialises_as_a_pair():
    from pipeline.analyze import analyze_text
    from pipeline.schema import Record

    record = analyze_text("到2025年，企业数量达到80家以上。", lang="zh")
    [target] = record.targets
    assert isinstance(target.span, Span) and target.span.slice(record.document.text) == target.text
    assert '"span":[7,18]' in record.model_dump_json()
    assert Record.model_validate_json(record.model_dump_json()).targets[0].span == target.span


def test_span_index_agrees_with_pairwise_overlap():
    spans = [(0, 3), (5, 9), (7, 8), (20, 25)]
    index = SpanIndex(spans)
    for probe in [(3, 5), (2, 4), (8, 20), (9, 21), (25, 30)]:
        assert index.overlaps(probe) == any(overlaps(probe, s) for s in spans)
