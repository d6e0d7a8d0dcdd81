"""Page structure: a page's words as regions in reading order (issue 18).

The engines read a page's words and, before they build lines, :func:`page_structure` says which
words are read together. A page in one column is one region, and its lines are what they always
were. A page whose text runs in two columns is read band by band: what spans the columns (a
heading, a table, a full-width paragraph, the footnotes, the header and footer) is a region of
its own, placed between what comes before and after it, and between such rows the left column
is one region and the right column the next. Lines are then grouped within a region, never
across the gap between two columns (a line of each column at the same height is two lines).

Two signals decide, each where it can:

- **The geometry** finds the columns: a *gutter* is white at least ``GUTTER`` ems wide that runs
  down the page between stacks of lines of prose. It must be clean: a row with another gap where
  other rows have one is a table's row, left whole to the table reader; a side whose lines hold a
  word or two (a bullet, a number, a table's short cells, a figure's labels) is not a column of
  prose; and a page is split only where a band of columns holds ``MIN_ROWS`` lines on each side.
  A justified line's word spaces may be wider than that, and the space before a short last word
  set flush right ends at the same x line after line, as a table's column does; but a justified
  line spreads its words with spaces all of one width, so white as wide as the space beside it,
  between words that are no figures, is a word space: neither a gutter nor a table's column. A
  line's final hyphen or stop that the producer hangs past its column's edge (Typst, InDesign and
  microtype protrude them) narrows the gutter in its row by up to ``HANG`` ems: it is the column's
  mark, not a word across the gutter (:func:`_column_end`), so gutters of little more than an em
  (three columns and more on a page) are found whole. A rule drawn down the white between two
  sides (a border between a narrow column and a wide one) parts them as columns however few words
  a line of the narrower holds (:func:`ruled_between`): the engines give the page's vertical rules.
- **The drawing order** (the words as the PDF draws them, which the engines give) decides what
  the geometry leaves open, as most producers (Word, InDesign, FrameMaker, WeasyPrint, LaTeX) draw
  a column's lines in reading order and one column after the other, and a table row by row. A
  short element on one side, set apart by white across the page (a heading that does not reach
  the gutter), spans the columns when the PDF draws it between the columns above and below it,
  and belongs to its column when the PDF draws it with that column. Two parts of columns with
  white across both are one pair of columns unless the PDF draws the upper right column before the
  lower left one (two sections; three or more such in a row are the rows of a table of prose).
  Blocks of both sides that start level, as a table's rows do, are columns if the PDF draws one
  side after the other. Where the geometry is clean it decides, whatever the drawing order (a
  table drawn after the columns under it, columns drawn line by line across the page). A short
  element last on the page on the left side, drawn before all the columns above it (a page's
  number, which some producers draw first of all), is no line of the left column: it is read after
  the columns, where it stands. A heading across the gutter with less white around it than sets a
  part apart (CSS columns under a heading that spans them) stands between two sections of columns
  without doubt when its type sets it apart (bold, or larger) and the PDF draws it there, after the
  columns above and before those below, each pair a column after the other. A table's row whose
  longest cells run on under it (a title over a few lines, a comment over many) leaves two stacks of
  lines with white between them, as two columns do: they are the row's, read with the table, where
  they stand right under (or over) a row of three cells or more, each stack starting level with one
  cell's words and ending before the next cell's (a line set apart under where every cell has ended,
  a group row across the table, is a row of its own: :func:`cells_end`), and the PDF draws that row
  and its lines after all above them and before all below, as a table is drawn, row by row.

Three columns or more are read as recursive XY-cut reads them, a gutter at a time: a page cut at
one gutter is read again within each of its columns (:func:`within_columns`). Cut at one gutter, the
others make each row look like a table's (white at several places, row after row), so a page is
read so only where the other gaps part columns of prose too and the PDF draws a column after the
other; a table of prose cells, drawn row by row, stays whole. And a pair of columns with no white
across both may hold sections of balanced columns one under the other (CSS columns balance each
section: the next section's heading opens the left column under the last one's right column):
where the PDF draws each section's left column, then its right, then the next section's, the band
is read section by section (:func:`sections_of`).

A page where no columns are found may still hold text beside the text. A box (facts about the
report, a contents column: lines of a word or two, together, in smaller type) that the PDF draws in
one run is a region of its own (:func:`box_beside`); the lines it repeats at one place on most pages
are furniture (:func:`pipeline.stages.extract.find_running`). A box or a figure's caption floated in
the text (the text's lines narrower beside it, and across its place above or below it, so no white
runs down all of the page) is a region of its own too, read after the rest, where white parts it from
the text in the rows beside it and its type is smaller than the text's (:func:`float_in_text`). Side heads in a margin of their own (a
measure's number and its status pill beside the title) are each read where they stand, at the start
of the block of text level with them (:func:`heads_in_margin`), however the PDF draws them. Side
heads set as floats stack: one pushed down under the head above it, beside the middle of a
paragraph, is read right after that head, before their text (:func:`_stacked`); one broken over a
page is the document's question, not the page's (:func:`pipeline.stages.extract.side_heads_rejoined`).
Where columns are found but a row read as spanning them holds words on both sides of white that runs
down all of the page (a table's row beside a sidebar of prose: its cells' gaps made it no columns'
row), nothing spans that white: the sidebar, if it is such a box, is read as one (:func:`spans_a_strip`).

A badge (a short run on a fill of its own: in type too pale to read but on a fill under it, or in
any type on a filled rectangle that holds it alone, hugging it, :func:`on_fills_of_their_own`; a
measure's status at its card's top right) that stands above or beside a heading's first line, at its right, belongs to the
block the heading opens: it is read right after the heading's lines (:func:`badges_at_their_headings`),
not as the last words of the text before it, nor as the title's last word.

A table set in halves side by side (a long table on a landscape page), each half under the same
header, is one table continued: a row that repeats its words side by side, a gutter apart, is its
header, and the halves under it are read one after the other, as a table continued on the next
page under its repeated header (:func:`table_in_halves`).

:attr:`Structure.notes` says where the two disagreed and which decided (the engines log it at
debug level); :attr:`Structure.doubt` says where neither is sure (a line across the gutter in the
flow of the columns that is no heading drawn between them, an element whose column the drawing
order does not tell), and the engines gather those pages into one ``reading_order_uncertain``
finding.

Every decision is the page's own (pages are read in several processes), on plain data.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from math import isfinite
from statistics import median

from pipeline.model import Line, Word
from pipeline.text import TAG_WORDS

# Properties of typesetting, not of any report or producer.
GUTTER = 1.0  # ems: the least white between two columns (a justified line's widest word space is less)
MIN_ROWS = 3  # rows with a gap at one place, and lines of prose on each side of it, that make it a gutter
PROSE_WORDS = 3  # words a column's line holds at the median (a table's cells, a bullet and a number hold fewer)
COLUMN_WIDTH = 8.0  # ems: the least width of a column of prose
APART = 1.0  # ems of white across the page that set a band's part apart (more than a paragraph's space)
CANDIDATES = 3  # gaps tried as the gutter, the deepest first
DRAWN = 0.9  # the share of words drawn on one side of an element that makes the drawing order tell
SHARED_STARTS = 2 / 3  # the share of one side's blocks starting level with the other's that makes a table
EVEN = 0.02  # ems: how near two word spaces are that a justified line spread alike (its producer's rounding)
LARGER = 1.1  # times the page's size: type that large is a heading's
TOUCH = 0.12  # ems: white under which two pieces of text are one word (a note's number, a change of font)
SPANS = 3  # rows of text beside a margin for each row across it, at the least (a heading across the page)
LEVEL = 0.25  # ems: how far above a side head the line of text beside it may start, and still be level with it (sizes differ)
COLUMN_SHARE = 0.2  # the share of a document's body lines that start at a column's left edge (a further column's)
HANG = 0.35  # ems: how far a line's last mark (a hyphen, a stop) may hang into the white after it (a hyphen's width)
HANGING = "-\u2010\u2011\u00ad.,;:"  # the marks a producer may set hanging past a column's edge (protrusion)
RULE_APART = 1.0  # points: rules farther apart than this are two (one drawn in pieces, or twice, is one)
PALE = 0.8  # the least luminance of type that cannot be read on the page, only on a fill under it (white, a pale tint)
FLOAT_SMALLEST = 0.7  # times the text's size: the smallest type a float's box or caption is set in (smaller: pieces of a rotated label)
PADDING = 1.5  # ems: the most white a badge's fill leaves around its run on any side (more: a cell, a row, a panel)


Rule = tuple[float, float, float, float]  # a rule drawn down the page: its box (x0, top, x1, bottom)


@dataclass(frozen=True)
class Region:
    """Words read together: the whole page, what spans the columns, one column of a band, or a box
    beside the text."""

    words: tuple[Word, ...]
    column: str  # "page", "span", "left", "right" or "box"


@dataclass(frozen=True)
class Structure:
    """A page's regions in reading order, its gutter (None: one column), and what was said of it."""

    regions: tuple[Region, ...]
    gutter: tuple[float, float] | None = None  # the white between the columns (its left and right edges)
    doubt: str = ""  # why the reading order is doubtful; "" when it is not
    notes: tuple[str, ...] = ()  # where the geometry and the drawing order disagreed, and which decided


# --- rows --------------------------------------------------------------------------------------------


def rows_of(words: Iterable[Word]) -> list[list[Word]]:
    """What lies at one height: words overlapping vertically by half belong together (the printed
    lines of a page in one column; in two, a line of each column at the same height)."""
    rows: list[tuple[list[Word], list[float]]] = []  # a row's words, and its extent [top, bottom]
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for row, extent in reversed(rows[-3:]):
            top, bottom = extent
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(word.bottom - word.top, bottom - top):
                row.append(word)
                extent[0], extent[1] = min(top, word.top), max(bottom, word.bottom)
                break
        else:
            rows.append(([word], [word.top, word.bottom]))
    return [row for row, _ in rows]


@lru_cache(maxsize=256)  # a page's words share a few colours; asked of every word of every page
def pale(color: str) -> bool:
    """Is type of this colour (#rrggbb; "" for black) too pale to read on the page? Then a fill is set
    under it: a badge, a tag, a banner (relative luminance, as WCAG measures it, without gamma)."""
    if len(color) != 7 or color[0] != "#":
        return False
    try:
        r, g, b = (int(color[k : k + 2], 16) / 255 for k in (1, 3, 5))
    except ValueError:
        return False
    return 0.2126 * r + 0.7152 * g + 0.0722 * b >= PALE


Fill = tuple[float, float, float, float]  # a filled path's box in a colour other than the page's: x0, top, x1, bottom


def on_fills_of_their_own(words: Sequence[Word], fills: Iterable[Fill]) -> frozenset[Word]:
    """The words set on a fill of their own: a filled rectangle (of any colour but the page's) that holds one
    short run, on one line, and nothing else, hugging it (a badge, a tag, dark type on a pale tint as well as
    pale type on a dark one). A fill under more words (a table's row, a card, a box of prose), under part of a
    word, or wider or taller than its run by more than a badge's padding (a table's shaded cell) holds none so."""
    out: set[Word] = set()
    for x0, top, x1, bottom in fills:
        touched = [w for w in words if w.x0 < x1 and w.x1 > x0 and w.top < bottom and w.bottom > top]
        if not 0 < len(touched) <= TAG_WORDS or any(not (x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom) for w in touched):
            continue
        pad = PADDING * max(w.size for w in touched)
        run = (min(w.x0 for w in touched), min(w.top for w in touched), max(w.x1 for w in touched), max(w.bottom for w in touched))
        one_line = max(w.top for w in touched) < min(w.bottom for w in touched)
        if one_line and run[0] - x0 <= pad and run[1] - top <= pad and x1 - run[2] <= pad and bottom - run[3] <= pad:
            out.update(touched)
    return frozenset(out)


def set_on_a_fill(word: Word, filled: frozenset[Word]) -> bool:
    """Is the word set on a fill of its own: in type too pale to read without one, or on one found
    under it (:func:`on_fills_of_their_own`)?"""
    return pale(word.color) or word in filled


def is_badge(row: Sequence[Word], filled: frozenset[Word] = frozenset()) -> bool:
    """A short run set on a fill of its own (a status badge, a tag): a word or a few, all in type
    too pale to read on the page or on a fill that holds them alone (``filled``)."""
    return 0 < len(row) <= TAG_WORDS and all(set_on_a_fill(w, filled) for w in row)


def _style(word: Word) -> tuple[bool, float, str, str]:
    return word.bold, round(word.size * 2) / 2, word.color, word.fontname


def _marks_heading(badge: Sequence[Word], row: Sequence[Word], em: float, filled: frozenset[Word] = frozenset()) -> bool:
    """Does ``badge`` stand above or beside the first line of a heading ``row``, at its right? The
    row is set apart by its type (bold, or larger than the page's text), on no fill of its own (a
    table's header cells, a heading in a banner), within half a line of it below, and the badge
    starts right of the row's middle (a short line on a fill over a heading's start is a heading of
    its own, in a banner)."""
    if not row or any(set_on_a_fill(w, filled) for w in row):
        return False
    if not (all(w.bold for w in row) or min(w.size for w in row) >= LARGER * em):
        return False
    size = max(w.size for w in row)
    gap = min(w.top for w in row) - max(w.bottom for w in badge)
    return gap <= 0.5 * size and (min(w.x0 for w in row) + max(w.x1 for w in row)) / 2 < min(w.x0 for w in badge)


def _heading_goes_on(above: Sequence[Word], row: Sequence[Word]) -> bool:
    """Is ``row`` the next line of the heading whose line is ``above``: in its type, under it without
    a paragraph's white?"""
    if not row or _style(min(row, key=lambda w: w.x0)) != _style(min(above, key=lambda w: w.x0)):
        return False
    return min(w.top for w in row) - max(w.bottom for w in above) < 0.5 * max(w.size for w in row)


def _badge_apart(row: Sequence[Word], em: float, filled: frozenset[Word] = frozenset()) -> list[Sequence[Word]]:
    """A heading's line with a badge beside it, level with it (its last words, :func:`is_badge`): the
    badge apart, then the line, as a badge above its heading stands; any other row as it is."""
    ordered = sorted(row, key=lambda w: w.x0)
    k = len(ordered)
    while k and set_on_a_fill(ordered[k - 1], filled):
        k -= 1
    badge, text = ordered[k:], ordered[:k]
    return [badge, text] if text and is_badge(badge, filled) and _marks_heading(badge, text, em, filled) else [row]


def badges_at_their_headings(rows: Sequence[Sequence[Word]], filled: frozenset[Word] = frozenset()) -> list[Sequence[Word]]:
    """The rows in reading order with each badge read after the heading it marks. A badge (a
    measure's status on a fill of its own at its card's top right, :func:`is_badge`; ``filled``: the
    words on such fills, :func:`on_fills_of_their_own`) stands above the
    heading's first line, so the geometry reads it before the heading, as the last words of the text
    before, or beside it, as the heading's last words; it belongs to the block the heading opens, and
    is read right after the heading's lines (those that go on in its type), where a line under a
    heading is read. A page with no pale type and no word on a fill of its own keeps its rows."""
    if not filled and not any(pale(w.color) for row in rows for w in row):
        return list(rows)
    em = em_of(w for row in rows for w in row)
    out = [part for row in rows for part in _badge_apart(row, em, filled)]
    i = 0
    while i + 1 < len(out):
        if not (is_badge(out[i], filled) and _marks_heading(out[i], out[i + 1], em, filled)):
            i += 1
            continue
        end = i + 2
        while end < len(out) and _heading_goes_on(out[end - 1], out[end]):
            end += 1
        out[i:end] = [*out[i + 1 : end], out[i]]
        i = end
    return out


@dataclass(frozen=True)
class Row:
    """A row's words from left to right, with its extent and the white gaps inside it."""

    words: tuple[Word, ...]
    top: float
    bottom: float
    gaps: tuple[tuple[float, float], ...]  # (left, right) edges of the white at least GUTTER ems wide
    # its gaps that may be a gutter or a table's column: all but a justified line's word spaces (:func:`_justified`)
    open: tuple[tuple[float, float], ...] = ()

    @staticmethod
    def of(words: Sequence[Word], em: float) -> Row:
        ordered = tuple(sorted(words, key=lambda w: w.x0))
        gaps, reach = [], ordered[0].x1
        for w in ordered[1:]:
            if w.x0 - reach >= GUTTER * em:
                gaps.append((reach, w.x0))
            reach = max(reach, w.x1)
        spaces = _justified(ordered, em) if gaps else frozenset()
        open_gaps = tuple(g for n, g in enumerate(gaps) if n not in spaces)
        return Row(ordered, min(w.top for w in ordered), max(w.bottom for w in ordered), tuple(gaps), open_gaps)


def _justified(words: Sequence[Word], em: float) -> frozenset[int]:
    """Which of a row's gaps (by their place among them) are the word spaces of a justified line.
    A justified line spreads its words with spaces all of one width, so a wide space there lies
    beside another as wide (to ``EVEN`` ems) between words (not figures), where a table's cells
    stand apart by white of any width beside the narrow spaces inside them. Pieces of one word (a
    note's number, a change of font) touch, and are one word here. ``words``: from left to right."""
    apart: list[tuple[float, int]] = []  # the white before words[k] (its width, k), pieces of one word aside
    reach = words[0].x1
    for k in range(1, len(words)):
        if words[k].x0 - reach >= TOUCH * em:
            apart.append((words[k].x0 - reach, k))
        reach = max(reach, words[k].x1)
    out, n = set(), 0
    for i, (width, k) in enumerate(apart):
        if width < GUTTER * em:
            continue
        beside = [apart[j][0] for j in (i - 1, i + 1) if 0 <= j < len(apart)]
        if _prose(words[k - 1]) and _prose(words[k]) and any(abs(width - b) <= EVEN * em for b in beside):
            out.add(n)
        n += 1
    return frozenset(out)


def _prose(word: Word) -> bool:
    """A word of prose, not a figure (a number, a date: a table's column of figures is no justified line)."""
    return 2 * sum(c.isdigit() for c in word.text) < len(word.text)


def _gapped(words: Sequence[Word], width: float) -> bool:
    """Is there white at least ``width`` wide between two of the row's words?"""
    if len(words) < 2:
        return False
    spans = sorted((w.x0, w.x1) for w in words)
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width:
            return True
        reach = max(reach, x1)
    return False


def em_of(words: Iterable[Word]) -> float:
    """The size most of the page's text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(w.size * 2) / 2] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# --- the gutter ---------------------------------------------------------------------------------------


class Depth:
    """How many rows have a gap at a given x: a step function over the rows' gaps."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows
        gaps = [g for r in rows for g in r.open]
        events = sorted([(a, 1) for a, _ in gaps] + [(b, -1) for _, b in gaps])
        self.xs: list[float] = []
        self.depths: list[int] = []
        depth = 0
        for x, step in events:
            depth += step
            if self.xs and self.xs[-1] == x:
                self.depths[-1] = depth
            else:
                self.xs.append(x)
                self.depths.append(depth)

    def gutters(self, least: int, count: int, em: float) -> list[float]:
        """Up to ``count`` places to try as the gutter, the deepest first: each the middle of the white
        that the rows with a gap there have in common (at least ``least`` rows, a gutter's width apart)."""
        stretches = sorted(
            ((depth, (x + self.xs[i + 1]) / 2) for i, (x, depth) in enumerate(zip(self.xs, self.depths)) if depth >= least and i + 1 < len(self.xs)),
            key=lambda s: -s[0],
        )
        out: list[float] = []
        whites: list[tuple[float, float]] = []
        for _, x in stretches[: 4 * count]:  # the deepest few (a stretch's neighbours are mostly its own gap)
            if len(out) == count:
                break
            through = [(a, b) for r in self.rows for a, b in r.open if a < x < b]
            white = (max(a for a, _ in through), min(b for _, b in through))
            middle = (white[0] + white[1]) / 2
            # one gutter is tried once: a ragged column's line ends leave stretches of its white at several x
            if all(abs(middle - y) >= GUTTER * em for y in out) and not any(a < white[1] and white[0] < b for a, b in whites):
                out.append(middle)
                whites.append(white)
        return out


@dataclass(frozen=True)
class Split:
    """A row cut at a candidate gutter: its words on either side, and what kind of row that makes."""

    row: Row
    left: tuple[Word, ...]
    right: tuple[Word, ...]
    kind: str  # "both", "left", "right", "cross" (a word or too little white at the gutter) or "table"


class Edges:
    """Where the page's gaps start and end, to the point: a table's columns start (or, set right, end)
    at the same x row after row; a loose word space does not."""

    def __init__(self, rows: Sequence[Row]) -> None:
        gaps = [g for r in rows for g in r.open]  # a justified line's spaces are no table's columns
        self.starts = Counter(round(a) for a, _ in gaps)
        self.ends = Counter(round(b) for _, b in gaps)

    def aligned(self, a: float, b: float) -> bool:
        near = (-1, 0, 1)
        return sum(self.starts[round(a) + d] for d in near) >= MIN_ROWS or sum(self.ends[round(b) + d] for d in near) >= MIN_ROWS


def split_row(row: Row, x: float, em: float, edges: Edges, others: Sequence[float] = ()) -> Split:
    """The row cut at ``x``; ``others``: further gutters, whose white is no table's column."""
    left = tuple(w for w in row.words if w.x1 <= x)
    right = tuple(w for w in row.words if w.x0 >= x)
    if len(left) + len(right) < len(row.words) or (left and right and right[0].x0 - _column_end(left, em) < GUTTER * em):
        return Split(row, left, right, "cross")
    if any(not a < x < b and not any(a < y < b for y in others) and edges.aligned(a, b) and not _marker(row, a, x) for a, b in row.open):
        return Split(row, left, right, "table")  # another gap where other rows have one: a table's column
    return Split(row, left, right, "both" if left and right else "left" if left else "right")


def _column_end(left: Sequence[Word], em: float) -> float:
    """Where a row's left part ends as its column's edge: its last word's end, less a mark that
    hangs past the edge. Typst, InDesign and microtype set a line's final hyphen or stop partly in
    the white after it, so a column's line ending so leaves less white at the gutter than the
    column's other lines, by at most ``HANG`` ems."""
    last = max(left, key=lambda w: w.x1)
    return last.x1 - (HANG * em if last.text and last.text[-1] in HANGING else 0.0)


def _marker(row: Row, a: float, x: float) -> bool:
    """Is what stands before the gap that starts at ``a``, on its side of ``x``, a list's bullet or number alone?"""
    start = x if a > x else float("-inf")
    before = [w for w in row.words if w.x1 <= a and w.x0 >= start]
    return len(before) == 1 and len(before[0].text) <= 3


class Order:
    """The drawing order of a page's words (their place in the list the engine read)."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = words
        self.rank = {id(w): i for i, w in enumerate(words)}

    def of(self, words: Iterable[Word]) -> list[int]:
        return sorted(self.rank[id(w)] for w in words)

    def in_one_run(self, words: Iterable[Word], others: Iterable[Word]) -> bool:
        """Are ``words`` drawn in one run, all but a few (``1 - DRAWN`` of them) of ``others``
        drawn before or after them?"""
        ranks = self.of(words)
        if not ranks:
            return False
        between = sum(1 for r in self.of(others) if ranks[0] < r < ranks[-1])
        return between <= (1 - DRAWN) * len(ranks)

    def share_before(self, first: Iterable[Word], then: Iterable[Word]) -> float | None:
        """The share of pairs (a, b) of ``first`` × ``then`` drawn a before b (None without pairs)."""
        a, b = self.of(first), self.of(then)
        if not a or not b:
            return None
        before = sum(bisect_right(a, r) for r in b)  # for each b, how many a are drawn before it
        return before / (len(a) * len(b))


# --- bands of columns, and what stands between them ---------------------------------------------------


@dataclass
class Band:
    """Consecutive rows cut at the gutter, read as two columns if ``columns`` (decided by :func:`columns_of`)."""

    splits: list[Split]
    columns: bool = False
    after_columns: bool = False  # right after another band of columns, whose columns did not run on into it
    cut_from: int = 0  # cut at a side head: the side-by-side rows of the band it was cut from

    def words(self, side: str) -> list[Word]:
        return [w for s in self.splits for w in getattr(s, side)]

    def lines(self, side: str) -> int:
        """How many of its rows have words on ``side``."""
        return sum(1 for s in self.splits if getattr(s, side))

    @property
    def sides(self) -> int:
        """How many lines its shorter side holds: what it says of a gutter."""
        return min(self.lines("left"), self.lines("right"))


def columns_of(band: Band, em: float, order: Order, ruled: Sequence[Rule] = ()) -> tuple[bool, str]:
    """Do the band's rows read as two columns of prose, and not as a table, a figure's labels or a list?
    Each side holds lines of several words (a table's cells, a bullet or a number hold fewer), at
    least a column wide. Where most blocks of the two sides start level with each other, as a table's
    rows do (two columns of prose start their paragraphs where each happens to, but a page may line
    them up by chance), the drawing order decides: a producer draws a column after the other, and a
    table row by row. A rule drawn down the white between the sides parts them as columns however
    few words a line of the narrower holds (:func:`ruled_between`). Returns the answer and, where
    the drawing order decided, what to say of it."""
    if not band.sides:
        return False, ""
    divided = ruled_between(band, ruled)
    for side in ("left", "right"):
        pieces = [p for p in (getattr(s, side) for s in band.splits) if p]
        if median(len(p) for p in pieces) < PROSE_WORDS and not side_head(band, side) and not divided:
            return False, ""
        if max(w.x1 for p in pieces for w in p) - min(w.x0 for p in pieces for w in p) < COLUMN_WIDTH * em:
            return False, ""
    if not shared_starts(band.splits, em):
        return True, ""
    drawn = order.share_before(band.words("left"), band.words("right"))
    if drawn is not None and drawn >= DRAWN:
        return True, f"«{_text(band.words('left'), 4)}»: its blocks start level with the other column's, as a table's rows do; read as columns, as the PDF draws them"
    return False, ""


def ruled_between(band: Band, ruled: Sequence[Rule]) -> bool:
    """Is a rule drawn down the white between the band's two sides, beside ``MIN_ROWS`` of its rows
    with words on both, and no other rule down those rows? A column rule (the border between a narrow
    column and a wide one) parts two columns as surely as a gutter's white: the lines of a narrow
    column beside it hold a word or two because the column is narrow, not because they are a table's
    short cells. A table's rules are a grid: several stand down the same rows (its columns' borders,
    its frame), where a column rule stands alone."""
    both = [s for s in band.splits if s.left and s.right]
    for x0, top, x1, bottom in ruled:
        beside = [s for s in both if top <= (s.row.top + s.row.bottom) / 2 <= bottom]
        if len(beside) < MIN_ROWS or not all(max(w.x1 for w in s.left) <= x0 and x1 <= min(w.x0 for w in s.right) for s in beside):
            continue
        first, last = min(s.row.top for s in beside), max(s.row.bottom for s in beside)
        if not any(b < x0 - RULE_APART or a > x1 + RULE_APART for a, t, b, u in ruled if t < last and u > first):
            return True
    return False


def side_head(band: Band, side: str) -> bool:
    """Is the band's ``side`` a side head: a heading set beside its text, in a column of its own (a
    few words a line, all in bold), where the other side is prose (several words a line, not bold)?
    Its lines are as short as a table's cells, but a table's cells of a column are not all bold
    beside a column of prose (a label column's many short blocks starting level with their values'
    are a table's rows all the same: :func:`shared_starts`)."""
    other = "right" if side == "left" else "left"
    words, beside = [w for w in band.words(side) if any(c.isalpha() for c in w.text)], band.words(other)
    pieces = [p for p in (getattr(s, other) for s in band.splits) if p]
    return bool(words) and all(w.bold for w in words) and median(len(p) for p in pieces) >= PROSE_WORDS and not any(w.bold for w in beside)


def shared_starts(splits: Sequence[Split], em: float) -> bool:
    """Do most blocks of one side (lines after white wider than half an em, the first aside) start
    level with a block of the other side?"""
    starts: dict[str, list[float]] = {}
    for side in ("left", "right"):
        pieces = [(min(w.top for w in p), max(w.bottom for w in p)) for p in (getattr(s, side) for s in splits) if p]
        starts[side] = [top for (top, _), (_, above) in zip(pieces[1:], pieces) if top - above > 0.5 * em]
    if min(len(starts["left"]), len(starts["right"])) < 2:
        return False
    shared = [a for a in starts["right"] if any(abs(a - b) <= 1.0 for b in starts["left"])]
    return len(shared) >= SHARED_STARTS * min(len(starts["left"]), len(starts["right"]))


def parts_apart(splits: Sequence[Split], em: float) -> list[list[Split]]:
    """A run's rows in parts set apart by white across the whole page."""
    parts: list[list[Split]] = [[splits[0]]]
    for above, s in zip(splits, splits[1:]):
        if s.row.top - above.row.bottom >= APART * em:
            parts.append([])
        parts[-1].append(s)
    return parts


def _text(words: Sequence[Word], n: int = 6) -> str:
    return " ".join(w.text for w in words[:n])


def element_spans(element: Sequence[Split], above: Sequence[Split], below: Sequence[Split], order: Order) -> tuple[bool, str]:
    """Does a one-sided element set apart between the columns above and below it span them?
    The drawing order tells (see the module's docstring); where it does not, the geometry's
    answer (it spans) stands, with a doubt. Returns the answer and what to say of it: "" when the
    two signals agree, a note when the drawing order decided, a doubt when neither could."""
    side = "left" if element[0].kind == "left" else "right"
    words = [w for s in element for w in getattr(s, side)]
    after_above = order.share_before([w for s in above for w in (*s.left, *s.right)], words)
    before_below = order.share_before(words, [w for s in below for w in (*s.left, *s.right)])
    if all(share is None or share >= DRAWN for share in (after_above, before_below)):
        return True, ""
    if before_below is None and side == "left" and after_above is not None and after_above <= 1 - DRAWN:
        # the last on the page, drawn before all the columns above it (as a page's furniture often is): not with the left column
        return True, f"«{_text(words)}» is drawn before the columns above it; read after them, where it stands"
    # with its column: a left element drawn before the right column above it, a right one after the left column below it
    if side == "left":
        with_column = order.share_before(words, [w for s in above for w in s.right])
    else:
        with_column = order.share_before([w for s in below for w in s.left], words)
    if with_column is not None and with_column >= DRAWN:
        return False, f"«{_text(words)}» read in the {side} column, as the PDF draws it (the white around it alone would set it across both)"
    return True, f"doubt: «{_text(words)}»: whether it spans the columns or belongs to the {side} one, the drawing order does not tell"


def cut_band(parts: list[list[Split]], em: float, order: Order, said: list[str], ruled: Sequence[Rule] = ()) -> list[Band]:
    """A run of rows (between rows across the gutter) as bands, each read as columns or across them.

    The run's parts, set apart by white across the page, are each read as columns or not
    (:func:`columns_of`). A part opened by rows of one side only, after rows with text on both
    sides (a heading of the left side) or before them (one of the right side), may span the
    columns or belong to one (:func:`element_spans` asks the drawing order); a left one first,
    a right one last or a figure's numbers read the same either way. Parts read as columns make
    one band while the columns run on through the white between them (:func:`_runs_on`); a side
    head opens a band of its own, read with the text beside it (a producer may draw every side head
    of a page first, as floats, so the drawing order does not part them)."""
    out: list[Band] = []
    for k, part in enumerate(parts):
        side = part[0].kind
        n = next((i for i, s in enumerate(part) if s.kind != side), len(part))
        element, rest = part[:n], part[n:]
        below = rest + [s for p in parts[k + 1 :] for s in p]
        above = [s for b in out for s in b.splits]
        placed = (side == "left" and Band(above).sides > 0) or (side == "right" and Band(below).sides > 0)
        if k and side in ("left", "right") and placed and _words_in(element):
            spans, saying = element_spans(element, out[-1].splits if out else [], below, order)
            said += [saying] if saying else []
            if spans:
                out.append(Band(list(element)))  # one side only: read whole, between the columns above and below
            elif out:
                out[-1].splits += element  # in its column, which runs on
            part = rest
        if not part:
            continue
        whole = Band(list(part))
        whole.columns, saying = columns_of(whole, em, order, ruled)
        said += [saying] if saying else []
        bands = [b for section in sections_of(whole, order) for b in at_side_heads(section, em)]
        for n, band in enumerate(bands):  # sections the drawing order parts are no table's rows; a side head each
            last = out[-1] if out else None
            if last is not None and (last.columns == band.columns) and (not band.columns or (_runs_on(last, band, order) and not side_head(band, "left"))):
                last.splits += band.splits
            else:
                band.after_columns = n == 0 and last is not None and last.columns and band.columns
                out.append(band)
    return _rows_of_a_table(out)


def at_side_heads(band: Band, em: float) -> list[Band]:
    """A band of columns whose left side is side heads (or a grid's labels), cut where each head
    starts (after white, as :func:`shared_starts` sees a block start): each read with the text
    beside and below it, however little white parts them. A head stacked under the one above it
    beside a paragraph's middle (:func:`_stacked`) is read with the head above, before its text."""
    if not band.columns or not side_head(band, "left"):
        return [band]
    starts, bottom = [], None
    for k, s in enumerate(band.splits):
        if s.left:
            top = min(w.top for w in s.left)
            if bottom is None or (top - bottom > 0.5 * em and not _stacked(band.splits, top, top - bottom, em)):
                starts.append(k)
            bottom = max(w.bottom for w in s.left)
    cuts = [0, *(k for k in starts if k), len(band.splits)]
    parts = [band.splits[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
    return [Band(p, columns=all(any(getattr(s, side) for s in p) for side in ("left", "right")), cut_from=band.sides) for p in parts]


def _stacked(splits: Sequence[Split], top: float, white: float, em: float) -> bool:
    """Is a side head starting at ``top``, ``white`` under the head above it, stacked under that
    head, and not set where its own text starts? Side heads set as floats stack: one whose text
    starts while the head above still runs down the margin (a measure's title over four lines,
    its first part's heading under it) is pushed down under it, less than ``APART`` apart, and
    stands beside the middle of a paragraph (the first line of the text level with it or below
    it opens no block: :func:`_opens_block`). Its text starts level with the head above, so it is
    read right after that head; a head beside a block's start, or set apart from the head above
    by more white, is where its text starts."""
    if white >= APART * em:
        return False
    text = [s.right for s in splits if s.right]
    n = next((i for i, row in enumerate(text) if min(w.top for w in row) >= top - LEVEL * em), None)
    return n is not None and n > 0 and not _opens_block(text[n - 1], text[n], em)


def sections_of(band: Band, order: Order) -> list[Band]:
    """A band of columns as the sections of balanced columns it holds, one under the other without
    white across both columns (a heading that opens the next section in the left column as the right
    column's last section ends above it, as CSS columns balance each section). The geometry cannot
    tell these from one pair of columns; the drawing order can, where the PDF draws each section's
    left column, then its right, then the next section's: the band is cut where everything on either
    side of the cut is drawn so (to ``DRAWN``), each section holding lines on both sides."""
    if not band.columns:
        return [band]
    splits = band.splits
    lefts = [0, *accumulate(1 if s.left else 0 for s in splits)]  # lines on each side above each cut
    rights = [0, *accumulate(1 if s.right else 0 for s in splits)]
    best: tuple[float, int] | None = None
    for k in range(1, len(splits)):
        if not (min(lefts[k], rights[k]) and min(lefts[-1] - lefts[k], rights[-1] - rights[k])):
            continue  # a section holds lines on both sides
        upper, lower = Band(splits[:k]), Band(splits[k:])
        least = 1.0
        pairs = ((upper, "right", lower, "left"), (upper, "left", upper, "right"), (lower, "left", lower, "right"))
        for first, side, then, other in pairs:  # each drawn before the next: the first pair tells most cuts apart
            share = order.share_before(first.words(side), then.words(other))
            least = min(least, share if share is not None else 0.0)
            if least < DRAWN:
                break
        if least >= DRAWN and (best is None or least > best[0]):
            best = least, k
    if best is None:
        return [band]
    k = best[1]
    return [*sections_of(Band(splits[:k], columns=True), order), *sections_of(Band(splits[k:], columns=True), order)]


def _rows_of_a_table(bands: list[Band]) -> list[Band]:
    """Bands of two columns, each read whole before the next (their columns do not run on), one
    right after the other: two are two sections, but more are the rows of a table of two columns
    of prose, which the table reader reads across (so they are not read as columns)."""
    k = 0
    while k < len(bands):
        n = 1
        while k + n < len(bands) and bands[k + n].after_columns:
            n += 1
        if n >= MIN_ROWS:
            for band in bands[k : k + n]:
                band.columns = False
        k += n
    return bands


def _words_in(splits: Sequence[Split]) -> bool:
    """Do the rows hold words (a heading, a paragraph), and not a figure's numbers alone?"""
    return any(sum(c.isalpha() for c in w.text) >= 2 for s in splits for w in s.row.words)


def _runs_on(above: Band, below: Band, order: Order) -> bool:
    """Do the columns of ``above`` run on into ``below`` (one pair of columns with white across both),
    rather than ``above`` being read whole first? Unless the PDF draws the right column above before
    the left one below, they run on."""
    drawn = order.share_before(above.words("right"), below.words("left"))
    return drawn is None or drawn < DRAWN


# --- the page -----------------------------------------------------------------------------------------


def page_structure(
    words: Sequence[Word],
    rows: Sequence[Sequence[Word]] | None = None,
    drawn: Callable[[], Sequence[Word]] | None = None,
    *,
    page: bool = True,
    ruled: Sequence[Rule] = (),
) -> Structure:
    """The regions of a page. ``rows``: :func:`rows_of` the words, if the caller has them already;
    ``drawn``: the words in the order the PDF draws them (asked only of a page that may have
    columns; None: ``words`` are listed in that order). ``page``: the words are a page's, not a
    column's read again within (:func:`within_columns`), where a box or a margin beside the text
    would be a table's cells. ``ruled``: the boxes of rules drawn down the page (:func:`ruled_between`)."""
    whole = Structure((Region(tuple(words), "page"),))
    if len(words) < 2 * MIN_ROWS:
        return whole
    rows = rows_of(words) if rows is None else rows
    gapped = any(_gapped(r, GUTTER * r[0].size) for r in rows)  # a row with white as wide as a gutter: a column's, or a side head's
    em = em_of(words)
    if em <= 0 or not all(isfinite(v) for w in words for v in (w.x0, w.x1, w.top, w.bottom)):
        return whole  # no size to measure white by, or boxes no page has
    strips = clear_strips(words, em)
    if not gapped and not strips:
        return whole  # nearly every page: no white wide enough to be a gutter (measured in its row's first word's ems)
    cut = [Row.of(r, em) for r in rows]
    if (halves := table_in_halves(cut, em)) is not None:
        return halves
    depth, edges = Depth(cut), Edges(cut)
    drawn_words = words if drawn is None else drawn()
    order = Order(drawn_words)
    gutters = depth.gutters(MIN_ROWS, CANDIDATES, em)
    gutters += [x for x in strips if all(abs(x - y) >= GUTTER * em for y in gutters)]
    best: tuple[int, Structure, bool] | None = None  # the score, the structure, and whether its columns were read within
    passes = ((), gutters) if len(gutters) > 1 else ((),)  # one gutter; else one beside others, each of whose white is no table's column
    for others in passes:
        for x in gutters:
            beside = [y for y in others if y != x]
            found, score = read_columns([split_row(r, x, em, edges, beside) for r in cut], words, em, order, ruled)
            if found.gutter is None or (best is not None and score <= best[0]):
                continue
            if not others:
                best = score, found, False  # its columns are read within (within_columns) once it has won
                continue
            found, nested = within_columns(found, drawn_words)
            if nested and _drawn_by_column(found, order):
                best = score, found, True
    if best is None and not page:
        return whole
    if best is None:
        margins = [*strips, *(x for x in depth.gutters(1, CANDIDATES, em) if all(abs(x - y) >= GUTTER * em for y in strips))]
        return box_beside(words, strips, em, order) or heads_in_margin(cut, margins, em, edges) or float_in_text(cut, em, order) or whole
    _, found, within = best
    found = found if within else within_columns(found, drawn_words)[0]
    return (spans_a_strip(found, strips) and box_beside(words, strips, em, order)) or found


def clear_strips(words: Sequence[Word], em: float) -> list[float]:
    """The middles of the white strips at least a gutter wide that run down all of the words, with
    words on each side (a vertical cut of XY-cut): a gutter between columns whose lines are not level
    with each other (a heading's larger leading beside body text), which no row's gap shows, as the
    lines of the two columns never share a row."""
    spans = sorted((w.x0, w.x1) for w in words)
    out, reach = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= GUTTER * em:
            out.append((reach + x0) / 2)
        reach = max(reach, x1)
    return out


def box_beside(words: Sequence[Word], strips: Sequence[float], em: float, order: Order) -> Structure | None:
    """A box or sidebar beside the text (facts about the report, a contents column, a quotation),
    which :func:`read_columns` reads as no column, its lines holding a word or two: white runs down
    all of the page between it and the text (a strip of :func:`clear_strips`), its lines of words
    stand together in one column (side heads stand apart, each by its text; a table's cells beside
    a long cell stand in columns), in type smaller than the text's (a long cell of a table beside
    the others is set as they are), and the PDF draws it in one run, as
    a block of its own, not interleaved with the text beside it (a table's column is drawn row by
    row with the cells beside it). Where both sides hold ``MIN_ROWS`` lines at the
    height they share, the box is a region of its own, read before the rest of the page where the
    PDF draws it first and after it otherwise (as a sidebar is read after the text beside it), and
    the rest is read as a page. None: no such box."""
    for x in strips:
        left = [w for w in words if w.x1 <= x]
        right = [w for w in words if w.x0 >= x]
        top = max(min(w.top for w in left), min(w.top for w in right))
        bottom = min(max(w.bottom for w in left), max(w.bottom for w in right))
        level = [[w for w in side if w.bottom > top and w.top < bottom] for side in (left, right)]
        if min(len(rows_of(side)) for side in level) < MIN_ROWS:
            continue
        for box, beside in (level, level[::-1]):
            rows = rows_of(box)
            if 2 * sum(1 for row in rows if _words_in_row(row)) <= len(rows):
                continue  # a column of figures (a table's numbers)
            if any(_gapped(row, GUTTER * em) for row in rows) or em_of(box) >= em_of(beside):
                continue  # columns of its own (a table's cells beside a long cell), or type as large as the text's (a table's cell)
            if not order.in_one_run(box, beside) or _apart(rows, em):
                continue  # drawn with the text beside it, or blocks set apart (side heads, each by its text)
            inside = {id(w) for w in box}
            page = page_structure([w for w in order.words if id(w) not in inside])
            first = (order.share_before(box, beside) or 0.0) >= DRAWN
            regions = ((Region(tuple(box), "box"),) + page.regions) if first else (page.regions + (Region(tuple(box), "box"),))
            gutter = (max(w.x1 for w in level[0]), min(w.x0 for w in level[1]))
            note = f"«{_text(box, 4)}»: a box beside the text, drawn in one run; read as a region of its own {'before' if first else 'after'} the rest"
            return Structure(regions, gutter, page.doubt, (*page.notes, note))
    return None


def float_in_text(cut: Sequence[Row], em: float, order: Order) -> Structure | None:
    """A box or a figure's caption floated in the text (a «Fakta» box, a figure with its caption
    beside it), the text's lines narrower beside it: no white runs down all of the page (the text
    spans the float's place above or below it, so it is no sidebar: :func:`box_beside`), only down
    the rows beside the float. Where, in a run of rows that nothing crosses at one x, the words on
    one side are set smaller than those on the other (the float's type), stand in one column, and
    are drawn in one run, while the other side holds ``MIN_ROWS`` rows of the text ending at one
    edge (narrowed to the float's place), the float is a region of its own, read after the rest of
    the page, which is read as a page; its lines are no longer read into the text's line by line.
    None: no such float."""
    xs = sorted({round((a + b) / 2) for r in cut for a, b in r.gaps})
    for x in xs:
        crossing = [_crosses(r, x, em) for r in cut]
        start = 0
        while start < len(cut):
            if crossing[start]:
                start += 1
                continue
            end = start
            while end < len(cut) and not crossing[end]:
                end += 1
            if start > 0 or end < len(cut):  # the text spans the float's place above or below it
                found = _float_of(cut[start:end], x, em, order)
                if found is not None:
                    box, beside = found
                    inside = {id(w) for w in box}
                    page = page_structure([w for w in order.words if id(w) not in inside])
                    gutter = (max(w.x1 for w in beside), min(w.x0 for w in box)) if box[0].x0 >= x else (max(w.x1 for w in box), min(w.x0 for w in beside))
                    note = f"«{_text(box, 4)}»: a float in the text, the text narrower beside it; read as a region of its own after the rest"
                    return Structure((*page.regions, Region(tuple(box), "box")), gutter, page.doubt, (*page.notes, note))
            start = end
    return None


def _crosses(row: Row, x: float, em: float) -> bool:
    """Does the row run across ``x``: a word over it, or words on both sides with less white between them than a gutter?"""
    left = [w for w in row.words if w.x1 <= x]
    right = [w for w in row.words if w.x0 >= x]
    return len(left) + len(right) < len(row.words) or bool(left and right and min(w.x0 for w in right) - max(w.x1 for w in left) < GUTTER * em)


def _float_of(rows: Sequence[Row], x: float, em: float, order: Order) -> tuple[list[Word], list[Word]] | None:
    """The float's words and the text's beside it, in ``rows`` (a run that nothing crosses at
    ``x``): see :func:`float_in_text`. None: no float there."""
    left = [w for r in rows for w in r.words if w.x1 <= x]
    right = [w for r in rows for w in r.words if w.x0 >= x]
    if not left or not right:
        return None
    for box, beside in ((right, left), (left, right)):
        if not FLOAT_SMALLEST * em_of(beside) <= em_of(box) < em_of(beside) or any(_gapped(row, GUTTER * em) for row in rows_of(box)):
            continue  # type as large as the text's (a table's cells) or too small to read, or columns of its own
        text = rows_of(beside)
        if len(text) < MIN_ROWS or not _words_in_row(box) or not order.in_one_run(box, beside):
            continue
        edges = [max(w.x1 for w in row) if box is right else min(w.x0 for w in row) for row in text]
        edge = max(edges) if box is right else min(edges)
        if 2 * sum(1 for e in edges if abs(e - edge) <= GUTTER * em) <= len(text):
            continue  # the text's lines do not end at one edge beside it (a table's column, a list)
        return box, beside
    return None


def spans_a_strip(structure: Structure, strips: Sequence[float]) -> bool:
    """Does a region read as spanning the columns hold words on both sides of white that runs down
    all of the page (:func:`clear_strips`)? Nothing spans such white: the rows so read are a
    table's beside a sidebar (its cells' gaps made them no columns' rows), and the sidebar is a box
    of its own (:func:`box_beside`), not lines between the table's rows."""
    return any(
        any(w.x1 <= x for w in region.words) and any(w.x0 >= x for w in region.words)
        for region in structure.regions
        if region.column == "span"
        for x in strips
    )


HALVES_APART = 2.0  # ems of white under a table's halves that end them (what stands below: the page's foot, the text)


def repeated_header(row: Row, em: float) -> list[float] | None:
    """Where a row that repeats the same words side by side starts each repetition after the first
    (a table set in halves side by side, each half under its own header: «Nr. Tiltak Status Nr.
    Tiltak Status»): the row's words as two runs or more of the same texts, each run set apart from
    the one before by white at least a gutter wide, the runs' words holding letters and more than
    one word (a row of one status repeated is a table's row), each run's cells apart as a table's
    columns are (white as wide as a gutter in it, no justified line's word space: two columns of
    prose may print the same line level by chance). None: no such row."""
    words = row.words
    texts = [w.text for w in words]
    for size in range(2, len(words) // 2 + 1):
        if len(words) % size or not _words_in_row(words[:size]) or len(set(texts[:size])) < 2:
            continue
        starts = range(size, len(words), size)
        if not all(texts[k : k + size] == texts[:size] for k in starts):
            continue
        cells = all(Row.of(words[k : k + size], em).open for k in range(0, len(words), size))
        if cells and all(words[k].x0 - max(w.x1 for w in words[:k]) >= GUTTER * em for k in starts):
            return [words[k].x0 for k in starts]
    return None


def table_in_halves(cut: Sequence[Row], em: float) -> Structure | None:
    """A table set in halves side by side (a long table on a landscape page), each half under the
    same header: the halves are one table continued, read one after the other, left to right, as a
    table continued on the next page under its repeated header is (the overview reader skips the
    header repeated). The halves run down from the header row (:func:`repeated_header`) while no
    word crosses from one half into the next, and no white of ``HALVES_APART`` ems parts them from
    the rows above; what stands over the header and under the halves spans them. None: no such row."""
    for at, row in enumerate(cut):
        starts = repeated_header(row, em)
        if starts is None:
            continue
        edges = [x - TOUCH * em for x in starts]
        end = at + 1
        while end < len(cut) and cut[end].top - cut[end - 1].bottom < HALVES_APART * em:
            if any(w.x0 < x < w.x1 for w in cut[end].words for x in edges):
                break
            end += 1
        halves: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
        for r in cut[at:end]:
            for w in r.words:
                halves[sum(1 for x in edges if w.x0 >= x)].append(w)
        above = [w for r in cut[:at] for w in r.words]
        below = [w for r in cut[end:] for w in r.words]
        regions = [Region(tuple(above), "span")] if above else []
        regions += [Region(tuple(half), "left" if k == 0 else "right") for k, half in enumerate(halves)]
        regions += [Region(tuple(below), "span")] if below else []
        gutter = (max(w.x1 for w in halves[0]), min(w.x0 for w in halves[1]))
        note = f"«{_text(row.words, 4)}»: a table in {len(halves)} parts side by side under a repeated header; read one after the other"
        return Structure(tuple(regions), gutter, "", (note,))
    return None


def heads_in_margin(cut: Sequence[Row], xs: Sequence[float], em: float, edges: Edges) -> Structure | None:
    """Side heads in a margin of their own (a measure's number, a status set in a pill, a margin
    note), beside text that has the rest of the page to itself: white runs down the page between
    them, crossed only by a few rows that span both (a heading across the page), the margin's lines
    hold words, half as many a line as the text's or fewer, and the text's lines are prose; each side is one column (no
    white as wide as a gutter within it), and no row is a table's (a table's column of numbers or
    statuses beside its other cells is no margin); a box beside the text, which is
    no head, :func:`box_beside` has read first. Each block of the margin (its lines without white
    between them) is read where it stands, however the PDF draws it (a producer may draw every side
    head of a page first, as floats): before the first of the text's lines that starts level with
    it or below it. ``xs``: where to look for the white. None: no such margin."""
    for x in xs:
        splits = [split_row(r, x, em, edges) for r in cut]
        if any(s.kind == "table" for s in splits):
            continue
        for side, other in (("left", "right"), ("right", "left")):
            heads = [getattr(s, side) for s in splits if s.kind != "cross" and getattr(s, side)]
            text = [getattr(s, other) for s in splits if s.kind != "cross" and getattr(s, other)]
            if not heads or len(text) < MIN_ROWS or SPANS * sum(1 for s in splits if s.kind == "cross") > len(text):
                continue
            if 2 * median(len(h) for h in heads) > median(len(t) for t in text) or median(len(t) for t in text) < PROSE_WORDS or not all(_words_in_row(h) for h in heads):
                continue
            if any(Row.of(piece, em).open for piece in (*heads, *text)):
                continue  # white as wide as a gutter within a side: a table's cells, not a margin beside one column of text
            regions = _margin_and_spans(splits, side, other, em)
            gutter = (max(w.x1 for s in splits if s.kind != "cross" for w in s.left), min(w.x0 for s in splits if s.kind != "cross" for w in s.right))
            note = f"«{_text(heads[0], 4)}»: side heads in the {side} margin, each read before the text level with it"
            return Structure(tuple(regions), gutter, "", (note,))
    return None


def _margin_and_spans(splits: Sequence[Split], side: str, other: str, em: float) -> list[Region]:
    """The page's regions: each run of rows beside the margin read with its side heads where they
    stand (:func:`_heads_where_they_stand`), the rows across the margin between them as spans."""
    regions: list[Region] = []
    run: list[Split] = []
    for s in [*splits, None]:
        if s is not None and s.kind != "cross":
            run.append(s)
            continue
        if run:
            heads = [getattr(r, side) for r in run if getattr(r, side)]
            regions += _heads_where_they_stand(_blocks(heads, em), [getattr(r, other) for r in run if getattr(r, other)], side, em)
            run = []
        if s is not None:
            regions.append(Region(s.row.words, "span"))
    return regions


def _blocks(rows: Sequence[Sequence[Word]], em: float) -> list[list[Word]]:
    """Rows one under the other as blocks: a block's rows have at most half an em of white between them."""
    blocks: list[list[Word]] = []
    bottom = None
    for row in rows:
        top = min(w.top for w in row)
        if bottom is None or top - bottom > 0.5 * em:
            blocks.append([])
        blocks[-1] += row
        bottom = max(w.bottom for w in row)
    return blocks


def _heads_where_they_stand(blocks: Sequence[Sequence[Word]], text: Sequence[Sequence[Word]], side: str, em: float) -> list[Region]:
    """The text's rows as regions, each margin block a region of its own before the first of the
    rows that starts level with it or below it (a side head and the first line of its text start
    level, to ``LEVEL`` ems) and starts a block of the text: never inside a paragraph or a title
    (a status pill under a measure's number, level with its title's second line, is read after the title)."""
    regions: list[Region] = []
    run: list[Word] = []
    pending = list(blocks)
    for k, row in enumerate(text):
        top = min(w.top for w in row)
        opens = k == 0 or _opens_block(text[k - 1], row, em)
        while opens and pending and top >= min(w.top for w in pending[0]) - LEVEL * em:
            if run:
                regions.append(Region(tuple(run), "span"))
                run = []
            regions.append(Region(tuple(pending.pop(0)), side))
        run += row
    if run:
        regions.append(Region(tuple(run), "span"))
    regions += [Region(tuple(block), side) for block in pending]
    return regions


def _opens_block(above: Sequence[Word], row: Sequence[Word], em: float) -> bool:
    """Does ``row`` start a block of text: white above it wider than half an em, or type of another
    size or weight than the row above's (a title's last line over its text)?"""
    if min(w.top for w in row) - max(w.bottom for w in above) > 0.5 * em:
        return True
    a, b = above[0], row[0]
    return a.bold != b.bold or abs(a.size - b.size) > 0.5


def _apart(rows: Sequence[Sequence[Word]], em: float) -> bool:
    """Is there white of ``APART`` ems or more between two of the rows, one under the other?"""
    spans = sorted((min(w.top for w in r), max(w.bottom for w in r)) for r in rows)
    return any(top - above >= APART * em for (_, above), (top, _) in zip(spans, spans[1:]))


def _words_in_row(row: Sequence[Word]) -> bool:
    return any(sum(c.isalpha() for c in w.text) >= 2 for w in row)


def _drawn_by_column(structure: Structure, order: Order) -> bool:
    """Does the PDF draw each left column before the right one beside it? Where a page's rows have
    white at several places that each run down the page, they are three columns of prose or more, or
    a table whose cells hold prose: the geometry alone cannot tell them apart, and the drawing order
    does (a column after the other, or a table row by row)."""
    regions = structure.regions
    pairs = [(a, b) for a, b in zip(regions, regions[1:]) if a.column == "left" and b.column == "right"]
    return all((order.share_before(a.words, b.words) or 0.0) >= DRAWN for a, b in pairs)


def within_columns(structure: Structure, drawn: Sequence[Word]) -> tuple[Structure, bool]:
    """A page's structure with each column read as a page of its own: a column that holds columns
    again (three columns or more, cut at one gutter at a time, as recursive XY-cut does) is read as
    its columns, in reading order. Also says whether one did: a page cut at one gutter of several
    is read so only where the others part columns of prose too (a table's cells beside it do not)."""
    regions: list[Region] = []
    nested = False
    doubts, notes = [structure.doubt] if structure.doubt else [], list(structure.notes)
    for region in structure.regions:
        if region.column == "page" or region.column == "span":
            regions.append(region)
            continue
        inside = {id(w) for w in region.words}
        found = page_structure(region.words, drawn=lambda inside=inside: [w for w in drawn if id(w) in inside], page=False)  # type: ignore[misc]
        if found.gutter is None:
            regions.append(region)
            continue
        regions += [Region(r.words, region.column if r.column == "page" else r.column) for r in found.regions]
        nested = True
        doubts += [found.doubt] if found.doubt else []
        notes += found.notes
    return Structure(tuple(regions), structure.gutter, "; ".join(doubts), tuple(notes)), nested


def read_columns(splits: Sequence[Split], words: Sequence[Word], em: float, order: Order, ruled: Sequence[Rule] = ()) -> tuple[Structure, int]:
    """The regions of a page cut at a gutter, and how many rows its columns hold side by side: bands
    of two columns, and between them what spans them (rows across the gutter, a table's rows, a
    one-sided element set apart, a band that does not read as columns)."""
    said: list[str] = []
    pieces: list[Band | Split] = []  # in reading order
    run: list[Split] = []
    for s in [*splits, None]:
        if s is not None and s.kind not in ("cross", "table"):
            run.append(s)
            continue
        if run:
            pieces += cut_band(parts_apart(run, em), em, order, said, ruled)
            run = []
        if s is not None:
            pieces.append(s)
    said += _cells_run_on(pieces, em, order)
    bands = [p for p in pieces if isinstance(p, Band) and p.columns]
    if not any(max(b.sides, b.cut_from) >= MIN_ROWS for b in bands):  # no stretch of columns on the page, only rows that happen to be
        return Structure((Region(tuple(words), "page"),)), 0
    score = sum(b.sides for b in bands)
    for i, piece in enumerate(pieces):  # a line across the gutter in the flow of the columns: the gutter is not clean
        if isinstance(piece, Split) and piece.kind == "cross" and _between_columns(pieces, i, em) and not _heading_between(pieces, i, em, order):
            said.append(f"doubt: a line runs across the gap between the columns («{_text(piece.row.words)}»)")
    regions: list[Region] = []
    for piece in pieces:
        if isinstance(piece, Band) and piece.columns:
            regions += [Region(tuple(piece.words(side)), side) for side in ("left", "right") if piece.words(side)]
            drawn = order.share_before(piece.words("left"), piece.words("right"))
            if drawn is not None and drawn < DRAWN:
                said.append("the columns' lines are drawn in another order than they are read in; the gutter decided")
            continue
        spanned = tuple(w for s in (piece.splits if isinstance(piece, Band) else [piece]) for w in s.row.words)
        if regions and regions[-1].column == "span":
            regions[-1] = Region(regions[-1].words + spanned, "span")
        else:
            regions.append(Region(spanned, "span"))
    said += _drawn_elsewhere(regions, order)
    left = max(w.x1 for r in regions if r.column == "left" for w in r.words)
    right = min(w.x0 for r in regions if r.column == "right" for w in r.words)
    doubts = [d.removeprefix("doubt: ") for d in dict.fromkeys(said) if d.startswith("doubt: ")]
    notes = tuple(d for d in dict.fromkeys(said) if not d.startswith("doubt: "))
    return Structure(tuple(regions), (left, right), "; ".join(doubts), notes), score


def _cells_run_on(pieces: Sequence[Band | Split], em: float, order: Order) -> list[str]:
    """Bands of two columns that are a table's row running on: read with the table, not as columns.
    A table's row holds words in three or more cells level with each other, each in a column of the
    table; where a cell is longer than the others (a title over a few lines, a comment over many),
    the lines under the row hold words in one or two of those columns, and the white between them
    runs down as a gutter does. Two signals must agree. The geometry: the band stands right under
    (or over) a row of three cells or more that the gutter passes between, less white apart than
    sets a part apart, and each of its sides keeps within a cell's column of that row of its own
    (two columns of prose run across the cells of a row that only happens to stand there). The
    drawing order: a producer draws a table row by row, the cells of one row before the next row's,
    so the row and the band are drawn after all that stands above them and before all below; a
    column's lines are drawn with the lines above and below them in that column, the other column's
    before or after (a table of contents in two columns, each a table of its own, and three columns
    of prose fit the geometry, not this)."""
    said: list[str] = []
    for i, piece in enumerate(pieces):
        if not (isinstance(piece, Band) and piece.columns):
            continue
        for j in (i - 1, i + 1):
            row = pieces[j] if 0 <= j < len(pieces) else None
            if not (isinstance(row, Split) and row.kind == "table" and _within_cells(piece, row.row, em)):
                continue
            first, last = min(i, j), max(i, j)
            shares = (
                order.share_before(_words_of(pieces[:first]), [*row.row.words, *_words_of([piece])]),
                order.share_before([*row.row.words, *_words_of([piece])], _words_of(pieces[last + 1 :])),
            )
            if any(s is not None for s in shares) and all(s is None or s >= DRAWN for s in shares):
                piece.columns = False
                said.append(f"«{_text(piece.words('left'), 4)}»: a table's row running on under its cells, drawn row by row; read with the table")
                break
    return said


def _words_of(pieces: Sequence[Band | Split]) -> list[Word]:
    return [w for p in pieces for s in (p.splits if isinstance(p, Band) else [p]) for w in s.row.words]


def _within_cells(band: Band, row: Row, em: float) -> bool:
    """Does the band stand next to ``row`` (less white apart than ``APART``), a row of three cells or
    more (its words parted by its open gaps), each of the band's sides in a cell of its own: its
    lines starting level with the cell's words (to a point, as a cell's lines do) and ending before
    the next cell's?"""
    gaps = row.open
    white = max(band.splits[0].row.top - row.bottom, row.top - band.splits[-1].row.bottom)  # the band under the row, or over it
    if len(gaps) < 2 or white >= APART * em:
        return False
    if band.splits[0].row.top >= row.bottom:  # under the row: its cells' lines end where a row of its own starts
        band = Band(band.splits[: cells_end(band, em)])
    starts = [row.words[0].x0] + [b for _, b in gaps]
    cells = list(zip(starts, [*starts[1:], float("inf")]))
    found = []
    for side in ("left", "right"):
        words = band.words(side)
        if not words:
            return False
        x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
        found.append(next((n for n, (a, b) in enumerate(cells) if abs(x0 - a) <= 1.0 and x1 <= b), None))
    return None not in found and found[0] != found[1]


def cells_end(band: Band, em: float) -> int:
    """How many of the band's rows, under a table's row, hold that row's cells' lines. A cell's lines
    follow each other closely (its paragraphs less than ``APART`` apart); lines on one side set apart
    from that side's lines above by white at least so wide, under the other side's last line, start
    after every cell of the row has ended: a row of their own (a group row across the table, its
    words on one side of the white between the cells' stacks), not the row's."""
    splits = band.splits
    for k in range(1, len(splits)):
        side = splits[k].kind
        if side not in ("left", "right"):
            continue
        other = "right" if side == "left" else "left"
        above = [w for s in splits[:k] for w in getattr(s, side)]
        if above and not any(getattr(s, other) for s in splits[k:]) and splits[k].row.top - max(w.bottom for w in above) >= APART * em:
            return k
    return len(splits)


def _between_columns(pieces: Sequence[Band | Split], i: int, em: float) -> bool:
    """Is the row ``pieces[i]`` set in the flow of columns above and below it, without white apart?"""
    if i == 0 or i + 1 >= len(pieces):
        return False
    above, below, row = pieces[i - 1], pieces[i + 1], pieces[i]
    assert isinstance(row, Split)
    if not (isinstance(above, Band) and above.columns and isinstance(below, Band) and below.columns):
        return False
    return row.row.top - above.splits[-1].row.bottom < APART * em and below.splits[0].row.top - row.row.bottom < APART * em


def _heading_between(pieces: Sequence[Band | Split], i: int, em: float, order: Order) -> bool:
    """Is the row ``pieces[i]`` (across the gutter, between columns, without white apart) a heading
    across both columns, where a section in columns ends and the next begins? It is set apart by
    its type (bold, or larger than the page's text), and the PDF draws it where it is read: after
    the columns above it and before those below, each pair drawn a column after the other. Then the
    geometry and the drawing order agree, and the gutter is no less clean for it; a line of the
    columns' own type across the gutter, or one drawn elsewhere, leaves the order in doubt."""
    above, below, row = pieces[i - 1], pieces[i + 1], pieces[i]
    assert isinstance(above, Band) and isinstance(below, Band) and isinstance(row, Split)
    words = row.row.words
    if not (all(w.bold for w in words) or min(w.size for w in words) >= LARGER * em):
        return False
    shares = (
        order.share_before(above.words("left"), above.words("right")),
        order.share_before(below.words("left"), below.words("right")),
        order.share_before([*above.words("left"), *above.words("right")], words),
        order.share_before(words, [*below.words("left"), *below.words("right")]),
    )
    return all(share is not None and share >= DRAWN for share in shares)


def _drawn_elsewhere(regions: Sequence[Region], order: Order) -> list[str]:
    """Regions the PDF draws after everything read after them (a table drawn after the columns under
    it): the geometry placed them."""
    firsts = [min(order.of(r.words)) for r in regions]
    return [f"«{_text(regions[i].words, 4)}» is drawn after what is read after it; placed where it stands" for i in range(len(regions) - 1) if firsts[i] > max(firsts[i + 1 :])]


# --- the document's columns ---------------------------------------------------------------------------


def column_starts(lines: Iterable[Line], body_size: float, left_margin: float) -> tuple[float, ...]:
    """Where the document's columns of text start: its left margin, and the left edge of any further
    column, an x at least a column's width (``COLUMN_WIDTH`` ems) right of the others where a good
    share of the body lines start. A heading opens its column there, as it opens a page at the left
    margin; in a document of one column, this is the left margin alone."""
    xs = Counter(round(line.x0) for line in lines if abs(line.size - body_size) < 0.6 and isfinite(line.x0))
    total = sum(xs.values())
    starts = [left_margin]
    for x, n in xs.most_common():
        if n < COLUMN_SHARE * total:
            break
        if all(abs(x - s) >= COLUMN_WIDTH * body_size for s in starts):
            starts.append(float(column_edge(xs, x, body_size)))
    return tuple(starts)


def column_edge(starts: Counter[int], x: int, em: float) -> int:
    """The left edge of the column in which most lines start at ``x`` (``starts``: how many lines
    start at each x): the leftmost x less than a column's width left of it where at least half as
    many lines start. The values of a list of definitions, indented under their labels, or a
    list's items may outnumber the column's other lines; the column's edge is still where they
    are indented from, and a heading opens the column there."""
    return min((y for y, n in starts.items() if x - COLUMN_WIDTH * em < y <= x and 2 * n >= starts[x]), default=x)
