"""Running the stages: all of them on one PDF, or one of them from its inputs on disk.

:func:`process_pdf` is the whole per-PDF job as one function from a PDF to the
bytes of every output file; :func:`pipeline.run.executors.run_one` adds the
atomic write and turns a failure into a result. The order of the stages is
:data:`pipeline.stages.STAGES`; nothing here repeats it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.dataset.combine import combine_reports
from pipeline.dataset.export import export_files, output_metadata
from pipeline.dataset.panel import panel_files, read_reports
from pipeline.errors import PipelineError
from pipeline.findings import merge_findings
from pipeline.model import from_jsonable, to_jsonable
from pipeline.profiles.detect import FIRST_PAGES, all_profiles, detect_profile
from pipeline.profiles.loader import Profile, load_profile
from pipeline.run.cache import StageCache
from pipeline.run.store import read_stage, stage_json, write_file_atomically
from pipeline.stages import EXPORT, STAGES, Stage, Stages, compute, run_stages, stage_named
from pipeline.stages.extract import RawPdf, read_pdf, require_text
from pipeline.stages.guards import sha256_of

__all__ = ["Result", "Stages", "process_pdf", "report_id_of", "run_stage", "stage_extract", "write_collection"]


@dataclass
class Result:
    """What an executor reports of one PDF: processed (with its counts) or why not."""

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


def conclude(report_id: str, results: dict[str, Any], profile: Profile) -> Stages:
    """The stages' results, with the report's plan and year read through the profile."""
    doc = results["document"]
    year = profile.report_year("\n".join(ln.text for ln in doc.lines if ln.page <= FIRST_PAGES))
    return Stages(
        report_id,
        doc,
        results["overview"],
        results["segmentation"],
        tuple(results["tiltak"]),
        results["findings"],
        results["enrichment"],
        profile.name,
        profile.plan,
        year,
        profile.source,
    )


def stage_files(stages: Stages) -> dict[str, bytes]:
    """The files of the stages that keep one, under ``stages/``."""
    return {
        s.file: stage_json(s.name, stages.profile, __version__, to_jsonable(getattr(stages, s.writes)))
        for s in STAGES
        if s.file is not None
    }


def exported_files(stages: Stages) -> dict[str, bytes]:
    """The exported tables, validation report, data package and manifest of one report."""
    return export_files(stages, output_metadata(stages.document, stages.profile, stages.plan, stages.report_year))


def output_files(stages: Stages) -> dict[str, bytes]:
    """Every file of one report's folder: the tables and the stage files."""
    return {**exported_files(stages), **stage_files(stages)}


def profile_key(profiles: list[Profile]) -> str:
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


def read_and_detect(pdf: Path, profile: Profile | None = None, *, password: str | None = None) -> tuple[RawPdf, Profile]:
    """The PDF read once (opened with ``password`` if it is encrypted), and the profile to read it with (detected unless given)."""
    raw = require_text(read_pdf(Path(pdf), password=password))
    return raw, profile or detect_profile(raw, all_profiles())


def compute_stages(pdf: Path, profile: Profile | None = None, *, password: str | None = None) -> Stages:
    """Every stage on one PDF; without a profile, the report family is detected.

    What reading the PDF worked around (``links_unreadable``, ``damaged_stream``)
    joins the findings of validation.
    """
    raw, chosen = read_and_detect(pdf, profile, password=password)
    stages = conclude(report_id_of(pdf), run_stages(chosen, raw), chosen)
    return replace(stages, findings=merge_findings(stages.findings, raw.findings)) if raw.findings else stages


def process_pdf(
    pdf: Path, profile: Profile | None = None, cache: StageCache | None = None, *, password: str | None = None
) -> tuple[Stages, dict[str, bytes]]:
    """The whole per-PDF job: a PDF in, every stage's result and every output file's bytes out.

    With a cache, the stages of a PDF already seen (same content, same pipeline
    version, same profiles) are loaded instead of recomputed, and only exported.
    A password (for an encrypted PDF) changes no result, so it is not part of the
    cache key, and it is written nowhere.
    """
    pdf = Path(pdf)
    key, stages = cached_stages(pdf, profile, cache)
    if stages is None:
        stages = compute_stages(pdf, profile, password=password)
        remember(cache, key, stages)
    return stages, files_of(stages, cache, key)


def cached_stages(pdf: Path, profile: Profile | None, cache: StageCache | None) -> tuple[str, Stages | None]:
    """The cache key of a PDF and, if the cache holds them, its stages (placed at ``pdf``)."""
    if cache is None:
        return "", None
    key = StageCache.key(sha256_of(pdf), __version__, profile_key([profile] if profile else all_profiles()))
    stages = cache.get(key)
    return key, relocate(stages, pdf) if stages is not None else None


def remember(cache: StageCache | None, key: str, stages: Stages) -> None:
    if cache is not None:
        cache.put(key, stages)


def files_of(stages: Stages, cache: StageCache | None = None, key: str = "") -> dict[str, bytes]:
    """Every output file of a report; with a cache, the stage files' bytes are kept there too."""
    if cache is None:
        return output_files(stages)
    # the stage files name the PDF's path: keep their bytes per content *and* place
    place = hashlib.sha256(stages.document.source_path.encode()).hexdigest()[:12]
    stage_bytes = cache.get(f"{key}-stagefiles-{place}")
    if stage_bytes is None:
        stage_bytes = stage_files(stages)
        cache.put(f"{key}-stagefiles-{place}", stage_bytes)
    return {**exported_files(stages), **stage_bytes}


# --- single stages, reading and writing the files under <report>/stages/ ---------


def _reader(report_dir: Path):
    def load(stage: Stage) -> Any:
        return from_jsonable(stage.result_type, read_stage(report_dir, stage.name)["data"])

    return load


def stage_extract(pdf: Path, out: Path, profile: Profile | None = None, *, password: str | None = None) -> Path:
    """The first stage on its own: the PDF read into ``DIR/<report_id>/stages/extract.json``."""
    raw, chosen = read_and_detect(pdf, profile, password=password)
    stage = STAGES[0]
    path = Path(out) / report_id_of(pdf) / stage.file
    write_file_atomically(path, stage_json(stage.name, chosen.name, __version__, to_jsonable(run_stages(chosen, raw, until=stage.name)[stage.writes])))
    return path


def stage_profile(report_dir: Path) -> str:
    """The profile the extract stage of this report used."""
    return read_stage(report_dir, STAGES[0].name)["profile"]


def run_stage(name: str, report_dir: Path, profile: Profile) -> Path:
    """One stage after the first on its own: its inputs read back from the stage files
    of ``report_dir`` (or recomputed from them where a stage keeps no file), its result
    written as its own stage file or as the report files it makes."""
    report_dir = Path(report_dir)
    stage = stage_named(name)
    known: dict[str, Any] = {}
    inputs = [compute(profile, r, known, _reader(report_dir)) for r in stage.reads]
    if stage.keeps_file:
        path = report_dir / stage.file
        write_file_atomically(path, stage_json(stage.name, profile.name, __version__, to_jsonable(stage.run(profile, *inputs))))
        return path
    if stage is not EXPORT:
        known[stage.writes] = stage.run(profile, *inputs)
    for s in STAGES:  # whatever the export needs besides
        compute(profile, s.writes, known, _reader(report_dir))
    files = exported_files(conclude(report_dir.name, known, profile))
    names = files if stage.outputs == ("*",) else stage.outputs
    for file_name in names:
        write_file_atomically(report_dir / file_name, files[file_name])
    return report_dir if stage.outputs == ("*",) else report_dir / stage.outputs[0]


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


def load_profile_of(report_dir: Path, profile: Profile | None) -> Profile:
    """The profile given, or the one the report's extract stage used."""
    return profile or load_profile(stage_profile(report_dir))


def __getattr__(name: str) -> object:
    """``run_one`` and ``failure_of`` lived here before the executors had a module of their own."""
    if name in ("run_one", "failure_of"):
        from pipeline.run import executors

        return getattr(executors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
