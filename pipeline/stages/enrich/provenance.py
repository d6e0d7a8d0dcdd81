"""Where each value came from: the boxes of every field, and what sits inside them.

Every field of a measure keeps the boxes of the printed text it was read from
(page and rectangle, PDF points, origin top-left). A *place* is one field of one
row of the dataset: ``part`` None is the field of the ``tiltak`` row, a letter
the field of that part's ``tiltak_deler`` row (a measure with parts has both,
so its boxes are listed under both). Link annotations and footnote markers are
placed in the field whose boxes they overlap.

A link whose anchor text wraps over two lines, or over a page break, is two or
more annotations with the same target, and producers order them as they like
(LibreOffice may write the second line's piece first). Everything here reads
links as :func:`hyperlinks` gives them: the annotations in reading order, the
consecutive pieces of one anchor text merged into one link, so that the
``lenker`` table and the links of every field are the same on any rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from pipeline.findings import Finding, finding
from pipeline.hyphenation import SOFT_HYPHEN, apply, ends_in_hyphen, token
from pipeline.model import Box, Document, Footnote, Hyphen, Line, Link, Marker
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
class Hyperlink:
    """One link as a reader sees it: its target and whole anchor text, and the annotations it is made of.

    ``link`` carries the first piece's page and box (where the link starts) and the
    pieces' anchor texts joined in reading order.
    """

    link: Link
    pieces: tuple[Link, ...]


# The schemes a link may have to be followed: the web and mail. Any other (javascript:, file:,
# data:, vbscript:, …) runs something, opens something local, or is no address of a report's.
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")  # RFC 3986, 3.1
_EDGES = "".join(map(chr, range(0x21)))  # C0 controls and space, which a browser strips from both ends
_INSIDE = {0x09: None, 0x0A: None, 0x0D: None}  # tabs and newlines, which it removes anywhere («java\tscript:»)


def url_scheme(url: str) -> str | None:
    """The scheme of a URL as a browser reads it (WHATWG URL: ends stripped, tabs and newlines
    removed, lower case); None for one without a scheme (relative, or «www.…» written bare)."""
    m = _SCHEME.match(url.strip(_EDGES).translate(_INSIDE))
    return m.group(1).lower() if m else None


def unsafe_scheme(url: str) -> bool:
    """Does the URL name a scheme other than http, https and mailto?

    One without a scheme (relative, or «www.…» written bare) is not flagged: it runs nothing
    by itself, and a reader resolves it against the page or folder it is opened from.
    """
    scheme = url_scheme(url)
    return scheme is not None and scheme not in SAFE_SCHEMES


@dataclass(frozen=True)
class LinkPlace:
    """One link of the PDF (its annotations merged) and the field it stands in (None outside every measure)."""

    link: Link
    tiltak_nr: int | None = None
    part: str | None = None
    field: str | None = None

    @property
    def scheme(self) -> str | None:
        return url_scheme(self.link.uri)

    @property
    def unsafe(self) -> bool:
        return unsafe_scheme(self.link.uri)


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


def reading_order(links: Iterable[Link], lines: Sequence[Line] = ()) -> list[Link]:
    """Annotations by page, then by the place in the reading order of the line they stand on
    (``lines``: the document's, in reading order, where a column's lines come before the next
    column's), then line (top), then x: pieces on one line side by side."""
    links = list(links)
    place = reading_places(lines)
    at = {id(lk): place(lk) for lk in links} if lines else dict.fromkeys(map(id, links), 0.0)
    out: list[Link] = []
    line: list[Link] = []
    for lk in sorted(links, key=lambda lk: (lk.page, at[id(lk)], lk.top, lk.x0)):
        if line and (lk.page != line[0].page or at[id(lk)] != at[id(line[0])] or (lk.top + lk.bottom) / 2 > min(x.bottom for x in line)):
            out.extend(sorted(line, key=lambda x: x.x0))
            line = []
        line.append(lk)
    return out + sorted(line, key=lambda x: x.x0)


def reading_places(lines: Sequence[Line]) -> Callable[[Link], float]:
    """Where a link stands in the reading order of ``lines``: the index of the line it overlaps most,
    or, on no line (a footnote, a header), just after the last line read above it on its page. On a
    page in one column, the lines' order is their height, and so is this."""
    by_page: dict[int, list[tuple[int, Line]]] = {}
    for i, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append((i, ln))

    def place(lk: Link) -> float:
        on = [(min(ln.bottom, lk.bottom) - max(ln.top, lk.top), -i) for i, ln in by_page.get(lk.page, ()) if ln.x0 < lk.x1 and lk.x0 < ln.x1]
        overlap, first = max(on, default=(0.0, 0))  # the most overlap; of equals, the line read first
        if overlap > 0:
            return float(-first)
        above = [i for i, ln in by_page.get(lk.page, ()) if ln.top <= lk.top]
        return max(above) + 0.5 if above else -0.5

    return place


def _continues(piece: Link, previous: Link) -> bool:
    """Is ``piece`` the next part of the anchor text that ``previous`` ends: on the next line
    (or the same line, further right), or the first link of the next page?"""
    if piece.uri != previous.uri:
        return False
    if piece.page == previous.page + 1:
        return True
    if piece.page != previous.page:
        return False
    if (piece.top + piece.bottom) / 2 < previous.bottom:  # the same line
        return piece.x0 >= previous.x1 - 1
    return piece.top - previous.bottom <= previous.bottom - previous.top  # the next line, not a paragraph later


def _decided(text: str, page: int, following: str, hyphens: Sequence[Hyphen]) -> str:
    """A piece's text whose last word is a broken word, with extraction's decision on its
    hyphen (as :func:`pipeline.text.join_lines` reads it); an undecided one as a plain hyphen."""
    words = text.split()
    if not words or not ends_in_hyphen(words[-1]):
        return text
    last, right = words[-1], (following.split() or [""])[0]
    candidates = [h for h in hyphens if h.page == page and h.left == last]
    decision = next((h for h in candidates if token(h.right) == token(right)), candidates[0] if len(candidates) == 1 else None)
    if decision is not None:
        word = apply(last, decision.decision)
    else:  # a soft hyphen is a break whoever decides; any other hyphen stays as printed
        word = last if last.endswith(SOFT_HYPHEN) else last[:-1] + "-"
    return text[: len(text) - len(last)] + word


def hyperlinks(links: Iterable[Link], hyphens: Sequence[Hyphen] = (), lines: Sequence[Line] = ()) -> list[Hyperlink]:
    """Every link of the PDF once, in reading order (of ``lines``, the document's): consecutive
    annotations of one target whose anchor text runs on (next line, next page) merged, their
    texts joined as the extraction decided the hyphen of a word broken between them, and a link's text run
    on past its last annotation where the producer drew none for the rest (:func:`runs_on`)."""
    links = list(links)
    groups: list[list[Link]] = []
    for lk in reading_order(links, lines):
        if groups and (lk == groups[-1][-1] or _continues(lk, groups[-1][-1])):
            if lk != groups[-1][-1]:  # the same annotation twice is one
                groups[-1].append(lk)
        else:
            groups.append([lk])
    lines = list(lines)
    place, text_colour = reading_places(lines), body_colour(lines)
    out = []
    for pieces in groups:
        # (the text that follows a piece: the next piece's with words, past a piece holding the
        # line's hyphen alone, as a producer that marks its breaks links it on its own)
        run_on = runs_on(pieces[-1], lines, place, text_colour, links)
        texts = [
            _decided(p.anchor_text, p.page, next((q.anchor_text for q in [*pieces[i + 1 :], run_on] if q.anchor_text.strip()), ""), hyphens)
            for i, p in enumerate(pieces)
        ]
        if run_on.anchor_text:
            texts.append(run_on.anchor_text)
        first = pieces[0]
        out.append(Hyperlink(replace(first, anchor_text=join_lines(texts)), tuple(pieces)))
    return out


def body_colour(lines: Sequence[Line]) -> str:
    """The colour most of the text is printed in (by characters; "" for black)."""
    counts: dict[str, int] = {}
    for line in lines:
        for w in line.words:
            counts[w.color] = counts.get(w.color, 0) + len(w.text)
    return max(counts, key=lambda c: counts[c], default="")


def runs_on(last: Link, lines: Sequence[Line], place: Callable[[Link], float], text_colour: str, links: Iterable[Link]) -> Link:
    """The words a link's anchor text runs on with past its last annotation, where the producer drew
    none (Chromium leaves out the piece of a link broken over a page): the words that open the next
    line in the reading order in the colour of the link's last word, where the link ends its line
    and that colour is not the text's. Returned as a piece of the link (no words: an empty text)."""
    none = replace(last, anchor_text="")
    at = place(last)
    if not lines or at != int(at) or int(at) + 1 >= len(lines):
        return none
    line, after = lines[int(at)], lines[int(at) + 1]
    under = [w for w in line.words if last.x0 - 1 <= (w.x0 + w.x1) / 2 <= last.x1 + 1]
    if not under or any(w.x0 > last.x1 - 1 for w in line.words) or under[-1].color in ("", text_colour):
        return none
    colour = under[-1].color
    run = []
    for w in after.words:
        if w.color != colour:
            break
        run.append(w)
    if not run or len(run) == len(after.words):  # nothing in its colour, or a whole line of it: no end of the link in sight
        return none
    drawn = [lk for lk in links if lk.page == after.page]
    if any(lk.x0 < w.x1 and w.x0 < lk.x1 and lk.top < w.bottom and w.top < lk.bottom for w in run for lk in drawn):
        return none  # an annotation covers them: a link of its own, or a piece already read
    return replace(last, page=after.page, x0=run[0].x0, top=after.top, x1=run[-1].x1, bottom=after.bottom, anchor_text=" ".join(w.text for w in run))


def hyperlink_overlap(place: Place, link: Hyperlink) -> float:
    return sum(link_overlap(place, piece) for piece in link.pieces)


def best_hyperlink_place(places: Sequence[Place], link: Hyperlink) -> Place | None:
    """The place a link's annotations overlap most, if any."""
    scored = [(hyperlink_overlap(p, link), i) for i, p in enumerate(places)]
    score, i = max(scored, default=(0.0, -1))
    return places[i] if score > 0 else None


def field_links(places: Sequence[Place], links: Iterable[Hyperlink]) -> tuple[FieldLink, ...]:
    """The links inside a row's fields (:func:`hyperlinks`, in reading order), each once however it wraps."""
    out: list[FieldLink] = []
    for hl in links:
        place = best_hyperlink_place(places, hl)
        if place is not None:
            out.append(FieldLink(place.field, hl.link.uri, hl.link.anchor_text))
    return tuple(out)


def place_links(doc: Document, tiltak: Sequence[Tiltak], links: Sequence[Hyperlink] | None = None) -> list[LinkPlace]:
    """Every link of the PDF (its annotations merged, :func:`hyperlinks`) with the field it stands in."""
    if links is None:
        links = hyperlinks(doc.links, doc.hyphens, doc.lines)
    by_page: dict[int, list[Place]] = {}
    for t in tiltak:
        for place in printed_places(t):
            for page in dict.fromkeys(b.page for b in place.boxes):
                by_page.setdefault(page, []).append(place)
    out = []
    for hl in links:
        candidates = list(dict.fromkeys(p for piece in hl.pieces for p in by_page.get(piece.page, [])))
        best = best_hyperlink_place(candidates, hl)
        if best is None:
            out.append(LinkPlace(hl.link))
        else:
            out.append(LinkPlace(hl.link, best.tiltak_nr, best.part, best.field))
    return out


SHOWN_URL = 80  # characters of an unsafe URL a finding quotes (a data: URL may be a whole file)


def unsafe_link_findings(lenker: Iterable[LinkPlace]) -> list[Finding]:
    """An ``unsafe_link_scheme`` warning for every link whose scheme is neither http, https nor mailto."""
    out = []
    for lp in lenker:
        if lp.unsafe:
            url = lp.link.uri
            shown = url if len(url) <= SHOWN_URL else url[: SHOWN_URL - 1] + "…"
            out.append(
                finding(
                    "unsafe_link_scheme",
                    tiltak_nr=lp.tiltak_nr,
                    part=lp.part,
                    field=lp.field,
                    page=lp.link.page,
                    scheme=lp.scheme,
                    anchor_text=lp.link.anchor_text,
                    url=shown,
                )
            )
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


def place_footnotes(doc: Document, tiltak: Sequence[Tiltak], front: Mapping[str, Sequence[Box]] | None = None) -> list[FootnotePlace]:
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
