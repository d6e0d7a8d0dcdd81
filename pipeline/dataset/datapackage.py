"""``datapackage.json``: a Frictionless Data Package describing the CSV files.

Generated from the Arrow schemas of :mod:`pipeline.dataset.export` (one source of truth):
each column's type, nullability and descriptions (English ``description``,
Norwegian ``description_nb``), each table's primary key and foreign keys from
the schema metadata. The package names the source PDF (file name, SHA-256,
page count) and the pipeline version. No Frictionless code runs here; the tests
validate the result with the ``frictionless`` library.

List columns are "; "-joined strings in CSV and are declared as ``string``,
with a description that says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import regex

from pipeline import __version__

CSV_LIST_NOTE = ("In CSV: a string, the items joined with «; ».", "I CSV: en tekst, elementene skilt med «; ».")
_NAME = regex.compile(r"[^a-z0-9._-]+")


def package_name(text: str) -> str:
    """A Data Package name: lower-case letters, digits, '.', '_' and '-'."""
    return _NAME.sub("-", text.lower()).strip("-") or "tiltak"


def _text(metadata: Mapping[bytes, bytes] | None, key: str) -> str:
    return (metadata or {}).get(key.encode(), b"").decode("utf-8")


def field_type(type_: pa.DataType) -> str:
    """The Table Schema type of a column as its CSV holds it."""
    if pa.types.is_integer(type_):
        return "integer"
    if pa.types.is_floating(type_) or pa.types.is_decimal(type_):
        return "number"
    if pa.types.is_boolean(type_):
        return "boolean"
    return "string"  # strings, and lists joined with "; "


def field_descriptor(f: pa.Field) -> dict[str, Any]:
    description, description_nb = _text(f.metadata, "description"), _text(f.metadata, "description_nb")
    if pa.types.is_list(f.type) or pa.types.is_large_list(f.type):
        description = f"{description} {CSV_LIST_NOTE[0]}".strip()
        description_nb = f"{description_nb} {CSV_LIST_NOTE[1]}".strip()
    out: dict[str, Any] = {"name": f.name, "type": field_type(f.type), "description": description}
    if description_nb:
        out["description_nb"] = description_nb
    if not f.nullable:
        out["constraints"] = {"required": True}
    return out


def table_schema(schema: pa.Schema) -> dict[str, Any]:
    """A Table Schema for the CSV of an Arrow schema (keys from its metadata)."""
    out: dict[str, Any] = {"fields": [field_descriptor(f) for f in schema], "missingValues": [""]}
    primary_key = json.loads(_text(schema.metadata, "primary_key") or "[]")
    foreign_keys = json.loads(_text(schema.metadata, "foreign_keys") or "[]")
    if primary_key:
        out["primaryKey"] = primary_key
    if foreign_keys:
        out["foreignKeys"] = foreign_keys
    return out


def resource(name: str, schema: pa.Schema, csv: bytes) -> dict[str, Any]:
    """A tabular resource for ``<name>.csv`` (its Parquet twin is named too)."""
    out: dict[str, Any] = {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "bytes": len(csv),
        "hash": f"sha256:{hashlib.sha256(csv).hexdigest()}",
        "parquet": f"{name}.parquet",
    }
    if _text(schema.metadata, "description"):
        out["description"] = _text(schema.metadata, "description")
    if _text(schema.metadata, "description_nb"):
        out["description_nb"] = _text(schema.metadata, "description_nb")
    out["schema"] = table_schema(schema)
    return out


def datapackage(
    name: str,
    title: str,
    tables: Mapping[str, tuple[pa.Schema, bytes]],
    sources: Sequence[Mapping[str, Any]] = (),
    pipeline: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The package descriptor: one resource per table, the sources and the pipeline that made it."""
    return {
        "profile": "tabular-data-package",
        "name": package_name(name),
        "title": title,
        "description": "Measures (tiltak) of Norwegian action-plan reports, extracted from the PDF (or its Word or web edition) by tiltak-pipeline. "
        "Every value can be traced to its page and box, and in an edition to its element, in the table provenance.",
        "sources": [dict(s) for s in sources],
        "pipeline": {"name": "tiltak-pipeline", "version": __version__, **{k: v for k, v in (pipeline or {}).items() if v is not None}},
        "resources": [resource(table, schema, csv) for table, (schema, csv) in tables.items()],
    }


def datapackage_bytes(
    name: str,
    title: str,
    tables: Mapping[str, tuple[pa.Schema, bytes]],
    sources: Sequence[Mapping[str, Any]] = (),
    pipeline: Mapping[str, Any] | None = None,
) -> bytes:
    descriptor = datapackage(name, title, tables, sources, pipeline)
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
