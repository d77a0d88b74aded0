from pathlib import Path

import pytest

from pipeline.errors import IngestError, UnsupportedFormat
from pipeline.ingest import read_document

from conftest import FIXTURES

THAI = "มีองค์กรเทคโนโลยีขั้นสูงระดับชาติมากกว่า 7,000 แห่ง"
CHINESE = "国家高新技术企业7000家以上，研发投入强度超过5%。"


@pytest.mark.parametrize("encoding,text", [
    ("utf-8", THAI), ("utf-8-sig", THAI), ("cp874", THAI), ("tis-620", THAI),
    ("gb18030", CHINESE), ("gbk", CHINESE), ("big5", "國家高新技術企業7000家以上，研發投入強度超過5%。"),
    ("utf-16", CHINESE),
])
def test_text_in_legacy_encodings_decodes(tmp_path: Path, encoding: str, text: str):
    path = tmp_path / "doc.txt"
    # Short texts are hard to sniff; real releases are paragraphs long.
    path.write_bytes(("\n".join([text] * 20)).encode(encoding))
    assert read_document(path).text.splitlines()[0].lstrip("\ufeff") == text


def test_html_keeps_main_text_and_drops_navigation_and_footer(tmp_path: Path):
    body = "".join(f"<p>{CHINESE}第{i}段。</p>" for i in range(8))
    html = f"""<html><head><title>示例</title></head><body>
    <nav><a href="/">首页</a> <a href="/news">新闻中心</a></nav>
    <div class="share">分享到微信 微博</div>
    <article><h1>关于支持西部科学城的意见</h1>{body}</article>
    <footer>版权所有 © 2024 示例网站 电话：010-12345678</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert "国家高新技术企业7000家以上" in doc.text
    for boilerplate in ("新闻中心", "分享到微信", "版权所有", "010-12345678"):
        assert boilerplate not in doc.text


def test_shaped_thai_pdf_round_trips_exactly():
    doc = read_document(FIXTURES / "thai-zh-en-shaped.pdf")
    expected = (FIXTURES / "thai-zh-en-shaped.expected.txt").read_text(encoding="utf-8")
    assert doc.text == expected
    assert [p.page for p in doc.pages] == [1]
    assert doc.pages[0].span == (0, len(doc.text))


def _pdf_without_text(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scanned page: drawing, no text layer
    pdf.output(str(path))


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  ", "empty file"),
    ("noise.txt", bytes(range(256)) * 40, "binary data"),
    ("noise.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 10, "not a readable PDF"),
    ("data.docx", b"PK\x03\x04 not supported", "unsupported file type"),
])
def test_bad_input_is_refused_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    message = str(caught.value)
    assert reason in message and str(path) in message and "\n" not in message


def test_pdf_without_text_layer_is_refused(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    _pdf_without_text(path)
    with pytest.raises(IngestError, match="no text layer"):
        read_document(path)


def test_missing_file_and_unknown_extension(tmp_path: Path):
    with pytest.raises(IngestError, match="no such file"):
        read_document(tmp_path / "absent.txt")
    with pytest.raises(UnsupportedFormat):
        read_document(tmp_path / "absent.xyz")
