"""Small synthetic PDFs for unit tests: a few lines of known layout each.

Built with reportlab's standard fonts (Helvetica / Helvetica-Bold, not
embedded), so the tests do not depend on the reconstruction's fonts.
A line is a list of runs; a run is (text, font, size[, rise[, x[, colour[, fill]]]]): ``rise``
lifts it (superscripts), ``x`` places it at a column instead of after the
previous run (table cells), ``fill`` draws a rectangle of that colour under it
(a badge), a few points wider than the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
LEFT = 72.0
TOP = 72.0


@dataclass
class SynthDoc:
    pages: list[list[tuple[float, float, tuple]]] = field(default_factory=lambda: [[]])
    footer: str | None = "Side {n} | {total}"
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (page, anchor text, uri)
    encrypt: object | None = None  # a reportlab StandardEncryption
    drawn: dict[tuple[int, int], str] = field(default_factory=dict)  # (page, line) → «underline» or «box»: a rule drawn with it
    mirrored: float = 0.0  # points the text block stands further right on odd pages than on even ones (a book's mirrored margins)

    def underlined(self, text: str, size: float = 11, gap: float = 6.0) -> SynthDoc:
        """A line in the body's type with a rule drawn under its text, end to end."""
        self.text(text, size=size, gap=gap)
        self.drawn[(len(self.pages) - 1, len(self.pages[-1]) - 1)] = "underline"
        return self

    def boxed(self, text: str, size: float = 11, gap: float = 6.0) -> SynthDoc:
        """A line in the body's type framed by a cell's borders, each drawn as a rule of its own (as browsers draw them),
        padded four points left and right and one and a half above and below: its bottom border stands where an
        underline would, and runs past the text's ends."""
        self.text(text, size=size, gap=gap)
        self.drawn[(len(self.pages) - 1, len(self.pages[-1]) - 1)] = "box"
        return self

    def new_page(self) -> SynthDoc:
        self.pages.append([])
        return self

    def line(self, *runs: tuple, x: float = LEFT, gap: float = 0.0) -> SynthDoc:
        self.pages[-1].append((x, gap, runs))
        return self

    def text(self, text: str, size: float = 11, x: float = LEFT, gap: float = 0.0) -> SynthDoc:
        return self.line((text, REGULAR, size), x=x, gap=gap)

    def bold(self, text: str, size: float = 11, gap: float = 6.0) -> SynthDoc:
        return self.line((text, BOLD, size), gap=gap)

    def label(self, label: str, rest: str = "", size: float = 11) -> SynthDoc:
        runs = [(label, BOLD, size)]
        if rest:
            runs.append((" " + rest, REGULAR, size))
        return self.line(*runs, gap=4.0)

    def row(self, cells: list[str], xs: list[float], font: str = REGULAR, size: float = 10, gap: float = 0.0) -> SynthDoc:
        runs = tuple((text, font, size, 0.0, x) for text, x in zip(cells, xs) if text)
        return self.line(*runs, x=xs[0], gap=gap)

    def write(self, path: Path) -> Path:
        width, height = A4
        c = Canvas(str(path), pagesize=A4, invariant=1, encrypt=self.encrypt)
        total = len(self.pages)
        for n, lines in enumerate(self.pages, start=1):
            y = height - TOP
            shift = self.mirrored if n % 2 else 0.0
            for k, (x, gap, runs) in enumerate(lines):
                y -= gap + max(r[2] for r in runs) * 1.25
                x += shift
                cx = x
                for run in runs:
                    text, font, size = run[:3]
                    rise = run[3] if len(run) > 3 else 0.0
                    if len(run) > 4:
                        cx = run[4] + shift
                    c.setFont(font, size)
                    if len(run) > 6:  # a fill under the run, as «#rrggbb»
                        c.setFillColor(HexColor(run[6]))
                        c.rect(cx - 3, y + rise - 0.3 * size, c.stringWidth(text, font, size) + 6, 1.3 * size, stroke=0, fill=1)
                    c.setFillColor(HexColor(run[5]) if len(run) > 5 and run[5] else black)  # a run's colour, as «#rrggbb»
                    c.drawString(cx, y + rise, text)
                    for page_no, anchor, uri in self.links:
                        if page_no == n and anchor in text:
                            start = cx + c.stringWidth(text[: text.index(anchor)], font, size)
                            end = start + c.stringWidth(anchor, font, size)
                            c.linkURL(uri, (start, y - 2, end, y + size), relative=0)
                    cx += c.stringWidth(text, font, size)
                size = max(r[2] for r in runs)
                if self.drawn.get((n - 1, k)) == "underline":
                    c.setLineWidth(0.6)
                    c.line(x, y - 0.12 * size, cx, y - 0.12 * size)
                elif self.drawn.get((n - 1, k)) == "box":
                    c.setLineWidth(0.6)
                    left, right, low, high = x - 4, cx + 4, y - 0.25 * size - 1.5, y + 0.95 * size + 1.5
                    c.lines([(left, low, right, low), (left, high, right, high), (left, low, left, high), (right, low, right, high)])
            if self.footer:
                c.setFont(REGULAR, 9)
                c.drawRightString(width - LEFT, 30, self.footer.format(n=n, total=total))
            c.showPage()
        c.save()
        return path
