"""``make corpus``: the pipeline on public PDFs that no one here wrote (issue 14).

The source distributions of pypdf and pikepdf (pinned below) are downloaded once from
PyPI with ``pip download --no-binary :all: --no-deps`` into ``build/corpus/sdists/``;
every PDF in them (their test resources: forms, LaTeX and LibreOffice output,
scans, encrypted files, fuzzing finds) is copied to ``build/corpus/pdfs/`` as
``<project>--<path in the sdist, / as -->``. Then the pipeline runs as a new user
would run it:

1. each PDF on its own (``python -m pipeline run FILE``), two at a time: one row per
   file with its outcome, exit code and seconds, and what PDFium makes of it;
2. all of them in one ``python -m pipeline run DIR -j 2``: the same verdicts, one line
   per failed PDF, the highest exit code;
3. the encrypted PDFs again, with the password their project's own tests open them
   with, given in ``PIPELINE_PDF_PASSWORD``: each must open, and no password may show
   up in the output.

It fails (exit code 1) on an exit 7 (an unexpected failure or a crash), a traceback,
a hang past the time limit, a "damaged" verdict on a PDF whose every page PDFium
loads and reads text from, a verdict that differs between steps 1 and 2, or a
known password that does not open its PDF or is written out. Nothing here is part
of ``make test``; only this tool downloads anything.

    python -m tools.corpus [--jobs 2] [--timeout 120] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cli import PASSWORD_ENV
from pipeline.errors import DamagedPDFError, PipelineError, error_classes

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "corpus"
SDISTS = {"pypdf": "7.1.1", "pikepdf": "10.18.0"}  # their test resources: about 130 PDFs

# The user passwords of the encrypted files, as the projects' own tests open them
# (pypdf: tests/test_encryption.py, test_reader.py, bench.py; pikepdf: tests/test_pdf.py).
PASSWORDS = {
    "pypdf--resources--encryption--r2-user-password.pdf": "asdfzxcv",
    "pypdf--resources--encryption--r3-user-password.pdf": "asdfzxcv",
    "pypdf--resources--encryption--r4-user-password.pdf": "asdfzxcv",
    "pypdf--resources--encryption--r4-aes-user-password.pdf": "asdfzxcv",
    "pypdf--resources--encryption--r6-both-passwords.pdf": "foo",
    "pypdf--resources--encryption--r6-cleartext-metadata.pdf": "foo",
    "pypdf--resources--crazyones-encrypted-256.pdf": "password",
    "pypdf--resources--encrypted-file.pdf": "test",
    "pypdf--resources--libreoffice-writer-password.pdf": "openpassword",
    "pikepdf--tests--resources--graph-encrypted.pdf": "owner",  # its owner password (AES-256, /O and /U padded)
}

ERROR_LINE = re.compile(r"^error: (?P<file>.+?\.pdf): (?P<message>.*)$", re.I)
OK_LINE = re.compile(r"^(?P<file>.+?\.pdf): (?P<tiltak>\d+) tiltak → ", re.I)


@dataclass
class Row:
    """One PDF of the corpus and what became of it."""

    path: Path
    code: int | None = None  # None: the run itself never ended
    outcome: str = ""  # "processed (N tiltak)" or the error's reason
    line: str = ""
    seconds: float = 0.0
    traceback: bool = False
    pdfium: str = ""
    pdfium_reads_all: bool = False
    folder_code: int | None = None  # the verdict of the run over the whole folder
    problems: list[str] = field(default_factory=list)


# --- fetching -------------------------------------------------------------------------------------


def fetch() -> list[Path]:
    """The sdists (downloaded once) and the PDFs in them, copied to build/corpus/pdfs/."""
    sdists = BUILD / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)
    for name, version in SDISTS.items():
        if not (sdists / f"{name}-{version}.tar.gz").is_file():
            pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps", "-d", str(sdists), f"{name}=={version}"]
            subprocess.run(pip, check=True)
    pdfs = BUILD / "pdfs"
    pdfs.mkdir(exist_ok=True)
    found: list[Path] = []
    for name, version in SDISTS.items():
        with tarfile.open(sdists / f"{name}-{version}.tar.gz") as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.lower().endswith(".pdf"):
                    inner = member.name.split("/", 1)[1]  # without the sdist's own top folder
                    target = pdfs / f"{name}--{inner.replace('/', '--').replace(' ', '_')}"
                    if not target.is_file():
                        target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                    found.append(target)
    return sorted(found)


# --- the referee: PDFium --------------------------------------------------------------------------------

PDFIUM_CHECK = """
import json, sys
import pypdfium2 as pdfium
try:
    doc = pdfium.PdfDocument(sys.argv[1], password=sys.argv[2] or None)
except Exception as exc:
    print(json.dumps({"loads": False, "why": str(exc)}))
    raise SystemExit
pages, loaded, texts = len(doc), 0, 0
for i in range(pages):
    try:
        page = doc[i]
        loaded += 1
        texts += bool(page.get_textpage().get_text_range().strip())
    except Exception:
        pass
print(json.dumps({"loads": True, "pages": pages, "loaded": loaded, "with_text": texts}))
"""


def pdfium(path: Path, password: str = "") -> tuple[str, bool]:
    """What PDFium makes of a PDF (in a process of its own), and whether it reads text from every page."""
    try:
        done = subprocess.run([sys.executable, "-c", PDFIUM_CHECK, str(path), password], capture_output=True, text=True, timeout=60)
        seen = json.loads(done.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError):
        return "PDFium crashes or hangs", False
    if not seen["loads"]:
        why = "needs a password" if "password" in seen["why"].lower() else "does not load"
        return f"PDFium: {why}", False
    pages, loaded, with_text = seen["pages"], seen["loaded"], seen["with_text"]
    unloaded = f" ({pages - loaded} {'does' if pages - loaded == 1 else 'do'} not load)" if loaded < pages else ""
    return f"PDFium: text on {with_text} of {pages} pages{unloaded}", pages > 0 and with_text == pages


# --- running the pipeline ------------------------------------------------------------------------------------


def reason_of(message: str) -> str:
    """The documented error a message is a line of (its reason), or the message itself."""
    reasons = [c.reason for c in error_classes() if message.startswith(c.reason + ":") or message == c.reason]
    return max(reasons, key=len) if reasons else message


def code_of(reason: str) -> int | None:
    return next((c.exit_code for c in error_classes() if c.reason == reason), None)


def pipeline(args: list[str], timeout: float, env: dict[str, str] | None = None) -> tuple[int | None, str, str, float]:
    started = time.monotonic()
    environment = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV} | (env or {})
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=environment
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        return None, out, err, time.monotonic() - started
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


def run_one(row: Row, out: Path, limit: float) -> Row:
    code, stdout, stderr, row.seconds = pipeline(
        [str(row.path), "--out", str(out / row.path.stem), "--no-cache", "--timeout", f"{limit:g}"], limit + 60
    )
    row.code = code
    row.traceback = "Traceback" in stdout + stderr
    errors = [m for m in map(ERROR_LINE.match, stderr.splitlines()) if m]
    oks = [m for m in map(OK_LINE.match, stdout.splitlines()) if m]
    if code == 0 and oks:
        row.outcome, row.line = f"processed ({oks[0]['tiltak']} tiltak)", oks[0].group(0)
    elif errors:
        row.outcome, row.line = reason_of(errors[0]["message"]), errors[0]["message"]
    else:
        row.outcome = "no verdict" if code is not None else "never ended"
    row.pdfium, row.pdfium_reads_all = pdfium(row.path)
    return row


def judge(row: Row) -> list[str]:
    """What is wrong with a row, by the rules of issue 14."""
    problems = []
    if row.code is None:
        problems.append("hang: the run never ended")
    elif row.code == 7:
        problems.append("exit 7: an unexpected failure or a crash")
    elif row.code == 8:
        problems.append("hang past the time limit")
    if row.traceback:
        problems.append("a traceback")
    if row.outcome == DamagedPDFError.reason and row.pdfium_reads_all:
        problems.append("called damaged, but PDFium loads every page and reads text from it")
    if row.folder_code is not None and row.code is not None and row.folder_code != row.code:
        problems.append(f"exit {row.folder_code} in the folder run, {row.code} alone")
    return problems


def folder_run(rows: list[Row], folder: Path, out: Path, jobs: int, limit: float) -> tuple[int | None, str, float]:
    """Every PDF of the folder in one run; each row learns its verdict there."""
    code, stdout, stderr, seconds = pipeline(
        [str(folder), "-j", str(jobs), "--out", str(out), "--no-cache", "--timeout", f"{limit:g}"], len(rows) * limit
    )
    verdicts: dict[str, int | None] = {m["file"]: 0 for m in map(OK_LINE.match, stdout.splitlines()) if m}
    for m in map(ERROR_LINE.match, stderr.splitlines()):
        if m:
            verdicts[m["file"]] = code_of(reason_of(m["message"]))
    for row in rows:
        row.folder_code = verdicts.get(str(row.path), -1)
    tail = [ln for ln in stderr.splitlines() if ln.strip()][-1:] or [""]
    problems = []
    if "Traceback" in stdout + stderr:
        problems.append("a traceback")
    failed = [r for r in rows if r.folder_code]
    expected_tail = f"{len(failed)} of {len(rows)} {'PDF' if len(rows) == 1 else 'PDFs'} could not be processed."
    if failed and tail[0] != expected_tail:
        problems.append(f"its last line is {tail[0]!r}, not {expected_tail!r}")
    highest = max((r.folder_code or 0 for r in rows), default=0)
    if code != highest:
        problems.append(f"it ended with exit {code}, not the highest code {highest}")
    return code, "; ".join(problems), seconds


def password_runs(paths: list[Path], out: Path, jobs: int, limit: float) -> list[tuple[Path, str, str, list[str]]]:
    """The encrypted PDFs again, each group with its password (in the environment, never on the command line)."""
    results = []
    groups: dict[str, list[Path]] = {}
    for p in paths:
        if p.name in PASSWORDS:
            groups.setdefault(PASSWORDS[p.name], []).append(p)
    for password, group in sorted(groups.items()):
        target = out / f"group-{len(results)}"
        code, stdout, stderr, _ = pipeline(
            [*map(str, group), "-j", str(jobs), "--out", str(target), "--timeout", f"{limit:g}"], len(group) * limit, {PASSWORD_ENV: password}
        )
        without_paths = stdout + stderr
        for p in group:
            without_paths = without_paths.replace(str(p), "")
        without_paths = without_paths.replace(str(target), "")
        leaked = [str(f) for f in target.rglob("*") if f.is_file() and password.encode() in f.read_bytes()]
        vocabulary = " ".join(f"{c.reason} {c.remedy}" for c in error_classes())  # "password" is a word of our own messages
        if password not in vocabulary and password in without_paths:
            leaked.append("the run's output")
        lines = {m["file"]: (f"processed ({m['tiltak']} tiltak)", 0) for m in map(OK_LINE.match, stdout.splitlines()) if m}
        for m in map(ERROR_LINE.match, stderr.splitlines()):
            if m:
                lines[m["file"]] = (reason_of(m["message"]), code_of(reason_of(m["message"])) or -1)
        for p in group:
            outcome, exit_code = lines.get(str(p), ("no verdict", -1))
            problems = [f"its password does not open it (exit {exit_code})"] if exit_code in (4, -1) or code is None else []
            problems += [f"the password is written to {where}" for where in leaked]
            results.append((p, outcome, str(exit_code), problems))
    return results


# --- the report --------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| File | Outcome | Exit | Seconds | PDFium | Problem |", "|---|---|---:|---:|---|---|"]
    for r in rows:
        code = "—" if r.code is None else str(r.code)
        lines.append(f"| {r.path.name} | {r.outcome} | {code} | {r.seconds:.1f} | {r.pdfium.removeprefix('PDFium: ')} | {'; '.join(r.problems)} |")
    return "\n".join(lines)


def summary(rows: list[Row], seconds: float, opened: int, known: int) -> str:
    classes = Counter(re.sub(r" \(\d+ tiltak\)$", "", r.outcome) for r in rows)
    by_source = ", ".join(f"{name} {version}: {sum(r.path.name.startswith(name + '--') for r in rows)}" for name, version in SDISTS.items())
    damaged = [r for r in rows if r.outcome == DamagedPDFError.reason]
    damaged_but_read = sum(r.pdfium_reads_all for r in damaged)
    return (
        f"corpus: {len(rows)} PDFs ({by_source}) in {seconds:.0f} s; "
        + ", ".join(f"{n} {c}" for c, n in classes.most_common())
        + f"; exit 7: {sum(r.code == 7 for r in rows)}, tracebacks: {sum(r.traceback for r in rows)}, "
        f"hangs: {sum(r.code is None or r.code == 8 for r in rows)}, "
        f"damaged PDFs whose every page PDFium loads and reads text from: {damaged_but_read} of {len(damaged)}; "
        f"encrypted with a known user password: {known}, opened with it: {opened}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="PDFs at once (default 2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one PDF may take (the pipeline's default: 120)")
    parser.add_argument("--only", default="", help="only the PDFs whose name contains this")
    args = parser.parse_args(argv)
    started = time.monotonic()
    paths = [p for p in fetch() if args.only in p.name]
    out = BUILD / "out"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    rows = [Row(p) for p in paths]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(pool.map(lambda r: run_one(r, out / "single", args.timeout), rows))
    folder = BUILD / "pdfs"
    if args.only:  # a folder of just these, for the folder run
        folder = BUILD / "only"
        subprocess.run(["rm", "-rf", str(folder)], check=True)
        folder.mkdir()
        for p in paths:
            (folder / p.name).symlink_to(p)
        rows = [Row(folder / r.path.name, r.code, r.outcome, r.line, r.seconds, r.traceback, r.pdfium, r.pdfium_reads_all) for r in rows]
    code, folder_problems, folder_seconds = folder_run(rows, folder, out / "all", args.jobs, args.timeout)
    for r in rows:
        r.problems = judge(r)
    passwords = password_runs([r.path for r in rows], out / "passwords", args.jobs, args.timeout)
    print(table(rows))
    print()
    print("| Encrypted PDF, with its project's password | Outcome | Exit | Problem |\n|---|---|---:|---|")
    for p, outcome, exit_code, problems in passwords:
        print(f"| {p.name} | {outcome} | {exit_code} | {'; '.join(problems)} |")
    print()
    print(
        f"The folder run (`python -m pipeline run {folder.relative_to(ROOT)} -j {args.jobs}`): exit {code} in {folder_seconds:.0f} s{'; ' + folder_problems if folder_problems else ''}"
    )
    opened = sum(not problems for _, _, _, problems in passwords)
    line = summary(rows, time.monotonic() - started, opened, len(passwords))
    failures = [f"{r.path.name}: {p}" for r in rows for p in r.problems]
    failures += [f"{p.name}: {q}" for p, _, _, problems in passwords for q in problems]
    failures += [f"the folder run: {folder_problems}"] if folder_problems else []
    print(line + (" — passed" if not failures else f" — FAILED ({len(failures)})"))
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except PipelineError as exc:  # pragma: no cover
        print(f"error: {exc.one_line()}", file=sys.stderr)
        sys.exit(exc.exit_code)
