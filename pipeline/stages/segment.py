"""Stage 3 — segment: find "Innsatsområde N" and "Tiltak N." headings by layout.

A heading is a line that matches a profile pattern *and* looks like a heading:
it starts at the text's left margin (or at a further column's), is at least the profile's share of the body
size, and stands out from the body text by any of weight, size, face, colour, an
underline or space before (Word's built-in heading styles since 2013 are not bold: a light
face, a larger size, a colour). A profile may still require bold. An entry of a table of
contents, which ends in a leader and a page number, is none, however it is set. Inline
mentions ("se tiltak 8", "jf. Tiltak 5 i denne planen") look like body text and
fail the layout test even when a reflowed line happens to begin with them, and a
line followed by a table row (a number, then a gap) is a group row of a table,
not a heading. A heading's title continues on the following lines of the same
style, also across a page break; a heading whose number ends it («Title (tiltak 4)») begins on the full
lines above it in its style, up to one set apart from the text above (:func:`layout.heading_top`). A heading run into the paragraph it opens («Tiltak 4.» in bold, the
title in italics, the text going on in the body's style on the same line) is split from the text where
the title's style ends before headings are looked for (:func:`split_run_in`, in the extract stage:
``registry.extract_document``), so that its words, each set apart, make it a heading and the measure's
text begins where its style does. A focus area's heading that prints its number alone and opens
the report before the first measure, holding none («1 Innledning» before «2 Trygge barn …» over
«Tiltak 2.1»), is the report's opening chapter, not a focus area (:func:`is_opening_chapter`).

A measure's number is what the pattern's group nr captures: a whole number («Tiltak 8»), or a
number of several levels («Tiltak 2.1») where the report numbers its measures per focus area and
only the whole printed number tells them apart. Such a number is kept as printed (``nummer``), and
the measure's ``tiltak_nr`` is its place among the numbers the report prints, body and table alike
(:func:`number_places`), so that every table keyed on ``tiltak_nr`` still has one row per measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.errors import ProfileError
from pipeline.model import OMIT_DEFAULT, RUNNING_REASON, Box, Document, Line, Word, aligned, has_letters, words_text
from pipeline.profiles.loader import HEADING_KINDS, Profile
from pipeline.stages.layout import (
    COLUMN_GAP,
    at_column_start,
    contents_entry,
    ends_paragraph,
    heading_top,
    hung_left,
    is_table_row,
    opens_region,
    right_margin_above,
    run_in_title,
    same_style,
    same_word_style,
    space_before,
    starts_paragraph,
    styled_apart,
    words_apart,
)
from pipeline.stages.structure import column_starts
from pipeline.text import ROMAN, collapse, join_lines, roman_value, word_starts

MULTI_LEVEL = regex.compile(r"^\d+(?:\.\d+)+$")  # a measure's number of several levels: «2.1», «2.3.1»
# A number printed whole: several levels, or letters before it («2.1», «B2», «T-12», a part's numeral «II.3»); its place becomes tiltak_nr.
PRINTED_NUMBER = regex.compile(rf"^(?:\p{{Lu}}{{1,2}}-?|(?:{ROMAN}|\p{{Lu}})\.)?\d+(?:\.\d+)*$")
# A numbered heading's number at a line's start, of one level or several («2 Beredskap», «2.2 Petroleumsvirksomhet»).
HEADING_NUMBER = regex.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+\p{Lu}")
# A number with a lower-case letter after it, «4a»: a measure of its own beside «4b» and «5», whose places become tiltak_nr.
LETTERED = regex.compile(r"^\d+\p{Ll}$")


@dataclass(frozen=True)
class Heading:
    kind: str  # "innsatsomrade" | "tiltak" | "del"
    nr: int
    part: str | None
    title: str
    first_line: int  # index into Document.lines
    last_line: int  # inclusive
    boxes: tuple[Box, ...]
    # the number as printed where it has several levels («2.1»: numbered per focus area), nr then its place; "" where nr is the number
    nummer: str = field(default="", metadata=OMIT_DEFAULT)
    # the responsible department the heading names in its aside («Tiltak 4 (DFD): …», the pattern's group department), "" where none
    department: str = field(default="", metadata=OMIT_DEFAULT)

    @property
    def page(self) -> int:
        return self.boxes[0].page


@dataclass(frozen=True)
class Innsatsomrade:
    nr: int
    title: str
    heading: Heading
    intro: str
    end: int  # exclusive line index of the section's intro


@dataclass(frozen=True)
class Block:
    """The lines of one "Tiltak N." block, with the headings of its parts."""

    tiltak_nr: int
    title: str
    innsatsomrade_nr: int | None
    heading: Heading
    parts: tuple[Heading, ...]
    end: int  # exclusive index into Document.lines
    nummer: str = field(default="", metadata=OMIT_DEFAULT)  # as Heading.nummer

    @property
    def start(self) -> int:
        return self.heading.last_line + 1


@dataclass(frozen=True)
class Segmentation:
    innsatsomrader: tuple[Innsatsomrade, ...]
    blocks: tuple[Block, ...]
    body_start: int | None  # first line of the first heading
    orphan_parts: tuple[Heading, ...] = ()  # part headings that stand outside a block of their number


def opens_after_paragraph(lines: Sequence[Line], i: int, doc: Document) -> bool:
    """The line opens a page or a column after a paragraph's end (a heading set in the body's
    style at the head of a page has no space above it to show; a body line carried over to the
    next page goes on with its sentence)."""
    return opens_region(lines, i) and (i == 0 or ends_paragraph(lines[i - 1], doc))


def is_numbered_row(line: Line, doc: Document) -> bool:
    """A row of a numbered table (layout.is_table_row), its number also of several levels («2.1»: a
    table numbered per focus area), so that the group row above it is no heading either."""
    if is_table_row(line, doc):
        return True
    words = line.words
    return len(words) > 1 and bool(MULTI_LEVEL.match(words[0].text)) and words[1].x0 - words[0].x1 >= COLUMN_GAP * doc.body_size


def set_apart(lines: Sequence[Line], i: int, doc: Document) -> str:
    """How ``lines[i]`` is set apart from the body text: "style" (weight, size, face, slant,
    colour, of the line or of each of its words), "space" (white space above it), "place" (it
    opens a page or a column after a paragraph's end), or "" (it is not)."""
    if styled_apart(lines[i], doc) or words_apart(lines[i], doc):
        return "style"
    if space_before(lines, i, doc):
        return "space"
    return "place" if opens_after_paragraph(lines, i, doc) else ""


def number_last(m: regex.Match[str]) -> bool:
    """Does the heading's pattern read its number after its title («Title (tiltak 4)»)? Such a heading ends with its
    number, and a title too long for one line begins on the lines above it."""
    return bool(m.groupdict().get("title")) and "nr" in m.groupdict() and m.start("title") < m.start("nr")


def _match(
    line: Line, doc: Document, profile: Profile, lines: Sequence[Line] = (), i: int = -1, starts: Sequence[float] = ()
) -> tuple[str, dict[str, str], str, int] | None:
    """(kind, groups, how set apart, its first line) for the heading this line starts, or ends where its number
    ends it (:func:`number_last`), if its pattern and layout say so."""
    text = collapse(line.text)
    for kind in HEADING_KINDS:
        rule = profile.headings[kind]
        m = rule.pattern.match(text)
        if not m:
            continue
        if rule.bold and not line.bold:
            continue
        if line.size < rule.min_size_ratio * doc.body_size - 0.05 and not hung_left(line, doc, starts):
            continue  # smaller type than a heading's (a side head hung left of the text is set apart by its place)
        if not at_column_start(line, doc, starts):
            continue
        top = _top(lines, i, doc, profile, starts) if i >= 0 and number_last(m) else i
        apart = set_apart(lines, top, doc) if i >= 0 else ("style" if styled_apart(line, doc) or words_apart(line, doc) else "")
        if not apart:
            continue
        if i >= 0 and i + 1 < len(lines) and is_numbered_row(lines[i + 1], doc):
            continue  # a table's group row
        return kind, {k: (v or "") for k, v in m.groupdict().items()}, apart, top
    return None


def _top(lines: Sequence[Line], i: int, doc: Document, profile: Profile, starts: Sequence[float]) -> int:
    """The first line of the heading whose number ends ``lines[i]`` (:func:`layout.heading_top`), below any line above
    it that is a heading of its own."""
    top = heading_top(lines, i, doc, starts)
    return next((k + 1 for k in range(i - 1, top - 1, -1) if heading_kind(lines[k], doc, profile, lines, k, starts) is not None), top)


def run_in_cut(lines: Sequence[Line], i: int, doc: Document, patterns: Sequence[regex.Pattern[str]], group: str = "nr") -> tuple[int, int] | None:
    """Where the title starts and the text starts (indices into its words) where ``lines[i]`` is a
    heading run into the paragraph it opens: the line starts a paragraph, one of the heading
    ``patterns`` matches it with its number (the ``group``) within the opening run of words set
    apart (a bold «Tiltak 4.»), and a run in a second style set apart follows (the italic title,
    :func:`layout.run_in_title`). A paragraph in one style that opens with «Tiltak 4 …», or a
    mention inside the text, is none."""
    found = run_in_title(lines[i], doc)
    if found is None or not (starts_paragraph(lines, i, 0, right_margin_above(lines, i, doc)) or after_heading(lines, i, doc)):
        return None
    text = collapse(lines[i].text)
    lead = len(collapse(words_text(lines[i].words[: found[0]])))
    for pattern in patterns:
        m = pattern.match(text)
        if m is not None and m.group(group) and m.end(group) <= lead:
            return found
    return None


def after_heading(lines: Sequence[Line], i: int, doc: Document) -> bool:
    """Does ``lines[i]`` follow a line set apart in style (a heading's, which ends its paragraph, also
    where the line below opens the next page: a measure's heading over its first part's)?"""
    return i > 0 and (styled_apart(lines[i - 1], doc) or words_apart(lines[i - 1], doc))


def title_end(line: Line, style: Word) -> int:
    """Where the words in the title's ``style`` that open the line end (punctuation goes with them)."""
    return next((k for k, w in enumerate(line.words) if has_letters(w.text) and not same_word_style(w, style)), len(line.words))


def title_goes_on(lines: Sequence[Line], i: int, doc: Document, style: Word) -> bool:
    """Does a run-in title that fills ``lines[i]`` go on in the line after it: on the same page at the
    paragraph's line spacing, no paragraph of its own, and opening in the title's ``style``?"""
    if i + 1 >= len(lines):
        return False
    line, after = lines[i], lines[i + 1]
    inked = after.inked
    return (
        after.page == line.page
        and 0 <= after.top - line.bottom <= 0.9 * line.size
        and not starts_paragraph(lines, i + 1, i, right_margin_above(lines, i + 1, doc))
        and bool(inked)
        and same_word_style(inked[0], style)
    )


def split_line(line: Line, k: int) -> tuple[Line, Line]:
    """The line's words before ``k`` and from ``k`` on, each a line of its own where it stands."""
    head, rest = line.words[:k], line.words[k:]
    return replace(line, x1=max(w.x1 for w in head), words=head), replace(line, x0=rest[0].x0, words=rest)


def split_run_in(doc: Document, patterns: Sequence[regex.Pattern[str]], group: str = "nr") -> Document:
    """The document with each heading run into the paragraph it opens (:func:`run_in_cut`) split from
    that paragraph's text: the number and the title, over as many lines as the title runs in its
    style, become lines of their own, and the text from where the title's style ends another, so
    that the heading is found as a heading and the measure's text begins where its style does.
    The document itself where no line is split."""
    lines = doc.lines
    out: list[Line] = []
    split = False
    i = 0
    while i < len(lines):
        cut = run_in_cut(lines, i, doc, patterns, group)
        if cut is None:
            out.append(lines[i])
            i += 1
            continue
        style, text = lines[i].words[cut[0]], cut[1]
        while text == len(lines[i].words) and title_goes_on(lines, i, doc, style) and run_in_cut(lines, i + 1, doc, patterns, group) is None:
            out.append(lines[i])
            i += 1
            text = title_end(lines[i], style)
        if text < len(lines[i].words):
            out.extend(split_line(lines[i], text))
            split = True
        else:
            out.append(lines[i])
        i += 1
    return replace(doc, lines=tuple(out)) if split else doc


def split_run_in_headings(doc: Document, profile: Profile) -> Document:
    """:func:`split_run_in` by the profile's heading patterns."""
    return split_run_in(doc, [profile.headings[kind].pattern for kind in HEADING_KINDS])


def heading_kind(
    line: Line, doc: Document, profile: Profile, lines: Sequence[Line] = (), i: int = -1, starts: Sequence[float] = ()
) -> tuple[str, dict[str, str]] | None:
    """Which heading this line (``lines[i]``) starts, if its layout and pattern both say so
    (``starts``: where the document's columns start; by default its left margin alone)."""
    found = _match(line, doc, profile, lines, i, starts)
    return None if found is None else found[:2]


def _last_on_page(lines: Sequence[Line], i: int) -> bool:
    return i + 1 >= len(lines) or lines[i + 1].page != lines[i].page


def _title_below(lines: Sequence[Line], i: int, doc: Document, profile: Profile, starts: Sequence[float]) -> bool:
    """Is the line under a heading that prints its number alone its title: set apart from the body
    text, right under it on its page, and no heading of its own?"""
    if i + 1 >= len(lines):
        return False
    line, title = lines[i], lines[i + 1]
    return (
        title.page == line.page
        and title.top - line.bottom <= 0.9 * max(line.size, title.size)
        and styled_apart(title, doc)
        and heading_kind(title, doc, profile, lines, i + 1, starts) is None
    )


def _title_part(line: Line, title: str) -> Line | None:
    """The heading line's words from its title on (without its number, which may be set in a box
    of another colour), or None where they are the whole line or cannot be told."""
    title = collapse(title)
    for k in range(1, len(line.words)):
        if collapse(words_text(line.words[k:])) == title:
            return replace(line, x0=line.words[k].x0, words=line.words[k:])
    return None


def _continues(
    lines: Sequence[Line], i: int, j: int, doc: Document, profile: Profile, starts: Sequence[float] = (), styled: Line | None = None
) -> bool:
    """Does line j continue the heading whose latest line is i? It shares the heading's style
    (``styled``: the first line's title words, where the number is set otherwise), follows at the
    heading's line spacing (or opens the next page after the heading ended its page) and starts no
    heading; a heading in the body's style ends at its paragraph's end."""
    prev, line = lines[i], lines[j]
    if not same_style(prev, line) and not (styled is not None and same_style(styled, line)):
        return False
    if not styled_apart(prev, doc) and starts_paragraph(lines, j, i, right_margin_above(lines, j, doc)):
        return False  # (its first word would have fitted on the heading's line: the heading ended there)
    if heading_kind(line, doc, profile, lines, j, starts) is not None:
        return False
    if line.page == prev.page:
        return line.top - prev.bottom <= 0.9 * prev.size
    # across a page break: the heading ended its page and this line opens the next
    return line.page == prev.page + 1 and _last_on_page(lines, i) and (j == 0 or lines[j - 1].page != line.page)


def read_number(text: str) -> tuple[int, str] | None:
    """A measure's number as printed: (the number, "") for a whole number, or a roman numeral's value
    («IV»: a letter alone never numbers a measure, so letters that do are roman); (0, «2.1») for a
    number of several levels or with letters («B2», «4a»), whose place among the report's numbers becomes
    its tiltak_nr; None for neither."""
    text = text.strip()
    if text.isdigit():
        return int(text), ""
    roman = roman_value(text)
    if roman is not None:
        return roman, ""
    return (0, text) if PRINTED_NUMBER.match(text) or LETTERED.match(text) else None


def lettered(nummers: Iterable[str]) -> bool:
    """Whether a measure's number is printed with a letter after it («4a», «4b» beside «5»): then every
    measure's number is kept as printed and its tiltak_nr is its place (4a is 4, 4b 5, 5 6), so that
    none is taken by another's number (:func:`numbered_as_printed`, and the table's rows alike)."""
    return any(LETTERED.match(n) for n in nummers)


def numbered_as_printed(headings: Sequence[Heading], table: Iterable[str] = ()) -> list[Heading]:
    """The measures' and parts' headings with their whole numbers kept as printed where a measure's
    number (theirs, or one of the ``table``'s) has a letter after it; focus areas keep theirs."""
    if not lettered([*(h.nummer for h in headings), *table]):
        return list(headings)
    return [replace(h, nummer=str(h.nr)) if h.kind != "innsatsomrade" and not h.nummer else h for h in headings]


def number_levels(nummer: str, roman: bool = False) -> tuple[tuple[int, int | str], ...]:
    """«2.10» → (2, 10), «B2» → ('B', 2), and with ``roman`` «IX.1» → (9, 1): the order of printed
    numbers (not the order of their text, where «IX» comes before «V»)."""
    levels = regex.findall(r"\d+|\p{L}+", nummer)
    return tuple((0, int(p)) if p.isdigit() else (0, roman_value(p) or 0) if roman else (1, p) for p in levels)


def number_places(nummers: Iterable[str]) -> dict[str, int]:
    """Each number of several levels that a report prints, with its place among them in their
    order (1, 2, …): a measure's tiltak_nr where the report numbers per focus area. The body and
    the table are given the same numbers, so a measure has the same place in both. Letters that
    number the first level in roman numerals («I.1», …, «IX.1») are ordered by their values."""
    printed = sorted({n for n in nummers if n})
    roman = counts_in_roman([level for n in printed if (level := first_level(n))])
    return {n: k for k, n in enumerate(sorted(printed, key=lambda n: number_levels(n, roman)), start=1)}


def placed(heading: Heading, places: dict[str, int]) -> Heading:
    """The heading with its number of several levels replaced by its place."""
    return replace(heading, nr=places[heading.nummer]) if heading.nummer else heading


def area_number(text: str) -> int | None:
    """A focus area's number: «3», or a letter, «C», as its place in the alphabet (3)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return ord(text) - ord("A") + 1 if len(text) == 1 and "A" <= text <= "Z" else None


def steps_of_one(values: Sequence[int | None]) -> int:
    """How often a number is the one before it plus one: how a sequence counts."""
    return sum(1 for a, b in zip(values, values[1:]) if a is not None and b is not None and b == a + 1)


def counts_in_roman(printed: Sequence[str]) -> bool:
    """Whether letters that number a sequence are roman numerals: each is one, and, taken once each in
    order, they go up by one as numerals more often than as places in the alphabet («I, II, III» count so;
    «A, B, C» and «C, D» are letters, and so is «I» alone). The sequence decides, never a letter alone."""
    letters = list(dict.fromkeys(p.strip() for p in printed))
    roman = [roman_value(p) for p in letters]
    return bool(letters) and None not in roman and steps_of_one(roman) > steps_of_one([area_number(p) for p in letters])


def area_numbers(printed: Sequence[str]) -> list[int | None]:
    """Focus areas' numbers as printed, read together: the numerals' values where they count in roman
    numerals («Del I», «Del II», «Del III» are 1, 2, 3, not «I» the ninth letter), else each its :func:`area_number`."""
    if counts_in_roman(printed):
        return [roman_value(p.strip()) for p in printed]
    return [area_number(p) for p in printed]


def _number(text: str, kind: str) -> tuple[int, str]:
    area = area_number(text) if kind == "innsatsomrade" else None
    if kind == "innsatsomrade" and area is None:
        area = roman_value(text.strip())  # «II»: a numeral, never a letter's place (find_headings reads «I» beside it so, too)
    number = read_number(text) if kind != "innsatsomrade" else (area, "") if area is not None else None
    if number is None:
        raise ProfileError(f"key 'headings.{kind}.pattern': its group nr captured «{text}», not a number («8», or «2.1» or «B2» per focus area)")
    return number


def find_headings(doc: Document, profile: Profile, start: int = 0) -> list[Heading]:
    lines = doc.lines
    # a heading opens a column as it opens a page; the columns are those of the document's text block (:func:`~pipeline.model.aligned`)
    starts = column_starts(aligned(lines, doc.shifts), doc.body_size, doc.left_margin)
    found: list[tuple[Heading, str]] = []
    printed: dict[int, str] = {}  # the focus areas' numbers as printed, by their heading's first line
    i = start
    while i < len(lines):
        match = _match(lines[i], doc, profile, lines, i, starts)
        if match is None:
            i += 1
            continue
        kind, groups, apart, top = match
        top = max(top, found[-1][0].last_line + 1 if found else start)  # (never into the heading above)
        last = i
        if not (groups.get("title") or "").strip() and _title_below(lines, i, doc, profile, starts):
            last = i + 1  # «Tiltak 4:» alone on its line: the title is the line set apart under it
        titled = _title_part(lines[i], groups.get("title") or "") if last == i else None  # its style, not its number's box
        while last + 1 < len(lines) and _continues(lines, last, last + 1, doc, profile, starts, titled if last == i else None):
            last += 1
        if last + 1 < len(lines) and is_numbered_row(lines[last + 1], doc):
            i += 1  # a table's group row, wrapped over lines [i, last]
            continue
        if contents_entry(lines[last]):
            i = last + 1  # an entry of a table of contents, ending in a leader and its page («Tiltak 4 … . . . 12»)
            continue
        title = join_lines([lines[k].text for k in range(top, i)] + [groups.get("title", "")] + [lines[k].text for k in range(i + 1, last + 1)])
        nr, nummer = _number(groups["nr"], kind) if groups.get("nr") or kind != "innsatsomrade" else (0, "")  # 0: placed below
        heading = Heading(
            kind=kind,
            nr=nr,
            part=groups.get("part") or None,
            title=title,
            first_line=top,
            last_line=last,
            boxes=tuple(lines[k].box for k in range(top, last + 1)),
            nummer=nummer,
            department=collapse(groups.get("department") or ""),
        )
        found.append((heading, apart))
        if kind == "innsatsomrade" and groups.get("nr"):
            printed[top] = groups["nr"]
        i = last + 1
    found = areas_read_together(found, printed)
    kept = numbered_as_printed([h for h, apart in found if apart != "place" or _styled_like_its_peers(h, found, lines)])
    kept = [h for h in kept if not is_opening_chapter(h, kept, lines)]
    places = number_places(h.nummer for h in kept)
    return areas_placed([placed(h, places) for h in kept])


def areas_placed(headings: Sequence[Heading]) -> list[Heading]:
    """The headings, each focus area's that prints no number (nr 0: a ministry's name alone, «Kunnskapsdepartementet»,
    heading the measures it is responsible for) numbered by its place among the focus areas, as the report orders them."""
    areas = [h for h in headings if h.kind == "innsatsomrade"]
    return [replace(h, nr=areas.index(h) + 1) if h.kind == "innsatsomrade" and h.nr == 0 else h for h in headings]


def areas_read_together(found: Sequence[tuple[Heading, str]], printed: dict[int, str]) -> list[tuple[Heading, str]]:
    """The headings, the focus areas' numbered by their printed numbers read together (:func:`area_numbers`):
    «Del I» is 1 where «Del II» and «Del III» follow it, though «I» alone is a letter."""
    values = dict(zip(printed, area_numbers(list(printed.values()))))
    return [(replace(h, nr=nr) if (nr := values.get(h.first_line)) is not None and h.kind == "innsatsomrade" else h, apart) for h, apart in found]


def first_level(nummer: str) -> str:
    """A number's first level as printed: «2» of «2.3», «A» of «A1»; "" for a number of one level."""
    levels = regex.findall(r"\d+|\p{L}+", nummer)
    return levels[0] if len(levels) > 1 and not LETTERED.match(nummer) else ""  # («4a» is a measure beside «4b», not under 4)


def is_opening_chapter(heading: Heading, headings: Sequence[Heading], lines: Sequence[Line]) -> bool:
    """A focus area's heading that prints its number alone («1 Innledning»: no word names it a focus
    area), before another and before the first measure's, so holding no measure, where the measures
    are numbered per focus area and none by its number («2.1» under «2 Trygge barn …»): the report's
    opening chapter (its introduction, summary and overview), not a focus area, which would be invented."""
    if heading.kind != "innsatsomrade" or area_number(collapse(lines[heading.first_line].text).split(" ")[0]) != heading.nr:
        return False
    measures = [h for h in headings if h.kind == "tiltak"]
    if not measures or not all(first_level(h.nummer) for h in measures):
        return False
    after = [h for h in headings if h.kind == "innsatsomrade" and h.first_line > heading.first_line]
    holds_none = bool(after) and heading.first_line < after[0].first_line < measures[0].first_line
    return holds_none and all(area_number(first_level(h.nummer)) != heading.nr for h in measures)


def _styled_like_its_peers(heading: Heading, found: Sequence[tuple[Heading, str]], lines: Sequence[Line]) -> bool:
    """A heading set apart only by opening a page or a column is one when another heading of its
    kind, set apart by no style of its own either, is set like it: a document whose headings are
    set in the body's style (small capitals, say) shows it in its other headings; in one whose
    headings are bold, a plain line that opens a page is body text."""
    line = lines[heading.first_line]
    return any(
        other is not heading and other.kind == heading.kind and apart in ("space", "place") and same_style(lines[other.first_line], line)
        for other, apart in found
    )


def header_areas(doc: Document, profile: Profile) -> list[Heading]:
    """Focus areas named only in the running header («… – statusrapport 2023   Innsatsområde 2:
    Identifisering og bistand», a new page per area): the header's part that the focus areas'
    pattern matches starts a new area on the page where it changes. The area's heading is the
    page's first body line's place (its box the page's head, where the header stands), so the
    lines that open that page before the first measure's heading are its introduction."""
    pattern = profile.headings["innsatsomrade"].pattern
    named: dict[int, tuple[str, str]] = {}
    for dropped in doc.dropped:
        if dropped.reason == RUNNING_REASON and dropped.page not in named:
            text = collapse(dropped.text)
            found = next((m for k in word_starts(text) if (m := pattern.match(text[k:]))), None)
            if found is not None and found.groupdict().get("nr"):
                named[dropped.page] = (found.group("nr"), collapse(found.group("title")))
    first_line: dict[int, int] = {}
    for k, line in enumerate(doc.lines):
        first_line.setdefault(line.page, k)
    out: list[Heading] = []
    previous = None
    for page in sorted(named):
        if named[page] == previous or page not in first_line:
            continue
        previous = named[page]
        nr = area_number(previous[0])
        k = first_line[page]
        if nr is None:
            continue
        line = doc.lines[k]
        head = Box(page, line.x0, 0.0, doc.right_margin_on(page) or line.x1, line.top)
        out.append(Heading("innsatsomrade", nr, None, previous[1], k, k - 1, (head,)))
    return out


def with_header_areas(doc: Document, profile: Profile, headings: Sequence[Heading]) -> list[Heading]:
    """The headings, with the focus areas the running header names where the body heads none, in reading order."""
    if any(h.kind == "innsatsomrade" for h in headings):
        return list(headings)
    areas = header_areas(doc, profile)
    if len(areas) < 2:
        return list(headings)
    return sorted([*headings, *areas], key=lambda h: (h.first_line, h.kind != "innsatsomrade"))


def heads_section_above(line: Line, heading: Line, nummer: str, doc: Document) -> bool:
    """Does ``line`` head a section above the measure numbered ``nummer`` («2.1.2», its heading's first line
    ``heading``): numbered with fewer of the report's levels («2.2 Petroleumsvirksomhet»), at a column's start,
    set apart in style, at least as large as the measure's heading and as bold? In a numbering of several
    levels such a line is a heading of the report's tree, whether or not the profile names its level, and
    no part of the measure above it."""
    m = HEADING_NUMBER.match(collapse(line.text))
    if m is None or not MULTI_LEVEL.match(nummer) or m.group("number").count(".") >= nummer.count("."):
        return False
    return at_column_start(line, doc) and styled_apart(line, doc) and line.size >= heading.size - 0.25 and (line.bold or not heading.bold)


def block_end(doc: Document, heading: Heading, end: int) -> int:
    """Where a measure's block ends: at the next heading the profile names (``end``), or before it at a
    heading of a section above the measure (:func:`heads_section_above`)."""
    first = doc.lines[heading.first_line]
    return next((k for k in range(heading.last_line + 1, end) if heads_section_above(doc.lines[k], first, heading.nummer, doc)), end)


def segment(doc: Document, profile: Profile, headings: Sequence[Heading] | None = None, table: Iterable[str] = ()) -> Segmentation:
    """The body's focus areas and blocks; ``table``: the numbers of several levels the overview table
    prints, which place a measure numbered per focus area as the table's rows are placed."""
    if headings is None:
        headings = find_headings(doc, profile)
    table = list(table)
    if table:
        headings = numbered_as_printed(headings, table)
        places = number_places([*(h.nummer for h in headings), *table])
        headings = [placed(h, places) for h in headings]
    headings = with_header_areas(doc, profile, headings)
    areas: list[Innsatsomrade] = []
    blocks: list[Block] = []
    orphans: list[Heading] = []
    current_area: int | None = None
    for n, h in enumerate(headings):
        following = headings[n + 1 :]
        if h.kind == "innsatsomrade":
            end = next((g.first_line for g in following if g.kind != "del"), len(doc.lines))
            intro = join_lines(doc.lines[k].text for k in range(h.last_line + 1, end))
            areas.append(Innsatsomrade(h.nr, h.title, h, intro, end))
            current_area = h.nr
        elif h.kind == "tiltak":
            end = block_end(doc, h, next((g.first_line for g in following if g.kind != "del"), len(doc.lines)))
            parts = tuple(g for g in following if g.kind == "del" and g.first_line < end)
            blocks.append(Block(h.nr, h.title, current_area, h, parts, end, h.nummer))
        elif not blocks or blocks[-1].end <= h.first_line:
            # a part heading outside any «Tiltak N.» block («Tiltak 1a …» used as a
            # measure's own heading): a block of its own, so that nothing is dropped
            end = following[0].first_line if following else len(doc.lines)
            blocks.append(Block(h.nr, h.title, current_area, h, (), end, h.nummer))
            orphans.append(h)
    return Segmentation(
        innsatsomrader=tuple(areas),
        blocks=tuple(blocks),
        body_start=headings[0].first_line if headings else None,
        orphan_parts=tuple(orphans),
    )
