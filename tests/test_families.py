"""The family matrix (issue 19): reports of one plan in the shapes and words of families nobody wrote a profile for.

Each member (tools/fixtures/families.py, tests/pdfs/families/) is read with no profile: detection
finds none that fits (not even the profiles whose words are alike), one is inferred, and what is
read is compared with the goldens made from the generator's source (tests/golden/families/). A
draft saved as a profile reproduces the inferred run. Documents that are no action-plan report
(a law, a budget, a letter, a risk assessment, and the real ones in ../shared/real-world/) are still
«unknown report family»: numbered chapters, § sections and recommendations are not measures.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.choice.choose import draft_profile
from pipeline.choice.detect import all_profiles, detect
from pipeline.choice.infer import infer_profile
from pipeline.errors import UnknownReportFamilyError
from pipeline.profiles.loader import FIELD_KINDS, load_profile, parse_profile
from pipeline.run.runner import output_files, stages_of
from pipeline.stages.enrich.references import references
from pipeline.stages.extract import read_pdf
from tools.fixtures.families import FAMILIES, GOLDEN_DIR, OUT_DIR, Family

from .goldens import as_golden_csv_rows, check_fields
from .helpers import ROOT, raw_of, sampled, slow
from .synth import BOLD, REGULAR, SynthDoc

REAL_WORLD = ROOT.parent / "shared" / "real-world"
# The members the fast loop keeps for the costly checks (the draft's second run): the base, one
# without a word or a table, and the one whose words are another family's.
KEPT = ("tankestrek", "bare-nummer", "uten-tabell", "kolon-sjef-etiketter", "tabell")


def pdf_of(family: Family) -> Path:
    return OUT_DIR / f"{family.report_id}.pdf"


def golden(family: Family, name: str):
    path = GOLDEN_DIR / family.name / name
    if name.endswith(".json"):
        return json.loads(path.read_text(encoding="utf-8"))
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


_READ: dict[str, object] = {}


def read(family: Family):
    """The member read with no profile, once per test process."""
    if family.name not in _READ:
        _READ[family.name] = stages_of(raw_of(pdf_of(family)), family.report_id)
    return _READ[family.name]


_DETECTED: dict[str, object] = {}


def detected(family: Family):
    """Every profile tried on the member, and the inferred one, once per test process."""
    if family.name not in _DETECTED:
        _DETECTED[family.name] = detect(raw_of(pdf_of(family)), all_profiles())
    return _DETECTED[family.name]


def test_the_matrix_is_committed_with_its_goldens():
    assert len(FAMILIES) >= 8
    for family in FAMILIES:
        assert pdf_of(family).is_file(), family.name
        assert (GOLDEN_DIR / family.name / "tiltak.json").is_file(), family.name
        assert (GOLDEN_DIR / family.name / "oversikt.csv").is_file() == family.table, family.name
    assert {f.name for f in FAMILIES} == {p.name for p in GOLDEN_DIR.iterdir() if p.is_dir()}


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_every_member_is_read_right_with_no_profile(family):
    stages = read(family)
    want = golden(family, "tiltak.json")
    assert stages.profile == "inferred"
    measures = "table rows" if golden(family, "profile.json").get("body") == "table" else "blocks"
    assert stages.fit == f"fit {len(want)}/{len(want)} {measures}, {len(want)}/{len(want)} statuses"
    assert [t.tiltak_nr for t in stages.tiltak] == [w["tiltak_nr"] for w in want]
    assert [t.printed_nr for t in stages.tiltak] == [w.get("nummer", str(w["tiltak_nr"])) for w in want]
    for t, w in zip(stages.tiltak, want):
        label = f"{family.name} tiltak {t.tiltak_nr}"
        assert (t.title, t.innsatsomrade_nr, t.page_start, t.page_end) == (w["title"], w["innsatsomrade_nr"], w["page_start"], w["page_end"]), label
        assert (t.status.label, t.sluttrapport.label) == (w["status_label"], w["report_label"]), label
        check_fields(label, t, w)  # department, status sentence and value, description and report text


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_the_table_and_its_summary_are_read_as_printed(family):
    stages = read(family)
    if not family.table:
        assert not stages.overview.found
        return
    assert as_golden_csv_rows(stages.overview.rows) == golden(family, "oversikt.csv")
    summary = golden(family, "summary.json")
    assert stages.overview.summary_total == summary.pop("total")
    assert stages.overview.summary_counts == summary


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_the_inferred_profile_has_the_member_s_words(family):
    stages = read(family)
    want = golden(family, "profile.json")
    profile = parse_profile(tomllib.loads(stages.inferred_profile))
    assert profile.body == want.get("body", "blocks")
    if want["heading"] is not None:
        assert profile.headings["tiltak"].pattern.match(want["heading"])
    for key, header in want.get("columns", {}).items():  # a table of measures: each column's role, by its header
        assert any(c.key == key and c.header.match(header) for c in profile.overview_columns), (key, header)
    for kind in FIELD_KINDS:
        for label in want["labels"][kind]:
            assert profile.labels[kind].match(f"{label}: tekst"), (kind, label)
    assert set(profile.status_names) == set(want["statuses"])
    assert (stages.plan, stages.report_year) == (want["plan"], want["year"])
    findings = {f.code for f in stages.findings}
    assert not findings & {"status_mismatch", "unknown_status", "summary_count_vs_table", "missing_field"}, findings


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_no_profile_is_given_a_member_because_its_words_are_alike(family):
    detection = detected(family)
    assert detection.chosen.inferred is not None and not detection.chosen.fit.poor
    known = [r for r in detection.readings if r.inferred is None]
    assert known and all(r.fit.poor for r in known), [(r.profile.name, r.fit.poor_reasons()) for r in known]


def test_the_members_alike_another_family_are_still_not_given_its_profile():
    """«Tiltak N.» under the final report's labels and plan; «Tiltak N:» under the status reports'
    labels and their title and table: each profile reads the blocks, yet is not chosen."""
    by_name = {f.name: f for f in FAMILIES}
    for member, profile, reason in (
        ("punktum", "frihet-sluttrapport", "statuses recognised"),
        ("kolon-sjef-etiketter", "sjef-i-eget-liv-status", "statuses recognised"),
    ):
        detection = detected(by_name[member])
        alike = next(r for r in detection.readings if r.profile.name == profile)
        assert alike.fit.blocks == 16 and any(reason in why for why in alike.fit.poor_reasons()), alike.fit.row()
        assert detection.chosen.inferred is not None
    sjef = next(r for r in detected(by_name["kolon-sjef-etiketter"]).readings if r.profile.name == "sjef-i-eget-liv-status")
    assert sjef.fit.markers == sjef.fit.markers_expected == 2, "its title and its table's title are the status reports'"


@pytest.mark.parametrize("family", sampled(FAMILIES, keep=KEPT, ids=lambda f: f.name))
def test_the_draft_saved_as_a_profile_reproduces_the_inferred_run(family, tmp_path):
    inferred = read(family)
    draft = tmp_path / "draft.toml"
    draft.write_text(draft_profile(pdf_of(family)).toml, encoding="utf-8")
    assert draft.read_text(encoding="utf-8") == inferred.inferred_profile
    given = stages_of(raw_of(pdf_of(family)), family.report_id, load_profile(draft))
    assert given.profile == inferred.profile == "inferred" and given.fit == inferred.fit
    a, b = output_files(inferred), output_files(given)
    for table in ("tiltak", "tiltak_deler", "oversikt", "innsatsomrader", "provenance", "lenker"):
        assert a[f"{table}.csv"] == b[f"{table}.csv"], table
        assert pq.read_table(io.BytesIO(a[f"{table}.parquet"])).equals(pq.read_table(io.BytesIO(b[f"{table}.parquet"]))), table
    assert [f for f in inferred.findings if f.code != "profile_inferred"] == list(given.findings)


# --- measures numbered per focus area («Tiltak 2.1») ---------------------------------------------

PER_AREA = [f for f in FAMILIES if f.per_area]


@pytest.mark.parametrize("family", PER_AREA, ids=lambda f: f.name)
def test_measures_numbered_per_area_are_one_row_each_keyed_by_place_and_printed_number(family):
    """The last levels repeat (1.1, 2.1, 3.1): every table keeps one row per measure, tiltak_nr its
    place and nummer the number as printed, the body and the table matched by it."""
    stages = read(family)
    want = golden(family, "tiltak.json")
    assert len({re.search(r"\d+$", w["nummer"]).group() for w in want}) < len(want)  # the last level alone names no measure
    files = output_files(stages)
    tiltak = pq.read_table(io.BytesIO(files["tiltak.parquet"])).to_pylist()
    assert [(t["tiltak_nr"], t["nummer"]) for t in tiltak] == [(w["tiltak_nr"], w["nummer"]) for w in want]
    assert [t["table_status"] for t in tiltak] == [w["status"] for w in want]  # each block met its own row
    oversikt = pq.read_table(io.BytesIO(files["oversikt.parquet"])).to_pylist()
    assert [(r["tiltak_nr"], r["nummer"]) for r in oversikt] == [(w["tiltak_nr"], w["nummer"]) for w in want]
    deler = pq.read_table(io.BytesIO(files["tiltak_deler.parquet"])).to_pylist()
    assert [d["del_id"] for d in deler] == [w["nummer"] for w in want]
    provenance = pq.read_table(io.BytesIO(files["provenance.parquet"])).to_pylist()
    assert {(p["tiltak_nr"], p["nummer"]) for p in provenance} == {(w["tiltak_nr"], w["nummer"]) for w in want}
    codes = {f.code for f in stages.findings}
    assert not codes & {"duplicate_in_body", "duplicate_in_table", "numbered_per_area", "missing_in_table", "missing_in_body"}, codes
    assert "measures numbered per focus area" in stages.inferred_profile


@pytest.mark.parametrize("family", [f for f in PER_AREA if f.body == "blocks"], ids=lambda f: f.name)
def test_findings_name_measures_numbered_per_area_as_printed(family):
    """A reader looks for «Tiltak B1» (or «2.1»), not for its place: the messages print the number as
    the report does; tiltak_nr, the findings' key, stays the place."""
    stages = read(family)
    printed = {t.tiltak_nr: t.nummer for t in stages.tiltak}
    about = [f for f in stages.findings if f.tiltak_nr is not None]
    assert about, "the member has findings about measures (partners the table leaves out)"
    for f in about:
        assert f.message.startswith(f"Tiltak {printed[f.tiltak_nr]}") and f.message_nb.startswith(f"Tiltak {printed[f.tiltak_nr]}"), f.message


def test_references_to_measures_numbered_per_area_name_their_place():
    """«se tiltak 2.1» under the profile inferred from the per-area member: the measure's tiltak_nr;
    a number the report does not print has no place and is no reference."""
    stages = read(next(f for f in PER_AREA if f.body == "blocks"))
    profile = parse_profile(tomllib.loads(stages.inferred_profile))
    places = {t.nummer: t.tiltak_nr for t in stages.tiltak}
    text = "Se tiltak 2.1 og 1.2, jf. tiltak 3.9 og tiltak 1.1."
    assert references([text], places["1.1"], profile, places).internal == (places["1.2"], places["2.1"]) == (2, 5)
    assert references([text], places["1.1"], profile).internal == ()  # without the report's numbers, none is placed


def test_a_profile_that_reads_the_last_level_of_numbers_per_area_says_so(tmp_path):
    """Say when unsure: the per-area member read with flernivaa's profile, whose number is the last
    level («Tiltak 2.8» is 8), gets numbers that repeat; an error says why, and no two measures share a row silently."""
    by_name = {f.name: f for f in FAMILIES}
    last_level = tmp_path / "last-level.toml"
    last_level.write_text(draft_profile(pdf_of(by_name["flernivaa"])).toml, encoding="utf-8")
    member = by_name["nummer-per-omraade"]
    stages = stages_of(raw_of(pdf_of(member)), member.report_id, load_profile(last_level))
    assert len(stages.tiltak) == 16
    found = [f for f in stages.findings if f.code == "numbered_per_area"]
    # the body and the table (whose Nr. column that profile reads by its last level too), an error each
    assert sorted((f.severity, f.message.split(" numbers ")[0]) for f in found) == [("error", "The body text"), ("error", "The overview table")]
    assert all("focus areas 2–5" in f.message and "tiltak 1–4" in f.message for f in found)
    assert {f.tiltak_nr for f in stages.findings if f.code == "duplicate_in_body"} == {1, 2, 3, 4}


# --- never invent -------------------------------------------------------------------------------


def law() -> SynthDoc:
    """A law: numbered chapters in bold, § sections, numbered paragraphs; no labels."""
    d = SynthDoc()
    d.bold("Lov om digital motstandsdyktighet i finanssektoren", size=16)
    for chapter in range(1, 4):
        d.bold(f"Kapittel {chapter}. Alminnelige bestemmelser del {chapter}", size=13, gap=14)
        for section in range(1, 4):
            nr = (chapter - 1) * 3 + section
            d.bold(f"§ {nr}. Virkeområde {nr}", size=11, gap=8)
            d.text(f"(1) Loven gjelder for foretak som nevnt i § {nr}.")
            d.text("(2) Departementet kan gi forskrift om unntak.")
    return d


def budget() -> SynthDoc:
    """A budget proposition: numbered chapters and sections, a table of posts; no labels."""
    d = SynthDoc()
    d.bold("Prop. 1 S Statsbudsjettet", size=18)
    for chapter in range(1, 4):
        d.bold(f"{chapter} Hovedlinjer i budsjettet {chapter}", size=14, gap=16)
        for section in range(1, 4):
            d.bold(f"{chapter}.{section} Utgifter etter område {section}", size=12, gap=10)
            d.text("Regjeringen foreslår bevilgninger til tiltak mot vold og overgrep.")
            d.row(["Post", "Betegnelse", "Regnskap 2024", "Forslag 2026"], [72.0, 110.0, 330.0, 430.0], font=BOLD, gap=4)
            d.row(["70", "Tilskudd til kommuner", "1 200", "1 350"], [72.0, 110.0, 330.0, 430.0], gap=2)
    return d


def letter() -> SynthDoc:
    """A letter: field labels at line starts (Vår ref., Dato), no numbered headings."""
    d = SynthDoc()
    d.label("Vår ref.:", "21/1234")
    d.label("Dato:", "1. mars 2024")
    d.label("Saksbehandler:", "Kari Nordmann")
    d.bold("Svar på henvendelse om tiltak", size=13, gap=14)
    d.text("Vi viser til brevet om status for tiltakene i handlingsplanen.")
    d.text("1. Departementet har vurdert saken.")
    d.text("2. Status for arbeidet er at det pågår.")
    return d


def risk_assessment() -> SynthDoc:
    """A risk assessment: numbered chapters and numbered recommendations, set apart; no fields."""
    d = SynthDoc()
    d.bold("Risiko 2021", size=20)
    for chapter in range(1, 4):
        d.bold(f"{chapter}. Sårbarheter i digital infrastruktur {chapter}", size=14, gap=16)
        d.text("Virksomhetene må styrke sikkerhetsarbeidet sitt.")
        d.bold("NSM anbefaler", size=11, gap=8)
        for k in range(1, 3):
            d.bold(f"{2 * chapter + k - 2}. Norge trenger en felles digital grunnmur {k}", size=11, gap=6)
            d.text("Anbefalingen gjelder alle sektorer og ansvar for oppfølging.")
    return d


@pytest.mark.parametrize("make", [law, budget, letter, risk_assessment], ids=lambda f: f.__name__)
def test_a_document_that_is_no_report_is_an_unknown_report_family(make, tmp_path):
    raw = read_pdf(make().write(tmp_path / f"{make.__name__}.pdf"))
    assert infer_profile(raw) is None
    with pytest.raises(UnknownReportFamilyError):
        detect(raw, all_profiles())


def test_numbered_headings_in_sequence_are_no_measures_without_their_fields(tmp_path):
    """The same blocks as a member's, without labels: numbered and set apart, but nothing says they are measures."""
    d = SynthDoc()
    for nr in range(1, 6):
        d.bold(f"Tiltak {nr} – Videreutvikle arbeidet {nr}", size=13, gap=10)
        d.text("Beskrivelse av arbeidet, uten ansvar, status eller rapport.")
    assert infer_profile(read_pdf(d.write(tmp_path / "uten-felt.pdf"))) is None
    d.line(("Status:", BOLD, 11), (" Arbeidet pågår.", REGULAR, 11), gap=4)  # one block with a field: still too few
    assert infer_profile(read_pdf(d.write(tmp_path / "ett-felt.pdf"))) is None


REAL = sorted(REAL_WORLD.glob("*.pdf")) if REAL_WORLD.is_dir() else []


@pytest.mark.skipif(not REAL, reason="../shared/real-world/ is not beside the checkout")
@pytest.mark.parametrize("pdf", [pytest.param(p, id=p.stem, marks=slow if p.stat().st_size > 1_000_000 else ()) for p in REAL])
def test_the_real_documents_that_are_no_reports_are_an_unknown_report_family(pdf):
    raw = read_pdf(pdf)
    assert infer_profile(raw) is None
    with pytest.raises(UnknownReportFamilyError):
        detect(raw, all_profiles())
