"""A marked-up edition of a report (Word, HTML) as plain blocks, before it is typeset.

The editions' readers (:mod:`.docx`, :mod:`.html`) parse their markup into these blocks, and
:mod:`.typeset` lays the blocks out into the :class:`~pipeline.stages.engines.words.RawPdf` the
PDF engines give, so that every stage after reading (furniture, notes, headings, labels, the
overview table, detection by fit and inference) reads an edition as it reads a PDF. What the markup
says (a heading's level, a run's weight and slant, a list's level, a table's cells, a note, a link)
is kept here as it is marked, never guessed; the typesetter turns it into the layout the stages
read (a heading's size and the space above it, a bullet and an indent, cells side by side).

``element`` names where a block stands in its edition, for provenance: a Word paragraph's index in
the body («p 12»), a table's cell («table 1, row 3, cell 2»), an HTML element's path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pipeline.findings import Finding


@dataclass(frozen=True)
class Run:
    """Text set in one style. ``note``: the footnote or endnote this run is the reference mark of
    (its text is the mark, e.g. «1»); ``link``: the URI of the hyperlink the run is anchor text of."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    small_caps: bool = False
    link: str = ""
    note: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, a heading (``heading`` 1–6, as marked: «Heading 2», ``<h2>``), or a list item
    (``list_level`` 0 for the first level, 1 for the second; None: no list item)."""

    runs: tuple[Run, ...]
    element: str
    heading: int = 0
    list_level: int | None = None
    ordered: bool = False  # a numbered list's item («1.», «a)»): its number is part of its runs' text

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs, and how many grid columns and rows it spans (merged cells)."""

    paragraphs: tuple[Paragraph, ...]
    element: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table's rows of cells, in the grid's order; the first ``header_rows`` rows are its header."""

    rows: tuple[tuple[Cell, ...], ...]
    element: str
    header_rows: int = 0
    widths: tuple[float, ...] = ()  # the grid's column widths as the edition gives them (any unit; empty: equal shares)


@dataclass(frozen=True)
class PageBreak:
    """A page (or section) break the edition marks."""

    element: str = ""


Block = Paragraph | Table | PageBreak


@dataclass(frozen=True)
class Note:
    """A footnote or endnote: its number (the mark the body's run cites) and its paragraphs."""

    number: int
    paragraphs: tuple[Paragraph, ...]
    element: str
    endnote: bool = False


@dataclass(frozen=True)
class Edition:
    """A report's marked-up edition, read: its blocks in reading order, its notes, and what reading
    it found to say (tracked changes read as accepted, parts skipped)."""

    source: str  # the file's name
    source_path: str
    sha256: str
    kind: str  # "docx" | "html"
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, … as the edition declares them
    findings: tuple[Finding, ...] = ()


# A bullet typed at a paragraph's start, then a space or a tab: «•», «◦», «▪», …; «o», «-» and «–» too, in an indented paragraph.
TYPED_BULLET = re.compile(r"^[ \t]*([•◦▪▫‣⁃●○■□·o\-–])[ \t\u00a0]+(?=\S)")
BULLET_GLYPHS = frozenset("•◦▪▫‣⁃●○■□·")


def typed_list_items(blocks: Iterable[Block], indents: dict[str, float]) -> list[Block]:
    """Paragraphs that start with a bullet typed by hand («•» and a tab, an indent set by hand), as many
    Word documents and web pages make their lists, read as the list items they are: the bullet dropped
    (the typesetter sets its own), the level the rank of the paragraph's indent among those of the typed
    items. A paragraph already a list item or a heading is as marked; «o» or a dash only when indented."""
    blocks = list(blocks)

    def typed(b: Block) -> re.Match[str] | None:
        if not isinstance(b, Paragraph) or b.heading or b.list_level is not None:
            return None
        m = TYPED_BULLET.match(b.text)
        return m if m and (m.group(1) in BULLET_GLYPHS or indents.get(b.element, 0.0) > 0) else None

    found = {id(b): m for b in blocks if (m := typed(b))}
    ranks = sorted({indents.get(b.element, 0.0) for b in blocks if id(b) in found})
    out: list[Block] = []
    for b in blocks:
        m = found.get(id(b))
        if m is None or not isinstance(b, Paragraph):
            out.append(b)
            continue
        out.append(replace(b, runs=without_prefix(b.runs, m.end()), list_level=ranks.index(indents.get(b.element, 0.0))))
    return out


def without_prefix(runs: tuple[Run, ...], n: int) -> tuple[Run, ...]:
    """The runs without their first ``n`` characters."""
    out: list[Run] = []
    for run in runs:
        if n >= len(run.text) and run.note is None:
            n -= len(run.text)
            continue
        out.append(replace(run, text=run.text[n:]) if n and run.note is None else run)
        n = 0
    return tuple(out)
