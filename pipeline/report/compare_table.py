"""A terminal view of a comparison: matches, discrepancies by severity, merges and order changes."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from pipeline.report.table import MAX_CELL, _short, plain, safe
from pipeline.schema import Comparison

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
PLURAL = {"target": "targets", "goal": "goals", "measure": "measures", "entity": "entities"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def _value(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return _short(str(v), 40)


def comparison_view(c: Comparison) -> Group:
    parts: list = [Text.assemble(("Comparison", "bold"), f"  {safe(c.canonical.source)} ({c.canonical.lang})  ⟷  "
                                 f"{safe(c.summary.source)} ({c.summary.lang})  · encoder {c.encoder}")]
    by_kind: dict[str, int] = {}
    for m in c.matches:
        by_kind[m.kind] = by_kind.get(m.kind, 0) + 1
    parts.append(Text("Matched: " + ", ".join(f"{n} {PLURAL[k]}" for k, n in sorted(by_kind.items()))))

    matches = Table(title="Aligned targets, goals and measures", title_justify="left")
    for col in ("kind", "original", "summary", "score", "evidence"):
        matches.add_column(col, no_wrap=col != "evidence", overflow="ellipsis", max_width=MAX_CELL if col == "evidence" else None)
    for m in c.matches:
        if m.kind == "entity":
            continue
        evidence = ", ".join(f"{k} {v:.2f}" for k, v in sorted(m.evidence.items(), key=lambda kv: -kv[1])[:4])
        matches.add_row(m.kind, plain(m.canonical_ref), plain(m.summary_ref + (" (merged)" if m.merged else "")),
                        f"{m.score:.2f}", evidence)
    parts.append(matches)

    table = Table(title=f"Discrepancies ({len(c.discrepancies)})", title_justify="left")
    for col in ("severity", "kind", "item", "ref", "original", "summary", "note"):
        if col == "note":
            table.add_column(col, overflow="fold", min_width=30)
        elif col in ("original", "summary"):
            table.add_column(col, overflow="fold", max_width=24)
        else:
            table.add_column(col, no_wrap=True)
    for d in sorted(c.discrepancies, key=lambda d: (SEVERITY_ORDER[d.severity], d.kind)):
        ref = d.canonical_ref if d.kind != "addition" else d.summary_ref
        table.add_row(Text(d.severity, style=SEVERITY_STYLE[d.severity]), d.kind, plain(d.item), plain(ref),
                      plain(_value(d.canonical_value)), plain(_value(d.summary_value)), plain(d.note))
    parts.append(table)
    for merge in c.merges:
        parts.append(plain(f"Merged: {', '.join(merge.canonical_refs)} → {merge.summary_ref} ({PLURAL[merge.kind]})"))
    for change in c.order_changes:
        parts.append(Text(safe(f"Order ({PLURAL[change.kind]}): original {' '.join(change.canonical_refs)}; "
                               f"summary {' '.join(change.summary_refs)}"), style="dim"))
    return Group(*parts)


def print_comparison(c: Comparison, console: Console) -> None:
    console.print(comparison_view(c))
