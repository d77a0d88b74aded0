"""Language of the document and of each paragraph, with lingua restricted to a few languages.

The candidates are the languages of configs/lang/ (each file names its lingua language) and
those a user may plausibly feed by mistake (configs/pipeline/default.yaml: Japanese, not to be
forced into Chinese, Korean, Vietnamese), so that such a text is refused with its language named
instead of being read as English.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from pipeline.schema import ParagraphLang, Span

PARAGRAPH = re.compile(r"[^\n]+")
# A run of this many URL or base64 characters with no space ("data:image/png;base64,iVBOR…", a long
# link) is no word of any language: left out, it cannot make a Chinese page read as English.
OPAQUE_RUN = re.compile(r"[A-Za-z0-9+/=_%.:;,?&#~-]{40,}")
# Below this many letters a paragraph says too little to be classified on its own.
MIN_LETTERS = 2


@functools.lru_cache(maxsize=1)
def codes() -> dict[str, str]:
    """lingua's language name -> our code, for every candidate language."""
    from pipeline.config import CONFIG_DIR, SUPPORTED_LANGS, _load_yaml, lang_data

    out = {lang_data(lang).lingua: lang for lang in SUPPORTED_LANGS}
    also = _load_yaml(CONFIG_DIR / "pipeline" / "default.yaml").get("detector", {}).get("also", {})
    return out | {name: code for name, code in also.items() if name not in out}


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in codes()]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def detect_paragraphs(text: str) -> list[ParagraphLang]:
    detector = _detector()
    out: list[ParagraphLang] = []
    for match in PARAGRAPH.finditer(text):
        chunk = OPAQUE_RUN.sub(" ", match.group())
        if sum(ch.isalpha() for ch in chunk) < MIN_LETTERS:
            continue
        values = detector.compute_language_confidence_values(chunk)
        if not values:
            continue
        best = values[0]
        out.append(ParagraphLang(span=match.span(), lang=codes()[best.language.name], confidence=round(best.value, 3)))
    return out


def document_language(paragraphs: list[ParagraphLang], text: str) -> str:
    """The language that covers most characters among the paragraphs (possibly one the pipeline
    does not read: the caller refuses it)."""
    weight: Counter[str] = Counter()
    for p in paragraphs:
        weight[p.lang] += len(OPAQUE_RUN.sub("", text[p.span[0]:p.span[1]]))
    return max((n, lang) for lang, n in weight.items())[1] if weight else "en"


def language_name(code: str) -> str:
    """"Japanese" for ja; a code the pipeline reads stays a code."""
    from pipeline.config import SUPPORTED_LANGS

    names = {c: name.title() for name, c in codes().items() if c not in SUPPORTED_LANGS}
    return names.get(code, code)


def detect_languages(text: str) -> tuple[str, list[ParagraphLang]]:
    paragraphs = detect_paragraphs(text)
    return document_language(paragraphs, text), paragraphs


def span_lang(paragraphs: list[ParagraphLang], span: Span, default: str) -> str:
    for p in paragraphs:
        if p.span.holds(span[0]):
            return p.lang
    return default
