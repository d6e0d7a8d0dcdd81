"""The typesetter lays an edition's blocks out as a plain word processor does (issue 21), so that the
stages after reading read it as they read a PDF: wrapped by real glyph widths and never broken,
headings larger and bold, bullets and indents, tables side by side and across pages, notes at the
page's foot, endnotes at the end, links per line."""

from __future__ import annotations

from pdfminer.fontmetrics import FONT_METRICS

from pipeline.profiles.loader import load_profile
from pipeline.stages.editions.blocks import Cell, Edition, Note, PageBreak, Paragraph, Run, Table
from pipeline.stages.editions.typeset import DESCENT, MARGIN, PAGE_HEIGHT, TEXT_WIDTH, typeset
from pipeline.stages.extract import assemble

WORDS = "Handlingsplanen mot negativ sosial kontroll og æresrelatert vold ble lagt fram i 2021 – «Frihet» for alle".split()


def edition(*blocks, notes=(), metadata=None) -> Edition:
    return Edition("rapport.docx", "/tmp/rapport.docx", "0" * 64, "docx", tuple(blocks), tuple(notes), metadata or {})


def para(text: str, element: str = "p", **kw) -> Paragraph:
    return Paragraph((Run(text),), element, **kw)


def doc_of(raw):
    return assemble(raw, load_profile("frihet-sluttrapport"))


def test_the_descent_is_helveticas_own():
    assert DESCENT == -FONT_METRICS["Helvetica"][0]["Descent"] / 1000


def test_words_wrap_within_the_text_width_never_broken():
    text = " ".join(WORDS * 12)
    raw = typeset(edition(para(text)))
    lines = raw.page_lines[0]
    assert len(lines) > 3
    assert all(ln.x0 == MARGIN and ln.x1 <= MARGIN + TEXT_WIDTH + 0.01 for ln in lines)
    assert " ".join(ln.text for ln in lines) == text  # every word whole, in order
    assert [w.fontname for ln in lines for w in ln.words] == ["Helvetica"] * len(WORDS) * 12


def test_wrapping_follows_the_glyphs_real_widths():
    wide = typeset(edition(para(" ".join(["WWWW"] * 60)))).page_lines[0]
    narrow = typeset(edition(para(" ".join(["iiii"] * 60)))).page_lines[0]
    assert len(wide[0].words) < len(narrow[0].words)


def test_a_full_page_and_a_page_break_open_new_pages():
    long = [para(" ".join(WORDS), f"p {k}") for k in range(60)]
    raw = typeset(edition(*long, PageBreak("p 60"), para("Siste side.")))
    assert len(raw.pages) >= 3 and raw.page_lines[-1][0].text == "Siste side."
    assert all(ln.bottom <= PAGE_HEIGHT - MARGIN + 0.01 and ln.top >= MARGIN - 0.01 for lines in raw.page_lines for ln in lines)


def test_a_heading_is_larger_bold_and_set_apart():
    raw = typeset(edition(para("Innledning."), para("Tiltak 1. Styrke samarbeidet", heading=2), para("Teksten.")))
    first, heading, body = raw.page_lines[0]
    assert heading.size == 13.0 and heading.bold and not first.bold
    assert heading.top - first.bottom > body.top - heading.bottom > 0


def test_list_items_have_their_bullet_and_indent_by_level():
    raw = typeset(
        edition(
            para("Innledning."),
            para("Første punkt", list_level=0),
            para("Underpunkt", list_level=1),
            para("1. Nummerert", list_level=0, ordered=True),
        )
    )
    lines = raw.page_lines[0]
    assert [ln.words[0].text for ln in lines[1:3]] == ["•", "◦"]
    assert lines[0].x0 < lines[1].x0 < lines[2].x0
    assert lines[3].text == "1. Nummerert"
    doc = doc_of(raw)
    assert [ln.text for ln in doc.lines[1:3]] == ["• Første punkt", "• Underpunkt"]  # read as the stages read any list


def test_a_note_mark_is_raised_and_glued_and_its_note_stands_at_the_foot_of_its_page():
    body = [para(" ".join(WORDS * 3), f"p {k}") for k in range(3)]
    cited = Paragraph((Run("Dette gjelder lhbtiq"), Run("1", superscript=True, note=1), Run(", og flere.")), "p 9")
    note = Note(1, (para("Lhbtiq er en forkortelse for lesbiske, homofile, bifile og transpersoner."),), "footnote 1")
    raw = typeset(edition(*body, cited, notes=[note]))
    mark = next(w for ln in raw.page_lines[0] for w in ln.words if w.text == "1")
    assert mark.size < 11 * 0.8 and not mark.space_before
    doc = doc_of(raw)
    assert [(m.number, m.after) for m in doc.markers] == [(1, "lhbtiq")]
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "Lhbtiq er en forkortelse for lesbiske, homofile, bifile og transpersoner.")]
    assert doc.footnotes[0].top > max(ln.bottom for ln in doc.lines)
    assert "Dette gjelder lhbtiq, og flere." in [ln.text for ln in doc.lines]


def test_a_note_moves_with_its_mark_to_the_next_page():
    """The line citing a note goes to the next page when the note would not fit under it."""
    filler = [para(" ".join(WORDS), f"p {k}") for k in range(33)]
    cited = Paragraph((Run("Merket"), Run("1", superscript=True, note=1)), "p 40")
    note = Note(1, (para(" ".join(WORDS * 6)),), "footnote 1")
    raw = typeset(edition(*filler, cited, notes=[note]))
    doc = doc_of(raw)
    assert [m.page for m in doc.markers] == [f.page for f in doc.footnotes] == [doc.markers[0].page]


def test_endnotes_stand_at_the_end_and_read_as_notes():
    body = [para(" ".join(WORDS * 3), f"p {k}") for k in range(2)]
    cited = Paragraph((Run("Se sluttnoten"), Run("1", superscript=True, note=1), Run(".")), "p 3")
    note = Note(1, (para("Sluttnoten forklarer."),), "endnote 1", endnote=True)
    doc = doc_of(typeset(edition(*body, cited, notes=[note])))
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "Sluttnoten forklarer.")]
    assert not any("Sluttnoten" in ln.text for ln in doc.lines)


def test_a_link_has_a_box_per_line_it_sits_on():
    anchor = " ".join(WORDS)
    p = Paragraph((Run(" ".join(WORDS[:9]) + " "), Run(anchor, link="https://example.org/a"), Run(".")), "p 1")
    raw = typeset(edition(p))
    assert len(raw.links) == 2 and {link.uri for link in raw.links} == {"https://example.org/a"}
    assert raw.links[0].page == 1 and raw.links[0].top < raw.links[1].top
    assert " ".join(link.anchor_text for link in raw.links) == anchor + "."  # the glued period is in the link's last word


def test_small_capitals_are_printed_smaller_and_read_as_lower_case():
    raw = typeset(edition(para(" ".join(WORDS * 2)), Paragraph((Run("Tiltak", small_caps=True), Run(" 5. Videre arbeid")), "p 2", heading=0)))
    printed = raw.page_lines[0][-1].words
    assert printed[0].text == "T" and printed[1].text == "ILTAK" and printed[1].size < printed[0].size
    assert doc_of(raw).lines[-1].text.startswith("Tiltak 5.")


def rows(n: int) -> tuple[tuple[Cell, ...], ...]:
    header = (Cell((para("Nr."),), "c"), Cell((para("Tiltak"),), "c"), Cell((para("Status"),), "c"))
    body = [(Cell((para(str(k)),), "c"), Cell((para(" ".join(WORDS[: 3 + k % 5])),), "c"), Cell((para("Ferdigstilt"),), "c")) for k in range(1, n)]
    return (header, *body)


def test_a_table_sets_its_cells_side_by_side_by_the_grids_widths():
    raw = typeset(edition(Table(rows(3), "table 1", widths=(1.0, 6.0, 2.0))))
    first = raw.page_lines[0][0]
    assert first.text == "Nr. Tiltak Status"
    xs = [w.x0 for w in first.words]
    assert xs[1] - xs[0] < TEXT_WIDTH / 9 + 6 < xs[2] - xs[1]  # columns of 1, 6 and 2 shares of the width


def test_a_merged_cell_spans_its_columns():
    group = (Cell((para("Innsatsområde 1: Et område med en lang tittel over hele bredden"),), "c", colspan=3),)
    raw = typeset(edition(Table((rows(2)[0], group, rows(2)[1]), "table 1")))
    line = raw.page_lines[0][1]
    assert line.text.startswith("Innsatsområde 1") and line.x1 > MARGIN + 2 * TEXT_WIDTH / 3


def test_a_table_over_pages_repeats_its_header_only_where_marked():
    def headers(header_rows: int) -> list[int]:
        raw = typeset(edition(Table(rows(90), "table 1", header_rows=header_rows)))
        assert len(raw.pages) > 1
        return [sum(ln.text == "Nr. Tiltak Status" for ln in lines) for lines in raw.page_lines]

    repeated, bare = headers(1), headers(0)
    assert all(n == 1 for n in repeated) and bare[0] == 1 and not any(bare[1:])


def test_the_read_edition_names_its_kind_and_metadata():
    raw = typeset(edition(para(" ".join(WORDS)), metadata={"title": "Sluttrapport – æresrelatert vold", "author": "AID"}))
    assert raw.engine == "docx" and raw.metadata == {"Title": "Sluttrapport – æresrelatert vold", "Author": "AID"}
    assert raw.sha256 == "0" * 64 and raw.pages[0].width == 595.0
