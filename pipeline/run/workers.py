"""Running many PDFs: one worker process per PDF, limits on each, several at a time.

Each PDF is processed in a forked worker process with an address-space limit
(``--max-memory``) and a wall-clock limit (``--timeout``), so a hostile PDF can
neither exhaust the machine nor hang the run; a PDF with more pages than
``Job.max_pages`` is refused before any page is read. At most ``--jobs`` workers
run at once (two PDFs with the same report id never at the same time). A worker
that is killed leaves no temporary files: the parent cleans up after it, and the
report's previous outputs stay as they were.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.errors import MemoryLimitError, PipelineError, TimeLimitError, WorkerCrashedError, unexpected
from pipeline.profiles.loader import Profile, load_profile
from pipeline.run.cache import StageCache
from pipeline.run.runner import Result, report_id_of, run_one
from pipeline.run.store import recover
from pipeline.stages import guards


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


@contextmanager
def page_limit(max_pages: int | None) -> Iterator[None]:
    """guards.MAX_PAGES set to ``max_pages`` (unless None) for the duration."""
    before = guards.MAX_PAGES
    if max_pages is not None:
        guards.MAX_PAGES = max_pages
    try:
        yield
    finally:
        guards.MAX_PAGES = before


def execute(job: Job) -> Result:
    """Process one job in this process (what every worker runs)."""
    profile: Profile | None = load_profile(job.profile) if job.profile else None
    cache = StageCache(job.cache_dir, refresh=job.force) if job.cache_dir else None
    with page_limit(job.max_pages):
        return run_one(job.pdf, job.out, profile, debug=job.debug, cache=cache)


def _apply_limits(limits: Limits) -> None:
    if limits.memory_mb:
        size = limits.memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            size = min(size, hard)
        resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def _worker(job: Job, limits: Limits, conn: Connection) -> None:
    rid = report_id_of(job.pdf)
    try:
        _apply_limits(limits)
        result = execute(job)
    except MemoryError:
        result = Result(job.pdf, rid, ok=False, error=MemoryLimitError(f"over {limits.memory_mb} MB"))
    except PipelineError as exc:  # e.g. a profile that fails to load
        result = Result(job.pdf, rid, ok=False, error=exc)
    except BaseException as exc:  # never a traceback from a worker: the parent reports one line
        result = Result(job.pdf, rid, ok=False, error=unexpected(exc))
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        conn.send(result)
    finally:
        conn.close()


@dataclass
class _Running:
    process: multiprocessing.process.BaseProcess
    job: Job
    deadline: float | None


def _target(job: Job) -> Path:
    return (Path(job.out) / report_id_of(job.pdf)).absolute()


def _failed(job: Job, error: Exception) -> Result:
    # a killed worker may have been writing: put the report's folder back as it was
    recover(Path(job.out) / report_id_of(job.pdf))
    return Result(job.pdf, report_id_of(job.pdf), ok=False, error=error)  # type: ignore[arg-type]


def run_jobs(
    jobs: Sequence[Job],
    workers: int = 1,
    limits: Limits = Limits(),
    isolate: bool = True,
    on_done: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run every job; results come back in the order of ``jobs``."""
    results: dict[int, Result] = {}

    def done(i: int, result: Result) -> None:
        results[i] = result
        if on_done:
            on_done(result)

    if not isolate:
        for i, job in enumerate(jobs):
            done(i, execute(job))
        return [results[i] for i in range(len(jobs))]

    ctx = multiprocessing.get_context("fork")
    pending = deque(enumerate(jobs))
    running: dict[Connection, tuple[int, _Running]] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                # two PDFs with the same report id (a/x.pdf, b/x.pdf) are written one after the other
                busy = {_target(r.job) for _, r in running.values()}
                ready = next((k for k, (_, job) in enumerate(pending) if _target(job) not in busy), None)
                if ready is None:
                    break
                i, job = pending[ready]
                del pending[ready]
                receiver, sender = ctx.Pipe(duplex=False)
                process = ctx.Process(target=_worker, args=(job, limits, sender), daemon=True)
                process.start()
                sender.close()
                deadline = time.monotonic() + limits.timeout if limits.timeout else None
                running[receiver] = (i, _Running(process, job, deadline))
            deadlines = [r.deadline for _, r in running.values() if r.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            for conn in wait(list(running), timeout=timeout):
                i, run = running.pop(conn)  # type: ignore[arg-type]
                try:
                    result = conn.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    run.process.join()
                    code = run.process.exitcode
                    why = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                    result = _failed(run.job, WorkerCrashedError(f"{why}, possibly over the memory limit of {limits.memory_mb} MB"))
                conn.close()  # type: ignore[union-attr]
                run.process.join()
                done(i, result)
            now = time.monotonic()
            for conn in [c for c, (_, r) in running.items() if r.deadline is not None and r.deadline <= now]:
                i, run = running.pop(conn)
                run.process.kill()
                run.process.join()
                conn.close()
                done(i, _failed(run.job, TimeLimitError(f"not done after {limits.timeout:g} s")))
    finally:  # interrupted (Ctrl-C): stop the workers and put their reports' folders back
        for conn, (_, run) in running.items():
            run.process.kill()
            run.process.join()
            conn.close()
            recover(Path(run.job.out) / report_id_of(run.job.pdf))
    return [results[i] for i in range(len(jobs))]
