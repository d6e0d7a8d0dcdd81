"""Comparing one extraction with the goldens, as lists of differences.

The tests assert that the lists are empty; ``make accuracy`` counts them, per
rendering. The goldens (tests/golden/) were written from the source text by hand,
not from the pipeline.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.stages.registry import Stages

from .helpers import GOLDEN, MATRIX, first_words, last_words

FIELDS = ("description", "sluttrapport")
# Tables that must be the same on every rendering of one report, and the columns that
# may differ between renderings (where things sit on the page, and the file they came from).
INVARIANT_TABLES = ("tiltak", "tiltak_deler", "oversikt", "innsatsomrader", "departementer", "fotnoter", "lenker")
LAYOUT_COLUMNS = {"report_id", "page", "page_start", "page_end", "x0", "top", "x1", "bottom", "marker_page"}


def golden_tiltak() -> list[dict]:
    return json.loads((GOLDEN / "tiltak.json").read_text(encoding="utf-8"))


def expected_pages(name: str) -> dict[int, tuple[int, int]] | None:
    """The pages of each tiltak in a fixture rendering: the original's for the reference ("word"),
    as the matrix generator laid them out for the others (renderings.json); None where unknown."""
    if name == "word":
        return {t["tiltak_nr"]: (t["page_start"], t["page_end"]) for t in golden_tiltak()}
    index = MATRIX / "renderings.json"
    pages = json.loads(index.read_text(encoding="utf-8")).get(name, {}).get("tiltak_pages") if index.is_file() else None
    return {int(k): (v[0], v[1]) for k, v in pages.items()} if pages else None


def golden_oversikt() -> list[dict]:
    with (GOLDEN / "oversikt.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def golden_findings() -> list[dict]:
    return json.loads((GOLDEN / "findings.json").read_text(encoding="utf-8"))


def as_golden_csv_rows(rows) -> list[dict]:
    """Overview rows in the shape of a golden oversikt CSV (strings, empty for null); a row numbered per
    focus area with its number as printed, the last column of such a golden («2.1»)."""
    return [
        {
            "tiltak_nr": str(r.tiltak_nr),
            "title": r.title,
            "ansvarlig_departement": r.ansvarlig_departement,
            "status": r.status,
            "innsatsomrade_nr": str(r.innsatsomrade_nr),
            "innsatsomrade_title": r.innsatsomrade_title,
            "undergruppe": r.undergruppe or "",
        }
        | ({"nummer": r.nummer} if r.nummer else {})
        for r in rows
    ]


def assert_overview_matches(stages: Stages, gold: Path, year: int) -> None:
    """A family's overview rows and summary counts against its goldens (oversikt-YEAR.csv, summary-YEAR.json)."""
    with (gold / f"oversikt-{year}.csv").open(encoding="utf-8") as fh:
        assert as_golden_csv_rows(stages.overview.rows) == list(csv.DictReader(fh))
    summary = json.loads((gold / f"summary-{year}.json").read_text(encoding="utf-8"))
    assert stages.overview.summary_total == summary.pop("total")
    assert stages.overview.summary_counts == summary


def _words(field, n: int, first: bool) -> str | None:
    if field is None:
        return None
    return first_words(field.text, n) if first else last_words(field.text, n)


def field_differences(label: str, got, want: dict, n: int = 6) -> list[str]:
    out = []
    for key in FIELDS:
        for first, end in ((True, "first"), (False, "last")):
            if _words(getattr(got, key), n, first) != want[f"{key}_{end}"]:
                out.append(f"{label} {key} {end} words: {_words(getattr(got, key), n, first)!r} ≠ {want[f'{key}_{end}']!r}")
    dept = got.ansvarlig_departement
    pairs = (
        ("label", dept.label if dept else None, want["ansvarlig_label"]),
        ("department", dept.text if dept else None, want["ansvarlig_departement"]),
        ("status text", got.status.text if got.status else None, want["status_text"]),
        ("status", got.status_value, want["status"]),
    )
    out += [f"{label} {what}: {g!r} ≠ {w!r}" for what, g, w in pairs if g != w]
    return out


def check_fields(label: str, got, want: dict, n: int = 6) -> None:
    """Assert that a measure's (or a part's) fields are those of its golden."""
    assert field_differences(label, got, want, n) == []


def block_differences(stages: Stages, golden: Sequence[dict], pages: dict[int, tuple[int, int]] | None = None) -> dict[int, list[str]]:
    """Per golden tiltak, how the extracted block differs (empty: equal). ``pages``: the expected pages."""
    got = {t.tiltak_nr: t for t in stages.tiltak}
    out: dict[int, list[str]] = {}
    for want in golden:
        nr = want["tiltak_nr"]
        label = f"tiltak {nr}"
        if nr not in got:
            out[nr] = [f"{label}: no block"]
            continue
        t = got[nr]
        diffs = []
        if t.title != want["title"]:
            diffs.append(f"{label} title: {t.title!r} ≠ {want['title']!r}")
        if t.innsatsomrade_nr != want["innsatsomrade_nr"]:
            diffs.append(f"{label} innsatsområde: {t.innsatsomrade_nr} ≠ {want['innsatsomrade_nr']}")
        if pages is not None and (t.page_start, t.page_end) != pages[nr]:
            diffs.append(f"{label} pages: {(t.page_start, t.page_end)} ≠ {pages[nr]}")
        if "parts" not in want:
            diffs += field_differences(label, t, want)
        else:
            parts = {p.part: p for p in t.parts}
            if sorted(parts) != [p["part"] for p in want["parts"]]:
                diffs.append(f"{label} parts: {sorted(parts)}")
            shared = {k for k in ("ansvarlig_departement", "status_text") if want[k] is not None}
            for pw in want["parts"]:
                p = parts.get(pw["part"])
                if p is None:
                    continue
                if p.title != pw["title"]:
                    diffs.append(f"{label}{p.part} title: {p.title!r} ≠ {pw['title']!r}")
                expected = dict(pw)
                if shared:  # given once for the whole measure (tiltak 9): every part inherits it
                    if set(p.inherited) != {"ansvarlig_departement", "status", "sluttrapport"}:
                        diffs.append(f"{label}{p.part} inherits {sorted(p.inherited)}")
                    for k in ("ansvarlig_label", "ansvarlig_departement", "status_text", "status", "sluttrapport_first", "sluttrapport_last"):
                        expected[k] = want[k]
                diffs += field_differences(f"{label}{p.part}", p, expected)
        out[nr] = diffs
    extra = sorted(set(got) - {w["tiltak_nr"] for w in golden})
    if extra:
        out[0] = [f"blocks not in the golden: {extra}"]
    return out


def overview_differences(stages: Stages) -> dict[int, list[str]]:
    """Per golden overview row (by its number), how the extracted row differs."""
    got = {int(r["tiltak_nr"]): r for r in as_golden_csv_rows(stages.overview.rows)}
    out: dict[int, list[str]] = {}
    for want in golden_oversikt():
        nr = int(want["tiltak_nr"])
        row = got.get(nr)
        out[nr] = ["no row"] if row is None else [f"{k}: {row[k]!r} ≠ {v!r}" for k, v in want.items() if row[k] != v]
    if len(stages.overview.rows) != len(got):
        out[0] = [f"{len(stages.overview.rows)} rows for {len(got)} numbers"]
    return out


def finding_rows(stages: Stages) -> list[dict]:
    return [
        {
            "severity": f.severity,
            "code": f.code,
            "tiltak_nr": f.tiltak_nr,
            "part": f.part,
            "field": f.field,
            "body_value": f.body_value,
            "table_value": f.table_value,
        }
        for f in stages.findings
    ]


def csv_rows(files: dict[str, bytes], table: str) -> list[dict[str, Any]]:
    rows = csv.DictReader(io.StringIO(files[f"{table}.csv"].decode("utf-8")))
    return [{k: v for k, v in row.items() if k not in LAYOUT_COLUMNS} for row in rows]


def table_differences(
    files: dict[str, bytes], reference: dict[str, bytes], tables: Sequence[str] = INVARIANT_TABLES, lost: Sequence[str] = ()
) -> dict[str, list[str]]:
    """Per table, the rows (layout columns aside) that differ from the reference rendering's;
    ``lost``: phrases of the reference whose space after a hyphen or slash the rendering's PDF
    does not hold (tests.helpers.LOST_AT_LINE_END), expected without it, each where it stands."""
    out = {}
    for table in tables:
        got, want = csv_rows(files, table), csv_rows(reference, table)
        for phrase in lost:
            want = [{k: v.replace(phrase, phrase.replace("- ", "-").replace("/ ", "/")) for k, v in row.items()} for row in want]
        diffs = [f"row {i}: {g} ≠ {w}" for i, (g, w) in enumerate(zip(got, want)) if g != w]
        if len(got) != len(want):
            diffs.append(f"{len(got)} rows ≠ {len(want)}")
        out[table] = diffs
    return out
