"""Reading numbers in every form the corpus uses, as grounded quantities.

`7,000`, `1.5万`, `七千`, `百分之五`, `ร้อยละ 15`, `เจ็ดพัน`, `15 percent`, `800 million`,
`14 trillion yuan`, `1,200 萬人`, `5000万千瓦`, `300 EFLOPS`, `6倍`, `翻一番`, `double`: a quantity is
a numeral, an optional magnitude word, and an optional percent sign or unit word, all taken from
the language data; or a word that is a multiple on its own. Ranges, comparators and denominators
are read one level up, in quantities.py.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Optional

from pipeline.config import LangData, alternation
from pipeline.schema import Frozen, Span

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ARABIC = r"\d{1,3}(?:[{GROUP}]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
# Years are read as dates or deadlines, never as quantities: a bare number in this range with no
# unit or percent is a year (AD, or BE for Thai texts).
YEAR_RANGES = ((1900, 2100), (2440, 2650))
BUDDHIST_ERA_OFFSET = 543
# Values beyond this are no amount any policy states: "1e309 companies" is no number to read.
MAX_VALUE = 1e18
SPACE = r"[ \t\u00a0]*"
LATIN_EDGE = r"(?![A-Za-z])"


class Quantity(Frozen):
    value: float
    unit: Optional[str]            # canonical unit (configs/units.txt names, percent, count); None: bare number
    span: Span                     # numeral through unit
    numeral_span: Span
    magnitude_end: int = -1        # end of the numeral and its magnitude word, before any unit
    percent: bool = False
    scale: float = 1.0             # the magnitude word's factor folded into value (万 = 1e4)


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
    above the language's Buddhist-Era threshold are BE (2566 -> 2023), and two-digit years in a
    language with short BE years are BE years of this century (ปี 68 -> 2568 -> 2025)."""
    if era is not None and era in data.era_offsets:
        return year - data.era_offsets[era]
    if year < 100 and data.short_era_base is not None:
        year += data.short_era_base
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


def _word_table_reader(data: LangData):
    """Number words read from the language's table: "twenty" -> 20, "twenty five" -> 25,
    "one hundred" -> 100."""
    table = {k.lower(): v for k, v in data.number_word_values.items()}

    def read(words: str) -> float:
        total, current = 0.0, 0.0
        for word in re.split(r"[\s-]+", words.lower().strip()):
            if not word or word == "and":
                continue
            value = table[word]
            if value == 100 and current:
                current *= 100
            else:
                current += value
        return total + current

    return read


WORD_READERS = {"chinese": lambda data: _read_chinese, "thai": lambda data: _read_thai, "table": _word_table_reader}


def normalize_value(value: float) -> int | float:
    """Integers print as integers: 7000, not 7000.0."""
    return int(value) if float(value).is_integer() else round(value, 6)


class NumberReader:
    """Finds quantities in text using one language's numerals, multipliers and units."""

    def __init__(self, data: LangData) -> None:
        self.data = data
        flags = re.IGNORECASE if data.case_insensitive else 0
        digits = "0-9" + data.digits
        group = re.escape(data.digit_group_separators or ",")
        arabic = ARABIC.replace("{GROUP}", group).replace(r"\d", f"[{digits}]")
        words = alternation(data.number_words)
        joiner = r"[\s-]?" if data.number_word_reader == "table" else ""
        word_numeral = f"(?:{words})(?:{joiner}(?:{words}))*" if words else "(?!)"
        self.units = {**data.units}
        unit_words = alternation(self.units) or "(?!)"
        suffix = alternation(data.percent_suffix) or "(?!)"
        prefix = alternation(data.percent_prefix) or "(?!)"
        # A magnitude word that opens a unit word is the unit's ("千瓦" is kW, not 千 + 瓦).
        self.multipliers = data.multipliers
        multiplier = "|".join(
            re.escape(m) + self._not_unit_after(m) for m in sorted(data.multipliers, key=len, reverse=True)
        ) or "(?!)"
        edge = LATIN_EDGE
        self.pattern = re.compile(
            rf"(?P<prefix>(?:{prefix}){SPACE})?"
            rf"(?:(?P<arabic>{arabic})|(?P<words>{word_numeral}))"
            rf"(?:{SPACE}(?P<mult>{multiplier}){edge})?"
            rf"(?:{SPACE}(?P<suffix>{suffix}){edge}|{SPACE}(?P<unit>{unit_words}){edge})?",
            flags,
        )
        self.multiple_words = re.compile(alternation(data.multiple_words) + edge, flags) if data.multiple_words else None
        self.not_before = re.compile(f"(?:{alternation(data.not_quantity_before)}){SPACE}$", flags) if data.not_quantity_before else None
        self.not_after = re.compile(f"{SPACE}(?:{alternation(data.not_quantity_after)})", flags) if data.not_quantity_after else None
        self.names_after = re.compile(alternation(data.names_after), flags) if data.names_after else None
        self.read_words = WORD_READERS[data.number_word_reader](data)

    def _not_unit_after(self, multiplier: str) -> str:
        rests = [u[len(multiplier):] for u in self.units if u.startswith(multiplier) and len(u) > len(multiplier)]
        return f"(?!{alternation(rests)})" if rests else ""

    def find(self, text: str, start: int = 0, end: Optional[int] = None, bare_words: bool = False) -> list[Quantity]:
        """Quantities in text[start:end]. `bare_words`: number words count without a unit too
        ("一", "twenty"), as a pure number recogniser reads them; a policy text's "一批" is no amount."""
        end = len(text) if end is None else end
        out = [q for m in self.pattern.finditer(text, start, end) if (q := self._quantity(text, m, bare_words)) is not None]
        if self.multiple_words is not None:
            taken = [q.span for q in out]
            for match in self.multiple_words.finditer(text, start, end):
                if not any(s < match.end() and match.start() < e for s, e in taken):
                    value = self._lookup(self.data.multiple_words, match.group())
                    out.append(Quantity(value=value, unit="multiple", span=match.span(), numeral_span=match.span()))
        return sorted(out, key=lambda q: q.span)

    def _quantity(self, text: str, match: re.Match[str], bare_words: bool = False) -> Optional[Quantity]:
        percent = bool(match.group("prefix") or match.group("suffix"))
        unit_word = match.group("unit")
        numeral_group = "arabic" if match.group("arabic") else "words"
        raw = match.group(numeral_group)
        mult = match.group("mult")
        if numeral_group == "words" and not (percent or unit_word or mult or bare_words):
            return None  # "一批", "หนึ่งแถบ": number words count only with a unit after them
        if not self._free_standing(text, match, numeral_group, bool(percent or unit_word or mult)):
            return None
        if self.names_after is not None and self.names_after.match(text, match.end()):
            return None  # "五年行动计划", "三年行动": a plan's name
        value = self._numeral_value(raw, numeral_group)
        if value is None:
            return None
        scale = self._lookup(self.multipliers, mult) if mult else 1.0
        value *= scale
        if not math.isfinite(value) or value > MAX_VALUE:
            return None
        unit = "percent" if percent else (self._lookup(self.units, unit_word) if unit_word else None)
        if numeral_group == "words" and raw in self.data.article_numerals and unit == "count" and not mult:
            return None
        if unit in (None, "years") and not mult and _looks_like_year(value, raw):
            return None  # "2025", "2025年": a year, read by the time layer
        numeral_span = match.span(numeral_group)
        span_start = match.start("prefix") if match.group("prefix") else numeral_span[0]
        span_end = max(e for e in (match.end(numeral_group), match.end("mult"), match.end("suffix"),
                                   match.end("unit")) if e >= 0)
        magnitude_end = match.end("mult") if mult else numeral_span[1]
        return Quantity(value=value, unit=unit, span=(span_start, span_end), numeral_span=numeral_span,
                        percent=percent, scale=scale, magnitude_end=magnitude_end)

    def _free_standing(self, text: str, match: re.Match[str], group: str, qualified: bool) -> bool:
        """A numeral inside a name or a code is no quantity: "PM2.5", "G20", "5G", "COVID-19",
        "第十四", "国发〔2021〕33号", "No. 3"."""
        start, end = match.span(group)
        before = text[max(0, start - 12):start]
        if _fraction_or_code(text, start, end):
            return False
        if not qualified and 0 < start and end < len(text) and text[start - 1] in "(（" and text[end] in ")）":
            return False  # "(1)", "（2）": a list label
        if start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum() or
                          text[start - 1] in "-." and start > 1 and text[start - 2].isascii() and text[start - 2].isalpha()):
            return False
        if not qualified and end < len(text) and text[end].isascii() and text[end].isalpha():
            return False
        if self.not_before is not None and self.not_before.search(before):
            return False
        if not qualified and self.not_after is not None and self.not_after.match(text, match.end(), min(len(text), match.end() + 12)):
            return False
        return True

    def _numeral_value(self, raw: str, group: str) -> Optional[float]:
        if group == "arabic":
            digits = raw.translate(self.data.native_digit_table())
            for separator in self.data.digit_group_separators or ",":
                digits = digits.replace(separator, "")
            return float(digits)
        try:
            return self.read_words(raw)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None  # a run of number characters that is not a well-formed number

    @staticmethod
    def _lookup(table: dict, word: str):
        if word in table:
            return table[word]
        lowered = {k.lower(): v for k, v in table.items()}
        return lowered[word.lower()]


def _fraction_or_code(text: str, start: int, end: int) -> bool:
    """"1/6", "3/5", "70/1": numbers around a slash are a fraction, a date or a document number."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before == "/" and start > 1 and text[start - 2].isdigit()) or (after == "/" and end + 1 < len(text) and text[end + 1].isdigit())


def _looks_like_year(value: float, raw: str) -> bool:
    return "," not in raw and "." not in raw and any(lo <= value <= hi for lo, hi in YEAR_RANGES)


@functools.lru_cache(maxsize=None)
def number_reader(lang: str) -> NumberReader:
    from pipeline.config import lang_data

    return NumberReader(lang_data(lang))
