"""Exports of the corpus store: JSONL (one analyze record per document), and CSV or Parquet
tables of targets, measures and entities with their documents' ids, sources and spans."""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path
from typing import Optional

from pipeline.errors import PipelineError
from pipeline.io import write_atomic
from pipeline.store.db import Store

TABLES = {
    "targets": "SELECT d.doc_id, d.source, d.lang, t.target_id, t.kind, t.text, t.start, t.end, t.metric, t.value, "
               "t.unit, t.per_value, t.per_unit, t.comparator, t.year, t.baseline_value, t.baseline_year, t.growth "
               "FROM targets t JOIN documents d ON d.key = t.doc_key ORDER BY d.source, t.start",
    "measures": "SELECT d.doc_id, d.source, d.lang, m.measure_id, m.number, m.label, m.title, m.chapter, m.chapter_title, "
                "m.start, m.end FROM measures m JOIN documents d ON d.key = m.doc_key ORDER BY d.source, m.start",
    "entities": "SELECT d.doc_id, d.source, d.lang, e.text, e.type, e.canonical_id, e.source AS found_by, e.is_issuer, "
                "e.start, e.end FROM entities e JOIN documents d ON d.key = e.doc_key ORDER BY d.source, e.start",
}


def export_jsonl(store: Store, output: Optional[Path]) -> int:
    """One record per line, to a file (written atomically) or to stdout."""
    n = 0
    if output is None:
        for record in store.records():
            sys.stdout.write(record + "\n")
            n += 1
        return n
    buffer = io.StringIO()
    for record in store.records():
        buffer.write(record + "\n")
        n += 1
    write_atomic(output, buffer.getvalue())
    return n


def _rows(store: Store, table: str) -> tuple[list[str], list[tuple]]:
    cursor = store.db.execute(TABLES[table])
    return [c[0] for c in cursor.description], [tuple(r) for r in cursor.fetchall()]


def export_tables(store: Store, fmt: str, folder: Path) -> list[Path]:
    """targets/measures/entities as .csv or .parquet files in `folder`."""
    if fmt not in ("csv", "parquet"):
        raise PipelineError(f"unknown export format {fmt!r}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        columns, rows = _rows(store, table)
        path = folder / f"{table}.{fmt}"
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(columns)
            writer.writerows(rows)
            write_atomic(path, buffer.getvalue())
        else:
            _write_parquet(path, columns, rows)
        written.append(path)
    return written


def _write_parquet(path: Path, columns: list[str], rows: list[tuple]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
