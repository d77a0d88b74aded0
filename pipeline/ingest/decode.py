"""Turning bytes into text: UTF-8 first, then the legacy encodings the corpus meets."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import IngestError

# Legacy encodings seen in Thai and Chinese releases; charset-normalizer chooses among them.
LEGACY_ENCODINGS = ["cp874", "tis_620", "gb18030", "gbk", "big5", "utf_16", "cp1252", "latin_1"]
# Text has tabs and newlines but (almost) no other C0 controls; binary noise is full of them.
MAX_CONTROL_RATIO = 0.01
BINARY_SNIFF_BYTES = 4096
# UTF-16 without a BOM: the share of NULs at every other byte that says so. Every ASCII character
# (Latin letters, digits, spaces, punctuation) puts one there; noise puts one in 256. The decoded
# text must then be free of control characters.
UTF16_NUL_SHARE = 0.1


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text carries NULs legitimately
        return False
    if b"\x00" in head:
        return True
    # ESC opens terminal colour codes in a captured log: text, which normalisation cleans.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / max(len(head), 1) > MAX_CONTROL_RATIO


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: text in Latin, Thai or CJK puts a NUL in every
    other byte far more often than noise does (Latin text: all high bytes are NUL). The codec is
    the one that decodes cleanly."""
    head = data[:BINARY_SNIFF_BYTES - BINARY_SNIFF_BYTES % 2]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) / len(zeros) >= UTF16_NUL_SHARE:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) <= MAX_CONTROL_RATIO:
                return codec
    return None


def decode_text(data: bytes, path: Path) -> str:
    codec = utf16_without_bom(data)
    if codec is not None:
        return data.decode(codec)
    if looks_binary(data):
        raise IngestError(f"{path}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None or best.chaos > 0.3:
        raise IngestError(f"{path}: cannot decode the bytes as text in any supported encoding")
    text = str(best)
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise IngestError(f"{path}: decodes only to control characters; not a text file")
    return text


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)
