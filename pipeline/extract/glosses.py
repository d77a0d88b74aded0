"""Glosses for one-language readers: a linked entity's names in th, zh and en, looked up in the
gazetteer (or a canonical record's own list of names). Nothing is translated: an id the gazetteer
does not name in a language simply has no name in it."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.config import gazetteer_by_id
from pipeline.schema import Gloss

# zh_hant is a script variant of zh, not a reader's language.
READER_LANGS = ("en", "zh", "th")


def gazetteer_glosses(ids: Iterable[str]) -> dict[str, Gloss]:
    entries = gazetteer_by_id()
    out: dict[str, Gloss] = {}
    for cid in ids:
        entry = entries.get(cid)
        if entry is None or cid in out:
            continue
        names = {lang: entry.names[lang][0] for lang in READER_LANGS if entry.names.get(lang)}
        if names:
            out[cid] = Gloss(names=names, source="gazetteer")
    return out


def gloss_name(glosses: dict[str, Gloss], cid: str | None, lang: str) -> str | None:
    """The id's name in the reader's language, else in English; None when nothing names it."""
    gloss = glosses.get(cid) if cid else None
    if gloss is None:
        return None
    return gloss.names.get(lang) or gloss.names.get("en")
