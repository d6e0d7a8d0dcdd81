"""Command line: ``python -m pipeline run`` and one subcommand per stage.

The CLI is thin: every command calls a function of :mod:`pipeline.run.runner`.
Failures print one line on stderr, ``error: <file>: <reason>``, never a
traceback (``--debug`` shows one for unexpected failures).

Exit codes: each error class of :mod:`pipeline.errors` carries its own
(:func:`pipeline.errors.exit_code_table_markdown` is the table, also in docs/exit-codes.md).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.choice.choose import check_profiles, draft_profile
from pipeline.choice.detect import all_profiles
from pipeline.choice.fit import fit_table
from pipeline.dataset.export import DEFAULT_LANG, ExportOptions
from pipeline.errors import PipelineError, UsageError, unexpected
from pipeline.findings import LANGUAGES
from pipeline.profiles.loader import load_profile
from pipeline.run.cache import code_digest
from pipeline.run.executors import Executor, InProcess, Job, Limits, check_options, require_file
from pipeline.run.ids import assign_report_ids, child_of
from pipeline.run.runner import Result, load_profile_of, run_stage, stage_extract, write_collection
from pipeline.run.workers import LocalWorkers
from pipeline.stages import guards
from pipeline.stages.editions import EDITION_KINDS, EDITION_SUFFIXES
from pipeline.stages.engines import DEFAULT_ENGINE, ENGINES
from pipeline.stages.registry import commands

DEFAULT_INPUT = Path("raw_pdfs")
READ_SUFFIXES = (".pdf", *EDITION_SUFFIXES)  # what `run` takes from a folder: PDFs and the reports' Word and HTML editions
DEFAULT_OUT = Path("output")
PASSWORD_ENV = "PIPELINE_PDF_PASSWORD"


def _add_profile(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        default=None,
        help="report profile: a name in pipeline/profiles or a path to a .toml file (default: detected from the document)",
    )


def _add_debug(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show a traceback for unexpected failures")
    p.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="say on stderr what was decided: which engine read which pages, what came from the cache, why a profile was chosen (-vv: more)",
    )


@contextmanager
def logging_to_stderr(verbosity: int) -> Iterator[None]:
    """The package's loggers to stderr for the duration, at INFO for -v and DEBUG for -vv
    (silent otherwise); as they were afterwards (``main`` may be called from Python)."""
    if not verbosity:
        yield
        return
    logger = logging.getLogger("pipeline")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _add_password(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--password",
        default=None,
        help=f"password that opens encrypted PDFs, tried on every PDF (or set {PASSWORD_ENV}, which keeps it out of the shell history); never printed or written",
    )


def _at_least(convert: Callable[[str], float], minimum: float, what: str) -> Callable[[str], Any]:
    """argparse's type for a number of at least ``minimum`` (finite), said as ``what`` when refused."""

    def parse(text: str) -> Any:
        try:
            value = convert(text)
        except ValueError:
            value = minimum - 1
        if not math.isfinite(value) or value < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
        return value

    return parse


_positive = _at_least(int, 1, "a whole number of at least 1")  # counts
_limit = _at_least(int, 0, "a whole number of at least 0 (0: no limit)")  # limits
_seconds = _at_least(float, 0, "a number of seconds of at least 0 (0: no limit)")


def shown(path: Path | str) -> str:
    """A file name as printed: control and format characters (newlines, terminal escapes,
    bidi overrides, undecodable bytes) escaped, so a name cannot fake a line of output."""
    return "".join(
        c.encode("unicode_escape", "backslashreplace").decode("ascii") if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
        for c in str(path)
    )


def _add_raw_csv(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="write CSV cells as they are, even those a spreadsheet would run as a formula (=, +, -, @, tab, CR first); by default they get a ' in front (Parquet is always as read)",
    )


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,  # None: ExportOptions' DEFAULT_LANG
        help=f"the language of validation.md: nb (Norwegian) or en (English) (default: {DEFAULT_LANG}); validation.json holds both",
    )


def _add_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=f"what reads the PDF's pages: pdfplumber (the reference) or pdfium (the same results, faster) (default: {DEFAULT_ENGINE})",
    )


def export_options(args: argparse.Namespace) -> ExportOptions:
    """How the report's files are written, from the options given."""
    return ExportOptions(raw_csv=getattr(args, "raw_csv", False), lang=getattr(args, "lang", None))


def password_of(args: argparse.Namespace) -> str | None:
    """The password given with --password, else in the environment; None for none."""
    given = getattr(args, "password", None)
    return (given if given is not None else os.environ.get(PASSWORD_ENV)) or None


class _Version(argparse.Action):
    """``--version``: the release, and the build's digest (computed only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object, option_string: str | None = None) -> None:
        parser.exit(message=f"{parser.prog} {__version__} (build {code_digest()})\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Norwegian action-plan reports (PDF) → validated tiltak datasets.")
    parser.add_argument("--version", action=_Version, help="print the release and the digest of this build's files, and exit")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run every stage on PDFs and write DIR/<report_id>/")
    run.add_argument(
        "pdfs",
        nargs="*",
        type=Path,
        help=f"PDF files, the reports' Word (.docx) or HTML (.html, .htm) editions, or folders of them (default: every one in {DEFAULT_INPUT}/)",
    )
    run.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    run.add_argument("--strict", action="store_true", help="exit 1 when a report has error-severity findings")
    run.add_argument("-j", "--jobs", type=_positive, default=None, help="PDFs processed at once, each in its own worker process (default: 1)")
    run.add_argument(
        "--page-processes",
        type=_positive,
        default=None,
        metavar="N",
        help="processes to read each PDF's pages in (default: the cores the other workers leave idle; 1: one)",
    )
    run.add_argument("--force", action="store_true", help="recompute every stage instead of using cached results")
    run.add_argument("--cache", type=Path, default=None, help="stage cache folder (default: DIR/.cache)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the stage cache")
    run.add_argument("--timeout", type=_seconds, default=None, help=f"seconds one PDF may take (default: {Limits.timeout:g}; 0: no limit)")
    run.add_argument("--max-memory", type=_limit, default=None, help=f"MB of address space per worker (default: {Limits.memory_mb}; 0: no limit)")
    run.add_argument(
        "--max-pages", type=_limit, default=guards.MAX_PAGES, help=f"refuse PDFs with more pages (default: {guards.MAX_PAGES}; 0: no limit)"
    )
    _add_raw_csv(run)
    _add_lang(run)
    run.add_argument("--in-process", action="store_true", help="no worker processes and no limits (for debugging)")
    run.add_argument("--executor", choices=("local", "dask"), default="local", help="where PDFs are processed (default: local)")
    run.add_argument("--scheduler", default=None, help="dask.distributed scheduler address for --executor dask (default: a local cluster)")
    run.add_argument(
        "--scheduler-timeout", type=_seconds, default=None, metavar="S", help="seconds the Dask scheduler has to answer (default: 10)"
    )
    _add_password(run)
    _add_engine(run)
    _add_profile(run)
    _add_debug(run)

    rv = sub.add_parser("review", help="visual review report: DIR/<report_id>/review/index.html")
    rv.add_argument("report_ids", nargs="*", help="reports to review (default: every report under --out)")
    rv.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder holding the reports (default: {DEFAULT_OUT})")
    _add_password(rv)
    _add_debug(rv)

    pr = sub.add_parser("profile", help="report profiles: draft one from a PDF, or check how each fits a PDF")
    prs = pr.add_subparsers(dest="profile_command", required=True)
    draft = prs.add_parser("draft", help="infer a profile from a PDF and write it as commented TOML, to review and commit under pipeline/profiles/")
    draft.add_argument("pdf", type=Path)
    draft.add_argument("-o", "--output", type=Path, default=None, help="the TOML file to write (default: standard output)")
    check = prs.add_parser("check", help="print the fit of every profile (or of one), and of the one inferred, on a PDF")
    check.add_argument("pdf", type=Path)
    for p in (draft, check):
        _add_password(p)
        if p is check:
            _add_profile(p)
        _add_debug(p)

    _add_compare(sub)

    for stage in commands():  # one subcommand per stage, in the registry's order
        p = sub.add_parser(stage.name, help=stage.command)
        if stage.reads == ("pdf",):
            p.add_argument("pdf", type=Path)
            p.add_argument("--out", type=Path, default=DEFAULT_OUT)
            _add_password(p)
            _add_engine(p)
        else:
            p.add_argument("report_dir", type=Path, help="a report's output folder, e.g. output/<report_id>")
        if stage.outputs == ("*",):
            _add_raw_csv(p)
        if stage.outputs == ("*",) or "validation.md" in stage.outputs:
            _add_lang(p)
        _add_profile(p)
        _add_debug(p)
    return parser


def collect_pdfs(inputs: Sequence[Path]) -> list[Path]:
    """The PDFs (and Word and HTML editions) named, folders expanded to those they hold (sorted)."""
    if not inputs:
        inputs = [DEFAULT_INPUT]
    pdfs: list[Path] = []
    for item in inputs:
        if item.is_dir():
            pdfs.extend(sorted(p for p in item.iterdir() if p.suffix.lower() in READ_SUFFIXES))
        else:
            pdfs.append(item)
    return pdfs


def _fail(path: Path | str, exc: PipelineError) -> int:
    print(f"error: {shown(path)}: {exc.one_line()}", file=sys.stderr)
    return exc.exit_code


def _ok_line(result: Result, engine: str = DEFAULT_ENGINE) -> str:
    f = result.findings
    cached = ", from cache" if result.cached else ""
    profile = "profile: inferred" if result.inferred else f"profile {result.profile}"
    fit = f", {result.fit}" if result.fit else ""
    used = result.engine or engine
    if used in EDITION_KINDS:  # a Word or web edition: read from its markup, by no PDF engine
        engine_said = f", {used} edition"
    else:
        engine_said = "" if used == engine == DEFAULT_ENGINE else f", engine {used}" if used == engine else f", engine {used}: {engine} could not read it"
    return (
        f"{shown(result.pdf)}: {result.tiltak} tiltak → {shown(result.out_dir or '')}/ "
        f"({profile}{fit}{engine_said}{cached}; {f.get('error', 0)} errors, {f.get('warning', 0)} warnings, {f.get('info', 0)} info findings)"
    )


def _progress(total: int, engine: str = DEFAULT_ENGINE) -> Callable[[Result], None]:
    """A progress bar on a terminal, a log line per PDF elsewhere."""
    if sys.stderr.isatty() and total > 1:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="pdf", file=sys.stderr)

        def tick(result: Result) -> None:
            bar.update(1)
            if result.ok:
                bar.write(_ok_line(result, engine))
            if bar.n == total:
                bar.close()

        return tick

    def log(result: Result) -> None:
        if result.ok:
            print(_ok_line(result, engine), flush=True)

    return log


def executor_for(args: argparse.Namespace) -> Executor:
    """The executor asked for, after refusing the options it cannot honour."""
    executor: Executor
    if args.executor == "dask":
        from pipeline.run.distributed import DaskCluster  # dask is an optional extra

        executor = DaskCluster(args.scheduler) if not args.scheduler_timeout else DaskCluster(args.scheduler, args.scheduler_timeout)
    elif args.in_process:
        executor = InProcess()
    else:
        limits = Limits(
            timeout=Limits.timeout if args.timeout is None else (args.timeout or None),
            memory_mb=Limits.memory_mb if args.max_memory is None else (args.max_memory or None),
        )
        executor = LocalWorkers(args.jobs or 1, limits)
    options = (("jobs", args.jobs), ("timeout", args.timeout), ("max_memory", args.max_memory), ("page_processes", args.page_processes))
    asked = {name for name, value in options if value is not None}
    if args.cache is not None or args.force:
        asked.add("cache")
    check_options(executor, asked)
    return executor


def cmd_run(args: argparse.Namespace) -> int:
    # a bad profile fails once, here, not per PDF; and the workers, forked after, find it loaded
    if args.profile:
        load_profile(args.profile)
    else:
        all_profiles()
    if not args.no_cache:
        code_digest()  # once, before the workers fork
    pdfs = collect_pdfs(args.pdfs)
    if not pdfs:
        print(f"error: no PDF (or .docx, .html edition) found in {', '.join(map(shown, args.pdfs or [DEFAULT_INPUT]))}", file=sys.stderr)
        return 2
    cache_dir = None if args.no_cache else (args.cache or args.out / ".cache")
    password = password_of(args)
    jobs = [
        Job(
            pdf,
            args.out,
            args.profile,
            cache_dir,
            args.force,
            args.debug,
            args.max_pages,
            password=password,
            engine=args.engine,
            processes=args.page_processes,
            report_id=rid.id,
            id_note=rid.why,
            export=export_options(args),
        )
        for pdf, rid in zip(pdfs, assign_report_ids(pdfs), strict=True)
    ]
    for job in jobs:  # said before any work, so that a name made safe is never a surprise
        if job.id_note:
            print(f"note: {shown(job.pdf)}: report id «{shown(job.id)}» ({job.id_note})", file=sys.stderr)
    results = executor_for(args).run(jobs, on_done=_progress(len(jobs), args.engine))
    if any(r.ok for r in results):
        combined = write_collection(args.out, export_options(args), written={r.report_id for r in results if r.ok})
        print(f"{shown(args.out)}/: {len(combined)} report(s) combined into tiltak.parquet, panel.parquet and status_changes.parquet (with CSVs)")
    failed = [r for r in results if not r.ok]
    for r in failed:
        assert r.error is not None
        _fail(r.pdf, r.error)
    if failed:
        print(f"{len(failed)} of {len(results)} {'PDF' if len(results) == 1 else 'PDFs'} could not be processed.", file=sys.stderr)
        return max(r.error.exit_code for r in failed if r.error)
    if args.strict and any(r.findings.get("error", 0) for r in results):
        print("error findings present (--strict).", file=sys.stderr)
        return 1
    return 0


def report_dir_of(out: Path, report_id: str) -> Path:
    """``out/<report_id>`` for a report id given on the command line, refused unless it
    names a folder directly under ``out``."""
    try:
        return child_of(out, report_id)
    except ValueError:
        raise UsageError(f"«{shown(report_id)}» is not a report id (a folder directly under {shown(out)})") from None


def cmd_review(args: argparse.Namespace) -> int:
    from pipeline.review import build_review  # only the review needs the page renderer

    out: Path = args.out
    ids = list(args.report_ids)
    if not ids and out.is_dir():
        ids = sorted(p.name for p in out.iterdir() if (p / "stages" / "fields.json").is_file())
    if not ids:
        print(f"error: {shown(out)}: no processed report to review (run 'python -m pipeline run' first)", file=sys.stderr)
        return 2
    code = 0
    for rid in ids:
        try:
            print(shown(build_review(report_dir_of(out, rid), password=password_of(args))))
        except PipelineError as exc:
            code = max(code, _fail(out / rid, exc))
    return code


def cmd_profile(args: argparse.Namespace) -> int:
    """``profile draft``: the inferred profile as TOML; ``profile check``: the fit table."""
    require_file(args.pdf)
    if args.profile_command == "draft":
        inference = draft_profile(args.pdf, password=password_of(args))
        if args.output is None:
            sys.stdout.write(inference.toml)
        else:
            args.output.write_text(inference.toml, encoding="utf-8")
            print(f"{shown(args.output)}: profile inferred from {shown(args.pdf)} ({'; '.join(inference.inferred)})")
        if inference.doubts:
            print(f"note: unsure: {'; '.join(inference.doubts)}", file=sys.stderr)
        return 0
    readings, chosen = check_profiles(args.pdf, load_profile(args.profile) if args.profile else None, password=password_of(args))
    print(fit_table([r.fit for r in readings]), end="")
    if chosen is None:
        print(f"{shown(args.pdf)}: no profile reads it; run would fail")
    else:
        name = "the inferred profile (profile: inferred)" if chosen.inferred is not None else f"profile {chosen.profile.name}"
        print(f"{shown(args.pdf)}: run would use {name}, {chosen.fit.summary()}")
    return 0


# --- compare: two editions of one report, the same way as run reads each (issue 21) ---

EDITIONS_DIFFER = 1  # compare's exit code when the editions differ (as diff's); documented in pipeline.errors.RUN_OUTCOMES


def _add_compare(sub: Any) -> None:
    p = sub.add_parser("compare", help="compare two editions of one report (PDF, or any the pipeline reads): comparison.json and comparison.md")
    p.add_argument("a", type=Path, help="the first edition (A)")
    p.add_argument("b", type=Path, help="the second edition (B)")
    p.add_argument(
        "--out", type=Path, default=None, help=f"folder for comparison.json and comparison.md (default: {DEFAULT_OUT}/compare-<idA>-<idB>)"
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=f"the language of comparison.md: nb (Norwegian) or en (English) (default: {DEFAULT_LANG}); comparison.json holds both",
    )
    _add_password(p)
    _add_engine(p)
    _add_profile(p)
    _add_debug(p)


def compare_dir(a: Path, b: Path) -> Path:
    """Where a comparison goes by default: ``output/compare-<idA>-<idB>`` (made safe, as a report id is)."""
    from pipeline.run.ids import report_id_of, safe_report_id

    return child_of(DEFAULT_OUT, safe_report_id(f"compare-{report_id_of(a)}-{report_id_of(b)}").id)


def cmd_compare(args: argparse.Namespace) -> int:
    """``compare A B``: each edition through every stage (as run does, in this process), then the
    differences between the two into comparison.json and comparison.md; exit 1 when they differ."""
    from pipeline.dataset.compare import ExportedEdition, compare_editions, comparison_files, edition
    from pipeline.errors import UnexpectedError
    from pipeline.run.executors import failure_of
    from pipeline.run.runner import process_pdf
    from pipeline.store import write_file_atomically

    profile = load_profile(args.profile) if args.profile else None
    editions: list[ExportedEdition] = []
    code = 0
    for path in (args.a, args.b):
        try:
            require_file(path)
            _, files = process_pdf(path, profile, password=password_of(args), engine=args.engine)
            editions.append(edition(str(path), files))
        except Exception as exc:
            error = failure_of(exc, path)
            if args.debug and isinstance(error, UnexpectedError):
                raise
            code = max(code, _fail(path, error))
    if code:
        return code
    comparison = compare_editions(*editions)
    out: Path = args.out or compare_dir(args.a, args.b)
    for name, data in comparison_files(comparison, args.lang or DEFAULT_LANG).items():
        write_file_atomically(out / name, data)
    n = len(comparison.differences)
    said = "the editions agree" if comparison.agree else f"{n} {'difference' if n == 1 else 'differences'}"
    print(f"{shown(args.a)} ↔ {shown(args.b)}: {said} → {shown(out)}/comparison.md")
    return 0 if comparison.agree else EDITIONS_DIFFER


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with logging_to_stderr(getattr(args, "verbose", 0)):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    target = getattr(args, "pdf", None) or getattr(args, "report_dir", None) or "pipeline"
    try:
        if args.command == "run":
            return cmd_run(args)
        if args.command == "review":
            return cmd_review(args)
        if args.command == "profile":
            return cmd_profile(args)
        if args.command == "compare":
            return cmd_compare(args)
        profile = load_profile(args.profile) if args.profile else None
        if args.command == "extract":
            print(shown(stage_extract(args.pdf, args.out, profile, password=password_of(args), engine=args.engine)))
            return 0
        print(shown(run_stage(args.command, args.report_dir, load_profile_of(args.report_dir, profile), export_options(args))))
        return 0
    except PipelineError as exc:
        return _fail(target, exc)
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        return _fail(target, unexpected(exc))
