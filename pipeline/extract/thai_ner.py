"""Thai names outside the gazetteer, from the ThaiNER 1.5 CRF that PyThaiNLP 5.4 bundles.

PyThaiNLP's own `NER("thainer")` asks for a corpus named "thainer-1.5" that is not bundled
(the package ships `thainer_crf_1_5_1.model`) and expects a POS tagset it does not bundle either.
The CRF itself works when fed PyThaiNLP's bundled perceptron POS tags (corpus "tud", UD tags)
mapped to the LST20 tagset the model was trained on. This module does exactly that, behind the
`ThaiNer` interface, so the workaround lives in one place.
"""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import lang_data
from pipeline.errors import ConfigError, ResourceMissing
from pipeline.extract.entities import NER_KEY

MODEL_FILE = "thainer_crf_1_5_1.model"


def model_path() -> Path:
    import pythainlp

    path = Path(pythainlp.__file__).parent / "corpus" / MODEL_FILE
    if not path.is_file():
        raise ResourceMissing(f"Thai NER model {MODEL_FILE} is not in the installed PyThaiNLP ({pythainlp.__version__})")
    return path


class ThaiNer:
    """Tags Thai text with (start, end, label) character spans, configured by the `ner` section
    of the language file of the pipeline it serves."""

    def __init__(self, lang: str) -> None:
        import pycrfsuite

        config = lang_data(lang).ner
        if config is None:
            raise ConfigError(f"configs/lang/{lang}.yaml has no ner section")
        self.ud_to_lst20 = config.ud_to_lst20
        self.labels = config.labels
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path()))

    def tag_words(self, words: list[str]) -> list[str]:
        from pythainlp.tag import pos_tag
        from pythainlp.tag.thainer import _doc2features

        tagged = pos_tag(words, engine="perceptron", corpus="tud")
        lst20 = [(word, self.ud_to_lst20.get(tag, "XX")) for word, tag in tagged]
        return self.tagger.tag([_doc2features(lst20, i) for i in range(len(lst20))])

    def entities(self, text: str, words: list[str] | None = None) -> list[tuple[int, int, str]]:
        """Names in one sentence as character spans with the project's entity types. `words`,
        when given, are the sentence's newmm tokens (they must concatenate to `text`)."""
        if words is None:
            from pythainlp.tokenize import word_tokenize

            words = word_tokenize(text, engine="newmm", keep_whitespace=True)
        out: list[tuple[int, int, str]] = []
        offset, current = 0, None
        for word, iob in zip(words, self.tag_words(words)):
            start, end = offset, offset + len(word)
            offset = end
            kind = iob[2:] if iob != "O" else None
            if iob.startswith("B-") or kind is None or current is None or current[2] != kind:
                if current is not None:
                    out.append(current)
                current = (start, end, kind) if kind else None
            else:
                current = (current[0], end, kind)
        if current is not None:
            out.append(current)
        return [(s, e, self.labels[k]) for s, e, k in _trim(text, out) if k in self.labels]


def _trim(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names never start or end with whitespace (the CRF tags spaces inside names)."""
    out = []
    for start, end, kind in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end, kind))
    return out


@functools.lru_cache(maxsize=None)
def thai_ner(lang: str) -> ThaiNer:
    return ThaiNer(lang)


@Language.factory("pp_thai_ner", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_thai_ner(nlp: Language, name: str):
    return ThaiNerComponent(nlp.lang)


class ThaiNerComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        # the CRF runs on over lists: a name never ends with a word that joins names ("และ")
        self.joiners = tuple(w for w in lang_data(lang).issuer_joiners if w.strip(",，、 "))

    def __call__(self, doc: Doc) -> Doc:
        ner = thai_ner(self.lang)
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


# The CRF runs on over lists ("ศูนย์ ก ศูนย์ ข และ ...") and across brackets; a name is short,
# holds at most one space and no bracket, and does not end with a joining word.
MAX_NAME_CHARS = 50
MAX_NAME_SPACES = 1


def _plausible_name(name: str, joiners: tuple[str, ...] = ()) -> bool:
    return (len(name) <= MAX_NAME_CHARS and not name[0].isdigit() and name.count(" ") <= MAX_NAME_SPACES
            and not any(ch in name for ch in "()（）“”\"") and not name.endswith(joiners))
