import pytest

from pipeline.config import lang_data
from pipeline.extract.entities import doc_entities
from pipeline.nlp import get_nlp


def entities(lang: str, text: str):
    return doc_entities(get_nlp(lang)(text), lang_data(lang))


@pytest.mark.parametrize("lang,text,name,canonical_id", [
    ("th", "รัฐบาลนครฉงชิ่ง และรัฐบาลมณฑลเสฉวน", "รัฐบาลนครฉงชิ่ง", "cn.cq.gov"),  # longest match wins over ฉงชิ่ง
    ("zh", "由科技部牵头", "科技部", "cn.gov.most"),
    ("zh", "由科學技術部牽頭", "科學技術部", "cn.gov.most"),                   # traditional, through OpenCC
    ("en", "the People's Bank of China and others", "People's Bank of China", "cn.gov.pboc"),
    # prefecture-level cities (configs/gazetteer/prefectures.yaml, from the NBS division codes)
    ("zh", "咸阳市人民政府印发方案", "咸阳市人民政府", "cn.sn.xianyang.gov"),
    ("zh", "包頭市人民政府辦公室", "包頭市人民政府", "cn.nm.baotou.gov"),
    ("en", "the Xianyang Municipal Government said", "Xianyang Municipal Government", "cn.sn.xianyang.gov"),
])
def test_gazetteer_names_with_canonical_ids(lang, text, name, canonical_id):
    found = {e.text: e.canonical_id for e in entities(lang, text)}
    assert found[name] == canonical_id


def test_every_gazetteer_name_links_to_one_id():
    # "Jilin" is the province, not also the city; "Yulin" (two cities) is in the gazetteer under neither
    from collections import defaultdict

    from pipeline.config import gazetteer

    ids = defaultdict(set)
    for entry in gazetteer().entries:
        for names in entry.names.values():
            for name in names:
                ids[name].add(entry.id)
    assert not {name: found for name, found in ids.items() if len(found) > 1}


def test_a_city_is_named_in_full_where_its_bare_name_is_a_word():
    # 白银 is silver, 来宾 guests: only 白银市 and 来宾市 are the cities
    assert [e.canonical_id for e in entities("zh", "白银价格上涨，欢迎来宾。")] == []
    assert [e.canonical_id for e in entities("zh", "白银市和来宾市")] == ["cn.gs.baiyin", "cn.gx.laibin"]


def test_latin_abbreviations_need_word_boundaries():
    assert [e.text for e in entities("en", "In CASE of MOSTLY fine weather")] == []
    assert [e.canonical_id for e in entities("en", "CAS and MOST")] == ["cn.cas", "cn.gov.most"]


def test_english_gloss_is_linked_to_the_thai_name():
    text = "เช่น โครงการสายแถบและเส้นทาง (Belt and Road Initiative: BRI) และอื่น ๆ"
    found = entities("th", text)
    name = next(e for e in found if e.text == "โครงการสายแถบและเส้นทาง")
    glosses = [e for e in found if e.source == "gloss"]
    assert {g.text for g in glosses} == {"Belt and Road Initiative", "BRI"}
    assert all(g.gloss_of == name.span and g.canonical_id == "prog.bri" for g in glosses)


def test_nested_brackets_in_a_gloss():
    text = "ได้แก่ เมืองวิทยาศาสตร์ภาคตะวันตกเฉิงตู (Western (Chengdu) Science City) และ"
    gloss = [e for e in entities("th", text) if e.source == "gloss"]
    assert [(g.text, g.canonical_id) for g in gloss] == [("Western (Chengdu) Science City", "cn.wsc.chengdu")]


def test_thai_crf_ner_finds_names_outside_the_gazetteer():
    """The workaround for PyThaiNLP 5.4's thainer: bundled CRF + perceptron POS mapped to LST20."""
    from pipeline.extract.ner import ner_backend

    text = "นายประยุทธ์ จันทร์โอชา เดินทางไปกรุงปักกิ่งเมื่อวันที่ 12 เมษายน 2566"
    found = {(text[s:e], label) for s, e, label in ner_backend("th").entities(text)}
    assert ("นายประยุทธ์ จันทร์โอชา", "PERSON") in found
    assert ("กรุงปักกิ่ง", "GPE") in found


@pytest.mark.parametrize("lang,text,ids", [
    ("zh", "科技部、教育部于2023年3月31日联合印发本意见，四川省人民政府负责实施。", ["cn.gov.most", "cn.gov.moe"]),
    ("en", "China aims to reach 300 EFLOPS, according to the plan issued by six authorities, including the "
           "Ministry of Industry and Information Technology, the Ministry of Education and the People's Bank of China.",
     ["cn.gov.miit", "cn.gov.moe", "cn.gov.pboc"]),
    ("en", "China's State Council issued a plan on Monday. The Ministry of Finance will fund it.", ["cn.gov.state_council"]),
    ("th", "ปักกิ่ง, 29 มิ.ย. (ซินหัว) -- สำนักบริหารพลังงานแห่งชาติจีน เปิดเผยว่ากำลังการผลิตพลังงานหมุนเวียนสูงขึ้น", ["cn.gov.nea"]),
    # a relative clause describing the body between it and its verb
    ("th", "ปักกิ่ง, 5 ต.ค. (ซินหัว) -- คณะกรรมการพัฒนาและปฏิรูปแห่งชาติ (NDRC) ซึ่งเป็นหน่วยงานวางแผนเศรษฐกิจที่สำคัญของจีน "
           "เผยว่าจีนจะเร่งสร้างระบบขนส่งที่ทันสมัยและครบวงจรในมณฑลไห่หนาน", ["cn.gov.ndrc"]),
    ("en", "BEIJING, Oct. 5 (Xinhua) -- The National Development and Reform Commission, which is the country's top "
           "economic planner and regulator, said China will speed up transport in Hainan.", ["cn.gov.ndrc"]),
    # a signature block: each body's general office signs for it, one to a line, above the date
    ("zh", "关于进一步做好家电以旧换新工作的通知\n\n各省、自治区、直辖市商务主管部门：\n\n" + "要及时开展政策实施效果评估。" * 8
           + "\n\n商务部办公厅\n国家发展改革委办公厅\n财政部办公厅\n市场监管总局办公厅\n2024年8月30日",
     ["cn.gov.mofcom", "cn.gov.ndrc", "cn.gov.mof", "cn.gov.samr"]),
])
def test_issuers_are_the_bodies_that_issue_or_announce(lang, text, ids):
    from pipeline.analyze import analyze_text

    assert [e.canonical_id for e in analyze_text(text, lang=lang).issuers] == ids


@pytest.mark.parametrize("lang,text,ids", [
    # a province or city that issues stands for its government; its head's title too
    ("zh", "浙江新闻1月12日电 浙江省省长王浩在作政府工作报告时介绍，未来五年该省要完成十二项重大任务。", ["cn.zj.gov"]),
    ("en", "Chinese cities\n\nHAIKOU, April 13 -- Hainan issued a plan on Tuesday to build 1,000 charging stations by 2025.",
     ["cn.hi.gov"]),
    # ... but not in a headline, where a place is the topic
    ("en", "Shenzhen plans for smart transport\n\nThe Ministry of Transport issued the plan on Monday.", ["cn.gov.mot"]),
    # an official title: the bodies before 关于
    ("zh", "中共中央 国务院关于实施乡村振兴战略的意见\n（2018年1月2日）\n实施乡村振兴战略，是重大决策部署。", ["cn.cpc.cc", "cn.gov.state_council"]),
    # a work report, delivered on behalf of the State Council
    ("en", "REPORT ON THE WORK OF THE GOVERNMENT\n\nFellow Deputies,\n\nOn behalf of the State Council, I will now report "
           "to you on the work of the government.", ["cn.gov.state_council"]),
    # the government work report is the State Council's by its name, unless a place or a local word qualifies it
    ("en", "Highlights of Premier Wen's government work report\n\nThe following are the highlights of the report.",
     ["cn.gov.state_council"]),
    ("en", "Guangdong sets its 2025 targets\n\nGDP will grow 5 percent, said Wang as he delivered a government work report.", []),
    # ... also where the page's navigation comes before its headline
    ("en", "• Home\n• News\n\nHighlights of Premier Wen's government work report\n\nHighlights of a government work "
           "report distributed to media ahead of the annual session.\n\nMajor targets for 2013:", ["cn.gov.state_council"]),
    # ... and where a credit and a time stand between the headline and the lead
    ("en", "Facts and figures: China's major development goals for 2013\n\n(Xinhua)\n\n10:48, March 05, 2013\n\n"
           "Key points of Premier Wen's government work report:\n\n• China to control scale of megacities: Wen",
     ["cn.gov.state_council"]),
    # ... but not a talk that comes to the report only in its agenda
    ("zh", "刘元春：未来5年是中国GDP赶超美国关键时点\n\n来源：人大重阳官方账号\n\n第一，从“十四五”来看当下的形势。\n\n"
           "第二，从《政府工作报告》的角度，看我们国家今年如何落实“十四五”规划。", []),
    # ... and a city named right after the report makes it the city's
    ("zh", "| | | 2019年01月28日 星期一\n\n应勇作政府工作报告提出今年上海主要预期目标\n\n今年预期目标：全市生产总值增长6%-6.5%。", []),
    ("en", "Full Text: Report on the Work of the Government 2023\n\nThe report proposes the main targets for 2023.",
     ["cn.gov.state_council"]),
    ("th", "รายงานการทำงานของรัฐบาลจีนปี 2020\n\nนายหลี่ เค่อเฉียง นายกรัฐมนตรีจีน แถลงต่อที่ประชุม", ["cn.gov.state_council"]),
    ("zh", "山东2016年政府工作报告\n\n省长郭树清同志作山东省人民政府工作报告，今年预期目标：地区生产总值增长7.5%。", ["cn.sd.gov"]),
    # a governor speaks for the province, the title written before it in Thai, even in a first line
    ("th", "เมื่อวันที่ 11 ม.ค. 2566 นายหวงเฉียง ผู้ว่าการมณฑลเสฉวนได้แถลงแผนการพัฒนาเศรษฐกิจของมณฑลเสฉวนในปี 2566\n\n"
           "1 ผลักดันการพัฒนา", ["cn.sc.gov"]),
    # ... and a local government's where the opening names one
    ("zh", "政府工作报告\n2026年2月3日在四川省第十四届人民代表大会第五次会议上\n\n四川省人民政府省长 施小琳\n各位代表：\n"
           "现在，我代表省人民政府，向大会报告工作。", ["cn.sc.gov"]),
    # the congress a report is delivered at or submitted to is not its issuer
    ("zh", "国务院总理李强5日上午在十四届全国人大四次会议上作政府工作报告。", ["cn.gov.state_council"]),
    ("th", "รายงานผลการดำเนินงานของรัฐบาลจีนที่ยื่นต่อที่ประชุมสภาผู้แทนประชาชนแห่งชาติจีน ได้ระบุเป้าหมาย",
     ["cn.gov.state_council"]),
    ("en", "The plan was issued according to the State Council.", ["cn.gov.state_council"]),
    # a field that names the issuing bodies, wherever it stands (gov.cn's header table: 发文机关)
    ("zh", "国家数据基础设施建设指引\n\n索引号：000\n发文机关：国家发展改革委、国家数据局、工业和信息化部\n成文日期：2024年12月",
     ["cn.gov.ndrc", "cn.gov.nda", "cn.gov.miit"]),
    ("en", "Basic security requirements\n\nIssued by: State Administration for Market Regulation (SAMR)", ["cn.gov.samr"]),
    # a place named as where something happened, or as a dateline's city, stands for no government
    ("en", "Aging report\n\nYang Xiaoqi, a researcher at a center in Beijing, said the share will reach 30 percent.", []),
    ("zh", "“十四五”公共服务规划亮相\n2022-01-11 09:32:50 来源：新华网\n\n新华社北京1月10日电 10日发布的《“十四五”公共服务规划》明确，到2025年，制度更加完善。", []),
    ("th", "จีนเปิดฉากการประชุม\n\nจีนเปิดฉากการประชุมประจำปี ณ กรุงปักกิ่ง ซึ่งได้กำหนดเป้าหมายทางเศรษฐกิจ", []),
    # a congress that convenes a session issues nothing by convening it
    ("zh", "两会\n\n第十三届全国人大今日召开第四次会议，国务院总理李克强在政府工作报告中指出，今年GDP增长6%以上。",
     ["cn.gov.state_council"]),
    # a page's list of links at its foot is no signature
    ("zh", "国务院关于印发规划的通知\n\n国务院印发规划。\n\n链接：\n\n 全国人大\n\n |\n\n 全国政协\n\n |\n\n 最高人民法院\n",
     ["cn.gov.state_council"]),
    # ... while a place that issues still does
    ("en", "Chinese cities\n\nHAIKOU, April 13 -- Hainan issued a plan in Haikou to build 1,000 charging stations.", ["cn.hi.gov"]),
    # a place after "by", "from", "จาก" is where something comes from or goes, not who issued it
    ("en", "New railway\n\nThe line, co-invested by the Railway Ministry and Gansu and Sichuan provinces, will halve "
           "travel time from Wuhan to Chongqing to 3 hours.", []),
    ("th", "รถไฟจีน-ลาว\n\nข้อมูลจากสำนักงานศุลกากรนครคุนหมิง มณฑลยูนนาน ระบุว่า ทางรถไฟรองรับสินค้า 10 ล้านตัน", []),
    # a place inside another body's or a facility's name is no government
    ("zh", "新闻\n\n习近平参加江苏代表团审议时提出明确要求。", []),
    # 关于 names the issuer of an official title right before it only: the governments that submitted
    # a request ("…人民政府联合报来《关于报送…》") and the province's own commission it went to did not issue
    ("zh", "国家发展改革委关于新建黔江至张家界至常德铁路可行性研究报告的批复\n\n中国铁路总公司，重庆市、湖北、湖南省发展改革委：\n"
           "原铁道部和重庆市、湖北省、湖南省人民政府联合报来《关于报送新建铁路可行性研究报告的函》收悉。", ["cn.gov.ndrc"]),
    ("th", "ไหหลำสร้างระบบขนส่ง\n\nท่าอากาศยานนานาชาติไห่โข่ว เหม่ยหลาน ประกาศเปิดเส้นทางบินใหม่ 20 เส้นทาง", []),
    # ... and a larger place after a smaller one only locates it, in Thai and English
    ("th", "กว่างโจว\n\nนายซุน รักษาการนายกเทศมนตรีนครกว่างโจว มณฑลกว่างตง เปิดเผยว่า GDP ขยายตัวร้อยละ 5", ["cn.gd.guangzhou.gov"]),
])
def test_places_heads_and_titles_as_issuers(lang, text, ids):
    from pipeline.analyze import analyze_text

    assert [e.canonical_id for e in analyze_text(text, lang=lang).issuers] == ids


@pytest.mark.parametrize("text,name", [("江苏省发改委主任介绍，规划提出目标。", "江苏省发改委"),
                                       ("计划由省发改委等有关部门下达。", "省发改委")])
def test_a_province_s_own_department_is_not_the_national_one(text, name):
    from pipeline.analyze import analyze_text

    entities = analyze_text(text, lang="zh").entities
    assert [(e.text, e.canonical_id) for e in entities if "发改委" in e.text] == [(name, None)]
    national = analyze_text("国家发改委日前印发方案。中国交通运输部发布通知。", lang="zh").entities
    assert [e.canonical_id for e in national if e.type == "ORG"] == ["cn.gov.ndrc", "cn.gov.mot"]


def test_a_repeated_lead_does_not_use_up_the_opening():
    """A headline and a lead sentence repeated under a byline and a dateline: the body named in
    the fourth paragraph is still read."""
    from pipeline.analyze import analyze_text

    text = ("Site.com\n\nChina unveils 5-year plan for civil aviation\n\nBy A Reporter Published January 07, 2022 | 08:31 PM\n\n"
            "China unveils 5-year plan for civil aviation\n\n"
            "Chinese authorities have issued a plan on civil aviation during the 14th Five-Year Plan period.\n\n"
            "BEIJING, Jan 7 -- Chinese authorities have issued a plan on civil aviation during the 14th Five-Year Plan period.\n\n"
            "By the end of 2025, China will have over 270 airports, according to the plan released by the Civil Aviation "
            "Administration of China (CAAC).\n")
    assert [e.canonical_id for e in analyze_text(text, lang="en").issuers] == ["cn.gov.caac"]


def test_a_tagged_name_outside_the_gazetteer_issues_only_if_named_like_a_body():
    from pipeline.config import lang_data
    from pipeline.extract.issuers import IssuerReader
    from pipeline.schema import Entity

    reader = IssuerReader(lang_data("th"))
    tagged = lambda name: Entity(text=name, span=(0, len(name)), type="ORG", source="ner")
    assert reader._named_like_a_body(tagged("กระทรวงวัฒนธรรม"))
    assert not reader._named_like_a_body(tagged("โครงข่ายรถไฟความเร็วสูง"))     # "the high-speed rail network"
    assert reader._named_like_a_body(Entity(text="โครงข่าย", span=(0, 8), type="ORG", source="gazetteer",
                                            canonical_id="cn.gov.ndrc"))
