"""A terminal view of a record: a pure function of the record, printed with Rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from pipeline.extract.glosses import gloss_name
from pipeline.schema import Record

MAX_CELL = 48


def safe(text: object) -> str:
    """Document text made inert for a terminal: control and format characters (escape sequences,
    bidi overrides, zero-width marks) are shown as escapes instead of acting on the terminal."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in "\n\t" else f"\\u{ord(ch):04x}" for ch in text)


def plain(value: object) -> Text:
    """A table cell or line from document text: never read as Rich markup ("[/b]", "[link=…]")."""
    return Text("" if value is None else safe(value))


def _short(text: str, limit: int = MAX_CELL) -> str:
    text = " ".join(safe(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record_view(record: Record) -> Group:
    doc = record.document
    head = Text.assemble(
        (safe(doc.title or doc.id), "bold"), f"\n{safe(doc.source)} · {doc.format} · lang {doc.lang} · {len(doc.text):,} chars"
    )
    parts: list = [head]
    if record.dates:
        parts.append(plain("Dates: " + "; ".join(f"{d.text} → {d.iso} ({d.role})" for d in record.dates)))
    if doc.reference_date is not None:
        parts.append(plain(f"Reference date (given, not in the text): {doc.reference_date.isoformat()}"))
    issuers = Table(title=f"Issuers ({len(record.issuers)})", title_justify="left")
    issuers.add_column("#", justify="right")
    issuers.add_column("name")
    issuers.add_column("id")
    issuers.add_column("in English")
    for i, e in enumerate(record.issuers, 1):
        issuers.add_row(str(i), plain(e.text), plain(e.canonical_id or "—"),
                        plain(gloss_name(record.glosses, e.canonical_id, "en") or ""))
    parts.append(issuers)

    rows = []
    for t in record.targets:
        per = f"/{t.per.value:,} {t.per.unit}" if t.per else ""
        value = f"{t.value:,}" if t.value is not None else ""
        rows.append((t.id, str(t.year or ""), t.comparator or "", value, t.unit or "", per, _short(t.text)))
    targets = _table(f"Targets ({len(record.targets)})", ("id", "year", "cmp", "value", "unit", "per", "text"), rows)
    parts.append(targets)

    rows = [(m.id, m.label, m.chapter or "", _short(m.title)) for m in record.measures]
    measures = _table(f"Measures ({len(record.measures)}) in {len(record.chapters)} chapters",
                      ("id", "no.", "chapter", "title"), rows)
    parts.append(measures)
    parts.append(Text(f"Entities: {len(record.entities)} "
                      f"({sum(1 for e in record.entities if e.canonical_id)} linked to the gazetteer)"))
    return Group(*parts)


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """Short columns never wrap; the last (free text) column takes the rest and is cut."""
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns[:-1]):
        width = max([len(column), *(len(row[i]) for row in rows)])
        table.add_column(column, no_wrap=True, min_width=width)
    table.add_column(columns[-1], no_wrap=True, overflow="ellipsis", max_width=MAX_CELL)
    for row in rows:
        table.add_row(*(plain(cell) for cell in row))
    return table


def print_record(record: Record, console: Console) -> None:
    console.print(record_view(record))


def quantities_view(record: Record) -> Table:
    """Every amount of a record with its role."""
    rows = []
    for q in record.quantities:
        value = f"{q.value:,}" + (f"–{q.value_max:,}" if q.value_max is not None else "")
        per = f"/{q.per.value:,} {q.per.unit}" if q.per else ""
        rows.append((f"{q.span[0]}-{q.span[1]}", q.role, f"{q.score:.2f}", str(q.year or ""), q.comparator, value,
                     q.unit, per, _short(q.text)))
    return _table(f"Quantities ({len(record.quantities)})",
                  ("span", "role", "score", "year", "cmp", "value", "unit", "per", "text"), rows)


def print_quantities(record: Record, console: Console) -> None:
    console.print(quantities_view(record))
