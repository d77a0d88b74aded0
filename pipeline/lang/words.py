"""Words of a text, per language, for the aligner's word-by-word lexicon (registered in
pipeline/registry.py and chosen by a language file's `segmenter`)."""

from __future__ import annotations

import functools
import logging


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


def jieba_words(text: str) -> list[str]:
    return [w for w in jieba_with_gazetteer().lcut(text) if w.strip()]


def newmm_words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


def no_words(text: str) -> list[str]:
    """A language read directly, word for word: its words need no lexicon."""
    return []
