from pathlib import Path

import pytest
import yaml

from pipeline.canonical import build_canonical, find_canonical, load_canonical
from pipeline.canonical.render import render
from pipeline.canonical.store import dump_canonical
from pipeline.errors import ConfigError


@pytest.fixture(scope="module")
def opinions():
    return load_canonical("western-science-city")


def test_bundled_record_has_the_facts_ids(opinions):
    assert opinions.identity.number == "国科发规〔2023〕31号"
    assert (str(opinions.identity.dated), str(opinions.identity.published)) == ("2023-03-31", "2023-04-12")
    assert [m.id for m in opinions.measures] == [f"M{i}" for i in range(1, 16)]
    assert [g.id for g in opinions.goals] == [f"G2025.{i}" for i in range(1, 6)] + [f"G2035.{i}" for i in range(1, 8)]
    assert [(t.id, t.value, t.unit, t.comparator) for t in opinions.targets] == [
        ("T1", 5, "percent", ">"), ("T2", 80, "count", ">="), ("T3", 7000, "count", ">="),
        ("T4", 8, "percent", "="), ("T5", 5, "percent", ">=")]
    assert opinions.targets[1].per.value == 10000
    assert len(opinions.issuers) == 14 and len(opinions.pilot_zones) == 4


def test_unconfirmed_headings_are_flagged(opinions):
    confirmed = {m.id for m in opinions.measures if m.verified}
    assert confirmed == {"M1", "M2", "M4", "M6", "M7"}
    assert all(m.source for m in opinions.measures if m.verified)


def test_a_record_is_found_by_path(tmp_path: Path, opinions):
    path = tmp_path / "mine.yaml"
    path.write_text(dump_canonical(opinions), encoding="utf-8")
    assert load_canonical(str(path)) == opinions
    assert find_canonical(str(tmp_path / "mine.yaml")) == path


def test_a_broken_record_names_its_file_and_field(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"name": "x", "lang": "zh", "identity": {"title": {}}, "targets": [{"id": "T1"}]}))
    with pytest.raises(ConfigError, match=r"bad.yaml: targets.0.text"):
        load_canonical(str(path))
    with pytest.raises(ConfigError, match="no canonical record"):
        load_canonical("no-such-record")


def test_build_from_a_document_round_trips(records):
    record, _ = records["shenzhen-nev-plan.zh"]
    built = build_canonical(record, "shenzhen")
    assert [t.value for t in built.targets][:3] == [3_000_000, 15000, 100]
    assert built.identity.dated.isoformat() == "2024-01-15"
    assert yaml.safe_load(dump_canonical(built))["name"] == "shenzhen"
    assert not any(m.verified for m in built.measures)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_renderings_run_through_the_whole_pipeline(opinions, lang):
    from pipeline.align.compare import compare_with_canonical
    from pipeline.analyze import analyze_text

    text = render(opinions, lang)
    record = analyze_text(text, lang=lang)
    assert len(record.measures) == 15 and len(record.targets) == 17
    comparison = compare_with_canonical(record, opinions)
    assert comparison.discrepancies == []
    assert all(m.original_ref == m.summary_ref for m in comparison.matches)
