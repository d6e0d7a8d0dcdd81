"""Page structure: columns and reading order (issue 18, point 1; pipeline/stages/structure.py).

- The column finder on word boxes made here: two columns; one column then two; a heading across
  both; a short heading that the drawing order places; a table whose cell gaps are not a gutter;
  a table of prose cells; a sidebar; a line across the gutter, which makes the order doubtful
  unless it is a heading drawn between the columns; justified columns whose wide word spaces line
  up (no table); evenly spaced figures (a table still); a page's number drawn first of all.
  Each signal has a test that fails without it: the geometry (columns drawn line by line across
  the page are still read one after the other) and the drawing order (the same geometry, drawn in
  two orders, read two ways).
- The two-column look of the frihet report (tests/pdfs/renderings/rl-columns-sans-justified.pdf)
  reads as the reference rendering, under both engines, and says nothing of doubt; Chromium's look
  (cr-columns-sidebar.pdf) reads its box after the body beside it and its sections of CSS columns
  one after the other, under the headings across them.
- The real PDFs of ../shared/real-world/: the yellow book's columns read one after the other, and
  none of them is taken for a report.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.findings import FINDING_TYPES
from pipeline.model import Document, Line, Link, Word
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import process_pdf
from pipeline.stages import structure
from pipeline.stages.engines import pdfium
from pipeline.stages.engines import pdfplumber as reference
from pipeline.stages.engines.parts import Share, joined
from pipeline.stages.engines.read import said_of_order
from pipeline.stages.engines.words import RawPdf, group_lines, lines_in_reading_order, make_line
from pipeline.stages.enrich.provenance import reading_order
from pipeline.stages.guards import hardened_pdfminer
from pipeline.stages.layout import at_column_start
from pipeline.stages.structure import column_starts, page_structure

from .goldens import INVARIANT_TABLES, block_differences, expected_pages, finding_rows, golden_findings, golden_tiltak, table_differences
from .helpers import MATRIX, ROOT, processed, raw_of, slow

LOOK = MATRIX / "rl-columns-sans-justified.pdf"
SIDEBAR = MATRIX / "cr-columns-sidebar.pdf"  # Chromium: a boxed sidebar, CSS columns under headings across them
REAL = ROOT.parent / "shared" / "real-world"
YELLOW_BOOK = REAL / "no-fin-gul-bok-prop1s-statsbudsjettet-2026.pdf"

SIZE = 10.0
LEAD = 12.0
CHAR = 0.4 * SIZE  # a character's width in the made-up font


# --- pages made of word boxes ---------------------------------------------------------------------


def line_of(text: str, x0: float, top: float, width: float | None = None, size: float = SIZE, bold: bool = False) -> list[Word]:
    """A printed line: its words from ``x0``, spread to ``width`` when given (justified)."""
    texts = text.split()
    widths = [len(t) * CHAR * size / SIZE for t in texts]
    space = 0.25 * size if width is None or len(texts) < 2 else (width - sum(widths)) / (len(texts) - 1)
    out, x = [], x0
    for t, w in zip(texts, widths):
        out.append(Word(t, round(x, 2), top, round(x + w, 2), top + size, size, "Serif-Bold" if bold else "Serif", bold))
        x += w + space
    return out


def column(x0: float, top: float, width: float, lines: list[str]) -> list[list[Word]]:
    return [line_of(t, x0, top + k * LEAD, width) for k, t in enumerate(lines)]


LEFT = [f"venstre linje {k} går her nedover i spalten og videre" for k in range(1, 9)]
RIGHT = [f"høyre linje {k} går her nedover i spalten og videre" for k in range(1, 9)]


def interleaved(*columns: list[list[Word]]) -> list[Word]:
    """Words drawn line by line across the page (as a producer that draws rows would)."""
    return [w for row in zip(*columns) for line in row for w in line]


def in_order(*parts: list[list[Word]]) -> list[Word]:
    """Words drawn part after part, each line by line."""
    return [w for part in parts for line in part for w in line]


def texts(regions: tuple[structure.Region, ...]) -> list[tuple[str, str]]:
    """Each region's column and its lines' text, in reading order."""
    return [(r.column, " | ".join(ln.text for ln in group_lines(r.words, 1))) for r in regions]


def read(words: list[Word]) -> list[str]:
    lines, _ = lines_in_reading_order(words, 1)
    return [ln.text for ln in lines]


# --- the geometry ----------------------------------------------------------------------------------


def test_a_page_in_one_column_is_one_region_and_its_lines_are_those_of_before():
    """A list's bullets stand apart from their text by more than a gutter's width, row after row:
    not a column of its own (one word), so the page is read as it always was."""
    rows = [line_of("Dette er et avsnitt med brødtekst som går over hele bredden av siden, fra marg til marg.", 72, 72 + k * LEAD) for k in range(3)]
    rows += [[*line_of("•", 72, 72 + k * LEAD), *line_of(f"punkt {k} i en liste med flere ord", 92, 72 + k * LEAD)] for k in range(3, 9)]
    words = in_order(rows)
    found = page_structure(words)
    assert found.gutter is None and [r.column for r in found.regions] == ["page"] and found.doubt == ""
    assert lines_in_reading_order(words, 1)[0] == group_lines(words, 1)


def test_two_columns_are_read_one_after_the_other_however_the_pdf_draws_them():
    """The geometry alone: lines of both columns at the same heights, drawn line by line across."""
    left, right = column(72, 72, 220, LEFT), column(312, 72, 220, RIGHT)
    words = interleaved(left, right)
    found = page_structure(words)
    assert found.gutter is not None and 292 <= found.gutter[0] < found.gutter[1] <= 312
    assert [c for c, _ in texts(found.regions)] == ["left", "right"]
    assert read(words) == LEFT + RIGHT  # without the structure, every line would hold one of each
    assert "the gutter decided" in " ".join(found.notes)  # drawn otherwise than read: said so


def test_a_list_in_a_column_stays_in_its_column():
    """Bullets set an em and more before their text, row after row, as a table's first column is:
    a bullet alone is a list's, not a table's, and the list is read in its column."""
    items = [[*line_of("•", 72, 72 + k * LEAD), *line_of(f"punkt {k} i lista med noen flere ord", 90, 72 + k * LEAD)] for k in range(5)]
    left = items + column(72, 72 + 5 * LEAD, 220, LEFT[5:])
    right = column(312, 72, 220, RIGHT)
    lines = read(interleaved(left, right))
    assert lines[:5] == [f"• punkt {k} i lista med noen flere ord" for k in range(5)] and lines[8:] == RIGHT


def test_lines_of_two_columns_at_one_height_are_two_lines():
    lines = read(in_order(column(72, 72, 220, LEFT), column(312, 72, 220, RIGHT)))
    assert len(lines) == 16 and not any("venstre" in t and "høyre" in t for t in lines)


def test_one_column_then_two():
    """A full-width paragraph over two columns on the same page: read first, then the columns."""
    top = [line_of(f"innledning {k} som går over hele siden fra marg til marg med mange ord", 72, 72 + k * LEAD) for k in range(3)]
    left, right = column(72, 120, 220, LEFT), column(312, 120, 220, RIGHT)
    found = page_structure(in_order(top, left, right))
    assert [c for c, _ in texts(found.regions)] == ["span", "left", "right"]
    assert read(in_order(top, left, right))[3:] == LEFT + RIGHT


def test_a_heading_across_both_columns_stands_between_what_comes_before_and_after_it():
    above = column(72, 72, 220, LEFT[:4]), column(312, 72, 220, RIGHT[:4])
    heading = [line_of("Innsatsområde 2: En overskrift som går over begge spaltene på siden", 72, 136, size=14, bold=True)]
    below = column(72, 170, 220, LEFT[4:]), column(312, 170, 220, RIGHT[4:])
    words = interleaved(*above) + in_order(heading) + interleaved(*below)  # each band drawn line by line: geometry alone
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["left", "right", "span", "left", "right"]
    assert read(words) == [*LEFT[:4], *RIGHT[:4], "Innsatsområde 2: En overskrift som går over begge spaltene på siden", *LEFT[4:], *RIGHT[4:]]


def test_a_tables_cell_gaps_are_not_a_gutter():
    """Rows whose cells share tops: a number, a title, a department, a status; the gaps run down the
    page as a gutter does, but the cells are short and the rows are a table's: left whole."""
    rows = []
    for k in range(12):
        top = 72 + k * 16
        rows.append(
            [
                *line_of(str(k + 1), 72, top),
                *line_of(f"Tiltak nummer {k + 1} med en tittel", 100, top),
                *line_of("AID", 330, top),
                *line_of("Ferdigstilt" if k % 3 else "Videreføres", 420, top),
            ]
        )
    words = in_order(rows)
    assert page_structure(words).gutter is None
    assert lines_in_reading_order(words, 1)[0] == group_lines(words, 1)


def test_a_table_under_the_columns_keeps_its_rows_whole():
    """A budget table across the page under two columns: its labels end before the gutter and its
    figures start after it, but the figures' columns (set right) end at the same x row after row.
    Drawn a column of the table after the other, as some producers draw tables: the drawing order
    does not tell it from columns of text, the rows' other gaps do."""
    left, right = column(72, 72, 220, LEFT), column(312, 72, 220, RIGHT)
    labels, figures = [], []
    for k in range(6):
        top = 190 + k * 18
        labels.append(line_of(f"07.{k}0 Post nummer {k} for utgifter i kommunene", 72, top))
        row: list[Word] = []
        for text, end in zip((f"{k + 1} {k}0{k},{k}", f"{k + 2} 1{k}{k},{k}", f"{k},{k}"), (400, 470, 530)):
            width = sum(len(t) * CHAR for t in text.split()) + 0.25 * SIZE * (len(text.split()) - 1)
            row += line_of(text, end - width, top)
        figures.append(row)
    rows = [a + b for a, b in zip(labels, figures)]
    words = in_order(left, right, labels, figures)
    assert [c for c, _ in texts(page_structure(words).regions)] == ["left", "right", "span"]
    assert read(words)[16:] == [ln.text for ln in group_lines(in_order(rows), 1)]


def test_a_sidebar_is_a_region_of_its_own():
    """A box of smaller type beside the body: its lines read together, not one by one between the body's."""
    body = column(72, 72, 230, [f"brødteksten fortsetter her på linje {k} med mange ord" for k in range(10)])
    box = [line_of(f"faktaboks linje {k} med noen ord", 322, 80 + k * 10, 110, size=8) for k in range(8)]
    under = [line_of(f"nederst går teksten over hele siden igjen på linje {k} med mange flere ord enn før", 72, 200 + k * LEAD) for k in range(3)]
    words = interleaved(body[:8], box) + in_order(body[8:], under)
    lines = read(words)
    sidebar = [i for i, t in enumerate(lines) if t.startswith("faktaboks")]
    assert len(sidebar) == 8 and sidebar == list(range(sidebar[0], sidebar[0] + 8))  # together
    assert not any("faktaboks" in t and "brødteksten" in t for t in lines)


FACTS = ["Om rapporten", "Rapport", "Sluttrapport", "Handlingsplan", "Frihet fra negativ", "Utgitt av", "Omfang", "33 tiltak"]
BODY = [f"brødteksten går her over linje {k} med mange ord i spalten" for k in range(12)]


def facts_box(top: float = 72) -> list[list[Word]]:
    """A box of facts in small type, a word or two a line, beside the body (x 330 and on)."""
    return [line_of(t, 330, top + k * 9, size=7.5) for k, t in enumerate(FACTS)]


def test_a_box_of_a_word_or_two_a_line_drawn_in_one_run_is_a_region_of_its_own():
    """Issue 18 (held-out ho3-cr-running-facts): no column of prose, so no gutter; but white runs down
    the page beside it, and the PDF draws it in one run: its lines are read together, after the text
    (as drawn), never glued to the body's lines level with them."""
    body, box = column(72, 72, 230, BODY), facts_box()
    found = page_structure(in_order(body, box))
    assert [c for c, _ in texts(found.regions)] == ["page", "box"]
    assert read(in_order(body, box)) == BODY + FACTS
    assert read(in_order(box, body)) == FACTS + BODY  # drawn first: read first
    assert any("a box beside the text" in n for n in found.notes)


def test_words_beside_the_text_drawn_line_by_line_with_it_are_no_box_but_a_margin():
    """The same words drawn row by row with the body's: not a box (the drawing order does not set
    them apart), but a block in a margin of its own, read where it stands (before the text level
    with it), its lines never glued to the body's."""
    body, box = column(72, 72, 230, BODY), facts_box()
    words = interleaved(body[: len(box)], box) + in_order(body[len(box) :])
    found = page_structure(words)
    assert "box" not in {r.column for r in found.regions} and "right" in {r.column for r in found.regions}
    assert read(words) == FACTS + BODY


def test_side_heads_set_apart_drawn_in_one_run_are_no_box():
    """Side heads (a measure's number and title in the margin, each by its text) that a producer draws
    first, as floats: set apart from each other by the text beside them, they are no box."""
    heads = [line_of("Tiltak 32. Arrangere", 72, 72), line_of("Tiltak 33. Øke", 72, 72 + 6 * LEAD)]
    body = column(200, 72, 230, BODY)
    assert all(r.column != "box" for r in page_structure(in_order(heads, body)).regions)


def test_a_tables_column_of_numbers_drawn_in_one_run_is_no_box():
    numbers = [line_of(str(k), 72, 72 + k * LEAD) for k in range(1, 9)]
    cells = column(120, 72 + LEAD, 230, BODY[:8])
    assert all(r.column != "box" for r in page_structure(in_order(numbers, cells)).regions)


CONTENTS = ["Innhold", "Om denne rapporten:", "Oversikt over status for tiltak", "Innsatsområde 1: Innsats for", "nyankomne flyktninger og",
            "innvandrere", "Innsatsområde 2. Kunnskap og", "kompetanse for et helhetlig", "hjelpetilbud", "Innsatsområde 3: Et styrket"]


def test_a_contents_column_of_several_words_a_line_beside_a_table_is_a_region_of_its_own():
    """Held-out ho3-ty-toc-sidebar: a contents column in small type, three or four words a line,
    beside the overview table. The table's cells make no column of prose, so no gutter is read;
    the column is a box all the same, its lines never glued to the table's rows level with them."""
    box = [line_of(t, 49, 67 + k * 8.5, size=7.5) for k, t in enumerate(CONTENTS)]
    rows = []
    for k in range(10):
        top = 67 + k * LEAD
        rows.append([*line_of(str(k + 1), 174, top), *line_of(f"Utvikle tiltak nummer {k + 1}", 199, top), *line_of("AID", 400, top), *line_of("Ferdigstilt", 460, top)])
    words = in_order(box, rows)
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["box", "page"]
    lines = read(words)
    assert lines[: len(CONTENTS)] == CONTENTS and lines[len(CONTENTS)] == "1 Utvikle tiltak nummer 1 AID Ferdigstilt"


def margin_page(draw_heads_first: bool = False) -> tuple[list[Word], list[str]]:
    """Measures whose number and a status pill stand in a margin of their own (x 72), the title and
    text beside them (x 200), under a heading across the page; and the lines as they read."""
    heading = line_of("Innsatsområde 1: Innsats for nyankomne flyktninger og innvandrere her", 72, 60, bold=True)
    heads, text, read_as = [], [], [" ".join(w.text for w in heading)]
    top = 90.0
    for nr, status in ((3, "Ferdigstilt"), (4, "Videreføres")):
        title = [line_of("Innhente kunnskap om frafall fra ordningene", 200, top, bold=True), line_of("under integreringsloven", 200, top + LEAD, bold=True)]
        body = column(200, top + 2 * LEAD + 4, 230, [f"teksten om tiltak {nr} går her på linje {k} med ord" for k in range(4)])
        heads += [line_of(f"Tiltak {nr}.", 72, top, bold=True), line_of(status, 76, top + LEAD + 4, size=7.5, bold=True)]
        text += [*title, *body]
        read_as += [f"Tiltak {nr}.", "Innhente kunnskap om frafall fra ordningene", "under integreringsloven", status]
        read_as += [f"teksten om tiltak {nr} går her på linje {k} med ord" for k in range(4)]
        top += 2 * LEAD + 4 + 4 * LEAD + 20
    drawn = in_order(heads, text) if draw_heads_first else [w for part in ([heads[0], heads[1]], text[:6], [heads[2], heads[3]], text[6:]) for line in part for w in line]
    return [*heading, *drawn], read_as


@pytest.mark.parametrize("draw_heads_first", [False, True])
def test_side_heads_in_a_margin_of_their_own_are_read_where_they_stand(draw_heads_first):
    """Issue 18 (held-out ho3-cr-margin-status): «Tiltak 3.» and a status pill in the margin beside the
    title, which wraps. Each margin block is read before the text level with it, at the start of a
    block of text, so the pill follows the title's last line; never glued to a line of the text, and
    however the PDF draws the heads (a producer may draw them first, as floats)."""
    words, read_as = margin_page(draw_heads_first)
    assert read(words) == read_as
    assert any("side heads in the left margin" in n for n in page_structure(words).notes)


def test_a_column_of_bullets_beside_a_list_is_no_margin_of_side_heads():
    items = [[*line_of("•", 72, 72 + k * LEAD), *line_of(f"punkt {k} i en liste med flere ord", 100, 72 + k * LEAD)] for k in range(8)]
    assert page_structure(in_order(items)).gutter is None


def justified(x0: float, top: float, lines: list[str], lead: float = LEAD) -> list[list[Word]]:
    """A column of justified lines 220 wide, without hyphenation: few words a line, spread by word
    spaces wider than an em (and the gutter), all of one width within a line."""
    return [line_of(t, x0, top + k * lead, 220) for k, t in enumerate(lines)]


LOOSE_LEFT = [
    "tjenestene som møter nyankomne flyktninger og",
    "innvandrere kan for eksempel være ansatte og",
    "voksenopplæringen, i introduksjonsprogrammet og",
    "tjenester som følger opp nyankomne barn og",
    "innvandrere skal omfatte alle nivåer i de og",
    "aktuelle tjenestene på grunnlag av dette og",
    "det lages en ny strategi for kompetansen og",
    "sosial kontroll og æresrelatert vold, samt og",
]
LOOSE_RIGHT = [
    "nyankomne flyktninger og innvandrere som er",
    "trusselutsatte utgjør sårbare grupper med et",
    "oppfølgingsbehov. Det omfatter flere asylsøkere",
    "introduksjonsprogrammet som er utsatt for",
    "sosial kontroll, æresrelatert vold i nære",
    "relasjoner og som oppholder seg på senter.",
    "behov for beskyttelse og et tilbud skal kartlegges.",
    "Det skal også kartlegges hvordan man kan",
]


def test_a_justified_lines_wide_word_spaces_are_not_a_tables_columns():
    """CSS columns of justified text: a line's word spaces are wider than an em, and the gap before a
    line's last word, set flush right, ends at the same x line after line ("og"), as a table's column
    does. The lines of the two columns stand at heights of their own (no row holds one of each). A
    justified line spreads its words with spaces of one width: they are read as prose, in columns."""
    left = justified(72, 72, LOOSE_LEFT)
    right = justified(312, 72 + LEAD / 4, LOOSE_RIGHT)
    assert all(line[-1].x0 - line[-2].x1 > SIZE for line in left)  # wider than an em, and the gaps' ends line up
    words = in_order(left, right)
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["left", "right"] and found.doubt == ""
    assert read(words) == LOOSE_LEFT + LOOSE_RIGHT


def test_a_tables_evenly_spaced_figures_keep_its_rows_whole():
    """Figures set right in columns of one width are as evenly spaced as a justified line's words: a
    figure is no word of prose, so under two columns the table's rows are still left whole."""
    left, right = column(72, 72, 220, LEFT), column(312, 72, 220, RIGHT)
    rows = []
    for k in range(6):
        top = 190 + k * 18
        row = line_of(f"Post {k} i kommunene", 72, top)
        for end in (390, 440, 490, 540):
            row += line_of(f"{k + 1}0{k},{k}", end - 6 * CHAR, top)
        rows.append(row)
    words = in_order(left, right, rows)
    assert [c for c, _ in texts(page_structure(words).regions)] == ["left", "right", "span"]
    assert read(words)[16:] == [ln.text for ln in group_lines(in_order(rows), 1)]


# --- the drawing order --------------------------------------------------------------------------------


def short_heading_page() -> tuple[list[list[Word]], list[list[Word]], list[list[Word]], list[list[Word]], list[list[Word]]]:
    """Balanced columns, then a heading on the left side only (it does not reach the gutter) with
    white across the page above it, then columns again: geometrically it may span the columns or
    head the left one."""
    above = column(72, 72, 220, LEFT[:4]), column(312, 72, 220, RIGHT[:4])
    heading = [line_of("Kort overskrift", 72, 140, bold=True)]
    below = column(72, 160, 220, LEFT[4:]), column(312, 160, 220, RIGHT[4:])
    return *above, heading, *below


def test_a_short_heading_spans_the_columns_when_the_pdf_draws_it_between_them():
    left_above, right_above, heading, left_below, right_below = short_heading_page()
    found = page_structure(in_order(left_above, right_above, heading, left_below, right_below))
    assert [c for c, _ in texts(found.regions)] == ["left", "right", "span", "left", "right"] and found.doubt == ""


def test_a_short_heading_belongs_to_its_column_when_the_pdf_draws_it_with_that_column():
    """The same geometry, drawn the other way: the heading heads the left column's second part."""
    left_above, right_above, heading, left_below, right_below = short_heading_page()
    words = in_order(left_above, heading, left_below, right_above, right_below)
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["left", "right"] and found.doubt == ""
    assert read(words) == [*LEFT[:4], "Kort overskrift", *LEFT[4:], *RIGHT]
    assert any("as the PDF draws it" in n for n in found.notes)  # the drawing order decided, and says so


def test_a_short_heading_whose_drawing_order_tells_nothing_is_doubtful():
    left_above, right_above, heading, left_below, right_below = short_heading_page()
    words = interleaved(left_above, right_above) + interleaved(left_below[:2], heading + right_below[:2]) + interleaved(left_below[2:], right_below[2:])
    found = page_structure(words)
    assert "Kort overskrift" in found.doubt and "drawing order does not tell" in found.doubt
    assert [c for c, _ in texts(found.regions)] == ["left", "right", "span", "left", "right"]  # the geometry's answer stands


def test_a_figures_numbers_are_not_asked_which_column_they_belong_to():
    """A chart's axis between columns: numbers alone on one side, set apart by white and drawn after
    everything (as charts often are). Not headings: read where they stand, and no doubt said."""
    above = column(72, 72, 220, LEFT[:4]), column(312, 72, 220, RIGHT[:4])
    axis = [line_of(str(140 - 10 * k), 72, 140 + k * 22) for k in range(4)]
    below = column(72, 240, 220, LEFT[4:]), column(312, 240, 220, RIGHT[4:])
    found = page_structure(in_order(*above, *below, axis))
    assert found.doubt == "" and [c for c, _ in texts(found.regions)] == ["left", "right", "span", "left", "right"]


def prose_table(step: float) -> tuple[list[list[Word]], list[list[Word]]]:
    """Two columns of prose whose blocks all start level, as a table's rows do: rows ``step`` apart
    (white between them narrower than an em, or wider)."""
    left: list[list[Word]] = []
    right: list[list[Word]] = []
    for row in range(4):
        top = 72 + row * step
        left += column(72, top, 220, [f"celle {row} til venstre på linje {k} med flere ord her" for k in range(3)])
        right += column(312, top, 220, [f"celle {row} til høyre på linje {k} med flere ord her" for k in range(2 + row % 2)])
    return left, right


@pytest.mark.parametrize("step", [42, 60])
def test_a_table_of_prose_cells_drawn_row_by_row_is_left_to_the_table_reader(step):
    left, right = prose_table(step)
    rows = [w for row in range(4) for part in (left[3 * row : 3 * row + 3], [ln for ln in right if ln[1].text == str(row)]) for ln in part for w in ln]
    assert page_structure(rows).gutter is None


@pytest.mark.parametrize("step", [42, 60])
def test_columns_whose_blocks_start_level_are_columns_when_drawn_one_after_the_other(step):
    left, right = prose_table(step)
    found = page_structure(in_order(left, right))
    assert [c for c, _ in texts(found.regions)] == ["left", "right"]
    if step == 42:  # one part: its blocks start level, and the drawing order decided
        assert any("as the PDF draws them" in n for n in found.notes)


def long_cells_table() -> list[list[list[Word]]]:
    """A table of measures: Nr. | Tiltak | Ansvarlig | Status | Kommentar, each row's title over four
    lines and its comment over eight, the other cells a word or two; under the first line of a row,
    its title's and its comment's lines stand in two stacks, with white between them down the page as
    between two columns. Each row's cells, each cell's lines one after the other."""
    table = []
    for row in range(3):
        top = 72 + row * (8 * LEAD + 8)  # a cell's padding between the rows: less white than sets a part apart
        title = [f"tiltak {row} linje {k} om et tema" for k in range(4)]
        comment = [f"kommentar {row} linje {k} med flere ord her" for k in range(8)]
        table.append(
            [
                line_of(str(row + 1), 72, top),
                *column(100, top, 110, title),
                line_of("AID", 240, top),
                line_of("Pågår", 300, top),
                *column(370, top, 170, comment),
            ]
        )
    return table


def test_a_tables_row_whose_cells_run_on_is_read_row_by_row():
    """Under each row of three cells and more, the lines of its longest cells keep each within a cell's
    column, and the PDF draws the table row by row: a table, read row by row as its lines stand (not
    its titles down the page, then its comments)."""
    table = long_cells_table()
    words = [w for row in table for line in row for w in line]
    found = page_structure(words)
    assert found.gutter is None and [r.column for r in found.regions] == ["page"]
    assert lines_in_reading_order(words, 1)[0] == group_lines(words, 1)


def grouped_long_cells_table() -> list[list[Word]]:
    """A table of measures whose rows run on under their first line (:func:`long_cells_table`), and a group
    row under the second («Innsatsområde 2 – Tjenester», a merged cell from the number's column on),
    set just under the comment's last line (less white than sets a part apart), far under the title's:
    each row's cells, each cell's lines one after the other, then the group row, then the next row."""
    lines: list[list[Word]] = []
    top = 72.0
    for row in range(3):
        title = [f"tiltak {row} linje {k} om et tema" for k in range(4)]
        comment = [f"kommentar {row} linje {k} med flere ord her" for k in range(8)]
        lines += [line_of(str(row + 1), 72, top), *column(100, top, 110, title), line_of("AID", 240, top), line_of("Pågår", 300, top)]
        lines += column(370, top, 170, comment)
        top += 8 * LEAD + 8
        if row == 1:
            lines.append(line_of("Innsatsområde 2 – Tjenester", 72, top - 6, bold=True))
            top += LEAD + 8
    return lines


def test_a_group_row_under_a_rows_run_on_cells_does_not_make_them_columns():
    """The group row starts under where the row's cells have all ended, on one side of the white between
    the cells' stacks: it is the table's next row, not the last line of a column. The row's lines are
    read row by row as they stand, the group row after them (not the title's lines, the group row,
    then the comment's)."""
    words = [w for line in grouped_long_cells_table() for w in line]
    found = page_structure(words)
    assert found.gutter is None and [r.column for r in found.regions] == ["page"]
    assert lines_in_reading_order(words, 1)[0] == group_lines(words, 1)


def test_a_tables_cells_drawn_down_the_page_read_as_columns():
    """The same geometry, drawn a column of the table after the other down the page, as a page of two
    columns is (each column's lines before the other's): the drawing order does not say table, and
    the stacks of lines under the rows' first lines are read as the geometry finds them."""
    table = long_cells_table()
    cells = [slice(0, 1), slice(1, 5), slice(5, 6), slice(6, 7), slice(7, None)]  # Nr., Tiltak, Ansvarlig, Status, Kommentar
    words = in_order(*([line for row in table for line in row[cell]] for cell in cells))
    assert page_structure(words).gutter is not None


THREE = tuple([f"{name} {k} går ned i sin spalte" for k in range(1, 9)] for name in ("første", "midtre", "tredje"))


def three_columns(third: int = 8, ragged: bool = False) -> tuple[list[list[Word]], ...]:
    """Three columns of prose 150 pt wide, 12 pt apart (a gutter of a little more than an em); the
    third ``third`` lines long; the first ragged if asked: two lines full, two ending 20 pt short of
    the column's edge and four 40 pt short, so that the white before the middle column is deepest at
    three places."""
    first = column(60, 72, 150, THREE[0])
    if ragged:
        first = [line_of(t, 60, 72 + k * LEAD, 150 - (0, 0, 20, 20, 40, 40, 40, 40)[k]) for k, t in enumerate(THREE[0])]
    return first, column(222, 72, 150, THREE[1]), column(384, 72, 150, THREE[2][:third])


def test_three_columns_are_read_one_after_the_other_as_the_pdf_draws_them():
    """Each row has white at two places that run down the page, as a table's rows have: cut at one
    gutter, the other gap would make the rows a table's. The drawing order (a column after the other,
    as a table is not drawn) and the columns inside a column (prose on each side of the other gap)
    say three columns."""
    first, middle, third = three_columns()
    found = page_structure(in_order(first, middle, third))
    assert [c for c, _ in texts(found.regions)] in (["left", "left", "right"], ["left", "right", "right"])
    assert read(in_order(first, middle, third)) == [*THREE[0], *THREE[1], *THREE[2]]
    # the same geometry drawn line by line across the page, as a table's rows are: not read as columns
    assert page_structure(interleaved(first, middle, third)).gutter is None


def test_a_short_third_column_beside_a_ragged_first_is_found_too():
    """The first column's lines end at several x, so the white before the middle column is deep at
    several places: each is that one gutter, tried once, and the short third column's gutter is
    tried as well."""
    first, middle, third = three_columns(third=3, ragged=True)
    assert read(in_order(first, middle, third)) == [*THREE[0], *THREE[1], *THREE[2][:3]]


def hanging_columns(count: int, width: float, last: str, hang: float = 2.0) -> tuple[list[list[Word]], list[list[Word]], list[list[Word]]]:
    """``count`` justified columns ``width`` pt wide with gutters of 11 pt (a little more than an
    em), every other line ending in ``last`` set ``hang`` pt past the column's edge, as Typst,
    InDesign and microtype hang a line's final hyphen or stop in the margin (the white at the gutter
    is less than an em there); a bold heading across them all, and a section of columns under it.
    Returns the columns above, the heading, the columns below, each column in its own list of lines."""
    def one(x0: float, top: float, name: str, n: int) -> list[list[Word]]:
        return [line_of(f"{name} linje {k} går nå ned i sin {'spal' + last if k % 2 else 'spalte'}", x0, top + k * LEAD, width + (hang if k % 2 else 0)) for k in range(n)]

    names = ("første", "andre", "tredje", "fjerde")[:count]
    above = [one(60 + (width + 11) * i, 72, name, 8) for i, name in enumerate(names)]
    heading = [line_of("Innsatsområde 2. En overskrift over alle spaltene", 60, 72 + 8 * LEAD + 6, size=14, bold=True)]
    below = [one(60 + (width + 11) * i, 72 + 8 * LEAD + 26, name + "b", 6) for i, name in enumerate(names)]
    return above, heading, below


@pytest.mark.parametrize(("count", "width"), [(3, 150.0), (4, 140.0)])
def test_columns_whose_lines_hang_a_hyphen_into_a_narrow_gutter_are_read_one_after_the_other(count, width):
    """Gutters of a little more than an em, narrowed under an em where a line's final hyphen hangs
    past the column's edge: the white is still the gutter (a hanging mark is the column's, not a
    word across it), and each section's columns are read one after the other, the heading across
    them between the sections."""
    above, heading, below = hanging_columns(count, width, "-")
    words = in_order(*above, heading, *below)
    assert read(words) == [ln.text for part in (*above, heading, *below) for ln in (make_line(line, 1) for line in part)]
    # a letter as far into the gutter is a word across it: no columns there
    assert page_structure(in_order(*hanging_columns(count, width, "r")[0])).gutter is None


def test_sections_of_balanced_columns_are_read_section_by_section_as_the_pdf_draws_them():
    """CSS columns balance each section: the first section's right column ends higher than its left,
    and the next section's heading opens the left column right under it, with no white across both
    columns to part the sections. The geometry reads one pair of columns; a PDF drawing each
    section's left column, then its right, then the next section's, says two sections."""
    left_a, right_a = column(72, 72, 220, LEFT[:6]), column(312, 72, 220, RIGHT[:4])
    heading = [line_of("Innsatsområde 2. Neste del", 72, 72 + 6 * LEAD + 4, bold=True)]
    left_b = column(72, 72 + 7 * LEAD + 8, 220, LEFT[6:] + LEFT[:4])
    right_b = column(312, 72 + 7 * LEAD + 8, 220, RIGHT[4:8])
    words = in_order(left_a, right_a, heading, left_b, right_b)
    assert read(words) == [*LEFT[:6], *RIGHT[:4], "Innsatsområde 2. Neste del", *LEFT[6:], *LEFT[:4], *RIGHT[4:8]]
    # drawn a column after the other, the same page is one pair of columns
    assert read(in_order(left_a, heading, left_b, right_a, right_b)) == [*LEFT[:6], "Innsatsområde 2. Neste del", *LEFT[6:], *LEFT[:4], *RIGHT[:8]]


def test_columns_whose_lines_are_never_level_are_found_by_the_white_between_them():
    """The right column's lines sit half a line lower than the left's (a heading's larger leading
    shifts them), so no row holds words of both: no row's gap shows the gutter, but a white strip
    runs down between all of them (XY-cut's vertical cut)."""
    left = column(72, 72, 220, LEFT)
    right = column(312, 78, 220, RIGHT)
    words = in_order(left, right)
    assert all(not ({w.x0 < 300 for w in row} == {True, False}) for row in structure.rows_of(words))  # no row holds both
    assert read(words) == LEFT + RIGHT


def side_heads() -> tuple[list[list[Word]], ...]:
    """Two measures, each with its heading set beside its text in a column of its own (bold, a few
    words a line), white between them."""
    out: list[list[list[Word]]] = []
    for k, top in enumerate((72.0, 240.0)):
        out.append([line_of(t, 60, top + n * LEAD, bold=True) for n, t in enumerate((f"Tiltak {k + 3}. Innhente ny", "kunnskap om frafall fra", "de ulike ordningene"))])
        out.append(column(200, top, 330, [f"tekst {k} linje {n} om tiltaket som står her ved siden av overskriften" for n in range(8)]))
    return tuple(out)


def test_a_side_head_is_read_before_the_text_beside_it():
    """Drawn as floats are (every side head of the page first), or each with its text: a side head
    opens a band of its own and is read before its text, the next one after it."""
    head_a, text_a, head_b, text_b = side_heads()
    expected = [ln.text for part in (head_a, text_a, head_b, text_b) for ln in as_lines(part)]
    assert read(in_order(head_a, head_b, text_a, text_b)) == expected
    assert read(in_order(head_a, text_a, head_b, text_b)) == expected


@pytest.mark.parametrize("draw_heads_first", [False, True])
def test_a_side_head_stacked_under_the_one_above_beside_a_paragraphs_middle_is_read_with_it(draw_heads_first):
    """Held-out ho2-wp-side-heads: side heads set as floats stack. A measure's title over four lines,
    its first part's heading pushed down right under it (less than an em of white), level with the
    last line of the part's first paragraph: its text starts level with the title, so it is read
    right after the title, not inside the paragraph («hjelpeappa- | Tiltak 9 a) …»). The next part's
    heading, beside its paragraph's start, is read where it stands."""
    title = [line_of(t, 60, 72 + n * LEAD, bold=True) for n, t in enumerate(("Tiltak 9. Øke kompetansen", "om kontroll og vold", "i skolen og i", "skolefritidsordningen"))]
    part_a = [line_of(t, 60, 72 + 4 * LEAD + 6 + n * LEAD, bold=True) for n, t in enumerate(("Tiltak 9 a) Utvikle", "ressurser for ansatte"))]
    first = [f"første avsnitt linje {n} om behovet for kunnskap i skolen her" for n in range(6)]
    second = [f"andre avsnitt linje {n} om ordningen for kompetanse i skolen" for n in range(5)]
    third = [f"tredje avsnitt linje {n} om læreplanverket og undervisningen" for n in range(5)]
    text_a = column(200, 72, 260, first) + column(200, 72 + 6 * LEAD + 8, 260, second)
    top_b = 72 + 11 * LEAD + 40
    part_b = [line_of(t, 60, top_b + n * LEAD, bold=True) for n, t in enumerate(("Tiltak 9 b) Bidra til god", "undervisning om vold"))]
    text_b = column(200, top_b, 260, third)
    words = in_order(title, part_a, part_b, text_a, text_b) if draw_heads_first else in_order(title, part_a, text_a, part_b, text_b)
    expected = [ln.text for part in (title, part_a, text_a, part_b, text_b) for ln in as_lines(part)]
    assert read(words) == expected


# --- saying when unsure ------------------------------------------------------------------------------


def test_a_line_across_the_gutter_in_the_columns_makes_the_order_doubtful():
    left, right = column(72, 72, 220, LEFT), column(312, 72, 220, RIGHT)
    clean = page_structure(in_order(left, right))
    assert clean.doubt == ""
    across = line_of("en linje som går tvers over mellomrommet mellom spaltene og langt inn i den andre", 72, 72 + 4 * LEAD)
    crossed = page_structure(in_order(left[:4], right[:4], [across], left[5:], right[5:]))
    assert crossed.gutter is not None and "runs across the gap between the columns" in crossed.doubt


def heading_page(heading_text: str, bold: bool, size: float) -> tuple[list[list[Word]], ...]:
    """Two sections in columns, the second's heading across both, with less than an em of white
    around it (as CSS sets a heading that spans the columns of a section)."""
    above = column(72, 72, 220, LEFT[:4]), column(312, 72, 220, RIGHT[:4])
    heading = [line_of(heading_text, 72, 72 + 4 * LEAD + 4, size=size, bold=bold)]
    below = column(72, 72 + 4 * LEAD + 8 + size, 220, LEFT[4:]), column(312, 72 + 4 * LEAD + 8 + size, 220, RIGHT[4:])
    return *above, heading, *below


def test_a_heading_across_the_columns_that_the_pdf_draws_between_them_is_not_doubtful():
    """A heading in bold, larger type, across the gutter, with less white around it than sets a part
    apart: the geometry reads it between the columns above and below, and the drawing order (the
    columns above, then it, then the columns below, each a column after the other) agrees."""
    text = "Innsatsområde 2. En overskrift over begge spaltene i seksjonen"
    left_above, right_above, heading, left_below, right_below = heading_page(text, True, 14)
    found = page_structure(in_order(left_above, right_above, heading, left_below, right_below))
    assert [c for c, _ in texts(found.regions)] == ["left", "right", "span", "left", "right"] and found.doubt == ""
    # drawn after everything, the drawing order does not say where it is read: in doubt
    late = page_structure(in_order(left_above, right_above, left_below, right_below, heading))
    assert "runs across the gap between the columns" in late.doubt
    # the columns' own type across the gutter, drawn between them: the gutter may not be one (test above)
    plain = heading_page(text.lower(), False, SIZE)
    assert "runs across the gap between the columns" in page_structure(in_order(*plain)).doubt


def test_a_page_number_drawn_first_is_read_after_the_columns_above_it():
    """A body column and a box beside it, and the page's number alone under the body's side, drawn
    before everything (as a page's margin boxes are): not the body column's last line, but read after
    the box, where it stands."""
    body = [line_of(text, 72, 72 + k * LEAD) for k, text in enumerate(LEFT)]
    box = [line_of(f"boksen har en liste over {name}", 330, 74 + k * LEAD) for k, name in enumerate(("departementer", "direktorater", "etater") * 4)]
    number = [line_of("Side 1 av 17", 150, 780)]
    words = in_order(number, body, box)
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["left", "right", "span"] and found.doubt == ""
    assert read(words)[-1] == "Side 1 av 17"


def raw_with(doubts: tuple[tuple[int, str], ...], pages: int = 8) -> RawPdf:
    from pipeline.model import PageInfo

    return RawPdf("x.pdf", "/x.pdf", "0" * 64, tuple(PageInfo(n, 595, 842) for n in range(1, pages + 1)), ((),) * pages, (), {}, doubtful_order=doubts)


def test_doubtful_pages_make_one_warning_naming_them():
    kind = FINDING_TYPES["reading_order_uncertain"]
    assert kind.severity == "warning" and kind.title_nb and kind.message_nb
    said = said_of_order(raw_with(((3, "a line runs across the gap"), (7, "a heading"), (7, "another"))))
    [found] = [f for f in said.findings if f.code == "reading_order_uncertain"]
    assert found.severity == "warning" and "Pages 3, 7:" in found.message and "Sidene 3, 7:" in (found.message_nb or "")
    [one] = said_of_order(raw_with(((5, "a heading"),))).findings
    assert (one.page, one.message.startswith("Page 5:"), (one.message_nb or "").startswith("Side 5:")) == (5, True, True)
    assert said_of_order(raw_with(())).findings == ()  # none where nothing is doubtful


def test_doubts_of_pages_read_in_several_processes_are_joined():
    first, second = raw_with(((2, "a"),)), raw_with(((6, "b"), (4, "c")))
    assert joined([first, second]).doubtful_order == ((2, "a"), (4, "c"), (6, "b"))


# --- what the stages read of it -----------------------------------------------------------------------


def as_lines(rows: list[list[Word]]) -> list[Line]:
    return [ln for row in rows for ln in group_lines(row, 1)]


def test_the_columns_of_a_document_start_at_its_margin_and_at_each_further_column():
    one = as_lines(column(72, 72, 460, LEFT + RIGHT))
    assert column_starts(one, SIZE, 72.0) == (72.0,)
    two = as_lines(column(72, 72, 220, LEFT) + column(312, 72, 220, RIGHT))
    assert column_starts(two, SIZE, 72.0) == (72.0, 312.0)


def test_a_columns_edge_is_where_its_lines_are_indented_from_not_where_most_start():
    """Values indented under their labels (a definition list) outnumber the column's other lines:
    its edge, where a heading opens it, is still left of them. A few lines further left (a heading
    hung in the margin) or a column a column's width away do not move it."""
    from collections import Counter

    from pipeline.stages.structure import column_edge

    assert column_edge(Counter({313: 291, 329: 424, 339: 13}), 329, SIZE) == 313
    assert column_edge(Counter({60: 350, 76: 342, 51: 53}), 60, SIZE) == 60
    assert column_edge(Counter({72: 400, 312: 390}), 312, SIZE) == 312
    two = as_lines(column(72, 72, 220, LEFT) + column(88, 200, 220, LEFT * 2) + column(312, 72, 220, RIGHT) + column(328, 200, 220, RIGHT * 2))
    assert column_starts(two, SIZE, 72.0) == (72.0, 312.0)


def test_a_heading_hung_left_of_all_the_text_is_at_its_columns_start():
    """A measure's number hung in the margin, a side head in a column of its own, a card's heading over
    its labels' column: the line starts left of every column's start (the text is indented from it).
    A line inside the text, left of a further column's start only, is not at a column's start."""
    doc = Document("x.pdf", "", 1, SIZE, 180.0, (), ())
    starts = (180.0, 400.0)
    hung, at_margin, inside = (as_lines([line_of(t, x, 72)])[0] for t, x in (("Tiltak 4. Videreutvikle", 72), ("Tiltak 4.", 181), ("Tiltak 4. i teksten", 260)))
    assert at_column_start(hung, doc, starts) and at_column_start(at_margin, doc, starts)
    assert not at_column_start(inside, doc, starts)


def test_links_are_read_in_the_documents_reading_order():
    """A link high in the right column comes after one low in the left column, as the lines do."""
    lines = as_lines(column(72, 72, 220, LEFT) + column(312, 72, 220, RIGHT))
    low_left = Link("https://a.example/", 1, 72, 72 + 7 * LEAD, 120, 82 + 7 * LEAD, "a")
    high_right = Link("https://b.example/", 1, 312, 72, 360, 82, "b")
    assert [lk.uri for lk in reading_order([high_right, low_left], lines)] == ["https://a.example/", "https://b.example/"]
    assert [lk.uri for lk in reading_order([high_right, low_left])] == ["https://b.example/", "https://a.example/"]  # by height alone


# --- the two-column look of the frihet report ----------------------------------------------------------


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_the_two_column_look_is_read_column_by_column(engine):
    """Its first page and its table in one column; the measures in two, never a line across both;
    the same lines under both engines, and nothing doubtful."""
    raw = raw_of(LOOK) if engine == "pdfplumber" else pdfium.read_pdf(LOOK, None)
    assert raw.doubtful_order == () and raw.reference_pages == ()
    if engine == "pdfium":
        assert [[ln.text for ln in page] for page in raw.page_lines] == [[ln.text for ln in page] for page in raw_of(LOOK).page_lines]
    for info, lines in zip(raw.pages, raw.page_lines):
        words = [w for ln in lines for w in ln.words]
        found = page_structure(words)
        if info.number <= 3:
            assert found.gutter is None, info.number
            continue
        assert found.gutter is not None, info.number
        left, right = found.gutter
        body = [ln for ln in lines if abs(ln.size - 10) < 0.5]  # the headings across both are larger, the notes smaller
        assert not any(ln.x0 < left and ln.x1 > right for ln in body), info.number


# Until segment.py takes a heading at the left edge of a further column (column_starts) as one at the
# margin, the right column's measures have no heading: strict, so that the mark goes with that change.


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_the_two_column_look_reads_as_the_reference(engine):
    """Every block on its pages, the findings (the report's own: nothing said of doubt), and the tables of every rendering."""
    if engine == "pdfplumber":
        stages, files = processed(LOOK.stem)
    else:
        stages, files = process_pdf(LOOK, load_profile("frihet-sluttrapport"), engine=engine)
        assert stages.document.engine == "pdfium"
    assert {nr: d for nr, d in block_differences(stages, golden_tiltak(), expected_pages(LOOK.stem)).items() if d} == {}
    assert finding_rows(stages) == golden_findings()
    assert {t: d[:3] for t, d in table_differences(files, processed("word")[1], INVARIANT_TABLES).items() if d} == {}


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_the_sidebar_look_reads_its_box_and_its_sections_of_columns_in_order(engine):
    """Chromium's print of the report's web page (tests/pdfs/renderings/cr-columns-sidebar.html): on
    page 1 the body column, then the box beside it, then the page's number (drawn first of all); from
    page 4 each innsatsområde's measures in two balanced columns of justified text (word spaces wider
    than an em) whose lines stand at heights of their own, under a heading across both, so one page
    holds several sections' columns (page 5). Nothing is doubtful, and no line holds words of both
    columns."""
    raw = raw_of(SIDEBAR) if engine == "pdfplumber" else pdfium.read_pdf(SIDEBAR, None)
    assert raw.doubtful_order == ()
    p1 = [ln.text for ln in raw.page_lines[0]]
    body_end, box = p1.index("fremgå av rapporteringen om tiltaket er videreført."), p1.index("Tiltaksansvarlige departementer:")
    assert p1[0] == "Om denne rapporten:" and box == body_end + 1 and p1[-1] == "Side 1 av 17"
    assert follows(p1, "• Barne- og familiedepartementet (BFD)", "◦ Barne-, ungdoms- og", "familiedirektoratet (Bufdir)")
    p5 = [ln.text for ln in raw.page_lines[4]]
    assert follows(p5, "Ansvarlig departement: JD", "Status: Tiltaket videreføres.")  # the left column, then the right
    heading = "Innsatsområde 2. Kunnskap og kompetanse for et helhetlig hjelpetilbud"  # across both, between two sections' columns
    assert follows(p5, "vil veilederen bli ferdigstilt og kan tas i bruk i 2026.", heading, "Tiltakene under dette innsatsområdet skal legge til rette")
    for info, lines in zip(raw.pages, raw.page_lines):
        words = [w for ln in lines for w in ln.words]
        found = page_structure(words)
        if info.number in (2, 3):  # the overview table, across the page
            assert found.gutter is None, info.number
            continue
        assert found.gutter is not None, info.number
        left, right = found.gutter  # no line with words on both sides of it and none in it (the notes run across it)
        assert not any(a.x1 <= left and b.x0 >= right for ln in lines for a, b in zip(ln.words, ln.words[1:])), info.number


# --- a status report in one long table -----------------------------------------------------------------

FAMILIES = ROOT / "tests" / "pdfs" / "families"
TABLES = [FAMILIES / f"statusrapport-2022-{name}.pdf" for name in ("tabell", "tabell-overskrifter", "tabell-grupperad-i-tittelkolonne")]


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_reports_table_of_measures_is_read_row_by_row(engine):
    """The measures as the rows of one ruled table (Nr. | Tiltak | Ansvarlig | Status | Kommentar), a
    title over a few lines and a comment over many, rows split across pages under the header repeated:
    every page is read row by row, as its lines stand, never its titles down the page and then its
    comments (tools/fixtures/families.py). On page 3 of the one whose group rows stand in the title
    column, the lines under measure 4 are its title's and its comment's, side by side, and the group
    row («Innsatsområde 2: ...») comes after the comment, where it stands."""
    for pdf in TABLES:
        raw = raw_of(pdf) if engine == "pdfplumber" else pdfium.read_pdf(pdf, None)
        for info, lines in zip(raw.pages, raw.page_lines):
            rows = structure.rows_of([w for ln in lines for w in ln.words])
            assert [ln.text for ln in lines] == [make_line(row, info.number).text for row in rows], (pdf.name, info.number)
    page = [ln.text for ln in raw.page_lines[2]]
    at = page.index("4 Videreutvikle JD Ikke påbegynt Dialoggrupper om vold")
    assert page[at + 1 : at + 3] == ["dialoggrupper om vold til gjennomføres i ordinære", "beboere på asylmottak asylmottak og ordinære"]
    assert page.index("gjennomførte tiltaket i 2024.") + 1 == page.index("Innsatsområde 2:")


# --- real PDFs ---------------------------------------------------------------------------------------


class Pages(Share):
    """The pages an engine reads of a PDF: these only."""

    def __init__(self, numbers: set[int]) -> None:
        super().__init__()
        self.numbers = numbers

    def has(self, number: int) -> bool:
        return number in self.numbers


def reference_read(pdf: Path, pages: set[int]) -> RawPdf:
    """These pages of a PDF, read by the reference engine."""
    with hardened_pdfminer() as damage:
        return reference.read_pdf(pdf, None, None, damage, Pages(pages))


needs_real = pytest.mark.skipif(not YELLOW_BOOK.is_file(), reason="../shared/real-world/ is not beside the checkout")


def follows(lines: list[str], *runs: str) -> bool:
    """Do lines starting with ``runs`` come one right after the other?"""
    at = [next((i for i, t in enumerate(lines) if t.startswith(r)), -1) for r in runs]
    return -1 not in at and at == list(range(at[0], at[0] + len(runs)))


@needs_real
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_the_yellow_books_columns_are_read_one_after_the_other(engine):
    """FrameMaker's two columns (Prop. 1 S, pages 13, 20 and 21): a sentence running down a column
    is read on, the left column before the right, the section heading and the table across both
    after the columns above them, and no line holds words of both columns."""
    raw = reference_read(YELLOW_BOOK, {13, 20, 21}) if engine == "pdfplumber" else pdfium.read_pdf(YELLOW_BOOK, None, None, Pages({13, 20, 21}))
    p13, p20, p21 = ([ln.text for ln in lines] for lines in raw.page_lines)
    assert follows(p13, "mulighet for forlengelse, kan virke innlåsende og", "motvirke overgang til selvforsørgelse. Siden stø-")
    assert follows(p13, "Regjeringen foreslår å videreføre flere ordnin-", "ger nominelt, deriblant kontantstøtten og barne-")
    assert p13.index("å begrense antallet kommuner som omfattes til å") < p13.index("gjelde de minst sentrale, hvor det er størst proble-")
    assert follows(p20, "Ukraina, men støtte til Ukrainas frihetskamp er", "også nødvendig for Europas og Norges sikkerhet.", "Regjeringens mål er et Ukraina som kan")
    assert follows(p20, "kropp, og skeives rettigheter.", "I en tid hvor nivået på global bistand faller, er", "det viktigere enn noensinne å finne alternative")
    assert follows(p20, "viteten vil stige betraktelig i 2026.", "2.4.3 Kunnskapsdepartementet")
    assert "07.10 Administrasjon 749,6 751,8 0,3" in p20  # the table's rows whole
    assert follows(p21, "laget rundt elevene.", "Regjeringen foreslår å bevilge 1,8 mrd. kroner")
    assert raw.doubtful_order == ()
    for lines in raw.page_lines:
        assert not any(ln.x0 < 250 and ln.x1 > 320 and len(ln.words) > 12 for ln in lines)  # no two columns' lines in one


def real_pdfs() -> list:
    small = {"no-telemark-ungdomsrad-handlingsplan-2025.pdf", "no-lovtidend-dora-loven-2025.pdf", "no-svv-bim-standardisering-sluttrapport-del2.pdf"}
    names = sorted(p.name for p in REAL.glob("*.pdf")) if REAL.is_dir() else []
    return [pytest.param(n, marks=() if n in small else slow) for n in names]


@needs_real
@pytest.mark.parametrize("name", real_pdfs())
def test_no_real_pdf_is_taken_for_a_report(name, caplog):
    """Budgets, laws, risk reports and a youth council's plan: «unknown report family» (exit 6), no
    measure invented, however their columns and boxes are read."""
    with caplog.at_level(logging.INFO), pytest.raises(PipelineError) as failed:
        process_pdf(REAL / name)
    assert failed.value.exit_code == 6 and "unknown report family" in str(failed.value.one_line())


def test_a_words_drawing_order_is_its_first_glyph_drawn():
    """What the engines give the structure: words in the order their glyphs are drawn, not in rows."""
    from pipeline.stages.engines.words import in_drawing_order

    a, b, c = (Word(t, x, 0, x + 5, 10, 10, "F", False) for t, x in (("a", 0), ("b", 10), ("c", 20)))
    glyphs = [[object()], [object(), object()], [object()]]
    chars = [glyphs[2][0], glyphs[1][1], glyphs[0][0], glyphs[1][0]]
    assert in_drawing_order([a, b, c], glyphs, chars) == [c, b, a]


def test_a_page_of_boxes_no_page_has_is_one_region():
    """Hostile PDFs: boxes that are not numbers, or type without a size, are read as they always were."""
    words = in_order(column(72, 72, 220, LEFT), column(312, 72, 220, RIGHT))
    broken = [replace(w, x0=float("nan")) if i == 7 else w for i, w in enumerate(words)]
    assert page_structure(broken).regions == (structure.Region(tuple(broken), "page"),)
    sizeless = [replace(w, size=0.0) for w in words]
    assert page_structure(sizeless).gutter is None


def test_side_heads_with_little_white_between_them_are_each_read_with_the_text_beside_them():
    """A label grid or side heads whose text runs on down the page with less than an em of white
    between the rows: each head (a block of its column) is read before the text beside it, not
    all the heads first and then the text."""
    words_of = "arbeidet med tiltaket fortsetter i den nye planen og rapporteres videre til departementet hvert år".split()
    prose = [" ".join(words_of[(3 * n + k) % len(words_of)] for k in range(7 + n % 3)) for n in range(16)]  # no two lines alike
    text = column(230, 72, 300, prose)
    heads = {
        4: ["Status for tiltaket (tiltak 10 a):"],
        6: ["Sluttrapport for tiltaket", "(tiltak 10 a):"],
        10: ["Status for tiltaket (tiltak 10 b):"],
        12: ["Sluttrapport for tiltaket", "(tiltak 10 b):"],
    }
    head_lines = [[line_of(t, 60, 72 + (row + n) * LEAD, bold=True) for n, t in enumerate(lines)] for row, lines in heads.items()]
    words = in_order(*head_lines, text)  # drawn as a label column after the other, or as floats
    expected, row = [], 0
    for start, lines in heads.items():
        expected += prose[row:start] + lines
        row = start
    assert read(words) == [*expected, *prose[row:]]


ABOUT = ["Om handlingsplanen og mer", "Handlingsplanen Frihet fra og mer", "negativ sosial kontroll og mer", "æresrelatert vold ble lagt fram",
         "av regjeringen i 2021 og mer", "Den samlet innsatsen til mange", "flere departementer og mer", "direktorater i 33 tiltak og mer",
         "Denne sluttrapporten gjør rede", "for hva som er gjort i hvert", "tiltak og for hvilke som", "videreføres i den nye planen"]  # fmt: skip


def test_a_sidebar_of_prose_beside_a_table_is_a_region_of_its_own():
    """Held-out ho4-wp-prose-sidebar: a sidebar of prose in small type beside the text, then beside
    the overview table. Its lines level with the text make a column; those level with the table's
    rows would be read with the rows (a table's row, its cells apart, spans the columns), their
    words glued to the cells'. But white runs down all of the page between the sidebar and the rest,
    which nothing spans: the sidebar, drawn in one run, is a box of its own."""
    side = [line_of(t, 45, 64 + k * 9.5, size=7.5) for k, t in enumerate(ABOUT)]
    text = [line_of(f"innledningen til rapporten går her over linje {k} med mange ord", 181, 64 + k * 9.5) for k in range(5)]
    rows = []
    for k in range(10):
        top = 116 + k * 14
        rows.append([*line_of(str(k + 1), 185, top), *line_of(f"Utvikle tiltak nummer {k + 1}", 210, top), *line_of("AID", 400, top), *line_of("Ferdigstilt", 460, top)])
    words = in_order(text, rows, side)
    assert [c for c, _ in texts(page_structure(words).regions)] == ["page", "box"]
    table = [f"{k + 1} Utvikle tiltak nummer {k + 1} AID Ferdigstilt" for k in range(10)]
    assert read(words) == [" ".join(w.text for w in line) for line in text] + table + ABOUT


HALF_HEADER = ["Nr.", "Tiltak", "Ansvarlig", "Status"]


def half_row(cells: list[str], x0: float, top: float) -> list[Word]:
    """A row of a table's half whose columns start at x0 + 0, 22, 220 and 290."""
    return [w for text, dx in zip(cells, (0, 22, 220, 290)) if text for w in line_of(text, x0 + dx, top, size=8)]


def test_a_table_in_halves_side_by_side_is_read_half_after_half():
    """Held-out ho4-cr-split-table: a long table set in two halves side by side on a landscape page,
    each under the same header. The repeated header says so: the left half is read, then the right,
    as a table continued on the next page is (rows of the two halves are never one line), what
    stands over the header and under the halves where they stand."""
    title = line_of("Oversikt over status for tiltak i handlingsplanen", 40, 40, size=12)
    header = [*half_row(HALF_HEADER, 40, 70), *half_row(HALF_HEADER, 420, 70)]
    left = [half_row([str(k), f"Tiltak nummer {k} i venstre halvdel", "AID", "Ferdigstilt"], 40, 82 + 12 * k) for k in range(1, 9)]
    right = [half_row([str(k), f"Tiltak nummer {k} i høyre halvdel", "JD", "Videreføres"], 420, 86 + 12 * (k - 9)) for k in range(9, 16)]
    number = line_of("2", 40, 560, size=9)
    words = in_order([title], [header], left, right, [number])
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["span", "left", "right", "span"]
    assert read(words) == [
        "Oversikt over status for tiltak i handlingsplanen",
        "Nr. Tiltak Ansvarlig Status",
        *(f"{k} Tiltak nummer {k} i venstre halvdel AID Ferdigstilt" for k in range(1, 9)),
        "Nr. Tiltak Ansvarlig Status",
        *(f"{k} Tiltak nummer {k} i høyre halvdel JD Videreføres" for k in range(9, 16)),
        "2",
    ]


def test_a_row_is_a_repeated_header_only_where_the_same_words_stand_again_a_gutter_apart():
    em = SIZE
    header = structure.Row.of([*half_row(HALF_HEADER, 40, 70), *half_row(HALF_HEADER, 420, 70)], em)
    assert structure.repeated_header(header, em) == [420.0]
    assert structure.repeated_header(structure.Row.of(half_row(HALF_HEADER, 40, 70), em), em) is None  # one header
    other = structure.Row.of([*half_row(HALF_HEADER, 40, 70), *half_row(["Nr.", "Tiltak", "Frist", "Status"], 420, 70)], em)
    assert structure.repeated_header(other, em) is None  # other columns beside: no half of the same table
    figures = structure.Row.of([*line_of("12 12", 40, 70), *line_of("12 12", 420, 70)], em)
    assert structure.repeated_header(figures, em) is None  # figures that repeat: no header


def test_two_columns_that_print_the_same_line_level_are_no_table_in_halves():
    """Two columns of prose may print the same line at one height («Ansvarlige departementer: AID, i
    samarbeid med UD» closing two measures): its words are set as a line's, not apart as a header's cells."""
    same = "Ansvarlige departementer: AID, i samarbeid med UD"
    left = column(72, 72, 220, [*LEFT[:4], same, *LEFT[4:]])
    right = column(312, 72, 220, [*RIGHT[:4], same, *RIGHT[4:]])
    found = page_structure(in_order(left, right))
    assert [c for c, _ in texts(found.regions)] == ["left", "right"] and not any("side by side" in n for n in found.notes)


# --- a badge on a fill, above or beside a heading -------------------------------------------------------


def badge_page(color: str = "#ffffff", gap: float = 2.5, x0: float = 480) -> list[Word]:
    """An introduction, then a card: its status badge («Ferdigstilt», bold, small) at the top right,
    just above the heading's first line; the heading wraps over two lines; then the card's text."""
    rows = [line_of("Innledningen til innsatsområdet går over hele denne linjen her, fra den venstre margen og helt bort til den høyre.", 72, 72)]
    rows.append(line_of("Slik slutter innledningen.", 72, 72 + LEAD))
    badge = [replace(w, color=color, size=7.5, bottom=w.top + 7.5) for w in line_of("Ferdigstilt", x0, 110, bold=True)]
    heading_top = badge[0].bottom + gap
    rows.append(badge)
    rows.append(line_of("Tiltak 1. Utvikle en strategi for å heve kompetansen i tjenestene", 80, heading_top, size=11, bold=True))
    rows.append(line_of("som møter nyankomne", 80, heading_top + 12.5, size=11, bold=True))
    rows += [line_of(f"Brødteksten i kortet, linje {k}, går videre her og fyller linjen helt bort til kortets høyre kant.", 80, heading_top + 32 + k * LEAD) for k in range(3)]
    return in_order(rows)


def test_a_badge_on_a_fill_above_a_heading_is_read_after_the_heading_it_marks():
    """Held-out ho5-cr-status-badges: the card's status badge (white type on a coloured fill) stands
    above the heading's first line at its right, so the geometry read it as the introduction's last
    words; it marks the measure, and is read right after the heading's two lines."""
    assert read(badge_page()) == [
        "Innledningen til innsatsområdet går over hele denne linjen her, fra den venstre margen og helt bort til den høyre.",
        "Slik slutter innledningen.",
        "Tiltak 1. Utvikle en strategi for å heve kompetansen i tjenestene",
        "som møter nyankomne",
        "Ferdigstilt",
        *(f"Brødteksten i kortet, linje {k}, går videre her og fyller linjen helt bort til kortets høyre kant." for k in range(3)),
    ]


def test_a_badge_beside_a_heading_is_no_word_of_its_title():
    """The same badge level with the heading's first line (in one row with it): read apart, after the
    heading's lines, not as the title's last word."""
    lines = read(badge_page(gap=-7.5))
    assert lines[2:5] == ["Tiltak 1. Utvikle en strategi for å heve kompetansen i tjenestene", "som møter nyankomne", "Ferdigstilt"]


@pytest.mark.parametrize(
    "why, page",
    [
        ("dark type: no fill under it, a line of its own", badge_page(color="")),
        ("a paragraph's white between it and the heading", badge_page(gap=12)),
        ("left of where the heading starts", badge_page(x0=72)),
    ],
)
def test_only_a_badge_that_marks_a_heading_moves(why, page):
    assert read(page)[2] == "Ferdigstilt", why


def fill_under(words: list[Word], pad: float = 3.0) -> structure.Fill:
    """A filled rectangle under these words, ``pad`` points around them."""
    return (min(w.x0 for w in words) - pad, min(w.top for w in words) - pad, max(w.x1 for w in words) + pad, max(w.bottom for w in words) + pad)


def test_a_dark_badge_on_a_pale_fill_of_its_own_is_read_after_the_heading_it_marks():
    """Issue 18: the same badge printed dark on a pale fill (a light-grey rectangle behind the run, the
    text black) marks the heading as the white one does: above the heading's first line at its right it
    is read after the heading's lines, level with it it is no word of the title; with no fill under it,
    it is a line where it stands."""
    for gap in (2.5, -7.5):
        words = badge_page(color="", gap=gap)
        badge = [w for w in words if w.text == "Ferdigstilt"]
        lines, _ = lines_in_reading_order(words, 1, None, fills=[fill_under(badge)])
        assert [ln.text for ln in lines][2:5] == ["Tiltak 1. Utvikle en strategi for å heve kompetansen i tjenestene", "som møter nyankomne", "Ferdigstilt"], gap
    assert read(badge_page(color=""))[2] == "Ferdigstilt"


def test_a_fill_that_holds_more_than_one_short_run_hugged_is_no_badge_s():
    """A badge's fill holds its run alone and hugs it: a shaded table row, a cell wider than its words, a
    panel behind a card, a fill under part of a word hold no badge (zebra tables are filled rectangles
    too); a heading in a banner is no heading a badge marks."""
    badge = line_of("Ferdigstilt", 480, 110, bold=True)
    assert structure.on_fills_of_their_own(badge, [fill_under(badge)]) == frozenset(badge)
    row = [*line_of("3", 72, 200), *line_of("Pågår", 480, 200)]
    assert structure.on_fills_of_their_own(row, [(60, 197, 560, 213)]) == frozenset()  # a zebra table's row
    assert structure.on_fills_of_their_own(badge, [fill_under(badge, pad=40)]) == frozenset()  # a cell wider than its run
    prose = line_of("Tekst i en boks med mange ord på linjen", 72, 300)
    assert structure.on_fills_of_their_own(prose, [fill_under(prose)]) == frozenset()  # a box of prose
    assert structure.on_fills_of_their_own(badge, [(badge[0].x0 + 5, 105, 600, 125)]) == frozenset()  # under part of a word
    two_lines = [*line_of("Under", 480, 110), *line_of("arbeid", 480, 122)]
    assert structure.on_fills_of_their_own(two_lines, [fill_under(two_lines)]) == frozenset()  # not one line
    cells = [*line_of("Nr.", 72, 150, bold=True), *line_of("Tiltak", 120, 150, bold=True), *line_of("Status", 480, 150, bold=True)]
    rows = [cells, line_of("1 Et tiltak med tittel", 72, 165)]
    filled = structure.on_fills_of_their_own(cells, [fill_under([w]) for w in cells])
    assert filled == frozenset(cells) and structure.badges_at_their_headings(rows, filled) == rows  # a table's header, each cell on a fill
    banner = line_of("Innsatsområde 1", 76, 400, bold=True)
    under = [banner, line_of("Tiltak 1. Et tiltak med en lang tittel over hele linjen", 72, 412, size=11, bold=True)]
    assert structure.badges_at_their_headings(under, structure.on_fills_of_their_own(banner, [fill_under(banner)])) == under


def test_pale_type_is_type_read_only_on_a_fill():
    assert structure.pale("#ffffff") and structure.pale("#f0f0f0")
    assert not structure.pale("") and not structure.pale("#2e4a62") and not structure.pale("#0563c1") and not structure.pale("#b35c00")


# --- a rule drawn between a narrow column and a wide one ---------------------------------------------


NARROW = ["beskrivelsen", "står i en", "smal spalte", "med to ord", "per linje", "til slutt."]
WIDE = [f"rapporten {k} står i den brede spalten til høyre med mange flere ord" for k in range(1, 7)]


def test_a_rule_drawn_between_a_narrow_column_and_a_wide_one_parts_them_as_columns():
    """A narrow column holds a word or two a line, as a table's short cells do: alone, its lines and
    the wide column's are read across the page, line by line. A rule drawn down the white between
    them (a measure's description beside its report, a border between) parts them as columns."""
    narrow, wide = column(72, 72, 110, NARROW), column(212, 72, 300, WIDE)
    words = interleaved(narrow, wide)
    rule = (197.0, 70.0, 197.5, 72 + 6 * LEAD)
    assert lines_in_reading_order(words, 1)[0] == group_lines(words, 1)  # no rule: one line of each, read across
    lines, _ = lines_in_reading_order(words, 1, ruled=[rule])
    assert [ln.text for ln in lines] == NARROW + WIDE
    beside_two = (197.0, 70.0, 197.5, 72 + 1.5 * LEAD)  # a rule beside two rows only: a table's border, no column rule
    assert lines_in_reading_order(words, 1, ruled=[beside_two])[0] == group_lines(words, 1)
    across = (150.0, 70.0, 150.5, 72 + 6 * LEAD)  # a rule through the narrow column's words parts nothing
    assert lines_in_reading_order(words, 1, ruled=[across])[0] == group_lines(words, 1)
    frame = [(66.0, 70.0, 66.5, 72 + 6 * LEAD), rule, (520.0, 70.0, 520.5, 72 + 6 * LEAD)]  # a table's grid: rules down the same rows
    assert lines_in_reading_order(words, 1, ruled=frame)[0] == group_lines(words, 1)
    assert [ln.text for ln in lines_in_reading_order(words, 1, ruled=[rule, (197.0, 120.0, 197.5, 150.0)])[0]] == NARROW + WIDE  # one rule in pieces


ACROSS = [f"teksten løper her over hele bredden i linje {k} med mange flere ord enn en smal spalte har plass til" for k in range(3)]


def test_a_box_floated_in_the_text_is_a_region_of_its_own():
    """Held-out ho7-wp-floats: a «Fakta» box floated at the right of a measure's text, in smaller
    type, the text's lines narrower beside it and across the page above and below it. No white runs
    down all of the page (the text spans the box's place), so it is no sidebar; read as rows, each
    of the box's lines was glued to the text's line level with it («…som møter ny- Fakta»). Beside
    the box only, white parts them: the box is a region of its own, read after the rest, and the
    text's lines are read whole."""
    above = [line_of(t, 72, 72 + k * LEAD, 450) for k, t in enumerate(ACROSS)]
    narrow = column(72, 72 + 3 * LEAD, 230, BODY[:8])
    box = facts_box(72 + 3 * LEAD + 2)
    below = [line_of(t, 72, 72 + (11 + k) * LEAD, 450) for k, t in enumerate(ACROSS)]
    words = in_order(above, narrow, box, below)
    found = page_structure(words)
    assert [c for c, _ in texts(found.regions)] == ["page", "box"]
    assert any("a float in the text" in n for n in found.notes)
    assert read(words) == [*ACROSS, *BODY[:8], *ACROSS, *FACTS]
    same_size = [line_of(t, 330, 72 + 3 * LEAD + 2 + k * LEAD) for k, t in enumerate(FACTS)]
    assert all(r.column != "box" for r in page_structure(in_order(above, narrow, same_size, below)).regions)  # the text's own type: a table's cells
