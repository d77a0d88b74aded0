"""Benchmark how `analyze` scales with document length: time and peak memory for texts of 10k to
10M characters built from the bundled English, Chinese and Thai documents, each size in a fresh
process (so the peak memory is that size's own).

Not a test: it prints figures for docs/BENCHMARKS.md. Run: `make bench` or
`python bench/bench_length.py [--langs en,zh,th] [--sizes 10000,100000,1000000,10000000]`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_analyze import machine  # noqa: E402

SOURCES = {"zh": ROOT / "corpora" / "documents" / "western-science-city.zh.txt",
           "th": ROOT / "corpora" / "documents" / "western-science-city.th.txt",
           "en": ROOT / "corpora" / "documents" / "western-science-city.en.txt"}
CHILD = """
import json, resource, sys, time
from pipeline.analyze import analyze_text
lang, size, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = open(source, encoding="utf-8").read()
text = ((base + "\\n\\n") * (size // len(base) + 1))[:size]
analyze_text(base[:3000], lang=lang)            # pipelines built: time the document alone
start = time.perf_counter()
record = analyze_text(text, lang=lang)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "targets": len(record.targets)}))
"""


def measure(lang: str, size: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, lang, str(size), str(SOURCES[lang])], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000,10000000")
    parser.add_argument("--langs", default="en,zh,th")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {machine()}")
    print(f"{'lang':<5}{'chars':>10}{'seconds':>9}{'s per 100k':>12}{'peak RSS MiB':>14}")
    for lang in args.langs.split(","):
        for size in sizes:
            m = measure(lang, size)
            print(f"{lang:<5}{size:>10,}{m['seconds']:>9.1f}{m['seconds'] / size * 1e5:>12.2f}{m['rss_mib']:>14.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
