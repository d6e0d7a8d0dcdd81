"""Where each value came from: the boxes of every field, and what sits inside them.

Every field of a measure keeps the boxes of the printed text it was read from
(page and rectangle, PDF points, origin top-left). A *place* is one field of one
row of the dataset: ``part`` None is the field of the ``tiltak`` row, a letter
the field of that part's ``tiltak_deler`` row (a measure with parts has both,
so its boxes are listed under both). Link annotations and footnote markers are
placed in the field whose boxes they overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.model import Box, Document, Footnote, Link, Marker
from pipeline.stages.fields import Part, Tiltak
from pipeline.text import join_lines

FIELD_NAMES = ("description", "ansvarlig_departement", "status", "sluttrapport")
TITLE = "title"


@dataclass(frozen=True)
class Place:
    """One field of one row: the boxes its text was read from."""

    tiltak_nr: int
    part: str | None
    field: str
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class FieldLink:
    """A hyperlink inside a field: its target and the words printed under it."""

    field: str
    url: str
    anchor_text: str

    @property
    def label(self) -> str:
        return f"{self.anchor_text} <{self.url}>" if self.anchor_text else f"<{self.url}>"


@dataclass(frozen=True)
class LinkPlace:
    """One link annotation of the PDF and the field it stands in (None outside every measure)."""

    link: Link
    tiltak_nr: int | None = None
    part: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class FootnotePlace:
    """One footnote, its marker, and the field whose text carries the marker."""

    number: int
    footnote: Footnote | None
    marker: Marker | None
    tiltak_nr: int | None = None
    part: str | None = None
    field: str | None = None


def tiltak_places(t: Tiltak) -> list[Place]:
    """The fields of the measure's ``tiltak`` row."""
    places = [Place(t.tiltak_nr, None, TITLE, t.title_boxes)]
    for name in FIELD_NAMES:
        f = getattr(t, name)
        if f is not None:
            places.append(Place(t.tiltak_nr, None, name, f.boxes))
    return places


def part_places(t: Tiltak, p: Part) -> list[Place]:
    """The fields of one part's ``tiltak_deler`` row (a measure without parts: the tiltak row's)."""
    if p.part is None:
        return tiltak_places(t)
    places = [Place(t.tiltak_nr, p.part, TITLE, p.title_boxes)]
    for name in FIELD_NAMES:
        f = getattr(p, name)
        if f is not None:
            places.append(Place(t.tiltak_nr, p.part, name, f.boxes))
    return places


def row_places(t: Tiltak) -> list[Place]:
    """Every field of the measure's rows: its tiltak row, then each part's row."""
    places = tiltak_places(t)
    for p in t.parts:
        if p.part is not None:
            places.extend(part_places(t, p))
    return places


def printed_places(t: Tiltak) -> list[Place]:
    """Each printed piece of the measure once, in its most specific place.

    A part's own fields are the part's; text given once for the whole measure
    (an introduction, fields every part inherits) is the measure's.
    """
    own: list[Place] = []
    for p in t.parts:
        if p.part is None:
            continue
        inherited = set(p.inherited)
        own.extend(place for place in part_places(t, p) if place.field not in inherited)
    covered = {b for place in own for b in place.boxes}
    shared = []
    for place in tiltak_places(t):
        rest = tuple(b for b in place.boxes if b not in covered)
        if rest:
            shared.append(Place(place.tiltak_nr, None, place.field, rest))
    return shared + own


def _overlap(box: Box, page: int, x0: float, top: float, x1: float, bottom: float) -> float:
    if box.page != page:
        return 0.0
    width = min(box.x1, x1) - max(box.x0, x0)
    height = min(box.bottom, bottom) - max(box.top, top)
    return width * height if width > 0 and height > 0 else 0.0


def link_overlap(place: Place, link: Link) -> float:
    return sum(_overlap(b, link.page, link.x0, link.top, link.x1, link.bottom) for b in place.boxes)


def best_place(places: Sequence[Place], link: Link) -> Place | None:
    """The place a link annotation overlaps most, if any."""
    scored = [(link_overlap(p, link), i) for i, p in enumerate(places)]
    score, i = max(scored, default=(0.0, -1))
    return places[i] if score > 0 else None


def field_links(places: Sequence[Place], links: Iterable[Link]) -> tuple[FieldLink, ...]:
    """The hyperlinks inside a row's fields, in printed order.

    A link that wraps is several annotations with one target; consecutive ones in
    the same field are one link whose anchor text is their words joined.
    """
    out: list[FieldLink] = []
    previous: tuple[str, str] | None = None
    for link in links:
        place = best_place(places, link)
        if place is None:
            previous = None
            continue
        if previous == (place.field, link.uri):
            last = out[-1]
            out[-1] = FieldLink(last.field, last.url, join_lines([last.anchor_text, link.anchor_text]))
        else:
            out.append(FieldLink(place.field, link.uri, link.anchor_text))
        previous = (place.field, link.uri)
    return tuple(out)


def place_links(doc: Document, tiltak: Sequence[Tiltak]) -> list[LinkPlace]:
    """Every link annotation of the PDF with the field it stands in."""
    by_page: dict[int, list[Place]] = {}
    for t in tiltak:
        for place in printed_places(t):
            for page in dict.fromkeys(b.page for b in place.boxes):
                by_page.setdefault(page, []).append(place)
    out = []
    for link in doc.links:
        place = best_place(by_page.get(link.page, []), link)
        if place is None:
            out.append(LinkPlace(link))
        else:
            out.append(LinkPlace(link, place.tiltak_nr, place.part, place.field))
    return out


def marker_in(boxes: Iterable[Box], marker: Marker) -> float:
    """How much a marker shares the height of a box it stands beside or in (0: not there)."""
    best = 0.0
    for b in boxes:
        if b.page != marker.page:
            continue
        reach = b.bottom - b.top  # a marker at a line's end stands just right of its box
        if not (b.x0 - reach <= marker.x0 <= b.x1 + reach):
            continue
        best = max(best, min(b.bottom, marker.bottom) - max(b.top, marker.top))
    return best


def place_footnotes(doc: Document, tiltak: Sequence[Tiltak], front: dict[str, Sequence[Box]] | None = None) -> list[FootnotePlace]:
    """Every footnote with the field whose text carries its marker.

    ``front`` names regions outside the measures (e.g. ``{"departementer": boxes}``):
    a marker there is placed with that name as field and no tiltak.
    """
    places = [place for t in tiltak for place in printed_places(t)]
    texts = {f.number: f for f in doc.footnotes}
    markers: dict[int, Marker] = {}
    for m in doc.markers:
        markers.setdefault(m.number, m)
    out = []
    for number in sorted(set(texts) | set(markers)):
        marker = markers.get(number)
        place: tuple[int | None, str | None, str | None] = (None, None, None)
        if marker is not None:
            scored = [(marker_in(p.boxes, marker), i) for i, p in enumerate(places)]
            score, i = max(scored, default=(0.0, -1))
            if score > 0:
                place = (places[i].tiltak_nr, places[i].part, places[i].field)
            else:
                place = next(((None, None, name) for name, boxes in (front or {}).items() if marker_in(boxes, marker) > 0), place)
        out.append(FootnotePlace(number, texts.get(number), marker, *place))
    return out
