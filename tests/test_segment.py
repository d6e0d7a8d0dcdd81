from dataclasses import replace

import pytest
import regex

from pipeline.profiles.loader import HeadingRule
from pipeline.stages.extract import extract
from pipeline.stages.segment import Heading, area_number, area_numbers, areas_placed, counts_in_roman, number_places, placed, read_number, segment

from .synth import BOLD, REGULAR, SynthDoc


def test_mini_report_blocks(mini_pdf, profile):
    seg = segment(extract(mini_pdf, profile), profile)
    assert [(a.nr, a.title, a.intro) for a in seg.innsatsomrader] == [(1, "Første område", "Innledning til området.")]
    assert [(b.tiltak_nr, b.title, b.innsatsomrade_nr) for b in seg.blocks] == [
        (1, "Styrke det nordisk samarbeidet", 1),
        (2, "Øke kompetansen i skolen", 1),
        (3, "Etablere et nettverk", 1),
    ]
    assert [(h.nr, h.part, h.title) for h in seg.blocks[1].parts] == [(2, "a", "Utvikle ressurser"), (2, "b", "Bidra til undervisning")]


def test_inline_mention_at_line_start_is_not_a_heading(mini_pdf, profile):
    # "Tiltak 5 i denne planen er nevnt her." begins a line, in regular weight
    seg = segment(extract(mini_pdf, profile), profile)
    assert 5 not in [b.tiltak_nr for b in seg.blocks]


def test_a_bold_line_matching_the_pattern_but_in_body_size_is_no_innsatsomrade(mini_pdf, profile):
    # the table's group row "Innsatsområde 1: Første område" is bold but body-sized
    seg = segment(extract(mini_pdf, profile), profile)
    assert len(seg.innsatsomrader) == 1 and seg.innsatsomrader[0].heading.page == 2


def test_heading_split_by_a_page_break_is_joined(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 28. Et tiltak", size=12).text("Tekst.")
    for _ in range(40):
        d.text("Fyll.")
    d.bold("Tiltak 29. Innhente kunnskap om kvinner og deres barn som blir holdt", size=12, gap=10)
    d.new_page()
    d.bold("tilbake eller etterlatt i utlandet", size=12, gap=0)
    d.text("Noen kvinner og deres barn blir holdt tilbake.")
    seg = segment(extract(d.write(tmp_path / "split.pdf"), profile), profile)
    block = seg.blocks[1]
    assert block.title == "Innhente kunnskap om kvinner og deres barn som blir holdt tilbake eller etterlatt i utlandet"
    assert [b.page for b in block.heading.boxes] == [1, 2]


def test_heading_in_regular_weight_is_ignored(tmp_path, profile):
    d = SynthDoc()
    d.line(("Tiltak 1. Ikke en overskrift", REGULAR, 12))
    d.line(("Tiltak 2. En overskrift", BOLD, 12), gap=8)
    d.text("Tekst.")
    seg = segment(extract(d.write(tmp_path / "w.pdf"), profile), profile)
    assert [b.tiltak_nr for b in seg.blocks] == [2]


def test_a_heading_in_the_body_s_type_set_apart_by_an_underline_alone_is_found_and_ends_where_the_underline_does(tmp_path, profile):
    """Held-out ho6-wp-underlined-headings: the measures' headings at the body's size, weight and colour, with no
    space above them to tell, are set apart by a rule drawn under their text; a table's cell, framed by rules
    that run past its text, is no heading."""
    d = SynthDoc()
    d.text("Innledning til rapporten.")
    d.underlined("Tiltak 1. Styrke det nordiske samarbeidet om", gap=1)
    d.underlined("kunnskap og kompetanse", gap=0)
    d.text("Tekst om tiltaket, som går videre på neste linje", gap=0)
    d.text("uten å bli en del av tittelen.", gap=0)
    d.boxed("Tiltak 2. En celle i en tabell med rammer", gap=1)
    d.text("Mer tekst.", gap=2)
    d.underlined("Tiltak 3. Etablere et nettverk", gap=1)
    d.text("Tekst.", gap=0)
    seg = segment(extract(d.write(tmp_path / "underlined.pdf"), profile), profile)
    assert [(b.tiltak_nr, b.title) for b in seg.blocks] == [(1, "Styrke det nordiske samarbeidet om kunnskap og kompetanse"), (3, "Etablere et nettverk")]


def test_an_entry_of_a_table_of_contents_is_no_heading_however_it_is_set(tmp_path, profile):
    """Held-out ho6-ty-contents: a table of contents lists every measure, its page after a dot leader; an entry
    set like a heading (bold, at the margin), or wrapped over two lines, names the measure's heading and is none."""
    d = SynthDoc()
    d.bold("Innhold", size=14)
    d.bold("Tiltak 1. Styrke det nordiske samarbeidet . . . . . . . . . . . . . . 2", size=12)
    d.bold("Tiltak 2. Etablere et nettverk for kunnskapsutvikling og kompetanse-", size=12, gap=0)
    d.bold("heving i hele landet . . . . . . . . . . . . . . . 2", size=12, gap=0)
    d.new_page()
    d.bold("Tiltak 1. Styrke det nordiske samarbeidet", size=12)
    d.text("Tekst.")
    d.bold("Tiltak 2. Etablere et nettverk", size=12)
    d.text("Tekst.")
    seg = segment(extract(d.write(tmp_path / "contents.pdf"), profile), profile)
    assert [(b.tiltak_nr, b.title, b.heading.page) for b in seg.blocks] == [(1, "Styrke det nordiske samarbeidet", 2), (2, "Etablere et nettverk", 2)]


def test_part_headings_without_their_measure_become_rows_and_findings(tmp_path, profile):
    from pipeline.stages.fields import split_fields
    from pipeline.stages.overview import parse_overview
    from pipeline.stages.validate import validate

    d = SynthDoc()
    d.line(("Tiltak 1 a) Første deltiltak", BOLD, 11), gap=6)
    d.text("Om det første.")
    d.line(("Tiltak 1 b) Andre deltiltak", BOLD, 11), gap=6)
    d.text("Om det andre.")
    d.bold("Tiltak 2. Et vanlig tiltak", size=12)
    d.text("Tekst.")
    d.line(("Tiltak 3 a) Feil nummer", BOLD, 11), gap=6)
    d.text("Om en del med et annet nummer.")
    doc = extract(d.write(tmp_path / "orphans.pdf"), profile)
    seg = segment(doc, profile)
    assert [(b.tiltak_nr, b.title) for b in seg.blocks] == [(1, "Første deltiltak"), (1, "Andre deltiltak"), (2, "Et vanlig tiltak")]
    tiltak = split_fields(doc, seg, profile)
    assert [t.description.text if t.description else None for t in tiltak][:2] == ["Om det første.", "Om det andre."]
    codes = {(f.code, f.tiltak_nr, f.part) for f in validate(tiltak, parse_overview(doc, profile), seg, profile)}
    assert {("orphan_part_heading", 1, "a"), ("orphan_part_heading", 1, "b"), ("part_number_mismatch", 2, "a")} <= codes
    assert ("duplicate_in_body", 1, None) in codes


ITALIC = "Helvetica-Oblique"
FULL = "som går over hele linjen med vanlig tekst i brødteksten slik en rapport gjør det"


def body_style_report() -> SynthDoc:
    """Measures' headings in the body's face and size, set apart only by space above them or by
    opening a page; a part heading in italics; a heading wrapped over two lines."""
    d = SynthDoc()
    d.line(("Innsatsområde 1: Et område", BOLD, 14))
    d.text("Tiltak 1. Styrke samarbeidet mellom kommunene og de frivillige organisasjonene om", gap=18)
    d.text("oppfølging av unge")
    for k in range(3):
        d.text(FULL, gap=8 if not k else 0)
    d.text("og her slutter avsnittet.")
    d.text("Tiltak 2. Et kort tiltak", gap=18)
    d.text(FULL, gap=8)
    d.text("til delene.")
    d.line(("Tiltak 2 a) Første del", ITALIC, 11), gap=4)
    d.text(FULL)
    d.text(FULL)
    d.text("som ender her.")
    d.new_page()
    d.text("Tiltak 3. Et tiltak som åpner siden")
    d.text(FULL, gap=8)
    d.text(FULL)
    d.text(FULL)
    d.new_page()
    d.text("Tiltak 5. er nevnt her i en setning som fortsetter fra forrige side.")
    d.text(FULL)
    return d


def test_headings_in_the_body_s_style_are_found_by_space_and_place(tmp_path, profile):
    seg = segment(extract(body_style_report().write(tmp_path / "body-style.pdf"), profile), profile)
    assert [(b.tiltak_nr, b.title) for b in seg.blocks] == [
        (1, "Styrke samarbeidet mellom kommunene og de frivillige organisasjonene om oppfølging av unge"),
        (2, "Et kort tiltak"),
        (3, "Et tiltak som åpner siden"),
    ]
    assert [(h.part, h.title) for h in seg.blocks[1].parts] == [("a", "Første del")]


def test_a_number_of_several_levels_is_kept_as_printed_and_placed_among_the_report_s_numbers():
    assert read_number("8") == (8, "") and read_number(" 12 ") == (12, "")
    assert read_number("2.1") == (0, "2.1") and read_number("2.3.1") == (0, "2.3.1")
    assert read_number("A1") == (0, "A1") and read_number("T-12") == (0, "T-12")  # letters per focus area: kept whole
    assert read_number("2.") is None and read_number("A") is None and read_number("abc1") is None
    # in the order of their levels, not of their text («2.10» after «2.9»); printed twice, one place
    assert number_places(["1.1", "2.10", "2.9", "1.1", "", "10.1"]) == {"1.1": 1, "2.9": 2, "2.10": 3, "10.1": 4}
    assert number_places(["B1", "A10", "A2", "B1"]) == {"A2": 1, "A10": 2, "B1": 3}


def test_a_heading_numbered_per_area_takes_its_place_and_a_plain_one_keeps_its_number():
    per_area = Heading("tiltak", 0, None, "Tittel", 0, 0, (), nummer="2.1")
    plain = Heading("tiltak", 8, None, "Tittel", 0, 0, ())
    places = number_places(["1.1", "1.2", "2.1"])
    assert placed(per_area, places).nr == 3 and placed(per_area, places).nummer == "2.1"
    assert placed(plain, places) == plain


def test_a_focus_area_numbered_by_a_letter_takes_its_place_in_the_alphabet():
    """«Innsatsområde B – …»: focus areas lettered A, B, C are numbered 1, 2, 3 (a measure is never a letter alone)."""
    assert [area_number(t) for t in ("1", " 12 ", "A", "C", "Å", "ab", "2.1", "")] == [1, 12, 1, 3, None, None, None, None]
    assert read_number("B") is None


def test_focus_areas_numbered_by_letters_that_count_in_roman_numerals_take_the_numerals_values():
    """Issue 19 (held-out batch 4, «Del I – …», «Del II – …»): the sequence decides, never a letter alone: «I, II,
    III» are 1, 2, 3 (not «I» the ninth letter); «A, B, C» and «C, D» are letters, and so is «I» alone."""
    assert area_numbers(["I", "II", "III", "I"]) == [1, 2, 3, 1]
    assert area_numbers(["C", "D"]) == [3, 4] and area_numbers(["A", "B", "C"]) == [1, 2, 3] and area_numbers(["I"]) == [9]
    assert area_numbers(["1", "2"]) == [1, 2] and not counts_in_roman([]) and not counts_in_roman(["I", "2"])


def test_a_measure_numbered_by_its_part_s_roman_numeral_takes_its_place_in_the_numerals_order():
    """«II.3»: a number printed whole, whose place is its tiltak_nr; «IX.1» comes after «V.2», as IX after V."""
    assert read_number("II.3") == (0, "II.3") and read_number("B.2") == (0, "B.2")
    assert number_places(["IX.1", "V.2", "I.1", "IV.1", "II.1", "I.2", "III.1"]) == {
        "I.1": 1, "I.2": 2, "II.1": 3, "III.1": 4, "IV.1": 5, "V.2": 6, "IX.1": 7,
    }  # fmt: skip
    assert number_places(["A.1", "B.1", "A.2"]) == {"A.1": 1, "A.2": 2, "B.1": 3}


def test_a_focus_area_that_prints_no_number_is_numbered_by_its_place_among_the_areas():
    """«Kunnskapsdepartementet» alone over its measures (``names_department``): the focus area's number is its place,
    the measures keep theirs."""
    ministry = lambda line: Heading("innsatsomrade", 0, None, "Kunnskapsdepartementet", line, line, ())  # noqa: E731
    measure = Heading("tiltak", 4, None, "Tittel", 2, 2, ())
    placed_ = areas_placed([ministry(1), measure, ministry(5), ministry(9)])
    assert [(h.kind, h.nr) for h in placed_] == [("innsatsomrade", 1), ("tiltak", 4), ("innsatsomrade", 2), ("innsatsomrade", 3)]
    numbered = Heading("innsatsomrade", 3, None, "Tittel", 0, 0, ())
    assert areas_placed([numbered, measure]) == [numbered, measure]


def test_a_heading_whose_number_is_set_in_another_colour_goes_on_in_its_title_s_style(tmp_path, profile):
    """«4.» in a coloured box before a title wrapped over two lines: the second line has the title's
    colour, not the first line's mix of two, and is still the title's."""
    from pipeline.stages.extract import extract

    from .synth import SynthDoc

    d = SynthDoc()
    d.bold("Innsatsområde 1: Et område", size=14)
    for nr in (1, 2):
        d.line((f"Tiltak {nr}.", "Helvetica-Bold", 12, 0.0, 72.0, "#FFFFFF"), ("Et tiltak med en tittel som er så lang at den", "Helvetica-Bold", 12, 0.0, 130.0), gap=14)
        d.bold("går over to linjer", size=12, gap=0)
        d.text("Beskrivelse av tiltaket.", gap=4)
    seg = segment(extract(d.write(tmp_path / "boks.pdf"), profile), profile)
    assert [b.title for b in seg.blocks] == ["Et tiltak med en tittel som er så lang at den går over to linjer"] * 2


def test_a_side_head_hung_left_of_the_text_may_be_set_a_size_smaller_than_a_heading(profile):
    """Held-out ho2-wp-side-heads: part headings («Tiltak 9 a) …», bold italic, 10 pt beside 11 pt
    text) set in a column of their own left of the text were no headings: smaller than the profile's
    least heading size. Hung left of all the text, a line is set apart by its place, as no footnote
    or table cell is; the same line at the text's margin is still too small to head anything."""
    from pipeline.model import Document, PageInfo, Word
    from pipeline.stages.engines.words import make_line
    from pipeline.stages.segment import heading_kind

    def line(text, x, top, size=11.0, bold=False):
        words = []
        for t in text.split():
            words.append(Word(t, x, top, x + 0.5 * size * len(t), top + size, size, "Sans-BoldItalic" if bold else "Serif", bold))
            x = words[-1].x1 + 3
        return make_line(words, 1)

    body = [line(f"teksten om tiltaket går her på linje nummer {k} og videre", 206, 72 + 14 * k) for k in range(20)]
    doc = Document("s.pdf", "", 1, 11.0, 206.0, (PageInfo(1, 595, 842),), tuple(body), body_family="serif", right_margin=540)
    hung = line("Tiltak 9 a) Utvikle støtteressurser", 57, 72, size=10.0, bold=True)
    assert heading_kind(hung, doc, profile) == ("del", {"nr": "9", "part": "a", "title": "Utvikle støtteressurser"})
    at_margin = line("Tiltak 9 a) Utvikle støtteressurser", 206, 72, size=10.0, bold=True)
    assert heading_kind(at_margin, doc, profile) is None
def chapters_report(opening: bool = True) -> SynthDoc:
    """Measures «Tiltak 2.1 – …» numbered per chapter under chapter headings that print their number alone
    («2 Barn og unge»), the first chapter «1 Innledning» (the report's own: no measure in it) if ``opening``."""
    d = SynthDoc()
    if opening:
        d.bold("1 Innledning", size=18)
        d.text("Rapporten viser hvordan tiltakene er fulgt opp.", gap=4)
    for chapter, title in ((2, "Barn og unge"), (3, "Sikrere veger")):
        d.bold(f"{chapter} {title}", size=18, gap=20)
        d.text(f"Innledning til kapittel {chapter}.", gap=4)
        for k in (1, 2):
            d.bold(f"Tiltak {chapter}.{k} – Et tiltak", size=13, gap=14)
            d.text("Beskrivelse av tiltaket.", gap=4)
    return d


def chapters_profile(profile):
    """The profile with numbered chapters as focus areas and measures numbered per chapter."""
    return replace(
        profile,
        headings={
            **profile.headings,
            "innsatsomrade": HeadingRule(regex.compile(r"^(?P<nr>\d+)\s+(?P<title>\p{Lu}.*)$"), 1.5, True),
            "tiltak": HeadingRule(regex.compile(r"^Tiltak\s+(?P<nr>\d+\.\d+)\s*–\s*(?P<title>.*)$"), 1.1, True),
        },
    )


def test_a_numbered_opening_chapter_that_holds_no_measure_is_no_focus_area(tmp_path, profile):
    """Issue 19 (held-out batch 3): «1 Innledning» before «2 Barn og unge» over «Tiltak 2.1»: a number alone
    names no focus area, and no measure is numbered 1.x, so the opening chapter is the report's own; the
    chapters that hold measures are their focus areas, each ending the last measure of the one before."""
    chapters = chapters_profile(profile)
    doc = extract(chapters_report().write(tmp_path / "kapitler.pdf"), chapters)
    seg = segment(doc, chapters)
    assert [(a.nr, a.title, a.intro) for a in seg.innsatsomrader] == [
        (2, "Barn og unge", "Innledning til kapittel 2."),
        (3, "Sikrere veger", "Innledning til kapittel 3."),
    ]
    assert [(b.nummer, b.innsatsomrade_nr) for b in seg.blocks] == [("2.1", 2), ("2.2", 2), ("3.1", 3), ("3.2", 3)]
    assert doc.lines[seg.blocks[1].end].text == "3 Sikrere veger"
    assert seg.body_start is not None and doc.lines[seg.body_start].text == "2 Barn og unge"


def test_a_chapter_that_holds_measures_or_comes_after_them_stays_a_focus_area(tmp_path, profile):
    """A chapter with no word is left a focus area where it holds measures, or stands after the first measure
    (the body is read as it is printed: only a chapter that opens the report is its own)."""
    chapters = chapters_profile(profile)
    d = chapters_report(opening=False)
    d.bold("4 Oppsummering", size=18, gap=20)
    d.text("Alt i alt er arbeidet godt i gang.", gap=4)
    seg = segment(extract(d.write(tmp_path / "kapitler.pdf"), chapters), chapters)
    assert [a.nr for a in seg.innsatsomrader] == [2, 3, 4]


def run_in_report() -> SynthDoc:
    """Measures' headings run into their paragraphs: «Tiltak N.» in bold, the title in italics, the text
    going on in the body's style on the title's line; the second title runs over to the next line,
    where the text begins. Between them, a paragraph in one style that opens with «Tiltak 4.», one
    whose bold number is followed by the text, and a mention of a measure inside the text."""
    d = SynthDoc()
    d.line(("Innsatsområde 1: Et område", BOLD, 14))
    d.text(FULL, gap=4)
    d.text("og her slutter avsnittet.")
    d.line(("Tiltak 1. ", BOLD, 11), ("Styrke samarbeidet", ITALIC, 11), (" Det er behov for mer samarbeid mellom etatene i", REGULAR, 11), gap=6)
    d.text(FULL)
    d.text("og her slutter avsnittet.")
    d.line(("Tiltak 4. Dette avsnittet er satt i én stil og er ingen overskrift", REGULAR, 11), gap=6)
    d.text(FULL)
    d.text("og her slutter avsnittet, som viser til tiltak 8.")
    d.line(("Tiltak 5. ", BOLD, 11), ("Dette avsnittet har et uthevet nummer og så vanlig tekst", REGULAR, 11), gap=6)
    d.text("og her slutter avsnittet.")
    d.line(("Tiltak 2. ", BOLD, 11), ("Utvikle en strategi for å heve kompetansen i tjenestene som møter", ITALIC, 11), gap=6)
    d.line(("nyankomne", ITALIC, 11), (" Det skal lages en strategi for kompetanseheving i tjenestene", REGULAR, 11))
    d.text("og her slutter avsnittet.")
    return d


def test_a_heading_run_into_its_paragraph_is_split_from_its_text_where_the_title_s_style_ends(tmp_path, profile):
    from pipeline.stages.segment import split_run_in_headings

    doc = extract(run_in_report().write(tmp_path / "run-in.pdf"), profile)
    split = split_run_in_headings(doc, profile)
    seg = segment(split, profile)
    assert [(b.tiltak_nr, b.title) for b in seg.blocks] == [
        (1, "Styrke samarbeidet"),
        (2, "Utvikle en strategi for å heve kompetansen i tjenestene som møter nyankomne"),
    ]
    assert [split.lines[b.start].text for b in seg.blocks] == [
        "Det er behov for mer samarbeid mellom etatene i",
        "Det skal lages en strategi for kompetanseheving i tjenestene",
    ]
    assert [b.end - b.start for b in seg.blocks] == [8, 2]  # its text, and the paragraphs in one style and the bold number's
    assert len(split.lines) == len(doc.lines) + 2  # no other line split
    assert [b.tiltak_nr for b in segment(doc, profile).blocks] == [2]  # unsplit, a line of three styles is no heading


def test_a_document_without_headings_run_in_is_left_as_it_is(tmp_path, profile):
    from pipeline.stages.segment import split_run_in_headings

    doc = extract(body_style_report().write(tmp_path / "body-style.pdf"), profile)
    assert split_run_in_headings(doc, profile) is doc


def test_a_part_s_heading_run_in_right_under_its_measure_s_heading_is_one_and_a_number_in_the_title_s_style_none(tmp_path, profile):
    """A measure's heading, number and title alone on a line that fills it, over its first part's heading
    run into the part's text at the line spacing (a heading's line ends its paragraph); then a line whose
    word is bold and whose number is in the title's italics (its number not set apart by the opening run)."""
    from pipeline.stages.segment import split_run_in_headings

    d = SynthDoc()
    d.line(("Innsatsområde 1: Et område", BOLD, 14))
    d.text(FULL, gap=4)
    d.text("og her slutter avsnittet.")
    d.line(("Tiltak 3. ", BOLD, 11), ("Øke kompetansen om negativ sosial kontroll i skolen og i barnehagen", ITALIC, 11), gap=6)
    d.line(("Tiltak 3 a) ", BOLD, 11), ("Utvikle ressurser", ITALIC, 11), (" Det er behov for å øke kunnskapen blant de ansatte i", REGULAR, 11))
    d.text("skolen.")
    d.line(("Tiltak ", BOLD, 11), ("6. Et tiltak i kursiv", ITALIC, 11), (" og så tekst i brødtekstens stil som fortsetter", REGULAR, 11), gap=6)
    d.text("og her slutter avsnittet.")
    doc = split_run_in_headings(extract(d.write(tmp_path / "parts.pdf"), profile), profile)
    seg = segment(doc, profile)
    assert [(b.tiltak_nr, b.title) for b in seg.blocks] == [(3, "Øke kompetansen om negativ sosial kontroll i skolen og i barnehagen")]
    assert [(h.part, h.title, doc.lines[h.last_line + 1].text) for h in seg.blocks[0].parts] == [
        ("a", "Utvikle ressurser", "Det er behov for å øke kunnskapen blant de ansatte i")
    ]


def three_levels_report() -> SynthDoc:
    """Measures numbered three levels deep («2.1.1 Et tiltak», bold) under sections («2.1 Skipstrafikk», bold and
    larger) under a chapter («2 Forebygging»); in the first measure of the second section, a bold line numbered
    «1 …» in the body's size (a goal of the measure's own)."""
    d = SynthDoc()
    d.bold("2 Forebygging", size=18)
    d.text("Innledning til kapittelet.", gap=4)
    for section, title in ((1, "Skipstrafikk"), (2, "Petroleum")):
        d.bold(f"2.{section} {title}", size=14, gap=14)
        for k in (1, 2):
            d.bold(f"2.{section}.{k} Et tiltak", size=12, gap=10)
            if (section, k) == (2, 1):
                d.bold("1 Første delmål", size=11, gap=4)
            d.text("Beskrivelse av tiltaket.", gap=4)
    return d


def test_a_section_heading_above_a_measure_ends_its_block(tmp_path, profile):
    """Issue 19 (held-out batch 4, tre-nivaa-maal-resultat): «2.2 Petroleum», numbered with fewer levels than the
    measure «2.1.2» above it and set at least as large as its heading, heads a section of the report's tree: the
    measure's block ends there though the profile names no such heading. A bold line numbered in the body's size
    inside a block is the measure's own."""
    levels = chapters_profile(profile)
    levels = replace(levels, headings={**levels.headings, "tiltak": HeadingRule(regex.compile(r"^(?P<nr>\d+\.\d+\.\d+)\s+(?P<title>\p{Lu}.*)$"), 1.0, True)})
    doc = extract(three_levels_report().write(tmp_path / "tre-nivaa.pdf"), levels)
    seg = segment(doc, levels)
    assert [b.nummer for b in seg.blocks] == ["2.1.1", "2.1.2", "2.2.1", "2.2.2"]
    assert [doc.lines[b.end].text if b.end < len(doc.lines) else None for b in seg.blocks] == ["2.1.2 Et tiltak", "2.2 Petroleum", "2.2.2 Et tiltak", None]
    assert doc.lines[seg.blocks[2].start].text == "1 Første delmål"


AFTER_TITLE = r"^(?P<title>\S.*?)\s*\(\s*tiltak\s+(?P<nr>\d+)\s*\)$"  # «Title (tiltak 4)»: the number after the title
LONG_TITLES = (
    "Etablere et nasjonalt varslingssystem for skogbrannfare basert på værdata og satellittovervåking",
    "Styrke informasjonsarbeidet om bålbrenning og brannfare rettet mot turgåere og hytteeiere",
)


def wrapped(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points, as a typesetter breaks it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = [""]
    for word in text.split(" "):
        line = f"{lines[-1]} {word}".strip()
        if lines[-1] and stringWidth(line, font, size) > width:
            lines.append(word)
        else:
            lines[-1] = line
    return lines


def number_after_wrapped_report(font: str, size: float, color: str = "#000000", gap: float = 16.0) -> SynthDoc:
    """Measures headed «Long title … (tiltak N)», the title wrapped at the text's width so that «(tiltak N)» ends its
    second line, in ``font``, ``size`` and ``color``, ``gap`` points below the text above; the report above each
    heading ends with a bold line that fills the text's width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(FULL, REGULAR, 11)
    d = SynthDoc()
    d.bold("Innsatsområde 1: Et område", size=16)
    d.text("Innledning til området.", gap=4)
    for nr, title in enumerate(LONG_TITLES, start=1):
        lines = wrapped(f"{title} (tiltak\u00a0{nr})", font, size, width)
        assert len(lines) == 2
        for k, line in enumerate(lines):
            d.line((line.replace("\u00a0", " "), font, size, 0.0, 72.0, color), gap=gap if k == 0 else 0)
        d.text(FULL, gap=4)
        d.text("og her slutter beskrivelsen av tiltaket.")
        d.bold(wrapped(FULL + " som står i fet skrift", BOLD, 11, width)[0], size=11, gap=4)
    return d


@pytest.mark.parametrize(
    ("font", "size", "color", "gap"),
    [(BOLD, 13, "#000000", 16), (BOLD, 11, "#000000", 8), (REGULAR, 11, "#1F4E79", 8), (REGULAR, 11, "#000000", 18)],
    ids=["bold-and-larger", "bold-at-body-size", "coloured", "space-above-only"],
)
def test_a_heading_that_ends_with_its_number_takes_the_lines_above_that_stand_with_it(tmp_path, profile, font, size, color, gap):
    """Issue 19, held-out batch 6 (lang-tittel-nummer-paa-andre-linje): «… basert på værdata og» over «satellittovervåking
    i hele landet (tiltak 1)»: a heading whose number ends it begins on the lines above it that share its style, at its
    line spacing, each full, up to one set apart from the text above (by weight, size, colour or space). The report's
    last line above, bold and full too, stands a paragraph's space above the heading and stays the report's."""
    rules = {**profile.headings, "tiltak": HeadingRule(regex.compile(AFTER_TITLE), 0.95, False)}
    after = replace(profile, headings=rules)
    doc = extract(number_after_wrapped_report(font, size, color, gap).write(tmp_path / "lang-tittel.pdf"), after)
    seg = segment(doc, after)
    assert [(b.tiltak_nr, b.title) for b in seg.blocks] == list(enumerate(LONG_TITLES, start=1))
    first = seg.blocks[0]
    assert doc.lines[first.end - 1].text.startswith("som går over hele linjen") and doc.lines[first.end - 1].bold  # the report's
    assert len(first.heading.boxes) == 2


def test_a_heading_s_aside_that_its_pattern_names_the_department_is_kept_apart_from_its_title(tmp_path, profile):
    """Held-out batch 7 (departement-i-overskriften): «Tiltak 4 (KDD): Title», its pattern's group department capturing
    the aside: the heading keeps the department and its title is the rest; a pattern with no such group keeps none."""
    d = SynthDoc()
    for nr, dept in ((1, "DFD"), (2, "JD")):
        d.bold(f"Tiltak {nr} ({dept}): Et tiltak", size=13, gap=14)
        d.text("Beskrivelse av tiltaket.", gap=4)
    aside = r"^Tiltak\s+(?P<nr>\d+)(?:\s*\((?P<department>[^()]+?)\s*\))?\s*:\s*(?P<title>.*)$"
    named = replace(profile, headings={**profile.headings, "tiltak": HeadingRule(regex.compile(aside), 1.1, True)})
    doc = extract(d.write(tmp_path / "dep.pdf"), named)
    assert [(b.tiltak_nr, b.title, b.heading.department) for b in segment(doc, named).blocks] == [(1, "Et tiltak", "DFD"), (2, "Et tiltak", "JD")]
    plain = replace(profile, headings={**profile.headings, "tiltak": HeadingRule(regex.compile(aside.replace("?P<department>", "")), 1.1, True)})
    assert [b.heading.department for b in segment(doc, plain).blocks] == ["", ""]


MIRRORED_TEXT = "Tiltaket følges opp av direktoratet i samarbeid med kommunene og organisasjonene."


def mirrored_report() -> SynthDoc:
    """A book's mirrored margins: the text block 40 points further right on odd pages than on even ones, a measure
    opening every page and a focus area the first and the third."""
    d = SynthDoc(mirrored=40.0)
    for nr in range(1, 5):
        if nr > 1:
            d.new_page()
        if nr in (1, 3):
            d.bold(f"Innsatsområde {(nr + 1) // 2}: Område nummer {(nr + 1) // 2}", size=14)
            d.text("Innledningen til området.", gap=4)
        d.bold(f"Tiltak {nr}. Tittel på tiltak {nr}", size=12, gap=10)
        for _ in range(8):
            d.text(MIRRORED_TEXT)
        d.text(f"Slutten av tiltak {nr}.")
    return d


def test_headings_at_the_margin_of_a_text_block_shifted_on_every_other_page_are_found(tmp_path, profile):
    """Held-out ho7-ty-mirrored-gutter: a book's text block stands further right on odd pages than on even ones.
    Measured over the whole document, the left margin is the even pages', and every heading on an odd page stood
    an inch off it: no heading, the measure swallowed by the one before, and its focus area lost. Each page's
    margin is its own text block's."""
    doc = extract(mirrored_report().write(tmp_path / "speilvendt.pdf"), profile)
    assert doc.shifts == (40.0, 0.0, 40.0, 0.0) and doc.left_margin == 72.0
    seg = segment(doc, profile)
    assert [(a.nr, a.title) for a in seg.innsatsomrader] == [(1, "Område nummer 1"), (2, "Område nummer 2")]
    assert [(b.tiltak_nr, b.title, b.innsatsomrade_nr) for b in seg.blocks] == [(nr, f"Tittel på tiltak {nr}", (nr + 1) // 2) for nr in range(1, 5)]
    assert [doc.lines[b.end - 1].text for b in seg.blocks] == [f"Slutten av tiltak {nr}." for nr in range(1, 5)]
