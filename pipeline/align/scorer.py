"""The pair scorer: a logistic regression over the anchors, fitted by `python -m
pipeline.evaluation.train_aligner` and shipped as JSON coefficients in models/aligner.json (no pickle)."""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from pipeline.align.features import FEATURES
from pipeline.config import PROJECT_ROOT
from pipeline.errors import ResourceMissing

log = logging.getLogger(__name__)
MODEL_PATH = PROJECT_ROOT / "models" / "aligner.json"
# Encoders without weights of their own borrow these: same anchors, an embedding of similar range.
FALLBACK_ENCODER = "use-m3"


class KindWeights(BaseModel):
    features: list[str]
    coef: list[float]
    intercept: float


class AlignerModel(BaseModel):
    version: int = 1
    threshold: float = 0.5
    merge_threshold: float = 0.5
    encoders: dict[str, dict[str, KindWeights]]
    trained_on: str = ""
    training_pairs: dict[str, int] = {}

    def weights(self, encoder: str, kind: str) -> KindWeights:
        by_kind = self.encoders.get(encoder)
        if by_kind is None:
            log.info("no fitted weights for encoder %s; using %s's", encoder, FALLBACK_ENCODER)
            by_kind = self.encoders[FALLBACK_ENCODER]
        weights = by_kind[kind]
        if weights.features != FEATURES[kind]:
            raise ResourceMissing(f"{MODEL_PATH}: {kind} weights were fitted on other features; retrain the aligner")
        return weights

    def probability(self, encoder: str, kind: str, features: np.ndarray) -> np.ndarray:
        w = self.weights(encoder, kind)
        logits = features @ np.asarray(w.coef, dtype=np.float32) + w.intercept
        return 1.0 / (1.0 + np.exp(-logits))


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> AlignerModel:
    if not path.is_file():
        raise ResourceMissing(f"{path}: aligner weights missing; run `python -m pipeline.evaluation.train_aligner`")
    return AlignerModel.model_validate(json.loads(path.read_text(encoding="utf-8")))
