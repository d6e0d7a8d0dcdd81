from pathlib import Path

from pipeline.model import Word
from pipeline.stages.engines.words import clean_glyphs, group_lines
from pipeline.stages.extract import extract, split_markers

from .synth import SynthDoc


def word(text, x0, top, size=11.0, bold=False, x1=None):
    return Word(text, x0, top, x1 if x1 is not None else x0 + len(text) * size * 0.5, top + size, size, "F", bold)


def test_words_are_grouped_into_lines_with_superscripts_kept_on_their_line():
    words = [word("Andre", 72, 120), word("Første", 72, 100), word("linje", 110, 100.3), word("1", 140, 97, size=6.5)]
    lines = group_lines(words, page=1)
    assert [ln.text for ln in lines] == ["Første linje 1", "Andre"]


def test_raised_small_digits_become_markers_and_a_glued_comma_stays_glued():
    line = group_lines(
        [word("lhbtiq", 72, 100, x1=105), word("2", 105, 97, size=6.5, x1=108.5), word(",", 108.5, 100, x1=111), word("i", 114, 100)],
        page=7,
    )[0]
    cleaned, markers = split_markers(line)
    assert cleaned.text == "lhbtiq, i"
    assert [(m.number, m.after, m.page) for m in markers] == [(2, "lhbtiq", 7)]


def test_symbol_font_bullet_is_mapped_to_a_bullet():
    assert clean_glyphs("\uf0b7 ha avansert kunnskap") == "• ha avansert kunnskap"


def test_mini_report_extraction(mini_pdf, profile):
    doc = extract(mini_pdf, profile)
    texts = [ln.text for ln in doc.lines]
    assert doc.page_count == 3
    assert doc.body_size == 11.0
    # footers removed on every page, and said so
    assert not any(t.startswith("Side") for t in texts)
    assert sorted(d.page for d in doc.dropped if d.reason.startswith("running")) == [1, 2, 3]
    # the footnote is taken out of the body, its marker out of the word
    assert [(f.number, f.text, f.page) for f in doc.footnotes] == [(1, "Lhbtiq er en forkortelse.", 2)]
    # line-final hyphens decided: «kjønns-» before «og» keeps its space, «TryggEst-» is a compound's
    assert "Teksten nevner lhbtiq, og kjønns\u2e17" in texts  # the mark of a hyphen that keeps its space
    assert [(h.left, h.right, h.decision) for h in doc.hyphens] == [("kjønns-", "og", "suspended"), ("TryggEst-", "teamene.", "keep")]
    assert [(m.number, m.after) for m in doc.markers] == [(1, "lhbtiq")]
    # the link keeps its target and the words printed under it
    assert [(lk.uri, lk.anchor_text, lk.page) for lk in doc.links] == [("https://example.org/rapport", "«Vil gjerne vite mer»", 2)]
    # weight comes from the font name
    heading = next(ln for ln in doc.lines if ln.text.startswith("Tiltak 1."))
    assert heading.bold and heading.size == 12.0
    label = next(ln for ln in doc.lines if ln.text.startswith("Status:"))
    assert not label.bold and label.words[0].bold


def test_letter_spaced_footer_is_recognised(tmp_path, profile):
    doc = SynthDoc(footer="S i d e  {n} | {total}")
    doc.bold("Tiltak 1. Et tiltak", size=12).text("Tekst.").new_page().text("Mer tekst.")
    result = extract(doc.write(tmp_path / "spaced.pdf"), profile)
    assert [ln.text for ln in result.lines] == ["Tiltak 1. Et tiltak", "Tekst.", "Mer tekst."]


def test_norwegian_letters_survive(mini_pdf, profile):
    doc = extract(Path(mini_pdf), profile)
    joined = " ".join(ln.text for ln in doc.lines)
    for ch in "æøåØ«»–":
        assert ch in joined


def test_pdfminer_is_hardened_only_while_a_pdf_is_read(mini_pdf):
    import pdfminer.pdftypes
    from pdfminer.pdftypes import PDFObjRef

    from pipeline.stages.engines.read import read_pdf
    from pipeline.stages.guards import hardened_pdfminer

    plain = (PDFObjRef.resolve, pdfminer.pdftypes.zlib)
    with hardened_pdfminer():
        assert PDFObjRef.resolve is not plain[0] and pdfminer.pdftypes.zlib is not plain[1]
    read_pdf(mini_pdf)
    assert (PDFObjRef.resolve, pdfminer.pdftypes.zlib) == plain
