import pytest

from pipeline.normalize import normalize


@pytest.mark.parametrize("raw,expected", [
    ("น\u0e49\u0e4d\u0e32ท่วม", "น้ำท่วม"),          # tone + NIKHAHIT + AA -> tone + SARA AM
    ("น\u0e4d\u0e49\u0e32", "น้ำ"),                  # NIKHAHIT + tone + AA
    ("ก\u0e4d\u0e32", "กำ"),
    ("น\u0e49\u0e35", "นี้"),                          # vowel mark before tone mark
    ("ก่่", "ก่"),                                    # repeated mark
    ("ก\u200bข\u200d\ufeffค", "กขค"),               # zero-width characters
    ("\u202babc\u202c", "abc"),                      # bidi controls
    ("２０２５年", "2025年"),                          # full-width digits
    ("a\r\nb\rc", "a\nb\nc"),
    ("e\u0301", "é"),                                 # NFC
    # HTML markup left in a text file: a block tag ends a line, an inline tag goes
    ("南方电网</p><p><strong>2026年</strong>投资<br>", "南方电网\n\n2026年投资\n"),
    ('<div><font face="宋体" size="4">附件4</font></div><br/>', "\n附件4\n\n"),
    # ... but a tag or two in prose is the text's own, and so is what no HTML element's tag is
    ('The plan <img src=x onerror=alert("i")> says <a href="#">this</a>', 'The plan <img src=x onerror=alert("i")> says <a href="#">this</a>'),
    ("x < 5 and y > 3, <<书名>>, <body>", "x < 5 and y > 3, <<书名>>, <body>"),
])
def test_normalisation(raw: str, expected: str):
    assert normalize(raw).text == expected


def test_offsets_map_every_span_back_to_the_raw_text():
    raw = "\ufeffน\u0e49\u0e4d\u0e32ท่วม ２０２５ ปี\u200b ๒๕๖๖\r\nจบ"
    norm = normalize(raw)
    assert len(norm.raw_offsets) == len(norm.text) + 1
    start = norm.text.index("ท่วม")
    raw_start, raw_end = norm.to_raw(start, start + len("ท่วม"))
    assert raw[raw_start:raw_end] == "ท่วม"
    start = norm.text.index("2025")
    assert raw[slice(*norm.to_raw(start, start + 4))] == "２０２５"
    assert norm.raw_offsets == sorted(norm.raw_offsets)
