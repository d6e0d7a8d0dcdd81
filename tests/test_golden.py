"""The shipped report, in both renderings, against goldens checked by hand.

tests/golden/ was written from the source text (see its README), not from the
pipeline; the same expectations hold for the Word-like rendering in raw_pdfs/
and for the differently rendered copy in tests/pdfs/.
"""

from __future__ import annotations

import json

import pytest

from .goldens import as_golden_csv_rows, block_differences, expected_pages, finding_rows, golden_oversikt
from .helpers import GOLDEN, assert_parquet_matches_csv


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


def test_every_block_matches_its_golden(rendering, golden_tiltak):
    name, stages, _ = rendering
    assert sorted(t.tiltak_nr for t in stages.tiltak) == [g["tiltak_nr"] for g in golden_tiltak] == list(range(1, 34))
    # the physical pages are those of the original's layout on the Word-like rendering
    pages = expected_pages("word") if name == "word" else None
    differences = block_differences(stages, golden_tiltak, pages)
    assert {nr: d for nr, d in differences.items() if d} == {}


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
    assert finding_rows(stages) == json.loads((GOLDEN / "findings.json").read_text(encoding="utf-8"))


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


def test_the_comparisons_catch_a_difference(word_stages, golden_tiltak):
    """The golden comparisons used over every rendering do fail when a value is wrong."""
    from dataclasses import replace

    from .goldens import overview_differences

    wrong = replace(word_stages, tiltak=(replace(word_stages.tiltak[0], title="Noe annet"), *word_stages.tiltak[2:]))
    differences = block_differences(wrong, golden_tiltak)
    assert differences[1] and differences[2] == ["tiltak 2: no block"] and not differences[3]
    rows = replace(word_stages.overview, rows=word_stages.overview.rows[1:])
    assert overview_differences(replace(word_stages, overview=rows))[1] == ["no row"]
