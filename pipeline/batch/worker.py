"""The unit of work of a batch: one document's bytes in, its record (and comparison) out.

Runs in a worker process (local pool or Dask worker). The language pipelines, the encoder and
the canonical record are built on first use and cached for the life of the process, so a worker
pays for them once, not once per document. Nothing here touches the store: only the coordinator
writes, which keeps every write in one process and one transaction per document.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Optional

from pydantic import BaseModel

from pipeline.errors import PipelineError
from pipeline.settings import Settings


class Task(BaseModel):
    input: str                 # the input's path as the manifest names it (its extension picks the reader)
    data: bytes
    key: str
    lang: str = "auto"
    canonical: Optional[str] = None
    encoder: str = "use-m3"
    settings: Optional[Settings] = None   # the coordinator's, resolved (None: the packaged defaults)
    record: Optional[str] = None       # the stored record, when only its comparison is wanted
    reference_date: Optional[dt.date] = None   # the document's publication date as its user knows it


class Outcome(BaseModel):
    input: str
    key: str
    ok: bool
    reason: Optional[str] = None
    record: Optional[str] = None       # Record as JSON
    comparison: Optional[str] = None   # Comparison as JSON


# How often a worker looks whether its coordinator is still there.
PARENT_CHECK_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Run in each pool worker at start: when the coordinator is gone (kill -9 leaves no chance to
    shut the pool down), the worker exits instead of holding its memory forever."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


@functools.lru_cache(maxsize=4)
def _canonical(name: str):
    from pipeline.canonical import load_canonical

    return load_canonical(name)


def process(task: Task) -> Outcome:
    from pipeline.analyze import analyze_raw
    from pipeline.ingest import parse_document

    from pipeline.schema import Record

    try:
        stored = task.record is not None
        record = Record.model_validate_json(task.record) if stored else analyze_raw(parse_document(task.data, task.input),
                                                                                   lang=task.lang, settings=task.settings,
                                                                                   reference_date=task.reference_date)
        comparison = None
        if task.canonical:
            from pipeline.align.compare import compare_with_canonical

            comparison = compare_with_canonical(record, _canonical(task.canonical), encoder=task.encoder,
                                                settings=task.settings).model_dump_json()
        return Outcome(input=task.input, key=task.key, ok=True, record=None if stored else record.model_dump_json(),
                       comparison=comparison)
    except PipelineError as exc:
        return Outcome(input=task.input, key=task.key, ok=False, reason=str(exc))
    except Exception as exc:  # a bug on one document must not stop the batch; say what it was
        return Outcome(input=task.input, key=task.key, ok=False,
                       reason=f"{task.input}: internal error ({exc.__class__.__name__}: {exc})")
