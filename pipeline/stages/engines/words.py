"""The word rules every extraction engine shares: what a glyph, a word, a line and a link are.

Both engines (:mod:`pipeline.stages.engines.pdfplumber`, the reference, and
:mod:`pipeline.stages.engines.pdfium`) turn a page's glyphs into :class:`~pipeline.model.Word`
and :class:`~pipeline.model.Line` by these rules, so that they give the same
:class:`RawPdf`: what reading a PDF yields, before any profile is applied.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter

import regex

from pipeline.findings import Finding
from pipeline.hyphenation import SOFT_HYPHEN
from pipeline.model import ElementBox, Line, Link, PageInfo, Word
from pipeline.stages.structure import badges_at_their_headings, page_structure, rows_of

log = logging.getLogger(__name__)

# Properties of typesetting, not of any report's wording.
BOLD_FONT = regex.compile(r"(?i)bold|black|heavy|semibold|demibold|\bdemi")
WORD_GAP = 0.12  # gap (in ems) under which two words split by a font change touch
# Glyphs that Word-made PDFs extract as private-use code points of the Symbol font.
GLYPH_MAP = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓"}
INNER_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # inside a word, a hyphen is a hyphen whatever its code point


def is_bold(fontname: str) -> bool:
    return bool(BOLD_FONT.search(fontname))


def clean_glyphs(text: str) -> str:
    """Symbol-font bullets as the glyphs they show; soft hyphens dropped and other hyphens
    read as hyphen-minus, except at a word's end, where the producer's character may mark
    its own hyphenation (see :mod:`pipeline.hyphenation`)."""
    if text.isascii():
        return text  # every glyph mapped here is outside ASCII
    text = "".join(GLYPH_MAP.get(c, c) for c in text)
    if SOFT_HYPHEN in text[:-1]:
        text = text[:-1].replace(SOFT_HYPHEN, "") + text[-1]
    # a word's last hyphen keeps its code point: it may be the producer's mark of a break
    return "".join(INNER_HYPHENS.get(c, c) for c in text[:-1]) + text[-1:] if text else text


def dedupe_chars(chars: list[dict]) -> list[dict]:
    """Drop glyphs drawn twice at (nearly) the same place: "fake bold" (pdfplumber #71).

    The semantics of pdfplumber's ``dedupe_chars`` (same text, font and size within
    1 pt), without its quadratic re-sort of the result (``sorted(key=list.index)``),
    which cost four fifths of the whole pipeline's time on a 28-page report.
    """
    drop = duplicates([((c["upright"], c["text"], c["fontname"], c["size"]), c["doctop"], c["x0"]) for c in chars])
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


def duplicates(glyphs: Sequence[tuple[tuple, float, float]]) -> set[int]:
    """The indices of the glyphs ``(key, top, x0)`` that pdfplumber's dedupe_chars drops: of each chain
    of tops less than 1 pt apart among glyphs of one key, and in it of each chain of x0, all but the
    glyph of the least (top, x0) (the first of them). Sorting tuples, not dictionaries."""
    groups: dict[tuple, list[tuple[float, float, int]]] = {}
    for i, (key, top, x0) in enumerate(glyphs):
        groups.setdefault(key, []).append((top, x0, i))
    drop: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort()
        start = 0
        for end in range(1, len(group) + 1):
            if end < len(group) and group[end][0] <= group[end - 1][0] + 1:
                continue  # the chain of tops goes on
            if end - start > 1:
                row = group[start:end] if group[start][0] == group[end - 1][0] else sorted(group[start:end], key=itemgetter(1, 2))
                if any(b[1] - a[1] <= 1 for a, b in zip(row, row[1:])):  # glyphs of one key within a point: rare
                    for cluster in _chains(row, 1):
                        if len(cluster) > 1:
                            keep = min(cluster)[2]
                            drop.update(i for _, _, i in cluster if i != keep)
            start = end
    return drop


def _chains(items: list[tuple[float, float, int]], at: int) -> Iterator[list[tuple[float, float, int]]]:
    """Items sorted on ``item[at]`` in chains whose neighbours are at most 1 apart (pdfplumber's cluster_list)."""
    chain = [items[0]]
    for item in items[1:]:
        if item[at] <= chain[-1][at] + 1:
            chain.append(item)
        else:
            yield chain
            chain = [item]
    yield chain


def hex_color(value: object) -> str:
    """A fill colour as #rrggbb ("" for black), from gray, RGB or CMYK components."""
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, (int, float)) for v in value):
        return ""
    if len(value) == 1:
        rgb = (value[0],) * 3
    elif len(value) == 3:
        rgb = tuple(value)
    elif len(value) == 4:
        c, m, y, k = value
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return ""
    text = "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in rgb)
    return "" if text == "#000000" else text


def group_lines(words: Iterable[Word], page: int) -> list[Line]:
    """Rebuild printed lines: words overlapping vertically by half belong together."""
    return [make_line(row, page) for row in badges_at_their_headings(rows_of(words))]


DrawingOrder = Callable[[], Sequence[Word]]  # a page's words in the order the PDF draws them, worked out when asked


def in_drawing_order(words: Sequence[Word], glyphs: Sequence[Sequence[object]], chars: Sequence[object]) -> list[Word]:
    """``words`` in the order the PDF draws them: by the first drawn of each word's glyphs
    (``glyphs[i]``, those of ``words[i]``) among the page's glyphs as the engine read them (``chars``)."""
    drawn = {id(c): i for i, c in enumerate(chars)}
    ranks = [min([drawn[id(c)] for c in g]) for g in glyphs]
    return [words[i] for i in sorted(range(len(words)), key=ranks.__getitem__)]


Shape = tuple[float, float, float, float]  # a drawn path's box: x0, top, x1, bottom (pdfplumber's coordinates)
DRAWN_MARKER = "◦"  # how a list marker drawn as a shape reads (normalise_bullet makes it a list's bullet)
MARKER_SIZE = (0.12, 0.6)  # a drawn marker's width and height, in ems of its item's text
MARKER_GAP = 2.5  # ems at most between a drawn marker and its item's first word


def small_shape(x0: float, top: float, x1: float, bottom: float) -> bool:
    """A shape small and square enough to be a list's marker (a circle, a square, a dot)."""
    w, h = x1 - x0, bottom - top
    return 0.5 <= w <= 12 and 0.5 <= h <= 12 and 0.6 <= w / h <= 1.6


def with_drawn_markers(words: Sequence[Word], drawn: DrawingOrder, shapes: Iterable[Shape]) -> tuple[list[Word], DrawingOrder]:
    """The page's words with a list marker for each small shape that opens a line: a list whose
    level is marked by a drawn circle or square has no glyph there (a browser draws CSS list
    markers so), and its items would read as one paragraph. A shape is a marker where it stands
    in the middle of a line's height, left of its first word by at most a few ems, with no word
    over it or before it on the line; the marker reads as ◦, as wide as half an em around the
    shape's centre (the centre is what every engine reads alike), and is drawn just before its item."""
    marks: dict[int, Word] = {}  # by the index of the word it opens
    for x0, top, x1, bottom in shapes:
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        row = [(k, w) for k, w in enumerate(words) if w.top <= cy <= w.bottom]
        right = [(k, w) for k, w in row if w.x0 >= x1 - 0.5 and w.x0 - x1 <= MARKER_GAP * w.size]
        if not right:
            continue
        k, item = min(right, key=lambda kw: kw[1].x0)
        size = item.size
        if not (MARKER_SIZE[0] * size <= x1 - x0 <= MARKER_SIZE[1] * size and MARKER_SIZE[0] * size <= bottom - top <= MARKER_SIZE[1] * size):
            continue
        if any(w.x0 < x1 and w.x1 > x0 - MARKER_GAP * size for _, w in row if w is not item and w.x0 < item.x0):
            continue  # a word over the shape or just before it: not the line's first thing
        marks.setdefault(k, Word(DRAWN_MARKER, round(cx - size / 4, 2), item.top, round(cx + size / 4, 2), item.bottom, size, item.fontname, False, color=item.color))
    if not marks:
        return list(words), drawn
    out = [*words, *marks.values()]
    opens = {id(words[k]): mark for k, mark in marks.items()}
    order = drawn

    def with_marks() -> list[Word]:
        return [x for w in order() for x in ((opens[id(w)], w) if id(w) in opens else (w,))]

    return out, with_marks


def lines_in_reading_order(words: Sequence[Word], page: int, drawn: DrawingOrder | None = None) -> tuple[list[Line], str]:
    """A page's lines in reading order, and why that order is doubtful ("" when it is not). Lines
    are grouped within each region of the page (:mod:`pipeline.stages.structure`), never across the
    gap between two columns; a page in one column gives the lines :func:`group_lines` gives.
    ``drawn`` gives the words in the order the PDF draws them (None: as listed)."""
    rows = rows_of(words)
    structure = page_structure(words, rows, drawn)
    if structure.gutter is None:
        return [make_line(row, page) for row in badges_at_their_headings(rows)], structure.doubt
    if log.isEnabledFor(logging.DEBUG):
        log.debug("page %d: two columns, the gutter at x %.1f–%.1f, %d regions", page, *structure.gutter, len(structure.regions))
        for note in structure.notes:
            log.debug("page %d: %s", page, note)
    return [line for region in structure.regions for line in group_lines(region.words, page)], structure.doubt


def make_line(words: Sequence[Word], page: int) -> Line:
    ordered = sorted(words, key=lambda w: w.x0)
    glued: list[Word] = []
    for i, w in enumerate(ordered):
        if i:
            prev = ordered[i - 1]
            gap = w.x0 - prev.x1
            # two words of one font and size that the engine did not read as one were split at a space
            # character, however tight a justified or kerned line set it («NOVA ved»); a font's or a
            # size's change splits words too, and there only white wider than a touch is a space
            space = gap > WORD_GAP * max(w.size, prev.size) or (gap > 0 and w.fontname == prev.fontname and w.size == prev.size)
            if space != w.space_before:
                w = replace(w, space_before=space)
        glued.append(w)
    sizes: Counter[float] = Counter()
    for w in glued:
        sizes[w.size] += len(w.text)
    return Line(
        page=page,
        x0=min(w.x0 for w in glued),
        top=min(w.top for w in glued),
        x1=max(w.x1 for w in glued),
        bottom=max(w.bottom for w in glued),
        size=sizes.most_common(1)[0][0],
        words=tuple(glued),
    )


def anchor_text(words: Sequence[Word], x0: float, top: float, x1: float, bottom: float) -> str:
    inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
    return " ".join(w.text for w in sorted(inside, key=lambda w: (round(w.top), w.x0)))


def page_links(hyperlinks: Iterable[dict], words: Sequence[Word], page: int) -> list[Link]:
    links = []
    for h in hyperlinks:
        uri = h.get("uri")
        if not uri:
            continue
        x0, top, x1, bottom = (round(float(h[k]), 2) for k in ("x0", "top", "x1", "bottom"))
        links.append(Link(str(uri), page, x0, top, x1, bottom, anchor_text=anchor_text(words, x0, top, x1, bottom)))
    return links


@dataclass(frozen=True)
class RawPdf:
    """What reading the PDF yields, before any profile is applied (the costly part)."""

    source: str
    source_path: str
    sha256: str
    pages: tuple[PageInfo, ...]
    page_lines: tuple[tuple[Line, ...], ...]
    links: tuple[Link, ...]
    metadata: dict[str, str]
    findings: tuple[Finding, ...] = ()  # what reading worked around: links_unreadable, damaged_stream
    engine: str = "pdfplumber"  # the extraction engine that read the pages (pipeline.stages.engines)
    reference_pages: tuple[int, ...] = ()  # read by another engine: the pages the reference read instead (damage, disagreement)
    doubtful_order: tuple[tuple[int, str], ...] = ()  # (page, why) where the reading order is doubtful (pipeline.stages.structure)
    elements: tuple[ElementBox, ...] = ()  # a typeset edition's elements where they were set (pipeline.stages.editions); a PDF has none

    def text_of_pages(self, first: int, last: int) -> str:
        return "\n".join(ln.text for lines in self.page_lines[first - 1 : last] for ln in lines)
