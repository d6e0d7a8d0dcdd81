from dataclasses import replace

import regex

from pipeline.profiles.loader import GROUP_COLUMN, OverviewColumn
from pipeline.stages.extract import extract
from pipeline.stages.overview import columns_in_force, described_title, focus_areas, parse_overview

from .helpers import COLS
from .synth import BOLD, SynthDoc


def test_mini_table_rows_groups_and_summary(mini_pdf, profile):
    ov = parse_overview(extract(mini_pdf, profile), profile)
    assert ov.found and ov.title_page == 1
    assert ov.header == ("Nr.", "Tiltak", "Ansvarlig dep.", "Status")
    assert (ov.summary_total, ov.summary_counts) == (3, {"Ferdigstilt": 2, "Videreføres": 1})
    rows = [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status, r.innsatsomrade_nr, r.undergruppe) for r in ov.rows]
    assert rows == [
        (1, "Styrke det nordiske samarbeidet", "AID", "Ferdigstilt", 1, None),
        (2, "Øke kompetansen i skolen", "KD", "Videreføres", 1, None),
        (3, "Etablere et nettverk", "BFD og AID", "Ferdigstilt", 1, "Undergruppe om tros- og livssynssamfunn"),
    ]
    assert all(r.innsatsomrade_title == "Første område" for r in ov.rows)


def table_over_two_pages(repeat_header: bool, split_header: bool) -> SynthDoc:
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.text("Av totalt 3 tiltak i handlingsplanen er 3 tiltak ferdigstilte og 0 videreføres.", gap=6)
    if split_header:
        d.row(["Nr.", "Tiltak", "Ansvarlig", "Status"], COLS, font=BOLD, gap=8)
        d.row(["", "", "dep."], COLS, font=BOLD)
    else:
        d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    d.row(["Innsatsområde 1: Et område med en tittel som er lang nok til å"], COLS, font=BOLD, gap=2)
    d.row(["gå over to linjer"], COLS, font=BOLD)
    d.row(["1", "Første tiltak", "AID", "Ferdigstilt"], COLS, gap=2)
    d.row(["2", "Andre tiltak med en tittel", "JD", "Ferdigstilt"], COLS, gap=2)
    d.new_page()
    if repeat_header:
        d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD)
    d.row(["", "som fortsetter på neste side"], COLS, gap=2)
    d.row(["3", "Tredje tiltak", "KUD", "Ferdigstilt"], COLS, gap=2)
    d.bold("Innsatsområde 1: Et område", size=14, gap=20)
    d.bold("Tiltak 1. Første tiltak", size=12)
    return d


def test_table_continues_across_the_page_break_past_a_repeated_header(tmp_path, profile):
    pdf = table_over_two_pages(repeat_header=True, split_header=False).write(tmp_path / "t.pdf")
    ov = parse_overview(extract(pdf, profile), profile)
    assert [(r.tiltak_nr, r.title, r.page) for r in ov.rows] == [
        (1, "Første tiltak", 1),
        (2, "Andre tiltak med en tittel som fortsetter på neste side", 1),
        (3, "Tredje tiltak", 2),
    ]
    assert ov.rows[0].innsatsomrade_title == "Et område med en tittel som er lang nok til å gå over to linjer"
    assert {b.page for b in ov.rows[1].boxes} == {1, 2}


def test_a_header_wrapped_over_two_lines_is_found(tmp_path, profile):
    pdf = table_over_two_pages(repeat_header=False, split_header=True).write(tmp_path / "t.pdf")
    ov = parse_overview(extract(pdf, profile), profile)
    assert ov.header == ("Nr.", "Tiltak", "Ansvarlig dep.", "Status")
    assert [r.ansvarlig_departement for r in ov.rows] == ["AID", "JD", "KUD"]


def test_no_overview_table_is_reported_not_raised(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak", size=12).text("Tekst.")
    ov = parse_overview(extract(d.write(tmp_path / "n.pdf"), profile), profile)
    assert not ov.found and ov.rows == ()


def test_an_entry_of_a_table_of_contents_naming_the_table_is_not_its_title(tmp_path, profile):
    """Held-out ho6-ty-contents: a table of contents after the first page names the table, its page after a dot
    leader («Oversikt over status for tiltak . . . 2»); the table is read under its own title."""
    d = SynthDoc()
    d.bold("Innhold", size=14)
    d.text("Oversikt over status for tiltak . . . . . . . . . . . . . . . . . . . 2", gap=6)
    d.text("Innsatsområde 1: Et område . . . . . . . . . . . . . . . . . . . . . . 2")
    d.new_page()
    d.pages[-1].extend(commented_table("Frist", summary_above=False).pages[0][1:])  # the table, on the page named
    ov = parse_overview(extract(d.write(tmp_path / "contents.pdf"), profile), profile)
    assert (ov.title_page, ov.summary_total) == (2, 2)
    assert [(r.tiltak_nr, r.title, r.status) for r in ov.rows] == [(1, "Første tiltak", "Ferdigstilt"), (2, "Andre tiltak", "Videreføres")]


COMMENTED = [72.0, 100.0, 220.0, 320.0, 400.0]  # Nr. | Tiltak | Ansvarlig | Status | a column of text


def commented_table(last_header: str, summary_above: bool) -> SynthDoc:
    """A table with a fifth column: a comment whose cell holds two paragraphs (white between
    them, as between rows), or a column no profile names; the summary sentence closing the
    introduction above the table's title, or under it."""
    d = SynthDoc()
    d.text("Innledningen til rapporten står her.")
    if summary_above:
        d.text("Av totalt 2 tiltak i handlingsplanen er 1 tiltak ferdigstilte og 1 videreføres.")
    d.bold("Oversikt over status for tiltak", size=14)
    if not summary_above:
        d.text("Av totalt 2 tiltak i handlingsplanen er 1 tiltak ferdigstilte og 1 videreføres.", gap=6)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status", last_header], COMMENTED, font=BOLD, gap=8)
    d.row(["1", "Første tiltak", "AID", "Ferdigstilt", "Arbeidet er gjort."], COMMENTED, gap=4)
    d.row(["", "", "", "", "Det ble evaluert."], COMMENTED, gap=6)  # the cell's second paragraph
    d.row(["2", "Andre tiltak", "JD", "Videreføres", "Arbeidet går videre."], COMMENTED, gap=6)
    d.bold("Innsatsområde 1: Et område", size=14, gap=20)
    d.bold("Tiltak 1. Første tiltak", size=12)
    return d


def test_a_column_no_profile_names_after_the_last_is_read_as_no_field(tmp_path, profile):
    pdf = commented_table("Frist", summary_above=False).write(tmp_path / "t.pdf")
    ov = parse_overview(extract(pdf, profile), profile)
    assert ov.header == ("Nr.", "Tiltak", "Ansvarlig dep.", "Status", "Frist")
    assert [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status) for r in ov.rows] == [
        (1, "Første tiltak", "AID", "Ferdigstilt"),
        (2, "Andre tiltak", "JD", "Videreføres"),
    ]
    assert all(r.undergruppe is None for r in ov.rows)  # the column's second paragraph is no subgroup row


def test_a_summary_sentence_before_the_table_s_title_is_read(tmp_path, profile):
    for above in (True, False):
        pdf = commented_table("Frist", summary_above=above).write(tmp_path / f"t{above}.pdf")
        ov = parse_overview(extract(pdf, profile), profile)
        assert (ov.summary_total, ov.summary_counts) == (2, {"Ferdigstilt": 1, "Videreføres": 1}), above


NOTED = [72.0, 130.0, 380.0, 460.0]  # a number column wide enough for «12 (nytt)»


def test_a_note_on_a_row_s_number_is_neither_its_title_nor_a_row_of_its_own(tmp_path, profile):
    """«12 (nytt)»: a measure added at the plan's revision, its number noted in its own column, on
    the number's line or wrapped under it."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], NOTED, font=BOLD, gap=8)
    d.row(["11", "Et tiltak fra før", "AID", "Ferdigstilt"], NOTED, gap=4)
    d.row(["12 (nytt)", "Et nytt tiltak", "JD", "Videreføres"], NOTED, gap=4)
    d.row(["13", "Enda et nytt tiltak med en lang", "KD", "Videreføres"], NOTED, gap=4)
    d.row(["(nytt)", "tittel"], NOTED)
    d.bold("Innsatsområde 1: Et område", size=14, gap=20)
    d.bold("Tiltak 11. Et tiltak fra før", size=12)
    ov = parse_overview(extract(d.write(tmp_path / "t.pdf"), profile), profile)
    assert [(r.tiltak_nr, r.title, r.undergruppe) for r in ov.rows] == [
        (11, "Et tiltak fra før", None),
        (12, "Et nytt tiltak", None),
        (13, "Enda et nytt tiltak med en lang tittel", None),
    ]


def test_a_title_cell_in_bold_over_plain_lines_holds_the_title_then_the_description():
    assert described_title([True, True, False, False]) == 2
    assert described_title([True, False]) == 1
    assert described_title([True, True]) == 0  # all title
    assert described_title([False, False]) == 0  # no bold title: one text
    assert described_title([True, False, True]) == 0  # bold again below: not a title over a description


def test_a_header_whose_columns_stand_in_another_order_is_read_by_its_number_s_column(tmp_path, profile):
    """«Status | Nr. | Tiltak | Ansvarlig dep.»: the number is read where its column stands."""
    cols = [72.0, 150.0, 190.0, 420.0]
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.row(["Status", "Nr.", "Tiltak", "Ansvarlig dep."], cols, font=BOLD, gap=8)
    d.row(["Ferdigstilt", "1", "Første tiltak", "AID"], cols, gap=4)
    d.row(["Videreføres", "2", "Andre tiltak med en lang", "JD"], cols, gap=4)
    d.row(["", "", "tittel"], cols)
    d.bold("Innsatsområde 1: Et område", size=14, gap=20)
    d.bold("Tiltak 1. Første tiltak", size=12)
    ov = parse_overview(extract(d.write(tmp_path / "t.pdf"), profile), profile)
    assert ov.header == ("Status", "Nr.", "Tiltak", "Ansvarlig dep.")
    assert [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status) for r in ov.rows] == [
        (1, "Første tiltak", "AID", "Ferdigstilt"),
        (2, "Andre tiltak med en lang tittel", "JD", "Videreføres"),
    ]


def test_a_table_in_parts_each_under_its_focus_area_s_heading_is_one_table_grouped_by_them(tmp_path, profile):
    """Held-out batch 2: one table per focus area, each under its own small heading over a header row of
    its own. The headings are the table's group rows, and the table ends at the body's first heading."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    for area, rows in ((1, [("1", "Første tiltak"), ("2", "Andre tiltak")]), (2, [("3", "Tredje tiltak")])):
        d.bold(f"Innsatsområde {area}: Område {area}", size=11, gap=10)
        d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=4)
        for nr, title in rows:
            d.row([nr, title, "JD", "Ferdigstilt"], COLS, gap=2)
    d.bold("Innsatsområde 1: Område 1", size=11, gap=20)
    d.bold("Tiltak 1. Første tiltak", size=11, gap=6)
    doc = extract(d.write(tmp_path / "deler.pdf"), profile)
    ov = parse_overview(doc, profile)
    assert [(r.tiltak_nr, r.innsatsomrade_nr, r.innsatsomrade_title) for r in ov.rows] == [(1, 1, "Område 1"), (2, 1, "Område 1"), (3, 2, "Område 2")]
    assert [doc.lines[k].text for k in ov.captions] == ["Innsatsområde 1: Område 1", "Innsatsområde 2: Område 2"]
    assert doc.lines[ov.end_line].text == "Innsatsområde 1: Område 1"  # the body's own heading, under no header row


def test_a_cell_wrapped_in_its_own_colour_continues_its_row(tmp_path, profile):
    """Issue 19 (held-out batch 2): a status cell printed white on its colour wraps («Ikke» / «påbegynt»):
    its second line is set in the type of the row's status cell, not of the row's first words, and is no sub-group row."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.text("Av totalt 2 tiltak er 1 ferdigstilt.", gap=6)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    d.row(["1", "Første tiltak", "AID", "Ferdigstilt"], COLS, gap=2)
    d.line(("2", "Helvetica", 10, 0.0, COLS[0]), ("Andre tiltak", "Helvetica", 10, 0.0, COLS[1]), ("JD", "Helvetica", 10, 0.0, COLS[2]),
           ("Ikke", "Helvetica", 10, 0.0, COLS[3], "#ffffff"), x=COLS[0], gap=2)  # fmt: skip
    d.line(("påbegynt", "Helvetica", 10, 0.0, COLS[3], "#ffffff"), x=COLS[3])
    d.bold("Tiltak 1. Første tiltak", size=14, gap=20)
    ov = parse_overview(extract(d.write(tmp_path / "farget.pdf"), profile), profile)
    assert [(r.tiltak_nr, r.status, r.undergruppe) for r in ov.rows] == [(1, "Ferdigstilt", None), (2, "Ikke påbegynt", None)]


WIDE = [40.0, 62.0, 200.0, 250.0, 285.0, 335.0, 400.0]  # seven columns across an A4 page


def test_columns_no_field_reads_between_the_fields_are_read_as_no_field(tmp_path, profile):
    """Issue 19 (held-out batch 3): «Nr. | Tiltak | Ansvarlig | Frist | Budsjett | Status | Kommentar»: a deadline and a
    budget stand between the department and the status; each field is read from the column its header names."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.row(["Nr.", "Tiltak", "Ansvarlig", "Frist", "Budsjett", "Status", "Kommentar"], WIDE, font=BOLD, gap=8)
    d.row(["1", "Første tiltak", "AID", "2025", "9,1", "Ferdigstilt", "Det er gjort."], WIDE, gap=4)
    d.row(["2", "Andre tiltak", "JD", "2026", "–", "Videreføres", "Det går videre."], WIDE, gap=4)
    d.bold("Tiltak 1. Første tiltak", size=14, gap=20)
    ov = parse_overview(extract(d.write(tmp_path / "t.pdf"), profile), profile)
    assert ov.header == ("Nr.", "Tiltak", "Ansvarlig", "Frist", "Budsjett", "Status", "Kommentar")
    assert [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status) for r in ov.rows] == [
        (1, "Første tiltak", "AID", "Ferdigstilt"),
        (2, "Andre tiltak", "JD", "Videreføres"),
    ]


def test_required_columns_in_another_order_after_the_number_s_are_read_by_their_headers(tmp_path, profile):
    """«Nr. | Tiltak | Status | Ansvarlig»: the status before the department, each read where its column stands."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.row(["Nr.", "Tiltak", "Status", "Ansvarlig dep."], COLS, font=BOLD, gap=8)
    d.row(["1", "Første tiltak", "Ferdigstilt", "AID"], COLS, gap=4)
    d.row(["2", "Andre tiltak", "Videreføres", "JD"], COLS, gap=4)
    d.bold("Tiltak 1. Første tiltak", size=14, gap=20)
    ov = parse_overview(extract(d.write(tmp_path / "t.pdf"), profile), profile)
    assert ov.header == ("Nr.", "Tiltak", "Status", "Ansvarlig dep.")
    assert [(r.tiltak_nr, r.ansvarlig_departement, r.status) for r in ov.rows] == [(1, "AID", "Ferdigstilt"), (2, "JD", "Videreføres")]


def test_a_table_of_measures_group_rows_are_its_focus_areas(tmp_path, profile):
    """Issue 19: where the measures are the table's rows, its group rows head the focus areas (the innsatsomrader
    table), a group row wrapped over two lines one area, and one repeated over a page's part of the table the same;
    a table beside a body of blocks leaves its focus areas to the body's headings."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    d.row(["Innsatsområde 1: Et område med en tittel som er lang nok til å"], COLS, font=BOLD, gap=6)
    d.row(["gå over to linjer"], COLS, font=BOLD)
    d.row(["1", "Første tiltak", "AID", "Ferdigstilt"], COLS, gap=6)
    d.new_page()
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD)
    d.row(["Innsatsområde 1: Et område med en tittel som er lang nok til å"], COLS, font=BOLD, gap=6)
    d.row(["gå over to linjer"], COLS, font=BOLD)
    d.row(["2", "Andre tiltak", "JD", "Ferdigstilt"], COLS, gap=6)
    d.row(["Innsatsområde 2: Et annet område"], COLS, font=BOLD, gap=6)
    d.row(["3", "Tredje tiltak", "KUD", "Videreføres"], COLS, gap=6)
    doc = extract(d.write(tmp_path / "t.pdf"), profile)
    table = replace(profile, body="table")
    areas = focus_areas(parse_overview(doc, table))
    assert [(a.nr, a.title, a.heading.page, a.intro) for a in areas] == [
        (1, "Et område med en tittel som er lang nok til å gå over to linjer", 1, ""),
        (2, "Et annet område", 2, ""),
    ]
    assert [doc.lines[k].text for k in range(areas[0].heading.first_line, areas[0].heading.last_line + 1)] == [
        "Innsatsområde 1: Et område med en tittel som er lang nok til å",
        "gå over to linjer",
    ]
    assert focus_areas(parse_overview(doc, profile)) == ()  # blocks under headings: the body's headings are its focus areas


HEADER = ["Nr.", "Tiltak", "Ansvarlig dep.", "Status"]
LEFT_HALF = [40.0, 62.0, 190.0, 250.0]  # a table's two halves side by side on one page, each with its own header
RIGHT_HALF = [310.0, 332.0, 460.0, 520.0]


def table_in_halves() -> SynthDoc:
    """The overview table set in two halves side by side (rows 1–3 left, 4–5 right), each under
    the same header; the right half's rows stand level with the left's wrapped lines."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.text("Av totalt 5 tiltak i handlingsplanen er 4 tiltak ferdigstilte og 1 videreføres.", gap=6)
    both = LEFT_HALF + RIGHT_HALF
    d.row(HEADER + HEADER, both, font=BOLD, size=8, gap=8)
    d.row(["Innsatsområde 1: Første område", "", "", "", "Innsatsområde 2: Andre område"], both, font=BOLD, size=8, gap=2)
    d.row(["1", "Styrke det nordiske", "AID", "Ferdigstilt", "4", "Etablere et nettverk", "JD", "Ferdigstilt"], both, size=8, gap=2)
    d.row(["", "samarbeidet", "", "", "5", "Øke kompetansen i", "KD", "Videreføres"], both, size=8)
    d.row(["2", "Utvikle en strategi", "BFD", "Ferdigstilt", "", "skolen"], both, size=8)
    d.row(["3", "Videreføre TryggEst", "KUD", "Ferdigstilt"], both, size=8, gap=2)
    d.new_page()
    d.bold("Innsatsområde 1: Første område", size=14)
    d.bold("Tiltak 1. Styrke det nordiske samarbeidet", size=12, gap=10)
    return d


def test_a_table_in_halves_side_by_side_is_one_table_left_half_then_right(tmp_path, profile):
    """Issue 18 (held-out ho4-cr-split-table): the halves are one table continued under its repeated
    header, read in reading order (the left half, then the right), each half's cells in their columns."""
    ov = parse_overview(extract(table_in_halves().write(tmp_path / "halves.pdf"), profile), profile)
    assert [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status, r.innsatsomrade_nr) for r in ov.rows] == [
        (1, "Styrke det nordiske samarbeidet", "AID", "Ferdigstilt", 1),
        (2, "Utvikle en strategi", "BFD", "Ferdigstilt", 1),
        (3, "Videreføre TryggEst", "KUD", "Ferdigstilt", 1),
        (4, "Etablere et nettverk", "JD", "Ferdigstilt", 2),
        (5, "Øke kompetansen i skolen", "KD", "Videreføres", 2),
    ]


def test_a_table_continued_under_its_header_where_it_stands_elsewhere_reads_its_cells_there(tmp_path, profile):
    """A table continued on the next page under its repeated header, its columns set elsewhere (the
    page's margins differ): the repeated header says where the continuation's cells stand."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.text("Av totalt 2 tiltak i handlingsplanen er 2 tiltak ferdigstilte og 0 videreføres.", gap=6)
    d.row(HEADER, COLS, font=BOLD, gap=8)
    d.row(["1", "Første tiltak", "AID", "Ferdigstilt"], COLS, gap=2)
    d.new_page()
    moved = [x - 40 for x in COLS]
    d.row(HEADER, moved, font=BOLD)
    d.row(["2", "Andre tiltak", "JD", "Ferdigstilt"], moved, gap=2)
    d.bold("Tiltak 1. Første tiltak", size=14, gap=20)
    ov = parse_overview(extract(d.write(tmp_path / "flyttet.pdf"), profile), profile)
    assert [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status) for r in ov.rows] == [(1, "Første tiltak", "AID", "Ferdigstilt"), (2, "Andre tiltak", "JD", "Ferdigstilt")]


def test_each_line_takes_the_columns_of_the_header_last_above_it_where_it_names_the_same_columns():
    first = [(72.0, "Nr.", "tiltak_nr"), (100.0, "Tiltak", "title"), (380.0, "Status", "status")]
    beside = [(400.0, "Nr.", "tiltak_nr"), (428.0, "Tiltak", "title"), (700.0, "Status", "status")]
    other = [(10.0, "Nr.", "tiltak_nr"), (30.0, "Tiltak", "title")]  # other columns: no continuation's header
    edges = columns_in_force(first, {12: (12, beside), 15: (15, other)}, 10, 17)
    assert [edges[k] for k in (10, 11, 12, 13, 16)] == [[72.0, 100.0, 380.0]] * 2 + [[400.0, 428.0, 700.0]] * 3


COUNTS = [72.0, 250.0]  # a table of counts: Status | Antall tiltak
COUNTED = [("Første tiltak", "AID", "Ferdigstilt"), ("Andre tiltak", "JD", "Videreføres"), ("Tredje tiltak", "KD", "Ferdigstilt")]


def counts_table_report(added_up: str | None, sentence: bool = False) -> SynthDoc:
    """The overview table, then under it a small table of the measures' counts, «Status | Antall tiltak», a row per
    status and (``added_up``) a bold «Sum» row; a summary sentence under the title too where ``sentence`` says so."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    if sentence:
        d.text("Av totalt 3 tiltak i handlingsplanen er 2 tiltak ferdigstilte og 1 videreføres.", gap=6)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    for nr, (title, dept, status) in enumerate(COUNTED, start=1):
        d.row([str(nr), title, dept, status], COLS, gap=2)
    d.row(["Status", "Antall tiltak"], COUNTS, font=BOLD, gap=16)
    d.row(["Ferdigstilt", "2"], COUNTS, gap=2)
    d.row(["Videreføres", "1"], COUNTS, gap=2)
    if added_up is not None:
        d.row(["Sum", added_up], COUNTS, font=BOLD, gap=2)
    d.bold("Innsatsområde 1: Et område", size=14, gap=20)
    d.bold("Tiltak 1. Første tiltak", size=12)
    return d


def test_a_table_of_counts_under_the_overview_is_its_summary_where_no_sentence_counts(tmp_path, profile):
    """Held-out batch 8 (tiltak-nr-oppsummeringstabell): no summary sentence; a small table «Status | Antall tiltak»
    under the overview, a row per status and a «Sum» row, counts the measures (a false «summary_missing»). Its counts
    are the summary's and its «Sum» row, as printed, the total (so that validation holds a sum that is wrong against
    the table); with no such row, the counts' sum. A sentence, where one counts, is the summary still."""
    cases = {"sum": ("4", False), "no-sum": (None, False), "sentence": ("3", True)}
    read = {}
    for name, (added_up, sentence) in cases.items():
        ov = parse_overview(extract(counts_table_report(added_up, sentence).write(tmp_path / f"{name}.pdf"), profile), profile)
        read[name] = (ov.summary_total, ov.summary_counts, ov.summary_table, ov.summary_text)
        assert [(r.title, r.status, r.undergruppe) for r in ov.rows] == [(title, status, None) for title, _, status in COUNTED]
    assert read["sum"] == (4, {"Ferdigstilt": 2, "Videreføres": 1}, True, "Ferdigstilt 2 · Videreføres 1 · Sum 4")
    assert read["no-sum"] == (3, {"Ferdigstilt": 2, "Videreføres": 1}, True, "Ferdigstilt 2 · Videreføres 1")
    assert read["sentence"][:3] == (3, {"Ferdigstilt": 2, "Videreføres": 1}, False)


DATED = [40.0, 62.0, 200.0, 260.0, 340.0]  # Nr. | Tiltak | Ansvarlig | Status 2023 | Status 2024


def test_a_status_per_year_is_read_from_the_latest_year_s_column(tmp_path, profile):
    """Held-out batch 8 (tabellrader-radspenn-aarsstatus): «Status 2023 | Status 2024», both the status column's
    header: the status is the latest year's, in whichever order the years stand (the first was taken); the other
    year's column is read as no field."""
    dated = replace(
        profile,
        overview_columns=tuple(replace(c, header=regex.compile(r"^Status\s+\d{4}$")) if c.key == "status" else c for c in profile.overview_columns),
    )
    statuses = {"2023": ("Videreføres", "Ikke startet"), "2024": ("Ferdigstilt", "Videreføres")}
    for first, second in (("2023", "2024"), ("2024", "2023")):
        d = SynthDoc()
        d.bold("Oversikt over status for tiltak", size=14)
        d.row(["Nr.", "Tiltak", "Ansvarlig", f"Status {first}", f"Status {second}"], DATED, font=BOLD, gap=8)
        d.row(["1", "Første tiltak", "AID", statuses[first][0], statuses[second][0]], DATED, gap=4)
        d.row(["2", "Andre tiltak", "JD", statuses[first][1], statuses[second][1]], DATED, gap=4)
        d.bold("Tiltak 1. Første tiltak", size=14, gap=20)
        ov = parse_overview(extract(d.write(tmp_path / f"t{first}.pdf"), dated), dated)
        assert [(r.tiltak_nr, r.title, r.ansvarlig_departement, r.status) for r in ov.rows] == [
            (1, "Første tiltak", "AID", "Ferdigstilt"),
            (2, "Andre tiltak", "JD", "Videreføres"),
        ], first


AREAS = [40.0, 150.0, 175.0, 320.0, 420.0]  # Innsatsområde | Nr. | Tiltak | Ansvarlig | Status


def test_a_first_column_of_cells_spanning_rows_names_the_focus_areas(tmp_path, profile):
    """Held-out batch 8 (tabellrader-radspenn-aarsstatus): a table of measures whose first column holds the focus
    areas, each cell printed once at the top of the rows it spans (HTML rowspan), the column empty under it and on
    the next page: each row's focus area is the cell above it, a cell wrapped past its one-line row whole («2. Data
    og» / «deling»), and the innsatsomrader table the cells'. With the column naming them, no line is a group row:
    a title's line that happens to open with «3.» goes on with its title."""
    table = replace(
        profile,
        body="table",
        overview_group=regex.compile(r"^(?P<nr>\d+)\.\s*(?P<title>.*)$"),
        overview_columns=(OverviewColumn(GROUP_COLUMN, regex.compile(r"^Innsatsområde$")), *profile.overview_columns),
    )
    header = ["Innsatsområde", "Nr.", "Tiltak", "Ansvarlig dep.", "Status"]
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.row(header, AREAS, font=BOLD, gap=8)
    d.row(["1. Styring og", "1", "Første tiltak med en", "AID", "Ferdigstilt"], AREAS, gap=6)
    d.row(["ansvar", "", "lang tittel"], AREAS)
    d.row(["", "2", "Andre tiltak i", "JD", "Videreføres"], AREAS, gap=6)
    d.row(["", "", "3. fase"], AREAS)
    d.new_page()
    d.row(header, AREAS, font=BOLD)
    d.row(["", "3", "Tredje tiltak", "KUD", "Ferdigstilt"], AREAS, gap=6)
    d.row(["2. Data og", "4", "Fjerde tiltak", "KD", "Videreføres"], AREAS, gap=6)
    d.row(["deling", "5", "Femte tiltak", "DFD", "Ferdigstilt"], AREAS, gap=6)
    ov = parse_overview(extract(d.write(tmp_path / "t.pdf"), table), table)
    assert [(r.tiltak_nr, r.title, r.innsatsomrade_nr, r.innsatsomrade_title, r.undergruppe) for r in ov.rows] == [
        (1, "Første tiltak med en lang tittel", 1, "Styring og ansvar", None),
        (2, "Andre tiltak i 3. fase", 1, "Styring og ansvar", None),
        (3, "Tredje tiltak", 1, "Styring og ansvar", None),
        (4, "Fjerde tiltak", 2, "Data og deling", None),
        (5, "Femte tiltak", 2, "Data og deling", None),
    ]
    assert [r.innsatsomrade_cell for r in ov.rows] == ["1. Styring og ansvar", "", "", "2. Data og", "deling"]
    assert [(a.nr, a.title, a.heading.page) for a in focus_areas(ov)] == [(1, "Styring og ansvar", 1), (2, "Data og deling", 2)]
    assert ov.keys == (GROUP_COLUMN, "tiltak_nr", "title", "ansvarlig_departement", "status")  # in the header's order
