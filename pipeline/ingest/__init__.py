"""Ingest: bytes on disk -> RawDocument (text in reading order, pages for PDFs).

One reader per format, chosen by the file's extension; anything else is refused."""

from pipeline.ingest.readers import RawDocument, parse_document, read_document

__all__ = ["RawDocument", "parse_document", "read_document"]
