"""Exports of the corpus store: JSONL (one analyze record per document), and typed CSV or
Parquet research tables (documents, dates, issuers, entities, targets, quantities, measures,
matches, discrepancies)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Optional

from pipeline.errors import PipelineError
from pipeline.io import write_atomic
from pipeline.schema import Comparison, Record
from pipeline.store.db import Store
from pipeline.store.tables import corpus_tables


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


def export_tables(store: Store, fmt: str, folder: Path) -> list[Path]:
    """Every research table (pipeline/store/tables.py; columns in docs/EXPORTS.md) as a .csv or
    .parquet file in `folder`, each written atomically."""
    if fmt not in ("csv", "parquet"):
        raise PipelineError(f"unknown export format {fmt!r}")
    documents = ((sha256, Record.model_validate_json(record)) for sha256, record in store.documents())
    comparisons = ((doc_id, original, Comparison.model_validate_json(comparison))
                   for doc_id, original, comparison in store.comparisons())
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in corpus_tables(documents, comparisons).items():
        path = folder / f"{name}.{fmt}"
        _write(table, path, fmt)
        written.append(path)
    return written


def _write(table, path: Path, fmt: str) -> None:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "csv":
            pcsv.write_csv(table, tmp)
        else:
            pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
