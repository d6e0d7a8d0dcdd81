"""The second report family, by configuration only: «Sjef i eget liv» status reports.

Goldens in tests/golden/sjef-i-eget-liv/ come from the fixture generator's content
data (tools/status_reports/), not from the pipeline; see their README.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from pipeline.choice.detect import all_profiles, detect_profile
from pipeline.run.runner import process_pdf

from .goldens import assert_overview_matches, check_fields
from .helpers import GOLDEN, ROOT, raw_of, shared

GOLD = GOLDEN / "sjef-i-eget-liv"
YEARS = (2025, 2026)


def pdf_of(year):
    return ROOT / "tests" / "pdfs" / f"sjef-i-eget-liv-status-{year}.pdf"


_STAGES = {}


@pytest.fixture(scope="module", params=YEARS)
def status_report(request):
    year = request.param
    if year not in _STAGES:
        _STAGES[year] = shared(f"process_pdf {pdf_of(year)}", lambda: process_pdf(pdf_of(year)))[0]  # no profile given: detected
    return year, _STAGES[year]


def test_the_family_is_detected_from_the_document(status_report):
    _, stages = status_report
    assert stages.profile == "sjef-i-eget-liv-status"


def test_the_first_family_is_still_detected_as_itself():
    assert detect_profile(raw_of(ROOT / "raw_pdfs" / "sluttrapport-frihet-2021-2024.pdf"), all_profiles()).name == "frihet-sluttrapport"


def test_overview_and_summary(status_report):
    year, stages = status_report
    assert_overview_matches(stages, GOLD, year)


def test_every_block_matches_its_golden(status_report):
    year, stages = status_report
    want_all = json.loads((GOLD / f"tiltak-{year}.json").read_text(encoding="utf-8"))
    got = {t.tiltak_nr: t for t in stages.tiltak}
    assert sorted(got) == [w["tiltak_nr"] for w in want_all] == list(range(1, 13))
    for want in want_all:
        t = got[want["tiltak_nr"]]
        label = f"{year} tiltak {t.tiltak_nr}"
        assert (t.title, t.innsatsomrade_nr) == (want["title"], want["innsatsomrade_nr"]), label
        assert (t.page_start, t.page_end) == (want["page_start"], want["page_end"]), label
        check_fields(label, t, want)


def test_no_status_line_and_unknown_status_are_findings_not_drops(status_report):
    year, stages = status_report
    codes = {(f.code, f.tiltak_nr) for f in stages.findings}
    missing = 9 if year == 2025 else 6
    assert ("missing_field", missing) in codes
    assert next(t for t in stages.tiltak if t.tiltak_nr == missing).sluttrapport is not None
    if year == 2026:
        assert ("unknown_status", 1) in codes
        assert next(t for t in stages.tiltak if t.tiltak_nr == 1).status_value == "ukjent"


def test_an_inline_mention_starting_a_line_is_no_heading(status_report):
    _, stages = status_report
    eight = next(t for t in stages.tiltak if t.tiltak_nr == 8)
    assert "Tiltak 7 ble" in eight.sluttrapport.text


# The changes from 2025 to 2026 as tests/golden/sjef-i-eget-liv/README.md lists them, in the
# body's words: status lines normalised (none → null, «avsluttet» → ukjent), departments as printed.
EXPECTED_CHANGES = [
    (1, "status", "Pågår", "ukjent"),
    (2, "status", "Igangsatt", "Pågår"),
    (4, "status", "Ikke startet", "Igangsatt"),
    (6, "status", "Pågår", None),
    (7, "status", "Forsinket", "Pågår"),
    (8, "status", "Igangsatt", "Forsinket"),
    (9, "status", None, "Pågår"),
    (10, "status", "Igangsatt", "Pågår"),
    (10, "ansvarlig_departement", "BFD", "AID"),
    (11, "status", "Pågår", "Forsinket"),
]


def test_panel_and_status_changes_across_the_two_reports(tmp_path):
    import pandas as pd

    from pipeline.cli import main

    out = tmp_path / "out"
    assert main(["run", str(pdf_of(2025)), str(pdf_of(2026)), str(ROOT / "raw_pdfs"), "--out", str(out)]) == 0
    panel = pd.read_parquet(out / "panel.parquet")
    sjef = panel[panel.plan.str.startswith("Sjef i eget liv")]
    assert len(sjef) == 24 and sorted(sjef.report_year.unique()) == [2025, 2026]
    assert len(panel[panel.plan.str.startswith("Frihet")]) == 33
    changes = pq.read_table(out / "status_changes.parquet").to_pylist()
    got = [(r["tiltak_nr"], r["field"], r["from_value"], r["to_value"]) for r in changes if (r["from_year"], r["to_year"]) == (2025, 2026)]
    assert got == EXPECTED_CHANGES
    assert {r["plan"] for r in changes} == {"Sjef i eget liv – styrket innsats mot negativ sosial kontroll og æresmotivert vold (2025–2028)"}
    # the union of all reports loads with one read
    every = pd.read_parquet(out / "tiltak.parquet")
    assert every.groupby("report_id").size().to_dict() == {
        "sjef-i-eget-liv-status-2025": 12,
        "sjef-i-eget-liv-status-2026": 12,
        "sluttrapport-frihet-2021-2024": 33,
    }
