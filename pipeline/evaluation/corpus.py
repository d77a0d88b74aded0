"""The real-document corpus: documents written by others, each with a gold file written by reading.

Layout (see corpora/real/README.md):

    corpora/real/<batch>/<doc-id>.<txt|md|html|pdf>     the text as retrieved
    corpora/real/<batch>/<doc-id>.gold.json             its gold record (GoldDocument below)
    corpora/real/split.json                             {"dev": [...ids], "test": [...ids]}

The gold models are the contract between annotators and `make eval`; `check_corpus` verifies a
batch before it is committed (schema, and every quote an exact substring of the text the
pipeline reads).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

GoldUnit = Literal[
    "percent", "count", "CNY", "USD", "km", "hour", "years", "tonnes", "tce", "jin", "m3",
    "kW", "MW", "GW", "EFLOPS", "EB", "index", "multiple",
    # Units outside the guideline list that real texts use; each names a base symbol as written.
    "THB", "EUR", "kWh", "km2", "mu", "rai", "TWh", "GWh", "m2", "Mbps", "Gbps", "kg", "litres", "days",
]
GoldComparator = Literal[">", ">=", "<", "<=", "~", "=", "range"]
Genre = Literal["news", "full_text", "brief", "translation"]
DateRole = Literal["published", "dateline", "issued", "signed", "effective"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldSource(_Strict):
    """Where the text came from: a URL, or a repository path at a commit."""

    url: Optional[str] = None
    repository: Optional[str] = None
    path: Optional[str] = None
    commit: Optional[str] = None
    outlet: str = Field(description="who published the text: Xinhua, gov.cn, Royal Thai Embassy, ...")
    published: Optional[str] = Field(default=None, description="publication date as ISO, when known")
    via: str = Field(description="how it was retrieved, e.g. 'search pages corpus' or 'read_file'")

    @model_validator(mode="after")
    def _located(self) -> "GoldSource":
        if not self.url and not (self.repository and self.path):
            raise ValueError("a source needs a url, or a repository and a path")
        return self


class GoldPer(_Strict):
    value: float
    unit: str


class GoldBaseline(_Strict):
    value: float
    year: Optional[int] = None


class GoldTarget(_Strict):
    quote: str = Field(description="exact substring of the text, from the metric to the value and its qualifier")
    occurrence: int = Field(default=0, description="which occurrence of the quote, when it appears more than once")
    metric: str = Field(description="what is measured, in English, short")
    value: float
    value_max: Optional[float] = None
    unit: GoldUnit
    per: Optional[GoldPer] = None
    comparator: GoldComparator
    year: Optional[int] = Field(description="deadline year (CE); null only when the text gives none at all")
    baseline: Optional[GoldBaseline] = None
    link: Optional[str] = Field(default=None, description="cross-language link id, shared by the same target in a group")
    note: str = ""

    @model_validator(mode="after")
    def _range(self) -> "GoldTarget":
        if (self.comparator == "range") != (self.value_max is not None):
            raise ValueError("value_max is given exactly when the comparator is 'range'")
        return self


class GoldIssuer(_Strict):
    text: str = Field(description="the issuer as the text names it (exact substring)")
    occurrence: int = 0
    id: Optional[str] = Field(description="canonical id per corpora/real/README.md, null for bodies outside the scheme")
    name_en: str


class GoldDate(_Strict):
    text: str = Field(description="the date expression as written (exact substring)")
    occurrence: int = 0
    iso: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    role: DateRole
    inferred_year: bool = Field(default=False, description="the year is not written; it was taken from the page or event")
    note: str = ""


class GoldNotTarget(_Strict):
    quote: str
    occurrence: int = 0
    why: Literal["past statistic", "forecast", "derived", "met", "qualitative", "date", "other"]


class GoldDocument(_Strict):
    id: str
    file: str = Field(description="the text's file name, beside this gold file")
    lang: Literal["th", "zh", "en"]
    script: Optional[Literal["simplified", "traditional"]] = None
    genre: Genre
    group: Optional[str] = Field(default=None, description="cross-language group id: the same policy in several languages")
    hard_negative: bool = Field(default=False, description="full of past statistics or others' forecasts")
    long: bool = Field(default=False, description="a long full text (10k+ characters)")
    truncated: bool = Field(default=False, description="the stored text is the opening of a longer page")
    title: Optional[str] = None
    source: GoldSource
    retrieved: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    annotator: str
    targets: list[GoldTarget] = []
    issuers: list[GoldIssuer] = []
    dates: list[GoldDate] = []
    not_targets: list[GoldNotTarget] = []
    notes: str = ""


class CorpusDocument(BaseModel):
    """A gold record with the path of its text."""

    model_config = ConfigDict(frozen=True)

    gold: GoldDocument
    path: Path
    batch: str


def load_gold(path: Path) -> GoldDocument:
    return GoldDocument.model_validate(json.loads(path.read_text(encoding="utf-8")))


def corpus_documents(root: Path) -> list[CorpusDocument]:
    """Every gold record under `root` (the corpus folder or one batch), sorted by id."""
    docs = []
    for gold_path in sorted(root.rglob("*.gold.json")):
        gold = load_gold(gold_path)
        docs.append(CorpusDocument(gold=gold, path=gold_path.parent / gold.file, batch=gold_path.parent.name))
    return sorted(docs, key=lambda d: d.gold.id)


def _pattern(quote: str) -> "re.Pattern[str]":
    """A quote as a pattern in which any run of whitespace matches any run, or none: paragraph
    reflow may have joined the lines a quote was written across."""
    parts = [re.escape(p) for p in re.split(r"\s+", quote.strip()) if p]
    return re.compile(r"\s*".join(parts))


def occurrence_spans(text: str, quote: str) -> list[tuple[int, int]]:
    from pipeline.normalize import normalize

    pattern = _pattern(normalize(quote).text)
    return [m.span() for m in pattern.finditer(text)] if pattern.pattern else []


def occurrences(text: str, quote: str) -> list[int]:
    return [s for s, _ in occurrence_spans(text, quote)]


def locate(text: str, quote: str, occurrence: int = 0) -> Optional[tuple[int, int]]:
    """The span of a gold quote in the document's text, or None."""
    found = occurrence_spans(text, quote)
    return found[occurrence] if occurrence < len(found) else None


def document_text(path: Path) -> str:
    """The normalised text the pipeline reads from a file (ingest + normalise only; no extraction)."""
    from pipeline.ingest import read_document
    from pipeline.normalize import normalize

    return normalize(read_document(path).text).text


def check_document(doc: CorpusDocument) -> list[str]:
    """Problems with one gold record: a missing text, a quote not found, an ambiguous quote."""
    problems = []
    if not doc.path.is_file():
        return [f"{doc.gold.id}: text file {doc.path.name} not found"]
    if doc.gold.id != doc.path.name.rsplit(".", 1)[0]:
        problems.append(f"{doc.gold.id}: id differs from the file name {doc.path.name}")
    text = document_text(doc.path)
    from pipeline.normalize import normalize

    items = [("target", t.quote, t) for t in doc.gold.targets]
    items += [("issuer", i.text, i) for i in doc.gold.issuers]
    items += [("date", d.text, d) for d in doc.gold.dates]
    items += [("not_target", n.quote, n) for n in doc.gold.not_targets]
    for kind, quote, item in items:
        count = len(occurrences(text, normalize(quote).text))
        if count == 0:
            problems.append(f"{doc.gold.id}: {kind} quote not found in the text: {quote!r}")
        elif item.occurrence >= count:
            problems.append(f"{doc.gold.id}: {kind} quote {quote!r} has {count} occurrence(s), occurrence={item.occurrence}")
        elif text.count(normalize(quote).text) > 1 and kind == "target" and "occurrence" not in item.model_fields_set:
            problems.append(f"{doc.gold.id}: target quote {quote!r} occurs {count} times: lengthen it or set occurrence")
    return problems


def check_corpus(root: Path) -> tuple[int, list[str]]:
    """(documents checked, problems) for every gold file under root."""
    problems: list[str] = []
    docs: list[CorpusDocument] = []
    for gold_path in sorted(root.rglob("*.gold.json")):
        try:
            gold = load_gold(gold_path)
        except (ValidationError, json.JSONDecodeError) as exc:
            problems.append(f"{gold_path}: {exc}".replace("\n", " "))
            continue
        docs.append(CorpusDocument(gold=gold, path=gold_path.parent / gold.file, batch=gold_path.parent.name))
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.gold.id in seen:
            problems.append(f"{doc.gold.id}: duplicate id (also in {seen[doc.gold.id]})")
        seen[doc.gold.id] = doc.batch
        problems += check_document(doc)
    return len(docs), problems
