"""The corpus store: one SQLite database per output folder (`DIR/corpus.db`).

Documents are keyed by the hash of their bytes and the pipeline's fingerprint, so a document is
stored once however often it is fed in. Each document is committed in one transaction together
with its targets, measures, entities, comparison and manifest row: a process killed at any moment
leaves either all of a document or none of it, and a re-run redoes only what is missing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pipeline.errors import PipelineError
from pipeline.schema import Comparison, Record

DB_NAME = "corpus.db"
# Waiting for a lock beats failing: a reader (query, export) may hold it briefly.
BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,          -- sha256 of the bytes + pipeline fingerprint
    doc_id TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
    lang TEXT NOT NULL, format TEXT NOT NULL, title TEXT, chars INTEGER NOT NULL,
    record TEXT NOT NULL,          -- the analyze record as JSON
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS targets (
    doc_key TEXT NOT NULL REFERENCES documents(key), target_id TEXT NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, metric TEXT,
    value REAL, unit TEXT, per_value REAL, per_unit TEXT, comparator TEXT, year INTEGER,
    baseline_value REAL, baseline_year INTEGER, growth INTEGER NOT NULL,
    PRIMARY KEY (doc_key, target_id)
);
CREATE INDEX IF NOT EXISTS targets_year_unit ON targets(year, unit);
CREATE INDEX IF NOT EXISTS targets_unit ON targets(unit);
CREATE TABLE IF NOT EXISTS measures (
    doc_key TEXT NOT NULL REFERENCES documents(key), measure_id TEXT NOT NULL, number INTEGER,
    label TEXT, title TEXT NOT NULL, chapter TEXT, chapter_title TEXT,
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    PRIMARY KEY (doc_key, measure_id)
);
CREATE TABLE IF NOT EXISTS entities (
    doc_key TEXT NOT NULL REFERENCES documents(key), text TEXT NOT NULL, type TEXT NOT NULL,
    canonical_id TEXT, source TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    is_issuer INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_id ON entities(canonical_id, is_issuer);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_key);
CREATE INDEX IF NOT EXISTS documents_lang ON documents(lang);
CREATE TABLE IF NOT EXISTS comparisons (
    doc_key TEXT NOT NULL REFERENCES documents(key), canonical TEXT NOT NULL, encoder TEXT NOT NULL,
    discrepancies INTEGER NOT NULL, comparison TEXT NOT NULL,
    PRIMARY KEY (doc_key, canonical, encoder)
);
CREATE TABLE IF NOT EXISTS manifest (
    input TEXT PRIMARY KEY,        -- the input path as given (resolved)
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
    reason TEXT, doc_key TEXT, updated_at TEXT NOT NULL
);
"""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, folder: str | Path, read_only: bool = False) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        if read_only:
            if not self.path.is_file():
                raise PipelineError(f"{self.folder}: no corpus store here ({DB_NAME} missing); run `batch` first")
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            self.db.execute("PRAGMA query_only = ON")
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            # WAL: readers never block the writer; synchronous=FULL: a commit survives power loss.
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.executescript(SCHEMA)
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------
    def has_document(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone() is not None

    def manifest(self) -> dict[str, sqlite3.Row]:
        return {row["input"]: row for row in self.db.execute("SELECT * FROM manifest")}

    def records(self) -> Iterator[str]:
        for (record,) in self.db.execute("SELECT record FROM documents ORDER BY source, key"):
            yield record

    # -- writing ------------------------------------------------------------------------------
    def mark(self, input_path: str, status: str, reason: Optional[str] = None, doc_key: Optional[str] = None) -> None:
        with self.db:
            self._mark(input_path, status, reason, doc_key)

    def _mark(self, input_path, status, reason, doc_key) -> None:
        self.db.execute(
            "INSERT INTO manifest(input, status, reason, doc_key, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(input) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
            "doc_key = excluded.doc_key, updated_at = excluded.updated_at",
            (input_path, status, reason, doc_key, _now()))

    def add(self, input_path: str, key: str, record: Record, comparison: Optional[Comparison] = None,
            canonical: Optional[str] = None) -> bool:
        """Store a document and everything extracted from it in one transaction. Returns False
        (and marks the input skipped) when a document with this key is already there."""
        with self.db:
            if self.has_document(key):
                self._mark(input_path, "skipped", "already in the store", key)
                return False
            doc = record.document
            self.db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, doc.id, doc.source, key.split(":", 1)[0], doc.lang, doc.format, doc.title, len(doc.text),
                 record.model_dump_json(), _now()))
            self.db.executemany("INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                list(_target_rows(key, record)))
            chapters = {c.id: c.title for c in record.chapters}
            self.db.executemany(
                "INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(key, m.id, m.number, m.label, m.title, m.chapter, chapters.get(m.chapter or ""), *m.span)
                 for m in record.measures])
            self.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(_entity_rows(key, record)))
            if comparison is not None and canonical is not None:
                self.db.execute("INSERT INTO comparisons VALUES (?, ?, ?, ?, ?)",
                                (key, canonical, comparison.encoder,
                                 sum(1 for d in comparison.discrepancies if d.severity != "info"),
                                 comparison.model_dump_json()))
            self._mark(input_path, "ok", None, key)
            return True

    def summary(self) -> dict[str, int]:
        counts = {"ok": 0, "failed": 0, "skipped": 0}
        for status, n in self.db.execute("SELECT status, COUNT(*) FROM manifest GROUP BY status"):
            counts[status] = n
        return counts


def _target_rows(key: str, record: Record) -> Iterable[tuple]:
    for t in record.targets:
        yield (key, t.id, t.kind, t.text, *t.span, t.metric, t.value, t.unit,
               t.per.value if t.per else None, t.per.unit if t.per else None, t.comparator, t.year,
               t.baseline.value if t.baseline else None, t.baseline.year if t.baseline else None, int(t.growth))


def _entity_rows(key: str, record: Record) -> Iterable[tuple]:
    for e in record.entities:
        yield (key, e.text, e.type, e.canonical_id, e.source, *e.span, 0)
    for e in record.issuers:
        yield (key, e.text, e.type, e.canonical_id, e.source, *e.span, 1)

