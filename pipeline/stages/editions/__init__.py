"""Reading a report's Word and HTML editions into what the PDF engines give (issue 21).

:mod:`.blocks` is the plain model both readers parse into; :mod:`.typeset` lays it out as a
:class:`~pipeline.stages.engines.words.RawPdf`, so every stage after reading works unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.stages.editions.blocks import Edition
    from pipeline.stages.engines.words import RawPdf

WORD_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm")
EDITION_SUFFIXES = (*WORD_SUFFIXES, *HTML_SUFFIXES)  # what `run` reads beside .pdf
REFUSED_SUFFIXES = (".doc", ".docm")  # Word files never read, each refused with its own error (pipeline.errors)
EDITION_KINDS = ("docx", "html")  # what read an edition, as RawPdf.engine and the manifest's engine say


def is_edition(path: Path | str) -> bool:
    """Is the file read as an edition (by its suffix), not as a PDF? The Word files refused are, to be refused."""
    return Path(path).suffix.lower() in (*EDITION_SUFFIXES, *REFUSED_SUFFIXES)


def read_blocks(path: Path) -> Edition:
    """An edition's blocks, by the reader of its suffix (each imported when its kind is read)."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        from pipeline.stages.editions.html import read_html

        return read_html(Path(path))
    from pipeline.stages.editions.docx import read_docx  # .docx, and .doc and .docm to be refused with their reasons

    return read_docx(Path(path))


def read_edition(path: Path) -> RawPdf:
    """An edition read and typeset: what reading the PDF of the same report gives."""
    from pipeline.stages.editions.typeset import typeset

    return typeset(read_blocks(path))
