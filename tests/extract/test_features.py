"""The context features the role decision reads (pipeline/extract/roles.py): each one is set by the
evidence it names, so a refit learns from what the text says, not from an accident of wiring."""
import pytest

from pipeline.extract.roles import FEATURES


def contexts(text: str, lang: str):
    from pipeline.analyze import prepare
    from pipeline.analyze import RawDocument

    raw = RawDocument(id="t", source="<t>", format="txt", text=text, sha256="0" * 64)
    prepared = prepare(raw, lang)
    found = prepared.readers.targets.contexts(prepared.reading)
    return {prepared.reading.text[c.mention.span[0]:c.mention.span[1]]: c for c in found}


# A report dated 2017 on 2016: its amounts are past statistics
PAST = "2017年3月31日\n\n湖南省2016年国民经济统计公报。2016年，全省地区生产总值增长7.9%。"


def test_every_context_carries_exactly_the_model_features():
    [ctx] = contexts("到2025年，企业数量达到80家以上。", "zh").values()
    assert list(ctx.features) == FEATURES


@pytest.mark.parametrize("lang,text,amount,feature", [
    ("zh", "到2025年，企业数量达到80家以上。", "达到80家以上", "year_sentence_deadline"),
    ("en", "Output will reach 30% by 2027.", "30%", "year_clause_deadline"),
    ("zh", PAST, "增长7.9%", "year_past"),
    ("en", "Analysts expect sales to reach 5 million units in 2030.", "5 million units", "cue_forecast_sentence"),
    ("zh", "到2025年，占比由2020年的7.8%提高到10%。", "7.8%", "baseline"),
    ("zh", "到2025年，占比由2020年的7.8%提高到10%。", "10%", "changes_to"),
    ("en", "By 2030, emissions fall below 1.5 tonnes.", "below 1.5 tonnes", "comparator_written"),
    ("en", "By 2030, the share reaches 7-10%.", "7-10%", "range"),
])
def test_a_feature_is_set_by_its_evidence(lang, text, amount, feature):
    found = contexts(text, lang)
    ctx = next(c for t, c in found.items() if amount in t or t in amount)
    assert ctx.features[feature] > 0, (feature, {k: v for k, v in ctx.features.items() if v})


def test_a_deadline_and_a_past_year_set_opposite_year_features():
    future = next(iter(contexts("到2025年，企业数量达到80家以上。", "zh").values()))
    past = next(iter(contexts(PAST, "zh").values()))
    assert future.features["year_past"] == 0 and past.features["year_past"] == 1
    assert future.year == 2025 and past.year == 2016
