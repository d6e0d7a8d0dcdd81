"""Table cells wrapped mid-word (issue 19): «Gjennomfør» / «t» and «Ikke påbe-» / «gynt» read as one word.

A word processor breaks a word wider than a narrow column where it overflows, with no hyphen,
and hyphenates one with automatic hyphenation. A cell's continuation line joins without a space
when the evidence says the word goes on (the column's vocabulary, the document's words, the rest
too short to stand alone, wordfreq); every decision is kept with its evidence, and no cell of the
existing fixtures changes (their line ends are all decided «space» on the document's evidence).
"""

from __future__ import annotations

import csv
import json
import tomllib

import pytest

from pipeline.hyphenation import CellWraps
from pipeline.profiles.loader import load_profile, parse_profile
from pipeline.run.runner import stages_of
from pipeline.stages.extract import assemble
from pipeline.stages.overview import read_overview
from pipeline.text import join_cell, join_lines
from tools.fixtures.families import FAMILIES, GOLDEN_DIR, OUT_DIR

from .goldens import as_golden_csv_rows
from .helpers import SHIPPED_PDF, raw_of

STATUSES = ("Gjennomført", "Pågår", "Ikke påbegynt", "Forsinket")
BODY = [
    ["Status:", "Tiltaket", "er", "gjennomført."],
    ["Status:", "Arbeidet", "er", "ikke", "påbegynt."],
    ["Kompetansen", "om", "negativ", "sosial", "kontroll", "og", "TryggEst-teamene", "i", "kommunene."],
]


@pytest.fixture(scope="module")
def wraps() -> CellWraps:
    return CellWraps(BODY)


@pytest.mark.parametrize(
    ("left", "right", "values", "decided"),
    [
        ("Gjennomfør", "t", STATUSES, ("join", "vocabulary")),  # the column's own word
        ("Ikke", "påbegynt", STATUSES, ("space", "vocabulary")),  # two words of one status
        ("Gjennomfør", "t", (), ("join", "document")),  # the document prints the whole word
        ("sosial", "kontroll", (), ("space", "document")),  # the document prints the two side by side
        ("negativ", "kommunene", (), ("space", "document")),  # both are words of the document
        ("Forsinke", "t", (), ("join", "short")),  # a rest too short to stand alone, never printed alone
        ("Arbeidet", "i", (), ("space", "document")),  # a short word the document prints alone
        ("påbe", "gynt", (), ("join", "document")),
        ("Ferdigsti", "lt", (), ("join", "short")),
        ("Avslut", "tes", (), ("join", "wordfreq")),  # a common word whose first half is none
        ("Qwxyz", "zyxwq", (), ("space", "default")),  # no evidence: printed as it is, a space between
        ("Arbeidet", "pt.", (), ("space", "document")),  # a whole word, and the two together no word at all
    ],
)
def test_a_cell_s_line_end_after_a_letter_is_decided_on_evidence(wraps, left, right, values, decided):
    assert wraps.decide(left, right, values) == decided


def test_the_words_a_table_prints_inside_its_cells_lines_are_evidence_for_its_line_ends():
    """A report whose measures are a table's rows prints most of its words in the table: a word
    printed mid-line in a cell is a whole word (a line's first and last word may be a broken one's
    part, and count for nothing), so a wrap before it is a space, not a rest too short to stand alone."""
    from pipeline.model import Word
    from pipeline.stages.engines.words import group_lines
    from pipeline.stages.overview import inside_cells

    def cell_line(*cells: tuple[float, str]) -> list[Word]:
        words = []
        for x, text in cells:
            for w in text.split():
                words.append(Word(w, x, 100.0, x + 6 * len(w), 110.0, 10.0, "Serif", False))
                x += 6 * len(w) + 3
        return words

    [line] = group_lines(cell_line((72, "4"), (100, "Videreutvikle dialoggrupper om vold"), (300, "Pågår")), page=1)
    evidence = inside_cells([line], [72.0, 100.0, 300.0])
    assert evidence == [["dialoggrupper", "om"]]  # the title cell's inner words; «4» and «Pågår» stand alone
    assert CellWraps([]).decide("dialoggrupper", "om") == ("join", "short")  # without them: «dialoggrupperom»
    assert CellWraps(evidence).decide("dialoggrupper", "om")[0] == "space"


@pytest.mark.parametrize(
    ("left", "right", "values", "decided"),
    [
        ("påbe-", "gynt", STATUSES, ("join", "vocabulary")),
        ("Gjennom-", "ført", (), ("join", "document")),
        ("TryggEst-", "teamene", (), ("keep", "document")),
        ("kjønns-", "og", (), ("suspended", "next word")),
    ],
)
def test_a_hyphen_at_a_cell_s_line_end_is_decided_as_a_line_end_s(wraps, left, right, values, decided):
    assert wraps.decide(left, right, values) == decided


@pytest.mark.parametrize(
    ("left", "right"),
    [("og", "KUD"), ("AID,", "i"), ("2024", "og"), ("Status", "2025"), ("nyan\u00ad", "komne"), ("TryggEst\u2011", "teamene")],
    ids=["capital", "punctuation", "digit-left", "digit-right", "decided-join", "decided-keep"],
)
def test_a_line_end_that_ends_a_word_or_was_decided_is_no_question(wraps, left, right):
    assert wraps.decide(left, right, STATUSES) is None


def test_join_cell_closes_up_what_is_decided_and_keeps_every_decision():
    def decide(left, right):
        return {"t": ("join", "vocabulary"), "gynt": ("join", "document"), "og": ("suspended", "next word")}.get(right, ("space", "document"))

    assert join_cell(["Gjennomfør", "t"], decide) == ("Gjennomført", [("Gjennomfør", "t", "join", "vocabulary")])
    assert join_cell(["Ikke påbe-", "gynt"], decide) == ("Ikke påbegynt", [("påbe-", "gynt", "join", "document")])
    assert join_cell(["kjønns-", "og mangfold"], decide)[0] == "kjønns- og mangfold"
    assert join_cell(["Styrke det nordiske", "samarbeidet"], decide) == (
        "Styrke det nordiske samarbeidet",
        [("nordiske", "samarbeidet", "space", "document")],
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["Styrke det nordiske", "samarbeidet"],
        ["nyan\u00ad", "komne"],
        ["kjønns-", "og mangfold"],
        ["TryggEst\u2011", "teamene"],
        ["Ferdig-", "stilt"],
        [" a ", "", "b"],
    ],
)
def test_a_cell_whose_line_ends_are_no_question_joins_as_every_text_does(lines):
    assert join_cell(lines, lambda left, right: None) == (join_lines(lines), [])


# --- a report whose status column is too narrow ---------------------------------------------------

NARROW = [f for f in FAMILIES if f.status_column is not None]

# A profile written by hand for the mid-term status report (its statuses, its dash, its table).
MIDTVEIS = r"""
[profile]
name = "frihet-statusrapport"
plan = "Frihet fra negativ sosial kontroll og æresrelatert vold (2021–2024)"
year = '(?i)statusrapport\s+(\d{4})'
[page]
running = ['^(?i:statusrapport)\d+–side\d+$']
[headings.innsatsomrade]
pattern = '^Innsatsområde\s+(?P<nr>\d+)\s*:\s*(?P<title>.*)$'
[headings.tiltak]
pattern = '^Tiltak\s+(?P<nr>\d+)\s*–\s*(?P<title>.*)$'
[headings.del]
pattern = '^Tiltak\s+(?P<nr>\d+)\s*(?P<part>[a-z])\s*\)\s*(?P<title>.*)$'
[fields.ansvarlig_departement]
label = '^(?P<label>Ansvarlige?\s+departement(?:er)?)\s*:'
[fields.status]
label = '^(?P<label>Status)\s*:'
[fields.sluttrapport]
label = '^(?P<label>Rapportering\s+\d{4})\s*:'
[status]
values = [
  { name = "Gjennomført", pattern = '(?i)\bgjennomført' },
  { name = "Pågår", pattern = '(?i)\bpågår' },
  { name = "Ikke påbegynt", pattern = '(?i)\bikke\s+påbegynt' },
  { name = "Forsinket", pattern = '(?i)\bforsinket' },
]
[departments]
abbreviation = '\b[A-ZÆØÅ][A-ZÆØÅ]+\b'
partners = '(?i)\bi\s+samarbeid\s+med\b'
[overview]
title = '^Status for tiltakene$'
group = '^Innsatsområde\s+(?P<nr>\d+)\s*:\s*(?P<title>.*)$'
columns = [
  { key = "tiltak_nr", header = '^Nr\.$' },
  { key = "title", header = '^Tiltak$' },
  { key = "ansvarlig_departement", header = '^Ansvarlig$' },
  { key = "status", header = '^Status$' },
]
[overview.summary]
anchor = '(?i)\bomfatter\s+\d+'
total = '(?i)\bomfatter\s+(\d+)'
counts = { "Gjennomført" = '(\d+)\s+gjennomført', "Pågår" = '(\d+)\s+pågår', "Ikke påbegynt" = '(\d+)\s+ikke\s+påbegynt', "Forsinket" = '(\d+)\s+forsinket' }
"""


def test_the_matrix_has_a_narrow_status_column_with_and_without_hyphenation():
    assert {f.hyphenate_cells for f in NARROW} == {False, True}
    readme = (GOLDEN_DIR / "README.md").read_text(encoding="utf-8")
    assert "«Gjennomfør» / «t»" in readme and "«Ikke påbe-» / «gynt»" in readme


@pytest.mark.parametrize("family", NARROW, ids=lambda f: f.name)
def test_with_a_profile_written_by_hand_the_wrapped_cells_are_read_right(family, tmp_path):
    path = tmp_path / "frihet-statusrapport.toml"
    path.write_text(MIDTVEIS, encoding="utf-8")
    pdf = OUT_DIR / f"{family.report_id}.pdf"
    stages = stages_of(raw_of(pdf), family.report_id, load_profile(path))
    with (GOLDEN_DIR / family.name / "oversikt.csv").open(encoding="utf-8") as fh:
        assert as_golden_csv_rows(stages.overview.rows) == list(csv.DictReader(fh))
    codes = {f.code for f in stages.findings}
    assert codes == {"selection", "department_partners_not_in_table"}, "only the report's real inconsistencies"
    summary = json.loads((GOLDEN_DIR / family.name / "summary.json").read_text(encoding="utf-8"))
    assert stages.overview.summary_counts == {k: v for k, v in summary.items() if k != "total"}


@pytest.mark.parametrize("family", NARROW, ids=lambda f: f.name)
def test_each_decision_is_kept_with_its_evidence(family):
    pdf = OUT_DIR / f"{family.report_id}.pdf"
    profile = parse_profile(tomllib.loads(MIDTVEIS))
    document = assemble(raw_of(pdf), profile)
    overview = read_overview(document, profile)
    breaks = overview.breaks
    status = [b for b in breaks if b.column == "status"]
    assert status and all(b.decision == "join" and b.evidence == "vocabulary" for b in status if b.left != "Ikke"), status
    assert all(b.page == 2 for b in breaks)
    joined = {(b.left, b.right) for b in status if b.decision == "join"}
    assert joined <= {("Gjennomfør", "t"), ("Gjennom-", "ført"), ("påbe-", "gynt")} and joined
    assert {r.status for r in overview.rows} == set(STATUSES)


def test_no_cell_of_the_reference_rendering_changes():
    """Its wrapped cells are wraps at spaces, each decided so on the document's evidence."""
    profile = load_profile("frihet-sluttrapport")
    breaks = read_overview(assemble(raw_of(SHIPPED_PDF), profile), profile).breaks
    assert len(breaks) > 20 and {(b.decision, b.evidence) for b in breaks} == {("space", "document")}


@pytest.mark.parametrize("family", NARROW[:1], ids=lambda f: f.name)
def test_the_decisions_are_kept_in_the_overview_stage_file(family):
    """As line-end hyphens are kept in the extract stage's file: a re-run from the stage files, and a
    reader of stages/overview.json, sees every cell break with its decision and evidence."""
    from pipeline.model import from_jsonable
    from pipeline.stages.overview import Overview
    from pipeline.store import stage_json

    profile = parse_profile(tomllib.loads(MIDTVEIS))
    stages = stages_of(raw_of(OUT_DIR / f"{family.report_id}.pdf"), family.report_id, profile)
    data = json.loads(stage_json("overview", profile.name, "0", stages.overview))["data"]
    kept = from_jsonable(Overview, data).breaks
    assert kept == stages.overview.breaks and ("Gjennomfør", "t", "join", "vocabulary") in {(b.left, b.right, b.decision, b.evidence) for b in kept}
