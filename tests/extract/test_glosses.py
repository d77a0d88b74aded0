"""What a one-language reader and a researcher rely on: names in their language from the gazetteer,
a metric key that is the same in every language, comparisons that carry both texts and say when
the original's side is the project's own rendering, and a Python API."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.align.compare import compare_documents, compare_with_canonical
from pipeline.analyze import analyze_file
from pipeline.canonical import load_canonical
from pipeline.config import ConfigError, metric_lexicon
from pipeline.extract.metrics import metric_matcher

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "corpora" / "documents"


def test_issuers_carry_their_names_in_every_reader_language(seed_record):
    most = seed_record.glosses["cn.gov.most"]
    assert most.names == {"en": "Ministry of Science and Technology", "zh": "科技部", "th": "กระทรวงวิทยาศาสตร์และเทคโนโลยี"}
    assert most.source == "gazetteer"
    assert all(e.canonical_id in seed_record.glosses for e in seed_record.issuers if e.canonical_id)


@pytest.fixture(scope="module")
def seed_comparison(seed_record):
    return compare_with_canonical(seed_record, load_canonical("western-science-city"))


def test_a_comparison_carries_both_texts_of_every_match_and_change(seed_comparison, seed_record):
    text = seed_record.document.text
    for m in seed_comparison.matches:
        assert m.original_text and m.summary_text
        if m.kind in ("target", "goal"):     # a measure is compared on its heading and opening
            assert text[m.summary_span[0]:m.summary_span[1]] == m.summary_text
    changes = [d for d in seed_comparison.discrepancies if d.kind == "comparator"]
    assert [(d.original_ref, d.summary_ref) for d in changes] == [("T2", "T2"), ("T3", "T3"), ("T5", "T5")]
    t3 = changes[1]
    assert "7000" in t3.original_text and "7,000" in t3.summary_text
    assert text[t3.summary_span[0]:t3.summary_span[1]] == t3.summary_text


def test_matches_on_a_rendering_say_so(seed_comparison):
    """The bundled record's measure headings M5-M10, M12-M15 and one chapter are the project's renderings."""
    canonical = load_canonical("western-science-city")
    unverified = {m.id for m in canonical.measures if not m.verified}
    assert len(unverified) == 10
    flagged = {m.original_ref for m in seed_comparison.matches if m.kind == "measure" and m.rests_on_rendering}
    assert flagged == unverified & {m.original_ref for m in seed_comparison.matches if m.kind == "measure"}
    assert not any(m.rests_on_rendering for m in seed_comparison.matches if m.kind == "target")


def test_the_canonical_side_keeps_the_originals_language(seed_comparison):
    assert seed_comparison.original.lang == "zh" and seed_comparison.summary.lang == "th"


def test_unrelated_documents_are_flagged(seed_record, seed_comparison):
    other = analyze_file(DOCS / "shenzhen-nev-plan.en.txt")
    unrelated = compare_documents(other, seed_record)
    assert unrelated.warnings and unrelated.matched_items < 0.25 * unrelated.comparable_items
    assert seed_comparison.warnings == []


@pytest.mark.parametrize("name", ["western-science-city.th", "western-science-city.zh", "western-science-city.en"])
def test_one_metric_key_in_every_language(name):
    record = analyze_file(DOCS / f"{name}.txt")
    ids = [t.metric_id for t in record.targets if t.kind == "quantitative"]
    assert ids == ["rd_intensity", "high_value_patents_per_10k", "high_tech_enterprises",
                   "high_tech_industry_revenue_growth", "tech_contract_turnover"]


def test_metric_phrases_match_traditional_script_and_any_case():
    matcher = metric_matcher()
    assert matcher.find("國內生產總值增長5%左右") == "gdp_growth"
    assert matcher.find("the DEFICIT-TO-GDP RATIO at 4 percent") == "deficit_ratio"
    assert matcher.find("energy consumption per unit of GDP") == "energy_per_gdp_reduction"   # longest phrase wins
    assert matcher.find("a new stadium") is None


def test_a_phrase_may_name_only_one_metric(tmp_path, monkeypatch):
    import pipeline.config as config

    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "m.yaml").write_text(
        "metrics:\n- id: a\n  en_label: A\n  names: {en: [growth]}\n- id: b\n  en_label: B\n  names: {en: [Growth]}\n",
        encoding="utf-8")
    monkeypatch.setattr(config, "CONFIG_DIR", tmp_path)
    config.metric_lexicon.cache_clear()
    try:
        with pytest.raises(ConfigError, match="names both"):
            config.metric_lexicon()
    finally:
        monkeypatch.undo()
        config.metric_lexicon.cache_clear()
    assert metric_lexicon().metrics


def test_query_by_metric_key_finds_every_language(tmp_path):
    out = tmp_path / "store"
    docs = [str(DOCS / f"western-science-city.{lang}.txt") for lang in ("th", "zh", "en")]
    cli = [sys.executable, "-m", "pipeline.cli"]
    subprocess.run([*cli, "batch", *docs, "--out", str(out), "--quiet"], check=True, capture_output=True)
    found = subprocess.run([*cli, "query", str(out), "--metric", "rd_intensity", "--format", "json"],
                           check=True, capture_output=True, text=True)
    rows = json.loads(found.stdout)
    assert sorted(r["lang"] for r in rows) == ["en", "th", "zh"]
    assert {r["metric_id"] for r in rows} == {"rd_intensity"}


def test_the_python_api():
    import pipeline

    assert {"analyze_file", "analyze_text", "compare_documents", "compare_with_canonical", "load_canonical",
            "write_report"} <= set(dir(pipeline))
    record = pipeline.analyze_text("到2025年，研发经费投入强度达到3%。", lang="zh")
    assert isinstance(record, pipeline.Record) and record.targets[0].metric_id == "rd_intensity"
    with pytest.raises(AttributeError):
        pipeline.no_such_function
