import pytest

from pipeline.analyze import analyze_text


def quantitative(text: str, lang: str):
    return [t for t in analyze_text(text, lang=lang).targets if t.kind == "quantitative"]


@pytest.mark.parametrize("lang,text,value,unit,comparator", [
    ("th", "ภายในปี ค.ศ. 2025\n\n• มีบริษัทไม่น้อยกว่า 200 แห่ง\n", 200, "count", ">="),
    ("th", "ภายในปี พ.ศ. 2570\n\n• สัดส่วนพลังงานสะอาดเกินร้อยละ 15\n", 15, "percent", ">"),
    ("th", "ภายในปี 2025\n\n• ยอดขายแตะ 3 ล้านหยวน\n", 3_000_000, "CNY", "="),
    ("zh", "到2025年，企业数量达到80家以上。", 80, "count", ">="),
    ("zh", "到2025年，研发投入强度不低于百分之五。", 5, "percent", ">="),
    ("zh", "到2025年，产值力争达到1.5万亿元。", 1.5e12, "CNY", "="),
    ("zh", "到2025年，能耗不超过2万吨。", 20000, "tonnes", "<="),
    ("en", "By 2030, emissions fall below 1.5 tonnes.", 1.5, "tonnes", "<"),
    ("en", "By 2030, at least 20,000 charging points operate.", 20000, "count", ">="),
    ("en", "By 2030, sales will reach about 800 million vehicles.", 800e6, "count", "~"),
])
def test_comparators_values_and_units(lang, text, value, unit, comparator):
    [target] = quantitative(text, lang)
    assert (target.value, target.unit, target.comparator) == (pytest.approx(value), unit, comparator)


def test_thai_buddhist_era_deadline_becomes_ad():
    [target] = quantitative("ภายในปี พ.ศ. 2570\n\n• มีบริษัทมากกว่าเจ็ดพันแห่ง\n", "th")
    assert (target.year, target.value) == (2027, 7000)


def test_baseline_is_not_the_target():
    [target] = quantitative("By 2030, the share rises from 7.8% in 2020 to 10%.", "en")
    assert (target.value, target.baseline.value, target.baseline.year, target.year) == (10, 7.8, 2020, 2030)


def test_per_denominators():
    [zh] = quantitative("到2025年，每万人拥有充电桩25个。", "zh")
    [en] = quantitative("By 2025, there are 80 patents per 10,000 people.", "en")
    [th] = quantitative("ภายในปี 2025\n\n• สิทธิบัตรมากกว่า 80 ฉบับต่อประชากร 10,000 คน\n", "th")
    assert {(p.per.value, p.per.unit) for p in (zh, en, th)} == {(10000, "people")}


def test_growth_rates_are_flagged():
    [target] = quantitative("到2025年，高技术产业营收年均增速8%。", "zh")
    assert target.growth and target.value == 8


def test_past_statistics_are_never_targets():
    # A report dated in 2024: its 2023 and 2022 figures are past.
    text = ("发布时间：2024年5月8日\n\n2023年，全市产量达到180万辆。\n\n到2027年，全市产量超过300万辆。"
            "2022年全市已建成换电站120座。\n")
    targets = quantitative(text, "zh")
    assert [(t.value, t.year) for t in targets] == [(3_000_000, 2027)]


def test_footer_numbers_are_never_targets(seed_record):
    footer_start = seed_record.document.text.index("อัพเดทล่าสุด")
    assert all(item.span[1] <= footer_start for item in seed_record.grounded_items())


@pytest.mark.parametrize("lang,heading,bullet", [
    ("th", "เป้าหมายภายในปี 2568", "• มีบริษัทไม่น้อยกว่า 200 แห่ง"),     # words before the deadline (regression)
    ("th", "ภายในปี ค.ศ. 2025", "• มีบริษัทไม่น้อยกว่า 200 แห่ง"),
    ("en", "Main targets by 2025:", "- at least 200 companies are listed;"),
])
def test_a_short_line_ending_with_a_deadline_is_a_deadline_heading(lang, heading, bullet):
    [target] = quantitative(f"Title\n\n{heading}\n\n{bullet}\n", lang)
    assert (target.year, target.value, target.comparator) == (2025, 200, ">=")


@pytest.mark.parametrize("lang,text,year", [
    ("zh", "新华社北京2021年3月5日电 未来五年，研发经费投入年均增长7%以上。", 2025),   # the year of writing is the first
    ("th", "เมื่อวันที่ 5 พฤษภาคม 2563 ภายใน 5 ปี จะมีการสร้างนิคมอุตสาหกรรม 20 แห่ง", 2025),  # five years after it
])
def test_a_relative_deadline_counts_years_as_the_language_does(lang, text, year):
    from pipeline.analyze import analyze_text

    assert [t.year for t in analyze_text(text, lang=lang).targets if t.kind == "quantitative"] == [year]


def test_by_then_takes_the_deadline_named_before_it():
    from pipeline.analyze import analyze_text

    text = ("By 2025, Beijing is expected to become a global innovation hub.\n\n"
            "By then, the number of R&D workers will be around 260 out of every 10,000 people employed.")
    [target] = analyze_text(text, lang="en").targets
    assert (target.year, target.value, target.per.value, target.per.unit) == (2025, 260, 10000, "people")
    zh = analyze_text("到2027年，建成一批创新平台。届时，全市新能源汽车保有量达到100万辆。", lang="zh")
    assert [(t.year, t.value) for t in zh.targets if t.kind == "quantitative"] == [(2027, 1000000)]


def test_a_starting_point_after_its_amount_is_a_baseline():
    from pipeline.analyze import analyze_text

    text = "ภายในปี 2568 เครือข่ายรถไฟความเร็วสูงจะขยายความยาวถึง 50,000 กิโลเมตร จากประมาณ 38,000 กิโลเมตร ในปี 2563"
    record = analyze_text(text, lang="th")
    [target] = [t for t in record.targets if t.kind == "quantitative"]
    assert (target.value, target.year, target.baseline.value, target.baseline.year) == (50000, 2025, 38000, 2020)


@pytest.mark.parametrize("lang,text,year", [
    # a work report names its year only through the congress session it is delivered to
    ("zh", "新华社北京3月14日电 李克强总理在十四届全国人大一次会议上作政府工作报告。今年发展主要预期目标是：国内生产总值增长5%左右。", 2023),
    ("en", "Second Session of the 13th National People's Congress, March 2019. GDP will grow by 6 to 6.5 percent this year.", 2019),
    ("zh", "第十三屆全國人大今(5)日召開第四次會議，李克強在工作報告中指出，今年發展主要預期目標是國內生產總值增長6%以上。", 2021),
    ("zh", "李强在全國人大十四屆四次會議上作政府工作報告。今年發展主要預期目標是：國內生產總值增長5%左右。", 2026),
    # ... or a provincial congress's session (the provinces sit the NPC's terms; the municipalities,
    # Hainan, Tibet and Ningxia number theirs otherwise)
    ("zh", "大众网济南1月25日讯 今天上午9时，省十二届人大一次会议在山东会堂开幕。\n"
           "省长在报告中说，今年是实施“十二五”规划承前启后的关键一年。今年全省的主要预期目标是，生产总值增长9.5%左右，"
           "城镇新增就业100万人。", 2013),
    ("zh", "1月15日，北京市第十六届人民代表大会第一次会议开幕。今年主要预期目标是：地区生产总值增长4.5%以上。", 2023),
    # a year in digit words, with the white circle for zero (Hong Kong typesetting)
    ("zh", "國務院周一發布文件，提出二○二二年全國人均預期壽命要提升至七七點七歲。", 2022),
    # a plan named by its year frames the targets of the report about it
    ("en", "The Guangdong provincial government released the 2025 action plan on Wednesday.\n\n"
           "The province aims to establish at least 30 provincial-level pilot platforms.", 2025),
])
def test_the_year_a_report_speaks_from(lang, text, year):
    """The year each amount is tied to, whatever the decision model makes of it."""
    from pipeline.analyze import analyze_text

    quantities = analyze_text(text, lang=lang).quantities
    assert quantities and all(q.year == year for q in quantities)


def test_a_city_or_county_congress_dates_nothing():
    from pipeline.config import lang_data
    from pipeline.extract.times import TimeReader

    reader = TimeReader(lang_data("zh"))
    for text in ("济南市第十八届人民代表大会第四次会议开幕", "县十九届人民代表大会第四次会议审议批准"):
        assert [t for t in reader.find(text) if t.session] == []


def test_a_session_in_a_review_paragraph_does_not_date_last_year_s_figures():
    """"完成了省十二届人大四次会议确定的目标" names the session the report is given to: last year's
    figures after it stay last year's."""
    from pipeline.analyze import analyze_text

    text = ("1月24日，山东省第十二届人民代表大会第四次会议开幕。\n"
            "刚刚过去的2015年，全省较好完成了省十二届人大四次会议确定的主要目标任务。全省生产总值比上年增长8%，"
            "城镇新增就业116.8万人。\n2016年主要预期目标是：地区生产总值增长7.5%-8%。")
    years = {q.text: q.year for q in analyze_text(text, lang="zh").quantities}
    assert years["116.8万人"] == 2015 and years["增长7.5%-8%"] == 2016


def test_a_this_year_heading_ends_the_last_year_s_section():
    from pipeline.analyze import analyze_text

    text = ("3月5日，李强总理向十四届全国人大三次会议作政府工作报告，要点如下：\n一、2024年工作回顾\n国内生产总值增长5%\n"
            "二、今年主要预期目标\n国内生产总值增长5%左右\n")
    years = {q.text: q.year for q in analyze_text(text, lang="zh").quantities}
    assert (years["增长5%"], years["增长5%左右"]) == (2024, 2025)


def test_an_increase_is_no_derived_amount_and_a_current_level_is_a_baseline():
    from pipeline.analyze import analyze_text

    record = analyze_text("China set its 2023 targets: GDP growth of around 5 percent, CPI increase of around 3 percent, "
                          "and over 12 million new urban jobs.", lang="en")
    assert [t.value for t in record.targets if t.kind == "quantitative"] == [5, 3, 12000000]
    record = analyze_text("The urbanization rate is expected to grow from current 55.3 percent to 60 percent by 2020.", lang="en")
    [target] = [t for t in record.targets if t.kind == "quantitative"]
    assert (target.value, target.baseline.value) == (60, 55.3)
    # the end point written without its unit is in the starting point's
    record = analyze_text("The urbanization rate is expected to grow from current 55.3 percent to 60 by 2020.", lang="en")
    end = next(q for q in record.quantities if q.value == 60)
    assert (end.unit, end.text) == ("percent", "60")


@pytest.mark.parametrize("lang,text,expected", [
    # "this year (2024)" names the year a report speaks from, even with no date on the page
    ("zh", "省长作报告时表示，今年(2024年)发展面临的有利条件强于不利因素。\n"
           "今年经济社会发展的主要预期目标是：地区生产总值增长5%；城镇新增就业人数110万人以上。",
     [(5, 2024), (1100000, 2024)]),
    # a time named in the sentences just before frames a sentence that names none
    ("zh", "就各界关注的今年发展目标，政府工作报告给出答案：经济增长5%左右。4%左右的赤字率将为经济注入动能。\n\n"
           "“十五五”规划纲要草案提出20项主要指标。",
     [(5, 2026), (4, 2026)]),
])
def test_a_sentence_takes_the_year_its_paragraph_names(lang, text, expected):
    from pipeline.analyze import analyze_text

    text = "中评社香港2026年3月6日电 " + text if "今年发展目标" in text else text
    targets = [t for t in analyze_text(text, lang=lang).targets if t.kind == "quantitative"]
    assert [(t.value, t.year) for t in targets][:len(expected)] == expected


def test_a_starting_point_in_any_unit_is_a_baseline():
    text = "The railway will cut the distance from 1,466km to 820km and travel time from 22 hours to 6 and a half by 2014."
    found = {q.value: (q.role, q.unit) for q in analyze_text(text, lang="en").quantities}
    assert (found[1466][0], found[22][0]) == ("baseline", "baseline")
    assert found[6.5] == ("target", "hour")


def test_the_level_of_a_base_year_is_a_baseline():
    text = "到2015年，全国万元国内生产总值能耗下降到0.869吨标准煤，比2010年的1.034吨标准煤下降16%。"
    roles = {q.value: q.role for q in analyze_text(text, lang="zh").quantities}
    assert (roles[0.869], roles[1.034]) == ("target", "baseline")


def test_every_change_in_a_clause_gets_its_own_starting_point():
    from pipeline.analyze import analyze_text

    text = ("ในปี 2025 ทางรถไฟทั่วประเทศจะมีความยาวรวม 165,000 กิโลเมตร เพิ่มจาก 146,000 กิโลเมตร ในปี 2020 "
            "รถไฟใต้ดินตั้งเป้าไว้ที่ 10,000 กิโลเมตร เพิ่มจาก 6,600 กิโลเมตร ขณะที่ทางด่วนจะเพิ่มขึ้นจาก 161,000 เป็น 190,000 กิโลเมตร")
    record = analyze_text(text, lang="th")
    baselines = {q.value: q.role for q in record.quantities}
    assert baselines[146000] == baselines[6600] == baselines[161000] == "baseline"
    years = {t.value: t.year for t in record.targets if t.kind == "quantitative"}
    assert years.get(165000) == years.get(190000) == 2025


def test_a_target_that_names_no_year_takes_the_deadline_the_document_sets():
    from pipeline.analyze import analyze_text

    text = ("BEIJING, Jan. 18, 2022 -- High-speed railways will stretch to 50,000 kilometres by 2025, and the country "
            "will have 165,000 kilometres of railways by 2025.\n\n"
            "The transportation system will also be greener. Cities will see 72 percent of buses running on new energy.")
    # the year an amount is read with, whatever the decision then makes of it
    years = {q.value: q.year for q in analyze_text(text, lang="en").quantities}
    assert years == {50000: 2025, 165000: 2025, 72: 2025}


def test_this_year_in_an_undated_text_is_the_year_it_last_named():
    """A narrative with no date of its own: "this year" is its reference time, the year it named
    before, and is nearer the amounts after it than a past year closing the sentence."""
    text = ("China aims to expand its economy by over 6 percent in 2021, as lawmakers gather in Beijing.\n"
            "This year, the country aims to create more than 11 million new urban jobs, which are expected "
            "to put the economy firmly back to pre-pandemic vibrancy -- China's GDP growth rate was 6 percent in 2019.")
    years = {q.value: q.year for q in analyze_text(text, lang="en").quantities}
    assert (years[11_000_000], years[6]) == (2021, 2019)
    # before any year is named, "this year" stays unknown rather than borrowing a later one
    [quantity] = analyze_text("今年经济增长目标为5%左右。", lang="zh").quantities
    assert quantity.year is None


@pytest.mark.parametrize("text", [
    "《行动方案》提出，2024年，非化石能源消费占比达到18.9%左右，节能量约5000万吨标准煤；2025年，非化石能源消费占比达到20%左右。",
    # the same with ASCII marks, as pages often set them: a comma or semicolon after no digit ends a clause
    "《行动方案》提出,2024年,非化石能源消费占比达到18.9%左右,节能量约5000万吨标准煤;2025年,非化石能源消费占比达到20%左右。",
])
def test_a_year_opening_a_clause_dates_what_follows_it_not_what_came_before(text):
    years = [(q.value, q.year) for q in analyze_text(text, lang="zh").quantities]
    assert years == [(18.9, 2024), (5e7, 2024), (20, 2025)]


def test_a_work_report_named_in_a_sentence_sets_its_amounts_in_the_year_it_is_delivered():
    text = ("2021-04-04 来源：新浪财经\n刘元春：到2025年人均GDP将达到1.5万美元。\n"
            "《政府工作报告》设定的主要目标，是GDP增长速度6%以上，新增就业1100万以上。\n"
            "根据政府工作报告，2020年全省地区生产总值增长2.3%。")
    years = {q.value: q.year for q in analyze_text(text, lang="zh").quantities}
    assert (years[6], years[11_000_000]) == (2021, 2021)
    assert years[2.3] == 2020   # a year the sentence names is nearer, and the report opens no scope


def test_a_paragraph_introducing_a_list_scopes_its_items():
    text = ("Report on the work of the government\n\nUpdated: 2015-03-05\n\n"
            "We have set the main targets for China's economic and social development for this year as follows:\n\n"
            "■ increase the GDP by approximately 7%;\n\n■ keep the increase in the CPI at around 3%;\n\n"
            "■ create over ten million jobs in urban areas;\n\nThe target growth rate of approximately 7% takes "
            "into consideration what is needed.")
    from pipeline.analyze import prepare
    from pipeline.ingest import RawDocument

    contexts: dict[str, list] = {}
    prepared = prepare(RawDocument(id="t", source="t", format="txt", text=text, sha256="0"), lang="en")
    for c in prepared.readers.targets.contexts(prepared.reading):
        contexts.setdefault(prepared.reading.text[slice(*c.mention.span)], []).append((c.year, c.year_source))
    assert contexts["around 3%"] == [(2015, "heading_scope")]
    assert contexts["over ten million jobs"] == [(2015, "heading_scope")]
    # the paragraph after the list is no item of it
    assert contexts["approximately 7%"][-1] == (2015, "document")


def test_a_text_with_no_deadline_has_the_later_year_it_names_most_as_its_horizon():
    text = ("BEIJING, Jan. 20, 2022 -- High-speed railways will stretch to 50,000 kilometres in 2025, up from "
            "38,000 kilometres in 2020. The country will have 270 civil airports in 2025.\n\n"
            "Cities will see 72 percent of buses running on new energy.")
    years = {q.value: q.year for q in analyze_text(text, lang="en").quantities}
    assert years[72] == 2025   # not the report's own 2022


def test_a_restated_target_is_one_target_given_by_its_fuller_statement():
    from pipeline.analyze import analyze_text

    text = ("省长作报告时表示，今年（2024年）预期地区生产总值增长5%。\n"
            "今年主要预期目标是：地区生产总值增长5%；固定资产投资增长4%；城镇新增就业人数110万人以上。")
    targets = [t for t in analyze_text(text, lang="zh").targets if t.kind == "quantitative"]
    assert [(t.value, t.year) for t in targets] == [(5, 2024), (4, 2024), (1100000, 2024)]
    assert targets[0].span[0] > text.index("\n") and [t.id for t in targets] == ["T1", "T2", "T3"]


def test_a_plan_period_told_as_past_sets_no_deadline():
    # Hunan's 2017 plan reviews 2016: "实现了“十三五”良好开局" names the plan already under way,
    # so the statistics after it are 2016's, not targets for the plan's last year (2020)
    text = ("2016年，全省主动适应新常态，实现了“十三五”良好开局。全省实现地区生产总值3.12万亿，增长7.9%，"
            "规模工业增加值增长6.9%。")
    record = analyze_text(text, lang="zh")
    assert not [t for t in record.targets if t.kind == "quantitative" and t.year == 2020]
    assert {q.year for q in record.quantities} == {2016}


@pytest.mark.parametrize("lang,text", [
    ("zh", "到2030年，围绕经济发展提出20项主要指标、四大方面战略任务。"),
    ("en", "By 2025, the plan sets 20 main targets and eight major tasks."),
    ("th", "ภายในปี 2025 จีนกำหนดเป้าหมาย 3 ด้าน"),
])
def test_a_count_of_the_plans_own_parts_is_no_target(lang, text):
    assert quantitative(text, lang) == []


def test_a_count_of_things_in_the_world_still_is():
    [target] = quantitative("到2025年，建成10个二级节点。", "zh")
    assert (target.value, target.unit, target.year) == (10, "count", 2025)


def test_a_paragraph_the_page_repeats_keeps_the_first_statement_of_its_targets():
    """A page that prints a paragraph twice (a repost's lead and body) states its targets once, at
    the first statement, even where the repeat sits beside other targets."""
    from pipeline.analyze import analyze_text

    sentence = "The government has set its 2021 target for consumer price inflation at around 3%, Li said."
    text = (f"{sentence}\n\nChina did not set a growth target last year.\n\n"
            f"{sentence} It will create more than 11 million new urban jobs in 2021.")
    targets = [t for t in analyze_text(text, lang="en").targets if t.kind == "quantitative"]
    inflation = [t for t in targets if t.value == 3]
    assert len(inflation) == 1 and inflation[0].span[0] < len(sentence)
