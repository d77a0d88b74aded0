"""A wheel built from the project and installed outside it analyses a file elsewhere: the
language data, models and canonical records travel inside the package."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # builds and installs a wheel

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "pipeline", "configs", "models", "corpora/canonical")


def test_a_wheel_installed_outside_the_project_analyses_a_file(tmp_path):
    # Build from a copy, so the build leaves nothing in the project's tree.
    source = tmp_path / "source"
    for name in SOURCES:
        origin, copy = ROOT / name, source / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(origin, copy)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("policy_pipeline-*.whl")
    site = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True, capture_output=True)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plan.txt").write_text(
        "新华社北京3月5日电 国务院印发《行动方案》。到2027年，全国新能源汽车保有量达到3000万辆。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "POLICY_PIPELINE_HOME"} | {"PYTHONPATH": str(site)}
    cli = ("import sys, pipeline, pipeline.paths as p; from pipeline.cli import app; "
           "print(pipeline.__file__, p.PROJECT_ROOT, file=sys.stderr); app()")
    run = subprocess.run([sys.executable, "-c", cli, "analyze", "plan.txt"], cwd=elsewhere, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    where = run.stderr.strip().splitlines()[0]
    assert where.startswith(str(site)) and "/pipeline/_data" in where, where
    record = json.loads(run.stdout)
    assert [(t["value"], t["year"]) for t in record["targets"] if t["kind"] == "quantitative"] == [(30000000, 2027)]
    assert [i["canonical_id"] for i in record["issuers"]] == ["cn.gov.state_council"]
    # the settings' packaged defaults travel too: a --set is checked against them
    assert (site / "pipeline" / "_data" / "configs" / "pipeline" / "settings.yaml").is_file()
    bad = subprocess.run([sys.executable, "-c", cli, "analyze", "plan.txt", "--set", "extract.roles.thresh=1"], cwd=elsewhere,
                         env=env, capture_output=True, text=True, timeout=600)
    assert bad.returncode == 2 and "known: extract.roles.threshold" in bad.stderr, bad.stderr
    # a canonical record travels too
    shown = subprocess.run([sys.executable, "-c", "from pipeline.cli import app; app()", "canonical", "show",
                            "western-science-city"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
    assert shown.returncode == 0 and "cn.gov.most" in shown.stdout, shown.stderr
    # and the batch runner: a Dask worker installed with `pip install .` runs pipeline.batch.worker
    runner = subprocess.run([sys.executable, "-c", "import pipeline.batch.runner as r, pipeline.batch.worker as w; "
                             "print(r.__file__, w.__file__)"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert runner.returncode == 0 and all(p.startswith(str(site)) for p in runner.stdout.split()), runner.stderr
