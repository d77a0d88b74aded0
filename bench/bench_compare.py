"""Benchmark `compare`: the Thai seed against the canonical Opinions, per encoder.

Cold: a fresh `policy-pipeline compare` process (imports, spaCy/lingua/CRF models, the encoder,
CC-CEDICT). Warm: analysis and comparison again in a process that has everything loaded (what a
batch worker pays), and the comparison step alone. Not a test: prints figures for
docs/BENCHMARKS.md. Run: `python bench/bench_compare.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "corpora" / "documents" / "western-science-city.th.txt"


def cold(encoder: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "compare", str(SEED), "--canonical", "western-science-city",
                    "--encoder", encoder, "-f", "json", "-o", os.devnull], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def warm(encoder: str, repeat: int) -> tuple[float, float]:
    from pipeline.align.compare import compare_with_canonical
    from pipeline.analyze import analyze_file
    from pipeline.canonical import load_canonical

    canonical = load_canonical("western-science-city")
    compare_with_canonical(analyze_file(SEED), canonical, encoder=encoder)  # load everything once
    full, step = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        record = analyze_file(SEED)
        middle = time.perf_counter()
        compare_with_canonical(record, canonical, encoder=encoder)
        end = time.perf_counter()
        full.append(end - start)
        step.append(end - middle)
    return statistics.median(full), statistics.median(step)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from bench_analyze import machine

    print(f"machine: {machine()}")
    print(f"{'encoder':<10}{'cold s':>9}{'warm analyze+compare s':>24}{'warm compare s':>16}")
    for encoder in ("use-m3", "lexical"):
        full, step = warm(encoder, args.repeat)
        print(f"{encoder:<10}{cold(encoder):>9.2f}{full:>24.3f}{step:>16.3f}")


if __name__ == "__main__":
    main()
