"""The record's extraction stages run in the configured order (configs/pipeline/default.yaml
`record:`), and an order that puts a stage before one it needs is refused at load."""
import pytest

from pipeline.errors import ConfigError
from pipeline.stages import check_order, record_stages


def test_the_configured_order_sets_every_field_of_the_record():
    stages = record_stages()
    assigned = {field for _, stage in stages for field in stage.assigns}
    assert assigned >= {"targets", "quantities", "entities", "issuers", "chapters", "measures", "glosses"}


def test_a_stage_before_the_one_it_needs_is_refused_with_both_named():
    with pytest.raises(ConfigError, match="stage 'issuers' needs entities, which no stage before it sets"):
        check_order(["targets", "issuers", "entities"], "default.yaml")


def test_an_unknown_stage_is_refused():
    with pytest.raises(ConfigError, match="no record stage registered as 'summaries'"):
        check_order(["targets", "summaries"], "default.yaml")


def test_a_stage_left_out_leaves_its_field_empty(monkeypatch):
    from pipeline import stages
    from pipeline.analyze import analyze_text

    text = "国务院办公厅印发方案。到2025年，企业数量达到80家以上。"
    assert analyze_text(text, lang="zh").glosses
    monkeypatch.setattr(stages, "record_stages", lambda: check_order(["targets", "entities", "issuers"], "test"))
    record = analyze_text(text, lang="zh")
    assert record.targets and record.issuers and not record.glosses and record.targets[0].metric_id is None
