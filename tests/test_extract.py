from dataclasses import replace
from pathlib import Path

from pipeline.model import Line, PageInfo, Word, shifted
from pipeline.stages.engines.words import RawPdf, clean_glyphs, group_lines, make_line
from pipeline.stages.extract import assemble, extract, label_cells_joined, split_markers

from .synth import SynthDoc


def word(text, x0, top, size=11.0, bold=False, x1=None):
    return Word(text, x0, top, x1 if x1 is not None else x0 + len(text) * size * 0.5, top + size, size, "F", bold)


def test_words_are_grouped_into_lines_with_superscripts_kept_on_their_line():
    words = [word("Andre", 72, 120), word("Første", 72, 100), word("linje", 110, 100.3), word("1", 140, 97, size=6.5)]
    lines = group_lines(words, page=1)
    assert [ln.text for ln in lines] == ["Første linje 1", "Andre"]


def test_two_words_of_one_font_and_size_are_split_by_a_space_however_tight_the_line_sets_it():
    """Held-out ho2-ty-landscape-column-notes: Typst set «NOVA ved» 1.2 pt apart in a tight justified line
    (the A's overhang); the engine split them at the space character, as it joins closer glyphs of one
    font and size into one word. A change of size (a marker) or of font keeps a touch apart as glued."""
    tight = group_lines([word("NOVA", 72, 100, x1=101), word("ved", 102.2, 100)], page=1)[0]
    assert tight.text == "NOVA ved"
    bold = Word("ved", 102.2, 100, 118, 111, 11.0, "F-Bold", True)
    assert group_lines([word("NOVA", 72, 100, x1=101), bold], page=1)[0].text == "NOVAved"  # a font's change: a touch apart
    assert group_lines([word("NOVA", 72, 100, x1=101), word(",", 101, 100)], page=1)[0].text == "NOVA,"  # no white: glued


def test_raised_small_digits_become_markers_and_a_glued_comma_stays_glued():
    line = group_lines(
        [word("lhbtiq", 72, 100, x1=105), word("2", 105, 97, size=6.5, x1=108.5), word(",", 108.5, 100, x1=111), word("i", 114, 100)],
        page=7,
    )[0]
    cleaned, markers = split_markers(line)
    assert cleaned.text == "lhbtiq, i"
    assert [(m.number, m.after, m.page) for m in markers] == [(2, "lhbtiq", 7)]


def test_symbol_font_bullet_is_mapped_to_a_bullet():
    assert clean_glyphs("\uf0b7 ha avansert kunnskap") == "• ha avansert kunnskap"


def test_mini_report_extraction(mini_pdf, profile):
    doc = extract(mini_pdf, profile)
    texts = [ln.text for ln in doc.lines]
    assert doc.page_count == 3
    assert doc.body_size == 11.0
    # footers removed on every page, and said so
    assert not any(t.startswith("Side") for t in texts)
    assert sorted(d.page for d in doc.dropped if d.reason.startswith("running")) == [1, 2, 3]
    # the footnote is taken out of the body, its marker out of the word
    assert [(f.number, f.text, f.page) for f in doc.footnotes] == [(1, "Lhbtiq er en forkortelse.", 2)]
    # line-final hyphens decided: «kjønns-» before «og» keeps its space, «TryggEst-» is a compound's
    assert "Teksten nevner lhbtiq, og kjønns\u2e17" in texts  # the mark of a hyphen that keeps its space
    assert [(h.left, h.right, h.decision) for h in doc.hyphens] == [("kjønns-", "og", "suspended"), ("TryggEst-", "teamene.", "keep")]
    assert [(m.number, m.after) for m in doc.markers] == [(1, "lhbtiq")]
    # the link keeps its target and the words printed under it
    assert [(lk.uri, lk.anchor_text, lk.page) for lk in doc.links] == [("https://example.org/rapport", "«Vil gjerne vite mer»", 2)]
    # weight comes from the font name
    heading = next(ln for ln in doc.lines if ln.text.startswith("Tiltak 1."))
    assert heading.bold and heading.size == 12.0
    label = next(ln for ln in doc.lines if ln.text.startswith("Status:"))
    assert not label.bold and label.words[0].bold


def test_letter_spaced_footer_is_recognised(tmp_path, profile):
    doc = SynthDoc(footer="S i d e  {n} | {total}")
    doc.bold("Tiltak 1. Et tiltak", size=12).text("Tekst.").new_page().text("Mer tekst.")
    result = extract(doc.write(tmp_path / "spaced.pdf"), profile)
    assert [ln.text for ln in result.lines] == ["Tiltak 1. Et tiltak", "Tekst.", "Mer tekst."]


def test_norwegian_letters_survive(mini_pdf, profile):
    doc = extract(Path(mini_pdf), profile)
    joined = " ".join(ln.text for ln in doc.lines)
    for ch in "æøåØ«»–":
        assert ch in joined


def test_pdfminer_is_hardened_only_while_a_pdf_is_read(mini_pdf):
    import pdfminer.pdftypes
    from pdfminer.pdftypes import PDFObjRef

    from pipeline.stages.engines.read import read_pdf
    from pipeline.stages.guards import hardened_pdfminer

    plain = (PDFObjRef.resolve, pdfminer.pdftypes.zlib)
    with hardened_pdfminer():
        assert PDFObjRef.resolve is not plain[0] and pdfminer.pdftypes.zlib is not plain[1]
    read_pdf(mini_pdf)
    assert (PDFObjRef.resolve, pdfminer.pdftypes.zlib) == plain


def _run(parts, top, size_big=10.5, size_small=8.4):
    """Words of a line set in synthesised small capitals: (text, small?, space before?)."""
    out, x = [], 72.0
    for text, small, space in parts:
        size = size_small if small else size_big
        x += 3.0 if space and out else 0.0
        out.append(Word(text, x, top + (size_big - size), x + len(text) * size * 0.6, top + size_big, size, "Serif", False))
        x = out[-1].x1
    return out


def test_synthesised_small_capitals_are_read_as_the_letters_they_print():
    from pipeline.stages.extract import small_caps_read

    heading = _run([("T", 0, 1), ("ILTAK", 1, 0), ("5.", 0, 1), ("E", 0, 1), ("TABLERE", 1, 0), ("ET", 1, 1), ("NETTVERK", 1, 1), ("FOR", 1, 1)], 100)
    wrapped = _run([("KOMPETANSEHEVING", 1, 1), ("I", 1, 1), ("NAV", 0, 1)], 113)
    body = [word("Regjeringens", 72, 130, size=10.5, x1=130), word("arbeid", 134, 130, size=10.5)]
    plain_caps = [word("NOU", 72, 150, size=8.4, x1=92), word("2020", 95, 150, size=8.4)]  # capitals of one size: no small caps
    lines = small_caps_read(group_lines([*heading, *wrapped, *body, *plain_caps], page=1))
    assert [ln.text for ln in lines] == ["Tiltak 5. Etablere et nettverk for", "kompetanseheving i NAV", "Regjeringens arbeid", "NOU 2020"]
    assert [ln.size for ln in lines[:3]] == [10.5, 10.5, 10.5]  # the heading at the size of its capitals, the body's


def test_a_label_in_small_capitals_leaves_its_value_in_the_body_s_face_as_printed():
    """Held-out batch 2: «ANSVARLIG: JD», «STATUS: Sluttført» (the label in synthesised small capitals, the
    value in the body's face at the capitals' size): the label reads as it prints, the value as it is."""
    from dataclasses import replace

    from pipeline.stages.extract import small_caps_read

    label = _run([("S", 0, 1), ("TATUS", 1, 0), (":", 0, 0)], 100)
    value = [replace(w, fontname="Sans") for w in _run([("Under", 0, 1), ("gjennomføring", 0, 1)], 100)]
    value = [replace(w, x0=w.x0 + label[-1].x1, x1=w.x1 + label[-1].x1) for w in value]
    assert [ln.text for ln in small_caps_read(group_lines([*label, *value], page=1))] == ["Status: Under gjennomføring"]


def test_a_line_of_small_capitals_far_below_is_not_their_continuation():
    from pipeline.stages.extract import small_caps_read

    heading = _run([("S", 0, 1), ("TATUS", 1, 0)], 100)
    table_header = _run([("NR.", 1, 1), ("TILTAK", 1, 1)], 160)  # small capitals alone, lines below: left as printed
    assert [ln.text for ln in small_caps_read(group_lines([*heading, *table_header], page=1))] == ["Status", "NR. TILTAK"]


def test_a_note_s_line_final_hyphens_are_decided_on_the_body_s_evidence():
    from pipeline.stages.extract import footnote_of, undo_hyphenation

    def line(text, top, size=10.0):
        x, words = 72.0, []
        for w in text.split():
            words.append(word(w, x, top, size=size))
            x = words[-1].x1 + 3
        return group_lines(words, page=1)[0]

    body = [line("Tabellen har en kolonne for status og en kolonnen for departement.", 100)]
    note = [line("1 I oversikten er ko-", 700, 8.0), line("lonnen oppdatert, se sårbare/", 710, 8.0), line("risikoutsatte.", 720, 8.0)]
    _, hyphens, (decided,) = undo_hyphenation(body, 10.0, [note])
    assert footnote_of(decided).text == "I oversikten er kolonnen oppdatert, se sårbare/risikoutsatte."
    assert [(h.left, h.right, h.decision, h.evidence) for h in hyphens] == [("ko-", "lonnen", "join", "document")]


def test_a_space_the_pdf_prints_after_a_line_final_slash_is_kept_and_none_is_added_where_it_prints_none():
    """Typst prints the source's space after «endringer/» at a line end, and none after «sårbare/», which it
    broke inside «sårbare/risikoutsatte»: both were closed up («endringer/ytterligere»). A space printed
    after every line-final mark (five or more) is the producer's, at every line end: no evidence."""
    from pipeline.stages.extract import undo_hyphenation
    from pipeline.text import join_lines

    def line(text, top, spaced=False):
        ln = _line(text, top)
        last = ln.words[-1]
        return replace(ln, words=(*ln.words[:-1], replace(last, space_after=True if spaced else None)))

    body = [line("behov for endringer/", 100, spaced=True), line("ytterligere regelverk for sårbare/", 112), line("risikoutsatte barn.", 124)]
    decided, _, _ = undo_hyphenation(body, 10.0)
    assert join_lines(ln.text for ln in decided) == "behov for endringer/ ytterligere regelverk for sårbare/risikoutsatte barn."
    every = [line(f"tekst nummer {k} om endringer/", 100 + 24 * k, spaced=True) for k in range(5)]
    every = [ln for k, first in enumerate(every) for ln in (first, _line(f"ytterligere {k}", 112 + 24 * k))]
    decided, _, _ = undo_hyphenation(every, 10.0)
    assert "endringer/ytterligere 0" in join_lines(ln.text for ln in decided)


def _line(text, top, page=1, size=10.0, x=72.0):
    words = []
    for w in text.split():
        words.append(word(w, x, top, size=size))
        x = words[-1].x1 + 3
    return group_lines(words, page=page)[0]


def test_a_side_head_broken_over_a_page_is_read_whole_before_its_text():
    """Held-out ho2-wp-side-heads: «Tiltak 12. Styrke | barneverntjenestens» at the foot of a page's
    margin, three lines of its text beside it, and «arbeid med trusselutsatte | barn under 18 år»
    opening the next page's margin beside the text going on («i re-» / «gionene»): the title was cut,
    and the text broken by its last lines. They go on from the margin's last line, before the text."""
    from dataclasses import replace

    from pipeline.stages.extract import side_heads_rejoined

    def head(text, top, page):
        return replace(_line(text, top, page=page, x=57.0), words=tuple(replace(w, bold=True) for w in _line(text, top, page=page, x=57.0).words))

    def text(t, top, page):
        return _line(t, top, page=page, x=206.0)

    first = [head("Tiltak 12. Styrke", 700, 1), head("barneverntjenestens", 712, 1), text("Evaluering av botilbudet i barnevernet viser", 700, 1), text("at det gjenstår lite av det som ble bygget i re-", 712, 1)]
    second = [head("arbeid med trusselutsatte", 60, 2), head("barn under 18 år", 72, 2), text("gionene, og at modellen ikke var effektiv.", 60, 2)]
    lines = [*first, *second]
    assert [ln.text for ln in side_heads_rejoined(lines, 206.0, 10.0)] == [ln.text for ln in (*first[:2], *second[:2], *first[2:], second[2])]
    new_sentence = [*first[:3], text("og det er lite igjen av botilbudet.", 712, 1), *second]
    assert side_heads_rejoined(new_sentence, 206.0, 10.0) == new_sentence  # the text ended its sentence: a head of its own
    plain = [*first, *(replace(ln, words=tuple(replace(w, bold=False) for w in ln.words)) for ln in second[:2]), second[2]]
    assert side_heads_rejoined(plain, 206.0, 10.0) == plain  # not in the head's style
    assert side_heads_rejoined(lines, 57.0, 10.0) == lines  # two columns, the left one at 57: nothing stands left of the text
    moved = [*first, *(shifted(ln, 150.0) for ln in second)]  # the next page's text block far further right (mirrored margins)
    assert [ln.text for ln in side_heads_rejoined(moved, 206.0, 10.0, (0.0, 150.0))] == [ln.text for ln in side_heads_rejoined(lines, 206.0, 10.0)]


def test_notes_set_as_text_with_back_links_and_their_markers_at_body_size_are_found():
    from pipeline.stages.extract import glued_markers, split_endnotes

    lines = [
        _line("Departementet (AID)1 har ansvaret for lhbtiq2, se punkt 3.", 100),
        _line("1. Dette er en liste", 120),  # a numbered paragraph without a back-link: text
        _line("1. Siden handlingsplanen ble lansert har arbeidet", 300, page=2),
        _line("flyttet til AID. ↩", 312, page=2),
        _line("2. Lhbtiq er en forkortelse. ↩", 324, page=2),
    ]
    body, notes = split_endnotes(lines, known=set())
    assert [ln.text for ln in body] == [lines[0].text, "1. Dette er en liste"]
    assert [[ln.text for ln in note] for note in notes] == [["1 Siden handlingsplanen ble lansert har arbeidet", "flyttet til AID."], ["2 Lhbtiq er en forkortelse."]]
    body, markers = glued_markers(body, {1, 2})
    assert body[0].text == "Departementet (AID) har ansvaret for lhbtiq, se punkt 3."
    assert [(m.number, m.after, m.page) for m in markers] == [(1, "(AID)", 1), (2, "lhbtiq", 1)]


def test_a_note_that_has_a_footnote_already_is_not_taken_again():
    from pipeline.stages.extract import split_endnotes

    lines = [_line("1. Et punkt i en liste som slutter ↩", 100)]
    assert split_endnotes(lines, known={1}) == (lines, [])


def test_a_small_shape_that_opens_a_line_is_its_list_marker():
    from pipeline.stages.engines.words import small_shape, with_drawn_markers

    item = word("Integrerings-", 379.1, 183.0, size=9.5)
    after = word("og", 300.0, 210.0, size=9.5, x1=310.0)
    circle = (369.0, 187.5, 371.25, 189.75)  # a browser's CSS «circle», stroked: no glyph
    mid_line = (312.0, 214.0, 314.25, 216.25)  # after a word on its line: a dot in the text, not a marker
    rule = (57.0, 223.5, 331.9, 224.25)  # a table's rule: not small
    shapes = [box for box in (circle, mid_line, rule) if small_shape(*box)]
    assert rule not in shapes
    words, drawn = with_drawn_markers([item, after], lambda: [after, item], shapes)
    marks = [w for w in words if w.text == "◦"]
    assert len(marks) == 1 and marks[0].x1 < item.x0 and marks[0].top == item.top
    assert [w.text for w in drawn()] == ["og", "◦", "Integrerings-"]  # drawn just before its item
    assert [ln.text for ln in group_lines(words, page=1)] == ["◦ Integrerings-", "og"]


def test_a_rule_under_a_run_of_words_end_to_end_underlines_them_and_a_cell_s_border_none():
    """Held-out ho6-wp-underlined-headings: WeasyPrint sets the headings at the body's size and weight, set
    apart by a rule drawn under them alone; its tables draw every cell's border as a rule of its own."""
    from pipeline.stages.engines.words import thin_rule, with_underlines

    heading = [word("Tiltak", 68.0, 170.6, x1=91.2), word("1.", 93.5, 170.6, x1=101.5), word("Utvikle", 103.9, 170.6, x1=133.7)]
    cell = [word("AID", 348.8, 210.0, x1=368.0)]
    struck = [word("utgått", 68.0, 240.0, x1=98.0)]
    under = (68.0, 181.3, 133.7, 181.3)  # just under the words' bottom (at 181.6), from the first's start to the last's end
    border = (342.3, 221.3, 439.2, 221.3)  # a cell's bottom border: past the padded text at both ends
    page = (57.0, 251.3, 538.0, 251.3)  # a rule across the page under a short line
    strike = (68.0, 245.0, 98.0, 245.5)  # through the middle of the word
    rules = [r for r in (under, border, page, strike) if thin_rule(*r)]
    assert len(rules) == 4 and not thin_rule(369.0, 187.5, 371.25, 189.75)  # a small shape is no rule
    words = [*heading, *cell, *struck]
    marked, drawn = with_underlines(words, lambda: list(reversed(words)), rules)
    assert [w.text for w in marked if w.underlined] == ["Tiltak", "1.", "Utvikle"]
    assert [(w.text, w.underlined) for w in drawn()][-3:] == [("Utvikle", True), ("1.", True), ("Tiltak", True)]  # drawn where they were
    assert group_lines(marked, page=1)[0].underlined and not group_lines(marked, page=1)[1].underlined
    unmarked, _ = with_underlines(words, lambda: words, [border, page, strike])
    assert unmarked == words
    # a link's words, in a colour of their own (which sets them apart already), over the link's underline: the link's
    link = [replace(word(w, x, 270.0, x1=x + 30.0), color="#0563c1") for w, x in (("Vil", 68.0), ("gjerne", 101.0), ("vite", 134.0))]
    linked, _ = with_underlines([*words, *link], lambda: [*words, *link], [(68.0, 281.3, 164.0, 281.3)])
    assert not any(w.underlined for w in linked)


def test_small_capitals_are_read_by_their_size_whatever_case_the_text_layer_gives():
    from pipeline.stages.extract import small_caps_read

    # a producer that maps each glyph to the case it was first used for: «tiltak 4. videreutvikle dialOggrupper»
    line = _run([("t", 0, 1), ("iltak", 1, 0), ("4.", 0, 1), ("v", 0, 1), ("idereutvikle", 1, 0), ("dialOggrupper", 1, 1), ("Om", 1, 1)], 100)
    assert [ln.text for ln in small_caps_read(group_lines(line, page=1))] == ["Tiltak 4. Videreutvikle dialoggrupper om"]


def test_any_symbol_alone_before_an_item_is_its_bullet_and_a_note_s_number_may_end_in_a_period():
    from pipeline.stages.extract import footnote_of, is_bullet

    assert all(is_bullet(g) for g in ("▸", "►", "➤", "•", "–")) and not any(is_bullet(g) for g in ("+", "=", "§", "a"))
    assert footnote_of([_line("1. Siden handlingsplanen ble lansert", 700, size=8.0)]).text == "Siden handlingsplanen ble lansert"


def test_a_bullet_glyph_at_its_columns_edge_is_a_bullet_however_near_its_text():
    """A justified narrow column sets «▪» at the column's edge, its text a thin space after it (less
    than the line's wide word spaces): still a list item. A dash set so starts a line of prose."""
    from pipeline.stages.extract import normalise_bullet

    def spread(text: str) -> Line:
        words, x = [], 72.0
        for k, w in enumerate(text.split()):
            words.append(word(w, x, 100))
            x = words[-1].x1 + (2.0 if k == 0 else 6.0)  # the glyph's thin space, then wide justified spaces
        return group_lines(words, page=1)[0]

    assert normalise_bullet(spread("▪ ha avansert kunnskap om hvordan"), 72.0).text == "• ha avansert kunnskap om hvordan"
    assert normalise_bullet(spread("– og det gjelder også de andre"), 72.0).text == "– og det gjelder også de andre"


def test_a_dash_opening_a_wrapped_line_of_an_indented_value_is_no_bullet():
    """A value indented under its label («Status:» above, the text below) wraps so that a line
    starts with the dash of «Sjef i eget liv – styrket …»: the line above starts level with it, right
    above it, so it is a wrapped line, not a list item, though indented from the column's edge. The
    same dash after a line that starts at the column's edge opens a list."""
    from pipeline.stages.extract import normalise_bullet

    def set_at(text: str, x: float, top: float) -> Line:
        words = []
        for w in text.split():
            words.append(word(w, x, top))
            x = words[-1].x1 + 3.0  # a word space
        return group_lines(words, page=1)[0]

    value, wrapped = set_at("Tiltaket videreføres i handlingsplanen", 90, 100), set_at("– styrket innsats mot", 90, 113)
    assert normalise_bullet(wrapped, 72.0, value).text == "– styrket innsats mot"
    prose = set_at("Det gjelder blant annet", 72, 100)
    assert normalise_bullet(wrapped, 72.0, prose).text == "• styrket innsats mot"
    assert normalise_bullet(wrapped, 72.0).text == "• styrket innsats mot"


def _cells(*cells, top, bold=(), size=10.0):
    """A line of cells: (x, text) each, its words bold where the cell's index is in ``bold``."""
    words = []
    for k, (x, text) in enumerate(cells):
        for w in text.split():
            words.append(word(w, x, top, size=size, bold=k in bold))
            x = words[-1].x1 + 3
    return group_lines(words, page=1)[0]


def test_a_label_cell_wrapped_beside_its_value_is_joined_to_its_row():
    """Cards and left-label grids wrap a long label in its narrow column beside the value's first
    line: the label's second line (alone, or before the value's next line) joins the label."""
    alone = [
        _cells((60, "Ansvarlige"), (170, "AID, i samarbeid med BFD"), top=100, bold={0}),
        _cells((60, "departementer:"), top=112, bold={0}),
        _cells((60, "Status:"), (170, "Tiltaket er ferdigstilt."), top=130, bold={0}),
    ]
    assert [ln.text for ln in label_cells_joined(alone, 10.0)] == [
        "Ansvarlige departementer: AID, i samarbeid med BFD",
        "Status: Tiltaket er ferdigstilt.",
    ]
    beside = [
        _cells((60, "Status (tiltak 10"), (170, "Tiltaket videreføres i handlingsplanen"), top=100, bold={0}),
        _cells((60, "a):"), (170, "Sjef i eget liv."), top=112, bold={0}),
    ]
    assert [ln.text for ln in label_cells_joined(beside, 10.0)] == ["Status (tiltak 10 a): Tiltaket videreføres i handlingsplanen", "Sjef i eget liv."]
    # read as a column of its own, the label's two lines alone
    column = [_cells((60, "Sluttrapport (tiltak"), top=100, bold={0}), _cells((60, "10 b):"), top=112, bold={0})]
    assert [ln.text for ln in label_cells_joined(column, 10.0)] == ["Sluttrapport (tiltak 10 b):"]


def test_what_is_no_wrapped_label_cell_is_left_as_it_is():
    lines = [
        _cells((60, "Status:"), (170, "Tiltaket er ferdigstilt."), top=100, bold={0}),  # a label ended by «:»
        _cells((60, "neste"), top=112, bold={0}),
        _cells((60, "Ansvarlig"), (170, "AID"), top=130),  # not bold
        _cells((60, "departement:"), top=142),
        _cells((60, "Ansvarlig"), (170, "AID"), top=170, bold={0}),
        _cells((60, "departement:"), top=200, bold={0}),  # far below: no wrap
    ]
    assert label_cells_joined(lines, 10.0) == lines


def test_a_box_repeated_beside_the_text_on_every_page_is_furniture_and_a_repeated_table_header_is_not():
    """Issue 18 (held-out ho3-cr-running-facts): a box of facts about the report stands at the same place
    on every page, beside the text, far from the top and bottom bands. Its lines are furniture; a
    table's header repeated at the same place on every page of the table stands within the text."""
    from pipeline.stages.extract import find_running

    def page(k: int) -> list[Line]:
        header = group_lines([word("Nr.", 72, 100), word("Tiltak", 110, 100), word("Status", 300, 100)], page=k)
        body = [group_lines([word(f"tekst{k}x{n}", 72, 120 + 14 * n), word("og", 200, 120 + 14 * n), word("mer", 300, 120 + 14 * n)], page=k)[0] for n in range(12)]
        box = [group_lines([word(t, 420, 150 + 10 * n, size=8)], page=k)[0] for n, t in enumerate(["Rapport", "Sluttrapport", "Omfang"])]
        return [*header, *body, *box]

    pages = [page(k) for k in range(1, 6)]
    running = find_running(pages, [842.0] * len(pages), [])
    assert {pages[p][i].text for p, i in running} == {"Rapport", "Sluttrapport", "Omfang"}
    assert len(running) == 3 * len(pages)


def test_a_contents_column_whose_current_entry_changes_from_page_to_page_is_furniture_all_of_it():
    """Held-out ho3-ty-toc-sidebar: a contents column in the margin of every page sets the page's own
    entry in bold. A line under the bold entry stands a tenth of a point lower (rounding carries it
    to the next point on some pages), and the bold entry wraps otherwise («Innsatsområde 5:» /
    «Internasjonalt samarbeid» where it is one line elsewhere): all of the column is furniture, the
    text beside it none."""
    from pipeline.stages.extract import find_running

    def page(k: int) -> list[Line]:
        current = k % 3
        entries = ["Innhold", "Om rapporten", "Oversikt over tiltak", "Innsatsområde 5: Internasjonalt"]
        box, top = [], 150.0
        for n, t in enumerate(entries):
            if n == 3 and current == 0:
                box += [group_lines([word("Innsatsområde", 49, top, size=8), word("5:", 110, top, size=8)], page=k)[0]]
                top += 10
                box += [group_lines([word("Internasjonalt", 49, top, size=8), word("samarbeid", 110, top, size=8)], page=k)[0]]
            else:
                words: list[Word] = []
                for w in t.split():
                    words.append(word(w, words[-1].x1 + 2 if words else 49, top, size=8))
                box += [group_lines(words, page=k)[0]]
            top += 10 + (0.6 if n == current else 0.0)  # under the bold entry, a little lower
        body = [group_lines([word(f"tekst{k}x{n}", 180, 150 + 14 * n), word("og", 300, 150 + 14 * n), word("mer", 420, 150 + 14 * n)], page=k)[0] for n in range(12)]
        return [*box, *body]

    pages = [page(k) for k in range(1, 10)]
    running = find_running(pages, [842.0] * len(pages), [])
    assert all(pages[p][i].x0 < 170 for p, i in running)
    assert len(running) == sum(1 for lines in pages for line in lines if line.x0 < 170)


def test_a_running_header_beside_a_part_that_changes_from_chapter_to_chapter_is_furniture():
    """Held-out batch 2: «… – statusrapport 2023» at the top left of every page, the focus area the page
    belongs to at its right: the whole line repeats on no more than two pages, its leading cell on all."""
    from pipeline.stages.extract import find_running

    def words(text: str, x: float) -> list[Word]:
        out = []
        for w in text.split():
            out.append(word(w, x, 30, size=7.5))
            x = out[-1].x1 + 2  # a word space
        return out

    def header(area: str) -> list[Line]:
        return group_lines([*words("Rapport om noe 2023", 72), *(words(f"Innsatsområde {area}", 400) if area else [])], page=1)

    body = [group_lines([word("Tekst", 72, 100 + 14 * k)], page=1)[0] for k in range(10)]
    pages = [[*header(area), *body] for area in ("", "1: Forebygging", "2: Bistand", "2: Bistand", "3: Straff")]
    assert find_running(pages, [842.0] * len(pages), []) == {(p, 0) for p in range(len(pages))}


def test_a_running_footer_naming_the_measure_beside_the_page_s_number_is_furniture_by_its_number_cell():
    """Held-out ho5-ty-measure-footer: «Tiltak 6. Etablere …      Side 6 | 20» at the foot of every page,
    its left part the measure the page is in: the whole line repeats on no page, its leading cell on one
    or two; its trailing cell numbers the page on every one. A last cell whose number is not the page's
    (a table row's «2024» at a page's foot) repeats by nothing."""
    from pipeline.stages.extract import find_running, page_number_cell

    def words(text: str, x: float, top: float = 800) -> list[Word]:
        out = []
        for w in text.split():
            out.append(word(w, x, top, size=7.5))
            x = out[-1].x1 + 2  # a word space
        return out

    def footer(measure: str, page: int) -> list[Line]:
        return group_lines([*words(measure, 72), *words(f"Side {page} | 6", 480)], page=page)

    body = [group_lines([word("Tekst", 72, 100 + 14 * k)], page=1)[0] for k in range(10)]
    measures = ("Tiltak 1. Første", "Tiltak 1. Første", "Tiltak 2. Andre", "Tiltak 3. Tredje", "Tiltak 4. Fjerde", "Tiltak 5. Femte")
    pages = [[*body, *footer(m, p + 1)] for p, m in enumerate(measures)]
    assert find_running(pages, [842.0] * len(pages), []) == {(p, 10) for p in range(len(pages))}
    assert page_number_cell(pages[2][10], 2) == page_number_cell(pages[5][10], 5) != ""
    rows = [[*body, *group_lines([*words(m, 72), *words("Frist 2024", 480)], page=p + 1)] for p, m in enumerate(measures[1:])]
    assert page_number_cell(rows[0][10], 0) == "" and find_running(rows, [842.0] * len(rows), []) == set()


def test_a_running_footer_wrapped_over_two_lines_is_furniture_both_lines():
    """Held-out ho5-ty-measure-footer, page 14: the measure's name in the footer is too long for one
    line, and wraps («Tiltak 20. Inkludere … for» over «tros- og livssynssamfunn      Side 14 | 20»):
    the line with the page's number no longer stood apart from the line above it, and both were read
    into tiltak 20's department. The line set solid above it, in the footer's style and band, is the
    footer's; a line of the text's type there is not, and the footer beside it stays text as before."""
    from pipeline.stages.extract import find_running, running_wrapped

    def words(text: str, x: float, top: float, size: float = 7.5) -> list[Word]:
        out = []
        for w in text.split():
            out.append(word(w, x, top, size=size))
            x = out[-1].x1 + 2
        return out

    body = [group_lines([word("Tekst", 72, 100 + 14 * k)], page=1)[0] for k in range(10)]
    measures = ("Tiltak 1. Første", "Tiltak 2. Andre", "Tiltak 3. Tredje", "Tiltak 4. Fjerde", "Tiltak 5. Femte")
    pages = [[*body, *group_lines([*words(m, 72, 800), *words(f"Side {p + 1} | 6", 480, 800)], page=p + 1)] for p, m in enumerate(measures)]
    wrapped = [*group_lines(words("Tiltak 6. Et langt navn på et tiltak som går over", 72, 790), page=6), *group_lines([*words("to linjer", 72, 800), *words("Side 6 | 6", 480, 800)], page=6)]
    assert find_running([*pages, [*body, *wrapped]], [842.0] * 6, []) == {*((p, 10) for p in range(6)), (5, 11)}
    assert running_wrapped([*body, *wrapped], 11, 842.0) == [10]
    text = [*group_lines(words("og teksten går helt ned hit", 72, 788, size=11.0), page=6), wrapped[1]]  # the text's type right above
    assert running_wrapped([*body, *text], 11, 842.0) == []
    assert find_running([*pages, [*body, *text]], [842.0] * 6, []) == {(p, 10) for p in range(5)}


def test_a_running_head_that_names_the_chapter_alone_is_furniture_by_its_place_and_style():
    """Held-out ho2-ty-hanging-numbers: the focus area's name alone, set small and flush right at the
    top of its pages («Innsatsområde 3: Et styrket rettsvern …»): each wording on the two or three pages
    of a short focus area, too few for the rules by text, was read into the field before it. Its
    place and style repeat on every page, and its wording changes only where a chapter does. A
    heading that opens every page at the same place, new on each page, stays text; so does a wording
    that comes back after another."""
    from pipeline.stages.extract import find_running

    def page(k: int, head: str) -> list[Line]:
        size, right = 8.5, 520.0
        width = sum(len(w) * size * 0.5 for w in head.split()) + 2 * (len(head.split()) - 1)
        x, heads = right - width, []
        for w in head.split():  # flush right: where it starts changes with its length
            heads.append(word(w, x, 30, size=size))
            x = heads[-1].x1 + 2
        body = [group_lines([word(f"tekst{k}x{n}", 72, 100 + 14 * n), word("og", 200, 100 + 14 * n)], page=k)[0] for n in range(10)]
        return [*group_lines(heads, page=k), *body]

    chapters = ["Oversikt over tiltakene", "Innsatsområde 1: Forebygging", "Innsatsområde 2: Bistand og vern", "Innsatsområde 3: Straff"]
    heads = [chapters[0]] * 2 + [chapters[1]] * 3 + [chapters[2]] * 2 + [chapters[3]] * 3
    pages = [page(k, head) for k, head in enumerate(heads, 1)]
    assert find_running(pages, [842.0] * len(pages), []) == {(p, 0) for p in range(len(pages))}

    titles = ["Forebygging", "Bistand", "Straff", "Vern", "Kunnskap", "Samarbeid", "Tilsyn", "Veiledning", "Opplæring", "Forskning"]
    measures = [page(k, f"Tiltak {k}: {title}") for k, title in enumerate(titles, 1)]  # a measure a page
    assert find_running(measures, [842.0] * len(measures), []) == set()
    # twenty pages, each wording on fewer than a fifth of them, but the first one comes back after another
    again = [chapters[0]] * 2 + [chapters[1]] * 3 + [chapters[0]] + [f"Del {part}: kapittel" for part in "ABCDE" for _ in range(3)][:14]
    back = [page(k, head) for k, head in enumerate(again, 1)]
    assert len(back) == 20
    assert find_running(back, [842.0] * len(back), []) == set()


def test_a_running_head_set_smaller_than_the_text_is_furniture_with_the_text_right_under_it():
    """Held-out ho2-wp-cards: the focus area's name set small at the top of its pages, and a card that
    runs on from the page before right under it (less than a line of white between them): it was read
    into the card's last field («Tiltaket er ferdigstilt Innsatsområde 3: …»). Its smaller type sets it
    apart from the text as white would; a line at the text's own size so close to the text stays text."""
    from pipeline.stages.extract import find_running

    def page(k: int, head: str, size: float) -> list[Line]:
        x, heads = 300.0, []
        for w in head.split():
            heads.append(word(w, x, 62, size=size))
            x = heads[-1].x1 + 2
        body = [group_lines([word(f"tekst{k}x{n}", 72, 76 + 13 * n, size=9.5), word("og", 200, 76 + 13 * n, size=9.5)], page=k)[0] for n in range(10)]
        return [*group_lines(heads, page=k), *body]

    chapters = ["Innsatsområde 1: Forebygging", "Innsatsområde 2: Bistand og vern", "Innsatsområde 3: Straff"]
    heads = [chapters[0]] * 2 + [chapters[1]] * 3 + [chapters[2]] * 3
    small = [page(k, head, 8.0) for k, head in enumerate(heads, 1)]
    assert find_running(small, [842.0] * len(small), []) == {(p, 0) for p in range(len(small))}
    level = [page(k, head, 9.5) for k, head in enumerate(heads, 1)]
    assert find_running(level, [842.0] * len(level), []) == set()


def _marked(text, marker, top, page=1):
    """A body line whose last word carries a raised, smaller note marker."""
    line = _line(text, top, page=page)
    words = (*line.words, word(marker, line.words[-1].x1, top - 3, size=6.5))
    return group_lines(list(words), page=page)[0]


def _bold(text, top, size, page=1):
    x, words = 72.0, []
    for w in text.split():
        words.append(word(w, x, top, size=size, bold=True))
        x = words[-1].x1 + 3
    return group_lines(words, page=page)[0]


def test_notes_under_a_heading_at_a_section_s_end_leave_the_text():
    from pipeline.profiles.loader import notes_headings
    from pipeline.stages.extract import split_section_notes

    lines = [
        _line("Siste linje av feltet.", 100),
        _bold("Noter", 120, 8.0),
        _line("1. Lhbtiq er en forkortelse for", 132, size=8.0),
        _line("lesbiske og homofile, se", 142, size=8.0, x=84.0),
        _line("2. utgave av rapporten.", 152, size=8.0, x=84.0),  # the note's text, indented under it
        _line("2. En annen note.", 162, size=8.0),
        _bold("Innsatsområde 2. Kunnskap", 180, 14.0),
    ]
    body, notes, headings = split_section_notes(lines, 10.0, notes_headings())
    assert [ln.text for ln in body] == ["Siste linje av feltet.", "Innsatsområde 2. Kunnskap"]
    assert [(at, [ln.text for ln in note]) for at, note in notes] == [
        (1, ["1. Lhbtiq er en forkortelse for", "lesbiske og homofile, se", "2. utgave av rapporten."]),
        (1, ["2. En annen note."]),
    ]
    assert [ln.text for ln in headings] == ["Noter"]


def test_a_notes_word_in_the_text_or_over_a_list_in_the_text_s_size_is_text():
    from pipeline.profiles.loader import notes_headings
    from pipeline.stages.extract import split_section_notes

    plain = [_line("Noter", 100), _line("1. Et punkt i en liste.", 112, size=8.0)]  # the word in the text's type
    over_list = [_bold("Noter", 100, 10.0), _line("1. Et punkt i en liste.", 112)]  # a list in the text's size
    alone = [_bold("Noter", 100, 8.0), _line("Tekst på neste side.", 100, page=2)]  # no notes under it on its page
    for lines in (plain, over_list, alone):
        assert split_section_notes(lines, 10.0, notes_headings()) == (lines, [], [])
    # over notes taken at the foot of its page, the heading leaves the text
    assert split_section_notes(alone, 10.0, notes_headings(), noted_pages={1}) == (alone[1:], [], alone[:1])


def test_notes_with_no_heading_leave_the_text_where_the_text_before_them_cites_their_numbers():
    from pipeline.profiles.loader import notes_headings
    from pipeline.stages.extract import open_calls_of, split_section_notes

    lines = [
        _line("Teksten nevner lhbtiq og", 100),  # the call «1» stands in this line
        _line("siste linje av feltet.", 112),
        _line("1. Lhbtiq er en forkortelse for", 132, size=8.0),
        _line("lesbiske og homofile.", 142, size=8.0),
        _line("2. En annen note.", 152, size=8.0),
        _bold("Innsatsområde 2. Kunnskap", 180, 14.0),
        _line("1 Tiltak i en tabell i liten skrift", 200, size=8.0),  # the next section's text cites no «1»
    ]
    body, notes, headings = split_section_notes(lines, 10.0, notes_headings(), open_calls=[(0, 1)])
    assert [ln.text for ln in body] == ["Teksten nevner lhbtiq og", "siste linje av feltet.", "Innsatsområde 2. Kunnskap", lines[-1].text]
    assert [(at, [ln.text for ln in note]) for at, note in notes] == [
        (2, ["1. Lhbtiq er en forkortelse for", "lesbiske og homofile."]),
        (2, ["2. En annen note."]),
    ]
    assert headings == []
    # with no call of «1» before them, or a call whose note the page's foot took, they are text
    assert split_section_notes(lines, 10.0, notes_headings()) == (lines, [], [])
    closed = open_calls_of([(0, 1)], [(0.5, 1)])
    assert closed == [] and split_section_notes(lines, 10.0, notes_headings(), open_calls=closed) == (lines, [], [])
    assert open_calls_of([(3, 1)], [(0.5, 1)]) == [(3, 1)]  # a call after that note's page: another note's


def test_notes_numbered_anew_in_each_section_are_numbered_through_with_their_markers():
    from pipeline.model import Marker
    from pipeline.stages.extract import note_number, numbered_through

    first, second = [_line("1. Første note.", 300, size=8.0)], [_line("1. Andre note.", 300, page=3, size=8.0)]
    markers = [(0, Marker(1, 1, 0, 0, 1, 1, "(AID)")), (5, Marker(1, 2, 0, 0, 1, 1, "lhbtiq")), (9, Marker(1, 4, 0, 0, 1, 1, "etter"))]
    notes, renumbered = numbered_through([(2.5, first), (7, second)], markers)
    assert [note_number(note) for note in notes] == [1, 2]
    assert notes[1][0].text == "2. Andre note."
    # a marker takes its note's number in the first section after it; one after the last notes, the last's
    assert [(m.number, m.after) for m in renumbered] == [(1, "(AID)"), (2, "lhbtiq"), (2, "etter")]
    # numbered through already: as printed
    third = [_line("2. Andre note.", 300, page=3, size=8.0)]
    assert numbered_through([(2.5, first), (7, third)], markers) == ([first, third], [m for _, m in markers])


def test_notes_numbered_in_brackets_under_a_heading_are_notes_where_the_text_cites_each_one():
    """Held-out ho5-ty-bracket-endnotes: the calls are bracketed numbers at the text's size glued to
    their words («(AID)[1]», «lhbtiq[2],»), and the notes a list under «Noter» at the document's end,
    each opened by its bracketed number, in the text's size or near it: the calls stayed in the text
    and the list became the last measure's report. Numbers matching tells them: every note of the list
    is cited before it. A bracketed number no note has stays text; a list with a note the text does
    not cite is no notes."""
    from pipeline.profiles.loader import notes_headings
    from pipeline.stages.extract import split_bracketed_notes

    lines = [
        _line("Departementet (AID)[1] har ansvaret, se [3] og [sic].", 100),
        _line("Tilbudet gjelder lhbtiq[2], og flere [2]", 112),
        _bold("Noter", 140, 12.0),
        _line("[1] Siden handlingsplanen ble lansert har", 160),
        _line("arbeidet flyttet til AID.", 172, x=86.0),
        _line("[2] Lhbtiq er en forkortelse.", 184),
    ]
    body, notes, markers, gone = split_bracketed_notes(lines, 10.0, notes_headings())
    assert [ln.text for ln in body[:2]] == ["Departementet (AID) har ansvaret, se [3] og [sic].", "Tilbudet gjelder lhbtiq, og flere"]
    assert [(at, [ln.text for ln in note]) for at, note in notes] == [
        (2, ["1 Siden handlingsplanen ble lansert har", "arbeidet flyttet til AID."]),
        (2, ["2 Lhbtiq er en forkortelse."]),
    ]
    assert [(at, m.number, m.after) for at, m in markers] == [(0, 1, "(AID)"), (1, 2, "lhbtiq"), (1, 2, "flere")]
    assert gone == {2, 3, 4, 5}
    uncited = [lines[0], _line("Tilbudet gjelder lhbtiq, og flere.", 112), *lines[2:]]  # «[2]» cited nowhere
    assert split_bracketed_notes(uncited, 10.0, notes_headings()) == (uncited, [], [], set())
    no_heading = [*lines[:2], _line("Slutt på teksten.", 140), *lines[3:]]
    assert split_bracketed_notes(no_heading, 10.0, notes_headings()) == (no_heading, [], [], set())


def test_notes_numbered_in_brackets_at_the_document_s_end_are_linked_to_their_calls(profile):
    from pipeline.model import PageInfo
    from pipeline.stages.extract import NOTES_HEADING_REASON, RawPdf, assemble

    body = [_line(f"Dette er en vanlig linje nummer {k} i teksten.", 100 + 12 * k) for k in range(8)]
    page = [
        *body,
        _line("Teksten nevner lhbtiq[1] og", 200),
        _line("fortsetter her.", 212),
        _bold("Noter", 240, 12.0),
        _line("[1] Lhbtiq er en forkortelse.", 260, size=9.5),
    ]
    raw = RawPdf("x.pdf", "/x.pdf", "0" * 64, (PageInfo(1, 595, 842),), (tuple(page),), (), {})
    doc = assemble(raw, profile)
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "Lhbtiq er en forkortelse.")]
    assert [(m.number, m.after) for m in doc.markers] == [(1, "lhbtiq")]
    assert [ln.text for ln in doc.lines[-2:]] == ["Teksten nevner lhbtiq og", "fortsetter her."]
    assert [d.text for d in doc.dropped if d.reason == NOTES_HEADING_REASON] == ["Noter"]


def test_notes_at_each_section_s_end_numbered_from_1_are_linked_to_their_own_section_s_markers(profile):
    from pipeline.model import PageInfo
    from pipeline.stages.extract import NOTES_HEADING_REASON, RawPdf, assemble

    body = [_line(f"Dette er en vanlig linje nummer {k} i teksten.", 100 + 12 * k) for k in range(8)]
    page = [
        *body,
        _marked("Teksten nevner lhbtiq", "1", 200),
        _line("og fortsetter her.", 212),
        _bold("Noter", 232, 8.0),
        _line("1. Lhbtiq er en forkortelse.", 244, size=8.0),
        _bold("Innsatsområde 2. Kunnskap", 270, 14.0),
        _marked("Departementet (AID)", "1", 300),
        _line("har ansvaret.", 312),
        _bold("Noter", 332, 8.0),
        _line("1. Siden planen ble lansert.", 344, size=8.0),  # at the page's foot
    ]
    raw = RawPdf("x.pdf", "/x.pdf", "0" * 64, (PageInfo(1, 595, 842),), (tuple(page),), (), {})
    doc = assemble(raw, profile)
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "Lhbtiq er en forkortelse."), (2, "Siden planen ble lansert.")]
    assert [(m.number, m.after) for m in doc.markers] == [(1, "lhbtiq"), (2, "(AID)")]
    assert [ln.text for ln in doc.lines[-5:]] == ["Teksten nevner lhbtiq", "og fortsetter her.", "Innsatsområde 2. Kunnskap", "Departementet (AID)", "har ansvaret."]
    assert [d.text for d in doc.dropped if d.reason == NOTES_HEADING_REASON] == ["Noter", "Noter"]


def _broken_call_page(note: str) -> RawPdf:
    """A page whose line broke between a word and its footnote call: «… Arbeidstilsynet.» / «² Veiledningen
    er under utarbeidelse.», the call raised and small at the next line's start; at the page's foot, ``note``
    in small type."""
    words = [
        *(word(t, 72 + 60 * k, 100) for k, t in enumerate("Tiltaket er endret fra en tilskuddsordning i regi av Arbeidstilsynet.".split())),
        word("2", 72, 110.5, size=7.0),
        *(word(t, 80 + 70 * k, 112) for k, t in enumerate("Veiledningen er under utarbeidelse.".split())),
        *(word(t, 72 + 70 * k, 125) for k, t in enumerate("Barn deltar sjeldnere i idrett.".split())),
        *(word(t, 72 + 50 * k, 760, size=7.5) for k, t in enumerate(note.split())),
    ]
    return RawPdf("x.pdf", "/x.pdf", "0" * 64, (PageInfo(1, 595, 842),), (tuple(group_lines(words, page=1)),), (), {})


def test_a_call_the_line_broke_before_is_the_marker_of_the_word_above_where_a_note_answers_it(profile):
    """A raised number opening a line is a note's own number, or a call whose line broke before it (WeasyPrint
    sets «Arbeidstilsynet.» / «² Veiledningen …»): where a note at the page's foot has its number, it is the
    call of the word above, and the note («2. Tallene …») is a footnote, not the body's text."""
    doc = assemble(_broken_call_page("2. Tallene er hentet fra KOSTRA."), profile)
    assert [(m.number, m.after) for m in doc.markers] == [(2, "Arbeidstilsynet.")]
    assert [(f.number, f.text) for f in doc.footnotes] == [(2, "Tallene er hentet fra KOSTRA.")]
    assert [ln.text for ln in doc.lines][1:] == ["Veiledningen er under utarbeidelse.", "Barn deltar sjeldnere i idrett."]
    unanswered = assemble(_broken_call_page("Kilde: kommunenes rapportering."), profile)
    assert unanswered.markers == () and unanswered.lines[1].text.startswith("2 Veiledningen")


def test_a_pull_quote_set_apart_that_repeats_the_text_is_furniture_and_the_same_words_in_the_text_s_type_are_text(tmp_path, profile):
    """Issue 18 (held-out ho4-cr-pull-quotes): a sentence of the text set again in larger italic type
    is a pull quote: furniture, said so, and the text reads the sentence once. A sentence quoted in the
    text's own type is text, and a block set apart that repeats nothing (a box naming the
    departments) is read as it is."""
    from pipeline.stages.extract import PULL_QUOTE_REASON

    quote = "Helvetica-Oblique"
    doc = SynthDoc()
    doc.bold("Tiltak 1. Et tiltak", size=12)
    doc.text("Kurset er utviklet i samarbeid med direktoratet og")
    doc.text("tas i bruk høsten 2025. Det gir de ansatte et felles")
    doc.text("grunnlag for arbeidet med saker om vold.")
    doc.line(("«Kurset er utviklet i samarbeid med", quote, 14), gap=8)
    doc.line(("direktoratet og tas i bruk høsten 2025.»", quote, 14))
    doc.text("Rapporten sier: «Det gir de ansatte et felles grunnlag", gap=8)
    doc.text("for arbeidet med saker om vold.»")
    doc.line(("Departementene har ansvaret for dette i fellesskap.", quote, 14), gap=8)
    doc.text("Flere kommuner har meldt interesse.", gap=8)
    result = extract(doc.write(tmp_path / "pull-quote.pdf"), profile)
    texts = [ln.text for ln in result.lines]
    assert [d.text for d in result.dropped if d.reason == PULL_QUOTE_REASON] == ["«Kurset er utviklet i samarbeid med", "direktoratet og tas i bruk høsten 2025.»"]
    assert not any("«Kurset" in t for t in texts)
    assert "Rapporten sier: «Det gir de ansatte et felles grunnlag" in texts  # in the text's type: text
    assert "Departementene har ansvaret for dette i fellesskap." in texts  # set apart, its own words: read


def test_in_a_text_set_in_italic_italic_sets_no_line_apart():
    """Italic sets a line apart from an upright text only: where the text itself is italic, an italic
    line that repeats an upright one beside it (a cell of a table) is the text's, no pull quote."""
    from pipeline.stages.extract import pull_quotes

    def italic(text, top):
        line = _line(text, top)
        return replace(line, words=tuple(replace(w, fontname="F-Italic") for w in line.words))

    lines = [
        *(italic(f"Dette er en vanlig linje nummer {k} i teksten.", 100 + 12 * k) for k in range(6)),
        _line("Tiltaket videreføres i den nye planen for 2025.", 180),
        italic("Tiltaket videreføres i den nye planen for 2025.", 192),
        _line("Status: ferdig", 204),
    ]
    assert pull_quotes(lines, 10.0) == set()
    assert pull_quotes([replace(ln, words=tuple(replace(w, fontname="F") for w in ln.words)) if k < 6 else ln for k, ln in enumerate(lines)], 10.0) == {7}


def test_a_note_or_marker_stands_by_the_same_line_when_a_pull_quote_is_taken_out_before_it():
    """Where each note and marker stands is an index of the body's lines (or half past one, after a
    page's text): taking out a pull quote's lines moves those after it up by as many lines."""
    from pipeline.stages.extract import lines_taken_out

    lines = [_line(f"Linje {k} av teksten.", 100 + 12 * k) for k in range(6)]
    kept, (notes, markers) = lines_taken_out(lines, {1, 2}, [0.5, 5.5], [0, 3, 5])
    assert [ln.text for ln in kept] == ["Linje 0 av teksten.", "Linje 3 av teksten.", "Linje 4 av teksten.", "Linje 5 av teksten."]
    assert notes == [0.5, 3.5] and markers == [0, 1, 3]
    assert [kept[int(at)].text for at in markers] == [lines[0].text, lines[3].text, lines[5].text]


def _beside(text, x0, top, size=10.0):
    return Word(text, x0, top, x0 + len(text) * size * 0.5, top + size, size, "Serif", False)


def _drop_cap(letter, top, x1=94.4):
    """A three-line initial as Chromium sets a ::first-letter floated left (held-out ho5-cr-drop-caps)."""
    return Word(letter, 68.25, top, x1, top + 34.8, 34.8, "Serif-Bold", True, color="#8b1a4a")


def test_a_drop_cap_is_the_first_letter_of_the_word_beside_its_first_line():
    """Held-out ho5-cr-drop-caps: read by overlap, the three lines beside an initial three lines tall were
    one line with it, their words interleaved («Påregionforskningsinstituttetom…»)."""
    from pipeline.stages.engines.words import lines_in_reading_order

    words = [
        _drop_cap("P", 433.9),
        _beside("å", 97.42, 431.85),
        _beside("bestilling", 109.5, 431.85),
        _beside("regionforskningsinstituttet", 97.42, 445.35),
        _beside("om", 97.42, 458.85),
        _beside("integreringstjenestene.", 68.25, 472.35),
    ]
    lines, _ = lines_in_reading_order(words, 4)
    assert [ln.text for ln in lines] == ["På bestilling", "regionforskningsinstituttet", "om", "integreringstjenestene."]
    assert lines[0].x0 == 68.25 and lines[0].size == 10.0 and lines[0].bottom - lines[0].top == 10.0


def test_a_drop_cap_that_is_a_word_of_its_own_stays_one():
    """«I» is a word; «Ioktober» is none, while «IMDi» (an initial that opens an abbreviation) is one word."""
    from pipeline.stages.engines.words import lines_in_reading_order

    def first_line(*beside):
        words = [_drop_cap("I", 233.7, x1=84.5), *beside, _beside("neste", 87.5, 245.2), _beside("linje", 87.5, 258.7)]
        return lines_in_reading_order(words, 12)[0][0].text

    assert first_line(_beside("oktober", 87.5, 231.65), _beside("2023", 126.7, 231.65)) == "I oktober 2023"
    assert first_line(_beside("MDi", 87.5, 231.65), _beside("har", 120.1, 231.65)) == "IMDi har"


def test_a_large_letter_beside_one_line_only_is_no_drop_cap():
    """An initial drops into the text: beside one line only, a large letter is set apart (a figure's label)."""
    from pipeline.stages.engines.words import drop_cap_opens

    cap = _drop_cap("A", 433.9)
    assert drop_cap_opens(cap, [cap, _beside("første", 97.42, 431.85)]) is None
    assert drop_cap_opens(cap, [cap, _beside("lavere", 97.42, 445.35), _beside("nede", 97.42, 458.85)]) is None  # not level with its top
    # the yellow book's labels rotated in a table's header: a lower-case glyph beside glyphs of other sizes
    lower = replace(cap, text="m")
    assert drop_cap_opens(lower, [lower, _beside("første", 97.42, 431.85), _beside("andre", 97.42, 445.35)]) is None
    assert drop_cap_opens(cap, [cap, _beside("første", 97.42, 431.85), _beside("andre", 97.42, 445.35, size=8.0)]) is None
    assert drop_cap_opens(cap, [cap, _beside("første", 97.42, 431.85), _beside("andre", 97.42, 445.35)]).text == "første"


def test_a_drop_cap_moved_to_the_next_page_is_put_back_on_its_word():
    """Held-out ho5-cr-drop-caps: Chromium floated the «V» of «Veileder» to the next page's top, beside the
    text that runs on there: «eileder for …» on page 12, «Vtiltaket» on page 13."""
    from pipeline.stages.engines.words import lines_in_reading_order, with_moved_initials

    before, _ = lines_in_reading_order([_beside("Sluttrapport:", 68.25, 732.6), _beside("eileder", 68.25, 746.1), _beside("for", 117.98, 746.1)], 12)
    top = [_drop_cap("V", 72.41), _beside("tiltaket", 98.25, 70.36), _beside("i", 141.37, 70.36), _beside("håndtering", 98.25, 83.86), _beside("Det", 98.25, 103.36)]
    after, _ = lines_in_reading_order(top, 13)
    pages = with_moved_initials([before, after])
    assert [ln.text for ln in pages[0]] == ["Sluttrapport:", "Veileder for"]
    assert [ln.text for ln in pages[1]] == ["tiltaket i", "håndtering", "Det"]
    # with no word on the page before that lost its initial, the initial opens the word beside it
    alone = with_moved_initials([[before[0]], after])
    assert [ln.text for ln in alone[1]][0] == "Vtiltaket i"


def test_a_tracked_word_split_by_the_engine_s_tolerance_is_one_word():
    """Held-out ho5-wp-tracked-headings: WeasyPrint letter-spaced the headings by 0.14 em, and where kerning
    widened the white past the engine's 1.5 pt the word was split («Tr yg gEst»). In a tracked run a word
    space is white clearly wider than the run's own letter spacing; in type set solid, nothing changes."""
    from pipeline.stages.engines.words import letter_gaps, tracked_runs

    style = (True, "Carlito-Bold", 10.5)

    def piece(x0, *widths, gap=1.47):
        boxes, x = [], x0
        for w in widths:
            boxes.append((x, x + w))
            x += w + gap
        return (style, 100.0, boxes[0][0], boxes[-1][1], letter_gaps(boxes))

    videre = piece(149.2, 3.7, 5.3, 3.7, 5.3)  # «…efø re», its last letter 5.31 pt before the space
    tr = piece(188.43, 5.19, 3.73, gap=0.93)  # «Tr», kerned
    yg = piece(199.8, 4.98, 4.98, gap=1.36)  # 1.52 pt after «r»
    gest = piece(212.67, 4.97, 5.12, 4.19, 3.64)  # 1.55 pt after «g»
    assert tracked_runs([videre, tr, yg, gest]) == [[0], [1, 2, 3]]
    solid = [(style, 100.0, 72.0, 90.0, (0.0, -0.1, 0.0)), (style, 100.0, 91.6, 110.0, (0.0, 0.0))]  # 1.6 pt apart, no space glyph
    assert tracked_runs(solid) == [[0], [1]]


def _numbered_page(page, numbers, number_size=7.0, text_size=10.0, number_x=55.0, lines=22):
    """A page of ``lines`` lines of text at x 72, with ``numbers`` (line → its number) in the left margin."""
    out = []
    for k in range(lines):
        top = 100 + 14 * k
        ws = [word(w, 72 + 40 * j, top, size=text_size) for j, w in enumerate(("Teksten", "går", "videre", "her"))]
        if k in numbers:
            text = str(numbers[k])
            ws.insert(0, word(text, number_x - len(text) * 3.5, top + 1, size=number_size, x1=number_x))
        out.append(group_lines(ws, page=page)[0])
    return out


def test_a_column_of_small_numbers_in_the_margin_numbering_lines_is_taken_out():
    """Held-out ho6-ty-line-numbers: every fifth line numbered in the left margin, small and grey, from 5
    on each page («5», «10», …), was read as the first word of its line («ufrivillige 35
    utenlandsopphold», «10 Tiltak 3. Innhente …»). A column of small numbers outside the text, rising in
    one arithmetic progression down each page and repeating on pages, is line numbering: taken out."""
    from pipeline.stages.extract import LINE_NUMBER_REASON, without_line_numbers

    pages = [_numbered_page(p, {4: 5, 9: 10, 14: 15, 19: 20}) for p in (1, 2, 3)]
    pages.append(_numbered_page(4, {4: 5}, lines=6))  # a short last page: one number, in the same column
    read, dropped = without_line_numbers(pages)
    assert all(line.text == "Teksten går videre her" and line.x0 == 72 for lines in read for line in lines)
    assert [(d.page, d.text) for d in dropped][:4] == [(1, "5"), (1, "10"), (1, "15"), (1, "20")] and len(dropped) == 13
    assert {d.reason for d in dropped} == {LINE_NUMBER_REASON}


def test_numbers_in_a_margin_that_number_no_lines_stay():
    """By layout, never by the value alone: numbers in the text's own type (a measure's number hung in the
    margin, held-out ho2-ty-hanging-numbers, ho3's margin notes), numbers that do not rise by one step down
    the page, a column on one page only, and numbers beside notes in small type all stay."""
    from pipeline.stages.extract import without_line_numbers

    cases = {
        "the text's type": [_numbered_page(p, {4: 5, 9: 10, 14: 15}, number_size=10.0) for p in (1, 2, 3)],
        "no progression": [_numbered_page(p, {4: 5, 9: 7, 14: 15}) for p in (1, 2, 3)],
        "one page": [_numbered_page(1, {4: 5, 9: 10, 14: 15, 19: 20}), _numbered_page(2, {}), _numbered_page(3, {})],
        "beside notes": [_numbered_page(p, {0: 1, 1: 2, 2: 3}, number_size=6.0, text_size=8.0, lines=3) for p in (1, 2, 3)]
        + [_numbered_page(p, {}) for p in (4, 5, 6)],
    }
    for case, pages in cases.items():
        read, dropped = without_line_numbers(pages)
        assert dropped == [] and [list(lines) for lines in read] == pages, case


def test_a_table_whose_first_column_numbers_its_rows_keeps_its_numbers():
    """Numbers in the text's column (an overview's «Nr.» cells, in type smaller than their rows', rising by
    one down pages) do not stand outside the text: they stay, and the margin's line numbers go."""
    from pipeline.stages.extract import without_line_numbers

    def table_page(page):
        lines = [group_lines([word("Oversikt", 72, 80), word("over", 130, 80)], page=page)[0]]
        for k in range(12):
            top = 100 + 14 * k
            lines.append(group_lines([word(str(k + 1), 72, top, size=7.0, x1=76), word("Tiltaket", 110, top, size=10.0)], page=page)[0])
        return lines

    pages = [table_page(1), table_page(2), *[_numbered_page(p, {4: 5, 9: 10, 14: 15}) for p in (3, 4)]]
    read, dropped = without_line_numbers(pages)
    assert [line.text for line in read[0][1:]] == [f"{k + 1} Tiltaket" for k in range(12)]
    assert [(d.page, d.text) for d in dropped] == [(p, n) for p in (3, 4) for n in ("5", "10", "15")]


def test_a_rule_drawn_down_the_page_is_told_from_a_shape_and_a_bar():
    from pipeline.stages.engines.words import small_shape, vertical_rule

    border = (218.0, 189.7, 218.4, 591.0)  # Chromium's border between a measure's two columns
    assert vertical_rule(*border) and not small_shape(*border)
    assert not vertical_rule(57.0, 223.5, 331.9, 224.25)  # a table's rule across: not down the page
    assert not vertical_rule(369.0, 187.5, 371.25, 189.75)  # a list's marker
    assert not vertical_rule(60.0, 100.0, 80.0, 400.0)  # a bar or a box: wider than a stroke


def test_a_pair_of_columns_broken_over_a_page_is_read_column_by_column():
    """Held-out ho6-cr-split-measures: under each measure's heading a narrow column (the description,
    its labels) beside a wide one (the report). Broken over a page, each page reads its left part,
    then its right: the description's rest would open the report's text. The left column ends no
    sentence, the right one opens with a label, the next page's left lines go on in lower case: they
    are read right after the left column's part."""
    from pipeline.stages.extract import pair_split_over_pages

    left = [_line("Nyankomne flyktninger utgjør", 700, x=57.0), _line("sårbare grupper. Deres behov", 712, x=57.0)]
    right = [_line("Sluttrapport:", 700, x=230.0), _line("På oppdrag fra IMDi har VID utarbeidet rapporten.", 712, x=230.0)]
    rest = [_line("for beskyttelse skal kartlegges.", 60, page=2, x=57.0), _line("Status: Tiltaket er ferdigstilt.", 72, page=2, x=57.0)]
    after = [_line("Tiltak 3. Innhente kunnskap om frafall fra ordningene under integreringsloven", 100, page=2, x=57.0)]
    lines = [*left, *right, *rest, *after]
    assert [ln.text for ln in pair_split_over_pages(lines, 10.0)] == [ln.text for ln in (*left, *rest, *right, *after)]
    ended = [left[0], _line("sårbare grupper med behov.", 712, x=57.0), *right, *rest, *after]
    assert pair_split_over_pages(ended, 10.0) == ended  # the left column ended its sentence
    flowing = [*left, _line("som skal kartlegges.", 700, x=230.0), right[1], *rest, *after]
    assert pair_split_over_pages(flowing, 10.0) == flowing  # the right column goes on from the left: columns that flow
    even = [*left, *(replace(ln, x1=ln.x0 + 150.0) for ln in right), *rest, *after]
    assert pair_split_over_pages(even, 10.0) == even  # columns of one width: a page's, which flow one into the other


def test_a_right_column_broken_over_a_page_is_read_on_before_the_left_columns_next_labels():
    """Held-out ho6-cr-split-measures, tiltak 10: the report's column runs on over the page («Temaet om
    negativ sosial kontroll og» / «æresrelatert vold vil bli …») and ends its sentence there, where the
    next page's left column opens with a label («Ansvarlige departement:») and goes on over the page
    after: the right column's rest is read right after its part, the left column's after it."""
    from pipeline.stages.extract import pair_split_over_pages

    left = [_line("Det er ønskelig å inkludere", 700, x=57.0), _line("jordmorutdanningene.", 712, x=57.0)]
    right = [_line("Sluttrapport (tiltak 10 a):", 700, x=230.0), _line("og andre relevante aktører. Temaet om negativ sosial kontroll og", 712, x=230.0)]
    labels = [_line("Ansvarlige departement: KD", 60, page=2, x=57.0), _line("Sluttrapport (tiltak 10 b): Nasjonal", 72, page=2, x=57.0)]
    goes_on = [_line("æresrelatert vold vil bli behandlet i disse prosessene.", 60, page=2, x=230.0)]
    over = [_line("retningslinje for helsesykepleierutdanning.", 60, page=3, x=57.0)]
    lines = [*left, *right, *labels, *goes_on, *over]
    assert [ln.text for ln in pair_split_over_pages(lines, 10.0)] == [ln.text for ln in (*left, *right, *goes_on, *labels, *over)]
    capital = [*left, *right, *labels, _line("Æresrelatert vold blir behandlet.", 60, page=2, x=230.0), *over]
    assert pair_split_over_pages(capital, 10.0) == capital  # the right column's rest does not go on from it
    flowing = [*left, *right, *labels, *goes_on, _line("Tiltak 11. Et nytt tiltak", 60, page=3, x=57.0)]
    assert pair_split_over_pages(flowing, 10.0) == flowing  # the left column goes on into the right one, as columns flow


def test_notes_marked_by_symbols_are_numbered_by_the_symbols_order():
    """Held-out ho6-wp-symbol-notes: the markers are raised symbols («(AID)*», «lhbtiq†»), the notes
    at a section's end open with theirs («† Lhbtiq er …»). A symbol names its note as a number does
    («*» 1, «†» 2, …), so the marker finds its note and the note its number."""
    from pipeline.profiles.loader import notes_headings
    from pipeline.stages.extract import split_section_notes
    from pipeline.text import note_numeral

    assert [note_numeral(t) for t in ("1", "12", "*", "†", "‡", "§", "**", "a", "1234", "*†")] == [1, 12, 1, 2, 3, 4, 7, None, None, None]
    line = group_lines([word("lhbtiq", 72, 100, x1=105), word("†", 105, 97, size=6.5, x1=108.5), word(",", 108.5, 100, x1=111), word("i", 114, 100)], page=4)[0]
    cleaned, markers = split_markers(line)
    assert cleaned.text == "lhbtiq, i" and [(m.number, m.after) for m in markers] == [(2, "lhbtiq")]
    lines = [_line("Teksten nevner lhbtiq og", 100), _line("† Lhbtiq er en forkortelse for", 132, size=8.0), _line("lesbiske og homofile.", 142, size=8.0)]
    body, notes, _ = split_section_notes(lines, 10.0, notes_headings(), open_calls=[(0, 2)])
    assert [ln.text for ln in body] == ["Teksten nevner lhbtiq og"]
    assert [(at, [ln.text for ln in note]) for at, note in notes] == [(1, ["2 Lhbtiq er en forkortelse for", "lesbiske og homofile."])]


def test_a_float_in_the_text_is_no_line_of_it():
    """Held-out ho7-wp-floats: a «Fakta» box and a figure's caption floated at the right of a
    measure's text, in smaller type, the text's lines narrower beside them and across the page
    below: read as a region of their own, their lines («Fakta», «Departement», «AID», «Figur 1.
    Illustrasjon …») would still be the last field's text. They are set apart from the text, and
    left out of it, each kept as a dropped line with its reason. Small type in a margin of its own
    (a sidenote: no line of the text runs across its place) and a footnote under the text stay."""
    from pipeline.stages.extract import floats_in_text

    narrow = [_line(f"smal linje {k} av teksten ved siden av boksen", 100 + 14 * k, x=72.0) for k in range(4)]
    box = [_line(t, 102 + 12 * k, size=9.0, x=330.0) for k, t in enumerate(("Fakta", "Departement", "AID"))]
    wide = _line("teksten går videre over hele bredden under boksen igjen og helt ut til margen på høyre side", 160, x=72.0)
    note = _line("1 En fotnote under teksten.", 700, size=9.0, x=72.0)
    lines = [*narrow, wide, *box, note]
    assert floats_in_text(lines, 11.0) == {5, 6, 7}
    sidenote = [_line(t, 102 + 12 * k, size=9.0, x=640.0) for k, t in enumerate(("Se også", "tiltak 8."))]
    assert floats_in_text([*narrow, wide, *sidenote], 11.0) == set()  # in a margin of its own: no line of the text runs across it
    assert floats_in_text([*narrow, *box], 11.0) == set()  # no line of the text across its place: a column, not a float


# --- a book's mirrored margins: each page's text block -----------------------------------------------------


def book_pages(shift: float = 40.0, count: int = 4, right_too: bool = True) -> list[list[Line]]:
    """Pages of prose whose text block stands ``shift`` points further right on odd pages (the first, the third …)
    than on even ones: a heading, lines set full, a paragraph's last line. ``right_too`` False: only the lines'
    starts move (a thumb index or an indent on odd pages), not where the full lines end."""
    pages = []
    for n in range(1, count + 1):
        x = 72.0 + (shift if n % 2 else 0.0)
        lines = [_line(f"Tiltak {n}. Tittel", 80, page=n, x=x)]
        for k in range(10):
            full = _line(f"Teksten på side {n} går her over hele linjen nr {k}", 100 + 14 * k, page=n, x=x)
            lines.append(full if right_too or not n % 2 else replace(full, x1=full.x1 - shift))
        lines.append(_line(f"Slutt på side {n}.", 250, page=n, x=x))
        pages.append(lines)
    return pages


def test_a_text_block_further_right_on_every_other_page_is_shifted_there():
    """Held-out ho7-ty-mirrored-gutter: a book's mirrored margins set the text block 1.7 cm further right on odd
    pages; where its lines start and where its full lines end both move, by the same amount. Those pages are shifted
    from the document's text block (the even pages'). A move of the starts alone (a thumb index, an indent), or one
    of less than an em, is no text block moved."""
    from pipeline.stages.extract import text_block_shifts

    assert text_block_shifts(book_pages(), 10.0) == (40.0, 0.0, 40.0, 0.0)
    assert text_block_shifts(book_pages(count=5), 10.0) == (40.0, 0.0, 40.0, 0.0, 40.0)
    assert text_block_shifts(book_pages(right_too=False), 10.0) == ()
    assert text_block_shifts(book_pages(shift=6.0), 10.0) == ()
    assert text_block_shifts(book_pages(shift=0.0), 10.0) == ()
    assert text_block_shifts(book_pages(count=1), 10.0) == ()  # one page: no other side to compare
    cover = [_line("Teksten på side 1 går her over hele linjen nr 0", 100, x=112.0)]  # a line of a cover, as wide as the text
    assert text_block_shifts([cover, book_pages(count=2)[1]], 10.0) == ()  # too few lines to tell a text block by


def test_a_box_beside_a_text_block_shifted_on_every_other_page_is_furniture_where_it_moves_with_it():
    """Held-out ho7-ty-mirrored-gutter: a box of facts beside the text stands at one place in the text block, so
    on a book's pages at two places on the paper, each on half the pages or fewer: where it stands in its page's
    text block, it repeats on every page."""
    from pipeline.stages.extract import find_running

    pages = book_pages(count=7)
    for n, lines in enumerate(pages, start=1):
        x = 420.0 + (40.0 if n % 2 else 0.0)
        lines += [group_lines([word(t, x, 150 + 10 * k, size=8)], page=n)[0] for k, t in enumerate(["Rapport", "Sluttrapport", "Omfang"])]
    shifts = (40.0, 0.0) * 3 + (40.0,)
    running = find_running(pages, [842.0] * len(pages), [], shifts)
    assert {pages[p][i].text for p, i in running} == {"Rapport", "Sluttrapport", "Omfang"} and len(running) == 3 * len(pages)
    assert len(find_running(pages, [842.0] * len(pages), [])) < 3 * len(pages)  # measured on the paper: half of it only


def test_a_dash_at_the_margin_of_a_shifted_page_starts_prose_and_one_indented_from_it_a_list():
    """Held-out ho7-ty-mirrored-gutter: a line's column starts where the document's does, in its page's text block;
    a dash at a shifted page's margin starts a line of prose, as one at the document's margin does, and a dash
    indented from that page's margin opens a list item."""
    from pipeline.stages.extract import column_start, normalise_bullet

    shifts = (40.0, 0.0)
    prose, item = _line("– og det gjelder også de andre", 100, x=112.0), _line("– styrket innsats mot", 114, x=130.0)
    assert column_start(prose, (72.0,), 10.0, shifts) == 112.0 and column_start(_line("Tekst", 100, page=2), (72.0,), 10.0, shifts) == 72.0
    assert normalise_bullet(prose, column_start(prose, (72.0,), 10.0, shifts)).text == "– og det gjelder også de andre"
    assert normalise_bullet(item, column_start(item, (72.0,), 10.0, shifts)).text == "• styrket innsats mot"
    assert normalise_bullet(prose, column_start(prose, (72.0,), 10.0)).text == "• og det gjelder også de andre"  # measured from the paper's margin


# --- a highlight's padding ----------------------------------------------------------------------------


def test_a_highlight_s_padding_is_no_word_space():
    """Held-out ho7-cr-dark-page: a status word highlighted on a coloured box («Tiltaket er ferdigstilt.», the box a
    few points wider than the word) sets the «.» after it past the box's end, 2.5 points from the word (as Chromium
    printed it: no space glyph there), which read as a space: «ferdigstilt .». The white that counts is outside the
    highlight; the space before it, from the word before to the box's start, stays one."""
    words = [
        Word("Tiltaket", 98.0, 376.0, 138.84, 385.5, 9.49, "DejaVuSans", False),
        Word("er", 141.85, 376.0, 151.6, 385.5, 9.49, "DejaVuSans", False),
        Word("ferdigstilt", 157.11, 376.0, 210.43, 385.5, 9.49, "DejaVuSans-Bold", True),
        Word(".", 212.94, 376.0, 215.96, 385.5, 9.49, "DejaVuSans", False),
    ]
    page, highlight = (0.0, 0.0, 595.5, 842.25), (154.5, 374.24, 213.0, 385.49)  # a dark page under all, the box under the word
    assert group_lines(words, 1)[0].text == "Tiltaket er ferdigstilt ."
    assert group_lines(words, 1, fills=[page, highlight])[0].text == "Tiltaket er ferdigstilt."
    assert make_line(words, 1, [page, highlight]).text == "Tiltaket er ferdigstilt."


def test_fills_that_are_no_highlight_leave_the_word_spaces_as_they_are():
    """A table's cells banded in two tones stand side by side, a word on each; a cell with white to spare around its
    words; a fill under both words: none is a highlight's padding, and the words keep their spaces."""
    cells = [Word("AID", 100.0, 376.0, 118.0, 385.5, 9.5, "F", False), Word("Ferdigstilt", 121.0, 376.0, 170.0, 385.5, 9.5, "F", False)]
    assert make_line(cells, 1, [(96.0, 374.0, 119.5, 387.0), (119.5, 374.0, 175.0, 387.0)]).text == "AID Ferdigstilt"  # each on its own
    assert make_line(cells, 1, [(60.0, 374.0, 119.5, 420.0)]).text == "AID Ferdigstilt"  # a cell far taller than its line
    assert make_line(cells, 1, [(96.0, 374.0, 175.0, 387.0)]).text == "AID Ferdigstilt"  # one fill under both


def test_a_run_turned_in_a_margin_is_dropped_as_furniture_where_its_words_come_back():
    """Held-out ho7-cr-thumb-tabs: the thumb index's tab names the section over each of its pages («Oversikt over
    status for tiltak» on pages 2 and 3, «Innsatsområde 1: …» on 4 to 6), and «Om denne rapporten» stands on page 1
    alone. Reading leaves them out of the lines (:func:`pipeline.stages.engines.words.turned_in_a_margin`); each is a
    dropped line of its page: furniture where its words come back on another page (digits aside, as a running
    header's), a label beside the text where said once. Neither is a running header's line, which a profile's
    page.running pattern finds in a band of the page: inference learns no pattern from them."""
    from pipeline.model import RUNNING_REASON
    from pipeline.profiles.loader import load_profile
    from pipeline.stages.engines.words import TAB_REASON, TURNED_REASON

    lines = ((Line(1, 72, 100, 300, 111, 11, (word("Teksten", 72, 100, x1=120),)),),) * 3
    pages = tuple(PageInfo(n, 595, 842) for n in (1, 2, 3))
    turned = ((1, "Om denne rapporten"), (2, "Innsatsområde 1: Innsats"), (3, "Innsatsområde 1: Innsats"), (3, "Del 3"), (2, "Del 2"))
    raw = RawPdf("t.pdf", "/t.pdf", "0", pages, lines, (), {}, turned=turned)
    dropped = assemble(raw, load_profile("frihet-sluttrapport")).dropped
    assert [(d.page, d.text, d.reason) for d in dropped] == [
        (1, "Om denne rapporten", TURNED_REASON),
        (2, "Innsatsområde 1: Innsats", TAB_REASON),
        (3, "Innsatsområde 1: Innsats", TAB_REASON),
        (3, "Del 3", TAB_REASON),
        (2, "Del 2", TAB_REASON),
    ]
    assert not any(d.reason.startswith("running") or d.reason == RUNNING_REASON for d in dropped)
