from pipeline.stages.extract import extract
from pipeline.stages.fields import split_fields
from pipeline.stages.overview import parse_overview
from pipeline.stages.segment import segment
from pipeline.stages.validate import check_numbered_per_area, check_numbering, numbering_restarts, validate, word_diff


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


def test_numbers_that_restart_in_each_focus_area_are_one_error_naming_the_areas_and_numbers():
    numbers, areas = [1, 2, 3, 1, 2, 1], [1, 1, 1, 2, 2, 3]
    assert numbering_restarts(numbers, areas) == [2, 3]
    (found,) = check_numbered_per_area(numbers, areas, "body", 4)
    assert (found.code, found.severity, found.page) == ("numbered_per_area", "error", 4)
    assert "focus areas 2–3" in found.message and "tiltak 1–2" in found.message and found.message.startswith("The body text")
    (table,) = check_numbered_per_area(numbers, areas, "table", 2)
    assert table.message.startswith("The overview table") and table.message_nb.startswith("Oversiktstabellen")


def test_numbers_that_go_on_across_focus_areas_or_repeat_within_one_are_not_numbered_per_area():
    assert check_numbered_per_area([1, 2, 5, 8, 11], [1, 1, 2, 2, 3], "body", 1) == []  # a selection, numbered by the plan
    assert check_numbered_per_area([1, 2, 2, 3], [1, 1, 1, 2], "body", 1) == []  # a slip: duplicate_in_body says it
    assert check_numbered_per_area([1, 2, 1, 2], [None, None, None, None], "table", 1) == []  # no focus areas to restart in
