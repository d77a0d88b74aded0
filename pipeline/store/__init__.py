"""Corpus storage: SQLite store, batch runs over it, queries and exports."""

from pipeline.store.db import Store

__all__ = ["Store"]
