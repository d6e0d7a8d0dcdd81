from pipeline.dataset.panel import PANEL_SCHEMAS, ReportRows, panel_files, panel_rows, status_changes


def report(rid, year, rows, plan="Sjef i eget liv"):
    return ReportRows(rid, plan, year, tuple(rows))


def t(nr, status, dept="AID", title="Et tiltak"):
    return {"tiltak_nr": nr, "title": title, "status": status, "status_text": None, "ansvarlig_departement": dept, "table_status": status}


def test_panel_has_one_row_per_plan_tiltak_and_report_in_year_order():
    rows = panel_rows([report("r2026", 2026, [t(1, "Pågår")]), report("r2025", 2025, [t(1, "Igangsatt"), t(2, "Ikke startet")])])
    assert [(r["tiltak_nr"], r["report_id"], r["report_year"]) for r in rows] == [(1, "r2025", 2025), (1, "r2026", 2026), (2, "r2025", 2025)]


def test_changes_between_consecutive_reports_only():
    reports = [
        report("r2025", 2025, [t(1, "Igangsatt"), t(2, "Ikke startet", "JD"), t(3, "Pågår")]),
        report("r2026", 2026, [t(1, "Pågår"), t(2, "Ikke startet", "AID"), t(3, "Pågår")]),
        report("r2027", 2027, [t(1, "Igangsatt"), t(3, "Pågår")]),
        report("other", 2026, [t(1, "Ferdigstilt")], plan="Frihet"),
    ]
    changes = status_changes(panel_rows(reports))
    got = [(c["tiltak_nr"], c["field"], c["from_report"], c["from_value"], c["to_report"], c["to_value"]) for c in changes]
    assert got == [
        (1, "status", "r2025", "Igangsatt", "r2026", "Pågår"),
        (2, "ansvarlig_departement", "r2025", "JD", "r2026", "AID"),
        (1, "status", "r2026", "Pågår", "r2027", "Igangsatt"),
    ]


def test_panel_files_are_written_for_both_tables():
    files = panel_files([report("r2025", 2025, [t(1, "Igangsatt")]), report("r2026", 2026, [t(1, "Pågår")])])
    assert sorted(files) == ["panel.csv", "panel.parquet", "status_changes.csv", "status_changes.parquet"]
    assert "Igangsatt,r2026,2026,Pågår" in files["status_changes.csv"].decode("utf-8")


def test_measures_numbered_per_area_are_matched_across_reports_by_their_printed_number():
    """tiltak_nr is a measure's place in each report: another selection moves it, the printed number does not."""

    def area(nr, nummer, status):
        return {**t(nr, status), "nummer": nummer}

    reports = [
        report("r2025", 2025, [area(1, "1.1", "Igangsatt"), area(2, "1.2", "Pågår"), area(3, "2.1", "Pågår")]),
        report("r2026", 2026, [area(1, "1.2", "Ferdigstilt"), area(2, "2.1", "Pågår")]),
    ]
    rows = panel_rows(reports)
    assert [(r["nummer"], r["report_id"], r["tiltak_nr"]) for r in rows] == [
        ("1.1", "r2025", 1),
        ("1.2", "r2025", 2),
        ("1.2", "r2026", 1),
        ("2.1", "r2025", 3),
        ("2.1", "r2026", 2),
    ]
    changes = status_changes(rows)
    assert [(c["nummer"], c["tiltak_nr"], c["from_value"], c["to_value"]) for c in changes] == [("1.2", 1, "Pågår", "Ferdigstilt")]
    assert "nummer" in PANEL_SCHEMAS["panel"].names and "nummer" in PANEL_SCHEMAS["status_changes"].names


def test_a_report_folder_without_the_nummer_column_is_matched_by_its_tiltak_nr():
    rows = panel_rows([report("r2025", 2025, [t(7, "Pågår")]), report("r2026", 2026, [{**t(7, "Ferdigstilt"), "nummer": "7"}])])
    assert [r["nummer"] for r in rows] == ["7", "7"]
    assert [(c["nummer"], c["to_value"]) for c in status_changes(rows)] == [("7", "Ferdigstilt")]
