import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLD_FILES = sorted((CORPUS / "gold").glob("*.gold.json"))
GOLD_IDS = [p.name.removesuffix(".gold.json") for p in GOLD_FILES]


@pytest.fixture(scope="session")
def records():
    """Every gold document analysed once per test session: {doc id: (record, gold)}."""
    from pipeline.analyze import analyze_file
    from pipeline.evaluation.score import find_document

    out = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[gold["doc"]] = (analyze_file(find_document(CORPUS / "documents", gold["doc"]), lang=gold["lang"]), gold)
    return out


@pytest.fixture(scope="session")
def seed_record(records):
    return records["western-science-city.th"][0]
