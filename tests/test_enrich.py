"""Departments, plans, references, links, footnotes and provenance, spot-checked against the source text.

Expectations are read off tests/data/sluttrapport-frihet-2021-2024.txt (page 3's
list of departments and its footnote 1; the department and status lines and the
mentions of other measures in the body) and hold for both renderings.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pyarrow.parquet as pq
import pytest

from pipeline.findings import Finding, merge_findings
from pipeline.stages.enrich import Details, enrich, enrichment_findings
from pipeline.stages.enrich.departementer import Responsibility, combined, responsibility
from pipeline.stages.enrich.plans import Plan, continued_in
from pipeline.stages.enrich.references import ExternalReference, references
from pipeline.stages.fields import FieldText

NIBR = "https://oda.oslomet.no/oda-xmlui/handle/11250/3050589"
OPPTRAPPING = Plan("Opptrappingsplan mot vold og overgrep mot barn og vold i nære relasjoner", 2024, 2028)
SJEF = "Sjef i eget liv - styrket innsats mot negativ sosial kontroll og æresmotivert vold"
SJEF_EN_DASH = "Sjef i eget liv – styrket innsats mot negativ sosial kontroll og æresmotivert vold"

# page 3: "• Ministry (ABBR)" with its directorates as "o Directorate (ABBR)" under it
DEPARTEMENTER = {
    "AID": ("Arbeids- og inkluderingsdepartementet", "ministry", None),
    "IMDi": ("Integrerings- og mangfoldsdirektoratet", "directorate", "AID"),
    "Avdir": ("Arbeids- og velferdsdirektoratet", "directorate", "AID"),
    "BFD": ("Barne- og familiedepartementet", "ministry", None),
    "Bufdir": ("Barne-, ungdoms- og familiedirektoratet", "directorate", "BFD"),
    "HOD": ("Helse- og omsorgsdepartementet", "ministry", None),
    "Hdir": ("Helsedirektoratet", "directorate", "HOD"),
    "JD": ("Justis- og beredskapsdepartementet", "ministry", None),
    "POD": ("Politidirektoratet", "directorate", "JD"),
    "UDI": ("Utlendingsdirektoratet", "directorate", "JD"),
    "KUD": ("Kultur- og likestillingsdepartementet", "ministry", None),
    "KD": ("Kunnskapsdepartementet", "ministry", None),
    "HK-dir": ("Direktoratet for høyere utdanning og kompetanse", "directorate", "KD"),
    "Udir": ("Utdanningsdirektoratet", "directorate", "KD"),
    "UD": ("Utenriksdepartementet", "ministry", None),
}

_CACHE: dict[str, object] = {}


@pytest.fixture(scope="module")
def enriched(rendering, profile):
    name, stages, _ = rendering
    if name not in _CACHE:
        _CACHE[name] = enrich(stages.tiltak, profile, stages.document)
    return name, stages, _CACHE[name]


def details(stages, enrichment, nr) -> Details:
    return next(d for t, d in zip(stages.tiltak, enrichment.tiltak) if t.tiltak_nr == nr)


def part_details(stages, enrichment, nr, part) -> Details:
    for t, ds in zip(stages.tiltak, enrichment.deler):
        if t.tiltak_nr == nr:
            return next(d for p, d in zip(t.parts, ds) if p.part == part)
    raise KeyError(nr)


# --- departments ----------------------------------------------------------------


def test_every_ministry_and_directorate_of_the_list(enriched):
    _, _, e = enriched
    got = {d.abbreviation: (d.name, d.kind, d.parent) for d in e.departementer}
    assert got == DEPARTEMENTER
    assert [d.abbreviation for d in e.departementer if d.kind == "ministry"] == ["AID", "BFD", "HOD", "JD", "KUD", "KD", "UD"]
    assert {d.page for d in e.departementer} == {3}


def test_footnote_1_is_the_note_of_aid(enriched):
    _, _, e = enriched
    notes = {d.abbreviation: d.note for d in e.departementer if d.note}
    assert list(notes) == ["AID"]
    assert notes["AID"].startswith("Siden handlingsplanen ble lansert har integreringsarbeidet flyttet fra Kunnskapsdepartementet (KD)")
    assert next(d.footnote for d in e.departementer if d.abbreviation == "AID") == 1


@pytest.mark.parametrize(
    ("nr", "lead", "partners"),
    [(5, "AID", ("BFD", "HOD", "JD", "KUD")), (19, "BFD", ("HOD", "AID")), (10, "KD", ("HOD",)), (4, "JD", ()), (9, "KD", ())],
)
def test_lead_and_partners(enriched, nr, lead, partners):
    _, stages, e = enriched
    d = details(stages, e, nr)
    assert (d.lead_departement, d.samarbeid) == (lead, partners)


def test_parts_of_tiltak_10_have_their_own_departments(enriched):
    _, stages, e = enriched
    assert part_details(stages, e, 10, "a").lead_departement == "KD"
    assert part_details(stages, e, 10, "a").samarbeid == ()
    assert part_details(stages, e, 10, "b").samarbeid == ("HOD",)


def test_the_table_wording_bfd_og_aid(profile):
    assert responsibility("BFD og AID", profile) == Responsibility("BFD", ("AID",))
    assert responsibility("AID, i samarbeid med BFD, HOD, JD og KUD", profile) == Responsibility("AID", ("BFD", "HOD", "JD", "KUD"))
    assert responsibility(None, profile) == Responsibility(None)
    assert combined([Responsibility("KD"), Responsibility("KD", ("HOD",))]) == Responsibility("KD", ("HOD",))


def test_an_unknown_department_is_kept_and_reported(word_stages, profile):
    t = next(t for t in word_stages.tiltak if t.tiltak_nr == 5)
    field = FieldText("AID, i samarbeid med BFD og XYZD", t.ansvarlig_departement.label, t.ansvarlig_departement.boxes)
    odd = replace(t, ansvarlig_departement=field, parts=(replace(t.parts[0], ansvarlig_departement=field),))
    e = enrich([odd], profile, word_stages.document)
    assert e.tiltak[0].samarbeid == ("BFD", "XYZD")
    (finding,) = e.findings
    assert (finding.code, finding.severity, finding.tiltak_nr, finding.field) == ("unknown_department", "warning", 5, "ansvarlig_departement")
    assert "XYZD" in finding.message and finding.body_value == field.text
    assert enrichment_findings(word_stages.document, [odd], profile) == [finding]


def test_the_shipped_report_names_no_unknown_department(enriched):
    _, _, e = enriched
    assert e.findings == ()


def test_without_the_list_nothing_is_judged_unknown(word_stages, profile):
    e = enrich(word_stages.tiltak, profile)  # no document: no list of departments
    assert e.departementer == () and e.findings == ()
    assert e.tiltak[4].lead_departement == "AID"


def test_merged_findings_keep_validate_order_without_repeats():
    a = Finding("status_mismatch", "error", "m", 3)
    b = Finding("unknown_department", "warning", "m", 1)
    c = Finding("part_status_differs", "info", "m", 2)
    assert merge_findings([a, c], [b, a]) == (a, b, c)


# --- plans ------------------------------------------------------------------------


def test_tiltak_6_continues_in_two_plans(enriched):
    _, stages, e = enriched
    assert details(stages, e, 6).continued_in == (OPPTRAPPING, Plan(SJEF, 2025, 2028))


def test_tiltak_7_continues_in_the_opptrappingsplan(enriched):
    _, stages, e = enriched
    assert details(stages, e, 7).continued_in == (OPPTRAPPING,)


def test_tiltak_10_continues_by_its_part_a(enriched):
    _, stages, e = enriched
    assert part_details(stages, e, 10, "a").continued_in == (Plan(SJEF, 2025, 2028),)
    assert part_details(stages, e, 10, "b").continued_in == ()
    assert details(stages, e, 10).continued_in == (Plan(SJEF, 2025, 2028),)


def test_tiltak_31_keeps_its_en_dash_name(enriched):
    _, stages, e = enriched
    assert details(stages, e, 31).continued_in == (Plan(SJEF_EN_DASH, 2025, 2028),)
    assert details(stages, e, 31).continued_in[0].label == f"{SJEF_EN_DASH} (2025–2028)"


def test_finished_measures_continue_in_nothing(enriched):
    _, stages, e = enriched
    for t, d in zip(stages.tiltak, e.tiltak):
        if t.status_value == "Ferdigstilt":
            assert d.continued_in == (), t.tiltak_nr
    assert details(stages, e, 4).continued_in == ()  # "Tiltaket videreføres." names no plan


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tiltaket videreføres i Opptrappingsplanen mot vold (2024-2028).", (Plan("Opptrappingsplanen mot vold", 2024, 2028),)),
        ("Tiltaket videreføres i planen «Trygg hjemme» (2025 — 2030).", (Plan("Trygg hjemme", 2025, 2030),)),
        ("Tiltaket videreføres i ny handlingsplan.", (Plan("ny handlingsplan"),)),
        ("Tiltaket videreføres.", ()),
        ("Tiltaket er ferdigstilt.", ()),
        (None, ()),
    ],
)
def test_continued_in_sentences(profile, sentence, expected):
    assert continued_in(sentence, profile) == expected


# --- references -------------------------------------------------------------------


@pytest.mark.parametrize(("nr", "refs"), [(1, (8,)), (7, (1,)), (8, (1, 27)), (31, (5,)), (9, ()), (22, ()), (24, ())])
def test_references_to_measures_of_this_plan(enriched, nr, refs):
    _, stages, e = enriched
    assert details(stages, e, nr).references == refs


def test_references_to_measures_of_other_plans(enriched):
    _, stages, e = enriched
    assert details(stages, e, 22).external_references == (ExternalReference("26a", SJEF_EN_DASH),)
    assert details(stages, e, 24).external_references == (ExternalReference("1b", "ny handlingsplan for 2025-2028"),)
    others = {t.tiltak_nr for t, d in zip(stages.tiltak, e.tiltak) if d.external_references}
    assert others == {22, 24}


def test_a_block_does_not_refer_to_itself(profile):
    text = "Utdanningsdirektoratet (Udir) har valgt å se tiltake 9a og 9b i sammenheng, jf. tiltak 3."
    assert references([text], 9, profile).internal == (3,)
    assert references([text], 3, profile).internal == (9,)


# --- footnotes, links, provenance ---------------------------------------------------


def test_footnote_2_stands_in_tiltak_1s_description(enriched):
    _, _, e = enriched
    notes = {f.number: f for f in e.fotnoter}
    assert sorted(notes) == [1, 2]
    assert (notes[2].tiltak_nr, notes[2].part, notes[2].field) == (1, None, "description")
    assert notes[2].footnote.text.startswith("Lhbtiq er en forkortelse") and notes[2].marker.after == "lhbtiq"
    assert (notes[1].tiltak_nr, notes[1].field) == (None, "departementer")


def test_links_inside_tiltak_1s_sluttrapport(enriched):
    _, stages, e = enriched
    links = details(stages, e, 1).links
    nibr = [lk for lk in links if lk.url == NIBR]
    assert len(nibr) == 1  # the two annotations of the wrapped link are one link
    assert nibr[0].field == "sluttrapport"
    assert nibr[0].anchor_text.startswith("Vil gjerne vite mer: Kompetansebehov om")
    assert nibr[0].anchor_text.endswith("integreringstjenestene.")
    assert all(lk.field == "sluttrapport" for lk in links)


def test_every_link_is_placed_once(enriched):
    _, stages, e = enriched
    assert len(e.lenker) == len(stages.document.links)
    nibr = [lp for lp in e.lenker if lp.link.uri == NIBR]
    assert {(lp.tiltak_nr, lp.field) for lp in nibr} == {(1, "sluttrapport")}
    assert {lp.link.page for lp in e.lenker if lp.tiltak_nr is None} == {3}  # the front matter's links


def test_provenance_of_tiltak_29s_title_spans_a_page_break(rendering):
    name, stages, files = rendering
    rows = pq.read_table(io.BytesIO(files["provenance.parquet"])).to_pylist()
    title = [r for r in rows if r["tiltak_nr"] == 29 and r["field"] == "title" and r["part"] is None]
    t = next(t for t in stages.tiltak if t.tiltak_nr == 29)
    assert [(r["page"], r["x0"], r["top"], r["x1"], r["bottom"]) for r in title] == [(b.page, b.x0, b.top, b.x1, b.bottom) for b in t.title_boxes]
    assert title
    if name == "word":  # the original's page break splits the heading
        assert [r["page"] for r in title] == [25, 26]


def test_provenance_covers_every_field_of_every_row(rendering):
    _, stages, files = rendering
    rows = pq.read_table(io.BytesIO(files["provenance.parquet"])).to_pylist()
    keys = {(r["tiltak_nr"], r["part"], r["field"]) for r in rows}
    for t in stages.tiltak:
        for f in ("title", "description", "ansvarlig_departement", "status", "sluttrapport"):
            assert (t.tiltak_nr, None, f) in keys, (t.tiltak_nr, f)
    assert {(10, "a", "status"), (10, "b", "status"), (9, "a", "sluttrapport"), (9, "b", "title")} <= keys
