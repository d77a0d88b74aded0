"""The single-document pipeline: file -> Record.

ingest -> normalise -> detect language -> reflow paragraphs -> segment -> extract. Every stage
after normalisation only adds typed results with spans into the normalised text; none rewrites
it. Extractors read the language's reading view of the text (Chinese through OpenCC t2s, same
length), and every item's text is cut from the document's own text by its span.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import logging
import re
from collections import Counter
from pathlib import Path
from dataclasses import dataclass
from typing import Optional

from pipeline.config import SUPPORTED_LANGS, LangData, lang_data
from pipeline.errors import PipelineError
from pipeline.extract.dates import DateReader
from pipeline.extract.issuers import IssuerReader
from pipeline.extract.measures import read_structure
from pipeline.extract.numbers import number_reader
from pipeline.extract.quantities import QuantityReader
from pipeline.extract.targets import Reading, TargetExtractor
from pipeline.extract.times import TimeReader, anchor_current_years
from pipeline.ingest import RawDocument, read_document
from pipeline.lang.detect import detect_languages, language_name
from pipeline.normalize import normalize
from pipeline.normalize.text import Normalized
from pipeline.normalize.reading import reading_view
from pipeline.normalize.reflow import reflow
from pipeline.nlp import Processed, process
from pipeline.schema import DocumentInfo, PageSpan, Record
from pipeline.segment.blocks import BlockReader
from pipeline.segment.segments import Segments
from pipeline.settings import ExtractSettings, Settings, default_settings
from pipeline.stages import run_stages
from pipeline.spans import SpanIndex, within

log = logging.getLogger(__name__)
LANGS = SUPPORTED_LANGS


def analyze_file(path: str | Path, lang: str = "auto", doc_id: Optional[str] = None,
                 settings: Optional[Settings] = None, reference_date: Optional[dt.date] = None) -> Record:
    """`settings`: pipeline.settings.load_settings(...); None, the packaged defaults.
    `reference_date`: the document's publication date as you know it, for a text that does not
    give its own (see `prepare`)."""
    return analyze_raw(read_document(path, doc_id=doc_id), lang=lang, settings=settings, reference_date=reference_date)


def analyze_text(text: str, lang: str = "auto", doc_id: str = "text", source: str = "<text>",
                 settings: Optional[Settings] = None, reference_date: Optional[dt.date] = None) -> Record:
    raw = RawDocument(id=doc_id, source=source, format="txt", text=text,
                      sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return analyze_raw(raw, lang=lang, settings=settings, reference_date=reference_date)


def analyze_raw(raw: RawDocument, lang: str = "auto", settings: Optional[Settings] = None,
                reference_date: Optional[dt.date] = None) -> Record:
    prepared = prepare(raw, lang, settings, reference_date)
    text, title_span = prepared.text, prepared.title_span
    items = run_stages(prepared)   # in the order configs/pipeline/default.yaml gives
    glosses = items.pop("glosses", {})
    if prepared.reading.text != text:
        items = regrounded(items, text)
    return Record(
        document=DocumentInfo(
            id=raw.id, source=raw.source, format=raw.format, lang=prepared.lang,
            title=text[title_span[0]:title_span[1]] if title_span else raw.title, text=text,
            paragraph_langs=prepared.paragraphs, pages=_pages(raw.pages, prepared.norm.raw_offsets),
            reference_date=reference_date,
        ),
        glosses=glosses,
        **items,
    )


@dataclass
class Prepared:
    """A document read up to the decisions: text, segments, times, dates and amounts."""

    lang: str
    data: LangData
    readers: "Readers"
    norm: Normalized
    text: str
    paragraphs: list
    zone: tuple[int, int]
    processed: Processed
    dates: list
    reading: Reading
    title_span: Optional[tuple[int, int]]


def prepare(raw: RawDocument, lang: str = "auto", settings: Optional[Settings] = None,
            reference_date: Optional[dt.date] = None) -> Prepared:
    """`reference_date` stands in for a publication date the text does not give (a news reader's
    document creation time): it dates the datelines and "this year" of an undated page. A date
    the text gives always wins, and the reference is never reported as one of the text's dates."""
    norm = normalize(raw.text)
    if not norm.text.strip():
        raise PipelineError(f"{raw.source}: no text (only spaces or invisible characters)")
    detected, _ = detect_languages(norm.text)
    if lang == "auto":
        if detected not in LANGS:
            raise PipelineError(f"{raw.source}: the text is in {language_name(detected)} ({detected}); "
                                f"this pipeline reads {', '.join(LANGS)} (give --lang to force one)")
        lang = detected
    elif detected != lang:
        log.warning("%s: the text reads as %s, not %s; analysing it as %s as asked",
                    raw.source, language_name(detected), lang, lang)
    if lang not in LANGS:
        raise PipelineError(f"{raw.source}: unsupported language {lang!r}")
    data = lang_data(lang)
    readers = _readers(lang, (settings or default_settings()).extract)
    norm = reflow(norm, readers.block_starts)
    text = norm.text
    _, paragraphs = detect_languages(text)
    view = reading_view(text, data.reading_transform)
    log.info("%s: %d chars, language %s", raw.source, len(text), lang)

    blocks = readers.blocks.read(view)
    content_end = next((b.span[0] for b in blocks if b.kind == "boilerplate"), len(text))
    zone = (0, content_end)  # nothing is extracted from a site footer
    structure = read_structure(view, blocks, data)
    processed = process(lang, text)
    segments = Segments.from_processed(processed, data)
    times = readers.times.find(view, *zone)
    references = SpanIndex(readers.times.references(view, *zone))   # "since 1990" dates nothing
    plain_years = tuple(t.year for t in times if t.kind == "year" and t.year is not None
                        and not references.overlaps(t.span))
    # the year the text speaks from (a congress session it names) dates a dateline that gives none
    session = next((t.year for t in times if t.session and t.year is not None), None)
    dates, undated = readers.dates.read(view, zone, years=plain_years, session_year=session, reference=reference_date)
    # A year inside a date ("5 พ.ค. 2563") belongs to the date.
    date_spans = [d.span for d in dates] + undated
    in_a_date = SpanIndex(date_spans)
    times = [t for t in times if not in_a_date.contains(t.span[0])]
    # Dates, years and plan periods are no amounts; nor are list numbering and denominators.
    labels = tuple((b.span[0], b.body_span[0]) for b in blocks if b.kind in ("numbered", "bullet"))
    excluded = (tuple(d.span for d in dates) + tuple(undated) + tuple(t.span for t in times) + labels
                + tuple(readers.quantities.per_spans(view, zone)))
    mentions = readers.quantities.find(view, *zone, exclude=excluded)
    title_block = next((b for b in blocks if b.kind == "title"), None)
    title_span = title_block.span if title_block else None
    # A reference year ("比2020年", "since 1991") is no amount, and no year an amount belongs to.
    times = [t for t in times if not (t.kind == "year" and references.overlaps(t.span))]
    doc_year = _document_year(dates, times, reference_date)
    title_year, frame_year = _title_year(times, title_span), _frame_year(times, blocks)
    if doc_year is None:
        named = [(t.span[0], t.year) for t in times if t.kind == "year" and t.year is not None]
        named += [(d.span[0], int(d.iso[:4])) for d in dates if not d.year_inferred]
        times = anchor_current_years(times, named)
    reading = Reading(text=view, blocks=blocks, structure=structure, segments=segments, times=times,
                      mentions=mentions, doc_year=doc_year, title_year=title_year, frame_year=frame_year,
                      horizon_year=_horizon_year(times, doc_year, title_year or frame_year))
    return Prepared(lang=lang, data=data, readers=readers, norm=norm, text=text, paragraphs=paragraphs, zone=zone,
                    processed=processed, dates=dates, reading=reading, title_span=title_span)


class Readers:
    """The language's readers, built (and their patterns compiled) once per process and settings."""

    def __init__(self, lang: str, settings: ExtractSettings) -> None:
        data = lang_data(lang)
        numbers = number_reader(lang)
        self.blocks = BlockReader(data)
        self.dates = DateReader(data)
        self.times = TimeReader(data)
        self.quantities = QuantityReader(data, numbers)
        self.targets = TargetExtractor(data, numbers, settings)
        self.issuers = IssuerReader(data)
        self.block_starts = [re.compile(h.pattern) for h in data.heading_styles]
        if data.bullet_pattern:
            self.block_starts.append(re.compile(data.bullet_pattern))


# Readers per (language, extraction settings): a few settings in one process (the evaluation's,
# a user's) each keep theirs; a sweep over many builds them anew rather than holding them all.
@functools.lru_cache(maxsize=16)
def _readers(lang: str, settings: ExtractSettings) -> Readers:
    return Readers(lang, settings)


def _document_year(dates, times=(), reference: Optional[dt.date] = None) -> Optional[int]:
    """The year the document speaks from: its publication date, dateline or date, else the one
    its user gives, else the first full date it gives, else the congress session it names (a work
    report's "this year")."""
    for role in ("published", "dateline", "dated"):
        for d in dates:
            if d.role == role:
                return int(d.iso[:4])
    if reference is not None:
        return reference.year
    written = [d for d in dates if not d.year_inferred]
    if written:
        return int(written[0].iso[:4])
    return next((t.year for t in times if t.session), None)


# The opening that may frame a whole document with a plan period: "China's 12th Five-Year Plan
# (2011-2015) ... Following are key targets".
FRAME_BLOCKS = 3


def _frame_year(times, blocks) -> Optional[int]:
    """The end of a plan period or span of years named in the document's opening blocks."""
    opening = [b.span for b in blocks if b.kind in ("title", "paragraph", "heading")][:FRAME_BLOCKS]
    for span in opening:
        years = [t.year for t in times if within(t.span[0], span) and t.kind in ("period", "range") and t.year]
        if years:
            return max(years)
    return None


def _horizon_year(times, doc_year: Optional[int], frame_year: Optional[int]) -> Optional[int]:
    """The deadline the document sets most often ("by 2025" three times, "in 2030" once: 2025),
    not before the year it speaks from: where a target names no year, most likely its year. A
    text that sets no deadline but names years after its own ("railways will stretch to 50,000
    km in 2025", written in 2022) has the most named of those."""
    years = Counter(y for t in times if t.is_deadline and (y := t.resolved(doc_year, frame_year)) is not None
                    and (doc_year is None or y >= doc_year))
    if not years and doc_year is not None:
        years = Counter(t.year for t in times if t.kind == "year" and t.year is not None and t.year > doc_year)
    return max(years, key=lambda y: (years[y], -y)) if years else None


# What a title's years say about the deadline of its targets, strongest first: a plan period
# ("十五五规划: 目标是2035年…" is a plan to 2030 with a horizon of 2035), a deadline, a span, a year.
TITLE_YEAR_KINDS = ("period", "deadline", "range", "year")


def _title_year(times, title_span) -> Optional[int]:
    """The year a document's title names: its plan period's end, else a deadline, a span's end, a year."""
    if title_span is None:
        return None
    named = [t for t in times if within(t.span[0], title_span) and t.year is not None]
    for kind in TITLE_YEAR_KINDS:
        years = [t.year for t in named if t.kind == kind]
        if years:
            return max(years)
    return None


def regrounded(items: dict[str, list], text: str) -> dict[str, list]:
    """Every quoted text cut from the document's own text by its span (the extractors read the
    reading view, which may differ in script)."""
    cut = lambda span: text[span[0]:span[1]] if span else None

    def fix(item):
        update = {"text": cut(item.span)}
        for name, span_name in (("metric", "metric_span"), ("title", "title_span"), ("value_text", "value_span")):
            span = getattr(item, span_name, None)
            if span is not None:
                update[name] = cut(span)
        return item.model_copy(update=update)

    return {name: [fix(item) for item in values] for name, values in items.items()}


def _pages(pages: list[PageSpan], raw_offsets: list[int]) -> list[PageSpan]:
    """Re-express the raw text's page spans in normalised offsets."""
    if not pages:
        return []
    out = []
    for page in pages:
        start = bisect.bisect_left(raw_offsets, page.span[0])
        end = bisect.bisect_left(raw_offsets, page.span[1])
        out.append(PageSpan(page=page.page, span=(start, end)))
    return out
