"""Names outside the gazetteer, from the NER backend the language file names (`ner.engine`, a
registered name such as `th.thainer_crf.v1`), as a spaCy component (`pp_ner`).

A backend is built with the language code and offers `entities(text, words) -> [(start, end,
type)]` for one sentence (`words`: its tokens, concatenating to the text); this component runs it
sentence by sentence and keeps the names that look like names.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import lang_data
from pipeline.errors import ConfigError
from pipeline.extract.entities import NER_KEY
from pipeline.registry import registry


@functools.lru_cache(maxsize=None)
def ner_backend(lang: str):
    config = lang_data(lang).ner
    if config is None:
        raise ConfigError(f"configs/lang/{lang}.yaml has no ner section, but its pipeline runs pp_ner")
    return registry.ner_backends.get(config.engine)(lang)


@Language.factory("pp_ner", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_ner(nlp: Language, name: str):
    return NerComponent(nlp.lang)


class NerComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        # taggers run on over lists: a name never ends with a word that joins names ("และ")
        self.joiners = tuple(w for w in lang_data(lang).issuer_joiners if w.strip(",，、 "))

    def __call__(self, doc: Doc) -> Doc:
        ner = ner_backend(self.lang)
        found: list[tuple[int, int, str]] = []
        for sent in doc.sents:
            if sent.text.strip():
                found.extend((sent.start_char + s, sent.start_char + e, label)
                             for s, e, label in ner.entities(sent.text, [t.text_with_ws for t in sent])
                             if _plausible_name(sent.text[s:e], self.joiners))
        # Exact character spans for the record; token-aligned spans for spaCy consumers.
        doc.user_data[NER_KEY] = found
        doc.spans[NER_KEY] = [
            span for s, e, label in found
            if (span := doc.char_span(s, e, label=label, alignment_mode="expand"))
        ]
        return doc


# Taggers run on over lists ("ศูนย์ ก ศูนย์ ข และ ...") and across brackets; a name is short,
# holds at most one space and no bracket, and does not end with a joining word.
MAX_NAME_CHARS = 50
MAX_NAME_SPACES = 1


def _plausible_name(name: str, joiners: tuple[str, ...] = ()) -> bool:
    return (len(name) <= MAX_NAME_CHARS and not name[0].isdigit() and name.count(" ") <= MAX_NAME_SPACES
            and not any(ch in name for ch in "()（）“”\"") and not name.endswith(joiners))
