"""Two editions of one report compared (issue 21, ``python -m pipeline compare A B``).

Synthetic editions with a known set of planted edits: every edit is found, each exactly once,
with the right code, key and column, and nothing else; the same report laid out otherwise
gives no difference; and the comparison itself, on small tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import compare_dir
from pipeline.dataset.compare import (
    DELER,
    PLACE,
    TABLES,
    TILTAK,
    Difference,
    ExportedEdition,
    compare_editions,
    compare_findings,
    compare_measures,
    compare_rows,
    comparison_files,
    comparison_json,
    comparison_markdown,
    edition,
    key_text,
    normalised,
    shortened,
)
from pipeline.dataset.schemas import SCHEMAS
from pipeline.run.runner import process_pdf

from .helpers import COLS, MATRIX, slow
from .synth import BOLD, REGULAR, SynthDoc

# --- synthetic editions -------------------------------------------------------------

# Each planted edit, and the one difference it must give: (code, table, key, column, only_in).
PLANTED: dict[str, tuple[str, str, dict[str, Any], str, str | None]] = {
    "status": ("field_differs", "tiltak", {"tiltak_nr": 3}, "status", None),
    "department": ("field_differs", "tiltak", {"tiltak_nr": 1}, "ansvarlig_departement", None),
    "department_list": ("row_only_in", "departementer", {"abbreviation": "HOD"}, "name", "b"),
    "measure_removed": ("tiltak_only_in", "tiltak", {"tiltak_nr": 4}, "title", "a"),
    "sluttrapport": ("field_differs", "tiltak_deler", {"tiltak_nr": 2, "part": "b"}, "sluttrapport", None),
    "footnote": ("row_differs", "fotnoter", {"number": 1}, "text", None),
    "link": (
        "row_differs",
        "lenker",
        {"tiltak_nr": 1, "part": None, "field": "sluttrapport", "anchor_text": "«Vil gjerne vite mer»"},
        "url",
        None,
    ),
    "overview_status": ("row_differs", "oversikt", {"tiltak_nr": 2}, "status", None),
    "summary": ("report_differs", "report", {}, "summary_sentence", None),
}


def report(edits: Iterable[str] = (), moved: bool = False) -> SynthDoc:
    """A four-measure report (a list of departments, the overview table, a footnote, a link, a measure
    with parts) with the ``edits`` of :data:`PLANTED`; ``moved``: the same text laid out otherwise
    (other spacing, tiltak 3 on a page of its own), which must compare equal."""
    e = set(edits)
    gap = 14.0 if moved else 0.0
    d = SynthDoc()
    d.bold("Tiltaksansvarlige departementer:", size=12)
    d.text("Det er følgende departementer som var tiltaksansvarlige i handlingsplanen:", gap=4 + gap)
    departments = ["Arbeids- og inkluderingsdepartementet (AID)", "Barne- og familiedepartementet (BFD)", "Kunnskapsdepartementet (KD)"]
    for name in departments + (["Helse- og omsorgsdepartementet (HOD)"] if "department_list" in e else []):
        d.line(("-", REGULAR, 11, 0.0, 72.0), (name, REGULAR, 11, 0.0, 90.0), gap=2)
    d.bold("Oversikt over status for tiltak", size=14, gap=20 + gap)
    d.text(
        f"Av totalt 4 tiltak i handlingsplanen er {'2 tiltak ferdigstilte og 2' if 'summary' in e else '3 tiltak ferdigstilte og 1'} videreføres.",
        gap=6,
    )
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    d.row(["Innsatsområde 1: Første område"], COLS, font=BOLD, gap=2)
    d.row(["1", "Styrke det nordiske samarbeidet", "AID", "Ferdigstilt"], COLS, gap=2 + gap / 2)
    d.row(["2", "Øke kompetansen i skolen", "KD", "Ferdigstilt" if "overview_status" in e else "Videreføres"], COLS, gap=2)
    d.row(["3", "Etablere et nettverk", "BFD og AID", "Ferdigstilt"], COLS, gap=2)
    if "measure_removed" not in e:
        d.row(["4", "Lage en veileder", "BFD", "Ferdigstilt"], COLS, gap=2)
    d.new_page()
    d.bold("Innsatsområde 1: Første område", size=14)
    d.text("Innledning til området.", gap=4 + gap)
    d.bold("Tiltak 1. Styrke det nordiske samarbeidet", size=12, gap=10 + gap)
    d.line(("Teksten nevner lhbtiq", REGULAR, 11), ("1", REGULAR, 6.5, 4.0), (", og samarbeidet i Norden.", REGULAR, 11))
    d.label("Ansvarlig departement:", "AID, i samarbeid med BFD" + (" og HOD" if "department" in e else ""))
    d.label("Status:", "Tiltaket er ferdigstilt.")
    d.label("Sluttrapport:")
    d.text("Rapporten «Vil gjerne vite mer» ble publisert.")
    note = "Lhbtiq er en forkortelse for lesbiske, homofile og bifile." if "footnote" in e else "Lhbtiq er en forkortelse."
    d.line(("1 " + note, REGULAR, 8), gap=300 - 2 * gap)
    d.links.append((2, "Vil gjerne vite mer", "https://example.org/rapport-2024" if "link" in e else "https://example.org/rapport"))
    d.new_page()
    d.bold("Tiltak 2. Øke kompetansen i skolen", size=12, gap=4 + gap)
    d.line(("Tiltak 2 a) Utvikle ressurser", BOLD, 11), gap=6)
    d.text("Beskrivelse av del a.")
    d.line(("Tiltak 2 b) Bidra til undervisning", BOLD, 11), gap=6 + gap)
    d.text("Beskrivelse av del b.")
    d.label("Ansvarlig departement:", "KD")
    d.label("Status (tiltak 2 a):", "Tiltaket videreføres.")
    d.label("Sluttrapport (tiltak 2 a):", "Arbeidet fortsetter.")
    d.label("Status (tiltak 2 b):", "Tiltaket er ferdigstilt.")
    d.label("Sluttrapport (tiltak 2 b):", "Ressursen er laget og tatt i bruk." if "sluttrapport" in e else "Ressursen er laget.")
    if moved:
        d.new_page()
    d.bold("Tiltak 3. Etablere et nettverk", size=12, gap=10 + gap)
    d.text("Nettverket skal etableres mot æresrelatert vold.")
    d.label("Ansvarlige departementer:", "BFD og AID")
    d.label("Status:", "Tiltaket videreføres i ny plan." if "status" in e else "Tiltaket er ferdigstilt.")
    d.label("Sluttrapport:", "Nettverket er etablert.")
    if "measure_removed" not in e:
        d.bold("Tiltak 4. Lage en veileder", size=12, gap=10 + gap)
        d.text("En veileder for ansatte i skolen.")
        d.label("Ansvarlig departement:", "BFD")
        d.label("Status:", "Tiltaket er ferdigstilt.")
        d.label("Sluttrapport:", "Veilederen er publisert.")
    return d


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every edition the tests compare, written once: the original, every edit alone, all of them, and the original moved."""
    folder = tmp_path_factory.mktemp("editions")
    docs = {"original": report(), "moved": report(moved=True), "edited": report(PLANTED)}
    docs.update({edit: report([edit]) for edit in PLANTED})
    return {name: doc.write(folder / f"{name}.pdf") for name, doc in docs.items()}


@pytest.fixture(scope="module")
def editions(pdfs) -> dict[str, ExportedEdition]:
    """Each PDF through every stage, as ``compare`` reads it (process_pdf, the profile detected)."""
    return {name: edition(str(pdf), process_pdf(pdf)[1]) for name, pdf in pdfs.items()}


def found(differences: Iterable[Difference]) -> list[tuple[str, str, dict[str, Any], str | None, str | None]]:
    return [(d.code, d.table, d.key, d.column, d.only_in) for d in differences]


# --- planted edits ---------------------------------------------------------------------


def test_every_planted_edit_is_found_once_and_nothing_else(editions):
    comparison = compare_editions(editions["original"], editions["edited"])
    assert sorted(map(repr, found(comparison.differences))) == sorted(map(repr, PLANTED.values()))
    assert not comparison.agree
    # what the edits make the edited edition's validation say follows from them, and is listed apart
    assert comparison.explained and all(d.code == "finding_only_in" for d in comparison.explained)
    codes = {d.finding["code"] for d in comparison.explained if d.finding}
    assert {"status_mismatch", "summary_total_vs_table"} <= codes


@pytest.mark.parametrize("edit", sorted(PLANTED))
def test_each_edit_alone_is_its_one_difference(editions, edit):
    assert found(compare_editions(editions["original"], editions[edit]).differences) == [PLANTED[edit]]


def test_the_values_are_the_editions_own(editions):
    by_key = {(d.table, json.dumps(d.key)): d for d in compare_editions(editions["original"], editions["edited"]).differences}
    status = by_key[("tiltak", json.dumps({"tiltak_nr": 3}))]
    assert (status.value_a, status.value_b) == ("Ferdigstilt", "Videreføres")
    sluttrapport = by_key[("tiltak_deler", json.dumps({"tiltak_nr": 2, "part": "b"}))]
    assert (sluttrapport.value_a, sluttrapport.value_b) == ("Ressursen er laget.", "Ressursen er laget og tatt i bruk.")
    removed = by_key[("tiltak", json.dumps({"tiltak_nr": 4}))]
    assert (removed.value_a, removed.value_b, removed.tables) == ("Lage en veileder", None, ("oversikt",))
    link = next(d for d in by_key.values() if d.table == "lenker")
    assert (link.value_a, link.value_b) == ("https://example.org/rapport", "https://example.org/rapport-2024")


def test_the_other_way_round_swaps_the_editions(editions):
    forward = compare_editions(editions["original"], editions["edited"]).differences
    backward = compare_editions(editions["edited"], editions["original"]).differences
    swap = {"a": "b", "b": "a", None: None}
    assert sorted(map(repr, ((d.code, d.table, d.key, d.column, swap[d.only_in], d.value_b, d.value_a) for d in forward))) == sorted(
        map(repr, ((d.code, d.table, d.key, d.column, d.only_in, d.value_a, d.value_b) for d in backward))
    )


# --- equal editions --------------------------------------------------------------------


def test_the_same_report_laid_out_otherwise_agrees(editions):
    a, b = editions["original"], editions["moved"]
    assert a.sha256 != b.sha256
    assert [r["page_start"] for r in a.tables["tiltak"]] != [r["page_start"] for r in b.tables["tiltak"]]  # tiltak 3 moved
    comparison = compare_editions(a, b)
    assert comparison.agree and not comparison.differences and not comparison.explained


@slow
def test_two_renderings_of_the_frihet_report_agree(tmp_path, cli):
    """Two renderings of the whole frihet report (Reportlab's grid and LibreOffice's Word default)
    read to the same tables and findings (tools/accuracy.py): compare says so, and exits 0."""
    a, b = MATRIX / "rl-grid-sans-justified.pdf", MATRIX / "lo-word-default.pdf"
    result = cli("compare", str(a), str(b), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "comparison.json").read_text(encoding="utf-8"))
    assert report["agree"] and report["differences"] == [] and report["editions"]["a"]["counts"]["tiltak"] == 33


# --- the comparison, on small tables ------------------------------------------------------


def test_only_whitespace_is_normalised():
    assert normalised("  Tiltaket  er\n ferdigstilt. ") == "Tiltaket er ferdigstilt."
    assert normalised("") is None and normalised("  ") is None
    assert normalised(["a  b", {"name": " x "}]) == ["a b", {"name": "x"}]
    assert normalised("Ferdigstilt") != normalised("ferdigstilt")  # case is content
    assert normalised(3) == 3


def test_rows_by_key_places_aside():
    rule = TABLES["fotnoter"]
    a = [{"report_id": "a", "number": 1, "text": "En  note.", "page": 2}, {"number": 2, "text": "To.", "page": 3}]
    b = [{"report_id": "b", "number": 1, "text": "En note.", "page": 5}, {"number": 3, "text": "Tre.", "page": 3}]
    assert found(compare_rows("fotnoter", rule, a, b)) == [
        ("row_only_in", "fotnoter", {"number": 2}, "text", "a"),
        ("row_only_in", "fotnoter", {"number": 3}, "text", "b"),
    ]
    b[1]["number"] = 2
    assert [(d.code, d.column, d.value_a, d.value_b) for d in compare_rows("fotnoter", rule, a, b)] == [("row_differs", "text", "To.", "Tre.")]


def test_a_link_changed_in_its_words_or_its_url_is_one_difference():
    """A link is matched by the words it sits on, else by its URL, within one field: a change of
    either is one difference of that column; a link changed in both is one in each edition."""
    rule = TABLES["lenker"]

    def link(anchor: str, url: str, page: int = 2) -> dict[str, Any]:
        return {"url": url, "scheme": "https", "anchor_text": anchor, "tiltak_nr": 1, "part": None, "field": "sluttrapport", "page": page, "x0": 1.0}

    a = [link("rapporten", "https://a.no/r"), link("planen.", "https://a.no/p")]
    b = [link("rapporten", "https://a.no/r2", page=7), link("planen", "https://a.no/p")]
    assert [(d.code, d.key["anchor_text"], d.column, d.value_a, d.value_b) for d in compare_rows("lenker", rule, a, b)] == [
        ("row_differs", "planen.", "anchor_text", "planen.", "planen"),
        ("row_differs", "rapporten", "url", "https://a.no/r", "https://a.no/r2"),
    ]
    assert found(compare_rows("lenker", rule, a[:1], [link("teksten", "https://b.no")])) == [
        ("row_only_in", "lenker", {"tiltak_nr": 1, "part": None, "field": "sluttrapport", "anchor_text": "rapporten"}, "url", "a"),
        ("row_only_in", "lenker", {"tiltak_nr": 1, "part": None, "field": "sluttrapport", "anchor_text": "teksten"}, "url", "b"),
    ]


def test_a_key_printed_twice_compares_in_print_order():
    rule = TABLES["oversikt"]
    a = [{"tiltak_nr": 5, "title": "Først"}, {"tiltak_nr": 5, "title": "Andre"}]
    b = [{"tiltak_nr": 5, "title": "Først"}, {"tiltak_nr": 5, "title": "Annen"}]
    (d,) = compare_rows("oversikt", rule, a, b)
    assert (d.key, d.column, d.value_a, d.value_b) == ({"tiltak_nr": 5, "occurrence": 2}, "title", "Andre", "Annen")
    assert key_text("oversikt", d.key, "nb") == "Oversiktens rad for tiltak 5 (#2)"


def _measure(nr: int, block: int, **fields: Any) -> dict[str, Any]:
    return {"report_id": "r", "block_nr": block, "tiltak_nr": nr, "page_start": block, "page_end": block, "finding_codes": [], **fields}


def test_a_part_says_its_difference_once():
    """A part's sluttrapport differs: said by the part's row, not again by the measure's composed text."""
    tiltak_a = [_measure(9, 1, title="Ni", sluttrapport="a) Gjort. b) Gjort.", status="Ferdigstilt")]
    tiltak_b = [_measure(9, 1, title="Ni", sluttrapport="a) Gjort. b) Ikke gjort.", status="Ferdigstilt")]
    deler_a = [_measure(9, 1, part="a", sluttrapport="Gjort."), _measure(9, 1, part="b", sluttrapport="Gjort.")]
    deler_b = [_measure(9, 1, part="a", sluttrapport="Gjort."), _measure(9, 1, part="b", sluttrapport="Ikke gjort.")]
    assert found(compare_measures(tiltak_a, tiltak_b, deler_a, deler_b)) == [
        ("field_differs", "tiltak_deler", {"tiltak_nr": 9, "part": "b"}, "sluttrapport", None)
    ]
    # a part's title: said by the part, not again by the description that holds it
    deler_c = [
        _measure(9, 1, part="a", part_title="Første", sluttrapport="Gjort."),
        _measure(9, 1, part="b", part_title="Annen", sluttrapport="Gjort."),
    ]
    deler_d = [
        _measure(9, 1, part="a", part_title="Første", sluttrapport="Gjort."),
        _measure(9, 1, part="b", part_title="Andre", sluttrapport="Gjort."),
    ]
    tiltak_c = [_measure(9, 1, title="Ni", description="a) Første. b) Annen.")]
    tiltak_d = [_measure(9, 1, title="Ni", description="a) Første. b) Andre.")]
    assert found(compare_measures(tiltak_c, tiltak_d, deler_c, deler_d)) == [
        ("field_differs", "tiltak_deler", {"tiltak_nr": 9, "part": "b"}, "part_title", None)
    ]
    # a part in one edition only: its row says so; the composed fields follow from it, the title does not
    tiltak_b = [_measure(9, 1, title="Nine", sluttrapport="a) Gjort.", status="Ferdigstilt")]
    assert found(compare_measures(tiltak_a, tiltak_b, deler_a, deler_b[:1])) == [
        ("field_differs", "tiltak", {"tiltak_nr": 9}, "title", None),
        ("row_only_in", "tiltak_deler", {"tiltak_nr": 9, "part": "b"}, "part_title", "a"),
    ]


def test_a_field_differs_once_named_by_its_first_column():
    """The status sentence and the status it gives are one field: named «status» when the status
    changes, «status_text» when only its wording does; the lead department follows the department line."""
    a = [_measure(1, 1, status="Ferdigstilt", status_text="Ferdigstilt.", ansvarlig_departement="AID", lead_departement="AID")]
    b = [_measure(1, 1, status="Videreføres", status_text="Videreføres.", ansvarlig_departement="KD", lead_departement="KD")]
    c = [_measure(1, 1, status="Ferdigstilt", status_text="Tiltaket er ferdigstilt.", ansvarlig_departement="AID", lead_departement="AID")]
    rows = [_measure(1, 1, part=None)]
    assert [d.column for d in compare_measures(a, b, rows, rows)] == ["ansvarlig_departement", "status"]
    assert [d.column for d in compare_measures(a, c, rows, rows)] == ["status_text"]


def test_places_and_copies_are_never_differences():
    a = [_measure(1, 1, title="En", table_status="Ferdigstilt", links=[{"url": "x"}], references=[2])]
    b = [_measure(1, 7, title="En", table_status="Videreføres", links=[], references=[], page_start=40, finding_codes=["x"])]
    assert compare_measures(a, b, [], []) == []


def test_every_column_is_compared_or_named_as_no_content():
    """A new column of a schema is compared unless it is named here as a place or a copy: this list says which are compared."""
    compared = {name: rule.compared(f.name for f in SCHEMAS[name]) for name, rule in [("tiltak", TILTAK), ("tiltak_deler", DELER), *TABLES.items()]}
    assert compared == {
        "tiltak": [
            "title",
            "innsatsomrade_nr",
            "innsatsomrade_title",
            "description",
            "ansvarlig_label",
            "ansvarlig_departement",
            "lead_departement",
            "samarbeid",
            "status",
            "status_text",
            "continued_in",
            "sluttrapport",
        ],
        "tiltak_deler": [
            "part_title",
            "description",
            "ansvarlig_departement",
            "lead_departement",
            "samarbeid",
            "status",
            "status_text",
            "continued_in",
            "sluttrapport",
        ],
        "oversikt": ["title", "ansvarlig_departement", "status", "innsatsomrade_nr", "innsatsomrade_title", "undergruppe"],
        "innsatsomrader": ["title", "intro"],
        "departementer": ["name", "kind", "parent", "note", "footnote"],
        "fotnoter": ["text", "tiltak_nr", "part", "field", "marker_after"],
        "lenker": ["url"],
    }
    assert {"page", "x0", "report_id", "block_nr"} <= PLACE


def _finding(code: str, tiltak_nr: int | None = None, page: int | None = None, **more: Any) -> dict[str, Any]:
    return {
        "code": code,
        "severity": "warning",
        "message": f"{code} on page {page}",
        "message_nb": f"{code} på side {page}",
        "tiltak_nr": tiltak_nr,
        "page": page,
        **more,
    }


def test_findings_in_one_edition_only():
    """Where the data agree, a finding in one edition only is a difference; where a measure (or,
    for a finding of the whole report, the data at all) differ, it follows from them."""
    a = [_finding("links_unreadable", page=3), _finding("title_mismatch", 4, page=9)]
    b = [_finding("title_mismatch", 4, page=2)]  # the same finding on another page: the same
    differences, explained = compare_findings(a, b, [])
    assert found(differences) == [
        ("finding_only_in", "validation", {"code": "links_unreadable", "tiltak_nr": None, "part": None, "field": None}, None, "a")
    ]
    assert explained == []
    differs = [Difference("field_differs", "tiltak", {"tiltak_nr": 4}, "title", "x", "y")]
    differences, explained = compare_findings([_finding("status_mismatch", 4), _finding("status_mismatch", 5)], [], differs)
    assert [d.key["tiltak_nr"] for d in differences] == [5] and [d.key["tiltak_nr"] for d in explained] == [4]
    differences, explained = compare_findings([], [_finding("summary_total_vs_body")], differs)
    assert differences == [] and [d.only_in for d in explained] == ["b"]


def test_values_are_shortened_to_where_they_differ():
    start, end = "Arbeidet med tiltaket har pågått gjennom hele perioden, og ", " Det videreføres i ny plan fra 2025."
    a, b = shortened(start + "rapporten ble publisert i 2023." + end, start + "rapporten ble publisert i 2024." + end)
    assert a.startswith("…") and a.endswith("…") and "2023" in a and "2024" in b
    assert len(a) < 80 and "Arbeidet" not in a
    assert shortened("Ferdigstilt", "Videreføres") == ("Ferdigstilt", "Videreføres")
    assert shortened(["AID", "BFD"], ["AID"]) == ("AID; BFD", "AID")


# --- comparison.json and comparison.md ------------------------------------------------------


def test_comparison_files(editions):
    comparison = compare_editions(editions["original"], editions["edited"])
    files = comparison_files(comparison, "nb")
    report = json.loads(files["comparison.json"])
    assert report == comparison_json(comparison) | {"differences": report["differences"], "explained_findings": report["explained_findings"]}
    assert set(report["editions"]["a"]) >= {"file", "sha256", "profile", "counts", "findings"}
    assert report["editions"]["a"]["profile"] == "frihet-sluttrapport" and report["editions"]["a"]["counts"]["tiltak"] == 4
    assert report["summary"]["differences"] == len(PLANTED) and not report["agree"]
    for d in report["differences"]:
        assert set(d) >= {"code", "table", "key", "column", "value_a", "value_b", "only_in", "message", "message_nb"}
    md = files["comparison.md"].decode("utf-8")
    assert md.startswith("# Sammenligning av to utgaver") and f"## Forskjeller ({len(PLANTED)})" in md
    assert "| `field_differs` | Tiltak 3 | status | Ferdigstilt | Videreføres |" in md
    assert "## Funn som følger av forskjellene" in md
    en = comparison_markdown(report, "en")
    assert en.startswith("# Comparison of two editions") and f"## Differences ({len(PLANTED)})" in en and "Sammenligning" not in en
    assert comparison_files(comparison, "en")["comparison.json"] == files["comparison.json"]  # both languages whatever --lang


def test_text_from_the_report_stays_text_in_markdown(editions):
    a = editions["original"]
    b = ExportedEdition(
        a.file,
        a.sha256,
        a.profile,
        {**a.tables, "fotnoter": [{**a.tables["fotnoter"][0], "text": "<script>x</script> | *ikke* [lenke](javascript:x)"}]},
        a.validation,
        a.report,
    )
    md = comparison_files(compare_editions(a, b), "en")["comparison.md"].decode("utf-8")
    row = next(line for line in md.splitlines() if "`row_differs`" in line)
    assert "<script>" not in row and "&lt;script&gt;" in row and "\\|" in row and "\\*ikke\\*" in row and "\\[lenke\\]" in row


def test_agreement_said_in_both_languages(editions):
    comparison = compare_editions(editions["original"], editions["original"])
    assert comparison.agree
    assert "Ingen forskjeller" in comparison_files(comparison, "nb")["comparison.md"].decode()
    assert "No differences" in comparison_files(comparison, "en")["comparison.md"].decode()


# --- the command line ------------------------------------------------------------------------


def test_cli_differ_exits_1(pdfs, tmp_path, cli):
    out = tmp_path / "cmp"
    result = cli("compare", str(pdfs["original"]), str(pdfs["edited"]), "--out", str(out), "--lang", "en")
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == f"{pdfs['original']} ↔ {pdfs['edited']}: {len(PLANTED)} differences → {out}/comparison.md"
    assert json.loads((out / "comparison.json").read_text(encoding="utf-8"))["summary"]["differences"] == len(PLANTED)
    assert (out / "comparison.md").read_text(encoding="utf-8").startswith("# Comparison of two editions")
    assert sorted(p.name for p in out.iterdir()) == ["comparison.json", "comparison.md"]  # nothing left half-written


def test_cli_agree_exits_0(pdfs, tmp_path, cli):
    result = cli("compare", str(pdfs["original"]), str(pdfs["moved"]), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f": the editions agree → {tmp_path}/comparison.md\n")
    assert (tmp_path / "comparison.md").read_text(encoding="utf-8").startswith("# Sammenligning av to utgaver")  # Norwegian by default


def test_cli_bad_editions_fail_as_run_does(pdfs, tmp_path, cli):
    missing, page = tmp_path / "borte.pdf", tmp_path / "side.pdf"
    page.write_text("<html><body>Ikke en PDF</body></html>")
    result = cli("compare", str(missing), str(pdfs["original"]), "--out", str(tmp_path / "x"))
    assert (result.returncode, result.stderr) == (2, f"error: {missing}: no such file: it does not exist\n")
    result = cli("compare", str(page), str(missing), "--out", str(tmp_path / "x"))
    assert result.returncode == 3
    first, second = result.stderr.splitlines()
    assert first.startswith(f"error: {page}: not a PDF") and second == f"error: {missing}: no such file: it does not exist"
    assert not (tmp_path / "x").exists()


def test_default_folder_is_named_by_both_editions():
    assert compare_dir(Path("raw_pdfs/rapport-2024.pdf"), Path("web/rapport-2024.html")) == Path("output/compare-rapport-2024-rapport-2024")
    assert compare_dir(Path("a/x.pdf"), Path("b/y\n.pdf")).parent == Path("output")  # made safe, as a report id is


# --- editions of different kinds ------------------------------------------------------------------

PLANTED_IN_HTML = (  # (what the web edition prints, what it prints after the edit)
    ('<strong>Ansvarlig departement:</strong> KUD</p>', '<strong>Ansvarlig departement:</strong> BFD</p>'),
    (
        "<strong>Status:</strong> Tiltaket videreføres i handlingsplanen Sjef i eget liv - styrket innsats mot negativ sosial kontroll og "
        'æresmotivert vold (2025-2028).</p>\n<p class="label label-only"><strong>Sluttrapport:</strong></p>\n<p>Veileder for',
        '<strong>Status:</strong> Tiltaket er ferdigstilt.</p>\n<p class="label label-only"><strong>Sluttrapport:</strong></p>\n<p>Veileder for',
    ),
    ("https://casegenerator.no/", "https://casegenerator.example.no/"),
)


def test_a_web_edition_against_the_pdf_gives_its_planted_edits_and_nothing_else(tmp_path):
    """The frihet report's web edition (tests/pdfs/renderings/cr-web-default.html) against its PDF
    printed by Word: equal as published; with three edits in the page (tiltak 13's department, tiltak
    12's status sentence, a link's address), exactly those three differences, each where it was made."""
    from .helpers import processed

    _, pdf = processed("lo-word-default")
    page = (MATRIX / "cr-web-default.html").read_text(encoding="utf-8")
    assert compare_editions(edition("pdf", pdf), edition("html", process_pdf(MATRIX / "cr-web-default.html")[1])).agree
    for printed, edited in PLANTED_IN_HTML:
        assert page.count(printed) == 1
        page = page.replace(printed, edited)
    (tmp_path / "endret.html").write_text(page, encoding="utf-8")
    found = compare_editions(edition("pdf", pdf), edition("html", process_pdf(tmp_path / "endret.html")[1])).differences
    assert sorted((d.code, d.table, str(d.key), d.column, d.value_a, d.value_b) for d in found) == [
        ("field_differs", "tiltak", "{'tiltak_nr': 12}", "status", "Videreføres", "Ferdigstilt"),
        ("field_differs", "tiltak", "{'tiltak_nr': 13}", "ansvarlig_departement", "KUD", "BFD"),
        (
            "row_differs",
            "lenker",
            "{'tiltak_nr': 13, 'part': None, 'field': 'sluttrapport', 'anchor_text': 'casegenerator'}",
            "url",
            "https://casegenerator.no/",
            "https://casegenerator.example.no/",
        ),
    ]
