"""The single-document pipeline: file -> Record.

ingest -> normalise -> detect language -> segment -> extract. Every stage after normalisation
only adds typed results with spans into the normalised text; none rewrites it.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path
from typing import Optional

from pipeline.config import SUPPORTED_LANGS, lang_data
from pipeline.errors import PipelineError
from pipeline.extract.dates import DateReader
from pipeline.extract.entities import doc_entities, find_issuers
from pipeline.extract.measures import read_structure
from pipeline.extract.numbers import number_reader
from pipeline.extract.targets import TargetExtractor
from pipeline.ingest import RawDocument, read_document
from pipeline.lang.detect import detect_languages
from pipeline.normalize import normalize
from pipeline.nlp import get_nlp
from pipeline.schema import DocumentInfo, Measure, PageSpan, Record
from pipeline.segment.blocks import BlockReader

log = logging.getLogger(__name__)
LANGS = SUPPORTED_LANGS


def analyze_file(path: str | Path, lang: str = "auto", doc_id: Optional[str] = None) -> Record:
    return analyze_raw(read_document(path, doc_id=doc_id), lang=lang)


def analyze_text(text: str, lang: str = "auto", doc_id: str = "text", source: str = "<text>") -> Record:
    raw = RawDocument(id=doc_id, source=source, format="txt", text=text,
                      sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return analyze_raw(raw, lang=lang)


def analyze_raw(raw: RawDocument, lang: str = "auto") -> Record:
    norm = normalize(raw.text)
    text = norm.text
    detected, paragraphs = detect_languages(text)
    if lang == "auto":
        lang = detected
    if lang not in LANGS:
        raise PipelineError(f"{raw.source}: unsupported language {lang!r}")
    data = lang_data(lang)
    log.info("%s: %d chars, language %s", raw.source, len(text), lang)
    block_reader, date_reader, target_extractor = _readers(lang)

    blocks = block_reader.read(text)
    content_end = next((b.span[0] for b in blocks if b.kind == "boilerplate"), len(text))
    zone = (0, content_end)  # nothing is extracted from a site footer
    structure = read_structure(text, blocks, data)
    doc = get_nlp(lang)(text)
    entities = doc_entities(doc, data, keep=zone)
    title = next((text[b.span[0]:b.span[1]] for b in blocks if b.kind == "title"), raw.title)
    record = Record(
        document=DocumentInfo(
            id=raw.id, source=raw.source, format=raw.format, lang=lang, title=title, text=text,
            paragraph_langs=paragraphs, pages=_pages(raw.pages, norm.raw_offsets),
        ),
        dates=date_reader.find(text, zone),
        entities=entities,
        issuers=find_issuers(text, entities, data, zone),
        targets=target_extractor.extract(text, blocks, structure),
        chapters=structure.chapters,
        measures=[_with_entities(m, entities) for m in structure.measures],
    )
    return record


@functools.lru_cache(maxsize=None)
def _readers(lang: str) -> tuple[BlockReader, DateReader, TargetExtractor]:
    """The language's readers, built (and their patterns compiled) once per process."""
    data = lang_data(lang)
    return BlockReader(data), DateReader(data), TargetExtractor(data, number_reader(lang))


def _with_entities(measure: Measure, entities) -> Measure:
    ids = []
    for e in entities:
        if e.canonical_id and measure.span[0] <= e.span[0] and e.span[1] <= measure.span[1] and e.canonical_id not in ids:
            ids.append(e.canonical_id)
    return measure.model_copy(update={"entity_ids": ids})


def _pages(pages: list[PageSpan], raw_offsets: list[int]) -> list[PageSpan]:
    """Re-express the raw text's page spans in normalised offsets."""
    if not pages:
        return []
    import bisect

    out = []
    for page in pages:
        start = bisect.bisect_left(raw_offsets, page.span[0])
        end = bisect.bisect_left(raw_offsets, page.span[1])
        out.append(PageSpan(page=page.page, span=(start, end)))
    return out
