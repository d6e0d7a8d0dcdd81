#!/usr/bin/env python3
"""Build the synthetic annual status reports of «Sjef i eget liv» (2025 and 2026) and their goldens.

Why this script exists: the pipeline must re-ingest a second family of reports by configuration
only (a new profile) and build a panel across two consecutive reports. No such reports exist
offline, so this script writes two SYNTHETIC ones («Syntetisk testdokument» on the cover) from
the content in tools/status_reports/ (plan, focus areas, measures, and per year the status,
responsible ministry and report text). The skeleton is the first family's (overview table, then
one block per measure); the wording and layout are deliberately different:

* A4, one column, Word-like: Carlito 11 pt, 2.5 cm margins, reflowed paragraphs with
  widow/orphan control, headings that keep with their next paragraph.
* Page 1 is a title page with text (no cover image); page 2 holds «Innledning», the overview
  table «Status for tiltakene» (columns Nr | Tiltak | Ansvarlig | Status, ruled, wrapped cells,
  group rows «Innsatsområde N: Title») and its summary sentence; the body starts on a new page.
* Headings «Innsatsområde N: Title» (16 pt bold) and «Tiltak N: Title» (12 pt bold); bold labels
  «Ansvarlig:», «Status:» and «Rapportering <year>:» at line start; a centred «Side X av Y» footer.
* Deliberate quirks, set in the data files: a block without status line, a status sentence
  outside the vocabulary, a «Tiltak N:» heading forced to the very bottom of a page, a reflowed
  prose line that starts with «Tiltak 7 ble», an inline «jf. tiltak 3», link annotations.

It reuses the text primitives of tools/build_pdfs.py (wrap, segments, draw_segments, baseline)
and imports nothing from pipeline/. After writing the PDFs it writes the goldens under
tests/golden/sjef-i-eget-liv/ from the content data; their page numbers are read back from the
PDFs with pdfplumber, and the PDFs are checked (footers, weights, the quirks) the same way.
Output is deterministic (reportlab invariant mode, fonts from tools/fonts only).

Run from the repository root:  .venv/bin/python tools/build_status_reports.py
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_pdfs import (  # noqa: E402  (tools/ is not a package)
    A_LINE,
    PLAIN,
    FontSet,
    Style,
    StyledChar,
    TextStyle,
    baseline,
    column_edges,
    draw_segments,
    segments,
    wrap,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tools" / "status_reports"
FONT_DIR = ROOT / "tools" / "fonts"
OUT_DIR = ROOT / "tests" / "pdfs"
GOLDEN_DIR = ROOT / "tests" / "golden" / "sjef-i-eget-liv"
YEARS = (2025, 2026)
REPORT_ID = "sjef-i-eget-liv-status-{year}"

PAGE_W, PAGE_H = A4
MARGIN = 2.5 * cm
LEFT = MARGIN
WIDTH = PAGE_W - 2 * MARGIN
TOP = PAGE_H - MARGIN
BOTTOM = MARGIN
FOOTER_Y = 1.25 * cm
FOOTER_SIZE = 9.0
LINK = HexColor("#0563C1")
TABLE_SHADE = HexColor("#D9D9D9")
TABLE_SIZE = 10.0
TABLE_COLS = (34.0, 262.0, 85.0)  # Nr, Tiltak, Ansvarlig; Status takes the rest
CELL_PAD_X = 5.4
CELL_PAD_Y = 2.0
TABLE_HEADER = ("Nr", "Tiltak", "Ansvarlig", "Status")
BOTTOM_HEADING_MAX_EXTRA = 60.0  # pt of extra space allowed above the forced bottom heading

VOCABULARY = ("Igangsatt", "Pågår", "Ikke startet", "Forsinket")
# How the summary sentence and the body's status sentences word each table value.
SUMMARY_WORD = {"Igangsatt": "igangsatt", "Pågår": "pågår", "Ikke startet": "ikke startet", "Forsinket": "forsinket"}
STATUS_SENTENCE = {
    "Tiltaket er igangsatt.": "Igangsatt",
    "Arbeidet pågår.": "Pågår",
    "Tiltaket er ikke startet.": "Ikke startet",
    "Tiltaket er forsinket.": "Forsinket",
}
UNKNOWN = "ukjent"

LINK_RE = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
BOLD = Style(bold=True)

# --------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------


@dataclass
class Area:
    nr: int
    title: str
    intro: str


@dataclass
class Measure:
    nr: int
    area: int
    title: str
    description: list[str]
    ansvarlig: str  # table cell
    ansvarlig_tekst: str  # body, after «Ansvarlig:»
    status: str  # table cell
    status_text: str | None  # body, after «Status:»; None: no status line
    rapportering: list[str]


@dataclass
class Report:
    year: int
    plan: str
    department: str
    synthetic_note: str
    innledning: list[str]
    heading_at_page_bottom: int
    areas: list[Area]
    measures: list[Measure]

    @property
    def report_id(self) -> str:
        return REPORT_ID.format(year=self.year)

    def counts(self) -> Counter[str]:
        return Counter(m.status for m in self.measures)

    def summary_sentence(self) -> str:
        counts = self.counts()
        parts = [f"{counts[v]} {SUMMARY_WORD[v]}" for v in VOCABULARY]
        return f"Av de {len(self.measures)} tiltakene i handlingsplanen er {', '.join(parts[:-1])} og {parts[-1]}."


def load_report(year: int) -> Report:
    plan = tomllib.loads((DATA / "sjef-i-eget-liv.toml").read_text(encoding="utf-8"))
    status = tomllib.loads((DATA / f"status-{year}.toml").read_text(encoding="utf-8"))
    if status["report"]["year"] != year:
        raise ValueError(f"status-{year}.toml says year {status['report']['year']}")
    per_year = {t["nr"]: t for t in status["tiltak"]}
    measures = []
    for t in plan["tiltak"]:
        y = per_year.pop(t["nr"])
        if y["status"] not in VOCABULARY:
            raise ValueError(f"{year} tiltak {t['nr']}: table status {y['status']!r} not in the vocabulary")
        measures.append(
            Measure(
                nr=t["nr"],
                area=t["innsatsomrade"],
                title=t["title"],
                description=t["description"],
                ansvarlig=y["ansvarlig"],
                ansvarlig_tekst=y.get("ansvarlig_tekst", y["ansvarlig"]),
                status=y["status"],
                status_text=y.get("status_text"),
                rapportering=y["rapportering"],
            )
        )
    if per_year:
        raise ValueError(f"status-{year}.toml: unknown tiltak {sorted(per_year)}")
    areas = [Area(a["nr"], a["title"], a["intro"]) for a in plan["innsatsomrade"]]
    if [m.nr for m in measures] != list(range(1, len(measures) + 1)):
        raise ValueError("tiltak must be numbered 1..N in order")
    return Report(
        year=year,
        plan=plan["plan"]["name"],
        department=plan["plan"]["department"],
        synthetic_note=plan["plan"]["synthetic_note"],
        innledning=status["report"]["innledning"],
        heading_at_page_bottom=status["report"]["heading_at_page_bottom"],
        areas=areas,
        measures=measures,
    )


def styled(text: str, style: Style = PLAIN) -> list[StyledChar]:
    """Text with [anchor](url) markup as styled characters (the anchor becomes a link)."""
    out: list[StyledChar] = []
    pos = 0
    for m in LINK_RE.finditer(text):
        out += [(ch, style) for ch in text[pos : m.start()]]
        link = Style(bold=style.bold, url=m.group(2))
        out += [(ch, link) for ch in m.group(1)]
        pos = m.end()
    out += [(ch, style) for ch in text[pos:]]
    return out


def plain(text: str) -> str:
    """Text as printed: markup removed, whitespace collapsed."""
    return " ".join(LINK_RE.sub(r"\1", text).split())


# --------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParaStyle:
    text: TextStyle
    space_before: float
    space_after: float


@dataclass
class Para:
    kind: str  # "section", "area", "tiltak", "body"
    chars: list[StyledChar]
    tiltak: int | None = None  # the block it belongs to
    role: str = ""  # "heading", "description", "ansvarlig", "status", "rapportering", "intro", ...
    force_bottom: bool = False  # heading that must be the last line of its page


@dataclass
class TableRow:
    number: int | None
    cells: list[str]  # one cell for a group row
    header: bool = False


@dataclass
class Table:
    rows: list[TableRow]


class PageBreak:
    pass


@dataclass
class LineRec:
    """A placed text line, for the goldens and the checks."""

    page: int
    baseline: float
    text: str
    kind: str
    role: str
    tiltak: int | None
    bold: list[bool]  # per character


@dataclass
class LPage:
    ops: list[Callable[[Canvas], None]] = field(default_factory=list)
    empty: bool = True


class Layout:
    """Natural pagination of the paragraphs and the table; draws once the page count is known."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.body = TextStyle(fonts, 11, 11 * A_LINE)
        self.styles = {
            "body": ParaStyle(self.body, 0, 6),
            "section": ParaStyle(TextStyle(fonts, 14, 14 * A_LINE, bold=True), 14, 6),
            "area": ParaStyle(TextStyle(fonts, 16, 16 * A_LINE, bold=True), 18, 8),
            "tiltak": ParaStyle(TextStyle(fonts, 12, 12 * A_LINE, bold=True), 12, 4),
        }
        self.table_ts = TextStyle(fonts, TABLE_SIZE, TABLE_SIZE * A_LINE)
        self.table_bold = TextStyle(fonts, TABLE_SIZE, TABLE_SIZE * A_LINE, bold=True)
        self.pages: list[LPage] = []
        self.lines: list[LineRec] = []
        self.y = TOP
        self.bottom_extra: float | None = None

    @property
    def page(self) -> LPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(LPage())
        self.y = TOP

    # -- paragraphs ----------------------------------------------------------------------

    def para_lines(self, para: Para) -> list[list[StyledChar]]:
        return wrap(para.chars, self.styles[para.kind].text, WIDTH)

    def place(self, blocks: list[Para | Table | PageBreak]) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                if not self.page.empty:
                    self.new_page()
            elif isinstance(block, Table):
                self.place_table(block)
            else:
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                self.place_para(block, nxt if isinstance(nxt, Para) else None)

    def place_para(self, para: Para, nxt: Para | None) -> None:
        """Widow/orphan control; headings keep with two lines of the next paragraph, except a
        forced bottom heading, which is pushed down to be its page's last line."""
        style = self.styles[para.kind]
        lines = self.para_lines(para)
        lead = style.text.leading
        before = 0.0 if self.page.empty else style.space_before
        need = before + lead * min(len(lines), 2)
        if para.kind != "body" and nxt is not None and not para.force_bottom:
            nxt_style = self.styles[nxt.kind]
            need = before + lead * len(lines) + nxt_style.space_before + nxt_style.text.leading * min(2, len(self.para_lines(nxt)))
        if self.y - need < BOTTOM:
            self.new_page()
            before = 0.0
        if para.force_bottom:
            room = self.y - before - lead * len(lines) - BOTTOM  # left under the heading
            if room < 0:
                raise ValueError(f"tiltak {para.tiltak}: the forced bottom heading does not fit on its page")
            target = self.body.leading * 0.5  # too little for any next line
            extra = max(0.0, room - target)
            if extra > BOTTOM_HEADING_MAX_EXTRA:
                raise ValueError(
                    f"tiltak {para.tiltak}: forcing its heading to the page bottom needs {extra:.0f} pt of extra space; "
                    "pick another heading_at_page_bottom"
                )
            before += extra
            self.bottom_extra = extra
        self.y -= before
        i = 0
        while i < len(lines):
            fit = int((self.y - BOTTOM) // lead + 1e-9)
            rest = len(lines) - i
            if fit < rest:
                if rest - fit == 1 and fit >= 2:
                    fit -= 1  # widow control
                if fit < 2 and i == 0 and rest >= 2 and not self.page.empty:
                    fit = 0  # orphan control
            if fit <= 0 and self.page.empty:
                fit = 1
            for chars in lines[i : i + fit]:
                self.place_line(para, style.text, chars)
            i += fit
            if i < len(lines):
                self.new_page()
        self.y -= style.space_after

    def place_line(self, para: Para, ts: TextStyle, chars: list[StyledChar]) -> None:
        y = baseline(self.y, ts)
        segs = segments(chars, ts)
        self.page.ops.append(lambda c, s=segs, ly=y: draw_segments(c, s, LEFT, ly, ts, LINK))
        text = "".join(ch for ch, _ in chars)
        bold = [ts.bold or st.bold for _, st in chars]
        self.lines.append(LineRec(len(self.pages), y, text, para.kind, para.role, para.tiltak, bold))
        self.page.empty = False
        self.y -= ts.leading

    # -- table ---------------------------------------------------------------------------

    def col_xs(self) -> list[float]:
        return column_edges(LEFT, TABLE_COLS, WIDTH)

    def cell_lines(self, row: TableRow) -> list[list[str]]:
        xs = self.col_xs()
        if row.number is None and not row.header:
            chars = [(ch, PLAIN) for ch in row.cells[0]]
            return [["".join(ch for ch, _ in ln) for ln in wrap(chars, self.table_bold, WIDTH - 2 * CELL_PAD_X)]]
        ts = self.table_bold if row.header else self.table_ts
        out = []
        for i, text in enumerate(row.cells):
            width = xs[i + 1] - xs[i] - 2 * CELL_PAD_X
            out.append(["".join(ch for ch, _ in ln) for ln in wrap([(ch, PLAIN) for ch in text], ts, width)])
        return out

    def row_height(self, row: TableRow) -> float:
        return max(len(c) for c in self.cell_lines(row)) * self.table_ts.leading + 2 * CELL_PAD_Y

    def place_table(self, table: Table) -> None:
        """A ruled Word table: every cell framed; a row never splits; a group row keeps with
        the row after it; no repeated header on a continuation page (Word's default)."""
        self.y -= 0.0 if self.page.empty else 4
        rows = table.rows
        for i, row in enumerate(rows):
            need = self.row_height(row)
            if (row.header or row.number is None) and i + 1 < len(rows):
                need += self.row_height(rows[i + 1])
            if self.y - need < BOTTOM:
                self.new_page()
            self.table_row(row)
        self.y -= 10

    def table_row(self, row: TableRow) -> None:
        top = self.y
        h = self.row_height(row)
        xs = self.col_xs()
        cells = self.cell_lines(row)
        lead = self.table_ts.leading
        y0 = baseline(top - CELL_PAD_Y, self.table_ts)
        group = row.number is None and not row.header
        ts = self.table_bold if (row.header or group) else self.table_ts
        page = len(self.pages)

        def draw(c: Canvas) -> None:
            if row.header:
                c.setFillColor(TABLE_SHADE)
                c.rect(xs[0], top - h, xs[-1] - xs[0], h, stroke=0, fill=1)
                c.setFillColor(black)
            c.setFont(ts.fonts.face(ts.bold, False), ts.size)
            starts = [xs[0]] if group else xs[:-1]
            for x, cell in zip(starts, cells):
                for k, text in enumerate(cell):
                    c.drawString(x + CELL_PAD_X, y0 - k * lead, text)
            c.setStrokeColor(black)
            c.setLineWidth(0.5)
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], top - h, xs[-1], top - h)
            for x in [xs[0], xs[-1]] if group else xs:
                c.line(x, top, x, top - h)

        self.page.ops.append(draw)
        for k in range(max(len(cl) for cl in cells)):
            text = " | ".join(cl[k] if k < len(cl) else "" for cl in cells)
            self.lines.append(LineRec(page, y0 - k * lead, text, "table", "header" if row.header else "row", row.number, [ts.bold] * len(text)))
        self.page.empty = False
        self.y -= h


# --------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------


def blocks_of(report: Report) -> list[Para | Table | PageBreak]:
    """Page 2 (introduction, summary, table), then the body from a new page."""
    out: list[Para | Table | PageBreak] = [Para("section", styled("Innledning"), role="innledning")]
    out += [Para("body", styled(p), role="innledning") for p in report.innledning]
    out.append(Para("section", styled("Status for tiltakene"), role="overview"))
    out.append(Para("body", styled(report.summary_sentence()), role="summary"))
    rows = [TableRow(None, list(TABLE_HEADER), header=True)]
    for area in report.areas:
        rows.append(TableRow(None, [f"Innsatsområde {area.nr}: {area.title}"]))
        for m in report.measures:
            if m.area == area.nr:
                rows.append(TableRow(m.nr, [str(m.nr), m.title, m.ansvarlig, m.status]))
    out.append(Table(rows))
    out.append(PageBreak())
    label = f"Rapportering {report.year}:"
    for area in report.areas:
        out.append(Para("area", styled(f"Innsatsområde {area.nr}: {area.title}"), role="area"))
        out.append(Para("body", styled(area.intro), role="intro"))
        for m in report.measures:
            if m.area != area.nr:
                continue
            force = m.nr == report.heading_at_page_bottom
            out.append(Para("tiltak", styled(f"Tiltak {m.nr}: {m.title}"), m.nr, "heading", force_bottom=force))
            out += [Para("body", styled(p), m.nr, "description") for p in m.description]
            out.append(Para("body", styled("Ansvarlig:", BOLD) + styled(f" {m.ansvarlig_tekst}"), m.nr, "ansvarlig"))
            if m.status_text is not None:
                out.append(Para("body", styled("Status:", BOLD) + styled(f" {m.status_text}"), m.nr, "status"))
            first, *more = m.rapportering
            out.append(Para("body", styled(label, BOLD) + styled(f" {first}"), m.nr, "rapportering"))
            out += [Para("body", styled(p), m.nr, "rapportering") for p in more]
    return out


def register_fonts() -> FontSet:
    for name in ("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    return FontSet("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic", 0.75, 0.25)


def draw_title_page(c: Canvas, report: Report, fonts: FontSet) -> list[LineRec]:
    """Title page with text: report, plan, ministry and the synthetic-document note."""
    recs: list[LineRec] = []

    def put(text: str, size: float, y: float, bold: bool) -> None:
        c.setFont(fonts.bold if bold else fonts.regular, size)
        c.drawString(LEFT, y, text)
        recs.append(LineRec(1, y, text, "title_page", "", None, [bold] * len(text)))

    c.setFillColor(HexColor("#1F3864"))
    c.rect(LEFT, PAGE_H - 6.2 * cm, WIDTH, 3, stroke=0, fill=1)
    c.setFillColor(black)
    put(f"Statusrapport {report.year}", 28, PAGE_H - 8 * cm, True)
    ts = TextStyle(fonts, 18, 18 * 1.25, bold=True)
    y = PAGE_H - 9.6 * cm
    for line in wrap([(ch, PLAIN) for ch in report.plan], ts, WIDTH):
        put("".join(ch for ch, _ in line), 18, y, True)
        y -= ts.leading
    put(report.department, 14, y - 1.2 * cm, False)
    put(report.synthetic_note, 12, 4.5 * cm, False)
    return recs


def build_pdf(report: Report, fonts: FontSet, out: Path) -> Layout:
    layout = Layout(fonts)
    layout.pages.append(LPage(empty=False))  # page 1: the title page, drawn directly
    layout.new_page()
    layout.place(blocks_of(report))
    total = len(layout.pages)
    c = Canvas(str(out), pagesize=A4, invariant=1)
    c.setTitle(f"Statusrapport {report.year}: {report.plan}")
    c.setAuthor(report.department)
    c.setSubject(f"Statusrapport {report.year} (syntetisk testdokument)")
    c.setCreator("Microsoft® Word for Microsoft 365")
    c.setProducer("tools/build_status_reports.py with ReportLab")
    layout.lines[:0] = draw_title_page(c, report, fonts)
    for number, page in enumerate(layout.pages, start=1):
        for op in page.ops:
            op(c)
        c.setFillColor(black)
        c.setFont(fonts.regular, FOOTER_SIZE)
        c.drawCentredString(LEFT + WIDTH / 2, FOOTER_Y, f"Side {number} av {total}")
        c.showPage()
    c.save()
    return layout


# --------------------------------------------------------------------------------------
# Read-back with pdfplumber: page numbers for the goldens, and checks
# --------------------------------------------------------------------------------------


@dataclass
class PLine:
    page: int
    top: float
    text: str
    bold: list[bool]  # per non-space character
    size: float


def read_lines(path: Path) -> tuple[list[PLine], list[PLine], int]:
    """Text lines of the PDF (chars grouped by baseline) and its footer lines."""
    body: list[PLine] = []
    footers: list[PLine] = []
    with pdfplumber.open(path) as pdf:
        n_pages = len(pdf.pages)
        for pno, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=1.5)
            rows: dict[float, list[dict]] = {}
            for w in words:
                key = next((k for k in rows if abs(k - w["bottom"]) < 2.0), w["bottom"])
                rows.setdefault(key, []).append(w)
            for key in sorted(rows):
                ws = sorted(rows[key], key=lambda w: w["x0"])
                text = " ".join(w["text"] for w in ws)
                bold = [("Bold" in w["fontname"]) for w in ws for _ in w["text"]]
                line = PLine(pno, min(w["top"] for w in ws), text, bold, max(w["size"] for w in ws))
                (footers if line.top > PAGE_H - FOOTER_Y - 15 else body).append(line)
    return body, footers, n_pages


def read_table(path: Path) -> list[list[str | None]]:
    """The ruled overview table as pdfplumber reads it, wrapped cells joined with spaces."""
    rows: list[list[str | None]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            tables = page.extract_tables()
            if not tables:
                break
            for table in tables:
                rows += [[" ".join(cell.split()) if cell is not None else None for cell in row] for row in table]
    return rows


TILTAK_HEADING = re.compile(r"^Tiltak (\d+): ")
AREA_HEADING = re.compile(r"^Innsatsområde (\d+): ")


def pages_from_pdf(lines: list[PLine]) -> dict[int, tuple[int, int]]:
    """(page_start, page_end) of each «Tiltak N:» block, read from the PDF alone: a block
    starts at its bold heading and ends at the last line before the next bold heading."""
    out: dict[int, tuple[int, int]] = {}
    current: int | None = None
    start = last = 0
    for line in lines:
        is_heading = all(line.bold) and (TILTAK_HEADING.match(line.text) or (AREA_HEADING.match(line.text) and line.size > 14))
        if is_heading and current is not None:
            out[current] = (start, last)
            current = None
        if is_heading and (m := TILTAK_HEADING.match(line.text)):
            current, start = int(m.group(1)), line.page
        last = line.page
    if current is not None:
        out[current] = (start, last)
    return out


def check_pdf(report: Report, layout: Layout, path: Path) -> dict[int, tuple[int, int]]:
    """Compare the PDF as pdfplumber reads it with what the layout placed; check the quirks."""
    lines, footers, n_pages = read_lines(path)
    problems: list[str] = []
    if n_pages != len(layout.pages):
        problems.append(f"{n_pages} pages, layout has {len(layout.pages)}")
    for pno in range(1, n_pages + 1):
        texts = [f.text for f in footers if f.page == pno]
        if texts != [f"Side {pno} av {n_pages}"]:
            problems.append(f"page {pno}: footer {texts}")
    # Every placed line comes back with the same text and the same weight per character.
    placed = [r for r in layout.lines if r.kind != "table"]
    got = [ln for ln in lines if "|" not in ln.text]
    by_page: dict[int, list[PLine]] = {}
    for ln in got:
        by_page.setdefault(ln.page, []).append(ln)
    for rec in placed:
        match = [ln for ln in by_page.get(rec.page, []) if ln.text == " ".join(rec.text.split())]
        if not match:
            problems.append(f"page {rec.page}: line not found: {rec.text!r}")
            continue
        want = [b for ch, b in zip(rec.text, rec.bold) if not ch.isspace()]
        if match[0].bold != want:
            problems.append(f"page {rec.page}: weights differ in {rec.text!r}")
    # Headings bold at their sizes; labels bold, the rest of their line regular.
    for ln in lines:
        if TILTAK_HEADING.match(ln.text) and all(ln.bold) and abs(ln.size - 12) > 0.01:
            problems.append(f"tiltak heading not 12 pt: {ln.text!r}")
        if ln.text.startswith("Tiltak ") and not TILTAK_HEADING.match(ln.text) and any(ln.bold):
            problems.append(f"bold prose line starting with Tiltak: {ln.text!r}")
    label = re.compile(rf"^(Ansvarlig:|Status:|Rapportering {report.year}:) ")
    n_labels = Counter()
    for ln in lines:
        if m := label.match(ln.text):
            n_labels[m.group(1)] += 1
            k = len(m.group(1).replace(" ", ""))  # weights are per non-space character
            if not all(ln.bold[:k]) or any(ln.bold[k:]):
                problems.append(f"label weights wrong: {ln.text!r}")
    n_status = sum(m.status_text is not None for m in report.measures)
    if n_labels != Counter({"Ansvarlig:": 12, f"Rapportering {report.year}:": 12, "Status:": n_status}):
        problems.append(f"label counts {dict(n_labels)}")
    # The forced heading is the last line of its page; its text starts the next page.
    nr = report.heading_at_page_bottom
    idx = next(i for i, ln in enumerate(lines) if ln.text.startswith(f"Tiltak {nr}: "))
    head, after = lines[idx], lines[idx + 1]
    if not (all(head.bold) and after.page == head.page + 1 and not any(after.bold)):
        problems.append(f"tiltak {nr}'s heading is not the last line of its page")
    # Exactly one regular prose line starts with «Tiltak 7 ble»; the summary sentence is printed.
    t7 = [ln for ln in lines if ln.text.startswith("Tiltak 7 ble ")]
    if len(t7) != 1 or any(t7[0].bold):
        problems.append(f"lines starting with «Tiltak 7 ble»: {[ln.text for ln in t7]}")
    flat = " ".join(ln.text for ln in lines)
    for phrase in (report.summary_sentence(), "jf. tiltak 3", report.synthetic_note, f"Statusrapport {report.year}"):
        if phrase not in flat:
            problems.append(f"not found in the text: {phrase!r}")
    table = read_table(path)
    want_rows = [list(TABLE_HEADER)]
    for area in report.areas:
        want_rows.append([f"Innsatsområde {area.nr}: {area.title}", None, None, None])
        want_rows += [[str(m.nr), m.title, m.ansvarlig, m.status] for m in report.measures if m.area == area.nr]
    if table != want_rows:
        problems.append(f"overview table as extracted: {table}")
    pdf_pages = pages_from_pdf(lines)
    layout_pages = layout_block_pages(layout)
    if pdf_pages != layout_pages:
        problems.append(f"block pages differ: pdf {pdf_pages} layout {layout_pages}")
    if problems:
        raise SystemExit(f"{path.name}:\n  " + "\n  ".join(problems))
    return pdf_pages


def layout_block_pages(layout: Layout) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for rec in layout.lines:
        if rec.kind in ("table", "title_page") or rec.tiltak is None:
            continue
        start, _ = out.get(rec.tiltak, (rec.page, rec.page))
        out[rec.tiltak] = (start, rec.page)
    return out


# --------------------------------------------------------------------------------------
# Goldens
# --------------------------------------------------------------------------------------


def first_last(paragraphs: list[str]) -> tuple[str | None, str | None]:
    tokens = " ".join(plain(p) for p in paragraphs).split()
    if not tokens:
        return None, None
    return " ".join(tokens[:6]), " ".join(tokens[-6:])


def body_status(status_text: str | None) -> str | None:
    if status_text is None:
        return None
    return STATUS_SENTENCE.get(status_text, UNKNOWN)


def write_goldens(report: Report, pages: dict[int, tuple[int, int]]) -> None:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    areas = {a.nr: a for a in report.areas}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["tiltak_nr", "title", "ansvarlig_departement", "status", "innsatsomrade_nr", "innsatsomrade_title", "undergruppe"])
    for m in report.measures:
        writer.writerow([m.nr, m.title, m.ansvarlig, m.status, m.area, areas[m.area].title, ""])
    (GOLDEN_DIR / f"oversikt-{report.year}.csv").write_text(buf.getvalue(), encoding="utf-8")

    rows = []
    for m in report.measures:
        d_first, d_last = first_last(m.description)
        r_first, r_last = first_last(m.rapportering)
        rows.append(
            {
                "tiltak_nr": m.nr,
                "innsatsomrade_nr": m.area,
                "title": m.title,
                "ansvarlig_label": "Ansvarlig",
                "ansvarlig_departement": m.ansvarlig_tekst,
                "status_text": m.status_text,
                "status": body_status(m.status_text),
                "description_first": d_first,
                "description_last": d_last,
                "sluttrapport_first": r_first,
                "sluttrapport_last": r_last,
                "page_start": pages[m.nr][0],
                "page_end": pages[m.nr][1],
            }
        )
    dump = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    (GOLDEN_DIR / f"tiltak-{report.year}.json").write_text(dump, encoding="utf-8")
    counts = report.counts()
    summary = {"total": len(report.measures), **{v: counts[v] for v in VOCABULARY}}
    dump = json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
    (GOLDEN_DIR / f"summary-{report.year}.json").write_text(dump, encoding="utf-8")


def check_content(report: Report) -> None:
    """The summary counts the table; status sentences match the table except the quirks."""
    counts = report.counts()
    if sum(counts.values()) != len(report.measures) or any(counts[v] == 0 for v in VOCABULARY):
        raise ValueError(f"{report.year}: table counts {dict(counts)}")
    for m in report.measures:
        meant = body_status(m.status_text)
        if meant not in (None, UNKNOWN, m.status):
            raise ValueError(f"{report.year} tiltak {m.nr}: body says {meant}, table {m.status}")


def print_changes(reports: list[Report]) -> None:
    a, b = reports
    print(f"changes {a.year} → {b.year}:")
    for ma, mb in zip(a.measures, b.measures):
        for name in ("status", "ansvarlig", "ansvarlig_tekst", "status_text"):
            if getattr(ma, name) != getattr(mb, name):
                print(f"  tiltak {ma.nr} | {name} | {getattr(ma, name)} | {getattr(mb, name)}")


def main() -> None:
    fonts = register_fonts()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    reports = [load_report(year) for year in YEARS]
    for report in reports:
        check_content(report)
        out = OUT_DIR / f"{report.report_id}.pdf"
        layout = build_pdf(report, fonts, out)
        pages = check_pdf(report, layout, out)
        write_goldens(report, pages)
        body_start = min(r.page for r in layout.lines if r.kind == "area")
        print(
            f"wrote {out.relative_to(ROOT)}: {len(layout.pages)} pages, body from page {body_start}, "
            f"tiltak {report.heading_at_page_bottom}'s heading ends page {pages[report.heading_at_page_bottom][0]} "
            f"(+{layout.bottom_extra:.1f} pt above it)"
        )
    print_changes(reports)
    print(f"wrote goldens to {GOLDEN_DIR.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
