from pipeline.stages.extract import extract
from pipeline.stages.fields import split_fields
from pipeline.stages.segment import segment

from .synth import SynthDoc


def fields_of(pdf, profile):
    doc = extract(pdf, profile)
    return {t.tiltak_nr: t for t in split_fields(doc, segment(doc, profile), profile)}


def test_plain_block_is_split_at_its_labels(mini_pdf, profile):
    t = fields_of(mini_pdf, profile)[1]
    assert t.description.text == "Teksten nevner lhbtiq, og kjønns- og seksualitetsmangfold og TryggEst-teamene."
    assert (t.ansvarlig_departement.label, t.ansvarlig_departement.text) == ("Ansvarlig departement", "AID, i samarbeid med BFD")
    assert (t.status.text, t.status_value) == ("Tiltaket videreføres i ny plan.", "Videreføres")
    assert t.sluttrapport.text == "Rapporten «Vil gjerne vite mer» ble publisert – se tiltak 2. Tiltak 5 i denne planen er nevnt her."
    assert [p.part for p in t.parts] == [None]
    assert (t.page_start, t.page_end) == (2, 2)


def test_label_variants_and_missing_period(mini_pdf, profile):
    t = fields_of(mini_pdf, profile)[3]
    assert t.ansvarlig_departement.label == "Ansvarlige departementer"
    assert t.status_value == "Ferdigstilt"


def test_part_qualified_labels_go_to_their_part_wherever_they_stand(mini_pdf, profile):
    t = fields_of(mini_pdf, profile)[2]
    a, b = t.parts
    assert (a.part, a.title, a.description.text) == ("a", "Utvikle ressurser", "Beskrivelse av del a.")
    assert (a.status_value, a.sluttrapport.text) == ("Videreføres", "Arbeidet fortsetter.")
    assert (b.status_value, b.sluttrapport.text) == ("Ferdigstilt", "Ressursen er laget.")
    # the department stands in part b's section only, and no part has one before: the measure's
    assert t.ansvarlig_departement.text == "KD"
    assert a.inherited == ("ansvarlig_departement",) and b.inherited == ("ansvarlig_departement",)
    # parts differ: the measure continues if any part does (profile's part_precedence)
    assert t.status_value == "Videreføres"
    assert t.status.text == "a) Tiltaket videreføres. b) Tiltaket er ferdigstilt."


def test_fields_given_once_after_the_last_part_belong_to_the_measure(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 9. Øke kompetansen", size=12)
    d.bold("Tiltak 9 a) Første del", size=11)
    d.text("Om første del.")
    d.bold("Tiltak 9 b) Andre del", size=11)
    d.text("Om andre del.")
    d.label("Ansvarlig departement:", "KD")
    d.label("Status:", "Tiltaket er ferdigstilt.")
    d.label("Sluttrapport:", "Begge deler er gjort.")
    t = fields_of(d.write(tmp_path / "nine.pdf"), profile)[9]
    assert (t.status_value, t.sluttrapport.text) == ("Ferdigstilt", "Begge deler er gjort.")
    assert [p.inherited for p in t.parts] == [("ansvarlig_departement", "status", "sluttrapport")] * 2
    assert [p.description.text for p in t.parts] == ["Om første del.", "Om andre del."]
    assert t.description.text == "a) Første del. Om første del. b) Andre del. Om andre del."


def test_a_block_without_status_keeps_the_rest(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 1. Uten status", size=12)
    d.text("Beskrivelse.")
    d.label("Ansvarlig departement:", "JD")
    d.label("Sluttrapport:", "Rapport.")
    t = fields_of(d.write(tmp_path / "nostatus.pdf"), profile)[1]
    assert t.status is None and t.status_value is None
    assert (t.description.text, t.ansvarlig_departement.text, t.sluttrapport.text) == ("Beskrivelse.", "JD", "Rapport.")


def test_a_label_word_in_regular_weight_is_text(tmp_path, profile):
    d = SynthDoc()
    d.bold("Tiltak 1. Et tiltak", size=12)
    d.text("Status: dette er en setning i beskrivelsen.")
    d.label("Status:", "Tiltaket er ferdigstilt.")
    t = fields_of(d.write(tmp_path / "regular.pdf"), profile)[1]
    assert t.description.text == "Status: dette er en setning i beskrivelsen."
    assert t.status.text == "Tiltaket er ferdigstilt."


def test_a_status_value_alone_under_the_heading_is_the_status_where_no_label_gives_one(tmp_path, profile):
    """Issue 19 (held-out batch 2): the status printed only as a coloured word in a pill under the
    heading, no label; where a block also has a labelled status, the label's value wins. The pill is
    never part of the description."""
    d = SynthDoc()
    d.bold("Tiltak 1. Med status i en merkelapp", size=12)
    d.line(("Ferdigstilt", "Helvetica-Bold", 8, 0.0, 76.0, "#1a7f37"), gap=2)
    d.text("Beskrivelse.", gap=4)
    d.label("Ansvarlig departement:", "JD")
    d.bold("Tiltak 2. Med begge", size=12, gap=12)
    d.line(("Videreføres", "Helvetica-Bold", 8, 0.0, 76.0, "#1f5fa8"), gap=2)
    d.text("Beskrivelse.", gap=4)
    d.label("Status:", "Tiltaket er ferdigstilt.")
    found = fields_of(d.write(tmp_path / "pill.pdf"), profile)
    one, two = found[1], found[2]
    assert (one.status.text, one.status.label, one.status_value) == ("Ferdigstilt", None, "Ferdigstilt")
    assert one.description.text == "Beskrivelse." and one.ansvarlig_departement.text == "JD"
    assert (two.status.text, two.status_value) == ("Tiltaket er ferdigstilt.", "Ferdigstilt")
    assert two.description.text == "Beskrivelse."


def test_a_status_pill_over_parts_with_labelled_statuses_is_no_status_of_the_measure(tmp_path, profile):
    """Issue 18 (held-out ho3-cr-margin-status): a measure in parts whose statuses are labelled per part
    («Status (tiltak 3 a):») has the parts' statuses: its pill is neither its status nor its description."""
    d = SynthDoc()
    d.bold("Tiltak 3. Med deler", size=12)
    d.line(("Videreføres", "Helvetica-Bold", 8, 0.0, 76.0, "#1f5fa8"), gap=2)
    for part, status in (("a", "Tiltaket videreføres."), ("b", "Tiltaket er ferdigstilt.")):
        d.bold(f"Tiltak 3 {part}) Del {part}", size=11, gap=6)
        d.text("Beskrivelse.", gap=4)
        d.label(f"Status (tiltak 3 {part}):", status)
    t = fields_of(d.write(tmp_path / "deler.pdf"), profile)[3]
    assert t.status.text == "a) Tiltaket videreføres. b) Tiltaket er ferdigstilt."  # the parts', not the pill
    assert [(p.part, p.status_value) for p in t.parts] == [("a", "Videreføres"), ("b", "Ferdigstilt")]
    assert t.description is None or "Videreføres" not in t.description.text
