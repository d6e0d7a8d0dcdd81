"""Running the stages: all of them on one PDF, or one of them from its inputs on disk.

:func:`process_pdf` is the whole per-PDF job as one function from a PDF to the
bytes of every output file; :func:`run_one` adds the atomic write and turns a
failure into a :class:`Result` so the other PDFs of a run go on.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pdfplumber.utils.exceptions import PdfminerException

from pipeline import __version__
from pipeline.dataset.combine import combine_reports
from pipeline.dataset.export import export_files
from pipeline.dataset.panel import panel_files, read_reports
from pipeline.errors import DamagedPDFError, MemoryLimitError, NoTiltakFoundError, PipelineError, unexpected
from pipeline.findings import Finding, merge_findings, summarise
from pipeline.model import Document, from_jsonable, to_jsonable
from pipeline.profiles.detect import FIRST_PAGES, all_profiles, detect_profile
from pipeline.profiles.loader import Profile, load_profile
from pipeline.run.cache import StageCache
from pipeline.run.store import STAGES_DIR, read_stage, stage_json, write_dir_atomically, write_file_atomically
from pipeline.stages.enrich import enrichment_findings
from pipeline.stages.extract import assemble, read_pdf, require_text
from pipeline.stages.fields import Tiltak, split_fields
from pipeline.stages.guards import pdf_failure, sha256_of
from pipeline.stages.overview import Overview, parse_overview
from pipeline.stages.segment import Segmentation, find_headings, segment
from pipeline.stages.validate import validate


@dataclass(frozen=True)
class Stages:
    """Every stage's result for one PDF."""

    report_id: str
    document: Document
    overview: Overview
    segmentation: Segmentation
    tiltak: tuple[Tiltak, ...]
    findings: tuple[Finding, ...]
    profile: str = ""
    plan: str = ""
    report_year: int | None = None
    profile_source: str = ""  # the profile's file, so that a profile given by path is found again


@dataclass
class Result:
    pdf: Path
    report_id: str
    ok: bool
    error: PipelineError | None = None
    findings: dict[str, int] = field(default_factory=dict)
    out_dir: Path | None = None
    tiltak: int = 0
    profile: str = ""
    cached: bool = False
    peak_rss_mb: float | None = None  # the worker process's peak resident memory


def report_id_of(pdf: Path) -> str:
    return Path(pdf).stem


def analyse(doc: Document, profile: Profile, report_id: str) -> Stages:
    """Stages 2–5 on an extracted document (pure)."""
    headings = find_headings(doc, profile)  # once, for the table's end and for the blocks
    overview = parse_overview(doc, profile, headings)
    seg = segment(doc, profile, headings)
    if not seg.blocks:
        raise NoTiltakFoundError("no heading matched the profile's tiltak pattern in bold at the left margin")
    tiltak = tuple(split_fields(doc, seg, profile))
    return conclude(report_id, doc, overview, seg, tiltak, profile)


def conclude(report_id: str, doc: Document, overview: Overview, seg: Segmentation, tiltak: tuple[Tiltak, ...], profile: Profile) -> Stages:
    """Validation and the report's plan and year, on top of the first four stages."""
    findings = merge_findings(validate(tiltak, overview, seg, profile), enrichment_findings(doc, tiltak, profile))
    year = profile.report_year("\n".join(ln.text for ln in doc.lines if ln.page <= FIRST_PAGES))
    return Stages(report_id, doc, overview, seg, tiltak, findings, profile.name, profile.plan, year, profile.source)


def output_metadata(doc: Document, profile: Profile | str, plan: str = "", report_year: int | None = None) -> dict[str, str]:
    return {
        "plan": plan,
        "report_year": "" if report_year is None else str(report_year),
        "source_file": doc.source,
        "source_sha256": doc.sha256,
        "source_pages": str(doc.page_count),
        "pipeline_version": __version__,
        "profile": profile if isinstance(profile, str) else profile.name,
        "source_path": doc.source_path,
    }


def stage_files(stages: Stages) -> dict[str, bytes]:
    def sj(name: str, data: Any) -> bytes:
        return stage_json(name, stages.profile, __version__, to_jsonable(data))

    return {
        f"{STAGES_DIR}/extract.json": sj("extract", stages.document),
        f"{STAGES_DIR}/overview.json": sj("overview", stages.overview),
        f"{STAGES_DIR}/segment.json": sj("segment", stages.segmentation),
        f"{STAGES_DIR}/fields.json": sj("fields", list(stages.tiltak)),
    }


def exported_files(stages: Stages) -> dict[str, bytes]:
    """The exported tables, validation report, data package and manifest of one report."""
    return export_files(
        stages.report_id,
        stages.tiltak,
        stages.overview,
        stages.segmentation,
        stages.findings,
        output_metadata(stages.document, stages.profile, stages.plan, stages.report_year),
        document=stages.document,
        profile=load_profile(stages.profile_source or stages.profile),
    )


def output_files(stages: Stages) -> dict[str, bytes]:
    """Every file of one report's folder: the tables and the stage files."""
    return {**exported_files(stages), **stage_files(stages)}


def profile_key(profiles: Sequence[Profile]) -> str:
    """Identifies the profiles in force: their names and file contents."""
    digest = hashlib.sha256()
    for p in sorted(profiles, key=lambda p: p.name):
        digest.update(p.name.encode())
        source = Path(p.source)
        digest.update(source.read_bytes() if source.is_file() else p.source.encode())
    return digest.hexdigest()[:16]


def relocate(stages: Stages, pdf: Path) -> Stages:
    """The same results for a PDF of the same content at another path or name."""
    pdf = Path(pdf)
    doc = replace(stages.document, source=pdf.name, source_path=str(pdf.resolve()))
    return replace(stages, report_id=report_id_of(pdf), document=doc)


def compute_stages(pdf: Path, profile: Profile | None = None) -> Stages:
    """Every stage on one PDF; without a profile, the report family is detected."""
    raw = require_text(read_pdf(Path(pdf)))
    chosen = profile or detect_profile(raw, all_profiles())
    return analyse(assemble(raw, chosen), chosen, report_id_of(pdf))


def process_pdf(pdf: Path, profile: Profile | None = None, cache: StageCache | None = None) -> tuple[Stages, dict[str, bytes]]:
    """The whole per-PDF job: a PDF in, every stage's result and every output file's bytes out.

    With a cache, the stages of a PDF already seen (same content, same pipeline
    version, same profiles) are loaded instead of recomputed, and only exported.
    """
    pdf = Path(pdf)
    if cache is None:
        stages = compute_stages(pdf, profile)
        return stages, output_files(stages)
    key = cache.key(sha256_of(pdf), __version__, profile_key([profile] if profile else all_profiles()))
    stages = cache.get(key)
    if stages is None:
        stages = compute_stages(pdf, profile)
        cache.put(key, stages)
    else:
        stages = relocate(stages, pdf)
    # the stage files name the PDF's path: keep their bytes per content *and* place
    place = hashlib.sha256(stages.document.source_path.encode()).hexdigest()[:12]
    stage_bytes = cache.get(f"{key}-stagefiles-{place}")
    if stage_bytes is None:
        stage_bytes = stage_files(stages)
        cache.put(f"{key}-stagefiles-{place}", stage_bytes)
    return stages, {**exported_files(stages), **stage_bytes}


def failure_of(exc: BaseException, pdf: Path) -> PipelineError:
    """Why processing ``pdf`` failed, as one of the documented error classes."""
    if isinstance(exc, PipelineError):
        return exc
    if isinstance(exc, MemoryError):
        return MemoryLimitError("the worker ran out of memory")
    if isinstance(exc, RecursionError):
        return DamagedPDFError("its objects are nested too deeply (or refer to themselves)")
    if isinstance(exc, PdfminerException):  # pdfplumber/pdfminer failing outside read_pdf's own mapping
        return pdf_failure(exc, pdf)
    return unexpected(exc)


def run_one(pdf: Path, out: Path, profile: Profile | None = None, debug: bool = False, cache: StageCache | None = None) -> Result:
    """Process one PDF and write its folder atomically; failures become a Result."""
    pdf = Path(pdf)
    rid = report_id_of(pdf)
    cached = False
    try:
        if not pdf.is_file():
            raise PipelineError("no such file")
        hits = cache.hits if cache is not None else 0
        stages, files = process_pdf(pdf, profile, cache)
        cached = cache is not None and cache.hits > hits
        target = Path(out) / rid
        write_dir_atomically(target, files)
    except Exception as exc:
        error = failure_of(exc, pdf)
        if debug and type(error) is PipelineError:  # a bug or an input pdfminer cannot cope with
            traceback.print_exc()
        return Result(pdf, rid, ok=False, error=error)
    return Result(
        pdf, rid, ok=True, findings=summarise(stages.findings), out_dir=target, tiltak=len(stages.tiltak), profile=stages.profile, cached=cached
    )


# --- single stages, reading and writing the files under <report>/stages/ ---------


def _load(report_dir: Path, stage: str, cls: Any) -> Any:
    return from_jsonable(cls, read_stage(report_dir, stage)["data"])


def _save(report_dir: Path, stage: str, profile: Profile, data: Any) -> Path:
    path = report_dir / STAGES_DIR / f"{stage}.json"
    write_file_atomically(path, stage_json(stage, profile.name, __version__, to_jsonable(data)))
    return path


def stage_extract(pdf: Path, out: Path, profile: Profile | None = None) -> Path:
    raw = require_text(read_pdf(Path(pdf)))
    chosen = profile or detect_profile(raw, all_profiles())
    return _save(Path(out) / report_id_of(pdf), "extract", chosen, assemble(raw, chosen))


def stage_profile(report_dir: Path) -> str:
    """The profile the extract stage of this report used."""
    return read_stage(report_dir, "extract")["profile"]


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
    return conclude(report_dir.name, doc, overview, seg, tiltak, profile)


def stage_validate(report_dir: Path, profile: Profile) -> Path:
    files = exported_files(_stages_from_disk(report_dir, profile))
    for name in ("validation.json", "validation.md"):
        write_file_atomically(report_dir / name, files[name])
    return report_dir / "validation.json"


def stage_export(report_dir: Path, profile: Profile) -> Path:
    for name, data in exported_files(_stages_from_disk(report_dir, profile)).items():
        write_file_atomically(report_dir / name, data)
    return report_dir


def processed_reports(out: Path) -> list[str]:
    """Report folders under ``out`` that hold a complete set of tables."""
    if not Path(out).is_dir():
        return []
    return sorted(p.name for p in Path(out).iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "manifest.json").is_file())


def write_collection(out: Path) -> list[str]:
    """The union of every processed report under ``out``, and the panel across them.

    ``out/tiltak.parquet`` etc. hold every report's rows (so one ``read_parquet``
    loads them all), ``out/panel.parquet`` one row per plan, tiltak and report, and
    ``out/status_changes.parquet`` what changed between consecutive reports of a plan.
    """
    ids = processed_reports(out)
    if not ids:
        return []
    files = combine_reports(Path(out), ids)
    files.update(panel_files(read_reports(Path(out))))
    for name, data in files.items():
        write_file_atomically(Path(out) / name, data)
    return ids
