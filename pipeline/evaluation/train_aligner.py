"""Fit the pair scorer: a logistic regression per item kind and encoder over the anchors, on the
labelled pairs of the zh/en perturbation suite (against the canonical record in the same and in
the other language) and the zh->en cross-language case, and, for targets, the gold-linked targets
of the real corpus's dev cross-language pairs (th, zh and en; the test and heldout sides are never
read). Thai perturbation cases are held out. Writes models/aligner.json (coefficients as JSON; nothing is pickled).

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
# The encoder whose target weights also learn from the real corpus's cross-language pairs. The
# lexical fallback reads translated words, which real summaries paraphrase: fitted on them too, it
# weighed wording less and lost on the Thai perturbation suite (discrepancy precision 0.757 -> 0.743).
CORPUS_ENCODER = "use-m3"


def corpus_pairs(encoder: str) -> tuple[list[np.ndarray], list[int]]:
    """Target pairs of the real corpus's development cross-language groups (corpora/real, dev split):
    a pair of the records' targets is positive where both state one gold-linked target. Only the
    rows and columns of linked targets are labelled: two targets the annotator linked to nothing
    may still be one target, and are no evidence either way."""
    from pipeline.align.items import side_from_record
    from pipeline.analyze import analyze_file
    from pipeline.evaluation.crosslang import cross_language_pairs, linked_target_pairs

    enc = get_encoder(encoder)
    records: dict[str, object] = {}
    xs, ys = [], []
    for _, a, b in cross_language_pairs(splits=("dev",)):
        for doc in (a, b):
            if doc.gold.id not in records:
                records[doc.gold.id] = analyze_file(doc.path, lang=doc.gold.lang)
        record_a, record_b = records[a.gold.id], records[b.gold.id]
        positive = linked_target_pairs(a, b, record_a, record_b)
        left, right = side_from_record(record_a).items["target"], side_from_record(record_b).items["target"]
        if not positive or not left or not right:
            continue
        features = feature_tensor("target", left, right, enc)
        rows, columns = {x for x, _ in positive}, {y for _, y in positive}
        for i, x in enumerate(left):
            for j, y in enumerate(right):
                if x.ref in rows or y.ref in columns:
                    xs.append(features[i, j])
                    ys.append(int((x.ref, y.ref) in positive))
    return xs, ys


def labelled_pairs(encoder: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    enc = get_encoder(encoder)
    xs, ys = [], []
    if kind == "target" and encoder == CORPUS_ENCODER:
        xs, ys = corpus_pairs(encoder)
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
                         trained_on="perturbation suite of the zh and en renderings, against the record in zh and in en, + shenzhen-nev-plan zh->en; "
                                    "targets also on the real corpus's dev cross-language pairs (corpora/real, gold links)")
    write_atomic(MODEL_PATH, json.dumps(model.model_dump(), indent=1) + "\n")
    print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
