"""Fit the pair scorer: a logistic regression per item kind and encoder over the anchors, on the
labelled pairs of the zh/en perturbation suite (against the canonical record in the same and in
the other language) and the zh->en cross-language case. Thai cases are held out. Writes models/aligner.json (coefficients as JSON; nothing is pickled).

Run: `python -m pipeline.evaluation.train_aligner` (after changing features, encoders or the training
cases). It sits with the evaluation, whose cases it fits on; the aligner itself never imports it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

import numpy as np

from pipeline.lang.encoders import get_encoder
from pipeline.align.features import FEATURES, feature_tensor
from pipeline.align.scorer import MODEL_PATH, AlignerModel, KindWeights
from pipeline.evaluation.alignment import ENCODERS, TRAINING_LANGS, all_cases, case_sides, is_training_case
from pipeline.io import write_atomic

KINDS = ("target", "goal", "measure")
# Mild regularisation: few features, few hundred positives; keeps weights readable and stable.
REGULARISATION_C = 1.0


def labelled_pairs(encoder: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    enc = get_encoder(encoder)
    xs, ys = [], []
    for case, canonical_lang in _training_views():
        original, summary = case_sides(case.name, canonical_lang)
        left, right = original.items.get(kind, []), summary.items.get(kind, [])
        if not left or not right:
            continue
        features = feature_tensor(kind, left, right, enc)
        positive = {(c, s) for k, c, s in case.matches if k == kind}
        for i, a in enumerate(left):
            for j, b in enumerate(right):
                xs.append(features[i, j])
                ys.append(int((a.ref, b.ref) in positive))
    return np.asarray(xs), np.asarray(ys)


def _training_views():
    """Each zh/en case as it is compared (same language where the record has it) and once more
    against the record's text in the other training language, so the scorer sees cross-language
    pairs without seeing Thai."""
    for case in all_cases():
        if not is_training_case(case):
            continue
        yield case, None
        if case.canonical:
            yield case, next(lang for lang in sorted(TRAINING_LANGS) if lang != case.lang)


def fit(encoder: str, kind: str) -> tuple[KindWeights, Counter]:
    from sklearn.linear_model import LogisticRegression

    x, y = labelled_pairs(encoder, kind)
    model = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=1000).fit(x, y)
    weights = KindWeights(features=FEATURES[kind], coef=[round(float(c), 5) for c in model.coef_[0]],
                          intercept=round(float(model.intercept_[0]), 5))
    return weights, Counter(y.tolist())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    encoders: dict[str, dict[str, KindWeights]] = {}
    pairs: dict[str, int] = {}
    for encoder in ENCODERS:
        encoders[encoder] = {}
        for kind in KINDS:
            weights, counts = fit(encoder, kind)
            encoders[encoder][kind] = weights
            pairs[f"{encoder}.{kind}.positive"] = counts[1]
            pairs[f"{encoder}.{kind}.negative"] = counts[0]
            print(f"{encoder:<8} {kind:<8} {dict(zip(weights.features, weights.coef))} b={weights.intercept}")
    model = AlignerModel(encoders=encoders, training_pairs=pairs,
                         trained_on="perturbation suite of the zh and en renderings, against the record in zh and in en, + shenzhen-nev-plan zh->en")
    write_atomic(MODEL_PATH, json.dumps(model.model_dump(), indent=1) + "\n")
    print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
