"""Running many PDFs: one worker process per PDF, limits on each, several at a time.

Each PDF is processed in a forked worker process with an address-space limit
(``--max-memory``) and a wall-clock limit (``--timeout``), so a hostile PDF can
neither exhaust the machine nor hang the run (a worker whose PDFium crashed is
followed by one that reads the PDF with the reference engine); a PDF with more pages than
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.errors import TimeLimitError, WorkerCrashedError
from pipeline.run.executors import InProcess, Job, Limits, execute, failure_of
from pipeline.run.runner import Result
from pipeline.run.store import recover
from pipeline.stages.engines import REFERENCE, preload
from pipeline.stages.engines.parts import spare_cores


def _apply_limits(limits: Limits) -> None:
    if limits.memory_mb:
        size = limits.memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            size = min(size, hard)
        resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def _worker(job: Job, limits: Limits, conn: Connection) -> None:
    try:
        _apply_limits(limits)
        result = execute(job)
    except BaseException as exc:  # never a traceback from a worker: the parent reports one line
        result = Result(job.pdf, job.id, ok=False, error=failure_of(exc, job.pdf, limits.memory_mb))
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
    return (Path(job.out) / job.id).absolute()


def _failed(job: Job, error: Exception) -> Result:
    # a killed worker may have been writing: put the report's folder back as it was
    recover(Path(job.out) / job.id)
    return Result(job.pdf, job.id, ok=False, error=error)  # type: ignore[arg-type]


def run_jobs(
    jobs: Sequence[Job],
    workers: int = 1,
    limits: Limits = Limits(),  # noqa: B008 (frozen, so a shared default is safe)
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
        return InProcess().run(jobs, on_done)

    # a PDF's pages are read in the processes the other workers leave idle (one PDF: every core)
    spare = spare_cores(min(max(1, workers), len(jobs)))
    jobs = [replace(job, processes=spare) if job.processes is None else job for job in jobs]
    preload({job.engine for job in jobs})
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
                    limit = f", possibly over the memory limit of {limits.memory_mb} MB" if limits.memory_mb else ""
                    result = _failed(run.job, WorkerCrashedError(f"{why}{limit}"))
                    if run.job.engine != REFERENCE:  # a crash in PDFium: the reference reads the PDF, in a fresh worker
                        pending.appendleft((i, replace(run.job, engine=REFERENCE)))
                        result = None
                conn.close()  # type: ignore[union-attr]
                run.process.join()
                if result is not None:
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
            recover(Path(run.job.out) / run.job.id)
    return [results[i] for i in range(len(jobs))]


@dataclass(frozen=True)
class LocalWorkers:
    """A worker process per PDF, ``workers`` at once, each under the limits."""

    workers: int = 1
    limits: Limits = Limits()
    name = "local"
    honours = frozenset({"jobs", "timeout", "max_memory", "cache", "page_processes"})

    def run(self, jobs: Sequence[Job], on_done: Callable[[Result], None] | None = None) -> list[Result]:
        return run_jobs(jobs, self.workers, self.limits, isolate=True, on_done=on_done)
