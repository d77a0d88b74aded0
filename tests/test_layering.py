"""The arrows of docs/STYLE.md's one direction: a stage imports what comes before it, never what
consumes it (imports inside functions count too)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def imported(package: str) -> dict[str, set[str]]:
    """Each module of pipeline/<package> -> the pipeline modules it imports."""
    out = {}
    for path in sorted((PACKAGE / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
        out[path.relative_to(PACKAGE.parent).as_posix()] = {n for n in names if n.startswith("pipeline.")}
    return out


@pytest.mark.parametrize("package,forbidden", [
    # extraction comes before alignment: the sentence encoder and the lexicon are language resources
    ("extract", ("pipeline.align", "pipeline.evaluation", "pipeline.report", "pipeline.store", "pipeline.batch",
                 "pipeline.cli")),
    ("lang", ("pipeline.extract", "pipeline.align", "pipeline.evaluation", "pipeline.report", "pipeline.store",
              "pipeline.batch", "pipeline.cli")),
    ("align", ("pipeline.evaluation", "pipeline.report", "pipeline.store", "pipeline.batch", "pipeline.cli")),
    # the store holds records and comparisons; making them is the stages' and the batch runner's work
    ("store", ("pipeline.analyze", "pipeline.ingest", "pipeline.extract", "pipeline.align", "pipeline.canonical",
               "pipeline.batch", "pipeline.evaluation", "pipeline.report", "pipeline.cli")),
])
def test_no_stage_imports_what_consumes_it(package, forbidden):
    wrong = {module: sorted(n for n in names if n.startswith(forbidden))
             for module, names in imported(package).items()}
    assert not {m: n for m, n in wrong.items() if n}
