"""Every report in one dataset: the union of each table over the report folders.

``combine_reports(out_dir, ["a", "b"])`` reads ``out_dir/a/tiltak.parquet``,
``out_dir/b/tiltak.parquet``, … and returns the bytes of ``tiltak.parquet``,
``tiltak.csv`` and so on for every table, plus a ``datapackage.json`` naming
every source PDF, so that ``pd.read_parquet("output/tiltak.parquet")`` loads
every report. Every key includes ``report_id``, so rows of different reports
never collide. A report folder written by an older pipeline may lack a table
or a column: the table contributes no rows, the column is null.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.dataset.datapackage import datapackage_bytes
from pipeline.dataset.export import source_of
from pipeline.dataset.formats import csv_bytes, parquet_bytes, read_parquet
from pipeline.dataset.schemas import SCHEMAS

SOURCE_KEYS = ("source_file", "source_sha256", "source_pages", "pipeline_version", "profile", "profile_file", "profile_sha256")


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A report's table in the current schema: missing columns null, extra ones dropped."""
    columns = []
    for f in schema:
        if f.name in table.column_names:
            column = table.column(f.name)
            columns.append(column if column.type == f.type else column.cast(f.type))  # a cast imports pyarrow.compute
        elif f.nullable:
            columns.append(pa.nulls(table.num_rows, f.type))
        else:
            raise ValueError(f"column {f.name} is missing and must not be null")
    return pa.Table.from_arrays(columns, schema=schema.remove_metadata())


def read_report_table(report_dir: Path, name: str) -> pa.Table | None:
    path = report_dir / f"{name}.parquet"
    if not path.is_file():
        return None
    return conform(read_parquet(path), SCHEMAS[name])


def report_source(report_dir: Path) -> dict[str, str]:
    """What a report's Parquet metadata says of its source PDF and the pipeline that read it."""
    meta = pq.read_schema(report_dir / "tiltak.parquet").metadata or {}
    return {k: meta[k.encode()].decode("utf-8") for k in SOURCE_KEYS if k.encode() in meta}


def union(tables: Sequence[pa.Table], schema: pa.Schema) -> pa.Table:
    if not tables:
        return schema.empty_table()
    plain = schema.remove_metadata()
    table = pa.concat_tables([t.replace_schema_metadata(None) for t in tables])
    return table if table.schema.equals(plain) else table.cast(plain)


def csv_rows_of(table: pa.Table, schema: pa.Schema, header: bytes, own: Path | None = None, *, raw_csv: bool = False) -> bytes:
    """A report's rows of a combined CSV (after ``header``): its table's rows as CSV. A report's own CSV,
    written in this run with the same options (``own``), holds those very rows: they are taken from it,
    not written again from its Parquet (a combined CSV's cells depend on their row alone, and a row
    read back from Parquet is written as the row it was made from: every fixture's tables are)."""
    if own is not None:
        try:
            text = own.read_bytes()
        except OSError:
            text = b""
        if text.startswith(header):
            return text[len(header) :]
    return csv_bytes(table.to_pylist(), schema, raw_csv=raw_csv)[len(header) :]


def combine_reports(out_dir: Path, report_ids: Sequence[str], *, raw_csv: bool = False, written: Collection[str] = ()) -> dict[str, bytes]:
    """The union of every table of the given reports, with a data package for them.

    The CSVs are written from the reports' Parquet files, which keep every text as read, so
    they neutralise formulas as a report's own CSVs do, unless ``raw_csv``. A report whose
    folder this run has just ``written``, with the same ``raw_csv``, gives its own CSV's rows
    (:func:`csv_rows_of`)."""
    out_dir = Path(out_dir)
    for rid in report_ids:
        if not (out_dir / rid / "tiltak.parquet").is_file():
            raise FileNotFoundError(f"{out_dir / rid}: no tiltak.parquet (was the report processed?)")
    sources = {rid: report_source(out_dir / rid) for rid in report_ids}
    metadata: dict[str, Any] = {
        "pipeline_version": __version__,
        "report_ids": json.dumps(list(report_ids)),
        "sources": json.dumps([{"report_id": rid, **s} for rid, s in sources.items()], ensure_ascii=False),
    }
    files: dict[str, bytes] = {}
    for name, schema in SCHEMAS.items():
        parts = {rid: t for rid in report_ids if (t := read_report_table(out_dir / rid, name)) is not None}
        table = union(list(parts.values()), schema).replace_schema_metadata({**(schema.metadata or {}), **metadata})
        files[f"{name}.parquet"] = parquet_bytes(table)
        header = csv_bytes((), schema, raw_csv=raw_csv)
        own = {rid: out_dir / rid / f"{name}.csv" for rid in parts if rid in written}
        files[f"{name}.csv"] = header + b"".join(csv_rows_of(t, schema, header, own.get(rid), raw_csv=raw_csv) for rid, t in parts.items())
    files["datapackage.json"] = datapackage_bytes(
        "tiltak-combined",
        f"Tiltak: {len(report_ids)} report(s) combined",
        {name: (schema, files[f"{name}.csv"]) for name, schema in SCHEMAS.items()},
        sources=[source_of(s, rid) for rid, s in sources.items()],
        pipeline={"version": __version__},
    )
    return files
