"""Questions to the corpus store without SQL, and read-only SQL for the rest.

A user's SQL runs on a read-only connection, must be one SELECT (or WITH … SELECT, or VALUES),
may only read (an authorizer refuses ATTACH, PRAGMA and every write, so nothing can create a
file outside the store), and is stopped after a time limit and a row limit, so a runaway
recursive query ends with a message instead of never.
"""

from __future__ import annotations

import re
import sqlite3
import time
from typing import Optional

from pipeline.errors import PipelineError
from pipeline.store.db import Store

# What a user's query may do: read tables, call functions, recurse.
ALLOWED_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
READ_STATEMENT = re.compile(r"^\s*(?:(?:--[^\n]*\n|/\*.*?\*/)\s*)*(?:SELECT|WITH|VALUES)\b", re.IGNORECASE | re.DOTALL)
SQL_SECONDS = 60
MAX_SQL_ROWS = 1_000_000
# SQLite calls the progress handler every this many virtual-machine steps.
PROGRESS_STEPS = 10_000

TARGET_COLUMNS = ("doc_id", "lang", "target_id", "kind", "year", "comparator", "value", "unit", "per_value",
                  "per_unit", "metric_id", "metric", "text", "start", "end", "source")


def query_targets(store: Store, year: Optional[int] = None, unit: Optional[str] = None, issuer: Optional[str] = None,
                  lang: Optional[str] = None, metric: Optional[str] = None, kind: Optional[str] = None,
                  limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
    """Targets matching every filter given, with their documents."""
    filters = [
        ("t.year = ?", [year] if year is not None else None),
        ("t.unit = ?", [unit] if unit else None),
        ("t.kind = ?", [kind] if kind else None),
        ("d.lang = ?", [lang] if lang else None),
        # a metric lexicon key (rd_intensity) finds every language; else text in the metric phrase,
        # or in the whole target where no metric was separated from it
        ("(t.metric_id = ? OR t.metric LIKE ? ESCAPE '\\' OR t.text LIKE ? ESCAPE '\\')",
         [metric, *[f"%{_like(metric)}%"] * 2] if metric else None),
        ("t.doc_key IN (SELECT doc_key FROM entities WHERE is_issuer = 1 AND canonical_id = ?)",
         [issuer] if issuer else None),
    ]
    where = [clause for clause, values in filters if values is not None]
    params = [v for _, values in filters if values is not None for v in values]
    sql = ("SELECT d.doc_id, d.lang, t.target_id, t.kind, t.year, t.comparator, t.value, t.unit, t.per_value, "
           "t.per_unit, t.metric_id, t.metric, t.text, t.start, t.end, d.source FROM targets t JOIN documents d ON d.key = t.doc_key"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.source, t.start")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return list(TARGET_COLUMNS), [tuple(row) for row in store.db.execute(sql, params)]


def _like(text: str) -> str:
    """A literal for LIKE: "%" and "_" in a metric are characters, not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def run_sql(store: Store, sql: str, seconds: float = SQL_SECONDS, max_rows: int = MAX_SQL_ROWS,
            limit: Optional[int] = None) -> tuple[list[str], list[tuple]]:
    """One read-only query, stopped after `seconds` or `max_rows` (at most `limit` rows kept)."""
    if not READ_STATEMENT.match(sql):
        raise PipelineError("query refused: --sql takes one SELECT (or WITH … SELECT, VALUES) statement")
    deadline = time.monotonic() + seconds
    db = store.db
    db.set_authorizer(lambda action, *_: sqlite3.SQLITE_OK if action in ALLOWED_ACTIONS else sqlite3.SQLITE_DENY)
    db.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
    try:
        cursor = db.execute(sql)
        keep = max_rows if limit is None else min(limit, max_rows)
        rows = [tuple(row) for row in cursor.fetchmany(keep)] if keep else []
        if limit is None and cursor.fetchone() is not None:
            raise PipelineError(f"query stopped: more than {max_rows:,} rows; add LIMIT or narrow it")
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise PipelineError(f"query stopped after {seconds:g} s; narrow it or add LIMIT") from exc
        raise PipelineError(f"query failed: {exc}") from exc
    except sqlite3.Error as exc:
        raise PipelineError(f"query failed: {exc}") from exc
    finally:
        db.set_authorizer(None)
        db.set_progress_handler(None, PROGRESS_STEPS)
    columns = [c[0] for c in cursor.description] if cursor.description else []
    return columns, rows
