"""The rows of every output table, as plain dicts, from the stages' results.

Tables are built as rows first, so Parquet and CSV hold the same values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.findings import Finding
from pipeline.model import ElementBox, element_at
from pipeline.stages.enrich import Details, Enrichment
from pipeline.stages.enrich.plans import Plan
from pipeline.stages.enrich.provenance import FieldLink, row_places
from pipeline.stages.enrich.references import ExternalReference
from pipeline.stages.fields import FieldText, Tiltak
from pipeline.stages.overview import Overview
from pipeline.stages.segment import Segmentation


def _text(f: FieldText | None) -> str | None:
    return f.text if f is not None else None


def _plan(p: Plan) -> dict[str, Any]:
    return {"name": p.name, "period_start": p.period_start, "period_end": p.period_end}


def _link(lk: FieldLink) -> dict[str, Any]:
    return {"field": lk.field, "url": lk.url, "anchor_text": lk.anchor_text}


def _external(ref: ExternalReference) -> dict[str, Any]:
    return {"tiltak": ref.tiltak, "plan": ref.plan}


def details_columns(d: Details) -> dict[str, Any]:
    """The derived columns of a row of tiltak or tiltak_deler."""
    return {
        "lead_departement": d.lead_departement,
        "samarbeid": list(d.samarbeid),
        "continued_in": [_plan(p) for p in d.continued_in],
        "references": list(d.references),
        "external_references": [_external(r) for r in d.external_references],
        "links": [_link(lk) for lk in d.links],
    }


def tiltak_rows(
    report_id: str,
    tiltak: Sequence[Tiltak],
    overview: Overview,
    findings: Sequence[Finding],
    details: Sequence[Details] | None = None,
) -> list[dict[str, Any]]:
    table = {r.tiltak_nr: r for r in reversed(overview.rows)}
    codes: dict[int, list[str]] = {}
    for f in findings:
        if f.tiltak_nr is not None:
            codes.setdefault(f.tiltak_nr, []).append(f.code)
    details = details if details is not None else [Details() for _ in tiltak]
    return [
        {
            "report_id": report_id,
            "block_nr": block_nr,
            "tiltak_nr": t.tiltak_nr,
            "nummer": t.printed_nr,
            "title": t.title,
            "innsatsomrade_nr": t.innsatsomrade_nr,
            "innsatsomrade_title": t.innsatsomrade_title,
            "description": _text(t.description),
            "ansvarlig_label": t.ansvarlig_departement.label if t.ansvarlig_departement else None,
            "ansvarlig_departement": _text(t.ansvarlig_departement),
            "status": t.status_value,
            "status_text": _text(t.status),
            "sluttrapport": _text(t.sluttrapport),
            "parts": [p.part for p in t.parts if p.part],
            "page_start": t.page_start,
            "page_end": t.page_end,
            "table_status": table[t.tiltak_nr].status if t.tiltak_nr in table else None,
            "finding_codes": sorted(set(codes.get(t.tiltak_nr, []))),
            **details_columns(d),
        }
        for block_nr, (t, d) in enumerate(zip(tiltak, details, strict=True), start=1)
    ]


def deler_rows(report_id: str, tiltak: Sequence[Tiltak], details: Sequence[Sequence[Details]] | None = None) -> list[dict[str, Any]]:
    rows = []
    details = details if details is not None else [[Details() for _ in t.parts] for t in tiltak]
    for block_nr, (t, part_details) in enumerate(zip(tiltak, details, strict=True), start=1):
        for p, d in zip(t.parts, part_details, strict=True):
            rows.append(
                {
                    "report_id": report_id,
                    "block_nr": block_nr,
                    "del_id": f"{t.printed_nr}{p.part or ''}",
                    "tiltak_nr": t.tiltak_nr,
                    "nummer": t.printed_nr,
                    "part": p.part,
                    "part_title": p.title,
                    "description": _text(p.description),
                    "ansvarlig_departement": _text(p.ansvarlig_departement),
                    "status": p.status_value,
                    "status_text": _text(p.status),
                    "sluttrapport": _text(p.sluttrapport),
                    "inherited_fields": list(p.inherited),
                    "page_start": p.page_start if p.part else t.page_start,
                    "page_end": p.page_end if p.part else t.page_end,
                    **details_columns(d),
                }
            )
    return rows


def oversikt_rows(report_id: str, overview: Overview) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report_id,
            "row_nr": row_nr,
            "tiltak_nr": r.tiltak_nr,
            "nummer": r.nummer or str(r.tiltak_nr),
            "title": r.title,
            "ansvarlig_departement": r.ansvarlig_departement,
            "status": r.status,
            "innsatsomrade_nr": r.innsatsomrade_nr,
            "innsatsomrade_title": r.innsatsomrade_title,
            "undergruppe": r.undergruppe,
            "page": r.page,
        }
        for row_nr, r in enumerate(overview.rows, start=1)
    ]


def innsatsomrade_rows(report_id: str, seg: Segmentation) -> list[dict[str, Any]]:
    return [
        {"report_id": report_id, "innsatsomrade_nr": a.nr, "title": a.title, "intro": a.intro, "page": a.heading.page} for a in seg.innsatsomrader
    ]


def departementer_rows(report_id: str, enrichment: Enrichment) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report_id,
            "abbreviation": d.abbreviation,
            "name": d.name,
            "kind": d.kind,
            "parent": d.parent,
            "note": d.note,
            "footnote": d.footnote,
            "page": d.page,
        }
        for d in enrichment.departementer
    ]


def printed_numbers(tiltak: Sequence[Tiltak]) -> dict[int, str]:
    """Each measure's tiltak_nr with its number as printed, for the tables that name a measure by tiltak_nr alone."""
    return {t.tiltak_nr: t.printed_nr for t in tiltak}


def _printed(nr: int | None, printed: Mapping[int, str]) -> str | None:
    return None if nr is None else printed.get(nr, str(nr))


def fotnoter_rows(report_id: str, enrichment: Enrichment, printed: Mapping[int, str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report_id,
            "number": f.number,
            "text": f.footnote.text if f.footnote else None,
            "page": f.footnote.page if f.footnote else None,
            "tiltak_nr": f.tiltak_nr,
            "nummer": _printed(f.tiltak_nr, printed or {}),
            "part": f.part,
            "field": f.field,
            "marker_page": f.marker.page if f.marker else None,
            "marker_after": f.marker.after if f.marker else None,
        }
        for f in enrichment.fotnoter
    ]


def lenker_rows(report_id: str, enrichment: Enrichment, printed: Mapping[int, str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report_id,
            "url": lp.link.uri,
            "scheme": lp.scheme,
            "unsafe_scheme": lp.unsafe,
            "anchor_text": lp.link.anchor_text,
            "tiltak_nr": lp.tiltak_nr,
            "nummer": _printed(lp.tiltak_nr, printed or {}),
            "part": lp.part,
            "field": lp.field,
            "page": lp.link.page,
            "x0": lp.link.x0,
            "top": lp.link.top,
            "x1": lp.link.x1,
            "bottom": lp.link.bottom,
        }
        for lp in enrichment.lenker
    ]


def provenance_rows(report_id: str, tiltak: Sequence[Tiltak], elements: Sequence[ElementBox] = ()) -> list[dict[str, Any]]:
    """One row per box of every field of every row of tiltak and tiltak_deler, with the element of
    the edition the box was set from (``elements``: a Word or web edition's; none for a PDF)."""
    on_page: dict[int, list[ElementBox]] = {}
    for e in elements:
        on_page.setdefault(e.page, []).append(e)
    return [
        {
            "report_id": report_id,
            "tiltak_nr": place.tiltak_nr,
            "nummer": t.printed_nr,
            "block_nr": block_nr,
            "part": place.part,
            "field": place.field,
            "page": b.page,
            "x0": b.x0,
            "top": b.top,
            "x1": b.x1,
            "bottom": b.bottom,
            "element": element_at(b, on_page.get(b.page, ())),
        }
        for block_nr, t in enumerate(tiltak, start=1)
        for place in row_places(t)
        for b in place.boxes
    ]


def report_tables(
    report_id: str,
    tiltak: Sequence[Tiltak],
    overview: Overview,
    seg: Segmentation,
    findings: Sequence[Finding],
    enrichment: Enrichment,
    elements: Sequence[ElementBox] = (),
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table of one report, keyed like SCHEMAS; ``elements``: where an edition's
    elements were set (the document's), which provenance names."""
    printed = printed_numbers(tiltak)
    return {
        "tiltak": tiltak_rows(report_id, tiltak, overview, findings, enrichment.tiltak),
        "tiltak_deler": deler_rows(report_id, tiltak, enrichment.deler),
        "oversikt": oversikt_rows(report_id, overview),
        "innsatsomrader": innsatsomrade_rows(report_id, seg),
        "departementer": departementer_rows(report_id, enrichment),
        "fotnoter": fotnoter_rows(report_id, enrichment, printed),
        "lenker": lenker_rows(report_id, enrichment, printed),
        "provenance": provenance_rows(report_id, tiltak, elements),
    }
