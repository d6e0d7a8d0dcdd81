"""The word rules every extraction engine shares: what a glyph, a word, a line and a link are.

Both engines (:mod:`pipeline.stages.engines.pdfplumber`, the reference, and
:mod:`pipeline.stages.engines.pdfium`) turn a page's glyphs into :class:`~pipeline.model.Word`
and :class:`~pipeline.model.Line` by these rules, so that they give the same
:class:`RawPdf`: what reading a PDF yields, before any profile is applied.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from statistics import median

import regex

from pipeline.findings import Finding
from pipeline.hyphenation import SOFT_HYPHEN, a_word, initial_is_a_word, initial_missing
from pipeline.model import ElementBox, Line, Link, PageInfo, Word
from pipeline.stages.structure import PADDING, Fill, badges_at_their_headings, on_fills_of_their_own, page_structure, rows_of

log = logging.getLogger(__name__)

# Properties of typesetting, not of any report's wording.
BOLD_FONT = regex.compile(r"(?i)bold|black|heavy|semibold|demibold|\bdemi")
WORD_GAP = 0.12  # gap (in ems) under which two words split by a font change touch
# Glyphs that Word-made PDFs extract as private-use code points of the Symbol font.
GLYPH_MAP = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓"}
INNER_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # inside a word, a hyphen is a hyphen whatever its code point


ANGLED = 0.1  # the sine of the least angle (about 6°) from both axes at which a glyph's baseline is set at an angle


ANGLED_REASON = "set at an angle across the page (a watermark or a stamp)"  # a Dropped line's reason for such glyphs


def angled_text(texts: Iterable[str]) -> str:
    """The text of a page's glyphs set at an angle (:func:`set_at_an_angle`), in the order drawn, its
    spaces collapsed: what is left out of the page's lines, kept as a Dropped line so that a reader
    of the dataset sees it was there («UTKAST»)."""
    return " ".join("".join(texts).split())


def set_at_an_angle(a: float, b: float) -> bool:
    """Is a glyph whose baseline runs along ``(a, b)`` (the first row of its matrix, page rotation
    included) set at an angle: neither level nor vertical? A diagonal watermark or stamp is so set;
    its letters are no part of the lines they cross, and each engine orders them among their words
    otherwise. A slanted face (a skewed matrix) keeps a level baseline; text turned a quarter is no
    watermark: in a margin a region of its own (:func:`turned_in_a_margin`), elsewhere read as vertical words."""
    length = (a * a + b * b) ** 0.5
    return length > 0 and min(abs(a), abs(b)) > ANGLED * length


TURNED_REASON = "turned a quarter in a margin, apart from the text (a label beside it)"  # a Dropped line's reason for such a run said once
TAB_REASON = "furniture turned a quarter in a margin, repeated on pages (a thumb index's tab)"  # and for one whose words come back
TURNED_BREAK = 1.0  # ems (of the run's type) of white down a margin's column of turned glyphs from which a new run starts
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # a ligature glyph's letters, as words read them
LIGATURE_TABLE = str.maketrans(LIGATURES)
TurnedGlyph = tuple[str, float, float, float, float, bool]  # a glyph's text, x0, x1, top, bottom, and whether it is set upright


def turned_in_a_margin(glyphs: Sequence[TurnedGlyph]) -> tuple[set[int], list[str]]:
    """The glyphs (indices into ``glyphs``, in the order drawn) of the runs of text turned a quarter
    that stand in a margin, and each run's text. A thumb index's tab (the section's name set up the
    page's outer edge) or a label up a margin is a region of its own: read among the page's words it
    glues a letter to each line and table row it is level with («Ferdigstilt rsi»). A run is such a
    region where it stands wholly outside the upright text's reach across the page (left of where
    any of it starts or right of where any ends), and the page's text is upright: more of the page's
    glyphs are upright than stand in such runs. A table turned with its page, or a turned caption
    beside a photo within the text's width, stays as the engines read it."""
    upright = [(x0, x1) for text, x0, x1, _, _, up in glyphs if up and text.strip()]
    if not upright or all(g[5] for g in glyphs):
        return set(), []
    left, right = min(x0 for x0, _ in upright), max(x1 for _, x1 in upright)
    away: set[int] = set()
    texts: list[str] = []
    for run in turned_runs(glyphs):
        if max(glyphs[i][2] for i in run) <= left or min(glyphs[i][1] for i in run) >= right:
            away.update(run)
            texts.append(turned_text([glyphs[i] for i in sorted(run)]))
    if len(away) >= len(upright):
        return set(), []
    return away, [t for t in texts if t]


def turned_runs(glyphs: Sequence[TurnedGlyph]) -> list[list[int]]:
    """The glyphs turned a quarter (not upright) in runs: a column of them (their boxes overlapping
    across the page) cut where white of ``TURNED_BREAK`` ems or more stands between two glyphs down
    it; each run's glyphs from the top of the page down."""
    turned = sorted((i for i, g in enumerate(glyphs) if not g[5]), key=lambda i: glyphs[i][1])
    columns: list[list[int]] = []
    reach = -1e9
    for i in turned:
        if columns and glyphs[i][1] < reach:
            columns[-1].append(i)
            reach = max(reach, glyphs[i][2])
        else:
            columns.append([i])
            reach = glyphs[i][2]
    runs: list[list[int]] = []
    for column in columns:
        column.sort(key=lambda i: (glyphs[i][3], glyphs[i][4]))
        size = max(glyphs[i][2] for i in column) - min(glyphs[i][1] for i in column)
        for k, i in enumerate(column):
            if k == 0 or glyphs[i][3] - glyphs[column[k - 1]][4] >= TURNED_BREAK * size:
                runs.append([])
            runs[-1].append(i)
    return runs


def turned_text(run: Sequence[TurnedGlyph]) -> str:
    """The text of a run of turned glyphs (:func:`turned_runs`, top to bottom), read down the page or up
    it as it was turned: up where the last glyph drawn stands above the first (the run's glyphs are
    given in the order drawn: their places are what tells), a space where white of a word space
    (``WORD_GAP`` ems) parts two glyphs; its ligatures and glyphs read as words read them."""
    up = len(run) > 1 and run[-1][3] < run[0][3]  # turned the other way: read up the page
    ordered = sorted(run, key=lambda g: (-g[4], -g[3]) if up else (g[3], g[4]))
    size = max(g[2] for g in run) - min(g[1] for g in run)
    parts = [ordered[0][0]]
    for a, b in zip(ordered, ordered[1:]):
        white = a[3] - b[4] if up else b[3] - a[4]
        parts.append((" " if white >= WORD_GAP * size else "") + b[0])
    return clean_glyphs(" ".join("".join(parts).split()).translate(LIGATURE_TABLE))


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


TRACKING = 0.05  # ems: white between letters from which a run of type is tracked (letter-spaced)
UNIFORM = 0.75  # the share of a run's letter gaps that must be that wide: tracking is even, kerning is not
Piece = tuple[tuple, float, float, float, tuple[float, ...]]  # a word as the engine split it: its style, top, x0, x1, and the white between its glyphs


def letter_gaps(boxes: Sequence[tuple[float, float]]) -> tuple[float, ...]:
    """The white between consecutive glyphs ``(x0, x1)`` of one word."""
    return tuple(b[0] - a[1] for a, b in zip(boxes, boxes[1:]))


def tracked_runs(pieces: Sequence[Piece]) -> list[list[int]]:
    """The engine's words (``pieces``, in its order) as runs of indices, each run one word: in a
    tracked run of type (letters set with white between them, a letter-spaced heading) the
    engine's fixed tolerance splits words where kerning widens the white a little («Tr yg gEst»).
    There a word space is white clearly wider than the run's own letter spacing (by ``WORD_GAP``
    ems, as a space glyph is wide), not a fixed fraction of the size: consecutive pieces of one
    style, at one height, with white under that between them are one word. A run's letter
    spacing is the median white between its glyphs; unless nearly all of them (``UNIFORM``) are
    ``TRACKING`` ems wide, the type is set solid, and its words stay as the engine split them.
    ``style``: (upright, ..., size); only upright type is joined. No piece joins on a page where no
    word's glyphs stand ``TRACKING`` apart (a run's first join needs such gaps): the engines skip those."""
    runs: list[list[int]] = []
    gaps: list[float] = []  # the white between the glyphs of the last run
    wide = 0  # how many of them are a tracked letter space wide (counted as they come: most runs are set solid)
    last: Piece | None = None
    for i, piece in enumerate(pieces):
        style, top, x0, _, inner = piece
        tracking = TRACKING * style[-1]
        inner_wide = sum(1 for g in inner if g >= tracking)
        if last is not None and style[0] and style == last[0] and abs(top - last[1]) <= 1:
            white, n = x0 - last[3], len(gaps) + len(inner)
            if n and wide + inner_wide >= UNIFORM * n and 0 <= white <= median([*gaps, *inner]) + WORD_GAP * style[-1]:
                runs[-1].append(i)
                gaps += [white, *inner]
                wide += inner_wide + (white >= tracking)
                last = piece
                continue
        runs.append([i])
        gaps, wide, last = list(inner), inner_wide, piece
    return runs


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


def fill_color(value: object) -> str | None:
    """A path's fill colour as #rrggbb ("" for black, the PDF's default: None given), from a grey level or
    components; None where it is no colour of components (a pattern)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = (value,)
    if not isinstance(value, (tuple, list)) or len(value) not in (1, 3, 4) or not all(isinstance(v, (int, float)) for v in value):
        return None
    return hex_color(value)


def tinted(color: str | None) -> bool:
    """Does a fill of this colour stand out from the page (any colour but its white)?"""
    return color is not None and color != "#ffffff"


Glyph = tuple[str, float, float, float]  # a drawn glyph's text, x0, top and bottom


def spaces_ending_lines(glyphs: Sequence[Glyph]) -> list[tuple[float, float]]:
    """(x0, top) of every space glyph drawn last on its line: the next glyph drawn goes back left or
    to another line (no vertical overlap), or none follows. Such a space separates no two words of
    its line: it is the source's, kept at the line end by a producer that prints it there."""
    out = []
    for i, (text, x0, top, bottom) in enumerate(glyphs):
        if text != " ":
            continue
        if i + 1 < len(glyphs):
            _, next_x0, next_top, next_bottom = glyphs[i + 1]
            if next_x0 >= x0 and next_top < bottom and top < next_bottom:  # goes on along the line
                continue
        out.append((x0, top))
    return out


def space_at(spaces: Iterable[tuple[float, float]], x1: float, top: float) -> bool:
    """Is one of ``spaces`` (x0, top) drawn right after a word ending at ``x1`` on a line at ``top``?"""
    return any(abs(x - x1) < 1.0 and abs(t - top) < 2.0 for x, t in spaces)


def group_lines(words: Iterable[Word], page: int, filled: frozenset[Word] = frozenset(), fills: Sequence[Fill] = ()) -> list[Line]:
    """Rebuild printed lines: words overlapping vertically by half belong together (``filled``: the words
    on a fill of their own, badges, :func:`~pipeline.stages.structure.on_fills_of_their_own`; ``fills``: the
    page's filled paths, whose padding is no word space, :func:`white_between`)."""
    return [make_line(row, page, fills) for row in badges_at_their_headings(rows_of(words), filled)]


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


RULE_WIDTH = 2.0  # points at most across a drawn rule (a stroke, a border), not a bar or a box
RULE_LENGTH = 12.0  # points at least down a drawn rule (more than a line of text: no glyph's stroke, no marker)


def vertical_rule(x0: float, top: float, x1: float, bottom: float) -> bool:
    """A path thin and tall enough to be a rule drawn down the page: a column rule, or the border
    between two columns set side by side, which parts them as a gutter's white does
    (:func:`pipeline.stages.structure.ruled_between`)."""
    return x1 - x0 <= RULE_WIDTH and bottom - top >= RULE_LENGTH


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


RULE_THICKNESS = 3.0  # points at most a path is high to be a rule drawn under text (an underline), or a table's border
UNDERLINE_THICKNESS = 0.2  # ems (of the words over it) at most an underline is thick
UNDERLINE_DROP = (0.35, 0.4)  # ems above and below a word's bottom where an underline is drawn (a strike-through stands higher)
UNDERLINE_ENDS = 0.25  # ems at most an underline's ends stand off the first and the last word it spans
UNDERLINE_GAP = 1.5  # ems of white space between two words an underline may run under (more: two cells under a table's rule)


def thin_rule(x0: float, top: float, x1: float, bottom: float) -> bool:
    """A path thin and wide enough to be a rule: an underline, or a table's border."""
    return bottom - top <= RULE_THICKNESS and x1 - x0 >= 2 * RULE_THICKNESS


def underlined_run(rule: Shape, words: Sequence[Word]) -> list[int]:
    """The words (indices into ``words``) a drawn rule underlines: those standing just over it within its
    ends, the first starting where the rule starts and the last ending where it ends, a quarter of an em
    either way, with no column's white space between them. A table's border, which runs past the padded
    text of its cell, and a rule across a page or a column, underline none."""
    x0, top, x1, bottom = rule
    y = (top + bottom) / 2
    over = sorted(
        (
            k
            for k, w in enumerate(words)
            if -UNDERLINE_DROP[0] * w.size <= y - w.bottom <= UNDERLINE_DROP[1] * w.size
            and bottom - top <= UNDERLINE_THICKNESS * w.size
            and w.x0 >= x0 - UNDERLINE_ENDS * w.size
            and w.x1 <= x1 + UNDERLINE_ENDS * w.size
        ),
        key=lambda k: words[k].x0,
    )
    if not over:
        return []
    first, last = words[over[0]], max((words[k] for k in over), key=lambda w: w.x1)
    if abs(first.x0 - x0) > UNDERLINE_ENDS * first.size or abs(last.x1 - x1) > UNDERLINE_ENDS * last.size:
        return []
    if any(words[b].x0 - words[a].x1 > UNDERLINE_GAP * words[b].size for a, b in zip(over, over[1:])):
        return []
    return over


def page_colour(words: Sequence[Word]) -> str:
    """The colour most of a page's words are set in: its text's."""
    return Counter(w.color for w in words).most_common(1)[0][0] if words else ""


def with_underlines(words: Sequence[Word], drawn: DrawingOrder, rules: Iterable[Shape]) -> tuple[list[Word], DrawingOrder]:
    """The page's words, those a drawn rule underlines (:func:`underlined_run`) marked so: a heading set
    at the body's size, weight and colour may be set apart by its underline alone. Only words in the
    colour of the page's text are: under a link's words, set in a colour of their own that sets them
    apart already, an underline is the link's. The words are drawn where they were."""
    rules = list(rules)
    if not rules:  # (most pages: read no further)
        return list(words), drawn
    colour = page_colour(words)
    order = sorted((k for k, w in enumerate(words) if w.color == colour), key=lambda k: words[k].bottom)  # by their bottom, to find those over a rule
    bottoms = [words[k].bottom for k in order]
    reach = max(UNDERLINE_DROP) * max((w.size for w in words), default=0.0)
    marked: set[int] = set()
    for rule in rules:
        y = (rule[1] + rule[3]) / 2
        near = order[bisect_left(bottoms, y - reach) : bisect_right(bottoms, y + reach)]
        marked.update(near[k] for k in underlined_run(rule, [words[i] for i in near]))
    if not marked:
        return list(words), drawn
    out = [w.with_underline() if k in marked else w for k, w in enumerate(words)]
    swapped = {id(words[k]): out[k] for k in marked}

    def with_marked() -> list[Word]:
        return [swapped.get(id(w), w) for w in drawn()]

    return out, with_marked


DROP_CAP = 2.0  # times the size of the text beside it: an initial that large spans several of its lines
DROP_CAP_LETTERS = 2  # letters at most in a drop cap («P», «Ø», «AB»)
DROP_CAP_GAP = 2.0  # ems (of the text beside it) at most between a drop cap and the words beside it


def drop_cap_opens(cap: Word, words: Sequence[Word]) -> Word | None:
    """The word a drop cap opens: ``cap`` is a drop cap when it is one or two letters, a capital
    first, in type several times the size of the text beside it (``DROP_CAP``), its top level with
    a line's and its height spanning that line and at least one more of the same size below it. It is then the first letter(s)
    of that line's first word; else None. Read by overlap, the lines beside an initial that tall
    are one line with it, their words interleaved."""
    if not (0 < len(cap.text) <= DROP_CAP_LETTERS and cap.text.isalpha() and cap.text[0].isupper()):
        return None  # an initial is a capital (a lower-case letter that large: a glyph of a rotated label)
    beside = [
        w
        for w in words
        if w is not cap
        and w.size * DROP_CAP <= cap.size
        and cap.x1 - 0.5 <= w.x0 <= cap.x1 + DROP_CAP_GAP * w.size
        and cap.top - w.size / 2 <= w.top
        and (w.top + w.bottom) / 2 <= cap.bottom
    ]
    if not beside:
        return None
    first = min(beside, key=lambda w: (w.top, w.x0))
    if abs(first.top - cap.top) > first.size / 2:
        return None  # not level with the line beside it: a big letter in a figure, a number in a margin
    if not any(w.top >= first.bottom and w.size == first.size for w in beside):
        return None  # beside one line of the text's size only: a large letter, not an initial dropped into the text
    return first


def with_drop_caps(words: Sequence[Word], drawn: DrawingOrder | None) -> tuple[list[Word], DrawingOrder | None]:
    """The page's words with every drop cap joined to the word it opens (:func:`drop_cap_opens`),
    with no space: one word, in the style and on the line of the text beside it, starting where
    the initial starts (a word of its own where the initial is a word, «I oktober»:
    :func:`~pipeline.hyphenation.initial_is_a_word`). The lines beside the initial then read as
    ordinary lines. What is joined is drawn where the word it opens is drawn. An initial at the
    page's top that makes no word with the word beside it stays a word of its own, in its own
    size, first on that line: its paragraph may have begun on the page before
    (:func:`with_moved_initials` finds it its word there)."""
    joined: dict[int, tuple[Word, ...]] = {}  # by the id of the word opened
    caps: set[int] = set()
    smallest = min((w.size for w in words), default=0.0)
    for cap in words:
        if cap.size >= DROP_CAP * smallest and (opened := drop_cap_opens(cap, words)) is not None and id(opened) not in joined:
            if initial_is_a_word(cap.text, opened.text):
                initial = Word(cap.text, cap.x0, opened.top, cap.x1, opened.bottom, opened.size, opened.fontname, opened.bold, color=opened.color)
                joined[id(opened)] = (initial, opened)
            elif not a_word(cap.text + opened.text) and all(w.top >= opened.top for w in words if w is not cap):
                # at the page's top, beside a word it makes no word with: maybe moved from the page before
                joined[id(opened)] = (Word(cap.text, cap.x0, opened.top, cap.x1, opened.bottom, cap.size, cap.fontname, cap.bold, color=cap.color), opened)
            else:
                joined[id(opened)] = (replace(opened, text=cap.text + opened.text, x0=cap.x0),)
            caps.add(id(cap))
    if not joined:
        return list(words), drawn

    def swapped(ws: Sequence[Word]) -> list[Word]:
        return [x for w in ws if id(w) not in caps for x in joined.get(id(w), (w,))]

    order = drawn
    return swapped(words), (None if order is None else lambda: swapped(order()))


def moved_initial(line: Line) -> bool:
    """Does ``line`` open with an initial left apart by :func:`with_drop_caps`: one or two letters
    in type several times the line's size, yet no taller than the line?"""
    first = line.words[0]
    return (
        len(line.words) > 1
        and 0 < len(first.text) <= DROP_CAP_LETTERS
        and first.text.isalpha()
        and first.size >= DROP_CAP * line.size
        and first.bottom - first.top < first.size / DROP_CAP
    )


def with_moved_initials(page_lines: Sequence[Sequence[Line]]) -> tuple[tuple[Line, ...], ...]:
    """A document's lines with every drop cap moved to the top of the next page put back: a
    producer may float a paragraph's initial past a page break (Chromium does), leaving the
    paragraph without its first letter («eileder») and the initial beside the text that runs on
    («Vtiltaket»). Where the page before has a line whose first word is no word but is one with
    the initial (:func:`~pipeline.hyphenation.initial_missing`), the last such line gets it;
    else the initial opens the word beside it, as any drop cap does."""
    pages = [list(lines) for lines in page_lines]
    for n, lines in enumerate(pages):
        if not lines or not moved_initial(lines[0]):
            continue
        initial, rest = lines[0].words[0], lines[0].words[1:]
        home = next((k for k in reversed(range(len(pages[n - 1]))) if initial_missing(initial.text, pages[n - 1][k].words[0].text)), None) if n else None
        if home is None:
            lines[0] = make_line([replace(rest[0], text=initial.text + rest[0].text, x0=initial.x0), *rest[1:]], lines[0].page)
            continue
        before = pages[n - 1][home]
        lines[0] = make_line(rest, lines[0].page)
        pages[n - 1][home] = replace(before, words=(replace(before.words[0], text=initial.text + before.words[0].text), *before.words[1:]))
    return tuple(tuple(lines) for lines in pages)


def lines_in_reading_order(
    words: Sequence[Word], page: int, drawn: DrawingOrder | None = None, ruled: Sequence[Shape] = (), fills: Sequence[Fill] = ()
) -> tuple[list[Line], str]:
    """A page's lines in reading order, and why that order is doubtful ("" when it is not). Lines
    are grouped within each region of the page (:mod:`pipeline.stages.structure`), never across the
    gap between two columns; a page in one column gives the lines :func:`group_lines` gives.
    ``drawn`` gives the words in the order the PDF draws them (None: as listed). A drop cap is
    read as the first letter(s) of the word it opens (:func:`with_drop_caps`). ``ruled``: the rules
    drawn down the page (:func:`vertical_rule`), which part columns as white does. ``fills``: the page's filled
    paths in a colour other than the page's, where a badge may stand (:func:`~pipeline.stages.structure.badges_at_their_headings`)."""
    words, drawn = with_drop_caps(words, drawn)
    rows = rows_of(words)
    structure = page_structure(words, rows, drawn, ruled=ruled)
    filled = on_fills_of_their_own(words, fills) if fills else frozenset()
    if structure.gutter is None:
        return [make_line(row, page, fills) for row in badges_at_their_headings(rows, filled)], structure.doubt
    if log.isEnabledFor(logging.DEBUG):
        log.debug("page %d: two columns, the gutter at x %.1f–%.1f, %d regions", page, *structure.gutter, len(structure.regions))
        for note in structure.notes:
            log.debug("page %d: %s", page, note)
    return [line for region in structure.regions for line in group_lines(region.words, page, filled, fills)], structure.doubt


def on_the_fill(fill: Fill, word: Word) -> bool:
    """Does the filled path ``fill`` lie under the word: its box within the fill's sides, its middle within its height?"""
    x0, top, x1, bottom = fill
    return x0 <= word.x0 and word.x1 <= x1 and top <= (word.top + word.bottom) / 2 <= bottom


def highlights(words: Sequence[Word], fills: Sequence[Fill]) -> list[tuple[Fill, frozenset[int]]]:
    """The fills that highlight a run of the line's ``words`` (a status on a coloured box), each with the run's
    indices: the fill lies under those words, and past their run by no more than a badge's padding on any side
    (:data:`~pipeline.stages.structure.PADDING` ems). A fill under the whole page, a panel, or a table's cell with
    white to spare holds its words so loosely that it is none."""
    out = []
    for fill in fills:
        held = [k for k, w in enumerate(words) if on_the_fill(fill, w)]
        if not held:
            continue
        run = [words[k] for k in held]
        pad = PADDING * max(w.size for w in run)
        x0, top, x1, bottom = fill
        spare = (min(w.x0 for w in run) - x0, x1 - max(w.x1 for w in run), min(w.top for w in run) - top, bottom - max(w.bottom for w in run))
        if max(spare) <= pad:
            out.append((fill, frozenset(held)))
    return out


def white_between(words: Sequence[Word], k: int, fills: Sequence[Fill], marked: Sequence[tuple[Fill, frozenset[int]]]) -> float:
    """The white between ``words[k - 1]`` and ``words[k]`` (a line's, left to right) where a word space may stand:
    from where the first ends to where the second begins, less the padding of a highlight under one of them and
    not the other (``marked``: :func:`highlights`; ``fills``: all the page's near the line). A word highlighted on a
    coloured box has the box's padding around it, and a «.» set right after the highlight stands past the box's
    end, as far from the word as a space would set it, though the source has none there: the white that counts is
    outside the highlight, from its edge, where the other word stands on the ground the two share (on no fill the
    highlighted word is not on: a word in the next cell of a banded table stands on a fill of its own)."""
    prev, word = words[k - 1], words[k]
    start, end = prev.x1, word.x0

    def on_the_ground_of(other: Word, held: Word) -> bool:
        return not any(on_the_fill(f, other) and not on_the_fill(f, held) for f in fills)

    for (x0, _, x1, _), held in marked:
        if k - 1 in held and k not in held and x1 >= prev.x1 and on_the_ground_of(word, prev):
            start = max(start, x1)  # the highlight ends after the first word: the white before that is its padding
        elif k in held and k - 1 not in held and x0 <= word.x0 and on_the_ground_of(prev, word):
            end = min(end, x0)  # the highlight starts before the second word
    return end - start


def make_line(words: Sequence[Word], page: int, fills: Sequence[Fill] = ()) -> Line:
    """The printed line of ``words``, each marked as after a word space or not (``fills``: the page's filled paths,
    :func:`white_between`)."""
    ordered = sorted(words, key=lambda w: w.x0)
    if fills:
        top, bottom = min(w.top for w in ordered), max(w.bottom for w in ordered)
        fills = [f for f in fills if f[1] < bottom and top < f[3]]  # (those beside the line)
    marked = highlights(ordered, fills) if fills else []
    glued: list[Word] = []
    for i, w in enumerate(ordered):
        if i:
            prev = ordered[i - 1]
            gap = white_between(ordered, i, fills, marked) if marked else w.x0 - prev.x1
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
    angled: tuple[tuple[int, str], ...] = ()  # (page, text) of the glyphs set at an angle left out of its lines (angled_text)
    turned: tuple[tuple[int, str], ...] = ()  # (page, text) of the runs turned a quarter in a margin left out of its lines (turned_in_a_margin)

    def text_of_pages(self, first: int, last: int) -> str:
        return "\n".join(ln.text for lines in self.page_lines[first - 1 : last] for ln in lines)
