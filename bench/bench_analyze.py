"""Benchmark `analyze`: cold start (a fresh process, imports and model loads included) and warm
time (pipelines already built) on the Thai seed and on a 10x longer document built from it.

Not a test: it prints figures for docs/BENCHMARKS.md. Run: `make bench` or
`python bench/bench_analyze.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "documents" / "western-science-city.th.txt"
FOOTER_MARKER = "อัพเดทล่าสุด"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def long_document(times: int) -> str:
    """The seed's body repeated `times` times, with one footer at the end, like a long release."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index(FOOTER_MARKER)
    return "".join([text[:cut]] * times) + text[cut:]


def cold(path: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of `policy-pipeline analyze` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "analyze", str(path), "-o", os.devnull],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def warm(path: Path, repeat: int) -> list[float]:
    from pipeline.analyze import analyze_file

    analyze_file(path)  # build the pipelines once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        analyze_file(path)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        long_path = Path(tmp) / "seed-x10.th.txt"
        long_path.write_text(long_document(10), encoding="utf-8")
        print(f"machine: {machine()}")
        print(f"{'document':<22}{'chars':>8}{'cold s':>9}{'peak MiB':>10}{'warm s (median)':>17}{'chars/s warm':>14}")
        for label, path in (("seed (th)", SEED), ("seed x10 (th)", long_path)):
            chars = len(path.read_text(encoding="utf-8"))
            cold_s, peak = cold(path)
            warm_s = statistics.median(warm(path, args.repeat))
            print(f"{label:<22}{chars:>8,}{cold_s:>9.2f}{peak:>10.0f}{warm_s:>17.3f}{chars / warm_s:>14,.0f}")


if __name__ == "__main__":
    main()
