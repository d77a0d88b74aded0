"""Matching as an assignment that allows omissions (1-0), additions (0-1), merges (many-to-one)
and any order: a maximum-weight one-to-one assignment over the pair probabilities, pairs below
the threshold dropped; then a canonical item left over joins the summary item it scores best
with, when that score clears the merge threshold (a summary that merged two measures)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

Pair = tuple[int, int, float]


def assign(prob: np.ndarray, threshold: float, merge_threshold: float) -> tuple[list[Pair], list[Pair]]:
    if prob.size == 0:
        return [], []
    # log-probabilities make the assignment prefer many confident pairs over a few certain ones
    rows, cols = linear_sum_assignment(-np.log(np.clip(prob, 1e-9, 1.0)))
    pairs = [(int(i), int(j), float(prob[i, j])) for i, j in zip(rows, cols) if prob[i, j] >= threshold]
    matched_rows = {i for i, _, _ in pairs}
    matched_cols = {j for _, j, _ in pairs}
    merges = []
    for i in range(prob.shape[0]):
        if i in matched_rows:
            continue
        j = int(np.argmax(prob[i]))
        if prob[i, j] >= merge_threshold and j in matched_cols:
            merges.append((i, j, float(prob[i, j])))
    return pairs, merges


def moved(order: list[int]) -> set[int]:
    """Positions (in `order`) of the items outside a longest increasing subsequence: the fewest
    items that, moved back, restore the original order."""
    if not order:
        return set()
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(order)
    import bisect

    for k, value in enumerate(order):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(k)
        else:
            tails[pos] = value
            tail_index[pos] = k
        parent[k] = tail_index[pos - 1] if pos > 0 else -1
    keep, k = set(), tail_index[-1]
    while k >= 0:
        keep.add(k)
        k = parent[k]
    return set(range(len(order))) - keep
