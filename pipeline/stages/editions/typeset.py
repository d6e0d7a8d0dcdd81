"""An edition's blocks laid out as a plain word processor lays them out, into what the PDF engines give.

Every stage after reading knows a report by its layout: a heading is larger and bold with white
above it, a list item has a bullet and an indent, a table's cells stand side by side, a note's mark
is a raised small digit glued to its word and its text stands in small type at the page's foot.
:func:`typeset` gives an edition (:mod:`.blocks`) that layout, so that the stages read it exactly as
they read the PDF of the same report, and no stage needs to know where a report came from.

The layout is a word processor's defaults and nothing more: A4 pages, 72 pt margins, Helvetica
11 pt on a leading of 1.2, ragged right, words wrapped by their real widths (the AFM metrics pdfminer
ships) and never broken or hyphenated. The words become lines by the engines' own rules
(:func:`~pipeline.stages.engines.words.lines_in_reading_order`), in the order they are set, as a
producer draws them (a table row by row, its cells one after the other).

Where each element's lines were set is kept beside them (``RawPdf.elements``: per page, the box
round an element's lines), so that provenance names the element a value was read from («p 12»,
«table 1, row 3, cell 2, p 1»), not only a page and box that nobody printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from pdfminer.fontmetrics import FONT_METRICS

from pipeline.hyphenation import SOFT_HYPHEN, ends_in_hyphen
from pipeline.model import ElementBox, Line, Link, PageInfo, Word
from pipeline.stages.editions.blocks import Block, Cell, Edition, Note, PageBreak, Paragraph, Run, Table
from pipeline.stages.engines.words import RawPdf, anchor_text, clean_glyphs, is_bold, lines_in_reading_order

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4
MARGIN = 72.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BODY_SIZE = 11.0
NOTE_SIZE = 9.0  # a footnote's type: below extract.FOOTNOTE_RATIO of the body's
LEADING = 1.2  # a line's height, in its type's size
HEADING_SIZE = {1: 16.0, 2: 13.0, 3: 12.0}  # deeper headings: the body's size, bold
HEADING_ABOVE = {1: 1.6, 2: 1.2, 3: 0.9}  # white above a heading, in ems of the body (deeper: 0.9)
HEADING_BELOW = 0.4
PARAGRAPH_BELOW = 0.6  # white after a paragraph, in ems: more than extract's half an em over the leading
ITEM_BELOW = 0.25  # between two items of one list
BULLET_INDENT, BULLET_HANG = 18.0, 18.0  # a list item's bullet from the margin (per level, twice it), its text from the bullet
BULLETS = ("•", "◦", "▪")  # by level, as a word processor's default list
SUPERSCRIPT_SIZE, SUPERSCRIPT_RISE = 0.6, 0.35  # a raised mark's size and rise, in its line's size
SMALL_CAPS_SIZE = 0.8  # a small capital's size, in its capitals'
NOTES_GAP = 12.0  # white between the page's last body line and its notes
CELL_PADDING_X, CELL_PADDING_Y = 5.0, 2.0
FACES = {(False, False): "Helvetica", (True, False): "Helvetica-Bold", (False, True): "Helvetica-Oblique", (True, True): "Helvetica-BoldOblique"}
DESCENT = 0.207  # below the baseline, in ems: Helvetica's descent (FONT_METRICS["Helvetica"][0]["Descent"]), as pdfminer boxes a glyph
FALLBACK_WIDTH = 556  # a glyph the font's metrics lack (◦, €), per 1000 ems: Helvetica's digits' width
BREAKS = frozenset(" \t\r")  # where a line may break
GLUE = frozenset("\u00a0\u202f\u2007")  # spaces a line never breaks at
DROPPED = frozenset({SOFT_HYPHEN, "\u200b", "\ufeff"})  # never printed: no word is broken, so no soft hyphen shows
METADATA_KEYS = {"title": "Title", "author": "Author", "subject": "Subject", "keywords": "Keywords", "created": "CreationDate", "modified": "ModDate"}


@cache
def _widths(font: str) -> dict[str, int]:
    return FONT_METRICS[font][1]


def text_width(text: str, font: str, size: float) -> float:
    widths = _widths(font)
    return sum(widths.get(c, FALLBACK_WIDTH) for c in text) * size / 1000


@dataclass(frozen=True)
class Glyphs:
    """Text in one face, size and rise: one word on the page (or, when ``glue``, a space no line breaks at)."""

    text: str
    font: str
    size: float
    rise: float = 0.0
    link: str = ""
    note: int | None = None
    glue: bool = False

    @property
    def width(self) -> float:
        return text_width(self.text, self.font, self.size)


NEWLINE: tuple[Glyphs, ...] = ()  # a line break the edition marks (an empty token)


@dataclass(frozen=True)
class Token:
    """What a line never breaks inside: glyphs glued together, and the space before it."""

    glyphs: tuple[Glyphs, ...]
    space: float  # the width of the space before it (0: glued to what precedes, or a line's start)

    @property
    def width(self) -> float:
        return sum(g.width for g in self.glyphs)


@dataclass(frozen=True)
class SetLine:
    """A line set: its glyphs at their x from the line's left edge, its type's size, and the element
    of the edition it was set from (for provenance)."""

    glyphs: tuple[tuple[float, Glyphs], ...]
    size: float
    last: bool = True  # the paragraph's last line (no space after its last word)
    element: str = ""

    @property
    def height(self) -> float:
        return LEADING * self.size

    @property
    def notes(self) -> tuple[int, ...]:
        return tuple(g.note for _, g in self.glyphs if g.note is not None)


def _style(run: Run, size: float, bold: bool) -> tuple[str, float, float]:
    """A run's face, size and rise: a superscript (a note's mark is one) raised and smaller."""
    font = FACES[(bold or run.bold, run.italic)]
    if run.superscript or run.note is not None:
        return font, round(size * SUPERSCRIPT_SIZE, 2), round(size * SUPERSCRIPT_RISE, 2)
    return font, size, 0.0


def tokens_of(runs: Iterable[Run], size: float, bold: bool = False) -> list[Token]:
    """A paragraph's runs as tokens: split at spaces (where a line may break), each token's glyphs
    split where the style changes (a word in two styles is two words, glued, as a PDF prints it).
    A small capital is a capital a size smaller, as a producer without a small-caps face prints it."""
    tokens: list[Token] = []
    glyphs: list[Glyphs] = []
    space = 0.0
    pending = 0.0

    def end_token() -> None:
        nonlocal glyphs, space
        if glyphs:
            tokens.append(Token(tuple(glyphs), space))
            glyphs, space = [], 0.0

    def add(text: str, font: str, size: float, rise: float, run: Run, glue: bool = False) -> None:
        nonlocal pending, space
        if not glyphs:
            space, pending = pending, 0.0
        last = glyphs[-1] if glyphs else None
        if (
            last is not None
            and not glue
            and not last.glue
            and (last.font, last.size, last.rise, last.link, last.note) == (font, size, rise, run.link, run.note)
        ):
            glyphs[-1] = Glyphs(last.text + text, font, size, rise, run.link, run.note)
        else:
            glyphs.append(Glyphs(text, font, size, rise, run.link, run.note, glue))

    for run in runs:
        font, run_size, rise = _style(run, size, bold)
        for c in run.text:
            if c in DROPPED:
                continue
            if c == "\n":
                end_token()
                tokens.append(Token(NEWLINE, 0.0))
                pending = 0.0
            elif c in BREAKS or (c.isspace() and c not in GLUE):
                end_token()
                pending = text_width(" ", font, size)
            elif c in GLUE:
                add(" ", font, run_size, rise, run, glue=True)
            elif run.small_caps and c.islower():
                add(c.upper(), font, round(run_size * SMALL_CAPS_SIZE, 2), rise, run)
            else:
                add(c, font, run_size, rise, run)
    end_token()
    return tokens


def break_lines(tokens: Sequence[Token], width: float, size: float) -> list[SetLine]:
    """Tokens filled into lines of ``width``, as many on a line as fit; a token wider than a line
    stands alone on one (never broken). At least one line, empty for an empty paragraph."""
    lines: list[SetLine] = []
    placed: list[tuple[float, Glyphs]] = []
    x = 0.0

    def end_line(last: bool) -> None:
        nonlocal placed, x
        sizes = [g.size for _, g in placed if not g.rise and not g.glue]
        lines.append(SetLine(tuple(placed), max(sizes, default=size), last))
        placed, x = [], 0.0

    for token in tokens:
        if token.glyphs is NEWLINE or not token.glyphs:
            end_line(False)
            continue
        gap = token.space if placed else 0.0
        if placed and x + gap + token.width > width + 0.01:
            end_line(False)
            gap = 0.0
        x += gap
        for g in token.glyphs:
            placed.append((x, g))
            x += g.width
    end_line(True)
    return lines


def heading_size(level: int) -> float:
    return HEADING_SIZE.get(level, BODY_SIZE)


def set_paragraph(p: Paragraph, width: float, size: float | None = None, lead: Sequence[Run] = ()) -> list[SetLine]:
    """A paragraph's lines in ``width``: a heading in its level's size and bold; ``lead``: runs
    set before the paragraph's own (a note's number)."""
    size = size or (heading_size(p.heading) if p.heading else BODY_SIZE)
    return [replace(line, element=p.element) for line in break_lines(tokens_of([*lead, *p.runs], size, bold=bool(p.heading)), width, size)]


# --- the pages ---------------------------------------------------------------------------


@dataclass
class Page:
    """One page being set: its words in the order they are set, its links and the notes at its foot."""

    number: int
    words: list[Word] = field(default_factory=list)
    links: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)
    notes: list[list[SetLine]] = field(default_factory=list)
    elements: list[ElementBox] = field(default_factory=list)  # where each element's lines were set, in the order they were

    def set_words(self, words: Sequence[Word], element: str) -> None:
        """A set line's words on the page, and their box added to its element's: the box round an
        element's lines set one after another (a paragraph's, a cell's) is one."""
        self.words.extend(words)
        if not words or not element:
            return
        last = self.elements[-1] if self.elements and self.elements[-1].element == element else None
        boxes = [(w.x0, w.top, w.x1, w.bottom) for w in words] + ([(last.x0, last.top, last.x1, last.bottom)] if last else [])
        x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
        box = ElementBox(self.number, min(x0s), min(tops), max(x1s), max(bottoms), element)
        if last is not None:
            self.elements[-1] = box
        else:
            self.elements.append(box)

    @property
    def notes_height(self) -> float:
        lines = [line for note in self.notes for line in note]
        return NOTES_GAP + sum(line.height for line in lines) if lines else 0.0


class Press:
    """Places set lines on pages, top to bottom, a new page when one is full, each note at the foot
    of the page its mark is set on."""

    def __init__(self, notes: dict[int, list[SetLine]]) -> None:
        self.notes = notes
        self.noted: set[int] = set()
        self.pages: list[Page] = []
        self.y = MARGIN
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def empty(self) -> bool:
        return self.y <= MARGIN

    def new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1))
        self.y = MARGIN

    def break_page(self) -> None:
        """A page break the edition marks: none on a page still empty (a break before a paragraph that opens one)."""
        if not self.empty:
            self.new_page()

    def space(self, height: float) -> None:
        """White above what comes next, none at a page's top."""
        if not self.empty:
            self.y += height

    def _new_notes(self, lines: Iterable[SetLine]) -> list[int]:
        return list(dict.fromkeys(n for line in lines for n in line.notes if n in self.notes and n not in self.noted))

    def fits(self, height: float, lines: Iterable[SetLine] = ()) -> bool:
        """Does ``height`` fit on the page with the notes of ``lines`` beside those there already?"""
        new = self._new_notes(lines)
        notes = sum(line.height for n in new for line in self.notes[n]) + (NOTES_GAP if new and not self.page.notes else 0.0)
        return self.y + height + self.page.notes_height + notes <= PAGE_HEIGHT - MARGIN + 0.01

    def make_room(self, height: float, lines: Iterable[SetLine] = ()) -> None:
        lines = list(lines)
        if not self.empty and not self.fits(height, lines):
            self.new_page()

    def line(self, line: SetLine, left: float) -> None:
        """A line at the left edge ``left``, on the next page if it does not fit here."""
        self.make_room(line.height, [line])
        self.put(line, left, self.y)
        self.y += line.height

    def put(self, line: SetLine, left: float, top: float) -> None:
        """A line's words and links at (``left``, ``top``), its notes at the page's foot."""
        for n in self._new_notes([line]):
            self.page.notes.append(self.notes[n])
            self.noted.add(n)
        self.page.set_words(words_of(self.page, line, left, top), line.element)

    def finish(self) -> None:
        """Every page's notes set at its foot, from its bottom margin up."""
        for page in self.pages:
            lines = [line for note in page.notes for line in note]
            y = PAGE_HEIGHT - MARGIN - sum(line.height for line in lines)
            for line in lines:
                page.set_words(words_of(page, line, MARGIN, y), line.element)
                y += line.height


def words_of(page: Page, line: SetLine, left: float, top: float) -> list[Word]:
    """A set line's words at (``left``, ``top``) as an engine reads them from a PDF: glyphs glued in one
    face, size and rise are one word, whatever link they belong to (a link's closing period is in its
    last word), boxes as pdfminer's (from the baseline and the font's descent). And, on ``page``, the
    box of each stretch of the line that is one link's anchor, as a link annotation covers it."""
    size = line.size
    baseline = top + (line.height + size) / 2 - DESCENT * size  # the line's type centred in its height
    boxes: list[tuple[Glyphs, list[float]]] = []
    for x, g in line.glyphs:
        if not g.glue:
            bottom = baseline - g.rise + DESCENT * g.size
            boxes.append((g, [left + x, bottom - g.size, left + x + g.width, bottom]))
    words: list[tuple[str, Glyphs, list[float]]] = []
    for g, box in boxes:
        last = words[-1] if words else None
        if last is not None and abs(last[2][2] - box[0]) < 0.01 and (last[1].font, last[1].size, last[1].rise) == (g.font, g.size, g.rise):
            words[-1] = (last[0] + g.text, last[1], [last[2][0], last[2][1], box[2], last[2][3]])
        else:
            words.append((g.text, g, list(box)))
    out: list[Word] = []
    for k, (text, g, (x0, y0, x1, y1)) in enumerate(words):
        text = clean_glyphs(text)
        space_after = None
        if ends_in_hyphen(text):  # the hyphen's space, as a PDF's text has it or not (kjønns- og)
            space_after = words[k + 1][2][0] > x1 + 0.01 if k + 1 < len(words) else not line.last
        out.append(Word(text, round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2), g.size, g.font, is_bold(g.font), space_after=space_after))
    stretch: tuple[str, list[float]] | None = None
    for g, box in [*boxes, (Glyphs("", "", 0.0), [0.0] * 4)]:  # a sentinel closes the last stretch
        if stretch is not None and stretch[0] == g.link:
            stretch[1][1:] = [min(stretch[1][1], box[1]), box[2], max(stretch[1][3], box[3])]
            continue
        if stretch is not None:
            page.links.append((stretch[0], tuple(round(v, 2) for v in stretch[1])))  # type: ignore[arg-type]
        stretch = (g.link, list(box)) if g.link else None
    return out


# --- blocks --------------------------------------------------------------------------------


def space_above(block: Block) -> float:
    if isinstance(block, Paragraph) and block.heading:
        return HEADING_ABOVE.get(block.heading, HEADING_ABOVE[3]) * BODY_SIZE
    return PARAGRAPH_BELOW * BODY_SIZE if isinstance(block, Table) else 0.0


def space_below(block: Block | None, after: Block) -> float:
    """The white after ``block``, before ``after``: less between two items of one list."""
    if block is None or isinstance(block, PageBreak):
        return 0.0
    if isinstance(block, Paragraph) and block.heading:
        return HEADING_BELOW * BODY_SIZE
    if isinstance(block, Paragraph) and isinstance(after, Paragraph) and block.list_level is not None and after.list_level is not None:
        return ITEM_BELOW * BODY_SIZE
    return PARAGRAPH_BELOW * BODY_SIZE


def indent(p: Paragraph) -> float:
    """Where a paragraph's text starts from the margin: a list item's after its bullet, by level."""
    if p.list_level is None:
        return 0.0
    bullet = BULLET_INDENT + 2 * BULLET_INDENT * p.list_level
    return bullet if p.ordered else bullet + BULLET_HANG


def with_bullet(lines: list[SetLine], p: Paragraph) -> list[SetLine]:
    """A bulleted item's first line with its bullet, hanging left of the text."""
    if p.list_level is None or p.ordered or not lines:
        return lines
    size = lines[0].size
    bullet = Glyphs(BULLETS[min(p.list_level, len(BULLETS) - 1)], FACES[(False, False)], size)
    first = lines[0]
    return [replace(first, glyphs=((-BULLET_HANG, bullet), *first.glyphs)), *lines[1:]]


def place_paragraph(press: Press, p: Paragraph) -> None:
    left = indent(p)
    lines = with_bullet(set_paragraph(p, TEXT_WIDTH - left), p)
    if p.heading:  # a heading keeps with the next two lines of text
        press.make_room(sum(line.height for line in lines) + HEADING_BELOW * BODY_SIZE + 2 * LEADING * BODY_SIZE, lines)
    for line in lines:
        press.line(line, MARGIN + left)


@dataclass(frozen=True)
class Placed:
    """A cell in the table's grid: its first row and column, its span, and its lines set in its width."""

    row: int
    column: int
    cell: Cell
    lines: tuple[SetLine, ...]

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines) + 2 * CELL_PADDING_Y


def grid_of(table: Table) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with their grid column: a cell takes the first column no cell above spans into."""
    taken: dict[tuple[int, int], bool] = {}
    rows: list[list[tuple[int, Cell]]] = []
    for r, row in enumerate(table.rows):
        out: list[tuple[int, Cell]] = []
        column = 0
        for cell in row:
            while taken.get((r, column)):
                column += 1
            out.append((column, cell))
            for dr in range(max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    taken[(r + dr, column + dc)] = True
            column += max(cell.colspan, 1)
        rows.append(out)
    return rows


def column_edges(table: Table, columns: int) -> list[float]:
    """The x of each column's left edge and of the table's right edge: the grid's widths scaled to
    the text's width (or equal shares)."""
    widths = list(table.widths[:columns]) if len(table.widths) >= columns and all(w > 0 for w in table.widths[:columns]) else [1.0] * columns
    total = sum(widths)
    edges = [MARGIN]
    for w in widths:
        edges.append(edges[-1] + TEXT_WIDTH * w / total)
    return edges


def set_cell(cell: Cell, width: float) -> tuple[SetLine, ...]:
    lines: list[SetLine] = []
    for p in cell.paragraphs:
        left = indent(p)
        lines += [replace(line, glyphs=tuple((x + left, g) for x, g in line.glyphs)) for line in with_bullet(set_paragraph(p, width - left), p)]
    return tuple(lines)


def row_heights(table: Table, placed: Sequence[Placed]) -> list[float]:
    """Each row as tall as its tallest cell; a merged cell taller than its rows makes its last row taller."""
    heights = [LEADING * BODY_SIZE + 2 * CELL_PADDING_Y] * len(table.rows)
    for c in placed:
        if c.cell.rowspan <= 1:
            heights[c.row] = max(heights[c.row], c.height)
    for c in placed:
        last = min(c.row + c.cell.rowspan, len(table.rows)) - 1
        if c.cell.rowspan > 1:
            heights[last] += max(0.0, c.height - sum(heights[c.row : last + 1]))
    return heights


def place_table(press: Press, table: Table) -> None:
    """Rows one under another, cells side by side; a row that does not fit opens the next page,
    after the header rows again where the edition marks them as repeated."""
    grid = grid_of(table)
    columns = max((column + max(cell.colspan, 1) for row in grid for column, cell in row), default=1)
    edges = column_edges(table, columns)
    placed = [
        Placed(r, column, cell, set_cell(cell, edges[min(column + max(cell.colspan, 1), columns)] - edges[column] - 2 * CELL_PADDING_X))
        for r, row in enumerate(grid)
        for column, cell in row
    ]
    by_row: dict[int, list[Placed]] = {}
    for c in placed:
        by_row.setdefault(c.row, []).append(c)
    heights = row_heights(table, placed)
    header = range(min(table.header_rows, len(table.rows)))

    def place_row(r: int) -> None:
        cells = by_row.get(r, [])
        press.make_room(heights[r], [line for c in cells for line in c.lines])
        top = press.y
        for c in cells:
            y = top + CELL_PADDING_Y
            for line in c.lines:
                press.put(line, edges[c.column] + CELL_PADDING_X, y)
                y += line.height
        press.y = top + heights[r]

    for r in range(len(table.rows)):
        page = len(press.pages)
        cells = by_row.get(r, [])
        press.make_room(heights[r], [line for c in cells for line in c.lines])
        if len(press.pages) > page and r >= len(header) and header:
            for h in header:
                place_row(h)
        place_row(r)


def set_note(note: Note) -> list[SetLine]:
    """A footnote's lines in note type, opened by its number."""
    lines: list[SetLine] = []
    for k, p in enumerate(note.paragraphs or (Paragraph((), note.element),)):
        lead = (Run(f"{note.number} "),) if k == 0 else ()
        lines += set_paragraph(p, TEXT_WIDTH, NOTE_SIZE, lead)
    return lines


def endnote_paragraphs(notes: Iterable[Note]) -> list[Paragraph]:
    """Endnotes as a web page sets its notes at the end: numbered paragraphs, each ending in a back-link (↩)."""
    out = []
    for note in notes:
        for k, p in enumerate(note.paragraphs or (Paragraph((), note.element),)):
            runs = [Run(f"{note.number}. ")] if k == 0 else []
            runs += p.runs
            if k == len(note.paragraphs) - 1 or not note.paragraphs:
                runs.append(Run(" ↩"))
            out.append(Paragraph(tuple(runs), p.element))
    return out


def raw_metadata(metadata: dict[str, str]) -> dict[str, str]:
    """The edition's metadata under the names a PDF's document information gives them (Title, Author, …)."""
    return {METADATA_KEYS.get(k, k[:1].upper() + k[1:]): v for k, v in metadata.items() if v}


def typeset(edition: Edition) -> RawPdf:
    """The edition laid out on pages and read into lines by the engines' rules: what reading its PDF would
    give, and where each of its elements was set."""
    press = Press({n.number: set_note(n) for n in edition.notes if not n.endnote})
    endnotes = endnote_paragraphs(n for n in edition.notes if n.endnote)
    blocks: list[Block] = [*edition.blocks, *endnotes]
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, PageBreak):
            press.break_page()
        else:
            press.space(max(space_below(previous, block), space_above(block)))
            if isinstance(block, Table):
                place_table(press, block)
            else:
                place_paragraph(press, block)
        previous = block
    press.finish()
    pages: list[PageInfo] = []
    page_lines: list[tuple[Line, ...]] = []
    links: list[Link] = []
    doubts: list[tuple[int, str]] = []
    elements: list[ElementBox] = []
    for page in press.pages:
        pages.append(PageInfo(page.number, PAGE_WIDTH, PAGE_HEIGHT))
        lines, doubt = lines_in_reading_order(page.words, page.number)
        page_lines.append(tuple(lines))
        if doubt:
            doubts.append((page.number, doubt))
        links += [Link(uri, page.number, *box, anchor_text=anchor_text(page.words, *box)) for uri, box in page.links]
        elements += page.elements
    return RawPdf(
        source=edition.source,
        source_path=edition.source_path,
        sha256=edition.sha256,
        pages=tuple(pages),
        page_lines=tuple(page_lines),
        links=tuple(links),
        metadata=raw_metadata(edition.metadata),
        findings=edition.findings,
        engine=edition.kind,
        doubtful_order=tuple(doubts),
        elements=tuple(elements),
    )
