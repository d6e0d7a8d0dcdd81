"""The data dictionary (docs/data-dictionary.md), generated from the schemas so the two cannot drift."""

from __future__ import annotations

import json

import pyarrow as pa

from pipeline.dataset.formats import FORMULA_STARTS, TEXT_MARK
from pipeline.dataset.schemas import SCHEMAS

# How the data dictionary names a character that a cell may begin with (en, nb); the printable ones in backticks.
_CHARACTERS = {"\t": ("a tab (0x09)", "tabulator (0x09)"), "\r": ("a carriage return (0x0D)", "vognretur (0x0D)")}


def _starts(lang: int, last: str) -> str:
    names = [_CHARACTERS[c][lang] if c in _CHARACTERS else f"`{c}`" for c in FORMULA_STARTS]
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def csv_formula_note() -> str:
    """What the CSVs do to text a spreadsheet would run (:mod:`pipeline.dataset.formats`), and that Parquet does not."""
    return (
        f"**Formulas in CSV.** A text cell of a CSV file (text, or a list joined into text) that begins with {_starts(0, 'or')} "
        "would run as a formula when the file is opened in a spreadsheet (Excel, LibreOffice Calc). Such a cell is written "
        f"with `{TEXT_MARK}` before it, as OWASP advises against CSV injection: a spreadsheet shows the rest as text and hides "
        "the mark; other readers see it. Numbers and booleans are written as they are, and a row with a carriage return "
        "inside a cell has every cell quoted, so that no reader ends the row there. The Parquet files keep every text "
        "exactly as read; `--raw-csv` writes the CSV cells as read too.\n\n"
        f"*Formler i CSV. En tekstcelle i en CSV-fil (tekst, eller en liste satt sammen til tekst) som begynner med {_starts(1, 'eller')}, "
        "ville blitt kjørt som en formel når filen åpnes i et regneark (Excel, LibreOffice Calc). En slik celle skrives med "
        f"`{TEXT_MARK}` foran, slik OWASP anbefaler mot CSV-injeksjon: regnearket viser resten som tekst og skjuler merket; "
        "andre lesere ser det. Tall og sannhetsverdier skrives som de er, og en rad med vognretur inne i en celle har alle "
        "cellene i anførselstegn, så ingen leser avslutter raden der. Parquet-filene beholder all tekst nøyaktig som lest; "
        "`--raw-csv` skriver også CSV-cellene som lest.*\n"
    )


def _description(f: pa.Field, key: bytes) -> str:
    return (f.metadata or {}).get(key, b"").decode("utf-8")


def data_dictionary_markdown(schemas: dict[str, pa.Schema] | None = None) -> str:
    """The data dictionary (docs/data-dictionary.md), generated from the schemas so the two cannot drift."""
    out = [csv_formula_note()]
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
