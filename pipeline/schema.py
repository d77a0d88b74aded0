"""The record that `analyze` produces: every item is grounded by a half-open character span
into `document.text`, and `document.text[span[0]:span[1]] == item.text` always holds."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
Number = Union[int, float]
Comparator = Literal[">", ">=", "=", "<=", "<", "~"]
Unit = Literal[
    "percent", "count", "people", "CNY", "USD", "THB", "km", "hour", "tonne", "index", "year"
]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Grounded(Frozen):
    """Anything quoted from the document: its exact text and where it stands."""

    text: str
    span: Span


class PageSpan(Frozen):
    page: int = Field(description="1-based page number in the source PDF")
    span: Span


class ParagraphLang(Frozen):
    span: Span
    lang: str = Field(description="ISO 639-1 code")
    confidence: float


class DocumentInfo(Frozen):
    id: str
    source: str
    format: Literal["txt", "md", "html", "pdf"]
    lang: str
    title: Optional[str] = None
    text: str = Field(description="normalised text; every span in the record indexes into it")
    paragraph_langs: list[ParagraphLang] = []
    pages: list[PageSpan] = Field(default=[], description="page of each span of a PDF's text")


class DateMention(Grounded):
    iso: str
    role: str = Field(description="published, dated, effective or mentioned")


class Entity(Grounded):
    type: str = Field(description="ORG, GPE, ZONE, PROGRAMME, FACILITY, PERSON, LAW")
    canonical_id: Optional[str] = None
    source: Literal["gazetteer", "gloss", "ner"]
    gloss_of: Optional[Span] = Field(
        default=None, description="for an English gloss in brackets: the span of the name it glosses"
    )


class Per(Frozen):
    value: Number
    unit: str


class Baseline(Frozen):
    value: Number
    year: Optional[int] = None


class Target(Grounded):
    id: str
    kind: Literal["quantitative", "qualitative"]
    metric: Optional[str] = Field(default=None, description="the phrase naming what is measured")
    metric_span: Optional[Span] = None
    value: Optional[Number] = None
    value_text: Optional[str] = None
    value_span: Optional[Span] = None
    unit: Optional[Unit] = None
    per: Optional[Per] = None
    comparator: Optional[Comparator] = None
    year: Optional[int] = Field(default=None, description="deadline year")
    baseline: Optional[Baseline] = None
    growth: bool = False


class Chapter(Grounded):
    id: str
    number: int = Field(description="1-based position among the document's chapters")
    label: Optional[str] = Field(default=None, description="the numbering as written, e.g. 二")
    title: str
    title_span: Span


class Measure(Grounded):
    id: str
    number: int
    label: str
    title: str
    title_span: Span
    chapter: Optional[str] = Field(default=None, description="id of the enclosing chapter")
    entity_ids: list[str] = Field(default=[], description="canonical ids of entities inside")


class Unresolved(Frozen):
    stage: str
    reason: str
    text: str


class Record(Frozen):
    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo
    dates: list[DateMention] = []
    entities: list[Entity] = []
    issuers: list[Entity] = []
    targets: list[Target] = []
    chapters: list[Chapter] = []
    measures: list[Measure] = []
    unresolved: list[Unresolved] = []

    def grounded_items(self) -> list[Grounded]:
        """Every item that quotes the document, for checks that spans are exact."""
        return [
            *self.dates, *self.entities, *self.issuers, *self.targets,
            *self.chapters, *self.measures,
        ]
