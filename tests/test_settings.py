"""Settings: packaged defaults, a user file over them, `--set` over both; a bad setting is one
line and exit code 2; a changed setting changes what the pipeline does, in this process, in a
fresh one and in batch workers, and leaks into no other call."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS

from pipeline.errors import ConfigError
from pipeline.settings import default_settings, load_settings

# A government work report's targets (real, corpora/real): four of five score under 0.9.
REPORT = CORPUS / "real" / "xlang" / "zh-xlang-gwr2022-gmw.txt"
# A year one sentence before an amount frames it: carry_chars reaches back to it.
CARRIED = "In 2016, the province grew steadily. Its GDP reached 3.12 trillion yuan."


def _user_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_defaults_are_the_constants_they_replace():
    """The values the recorded evaluation figures were measured with."""
    from pipeline.align.scorer import load_model
    from pipeline.extract.roles import load_role_model

    settings = default_settings()
    assert settings.model_dump() == {
        "extract": {"targets": {"carry_chars": 200}, "roles": {"threshold": None, "rule_threshold": None}},
        "align": {"encoder": "use-m3", "threshold": None, "merge_threshold": None},
        "batch": {"workers": 1, "in_flight_per_worker": 4},
    }
    # null: the fitted models' own thresholds stand (the decision's as dev cross-validation chose it)
    model = load_role_model()
    assert (model.threshold, model.rule_threshold, model.language_thresholds) == (0.6, 0.6, {"th": 0.7})
    assert (load_model().threshold, load_model().merge_threshold) == (0.5, 0.5)


def test_a_user_file_sets_only_its_keys(tmp_path):
    settings = load_settings(_user_file(tmp_path, "extract:\n  roles:\n    threshold: 0.8\n"))
    expected = default_settings().model_dump()
    expected["extract"]["roles"]["threshold"] = 0.8
    assert settings.model_dump() == expected


def test_set_beats_the_file_and_a_later_set_an_earlier_one(tmp_path):
    config = _user_file(tmp_path, "extract: {roles: {threshold: 0.8}}\nbatch: {workers: 3}\n")
    settings = load_settings(config, ["extract.roles.threshold=0.6", "batch.workers=2", "batch.workers=4"])
    assert (settings.extract.roles.threshold, settings.batch.workers) == (0.6, 4)
    assert load_settings(config, ["extract.roles.threshold=null"]).extract.roles.threshold is None


@pytest.mark.parametrize("override, path, value", [
    ("extract.targets.carry_chars=120", ("extract", "targets", "carry_chars"), 120),
    ("extract.roles.threshold=0.75", ("extract", "roles", "threshold"), 0.75),
    ("extract.roles.threshold=1", ("extract", "roles", "threshold"), 1.0),
    ("align.encoder=lexical", ("align", "encoder"), "lexical"),
    ("align.merge_threshold=null", ("align", "merge_threshold"), None),
])
def test_set_values_are_read_as_yaml(override, path, value):
    node = load_settings(overrides=[override])
    for key in path:
        node = getattr(node, key)
    assert node == value and type(node) is type(value)


@pytest.mark.parametrize("overrides, config, message", [
    (["extract.roles.thresh=0.8"], None, "--set extract.roles.thresh=0.8: unknown setting 'extract.roles.thresh'; "
                                         "known: extract.roles.threshold, extract.roles.rule_threshold"),
    (["nothing=1"], None, "unknown setting 'nothing'; known: extract, align, batch"),
    (["extract.roles.threshold"], None, "expected dotted.path=value"),
    (["extract..threshold=1"], None, "expected dotted.path=value"),
    (["extract.roles.threshold=high"], None, "--set extract.roles.threshold=high: Input should be a valid number"),
    (["extract.roles.threshold=1.5"], None, "less than or equal to 1"),
    (["extract.targets.carry_chars=true"], None, "valid integer"),
    (["extract.targets.carry_chars=-1"], None, "greater than or equal to 0"),
    (["batch.workers=0"], None, "greater than or equal to 1"),
    (["align.encoder=word2vec"], None, "unknown encoder 'word2vec'"),
    (["extract.roles.threshold=[1"], None, "not valid YAML"),
    ([], "extract: [1\n", "not valid YAML at line 2"),
    ([], "- extract\n", "expected a mapping"),
    ([], "extract: {role: {threshold: 0.8}}\n", "unknown setting 'extract.role'"),
    ([], "extract: {targets: {carry_chars: '100'}}\n", "extract.targets.carry_chars: Input should be a valid integer (got '100')"),
])
def test_a_bad_setting_is_one_line_naming_where_it_came_from(tmp_path, overrides, config, message):
    path = _user_file(tmp_path, config) if config is not None else None
    with pytest.raises(ConfigError) as caught:
        load_settings(path, overrides)
    text = str(caught.value)
    assert message in text and "\n" not in text
    assert text.startswith(str(path) if path else "--set ")


@pytest.mark.parametrize("name, content", [("missing.yaml", None), ("folder", "dir"), ("binary.yaml", b"\xff\xfe\x00bad")])
def test_an_unreadable_user_file_is_a_config_error(tmp_path, name, content):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ConfigError, match=f"^{path}: "):
        load_settings(path)


def test_an_empty_user_file_sets_nothing(tmp_path):
    assert load_settings(_user_file(tmp_path, "")) == default_settings()


def _targets(record) -> list[tuple]:
    return [(t.value, t.unit, t.year) for t in record.targets if t.kind == "quantitative"]


def test_settings_are_a_value_passed_down_and_leak_into_no_other_call():
    from pipeline.analyze import analyze_file, analyze_text

    before = _targets(analyze_file(REPORT))
    strict = _targets(analyze_file(REPORT, settings=load_settings(overrides=["extract.roles.threshold=0.85"])))
    assert len(before) >= 3 and strict and set(strict) < set(before)
    assert _targets(analyze_file(REPORT)) == before           # the next call has the defaults again

    years = lambda record: [q.year for q in record.quantities]
    assert years(analyze_text(CARRIED, lang="en")) == [2016]
    assert years(analyze_text(CARRIED, lang="en", settings=load_settings(overrides=["extract.targets.carry_chars=0"]))) == [None]


def test_alignment_thresholds_reach_the_aligner():
    from pipeline.align.compare import compare_with_canonical
    from pipeline.analyze import analyze_file
    from pipeline.canonical import load_canonical

    summary, original = analyze_file(CORPUS / "documents" / "western-science-city.th.txt"), load_canonical("western-science-city")
    matched = lambda comparison: [m for m in comparison.matches if m.kind != "entity"]
    assert matched(compare_with_canonical(summary, original, encoder="lexical"))
    settings = load_settings(overrides=["align.threshold=1.0", "align.merge_threshold=1.0", "align.encoder=lexical"])
    comparison = compare_with_canonical(summary, original, settings=settings)
    assert comparison.encoder == "lexical" and matched(comparison) == []


def test_a_task_carries_its_settings_to_the_worker():
    from pipeline.batch.runner import comparison_fingerprint, record_fingerprint
    from pipeline.batch.worker import Task, process

    settings = load_settings(overrides=["extract.roles.threshold=1.0"])
    outcome = process(Task(input=str(REPORT), data=REPORT.read_bytes(), key="k", settings=settings))
    stored = json.loads(outcome.record)
    assert len([t for t in stored["targets"] if t["kind"] == "quantitative"]) < 5
    # what a record or a comparison depends on includes the settings: changing one redoes them
    assert record_fingerprint("auto", settings.extract) != record_fingerprint("auto", default_settings().extract)
    stricter = load_settings(overrides=["align.threshold=0.9"]).align
    assert comparison_fingerprint("western-science-city", "use-m3", stricter) != \
        comparison_fingerprint("western-science-city", "use-m3", default_settings().align)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_batch_workers_get_the_coordinators_settings(tmp_path, engine):
    from pipeline.analyze import analyze_file
    from pipeline.store import Store
    from pipeline.batch.runner import run_batch

    if engine == "dask":
        pytest.importorskip("dask.distributed")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in (REPORT, CORPUS / "real" / "en-news" / "en-news-dpa-gwr2024-growth.txt"):
        (inputs / path.name).write_bytes(path.read_bytes())
    settings = load_settings(overrides=["extract.roles.threshold=1.0"])

    def stored() -> dict[str, list]:
        with Store(tmp_path / "out", read_only=True) as store:
            return {Path(r["document"]["source"]).name: [(t["value"], t["unit"], t["year"]) for t in r["targets"]
                                                         if t["kind"] == "quantitative"]
                    for r in map(json.loads, store.records())}

    summary = run_batch([str(inputs)], tmp_path / "out", workers=2, engine=engine, settings=settings)
    assert (summary.ok, summary.failed) == (2, 0)
    assert stored() == {p.name: _targets(analyze_file(p, settings=settings)) for p in inputs.iterdir()}
    # the defaults again: every document is redone, not skipped as already stored
    summary = run_batch([str(inputs)], tmp_path / "out", workers=2, engine=engine)
    assert (summary.ok, summary.skipped) == (2, 0)
    assert stored() == {p.name: _targets(analyze_file(p)) for p in inputs.iterdir()}


# -- as a user runs it: a fresh process -------------------------------------------------------
def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(CORPUS.parent), **(env or {})})


def _target_count(result: subprocess.CompletedProcess) -> int:
    assert result.returncode == 0, result.stderr
    return sum(q["role"] == "target" for q in json.loads(result.stdout)["quantities"])


@pytest.mark.slow
def test_the_command_line_layers_file_env_and_set(tmp_path):
    config = _user_file(tmp_path, "extract:\n  roles:\n    threshold: 0.9\n")
    defaults = _target_count(_cli("quantities", str(REPORT)))
    assert defaults >= 3
    assert _target_count(_cli("quantities", str(REPORT), "--set", "extract.roles.threshold=1.0")) < defaults
    from_file = _target_count(_cli("quantities", str(REPORT), "--config", str(config)))
    assert from_file < defaults
    assert _target_count(_cli("quantities", str(REPORT), env={"POLICY_PIPELINE_CONFIG": str(config)})) == from_file
    assert _target_count(_cli("quantities", str(REPORT), "--config", str(config), "--set", "extract.roles.threshold=null")) == defaults


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    ["analyze", str(REPORT), "--set", "extract.roles.thresh=0.8"],
    ["quantities", str(REPORT), "--set", "extract.roles.threshold"],
    ["compare", str(REPORT), "--canonical", "western-science-city", "--set", "align.threshold=high"],
    ["report", str(REPORT), "-o", "brief.html", "--config", "/nonexistent/settings.yaml"],
    ["batch", str(REPORT), "--out", "runs", "--set", "batch.workers=0"],
    ["eval", "--set", "extract.targets.carry_chars=many"],
    ["canonical", "build", str(REPORT), "--set", "extract=1"],
])
def test_a_bad_setting_exits_2_with_one_line(tmp_path, args):
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(CORPUS.parent)})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert list(tmp_path.iterdir()) == []   # refused before anything was read or written


def test_a_language_decides_by_its_own_threshold_unless_a_setting_overrides_it():
    """Dev cross-validation gave Thai a threshold of its own; `--set extract.roles.threshold`
    still sets the one every language decides by."""
    from pipeline.extract.roles import RoleModel
    from pipeline.settings import overriding

    model = RoleModel(features=[], coef=[], intercept=0.0, threshold=0.5, rule_threshold=0.5,
                      language_thresholds={"th": 0.6})
    assert (model.for_language("th").threshold, model.for_language("th").rule_threshold) == (0.6, 0.6)
    assert model.for_language("zh") is model
    assert overriding(model.for_language("th"), threshold=0.8, rule_threshold=None).threshold == 0.8
