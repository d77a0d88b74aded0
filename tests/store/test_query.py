"""The query builder behind `policy-pipeline query` (pipeline/store/query.py), on a small store
built here: every filter narrows, filters combine with AND, and a metric is a literal, not a
LIKE pattern."""
import hashlib

import pytest

from pipeline.analyze import analyze_text
from pipeline.store import Store
from pipeline.store.query import query_targets, run_sql
from pipeline.errors import PipelineError

TEXTS = {
    "zh": ("zh", "到2025年，研发经费投入强度达到3%，新增就业1200万人以上。"),
    "en": ("en", "By 2030, the renewable share reaches 45%, and R&D spending reaches 2.5% by 2027."),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    with Store(folder) as writable:
        for name, (lang, text) in TEXTS.items():
            record = analyze_text(text, lang=lang, doc_id=name, source=f"{name}.txt")
            # a store key is "<sha256 of the bytes>:<pipeline fingerprint>"
            key = f"{hashlib.sha256(text.encode()).hexdigest()}:test"
            writable.add(f"{name}.txt", key, record)
    with Store(folder, read_only=True) as opened:
        yield opened


def column(columns, rows, name):
    return [row[columns.index(name)] for row in rows]


def test_no_filter_gives_every_target_in_document_order(store):
    columns, rows = query_targets(store)
    assert len(rows) == 4
    assert column(columns, rows, "doc_id") == ["en"] * 2 + ["zh"] * 2


def test_filters_narrow_and_combine(store):
    columns, rows = query_targets(store, unit="percent")
    assert set(column(columns, rows, "unit")) == {"percent"} and len(rows) == 3
    columns, rows = query_targets(store, unit="percent", year=2030)
    assert column(columns, rows, "value") == [45]
    _, rows = query_targets(store, lang="zh", unit="count")
    assert len(rows) == 1
    _, rows = query_targets(store, limit=2)
    assert len(rows) == 2


def test_a_metric_is_matched_literally(store):
    columns, rows = query_targets(store, metric="R&D")
    assert column(columns, rows, "value") == [2.5]
    _, rows = query_targets(store, metric="%")          # "%" is a character here, not a wildcard
    assert len(rows) == 3 and all("%" in row[columns.index("text")] for row in rows)
    _, rows = query_targets(store, metric="_")
    assert rows == []


@pytest.mark.parametrize("sql", ["DELETE FROM documents", "ATTACH DATABASE 'x.db' AS x", "PRAGMA journal_mode=DELETE"])
def test_sql_may_only_read(store, sql):
    with pytest.raises(PipelineError):
        run_sql(store, sql)


def test_a_runaway_query_stops_with_a_message(store):
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
    with pytest.raises(PipelineError, match="more than 1,000 rows"):
        run_sql(store, endless, max_rows=1000)
    with pytest.raises(PipelineError, match="stopped after"):
        run_sql(store, endless + " WHERE i < 0", seconds=0.2)
