"""Departments, plans, references, links, footnotes and provenance, spot-checked against the source text.

Expectations are read off tests/data/sluttrapport-frihet-2021-2024.txt (page 3's
list of departments and its footnote 1; the department and status lines and the
mentions of other measures in the body) and hold for both renderings.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import replace

import pyarrow.parquet as pq
import pytest

from pipeline.findings import Finding, merge_findings
from pipeline.model import Hyphen, Line, Link, shifted
from pipeline.stages.enrich import Details, enrich, enrichment_findings
from pipeline.stages.enrich.departementer import Responsibility, combined, list_lines, read_department_list, responsibility
from pipeline.stages.enrich.plans import Plan, continued_in
from pipeline.stages.enrich.provenance import hyperlinks
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


def _glued(line: Line) -> Line:
    """The line with its bullet glued to the first word of the text ("•Arbeids-")."""
    bullet, first, *rest = line.words
    word = replace(first, text=bullet.text + first.text, x0=bullet.x0)
    return replace(line, words=(word, *rest))


def _with_lines(doc, changed: dict[Line, tuple[Line, ...]]):
    return replace(doc, lines=tuple(new for line in doc.lines for new in changed.get(line, (line,))))


def test_bullets_glued_to_their_text_give_the_same_list(word_stages, profile):
    doc = word_stages.document
    lines = list_lines(doc, profile.department_list)
    glued = _with_lines(doc, {line: (_glued(line),) for line in lines if line.words[0].text != "o"})  # "oIntegrerings-" is a word
    got = read_department_list(glued, profile)
    assert {d.abbreviation: (d.name, d.kind, d.parent) for d in got.departementer} == DEPARTEMENTER
    assert not got.incomplete


def test_a_list_that_goes_on_in_a_form_not_understood_is_incomplete(word_stages, profile):
    doc = word_stages.document
    aid, imdi, *_ = list_lines(doc, profile.department_list)
    unknown = _with_lines(doc, {imdi: (replace(imdi, words=(replace(imdi.words[0], text="♦"), *imdi.words[1:])),)})  # no bullet of the profile's
    got = read_department_list(unknown, profile)
    assert [d.abbreviation for d in got.departementer] == ["AID"]
    assert got.incomplete and got.bullets == 2 and got.unread == ("♦ Integrerings- og mangfoldsdirektoratet (IMDi)",)


def test_an_entry_wrapped_over_two_lines_is_one_entry(word_stages, profile):
    doc = word_stages.document
    aid = next(line for line in list_lines(doc, profile.department_list) if line.text.endswith("(AID)"))
    bullet, first, og, rest, abbreviation = aid.words
    height = aid.bottom - aid.top
    upper = replace(aid, words=(bullet, first, og), x1=og.x1)
    moved = tuple(
        replace(w, x0=w.x0 - rest.x0 + first.x0, x1=w.x1 - rest.x0 + first.x0, top=w.top + height, bottom=w.bottom + height)
        for w in (rest, abbreviation)
    )
    lower = replace(aid, x0=first.x0, x1=moved[-1].x1, top=aid.top + height, bottom=aid.bottom + height, words=moved)
    got = read_department_list(_with_lines(doc, {aid: (upper, lower)}), profile)
    assert {d.abbreviation: (d.name, d.kind, d.parent) for d in got.departementer} == DEPARTEMENTER
    assert len(next(d for d in got.departementer if d.abbreviation == "AID").boxes) == 2


def test_a_list_going_on_in_the_next_page_s_shifted_text_block_keeps_its_levels(word_stages, profile):
    """Held-out ho7-ty-mirrored-gutter: a list that runs on over a page break into a text block standing further
    right (a book's mirrored margins) keeps its levels there: an item's indentation is measured in its page's block,
    and a wrapped entry going on there is the entry's."""
    doc = word_stages.document
    lines = list_lines(doc, profile.department_list)
    page = lines[0].page
    over = {line: (replace(shifted(line, 40.0), page=page + 1),) for line in lines[len(lines) // 2 :]}  # the second half, over the page break
    shifts = tuple(40.0 if n == page + 1 else 0.0 for n in range(1, doc.page_count + 1))
    got = read_department_list(replace(_with_lines(doc, over), shifts=shifts), profile)
    assert {d.abbreviation: (d.name, d.kind, d.parent) for d in got.departementer} == DEPARTEMENTER
    assert not got.incomplete
    unshifted = read_department_list(_with_lines(doc, over), profile)  # measured on the paper, the levels are four
    assert {d.abbreviation: (d.name, d.kind, d.parent) for d in unshifted.departementer} != DEPARTEMENTER


def test_a_list_read_incompletely_is_one_error_instead_of_unknown_departments(word_stages, profile):
    doc = word_stages.document
    jd = next(line for line in list_lines(doc, profile.department_list) if line.text.endswith("(JD)"))
    broken = _with_lines(doc, {jd: (replace(jd, words=jd.words[:-1]),)})  # "(JD)" lost: the bullet line is no entry
    e = enrich(word_stages.tiltak, profile, broken)
    assert "JD" not in {d.abbreviation for d in e.departementer} and len(e.departementer) == 14
    (only,) = e.findings  # no unknown_department for the measures JD leads
    assert (only.code, only.severity, only.body_value, only.table_value, only.page) == ("department_list_incomplete", "error", "14", "15", 3)
    assert "15 bulleted items, of which 14" in only.message and "Justis- og beredskapsdepartementet" in only.message
    suppressed = len([t for t in word_stages.tiltak if t.ansvarlig_departement and "JD" in t.ansvarlig_departement.text])
    assert suppressed and f"the {suppressed} unknown_department warnings" in only.message
    assert enrichment_findings(broken, word_stages.tiltak, profile) == [only]


def test_a_list_title_without_bullets_is_an_error(word_stages, profile):
    doc = word_stages.document
    lines = list_lines(doc, profile.department_list)
    bare = _with_lines(doc, {line: (replace(line, words=line.words[1:], x0=line.words[1].x0),) for line in lines})
    e = enrich(word_stages.tiltak, profile, bare)
    assert e.departementer == ()
    assert [(f.code, f.page) for f in e.findings] == [("department_list_incomplete", 3)]


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
    merged = hyperlinks(stages.document.links, stages.document.hyphens)
    assert Counter(piece for hl in merged for piece in hl.pieces) == Counter(stages.document.links)  # every annotation in one link
    assert len(e.lenker) == len(merged) == 33  # one row per link, however many lines its anchor text wraps over
    nibr = [lp for lp in e.lenker if lp.link.uri == NIBR]
    assert {(lp.tiltak_nr, lp.field) for lp in nibr} == {(1, "sluttrapport")}
    assert {lp.link.page for lp in e.lenker if lp.tiltak_nr is None} == {3}  # the front matter's links


URL = "https://example.org/rapport"


def _link(text: str, page: int, x0: float, top: float, uri: str = URL) -> Link:
    return Link(uri, page, x0, top, x0 + 6.0 * len(text), top + 11.0, text)


def test_a_wrapped_link_is_one_link_whatever_order_the_annotations_come_in():
    first, second = _link("Opptrappingsplanen mot vold og", 3, 350.0, 187.7), _link("overgrep mot barn (2024-2028)", 3, 71.0, 201.2)
    for pieces in ([first, second], [second, first]):  # LibreOffice may write the second line's piece first
        (hl,) = hyperlinks(pieces)
        assert hl.link.anchor_text == "Opptrappingsplanen mot vold og overgrep mot barn (2024-2028)"
        assert (hl.link.page, hl.link.x0, hl.link.top) == (3, 350.0, 187.7)  # the first piece's box
        assert hl.pieces == (first, second)


def test_a_link_across_a_page_break_is_one_link():
    (hl,) = hyperlinks([_link("Tros- og livssynssamfunn mot", 16, 284.0, 745.7), _link("negativ sosial kontroll", 17, 57.0, 70.0)])
    assert hl.link.anchor_text == "Tros- og livssynssamfunn mot negativ sosial kontroll" and hl.link.page == 16


def test_a_word_broken_between_two_pieces_is_joined_as_extraction_decided():
    pieces = [
        _link("Kompetansebehov om æresre-", 4, 300.0, 100.0),
        _link("latert vold og kjønns-", 4, 57.0, 113.0),
        _link("og seksualitetsmangfold", 4, 57.0, 126.0),
    ]
    decided = [Hyphen(4, "æresre-", "latert", "join", "document"), Hyphen(4, "kjønns-", "og", "suspended", "next word")]
    (hl,) = hyperlinks(pieces, decided)
    assert hl.link.anchor_text == "Kompetansebehov om æresrelatert vold og kjønns- og seksualitetsmangfold"
    (u2010,) = hyperlinks(
        [_link("Bedre beskyt\u2010", 5, 464.0, 173.0), _link("telse for voldsutsatte", 5, 57.0, 186.8)],
        [Hyphen(5, "beskyt\u2010", "telse", "join", "pyphen")],
    )
    assert u2010.link.anchor_text == "Bedre beskyttelse for voldsutsatte"


def test_two_links_to_one_target_stay_two():
    apart = [_link("Opptrappingsplanen", 7, 300.0, 278.1), _link("Opptrappingsplanen", 7, 300.0, 617.9)]  # paragraphs apart
    assert [hl.link.anchor_text for hl in hyperlinks(apart)] == ["Opptrappingsplanen", "Opptrappingsplanen"]
    between = [_link("Nora", 25, 351.0, 164.7), _link("Ung.no.", 25, 389.0, 164.7, "https://www.ung.no/"), _link("mer", 25, 57.0, 178.0)]
    assert [hl.link.anchor_text for hl in hyperlinks(between)] == ["Nora", "Ung.no.", "mer"]


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


BLUE = "#0645ad"


def _coloured_line(top: float, page: int, *runs: tuple[str, str], x: float = 57.0) -> Line:
    """One line of runs (text, colour), each word 6 pt a letter wide, a word space between."""
    from pipeline.model import Word
    from pipeline.stages.engines.words import group_lines

    words = []
    for text, colour in runs:
        for w in text.split():
            words.append(Word(w, x, top, x + 6.0 * len(w), top + 11.0, 11.0, "Sans", False, color=colour))
            x = words[-1].x1 + 3.0
    return group_lines(words, page=page)[0]


def test_a_link_runs_on_in_its_colour_past_its_last_annotation():
    """Held-out ho4-cr-pull-quotes: Chromium drew no annotation for the piece of a link broken over a
    page; the words that open the next page in the link's colour, up to the text's, are the link's."""
    before = _coloured_line(745.7, 16, ("Se også", ""), ("informasjonstiltak om negativ", BLUE))
    link = Link(URL, 16, before.words[2].x0, 745.7, before.words[-1].x1, 756.7, "informasjonstiltak om negativ")
    after = _coloured_line(70.0, 17, ("sosial kontroll", BLUE), ("fra 2023.", ""))
    text = _coloured_line(732.0, 16, ("Arbeidet med planen har gitt resultater i flere kommuner og fylker, og det", ""))
    (hl,) = hyperlinks([link], (), [text, before, after])
    assert hl.link.anchor_text == "informasjonstiltak om negativ sosial kontroll" and hl.pieces == (link,)
    # in the text's colour, under an annotation of its own, or a whole line in the colour: no run on
    black = _coloured_line(70.0, 17, ("sosial kontroll fra 2023.", ""))
    assert hyperlinks([link], (), [text, before, black])[0].link.anchor_text == "informasjonstiltak om negativ"
    other = Link("https://example.org/annen", 17, after.words[0].x0, 70.0, after.words[1].x1, 81.0, "sosial kontroll")
    assert [hl.link.anchor_text for hl in hyperlinks([link, other], (), [text, before, after])] == ["informasjonstiltak om negativ", "sosial kontroll"]
    whole = _coloured_line(70.0, 17, ("sosial kontroll fra 2023.", BLUE))
    assert hyperlinks([link], (), [text, before, whole])[0].link.anchor_text == "informasjonstiltak om negativ"
