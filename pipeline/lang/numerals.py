"""Numbering labels and years, below every stage: "14", "十四", "XIV", "b" as ordinals, and a
year in the Common Era from a language's era markers ("พ.ศ. 2566" is 2023). Segmenting (heading
numbers) and extraction (deadlines, dates) both read them, so they live here, not in either."""

from __future__ import annotations

import re
from typing import Optional

from pipeline.config import LangData

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def parse_ordinal(label: str, data: LangData) -> int:
    """A numbering label as a number: digits (the language's own too), Roman numerals, a letter,
    or number words read by the language's registered label reader ("十四")."""
    label = label.translate(data.native_digit_table())
    if label.isdigit():
        return int(label)
    digits = [data.number_word_values.get(ch) for ch in label]
    if all(d in range(10) for d in digits) and (value := positional_digits([int(d) for d in digits])) is not None:
        return value   # digit words side by side: 二○二二, 二〇三〇
    if all(ch in ROMAN for ch in label):
        return _roman(label)
    if len(label) == 1 and label.isascii() and label.isalpha():
        return ord(label.lower()) - ord("a") + 1
    from pipeline.registry import registry

    if data.label_reader is None:
        raise ValueError(f"not a numbering label: {label!r}")
    return int(registry.number_word_readers.get(data.label_reader)(label))


def ad_year(year: int, era: Optional[str], data: LangData) -> int:
    """A year in the Common Era: an era marker ("พ.ศ.", "ค.ศ.") decides; without one, years
    above the language's Buddhist-Era threshold are BE (2566 -> 2023), and two-digit years in a
    language with short BE years are BE years of this century (ปี 68 -> 2568 -> 2025)."""
    if era is not None and era in data.era_offsets:
        return year - data.era_offsets[era]
    if year < 100 and data.short_era_base is not None:
        year += data.short_era_base
    return year - data.unmarked_era_offset if year > data.buddhist_era_threshold else year


def parse_year(match: re.Match[str], data: LangData) -> int:
    """The AD year of a deadline match (its `year` group, and its `era` group when it has one)."""
    era = match.groupdict().get("era")
    return ad_year(int(match.group("year").translate(data.native_digit_table())), era, data)


def positional_digits(digits: list[int]) -> Optional[int]:
    """Digit words side by side read as a positional number where that is no guess: three or more,
    or any with a zero (二〇二五 is 2025, 二〇 is 20). Two alone (七八, 二三) say "seven or eight": None."""
    if len(digits) < 2 or (len(digits) == 2 and 0 not in digits):
        return None
    return int("".join(map(str, digits)))


def _roman(label: str) -> int:
    total = 0
    for i, ch in enumerate(label):
        value = ROMAN[ch]
        total += -value if i + 1 < len(label) and ROMAN[label[i + 1]] > value else value
    return total


def read_chinese(words: str) -> float:
    """A run of Chinese number words: 十四, 一千二百万."""
    import cn2an

    return float(cn2an.cn2an(words, "smart"))


def read_thai(words: str) -> float:
    """A run of Thai number words: สิบสี่, เจ็ดพัน."""
    from pythainlp.util import thaiword_to_num

    return float(thaiword_to_num(words))
