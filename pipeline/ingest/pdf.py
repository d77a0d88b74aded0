"""PDF text layer, read in content-stream order.

Word processors write shaped Thai with combining marks positioned after the next consonant, so
pdfplumber's layout-sorted `extract_text` scrambles it. The characters are in logical order in
the content stream: join `page.chars` in that order, start a new line when the baseline moves,
let zero-width marks never open a space, and drop unmapped `(cid:N)` glyphs.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Optional

from pipeline.errors import IngestError
from pipeline.schema import PageSpan

CID_GLYPH = re.compile(r"^\(cid:\d+\)$")
# A gap wider than this fraction of the font size between two glyphs is a word space.
SPACE_GAP_RATIO = 0.25
# A vertical move larger than this fraction of the font size starts a new line.
LINE_MOVE_RATIO = 0.6
# A line further below the last than this many times the page's usual line pitch opens a new
# paragraph: word processors print paragraph spacing, not blank lines.
PARAGRAPH_GAP_RATIO = 1.3
# Pages are joined with a form feed on a line of its own: a paragraph may run on across it (reflow
# joins it), while a blank line is a paragraph's end.
PAGE_BREAK = "\n\f\n"


def _is_mark(ch: str) -> bool:
    """True for a zero-width combining mark (a glyph may hold several characters)."""
    return bool(ch) and unicodedata.category(ch[0]) in ("Mn", "Me")


def _page_text(chars: list[dict]) -> str:
    out: list[str] = []
    breaks: list[tuple[int, float]] = []   # (index in out of a line break, vertical move)
    prev: Optional[dict] = None
    for ch in chars:
        glyph = ch["text"]
        if CID_GLYPH.match(glyph):
            # Dropped from the text, but it still occupies space: the next gap is measured from it.
            prev = ch if prev is not None else None
            continue
        if prev is not None:
            size = max(prev["size"], ch["size"], 1.0)
            moved_down = abs(ch["bottom"] - prev["bottom"]) > LINE_MOVE_RATIO * size
            went_back = ch["x0"] < prev["x0"] - size
            if moved_down and (went_back or ch["top"] > prev["bottom"]):
                breaks.append((len(out), ch["bottom"] - prev["bottom"]))
                out.append("\n")
            elif not _is_mark(glyph) and not _is_mark(prev["text"][-1:]):
                gap = ch["x0"] - prev["x1"]
                if gap > SPACE_GAP_RATIO * size and out and not out[-1].isspace() and not glyph.isspace():
                    out.append(" ")
        out.append(glyph)
        prev = ch
    moves = sorted(move for _, move in breaks if move > 0)
    if moves:
        pitch = moves[len(moves) // 2]
        for index, move in breaks:
            if move > PARAGRAPH_GAP_RATIO * pitch:
                out[index] = "\n\n"
    return "".join(out).strip("\n")


def pdf_text(data: bytes, path: Path) -> tuple[str, Optional[str], list[PageSpan]]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises a zoo of types on bad input
        # pdfplumber wraps pdfminer's errors: the cause's class is in the arguments.
        kinds = [exc.__class__.__name__, *(a.__class__.__name__ for a in exc.args)]
        if any(word in kind for kind in kinds for word in ("Password", "Encrypt")):
            raise IngestError(f"{path}: the PDF is password-protected; decrypt it first (e.g. qpdf --decrypt)") from exc
        raise IngestError(f"{path}: not a readable PDF ({exc.__class__.__name__})") from exc
    parts: list[str] = []
    pages: list[PageSpan] = []
    offset = 0
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            text = _page_text(page.chars)
            if not text.strip():
                continue
            if parts:
                parts.append(PAGE_BREAK)
                offset += len(PAGE_BREAK)
            parts.append(text)
            pages.append(PageSpan(page=number, span=(offset, offset + len(text))))
            offset += len(text)
        title = (pdf.metadata or {}).get("Title") or None
    if not parts:
        raise IngestError(f"{path}: PDF has no text layer (scanned image?); OCR it first")
    return "".join(parts), title if isinstance(title, str) else None, pages
