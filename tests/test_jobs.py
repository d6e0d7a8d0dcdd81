"""Many PDFs: worker processes, limits, the stage cache, and the order of results."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline.cli import main
from pipeline.run import workers as jobs_module
from pipeline.run.workers import Job, Limits, run_jobs

from .test_cli import run_cli


@pytest.fixture
def pdf_folder(tmp_path, mini_pdf):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.pdf").write_bytes(mini_pdf.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n%broken")
    return folder


def test_parallel_run_processes_every_good_pdf_and_names_the_broken_one(pdf_folder, tmp_path):
    out = tmp_path / "out"
    result = run_cli("run", str(pdf_folder), "-j", "2", "--out", str(out))
    assert result.returncode == 3
    for name in ("a", "b", "c"):
        assert (out / name / "tiltak.parquet").is_file()
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "broken.pdf: damaged PDF" in errors[0]
    assert sum("3 tiltak" in ln for ln in result.stdout.splitlines()) == 3


def test_second_run_uses_the_cache_and_force_ignores_it(mini_pdf, tmp_path):
    out = tmp_path / "out"
    first = run_cli("run", str(mini_pdf), "--out", str(out))
    assert "from cache" not in first.stdout
    before = (out / "mini-rapport" / "tiltak.parquet").read_bytes()
    second = run_cli("run", str(mini_pdf), "--out", str(out))
    assert "from cache" in second.stdout
    assert (out / "mini-rapport" / "tiltak.parquet").read_bytes() == before
    forced = run_cli("run", str(mini_pdf), "--out", str(out), "--force")
    assert "from cache" not in forced.stdout
    assert len([p for p in (out / ".cache").glob("*.pickle") if "-stagefiles-" not in p.name]) == 1


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
