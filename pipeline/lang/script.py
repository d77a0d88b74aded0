"""Script variants of Chinese for matching: traditional text looked up through its simplified
form, with offsets unchanged. Light on purpose (OpenCC only): the gazetteer and the metric lexicon
both use it."""

from __future__ import annotations

import functools


def simplified(text: str) -> str:
    """Traditional Chinese to simplified for matching only; falls back to the text itself when
    the conversion would change its length (offsets must stay valid)."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text
    converted = _opencc().convert(text)
    return converted if len(converted) == len(text) else text


@functools.lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")
