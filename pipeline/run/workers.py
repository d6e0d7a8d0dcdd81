"""Running many PDFs: one worker process per PDF, limits on each, several at a time.

Each PDF is processed in a forked worker process with an address-space limit
(``--max-memory``) and a wall-clock limit (``--timeout``), so a hostile PDF can
neither exhaust the machine nor hang the run (a worker whose PDFium crashed is
followed by one that reads the PDF with the reference engine); a PDF with more pages than
``Job.max_pages`` is refused before any page is read. At most ``--jobs`` workers
run at once (two PDFs with the same report id never at the same time). A worker
that is killed leaves no temporary files: the parent cleans up after it, and the
report's previous outputs stay as they were.

No worker outlives its run, whatever ends the run:

- *Killed outright* (SIGKILL, or anything the parent cannot handle): every worker
  dies with it (PR_SET_PDEATHSIG, set first thing in the worker; a worker whose parent
  was already gone by then leaves at once), and so do its page readers, which die with
  the worker the same way. What they leave half written the next run of the report
  puts back (:func:`pipeline.store.recover`).
- *Unwatched*: each worker also has a CPU-time limit a little above ``--timeout``
  (:func:`cpu_seconds`; each page reader, forked from it, has the same limit for its own
  time), so that the kernel stops a stuck worker even if the parent is stalled. A worker
  stopped by it is reported as over its time limit (exit 8), not as a crash. Workers
  write no core files (a core would hold the PDF's text and the password).
- *Asked to stop* (SIGTERM, as ``timeout``, CI and systemd send; or Ctrl-C): while
  :func:`run_jobs` runs, the parent ends its workers and puts their reports' folders
  back, then exits with status 143 (SIGTERM; a second one during that clean-up waits
  for it) or raises KeyboardInterrupt (Ctrl-C). The previous SIGTERM handler is back
  when :func:`run_jobs` returns.

(PR_SET_PDEATHSIG is Linux's; it fires when the thread that started the worker ends,
and :func:`run_jobs` waits for its workers in that thread.)
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import cast

from pipeline.errors import PipelineError, TimeLimitError, WorkerCrashedError
from pipeline.run.executors import InProcess, Job, Limits, execute, failure_of
from pipeline.run.runner import Result
from pipeline.stages.engines import REFERENCE, preload
from pipeline.stages.engines.parts import die_with_parent, spare_cores
from pipeline.store import recover


def cpu_seconds(timeout: float) -> int:
    """A worker's CPU-time limit: a little above its wall-clock limit, so that the parent's clock
    stops a watched worker first (one thread's CPU time never runs ahead of the clock)."""
    return math.ceil(timeout + max(5.0, timeout / 10))


def _lower(which: int, soft: int, hard: int | None = None) -> None:
    """Set a resource limit (``hard`` None: the hard limit kept), never above the hard limit this
    process has (raising it is not allowed)."""
    _, ceiling = resource.getrlimit(which)
    hard = ceiling if hard is None else hard
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(which, (soft, hard))


def _apply_limits(limits: Limits) -> None:
    if limits.memory_mb:
        _lower(resource.RLIMIT_AS, limits.memory_mb * 1024 * 1024)
    if limits.timeout:
        # SIGXCPU (which ends it) at the limit; SIGKILL a second later, should it be ignored
        seconds = cpu_seconds(limits.timeout)
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        _lower(resource.RLIMIT_CPU, seconds, seconds + 1)
    _lower(resource.RLIMIT_CORE, 0)


def _worker(job: Job, limits: Limits, conn: Connection, parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker told to stop stops
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


def ended(code: int | None, overdue: bool, limits: Limits) -> PipelineError:
    """Why a worker that sent no result ended, from its exit code. Its CPU-time limit is its
    time limit: SIGXCPU, or SIGKILL once past its time (the hard limit, a second after)."""
    if limits.timeout and (code == -signal.SIGXCPU or (code == -signal.SIGKILL and overdue)):
        return TimeLimitError(f"not done after {limits.timeout:g} s")
    why = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    limit = f", possibly over the memory limit of {limits.memory_mb} MB" if limits.memory_mb else ""
    return WorkerCrashedError(f"{why}{limit}")


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


def _end(run: _Running, conn: Connection) -> None:
    """Kill a worker (if it still runs), wait for it, and put its report's folder back."""
    if run.process.pid is not None:
        run.process.kill()
        run.process.join()
    conn.close()
    recover(Path(run.job.out) / run.job.id)


class Terminated(SystemExit):
    """SIGTERM, raised where the run was, so that its clean-up runs; the exit status is 143."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(128 + signum)


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` for the duration (the main thread only: signal handlers
    live there; and not when it is ignored, as its starter asked); the previous handler is
    restored after."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) is signal.SIG_IGN:
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


@contextmanager
def _sigterm_held() -> Iterator[None]:
    """SIGTERM waits until the block is done (a clean-up is not cut short); raised after it."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def run_jobs(
    jobs: Sequence[Job],
    workers: int = 1,
    limits: Limits = Limits(),  # noqa: B008 (frozen, so a shared default is safe)
    isolate: bool = True,
    on_done: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run every job; results come back in the order of ``jobs``. Interrupted (Ctrl-C, SIGTERM),
    it ends its workers and puts their reports' folders back before it raises."""
    if not isolate:
        return InProcess().run(jobs, on_done)
    with _sigterm_raises():
        return _run_in_workers(jobs, workers, limits, on_done)


def _run_in_workers(jobs: Sequence[Job], workers: int, limits: Limits, on_done: Callable[[Result], None] | None) -> list[Result]:
    results: dict[int, Result] = {}

    def done(i: int, result: Result) -> None:
        results[i] = result
        if on_done:
            on_done(result)

    # a PDF's pages are read in the processes the other workers leave idle (one PDF: every core)
    spare = spare_cores(min(max(1, workers), len(jobs)))
    jobs = [replace(job, processes=spare) if job.processes is None else job for job in jobs]
    preload({job.engine for job in jobs})
    ctx = multiprocessing.get_context("fork")
    pending = deque(enumerate(jobs))
    # a worker is in here from before it starts until it is dealt with, so that an
    # interruption at any point ends it
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
                process = ctx.Process(target=_worker, args=(job, limits, sender, os.getpid()), daemon=True)
                deadline = time.monotonic() + limits.timeout if limits.timeout else None
                running[receiver] = (i, _Running(process, job, deadline))
                process.start()
                sender.close()
            deadlines = [r.deadline for _, r in running.values() if r.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            for waited in wait(list(running), timeout=timeout):
                conn = cast(Connection, waited)  # wait gives back what it was given
                i, run = running[conn]
                result: Result | None
                try:
                    result = conn.recv()
                except (EOFError, OSError):
                    run.process.join()
                    overdue = run.deadline is not None and time.monotonic() >= run.deadline
                    error = ended(run.process.exitcode, overdue, limits)
                    result = _failed(run.job, error)
                    if isinstance(error, WorkerCrashedError) and run.job.engine != REFERENCE:
                        # a crash in PDFium: the reference reads the PDF, in a fresh worker
                        pending.appendleft((i, replace(run.job, engine=REFERENCE)))
                        result = None
                conn.close()
                run.process.join()
                del running[conn]
                if result is not None:
                    done(i, result)
            now = time.monotonic()
            for conn in [c for c, (_, r) in running.items() if r.deadline is not None and r.deadline <= now]:
                i, run = running[conn]
                run.process.kill()
                run.process.join()
                conn.close()
                result = _failed(run.job, TimeLimitError(f"not done after {limits.timeout:g} s"))
                del running[conn]
                done(i, result)
    finally:  # interrupted (Ctrl-C, SIGTERM): stop the workers and put their reports' folders back
        with _sigterm_held():
            for conn, (_, run) in list(running.items()):
                _end(run, conn)
                del running[conn]
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
