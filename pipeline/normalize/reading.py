"""The reading view: the text as the language tables are written (Chinese in simplified script).

Extractors match their patterns on this view and report spans; item texts are always cut from
the document's own text, so a traditional-script document keeps its own characters in the
record. The view must keep every offset: a conversion that changes the length is not used.
"""

from __future__ import annotations

import functools
from typing import Optional


@functools.lru_cache(maxsize=4)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def reading_view(text: str, transform: Optional[str]) -> str:
    """`text` through the OpenCC conversion `transform`, when it keeps every offset."""
    if not transform or not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text
    converted = _converter(transform).convert(text)
    return converted if len(converted) == len(text) else text
