"""Anchors: the evidence that an item of one side is an item of the other.

Every pair gets the same features for its kind; a fitted logistic model (scorer.py) weighs them.
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np

from pipeline.lang.encoders import Encoder
from pipeline.align.items import AlignItem, TargetFacts
from pipeline.lang.lexicon import english_bag, overlap
from pipeline.extract.units import convert, same_amount

COMMON = ["embedding", "embedding_local", "mutual_best", "neighbours", "lexical", "lexical_local", "numbers",
          "entities", "position"]
# Neighbourhood size for the local scaling below (CSLS, Conneau et al. 2018).
CSLS_K = 3
FEATURES = {
    "target": COMMON + ["unit", "per", "growth", "year", "value", "metric"],
    "goal": COMMON + ["year"],
    "measure": COMMON,
}


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _same_value(a: Optional[float], b: Optional[float]) -> float:
    return float(a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9))


def _target_features(a: Optional[TargetFacts], b: Optional[TargetFacts]) -> dict[str, float]:
    if a is None or b is None:
        return {"unit": 0.0, "per": 0.0, "growth": 0.0, "year": 0.0, "value": 0.0, "metric": 0.0}
    same_per = (a.per is None and b.per is None) or (
        a.per is not None and b.per is not None and a.per.unit == b.per.unit and _same_value(a.per.value, b.per.value))
    return {
        "unit": float(a.unit == b.unit or (a.unit is not None and b.unit is not None and convert(1.0, a.unit, b.unit) is not None)),
        "per": float(same_per),
        "growth": float(a.growth == b.growth),
        "year": float(a.year == b.year),
        "value": float(same_amount(a.value, a.unit, b.value, b.unit)),
        # both sides' wording names the same metric in the lexicon (gdp_growth): evidence across languages
        "metric": float(a.metric is not None and a.metric == b.metric),
    }


def local_scaling(sim: np.ndarray, k: int = CSLS_K) -> np.ndarray:
    """How much a pair stands out from each item's nearest neighbours: 2*sim - r_left - r_right,
    with r the mean of an item's k highest similarities. Cross-language similarities sit lower
    than same-language ones, and by different amounts for each language pair; the standing of a
    pair among its neighbours does not, so a scorer fitted on zh<->en transfers to Thai."""
    k_right = min(k, sim.shape[1])
    k_left = min(k, sim.shape[0])
    r_left = np.sort(sim, axis=1)[:, -k_right:].mean(axis=1, keepdims=True)
    r_right = np.sort(sim, axis=0)[-k_left:, :].mean(axis=0, keepdims=True)
    return 2 * sim - r_left - r_right


def mutual_best(sim: np.ndarray) -> np.ndarray:
    """1 where each item of the pair is the other's most similar item."""
    rows = sim == sim.max(axis=1, keepdims=True)
    cols = sim == sim.max(axis=0, keepdims=True)
    return (rows & cols).astype(np.float32)


def neighbour_support(best: np.ndarray) -> np.ndarray:
    """The share of a pair's two diagonal neighbours, (i-1, j-1) and (i+1, j+1), that are mutual
    best pairs. Summaries reorder and drop items but mostly keep local order, so an item with
    weak evidence of its own between two clear matches is likely the match in between."""
    padded = np.pad(best, 1)
    return (padded[:-2, :-2] + padded[2:, 2:]) / 2.0


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
    lexical = np.array([[overlap(a, b) for b in bags_right] for a in bags_left], dtype=np.float32)
    entities = np.array([[_jaccard(a.entity_ids, b.entity_ids) for b in right] for a in left], dtype=np.float32)
    embedding_local, lexical_local = local_scaling(similarity), local_scaling(lexical)
    # Mutual best on all content anchors together: text, translated words and shared names.
    best = mutual_best(similarity + lexical + entities)
    support = neighbour_support(best)
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            values = {
                "embedding": float(similarity[i, j]),
                "embedding_local": float(embedding_local[i, j]),
                "mutual_best": float(best[i, j]),
                "neighbours": float(support[i, j]),
                "lexical": float(lexical[i, j]),
                "lexical_local": float(lexical_local[i, j]),
                "numbers": _jaccard(a.numbers, b.numbers),
                "entities": float(entities[i, j]),
                "position": 1.0 - abs(a.position - b.position),
                "year": float(a.year == b.year) if a.year is not None and b.year is not None else 0.0,
                **(_target_features(a.facts, b.facts) if kind == "target" else {}),
            }
            out[i, j] = [values[n] for n in names]
    return out
