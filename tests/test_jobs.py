"""Many PDFs: worker processes, limits, the stage cache, and the order of results."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from pipeline import store
from pipeline.cli import main
from pipeline.errors import TimeLimitError, WorkerCrashedError
from pipeline.run import workers as jobs_module
from pipeline.run.runner import Result
from pipeline.run.workers import Job, Limits, cpu_seconds, ended, run_jobs

from .helpers import ROOT, run_cli


@pytest.fixture
def pdf_folder(tmp_path, mini_pdf):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.pdf").write_bytes(mini_pdf.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n%broken")
    return folder


def test_parallel_run_processes_every_good_pdf_and_names_the_broken_one(pdf_folder, tmp_path, cli):
    out = tmp_path / "out"
    result = cli("run", str(pdf_folder), "-j", "2", "--out", str(out))
    assert result.returncode == 3
    for name in ("a", "b", "c"):
        assert (out / name / "tiltak.parquet").is_file()
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "broken.pdf: damaged PDF" in errors[0]
    assert sum("3 tiltak" in ln for ln in result.stdout.splitlines()) == 3


def test_second_run_uses_the_cache_and_force_ignores_it(mini_pdf, tmp_path):
    """Three runs as a user's shell runs them (python -m pipeline): the one test of exit code 0 in a
    process of its own (what it prints reaches stdout before the process leaves)."""
    out = tmp_path / "out"
    first = run_cli("run", str(mini_pdf), "--out", str(out))
    assert "from cache" not in first.stdout
    before = (out / "mini-rapport" / "tiltak.parquet").read_bytes()
    second = run_cli("run", str(mini_pdf), "--out", str(out))
    assert "from cache" in second.stdout
    assert (out / "mini-rapport" / "tiltak.parquet").read_bytes() == before
    forced = run_cli("run", str(mini_pdf), "--out", str(out), "--force")
    assert "from cache" not in forced.stdout
    assert len([p for p in (out / ".cache").glob("*.json") if "-stagefiles-" not in p.name]) == 1


def test_a_copy_under_another_name_reuses_the_cache_but_gets_its_own_id(mini_pdf, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out)]) == 0
    copy = tmp_path / "kopi.pdf"
    copy.write_bytes(mini_pdf.read_bytes())
    assert main(["run", str(copy), "--out", str(out)]) == 0
    manifest = (out / "kopi" / "manifest.json").read_text(encoding="utf-8")
    assert '"report_id": "kopi"' in manifest and '"source_file": "kopi.pdf"' in manifest
    assert b"kopi" in (out / "kopi" / "tiltak.csv").read_bytes()


def test_results_keep_the_order_of_the_inputs(pdf_folder, tmp_path):
    pdfs = sorted(pdf_folder.iterdir())
    results = run_jobs([Job(p, tmp_path / "out") for p in pdfs], workers=2)
    assert [r.pdf for r in results] == pdfs
    assert [r.ok for r in results] == [True, True, False, True]


def _sleep(job):
    time.sleep(30)


def _allocate(job):
    hoard = []
    while True:
        hoard.append(bytearray(50 * 1024 * 1024))


def _die(job):
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize(
    ("behaviour", "limits", "code", "words"),
    [
        (_sleep, Limits(timeout=0.5), 8, "time limit exceeded: not done after 0.5 s"),
        (_allocate, Limits(timeout=30, memory_mb=600), 9, "memory limit exceeded"),
        (_die, Limits(timeout=30), 7, "the worker processing it crashed: signal 9"),
    ],
)
def test_a_worker_over_its_limits_is_stopped_and_the_old_outputs_stay(monkeypatch, mini_pdf, tmp_path, behaviour, limits, code, words):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out)]) == 0
    before = (out / "mini-rapport" / "tiltak.csv").read_bytes()
    monkeypatch.setattr(jobs_module, "execute", behaviour)  # the forked worker runs this instead
    [result] = run_jobs([Job(mini_pdf, out)], limits=limits)
    assert not result.ok and result.error.exit_code == code
    assert words in result.error.one_line()
    assert (out / "mini-rapport" / "tiltak.csv").read_bytes() == before
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [".cache", "mini-rapport"]


# --- no worker outlives its run ---------------------------------------------------------------------


def _report_limits(job):
    cpu, core = resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_CORE)
    return Result(job.pdf, job.id, ok=True, findings={"cpu_soft": cpu[0], "cpu_hard": cpu[1], "core": core[0]})


def test_a_worker_has_a_cpu_limit_a_little_above_its_time_limit_and_writes_no_core(monkeypatch, mini_pdf, tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(jobs_module, "execute", _report_limits)
    [result] = run_jobs([Job(mini_pdf, tmp_path / "out")], limits=Limits(timeout=10))
    assert result.findings == {"cpu_soft": 15, "cpu_hard": 16, "core": 0}
    [result] = run_jobs([Job(mini_pdf, tmp_path / "out")], limits=Limits(timeout=600))
    assert result.findings["cpu_soft"] == cpu_seconds(600) == 660
    assert signal.getsignal(signal.SIGTERM) == before, "the SIGTERM handler is put back"


def _spin_into_the_cpu_limit(job):
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (1, hard))  # the limit, reached in a second of spinning
    while True:
        pass


def test_a_worker_stopped_by_its_cpu_limit_is_over_its_time_limit_not_crashed(monkeypatch, mini_pdf, tmp_path):
    monkeypatch.setattr(jobs_module, "execute", _spin_into_the_cpu_limit)
    [result] = run_jobs([Job(mini_pdf, tmp_path / "out", engine="pdfium")], limits=Limits(timeout=60))
    assert isinstance(result.error, TimeLimitError) and result.error.exit_code == 8
    assert "time limit exceeded: not done after 60 s" in result.error.one_line()


def test_a_worker_killed_by_the_hard_cpu_limit_is_over_its_time_only_once_past_it():
    limits = Limits(timeout=5)
    assert isinstance(ended(-signal.SIGXCPU, False, limits), TimeLimitError)
    assert isinstance(ended(-signal.SIGKILL, True, limits), TimeLimitError)
    assert isinstance(ended(-signal.SIGKILL, False, limits), WorkerCrashedError)  # the OOM killer, say
    assert isinstance(ended(-signal.SIGXCPU, False, Limits(timeout=None)), WorkerCrashedError)


# A run in its own process whose worker hangs, and writes its pid to a file for the test.
HANGING_RUN = """
import os, sys, time
from pathlib import Path
from pipeline.cli import main
from pipeline.run import workers

how, pdf, out, pid_file = sys.argv[1:]

def hang():
    Path(pid_file + ".part").write_text(str(os.getpid()))
    os.rename(pid_file + ".part", pid_file)
    time.sleep(120)

if how == "stuck":  # before anything is written
    workers.execute = lambda job: hang()
else:  # "swapping": the report's old folder moved aside, the new one not yet in place
    plain_rename = Path.rename
    def rename(self, target):
        moved = plain_rename(self, target)
        if ".old-" in Path(target).name:
            hang()
        return moved
    Path.rename = rename
sys.exit(main(["run", pdf, "--out", out, "--no-cache", "--timeout", "300"]))
"""


def hanging_run(how: str, pdf, out, tmp_path) -> tuple[subprocess.Popen, int]:
    """The run, and its worker's pid once the worker hangs."""
    pid_file = tmp_path / "worker.pid"
    run = subprocess.Popen([sys.executable, "-c", HANGING_RUN, how, str(pdf), str(out), str(pid_file)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not pid_file.exists():
        assert run.poll() is None and time.monotonic() < deadline, "the worker never hung"
        time.sleep(0.02)
    return run, int(pid_file.read_text())


def gone(pid: int) -> bool:
    """Whether ``pid`` ends within a generous deadline (a zombie nobody reaps has ended)."""
    deadline = time.monotonic() + 30
    while store._pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_worker_dies_with_its_run_killed_outright(mini_pdf, tmp_path):
    run, worker = hanging_run("stuck", mini_pdf, tmp_path / "out", tmp_path)
    try:
        run.kill()
        run.wait()
        assert gone(worker), "the worker runs on without its run"
    finally:
        if store._pid_alive(worker):
            os.kill(worker, signal.SIGKILL)


def test_a_run_told_to_stop_ends_its_workers_and_puts_the_folders_back(mini_pdf, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out)]) == 0
    report = out / "mini-rapport"
    before = {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()}
    run, worker = hanging_run("swapping", mini_pdf, out, tmp_path)
    try:
        assert not report.exists()  # the old folder is aside: the run must put it back
        run.terminate()
        assert run.wait(60) == 128 + signal.SIGTERM
        assert gone(worker)
    finally:
        run.kill()
        if store._pid_alive(worker):
            os.kill(worker, signal.SIGKILL)
    assert {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()} == before
    assert not [p.name for p in out.iterdir() if any(part in p.name for part in (".tmp-", ".old-", ".lock"))]
