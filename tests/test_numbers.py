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
])
def test_number_forms(lang, text, value, unit, quoted):
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
