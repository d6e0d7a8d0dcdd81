#!/usr/bin/env python3
"""Rebuild the PDFs of the "sluttrapport-frihet-2021-2024" fixture from its text extraction.

Why this script exists: the pipeline under test reads PDFs made with a word processor and
finds headings and labels by font weight, size and position. The original PDF is not
available offline, only its plain-text extraction (tests/data/sluttrapport-frihet-2021-2024.txt)
and what SOURCE-README.md reads off it. This script reconstructs the PDF in two renderings:

* Rendering A (raw_pdfs/...pdf) is "Word-like" and faithful: Carlito (metric-compatible with
  Calibri) 11 pt, 2.5 cm margins, every source line is one output line, every page break of
  the original is kept, Word's Symbol bullet (U+F0B7), a ruled table, footnotes at the page
  bottom, a letter-spaced footer and link annotations on blue underlined anchors.
* Rendering B (tests/pdfs/...-alt.pdf) holds the same content rendered differently: DejaVu
  Serif 10 pt, other margins, paragraphs reflowed to the new width, another table style and
  natural pagination. It keeps the pipeline from overfitting to one layout.

The script is an independent fixture builder: it imports nothing from pipeline/. Output is
deterministic (reportlab invariant mode, fonts and data from this repository only).

Run from the repository root:  .venv/bin/python tools/build_pdfs.py
"""

from __future__ import annotations

import io
import logging
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont as FontToolsFont
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "sluttrapport-frihet-2021-2024.txt"
LINKS = ROOT / "tools" / "links.toml"
FONT_DIR = ROOT / "tools" / "fonts"
OUT_A = ROOT / "raw_pdfs" / "sluttrapport-frihet-2021-2024.pdf"
OUT_B = ROOT / "tests" / "pdfs" / "sluttrapport-frihet-2021-2024-alt.pdf"

PAGE_W, PAGE_H = A4
TOTAL_PAGES_A = 28
FIRST_TEXT_PAGE = 3  # pages 1 (cover image) and 2 (blank) carry no text

TITLE = "Rapportering på tiltakene i handlingsplanen Frihet fra negativ sosial kontroll og æresrelatert vold (2021–2024)"
AUTHOR = "Arbeids- og inkluderingsdepartementet"

# --------------------------------------------------------------------------------------
# Source model
# --------------------------------------------------------------------------------------

URL_RE = re.compile(r"^https?://\S+$")
PAGE_START_RE = re.compile(r"^ \S")  # the extraction marks a new page with one leading space
FOOTER_ARTEFACT_RE = re.compile(r"^S i d e\s+\d+\s*\|\s*\d+$")
# Page starts the leading-space rule misses: the body after the table, and the page after
# the only footer that survived in the extraction (it ends page 12).
EXTRA_PAGE_START = "Innsatsområde 1: Innsats for nyankomne flyktninger og"

TITLE_LINES = ("Om denne rapporten:", "Oversikt over status for tiltak")
AREA_RE = re.compile(r"^Innsatsområde \d+[:.] ")
TILTAK_RE = re.compile(r"^Tiltak \d+\. ")
PART_RE = re.compile(r"^Tiltak \d+ [a-z]\) ")
SUBHEAD = "Tiltaksansvarlige departementer:"
LABEL_RE = re.compile(
    r"^(?:Ansvarlig departement|Ansvarlige departementer|Ansvarlige departement"
    r"|Status(?: \(tiltak \d+ [a-z]\))?|Sluttrapport(?: \(tiltak \d+ [a-z]\))?):"
)
BULLET_PREFIXES = {"• ": 1, "o ": 2}
FOOTNOTE_RE = re.compile(r"^(\d+) (\S.*)$")
SENTENCE_END = (".", ":", "!", "?")

TABLE_HEADER_LINE = "Nr. Tiltak Ansvarlig dep. Status"
TABLE_HEADER = ("Nr.", "Tiltak", "Ansvarlig dep.", "Status")
ROW_START_RE = re.compile(r"^(\d+) (.*)$")
ROW_END_RE = re.compile(
    r"^(?P<title>.*?)(?:^|\s+)(?P<dept>[A-ZÆØÅ]{2,4}(?: og [A-ZÆØÅ]{2,4})*)"
    r" (?P<status>Ferdigstilt|Videreføres)$"
)


class Kind(Enum):
    """What a source line is; decides font, indentation and paragraph joining."""

    BODY = "body"
    TITLE = "title"  # "Om denne rapporten:", "Oversikt ...", "Innsatsområde N: ..."
    TILTAK = "tiltak"  # "Tiltak N. ..."
    PART = "part"  # "Tiltak N a) ..."
    SUBHEAD = "subhead"  # "Tiltaksansvarlige departementer:"
    LABEL = "label"  # starts with a bold label such as "Status:"
    BULLET = "bullet"


HEADING_KINDS = {Kind.TITLE, Kind.TILTAK, Kind.PART, Kind.SUBHEAD}
WRAPPING_HEADINGS = {Kind.TITLE, Kind.TILTAK, Kind.PART}


@dataclass(frozen=True)
class Style:
    """Character-level style on top of a line's base font: label bold, marker, link."""

    bold: bool = False
    italic: bool = False
    sup: bool = False
    url: str | None = None


PLAIN = Style()
StyledChar = tuple[str, Style]


@dataclass
class Line:
    """One text line of the original (rendering A draws it as one line)."""

    text: str
    kind: Kind
    page: int
    gap: int  # blank source lines directly before it on its page
    lineno: int
    level: int = 0  # bullet level (1 or 2) for Kind.BULLET
    continues: bool = False  # wrapped continuation of a heading or bullet item
    styles: list[Style] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.styles:
            self.styles = [PLAIN] * len(self.text)

    def chars(self) -> list[StyledChar]:
        return list(zip(self.text, self.styles, strict=True))

    def restyle(self, start: int, end: int, *, bold: bool = False, sup: bool = False, url: str = "") -> None:
        """Add a character style (label bold, footnote marker, link) to text[start:end]."""
        for i in range(start, end):
            old = self.styles[i]
            self.styles[i] = replace(old, bold=old.bold or bold, sup=old.sup or sup, url=url or old.url)


@dataclass
class Footnote:
    number: int
    text: str


@dataclass
class TableRow:
    """A row of the overview table; group rows span all columns."""

    number: int | None
    title_lines: list[str]
    dept: str = ""
    status: str = ""
    group: str | None = None  # "area" (Innsatsområde) or "sub" (sub-group)


@dataclass
class Table:
    """The part of the overview table that sits on one page of the original."""

    header: bool
    rows: list[TableRow]
    gap: int


Block = Line | Table


@dataclass
class Page:
    number: int
    blocks: list[Block]
    footnotes: list[Footnote]
    urls: list[str]

    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]


@dataclass
class LinkSpec:
    url: str
    anchor: str


@dataclass
class _Item:
    """A non-blank, non-URL source line before classification."""

    page: int
    gap: int
    text: str
    lineno: int


def split_pages(raw: list[str]) -> list[list[tuple[int, str]]]:
    """Split the source into the original's text pages (3..28), keeping line numbers."""
    starts = {i for i, line in enumerate(raw) if PAGE_START_RE.match(line)}
    starts.add(next(i for i, line in enumerate(raw) if line.strip() == EXTRA_PAGE_START))
    footer = next(i for i, line in enumerate(raw) if FOOTER_ARTEFACT_RE.match(line.strip()))
    starts.add(next(i for i in range(footer + 1, len(raw)) if raw[i].strip()))
    bounds = sorted(starts) + [len(raw)]
    pages = [[(i + 1, raw[i]) for i in range(a, b)] for a, b in zip(bounds, bounds[1:], strict=False)]
    expected = TOTAL_PAGES_A - FIRST_TEXT_PAGE + 1
    if len(pages) != expected:
        raise ValueError(f"found {len(pages)} text pages, expected {expected}")
    return pages


def page_items(number: int, raw: list[tuple[int, str]]) -> tuple[list[_Item], list[str]]:
    """Text lines of a page with their preceding blank-line counts, and its URL lines."""
    items: list[_Item] = []
    urls: list[str] = []
    blanks = 0
    for lineno, line in raw:
        text = line.strip()
        if not text:
            blanks += 1
        elif URL_RE.match(text):
            urls.append(text)
        elif FOOTER_ARTEFACT_RE.match(text):
            continue  # the footer is drawn on every page, not taken from the text
        else:
            items.append(_Item(number, blanks if items else 0, text, lineno))
            blanks = 0
    return items, urls


def parse_table_rows(items: list[_Item]) -> list[TableRow]:
    """Unflatten the table rows: "<nr> <title...>" ... "<title end> <dept> <status>"."""
    rows: list[TableRow] = []
    open_row: TableRow | None = None
    for item in items:
        text = item.text
        if open_row is None:
            start = ROW_START_RE.match(text)
            if start is None:
                group = "area" if AREA_RE.match(text) else "sub"
                rows.append(TableRow(None, [text], group=group))
                continue
            open_row = TableRow(int(start.group(1)), [])
            rows.append(open_row)
            text = start.group(2)
        end = ROW_END_RE.match(text)
        if end is None:
            open_row.title_lines.append(text)
            continue
        if end.group("title"):
            open_row.title_lines.append(end.group("title"))
        open_row.dept, open_row.status = end.group("dept"), end.group("status")
        open_row = None
    if open_row is not None:
        raise ValueError(f"table row {open_row.number} has no department/status")
    return rows


def split_footnotes(items: list[_Item]) -> tuple[list[_Item], list[Footnote]]:
    """Move a page's footnote lines out of its text.

    A footnote starts after a blank line with its number, and its marker (the same number
    glued to a word) occurs earlier on the page; everything below it is footnote text.
    """
    for i, item in enumerate(items):
        if item.gap == 0 or not FOOTNOTE_RE.match(item.text):
            continue
        if _find_marker(items[:i], int(item.text.split()[0])) is None:
            continue
        footnotes: list[Footnote] = []
        for fn_item in items[i:]:
            m = FOOTNOTE_RE.match(fn_item.text)
            if m and _find_marker(items[:i], int(m.group(1))) is not None:
                footnotes.append(Footnote(int(m.group(1)), m.group(2)))
            else:
                footnotes[-1].text += " " + fn_item.text
        return items[:i], footnotes
    return items, []


def _marker_re(number: int) -> re.Pattern[str]:
    """A footnote marker is the number glued to a word: "(AID)1", "lhbtiq2,"."""
    return re.compile(rf"(?:(?<=[^\W\d_])|(?<=\))){number}(?=[\s,.;:]|$)")


def _find_marker(items: Sequence[_Item | Line], number: int) -> int | None:
    for idx, item in enumerate(items):
        if _marker_re(number).search(item.text):
            return idx
    return None


def classify(items: list[_Item]) -> list[Line]:
    """Give every text line its kind. Runs over the whole document: the heading of tiltak 29
    wraps across a page break."""
    lines: list[Line] = []
    for item in items:
        text = item.text
        prev = lines[-1] if lines else None
        adjacent = prev is not None and (item.gap == 0 or prev.page != item.page)
        if text in TITLE_LINES or AREA_RE.match(text):
            lines.append(Line(text, Kind.TITLE, item.page, item.gap, item.lineno))
        elif PART_RE.match(text):
            lines.append(Line(text, Kind.PART, item.page, item.gap, item.lineno))
        elif TILTAK_RE.match(text):
            lines.append(Line(text, Kind.TILTAK, item.page, item.gap, item.lineno))
        elif text == SUBHEAD:
            lines.append(Line(text, Kind.SUBHEAD, item.page, item.gap, item.lineno))
        elif (
            prev is not None
            and adjacent
            and prev.kind in WRAPPING_HEADINGS
            and (prev.kind != Kind.TITLE or AREA_RE.match(_heading_start(lines).text))
            and text[0].islower()
        ):
            # Heading titles wrap onto lines that start in lower case; body text after a
            # heading starts a sentence.
            lines.append(Line(text, prev.kind, item.page, item.gap, item.lineno, continues=True))
        elif text[:2] in BULLET_PREFIXES:
            level = BULLET_PREFIXES[text[:2]]
            lines.append(Line(text[2:], Kind.BULLET, item.page, item.gap, item.lineno, level))
        elif prev is not None and prev.kind == Kind.BULLET and item.gap == 0:
            lines.append(Line(text, Kind.BULLET, item.page, 0, item.lineno, prev.level, continues=True))
        elif (label := LABEL_RE.match(text)) is not None:
            line = Line(text, Kind.LABEL, item.page, item.gap, item.lineno)
            line.restyle(0, label.end(), bold=True)
            lines.append(line)
        else:
            lines.append(Line(text, Kind.BODY, item.page, item.gap, item.lineno))
    return lines


def _heading_start(lines: list[Line]) -> Line:
    for line in reversed(lines):
        if not line.continues:
            return line
    raise ValueError("no heading start")


def load_links(path: Path) -> dict[int, list[LinkSpec]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {int(page): [LinkSpec(e["url"], e["anchor"]) for e in entries] for page, entries in data["pages"].items()}


def apply_links(page: Page, specs: list[LinkSpec]) -> None:
    """Style each anchor phrase as a link; one line piece per URL line of the extraction."""
    lines = page.lines()
    text = "\n".join(line.text for line in lines)
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    pieces: Counter[str] = Counter()
    pos = 0
    for spec in specs:
        pattern = r"\s+".join(re.escape(word) for word in spec.anchor.split())
        m = re.compile(pattern).search(text, pos)
        if m is None:
            raise ValueError(f"page {page.number}: anchor not found: {spec.anchor!r}")
        for idx, line in enumerate(lines):
            a = max(m.start(), starts[idx])
            b = min(m.end(), starts[idx] + len(line.text))
            if a < b:
                line.restyle(a - starts[idx], b - starts[idx], url=spec.url)
                pieces[spec.url] += 1
        pos = m.end()
    if pieces != Counter(page.urls):
        raise ValueError(f"page {page.number}: link pieces {dict(pieces)} != URL lines {Counter(page.urls)}")


def take_table(items: list[_Item], in_table: bool) -> tuple[list[_Item], Table | None]:
    """Split off the overview table: it starts after its header line and runs on over the
    next pages as long as a page starts with a numbered row."""
    if in_table and items and ROW_START_RE.match(items[0].text):
        return [], Table(False, parse_table_rows(items), 0)
    for i, item in enumerate(items):
        if item.text == TABLE_HEADER_LINE:
            return items[:i], Table(True, parse_table_rows(items[i + 1 :]), item.gap)
    return items, None


def parse_document(source: Path, links_file: Path) -> list[Page]:
    """Parse the text extraction into pages of classified, styled lines and table parts."""
    raw = source.read_text(encoding="utf-8").split("\n")
    links = load_links(links_file)
    pages: list[Page] = []
    all_items: list[_Item] = []
    table: Table | None = None
    for offset, raw_page in enumerate(split_pages(raw)):
        number = FIRST_TEXT_PAGE + offset
        items, urls = page_items(number, raw_page)
        items, table = take_table(items, table is not None)
        items, footnotes = split_footnotes(items)
        pages.append(Page(number, [table] if table else [], footnotes, urls))
        all_items.extend(items)

    lines = classify(all_items)
    for page in pages:
        page_lines = [line for line in lines if line.page == page.number]
        page.blocks = [*page_lines, *page.blocks]  # a table follows the page's text lines
        for fn in page.footnotes:
            idx = _find_marker(page_lines, fn.number)
            assert idx is not None
            m = _marker_re(fn.number).search(page_lines[idx].text)
            assert m is not None
            page_lines[idx].restyle(m.start(), m.end(), sup=True)
        apply_links(page, links.get(page.number, []))
    _check_document(pages)
    return pages


def _check_document(pages: list[Page]) -> None:
    """Sanity checks that catch a parser slip before it becomes a wrong fixture."""
    rows = [r for p in pages for b in p.blocks if isinstance(b, Table) for r in b.rows]
    numbers = [r.number for r in rows if r.group is None]
    if numbers != list(range(1, 34)):
        raise ValueError(f"table rows {numbers}")
    status = Counter(r.status for r in rows if r.group is None)
    if status != Counter({"Ferdigstilt": 23, "Videreføres": 10}):
        raise ValueError(f"table status counts {status}")
    headings = [int(line.text.split()[1].rstrip(".")) for p in pages for line in p.lines() if line.kind == Kind.TILTAK and not line.continues]
    if headings != list(range(1, 34)):
        raise ValueError(f"tiltak headings {headings}")
    if sorted(fn.number for p in pages for fn in p.footnotes) != [1, 2]:
        raise ValueError("expected footnotes 1 and 2")


# --------------------------------------------------------------------------------------
# Fonts and text primitives shared by both renderings
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    ascent: float  # of the em, used to place baselines and link rectangles
    descent: float

    def face(self, bold: bool, italic: bool) -> str:
        if bold:
            return self.bold_italic if italic else self.bold
        return self.italic if italic else self.regular


@dataclass(frozen=True)
class TextStyle:
    """Base font of a line; character styles (bold label, marker, link) apply on top."""

    fonts: FontSet
    size: float
    leading: float
    bold: bool = False
    italic: bool = False
    color: Color = black


@dataclass(frozen=True)
class Segment:
    x: float  # from the line start
    text: str
    face: str
    size: float
    rise: float
    width: float
    url: str | None


SUP_SCALE = 0.6  # superscript marker size relative to the text
SUP_RISE = 1 / 3  # raised by a third of an em


def _group(chars: Sequence[StyledChar]) -> Iterator[tuple[str, Style]]:
    for style, run in groupby(chars, key=itemgetter(1)):
        yield "".join(ch for ch, _ in run), style


def segments(chars: Sequence[StyledChar], ts: TextStyle, x: float = 0.0) -> list[Segment]:
    """Cut a styled line into runs of one font each, with their x offsets."""
    out: list[Segment] = []
    for text, st in _group(chars):
        face = ts.fonts.face(ts.bold or st.bold, ts.italic or st.italic)
        size = ts.size * SUP_SCALE if st.sup else ts.size
        rise = ts.size * SUP_RISE if st.sup else 0.0
        width = pdfmetrics.stringWidth(text, face, size)
        out.append(Segment(x, text, face, size, rise, width, st.url))
        x += width
    return out


def wrap(chars: Sequence[StyledChar], ts: TextStyle, width: float, first_width: float | None = None) -> list[list[StyledChar]]:
    """Greedy word wrap of styled text (bold label runs, markers and anchors stay styled)."""
    words: list[list[StyledChar]] = []
    spaces: list[StyledChar] = []  # the space before each word
    current: list[StyledChar] = []
    space: StyledChar = (" ", PLAIN)
    for ch in chars:
        if ch[0] == " ":
            if current:
                words.append(current)
                spaces.append(space)
                current = []
            space = ch
        else:
            current.append(ch)
    if current:
        words.append(current)
        spaces.append(space)

    def measure(cs: Sequence[StyledChar]) -> float:
        return sum(s.width for s in segments(cs, ts))

    lines: list[list[StyledChar]] = []
    line: list[StyledChar] = []
    limit = first_width if first_width is not None else width
    for word, sp in zip(words, spaces, strict=True):
        candidate = [*line, sp, *word] if line else list(word)
        if line and measure(candidate) > limit:
            lines.append(line)
            line = list(word)
            limit = width
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def draw_segments(
    c: Canvas,
    segs: Sequence[Segment],
    x: float,
    y: float,
    ts: TextStyle,
    link_color: Color,
    underline: bool = True,
) -> None:
    """Draw runs on a baseline; links get colour, underline and one annotation per piece."""
    for s in segs:
        c.setFillColor(link_color if s.url else ts.color)
        c.setFont(s.face, s.size)
        c.drawString(x + s.x, y + s.rise, s.text)
    pieces: list[tuple[str, float, float]] = []
    for s in segs:
        if s.url and pieces and pieces[-1][0] == s.url and abs(pieces[-1][2] - s.x) < 0.01:
            pieces[-1] = (s.url, pieces[-1][1], s.x + s.width)
        elif s.url:
            pieces.append((s.url, s.x, s.x + s.width))
    for url, x0, x1 in pieces:
        if underline:
            c.setStrokeColor(link_color)
            c.setLineWidth(ts.size / 20)
            c.line(x + x0, y - ts.size * 0.1, x + x1, y - ts.size * 0.1)
        rect = (x + x0, y - ts.fonts.descent * ts.size, x + x1, y + ts.fonts.ascent * ts.size)
        c.linkURL(url, rect, relative=0, thickness=0)
    c.setFillColor(black)


def register_fonts() -> tuple[FontSet, FontSet]:
    """Register the embedded fonts from tools/fonts (never system fonts) for A and B."""
    for name in ("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    for name in ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    pdfmetrics.registerFont(TTFont(WORD_SYMBOL, symbol_bullet_font()))
    carlito = FontSet("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic", 0.75, 0.25)
    dejavu = FontSet("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-Bold", 0.93, 0.24)
    return carlito, dejavu


WORD_SYMBOL = "WordSymbol"
WORD_BULLET = chr(0xF0B7)


def symbol_bullet_font() -> io.BytesIO:
    """A one-glyph font named "Symbol" that maps U+F0B7 to Carlito's bullet.

    Word draws list bullets with the Symbol font at the private-use code point U+F0B7, so
    text extraction of a Word PDF yields U+F0B7, not "•". Renaming the subset also keeps the
    OFL's reserved font name "Carlito" off a modified font.
    """
    font = FontToolsFont(str(FONT_DIR / "Carlito-Regular.ttf"))
    options = ft_subset.Options()
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[0x2022])
    subsetter.subset(font)
    glyph = font.getBestCmap()[0x2022]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {0xF0B7: glyph}
    for record in font["name"].names:
        if record.nameID in (1, 4, 6):
            record.string = "Symbol"
        elif record.nameID == 3:
            record.string = "Symbol bullet subset (tools/build_pdfs.py)"
    font.recalcTimestamp = False  # keep the PDF byte-identical across runs
    buf = io.BytesIO()
    font.save(buf)
    buf.seek(0)
    return buf


def cover_image(fonts: Path) -> Image.Image:
    """The cover as a picture only, like the original's first page (no text layer)."""
    w, h = 827, 1169  # A4 at 100 dpi
    img = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, w, 500), fill=(31, 56, 100))
    draw.rectangle((0, 500, w, 512), fill=(196, 89, 17))
    bold = ImageFont.truetype(str(fonts / "Carlito-Bold.ttf"), 46)
    regular = ImageFont.truetype(str(fonts / "Carlito-Regular.ttf"), 28)
    y = 150
    line = ""
    for word in TITLE.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=bold) > w - 160 and line:
            draw.text((80, y), line, font=bold, fill=(255, 255, 255))
            y += 58
            line = word
        else:
            line = trial
    draw.text((80, y), line, font=bold, fill=(255, 255, 255))
    draw.text((80, 560), "Sluttrapport", font=regular, fill=(31, 56, 100))
    draw.text((80, h - 120), AUTHOR, font=regular, fill=(31, 56, 100))
    return img


def draw_cover(c: Canvas, image: Image.Image) -> None:
    c.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.showPage()  # page 2: the blank back of the cover


def set_metadata(c: Canvas, creator: str, producer: str) -> None:
    c.setTitle(TITLE)
    c.setAuthor(AUTHOR)
    c.setCreator(creator)
    c.setProducer(producer)
    c.setSubject("Sluttrapport")


# --------------------------------------------------------------------------------------
# Rendering A: Word-like, faithful to the original's lines and pages
# --------------------------------------------------------------------------------------

A_MARGIN = 2.5 * cm
A_LEFT = A_MARGIN
A_WIDTH = PAGE_W - 2 * A_MARGIN
A_TOP = PAGE_H - A_MARGIN
A_BOTTOM = A_MARGIN
A_LINE = 2500 / 2048  # Calibri/Carlito single line spacing (ascent + descent + line gap)
A_GAP = 6.0  # paragraph spacing for one or two blank source lines
A_GAP_LONG = 9.0  # for three or more blank lines
A_HEADING_SPACE = {Kind.TITLE: 8.0, Kind.TILTAK: 6.0, Kind.PART: 3.0, Kind.SUBHEAD: 3.0}
A_NAVY = HexColor("#1F3864")
A_LINK = HexColor("#0563C1")
A_TABLE_SHADE = HexColor("#D9D9D9")
A_TABLE_COLS = (34.0, 262.0, 85.0)  # Nr., Tiltak, Ansvarlig dep.; Status takes the rest
A_CELL_PAD_X = 5.4  # Word's default cell margin (0.19 cm)
A_CELL_PAD_Y = 1.5
A_FOOTER_Y = 1.25 * cm
A_FOOTER_SIZE = 9.0
A_FOOTER_SIDE_SPACING = 4.0  # letter spacing of "Side": extraction yields "S i d e"
A_FOOTNOTE_SIZE = 9.0
A_BULLET_X = {1: 18.0, 2: 54.0}
A_BULLET_TEXT_X = {1: 36.0, 2: 72.0}


def column_edges(left: float, widths: tuple[float, ...], width: float) -> list[float]:
    """x of each column's left rule, and of the table's right edge (the last column takes the rest)."""
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    xs.append(left + width)
    return xs


def baseline(top: float, ts: TextStyle) -> float:
    """Baseline of a line whose box starts at `top` (half the line gap above the ascent)."""
    return top - (ts.leading - ts.size) / 2 - ts.fonts.ascent * ts.size


class RenderA:
    """Draws rendering A page by page; each source page is fitted onto its own page."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        body = TextStyle(fonts, 11, 11 * A_LINE)
        self.body = body
        self.kind_style = {
            Kind.BODY: body,
            Kind.LABEL: body,
            Kind.BULLET: body,
            Kind.TITLE: TextStyle(fonts, 14, 14 * A_LINE, bold=True, color=A_NAVY),
            Kind.TILTAK: TextStyle(fonts, 12, 12 * A_LINE, bold=True),
            Kind.PART: TextStyle(fonts, 11, 11 * A_LINE, bold=True, italic=True),
            Kind.SUBHEAD: TextStyle(fonts, 11, 11 * A_LINE, bold=True),
        }
        self.footnote = TextStyle(fonts, A_FOOTNOTE_SIZE, A_FOOTNOTE_SIZE * A_LINE)

    def build(self, pages: list[Page], out: Path, cover: Image.Image) -> None:
        c = Canvas(str(out), pagesize=A4, invariant=1)
        set_metadata(c, "Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365")
        draw_cover(c, cover)
        for page in pages:
            self.draw_page(c, page)
            self.draw_footer(c, page.number)
            c.showPage()
        c.save()

    # -- vertical layout ---------------------------------------------------------------

    def gap_before(self, block: Block, first: bool) -> float:
        if first:
            return 0.0
        blanks = block.gap
        gap = 0.0 if blanks == 0 else A_GAP if blanks <= 2 else A_GAP_LONG
        if isinstance(block, Line) and block.kind in HEADING_KINDS and not block.continues:
            gap += A_HEADING_SPACE[block.kind]
        return gap

    def block_height(self, block: Block) -> float:
        if isinstance(block, Line):
            return self.kind_style[block.kind].leading
        return sum(self.row_height(r) for r in self.table_rows(block))

    def draw_page(self, c: Canvas, page: Page) -> None:
        footnote_lines = [self.footnote_lines(fn) for fn in page.footnotes]
        n_fn = sum(len(x) for x in footnote_lines)
        fn_height = 14.0 + n_fn * self.footnote.leading if n_fn else 0.0
        bottom = A_BOTTOM + fn_height
        gaps = [self.gap_before(b, i == 0) for i, b in enumerate(page.blocks)]
        fixed = sum(self.block_height(b) for b in page.blocks)
        available = A_TOP - bottom
        if fixed > available:
            raise ValueError(f"page {page.number}: {fixed:.1f} pt of lines, {available:.1f} fit")
        scale = min(1.0, (available - fixed) / sum(gaps)) if sum(gaps) else 1.0
        top = A_TOP
        for block, gap in zip(page.blocks, gaps, strict=True):
            top -= gap * scale
            if isinstance(block, Line):
                self.draw_line(c, block, top)
            else:
                self.draw_table(c, block, top)
            top -= self.block_height(block)
        if footnote_lines:
            self.draw_footnotes(c, footnote_lines, A_BOTTOM + fn_height)

    def draw_line(self, c: Canvas, line: Line, top: float) -> None:
        ts = self.kind_style[line.kind]
        y = baseline(top, ts)
        x = A_LEFT
        if line.kind == Kind.BULLET:
            if not line.continues:
                if line.level == 1:
                    c.setFont(WORD_SYMBOL, ts.size)
                    c.drawString(A_LEFT + A_BULLET_X[1], y, WORD_BULLET)
                else:
                    c.setFont("Courier", ts.size)  # Word's level-2 bullet: "o" in Courier New
                    c.drawString(A_LEFT + A_BULLET_X[2], y, "o")
            x = A_LEFT + A_BULLET_TEXT_X[line.level]
        draw_segments(c, segments(line.chars(), ts), x, y, ts, A_LINK)

    # -- footnotes and footer ----------------------------------------------------------

    def footnote_lines(self, fn: Footnote) -> list[list[StyledChar]]:
        chars = [(ch, Style(sup=True)) for ch in str(fn.number)] + [(" ", PLAIN)]
        chars += [(ch, PLAIN) for ch in " ".join(fn.text.split())]
        return wrap(chars, self.footnote, A_WIDTH)

    def draw_footnotes(self, c: Canvas, notes: list[list[list[StyledChar]]], top: float) -> None:
        """Word style: a short separator rule, then the notes in 9 pt above the margin."""
        c.setStrokeColor(black)
        c.setLineWidth(0.5)
        c.line(A_LEFT, top - 6, A_LEFT + 144, top - 6)
        y_top = top - 14
        for note in notes:
            for chars in note:
                y = baseline(y_top, self.footnote)
                draw_segments(c, segments(chars, self.footnote), A_LEFT, y, self.footnote, A_LINK)
                y_top -= self.footnote.leading

    def draw_footer(self, c: Canvas, number: int) -> None:
        """ "Side N | 28" right-aligned; "Side" letter-spaced as in the original's footer."""
        face = self.fonts.regular
        rest = f" {number} | {TOTAL_PAGES_A}"
        side_w = pdfmetrics.stringWidth("Side", face, A_FOOTER_SIZE) + 4 * A_FOOTER_SIDE_SPACING
        rest_w = pdfmetrics.stringWidth(rest, face, A_FOOTER_SIZE)
        x = PAGE_W - A_MARGIN - side_w - rest_w
        c.setFillColor(black)
        c.setFont(face, A_FOOTER_SIZE)
        c.drawString(x, A_FOOTER_Y, "Side", charSpace=A_FOOTER_SIDE_SPACING)
        c.drawString(x + side_w, A_FOOTER_Y, rest)

    # -- table -------------------------------------------------------------------------

    def table_rows(self, table: Table) -> list[TableRow]:
        header = [TableRow(None, [TABLE_HEADER[1]], group="header")] if table.header else []
        return header + table.rows

    def row_height(self, row: TableRow) -> float:
        return len(row.title_lines) * self.body.leading + 2 * A_CELL_PAD_Y

    def draw_table(self, c: Canvas, table: Table, top: float) -> None:
        """A ruled Word table: every cell framed, title cells wrapped at the source's breaks.

        Cells are written in reading order (Nr., title lines, department, status) like Word
        does, so a stream-order extractor flattens each row as the source text shows it.
        """
        xs = column_edges(A_LEFT, A_TABLE_COLS, A_WIDTH)
        bold = TextStyle(self.fonts, 11, self.body.leading, bold=True)
        italic = TextStyle(self.fonts, 11, self.body.leading, italic=True)
        c.setLineWidth(0.5)
        c.setStrokeColor(black)
        for row in self.table_rows(table):
            h = self.row_height(row)
            bottom = top - h
            text_top = top - A_CELL_PAD_Y
            y = baseline(text_top, self.body)
            if row.group == "header":
                c.setFillColor(A_TABLE_SHADE)
                c.rect(xs[0], bottom, xs[-1] - xs[0], h, stroke=0, fill=1)
                c.setFillColor(black)
                for x, label in zip(xs, TABLE_HEADER, strict=False):
                    self._cell(c, label, x + A_CELL_PAD_X, y, bold)
                verticals = xs
            elif row.group is not None:
                ts = bold if row.group == "area" else italic
                self._cell(c, row.title_lines[0], xs[0] + A_CELL_PAD_X, y, ts)
                verticals = [xs[0], xs[-1]]
            else:
                self._cell(c, str(row.number), xs[0] + A_CELL_PAD_X, y, self.body)
                for i, text in enumerate(row.title_lines):
                    line_y = y - i * self.body.leading
                    self._cell(c, text, xs[1] + A_CELL_PAD_X, line_y, self.body)
                self._cell(c, row.dept, xs[2] + A_CELL_PAD_X, y, self.body)
                self._cell(c, row.status, xs[3] + A_CELL_PAD_X, y, self.body)
                verticals = xs
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], bottom, xs[-1], bottom)
            for x in verticals:
                c.line(x, top, x, bottom)
            top = bottom

    @staticmethod
    def _cell(c: Canvas, text: str, x: float, y: float, ts: TextStyle) -> None:
        c.setFont(ts.fonts.face(ts.bold, ts.italic), ts.size)
        c.drawString(x, y, text)


# --------------------------------------------------------------------------------------
# Rendering B: other font, margins, reflowed paragraphs, natural pagination
# --------------------------------------------------------------------------------------

B_LEFT = 3 * cm
B_RIGHT = 2 * cm
B_TOP = PAGE_H - 2 * cm
B_BOTTOM = 2.5 * cm
B_WIDTH = PAGE_W - B_LEFT - B_RIGHT
B_LINK = HexColor("#1155CC")
B_FOOTER_Y = 1.2 * cm
B_FOOTER_SIZE = 8.5
B_FOOTNOTE_SIZE = 8.0
B_FOOTNOTE_SPACE = 18.0  # from the first footnote line's top to the text above it
B_TABLE_SIZE = 9.5
B_TABLE_COLS = (30.0, 238.0, 100.0)  # Nr., Tiltak, Ansvarlig dep.; Status takes the rest
B_CELL_PAD_X = 4.0
B_CELL_PAD_Y = 3.0
B_BULLET_X = {1: 8.0, 2: 26.0}
B_BULLET_TEXT_X = {1: 20.0, 2: 38.0}
B_BULLET_GLYPH = {1: "•", 2: "–"}


@dataclass(frozen=True)
class ParaStyle:
    text: TextStyle
    space_before: float
    space_after: float


@dataclass
class Para:
    """A reflowable paragraph: source lines of one kind joined into one styled text."""

    kind: Kind
    chars: list[StyledChar]
    level: int = 0
    label_only: bool = False

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.chars)

    def join(self, line: Line) -> None:
        """Join a source line; a trailing hyphen closes up unless a suspended hyphen
        ("kjønns- og") is followed by its conjunction."""
        new = line.chars()
        if not self.chars:
            self.chars = new
            return
        sep = " "
        if self.text.endswith("-") and not line.text.startswith(("og ", "eller ")):
            sep = ""
        if sep:
            left, right = self.chars[-1][1], new[0][1]
            url = left.url if left.url == right.url else None
            self.chars.append((" ", Style(url=url)))
        self.chars.extend(new)


class PageBreak:
    """Start the next block on a new page (sections of rendering B)."""


BBlock = Para | Table | PageBreak


def b_blocks(pages: list[Page]) -> tuple[list[BBlock], dict[int, Footnote]]:
    """Reflow the source lines into paragraphs; start a new page for the overview table and
    again for the body after it."""
    blocks: list[BBlock] = []
    footnotes = {fn.number: fn for p in pages for fn in p.footnotes}
    table: Table | None = None
    prev_has_table = False
    para: Para | None = None
    prev_line: Line | None = None
    for page in pages:
        has_table = any(isinstance(b, Table) for b in page.blocks)
        if blocks and has_table != prev_has_table:
            blocks.append(PageBreak())
            para = None
        prev_has_table = has_table
        for block in page.blocks:
            if isinstance(block, Table):
                if table is None:
                    table = Table(True, [], block.gap)
                    blocks.append(table)
                table.rows.extend(block.rows)
                para = None
                continue
            if para is None or prev_line is None or _starts_para(block, para, prev_line):
                para = Para(block.kind, [], block.level)
                blocks.append(para)
                label = LABEL_RE.match(block.text)
                para.label_only = label is not None and label.end() == len(block.text)
            para.join(block)
            prev_line = block
    for b in blocks:
        if isinstance(b, Para):
            b.chars = _collapse_spaces(b.chars)
    return blocks, footnotes


def _starts_para(line: Line, para: Para, prev: Line) -> bool:
    """Whether a source line opens a new paragraph of rendering B or runs on the current one."""
    if line.continues:
        return False
    if line.kind in HEADING_KINDS or line.kind in (Kind.LABEL, Kind.BULLET):
        return True
    if para.kind in HEADING_KINDS or para.label_only:
        return True
    ends_sentence = para.text.rstrip().endswith(SENTENCE_END)
    if line.page != prev.page:
        return ends_sentence  # a paragraph runs on over a page break
    if line.gap == 0:
        return False
    # A blank line inside a sentence is an extraction artefact of odd line spacing.
    return ends_sentence or not line.text[0].islower()


def _collapse_spaces(chars: list[StyledChar]) -> list[StyledChar]:
    out: list[StyledChar] = []
    for ch in chars:
        if ch[0] == " " and (not out or out[-1][0] == " "):
            continue
        out.append(ch)
    while out and out[-1][0] == " ":
        out.pop()
    return out


@dataclass
class BPage:
    ops: list[Callable[[Canvas], None]] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    empty: bool = True


class RenderB:
    """Lays out rendering B with natural pagination, then draws it (the footer needs the
    total page count)."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        body = TextStyle(fonts, 10, 13)
        self.body = body
        self.styles = {
            Kind.BODY: ParaStyle(body, 0, 6),
            Kind.LABEL: ParaStyle(body, 0, 6),
            Kind.BULLET: ParaStyle(body, 0, 3),
            Kind.TITLE: ParaStyle(TextStyle(fonts, 15, 19, bold=True), 16, 8),
            Kind.TILTAK: ParaStyle(TextStyle(fonts, 12.5, 16, bold=True), 14, 6),
            Kind.PART: ParaStyle(TextStyle(fonts, 10.5, 13.5, bold=True), 8, 4),
            Kind.SUBHEAD: ParaStyle(TextStyle(fonts, 10, 13, bold=True), 8, 3),
        }
        self.label_only = ParaStyle(body, 0, 1)
        self.footnote = TextStyle(fonts, B_FOOTNOTE_SIZE, 10)
        self.table = TextStyle(fonts, B_TABLE_SIZE, 12)
        self.table_bold = TextStyle(fonts, B_TABLE_SIZE, 12, bold=True)
        self.table_italic = TextStyle(fonts, B_TABLE_SIZE, 12, italic=True)
        self.notes: dict[int, Footnote] = {}
        self.pages: list[BPage] = []
        self.y = B_TOP

    # -- pagination ------------------------------------------------------------------

    @property
    def page(self) -> BPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(BPage())
        self.y = B_TOP

    def floor(self, extra_notes: Sequence[int] = ()) -> float:
        """Lowest baseline room: the bottom margin plus the footnotes reserved so far."""
        numbers = [*self.page.footnotes, *(n for n in extra_notes if n not in self.page.footnotes)]
        if not numbers:
            return B_BOTTOM
        lines = sum(len(self.footnote_lines(self.notes[n])) for n in numbers)
        return B_BOTTOM + B_FOOTNOTE_SPACE + lines * self.footnote.leading

    def footnote_lines(self, fn: Footnote) -> list[list[StyledChar]]:
        chars = [(ch, Style(sup=True)) for ch in str(fn.number)] + [(" ", PLAIN)]
        chars += [(ch, PLAIN) for ch in " ".join(fn.text.split())]
        return wrap(chars, self.footnote, B_WIDTH)

    def para_style(self, para: Para) -> ParaStyle:
        return self.label_only if para.label_only else self.styles[para.kind]

    def para_lines(self, para: Para) -> list[list[StyledChar]]:
        ts = self.para_style(para).text
        indent = B_BULLET_TEXT_X[para.level] if para.kind == Kind.BULLET else 0.0
        return wrap(para.chars, ts, B_WIDTH - indent)

    def build(self, pages: list[Page], out: Path, cover: Image.Image) -> None:
        blocks, self.notes = b_blocks(pages)
        self.new_page()
        for i, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                if not self.page.empty:
                    self.new_page()
            elif isinstance(block, Table):
                self.place_table(block)
            else:
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                self.place_para(block, nxt if isinstance(nxt, Para) else None)
        total = len(self.pages) + FIRST_TEXT_PAGE - 1
        c = Canvas(str(out), pagesize=A4, invariant=1)
        set_metadata(c, "Writer (fixture rendering B)", "tools/build_pdfs.py with ReportLab")
        draw_cover(c, cover)
        for number, page in enumerate(self.pages, start=FIRST_TEXT_PAGE):
            for op in page.ops:
                op(c)
            self.draw_footnotes(c, page)
            self.draw_footer(c, number, total)
            c.showPage()
        c.save()

    def place_para(self, para: Para, nxt: Para | None) -> None:
        """Place a paragraph with orphan/widow control; headings keep with the next
        paragraph; a line with a footnote marker reserves its footnote on the same page."""
        style = self.para_style(para)
        lines = self.para_lines(para)
        lead = style.text.leading
        before = 0.0 if self.page.empty else style.space_before
        need = before + lead * min(len(lines), 2)
        if para.kind in HEADING_KINDS and nxt is not None:
            need = before + lead * len(lines) + self.para_style(nxt).text.leading * 2 + 4
        if self.y - need < self.floor():
            self.new_page()
            before = 0.0
        self.y -= before
        i = 0
        while i < len(lines):
            fit = self._lines_that_fit(lines[i:], lead)
            rest = len(lines) - i
            if fit < rest:
                if rest - fit == 1 and fit >= 2:
                    fit -= 1  # widow control: never leave one line alone on the next page
                if fit < 2 and i == 0 and rest >= 2 and not self.page.empty:
                    fit = 0  # orphan control
            if fit == 0 and self.page.empty:
                fit = 1
            for chars in lines[i : i + fit]:
                self._place_line(para, style, chars, chars is lines[0])
            i += fit
            if i < len(lines):
                self.new_page()
        self.y -= style.space_after

    def _lines_that_fit(self, lines: list[list[StyledChar]], lead: float) -> int:
        y = self.y
        notes: list[int] = []
        for n, chars in enumerate(lines):
            notes += self._notes_in(chars)
            if y - lead < self.floor(notes):
                return n
            y -= lead
        return len(lines)

    def _notes_in(self, chars: Sequence[StyledChar]) -> list[int]:
        text = "".join(ch if st.sup else " " for ch, st in chars)
        return [int(n) for n in text.split()]

    def _place_line(self, para: Para, style: ParaStyle, chars: list[StyledChar], first: bool) -> None:
        ts = style.text
        top = self.y
        y = baseline(top, ts)
        x = B_LEFT
        if para.kind == Kind.BULLET:
            x += B_BULLET_TEXT_X[para.level]
            if first:
                glyph_x = B_LEFT + B_BULLET_X[para.level]
                glyph = B_BULLET_GLYPH[para.level]
                self.page.ops.append(lambda c, gx=glyph_x, gy=y, g=glyph: self._glyph(c, g, gx, gy, ts))
        segs = segments(chars, ts)
        self.page.ops.append(lambda c, s=segs, lx=x, ly=y: draw_segments(c, s, lx, ly, ts, B_LINK))
        for n in self._notes_in(chars):
            if n not in self.page.footnotes:
                self.page.footnotes.append(n)
        self.page.empty = False
        self.y -= ts.leading

    @staticmethod
    def _glyph(c: Canvas, glyph: str, x: float, y: float, ts: TextStyle) -> None:
        c.setFont(ts.fonts.regular, ts.size)
        c.drawString(x, y, glyph)

    # -- table -------------------------------------------------------------------------

    def col_xs(self) -> list[float]:
        return column_edges(B_LEFT, B_TABLE_COLS, B_WIDTH)

    def row_cells(self, row: TableRow) -> list[list[str]]:
        """Cell lines re-wrapped to this rendering's column widths."""
        xs = self.col_xs()
        if row.group is not None:
            ts = self.table_bold if row.group in ("area", "header") else self.table_italic
            chars = [(ch, PLAIN) for ch in " ".join(row.title_lines)]
            return [["".join(ch for ch, _ in ln) for ln in wrap(chars, ts, B_WIDTH - 8)]]
        cells = [str(row.number), " ".join(row.title_lines), row.dept, row.status]
        out = []
        for i, text in enumerate(cells):
            width = xs[i + 1] - xs[i] - 2 * B_CELL_PAD_X
            wrapped = wrap([(ch, PLAIN) for ch in text], self.table, width)
            out.append(["".join(ch for ch, _ in ln) for ln in wrapped])
        return out

    def row_height(self, row: TableRow) -> float:
        if row.group == "header":
            return self.table.leading + 2 * B_CELL_PAD_Y
        return max(len(c) for c in self.row_cells(row)) * self.table.leading + 2 * B_CELL_PAD_Y

    def place_table(self, table: Table) -> None:
        """Booktabs-like table: rules only above/below the header and at the bottom, hair
        rules between rows; the header repeats on each page; rows split where a page fills."""
        header = TableRow(None, [], group="header")
        self.y -= 0.0 if self.page.empty else 8
        self._table_header(header)
        rows = table.rows
        for i, row in enumerate(rows):
            h = self.row_height(row)
            need = h
            if row.group is not None and i + 1 < len(rows):
                need += self.row_height(rows[i + 1])  # keep a group row with its first row
            if self.y - need < self.floor():
                self._rule(1.0)
                self.new_page()
                self._table_header(header)
            self._table_row(row, h, last=i + 1 == len(rows))
        self._rule(1.0)
        self.y -= 10

    def _rule(self, width: float) -> None:
        y = self.y
        self.page.ops.append(lambda c, ry=y: self._hline(c, ry, width))

    @staticmethod
    def _hline(c: Canvas, y: float, width: float) -> None:
        c.setStrokeColor(black)
        c.setLineWidth(width)
        c.line(B_LEFT, y, B_LEFT + B_WIDTH, y)

    def _table_header(self, header: TableRow) -> None:
        h = self.row_height(header)
        top = self.y
        xs = self.col_xs()
        y = baseline(top - B_CELL_PAD_Y, self.table_bold)

        def draw(c: Canvas) -> None:
            c.setFillColor(HexColor("#EDEDED"))
            c.rect(B_LEFT, top - h, B_WIDTH, h, stroke=0, fill=1)
            c.setFillColor(black)
            c.setFont(self.fonts.bold, B_TABLE_SIZE)
            for x, label in zip(xs, TABLE_HEADER, strict=False):
                c.drawString(x + B_CELL_PAD_X, y, label)

        self.page.ops.append(draw)
        self._rule(1.0)
        self.y -= h
        self._rule(0.6)
        self.page.empty = False

    def _table_row(self, row: TableRow, h: float, last: bool) -> None:
        top = self.y
        xs = self.col_xs()
        cells = self.row_cells(row)
        lead = self.table.leading

        def draw(c: Canvas) -> None:
            y0 = baseline(top - B_CELL_PAD_Y, self.table)
            if row.group is not None:
                ts = self.table_bold if row.group == "area" else self.table_italic
                c.setFont(ts.fonts.face(ts.bold, ts.italic), ts.size)
                for k, text in enumerate(cells[0]):
                    c.drawString(B_LEFT + B_CELL_PAD_X, y0 - k * lead, text)
                return
            c.setFont(self.fonts.regular, B_TABLE_SIZE)
            for x, cell in zip(xs, cells, strict=False):
                for k, text in enumerate(cell):
                    c.drawString(x + B_CELL_PAD_X, y0 - k * lead, text)

        self.page.ops.append(draw)
        self.y -= h
        if not last:
            self._rule(0.25)
        self.page.empty = False

    # -- footnotes and footer ----------------------------------------------------------

    def draw_footnotes(self, c: Canvas, page: BPage) -> None:
        if not page.footnotes:
            return
        notes = [self.footnote_lines(self.notes[n]) for n in page.footnotes]
        n_lines = sum(len(n) for n in notes)
        top = B_BOTTOM + n_lines * self.footnote.leading
        c.setStrokeColor(black)
        c.setLineWidth(0.4)
        c.line(B_LEFT, top + 8, B_LEFT + 120, top + 8)
        for note in notes:
            for chars in note:
                y = baseline(top, self.footnote)
                draw_segments(c, segments(chars, self.footnote), B_LEFT, y, self.footnote, B_LINK)
                top -= self.footnote.leading

    def draw_footer(self, c: Canvas, number: int, total: int) -> None:
        """Centred "Side N | M", no letter spacing (unlike rendering A)."""
        c.setFillColor(black)
        c.setFont(self.fonts.regular, B_FOOTER_SIZE)
        c.drawCentredString(B_LEFT + B_WIDTH / 2, B_FOOTER_Y, f"Side {number} | {total}")


# --------------------------------------------------------------------------------------


def main() -> None:
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    carlito, dejavu = register_fonts()
    pages = parse_document(SOURCE, LINKS)
    cover = cover_image(FONT_DIR)
    OUT_A.parent.mkdir(parents=True, exist_ok=True)
    OUT_B.parent.mkdir(parents=True, exist_ok=True)
    RenderA(carlito).build(pages, OUT_A, cover)
    # Rendering B reuses the parsed lines; parse again so A's and B's data stay independent.
    RenderB(dejavu).build(parse_document(SOURCE, LINKS), OUT_B, cover)
    print(f"wrote {OUT_A.relative_to(ROOT)} and {OUT_B.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
