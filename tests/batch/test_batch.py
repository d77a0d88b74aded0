"""Batch runs as a researcher relies on them: nothing lost, nothing twice, bad files recorded,
killable and resumable, the same records on Dask as locally, and a store that answers queries."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES

pytestmark = pytest.mark.slow   # batches over documents, a Dask cluster, killed workers

SMALL = {"zh", "en"}  # the short documents keep the 200-document test quick


def _batch(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "batch", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(CORPUS.parent)}, timeout=timeout)


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchone()[0]


def test_bad_files_are_recorded_and_the_rest_goes_on(tmp_path: Path):
    from fpdf import FPDF

    inputs = tmp_path / "in"
    inputs.mkdir()
    for doc in ("shenzhen-nev-plan.zh", "gba-clean-transport.en", "sichuan-hydrogen-brief.th"):
        (inputs / f"{doc}.txt").write_bytes((CORPUS / "documents" / f"{doc}.txt").read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "noise.txt").write_bytes(bytes(range(256)) * 30)
    (inputs / "slides.pptx").write_bytes(b"PK\x03\x04")
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50, style="F")
    pdf.output(str(inputs / "scan.pdf"))
    (inputs / "shaped.pdf").write_bytes((FIXTURES / "thai-zh-en-shaped.pdf").read_bytes())

    result = _batch(str(inputs), "--out", str(tmp_path / "out"), "--workers", "2", "--quiet")
    assert result.returncode == 1, result.stderr  # finished, and says some failed
    assert "8 inputs: 4 ok, 0 skipped, 4 failed" in result.stderr
    with sqlite3.connect(tmp_path / "out" / "corpus.db") as conn:
        manifest = dict(conn.execute("SELECT input, status FROM manifest").fetchall())
        reasons = dict(conn.execute("SELECT input, reason FROM manifest WHERE status = 'failed'").fetchall())
    assert {Path(p).name: s for p, s in manifest.items()} == {
        "shenzhen-nev-plan.zh.txt": "ok", "gba-clean-transport.en.txt": "ok", "sichuan-hydrogen-brief.th.txt": "ok",
        "shaped.pdf": "ok", "empty.txt": "failed", "noise.txt": "failed", "slides.pptx": "failed", "scan.pdf": "failed"}
    assert all("\n" not in r and Path(p).name in r for p, r in reasons.items())


def test_killed_batch_resumes_with_every_document_exactly_once(tmp_path: Path):
    from pipeline.evaluation.synthetic import make_corpus

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 200, langs=SMALL, seed=7)
    out = tmp_path / "out"
    db = out / "corpus.db"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "batch", str(corpus), "--out", str(out),
                             "--workers", "2", "--quiet"], env={**os.environ, "PYTHONPATH": str(CORPUS.parent)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                done = _count(db, "SELECT COUNT(*) FROM documents")
            except sqlite3.OperationalError:
                done = 0  # the schema is still being created
        if done >= 20:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the coordinator and its workers, mid-write or not
    proc.wait()
    stored_at_kill = _count(db, "SELECT COUNT(*) FROM documents")
    assert 20 <= stored_at_kill < 200

    result = _batch(str(corpus), "--out", str(out), "--workers", "2", "--quiet")
    assert result.returncode == 0, result.stderr
    assert _count(db, "SELECT COUNT(*) FROM documents") == 200
    assert _count(db, "SELECT COUNT(DISTINCT sha256) FROM documents") == 200
    assert _count(db, "SELECT COUNT(*) FROM manifest") == 200
    assert _count(db, "SELECT COUNT(*) FROM manifest WHERE status = 'ok'") == 200
    # no document's rows were written twice, and none is missing its extraction
    assert _count(db, "SELECT COUNT(*) FROM (SELECT doc_key, target_id FROM targets GROUP BY 1, 2 HAVING COUNT(*) > 1)") == 0
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT doc_key, COUNT(*) FROM targets GROUP BY doc_key").fetchall())
        for key, record in conn.execute("SELECT key, record FROM documents"):
            assert stored.get(key, 0) == len(json.loads(record)["targets"])

    again = _batch(str(corpus), "--out", str(out), "--quiet")
    assert again.returncode == 0 and "200 inputs: 200 ok, 0 skipped, 0 failed" in again.stderr
    assert _count(db, "SELECT COUNT(*) FROM documents") == 200


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    from pipeline.evaluation.synthetic import make_corpus

    folder = tmp_path_factory.mktemp("small")
    make_corpus(folder, 12, seed=3)
    return folder


@pytest.fixture(scope="module")
def local_store(small_corpus, tmp_path_factory):
    from pipeline.batch.runner import run_batch

    out = tmp_path_factory.mktemp("local")
    summary = run_batch([str(small_corpus)], out, workers=2, canonical="western-science-city")
    assert (summary.ok, summary.failed) == (12, 0)
    return out


def _records(out: Path) -> dict[str, dict]:
    from pipeline.store import Store

    with Store(out, read_only=True) as store:
        return {json.loads(r)["document"]["source"]: json.loads(r) for r in store.records()}


def test_dask_cluster_gives_the_same_records(small_corpus, local_store, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    from pipeline.batch.runner import run_batch

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        summary = run_batch([str(small_corpus)], tmp_path, workers=2, canonical="western-science-city",
                            engine="dask", scheduler=cluster.scheduler_address)
    assert (summary.ok, summary.failed) == (12, 0)
    assert _records(tmp_path) == _records(local_store)
    with sqlite3.connect(tmp_path / "corpus.db") as a, sqlite3.connect(local_store / "corpus.db") as b:
        query = "SELECT c.comparison FROM comparisons c JOIN documents d ON d.key = c.doc_key ORDER BY d.source"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_queries_without_sql(local_store):
    from pipeline.store import Store
    from pipeline.store.query import query_targets

    with Store(local_store, read_only=True) as store:
        columns, rows = query_targets(store, year=2025, unit="percent")
        assert rows and all(r[columns.index("year")] == 2025 and r[columns.index("unit")] == "percent" for r in rows)
        _, by_issuer = query_targets(store, issuer="cn.gov.most")
        records = [json.loads(r) for r in store.records()]
        # judged from the records themselves, not from the tables the query reads
        issued_by_most = {r["document"]["id"] for r in records
                          if any(e["canonical_id"] == "cn.gov.most" for e in r["issuers"]) and r["targets"]}
        assert issued_by_most and {r[0] for r in by_issuer} == issued_by_most
        _, thai = query_targets(store, lang="th")
        assert thai and all(r[1] == "th" for r in thai)
        _, rd = query_targets(store, metric="R&D")
        assert rd and all("R&D" in (r[11] or "") + r[12] for r in rd)


def test_sql_is_read_only(local_store):
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "query", str(local_store), "--sql", "DELETE FROM documents"],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(CORPUS.parent)})
    assert result.returncode == 2 and "refused" in result.stderr and "Traceback" not in result.stderr
    assert _count(local_store / "corpus.db", "SELECT COUNT(*) FROM documents") == 12


def test_exports(local_store, tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq

    from pipeline.store import Store
    from pipeline.store.export import export_jsonl, export_tables
    from pipeline.store.tables import SCHEMAS

    with Store(local_store, read_only=True) as store:
        assert export_jsonl(store, tmp_path / "records.jsonl") == 12
        parquet = export_tables(store, "parquet", tmp_path / "pq")
        csv_files = export_tables(store, "csv", tmp_path / "csv")
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert len(lines) == 12 and all(json.loads(line)["schema_version"] for line in lines)
    assert [p.stem for p in parquet] == [p.stem for p in csv_files] == list(SCHEMAS)

    records = {r["document"]["id"]: r for r in _records(local_store).values()}
    tables = {p.stem: pq.read_table(p) for p in parquet}
    assert tables["documents"].num_rows == 12 and tables["matches"].num_rows and tables["discrepancies"].num_rows
    for name in ("dates", "issuers", "entities", "targets", "quantities", "measures"):
        for row in tables[name].to_pylist()[:40]:       # spans index the record's own text
            text = records[row["doc_id"]]["document"]["text"]
            quoted = text[row["start"]:row["end"]]
            assert row["title"] in quoted if name == "measures" else quoted == row["text"]

    targets = pd.read_parquet(tmp_path / "pq" / "targets.parquet")
    assert str(targets["year"].dtype) == "Int32" and str(targets["baseline_year"].dtype) == "Int32"
    assert str(targets["growth"].dtype) == "boolean" and targets["value"].dtype == "float64"
    assert targets["baseline_year"].isna().any() and targets["baseline_year"].notna().any()   # gaps, still integers
    documents = pd.read_parquet(tmp_path / "pq" / "documents.parquet")
    assert str(documents["chars"].dtype) == "Int64"
    assert tables["documents"].schema.field("published").type == "date32[day]"
    assert str(pd.read_parquet(tmp_path / "pq" / "matches.parquet")["rests_on_rendering"].dtype) == "boolean"

    csv_targets = (tmp_path / "csv" / "targets.csv").read_text().splitlines()
    assert csv_targets[0].startswith('"doc_id","lang","target_id","kind","metric","metric_id","value"')
    seed = next(line for line in csv_targets if '"T3"' in line and "7,000" in line)
    assert ",7000," in seed and "7000.0" not in seed                  # a count reads as a count
    assert ',true,' in "".join(csv_targets) or ',false,' in "".join(csv_targets)


def test_exported_columns_are_documented():
    from pipeline.store.tables import SCHEMAS

    doc = (CORPUS.parent / "docs" / "EXPORTS.md").read_text(encoding="utf-8")
    for name, columns in SCHEMAS.items():
        section = doc.split(f"## {name}", 1)[1].split("\n## ", 1)[0]
        for column in columns:
            assert f"| `{column.name}` |" in section, f"{name}.{column.name} is not documented in docs/EXPORTS.md"


def test_no_inputs_is_a_usage_error(tmp_path):
    result = _batch(str(tmp_path / "empty-folder-that-does-not-exist"), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 1 and "1 failed" in result.stderr
    (tmp_path / "void").mkdir()
    result = _batch(str(tmp_path / "void"), "--out", str(tmp_path / "o2"), "--quiet")
    assert result.returncode == 2 and "no inputs" in result.stderr


def test_reference_dates_date_undated_texts_and_a_new_date_redoes_the_document(tmp_path: Path):
    from pipeline.store import Store

    inputs = tmp_path / "in"
    inputs.mkdir()
    wire = "新华社北京3月5日电 国务院总理李强5日在政府工作报告中提出，今年发展主要预期目标是：经济增长4.5%-5%。\n"
    (inputs / "wire.txt").write_text(wire, encoding="utf-8")
    (inputs / "other.txt").write_text(wire.replace("3月5日", "3月6日"), encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("path,date\n# the wire's page date, known from the feed\nin/wire.txt,2026-03-05\n", encoding="utf-8")
    out = tmp_path / "out"

    def years() -> dict[str, tuple]:
        with Store(out, read_only=True) as store:
            records = [json.loads(r) for r in store.records()]
        return {Path(r["document"]["source"]).name: (r["document"]["reference_date"], [q["year"] for q in r["quantities"]])
                for r in records}

    result = _batch(str(inputs), "--out", str(out), "--dates", str(dates), "--quiet")
    assert result.returncode == 0, result.stderr
    assert years() == {"wire.txt": ("2026-03-05", [2026]), "other.txt": (None, [None])}
    # another date is another reading: the document is redone, and the store still holds it once
    dates.write_text("in/wire.txt,2025-03-05\n", encoding="utf-8")
    assert _batch(str(inputs), "--out", str(out), "--dates", str(dates), "--quiet").returncode == 0
    assert years()["wire.txt"] == ("2025-03-05", [2025]) and len(years()) == 2
    # a malformed line is refused before any document is read: one line, exit 2
    dates.write_text("in/wire.txt,5 March 2026\n", encoding="utf-8")
    result = _batch(str(inputs), "--out", str(tmp_path / "o2"), "--dates", str(dates), "--quiet")
    assert result.returncode == 2 and result.stderr.strip().splitlines() == [
        f"error: {dates}:1: expected `path,YYYY-MM-DD`, got 'in/wire.txt,5 March 2026'"]
    assert not (tmp_path / "o2" / "corpus.db").exists()
