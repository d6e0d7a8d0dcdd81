"""Stage 6 — export: the stages' results as files. It formats; it computes nothing.

Every output file of one report, as bytes keyed by file name: each table in Parquet
and CSV, the data package, the validation report and the manifest.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline import __version__
from pipeline.dataset.datapackage import datapackage_bytes
from pipeline.dataset.formats import table_files
from pipeline.dataset.rows import report_tables
from pipeline.dataset.schemas import SCHEMAS
from pipeline.model import Document
from pipeline.stages import Stages
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
    for key in ("pipeline_version", "profile"):
        if metadata.get(key):
            source[key] = metadata[key]
    return source


def output_metadata(doc: Document, profile: str, plan: str = "", report_year: int | None = None) -> dict[str, str]:
    """What every table and the manifest say of their source and how they were made."""
    return {
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


def export_files(stages: Stages, metadata: dict[str, str]) -> dict[str, bytes]:
    """Every output file of one report, as bytes keyed by file name."""
    report_id, tiltak, overview, findings = stages.report_id, stages.tiltak, stages.overview, stages.findings
    tables = report_tables(report_id, tiltak, overview, stages.segmentation, findings, stages.enrichment)
    # the Parquet files travel: they name the source by file name and hash, not by local path;
    # which engine read the PDF changes none of their bytes, so only the manifest says it
    portable = {k: v for k, v in metadata.items() if k not in ("source_path", "engine")}
    files = table_files(tables, portable)
    files["datapackage.json"] = datapackage_bytes(
        report_id,
        f"Tiltak: {report_id}",
        {name: (SCHEMAS[name], files[f"{name}.csv"]) for name in tables},
        sources=[source_of(portable)],
        pipeline={"version": portable.get("pipeline_version", __version__), "profile": portable.get("profile")},
    )
    report = validation_json(report_id, metadata.get("source_file", ""), findings, overview, tiltak)
    files["validation.json"] = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["validation.md"] = validation_markdown(report).encode("utf-8")
    files["manifest.json"] = (json.dumps({"report_id": report_id, **metadata}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files
