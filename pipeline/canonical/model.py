"""The canonical record: identity, issuers, zones, chapters, measures, goals and targets, each fact
with its source and whether that source confirms it (`verified`)."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.schema import Baseline, Comparator, Number, Per, Unit

Texts = dict[str, str]  # language code -> text


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verified: bool = Field(default=False, description="true when the cited source confirms the fact")
    source: Optional[str] = Field(default=None, description="key into `sources`, or a free citation")


class Identity(Fact):
    title: Texts
    cover_notice: Optional[str] = None
    number: Optional[str] = None
    dated: Optional[dt.date] = None
    published: Optional[dt.date] = None
    published_by: Optional[str] = None
    measure_count: Optional[int] = None


class NamedEntity(Fact):
    id: str
    type: str = "ORG"
    names: Texts = {}


class CanonicalChapter(Fact):
    id: str
    label: Optional[str] = None
    title: Texts


class CanonicalMeasure(Fact):
    id: str
    chapter: Optional[str] = None
    title: Texts
    body: Texts = Field(default={}, description="the measure's text; renderings unless verified")


class CanonicalGoal(Fact):
    id: str
    year: Optional[int] = None
    text: Texts


class CanonicalTarget(Fact):
    id: str
    text: Texts
    metric: Texts = {}
    value: Number
    unit: Unit
    per: Optional[Per] = None
    comparator: Comparator = "="
    year: Optional[int] = None
    growth: bool = False
    baseline: Optional[Baseline] = None


class CanonicalRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    lang: str = Field(description="the language of the original document")
    identity: Identity
    sources: dict[str, str] = {}
    issuers: list[NamedEntity] = []
    pilot_zones: list[NamedEntity] = []
    entities: list[NamedEntity] = []
    overview: Texts = Field(default={}, description="the opening paragraph: aims, context, pilot zones")
    chapters: list[CanonicalChapter] = []
    measures: list[CanonicalMeasure] = []
    goals: list[CanonicalGoal] = []
    targets: list[CanonicalTarget] = []

    @model_validator(mode="after")
    def _ids_are_unique(self) -> "CanonicalRecord":
        """Items are compared and cited by id: two with one id would make a match ambiguous."""
        for field in ("issuers", "pilot_zones", "entities", "chapters", "measures", "goals", "targets"):
            ids = [item.id for item in getattr(self, field)]
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise ValueError(f"{field}: id {', '.join(twice)} is used twice")
        return self

    def text_in(self, texts: Texts, lang: str) -> str:
        """A text in `lang` when the record has it, else in the original's language."""
        return texts.get(lang) or texts.get(self.lang) or next(iter(texts.values()), "")
