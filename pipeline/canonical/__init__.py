"""Canonical records: the curated reading of an original document that summaries are compared with."""

from pipeline.canonical.model import CanonicalRecord
from pipeline.canonical.store import build_canonical, find_canonical, load_canonical

__all__ = ["CanonicalRecord", "build_canonical", "find_canonical", "load_canonical"]
