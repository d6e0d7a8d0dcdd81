"""Running the stages: all of them on one PDF, or one of them from its inputs on disk.

:func:`process_pdf` is the whole per-PDF job as one function from a PDF to the
bytes of every output file; :func:`pipeline.run.executors.run_one` adds the
atomic write and turns a failure into a result. The order of the stages is
:data:`pipeline.stages.registry.STAGES`; nothing here repeats it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.choice.choose import choose, read_and_choose, told
from pipeline.choice.detect import FIRST_PAGES, all_profiles, complete
from pipeline.choice.infer import BASE, NAME
from pipeline.dataset.combine import combine_reports
from pipeline.dataset.export import ExportOptions, export_files, output_metadata
from pipeline.dataset.panel import panel_files, read_reports
from pipeline.errors import PipelineError, TooManyPagesError, UnexpectedError
from pipeline.model import from_jsonable, from_jsonable_strict
from pipeline.profiles.loader import Profile, load_profile, read_profile
from pipeline.run.cache import StageCache
from pipeline.run.ids import child_of, report_id_of
from pipeline.stages.editions import is_edition
from pipeline.stages.engines import check_engine
from pipeline.stages.extract import RawPdf, read_pdf, require_text
from pipeline.stages.guards import MAX_PAGES, close_pdf, hardened_pdfminer, open_pdf, sha256_of
from pipeline.stages.registry import EXPORT, STAGES, Stage, Stages, compute, stage_named
from pipeline.store import read_stage, stage_json, write_file_atomically, write_files_atomically

log = logging.getLogger(__name__)

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
    fit: str = ""  # how well the profile reads the report («fit 33/33 blocks, 33/33 statuses»)
    inferred: bool = False  # the profile was inferred from the report
    engine: str = ""  # the extraction engine that read the PDF


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
        s.file: stage_json(s.name, stages.profile, __version__, getattr(stages, s.writes))
        for s in STAGES
        if s.file is not None
    }


PROFILE_FILE = "profile.toml"  # the profile inferred from a report, in the report's folder


def exported_files(stages: Stages, options: ExportOptions = ExportOptions()) -> dict[str, bytes]:  # noqa: B008 (frozen)
    """The exported tables, validation report, data package and manifest of one report
    (and the profile inferred from it, when it was read with one)."""
    measures = "table rows" if stages.overview.keys else ""  # (a table of measures names its columns' keys)
    files = export_files(stages, output_metadata(stages.document, stages.profile, stages.plan, stages.report_year, measures), options)
    if stages.inferred_profile:
        files[PROFILE_FILE] = stages.inferred_profile.encode("utf-8")
    return files


def output_files(stages: Stages, options: ExportOptions = ExportOptions()) -> dict[str, bytes]:  # noqa: B008 (frozen)
    """Every file of one report's folder: the tables (written as ``options`` say) and the stage files."""
    return {**exported_files(stages, options), **stage_files(stages)}


def profile_key(profiles: list[Profile], inferring: bool = False) -> str:
    """Identifies the profiles in force: their names and file contents (and, when detecting,
    the base profile that inference starts from)."""
    digest = hashlib.sha256()
    for p in sorted(profiles, key=lambda p: p.name):
        digest.update(p.name.encode())
        source = Path(p.source)
        digest.update(source.read_bytes() if source.is_file() else p.source.encode())
    if inferring:
        digest.update(BASE.read_bytes())
    return digest.hexdigest()[:16]


def relocate(stages: Stages, pdf: Path, report_id: str | None = None) -> Stages:
    """The same results for a PDF of the same content at another path or name (and id)."""
    pdf = Path(pdf)
    doc = replace(stages.document, source=pdf.name, source_path=str(pdf.resolve()))
    return replace(stages, report_id=report_id or report_id_of(pdf), document=doc)


def compute_stages(
    pdf: Path,
    profile: Profile | None = None,
    *,
    password: str | None = None,
    engine: str = "pdfplumber",
    processes: int = 1,
    report_id: str | None = None,
    max_pages: int | None = None,
) -> Stages:
    """Every stage on one PDF; without a profile, the report family is detected by fit.

    What reading the PDF worked around (``links_unreadable``, ``damaged_stream``) joins
    the findings of validation, and so does what was inferred of the profile, or a poor fit.
    ``max_pages`` refuses longer PDFs (None: the default, 0: no limit).
    """
    raw = require_text(read_pdf(Path(pdf), max_pages, password=password, engine=engine, processes=processes))
    return stages_of(raw, report_id or report_id_of(pdf), profile)


def stages_of(raw: RawPdf, report_id: str, profile: Profile | None = None) -> Stages:
    """Every stage on a read PDF (what :func:`compute_stages` does after reading it)."""
    chosen, tried = choose(raw, profile)
    stages = conclude(report_id, complete(told(chosen, tried)), chosen.profile)
    return replace(
        stages,
        fit=chosen.fit.summary(),
        inferred_profile=chosen.inferred.toml if chosen.inferred is not None else "",
    )


def process_pdf(
    pdf: Path,
    profile: Profile | None = None,
    cache: StageCache | None = None,
    *,
    password: str | None = None,
    engine: str = "pdfplumber",
    processes: int = 1,
    report_id: str | None = None,
    export: ExportOptions = ExportOptions(),  # noqa: B008 (frozen)
    max_pages: int | None = None,
) -> tuple[Stages, dict[str, bytes]]:
    """The whole per-PDF job: a PDF in, every stage's result and every output file's bytes out.

    With a cache, the stages of a PDF already seen (same content, same code, same
    profiles, same extraction ``engine``: :mod:`pipeline.run.cache`) are loaded instead
    of recomputed, and only exported. A password (for an encrypted PDF) changes no
    result, so it is not part of the cache key, and it is written nowhere; but it must
    open the PDF for a hit to count, as it must for reading it. Nor does the number of
    ``processes`` its pages are read in. ``export`` says how the files are written; ``max_pages`` refuses longer PDFs
    (a cached PDF was within the limit it was read with: its pages are counted again).
    """
    pdf = Path(pdf)
    key, cached = lookup(pdf, profile, cache, password=password, engine=engine, report_id=report_id, max_pages=max_pages, export=export)
    if cached is not None:
        return cached
    stages = compute_stages(pdf, profile, password=password, engine=engine, processes=processes, report_id=report_id, max_pages=max_pages)
    return stages, finish(stages, cache, key, export)


def lookup(
    pdf: Path,
    profile: Profile | None,
    cache: StageCache | None,
    *,
    password: str | None = None,
    engine: str = "pdfplumber",
    report_id: str | None = None,
    max_pages: int | None = None,
    export: ExportOptions = ExportOptions(),  # noqa: B008 (frozen)
) -> tuple[str, tuple[Stages, dict[str, bytes]] | None]:
    """The first step of every executor's job: the cache key of a PDF and, on a hit, its stages and
    output files (counted in ``cache.hits``). An entry that does not export is a miss."""
    key, cached = cached_stages(pdf, profile, cache, password=password, engine=engine, report_id=report_id, max_pages=max_pages)
    files = exported_from_cache(cached, export)
    if cached is None or files is None or cache is None:
        if cached is not None:
            log.info("%s: the cache entry does not export: computed again", Path(pdf).name)
        return key, None
    cache.hits += 1
    log.info("%s: from the cache (%s)", Path(pdf).name, key[:12])
    return key, (cached, files)


def finish(stages: Stages, cache: StageCache | None, key: str, export: ExportOptions = ExportOptions()) -> dict[str, bytes]:  # noqa: B008 (frozen)
    """The step after computing, in every executor: the stages kept in the cache, and the output files."""
    remember(cache, key, stages)
    return output_files(stages, export)


def exported_from_cache(stages: Stages | None, options: ExportOptions = ExportOptions()) -> dict[str, bytes] | None:  # noqa: B008 (frozen)
    """The output files of cached stages; None when there are none, or export fails on them: an
    entry of the right shape whose parts disagree (tiltak without their enrichment, written by
    hand) is a miss too, not a failure of the PDF (its stages are computed, and export runs again)."""
    if stages is None:
        return None
    try:
        return output_files(stages, options)
    except Exception:
        return None


def cached_stages(
    pdf: Path,
    profile: Profile | None,
    cache: StageCache | None,
    *,
    password: str | None = None,
    engine: str = "pdfplumber",
    report_id: str | None = None,
    max_pages: int | None = None,
) -> tuple[str, Stages | None]:
    """The cache key of a PDF and, if the cache holds them, its stages (placed at ``pdf``, under ``report_id``).

    An encrypted PDF's cached stages are given only when ``password`` opens it (or it opens
    without one), else the error reading it would give (wrong password, a password needed);
    and a PDF's only when it is within ``max_pages``, else the error reading it would give.
    """
    if cache is None:
        return "", None
    key = StageCache.key(sha256_of(pdf), profile_key([profile] if profile else all_profiles(), inferring=profile is None), check_engine(engine))
    stages = cache.get(key, stages_from_json)
    if stages is None:
        return key, None
    check_opens(pdf, password)
    within_page_limit(stages.document.page_count, max_pages)
    return key, relocate(stages, pdf, report_id)


def stages_from_json(data: Any) -> Stages:
    """A cache entry's stages, every value checked against its type (:class:`ShapeError` otherwise)."""
    return from_jsonable_strict(Stages, data)


def within_page_limit(pages: int, max_pages: int | None) -> None:
    """Refuse a cached PDF of more pages than the limit, as reading it would (it was read under another)."""
    limit = MAX_PAGES if max_pages is None else max_pages
    if limit and pages > limit:
        raise TooManyPagesError(f"it has {pages} pages, more than the limit of {limit}")


def check_opens(pdf: Path, password: str | None) -> None:
    """Raise what reading ``pdf`` with ``password`` would raise on opening it (wrong password,
    a password needed): the reader's own opening, without reading any page (a millisecond).
    A Word or HTML edition has no password to open it with: its content, which the cache key
    holds, is all there is to check."""
    if is_edition(pdf):
        return
    with hardened_pdfminer():
        close_pdf(open_pdf(pdf, password))


def remember(cache: StageCache | None, key: str, stages: Stages) -> None:
    if cache is not None:
        cache.put(key, stages)


# --- single stages, reading and writing the files under <report>/stages/ ---------


def _reader(report_dir: Path):
    def load(stage: Stage) -> Any:
        return from_jsonable(stage.result_type, read_stage(report_dir, stage.name)["data"])

    return load


def stage_extract(pdf: Path, out: Path, profile: Profile | None = None, *, password: str | None = None, engine: str = "pdfplumber") -> Path:
    """The first stage on its own: the PDF read (by the extraction ``engine``) into ``DIR/<report_id>/stages/extract.json``
    (and, for a profile inferred from it, that profile into ``DIR/<report_id>/profile.toml``)."""
    raw, reading, tried = read_and_choose(pdf, profile, password=password, engine=engine)
    chosen, stage = reading.profile, STAGES[0]
    path = child_of(Path(out), report_id_of(pdf)) / stage.kept_file
    results = told(reading, tried).results
    if results is None:  # the reading chosen is one that read the report
        raise UnexpectedError(f"profile {chosen.name} did not read it")
    write_file_atomically(path, stage_json(stage.name, chosen.name, __version__, results[stage.writes]))
    if reading.inferred is not None:
        write_file_atomically(path.parent.parent / PROFILE_FILE, reading.inferred.toml.encode("utf-8"))
    return path


def stage_profile(report_dir: Path) -> str:
    """The profile the extract stage of this report used."""
    return read_stage(report_dir, STAGES[0].name)["profile"]


def inferred_profile_of(report_dir: Path) -> Profile:
    """The profile inferred from a report, from its ``profile.toml``."""
    return read_profile(Path(report_dir) / PROFILE_FILE)


def run_stage(name: str, report_dir: Path, profile: Profile, options: ExportOptions = ExportOptions()) -> Path:  # noqa: B008 (frozen)
    """One stage after the first on its own: its inputs read back from the stage files
    of ``report_dir`` (or recomputed from them where a stage keeps no file), its result
    written as its own stage file or as the report files it makes."""
    report_dir = Path(report_dir)
    stage = stage_named(name)
    known: dict[str, Any] = {}
    inputs = [compute(profile, r, known, _reader(report_dir)) for r in stage.reads]
    if stage.keeps_file:
        path = report_dir / stage.kept_file
        write_file_atomically(path, stage_json(stage.name, profile.name, __version__, stage.run(profile, *inputs)))
        return path
    if stage is not EXPORT:
        known[stage.writes] = stage.run(profile, *inputs)
    for s in STAGES:  # whatever the export needs besides
        compute(profile, s.writes, known, _reader(report_dir))
    files = exported_files(conclude(report_dir.name, known, profile), options)
    names = files if stage.outputs == ("*",) else stage.outputs
    for file_name in names:
        write_file_atomically(report_dir / file_name, files[file_name])
    return report_dir if stage.outputs == ("*",) else report_dir / stage.outputs[0]


def processed_reports(out: Path) -> list[str]:
    """Report folders under ``out`` that hold a complete set of tables."""
    if not Path(out).is_dir():
        return []
    return sorted(p.name for p in Path(out).iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "manifest.json").is_file())


def write_collection(out: Path, options: ExportOptions = ExportOptions(), written: Collection[str] = ()) -> list[str]:  # noqa: B008 (frozen)
    """The union of every processed report under ``out``, and the panel across them.

    ``out/tiltak.parquet`` etc. hold every report's rows (so one ``read_parquet``
    loads them all), ``out/panel.parquet`` one row per plan, tiltak and report, and
    ``out/status_changes.parquet`` what changed between consecutive reports of a plan.
    ``written``: the reports whose folders this run wrote with ``options`` (their CSVs' rows are
    the combined CSVs' rows for them: :func:`pipeline.dataset.combine.csv_rows_of`).
    """
    ids = processed_reports(out)
    if not ids:
        return []
    files = combine_reports(Path(out), ids, raw_csv=options.raw_csv, written=written)
    files.update(panel_files(read_reports(Path(out)), raw_csv=options.raw_csv))
    write_files_atomically(Path(out), files)
    return ids


def load_profile_of(report_dir: Path, profile: Profile | None) -> Profile:
    """The profile given, or the one the report's extract stage used (one inferred from the
    report is read from its ``profile.toml``)."""
    if profile is not None:
        return profile
    name = stage_profile(report_dir)
    if name == NAME and (Path(report_dir) / PROFILE_FILE).is_file():
        return inferred_profile_of(report_dir)
    return load_profile(name)
