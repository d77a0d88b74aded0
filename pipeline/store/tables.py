"""Research tables of a corpus store: documents, dates, issuers, entities, targets, quantities,
measures, matches and discrepancies, each with a fixed, typed schema (integer years, nullable
integers, booleans, ISO dates, values as numbers) read from the stored records and comparisons.

Each column is declared once here, with its description: docs/EXPORTS.md is checked against
these declarations by the tests, so the documentation cannot drift from the files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyarrow as pa

from pipeline.schema import Comparison, Record


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str


def _c(name: str, kind: str, description: str) -> Column:
    return Column(name, TYPES[kind], description)


TYPES = {"str": pa.string(), "int": pa.int64(), "year": pa.int32(), "float": pa.float64(), "bool": pa.bool_(),
         "date": pa.date32()}
# How pandas should read each Arrow type back: nullable integers and booleans stay integers and
# booleans (pandas would otherwise turn an integer column with a gap into floats).
PANDAS_DTYPES = {pa.int64(): ("int64", "Int64"), pa.int32(): ("int32", "Int32"), pa.bool_(): ("bool", "boolean"),
                 pa.float64(): ("float64", "float64"), pa.string(): ("unicode", "object"),
                 pa.date32(): ("date", "object")}

DOC = _c("doc_id", "str", "the document's id (its file name without the extension, unless given)")
SPAN = [_c("start", "int", "start of the item's span, a character offset into the record's document.text"),
        _c("end", "int", "end of the span (exclusive): document.text[start:end] is the item's text")]
COMPARISON = [_c("doc_id", "str", "the summary's document id"),
              _c("original", "str", "the original it was compared with: a canonical record's name"),
              _c("encoder", "str", "the sentence encoder the aligner used")]

SCHEMAS: dict[str, list[Column]] = {
    "documents": [
        DOC, _c("source", "str", "the path the document was read from"),
        _c("sha256", "str", "SHA-256 of the document's bytes"),
        _c("lang", "str", "ISO 639-1 language: th, zh or en"),
        _c("format", "str", "txt, md, html or pdf"),
        _c("title", "str", "the document's title, when one was found"),
        _c("chars", "int", "length of the normalised text"),
        _c("published", "date", "the first publication date found (role published)"),
        _c("dateline", "date", "the first news dateline found"),
        _c("dated", "date", "the first date the document bears as issued or signed"),
        _c("reference_date", "date", "the publication date its user gave (batch --dates), null where none was"),
        _c("issuer_ids", "str", "canonical ids of the issuers, in order, joined by '; '"),
        _c("targets", "int", "number of quantitative targets"),
        _c("goals", "int", "number of qualitative goals"),
        _c("measures", "int", "number of measures"),
    ],
    "dates": [
        DOC, _c("date", "date", "the date, ISO 8601"),
        _c("role", "str", "published, dateline, dated, effective or mentioned"),
        _c("year_inferred", "bool", "the text gives no year; it was taken from the document's other dates"),
        _c("text", "str", "the date as written"), *SPAN,
    ],
    "issuers": [
        DOC, _c("position", "int", "1-based order of the issuer in the document"),
        _c("canonical_id", "str", "gazetteer id (null when the body is not in the gazetteer)"),
        _c("type", "str", "ORG, GPE, ZONE, ..."),
        _c("name_en", "str", "the gazetteer's English name"), _c("name_zh", "str", "the gazetteer's Chinese name"),
        _c("name_th", "str", "the gazetteer's Thai name"),
        _c("text", "str", "the issuer as written"), *SPAN,
    ],
    "entities": [
        DOC, _c("canonical_id", "str", "gazetteer id, or null for a name found by NER alone"),
        _c("type", "str", "ORG, GPE, ZONE, PROGRAMME, FACILITY, PERSON or LAW"),
        _c("found_by", "str", "gazetteer, gloss (an English gloss in brackets) or ner"),
        _c("is_issuer", "bool", "the entity is one of the document's issuers"),
        _c("name_en", "str", "the gazetteer's English name"),
        _c("text", "str", "the name as written"), *SPAN,
    ],
    "targets": [
        DOC, _c("lang", "str", "the document's language"),
        _c("target_id", "str", "the target's id in the record (T1, G2025.1, ...)"),
        _c("kind", "str", "quantitative or qualitative"),
        _c("metric", "str", "the phrase naming what is measured"),
        _c("metric_id", "str", "the metric lexicon's key (configs/metrics/), the same in every language"),
        _c("value", "float", "the amount, in the unit (a range's lower bound)"),
        _c("value_max", "float", "a range's upper bound"),
        _c("unit", "str", "percent, count, multiple, a currency (CNY, USD, THB) or a physical unit"),
        _c("per_value", "float", "the denominator's amount (80 patents per 10,000 people: 10000)"),
        _c("per_unit", "str", "the denominator's unit"),
        _c("comparator", "str", "'>', '>=', '=', '<=', '<', '~' or 'range'"),
        _c("year", "year", "the deadline year"),
        _c("baseline_value", "float", "the baseline the target is measured from"),
        _c("baseline_year", "year", "the baseline's year"),
        _c("growth", "bool", "the value is a growth rate"),
        _c("text", "str", "the target as written"), *SPAN,
    ],
    "quantities": [
        DOC, _c("role", "str", "target, baseline, statistic or forecast"),
        _c("score", "float", "the decision's confidence that the amount is a target"),
        _c("value", "float", "the amount (a range's lower bound)"), _c("value_max", "float", "a range's upper bound"),
        _c("unit", "str", "the unit"), _c("per_value", "float", "the denominator's amount"),
        _c("per_unit", "str", "the denominator's unit"), _c("comparator", "str", "as in targets"),
        _c("year", "year", "the year the text ties the amount to"),
        _c("text", "str", "the amount as written"), *SPAN,
    ],
    "measures": [
        DOC, _c("measure_id", "str", "the measure's id (M1, ...)"),
        _c("number", "int", "1-based position among the document's measures"),
        _c("label", "str", "the numbering as written"), _c("title", "str", "the measure's heading"),
        _c("chapter", "str", "the enclosing chapter's id"), _c("chapter_title", "str", "the enclosing chapter's heading"),
        *SPAN,
    ],
    "matches": [
        *COMPARISON, _c("kind", "str", "target, goal, measure or entity"),
        _c("original_ref", "str", "the item's id in the original"),
        _c("summary_ref", "str", "the item's id in the summary"),
        _c("score", "float", "the aligner's probability that the two are the same item"),
        _c("merged", "bool", "one of several original items the summary merged into one"),
        _c("rests_on_rendering", "bool", "the original's item is the project's own rendering, not its wording"),
        _c("original_text", "str", "the original's item as compared"),
        _c("summary_text", "str", "the summary's item as compared"),
        _c("summary_start", "int", "start of the summary item's span"), _c("summary_end", "int", "its end"),
    ],
    "discrepancies": [
        *COMPARISON, _c("severity", "str", "high, medium, low or info"),
        _c("kind", "str", "value, comparator, year, unit, date, omission or addition"),
        _c("item", "str", "target, goal, measure, entity or date"),
        _c("original_ref", "str", "the item's id in the original"), _c("summary_ref", "str", "the item's id in the summary"),
        _c("original_value", "str", "the original's value, as JSON"), _c("summary_value", "str", "the summary's value, as JSON"),
        _c("rests_on_rendering", "bool", "the original's side is the project's own rendering, not its wording"),
        _c("original_text", "str", "the original's item"), _c("summary_text", "str", "the summary's item"),
        _c("note", "str", "what differs, in words"),
    ],
}


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:          # a partial date (a month) has no day to store
        return None


def _first(record: Record, role: str) -> dt.date | None:
    return next((_date(d.iso) for d in record.dates if d.role == role), None)


def _name(record: Record, cid: str | None, lang: str) -> str | None:
    gloss = record.glosses.get(cid) if cid else None
    return gloss.names.get(lang) if gloss else None


def document_rows(record: Record) -> Iterator[tuple]:
    doc = record.document
    yield (doc.id, doc.source, None, doc.lang, doc.format, doc.title, len(doc.text), _first(record, "published"),
           _first(record, "dateline"), _first(record, "dated"), doc.reference_date,
           "; ".join(e.canonical_id for e in record.issuers if e.canonical_id) or None,
           sum(t.kind == "quantitative" for t in record.targets), sum(t.kind == "qualitative" for t in record.targets),
           len(record.measures))


def record_rows(record: Record) -> dict[str, Iterator[tuple]]:
    """Each per-document table's rows for one record."""
    d = record.document.id
    chapters = {c.id: c.title for c in record.chapters}
    return {
        "dates": ((d, _date(x.iso), x.role, x.year_inferred, x.text, *x.span) for x in record.dates),
        "issuers": ((d, i, e.canonical_id, e.type, _name(record, e.canonical_id, "en"), _name(record, e.canonical_id, "zh"),
                     _name(record, e.canonical_id, "th"), e.text, *e.span) for i, e in enumerate(record.issuers, 1)),
        "entities": ((d, e.canonical_id, e.type, e.source, _is_issuer(record, e), _name(record, e.canonical_id, "en"),
                      e.text, *e.span) for e in record.entities),
        "targets": ((d, record.document.lang, t.id, t.kind, t.metric, t.metric_id, t.value, t.value_max, t.unit,
                     t.per.value if t.per else None, t.per.unit if t.per else None, t.comparator, t.year,
                     t.baseline.value if t.baseline else None, t.baseline.year if t.baseline else None, t.growth,
                     t.text, *t.span) for t in record.targets),
        "quantities": ((d, q.role, q.score, q.value, q.value_max, q.unit, q.per.value if q.per else None,
                        q.per.unit if q.per else None, q.comparator, q.year, q.text, *q.span) for q in record.quantities),
        "measures": ((d, m.id, m.number, m.label, m.title, m.chapter, chapters.get(m.chapter), *m.span)
                     for m in record.measures),
    }


def _is_issuer(record: Record, entity) -> bool:
    return any(i.span == entity.span for i in record.issuers)


def comparison_rows(doc_id: str, original: str, comparison: Comparison) -> dict[str, Iterator[tuple]]:
    head = (doc_id, original, comparison.encoder)
    value = lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    return {
        "matches": ((*head, m.kind, m.original_ref, m.summary_ref, m.score, m.merged, m.rests_on_rendering,
                     m.original_text, m.summary_text, *(m.summary_span or (None, None))) for m in comparison.matches),
        "discrepancies": ((*head, x.severity, x.kind, x.item, x.original_ref, x.summary_ref, value(x.original_value),
                           value(x.summary_value), x.rests_on_rendering, x.original_text, x.summary_text, x.note)
                          for x in comparison.discrepancies),
    }


def arrow_table(name: str, rows: Iterable[tuple]) -> pa.Table:
    """Rows as a typed table whose metadata tells pandas to keep nullable integers and booleans."""
    columns = SCHEMAS[name]
    rows = list(rows)
    schema = pa.schema([pa.field(c.name, c.type, nullable=True) for c in columns])
    data = {c.name: pa.array([row[i] for row in rows], type=c.type) for i, c in enumerate(columns)}
    table = pa.table(data, schema=schema)
    return table.replace_schema_metadata({b"pandas": json.dumps(_pandas_metadata(columns)).encode()})


def _pandas_metadata(columns: list[Column]) -> dict:
    return {
        "index_columns": [], "column_indexes": [], "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": "2.2.0",
        "columns": [{"name": c.name, "field_name": c.name, "pandas_type": PANDAS_DTYPES[c.type][0],
                     "numpy_type": PANDAS_DTYPES[c.type][1], "metadata": None} for c in columns],
    }


def corpus_tables(documents: Iterable[tuple[str, Record]],
                  comparisons: Iterable[tuple[str, str, Comparison]]) -> dict[str, pa.Table]:
    """Every table of a corpus: (sha256, record) per document, (doc id, original, comparison) per comparison."""
    rows: dict[str, list[tuple]] = {name: [] for name in SCHEMAS}
    for sha256, record in documents:
        doc_row = next(document_rows(record))
        rows["documents"].append((*doc_row[:2], sha256, *doc_row[3:]))
        for name, table_rows in record_rows(record).items():
            rows[name].extend(table_rows)
    for doc_id, original, comparison in comparisons:
        for name, table_rows in comparison_rows(doc_id, original, comparison).items():
            rows[name].extend(table_rows)
    return {name: arrow_table(name, table_rows) for name, table_rows in rows.items()}


