"""A NER backend (`th.thainer_crf.v1`): Thai names outside the gazetteer, from the ThaiNER 1.5
CRF that PyThaiNLP 5.4 bundles.

PyThaiNLP's own `NER("thainer")` asks for a corpus named "thainer-1.5" that is not bundled
(the package ships `thainer_crf_1_5_1.model`) and expects a POS tagset it does not bundle either.
The CRF itself works when fed PyThaiNLP's bundled perceptron POS tags (corpus "tud", UD tags)
mapped to the LST20 tagset the model was trained on. This module does exactly that, behind the
`ThaiNer` interface, so the workaround lives in one place.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.config import lang_data
from pipeline.errors import ConfigError, ResourceMissing

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
