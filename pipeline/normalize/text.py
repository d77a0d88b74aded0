"""Text normalisation that keeps a map back to the raw text.

Normalisation is a short list of regex rewrites. Each rewrite is applied with the offsets of the
characters it reads, so every normalised character knows the raw index it came from and any
span in the normalised text maps back to the raw text exactly.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Callable

from pydantic import BaseModel, ConfigDict

TONE = "\u0e48-\u0e4b"
# Above/below vowels and the thanthakhat sit closer to the consonant than the tone mark does.
INNER = "\u0e31\u0e34-\u0e3a\u0e47"
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a"

Rewrite = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

REWRITES: list[tuple[str, Rewrite]] = [
    ("line breaks", (re.compile(r"\r\n?|\u2028|\u2029"), lambda m: "\n")),
    # Terminal escape sequences (ANSI colours, OSC hyperlinks) and other control characters are
    # no text; a form feed stays (it marks a PDF page break) and so do tabs and line breaks.
    ("terminal escapes", (re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
                                     r"|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"), lambda m: "")),
    # Zero-width characters, bidi controls and the soft hyphen carry no text.
    ("invisible", (re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"), lambda m: "")),
    ("full-width digits", (re.compile("[０-９]"), lambda m: chr(ord(m.group()) - 0xFF10 + 0x30))),
    # NIKHAHIT + SARA AA is the decomposed spelling of SARA AM, common in PDFs; a tone mark may
    # sit on either side of the NIKHAHIT.
    ("thai sara am", (re.compile(f"\u0e4d([{TONE}]?)\u0e32|([{TONE}])\u0e4d\u0e32"),
                      lambda m: (m.group(1) or m.group(2) or "") + "\u0e33")),
    ("thai mark order", (re.compile(f"([{TONE}])([{INNER}])"), lambda m: m.group(2) + m.group(1))),
    ("thai repeated mark", (re.compile(f"([{TONE}{INNER}\u0e4c\u0e4d])\\1+"), lambda m: m.group(1))),
    ("nfc", (re.compile(f".[{COMBINING}]+", re.S), lambda m: unicodedata.normalize("NFC", m.group()))),
]


# HTML markup left in a text file (a page's source saved as .txt, Markdown with inline HTML) is no
# text: a block element's tag ends a line, an inline one is dropped. A text is taken as carrying
# markup only where block tags show it (MIN_BLOCK_TAGS): a tag or two written in prose (a hostile
# "<img onerror=…>", an article that quotes HTML) stays the document's text, escaped wherever shown.
BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|section|article|blockquote|hr)\b"
                       r"(?:\s[^<>]*)?/?>", re.I)
INLINE_TAG = re.compile(r"</?(?:font|span|strong|b|i|u|em|a|img|sup|sub|small|big|center|o:p)\b(?:\s[^<>]*)?/?>", re.I)
MIN_BLOCK_TAGS = 3
MARKUP: list[tuple[str, Rewrite]] = [("html block tags", (BLOCK_TAG, lambda m: "\n")),
                                     ("html inline tags", (INLINE_TAG, lambda m: ""))]


class Normalized(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    # raw_offsets[i] is the raw index normalised char i came from; one extra entry at the end
    # gives the raw length, so a half-open span (s, e) maps to (raw_offsets[s], raw_offsets[e]).
    raw_offsets: list[int]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.raw_offsets[start], self.raw_offsets[end]


def _apply(text: str, offsets: list[int], rewrite: Rewrite) -> tuple[str, list[int]]:
    pattern, replace = rewrite
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        out.append(text[last:start])
        out_offsets.extend(offsets[last:start])
        new = replace(match)
        out.append(new)
        if len(new) == end - start:
            out_offsets.extend(offsets[start:end])  # same length: keep the char-by-char map
        else:
            out_offsets.extend([offsets[start]] * len(new))
        last = end
    out.append(text[last:])
    out_offsets.extend(offsets[last:])
    return "".join(out), out_offsets


def normalize(raw: str) -> Normalized:
    text, offsets = raw, list(range(len(raw)))
    markup = MARKUP if _carries_markup(raw) else []
    for _name, rewrite in REWRITES[:1] + markup + REWRITES[1:]:
        text, offsets = _apply(text, offsets, rewrite)
    return Normalized(text=text, raw_offsets=offsets + [len(raw)])


def _carries_markup(text: str) -> bool:
    return len(list(itertools.islice(BLOCK_TAG.finditer(text), MIN_BLOCK_TAGS))) == MIN_BLOCK_TAGS
