"""Check gold records of the real corpus before committing them.

    .venv/bin/python corpora/tools/check_real.py [corpora/real/<batch> ...]

Validates every *.gold.json against the gold schema (pipeline/evaluation/corpus.py) and checks
that every quote is an exact substring of the text the pipeline reads (ingest + normalise only;
no extraction runs). Exit code 1 when anything is wrong.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.evaluation.corpus import check_corpus  # noqa: E402


def main(paths: list[str]) -> int:
    roots = [Path(p) for p in paths] or [Path(__file__).resolve().parents[1] / "real"]
    failed = False
    for root in roots:
        count, problems = check_corpus(root)
        for problem in problems:
            print(problem)
        print(f"{root}: {count} gold records, {len(problems)} problems")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
