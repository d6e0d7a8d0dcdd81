"""The responsible ministries and directorates: the report's own list, and who leads each measure.

"Om denne rapporten" lists the ministries (departementer) that were responsible
for measures, each with its directorates (direktorater) as indented sub-bullets:

    • Arbeids- og inkluderingsdepartementet (AID)¹
        o Integrerings- og mangfoldsdirektoratet (IMDi)

An entry is a line that starts with a bullet glyph (a word of its own at the
margin, or glued to the text), and the lines under it that align with its text
(an entry may wrap). The list ends at the first line that is neither. Renderings
differ in everything else: the glyph of each level ("•", "o", "–", "▪"), and
whether the bullet hangs at the margin with the text indented after it (Word's
default) or is indented itself. The level of an entry is therefore the rank of
its bullet's indentation among the list's indentations, never the glyph; the
bullet's x0 is exact whether or not the glyph is glued to the text. A footnote
marker on an entry's line makes the footnote the entry's note.

A list that yields fewer entries than it has bullet lines was read
incompletely: one ``department_list_incomplete`` error says so with the counts,
and the ``unknown_department`` warnings that would follow from the missing
entries are not reported (the finding's message says how many).

A measure's department field ("AID, i samarbeid med BFD, HOD, JD og KUD") gives
its lead and its partners (samarbeid); an abbreviation that the list does not
have is kept and reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.findings import Finding, finding
from pipeline.model import Box, Document, Line
from pipeline.profiles.loader import DepartmentList, Profile
from pipeline.stages.fields import FieldText, Tiltak, field_page
from pipeline.text import collapse, join_lines

LEVEL_TOLERANCE = 2.0  # points within which two entries start at the same indentation
INTRO_PAGES = 1  # the list's first bullet stands on the title's page or the next one
GLUED_TEXT = 1.5  # ems right of a glued bullet within which the entry's text starts


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


@dataclass(frozen=True)
class Bulleted:
    """One bulleted item of the list: its bullet line, the lines it wraps onto, its text."""

    lines: tuple[Line, ...]
    bullet_x: float  # where the bullet glyph starts in its page's text block (Document.aligned_x0): the item's indentation
    text: str  # the item's text without its bullet, lines joined


@dataclass(frozen=True)
class DepartmentListReading:
    """What reading the report's list gave: its entries, and how much of it that is."""

    departementer: tuple[Departement, ...] = ()
    title_page: int | None = None  # None: the list's title was not found (nothing to judge)
    bullets: int = 0  # bulleted items of the list (and a line inside it that is none, see _inside)
    unread: tuple[str, ...] = ()  # the texts of those that are no entry (name and abbreviation)

    @property
    def incomplete(self) -> bool:
        """Visibly failed: a title without a bulleted item under it, or items that are no entry."""
        return self.title_page is not None and (self.bullets == 0 or len(self.departementer) < self.bullets)


def _bullet_end(line: Line, spec: DepartmentList) -> int | None:
    """Length of the bullet at the start of the line's text, or None for a line without one."""
    m = spec.bullet.match(line.text)
    return m.end() if m and m.end() < len(line.text.rstrip()) else None


def _text_start(line: Line, end: int, body_size: float) -> tuple[float, float]:
    """Where an item's text may start, (from, to): the word after a bullet of its own, exactly;
    after a glued bullet ("•Arbeids-"), anywhere up to GLUED_TEXT ems right of the bullet."""
    first = line.words[0]
    if len(line.words) > 1 and end >= len(first.text):
        x = line.words[1].x0
        return x - LEVEL_TOLERANCE, x + LEVEL_TOLERANCE
    return line.x0 + LEVEL_TOLERANCE, line.x0 + GLUED_TEXT * body_size


def _list_start(doc: Document, spec: DepartmentList) -> tuple[int, int] | None:
    """(index of the title line, index of the list's first bullet line)."""
    lines = doc.lines
    title = next((i for i, line in enumerate(lines) if spec.title.match(collapse(line.text))), None)
    if title is None:
        return None
    last_page = lines[title].page + INTRO_PAGES
    for i in range(title + 1, len(lines)):
        if lines[i].page > last_page:
            break
        if _bullet_end(lines[i], spec) is not None:
            return title, i
    return title, len(lines)


def _read_list(doc: Document, spec: DepartmentList) -> tuple[list[Bulleted], Line | None]:
    """The list's items in printed order, from its first bullet line to the first line that
    is neither a bullet line nor aligned with the text of the item above it (returned too)."""
    start = _list_start(doc, spec)
    if start is None:
        return [], None
    items: list[Bulleted] = []
    lines: list[Line] = []
    texts: list[str] = []
    text_at = (0.0, 0.0)
    after: Line | None = None
    for line in doc.lines[start[1] :]:
        end = _bullet_end(line, spec)
        if end is not None:
            if lines:
                items.append(Bulleted(tuple(lines), doc.aligned_x0(lines[0]), join_lines(texts)))
            lines, texts = [line], [line.text[end:]]
            shift = doc.shift_on(line.page)  # (an item goes on in the next page's text block: a book's mirrored margins move it)
            low, high = _text_start(line, end, doc.body_size)
            text_at = (low - shift, high - shift)
        elif lines and text_at[0] <= doc.aligned_x0(line) <= text_at[1] and line.page in (lines[-1].page, lines[-1].page + 1):
            lines.append(line)
            texts.append(line.text)
        else:
            after = line
            break
    if lines:
        items.append(Bulleted(tuple(lines), doc.aligned_x0(lines[0]), join_lines(texts)))
    return items, after


def bulleted_items(doc: Document, spec: DepartmentList) -> list[Bulleted]:
    """The list's items in printed order (see :func:`_read_list`)."""
    return _read_list(doc, spec)[0]


def _inside(line: Line | None, items: Sequence[Bulleted], doc: Document) -> bool:
    """Does the line that ended the list still stand inside it: right below its last line,
    indented past its outermost bullets? Then the list goes on in a form not understood."""
    if line is None or not items:
        return False
    last = items[-1].lines[-1]
    return (
        line.page == last.page
        and -0.5 * (last.bottom - last.top) <= line.top - last.bottom < 2 * (last.bottom - last.top)  # below it (not atop the next column)
        and doc.aligned_x0(line) > min(item.bullet_x for item in items) + LEVEL_TOLERANCE
    )


def list_lines(doc: Document, spec: DepartmentList) -> list[Line]:
    """Every line of the list: its bullet lines and the lines their items wrap onto."""
    return [line for item in bulleted_items(doc, spec) for line in item.lines]


def _levels(starts: Sequence[float]) -> list[int]:
    """Indentation level of each entry: rank of its x0 among the distinct indentations."""
    distinct: list[float] = []
    for x in sorted(starts):
        if not distinct or x - distinct[-1] > LEVEL_TOLERANCE:
            distinct.append(x)
    return [max(i for i, d in enumerate(distinct) if x >= d - LEVEL_TOLERANCE) for x in starts]


def _marker_on(lines: Sequence[Line], doc: Document) -> int | None:
    for marker in doc.markers:
        for line in lines:
            if marker.page == line.page and marker.top < line.bottom and marker.bottom > line.top:
                return marker.number
    return None


def read_department_list(doc: Document, profile: Profile) -> DepartmentListReading:
    """The report's list of responsible ministries and directorates, and how complete it is."""
    spec = profile.department_list
    start = _list_start(doc, spec) if spec is not None else None
    if spec is None or start is None:
        return DepartmentListReading()
    items, after = _read_list(doc, spec)
    notes = {f.number: f.text for f in doc.footnotes}
    out: list[Departement] = []
    unread: list[str] = []
    open_at: dict[int, str | None] = {}  # the latest item of each level (None: one that is no entry)
    for item, level in zip(items, _levels([item.bullet_x for item in items])):
        m = spec.entry.match(collapse(item.text))
        abbreviation = collapse(m.group("abbreviation")) if m else None
        open_at = {k: v for k, v in open_at.items() if k < level}
        open_at[level] = abbreviation
        if m is None or abbreviation is None:
            unread.append(collapse(item.text))
            continue
        parent = next((open_at[k] for k in range(level - 1, -1, -1) if k in open_at), None)
        number = _marker_on(item.lines, doc)
        out.append(
            Departement(
                abbreviation=abbreviation,
                name=collapse(m.group("name")),
                kind=spec.kinds[min(level, len(spec.kinds) - 1)],
                parent=parent,
                note=notes.get(number) if number is not None else None,
                footnote=number,
                page=item.lines[0].page,
                boxes=tuple(line.box for line in item.lines),
            )
        )
    stray = [collapse(after.text)] if after is not None and _inside(after, items, doc) else []  # counted as an item not read
    return DepartmentListReading(tuple(out), doc.lines[start[0]].page, len(items) + len(stray), tuple(unread + stray))


def parse_departementer(doc: Document, profile: Profile) -> list[Departement]:
    """The report's list of responsible ministries and directorates, in printed order."""
    return list(read_department_list(doc, profile).departementer)


def responsibility(text: str | None, profile: Profile) -> Responsibility:
    """Lead and partners of one department field: "AID, i samarbeid med BFD, HOD, JD og KUD"."""
    named = profile.departments_in(text)
    if not named:
        return Responsibility(None)
    lead = named[0]
    phrase = profile.department_partners.search(text or "") if profile.department_partners else None
    if phrase:
        before = profile.departments_in((text or "")[: phrase.start()])
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
        for abbreviation in profile.departments_in(field.text):
            if abbreviation in known:
                continue
            out.append(
                finding(
                    "unknown_department",
                    tiltak_nr=t.tiltak_nr,
                    field="ansvarlig_departement",
                    body_value=field.text,
                    table_value=None,
                    page=field_page(field, t),
                    abbreviation=abbreviation,
                    listed=", ".join(d.abbreviation for d in listed),
                )
            )
    return out


def department_findings(tiltak: Sequence[Tiltak], listed: DepartmentListReading, profile: Profile) -> list[Finding]:
    """``unknown_department`` for each abbreviation the list does not have; but for a list
    read incompletely, the one ``department_list_incomplete`` instead: its missing entries
    would make departments it has look unknown."""
    unknown = unknown_departments(tiltak, listed.departementer, profile)
    if not listed.incomplete:
        return unknown
    if listed.bullets == 0:
        return [finding("department_list_incomplete", variant="empty", page=listed.title_page)]
    return [
        finding(
            "department_list_incomplete",
            body_value=str(len(listed.departementer)),
            table_value=str(listed.bullets),
            page=listed.title_page,
            entries=len(listed.departementer),
            bullets=listed.bullets,
            unread="; ".join(f"«{text}»" for text in listed.unread) or "-",
            suppressed=len(unknown),
        )
    ]
