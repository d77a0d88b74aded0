"""The command as a user runs it: a real subprocess, exit codes, stdout and stderr."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS

pytestmark = pytest.mark.slow   # each test runs the CLI in a fresh process

SEED = CORPUS / "documents" / "western-science-city.th.txt"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(CORPUS.parent)}, timeout=300)


def test_analyze_prints_the_record_as_json():
    result = run("analyze", str(SEED))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["document"]["lang"] == "th" and len(record["measures"]) == 15
    assert result.stderr == ""


def test_output_is_written_atomically(tmp_path: Path):
    out = tmp_path / "sub" / "record.json"
    result = run("analyze", str(SEED), "--format", "table", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["document"]["id"] == "western-science-city.th"
    assert "Issuers (14)" in result.stdout
    assert [p.name for p in out.parent.iterdir()] == ["record.json"]


def test_schema_is_json_schema():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert {"document", "targets", "measures", "issuers"} <= set(schema["properties"])


def test_the_comparison_schema_names_original_and_summary():
    schema = json.loads(run("schema", "comparison").stdout)
    assert {"original", "summary"} <= set(schema["properties"]) and "canonical" not in schema["properties"]
    assert {"original_ref", "original_span", "original_text"} <= set(schema["$defs"]["Match"]["properties"])
    assert {"original_ref", "original_value"} <= set(schema["$defs"]["Discrepancy"]["properties"])
    assert schema["$defs"]["SideInfo"]["properties"]["kind"]["enum"] == ["document", "canonical"]
    assert not [name for model in schema["$defs"].values() for name in model.get("properties", {})
                if name.startswith("canonical_")]


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("noise.txt", bytes(range(256)) * 64, "binary data"),
    ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type"),
    ("bad.txt", b"\x81\xff\xfe\x80" * 500 + b"\x00", "binary data"),
])
def test_bad_input_gives_one_line_and_exit_code_2(tmp_path: Path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out.json"
    result = run("analyze", str(path), "-o", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_reference_date_dates_an_undated_wire_report_and_a_bad_one_is_refused(tmp_path: Path):
    wire = tmp_path / "wire.txt"
    wire.write_text("新华社北京3月5日电 国务院总理李强5日在政府工作报告中提出，今年发展主要预期目标是：经济增长4.5%-5%。\n",
                    encoding="utf-8")
    result = run("quantities", str(wire), "--reference-date", "2026-03-05")
    assert result.returncode == 0, result.stderr
    assert [q["year"] for q in json.loads(result.stdout)["quantities"]] == [2026]
    result = run("analyze", str(wire), "--reference-date", "5 March 2026")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == ["error: --reference-date 5 March 2026: not a date; give it as YYYY-MM-DD"]


def test_missing_file(tmp_path: Path):
    result = run("analyze", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "no such file" in result.stderr and "Traceback" not in result.stderr


def test_compare_with_the_canonical_record(tmp_path: Path):
    out = tmp_path / "comparison.json"
    result = run("compare", str(SEED), "--canonical", "western-science-city", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Discrepancies (4)" in result.stdout
    comparison = json.loads(out.read_text())
    assert sorted(d["original_ref"] for d in comparison["discrepancies"]) == ["T2", "T3", "T5", "dated"]


def test_compare_needs_exactly_one_original(tmp_path: Path):
    result = run("compare", str(SEED))
    assert result.returncode == 2 and "--canonical NAME, or a second document" in result.stderr
    result = run("compare", str(SEED), "--canonical", "nope")
    assert result.returncode == 2 and "no canonical record" in result.stderr and "Traceback" not in result.stderr


def test_canonical_build_writes_an_editable_record(tmp_path: Path):
    out = tmp_path / "plan.yaml"
    doc = CORPUS / "documents" / "shenzhen-nev-plan.zh.txt"
    result = run("canonical", "build", str(doc), "--name", "shenzhen", "-o", str(out))
    assert result.returncode == 0, result.stderr
    shown = run("canonical", "show", str(out))
    assert json.loads(shown.stdout)["name"] == "shenzhen"
    compared = run("compare", str(CORPUS / "documents" / "shenzhen-nev-plan.en.txt"), "--canonical", str(out), "-f", "json")
    assert compared.returncode == 0, compared.stderr
    kinds = {(d["kind"], d["original_ref"]) for d in json.loads(compared.stdout)["discrepancies"]}
    assert ("year", "T11") in kinds


def test_compare_a_b_takes_a_as_the_original():
    a = CORPUS / "documents" / "shenzhen-nev-plan.zh.txt"
    b = CORPUS / "documents" / "shenzhen-nev-plan.th.txt"
    result = run("compare", str(a), str(b), "-f", "json")
    assert result.returncode == 0, result.stderr
    comparison = json.loads(result.stdout)
    assert (comparison["original"]["lang"], comparison["summary"]["lang"]) == ("zh", "th")
    assert {("omission", "T8"), ("comparator", "T2")} <= {(d["kind"], d["original_ref"]) for d in comparison["discrepancies"]}


def test_report_refuses_bad_input_in_one_line(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for args, reason in [((str(empty), "-o", str(tmp_path / "b.html")), "empty file"),
                         ((str(tmp_path / "missing.txt"), "-o", str(tmp_path / "b.html")), "no such file"),
                         ((str(SEED), "--ui", "fr", "-o", str(tmp_path / "b.html")), "no brief labels for 'fr'")]:
        result = run("report", *args)
        assert result.returncode == 2 and reason in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "b.html").exists()
