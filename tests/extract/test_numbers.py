import pytest

from pipeline.extract.numbers import number_reader


@pytest.mark.parametrize("lang,text,value,unit,quoted", [
    ("th", "มากกว่า 7,000 แห่ง", 7000, "count", "7,000 แห่ง"),
    ("th", "ร้อยละ 15", 15, "percent", "ร้อยละ 15"),
    ("th", "เจ็ดพันแห่ง", 7000, "count", "เจ็ดพันแห่ง"),
    ("th", "มากกว่า 5% ของ GDP", 5, "percent", "5%"),
    ("th", "๒๕ แห่ง", 25, "count", "๒๕ แห่ง"),
    ("th", "3 ล้านหยวน", 3_000_000, "CNY", "3 ล้านหยวน"),
    ("zh", "七千家", 7000, "count", "七千家"),
    ("zh", "1.5万个", 15000, "count", "1.5万个"),
    ("zh", "百分之五", 5, "percent", "百分之五"),
    ("zh", "14万亿元", 14e12, "CNY", "14万亿元"),
    ("zh", "两千公里", 2000, "km", "两千公里"),
    ("zh", "达到80件以上", 80, "count", "80件"),
    ("en", "15 percent", 15, "percent", "15 percent"),
    ("en", "800 million", 800e6, None, "800 million"),
    ("en", "14 trillion yuan", 14e12, "CNY", "14 trillion yuan"),
    ("en", "more than 7,000 enterprises", 7000, "count", "7,000 enterprises"),
    ("en", "eight hours", 8, "hour", "eight hours"),

    # negative growth
    ("zh", "增速为-2.5%", -2.5, "percent", "-2.5%"),
    ("zh", "同比负增长负1.2个百分点", -1.2, "percent", "负1.2个百分点"),
    ("en", "GDP grew minus 2 percent", -2, "percent", "minus 2 percent"),
    # fractions
    ("zh", "占全国三分之一", 1 / 3, None, "三分之一"),
    ("zh", "超过1/2的企业", 0.5, None, "1/2"),
    ("en", "two-thirds of firms", 2 / 3, None, "two-thirds"),
    ("en", "one and a half million tonnes", 1.5e6, "tonnes", "one and a half million tonnes"),
    # financial (大写) numerals, traditional script through the reading view
    ("zh", "壹佰伍拾万元", 1.5e6, "CNY", "壹佰伍拾万元"),
    ("zh", "两千四百五十个", 2450, "count", "两千四百五十个"),
    # magnitude suffixes and approximations
    ("zh", "10k个", 10_000, "count", "10k个"),
    ("zh", "1.5万个", 15_000, "count", "1.5万个"),
    ("zh", "十余万人", 100_000, "count", "十余万人"),
    ("zh", "100多万人", 1_000_000, "count", "100多万人"),
    ("en", "10k users", 10_000, None, "10k"),
    ("en", "two hundred and two thousand people", 202_000, "count", "two hundred and two thousand people"),
    # currency symbols and subunits
    ("en", "US$ 40 billion", 40e9, "USD", "US$ 40 billion"),
    ("zh", "五元三毛", 5.3, "CNY", "五元三毛"),
    ("en", "grow to RMB150 billion by 2020", 150e9, "CNY", "RMB150 billion"),   # a prefix right on the digits
    ("en", "reduce 2mn t/yr", 2e6, "tonnes", "2mn t/yr"),
    # ratios to one
    ("zh", "收入差距控制在2.2:1以内", 2.2, "multiple", "2.2:1"),
    ("en", "a ratio of 3 : 1", 3, "multiple", "3 : 1"),
    # digit words side by side with decimals after them (Hong Kong typesetting): 77.7, no "seven"
    ("zh", "预期寿命要提升至七七点七岁", 77.7, "years", "七七点七岁"),
])
def test_number_forms(lang, text, value, unit, quoted):
    """One amount, with its value, unit and exact span."""
    found = number_reader(lang).find(text)
    assert len(found) == 1
    q = found[0]
    assert q.value == pytest.approx(value) and q.unit == unit
    assert text[q.span[0]:q.span[1]] == quoted


@pytest.mark.parametrize("lang,text", [
    ("zh", "集聚一批高校"),            # 一 without a unit is no number
    ("zh", "“一带一路”"),
    ("zh", "到2025年"),                 # a year
    ("th", "หนึ่งแถบ หนึ่งเส้นทาง"),
    ("th", "สามเหลี่ยมปากแม่น้ำ"),
    ("th", "ภายในปี ค.ศ. 2025"),
    ("en", "by 2030 someone"),
])
def test_words_and_years_that_are_not_quantities(lang, text):
    assert number_reader(lang).find(text) == []


@pytest.mark.parametrize("lang,text", [
    ("zh", "PM2.5浓度和5G基站"),
    ("zh", "国发〔2021〕33号"),
    ("zh", "(1)加强统筹"),
    ("zh", "二〇二五年"),                # a year in digit words
    ("zh", "二○二二年"),                # ... with the white circle for zero
    ("zh", "七八点钟开会"),              # "seven or eight o'clock": a guess, no number
    ("zh", "3岁以下婴幼儿, 65岁及以上老年人"),   # an age bound names a group of people
    ("zh", "两三个, 七八家"),             # "two or three": a guess, no number
    ("zh", "上半年, 千方百计, 百年目标"),  # 半 and a lone scale word are no amount
    ("zh", "2023/8/16"),
    ("en", "5G networks and the G20"),
    ("en", "the province's 14th Five Year Plan and a three-year action plan"),   # names of plans
    ("en", "the first quarter"),
])
def test_codes_labels_and_idioms_stay_no_quantities(lang, text):
    assert number_reader(lang).find(text) == []


def test_a_pure_recogniser_reads_bare_words_years_and_its_own_words():
    reader = number_reader("zh")
    assert [q.value for q in reader.find("一千多万, 三双", bare_words=True)] == [1e7, 6]
    assert [q.value for q in reader.find("1991年", bare_words=True, years=True)] == [1991]
    assert reader.find("三双") == [] and reader.find("1991年") == []
    assert [q.value for q in number_reader("en").find("10G, one over three", bare_words=True)] == [
        1e10, pytest.approx(1 / 3)]


def test_a_range_dash_is_no_minus_sign():
    assert [q.value for q in number_reader("zh").find("增长7-10%")] == [7, 10]
    assert [q.value for q in number_reader("en").find("between 5 - 10 percent")] == [5, 10]


@pytest.mark.parametrize("lang,text,values", [
    ("en", "€3bn and 5 bln yuan", [3e9, 5e9]),              # "and" joins number words, not two amounts
    ("zh", "会议于10:30召开，投资500万元", [5e6]),           # a clock time is no amount
    ("zh", "发布时间 20:52:36 投资500万元", [5e6]),           # nor one with seconds
])
def test_amounts_stay_apart(lang, text, values):
    assert [q.value for q in number_reader(lang).find(text)] == pytest.approx(values)


def test_english_thousands_grouped_with_a_space():
    # the IEA and the UN write SI-style groups: "over 11 000 GW by 2030" is one amount
    from pipeline.analyze import analyze_text
    [amount] = [q for q in analyze_text("Governments can reach over 11 000 GW by 2030.", lang="en").quantities
                if q.unit == "GW"]
    assert amount.value == 11000


@pytest.mark.parametrize("text,value,unit", [
    ("travel time falls to 6 and a half", 6.5, "count"),         # a mixed number is no proportion
    ("cut it by one third", 33.33, "percent"),                   # a fraction alone is
    ("The 109-km line", 109, "km"),                              # a unit joined by a hyphen
    ("a 6-GW project", 6, "GW"),
    ("expand capacity sixfold", 6, "multiple"),
    ("consumption to reach 1 bn tsce", 1e9, "tce"),
    ("4.6 billion metric tons of standard coal", 4.6e9, "tce"),
])
def test_english_amounts_in_news_phrasing(text, value, unit):
    from pipeline.analyze import analyze_text

    [amount] = analyze_text(text, lang="en").quantities
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)
