"""Stage 6 — export: Parquet with explicit schemas, CSV, and the validation report.

Tables are built as plain rows (dicts) first, so Parquet and CSV hold the same
values; the Arrow schemas below are the contract (types, nullability, and a
description per column that the README's data dictionary is generated from).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .fields import FieldText, Tiltak
from .overview import Overview
from .segment import Segmentation
from .validate import Finding, summarise

LIST_SEPARATOR = "; "


def _col(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


TILTAK_SCHEMA = pa.schema(
    [
        _col("report_id", pa.string(), "The report: the PDF's file name without extension.", False),
        _col("tiltak_nr", pa.int32(), "Number of the measure in the plan («Tiltak N»).", False),
        _col("title", pa.string(), "Title in the block's heading, as printed in the body (may differ from the table's)."),
        _col("innsatsomrade_nr", pa.int32(), "Number of the focus area (innsatsområde) whose heading the block stands under."),
        _col("innsatsomrade_title", pa.string(), "Title of that focus area, from its body heading."),
        _col(
            "description",
            pa.string(),
            "Text between the heading and the first label. For a measure with parts: each part as «a) part title. text», in order.",
        ),
        _col("ansvarlig_label", pa.string(), "The department label as printed («Ansvarlig departement», «Ansvarlige departementer», …)."),
        _col(
            "ansvarlig_departement",
            pa.string(),
            "Text after the department label, as printed. For a measure with parts that each name one: «a) … b) …» unless all agree.",
        ),
        _col(
            "status",
            pa.string(),
            "Status normalised to the table's vocabulary (Ferdigstilt / Videreføres; «ukjent» if unrecognised). With parts that differ: Videreføres if any part continues.",
        ),
        _col("status_text", pa.string(), "The status sentence as printed (with parts reported separately: «a) … b) …»)."),
        _col("sluttrapport", pa.string(), "The final report text after «Sluttrapport:» (with parts reported separately: «a) … b) …»)."),
        _col("parts", pa.list_(pa.string()), "Letters of the measure's parts («a», «b»); empty when it has none."),
        _col("page_start", pa.int32(), "1-based physical page of the PDF where the block's heading starts."),
        _col("page_end", pa.int32(), "1-based physical page of the block's last line."),
        _col("table_status", pa.string(), "Status of the measure in the overview table, for comparison."),
        _col("finding_codes", pa.list_(pa.string()), "Codes of the validation findings about this measure (see validation.json)."),
    ]
)

DELER_SCHEMA = pa.schema(
    [
        _col("report_id", pa.string(), "The report: the PDF's file name without extension.", False),
        _col("del_id", pa.string(), "Key of the row: tiltak number plus part letter («9a»), or the number alone for a measure without parts.", False),
        _col("tiltak_nr", pa.int32(), "Number of the measure.", False),
        _col("part", pa.string(), "Part letter («a», «b»), null for a measure without parts."),
        _col("part_title", pa.string(), "Title in the part's heading («Tiltak 9 a) …»); null without parts."),
        _col("description", pa.string(), "The part's own text (the whole block's description for a measure without parts)."),
        _col("ansvarlig_departement", pa.string(), "Text after the department label that applies to this part, as printed."),
        _col("status", pa.string(), "Status of this part, normalised (Ferdigstilt / Videreføres / ukjent)."),
        _col("status_text", pa.string(), "Status sentence that applies to this part, as printed."),
        _col("sluttrapport", pa.string(), "Final report text that applies to this part."),
        _col("inherited_fields", pa.list_(pa.string()), "Fields given once for the whole measure and copied to this part (e.g. tiltak 9's status)."),
        _col("page_start", pa.int32(), "First page of the part's heading and fields."),
        _col("page_end", pa.int32(), "Last page of the part's heading and fields."),
    ]
)

OVERSIKT_SCHEMA = pa.schema(
    [
        _col("report_id", pa.string(), "The report: the PDF's file name without extension.", False),
        _col("tiltak_nr", pa.int32(), "Number in the table's «Nr.» column.", False),
        _col("title", pa.string(), "The «Tiltak» cell, wrapped lines joined."),
        _col("ansvarlig_departement", pa.string(), "The «Ansvarlig dep.» cell as printed."),
        _col("status", pa.string(), "The «Status» cell as printed."),
        _col("innsatsomrade_nr", pa.int32(), "Number of the group row («Innsatsområde N: …») the row stands under."),
        _col("innsatsomrade_title", pa.string(), "Title of that group row."),
        _col("undergruppe", pa.string(), "Sub-group row the row stands under, if any."),
        _col("page", pa.int32(), "1-based physical page of the row's first line."),
    ]
)

INNSATSOMRADER_SCHEMA = pa.schema(
    [
        _col("report_id", pa.string(), "The report: the PDF's file name without extension.", False),
        _col("innsatsomrade_nr", pa.int32(), "Number of the focus area.", False),
        _col("title", pa.string(), "Title in the body heading."),
        _col("intro", pa.string(), "The introductory text under the heading, before the first measure."),
        _col("page", pa.int32(), "1-based physical page of the heading."),
    ]
)

SCHEMAS = {
    "tiltak": TILTAK_SCHEMA,
    "tiltak_deler": DELER_SCHEMA,
    "oversikt": OVERSIKT_SCHEMA,
    "innsatsomrader": INNSATSOMRADER_SCHEMA,
}


def _text(f: FieldText | None) -> str | None:
    return f.text if f is not None else None


def tiltak_rows(report_id: str, tiltak: Sequence[Tiltak], overview: Overview, findings: Sequence[Finding]) -> list[dict[str, Any]]:
    table = {r.tiltak_nr: r for r in reversed(overview.rows)}
    codes: dict[int, list[str]] = {}
    for f in findings:
        if f.tiltak_nr is not None:
            codes.setdefault(f.tiltak_nr, []).append(f.code)
    return [
        {
            "report_id": report_id,
            "tiltak_nr": t.tiltak_nr,
            "title": t.title,
            "innsatsomrade_nr": t.innsatsomrade_nr,
            "innsatsomrade_title": t.innsatsomrade_title,
            "description": _text(t.description),
            "ansvarlig_label": t.ansvarlig_departement.label if t.ansvarlig_departement else None,
            "ansvarlig_departement": _text(t.ansvarlig_departement),
            "status": t.status_value,
            "status_text": _text(t.status),
            "sluttrapport": _text(t.sluttrapport),
            "parts": [p.part for p in t.parts if p.part],
            "page_start": t.page_start,
            "page_end": t.page_end,
            "table_status": table[t.tiltak_nr].status if t.tiltak_nr in table else None,
            "finding_codes": sorted(set(codes.get(t.tiltak_nr, []))),
        }
        for t in tiltak
    ]


def deler_rows(report_id: str, tiltak: Sequence[Tiltak]) -> list[dict[str, Any]]:
    rows = []
    for t in tiltak:
        for p in t.parts:
            rows.append(
                {
                    "report_id": report_id,
                    "del_id": f"{t.tiltak_nr}{p.part or ''}",
                    "tiltak_nr": t.tiltak_nr,
                    "part": p.part,
                    "part_title": p.title,
                    "description": _text(p.description),
                    "ansvarlig_departement": _text(p.ansvarlig_departement),
                    "status": p.status_value,
                    "status_text": _text(p.status),
                    "sluttrapport": _text(p.sluttrapport),
                    "inherited_fields": list(p.inherited),
                    "page_start": p.page_start if p.part else t.page_start,
                    "page_end": p.page_end if p.part else t.page_end,
                }
            )
    return rows


def oversikt_rows(report_id: str, overview: Overview) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report_id,
            "tiltak_nr": r.tiltak_nr,
            "title": r.title,
            "ansvarlig_departement": r.ansvarlig_departement,
            "status": r.status,
            "innsatsomrade_nr": r.innsatsomrade_nr,
            "innsatsomrade_title": r.innsatsomrade_title,
            "undergruppe": r.undergruppe,
            "page": r.page,
        }
        for r in overview.rows
    ]


def innsatsomrade_rows(report_id: str, seg: Segmentation) -> list[dict[str, Any]]:
    return [
        {"report_id": report_id, "innsatsomrade_nr": a.nr, "title": a.title, "intro": a.intro, "page": a.heading.page} for a in seg.innsatsomrader
    ]


def to_arrow(rows: Sequence[dict[str, Any]], schema: pa.Schema, metadata: dict[str, str]) -> pa.Table:
    table = pa.Table.from_pylist(list(rows), schema=schema)
    for f in schema:  # Arrow does not enforce nullability on construction
        if not f.nullable and table.column(f.name).null_count:
            raise ValueError(f"column {f.name} must not be null")
    return table.replace_schema_metadata({**(schema.metadata or {}), **{k: str(v) for k, v in metadata.items()}})


def parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def csv_bytes(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> bytes:
    """UTF-8 CSV with a header row; lists joined with "; ", nulls as empty cells."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.names)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in schema.names])
    return out.getvalue().encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def validation_json(report_id: str, source: str, findings: Sequence[Finding], overview: Overview, tiltak: Sequence[Tiltak]) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "source": source,
        "pipeline_version": __version__,
        "summary": {
            "findings": summarise(findings),
            "tiltak_in_body": len(tiltak),
            "rows_in_table": len(overview.rows),
            "summary_sentence": overview.summary_text or None,
            "summary_total": overview.summary_total,
            "summary_counts": overview.summary_counts,
        },
        "findings": [asdict(f) for f in findings],
    }


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def validation_markdown(report: dict[str, Any]) -> str:
    """The validation report as a person reads it: counts, then findings by severity."""
    s = report["summary"]
    counts = s["findings"]
    lines = [
        f"# Validation report: {report['report_id']}",
        "",
        f"Source: `{report['source']}` · pipeline {report['pipeline_version']}",
        "",
        f"- Tiltak in the body: **{s['tiltak_in_body']}**; rows in the overview table: **{s['rows_in_table']}**",
    ]
    if s["summary_sentence"]:
        lines.append(f"- Summary sentence: «{s['summary_sentence']}»")
    lines += [
        f"- Findings: **{counts['error']} errors**, **{counts['warning']} warnings**, **{counts['info']} info**",
        "",
    ]
    for severity in ("error", "warning", "info"):
        group = [f for f in report["findings"] if f["severity"] == severity]
        if not group:
            continue
        lines += [f"## {severity.capitalize()} ({len(group)})", "", "| Tiltak | Code | Finding | Body | Table | Page |", "|---|---|---|---|---|---|"]
        for f in group:
            nr = "" if f["tiltak_nr"] is None else f"{f['tiltak_nr']}{f['part'] or ''}"
            lines.append(
                f"| {nr} | `{f['code']}` | {_md_cell(f['message'])} | {_md_cell(f['body_value'])} | {_md_cell(f['table_value'])} | {_md_cell(f['page'])} |"
            )
        lines.append("")
    if not report["findings"]:
        lines.append("No findings: the body and the overview table agree.")
    return "\n".join(lines) + "\n"


def export_files(
    report_id: str,
    tiltak: Sequence[Tiltak],
    overview: Overview,
    seg: Segmentation,
    findings: Sequence[Finding],
    metadata: dict[str, str],
) -> dict[str, bytes]:
    """Every output file of one report, as bytes keyed by file name."""
    tables = {
        "tiltak": tiltak_rows(report_id, tiltak, overview, findings),
        "tiltak_deler": deler_rows(report_id, tiltak),
        "oversikt": oversikt_rows(report_id, overview),
        "innsatsomrader": innsatsomrade_rows(report_id, seg),
    }
    files: dict[str, bytes] = {}
    # the Parquet files travel: they name the source by file name and hash, not by local path
    portable = {k: v for k, v in metadata.items() if k != "source_path"}
    for name, rows in tables.items():
        schema = SCHEMAS[name]
        files[f"{name}.parquet"] = parquet_bytes(to_arrow(rows, schema, portable))
        files[f"{name}.csv"] = csv_bytes(rows, schema)
    report = validation_json(report_id, metadata.get("source_file", ""), findings, overview, tiltak)
    files["validation.json"] = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["validation.md"] = validation_markdown(report).encode("utf-8")
    files["manifest.json"] = (json.dumps({"report_id": report_id, **metadata}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated from the schemas so the two cannot drift."""
    out = []
    for name, schema in SCHEMAS.items():
        out += [f"#### `{name}` (`{name}.parquet`, `{name}.csv`)", "", "| Column | Type | Null | Meaning |", "|---|---|---|---|"]
        for f in schema:
            desc = (f.metadata or {}).get(b"description", b"").decode("utf-8")
            out.append(f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
