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


RENDERING_MARK = "†"


def _side(ref, value) -> str:
    """One side of a discrepancy: the item's id and its value ("T3 7000"), or a dash."""
    return " ".join(part for part in (ref, _value(value) if value is not None else None) if part) or "—"


def _value(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return _short(str(v), 40)


def comparison_view(c: Comparison) -> Group:
    parts: list = [Text.assemble(("Comparison", "bold"), f"  {safe(c.original.source)} ({c.original.lang})  ⟷  "
                                 f"{safe(c.summary.source)} ({c.summary.lang})  · encoder {c.encoder}")]
    by_kind: dict[str, int] = {}
    for m in c.matches:
        by_kind[m.kind] = by_kind.get(m.kind, 0) + 1
    parts.append(Text("Matched: " + ", ".join(f"{n} {PLURAL[k]}" for k, n in sorted(by_kind.items()))))
    for warning in c.warnings:
        parts.append(Text(f"Warning: {safe(warning)}", style="bold yellow"))

    matches = Table(title="Aligned targets, goals and measures", title_justify="left")
    for col in ("kind", "original", "summary", "score"):
        matches.add_column(col, overflow="fold", max_width=MAX_CELL if col in ("original", "summary") else None,
                           no_wrap=col in ("kind", "score"))
    for m in c.matches:
        if m.kind == "entity":
            continue
        original = f"{m.original_ref}{RENDERING_MARK if m.rests_on_rendering else ''} {_short(m.original_text, 44)}"
        summary = f"{m.summary_ref}{' (merged)' if m.merged else ''} {_short(m.summary_text, 44)}"
        matches.add_row(m.kind, plain(original), plain(summary), f"{m.score:.2f}")
    parts.append(matches)

    table = Table(title=f"Discrepancies ({len(c.discrepancies)})", title_justify="left")
    for col in ("severity", "kind", "item", "original", "summary", "note"):
        if col == "note":
            table.add_column(col, overflow="fold", min_width=30)
        elif col in ("original", "summary"):
            table.add_column(col, overflow="fold", max_width=28)
        else:
            table.add_column(col, no_wrap=True)
    for d in sorted(c.discrepancies, key=lambda d: (SEVERITY_ORDER[d.severity], d.kind)):
        original = _side(d.original_ref, d.original_value) + (RENDERING_MARK if d.rests_on_rendering else "")
        table.add_row(Text(d.severity, style=SEVERITY_STYLE[d.severity]), d.kind, plain(d.item), plain(original),
                      plain(_side(d.summary_ref, d.summary_value)), plain(d.note))
    parts.append(table)
    if any(m.rests_on_rendering for m in c.matches) or any(d.rests_on_rendering for d in c.discrepancies):
        parts.append(Text(f"{RENDERING_MARK} rests on the project's own rendering of the original (a fact marked "
                          "verified: false), not on its wording: do not report it as the original's.", style="dim"))
    for merge in c.merges:
        parts.append(plain(f"Merged: {', '.join(merge.original_refs)} → {merge.summary_ref} ({PLURAL[merge.kind]})"))
    for change in c.order_changes:
        parts.append(Text(safe(f"Order ({PLURAL[change.kind]}): original {' '.join(change.original_refs)}; "
                               f"summary {' '.join(change.summary_refs)}"), style="dim"))
    return Group(*parts)


def print_comparison(c: Comparison, console: Console) -> None:
    console.print(comparison_view(c))
