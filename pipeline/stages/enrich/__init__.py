"""What a researcher needs beyond the printed fields: who, what next, what it refers to.

For every row of ``tiltak`` and ``tiltak_deler``: the lead department and its
partners, the plans the measure continues in, the links inside its fields and
the measures it refers to. For the report: its list of responsible departments,
its footnotes and every link, each placed in the field it stands in. Pure over
the stage results; the profile holds every phrase it looks for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.findings import Finding, numbers_as_printed
from pipeline.model import Document
from pipeline.profiles.loader import Profile
from pipeline.stages.enrich.departementer import (
    Departement,
    DepartmentListReading,
    Responsibility,
    department_findings,
    measure_responsibility,
    read_department_list,
    responsibility,
)
from pipeline.stages.enrich.plans import Plan, continued_in, measure_continued_in
from pipeline.stages.enrich.provenance import (
    FieldLink,
    FootnotePlace,
    Hyperlink,
    LinkPlace,
    field_links,
    hyperlinks,
    part_places,
    place_footnotes,
    place_links,
    tiltak_places,
    unsafe_link_findings,
)
from pipeline.stages.enrich.references import ExternalReference, References, references
from pipeline.stages.fields import Part, Tiltak

TEXT_FIELDS = ("description", "ansvarlig_departement", "status", "sluttrapport")


@dataclass(frozen=True)
class Details:
    """The derived values of one row of ``tiltak`` or ``tiltak_deler``."""

    lead_departement: str | None = None
    samarbeid: tuple[str, ...] = ()
    continued_in: tuple[Plan, ...] = ()
    links: tuple[FieldLink, ...] = ()
    references: tuple[int, ...] = ()
    external_references: tuple[ExternalReference, ...] = ()


@dataclass(frozen=True)
class Enrichment:
    """Everything derived for one report; ``tiltak``/``deler`` are aligned with the measures and their parts."""

    tiltak: tuple[Details, ...] = ()
    deler: tuple[tuple[Details, ...], ...] = ()
    departementer: tuple[Departement, ...] = ()
    fotnoter: tuple[FootnotePlace, ...] = ()
    lenker: tuple[LinkPlace, ...] = ()
    findings: tuple[Finding, ...] = ()


def _details(who: Responsibility, plans: tuple[Plan, ...], links: tuple[FieldLink, ...], refs: References) -> Details:
    return Details(who.lead, who.samarbeid, plans, links, refs.internal, refs.external)


def _texts(holder: Tiltak | Part) -> list[str | None]:
    return [f.text if (f := getattr(holder, name)) is not None else None for name in TEXT_FIELDS]


def on_pages_of(t: Tiltak, links: Sequence[Hyperlink]) -> list[Hyperlink]:
    """The links on the pages a measure spans: the only ones that can fall in its fields."""
    return [hl for hl in links if any(t.page_start <= lk.page <= t.page_end for lk in hl.pieces)]


def measure_details(t: Tiltak, profile: Profile, links: Sequence[Hyperlink] = (), places: Mapping[str, int] | None = None) -> Details:
    """The derived values of a measure's ``tiltak`` row (``places``: the numbers of several levels, with their tiltak_nr)."""
    links = on_pages_of(t, links)
    return _details(
        measure_responsibility(t, profile),
        measure_continued_in(t, profile),
        field_links(tiltak_places(t), links),
        references(_texts(t), t.tiltak_nr, profile, places),
    )


def part_details(t: Tiltak, p: Part, profile: Profile, links: Sequence[Hyperlink] = (), places: Mapping[str, int] | None = None) -> Details:
    """The derived values of one part's ``tiltak_deler`` row."""
    if p.part is None:
        return measure_details(t, profile, links, places)
    links = on_pages_of(t, links)
    return _details(
        responsibility(p.ansvarlig_departement.text if p.ansvarlig_departement else None, profile),
        continued_in(p.status.text if p.status else None, profile),
        field_links(part_places(t, p), links),
        references(_texts(p), t.tiltak_nr, profile, places),
    )


def no_enrichment(tiltak: Sequence[Tiltak]) -> Enrichment:
    """Empty values for every row (no profile to read them with)."""
    return Enrichment(tuple(Details() for _ in tiltak), tuple(tuple(Details() for _ in t.parts) for t in tiltak))


def enrich(tiltak: Sequence[Tiltak], profile: Profile, document: Document | None = None) -> Enrichment:
    """Every derived value of one report.

    Without the document (its lines, links and footnotes), the rows still get
    departments, plans and references; the department list, footnotes and links
    stay empty.
    """
    links = hyperlinks(document.links, document.hyphens, document.lines) if document is not None else []
    listed = read_department_list(document, profile) if document is not None else DepartmentListReading()
    front = {"departementer": [b for d in listed.departementer for b in d.boxes]}
    lenker = tuple(place_links(document, tiltak, links)) if document is not None else ()
    places = {t.nummer: t.tiltak_nr for t in tiltak if t.nummer}
    return Enrichment(
        tiltak=tuple(measure_details(t, profile, links, places) for t in tiltak),
        deler=tuple(tuple(part_details(t, p, profile, links, places) for p in t.parts) for t in tiltak),
        departementer=listed.departementer,
        fotnoter=tuple(place_footnotes(document, tiltak, front)) if document is not None else (),
        lenker=lenker,
        findings=_findings(tiltak, listed, profile, lenker),
    )


def _findings(tiltak: Sequence[Tiltak], listed: DepartmentListReading, profile: Profile, lenker: Sequence[LinkPlace]) -> tuple[Finding, ...]:
    """The departments' and the links' findings, naming measures as the report prints them."""
    with numbers_as_printed((t.tiltak_nr, t.printed_nr) for t in tiltak):
        return (*department_findings(tiltak, listed, profile), *unsafe_link_findings(lenker))


def enrichment_findings(document: Document, tiltak: Sequence[Tiltak], profile: Profile) -> list[Finding]:
    """The findings of enrichment alone (``unknown_department``, ``department_list_incomplete``,
    ``unsafe_link_scheme``), for merging with validate's."""
    return [
        *department_findings(tiltak, read_department_list(document, profile), profile),
        *unsafe_link_findings(place_links(document, tiltak)),
    ]
