"""Past one machine: the per-PDF work mapped over a Dask cluster.

The work for one PDF is one pure function from the PDF's bytes (and its file
name) to every stage's result, so any executor can map it. Here
``dask.distributed`` does: workers receive PDF bytes and return the stages'
results; this process keeps the stage cache, exports each report once and
writes it atomically, exactly as the local runner does. Dask is an optional
extra (``pip install -e '.[dask]'``); the default install does not need it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError, SchedulerUnreachableError, UnexpectedError
from pipeline.profiles.loader import load_profile
from pipeline.run.cache import StageCache
from pipeline.run.executors import Job, commit, failed, failure_of, require_file
from pipeline.run.runner import Result, compute_stages, finish, lookup, relocate
from pipeline.stages.registry import Stages

CONNECT_TIMEOUT = 10.0  # seconds a scheduler has to answer


def process_bytes(
    name: str,
    data: bytes,
    profile: str | None,
    source_path: str,
    max_pages: int | None = None,
    password: str | None = None,
    engine: str = "pdfplumber",
    report_id: str | None = None,
) -> tuple[Stages | None, PipelineError | None]:
    """Run on a worker: PDF bytes in, every stage's result out (or the reason it failed), read by the extraction ``engine``.

    ``password`` opens an encrypted PDF; it travels with the task, and is kept nowhere.
    """
    with tempfile.TemporaryDirectory(prefix="tiltak-") as tmp:
        pdf = Path(tmp) / name
        pdf.write_bytes(data)
        try:
            stages = compute_stages(
                pdf, load_profile(profile) if profile else None, password=password, engine=engine, report_id=report_id, max_pages=max_pages
            )
        except Exception as exc:
            return None, failure_of(exc, pdf)
    # name the PDF where it lives on the submitting machine, not in the worker's temp dir
    return relocate(stages, Path(source_path), report_id), None


def connect(address: Any, timeout: float) -> Any:
    """A Dask client of the scheduler at ``address`` (or of a local cluster). A scheduler that does not
    answer within ``timeout`` seconds, or an address that is none, is a SchedulerUnreachableError naming it."""
    from dask.distributed import Client

    where = address if isinstance(address, str) else getattr(address, "scheduler_address", "the local cluster")
    try:
        return Client(address, timeout=timeout)
    except OSError:  # Dask retries until the time is up, then says it timed out
        raise SchedulerUnreachableError(f"{where}: no answer within {timeout:g} s") from None
    except ValueError as exc:  # not an address: an unknown scheme, no port
        raise SchedulerUnreachableError(f"{where}: {exc}") from None


def run_dask(
    jobs: Sequence[Job], scheduler: str | None, on_done: Callable[[Result], None] | None = None, connect_timeout: float = CONNECT_TIMEOUT
) -> list[Result]:
    """Map :func:`process_bytes` over the PDFs on a Dask cluster; cache, export and write here.

    A scheduler that does not answer within ``connect_timeout`` seconds fails the run at once
    (Dask's own default waits 30 s)."""
    try:
        from dask.distributed import LocalCluster, as_completed
    except ImportError as exc:
        raise UnexpectedError("--executor dask needs dask.distributed: pip install -e '.[dask]'") from exc

    results: dict[int, Result] = {}

    def done(i: int, result: Result) -> None:
        results[i] = result
        if on_done:
            on_done(result)

    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    try:
        client = connect(scheduler or cluster, connect_timeout)
    except BaseException:
        if cluster is not None:
            cluster.close()
        raise
    try:
        futures = {}
        for i, job in enumerate(jobs):
            pdf = Path(job.pdf)
            try:  # the steps every executor shares: look the PDF up here, compute it there, commit it here
                require_file(pdf)
                target = job.target
                cache = StageCache(job.cache_dir, refresh=job.force) if job.cache_dir else None
                profile = load_profile(job.profile) if job.profile else None
                key, hit = lookup(pdf, profile, cache, password=job.password, engine=job.engine, report_id=job.id, max_pages=job.max_pages, export=job.export)
            except Exception as exc:
                done(i, failed(pdf, job.id, exc, job.debug))
                continue
            if hit is not None:
                done(i, commit(pdf, job.id, target, *hit, cached=True, debug=job.debug))
                continue
            fut = client.submit(
                process_bytes, pdf.name, pdf.read_bytes(), job.profile, str(pdf.resolve()), job.max_pages, job.password, job.engine, job.id, pure=False
            )
            futures[fut] = (i, cache, key, target)
        for fut in as_completed(list(futures)):
            i, cache, key, target = futures[fut]
            job = jobs[i]
            stages, error = fut.result()
            if stages is None:
                done(i, Result(Path(job.pdf), job.id, ok=False, error=error))
                continue
            try:
                files = finish(stages, cache, key, job.export)
            except Exception as exc:
                done(i, failed(Path(job.pdf), job.id, exc, job.debug))
                continue
            done(i, commit(Path(job.pdf), job.id, target, stages, files, cached=False, debug=job.debug))
        return [results[i] for i in range(len(jobs))]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class DaskCluster:
    """PDFs processed on a Dask cluster (a local one when no scheduler is given)."""

    scheduler: str | None = None
    connect_timeout: float = CONNECT_TIMEOUT
    name = "dask"
    honours = frozenset({"cache"})  # the cluster sets its own workers and limits

    def run(self, jobs: Sequence[Job], on_done: Callable[[Result], None] | None = None) -> list[Result]:
        return run_dask(jobs, self.scheduler, on_done, self.connect_timeout)
