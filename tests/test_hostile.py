"""Hostile and unusual input (issue #9): each test is named after the behaviour it protects."""

import json
import sqlite3
from pathlib import Path

import pytest

from test_cli import run

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
