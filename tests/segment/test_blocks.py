import pytest

from pipeline.config import lang_data
from pipeline.extract.measures import read_structure
from pipeline.segment.blocks import BlockReader


@pytest.mark.parametrize("lang,line,label,number,rank", [
    ("zh", "一、总体要求", "一", 1, 1),
    ("zh", "（十二）推进创新政策先行先试。支持建设", "十二", 12, 2),
    ("zh", "3. 完善机制", "3", 3, 3),
    ("th", "1. สร้างระบบห้องปฏิบัติการระดับสูง", "1", 1, 2),
    ("th", "ข้อ ๓ เพิ่มการสนับสนุน", "๓", 3, 2),
    ("en", "IV. Safeguards", "IV", 4, 1),
    ("en", "12. Strengthen exchange", "12", 12, 2),
    ("en", "(b) Secure funding", "b", 2, 3),
])
def test_numbered_heading_styles(lang, line, label, number, rank):
    text = f"Title\n\n{line}\n"
    block = [b for b in BlockReader(lang_data(lang)).read(text) if b.kind == "numbered"][0]
    assert (block.label, block.number, block.rank) == (label, number, rank)


def test_unnumbered_chapter_lines_over_numbered_measures():
    text = ("ชื่อเรื่อง\n\nหมวดแรกของมาตรการ\n\n1. มาตรการหนึ่ง\n\nเนื้อหาของมาตรการหนึ่งซึ่งยาวพอสมควรและไม่ใช่หัวข้อ\n\n"
            "2. มาตรการสอง\n\nเนื้อหา\n\nหมวดที่สอง\n\n3. มาตรการสาม\n\nเนื้อหาสาม\n")
    data = lang_data("th")
    structure = read_structure(text, BlockReader(data).read(text), data)
    assert [c.title for c in structure.chapters] == ["หมวดแรกของมาตรการ", "หมวดที่สอง"]
    assert [(m.number, m.chapter) for m in structure.measures] == [(1, "C1"), (2, "C1"), (3, "C2")]
    assert structure.measures[0].text.endswith("ไม่ใช่หัวข้อ")


def test_footer_is_boilerplate_from_its_marker():
    body = "เนื้อหา\n" * 20
    text = f"หัวเรื่อง\n{body}อัพเดทล่าสุด\nติดตามเราบน Facebook\n© 2020-2024\n"
    kinds = [b.kind for b in BlockReader(lang_data("th")).read(text)]
    assert kinds[-3:] == ["boilerplate"] * 3 and "boilerplate" not in kinds[:-3]


def test_a_bibliography_is_back_matter_with_no_targets_in_it():
    """An article's references and its authors' notes hold titles and figures, no commitments."""
    from pipeline.analyze import analyze_text

    body = "到2025年，可再生能源发电量占比达到30%左右。\n" + "我国科技实力持续提升，创新体系不断完善。\n" * 10
    text = f"科技强国之路\n\n{body}\n# 参考文献\n\n1 胡鞍钢. 到2030年中国制造业增加值将达美国的2.6倍. 2017.\n"
    record = analyze_text(text, lang="zh")
    assert [t.value for t in record.targets if t.kind == "quantitative"] == [30]
    # ... while the same words in prose are no heading
    record = analyze_text(text.replace("# 参考文献", "参考文献显示"), lang="zh")
    assert 2.6 in [q.value for q in record.quantities]


def test_markdown_front_matter_is_metadata_not_the_lead():
    text = ("---\ntitle: \"China unveils blueprint\"\ndatePublished: Tue Feb 28 2023\n---\n\n"
            "**Document lays out growth path**\n\nThe State Council unveiled guidelines on Monday.\n")
    blocks = BlockReader(lang_data("en")).read(text)
    assert [b.kind for b in blocks[:4]] == ["metadata"] * 4
    assert blocks[4].kind == "title" and text[slice(*blocks[4].span)] == "**Document lays out growth path**"


@pytest.mark.parametrize("lang,text,title", [
    ("th", "top of page\n343320.jpg\n\nจีนตั้งเป้าหมายการขยายตัวของเศรษฐกิจปี 62\n\nในการประชุมประจำปี…\n",
     "จีนตั้งเป้าหมายการขยายตัวของเศรษฐกิจปี 62"),
    ("th", "รีเซต\nรีเซต\n\nปักกิ่งจ่อทุ่ม 1.3 ล้านล้านหยวน\n\nXinhua\n", "ปักกิ่งจ่อทุ่ม 1.3 ล้านล้านหยวน"),
    ("zh", "首页 > 今日要闻 > 正文\n山东规划纲要出炉\n新华网济南3月1日电 …\n", "山东规划纲要出炉"),
    ("en", "Advertisement\n![](./images/cover.jpg)\nChina aims for carbon neutrality\nThe plan says…\n",
     "China aims for carbon neutrality"),
    # a language menu and a breadcrumb, in any language's page
    ("en", "中文|French|日本语|Spanish|Russian|Arabic|Korean\nEnglish>>China Politics\n\n"
           "Facts and figures: China's major development goals for 2013\n\n(Xinhua)\n",
     "Facts and figures: China's major development goals for 2013"),
])
def test_a_saved_pages_chrome_is_not_its_title(lang, text, title):
    blocks = BlockReader(lang_data(lang)).read(text)
    [first] = [b for b in blocks if b.kind == "title"]
    assert text[slice(*first.span)] == title
    assert {b.kind for b in blocks[:blocks.index(first)]} == {"metadata"}
