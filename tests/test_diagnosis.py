"""A stage that visibly half-failed says so once, instead of burying the user in findings
that are not in the report (issue 10, point 7)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from pipeline.findings import merge_findings
from pipeline.profiles.loader import load_profile, parse_profile
from pipeline.run.runner import report_id_of, stages_of
from pipeline.stages.validate import validate

from .goldens import golden_findings
from .helpers import processed, raw_of


def _validate(stages, overview=None, tiltak=None):
    profile = load_profile("frihet-sluttrapport")
    found = validate(tiltak if tiltak is not None else stages.tiltak, overview or stages.overview, stages.segmentation, profile)
    return merge_findings(found, stages.enrichment.findings)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_correct_rendering_has_none_of_them():
    stages, _ = processed("word")
    assert not {"overview_incomplete", "headings_incomplete", "labels_incomplete"} & set(codes(stages.findings))
    assert len(stages.findings) == len(golden_findings())


def test_a_table_read_short_of_its_rows_is_one_error_not_23():
    stages, _ = processed("word")
    short = replace(stages.overview, rows=stages.overview.rows[:10])  # an unruled table read as 10 rows
    findings = _validate(stages, overview=short)
    errors = [f for f in findings if f.severity == "error"]
    assert codes(errors).count("overview_incomplete") == 1
    one = next(f for f in errors if f.code == "overview_incomplete")
    assert "10 rows of the 33" in one.message and "11–33" in one.message
    assert not {"missing_in_table", "summary_total_vs_table", "summary_count_vs_table"} & set(codes(findings))
    # what the report itself gets wrong in the rows that were read is still reported (tiltak 2's title)
    assert ("title_mismatch", 2) in [(f.code, f.tiltak_nr) for f in findings]
    assert len(findings) < 20


def test_headings_found_for_only_some_numbers_is_one_error():
    stages, _ = processed("word")
    found = [t for t in stages.tiltak if t.tiltak_nr % 3]  # every third heading missed
    findings = _validate(stages, tiltak=found)
    assert codes(findings).count("headings_incomplete") == 1
    one = next(f for f in findings if f.code == "headings_incomplete")
    assert "for 22 of the 33" in one.message
    assert not {"missing_in_body", "summary_total_vs_body", "summary_count_vs_body"} & set(codes(findings))


def test_a_label_missed_in_most_blocks_is_one_error():
    stages, _ = processed("word")
    unlabelled = [replace(t, status=None, status_value=None) if not t.has_parts else t for t in stages.tiltak]
    findings = _validate(stages, tiltak=unlabelled)
    [one] = [f for f in findings if f.code == "labels_incomplete"]
    assert one.field == "status" and "No status line was found in 31 of the 33 blocks" in one.message
    assert not [f for f in findings if f.code == "missing_field" and f.field == "status" and f.part is None]


def test_a_profile_that_demands_bold_labels_on_plain_ones_says_so_once(tmp_path):
    """A user's profile written for bold labels, on a rendering whose labels are plain."""
    text = Path(load_profile("frihet-sluttrapport").source).read_text(encoding="utf-8")
    profile = parse_profile(tomllib.loads(text.replace("[profile]\n", "[profile]\nlabels_bold = true\n", 1)), source="strict.toml")
    pdf = Path(processed("rl-booktabs-serif-softhyphen")[0].document.source_path)
    stages = stages_of(raw_of(pdf), report_id_of(pdf), profile)  # compute_stages(pdf, profile), on the PDF read once per test run
    incomplete = [f for f in stages.findings if f.code == "labels_incomplete"]
    assert {f.field for f in incomplete} == {"ansvarlig_departement", "status", "sluttrapport"}
    assert not [f for f in stages.findings if f.code == "missing_field" and f.part is None]
    assert len([f for f in stages.findings if f.severity != "info"]) < 15
