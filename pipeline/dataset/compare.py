"""Two editions of one report compared: where the data they give differ, one difference each.

The editions are compared through what the pipeline exports of them (the tables'
Parquet, ``validation.json`` and ``manifest.json``: the bytes
:func:`pipeline.run.runner.process_pdf` returns), so any two editions the pipeline
reads (a PDF, and its Word or web edition) compare alike, and a comparison sees the
data exactly as a user of the dataset does.

What is compared is what the report *says*: every column but those that say where a
value sat (pages, boxes, row and block order, the report id and source file) or that
repeat, derived, a value compared elsewhere (a tiltak's ``table_status`` is the overview's
row, its ``links`` the lenker table's, its ``finding_codes`` validation's). Text is compared
after collapsing runs of whitespace, which is how a line was broken, not what it says.

A difference is reported once, where it is said most precisely: a field of a measure with
parts in the part's row of ``tiltak_deler`` (not again in the measure's composed text), a
measure present in one edition only once (with its overview row, when that is missing
too), a changed link as its URL under the words it sits on. Findings of validation are
consequences of the data: a finding in one edition only is a difference of its own only
where the data do not explain it (see :func:`compare_findings`).
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.findings import LANGUAGES, SEVERITIES
from pipeline.stages.validate.report import md_cell, md_code

# What a value's place was, not what it is: never a difference (any table).
PLACE = frozenset({"report_id", "page", "page_start", "page_end", "x0", "top", "x1", "bottom", "marker_page", "block_nr", "row_nr", "del_id", "element"})


@dataclass(frozen=True)
class TableRule:
    """How one table's rows are matched across editions and which of their columns are compared.

    ``key``: the row's natural key (a duplicate key gets ``occurrence`` 2, 3, … in print order);
    ``derived``: columns besides :data:`PLACE` that repeat a value compared elsewhere;
    ``label``: the column that names a row in a report of it; ``also_by``: a second key that pairs
    rows the first leaves in one edition only, so that a row changed in a column of its key is one
    difference of that column, not a row in each edition.
    """

    key: tuple[str, ...]
    derived: frozenset[str] = frozenset()
    label: str = ""
    also_by: tuple[str, ...] = ()

    def compared(self, columns: Iterable[str]) -> list[str]:
        return [c for c in columns if c not in PLACE and c not in self.derived and c not in self.key]


# The measures: one row per tiltak, one per part. Their columns are compared as fields (FIELDS). ``nummer``, the
# number as printed, is the key's own text (the same report's editions number alike): never a difference of its own.
TILTAK = TableRule(
    ("tiltak_nr",),
    frozenset({"nummer", "table_status", "finding_codes", "links", "references", "external_references", "parts"}),
    "title",
)
DELER = TableRule(
    ("tiltak_nr", "part"),
    frozenset({"nummer", "links", "references", "external_references", "inherited_fields"}),
    "part_title",
)

# The other tables, in the order a report of the comparison lists them.
TABLES: dict[str, TableRule] = {
    "oversikt": TableRule(("tiltak_nr",), frozenset({"nummer"}), label="title"),
    "innsatsomrader": TableRule(("innsatsomrade_nr",), label="title"),
    "departementer": TableRule(("abbreviation",), label="name"),
    "fotnoter": TableRule(("number",), frozenset({"nummer"}), label="text"),
    # A link is the words it sits on in a field, and where it goes its value (scheme and unsafe_scheme follow from the URL);
    # a link whose words differ but whose URL does not is the same link, its words changed.
    "lenker": TableRule(
        ("tiltak_nr", "part", "field", "anchor_text"), frozenset({"nummer", "scheme", "unsafe_scheme"}), "url", ("tiltak_nr", "part", "field", "url")
    ),
}
MEASURE_TABLES = ("tiltak", "tiltak_deler")

# A measure's fields, each with the columns that say it: the first is what is printed or means most,
# the others follow from it (the lead department from the department line, the plans continued in
# from the status sentence). A field differs once, named by its first column that differs.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "part_title"),
    "innsatsomrade": ("innsatsomrade_nr", "innsatsomrade_title"),
    "description": ("description",),
    "ansvarlig_departement": ("ansvarlig_departement", "ansvarlig_label", "lead_departement", "samarbeid"),
    "status": ("status", "status_text", "continued_in"),
    "sluttrapport": ("sluttrapport",),
}
COMPOSED = ("description", "ansvarlig_departement", "status", "sluttrapport")  # a measure's, composed of its parts'

# Values of the report as a whole (manifest.json, and the summary sentence of validation.json).
REPORT_VALUES = ("profile", "plan", "report_year", "summary_sentence")


@dataclass(frozen=True)
class ExportedEdition:
    """One edition as the pipeline exported it: its file, what read it, its tables and its validation report."""

    file: str
    sha256: str
    profile: str
    tables: Mapping[str, Sequence[Mapping[str, Any]]]
    validation: Mapping[str, Any]
    report: Mapping[str, Any] = field(default_factory=dict)  # REPORT_VALUES
    engine: str = ""


def edition(file: str, files: Mapping[str, bytes]) -> ExportedEdition:
    """An edition from the bytes of its output files (as :func:`pipeline.run.runner.process_pdf` returns them)."""
    manifest = json.loads(files["manifest.json"])
    validation = json.loads(files["validation.json"])
    tables = {name: pq.read_table(io.BytesIO(files[f"{name}.parquet"])).to_pylist() for name in (*MEASURE_TABLES, *TABLES)}
    report = {
        "profile": manifest.get("profile") or None,
        "plan": manifest.get("plan") or None,
        "report_year": manifest.get("report_year") or None,
        "summary_sentence": validation.get("summary", {}).get("summary_sentence"),
    }
    return ExportedEdition(file, manifest.get("source_sha256", ""), manifest.get("profile", ""), tables, validation, report, manifest.get("engine", ""))


@dataclass(frozen=True)
class Difference:
    """One way the two editions differ.

    ``code``: ``tiltak_only_in``, ``field_differs`` (a measure's field), ``row_only_in``,
    ``row_differs`` (a row of another table), ``report_differs`` (a value of the report as a
    whole) or ``finding_only_in`` (a finding of validation the data do not explain);
    ``only_in``: the edition (``a`` or ``b``) that has the row, measure or finding;
    ``value_a``/``value_b``: the column's values (normalised), or what names the row.
    """

    code: str
    table: str
    key: dict[str, Any]
    column: str | None = None
    value_a: Any = None
    value_b: Any = None
    only_in: str | None = None
    tables: tuple[str, ...] = ()  # other tables the same difference covers (a measure's overview row)
    finding: dict[str, Any] | None = None  # finding_only_in: the finding, as validation.json has it


# --- values ----------------------------------------------------------------------


def normalised(value: Any) -> Any:
    """A value as compared: runs of whitespace in text collapsed (how a line was broken, not what it
    says), an empty text as none, lists and records alike inside."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, list | tuple):
        return [normalised(v) for v in value]
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items()}
    return value


def keyed(rows: Iterable[Mapping[str, Any]], key: Sequence[str]) -> dict[tuple[Any, ...], Mapping[str, Any]]:
    """Rows by their natural key; a key seen before gets its occurrence (2, 3, …) appended, so
    that a report that prints a number twice still compares row by row, in print order."""
    seen: Counter[tuple[Any, ...]] = Counter()
    out: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for row in rows:
        k = tuple(normalised(row.get(c)) for c in key)
        seen[k] += 1
        out[k if seen[k] == 1 else (*k, seen[k])] = row
    return out


def key_dict(columns: Sequence[str], key: tuple[Any, ...]) -> dict[str, Any]:
    out = dict(zip(columns, key[: len(columns)]))
    if len(key) > len(columns):
        out["occurrence"] = key[-1]
    return out


def _differing(columns: Iterable[str], a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    return [c for c in columns if normalised(a.get(c)) != normalised(b.get(c))]


def _columns(rows_a: Sequence[Mapping[str, Any]], rows_b: Sequence[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(c for rows in (rows_a, rows_b) for row in rows[:1] for c in row))


# --- tables ----------------------------------------------------------------------


def compare_rows(table: str, rule: TableRule, rows_a: Sequence[Mapping[str, Any]], rows_b: Sequence[Mapping[str, Any]]) -> list[Difference]:
    """One table's rows matched by their key: a row in one edition only, and each column of a
    matched row that differs (provenance and derived columns aside)."""
    a, b = keyed(rows_a, rule.key), keyed(rows_b, rule.key)
    compared = rule.compared(_columns(rows_a, rows_b))
    pairs = {k: k for k in a if k in b}
    pairs.update(_paired(rule.also_by, {k: a[k] for k in a if k not in b}, {k: b[k] for k in b if k not in a}))
    out: list[Difference] = []
    for k in sorted(a.keys() | (b.keys() - set(pairs.values())), key=_order):
        if k not in pairs:
            side, row = ("a", a[k]) if k in a else ("b", b[k])
            label = normalised(row.get(rule.label)) if rule.label else None
            out.append(Difference("row_only_in", table, key_dict(rule.key, k), rule.label or None, *_sided(side, label), only_in=side))
            continue
        row_a, row_b = a[k], b[pairs[k]]
        for column in _differing(compared if pairs[k] == k else [*rule.key, *compared], row_a, row_b):
            out.append(Difference("row_differs", table, key_dict(rule.key, k), column, normalised(row_a.get(column)), normalised(row_b.get(column))))
    return out


def _paired(
    key: Sequence[str], only_a: Mapping[tuple[Any, ...], Mapping[str, Any]], only_b: Mapping[tuple[Any, ...], Mapping[str, Any]]
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Rows of each edition alone, paired in print order where they agree on ``key`` (none without one)."""
    if not key:
        return {}
    waiting: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for kb, row in only_b.items():
        waiting.setdefault(tuple(normalised(row.get(c)) for c in key), []).append(kb)
    pairs = {}
    for ka, row in only_a.items():
        candidates = waiting.get(tuple(normalised(row.get(c)) for c in key))
        if candidates:
            pairs[ka] = candidates.pop(0)
    return pairs


def _sided(side: str, value: Any) -> tuple[Any, Any]:
    return (value, None) if side == "a" else (None, value)


def _order(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keys sorted with none first and numbers before text, whatever their mix."""
    return tuple((v is not None, isinstance(v, str), v if v is not None else 0) for v in key)


def field_differences(columns: Sequence[str], a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, str]:
    """The fields of one measure (or part) that differ, each with its first column that does (:data:`FIELDS`);
    a column of no field is a field of its own."""
    grouped = {c for cols in FIELDS.values() for c in cols}
    fields = {name: [c for c in cols if c in columns] for name, cols in FIELDS.items()}
    fields.update({c: [c] for c in columns if c not in grouped})
    out = {}
    for name, cols in fields.items():
        differing = _differing(cols, a, b)
        if differing:
            out[name] = differing[0]
    return out


def compare_measures(
    tiltak_a: Sequence[Mapping[str, Any]],
    tiltak_b: Sequence[Mapping[str, Any]],
    deler_a: Sequence[Mapping[str, Any]],
    deler_b: Sequence[Mapping[str, Any]],
) -> list[Difference]:
    """The measures matched by tiltak nr: one present in one edition only, and each field that differs.

    A measure with parts (in either edition) is compared part by part in ``tiltak_deler``,
    and a field of the measure as a whole is said only where no part says it: its composed
    description, department, status and sluttrapport («a) … b) …») differ exactly when a part's
    do, or when the parts themselves differ (which the parts' rows say).
    """
    a, b = keyed(tiltak_a, TILTAK.key), keyed(tiltak_b, TILTAK.key)
    parts_a, parts_b = _parts(tiltak_a, deler_a), _parts(tiltak_b, deler_b)
    columns = TILTAK.compared(_columns(tiltak_a, tiltak_b))
    deler_columns = DELER.compared(_columns(deler_a, deler_b))
    out: list[Difference] = []
    for k in sorted(a.keys() | b.keys(), key=_order):
        key = key_dict(TILTAK.key, k)
        if k not in a or k not in b:
            side, row = ("a", a[k]) if k in a else ("b", b[k])
            out.append(Difference("tiltak_only_in", "tiltak", key, TILTAK.label, *_sided(side, normalised(row.get(TILTAK.label))), only_in=side))
            continue
        by_part: list[Difference] = []
        pa, pb = parts_a.get(k, {}), parts_b.get(k, {})
        with_parts = any(p is not None for p in (*pa, *pb))
        if with_parts:
            for part in sorted(pa.keys() | pb.keys(), key=lambda p: _order((p,))):
                part_key = {**key, "part": part}
                if part not in pa or part not in pb:
                    side, row = ("a", pa[part]) if part in pa else ("b", pb[part])
                    label = normalised(row.get(DELER.label))
                    by_part.append(Difference("row_only_in", "tiltak_deler", part_key, DELER.label, *_sided(side, label), only_in=side))
                    continue
                for column in field_differences(deler_columns, pa[part], pb[part]).values():
                    by_part.append(
                        Difference(
                            "field_differs", "tiltak_deler", part_key, column, normalised(pa[part].get(column)), normalised(pb[part].get(column))
                        )
                    )
        said = {_field_of(d.column) for d in by_part if d.code == "field_differs"}
        if pa.keys() != pb.keys():
            said |= set(COMPOSED)
        if "title" in said:
            said.add("description")  # the measure's description holds its parts' titles («a) title. text»)
        for name, column in field_differences(columns, a[k], b[k]).items():
            if name not in said:
                out.append(Difference("field_differs", "tiltak", key, column, normalised(a[k].get(column)), normalised(b[k].get(column))))
        out += by_part
    return out


def _field_of(column: str | None) -> str | None:
    return next((name for name, cols in FIELDS.items() if column in cols), column)


def _parts(tiltak: Sequence[Mapping[str, Any]], deler: Sequence[Mapping[str, Any]]) -> dict[tuple[Any, ...], dict[Any, Mapping[str, Any]]]:
    """Each measure's rows of tiltak_deler by part (None: a measure without parts), under the measure's key."""
    measure = {row.get("block_nr"): k for k, row in keyed(tiltak, TILTAK.key).items()}
    out: dict[tuple[Any, ...], dict[Any, Mapping[str, Any]]] = {}
    for row in deler:
        k = measure.get(row.get("block_nr"), (row.get("tiltak_nr"),))
        out.setdefault(k, {})[normalised(row.get("part"))] = row
    return out


def fold_measures(differences: list[Difference]) -> list[Difference]:
    """A measure in one edition only whose overview row is in that edition only too: one difference, not two."""
    gone = {(tuple(d.key.items()), d.only_in) for d in differences if d.code == "tiltak_only_in"}
    folded = {k for d in differences if d.code == "row_only_in" and d.table == "oversikt" and (k := (tuple(d.key.items()), d.only_in)) in gone}
    out = []
    for d in differences:
        k = (tuple(d.key.items()), d.only_in)
        if d.code == "row_only_in" and d.table == "oversikt" and k in folded:
            continue
        out.append(replace(d, tables=("oversikt",)) if d.code == "tiltak_only_in" and k in folded else d)
    return out


def compare_report(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[Difference]:
    """The report's own values: the profile that read it, its plan and year, the summary sentence above the table."""
    return [
        Difference("report_differs", "report", {}, name, normalised(a.get(name)), normalised(b.get(name)))
        for name in REPORT_VALUES
        if normalised(a.get(name)) != normalised(b.get(name))
    ]


# --- findings --------------------------------------------------------------------

FINDING_KEY = ("code", "tiltak_nr", "part", "field", "body_value", "table_value")  # not the page, nor the message that names it


def compare_findings(
    a: Sequence[Mapping[str, Any]], b: Sequence[Mapping[str, Any]], data: Sequence[Difference]
) -> tuple[list[Difference], list[Difference]]:
    """The findings of validation in one edition only: (differences, explained).

    A finding checks the data; where the data differ, the findings follow (a status changed in
    the body gives a status_mismatch in that edition), and to count them too would say each
    difference twice. So a finding in one edition only is *explained*, and listed apart, when it
    names a measure that differs (in any table), or names none while the data differ at all.
    Otherwise it is a difference of its own: the data agree but one edition was read with a doubt
    the other was not (links it could not read, an uncertain reading order, a poor fit): worth
    knowing when the point of comparing is that both editions give the same dataset.
    """
    ka = Counter(_finding_key(f) for f in a)
    kb = Counter(_finding_key(f) for f in b)
    measures = {d.key.get("tiltak_nr") for d in data if d.table in (*MEASURE_TABLES, "oversikt")}
    differences: list[Difference] = []
    explained: list[Difference] = []
    for side, findings, own, other in (("a", a, ka, kb), ("b", b, kb, ka)):
        extra = own - other
        for f in findings:
            k = _finding_key(f)
            if not extra[k]:
                continue
            extra[k] -= 1
            d = Difference(
                "finding_only_in",
                "validation",
                {"code": f["code"], "tiltak_nr": f.get("tiltak_nr"), "part": f.get("part"), "field": f.get("field")},
                None,
                *_sided(side, normalised(f.get("message"))),
                only_in=side,
                finding=dict(f),
            )
            tiltak = f.get("tiltak_nr")
            (explained if (tiltak in measures if tiltak is not None else bool(data)) else differences).append(d)
    return differences, explained


def _finding_key(f: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(normalised(f.get(k)) for k in FINDING_KEY)


# --- the comparison --------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    a: ExportedEdition
    b: ExportedEdition
    differences: tuple[Difference, ...]
    explained: tuple[Difference, ...] = ()  # findings in one edition only that follow from the differences

    @property
    def agree(self) -> bool:
        return not self.differences


def compare_editions(a: ExportedEdition, b: ExportedEdition) -> Comparison:
    """Every difference between two editions of one report, in the order a reader wants them: the
    report's own values, the measures (by tiltak nr), the other tables, then the findings."""
    data = [
        *compare_report(a.report, b.report),
        *compare_measures(a.tables["tiltak"], b.tables["tiltak"], a.tables["tiltak_deler"], b.tables["tiltak_deler"]),
        *(d for name, rule in TABLES.items() for d in compare_rows(name, rule, a.tables.get(name, []), b.tables.get(name, []))),
    ]
    data = fold_measures(data)
    found, explained = compare_findings(a.validation.get("findings", []), b.validation.get("findings", []), data)
    return Comparison(a, b, tuple(data + found), tuple(explained))


# --- comparison.json and comparison.md -------------------------------------------

_MESSAGES: dict[str, tuple[str, str]] = {  # code → (English, Norwegian); {what}, {a}, {b}, {edition} filled in
    "tiltak_only_in": ("{what} is only in edition {edition} («{value}»).", "{what} finnes bare i utgave {edition} («{value}»)."),
    "field_differs": ("{what}: {column} differs: A «{a}», B «{b}».", "{what}: {column} er ulik: A «{a}», B «{b}»."),
    "row_only_in": ("{what} is only in edition {edition} («{value}»).", "{what} finnes bare i utgave {edition} («{value}»)."),
    "row_differs": ("{what}: {column} differs: A «{a}», B «{b}».", "{what}: {column} er ulik: A «{a}», B «{b}»."),
    "report_differs": ("The report's {column} differs: A «{a}», B «{b}».", "Rapportens {column} er ulik: A «{a}», B «{b}»."),
    "finding_only_in": ("Only in edition {edition}: {value}", "Bare i utgave {edition}: {value}"),
}
CODES = tuple(_MESSAGES)

_TABLE_NAMES = {  # how a row of each table is named in a sentence: (English, Norwegian)
    "tiltak": ("Tiltak", "Tiltak"),
    "tiltak_deler": ("Tiltak", "Tiltak"),
    "oversikt": ("The overview's row for tiltak", "Oversiktens rad for tiltak"),
    "innsatsomrader": ("Innsatsområde", "Innsatsområde"),
    "departementer": ("Department", "Departement"),
    "fotnoter": ("Footnote", "Fotnote"),
    "lenker": ("The link", "Lenken"),
    "validation": ("Finding", "Funn"),
}


def key_text(table: str, key: Mapping[str, Any], lang: str = "en") -> str:
    """A row's key as a person names it: «Tiltak 9 b», «Fotnote 1», «Lenken «…» (tiltak 1, sluttrapport)»."""
    name = _TABLE_NAMES.get(table, (table, table))[lang == "nb"]
    if table == "lenker":
        nr, anchor = _nr_part(key), str(key.get("anchor_text") or "")
        place = ", ".join(v for v in (f"tiltak {nr}" if nr else "", str(key.get("field") or "")) if v)
        return f"{name} {anchor if anchor.startswith('«') else f'«{anchor}»'}" + (f" ({place})" if place else "")
    if table == "validation":
        return f"{name} {key.get('code')}" + (f" ({_nr_part(key)})" if key.get("tiltak_nr") is not None else "")
    values = [_nr_part(key)] if "tiltak_nr" in key else [str(v) for k, v in key.items() if k != "occurrence" and v is not None]
    occurrence = f" (#{key['occurrence']})" if key.get("occurrence") else ""
    return " ".join([name, *values]) + occurrence


def _nr_part(key: Mapping[str, Any]) -> str:
    return " ".join(str(v) for v in (key.get("tiltak_nr"), key.get("part")) if v is not None)


CONTEXT = 24  # characters of what two values share kept on each side of where they differ
WIDTH = 120  # the most of a value's differing middle shown


def shortened(a: Any, b: Any, width: int = WIDTH) -> tuple[str, str]:
    """Two values as a person compares them: what they share at the start and the end cut to a
    few words (as «…»), the rest cut to ``width`` characters. Lists are joined with "; "."""
    ta, tb = _as_text(a), _as_text(b)
    start = 0
    while start < min(len(ta), len(tb)) and ta[start] == tb[start]:
        start += 1
    end = 0
    while end < min(len(ta), len(tb)) - start and ta[-1 - end] == tb[-1 - end]:
        end += 1
    return _cut(ta, start, len(ta) - end, width), _cut(tb, start, len(tb) - end, width)


def _cut(text: str, start: int, end: int, width: int) -> str:
    """``text`` from a word before ``start`` to a word after ``end``, with «…» for what is left out."""
    left = text.rfind(" ", 0, max(0, start - CONTEXT)) + 1 if start > CONTEXT else 0
    right = text.find(" ", min(len(text), end + CONTEXT)) if len(text) - end > CONTEXT else -1
    right = len(text) if right == -1 else right
    middle = text[left:right]
    if len(middle) > width:
        middle = middle[: width - 1].rstrip() + "…"
    return ("…" if left else "") + middle + ("…" if right < len(text) else "")


def _truncated(value: Any, width: int = WIDTH) -> str:
    text = _as_text(value)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_as_text(v) for v in value.values() if v is not None)
    return str(value)


def message(d: Difference, lang: str = "en") -> str:
    """A difference as one sentence, in ``lang`` (values shortened to where they differ)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no comparison in {lang!r}: the languages are {', '.join(LANGUAGES)}")
    template = _MESSAGES[d.code][lang == "nb"]
    a, b = shortened(d.value_a, d.value_b)
    value = _truncated(d.value_a if d.only_in == "a" else d.value_b)
    if d.code == "finding_only_in" and d.finding is not None:
        value = (d.finding.get("message_nb") if lang == "nb" else None) or d.finding.get("message") or value
    return template.format(what=key_text(d.table, d.key, lang), column=d.column, a=a, b=b, edition=(d.only_in or "").upper(), value=value)


def _difference_json(d: Difference) -> dict[str, Any]:
    out = {k: v for k, v in asdict(d).items() if k not in ("tables", "finding")}
    if d.tables:
        out["tables"] = list(d.tables)
    if d.finding is not None:
        out["finding"] = d.finding
    return {**out, "message": message(d, "en"), "message_nb": message(d, "nb")}


def _edition_json(e: ExportedEdition) -> dict[str, Any]:
    return {
        "file": e.file,
        "sha256": e.sha256,
        "profile": e.profile,
        "engine": e.engine,
        "counts": {name: len(rows) for name, rows in e.tables.items()},
        "findings": _severities(e.validation.get("findings", [])),
    }


def _severities(findings: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Findings (as validation.json has them) counted by severity, as its summary counts them."""
    counts = Counter(f.get("severity") for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def comparison_json(c: Comparison) -> dict[str, Any]:
    """The comparison as data: both editions (file, SHA-256, profile, counts), and every difference with its
    code, table, key, column and both values (in full, normalised) and a sentence in English and Norwegian."""
    return {
        "pipeline_version": __version__,
        "editions": {"a": _edition_json(c.a), "b": _edition_json(c.b)},
        "agree": c.agree,
        "summary": {
            "differences": len(c.differences),
            "by_code": {code: n for code in CODES if (n := sum(d.code == code for d in c.differences))},
            "explained_findings": len(c.explained),
        },
        "differences": [_difference_json(d) for d in c.differences],
        "explained_findings": [_difference_json(d) for d in c.explained],
    }


@dataclass(frozen=True)
class _Words:
    """comparison.md's own text in one language."""

    title: str
    pipeline: str
    editions: str
    agree: str
    differences: str
    header: str
    explained: str
    explained_intro: str
    severities: dict[str, str]


_WORDS = {
    "en": _Words(
        title="# Comparison of two editions",
        pipeline="pipeline {version}",
        editions="| | File | SHA-256 | Profile | Rows | Findings |",
        agree="No differences: the two editions give the same tables and the same findings (pages, boxes and other places aside).",
        differences="## Differences ({n})",
        header="| Code | Where | Column | A | B |",
        explained="## Findings that follow from the differences ({n})",
        explained_intro="Findings of validation in one edition only, about a measure that differs (or about the whole report, where the data differ): consequences, not differences of their own.",
        severities={"error": "errors", "warning": "warnings", "info": "info"},
    ),
    "nb": _Words(
        title="# Sammenligning av to utgaver",
        pipeline="pipeline {version}",
        editions="| | Fil | SHA-256 | Profil | Rader | Funn |",
        agree="Ingen forskjeller: de to utgavene gir de samme tabellene og de samme funnene (sider, bokser og andre plasseringer unntatt).",
        differences="## Forskjeller ({n})",
        header="| Kode | Hvor | Kolonne | A | B |",
        explained="## Funn som følger av forskjellene ({n})",
        explained_intro="Funn fra valideringen som bare er i én utgave, om et tiltak som er ulikt (eller om hele rapporten, der dataene er ulike): følger av forskjellene, ikke egne forskjeller.",
        severities={"error": "feil", "warning": "advarsler", "info": "merknader"},
    ),
}


def comparison_markdown(report: Mapping[str, Any], lang: str = "nb") -> str:
    """The comparison as a person reads it, in ``lang``: the two editions, then every difference with both values
    shortened to where they differ (from :func:`comparison_json`'s data, as validation.md is from validation.json's)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no comparison in {lang!r}: the languages are {', '.join(LANGUAGES)}")
    words = _WORDS[lang]
    lines = [words.title, "", words.pipeline.format(version=report["pipeline_version"]), "", words.editions, "|---|---|---|---|---|---|"]
    for side, e in report["editions"].items():
        found = ", ".join(f"{n} {words.severities[sev]}" for sev, n in e["findings"].items())
        rows = ", ".join(f"{name} {n}" for name, n in e["counts"].items())
        lines.append(f"| {side.upper()} | {md_code(e['file'])} | `{e['sha256'][:12]}` | {md_cell(e['profile'])} | {md_cell(rows)} | {found} |")
    lines.append("")
    if report["agree"]:
        lines.append(words.agree)
    else:
        lines += [words.differences.format(n=len(report["differences"])), "", words.header, "|---|---|---|---|---|"]
        for d in report["differences"]:
            lines.append(_row(d, lang))
        lines.append("")
    if report["explained_findings"]:
        lines += [words.explained.format(n=len(report["explained_findings"])), "", words.explained_intro, ""]
        lines += [f"- {md_cell(d['message_nb'] if lang == 'nb' else d['message'])}" for d in report["explained_findings"]]
    return "\n".join(lines).rstrip("\n") + "\n"


def _row(d: Mapping[str, Any], lang: str) -> str:
    where = key_text(d["table"], d["key"], lang) + (f" (+ {', '.join(d['tables'])})" if d.get("tables") else "")
    if d["only_in"]:
        said = (d["message_nb"] if lang == "nb" else d["message"]) if d["code"] == "finding_only_in" else _truncated(d[f"value_{d['only_in']}"])
        a, b = (said or "✓", "—") if d["only_in"] == "a" else ("—", said or "✓")
    else:
        a, b = shortened(d["value_a"], d["value_b"])
    return f"| `{d['code']}` | {md_cell(where)} | {md_cell(d['column'] or '')} | {md_cell(a)} | {md_cell(b)} |"




def comparison_files(c: Comparison, lang: str = "nb") -> dict[str, bytes]:
    """comparison.json (both languages, whatever ``lang``) and comparison.md (in ``lang``), as bytes by file name."""
    report = comparison_json(c)
    return {
        "comparison.json": (json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"),
        "comparison.md": comparison_markdown(report, lang).encode("utf-8"),
    }
