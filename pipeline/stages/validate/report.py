"""The validation report: the findings as JSON for programs and as Markdown for people.

``validation.json`` is the same in every language: each finding keeps its English
``message`` (what scripts read) and has the Norwegian beside it, ``message_nb``.
``validation.md`` is written in one language, English or Norwegian: its headings,
table headers, severity names and the findings' messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pipeline import __version__
from pipeline.findings import LANGUAGES, SEVERITIES, Finding, summarise
from pipeline.stages.fields import Tiltak
from pipeline.stages.overview import Overview


def validation_json(report_id: str, source: str, findings: Sequence[Finding], overview: Overview, tiltak: Sequence[Tiltak]) -> dict[str, Any]:
    """The report as data; each finding has every field of :class:`Finding`, its messages in both languages among them."""
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
            **({"summary_table": True} if overview.summary_table else {}),  # the counts are a table's, «Status | Antall tiltak»
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


def md_cell(value: Any) -> str:
    """A value as a Markdown table cell: its text, its pipes escaped."""
    return md_text(value).replace("|", "\\|")


@dataclass(frozen=True)
class _Words:
    """validation.md's own text in one language; ``{…}`` are filled in."""

    title: str
    source: str
    sizes: str
    sentence: str
    table: str  # the summary when it is a table of counts, its cells joined
    counts: str
    severities: dict[str, tuple[str, str, str]]  # severity → (heading, one, more than one)
    header: str
    none: str


_WORDS = {
    "en": _Words(
        title="# Validation report: {report_id}",
        source="Source: {source} · pipeline {version}",
        sizes="- Tiltak in the body: **{body}**; rows in the overview table: **{rows}**",
        sentence="- Summary sentence: «{sentence}»",
        table="- Summary table: «{sentence}»",
        counts="- Findings: {counts}",
        severities={"error": ("Error", "errors", "errors"), "warning": ("Warning", "warnings", "warnings"), "info": ("Info", "info", "info")},
        header="| Tiltak | Code | Finding | Body | Table | Page |",
        none="No findings: the body and the overview table agree.",
    ),
    "nb": _Words(
        title="# Valideringsrapport: {report_id}",
        source="Kilde: {source} · pipeline {version}",
        sizes="- Tiltak i brødteksten: **{body}**; rader i oversiktstabellen: **{rows}**",
        sentence="- Oppsummeringssetning: «{sentence}»",
        table="- Oppsummeringstabell: «{sentence}»",
        counts="- Funn: {counts}",
        severities={
            "error": ("Feil", "feil", "feil"),
            "warning": ("Advarsler", "advarsel", "advarsler"),
            "info": ("Merknader", "merknad", "merknader"),
        },
        header="| Tiltak | Kode | Funn | Brødtekst | Tabell | Side |",
        none="Ingen funn: brødteksten og oversiktstabellen stemmer overens.",
    ),
}


def _message(f: dict[str, Any], lang: str) -> str:
    """A finding's message in ``lang``, from validation.json's finding; English where it has no Norwegian one."""
    return f["message_nb"] if lang == "nb" and f.get("message_nb") is not None else f["message"]


def validation_markdown(report: dict[str, Any], lang: str = "en") -> str:
    """The validation report as a person reads it, in ``lang`` (``en`` or ``nb``): counts, then findings by severity.

    English here, as the findings' ``message`` is; which language the files get is
    :class:`pipeline.dataset.export.ExportOptions`' to say.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no validation report in {lang!r}: the languages are {', '.join(LANGUAGES)}")
    words = _WORDS[lang]
    s = report["summary"]
    counts = s["findings"]
    said = ", ".join(f"**{counts[sev]} {words.severities[sev][1 if counts[sev] == 1 else 2]}**" for sev in SEVERITIES)
    lines = [
        words.title.format(report_id=md_text(report["report_id"])),
        "",
        words.source.format(source=md_code(report["source"]), version=report["pipeline_version"]),
        "",
        words.sizes.format(body=s["tiltak_in_body"], rows=s["rows_in_table"]),
    ]
    if s["summary_sentence"]:
        summary = words.table if s.get("summary_table") else words.sentence
        lines.append(summary.format(sentence=md_text(s["summary_sentence"])))
    lines += [words.counts.format(counts=said), ""]
    for severity in SEVERITIES:
        group = [f for f in report["findings"] if f["severity"] == severity]
        if not group:
            continue
        lines += [f"## {words.severities[severity][0]} ({len(group)})", "", words.header, "|---|---|---|---|---|---|"]
        for f in group:
            nr = "" if f["tiltak_nr"] is None else md_cell(f"{f['tiltak_nr']}{f['part'] or ''}")
            lines.append(
                f"| {nr} | `{f['code']}` | {md_cell(_message(f, lang))} | {md_cell(f['body_value'])} | {md_cell(f['table_value'])} | {md_cell(f['page'])} |"
            )
        lines.append("")
    if not report["findings"]:
        lines.append(words.none)
    return "\n".join(lines) + "\n"
