"""The `policy-pipeline` command: thin wrappers over the stage functions.

Data goes to stdout, messages to stderr. A PipelineError is one line naming the file and the
reason, with exit code 2; nothing is half-written because outputs are written atomically.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pipeline import __version__
from pipeline.paths import SUPPORTED_LANGS

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Grounded extraction from Chinese policy documents and their th/zh/en summaries.")
log = logging.getLogger("pipeline")


# The --lang choices: auto, and every language with a file in configs/lang/.
Lang = Enum("Lang", {"auto": "auto", **{lang: lang for lang in SUPPORTED_LANGS}}, type=str)


class Format(str, Enum):
    json = "json"
    table = "table"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    # jieba announces its dictionary on stderr through its own logger; keep it quiet. trafilatura
    # warns about pages it cannot use, which the reader already reports in its one line.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.INFO if verbose else logging.ERROR)


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
    except OSError as exc:     # a name too long, a folder not writable, a disk full: the user's to fix
        where = exc.filename if exc.filename is not None else "file system"
        _fail(f"{where}: {exc.strerror or exc}", 2)
    except sqlite3.DatabaseError as exc:
        _fail(f"the corpus store cannot be used ({exc}); is it a corpus.db written by `batch`, and intact?", 2)
    except Exception as exc:  # a bug, not bad input: still one line, and say so
        log.debug("internal error", exc_info=True)
        _fail(f"internal error ({exc.__class__.__name__}: {exc}); rerun with -v to see more", 1)


# The settings options of every command that analyses or compares documents: the packaged
# defaults (configs/pipeline/settings.yaml), overlaid by a user file, overlaid by --set.
CONFIG = typer.Option(None, "--config", metavar="FILE", envvar="POLICY_PIPELINE_CONFIG",
                      help="a YAML file of settings over the packaged defaults (configs/pipeline/settings.yaml); "
                           "it sets only the keys it names")
SET = typer.Option(None, "--set", metavar="PATH=VALUE",
                   help="one setting by dotted path, over --config: --set extract.roles.threshold=0.8 (repeatable)")


REFERENCE_DATE = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD",
                              help="the document's publication date as you know it: it dates the undated datelines "
                                   "and \"this year\" of a text that gives no date of its own (a date in the text wins)")


def _reference_date(value: Optional[str]):
    """The --reference-date given, as a date; a malformed one is one line, exit 2."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--reference-date {value}: not a date; give it as YYYY-MM-DD")


def _settings(config: Optional[Path], overrides: Optional[list[str]]):
    """The settings of this run, checked before any document is read (a bad one is one line, exit 2)."""
    from pipeline.settings import load_settings

    return _run(lambda: load_settings(config, overrides or ()))


@app.command()
def analyze(
    file: Path = typer.Argument(..., help="a .txt, .md, .html or .pdf document"),
    lang: Lang = typer.Option(Lang.auto, help="document language; auto detects it"),
    format: Format = typer.Option(Format.json, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the JSON record here (atomically)"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
    reference_date: Optional[str] = REFERENCE_DATE,
) -> None:
    """Analyse one document into a grounded record."""
    from pipeline.analyze import analyze_file

    _refuse_overwriting_an_input(output, file)
    settings, known = _settings(config, overrides), _reference_date(reference_date)
    record = _run(lambda: analyze_file(file, lang=lang.value, settings=settings, reference_date=known))
    _emit(record, format, output, _print_record)


@app.command()
def quantities(
    file: Path = typer.Argument(..., help="a .txt, .md, .html or .pdf document"),
    lang: Lang = typer.Option(Lang.auto, help="document language; auto detects it"),
    format: Format = typer.Option(Format.json, "--format", "-f"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
    reference_date: Optional[str] = REFERENCE_DATE,
) -> None:
    """Every amount a document states, with its role (target, baseline, statistic, forecast):
    {"quantities": [...]}, spans into the document's normalised text."""
    from pipeline.analyze import analyze_file

    settings, known = _settings(config, overrides), _reference_date(reference_date)
    record = _run(lambda: analyze_file(file, lang=lang.value, settings=settings, reference_date=known))
    if format is Format.table:
        from rich.console import Console

        from pipeline.report.table import print_quantities

        _run(lambda: print_quantities(record, Console()))
        return
    payload = {"quantities": [q.model_dump() for q in record.quantities]}
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))


class Encoder(str, Enum):
    use_m3 = "use-m3"
    lexical = "lexical"
    hf = "hf"


ENCODER_HELP = "sentence encoder for the aligner  [default: the setting align.encoder, use-m3]"


@app.command()
def compare(
    first: Path = typer.Argument(..., metavar="A_OR_SUMMARY",
                                 help="with --canonical: the summary; otherwise document A, the original"),
    second: Optional[Path] = typer.Argument(None, metavar="[B]", help="document B, the summary compared with A"),
    canonical: Optional[str] = typer.Option(None, "--canonical", "-c", help="a bundled canonical record's name, or a path"),
    lang: Lang = typer.Option(Lang.auto, help="the summary's language"),
    encoder: Optional[Encoder] = typer.Option(None, help=ENCODER_HELP),
    hf_model: Optional[str] = typer.Option(None, help="with --encoder hf: a local model directory (or hub name online)"),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the JSON comparison here (atomically)"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
) -> None:
    """Compare a summary with its original: `compare SUMMARY --canonical NAME`, or `compare A B`
    (A the original, B the summary), in any of the three languages."""
    _refuse_overwriting_an_input(output, first, second)
    settings = _settings(config, overrides)
    _, _, comparison = _run(lambda: _compare(first, second, canonical, lang, encoder, hf_model, settings))
    _emit(comparison, format, output, _print_comparison)


def _compare(first: Path, second: Optional[Path], canonical: Optional[str], lang: Lang, encoder: Optional[Encoder],
             hf_model: Optional[str], settings):
    """(the summary's record, the original: a record or a canonical record, the comparison)."""
    from pipeline.align.compare import compare_documents, compare_with_canonical
    from pipeline.analyze import analyze_file
    from pipeline.errors import PipelineError

    if hf_model:
        import os

        os.environ["POLICY_PIPELINE_HF_MODEL"] = hf_model
    name = encoder.value if encoder else None   # None: the settings' align.encoder
    if canonical is not None:
        if second is not None:
            raise PipelineError("give --canonical NAME with one document, or two documents A B without it")
        from pipeline.canonical import load_canonical

        summary, original = analyze_file(first, lang=lang.value, settings=settings), load_canonical(canonical)
        return summary, original, compare_with_canonical(summary, original, encoder=name, settings=settings)
    if second is None:
        raise PipelineError("give --canonical NAME, or a second document to compare with the first")
    original, summary = analyze_file(first, settings=settings), analyze_file(second, lang=lang.value, settings=settings)
    return summary, original, compare_documents(original, summary, encoder=name, settings=settings)


@app.command()
def report(
    first: Path = typer.Argument(..., metavar="DOC_OR_A", help="the document; with B or --canonical, the original or the summary"),
    second: Optional[Path] = typer.Argument(None, metavar="[B]", help="document B, the summary compared with A"),
    output: Path = typer.Option(..., "--output", "-o", help="brief.html (one self-contained file) or brief.md"),
    canonical: Optional[str] = typer.Option(None, "--canonical", "-c", help="compare DOC, a summary, with this record"),
    ui: str = typer.Option("en", help="the reader's language for labels and names, a file in configs/ui/ (en, th, zh); "
                                       "document text is never translated"),
    lang: Lang = typer.Option(Lang.auto, help="the (summary) document's language"),
    encoder: Optional[Encoder] = typer.Option(None, help=ENCODER_HELP),
    hf_model: Optional[str] = typer.Option(None, help="with --encoder hf: a local model directory"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
    reference_date: Optional[str] = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD",
                                                 help="with one document: its publication date as you know it "
                                                      "(see `analyze --reference-date`)"),
) -> None:
    """An analyst's brief to hand on: `report DOC -o brief.html`, `report SUMMARY --canonical NAME
    -o brief.html` or `report A B -o brief.html`; Markdown for an .md output."""
    from pipeline.config import ui_text
    from pipeline.report.brief import write_report

    _refuse_overwriting_an_input(output, first, second)
    _run(lambda: ui_text(ui))   # an unknown reader language is refused before any reading
    settings, known = _settings(config, overrides), _reference_date(reference_date)
    if second is None and canonical is None:
        from pipeline.analyze import analyze_file

        record = _run(lambda: analyze_file(first, lang=lang.value, settings=settings, reference_date=known))
        original = comparison = None
    elif known is not None:
        _fail("--reference-date is for one document; a comparison reads each document's own dates")
    else:
        record, original, comparison = _run(lambda: _compare(first, second, canonical, lang, encoder, hf_model, settings))
    path = _run(lambda: write_report(output, record, original=original, comparison=comparison, ui=ui))
    typer.echo(f"brief written: {path}", err=True)


canonical_app = typer.Typer(help="Canonical records: build one from a document, show or render a bundled one.", no_args_is_help=True)
app.add_typer(canonical_app, name="canonical")


@canonical_app.command("build")
def canonical_build(
    file: Path = typer.Argument(..., help="an original document to turn into a canonical record"),
    name: Optional[str] = typer.Option(None, help="the record's name (default: the file's id)"),
    lang: Lang = typer.Option(Lang.auto),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the YAML here (atomically)"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
) -> None:
    """Build a canonical record (YAML) from an analysed document, to check and edit by hand."""
    from pipeline.analyze import analyze_file
    from pipeline.canonical.store import build_canonical, dump_canonical

    _refuse_overwriting_an_input(output, file)
    settings = _settings(config, overrides)
    record = _run(lambda: analyze_file(file, lang=lang.value, settings=settings))
    text = dump_canonical(build_canonical(record, name or record.document.id))
    if output is not None:
        from pipeline.io import write_atomic

        _run(lambda: write_atomic(output, text))
    else:
        typer.echo(text, nl=False)


@canonical_app.command("show")
def canonical_show(name: str = typer.Argument(..., help="a bundled record's name, or a path")) -> None:
    """Validate a canonical record and print it as JSON."""
    from pipeline.canonical import load_canonical

    typer.echo(_run(lambda: load_canonical(name)).model_dump_json(indent=1))


@canonical_app.command("render")
def canonical_render(
    name: str = typer.Argument(..., help="a bundled record's name, or a path"),
    lang: str = typer.Option("zh", help="zh or en"),
) -> None:
    """Render a reference text of the record in one language (a rendering, not the official text)."""
    from pipeline.canonical import load_canonical
    from pipeline.canonical.render import render

    typer.echo(_run(lambda: render(load_canonical(name), lang)), nl=False)


def _print_record(record, console) -> None:
    from pipeline.report.table import print_record

    print_record(record, console)


def _print_comparison(comparison, console) -> None:
    from pipeline.report.compare_table import print_comparison

    print_comparison(comparison, console)


def _refuse_overwriting_an_input(output: Optional[Path], *inputs: Optional[Path]) -> None:
    """Before any reading: `analyze x.txt -o x.txt` would replace the document with its record,
    and an output name the file system refuses (too long) would fail only after the analysis."""
    if output is None:
        return

    def overwrites() -> bool:
        if not output.exists():   # a name too long raises here, reported as one line
            return False
        return any(p is not None and p.exists() and output.resolve() == p.resolve() for p in inputs)

    if _run(overwrites):
        _fail(f"{output}: --output would overwrite the input document; choose another file")


def _emit(result, format: Format, output: Optional[Path], print_table) -> None:
    """JSON to stdout (or to --output, atomically, saying so on stderr), or a table to stdout."""
    from pipeline.schema import Comparison

    payload = result.model_dump_json(indent=1)
    if output is not None:
        from pipeline.io import write_atomic

        _run(lambda: write_atomic(output, payload + "\n"))
        typer.echo(f"{'comparison' if isinstance(result, Comparison) else 'record'} written: {output}", err=True)
    if format is Format.table:
        from rich.console import Console

        _run(lambda: print_table(result, Console()))
    elif output is None:
        typer.echo(payload)


@app.command()
def schema(
    of: str = typer.Argument("record", help="record (analyze) or comparison (compare)"),
) -> None:
    """Print the JSON Schema of the analyze record or of the comparison."""
    from pipeline import schema as models

    model = {"record": models.Record, "comparison": models.Comparison}.get(of)
    if model is None:
        _fail(f"unknown schema {of!r}; choose record or comparison")
    typer.echo(json.dumps(model.model_json_schema(), indent=1, ensure_ascii=False))


class Split(str, Enum):
    all = "all"
    dev = "dev"
    test = "test"
    heldout = "heldout"


@app.command("eval")
def evaluate(
    corpus: Path = typer.Option(None, help="corpus folder with documents/ and gold/ (default: the bundled one)"),
    alignment: bool = typer.Option(True, help="also score alignment over the perturbation suite and cross-language cases"),
    encoders: str = typer.Option("use-m3,lexical", help="encoders to score alignment with, comma-separated"),
    real: bool = typer.Option(True, help="score the real-document corpus (corpora/real), per split, language and field"),
    split: Split = typer.Option(Split.all, help="which split of the real corpus to score"),
    ablation: bool = typer.Option(True, help="on the real corpus, also score the hand-written rules alone"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
) -> None:
    """Score extraction against every gold file, the real corpus per split, and alignment per encoder.

    With --config or --set, every figure is scored under those settings; the alignment suite,
    whose expected matches come from the packaged extraction, takes only the align.* ones."""
    from pipeline.evaluation.real import SPLITS
    from pipeline.evaluation.score import evaluate_corpus, format_report

    settings = _settings(config, overrides)
    report = _run(lambda: evaluate_corpus(corpus, settings=settings))
    splits = SPLITS if split == Split.all else (split.value,)
    real_report = rules_report = cross_report = None
    if real:
        from pipeline.evaluation.crosslang import evaluate_crosslang
        from pipeline.evaluation.real import evaluate_real
        from pipeline.extract.roles import rules_only

        real_report = _run(lambda: evaluate_real(splits=splits, settings=settings))
        if ablation:
            with rules_only():
                rules_report = _run(lambda: evaluate_real(splits=splits, settings=settings))
        cross_report = _run(lambda: evaluate_crosslang(splits=splits, settings=settings))
    reports = []
    if alignment:
        from pipeline.evaluation.alignment import evaluate_alignment

        reports = [_run(lambda name=name: evaluate_alignment(name, settings=settings)) for name in encoders.split(",") if name]
    if as_json:
        payload = {"extraction": report.model_dump(), "alignment": [r.model_dump() for r in reports]}
        if real_report is not None:
            payload["real"] = real_report.figures()
            payload["real_rules_only"] = rules_report.figures() if rules_report else None
            payload["crosslang"] = {k: v.model_dump() for k, v in cross_report.totals().items()}
            payload["crosslang_metric_keys"] = {k: v.model_dump() for k, v in cross_report.metric_keys().items()}
        typer.echo(json.dumps(payload, indent=1, ensure_ascii=False))
        return
    typer.echo("Bundled documents (corpora/gold; written for the project, except the Thai seed)\n" + format_report(report))
    if real_report is not None:
        from pipeline.evaluation.crosslang import format_crosslang
        from pipeline.evaluation.real import format_real

        typer.echo("\nReal documents (corpora/real), rules plus classifier\n" + format_real(real_report))
        if rules_report is not None:
            typer.echo("\nReal documents, hand-written rules alone (ablation)\n" + format_real(rules_report))
        typer.echo("\nCross-language groups: gold-linked targets matched by compare A B\n" + format_crosslang(cross_report))
    if reports:
        from pipeline.evaluation.alignment import format_alignment

        typer.echo("\nAlignment (precision/recall)\n" + format_alignment(reports))


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="files, folders (recursive) or manifest files (.lst, .manifest)"),
    out: Path = typer.Option(..., "--out", help="output folder: corpus.db (store and manifest) lives here"),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                         help="worker processes (local) or LocalCluster workers (dask)  "
                                              "[default: the setting batch.workers, 1]"),
    canonical: Optional[str] = typer.Option(None, "--canonical", "-c", help="also compare each document with this record"),
    engine: EngineName = typer.Option(EngineName.local, help="local processes, or a Dask cluster"),
    scheduler: Optional[str] = typer.Option(None, help="with --engine dask: the scheduler's address (default: a LocalCluster)"),
    lang: Lang = typer.Option(Lang.auto),
    encoder: Optional[Encoder] = typer.Option(None, help=ENCODER_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    config: Optional[Path] = CONFIG,
    overrides: Optional[list[str]] = SET,
    dates: Optional[Path] = typer.Option(None, "--dates", metavar="FILE.csv",
                                         help="reference dates, a `path,YYYY-MM-DD` line per document (paths relative "
                                              "to the file): each dates a text that gives no date of its own"),
) -> None:
    """Analyse a corpus into a store: parallel, resumable, every document exactly once.

    Exit code 0 when every input is ok or skipped, 1 when any failed (see the manifest)."""
    from pipeline.batch.runner import read_reference_dates, run_batch

    settings = _settings(config, overrides)
    known = _run(lambda: read_reference_dates(dates)) if dates else None
    options = dict(workers=workers, canonical=canonical, engine=engine.value, scheduler=scheduler, lang=lang.value,
                   encoder=encoder.value if encoder else None, settings=settings, reference_dates=known)

    def go():
        if quiet:
            return run_batch(inputs, out, **options)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = [TextColumn("documents"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn()]
        with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
            task = bar.add_task("batch", total=None, rate="")
            import time

            start = time.perf_counter()

            def progress(done: int, total: int) -> None:
                elapsed = max(time.perf_counter() - start, 1e-6)
                bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f} docs/s")

            return run_batch(inputs, out, progress=progress, **options)

    summary = _run(go)
    typer.echo(f"{summary.total} inputs: {summary.ok} ok, {summary.skipped} skipped, {summary.failed} failed; "
               f"store {summary.store}", err=True)
    if summary.failed:
        raise typer.Exit(1)


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(
    store_dir: Path = typer.Argument(..., metavar="DIR", help="a batch output folder"),
    year: Optional[int] = typer.Option(None, help="deadline year"),
    unit: Optional[str] = typer.Option(None, help="percent, count, CNY, ..."),
    issuer: Optional[str] = typer.Option(None, help="documents issued by this canonical id, e.g. cn.gov.most"),
    lang: Optional[str] = typer.Option(None, help="documents in this language"),
    metric: Optional[str] = typer.Option(None, help="text in the metric (or the target), e.g. R&D"),
    kind: Optional[str] = typer.Option(None, help="quantitative or qualitative"),
    sql: Optional[str] = typer.Option(None, help="a read-only SQL query instead of the filters"),
    limit: Optional[int] = typer.Option(None, min=0, help="at most this many rows"),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Targets in the store by year, unit, issuer, language or metric; or any read-only SQL."""
    from pipeline.store import Store
    from pipeline.store.query import query_targets, run_sql

    def go():
        with Store(store_dir, read_only=True) as store:
            if sql:
                return run_sql(store, sql, limit=limit)
            return query_targets(store, year, unit, issuer, lang, metric, kind, limit)

    columns, rows = _run(go)
    _print_rows(columns, rows, format)


def _cell(value):
    """A value any output format can hold: a BLOB as hex, a non-finite number (1e999) as null, and
    a whole number SQLite stored as REAL (a value of 7000) as the integer it is."""
    import math

    if isinstance(value, (bytes, bytearray, memoryview)):
        return "x'" + bytes(value).hex() + "'"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def _print_rows(columns: list[str], rows: list[tuple], format: TableFormat) -> None:
    rows = [tuple(_cell(v) for v in row) for row in rows]
    if format is TableFormat.json:
        typer.echo(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1, allow_nan=False))
    elif format is TableFormat.csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        from pipeline.report.table import plain

        table = Table(title=f"{len(rows)} rows", title_justify="left")
        for column in columns:
            table.add_column(plain(column), overflow="ellipsis", max_width=40)
        for row in rows:
            table.add_row(*(plain(v) for v in row))
        _run(lambda: Console().print(table))


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    store_dir: Path = typer.Argument(..., metavar="DIR", help="a batch output folder"),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="jsonl: a file (default stdout); csv/parquet: a folder (default DIR/export)"),
) -> None:
    """Export the store: JSONL records, or typed CSV/Parquet research tables (docs/EXPORTS.md)."""
    from pipeline.store import Store
    from pipeline.store.export import export_jsonl, export_tables

    def go():
        with Store(store_dir, read_only=True) as store:
            if format is ExportFormat.jsonl:
                return f"{export_jsonl(store, output)} records"
            paths = export_tables(store, format.value, output or Path(store_dir) / "export")
            return "wrote " + ", ".join(map(str, paths))

    message = _run(go)
    if format is not ExportFormat.jsonl or output is not None:
        typer.echo(message, err=True)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


if __name__ == "__main__":
    app()
