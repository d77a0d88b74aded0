"""One registry for language-specific code, in the spaCy style.

A language file names the implementations its language uses by registered name
(`segmenter: zh.jieba.v1`, `lexicon: zh.cedict.v1`), and a stage asks the registry for them
instead of branching on a language code. Entries are lazy "module:attr" strings, so naming a
language's code never imports it (jieba and PyThaiNLP load only when a text needs them); a
plug-in registers its own with the decorator:

    @registry.word_segmenters("vi.pyvi.v1")
    def vietnamese_words(text: str) -> list[str]: ...
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from pipeline.errors import ConfigError


class Registry:
    """Names -> implementations of one kind, each given as an object or as "module:attr"."""

    def __init__(self, kind: str, entries: dict[str, str]) -> None:
        self.kind = kind
        self._entries: dict[str, Any] = dict(entries)

    def __call__(self, name: str) -> Callable[[Any], Any]:
        """Register the decorated function or class under `name`."""
        def register(obj: Any) -> Any:
            self._entries[name] = obj
            return obj
        return register

    def register(self, name: str, target: Any) -> None:
        self._entries[name] = target

    def get(self, name: str) -> Any:
        if name not in self._entries:
            known = ", ".join(sorted(self._entries)) or "none"
            raise ConfigError(f"no {self.kind} registered as {name!r} (registered: {known})")
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attr = entry.partition(":")
            entry = getattr(importlib.import_module(module), attr)
            self._entries[name] = entry
        return entry

    def find(self, name: str) -> Any:
        """The entry registered as `name`, or None where the language needs none."""
        return self.get(name) if name in self._entries else None

    def names(self) -> list[str]:
        return sorted(self._entries)


class _Registries:
    def __init__(self) -> None:
        # Words of a text, for the aligner's lexicon: str -> list[str].
        self.word_segmenters = Registry("word segmenter", {
            "zh.jieba.v1": "pipeline.lang.words:jieba_words",
            "th.newmm_crfcut.v1": "pipeline.lang.words:newmm_words",
            "en.sentencizer.v1": "pipeline.lang.words:no_words",
        })
        # A word's English translations (and sense ids): str -> frozenset[str].
        self.lexicons = Registry("lexicon", {
            "zh.cedict.v1": "pipeline.lang.lexicon:chinese_word",
            "th.translit_wordnet.v1": "pipeline.lang.lexicon:thai_word",
        })
        # A whole run of number words read by a library (a language file's number_word_reader;
        # "table" languages are read from their own tables): str -> float.
        self.number_word_readers = Registry("number-word reader", {
            "chinese": "pipeline.lang.numerals:read_chinese",
            "thai": "pipeline.lang.numerals:read_thai",
        })
        # Names in a sentence (a language file's ner.engine): built with the language code, then
        # .entities(text, words) -> [(start, end, entity type)].
        self.ner_backends = Registry("NER backend", {
            "th.thainer_crf.v1": "pipeline.extract.thai_ner:ThaiNer",
        })
        # The record's extraction stages (configs/pipeline/default.yaml `record:`): pipeline.stages.Stage.
        self.record_stages = Registry("record stage", {
            name: f"pipeline.stages:{name.upper()}"
            for name in ("targets", "entities", "issuers", "metric_ids", "measures", "glosses")
        })
        # What must run before a language's spaCy pipeline is first built (jieba learns the
        # gazetteer's names before spaCy's segmenter first calls it): () -> None.
        self.tokenizer_setups = Registry("tokenizer setup", {
            "zh.jieba.v1": "pipeline.lang.words:jieba_with_gazetteer",
        })


registry = _Registries()
