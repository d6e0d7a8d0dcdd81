"""What a line's layout says about it, in reading order: the predicates that segmenting,
splitting fields and inferring a profile share.

Headings, labels and table rows are found from layout together with patterns. These are the
layout halves: whether a line is set apart from the body text (by weight, size, face, slant,
colour or an underline; or each of its words, a bold number before an italic title), where a heading run into its
paragraph's first line ends (a change of style), whether white space stands above it, whether it opens
a page or a column, whether it starts a paragraph, where a heading that ends with its number begins,
whether it is a row of a numbered table, where its leading cell ends, which lines are the rows of a
key/value table, where a line may go on with another field after a mark set between fields. They read
:class:`Document` lines as page structure (:mod:`pipeline.stages.structure`) ordered them and know no profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from pipeline.model import Document, Line, Word, font_family, has_letters

MARGIN_TOLERANCE = 1.5  # ems a heading may sit right of the left margin
SIZE_STEP = 0.75  # points larger than the body text that make a line stand out
SPACE_BEFORE = 1.5  # ems of white space above a line that make it stand out
COLUMN_GAP = 1.0  # ems of white space between a table row's number and its first cell
CELL_GAP = 0.6  # ems of white space that separate two cells of a line (wider than justified spacing)
PARAGRAPH_GAP = 0.5  # ems of white space above a line, beyond its leading, that start a paragraph
PARAGRAPH_STEP = 0.3  # ems of white space above a line, beyond the gap between a paragraph's lines, that start one
SENTENCE_END = tuple(".!?:;»”)")
# A line's end in a leader and a page number: leader glyphs standing apart from the text (« . . . 12», « . 12»),
# or three or more glued («…………12», «rapporten......3»), then a page of one to three digits or a lower-case numeral.
LEADER_END = regex.compile(r"(?:(?<!\S)[.·…‥_](?:\s*[.·…‥_])*|[.·…‥_]{3,})\s*(?:\d{1,3}|[ivxlc]{1,6})$")


def styled_apart(line: Line, doc: Document) -> bool:
    """Set apart from the body text by weight, size, face, slant or colour, or by a rule drawn under
    its words end to end (a heading in the body's type, underlined)."""
    return (
        line.bold
        or line.italic
        or line.size >= doc.body_size + SIZE_STEP
        or line.family not in ("mixed", doc.body_family or line.family)
        or line.color not in ("mixed", doc.body_color)
        or line.underlined
    )


def word_apart(word: Word, doc: Document) -> bool:
    """A word set apart from the body text by its own weight, slant, size, face or colour."""
    family = font_family(word.fontname)
    return word.bold or word.italic or word.size >= doc.body_size + SIZE_STEP or family != (doc.body_family or family) or word.color != doc.body_color


def words_apart(line: Line, doc: Document) -> bool:
    """Every word with letters set apart from the body text, not all by the same style: a heading whose
    number and title are set in two styles (a bold number, an italic title), which the line as a whole,
    mixed in weight, slant and colour, does not show to :func:`styled_apart`."""
    inked = line.inked
    return bool(inked) and all(word_apart(w, doc) for w in inked)


def same_word_style(a: Word, b: Word) -> bool:
    """Two words in one style: weight, slant, size (within half a point), face and colour."""
    return (
        a.bold == b.bold
        and a.italic == b.italic
        and abs(a.size - b.size) <= 0.5
        and font_family(a.fontname) == font_family(b.fontname)
        and a.color == b.color
    )


def style_runs(words: Sequence[Word]) -> list[int]:
    """Where each run of words in one style starts (indices into ``words``, the first 0); a word
    without letters (punctuation, a bullet) goes with the run before it."""
    starts = [0]
    previous: Word | None = None
    for k, word in enumerate(words):
        if not has_letters(word.text):
            continue
        if previous is not None and not same_word_style(previous, word):
            starts.append(k)
        previous = word
    return starts


def run_in_title(line: Line, doc: Document) -> tuple[int, int] | None:
    """Where the title starts and ends in a heading run into its paragraph's first line: the line opens
    with a run of words set apart from the body text (the number, in bold), then a run in a second
    style, set apart too (the title, in italics); the title ends where a third style begins (the
    text, in the body's style) or at the line's end. None for a line in one style, or whose opening
    runs are not both set apart (a bold label, then its value in the body's style)."""
    first = next((w for w in line.words if has_letters(w.text)), None)
    if first is None or not word_apart(first, doc):  # (most lines open in the body's style: asked first)
        return None
    runs = [*style_runs(line.words), len(line.words)]
    if len(runs) < 3:
        return None
    title, text = runs[1], runs[2]
    if not all(word_apart(w, doc) for w in line.words[:text] if has_letters(w.text)):
        return None
    return title, text


def contents_entry(line: Line) -> bool:
    """An entry of a table of contents: the line ends in a leader and a page number («Oversikt over status
    for tiltak . . . 3»). It names a heading the report has elsewhere, and is neither that heading nor
    the table it names, however it is set."""
    return bool(LEADER_END.search(line.text.rstrip()))


def space_before(lines: Sequence[Line], i: int, doc: Document) -> bool:
    """White space above the line wider than a paragraph's (the first line of a page or a
    column has none to measure: :func:`opens_region`)."""
    if i == 0 or lines[i - 1].page != lines[i].page:
        return False
    return lines[i].top - lines[i - 1].bottom >= SPACE_BEFORE * doc.body_size


def opens_region(lines: Sequence[Line], i: int) -> bool:
    """Is the line the first of its page or of a column, in reading order? (The line before it
    is on an earlier page, or stands lower on the page: reading went up to a column's head.)"""
    if i == 0:
        return True
    prev, line = lines[i - 1], lines[i]
    return prev.page != line.page or line.bottom <= prev.top


def ends_paragraph(line: Line, doc: Document) -> bool:
    """Does the line end its paragraph, as far as the line alone shows: a sentence's end, or it
    stops short of the right margin (its page's: a book's mirrored margins move it) by more than a word."""
    if line.text.rstrip().endswith(SENTENCE_END):
        return True
    return bool(doc.right_margin) and line.x1 < doc.right_margin_on(line.page) - 4 * doc.body_size


def is_table_row(line: Line, doc: Document) -> bool:
    """A row of a numbered table: a bare number, then a column gap, then the first cell."""
    words = line.words
    return len(words) > 1 and words[0].text.isdigit() and len(words[0].text) <= 3 and words[1].x0 - words[0].x1 >= COLUMN_GAP * doc.body_size


def leading_cell_end(line: Line) -> int:
    """Where the line's leading cell ends: the index of the first word after white space wider than a
    cell gap (:data:`CELL_GAP` ems of the line's own size, so that a running header in small type is
    measured by its own spacing), or the number of words where there is none. The leading cell is what
    repeats of a running header whose right-hand part changes («… statusrapport 2023» before the
    chapter's name), and a label set in a cell beside its value («Status | ✔ Gjennomført»)."""
    words = line.words
    return next((k for k in range(1, len(words)) if words[k].x0 - words[k - 1].x1 > CELL_GAP * line.size), len(words))


def trailing_cell_start(line: Line) -> int:
    """Where the line's trailing cell starts: the index of the first word after the last white space wider
    than a cell gap (as :func:`leading_cell_end` measures it), or 0 where there is none. A running footer
    that names the section beside its page number («Tiltak 6. …      Side 6 | 20») repeats by it."""
    words = line.words
    return next((k for k in range(len(words) - 1, 0, -1) if words[k].x0 - words[k - 1].x1 > CELL_GAP * line.size), 0)


KEY_ALIGN = 0.25  # ems two rows' keys, or their values, may stand apart and still be one column of a key/value table


def value_column(line: Line) -> float | None:
    """Where the value of a key/value row starts: the left edge of the first word after its leading cell
    (:func:`leading_cell_end`); None for a line that is one cell."""
    end = leading_cell_end(line)
    return line.words[end].x0 if end < len(line.words) else None


def table_line(prev: Line, line: Line, column: tuple[float, float]) -> str | None:
    """What ``line``, read after ``prev``, is to a key/value table whose keys start at ``column[0]`` and
    values at ``column[1]``: «row» (a key, and a value in the values' column), «wrap» (a value wrapped onto
    a line of its own, set in the values' column), or None (the table has ended)."""
    if prev.page != line.page or line.top < prev.top:
        return None
    tolerance = KEY_ALIGN * line.size
    value = value_column(line)
    if value is not None and abs(line.x0 - column[0]) <= tolerance and abs(value - column[1]) <= tolerance:
        return "row"
    return "wrap" if abs(line.x0 - column[1]) <= tolerance else None


def key_value_tables(lines: Sequence[Line], start: int, end: int) -> list[list[range]]:
    """The key/value tables among ``lines[start:end]``, each as its rows, each row the lines it spans: two rows
    or more in reading order, each a key in a cell of its own at the line's start and its value in a column
    beside it, the keys starting at one edge and the values at another («Ansvarlig departement | BFD»,
    «Status | Pågår»), a value's wrapped lines in its row, and half its values at least holding words. Prose with a wide
    space after its first words is none: its next line keeps no second column; nor is a table of figures."""
    tables: list[list[range]] = []
    rows: list[range] = []  # the rows of the table being read
    column = (0.0, 0.0)
    for k in range(start, end):
        what = table_line(lines[rows[-1][-1]], lines[k], column) if rows else None
        if what == "row":
            rows.append(range(k, k + 1))
            continue
        if what == "wrap":
            rows[-1] = range(rows[-1].start, k + 1)
            continue
        if len(rows) >= 2:
            tables.append(rows)
        value = value_column(lines[k])
        rows, column = ([range(k, k + 1)], (lines[k].x0, value)) if value is not None else ([], (0.0, 0.0))
    if len(rows) >= 2:
        tables.append(rows)
    return [table for table in tables if 2 * sum(holds_words(lines, row) for row in table) >= len(table)]


def cells_of(line: Line) -> list[tuple[Word, ...]]:
    """A line's cells: its words split at white space wider than a cell gap (as :func:`leading_cell_end`
    measures it), in reading order."""
    words, cells, first = line.words, [], 0
    for k in range(1, len(words) + 1):
        if k == len(words) or words[k].x0 - words[k - 1].x1 > CELL_GAP * line.size:
            cells.append(tuple(words[first:k]))
            first = k
    return cells


def column_of(word: Word, starts: Sequence[float], tolerance: float) -> int:
    """The column a word stands in, of columns starting at ``starts`` (left to right): the last that starts at
    or left of it; -1 left of them all."""
    return max((i for i, x in enumerate(starts) if word.x0 >= x - tolerance), default=-1)


def in_columns(line: Line, starts: Sequence[float]) -> dict[int, tuple[Word, ...]] | None:
    """A line's cells by the column each stands in (``starts``: the columns' left edges), or None where a cell
    straddles two columns or starts left of the first: the line is no row of these columns."""
    tolerance = KEY_ALIGN * line.size
    out: dict[int, tuple[Word, ...]] = {}
    for cell in cells_of(line):
        columns = {column_of(w, starts, tolerance) for w in cell}
        if len(columns) != 1 or -1 in columns or min(columns) in out:
            return None
        out[min(columns)] = cell
    return out


def values_under(lines: Sequence[Line], k: int, end: int) -> range | None:
    """The row of values under a row of cells side by side (``lines[k]``, «Ansvarlig | Status | Frist»), its
    cells aligned column by column with it («KD | I rute | 2025»): the lines it spans (a value wrapped in its
    column at the text's leading), or None. It holds values in two columns at
    least; and it is one row: a further row in the same columns makes the lines a table of many rows, whose
    header names its columns and not one measure's fields."""
    head = lines[k]
    starts = [cell[0].x0 for cell in cells_of(head)]
    if len(starts) < 2 or k + 1 >= end:
        return None
    first = lines[k + 1]
    if first.page != head.page or first.top < head.bottom:
        return None
    row = in_columns(first, starts)
    if row is None or len(row) < 2:
        return None
    reach = first.top - head.bottom + KEY_ALIGN * first.size  # as far below as the row is below the cells
    stop = k + 2
    while stop < end and lines[stop].page == first.page and 0 <= (space := lines[stop].top - lines[stop - 1].bottom) <= reach:
        wrapped = in_columns(lines[stop], starts)
        if wrapped is not None and len(wrapped) >= 2:
            return None  # a second row: a table, not a row of values
        if wrapped is None or space > PARAGRAPH_GAP * lines[stop].size:
            break  # a wrapped value follows at the text's leading; a new paragraph farther below
        stop += 1
    return range(k + 1, stop)


def holds_words(lines: Sequence[Line], row: range) -> bool:
    """Does a key/value row's value hold a word? Most rows of a key/value table do («BFD», «Pågår»); a
    table of figures, whose first cell names a row and not a field («Departementene og Statsministerens
    kontor | 11,6 | 11,4»), has none."""
    first = lines[row.start]
    words = [*first.words[leading_cell_end(first) :], *(w for k in row[1:] for w in lines[k].words)]
    return any(c.isalpha() for w in words for c in w.text)


def at_column_start(line: Line, doc: Document, starts: Sequence[float] = ()) -> bool:
    """Does the line start at the text's left margin, or at the left edge of a further column
    (``starts``: :func:`pipeline.stages.structure.column_starts`), or left of all the text (a heading
    hung into the margin, a measure's number there, or a side head in a column of its own beside the
    text, which is indented from it)? Where it starts is measured in its page's text block (:meth:`Document.aligned_x0`):
    ``starts`` are the document's, and a book's mirrored margins set the block further right on every other page."""
    starts = starts or (doc.left_margin,)
    x0 = doc.aligned_x0(line)
    return hung_left(line, doc, starts) or any(-doc.body_size <= x0 - start <= MARGIN_TOLERANCE * doc.body_size for start in starts)


def hung_left(line: Line, doc: Document, starts: Sequence[float] = ()) -> bool:
    """Does the line start left of all the text, by more than an em (``starts``: where the document's
    columns start; by default its left margin alone)? A heading hung into the margin, a measure's
    number there, or a side head in a column of its own beside the text; never a footnote or a
    line of the text, which start at its margin. Measured in its page's text block, as :func:`at_column_start` is."""
    starts = starts or (doc.left_margin,)
    return doc.aligned_x0(line) < min(starts) - doc.body_size


def same_style(a: Line, b: Line) -> bool:
    """Two lines in one style: weight, slant, size (within half a point), face, colour, and underline (an
    underlined heading's next line goes on with it while it is underlined too)."""
    return (
        a.bold == b.bold
        and a.italic == b.italic
        and abs(a.size - b.size) <= 0.5
        and a.family == b.family
        and a.color == b.color
        and a.underlined == b.underlined
    )


def stands_over(lines: Sequence[Line], k: int, doc: Document) -> bool:
    """Does ``lines[k - 1]`` stand over ``lines[k]`` as a line of the same wrapped heading: in its style, on its page
    at its line spacing, and full, so that ``lines[k]`` starts no paragraph (its first word would not have fitted)?"""
    if k <= 0:
        return False
    above, line = lines[k - 1], lines[k]
    return (
        above.page == line.page
        and same_style(above, line)
        and 0 <= line.top - above.bottom <= 0.9 * line.size
        and not starts_paragraph(lines, k, k - 1, right_margin_above(lines, k, doc))
    )


def opens_apart(lines: Sequence[Line], k: int, doc: Document) -> bool:
    """Is ``lines[k]`` set apart from the text above it, as a heading's first line is: white space above it, opening a
    page or a column, or a style set apart from the body text in a paragraph of its own (the line above does not
    stand over it: another style, or a paragraph's end)?"""
    if space_before(lines, k, doc) or opens_region(lines, k):
        return True
    return (styled_apart(lines[k], doc) or words_apart(lines[k], doc)) and not stands_over(lines, k, doc)


def heading_top(lines: Sequence[Line], i: int, doc: Document, starts: Sequence[float] = ()) -> int:
    """The first line of a heading that ends with its number at ``lines[i]`` («Utvikle et felles kartgrunnlag … med
    mye» over «lyngmark langs kysten (tiltak 4)»): the lines above it at a column's start that stand over it
    (:func:`stands_over`), up to one set apart from the text above (:func:`opens_apart`); the mirror of a heading's
    title going on below its number. ``i`` itself where no such line is: a last line of the text above, in the
    heading's style too, ends its paragraph or stands a paragraph's space above, and is never taken."""
    top = i
    while stands_over(lines, top, doc) and at_column_start(lines[top - 1], doc, starts):
        top -= 1
    return top if top < i and opens_apart(lines, top, doc) else i


def line_gap(lines: Sequence[Line]) -> float:
    """The white space between two lines of one paragraph in these lines (the median of the gaps
    narrower than a line), 0 when there are too few to tell."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 <= b.top - a.bottom < a.bottom - a.top)
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


def after_bullet(line: Line) -> Line:
    """A list item's line without its bullet («• Ansvar: KD»; extraction writes any bullet glyph as «•»): a label
    after a list's bullet opens its field as one at a line's start does."""
    if len(line.words) > 1 and line.words[0].text == "•":
        return replace(line, words=line.words[1:])
    return line


# Marks set between two fields printed on one line («Ansvar: BFD · Status: Pågår · Frist: 2025»), each a word of its own.
FIELD_MARKS = frozenset("·|•–—")


def field_breaks(words: Sequence[Word]) -> list[int]:
    """Where a line's words may go on with another field («Ansvar: BFD · Status: Pågår · Frist: 2025»): the index of
    each word after a mark set between fields, a middot, bar, bullet or dash standing alone between spaces
    (:data:`FIELD_MARKS`), or a semicolon ending the word before, after some text. Whether a field starts there is
    for the words after the mark to say, a label: a dash in prose, or a middot in a list of departments («AID · KD»),
    is followed by none."""
    out = []
    for k in range(1, len(words)):
        mark = words[k - 1]
        alone = k > 1 and mark.text in FIELD_MARKS and mark.space_before
        if words[k].space_before and (alone or (len(mark.text) > 1 and mark.text.endswith(";"))):
            out.append(k)
    return out


def right_margin_above(lines: Sequence[Line], k: int, doc: Document) -> float:
    """The right margin the line above ``lines[k]`` is measured against by :func:`starts_paragraph` (is it full?):
    that of its own page's text block, which a book's mirrored margins move (:meth:`Document.right_margin_on`)."""
    return doc.right_margin_on(lines[k - 1].page) if k > 0 else doc.right_margin


def starts_paragraph(lines: Sequence[Line], k: int, first: int, right_margin: float = 0.0, gap: float = 0.0) -> bool:
    """Is ``lines[k]`` the first line of a paragraph (``first``: the first line of the stretch read)?

    It is after a sentence's end, after white space wider than the leading (or, where ``gap``
    gives the white space between a paragraph's lines, wider than that by a third of an em), or
    when its first word would have fitted at the end of the line above (so that line was not full:
    it ended its paragraph), which holds for ragged and justified text alike.
    """
    if k <= first:
        return True
    prev, line = lines[k - 1], lines[k]
    if prev.text.rstrip().endswith(SENTENCE_END):
        return True
    first_word = line.words[0]
    if right_margin and prev.x1 + 0.3 * line.size + (first_word.x1 - first_word.x0) < right_margin - 1.0:
        return True
    if line.page != prev.page:
        return False
    space = line.top - prev.bottom
    leading = max(prev.bottom - prev.top, line.bottom - line.top) * 0.25
    return space > leading + PARAGRAPH_GAP * line.size or (gap > 0 and space > gap + PARAGRAPH_STEP * line.size)
