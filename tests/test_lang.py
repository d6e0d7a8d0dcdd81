"""Findings in the users' language: validation.md in Norwegian (the default) or English
(``--lang en``), validation.json the same in both, with every message in both languages.

The expectations are written out by hand: the English validation.md as the committed code
wrote it before there was a choice of language (``python -m pipeline run raw_pdfs``), and the
Norwegian messages as the Norwegian templates of ``pipeline/findings.py`` read, filled with
the values the English messages show. If the findings of the shipped report change on purpose,
change ``ENGLISH`` with them.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pipeline import __version__
from pipeline.dataset.export import DEFAULT_LANG, ExportOptions, export_files, output_metadata
from pipeline.findings import FINDING_TYPES, LANGUAGES, Finding, FindingCode, finding
from pipeline.review.page import findings_list_html, findings_table_html
from pipeline.stages.validate.report import validation_json, validation_markdown

# validation.md of raw_pdfs/sluttrapport-frihet-2021-2024.pdf, by the code before --lang existed
ENGLISH = """# Validation report: sluttrapport-frihet-2021-2024

Source: `sluttrapport-frihet-2021-2024.pdf` · pipeline {version}

- Tiltak in the body: **33**; rows in the overview table: **33**
- Summary sentence: «Av totalt 33 tiltak i handlingsplanen er 23 tiltak ferdigstilte og 10 videreføres.»
- Findings: **1 errors**, **6 warnings**, **9 info**

## Error (1)

| Tiltak | Code | Finding | Body | Table | Page |
|---|---|---|---|---|---|
| 31 | `status_mismatch` | Tiltak 31: the body says «Tiltaket videreføres i handlingsplanen Sjef i eget liv – styrket innsats mot negativ sosial kontroll og æresmotivert vold (2025-2028).» (Videreføres); the table says Ferdigstilt. | Videreføres | Ferdigstilt | 27 |

## Warning (6)

| Tiltak | Code | Finding | Body | Table | Page |
|---|---|---|---|---|---|
|  | `summary_count_vs_body` | The summary says 23 tiltak «Ferdigstilt»; the body's status lines give 22 (tiltak 1, 2, 3, 5, 8, 9, 11, 15, 16, 18, 19, 20, 21, 22, 24, 25, 27, 28, 29, 30, 32, 33). | Ferdigstilt: 22 | Ferdigstilt: 23 |  |
|  | `summary_count_vs_body` | The summary says 10 tiltak «Videreføres»; the body's status lines give 11 (tiltak 4, 6, 7, 10, 12, 13, 14, 17, 23, 26, 31). | Videreføres: 11 | Videreføres: 10 |  |
| 2 | `title_mismatch` | Tiltak 2: the heading's title differs from the table's: +«innvandrere». | Styrke oppfølgingen av nyankomne innvandrere og flyktninger som er volds- og trusselutsatte | Styrke oppfølgingen av nyankomne og flyktninger som er volds- og trusselutsatte | 6 |
| 11 | `title_mismatch` | Tiltak 11: the heading's title differs from the table's: -«barnevernstjenestens» +«barneverntjenestens». | Vurdere muligheten for saksregistrering i barneverntjenestens arbeid | Vurdere muligheten for saksregistrering i barnevernstjenestens arbeid | 14 |
| 19 | `department_partners_not_in_table` | Tiltak 19: the body also names HOD, which the table leaves out although it lists BFD, AID. | BFD, i samarbeid med HOD og AID | BFD og AID | 20 |
| 30 | `title_mismatch` | Tiltak 30: the heading's title differs from the table's: -«nordiske» +«nordisk». | Styrke det nordisk samarbeidet | Styrke det nordiske samarbeidet | 26 |

## Info (9)

| Tiltak | Code | Finding | Body | Table | Page |
|---|---|---|---|---|---|
| 2 | `department_partners_not_in_table` | Tiltak 2: the body also names BFD, which the table leaves out. | AID, i samarbeid med BFD | AID | 7 |
| 5 | `department_partners_not_in_table` | Tiltak 5: the body also names BFD, HOD, JD, KUD, which the table leaves out. | AID, i samarbeid med BFD, HOD, JD og KUD | AID | 9 |
| 6 | `department_partners_not_in_table` | Tiltak 6: the body also names BFD, HOD, JD, KUD, which the table leaves out. | AID, i samarbeid med BFD, HOD, JD og KUD | AID | 9 |
| 10 | `department_partners_not_in_table` | Tiltak 10: the body also names HOD, which the table leaves out. | a) KD b) KD, i samarbeid med HOD | KD | 13 |
| 10 | `part_status_differs` | Tiltak 10: its parts have different statuses (10 a: Videreføres, 10 b: Ferdigstilt); the measure counts as Videreføres, the table says Videreføres. | 10 a: Videreføres, 10 b: Ferdigstilt | Videreføres | 13 |
| 21 | `department_partners_not_in_table` | Tiltak 21: the body also names BFD, HOD, JD, KUD, which the table leaves out. | AID, i samarbeid med BFD, HOD, JD og KUD | AID | 21 |
| 27 | `department_partners_not_in_table` | Tiltak 27: the body also names BFD, which the table leaves out. | AID, i samarbeid med BFD | AID | 24 |
| 28 | `department_partners_not_in_table` | Tiltak 28: the body also names UD, which the table leaves out. | AID, i samarbeid med UD | AID | 25 |
| 29 | `department_partners_not_in_table` | Tiltak 29: the body also names UD, which the table leaves out. | AID, i samarbeid med UD | AID | 26 |

"""


def files_in(stages, lang: str | None) -> dict[str, bytes]:
    metadata = output_metadata(stages.document, stages.profile, stages.plan, stages.report_year)
    return export_files(stages, metadata, ExportOptions(lang=lang))


@pytest.fixture(scope="module")
def by_lang(word_stages) -> dict[str | None, dict[str, bytes]]:
    return {lang: files_in(word_stages, lang) for lang in (None, "nb", "en")}


# --- validation.md ----------------------------------------------------------------------


def test_english_is_what_it_was(by_lang):
    assert by_lang["en"]["validation.md"].decode("utf-8") == ENGLISH.replace("{version}", __version__)


def test_norwegian_is_the_default(by_lang):
    assert DEFAULT_LANG == "nb" and ExportOptions().language == "nb" and ExportOptions(lang="en").language == "en"
    assert by_lang[None]["validation.md"] == by_lang["nb"]["validation.md"] != by_lang["en"]["validation.md"]


def test_norwegian_headings_headers_and_severities(by_lang):
    md = by_lang["nb"]["validation.md"].decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == "# Valideringsrapport: sluttrapport-frihet-2021-2024"
    assert lines[2] == f"Kilde: `sluttrapport-frihet-2021-2024.pdf` · pipeline {__version__}"
    assert lines[4] == "- Tiltak i brødteksten: **33**; rader i oversiktstabellen: **33**"
    assert lines[5] == "- Oppsummeringssetning: «Av totalt 33 tiltak i handlingsplanen er 23 tiltak ferdigstilte og 10 videreføres.»"
    assert lines[6] == "- Funn: **1 feil**, **6 advarsler**, **9 merknader**"
    assert [ln for ln in lines if ln.startswith("## ")] == ["## Feil (1)", "## Advarsler (6)", "## Merknader (9)"]
    assert lines.count("| Tiltak | Kode | Funn | Brødtekst | Tabell | Side |") == 3
    for english in ("Validation report", "Source:", "Summary sentence", "Findings:", "## Error", "| Code |", "the table", "the body"):
        assert english not in md, english


# The Norwegian templates of pipeline/findings.py, filled by hand with the values of the English messages above.
NORWEGIAN_ROWS = [
    # status_mismatch: «Tiltak {tiltak_nr}: brødteksten sier «{text}» ({body_value}); tabellen sier {table_value}.»
    "| 31 | `status_mismatch` | Tiltak 31: brødteksten sier «Tiltaket videreføres i handlingsplanen Sjef i eget liv – styrket innsats mot"
    " negativ sosial kontroll og æresmotivert vold (2025-2028).» (Videreføres); tabellen sier Ferdigstilt. | Videreføres | Ferdigstilt | 27 |",
    # summary_count_vs_body: «Oppsummeringen sier {said} tiltak «{status}»; brødtekstens statuslinjer gir {count} (tiltak {which}).»
    "|  | `summary_count_vs_body` | Oppsummeringen sier 10 tiltak «Videreføres»; brødtekstens statuslinjer gir 11"
    " (tiltak 4, 6, 7, 10, 12, 13, 14, 17, 23, 26, 31). | Videreføres: 11 | Videreføres: 10 |  |",
    # title_mismatch: «Tiltak {tiltak_nr}: overskriftens tittel avviker fra tabellens: {diff}.»
    "| 11 | `title_mismatch` | Tiltak 11: overskriftens tittel avviker fra tabellens: -«barnevernstjenestens» +«barneverntjenestens». |"
    " Vurdere muligheten for saksregistrering i barneverntjenestens arbeid | Vurdere muligheten for saksregistrering i barnevernstjenestens arbeid | 14 |",
    # department_partners_not_in_table, variant table_lists_several:
    # «Tiltak {tiltak_nr}: brødteksten nevner også {extra}, som tabellen utelater selv om den oppgir {listed}.»
    "| 19 | `department_partners_not_in_table` | Tiltak 19: brødteksten nevner også HOD, som tabellen utelater selv om den oppgir BFD, AID. |"
    " BFD, i samarbeid med HOD og AID | BFD og AID | 20 |",
    # part_status_differs: «Tiltak {tiltak_nr}: delene har ulik status ({body_value}); tiltaket regnes som {status}, tabellen sier {table_value}.»
    "| 10 | `part_status_differs` | Tiltak 10: delene har ulik status (10 a: Videreføres, 10 b: Ferdigstilt); tiltaket regnes som Videreføres,"
    " tabellen sier Videreføres. | 10 a: Videreføres, 10 b: Ferdigstilt | Videreføres | 13 |",
]


@pytest.mark.parametrize("row", NORWEGIAN_ROWS, ids=lambda r: r.split("`")[1])
def test_norwegian_messages_come_from_the_norwegian_templates(by_lang, row):
    assert row in by_lang["nb"]["validation.md"].decode("utf-8").splitlines()


def test_same_findings_in_both_languages(by_lang):
    def rows(lang: str) -> list[list[str]]:
        lines = by_lang[lang]["validation.md"].decode("utf-8").splitlines()
        return [[c.strip() for c in ln.split(" | ")] for ln in lines if ln.startswith("| ") and "`" in ln]

    en, nb = rows("en"), rows("nb")
    assert len(en) == len(nb) == 16
    for e, n in zip(en, nb):  # tiltak, code, body, table and page alike; only the message differs
        assert e[:2] + e[3:] == n[:2] + n[3:] and e[2] != n[2]


def test_norwegian_counts_agree_in_number(word_stages):
    one_each = [
        finding("status_mismatch", tiltak_nr=1, field="status", body_value="A", table_value="B", text="a"),
        finding("gap_in_body", tiltak_nr=2, highest=3),
        finding("part_status_differs", tiltak_nr=3, body_value="3 a: A, 3 b: B", table_value="A", status="A"),
    ]
    report = validation_json("r", "r.pdf", one_each, word_stages.overview, word_stages.tiltak)
    assert "- Funn: **1 feil**, **1 advarsel**, **1 merknad**" in validation_markdown(report, "nb")
    assert "- Findings: **1 errors**, **1 warnings**, **1 info**" in validation_markdown(report, "en")  # as it always said
    assert "| 2 | `gap_in_body` | Brødteksten har ikke tiltak 2, selv om den går opp til 3. |" in validation_markdown(report, "nb")


def test_no_findings_in_both_languages(word_stages):
    report = validation_json("r", "r.pdf", [], word_stages.overview, word_stages.tiltak)
    assert validation_markdown(report, "en").endswith("\nNo findings: the body and the overview table agree.\n")
    assert validation_markdown(report, "nb").endswith("\nIngen funn: brødteksten og oversiktstabellen stemmer overens.\n")
    assert "- Funn: **0 feil**, **0 advarsler**, **0 merknader**" in validation_markdown(report, "nb")


def test_a_summary_read_from_a_table_of_counts_is_called_a_table(word_stages):
    """Held-out batch 8 (tiltak-nr-oppsummeringstabell): a summary that is a table «Status | Antall tiltak», its
    cells joined, is not called a sentence; validation.json says it is a table's, and only then."""
    table = replace(word_stages.overview, summary_text="Ferdigstilt 23 · Videreføres 10 · Sum 33", summary_table=True)
    report = validation_json("r", "r.pdf", [], table, word_stages.tiltak)
    assert report["summary"]["summary_table"] is True
    assert "- Oppsummeringstabell: «Ferdigstilt 23 · Videreføres 10 · Sum 33»" in validation_markdown(report, "nb")
    assert "- Summary table: «Ferdigstilt 23 · Videreføres 10 · Sum 33»" in validation_markdown(report, "en")
    sentence = validation_json("r", "r.pdf", [], word_stages.overview, word_stages.tiltak)
    assert "summary_table" not in sentence["summary"] and "- Oppsummeringssetning: «" in validation_markdown(sentence, "nb")


def test_a_finding_without_norwegian_shows_its_english(word_stages):
    made_by_hand = Finding("summary_missing", "warning", "No summary.")
    md = validation_markdown(validation_json("r", "r.pdf", [made_by_hand], word_stages.overview, word_stages.tiltak), "nb")
    assert "|  | `summary_missing` | No summary. |" in md
    assert made_by_hand.message_in("nb") == made_by_hand.message_in("en") == "No summary."


# --- validation.json --------------------------------------------------------------------


def test_validation_json_is_the_same_whatever_the_language(by_lang):
    assert by_lang[None]["validation.json"] == by_lang["nb"]["validation.json"] == by_lang["en"]["validation.json"]


def test_only_validation_md_depends_on_the_language(by_lang):
    assert by_lang["nb"].keys() == by_lang["en"].keys()
    assert [name for name in by_lang["nb"] if by_lang["nb"][name] != by_lang["en"][name]] == ["validation.md"]


def test_validation_json_holds_both_languages(by_lang):
    findings = json.loads(by_lang["nb"]["validation.json"])["findings"]
    before = ["code", "severity", "message", "tiltak_nr", "part", "field", "body_value", "table_value", "page"]
    assert len(findings) == 16
    for f in findings:
        assert list(f) == [*before, "message_nb"]  # every key as it was, in its place; the Norwegian after them
        assert f["message"] and f["message_nb"] and f["message"] != f["message_nb"]
    (status,) = [f for f in findings if f["code"] == "status_mismatch"]
    assert status["message"] == (
        "Tiltak 31: the body says «Tiltaket videreføres i handlingsplanen Sjef i eget liv – styrket innsats mot negativ sosial kontroll"
        " og æresmotivert vold (2025-2028).» (Videreføres); the table says Ferdigstilt."
    )
    assert status["message_nb"] == (
        "Tiltak 31: brødteksten sier «Tiltaket videreføres i handlingsplanen Sjef i eget liv – styrket innsats mot negativ sosial kontroll"
        " og æresmotivert vold (2025-2028).» (Videreføres); tabellen sier Ferdigstilt."
    )


# --- languages refused ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "no", "NB", "nn", "", "english"])
def test_an_unknown_language_is_refused(word_stages, lang):
    with pytest.raises(ValueError, match="languages are en, nb"):
        ExportOptions(lang=lang)
    with pytest.raises(ValueError, match="languages are en, nb"):
        validation_markdown(validation_json("r", "r.pdf", [], word_stages.overview, word_stages.tiltak), lang)
    with pytest.raises(ValueError, match="languages are en, nb"):
        finding("summary_missing").message_in(lang)


def test_the_languages():
    assert LANGUAGES == ("en", "nb")
    assert all(ExportOptions(lang=lang).language == lang for lang in LANGUAGES)


# --- finding codes as an enum ----------------------------------------------------------


def test_every_code_is_an_enum_member_and_every_member_a_code():
    assert [c.value for c in FindingCode] == list(FINDING_TYPES)
    assert all(FindingCode[code.upper()] == code for code in FINDING_TYPES)


def test_finding_takes_the_enum_and_keeps_the_text():
    by_enum = finding(FindingCode.GAP_IN_BODY, tiltak_nr=4, highest=9)
    assert by_enum == finding("gap_in_body", tiltak_nr=4, highest=9)
    assert type(by_enum.code) is str and by_enum.code == FindingCode.GAP_IN_BODY
    assert json.dumps(by_enum.code) == '"gap_in_body"'


# --- the review page (Norwegian) --------------------------------------------------------


def test_the_review_page_shows_the_norwegian_message():
    made = finding("gap_in_body", tiltak_nr=4, highest=9)
    for html in (findings_list_html([made]), findings_table_html([made])):
        assert "Brødteksten har ikke tiltak 4, selv om den går opp til 9." in html and "although" not in html
    by_hand = Finding("summary_missing", "warning", "No summary.")
    assert "No summary." in findings_table_html([by_hand])
