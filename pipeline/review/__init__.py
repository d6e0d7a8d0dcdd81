"""Visual review report: every tiltak's extracted fields beside its page images.

``build_review(output/<report_id>)`` writes ``review/index.html`` and
``review/pages/page-NNN.png``. The HTML is one file with inline CSS, an inline
SVG chart and a few lines of inline JS (the findings filter); nothing is fetched
from the network.

Page images are PNG files next to the HTML, referenced relatively
(``pages/page-006.png``), not data URIs: one page is shown in up to three
neighbouring tiltak sections, so embedding would repeat it, and the separate
files let the browser decode each page once and the images be cached across
builds. The ``review/`` folder is what one copies or zips; it needs no network.

Boxes are absolutely positioned divs over the ``<img>``, placed in percent of the
page's size in PDF points, so the image is rendered once per page, not per tiltak,
and the boxes stay right at any display size.

Everything that builds HTML is a pure function of plain data, in :mod:`pipeline.review.page`;
reading the stage files, finding the PDF, rendering and writing happen here, in
:func:`build_review`.

Nothing is written through a link. Every file the review writes (``index.html``, the
page images and ``pages/cache.json``, in ``review/`` and in the run's shared
``.cache/review-pages/``) goes through :func:`pipeline.store.write_file_atomically`:
a new file renamed over the old one, which replaces a symbolic link planted at its name
instead of writing where it points. The folders are made by
:func:`pipeline.store.real_dirs`: ``review/`` and ``review/pages/`` belong to the
review, so a link (or a file) found in their place is replaced by a real folder, never
followed out of the report's folder, and what it pointed to is left as it was. (The
report folder given, and the run's ``.cache``, are used as they are: where they live is
their owner's choice.) This covers links planted before a build, not one planted during
it by someone racing it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import EncryptedPDFError, UnexpectedError, WrongPasswordError
from pipeline.findings import Finding
from pipeline.model import Document, from_jsonable
from pipeline.review.page import PAGES_DIR, Page, page_src, pages_of, render_html
from pipeline.stages.editions import EDITION_KINDS
from pipeline.stages.fields import Tiltak
from pipeline.stages.guards import sha256_of
from pipeline.stages.overview import Overview, OverviewRow
from pipeline.store import read_stage, real_dirs, write_file_atomically

DPI = 80  # page images: 662 × 936 px for A4, sharp enough to read, ~40 kB each
REVIEW_DIR = "review"
CACHE_FILE = "cache.json"
SHARED_PAGES = "review-pages"  # under the run's .cache: page images per PDF content and resolution
SHA256 = re.compile(r"[0-9a-f]{64}")

# --- pure helpers ----------------------------------------------------------------


# --- HTML builders ---------------------------------------------------------------


# --- I/O: inputs, the source PDF, page images ------------------------------------


def find_source_pdf(source_path: str, sha256: str, search_dirs: Sequence[Path]) -> Path:
    """The PDF the stages were read from: at its recorded path, else one with its hash."""
    recorded = Path(source_path) if source_path else None
    if recorded is not None and recorded.is_file() and sha256_of(recorded) == sha256:
        return recorded
    name = recorded.name if recorded else ""
    for folder in search_dirs:
        if not folder.is_dir():
            continue
        for pdf in sorted(folder.glob("*.pdf"), key=lambda p: p.name != name):
            if sha256_of(pdf) == sha256:
                return pdf
    where = ", ".join(str(d) for d in search_dirs)
    state = "changed since the run" if recorded is not None and recorded.is_file() else "missing"
    raise UnexpectedError(f"source PDF not found: {source_path or '(no path recorded)'} is {state} and no PDF in {where} has sha256 {sha256[:12]}…")


def cached_pages(pages_dir: Path, sha256: str, dpi: int = DPI) -> set[int]:
    """Pages whose images were rendered from this PDF hash at this resolution and are still there."""
    try:
        meta = json.loads((pages_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if meta.get("sha256") != sha256 or meta.get("dpi") != dpi:
        return set()
    return {n for n in meta.get("pages", []) if (pages_dir / Path(page_src(n)).name).is_file()}


def open_for_rendering(pdf_path: Path, password: str | None = None) -> Any:
    """The source PDF opened by PDFium; an encrypted one with the password (never repeated in an error)."""
    import pypdfium2 as pdfium  # only the review needs the renderer

    try:
        return pdfium.PdfDocument(str(pdf_path), password=password)
    except pdfium.PdfiumError as exc:
        if "password" not in str(exc).lower():
            raise UnexpectedError(f"its pages cannot be rendered ({exc})") from None
        if password:
            try:
                return pdfium.PdfDocument(str(pdf_path))  # the password was for other PDFs of the run
            except pdfium.PdfiumError:
                raise WrongPasswordError("the password given does not open it") from None
        raise EncryptedPDFError("a password is needed to render its pages") from None


def render_pages(pdf_path: Path, sha256: str, numbers: Iterable[int], pages_dir: Path, dpi: int = DPI, password: str | None = None) -> list[int]:
    """Render the pages not cached for this PDF hash and resolution; return those rendered.

    The cache file records hash, resolution and pages; another PDF or resolution
    drops the old images.
    """
    have = cached_pages(pages_dir, sha256, dpi)
    missing = sorted(set(numbers) - have)
    if not missing:
        return []
    if not have:
        for old in pages_dir.glob("page-*.png"):
            old.unlink()
    pdf = open_for_rendering(pdf_path, password)
    try:
        for n in missing:
            image = pdf[n - 1].render(scale=dpi / 72).to_pil().quantize(colors=64)
            buf = io.BytesIO()
            image.save(buf, "PNG")
            write_file_atomically(pages_dir / Path(page_src(n)).name, buf.getvalue())
    finally:
        pdf.close()
    meta = {"sha256": sha256, "dpi": dpi, "pages": sorted(have | set(missing))}
    write_file_atomically(pages_dir / CACHE_FILE, (json.dumps(meta) + "\n").encode("utf-8"))
    return missing


def _source_of(report_dir: Path, extract: Mapping[str, Any]) -> tuple[str, str, str]:
    """(file name, recorded path, sha256) of the report's PDF, from manifest.json or extract.json."""
    manifest_path = report_dir / "manifest.json"
    if manifest_path.is_file():
        m = json.loads(manifest_path.read_text(encoding="utf-8"))
        return m.get("source_file", ""), m.get("source_path", ""), m["source_sha256"]
    return extract.get("source", ""), extract.get("source_path", ""), extract["sha256"]


def build_review(report_dir: Path, password: str | None = None) -> Path:
    """Write ``report_dir/review/index.html`` (and its page images); return its path."""
    report_dir = Path(report_dir)
    extract = read_stage(report_dir, "extract")["data"]
    tiltak: list[Tiltak] = from_jsonable(list[Tiltak], read_stage(report_dir, "fields")["data"])
    overview: Overview = from_jsonable(Overview, read_stage(report_dir, "overview")["data"])
    validation = report_dir / "validation.json"
    findings: list[Finding] = []
    if validation.is_file():
        findings = from_jsonable(list[Finding], json.loads(validation.read_text(encoding="utf-8"))["findings"])
    source, source_path, sha = _source_of(report_dir, extract)

    if not SHA256.fullmatch(str(sha)):  # it names a folder of the shared cache: a hash, never a path
        raise UnexpectedError(f"the report's recorded sha256 is not a SHA-256 hash: {str(sha)[:80]!r}")
    sizes = {p["number"]: (p["width"], p["height"]) for p in extract["pages"]}
    # a Word or web edition has no printed pages to show: its pages are the typesetter's, which nobody printed
    needed = [] if extract.get("engine") in EDITION_KINDS else sorted({n for t in tiltak for n in pages_of(t)} & set(sizes))
    # rendered once per PDF content into the run's cache, which outlives the report
    # folder (a run replaces that whole), then copied into review/pages/
    cache_dir = report_dir.parent / ".cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    shared = real_dirs(cache_dir, Path(SHARED_PAGES) / f"{sha}-{DPI}")
    if set(needed) - cached_pages(shared, sha):
        search = list(dict.fromkeys(p.resolve() for p in (Path("raw_pdfs"), report_dir.resolve().parent.parent / "raw_pdfs")))
        render_pages(find_source_pdf(source_path, sha, search), sha, needed, shared, password=password)
    out = real_dirs(report_dir, REVIEW_DIR)
    pages_dir = real_dirs(report_dir, Path(REVIEW_DIR) / PAGES_DIR)
    for name in [Path(page_src(n)).name for n in needed] + ([CACHE_FILE] if needed else []):
        copy = pages_dir / name
        if name == CACHE_FILE or copy.is_symlink() or not copy.is_file():
            write_file_atomically(copy, (shared / name).read_bytes())
    pages = {n: Page(n, *sizes[n], page_src(n)) for n in needed}
    rows: dict[int, OverviewRow] = {}
    for r in overview.rows:
        rows.setdefault(r.tiltak_nr, r)
    document = from_jsonable(Document, extract)
    html = render_html(report_dir.name, source, tiltak, pages, findings, rows, document.hyphens, document.dropped, overview.breaks)
    index = out / "index.html"
    write_file_atomically(index, html.encode("utf-8"))
    return index
