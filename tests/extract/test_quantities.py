"""The quantity and time layers on the forms real documents use (issue: reading real documents)."""
import json

import pytest

from pipeline.analyze import analyze_text


def amounts(text: str, lang: str):
    record = analyze_text(text, lang=lang)
    for q in record.quantities:
        assert record.document.text[q.span[0]:q.span[1]] == q.text
    return [(q.value, q.value_max, q.unit, q.comparator) for q in record.quantities]


@pytest.mark.parametrize("lang,text,expected", [
    # ranges: value is the lower bound, value_max the upper
    ("zh", "国内生产总值增长4.5%—5%。", (4.5, 5, "percent", "range")),
    ("zh", "增速保持在7-10%。", (7, 10, "percent", "range")),
    ("en", "capacity of between 50 and 60 GW", (50, 60, "GW", "range")),
    ("th", "เศรษฐกิจขยายตัวร้อยละ 4.5 ถึง 5", (4.5, 5, "percent", "range")),
    ("en", "3 to 5 million tonnes", (3e6, 5e6, "tonnes", "range")),
    # units and magnitudes
    ("zh", "能源消费总量控制在60亿吨标准煤以内", (6e9, None, "tce", "<=")),
    ("zh", "风电装机达到5000万千瓦", (5e7, None, "kW", "=")),
    ("zh", "粮食产量保持在1.4万亿斤以上", (1.4e12, None, "jin", ">=")),
    ("en", "computing power of over 300 EFLOPS", (300, None, "EFLOPS", ">")),
    ("en", "storage of 1,800 EB", (1800, None, "EB", "=")),
    ("en", "more than 700 million tonnes of grain", (7e8, None, "tonnes", ">")),
    ("en", "400 million cubic meters of gas", (4e8, None, "m3", "=")),
    ("zh", "人均预期寿命达到79岁", (79, None, "years", "=")),
    ("th", "กำลังการผลิต 1.1 พันล้านกิโลวัตต์", (1.1e9, None, "kW", "=")),
    # multiples
    ("zh", "收入翻一番", (2, None, "multiple", "=")),
    ("en", "to double its output", (2, None, "multiple", "=")),
    ("zh", "增长到6倍", (6, None, "multiple", "=")),
    # "increase by" a multiple grows the amount by that many times its size, as formal Chinese
    # writes it (the UN's Chinese texts translate "triple" as 增加两倍)
    ("zh", "增长6倍", (7, None, "multiple", "=")),
    ("zh", "回收量较2023年增加约一倍", (2, None, "multiple", "~")),
    ("th", "รายได้ของประชากรเพิ่มขึ้นอีก 1 เท่า", (2, None, "multiple", "=")),
    ("th", "GDP ต่อหัวเพิ่มขึ้นสองเท่า", (2, None, "multiple", "=")),       # without อีก: what it becomes
    # traditional script, 兆 in financial text, full-width digits, spaced numbers
    ("zh", "赤字規模 5.89 兆元", (5.89e12, None, "CNY", "=")),
    ("zh", "城鎮新增就業 1,200 萬人以上", (1.2e7, None, "count", ">=")),
    ("zh", "增長百分之四點五", (4.5, None, "percent", "=")),
    ("zh", "新增就业１２００万人", (1.2e7, None, "count", "=")),
    ("zh", "100兆瓦的光伏电站", (100, None, "MW", "=")),
])
def test_amounts_with_ranges_units_and_magnitudes(lang, text, expected):
    assert pytest.approx(expected[:1]) == amounts(text, lang)[0][:1]
    assert amounts(text, lang)[0][1:] == expected[1:] or pytest.approx(expected[1]) == amounts(text, lang)[0][1]


@pytest.mark.parametrize("lang,text", [
    ("zh", "新华社北京8月16日电 工业和信息化部印发方案。"),
    ("en", "BEIJING, Aug. 17 (Xinhua) -- China will unveil a plan."),
    ("th", "เมื่อวันที่ 12 ม.ค. กระทรวงพาณิชย์จีนประกาศแผน"),
    ("zh", "PM2.5浓度和5G基站，国发〔2021〕33号，“十四五”时期。"),
])
def test_day_numbers_codes_and_plan_names_are_no_amounts(lang, text):
    assert amounts(text, lang) == []


@pytest.mark.parametrize("lang,text,iso,role,inferred", [
    ("zh", "2023年8月20日\n新华社北京8月16日电 工业和信息化部印发方案。", "2023-08-16", "dateline", True),
    ("en", "Published 2023-08-18\nBEIJING, Aug. 17 (Xinhua) -- China will unveil a plan.", "2023-08-17", "dateline", True),
    ("th", "ปักกิ่ง, 5 มี.ค. 2567 (ซินหัว) -- จีนตั้งเป้าเศรษฐกิจเติบโต", "2024-03-05", "dateline", False),
])
def test_datelines_are_dates_with_an_inferred_year_flagged(lang, text, iso, role, inferred):
    dates = [(d.iso, d.role, d.year_inferred) for d in analyze_text(text, lang=lang).dates]
    assert (iso, role, inferred) in dates


def test_an_impossible_date_is_never_a_date():
    assert analyze_text("ประกาศเมื่อ 12 มกราคม 99999 และ 31 กุมภาพันธ์ 2566", lang="th").dates == []


@pytest.mark.parametrize("lang,text,year", [
    ("en", "R&D spending will reach 3.2 percent of GDP by 2027, the plan said.", 2027),
    ("zh", "方案提出，新能源汽车新车销量占比到2025年达到20%左右。", 2025),
    ("th", "จีนตั้งเป้าให้มีนักท่องเที่ยวให้ได้ 60 ล้านคนภายในปี 2025", 2025),
    ("en", "During the 14th Five-Year Plan period, the share of renewables will rise to 33 percent.", 2025),
    ("zh", "“十五五”时期，数字经济核心产业增加值占GDP比重达到12.5%。", 2030),
])
def test_deadlines_before_or_after_the_amount_and_plan_periods(lang, text, year):
    [target] = [t for t in analyze_text(text, lang=lang).targets if t.kind == "quantitative"]
    assert target.year == year


def test_several_targets_in_one_sentence_each_with_its_baseline():
    text = "到2025年，数字经济核心产业增加值占GDP比重从2020年的7.8%提高到10%，研发投入强度从2.4%提高到2.8%。"
    targets = [t for t in analyze_text(text, lang="zh").targets if t.kind == "quantitative"]
    assert [(t.value, t.baseline.value if t.baseline else None, t.year) for t in targets] == [(10, 7.8, 2025), (2.8, 2.4, 2025)]
    assert targets[0].baseline.year == 2020


@pytest.mark.parametrize("lang,text,ids", [
    ("zh", "工信部、发改委近日联合印发《行动计划》。", ["cn.gov.miit", "cn.gov.ndrc"]),
    ("en", "The plan, released by the MIIT and the NDRC on Monday, sets targets.", ["cn.gov.miit", "cn.gov.ndrc"]),
    ("th", "คณะรัฐมนตรีจีนประกาศแผนปฏิบัติการฉบับใหม่", ["cn.gov.state_council"]),
    ("en", "Issued by the Ministry of Transport on March 3, the plan covers ports.", ["cn.gov.mot"]),
])
def test_issuers_in_news_phrasing_and_abbreviations(lang, text, ids):
    assert [e.canonical_id for e in analyze_text(text, lang=lang).issuers] == ids


def test_quantities_command_prints_every_amount_with_spans(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    path = tmp_path / "report.txt"
    path.write_text("2023年全市产量180万辆。到2027年，产量超过300万辆。", encoding="utf-8")
    result = CliRunner().invoke(app, ["quantities", str(path), "--lang", "zh"])
    assert result.exit_code == 0
    found = json.loads(result.stdout)["quantities"]
    assert [(q["value"], q["role"]) for q in found] == [(1800000, "statistic"), (3000000, "target")]
    text = analyze_text(path.read_text(encoding="utf-8"), lang="zh").document.text
    assert all(text[q["span"][0]:q["span"][1]] == q["text"] for q in found)


@pytest.mark.parametrize("lang,text", [
    ("zh", "到2030年将非传染性疾病导致的过早死亡减少三分之一。"),
    ("en", "By 2030, the plan aims to cut premature deaths by one third."),
])
def test_a_fraction_is_the_percentage_it_states(lang, text):
    """The gold guidelines' encoding: 三分之一 is 33.33 percent; a magnified fraction stays an amount."""
    from pipeline.analyze import analyze_text

    [target] = [t for t in analyze_text(text, lang=lang).targets if t.kind == "quantitative"]
    assert (target.value, target.unit, target.year) == (33.33, "percent", 2030)


def test_an_ordinal_word_before_a_percentage_is_no_ordinal():
    """"ครั้งที่ 5" is an ordinal; "เติบโตต่อปีที่ 6.5%" (growth at 6.5% a year) is an amount."""
    from pipeline.analyze import analyze_text

    assert [(q.value, q.unit) for q in analyze_text("ตั้งเป้าให้ GDP เติบโตต่อปีที่ 6.5%", lang="th").quantities] == [(6.5, "percent")]
    assert analyze_text("การประชุมครั้งที่ 5 ของแผนพัฒนาฉบับที่ 14", lang="th").quantities == []


@pytest.mark.parametrize("lang,text,amounts", [
    ("zh", "今年是实施“十二五”规划承前启后的关键一年，新的一年，上海将建设10个平台。", [(10, "count")]),
    ("zh", "人均预期寿命再提高1岁，第二轮土地承包到期后再延长30年。", [(1, "years"), (30, "years")]),
    ("th", "จีนได้เผยแพร่แผน 5 ปี เพื่อเพิ่มรายได้ 10%", [(10, "percent")]),
    ("th", "ความร่วมมือระหว่างทั้งสองแห่ง และสร้างศูนย์ใหม่ 2 แห่ง", [(2, "count")]),   # ทั้งสอง: "both"
])
def test_a_year_named_with_an_article_or_a_plan_length_is_no_amount(lang, text, amounts):
    """"关键一年" and "新的一年" are "a year", and "แผน 5 ปี" a five-year plan's name: none is a
    duration the text sets; a duration written in digits stays one."""
    from pipeline.analyze import analyze_text

    assert [(q.value, q.unit) for q in analyze_text(text, lang=lang).quantities] == amounts


@pytest.mark.parametrize("text,amounts", [
    ("2020年实现650亿kg粮食生产能力。", [(65_000_000_000, "kg")]),
    ("目標在2025年增至18間,2030年增至30間。", [(18, "count"), (30, "count")]),
    ("新增装机50GW，建成19类功能模块，组织100场培训。", [(50, "GW"), (19, "count"), (100, "count")]),
])
def test_chinese_reads_latin_unit_symbols_and_more_classifiers(text, amounts):
    """Chinese plans write Latin symbols after Chinese magnitudes (650亿kg) and count with many
    classifiers (間, 类, 场): each is the amount's unit."""
    from pipeline.analyze import analyze_text

    assert [(q.value, q.unit) for q in analyze_text(text, lang="zh").quantities] == amounts


@pytest.mark.parametrize("text,amounts", [
    ("肺结核发病率降至10万分之58。", [(0.058, "percent")]),       # a rate per 100,000 keeps its digits
    ("深化人工智能、8K高清视频等技术的融合。", []),                 # 8K is a picture format
    ("九年义务教育巩固率达到96%。", [(96, "percent")]),             # 九年义务教育 is a name
])
def test_chinese_proportions_keep_their_precision_and_names_are_no_amounts(text, amounts):
    from pipeline.analyze import analyze_text

    assert [(q.value, q.unit) for q in analyze_text(text, lang="zh").quantities] == amounts


@pytest.mark.parametrize("text,per", [
    ("China aims to cut water consumption per 10,000 yuan of GDP by 16 percent by 2030.", (10000, "CNY")),
    ("The number of patents per ten thousand people will reach 12 by 2020.", (10000, "people")),
    ("-- Every 10,000 people will have 3.3 patents by 2015.", (10000, "people")),
])
def test_an_english_denominator_is_the_amounts_per_and_no_amount_itself(text, per):
    """"per 10,000 yuan of GDP", "per ten thousand people", "Every 10,000 people": the
    denominator of the amount after it, never an amount (nor a target) of its own."""
    from pipeline.analyze import analyze_text

    [quantity] = analyze_text(text, lang="en").quantities
    assert (quantity.per.value, quantity.per.unit) == per
