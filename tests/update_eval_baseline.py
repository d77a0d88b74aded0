"""Record the current `make eval` figures as the floor that tests/test_eval.py holds."""

import json
from pathlib import Path

from pipeline.evaluation.score import evaluate_corpus

path = Path(__file__).resolve().parent / "data" / "eval_baseline.json"
path.write_text(json.dumps(evaluate_corpus().figures(), indent=1, sort_keys=True) + "\n")
print(f"wrote {path}")
