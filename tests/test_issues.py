"""One named regression test per quirk of the real report (Word-like rendering)."""

from __future__ import annotations

import pdfplumber

from .helpers import SHIPPED_PDF


def block(stages, nr):
    return next(t for t in stages.tiltak if t.tiltak_nr == nr)


def test_tiltak_29_heading_is_split_by_a_page_break(word_stages):
    t = block(word_stages, 29)
    assert t.title == "Innhente kunnskap om kvinner og deres barn som blir holdt tilbake eller etterlatt i utlandet"
    assert [b.page for b in t.title_boxes] == [25, 26]
    assert t.description.text.startswith("Noen kvinner og deres barn blir holdt tilbake")


def test_innsatsomrade_heading_with_a_period_instead_of_a_colon(word_stages):
    areas = {a.nr: a for a in word_stages.segmentation.innsatsomrader}
    assert sorted(areas) == [1, 2, 3, 4, 5]
    assert areas[2].title == "Kunnskap og kompetanse for et helhetlig hjelpetilbud"
    assert areas[1].title == "Innsats for nyankomne flyktninger og innvandrere"  # wrapped over two lines


def test_inline_references_are_not_headings(word_stages):
    assert [t.tiltak_nr for t in word_stages.tiltak] == list(range(1, 34))
    assert block(word_stages, 31).description.text.endswith("jf. Tiltak 5 i denne planen")
    assert block(word_stages, 8).sluttrapport.text.endswith("Se også tiltak 1 og 27.")
    assert "(se tiltak 8)" in block(word_stages, 1).sluttrapport.text
    assert "tiltak 26a i handlingsplanen «Sjef i eget liv" in block(word_stages, 22).sluttrapport.text


def test_letter_spaced_footer_is_removed_from_every_text_page(word_stages):
    footers = [d for d in word_stages.document.dropped if d.reason.startswith("running")]
    assert sorted(d.page for d in footers) == list(range(3, 29))
    assert footers[0].text.replace(" ", "").startswith("Side")


def test_footnotes_are_kept_apart_with_their_markers(word_stages):
    doc = word_stages.document
    notes = {f.number: f for f in doc.footnotes}
    assert sorted(notes) == [1, 2]
    assert notes[1].page == 3 and notes[1].text.startswith("Siden handlingsplanen ble lansert har integreringsarbeidet flyttet")
    assert notes[2].page == 6 and notes[2].text.startswith("Lhbtiq er en forkortelse for lesbiske")
    assert notes[2].text.endswith("queerpersoner/skeive.")
    assert sorted((m.number, m.after, m.page) for m in doc.markers) == [(1, "(AID)", 3), (2, "lhbtiq", 6)]


def test_symbol_font_bullets_come_through_as_bullets(word_stages):
    with pdfplumber.open(SHIPPED_PDF) as pdf:
        raw = "".join(c["text"] for c in pdf.pages[13].chars)
    assert "\uf0b7" in raw  # what Word's Symbol font extracts as
    report = block(word_stages, 10).parts[1].sluttrapport.text
    assert report.count("• ha ") == 4
    assert "\uf0b7" not in report


def test_hyperlinks_are_kept_with_their_anchor_text(word_stages):
    links = word_stages.document.links
    nibr = [lk for lk in links if lk.uri == "https://oda.oslomet.no/oda-xmlui/handle/11250/3050589"]
    assert {lk.page for lk in nibr} == {6}
    assert nibr[0].anchor_text.startswith("Vil gjerne vite mer")
    assert all(lk.uri.startswith("http") for lk in links) and len(links) >= 34
    assert not any("http" in ln.text for ln in word_stages.document.lines)


def test_status_sentences_without_er_or_final_period(word_stages):
    for nr in (11, 15):
        assert block(word_stages, nr).status.text == "Tiltaket ferdigstilt."
        assert block(word_stages, nr).status_value == "Ferdigstilt"
    for nr in (20, 30):
        assert block(word_stages, nr).status.text == "Tiltaket er ferdigstilt"


def test_status_label_at_the_top_of_the_next_page(word_stages):
    t = block(word_stages, 27)
    assert t.ansvarlig_departement.boxes[0].page == 24
    assert t.status.boxes[0].page == 25 and t.status_value == "Ferdigstilt"


def test_label_variants(word_stages):
    labels = {t.ansvarlig_departement.label for t in word_stages.tiltak if t.tiltak_nr != 10}
    assert labels == {"Ansvarlig departement", "Ansvarlige departementer", "Ansvarlige departement"}
    assert [p.ansvarlig_departement.label for p in block(word_stages, 10).parts] == ["Ansvarlig departement", "Ansvarlige departement"]


def test_tiltak_9_sluttrapport_after_the_page_footer(word_stages):
    t = block(word_stages, 9)
    assert t.status.boxes[0].page == 12 and t.sluttrapport.boxes[0].page == 13
    assert t.sluttrapport.text.startswith("Utdanningsdirektoratet (Udir) har valgt å se tiltake 9a og 9b i sammenheng")
