"""Stage 1 — extract: the PDF's words with their layout, cleaned of page furniture.

pdfplumber reads every page once; words keep font name, size, weight and box.
Lines are rebuilt from words, running footers and headers are removed by
position *and* pattern or repetition, footnotes (small type below the body
text) are split off, superscript markers are taken out of the words they were
glued to, and link annotations are kept with the words printed under them.
Nothing here knows the report's wording except through the profile.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

import pdfplumber
import regex
from pdfplumber.utils import extract_words

from pipeline.errors import (
    DamagedPDFError,
    EmptyPDFError,
    NoTextLayerError,
)
from pipeline.hyphenation import SOFT_HYPHEN, Hyphenator, ends_in_hyphen
from pipeline.hyphenation import apply as apply_decision
from pipeline.model import Document, Dropped, Footnote, Hyphen, Line, Link, Marker, PageInfo, Word, font_family
from pipeline.profiles.loader import Profile
from pipeline.stages import guards
from pipeline.stages.engines import check_engine, preload
from pipeline.stages.engines.parts import WHOLE, Share, read_in_processes
from pipeline.stages.guards import check_page_count, close_pdf, count_pages, hardened_pdfminer, open_pdf, pdf_failure, sha256_of

# Layout constants: properties of typesetting, not of any report's wording.
BOLD_FONT = regex.compile(r"(?i)bold|black|heavy|semibold|demibold|\bdemi")
RUNNING_BAND = 0.085  # top/bottom share of the page where running headers/footers sit
RUNNING_REPEAT = 0.2  # Marker's rule: furniture repeats on >= 20 % of pages (and stands apart from the text)
RUNNING_MOST = 0.5  # repeating on most pages is furniture wherever it stands
SUPERSCRIPT_RATIO = 0.8  # a marker is at most this share of its line's size
FOOTNOTE_RATIO = 0.9  # footnote type is at most this share of the body size
WORD_GAP = 0.12  # gap (in ems) under which two words split by a font change touch
# Glyphs that Word-made PDFs extract as private-use code points of the Symbol font.
GLYPH_MAP = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓"}
INNER_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # inside a word, a hyphen is a hyphen whatever its code point
# List bullets as renderings print them; a list item's text is read with one bullet, •.
BULLETS = frozenset("•▪◦·‣➢✓○■□–—-*o")
BULLET_GAP = 0.4  # ems between a bullet and its text, wider than a word space (a tab or an indent)
COLUMN_GAP = 0.6  # ems of white space that separate two cells of a table row (wider than justified spacing)
_DIGITS = regex.compile(r"^\d{1,3}$")


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


def page_chars(page: pdfplumber.page.Page) -> list[dict]:
    """``page.chars`` with the keys read here only: pdfplumber's ``process_object`` resolves every
    attribute of every layout object (half the time of reading a page); these are its values."""
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.page import fix_fontname_bytes

    height, initial = page.height, page.initial_doctop
    mb_x0, mb_top = page.mediabox[:2]
    form = page.pdf.unicode_norm
    chars: list[dict] = []

    def walk(objs: list) -> None:
        for obj in objs:
            if isinstance(obj, LTChar):
                top = (height - obj.y1) + mb_top
                ncolor = obj.graphicstate.ncolor
                text = obj.get_text()
                fontname = obj.fontname
                chars.append(
                    {
                        "text": unicodedata.normalize(form, text) if form is not None else text,
                        "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                        "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                        "top": top,
                        "bottom": (height - obj.y0) + mb_top,
                        "doctop": initial + top,
                        "upright": obj.upright,
                        "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname,
                        "size": obj.size,
                        "non_stroking_color": ncolor if isinstance(ncolor, tuple) else (ncolor,),
                    }
                )
            elif isinstance(obj, LTContainer):
                walk(obj._objs)

    walk(page.layout._objs)
    return chars


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """Words of one page; a change of font or size splits a word (labels, markers)."""
    chars = dedupe_chars(page_chars(page))
    raw = extract_words(chars, x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["fontname", "size"])
    # a word's colour is its first glyph's (a colour change does not split a word: a link's period stays glued)
    colours = {(round(c["x0"], 1), round(c["top"], 1)): c.get("non_stroking_color") for c in chars}
    spaces = [(c["x0"], c["top"]) for c in chars if c["text"] == " "] if any(ends_in_hyphen(w["text"]) for w in raw) else []
    words = []
    for w in raw:
        text = clean_glyphs(w["text"])
        if not text.strip():
            continue
        fontname = w["fontname"].split("+", 1)[-1]
        space_after = any(abs(x - w["x1"]) < 1.0 and abs(top - w["top"]) < 2.0 for x, top in spaces) if ends_in_hyphen(text) else None
        words.append(
            Word(
                text=text,
                x0=round(w["x0"], 2),
                top=round(w["top"], 2),
                x1=round(w["x1"], 2),
                bottom=round(w["bottom"], 2),
                size=round(w["size"], 2),
                fontname=fontname,
                bold=is_bold(fontname),
                space_after=space_after,
                color=hex_color(colours.get((round(w["x0"], 1), round(w["top"], 1)))),
            )
        )
    return words


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
    rows: list[tuple[list[Word], list[float]]] = []  # a row's words, and its extent [top, bottom]
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for row, extent in reversed(rows[-3:]):
            top, bottom = extent
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(word.bottom - word.top, bottom - top):
                row.append(word)
                extent[0], extent[1] = min(top, word.top), max(bottom, word.bottom)
                break
        else:
            rows.append(([word], [word.top, word.bottom]))
    return [make_line(row, page) for row, _ in rows]


def make_line(words: Sequence[Word], page: int) -> Line:
    ordered = sorted(words, key=lambda w: w.x0)
    glued: list[Word] = []
    for i, w in enumerate(ordered):
        if i:
            prev = ordered[i - 1]
            space = w.x0 - prev.x1 > WORD_GAP * max(w.size, prev.size)
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


def split_markers(line: Line) -> tuple[Line | None, list[Marker]]:
    """Take raised small digits out of a line: they are footnote markers."""
    markers: list[Marker] = []
    kept: list[Word] = []
    baseline = line.bottom
    for i, w in enumerate(line.words):
        raised = w.bottom < baseline - 0.15 * line.size
        small = w.size <= SUPERSCRIPT_RATIO * line.size
        if small and raised and _DIGITS.match(w.text) and i > 0:
            markers.append(Marker(int(w.text), line.page, w.x0, w.top, w.x1, w.bottom, after=line.words[i - 1].text))
            continue
        kept.append(w)
    if not markers:
        return line, []
    if not kept:
        return None, markers
    # the word after a marker keeps the spacing it had to the marker: a glued comma stays glued
    return replace(line, words=tuple(kept), x0=min(w.x0 for w in kept), x1=max(w.x1 for w in kept)), markers


def body_size_of(lines: Iterable[Line]) -> float:
    """The size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        for w in line.words:
            sizes[round(w.size * 2) / 2] += len(w.text)
    if not sizes:
        return 0.0
    return sizes.most_common(1)[0][0]


def body_style_of(lines: Iterable[Line], body_size: float) -> tuple[str, str]:
    """The font family and colour most body-size text is set in (weighted by characters)."""
    families: Counter[str] = Counter()
    colours: Counter[str] = Counter()
    for line in lines:
        for w in line.words:
            if abs(w.size - body_size) < 0.6:
                families[font_family(w.fontname)] += len(w.text)
                colours[w.color] += len(w.text)
    return (families.most_common(1)[0][0] if families else ""), (colours.most_common(1)[0][0] if colours else "")


def furniture_key(text: str) -> str:
    """Text of a header/footer with spaces dropped and digits masked, for repetition."""
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", text))


def find_running(pages: Sequence[Sequence[Line]], heights: Sequence[float], patterns: Sequence[regex.Pattern[str]]) -> set[tuple[int, int]]:
    """(page index, line index) of running headers and footers.

    A line qualifies only inside the top or bottom band of its page, and only if it
    matches a profile pattern (spaces removed), or repeats at the same place on most
    pages, or repeats on many pages and stands apart from the text (white space wider
    than a line between it and the text). A label that happens to open several pages
    («Sluttrapport:») is in the text's flow: content, not furniture.
    """
    candidates: list[tuple[int, int, str]] = []
    for p, (lines, height) in enumerate(zip(pages, heights)):
        for i, line in enumerate(lines):
            if line.top < RUNNING_BAND * height or line.bottom > (1 - RUNNING_BAND) * height:
                candidates.append((p, i, line.text))
    pages_with: Counter[str] = Counter()
    for key in {(p, furniture_key(t)) for p, _, t in candidates}:
        pages_with[key[1]] += 1
    threshold = max(3, RUNNING_REPEAT * len(pages))
    running = set()
    for p, i, t in candidates:
        compact = regex.sub(r"\s+", "", t)
        repeats = pages_with[furniture_key(t)]
        if any(pat.search(compact) for pat in patterns) or repeats >= max(3, RUNNING_MOST * len(pages)):
            running.add((p, i))
        elif repeats >= threshold and stands_apart(pages[p], i):
            running.add((p, i))
    return running


def stands_apart(lines: Sequence[Line], i: int) -> bool:
    """Is the line set apart from its page's other lines by more than a line of white space?"""
    line = lines[i]
    others = [ln for k, ln in enumerate(lines) if k != i]
    above = [line.top - ln.bottom for ln in others if ln.bottom <= line.top + 0.5]
    below = [ln.top - line.bottom for ln in others if ln.top >= line.bottom - 0.5]
    nearest = min([*above, *below], default=float("inf"))
    return nearest > 1.2 * line.size


def _raised_first(line: Line) -> bool:
    """The line's first word is set raised and smaller than the next: a superscript number."""
    if len(line.words) < 2:
        return False
    first, second = line.words[0], line.words[1]
    return first.size <= SUPERSCRIPT_RATIO * second.size and first.bottom < second.bottom - 0.15 * second.size


def split_footnotes(lines: Sequence[Line], body_size: float, marked: set[int] | None = None) -> tuple[list[Line], list[Footnote]]:
    """Footnotes are small type below a page's last body-size line, starting with a number
    that is a footnote's: one whose marker stands on the same page (``marked``), or one
    printed raised itself. A table's rows in small type start with numbers too, but
    their numbers have no markers on their page."""
    main = [ln for ln in lines if ln.size > FOOTNOTE_RATIO * body_size]
    if not main:
        return list(lines), []
    last_body = max(ln.bottom for ln in main)
    body: list[Line] = []
    notes: list[list[Line]] = []
    for line in lines:
        in_zone = line.top >= last_body - 0.5 and line.size <= FOOTNOTE_RATIO * body_size
        if not in_zone:
            body.append(line)
            continue
        first = line.words[0].text
        number = regex.match(r"^\d{1,3}", first)
        starts_note = number is not None and (marked is None or int(number.group(0)) in marked or _raised_first(line))
        if starts_note:
            notes.append([line])
        elif notes:
            notes[-1].append(line)
        else:
            body.append(line)
    footnotes = []
    for note in notes:
        text = " ".join(ln.text for ln in note)
        m = regex.match(r"^(\d{1,3})\s*(.*)$", text, flags=regex.S)
        assert m is not None
        footnotes.append(
            Footnote(
                number=int(m.group(1)),
                text=" ".join(m.group(2).split()),
                page=note[0].page,
                x0=min(ln.x0 for ln in note),
                top=note[0].top,
                x1=max(ln.x1 for ln in note),
                bottom=note[-1].bottom,
            )
        )
    return body, footnotes


def anchor_text(words: Sequence[Word], x0: float, top: float, x1: float, bottom: float) -> str:
    inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
    return " ".join(w.text for w in sorted(inside, key=lambda w: (round(w.top), w.x0)))


def right_margin_of(lines: Iterable[Line], body_size: float) -> float:
    """Where full lines of body text end: the right edge most long lines reach."""
    ends = sorted(ln.x1 for ln in lines if abs(ln.size - body_size) < 0.6)
    return ends[int(len(ends) * 0.9)] if ends else 0.0


def left_margin_of(lines: Iterable[Line], body_size: float) -> float:
    xs = Counter(round(ln.x0) for ln in lines if abs(ln.size - body_size) < 0.6)
    return float(xs.most_common(1)[0][0]) if xs else 0.0


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
    findings: tuple[guards.Finding, ...] = ()  # what reading worked around: links_unreadable, damaged_stream
    engine: str = "pdfplumber"  # the extraction engine that read the pages (pipeline.stages.engines)
    reference_pages: tuple[int, ...] = ()  # read by another engine: the pages the reference read instead (damage, disagreement)

    def text_of_pages(self, first: int, last: int) -> str:
        return "\n".join(ln.text for lines in self.page_lines[first - 1 : last] for ln in lines)


def read_pdf(path: Path, max_pages: int | None = None, *, password: str | None = None, engine: str = "pdfplumber", processes: int = 1) -> RawPdf:
    """Read every page of a PDF once: words, lines and link annotations.

    ``max_pages`` (default: ``guards.MAX_PAGES``; 0 for none) refuses longer
    PDFs before any page is read. ``password`` opens an encrypted PDF; it is used
    for nothing else and kept nowhere. ``engine`` reads the pages (see
    :mod:`pipeline.stages.engines`): "pdfplumber", the reference, or "pdfium", which
    gives the same ``RawPdf`` faster; what PDFium cannot read, the reference reads
    (``RawPdf.engine`` says which did). With ``processes`` > 1, the pages are read in
    that many processes (:mod:`pipeline.stages.engines.parts`): the same ``RawPdf``, sooner
    where cores are idle.
    """
    limit = guards.MAX_PAGES if max_pages is None else max_pages
    preload([check_engine(engine)])
    return read_in_processes(lambda share: _read_share(Path(path), limit, password, engine, share), processes)


def _read_share(path: Path, limit: int | None, password: str | None, engine: str, share: Share) -> RawPdf:
    """The pages of ``share`` as one process reads them, by ``engine`` (falling back to the reference)."""
    if engine == "pdfium":
        from pipeline.stages.engines import pdfium

        try:
            return pdfium.read_pdf(path, limit, password, share)
        except pdfium.PdfiumFailed:
            pass  # the reference reads it, and raises its own error if it cannot either
    with hardened_pdfminer() as damage:
        return _read_pdf(path, limit, password, damage, share)


def _read_pdf(path: Path, limit: int | None, password: str | None = None, damage: list[tuple[str, int]] | None = None, share: Share = WHOLE) -> RawPdf:
    digest = sha256_of(path)
    damage = [] if damage is None else damage
    pdf = open_pdf(path, password)
    try:
        pages_info: list[PageInfo] = []
        page_lines: list[tuple[Line, ...]] = []
        links: list[Link] = []
        try:
            check_page_count(pdf, count_pages(pdf, stop_after=limit or None), limit)
            page_objs = guards.page_objects(pdf)
        except Exception as exc:  # a broken page tree
            raise pdf_failure(exc, path, "its page tree") from None
        check_page_count(pdf, len(page_objs), limit)  # pages found outside the tree count too
        findings = guards.stream_findings(damage, None) if share.first else []  # streams read to open the file and find its pages
        for number, page in share_pages(pdf, page_objs, share, path, damage):
            try:
                words = page_words(page)
            except Exception as exc:  # a broken content stream
                raise pdf_failure(exc, path, f"page {number}") from None
            finally:
                page.close()  # drop pdfplumber's per-page caches: memory stays flat
            hyperlinks, unreadable = guards.link_annotations(page)  # never fails: links never sink a PDF
            findings += guards.stream_findings(damage, number)
            if unreadable:
                findings.append(guards.links_finding(number, unreadable))
            pages_info.append(PageInfo(number, float(page.width), float(page.height)))
            page_lines.append(tuple(group_lines(words, number)))
            links.extend(page_links(hyperlinks, words, number))
        metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, int, float))}
    finally:
        close_pdf(pdf)
    return RawPdf(path.name, str(path.resolve()), digest, tuple(pages_info), tuple(page_lines), tuple(links), metadata, findings=tuple(findings))


def share_pages(pdf: pdfplumber.PDF, page_objs: Sequence[Any], share: Share, path: Path, damage: list[tuple[str, int]]) -> Iterator[tuple[int, pdfplumber.page.Page]]:
    """The number and pdfplumber page of every page ``share`` reads, in order, each with its
    ``damage`` list emptied first. Every page is made a pdfplumber page (its top counts from the
    document's start, over every page before it), so a page dictionary that cannot be read fails
    as that page whichever process reads it."""
    doctop = 0.0
    for number, page_obj in enumerate(page_objs, start=1):
        damage.clear()
        try:
            page = pdfplumber.page.Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
            height = float(page.height)
        except Exception as exc:  # a broken page dictionary
            raise pdf_failure(exc, path, f"page {number}") from None
        if share.has(number):
            yield number, page
        doctop += height


def page_links(hyperlinks: Iterable[dict], words: Sequence[Word], page: int) -> list[Link]:
    links = []
    for h in hyperlinks:
        uri = h.get("uri")
        if not uri:
            continue
        x0, top, x1, bottom = (round(float(h[k]), 2) for k in ("x0", "top", "x1", "bottom"))
        links.append(Link(str(uri), page, x0, top, x1, bottom, anchor_text=anchor_text(words, x0, top, x1, bottom)))
    return links


def extract(path: Path, profile: Profile) -> Document:
    """Read a PDF into a :class:`Document` (the only stage that touches the PDF)."""
    return assemble(read_pdf(path), profile)


def require_text(raw: RawPdf) -> RawPdf:
    """The PDF read, if it has pages and text on one of them at least.

    Without text, a PDF whose compressed streams were damaged is called damaged
    (its text may be in what could not be decoded), any other a scan.
    """
    if not raw.pages:
        raise EmptyPDFError("it has no pages")
    if not any(raw.page_lines):
        count = len(raw.pages)
        which = "its only page has no" if count == 1 else "neither of its 2 pages has" if count == 2 else f"none of its {count} pages has"
        damaged = sorted({f.page for f in raw.findings if f.code == "damaged_stream"}, key=lambda p: p or 0)
        if damaged:
            places = ["read before the pages" if p is None else f"of page {p}" for p in damaged]
            what = f"a compressed stream {places[0]} is" if len(places) == 1 else f"compressed streams {', '.join(places)} are"
            raise DamagedPDFError(f"{which} extractable text, and {what} damaged")
        raise NoTextLayerError(f"{which} extractable text")
    return raw


def assemble(raw: RawPdf, profile: Profile) -> Document:
    """The pure part of extraction: from raw lines per page to a clean Document."""
    pages_info, page_lines = require_text(raw).pages, raw.page_lines
    running = find_running(page_lines, [p.height for p in pages_info], profile.running)
    dropped: list[Dropped] = []
    kept_pages: list[list[Line]] = []
    for p, lines in enumerate(page_lines):
        kept = []
        for i, line in enumerate(lines):
            if (p, i) in running:
                dropped.append(Dropped(line.page, line.text, "running header/footer"))
            else:
                kept.append(line)
        kept_pages.append(kept)
    body_size = body_size_of(line for lines in kept_pages for line in lines)

    body: list[Line] = []
    footnotes: list[Footnote] = []
    markers: list[Marker] = []
    for kept_lines in kept_pages:
        split = {id(line): split_markers(line) for line in kept_lines}  # each line's markers taken out once
        marked = {m.number for _, found in split.values() for m in found}
        page_body, notes = split_footnotes(kept_lines, body_size, marked)
        footnotes.extend(notes)
        for line in page_body:
            if any(pat.search(line.text.strip()) for pat in profile.drop_lines):
                dropped.append(Dropped(line.page, line.text, "not prose (matches page.drop_lines)"))
                continue
            kept_line, found = split[id(line)]
            markers.extend(found)
            if kept_line is not None:
                body.append(kept_line)
    margin = left_margin_of(body, body_size)
    body = [normalise_bullet(line, margin) for line in body]
    body, hyphens = undo_hyphenation(body, body_size)
    family, colour = body_style_of(body, body_size)
    return Document(
        source=raw.source,
        sha256=raw.sha256,
        page_count=len(pages_info),
        body_size=body_size,
        left_margin=margin,
        right_margin=right_margin_of(body, body_size),
        pages=tuple(pages_info),
        lines=tuple(body),
        footnotes=tuple(footnotes),
        markers=tuple(markers),
        links=raw.links,
        dropped=tuple(dropped),
        metadata=dict(raw.metadata),
        source_path=raw.source_path,
        hyphens=tuple(hyphens),
        body_family=family,
        body_color=colour,
        engine=raw.engine,
        findings=raw.findings,
    )


def normalise_bullet(line: Line, left_margin: float) -> Line:
    """A list item's bullet as •, whatever glyph the rendering used: a bullet glyph standing
    alone at the line's start, indented, or with its text set off after it by more than the
    line's word spacing (a dash that a wrapped line of prose starts with is neither)."""
    words = line.words
    if len(words) < 2 or words[0].text not in BULLETS or words[0].text == "•":
        return line
    gap = words[1].x0 - words[0].x1
    spaces = sorted(b.x0 - a.x1 for a, b in zip(words[1:], words[2:]) if b.space_before)
    word_space = spaces[len(spaces) // 2] if spaces else 0.0  # wide in a justified line: a dash's space is as wide
    indented = words[0].x0 > left_margin + BULLET_GAP * words[1].size
    if not indented and (gap < BULLET_GAP * words[1].size or gap < 1.5 * word_space):
        return line
    return replace(line, words=(replace(words[0], text="•"), *words[1:]))


def cells(line: Line, body_size: float) -> list[list[int]]:
    """A line's words split where white space wider than a column gap separates them (table
    cells): wider than a column gap and than twice the line's word spacing, which a justified
    line stretches evenly."""
    words = line.words
    gaps = [words[k].x0 - words[k - 1].x1 for k in range(1, len(words))]
    spacing = sorted(gaps)[len(gaps) // 4] if gaps else 0.0  # the line's word spacing (most gaps are word spaces)
    out: list[list[int]] = [[0]]
    for k in range(1, len(words)):
        if gaps[k - 1] > COLUMN_GAP * body_size and gaps[k - 1] > 2 * spacing:
            out.append([])
        out[-1].append(k)
    return out


def continuation(lines: Sequence[Line], i: int, cell: list[int], body_size: float) -> tuple[int, int] | None:
    """Where the text broken at the end of ``cell`` of line ``i`` goes on: the next line,
    at the start of the same column (for a one-cell line: its first word)."""
    if i + 1 >= len(lines):
        return None
    line, nxt = lines[i], lines[i + 1]
    if len(cells(line, body_size)) == 1:
        return i + 1, 0
    x = line.words[cell[0]].x0
    starts = [c[0] for c in cells(nxt, body_size)]  # the continuation opens a cell of the next line
    k = next((k for k in starts if abs(nxt.words[k].x0 - x) < 0.5 * body_size), None)
    return None if k is None else (i + 1, k)


def undo_hyphenation(lines: Sequence[Line], body_size: float) -> tuple[list[Line], list[Hyphen]]:
    """Every hyphen that ends a line (or a table cell's line) decided: a typesetter's break
    becomes a soft hyphen that the text joiners remove, a real one stays."""
    breaks = []  # (line, word index, the word, the first word of its continuation)
    for i, line in enumerate(lines):
        for cell in cells(line, body_size):
            last = line.words[cell[-1]]
            if ends_in_hyphen(last.text) and (at := continuation(lines, i, cell, body_size)) is not None:
                breaks.append((i, cell[-1], last, lines[at[0]].words[at[1]].text))
    spaces = [w.space_after for _, _, w, _ in breaks if w.space_after is not None]
    hyphenator = Hyphenator.of_lines(([w.text for w in ln.words] for ln in lines), spaces)
    out = list(lines)
    decisions: list[Hyphen] = []
    for i, k, last, right in breaks:
        decision, evidence = hyphenator.decide(last.text, right, last.space_after)
        decisions.append(Hyphen(lines[i].page, last.text, right, decision, evidence))
        words = list(out[i].words)
        words[k] = replace(last, text=apply_decision(last.text, decision))
        out[i] = replace(out[i], words=tuple(words))
    return out, decisions
