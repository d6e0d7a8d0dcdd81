"""The reference engine: pdfplumber (pdfminer's pure-Python parser) reads the pages.

Every page is read once inside the guards of :mod:`pipeline.stages.guards`; its glyphs
become words and lines by the rules of :mod:`pipeline.stages.engines.words`. The
PDFium engine opens the PDF's structure here too (:func:`share_pages`), so that every
documented error is this engine's own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.utils import extract_words

from pipeline.hyphenation import ends_in_hyphen, ends_in_slash
from pipeline.model import Line, Link, PageInfo, Word
from pipeline.stages import guards
from pipeline.stages.engines.parts import WHOLE, Share
from pipeline.stages.engines.words import (
    TRACKING,
    DrawingOrder,
    Fill,
    RawPdf,
    Shape,
    angled_text,
    clean_glyphs,
    dedupe_chars,
    fill_color,
    hex_color,
    in_drawing_order,
    is_bold,
    letter_gaps,
    lines_in_reading_order,
    page_links,
    set_at_an_angle,
    small_shape,
    space_at,
    spaces_ending_lines,
    thin_rule,
    tinted,
    tracked_runs,
    turned_in_a_margin,
    vertical_rule,
    with_drawn_markers,
    with_underlines,
)
from pipeline.stages.guards import check_page_count, close_pdf, count_pages, open_pdf, pdf_failure, sha256_of


def page_chars(
    page: pdfplumber.page.Page,
    shapes: list[Shape] | None = None,
    rules: list[Shape] | None = None,
    ruled: list[Shape] | None = None,
    fills: list[Fill] | None = None,
    angled: list[str] | None = None,
) -> list[dict]:
    """``page.chars`` with the keys read here only: pdfplumber's ``process_object`` resolves every
    attribute of every layout object (half the time of reading a page); these are its values.
    ``shapes`` receives the boxes of the small paths drawn (maybe list markers), ``rules`` those of
    the thin ones (maybe underlines), ``ruled`` those of the rules drawn down the page (maybe between
    columns), ``fills`` those of the paths filled in a colour other than the page's white (maybe under
    a badge). Glyphs set at an angle (a watermark) are left out
    (:func:`~pipeline.stages.engines.words.set_at_an_angle`); ``angled`` receives their texts."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve
    from pdfplumber.page import fix_fontname_bytes

    height, initial = page.height, page.initial_doctop
    mb_x0, mb_top = page.mediabox[:2]
    form = page.pdf.unicode_norm
    chars: list[dict] = []

    def walk(objs: list) -> None:
        for obj in objs:
            if isinstance(obj, LTChar):
                if obj.matrix[1] and set_at_an_angle(*obj.matrix[:2]):  # (level type, nearly all of it, has no b)
                    if angled is not None:
                        angled.append(obj.get_text())
                    continue
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
            elif isinstance(obj, LTCurve):
                box = (obj.x0 + mb_x0, (height - obj.y1) + mb_top, obj.x1 + mb_x0, (height - obj.y0) + mb_top)
                if shapes is not None and small_shape(*box):
                    shapes.append(box)
                elif rules is not None and thin_rule(*box):
                    rules.append(box)
                elif ruled is not None and vertical_rule(*box):
                    ruled.append(box)
                if fills is not None and obj.fill and tinted(fill_color(obj.non_stroking_color)):
                    fills.append(box)

    walk(page.layout._objs)
    return chars


def page_words(
    page: pdfplumber.page.Page,
    ruled: list[Shape] | None = None,
    fills: list[Fill] | None = None,
    angled: list[str] | None = None,
    turned: list[str] | None = None,
) -> tuple[list[Word], DrawingOrder]:
    """Words of one page; a change of font or size splits a word (labels, markers). And the
    same words in the order the PDF draws them, worked out when asked (:func:`in_drawing_order`).
    ``ruled`` receives the boxes of the rules drawn down the page, ``fills`` those of the page's filled
    paths not in its white, ``angled`` the texts of the glyphs left out as set at an angle (:func:`page_chars`),
    ``turned`` those of the runs turned a quarter in a margin, left out too (:func:`without_turned`)."""
    shapes: list[Shape] = []
    rules: list[Shape] = []
    chars = without_turned(dedupe_chars(page_chars(page, shapes, rules, ruled, fills, angled)), turned)
    raw = tracked_words(extract_words(chars, x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["fontname", "size"], return_chars=True))
    # a word's colour is its first glyph's (a colour change does not split a word: a link's period stays glued)
    colours = {(round(c["x0"], 1), round(c["top"], 1)): c.get("non_stroking_color") for c in chars}
    spaces = [(c["x0"], c["top"]) for c in chars if c["text"] == " "] if any(ends_in_hyphen(w["text"]) for w in raw) else []
    # (a slash's space is asked at a line's end only: between two words of a line, every space is printed)
    ending = spaces_ending_lines([(c["text"], c["x0"], c["top"], c["bottom"]) for c in chars]) if any(ends_in_slash(w["text"]) for w in raw) else []
    words: list[Word] = []
    glyphs: list[list[dict]] = []  # each word's
    for w in raw:
        text = clean_glyphs(w["text"])
        if not text.strip():
            continue
        fontname = w["fontname"].split("+", 1)[-1]
        space_after = space_at(spaces, w["x1"], w["top"]) if ends_in_hyphen(text) else None
        if ending and ends_in_slash(text) and space_at(ending, w["x1"], w["top"]):
            space_after = True
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
        glyphs.append(w["chars"])
    return with_underlines(*with_drawn_markers(words, lambda: in_drawing_order(words, glyphs, chars), shapes), rules)


def without_turned(chars: list[dict], turned: list[str] | None = None) -> list[dict]:
    """The page's glyphs without those of the runs turned a quarter in a margin (a thumb index's tab:
    :func:`~pipeline.stages.engines.words.turned_in_a_margin`); ``turned`` receives the runs' texts."""
    if all(c["upright"] for c in chars):
        return chars
    away, texts = turned_in_a_margin([(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["upright"]) for c in chars])
    if turned is not None:
        turned.extend(texts)
    return [c for i, c in enumerate(chars) if i not in away] if away else chars


def tracked_words(raw: list[dict]) -> list[dict]:
    """pdfplumber's words with the pieces of a tracked word joined (:func:`~pipeline.stages.engines.words.tracked_runs`):
    only where some word's letters stand apart can any be (most pages: none)."""
    if not any(b["x0"] - a["x1"] >= TRACKING * a["size"] for w in raw for a, b in zip(w["chars"], w["chars"][1:])):
        return raw
    pieces = [((w["upright"], w["fontname"], w["size"]), w["top"], w["x0"], w["x1"], letter_gaps([(c["x0"], c["x1"]) for c in w["chars"]])) for w in raw]
    runs = tracked_runs(pieces)
    if len(runs) == len(raw):
        return raw
    out = []
    for run in runs:
        words = [raw[i] for i in run]
        first = words[0]
        if len(words) > 1:
            first = {
                **first,
                "text": "".join(w["text"] for w in words),
                "x1": max(w["x1"] for w in words),
                "top": min(w["top"] for w in words),
                "bottom": max(w["bottom"] for w in words),
                "chars": [c for w in words for c in w["chars"]],
            }
        out.append(first)
    return out


def read_pdf(path: Path, limit: int | None, password: str | None = None, damage: list[tuple[str, int]] | None = None, share: Share = WHOLE) -> RawPdf:
    digest = sha256_of(path)
    damage = [] if damage is None else damage
    pdf = open_pdf(path, password)
    try:
        pages_info: list[PageInfo] = []
        page_lines: list[tuple[Line, ...]] = []
        links: list[Link] = []
        doubts: list[tuple[int, str]] = []
        watermarks: list[tuple[int, str]] = []
        margins: list[tuple[int, str]] = []
        try:
            check_page_count(pdf, count_pages(pdf, stop_after=limit or None), limit)
            page_objs = guards.page_objects(pdf)
        except Exception as exc:  # a broken page tree
            raise pdf_failure(exc, path, "its page tree") from None
        check_page_count(pdf, len(page_objs), limit)  # pages found outside the tree count too
        findings = guards.stream_findings(damage, None) if share.first else []  # streams read to open the file and find its pages
        for number, page in share_pages(pdf, page_objs, share, path, damage):
            ruled: list[Shape] = []
            fills: list[Fill] = []
            angled: list[str] = []
            turned: list[str] = []
            try:
                words, drawn = page_words(page, ruled, fills, angled, turned)
            except Exception as exc:  # a broken content stream
                raise pdf_failure(exc, path, f"page {number}") from None
            finally:
                page.close()  # drop pdfplumber's per-page caches: memory stays flat
            hyperlinks, unreadable = guards.link_annotations(page)  # never fails: links never sink a PDF
            findings += guards.stream_findings(damage, number)
            if unreadable:
                findings.append(guards.links_finding(number, unreadable))
            pages_info.append(PageInfo(number, float(page.width), float(page.height)))
            lines, doubt = lines_in_reading_order(words, number, drawn, ruled, fills)
            page_lines.append(tuple(lines))
            if doubt:
                doubts.append((number, doubt))
            if angled and (text := angled_text(angled)):
                watermarks.append((number, text))
            margins.extend((number, text) for text in turned)
            links.extend(page_links(hyperlinks, words, number))
        metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, int, float))}
    finally:
        close_pdf(pdf)
    return RawPdf(path.name, str(path.resolve()), digest, tuple(pages_info), tuple(page_lines), tuple(links), metadata, tuple(findings), doubtful_order=tuple(doubts), angled=tuple(watermarks), turned=tuple(margins))


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
