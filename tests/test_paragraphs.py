"""The layout predicates of pipeline/stages/layout.py that need no PDF: where a paragraph starts, where a line's leading
cell ends, which lines are a key/value table's rows."""

from __future__ import annotations

from pipeline.model import Word
from pipeline.stages.engines.words import group_lines
from pipeline.stages.layout import CELL_GAP, cells_of, contents_entry, key_value_tables, leading_cell_end, line_gap, starts_paragraph, values_under


def _line(text: str, top: float, size: float = 10.5, right: float | None = None):
    words, x = [], 85.0
    for w in text.split():
        words.append(Word(w, x, top, x + len(w) * size * 0.5, top + size, size, "Serif", False))
        x = words[-1].x1 + 3
    line = group_lines(words, page=1)[0]
    return line


def test_a_paragraph_s_space_counts_against_the_text_s_own_line_spacing():
    # tight leading (3.8 pt between lines) and a small paragraph space (7.5 pt): less than the
    # absolute threshold (a half em beyond a quarter line), twice the text's own spacing
    lines = [_line("full linje med tekst som går helt ut til margen og videre", 100 + k * 14.3) for k in range(4)]
    lines.append(_line("kompetanseheving, jf. Tiltak 5 i denne planen her", lines[-1].bottom + 3.8))
    lines.append(_line("Ansvarlig departement: AID", lines[-1].bottom + 7.5))
    k = len(lines) - 1
    gap = line_gap(lines)
    assert abs(gap - 3.8) < 0.01
    assert starts_paragraph(lines, k, 0, gap=gap)
    assert not starts_paragraph(lines, k, 0)  # the absolute rule alone does not see it
    assert not starts_paragraph(lines, k - 1, 0, gap=gap)  # a line at the text's spacing goes on


def test_too_few_lines_tell_no_spacing():
    assert line_gap([_line("en linje", 100), _line("to linjer", 114)]) == 0.0


def _cells(*cells: str, size: float = 10.5, gap: float = 3.0):
    """One line of cells, their words at ``gap`` points' spacing, a cell gap between them."""
    words, x = [], 85.0
    for cell in cells:
        for k, w in enumerate(cell.split()):
            x += (gap if k else (CELL_GAP * size + 2.0)) if words else 0.0
            words.append(Word(w, x, 100, x + len(w) * size * 0.5, 100 + size, size, "Serif", False))
            x = words[-1].x1
    return group_lines(words, page=1)[0]


def test_a_line_s_leading_cell_ends_at_white_space_wider_than_a_cell_gap():
    # a running header's fixed part before the chapter's name; a label beside its value
    assert leading_cell_end(_cells("Handlingsplan statusrapport 2023", "Innsatsområde 2")) == 3
    assert leading_cell_end(_cells("Status", "Gjennomført")) == 1
    # words at justified spacing (wider than a word space, less than a cell gap) are one cell: all of them
    assert leading_cell_end(_cells("en linje satt med utvidet ordmellomrom", gap=CELL_GAP * 10.5 - 0.5)) == 6
    # the gap is measured in ems of the line's own size: small type's cells are closer
    assert leading_cell_end(_cells("Side", "7 | 26", size=7.0)) == 1


def _styled(*runs: tuple[str, str, bool]):
    """A line of runs (text, font, bold), each word set in its run's font."""
    words, x = [], 85.0
    for text, font, bold in runs:
        for w in text.split():
            words.append(Word(w, x, 100.0, x + len(w) * 5.0, 110.0, 10.0, font, bold))
            x = words[-1].x1 + 3
    return group_lines(words, page=1)[0]


def test_a_heading_run_into_its_text_is_a_bold_number_an_italic_title_then_the_body_s_style():
    from pipeline.model import Document
    from pipeline.stages.layout import run_in_title, words_apart

    doc = Document("x.pdf", "", 1, 10.0, 85.0, (), (), body_family="serif")
    run_in = _styled(("Tiltak 4.", "Serif-Bold", True), ("Styrke samarbeidet", "Serif-Italic", False), ("Det er behov", "Serif", False))
    assert run_in_title(run_in, doc) == (2, 4)
    assert not words_apart(run_in, doc)
    head = _styled(("Tiltak 4.", "Serif-Bold", True), ("Styrke samarbeidet", "Serif-Italic", False))
    assert run_in_title(head, doc) == (2, 4) and words_apart(head, doc)  # the title runs to the line's end
    label = _styled(("Status:", "Serif-Bold", True), ("Tiltaket er ferdigstilt.", "Serif", False))
    assert run_in_title(label, doc) is None  # a label and its value: the second run is the body's
    assert run_in_title(_styled(("Tiltak 4. Styrke samarbeidet", "Serif", False)), doc) is None  # one style


def _at(top: float, *cells: tuple[float, str], size: float = 9.0, page: int = 1):
    """One line whose cells start where given: (x, text) each, words at a word space."""
    words = []
    for x, text in cells:
        for w in text.split():
            words.append(Word(w, x, top, x + len(w) * size * 0.5, top + size, size, "Sans", False))
            x = words[-1].x1 + 2.5
    return group_lines(words, page=page)[0]


def test_keys_in_a_cell_at_the_line_s_start_with_values_in_one_column_beside_them_are_a_key_value_table():
    lines = [
        _at(100, (62, "Mange foreldre opplever at de vet for lite.")),
        _at(120, (62, "Ansvarlig departement"), (210, "DFD, i samarbeid med")),
        _at(131, (210, "BFD")),  # the value wrapped in its column: still its row
        _at(142, (62, "Status"), (210, "Pågår")),
        _at(159, (62, "Frist"), (210, "2026")),
        _at(180, (62, "Hva er gjort i 2024?")),
    ]
    assert key_value_tables(lines, 0, len(lines)) == [[range(1, 3), range(3, 4), range(4, 5)]]
    assert key_value_tables(lines, 3, len(lines)) == [[range(3, 4), range(4, 5)]]
    assert key_value_tables(lines, 4, len(lines)) == []  # one row is no table


def test_prose_with_a_wide_space_after_its_first_words_is_no_key_value_table():
    # a loose justified line after «Status», then one after «for»: no column of values beside keys
    lines = [_at(100, (62, "Status"), (110, "for arbeidet er at det går som planlagt")), _at(112, (62, "for"), (90, "resten av året, og videre"))]
    assert key_value_tables(lines, 0, len(lines)) == []
    # two rows alike are a table on one page, read downwards; on two pages, or the second above (a column's head), none
    row = ((62, "Status"), (110, "Pågår"))
    assert len(key_value_tables([_at(100, *row), _at(112, *row)], 0, 2)) == 1
    assert key_value_tables([_at(100, *row), _at(112, *row, page=2)], 0, 2) == []
    assert key_value_tables([_at(100, *row), _at(80, *row)], 0, 2) == []


def test_a_table_of_figures_whose_first_cells_name_its_rows_is_no_key_value_table():
    # the yellow book's budget tables: a row's name, then figures; «Departementene …» names no field
    figures = [
        _at(100, (62, "Departementene og Statsministerens kontor"), (260, "11,6"), (300, "11,4"), (340, "-1,5")),
        _at(112, (62, "Utenriksdepartementet"), (260, "52,0"), (300, "49,8"), (340, "4,4")),
        _at(124, (62, "Kunnskapsdepartementet"), (260, "96,1"), (300, "98,7"), (340, "–2,6")),
    ]
    assert key_value_tables(figures, 0, len(figures)) == []
    # a date beside a key among labels with words is still one of its rows
    labels = [_at(100, (62, "Status"), (210, "Pågår")), _at(112, (62, "Frist"), (210, "2026"))]
    assert key_value_tables(labels, 0, 2) == [[range(0, 1), range(1, 2)]]


def test_a_row_of_values_under_a_row_of_cells_is_aligned_column_by_column_and_one_row_only():
    """«Ansvarlig | Status | Frist» over «KD | I rute | 2025»: the row under it, its cells each in one column, with
    a value wrapped in its column at the text's leading; a paragraph below ends it. A second row in the same columns
    makes the lines a table of many rows, and a line whose cell straddles two columns is no row of them."""
    head = _at(100, (62, "Ansvarlig"), (210, "Status"), (330, "Frist"))
    values = _at(118, (62, "KD, i samarbeid"), (210, "I rute"), (330, "2025"))
    wrapped = _at(131, (62, "med KUD"))
    prose = _at(150, (62, "Rapportering 2024: arbeidet er fulgt opp i året."))
    assert cells_of(head) == [head.words[:1], head.words[1:2], head.words[2:]]
    assert values_under([head, values, prose], 0, 3) == range(1, 2)
    assert values_under([head, values, wrapped, prose], 0, 4) == range(1, 3)
    assert values_under([head, values, _at(136, (62, "KD"), (210, "Pågår"), (330, "2026"))], 0, 3) is None
    assert values_under([head, _at(118, (62, "Tiltaket er godt i gang og går som planlagt i år"), (330, "2025"))], 0, 2) is None  # straddles «Status»
    assert values_under([head, prose], 0, 2) is None


def _set(text: str, top: float, size: float = 10.0, bold: bool = False):
    """One line at ``top`` in a serif face, bold or not, each letter half an em wide."""
    words, x = [], 85.0
    for w in text.split():
        words.append(Word(w, x, top, x + len(w) * size * 0.5, top + size, size, "Serif-Bold" if bold else "Serif", bold))
        x = words[-1].x1 + 3
    return group_lines(words, page=1)[0]


def test_a_heading_that_ends_with_its_number_begins_on_the_full_lines_above_it_in_its_style_up_to_one_set_apart():
    from pipeline.model import Document
    from pipeline.stages.layout import heading_top

    first = "Utvikle et felles kartgrunnlag over brannfarlig vegetasjon i kommuner med mye"

    def top_of(lines) -> int:
        """The heading's first line, the last line its end, the text as wide as the heading's widest line."""
        doc = Document("x.pdf", "", 1, 10.0, 85.0, (), (), body_family="serif", right_margin=max(line.x1 for line in lines))
        return heading_top(lines, len(lines) - 1, doc)

    def heading(above: str, space: float, head: tuple[float, bool] = (12, True), text: tuple[float, bool] = (10, False)):
        """A line of the text above in the ``text`` style (size, bold), then the heading's two lines in the ``head``
        style, ``space`` points below it."""
        line = _set(above, 100, *text)
        top = _set(first, line.bottom + space, *head)
        return [line, top, _set("lyngmark langs kysten (tiltak 4)", top.bottom + 2, *head)]

    body = (10, False)
    assert top_of(heading("Teksten over slutter her.", 8)) == 1  # bold and larger
    assert top_of(heading("Teksten over slutter her.", 20, head=(10, True))) == 1  # bold at the body's size
    assert top_of(heading("Teksten over slutter her.", 20, head=body)) == 1  # space above alone
    # a bold last line of the text above, in the heading's style: it ends its paragraph, or stands a paragraph's space above
    assert top_of(heading("Rapportens siste linje i fet skrift.", 2, text=(12, True))) == 1
    assert top_of(heading(first, 12, text=(12, True))) == 1
    # the heading's first line set apart from the text above by nothing (the body's style at its spacing): the line alone
    assert top_of(heading("Teksten over slutter her.", 2, head=body)) == 2
    short = _set("Utvikle et kartgrunnlag", 100, 12, True)  # not full: the line under it starts a paragraph
    assert top_of([_set(first, 80, 12, True), short, _set("lyngmark langs kysten (tiltak 4)", short.bottom + 2, 12, True)]) == 2


def test_a_line_ending_in_a_leader_and_a_page_number_is_an_entry_of_a_table_of_contents():
    """Held-out ho6-ty-contents: Typst's leader, dots standing apart, as many as the line has room for (one at
    least); a word processor's, dots glued to the title or to the number."""
    assert contents_entry(_line("Oversikt over status for tiltak . . . . . . . . 3", 100))
    assert contents_entry(_line("Tiltak 10. Øke kompetansen i profesjonsutdanninger . 10", 100))
    assert contents_entry(_line("Innledning.................................... 4", 100))
    assert contents_entry(_line("Vedlegg …………………… iv", 100))
    # a sentence's end, an abbreviation's point, a year after an ellipsis: the text's own
    for text in ("Tiltaket ble ferdigstilt i 2023.", "Rapporten, jf. s. 3", "Møtet starter kl. 12", "Arbeidet fortsatte ... 2023", "Se tiltak 12"):
        assert not contents_entry(_line(text, 100)), text


def test_a_list_item_s_line_is_read_without_its_bullet_and_a_line_with_none_as_it_is():
    from pipeline.stages.layout import after_bullet

    item = _styled(("•", "Serif", False), ("Ansvar:", "Serif-Bold", True), ("KD", "Serif", False))
    assert after_bullet(item).text == "Ansvar: KD"
    plain = _styled(("Ansvar:", "Serif-Bold", True), ("KD", "Serif", False))
    assert after_bullet(plain) is plain
    assert after_bullet(_styled(("•", "Serif", False))).text == "•"  # a bullet alone is no item


def test_a_line_is_measured_against_its_own_page_s_text_block():
    """Held-out ho7-ty-mirrored-gutter: a book's text block stands 48 points further right on odd pages. A heading at
    such a page's margin is at a column's start, and hung left of nothing; a line there ends its paragraph only where
    it stops short of that page's right margin; and a line on the next page starts a paragraph only where the last
    line of the page before did not reach that page's right margin."""
    from dataclasses import replace

    from pipeline.model import Document
    from pipeline.stages.layout import at_column_start, ends_paragraph, hung_left, right_margin_above

    doc = Document("x.pdf", "", 2, 10.5, 85.0, (), (), right_margin=450.0, shifts=(48.0, 0.0))
    odd, even = replace(_line("Tiltak 4. Tittel", 100), x0=133.0), replace(_line("Tiltak 4. Tittel", 100), page=2)
    assert at_column_start(odd, doc) and at_column_start(even, doc) and not hung_left(odd, doc)
    assert not at_column_start(replace(odd, page=2), doc)  # the same place on an even page: an inch into the text
    full_odd = replace(_line("en linje som går ut til margen", 100), x0=133.0, x1=497.0)  # full on its page
    assert not ends_paragraph(full_odd, doc) and ends_paragraph(replace(full_odd, page=2, x1=449.0 - 4 * 10.5), doc)
    after = replace(_line("fortsetter på neste side", 72), page=2)
    assert right_margin_above([full_odd, after], 1, doc) == 498.0 and not starts_paragraph([full_odd, after], 1, 0, 498.0)
    short = [replace(full_odd, x1=420.0), after]  # «fortsetter» would have fitted after it, on its page
    assert starts_paragraph(short, 1, 0, right_margin_above(short, 1, doc))
    assert not starts_paragraph(short, 1, 0, doc.right_margin)  # measured against the document's (the even pages') margin
