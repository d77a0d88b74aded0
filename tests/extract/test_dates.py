import pytest

from pipeline.config import lang_data
from pipeline.extract.dates import DateReader


@pytest.mark.parametrize("lang,text,quoted,iso,role", [
    ("th", "เมื่อวันที่ 12 เมษายน 2566 กระทรวงได้ร่วมกันจัดทำและเผยแพร่", "12 เมษายน 2566", "2023-04-12", "published"),
    ("th", "ลงวันที่ ๑ ม.ค. พ.ศ. ๒๕๖๗", "๑ ม.ค. พ.ศ. ๒๕๖๗", "2024-01-01", "dated"),
    ("th", "วันที่ 5 มีนาคม ค.ศ. 2024", "5 มีนาคม ค.ศ. 2024", "2024-03-05", "mentioned"),
    ("zh", "于2023年3月31日联合印发", "2023年3月31日", "2023-03-31", "dated"),
    ("zh", "2023年4月12日公开发布", "2023年4月12日", "2023-04-12", "published"),
    ("zh", "二〇二四年一月十五日印发", "二〇二四年一月十五日", "2024-01-15", "dated"),
    ("zh", "自2024年3月1日起施行", "2024年3月1日", "2024-03-01", "effective"),
    ("en", "published on April 12, 2023", "April 12, 2023", "2023-04-12", "published"),
    ("en", "dated 31 March 2023", "31 March 2023", "2023-03-31", "dated"),
    ("en", "It takes effect on 2024-03-01.", "2024-03-01", "2024-03-01", "effective"),
    ("en", "datePublished: Tue Feb 28 2023 14:44:39 GMT", "Feb 28 2023", "2023-02-28", "published"),
    # a source credit's date is the page's; an outlet before a day and month opens a dateline
    ("en", "Xinhua, January 22, 2026 Adjust font size:", "January 22, 2026", "2026-01-22", "published"),
    ("en", "(Xinhua News Agency September 26, 2008)", "September 26, 2008", "2008-09-26", "published"),
    ("en", "(Yicai) Jan. 18, 2024 -- China's economy may expand", "Jan. 18, 2024", "2024-01-18", "dateline"),
    ("th", "CRI, June 1, 2023", "June 1, 2023", "2023-06-01", "published"),
    ("en", "BEIJING, 5th March, 2026 (WAM) -- China has set", "5th March, 2026", "2026-03-05", "dateline"),
    ("en", "> Sep 24th 2020\n\nIN A RECORDED video message", "Sep 24th 2020", "2020-09-24", "published"),
    ("en", "BEIJING, (APP - UrduPoint / Pakistan Point News - 8th Dec, 2023) -- China's State Council",
     "8th Dec, 2023", "2023-12-08", "dateline"),
    # the day first, as Thai and Hong Kong pages write it
    ("th", "Báo Công thương05/03/2025\n\nจีนยังคงเป้าหมาย", "05/03/2025", "2025-03-05", "published"),
    ("zh", "12/07/2022 11:02", "12/07/2022", "2022-07-12", "mentioned"),
    # a page's timestamp without its 日
    ("zh", '<span class="date">2011年10月08</span>', "2011年10月08", "2011-10-08", "mentioned"),
    # an outlet's name on the line above is no dateline's city: the page's timestamped date
    ("th", "ข่าวสด\n19 เมษายน 2565 ( 14:27 )\nจีนเดินหน้าปลูกป่า", "19 เมษายน 2565", "2022-04-19", "published"),
])
def test_dates_and_roles(lang, text, quoted, iso, role):
    found = DateReader(lang_data(lang)).find(text, (0, len(text)))
    assert [(d.text, d.iso, d.role) for d in found] == [(quoted, iso, role)]
    assert text[found[0].span[0]:found[0].span[1]] == quoted


def test_impossible_dates_are_not_dates():
    text = "on 31 February 2023 and 2023-13-01"
    assert DateReader(lang_data("en")).find(text, (0, len(text))) == []


@pytest.mark.parametrize("lang,text,weekday,iso", [
    ("en", "BEIJING, Oct. 12 (Xinhua) -- The State Council issued the plan on Tuesday, setting a target.",
     "Tuesday", "2023-10-10"),
    ("zh", "新华社北京10月12日电 国务院周二印发方案，提出到2025年的目标。", "周二", "2023-10-10"),
    ("th", "ปักกิ่ง, 12 ต.ค. (ซินหัว) -- คณะรัฐมนตรีจีนเปิดเผยแผนเมื่อวันอังคาร", "วันอังคาร", "2023-10-10"),
])
def test_a_weekday_in_the_lead_is_dated_from_the_page(lang, text, weekday, iso):
    """Thursday 2023-10-12's report of "on Tuesday" means 2023-10-10, the year inferred."""
    found = DateReader(lang_data(lang)).find(text, (0, len(text)), years=(2023,))
    day = [d for d in found if d.text == weekday]
    assert [(d.iso, d.role, d.year_inferred) for d in day] == [(iso, "dated", True)]


def test_a_weekday_a_body_published_on_is_the_day_of_issue():
    text = "BEIJING, Dec. 8 (Xinhua) -- China's State Council on Wednesday published an action plan."
    found = DateReader(lang_data("en")).find(text, (0, len(text)), years=(2023,))
    assert [(d.iso, d.role) for d in found if d.text == "Wednesday"] == [("2023-12-06", "dated")]


def test_a_dateline_without_a_year_takes_the_congress_session_the_report_names():
    from pipeline.analyze import analyze_text

    # the session's year before the years the report looks back on
    text = ("新华社北京3月5日电 国务院总理李强5日在十四届全国人大四次会议上作政府工作报告。"
            "2025年国内生产总值增长5%，2025年城镇新增就业1267万人。")
    dates = analyze_text(text, lang="zh").dates
    assert [(d.iso, d.role, d.year_inferred) for d in dates if d.role == "dateline"] == [("2026-03-05", "dateline", True)]


def test_a_reference_date_dates_an_undated_text_and_never_overrides_its_own():
    import datetime as dt

    from pipeline.analyze import analyze_text

    wire = "新华社北京3月5日电 国务院总理李强5日在政府工作报告中提出，今年发展主要预期目标是：经济增长4.5%-5%。"
    bare = analyze_text(wire, lang="zh")
    assert bare.dates == [] and bare.document.reference_date is None   # no year anywhere: none is guessed
    given = analyze_text(wire, lang="zh", reference_date=dt.date(2026, 3, 5))
    assert [(d.text, d.iso, d.role, d.year_inferred) for d in given.dates] == [("3月5日", "2026-03-05", "dateline", True)]
    assert [q.year for q in given.quantities] == [2026] and given.document.reference_date == dt.date(2026, 3, 5)
    # the page's own date wins: the reference only stands in for one the text does not give
    dated = analyze_text("2021年3月6日 来源：新华网\n" + wire, lang="zh", reference_date=dt.date(2026, 3, 5))
    assert {d.iso[:4] for d in dated.dates} == {"2021"} and [q.year for q in dated.quantities] == [2021]


@pytest.mark.parametrize("text,iso", [
    # a signature, then the day of signing, at the head of a database page or at the end of a notice
    ("关于印发安徽省工业互联网创新发展行动计划的通知\n各市人民政府：\n现印发给你们，请认真抓好落实。\n安徽省人民政府办公厅\n\n"
     "2021年9月2日\n支持工业互联网发展若干政策\n为充分运用市场的逻辑，制定本政策。", "2021-09-02"),
    # the date in brackets under an official title (成文日期)
    ("中共中央 国务院关于实施乡村振兴战略的意见\n（2018年1月2日）\n实施乡村振兴战略，是党的十九大作出的重大决策部署。", "2018-01-02"),
])
def test_a_signed_or_bracketed_date_under_a_title_is_the_day_of_signing_not_the_pages(text, iso):
    from pipeline.analyze import analyze_text

    dates = analyze_text(text, lang="zh").dates
    assert [(d.iso, d.role) for d in dates] == [(iso, "dated")]


def test_a_page_header_date_before_the_dateline_is_the_publication_date():
    text = "陆国家人权计划\n\n中央商情网/ 2016.09.29 00:00\n(中央社台北2016年9月29日电)中国大陆今天公布计划。"
    found = DateReader(lang_data("zh")).find(text, (0, len(text)))
    assert [(d.text, d.role) for d in found] == [("2016.09.29", "published"), ("2016年9月29日", "dateline")]  # (the reading view is simplified)


def test_a_weekday_next_to_its_written_date_is_not_a_second_date():
    text = "ปักกิ่ง, 22 พ.ค. (ซินหัว) — รายงานที่เสนอในวันศุกร์ (22 พ.ค.) ระบุว่า"
    found = DateReader(lang_data("th")).find(text, (0, len(text)), years=(2020,))
    assert not any(d.text == "วันศุกร์" for d in found)


def test_a_lead_date_in_prose_is_the_day_of_issue_not_a_dateline():
    text = "เมื่อวันที่ 12 ม.ค. 2565 คณะรัฐมนตรีจีนได้ประกาศแผนพัฒนาเศรษฐกิจดิจิทัล"
    found = DateReader(lang_data("th")).find(text, (0, len(text)))
    assert [(d.iso, d.role) for d in found] == [("2022-01-12", "dated")]


def test_a_reference_year_dates_nothing():
    """"มาตั้งแต่ปี 1990" (since 1990) is no year for an undated dateline, nor for the amounts beside it."""
    from pipeline.analyze import analyze_text

    text = ("เมื่อวันที่ 22 พฤษภาคม นายกรัฐมนตรีจีนระบุว่าจีนจะไม่ตั้งเป้าจีดีพี ซึ่งรัฐบาลจีนกำหนดมาตั้งแต่ปี 1990\n\n"
            "ในรายงานยังระบุว่า จีนกำหนดงบขาดดุล 3.6% ในปี 2563")
    record = analyze_text(text, lang="th")
    assert not any(d.iso.startswith("1990") for d in record.dates)
    assert all(q.year != 1990 for q in record.quantities)


def test_these_five_years_are_not_this_year():
    from pipeline.extract.times import TimeReader

    reader = TimeReader(lang_data("th"))
    text = "ช่วง 5 ปีนี้ เศรษฐกิจจีนขึ้นสู่ขั้นบันไดใหม่ และปีนี้ตั้งเป้าการเติบโตราวร้อยละ 5"
    current = [text[t.span[0]:t.span[1]] for t in reader.find(text) if t.kind == "current"]
    assert current == ["ปีนี้"] and text.index("ปีนี้", 10) == reader.find(text)[-1].span[0]


def _read(lang, text):
    return DateReader(lang_data(lang)).find(text, (0, len(text)))


@pytest.mark.parametrize("lang,text", [
    ("zh", "- **来源**：https://www.mofcom.gov.cn/\n- **抓取时间**：2026-09-11 15:16\n\n 分类：政策\n 2024-08-25 17:10\n\n商务部等4部门办公厅关于进一步做好家电以旧换新工作的通知"),
    ("en", "Retrieved on 2026-05-04 from cset.georgetown.edu\n\n2024-08-25\n\nThe plan sets out the targets for 2025."),
])
def test_a_saved_pages_fetch_date_is_not_its_publication_date(lang, text):
    """The page's own date, printed alone on its line further down, is; the fetch date is only mentioned."""
    roles = {d.iso: d.role for d in _read(lang, text)}
    assert roles == {"2026-09-11" if lang == "zh" else "2026-05-04": "mentioned", "2024-08-25": "published"}


def test_a_file_photos_date_is_no_publication_date_and_the_dateline_falls_after_it():
    text = ("(แฟ้มภาพซินหัว : งานเก็บเกี่ยวที่ไร่ข้าวสาลีในมณฑลเหอเป่ย เมื่อวันที่ 10 มิ.ย. 2019)\n\n"
            "ปักกิ่ง, 22 พ.ค. (ซินหัว) — รายงานการทำงานของรัฐบาลระบุว่า")
    found = {d.text: (d.iso, d.role) for d in _read("th", text)}
    assert found["10 มิ.ย. 2019"] == ("2019-06-10", "mentioned")
    assert found["22 พ.ค."] == ("2020-05-22", "dateline")   # May 22 after a June photo: the next year


def test_a_page_that_prints_its_date_twice_is_published_on_both():
    text = ("China Unveils Three-year Action Plan\n\nNovember 2, 2020\n\nSHANGHAI (Reuters) – Sales of new energy"
            " vehicles will make up 20% of new car sales by 2025, the State Council said.\n\n")
    header = "date 2020-11-02 " + text
    assert [(d.text, d.role) for d in _read("en", header)] == [("2020-11-02", "published"), ("November 2, 2020", "published")]
    # a date in the body with the page's day, after its opening, stays a mention
    body = header + "x" * 1000 + "\nOn November 2, 2020 the council met again.\n"
    assert [d.role for d in _read("en", body)] == ["published", "published", "mentioned"]


def test_a_day_first_date_before_an_outlet_is_a_dateline_mid_line():
    found = _read("en", "date 2026-03-05 BEIJING, 5th March, 2026 (WAM) -- China has set its target")
    assert [(d.text, d.role) for d in found][-1] == ("5th March, 2026", "dateline")
    found = _read("en", "2017-05-15\nISLAMABAD, May 15 (APP): President Xi Jinping pledged on Sunday")
    assert [(d.text, d.iso, d.role) for d in found][1] == ("May 15", "2017-05-15", "dateline")
