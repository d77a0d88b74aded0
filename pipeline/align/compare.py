"""Comparing a summary with its original: what was kept, dropped, merged, moved or changed.

The original is a curated canonical record or another analysed document (document A); the
summary is document B. Targets, goals and measures are aligned by the fitted scorer over their
anchors; entities by canonical id; dates by role.
"""

from __future__ import annotations

import math
from typing import Optional

from pipeline.align.assign import assign, moved
from pipeline.lang.encoders import get_encoder
from pipeline.align.features import FEATURES, feature_tensor
from pipeline.align.items import AlignItem, Side, side_from_canonical, side_from_record
from pipeline.align.scorer import AlignerModel, load_model
from pipeline.extract.units import convert, same_amount
from pipeline.canonical.model import CanonicalRecord
from pipeline.schema import Comparison, Discrepancy, Match, Merge, OrderChange, Record, SideInfo
from pipeline.settings import Settings, default_settings, overriding

ITEM_KINDS = ("target", "goal", "measure")
OMISSION_SEVERITY = {"target": "high", "goal": "medium", "measure": "medium", "entity": "low", "date": "low"}
ADDITION_SEVERITY = {"target": "medium", "goal": "low", "measure": "low", "entity": "low"}
CHANGE_SEVERITY = {"value": "high", "year": "high", "comparator": "medium", "unit": "medium"}
# Below this share of matched targets, goals and measures (with at least MIN_ITEMS on the smaller
# side) the two documents are probably not the same policy, and their "discrepancies" are noise.
UNRELATED_SHARE = 0.25
MIN_ITEMS = 5


def compare_with_canonical(summary: Record, canonical: CanonicalRecord, encoder: Optional[str] = None,
                           settings: Optional[Settings] = None) -> Comparison:
    return compare_sides(side_from_canonical(canonical, summary.document.lang), side_from_record(summary), encoder,
                         settings=settings)


def compare_documents(a: Record, b: Record, encoder: Optional[str] = None, settings: Optional[Settings] = None) -> Comparison:
    return compare_sides(side_from_record(a), side_from_record(b), encoder, settings=settings)


def compare_sides(original: Side, summary: Side, encoder: Optional[str] = None,
                  model: Optional[AlignerModel] = None, settings: Optional[Settings] = None) -> Comparison:
    """`encoder`: a registered encoder's name, else the settings' align.encoder; `settings`: None,
    the packaged defaults (align.threshold and merge_threshold, where set, replace the model's)."""
    align = (settings or default_settings()).align
    encoder = encoder or align.encoder
    model = overriding(model or load_model(), threshold=align.threshold, merge_threshold=align.merge_threshold)
    enc = get_encoder(encoder)
    matches: list[Match] = []
    discrepancies: list[Discrepancy] = []
    order_changes: list[OrderChange] = []
    merges: list[Merge] = []
    for kind in ITEM_KINDS:
        left, right = original.items.get(kind, []), summary.items.get(kind, [])
        features = feature_tensor(kind, left, right, enc)
        prob = model.probability(encoder, kind, features) if features.size else features[..., 0]
        pairs, merged = assign(prob, model.threshold, model.merge_threshold)
        for i, j, p in pairs + merged:
            matches.append(_match(kind, left[i], right[j], p, features[i, j], merged=(i, j, p) in merged))
        for i, j, _ in pairs:
            discrepancies.extend(_changes(kind, left[i], right[j]))
        taken_left = {i for i, _, _ in pairs + merged}
        taken_right = {j for _, j, _ in pairs}
        discrepancies += [_omission(kind, item) for i, item in enumerate(left) if i not in taken_left]
        discrepancies += [_addition(kind, item) for j, item in enumerate(right) if j not in taken_right]
        merges += _merges(kind, left, right, pairs, merged)
        order_changes += _order_change(kind, left, right, pairs)
    entity_matches, entity_discrepancies, entity_order = _entities(original, summary)
    matched, smaller = match_share(original, summary, matches)
    warnings = [f"only {matched} of {smaller} items match: the documents may not be the same policy"] \
        if looks_unrelated(matched, smaller) else []
    return Comparison(
        original=SideInfo(id=original.id, source=original.source, lang=original.lang, kind=original.kind),
        summary=SideInfo(id=summary.id, source=summary.source, lang=summary.lang, kind=summary.kind),
        encoder=encoder,
        matches=matches + entity_matches,
        discrepancies=discrepancies + entity_discrepancies + _dates(original, summary),
        order_changes=order_changes + entity_order,
        merges=merges,
        glosses={**summary.glosses, **original.glosses},
        matched_items=matched,
        comparable_items=smaller,
        warnings=warnings,
    )


def looks_unrelated(matched: int, comparable: int) -> bool:
    return comparable >= MIN_ITEMS and matched < UNRELATED_SHARE * comparable


def match_share(original: Side, summary: Side, matches: list[Match]) -> tuple[int, int]:
    """How many targets, goals and measures matched, and how many the smaller side has."""
    sizes = [sum(len(side.items.get(kind, [])) for kind in ITEM_KINDS) for side in (original, summary)]
    return sum(1 for m in matches if m.kind in ITEM_KINDS and not m.merged), min(sizes)


def _match(kind: str, a: AlignItem, b: AlignItem, score: float, features, merged: bool) -> Match:
    evidence = {name: round(float(v), 3) for name, v in zip(FEATURES[kind], features) if v > 0}
    return Match(kind=kind, original_ref=a.ref, original_span=a.span, summary_ref=b.ref, summary_span=b.span,
                 original_text=a.text, summary_text=b.text, rests_on_rendering=not a.verified,
                 score=round(score, 4), evidence=evidence, merged=merged)


def _same(x, y) -> bool:
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return math.isclose(x, y, rel_tol=1e-9)
    return x == y


def _changes(kind: str, a: AlignItem, b: AlignItem) -> list[Discrepancy]:
    """What differs between two aligned items: value, comparator, year, unit or denominator."""
    out = []
    if kind == "target" and a.facts and b.facts:
        fa, fb = a.facts, b.facts
        checks = [("comparator", fa.comparator, fb.comparator), ("year", fa.year, fb.year)]
        if fa.value_max is not None and fb.value_max is not None and fa.unit == fb.unit:
            checks.append(("value", fa.value_max, fb.value_max))  # the upper ends of two ranges
        if fa.unit == fb.unit or convert(1.0, fa.unit or "", fb.unit or "") is None:
            checks += [("value", fa.value, fb.value), ("unit", fa.unit, fb.unit)]
        elif not same_amount(fa.value, fa.unit, fb.value, fb.unit):
            # Units of one dimension (斤 and tonnes): the values are compared after conversion.
            converted = convert(fa.value, fa.unit, fb.unit) if fa.value is not None else None
            out.append(_change("value", kind, a, b, fa.value, fb.value,
                               note=f"{fa.value:g} {fa.unit} is {converted:g} {fb.unit}" if converted is not None else ""))
        for name, ca, sb in checks:
            if not _same(ca, sb):
                out.append(_change(name, kind, a, b, ca, sb))
        per_a = fa.per.model_dump() if fa.per else None
        per_b = fb.per.model_dump() if fb.per else None
        if per_a != per_b and not (per_a and per_b and _same(per_a["value"], per_b["value"]) and per_a["unit"] == per_b["unit"]):
            out.append(_change("unit", kind, a, b, {"per": per_a}, {"per": per_b}, note="denominator differs"))
    elif kind == "goal" and a.year is not None and b.year is not None and a.year != b.year:
        out.append(_change("year", kind, a, b, a.year, b.year))
    return out


def _change(name, kind, a, b, original_value, summary_value, note="") -> Discrepancy:
    return Discrepancy(kind=name, item=kind, original_ref=a.ref, summary_ref=b.ref, original_value=original_value,
                       summary_value=summary_value, severity=CHANGE_SEVERITY[name], note=note,
                       **_original(a), **_summary(b))


def _omission(kind: str, item: AlignItem) -> Discrepancy:
    return Discrepancy(kind="omission", item=kind, original_ref=item.ref, original_value=item.text,
                       severity=OMISSION_SEVERITY[kind], note="not in the summary", **_original(item))


def _addition(kind: str, item: AlignItem) -> Discrepancy:
    return Discrepancy(kind="addition", item=kind, summary_ref=item.ref, summary_value=item.text,
                       severity=ADDITION_SEVERITY[kind], note="not in the original", **_summary(item))


def _original(item: AlignItem) -> dict:
    """The original's side of a discrepancy: its text, span, and whether it is a rendering."""
    return {"original_text": item.text, "original_span": item.span, "rests_on_rendering": not item.verified}


def _summary(item: AlignItem) -> dict:
    return {"summary_text": item.text, "summary_span": item.span}


def _merges(kind, left, right, pairs, merged) -> list[Merge]:
    out = []
    for _, j, _ in merged:
        refs = [left[i].ref for i, jj, _ in pairs + merged if jj == j]
        if not any(m.summary_ref == right[j].ref for m in out):
            out.append(Merge(kind=kind, original_refs=sorted(refs, key=lambda r: [x.ref for x in left].index(r)),
                             summary_ref=right[j].ref))
    return out


def _order_change(kind: str, left, right, pairs) -> list[OrderChange]:
    by_summary = sorted(pairs, key=lambda p: p[1])
    order = [i for i, _, _ in by_summary]
    out_of_place = moved(order)
    if not out_of_place:
        return []
    involved = sorted(order[k] for k in out_of_place)
    lo, hi = min(involved), max(involved)
    span = [p for p in by_summary if lo <= p[0] <= hi or p[0] in involved]
    return [OrderChange(kind=kind, original_refs=[left[i].ref for i in sorted(p[0] for p in span)],
                        summary_refs=[right[j].ref for _, j, _ in span])]


def _entities(original: Side, summary: Side) -> tuple[list[Match], list[Discrepancy], list[OrderChange]]:
    """Entities align by canonical id. A summary naming more places is no discrepancy; naming an
    issuer the original lacks is one."""
    matches, discrepancies = [], []
    present = set(summary.entity_order)
    for cid in original.entity_order:
        if cid in present:
            matches.append(Match(kind="entity", original_ref=cid, original_span=original.entity_spans.get(cid),
                                 summary_ref=cid, summary_span=summary.entity_spans.get(cid),
                                 original_text=original.entity_texts.get(cid, cid),
                                 summary_text=summary.entity_texts.get(cid, cid), score=1.0,
                                 evidence={"canonical_id": 1.0}))
        else:
            discrepancies.append(Discrepancy(kind="omission", item="entity", original_ref=cid, original_value=cid,
                                             original_text=original.entity_texts.get(cid),
                                             original_span=original.entity_spans.get(cid),
                                             severity=OMISSION_SEVERITY["entity"], note="not named in the summary"))
    for cid in summary.issuer_ids:
        if original.issuer_ids and cid not in original.issuer_ids:
            discrepancies.append(Discrepancy(kind="addition", item="entity", summary_ref=cid, summary_value=cid,
                                             summary_text=summary.entity_texts.get(cid),
                                             summary_span=summary.entity_spans.get(cid),
                                             severity="medium", note="an issuer the original does not name"))
    order = []
    zones = [z for z in original.zone_order if z in present]
    in_summary = sorted(zones, key=lambda z: summary.entity_order.index(z))
    if zones != in_summary:
        order.append(OrderChange(kind="entity", original_refs=zones, summary_refs=in_summary))
    return matches, discrepancies, order


def _dates(original: Side, summary: Side) -> list[Discrepancy]:
    """The summary's dates against the original's. A date the original also gives is right, but
    a publication date given instead of the date the document bears is information; a date of a
    role the original gives differently is a discrepancy; a role the original lacks is not compared."""
    if not original.dates:
        return []
    dated = original.dates.get("dated")
    published = original.dates.get("published")
    if not summary.dates:
        return [Discrepancy(kind="omission", item="date", original_ref="dated" if dated else "published",
                            original_value=dated or published, severity=OMISSION_SEVERITY["date"],
                            note="the summary gives no date")]
    known = set(original.dates.values())
    given = set(summary.dates.values())
    out = []
    for role, iso in summary.dates.items():
        if iso in known:
            if iso == published and dated and dated not in given:
                out.append(Discrepancy(kind="date", item="date", original_ref="dated", summary_ref=role,
                                       original_value=dated, summary_value=iso, severity="info",
                                       note=f"the summary gives the publication date; the document is dated {dated}"))
            continue
        expected = original.dates.get(role)
        if expected is not None:
            out.append(Discrepancy(kind="date", item="date", original_ref=role, summary_ref=role,
                                   original_value=expected, summary_value=iso, severity="high", note="date differs"))
    return out
