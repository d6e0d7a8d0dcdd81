from pipeline.stages.extract import extract
from pipeline.stages.fields import split_fields
from pipeline.stages.overview import parse_overview
from pipeline.stages.segment import segment
from pipeline.stages.validate import check_numbering, validate, word_diff


def test_numbering_checks():
    codes = [(f.code, f.tiltak_nr) for f in check_numbering([1, 2, 2, 5, 4], "body", [1] * 5)]
    assert ("duplicate_in_body", 2) in codes
    assert ("out_of_order_in_body", 4) in codes
    assert ("gap_in_body", 3) in codes
    assert check_numbering([1, 2, 3], "table", [1, 1, 1]) == []


def test_departments_lead_first(profile):
    assert profile.departments_in("AID, i samarbeid med BFD, HOD, JD og KUD") == ["AID", "BFD", "HOD", "JD", "KUD"]
    assert profile.departments_in("BFD og AID") == ["BFD", "AID"]
    assert profile.departments_in(None) == []


def test_word_diff():
    assert word_diff("Styrke det nordiske samarbeidet", "Styrke det nordisk samarbeidet") == "-«nordiske» +«nordisk»"


def test_mini_report_findings(mini_pdf, profile):
    doc = extract(mini_pdf, profile)
    seg = segment(doc, profile)
    found = validate(split_fields(doc, seg, profile), parse_overview(doc, profile), seg, profile)
    got = sorted((f.severity, f.code, f.tiltak_nr, f.body_value, f.table_value) for f in found)
    assert got == sorted(
        [
            ("error", "status_mismatch", 1, "Videreføres", "Ferdigstilt"),
            ("warning", "title_mismatch", 1, "Styrke det nordisk samarbeidet", "Styrke det nordiske samarbeidet"),
            ("warning", "summary_count_vs_body", None, "Ferdigstilt: 1", "Ferdigstilt: 2"),
            ("warning", "summary_count_vs_body", None, "Videreføres: 2", "Videreføres: 1"),
            ("info", "department_partners_not_in_table", 1, "AID, i samarbeid med BFD", "AID"),
            ("info", "part_status_differs", 2, "2 a: Videreføres, 2 b: Ferdigstilt", "Videreføres"),
        ]
    )
