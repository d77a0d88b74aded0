"""The store never holds a document twice (issue #9 item 2), and two batches can share it (item 4)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch.runner import run_batch

pytestmark = pytest.mark.slow   # batches run in fresh processes

TEXT = "国务院印发方案。到2025年，全国充电桩数量达到{n}万个以上，新能源汽车销量占比达到20%。\n"


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"plan-{i}.zh.txt").write_text(TEXT.format(n=500 + i), encoding="utf-8")
    return docs


def test_an_edited_file_supersedes_its_old_version(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    run_batch([str(folder)], out, lang="zh")
    (folder / "plan-0.zh.txt").write_text(TEXT.format(n=900), encoding="utf-8")
    summary = run_batch([str(folder)], out, lang="zh")
    db = out / "corpus.db"
    assert summary.ok + summary.skipped == 3
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(3,)]
    values = sorted(v for (v,) in _rows(db, "SELECT value FROM targets WHERE unit = 'count'"))
    assert values == [5_010_000, 5_020_000, 9_000_000]           # the old 500万 is gone with its document


def test_a_changed_encoder_or_a_new_canonical_never_stores_a_document_again(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    run_batch([str(folder)], out, lang="zh", encoder="use-m3")
    run_batch([str(folder)], out, lang="zh", encoder="lexical")
    run_batch([str(folder)], out, lang="zh", encoder="lexical", canonical="western-science-city")
    db = out / "corpus.db"
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(3,)]
    assert _rows(db, "SELECT COUNT(*) FROM targets WHERE unit = 'percent'") == [(3,)]
    assert _rows(db, "SELECT COUNT(*) FROM comparisons") == [(3,)]


def test_the_same_bytes_under_two_names_are_one_document(folder: Path, tmp_path: Path):
    (folder / "copy.zh.txt").write_bytes((folder / "plan-1.zh.txt").read_bytes())
    out = tmp_path / "out"
    summary = run_batch([str(folder)], out, lang="zh")
    assert (summary.ok, summary.skipped) == (3, 1)
    assert _rows(out / "corpus.db", "SELECT COUNT(*) FROM documents") == [(3,)]


def test_two_batches_on_one_store_both_finish(tmp_path: Path):
    folder = tmp_path / "sixteen"
    folder.mkdir()
    for i in range(16):
        (folder / f"plan-{i}.zh.txt").write_text(TEXT.format(n=100 + i), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline.cli", "batch", str(folder), "--out", str(out), "--lang", "zh", "-q"]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in runs]
    assert all(code == 0 for code, _ in results), results
    assert not any("Traceback" in err or "locked" in err for _, err in results)
    db = out / "corpus.db"
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(16,)]
    assert _rows(db, "SELECT COUNT(*) FROM manifest WHERE status = 'ok'") == [(16,)]


def test_one_bad_path_never_stops_a_batch(folder: Path, tmp_path: Path):
    import os

    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")               # a loop of links
    (folder / "up").symlink_to(folder)                              # a link back up the tree
    os.mkfifo(folder / "pipe.txt")                                  # a FIFO would block a reader forever
    hashed = folder / "plan #4.zh.txt"                              # "#" inside a name
    hashed.write_text(TEXT.format(n=777), encoding="utf-8")
    manifest = folder / "inputs.lst"
    manifest.write_text(f"# a comment line\n{hashed.name}\ninputs.lst\n", encoding="utf-8")   # lists itself
    out = folder / "out"                                            # the store inside the input folder
    summary = run_batch([str(folder), str(manifest)], out, lang="zh")
    db = out / "corpus.db"
    assert summary.ok == 4                                           # plan-0..2 and "plan #4"
    reasons = dict(_rows(db, "SELECT input, reason FROM manifest WHERE status = 'failed'"))
    assert any("pipe.txt" in k and "FIFO" in v for k, v in reasons.items())
    assert any("loop-a" in k for k in reasons) and any("lists itself" in v for v in reasons.values())
    assert not any("corpus.db" in k for k, in _rows(db, "SELECT input FROM manifest"))
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(4,)]


def test_a_damaged_store_is_never_resumed(folder: Path, tmp_path: Path):
    from pipeline.errors import PipelineError

    out = tmp_path / "out"
    run_batch([str(folder)], out, lang="zh")
    db = out / "corpus.db"
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xde\xad\xbe\xef" * 1024            # a page of garbage in the middle
    db.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        (out / f"corpus.db{suffix}").unlink(missing_ok=True)
    with pytest.raises(PipelineError, match="damaged|not a corpus store"):
        run_batch([str(folder)], out, lang="zh")


def test_workers_die_with_a_killed_coordinator(tmp_path: Path):
    import os
    import signal
    import time

    import psutil

    from pipeline.evaluation.synthetic import make_corpus

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 60, langs={"th"}, seed=11)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "batch", str(corpus), "--out", str(tmp_path / "out"),
                             "--workers", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    coordinator = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    workers: list = []
    while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
        workers = [c for c in coordinator.children(recursive=True) if "python" in c.name().lower()]
        time.sleep(0.1)
    assert proc.poll() is None and len(workers) >= 2, "the batch finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)      # the coordinator alone: no chance to shut its pool down
    proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, [p.pid for p in alive]


def test_an_unreadable_folder_is_recorded_not_lost(folder: Path, tmp_path: Path, monkeypatch):
    import os

    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden-plan.zh.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):      # what a folder without read permission does (tests may run as root)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out"
    summary = run_batch([str(folder)], out, lang="zh")
    assert (summary.ok, summary.failed) == (3, 1)
    reasons = dict(_rows(out / "corpus.db", "SELECT input, reason FROM manifest WHERE status = 'failed'"))
    assert [v for k, v in reasons.items() if "locked" in k and "Permission denied" in v]
