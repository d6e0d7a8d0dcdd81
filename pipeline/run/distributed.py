"""Past one machine: the per-PDF work mapped over a Dask cluster.

The work for one PDF is one pure function from the PDF's bytes (and its file
name) to the bytes of every output file, so any executor can map it. Here
``dask.distributed`` does: workers receive PDF bytes, return output files, and
this process writes them atomically, exactly as the local runner does. Dask is
an optional extra (``pip install -e '.[dask]'``); the default install does not
need it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.findings import summarise
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import Result, failure_of, output_files, process_pdf, relocate, report_id_of
from pipeline.run.store import write_dir_atomically
from pipeline.run.workers import Job, page_limit


def process_bytes(
    name: str, data: bytes, profile: str | None, source_path: str, max_pages: int | None = None
) -> tuple[dict[str, bytes] | None, dict, PipelineError | None]:
    """Run on a worker: PDF bytes in, output files out (or the reason it failed)."""
    with tempfile.TemporaryDirectory(prefix="tiltak-") as tmp:
        pdf = Path(tmp) / name
        pdf.write_bytes(data)
        try:
            with page_limit(max_pages):
                stages, _ = process_pdf(pdf, load_profile(profile) if profile else None)
        except Exception as exc:
            return None, {}, failure_of(exc, pdf)
    # name the PDF where it lives on the submitting machine, not in the worker's temp dir
    stages = relocate(stages, Path(source_path))
    info = {"findings": summarise(stages.findings), "tiltak": len(stages.tiltak), "profile": stages.profile}
    return output_files(stages), info, None


def run_dask(jobs: Sequence[Job], scheduler: str | None, on_done: Callable[[Result], None] | None = None) -> list[Result]:
    """Map :func:`process_bytes` over the PDFs on a Dask cluster; write results here."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise PipelineError("--executor dask needs dask.distributed: pip install -e '.[dask]'") from exc

    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = {}
        results: dict[int, Result] = {}
        for i, job in enumerate(jobs):
            pdf = Path(job.pdf)
            if not pdf.is_file():
                results[i] = Result(pdf, report_id_of(pdf), ok=False, error=PipelineError("no such file"))
                continue
            fut = client.submit(process_bytes, pdf.name, pdf.read_bytes(), job.profile, str(pdf.resolve()), job.max_pages, pure=False)
            futures[fut] = i
        for fut in as_completed(list(futures)):
            i = futures[fut]
            job = jobs[i]
            pdf = Path(job.pdf)
            files, info, error = fut.result()
            if error is not None or files is None:
                result = Result(pdf, report_id_of(pdf), ok=False, error=error)
            else:
                target = Path(job.out) / report_id_of(pdf)
                write_dir_atomically(target, files)
                result = Result(pdf, report_id_of(pdf), ok=True, out_dir=target, **info)
            results[i] = result
            if on_done:
                on_done(result)
        return [results[i] for i in range(len(jobs))]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
