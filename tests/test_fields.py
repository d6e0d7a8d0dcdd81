import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import regex

from pipeline.model import Box, Word
from pipeline.profiles.loader import parse_profile
from pipeline.stages.engines.words import group_lines
from pipeline.stages.extract import assemble, extract, read_pdf
from pipeline.stages.fields import (
    FieldText,
    Part,
    area_department,
    department_above,
    key_rows,
    label_grids,
    labels_within,
    latest_of_years,
    lead_status,
    split_fields,
    with_lead_status,
)
from pipeline.stages.registry import run_stages
from pipeline.stages.segment import Heading, Innsatsomrade, segment

from .helpers import COLS
from .synth import BOLD, REGULAR, SynthDoc


def fields_of(pdf, profile):
    doc = extract(pdf, profile)
    return {t.tiltak_nr: t for t in split_fields(doc, segment(doc, profile), profile)}


def test_plain_block_is_split_at_its_labels(mini_pdf, profile):
    t = fields_of(mini_pdf, profile)[1]
    assert t.description.text == "Teksten nevner lhbtiq, og kjønns- og seksualitetsmangfold og TryggEst-teamene."
    assert (t.ansvarlig_departement.label, t.ansvarlig_departement.text) == ("Ansvarlig departement", "AID, i samarbeid med BFD")
    assert (t.status.text, t.status_value) == ("Tiltaket videreføres i ny plan.", "Videreføres")
    assert t.sluttrapport.text == "Rapporten «Vil gjerne vite mer» ble publisert – se tiltak 2. Tiltak 5 i denne planen er nevnt her."
    assert [p.part for p in t.parts] == [None]
    assert (t.page_start, t.page_end) == (2, 2)


def test_label_variants_and_missing_period(mini_pdf, profile):
    t = fields_of(mini_pdf, profile)[3]
    assert t.ansvarlig_departement.label == "Ansvarlige departementer"
    assert t.status_value == "Ferdigstilt"


def test_part_qualified_labels_go_to_their_part_wherever_they_stand(mini_pdf, profile):
    t = fields_of(mini_pdf, profile)[2]
    a, b = t.parts
    assert (a.part, a.title, a.description.text) == ("a", "Utvikle ressurser", "Beskrivelse av del a.")
    assert (a.status_value, a.sluttrapport.text) == ("Videreføres", "Arbeidet fortsetter.")
    assert (b.status_value, b.sluttrapport.text) == ("Ferdigstilt", "Ressursen er laget.")
    # the department stands in part b's section only, and no part has one before: the measure's
    assert t.ansvarlig_departement.text == "KD"
    assert a.inherited == ("ansvarlig_departement",) and b.inherited == ("ansvarlig_departement",)
    # parts differ: the measure continues if any part does (profile's part_precedence)
    assert t.status_value == "Videreføres"
    assert t.status.text == "a) Tiltaket videreføres. b) Tiltaket er ferdigstilt."


def test_fields_given_once_after_the_last_part_belong_to_the_measure(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 9. Øke kompetansen", size=12)
    d.bold("Tiltak 9 a) Første del", size=11)
    d.text("Om første del.")
    d.bold("Tiltak 9 b) Andre del", size=11)
    d.text("Om andre del.")
    d.label("Ansvarlig departement:", "KD")
    d.label("Status:", "Tiltaket er ferdigstilt.")
    d.label("Sluttrapport:", "Begge deler er gjort.")
    t = fields_of(d.write(tmp_path / "nine.pdf"), profile)[9]
    assert (t.status_value, t.sluttrapport.text) == ("Ferdigstilt", "Begge deler er gjort.")
    assert [p.inherited for p in t.parts] == [("ansvarlig_departement", "status", "sluttrapport")] * 2
    assert [p.description.text for p in t.parts] == ["Om første del.", "Om andre del."]
    assert t.description.text == "a) Første del. Om første del. b) Andre del. Om andre del."


def test_a_block_without_status_keeps_the_rest(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 1. Uten status", size=12)
    d.text("Beskrivelse.")
    d.label("Ansvarlig departement:", "JD")
    d.label("Sluttrapport:", "Rapport.")
    t = fields_of(d.write(tmp_path / "nostatus.pdf"), profile)[1]
    assert t.status is None and t.status_value is None
    assert (t.description.text, t.ansvarlig_departement.text, t.sluttrapport.text) == ("Beskrivelse.", "JD", "Rapport.")


def test_a_label_word_in_regular_weight_is_text(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak", size=12)
    d.text("Status: dette er en setning i beskrivelsen.")
    d.label("Status:", "Tiltaket er ferdigstilt.")
    t = fields_of(d.write(tmp_path / "regular.pdf"), profile)[1]
    assert t.description.text == "Status: dette er en setning i beskrivelsen."
    assert t.status.text == "Tiltaket er ferdigstilt."


def test_a_status_value_alone_under_the_heading_is_the_status_where_no_label_gives_one(tmp_path, profile):
    """Issue 19 (held-out batch 2): the status printed only as a coloured word in a pill under the
    heading, no label; where a block also has a labelled status, the label's value wins. The pill is
    never part of the description."""
    d = SynthDoc()
    d.bold("Tiltak 1. Med status i en merkelapp", size=12)
    d.line(("Ferdigstilt", "Helvetica-Bold", 8, 0.0, 76.0, "#1a7f37"), gap=2)
    d.text("Beskrivelse.", gap=4)
    d.label("Ansvarlig departement:", "JD")
    d.bold("Tiltak 2. Med begge", size=12, gap=12)
    d.line(("Videreføres", "Helvetica-Bold", 8, 0.0, 76.0, "#1f5fa8"), gap=2)
    d.text("Beskrivelse.", gap=4)
    d.label("Status:", "Tiltaket er ferdigstilt.")
    found = fields_of(d.write(tmp_path / "pill.pdf"), profile)
    one, two = found[1], found[2]
    assert (one.status.text, one.status.label, one.status_value) == ("Ferdigstilt", None, "Ferdigstilt")
    assert one.description.text == "Beskrivelse." and one.ansvarlig_departement.text == "JD"
    assert (two.status.text, two.status_value) == ("Tiltaket er ferdigstilt.", "Ferdigstilt")
    assert two.description.text == "Beskrivelse."


def test_a_badge_above_the_next_heading_is_that_measures_status_not_the_last_words_before_it(tmp_path, profile):
    """Issue 18 (held-out ho5-cr-status-badges): a measure's status as a badge (white type on a coloured
    fill) at the right above its heading, no label. The page reads it after the heading, so it is the
    status of the measure it marks (as a pill under the heading is) and no word of the one before."""
    d = SynthDoc()
    d.bold("Tiltak 1. Det første tiltaket", size=12)
    d.text("Beskrivelse av det første.", gap=4)
    d.line(("Ferdigstilt", "Helvetica-Bold", 8, 0.0, 420.0, "#ffffff"), gap=10)
    d.bold("Tiltak 2. Det andre tiltaket, med et merke", size=12, gap=1)
    d.text("Beskrivelse av det andre.", gap=4)
    one, two = (fields_of(d.write(tmp_path / "merke.pdf"), profile)[n] for n in (1, 2))
    assert one.description.text == "Beskrivelse av det første." and one.status is None
    assert (two.status.text, two.status.label, two.status_value) == ("Ferdigstilt", None, "Ferdigstilt")
    assert two.description.text == "Beskrivelse av det andre."


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_dark_badge_on_a_pale_fill_above_the_next_heading_is_that_measures_status(tmp_path, profile, engine):
    """Issue 18: the same badge printed dark on a pale fill (black type on a light-grey rectangle of its own) is
    the status of the measure whose heading it marks, read by either engine, and no word of the measure before;
    the same words with no fill under them stay where they stand."""

    def report(fill: str | None) -> SynthDoc:
        d = SynthDoc()
        d.bold("Tiltak 1. Det første tiltaket", size=12)
        d.text("Beskrivelse av det første.", gap=4)
        d.line(("Ferdigstilt", "Helvetica-Bold", 8, 0.0, 420.0, "", *([fill] if fill else [])), gap=10)
        d.bold("Tiltak 2. Det andre tiltaket, med et merke", size=12, gap=1)
        d.text("Beskrivelse av det andre.", gap=4)
        return d

    doc = assemble(read_pdf(report("#e6e6e6").write(tmp_path / "merke.pdf"), engine=engine), profile)
    one, two = (({t.tiltak_nr: t for t in split_fields(doc, segment(doc, profile), profile)})[n] for n in (1, 2))
    assert one.description.text == "Beskrivelse av det første." and one.status is None
    assert (two.status.text, two.status_value) == ("Ferdigstilt", "Ferdigstilt")
    assert two.description.text == "Beskrivelse av det andre."
    bare = fields_of(report(None).write(tmp_path / "uten.pdf"), profile)
    assert bare[1].description.text == "Beskrivelse av det første. Ferdigstilt" and bare[2].status is None


def test_a_status_pill_over_parts_with_labelled_statuses_is_no_status_of_the_measure(tmp_path, profile):
    """Issue 18 (held-out ho3-cr-margin-status): a measure in parts whose statuses are labelled per part
    («Status (tiltak 3 a):») has the parts' statuses: its pill is neither its status nor its description."""
    d = SynthDoc()
    d.bold("Tiltak 3. Med deler", size=12)
    d.line(("Videreføres", "Helvetica-Bold", 8, 0.0, 76.0, "#1f5fa8"), gap=2)
    for part, status in (("a", "Tiltaket videreføres."), ("b", "Tiltaket er ferdigstilt.")):
        d.bold(f"Tiltak 3 {part}) Del {part}", size=11, gap=6)
        d.text("Beskrivelse.", gap=4)
        d.label(f"Status (tiltak 3 {part}):", status)
    t = fields_of(d.write(tmp_path / "deler.pdf"), profile)[3]
    assert t.status.text == "a) Tiltaket videreføres. b) Tiltaket er ferdigstilt."  # the parts', not the pill
    assert [(p.part, p.status_value) for p in t.parts] == [("a", "Videreføres"), ("b", "Ferdigstilt")]
    assert t.description is None or "Videreføres" not in t.description.text


TABLE_STATUSES = ["Ferdigstilt", "Videreføres", "Ferdigstilt"]


def table_statuses_report(status_in_block: int | None = None, rows: int = 3, plain_status: bool = False) -> SynthDoc:
    """Three measures whose blocks print no status, and an overview table whose Status column gives ``rows``
    of them one (``status_in_block``: a measure whose block prints a status all the same; ``plain_status``:
    every block prints «Status:» in plain type, after a line that ends no sentence)."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.text("Av totalt 3 tiltak i handlingsplanen er 2 tiltak ferdigstilte og 1 videreføres.", gap=6)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    for nr, status in enumerate(TABLE_STATUSES[:rows], start=1):
        d.row([str(nr), f"Et tiltak nummer {nr}", "JD", status], COLS, gap=2)
    d.new_page()
    for nr in range(1, 4):
        d.bold(f"Tiltak {nr}. Et tiltak nummer {nr}", size=12, gap=10)
        d.text("Beskrivelse.")
        d.label("Ansvarlig departement:", "JD")
        if nr == status_in_block:
            d.label("Status:", "Tiltaket er ferdigstilt.")
        if plain_status:
            d.text("Status: Tiltaket er ferdigstilt.")
        d.label("Sluttrapport:", "Rapport.")
    return d


def test_where_no_block_prints_a_status_each_measure_has_its_table_rows(tmp_path, profile):
    """Issue 19 (held-out batch 3, status-bare-i-oversikten): a report that prints the statuses in its
    overview table alone. Each measure's status is its row's, normalised by the vocabulary; its status
    text stays empty, as no block prints one (whatever the profile: here the final report's)."""
    results = run_stages(profile, read_pdf(table_statuses_report().write(tmp_path / "tabellstatus.pdf")), until="fields")
    tiltak = results["tiltak"]
    assert [(t.status_value, t.status) for t in tiltak] == [(status, None) for status in TABLE_STATUSES]
    assert [[p.status_value for p in t.parts] for t in tiltak] == [[status] for status in TABLE_STATUSES]


@pytest.mark.parametrize(("status_in_block", "rows"), [(2, 3), (None, 2)], ids=["a-block-prints-one", "a-measure-without-a-row"])
def test_statuses_are_not_taken_from_the_table_where_a_block_prints_one_or_a_row_lacks_one(tmp_path, profile, status_in_block, rows):
    """A block that prints a status says the report prints them in its blocks (a label missed elsewhere is a
    reading's failure, for validation to report); a measure without a row says the table is not the source."""
    pdf = table_statuses_report(status_in_block, rows).write(tmp_path / "blanda.pdf")
    tiltak = run_stages(profile, read_pdf(pdf), until="fields")["tiltak"]
    assert [t.status_value for t in tiltak] == ["Ferdigstilt" if nr == status_in_block else None for nr in (1, 2, 3)]


def test_a_status_label_printed_but_not_read_as_one_is_no_report_of_statuses_in_the_table_alone(tmp_path, profile):
    """A profile that reads labels in bold alone, on blocks whose «Status:» is plain: the blocks print their
    statuses, which are not read (validation says so: labels_incomplete); the table's are not put in their place."""
    text = Path(profile.source).read_text(encoding="utf-8")
    bold_only = parse_profile(tomllib.loads(text.replace("[profile]\n", "[profile]\nlabels_bold = true\n", 1)), source="bold.toml")
    pdf = table_statuses_report(plain_status=True).write(tmp_path / "plain.pdf")
    tiltak = run_stages(bold_only, read_pdf(pdf), until="fields")["tiltak"]
    assert [t.status_value for t in tiltak] == [None, None, None]


KEY, VALUE = 72.0, 200.0  # the key/value table's columns


def key_value(d: SynthDoc, key: str, value: str, gap: float = 2.0) -> SynthDoc:
    """A row of a key/value table: the key in grey, plain, no colon; the value in a column beside it."""
    return d.line((key, "Helvetica", 10, 0.0, KEY, "#666666"), (value, "Helvetica", 10, 0.0, VALUE), gap=gap)


def test_a_key_value_table_s_keys_are_labels_with_no_colon_and_an_unknown_key_ends_the_field(tmp_path, profile):
    """Issue 19 (held-out batch 3, bokstavnummer-nokkelverditabell): under the description a two-column table
    «Ansvarlig departement | JD», «Status | Ferdigstilt», «Frist | 2025», keys plain and grey with no colon. A key
    the profile names (its label, colon and all, with the cell's edge for the colon) opens its field, its value
    the cell beside it; «Frist», a key that names no field, ends the status (it is not glued onto it) and is read
    into no field; the text after the table is the description's again. A label word at the start of a line of
    prose stays prose."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med nøkkeltabell", size=12)
    d.text("Status for arbeidet er beskrevet nedenfor.", gap=4)
    key_value(d, "Ansvarlig departement", "JD", gap=6)
    key_value(d, "Status", "Ferdigstilt")
    key_value(d, "Frist", "2025")
    d.text("Tiltaket er omtalt i budsjettet.", gap=6)
    d.label("Sluttrapport:", "Rapporten er levert.")
    t = fields_of(d.write(tmp_path / "nokkel.pdf"), profile)[1]
    assert (t.ansvarlig_departement.label, t.ansvarlig_departement.text) == ("Ansvarlig departement", "JD")
    assert (t.status.label, t.status.text, t.status_value) == ("Status", "Ferdigstilt", "Ferdigstilt")
    assert t.description.text == "Status for arbeidet er beskrevet nedenfor. Tiltaket er omtalt i budsjettet."
    assert t.sluttrapport.text == "Rapporten er levert."


def test_a_value_wrapped_in_its_column_stays_in_its_row_and_a_table_without_a_label_is_text(tmp_path, profile):
    """A department too long for its cell goes on in the values' column, under it: the department's still. A
    two-column table none of whose keys is a label (figures by year) is the description's text."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med tall", size=12)
    d.text("Antall deltakere per år:", gap=4)
    key_value(d, "2023", "400", gap=4)
    key_value(d, "2024", "500")
    d.text("Ansvaret er delt.", gap=4)
    key_value(d, "Ansvarlig departement", "AID, i samarbeid med", gap=4)
    d.line(("BFD og KD", "Helvetica", 10, 0.0, VALUE), gap=1)
    key_value(d, "Status", "Ferdigstilt")
    t = fields_of(d.write(tmp_path / "tall.pdf"), profile)[1]
    assert t.description.text == "Antall deltakere per år: 2023 400 2024 500 Ansvaret er delt."
    assert t.ansvarlig_departement.text == "AID, i samarbeid med BFD og KD"
    assert t.status_value == "Ferdigstilt"


def test_plain_keys_cast_no_vote_on_whether_labels_are_bold(tmp_path, profile):
    """A key cell is set apart by its place, not its weight: plain grey keys do not outvote the bold «Sluttrapport:»,
    so a plain «Status: …» sentence in the description stays text, as it does beside bold labels alone."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med nøkkeltabell", size=12)
    d.text("Status: dette er en setning i beskrivelsen.")
    key_value(d, "Ansvarlig departement", "JD", gap=6)
    key_value(d, "Status", "Ferdigstilt")
    d.label("Sluttrapport:", "Rapporten er levert.")
    t = fields_of(d.write(tmp_path / "stemmer.pdf"), profile)[1]
    assert t.description.text == "Status: dette er en setning i beskrivelsen."
    assert (t.status.text, t.ansvarlig_departement.text, t.sluttrapport.text) == ("Ferdigstilt", "JD", "Rapporten er levert.")


GRID = (72.0, 220.0, 340.0)  # the label grid's columns


def label_grid(d: SynthDoc, keys: tuple[str, ...], values: tuple[str, ...], more: tuple[str, ...] = ()) -> SynthDoc:
    """A row of bold labels side by side, the row of plain values under it column by column (``more``: a further
    row of values, which makes it a table of many rows)."""
    d.row(list(keys), list(GRID), font=BOLD, gap=6)
    d.row(list(values), list(GRID), gap=4)
    return d.row(list(more), list(GRID), gap=4) if more else d


def test_a_row_of_labels_gives_each_label_the_value_under_it(tmp_path, profile):
    """Held-out batch 5 (etikettrad-over-verdier): «Ansvarlig departement | Status | Frist» in bold over «JD |
    Ferdigstilt | 2025»: each label takes the value in its column (not the labels beside it, as a key its value
    beside it); «Frist», a key that names no field, is read into none; the text after the grid is the
    description's again."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med etikettrad", size=12)
    d.text("Tiltaket skal styrke arbeidet.", gap=4)
    label_grid(d, ("Ansvarlig departement", "Status", "Frist"), ("JD", "Ferdigstilt", "2025"))
    d.text("Tiltaket er omtalt i budsjettet.", gap=8)
    d.label("Sluttrapport:", "Rapporten er levert.")
    t = fields_of(d.write(tmp_path / "rad.pdf"), profile)[1]
    assert (t.ansvarlig_departement.label, t.ansvarlig_departement.text) == ("Ansvarlig departement", "JD")
    assert (t.status.label, t.status.text, t.status_value) == ("Status", "Ferdigstilt", "Ferdigstilt")
    assert t.description.text == "Tiltaket skal styrke arbeidet. Tiltaket er omtalt i budsjettet."
    assert t.sluttrapport.text == "Rapporten er levert."


def test_a_header_over_many_rows_is_a_table_and_a_row_of_keys_a_key_value_table(tmp_path, profile):
    """A bold header over two rows of values is a table of many rows (its header names its columns, not one
    measure's fields); a bold «Status | Ferdigstilt» over «Sluttrapport | …» is a key/value table, whose next row
    starts with a key, a field's label. Neither is a row of labels."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med tabell", size=12)
    label_grid(d, ("Ansvarlig departement", "Status", "Frist"), ("JD", "Ferdigstilt", "2025"))
    d.text("Tiltaket har to deler.", gap=8)
    label_grid(d, ("Ansvarlig departement", "Status", "Frist"), ("JD", "Ferdigstilt", "2025"), ("KD", "Pågår", "2026"))
    d.row(["Status", "Ferdigstilt"], list(GRID[:2]), font=BOLD, gap=6)
    d.row(["Sluttrapport", "Rapporten er levert."], list(GRID[:2]), gap=4)
    doc = extract(d.write(tmp_path / "tabell.pdf"), profile)
    first = next(k for k, line in enumerate(doc.lines) if line.text.startswith("Ansvarlig"))
    assert list(label_grids(doc.lines, 0, len(doc.lines), profile)) == [first]


YEARS = (72.0, 160.0, 260.0, 360.0)  # a year table's columns: its label, then a column per year


def test_a_label_over_a_row_of_years_takes_the_latest_years_value(tmp_path, profile):
    """Held-out batch 7 (status-per-aar-i-tabell): «Status | 2022 | 2023 | 2024» in bold over « | Ikke startet |
    Videreføres | Ferdigstilt», the label's own cell empty: the status is the latest year's, with its box (an empty
    status with no box made validation fail). A year's value is none where the label has a value of its own."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med status per år", size=12)
    d.text("Tiltaket skal styrke arbeidet.", gap=4)
    d.label("Ansvarlig departement:", "JD")
    d.row(["Status", "2022", "2023", "2024"], list(YEARS), font=BOLD, gap=6)
    d.row(["", "Ikke startet", "Videreføres", "Ferdigstilt"], list(YEARS), gap=4)
    d.line(("Sluttrapport:", BOLD, 11), (" Rapporten er levert.", REGULAR, 11), gap=8)
    d.bold("Tiltak 2. Et tiltak med egen status", size=12)
    d.row(["Status", "2023", "2024"], list(YEARS[:3]), font=BOLD, gap=6)
    d.row(["Videreføres", "Ikke startet", "Ferdigstilt"], list(YEARS[:3]), gap=4)
    found = fields_of(d.write(tmp_path / "aar.pdf"), profile)
    t = found[1]
    assert (t.status.label, t.status.text, t.status_value) == ("Status", "Ferdigstilt", "Ferdigstilt")
    assert t.status.boxes and t.status.boxes[0].x0 > YEARS[3] - 1
    assert (t.description.text, t.ansvarlig_departement.text, t.sluttrapport.text) == ("Tiltaket skal styrke arbeidet.", "JD", "Rapporten er levert.")
    assert found[2].status_value == "Videreføres"


def test_a_label_with_nothing_under_it_over_columns_that_are_no_years_stays_empty(profile):
    """«Status | Frist» over « | 2025»: the empty label takes no value from a column that is no year."""
    word = lambda text: Word(text, 0.0, 0.0, 10.0, 10.0, 10.0, "Sans", False)  # noqa: E731
    under = [[], [word("2025")]]
    assert latest_of_years(["Status", "Frist"], [True, False], under) == [[], [word("2025")]]
    dated = [[], [word("Pågår")], [word("Ferdig")]]
    assert latest_of_years(["Status", "2024", "2023"], [True, False, False], dated)[0] == [word("Pågår")]


def _row(top: float, *cells: tuple[float, str]):
    """One line of plain data whose cells start where given: (x, text) each, words at a word space."""
    words = []
    for x, text in cells:
        for w in text.split():
            words.append(Word(w, x, top, x + len(w) * 5.0, top + 10.0, 10.0, "Sans", False))
            x = words[-1].x1 + 2.5
    return group_lines(words, page=1)[0]


def test_keys_with_no_colon_make_a_table_of_labels_and_a_label_that_prints_its_colon_does_not(profile):
    """«Ansvarlig departement | JD», «Status | Ferdigstilt», «Frist | 2025»: two labels and a key that names no field.
    Two columns read as one (a page whose columns were not told apart) look alike, but where the label in them prints
    its colon («Sluttrapport: | kriteriene …») it is a line that starts with a label, read as one (the lines under
    it are its field's text, not keys that name no field)."""
    table = [
        _row(100, (KEY, "Ansvarlig departement"), (VALUE, "JD")),
        _row(114, (KEY, "Status"), (VALUE, "Ferdigstilt")),
        _row(128, (KEY, "Frist"), (VALUE, "2025")),
    ]
    labels, others = key_rows(table, 0, 3, profile)
    assert {k: (found.kind, found.rest, found.cell) for k, found in labels.items()} == {
        0: ("ansvarlig_departement", "JD", True),
        1: ("status", "Ferdigstilt", True),
    }
    assert others == {2: range(2, 3)}
    columns = [
        _row(100, (KEY, "Sluttrapport:"), (VALUE, "kriteriene for en plass i det")),
        _row(114, (KEY, "På oppdrag fra"), (VALUE, "eksisterende botilbudet.")),
    ]
    assert key_rows(columns, 0, 2, profile) == ({}, {})


def goal_blocks() -> SynthDoc:
    """Two measures whose blocks open with a bold «Mål:» over the measure's goal, then the frihet profile's labels."""
    d = SynthDoc()
    for nr in (1, 2):
        d.bold(f"Tiltak {nr}. Et tiltak", size=13, gap=14)
        d.label("Mål:", f"Målet for tiltak {nr}.")
        d.label("Ansvarlig departement:", "KLD")
        d.label("Status:", "Tiltaket er ferdigstilt.")
    return d


def test_a_label_the_profile_gives_the_description_opens_it_and_is_no_part_of_it(tmp_path, profile):
    """A report that labels its description («Mål:», ``[fields.description]``): the description is the text under
    the label; without the label in the profile it is the text before the first label, the label and all."""
    pdf = goal_blocks().write(tmp_path / "maal.pdf")
    assert [t.description.text for t in fields_of(pdf, profile).values()] == ["Mål: Målet for tiltak 1.", "Mål: Målet for tiltak 2."]
    labelled = replace(profile, labels={**profile.labels, "description": regex.compile(r"^(?P<label>Mål)\s*:")})
    described = fields_of(pdf, labelled)
    assert [(t.description.label, t.description.text) for t in described.values()] == [("Mål", "Målet for tiltak 1."), ("Mål", "Målet for tiltak 2.")]
    assert [t.ansvarlig_departement.text for t in described.values()] == ["KLD", "KLD"]


def test_a_measure_whose_block_prints_no_department_has_the_one_its_ministry_heading_names(profile):
    """Held-out batch 4 (gruppert-per-departement): where the focus areas' headings name the ministries
    (``names_department``), a measure under «Kunnskapsdepartementet» with no department label of its own has that
    department, its text placed on the heading; a profile whose areas name none gives none."""
    heading = Heading("innsatsomrade", 1, None, "Kunnskapsdepartementet", 0, 0, (Box(3, 72.0, 100.0, 300.0, 115.0),))
    area = Innsatsomrade(1, "Kunnskapsdepartementet", heading, "", 1)
    assert area_department(area, profile) is None
    rule = replace(profile.headings["innsatsomrade"], names_department=True)
    named = replace(profile, headings={**profile.headings, "innsatsomrade": rule})
    found = area_department(area, named)
    assert found is not None and (found.text, found.label, found.boxes) == ("Kunnskapsdepartementet", None, heading.boxes)
    assert area_department(None, named) is None


def test_a_measure_whose_block_prints_no_department_has_the_one_its_heading_names_in_its_aside(profile):
    """Held-out batch 7 (departement-i-overskriften): «Tiltak 4 (KDD): Title», no department label in the block: the
    heading's aside (the pattern's group department) is the measure's department, on the heading's first line, with no
    label; it comes before a focus area's that names a ministry, and a heading that names none gives none."""
    box = Box(3, 72.0, 100.0, 400.0, 115.0)
    heading = Heading("tiltak", 4, None, "Regulatorisk sandkasse", 0, 1, (box, Box(3, 72.0, 117.0, 200.0, 132.0)), department="KDD")
    found = department_above(heading, None, profile)
    assert found is not None and (found.text, found.label, found.boxes) == ("KDD", None, (box,))
    area = Innsatsomrade(1, "Kunnskapsdepartementet", Heading("innsatsomrade", 1, None, "Kunnskapsdepartementet", 0, 0, (box,)), "", 1)
    rule = replace(profile.headings["innsatsomrade"], names_department=True)
    named = replace(profile, headings={**profile.headings, "innsatsomrade": rule})
    assert department_above(heading, area, named).text == "KDD"
    assert department_above(replace(heading, department=""), None, profile) is None
    assert department_above(replace(heading, department=""), area, named).text == "Kunnskapsdepartementet"


def test_a_text_opening_with_a_status_value_alone_as_its_sentence_gives_that_status(profile):
    """Held-out batch 5 (status-som-rapportens-foerste-ord): «Videreføres. Arbeidet …» opens with a status value as
    a sentence of its own: that sentence is the status, on the line it is printed on, and the text goes on after it
    (a word joined across a line break keeps its place in the rest); a sentence that only uses a status's word is
    the text's own."""
    first, second = Box(3, 72.0, 100.0, 500.0, 112.0), Box(3, 72.0, 114.0, 400.0, 126.0)
    text = "Videreføres. Arbeidet går videre i ny plan."
    found = lead_status(FieldText(text, "Resultat", (first, second), joined=((22, 27),)), profile)
    assert found is not None
    status, rest = found
    assert (status.text, status.label, status.boxes) == ("Videreføres.", None, (first,))
    assert rest is not None and (rest.text, rest.label, rest.boxes) == ("Arbeidet går videre i ny plan.", "Resultat", (first, second))
    assert rest.joined == ((9, 14),)
    assert lead_status(FieldText("Ferdigstilt.", None, (first,)), profile) == (FieldText("Ferdigstilt.", None, (first,)), None)
    assert lead_status(FieldText("Ferdigstilt i 2023 etter planen. Mer.", None, (first,)), profile) is None
    assert lead_status(FieldText("Tiltaket er ferdigstilt. Mer.", None, (first,)), profile) is None
    assert lead_status(None, profile) is None


def lead_part(description: str, report: str | None, status: FieldText | None = None) -> Part:
    """A measure's one part (or a measure of no parts) with this description, report and status as read."""
    box = Box(3, 72.0, 100.0, 500.0, 112.0)
    return Part(None, None, (), FieldText(description, None, (box,)), FieldText("KLD", "Ansvarlig", (box,)), status, FieldText(report, "Resultat", (box,)) if report else None, None)


def test_a_measure_takes_the_status_its_report_or_where_it_has_none_its_description_opens_with(profile):
    """The status sentence opens the report; a block with no report's label may open its text with it; a block
    that prints a status keeps it, its text as printed."""
    reported = with_lead_status(lead_part("Bakgrunn.", "Videreføres. Arbeidet går videre."), profile)
    assert (reported.status_value, reported.status.text, reported.sluttrapport.text) == ("Videreføres", "Videreføres.", "Arbeidet går videre.")
    assert reported.description.text == "Bakgrunn."
    described = with_lead_status(lead_part("Ferdigstilt. Arbeidet er avsluttet.", None), profile)
    assert (described.status_value, described.description.text) == ("Ferdigstilt", "Arbeidet er avsluttet.")
    labelled = lead_part("Bakgrunn.", "Videreføres. Arbeidet går videre.", FieldText("Pågår", "Status", ()))
    assert with_lead_status(labelled, profile) is labelled


def test_each_lettered_part_takes_the_status_its_own_text_opens_with(tmp_path, profile):
    """Issue 19: where no block prints a status label, a measure with lettered parts («Tiltak 4 a)», «4 b)») each with
    its own text opening with a status value alone («Ferdigstilt. …») reads each part's status as a measure of no parts
    does: the part's status is that sentence, its text the rest; the measure's status is its parts' (the profile's
    precedence), and its description the parts' texts without their statuses. A measure of no parts beside it reads
    as before."""
    d = SynthDoc()
    d.bold("Tiltak 4. Styrke arbeidet", size=12)
    d.bold("Tiltak 4 a) Første del", size=11)
    d.text("Ferdigstilt. Veilederen er laget.")
    d.bold("Tiltak 4 b) Andre del", size=11)
    d.text("Videreføres. Arbeidet går videre i ny plan.")
    d.bold("Tiltak 5. Uten deler", size=12, gap=12.0)
    d.text("Ferdigstilt. Kurset er holdt.")
    tiltak = {t.tiltak_nr: t for t in run_stages(profile, read_pdf(d.write(tmp_path / "parts.pdf")), until="fields")["tiltak"]}
    a, b = tiltak[4].parts
    assert (a.part, a.status_value, a.status.text, a.description.text) == ("a", "Ferdigstilt", "Ferdigstilt.", "Veilederen er laget.")
    assert (b.part, b.status_value, b.status.text, b.description.text) == ("b", "Videreføres", "Videreføres.", "Arbeidet går videre i ny plan.")
    assert (tiltak[4].status_value, tiltak[4].status.text) == ("Videreføres", "a) Ferdigstilt. b) Videreføres.")
    assert tiltak[4].description.text == "a) Første del. Veilederen er laget. b) Andre del. Arbeidet går videre i ny plan."
    assert (tiltak[5].status_value, tiltak[5].description.text) == ("Ferdigstilt", "Kurset er holdt.")


def test_a_report_given_once_after_the_last_part_gives_every_part_the_status_it_opens_with(tmp_path, profile):
    """A report given once after the last part is the measure's and every part's: the status it opens with is too."""
    d = SynthDoc()
    d.bold("Tiltak 9. Øke kompetansen", size=12)
    d.bold("Tiltak 9 a) Første del", size=11)
    d.text("Om første del.")
    d.bold("Tiltak 9 b) Andre del", size=11)
    d.text("Om andre del.")
    d.label("Sluttrapport:", "Ferdigstilt. Begge deler er gjort.")
    t = run_stages(profile, read_pdf(d.write(tmp_path / "nine.pdf")), until="fields")["tiltak"][0]
    assert (t.status_value, t.status.text, t.sluttrapport.text) == ("Ferdigstilt", "Ferdigstilt.", "Begge deler er gjort.")
    assert [(p.status_value, p.sluttrapport.text) for p in t.parts] == [("Ferdigstilt", "Begge deler er gjort.")] * 2


def test_a_label_after_a_list_s_bullet_opens_its_field_as_at_a_line_s_start(tmp_path, profile):
    """Held-out batch 7 (nummerert-liste-etiketter-som-punkter): each field a bullet of a list, «• Status: Pågår»: the
    label after the bullet opens the field (the whole list was the description)."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak", size=12)
    d.text("Beskrivelse.")
    d.line(("·", REGULAR, 11), (" Ansvarlig departement:", BOLD, 11), (" KD", REGULAR, 11), x=90, gap=4)
    d.line(("·", REGULAR, 11), (" Status:", BOLD, 11), (" Pågår", REGULAR, 11), x=90, gap=4)
    d.line(("·", REGULAR, 11), (" Sluttrapport:", BOLD, 11), (" Arbeidet er i gang.", REGULAR, 11), x=90, gap=4)
    t = fields_of(d.write(tmp_path / "bullets.pdf"), profile)[1]
    assert (t.description.text, t.ansvarlig_departement.text, t.status.text, t.sluttrapport.text) == (
        "Beskrivelse.",
        "KD",
        "Pågår",
        "Arbeidet er i gang.",
    )


def fields_line(*fields: tuple[str, str], mark: str = " · ", plain: tuple[str, ...] = ()) -> tuple[tuple[str, str, int], ...]:
    """One line of fields, each a label in bold (plain where ``plain`` names it) and its value, between ``mark``s."""
    runs: list[tuple[str, str, int]] = []
    for k, (label, value) in enumerate(fields):
        runs += [(label, REGULAR if label in plain else BOLD, 11), (f" {value}" + (mark if k < len(fields) - 1 else ""), REGULAR, 11)]
    return tuple(runs)


def test_labels_later_on_a_line_after_a_mark_open_their_fields_and_an_unknown_one_ends_the_field_before_it(tmp_path, profile):
    """Held-out batch 8 (felt-paa-en-linje-etter-rapport): the block's last line holds its fields between middots,
    «Ansvar: BFD · Status: Pågår · Frist: 2025»; the department ran on to the line's end. A label after a mark set
    between fields («·», «;», «|») opens its field there, and a label of no field («Frist:») ends the field before
    it, read into none. A mark that no label follows cuts nothing: «AID · KD» is one department, a dash in prose one
    report; nor does a label set unlike the line's first (a plain «Status:» after a bold label)."""
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak med feltene på én linje", size=12)
    d.text("Beskrivelse av tiltaket.")
    d.label("Sluttrapport:", "Arbeidet er gjort – og godt mottatt.")
    d.line(*fields_line(("Ansvarlig departement:", "AID · KD"), ("Status:", "Ferdigstilt"), ("Frist:", "2025")), gap=6)
    d.bold("Tiltak 2. Et tiltak med semikolon", size=12, gap=12)
    d.text("Beskrivelse av tiltaket.")
    d.line(*fields_line(("Ansvarlig departement:", "JD"), ("Status:", "Videreføres"), mark="; "), gap=6)
    d.label("Sluttrapport:", "Arbeidet går videre.")
    d.bold("Tiltak 3. Et tiltak med en vanlig statusetikett", size=12, gap=12)
    d.line(*fields_line(("Ansvarlig departement:", "BFD"), ("Status:", "se tiltak 2"), mark=" | ", plain=("Status:",)), gap=6)
    tiltak = fields_of(d.write(tmp_path / "en-linje.pdf"), profile)
    one, two, three = tiltak[1], tiltak[2], tiltak[3]
    assert (one.ansvarlig_departement.text, one.status.text, one.status_value) == ("AID · KD", "Ferdigstilt", "Ferdigstilt")
    assert (one.description.text, one.sluttrapport.text) == ("Beskrivelse av tiltaket.", "Arbeidet er gjort – og godt mottatt.")
    assert (two.ansvarlig_departement.text, two.status.text, two.sluttrapport.text) == ("JD", "Videreføres", "Arbeidet går videre.")
    assert (three.ansvarlig_departement.text, three.status) == ("BFD | Status: se tiltak 2", None)
    department, status = one.ansvarlig_departement.boxes, one.status.boxes  # each its own words of the line, the mark in neither
    assert len(department) == len(status) == 1 and department[0].top == status[0].top and department[0].x1 + 10 < status[0].x0


def test_labels_of_no_field_alone_after_a_mark_cut_nothing(profile):
    """A plain label's text may hold a dash and a word before a colon («Tre kommuner – Oslo: 4 og Bergen: 3.»):
    «Oslo:» has a label's shape, but no field of the profile's goes on along the line, so the text is prose and
    stays whole; with «Status:» after a mark on the line, «Frist:» ends the status (held-out batch 8)."""
    words = tuple(Word(t, 10.0 * k, 0, 10.0 * k + 8, 10, 11, "Helvetica", False) for k, t in enumerate("Tre kommuner – Oslo: 4 og Bergen: 3.".split()))
    kept, then = labels_within(words, profile, bold=False)
    assert (kept, then) == (words, ())
    fields = tuple(Word(t, 10.0 * k, 0, 10.0 * k + 8, 10, 11, "Helvetica", False) for k, t in enumerate("KD · Status: Pågår · Frist: 2025".split()))
    kept, then = labels_within(fields, profile, bold=False)
    assert [w.text for w in kept] == ["KD"] and [(lb.kind, lb.rest) for lb in then] == [("status", "Pågår"), ("", "2025")]
