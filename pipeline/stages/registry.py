"""The stages of the pipeline, in order: the one place where that order is written.

Each stage is a pure function of the profile and the results of earlier stages,
declared as data (kedro's ``node(func, inputs, outputs)``): its name, what it
reads, what it writes and, where it keeps one, its file under
``<report>/stages/``. The runner walks :data:`STAGES`, the command line makes a
subcommand of each stage that has a command, and the stage table of docs/cli.md is
generated from it (:func:`stage_table_markdown`).

``extract → headings → overview → segment → fields → enrich → validate → export``
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pipeline.errors import NoTiltakFoundError
from pipeline.findings import Finding, merge_findings
from pipeline.model import Document
from pipeline.profiles.loader import Profile
from pipeline.stages.enrich import Enrichment, enrich
from pipeline.stages.extract import RawPdf, assemble
from pipeline.stages.fields import Tiltak, fields_of_blocks, tiltak_of_rows
from pipeline.stages.overview import Overview, focus_areas, parse_overview
from pipeline.stages.segment import Heading, Segmentation, find_headings, segment, split_run_in_headings
from pipeline.stages.validate import validate


@dataclass(frozen=True)
class Stage:
    """One step: ``run(profile, *[results[r] for r in reads])`` gives ``results[writes]``."""

    name: str  # the stage, its subcommand and (if kept) its file stages/<name>.json
    run: Callable[..., Any]
    reads: tuple[str, ...]
    writes: str
    result_type: Any = None  # the type of its stage file's data, to read it back
    keeps_file: bool = False  # whether its result is written to stages/<name>.json
    command: str = ""  # the subcommand's help; "" for a stage without a command of its own
    does: str = ""  # what it does, for the stage table of docs/cli.md
    outputs: tuple[str, ...] = ()  # report files a single-stage command writes besides its stage file

    @property
    def file(self) -> str | None:
        return self.kept_file if self.keeps_file else None

    @property
    def kept_file(self) -> str:
        """The stage file of a stage that keeps one (a stage that keeps none has no such file)."""
        if not self.keeps_file:
            raise ValueError(f"stage {self.name} keeps no file")
        return f"stages/{self.name}.json"


def extract_document(profile: Profile, pdf: RawPdf, assembled: Document | None = None) -> Document:
    """The extract stage: the pages read assembled into the document (``assembled``: one assembled from
    them already under the same page rules, all that assembling reads of a profile), with the headings
    run into their paragraphs split from their text by the profile's heading patterns."""
    return split_run_in_headings(assembled if assembled is not None else assemble(pdf, profile), profile)


def _segment(profile: Profile, document: Document, headings: list[Heading], overview: Overview) -> Segmentation:
    """The body's blocks, a measure numbered per focus area placed among the table's numbers too; the
    headings that caption parts of the table are its group rows, not the body's."""
    body = [h for h in headings if h.first_line not in overview.captions]
    seg = segment(document, profile, body, table=(r.nummer for r in overview.rows))
    if not seg.blocks and not profile.table_body:
        raise NoTiltakFoundError("no heading matched the profile's tiltak pattern in bold at the left margin")
    if profile.table_body and not seg.innsatsomrader:  # (a table of measures: its group rows head its focus areas)
        return replace(seg, innsatsomrader=focus_areas(overview))
    return seg


def _fields(profile: Profile, document: Document, segmentation: Segmentation, overview: Overview) -> tuple[Tiltak, ...]:
    """Each block's fields; or, where the measures are the table's rows, each row's cells."""
    if not profile.table_body:  # (a status the table alone gives is the measure's, where no block prints one)
        return tuple(fields_of_blocks(document, segmentation, overview, profile))
    if not overview.rows:
        raise NoTiltakFoundError("the profile reads the measures from a table's rows, and no row of its table was found")
    return tuple(tiltak_of_rows(overview, profile))


def _validate(
    profile: Profile, tiltak: tuple[Tiltak, ...], overview: Overview, segmentation: Segmentation, enrichment: Enrichment, document: Document
) -> tuple[Finding, ...]:
    """The body against the table, merged with what enrichment found (``unknown_department``)
    and what reading the PDF and choosing its profile found (``Document.findings``)."""
    listed = tuple((d.abbreviation, d.name) for d in enrichment.departementer)
    found = merge_findings(validate(tiltak, overview, segmentation, profile, listed), enrichment.findings)
    return merge_findings(found, document.findings) if document.findings else found


STAGES: tuple[Stage, ...] = (
    Stage(
        "extract",
        extract_document,
        ("pdf",),
        "document",
        Document,
        keeps_file=True,
        command="stage 1: words, lines, footnotes and links → DIR/<report_id>/stages/extract.json",
        does="words with font, size, weight and box; running footers removed, footnotes and superscript markers split off, link annotations kept, headings run into their paragraphs split from their text",
    ),
    Stage("headings", lambda profile, document: find_headings(document, profile), ("document",), "headings"),
    Stage(
        "overview",
        lambda profile, document, headings: parse_overview(document, profile, headings),
        ("document", "headings"),
        "overview",
        Overview,
        keeps_file=True,
        command="stage 2: the overview table → stages/overview.json",
        does="the «Oversikt over status for tiltak» table, one row per tiltak, and the counts in the sentence above it",
    ),
    Stage(
        "segment",
        _segment,
        ("document", "headings", "overview"),
        "segmentation",
        Segmentation,
        keeps_file=True,
        command="stage 3: innsatsområde and tiltak headings → stages/segment.json",
        does="«Innsatsområde N» and «Tiltak N.» headings, found by weight, size and position together with the profile's patterns",
    ),
    Stage(
        "fields",
        _fields,
        ("document", "segmentation", "overview"),
        "tiltak",
        list[Tiltak],
        keeps_file=True,
        command="stage 4: description, department, status, sluttrapport → stages/fields.json",
        does="each block split into description, ansvarlig departement, status and sluttrapport; parts (9 a, 10 b) kept; or each row of a table of measures read as its fields",
    ),
    Stage(
        "enrich",
        lambda profile, tiltak, document: enrich(tiltak, profile, document),
        ("tiltak", "document"),
        "enrichment",
        does="departments (lead and partners), plans continued in, references, links and footnotes placed in their fields",
    ),
    Stage(
        "validate",
        _validate,
        ("tiltak", "overview", "segmentation", "enrichment", "document"),
        "findings",
        command="stage 5: findings → validation.json and validation.md",
        does="the body checked against the table, the table against its summary sentence and itself",
        outputs=("validation.json", "validation.md"),
    ),
)

# Export computes nothing: it turns the results of the stages above into files
# (pipeline.dataset.export). It is a command of its own and the last row of the table.
EXPORT = Stage(
    "export",
    lambda profile, *results: None,
    ("document", "overview", "segmentation", "tiltak", "enrichment", "findings"),
    "files",
    command="stage 6: Parquet and CSV tables from the stage files",
    does="Parquet (explicit Arrow schemas) and CSV",
    outputs=("*",),
)

RESULTS = {s.writes: s for s in STAGES}  # which stage makes each result


@dataclass(frozen=True)
class Stages:
    """Every stage's result for one PDF, and what the report says of itself (plan, year)."""

    report_id: str
    document: Document
    overview: Overview
    segmentation: Segmentation
    tiltak: tuple[Tiltak, ...]
    findings: tuple[Finding, ...]
    enrichment: Enrichment
    profile: str = ""
    plan: str = ""
    report_year: int | None = None
    profile_source: str = ""  # the profile's file, so that a profile given by path is found again
    fit: str = ""  # how well the profile reads the report («fit 33/33 blocks, 33/33 statuses»)
    inferred_profile: str = ""  # the TOML of a profile inferred from this report (written as profile.toml)


def compute(profile: Profile, wanted: str, known: dict[str, Any], load: Callable[[Stage], Any] | None = None) -> Any:
    """The result ``wanted``, computing first what it needs, each once.

    ``known`` holds the results so far and receives the new ones; with ``load``,
    a result whose stage keeps a file is read back from it instead of recomputed.
    """
    if wanted not in known:
        stage = RESULTS[wanted]
        if load is not None and stage.keeps_file:
            known[wanted] = load(stage)
        else:
            known[wanted] = stage.run(profile, *(compute(profile, r, known, load) for r in stage.reads))
    return known[wanted]


def run_stages(profile: Profile, pdf: RawPdf, until: str | None = None, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every stage in order (or up to and including ``until``) on one read PDF.

    ``known`` (results so far, e.g. of an earlier call with ``until``) receives the new results.
    """
    results: dict[str, Any] = known if known is not None else {}
    results.setdefault("pdf", pdf)
    for stage in STAGES:
        compute(profile, stage.writes, results)
        if stage.name == until:
            break
    return results


def stage_named(name: str) -> Stage:
    for stage in (*STAGES, EXPORT):
        if stage.name == name:
            return stage
    raise KeyError(name)


def commands() -> list[Stage]:
    """The stages that have a subcommand of their own, in order."""
    return [s for s in (*STAGES, EXPORT) if s.command]


def stage_table_markdown() -> str:
    """The table of stage commands (docs/cli.md), generated from :data:`STAGES`."""

    def reads(stage: Stage) -> str:
        if stage.reads == ("pdf",):
            return "the PDF"
        files = []
        for r in stage.reads:
            maker = RESULTS.get(r)
            while maker is not None and not maker.keeps_file:  # a result without a file is recomputed from its inputs
                maker = RESULTS.get(maker.reads[0])
            if maker is not None and f"`{maker.name}.json`" not in files:
                files.append(f"`{maker.name}.json`")
        return "all of the above" if len(stage.reads) > 3 else ", ".join(files)

    def writes(stage: Stage) -> str:
        if stage.keeps_file:
            return f"`{stage.file}`"
        if stage.outputs == ("*",):
            return "the tables of [outputs.md](outputs.md)"
        return ", ".join(f"`{o}`" for o in stage.outputs)

    out = ["| Command | Stage | Reads | Writes |", "|---|---|---|---|"]
    for s in commands():
        arg = "PDF [--out DIR]" if s.reads == ("pdf",) else "REPORT_DIR"
        out.append(f"| `python -m pipeline {s.name} {arg}` | {s.does} | {reads(s)} | {writes(s)} |")
    return "\n".join(out) + "\n"
