"""The spaCy document container per language, assembled from configs/pipeline/default.yaml.

spaCy blank pipelines give tokenisation (newmm for Thai, jieba for Chinese) and the Doc; the
project's components (registered below by import) add sentences, gazetteer matches and names.
Pipelines are built once per process and reused for every document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
import logging

from pipeline.config import CONFIG_DIR, _load_yaml, lang_data
from pipeline.errors import ConfigError
from pipeline.registry import registry

log = logging.getLogger(__name__)


def _register_components() -> None:
    # Importing the modules runs their @Language.factory decorators.
    import pipeline.extract.entities  # noqa: F401
    import pipeline.extract.ner  # noqa: F401
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
    setup = registry.tokenizer_setups.find(lang_data(lang).segmenter)
    if setup is not None:
        setup()   # before spaCy's segmenter first runs
    nlp = spacy.blank(lang, config=config)
    for component in spec.get("components", []):
        nlp.add_pipe(component["name"], config=component.get("config", {}))
    log.debug("built %s pipeline: %s", lang, nlp.pipe_names)
    return nlp


# A text goes through the pipeline in pieces of about this many characters, cut at line breaks:
# spaCy refuses texts over nlp.max_length (a million characters), and only one piece's Doc is held
# at a time, so memory stays flat however long the text.
PIECE_CHARS = 200_000


@dataclass
class Processed:
    """What the extractors need from spaCy, for the whole text: where sentences start, and the
    character spans the components found (`user_data`: gazetteer names, Thai NER)."""

    text: str
    sentence_starts: list[int]
    user_data: dict[str, list] = field(default_factory=dict)


def process(lang: str, text: str) -> Processed:
    """The language's spaCy pipeline over `text`, piece by piece (cut at line breaks), each
    piece's sentence starts and component spans shifted to the text's own offsets."""
    from spacy.attrs import IDX, SENT_START

    nlp = get_nlp(lang)
    out = Processed(text=text, sentence_starts=[])
    pieces = list(_pieces(text, PIECE_CHARS))
    for (start, _), doc in zip(pieces, nlp.pipe((text[s:e] for s, e in pieces), batch_size=1)):
        if len(doc):
            rows = doc.to_array([SENT_START, IDX])
            out.sentence_starts += [start + int(idx) for i, (flag, idx) in enumerate(rows) if i == 0 or flag == 1]
        for key, items in doc.user_data.items():
            if isinstance(key, str) and isinstance(items, list):
                out.user_data.setdefault(key, []).extend((s + start, e + start, *rest) for s, e, *rest in items)
    return out


def _pieces(text: str, size: int):
    """(start, end) of consecutive pieces of about `size` characters, each ending after a line
    break where there is one (a sentence never spans two pieces)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, end
        start = end
