"""Batch runs: many inputs, worker processes (local or Dask), one store, resumable, exactly once.

The coordinator expands the inputs, reads each file's bytes, keys it by their hash and the
pipeline's fingerprint, skips what the store already holds, and hands the rest to an engine. An
engine returns outcomes as they complete; the coordinator alone writes them, one transaction per
document. Kill it at any moment and re-run: finished documents are skipped, the rest redone.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import os
import stat
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Optional

from pydantic import BaseModel

from pipeline import __version__
from pipeline.config import CONFIG_DIR, PROJECT_ROOT
from pipeline.errors import IngestError, PipelineError
from pipeline.ingest.readers import read_bytes
from pipeline.schema import Comparison, Record
from pipeline.settings import AlignSettings, ExtractSettings, Settings, default_settings
from pipeline.store.db import Store
from pipeline.batch.worker import Outcome, Task, die_with_parent, process

log = logging.getLogger(__name__)

MANIFEST_SUFFIXES = (".lst", ".manifest")


class BatchSummary(BaseModel):
    total: int
    ok: int
    failed: int
    skipped: int
    store: str


class Expanded(NamedTuple):
    paths: list[Path]                   # files to read, each once
    problems: list[tuple[str, str]]     # (input, reason) for what cannot be an input


def expand_inputs(inputs: Iterable[str | Path], exclude: Iterable[Path] = ()) -> Expanded:
    """Files as given; folders recursively (hidden files left out, symbolic links followed once);
    a manifest file (`.lst`, `.manifest`) read as one path per line, relative to the manifest,
    a line starting with `#` being a comment. Whatever cannot be an input — a loop of links, a
    manifest that lists itself, a FIFO, an unreadable folder — is a problem with its reason, never
    a reason to stop. Paths under `exclude` (the store's own folder) are left out."""
    walker = _Walker([p.resolve() for p in exclude])
    for item in inputs:
        walker.add(Path(item))
    unique, seen = [], set()
    for path in walker.paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(resolved)
    return Expanded(unique, walker.problems)


class _Walker:
    def __init__(self, exclude: list[Path]) -> None:
        self.exclude = exclude
        self.paths: list[Path] = []
        self.problems: list[tuple[str, str]] = []
        self.manifests: set[Path] = set()
        self.folders: set[Path] = set()

    def add(self, item: Path) -> None:
        try:
            if self._excluded(item):
                return
            if item.is_symlink() and not item.exists():
                self.problems.append((str(item), f"{item}: a symbolic link to nothing (broken, or a loop of links)"))
            elif item.is_dir():
                self._folder(item)
            elif item.suffix.lower() in MANIFEST_SUFFIXES and item.is_file():
                self._manifest(item)
            elif item.exists() and not item.is_file():
                self.problems.append((str(item), f"{item}: not a regular file ({_kind(item)})"))
            else:
                self.paths.append(item)   # a missing file is recorded as failed when it is read
        except (OSError, RuntimeError) as exc:   # a name too long, a link loop pathlib trips on, ...
            self.problems.append((str(item), f"{item}: {getattr(exc, 'strerror', None) or exc}"))

    def _excluded(self, item: Path) -> bool:
        try:
            resolved = item.resolve()
        except (OSError, RuntimeError):
            return False
        return any(resolved == e or e in resolved.parents for e in self.exclude)

    def _folder(self, folder: Path) -> None:
        def unreadable(exc: OSError) -> None:
            self.problems.append((str(exc.filename), f"{exc.filename}: {exc.strerror or exc}"))

        for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable):
            real = Path(root).resolve()
            if real in self.folders:          # a link back up the tree: walked already
                dirs[:] = []
                continue
            self.folders.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    self.add(Path(root) / name)

    def _manifest(self, manifest: Path) -> None:
        real = manifest.resolve()
        if real in self.manifests:
            self.problems.append((str(manifest), f"{manifest}: the manifest lists itself (or a manifest that lists it)"))
            return
        self.manifests.add(real)
        for line in manifest.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):    # "#" inside a path is part of the name
                path = Path(line)
                self.add(path if path.is_absolute() else manifest.parent / path)


def _kind(path: Path) -> str:
    mode = path.stat().st_mode
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a file"


def read_reference_dates(path: str | Path) -> dict[Path, dt.date]:
    """A file of reference dates for a batch, one document a line: `path,YYYY-MM-DD` (CSV; a path
    relative to the file; `#` starts a comment line; a header line `path,date` may come first).
    A line that is not one is an error naming the file and the line, before any document is read."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineError(f"{path}: cannot read the reference dates ({getattr(exc, 'strerror', None) or exc})") from exc
    dates: dict[Path, dt.date] = {}
    for number, row in enumerate(csv.reader(lines), start=1):
        if not row or row[0].lstrip().startswith("#") or (number == 1 and [c.strip().lower() for c in row] == ["path", "date"]):
            continue
        try:
            name, value = (cell.strip() for cell in row)
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise PipelineError(f"{path}:{number}: expected `path,YYYY-MM-DD`, got {','.join(row)!r}") from None
        document = Path(name)
        dates[(document if document.is_absolute() else path.parent / document).resolve()] = day
    return dates


def record_fingerprint(lang: str, settings: ExtractSettings) -> str:
    """What a document's record depends on besides its bytes: the version, the language data and
    gazetteer, the models, the language option and the extraction settings. Change any and
    documents are redone (and the old records retired). The encoder, the alignment settings and
    the canonical record change only comparisons."""
    digest = hashlib.sha256(f"{__version__}|{lang}|{settings.model_dump_json()}".encode())
    for folder in (CONFIG_DIR, PROJECT_ROOT / "models"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def comparison_fingerprint(canonical: str, encoder: str, settings: AlignSettings) -> str:
    """What a comparison depends on besides its document's record: the canonical record's bytes,
    the encoder, the alignment settings and the aligner's weights."""
    from pipeline.canonical import find_canonical

    digest = hashlib.sha256(f"{canonical}|{encoder}|{settings.model_dump_json(exclude={'encoder'})}".encode())
    digest.update(find_canonical(canonical).read_bytes())
    digest.update((PROJECT_ROOT / "models" / "aligner.json").read_bytes())
    return digest.hexdigest()[:16]


# -- engines: (tasks, workers, tasks in flight per worker) -> outcomes, as tasks complete --------
Engine = Callable[[Iterator[Task], int, int], Iterator[Outcome]]


def in_process(tasks: Iterator[Task], workers: int, in_flight: int) -> Iterator[Outcome]:
    for task in tasks:
        yield process(task)


def local_pool(tasks: Iterator[Task], workers: int, in_flight: int) -> Iterator[Outcome]:
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        yield from _windowed(tasks, workers * in_flight, lambda task: pool.submit(process, task),
                             lambda futures: wait(futures, return_when=FIRST_COMPLETED)[0])


def dask_engine(scheduler: Optional[str]) -> Engine:
    def run(tasks: Iterator[Task], workers: int, in_flight: int) -> Iterator[Outcome]:
        from dask.distributed import Client, LocalCluster, wait as dask_wait

        # distributed logs every connection at INFO to stderr; keep that for --verbose.
        quiet = logging.getLogger().getEffectiveLevel() > logging.INFO
        logging.getLogger("distributed").setLevel(logging.WARNING if quiet else logging.INFO)
        cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                      dashboard_address=":0")
        client = Client(scheduler or cluster)
        try:
            n = len(client.scheduler_info(n_workers=-1)["workers"]) or workers
            yield from _windowed(tasks, n * in_flight, lambda task: client.submit(process, task, pure=False),
                                 lambda futures: dask_wait(list(futures), return_when="FIRST_COMPLETED").done)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return run


def _windowed(tasks: Iterator[Task], limit: int, submit, wait_some) -> Iterator[Outcome]:
    """Keep at most `limit` tasks in flight (the settings' batch.in_flight_per_worker per worker:
    enough to keep workers busy, few enough that memory stays flat however long the corpus is);
    yield outcomes as they complete."""
    pending: set = set()
    limit = max(1, limit)
    queue = deque()
    exhausted = False
    while True:
        while not exhausted and len(pending) < limit:
            task = next(tasks, None)
            if task is None:
                exhausted = True
                break
            pending.add(submit(task))
        if not pending:
            return
        done = wait_some(pending)
        for future in done:
            pending.discard(future)
            queue.append(future.result())
        while queue:
            yield queue.popleft()


# -- the coordinator --------------------------------------------------------------------------
def run_batch(inputs: list[str], out: str | Path, workers: Optional[int] = None, canonical: Optional[str] = None,
              engine: str = "local", scheduler: Optional[str] = None, lang: str = "auto",
              encoder: Optional[str] = None, progress: Optional[Callable[[int, int], None]] = None,
              settings: Optional[Settings] = None, reference_dates: Optional[dict[Path, dt.date]] = None) -> BatchSummary:
    """`workers` and `encoder`: None, the settings' batch.workers and align.encoder; `settings`:
    None, the packaged defaults. Every task carries the settings to its worker, which never reads
    a settings file of its own (a Dask worker on another host may have none). `reference_dates`:
    resolved path -> the document's publication date as its user knows it (read_reference_dates);
    a document's record depends on it, so it is part of the document's key."""
    reference_dates = reference_dates or {}
    settings = settings or default_settings()
    workers = workers or settings.batch.workers
    encoder = encoder or settings.align.encoder
    paths, problems = expand_inputs(inputs, exclude=[Path(out)])
    if not paths and not problems:
        raise PipelineError("no inputs: give files, folders or a manifest file")
    fingerprint = record_fingerprint(lang, settings.extract)
    compared_by = comparison_fingerprint(canonical, encoder, settings.align) if canonical else None
    with Store(out) as store:
        previous = store.manifest()
        done = 0
        for name, reason in problems:
            store.mark(name, "failed", reason)

        def advance() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, len(paths))

        def tasks() -> Iterator[Task]:
            for path in paths:
                name = str(path)
                try:
                    data = read_bytes(path)
                except IngestError as exc:
                    store.mark(name, "failed", str(exc))
                    advance()
                    continue
                known = reference_dates.get(path)
                key = f"{hashlib.sha256(data).hexdigest()}:{fingerprint}" + (f":{known.isoformat()}" if known else "")
                stored = store.has_document(key)
                if stored and (canonical is None or store.has_comparison(key, canonical, encoder, compared_by)):
                    row = previous.get(name)
                    if not (row and row["status"] == "ok" and row["doc_key"] == key):
                        store.add(name, key, None)   # marks it skipped and retires what it supersedes
                    advance()
                    continue
                # A stored document missing only this comparison is compared, not read again.
                yield Task(input=name, data=data, key=key, lang=lang, canonical=canonical, encoder=encoder,
                           settings=settings, record=store.record(key) if stored else None, reference_date=known)

        runner = _engine(engine, scheduler, workers)
        for outcome in runner(tasks(), workers, settings.batch.in_flight_per_worker):
            _store(store, outcome, canonical, compared_by)
            advance()
        manifest = store.manifest()
    counted = [manifest[str(p)]["status"] for p in paths if str(p) in manifest] + ["failed"] * len(problems)
    return BatchSummary(total=len(paths) + len(problems), ok=counted.count("ok"), failed=counted.count("failed"),
                        skipped=counted.count("skipped"), store=str(Path(out) / "corpus.db"))


def _engine(engine: str, scheduler: Optional[str], workers: int) -> Engine:
    if engine == "dask":
        return dask_engine(scheduler)
    if engine != "local":
        raise PipelineError(f"unknown engine {engine!r}; choose local or dask")
    return in_process if workers <= 1 else local_pool


def _store(store: Store, outcome: Outcome, canonical: Optional[str], compared_by: Optional[str]) -> None:
    if not outcome.ok:
        store.mark(outcome.input, "failed", outcome.reason, outcome.key)
        return
    record = Record.model_validate_json(outcome.record) if outcome.record else None
    comparison = Comparison.model_validate_json(outcome.comparison) if outcome.comparison else None
    store.add(outcome.input, outcome.key, record, comparison, canonical, compared_by)
