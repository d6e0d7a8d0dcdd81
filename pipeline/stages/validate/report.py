"""The validation report: the findings as JSON for programs and as Markdown for people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from pipeline import __version__
from pipeline.findings import Finding, summarise
from pipeline.stages.fields import Tiltak
from pipeline.stages.overview import Overview


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
