"""The PDFium engine: the reference's ``RawPdf``, with the glyphs read by PDFium.

A PDF is read in two parts:

- **Its structure** (page tree, page boxes, fonts' names and metrics, link annotations,
  metadata) as the reference reads it: pdfminer inside the guards of
  :mod:`pipeline.stages.guards`, but without interpreting any page's content, which is
  what makes the reference slow. So the refusals (a cycle in the page tree, a reference
  loop, too many pages, a password), the links and their ``links_unreadable`` warnings
  are the reference's own.
- **Its content** (every glyph, with its origin, font, size and fill colour) by PDFium's
  text page. The glyphs become pdfplumber's characters (the same box: the font's
  advance wide, the font size high, from its descent), each in the page's font of PDFium's
  name for it (of a font embedded in several subsets, the one its subset tag names:
  :func:`same_subset`), and the characters words and lines by pdfplumber's own rules
  (:func:`chars_to_words`, :func:`dedupe_chars`).

Where PDFium's text page departs from the content stream, the departure is undone: its
glyph widths are integers (the PDF's may not be), so the positions along each text object
are corrected with the font's own widths (a code without a width of a CID font takes the
font's default width, as in pdfminer; where the font gives one text to codes of several
widths, PDFium's integer width of the glyph tells which code it is); a ligature it splits
into letters is joined again (however many), its box and size made as its neighbours';
a hyphen that ends a line is given back its own character (PDFium replaces a
hyphen-minus or soft hyphen there by a marker and drops the spaces after it) by reading
its text object again, alone, on a scratch page; so is a text object whose glyphs PDFium
reads from the ActualText of its marked content where that is no text of its font (a
hyphen whose ActualText is a soft hyphen: pdfminer reads the font's hyphen), the ActualText
dropped; a text object the text page leaves out for its empty box (a space set alone,
which tells the reference's words that a hyphen before it ends a word) is read alone too,
given a box; PDFium's own spaces (``generated``) are left out. A word's size is rounded
from PDFium's float32 values as they are. Boxes then differ from the reference's by a
rounding step (PDFium's positions are float32; :mod:`tests.test_engines` holds them within
0.5 pt), and by a few hundredths after a text object that goes on where the last one
ended (no Td between them): PDFium starts it where its own integer widths ended the last.

Where the two parsers would recover from damage each in its own way, the reference reads:
a page with a damaged stream or font, a stream not where the cross-references say, or
glyphs PDFium reads as texts their font (as pdfminer reads it) has no code for
(``RawPdf.reference_pages``); a PDF whose cross-references had to be rebuilt, or that
PDFium cannot open (:class:`PdfiumFailed`, caught by :func:`pipeline.stages.engines.read.read_pdf`).
"""

from __future__ import annotations

import ctypes
import itertools
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2.raw as pdfium_c
import regex

from pipeline.hyphenation import HYPHENS, ends_in_hyphen, ends_in_slash
from pipeline.model import Line, Link, PageInfo, Word
from pipeline.stages.engines.parts import WHOLE, Share
from pipeline.stages.engines.words import LIGATURE_TABLE, LIGATURES

if TYPE_CHECKING:
    from pipeline.stages.engines.words import DrawingOrder, Fill, Shape

# pdfplumber's word extraction as the reference calls it (pdfplumber.page_words)
X_TOLERANCE = 1.5
Y_TOLERANCE = 2.0
LIGATURE_OF = {text: glyph for glyph, text in LIGATURES.items()}  # PDFium's pieces of a ligature glyph, joined again
HYPHEN_MARK = 0x2  # what PDFium's text page puts in place of a hyphen that ends a line


@dataclass(slots=True)
class Char:
    """A glyph as pdfplumber's ``page.chars`` gives it (the keys the reference uses)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool
    fontname: str
    size: float
    color: str  # #rrggbb, "" for black
    obj: int = 0  # the PDFium text object it belongs to
    # the size as PDFium's float32 values make it, before _num: the word's size is rounded from it (a size
    # just under a hundredth's half, 10.6599998 × 0.75, is put on the half by _num and would round up)
    unrounded: float | None = None
    angled: bool = False  # its baseline set at an angle (words.set_at_an_angle): no part of any line


# --- fonts as pdfminer reads them ----------------------------------------------------------------


class Font:
    """A font of the PDF as pdfminer reads it (its name, descent and widths), for PDFium's glyphs in it."""

    def __init__(self, font: Any) -> None:
        self.font = font  # pdfminer's PDFFont
        self.fontname = font.fontname if isinstance(font.fontname, str) else str(font.fontname)
        self.descent = font.get_descent()
        self.vertical = font.is_vertical()
        self._widths: dict[str, tuple[float, float]] | None = None
        self._several: set[str] | None = None
        self._choices: dict[str, dict[int, tuple[float, float]]] | None = None
        scale = getattr(font, "hscale", 0.001) or 0.001
        # a standard font's widths (pdfminer's AFM tables) by text: PDFium has tables of its own
        self.named = {k: v * scale for k, v in font.widths.items() if isinstance(k, str) and isinstance(v, (int, float))}

    def widths(self) -> dict[str, tuple[float, float]]:
        """Text → (advance per point of font size, what PDFium's integer width of it leaves out), for each text
        of the font's codes that all its codes of that text share (the others: :meth:`several`)."""
        if self._widths is None:
            font, clash = self.font, set()
            found: dict[str, tuple[float, float]] = {}
            scale = getattr(font, "hscale", 0.001) or 0.001
            for cid in self._codes():  # as _entries, inlined: this runs for every font of every page
                try:
                    text = font.to_unichr(cid)
                    width = font.char_width(cid)
                except Exception:  # no text for the code, a malformed width
                    continue
                units = width / scale
                entry = (width, (units - int(units)) * scale if units >= 0 else 0.0)
                if found.setdefault(text, entry) != entry:
                    clash.add(text)
            self._widths = {t: w for t, w in found.items() if t not in clash} if clash else found
            self._several = clash
        return self._widths

    def several(self) -> set[str]:
        """The texts the font gives codes of several widths (a digit and its superscript, both read "1")."""
        if self._several is None:
            self.widths()
        assert self._several is not None
        return self._several

    def choice(self, text: str, units: int) -> tuple[float, float] | None:
        """The entry of :meth:`widths` of the one code of a text of :meth:`several` whose integer width is
        PDFium's width of the glyph (None if none is, or two are)."""
        if self._choices is None:
            several = self.several()
            by_text: dict[str, dict[int, list[tuple[float, float]]]] = {}
            for whole, t, entry in self._entries():
                if t in several:
                    by_text.setdefault(t, {}).setdefault(whole, []).append(entry)
            self._choices = {t: {whole: e[0] for whole, e in by_units.items() if len(set(e)) == 1} for t, by_units in by_text.items()}
        return self._choices.get(text, {}).get(units)

    def _entries(self) -> Iterator[tuple[int, str, tuple[float, float]]]:
        """(PDFium's integer width, text, entry of :meth:`widths`) of each code of the font that has a text."""
        font = self.font
        scale = getattr(font, "hscale", 0.001) or 0.001
        for cid in self._codes():
            try:
                text = font.to_unichr(cid)
                width = font.char_width(cid)
            except Exception:  # no text for the code, a malformed width
                continue
            units = width / scale
            whole = int(units)
            yield whole, text, (width, (units - whole) * scale if units >= 0 else 0.0)

    def _codes(self) -> list[int]:
        """The font's codes: those its widths name and, for a CID font set horizontally, those its ToUnicode
        map names without a width (they take its default width, in PDFium as in pdfminer)."""
        from pdfminer.pdffont import PDFCIDFont

        widths = self.font.widths
        codes = [cid for cid in widths if isinstance(cid, int)]
        if not self.vertical and isinstance(self.font, PDFCIDFont):
            mapped = getattr(self.font.unicode_map, "cid2unichr", None)
            if isinstance(mapped, dict):
                codes += [cid for cid in mapped if isinstance(cid, int) and cid not in widths]
        return codes


def page_fonts(
    resources: object, manager: Any, depth: int = 0, damaged: set[int] | None = None, known: dict[int, Font] | None = None
) -> Iterator[tuple[str, Font]]:
    """The fonts of a page's resources (and of its forms' resources), by name without subset prefix;
    those whose streams were found damaged when they were loaded are added to ``damaged`` (ids).
    ``known``: the :class:`Font` of each pdfminer font met on earlier pages (by its id), so that a font
    that most pages use has its widths worked out once per PDF, not once per page."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
    from pdfminer.psparser import literal_name

    from pipeline.stages import guards

    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 8:
        return
    fonts = resolve1(resources.get("Font"))
    if isinstance(fonts, dict):
        for ref in fonts.values():
            spec = resolve1(ref)
            if not isinstance(spec, dict):
                continue
            before = guards.damage_count()
            try:
                loaded = manager.get_font(ref.objid if isinstance(ref, PDFObjRef) else None, spec)
                font = known.get(id(loaded)) if known is not None else None
                if font is None:  # (a Font keeps its pdfminer font alive: an id in ``known`` is never another font's)
                    font = Font(loaded)
                    if known is not None:
                        known[id(loaded)] = font
            except MemoryError:
                raise
            except Exception:  # pdfminer cannot load it: a glyph PDFium finds in it makes the page the reference's
                continue
            if damaged is not None and guards.damage_count() > before:
                damaged.add(id(font.font))
            names = {font.fontname, font.font.basefont if hasattr(font.font, "basefont") else ""}
            base = resolve1(spec.get("BaseFont"))
            names.add(literal_name(base) if base is not None and not isinstance(base, (str, bytes)) else str(base))
            for name in names:
                if name:
                    yield str(name).split("+", 1)[-1], font
    xobjects = resolve1(resources.get("XObject"))
    if isinstance(xobjects, dict):
        for item in xobjects.values():
            xobject = resolve1(item)
            if isinstance(xobject, PDFStream) and "Resources" in xobject.attrs:
                yield from page_fonts(xobject.attrs["Resources"], manager, depth + 1, damaged, known)


# --- words from characters, as pdfplumber makes them --------------------------------------------------


def _chains(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: each value to the index of its chain of values less than tolerance apart."""
    out: dict[float, int] = {}
    index, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            index += 1
        out[value] = index
        last = value
    return out


def _clusters(chars: list[Char], values: list[float], tolerance: float) -> list[list[Char]]:
    """pdfplumber's cluster_objects: the characters by chain of their values, each chain in their order."""
    if len(set(values)) == 1:
        return [chars]
    chain = _chains(values, tolerance)
    ordered = sorted(zip((chain[v] for v in values), range(len(chars)), chars))
    return [[c for _, _, c in group] for _, group in itertools.groupby(ordered, key=itemgetter(0))]


def dedupe_chars(chars: list[Char]) -> list[Char]:
    """The reference's dedupe_chars: glyphs drawn twice (same text, font and size within 1 pt) kept once."""
    from pipeline.stages.engines.words import duplicates

    if not may_repeat(chars):
        return chars
    drop = duplicates([((c.upright, c.text, c.fontname, c.size), c.top, c.x0) for c in chars])
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


def without_turned(chars: list[Char], turned: list[str] | None = None) -> list[Char]:
    """The reference's without_turned: the glyphs of the runs turned a quarter in a margin left out
    (:func:`~pipeline.stages.engines.words.turned_in_a_margin`), ``turned`` receiving their texts."""
    from pipeline.stages.engines.words import turned_in_a_margin

    if all(c.upright for c in chars):
        return chars
    away, texts = turned_in_a_margin([(c.text, c.x0, c.x1, c.top, c.bottom, c.upright) for c in chars])
    if turned is not None:
        turned.extend(texts)
    return [c for i, c in enumerate(chars) if i not in away] if away else chars


def may_repeat(chars: list[Char]) -> bool:
    """Whether dedupe_chars could drop a glyph at all: two glyphs of one font and size, less than a point
    apart in x0, whose tops chain within a point. Checked on text objects: the glyphs of each advance
    by more than a point (set upright, left to right), and the spans of those of one font and size on
    one chain of tops do not come within a point of each other. False on nearly every page, in a
    fraction of the time dedupe takes."""
    spans: dict[int, list] = {}  # text object → [font, size, least top, most top, least x0, most x0]
    last: Char | None = None
    for c in chars:
        span = spans.get(c.obj)
        if span is None:
            if not c.upright:
                return True
            spans[c.obj] = [c.fontname, c.size, c.top, c.top, c.x0, c.x0]
        elif last is None or last.obj != c.obj or c.x0 - last.x0 <= 1:
            return True  # an object's glyphs interleaved with another's, or close together
        else:
            top = c.top
            if top < span[2]:
                span[2] = top
            elif top > span[3]:
                span[3] = top
            span[5] = c.x0
        last = c
    by_style: dict[tuple, list[list]] = {}
    for span in spans.values():
        by_style.setdefault((span[0], span[1]), []).append(span)
    for group in by_style.values():
        if len(group) < 2:
            continue
        group.sort(key=itemgetter(2))
        chain: list[list] = []
        reach = -1e9
        for span in [*group, None]:
            if span is not None and span[2] <= reach + 1:
                chain.append(span)
                reach = max(reach, span[3])
                continue
            if len(chain) > 1:
                chain.sort(key=itemgetter(4))
                right = -1e9
                for s in chain:
                    if s[4] <= right + 1:
                        return True
                    right = max(right, s[5])
            if span is not None:
                chain, reach = [span], span[3]
    return False


def chars_to_words(chars: list[Char]) -> list[list[Char]]:
    """pdfplumber's extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["fontname", "size"]):
    the characters of each word, in the reference's order."""
    words: list[list[Char]] = []
    for (upright, _, _), run in itertools.groupby(chars, key=attrgetter("upright", "fontname", "size")):
        run_chars = list(run)
        if upright:  # lines top to bottom, characters left to right
            lines = _clusters(run_chars, [c.top for c in run_chars], Y_TOLERANCE)
            ordered = [sorted(line, key=attrgetter("x0")) if len(line) > 1 else line for line in lines]
        else:  # lines left to right, characters top to bottom
            lines = _clusters(run_chars, [c.x0 for c in run_chars], X_TOLERANCE)
            ordered = [sorted(line, key=attrgetter("top", "bottom")) for line in lines]
        for line in ordered:
            current: list[Char] = []
            prev = None
            for c in line:
                if c.text.isspace():
                    if current:
                        words.append(current)
                    current, prev = [], None
                    continue
                if prev is not None and (
                    (c.x0 < prev.x0 or c.x0 > prev.x1 + X_TOLERANCE or abs(c.top - prev.top) > Y_TOLERANCE)
                    if upright
                    else (c.top < prev.top or c.top > prev.bottom + Y_TOLERANCE or abs(c.x0 - prev.x0) > X_TOLERANCE)
                ):
                    words.append(current)
                    current = []
                current.append(c)
                prev = c
            if current:
                words.append(current)
    return words


def page_words(chars: list[Char], turned: list[str] | None = None) -> tuple[list[Word], DrawingOrder]:
    """Words of one page exactly as :func:`pipeline.stages.engines.pdfplumber.page_words` makes them from the same characters,
    and the same words in the order PDFium's text page gives their glyphs (the order the PDF draws them); ``turned``
    receives the texts of the runs turned a quarter in a margin, left out as the reference leaves them."""
    from pipeline.stages.engines.words import (
        TRACKING,
        clean_glyphs,
        in_drawing_order,
        is_bold,
        letter_gaps,
        space_at,
        spaces_ending_lines,
        tracked_runs,
    )

    chars = without_turned(dedupe_chars(chars), turned)
    found = chars_to_words(chars)
    # the pieces of a tracked word joined, as the reference joins them: only where some word's letters stand apart can any be
    if any(b.x0 - a.x1 >= TRACKING * a.size for g in found for a, b in zip(g, g[1:])):
        runs = tracked_runs([((g[0].upright, g[0].fontname, g[0].size), min(c.top for c in g), min(c.x0 for c in g), max(c.x1 for c in g), letter_gaps([(c.x0, c.x1) for c in g])) for g in found])
        found = [[c for i in run for c in found[i]] for run in runs] if len(runs) < len(found) else found
    glyphs: list[list[Char]] = []  # each word's
    colours: dict[tuple[float, float], str] | None = None
    spaces: list[tuple[float, float]] | None = None
    ending: list[tuple[float, float]] | None = None
    names: dict[str, tuple[str, bool]] = {}
    words = []
    for group in found:
        first = group[0]
        if len(group) == 1:
            text, x0, x1, top, bottom = first.text, first.x0, first.x1, first.top, first.bottom
        else:
            text = "".join([c.text for c in group])
            x0, x1 = min([c.x0 for c in group]), max([c.x1 for c in group])
            top, bottom = min([c.top for c in group]), max([c.bottom for c in group])
        if not text.isascii():  # (nine words in ten are ASCII: no ligature, nothing clean_glyphs maps)
            text = clean_glyphs(text.translate(LIGATURE_TABLE))
        if not text.strip():
            continue
        colour = first.color
        if first.x0 != x0 or first.top != top:  # the reference takes the colour of the glyph at the word's corner
            if colours is None:
                colours = {(round(c.x0, 1), round(c.top, 1)): c.color for c in chars}
            colour = colours.get((round(x0, 1), round(top, 1)), "")
        space_after = None
        if ends_in_hyphen(text):
            if spaces is None:
                spaces = [(c.x0, c.top) for c in chars if c.text == " "]
            space_after = space_at(spaces, x1, top)
        elif ends_in_slash(text):  # (asked at a line's end only: between two words of a line, every space is printed)
            if ending is None:
                ending = spaces_ending_lines([(c.text, c.x0, c.top, c.bottom) for c in chars])
            space_after = space_at(ending, x1, top) or None
        if first.fontname not in names:
            fontname = first.fontname.split("+", 1)[-1]
            names[first.fontname] = (fontname, is_bold(fontname))
        fontname, bold = names[first.fontname]
        size = first.size if first.unrounded is None else first.unrounded
        words.append(Word(text, round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2), round(size, 2), fontname, bold, True, space_after, colour))
        glyphs.append(group)
    return words, lambda: in_drawing_order(words, glyphs, chars)


# --- PDFium -------------------------------------------------------------------------------------------


class PdfiumFailed(Exception):
    """PDFium could not open or read the PDF (its error code); the reference reads it instead."""


def _open(path: Path, password: str | None) -> Any:
    """The PDF opened by PDFium, after the reference opened it (see guards.open_pdf): with the
    password, else without one (an owner password only, or a password for other PDFs of the run)."""
    name = str(path).encode("utf-8")
    for attempt in ([password.encode("utf-8")] if password else []) + [None]:
        doc = pdfium_c.FPDF_LoadDocument(name, attempt)
        if doc:
            return doc
        if pdfium_c.FPDF_GetLastError() != pdfium_c.FPDF_ERR_PASSWORD:
            break
    raise PdfiumFailed(f"PDFium cannot open it (error {pdfium_c.FPDF_GetLastError()})")


@contextmanager
def opened(path: Path, password: str | None) -> Iterator[Any]:
    doc = _open(path, password)
    try:
        yield doc
    finally:
        pdfium_c.FPDF_CloseDocument(doc)


@dataclass(frozen=True)
class Geometry:
    """What turns PDF user space into pdfplumber's page coordinates (see pdfminer's PDFPageInterpreter.process_page)."""

    ctm: tuple[float, float, float, float, float, float]
    height: float  # pdfplumber's page.height
    mb_x0: float  # pdfplumber's page.mediabox[0] and [1]
    mb_top: float

    @classmethod
    def of(cls, page: Any) -> Geometry:
        """From a pdfplumber page (its boxes computed as pdfplumber computes them)."""
        x0, y0, x1, y1 = (float(v) for v in page.page_obj.mediabox)
        rotate = page.page_obj.rotate
        if rotate == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotate == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotate == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        return cls(ctm, float(page.height), float(page.mediabox[0]), float(page.mediabox[1]))


def _num(value: float) -> float:
    """A float32 from PDFium as the decimal it stands for (6.599999904632568 → 6.6)."""
    return round(value, 5)


@dataclass
class _Style:
    """What the glyphs of one PDFium text object share."""

    font: Font
    handle: Any  # PDFium's font
    size: float  # the font size (Tf), as the decimal PDFium's float32 stands for
    size32: float  # the float32 itself
    matrix: tuple[float, float, float, float]  # text space to user space, without the translation
    color: str
    obj: Any  # PDFium's text object


# One glyph of PDFium's text page: its text (one character of it, for a ligature), origin, text object, and
# PDFium's integer width of it when its font gives its text to codes of several widths (else 0: not asked).
_Glyph = tuple[str, float, float, int, int]


class PageReader:
    """The characters of one page, from PDFium's text page, as pdfminer would have made them."""

    def __init__(self, doc: Any, index: int, geometry: Geometry, fonts: dict[str, list[Font]]) -> None:
        self.doc = doc
        self.index = index
        self.geometry = geometry
        self.fonts = fonts
        self.styles: dict[int, _Style] = {}
        self.gap_after_hyphen = False  # whether PDFium puts a space or line break of its own after a hyphen
        self.unknown = 0  # glyphs whose text the font, as pdfminer reads it, has no code for
        self.unknown_in: list[int] = []  # the text object of each (of the last reading)
        self.shapes: list[Shape] = []  # the small paths drawn on the page (maybe list markers)
        self.rules: list[Shape] = []  # the thin paths drawn on the page (maybe underlines)
        self.ruled: list[Shape] = []  # the rules drawn down the page (maybe between columns)
        self.fills: list[Fill] = []  # the paths filled in a colour other than the page's white (maybe under a badge)
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()
        self._f = ctypes.c_float()
        self._matrix = pdfium_c.FS_MATRIX()
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._box = pdfium_c.FS_RECTF()
        self._angled = False  # whether the last page read has glyphs set at an angle
        self.angled: list[str] = []  # the texts of those glyphs, left out of its characters
        from pipeline.stages.engines.words import set_at_an_angle

        self._at_an_angle = set_at_an_angle

    def chars(self) -> list[Char]:
        page = pdfium_c.FPDF_LoadPage(self.doc, self.index)
        if not page:
            raise PdfiumFailed(f"PDFium cannot load page {self.index + 1}")
        try:
            self.shapes, self.rules, self.ruled = self._shapes(page)
            text_page = pdfium_c.FPDFText_LoadPage(page)
            if not text_page:
                raise PdfiumFailed(f"PDFium cannot read the text of page {self.index + 1}")
            try:
                glyphs, marked = self._glyphs(text_page)
            finally:
                pdfium_c.FPDFText_ClosePage(text_page)
            if self.gap_after_hyphen:  # where a space the text page leaves out may follow it
                glyphs = self._with_blank_objects(page, glyphs)
            if marked:
                glyphs = self._unmark(page, glyphs, marked)
            self._angled = False
            chars = self._chars(glyphs)
            actual = self._actual_texts() if self.unknown else {}
            if actual:
                self.unknown = 0
                chars = self._chars(self._unmark(page, glyphs, actual))
        finally:
            pdfium_c.FPDF_ClosePage(page)
        if self.unknown:  # PDFium and pdfminer read a font's codes as other texts (a font damaged or odd)
            raise PdfiumFailed(f"PDFium reads {self.unknown} glyphs of page {self.index + 1} as text its font does not have")
        if not self._angled:
            return chars
        self.angled = [c.text for c in chars if c.angled]
        return [c for c in chars if not c.angled]  # a watermark's letters left out, as the reference leaves them

    def _glyphs(self, text_page: Any) -> tuple[list[_Glyph], dict[int, Any]]:
        """The text page's glyphs; and the text objects holding a hyphen PDFium replaced by its marker."""
        c = pdfium_c
        count = c.FPDFText_CountChars(text_page)
        text = _page_text(text_page, count)
        handle = ctypes.c_void_p(ctypes.cast(text_page, ctypes.c_void_p).value)
        get_object, get_origin, is_generated = _fast().text_object, _fast().char_origin, c.FPDFText_IsGenerated
        x, y = self._x, self._y
        px, py = ctypes.byref(x), ctypes.byref(y)
        glyphs: list[_Glyph] = []
        append = glyphs.append
        marked: dict[int, Any] = {}
        styles = self.styles
        last = None
        style: Any = None
        several: set[str] = set()  # the texts the object's font gives codes of several widths
        for i in range(count):
            key = get_object(handle, i)
            u = text[i] if text is not None else chr(c.FPDFText_GetUnicode(text_page, i))
            if not key or (u == " " and is_generated(text_page, i)):  # PDFium's own spaces and line breaks
                if glyphs and glyphs[-1][0] in HYPHENS:
                    self.gap_after_hyphen = True
                continue
            if key != last:
                last, style = key, styles.get(key)
                if style is None:
                    style = styles[key] = self._style(text_page, i, c.FPDFText_GetTextObject(text_page, i))
                several = style.font.several()
            if u in "\x02\ufffe" and c.FPDFText_GetUnicode(text_page, i) == HYPHEN_MARK:
                marked[key] = style.obj
                u = "-"
            get_origin(handle, i, px, py)
            append((u, x.value, y.value, key, self._units(text_page, i, style) if several and u in several else 0))
        return glyphs, marked

    def _units(self, text_page: Any, index: int, style: _Style) -> int:
        """PDFium's integer width of a glyph (per 1000 of its font size), from its loose box (its origin to
        its advance); 0 where the text object is not set upright."""
        a, size = style.matrix[0], style.size
        if a <= 0 or size <= 0 or not pdfium_c.FPDFText_GetLooseCharBox(text_page, index, self._box):
            return 0
        return round((self._box.right - self._box.left) / (a * size) * 1000)

    def _style(self, text_page: Any, index: int, obj: Any) -> _Style:
        c = pdfium_c
        handle = c.FPDFTextObj_GetFont(obj)
        c.FPDFTextObj_GetFontSize(obj, self._f)
        c.FPDFText_GetMatrix(text_page, index, self._matrix)
        m = self._matrix
        r, g, b, a = self._rgba
        colour = ""
        if c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            colour = f"#{r.value:02x}{g.value:02x}{b.value:02x}"
            colour = "" if colour == "#000000" else colour
        return _Style(self._font(handle), handle, _num(self._f.value), self._f.value, (m.a, m.b, m.c, m.d), colour, obj)

    def _font(self, handle: Any) -> Font:
        """The pdfminer font of a PDFium font: the page's font of that name."""
        full = _font_name(handle)
        name = full.split("+", 1)[-1]
        candidates = self.fonts.get(name, [])
        if len(candidates) > 1:
            candidates = same_subset(candidates, full)
        if len(candidates) == 1:
            return candidates[0]
        d = ctypes.c_float()
        pdfium_c.FPDFFont_GetDescent(handle, ctypes.c_float(1000.0), d)
        if candidates:  # several fonts of one name (subsets): the one PDFium read the same descent from
            return min(candidates, key=lambda f: abs(f.descent * 1000 - d.value))
        raise PdfiumFailed(f"no font {name!r} among the page's resources")

    def _chars(self, glyphs: list[_Glyph]) -> list[Char]:
        """Glyphs as pdfminer's characters: a ligature's texts joined into one character, each box the
        glyph's advance wide (pdfminer's float widths, PDFium's origins corrected for its integer ones)."""
        chars: list[Char] = []
        append = chars.append
        shift = 0.0  # what PDFium's integer widths left out so far in this text object (text space)
        lost = 0.0  # what they left out of the last glyph
        last_obj = lx = ly = None
        raw = ""  # the last glyph's text, all of a ligature's
        style: Any = None
        widths: dict[str, tuple[float, float]] = {}
        a = size = ex = top_of = bottom_of = height = unrounded = 0.0
        fontname = colour = ""
        fast = False
        unknown: list[int] = []
        missing = False  # whether the last character's text is one its font has no code for
        first = 0  # PDFium's width of the last glyph, the first of a ligature's
        for text, x, y, obj, units in glyphs:
            if obj == last_obj and x == lx and y == ly:  # the rest of a ligature's text, at its origin
                raw += text
                shift -= lost * size
                if missing:  # a ligature's first letters alone are no text of its font
                    unknown.pop()
                chars[-1], lost, missing = self._slow_char(raw, x, y, shift, style, widths, obj, first)
                if missing:
                    unknown.append(obj)
                shift += lost * size
                continue
            if obj != last_obj:
                shift, last_obj, style = 0.0, obj, self.styles[obj]
                widths = style.font.widths()
                size = style.size
                constants = self._fast_path(style)
                fast = constants is not None
                if constants is not None:
                    a, ex, top_of, bottom_of, height, unrounded, fontname, colour = constants
            lx, ly, raw, first = x, y, text, units
            known = widths.get(text)
            if fast and known is not None:
                width, lost = known
                x0 = x + a * shift + ex
                if not text.isascii():
                    text = unicodedata.normalize("NFC", text)
                append(Char(text, x0, x0 + a * width * size, top_of - y, bottom_of - y, True, fontname, height, colour, obj, unrounded))
                missing = False
            else:
                char, lost, missing = self._slow_char(text, x, y, shift, style, widths, obj, units)
                append(char)
                if missing:
                    unknown.append(obj)
            shift += lost * size
        self.unknown += len(unknown)
        self.unknown_in = unknown
        return chars

    def _slow_char(self, text: str, x: float, y: float, shift: float, style: _Style, widths: dict, obj: int, units: int) -> tuple[Char, float, bool]:
        """One character the general way (any matrix, a standard font, a ligature, a text the font gives codes
        of several widths, a width only PDFium knows), how much more than PDFium's its advance is, and whether
        its text is one its font has no code for."""
        known = widths.get(text, widths.get(LIGATURE_OF.get(text, "")))
        if known is None and units:  # the code of the text whose width is PDFium's
            known = style.font.choice(text, units)
        if known is None and text in style.font.named:  # a standard font: pdfminer's width against PDFium's
            width = style.font.named[text]
            known = widths[text] = (width, width - self._pdfium_width(style.handle, text))
        width, lost = known if known is not None else (self._pdfium_width(style.handle, text), 0.0)
        missing = known is None and bool(text.strip()) and bool(style.font.named or style.font.widths())
        return self._char(text, x, y, shift, width, style, obj), lost, missing

    def _fast_path(self, style: _Style) -> tuple | None:
        """Constants of the boxes of a text object set upright on an unrotated page (nearly every one)."""
        a, b, c, d = style.matrix
        ctm = self.geometry.ctm
        if b or c or a <= 0 or d <= 0 or ctm[:4] != (1.0, 0.0, 0.0, 1.0):
            return None
        geo = self.geometry
        size = style.size
        low = style.font.descent * size
        base = geo.height + geo.mb_top - ctm[5]
        return (a, ctm[4] + geo.mb_x0, base - d * (low + size), base - d * low, _num(d * size), d * style.size32, style.font.fontname, style.color)

    def _pdfium_width(self, handle: Any, text: str) -> float:
        out = ctypes.c_float()
        return out.value / 1000 if text and pdfium_c.FPDFFont_GetGlyphWidth(handle, ord(text[0]), ctypes.c_float(1000.0), out) else 0.0

    def _char(self, text: str, ox: float, oy: float, shift: float, width: float, style: _Style, key: int) -> Char:
        a, b, cc, d = style.matrix
        size = style.size
        advance = width * size
        low = style.font.descent * size
        ox, oy = ox + a * shift, oy + b * shift
        # pdfminer: the box from (0, descent) to (advance, descent + size) in text space, through the glyph's matrix
        p0 = (ox + cc * low, oy + d * low)
        p1 = (ox + a * advance + cc * (low + size), oy + b * advance + d * (low + size))
        ctm = self.geometry.ctm
        x0 = ctm[0] * p0[0] + ctm[2] * p0[1] + ctm[4]
        y0 = ctm[1] * p0[0] + ctm[3] * p0[1] + ctm[5]
        x1 = ctm[0] * p1[0] + ctm[2] * p1[1] + ctm[4]
        y1 = ctm[1] * p1[0] + ctm[3] * p1[1] + ctm[5]
        x0, x1 = (x1, x0) if x1 < x0 else (x0, x1)
        y0, y1 = (y1, y0) if y1 < y0 else (y0, y1)
        # the size from the box's extent, not from its corners (they carry the origin's rounding, which can tip
        # the size's last decimal away from the fast path's: a ligature would then split its word by size)
        ux, uy = a * advance + cc * size, b * advance + d * size
        extent = ctm[0] * ux + ctm[2] * uy if style.font.vertical else ctm[1] * ux + ctm[3] * uy
        ma, mb, mc, md = (a * ctm[0] + b * ctm[2], a * ctm[1] + b * ctm[3], cc * ctm[0] + d * ctm[2], cc * ctm[1] + d * ctm[3])
        geo = self.geometry
        angled = self._at_an_angle(ma, mb)
        self._angled |= angled
        return Char(
            text=text if text.isascii() else unicodedata.normalize("NFC", text),
            x0=x0 + geo.mb_x0,
            x1=x1 + geo.mb_x0,
            top=geo.height - y1 + geo.mb_top,
            bottom=geo.height - y0 + geo.mb_top,
            upright=0 < ma * md and mb * mc <= 0,
            fontname=style.font.fontname,
            size=_num(abs(extent)),
            color=style.color,
            obj=key,
            unrounded=abs(extent) * style.size32 / size if size else 0.0,
            angled=angled,
        )

    def _actual_texts(self) -> dict[int, Any]:
        """The text objects of the glyphs whose text their font has no code for that PDFium read from the
        ActualText of their marked content (a hyphen whose ActualText is a soft hyphen): pdfminer reads the
        font's text of each glyph, so the ActualText is dropped from the object, to read it again."""
        found = {}
        for key in dict.fromkeys(self.unknown_in):
            obj = self.styles[key].obj
            if _drop_actual_text(obj):
                found[key] = obj
        return found

    def _unmark(self, page: Any, glyphs: list[_Glyph], marked: dict[int, Any]) -> list[_Glyph]:
        """The glyphs of the given text objects (those that held a marked hyphen, or an ActualText), read
        again from each object alone."""
        again = self._read_alone(page, marked)
        out: list[_Glyph] = []
        for key, group in itertools.groupby(glyphs, key=itemgetter(3)):
            out.extend(again.pop(key) if key in again else group)
        return out

    def _shapes(self, page: Any) -> tuple[list[Shape], list[Shape], list[Shape]]:
        """The boxes of the page's small paths in pdfplumber's coordinates (maybe list markers drawn as
        shapes: :func:`pipeline.stages.engines.words.with_drawn_markers`), of its thin ones (maybe
        underlines: :func:`~pipeline.stages.engines.words.with_underlines`), and of the rules drawn down
        the page (:func:`pipeline.stages.engines.words.vertical_rule`); paths inside forms left out.
        The boxes of the paths filled in a colour other than the page's white go to ``fills`` (maybe under
        a badge: :func:`pipeline.stages.structure.on_fills_of_their_own`)."""
        from pipeline.stages.engines.words import hex_color, small_shape, thin_rule, tinted, vertical_rule

        c = pdfium_c
        a, b, cc, d, e, f = self.geometry.ctm
        height, mb_x0, mb_top = self.geometry.height, self.geometry.mb_x0, self.geometry.mb_top
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        red, green, blue, alpha = self._rgba
        out: list[Shape] = []
        thin: list[Shape] = []
        ruled: list[Shape] = []

        def placed(x0: float, y0: float, x1: float, y1: float) -> Shape:
            corners = [(a * x + cc * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
            xs, ys = [x for x, _ in corners], [y for _, y in corners]
            return (min(xs) + mb_x0, height - max(ys) + mb_top, max(xs) + mb_x0, height - min(ys) + mb_top)

        self.fills = []
        for i in range(c.FPDFPage_CountObjects(page)):
            obj = c.FPDFPage_GetObject(page, i)
            if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH or not c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            box = placed(left.value, bottom.value, right.value, top.value)
            if c.FPDFPath_GetDrawMode(obj, mode, stroke) and mode.value and c.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha):
                if tinted(hex_color(tuple(v.value / 255 for v in (red, green, blue)))):
                    self.fills.append(box)
            if small_shape(*box):
                out.append(box)
                continue
            # PDFium's bounds of a stroked path grow by the line's width on every side; pdfminer's are the path's own
            width = self._stroke_width(obj)
            x0, x1 = sorted((left.value + width, right.value - width)) if right.value - left.value > 2 * width - 0.01 else (left.value, right.value)
            y0, y1 = sorted((bottom.value + width, top.value - width)) if top.value - bottom.value > 2 * width - 0.01 else (bottom.value, top.value)
            rule = placed(x0, y0, x1, y1)
            if thin_rule(*rule):
                thin.append(rule)
            elif vertical_rule(*rule):
                ruled.append(rule)
        return out, thin, ruled

    def _stroke_width(self, path: Any) -> float:
        """The width of the line a path is stroked with, in the page's space (the path's matrix scales it); 0 for a
        path only filled."""
        c = pdfium_c
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not c.FPDFPath_GetDrawMode(path, fill, stroke) or not stroke.value or not c.FPDFPageObj_GetStrokeWidth(path, self._f):
            return 0.0
        m = self._matrix
        scale = abs(m.a * m.d - m.b * m.c) ** 0.5 if c.FPDFPageObj_GetMatrix(path, m) else 1.0
        return float(self._f.value) * scale

    def _with_blank_objects(self, page: Any, glyphs: list[_Glyph]) -> list[_Glyph]:
        """The glyphs with those of the page's text objects that PDFium's text page leaves out because their
        box is empty (their glyphs draw nothing: a space set by a text object of its own), each after the
        glyphs of the object drawn before it. pdfminer reads them: a space after a hyphen tells the
        reference's words that it ends a word. Each is given a box (its text stroked, the box grows by half
        the line width) and read alone."""
        c = pdfium_c
        blank: dict[int, Any] = {}
        after: dict[int, list[int]] = {}  # an object with glyphs (0: none yet) → the blank ones drawn next
        previous = 0
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for i in range(c.FPDFPage_CountObjects(page)):
            obj = c.FPDFPage_GetObject(page, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            if key in self.styles:
                previous = key
            elif (
                c.FPDFPageObj_GetType(obj) == c.FPDF_PAGEOBJ_TEXT
                and c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                and (left.value == right.value or bottom.value == top.value)
            ):
                c.FPDFTextObj_SetTextRenderMode(obj, c.FPDF_TEXTRENDERMODE_STROKE)
                c.FPDFPageObj_SetStrokeWidth(obj, ctypes.c_float(1.0))
                c.FPDFPageObj_Transform(obj, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # its box made again, with the stroke
                blank[key] = obj
                after.setdefault(previous, []).append(key)
        if not blank:
            return glyphs
        again = self._read_alone(page, blank)
        out = [g for key in after.pop(0, ()) for g in again.get(key, ())]
        for key, group in itertools.groupby(glyphs, key=itemgetter(3)):
            out.extend(group)
            out.extend(g for k in after.pop(key, ()) for g in again.get(k, ()))
        return out

    def _read_alone(self, page: Any, objects: dict[int, Any]) -> dict[int, list[_Glyph]]:
        """The glyphs of each of the given text objects, read alone on a scratch page (one inside a form is
        left out: PDFium's reading of it is kept)."""
        c = pdfium_c
        again: dict[int, list[_Glyph]] = {}
        scratch_doc = c.FPDF_CreateNewDocument()
        try:
            scratch = c.FPDFPage_New(scratch_doc, 0, 612.0, 792.0)
            try:
                for key, obj in objects.items():
                    if not c.FPDFPage_RemoveObject(page, obj):
                        continue  # inside a form: keep PDFium's reading
                    try:
                        c.FPDFPage_InsertObject(scratch, obj)
                        text_page = c.FPDFText_LoadPage(scratch)
                        try:
                            if text_page:
                                again[key] = self._alone(text_page, key, obj)
                        finally:
                            if text_page:
                                c.FPDFText_ClosePage(text_page)
                            c.FPDFPage_RemoveObject(scratch, obj)
                    finally:
                        c.FPDFPage_InsertObject(page, obj)  # the page owns it again and frees it
            finally:
                c.FPDF_ClosePage(scratch)
        finally:
            c.FPDF_CloseDocument(scratch_doc)
        return again

    def _alone(self, text_page: Any, key: int, obj: Any) -> list[_Glyph]:
        c = pdfium_c
        x, y = self._x, self._y
        style = self.styles.get(key)
        glyphs = []
        for i in range(c.FPDFText_CountChars(text_page)):
            if c.FPDFText_IsGenerated(text_page, i):
                continue
            if style is None:  # an object the page's text page left out
                style = self.styles[key] = self._style(text_page, i, obj)
            several = style.font.several()
            c.FPDFText_GetCharOrigin(text_page, i, x, y)
            u = chr(c.FPDFText_GetUnicode(text_page, i))
            glyphs.append((u, x.value, y.value, key, self._units(text_page, i, style) if u in several else 0))
        return glyphs


@dataclass(frozen=True)
class _Fast:
    """PDFium functions called once per glyph, declared on plain addresses without argument types: the
    caller passes ctypes objects made once (the text page, where the origin goes) and the glyph's index,
    which ctypes passes as they are, as a C int, with no converter run per argument (two fifths of the
    calls' time)."""

    text_object: Any
    char_origin: Any


_FAST: list[_Fast] = []


def _fast() -> _Fast:
    if not _FAST:
        def declare(function: Any, restype: Any) -> Any:
            address = ctypes.cast(function, ctypes.c_void_p).value
            if address is None:  # a function pypdfium2 declares is always bound
                raise OSError(f"PDFium has no {function!r}")
            return ctypes.CFUNCTYPE(restype)(address)

        _FAST.append(
            _Fast(
                declare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p),  # (text page, index) → its text object
                declare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),  # (text page, index, &x, &y) → whether it has one
            )
        )
    return _FAST[0]


def _drop_actual_text(obj: Any) -> bool:
    """Drop the ActualText of a text object's marked content (PDFium reads it in place of the object's
    glyphs); whether there was one."""
    c = pdfium_c
    dropped = False
    for i in range(c.FPDFPageObj_CountMarks(obj)):
        mark = c.FPDFPageObj_GetMark(obj, i)
        if mark and c.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != c.FPDF_OBJECT_UNKNOWN:
            dropped = bool(c.FPDFPageObjMark_RemoveParam(obj, mark, b"ActualText")) or dropped
    return dropped


def _page_text(text_page: Any, count: int) -> str | None:
    """Every character's text in one call, when its indices are the characters' (else None)."""
    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count and "\ufffd" not in text else None


def same_subset(fonts: list[Font], name: str) -> list[Font]:
    """Of several fonts of one name, those of the subset PDFium's font name (``name``) is: a PDF that embeds
    a font in several subsets (each with some of its glyphs, in fonts of their own) tells them apart by the
    tag before the name (``CAAAAA+DejaVuSans``, ``DAAAAA+DejaVuSans``), which PDFium's name keeps. Their
    descents are the font's: told apart by descent, a glyph of one subset would be read in another, with
    codes of other texts and widths. All of them where none has the name (no tags, or another name)."""
    same = [f for f in fonts if name in (f.fontname, getattr(f.font, "basefont", None))]
    return same or fonts


def _font_name(font: Any) -> str:
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return "unknown"
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", errors="replace") or "unknown"


# --- the whole PDF ------------------------------------------------------------------------------------


def read_pdf(path: Path, limit: int | None, password: str | None = None, share: Share = WHOLE) -> Any:
    """The ``RawPdf`` of a PDF: its structure as the reference reads it, its glyphs by PDFium.

    Raises the reference's errors for what the structure and the streams show (see
    guards); a page whose streams are damaged, or that PDFium cannot read, is read by the
    reference. Raises :class:`PdfiumFailed` when PDFium cannot open the PDF at all.
    """
    from pdfminer.pdfinterp import PDFResourceManager

    from pipeline.stages import guards
    from pipeline.stages.engines import pdfplumber as reference
    from pipeline.stages.engines import words as rules
    from pipeline.stages.guards import check_page_count, close_pdf, count_pages, hardened_pdfminer, open_pdf, pdf_failure, sha256_of

    path = Path(path)
    digest = sha256_of(path)
    with hardened_pdfminer() as damage:
        pdf = open_pdf(path, password)
        try:
            try:
                check_page_count(pdf, count_pages(pdf, stop_after=limit or None), limit)
                page_objs = guards.page_objects(pdf)
            except Exception as exc:  # a broken page tree
                raise pdf_failure(exc, path, "its page tree") from None
            check_page_count(pdf, len(page_objs), limit)
            if any(type(xref).__name__ == "PDFXRefFallback" for xref in pdf.doc.xrefs):
                # the cross-references were rebuilt by scanning the file: PDFium rebuilds them its own
                # way and may find other objects, so the reference reads it all
                raise PdfiumFailed("its cross-reference table had to be rebuilt")
            findings = guards.stream_findings(damage, None) if share.first else []
            pages_info: list[PageInfo] = []
            page_lines: list[tuple[Line, ...]] = []
            links: list[Link] = []
            manager = PDFResourceManager()
            damaged_fonts: set[int] = set()
            known_fonts: dict[int, Font] = {}  # each pdfminer font's, over the pages (the manager keeps the fonts themselves)
            by_reference: list[int] = []
            doubts: list[tuple[int, str]] = []
            watermarks: list[tuple[int, str]] = []
            margins: list[tuple[int, str]] = []
            with opened(path, password) as doc:
                if pdfium_c.FPDF_GetPageCount(doc) != len(page_objs):
                    raise PdfiumFailed("PDFium finds another number of pages")
                for number, page in reference.share_pages(pdf, page_objs, share, path, damage):
                    page_obj = page.page_obj
                    try:
                        whole = decode_content(page_obj)  # the reference's stream guards: a bomb refused, damage recorded
                        fonts = fonts_of(page_obj, manager, damaged_fonts, known_fonts)
                    except Exception as exc:  # a broken page dictionary or content stream
                        raise pdf_failure(exc, path, f"page {number}") from None
                    words: list[Word] | None = None
                    drawn: DrawingOrder | None = None
                    ruled: list[Shape] = []
                    fills: list[Fill] = []
                    angled: list[str] = []
                    turned: list[str] = []
                    # PDFium reads a damaged stream (of the page, or of a font it uses) its own way: the reference reads that page
                    # and so does a stream not where the reference looks for it
                    if whole and not damage and not any(id(f.font) in damaged_fonts for same in fonts.values() for f in same):
                        try:
                            reader = PageReader(doc, number - 1, Geometry.of(page), fonts)
                            words, drawn = rules.with_underlines(*rules.with_drawn_markers(*page_words(reader.chars(), turned), reader.shapes), reader.rules)
                            ruled, fills, angled = reader.ruled, reader.fills, reader.angled
                        except PdfiumFailed:
                            pass
                    if words is None:
                        by_reference.append(number)
                        try:
                            ruled, fills, angled, turned = [], [], [], []
                            words, drawn = reference.page_words(page, ruled, fills, angled, turned)
                        except Exception as exc:
                            raise pdf_failure(exc, path, f"page {number}") from None
                        finally:
                            page.close()
                    hyperlinks, unreadable = guards.link_annotations(page)
                    findings += guards.stream_findings(damage, number)
                    if unreadable:
                        findings.append(guards.links_finding(number, unreadable))
                    pages_info.append(PageInfo(number, float(page.width), float(page.height)))
                    lines, doubt = rules.lines_in_reading_order(words, number, drawn, ruled, fills)
                    page_lines.append(tuple(lines))
                    if doubt:
                        doubts.append((number, doubt))
                    if angled and (text := rules.angled_text(angled)):
                        watermarks.append((number, text))
                    margins.extend((number, text) for text in turned)
                    links.extend(rules.page_links(hyperlinks, words, number))
            metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, int, float))}
        finally:
            close_pdf(pdf)
    return rules.RawPdf(
        path.name,
        str(path.resolve()),
        digest,
        tuple(pages_info),
        tuple(page_lines),
        tuple(links),
        metadata,
        findings=tuple(findings),
        engine="pdfium",
        reference_pages=tuple(by_reference),
        doubtful_order=tuple(doubts),
        angled=tuple(watermarks),
        turned=tuple(margins),
    )


def fonts_of(page_obj: Any, manager: Any, damaged: set[int] | None = None, known: dict[int, Font] | None = None) -> dict[str, list[Font]]:
    """The page's fonts by name, each loaded once (a font that cannot be loaded is left out:
    PDFium's glyphs in it make the page the reference's); ``known`` as for :func:`page_fonts`."""
    fonts: dict[str, list[Font]] = {}
    for name, font in page_fonts(page_obj.resources, manager, damaged=damaged, known=known):
        if all(f.font is not font.font for f in fonts.setdefault(name, [])):
            fonts[name].append(font)
    return fonts


DO = regex.compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do\b")


def decode_content(page_obj: Any) -> bool:
    """Decode the page's content streams and the forms they draw, as the reference's interpreter does,
    so that the guards see them: a decompression bomb refused, damage recorded for the page. False
    when one of them is not a stream where the reference looks for it (PDFium may find it elsewhere)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    seen: set[int] = set()
    whole = True

    def decode(streams: list, resources: object, depth: int) -> None:
        data = b"".join(s.get_data() for s in streams)
        if depth > 8 or b"Do" not in data:
            return
        xobjects = resolve1(resolve1(resources).get("XObject")) if isinstance(resolve1(resources), dict) else None
        if not isinstance(xobjects, dict):
            return
        for name in dict.fromkeys(DO.findall(data)):
            ref = xobjects.get(name.decode("latin-1"))
            form = resolve1(ref)
            if not isinstance(form, PDFStream):
                nonlocal whole
                whole = whole and ref is None  # a name drawn that the resources do not hold is drawn by neither
            elif getattr(resolve1(form.attrs.get("Subtype")), "name", None) == "Form" and id(form) not in seen:
                seen.add(id(form))
                decode([form], form.attrs.get("Resources", resources), depth + 1)

    contents = [resolve1(s) for s in page_obj.contents]
    decode([s for s in contents if isinstance(s, PDFStream)], page_obj.resources, 0)
    return whole and all(isinstance(s, PDFStream) for s in contents)
