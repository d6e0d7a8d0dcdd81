"""The validation report: the findings as JSON for programs and as Markdown for people."""

from __future__ import annotations

import re
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


# Text read from the PDF must stay text in validation.md, which Markdown viewers render (and
# many pass HTML through): what could start HTML, an entity, a link, code, emphasis or a
# strikethrough is escaped, and line breaks, which could start a block, are spaces. Text
# lands only in mid-line (headings, list items and table cells have their own start), so a
# leading «#», «>» or «-» of the PDF's stays text. Text with none of these is left as it is.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_MARKUP = re.compile(r"[\\`*~\[\]]|(?<![^\W_])_|_(?![^\W_])")  # «_» only where it can open or close emphasis
_LINE_BREAK = re.compile(r"\r\n?|\n")


def md_text(value: Any) -> str:
    """A value from the PDF as Markdown text that renders as itself and nothing more."""
    text = "" if value is None else str(value)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_BREAK.sub(" ", _MARKUP.sub(lambda m: "\\" + m.group(), text))


def md_code(value: Any) -> str:
    """A value as a code span, whatever backticks it holds: fenced by a longer run of them (CommonMark 6.1)."""
    text = _LINE_BREAK.sub(" ", "" if value is None else str(value))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_cell(value: Any) -> str:
    return md_text(value).replace("|", "\\|")


def validation_markdown(report: dict[str, Any]) -> str:
    """The validation report as a person reads it: counts, then findings by severity."""
    s = report["summary"]
    counts = s["findings"]
    lines = [
        f"# Validation report: {md_text(report['report_id'])}",
        "",
        f"Source: {md_code(report['source'])} · pipeline {report['pipeline_version']}",
        "",
        f"- Tiltak in the body: **{s['tiltak_in_body']}**; rows in the overview table: **{s['rows_in_table']}**",
    ]
    if s["summary_sentence"]:
        lines.append(f"- Summary sentence: «{md_text(s['summary_sentence'])}»")
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
            nr = "" if f["tiltak_nr"] is None else _md_cell(f"{f['tiltak_nr']}{f['part'] or ''}")
            lines.append(
                f"| {nr} | `{f['code']}` | {_md_cell(f['message'])} | {_md_cell(f['body_value'])} | {_md_cell(f['table_value'])} | {_md_cell(f['page'])} |"
            )
        lines.append("")
    if not report["findings"]:
        lines.append("No findings: the body and the overview table agree.")
    return "\n".join(lines) + "\n"
