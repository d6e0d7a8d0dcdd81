"""Stage 4 — fields: split each block into description, department, status, report.

A field starts at a label ("Ansvarlig departement:", "Status:", "Sluttrapport:"
and their variants, from the profile) at the start of a line that is in bold or
starts a paragraph (the block's first line, or after a sentence's end or a
paragraph's space), or at a key of a key/value table that names a field with no
colon («Ansvarlig departement | BFD»: the cell's edge stands for it), and runs to
the next label or heading; a key that names no field («Frist | 2025») ends it. Labels later on a line that
starts with one, each after a mark set between fields («Ansvar: BFD · Status: Pågår · Frist: 2025»), open
their fields there, and one of a label's shape naming no field («Frist:») ends the field before it
(:func:`labels_within`).
A profile may require labels in bold (``labels_bold = true``). Text before the first label is the
description, and so is the text under a label the profile gives the description («Mål:»). Blocks
with parts ("Tiltak 9 a)") are split at the part headings; a label qualified with a part
("Status (tiltak 10 a):") goes to that part wherever it stands, an unqualified one to the part it stands in — except
that fields given once, after the last part and for no part before it, belong
to the whole measure and are inherited by every part (tiltak 9). A report that
prints its statuses in the overview table alone (no block prints a status
label) gives each measure its row's status, unless its text opens with a status value alone as a sentence
(«Delvis gjennomført. Tiltaket …»): that sentence is then its status, and so in each lettered part's
own text (:func:`fields_of_blocks`, :func:`with_lead_status`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import regex

from pipeline.findings import note
from pipeline.model import OMIT_DEFAULT, Box, Document, Line, Word, words_text
from pipeline.profiles.loader import FIELD_KINDS, Profile
from pipeline.stages.layout import (
    FIELD_MARKS,
    after_bullet,
    cells_of,
    field_breaks,
    in_columns,
    key_value_tables,
    leading_cell_end,
    line_gap,
    right_margin_above,
    starts_paragraph,
    values_under,
)
from pipeline.stages.overview import Overview, OverviewRow
from pipeline.stages.segment import Block, Heading, Innsatsomrade, Segmentation
from pipeline.text import collapse, join_lines, latest_dated


@dataclass(frozen=True)
class FieldText:
    """A field's clean text, the label it was printed under, and where it sits."""

    text: str
    label: str | None
    boxes: tuple[Box, ...]
    joined: tuple[tuple[int, int], ...] = ()  # (start, end) in text of each word joined across a line break

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({b.page for b in self.boxes}))


@dataclass(frozen=True)
class Part:
    """One part of a measure (or the whole measure, when it has no parts)."""

    part: str | None
    title: str | None
    title_boxes: tuple[Box, ...]
    description: FieldText | None
    ansvarlig_departement: FieldText | None
    status: FieldText | None
    sluttrapport: FieldText | None
    status_value: str | None
    inherited: tuple[str, ...] = ()

    @property
    def page_start(self) -> int | None:
        pages = self._pages()
        return min(pages) if pages else None

    @property
    def page_end(self) -> int | None:
        pages = self._pages()
        return max(pages) if pages else None

    def _pages(self) -> list[int]:
        boxes = list(self.title_boxes)
        for f in (self.description, self.ansvarlig_departement, self.status, self.sluttrapport):
            if f is not None:
                boxes.extend(f.boxes)
        return [b.page for b in boxes]


@dataclass(frozen=True)
class Tiltak:
    """A measure as the body of the report describes it."""

    tiltak_nr: int
    title: str
    title_boxes: tuple[Box, ...]
    innsatsomrade_nr: int | None
    innsatsomrade_title: str | None
    description: FieldText | None
    ansvarlig_departement: FieldText | None
    status: FieldText | None
    sluttrapport: FieldText | None
    status_value: str | None
    parts: tuple[Part, ...]
    page_start: int
    page_end: int
    notes: tuple[str, ...] = field(default=())
    # the number as printed where it has several levels («2.1»: numbered per focus area), tiltak_nr then its place
    nummer: str = field(default="", metadata=OMIT_DEFAULT)

    @property
    def printed_nr(self) -> str:
        """The measure's number as the report prints it: «2.1», or tiltak_nr as text."""
        return self.nummer or str(self.tiltak_nr)

    @property
    def has_parts(self) -> bool:
        return any(p.part is not None for p in self.parts)


@dataclass
class _Piece:
    kind: str  # "description" or a FIELD_KINDS key
    label: str | None
    part: str | None  # the part named in the label's qualifier
    section: str | None  # the part whose section the piece stands in
    texts: list[str]
    boxes: list[Box]


NO_FIELD = ""  # the kind of a label that names no field («Frist:» on a line of fields): it ends the field before it


@dataclass(frozen=True)
class LabelLine:
    """A line that starts with a label: the field it opens, and what follows the label."""

    kind: str  # a FIELD_KINDS key, or DESCRIPTION: a label over the description, its text the description's; NO_FIELD
    label: str
    part: str | None  # the part named in the label's qualifier
    rest: str
    rest_words: tuple[Word, ...]
    bold: bool  # the label is set in bold
    cell: bool = False  # the label is a key cell of a key/value table, its value in the cell beside it
    # the labels later on its line, each after a mark set between fields, opening its field there (:func:`labels_within`)
    then: tuple[LabelLine, ...] = ()


def find_label(line: Line, profile: Profile, new_paragraph: bool) -> LabelLine | None:
    """The label this line starts with (after a list's bullet, :func:`after_bullet`), if it is in bold or starts a
    paragraph; with the labels later on the line, each opening its field there (:func:`labels_within`)."""
    line = after_bullet(line)
    found = next((label for label in labels_at(line.words, profile) if label.bold or new_paragraph), None)
    if found is None:
        return None
    words, then = labels_within(found.rest_words, profile, found.bold)
    return replace(found, rest=_text_of(words), rest_words=words, then=then) if then else found


def labels_at(words: tuple[Word, ...], profile: Profile) -> Iterator[LabelLine]:
    """Each of the profile's labels the words start with, in the profile's order, with the words after it."""
    text = words_text(words)
    for kind, pattern in profile.labels.items():
        m = pattern.match(text)
        if not m:
            continue
        label_end = m.end()
        used, rest_words = _split_words(words, label_end)
        bold = all(w.bold for w in used if any(c.isalnum() for c in w.text))
        groups = m.groupdict()
        label = collapse(groups.get("label") or text[:label_end].rstrip(" :"))
        yield LabelLine(kind, label, groups.get("part") or None, text[label_end:].strip(), rest_words, bold)


# A label by its shape alone, naming no field the profile knows («Frist:», «Neste steg:»): a capitalised word or a few before a colon.
ANY_LABEL = regex.compile(r"^\p{Lu}[\p{L}\d./-]*(?: [\p{L}\d./-]+){0,3} ?:(?=\s|$)")


def labels_within(words: tuple[Word, ...], profile: Profile, bold: bool) -> tuple[tuple[Word, ...], tuple[LabelLine, ...]]:
    """A label's words cut where another field starts on its line («Ansvar: BFD · Status: Pågår · Frist: 2025»):
    after a mark set between fields (:func:`field_breaks`), a label set as the line's first is (``bold`` or not),
    one of the profile's, or one of a label's shape naming no field (:data:`ANY_LABEL`, «Frist:»: kind NO_FIELD,
    which ends the field before it and opens none) where one of the profile's goes on along the line too. A mark
    followed by no label (a dash in prose, «AID · KD»), or by labels of no field alone («… – Oslo: 4»), cuts nothing. The words before the first such label, and each label with its words up to the next's mark."""
    found: list[tuple[int, LabelLine]] = []
    for k in field_breaks(words):
        label = next((lb for lb in labels_at(words[k:], profile) if lb.bold == bold), None) or unnamed_label(words[k:], bold)
        if label is not None:
            found.append((k, label))
    if all(label.kind == NO_FIELD for _, label in found):  # no field of the profile's goes on along the line: prose («… – Oslo: 4»)
        return tuple(words), ()
    then = []  # each to the next one's mark (its rest is the line's tail: counted from the end); the last to the line's end
    for (_, label), (start, _) in itertools.pairwise(found):
        cut = _up_to(label.rest_words, start - len(words))
        then.append(replace(label, rest=_text_of(cut), rest_words=cut))
    return _up_to(words, found[0][0] - len(words)), (*then, found[-1][1])


def _up_to(words: Sequence[Word], end: int) -> tuple[Word, ...]:
    """The words up to ``end`` (counted from their end, as a later field's start on the line is: negative), without
    the mark set between the fields there (:func:`field_breaks`) where it is a word of its own."""
    cut = tuple(words[: max(0, len(words) + end)])
    return cut[:-1] if cut and cut[-1].text in FIELD_MARKS else cut


def _text_of(words: tuple[Word, ...]) -> str:
    """A field's text cut before a later field on its line (:func:`_up_to`), a semicolon ending it dropped: the mark between the two."""
    return words_text(words).removesuffix(";").strip()


def unnamed_label(words: tuple[Word, ...], bold: bool) -> LabelLine | None:
    """The label of no field the words start with (:data:`ANY_LABEL`), set as ``bold`` says, with the words after it."""
    text = words_text(words)
    m = ANY_LABEL.match(text)
    if m is None:
        return None
    used, rest_words = _split_words(words, m.end())
    if all(w.bold for w in used if any(c.isalnum() for c in w.text)) != bold:
        return None
    return LabelLine(NO_FIELD, collapse(text[: m.end()].rstrip(" :")), None, text[m.end() :].strip(), rest_words, bold)


def key_label(line: Line, profile: Profile) -> LabelLine | None:
    """The label a row of a key/value table gives as its key, with no colon («Ansvarlig departement | BFD»):
    the cell's edge ends it as a colon would, so the profile's label, colon and all, must name the whole cell;
    its value is the cell beside it."""
    end = leading_cell_end(line)
    named = cell_label(_key_of(line), profile)
    if named is None:
        return None
    bold = all(w.bold for w in line.words[:end] if any(c.isalnum() for c in w.text))
    return LabelLine(*named, words_text(line.words[end:]), tuple(line.words[end:]), bold, cell=True)


def cell_label(key: str, profile: Profile) -> tuple[str, str, str | None] | None:
    """The field a cell's whole text names as its label, with no colon (the cell's edge stands for it): its kind,
    the label and the part its qualifier names; None for a key that names no field («Frist»)."""
    for kind, pattern in profile.labels.items():
        m = pattern.match(key + ":")
        if not m or m.end() < len(key):
            continue
        groups = m.groupdict()
        return kind, collapse(groups.get("label") or key.rstrip(" :")), groups.get("part") or None
    return None


@dataclass(frozen=True)
class LabelGrid:
    """A row of labels side by side with a row of values under it («Ansvarlig | Status | Frist» over
    «KD | I rute | 2025»): each column's label with the value under it (None: a key that names no field)."""

    values: range  # the lines of the row of values
    cells: tuple[LabelLine | None, ...]


def label_grids(lines: Sequence[Line], start: int, end: int, profile: Profile) -> dict[int, LabelGrid]:
    """The label grids among ``lines[start:end]``, by their row of labels: a row of cells set in bold, one of them
    a field's label at least and the others keys set apart by the same weight, over a row of values aligned
    column by column (:func:`values_under`), plain and naming no field (the rows of a key/value table, «Status |
    Pågår» over «Rapportering 2024 | …», each start with a key). Each label takes the value under it, as a key its
    value beside it."""
    grids: dict[int, LabelGrid] = {}
    k = start
    while k < end - 1:
        head = lines[k]
        values = values_under(lines, k, end) if head.bold else None
        if values is None or any(w.bold for w in lines[values.start].words):
            k += 1
            continue
        keys = cells_of(head)
        named = [cell_label(words_text(cell), profile) for cell in keys]
        if not any(named) or any(cell_label(words_text(cell), profile) for cell in cells_of(lines[values.start])):
            k += 1
            continue
        starts = [cell[0].x0 for cell in keys]
        under: list[list[Word]] = [[] for _ in keys]
        for v in values:
            for column, cell in (in_columns(lines[v], starts) or {}).items():
                under[column].extend(cell)
        under = latest_of_years([words_text(cell) for cell in keys], [found is not None for found in named], under)
        grids[k] = LabelGrid(
            values,
            tuple(
                LabelLine(*found, words_text(words), tuple(words), True, cell=True) if found else None
                for found, words in zip(named, under, strict=True)
            ),
        )
        k = values.stop
    return grids


# A column's header that is a year alone («2024»).
YEAR = regex.compile(r"^(?:19|20)\d\d$")


def latest_of_years(keys: Sequence[str], named: Sequence[bool], under: Sequence[list[Word]]) -> list[list[Word]]:
    """The values under a row of labels, where a label with nothing under it heads the columns after it that are
    years («Status | 2022 | 2023 | 2024» over « | Ikke startet | Pågår | Gjennomført»): a value per year, of which
    the label's is the latest year's, as the report states where the measure stands now. Other columns as read."""
    out = [list(words) for words in under]
    for i, is_label in enumerate(named):
        years = list(itertools.takewhile(lambda j: YEAR.match(keys[j]) is not None, range(i + 1, len(keys))))
        if not is_label or out[i] or not years:
            continue
        latest = latest_dated(keys, [j for j in years if out[j]])
        if latest is not None:
            out[i] = out[latest]
    return out


def key_rows(lines: Sequence[Line], start: int, end: int, profile: Profile) -> tuple[dict[int, LabelLine], dict[int, range]]:
    """The rows of the key/value tables among ``lines[start:end]`` (a block's) whose keys are labels with no colon
    (:func:`key_label`): the labels, by line, and the table's other rows, each with the lines it spans, by its first:
    keys that name no field («Frist | 2025»), whose row ends the field above it (it is no part of the department or
    the status). A table none of whose keys is a label is text; one whose labels print their colons is lines that
    start with labels (so are two columns read as one, «Sluttrapport: | …», where the rows under it are its text)."""
    labels: dict[int, LabelLine] = {}
    others: dict[int, range] = {}
    for table in key_value_tables(lines, start, end):
        keys = [(row, key_label(lines[row.start], profile)) for row in table]
        if not any(found and not _key_of(lines[row.start]).endswith(":") for row, found in keys):
            continue
        for row, found in keys:
            if found is not None:
                labels[row.start] = found
            else:
                others[row.start] = row
    return labels, others


def _key_of(line: Line) -> str:
    """The text of a line's leading cell (:func:`leading_cell_end`)."""
    return words_text(line.words[: leading_cell_end(line)])


def label_lines(doc: Document, block: Block, profile: Profile, grids: dict[int, LabelGrid] | None = None) -> dict[int, LabelLine]:
    """Every line of a block that starts with a label, by its index in the document: a key of a key/value
    table (:func:`key_rows`; a label grid's rows are none: :func:`label_grids` reads them), else a label at a
    line's start in bold or at a paragraph's (:func:`find_label`)."""
    out = {}
    keys = key_rows(doc.lines, block.start, block.end, profile)[0]
    gridded = grid_lines(label_grids(doc.lines, block.start, block.end, profile) if grids is None else grids)
    gap = line_gap(doc.lines[block.start : block.end])
    for k in range(block.start, block.end):
        if k in gridded:
            continue  # a label grid's rows: its labels are read by column (:func:`label_grids`)
        opens = starts_paragraph(doc.lines, k, block.start, right_margin_above(doc.lines, k, doc), gap)
        found = keys.get(k) or find_label(doc.lines[k], profile, opens)
        if found is not None:
            out[k] = found
    return out


def grid_lines(grids: dict[int, LabelGrid]) -> set[int]:
    """The lines label grids take: each one's row of labels and its row of values."""
    return {k for head, grid in grids.items() for k in (head, *grid.values)}


def _split_words(words: Sequence[Word], offset: int) -> tuple[list[Word], tuple[Word, ...]]:
    """Words covering the first ``offset`` characters of the line, and the rest."""
    pos = 0
    used: list[Word] = []
    for i, w in enumerate(words):
        if i and w.space_before:
            pos += 1
        if pos >= offset:
            return used, tuple(words[i:])
        used.append(w)
        pos += len(w.text)
    return used, ()


def _box_of(words: Sequence[Word], line: Line) -> Box:
    return Box(line.page, min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def labels_are_bold(labels: Iterable[LabelLine], profile: Profile) -> bool:
    """Whether this document sets its labels in bold: then a plain «Status: …» paragraph is text.

    Decided once for the document, from every line that could be a label (a match at a
    paragraph's start), so that a rendering with plain labels and one with bold labels read alike.
    """
    if profile.labels_bold:
        return True
    marks = [label.bold for label in labels if label.bold or not label.cell]  # a key cell is set apart by its place: plain, it says nothing
    bold = sum(marks)
    return bold >= len(marks) - bold and bold > 0


def status_pill(doc: Document, block: Block, profile: Profile) -> int | None:
    """The line right under the heading whose whole text is a status value (a coloured pill,
    «Gjennomført», with no label): the measure's status where no label gives one, and never
    part of its description."""
    if block.start >= block.end or any(h.first_line == block.start for h in block.parts):
        return None
    text = collapse(doc.lines[block.start].text).casefold()
    return block.start if text and text in {name.casefold() for name in profile.status_names} else None


def _pieces(
    doc: Document,
    block: Block,
    labels: dict[int, LabelLine],
    require_bold: bool,
    skip: int | None = None,
    unnamed: dict[int, range] | None = None,
    grids: dict[int, LabelGrid] | None = None,
) -> list[_Piece]:
    """The block's lines as the pieces its labels and parts open (``unnamed``: rows of a key/value table whose
    key names no field, :func:`key_rows`: each ends the field above it, is read into none, and the lines after
    its table are the description's again; ``grids``: label grids, :func:`label_grids`, each label opening a
    piece of the value under it, and the lines after the grid the description's again)."""
    unnamed = unnamed or {}
    grids = grids or {}
    skip_to = block.start
    part_starts = {h.first_line: h for h in block.parts}
    part_lines = {k for h in block.parts for k in range(h.first_line, h.last_line + 1)}
    section: str | None = None
    pieces: list[_Piece] = []
    current = _Piece("description", None, None, None, [], [])
    pieces.append(current)
    for k in range(block.start, block.end):
        if k in part_starts:
            section = part_starts[k].part
            current = _Piece("description", None, section, section, [], [])
            pieces.append(current)
        if k in part_lines or k == skip or k < skip_to:
            continue
        if k in grids:
            for cell in grids[k].cells:
                if cell is not None:
                    box = _box_of(cell.rest_words, doc.lines[grids[k].values.start]) if cell.rest_words else doc.lines[k].box
                    pieces.append(_Piece(cell.kind, cell.label, cell.part, section, [cell.rest] if cell.rest else [], [box] if cell.rest else []))
            skip_to = grids[k].values.stop
            current = _Piece("description", None, None, section, [], [])
            pieces.append(current)
            continue
        if k in unnamed:
            skip_to = unnamed[k].stop
            current = _Piece("description", None, None, section, [], [])
            pieces.append(current)
            continue
        line = doc.lines[k]
        found = labels.get(k)
        if found is not None and (found.bold or found.cell or not require_bold):
            for opened in (found, *found.then):  # (the labels later on the line, each opening its field there)
                current = _opened(opened, line, section)
                pieces.append(current)
            continue
        current.texts.append(line.text)
        current.boxes.append(line.box)
    return [p for p in pieces if p.texts or p.kind != "description"]


def _opened(found: LabelLine, line: Line, section: str | None) -> _Piece:
    """The piece a label opens, with the text after it on its line; a label that names no field (NO_FIELD, «Frist:»)
    opens the description's again, its own text read into none, as a key/value table's key naming no field does."""
    if found.kind == NO_FIELD:
        return _Piece("description", None, None, section, [], [])
    piece = _Piece(found.kind, found.label, found.part, section, [], [])
    if found.rest:
        piece.texts.append(found.rest)
        piece.boxes.append(_box_of(found.rest_words, line) if found.rest_words else line.box)
    return piece


def _field(pieces: Sequence[_Piece]) -> FieldText | None:
    if not pieces:
        return None
    joins: list[tuple[int, int]] = []
    return FieldText(
        text=join_lines((t for p in pieces for t in p.texts), joins),
        label=pieces[0].label,
        boxes=tuple(b for p in pieces for b in p.boxes),
        joined=tuple(joins),
    )


def _concatenated(pieces: Sequence[tuple[str, FieldText | None]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Texts joined with spaces, each after its prefix, with the joined words' places moved along."""
    text, joined = "", []
    for prefix, f in pieces:
        if text:
            text += " "
        text += prefix
        if f is not None:
            joined += [(a + len(text), b + len(text)) for a, b in f.joined]
            text += f.text
    return text.strip(), tuple(joined)


def aggregate_status(values: Sequence[str | None], profile: Profile) -> str | None:
    """The measure's status from its parts' (the profile says which wins)."""
    present = [v for v in values if v]
    if not present:
        return None
    if len(set(present)) == 1:
        return present[0]
    for name in profile.part_precedence:
        if name in present:
            return name
    return profile.status_unknown


def _joined(parts: Sequence[Part], attr: str) -> FieldText | None:
    """A block-level field made of its parts' values, each prefixed "a) "."""
    items = [(p.part, getattr(p, attr)) for p in parts if getattr(p, attr) is not None]
    if not items:
        return None
    texts = {f.text for _, f in items}
    if len(texts) == 1 and len(items) == len(parts):
        text, joined = items[0][1].text, items[0][1].joined
    else:
        text, joined = _concatenated([(f"{letter}) ", f) for letter, f in items])
    return FieldText(text=text, label=items[0][1].label, boxes=tuple(b for _, f in items for b in f.boxes), joined=joined)


def split_block(
    doc: Document,
    block: Block,
    seg: Segmentation,
    profile: Profile,
    labels: dict[int, LabelLine] | None = None,
    require_bold: bool | None = None,
    grids: dict[int, LabelGrid] | None = None,
    leads: bool = False,
) -> Tiltak:
    """The block's fields (``labels``, ``grids``: its label lines and label grids, where the caller read them already;
    ``leads``: the report prints no status label, so a part's text may open with its status, :func:`with_lead_status`)."""
    grids = label_grids(doc.lines, block.start, block.end, profile) if grids is None else grids
    labels = label_lines(doc, block, profile, grids) if labels is None else labels
    require_bold = profile.labels_bold if require_bold is None else require_bold
    pill = status_pill(doc, block, profile)
    # (a key/value table's rows whose keys name no field: only where its other keys gave labels, :func:`key_rows`)
    gridded = grid_lines(grids)
    unnamed = key_rows(doc.lines, block.start, block.end, profile)[1] if any(found.cell for found in labels.values()) else {}
    unnamed = {k: row for k, row in unnamed.items() if k not in gridded}
    pieces = _pieces(doc, block, labels, require_bold, pill, unnamed, grids)
    notes: list[str] = []
    letters = [h.part for h in block.parts if h.part]  # a part heading always has its letter
    block_level: dict[str, list[_Piece]] = {k: [] for k in ("description", *FIELD_KINDS)}
    per_part: dict[str, dict[str, list[_Piece]]] = {p: {k: [] for k in block_level} for p in letters}
    for piece in pieces:
        target = piece.part or piece.section
        if piece.part and piece.part not in per_part:
            notes.append(note("label_for_unknown_part", piece.kind, piece.part))
            target = None
        (per_part[target] if target else block_level)[piece.kind].append(piece)
    # fields printed once after the last part, for no earlier part, are the measure's
    if letters:
        last = letters[-1]
        for kind in FIELD_KINDS:
            unqualified = [p for p in per_part[last][kind] if p.part is None]
            others = any(per_part[p][kind] for p in letters[:-1])
            if unqualified and not others and not block_level[kind]:
                block_level[kind] = unqualified
                per_part[last][kind] = [p for p in per_part[last][kind] if p.part is not None]
    for kind in FIELD_KINDS:
        if len(block_level[kind]) > 1:
            notes.append(note("repeated_label", kind))
    area = next((a for a in seg.innsatsomrader if a.nr == block.innsatsomrade_nr), None)
    shared = {kind: _field(block_level[kind][:1]) for kind in FIELD_KINDS}
    if shared["status"] is None and pill is not None and not any(per_part[p]["status"] for p in letters):  # a labelled status wins over the pill, the parts' too
        shared["status"] = FieldText(collapse(doc.lines[pill].text), None, (doc.lines[pill].box,))
    if leads and letters and shared["status"] is None and not any(per_part[p]["status"] for p in letters):  # a report given once, for every part
        whole = with_lead_status(Part(None, None, (), None, None, None, shared["sluttrapport"], None), profile)
        shared["status"], shared["sluttrapport"] = whole.status, whole.sluttrapport
    shared_status = profile.normalise_status(shared["status"].text) if shared["status"] else None
    parts: list[Part] = []
    for h in block.parts:
        own = per_part[h.part] if h.part else {k: [] for k in block_level}
        fields_ = {kind: _field(own[kind][:1]) for kind in FIELD_KINDS}
        inherited = tuple(k for k in FIELD_KINDS if fields_[k] is None and shared[k] is not None)
        for k in inherited:
            fields_[k] = shared[k]
        read = Part(
            part=h.part,
            title=h.title,
            title_boxes=h.boxes,
            description=_field(own["description"]),
            ansvarlig_departement=fields_["ansvarlig_departement"],
            status=fields_["status"],
            sluttrapport=fields_["sluttrapport"],
            status_value=profile.normalise_status(fields_["status"].text) if fields_["status"] else None,
            inherited=inherited,
        )
        parts.append(with_lead_status(read, profile) if leads else read)
    intro = _field(block_level["description"])
    if parts:
        description = _describe_parts(intro, parts)
        status_value = shared_status or aggregate_status([p.status_value for p in parts], profile)
        dept = shared["ansvarlig_departement"] or _joined(parts, "ansvarlig_departement") or department_above(block.heading, area, profile)
        status = shared["status"] or _joined(parts, "status")
        report = shared["sluttrapport"] or _joined(parts, "sluttrapport")
    else:
        whole = Part(None, None, (), intro, shared["ansvarlig_departement"] or department_above(block.heading, area, profile), shared["status"], shared["sluttrapport"], shared_status)
        whole = with_lead_status(whole, profile) if leads else whole
        description, dept, status, report, status_value = whole.description, whole.ansvarlig_departement, whole.status, whole.sluttrapport, whole.status_value
        parts = [whole]
    last_line = doc.lines[block.end - 1] if block.end > block.start else doc.lines[block.heading.last_line]
    # the block's last page: its lines' latest, as a pair of columns read column by column over a page may end on the page before
    page_end = max((line.page for line in doc.lines[block.start : block.end]), default=last_line.page)
    return Tiltak(
        tiltak_nr=block.tiltak_nr,
        title=block.title,
        title_boxes=block.heading.boxes,
        innsatsomrade_nr=block.innsatsomrade_nr,
        innsatsomrade_title=area.title if area else None,
        description=description,
        ansvarlig_departement=dept,
        status=status,
        sluttrapport=report,
        status_value=status_value,
        parts=tuple(parts),
        page_start=block.heading.page,
        page_end=max(page_end, last_line.page),
        notes=tuple(notes),
        nummer=block.nummer,
    )


def field_page(f: FieldText, t: Tiltak) -> int:
    """The page a field is printed on, for a finding about it: its first box's, else (a label printed with no
    value under it, which keeps no box) the measure's first page."""
    return f.boxes[0].page if f.boxes else t.page_start


def department_above(heading: Heading, area: Innsatsomrade | None, profile: Profile) -> FieldText | None:
    """The department a block that prints none has from above it: its heading's (:func:`heading_department`), else its focus area's."""
    return heading_department(heading) or area_department(area, profile)


def heading_department(heading: Heading) -> FieldText | None:
    """The department a measure's heading names in its aside («Tiltak 4 (DFD): …», the pattern's group department),
    where the report prints it there and no department label in the block: the aside is then the field's text."""
    return FieldText(heading.department, None, heading.boxes[:1]) if heading.department else None


def area_department(area: Innsatsomrade | None, profile: Profile) -> FieldText | None:
    """The ministry a measure's focus area names, where the report groups its measures under their ministries
    (``names_department``) and the block prints no department of its own: the area's heading is then the field's text."""
    if area is None or not profile.headings["innsatsomrade"].names_department:
        return None
    return FieldText(area.title, None, area.heading.boxes)


def _describe_parts(intro: FieldText | None, parts: Sequence[Part]) -> FieldText | None:
    pieces: list[tuple[str, FieldText | None]] = [("", intro)] if intro else []
    boxes = list(intro.boxes) if intro else []
    for p in parts:
        pieces.append((f"{p.part}) {p.title}. " if p.description else f"{p.part}) {p.title}.", p.description))
        boxes.extend(p.title_boxes)
        if p.description:
            boxes.extend(p.description.boxes)
    if not pieces:
        return None
    text, joined = _concatenated(pieces)
    return FieldText(text=text, label=None, boxes=tuple(boxes), joined=joined)


def split_fields(doc: Document, seg: Segmentation, profile: Profile, leads: bool = False) -> list[Tiltak]:
    """Every block's fields (:func:`split_block`; ``leads``: a text may open with its status, :func:`with_lead_status`)."""
    grids = [label_grids(doc.lines, block.start, block.end, profile) for block in seg.blocks]
    labels = [label_lines(doc, block, profile, g) for block, g in zip(seg.blocks, grids, strict=True)]  # once, for the decision and the blocks
    require_bold = labels_are_bold((label for found in labels for label in found.values()), profile)
    return [split_block(doc, block, seg, profile, found, require_bold, g, leads) for block, found, g in zip(seg.blocks, labels, grids, strict=True)]


def prints_no_status(t: Tiltak) -> bool:
    """Whether a measure's block prints no status at all: no status line, no pill, in no part."""
    return t.status is None and all(p.status is None for p in t.parts)


def with_table_statuses(tiltak: Sequence[Tiltak], overview: Overview, profile: Profile) -> list[Tiltak]:
    """The measures, each given its overview row's status where the report keeps statuses in the table
    alone: no block prints a status (no label, no pill, in no part: :func:`prints_no_status`) and the
    table gives every measure one. The measure's status is then the table's, normalised as a table
    body's is (:func:`tiltak_of_rows`); its status text stays empty, as no block prints it, and so do
    the statuses of its lettered parts, of which the table says nothing. Where any block prints a
    status, or a measure has no row with a status, the measures are as read (a label missed in some
    blocks is a reading's failure, which validation reports, not a report without statuses)."""
    statuses = {r.tiltak_nr: r.status for r in overview.rows if collapse(r.status)}
    if not tiltak or not all(prints_no_status(t) and t.tiltak_nr in statuses for t in tiltak):
        return list(tiltak)
    out = []
    for t in tiltak:
        value = profile.normalise_status(statuses[t.tiltak_nr])
        parts = t.parts if t.has_parts else tuple(replace(p, status_value=value) for p in t.parts)
        out.append(replace(t, status_value=value, parts=parts))
    return out


def status_label_printed(doc: Document, seg: Segmentation, profile: Profile) -> bool:
    """Whether any block prints a line that starts with the status label, read as a label or not (a plain
    «Status:» where the labels are read in bold alone): then the report prints its statuses in the blocks,
    and a status not read there is a reading's failure, not one the table alone gives."""
    status = profile.labels["status"]
    return any(status.match(doc.lines[k].text) for block in seg.blocks for k in range(block.start, block.end))


# A text's first sentence: a few words up to a full stop (or «!»), then the text's next word or its end.
FIRST_SENTENCE = regex.compile(r"^(?P<sentence>[^.!?]{1,80}?[.!])(?:\s+|$)")


def lead_status(f: FieldText | None, profile: Profile) -> tuple[FieldText, FieldText | None] | None:
    """A field whose text opens with a sentence that is a status value alone («Delvis gjennomført. Tiltaket er
    …»), split into that sentence, the status, and the text after it (None where nothing follows); None where
    the first sentence is no status value (a sentence that merely uses a status word, «Gjennomført i 2023 …»,
    is the text's own). The status keeps the line it is printed on as its box; the text keeps that line too
    where it goes on there."""
    if f is None or not f.boxes:
        return None
    m = FIRST_SENTENCE.match(f.text)
    if m is None or collapse(m.group("sentence")[:-1]).casefold() not in {name.casefold() for name in profile.status_names}:
        return None
    status = FieldText(m.group("sentence"), None, f.boxes[:1])
    rest = f.text[m.end() :]
    if not rest:
        return status, None
    joined = tuple((a - m.end(), b - m.end()) for a, b in f.joined if a >= m.end())
    return status, replace(f, text=rest, joined=joined)


def with_lead_status(p: Part, profile: Profile) -> Part:
    """The part (or the whole measure, where it has no parts), its status its text's first sentence where that
    is a status value alone (:func:`lead_status`): where the report prints no status label, the status opens the
    report (or the description, where no label opens a report), in each part as in a measure of none. A part
    that prints a status, or inherits one, is as read."""
    if p.status is not None:
        return p
    found = lead_status(p.sluttrapport, profile)
    if found is not None:
        status, report = found
        return replace(p, status=status, status_value=profile.normalise_status(status.text), sluttrapport=report)
    found = lead_status(p.description, profile) if p.sluttrapport is None else None
    if found is not None:
        status, description = found
        return replace(p, status=status, status_value=profile.normalise_status(status.text), description=description)
    return p


def fields_of_blocks(doc: Document, seg: Segmentation, overview: Overview, profile: Profile) -> list[Tiltak]:
    """Each block's fields (:func:`split_fields`); where the report prints no status label in any
    block (read or not), a measure's status is the sentence its text opens with where that is a
    status value alone (:func:`with_lead_status`), else, where the overview table alone prints the
    statuses, its row's (:func:`with_table_statuses`)."""
    if status_label_printed(doc, seg, profile):
        return split_fields(doc, seg, profile)
    return with_table_statuses(split_fields(doc, seg, profile, leads=True), overview, profile)


def status_from_table(t: Tiltak) -> bool:
    """Whether a measure's status is its table row's (:func:`with_table_statuses`): it has one, and no
    block prints it."""
    return t.status is None and t.status_value is not None


def tiltak_of_rows(overview: Overview, profile: Profile) -> list[Tiltak]:
    """The measures of a report whose measures are the rows of one table (``[body] kind = "table"``):
    each row's cells are its fields, named by the columns' headers as printed; no description
    unless a column holds one. The row's innsatsområde is its group row's."""
    labels = dict(zip(overview.keys, overview.header, strict=True))

    def cell(row: OverviewRow, key: str, text: str) -> FieldText | None:
        boxes = row.cell_boxes(key)
        return FieldText(text, labels.get(key), boxes) if text else None

    out = []
    for row in overview.rows:
        dept = cell(row, "ansvarlig_departement", row.ansvarlig_departement)
        status = cell(row, "status", row.status)
        report = cell(row, "sluttrapport", row.sluttrapport)
        description = cell(row, "description", row.description)
        status_value = profile.normalise_status(row.status) if row.status else None
        pages = sorted({b.page for b in row.boxes})
        out.append(
            Tiltak(
                tiltak_nr=row.tiltak_nr,
                title=row.title,
                title_boxes=row.cell_boxes("title"),
                innsatsomrade_nr=row.innsatsomrade_nr,
                innsatsomrade_title=row.innsatsomrade_title,
                description=description,
                ansvarlig_departement=dept,
                status=status,
                sluttrapport=report,
                status_value=status_value,
                parts=(Part(None, None, (), description, dept, status, report, status_value),),
                page_start=pages[0] if pages else row.page,
                page_end=pages[-1] if pages else row.page,
                nummer=row.nummer,
            )
        )
    return out

