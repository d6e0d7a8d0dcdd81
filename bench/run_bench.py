"""Speed and memory of the pipeline, as ratios against pdfplumber's own floor.

Whole processes, as a user runs them (issue 13), alternating, medians of several runs:

(A) floor    — a process that imports pdfplumber, opens the PDF and runs extract_words
               (extra_attrs=["fontname", "size"]) on every page;
(B) run      — ``python -m pipeline run PDF --out DIR --force`` (start-up, imports, the
               worker process, every stage and export, the combined tables), cold;
(C) pdfium   — the same with ``--engine pdfium``.
    Targets: (B)/(A) ≤ 0.7, (C)/(A) ≤ 0.35 (issue 18's bounds). Throughput: ``run -j 2 --engine
    pdfium`` over 200 copies of the report, in pages per second.

Editions (issue 21): the report's Word and web editions against its PDF (the fixture
``lo-word-default`` and its .docx, ``cr-web-default`` and its .html, the same content):
reading each (``read_pdf``: markup parsed and typeset, or the PDF's pages read) in this
process, and ``run`` on each as a whole process.

Then, in this one process (what start-up and the worker leave out):

(a) floor  — pdfplumber opens the PDF and runs extract_words(extra_attrs=
             ["fontname", "size"]) on every page: what reading it costs;
(b) cold   — the whole pipeline (all stages, all exports, atomic writes), no cache;
(c) warm   — the same with a stage-cache hit: only the export;
(d) pdfium — pypdfium2's plain text of every page: what a faster parser costs.

Peak memory is the maximum resident size of a fresh worker process running (b).
Scaling runs N copies of the report through the local runner with -j 1 and
-j 2, each PDF's pages read in one process (what the workers alone gain), and then
with -j 1 as a run does it by default (each PDF's pages across the idle cores).
Results go to stdout and to output/bench.json. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.profiles.loader import load_profile  # noqa: E402
from pipeline.run.cache import StageCache  # noqa: E402
from pipeline.run.executors import run_one  # noqa: E402
from pipeline.run.workers import Job, Limits, run_jobs  # noqa: E402

DEFAULT_PDF = ROOT / "raw_pdfs" / "sluttrapport-frihet-2021-2024.pdf"
TARGETS = {
    "run_over_floor": 0.7,
    "pdfium_run_over_floor": 0.35,
    "cold_over_floor": 1.3,
    "warm_over_cold": 0.10,
    "peak_rss_mb": 300.0,
    "speedup_j2": 1.7,
}
FLOOR_PROCESS = """
import sys
import pdfplumber
with pdfplumber.open(sys.argv[1]) as doc:
    for page in doc.pages:
        page.extract_words(extra_attrs=["fontname", "size"])
"""


def process_seconds(command: list[str]) -> float:
    """Wall-clock seconds of one whole process, start-up and exit included."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: a report with error findings is still processed
        raise SystemExit(f"{' '.join(map(str, command))} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds


def whole_processes(pdf: Path, runs: int, work: Path) -> dict[str, float]:
    """Medians of the floor, a run with each engine, as whole processes; the order rotates from round to round."""
    commands = {
        "floor": [sys.executable, "-c", FLOOR_PROCESS, str(pdf)],
        "run": [sys.executable, "-m", "pipeline", "run", str(pdf), "--out", str(work / "run"), "--force"],
        "pdfium_run": [sys.executable, "-m", "pipeline", "run", str(pdf), "--out", str(work / "pdfium"), "--force", "--engine", "pdfium"],
    }
    names = list(commands)
    for name in names:  # warm the file cache and the compiled modules
        process_seconds(commands[name])
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(runs):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            times[name].append(process_seconds(commands[name]))
    return {name: statistics.median(values) for name, values in times.items()}


EDITIONS = {  # an edition, and the PDF printed from the same source
    "docx": (ROOT / "tests" / "pdfs" / "renderings" / "lo-word-default.docx", ROOT / "tests" / "pdfs" / "renderings" / "lo-word-default.pdf"),
    "html": (ROOT / "tests" / "pdfs" / "renderings" / "cr-web-default.html", ROOT / "tests" / "pdfs" / "renderings" / "cr-web-default.pdf"),
}


def editions(runs: int, process_runs: int, work: Path) -> dict[str, dict[str, float]]:
    """Each edition's reading time (in this process) and run (a whole process), and its PDF's, medians."""
    from pipeline.stages.extract import read_pdf

    out: dict[str, dict[str, float]] = {}
    for kind, (edition, pdf) in EDITIONS.items():
        read_pdf(edition), read_pdf(pdf)  # warm the imports and the file cache
        read_edition, read_print = median_time(lambda e=edition: read_pdf(e), runs), median_time(lambda p=pdf: read_pdf(p), runs)
        commands = {f: [sys.executable, "-m", "pipeline", "run", str(f), "--out", str(work / f"ed-{kind}"), "--force"] for f in (edition, pdf)}
        times: dict[Path, list[float]] = {f: [] for f in commands}
        for r in range(process_runs):
            for f in list(commands)[r % 2 :] + list(commands)[: r % 2]:
                times[f].append(process_seconds(commands[f]))
        run_edition, run_print = statistics.median(times[edition]), statistics.median(times[pdf])
        out[kind] = {
            "read_edition": read_edition,
            "read_pdf": read_print,
            "read_over_pdf": read_edition / read_print,
            "run_edition": run_edition,
            "run_pdf": run_print,
            "run_over_pdf": run_edition / run_print,
        }
    return out


def throughput(pdf: Path, copies: int, work: Path, jobs: int = 2) -> dict[str, float]:
    """``run -j 2 --engine pdfium`` over copies of the report (no cache: every copy is read), as one process."""
    import pypdfium2

    folder = work / "throughput"
    folder.mkdir()
    for i in range(copies):
        shutil.copy(pdf, folder / f"report-{i:03d}.pdf")
    doc = pypdfium2.PdfDocument(str(pdf))
    pages = len(doc) * copies
    doc.close()
    command = [sys.executable, "-m", "pipeline", "run", str(folder), "-j", str(jobs), "--engine", "pdfium", "--no-cache", "--out", str(work / "out-throughput")]
    seconds = process_seconds(command)
    return {"copies": copies, "jobs": jobs, "pages": pages, "seconds": seconds, "pages_per_second": pages / seconds}


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor(pdf: Path) -> None:
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            page.extract_words(extra_attrs=["fontname", "size"])


def pdfium_text(pdf: Path) -> None:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in doc:
            page.get_textpage().get_text_range()
    finally:
        doc.close()


def peak_rss_mb(pdf: Path, out: Path) -> float:
    """Maximum resident size of a fresh process that runs the pipeline once."""
    pid = os.fork()
    if pid == 0:  # child: a cold run, then report our own peak through the exit path
        run_one(pdf, out, load_profile())
        os._exit(0)
    os.waitpid(pid, 0)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def scaling(pdf: Path, copies: int, work: Path) -> dict[str, float]:
    folder = work / "copies"
    folder.mkdir()
    for i in range(copies):
        shutil.copy(pdf, folder / f"report-{i:03d}.pdf")
    pdfs = sorted(folder.iterdir())
    timings = {}
    for workers, processes, name in ((1, 1, "j1"), (2, 1, "j2"), (1, None, "j1_pages_in_processes")):
        out = work / f"out-{name}"
        start = time.perf_counter()
        results = run_jobs([Job(p, out, processes=processes) for p in pdfs], workers=workers, limits=Limits(timeout=600))
        timings[f"{name}_seconds"] = time.perf_counter() - start
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        peaks = [r.peak_rss_mb for r in results if r.peak_rss_mb]
        timings[f"{name}_worker_peak_mb"] = {"min": min(peaks), "median": statistics.median(peaks), "max": max(peaks)}
    timings["speedup_j2"] = timings["j1_seconds"] / timings["j2_seconds"]
    timings["speedup_j1_pages_in_processes"] = timings["j1_seconds"] / timings["j1_pages_in_processes_seconds"]
    timings["copies"] = copies
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20, help="PDFs in the scaling run (0 skips it)")
    parser.add_argument("--process-runs", type=int, default=5, help="rounds of whole processes (floor, run, run --engine pdfium)")
    parser.add_argument("--throughput-copies", type=int, default=200, help="copies in the -j 2 PDFium throughput run (0 skips it)")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench.json")
    args = parser.parse_args()
    profile = load_profile()

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        rss = peak_rss_mb(args.pdf, work / "rss")  # first: the peak is that of every child waited for so far
        processes = whole_processes(args.pdf, args.process_runs, work)
        rate = throughput(args.pdf, args.throughput_copies, work) if args.throughput_copies else {}
        floor(args.pdf)  # warm the imports and the file cache
        t_floor = median_time(lambda: floor(args.pdf), args.runs)
        t_cold = median_time(lambda: run_one(args.pdf, work / "cold", profile), args.runs)
        cache = StageCache(work / "cache")
        run_one(args.pdf, work / "warm", profile, cache=cache)
        t_warm = median_time(lambda: run_one(args.pdf, work / "warm", profile, cache=cache), args.runs)
        t_pdfium = median_time(lambda: pdfium_text(args.pdf), args.runs)
        scale = scaling(args.pdf, args.copies, work) if args.copies else {}
        edition_times = editions(args.runs, args.process_runs, work)

    result = {
        "pdf": args.pdf.name,
        "processes": {
            "runs": args.process_runs,
            "seconds": processes,
            "ratios": {"run_over_floor": processes["run"] / processes["floor"], "pdfium_run_over_floor": processes["pdfium_run"] / processes["floor"]},
            "throughput": rate,
        },
        "runs": args.runs,
        "seconds": {"floor": t_floor, "cold": t_cold, "warm": t_warm, "pdfium": t_pdfium},
        "ratios": {
            "cold_over_floor": t_cold / t_floor,
            "warm_over_cold": t_warm / t_cold,
            "pdfium_over_floor": t_pdfium / t_floor,
        },
        "peak_rss_mb": rss,
        "scaling": scale,
        "editions": edition_times,
        "targets": TARGETS,
    }
    checks = {
        "run_over_floor": result["processes"]["ratios"]["run_over_floor"] <= TARGETS["run_over_floor"],
        "pdfium_run_over_floor": result["processes"]["ratios"]["pdfium_run_over_floor"] <= TARGETS["pdfium_run_over_floor"],
        "cold_over_floor": result["ratios"]["cold_over_floor"] <= TARGETS["cold_over_floor"],
        "warm_over_cold": result["ratios"]["warm_over_cold"] <= TARGETS["warm_over_cold"],
        "peak_rss_mb": rss <= TARGETS["peak_rss_mb"],
    }
    if scale:
        checks["speedup_j2"] = scale["speedup_j2"] >= TARGETS["speedup_j2"]
    result["met"] = checks

    print(f"{'whole processes (median of ' + str(args.process_runs) + ')':<34}{'seconds':>10}")
    for name, label in (("floor", "(A) pdfplumber floor"), ("run", "(B) run"), ("pdfium_run", "(C) run --engine pdfium")):
        print(f"{label:<34}{processes[name]:>10.3f}")
    ratios = result["processes"]["ratios"]
    print(f"(B)/(A) run over floor      {ratios['run_over_floor']:.2f}   target ≤ {TARGETS['run_over_floor']}")
    print(f"(C)/(A) pdfium over floor   {ratios['pdfium_run_over_floor']:.2f}   target ≤ {TARGETS['pdfium_run_over_floor']}")
    if rate:
        print(f"{rate['copies']} copies, -j {rate['jobs']}, --engine pdfium: {rate['seconds']:.1f} s, {rate['pages_per_second']:.0f} pages/s")
    print()
    print(f"{'in this process':<34}{'seconds':>10}")
    for name, label in (
        ("floor", "(a) pdfplumber floor"),
        ("cold", "(b) pipeline, cold"),
        ("warm", "(c) pipeline, warm (cache)"),
        ("pdfium", "(d) pypdfium2 plain text"),
    ):
        print(f"{label:<34}{result['seconds'][name]:>10.3f}")
    print()
    print(f"(b)/(a) cold over floor     {result['ratios']['cold_over_floor']:.2f}   target ≤ {TARGETS['cold_over_floor']}")
    print(f"(c)/(b) warm over cold      {result['ratios']['warm_over_cold']:.3f}  target ≤ {TARGETS['warm_over_cold']}")
    print(f"(d)/(a) pdfium over floor   {result['ratios']['pdfium_over_floor']:.3f}")
    print(f"peak memory (cold run)      {rss:.0f} MB   target < {TARGETS['peak_rss_mb']:.0f} MB")
    if scale:
        print(
            f"{scale['copies']} copies: -j 1 {scale['j1_seconds']:.1f} s, -j 2 {scale['j2_seconds']:.1f} s, speed-up {scale['speedup_j2']:.2f}×   target ≥ {TARGETS['speedup_j2']}"
        )
        for name, label in (("j1", "-j 1"), ("j2", "-j 2")):
            peak = scale[f"{name}_worker_peak_mb"]
            print(f"  {label}: peak memory per worker min {peak['min']:.0f}, median {peak['median']:.0f}, max {peak['max']:.0f} MB")
        print(
            f"  -j 1 with each PDF's pages across the idle cores (a run's default): {scale['j1_pages_in_processes_seconds']:.1f} s,"
            f" {scale['speedup_j1_pages_in_processes']:.2f}× faster than with its pages in one process"
        )
    print()
    for kind, t in edition_times.items():
        edition, pdf = EDITIONS[kind]
        print(
            f"{kind} edition ({edition.name} against {pdf.name}): read {t['read_edition']:.3f} s against {t['read_pdf']:.3f} s"
            f" ({t['read_over_pdf']:.2f}×); run {t['run_edition']:.2f} s against {t['run_pdf']:.2f} s ({t['run_over_pdf']:.2f}×)"
        )
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in checks.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
