"""The responsible ministries and directorates: the report's own list, and who leads each measure.

"Om denne rapporten" lists the ministries (departementer) that were responsible
for measures, each with its directorates (direktorater) as indented sub-bullets:

    • Arbeids- og inkluderingsdepartementet (AID)¹
        o Integrerings- og mangfoldsdirektoratet (IMDi)

The level of an entry is read from its indentation, not from the bullet glyph
(renderings differ: "o" or "–"). A footnote marker on an entry's line makes the
footnote the entry's note. A measure's department field ("AID, i samarbeid med
BFD, HOD, JD og KUD") gives its lead and its partners (samarbeid); an
abbreviation that the list does not have is kept and reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.findings import Finding, finding
from pipeline.model import Box, Document, Line
from pipeline.profiles.loader import DepartmentList, Profile
from pipeline.stages.fields import FieldText, Tiltak
from pipeline.stages.validate import departments
from pipeline.text import collapse

INDENT = 0.5  # ems right of the left margin from which a line counts as indented
LEVEL_TOLERANCE = 2.0  # points within which two entries start at the same indentation


@dataclass(frozen=True)
class Departement:
    """One entry of the report's list of responsible ministries and directorates."""

    abbreviation: str
    name: str
    kind: str  # the profile's kind of the entry's level: "ministry", "directorate"
    parent: str | None  # abbreviation of the entry it is indented under
    note: str | None = None  # the text of a footnote whose marker stands on the entry's line
    footnote: int | None = None
    page: int | None = None
    boxes: tuple[Box, ...] = ()


@dataclass(frozen=True)
class Responsibility:
    """Who is responsible for a measure: the lead and its partners (abbreviations)."""

    lead: str | None
    samarbeid: tuple[str, ...] = ()

    @property
    def named(self) -> tuple[str, ...]:
        return ((self.lead,) if self.lead else ()) + self.samarbeid


def _indented(line: Line, doc: Document) -> bool:
    return line.x0 > doc.left_margin + INDENT * doc.body_size


def list_lines(doc: Document, spec: DepartmentList) -> list[Line]:
    """The indented lines under the list's title, up to the first line back at the margin."""
    lines = doc.lines
    start = next((i for i, line in enumerate(lines) if spec.title.match(collapse(line.text))), None)
    if start is None:
        return []
    out: list[Line] = []
    for line in lines[start + 1 :]:
        if _indented(line, doc):
            out.append(line)
        elif out:
            break
    return out


def _levels(starts: Sequence[float]) -> list[int]:
    """Indentation level of each entry: rank of its x0 among the distinct indentations."""
    distinct: list[float] = []
    for x in sorted(starts):
        if not distinct or x - distinct[-1] > LEVEL_TOLERANCE:
            distinct.append(x)
    return [max(i for i, d in enumerate(distinct) if x >= d - LEVEL_TOLERANCE) for x in starts]


def _entries(lines: Sequence[Line], spec: DepartmentList) -> list[tuple[str, str, list[Line]]]:
    """(name, abbreviation, lines) per entry; an entry may wrap over several lines."""
    out: list[tuple[str, str, list[Line]]] = []
    pending: list[Line] = []
    for line in lines:
        pending.append(line)
        text = spec.bullet.sub("", collapse(" ".join(ln.text for ln in pending)), count=1)
        m = spec.entry.match(text)
        if m:
            out.append((collapse(m.group("name")), collapse(m.group("abbreviation")), pending))
            pending = []
    return out


def _marker_on(lines: Sequence[Line], doc: Document) -> int | None:
    for marker in doc.markers:
        for line in lines:
            if marker.page == line.page and marker.top < line.bottom and marker.bottom > line.top:
                return marker.number
    return None


def parse_departementer(doc: Document, profile: Profile) -> list[Departement]:
    """The report's list of responsible ministries and directorates, in printed order."""
    spec = profile.department_list
    if spec is None:
        return []
    entries = _entries(list_lines(doc, spec), spec)
    levels = _levels([lines[0].x0 for _, _, lines in entries])
    notes = {f.number: f.text for f in doc.footnotes}
    out: list[Departement] = []
    open_at: dict[int, str] = {}  # the latest entry of each level
    for (name, abbreviation, lines), level in zip(entries, levels):
        open_at = {k: v for k, v in open_at.items() if k < level}
        open_at[level] = abbreviation
        parent = next((open_at[k] for k in range(level - 1, -1, -1) if k in open_at), None)
        number = _marker_on(lines, doc)
        out.append(
            Departement(
                abbreviation=abbreviation,
                name=name,
                kind=spec.kinds[min(level, len(spec.kinds) - 1)],
                parent=parent,
                note=notes.get(number) if number is not None else None,
                footnote=number,
                page=lines[0].page,
                boxes=tuple(line.box for line in lines),
            )
        )
    return out


def responsibility(text: str | None, profile: Profile) -> Responsibility:
    """Lead and partners of one department field: "AID, i samarbeid med BFD, HOD, JD og KUD"."""
    named = departments(text, profile)
    if not named:
        return Responsibility(None)
    lead = named[0]
    phrase = profile.department_partners.search(text or "") if profile.department_partners else None
    if phrase:
        before = departments((text or "")[: phrase.start()], profile)
        lead = before[0] if before else lead
    return Responsibility(lead, tuple(a for a in named if a != lead))


def combined(parts: Sequence[Responsibility]) -> Responsibility:
    """A measure with parts: the first part's lead; partners are everyone else named."""
    lead = next((r.lead for r in parts if r.lead), None)
    partners: list[str] = []
    for r in parts:
        for a in r.named:
            if a != lead and a not in partners:
                partners.append(a)
    return Responsibility(lead, tuple(partners))


def measure_responsibility(t: Tiltak, profile: Profile) -> Responsibility:
    if not t.has_parts:
        return responsibility(_text(t.ansvarlig_departement), profile)
    return combined([responsibility(_text(p.ansvarlig_departement), profile) for p in t.parts])


def _text(f: FieldText | None) -> str | None:
    return f.text if f is not None else None


def unknown_departments(tiltak: Sequence[Tiltak], listed: Sequence[Departement], profile: Profile) -> list[Finding]:
    """Findings for department abbreviations that the report's own list does not have.

    Without a list (none found, or the profile has none) nothing can be judged and
    nothing is reported.
    """
    if not listed:
        return []
    known = {d.abbreviation for d in listed}
    out: list[Finding] = []
    for t in tiltak:
        field = t.ansvarlig_departement
        if field is None:
            continue
        for abbreviation in departments(field.text, profile):
            if abbreviation in known:
                continue
            out.append(
                finding(
                    "unknown_department",
                    tiltak_nr=t.tiltak_nr,
                    field="ansvarlig_departement",
                    body_value=field.text,
                    table_value=None,
                    page=field.boxes[0].page if field.boxes else t.page_start,
                    abbreviation=abbreviation,
                    listed=", ".join(d.abbreviation for d in listed),
                )
            )
    return out
