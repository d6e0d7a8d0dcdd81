"""One PDF's pages read in several processes give what one process reads (issue 13)."""

from __future__ import annotations

import os
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.findings import finding
from pipeline.model import Line, PageInfo
from pipeline.run.runner import process_pdf
from pipeline.run.workers import Job, run_jobs
from pipeline.stages.engines.parts import Share, joined, read_in_processes, spare_cores
from pipeline.stages.extract import RawPdf, read_pdf

from .corpus import CASES, FONT, _flip_middle, page, pdf_file, refs, stream
from .helpers import MATRIX, ROOT, SHIPPED_PDF, raw_of
from .test_fuzz import BASE as FUZZ_BASE
from .test_fuzz import FUZZ_LIMITS, mutate, mutation
from .test_hostile import folder_bytes

PART_FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
pytestmark = pytest.mark.slow  # every fixture × engine × processes: make test-all

FIXTURES = sorted({*ROOT.glob("raw_pdfs/*.pdf"), *(ROOT / "tests" / "pdfs").glob("*.pdf"), *MATRIX.glob("*.pdf")})


def no_children_left() -> bool:
    try:
        return os.waitpid(-1, os.WNOHANG) == (0, 0)  # children, none finished (never: we wait for ours)
    except ChildProcessError:
        return True


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_two_processes_read_what_one_reads(pdf, engine):
    alone = raw_of(pdf) if engine == "pdfplumber" else read_pdf(pdf, engine=engine)
    assert read_pdf(pdf, engine=engine, processes=2) == alone
    assert no_children_left()


def test_more_processes_than_two_and_than_pages():
    alone = read_pdf(SHIPPED_PDF, engine="pdfium")
    assert read_pdf(SHIPPED_PDF, engine="pdfium", processes=3) == alone
    assert read_pdf(SHIPPED_PDF, engine="pdfium", processes=len(alone.pages) + 2) == alone  # some read no page


def test_a_reader_that_dies_costs_only_time():
    from pipeline.stages.engines import pdfium

    parent = os.getpid()

    def read(share: Share) -> RawPdf:
        if os.getpid() != parent:
            os._exit(3)  # as a crash in PDFium would end it
        return pdfium.read_pdf(SHIPPED_PDF, None, None, share)

    assert read_in_processes(read, 2) == read_pdf(SHIPPED_PDF, engine="pdfium")
    assert no_children_left()


def test_pages_are_claimed_once_each_in_order_and_the_answers_kept():
    claims, numbers = os.pipe()
    os.write(numbers, b"".join(n.to_bytes(4, "little") for n in range(1, 6)))
    os.close(numbers)
    first, other = Share(claims), Share(claims, first=False)
    mine: dict[int, str] = {}
    for number in range(1, 9):  # the two ask in turn, as two processes reading at the same pace would
        for name, share in (("first", first), ("other", other)) if number % 2 else (("other", other), ("first", first)):
            if share.has(number):
                assert number not in mine
                mine[number] = name
    os.close(claims)
    assert sorted(mine) == list(range(1, 9))  # every page read, once
    assert all(mine[n] == "first" for n in (6, 7, 8))  # after the last number in the pipe: the first share
    assert [first.has(n) for n in range(1, 9)] == [mine[n] == "first" for n in range(1, 9)]  # asked again: the same


def test_a_share_that_claims_nothing_leaves_every_page_to_the_others():
    claims, numbers = os.pipe()
    os.write(numbers, b"".join(n.to_bytes(4, "little") for n in range(1, 4)))
    os.close(numbers)
    Share(claims, first=False)  # a reader that never gets to its pages
    fast = Share(claims)
    assert all(fast.has(n) for n in range(1, 7))
    os.close(claims)


def test_an_error_is_the_one_reading_in_one_process_gives(tmp_path):
    bad = tmp_path / "not-a-pdf.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n")
    with pytest.raises(Exception) as alone:
        read_pdf(bad)
    with pytest.raises(Exception) as parted:
        read_pdf(bad, processes=2)
    assert type(parted.value) is type(alone.value) and str(parted.value) == str(alone.value)
    assert no_children_left()


def test_parts_are_joined_in_page_order():
    def part(numbers: list[int], with_opening: bool) -> RawPdf:
        findings = [finding("damaged_stream", variant="before_pages", page=None, damage="x")] if with_opening else []
        findings += [finding("links_unreadable", page=n, reason=f"r{n}") for n in numbers]
        lines = tuple((Line(page=n, x0=0, top=0, x1=1, bottom=1, size=10, words=()),) for n in numbers)
        return RawPdf("a.pdf", "/a.pdf", "0", tuple(PageInfo(n, 1.0, 1.0) for n in numbers), lines, (), {}, tuple(findings), reference_pages=tuple(numbers[:1]))

    whole = joined([part([1, 3, 5], True), part([2, 4], False)])
    assert [p.number for p in whole.pages] == [1, 2, 3, 4, 5]
    assert [lines[0].page for lines in whole.page_lines] == [1, 2, 3, 4, 5]
    assert [f.page for f in whole.findings] == [None, 1, 2, 3, 4, 5]
    assert whole.reference_pages == (1, 2)


def test_the_spare_cores_are_shared_among_the_pdfs_read_at_once():
    assert spare_cores(1) >= 1
    assert spare_cores(1) >= spare_cores(2) >= spare_cores(10_000) == 1


def test_a_worker_reads_one_pdf_in_the_cores_it_has_and_writes_the_same(tmp_path):
    run_jobs([Job(SHIPPED_PDF, tmp_path / "workers", engine="pdfium")], workers=1)
    _, files = process_pdf(SHIPPED_PDF, engine="pdfium")
    written = folder_bytes(tmp_path / "workers" / SHIPPED_PDF.stem)
    assert set(written) == set(files)
    assert all(written[name] == files[name] for name in files if not name.startswith("stages/") and name != "manifest.json")
    assert all(written[name] == files[name] for name in files if name.startswith("stages/")), "the stage files name the same PDF"


def outcome(pdf: Path, engine: str, processes: int) -> RawPdf | tuple[str, str]:
    try:
        return read_pdf(pdf, engine=engine, processes=processes)
    except Exception as exc:  # the documented errors: the same class and message either way
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("case", [name for name, case in CASES.items() if case.code or case.finding or "annotation" in name])
def test_the_hostile_corpus_reads_the_same_in_two_processes(hostile_corpus, case, engine):
    """Damage found on one page can matter for another (a damaged stream two pages share is
    reported where it is first read): the same data, findings and errors either way."""
    assert outcome(hostile_corpus[case], engine, 2) == outcome(hostile_corpus[case], engine, 1)
    assert no_children_left()


def shared_damaged_stream(folder: Path) -> Path:
    """Four pages that print one content stream, damaged in its middle: the damage is found on
    the first page that reads it, and the pages after it use what was decoded."""
    text = b"".join(b"BT /F1 11 Tf 72 %d Td (Linje %d av en side) Tj ET\n" % (770 - 14 * i, i) for i in range(40))
    kids = (5, 6, 7, 8)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs(kids), len(kids)),
        3: FONT,
        4: stream(_flip_middle(zlib.compress(text)), b"/Filter /FlateDecode "),
        **{kid: page(2, 4, 3) for kid in kids},
    }
    path = folder / "shared-damaged-stream.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_damaged_stream_pages_share_is_found_where_one_process_finds_it(tmp_path, engine):
    pdf = shared_damaged_stream(tmp_path)
    alone = outcome(pdf, engine, 1)
    assert isinstance(alone, RawPdf) and [f.code for f in alone.findings] == ["damaged_stream"]  # on the first page only
    assert outcome(pdf, engine, 2) == alone


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@settings(max_examples=PART_FUZZ_EXAMPLES, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(mutations=st.lists(mutation(), min_size=1, max_size=3))
def test_a_mutated_report_reads_the_same_in_two_processes(engine, mutations):
    """The fuzzer's mutations of the report (tests/test_fuzz.py), each run in a worker that reads
    its pages in one process and in one that reads them in two: the same files, or the same error."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "fuzzed.pdf"
        pdf.write_bytes(mutate(FUZZ_BASE, mutations))
        jobs = [Job(pdf, Path(tmp) / f"in-{n}", engine=engine, processes=n) for n in (1, 2)]
        one, two = run_jobs(jobs, workers=2, limits=FUZZ_LIMITS)
        assert (one.ok, one.error.one_line() if one.error else "") == (two.ok, two.error.one_line() if two.error else "")
        if one.ok:
            assert folder_bytes(Path(tmp) / "in-1" / "fuzzed") == folder_bytes(Path(tmp) / "in-2" / "fuzzed")


def test_page_processes_on_the_command_line(tmp_path, cli):
    runs = {n: cli("run", str(SHIPPED_PDF), "--out", str(tmp_path / f"p{n}"), "--engine", "pdfium", "--page-processes", n, "--no-cache") for n in ("1", "2")}
    assert all(r.returncode == 0 for r in runs.values()), [r.stderr for r in runs.values()]
    one, two = (folder_bytes(tmp_path / f"p{n}" / SHIPPED_PDF.stem) for n in ("1", "2"))
    assert one == two
    refused = cli("run", str(SHIPPED_PDF), "--out", str(tmp_path / "p0"), "--page-processes", "0")
    assert refused.returncode == 2 and "--page-processes" in refused.stderr and "at least 1" in refused.stderr


class _AllBut(Share):
    """A share of every page but one (what another process reads)."""

    def __init__(self, skipped: int) -> None:
        super().__init__()
        self.skipped = skipped

    def has(self, number: int) -> bool:
        return number != self.skipped


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_page_that_cannot_be_read_fails_as_that_page_in_every_process(tmp_path, engine):
    """Page 2's dictionary is broken: whichever process reads it, and whichever skips it, the error
    is the one reading the PDF in one process gives."""
    from pipeline.stages.engines.read import _read_share

    kids = (5, 6, 7)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs(kids), len(kids)),
        3: FONT,
        4: stream(b"BT /F1 11 Tf 72 770 Td (Side) Tj ET"),
        **{kid: page(2, 4, 3) for kid in kids},
    }
    objects[6] = objects[6].replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate (x)")
    pdf = tmp_path / "broken-page.pdf"
    pdf.write_bytes(pdf_file(objects, 1))
    alone = outcome(pdf, engine, 1)
    assert alone[0] == "DamagedPDFError" and "page 2" in alone[1]
    with pytest.raises(Exception) as skipping:
        _read_share(pdf, None, None, engine, _AllBut(2))
    assert (type(skipping.value).__name__, str(skipping.value)) == alone
    assert outcome(pdf, engine, 2) == alone
