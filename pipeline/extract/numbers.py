"""Reading numbers in every form the corpus uses, as grounded quantities.

`7,000`, `1.5万`, `七千`, `百分之五`, `ร้อยละ 15`, `เจ็ดพัน`, `15 percent`, `800 million`, `$5 billion`,
`-2.5%`, `负三十二`, `三分之一`, `two thirds`, `1/4`, `壹佰伍拾`, `十余万`, `10k`, `1.2e5`, `6倍`, `翻一番`,
`double`: a quantity is an optional percent or unit prefix, a numeral, and an optional percent sign
or unit word, all taken from the language data; or a word that is a multiple on its own. Ranges,
comparators and denominators are read one level up, in quantities.py.

A numeral is read in two steps: its tokens (digits, number, scale and magnitude words, signs, decimal
and fraction words) are cut from the text, then the longest well-formed number they begin is read
positionally (`NumeralParser`): 两千四百五 is 2450, 7万5千4百 is 75400, "two hundred and two
thousand" is 202000, "one hundred thirty fifths" is 100/35.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from typing import Callable, Optional

from pipeline.config import LangData, alternation
from pipeline.lang.numerals import positional_digits
from pipeline.registry import registry
from pipeline.schema import Frozen, Span
from pipeline.spans import SpanIndex

# Years are read as dates or deadlines, never as quantities: a bare number in this range with no
# unit or percent is a year (AD, or BE for Thai texts).
YEAR_RANGES = ((1900, 2100), (2440, 2650))
# Values beyond this are no amount any policy states: "1e309 companies" is no number to read.
MAX_VALUE = 1e18
# The longest numeral has about 20 tokens ("八千 三百 八十五 万 二千 三百 二十六 点三三"); the cap
# keeps reading linear in the text's length whatever runs of number words it holds.
MAX_NUMERAL_TOKENS = 48
SPACE = r"[ \t\u00a0]*"
GAP = r"[ \t\u00a0\u3000]*"
# A ratio to one, "2.2:1" (城乡居民收入差距控制在2.2:1以内): so many times the other, one amount.
RATIO_TO_ONE = re.compile(r"(?<![\d.:：])(?P<value>\d+(?:\.\d+)?)[ \t]*[:：∶][ \t]*1(?![\d.:：])")
# A clock time, "10:30", "9：00", "20:52:36", is no amount.
CLOCK_TIME = re.compile(r"(?<![\d.:：])(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d.:：])")
LATIN_EDGE = r"(?![A-Za-z])"
# A numeral inside a web address is part of the address ("%2D9114", "q=30%25").
URL = r"(?:https?|ftp)://\S+|www\.\S+"
# A minus sign written as a symbol, not a word: it must not follow a numeral ("7-10%" is a range).
SIGN_SYMBOLS = "-－−–"

TENS = (20, 30, 40, 50, 60, 70, 80, 90)       # "twenty one" is 21: a tens word takes a digit word after it
# Token kinds: digits and digit words, scale words inside a section (百), magnitude words between
# sections (万, million), "more than" (余), unknown digits (几), articles ("a"), "and", decimal words.
NUM, SCALE, MULT, MORE, APPROX, ARTICLE, AND, POINT = "num", "scale", "mult", "more", "approx", "article", "and", "point"
# ... and fraction words (分之, "/", 又, fifths), signs (负, minus) and the hyphen ("twenty-one", "-5").
OF, OVER, MIXED, ORDINAL, SIGN, HYPHEN = "of", "over", "mixed", "ordinal", "sign", "hyphen"


class Quantity(Frozen):
    value: float
    unit: Optional[str]            # canonical unit (configs/units.txt names, percent, count); None: bare number
    span: Span                     # prefix or numeral through unit
    numeral_span: Span             # the numeral with its sign and magnitude words
    magnitude_end: int = -1        # end of the numeral and its magnitude word, before any unit
    percent: bool = False
    scale: float = 1.0             # the trailing magnitude word's factor folded into value (万 = 1e4)
    more: bool = False             # the numeral says "more than": 十余万, 100多万
    fraction: bool = False         # a fraction without a magnitude: a proportion (三分之一)




def normalize_value(value: float) -> int | float:
    """Integers print as integers: 7000, not 7000.0."""
    return int(value) if float(value).is_integer() else round(value, 6)


def _key(word: str) -> str:
    return "".join(word.lower().split())


def _literal(word: str, loose: bool = False) -> str:
    """A word as a pattern: a Latin word only whole ("one" never inside "money"; the start is
    checked once for all of them in `words_pattern`), any run of spaces inside a phrase, and with
    loose spacing spaces between CJK characters ("百 分 之")."""
    parts = word.split()
    if loose and len(parts) == 1 and not word.isascii():
        body = f"{SPACE}".join(re.escape(ch) for ch in word)
    else:
        body = r"\s+".join(re.escape(p) for p in parts)
    return body + LATIN_EDGE if word[-1:].isascii() and word[-1:].isalpha() else body


def words_pattern(words, loose: bool = False, after: Callable[[str], str] = lambda w: "") -> str:
    """An alternation of words, longest first, each through `_literal` and followed by `after(word)`."""
    ordered = sorted(words, key=len, reverse=True)
    latin = "|".join(_literal(w, loose) + after(w) for w in ordered if w[:1].isascii() and w[:1].isalpha())
    other = [_literal(w, loose) + after(w) for w in ordered if not (w[:1].isascii() and w[:1].isalpha())]
    return "|".join(([rf"(?<![A-Za-z])(?:{latin})"] if latin else []) + other) or "(?!)"


@dataclass(frozen=True)
class Token:
    kind: str
    value: float
    start: int
    end: int
    text: str
    arabic: bool = False           # written in digits
    plain: bool = False            # digits only, no separator or point: a year candidate


@dataclass(frozen=True)
class Reading:
    value: float
    end: int                       # index of the first token not read
    scale: float = 1.0             # the trailing scale or magnitude word's factor: 3 in "3到5千" is 3000
    magnified: bool = False        # has a magnitude word: "three million", 五千万
    more: bool = False             # "十余万": more than the value
    shaped: bool = False           # a fraction or decimal word: a number by its form alone
    lead_digit: bool = False       # begins with a digit word or digits (五千万, not the adverb 千万)
    plain: bool = False            # a string of digit words: 二〇二五 (a year candidate)
    over_at: int = -1              # the token of a worded fraction's "over"
    fraction: bool = False         # a fraction (三分之一, 1/3, "two thirds"): a proportion


class _Cardinal:
    """The running value of one positional numeral: 两千四百五, "two hundred and two thousand"."""

    def __init__(self, elision: bool) -> None:
        self.elision = elision
        self.total = self.section = 0.0
        self.current: Optional[float] = None
        self.last: Optional[Token] = None
        self.place = 0.0            # the scale or magnitude the last digit follows, for elision
        self.place_scale = False    # that place is a scale word (百), not a magnitude (万)
        self.section_scale = math.inf
        self.magnitude = 0.0        # the last magnitude word's factor
        self.elidable = self.zero = self.more = self.closed = self.magnified = False
        self.scale = 1.0

    def value(self, before_magnitude: bool = False) -> float:
        """The value so far; before a magnitude word only a digit after a scale word is elided
        (三百五万 is 350万, but 六十二亿四万 has 4万)."""
        current = self.current or 0.0
        if self.elision and self.elidable and (self.place_scale or not before_magnitude):
            current *= self.place / 10   # 两千四百五: the 5 is fifty
        return self.total + self.section + current

    def complete(self) -> bool:
        return self.last is not None and self.last.kind not in (ARTICLE, AND)

    def feed(self, t: Token) -> bool:
        if self.closed and t.kind != MULT:
            return False
        step = {NUM: self._num, APPROX: self._approx, SCALE: self._scale, MULT: self._mult,
                MORE: self._more, ARTICLE: self._article}.get(t.kind)
        if step is None or not step(t):
            return False
        self.scale = t.value if t.kind in (SCALE, MULT) else 1.0
        self.last = t
        return True

    def _num(self, t: Token) -> bool:
        if t.value == 0 and not t.arabic:
            if self.current is None and self.last is None:
                self.current = 0.0
            elif self.current is not None:
                return False
            self.zero = True                        # 一百零五: 零 only fills a place
            return True
        if self.current is not None:
            tens = self.last is not None and self.last.kind == NUM and not self.last.arabic and not t.arabic
            if tens and self.current in TENS and 1 <= t.value <= 9 and not self.zero:
                self.current += t.value             # "twenty one"
                return True
            if self.zero and self.current == 0:
                self.current = None
            else:
                return False
        if self.last is not None and self.last.kind == ARTICLE:
            return False
        placed = self.last is not None and self.last.kind in (SCALE, MULT)
        self.elidable = placed and not t.arabic and not self.zero and 1 <= t.value <= 9 and t.value == int(t.value)
        self.current, self.zero = t.value, False
        return True

    def _approx(self, t: Token) -> bool:
        if self.current is not None or self.last is None or self.last.kind not in (SCALE, MULT, NUM):
            return False
        self.current, self.elidable, self.zero = 0.0, False, False
        return True

    def _scale(self, t: Token) -> bool:
        if self.current is None and self.last is not None and not self.zero:
            return False                            # 千百; but 一千零十
        base = 1.0 if self.current is None else self.current
        if self.section and t.value >= self.section_scale:
            return False
        self.section += base * t.value
        self.section_scale = self.place = t.value
        self.place_scale = True
        self.current, self.elidable, self.zero = None, False, False
        return True

    def _mult(self, t: Token) -> bool:
        if self.last is None:
            return False
        part = self.value(before_magnitude=True) - self.total
        if part == 0 and self.last.kind == MULT:
            self.total *= t.value                   # 万万, 10万万
        elif part == 0 and self.current is None:
            return False
        elif t.value > self.magnitude:
            self.total = (self.total + part) * t.value
        else:
            self.total += part * t.value
        self.magnitude = self.place = t.value
        self.magnified, self.place_scale = True, False
        self.section, self.current, self.section_scale = 0.0, None, math.inf
        self.elidable = self.zero = self.closed = False
        return True

    def _more(self, t: Token) -> bool:
        if self.last is None or self.last.kind not in (NUM, SCALE):
            return False
        self.more = self.closed = True              # 十余万, 五百多: only a magnitude may follow
        return True

    def _article(self, t: Token) -> bool:
        if self.last is not None:
            return False
        self.current = 1.0
        return True

    def decimal(self, digits: str) -> None:
        self.current = self.value() + float("0." + digits)
        self.total = self.section = self.magnitude = 0.0
        self.elidable, self.closed = False, True


class NumeralParser:
    """Reads the longest number a run of tokens begins: cardinals, decimals, fractions, signs."""

    def __init__(self, elision: bool) -> None:
        self.elision = elision

    def read(self, toks: list[Token]) -> Optional[Reading]:
        sign, i = self._sign(toks, 0)
        reading = self._digit_string(toks, i) or self._magnified(self._fraction(toks, i), toks)
        reading = reading or self.cardinal(toks, i, len(toks))
        return replace(reading, value=-reading.value) if reading and sign < 0 else reading

    @staticmethod
    def _magnified(reading: Optional[Reading], toks: list[Token]) -> Optional[Reading]:
        """A fraction with a magnitude word after it: "one and a half million"."""
        if reading is None or reading.end >= len(toks) or toks[reading.end].kind != MULT:
            return reading
        factor = toks[reading.end].value
        return replace(reading, value=reading.value * factor, end=reading.end + 1, scale=factor, magnified=True,
                       fraction=False)   # "one and a half million" is an amount, not a proportion

    @staticmethod
    def _digit_string(toks: list[Token], i: int) -> Optional[Reading]:
        """Digit words side by side: 二〇二五 is 2025, and 七七點七 (decimals after them) 77.7; two
        digits alone are a guess, no number (二三十, 七八个: "twenty or thirty", "seven or eight"),
        read as NaN."""
        j = i
        while (j < len(toks) and toks[j].kind == NUM and not toks[j].arabic and toks[j].value in range(10)
               and (j == i or toks[j - 1].end == toks[j].start)):
            j += 1
        digits = [int(t.value) for t in toks[i:j]]
        if len(digits) < 2:
            return None
        decimals, k = NumeralParser._decimals(toks, j + 1, len(toks)) if j < len(toks) and toks[j].kind == POINT else ("", j)
        if decimals:
            return Reading(float("".join(map(str, digits)) + "." + decimals), k, shaped=True, lead_digit=True)
        if (value := positional_digits(digits)) is not None:
            return Reading(float(value), j, plain=True, lead_digit=True)
        while j < len(toks) and toks[j].kind in (SCALE, MULT, MORE):
            j += 1
        return Reading(math.nan, j)

    @staticmethod
    def _sign(toks: list[Token], i: int) -> tuple[float, int]:
        return (-1.0, i + 1) if i < len(toks) and toks[i].kind in (SIGN, HYPHEN) else (1.0, i)

    def cardinal(self, toks: list[Token], i: int, stop: int, lenient: bool = False) -> Optional[Reading]:
        """The longest cardinal (with its decimals) in toks[i:stop]; `lenient` skips every "and"."""
        state, best, rollback = _Cardinal(self.elision), None, None
        j = i
        while j < stop:
            t = toks[j]
            if t.kind == AND:
                if not lenient and (state.last is None or state.last.kind not in (SCALE, MULT)):
                    break
                if not lenient and j + 1 < stop and toks[j + 1].arabic:
                    break                           # "€3bn and 5 bln": two amounts, not 3bn + 5bn
                rollback, state.last = (best, t) if not lenient else (rollback, state.last)
                j += 1
                continue
            if t.kind == POINT:
                digits, j = self._decimals(toks, j + 1, stop)
                if not digits or state.last is None or state.closed:
                    break
                state.decimal(digits)
                best = Reading(state.value(), j, more=state.more, shaped=True, lead_digit=toks[i].kind != SCALE)
                continue
            if not state.feed(t):
                if rollback is not None and t.kind in (SCALE, MULT):
                    return rollback                 # "one hundred and | two hundred"
                break
            j += 1
            if state.complete():
                best = Reading(state.value(), j, scale=state.scale, magnified=state.magnified, more=state.more,
                               lead_digit=toks[i].kind in (NUM, ARTICLE))
        return best

    @staticmethod
    def _decimals(toks: list[Token], j: int, stop: int) -> tuple[str, int]:
        """The digits after a decimal word: 点三三 -> "33", "point seventy-one" -> "71"."""
        digits = ""
        while j < stop and toks[j].kind == NUM and toks[j].value == int(toks[j].value) and (
                toks[j].plain or not toks[j].arabic and toks[j].value < 100):
            digits += toks[j].text if toks[j].arabic else str(int(toks[j].value))
            j += 1
        return digits, j

    def _count(self, toks: list[Token]) -> Optional[float]:
        """The value of exactly these tokens ("a" alone is one), or None."""
        if len(toks) == 1 and toks[0].kind == ARTICLE:
            return 1.0
        reading = self.cardinal(toks, 0, len(toks), lenient=True)
        return reading.value if reading and reading.end == len(toks) else None

    # -- fractions ---------------------------------------------------------------------------
    def _fraction(self, toks: list[Token], i: int) -> Optional[Reading]:
        k = next((k for k in range(i, len(toks)) if toks[k].kind in (OF, OVER, ORDINAL)), None)
        if k is None or k == i:
            return None
        read = {OF: self._fraction_of, OVER: self._fraction_over, ORDINAL: self._fraction_ordinal}[toks[k].kind]
        reading = read(toks, i, k)
        return replace(reading, fraction=True) if reading is not None else None

    def _fraction_of(self, toks: list[Token], i: int, k: int) -> Optional[Reading]:
        """三分之一, 负３分之负一百五十七, 三百五又三分之一: denominator first."""
        whole, start = 0.0, i
        mixed = next((j for j in range(k - 1, i, -1) if toks[j].kind == MIXED), None)
        if mixed is not None:
            value = self._count(toks[i:mixed])
            if value is None:
                return None
            whole, start = value, mixed + 1
        den_sign, start = self._sign(toks, start)
        den = self._count(toks[start:k])
        num_sign, after = self._sign(toks, k + 1)
        num = self.cardinal(toks, after, len(toks))
        if not den or num is None:
            return None
        return Reading(whole + den_sign * num_sign * num.value / den, num.end, shaped=True, lead_digit=True)

    def _fraction_over(self, toks: list[Token], i: int, k: int) -> Optional[Reading]:
        """1/4, 2 1/4, "one over three": numerator first; a slash joins digits only."""
        if toks[k].text.isalpha():
            num = self._count(toks[i:k])
            sign, after = self._sign(toks, k + 1)
            den = self.cardinal(toks, after, len(toks))
            if num is None or den is None or not den.value:
                return None
            return Reading(num / (sign * den.value), den.end, shaped=True, lead_digit=True, over_at=k)
        if k + 1 >= len(toks) or k - i > 2:
            return None
        a, slash, b = toks[k - 1], toks[k], toks[k + 1]
        whole = toks[i] if k - i == 2 else None
        if not (a.plain and b.plain and a.end == slash.start and slash.end == b.start and b.value):
            return None
        if whole is not None and not (whole.plain and whole.end < a.start):
            return None
        if k + 2 < len(toks) and toks[k + 2].kind == OVER:
            return None                             # 2023/8/16: a date or a code
        return Reading((whole.value if whole else 0.0) + a.value / b.value, k + 2, shaped=True, lead_digit=True)

    def _fraction_ordinal(self, toks: list[Token], i: int, k: int) -> Optional[Reading]:
        """"two thirds", "one and a half", "one hundred thirty fifths" (100/35): the split
        between numerator and denominator follows Recognizers-Text's English parser."""
        words = toks[i:k + 1]
        if any(t.kind not in (NUM, SCALE, MULT, ARTICLE, AND) for t in words[:-1]):
            return None
        split = _fraction_split([None if t.kind == AND else t.value for t in words])
        last = words[-1]
        as_number = replace(last, kind=SCALE if last.value >= 100 else NUM)
        den = self._count(words[split:-1] + [as_number])
        if not den or den == 1:
            return None                             # "a first class seat" is no fraction
        numerator = words[:split]
        ands = [j for j, t in enumerate(numerator) if t.kind == AND]
        if ands:
            whole, part = self._count(numerator[:ands[-1]]), self._count(numerator[ands[-1] + 1:])
            if whole is not None and part is not None and part < den:
                return Reading(whole + part / den, k + 1, shaped=True, lead_digit=True)
        num = self._count(numerator)
        return Reading(num / den, k + 1, shaped=True, lead_digit=True) if num is not None else None


def _composable(big: float, small: float) -> bool:
    base = 100 if small > 10 else 10
    return big % base == 0 and big / base >= 1


def _fraction_split(values: list[Optional[float]]) -> int:
    """How many words of "NUMERATOR DENOMINATOR-th" are the numerator ("one one hundred fifth": 1,
    "one hundred thirty fifths": 2); None marks "and". Recognizers-Text's FracLikeNumberParse."""
    n = len(values)
    current, round_value = values[-1], 1.0
    for k in range(n - 2, -1, -1):
        if values[k] is None:
            continue
        previous, current = current, values[k]
        if previous >= 100 and previous > current or previous < 100 and _composable(current, previous):
            if previous < 100 and current >= round_value:
                round_value = current
            elif previous < 100:
                return k + 1
            if k == 0:
                for j in range(1, n - 1):
                    if values[j] is not None and values[j] >= 100 and values[j + 1] is not None and values[j + 1] < 100:
                        return j + 1
                return n - 1
            continue
        return k + 1
    return n - 1


@dataclass(frozen=True)
class Vocabulary:
    """One reading's number words: each word's token kind and value, and the patterns that find a
    numeral's first token and each next one."""

    kinds: dict[str, tuple[str, float]]
    letters: dict[str, float]
    start: re.Pattern[str]         # a prefix ("百分之", "$") and a first token
    first: re.Pattern[str]         # a first token
    token: re.Pattern[str]         # a next token, after spaces


# How far before a multiple its "increase by" word may start: "เพิ่มขึ้นอีกราว " is 16 characters.
INCREASE_WINDOW = 20


class NumberReader:
    """Finds quantities in text using one language's numerals, multipliers and units."""

    def __init__(self, data: LangData) -> None:
        self.data = data
        self.flags = re.IGNORECASE if data.case_insensitive else 0
        self.units = {**data.units}
        # a library reads a whole run of number words ("chinese", "thai" in pipeline/registry.py);
        # "table" languages are read token by token from their tables (NumeralParser)
        self.read_run = registry.number_word_readers.find(data.number_word_reader)
        self.parser = NumeralParser(data.number_elision)
        self.vocabularies = {bare: self._vocabulary(bare) for bare in (False, True)}
        suffix = words_pattern(data.percent_suffix, data.loose_character_spacing)
        units = alternation(self.units) or "(?!)"
        self.tail = re.compile(rf"{SPACE}(?:(?P<suffix>{suffix})|(?P<unit>{units})){LATIN_EDGE}", self.flags)
        self.unit_prefixes = {_key(p) for p in data.unit_prefixes}
        self.minor_units = {**self.units, **data.minor_currency_units}
        self.currencies = tuple(sorted({*self.minor_units.values(), *data.unit_prefixes.values()}))
        self.minor_gap = re.compile(rf"{SPACE}(?:(?:{words_pattern(data.amount_joiners)}){SPACE})?", self.flags)
        self.minor_tail = re.compile(rf"{SPACE}(?P<unit>{alternation(self.minor_units)}){LATIN_EDGE}", self.flags)
        self.multiple_words = re.compile(alternation(data.multiple_words) + LATIN_EDGE, self.flags) if data.multiple_words else None
        self.not_before = re.compile(f"(?:{alternation(data.not_quantity_before)}){SPACE}$", self.flags) if data.not_quantity_before else None
        self.not_after = re.compile(f"{SPACE}(?:{alternation(data.not_quantity_after)})", self.flags) if data.not_quantity_after else None
        self.names_after = re.compile(rf"{SPACE}(?:{alternation(data.names_after)}){LATIN_EDGE}", self.flags) if data.names_after else None
        fillers = alternation(data.increase_by_fillers) if data.increase_by_fillers else "(?!)"
        self.increase_by = (re.compile(rf"(?:{alternation(data.increase_by_words)})(?:\s*(?:{fillers}))*\s*$", self.flags)
                            if data.increase_by_words else None)
        skip = [URL] + ([alternation(data.numberless_words)] if data.numberless_words else [])
        self.skip = re.compile("|".join(skip), self.flags)

    # -- vocabulary --------------------------------------------------------------------------
    def _vocabulary(self, bare: bool) -> Vocabulary:
        data, tables = self.data, self._tables(bare)
        kinds = {_key(w): (kind, float(v)) for kind, table in tables for w, v in table.items()}
        surface = [w for _, table in tables for w in table]
        words = words_pattern(surface, data.loose_character_spacing, self._not_unit_after)
        if self.read_run is not None:
            words = f"(?:{alternation(data.number_words)})+|{words}"   # a run read by the library
        letters = {**data.letter_multipliers, **(data.recogniser.letter_multipliers if bare else {})}
        letter = f"(?-i:{alternation(letters)})(?![A-Za-z])" if letters else "(?!)"
        hyphen = "(?P<hyphen>-)" if "-" in data.negative_words else "(?!)"
        first = rf"(?P<arabic>{self._arabic_pattern()})|(?P<word>{words})|{hyphen}"
        prefixes = words_pattern([*data.percent_prefix, *data.unit_prefixes], data.loose_character_spacing)
        return Vocabulary(kinds=kinds, letters={_key(k): v for k, v in letters.items()},
                          start=re.compile(rf"(?:(?P<prefix>{prefixes}){GAP})?(?P<first>{first})", self.flags),
                          first=re.compile(first, self.flags),
                          token=re.compile(rf"{GAP}(?:(?P<letter>{letter})|{first})", self.flags))

    def _tables(self, bare: bool) -> list[tuple[str, dict[str, float]]]:
        """Each token kind with its words (and values) from the language data; a pure recogniser
        reads the recogniser's own words too."""
        data, extra = self.data, self.data.recogniser
        marks = lambda words: dict.fromkeys(words, 0.0)
        tables = [(NUM, data.number_word_values if self.read_run is None else {}), (SCALE, data.number_scales),
                  (MULT, data.multipliers), (ORDINAL, data.ordinal_fractions), (APPROX, marks(data.approximate_digits)),
                  (MORE, marks(data.more_words)), (ARTICLE, marks(data.number_articles)),
                  (AND, marks(data.numeral_joiners)), (SIGN, marks(w for w in data.negative_words if w != "-")),
                  (POINT, marks(data.decimal_words)), (OF, marks(data.fraction_of)),
                  (MIXED, marks(data.fraction_joiners)), (OVER, marks(data.fraction_over))]
        if bare:
            tables += [(NUM, extra.number_words), (MULT, extra.multipliers), (OVER, marks(extra.fraction_over))]
        return tables

    def _not_unit_after(self, word: str) -> str:
        """A number word that opens a unit or a percent word is the unit's ("千瓦" is kW)."""
        rests = [u[len(word):] for u in (*self.units, *self.data.percent_suffix)
                 if u.startswith(word) and len(u) > len(word)]
        return f"(?!{words_pattern(rests, self.data.loose_character_spacing)})" if rests else ""

    def _arabic_pattern(self) -> str:
        data = self.data
        d = f"[0-9{data.digits}]"
        group = f"[{re.escape(data.digit_group_separators or ',')}]"
        dec = f"[{re.escape(data.decimal_separators)}]"
        body = (rf"(?<={d}{dec}){d}+"                         # a part of a dotted chain: 192.168.1.2
                rf"|{d}+(?={dec}{d}+{dec}{d})"                # its first part
                rf"|{d}{{1,3}}(?:{group}{d}{{3}})+(?:{dec}{d}+)?(?!{d})"
                rf"|{d}+(?:{dec}{d}+)?|(?<![0-9{data.digits}{re.escape(data.decimal_separators)}]){dec}{d}+")
        return rf"(?:{body})(?:[eE][-+－]?[0-9]+(?![A-Za-z0-9]))?(?:\^[-+－]*[0-9]+)?"

    # -- tokens ------------------------------------------------------------------------------
    def _tokens(self, text: str, pos: int, limit: int, vocab: Vocabulary) -> list[Token]:
        out: list[Token] = []
        while len(out) < MAX_NUMERAL_TOKENS:
            match = (vocab.token if out else vocab.first).match(text, pos, limit)
            if match is None:
                break
            token = self._token(match, vocab, out[-1] if out else None)
            if token is None:
                break
            out.append(token)
            pos = match.end()
        return _join_hyphens(out)

    def _token(self, match: re.Match[str], vocab: Vocabulary, previous: Optional[Token]) -> Optional[Token]:
        group = match.lastgroup or ""
        start, end = match.span(group)
        raw = match.group(group)
        if group == "letter":                       # "10k", "2.33 k": only right after digits
            return Token(MULT, vocab.letters[_key(raw)], start, end, raw) if previous and previous.arabic else None
        if group == "arabic":
            value = self._arabic_value(raw)
            plain = raw.isdigit() or raw.translate(self.data.native_digit_table()).isdigit()
            return None if value is None else Token(NUM, value, start, end, raw, arabic=True, plain=plain)
        if group == "hyphen":
            return Token(HYPHEN, 0.0, start, end, raw)
        kind, value = vocab.kinds.get(_key(raw), ("", math.nan))
        if kind and (self.read_run is None or kind != MULT or previous is not None):
            return Token(kind, value, start, end, raw)
        try:                                        # a run of number words: "เจ็ดพัน", "ล้านล้าน"
            value = self.read_run(raw) if self.read_run else math.nan
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None                             # a run of number characters that is no number
        return Token(NUM, float(value), start, end, raw) if math.isfinite(value) else None

    def _arabic_value(self, raw: str) -> Optional[float]:
        digits = raw.translate(self.data.native_digit_table()).replace("－", "-")
        base, _, power = digits.partition("^")
        for separator in self.data.digit_group_separators or ",":
            base = base.replace(separator, "")
        for point in self.data.decimal_separators:
            base = base.replace(point, ".")
        try:
            value = float(base)
            if power:
                exponent = int(power.strip("+-")) * (-1) ** power.count("-")
                value = value ** exponent if value or exponent > 0 else math.inf
        except (ValueError, OverflowError, ZeroDivisionError):
            return None
        return value

    # -- quantities --------------------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: Optional[int] = None, bare_words: bool = False,
             years: bool = False) -> list[Quantity]:
        """Quantities in text[start:end]. `bare_words`: read as a pure number recogniser does:
        number words count without a unit ("一", "twenty"), labels ("1月") and the recogniser's
        own words ("10G", "三双", "one over three") too; a policy text's "一批" is no amount.
        `years`: a bare year ("2025") is a number too."""
        end = len(text) if end is None else end
        vocab = self.vocabularies[bare_words]
        skipped = SpanIndex(m.span() for m in self.skip.finditer(text, start, end))
        out: list[Quantity] = []
        pos = start
        while (match := vocab.start.search(text, pos, end)) is not None:
            first = match.start("first")
            quantity, pos = None, match.end("first")
            if not skipped.contains(first):
                quantity, pos = self._quantity(text, match, end, vocab, bare_words, years)
            out += [quantity] if quantity is not None else []
            pos = quantity.span[1] if quantity is not None else pos
        out = self._ratios(text, start, end, out)
        if self.multiple_words is not None:
            taken = [q.span for q in out]
            for match in self.multiple_words.finditer(text, start, end):
                if not any(s < match.end() and match.start() < e for s, e in taken):
                    value = self._lookup(self.data.multiple_words, match.group())
                    out.append(Quantity(value=value, unit="multiple", span=match.span(), numeral_span=match.span()))
        return sorted(out, key=lambda q: q.span)

    @staticmethod
    def _ratios(text: str, start: int, end: int, found: list[Quantity]) -> list[Quantity]:
        """A ratio to one replaces the two numerals it was read as: "2.2:1" is 2.2 times; a clock
        time's numerals are dropped."""
        out = list(found)
        for match in CLOCK_TIME.finditer(text, start, end):
            out = [q for q in out if not (match.start() <= q.numeral_span[0] < match.end() and q.unit in (None, "count"))]
        for match in RATIO_TO_ONE.finditer(text, start, end):
            inside = [q for q in out if match.start() <= q.numeral_span[0] < match.end()]
            if not inside or any(q.unit not in (None, "count") for q in inside):
                continue
            out = [q for q in out if q not in inside]
            out.append(Quantity(value=float(match.group("value")), unit="multiple", span=match.span(),
                                numeral_span=match.span("value")))
        return out

    def _quantity(self, text: str, match: re.Match[str], limit: int, vocab: Vocabulary, bare: bool,
                  years: bool) -> tuple[Optional[Quantity], int]:
        """The quantity a start match begins, if any, and where to look for the next one."""
        toks = self._tokens(text, match.start("first"), limit, vocab)
        if toks and toks[0].kind in (SIGN, HYPHEN) and not self._sign_stands(text, toks, bare):
            toks = toks[1:]                         # "7-10%": a range's dash, not a minus
        reading = self.parser.read(toks) if toks else None
        if reading is not None and math.isnan(reading.value):
            return None, toks[reading.end - 1].end  # 二三十: "twenty or thirty", no one number
        prefix = match.group("prefix") if toks and match.start("first") == toks[0].start else None
        if reading is not None and reading.over_at >= 0 and self._unit(text, prefix, toks[reading.end - 1].end, limit)[0]:
            reading = self.parser.read(toks[:reading.over_at])  # "$10000 over 3 years": no ratio
        if reading is None:
            return None, match.end("first")
        if not math.isfinite(reading.value) or abs(reading.value) > MAX_VALUE:
            return None, toks[reading.end - 1].end   # "1e309": one numeral, no amount
        # a numeral read is one numeral, an amount or not: "二〇二五年" is no "〇二五年"
        return self._checked(text, match, toks, reading, prefix, limit, bare, years), toks[reading.end - 1].end

    def _checked(self, text: str, match: re.Match[str], toks: list[Token], reading: Reading, prefix: Optional[str],
                 limit: int, bare: bool, years: bool) -> Optional[Quantity]:
        tail_start = toks[reading.end - 1].end
        more_last = toks[reading.end - 1].kind == MORE and reading.end > 1
        numeral = (toks[0].start, toks[reading.end - 2].end if more_last else tail_start)   # 四百(多)
        unit, percent, span_end = self._unit(text, prefix, tail_start, limit)
        digits = next(t for t in toks if t.kind not in (SIGN, HYPHEN))
        arabic = any(t.arabic for t in toks[:reading.end])
        qualified = bool(percent or unit or reading.shaped or reading.magnified and reading.lead_digit)
        if not (arabic or qualified or bare):
            return None  # "一批", "หนึ่งแถบ": number words count only with a unit after them
        prefixed = prefix is not None and match.end("prefix") == digits.start   # "RMB150", "US$148"
        if not self._free_standing(text, (digits.start, tail_start), qualified, bare, prefixed, percent):
            return None
        if self.names_after is not None and self.names_after.match(text, span_end):
            return None  # "五年行动计划", "三年行动": a plan's name
        if not bare and reading.end == 1 and toks[0].text in self.data.article_numerals and unit in self.data.article_units:
            return None  # 一个中心, 关键一年: the article "a"
        if not bare and reading.end == 1 and toks[0].kind == SCALE:
            return None  # 百年, 千方百计, "hundreds": a scale word alone names no amount
        plain = reading.plain or reading.end == 1 and toks[0].plain
        if not years and plain and unit in (None, "years") and _is_year(reading.value):
            return None  # "2025", "二〇二五年": a year, read by the time layer
        span_start = match.start("prefix") if prefix else numeral[0]
        value = reading.value + 1 if unit == "multiple" and self._increased_by(text, span_start) else reading.value
        quantity = Quantity(value=value, unit=unit, span=(span_start, span_end), numeral_span=numeral,
                            percent=percent, scale=reading.scale, magnitude_end=numeral[1], more=reading.more,
                            fraction=reading.fraction)
        return self._with_subunits(text, quantity, limit, self.vocabularies[bare])

    def _increased_by(self, text: str, start: int) -> bool:
        """An "increase by" word right before the multiple: 增加一倍 is twice the size."""
        return self.increase_by is not None and self.increase_by.search(text, max(0, start - INCREASE_WINDOW), start) is not None

    def _sign_stands(self, text: str, toks: list[Token], bare: bool) -> bool:
        """A minus symbol is a sign unless it follows a numeral ("7-10%", "三-五") or, outside a
        pure recogniser, stands apart from its number ("- 10 companies" is a bullet)."""
        sign = toks[0]
        if sign.text not in SIGN_SYMBOLS:
            return True
        if len(toks) < 2 or toks[1].start > sign.end and not bare:
            return False
        before = text[max(0, sign.start - 8):sign.start].rstrip(" \t")
        return not before or not (before[-1].isascii() and before[-1].isalnum() or before[-1] in "%％"
                                  or _key(before[-1]) in self.vocabularies[True].kinds)

    def _unit(self, text: str, prefix: Optional[str], end: int, limit: int) -> tuple[Optional[str], bool, int]:
        """The unit, whether the amount is in percent, and where the quantity ends."""
        if prefix is not None and _key(prefix) in self.unit_prefixes:
            return self._lookup(self.data.unit_prefixes, prefix), False, end
        tail = self.tail.match(text, end, limit)
        symbol = tail is not None and tail.group("unit") and _key(tail.group("unit")) in self.unit_prefixes
        if symbol and text[tail.end():tail.end() + 1].isdigit():
            tail = None                             # "1 $10": the symbol is 10's
        percent = prefix is not None or bool(tail and tail.group("suffix"))
        if tail is None:
            return ("percent" if percent else None), percent, end
        unit = "percent" if percent else self._lookup(self.units, tail.group("unit"))
        return unit, percent, tail.end()

    def _with_subunits(self, text: str, q: Quantity, limit: int, vocab: Vocabulary) -> Quantity:
        """A currency amount with its subunit amounts: 五元三毛 (5.3), "3 dollars 50 cents",
        两美元又三美分; a bare number after it is in the next subunit ("thirteen dollars forty five")."""
        if q.unit is None or q.scale != 1 or q.value != int(q.value) or not is_currency(q.unit):
            return q                                # "$4.25 and 32": the cents are written already
        unit, place = q.unit, 1.0                   # the last part's unit, and its size in q's unit
        while True:
            gap = self.minor_gap.match(text, q.span[1], limit)
            toks = self._tokens(text, gap.end(), limit, vocab)
            reading = self.parser.read(toks) if toks and toks[0].kind == NUM else None
            if reading is None:
                return q
            end = toks[reading.end - 1].end
            tail = self.minor_tail.match(text, end, limit)
            sub = self._lookup(self.minor_units, tail.group("unit")) if tail else _next_subunit(unit, self.currencies)
            factor = _subunit_factor(q.unit, sub) if sub else None
            if factor is None or factor >= place or reading.value * factor >= place:
                return q                            # "100元 50": no subunit amount
            q = q.model_copy(update={"value": q.value + reading.value * factor,
                                     "span": (q.span[0], tail.end() if tail else end)})
            unit, place = sub, factor

    def _free_standing(self, text: str, span: Span, qualified: bool, bare: bool, prefixed: bool = False,
                       percent: bool = False) -> bool:
        """A numeral inside a name or a code is no quantity: "PM2.5", "G20", "5G", "COVID-19",
        "第十四", "国发〔2021〕33号", "No. 3", "2023/8/16"."""
        start, end = span
        before = text[max(0, start - 12):start]
        if _slashed(text, start, end):
            return False
        if not qualified and 0 < start and end < len(text) and text[start - 1] in "(（" and text[end] in ")）":
            return False  # "(1)", "（2）": a list label
        if not prefixed and start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum() or
                          text[start - 1] in "-." and start > 1 and text[start - 2].isascii() and text[start - 2].isalpha()):
            return False
        if not qualified and end < len(text) and text[end].isascii() and text[end].isalpha():
            return False
        if self.not_before is not None and not percent and self.not_before.search(before):
            return False  # "ครั้งที่ 5", "第十四": an ordinal; but "ต่อปีที่ 6.5%" (at 6.5% a year) is an amount
        label = self.not_after is not None and self.not_after.match(text, end, min(len(text), end + 12))
        if not (qualified or bare) and label:
            return False
        return True

    @staticmethod
    def _lookup(table: dict, word: str):
        if word in table:
            return table[word]
        lowered = {_key(k): v for k, v in table.items()}
        return lowered[_key(word)]


def _join_hyphens(toks: list[Token]) -> list[Token]:
    """"twenty-one", "thirty-fifths", "ninety - five" are one word and "two-thirds" two; any other
    hyphen inside a numeral ends it ("7-10", "one-yen"), and a leading one is a sign."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == HYPHEN and out:
            word, nxt = out[-1], toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or word.kind != NUM or word.arabic or nxt.arabic:
                break
            if word.value in TENS and nxt.kind in (NUM, ORDINAL) and 1 <= nxt.value <= 9:
                out[-1] = Token(nxt.kind, word.value + nxt.value, word.start, nxt.end, f"{word.text}-{nxt.text}")
            elif nxt.kind == ORDINAL:
                out.append(nxt)
            else:
                break
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _slashed(text: str, start: int, end: int) -> bool:
    """"1/6", "3/5", "70/1" next to this numeral: a date or a document number."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before in "/／" and start > 1 and text[start - 2].isdigit()
            or after in "/／" and end + 1 < len(text) and text[end + 1].isdigit())


def _is_year(value: float) -> bool:
    return any(lo <= value <= hi for lo, hi in YEAR_RANGES)


def is_currency(unit: str) -> bool:
    """A unit defined in configs/units.txt as an amount of money (its own currency dimension)."""
    return _dimension(unit).startswith("[currency_")


@functools.lru_cache(maxsize=None)
def _dimension(unit: str) -> str:
    from pipeline.extract.units import known, registry

    if not known(unit):
        return ""
    dims = registry().Unit(unit).dimensionality
    return str(next(iter(dims))) if len(dims) == 1 else ""


def _subunit_factor(unit: str, sub: str) -> Optional[float]:
    from pipeline.extract.units import convert

    factor = convert(1.0, sub, unit)
    return factor if factor is not None and 0 < factor <= 1 else None


@functools.lru_cache(maxsize=None)
def _next_subunit(unit: str, units: tuple[str, ...]) -> Optional[str]:
    """The largest unit of `unit`'s currency below it: CNY -> CNY_jiao -> CNY_fen."""
    below = [(f, u) for u in units if u != unit and (f := _subunit_factor(unit, u)) is not None and f < 1]
    return max(below)[1] if below else None


@functools.lru_cache(maxsize=None)
def number_reader(lang: str) -> NumberReader:
    from pipeline.config import lang_data

    return NumberReader(lang_data(lang))
