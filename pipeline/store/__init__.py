"""Corpus storage: the SQLite store, its research tables, queries and exports. A pure consumer of
records and comparisons: the batch runner that fills it is pipeline/batch/."""

from pipeline.store.db import Store

__all__ = ["Store"]
