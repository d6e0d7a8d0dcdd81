"""Stage 6 — export: the stages' results as files. It formats; it computes nothing.

Every output file of one report, as bytes keyed by file name: each table in Parquet
and CSV, the data package, the validation report and the manifest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.dataset.datapackage import datapackage_bytes
from pipeline.dataset.formats import table_files
from pipeline.dataset.rows import report_tables
from pipeline.dataset.schemas import SCHEMAS
from pipeline.findings import LANGUAGES
from pipeline.model import Document
from pipeline.stages.registry import Stages
from pipeline.stages.validate.report import validation_json, validation_markdown


def source_of(metadata: dict[str, str], report_id: str | None = None) -> dict[str, Any]:
    """The source PDF as a data package names it (file name, SHA-256, pages), from the output metadata."""
    source: dict[str, Any] = {"title": metadata.get("source_file", ""), "path": metadata.get("source_file", "")}
    if report_id is not None:
        source["report_id"] = report_id
    if metadata.get("source_sha256"):
        source["sha256"] = metadata["source_sha256"]
    if metadata.get("source_pages", "").isdigit():
        source["pages"] = int(metadata["source_pages"])
    for key in ("pipeline_version", "profile", "profile_file", "profile_sha256"):
        if metadata.get(key):
            source[key] = metadata[key]
    return source


def output_metadata(doc: Document, profile: str, plan: str = "", report_year: int | None = None, measures: str = "") -> dict[str, str]:
    """What every table and the manifest say of their source and how they were made (``measures``:
    "table rows" where the measures were read from a table's rows, not from blocks)."""
    return {
        **({"measures": measures} if measures else {}),
        "plan": plan,
        "report_year": "" if report_year is None else str(report_year),
        "source_file": doc.source,
        "source_sha256": doc.sha256,
        "source_pages": str(doc.page_count),
        "pipeline_version": __version__,
        "profile": profile if isinstance(profile, str) else profile.name,
        "source_path": doc.source_path,
        "engine": doc.engine,
    }


INFERRED_PROFILE_FILE = "profile.toml"  # where the runner writes a profile inferred from the report, beside its outputs


def profile_file_metadata(source: str, inferred_toml: str = "", report_id: str = "") -> dict[str, str]:
    """The profile file a report was read with, by content: its SHA-256, file name and path.

    A profile's name says nothing of its content: a changed file that keeps a built-in name
    would pass for the built-in one. A profile inferred from the report is its TOML text, written
    as profile.toml into the report's folder, and its path is given relative to that folder,
    also when a stage run alone reads it back from there; a profile that is no file has none.
    """
    file = Path(source) if source else None
    if inferred_toml:
        data, path = inferred_toml.encode("utf-8"), INFERRED_PROFILE_FILE
    elif file is not None and file.is_file():
        own = file.name == INFERRED_PROFILE_FILE and file.parent.name == report_id  # the report folder's own
        data, path = file.read_bytes(), INFERRED_PROFILE_FILE if own else str(file)
    else:
        return {"profile_file": "", "profile_sha256": "", "profile_path": ""}
    return {"profile_file": Path(path).name, "profile_sha256": hashlib.sha256(data).hexdigest(), "profile_path": path}


# Only the manifest says these: the Parquet files travel, so they name the source PDF and the
# profile by file name and hash, not by local path; which engine read the PDF changes none of
# their bytes.
LOCAL_KEYS = ("source_path", "engine", "profile_path")

DEFAULT_LANG = "nb"  # validation.md's language when none is asked for (ExportOptions says why)


@dataclass(frozen=True)
class ExportOptions:
    """How a report's files are written, as the user asked; the data is the same either way.

    One value passed down from the command line to the writers, so that a new option
    is a field here rather than a parameter threaded through every layer.

    ``lang`` is the language of validation.md (``--lang nb|en``), None for
    :data:`DEFAULT_LANG`, Norwegian: the reports are Norwegian and the first readers of
    their validation report are the ministries' staff who check them. ``--lang en`` writes
    it in English, as it was before there was a choice. Nothing else depends on it:
    validation.json holds every finding's message in both languages (``message``, English,
    as always, and ``message_nb``), and the tables have no messages, so scripts and
    comparisons of the data see the same bytes whatever the language.
    """

    raw_csv: bool = False  # CSV cells as read, even where a spreadsheet would run them as formulas
    lang: str | None = None  # validation.md's language, one of pipeline.findings.LANGUAGES; None: DEFAULT_LANG

    def __post_init__(self) -> None:
        if self.lang is not None and self.lang not in LANGUAGES:
            raise ValueError(f"no outputs in {self.lang!r}: the languages are {', '.join(LANGUAGES)}")

    @property
    def language(self) -> str:
        """The language validation.md is written in: ``lang``, else :data:`DEFAULT_LANG`."""
        return self.lang if self.lang is not None else DEFAULT_LANG


def export_files(stages: Stages, metadata: dict[str, str], options: ExportOptions = ExportOptions()) -> dict[str, bytes]:  # noqa: B008 (frozen)
    """Every output file of one report, as bytes keyed by file name.

    The metadata gains the profile file's record (:func:`profile_file_metadata`) from the
    stages. The CSVs neutralise text that would start a formula unless ``options.raw_csv``
    (:func:`pipeline.dataset.formats.neutralised`); Parquet keeps every text as read.
    validation.md is in ``options.language``; validation.json holds both languages.
    """
    report_id, tiltak, overview, findings = stages.report_id, stages.tiltak, stages.overview, stages.findings
    tables = report_tables(report_id, tiltak, overview, stages.segmentation, findings, stages.enrichment, stages.document.elements)
    metadata = {**metadata, **profile_file_metadata(stages.profile_source, stages.inferred_profile, report_id)}
    portable = {k: v for k, v in metadata.items() if k not in LOCAL_KEYS}
    files = table_files(tables, portable, raw_csv=options.raw_csv)
    files["datapackage.json"] = datapackage_bytes(
        report_id,
        f"Tiltak: {report_id}",
        {name: (SCHEMAS[name], files[f"{name}.csv"]) for name in tables},
        sources=[source_of(portable)],
        pipeline={"version": portable.get("pipeline_version", __version__), "profile": portable.get("profile")},
    )
    report = validation_json(report_id, metadata.get("source_file", ""), findings, overview, tiltak)
    files["validation.json"] = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["validation.md"] = validation_markdown(report, options.language).encode("utf-8")
    files["manifest.json"] = (json.dumps({"report_id": report_id, **metadata}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files
