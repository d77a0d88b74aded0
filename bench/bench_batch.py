"""Benchmark `batch`: throughput per language for 1 and 2 workers, scaling with corpus size, peak
memory, the ratio of the full pipeline to the bare linguistic floor, and the CLI's cold start.

Corpora are built from the bundled documents with variation (pipeline/evaluation/synthetic.py),
all three languages. Every timing runs `policy-pipeline batch` in a fresh process, so process
start is included. Not a test: prints figures for docs/BENCHMARKS.md.

Run: `python bench/bench_batch.py [--sizes 100 1000 10000] [--per-lang 150] [--floor 300]`
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FLOOR = '''
import sys, pathlib
from pythainlp.tokenize import sent_tokenize, word_tokenize
import jieba, spacy
jieba.setLogLevel(60)
english = spacy.blank("en"); english.add_pipe("sentencizer")
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    lang = path.stem.rsplit(".", 1)[1]
    if lang == "th":
        for line in text.split("\\n"):
            if line.strip():
                word_tokenize(line, engine="newmm"); sent_tokenize(line, engine="crfcut")
    elif lang == "zh":
        list(jieba.cut(text))
    else:
        list(english(text).sents)
'''


class PeakMemory:
    """Peak summed RSS of a process and its children, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.2)

    def stop(self) -> float:
        self._stop.set()
        self.thread.join()
        return self.peak / 2**20


def timed(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {err.strip().splitlines()[-1:]}")
    return wall, peak


def batch(folder: Path, workers: int, out: Path) -> tuple[float, float]:
    return timed([sys.executable, "-m", "pipeline.cli", "batch", str(folder), "--out", str(out),
                  "--workers", str(workers), "--quiet"])


def chars(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--per-lang", type=int, default=150)
    parser.add_argument("--floor", type=int, default=300)
    args = parser.parse_args()
    from bench_analyze import machine
    from pipeline.evaluation.synthetic import make_corpus

    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("\nthroughput per language (fresh process each run)", flush=True)
        print(f"{'lang':<5}{'docs':>6}{'chars':>11}{'workers':>9}{'wall s':>9}{'docs/s':>9}{'chars/s':>10}{'peak MiB':>10}")
        for lang in ("th", "zh", "en"):
            folder = tmp / f"lang-{lang}"
            make_corpus(folder, args.per_lang, langs={lang}, seed=1)
            n_chars = chars(folder)
            for workers in (1, 2):
                wall, peak = batch(folder, workers, tmp / f"out-{lang}-{workers}")
                print(f"{lang:<5}{args.per_lang:>6}{n_chars:>11,}{workers:>9}{wall:>9.1f}{args.per_lang / wall:>9.2f}"
                      f"{n_chars / wall:>10,.0f}{peak:>10.0f}", flush=True)

        print("\nscaling, mixed languages, 2 workers", flush=True)
        print(f"{'docs':>7}{'chars':>13}{'wall s':>9}{'s/doc':>8}{'peak MiB':>10}")
        for size in args.sizes:
            folder = tmp / f"mixed-{size}"
            make_corpus(folder, size, seed=2)
            wall, peak = batch(folder, 2, tmp / f"out-mixed-{size}")
            print(f"{size:>7}{chars(folder):>13,}{wall:>9.1f}{wall / size:>8.3f}{peak:>10.0f}", flush=True)

        print("\nfull pipeline vs linguistic floor (1 worker, same texts, process start on both sides)", flush=True)
        folder = tmp / "floor"
        make_corpus(folder, args.floor, seed=3)
        floor_script = tmp / "floor.py"
        floor_script.write_text(FLOOR)
        floor_wall, _ = timed([sys.executable, str(floor_script), str(folder)])
        full_wall, _ = batch(folder, 1, tmp / "out-floor")
        print(f"{args.floor} docs: floor {floor_wall:.1f} s, full {full_wall:.1f} s, ratio {full_wall / floor_wall:.2f}x",
              flush=True)

        helps = [timed([sys.executable, "-m", "pipeline.cli", "--help"])[0] for _ in range(5)]
        print(f"\nCLI cold start to --help: median {sorted(helps)[2]:.2f} s", flush=True)


if __name__ == "__main__":
    main()
