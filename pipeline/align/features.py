"""Anchors: the evidence that an item of one side is an item of the other.

Every pair gets the same features for its kind; a fitted logistic model (scorer.py) weighs them.
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np

from pipeline.align.encoders import Encoder
from pipeline.align.items import AlignItem, TargetFacts
from pipeline.align.lexicon import english_bag, overlap

COMMON = ["embedding", "lexical", "numbers", "entities", "position"]
FEATURES = {
    "target": COMMON + ["unit", "per", "growth", "year", "value"],
    "goal": COMMON + ["year"],
    "measure": COMMON,
}


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _same_value(a: Optional[float], b: Optional[float]) -> float:
    return float(a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9))


def _target_features(a: Optional[TargetFacts], b: Optional[TargetFacts]) -> dict[str, float]:
    if a is None or b is None:
        return {"unit": 0.0, "per": 0.0, "growth": 0.0, "year": 0.0, "value": 0.0}
    same_per = (a.per is None and b.per is None) or (
        a.per is not None and b.per is not None and a.per.unit == b.per.unit and _same_value(a.per.value, b.per.value))
    return {
        "unit": float(a.unit == b.unit),
        "per": float(same_per),
        "growth": float(a.growth == b.growth),
        "year": float(a.year == b.year),
        "value": _same_value(a.value, b.value),
    }


def feature_tensor(kind: str, left: Sequence[AlignItem], right: Sequence[AlignItem], encoder: Encoder) -> np.ndarray:
    """Features of every (left, right) pair: shape (len(left), len(right), len(FEATURES[kind]))."""
    names = FEATURES[kind]
    out = np.zeros((len(left), len(right), len(names)), dtype=np.float32)
    if not left or not right:
        return out
    vectors = encoder.encode([i.text for i in [*left, *right]], [i.lang for i in [*left, *right]])
    similarity = vectors[: len(left)] @ vectors[len(left):].T
    bags_left = [english_bag(i.text, i.lang) for i in left]
    bags_right = [english_bag(i.text, i.lang) for i in right]
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            values = {
                "embedding": float(similarity[i, j]),
                "lexical": overlap(bags_left[i], bags_right[j]),
                "numbers": _jaccard(a.numbers, b.numbers),
                "entities": _jaccard(a.entity_ids, b.entity_ids),
                "position": 1.0 - abs(a.position - b.position),
                "year": float(a.year == b.year) if a.year is not None and b.year is not None else 0.0,
                **(_target_features(a.facts, b.facts) if kind == "target" else {}),
            }
            out[i, j] = [values[n] for n in names]
    return out
