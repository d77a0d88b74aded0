"""Readers for plain text, Markdown, HTML and PDF."""

from __future__ import annotations

import hashlib
import logging
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Optional

from pydantic import BaseModel, ConfigDict

from pipeline.errors import IngestError, UnsupportedFormat
from pipeline.ingest.decode import decode_text
from pipeline.schema import PageSpan

log = logging.getLogger(__name__)


class RawDocument(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    source: str
    format: str
    text: str
    title: Optional[str] = None
    pages: list[PageSpan] = []
    sha256: str


def _read_plain(data: bytes, path: Path) -> tuple[str, Optional[str], list[PageSpan]]:
    return decode_text(data, path), None, []


def _read_html(data: bytes, path: Path) -> tuple[str, Optional[str], list[PageSpan]]:
    import trafilatura  # heavy; only HTML needs it

    html = decode_text(data, path)
    # Main text only: trafilatura drops navigation, share buttons and site footers.
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_precision=True, deduplicate=False
    )
    if not text or not text.strip():
        # trafilatura reads through lxml, which gives up on very deep nesting (10,000 <div>s);
        # the standard library's event parser has no depth limit: take the page's text from it.
        text = _all_text(html)
    if not text or not text.strip():
        raise IngestError(f"{path}: no main text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    return text, title, []


class _TextOfPage(HTMLParser):
    """Every text node outside scripts and styles, a line break at each block element."""

    SKIP = {"script", "style", "noscript", "template", "head"}
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        self.skipping -= tag in self.SKIP and self.skipping > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def _all_text(html: str) -> str:
    parser = _TextOfPage()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def _read_pdf(data: bytes, path: Path) -> tuple[str, Optional[str], list[PageSpan]]:
    from pipeline.ingest.pdf import pdf_text

    return pdf_text(data, path)


READERS: dict[str, Callable[[bytes, Path], tuple[str, Optional[str], list[PageSpan]]]] = {
    "txt": _read_plain,
    "md": _read_plain,
    "html": _read_html,
    "pdf": _read_pdf,
}
EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
              ".html": "html", ".htm": "html", ".pdf": "pdf"}


def document_format(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise UnsupportedFormat(f"{path}: unsupported file type {path.suffix or '(none)'!r}; expected one of {known}")
    return fmt


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise IngestError(f"{path}: empty file")
    return data


def read_document(path: str | Path, doc_id: Optional[str] = None) -> RawDocument:
    """Read one file into a RawDocument, or raise an IngestError with a one-line reason."""
    path = Path(path)
    document_format(path)  # refuse an unknown extension before reading the bytes
    return parse_document(read_bytes(path), path, doc_id)


def parse_document(data: bytes, path: str | Path, doc_id: Optional[str] = None) -> RawDocument:
    """A document from bytes already read (a batch worker may run where the file is not);
    `path` names it and its extension picks the reader."""
    path = Path(path)
    fmt = document_format(path)
    if not data.strip():
        raise IngestError(f"{path}: empty file")
    text, title, pages = READERS[fmt](data, path)
    if not text.strip():
        raise IngestError(f"{path}: no text in the document")
    return RawDocument(
        id=doc_id or _doc_id(path),
        source=str(path),
        format=fmt,
        text=text,
        title=title,
        pages=pages,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _doc_id(path: Path) -> str:
    name = path.name
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return name
