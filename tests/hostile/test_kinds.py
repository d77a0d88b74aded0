"""Hostile inputs generated at test time, one case each: encodings, control characters, giant
and deeply nested inputs, path oddities. Each has its expected outcome — a record with the
expected target, or one line on stderr with exit code 2 — and never a traceback or a hang."""

from pathlib import Path

import pytest

from test_cli import run

pytestmark = pytest.mark.slow   # each case runs the CLI in a fresh process

PLAN_ZH = "国务院印发方案。到2025年，全国充电桩数量达到500万个以上。"
PLAN_TH = "คณะรัฐมนตรีจีนประกาศแผน ภายในปี 2568 จะมีสถานีชาร์จไม่น้อยกว่า 5,000 แห่ง"
PLAN_EN = "By 2025, China will have 5 million charging stations, the State Council said."

READABLE = [
    # (name, bytes, lang, expected value of the first target)
    ("gb18030.txt", PLAN_ZH.encode("gb18030"), "zh", 5_000_000),
    ("big5.txt", "國務院印發方案。到2025年，全國充電樁數量達到500萬個以上。".encode("big5"), "zh", 5_000_000),
    ("tis620.txt", PLAN_TH.encode("tis_620"), "th", 5000),
    ("cp874.txt", PLAN_TH.encode("cp874"), "th", 5000),
    ("utf8-bom.txt", b"\xef\xbb\xbf" + PLAN_EN.encode(), "en", 5_000_000),
    ("utf16-bom.txt", PLAN_EN.encode("utf-16"), "en", 5_000_000),
    ("utf16le-nobom.txt", PLAN_EN.encode("utf-16-le"), "en", 5_000_000),
    ("crlf.txt", (PLAN_EN + "\r\n\r\n" + PLAN_EN).encode(), "en", 5_000_000),
    ("old-mac-cr.txt", (PLAN_EN + "\r\r" + PLAN_EN).encode(), "en", 5_000_000),
    ("zero-width.txt", "\u200b".join(PLAN_EN).encode(), "en", 5_000_000),
    ("bidi.txt", ("\u202e" + PLAN_EN + "\u202c").encode(), "en", 5_000_000),
    ("ansi.txt", ("\x1b[1m" + PLAN_EN + "\x1b[0m").encode(), "en", 5_000_000),
    ("fullwidth.txt", "国务院印发方案。到２０２５年，全国充电桩数量达到５００万个以上。".encode(), "zh", 5_000_000),
    ("one-giant-line.txt", (PLAN_EN + " " + "The plan covers many sectors and regions. " * 8000).encode(), "en", 5_000_000),
    ("nested.html", ("<html><body>" + "<div>" * 3000 + f"<p>{PLAN_EN}</p>" + "</div>" * 3000 + "</body></html>").encode(),
     "en", 5_000_000),
    ("entities.html", f"<html><body><article><p>{PLAN_EN.replace('5 million', '5&nbsp;million')}</p></article></body></html>".encode(),
     "en", 5_000_000),
    ("script.html", f"<html><body><script>alert('x')</script><article><p>{PLAN_EN}</p></article></body></html>".encode(),
     "en", 5_000_000),
    ("markdown.md", f"# Plan\n\n- {PLAN_EN}\n".encode(), "en", 5_000_000),
    ("unicode name 计划 แผน.txt", PLAN_ZH.encode(), "zh", 5_000_000),
    ("-leading-dash.txt", PLAN_ZH.encode(), "zh", 5_000_000),
    ("spaces  and #hash.txt", PLAN_ZH.encode(), "zh", 5_000_000),
    ("x" * 240 + ".txt", PLAN_ZH.encode(), "zh", 5_000_000),
]

REFUSED = [
    # (name, bytes, words the one-line reason must hold)
    ("empty.txt", b"", "empty"),
    ("spaces.txt", b" \n\t \n", "empty"),
    ("invisible.txt", "\u200b\u2060\ufeff\u3000".encode(), "no text"),
    ("nul-bytes.txt", b"\x00" * 64 + PLAN_EN.encode(), "binary"),
    ("random.txt", bytes((i * 7919 + 13) % 256 for i in range(8192)), "binary"),
    ("png-renamed.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    ("truncated.pdf", b"%PDF-1.7\n1 0 obj <<", "PDF"),
    ("not-a-pdf.pdf", PLAN_EN.encode(), "PDF"),
    ("empty.html", b"<html><body></body></html>", "no main text"),
    ("only-script.html", b"<html><body><script>var x = 1;</script></body></html>", "no main text"),
    ("word.docx", b"PK\x03\x04" + bytes(100), "unsupported file type"),
    ("korean.txt", "정부는 2025년까지 충전소 500만 개를 설치할 계획이라고 발표했다. 이는 전기차 보급을 위한 것이다.".encode(),
     "Korean"),
]


@pytest.mark.parametrize("name,data,lang,value", READABLE, ids=[c[0][:40] for c in READABLE])
def test_an_unusual_but_readable_input_gives_its_record(tmp_path: Path, name, data, lang, value):
    import json

    path = tmp_path / name
    path.write_bytes(data)
    result = run("analyze", "--", str(path)) if name.startswith("-") else run("analyze", str(path), "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    targets = [t for t in json.loads(result.stdout)["targets"] if t["kind"] == "quantitative"]
    assert targets and targets[0]["value"] == value


@pytest.mark.parametrize("name,data,reason", REFUSED, ids=[c[0] for c in REFUSED])
def test_an_input_that_cannot_be_read_gives_one_line_and_exit_code_2(tmp_path: Path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("analyze", str(path))
    assert result.returncode == 2, result.stdout[:300]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and "Traceback" not in result.stderr
    assert result.stdout == ""
