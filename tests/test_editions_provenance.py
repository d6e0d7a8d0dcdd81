"""Provenance names the element of a Word or web edition a value was read from (issue 21, item 1):
where a PDF names a page and a box, an edition's provenance row also names its paragraph, table
cell or note, as the edition's markup has it, so that a reader finds the value in the file they hold.

Checked against the markup itself (python-docx for the .docx, lxml for the .html), the element names
computed here by the rule of each reader's docstring, never taken from the pipeline: Word's «p N» is
the body's N-th paragraph counted from 1; HTML's «tag N» the N-th element of that tag in the page.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import lxml.html
import orjson
import pandas as pd
import pytest

from pipeline.dataset.rows import provenance_rows
from pipeline.dataset.schemas import PROVENANCE_SCHEMA
from pipeline.model import Box, Document, ElementBox, element_at, for_json, from_jsonable_strict, to_jsonable
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import output_files, report_id_of, stages_of
from pipeline.stages.editions.blocks import Cell, Edition, Note, Paragraph, Run, Table
from pipeline.stages.editions.typeset import typeset
from pipeline.stages.extract import assemble, read_pdf, require_text

from .helpers import MATRIX, processed

WORD = MATRIX / "lo-word-default.docx"
WEB = MATRIX / "cr-web-default.html"


def provenance_of(path: Path) -> pd.DataFrame:
    stages = stages_of(require_text(read_pdf(path)), report_id_of(path), load_profile("frihet-sluttrapport"))
    return pd.read_csv(io.BytesIO(output_files(stages)["provenance.csv"]))


def elements_of(provenance: pd.DataFrame, tiltak_nr: int, field: str) -> list[str]:
    """The elements a field of a measure's row (not its parts') was read from, once each."""
    rows = provenance[(provenance.tiltak_nr == tiltak_nr) & provenance.part.isna() & (provenance.field == field)]
    return list(dict.fromkeys(rows.element))


@pytest.fixture(scope="module")
def word() -> pd.DataFrame:
    return provenance_of(WORD)


@pytest.fixture(scope="module")
def web() -> pd.DataFrame:
    return provenance_of(WEB)


# --- Word: «p N», the body's N-th paragraph ---------------------------------------------------


def word_paragraph(texts: list[str], starts: str, after: int = 0) -> str:
    """The element of the first body paragraph from ``after`` on that starts with ``starts``: its index counted from 1."""
    index = next(i for i in range(after, len(texts)) if texts[i].startswith(starts))
    return f"p {index + 1}"


def test_a_word_editions_fields_name_the_paragraphs_that_hold_them(word):
    texts = [p.text for p in docx.Document(str(WORD)).paragraphs]
    heading = next(i for i, text in enumerate(texts) if text.startswith("Tiltak 1."))
    assert elements_of(word, 1, "title") == [f"p {heading + 1}"]
    assert elements_of(word, 1, "ansvarlig_departement") == [word_paragraph(texts, "Ansvarlig departement", heading)]
    assert elements_of(word, 1, "status") == [word_paragraph(texts, "Status", heading)]
    tiltak_2 = next(i for i, text in enumerate(texts) if text.startswith("Tiltak 2."))
    assert elements_of(word, 2, "ansvarlig_departement") == [word_paragraph(texts, "Ansvarlige departementer", tiltak_2)]  # its label in the plural


def test_a_field_over_several_paragraphs_names_each_of_its_boxes_paragraph(word):
    """Tiltak 1's final report is the three paragraphs after its label «Sluttrapport:»: each box names its own."""
    texts = [p.text for p in docx.Document(str(WORD)).paragraphs]
    heading = next(i for i, text in enumerate(texts) if text.startswith("Tiltak 1."))
    label = next(i for i in range(heading, len(texts)) if texts[i].startswith("Sluttrapport"))
    assert elements_of(word, 1, "sluttrapport") == [f"p {label + 2}", f"p {label + 3}", f"p {label + 4}"]


def test_every_box_of_an_edition_names_an_element(word, web):
    assert word.element.notna().all() and web.element.notna().all()


# --- HTML: «tag N», the page's N-th element of that tag -----------------------------------------


def html_names(path: Path) -> tuple[list, dict]:
    """The page's elements in document order, and each one's name: its tag and its place among the page's elements of that tag."""
    root = lxml.html.document_fromstring(path.read_bytes())
    counts: dict[str, int] = {}
    names = {}
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in elements:
        tag = el.tag.lower()
        counts[tag] = counts.get(tag, 0) + 1
        names[el] = f"{tag} {counts[tag]}"
    return elements, names


def test_a_web_editions_fields_name_the_elements_that_hold_them(web):
    elements, names = html_names(WEB)
    heading = next(k for k, el in enumerate(elements) if el.tag == "h3" and el.text_content().strip().startswith("Tiltak 1."))

    def after(tag: str, starts: str) -> str:
        return names[next(el for el in elements[heading:] if el.tag == tag and el.text_content().strip().startswith(starts))]

    assert elements_of(web, 1, "title") == [names[elements[heading]]]
    assert elements_of(web, 1, "ansvarlig_departement") == [after("p", "Ansvarlig departement")]
    assert elements_of(web, 1, "status") == [after("p", "Status")]


# --- a PDF: no element --------------------------------------------------------------------------


def test_a_pdfs_provenance_names_no_element():
    stages, files = processed("word")
    provenance = pd.read_csv(io.BytesIO(files["provenance.csv"]))
    assert "element" in provenance.columns and provenance.element.isna().all() and len(provenance) > 0
    assert stages.document.elements == ()


def test_a_pdfs_document_writes_its_stage_file_as_before():
    """No ``elements`` key while it is empty: a PDF's extract.json is byte for byte what it was."""
    stages, _ = processed("word")
    written = for_json(stages.document)
    assert "elements" not in written
    assert orjson.dumps(written) == orjson.dumps(to_jsonable(stages.document))


# --- the typesetter and the lookup --------------------------------------------------------------


def edition(*blocks, notes=()) -> Edition:
    return Edition("rapport.docx", "/tmp/rapport.docx", "0" * 64, "docx", tuple(blocks), tuple(notes))


def para(text: str, element: str, **kw) -> Paragraph:
    return Paragraph((Run(text),), element, **kw)


def test_the_typesetter_records_each_paragraph_cell_and_note_where_it_set_them():
    table = Table(
        (
            (
                Cell((para("Tiltak", "table 1, row 1, cell 1, p 1"),), "table 1, row 1, cell 1"),
                Cell((para("Status", "table 1, row 1, cell 2, p 1"),), "table 1, row 1, cell 2"),
            ),
            (
                Cell((para("1", "table 1, row 2, cell 1, p 1"),), "table 1, row 2, cell 1"),
                Cell((para("Videreføres", "table 1, row 2, cell 2, p 1"),), "table 1, row 2, cell 2"),
            ),
        ),
        "table 1",
    )
    marked = Paragraph((Run("Teksten har en note"), Run("1", superscript=True, note=1), Run(" og går videre over flere linjer. " * 8)), "p 2")
    raw = typeset(edition(para("Innledning.", "p 1"), marked, table, notes=[Note(1, (para("Notens tekst.", "footnote 1, p 1"),), "footnote 1")]))
    named = [e.element for e in raw.elements]
    assert named == ["p 1", "p 2", *(f"table 1, row {r}, cell {c}, p 1" for r in (1, 2) for c in (1, 2)), "footnote 1, p 1"]
    p2 = raw.elements[1]
    lines = [ln for ln in raw.page_lines[0] if "går videre" in ln.text]
    assert len(lines) > 2 and all(p2.top <= ln.top and ln.bottom <= p2.bottom for ln in lines)  # one box round a paragraph's lines
    cells = {e.element: e for e in raw.elements if e.element.startswith("table")}
    assert cells["table 1, row 2, cell 1, p 1"].x1 < cells["table 1, row 2, cell 2, p 1"].x0  # side by side
    document = assemble(raw, load_profile("frihet-sluttrapport"))
    assert document.elements == raw.elements
    note = next(ln for ln in raw.page_lines[0] if ln.text.startswith("1 Notens"))
    assert element_at(note.box, document.elements) == "footnote 1, p 1"


def test_a_document_with_elements_reads_back_from_its_stage_file():
    document = Document("r.docx", "0" * 64, 1, 11.0, 72.0, (), (), elements=(ElementBox(1, 72.0, 80.0, 500.0, 92.0, "p 3"),))
    data = orjson.loads(orjson.dumps(for_json(document)))
    assert data == to_jsonable(document) and data["elements"] == [{"page": 1, "x0": 72.0, "top": 80.0, "x1": 500.0, "bottom": 92.0, "element": "p 3"}]
    assert from_jsonable_strict(Document, data) == document


def test_a_box_across_two_elements_names_the_one_it_covers_most():
    left, right = (
        ElementBox(2, 77.0, 100.0, 200.0, 112.0, "table 1, row 2, cell 1"),
        ElementBox(2, 210.0, 100.0, 400.0, 112.0, "table 1, row 2, cell 2"),
    )
    assert element_at(Box(2, 77.0, 100.0, 390.0, 112.0), [left, right]) == "table 1, row 2, cell 2"
    assert element_at(Box(2, 77.0, 100.0, 215.0, 112.0), [left, right]) == "table 1, row 2, cell 1"
    assert element_at(Box(3, 77.0, 100.0, 215.0, 112.0), [left, right]) is None  # another page
    assert element_at(Box(2, 77.0, 100.0, 215.0, 112.0), []) is None  # a PDF


def test_the_provenance_schema_ends_in_a_nullable_element_in_both_languages():
    field = PROVENANCE_SCHEMA.field("element")
    assert PROVENANCE_SCHEMA.names[-1] == "element" and field.nullable and str(field.type) == "string"
    assert field.metadata[b"description"] and field.metadata[b"description_nb"]
    assert provenance_rows("r", ()) == []
