"""Detection by fit (issue 11): every profile is tried on the read PDF and the best fit wins.

Every fixture is given its own family's profile (the third family, which has none, an
inferred one) and never another family's; the run line names the fit; an excerpt without
the overview table is recognised; a poor fit is never chosen silently.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pypdfium2 as pdfium
import pytest

from pipeline.choice.detect import all_profiles, detect, matches
from pipeline.choice.fit import Fit, fit_table
from pipeline.cli import _ok_line, main
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import Result, compute_stages, output_files, stages_of
from pipeline.stages.extract import read_pdf

from .helpers import ROOT, SHIPPED_PDF, fixture_renderings, processed, raw_of, read_renderings, sampled

PDFS = ROOT / "tests" / "pdfs"
SJEF = {f"sjef-{year}": PDFS / f"sjef-i-eget-liv-status-{year}.pdf" for year in (2025, 2026)}
ARSRAPPORT = PDFS / "frihet-arsrapport-2023.pdf"
FAMILY = {
    **{name: "frihet-sluttrapport" for name in read_renderings()},  # the looks read right (not those read in part)
    **{name: "sjef-i-eget-liv-status" for name in SJEF},
    "arsrapport-2023": "inferred",
}


def pdf_of(name: str):
    return {**fixture_renderings(), **SJEF, "arsrapport-2023": ARSRAPPORT}[name]


@pytest.mark.parametrize("name", sampled(sorted(FAMILY), ["word", "lo-justified-serif", "sjef-2025", "arsrapport-2023"]))
def test_every_fixture_is_read_with_its_own_family_and_no_other(name):
    detection = detect(raw_of(pdf_of(name)), all_profiles())
    chosen = detection.chosen
    assert chosen.profile.name == FAMILY[name], fit_table(detection.fits)
    assert not chosen.fit.poor, fit_table(detection.fits)
    others = [r for r in detection.readings if r.profile.name != FAMILY[name] and r.inferred is None]
    assert others and all(r.fit.poor for r in others), "another family's profile fits well:\n" + fit_table(detection.fits)


@pytest.mark.parametrize("name", sampled(sorted(read_renderings()), ["word", "lo-justified-serif"]))
def test_detection_reads_every_frihet_rendering_exactly_as_its_profile_given(name):
    """Profiles are contracts (issue 11, point 7): detection changes nothing in the outputs."""
    detected = stages_of(raw_of(pdf_of(name)), name)
    given, given_files = processed(name)
    files = output_files(replace(detected, report_id=given.report_id))
    assert (detected.profile, detected.inferred_profile) == ("frihet-sluttrapport", "")
    assert detected.fit == "fit 33/33 blocks, 33/33 statuses"
    assert detected.findings == given.findings
    assert {k: v for k, v in files.items() if k != "manifest.json"} == {k: v for k, v in given_files.items() if k != "manifest.json"}


def test_the_run_line_names_the_profile_and_its_fit(tmp_path, capsys):
    assert main(["run", str(SJEF["sjef-2025"]), str(ARSRAPPORT), "--out", str(tmp_path), "--in-process"]) == 0
    out = capsys.readouterr().out
    assert "(profile sjef-i-eget-liv-status, fit 12/12 blocks, 11/11 statuses; " in out
    assert "23 tiltak → " in out and "(profile: inferred, fit 23/23 blocks, 22/23 statuses; " in out


def test_a_poor_fit_says_so_on_the_run_line():
    line = _ok_line(Result(SHIPPED_PDF, "x", True, tiltak=2, profile="p", fit=Fit("p", blocks=2, in_sequence=2, expected=33).summary()))
    assert "(profile p, fit 2/33 blocks, 0/0 statuses, poor; " in line


def excerpt(pdf, pages, path):
    """Some pages of a PDF (1-based), as a PDF of their own."""
    source = pdfium.PdfDocument(str(pdf))
    new = pdfium.PdfDocument.new()
    new.import_pages(source, [p - 1 for p in pages])
    new.save(str(path))
    return path


@pytest.mark.parametrize(
    ("pdf", "pages", "family"),
    [(SHIPPED_PDF, range(8, 13), "frihet-sluttrapport"), (SJEF["sjef-2025"], range(3, 6), "sjef-i-eget-liv-status")],
    ids=["frihet", "sjef"],
)
def test_an_excerpt_without_the_table_is_recognised(tmp_path, pdf, pages, family):
    part = excerpt(pdf, pages, tmp_path / "excerpt.pdf")
    raw = read_pdf(part)
    assert not matches(load_profile(family), raw.text_of_pages(1, 8)), "the family's phrases are not in the excerpt"
    stages = compute_stages(part)
    assert stages.profile == family and not stages.overview.rows
    assert stages.fit.startswith("fit ") and not stages.fit.endswith("poor")
    assert len(stages.tiltak) >= 2 and all(t.status_value not in (None, "ukjent") for t in stages.tiltak if t.status)


def test_a_forced_profile_that_fits_poorly_is_a_finding(tmp_path):
    """--profile still forces a profile; a poor fit is then said, not hidden."""
    stages = compute_stages(ARSRAPPORT, load_profile("sjef-i-eget-liv-status"))
    assert stages.profile == "sjef-i-eget-liv-status" and stages.fit.endswith(", poor")
    [poor] = [f for f in stages.findings if f.code == "profile_fit_poor"]
    assert "0 of 23 statuses recognised" in poor.message
    out = tmp_path / "out"
    assert main(["run", str(ARSRAPPORT), "--profile", "sjef-i-eget-liv-status", "--out", str(out), "--in-process"]) == 0
    assert not (out / "frihet-arsrapport-2023" / "profile.toml").exists()
    assert pq.read_table(out / "frihet-arsrapport-2023" / "tiltak.parquet").column("status").to_pylist().count("ukjent") == 23


def test_profile_check_prints_the_fit_table_and_the_choice(capsys):
    assert main(["profile", "check", str(SJEF["sjef-2026"])]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["profile", "blocks", "department", "status", "report", "statuses", "table", "summary", "markers", "score", "verdict"]
    assert out[1].split()[:2] == ["sjef-i-eget-liv-status", "12/12"] and out[1].endswith("good")
    assert [line.split()[0] for line in out[2:4]] == ["inferred", "frihet-sluttrapport"]
    assert out[-1].endswith("run would use profile sjef-i-eget-liv-status, fit 12/12 blocks, 10/11 statuses")
    assert main(["profile", "check", str(SJEF["sjef-2026"]), "--profile", "frihet-sluttrapport"]) == 0
    assert "poor: no «Tiltak N» heading found" in capsys.readouterr().out


def test_profile_draft_of_a_document_without_numbered_headings_is_refused(tmp_path, capsys):
    from .synth import SynthDoc

    plain = SynthDoc().text("Bare en vanlig tekst uten tiltak.").write(tmp_path / "plain.pdf")
    assert main(["profile", "draft", str(plain)]) == 6
    assert "no profile can be inferred from it" in capsys.readouterr().err


def test_measures_added_last_in_their_focus_areas_count_as_in_sequence():
    """Held-out batch 2 (nytt-tiltak-fotnoter-lenker): «Tiltak 12 (nytt)» closes focus area 1 before
    «Tiltak 4» opens area 2. The numbers go back where the area opens, as the report means them to:
    the fit counts every block, not 10 of 12. Numbers that go back within a focus area still do not count."""
    from pipeline.choice.fit import in_sequence

    numbers, areas = [1, 2, 3, 12, 4, 5, 6, 13, 7, 8, 9, 14], [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]
    assert in_sequence(numbers, areas) == 12
    assert in_sequence(numbers) == 10  # no focus areas known: nothing says they were added
    assert in_sequence([1, 3, 2, 4], [1, 1, 1, 1]) == 3


def test_measures_ordered_by_their_ministries_count_as_in_sequence():
    """Held-out batch 4 (gruppert-per-departement): measures grouped under their ministries go back where each group
    starts, in the plan's order within it: the fit counts every block, not 8 of 11."""
    from pipeline.choice.fit import in_sequence

    numbers, areas = [1, 4, 6, 9, 2, 5, 8, 3, 10, 7, 11], [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4]
    assert in_sequence(numbers, areas) == 11
    assert in_sequence(numbers) == 8


def test_a_report_whose_title_names_another_plan_does_not_fit_this_plan_s_profile():
    """Issue 19, item 3: the plan is part of the fit. A status report of the frihet plan set in the
    Sjef i eget liv reports' words is read by that profile block for block, yet does not fit it: its
    title pages name the frihet plan, not Sjef i eget liv (which its body mentions, as a plan a measure
    goes on in). The report gets an inferred profile, and the fit table says why."""
    from tools.fixtures.families import FAMILIES, OUT_DIR

    member = next(f for f in FAMILIES if f.name == "kolon-sjef-etiketter")
    detection = detect(raw_of(OUT_DIR / f"{member.report_id}.pdf"), all_profiles())
    sjef = next(r for r in detection.readings if r.profile.name == "sjef-i-eget-liv-status")
    assert sjef.fit.blocks == 16 and sjef.fit.other_plan.startswith("Frihet fra negativ sosial kontroll")
    assert any("names another plan" in why for why in sjef.fit.poor_reasons())
    assert detection.chosen.inferred is not None
    # a report of the plan itself names it: no other plan is held against its own profile
    own = detect(raw_of(SJEF["sjef-2025"]), all_profiles()).chosen
    assert own.profile.name == "sjef-i-eget-liv-status" and own.fit.other_plan == ""


def test_a_plan_no_profile_knows_named_on_the_title_page_is_held_against_a_profile_alike():
    """The final report's words, shape and statuses for a plan no profile knows: the final report's
    profile reads every block and status, and the title page's plan alone makes its fit poor; the
    inferred profile, which fits well, is chosen over it, and its plan is the one the title page names."""
    from tools.fixtures.families import FAMILIES, OTHER_PLAN, OUT_DIR

    member = next(f for f in FAMILIES if f.name == "annen-plan")
    detection = detect(raw_of(OUT_DIR / f"{member.report_id}.pdf"), all_profiles())
    frihet = next(r for r in detection.readings if r.profile.name == "frihet-sluttrapport")
    assert (frihet.fit.blocks, frihet.fit.statuses) == (16, 16) and frihet.fit.other_plan == OTHER_PLAN
    assert frihet.fit.poor_reasons() == [f"the report names another plan, «{OTHER_PLAN}»"]
    assert detection.chosen.inferred is not None and not detection.chosen.fit.poor
    assert detection.chosen.profile.plan == OTHER_PLAN


def test_a_report_of_another_plan_that_nothing_reads_is_no_report_of_the_family_whose_phrases_it_prints(tmp_path):
    """Held-out batch 2: a status report of a plan no profile knows prints «Statusrapport 2023» and
    «Status for tiltakene», the phrases of the Sjef i eget liv reports. Where nothing reads it, it is of
    an unknown family, not «no tiltak found» under that profile: its title page names another plan."""
    from pipeline.errors import NoTiltakFoundError, UnknownReportFamilyError

    from .synth import SynthDoc

    def report(plan: str) -> Path:
        d = SynthDoc().bold(plan, size=22).text("Statusrapport 2023", size=14, gap=8)
        d.new_page().bold("Status for tiltakene", size=14).text("Ingen tiltak er beskrevet i denne teksten.", gap=6)
        return d.write(tmp_path / f"{len(plan)}.pdf")

    with pytest.raises(UnknownReportFamilyError):
        detect(read_pdf(report("Handlingsplan mot noe annet (2022–2025)")), all_profiles())
    with pytest.raises(NoTiltakFoundError, match="sjef-i-eget-liv-status"):  # no other plan named: the phrases' family
        detect(read_pdf(report("Et notat om arbeidet")), all_profiles())
