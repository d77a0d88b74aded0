"""Questions to the corpus store without SQL, and read-only SQL for the rest."""

from __future__ import annotations

import sqlite3
from typing import Optional

from pipeline.errors import PipelineError
from pipeline.store.db import Store

TARGET_COLUMNS = ("doc_id", "lang", "target_id", "kind", "year", "comparator", "value", "unit", "per_value",
                  "per_unit", "metric", "text", "start", "end", "source")


def query_targets(store: Store, year: Optional[int] = None, unit: Optional[str] = None, issuer: Optional[str] = None,
                  lang: Optional[str] = None, metric: Optional[str] = None, kind: Optional[str] = None,
                  limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
    """Targets matching every filter given, with their documents."""
    filters = [
        ("t.year = ?", [year] if year is not None else None),
        ("t.unit = ?", [unit] if unit else None),
        ("t.kind = ?", [kind] if kind else None),
        ("d.lang = ?", [lang] if lang else None),
        # the metric phrase, or the whole target where no metric was separated from it
        ("(t.metric LIKE ? OR t.text LIKE ?)", [f"%{metric}%"] * 2 if metric else None),
        ("t.doc_key IN (SELECT doc_key FROM entities WHERE is_issuer = 1 AND canonical_id = ?)",
         [issuer] if issuer else None),
    ]
    where = [clause for clause, values in filters if values is not None]
    params = [v for _, values in filters if values is not None for v in values]
    sql = ("SELECT d.doc_id, d.lang, t.target_id, t.kind, t.year, t.comparator, t.value, t.unit, t.per_value, "
           "t.per_unit, t.metric, t.text, t.start, t.end, d.source FROM targets t JOIN documents d ON d.key = t.doc_key"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.source, t.start")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(TARGET_COLUMNS), [tuple(row) for row in store.db.execute(sql, params)]


def run_sql(store: Store, sql: str) -> tuple[list[str], list[tuple]]:
    """A read-only query: the store is opened read-only, so a write fails with a clear message."""
    try:
        cursor = store.db.execute(sql)
        rows = [tuple(row) for row in cursor.fetchall()]
    except sqlite3.Error as exc:
        raise PipelineError(f"query failed: {exc}") from exc
    columns = [c[0] for c in cursor.description] if cursor.description else []
    return columns, rows
