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
])
def test_dates_and_roles(lang, text, quoted, iso, role):
    found = DateReader(lang_data(lang)).find(text, (0, len(text)))
    assert [(d.text, d.iso, d.role) for d in found] == [(quoted, iso, role)]
    assert text[found[0].span[0]:found[0].span[1]] == quoted


def test_impossible_dates_are_not_dates():
    text = "on 31 February 2023 and 2023-13-01"
    assert DateReader(lang_data("en")).find(text, (0, len(text))) == []
