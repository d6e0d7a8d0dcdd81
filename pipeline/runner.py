"""Running the stages: all of them on one PDF, or one of them from its inputs on disk.

:func:`process_pdf` is the whole per-PDF job as one function from a PDF to the
bytes of every output file; :func:`run_one` adds the atomic write and turns a
failure into a :class:`Result` so the other PDFs of a run go on.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import NoTiltakFoundError, PipelineError
from .export import export_files
from .extract import extract
from .fields import Tiltak, split_fields
from .model import Document, from_jsonable, to_jsonable
from .overview import Overview, parse_overview
from .profile import Profile
from .segment import Segmentation, segment
from .store import STAGES_DIR, read_stage, stage_json, write_dir_atomically, write_file_atomically
from .validate import Finding, summarise, validate


@dataclass(frozen=True)
class Stages:
    """Every stage's result for one PDF."""

    report_id: str
    document: Document
    overview: Overview
    segmentation: Segmentation
    tiltak: tuple[Tiltak, ...]
    findings: tuple[Finding, ...]


@dataclass
class Result:
    pdf: Path
    report_id: str
    ok: bool
    error: PipelineError | None = None
    findings: dict[str, int] = field(default_factory=dict)
    out_dir: Path | None = None
    tiltak: int = 0


def report_id_of(pdf: Path) -> str:
    return Path(pdf).stem


def analyse(doc: Document, profile: Profile, report_id: str) -> Stages:
    """Stages 2–5 on an extracted document (pure)."""
    overview = parse_overview(doc, profile)
    seg = segment(doc, profile)
    if not seg.blocks:
        raise NoTiltakFoundError("no heading matched the profile's tiltak pattern in bold at the left margin")
    tiltak = tuple(split_fields(doc, seg, profile))
    findings = tuple(validate(tiltak, overview, seg, profile))
    return Stages(report_id, doc, overview, seg, tiltak, findings)


def output_metadata(doc: Document, profile: Profile) -> dict[str, str]:
    return {
        "source_file": doc.source,
        "source_sha256": doc.sha256,
        "source_pages": str(doc.page_count),
        "pipeline_version": __version__,
        "profile": profile.name,
        "source_path": doc.source_path,
    }


def stage_files(stages: Stages, profile: Profile) -> dict[str, bytes]:
    def sj(name: str, data: Any) -> bytes:
        return stage_json(name, profile.name, __version__, to_jsonable(data))

    return {
        f"{STAGES_DIR}/extract.json": sj("extract", stages.document),
        f"{STAGES_DIR}/overview.json": sj("overview", stages.overview),
        f"{STAGES_DIR}/segment.json": sj("segment", stages.segmentation),
        f"{STAGES_DIR}/fields.json": sj("fields", list(stages.tiltak)),
    }


def output_files(stages: Stages, profile: Profile) -> dict[str, bytes]:
    files = export_files(
        stages.report_id,
        stages.tiltak,
        stages.overview,
        stages.segmentation,
        stages.findings,
        output_metadata(stages.document, profile),
    )
    files.update(stage_files(stages, profile))
    return files


def process_pdf(pdf: Path, profile: Profile) -> tuple[Stages, dict[str, bytes]]:
    """The whole per-PDF job: a PDF in, every output file's bytes out."""
    doc = extract(Path(pdf), profile)
    stages = analyse(doc, profile, report_id_of(pdf))
    return stages, output_files(stages, profile)


def run_one(pdf: Path, out: Path, profile: Profile, debug: bool = False) -> Result:
    """Process one PDF and write its folder atomically; failures become a Result."""
    pdf = Path(pdf)
    rid = report_id_of(pdf)
    try:
        if not pdf.is_file():
            raise PipelineError("no such file")
        stages, files = process_pdf(pdf, profile)
        target = Path(out) / rid
        write_dir_atomically(target, files)
    except PipelineError as exc:
        return Result(pdf, rid, ok=False, error=exc)
    except Exception as exc:  # a bug or an input pdfminer cannot cope with
        if debug:
            traceback.print_exc()
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        return Result(pdf, rid, ok=False, error=PipelineError(f"unexpected failure ({detail})"))
    return Result(pdf, rid, ok=True, findings=summarise(stages.findings), out_dir=target, tiltak=len(stages.tiltak))


# --- single stages, reading and writing the files under <report>/stages/ ---------


def _load(report_dir: Path, stage: str, cls: Any) -> Any:
    return from_jsonable(cls, read_stage(report_dir, stage)["data"])


def _save(report_dir: Path, stage: str, profile: Profile, data: Any) -> Path:
    path = report_dir / STAGES_DIR / f"{stage}.json"
    write_file_atomically(path, stage_json(stage, profile.name, __version__, to_jsonable(data)))
    return path


def stage_extract(pdf: Path, out: Path, profile: Profile) -> Path:
    doc = extract(Path(pdf), profile)
    return _save(Path(out) / report_id_of(pdf), "extract", profile, doc)


def stage_overview(report_dir: Path, profile: Profile) -> Path:
    doc = _load(report_dir, "extract", Document)
    return _save(report_dir, "overview", profile, parse_overview(doc, profile))


def stage_segment(report_dir: Path, profile: Profile) -> Path:
    doc = _load(report_dir, "extract", Document)
    seg = segment(doc, profile)
    if not seg.blocks:
        raise NoTiltakFoundError("no heading matched the profile's tiltak pattern in bold at the left margin")
    return _save(report_dir, "segment", profile, seg)


def stage_fields(report_dir: Path, profile: Profile) -> Path:
    doc = _load(report_dir, "extract", Document)
    seg = _load(report_dir, "segment", Segmentation)
    return _save(report_dir, "fields", profile, split_fields(doc, seg, profile))


def _stages_from_disk(report_dir: Path, profile: Profile) -> Stages:
    doc = _load(report_dir, "extract", Document)
    overview = _load(report_dir, "overview", Overview)
    seg = _load(report_dir, "segment", Segmentation)
    tiltak = tuple(_load(report_dir, "fields", list[Tiltak]))
    findings = tuple(validate(tiltak, overview, seg, profile))
    return Stages(report_dir.name, doc, overview, seg, tiltak, findings)


def stage_validate(report_dir: Path, profile: Profile) -> Path:
    stages = _stages_from_disk(report_dir, profile)
    files = export_files(
        stages.report_id, stages.tiltak, stages.overview, stages.segmentation, stages.findings, output_metadata(stages.document, profile)
    )
    for name in ("validation.json", "validation.md"):
        write_file_atomically(report_dir / name, files[name])
    return report_dir / "validation.json"


def stage_export(report_dir: Path, profile: Profile) -> Path:
    stages = _stages_from_disk(report_dir, profile)
    files = export_files(
        stages.report_id, stages.tiltak, stages.overview, stages.segmentation, stages.findings, output_metadata(stages.document, profile)
    )
    for name, data in files.items():
        write_file_atomically(report_dir / name, data)
    return report_dir


def content_hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(files[name])
    return digest.hexdigest()
