"""One contract for every executor: jobs in, one :class:`Result` per job out.

Executors differ in *where* a PDF is processed (this process, a local worker
process, a Dask cluster), never in what a failure means: :func:`failure_of` is
the one mapping from an exception to a documented error class, and
:func:`run_one` the one per-PDF job they all end in. An option an executor
cannot honour is refused by :func:`check_options` with a clear message, never
silently ignored.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pdfplumber.utils.exceptions import PdfminerException

from pipeline.dataset.export import ExportOptions
from pipeline.errors import DamagedPDFError, InputNotFoundError, MemoryLimitError, PipelineError, UnexpectedError, UsageError, unexpected
from pipeline.findings import summarise
from pipeline.profiles.loader import Profile, load_profile
from pipeline.run.cache import StageCache
from pipeline.run.ids import child_of, report_id_of
from pipeline.run.runner import Result, process_pdf
from pipeline.stages.guards import pdf_failure
from pipeline.stages.registry import Stages
from pipeline.store import write_dir_atomically

# What a user can ask of an executor, by the option that asks it.
OPTIONS = {"jobs": "-j", "timeout": "--timeout", "max_memory": "--max-memory", "cache": "the stage cache", "page_processes": "--page-processes"}


@dataclass(frozen=True)
class Limits:
    timeout: float | None = 120.0  # seconds of wall-clock time per PDF
    memory_mb: int | None = 3072  # address space per worker


@dataclass(frozen=True)
class Job:
    pdf: Path
    out: Path
    profile: str | None = None  # a profile name or path; None detects the family
    cache_dir: Path | None = None
    force: bool = False
    debug: bool = False
    max_pages: int | None = None  # refuse PDFs with more pages; None: guards.MAX_PAGES, 0: no limit
    password: str | None = field(default=None, repr=False)  # opens encrypted PDFs; never shown, logged or written
    engine: str = "pdfplumber"  # the extraction engine (pipeline.stages.engines)
    processes: int | None = None  # processes to read the PDF's pages in; None: one (the workers give it the cores they leave idle)
    report_id: str | None = None  # the report's folder under out (pipeline.run.ids); None: the PDF's own, made safe
    id_note: str = ""  # why the id is not the file's stem, said on the output line
    export: ExportOptions = ExportOptions()  # how the report's files are written (--raw-csv)

    @property
    def id(self) -> str:
        return self.report_id or report_id_of(self.pdf)

    @property
    def target(self) -> Path:
        """The report's folder: a direct child of ``out``, whatever the id."""
        return child_of(Path(self.out), self.id)


class Executor(Protocol):
    name: str
    honours: frozenset[str]  # keys of OPTIONS

    def run(self, jobs: Sequence[Job], on_done: Callable[[Result], None] | None = None) -> list[Result]: ...


def check_options(executor: Executor, asked: set[str]) -> None:
    """Refuse the options asked for that this executor cannot honour."""
    refused = [OPTIONS[o] for o in OPTIONS if o in asked and o not in executor.honours]
    if refused:
        raise UsageError(f"the {executor.name} executor cannot honour {', '.join(refused)}; leave {'it' if len(refused) == 1 else 'them'} out")


def failure_of(exc: BaseException, pdf: Path, memory_mb: int | None = None) -> PipelineError:
    """Why processing ``pdf`` failed, as one of the documented error classes."""
    if isinstance(exc, PipelineError):
        return exc
    if isinstance(exc, MemoryError):
        return MemoryLimitError(f"over {memory_mb} MB" if memory_mb else "the worker ran out of memory")
    if isinstance(exc, RecursionError):
        return DamagedPDFError("its objects are nested too deeply (or refer to themselves)")
    if isinstance(exc, PdfminerException):  # pdfplumber/pdfminer failing outside read_pdf's own mapping
        return pdf_failure(exc, pdf)
    return unexpected(exc)


def require_file(pdf: Path) -> None:
    if not Path(pdf).is_file():
        raise InputNotFoundError("it does not exist" if not Path(pdf).exists() else "it is not a file")


def ok_result(pdf: Path, stages: Stages, target: Path, cached: bool = False) -> Result:
    return Result(
        pdf,
        stages.report_id,
        ok=True,
        findings=summarise(stages.findings),
        out_dir=target,
        tiltak=len(stages.tiltak),
        profile=stages.profile,
        cached=cached,
        fit=stages.fit,
        inferred=bool(stages.inferred_profile),
        engine=stages.document.engine,
    )


def run_one(
    pdf: Path,
    out: Path,
    profile: Profile | None = None,
    debug: bool = False,
    cache: StageCache | None = None,
    *,
    password: str | None = None,
    engine: str = "pdfplumber",
    processes: int = 1,
    report_id: str | None = None,
    export: ExportOptions = ExportOptions(),  # noqa: B008 (frozen)
    max_pages: int | None = None,
) -> Result:
    """Process one PDF and write its folder (``out/<report_id>``) atomically; failures become a Result."""
    pdf = Path(pdf)
    report_id = report_id or report_id_of(pdf)
    try:
        target = child_of(Path(out), report_id)
        require_file(pdf)
        hits = cache.hits if cache is not None else 0
        stages, files = process_pdf(pdf, profile, cache, password=password, engine=engine, processes=processes, report_id=report_id, export=export, max_pages=max_pages)
    except Exception as exc:
        return failed(pdf, report_id, exc, debug)
    return commit(pdf, report_id, target, stages, files, cached=cache is not None and cache.hits > hits, debug=debug)


def failed(pdf: Path, report_id: str, exc: BaseException, debug: bool = False) -> Result:
    """A job that failed, as the documented error (with a traceback under ``debug`` for an unexpected one)."""
    error = failure_of(exc, pdf)
    if debug and isinstance(error, UnexpectedError):  # a bug or an input pdfminer cannot cope with
        traceback.print_exc()
    return Result(pdf, report_id, ok=False, error=error)


def commit(pdf: Path, report_id: str, target: Path, stages: Stages, files: dict[str, bytes], *, cached: bool, debug: bool = False) -> Result:
    """The last step of every executor's job: the report's folder written atomically, and what to say of it."""
    try:
        write_dir_atomically(target, files)
    except Exception as exc:
        return failed(pdf, report_id, exc, debug)
    return ok_result(pdf, stages, target, cached=cached)


def execute(job: Job) -> Result:
    """Process one job in this process (what every executor's worker runs)."""
    try:
        profile: Profile | None = load_profile(job.profile) if job.profile else None
    except PipelineError as exc:
        return Result(job.pdf, job.id, ok=False, error=exc)
    cache = StageCache(job.cache_dir, refresh=job.force) if job.cache_dir else None
    return run_one(
        job.pdf,
        job.out,
        profile,
        debug=job.debug,
        cache=cache,
        password=job.password,
        engine=job.engine,
        processes=job.processes or 1,
        report_id=job.id,
        export=job.export,
        max_pages=job.max_pages,
    )


class InProcess:
    """Every PDF in this process, one after the other: no workers and no limits (for debugging)."""

    name = "in-process"
    honours = frozenset({"cache", "page_processes"})

    def run(self, jobs: Sequence[Job], on_done: Callable[[Result], None] | None = None) -> list[Result]:
        results = []
        for job in jobs:
            results.append(execute(job))
            if on_done:
                on_done(results[-1])
        return results
