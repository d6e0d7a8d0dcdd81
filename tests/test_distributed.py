"""The Dask runner maps the same per-PDF function and writes the same outputs."""

from __future__ import annotations

import socket
import time

import pytest

from pipeline.cli import main
from pipeline.errors import SchedulerUnreachableError
from pipeline.run.workers import Job, run_jobs

from .helpers import SHIPPED_PDF

distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is an optional extra: pip install -e '.[dask]'")


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
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


@pytest.mark.slow
def test_dask_reports_a_broken_pdf_as_an_error(tmp_path):
    from pipeline.run.distributed import run_dask

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, processes=False) as cluster:
        [result] = run_dask([Job(broken, tmp_path / "out")], cluster.scheduler_address)
    assert not result.ok and result.error.exit_code == 3
    assert not (tmp_path / "out" / "broken").exists()


def free_port() -> int:
    """A port nobody listens on: bound for a moment, then let go."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_its_own_error_and_quick(tmp_path):
    from pipeline.run.distributed import run_dask

    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(SchedulerUnreachableError) as failure:
        run_dask([Job(SHIPPED_PDF, tmp_path / "out")], address, connect_timeout=1)
    assert time.monotonic() - started < 10, "the wait given, not Dask's 30 s"
    assert failure.value.exit_code == 11
    assert f"{address}: no answer within 1 s" in failure.value.one_line()
    assert not (tmp_path / "out").exists()


def test_the_default_wait_for_a_scheduler_is_shorter_than_dasks():
    from pipeline.run.distributed import CONNECT_TIMEOUT, DaskCluster

    assert DaskCluster("tcp://scheduler:8786").connect_timeout == CONNECT_TIMEOUT <= 10


def test_a_scheduler_address_that_is_none_gets_one_line_and_exit_11(tmp_path, capsys):
    code = main(["run", str(SHIPPED_PDF), "--executor", "dask", "--scheduler", "foo://nowhere", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 11, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Dask scheduler unreachable: foo://nowhere: unknown address scheme 'foo'" in err
