"""The shipped report, in both renderings, against goldens checked by hand.

tests/golden/ was written from the source text (see its README), not from the
pipeline; the same expectations hold for the Word-like rendering in raw_pdfs/
and for the differently rendered copy in tests/pdfs/.
"""

from __future__ import annotations

import csv
import json

import pytest

from .helpers import GOLDEN, assert_parquet_matches_csv, first_words, last_words

FIELDS = ("description", "sluttrapport")


def golden_oversikt() -> list[dict]:
    with (GOLDEN / "oversikt.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def as_golden_csv_rows(rows) -> list[dict]:
    """Overview rows in the shape of a golden oversikt CSV (strings, empty for null)."""
    return [
        {
            "tiltak_nr": str(r.tiltak_nr),
            "title": r.title,
            "ansvarlig_departement": r.ansvarlig_departement,
            "status": r.status,
            "innsatsomrade_nr": str(r.innsatsomrade_nr),
            "innsatsomrade_title": r.innsatsomrade_title,
            "undergruppe": r.undergruppe or "",
        }
        for r in rows
    ]


def test_oversikt_equals_the_published_table(rendering):
    _, stages, _ = rendering
    assert as_golden_csv_rows(stages.overview.rows) == golden_oversikt()


def test_summary_sentence_counts(rendering):
    _, stages, _ = rendering
    summary = json.loads((GOLDEN / "oversikt_summary.json").read_text(encoding="utf-8"))
    assert stages.overview.summary_total == summary["total"]
    assert stages.overview.summary_counts == {k: v for k, v in summary.items() if k != "total"}


def test_table_continues_on_the_next_page_from_row_19(rendering):
    name, stages, _ = rendering
    pages = {r.tiltak_nr: r.page for r in stages.overview.rows}
    if name == "word":  # the original's page break
        assert pages[18] == 4 and pages[19] == 5
    assert len(set(pages.values())) == 2


def _words(field, n, first):
    if field is None:
        return None
    return first_words(field.text, n) if first else last_words(field.text, n)


def check_fields(label, got, want, n=6):
    for key in FIELDS:
        assert _words(getattr(got, key), n, True) == want[f"{key}_first"], f"{label} {key} first words"
        assert _words(getattr(got, key), n, False) == want[f"{key}_last"], f"{label} {key} last words"
    dept = got.ansvarlig_departement
    assert (dept.label if dept else None) == want["ansvarlig_label"], f"{label} label"
    assert (dept.text if dept else None) == want["ansvarlig_departement"], f"{label} department"
    assert (got.status.text if got.status else None) == want["status_text"], f"{label} status text"
    assert got.status_value == want["status"], f"{label} status"


def test_every_block_matches_its_golden(rendering, golden_tiltak):
    name, stages, _ = rendering
    got = {t.tiltak_nr: t for t in stages.tiltak}
    assert sorted(got) == [g["tiltak_nr"] for g in golden_tiltak] == list(range(1, 34))
    for want in golden_tiltak:
        t = got[want["tiltak_nr"]]
        label = f"{name} tiltak {t.tiltak_nr}"
        assert t.title == want["title"], label
        assert t.innsatsomrade_nr == want["innsatsomrade_nr"], label
        if name == "word":  # physical pages of the original's layout
            assert (t.page_start, t.page_end) == (want["page_start"], want["page_end"]), label
        if "parts" not in want:
            check_fields(label, t, want)
            continue
        parts = {p.part: p for p in t.parts}
        assert sorted(parts) == [p["part"] for p in want["parts"]], label
        shared = {k for k in ("ansvarlig_departement", "status_text") if want[k] is not None}
        for pw in want["parts"]:
            p = parts[pw["part"]]
            assert p.title == pw["title"], label
            assert _words(p.description, 6, True) == pw["description_first"], label
            assert _words(p.description, 6, False) == pw["description_last"], label
            expected = dict(pw)
            if shared:  # given once for the whole measure (tiltak 9): every part inherits it
                assert set(p.inherited) == {"ansvarlig_departement", "status", "sluttrapport"}, label
                for k in ("ansvarlig_label", "ansvarlig_departement", "status_text", "status", "sluttrapport_first", "sluttrapport_last"):
                    expected[k] = want[k]
            expected.update({"description_first": pw["description_first"], "description_last": pw["description_last"]})
            check_fields(f"{label}{p.part}", p, expected)


def test_blocks_with_parts_at_block_level(rendering, golden_tiltak):
    _, stages, _ = rendering
    got = {t.tiltak_nr: t for t in stages.tiltak}
    nine, ten = got[9], got[10]
    # tiltak 9: one status for both parts; the description lists the parts in order
    assert nine.status_value == "Ferdigstilt"
    assert nine.description.text.startswith("a) Utvikle støtteressurser for ansatte i grunnopplæringen og SFO. Det er behov")
    assert " b) Bidra til god undervisning om vold, kropp, kjønn, seksualitet og seksuell grensesetting. Høsten 2020" in nine.description.text
    # tiltak 10: parts differ, the measure continues (the table says Videreføres)
    assert ten.status_value == "Videreføres"
    assert ten.ansvarlig_departement.text == "a) KD b) KD, i samarbeid med HOD"
    assert ten.status.text.startswith("a) Tiltaket videreføres i handlingsplanen Sjef i eget liv")
    assert ten.status.text.endswith("b) Tiltaket er ferdigstilt.")


def test_findings_are_pinned(rendering):
    _, stages, _ = rendering
    want = json.loads((GOLDEN / "findings.json").read_text(encoding="utf-8"))
    got = [
        {
            "severity": f.severity,
            "code": f.code,
            "tiltak_nr": f.tiltak_nr,
            "part": f.part,
            "field": f.field,
            "body_value": f.body_value,
            "table_value": f.table_value,
        }
        for f in stages.findings
    ]
    assert got == want


def test_text_is_clean_prose(rendering):
    _, stages, _ = rendering
    for t in stages.tiltak:
        for key in ("description", "ansvarlig_departement", "status", "sluttrapport"):
            f = getattr(t, key)
            if f is None:
                continue
            assert "  " not in f.text and "\n" not in f.text, (t.tiltak_nr, key)
            assert "http" not in f.text, (t.tiltak_nr, key)
            assert "S i d e" not in f.text and "| 28" not in f.text, (t.tiltak_nr, key)
            assert "Lhbtiq er en forkortelse" not in f.text, (t.tiltak_nr, key)
            assert "\uf0b7" not in f.text
    one = next(t for t in stages.tiltak if t.tiltak_nr == 1)
    assert "samt lhbtiq, i tjenester" in one.description.text  # marker "2" gone, comma kept


@pytest.mark.parametrize("table", ["tiltak", "tiltak_deler", "oversikt"])
def test_parquet_and_csv_hold_the_same_rows(rendering, table):
    _, _, files = rendering
    assert_parquet_matches_csv(files, table)
