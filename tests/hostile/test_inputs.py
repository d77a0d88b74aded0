"""Hostile and unusual input (issue #9): each test is named after the behaviour it protects."""

import json
import sqlite3
from pathlib import Path

import pytest

from test_cli import run

pytestmark = pytest.mark.slow   # each case runs the CLI in a fresh process

# Rich markup, a terminal hyperlink escape, an ANSI colour and a bidi override inside document text:
# in the title, in a target's own text, and in prose.
TITLE = "[/b]国务院关于[link=https://evil.example]充电设施[/link]建设的通知"
HOSTILE = ("到2025年，全国[bold]充电桩[/b]数量达到500万个以上。"
           "\x1b]8;;https://evil.example\x1b\\点击\x1b]8;;\x1b\\ \x1b[31m红色\x1b[0m \u202e反转")


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "markup.zh.txt"
    prose = "根据方案，各地要加快建设充电基础设施，提升公共服务水平，推动新能源汽车产业高质量发展。\n" * 6
    path.write_text(TITLE + "\n\n" + prose + HOSTILE + "\n" + prose, encoding="utf-8")
    return path


def _inert(stdout: str, markup_shown: bool = True) -> None:
    assert "\x1b" not in stdout            # no escape sequence from the document reaches the terminal
    assert "\u202e" not in stdout
    assert not markup_shown or "[/b]" in stdout   # markup shown as the text it is


@pytest.mark.parametrize("command,markup_shown", [(["analyze", "-f", "table"], True),
                                                  (["quantities", "-f", "table"], False)])
def test_document_text_is_never_read_as_terminal_markup(hostile_file: Path, command, markup_shown):
    result = run(*command, str(hostile_file), "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    _inert(result.stdout, markup_shown)


def test_a_comparison_table_shows_markup_in_either_document_as_text(hostile_file: Path, tmp_path: Path):
    changed = tmp_path / "changed.zh.txt"
    changed.write_text(hostile_file.read_text(encoding="utf-8").replace("500万", "400万"), encoding="utf-8")
    result = run("compare", str(hostile_file), str(changed), "-f", "table")
    assert result.returncode == 0, result.stderr
    _inert(result.stdout)


def test_terminal_escape_sequences_are_no_text_and_their_digits_no_amounts(hostile_file: Path):
    from pipeline.analyze import analyze_file

    record = analyze_file(hostile_file, lang="zh")
    assert "\x1b" not in record.document.text and "\u202e" not in record.document.text
    assert [q.value for q in record.quantities] == [5_000_000]


def test_query_shows_stored_markup_and_column_names_as_text(tmp_path: Path):
    db = tmp_path / "corpus.db"
    with sqlite3.connect(db) as con:   # any store the user points query at: a hostile value stays text
        con.execute("CREATE TABLE t (x TEXT)")
        con.execute("INSERT INTO t VALUES (?)", ("[/b][link=https://evil.example]x[/link]\x1b[31m",))
    result = run("query", str(tmp_path), "--sql", 'SELECT x AS "[/b]" FROM t')
    assert result.returncode == 0, result.stderr
    _inert(result.stdout)


@pytest.mark.parametrize("lang,text", [
    ("th", "ภายในปี 25681 ให้มีสถานีชาร์จ 5,000 แห่ง"),
    ("zh", "到20251年，充电桩达到500万个。"),
    ("en", "By 20301, the share will reach 30 percent."),
])
def test_year_digits_are_never_cut_from_a_longer_number(lang, text):
    from pipeline.analyze import analyze_text

    record = analyze_text(text, lang=lang)
    assert all(t.year is None for t in record.targets)
    assert not any(str(q.year) in text and q.year is not None for q in record.quantities)


@pytest.mark.parametrize("lang,text", [
    ("th", "เมื่อวันที่ 12 มกราคม 99999 รัฐบาลจีนประกาศแผน"),
    ("en", "The plan was issued on 2023-02-30 by the State Council."),
    ("zh", "2023年2月30日，国务院印发方案。"),
])
def test_an_impossible_date_is_never_a_date(lang, text):
    from pipeline.analyze import analyze_text

    assert analyze_text(text, lang=lang).dates == []


def test_an_amount_beyond_floating_point_is_never_read_as_a_smaller_one():
    from pipeline.analyze import analyze_text

    record = analyze_text("By 2025, China will have 1e309 companies and 10" + "0" * 400 + " stations.", lang="en")
    assert all(q.value not in (1, 10) and q.value == q.value for q in record.quantities)   # no 1, no NaN


def test_output_never_overwrites_the_input_document(tmp_path: Path):
    doc = tmp_path / "plan.zh.txt"
    doc.write_text("国务院印发方案。到2025年，全国充电桩数量达到500万个以上。", encoding="utf-8")
    before = doc.read_bytes()
    result = run("analyze", str(doc), "-o", str(doc))
    assert result.returncode == 2 and "overwrite the input" in result.stderr
    assert doc.read_bytes() == before


def test_output_files_take_the_umask_and_any_legal_name(tmp_path: Path):
    import os
    import stat

    from pipeline.io import write_atomic

    long_name = tmp_path / ("r" * 250 + ".json")      # the file system's limit is 255 bytes
    old = os.umask(0o022)
    try:
        write_atomic(long_name, "{}")
    finally:
        os.umask(old)
    assert long_name.read_text() == "{}"
    assert stat.S_IMODE(long_name.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [long_name.name]


@pytest.mark.parametrize("name,content,reason", [
    ("invisible.txt", "\u200b\u200d\u3000\u00a0 \ufeff\n".encode("utf-8"), "no text"),
    ("japanese.txt", ("政府は二〇二五年までに充電スタンドを五百万基設置する計画を発表しました。"
                      "これは新しいエネルギー車の普及を進めるためです。").encode("utf-8"), "Japanese"),
    ("vietnamese.txt", "Chính phủ Trung Quốc đặt mục tiêu tăng trưởng kinh tế khoảng 5% trong năm nay.".encode("utf-8"),
     "Vietnamese"),
])
def test_a_text_the_pipeline_cannot_read_is_refused_with_its_reason(tmp_path: Path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("analyze", str(path))
    assert result.returncode == 2, result.stdout[:200]
    assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_forced_language_that_does_not_fit_the_text_is_warned_about(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text("国务院印发方案。到2025年，全国充电桩数量达到500万个以上，新能源汽车销量占比达到20%。", encoding="utf-8")
    result = run("analyze", str(path), "--lang", "th")
    assert result.returncode == 0 and "reads as zh, not th" in result.stderr


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path: Path, codec):
    path = tmp_path / "plan.txt"
    path.write_bytes("By 2025, China will have 5 million charging stations, the State Council said.".encode(codec))
    result = run("analyze", str(path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["targets"][0]["value"] == 5_000_000


def test_a_store_that_is_not_a_database_gives_one_line_and_exit_code_2(tmp_path: Path):
    (tmp_path / "corpus.db").write_bytes(b"this is not an SQLite file" * 100)
    result = run("query", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    from pipeline.batch.runner import run_batch

    root = tmp_path_factory.mktemp("store")
    docs = root / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text("国务院印发方案。到2025年，新能源汽车销量占比达到20%。", encoding="utf-8")
    (docs / "b.en.txt").write_text("By 2025, the share of R&D spending will reach 3 percent of GDP, the State Council said.",
                                   encoding="utf-8")
    run_batch([str(docs)], root / "out")
    return root / "out"


@pytest.mark.parametrize("sql", [
    "ATTACH DATABASE '{outside}' AS x",
    "VACUUM INTO '{outside}'",
    "SELECT 1; ATTACH DATABASE '{outside}' AS x",
    "PRAGMA journal_mode = DELETE",
    "WITH x AS (SELECT 1) DELETE FROM targets",
])
def test_sql_can_neither_write_nor_create_files(small_store: Path, tmp_path: Path, sql):
    outside = tmp_path / "escaped.db"
    result = run("query", str(small_store), "--sql", sql.format(outside=outside))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not outside.exists()


def test_a_runaway_query_is_stopped_with_a_message(small_store: Path):
    from pipeline.errors import PipelineError
    from pipeline.store import Store
    from pipeline.store.query import run_sql

    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with Store(small_store, read_only=True) as store, pytest.raises(PipelineError, match="stopped after"):
        run_sql(store, endless, seconds=1)


def test_json_output_is_valid_for_blobs_and_huge_numbers(small_store: Path):
    result = run("query", str(small_store), "--sql", "SELECT x'00ff' AS b, 1e999 AS big, 'ok' AS s", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"b": "x'00ff'", "big": None, "s": "ok"}]


def test_limit_zero_returns_no_rows_and_metric_wildcards_are_literal(small_store: Path):
    zero = run("query", str(small_store), "--limit", "0", "-f", "json")
    assert zero.returncode == 0 and json.loads(zero.stdout) == []
    underscore = run("query", str(small_store), "--metric", "_", "-f", "json")
    assert json.loads(underscore.stdout) == []            # "_" is a character no target holds, not "any one"
    percent = run("query", str(small_store), "--metric", "20%", "-f", "json")
    assert [r["doc_id"] for r in json.loads(percent.stdout)] == ["a.zh"]
    rd = run("query", str(small_store), "--metric", "R&D", "-f", "json")
    assert len(json.loads(rd.stdout)) == 1


@pytest.mark.parametrize("edit,message", [
    (lambda text: text.replace("value: 7000", "value: .nan", 1), "finite"),
    (lambda text: text.replace("- id: T2", "- id: T1", 1), "used twice"),
])
def test_a_canonical_record_refuses_nan_values_and_duplicate_ids(tmp_path: Path, edit, message):
    from pipeline.canonical import find_canonical, load_canonical
    from pipeline.errors import PipelineError

    bundled = find_canonical("western-science-city").read_text(encoding="utf-8")
    broken = edit(bundled)
    assert broken != bundled
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PipelineError, match=message):
        load_canonical(str(path))


def test_deeply_nested_html_still_gives_its_text(tmp_path: Path):
    page = tmp_path / "deep.html"
    body = "<p>By 2025, China will have 5 million charging stations, the State Council said on Tuesday.</p>"
    page.write_text("<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    result = run("analyze", str(page), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["targets"][0]["value"] == 5_000_000


def test_a_text_over_a_million_characters_is_read_whole():
    """spaCy refuses a text over a million characters; the pipeline reads it in pieces, and every
    span still points into the one text."""
    from pipeline.analyze import analyze_text

    prose = "各地要加快建设充电基础设施，提升公共服务水平，推动新能源汽车产业高质量发展，完善配套政策措施。\n" * 40
    target = "第{i}号方案：到2025年，全国充电桩数量达到{i}万个以上。\n"
    text, i = "", 0
    while len(text) < 1_050_000:
        i += 1
        text += prose + target.format(i=i)
    record = analyze_text(text, lang="zh")
    assert len(record.document.text) > 1_000_000
    last = max(record.targets, key=lambda t: t.span[0])
    assert last.span[0] > 1_000_000 and record.document.text[last.span[0]:last.span[1]] == last.text


def test_a_password_protected_pdf_says_so():
    from conftest import FIXTURES

    result = run("analyze", str(FIXTURES / "password-protected.pdf"))
    assert result.returncode == 2 and "password-protected" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_output_name_the_file_system_refuses_is_one_line_and_exit_code_2(tmp_path: Path):
    doc = tmp_path / "plan.zh.txt"
    doc.write_text("国务院印发方案。到2025年，全国充电桩数量达到500万个以上。", encoding="utf-8")
    result = run("analyze", str(doc), "-o", str(tmp_path / ("n" * 300 + ".json")))
    assert result.returncode == 2 and "too long" in result.stderr.lower()
    assert "internal error" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
