"""One contract for every encoder: normalised rows, one per text, deterministic, and a text
closer to its translation than to an unrelated one."""

from pathlib import Path

import numpy as np
import pytest

from pipeline.lang.encoders import ENCODERS, HFEncoder, get_encoder

TEXTS = ["Build a high-level laboratory system", "构建高水平实验室体系", "Strengthen monitoring and evaluation"]
LANGS = ["en", "zh", "en"]


def _tiny_hf_model(folder: Path) -> Path:
    """A randomly initialised two-layer BERT, saved like any local model: the real loading code."""
    transformers = pytest.importorskip("transformers")
    import torch

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"abcdefghijklmnopqrstuvwxyz", "构", "建", "实", "验", "室"]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                     intermediate_size=64, max_position_embeddings=64)
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(folder)
    return folder


# The hf encoder needs the optional torch + transformers extra (needs_model: `-m "not needs_model"`
# leaves it out where the extra is not installed).
@pytest.fixture(params=[pytest.param(name, marks=pytest.mark.needs_model) if name == "hf" else name
                        for name in sorted(ENCODERS)])
def encoder(request, tmp_path_factory):
    if request.param == "hf":
        return HFEncoder(model=str(_tiny_hf_model(tmp_path_factory.mktemp("tiny-bert"))), device="cpu")
    return get_encoder(request.param)


def test_encoder_contract(encoder):
    vectors = encoder.encode(TEXTS, LANGS)
    assert vectors.shape[0] == len(TEXTS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors, encoder.encode(TEXTS, LANGS), atol=1e-6)


@pytest.mark.parametrize("name", ["use-m3", "lexical"])
def test_a_translation_is_closer_than_an_unrelated_text(name):
    vectors = get_encoder(name).encode(TEXTS, LANGS)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_hf_without_a_model_says_how_to_give_one(monkeypatch):
    from pipeline.errors import ConfigError

    monkeypatch.delenv("POLICY_PIPELINE_HF_MODEL", raising=False)
    with pytest.raises(ConfigError, match="needs a model"):
        HFEncoder().encode(["x"], ["en"])


@pytest.mark.needs_model
def test_hf_with_a_missing_directory_fails_cleanly(tmp_path):
    pytest.importorskip("transformers")
    from pipeline.errors import ResourceMissing

    with pytest.raises(ResourceMissing, match="cannot load"):
        HFEncoder(model=str(tmp_path / "absent")).encode(["x"], ["en"])


def test_unknown_encoder_is_refused():
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown encoder"):
        get_encoder("word2vec")
