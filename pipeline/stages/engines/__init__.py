"""Extraction engines: what reads a PDF's pages into a :class:`~pipeline.stages.engines.words.RawPdf`.

Everything after the ``RawPdf`` (the furniture, footnotes, markers, hyphens and every
stage) is the same whichever engine read the PDF, so two engines that give the same
``RawPdf`` give the same outputs.

- ``pdfplumber`` (the default and the reference): pdfminer's pure-Python parser, inside
  the guards of :mod:`pipeline.stages.guards`; :mod:`pipeline.stages.engines.pdfplumber`; every engine is read through :func:`pipeline.stages.engines.read.read_pdf`.
- ``pdfium``: PDFium's text page (``pypdfium2``), two to three times as fast, giving the same
  words, boxes (within rounding), fonts, colours and links;
  :func:`pipeline.stages.engines.pdfium.read_pdf`. The PDF's structure is read by the
  reference's parser, so every documented error is the reference's own; what PDFium
  cannot read, the reference reads (:func:`pipeline.stages.engines.read.read_pdf`).
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.errors import UsageError

ENGINES = ("pdfplumber", "pdfium")
DEFAULT_ENGINE = "pdfplumber"
REFERENCE = "pdfplumber"  # the engine whose reading the others are compared with and fall back to


def preload(names: Iterable[str]) -> None:
    """Import the engines' modules now, before workers or page readers are forked, so that
    each of them does not import them again (PDFium's: a fortieth of a second)."""
    if "pdfium" in names:
        import pipeline.stages.engines.pdfium  # noqa: F401


def check_engine(name: str) -> str:
    """The engine's name, if it is one."""
    if name not in ENGINES:
        raise UsageError(f"no extraction engine {name!r}; choose one of {', '.join(ENGINES)}")
    return name
