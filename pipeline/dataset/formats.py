"""Rows to bytes: Parquet with its schema, and CSV with the same cells."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.schemas import EXTERNAL_REFERENCE, LINK, LIST_SEPARATOR, PLAN, SCHEMAS
from pipeline.stages.enrich.plans import Plan
from pipeline.stages.enrich.provenance import FieldLink
from pipeline.stages.enrich.references import ExternalReference


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


def read_parquet(path: Path) -> pa.Table:
    """One report's table from its file, read in this thread: Arrow's thread pool, started for the
    first read of a process, costs more than reading a report's small file (no dataset API either:
    its import alone takes a tenth of a second)."""
    return pq.ParquetFile(path).read(use_threads=False)


# A text cell that begins with one of these is read as a formula by Excel and LibreOffice
# Calc (=HYPERLINK("http://…", "klikk") sends whatever it names away): OWASP, «CSV Injection».
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"  # what OWASP puts before such a cell: spreadsheets read the rest as text and hide the mark


def neutralised(text: str) -> str:
    """A text cell as a spreadsheet cannot run it: one that would start a formula gets a leading «'»."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Iterable[dict[str, Any]], schema: pa.Schema, *, raw_csv: bool = False) -> bytes:
    """UTF-8 CSV with a header row; lists joined with "; ", nulls as empty cells, text that would
    start a formula neutralised (:func:`neutralised`) unless ``raw_csv``.

    A row with a carriage return in a cell has every cell quoted: the csv module quotes a cell
    for a line feed but not for a lone CR, at which readers (pandas, Python's, spreadsheets)
    end the row, so a CR in a PDF's text would cut the row in two and begin a new one, with
    its own first cell, from whatever follows.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    names = schema.names  # (pyarrow makes the list anew at every access: once, not once a row)
    writer.writerow(names)
    for row in rows:
        cells = [csv_cell(row.get(name), raw=raw_csv) for name in names]
        (quoted if "\r" in "".join(cells) else writer).writerow(cells)  # a CR in any cell: one join, not a test per cell
    return out.getvalue().encode("utf-8")


# How one item of a list of structs is written in CSV, by the struct's fields.
ITEM_LABELS = {
    frozenset(PLAN.names): lambda d: Plan(**d).label,
    frozenset(LINK.names): lambda d: FieldLink(**d).label,
    frozenset(EXTERNAL_REFERENCE.names): lambda d: ExternalReference(**d).label,
}


def _csv_item(value: Any) -> str:
    if isinstance(value, dict):
        label = ITEM_LABELS.get(frozenset(value))
        return label(value) if label else json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_cell(value: Any, *, raw: bool = False) -> str:
    """A value as its CSV cell: lists joined with "; " (structs as their labels), nulls empty.

    Text, and a list joined into text, is :func:`neutralised` unless ``raw``; numbers and
    booleans are written as they are (a number is never run, and a mark would make it text).
    """
    if isinstance(value, str):  # most cells
        text = value
    elif value is None:
        return ""
    elif isinstance(value, (list, tuple)):
        text = LIST_SEPARATOR.join(_csv_item(v) for v in value)
    elif isinstance(value, bool):
        return "true" if value else "false"
    else:
        return str(value)
    return text if raw else neutralised(text)


def table_files(tables: Mapping[str, Sequence[dict[str, Any]]], metadata: dict[str, str], *, raw_csv: bool = False) -> dict[str, bytes]:
    """Parquet and CSV of every table: Parquet keeps every text as read; CSV neutralises formulas unless ``raw_csv``."""
    files: dict[str, bytes] = {}
    for name, rows in tables.items():
        schema = SCHEMAS[name]
        files[f"{name}.parquet"] = parquet_bytes(to_arrow(rows, schema, metadata))
        files[f"{name}.csv"] = csv_bytes(rows, schema, raw_csv=raw_csv)
    return files
