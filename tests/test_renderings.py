"""The same report in every look gives the same data (issue 10).

Every fixture rendering of the frihet report (raw_pdfs/, tests/pdfs/ and the matrix in
tests/pdfs/renderings/, made with reportlab and with LibreOffice from .docx) goes
through the whole pipeline once per session. Each must give the hand-checked goldens:
every block, every overview row, the pinned findings and, where the generator knows
them, the pages; and the tables must equal the reference rendering's, layout aside.
No rendering has a special case in the code: a failure here is a failure of the rules.
"""

from __future__ import annotations

import json

import pytest

from pipeline.choice.infer import infer_profile
from pipeline.errors import PipelineError
from pipeline.hyphenation import MARKS
from pipeline.run.runner import Stages, output_files, report_id_of, stages_of
from pipeline.stages.extract import read_pdf

from .goldens import (
    INVARIANT_TABLES,
    block_differences,
    expected_pages,
    finding_rows,
    golden_findings,
    golden_tiltak,
    overview_differences,
    table_differences,
)
from .helpers import (
    LOST_AT_LINE_END,
    MATRIX,
    READ_IN_PART,
    REFUSED,
    RENDERINGS,
    REPRESENTATIVES,
    fixture_renderings,
    processed,
    raw_of,
    read_renderings,
    sampled,
    shared,
    slow,
)

RENDERED = sorted(read_renderings())
# In the fast loop: the two renderings the other tests read anyway and the two most unlike the
# reference; every rendering in make test-slow (reading a PDF is what costs).
KEPT = (*REPRESENTATIVES, "alt")
TEXT_TABLES = ("tiltak", "tiltak_deler", "oversikt", "innsatsomrader")  # the others: tests/test_renderings_enrich.py


def test_the_matrix_is_there_and_made_by_five_producers():
    info = json.loads((MATRIX / "renderings.json").read_text(encoding="utf-8"))
    assert len(info) >= 15 and {r["producer"] for r in info.values()} >= {"reportlab", "libreoffice", "chromium", "weasyprint", "typst"}
    assert set(info) <= set(fixture_renderings())
    assert set(LOST_AT_LINE_END) <= set(info)


@pytest.mark.parametrize("name", sampled(sorted(READ_IN_PART), ()))
def test_a_look_read_in_part_is_read_at_least_as_far_as_before(name):
    """The looks not read whole yet keep what they have (a ratchet); one read whole leaves the list."""
    if name in REFUSED:  # refused today: nothing read, and the refusal is the one pinned
        with pytest.raises(PipelineError) as refusal:
            processed(name)
        assert type(refusal.value).__name__ == REFUSED[name] and READ_IN_PART[name] == 0
        return
    stages, files = processed(name)
    right = sum(1 for nr, d in block_differences(stages, golden_tiltak()).items() if nr and not d)
    assert right >= READ_IN_PART[name]
    _, reference = processed("word")
    whole = right == len(golden_tiltak()) and finding_rows(stages) == golden_findings() and not any(table_differences(files, reference).values())
    assert not whole, f"{name} is read whole now: take it out of READ_IN_PART"


THUMB_TABS = "ho7-cr-thumb-tabs"
THUMB_TABS_LOST = ("endringer/ ytterligere",)  # as LOST_AT_LINE_END, of the reading with no profile (the profile's refuses it)


def inferred_reading(name: str, engine: str) -> tuple[Stages, dict[str, bytes]]:
    """A rendering through the whole pipeline with no profile (the one that fits best, or one inferred from
    it, as ``pipeline run`` chooses), once per test run."""
    path = fixture_renderings()[name]

    def run() -> tuple[Stages, dict[str, bytes]]:
        raw = raw_of(path) if engine == "pdfplumber" else read_pdf(path, engine=engine)
        stages = stages_of(raw, report_id_of(path))
        return stages, output_files(stages)

    return shared(f"inferred reading {name} {engine}", run)


def reference_read_by_inference() -> dict[str, bytes]:
    """The reference rendering's outputs under the profile inferred from it (not its family's own): what a
    profile inferred from this report can give, to hold a look read by inference to."""
    raw = raw_of(RENDERINGS["word"])
    inference = infer_profile(raw)
    assert inference is not None
    return shared("reference read by inference", lambda: output_files(stages_of(raw, "sluttrapport-frihet-2021-2024", inference.profile)))


@pytest.mark.parametrize("engine", ["pdfplumber", pytest.param("pdfium", marks=slow)])
def test_the_thumb_tabs_look_is_read_whole_with_no_profile(engine):
    """Held-out ho7-cr-thumb-tabs (issues 18 and 19): each measure's number in a drawn circle, «Tiltak» in no heading
    («4» then the title; «9 a) …»), so the frihet profile («Tiltak N.») refuses it (REFUSED); with no profile, the
    profile inferred from it («N» headings, «N a)» parts under their measure) reads it whole. Before, the thumb
    index's tab (its section's name set down the page's outer edge) glued a letter into the lines and rows level
    with it («K 7 Videreutvikle …», «Ferdigstilt rsi»): 30 measures and 28 rows were found, 5 blocks and 2 rows
    right. Now every block and overview row equals its golden and the findings are the reference's, with one more:
    the note that the profile was inferred (profile_inferred, info). The tables are those the reference rendering
    gives under the profile inferred from it (layout aside), but for the space the PDF does not hold after
    «endringer/» at a line's end. (Under its family's own profile the reference gives more than inference can know:
    the plans a measure continues in, named in frihet-sluttrapport.toml, continued_in and external_references; the
    report's own list of ministries, departementer, and the footnote placed in it.)"""
    stages, files = inferred_reading(THUMB_TABS, engine)
    assert stages.inferred_profile
    assert {nr: d for nr, d in block_differences(stages, golden_tiltak()).items() if d} == {}
    assert {nr: d for nr, d in overview_differences(stages).items() if d} == {}
    findings = finding_rows(stages)
    assert [f for f in findings if f["code"] != "profile_inferred"] == golden_findings()
    assert [f["severity"] for f in findings if f["code"] == "profile_inferred"] == ["info"]
    assert {t: d for t, d in table_differences(files, reference_read_by_inference(), lost=THUMB_TABS_LOST).items() if d} == {}


@pytest.mark.parametrize("name", sampled(sorted(LOST_AT_LINE_END), ()))
def test_a_space_the_pdf_does_not_hold_is_the_only_thing_lost(name):
    """Each phrase is the reference's, and this look gives it without its space, where it stands."""
    _, files = processed(name)
    _, reference = processed("word")
    for phrase in LOST_AT_LINE_END[name]:
        joined = phrase.replace("- ", "-").replace("/ ", "/")
        assert phrase in reference["tiltak.csv"].decode("utf-8") and joined in files["tiltak.csv"].decode("utf-8")
    assert table_differences(files, reference, TEXT_TABLES)["tiltak"]  # without them, the tables would differ


@pytest.mark.parametrize("name", sampled(RENDERED, KEPT))
def test_every_block_equals_its_golden(name):
    stages, _ = processed(name)
    differences = block_differences(stages, golden_tiltak())
    assert {nr: d for nr, d in differences.items() if d} == {}


@pytest.mark.parametrize("name", sampled([n for n in RENDERED if n not in ("word", "alt")], KEPT))
def test_every_block_is_on_its_pages(name):
    pages = expected_pages(name)
    if pages is None:
        pytest.skip(f"{name}: the generator did not record its pages")
    stages, _ = processed(name)
    differences = block_differences(stages, golden_tiltak(), pages)
    assert {nr: d for nr, d in differences.items() if d} == {}


@pytest.mark.parametrize("name", sampled(RENDERED, KEPT))
def test_every_overview_row_equals_the_published_table(name):
    stages, _ = processed(name)
    assert {nr: d for nr, d in overview_differences(stages).items() if d} == {}


@pytest.mark.parametrize("name", sampled(RENDERED, KEPT))
def test_the_findings_are_the_reports_own_and_nothing_else(name):
    stages, _ = processed(name)
    assert finding_rows(stages) == golden_findings()


@pytest.mark.parametrize("name", sampled(RENDERED, KEPT))
def test_the_tables_equal_the_reference_renderings(name):
    _, files = processed(name)
    _, reference = processed("word")
    assert {t: d for t, d in table_differences(files, reference, TEXT_TABLES, LOST_AT_LINE_END.get(name, ())).items() if d} == {}
    assert set(TEXT_TABLES) <= set(INVARIANT_TABLES)


@pytest.mark.parametrize("name", sampled(RENDERED, KEPT))
def test_no_hyphenation_mark_reaches_the_data(name):
    _, files = processed(name)
    for table in INVARIANT_TABLES:
        text = files[f"{table}.csv"].decode("utf-8")
        assert not set(MARKS.values()) & set(text), table


def _prose(name: str) -> str:
    stages, _ = processed(name)
    return " ".join(f.text for t in stages.tiltak for f in (t.description, t.sluttrapport) if f is not None)


@pytest.mark.parametrize("name", sampled(RENDERED, KEPT))
def test_real_hyphens_are_kept_and_breaks_joined(name):
    text = _prose(name)
    assert "TryggEst-teamene" in text  # a compound's hyphen, at a line end in several renderings
    for suspended in ("tros- og livssynssamfunn", "volds- og trusselutsatte"):  # the space stays
        assert text.count(suspended) == _prose("word").count(suspended), suspended
    stages, _ = processed(name)  # every line-final hyphen decided, with the evidence kept
    assert all(h.decision in ("join", "keep", "suspended") and h.evidence for h in stages.document.hyphens)
