"""Stage 1 — extract: the PDF's words with their layout, cleaned of page furniture.

An extraction engine reads every page once (:func:`read_pdf`, by :func:`pipeline.stages.engines.read.read_pdf`,
into a :class:`~pipeline.stages.engines.words.RawPdf`); words keep font name, size,
weight and box, and lines are rebuilt from them. A Word or HTML edition is read from its markup
and typeset into the same ``RawPdf`` (:mod:`pipeline.stages.editions`), so all that follows is alike. Here, running footers and headers are removed by
position *and* pattern or repetition, footnotes (small type below the body
text) are split off, and so are notes set as text (with back-links, or under a heading such as
«Noter» at a section's end: numbered through where each section numbers its own from 1; or numbered
in brackets, «[1]», where the text cites each by the same bracketed number), superscript
markers are taken out of the words they were glued to, and link annotations are kept with the words
printed under them. A side head broken over a page, read by each page's structure with text between
its parts, is read whole before its text (:func:`side_heads_rejoined`); a pair of columns broken over a
page is read as its text runs on (:func:`pair_split_over_pages`). Notes and markers may be symbols
(«*», «†»), numbered by their order (:func:`pipeline.text.note_numeral`). A pull quote, a sentence of
the text set again apart from it, is furniture (:func:`pull_quotes`).
Nothing here knows the report's wording except through the profile (and the words naming a page's
parts whatever the family, ``pipeline/profiles/base/page.toml``).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import regex

from pipeline.errors import (
    DamagedPDFError,
    EmptyPDFError,
    NoTextLayerError,
    TooManyPagesError,
)
from pipeline.hyphenation import HYPHENS, SPACED_SLASH, Hyphenator, ends_in_hyphen, ends_in_slash, spaces_tell
from pipeline.hyphenation import apply as apply_decision
from pipeline.model import (
    RUNNING_REASON,
    Document,
    Dropped,
    Footnote,
    Hyphen,
    Line,
    Marker,
    Word,
    aligned,
    font_family,
    font_slanted,
    has_letters,
    sections_offsets,
    shift_on,
)
from pipeline.profiles.loader import Profile, notes_headings
from pipeline.stages import guards
from pipeline.stages.editions import is_edition, read_edition
from pipeline.stages.engines import read
from pipeline.stages.engines.words import ANGLED_REASON, TAB_REASON, TURNED_REASON, RawPdf, make_line
from pipeline.stages.layout import CELL_GAP, SENTENCE_END, leading_cell_end, same_style, trailing_cell_start
from pipeline.stages.structure import COLUMN_WIDTH, FLOAT_SMALLEST, column_edge, column_starts
from pipeline.text import NOTE_SYMBOL, QUOTE_MARKS, join_lines, note_numeral, repeats_word_for_word

__all__ = ["RawPdf", "assemble", "extract", "read_pdf", "require_text"]  # reading and its product, beside the stage

# Layout constants: properties of typesetting, not of any report's wording.
RUNNING_BAND = 0.085  # top/bottom share of the page where running headers/footers sit
RUNNING_REPEAT = 0.2  # Marker's rule: furniture repeats on >= 20 % of pages (and stands apart from the text)
RUNNING_MOST = 0.5  # repeating on most pages is furniture wherever it stands
SUPERSCRIPT_RATIO = 0.8  # a marker is at most this share of its line's size
FOOTNOTE_RATIO = 0.9  # footnote type is at most this share of the body size
# List bullets as renderings print them; a list item's text is read with one bullet, •.
BULLETS = frozenset("•▪◦·‣➢✓○■□–—-*o")
PROSE_MARKS = frozenset("–—-*o")  # bullets a line of prose may also start with (a dash, a letter): a list's only when set off
BULLET_GAP = 0.4  # ems between a bullet and its text, wider than a word space (a tab or an indent)


def symbol_as_number(line: Line) -> Line:
    """A note's first line with the symbol it opens with («†») read as its number («2»), as the
    notes' numbers are read everywhere after (:func:`note_number`); a number stays as printed."""
    first = line.words[0].text if line.words else ""
    number = note_numeral(first) if NOTE_SYMBOL.match(first) else None
    return line if number is None else replace(line, words=(replace(line.words[0], text=str(number)), *line.words[1:]))


def split_markers(line: Line, above: Line | None = None) -> tuple[Line | None, list[Marker]]:
    """Take raised small digits (or a note's symbol, «*», «†»: :func:`note_numeral`) out of a line:
    they are footnote markers. A raised number that opens
    the line is a note's own number, unless ``above`` is given: the line before it, whose last word
    the call belongs to where the line broke between the two («Arbeidstilsynet.» / «² Veiledningen …»)."""
    markers: list[Marker] = []
    kept: list[Word] = []
    baseline = line.bottom
    for i, w in enumerate(line.words):
        raised = w.bottom < baseline - 0.15 * line.size
        small = w.size <= SUPERSCRIPT_RATIO * line.size
        after = line.words[i - 1].text if i else above.words[-1].text if above is not None and _raised_first(line) else None
        if small and raised and after is not None and (number := note_numeral(w.text)) is not None:
            markers.append(Marker(number, line.page, w.x0, w.top, w.x1, w.bottom, after=after))
            continue
        kept.append(w)
    if not markers:
        return line, []
    if not kept:
        return None, markers
    # the word after a marker keeps the spacing it had to the marker: a glued comma stays glued
    return replace(line, words=tuple(kept), x0=min(w.x0 for w in kept), x1=max(w.x1 for w in kept)), markers


SMALL_CAPS = (0.6, 0.9)  # the size of synthesised small capitals, as a share of the capitals': 0.7–0.8 in practice


def _small_caps_size(line: Line) -> tuple[float, float] | None:
    """(capitals' size, small capitals' size) when the line is set in synthesised small capitals:
    a letter glued to letters a size smaller («T» + «ILTAK»), and every word with letters at one of
    the two sizes. The letters' case in the text layer is the producer's (capitals; or whatever
    case a glyph was first mapped to: «tiltak 4. videreutvikle dialOggrupper»): the size tells."""
    for a, b in zip(line.words, line.words[1:]):
        if not b.space_before and a.text[-1:].isalpha() and b.text[:1].isalpha() and SMALL_CAPS[0] <= b.size / a.size <= SMALL_CAPS[1]:
            big, small = a.size, b.size
            if all(abs(w.size - big) < 0.05 or abs(w.size - small) < 0.05 for w in line.inked):
                return big, small
            return None
    return None


def _lowered(line: Line, big: float, small: float) -> Line:
    """The line's letters as they print: its small capitals in lower case, its capitals in upper
    case, all at the capitals' size. Words in a face the small capitals are not set in are text beside
    them, as printed («ANSVARLIG: JD» is a label in small capitals, «JD» its value in the body's face)."""
    faces = {w.fontname for w in line.words if abs(w.size - small) < 0.05}
    words = tuple(
        replace(w, text=w.text.lower() if abs(w.size - small) < 0.05 else w.text.upper(), size=big)
        if any(c.isalpha() for c in w.text) and w.fontname in faces
        else w
        for w in line.words
    )
    return replace(line, words=words, size=big)


def small_caps_read(lines: Sequence[Line]) -> list[Line]:
    """A page's lines with synthesised small capitals read as the text they print.

    A producer without a small-caps face prints a heading's lower-case letters as capitals a size
    smaller (Typst, LaTeX's \\textsc with a font that has none, a word processor's «Small caps»), so
    the text layer says «TILTAK 5. ETABLERE …» where the reader sees small capitals. Where a capital
    is glued to smaller capitals in a line without lower case, the smaller capitals are lower-case
    letters (their case is all the size tells); a next line in capitals of those two sizes, some
    small, at the line spacing, continues them («KOMPETANSEHEVING», «VOLD I NAV», «18 ÅR»)."""
    out: list[Line] = []
    previous: tuple[float, float, Line] | None = None  # the last line read as small capitals
    for line in lines:
        sizes = _small_caps_size(line)
        if sizes is None and previous is not None:
            big, small, last = previous
            inked = line.inked
            if (
                inked
                and all(abs(w.size - small) < 0.05 or abs(w.size - big) < 0.05 for w in inked)
                and sum(1 for w in inked if abs(w.size - small) < 0.05) >= sum(1 for w in inked if abs(w.size - big) < 0.05)
                and line.page == last.page
                and 0 <= line.top - last.bottom <= big
                and {w.fontname for w in inked} <= {w.fontname for w in last.words}
            ):
                sizes = big, small
        if sizes is None:
            previous = None
            out.append(line)
            continue
        read = _lowered(line, *sizes)
        previous = (*sizes, read)
        out.append(read)
    return out


def body_size_of(lines: Iterable[Line]) -> float:
    """The size most of the text is set in (weighted by characters)."""
    exact: Counter[float] = Counter()  # by each size as set, rounded after: a document has a few sizes and ten thousand words
    for line in lines:
        for w in line.words:
            exact[w.size] += len(w.text)
    sizes: Counter[float] = Counter()
    for size, chars in exact.items():  # (in the order the words first have them: ties go as word by word)
        sizes[round(size * 2) / 2] += chars
    if not sizes:
        return 0.0
    return sizes.most_common(1)[0][0]


def body_style_of(lines: Iterable[Line], body_size: float) -> tuple[str, str]:
    """The font family and colour most body-size text is set in (weighted by characters)."""
    styles: Counter[tuple[str, str]] = Counter()  # by font and colour first, as body_size_of does by size
    for line in lines:
        for w in line.words:
            if abs(w.size - body_size) < 0.6:
                styles[w.fontname, w.color] += len(w.text)
    families: Counter[str] = Counter()
    colours: Counter[str] = Counter()
    for (fontname, colour), chars in styles.items():
        families[font_family(fontname)] += chars
        colours[colour] += chars
    return (families.most_common(1)[0][0] if families else ""), (colours.most_common(1)[0][0] if colours else "")


def furniture_key(text: str) -> str:
    """Text of a header/footer with spaces dropped and digits masked, for repetition."""
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", text))


LINE_NUMBER_TYPE = 0.9  # a line number's type is at most this share of the size of the line it numbers
LINE_NUMBER_GAP = 1.0  # ems (of the number's type) of white at least between a line number and its line
LINE_NUMBER_REASON = "line numbering (a column of small numbers in the margin, in arithmetic progression down its pages)"
MarginNumber = tuple[int, int, int, int, float, float]  # page index, line index, word index, value, inner edge, top


def margin_number(line: Line, p: int, i: int) -> MarginNumber | None:
    """The number that opens or closes ``line`` in its margin: digits alone, in type smaller than the
    line's other words (``LINE_NUMBER_TYPE``), with white of an em or more between them; with its
    edge toward the text (its right edge in the left margin, its left in the right). Else None."""
    words = line.words
    if len(words) < 2:
        return None
    for k, beside in ((0, words[1]), (len(words) - 1, words[-2])):
        number = words[k]
        if number.text.isdigit() and len(number.text) <= 4 and number.size <= LINE_NUMBER_TYPE * beside.size:
            gap = beside.x0 - number.x1 if k == 0 else number.x0 - beside.x1
            if gap >= LINE_NUMBER_GAP * number.size:
                return (p, i, k, int(number.text), number.x1 if k == 0 else number.x0, number.top)
    return None


def in_progression(values: Sequence[int]) -> int | None:
    """The common difference of ``values`` where they rise by one step (a single value: 0); else None."""
    steps = {b - a for a, b in zip(values, values[1:])}
    return 0 if not steps else (steps.pop() if len(steps) == 1 and min(steps) > 0 else None)


def line_numbering(pages: Sequence[Sequence[Line]]) -> dict[tuple[int, int], int]:
    """The lines numbered in a margin (a consultation draft numbers every fifth line), as (page index,
    line index) → the index of the number's word. Line numbering is a column of small numbers
    (:func:`margin_number`) standing outside the text on its pages, mostly beside lines of the text's
    size (not a note's), rising in one arithmetic progression down each page, with one step and one
    remainder on every page, and repeating on pages (``RUNNING_REPEAT``, two at least). Decided by
    layout, never by a value: a measure's number in a margin is set in the type of its heading, and
    a table's numbers stand in its first column, inside the text; neither is such a column."""
    found = [m for p, lines in enumerate(pages) for i, line in enumerate(lines) if (m := margin_number(line, p, i)) is not None]
    if len(found) < 3:
        return {}
    text_size = body_size_of(line for lines in pages for line in lines)
    columns: dict[tuple[bool, int, float], list[MarginNumber]] = {}
    for m in found:
        columns.setdefault((m[2] == 0, round(m[4]), pages[m[0]][m[1]].words[m[2]].size), []).append(m)
    numbered: dict[tuple[int, int], int] = {}
    for (left, _, _), column in columns.items():
        by_page: dict[int, list[MarginNumber]] = {}
        for m in column:
            by_page.setdefault(m[0], []).append(m)
        if len(column) < 3 or len(by_page) < max(2, RUNNING_REPEAT * len(pages)):
            continue
        if 2 * sum(1 for m in column if _beside_the_text(pages[m[0]][m[1]], m[2], text_size)) < len(column):
            continue  # numbers beside notes (a note's number hung in the margin), not beside the text
        steps = {in_progression([m[3] for m in sorted(ms, key=lambda m: m[5])]) for ms in by_page.values()}
        steps.discard(0)
        if len(steps) != 1 or None in steps:
            continue
        step = steps.pop()
        if step is None or len({m[3] % step for m in column}) != 1:
            continue
        if all(_outside_the_text(pages[p], {m[1] for m in ms}, left, min(m[4] for m in ms) if left else max(m[4] for m in ms)) for p, ms in by_page.items()):
            numbered.update(((m[0], m[1]), m[2]) for m in column)
    return numbered


def _beside_the_text(line: Line, number: int, text_size: float) -> bool:
    """Is the line beside the margin's number (its word ``number``) set in the text's size (to half a point)?"""
    return max(w.size for k, w in enumerate(line.words) if k != number) >= text_size - 0.5


def _outside_the_text(lines: Sequence[Line], numbered: Collection[int], left: bool, edge: float) -> bool:
    """Does the column's ``edge`` stand outside every line of the page, the numbered ones without their number?"""
    for i, line in enumerate(lines):
        words = (line.words[1:] if left else line.words[:-1]) if i in numbered else line.words
        if words and (min(w.x0 for w in words) <= edge if left else max(w.x1 for w in words) >= edge):
            return False
    return True


def without_line_numbers(pages: Sequence[Sequence[Line]]) -> tuple[tuple[tuple[Line, ...], ...], list[Dropped]]:
    """The pages with the numbers of :func:`line_numbering` taken out of their lines (the lines as the
    engines make them, :func:`~pipeline.stages.engines.words.make_line`), and what was taken."""
    numbered = line_numbering(pages)
    if not numbered:
        return tuple(tuple(lines) for lines in pages), []
    dropped: list[Dropped] = []
    out: list[tuple[Line, ...]] = []
    for p, lines in enumerate(pages):
        kept = []
        for i, line in enumerate(lines):
            if (k := numbered.get((p, i))) is not None:
                dropped.append(Dropped(line.page, line.words[k].text, LINE_NUMBER_REASON))
                line = make_line([w for j, w in enumerate(line.words) if j != k], line.page)
            kept.append(line)
        out.append(tuple(kept))
    return tuple(out), dropped


UNNUMBERED = 4  # pages at the front of a report its page numbers may leave out (a cover, a title page, contents)


def page_number_cell(line: Line, index: int) -> str:
    """The key (:func:`furniture_key`) of the line's trailing cell where that cell numbers the page: it
    holds the page's number (its index in the PDF, from 1, or the number printed on a page of a document
    whose first pages go unnumbered: within the first few); "" where the line has one cell or its last
    holds no such number. A running footer whose leading part changes from page to page (the section's
    or the measure's name) repeats by this cell."""
    start = trailing_cell_start(line)
    if not start:
        return ""
    text = " ".join(w.text for w in line.words[start:])
    offsets = [index + 1 - int(n) for n in regex.findall(r"\d{1,4}", text) if 0 <= index + 1 - int(n) <= UNNUMBERED]
    return f"{furniture_key(text)}@{min(offsets)}" if offsets else ""


def find_running(
    pages: Sequence[Sequence[Line]], heights: Sequence[float], patterns: Sequence[regex.Pattern[str]], shifts: Sequence[float] = ()
) -> set[tuple[int, int]]:
    """(page index, line index) of running headers and footers.

    A line inside the top or bottom band of its page qualifies if it matches a profile
    pattern (spaces removed), or repeats on most pages, or repeats on many pages and
    stands apart from the text (white space wider than a line between it and the text).
    A label that happens to open several pages («Sluttrapport:») is in the text's flow:
    content, not furniture. A running title beside a part that changes from chapter to
    chapter («… statusrapport 2023      Innsatsområde 2: …») repeats by its leading cell; a
    running head that is the chapter's name alone repeats by its place and style (:func:`_chapter_heads`).
    Elsewhere on the page, a line qualifies if it repeats with its text at the same place,
    to the point, on most pages, beside the text (a box of facts about the report, read as
    a region of its own by :mod:`pipeline.stages.structure`). Where each page's text block stands elsewhere
    (``shifts``: :func:`text_block_shifts`, a book's mirrored margins), a place is the place in the page's block,
    as such a box moves with it.
    """
    if shifts:
        pages = [aligned(lines, shifts) for lines in pages]
    candidates: list[tuple[int, int, str]] = []
    leads: dict[tuple[int, int], str] = {}
    numbered: dict[tuple[int, int], str] = {}  # a trailing cell that numbers its page («Side 6 | 20»): its key
    placed: Counter[tuple[str, int, int]] = Counter()  # (text, x, top) of lines outside the bands: how many pages hold one
    for p, (lines, height) in enumerate(zip(pages, heights)):
        for i, line in enumerate(lines):
            if line.top < RUNNING_BAND * height or line.bottom > (1 - RUNNING_BAND) * height:
                candidates.append((p, i, line.text))
                leads[p, i] = furniture_key(" ".join(w.text for w in line.words[: leading_cell_end(line)]))
                if number_key := page_number_cell(line, p):
                    numbered[p, i] = number_key
            else:
                placed[_place(line)] += 1
    most = max(3, RUNNING_MOST * len(pages))
    boxed = _boxed(pages, {key for key, n in placed.items() if n >= most})
    pages_with: Counter[str] = Counter()
    for key in {(p, furniture_key(t)) for p, _, t in candidates}:
        pages_with[key[1]] += 1
    pages_led: Counter[str] = Counter(lead for _, lead in {(p, lead) for (p, _), lead in leads.items()})
    pages_numbered: Counter[str] = Counter(key for _, key in {(p, key) for (p, _), key in numbered.items()})
    threshold = max(3, RUNNING_REPEAT * len(pages))
    running = set()
    for p, i, t in candidates:
        compact = regex.sub(r"\s+", "", t)
        repeats = pages_with[furniture_key(t)]
        if any(pat.search(compact) for pat in patterns) or repeats >= most:
            running.add((p, i))
        elif max(repeats, pages_led[leads[p, i]], pages_numbered[numbered.get((p, i), "")]) >= threshold:
            wrapped = running_wrapped(pages[p], i, heights[p])
            if stands_apart(pages[p], i, wrapped):
                running |= {(p, k) for k in (i, *wrapped)}
    return running | boxed | _chapter_heads(pages, heights)


def _chapter_heads(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> set[tuple[int, int]]:
    """(page index, line index) of a running head that names the chapter it stands over
    («Innsatsområde 3: Et styrket rettsvern …» over that focus area's pages, «Oversikt over status for
    tiltak» over the overview's): its words repeat on too few pages for the rules by text (a short
    chapter has two or three), but it stands in the top band of most pages at the same height and
    in the same style, set apart from the text (by white, or by type smaller than the text's where a
    card or box runs on right under it: :func:`_set_smaller`), and its wording changes only where a chapter does:
    each wording on consecutive pages, on two of them at least on average. A heading that opens
    every page at the same place (a measure a page) says something new on each page; a wording
    that comes back after another is the text's, not a chapter's."""
    slots: dict[tuple[int, float, str, bool, bool, str], list[tuple[int, int, str]]] = {}
    text_size: list[float] = []  # measured once, where a line in the top band first asks for it
    for p, (lines, height) in enumerate(zip(pages, heights)):
        for i, line in enumerate(lines):
            if line.top >= RUNNING_BAND * height:
                continue
            apart = stands_apart(lines, i)
            if not apart and not text_size:
                text_size.append(body_size_of(ln for page in pages for ln in page))
            if apart or _set_smaller(line, text_size[0]):
                slot = (round(line.top), round(line.size * 2) / 2, line.family, line.bold, line.italic, line.color)
                slots.setdefault(slot, []).append((p, i, furniture_key(line.text)))
    most = max(3, RUNNING_MOST * len(pages))
    heads: set[tuple[int, int]] = set()
    for found in slots.values():
        wordings = [key for k, (_, _, key) in enumerate(found) if k == 0 or found[k - 1][2] != key]  # in page order, once a run
        if len({p for p, _, _ in found}) >= most and len(wordings) == len(set(wordings)) and 2 * len(wordings) <= len(found):
            heads |= {(p, i) for p, i, _ in found}
    return heads


def _set_smaller(line: Line, text_size: float) -> bool:
    """Is the line set in type smaller than the text's (to half a point)? A running head in the top
    band so set is apart from the text by its type, however little white the page leaves under it
    (a card or a box that runs on from the page before, right under the head)."""
    return round(line.size * 2) / 2 < text_size


def _boxed(pages: Sequence[Sequence[Line]], places: set[tuple[str, int, int]]) -> set[tuple[int, int]]:
    """(page index, line index) of the lines at ``places`` (repeated where they stand on most pages)
    that stand beside the text: wholly right of where the text's full lines end, or left of where
    they start (a box of facts, a contents column in the margin), with a line of the text level with
    them on most of their pages. A table's header repeated over every page of the table, or a heading
    that opens every page at the same place, stands within the text, or has no text beside it."""
    if not places:
        return set()  # nearly every document: nothing repeats at one place outside the bands
    text = [ln for lines in pages for ln in lines if _place(ln) not in places]
    size = body_size_of(text)
    left, right = left_margin_of(text, size), right_margin_of(text, size)
    found: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    beside: Counter[tuple[str, int, int]] = Counter()
    for p, lines in enumerate(pages):
        level_with = [ln for ln in lines if _place(ln) not in places]
        for i, line in enumerate(lines):
            key = _place(line)
            if key not in places or not (line.x0 >= right or line.x1 <= left):
                continue
            found.setdefault(key, []).append((p, i))
            beside[key] += any(ln.top < line.bottom and line.top < ln.bottom for ln in level_with)
    boxed = {at for key, ats in found.items() if 2 * beside[key] > len(ats) for at in ats}
    return boxed | _in_the_box(pages, boxed, left, right)


def _in_the_box(pages: Sequence[Sequence[Line]], boxed: set[tuple[int, int]], left: float, right: float) -> set[tuple[int, int]]:
    """The lines of a page's repeated box that change from page to page (the current entry of a
    contents column, set in bold and so wrapped otherwise, and the lines under it, a tenth of a point
    lower, which rounding may carry to the next point): beside the text as the box is, starting at
    its edge (to a point), and within it or joined to it (less white between than a line's height)."""
    out: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        box = [lines[i] for q, i in boxed if q == p]
        if not box:
            continue
        edges = {round(ln.x0) for ln in box}
        top, bottom = min(ln.top for ln in box), max(ln.bottom for ln in box)
        for i in sorted(range(len(lines)), key=lambda i: lines[i].top):
            line = lines[i]
            if (p, i) in boxed or not (line.x0 >= right or line.x1 <= left) or not any(abs(round(line.x0) - x) <= 1 for x in edges):
                continue
            height = line.bottom - line.top
            if top - height < line.bottom and line.top < bottom + height:
                out.add((p, i))
                top, bottom = min(top, line.top), max(bottom, line.bottom)
    return out


RUNNING_WRAP = 0.5  # ems of white space at most between a running line's wrapped lines: set solid, as a paragraph's


def running_wrapped(lines: Sequence[Line], i: int, height: float) -> list[int]:
    """The lines a running header or footer wrapped onto, where its part that changes is too long for
    one line («Tiltak 20. Inkludere … i ny veileder for» over «tros- og livssynssamfunn      Side 14
    | 20»): the lines directly above and below it (closer than :data:`RUNNING_WRAP` ems), in its band
    of the page, set all in the style of its leading cell. Each repeats on no other page; it is
    furniture with the line it wraps from."""
    line = lines[i]
    style = {(w.fontname, round(w.size, 1), w.color) for w in line.words[: leading_cell_end(line)]}
    foot = line.top > height / 2

    def wraps(ln: Line) -> bool:
        in_band = ln.top > (1 - RUNNING_BAND) * height if foot else ln.bottom < RUNNING_BAND * height
        return in_band and len(style) == 1 and {(w.fontname, round(w.size, 1), w.color) for w in ln.words} == style

    order = sorted(range(len(lines)), key=lambda k: lines[k].top)
    at = order.index(i)
    out: list[int] = []
    for step in (-1, 1):
        edge, k = line, at + step
        while 0 <= k < len(order) and wraps(lines[order[k]]):
            near = lines[order[k]]
            if (edge.top - near.bottom if step < 0 else near.top - edge.bottom) > RUNNING_WRAP * line.size:
                break
            out.append(order[k])
            edge, k = near, k + step
    return out


def _place(line: Line) -> tuple[str, int, int]:
    """A line's text and where it stands, to the point: a box repeated on every page (facts about
    the report beside the text) stands at the same place each time; the text's own lines do not."""
    return line.text, round(line.x0), round(line.top)


def stands_apart(lines: Sequence[Line], i: int, wrapped: Collection[int] = ()) -> bool:
    """Is the line set apart from its page's other lines by more than a line of white space? (With
    ``wrapped``, the lines it wrapped onto, measured as one with them: :func:`running_wrapped`.)"""
    line = lines[i]
    if wrapped:
        group = [lines[k] for k in (i, *wrapped)]
        line = replace(line, top=min(ln.top for ln in group), bottom=max(ln.bottom for ln in group))
    others = [ln for k, ln in enumerate(lines) if k != i and k not in wrapped]
    above = [line.top - ln.bottom for ln in others if ln.bottom <= line.top + 0.5]
    below = [ln.top - line.bottom for ln in others if ln.top >= line.bottom - 0.5]
    nearest = min([*above, *below], default=float("inf"))
    return nearest > 1.2 * line.size


FLOAT_REASON = "a float in the text (a box, a figure's caption): smaller type beside the text's narrowed lines"  # a Dropped line's reason


def floats_in_text(lines: Sequence[Line], body_size: float) -> set[int]:
    """The indices of a page's lines that a float in the text holds (a «Fakta» box, a figure's
    caption, set beside the text and read as a region of its own: :func:`pipeline.stages.structure.float_in_text`):
    in type smaller than the text's, level with a line of the text that ends before it (the
    text narrowed beside the float), where another line of the text on the page runs across its
    place, from where the narrowed lines start to as far as it reaches (above or below the float): a float stands in the
    text's measure, as no sidenote, sidebar or thumb tab in a margin of its own does. What the box or caption says is set apart from the
    text, not the measure's; a line holding both the text's words and the float's is the text."""
    text = [ln for ln in lines if ln.size > FOOTNOTE_RATIO * body_size]
    out: set[int] = set()
    for k, line in enumerate(lines):
        if not FLOAT_SMALLEST * body_size <= line.size <= FOOTNOTE_RATIO * body_size:
            continue  # the text's type, or glyphs of a few points (pieces of a rotated tab's label), no float's
        beside = [ln for ln in text if ln.x1 < line.x0 and ln.top < line.bottom and line.top < ln.bottom]
        if beside and any(ln.x0 <= min(b.x0 for b in beside) + body_size and ln.x1 >= line.x1 - body_size for ln in text):
            out.add(k)  # within the text's measure: a line of the text runs from where the narrowed lines start to as far as it reaches
    return out


PULL_QUOTE_REASON = "a pull quote (set apart, it repeats the text near it word for word)"  # a Dropped line's reason
PULL_QUOTE_LARGER = 1.1  # type this share of the text's size or larger is set apart from it


def text_is_italic(lines: Iterable[Line], body_size: float) -> bool:
    """Is most of the text (the words in its size, by characters) set in italic? Then italic sets
    nothing apart from it."""
    by_font: Counter[str] = Counter()
    for line in lines:
        for w in line.words:
            if abs(w.size - body_size) < 0.6:
                by_font[w.fontname] += len(w.text)
    italic = sum(n for font, n in by_font.items() if font_slanted(font))
    return italic > sum(by_font.values()) - italic


def set_apart_by_type(line: Line, body_size: float, text_italic: bool = False) -> bool:
    """Is the line set apart from the text by its type: larger than the text's, or italic throughout
    where the text is upright? (A pull quote is, and so is a heading; a line of the text in a link's
    colour is not.)"""
    return line.size >= PULL_QUOTE_LARGER * body_size or (line.italic and not text_italic)


def set_apart_runs(lines: Sequence[Line], body_size: float, text_italic: bool = False) -> list[range]:
    """The runs of lines, in reading order, set apart from the text by their type, each in one style
    throughout (a heading, a pull quote; a heading right above a pull quote is a run of its own)."""
    runs: list[range] = []
    k = 0
    while k < len(lines):
        if not set_apart_by_type(lines[k], body_size, text_italic):
            k += 1
            continue
        end = k + 1
        while end < len(lines) and set_apart_by_type(lines[end], body_size, text_italic) and same_style(lines[end - 1], lines[end]):
            end += 1
        runs.append(range(k, end))
        k = end
    return runs


def ends_sentence(text: str) -> bool:
    """Does the text end a sentence (inside its closing quotation mark, if any)? A pull quote is a
    sentence of the text or more; a heading seldom ends so."""
    return text.rstrip().rstrip(QUOTE_MARKS + " ").endswith((".", "!", "?"))


def pull_quotes(lines: Sequence[Line], body_size: float) -> set[int]:
    """The indices of the lines that are pull quotes: a run set apart from the text by its type
    (:func:`set_apart_runs`) that ends a sentence and whose words repeat, in order, a passage of the
    text on its page or a page beside it (:func:`pipeline.text.repeats_word_for_word`). Both are
    needed: a sentence quoted in the text's type is the text, and a heading or a box of words of its
    own repeats nothing. The text's words are said once; the quote is furniture."""
    apart_runs = set_apart_runs(lines, body_size, text_is_italic(lines, body_size))
    runs = [run for run in apart_runs if ends_sentence(" ".join(lines[k].text for k in run))]
    if not runs:
        return set()
    apart = {k for run in apart_runs for k in run}
    text_of: dict[int, list[str]] = {}
    for k, line in enumerate(lines):
        if k not in apart:
            text_of.setdefault(line.page, []).append(line.text)
    out: set[int] = set()
    for run in runs:
        page = lines[run[0]].page
        near = " ".join(t for p in (page - 1, page, page + 1) for t in text_of.get(p, []))
        if repeats_word_for_word(" ".join(lines[k].text for k in run), near):
            out.update(run)
    return out


def lines_taken_out(lines: Sequence[Line], gone: set[int], *places: Sequence[float]) -> tuple[list[Line], list[list[float]]]:
    """The lines but those at ``gone``, and each of ``places`` (where a note or a marker stands in
    the reading order: an index of ``lines``, or half past one) moved up by the lines taken out
    before it, so that it stands by the same line as before."""
    before = sorted(gone)
    kept = [line for k, line in enumerate(lines) if k not in gone]
    return kept, [[at - bisect_left(before, at) for at in where] for where in places]


def calls_opening_lines(lines: Sequence[Line], marked: set[int]) -> dict[int, tuple[Line | None, list[Marker]]]:
    """A page's lines that open with a note's call the line broke before (:func:`split_markers` with
    the line above), by the line's id, each with its call taken out; only calls of numbers no other
    marker on the page has. The caller keeps those whose number a note at the page's foot has: a
    number raised at a line's start is a call only where a note answers it."""
    out = {}
    for above, line in zip(lines, lines[1:]):
        if above.page == line.page and _raised_first(line):
            taken = split_markers(line, above)
            if taken[1] and not any(m.number in marked for m in taken[1]):
                out[id(line)] = taken
    return out


def _raised_first(line: Line) -> bool:
    """The line's first word is set raised and smaller than the next: a superscript number."""
    if len(line.words) < 2:
        return False
    first, second = line.words[0], line.words[1]
    return first.size <= SUPERSCRIPT_RATIO * second.size and first.bottom < second.bottom - 0.15 * second.size


def split_footnotes(lines: Sequence[Line], body_size: float, marked: set[int] | None = None) -> tuple[list[Line], list[list[Line]]]:
    """Footnotes are small type below a page's last body-size line, starting with a number
    that is a footnote's: one whose marker stands on the same page (``marked``), or one
    printed raised itself. A table's rows in small type start with numbers too, but
    their numbers have no markers on their page. Returns the body's lines and each note's."""
    main = [ln for ln in lines if ln.size > FOOTNOTE_RATIO * body_size]
    if not main:
        return list(lines), []
    body: list[Line] = []
    notes: list[list[Line]] = []
    for line in lines:
        # small type below the last line of body text above it: the page's, or in columns its column's
        small = line.size <= FOOTNOTE_RATIO * body_size
        in_zone = small and line.top >= max((ln.bottom for ln in main if ln.x0 < line.x1 and line.x0 < ln.x1), default=-1.0) - 0.5
        if not in_zone:
            body.append(line)
            continue
        first = line.words[0].text
        number = regex.match(r"^\d{1,3}", first)
        numeral = int(number.group(0)) if number is not None else note_numeral(first)
        starts_note = numeral is not None and (marked is None or numeral in marked or _raised_first(line))
        if starts_note:
            notes.append([symbol_as_number(line)])
        elif notes:
            notes[-1].append(line)
        else:
            body.append(line)
    return body, notes


BACK_LINKS = frozenset("↩↑⤴^")  # a note's link back to its marker, as web pages print it
NOTE_NUMBER = regex.compile(r"^(\d{1,3})[.)]?$")
NOTE_LINES = 12  # at most so many lines from a note's number to its back-link
GLUED_MARKER = regex.compile(r"^(?P<word>.*[\p{L})»”])(?P<number>\d{1,3})(?P<after>[\p{P}--[(«“]]*)$", regex.V1)


def note_number(note: Sequence[Line]) -> int:
    m = NOTE_NUMBER.match(note[0].words[0].text) or regex.match(r"^\d{1,3}", note[0].words[0].text)
    assert m is not None
    return int(m.group(1) if m.lastindex else m.group(0))


def split_endnotes(lines: Sequence[Line], known: set[int]) -> tuple[list[Line], list[list[Line]]]:
    """Notes set as numbered paragraphs in the text, each ending in a link back to its marker
    («1. Siden handlingsplanen … ↩»): a web page's notes at a section's or the document's end. A
    paragraph that starts with a number no note has yet and ends, within a few lines and before
    the next such number, in a back-link is a note; it leaves the body, its back-link dropped."""
    body: list[Line] = []
    notes: list[list[Line]] = []
    seen = set(known)
    i = 0
    while i < len(lines):
        m = NOTE_NUMBER.match(lines[i].words[0].text) if lines[i].words else None
        end = None
        if m and int(m.group(1)) not in seen:
            for j in range(i, min(i + NOTE_LINES, len(lines))):
                if j > i and lines[j].words and NOTE_NUMBER.match(lines[j].words[0].text):
                    break  # the next numbered paragraph before a back-link: a numbered list, not notes
                if lines[j].words and lines[j].words[-1].text in BACK_LINKS:
                    end = j
                    break
        if m is None or end is None:
            body.append(lines[i])
            i += 1
            continue
        note = list(lines[i : end + 1])
        first, last = note[0], note[-1]
        note[0] = replace(first, words=(replace(first.words[0], text=m.group(1)), *first.words[1:]))
        if len(last.words) > 1 or end == i:
            note[-1] = replace(note[-1], words=note[-1].words[:-1] or note[-1].words)
        else:
            note.pop()  # a back-link on a line of its own
        notes.append(note)
        seen.add(int(m.group(1)))
        i = end + 1
    return body, notes


NOTE_INDENT = 0.75  # ems a note's number may stand from the first note's (numbers set flush right: «9.», «10.»)
NOTES_HEADING_REASON = "the heading over a section's notes"  # a Dropped line's reason where it heads notes


def is_notes_heading(line: Line, body_size: float, headings: Sequence[regex.Pattern[str]]) -> bool:
    """A heading over notes («Noter»): a line of its own that the page vocabulary names so, set in
    the notes' small type or in bold (a line of the text that happens to say «Noter» is neither)."""
    return (line.size <= FOOTNOTE_RATIO * body_size or line.bold) and any(p.search(line.text.strip()) for p in headings)


def _opens_note(line: Line, body_size: float) -> int | None:
    """The number a line in small type opens with («1.», «1», «1)», or a symbol: «*», «†»): a note's,
    where notes stand."""
    if line.size > FOOTNOTE_RATIO * body_size or not line.words:
        return None
    m = NOTE_NUMBER.match(line.words[0].text)
    return int(m.group(1)) if m else note_numeral(line.words[0].text) if NOTE_SYMBOL.match(line.words[0].text) else None


def split_section_notes(
    lines: Sequence[Line],
    body_size: float,
    headings: Sequence[regex.Pattern[str]],
    noted_pages: Iterable[int] = (),
    open_calls: Sequence[tuple[float, int]] = (),
) -> tuple[list[Line], list[tuple[int, list[Line]]], list[Line]]:
    """Notes collected at a section's end under a heading («Noter»), each a numbered paragraph in
    small type without a back-link: a web page's or a typesetter's notes per section, often
    numbered anew in each. Left in the text they would be read as the end of the section's last
    field. A notes heading with a line in small type opening with a number under it starts them; a
    line in small type opening with the next number, where the first note's number stands, starts
    the next note (a line indented under a note's text that opens with a number, «2. september»,
    does not); any other line in small type goes on with the note before it; the first line in a
    larger type (the next section's heading, the text) ends them. The heading leaves the text too,
    and so does a heading that ends its page's text over notes taken at the page's foot
    (``noted_pages``, :func:`split_footnotes`).

    Notes may also stand alone, with no heading over them: then the first line in small type after
    larger type must open with the number of a call still open there (``open_calls``: each call's
    number, with the index in ``lines`` from which it is cited and no note of that number yet taken;
    :func:`open_calls_of`). A table's rows or a list in small type open with numbers too, but none
    that the text before them cites. Returns the body, each note with where it stood (the index in
    ``lines`` of its heading, or of its first line), and the headings taken out."""
    noted = set(noted_pages)
    body: list[Line] = []
    notes: list[tuple[int, list[Line]]] = []
    dropped: list[Line] = []
    called = sorted(open_calls)
    i = 0
    while i < len(lines):
        line = lines[i]
        number = _opens_bare_notes(lines, i, body_size, called, notes)
        if number is not None:
            at, start = i, line.x0
        elif not is_notes_heading(line, body_size, headings):
            body.append(line)
            i += 1
            continue
        else:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            number = _opens_note(nxt, body_size) if nxt is not None else None
            if nxt is None or number is None:
                ends_page = nxt is None or nxt.page != line.page
                (dropped if ends_page and line.page in noted else body).append(line)
                i += 1
                continue
            dropped.append(line)
            at, i, start = i, i + 1, nxt.x0
        while i < len(lines) and lines[i].size <= FOOTNOTE_RATIO * body_size:
            if _opens_note(lines[i], body_size) == number and abs(lines[i].x0 - start) < NOTE_INDENT * lines[i].size:
                notes.append((at, [symbol_as_number(lines[i])]))
                number += 1
            else:
                notes[-1][1].append(lines[i])
            i += 1
    return body, notes, dropped


BRACKETED_NUMBER = regex.compile(r"^\[(\d{1,3})\]$")  # a note's number as a list of notes opens it: «[1]»
# a note's call as a bracketed number set in the text, glued to its word or standing alone («(AID)[1]», «lhbtiq[2],»)
BRACKETED_CALL = regex.compile(r"^(?P<word>.*?)\[(?P<number>\d{1,3})\](?P<after>[\p{P}--[(«“\[]]*)$", regex.V1)


def _bracketed_number(line: Line) -> int | None:
    """The number a line opens with as a bracketed note number («[2] Lhbtiq er …»), if it does."""
    m = BRACKETED_NUMBER.match(line.words[0].text) if len(line.words) > 1 else None
    return int(m.group(1)) if m else None


def bracketed_list(lines: Sequence[Line]) -> list[tuple[int, list[Line]]]:
    """The notes of a list that opens the lines with a bracketed number («[1] Siden …»), each with its
    number: a note opens with the next number, and a line that opens with none goes on with the note
    before it; the list ends at the first line in another type than its first (the next section's
    heading, or its text). Empty where the first line opens no such list."""
    first = _bracketed_number(lines[0]) if lines else None
    if first is None:
        return []
    notes: list[tuple[int, list[Line]]] = []
    for line in lines:
        if line.bold != lines[0].bold or abs(line.size - lines[0].size) > 0.5:
            break
        if _bracketed_number(line) == first + len(notes):
            notes.append((first + len(notes), [line]))
        else:
            notes[-1][1].append(line)
    return notes


def bracketed_calls(lines: Sequence[Line], numbers: set[int]) -> list[tuple[int, int, Marker]]:
    """The calls of the notes ``numbers`` in these lines, set as bracketed numbers in the text
    («(AID)[1]», «lhbtiq[2],»): each as the index of its line, of its word, and its marker (after the
    word it is glued to, or the word before it where it stands alone). A bracketed number that no
    note has («[3]» where two notes stand) cites nothing: it stays text."""
    out = []
    for i, line in enumerate(lines):
        for k, w in enumerate(line.words):
            m = BRACKETED_CALL.match(w.text) if "[" in w.text else None
            if m is None or int(m.group("number")) not in numbers or not (m.group("word") or k):
                continue  # (a call alone at a line's start: the line it belongs to is not told)
            share = (w.x1 - w.x0) / max(len(w.text), 1)
            x0 = w.x0 + share * len(m.group("word"))
            x1 = x0 + share * (len(m.group("number")) + 2)
            out.append((i, k, Marker(int(m.group("number")), line.page, x0, w.top, x1, w.bottom, after=m.group("word") or line.words[k - 1].text)))
    return out


def _calls_taken_out(line: Line, words_called: Iterable[int]) -> Line:
    """The line with the bracketed numbers of its calls taken out of their words (a call standing
    alone: its word), the punctuation after a call kept with the word it was glued to."""
    words = list(line.words)
    for k in words_called:
        m = BRACKETED_CALL.match(words[k].text)
        assert m is not None
        words[k] = replace(words[k], text=m.group("word") + m.group("after"))
    kept = tuple(w for w in words if w.text)
    return replace(line, words=kept, x0=min(w.x0 for w in kept), x1=max(w.x1 for w in kept))


def split_bracketed_notes(
    lines: Sequence[Line], body_size: float, headings: Sequence[regex.Pattern[str]]
) -> tuple[list[Line], list[tuple[int, list[Line]]], list[tuple[int, Marker]], set[int]]:
    """Notes numbered in brackets, collected under a heading at a section's or the document's end
    («Noter» · «[1] Siden …» · «[2] Lhbtiq …»), whose calls are the same bracketed numbers set in the
    text («(AID)[1]»): neither raised nor small, so only the numbers matching tells calls from text.
    A list every note of which the text before it (since the list before) cites is notes, and the
    calls are markers; a list with a note not cited stays text, and so does a bracketed number that
    cites no note (a year, «[sic]»). Returns the lines with the calls taken out of their words, each
    note (opening with its number) and each marker with where it stands (the index in ``lines`` of
    the list's heading; of the call's line), and the indices of the headings and the notes' lines."""
    out = list(lines)
    notes: list[tuple[int, list[Line]]] = []
    markers: list[tuple[int, Marker]] = []
    gone: set[int] = set()
    since = 0  # where the text whose calls the next list answers starts: after the list before
    for i, line in enumerate(lines):
        if i < since or not is_notes_heading(line, body_size, headings):
            continue
        listed = bracketed_list(lines[i + 1 :])
        calls = bracketed_calls(lines[since:i], {number for number, _ in listed})
        if not listed or {m.number for _, _, m in calls} != {number for number, _ in listed}:
            continue
        for at in sorted({at for at, _, _ in calls}):
            out[since + at] = _calls_taken_out(out[since + at], [k for a, k, _ in calls if a == at])
        markers.extend((since + at, m) for at, _, m in calls)
        notes.extend((i, [_note_number_bare(note[0], number), *note[1:]]) for number, note in listed)
        since = i + 1 + sum(len(note) for _, note in listed)
        gone |= set(range(i, since))
    return out, notes, markers, gone


def _note_number_bare(line: Line, number: int) -> Line:
    """A note's first line with its bracketed number («[2]») read as the number a note opens with."""
    return replace(line, words=(replace(line.words[0], text=str(number)), *line.words[1:]))


def _opens_bare_notes(lines: Sequence[Line], i: int, body_size: float, called: Sequence[tuple[float, int]], notes: Sequence[tuple[int, list[Line]]]) -> int | None:
    """The number that line ``i`` opens a run of notes with, where no heading stands over them: the
    first line in small type after a line in larger type, opening with the number of a call made
    since the last notes taken (after it, a number cited again is another section's note)."""
    number = _opens_note(lines[i], body_size)
    if number is None or i == 0 or lines[i - 1].size <= FOOTNOTE_RATIO * body_size:
        return None
    since = notes[-1][0] if notes else -1
    return number if any(since < at < i and n == number for at, n in called) else None


def open_calls_of(calls: Sequence[tuple[float, int]], notes: Sequence[tuple[float, int]]) -> list[tuple[float, int]]:
    """The calls (where each is cited in the reading order, and its number) whose note has not been
    taken after them: a page's foot takes a call's note on its page, so a call there is closed."""
    return [(at, n) for at, n in calls if not any(n == number and at < where for where, number in notes)]


def numbered_through(notes: Sequence[tuple[float, Sequence[Line]]], markers: Sequence[tuple[float, Marker]]) -> tuple[list[list[Line]], list[Marker]]:
    """Notes numbered anew in each section («1.» under each «Noter», the markers before them «1»
    too) numbered through the document, and their markers with them, so that a number names one
    note. Given each note and each marker with where it stands in the reading order: where no
    number is given to two notes, all stay as printed. Else a section's notes are those numbered
    up from the note after a number no higher than the one before; a section's numbers go on from
    the highest of the sections before it, and a marker takes the number of its note in the first
    section after it that has one so numbered (the last before it, for a marker after the notes)."""
    numbers = [note_number(note) for _, note in notes]
    if len(set(numbers)) == len(numbers):
        return [list(note) for _, note in notes], [m for _, m in markers]
    order = sorted(range(len(notes)), key=lambda k: notes[k][0])
    by_offset: dict[int, tuple[float, set[int]]] = {}  # a section's offset: where its first note stands, its numbers
    through = list(numbers)
    for k, offset in zip(order, sections_offsets([numbers[k] for k in order])):
        by_offset.setdefault(offset, (notes[k][0], set()))[1].add(numbers[k])
        through[k] = offset + numbers[k]
    sections = [(start, offset, held) for offset, (start, held) in by_offset.items()]
    renumbered = [_numbered(list(note), n) for (_, note), n in zip(notes, through)]
    out: list[Marker] = []
    for at, m in markers:
        after = [offset for start, offset, held in sections if start > at and m.number in held]
        before = [offset for start, offset, held in sections if start <= at and m.number in held]
        offset = after[0] if after else before[-1] if before else 0
        out.append(replace(m, number=offset + m.number))
    return renumbered, out


def _numbered(note: list[Line], number: int) -> list[Line]:
    """A note's lines with the number it opens with replaced by ``number``."""
    first = note[0]
    word = first.words[0]
    return [replace(first, words=(replace(word, text=regex.sub(r"^\d{1,3}", str(number), word.text)), *first.words[1:])), *note[1:]]


def glued_numbers(lines: Iterable[Line]) -> set[int]:
    """The numbers that end a word after a letter or a closing bracket («(AID)1», «lhbtiq2,»):
    maybe note markers printed at the text's size, whose notes a page's foot may hold."""
    # (a word of letters alone holds no number: most words need no match tried)
    return {int(m.group("number")) for line in lines for w in line.words if not w.text.isalpha() and (m := GLUED_MARKER.match(w.text))}


def glued_markers(lines: Sequence[Line], numbers: set[int]) -> tuple[list[Line], list[Marker]]:
    """Note markers printed at the text's size and glued to the word before them («(AID)1»,
    «lhbtiq2,»), for the notes whose markers were not found raised: the first word that ends in
    the note's number after a letter or a closing bracket is its marker's word."""
    out = list(lines)
    markers: list[Marker] = []
    for number in sorted(numbers):
        for i, line in enumerate(out):
            k = next((k for k, w in enumerate(line.words) if not w.text.isalpha() and (m := GLUED_MARKER.match(w.text)) and int(m.group("number")) == number), None)
            if k is None:
                continue
            w = line.words[k]
            m = GLUED_MARKER.match(w.text)
            assert m is not None
            share = (w.x1 - w.x0) / max(len(w.text), 1)
            x0 = w.x0 + share * len(m.group("word"))
            markers.append(Marker(number, line.page, x0, w.top, x0 + share * len(m.group("number")), w.bottom, after=m.group("word")))
            words = list(line.words)
            words[k] = replace(w, text=m.group("word") + m.group("after"))
            out[i] = replace(line, words=tuple(words))
            break
    return out, markers


def footnote_of(note: Sequence[Line]) -> Footnote:
    """A footnote from its printed lines (their line-final hyphens decided), joined as prose."""
    text = join_lines(ln.text for ln in note)
    m = regex.match(r"^(\d{1,3})[.)]?\s*(.*)$", text, flags=regex.S)  # «1 Siden …», «1. Siden …»
    assert m is not None
    return Footnote(
        number=int(m.group(1)),
        text=" ".join(m.group(2).split()),
        page=note[0].page,
        x0=min(ln.x0 for ln in note),
        top=note[0].top,
        x1=max(ln.x1 for ln in note),
        bottom=note[-1].bottom,
    )


def right_margin_of(lines: Iterable[Line], body_size: float) -> float:
    """Where full lines of body text end: the right edge most long lines reach."""
    ends = sorted(ln.x1 for ln in lines if abs(ln.size - body_size) < 0.6)
    return ends[int(len(ends) * 0.9)] if ends else 0.0


def line_starts(lines: Iterable[Line], body_size: float) -> Counter[int]:
    """How many of the body's lines (those in its size) start at each x, to the point."""
    return Counter(round(ln.x0) for ln in lines if abs(ln.size - body_size) < 0.6)


def left_margin_of(lines: Iterable[Line], body_size: float) -> float:
    """Where the body's lines start: the left edge of the column where most of them start."""
    xs = line_starts(lines, body_size)
    return float(column_edge(xs, xs.most_common(1)[0][0], body_size)) if xs else 0.0


MIRRORED = 1.0  # ems at least that the text block stands further right on one side of a spread than on the other (a book's gutter)
SAME_WIDTH = 0.5  # ems the text blocks of the two sides may differ in width and still be one block moved (ragged lines end unevenly)
BLOCK_LINES = 5  # lines at least that start where most of a side's lines start, for its text block to be told (not a cover's few)


def text_block_shifts(pages: Sequence[Sequence[Line]], body_size: float) -> tuple[float, ...]:
    """How far right of the document's text block each page's stands, page by page (:attr:`Document.shifts`), or
    () where it stands alike on every page. A book's mirrored margins (a wide inner margin, a narrow outer one) set
    the text block further right on odd pages than on even ones, and every measure of «the margin» taken over the
    whole document then holds for half its pages: a heading at the margin of the other half stands an inch off it.
    The two sides' text blocks are told apart by where most of their lines start (not the leftmost edge of
    :func:`left_margin_of`, which a thumb index at the outer edge may take) and where their full lines end
    (:func:`right_margin_of`): both edges move, by the same amount, as a block moved keeps its width; a thumb index,
    a page of a table or of columns on one side moves one edge only. The pages of the side further right are then
    shifted by that much from the document's block, the other side's. (``pages``: a page's lines each, from the first.)"""
    sides = [[ln for n, lines in enumerate(pages) if n % 2 == side for ln in lines] for side in (0, 1)]
    starts = [line_starts(lines, body_size).most_common(1) for lines in sides]
    if not all(found and found[0][1] >= BLOCK_LINES for found in starts):
        return ()
    lefts = [float(found[0][0]) for found in starts]
    moved = lefts[1] - lefts[0]
    widened = right_margin_of(sides[1], body_size) - right_margin_of(sides[0], body_size) - moved  # 0 where the block keeps its width
    if abs(moved) < MIRRORED * body_size or abs(widened) > SAME_WIDTH * body_size:
        return ()
    home = min(lefts)
    return tuple(lefts[n % 2] - home for n in range(len(pages)))


def read_pdf(path: Path, max_pages: int | None = None, *, password: str | None = None, engine: str = "pdfplumber", processes: int = 1) -> RawPdf:
    """Read a report once: a PDF by the extraction engine asked for (:func:`pipeline.stages.engines.read.read_pdf`),
    or a Word or HTML edition (:mod:`pipeline.stages.editions`, by the file's suffix) from its markup,
    typeset into the same ``RawPdf`` (``engine`` "docx" or "html"; the engine and processes asked for do
    not apply). ``max_pages`` refuses longer reports, an edition by the pages it is typeset on."""
    if not is_edition(path):
        return read.read_pdf(path, max_pages, password=password, engine=engine, processes=processes)
    raw = read.said_of_order(read_edition(Path(path)))
    limit = guards.MAX_PAGES if max_pages is None else max_pages
    if limit and len(raw.pages) > limit:
        raise TooManyPagesError(f"it is typeset on {len(raw.pages)} pages, more than the limit of {limit}")
    return raw


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
    pages_info = require_text(raw).pages
    page_lines, dropped = without_line_numbers(raw.page_lines)
    dropped[:0] = [*(Dropped(page, text, ANGLED_REASON) for page, text in raw.angled), *turned_dropped(raw.turned)]
    shifts = text_block_shifts(page_lines, body_size_of(line for lines in page_lines for line in lines))
    running = find_running(page_lines, [p.height for p in pages_info], profile.running, shifts)
    kept_pages: list[list[Line]] = []
    for p, lines in enumerate(small_caps_read(page) for page in page_lines):
        kept = []
        for i, line in enumerate(lines):
            if (p, i) in running:
                dropped.append(Dropped(line.page, line.text, RUNNING_REASON))
            else:
                kept.append(line)
        kept_pages.append(kept)
    body_size = body_size_of(line for lines in kept_pages for line in lines)
    for p, kept in enumerate(kept_pages):
        if floated := floats_in_text(kept, body_size):
            dropped.extend(Dropped(line.page, line.text, FLOAT_REASON) for k, line in enumerate(kept) if k in floated)
            kept_pages[p] = [line for k, line in enumerate(kept) if k not in floated]

    body: list[Line] = []
    notes: list[list[Line]] = []
    markers: list[Marker] = []
    note_at: list[float] = []  # where each note and marker stands in the reading order: the index of a line of ``body``
    marker_at: list[float] = []
    for kept_lines in kept_pages:
        split = {id(line): split_markers(line) for line in kept_lines}  # each line's markers taken out once
        marked = {m.number for _, found in split.values() for m in found} | glued_numbers(kept_lines)
        broken = calls_opening_lines(kept_lines, marked)
        page_body, page_notes = split_footnotes(kept_lines, body_size, marked | {m.number for _, found in broken.values() for m in found})
        noted = {note_number(note) for note in page_notes}
        split.update((k, taken) for k, taken in broken.items() if all(m.number in noted for m in taken[1]))
        notes.extend(page_notes)
        for line in page_body:
            if any(pat.search(line.text.strip()) for pat in profile.drop_lines):
                dropped.append(Dropped(line.page, line.text, "not prose (matches page.drop_lines)"))
                continue
            kept_line, found = split[id(line)]
            markers.extend(found)
            marker_at.extend([len(body)] * len(found))
            if kept_line is not None:
                body.append(kept_line)
        note_at.extend([len(body) - 0.5] * len(page_notes))  # after the page's text
    quotes = pull_quotes(body, body_size)
    if quotes:
        dropped.extend(Dropped(line.page, line.text, PULL_QUOTE_REASON) for k, line in enumerate(body) if k in quotes)
        body, (note_at, marker_at) = lines_taken_out(body, quotes, note_at, marker_at)
    body, bracketed, called, gone = split_bracketed_notes(body, body_size, notes_headings())
    dropped.extend(Dropped(body[at].page, body[at].text, NOTES_HEADING_REASON) for at in sorted({at for at, _ in bracketed}))
    places = lines_taken_out(body, gone, note_at, marker_at, [at for at, _ in bracketed], [at for at, _ in called])
    body, (note_at, marker_at, bracketed_at, called_at) = places
    notes, note_at = [*notes, *(note for _, note in bracketed)], [*note_at, *bracketed_at]
    markers, marker_at = [*markers, *(m for _, m in called)], [*marker_at, *called_at]
    calls = open_calls_of([(at, m.number) for at, m in zip(marker_at, markers)], [(at, note_number(note)) for at, note in zip(note_at, notes)])
    body, section_notes, headings = split_section_notes(body, body_size, notes_headings(), {note[0].page for note in notes}, calls)
    dropped.extend(Dropped(line.page, line.text, NOTES_HEADING_REASON) for line in headings)
    notes, markers = numbered_through([*zip(note_at, notes), *section_notes], list(zip(marker_at, markers)))
    numbers = {note_number(note) for note in notes}
    body, endnotes = split_endnotes(body, numbers)
    notes += endnotes
    body, glued = glued_markers(body, (numbers | {note_number(note) for note in endnotes}) - {m.number for m in markers})
    markers += glued
    in_block = aligned(body, shifts)  # (the margins and columns are the document's text block's: each page's own where it is shifted)
    margin = left_margin_of(in_block, body_size)
    starts = column_starts(in_block, body_size, margin)
    body = side_heads_rejoined(body, min(starts), body_size, shifts)
    body = pair_split_over_pages(body, body_size)
    body = [normalise_bullet(line, column_start(line, starts, body_size, shifts), body[i - 1] if i else None) for i, line in enumerate(body)]
    body = label_cells_joined(body, body_size)
    body, hyphens, notes = undo_hyphenation(body, body_size, notes)
    footnotes = sorted((footnote_of(note) for note in notes), key=lambda note: note.number)
    family, colour = body_style_of(body, body_size)
    return Document(
        source=raw.source,
        sha256=raw.sha256,
        page_count=len(pages_info),
        body_size=body_size,
        left_margin=margin,
        right_margin=right_margin_of(aligned(body, shifts), body_size),
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
        elements=raw.elements,
        shifts=shifts,
    )


def turned_dropped(turned: Sequence[tuple[int, str]]) -> list[Dropped]:
    """The runs turned a quarter in a margin that reading left out of the lines (a thumb index's tab,
    :func:`~pipeline.stages.engines.words.turned_in_a_margin`), as dropped lines of their pages: furniture,
    as a running header is, where its words come back on another page (the tab names the section
    over each of its pages); else a label beside the text, said once. Neither is a line a profile's
    running pattern need find: reading leaves them out whatever the profile."""
    pages: dict[str, set[int]] = {}
    for page, text in turned:
        pages.setdefault(furniture_key(text), set()).add(page)
    return [Dropped(page, text, TAB_REASON if len(pages[furniture_key(text)]) > 1 else TURNED_REASON) for page, text in turned]


def column_start(line: Line, starts: Sequence[float], body_size: float, shifts: Sequence[float] = ()) -> float:
    """Where the column ``line`` stands in starts on its page (``starts``: where the document's columns start,
    :func:`~pipeline.stages.structure.column_starts`; ``shifts``: its pages' text blocks', :func:`text_block_shifts`):
    the last at or left of its start, less than an em to the right of it; the first column's where none is."""
    shift = shift_on(shifts, line.page)
    return max((x for x in starts if x <= line.x0 - shift + body_size), default=starts[0]) + shift


def side_heads_rejoined(lines: Sequence[Line], text_start: float, body_size: float, shifts: Sequence[float] = ()) -> list[Line]:
    """The body's lines with a side head broken over a page read whole: a heading in a column of its
    own left of the text (hung left of the text's margin by more than an em), whose last lines open
    the next page's margin, was read with the text beside it on its page in between («Tiltak 12.
    Styrke | barneverntjenestens» · three lines of its text · «arbeid med trusselutsatte | barn under
    18 år» · the text going on; ``text_start``: where the leftmost of the text's columns starts in the document's
    text block, ``shifts``: where each page's stands, :func:`text_block_shifts`).
    The lines that open the next page in the margin go on from the last margin line of the page
    before when they are set in its style, and the text that page ends with
    runs on into the text beside them (its last line ends no sentence, and the next page's text goes
    on in lower case): a heading's lines come before its text, so they are read right after that
    margin line. Each page's structure is its own (:mod:`pipeline.stages.structure`); this is the
    one question of a margin that two pages answer together."""
    out = list(lines)

    def hung(line: Line) -> bool:
        return line.x0 - shift_on(shifts, line.page) < text_start - body_size and has_letters(line.text)

    starts = [i for i in range(len(out)) if i == 0 or out[i].page != out[i - 1].page]
    for start, first in zip(starts, starts[1:]):
        n = first
        while n < len(out) and out[n].page == out[first].page and hung(out[n]):
            n += 1
        if n == first or n >= len(out) or out[n].page != out[first].page:
            continue  # the next page opens with no margin lines, or with nothing else
        head = max((i for i in range(start, first) if hung(out[i])), default=None)  # the page's last margin line
        if head is None or head == first - 1:
            continue  # no margin on the page, or its last line (a heading over a page break: segment's)
        going_on = out[n].text.lstrip()[:1]
        if same_style(out[head], out[first]) and not out[first - 1].text.rstrip().endswith(SENTENCE_END) and going_on.islower():
            out[head + 1 : n] = [*out[first:n], *out[head + 1 : first]]
    return out


PAIR_WIDTHS = 1.5  # times the narrower column's width, at least, that the wider of a pair of columns is (a page's columns are of one width)


def pair_split_over_pages(lines: Sequence[Line], body_size: float) -> list[Line]:
    """The body's lines with a pair of columns broken over a page read as the text runs on: a narrow
    column beside a wide one under each measure's heading (the description and its labels left, the
    report right) may run on over a page break in either column. Each page's structure is its own
    (:mod:`pipeline.stages.structure`), so a page ends with its left column's part, then its right
    one's, and the next page opens with the left column's rest, then the right one's. Two signals
    tell a pair from a page's columns, which flow into each other (the left column into the right,
    the right into the next page's left). The geometry: a page's columns are of one width, a pair's
    are not (the wider at least ``PAIR_WIDTHS`` times the narrower). The text: a column that ends no
    sentence goes on where the next page's lines of that column open in lower case, and the column
    that would otherwise follow it opens in upper case (a label, a new paragraph), so it does not go
    on from it. The left column's rest is then read right after its part on the page before, or the
    right column's rest right after its."""
    out = list(lines)
    starts = [i for i in range(len(out)) if i == 0 or out[i].page != out[i - 1].page]

    def opens_lower(line: Line) -> bool:
        return line.text.lstrip()[:1].islower()

    def runs_on(line: Line) -> bool:
        return not line.text.rstrip().endswith(SENTENCE_END)

    def unequal(left: Sequence[Line], right: Sequence[Line]) -> bool:
        widths = sorted(max(ln.x1 for ln in side) - min(ln.x0 for ln in side) for side in (left, right))
        return widths[1] >= PAIR_WIDTHS * widths[0]

    def left_goes_over(n: int, m: int) -> bool:
        """Does the left column's rest (lines before ``n``) go on over the next page, where the right
        column's rest (``n`` to ``m``) ends its sentence: the left column flows page to page, not into the right one?"""
        return runs_on(out[n - 1]) and not runs_on(out[m - 1]) and m < len(out) and out[m].page != out[n].page and opens_lower(out[m])

    for start, first in zip(starts, starts[1:]):
        margin, r = min(line.x0 for line in out[start:first]), first
        while r > start and out[r - 1].x0 >= margin + COLUMN_WIDTH * body_size:
            r -= 1
        if r == first or r == start:
            continue  # the page ends with no right column, or with nothing else
        gutter = min(line.x0 for line in out[r:first])
        left = r
        while left > start and out[left - 1].x1 < gutter:
            left -= 1
        n = first
        while n < len(out) and out[n].page == out[first].page and out[n].x1 < gutter:
            n += 1
        m = n
        while m < len(out) and out[m].page == out[first].page and out[m].x0 >= gutter:
            m += 1
        if left == r or n == first or any(line.x0 >= gutter + COLUMN_WIDTH * body_size for line in out[r:first]):
            continue  # no left column beside the right one, the next page opens across it, or more columns than two
        if not unequal(out[left:r], out[r:first]):
            continue  # columns of one width: a page's columns, which flow one into the other
        if runs_on(out[r - 1]) and not opens_lower(out[r]) and opens_lower(out[first]):
            out[r:n] = [*out[first:n], *out[r:first]]  # the left column's rest, before the right column
        elif m > n and runs_on(out[first - 1]) and not opens_lower(out[first]) and opens_lower(out[n]) and left_goes_over(n, m):
            out[first:m] = [*out[n:m], *out[first:n]]  # the right column's rest, right after its part
    return out


def is_bullet(text: str) -> bool:
    """A list marker's glyph: one of the usual ones, or any one symbol (an arrow, a triangle, a
    pointer: «▸», «►», «➤»; Unicode's symbol categories), standing alone."""
    return text in BULLETS or (len(text) == 1 and not text.isascii() and unicodedata.category(text) in ("So", "Sm"))


def normalise_bullet(line: Line, left_margin: float, above: Line | None = None) -> Line:
    """A list item's bullet as •, whatever glyph the rendering used: a bullet glyph standing
    alone at the line's start. A mark that a wrapped line of prose may start with as well (a dash,
    «o», «*») is a bullet when indented (from ``left_margin``: its column's left edge, unless the
    line ``above`` is of the same paragraph and starts level with it: a wrapped line of an
    indented paragraph, a value indented under its label), or with its text set off after it by
    more than the line's word spacing."""
    words = line.words
    if len(words) < 2 or not is_bullet(words[0].text) or words[0].text == "•":
        return line
    gap = words[1].x0 - words[0].x1
    spaces = sorted(b.x0 - a.x1 for a, b in zip(words[1:], words[2:]) if b.space_before)
    word_space = spaces[len(spaces) // 2] if spaces else 0.0  # wide in a justified line: a dash's space is as wide
    indented = words[0].x0 > left_margin + BULLET_GAP * words[1].size and not _wraps_on(above, line)
    if not indented and words[0].text in PROSE_MARKS and (gap < BULLET_GAP * words[1].size or gap < 1.5 * word_space):
        return line
    return replace(line, words=(replace(words[0], text="•"), *words[1:]))


def _wraps_on(above: Line | None, line: Line) -> bool:
    """Could ``line`` be a wrapped line of the paragraph of the line ``above``: right under it,
    starting level with it, and that line no list item of its own?"""
    if above is None or above.page != line.page or not above.words or is_bullet(above.words[0].text):
        return False
    size = line.words[0].size
    return abs(above.x0 - line.x0) < BULLET_GAP * size and 0 <= line.top - above.bottom < 0.5 * size


def cells(line: Line, body_size: float) -> list[list[int]]:
    """A line's words split where white space wider than a column gap separates them (table
    cells): wider than a column gap and than twice the line's word spacing, which a justified
    line stretches evenly."""
    words = line.words
    gaps = [words[k].x0 - words[k - 1].x1 for k in range(1, len(words))]
    spacing = sorted(gaps)[len(gaps) // 4] if gaps else 0.0  # the line's word spacing (most gaps are word spaces)
    out: list[list[int]] = [[0]]
    for k in range(1, len(words)):
        if gaps[k - 1] > CELL_GAP * body_size and gaps[k - 1] > 2 * spacing:
            out.append([])
        out[-1].append(k)
    return out


def label_cells_joined(lines: Sequence[Line], body_size: float) -> list[Line]:
    """Label cells of a grid wrapped over lines, joined to their row: a line whose first cell is bold
    and does not end with «:», beside a plain value cell, and under it, set tight, bold words within
    the label's column that end with «:» («Ansvarlige | AID, i samarbeid med BFD» / «departementer:»; «Status (tiltak 10 |
    Tiltaket …» / «a): | negativ …») read as «Ansvarlige departementer: AID, i samarbeid med BFD» (a
    card or a left-label grid wraps a long label in its narrow column, beside the value's first
    line). The value's own next line stays where it is."""
    out: list[Line] = []
    pending = list(lines)
    i = 0
    while i < len(pending):
        line = pending[i]
        nxt = pending[i + 1] if i + 1 < len(pending) else None
        if nxt is not None and _label_wrapped_alone(line, nxt, body_size):  # a label cell's two lines, read as a column
            out.append(replace(line, x1=max(line.x1, nxt.x1), bottom=nxt.bottom, words=(*line.words, *(replace(w, space_before=True) for w in nxt.words))))
            i += 2
            continue
        at = _label_gap(line, body_size)
        head = _label_head(line.words[:at], line.words[at:], line, nxt, body_size) if at and nxt is not None else 0
        if nxt is None or not head:
            out.append(line)
            i += 1
            continue
        label, rest = line.words[:at], line.words[at:]
        moved = nxt.words[:head]
        words = (*label, *(replace(w, space_before=True) for w in moved), replace(rest[0], space_before=True), *rest[1:])
        out.append(replace(line, x1=max(line.x1, max(w.x1 for w in moved)), words=words))
        left = nxt.words[head:]
        if left:  # the value's next line, without the label's words
            pending[i + 1] = replace(nxt, x0=left[0].x0, words=(replace(left[0], space_before=True), *left[1:]))
            i += 1
        else:
            i += 2
    return out


def _label_gap(line: Line, body_size: float) -> int:
    """Where the line's first cell ends: the first gap wider than a column gap and than twice
    the line's other gaps (0: none)."""
    words = line.words
    gaps = [words[k].x0 - words[k - 1].x1 for k in range(1, len(words))]
    for k, gap in enumerate(gaps, start=1):
        if gap > CELL_GAP * body_size and all(gap > 2 * g for g in (gaps[: k - 1] + gaps[k:])[:LABEL_WORDS]):  # the others', only for a wide gap
            return k
    return 0


def _label_head(label: Sequence[Word], value: Sequence[Word], line: Line, nxt: Line, body_size: float) -> int:
    """How many of the next line's first words continue this line's label cell (0: none)."""
    inked = [w for w in label if has_letters(w.text)]
    if not inked or not all(w.bold for w in inked) or any(w.bold for w in value) or label[-1].text.endswith(":"):
        return 0
    if nxt.page != line.page or abs(nxt.x0 - line.x0) >= 0.5 * body_size or nxt.top - line.bottom >= 0.9 * nxt.size:
        return 0
    head = 0
    while head < len(nxt.words) and nxt.words[head].x1 < value[0].x0 - 0.5 * body_size:
        head += 1
    moved = nxt.words[:head]
    ends = bool(moved) and moved[-1].text.endswith(":")  # the label's end (else the next row's own label: «Status | I rute»)
    return head if 0 < head <= LABEL_WORDS and ends and all(w.bold for w in moved if has_letters(w.text)) else 0


def _label_wrapped_alone(line: Line, nxt: Line, body_size: float) -> bool:
    """A bold label of a few words wrapped onto a bold line of its own that ends it with «:»
    («Sluttrapport (tiltak» / «10 b):»), set tight under it where it starts."""
    return (
        line.bold
        and nxt.bold
        and nxt.page == line.page
        and not line.text.endswith(":")
        and nxt.text.endswith(":")
        and len(line.words) <= LABEL_WORDS
        and len(nxt.words) <= LABEL_WORDS
        and abs(nxt.x0 - line.x0) < 0.5 * body_size
        and nxt.top - line.bottom < 0.9 * nxt.size
        and _one_cell(line, body_size)  # (a table's header row is several)
        and _one_cell(nxt, body_size)
    )


def _one_cell(line: Line, body_size: float) -> bool:
    """Its words set at word spacing: no white a column gap wide between them."""
    return all(b.x0 - a.x1 <= CELL_GAP * body_size for a, b in zip(line.words, line.words[1:]))


LABEL_WORDS = 4  # words a wrapped label cell's next line may have


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


def undo_hyphenation(
    lines: Sequence[Line], body_size: float, notes: Sequence[Sequence[Line]] = ()
) -> tuple[list[Line], list[Hyphen], list[list[Line]]]:
    """Every hyphen that ends a line (or a table cell's line) decided: a typesetter's break
    becomes a soft hyphen that the text joiners remove, a real one stays. The notes' lines
    (each note's apart) are decided on the same evidence: the body's words and breaks."""
    found = _breaks(lines, body_size)
    spaces = [w.space_after for _, _, w, _ in found if w.space_after is not None]
    hyphenator = Hyphenator.of_lines(([w.text for w in ln.words] for ln in lines), spaces)
    out, decisions = _decided(lines, found, hyphenator)
    slashes = _breaks(lines, body_size, "/", ends_in_slash)
    # a producer that prints a space after every line-final hyphen prints one at every line end
    tells = hyphenator.space_tells and spaces_tell([*spaces, *(w.space_after is True for _, _, w, _ in slashes)])
    out = spaces_kept(out, slashes, tells)
    decided_notes: list[list[Line]] = []
    for note in notes:
        lines_of_note, more = _decided(note, _breaks(note, body_size), hyphenator)
        decided_notes.append(spaces_kept(lines_of_note, _breaks(note, body_size, "/", ends_in_slash), tells))
        decisions += more
    return out, decisions, decided_notes


def _breaks(lines: Sequence[Line], body_size: float, marks: str = HYPHENS, ends: Callable[[str], bool] = ends_in_hyphen) -> list[tuple[int, int, Word, str]]:
    """(line, word index, the word, the first word of its continuation) of every line-final hyphen
    (or other word-final mark: ``ends`` says which words end in one of ``marks``)."""
    breaks = []
    for i, line in enumerate(lines):
        if not any(h in line.text for h in marks):  # no word of it ends in one: no cells to look at
            continue
        for cell in cells(line, body_size):
            last = line.words[cell[-1]]
            if ends(last.text) and (at := continuation(lines, i, cell, body_size)) is not None:
                breaks.append((i, cell[-1], last, lines[at[0]].words[at[1]].text))
    return breaks


def spaces_kept(lines: Sequence[Line], slashes: Sequence[tuple[int, int, Word, str]], tells: bool) -> list[Line]:
    """``lines`` with every line-final slash the PDF prints a space after (``slashes``, of :func:`_breaks`)
    marked to keep it, where such a space tells (:func:`pipeline.hyphenation.spaces_tell`): the source's
    «endringer/ ytterligere», which the text joiners would otherwise close up as «sårbare/risikoutsatte»."""
    out = list(lines)
    for i, k, last, _ in slashes:
        if tells and last.space_after:
            words = list(out[i].words)
            words[k] = replace(last, text=last.text[:-1] + SPACED_SLASH)
            out[i] = replace(out[i], words=tuple(words))
    return out


def _decided(lines: Sequence[Line], breaks: Sequence[tuple[int, int, Word, str]], hyphenator: Hyphenator) -> tuple[list[Line], list[Hyphen]]:
    out = list(lines)
    decisions: list[Hyphen] = []
    for i, k, last, right in breaks:
        decision, evidence = hyphenator.decide(last.text, right, last.space_after)
        decisions.append(Hyphen(lines[i].page, last.text, right, decision, evidence))
        words = list(out[i].words)
        words[k] = replace(last, text=apply_decision(last.text, decision))
        out[i] = replace(out[i], words=tuple(words))
    return out, decisions
