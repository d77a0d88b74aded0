"""A fourth language added with data alone: a language file, gazetteer names and one entry in the
pipeline config, all in a temporary project folder (POLICY_PIPELINE_HOME). No Python changes.
The README's "Adding a language" lists exactly these files."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow   # runs the CLI in a fresh process

ROOT = Path(__file__).resolve().parents[1]
TOY = Path(__file__).parent / "fixtures" / "toy-language"


def toy_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    for name in ("configs", "models", "corpora/canonical"):
        shutil.copytree(ROOT / name, home / name)
    shutil.copy(TOY / "id.yaml", home / "configs" / "lang" / "id.yaml")                    # 1. the language file
    shutil.copy(TOY / "gazetteer-id.yaml", home / "configs" / "gazetteer" / "toy-id.yaml")  # 2. gazetteer names
    pipeline = home / "configs" / "pipeline" / "default.yaml"                               # 3. one pipeline entry
    config = yaml.safe_load(pipeline.read_text(encoding="utf-8"))
    config["languages"] |= yaml.safe_load((TOY / "pipeline-entry.yaml").read_text(encoding="utf-8"))
    pipeline.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return home


def test_a_language_added_as_data_reads_dates_issuers_and_targets(tmp_path):
    home = toy_home(tmp_path)
    doc = tmp_path / "berita.txt"
    doc.write_text("JAKARTA, 5 Maret 2024 -- Kementerian Perhubungan menargetkan 30 juta kendaraan listrik "
                   "pada tahun 2030.\n\nPada tahun lalu, penjualan mencapai 2 juta kendaraan.\n", encoding="utf-8")
    env = os.environ | {"POLICY_PIPELINE_HOME": str(home)}
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "analyze", str(doc), "--lang", "id"],
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    text = record["document"]["text"]
    assert record["document"]["lang"] == "id"
    assert [(d["iso"], d["role"]) for d in record["dates"]] == [("2024-03-05", "dateline")]
    assert [i["canonical_id"] for i in record["issuers"]] == ["toy.id.mot"]
    targets = [t for t in record["targets"] if t["kind"] == "quantitative"]
    assert [(t["value"], t["unit"], t["year"]) for t in targets] == [(30000000, "count", 2030)]
    assert text[slice(*targets[0]["value_span"])] == targets[0]["value_text"] == "30 juta kendaraan"
    # the new language is a --lang choice and a detector language
    detected = subprocess.run([sys.executable, "-m", "pipeline.cli", "analyze", str(doc)], env=env,
                              capture_output=True, text=True, timeout=600)
    assert detected.returncode == 0 and json.loads(detected.stdout)["document"]["lang"] == "id", detected.stderr
