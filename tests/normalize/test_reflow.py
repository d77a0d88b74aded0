"""Hard-wrapped text reads like the same text with whole paragraphs."""
import textwrap

import pytest

from conftest import FIXTURES
from pipeline.analyze import analyze_file, analyze_text
from pipeline.normalize import normalize
from pipeline.normalize.reflow import reflow


def _facts(record):
    targets = [(t.value, t.unit, t.comparator, t.year) for t in record.targets if t.kind == "quantitative"]
    return targets, [e.canonical_id for e in record.issuers]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_seed_printed_as_a_wrapped_multi_page_pdf_reads_as_the_text(seed_record):
    pdf = analyze_file(FIXTURES / "western-science-city.th.pdf")
    assert len(pdf.document.pages) > 1
    assert len(pdf.issuers) == 14
    assert _facts(pdf) == _facts(seed_record)
    assert ([_squeeze(t.text) for t in pdf.targets if t.kind == "qualitative"]
            == [_squeeze(t.text) for t in seed_record.targets if t.kind == "qualitative"])
    assert [_squeeze(m.title) for m in pdf.measures] == [_squeeze(m.title) for m in seed_record.measures]
    assert [_squeeze(c.title) for c in pdf.chapters] == [_squeeze(c.title) for c in seed_record.chapters]
    for item in pdf.grounded_items():
        assert pdf.document.text[item.span[0]:item.span[1]] == item.text


PARAGRAPHS = {
    "en": ["China's State Council issued an action plan on Monday to cut emissions and raise efficiency across "
           "the economy. By 2027, energy consumption per unit of GDP will fall by 13.5 percent from the 2020 "
           "level, and the share of non-fossil fuels in total energy use will reach around 25 percent, the plan "
           "said, adding that new installed wind and solar capacity should exceed 1,200 GW by the end of the period.",
           "The National Energy Administration will publish annual progress reports."],
    "zh": ["国务院日前印发《节能降碳行动方案》，对今后一个时期的节能降碳工作作出部署。方案提出，到2027年，"
           "单位国内生产总值能源消耗比2020年下降13.5%左右，非化石能源消费比重达到25%左右，"
           "风电和太阳能发电总装机容量超过12亿千瓦，重点领域和行业能效水平显著提升，绿色低碳发展取得明显成效。",
           "国家能源局将每年发布进展报告。"],
}


@pytest.mark.parametrize("lang,width", [("en", 70), ("zh", 24)])
def test_text_wrapped_at_a_fixed_width_reads_as_whole_paragraphs(lang, width):
    whole = "\n\n".join(PARAGRAPHS[lang])
    wrapped = "\n\n".join("\n".join(textwrap.wrap(p, width)) for p in PARAGRAPHS[lang])
    assert wrapped.count("\n") > whole.count("\n") + 4
    assert _facts(analyze_text(wrapped, lang=lang)) == _facts(analyze_text(whole, lang=lang))
    assert _facts(analyze_text(whole, lang=lang))[0]  # the example does state targets


def test_reflow_keeps_a_map_to_the_raw_text_and_never_joins_across_a_blank_line_or_into_a_list():
    lines = ["This line of a wrapped paragraph is long enough to reach the wrapping width ok",
             "and it carries on here, where the paragraph continues to the end of its words",
             "across several lines that all come close to the same width as the first one did",
             "until the very last line of the paragraph.",
             "",
             "A new paragraph starts after the blank line and runs on to the wrapping width ok",
             "- a bullet is never joined to the line before it, whatever that line's length",
             "1. nor is a numbered item, even after a line as long as the wrapping width is."]
    raw = "\n".join(lines)
    import re
    starts = [re.compile(r"[-•]\s+"), re.compile(r"\d+\.\s+")]
    flowed = reflow(normalize(raw), starts)
    assert flowed.text.count("\n") == 4   # the paragraph's three breaks are joined; nothing else
    assert "\n- a bullet" in flowed.text and "\n1. nor" in flowed.text
    for i, ch in enumerate(flowed.text):
        if ch != " ":
            assert raw[flowed.raw_offsets[i]] == ch
