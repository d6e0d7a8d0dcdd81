"""Hostile and broken PDFs: each gets correct data or its documented one-line error, and nothing is lost.

The corpus (tests/corpus.py, written once per session: the fixture ``hostile_corpus``) is run
in one ``python -m pipeline run DIR -j 2`` beside the good report, in a process of its own, and
every file's line and exit code checked; then the guards (page limit, time limit, tree depth,
stream damage) and a run killed mid-export.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest

from pipeline import errors, store
from pipeline.cli import main
from pipeline.run.workers import Job, Limits, run_jobs
from pipeline.stages import guards
from pipeline.stages.extract import read_pdf, require_text
from pipeline.store import recover

from .corpus import CASES, FONT, TEXT, make_bomb, make_many_pages, many_pages, pdf_file, stream
from .helpers import ROOT, SHIPPED_PDF, run_cli, shared


def error_classes(cls: type = errors.PipelineError) -> list[type[errors.PipelineError]]:
    found = [cls]
    for sub in cls.__subclasses__():
        found.extend(error_classes(sub))
    return found


def class_of(message: str) -> type[errors.PipelineError]:
    """The error class whose reason an error line's message starts with."""
    matching = [c for c in error_classes() if message.startswith(c.reason + ":") or message == c.reason]
    return max(matching, key=lambda c: len(c.reason))


def dot_entries(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the whole corpus in one run ------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, hostile_corpus) -> SimpleNamespace:
    """The corpus and the good report in a folder of their own, run as a user's shell runs it: the one
    run in a process of its own whose exit code is the highest of the corpus (10). Run once per test
    run: whichever of xdist's workers needs it first runs it, the others read its outputs."""

    def run() -> SimpleNamespace:
        folder = tmp_path_factory.mktemp("corpus")
        files = {name: Path(shutil.copy(path, folder / path.name)) for name, path in hostile_corpus.items()}
        good = folder / "good-report.pdf"
        shutil.copy(SHIPPED_PDF, good)
        out = tmp_path_factory.mktemp("out")
        previous = {}
        for name, path in files.items():  # earlier outputs of the reports that now fail must survive
            if CASES[name].code:
                (out / path.stem).mkdir()
                (out / path.stem / "tiltak.csv").write_bytes(f"previous output of {name}\n".encode())
                previous[name] = folder_bytes(out / path.stem)
        result = run_cli("run", str(folder), "-j", "2", "--out", str(out), "--timeout", "30", "--max-memory", "1024")
        return SimpleNamespace(files=files, good=good, out=out, previous=previous, result=result)

    return shared("test_hostile.corpus_run", run)


def test_the_run_returns_the_highest_code_and_says_nothing_else_on_stderr(corpus_run):
    result = corpus_run.result
    failing = [c.code for c in CASES.values() if c.code]
    assert result.returncode == max(failing), result.stderr
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines[-1] == f"{len(failing)} of {len(CASES) + 1} PDFs could not be processed."
    assert all(ln.startswith("error: ") for ln in lines[:-1]), "only one line per failed PDF (no warnings from pdfminer)"
    assert "time limit exceeded" not in result.stderr  # nothing hung (speed is measured by make bench, never asserted)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_file_gets_its_line_and_exit_code(corpus_run, name):
    case, path, out = CASES[name], corpus_run.files[name], corpus_run.out
    result = corpus_run.result
    errors_for = [ln for ln in result.stderr.splitlines() if ln.startswith(f"error: {path}: ")]
    if case.code == 0:
        assert not errors_for
        [line] = [ln for ln in result.stdout.splitlines() if ln.startswith(f"{path}: ")]
        assert case.words in line
        assert pq.read_table(out / path.stem / "tiltak.parquet").num_rows >= 1
        if case.finding:
            findings = json.loads((out / path.stem / "validation.json").read_text(encoding="utf-8"))["findings"]
            assert case.finding in {f["code"] for f in findings}
        return
    assert len(errors_for) == 1, result.stderr
    message = errors_for[0][len(f"error: {path}: ") :]
    assert case.words in message
    assert class_of(message).exit_code == case.code
    assert message.endswith(")"), "the remedy closes the line"
    assert folder_bytes(out / path.stem) == corpus_run.previous[name], "the previous outputs are untouched"


def test_the_good_report_and_the_findings_name_the_problems(corpus_run):
    out = corpus_run.out
    assert f"{corpus_run.good}: 33 tiltak" in corpus_run.result.stdout
    assert pq.read_table(out / "good-report" / "tiltak.parquet").num_rows == 33
    for name, nr in (("duplicate-number", 3), ("missing-in-body", 4)):
        findings = json.loads((out / corpus_run.files[name].stem / "validation.json").read_text(encoding="utf-8"))["findings"]
        assert any(f["code"] == CASES[name].finding and f["tiltak_nr"] == nr for f in findings), name
    assert dot_entries(out) == [".cache"], "no temporary folders left behind"


# --- guards ---------------------------------------------------------------------------------------


def test_the_page_limit_is_configurable_and_counts_what_the_tree_holds(tmp_path):
    pdf = tmp_path / "pages.pdf"
    pdf.write_bytes(many_pages(120))
    liar = tmp_path / "liar.pdf"
    liar.write_bytes(many_pages(120).replace(b"/Count 120", b"/Count 5  "))
    out = tmp_path / "out"
    over, unlimited, lying = run_jobs([Job(pdf, out, max_pages=100), Job(pdf, out, max_pages=0), Job(liar, out, max_pages=100)], workers=2)
    assert isinstance(over.error, errors.TooManyPagesError) and over.error.exit_code == 10
    assert (
        over.error.one_line() == "too many pages: it has 120 pages, more than the limit of 100 (raise --max-pages if the report really is that long)"
    )
    assert isinstance(unlimited.error, errors.UnknownReportFamilyError), "without a limit every page is read"
    assert lying.error.one_line().startswith("too many pages: it has more pages than the limit of 100")


def test_a_huge_page_count_without_a_page_limit_stops_at_the_time_limit(tmp_path):
    pdf = make_many_pages(tmp_path)
    [result] = run_jobs([Job(pdf, tmp_path / "out", max_pages=0)], limits=Limits(timeout=2, memory_mb=2048))
    assert isinstance(result.error, errors.TimeLimitError) and result.error.exit_code == 8
    assert not (tmp_path / "out" / "many-pages").exists()


def test_a_deep_but_sane_page_tree_is_read(tmp_path):
    depth = 200
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT, 4: stream(TEXT)}
    nodes = list(range(10, 10 + depth))
    objects[2] = b"<< /Type /Pages /Count 1 /Kids [10 0 R] >>"
    for i, n in enumerate(nodes):
        objects[n] = b"<< /Type /Pages /Parent %d 0 R /Count 1 /Kids [%d 0 R] >>" % (2 if i == 0 else n - 1, n + 1)
    objects[nodes[-1] + 1] = (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>" % nodes[-1]
    )
    pdf = tmp_path / "deep.pdf"
    pdf.write_bytes(pdf_file(objects, 1))
    raw = read_pdf(pdf)
    assert [ln.text for ln in raw.page_lines[0]] == ["Side"]


def test_without_the_stream_guard_a_bomb_meets_the_memory_limit(monkeypatch, tmp_path):
    pdf = make_bomb(tmp_path)
    monkeypatch.setattr(guards, "MAX_STREAM_MB", None)  # the forked worker inherits it
    [result] = run_jobs([Job(pdf, tmp_path / "out")], limits=Limits(timeout=30, memory_mb=1024))
    assert result.error.one_line().startswith("memory limit exceeded: reading page 1 needs more memory than the worker may use")
    assert result.error.exit_code == 9


def one_stream_pdf(path: Path, data: bytes) -> Path:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(data, b"/Filter /FlateDecode "),
        5: FONT,
    }
    path.write_bytes(pdf_file(objects, 1))
    return path


def test_a_damaged_stream_is_read_as_far_as_it_decodes_and_named(tmp_path):
    """Never stricter than the parser: a stream that decodes (even when it ends early) is used, and a
    ``damaged_stream`` warning names its page; only a stream that yields nothing leaves the page empty."""
    deflated = zlib.compress(TEXT)
    ok = read_pdf(one_stream_pdf(tmp_path / "ok.pdf", deflated))
    assert [ln.text for ln in ok.page_lines[0]] == ["Side"] and ok.findings == ()
    no_check = read_pdf(one_stream_pdf(tmp_path / "no-check.pdf", deflated[:-4]))
    assert [ln.text for ln in no_check.page_lines[0]] == ["Side"] and no_check.findings == (), "a missing checksum loses nothing"
    wrong = read_pdf(one_stream_pdf(tmp_path / "wrong-check.pdf", deflated[:-4] + bytes(b ^ 0xFF for b in deflated[-4:])))
    assert [ln.text for ln in wrong.page_lines[0]] == ["Side"]
    assert [(f.code, f.page, f.severity) for f in wrong.findings] == [("damaged_stream", 1, "warning")]
    assert "does not match its checksum" in wrong.findings[0].message
    z = zlib.compressobj()
    unfinished = z.compress(TEXT) + z.flush(zlib.Z_SYNC_FLUSH)  # every byte of the text, but no end
    cut = read_pdf(one_stream_pdf(tmp_path / "cut.pdf", unfinished))
    assert [ln.text for ln in cut.page_lines[0]] == ["Side"]
    assert cut.findings[0].message.startswith(f"Page 1: a compressed stream is cut off; the {len(TEXT)} bytes decoded before the cut are used")
    garbage = one_stream_pdf(tmp_path / "garbage.pdf", b"\x78\x9c" + bytes(range(7, 250)))
    with pytest.raises(errors.DamagedPDFError, match="its only page has no extractable text, and a compressed stream of page 1 is damaged"):
        require_text(read_pdf(garbage))


# --- a run killed while it writes ---------------------------------------------------------------------

KILLED_RUN = """
import os, sys, time
from pathlib import Path
import pipeline.store as store
from pipeline.cli import main

where = sys.argv[1]
if where == "writing":
    plain = store.write_file
    def write_file(path, data):
        plain(path, data)
        time.sleep(0.2)  # slow enough to be killed in the middle
    store.write_file = write_file
else:  # between the two renames: the old folder moved aside, the new one not yet in place
    plain_rename = Path.rename
    def rename(self, target):
        moved = plain_rename(self, target)
        if ".old-" in Path(target).name:
            time.sleep(60)
        return moved
    Path.rename = rename
sys.exit(main(["run", sys.argv[2], "--out", sys.argv[3], "--no-cache"]))
"""


@pytest.mark.parametrize("where", ["writing", "swapping"])
def test_a_run_killed_mid_export_keeps_the_previous_outputs_and_the_next_run_cleans_up(mini_pdf, tmp_path, where):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out)]) == 0
    report = out / "mini-rapport"
    before = folder_bytes(report)
    leftover = ".mini-rapport.tmp-" if where == "writing" else ".mini-rapport.old-"
    run = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED_RUN), where, str(mini_pdf), str(out)],
        cwd=ROOT,
        start_new_session=True,  # its own process group: the CLI and its worker are killed together
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not any(p.name.startswith(leftover) and (where == "swapping" or any(p.iterdir())) for p in out.iterdir()):
            assert time.monotonic() < deadline and run.poll() is None, "the run never reached the point to kill it at"
            time.sleep(0.02)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    [left] = [p for p in out.iterdir() if p.name.startswith(leftover)]  # killed mid-export: its leftovers are there
    worker = int(left.name.split("-")[-2])
    deadline = time.monotonic() + 10
    while store._pid_alive(worker):  # SIGKILL is delivered, but dying takes a moment
        assert time.monotonic() < deadline
        time.sleep(0.02)
    if where == "writing":
        assert folder_bytes(report) == before, "the previous outputs are untouched"
    else:
        assert not report.exists()  # killed between the renames: recover() puts the old folder back
        recover(report)
        assert folder_bytes(report) == before
    assert pq.read_table(report / "tiltak.parquet").num_rows == 3
    assert main(["run", str(mini_pdf), "--out", str(out), "--no-cache"]) == 0
    assert dot_entries(out) == [".cache"], "the next run cleaned up what the killed one left"
    assert folder_bytes(report) == before


def test_a_worker_killed_at_its_time_limit_mid_export_leaves_nothing_behind(monkeypatch, mini_pdf, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out)]) == 0
    before = folder_bytes(out / "mini-rapport")
    plain = store.write_file

    def slow(path, data):
        plain(path, data)
        time.sleep(0.5)

    monkeypatch.setattr(store, "write_file", slow)  # the forked worker inherits it
    [result] = run_jobs([Job(mini_pdf, out)], limits=Limits(timeout=2))
    assert isinstance(result.error, errors.TimeLimitError)
    assert folder_bytes(out / "mini-rapport") == before
    assert dot_entries(out) == [".cache"]


def test_the_guards_hold_for_threads_reading_at_once(tmp_path, mini_pdf):
    """Options and guards, not globals (issue 20): threads reading PDFs at once (a Dask worker with
    several) each see only their own streams' damage, and pdfminer is itself again once all are done."""
    from concurrent.futures import ThreadPoolExecutor

    import pdfminer.pdftypes
    from pdfminer.pdftypes import PDFObjRef

    plain = (PDFObjRef.resolve, pdfminer.pdftypes.zlib)
    z = zlib.compressobj()
    cut = one_stream_pdf(tmp_path / "cut.pdf", z.compress(TEXT) + z.flush(zlib.Z_SYNC_FLUSH))
    pdfs = [cut, mini_pdf] * 6
    with ThreadPoolExecutor(max_workers=4) as pool:
        read = list(pool.map(read_pdf, pdfs))
    for pdf, raw in zip(pdfs, read):
        assert [f.code for f in raw.findings] == (["damaged_stream"] if pdf == cut else []), pdf.name
    assert read[1].page_lines == read_pdf(mini_pdf).page_lines
    assert (PDFObjRef.resolve, pdfminer.pdftypes.zlib) == plain
