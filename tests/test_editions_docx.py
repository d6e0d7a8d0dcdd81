"""A report's Word edition (.docx) reads as its PDF reads (issue 21).

The acceptance test: the rendering matrix's .docx files (the Word sources LibreOffice made the
lo-* PDFs from) give the PDFs' tables and findings. Then what the markup says, read from documents
written here with python-docx and raw WordprocessingML (headings, style inheritance, lists, merged
cells, notes, links, page breaks, tracked changes), and the bad editions, each ending in its
documented error.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.errors import BinaryWordError, MacroEnabledWordError, NotAWordDocumentError, PipelineError, WordBombError
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import output_files, report_id_of, stages_of
from pipeline.stages.editions import EDITION_SUFFIXES, read_edition
from pipeline.stages.editions.blocks import PageBreak, Paragraph, Table
from pipeline.stages.editions.docx import read_docx
from pipeline.stages.extract import assemble, read_pdf, require_text

from .goldens import INVARIANT_TABLES, block_differences, finding_rows, golden_findings, golden_tiltak, table_differences
from .helpers import MATRIX, processed, sampled

WORD_LOOKS = ("lo-word-default", "lo-justified-serif", "lo-zebra-sans")
NORWEGIAN = "Æresrelatert vold på øya – «tiltak» for både små og store"


def read_word_edition(name: str):
    path = MATRIX / f"{name}.docx"
    raw = require_text(read_pdf(path))
    stages = stages_of(raw, report_id_of(path), load_profile("frihet-sluttrapport"))
    return raw, stages, output_files(stages)


# --- the acceptance test: the Word sources of the lo-* PDFs ---------------------------------


@pytest.mark.parametrize("name", WORD_LOOKS)
def test_a_word_edition_gives_the_reference_tables_and_the_pinned_findings(name):
    raw, stages, files = read_word_edition(name)
    assert raw.engine == "docx" and raw.source == f"{name}.docx"
    _, reference = processed("word")
    assert {t: d for t, d in table_differences(files, reference, INVARIANT_TABLES).items() if d} == {}
    assert finding_rows(stages) == golden_findings()
    assert {nr: d for nr, d in block_differences(stages, golden_tiltak()).items() if d} == {}


@pytest.mark.parametrize("name", sampled(WORD_LOOKS))
def test_a_word_edition_gives_the_tables_and_findings_of_its_own_pdf(name):
    """The .docx against the PDF LibreOffice made from it: every invariant table, every finding."""
    _, stages, files = read_word_edition(name)
    pdf_stages, pdf_files = processed(name)
    assert {t: d for t, d in table_differences(files, pdf_files, INVARIANT_TABLES).items() if d} == {}
    assert finding_rows(stages) == finding_rows(pdf_stages)


def test_the_word_edition_keeps_its_notes_links_and_norwegian_text():
    edition = read_docx(MATRIX / "lo-word-default.docx")
    marks = [r for b in edition.blocks if isinstance(b, Paragraph) for r in b.runs if r.note is not None]
    assert [r.note for r in marks] == [n.number for n in edition.notes] == [1, 2]
    assert all(r.superscript and r.text == str(r.note) for r in marks)
    assert edition.notes[0].element == "footnote 1" and not edition.notes[0].paragraphs[0].text.startswith(" ")
    text = " ".join(b.text for b in edition.blocks if isinstance(b, Paragraph))
    assert "æresrelatert vold" in text and "Å" in text and "–" in text
    links = {r.link for b in edition.blocks if isinstance(b, Paragraph) for r in b.runs if r.link}
    assert "https://www.udir.no/laring-og-trivsel/lareplanverket/stotte/stotte-til-undervisning-om-kjonn-og-seksualitet/" in links
    assert edition.metadata["title"].startswith("Rapportering på tiltakene") and edition.kind == "docx"
    tables = [b for b in edition.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].header_rows == 1 and tables[0].element == "table 1"
    assert tables[0].rows[1][0].colspan == 4  # a group row merged across the width


def test_a_table_not_marked_to_repeat_its_header_has_no_header_rows():
    """lo-justified-serif's table continues bare on the next page: its header row is not marked tblHeader."""
    tables = [b for b in read_docx(MATRIX / "lo-justified-serif.docx").blocks if isinstance(b, Table)]
    assert [t.header_rows for t in tables] == [0]


# --- documents written here ---------------------------------------------------------------

W = nsdecls("w")
R = nsdecls("r")


def add_footnotes(document, notes: dict[int, str]) -> None:
    """A footnotes part as Word writes one (python-docx writes none): separators, then each note."""
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for number, text in notes.items():
        body.append(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        )
    blob = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>{"".join(body)}</w:footnotes>'
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        blob.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def footnote_reference(paragraph, note_id: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'))


def hyperlink(document, paragraph, text: str, url: str) -> None:
    rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink {W} {R} r:id="{rid}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'))


def saved(document, path: Path) -> Path:
    document.save(str(path))
    return path


def paragraphs(edition) -> list[Paragraph]:
    return [b for b in edition.blocks if isinstance(b, Paragraph)]


def test_headings_styles_and_lists_come_from_the_markup(tmp_path):
    d = docx.Document()
    d.add_heading("Innsatsområde 1: Første område", level=1)
    d.add_heading("Tiltak 1. Styrke det nordiske samarbeidet", level=2)
    strong = d.styles.add_style("Sterk etikett", 2)  # a character style: bold comes from it, not the run
    strong.font.bold = True
    p = d.add_paragraph()
    p.add_run("Status:", style="Sterk etikett")
    p.add_run(" Tiltaket er ")
    p.add_run("ferdigstilt").italic = True
    caps = p.add_run(" Kortform")
    caps.font.small_caps = True
    outline = d.add_paragraph("Et avsnitt med dispositionsnivå")
    outline._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="2"/>'))
    d.add_paragraph("Første punkt", style="List Bullet")
    d.add_paragraph("Andre punkt", style="List Bullet 2")
    d.add_paragraph("Første steg", style="List Number")
    d.add_paragraph("Andre steg", style="List Number")
    d.add_paragraph(NORWEGIAN)
    edition = read_docx(saved(d, tmp_path / "rapport.docx"))
    ps = paragraphs(edition)
    assert [(p.text, p.heading) for p in ps[:2]] == [("Innsatsområde 1: Første område", 1), ("Tiltak 1. Styrke det nordiske samarbeidet", 2)]
    status = ps[2]
    assert [(r.text, r.bold, r.italic, r.small_caps) for r in status.runs] == [
        ("Status:", True, False, False),
        (" Tiltaket er ", False, False, False),
        ("ferdigstilt", False, True, False),
        (" Kortform", False, False, True),
    ]
    assert ps[3].heading == 3  # outline level 2 is the third level
    assert [(p.text, p.list_level, p.ordered) for p in ps[4:8]] == [
        ("Første punkt", 0, False),
        ("Andre punkt", 1, False),
        ("1. Første steg", 0, True),
        ("2. Andre steg", 0, True),
    ]
    assert ps[8].text == NORWEGIAN and ps[8].list_level is None and ps[8].heading == 0
    assert [p.element for p in ps[:3]] == ["p 1", "p 2", "p 3"]


def test_a_table_comes_in_document_order_with_its_merged_cells_and_repeated_header(tmp_path):
    d = docx.Document()
    d.add_paragraph("Før tabellen")
    t = d.add_table(rows=4, cols=3)
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
    for cell, text in zip(t.rows[0].cells, ("Nr.", "Tiltak", "Status"), strict=True):
        cell.text = text
    t.cell(1, 0).merge(t.cell(1, 2)).text = "Innsatsområde 1"
    for cell, text in zip(t.rows[2].cells, ("1", "Første tiltak", "Ferdigstilt"), strict=True):
        cell.text = text
    t.cell(2, 2).merge(t.cell(3, 2))  # Status spans rows 3 and 4
    t.cell(3, 0).text, t.cell(3, 1).text = "2", "Andre tiltak"
    d.add_paragraph("Etter tabellen")
    edition = read_docx(saved(d, tmp_path / "tabell.docx"))
    kinds = [type(b).__name__ for b in edition.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = edition.blocks[1]
    assert isinstance(table, Table)
    assert table.header_rows == 1 and len(table.widths) == 3
    assert [[c.paragraphs[0].text for c in row] for row in table.rows] == [
        ["Nr.", "Tiltak", "Status"],
        ["Innsatsområde 1"],
        ["1", "Første tiltak", "Ferdigstilt"],
        ["2", "Andre tiltak"],
    ]
    assert table.rows[1][0].colspan == 3 and table.rows[2][2].rowspan == 2
    assert table.rows[2][1].element == "table 1, row 3, cell 2"


def test_notes_links_and_page_breaks_come_through_and_are_typeset_as_a_pdf_prints_them(tmp_path):
    d = docx.Document()
    d.add_heading("Tiltak 1. Styrke det nordiske samarbeidet", level=2)
    p = d.add_paragraph("Teksten nevner lhbtiq")
    footnote_reference(p, 7)  # Word's ids are not the printed numbers: the first note cited is 1
    p.add_run(", og mer står i ")
    hyperlink(d, p, "rapporten «Vil gjerne vite mer»", "https://example.org/rapport")
    p.add_run(".")
    d.add_paragraph(" ".join([NORWEGIAN] * 8))  # more body text than note text: the body's size is the body's
    add_footnotes(d, {7: "Lhbtiq er en forkortelse for lesbiske, homofile, bifile, transpersoner og queer."})
    d.add_page_break()
    d.add_paragraph("Neste side.")
    edition = read_docx(saved(d, tmp_path / "noter.docx"))
    assert [n.number for n in edition.notes] == [1] and edition.notes[0].paragraphs[0].text.startswith("Lhbtiq er")
    assert any(isinstance(b, PageBreak) for b in edition.blocks)
    raw = read_edition(tmp_path / "noter.docx")
    assert len(raw.pages) == 2 and raw.engine == "docx"
    doc = assemble(raw, load_profile("frihet-sluttrapport"))
    assert [(m.number, m.after, m.page) for m in doc.markers] == [(1, "lhbtiq", 1)]
    assert [(f.number, f.text, f.page) for f in doc.footnotes] == [
        (1, "Lhbtiq er en forkortelse for lesbiske, homofile, bifile, transpersoner og queer.", 1)
    ]
    assert [(link.uri, link.anchor_text) for link in raw.links] == [("https://example.org/rapport", "rapporten «Vil gjerne vite mer».")]
    assert "Teksten nevner lhbtiq, og mer står i rapporten «Vil gjerne vite mer»." in [ln.text for ln in doc.lines]
    assert raw.page_lines[1][0].text == "Neste side."


def tracked(text: str) -> str:
    """A paragraph's XML with one insertion and one deletion (as Word writes them with Track Changes on)."""
    change = 'w:author="Saksbehandler" w:date="2025-03-01T12:00:00Z"'
    return (
        f'<w:p {W}><w:r><w:t xml:space="preserve">{text} </w:t></w:r>'
        f'<w:ins w:id="1" {change}><w:r><w:t xml:space="preserve">videreføres </w:t></w:r></w:ins>'
        f'<w:del w:id="2" {change}><w:r><w:delText xml:space="preserve">er ferdigstilt </w:delText></w:r></w:del>'
        "<w:r><w:t>i ny plan.</w:t></w:r></w:p>"
    )


def test_tracked_changes_are_read_as_accepted_and_said_once(tmp_path):
    d = docx.Document()
    d.add_paragraph("Status:")
    d.element.body.insert(1, parse_xml(tracked("Tiltaket")))
    d.element.body.insert(2, parse_xml(tracked("Arbeidet")))
    edition = read_docx(saved(d, tmp_path / "endringer.docx"))
    texts = [p.text for p in paragraphs(edition)]
    assert "Tiltaket videreføres i ny plan." in texts and "Arbeidet videreføres i ny plan." in texts
    assert not any("ferdigstilt" in t for t in texts)
    assert [(f.code, f.severity) for f in edition.findings] == [("tracked_changes_accepted", "info")]
    assert "2 insertions, 2 deletions" in edition.findings[0].message
    assert read_edition(tmp_path / "endringer.docx").findings == edition.findings  # the finding reaches the read report


def test_a_document_without_changes_says_nothing_of_them(tmp_path):
    d = docx.Document()
    d.add_paragraph(NORWEGIAN)
    assert read_docx(saved(d, tmp_path / "ren.docx")).findings == ()


# --- bad editions ---------------------------------------------------------------------------


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/{part}" ContentType="{kind}"/></Types>'
)
MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"
WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def package(path: Path, part: str, kind: str) -> Path:
    """A zip with just its content types: an Office package whose main part is ``part`` of ``kind``."""
    return zipped(path, {"[Content_Types].xml": CONTENT_TYPES.format(part=part, kind=kind).encode()})


def lying_bomb(path: Path) -> Path:
    """A zip whose member declares 1000 bytes and inflates to 20 MB: its headers patched after writing,
    the CRC made that of the 1000 bytes zipfile would cut it to (so that zipfile alone never notices)."""
    zipped(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(20 << 20)})
    data = bytearray(path.read_bytes())
    crc = zlib.crc32(bytes(1000))
    for signature, crc_at, size_at in ((b"PK\x03\x04", 14, 22), (b"PK\x01\x02", 16, 24)):
        at = data.find(signature, data.find(b"word/document.xml") - 60 if signature == b"PK\x03\x04" else 0)
        while at >= 0 and b"word/document.xml" not in data[at : at + 100]:
            at = data.find(signature, at + 4)
        struct.pack_into("<I", data, at + crc_at, crc)
        struct.pack_into("<I", data, at + size_at, 1000)
    path.write_bytes(bytes(data))
    return path


BAD_EDITIONS = {
    "binary .doc": (
        lambda p: (p.with_suffix(".doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)), p.with_suffix(".doc"))[1],
        BinaryWordError,
    ),
    "encrypted .docx": (lambda p: (p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)), p)[1], BinaryWordError),
    "macro-enabled .docm": (
        lambda p: package(p.with_suffix(".docm"), "word/document.xml", MACROS),
        MacroEnabledWordError,
    ),
    "macros in a .docx": (
        lambda p: package(p, "word/document.xml", MACROS),
        MacroEnabledWordError,
    ),
    "not a zip": (lambda p: (p.write_text("<html><body>Siden finnes ikke</body></html>", encoding="utf-8"), p)[1], NotAWordDocumentError),
    "a zip of text": (lambda p: zipped(p, {"notater.txt": "æøå".encode()}), NotAWordDocumentError),
    "a workbook": (
        lambda p: package(p, "xl/workbook.xml", WORKBOOK),
        NotAWordDocumentError,
    ),
    "a cut-off .docx": (lambda p: (p.write_bytes((MATRIX / "lo-zebra-sans.docx").read_bytes()[:20000]), p)[1], NotAWordDocumentError),
    "a zip bomb": (lambda p: zipped(p, {"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(20 << 20)}), WordBombError),
    "a zip bomb that lies about its size": (lying_bomb, WordBombError),
}


@pytest.mark.parametrize("case", sorted(BAD_EDITIONS))
def test_a_bad_edition_ends_in_its_documented_error(tmp_path, case):
    make, error = BAD_EDITIONS[case]
    path = make(tmp_path / "rapport.docx")
    with pytest.raises(PipelineError) as raised:
        read_pdf(path)
    assert type(raised.value) is error and error.exit_code == 3
    line = raised.value.one_line()
    assert "\n" not in line and line.startswith(error.reason) and error.remedy in line


def test_the_lying_bomb_would_fool_zipfile_alone(tmp_path):
    """The case the guard is for: zipfile reads the member as its 1000 declared bytes, without an error."""
    with zipfile.ZipFile(lying_bomb(tmp_path / "bombe.docx")) as zf:
        assert zf.read("word/document.xml") == bytes(1000)


def test_run_says_a_bad_edition_in_one_line_with_its_exit_code(tmp_path, cli):
    bad = package(tmp_path / "regneark.docx", "xl/workbook.xml", WORKBOOK)
    result = cli("run", str(bad), "--out", str(tmp_path / "out"), "--in-process", "--no-cache")
    assert result.returncode == NotAWordDocumentError.exit_code
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "not a Word document" in errors[0] and "an Excel workbook" in errors[0]


def test_run_takes_editions_from_a_folder_beside_pdfs(tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    d = docx.Document()
    d.add_paragraph(NORWEGIAN)
    saved(d, folder / "notat.docx")
    (folder / "notat.txt").write_text("ikke en rapport", encoding="utf-8")
    from pipeline.cli import collect_pdfs

    assert collect_pdfs([folder]) == [folder / "notat.docx"]
    assert {".docx", ".html", ".htm"} <= set(EDITION_SUFFIXES)


def test_the_ok_line_outputs_cache_and_review_of_a_word_edition(tmp_path, cli):
    """Run twice, the second from the stage cache (an edition has no password to check on opening it),
    then the review page, which shows no page images: the pages are the typesetter's, never printed."""
    args = ("run", str(MATRIX / "lo-zebra-sans.docx"), "--out", str(tmp_path), "--in-process")
    first, second = cli(*args), cli(*args)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "lo-zebra-sans.docx: 33 tiltak" in first.stdout and "docx edition;" in first.stdout and "could not read it" not in first.stdout
    assert "docx edition, from cache;" in second.stdout
    assert (tmp_path / "lo-zebra-sans" / "tiltak.parquet").is_file()
    review = cli("review", "--out", str(tmp_path))
    assert review.returncode == 0, review.stderr
    page = (tmp_path / "lo-zebra-sans" / "review" / "index.html").read_text(encoding="utf-8")
    assert 'id="tiltak-33"' in page and "<img" not in page


def test_a_note_mark_without_a_notes_part_makes_up_no_note(tmp_path):
    """A document whose notes part is missing still reads: its mark stays, no note is made up."""
    d = docx.Document()
    p = d.add_paragraph("Tekst med merke")
    footnote_reference(p, 3)
    edition = read_docx(saved(d, tmp_path / "uten-noter.docx"))
    assert edition.notes == () and paragraphs(edition)[0].text.startswith("Tekst med merke")


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next(tmp_path):
    """Accepting the deletion of a paragraph's mark makes it and the next one paragraph."""
    d = docx.Document()
    d.element.body.insert(
        0,
        parse_xml(
            f'<w:p {W}><w:pPr><w:rPr><w:del w:id="5" w:author="A" w:date="2025-03-01T12:00:00Z"/></w:rPr></w:pPr>'
            '<w:r><w:t xml:space="preserve">Tiltaket er </w:t></w:r></w:p>'
        ),
    )
    d.element.body.insert(1, parse_xml(f"<w:p {W}><w:r><w:t>videreført.</w:t></w:r></w:p>"))
    edition = read_docx(saved(d, tmp_path / "sammenslått.docx"))
    assert [p.text for p in paragraphs(edition)] == ["Tiltaket er videreført."]
    assert "1 deletion" in edition.findings[0].message


def test_a_hyperlink_field_links_its_result_and_hides_its_instruction(tmp_path):
    d = docx.Document()
    field = (
        f'<w:p {W}><w:r><w:t xml:space="preserve">Les </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/felt" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>rapporten</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> og </w:t></w:r>'
        f'<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/enkel&quot; "><w:r><w:t>vedlegget</w:t></w:r></w:fldSimple></w:p>'
    )
    d.element.body.insert(0, parse_xml(field))
    (p,) = paragraphs(read_docx(saved(d, tmp_path / "felt.docx")))[:1]
    assert p.text == "Les rapporten og vedlegget"
    assert [(r.text, r.link) for r in p.runs if r.link] == [("rapporten", "https://example.org/felt"), ("vedlegget", "https://example.org/enkel")]
