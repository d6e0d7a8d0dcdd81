"""The third report family, with no profile written first: «Årsrapport 2023» of the frihet plan.

Goldens in tests/golden/frihet-arsrapport/ come from the fixture generator's content
(tools/fixtures/annual_reports.py), not from the pipeline; see their README. The report is
processed with no profile: detection finds none that fits, and one is inferred from it.
"""

from __future__ import annotations

import json
import tomllib

import pyarrow.parquet as pq
import pytest
from frictionless import validate

from pipeline.cli import main
from pipeline.profiles.loader import FIELD_KINDS, parse_profile
from pipeline.run.runner import process_pdf

from .goldens import assert_overview_matches, check_fields
from .helpers import GOLDEN, ROOT, shared

GOLD = GOLDEN / "frihet-arsrapport"
PDF = ROOT / "tests" / "pdfs" / "frihet-arsrapport-2023.pdf"
YEAR = 2023


@pytest.fixture(scope="module")
def report():
    return shared(f"process_pdf {PDF}", lambda: process_pdf(PDF))  # no profile given; once per test run


@pytest.fixture(scope="module")
def golden_profile() -> dict:
    return json.loads((GOLD / f"profile-{YEAR}.json").read_text(encoding="utf-8"))


def test_no_profile_fits_so_one_is_inferred_and_written(report):
    stages, files = report
    assert stages.profile == "inferred" and stages.fit == "fit 23/23 blocks, 22/23 statuses"
    assert files["profile.toml"] == stages.inferred_profile.encode("utf-8")
    [note] = [f for f in stages.findings if f.code == "profile_inferred"]
    assert note.severity == "info"
    # the closest profile is another plan's: the finding names the plan the report's title page names (issue 19, item 3)
    assert "best: sjef-i-eget-liv-status: the report names another plan, «Frihet fra negativ sosial kontroll" in note.message
    assert "0 of 23 statuses recognised" in note.message
    assert "headings «Tiltak N:»" in note.message and "Unsure: the plan's name" in note.message


def test_the_inferred_profile_has_the_family_s_words(report, golden_profile):
    stages, _ = report
    profile = parse_profile(tomllib.loads(stages.inferred_profile))
    heading = profile.headings["tiltak"].pattern
    assert heading.match("Tiltak 3: Et tiltak") and not heading.match("Tiltak 3. Et tiltak")
    assert profile.headings["innsatsomrade"].pattern.match("Innsatsområde 2: Kunnskap")
    for kind in FIELD_KINDS:
        for label in golden_profile["labels"][kind]:
            assert profile.labels[kind].match(f"{label}: tekst"), (kind, label)
    assert set(profile.status_names) == set(golden_profile["statuses"])
    assert profile.overview_title.search(golden_profile["table_title"])
    assert (profile.plan, stages.plan, stages.report_year) == (golden_profile["plan"], golden_profile["plan"], golden_profile["year"])


def test_overview_and_summary(report):
    stages, _ = report
    assert_overview_matches(stages, GOLD, YEAR)


def test_every_block_matches_its_golden(report):
    stages, _ = report
    want_all = json.loads((GOLD / f"tiltak-{YEAR}.json").read_text(encoding="utf-8"))
    assert [t.tiltak_nr for t in stages.tiltak] == [w["tiltak_nr"] for w in want_all]
    for t, want in zip(stages.tiltak, want_all):
        label = f"tiltak {t.tiltak_nr}"
        assert (t.title, t.innsatsomrade_nr) == (want["title"], want["innsatsomrade_nr"]), label
        assert (t.page_start, t.page_end) == (want["page_start"], want["page_end"]), label
        assert t.sluttrapport.label == want["report_label"], label
        check_fields(label, t, want)


def test_the_selection_is_one_info_finding_and_the_quirks_are_findings(report, golden_profile):
    stages, _ = report
    codes = {(f.code, f.tiltak_nr) for f in stages.findings}
    [selection] = [f for f in stages.findings if f.code == "selection"]
    assert selection.severity == "info"
    assert "covers 23 of the plan's measures numbered up to 33" in selection.message and "4, 9–10, 14, 17, 21, 23, 26, 29, 32" in selection.message
    assert not {c for c, _ in codes} & {"gap_in_table", "gap_in_body"}
    assert ("unknown_status", 8) in codes and ("status_mismatch", 20) in codes


def test_the_package_is_valid(report, tmp_path):
    _, files = report
    for name, data in files.items():
        if "/" not in name:
            (tmp_path / name).write_bytes(data)
    result = validate(str(tmp_path / "datapackage.json"))
    assert result.valid, [e.note for t in result.tasks for e in t.errors]


def test_the_draft_saved_as_a_profile_reproduces_the_inferred_run_exactly(tmp_path, capsys):
    draft = tmp_path / "arsrapport.toml"
    assert main(["profile", "draft", str(PDF), "-o", str(draft)]) == 0
    inferred, given = tmp_path / "inferred", tmp_path / "given"
    assert main(["run", str(PDF), "--out", str(inferred), "--in-process", "--no-cache"]) == 0
    assert main(["run", str(PDF), "--profile", str(draft), "--out", str(given), "--in-process", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "(profile: inferred, fit 23/23 blocks, 22/23 statuses;" in out and "(profile inferred, fit 23/23 blocks, 22/23 statuses;" in out
    a, b = inferred / PDF.stem, given / PDF.stem
    assert draft.read_bytes() == (a / "profile.toml").read_bytes()
    for table in ("tiltak", "tiltak_deler", "oversikt", "innsatsomrader", "provenance", "lenker"):
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table
        assert pq.read_table(a / f"{table}.parquet").equals(pq.read_table(b / f"{table}.parquet")), table
    findings = [json.loads((d / "validation.json").read_text(encoding="utf-8"))["findings"] for d in (a, b)]
    assert [f for f in findings[0] if f["code"] != "profile_inferred"] == findings[1]
    assert json.loads((a / "manifest.json").read_text())["profile"] == json.loads((b / "manifest.json").read_text())["profile"] == "inferred"
