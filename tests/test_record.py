"""The record a user relies on: exact grounding on every gold document, and the seed's reading."""

import pytest

from conftest import GOLD_IDS


@pytest.mark.parametrize("doc", GOLD_IDS)
def test_every_span_quotes_the_text_exactly(records, doc):
    record, _ = records[doc]
    text = record.document.text
    for item in record.grounded_items():
        assert text[item.span[0]:item.span[1]] == item.text
    for target in record.targets:
        if target.value_span:
            assert text[slice(*target.value_span)] == target.value_text
        if target.metric_span:
            assert text[slice(*target.metric_span)] == target.metric
    for measure in record.measures:
        assert text[slice(*measure.title_span)] == measure.title


def test_seed_reading(seed_record, records):
    gold = records["western-science-city.th"][1]
    quantitative = [t for t in seed_record.targets if t.kind == "quantitative"]
    assert [(t.value, t.unit, t.comparator, t.year) for t in quantitative] == [
        (g["value"], g["unit"], g["comparator"], g["year"]) for g in gold["targets_quantitative"]]
    assert [t.per and (t.per.value, t.per.unit) for t in quantitative] == [None, (10000, "people"), None, None, None]
    goals = [t for t in seed_record.targets if t.kind == "qualitative"]
    assert [(t.text, t.year) for t in goals] == [(g["quote"], g["year"]) for g in gold["targets_qualitative"]]
    assert [e.canonical_id for e in seed_record.issuers] == [i["id"] for i in gold["issuers"]]
    assert [(d.iso, d.role) for d in seed_record.dates] == [("2023-04-12", "published")]
    assert len(seed_record.chapters) == 5 and len(seed_record.measures) == 15
    assert seed_record.document.lang == "th"


def test_thai_seed_paragraph_languages(seed_record):
    langs = {p.lang for p in seed_record.document.paragraph_langs}
    assert "th" in langs
    gloss_line = next(p for p in seed_record.document.paragraph_langs
                      if seed_record.document.text[slice(*p.span)].startswith("© 2020-2024"))
    assert gloss_line.lang == "en"


def test_a_record_that_does_not_quote_its_text_is_refused(seed_record):
    from pydantic import ValidationError

    from pipeline.schema import Record

    data = seed_record.model_dump()
    Record.model_validate(data)   # the record as read is valid
    target = data["targets"][0]
    target["span"] = [target["span"][0] + 1, target["span"][1] + 1]
    with pytest.raises(ValidationError, match="does not quote the text"):
        Record.model_validate(data)
    data = seed_record.model_dump()
    quoted = next(t for t in data["targets"] if t["value_text"])
    quoted["value_text"] += "x"
    with pytest.raises(ValidationError, match="does not quote the text"):
        Record.model_validate(data)
