"""The spaCy document container per language, assembled from configs/pipeline/default.yaml.

spaCy blank pipelines give tokenisation (newmm for Thai, jieba for Chinese) and the Doc; the
project's components (registered below by import) add sentences, gazetteer matches and names.
Pipelines are built once per process and reused for every document.
"""

from __future__ import annotations

import functools
import logging

from pipeline.config import CONFIG_DIR, _load_yaml
from pipeline.errors import ConfigError

log = logging.getLogger(__name__)


def _register_components() -> None:
    # Importing the modules runs their @Language.factory decorators.
    import pipeline.extract.entities  # noqa: F401
    import pipeline.extract.thai_ner  # noqa: F401
    import pipeline.segment.sentences  # noqa: F401


@functools.lru_cache(maxsize=None)
def get_nlp(lang: str):
    import spacy

    _register_components()
    settings = _load_yaml(CONFIG_DIR / "pipeline" / "default.yaml")["languages"]
    if lang not in settings:
        raise ConfigError(f"no pipeline configured for language {lang!r}")
    spec = settings[lang]
    tokenizer = spec.get("tokenizer") or {}
    config = {"nlp": {"tokenizer": tokenizer}} if tokenizer else {}
    if tokenizer.get("segmenter") == "jieba":
        jieba_with_gazetteer()  # before spaCy's segmenter first calls jieba
    nlp = spacy.blank(lang, config=config)
    for component in spec.get("components", []):
        nlp.add_pipe(component["name"], config=component.get("config", {}))
    log.debug("built %s pipeline: %s", lang, nlp.pipe_names)
    return nlp


@functools.lru_cache(maxsize=1)
def jieba_with_gazetteer():
    """jieba, quiet, with the gazetteer's Chinese names in its dictionary.

    jieba may glue a short name to its neighbour ("由科技部"); the names keep them whole tokens.
    Every user of jieba (spaCy's segmenter, the aligner's lexicon) goes through here, so the same
    text segments the same way in every process, whatever ran in it before."""
    import jieba

    from pipeline.config import gazetteer

    jieba.setLogLevel(logging.WARNING)  # it logs its dictionary loading at DEBUG to stderr
    for entry in gazetteer().entries:
        for name in entry.names.get("zh", []):
            jieba.add_word(name)
    return jieba
