"""Record the current `make eval` figures as the floor that tests/evaluation/test_eval.py holds."""

import json
from pathlib import Path

from pipeline.evaluation.alignment import ENCODERS, evaluate_alignment
from pipeline.evaluation.crosslang import evaluate_crosslang
from pipeline.evaluation.real import evaluate_real
from pipeline.evaluation.score import evaluate_corpus

path = Path(__file__).resolve().parent / "data" / "eval_baseline.json"
figures = evaluate_corpus().figures()
figures["alignment"] = {k: v for name in ENCODERS for k, v in evaluate_alignment(name).figures().items()}
figures["real"] = evaluate_real().figures()
cross = evaluate_crosslang()
figures["crosslang"] = {f"{split}.recall": round(c.recall, 4) for split, c in cross.totals().items()}
figures["crosslang"] |= {f"{split}.metric_keys.{name}": round(getattr(c, name), 4)
                         for split, c in cross.metric_keys().items() for name in ("precision", "recall")}
path.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
print(f"wrote {path}")
