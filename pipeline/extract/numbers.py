"""Reading numbers in every form the corpus uses, as grounded quantities.

`7,000`, `1.5万`, `七千`, `百分之五`, `ร้อยละ 15`, `เจ็ดพัน`, `15 percent`, `800 million`,
`14 trillion yuan`: a quantity is a numeral, an optional multiplier, and an optional percent
sign or unit word, all taken from the language data.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.schema import Frozen, Span

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Years are read as dates or deadlines, never as quantities: a bare number in this range with no
# unit or percent is a year (AD, or BE for Thai texts).
YEAR_RANGES = ((1900, 2100), (2440, 2650))
BUDDHIST_ERA_OFFSET = 543
ENGLISH_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "fifty": 50, "hundred": 100,
}


class Quantity(Frozen):
    value: float
    unit: Optional[str]            # closed vocabulary; None when no unit word follows
    span: Span                     # numeral through unit
    numeral_span: Span
    percent: bool = False


def parse_ordinal(label: str, data: LangData) -> int:
    label = label.translate(data.native_digit_table())
    if label.isdigit():
        return int(label)
    if all(ch in ROMAN for ch in label):
        return _roman(label)
    if len(label) == 1 and label.isascii() and label.isalpha():
        return ord(label.lower()) - ord("a") + 1
    return int(_read_chinese(label))


def ad_year(year: int, era: Optional[str], data: LangData) -> int:
    """A year in the Common Era: an era marker ("พ.ศ.", "ค.ศ.") decides; without one, years
    above the language's Buddhist-Era threshold are BE (2566 -> 2023)."""
    if era is not None and era in data.era_offsets:
        return year - data.era_offsets[era]
    return year - BUDDHIST_ERA_OFFSET if year > data.buddhist_era_threshold else year


def _roman(label: str) -> int:
    total = 0
    for i, ch in enumerate(label):
        value = ROMAN[ch]
        total += -value if i + 1 < len(label) and ROMAN[label[i + 1]] > value else value
    return total


def _read_chinese(words: str) -> float:
    import cn2an

    return float(cn2an.cn2an(words, "smart"))


def _read_thai(words: str) -> float:
    from pythainlp.util import thaiword_to_num

    return float(thaiword_to_num(words))


def _read_english(words: str) -> float:
    return float(ENGLISH_WORDS[words.lower()])


WORD_READERS = {"chinese": _read_chinese, "thai": _read_thai, "english": _read_english}


def normalize_value(value: float) -> int | float:
    """Integers print as integers: 7000, not 7000.0."""
    return int(value) if float(value).is_integer() else round(value, 6)


class NumberReader:
    """Finds quantities in text using one language's numerals, multipliers and units."""

    def __init__(self, data: LangData) -> None:
        self.data = data
        digits = "0-9" + data.digits
        arabic = ARABIC.replace(r"\d", f"[{digits}]")
        words = alternation(data.number_words)
        word_numeral = f"(?:{words})+" if words else "(?!)"
        multiplier = alternation(data.multipliers) or "(?!)"
        self.units = {**data.units}
        unit_words = alternation(self.units) or "(?!)"
        suffix = alternation(data.percent_suffix) or "(?!)"
        prefix = alternation(data.percent_prefix) or "(?!)"
        space = r"[ \t\u00a0]*"
        latin_edge = r"(?![A-Za-z])"
        self.pattern = re.compile(
            rf"(?P<prefix>(?:{prefix}){space})?"
            rf"(?:(?P<arabic>{arabic})|(?P<words>{word_numeral}))"
            rf"(?:{space}(?P<mult>{multiplier}){latin_edge})?"
            rf"(?:{space}(?P<suffix>{suffix}){latin_edge}|{space}(?P<unit>{unit_words}){latin_edge})?",
            re.IGNORECASE if data.case_insensitive else 0,
        )
        self.read_words = WORD_READERS[data.number_word_reader]

    def find(self, text: str, start: int = 0, end: Optional[int] = None) -> list[Quantity]:
        end = len(text) if end is None else end
        out = []
        for match in self.pattern.finditer(text, start, end):
            quantity = self._quantity(match)
            if quantity is not None:
                out.append(quantity)
        return out

    def _quantity(self, match: re.Match[str]) -> Optional[Quantity]:
        percent = bool(match.group("prefix") or match.group("suffix"))
        unit_word = match.group("unit")
        numeral_group = "arabic" if match.group("arabic") else "words"
        raw = match.group(numeral_group)
        if numeral_group == "words" and not (percent or unit_word or match.group("mult")):
            return None  # "一批", "หนึ่งแถบ": number words count only with a unit after them
        value = self._numeral_value(raw, numeral_group)
        if value is None:
            return None
        mult = match.group("mult")
        if mult:
            value *= self._lookup(self.data.multipliers, mult)
        unit = "percent" if percent else (self._lookup(self.units, unit_word) if unit_word else None)
        if unit is None and not mult and _looks_like_year(value, raw):
            return None
        numeral_span = match.span(numeral_group)
        span_start = match.start("prefix") if match.group("prefix") else numeral_span[0]
        span_end = max(e for e in (match.end(numeral_group), match.end("mult"), match.end("suffix"),
                                   match.end("unit")) if e >= 0)
        return Quantity(value=value, unit=unit, span=(span_start, span_end),
                        numeral_span=numeral_span, percent=percent)

    def _numeral_value(self, raw: str, group: str) -> Optional[float]:
        if group == "arabic":
            return float(raw.translate(self.data.native_digit_table()).replace(",", ""))
        try:
            return self.read_words(raw)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # a run of number characters that is not a well-formed number

    @staticmethod
    def _lookup(table: dict, word: str):
        if word in table:
            return table[word]
        lowered = {k.lower(): v for k, v in table.items()}
        return lowered[word.lower()]


def _looks_like_year(value: float, raw: str) -> bool:
    return "," not in raw and "." not in raw and any(lo <= value <= hi for lo, hi in YEAR_RANGES)


@functools.lru_cache(maxsize=None)
def number_reader(lang: str) -> NumberReader:
    from pipeline.config import lang_data

    return NumberReader(lang_data(lang))
