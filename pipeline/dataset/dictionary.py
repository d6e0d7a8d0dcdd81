"""The README's data dictionary, generated from the schemas so the two cannot drift."""

from __future__ import annotations

import json

import pyarrow as pa

from pipeline.dataset.schemas import SCHEMAS


def _description(f: pa.Field, key: bytes) -> str:
    return (f.metadata or {}).get(key, b"").decode("utf-8")


def data_dictionary_markdown(schemas: dict[str, pa.Schema] | None = None) -> str:
    """The README's data dictionary, generated from the schemas so the two cannot drift."""
    out = []
    for name, schema in (schemas or SCHEMAS).items():
        meta = schema.metadata or {}
        out += [f"#### `{name}` (`{name}.parquet`, `{name}.csv`)", ""]
        if meta.get(b"description"):
            out += [f"{meta[b'description'].decode('utf-8')} *{meta.get(b'description_nb', b'').decode('utf-8')}*", ""]
        keys = json.loads(meta.get(b"primary_key", b"[]"))
        if keys:
            out += [f"Key: {', '.join(f'`{k}`' for k in keys)}.", ""]
        for fk in json.loads(meta.get(b"foreign_keys", b"[]")):
            ref = fk["reference"]
            out += [f"References: ({', '.join(fk['fields'])}) → `{ref['resource']}` ({', '.join(ref['fields'])}).", ""]
        out += ["| Column | Type | Null | Meaning | Beskrivelse |", "|---|---|---|---|---|"]
        for f in schema:
            out.append(
                f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {_description(f, b'description')} | {_description(f, b'description_nb')} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"
