"""The corpus store: one SQLite database per output folder (`DIR/corpus.db`).

Documents are keyed by the hash of their bytes and the fingerprint of what their record depends
on (version, language data, models, language option), so a document is stored once however often
it is fed in. A store never holds a document twice: when an input's file is edited, or the
pipeline changes, the new record supersedes the old one, which is retired with everything
extracted from it. A comparison is keyed by its document, canonical record and encoder; changing
only the encoder or the canonical adds or replaces a comparison and leaves the document alone.

Each document is committed in one immediate transaction together with its targets, measures,
entities, comparison and manifest row: a process killed at any moment leaves either all of a
document or none of it, a re-run redoes only what is missing, and two batches writing one store
wait for each other instead of colliding.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path
from typing import Iterable, Iterator, Literal, Optional

from pipeline.errors import PipelineError
from pipeline.schema import Comparison, Record

DB_NAME = "corpus.db"
# Waiting for a lock beats failing: a reader (query, export) may hold it briefly.
BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,          -- sha256 of the bytes + pipeline fingerprint (+ the reference date given)
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
    metric_id TEXT,                -- the metric lexicon's key (configs/metrics/)
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
    fingerprint TEXT,              -- the canonical record's bytes and the aligner it was made with
    PRIMARY KEY (doc_key, canonical, encoder)
);
CREATE TABLE IF NOT EXISTS manifest (
    input TEXT PRIMARY KEY,        -- the input path as given (resolved)
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
    reason TEXT, doc_key TEXT, updated_at TEXT NOT NULL
);
"""


# Every table that holds a document's rows, children first.
RETIRE_ORDER = (("targets", "doc_key"), ("measures", "doc_key"), ("entities", "doc_key"),
                ("comparisons", "doc_key"), ("documents", "key"))


def _check_intact(db: sqlite3.Connection, path: Path) -> None:
    """A damaged store must not be resumed: its manifest may say "ok" for rows it lost."""
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        raise PipelineError(f"{path}: not a corpus store, or damaged ({exc}); move it aside and run again") from exc
    if problems != ["ok"]:
        raise PipelineError(f"{path}: the store is damaged ({'; '.join(problems)}); move it aside and run again")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the store to WAL once. SQLite answers a journal-mode change that races another
    connection with "database is locked" at once, without waiting, so wait here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


# Columns added after the first stores were written: (table, column, type). Older stores gain them.
ADDED_COLUMNS = (("comparisons", "fingerprint", "TEXT"), ("targets", "metric_id", "TEXT"))


def _migrate(db: sqlite3.Connection) -> None:
    for table, column, kind in ADDED_COLUMNS:
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if column not in columns:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# What became of an input, as the manifest table's CHECK constraint allows.
Status = Literal["ok", "failed", "skipped"]

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
            # Transactions are begun explicitly (BEGIN IMMEDIATE in add): the check that a document
            # is new and its insertion must be one step, or two batches on one store collide.
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            _check_intact(self.db, self.path)
            # WAL: readers never block the writer; synchronous=FULL: a commit survives power loss.
            _use_wal(self.db)
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("BEGIN IMMEDIATE")   # one process creates or migrates the tables at a time
            try:
                for statement in filter(str.strip, SCHEMA.split(";")):
                    self.db.execute(statement)
                _migrate(self.db)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
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

    def has_comparison(self, key: str, canonical: str, encoder: str, fingerprint: str) -> bool:
        row = self.db.execute("SELECT fingerprint FROM comparisons WHERE doc_key = ? AND canonical = ? AND encoder = ?",
                              (key, canonical, encoder)).fetchone()
        return row is not None and row[0] == fingerprint

    def record(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT record FROM documents WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def manifest(self) -> dict[str, sqlite3.Row]:
        return {row["input"]: row for row in self.db.execute("SELECT * FROM manifest")}

    def documents(self) -> Iterator[tuple[str, str]]:
        """(sha256 of the bytes, record JSON) per document."""
        yield from self.db.execute("SELECT sha256, record FROM documents ORDER BY source, key")

    def comparisons(self) -> Iterator[tuple[str, str, str]]:
        """(document id, original's name, comparison JSON) per stored comparison."""
        yield from self.db.execute("SELECT d.doc_id, c.canonical, c.comparison FROM comparisons c "
                                   "JOIN documents d ON d.key = c.doc_key ORDER BY d.source, c.canonical, c.encoder")

    def records(self) -> Iterator[str]:
        for (record,) in self.db.execute("SELECT record FROM documents ORDER BY source, key"):
            yield record

    # -- writing ------------------------------------------------------------------------------
    def mark(self, input_path: str, status: Status, reason: Optional[str] = None, doc_key: Optional[str] = None) -> None:
        with self.db:
            self._mark(input_path, status, reason, doc_key)

    def _mark(self, input_path, status, reason, doc_key) -> None:
        self.db.execute(
            "INSERT INTO manifest(input, status, reason, doc_key, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(input) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
            "doc_key = excluded.doc_key, updated_at = excluded.updated_at",
            (input_path, status, reason, doc_key, _now()))

    def add(self, input_path: str, key: str, record: Optional[Record], comparison: Optional[Comparison] = None,
            canonical: Optional[str] = None, comparison_fingerprint: Optional[str] = None) -> bool:
        """Store a document and everything extracted from it (or only a new comparison for a stored
        one) in one transaction, and retire what it supersedes. Returns False, marking the input
        skipped, when the document and its comparison were already there."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            added = self._add(input_path, key, record, comparison, canonical, comparison_fingerprint)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return added

    def _add(self, input_path, key, record, comparison, canonical, comparison_fingerprint) -> bool:
        previous = self.db.execute("SELECT doc_key, status FROM manifest WHERE input = ?", (input_path,)).fetchone()
        new_document = not self.has_document(key)
        if new_document:
            if record is None:
                raise PipelineError(f"{input_path}: no record to store")
            self._insert_document(key, record)
        new_comparison = False
        if comparison is not None and canonical is not None:
            new_comparison = not self.has_comparison(key, canonical, comparison.encoder, comparison_fingerprint or "")
            self.db.execute("INSERT OR REPLACE INTO comparisons VALUES (?, ?, ?, ?, ?, ?)",
                            (key, canonical, comparison.encoder,
                             sum(1 for d in comparison.discrepancies if d.severity != "info"),
                             comparison.model_dump_json(), comparison_fingerprint))
        if new_document or new_comparison:
            self._mark(input_path, "ok", None, key)
        elif not (previous and previous[0] == key and previous[1] == "ok"):   # another batch stored it first
            self._mark(input_path, "skipped", "already in the store", key)
        self._retire_superseded(key, previous[0] if previous else None)
        return new_document or new_comparison

    def _insert_document(self, key: str, record: Record) -> None:
        doc = record.document
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, doc.id, doc.source, key.split(":", 1)[0], doc.lang, doc.format, doc.title, len(doc.text),
             record.model_dump_json(), _now()))
        self.db.executemany(f"INSERT INTO targets ({', '.join(TARGET_TABLE_COLUMNS)}) "
                            f"VALUES ({', '.join('?' * len(TARGET_TABLE_COLUMNS))})",
                            list(_target_rows(key, record)))
        chapters = {c.id: c.title for c in record.chapters}
        self.db.executemany(
            "INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, m.id, m.number, m.label, m.title, m.chapter, chapters.get(m.chapter or ""), *m.span)
             for m in record.measures])
        self.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(_entity_rows(key, record)))

    def _retire_superseded(self, key: str, previous: Optional[str]) -> None:
        """The same bytes read by an older pipeline, and the version this input held before it was
        edited (when no other input holds it), leave the store with all their rows."""
        sha = key.split(":", 1)[0]
        older = [k for (k,) in self.db.execute("SELECT key FROM documents WHERE sha256 = ? AND key != ?", (sha, key))]
        for old in older:
            self.db.execute("UPDATE manifest SET doc_key = ? WHERE doc_key = ?", (key, old))
        if previous and previous != key and previous not in older:
            held = self.db.execute("SELECT 1 FROM manifest WHERE doc_key = ?", (previous,)).fetchone()
            older += [] if held else [previous]
        for old in older:
            for table, column in RETIRE_ORDER:
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (old,))

    def summary(self) -> dict[str, int]:
        counts = {"ok": 0, "failed": 0, "skipped": 0}
        for status, n in self.db.execute("SELECT status, COUNT(*) FROM manifest GROUP BY status"):
            counts[status] = n
        return counts


TARGET_TABLE_COLUMNS = ("doc_key", "target_id", "kind", "text", "start", "end", "metric", "value", "unit", "per_value",
                        "per_unit", "comparator", "year", "baseline_value", "baseline_year", "growth", "metric_id")


def _target_rows(key: str, record: Record) -> Iterable[tuple]:
    for t in record.targets:
        yield (key, t.id, t.kind, t.text, *t.span, t.metric, t.value, t.unit,
               t.per.value if t.per else None, t.per.unit if t.per else None, t.comparator, t.year,
               t.baseline.value if t.baseline else None, t.baseline.year if t.baseline else None, int(t.growth),
               t.metric_id)


def _entity_rows(key: str, record: Record) -> Iterable[tuple]:
    for e in record.entities:
        yield (key, e.text, e.type, e.canonical_id, e.source, *e.span, 0)
    for e in record.issuers:
        yield (key, e.text, e.type, e.canonical_id, e.source, *e.span, 1)

