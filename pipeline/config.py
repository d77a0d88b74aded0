"""Loading language data and the gazetteer from `configs/`.

Language knowledge lives in one YAML file per language; this module validates it into typed
models so that a malformed file fails at load time with a clear message, not deep in a stage.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Optional

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent
# configs/ and corpora/ sit beside the package in the project; POLICY_PIPELINE_HOME overrides.
PROJECT_ROOT = Path(os.environ.get("POLICY_PIPELINE_HOME", PACKAGE_ROOT.parent))
CONFIG_DIR = PROJECT_ROOT / "configs"
SUPPORTED_LANGS = ("th", "zh", "en")


class HeadingStyle(BaseModel):
    name: str
    pattern: str
    rank: int


class PerPattern(BaseModel):
    pattern: str
    value: Optional[float] = None
    unit: Optional[str] = None


class NerConfig(BaseModel):
    engine: str
    ud_to_lst20: dict[str, str]
    labels: dict[str, str]


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


class LangData(BaseModel):
    """Everything a stage may know about one language."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    segmenter: str
    case_insensitive: bool = False   # Latin-script languages: "Percent" and "percent" are one word
    digits: str = ""
    number_words: list[str] = []
    number_word_reader: str
    multipliers: dict[str, float] = {}
    percent_prefix: list[str] = []
    percent_suffix: list[str] = []
    units: dict[str, str] = {}
    comparators_before: dict[str, str] = {}
    comparators_after: dict[str, str] = {}
    per_patterns: list[PerPattern] = []
    growth_words: list[str] = []
    deadline_patterns: list[str] = []
    baseline_patterns: list[str] = []
    past_markers: list[str] = []
    target_markers: list[str] = []
    months: dict[str, int] = {}
    date_patterns: list[str] = []
    era_offsets: dict[str, int] = {}
    buddhist_era_threshold: int = 9999
    date_roles: dict[str, list[str]] = {}
    heading_styles: list[HeadingStyle] = []
    bullet_pattern: str = ""
    sentence_terminators: str = ""
    clause_separators: str = ""
    list_separators: list[str] = []
    goal_section_titles: list[str] = []
    issuing_verbs: list[str] = []
    boilerplate_markers: list[str] = []
    gloss_brackets: list[str] = []
    ner: Optional[NerConfig] = None
    stopwords: list[str] = []
    suffixes: list[str] = []
    render: Optional[RenderTemplates] = None

    def native_digit_table(self) -> dict[int, str]:
        """str.translate table mapping this language's digits to ASCII ones."""
        return {ord(d): str(i) for i, d in enumerate(self.digits)} if self.digits else {}


class GazetteerEntry(BaseModel):
    id: str
    type: str
    names: dict[str, list[str]]


class Gazetteer(BaseModel):
    entries: list[GazetteerEntry]

    def by_id(self) -> dict[str, GazetteerEntry]:
        return {e.id: e for e in self.entries}


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


def _check_patterns(path: Path, data: LangData) -> None:
    """Compile every regex once at load time so a typo names its file, not a stage."""
    patterns = [*data.deadline_patterns, *data.baseline_patterns, data.bullet_pattern]
    patterns += [h.pattern for h in data.heading_styles] + [p.pattern for p in data.per_patterns]
    for pattern in patterns:
        try:
            re.compile(pattern.replace("{MONTH}", "x"))
        except re.error as exc:
            raise ConfigError(f"{path}: bad pattern {pattern!r}: {exc}") from exc


@functools.lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    path = CONFIG_DIR / "gazetteer.yaml"
    try:
        return Gazetteer.model_validate(_load_yaml(path))
    except ValidationError as exc:
        raise ConfigError(f"{path}: {exc.errors()[0]['msg']}") from exc


def alternation(words: list[str] | dict[str, object]) -> str:
    """A regex alternation of literal words, longest first so the longest always wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
