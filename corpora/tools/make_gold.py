"""Writes the gold files of the project's own texts (corpora/gold/*.gold.json).

The values are written by hand from what each text says; rerun after editing a text or its gold.
The Thai seed's gold is the shared reference reading, copied as is (plus `entity_ids`).
"""
import json
Q = lambda quote, value, unit, cmp, year, per=None, baseline=None, growth=False, canonical=None: dict(
    quote=quote, value=value, unit=unit, per=per, comparator=cmp, year=year, baseline=baseline, growth=growth,
    **({"canonical": canonical} if canonical else {}))
G = lambda quote, year, canonical=None: dict(quote=quote, year=year, **({"canonical": canonical} if canonical else {}))
P10K = {"value": 10000, "unit": "people"}
ISSUERS_WSC = ["cn.gov.most", "cn.gov.ndrc", "cn.gov.moe", "cn.gov.miit", "cn.gov.mof", "cn.gov.mohrss", "cn.gov.pboc",
               "cn.gov.sasac", "cn.gov.gacc", "cn.gov.cnipa", "cn.cas", "cn.cae", "cn.cq.gov", "cn.sc.gov"]
WSC_PLACES = ["cn", "cn.cq", "cn.sc", "cn.sc.chengdu", "cn.region.chengdu_chongqing", "cn.region.bth", "cn.region.gba",
              "cn.region.yrd", "cn.ucas", "cn.wsc", "cn.wsc.chengdu", "cn.wsc.chongqing", "cn.wsc.liangjiang", "cn.wsc.mianyang",
              "fac.auto_software_cloud", "fac.cc_comprehensive_science_center", "fac.cc_innovation_corridor",
              "fac.computing_hub_cc", "fac.deep_space_radar", "fac.em_fusion", "fac.future_industries_zone",
              "fac.health_big_data", "fac.space_solar", "fac.ultra_transient", "fac.vector_light_field",
              "prog.blockchain_pilot", "prog.bri", "prog.cc_economic_circle_plan", "prog.western_development", "prog.yreb"]

def write(name, gold):
    with open(f"corpora/gold/{name}.gold.json", "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")

# --- zh rendering of the Opinions -----------------------------------------------------------
zh_issuer_text = ["科技部", "国家发展改革委", "教育部", "工业和信息化部", "财政部", "人力资源社会保障部", "人民银行", "国资委",
                  "海关总署", "知识产权局", "中科院", "工程院", "重庆市人民政府", "四川省人民政府"]
zh_chapters = ["总体要求", "打造战略科技力量，合作共建国家级创新平台", "聚焦关键核心技术，增强战略性产业竞争优势",
               "深化科技体制机制改革，持续优化创新生态", "强化区域交流合作，建设西部内陆开放新高地", "加强组织实施保障"]
zh_measures = [(3, "构建高水平实验室体系", 2), (4, "集中布局重大科技基础设施集群", 2), (5, "联合共建重大创新平台", 2),
               (6, "合作建设一流高校科研院所和新型研发机构", 2), (7, "加大科技联合攻关协同力度", 3),
               (8, "协同开展关键核心技术攻关", 3), (9, "协力塑造产业竞争新优势", 3), (10, "集聚培养高端人才和创新团队", 4),
               (11, "推动科技与金融深度融合", 4), (12, "推进创新政策先行先试", 4), (13, "深化创新中心协同合作", 5),
               (14, "加强国际科技交流合作", 5), (15, "强化组织保障", 6), (16, "加大支持力度", 6), (17, "加强监测评估", 6)]
write("western-science-city.zh", {
    "doc": "western-science-city.zh", "lang": "zh", "source": "project rendering of the Opinions in Chinese (not the official text)",
    "title": "关于进一步支持西部科学城加快建设的意见",
    "dates": [{"text": "2023年3月31日", "iso": "2023-03-31", "role": "dated"},
              {"text": "2023年4月12日", "iso": "2023-04-12", "role": "published"}],
    "issuers": [{"text": t, "id": i} for t, i in zip(zh_issuer_text, ISSUERS_WSC)],
    "entity_ids": sorted(set(ISSUERS_WSC + WSC_PLACES + ["fac.micro_nano_imaging", "fac.rail_test_platform"])),
    "targets_quantitative": [
        Q("全社会研发经费投入占地区生产总值比重超过5%", 5, "percent", ">", 2025, canonical="T1"),
        Q("万人高价值发明专利达到80件以上", 80, "count", ">=", 2025, per=P10K, canonical="T2"),
        Q("国家高新技术企业7000家以上", 7000, "count", ">=", 2025, canonical="T3"),
        Q("高技术产业营收年均增速8%", 8, "percent", "=", 2025, growth=True, canonical="T4"),
        Q("技术合同成交额年均增速5%以上", 5, "percent", ">=", 2025, growth=True, canonical="T5")],
    "targets_qualitative": [
        G("建成若干国际领先的重大创新平台和研究基地", 2025, "G2025.1"), G("集聚一批具有国际影响力的高校、科研机构、创新型企业", 2025, "G2025.2"),
        G("在物质科学、核科学等基础学科领域实现原创引领", 2025, "G2025.3"), G("壮大战略性新兴产业集群", 2025, "G2025.4"),
        G("“科教产城人”融合发展体系基本建立", 2025, "G2025.5"), G("建成综合性科学中心", 2035, "G2035.1"),
        G("科技综合实力迈入全国前列", 2035, "G2035.2"), G("集聚世界顶尖科学家群体", 2035, "G2035.3"),
        G("重点领域实现全球领先原创成果突破", 2035, "G2035.4"), G("主导产业迈入全球价值链高端", 2035, "G2035.5"),
        G("营造全球一流创新生态", 2035, "G2035.6"), G("引领成渝地区建成具有全国影响力的科技创新中心", 2035, "G2035.7")],
    "chapters": [{"title": t} for t in zh_chapters],
    "measures": [{"number": n, "title": t, "chapter": c, "canonical": f"M{i + 1}"} for i, (n, t, c) in enumerate(zh_measures)],
    "not_targets": ["31号", "2023"],
})

# --- en rendering of the Opinions -----------------------------------------------------------
en_issuer_text = ["Ministry of Science and Technology", "National Development and Reform Commission", "Ministry of Education",
                  "Ministry of Industry and Information Technology", "Ministry of Finance", "Ministry of Human Resources and Social Security",
                  "People's Bank of China", "State-owned Assets Supervision and Administration Commission", "General Administration of Customs",
                  "China National Intellectual Property Administration", "Chinese Academy of Sciences", "Chinese Academy of Engineering",
                  "Chongqing Municipal People's Government", "Sichuan Provincial People's Government"]
en_chapters = ["Overall Requirements", "Building Strategic Science and Technology Strength and Jointly Building National Innovation Platforms",
               "Focusing on Key Core Technologies and Strengthening the Competitive Edge of Strategic Industries",
               "Deepening Reform of the Science and Technology System and Continuously Improving the Innovation Ecosystem",
               "Strengthening Regional Exchange and Cooperation and Building a New Highland of Opening-up in Western China",
               "Ensuring Organisation and Implementation"]
en_measures = [("Build a high-level laboratory system", 2), ("Concentrate major science and technology infrastructure in clusters", 2),
               ("Jointly build major innovation platforms", 2), ("Build first-class universities, research institutes and new R&D institutions together", 2),
               ("Strengthen coordination in joint research", 3), ("Jointly tackle key core technologies", 3),
               ("Shape new competitive advantages in industry together", 3), ("Gather and train high-end talent and innovation teams", 4),
               ("Promote the deep integration of science, technology and finance", 4), ("Pilot innovation policies first", 4),
               ("Deepen cooperation between innovation centres", 5), ("Strengthen international science and technology exchange and cooperation", 5),
               ("Strengthen organisational support", 6), ("Increase support", 6), ("Strengthen monitoring and evaluation", 6)]
write("western-science-city.en", {
    "doc": "western-science-city.en", "lang": "en", "source": "project rendering of the Opinions in English (not an official translation)",
    "title": "Opinions on Further Supporting the Accelerated Construction of the Western Science City",
    "dates": [{"text": "31 March 2023", "iso": "2023-03-31", "role": "dated"},
              {"text": "12 April 2023", "iso": "2023-04-12", "role": "published"}],
    "issuers": [{"text": t, "id": i} for t, i in zip(en_issuer_text, ISSUERS_WSC)],
    "entity_ids": sorted(set(ISSUERS_WSC + WSC_PLACES + ["fac.micro_nano_imaging", "fac.rail_test_platform"])),
    "targets_quantitative": [
        Q("R&D expenditure of the whole society exceeds 5% of regional GDP", 5, "percent", ">", 2025, canonical="T1"),
        Q("high-value invention patents reach 80 or more per 10,000 people", 80, "count", ">=", 2025, per=P10K, canonical="T2"),
        Q("national high-tech enterprises number 7,000 or more", 7000, "count", ">=", 2025, canonical="T3"),
        Q("high-tech industry revenue grows at an average annual rate of 8%", 8, "percent", "=", 2025, growth=True, canonical="T4"),
        Q("technology contract turnover grows at an average annual rate of 5% or more", 5, "percent", ">=", 2025, growth=True, canonical="T5")],
    "targets_qualitative": [
        G("several internationally leading major innovation platforms and research bases are built", 2025, "G2025.1"),
        G("a group of universities, research institutes and innovative enterprises with international influence is gathered", 2025, "G2025.2"),
        G("original, leading research is achieved in basic disciplines such as material science and nuclear science", 2025, "G2025.3"),
        G("strategic emerging industry clusters grow stronger", 2025, "G2025.4"),
        G('an integrated development system of "science, education, industry, city and people" is basically established', 2025, "G2025.5"),
        G("a comprehensive science centre is built", 2035, "G2035.1"),
        G("overall science and technology strength ranks among the best in the country", 2035, "G2035.2"),
        G("a group of the world's top scientists is gathered", 2035, "G2035.3"),
        G("breakthroughs are made in globally leading original results in key fields", 2035, "G2035.4"),
        G("the leading industries reach the high end of the global value chain", 2035, "G2035.5"),
        G("a world-class innovation ecosystem is created", 2035, "G2035.6"),
        G("the Chengdu-Chongqing region is led in building a science and technology innovation centre with national influence", 2035, "G2035.7")],
    "chapters": [{"title": t} for t in en_chapters],
    "measures": [{"number": i + 1, "title": t, "chapter": c, "canonical": f"M{i + 1}"} for i, (t, c) in enumerate(en_measures)],
    "not_targets": ["31 March 2023", "12 April 2023"],
})

# --- Shenzhen NEV plan (fictional, zh) -----------------------------------------------------------
write("shenzhen-nev-plan.zh", {
    "doc": "shenzhen-nev-plan.zh", "lang": "zh", "source": "fictional example written by the project",
    "title": "深圳市新能源汽车与智能交通发展行动方案（2024—2027年）",
    "dates": [{"text": "二〇二四年一月十五日", "iso": "2024-01-15", "role": "dated"},
              {"text": "2024年3月1日", "iso": "2024-03-01", "role": "effective"}],
    "issuers": [{"text": "广东省人民政府", "id": "cn.gd.gov"}, {"text": "生态环境部", "id": "cn.gov.mee"},
                {"text": "交通运输部", "id": "cn.gov.mot"}],
    "entity_ids": ["cn.gd.gov", "cn.gd.shenzhen", "cn.gov.mee", "cn.gov.mot"],
    "targets_quantitative": [
        Q("全市新能源汽车年产量超过300万辆", 3000000, "count", ">", 2027),
        Q("新建公共充电桩不少于1.5万个", 15000, "count", ">=", 2027),
        Q("新能源公交车占比达到100%", 100, "percent", "=", 2027),
        Q("每万人拥有公共充电桩不低于25个", 25, "count", ">=", 2027, per=P10K),
        Q("新能源汽车产业营业收入力争突破1.2万亿元", 1.2e12, "CNY", ">", 2027),
        Q("研发投入强度由2023年的3.2%提高到4.5%以上", 4.5, "percent", ">=", 2027, baseline={"value": 3.2, "year": 2023}),
        Q("培育专精特新零部件企业七百家以上", 700, "count", ">=", 2027),
        Q("单位产值能耗年均下降百分之五", 5, "percent", "=", 2027, growth=True),
        Q("智能网联汽车测试道路里程达到两千公里", 2000, "km", "=", 2027),
        Q("产业从业人员约8万人", 80000, "count", "~", 2027),
        Q("建成超级充电站500座", 500, "count", "=", 2025)],
    "targets_qualitative": [G("基本建成全国领先的新能源汽车产业集群", 2027)],
    "chapters": [{"title": t} for t in ["发展基础", "主要目标", "重点任务", "保障措施"]],
    "measures": [{"number": 1, "title": "完善充电基础设施网络", "chapter": 3}, {"number": 2, "title": "提升产业创新能力", "chapter": 3},
                 {"number": 3, "title": "推进智能网联汽车应用", "chapter": 3}, {"number": 1, "title": "加强组织领导", "chapter": 4},
                 {"number": 2, "title": "加大资金支持", "chapter": 4}],
    "not_targets": ["180万辆", "31万个", "百分之五十二", "换电站120座", "518000", "0755-88881234", "12345678"],
    "boilerplate_from": "主办单位",
})

# --- GBA clean transport plan (fictional, en) ---------------------------------------------------
write("gba-clean-transport.en", {
    "doc": "gba-clean-transport.en", "lang": "en", "source": "fictional example written by the project",
    "title": "Greater Bay Area Clean Transport Action Plan (2024-2030)",
    "dates": [{"text": "20 January 2024", "iso": "2024-01-20", "role": "dated"},
              {"text": "March 1, 2024", "iso": "2024-03-01", "role": "effective"}],
    "issuers": [{"text": "Guangdong Provincial People's Government", "id": "cn.gd.gov"}, {"text": "Ministry of Transport", "id": "cn.gov.mot"}],
    "entity_ids": ["cn.gd.gov", "cn.gd.guangzhou", "cn.gd.shenzhen", "cn.gov.mot", "cn.region.gba"],
    "targets_quantitative": [
        Q("clean energy vehicles make up more than 15 percent of the vehicle fleet", 15, "percent", ">", 2030),
        Q("urban rail carries 800 million passenger trips a year", 800000000, "count", "=", 2030),
        Q("the regional economy reaches 14 trillion yuan", 14e12, "CNY", "=", 2030),
        Q("at least 20,000 public charging points are in service", 20000, "count", ">=", 2030),
        Q("the share of freight moved by rail rises from 7.8% in 2020 to 10%", 10, "percent", "=", 2030, baseline={"value": 7.8, "year": 2020}),
        Q("commuting between the core cities takes no more than 1 hour", 1, "hour", "<=", 2030),
        Q("transport carbon emissions per capita fall below 1.5 tonnes", 1.5, "tonnes", "<", 2030, per={"value": 1, "unit": "people"}),
        Q("over 300 hydrogen refuelling stations operate", 300, "count", ">", 2030),
        Q("clean-vehicle output sees average annual growth of 12%", 12, "percent", "=", 2030, growth=True),
        Q("around 5,000 kilometres of cycle lanes are built", 5000, "km", "~", 2030),
        Q("build 120 smart logistics hubs", 120, "count", "=", 2027)],
    "targets_qualitative": [G("the Greater Bay Area becomes a world-class clean transport hub", 2030)],
    "chapters": [{"title": t} for t in ["Background", "Main targets", "Key tasks", "Safeguards"]],
    "measures": [{"number": 1, "title": "Build a dense charging network", "chapter": 3}, {"number": 2, "title": "Promote clean vehicles in public fleets", "chapter": 3},
                 {"number": 3, "title": "Expand rail freight", "chapter": 3}, {"number": 1, "title": "Strengthen coordination", "chapter": 4},
                 {"number": 2, "title": "Secure funding", "chapter": 4}],
    "not_targets": ["1.2 trillion yuan", "6.1%", "+86 20 8888 1234", "510000", "2024"],
    "boilerplate_from": "Contact us",
})

# --- Sichuan hydrogen brief (fictional, th) — HELD OUT: this gold was written before the pipeline
# first ran on the text; its first-run figures are recorded in docs/EVAL.md.
write("sichuan-hydrogen-brief.th", {
    "doc": "sichuan-hydrogen-brief.th", "lang": "th", "source": "fictional example written by the project (held out)",
    "title": "แผนปฏิบัติการส่งเสริมอุตสาหกรรมพลังงานไฮโดรเจนของมณฑลเสฉวน",
    "dates": [{"text": "8 ก.พ. 2567", "iso": "2024-02-08", "role": "published"}],
    "issuers": [{"text": "รัฐบาลมณฑลเสฉวน", "id": "cn.sc.gov"}, {"text": "คณะกรรมการพัฒนาและปฏิรูปแห่งชาติ", "id": "cn.gov.ndrc"}],
    "entity_ids": ["cn", "cn.gov.ndrc", "cn.region.chengdu_chongqing", "cn.sc", "cn.sc.chengdu", "cn.sc.gov"],
    "targets_quantitative": [
        Q("มีสถานีเติมไฮโดรเจนไม่น้อยกว่า 100 แห่ง", 100, "count", ">=", 2027),
        Q("มีรถยนต์เซลล์เชื้อเพลิงมากกว่าเจ็ดพันคัน", 7000, "count", ">", 2027),
        Q("มูลค่าอุตสาหกรรมไฮโดรเจนแตะ 1,000 ล้านหยวน", 1e9, "CNY", "=", 2027),
        Q("สัดส่วนไฮโดรเจนสีเขียวเกินร้อยละ 30", 30, "percent", ">", 2027),
        Q("อัตราการเติบโตเฉลี่ยต่อปีของรายได้อุตสาหกรรมร้อยละ 20", 20, "percent", "=", 2027, growth=True),
        Q("มีผู้เชี่ยวชาญด้านไฮโดรเจนอย่างน้อย 5,000 คน", 5000, "count", ">=", 2030)],
    "targets_qualitative": [G("พัฒนาห่วงโซ่อุตสาหกรรมไฮโดรเจนที่ครบวงจร", 2027),
                            G("เสฉวนจะเป็นศูนย์กลางอุตสาหกรรมไฮโดรเจนชั้นนำของจีนตะวันตก", 2030)],
    "chapters": [{"title": "มาตรการสำคัญ"}],
    "measures": [{"number": 1, "title": "สร้างโครงสร้างพื้นฐานการเติมไฮโดรเจน", "chapter": 1},
                 {"number": 2, "title": "สนับสนุนการวิจัยและพัฒนา", "chapter": 1},
                 {"number": 3, "title": "ขยายการใช้งานในภาคขนส่ง", "chapter": 1}],
    "not_targets": ["40 แห่ง", "3,000 คัน", "0-2123-4567", "10400"],
    "boilerplate_from": "อัพเดทล่าสุด",
})
