"""Split the real corpus into dev and test, once, before any tuning.

    .venv/bin/python corpora/tools/split_real.py [--add BATCH]

Units are kept whole: every document of a group (the same policy or event, possibly in several
languages) goes to the same side, so no test text has a sibling in dev. Groups are shuffled
with a fixed seed and taken into test until a third of the grouped documents is there; then,
within each (language, genre) stratum, single documents are shuffled and taken into test until
the stratum's test share reaches a third. `--add BATCH` splits a batch gathered later the same
way and appends it, leaving every earlier assignment as it was.

`--heldout BATCH ...` puts whole batches into a third side, `heldout`: documents gathered and
annotated after the test split had been read during development, committed here before the
pipeline runs on them, so that their first figures are an unseen test. `--dev BATCH ...` puts
whole batches gathered for development into dev (the test side has been read already, so a new
batch gains nothing by lending it a third).
"""
import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.corpus import corpus_documents  # noqa: E402

SPLIT = ROOT / "corpora" / "real" / "split.json"
SEED = 20261127
TEST_SHARE = 1 / 3
SIDES = ("dev", "test", "heldout")


def split(docs) -> dict[str, list[str]]:
    rng = random.Random(SEED)
    groups: dict[str, list] = defaultdict(list)
    singles = []
    for d in docs:
        (groups[d.gold.group] if d.gold.group else singles).append(d)
    test: set[str] = set()
    grouped = sorted(groups)
    rng.shuffle(grouped)
    total_grouped = sum(len(groups[g]) for g in grouped)
    in_test = 0
    for name in grouped:
        if in_test < TEST_SHARE * total_grouped:
            test.update(d.gold.id for d in groups[name])
            in_test += len(groups[name])
    strata: dict[tuple[str, str], list] = defaultdict(list)
    for d in docs:
        strata[(d.gold.lang, d.gold.genre)].append(d)
    for key in sorted(strata):
        members = strata[key]
        want = math.ceil(TEST_SHARE * len(members))
        have = sum(1 for d in members if d.gold.id in test)
        candidates = sorted((d for d in members if not d.gold.group), key=lambda d: d.gold.id)
        rng.shuffle(candidates)
        for d in candidates:
            if have >= want:
                break
            test.add(d.gold.id)
            have += 1
    ids = sorted(d.gold.id for d in docs)
    return {"dev": [i for i in ids if i not in test], "test": [i for i in ids if i in test]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--add", help="split only this batch and append it to split.json")
    parser.add_argument("--heldout", nargs="+", metavar="BATCH", help="put these whole batches in the heldout side")
    parser.add_argument("--dev", nargs="+", metavar="BATCH", help="put these whole batches in the dev side")
    args = parser.parse_args()
    if args.heldout or args.dev:
        side, batches = ("heldout", args.heldout) if args.heldout else ("dev", args.dev)
        current = json.loads(SPLIT.read_text(encoding="utf-8"))
        known = {i for s in SIDES for i in current.get(s, [])}
        new = [d.gold.id for batch in batches for d in corpus_documents(ROOT / "corpora" / "real" / batch)
               if d.gold.id not in known]
        result = {s: current.get(s, []) for s in SIDES}
        result[side] = sorted(result[side] + new)
    elif args.add:
        current = json.loads(SPLIT.read_text(encoding="utf-8"))
        known = set(current["dev"]) | set(current["test"])
        docs = [d for d in corpus_documents(ROOT / "corpora" / "real" / args.add) if d.gold.id not in known]
        new = split(docs)
        result = {side: sorted(current.get(side, []) + new.get(side, [])) for side in SIDES}
    else:
        if SPLIT.exists():
            print(f"{SPLIT} exists: the split is fixed; use --add BATCH for a new batch", file=sys.stderr)
            return 1
        result = split(corpus_documents(ROOT / "corpora" / "real"))
    result = {"seed": SEED, **result}
    SPLIT.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(", ".join(f"{side} {len(result.get(side, []))}" for side in SIDES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
