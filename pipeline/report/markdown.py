"""The brief as Markdown, for a message or a wiki page. Document text is escaped so that a viewer
renders it as text: no HTML tag, link, emphasis or table cell break can come from a document."""

from __future__ import annotations

import re

from pipeline.report.brief import Brief, SideView, TargetView

# Characters Markdown (CommonMark and GitHub's tables) gives a meaning to, and HTML's own.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|~])")
HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def md(text: object) -> str:
    """Document text made inert in Markdown, on one line (a table cell cannot span lines)."""
    text = " ".join(str(text if text is not None else "").split())
    text = "".join(HTML_SPECIAL.get(ch, ch) for ch in text)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _targets(side: SideView, rows: list[TargetView], brief: Brief) -> list[str]:
    labels = brief.ui.labels
    header = [labels["id"], labels["metric"], labels["comparator"], labels["value"], labels["year"], labels["baseline"],
              labels["gloss"], labels["text"]]
    return _table(header, [[md(t.id), md(t.metric or "") + (f" `{t.metric_id}`" if t.metric_id else ""),
                            md(t.comparator), md(t.value), md(t.year), md(t.baseline), md(t.gloss), md(t.text)]
                           for t in rows])


def render_markdown(brief: Brief) -> str:
    ui, labels = brief.ui, brief.ui.labels
    out = [f"# {md(brief.title)}", "", f"_{md(brief.generated)}_", ""]
    out += [f"> **{md(w)}**\n" for w in brief.warnings]
    for side in brief.sides:
        out += [f"## {md(side.heading)}: {md(side.title)}", "",
                f"{labels['source']}: {md(side.source)} · {labels['language']}: {side.lang}", "",
                f"**{labels['issuers']}**", ""]
        out += [f"- {md(i.text)}" + (f" — {md(i.name)}" if i.name and i.name != i.text else "")
                + (f" `{i.canonical_id}`" if i.canonical_id else "") for i in side.issuers] or [f"- {labels['no_issuers']}"]
        out += ["", f"**{labels['dates']}**", ""]
        inferred = "\\*"
        out += [f"- {md(d.text)} → {d.iso}{inferred if d.year_inferred else ''} ({md(d.role)})" for d in side.dates] \
            or [f"- {labels['no_dates']}"]
        out.append("")
    if len(brief.sides) > 1:
        out += [f"## {labels['discrepancies']}", ""]
        if not brief.discrepancies:
            out += [labels["no_discrepancies"], ""]
        for label, rows in brief.discrepancies:
            out += [f"### {md(label)} ({len(rows)})", ""]
            out += _table([labels["kind"], labels["original"], labels["summary"], labels["change"]], [[
                md(d.item),
                " ".join(filter(None, [md(d.original_ref or ""), md(d.original_text or ""),
                                       "†" if d.rests_on_rendering else ""])),
                " ".join(filter(None, [md(d.summary_ref or ""), md(d.summary_text or "")])),
                md(d.change),
            ] for d in rows])
        if any(d.rests_on_rendering for _, rows in brief.discrepancies for d in rows):
            out += [f"† {md(labels['rendering_warning'])}", ""]
    for side in brief.sides:
        out += [f"## {md(side.heading)}: {labels['targets']} ({len(side.targets)})", ""]
        out += _targets(side, side.targets, brief)
        if side.goals:
            out += [f"### {labels['goals']} ({len(side.goals)})", ""]
            out += [f"- {md(g.id)} ({g.year or '—'}): {md(g.text)}" for g in side.goals] + [""]
        if side.chapters:
            out += [f"### {labels['measures']}", ""]
            for c in side.chapters:
                out += [f"- **{md(c.title)}**"] + [f"  - {md(m.label)} {md(m.title)}" for m in c.measures]
            out.append("")
    if brief.matches:
        out += [f"## {labels['matches']} ({len(brief.matches)})", ""]
        out += _table([labels["kind"], labels["original"], labels["summary"], labels["score"]], [[
            md(ui.kinds.get(m.kind, m.kind)), f"{md(m.original_ref)}{' †' if m.rests_on_rendering else ''} {md(m.original_text)}",
            f"{md(m.summary_ref)} {md(m.summary_text)}", f"{m.score:.2f}"] for m in brief.matches])
    return "\n".join(out).rstrip() + "\n"
