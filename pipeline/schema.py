"""The record that `analyze` produces: every item is grounded by a half-open character span
into `document.text`, and `document.text[span[0]:span[1]] == item.text` always holds."""

from __future__ import annotations

from datetime import date
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, model_validator

from pipeline.spans import Span   # the record's span type: [start, end)

SCHEMA_VERSION = "2.0"   # 2.0: a comparison names its sides original and summary

Number = Union[int, FiniteFloat]   # NaN and infinity are no amounts
Comparator = Literal[">", ">=", "=", "<=", "<", "~", "range"]
# The unit as the text gives it: percent, count, multiple, a currency (CNY, USD, THB, EUR) or a
# unit defined in configs/units.txt (tonnes, tce, jin, kW, GW, kWh, m3, EFLOPS, years, ...).
Unit = str
QuantityRole = Literal["target", "baseline", "statistic", "forecast"]
# published, a news dateline, dated (issued or signed), effective, or only mentioned
DateRole = Literal["published", "dateline", "dated", "effective", "mentioned"]
# MEDIA: a news outlet; OFFICE: an office holder who speaks for a body (the Premier)
EntityType = Literal["ORG", "GPE", "ZONE", "PROGRAMME", "FACILITY", "PERSON", "LAW", "MEDIA", "OFFICE"]


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
    reference_date: Optional[date] = Field(default=None, description="the publication date its user gave, which dated "
                                           "what the text leaves undated (no date of the text's own)")


class DateMention(Grounded):
    iso: str
    role: DateRole = Field(description="published, dateline, dated (issued or signed), effective or mentioned")
    year_inferred: bool = Field(default=False, description="the text gives no year; it was taken from the document's other dates or years")


class Entity(Grounded):
    type: EntityType = Field(description="ORG, GPE, ZONE, PROGRAMME, FACILITY, PERSON, LAW, MEDIA or OFFICE")
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
    metric_id: Optional[str] = Field(default=None, description="the metric lexicon's key (configs/metrics/), e.g. rd_intensity")
    value: Optional[Number] = Field(default=None, description="the amount; for a range, its lower bound")
    value_max: Optional[Number] = Field(default=None, description="a range's upper bound (comparator 'range')")
    value_text: Optional[str] = None
    value_span: Optional[Span] = None
    unit: Optional[Unit] = None
    per: Optional[Per] = None
    comparator: Optional[Comparator] = None
    year: Optional[int] = Field(default=None, description="deadline year")
    baseline: Optional[Baseline] = None
    growth: bool = False


class QuantityMention(Grounded):
    """Every amount the document states, whatever its role: researchers want the statistics too."""

    value: Number = Field(description="the amount; for a range, its lower bound")
    value_max: Optional[Number] = None
    unit: Unit
    per: Optional[Per] = None
    comparator: Comparator
    year: Optional[int] = Field(default=None, description="the year the text ties the amount to")
    role: QuantityRole
    score: float = Field(description="the decision's confidence that the amount is a target")


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


class Gloss(Frozen):
    """A canonical id's names in other languages, from a dictionary of record (never translated)."""

    names: dict[str, str] = Field(description="language code -> the name in that language")
    source: Literal["gazetteer", "canonical"]


class Record(Frozen):
    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo
    dates: list[DateMention] = []
    entities: list[Entity] = []
    issuers: list[Entity] = []
    targets: list[Target] = []
    quantities: list[QuantityMention] = []
    chapters: list[Chapter] = []
    measures: list[Measure] = []
    glosses: dict[str, Gloss] = Field(default={}, description="names of every linked entity's id in th, zh and en")

    def grounded_items(self) -> list[Grounded]:
        """Every item that quotes the document, for checks that spans are exact."""
        return [
            *self.dates, *self.entities, *self.issuers, *self.targets, *self.quantities,
            *self.chapters, *self.measures,
        ]

    @model_validator(mode="after")
    def _every_item_quotes_its_span(self) -> "Record":
        """text[start:end] is the item's text, and so for a target's metric and value and a
        chapter's title: a record that does not quote its document exactly is refused."""
        text = self.document.text
        for item in self.grounded_items():
            quoted = [(item.text, item.span)] + [
                (getattr(item, name), getattr(item, span_name))
                for name, span_name in (("metric", "metric_span"), ("title", "title_span"), ("value_text", "value_span"))
                if getattr(item, span_name, None) is not None]
            for quote, (start, end) in quoted:
                if text[start:end] != quote:
                    raise ValueError(f"{type(item).__name__} {quote!r} does not quote the text at [{start}, {end})")
        return self


# --- comparison (align) -----------------------------------------------------------------------
ItemKind = Literal["target", "goal", "measure", "entity"]
JsonValue = Union[str, int, float, bool, None, dict, list]
SideKind = Literal["document", "canonical"]


class Match(Frozen):
    kind: ItemKind
    original_ref: str = Field(description="id in the original: the canonical record or document A")
    original_span: Optional[Span] = Field(default=None, description="span in document A; null for a canonical record")
    summary_ref: str = Field(description="id in the summary (document B)")
    summary_span: Optional[Span] = None
    original_text: str = Field(default="", description="the original's item as compared")
    summary_text: str = Field(default="", description="the summary's item as compared")
    rests_on_rendering: bool = Field(
        default=False, description="the original's side is the project's own rendering (an unverified canonical fact)")
    score: float = Field(description="the aligner's probability that the two are the same item")
    evidence: dict[str, float] = Field(default={}, description="the anchors and how strongly each agreed")
    merged: bool = Field(default=False, description="one of several original items the summary merged")


class Discrepancy(Frozen):
    kind: Literal["value", "comparator", "year", "unit", "date", "omission", "addition"]
    item: Literal["target", "goal", "measure", "entity", "date"]
    original_ref: Optional[str] = None
    summary_ref: Optional[str] = None
    original_value: JsonValue = None
    summary_value: JsonValue = None
    severity: Literal["info", "low", "medium", "high"]
    note: str = ""
    original_text: Optional[str] = Field(default=None, description="the original's item, in full")
    summary_text: Optional[str] = Field(default=None, description="the summary's item, in full")
    original_span: Optional[Span] = None
    summary_span: Optional[Span] = None
    rests_on_rendering: bool = Field(
        default=False, description="the original's side is the project's own rendering (an unverified canonical fact)")


class OrderChange(Frozen):
    kind: ItemKind
    original_refs: list[str] = Field(description="the original's order of the items the summary reorders")
    summary_refs: list[str] = Field(description="the same items in the summary's order")


class Merge(Frozen):
    kind: ItemKind
    original_refs: list[str]
    summary_ref: str


class SideInfo(Frozen):
    id: str
    source: str
    lang: str
    kind: SideKind = Field(description="document: an analysed document; canonical: a curated canonical record (no text, spans null)")


class Comparison(Frozen):
    schema_version: str = SCHEMA_VERSION
    original: SideInfo
    summary: SideInfo
    encoder: str
    matches: list[Match] = []
    discrepancies: list[Discrepancy] = []
    order_changes: list[OrderChange] = []
    merges: list[Merge] = []
    glosses: dict[str, Gloss] = Field(default={}, description="names of the entity ids either side names")
    matched_items: int = Field(default=0, description="targets, goals and measures matched")
    comparable_items: int = Field(default=0, description="targets, goals and measures on the side with fewer")
    warnings: list[str] = Field(default=[], description="what the reader should know before trusting the result")

    @model_validator(mode="before")
    @classmethod
    def _reads_pre_2_0(cls, data):
        """A comparison saved before 2.0 (in a store, in a file), when the original's side was named
        canonical even when it was a document, reads with today's names."""
        if not isinstance(data, dict) or "canonical" not in data:
            return data
        data = {("original" if k == "canonical" else k): v for k, v in data.items()}
        for name in ("original", "summary"):
            side = dict(data.get(name) or {})
            side.setdefault("kind", "canonical" if str(side.get("source", "")).startswith("canonical:") else "document")
            data[name] = side
        for name in ("matches", "discrepancies", "order_changes", "merges"):
            data[name] = [{PRE_2_0_NAMES.get(k, k): v for k, v in item.items()} if isinstance(item, dict) else item
                          for item in data.get(name, [])]
        return data


PRE_2_0_NAMES = {f"canonical_{name}": f"original_{name}" for name in ("ref", "refs", "span", "text", "value")}
