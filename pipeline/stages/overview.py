"""Stage 2 — overview: the "Oversikt over status for tiltak" table as rows.

Columns are found from the header row's words (the profile names them), and
every later word goes to the column its left edge falls in, which works for
ruled and unruled tables alike. A number in the first column opens a row;
lines with words only in later columns continue the open row (wrapped cells);
a line whose text starts in the first column but is no number is a group row
("Innsatsområde N: …") or a sub-group row. The table runs across page breaks
(and past a repeated header) until the body's first heading; a repeated header's columns say
where the continuation's cells stand (on a page of other margins, or in a half of the table
set beside the other, which page structure reads after it). The summary is the sentence under the title or
closing the text above it, else a table of counts, a row per status (:func:`counts_table`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import permutations

import regex

from pipeline.hyphenation import CellWraps
from pipeline.model import OMIT_DEFAULT, Box, Document, Line, Word, font_family, words_text
from pipeline.profiles.loader import GROUP_COLUMN, OverviewColumn, Profile, sum_rows
from pipeline.stages.layout import cells_of, contents_entry
from pipeline.stages.segment import (
    Heading,
    Innsatsomrade,
    area_number,
    area_numbers,
    find_headings,
    lettered,
    number_places,
    numbered_as_printed,
    read_number,
)
from pipeline.text import collapse, join_cell, join_lines, latest_dated

COLUMN_SLACK = 4.0  # points a cell's text may start left of its header


@dataclass(frozen=True)
class OverviewRow:
    tiltak_nr: int
    title: str
    ansvarlig_departement: str
    status: str
    innsatsomrade_nr: int | None
    innsatsomrade_title: str | None
    undergruppe: str | None
    page: int
    boxes: tuple[Box, ...]
    description: str = field(default="", metadata=OMIT_DEFAULT)  # the text columns, where the table has them (loader.TEXT_COLUMNS)
    sluttrapport: str = field(default="", metadata=OMIT_DEFAULT)
    # where each column's text of the row is printed, by key (a table of measures: [body] kind = "table")
    cells: tuple[tuple[str, tuple[Box, ...]], ...] = field(default=(), metadata=OMIT_DEFAULT)
    # the Nr. cell as printed where it has several levels («2.1»), tiltak_nr then its place (segment.number_places)
    nummer: str = field(default="", metadata=OMIT_DEFAULT)
    # the focus areas' column's cell as the row prints it (loader.GROUP_COLUMN): empty in the rows its area's cell spans after the first
    innsatsomrade_cell: str = field(default="", metadata=OMIT_DEFAULT)

    def cell_boxes(self, key: str) -> tuple[Box, ...]:
        return next((boxes for k, boxes in self.cells if k == key), ())


@dataclass(frozen=True)
class CellBreak:
    """A line end inside a table cell that could be inside a word, and what was decided for it with
    what evidence: joined («Gjennomfør» / «t»), a hyphen kept, or left a space between two words."""

    tiltak_nr: int
    column: str
    page: int
    left: str  # the line's last word
    right: str  # the next line's first word in the cell
    decision: str  # "join" | "space" | "keep" | "suspended"
    evidence: str
    nummer: str = field(default="", metadata=OMIT_DEFAULT)  # as OverviewRow.nummer


@dataclass(frozen=True)
class Overview:
    found: bool
    title_page: int | None
    summary_text: str
    summary_total: int | None
    summary_counts: dict[str, int] = field(default_factory=dict)
    rows: tuple[OverviewRow, ...] = ()
    header: tuple[str, ...] = ()
    end_line: int | None = None  # first line index after the table
    # the first line of each heading that captions a part of the table (one part per focus area, each under its own heading)
    captions: tuple[int, ...] = field(default=(), metadata=OMIT_DEFAULT)
    keys: tuple[str, ...] = field(default=(), metadata=OMIT_DEFAULT)  # the column each header names (a table of measures)
    # every line end inside a cell that could be inside a word, with what was decided and on what evidence
    breaks: tuple[CellBreak, ...] = field(default=(), metadata=OMIT_DEFAULT)
    # a table of measures' group rows that head focus areas, as headings (its focus areas: see focus_areas)
    groups: tuple[Heading, ...] = field(default=(), metadata=OMIT_DEFAULT)
    # the summary is a table of counts, a row per status (:func:`counts_table`), not a sentence
    summary_table: bool = field(default=False, metadata=OMIT_DEFAULT)


@dataclass
class _OpenRow:
    nr: int
    nummer: str
    cells: dict[str, list[list[str]]]
    group: tuple[int, str] | None
    subgroup: str | None
    lines: list[Line]
    style: tuple = ()  # the type its cells are set in (a line in other type is no wrapped cell)
    boxes: dict[str, list[Box]] = field(default_factory=dict)  # each column's printed lines
    title_bold: list[bool] = field(default_factory=list)  # per line of the title cell: set in bold
    column_styles: dict[int, tuple] = field(default_factory=dict)  # the type of each column's cell on the row's first line
    first_line: int = 0  # the index of the row's first line


def _clusters(lines: Sequence[Line]) -> list[tuple[float, str]]:
    """Header cells: words stacked over each other (a wrapped header cell) merged."""
    words: list[Word] = sorted((w for ln in lines for w in ln.words), key=lambda w: w.x0)
    cells: list[tuple[float, float, list[Word]]] = []
    for w in words:
        if cells and w.x0 < cells[-1][1] - 0.5:
            x0, x1, ws = cells[-1]
            cells[-1] = (x0, max(x1, w.x1), ws + [w])
        else:
            cells.append((w.x0, w.x1, [w]))
    out = []
    for x0, _, ws in cells:
        ordered = sorted(ws, key=lambda w: (round(w.top), w.x0))
        out.append((x0, collapse(" ".join(w.text for w in ordered))))
    return out


HeaderCell = tuple[float, str, str]  # a column's left edge, its header as printed, its key ("": a column read as no field)
HEADER_WORDS = 4  # cells (words set apart) a column's header may run over: «Status og videre arbeid»
EXTRA_COLUMNS = 2  # columns after the profile's last that a header row may have (their cells are kept out of the fields)


def match_header(lines: Sequence[Line], profile: Profile) -> list[HeaderCell] | None:
    """(left edge, header text, key) of each column if these lines are the table's header row:
    every cell taken, in order, by the profile's columns (each the longest run of up to four
    cells its header pattern matches; an optional column the table lacks skipped), and up to
    ``EXTRA_COLUMNS`` more at its end, which no field reads. A header whose required columns
    stand in another order («Status | Nr. | Tiltak | Ansvarlig», «Nr. | Tiltak | Status | Ansvarlig»)
    is the table's too, where its first cell is a required column's header. Failing all these, the
    same with up to ``UNREAD_COLUMNS`` columns no field reads among the profile's («Frist», «Budsjett»)."""
    found = _match_columns(_clusters(lines), profile.overview_columns)
    status = next(c for c in profile.overview_columns if c.key == "status")
    return latest_status(found, status) if found else found


def _match_columns(cells: Sequence[tuple[float, str]], columns: Sequence[OverviewColumn]) -> list[HeaderCell] | None:
    """The header's cells taken by the columns (:func:`match_header`), as printed."""
    found = _in_order(cells, columns)
    if found is not None or not cells:
        return found
    required = [c for c in columns if not c.optional]
    optional = [c for c in columns if c.optional]
    orders = []
    if len(cells) <= MAX_HEADER_CELLS and any(c.header.match(cells[0][1]) for c in required):  # (a line of text: no header opens it)
        # the orders opening with another column than the number's first, then the others opening with the number's
        permuted = sorted((order for order in permutations(required) if list(order) != required), key=lambda order: order[0] is required[0])
        orders = [[*order, *optional] for order in permuted]
    found = next((found for order in orders if (found := _in_order(cells, order)) is not None), None)
    if found is not None:
        return found
    return next((found for order in (columns, *orders) if (found := _with_columns_between(cells, order)) is not None), None)


MAX_HEADER_CELLS = 10  # cells of a header row whose columns may stand in another order (more: no header is tried so)


def latest_status(found: list[HeaderCell], status: OverviewColumn) -> list[HeaderCell]:
    """A status per year («Status 2023 | Status 2024»): of the status column's cell and the runs of cells no field
    reads that its header matches too, each naming a year, the status column is the latest year's
    (:func:`pipeline.text.latest_dated`), as where a measure stands now; the others are read as no field."""
    at = next((k for k, (_, _, key) in enumerate(found) if key == "status"), None)
    if at is None:
        return found
    spans = [(at, at + 1)]
    for start in range(len(found)):
        ends = range(min(len(found), start + HEADER_WORDS), start, -1)
        end = next((e for e in ends if not any(key for _, _, key in found[start:e]) and status.header.match(_text_of(found[start:e]))), None)
        if end is not None:
            spans.append((start, end))
    latest = latest_dated([_text_of(found[a:b]) for a, b in spans], range(len(spans))) or 0
    if not latest:
        return found
    start, end = spans[latest]
    unread = [(x, text, "" if k == at else key) for k, (x, text, key) in enumerate(found)]
    return [*unread[:start], (found[start][0], _text_of(found[start:end]), "status"), *unread[end:]]


def _text_of(cells: Sequence[HeaderCell]) -> str:
    return " ".join(text for _, text, _ in cells)


def _in_order(cells: Sequence[tuple[float, str]], columns: Sequence[OverviewColumn]) -> list[HeaderCell] | None:
    """The columns in this order, each taking the cells its header matches (see :func:`match_header`)."""

    def take(col: int, pos: int, extra: int) -> list[HeaderCell] | None:
        if col == len(columns):  # every column taken; ``extra`` columns no profile names may follow («Frist»)
            return [(x, text, "") for x, text in cells[pos:]] if len(cells) - pos <= extra else None
        column = columns[col]
        for end in range(min(len(cells), pos + HEADER_WORDS), pos, -1):
            text = " ".join(t for _, t in cells[pos:end])
            if column.header.match(text) and (rest := take(col + 1, end, extra)) is not None:
                return [(cells[pos][0], text, column.key), *rest]
        return take(col + 1, pos, extra) if column.optional else None

    # every cell a column's, where it can be (a wrapped «Beskrivelse» / «av fremdrift» is one header)
    return take(0, 0, 0) or take(0, 0, EXTRA_COLUMNS)


UNREAD_COLUMNS = 4  # cells of columns no field reads a header row may have among the profile's («Frist», «Ansvarlig etat»)


def _with_columns_between(cells: Sequence[tuple[float, str]], columns: Sequence[OverviewColumn]) -> list[HeaderCell] | None:
    """The columns in this order with up to ``UNREAD_COLUMNS`` cells no field reads among them, after the
    first («Nr. | Tiltak | Ansvarlig | Frist | Budsjett | Status | Kommentar»: a table of measures prints
    what it likes beside its fields, in any place): of the ways to read the row so, the one whose
    columns take the most cells, so no column is left unread where a field's header names it."""

    def ways(col: int, pos: int, extra: int) -> Iterator[list[HeaderCell]]:
        if col == len(columns):
            if len(cells) - pos <= extra:
                yield [(x, text, "") for x, text in cells[pos:]]
            return
        column = columns[col]
        for end in range(min(len(cells), pos + HEADER_WORDS), pos, -1):
            text = " ".join(t for _, t in cells[pos:end])
            if column.header.match(text):
                yield from ([(cells[pos][0], text, column.key), *rest] for rest in ways(col + 1, end, extra))
        if column.optional:
            yield from ways(col + 1, pos, extra)
        if col > 0 and extra > 0 and pos < len(cells):  # the cell a column no field reads
            yield from ([(*cells[pos], ""), *rest] for rest in ways(col, pos + 1, extra - 1))

    return max(ways(0, 0, UNREAD_COLUMNS), key=lambda found: sum(1 for _, _, key in found if key), default=None)


def find_header(doc: Document, profile: Profile, start: int, stop: int) -> tuple[int, int, list[HeaderCell]] | None:
    """(first line, last line, column edges) of the header row within [start, stop)."""
    lines = doc.lines
    for i in range(start, stop):
        one = match_header([lines[i]], profile)
        nxt = lines[i + 1] if i + 1 < stop else None
        # a header cell wrapped onto a second line ("Ansvarlig" / "dep.")
        if nxt is not None and nxt.page == lines[i].page and nxt.top - lines[i].bottom < 0.6 * nxt.size:
            two = match_header([lines[i], nxt], profile)
            if two:
                return i, i + 1, two
        if one:
            return i, i, one
    return None


def captions_part(doc: Document, profile: Profile, heading: Heading) -> bool:
    """A heading right over a header row of the table captions a part of it (a table split in one part
    per focus area, each under its own small heading): it is the table's group row, not the body's heading."""
    below = heading.last_line + 1
    header = find_header(doc, profile, below, min(below + 2, len(doc.lines)))
    return header is not None and header[0] == below


def table_end(doc: Document, profile: Profile, headings: Sequence[Heading], after: int) -> int:
    """Where the table that starts after line ``after`` ends: at the first heading below it that captions no part of it."""
    return next((h.first_line for h in headings if h.first_line > after and not captions_part(doc, profile, h)), len(doc.lines))


def _column_of(x0: float, edges: Sequence[float]) -> int:
    col = 0
    for k, edge in enumerate(edges):
        if x0 >= edge - COLUMN_SLACK:
            col = k
    return col


NUMBER_NOTE = regex.compile(r"^\(\p{Ll}{2,20}\)$")  # a note after a row's number: «(nytt)», «(endret)»
SUMMARY_LOOKBACK = 4  # lines before a table's title where its summary sentence may stand


def lines_before(lines: Sequence[Line], title_at: int) -> list[str]:
    """The text just before a table's title on its page: where a report may give the summary sentence
    («Av de 12 tiltakene er 3 avsluttet, …»), closing its introduction, rather than under the title."""
    page = lines[title_at].page
    start = max(0, title_at - SUMMARY_LOOKBACK)
    while start > 0 and is_list_item(lines[start]) and lines[start - 1].page == page:
        start -= 1  # a list («• 5 gjennomført», one line a status) counts as the line that introduces it
    return [ln.text for ln in lines[start:title_at] if ln.page == page]


def is_list_item(line: Line) -> bool:
    """A list's item («• 5 gjennomført»): extraction has written its bullet, whatever glyph, as «•»."""
    return len(line.words) > 1 and line.words[0].text == "•"


def parse_summary(text: str, profile: Profile) -> tuple[int | None, dict[str, int]]:
    """The summary's total and its count of each status, in digits or in words (``Profile.count_value``); where the
    profile reads no total (a list of counts, «• 5 gjennomført», printing none), the total is the sum of the counts."""
    counts = {}
    for status, pattern in profile.summary_counts.items():
        m = pattern.search(text)
        if m:
            counts[status] = profile.count_value(m.group(1))
    if profile.summary_total is None:
        return (sum(counts.values()) if counts else None), counts
    m = profile.summary_total.search(text)
    return (profile.count_value(m.group(1)) if m else None), counts


COUNTED_ROWS = 2  # rows of counts, of as many statuses, that make a table the summary's
COUNT = regex.compile(r"^\d{1,4}$")  # a count's cell


def counts_table(
    lines: Sequence[Line], start: int, stop: int, statuses: Sequence[str], sums: Sequence[regex.Pattern[str]]
) -> tuple[int, dict[str, int], str] | None:
    """The table of the measures' counts among ``lines[start:stop]``, where a report prints its summary so and in no
    sentence («Status | Antall tiltak» over a row per status, «Pågår | 4», and a row adding them up, «Sum | 10»):
    two rows at least, one under the other, each of two cells, a status as ``statuses`` name it and a number
    (:func:`counted_row`). Its total is the number of the row right under them whose first cell adds up (``sums``,
    the page vocabulary's), else the counts' sum (a table with no such row); with each status's count and the
    rows' text, the summary's. None where there is no such table."""
    names = {name.casefold(): name for name in statuses}
    k = start
    while k < stop:
        counts: dict[str, int] = {}
        j = k
        while j < stop and (row := counted_row(lines[j])) is not None and names.get(row[0].casefold()) not in (None, *counts):
            counts[names[row[0].casefold()]] = row[1]
            j += 1
        if len(counts) >= COUNTED_ROWS:
            added = counted_row(lines[j]) if j < stop else None
            summed = added is not None and any(p.search(added[0]) for p in sums)
            rows = lines[k : j + 1] if summed else lines[k:j]
            total = added[1] if added is not None and summed else sum(counts.values())
            return total, counts, " · ".join(collapse(line.text) for line in rows)
        k = max(j, k + 1)
    return None


def counted_row(line: Line) -> tuple[str, int] | None:
    """A row of a table of counts: two cells, a word or a few and a number («Ikke startet | 1»), as the first
    cell's text and the number; None for any other line."""
    cells = cells_of(line)
    if len(cells) != 2 or not COUNT.match(words_text(cells[1])):
        return None
    return collapse(words_text(cells[0])), int(words_text(cells[1]))


def parse_overview(doc: Document, profile: Profile, headings: Sequence[Heading] | None = None) -> Overview:
    """The overview table; ``headings`` (from :func:`find_headings`) saves finding them again."""
    return read_overview(doc, profile, headings)


def read_overview(doc: Document, profile: Profile, headings: Sequence[Heading] | None = None) -> Overview:
    """The overview table, and every line end inside its cells that was decided on evidence."""
    lines = doc.lines
    # (a table of contents' entry naming the table, «Oversikt over status for tiltak . . . 3», is not its title)
    title_at = next((i for i, ln in enumerate(lines) if profile.overview_title.search(collapse(ln.text)) and not contents_entry(ln)), None)
    if title_at is None:
        return Overview(found=False, title_page=None, summary_text="", summary_total=None)
    if headings is None:
        headings = find_headings(doc, profile, start=title_at + 1)
    in_body = headings  # every heading: its number has a place among the report's numbers
    headings = [h for h in headings if h.first_line > title_at]
    stop = table_end(doc, profile, headings, title_at)
    captions = tuple(h.first_line for h in headings if h.first_line < stop)
    header = find_header(doc, profile, title_at + 1, stop)
    summary_end = header[0] if header else stop
    summary_lines = [ln.text for ln in lines[title_at + 1 : summary_end]]
    anchor = next((k for k, t in enumerate(summary_lines) if profile.summary_anchor.search(t)), None)
    if anchor is None:  # the sentence closing the text before the table's title
        summary_lines = lines_before(lines, title_at)
        anchor = next((k for k in range(len(summary_lines) - 1, -1, -1) if profile.summary_anchor.search(summary_lines[k])), None)
    paragraph = join_lines(summary_lines[anchor:]) if anchor is not None else ""
    total, counts = parse_summary(paragraph, profile)
    sentence = regex.match(r"^.*?[.!?](?=\s|$)", paragraph)
    summary_text = sentence.group(0) if sentence else paragraph
    # no sentence counts the measures: a table of counts under the title may (over the table or under it)
    table = counts_table(lines, title_at + 1, stop, profile.status_names, sum_rows()) if total is None and not counts else None
    if table is not None:
        total, counts, summary_text = table
    if header is None:
        return Overview(True, lines[title_at].page, summary_text, total, counts, end_line=stop, summary_table=table is not None)
    first, last, columns = header
    repeats = repeated_headers(doc, profile, last + 1, stop)
    edges_at = columns_in_force(columns, repeats, last + 1, stop)
    header_text = tuple(t for _, t, _ in columns)
    # the number's column is read first, wherever it stands («Status | Nr. | Tiltak | …»), and the focus areas' last
    # (a column before the number's that names no measure): columns by that order
    order = sorted(range(len(columns)), key=lambda k: (columns[k][2] != "tiltak_nr", columns[k][2] == GROUP_COLUMN))
    place = {physical: k for k, physical in enumerate(order)}
    keys = [columns[k][2] for k in order]
    rows: list[OverviewRow] = []
    by_rows = not profile.group_column  # (a column of focus areas names them: no line is a group row)
    numbers = group_numbers(lines, first - 1, stop, profile)  # (a focus areas' cell opens its line: read there too)
    group = caption_group(lines, first, captions, profile, numbers)
    areas = [area_heading(lines, first - 1, first - 1, group)] if group else []  # the group rows, as headings
    subgroup: str | None = None
    open_row: _OpenRow | None = None
    breaks: list[CellBreak] = []
    evidence: list[CellWraps] = []  # the document's words outside the table, read when a cell first needs them
    values = {"status": profile.status_names}  # a column's own vocabulary

    def decide(key: str, left: str, right: str) -> tuple[str, str] | None:
        if not evidence:
            outside = ([w.text for w in ln.words] for ln in (*lines[:title_at], *lines[stop:]))
            evidence.append(CellWraps([*outside, *(cell for k in range(last + 1, stop) for cell in inside_cells([lines[k]], edges_at[k]))]))
        return evidence[0].decide(left, right, values.get(key, ()))

    def join(row: _OpenRow, key: str, lines: slice = slice(None)) -> str:
        text, decided = join_cell([" ".join(ws) for ws in row.cells[key][lines]], lambda left, right: decide(key, left, right))
        breaks.extend(CellBreak(row.nr, key, row.lines[0].page, *d, nummer=row.nummer) for d in decided)
        return text

    def spanned(row: _OpenRow, text: str) -> None:
        """The focus areas' cell the row prints: it opens its area, or goes on with the one a cell opened above,
        wrapped past that row's lines (the rows that area holds so far then take its title whole)."""
        nonlocal group
        found = profile.overview_group.match(collapse(text))
        boxes = tuple(row.boxes[GROUP_COLUMN])
        if found:
            group = group_of(found, numbers)
            areas.append(Heading("innsatsomrade", group[0], None, group[1], row.first_line, row.first_line + len(boxes) - 1, boxes))
        elif group is not None and areas:
            group = (group[0], join_lines([group[1], text]))
            areas[-1] = replace(areas[-1], title=group[1], boxes=areas[-1].boxes + boxes)
            rows[:] = [replace(r, innsatsomrade_title=group[1]) if r.innsatsomrade_nr == group[0] else r for r in rows]
        row.group = group

    def close() -> None:
        nonlocal open_row
        if open_row is None:
            return
        cell = {k: join(open_row, k) for k in keys if k != "tiltak_nr"}
        if cell.get(GROUP_COLUMN):
            spanned(open_row, cell[GROUP_COLUMN])
        split = described_title(open_row.title_bold) if profile.table_body and "description" not in keys else 0
        if split:  # the title in bold over the description in plain type, in one cell
            cell["title"], cell["description"] = join(open_row, "title", slice(None, split)), join(open_row, "title", slice(split, None))
        rows.append(
            OverviewRow(
                tiltak_nr=open_row.nr,
                title=cell["title"],
                ansvarlig_departement=cell["ansvarlig_departement"],
                status=profile.status_of_mark(cell["status"]),
                innsatsomrade_nr=open_row.group[0] if open_row.group else None,
                innsatsomrade_title=open_row.group[1] if open_row.group else None,
                undergruppe=open_row.subgroup,
                page=open_row.lines[0].page,
                boxes=tuple(ln.box for ln in open_row.lines),
                description=cell.get("description", ""),
                sluttrapport=cell.get("sluttrapport", ""),
                cells=tuple((k, tuple(v)) for k, v in open_row.boxes.items()) if profile.table_body else (),
                nummer=open_row.nummer,
                innsatsomrade_cell=cell.get(GROUP_COLUMN, ""),
            )
        )
        open_row = None

    body = [k for k in range(last + 1, stop)]
    row_gap = row_gap_of(lines, body)
    state = "row"  # what a line without a number continues: "row", "group" or "subgroup"
    i = last + 1
    under_header = False
    while i < stop:
        line = lines[i]
        # a header row repeated on a continuation page, or over the table's next half beside
        if i in repeats:
            i = repeats[i][0] + 1
            under_header = True
            continue
        by_col: dict[int, list[Word]] = {}
        for w in line.words:
            by_col.setdefault(place[_column_of(w.x0, edges_at[i])], []).append(w)
        if open_row is not None and by_col.get(0) and all(NUMBER_NOTE.match(w.text) for w in by_col[0]):
            del by_col[0]  # the row's number's note, wrapped under it («12» / «(nytt)»): the row goes on
        first_col = by_col.get(0, [])
        first_text = first_col[0].text if first_col else ""
        text = collapse(line.text)
        prev = lines[i - 1]
        # a row of its own begins after white space wider than a wrapped cell's (row padding or
        # rules), or at the first column; a line that opens a page continues a split row
        spaced = prev.page == line.page and row_gap is not None and line.top - prev.top > row_gap and not under_header
        under_header = False  # (the first line under a repeated header continues a split row as one opening a page does)
        group_match = profile.overview_group.match(text) if by_rows else None
        numbered = profile.overview_number.match(first_text) if first_col else None
        taken = 0
        if group_match is None and not numbered and by_rows:
            # a group row wrapped in a narrow cell before its number is printed («Innsatsområde» / «1: Innsats for»)
            group_match, taken = wrapped_group(lines, i, stop, profile)
            i += taken
        wraps = prev.page == line.page and not spaced and line.top - prev.bottom < 0.9 * line.size  # the line above, wrapped
        # the number the pattern's group nr captures («T-8» → 8), else the cell whole («8», «2.1»)
        number = read_number(numbered.groupdict().get("nr") or first_text) if numbered else None
        if number is not None:
            close()
            open_row = _OpenRow(*number, {k: [] for k in keys}, group, subgroup, [line], _style(line.words[1:]), first_line=i)
            rest = first_col[1:]
            if rest and NUMBER_NOTE.match(rest[0].text):  # «12 (nytt)»: a note on the number, no title's word
                rest = rest[1:]
            if rest:  # a number glued to the title cell's first words
                by_col.setdefault(1, [])
                by_col[1] = rest + by_col[1]
            open_row.column_styles = {c: _style(ws) for c, ws in by_col.items() if c}
            _add_cells(open_row, by_col, keys, skip_first=True, page=line.page)
            state = "row"
        elif group_match:
            close()
            group = group_of(group_match, numbers)
            areas.append(area_heading(lines, i - taken, i, group))
            subgroup = None
            state = "group"
        elif state == "group" and group and wraps:
            group = (group[0], join_lines([group[1], text]))
            areas[-1] = area_heading(lines, areas[-1].first_line, i, group)
        elif state == "subgroup" and subgroup and wraps:
            subgroup = join_lines([subgroup, text])
        elif spaced and not first_col and open_row is not None and min(by_col) >= 2 and _style(line.words) == open_row.style:
            # a cell's next paragraph, right of the title column (a subgroup row starts at the title)
            open_row.lines.append(line)
            _add_cells(open_row, by_col, keys, skip_first=False, page=line.page)
        elif first_col or spaced or (open_row is not None and not in_row_type(open_row, line, by_col)):
            # at the first column, after row padding, or in another type than the row's cells
            close()
            subgroup = text
            state = "subgroup"
        elif open_row is not None:
            open_row.lines.append(line)
            _add_cells(open_row, by_col, keys, skip_first=False, page=line.page)
        i += 1
    close()
    if lettered([*(h.nummer for h in in_body), *(r.nummer for r in rows)]):  # «4a» beside «5»: every number as printed, its place tiltak_nr
        rows = [r if r.nummer else replace(r, nummer=str(r.tiltak_nr)) for r in rows]
        breaks = [b if b.nummer else replace(b, nummer=str(b.tiltak_nr)) for b in breaks]
        in_body = numbered_as_printed(in_body, [r.nummer for r in rows])
    places = number_places([*(h.nummer for h in in_body), *(r.nummer for r in rows)])
    overview = Overview(
        found=True,
        title_page=lines[title_at].page,
        summary_text=summary_text,
        summary_total=total,
        summary_counts=counts,
        rows=tuple(replace(r, tiltak_nr=places[r.nummer]) if r.nummer else r for r in rows),
        header=header_text,
        end_line=stop,
        captions=captions,
        keys=tuple(key for _, _, key in columns) if profile.table_body else (),  # (in the header's order, as ``header``)
        breaks=tuple(replace(b, tiltak_nr=places[b.nummer]) if b.nummer else b for b in breaks),
        groups=tuple(areas) if profile.table_body else (),
        summary_table=table is not None,
    )
    return overview


def area_heading(lines: Sequence[Line], first: int, last: int, group: tuple[int, str]) -> Heading:
    """A group row of the table (lines ``first`` to ``last``) as the heading of its focus area."""
    return Heading("innsatsomrade", group[0], None, group[1], first, last, tuple(ln.box for ln in lines[first : last + 1]))


def focus_areas(overview: Overview) -> tuple[Innsatsomrade, ...]:
    """The focus areas of a report whose measures are its table's rows: the table's group rows, as the
    headings of a body are a body's (no intro: a group row has none). A group row repeated where the
    table goes on over a page names the area its first did."""
    first: dict[int, Heading] = {}
    for heading in overview.groups:
        first.setdefault(heading.nr, heading)
    return tuple(Innsatsomrade(h.nr, h.title, h, "", h.last_line + 1) for h in first.values())


def repeated_headers(doc: Document, profile: Profile, start: int, stop: int) -> dict[int, tuple[int, list[HeaderCell]]]:
    """The table's header rows repeated within [start, stop) (over a continuation page, over a half
    of the table set beside the other), by their first line: their last line and their columns."""
    found = {}
    for i in range(start, stop):
        repeated = find_header(doc, profile, i, min(i + 2, stop))
        if repeated and repeated[0] == i:
            found[i] = (repeated[1], repeated[2])
    return found


def columns_in_force(columns: Sequence[HeaderCell], repeats: dict[int, tuple[int, list[HeaderCell]]], start: int, stop: int) -> dict[int, list[float]]:
    """Each table line's column edges, by its index: those of the header row last above it. A table
    continued under a repeated header is one table whether the continuation is on the next page or
    beside (its halves side by side, each under its header): the repeated header's columns, where
    they are the same columns, say where the continuation's cells stand."""
    keys = [k for _, _, k in columns]
    edges = [x for x, _, _ in columns]
    out = {}
    for i in range(start, stop):
        if i in repeats and [k for _, _, k in repeats[i][1]] == keys:
            edges = [x for x, _, _ in repeats[i][1]]
        out[i] = edges
    return out


def group_numbers(lines: Sequence[Line], start: int, stop: int, profile: Profile) -> dict[str, int | None]:
    """The numbers the group rows among ``lines[start:stop]`` print, each with its value, read together
    (segment.area_numbers): «Del I», «Del II», «Del III» are 1, 2, 3, as the body's headings are."""
    printed = [m.group("nr") for ln in lines[start:stop] if (m := profile.overview_group.match(collapse(ln.text))) and m.group("nr")]
    return dict(zip(printed, area_numbers(printed)))


def caption_group(
    lines: Sequence[Line], header: int, captions: Sequence[int], profile: Profile, numbers: dict[str, int | None]
) -> tuple[int, str] | None:
    """The group of the table's first rows: the caption right over its header row, where it captions a part
    (``numbers``: the group rows' numbers read together, :func:`group_numbers`)."""
    found = profile.overview_group.match(collapse(lines[header - 1].text)) if header - 1 in captions else None
    return group_of(found, numbers) if found else None


def group_of(found: regex.Match[str], numbers: dict[str, int | None]) -> tuple[int, str]:
    """The focus area a group row (or a focus areas' cell) names: its number, as the group rows' numbers read together
    give it (:func:`group_numbers`), and its title."""
    return numbers.get(found.group("nr"), area_number(found.group("nr"))) or 0, collapse(found.group("title"))


GROUP_WRAP = 3  # lines a group row's words up to its number may wrap over in a narrow cell


def wrapped_group(lines: Sequence[Line], i: int, stop: int, profile: Profile) -> tuple[regex.Match[str] | None, int]:
    """A group row whose cell wraps before its number: the line and the next ones of its cell (set
    right under it, starting where it starts), joined, match the group pattern. Returns the match and
    how many more lines it took, or (None, 0)."""
    texts = [collapse(lines[i].text)]
    for j in range(i + 1, min(i + GROUP_WRAP, stop)):
        above, line = lines[j - 1], lines[j]
        if line.page != above.page or line.top - above.bottom >= 0.9 * line.size or abs(line.x0 - lines[i].x0) > COLUMN_SLACK:
            break
        texts.append(collapse(line.text))
        found = profile.overview_group.match(join_lines(texts))
        if found is not None:
            return found, j - i
    return None, 0


def inside_cells(lines: Sequence[Line], edges: Sequence[float]) -> list[list[str]]:
    """The words a table prints inside its cells' lines, each line's first and last word aside (where
    a cell's line ends or begins, a word may be broken): whole words for certain, and as evidence
    for the cells' line ends as good as the text around the table, which a report whose measures
    are the table's rows barely has («dialoggrupper» / «om»: «om» is a word, printed mid-line)."""
    out = []
    for line in lines:
        by_col: dict[int, list[str]] = {}
        for w in line.words:
            by_col.setdefault(_column_of(w.x0, edges), []).append(w.text)
        out += [texts[1:-1] for texts in by_col.values() if len(texts) > 2]
    return out


def in_row_type(row: _OpenRow, line: Line, by_col: dict[int, list[Word]]) -> bool:
    """Is the line set in the type of the row's cells: as the row's first line, or each of its
    columns' words as that column's on it (a status cell's second word, white on its colour, «Ikke» / «påbegynt»)?"""
    if _style(line.words) == row.style:
        return True
    return all(c in row.column_styles and _style(ws) == row.column_styles[c] for c, ws in by_col.items())


def _style(words: Sequence[Word]) -> tuple:
    """Weight, slant, face and colour of words with letters (a group row set apart by type)."""
    inked = [w for w in words if any(c.isalnum() for c in w.text)]
    if not inked:
        return ()
    return (
        all(w.bold for w in inked),
        any(regex.search(r"(?i)italic|oblique", w.fontname) for w in inked),
        {font_family(w.fontname) for w in inked} == {font_family(inked[0].fontname)} and font_family(inked[0].fontname),
        inked[0].color,
    )


def row_gap_of(lines: Sequence[Line], table: Sequence[int]) -> float | None:
    """The line pitch above which a line starts a row of its own: wider than a wrapped cell's.

    A wrapped cell's lines follow each other at the text's pitch; rows are set apart by
    padding or rules. None when the table shows no such difference (unpadded rows).
    """
    pitches = sorted(
        round(lines[b].top - lines[a].top, 1) for a, b in zip(table, table[1:]) if lines[a].page == lines[b].page and lines[b].top > lines[a].top
    )
    if len(pitches) < 4:
        return None
    within = pitches[len(pitches) // 5]  # wrapped cells are common in a table of long titles
    wider = [p for p in pitches if p > within * 1.15]
    return within * 1.15 if wider and len(wider) >= len(pitches) // 5 else None


def described_title(bold: Sequence[bool]) -> int:
    """Where a table body's title cell turns from its title to a description: the first plain line
    after bold ones (0: the cell is one or the other)."""
    first_plain = next((k for k, b in enumerate(bold) if not b), 0)
    return first_plain if first_plain and not any(bold[first_plain:]) else 0


def _add_cells(row: _OpenRow, by_col: dict[int, list[Word]], keys: Sequence[str], skip_first: bool, page: int) -> None:
    for col, words in by_col.items():
        if col == 0 and skip_first:
            continue
        key = keys[min(col, len(keys) - 1)]
        if key == "tiltak_nr":
            key = "title"
        if key == "title":
            row.title_bold.append(all(w.bold for w in words if any(c.isalnum() for c in w.text)))
        row.cells[key].append([words_text(words)])
        row.boxes.setdefault(key, []).append(
            Box(page, min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))
        )
