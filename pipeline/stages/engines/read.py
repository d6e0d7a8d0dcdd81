"""Reading a PDF by the engine asked for, in as many processes as asked.

:func:`read_pdf` is the one entry to the engines: it checks the engine's name, reads
the pages (in several processes with :mod:`pipeline.stages.engines.parts`) and falls
back to the reference where PDFium cannot read.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from pipeline.findings import finding
from pipeline.stages import guards
from pipeline.stages.engines import check_engine, preload
from pipeline.stages.engines import pdfplumber as reference
from pipeline.stages.engines.parts import Share, read_in_processes
from pipeline.stages.engines.words import RawPdf, with_moved_initials
from pipeline.stages.guards import hardened_pdfminer

log = logging.getLogger(__name__)


def read_pdf(path: Path, max_pages: int | None = None, *, password: str | None = None, engine: str = "pdfplumber", processes: int = 1) -> RawPdf:
    """Read every page of a PDF once: words, lines and link annotations.

    ``max_pages`` (default: ``guards.MAX_PAGES``; 0 for none) refuses longer
    PDFs before any page is read. ``password`` opens an encrypted PDF; it is used
    for nothing else and kept nowhere. ``engine`` reads the pages (see
    :mod:`pipeline.stages.engines`): "pdfplumber", the reference, or "pdfium", which
    gives the same ``RawPdf`` faster; what PDFium cannot read, the reference reads
    (``RawPdf.engine`` says which did). With ``processes`` > 1, the pages are read in
    that many processes (:mod:`pipeline.stages.engines.parts`): the same ``RawPdf``, sooner
    where cores are idle.
    """
    limit = guards.MAX_PAGES if max_pages is None else max_pages
    preload([check_engine(engine)])
    raw = said_of_order(read_in_processes(lambda share: _read_share(Path(path), limit, password, engine, share), processes))
    raw = replace(raw, page_lines=with_moved_initials(raw.page_lines))
    if log.isEnabledFor(logging.INFO):
        log.info("%s: %d pages read by %s in %d %s%s", Path(path).name, len(raw.pages), raw.engine, processes, "process" if processes == 1 else "processes", _reference_said(raw))
    return raw


def said_of_order(raw: RawPdf) -> RawPdf:
    """The PDF read, with one ``reading_order_uncertain`` warning naming every page whose reading
    order is doubtful (:mod:`pipeline.stages.structure`), however many processes read its pages."""
    if not raw.doubtful_order:
        return raw
    pages = sorted({page for page, _ in raw.doubtful_order})
    for page, why in raw.doubtful_order:
        log.info("%s: page %d: the reading order is doubtful: %s", raw.source, page, why)
    said = finding(
        "reading_order_uncertain", variant="page" if len(pages) == 1 else None, page=pages[0] if len(pages) == 1 else None, pages=", ".join(map(str, pages))
    )
    return replace(raw, findings=(*raw.findings, said))


def _reference_said(raw: RawPdf) -> str:
    if not raw.reference_pages:
        return ""
    return f"; the reference read page{'s' if len(raw.reference_pages) > 1 else ''} {', '.join(map(str, raw.reference_pages))} instead"


def _read_share(path: Path, limit: int | None, password: str | None, engine: str, share: Share) -> RawPdf:
    """The pages of ``share`` as one process reads them, by ``engine`` (falling back to the reference)."""
    if engine == "pdfium":
        from pipeline.stages.engines import pdfium

        try:
            return pdfium.read_pdf(path, limit, password, share)
        except pdfium.PdfiumFailed as exc:  # the reference reads it, and raises its own error if it cannot either
            log.info("%s: PDFium cannot read it (%s); the reference reads it", path.name, exc)
    with hardened_pdfminer() as damage:
        return reference.read_pdf(path, limit, password, damage, share)
