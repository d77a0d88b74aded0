"""The `policy-pipeline` command: thin wrappers over the stage functions.

Data goes to stdout, messages to stderr. A PipelineError is one line naming the file and the
reason, with exit code 2; nothing is half-written because outputs are written atomically.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pipeline import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Grounded extraction from Chinese policy documents and their th/zh/en summaries.")
log = logging.getLogger("pipeline")


class Lang(str, Enum):
    auto = "auto"
    th = "th"
    zh = "zh"
    en = "en"


class Format(str, Enum):
    json = "json"
    table = "table"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    # jieba announces its dictionary on stderr through its own logger; keep it quiet.
    logging.getLogger("jieba").setLevel(logging.WARNING)


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log progress to stderr")) -> None:
    _setup_logging(verbose)


def _run(action):
    """Run an action; pipeline errors become one line and exit code 2, never a traceback."""
    from pipeline.errors import PipelineError

    try:
        return action()
    except PipelineError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:  # a bug, not bad input: still one line, and say so
        log.debug("internal error", exc_info=True)
        _fail(f"internal error ({exc.__class__.__name__}: {exc}); rerun with -v to see more", 1)


@app.command()
def analyze(
    file: Path = typer.Argument(..., help="a .txt, .md, .html or .pdf document"),
    lang: Lang = typer.Option(Lang.auto, help="document language; auto detects it"),
    format: Format = typer.Option(Format.json, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the JSON record here (atomically)"),
) -> None:
    """Analyse one document into a grounded record."""
    from pipeline.analyze import analyze_file

    record = _run(lambda: analyze_file(file, lang=lang.value))
    payload = record.model_dump_json(indent=1)
    if output is not None:
        from pipeline.io import write_atomic

        _run(lambda: write_atomic(output, payload + "\n"))
    if format is Format.table:
        from rich.console import Console

        from pipeline.report.table import print_record

        print_record(record, Console())
    elif output is None:
        typer.echo(payload)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analyze record."""
    from pipeline.schema import Record

    typer.echo(json.dumps(Record.model_json_schema(), indent=1, ensure_ascii=False))


@app.command("eval")
def evaluate(
    corpus: Path = typer.Option(None, help="corpus folder with documents/ and gold/ (default: the bundled one)"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
) -> None:
    """Score the pipeline against every gold file in the corpus."""
    from pipeline.evaluation.score import evaluate_corpus, format_report

    report = _run(lambda: evaluate_corpus(corpus))
    typer.echo(report.model_dump_json(indent=1) if as_json else format_report(report))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


if __name__ == "__main__":
    app()
