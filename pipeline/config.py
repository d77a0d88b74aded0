"""Loading language data and the gazetteer from `configs/`.

Language knowledge lives in one YAML file per language; this module validates it into typed
models so that a malformed file fails at load time with a clear message, not deep in a stage.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.errors import ConfigError

# Where the data lives (re-exported: the stages import it from here with the loaders).
from pipeline.paths import CONFIG_DIR, PROJECT_ROOT, SUPPORTED_LANGS  # noqa: F401


class HeadingStyle(BaseModel):
    name: str
    pattern: str
    rank: int


class PerPattern(BaseModel):
    pattern: str
    value: Optional[float] = None
    unit: Optional[str] = None


class ComparatorFrame(BaseModel):
    """A comparator written around the amount: 比 (30) 大 is "> 30"."""

    before: str
    after: str
    comparator: str


class RecogniserWords(BaseModel):
    """Number words only a pure number recogniser reads (NumberReader.find(bare_words=True)): in
    policy text they name other things ("5G", "一双鞋", "over 2020", "上半年")."""

    number_words: dict[str, float] = {}        # 半: "半百" is 50
    multipliers: dict[str, float] = {}         # 双, 对, 打: "三双" is 6
    letter_multipliers: dict[str, float] = {}  # M, G, b right after digits: "10G", "1.2b"
    fraction_over: list[str] = []              # numerator, word, denominator: "one over three"


class NerConfig(BaseModel):
    engine: str
    ud_to_lst20: dict[str, str]
    labels: dict[str, Literal["ORG", "GPE", "PERSON", "LAW"]]   # the tagger's labels -> entity types


class RenderTemplates(BaseModel):
    """Sentence templates for rendering a canonical record as a reference text."""

    note: str
    number: str
    issued: str
    list_separator: str
    last_separator: str
    date: str
    chapter: str
    chapter_numerals: str
    goals_heading: str
    deadline: str
    goal_separator: str
    target_block_separator: str
    deadline_end: str
    goals_inline: bool
    measure: str
    measure_numerals: str
    measure_numbering_continues: bool


# Pattern groups that capture a year and so must stand as a whole number.
YEAR_GROUPS = ("year", "start")
# The language-file fields whose patterns capture years.
YEAR_PATTERN_FIELDS = ("deadline_patterns", "year_range_patterns", "year_patterns", "baseline_patterns", "current_year_patterns",
                       "reference_year_patterns", "date_patterns", "partial_date_patterns", "dateline_patterns",
                       "lead_date_patterns", "credit_date_patterns")


# The language-file fields that hold lists of regular expressions (placeholders are expanded in them).
PATTERN_FIELDS = (*YEAR_PATTERN_FIELDS, "plan_period_patterns", "relative_deadline_patterns", "session_year_patterns")
PLACEHOLDER = re.compile(r"\{[A-Z_]+\}")


def expand_placeholders(pattern: str, values: dict[str, str]) -> str:
    """A pattern with its placeholders replaced; an unknown one ("{DIGTI}") is an error, not a
    literal brace in a regex that would silently never match."""
    def value(match: re.Match[str]) -> str:
        if match.group() not in values:
            raise ValueError(f"unknown placeholder {match.group()} in {pattern!r}; known: {', '.join(values)}")
        return values[match.group()]
    return PLACEHOLDER.sub(value, pattern) if "{" in pattern else pattern


def _group_end(pattern: str, start: int) -> int:
    """The index just past the group that opens at `start` (escapes and character classes skipped)."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1  # "[]...]": a leading bracket is a member
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(pattern)


def digit_bounded(pattern: str, digits: str = r"\d") -> str:
    """Every year group of a pattern fenced by digit boundaries: "ภายในปี 25681" holds no year
    2568, and "到20251年" no year 0251 — the digits are one number, not a year and a remainder.
    `digits`: a character-class body of the language's digits."""
    for name in YEAR_GROUPS:
        head = f"(?P<{name}>"
        i = pattern.find(head)
        while i >= 0:
            end = _group_end(pattern, i)
            fenced = f"(?<![{digits}]){pattern[i:end]}(?![{digits}])"
            pattern = pattern[:i] + fenced + pattern[end:]
            i = pattern.find(head, i + len(fenced))
    return pattern


class LangData(BaseModel):
    """Everything a stage may know about one language."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    segmenter: str
    lingua: str                      # the language's name in lingua's Language enum: THAI, CHINESE, ENGLISH
    # registered names (pipeline/registry.py): how its words are cut, and the lexicon that
    # translates them to English for the aligner (none: its words are compared as they are)
    lexicon: Optional[str] = None
    case_insensitive: bool = False   # Latin-script languages: "Percent" and "percent" are one word
    reading_transform: Optional[str] = None  # an OpenCC conversion the extractors read through (zh: t2s)
    digits: str = ""
    digit_group_separators: str = ","           # thousands separators: "1,200"; UN Chinese texts write "4 300万"
    number_words: list[str] = []
    number_word_reader: str
    # the registered reader of numbering labels written in words ("十四" in "第十四章"); none: digits,
    # Roman numerals and letters only
    label_reader: Optional[str] = None
    number_word_values: dict[str, float] = {}   # for number_word_reader "table": word -> value
    article_numerals: list[str] = []            # number words that before a count classifier mean "a"
    article_units: list[str] = ["count"]        # the units before which they do (zh: and 年, "关键一年")
    multipliers: dict[str, float] = {}
    multiple_words: dict[str, float] = {}       # words that are a multiple on their own: double, 翻番
    # right before a multiple, "increase by": the amount grows by that many times its size, so
    # 增加一倍 and "เพิ่มขึ้นอีก 1 เท่า" are twice it (a multiple of 2); fillers may stand between (了, 约, อีก)
    increase_by_words: list[str] = []
    increase_by_fillers: list[str] = []
    number_scales: dict[str, float] = {}        # multiply the digits before them in a numeral: 十, 百, hundred, dozen
    number_elision: bool = False                # a last digit after a scale word takes the next place: 两千四百五 = 2450
    letter_multipliers: dict[str, float] = {}   # magnitude letters right after digits: "10k"
    approximate_digits: list[str] = []          # a digit of unknown value inside a numeral, read as 0: 二十几万
    more_words: list[str] = []                  # "more than" inside a numeral, before its magnitude: 十余万, 100多万
    number_articles: list[str] = []             # read as 1 before a scale, magnitude or fraction word: "a hundred"
    numeral_joiners: list[str] = []             # a word inside one numeral after a scale word: "one hundred and six"
    negative_words: list[str] = []              # a minus sign before a numeral: 负, minus, "-"
    decimal_words: list[str] = []               # a decimal point written as a word: 一点五, "two point five"
    decimal_separators: str = "."               # decimal points between digits: "4.5", "2．2"
    fraction_of: list[str] = []                 # denominator, word, numerator: 三分之一
    fraction_over: list[str] = []               # numerator, word, denominator: "1/4"
    fraction_joiners: list[str] = []            # whole part, word, fraction: 三又三分之一
    ordinal_fractions: dict[str, float] = {}    # a fraction's denominator word: fifths -> 5, half -> 2
    numberless_words: list[str] = []            # words with a number character that are no number: 一切, 四川
    loose_character_spacing: bool = False       # number words may have spaces between their characters: 百 分 之
    recogniser: RecogniserWords = RecogniserWords()   # words only a pure recogniser reads: 三双, "10G"
    not_quantity_before: list[str] = []         # a numeral right after these is an ordinal or a code: 第, No.
    not_quantity_after: list[str] = []          # a bare numeral before these is a code or a label: 号, 届, "1. "
    names_after: list[str] = []                 # an amount before these is part of a name: 五年(行动计划)
    percent_prefix: list[str] = []
    percent_suffix: list[str] = []
    units: dict[str, str] = {}
    unit_prefixes: dict[str, str] = {}          # a unit written before the amount: $, £, US$, ￥
    minor_currency_units: dict[str, str] = {}   # subunit words read only right after an amount of their currency: 毛, 角
    amount_joiners: list[str] = []              # between a currency amount and its subunit amount: 两美元又三美分
    comparators_before: dict[str, str] = {}
    comparators_after: dict[str, str] = {}
    comparator_frames: list[ComparatorFrame] = []   # a comparator around the amount: 比 … 大
    comparator_pair_joiners: list[str] = []     # a lower and an upper bound joined by these are one range: 大于10并且小于20
    range_connectors: list[str] = []            # "7-10%", "4.5至5%", "ร้อยละ 4.5 ถึง 5"
    range_openers: dict[str, str] = {}          # "between 50 and 60": opener -> its connector
    range_blockers: list[str] = []              # "from 7.8% to 10%" is a change, not a range
    range_closers: dict[str, list[str]] = {}    # a word after a range -> its connectors: 20和30之间
    exclusive_range_words: list[str] = []       # range openers and closers that leave out the ends: between, 之间
    per_patterns: list[PerPattern] = []
    growth_words: list[str] = []
    deadline_patterns: list[str] = []
    plan_period_patterns: list[str] = []        # with group `ordinal` (the plan's number), or none
    relative_deadline_patterns: list[str] = []  # "ภายใน 5 ปี", "未来五年", "within three years": group `years`
    anaphoric_deadlines: list[str] = []         # "By then", 届时: the deadline just named before
    # Whether "the next N years" counts the year of writing as the first (未来五年 written in 2021 is
    # 2021-2025, as plan periods are) or starts after it (ภายใน 5 ปี from 2020 reaches 2025).
    relative_years_include_current: bool = True
    year_range_patterns: list[str] = []         # "2021—2025年": group `year` is the last year
    year_patterns: list[str] = []               # a plain year: "2025年", "in 2025", "ปี 68"
    # a session of the National People's Congress names its year: 十四届全国人大一次会议 is 2023;
    # so does a provincial congress's (省十二届人大一次会议: 2013): group `place` names the province
    session_year_patterns: list[str] = []
    # Provincial congresses sit the NPC's five-year terms, and most are numbered as it is (the 14th
    # opened in 2023). Those numbered otherwise, by name: the number of the congress opened in 2023.
    congress_numbers_2023: dict[str, int] = {}
    # the year the text says it speaks from: "今年（2024年）", "this year (2024)"; group `year`
    current_year_patterns: list[str] = []
    ordinal_words: dict[str, int] = {}          # "second" session: ordinals written as words
    current_year_words: list[str] = []          # 今年, this year, ปีนี้: the document's year
    # a report that sets the targets of the year it is delivered in, named with no year before it:
    # "《政府工作报告》设定的主要目标，是GDP增长6%以上" (the year the text speaks from, like 今年)
    annual_report_patterns: list[str] = []
    baseline_patterns: list[str] = []
    # right after a count (matched at its end), what makes it a count of the document's own parts, never a target:
    # "20项主要指标", "八个方面", "eight major tasks", "3 ด้าน"
    structure_count_patterns: list[str] = []
    reference_year_patterns: list[str] = []     # "比2020年下降13.5%": a base year, not a past statistic
    # words of a completed action ("实现了", "has achieved", "แล้ว"): a plan period named in such a
    # clause is under way or over, and scopes nothing ahead (narrower than role_cues' past words)
    completed_markers: list[str] = []
    role_cues: dict[str, list[str]] = {}        # target, future, past, forecast, derived, source: context words
    months: dict[str, int] = {}
    date_patterns: list[str] = []
    partial_date_patterns: list[str] = []       # a day and month without a year ("8月16日", "Aug. 17")
    dateline_patterns: list[str] = []           # a news dateline; group `date` marks the date inside it
    weekdays: dict[str, int] = {}               # "Tuesday", "周二", "วันอังคาร" -> 1 (Monday is 0)
    lead_date_patterns: list[str] = []          # a date opening a report: a dateline unless a cue says otherwise
    # a source credit with its date ("Xinhua, January 22, 2026", "(Xinhua News Agency September 26,
    # 2008)"): the page's publication date
    credit_date_patterns: list[str] = []
    news_outlets: list[str] = []                # agencies and outlets, as credits and datelines name them: {OUTLET}

    @model_validator(mode="after")
    def _expand_and_fence(self) -> "LangData":
        """Placeholders expanded in every pattern, then year groups fenced by this language's
        digits: ASCII, its native digits (๐-๙) and its one-character digit words (〇, 二 …)."""
        values = self.placeholders()
        for field in PATTERN_FIELDS:
            setattr(self, field, [expand_placeholders(p, values) for p in getattr(self, field)])
        self.bullet_pattern = expand_placeholders(self.bullet_pattern, values)
        for item in [*self.heading_styles, *self.per_patterns]:
            item.pattern = expand_placeholders(item.pattern, values)
        words = "".join(w for w, v in self.number_word_values.items() if len(w) == 1 and v in range(10))
        digits = r"\d" + re.escape(self.digits + words)
        for field in YEAR_PATTERN_FIELDS:
            setattr(self, field, [digit_bounded(p, digits) for p in getattr(self, field)])
        return self

    def placeholders(self) -> dict[str, str]:
        """What a language file's patterns may write instead of repeating it: {DIGIT} one digit
        (ASCII or native), {DIGITS} the same as a character-class body ("[{DIGITS}.,]"), {YEAR}
        a four-digit year group, {ERA} the era-marker group (พ.ศ., ค.ศ.; never matches where the
        language has none), {MONTH} the alternation of month names and {OUTLET} of news outlets."""
        digits = r"\d" + re.escape(self.digits)
        return {"{DIGITS}": digits, "{DIGIT}": f"[{digits}]", "{YEAR}": f"(?P<year>[{digits}]{{4}})",
                "{ERA}": f"(?P<era>{alternation(self.era_offsets) or '(?!)'})",
                "{MONTH}": alternation(self.months) or "(?!)", "{OUTLET}": alternation(self.news_outlets) or "(?!)"}
    era_offsets: dict[str, int] = {}
    buddhist_era_threshold: int = 9999
    unmarked_era_offset: int = 0                # a year above the threshold with no era marker: 2566 - 543
    short_era_base: Optional[int] = None        # two-digit years: ปี 68 -> 2568
    # cue words of each role; "retrieved" and "caption" mark dates that are not the document's:
    # a saved page's fetch date, a file photo's
    date_roles: dict[Literal["published", "dated", "effective", "retrieved", "caption"], list[str]] = {}
    # how the line of an issuing body's signature ends ("安徽省人民政府办公厅"): a date alone on the
    # line after it is the day the document was signed, not the page's
    signature_tails: list[str] = []
    heading_styles: list[HeadingStyle] = []
    bullet_pattern: str = ""
    sentence_terminators: str = ""
    clause_separators: str = ""
    list_separators: list[str] = []
    goal_section_titles: list[str] = []
    issuing_verbs: list[str] = []               # a body right before one issued or announced the document
    issuer_markers: list[str] = []              # a body right after one issued it: by, according to, 由, โดย
    issuer_joiners: list[str] = []              # between co-issuers: 、, "and", และ
    # right before a body that a document went to or was delivered at, not one that issued it:
    # "在十四届全国人大一次会议上作", "ยื่นต่อที่ประชุมสภาผู้แทนฯ", "submitted to the NPC"
    recipient_markers: list[str] = []
    # a field that names the issuing bodies, in a page's metadata or an official text's header table:
    # "发文机关：国务院", "Issued by: State Administration for Market Regulation"
    issuer_field_labels: list[str] = []
    # a name the NER tagger found, outside the gazetteer, issues only if it opens with one of these
    # (กระทรวง, สำนักงาน): the tagger also tags phrases such as "โครงข่ายรถไฟความเร็วสูง"
    ner_issuer_heads: list[str] = []
    recipient_gap: int = 0                      # characters allowed between such a marker and the body: 在|十四届|全国人大
    # right before a place, where something happened, not who did it: "a conference held in Beijing",
    # "ณ กรุงปักกิ่ง", "于北京": the place then stands for no government
    place_markers: list[str] = []
    office_titles: list[str] = []               # after a place, its government's head: 省长, Governor
    office_titles_before: list[str] = []        # before a place, its head: ผู้ว่าการมณฑลเสฉวน, "Governor of"
    # issuing verbs of an official title ("国务院关于印发…的通知"): the issuer stands right before them,
    # while a body farther back submitted or received the document ("…人民政府联合报来《关于报送…》")
    title_verbs: list[str] = []
    # a relative clause describing a body between it and its issuing verb: "ซึ่งเป็น…", ", which is …"
    appositive_markers: list[str] = []
    # a body's own office that signs for it, right after its name on a signature line: 商务部(办公厅)
    signing_offices: list[str] = []
    # Words that make a place part of another name: a facility's, an office's or a delegation's
    # ("ท่าอากาศยานนานาชาติไห่โข่ว", "中共浙江省委", "江苏代表团", "湖南省发展改革委"). Such a place is no government.
    place_name_heads: list[str] = []
    place_name_tails: list[str] = []
    # the larger place written after the smaller locates it ("นครคุนหมิง มณฑลยูนนาน", "Yichang, Hubei"):
    # no government of its own there (Chinese writes the larger first: 浙江省杭州市)
    locating_places_follow: bool = False
    local_qualifiers: list[str] = []            # before a document's name, a local one's: 省, provincial
    boilerplate_markers: list[str] = []
    # a whole line of a saved web page's chrome before its title: "Advertisement", "รีเซต", a breadcrumb
    page_chrome_patterns: list[str] = []
    # a heading that opens a text's back matter ("参考文献", "References"): no commitments after it
    back_matter_headings: list[str] = []
    gloss_brackets: list[str] = []
    ner: Optional[NerConfig] = None
    stopwords: list[str] = []
    suffixes: list[str] = []
    render: Optional[RenderTemplates] = None
    serial_line: str = "#{n}"                   # a synthetic document's serial line (evaluation)

    def native_digit_table(self) -> dict[int, str]:
        """str.translate table mapping this language's digits to ASCII ones."""
        return {ord(d): str(i) for i, d in enumerate(self.digits)} if self.digits else {}


class GazetteerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    # MEDIA: a news outlet (credited, never an issuer); OFFICE: an office holder who speaks for a body
    # (the Premier delivers the government work report for the State Council).
    type: Literal["ORG", "GPE", "ZONE", "PROGRAMME", "FACILITY", "MEDIA", "OFFICE"]
    names: dict[str, list[str]]      # by language: th, zh (simplified), zh_hant, en
    parent: Optional[str] = None     # the enclosing body or place
    acts_for: Optional[str] = None   # OFFICE only: the id of the body the office holder speaks for
    # the documents it issues by name, by language: "the government work report" is the State Council's
    documents: dict[str, list[str]] = {}
    source: Optional[str] = None     # where the names were checked


class Gazetteer(BaseModel):
    entries: list[GazetteerEntry]
    unconfirmed_th: list[str] = []   # ids whose Thai names no source was found for

    def by_id(self) -> dict[str, GazetteerEntry]:
        return {e.id: e for e in self.entries}


@functools.lru_cache(maxsize=1)
def gazetteer_by_id() -> dict[str, GazetteerEntry]:
    """The gazetteer's entries by id, built once (glosses look ids up for every document)."""
    return gazetteer().by_id()


def _load_yaml(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


@functools.lru_cache(maxsize=None)
def lang_data(lang: str) -> LangData:
    if lang not in SUPPORTED_LANGS:
        raise ConfigError(f"unsupported language {lang!r}; supported: {', '.join(SUPPORTED_LANGS)}")
    path = CONFIG_DIR / "lang" / f"{lang}.yaml"
    try:
        data = LangData.model_validate(_load_yaml(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
    _check_patterns(path, data)
    return data


# The named groups the stages read from each kind of pattern: a pattern without them would fail
# deep in a stage (a heading style without `num`), so the language file is refused at load.
REQUIRED_GROUPS = {
    "deadline_patterns": ("year",), "year_patterns": ("year",), "year_range_patterns": ("year",),
    "current_year_patterns": ("year",), "reference_year_patterns": ("year",), "baseline_patterns": ("value",),
    "relative_deadline_patterns": ("years",), "session_year_patterns": ("congress",),
    "date_patterns": ("day", "month"), "partial_date_patterns": ("day", "month"), "dateline_patterns": ("day",),
    "lead_date_patterns": ("day",), "credit_date_patterns": ("day", "month"),
}


def _check_patterns(path: Path, data: LangData) -> None:
    """Compile every regex once at load time so a typo names its file, not a stage, and check
    that each has the named groups the stages read."""
    fields = [(name, getattr(data, name)) for name in REQUIRED_GROUPS]
    fields += [("plan_period_patterns", data.plan_period_patterns), ("bullet_pattern", [data.bullet_pattern] if data.bullet_pattern else []),
               ("heading_styles", [h.pattern for h in data.heading_styles]), ("per_patterns", [p.pattern for p in data.per_patterns])]
    required = REQUIRED_GROUPS | {"heading_styles": ("num",)}
    for name, patterns in fields:
        for pattern in patterns:
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"{path}: bad pattern {pattern!r}: {exc}") from exc
            missing = [g for g in required.get(name, ()) if g not in compiled.groupindex]
            if missing:
                raise ConfigError(f"{path}: {name}: {pattern!r} lacks the named group {', '.join(missing)}")


@functools.lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    """Every file under configs/gazetteer/, one gazetteer; an id defined twice is an error."""
    folder = CONFIG_DIR / "gazetteer"
    entries: list[GazetteerEntry] = []
    unconfirmed: list[str] = []
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise ConfigError(f"{folder}: no gazetteer files")
    for path in paths:
        try:
            part = Gazetteer.model_validate(_load_yaml(path))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ConfigError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
        entries += part.entries
        unconfirmed += part.unconfirmed_th
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ConfigError(f"{folder}: gazetteer id {entry.id!r} is defined twice")
        seen.add(entry.id)
    for entry in entries:
        if (entry.acts_for is not None) != (entry.type == "OFFICE") or (entry.acts_for and entry.acts_for not in seen):
            raise ConfigError(f"{folder}: gazetteer id {entry.id!r}: an OFFICE, and only an OFFICE, names the id it acts_for")
    return Gazetteer(entries=entries, unconfirmed_th=unconfirmed)


class MetricEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    en_label: str                       # the English gloss shown to readers of any language
    names: dict[str, list[str]]         # by language: the phrases that name the metric


class MetricLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metrics: list[MetricEntry]


@functools.lru_cache(maxsize=None)
def metric_lexicon() -> MetricLexicon:
    """configs/metrics/*.yaml, one lexicon; an id, or a phrase naming two metrics in one
    language, is an error (a phrase must decide its metric)."""
    folder = CONFIG_DIR / "metrics"
    metrics: list[MetricEntry] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            metrics += MetricLexicon.model_validate(_load_yaml(path)).metrics
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ConfigError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
    ids: set[str] = set()
    owner: dict[tuple[str, str], str] = {}
    for metric in metrics:
        if metric.id in ids:
            raise ConfigError(f"{folder}: metric id {metric.id!r} is defined twice")
        ids.add(metric.id)
        for lang, phrases in metric.names.items():
            for phrase in phrases:
                key = (lang, phrase.casefold())
                if owner.setdefault(key, metric.id) != metric.id:
                    raise ConfigError(f"{folder}: {lang} phrase {phrase!r} names both {owner[key]!r} and {metric.id!r}")
    return MetricLexicon(metrics=metrics)


class UiText(BaseModel):
    """The labels of the analyst's brief in one reader's language (configs/ui/xx.yaml)."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    labels: dict[str, str]
    roles: dict[str, str]
    severities: dict[str, str]
    comparators: dict[str, str]
    kinds: dict[str, str]
    changes: dict[str, str]


def ui_langs() -> list[str]:
    return sorted(path.stem for path in (CONFIG_DIR / "ui").glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def ui_text(lang: str) -> UiText:
    """A reader's labels; every file must name what the English one names, so no label is missing."""
    path = CONFIG_DIR / "ui" / f"{lang}.yaml"
    if lang not in ui_langs():
        raise ConfigError(f"no brief labels for {lang!r}; available: {', '.join(ui_langs())}")
    try:
        text = UiText.model_validate(_load_yaml(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
    if lang != "en":
        reference = ui_text("en")
        for group in ("labels", "roles", "severities", "comparators", "kinds", "changes"):
            missing = set(getattr(reference, group)) - set(getattr(text, group))
            if missing:
                raise ConfigError(f"{path}: {group} lacks {', '.join(sorted(missing))}")
    return text


def alternation(words: list[str] | dict[str, object]) -> str:
    """A regex alternation of literal words, longest first so the longest always wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def bounded(word: str) -> str:
    """A literal word that, where it starts or ends with a Latin letter or digit, matches only at
    a word boundary: "was" never matches inside "wasted", "CAS" never inside "CASE"."""
    escaped = re.escape(word)
    if word[:1].isascii() and word[:1].isalnum():
        escaped = r"(?<![A-Za-z0-9])" + escaped
    if word[-1:].isascii() and word[-1:].isalnum():
        escaped += r"(?![A-Za-z0-9])"
    return escaped


def bounded_alternation(words: list[str] | dict[str, object]) -> str:
    return "|".join(bounded(w) for w in sorted(words, key=len, reverse=True))
