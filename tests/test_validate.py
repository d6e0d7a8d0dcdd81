from dataclasses import replace

from pipeline.model import Box
from pipeline.stages.extract import extract
from pipeline.stages.fields import FieldText, Tiltak, split_fields, with_table_statuses
from pipeline.stages.overview import Overview, OverviewRow, parse_overview
from pipeline.stages.segment import Segmentation, segment
from pipeline.stages.validate import (
    added_by_area,
    check_numbered_per_area,
    check_numbering,
    numbering_restarts,
    ordered_by_area,
    progress_agrees,
    validate,
    word_diff,
)


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


# --- focus areas and the order of measures (issue 19, held-out batch 2) ------------------------------


def _measure(nr: int, area: int | None) -> Tiltak:
    """A measure of the body whose fields agree with its table row (:func:`_row`)."""
    field = lambda text: FieldText(text, None, ())  # noqa: E731
    status = field("Tiltaket er ferdigstilt.")
    return Tiltak(nr, f"Tiltak om emne {nr}", (), area, None, field("Beskrivelse."), field("AID"), status, field("Gjort."), "Ferdigstilt", (), 1, 1)


def _row(nr: int, area: int | None) -> OverviewRow:
    return OverviewRow(nr, f"Tiltak om emne {nr}", "AID", "Ferdigstilt", area, None, None, 1, ())


def _findings(profile, numbers: list[int], body_areas: list[int | None], table_areas: list[int | None]) -> list[tuple[str, int | None]]:
    tiltak = [_measure(n, a) for n, a in zip(numbers, body_areas)]
    overview = Overview(True, 1, "", None, rows=tuple(_row(n, a) for n, a in zip(numbers, table_areas)))
    found = validate(tiltak, overview, Segmentation((), (), None), profile)
    aside = ("summary_missing", "innsatsomrade_missing_in_body")  # no summary sentence, no focus areas' headings made here
    return [(f.code, f.tiltak_nr) for f in found if f.code not in aside]


def test_a_table_that_does_not_group_its_rows_says_nothing_against_the_bodys_focus_areas(profile):
    """A table with no group rows names no measure's focus area: no mismatch with the body's headings,
    which a table that groups its rows still gets."""
    assert _findings(profile, [1, 2, 3], [1, 1, 2], [None, None, None]) == []
    assert _findings(profile, [1, 2, 3], [1, 1, 2], [1, 1, 1]) == [("innsatsomrade_mismatch", 3)]


PLACED = [1, 2, 3, 12, 4, 5, 6, 13, 8, 9, 11, 14]  # «Tiltak 12 (nytt)» closing focus area 1, before «Tiltak 4» opening area 2
PLACED_AREAS = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]


def test_measures_added_after_the_plan_and_placed_in_their_focus_areas_are_in_order(profile):
    """A revised plan numbers its added measures after all of its own and places each in its focus area,
    after the plan's measures there: the numbers go back where the next area starts, which is the
    report's order, one info finding (body and table alike), not a warning per area."""
    assert added_by_area(PLACED, PLACED_AREAS) == [12, 13, 14]
    found = _findings(profile, PLACED, PLACED_AREAS, [None] * len(PLACED))  # the table ungrouped: the body's areas
    assert found == [("added_by_area", None), ("selection", None)]
    assert _findings(profile, PLACED, PLACED_AREAS, PLACED_AREAS) == found


def test_numbers_out_of_place_within_a_focus_area_are_still_out_of_order(profile):
    """Only the order by focus area is read so: a number out of place within an area, an area holding
    only added measures, or areas printed out of their order keep their warnings."""
    assert added_by_area([1, 2, 12, 3, 4, 5, 13], [1, 1, 1, 1, 2, 2, 2]) == []  # 3 after the added 12 in area 1
    assert added_by_area([5, 6, 7, 1, 2, 3], [1, 1, 1, 2, 2, 2]) == []  # area 1 opens with no measure of its own
    assert added_by_area([1, 2, 9, 3, 4, 10], [1, 1, 1, 2, 2, None]) == []  # a focus area unknown
    found = _findings(profile, [1, 2, 4, 3, 5], [1, 1, 2, 2, 2], [1, 1, 2, 2, 2])
    assert ("out_of_order_in_body", 3) in found and ("out_of_order_in_table", 3) in found
    assert ("added_by_area", None) not in found


GROUPED = [1, 4, 6, 9, 2, 5, 8, 3, 10, 7, 11]  # measures under their ministries, each ministry's in the plan's order
GROUPED_AREAS = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4]


def test_measures_ordered_by_focus_area_not_by_number_are_in_order(profile):
    """Issue 19 (held-out batch 4): a report that groups its measures under their ministries numbers them in the plan's
    order, so the numbers go back where every ministry's group starts: the report's order, not out of order."""
    assert ordered_by_area(GROUPED, GROUPED_AREAS) == [4, 7, 9]
    tiltak = [_measure(n, a) for n, a in zip(GROUPED, GROUPED_AREAS)]
    overview = Overview(True, 1, "", None, rows=tuple(_row(n, None) for n in sorted(GROUPED)))  # the table in numeric order
    found = validate(tiltak, overview, Segmentation((), (), None), profile)
    assert [f.code for f in found if f.code not in ("summary_missing", "innsatsomrade_missing_in_body")] == []


def test_numbers_going_back_where_only_one_focus_area_starts_or_within_one_are_still_out_of_order(profile):
    """One number going back at one area's start is a slip (the other areas go on from the one before), and so is a
    number going back within an area, or an area printed in two runs."""
    assert ordered_by_area([1, 2, 4, 3, 5, 6, 7, 8], [1, 1, 1, 2, 2, 2, 3, 3]) == []
    assert ordered_by_area([4, 1, 6, 2, 5, 3], [1, 1, 2, 2, 3, 3]) == []
    assert ordered_by_area([3, 4, 1, 2, 5, 0], [1, 1, 2, 2, 1, 3]) == []
    assert ordered_by_area([2, 4, 1, 3], [1, 1, 2, None]) == []
    assert ("out_of_order_in_body", 3) in _findings(profile, [1, 2, 4, 3, 5, 6, 7, 8], [1, 1, 1, 2, 2, 2, 3, 3], [None] * 8)


def test_a_table_s_percentages_are_the_measures_progress_not_statuses_to_compare_or_count(profile):
    """A table whose status column gives percentages («70 %») has no status to hold against a block's word status,
    nor to count against the summary's counts (the body's are counted still)."""
    tiltak = [_measure(1, None), _measure(2, None)]
    rows = (replace(_row(1, None), status="100 %"), replace(_row(2, None), status="70 %"))
    overview = Overview(True, 1, "", 2, {"Ferdigstilt": 2}, rows=rows)
    assert [f.code for f in validate(tiltak, overview, Segmentation((), (), None), profile)] == []
    counted = Overview(True, 1, "", 2, {"Ferdigstilt": 1}, rows=rows)
    assert [f.code for f in validate(tiltak, counted, Segmentation((), (), None), profile)] == ["summary_count_vs_body"]


def with_progress(profile, **shares: int):
    """The profile, its statuses named here standing for these shares done (``progress``)."""
    values = tuple(replace(v, progress=shares.get(v.name)) for v in profile.status_values)
    return replace(profile, status_values=values)


def test_a_percentage_is_held_against_what_the_body_s_status_stands_for_where_the_profile_says_it(profile):
    """Issue 19: where the profile says which status is done (100) and which not started (0), 100 % against a
    status not done, 0 % against a done one, and a share between against either is a status mismatch naming the
    percentage; a share that agrees is none, and a profile that says nothing compares nothing."""
    said = with_progress(profile, Ferdigstilt=100)
    assert progress_agrees(100.0, "Ferdigstilt", said) and progress_agrees(0.0, "Videreføres", said)
    assert not progress_agrees(100.0, "Videreføres", said) and not progress_agrees(0.0, "Ferdigstilt", said)
    assert not progress_agrees(70.0, "Ferdigstilt", said) and progress_agrees(70.0, "Videreføres", said)
    started = with_progress(profile, Videreføres=0)  # no status done: 100 % says nothing against any
    assert not progress_agrees(50.0, "Videreføres", started) and progress_agrees(100.0, "Videreføres", started)
    assert all(progress_agrees(share, name, profile) for share in (0.0, 50.0, 100.0) for name in profile.status_names)
    printed = FieldText("Tiltaket er ferdigstilt.", "Status", (Box(2, 72.0, 100.0, 300.0, 112.0),))
    tiltak = [replace(_measure(nr, None), status=printed) for nr in (1, 2, 3)]
    rows = (replace(_row(1, None), status="100 %"), replace(_row(2, None), status="70 %"), replace(_row(3, None), status="0 %"))
    overview = Overview(True, 1, "", 3, {"Ferdigstilt": 3}, rows=rows)
    found = validate(tiltak, overview, Segmentation((), (), None), said)
    assert [(f.code, f.tiltak_nr, f.table_value) for f in found] == [("status_mismatch", 2, "70 %"), ("status_mismatch", 3, "0 %")]
    assert "the table gives its progress as 70 %" in found[0].message
    assert [f.code for f in validate(tiltak, overview, Segmentation((), (), None), profile)] == []


# --- statuses printed in the overview table alone (issue 19, held-out batch 3) ----------------------------------


def test_statuses_the_table_alone_gives_are_one_info_finding_not_a_missing_status_per_block(profile):
    """No block prints a status and the table gives each measure one: the measures have the table's statuses,
    which is said once (info), not as a status missing from every block (labels_incomplete) nor as counts of the
    summary that the body's statuses miss."""
    tiltak = [replace(_measure(nr, 1), status=None, status_value=None) for nr in (1, 2, 3)]
    overview = Overview(True, 1, "", 3, {"Ferdigstilt": 3}, rows=tuple(_row(nr, 1) for nr in (1, 2, 3)))
    seg = Segmentation((), (), None)
    as_read = [(f.severity, f.code) for f in validate(tiltak, overview, seg, profile)]
    assert ("error", "labels_incomplete") in as_read and ("info", "status_only_in_table") not in as_read
    given = with_table_statuses(tiltak, overview, profile)
    assert [(t.status_value, t.status) for t in given] == [("Ferdigstilt", None)] * 3
    found = validate(given, overview, seg, profile)
    assert [(f.severity, f.code) for f in found if f.code != "innsatsomrade_missing_in_body"] == [("info", "status_only_in_table")]
    [said] = [f for f in found if f.code == "status_only_in_table"]
    assert "each of the 3 measures has the status of its row in the overview table" in said.message


# --- a table of abbreviations, a body of names in full (issue 19, held-out batch 6) ----------------------------------


def _named(nr: int, body: str, table: str) -> tuple[Tiltak, OverviewRow]:
    """A measure whose block names its department ``body`` and whose table row ``table``, all else alike."""
    return replace(_measure(nr, 1), ansvarlig_departement=FieldText(body, None, ())), replace(_row(nr, 1), ansvarlig_departement=table)


def _department_findings(profile, pairs, listed=()) -> list[tuple[str, int | None]]:
    tiltak, rows = zip(*pairs)
    overview = Overview(True, 1, "", None, rows=tuple(rows))
    return [(f.code, f.tiltak_nr) for f in validate(list(tiltak), overview, Segmentation((), (), None), profile, listed) if "department" in f.code]


def test_an_abbreviation_in_the_table_is_the_department_the_block_names_in_full(profile):
    """«KLD» in the table, «Klima- og miljødepartementet» in the block: the same ministry, as the document pairs them
    (its letters the name's, in order), no department missing from the body; a name the abbreviation cannot stand for
    is still one, and a row against the pairing the other rows give differs as two abbreviations would."""
    klima, landbruk = "Klima- og miljødepartementet", "Landbruks- og matdepartementet"
    assert _department_findings(profile, [_named(1, klima, "KLD"), _named(2, landbruk, "LMD")]) == []
    assert _department_findings(profile, [_named(1, klima, "LMD")]) == [("department_missing_in_body", 1)]
    rows = [_named(1, klima, "KLD"), _named(2, klima, "KLD"), _named(3, landbruk, "LMD"), _named(4, klima, "KD")]
    mismatch = [("department_lead_mismatch", 4), ("department_missing_in_body", 4), ("department_partners_not_in_table", 4)]
    assert _department_findings(profile, rows) == mismatch


def test_the_reports_own_list_pairs_an_abbreviation_with_its_name(profile):
    """«Kunnskapsdepartementet (KD)» in the report's list: its pairing holds where the letters alone would allow another."""
    rows = [_named(1, "Kunnskapsdepartementet", "KSD")]
    assert _department_findings(profile, rows) == []
    assert _department_findings(profile, rows, listed=[("KD", "Kunnskapsdepartementet")]) == [
        ("department_lead_mismatch", 1),
        ("department_missing_in_body", 1),
        ("department_partners_not_in_table", 1),
    ]


# --- a status label printed with no value (issue 19, held-out batch 7) ----------------------------------


def test_a_status_printed_with_no_value_is_found_on_its_measures_page_not_a_failure(profile):
    """A label grid's «Status» over an empty cell gives a status with no text and no box: its mismatch with the
    table, or a status no word of the vocabulary names, is a finding on the measure's first page (it made
    validation fail with an IndexError)."""
    empty = replace(_measure(1, 1), status=FieldText("", "Status", ()), status_value=None, page_start=3, page_end=3)
    overview = Overview(True, 1, "", None, rows=(_row(1, 1),))
    found = {f.code: f.page for f in validate([empty], overview, Segmentation((), (), None), profile)}
    assert found.get("status_mismatch") == 3
    unknown = replace(empty, status_value=profile.status_unknown)
    found = {f.code: f.page for f in validate([unknown], overview, Segmentation((), (), None), profile)}
    assert found.get("unknown_status") == 3
