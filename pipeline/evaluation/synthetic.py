"""Synthetic corpora for batch tests and benchmarks: variants of the bundled documents in all
three languages, each different in its bytes (numbers changed, a paragraph dropped, a serial
line added), so that a corpus of any size is made of distinct documents."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Optional

from pipeline.config import PROJECT_ROOT

DOCUMENTS = PROJECT_ROOT / "corpora" / "documents"
# Numbers that are not years: years stay, so deadlines and dates stay valid.
NUMBER = re.compile(r"(?<![\d.,])(?!(?:19|20|25)\d\d(?!\d))\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d])")


def sources(langs: Optional[set[str]] = None) -> list[Path]:
    found = sorted(DOCUMENTS.glob("*.txt"))
    return [p for p in found if langs is None or p.stem.rsplit(".", 1)[1] in langs]


def variant(text: str, lang: str, n: int, rng: random.Random) -> str:
    """Numbers nudged, one body paragraph dropped, a serial line appended."""
    text = NUMBER.sub(lambda m: _nudge(m.group(), rng), text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 6:
        del paragraphs[rng.randrange(3, len(paragraphs) - 1)]
    return "\n\n".join(paragraphs).rstrip("\n") + "\n\n" + _serial(lang).format(n=n) + "\n"


def _nudge(number: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return number
    digits = [c for c in number if c.isdigit()]
    i = rng.randrange(len(digits))
    digits[i] = str(rng.randrange(1, 10)) if i == 0 else str(rng.randrange(10))
    it = iter(digits)
    return "".join(next(it) if c.isdigit() else c for c in number)


def make_corpus(folder: Path, size: int, langs: Optional[set[str]] = None, seed: int = 0) -> list[Path]:
    """Write `size` documents into `folder`, cycling through the bundled sources."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    bases = [(p.stem.rsplit(".", 1)[1], p.stem, p.read_text(encoding="utf-8")) for p in sources(langs)]
    written = []
    for n in range(size):
        lang, stem, text = bases[n % len(bases)]
        path = folder / f"{n:05d}-{stem}.txt"
        path.write_text(variant(text, lang, n, rng), encoding="utf-8")
        written.append(path)
    return written


def _serial(lang: str) -> str:
    """The language's serial line ("Document serial {n}"), from its language file."""
    from pipeline.config import lang_data

    return lang_data(lang).serial_line
