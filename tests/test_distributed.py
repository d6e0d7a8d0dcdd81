"""The Dask runner maps the same per-PDF function and writes the same outputs."""

from __future__ import annotations

import pytest

from pipeline.run.workers import Job, run_jobs

from .helpers import SHIPPED_PDF

distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is an optional extra: pip install -e '.[dask]'")


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_dask_output_equals_the_local_runner(tmp_path, mini_pdf):
    from pipeline.run.distributed import run_dask

    pdfs = [SHIPPED_PDF, mini_pdf]
    local = run_jobs([Job(p, tmp_path / "local") for p in pdfs], workers=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True) as cluster:
        remote = run_dask([Job(p, tmp_path / "dask") for p in pdfs], cluster.scheduler_address)
    assert [r.ok for r in local] == [r.ok for r in remote] == [True, True]
    assert [r.findings for r in local] == [r.findings for r in remote]
    for rid in ("sluttrapport-frihet-2021-2024", "mini-rapport"):
        assert files_of(tmp_path / "dask" / rid) == files_of(tmp_path / "local" / rid), rid


def test_dask_reports_a_broken_pdf_as_an_error(tmp_path):
    from pipeline.run.distributed import run_dask

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, processes=False) as cluster:
        [result] = run_dask([Job(broken, tmp_path / "out")], cluster.scheduler_address)
    assert not result.ok and result.error.exit_code == 3
    assert not (tmp_path / "out" / "broken").exists()
