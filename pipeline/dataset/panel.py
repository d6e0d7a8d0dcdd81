"""The longitudinal view: one row per (plan, tiltak, report), and what changed between reports.

Every report folder under the output directory says in its ``manifest.json``
which plan it reports on and for which year. Reports of the same plan, ordered
by year, form a panel; a tiltak whose status or department differs between two
consecutive reports of its plan is a status change. A measure is the same across reports by
its number as printed (``nummer``): where a plan numbers its measures per focus area
(«Tiltak 2.1»), ``tiltak_nr`` is the measure's place in each report, which a selection of
other measures changes from one report to the next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.dataset.formats import csv_bytes, parquet_bytes, read_parquet, to_arrow
from pipeline.dataset.schemas import PER_AREA, column, table_schema

NUMMER = (
    "The measure's number as the reports print it («8»; «2.1» where the plan numbers its measures per focus area): "
    "what makes it the same measure across reports.",
    "Tiltakets nummer slik rapportene trykker det («8»; «2.1» der planen nummererer tiltakene per innsatsområde): "
    "det som gjør det til samme tiltak på tvers av rapporter.",
)

PANEL_SCHEMA = table_schema(
    [
        column(
            "plan",
            pa.string(),
            "The action plan the report reports on (from the report's profile).",
            False,
            "Handlingsplanen rapporten gjelder (fra rapportens profil).",
        ),
        column("tiltak_nr", pa.int32(), f"Number of the measure in the plan{PER_AREA[0]}.", False, f"Tiltakets nummer i planen{PER_AREA[1]}."),
        column("nummer", pa.string(), NUMMER[0], False, NUMMER[1]),
        column("report_id", pa.string(), "The report (PDF file name without extension).", False, "Rapporten (PDF-filens navn uten filendelse)."),
        column(
            "report_year",
            pa.int32(),
            "Year the report reports on (from its first pages; null if not found).",
            True,
            "Året rapporten gjelder (fra de første sidene; tom om det ikke ble funnet).",
        ),
        column("title", pa.string(), "Title of the measure in this report's body.", True, "Tiltakets tittel i rapportens brødtekst."),
        column(
            "status",
            pa.string(),
            "Status in this report, normalised to the profile's vocabulary.",
            True,
            "Status i denne rapporten, normalisert til profilens vokabular.",
        ),
        column("status_text", pa.string(), "The status sentence as printed in this report.", True, "Statussetningen slik den står i rapporten."),
        column(
            "ansvarlig_departement",
            pa.string(),
            "The responsible department(s) as printed in this report.",
            True,
            "Ansvarlig(e) departement(er) slik det står i rapporten.",
        ),
        column(
            "table_status",
            pa.string(),
            "Status of the measure in this report's overview table.",
            True,
            "Tiltakets status i rapportens oversiktstabell.",
        ),
    ],
    "One row per plan, tiltak and report: the longitudinal view across reports of the same plan.",
    "Én rad per plan, tiltak og rapport: utviklingen over flere rapporter for samme plan.",
    primary_key=("plan", "tiltak_nr", "report_id"),
)

CHANGES_SCHEMA = table_schema(
    [
        column("plan", pa.string(), "The action plan.", False, "Handlingsplanen."),
        column(
            "tiltak_nr",
            pa.int32(),
            f"Number of the measure in the later report{PER_AREA[0]}.",
            False,
            f"Tiltakets nummer i den senere rapporten{PER_AREA[1]}.",
        ),
        column("nummer", pa.string(), NUMMER[0], False, NUMMER[1]),
        column(
            "field", pa.string(), "What changed: status or ansvarlig_departement.", False, "Hva som endret seg: status eller ansvarlig_departement."
        ),
        column("from_report", pa.string(), "The earlier report.", False, "Den tidligere rapporten."),
        column("from_year", pa.int32(), "Its year.", True, "Dens år."),
        column("from_value", pa.string(), "The value in the earlier report.", True, "Verdien i den tidligere rapporten."),
        column(
            "to_report", pa.string(), "The later report (the next one of the same plan).", False, "Den senere rapporten (den neste for samme plan)."
        ),
        column("to_year", pa.int32(), "Its year.", True, "Dens år."),
        column("to_value", pa.string(), "The value in the later report.", True, "Verdien i den senere rapporten."),
    ],
    "Every tiltak whose status or department changed between consecutive reports of the same plan.",
    "Hvert tiltak der status eller ansvarlig departement endret seg mellom to påfølgende rapporter for samme plan.",
    primary_key=("plan", "tiltak_nr", "field", "from_report", "to_report"),
)

PANEL_SCHEMAS = {"panel": PANEL_SCHEMA, "status_changes": CHANGES_SCHEMA}

COMPARED = ("status", "ansvarlig_departement")


@dataclass(frozen=True)
class ReportRows:
    """One processed report: which plan and year, and its tiltak rows."""

    report_id: str
    plan: str
    report_year: int | None
    tiltak: tuple[dict[str, Any], ...]


def printed_nr(row: dict[str, Any]) -> str:
    """A tiltak row's number as printed (a report folder written before the column: its tiltak_nr)."""
    return row.get("nummer") or str(row["tiltak_nr"])


def number_order(nummer: str) -> tuple[int, ...]:
    """«2.10» after «2.9», «10» after «9»: numbers in the order of their levels."""
    return tuple(int(d) for d in re.findall(r"\d+", nummer))


def panel_rows(reports: Iterable[ReportRows]) -> list[dict[str, Any]]:
    rows = []
    for r in sorted(reports, key=lambda r: (r.plan, r.report_year or 0, r.report_id)):
        for t in r.tiltak:
            rows.append(
                {
                    "plan": r.plan,
                    "tiltak_nr": t["tiltak_nr"],
                    "nummer": printed_nr(t),
                    "report_id": r.report_id,
                    "report_year": r.report_year,
                    "title": t.get("title"),
                    "status": t.get("status"),
                    "status_text": t.get("status_text"),
                    "ansvarlig_departement": t.get("ansvarlig_departement"),
                    "table_status": t.get("table_status"),
                }
            )
    return sorted(rows, key=lambda x: (x["plan"], number_order(x["nummer"]), x["report_year"] or 0, x["report_id"]))


def status_changes(panel: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Differences between consecutive reports of the same plan, tiltak by tiltak: the same measure by its number as printed."""
    by_plan: dict[str, list[tuple[int | None, str]]] = {}
    for row in panel:
        key = (row["report_year"], row["report_id"])
        reports = by_plan.setdefault(row["plan"], [])
        if key not in reports:
            reports.append(key)
    index = {(r["plan"], r["report_id"], r["nummer"]): r for r in panel}
    changes = []
    for plan, reports in sorted(by_plan.items()):
        reports.sort(key=lambda k: (k[0] or 0, k[1]))
        for (y0, r0), (y1, r1) in zip(reports, reports[1:]):
            numbers = sorted({nr for (p, rid, nr) in index if p == plan and rid in (r0, r1)}, key=number_order)
            for nr in numbers:
                a, b = index.get((plan, r0, nr)), index.get((plan, r1, nr))
                if a is None or b is None:
                    continue
                for field in COMPARED:
                    if (a[field] or None) != (b[field] or None):
                        changes.append(
                            {
                                "plan": plan,
                                "tiltak_nr": b["tiltak_nr"],
                                "nummer": nr,
                                "field": field,
                                "from_report": r0,
                                "from_year": y0,
                                "from_value": a[field],
                                "to_report": r1,
                                "to_year": y1,
                                "to_value": b[field],
                            }
                        )
    return changes


def read_reports(out: Path) -> list[ReportRows]:
    """Every processed report under ``out`` (folders with a manifest and a tiltak table)."""
    reports = []
    for folder in sorted(p for p in Path(out).iterdir() if p.is_dir() and not p.name.startswith(".")):
        manifest, table = folder / "manifest.json", folder / "tiltak.parquet"
        if not (manifest.is_file() and table.is_file()):
            continue
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        year = meta.get("report_year")
        reports.append(
            ReportRows(
                report_id=meta.get("report_id", folder.name),
                plan=meta.get("plan") or meta.get("profile", ""),
                report_year=int(year) if year not in (None, "") else None,
                tiltak=tuple(read_parquet(table).to_pylist()),
            )
        )
    return reports


def panel_files(reports: Sequence[ReportRows], *, raw_csv: bool = False) -> dict[str, bytes]:
    """panel.parquet/.csv and status_changes.parquet/.csv, when some plan has 2+ reports
    (the CSVs with formulas neutralised unless ``raw_csv``, as every CSV)."""
    panel = panel_rows(reports)
    changes = status_changes(panel)
    files = {}
    for name, rows, schema in (("panel", panel, PANEL_SCHEMA), ("status_changes", changes, CHANGES_SCHEMA)):
        files[f"{name}.parquet"] = parquet_bytes(to_arrow(rows, schema, {}))
        files[f"{name}.csv"] = csv_bytes(rows, schema, raw_csv=raw_csv)
    return files
