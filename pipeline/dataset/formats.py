"""Rows to bytes: Parquet with its schema, and CSV with the same cells."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
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


def csv_bytes(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> bytes:
    """UTF-8 CSV with a header row; lists joined with "; ", nulls as empty cells."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.names)
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in schema.names])
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


def csv_cell(value: Any) -> str:
    """A value as its CSV cell: lists joined with "; " (structs as their labels), nulls empty."""
    if type(value) is str:  # most cells
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_csv_item(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table_files(tables: dict[str, Sequence[dict[str, Any]]], metadata: dict[str, str]) -> dict[str, bytes]:
    """Parquet and CSV of every table."""
    files: dict[str, bytes] = {}
    for name, rows in tables.items():
        schema = SCHEMAS[name]
        files[f"{name}.parquet"] = parquet_bytes(to_arrow(rows, schema, metadata))
        files[f"{name}.csv"] = csv_bytes(rows, schema)
    return files
