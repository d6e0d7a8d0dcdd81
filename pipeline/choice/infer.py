"""A profile inferred from the document itself, for a report no profile fits.

Inference starts from the generic base profile (``pipeline/profiles/base/generic.toml``)
and reads from the document what a profile's author would write:

- **the heading pattern**, from numbered lines that stand out from the body text, of any
  shape («Tiltak 4 – …», «4. …», «Tiltak 2.3 …», «T-12 …»): grouped by the word before the
  number, the number's form, the separator and the type, the shape numbered in sequence whose
  blocks hold the most field labels heads the measures (a shape whose blocks hold none never
  does: numbered chapters, § sections and recommendations are not measures), another with a
  word that stands out as much heads the focus areas, and so does one with no word that heads the
  measures numbered by it («2 Trygge barn …» over «Tiltak 2.1», «Tiltak 2.2»); failing those, headings that name a
  ministry alone over groups of measures («Kunnskapsdepartementet») are the focus areas and name their department;
- **the labels**, from line-initial phrases ending in «:» that recur across blocks (a
  label seen in only some blocks is still a label), and from the keys of key/value tables
  («Ansvarlig departement | BFD», in whatever weight), mapped to department, status or
  report by the base profile's small vocabulary;
- **the status vocabulary**, from the overview table's Status column (the table is the
  authority; the body's sentences are normalised to its values by their stems), or, for
  a report without a table, from the base vocabulary's statuses its sentences use;
- **the table's title and columns**, from the header row the base vocabulary recognises (a status column also by
  its cells, where they are percentages: the measures' progress) and the line set apart above it; where the measures are its rows, its group rows numbered in
  sequence with a word («Innsatsområde 1 – …») head the focus areas;
- **the summary counts**, read from the summary sentence by those values (in words where it prints no digits);
- **the footers**, by repetition.

Everything Norwegian that inference knows is in the base profile's ``[inference]``
tables, not here. The result is a :class:`Inference`: the profile, the commented TOML it
was parsed from (so the draft that ``python -m pipeline profile draft`` writes reproduces
the inferred run exactly), what was inferred, and what is unsure.
"""

from __future__ import annotations

import copy
import tomllib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import regex

from pipeline.choice.fit import in_sequence
from pipeline.errors import ProfileError
from pipeline.model import RUNNING_REASON, Document, Line, words_text
from pipeline.profiles.loader import (
    DESCRIPTION,
    FIELD_KINDS,
    GROUP_COLUMN,
    PROFILE_DIR,
    TEXT_COLUMNS,
    Profile,
    _check_unknown,
    _compile_all,
    _count,
    _items,
    _numbered,
    _pattern,
    _ratio,
    _require,
    _strings,
    _with_groups,
    parse_profile,
    read_toml,
)
from pipeline.stages.extract import RawPdf, assemble, body_size_of
from pipeline.stages.fields import split_fields
from pipeline.stages.layout import (
    MARGIN_TOLERANCE,
    after_bullet,
    cells_of,
    field_breaks,
    heading_top,
    hung_left,
    key_value_tables,
    leading_cell_end,
    right_margin_above,
    same_style,
    space_before,
    starts_paragraph,
    styled_apart,
    values_under,
    words_apart,
)
from pipeline.stages.overview import OverviewRow, find_header, lines_before, parse_overview, table_end
from pipeline.stages.segment import (
    Heading,
    Segmentation,
    area_number,
    counts_in_roman,
    find_headings,
    heading_kind,
    is_numbered_row,
    segment,
    split_run_in,
    steps_of_one,
)
from pipeline.text import ROMAN, collapse, compound_numerals, is_percentage, join_lines, roman_value, word_starts

BASE = PROFILE_DIR / "base" / "generic.toml"
NAME = "inferred"
TITLE_LOOKBACK = 40  # lines above the table's header row in which its title is looked for


@dataclass(frozen=True)
class Inference:
    """An inferred profile, the TOML it was parsed from, and how sure the inference is."""

    profile: Profile
    toml: str
    inferred: tuple[str, ...]  # what was read from the document, one phrase each
    doubts: tuple[str, ...]  # what is unsure or was not found

    @property
    def sure(self) -> bool:
        return not self.doubts


def base_data() -> dict[str, Any]:
    """The base profile's TOML, its [inference] vocabulary checked (the rest is checked where it is parsed as a profile)."""
    data = read_toml(BASE)
    try:
        check_vocabulary(_require(data, "inference", "", dict))
    except ProfileError as exc:
        raise ProfileError(f"{BASE.name}: {exc.detail}") from None
    return data


def check_vocabulary(vocab: dict[str, Any]) -> None:
    """Every key of [inference] that inference reads, of the kind it reads it as, so that a slip in the
    base profile is named there and not met as a KeyError or TypeError in the middle of a report."""
    _check_unknown(vocab, {"headings", "labels", "status", "plan", "overview", "table", "departments"}, "inference")
    departments = _require(vocab, "departments", "inference", dict)
    _check_unknown(departments, {"name"}, "inference.departments")
    _pattern(departments, "name", "inference.departments")
    where = "inference.headings"
    headings = _require(vocab, "headings", "inference", dict)
    _check_unknown(headings, {"names", "part", "number_words", "names_of_several_words"}, where)
    _items(_require(headings, "names", where, list, "a list of strings"), f"{where}.names", str)
    _require(headings, "part", where, str, "a pattern (a string)")
    for k, word in enumerate(_items(headings.get("number_words", []), f"{where}.number_words", str)):
        _pattern({"word": word}, "word", f"{where}.number_words[{k}]")
    for k, name in enumerate(_strings(headings, "names_of_several_words", where, [])):
        _pattern({"name": name}, "name", f"{where}.names_of_several_words[{k}]")
    where = "inference.labels"
    labels = _require(vocab, "labels", "inference", dict)
    _check_unknown(labels, {"phrase", "max_words", "min_blocks", "qualifier", "kinds", DESCRIPTION}, where)
    _pattern(labels, "phrase", where, ("label",))
    _pattern(labels, DESCRIPTION, where)
    _count(labels, "max_words", where, minimum=1)
    _count(labels, "min_blocks", where)
    _pattern(labels, "qualifier", where)
    kinds = _require(labels, "kinds", where, dict)
    _check_unknown(kinds, set(FIELD_KINDS), f"{where}.kinds")
    for kind in FIELD_KINDS:
        _pattern(kinds, kind, f"{where}.kinds")
    where = "inference.table"
    table = _require(vocab, "table", "inference", dict)
    _check_unknown(table, {*TEXT_COLUMNS, "min_rows"}, where)
    for key in TEXT_COLUMNS:
        _pattern(table, key, where)
    _count(table, "min_rows", where, minimum=1)
    where = "inference.status"
    status = _require(vocab, "status", "inference", dict)
    _check_unknown(status, {"endings", "min_stem", "vocabulary", "done", "not_started"}, where)
    _items(_require(status, "endings", where, list, "a list of strings"), f"{where}.endings", str)
    _count(status, "min_stem", where)
    for key in ("vocabulary", "done", "not_started"):
        _items(_require(status, key, where, list, "a list of strings"), f"{where}.{key}", str)
    where = "inference.plan"
    plan = _require(vocab, "plan", "inference", dict)
    _check_unknown(plan, {"min_ratio", "title", "period"}, where)
    _ratio(plan, "min_ratio", where)
    _compile_all([_require(plan, "period", where, str, "a pattern")], f"{where}.period")
    for i, title in enumerate(_compile_all(_require(plan, "title", where, list, "a list of patterns"), f"{where}.title")):
        _with_groups(title, ("plan",), f"{where}.title[{i}]")
    where = "inference.overview"
    overview = _require(vocab, "overview", "inference", dict)
    _check_unknown(overview, {"totals", "count"}, where)
    for i, total in enumerate(_compile_all(_require(overview, "totals", where, list, "a list of patterns"), f"{where}.totals")):
        _numbered(total, f"{where}.totals[{i}]", "the total")
    for i, count in enumerate(_require(overview, "count", where, list, "a list of patterns")):
        if not isinstance(count, str) or "{status}" not in count:
            raise ProfileError(f"key '{where}.count[{i}]' must hold {{status}}, where each status's pattern goes")


def base_profile() -> Profile:
    """The base profile itself (without its inference vocabulary)."""
    data = base_data()
    data.pop("inference")
    return parse_profile(data, source=str(BASE))


# --- patterns from printed words ---------------------------------------------------------


def words_pattern(text: str) -> str:
    """A printed phrase as a pattern: words escaped, spaces flexible, years and numbers any, also
    where they stand in a word with its punctuation («2024:», «2023?», «31.12.2023»): next year's
    report prints next year."""
    return r"\s+".join(_token_pattern(token) for token in collapse(text).split(" "))


def _token_pattern(token: str) -> str:
    """A printed word as a pattern: its runs of digits any (four of them a year's), the rest escaped."""
    return "".join(
        (r"\d{4}" if len(part) == 4 else r"\d+") if part.isdigit() else regex.escape(part, special_only=True, literal_spaces=True)
        for part in regex.split(r"(\d+)", token)
        if part
    )


def stem_pattern(status: str, endings: Sequence[str], min_stem: int) -> str:
    """A status value as the words that find it in a sentence, its last word stemmed."""
    words = collapse(status).lower().split(" ")
    last = words[-1]
    for ending in sorted(endings, key=len, reverse=True):
        if last.endswith(ending) and len(last) - len(ending) >= min_stem:
            last = last[: -len(ending)]
            break
    return r"\b" + r"\s+".join([*(regex.escape(w) for w in words[:-1]), regex.escape(last)])


def furniture_pattern(text: str) -> str:
    """A running header or footer, spaces removed (as extraction matches them), digits any."""
    compact = regex.sub(r"\s+", "", text)
    return "^" + r"\d+".join(regex.escape(part) for part in regex.split(r"\d+", compact)) + "$"


# --- the document's parts ----------------------------------------------------------------


# A numbered line, by its structure alone: a word before the number or none («Tiltak 4», «4»);
# the number, one level or several, with letters before it or none (4, 2.3, 2.3.1, A1, T-12, II.3) and a letter
# after it right before a separator or none («4a.», a measure beside «4b.» and «5.»), or letters
# alone before a separator (a letter, «B», or a roman numeral, «IV»: which of the two, the sequence decides);
# any separator or none («.», «:», «)», «|», a dash; with none, the title starts with a capital);
# then the title. Which word, number form and separator head the measures is read from the
# document (the numbers' sequence, the lines' style, the fields of the blocks they head), never listed.
@cache
def numbered(number_words: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> regex.Pattern[str]:
    """The numbered line's pattern; ``number_words``: patterns of what may stand between the word and
    the number («nr.» of «Tiltak nr. 4»), and ``names``: patterns of names of more than one word that may
    stand for the word («Focus area 1:»), from the base vocabulary (``[inference.headings]``)."""
    between = "".join(rf"(?:\s+{w})?" for w in number_words)
    word = "".join(f"{name}|" for name in names) + r"\p{Lu}[\p{L}-]+"
    return regex.compile(
        rf"^(?:(?P<word>(?:{word}){between})\s+)?"  # «Tiltak 4», «Tiltak nr. 4», «Focus area 1»
        rf"(?P<number>(?:\p{{Lu}}{{1,2}}-?|(?:{ROMAN}|\p{{Lu}})\.)?\d{{1,3}}(?:\.\d{{1,3}})*"  # «4», «2.3», «T-12», «II.3»
        rf"|(?:{ROMAN}|\p{{Lu}})(?=\s*[.:)\-\u2013\u2014]))"  # «Innsatsområde B –», «Tiltak IV –»
        r"(?P<letter>(?<=\d)\p{Ll}(?=[.:)]|\s*[|\u2013\u2014]))?"  # a letter after it, before a separator: «4a.» beside «5.»
        r"(?P<note>\s*\([\p{Ll}\s]{2,20}\))?"  # a note on the number: «Tiltak 12 (nytt):»
        r"(?:\s*\((?P<aside>[^()\s][^()]{0,39})\))?"  # an aside after it: «Tiltak 4 (DFD):», the department it names, or any
        r"(?:\s*(?P<sep>[.:)|\-\u2010\u2011\u2013\u2014])\s*|\s+(?=\p{Lu}))"
        r"(?P<title>[^\s\d].*)?$"  # after a separator, none: «Tiltak 4:» alone, its title on the next line
    )


# A numbered line whose number comes at its end, after its title, in parentheses with the word before it
# («Styrke tilsynet med bemanningsbransjen (tiltak 4)»): a line that ends in its number. A mention in a
# sentence («se tiltak 8») has words between the parenthesis and the number, or none, and is no such line;
# which word, and whether such lines head the measures, the document decides as for a number before the title.
NUMBER_AFTER = regex.compile(
    r"^(?P<title>[^\s\d(].*?)\s*\(\s*(?P<word>\p{L}[\p{L}-]+)\s+"
    r"(?P<number>(?:\p{Lu}{1,2}-?)?\d{1,3}(?:\.\d{1,3})*)\s*\)$"
)
AFTER = "("  # a shape's separator where its number ends the line, in parentheses after the title


def numbered_in(headings: dict[str, Any]) -> regex.Pattern[str]:
    """The numbered line's pattern with the words between a word and its number of the base
    vocabulary's ``[inference.headings]``."""
    return numbered(tuple(headings.get("number_words", ())), tuple(headings.get("names_of_several_words", ())))


NOTE_PATTERN = r"(?:\s*\([\p{Ll}\s]{2,20}\))?"  # a number's note in parentheses, in lower case: «(nytt)», «(endret)»
ASIDE_PATTERN = r"(?:\s*\([^()\s][^()]{0,39}\))?"  # an aside in parentheses after the number (and its note): «(DFD)»
# The aside where it names the measure's responsible department (:func:`names_departments`): the heading's field.
DEPARTMENT_ASIDE = r"(?:\s*\((?P<department>[^()\s][^()]{0,39}?)\s*\))?"
DASHES = "-\u2010\u2011\u2013\u2014"
# A separator as a heading pattern holds it: a dash is any dash (a report mixes «-» and «–»).
SEPARATOR_PATTERN = {"": "", ".": r"\.", ":": ":", ")": r"\)", "|": r"\|", "–": "[-\u2010\u2011\u2013\u2014]"}
FIELD_SHARE = 0.5  # of the blocks a numbered shape heads, those that must hold a field's label for it to head measures


def separator(sep: str | None) -> str:
    """A separator's class: a dash is one, whichever dash is printed."""
    return "–" if sep and sep in DASHES else sep or ""


def number_form(number: str) -> tuple[str, str]:
    """A printed number's prefix (all but its last run of digits: «2.» of «2.3», «T-» of «T-12») and its
    form (digits and letters masked); letters alone («B», «IV») are a number of the form «L»."""
    if regex.fullmatch(r"\p{Lu}", number) or roman_value(number) is not None:
        return "", LETTER
    prefix = regex.sub(r"\d+$", "", number)
    return prefix, regex.sub(r"\d+", "N", regex.sub(r"\p{Lu}+", "A", prefix))


LETTER = "L"  # the form of a number that is a letter alone (focus areas A, B, C)
ROMAN_FORM = "R"  # the form of letters alone that count as roman numerals (I, II, III, IV)
ROMAN_LEVEL = "I"  # in a form, a first level of letters that count as roman numerals («I.» of «II.3», a part's numeral)


def printed_value(number: str, prefix: str) -> int:
    """The number a line prints after its prefix: «12» of «T-12», 2 of «B» (a letter's place in the alphabet)."""
    rest = number[len(prefix) :]
    return area_number(rest) or 0


def multi_level(form: str) -> str:
    """A whole number of this form as a pattern: «N.» → «\\d+\\.\\d+», «A» → «\\p{Lu}{1,2}\\d+», «I.» → a roman
    numeral, «.», digits."""
    return masked(form, r"\p{Lu}{1,2}") + r"\d+"


def masked(form: str, letters: str) -> str:
    """A form as a pattern: its digits' mask any digits, its letters' ``letters``, its roman level a roman numeral."""
    return regex.sub(ROMAN_LEVEL, lambda _: f"(?:{ROMAN})", regex.sub(r"A", lambda _: letters, regex.sub(r"N", lambda _: r"\d+", regex.escape(form))))


def sequence_key(number: str) -> tuple:
    """The number as its levels, for order: «2.3» → (2, 3), «T-12» → ('T', 12)."""
    return tuple(int(p) if p.isdigit() else p for p in regex.findall(r"\d+|\p{L}+", number))


@dataclass
class _Shape:
    """Numbered lines of one shape: the word before the number, the number's form, the separator and the type."""

    word: str
    form: str  # the number's prefix with digits and letters masked: "" for «4», "N." for «2.3», "A-" for «T-12»
    sep: str  # "", ".", ":", ")" or "–" (any dash)
    style: tuple[float, bool]  # size and weight
    members: list[tuple[int, int]]  # (line index, number: its last level)
    prefixes: list[str] = field(default_factory=list)  # each member's prefix as printed
    keys: list[tuple] = field(default_factory=list)  # each member's number as its levels
    printed_sep: str = ""  # the separator as first printed
    noted: bool = False  # some member notes its number in parentheses, «Tiltak 12 (nytt):»
    lettered: bool = False  # some member prints a letter after its number, «4a.» beside «5.»
    asides: list[str] = field(default_factory=list)  # each member's aside in parentheses after its number, "" where none: «DFD»

    @property
    def numbers(self) -> list[int]:
        return [nr for _, nr in self.members]

    @property
    def in_sequence(self) -> int:
        """How many members are numbered above the one before: the numbers' sequence, in all their levels."""
        return sum(1 for k, key in enumerate(self.keys) if k == 0 or key > self.keys[k - 1])

    @property
    def prefix(self) -> str:
        """The prefix as a pattern: the one printed, when every member prints the same, else any of the form."""
        if len(set(self.prefixes)) <= 1:
            return regex.escape(self.prefixes[0]) if self.prefixes else ""
        return masked(self.form, r"\p{Lu}+")

    @property
    def numbered_once(self) -> bool:
        """Each measure's number (the last level) is printed once: it can identify the measure."""
        return len(set(self.numbers)) == len(self.numbers)

    @property
    def per_area(self) -> bool:
        """Numbered per focus area («1.1», «1.2», «2.1», or «A1», «A2», «B1»): the last level repeats,
        the whole number does not, so the whole number names the measure."""
        return bool(self.form) and not self.numbered_once and len(set(self.keys)) == len(self.keys)

    @property
    def number(self) -> str:
        """The pattern of the number the group nr captures: the last level, or the whole number where it is numbered per area."""
        if self.form == LETTER:
            return r"(?P<nr>\p{Lu})"
        if self.form == ROMAN_FORM:
            return rf"(?P<nr>{ROMAN})"
        if self.lettered:
            return rf"{self.prefix}(?P<nr>\d+\p{{Ll}}?)"
        return rf"(?P<nr>{multi_level(self.form)})" if self.per_area else rf"{self.prefix}(?P<nr>\d+)"

    def pattern(self, sep: str | None = None, department: bool = False) -> str:
        """The heading pattern; with ``department``, the aside after the number is the measure's department (group department)."""
        word = regex.escape(self.word) + r"\s+" if self.word else ""
        number = self.number + (NOTE_PATTERN if self.noted else "") + (DEPARTMENT_ASIDE if department else ASIDE_PATTERN if any(self.asides) else "")
        if self.sep == AFTER:
            return rf"^(?P<title>\S.*?)\s*\(\s*{word}{number}\s*\)$"
        if sep is None and not self.sep:
            return rf"^{word}{number}\s+(?P<title>\p{{Lu}}.*)$"
        sep = sep or SEPARATOR_PATTERN[self.sep]
        return rf"^{word}{number}\s*{sep}\s*(?P<title>.*)$"

    @property
    def example(self) -> str:
        number = self.prefixes[0] + "N" if len(set(self.prefixes)) == 1 else self.form + "N"
        if self.sep == AFTER:
            return f"«Title ({self.word} {number})»"
        sep = f" {self.printed_sep}" if self.sep == "–" else self.printed_sep
        aside = next((f" ({a})" for a in self.asides if a), "")  # «Tiltak N (DFD):»
        return f"«{self.word + ' ' if self.word else ''}{number}{aside}{sep}»"


def stands_out(lines: Sequence[Line], i: int, doc: Document) -> bool:
    """Does ``lines[i]`` stand out from the body text, as a heading does: by its style or each of its words', or by
    white space above it?"""
    return styled_apart(lines[i], doc) or words_apart(lines[i], doc) or space_before(lines, i, doc)


def heading_shapes(doc, headings: dict[str, Any]) -> list[_Shape]:
    """Numbered lines at the left margin, or hung left of all the text (a side-head layout, whose text
    stands in a column right of its headings and labels), that stand out from the body text, by shape."""
    lines, pattern = doc.lines, numbered_in(headings)
    found: dict[tuple, _Shape] = {}
    for i, line in enumerate(lines):
        if abs(doc.aligned_x0(line) - doc.left_margin) > MARGIN_TOLERANCE * doc.body_size and not hung_left(line, doc):
            continue
        text = collapse(line.text)
        if not (stands_out(lines, i, doc) or (NUMBER_AFTER.match(text) and stands_out(lines, heading_top(lines, i, doc), doc))):
            continue  # (a heading that ends with its number stands out from its first line, where it wraps)
        if i + 1 < len(lines) and is_numbered_row(lines[i + 1], doc):
            continue  # a table's group row
        m = pattern.match(text) or NUMBER_AFTER.match(text)
        if not m:
            continue
        after = m.re is NUMBER_AFTER
        prefix, form = number_form(m.group("number"))
        style = (round(line.size * 2) / 2, line.bold)
        key = (m.group("word") or "", form, AFTER if after else separator(m.group("sep")), style)
        shape = found.setdefault(key, _Shape(*key, [], printed_sep=AFTER if after else m.group("sep") or ""))
        shape.noted = shape.noted or (not after and bool(m.group("note")))
        shape.lettered = shape.lettered or (not after and bool(m.group("letter")))
        shape.asides.append("" if after else collapse(m.group("aside") or ""))
        shape.members.append((i, printed_value(m.group("number"), prefix)))
        shape.prefixes.append(prefix)
        shape.keys.append(sequence_key(m.group("number") + ("" if after else m.group("letter") or "")))
    return [read_roman_levels(read_letters(s)) for s in found.values()]


def read_letters(shape: _Shape) -> _Shape:
    """A shape numbered by letters alone, read as roman numerals where they count so («I, II, III, IV»
    go up by one as roman numerals more often than as places in the alphabet; «A, B, C» and «C, D» are
    letters): its numbers become the numerals' values and its form roman."""
    if shape.form != LETTER:
        return shape
    printed = [key[0] for key in shape.keys]
    roman = [roman_value(p) for p in printed]
    if None in roman or steps_of_one(roman) <= steps_of_one([area_number(p) for p in printed]):
        return shape
    values = [v for v in roman if v is not None]
    members = [(i, v) for (i, _), v in zip(shape.members, values)]
    return replace(shape, form=ROMAN_FORM, members=members, keys=[(v,) for v in values])


def read_roman_levels(shape: _Shape) -> _Shape:
    """A shape whose numbers' first level is letters before a separator («II.3», «B.2»), read as roman
    numerals where those letters count so (:func:`segment.counts_in_roman`: «I.1, I.2, II.1» go up by one as
    numerals): its form's first level becomes roman, so its pattern reads «III.1» too, and its keys order
    «IX.1» after «V.1»."""
    if not (shape.form.startswith("A") and shape.keys and all(isinstance(k[0], str) for k in shape.keys)):
        return shape
    if not counts_in_roman([k[0] for k in shape.keys]):
        return shape
    keys = [(roman_value(k[0]), *k[1:]) for k in shape.keys]
    return replace(shape, form=ROMAN_LEVEL + shape.form[1:], keys=keys)


def labelled_blocks(doc, shape: _Shape, vocab: dict[str, Any]) -> int:
    """How many of the blocks this shape's lines head hold a line that starts with a field's label (the
    base vocabulary's words): what sets measures apart from numbered chapters, sections or recommendations."""
    phrase = regex.compile(vocab["phrase"])
    kinds = [regex.compile(p) for p in vocab["kinds"].values()]
    starts = [i for i, _ in shape.members]
    count = 0
    for start, end in zip(starts, [*starts[1:], len(doc.lines)]):
        keys = key_cells(doc, start + 1, end)
        for k in range(start + 1, end):
            found = label_at(after_bullet(doc.lines[k]), phrase, vocab["max_words"], k in keys)
            if found and any(kind.search(found[0]) for kind in kinds):
                count += 1
                break
    return count


SUBHEADING_WORDS = 2  # words more than a label's that a bold line alone naming a field may have


def key_cells(doc, start: int, end: int) -> set[int]:
    """The lines among ``doc.lines[start:end]`` that are rows of a key/value table (:func:`key_value_tables`):
    their leading cell is a key, in whatever weight it is set, as a label beside its value is."""
    return {row.start for table in key_value_tables(doc.lines, start, end) for row in table}


def label_at(line, phrase: regex.Pattern[str], max_words: int, key: bool = False) -> tuple[str, int] | None:
    """The label a line starts with, and where the colon that ends it does (0: none): a phrase before «:», else the
    line's leading cell where it is a key (``key``: the line is a row of a key/value table, :func:`key_cells`) or
    set in bold, else its leading bold words before plain ones, or a bold line of a few words alone («Ansvarlig
    dep. KD», «Gjennomføring 2023»: labels set apart by weight alone, in a grid or above their text)."""
    m = phrase.match(line.text)
    if m:
        label = collapse(m.group("label"))
        return (label, m.end()) if label and len(label.split(" ")) <= max_words else None
    inked = [w for w in line.words if any(c.isalnum() for c in w.text)]
    if not inked or not inked[0].text[:1].isupper():
        return None
    cell = leading_cell_end(line)  # a label cell beside its value's («Status | ✔ Gjennomført»)
    if cell < len(line.words) and cell <= max_words and (key or all(w.bold for w in line.words[:cell])):
        return collapse(" ".join(w.text for w in line.words[:cell])), 0
    lead = next((k for k, w in enumerate(inked) if not w.bold), len(inked))
    alone = lead == len(inked)  # a bold line of its own: a sub-heading over the field («Hva er gjort i 2023?»)
    if not 0 < lead <= (max_words + SUBHEADING_WORDS if alone else max_words):
        return None
    if lead == len(inked) and len(line.words) != len(inked):
        return None  # a bold line with marks of its own («…:», «–»): a heading, not a label
    return collapse(" ".join(w.text for w in inked[:lead])), 0


def _sizes(doc, shape: _Shape) -> list[float]:
    return [doc.lines[i].size for i, _ in shape.members]


def heading_rule(doc, shape: _Shape) -> dict[str, Any]:
    ratio = min(_sizes(doc, shape)) / doc.body_size
    rule: dict[str, Any] = {"pattern": shape.pattern(), "min_size_ratio": max(0.5, int((ratio - 0.03) * 100) / 100)}
    if all(doc.lines[i].bold for i, _ in shape.members):
        rule["bold"] = True
    return rule


def _label_words_bold(line, end: int) -> bool:
    pos, used = 0, []
    for i, w in enumerate(line.words):
        if i and w.space_before:
            pos += 1
        if pos >= end:
            break
        used.append(w)
        pos += len(w.text)
    inked = [w for w in used if any(c.isalnum() for c in w.text)]
    return bool(inked) and all(w.bold for w in inked)


@dataclass
class _Label:
    pattern: str
    example: str
    blocks: set[int]
    colon: bool = True  # ended by «:» (or a dash between spaces); else set apart by weight alone (then every label must be bold)
    dash: bool = False  # ended by a dash between spaces, «Status – Pågår»
    cell: bool = False  # the key of a key/value table wherever it stands: the cell's edge ends it as a colon would
    opens: bool = True  # the first line of every block it stands in, right under the heading
    over_values: bool = False  # a cell of a row of labels, its value in the row under it (:func:`label_rows`)
    own_line: bool = False  # a bold line of its own wherever it is printed: a sub-heading over its text («Hvem har ansvaret?»)
    inline: bool = False  # within a line wherever it is printed, after another label's field and a mark between them
    at: dict[int, int] = field(default_factory=dict)  # by block, the line it first stands on


def label_rows(doc, start: int, end: int, kinds: Sequence[regex.Pattern[str]]) -> dict[int, range]:
    """The label grids among ``doc.lines[start:end]``, each its row of labels (by line) and its row of values: a row
    of cells set in bold, one of them naming a field by the vocabulary's words, over a plain row of values aligned
    column by column («Ansvarlig | Status | Frist» over «KD | I rute | 2025», :func:`values_under`) that names
    none (a key/value table's next row starts with a key); the fields stage reads them so
    (:func:`pipeline.stages.fields.label_grids`)."""
    rows: dict[int, range] = {}
    k = start
    while k < end - 1:
        values = values_under(doc.lines, k, end) if doc.lines[k].bold else None
        if values is None or not names_field(doc.lines[k], kinds) or not plain_values(doc.lines[values.start], kinds):
            k += 1
            continue
        rows[k] = values
        k = values.stop
    return rows


def names_field(line, kinds: Sequence[regex.Pattern[str]]) -> bool:
    """Does a cell of the line name a field by the vocabulary's words?"""
    return any(kind.search(collapse(" ".join(w.text for w in cell))) for cell in cells_of(line) for kind in kinds)


def plain_values(line, kinds: Sequence[regex.Pattern[str]]) -> bool:
    """Is the line a row of values: plain, and no cell of it naming a field (a key/value table's next row starts with a key)?"""
    return not names_field(line, kinds) and not any(w.bold for w in line.words)


def label_phrases(doc, seg, vocab: dict[str, Any]) -> list[_Label]:
    """Line-initial phrases ending in «:» at a paragraph's start (or in bold), bold phrases without one, the
    keys of key/value tables (:func:`label_at`), and the cells of a row of labels over their values
    (:func:`label_rows`), by the blocks they occur in."""
    phrase = regex.compile(vocab["phrase"])
    kinds = [regex.compile(p) for p in vocab["kinds"].values()]
    found: dict[str, _Label] = {}
    for b, block in enumerate(seg.blocks):
        keys = key_cells(doc, block.start, block.end)
        grids = label_rows(doc, block.start, block.end, kinds)
        gridded = {k for head, values in grids.items() for k in (head, *values)}
        for head in grids:
            for words in cells_of(doc.lines[head]):
                label = collapse(" ".join(w.text for w in words))
                if len(label.split(" ")) > vocab["max_words"]:
                    continue
                seen = found.setdefault(words_pattern(label), _Label(words_pattern(label), label, set(), False, False, True, over_values=True))
                seen.blocks.add(b)
                seen.at.setdefault(b, head)
                seen.opens = seen.opens and head == block.start
        for k in range(block.start, block.end):
            if k in gridded:
                continue  # read by column above
            line = after_bullet(doc.lines[k])  # a label after a list's bullet as at a line's start
            at = label_at(line, phrase, vocab["max_words"], k in keys)
            if at is None:
                continue
            label, colon = at
            if colon and not (_label_words_bold(line, colon) or starts_paragraph(doc.lines, k, block.start, right_margin_above(doc.lines, k, doc))):
                continue
            key = words_pattern(label)
            dash = colon > 0 and line.text[colon - 1] in "–—"
            cell = not colon and k in keys
            own_line = not colon and not cell and collapse(line.text) == label
            seen = found.setdefault(key, _Label(key, label, set(), colon > 0, dash, cell, own_line=own_line))
            seen.blocks.add(b)
            seen.own_line = seen.own_line and own_line
            seen.at.setdefault(b, k)
            seen.cell = seen.cell and cell  # a key wherever it is printed
            seen.over_values = False  # and over its value only where every printing is
            seen.opens = seen.opens and k == block.start
            seen.inline = False
            for later in labels_later(line, colon, phrase, vocab["max_words"]) if colon else ():
                seen = found.setdefault(words_pattern(later), _Label(words_pattern(later), later, set(), opens=False, inline=True))
                seen.blocks.add(b)
                seen.at.setdefault(b, k)
                seen.cell = seen.over_values = seen.own_line = seen.opens = False
    return sorted(found.values(), key=lambda lb: (-len(lb.blocks), not lb.colon, lb.example))


def labels_later(line, colon: int, phrase: regex.Pattern[str], max_words: int) -> list[str]:
    """The labels later on a line that starts with one (``colon``: where that one ends), each after a mark set between
    fields (:func:`field_breaks`: «Ansvar: BFD · Status: Pågår · Frist: 2025»), a phrase ended by «:» set as the first
    is, in bold or not (the fields stage reads them so: :func:`pipeline.stages.fields.labels_within`)."""
    bold = _label_words_bold(line, colon)
    out = []
    for k in field_breaks(line.words):
        rest = replace(line, words=line.words[k:])
        m = phrase.match(rest.text)
        if len(words_text(line.words[:k])) < colon or m is None or not m.group(0).rstrip().endswith(":"):
            continue
        label = collapse(m.group("label"))
        if label and len(label.split(" ")) <= max_words and _label_words_bold(rest, m.end()) == bold:
            out.append(label)
    return out


def is_variant(a: str, b: str) -> bool:
    """Two printings of one label: «Ansvarlige departement» beside «Ansvarlig departement»."""
    first_a, first_b = a.split(" ")[0].lower(), b.split(" ")[0].lower()
    return first_a.startswith(first_b) or first_b.startswith(first_a)


def plan_name(raw: RawPdf, body_size: float, year: regex.Pattern[str], vocab: dict[str, Any]) -> tuple[str, str]:
    """The plan's name and where it was read: the title page's largest type, else the PDF's title."""
    first = [ln for ln in (raw.page_lines[0] if raw.page_lines else ()) if not year.search(ln.text)]
    if first:
        biggest = max(ln.size for ln in first)
        if biggest >= vocab["min_ratio"] * body_size:
            return join_lines(ln.text for ln in first if ln.size >= biggest - 0.5), "the title page's largest type"
    title = collapse(raw.metadata.get("Title", ""))
    for pattern in vocab["title"]:
        m = regex.search(pattern, title)
        if m:
            return collapse(m.group("plan")), "the PDF's title"
    return title, "the PDF's title"


def named_plan(raw: RawPdf) -> str:
    """The plan the title page names, read as inference reads it, where it is named with its period
    («… (2019–2022)»): what a known profile's plan is held against (a report of another plan is not
    given a profile because its words are alike; an excerpt's first heading is no plan)."""
    data = base_data()
    vocab = data["inference"]["plan"]
    year = regex.compile(data["profile"]["year"])
    body_size = body_size_of(line for lines in raw.page_lines for line in lines)
    plan = plan_name(raw, body_size, year, vocab)[0]
    return plan if regex.search(vocab["period"], plan) else ""


# --- inference ---------------------------------------------------------------------------


class _Draft:
    """The profile's TOML data as it is being inferred, with a comment per value."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.comments: dict[str, list[str]] = {}
        self.inferred: list[str] = []
        self.doubts: list[str] = []

    def note(self, path: str, *lines: str) -> None:
        self.comments.setdefault(path, []).extend(lines)

    def profile(self, source: str = "<inferred>") -> Profile:
        return parse_profile(copy.deepcopy(self.data), source=source)


def infer_profile(raw: RawPdf) -> Inference | None:
    """A profile inferred from the read PDF; None when no numbered headings head blocks with field labels."""
    data = base_data()
    vocab = data.pop("inference")
    draft = _Draft(copy.deepcopy(data))
    # headings run into their paragraphs («Tiltak 4.» bold, the title italic, the text going on) split from the text by any numbered line's pattern
    doc = split_run_in(assemble(raw, draft.profile()), [numbered_in(vocab["headings"])], group="number")
    tiltak = infer_headings(doc, draft, vocab["headings"], vocab["labels"], vocab["departments"])
    if tiltak is None:
        return infer_table_body(raw, doc, draft, vocab)
    headings = find_headings(doc, draft.profile())
    seg = segment(doc, draft.profile(), headings)
    if not seg.blocks:
        return None
    labelled = infer_labels(doc, seg, draft, vocab["labels"], status_words(vocab["status"]))
    with_text_columns(draft, vocab["table"])
    rows, summary = infer_table(doc, seg, headings, draft)
    if "ansvarlig_departement" not in labelled:
        infer_heading_departments(seg, tiltak, rows, draft, vocab["departments"]["name"])
    return _concluded(raw, doc, seg, rows, summary, draft, vocab, headings)


def _concluded(
    raw: RawPdf, doc, seg, rows: Sequence[OverviewRow], summary: Sequence[str], draft: _Draft, vocab: dict[str, Any], headings: Sequence[Heading]
) -> Inference:
    """What every inference ends with, the measures found: statuses, summary, footers, plan and year."""
    patterns = infer_statuses(doc, seg, rows, draft, vocab["status"], raw)
    numbers = draft.data["overview"]["summary"]
    number_words = numbers.pop("number_words", [])  # kept where the summary counts in words
    tens = (numbers.pop("tens", []), numbers.pop("tens_joined_by", ""))  # kept where it counts above the words
    if join_lines(summary) and patterns:
        infer_summary(summary, len(rows), patterns, draft, vocab["overview"], number_words, tens)
    if patterns and (NO_TOTAL in draft.doubts or not join_lines(summary)):
        counted_in_table(doc, headings, draft)
    infer_footers(doc, draft)
    infer_about(raw, doc.body_size, draft, vocab["plan"])
    text = render_toml(draft.data, draft.comments, preamble(raw, draft))
    profile = parse_profile(tomllib.loads(text), source=f"<inferred from {raw.source}>")
    return Inference(profile, text, tuple(draft.inferred), tuple(draft.doubts))


def infer_table_body(raw: RawPdf, doc, draft: _Draft, vocab: dict[str, Any]) -> Inference | None:
    """A profile for a report whose measures are the rows of one long table, when it has no
    numbered headings: its header row holds the base's four columns (and a column of the
    measure's text, if any, by the vocabulary's headers), and at least ``min_rows`` of its rows are
    numbered in sequence. None otherwise: a document with neither is no action-plan report."""
    table = vocab["table"]
    with_text_columns(draft, table)
    draft.data["body"] = {"kind": "table"}
    empty = Segmentation((), (), None)
    before = copy.deepcopy(draft)  # (a first column of focus areas is tried on the draft as it was before the table was looked for)
    rows, summary = infer_table(doc, empty, [], draft)
    grouped = None if measure_rows(rows, table["min_rows"]) else infer_group_column(doc, before, vocab)
    if grouped is not None:
        draft, rows, summary = grouped
    elif not measure_rows(rows, table["min_rows"]):
        per_area = copy.deepcopy(draft)  # the rows numbered per focus area («2.1»), the Nr. column read whole
        set_numbering(per_area, r"\d+\.\d+", vocab["headings"])
        rows, summary = infer_table(doc, empty, [], per_area)
        if not measure_rows(rows, table["min_rows"]) or not all(r.nummer for r in rows):
            return None
        draft = per_area
        draft.note("overview.number", "Numbered per focus area: the Nr. column prints «N.N»; its tiltak_nr is a row's place among the numbers.")
        draft.inferred.append("measures numbered per focus area")
    draft.note("body", f"Inferred: no numbered headings; the measures are the {len(rows)} rows of the table, one each.")
    draft.inferred.append(f"measures as {len(rows)} table rows")
    rows, summary = infer_table_groups(doc, rows, summary, draft, vocab["headings"])
    for kind in FIELD_KINDS:
        draft.note(f"fields.{kind}", "Not used: the measures' fields are the table's columns.")
    return _concluded(raw, doc, empty, rows, summary, draft, vocab, [])


def infer_table_groups(
    doc, rows: tuple[OverviewRow, ...], summary: list[str], draft: _Draft, headings: dict[str, Any]
) -> tuple[tuple[OverviewRow, ...], list[str]]:
    """A table body's group rows as its focus areas, where the base's pattern reads none (its rows name no
    focus area) and every row between the rows of measures is numbered alike, with a word, in sequence
    («Innsatsområde 1 – Styring og ansvar»): the table's rows read again by their pattern. Group rows that
    are not so stay sub-groups, and inference says it is unsure of them rather than invent focus areas."""
    groups = list(dict.fromkeys(r.undergruppe for r in rows if r.undergruppe))
    if not groups or any(r.innsatsomrade_nr is not None for r in rows):
        return rows, summary
    shape = group_shape(groups, headings)
    if shape is None:
        draft.doubts.append(
            f"the table's {len(groups)} group rows («{groups[0]}», …) are not numbered in sequence: read as sub-groups, not focus areas"
        )
        return rows, summary
    draft.data["overview"]["group"] = shape.pattern(r"[:.]" if shape.sep in ":." and shape.sep else None)
    draft.note("overview.group", f"Inferred: the table's {len(groups)} group rows {shape.example}, numbered in sequence, head its focus areas.")
    draft.inferred.append(f"focus areas {shape.example} as the table's group rows")
    return parse_overview(doc, draft.profile(), []).rows, summary


SPAN_SHARE = 0.5  # of a table's rows, at most those that print a cell in a column whose cells span rows


def infer_group_column(doc, draft: _Draft, vocab: dict[str, Any]) -> tuple[_Draft, tuple[OverviewRow, ...], list[str]] | None:
    """A table body whose header opens with a column before the number's, whatever its header, that holds the focus
    areas: each cell spans the rows of its area's measures, printed once at the top of the span, so the first row
    prints one and most rows none (``SPAN_SHARE``), and those printed are numbered alike in sequence, with a word or
    none («1. Stasjoner og holdeplasser», «2. …»: the header names what they are). Their shape is then the group
    pattern, read in that column's cells (loader.GROUP_COLUMN) rather than in group rows; the draft with it, the
    table's rows and its summary lines. None where the table is not so: without such a column the rows are no
    measures' (a column of the rows' own, full, is no focus areas')."""
    trial = copy.deepcopy(draft)
    # (optional: a column before the number's, never in another place, so no other order of the columns is tried for it)
    trial.data["overview"]["columns"] = [{"key": GROUP_COLUMN, "header": ANY_HEADER, "optional": True}, *trial.data["overview"]["columns"]]
    rows, summary = infer_table(doc, Segmentation((), (), None), [], trial)
    cells = [collapse(r.innsatsomrade_cell) for r in rows]
    filled = [c for c in cells if c]
    if not measure_rows(rows, vocab["table"]["min_rows"]) or not cells[0] or len(filled) > SPAN_SHARE * len(rows):
        return None
    shape = group_shape(filled, vocab["headings"], word=False)
    if shape is None:
        return None
    trial.data["overview"]["group"] = shape.pattern(r"[:.]" if shape.sep in ":." and shape.sep else None)
    trial.note(
        "overview.group",
        f"Inferred: the table's first column holds its {len(filled)} focus areas {shape.example}, numbered in sequence, "
        f"each cell printed once over the {len(rows)} rows it spans.",
    )
    trial.inferred.append(f"focus areas {shape.example} as a column spanning the table's rows")
    return trial, parse_overview(doc, trial.profile(), []).rows, summary


def group_shape(texts: Sequence[str], headings: dict[str, Any], word: bool = True) -> _Shape | None:
    """The one shape of a table's group rows, each numbered with a word before its number (``word``; or with none, a
    focus areas' column's cells, whose header names them), of one level or a letter, numbered in sequence, two at
    least; None where they are not all so."""
    pattern = numbered_in(headings)
    found: dict[tuple, _Shape] = {}
    for k, text in enumerate(texts):
        m = pattern.match(collapse(text))
        if not m or (word and not m.group("word")) or not m.group("title") or m.group("letter"):
            return None
        prefix, form = number_form(m.group("number"))
        key = (m.group("word"), form, separator(m.group("sep")))
        shape = found.setdefault(key, _Shape(*key, (0.0, False), [], printed_sep=m.group("sep") or ""))
        number = printed_value(m.group("number"), prefix)
        shape.members.append((k, number))
        shape.prefixes.append(prefix)
        shape.keys.append((number,))
    shape = next(iter(found.values()))
    ok = len(found) == 1 and shape.form in ("", LETTER) and len(shape.members) >= 2 and shape.in_sequence == len(shape.members)
    return shape if ok else None


def with_text_columns(draft: _Draft, table: dict[str, Any]) -> None:
    """The overview's columns and, optional, a column of the measures' text by the vocabulary's headers
    (a table body's, or a table beside the blocks that comments on each measure)."""
    overview = draft.data["overview"]
    overview["columns"] = list(overview["columns"]) + [{"key": key, "header": table[key], "optional": True} for key in TEXT_COLUMNS]


def measure_shapes(doc, shapes: Sequence[_Shape], vocab: dict[str, Any], labels: dict[str, Any]) -> list[_Shape]:
    """The numbered shapes that may head the measures, best first.

    A shape qualifies when its lines are numbered in sequence (two at least), each number can
    name its measure, and at least half of the blocks its lines head (and two) hold a field's
    label: numbered chapters, § sections and numbered recommendations have none, so they are
    never taken for measures. The shape whose blocks hold the most labels wins; then the one
    whose word is what measures are called (``names``), then the longer sequence.
    """
    names = {w.casefold() for w in vocab["names"]}
    candidates = [
        s for s in shapes if s.form != LETTER and s.in_sequence >= 2 and (len(set(s.prefixes)) <= 1 or s.numbered_once or s.per_area)
    ]
    evidence = {id(s): labelled_blocks(doc, s, labels) for s in candidates}
    fielded = [s for s in candidates if evidence[id(s)] >= max(labels["min_blocks"], FIELD_SHARE * s.in_sequence)]
    return sorted(
        fielded, key=lambda s: (-evidence[id(s)], s.word.casefold() not in names, -s.in_sequence, -len(s.members), s.word, s.form, s.sep, s.style)
    )


def part_pattern(tiltak: _Shape, part: str) -> str:
    """The heading pattern of a measure's part (``part``: the vocabulary's, its number before the title); where the
    measures' number ends their heading in parentheses, the part's letter ends it there too («Title (tiltak 9 a)»)."""
    if tiltak.sep != AFTER:
        return part
    return rf"^(?P<title>\S.*?)\s*\(\s*{regex.escape(tiltak.word)}\s+{tiltak.prefix}(?P<nr>\d+)\s*(?P<part>[a-z])\s*\)$"


def infer_headings(doc, draft: _Draft, vocab: dict[str, Any], labels: dict[str, Any], departments: dict[str, Any] | None = None) -> _Shape | None:
    """The measures' heading pattern (and the focus areas', if any: numbered, or the ministries' names by
    ``departments``, the base vocabulary's), and the shape it is read from; None when there is none."""
    shapes = heading_shapes(doc, vocab)
    measures = measure_shapes(doc, shapes, vocab, labels)
    if not measures:
        return None
    tiltak = measures[0]
    ranked = sorted(shapes, key=lambda s: (-s.in_sequence, -len(s.members), s.word, s.form, s.sep, s.style))
    draft.data["headings"]["tiltak"] = heading_rule(doc, tiltak)
    word = regex.escape(tiltak.word) + r"\s+" if tiltak.word else ""
    draft.data["headings"]["del"]["pattern"] = part_pattern(tiltak, vocab["part"].replace("{word}", word + tiltak.prefix))  # «Tiltak 2.8 a)»
    draft.note(
        "headings.tiltak",
        f"Inferred: {len(tiltak.members)} numbered lines {tiltak.example} stand out from the body text,",
        f"{tiltak.in_sequence} of them numbered in sequence (first on page {doc.lines[tiltak.members[0][0]].page}).",
    )
    draft.inferred.append(f"headings {tiltak.example}")
    if tiltak.per_area:
        infer_numbering(tiltak, draft, vocab)
    elif tiltak.prefix:  # «T-8», «Tiltak 2.8»: the table's Nr. column may print the prefix too
        draft.data["overview"]["number"] = rf"^(?:{tiltak.prefix})?(?P<nr>\d+)$"
    elif tiltak.lettered:  # «4a.» beside «5.»: the table's Nr. column prints «4a» too
        draft.data["overview"]["number"] = r"^\d+\p{Ll}?$"
        draft.note("overview.number", "A letter after some numbers («4a», «4b» beside «5»): every number is kept as printed, its tiltak_nr is its place.")
        draft.inferred.append("measures numbered with letters after the number")
    elif tiltak.form == ROMAN_FORM:  # «Tiltak IV»: the table's Nr. column prints «IV» too
        draft.data["overview"]["number"] = rf"^(?P<nr>{ROMAN})$"
        draft.note("overview.number", "Numbered in roman numerals: a measure's tiltak_nr is the numeral's value (IV is 4).")
        draft.inferred.append("measures numbered in roman numerals")
    size = sum(_sizes(doc, tiltak)) / len(tiltak.members)
    areas = [
        s
        for s in ranked
        if (s.word, s.form, s.sep) != (tiltak.word, tiltak.form, tiltak.sep)
        and s.form in ("", LETTER, ROMAN_FORM)  # «Del II –» over «II.3»
        and sum(_sizes(doc, s)) / len(s.members) >= size - 0.1
        and s.in_sequence == len(s.members)
        and (s.word or heads_groups(s, tiltak) or numbers_first_levels(s, tiltak))
    ]
    ministry = departments["name"] if departments else ""
    groups = ministry_groups(doc, tiltak, ministry) if not areas and ministry else []
    if groups:
        infer_ministry_areas(doc, groups, ministry, draft)
        return tiltak
    if not areas:
        header = header_area_shape(doc, vocab)
        if header is not None:  # named only in the running header, a new page per area
            pattern = header.pattern(r"[:.]" if header.sep in ":." and header.sep else None)
            draft.data["headings"]["innsatsomrade"]["pattern"] = pattern
            draft.data["overview"]["group"] = pattern
            draft.note("headings.innsatsomrade", f"Inferred: the running header names {len(header.members)} focus areas {header.example}, one from each page where it changes.")
            draft.inferred.append(f"focus areas {header.example} in the running header")
            return tiltak
        draft.note("headings.innsatsomrade", "Not found in the document: the base profile's pattern.")
        draft.doubts.append("no focus-area headings found")
        return tiltak
    area = max(areas, key=lambda s: (sum(_sizes(doc, s)) / len(s.members), len(s.members)))
    pattern = area.pattern(r"[:.]" if area.sep in ":." and area.sep else None)  # «Innsatsområde 3.» beside «Innsatsområde 2:»
    draft.data["headings"]["innsatsomrade"] = {**heading_rule(doc, area), "pattern": pattern}
    draft.data["overview"]["group"] = pattern
    draft.note(
        "headings.innsatsomrade", f"Inferred: {len(area.members)} numbered lines {area.example} stand out at least as much as the measures' headings."
    )
    draft.inferred.append(f"focus areas {area.example}")
    if not area.word and not heads_groups(area, tiltak):
        draft.note(
            "headings.innsatsomrade",
            "Numbered chapters: each measure stands under the chapter of its number's first level; a chapter before the",
            "first measure's that holds none (the introduction) is the report's own, not a focus area (segment.is_opening_chapter).",
        )
    return tiltak


def ministry_groups(doc, tiltak: _Shape, name: str) -> list[int]:
    """The lines that head the measures grouped under their ministries: set apart at the left margin, at least as
    large as the measures' headings, each naming a ministry alone (``name``, the base vocabulary's), the first before
    the first measure and measures between each and the next (:func:`heads_groups_at`), two at least; [] where none do."""
    ministry = regex.compile(rf"(?:{name})")
    size = sum(_sizes(doc, tiltak)) / len(tiltak.members)
    found = [
        i
        for i, line in enumerate(doc.lines)
        if abs(doc.aligned_x0(line) - doc.left_margin) <= MARGIN_TOLERANCE * doc.body_size
        and line.size >= size - 0.1
        and styled_apart(line, doc)
        and ministry.fullmatch(collapse(line.text))
    ]
    return found if heads_groups_at(found, [i for i, _ in tiltak.members]) else []


def infer_ministry_areas(doc, groups: Sequence[int], name: str, draft: _Draft) -> None:
    """The focus areas as the ministries' headings (:func:`ministry_groups`): numbered by their place, each naming the
    department of the measures under it whose block prints none (``names_department``)."""
    lines = [doc.lines[i] for i in groups]
    rule: dict[str, Any] = {
        "pattern": rf"^(?P<title>{name})$",
        "min_size_ratio": max(0.5, int((min(ln.size for ln in lines) / doc.body_size - 0.03) * 100) / 100),
        "names_department": True,
    }
    if all(ln.bold for ln in lines):
        rule["bold"] = True
    draft.data["headings"]["innsatsomrade"] = rule
    draft.note(
        "headings.innsatsomrade",
        f"Inferred: {len(groups)} headings name a ministry alone («{collapse(lines[0].text)}», …) over the measures it is",
        "responsible for: the focus areas, numbered by their place; each names the department of a measure whose block prints none.",
    )
    draft.inferred.append(f"focus areas as {len(groups)} ministries' headings")


def header_area_shape(doc, headings: dict[str, Any]) -> _Shape | None:
    """The focus areas' shape where only the running header names them: a part of it (from a word on)
    numbered with a word («Innsatsområde 2: Identifisering og bistand») whose number changes from page
    to page in sequence, two areas at least (segment.header_areas reads them so)."""
    found: dict[tuple, _Shape] = {}
    seen: set[tuple[tuple, int]] = set()
    pattern = numbered_in(headings)
    for dropped in doc.dropped:
        if dropped.reason != RUNNING_REASON:
            continue
        text = collapse(dropped.text)
        for k in word_starts(text):
            m = pattern.match(text[k:])
            if not m or not m.group("word") or not m.group("title") or m.group("letter"):
                continue
            prefix, form = number_form(m.group("number"))
            if form not in ("", LETTER):
                continue
            key = (m.group("word"), form, separator(m.group("sep")))
            shape = found.setdefault(key, _Shape(*key, (0.0, False), [], printed_sep=m.group("sep") or ""))
            number = printed_value(m.group("number"), prefix)
            if (key, number) not in seen:  # an area is named on every page it fills: once
                seen.add((key, number))
                shape.members.append((dropped.page, number))
                shape.prefixes.append(prefix)
                shape.keys.append((number,))
            break
    areas = [s for s in found.values() if len(s.members) >= 2 and s.in_sequence == len(s.members)]
    return max(areas, key=lambda s: len(s.members)) if areas else None


def heads_groups(area: _Shape, tiltak: _Shape) -> bool:
    """Whether a shape's lines head groups of measures: the first before the first measure's heading,
    and measures between each and the next (a numbered heading with no word, «2. Læring og mestring»,
    is a focus area only so; a numbered list between two measures is not)."""
    return heads_groups_at([i for i, _ in area.members], [i for i, _ in tiltak.members])


def heads_groups_at(starts: Sequence[int], measures: Sequence[int]) -> bool:
    """Whether the lines at ``starts`` head groups of the measures' headings at ``measures`` (line indices): two at
    least, the first before the first measure's, and measures between each and the next."""
    if len(starts) < 2 or not measures or starts[0] > measures[0]:
        return False
    return all(any(a < m < b for m in measures) for a, b in zip(starts, [*starts[1:], measures[-1] + 1]))


def numbers_first_levels(area: _Shape, tiltak: _Shape) -> bool:
    """Whether a shape's lines head the measures numbered per focus area under them by their number: each
    measure («Tiltak 2.3») under the line whose number is its number's first level («2 Trygge barn …»), two
    such lines at least. A numbered chapter heading with no word is a focus area so; a chapter that holds no
    measure («1 Innledning», with the summary) is the report's own, and segment reads it so."""
    if not tiltak.per_area:
        return False
    starts = [i for i, _ in area.members]
    heading = []  # for each measure, the number of the area's line above it
    for line, _ in tiltak.members:
        above = [k for k, start in enumerate(starts) if start < line]
        if not above:
            return False
        heading.append(area.keys[above[-1]][0])
    return len(set(heading)) >= 2 and all(key[0] == head for key, head in zip(tiltak.keys, heading))


def measure_rows(rows: Sequence[OverviewRow], min_rows: int) -> bool:
    """Rows enough, numbered in sequence and with a status, to be a report's measures."""
    return len(rows) >= min_rows and in_sequence([r.tiltak_nr for r in rows]) >= min_rows and any(r.status for r in rows)


def set_numbering(draft: _Draft, number: str, vocab: dict[str, Any], word: str = r"\p{Lu}[\p{L}-]+\s+") -> None:
    """Measures named by a number of several levels (``number``, a pattern: «\\d+\\.\\d+»): their
    parts' headings («Tiltak 2.1 a)»), the table's Nr. column and the references to them read it whole."""
    draft.data["headings"]["del"]["pattern"] = vocab["part"].replace("{word}", word).replace(r"(?P<nr>\d+)", rf"(?P<nr>{number})")
    draft.data["overview"]["number"] = rf"^{number}$"
    refs = draft.data["references"]
    refs["mention"] = refs["mention"].replace(r"\d+", number)
    refs["number"] = refs["number"].replace(r"(?P<nr>\d+)", rf"(?P<nr>{number})")


def infer_numbering(tiltak: _Shape, draft: _Draft, vocab: dict[str, Any]) -> None:
    """Measures numbered per focus area («Tiltak 2.1»): the whole number names a measure, in its
    heading, its part's heading («Tiltak 2.1 a)»), the table's Nr. column and the references to it."""
    set_numbering(draft, multi_level(tiltak.form), vocab, regex.escape(tiltak.word) + r"\s+" if tiltak.word else "")
    draft.note(
        "headings.del",
        f"Numbered per focus area: {tiltak.example} restarts its last level in each focus area, so a measure is named by its",
        "whole number (here, in the table's Nr. column and in references); its tiltak_nr is its place among the report's numbers.",
    )
    draft.inferred.append("measures numbered per focus area")


def infer_labels(doc, seg, draft: _Draft, vocab: dict[str, Any], statuses: Sequence[regex.Pattern[str]] = ()) -> set[str]:
    """Each field's labels: recurring line-initial phrases (and variants of them), named by the vocabulary (the
    status's, where no word names it, by its values: ``statuses``, the base vocabulary's, :func:`status_words`); the
    fields whose labels were read."""
    n_blocks = len(seg.blocks)
    min_blocks = min(vocab["min_blocks"], n_blocks)
    kinds = {k: regex.compile(p) for k, p in vocab["kinds"].items()}
    by_kind: dict[str, list[_Label]] = {k: [] for k in FIELD_KINDS}
    phrases = label_phrases(doc, seg, vocab)
    described = description_labels(phrases, list(kinds.values()), min_blocks, n_blocks, regex.compile(vocab[DESCRIPTION]))
    named = [next((k for k in FIELD_KINDS if kinds[k].search(lb.example)), None) for lb in phrases]
    reported = any(kind == "sluttrapport" and len(lb.blocks) >= min_blocks for lb, kind in zip(phrases, named))
    unnamed = [lb for lb, kind in zip(phrases, named) if kind is None and not any(lb is d for d in described)]
    placed = None if reported else report_by_place(doc, seg, unnamed, phrases, min_blocks)
    named = [kind or (None if lb is placed else asked_about(lb, kinds)) for lb, kind in zip(phrases, named)]
    unnamed = [lb for lb, kind in zip(phrases, named) if kind is None and lb is not placed and not any(lb is d for d in described)]
    stated = any(kind == "status" and len(lb.blocks) >= min_blocks for lb, kind in zip(phrases, named))
    valued = None if stated else status_by_value(doc, seg, unnamed, phrases, min_blocks, statuses)
    for label, named_kind in zip(phrases, named):  # recurring phrases first (they are sorted so)
        kind = "sluttrapport" if label is placed else "status" if label is valued else named_kind
        if len(label.blocks) < min_blocks and not (kind and any(is_variant(label.example, lb.example) for lb in by_kind[kind])):
            continue  # once only, and no variant of a recurring label of its field
        if any(label is lb for lb in described):
            continue
        if kind is None and label.cell:
            draft.note("fields", f"A key that names no field (its row is read into none): «{label.example}» in {len(label.blocks)} blocks.")
            continue
        if kind is None and label.inline:
            draft.note(
                "fields",
                f"A label within a line that names no field (it ends the field before it, its text read into none): «{label.example}:»"
                f" in {len(label.blocks)} blocks.",
            )
            continue
        if kind is None:
            draft.note("fields", f"A recurring phrase that names no field (kept as text): «{label.example}:» in {len(label.blocks)} blocks.")
            continue
        by_kind[kind].append(label)
    for kind, labels in by_kind.items():
        path = f"fields.{kind}"
        labels = [lb for lb in labels if lb.colon or lb.cell] or labels  # a label ended by «:» (or a cell's edge) where the field has one
        if not labels and kind == "ansvarlig_departement" and draft.data["headings"]["innsatsomrade"].get("names_department"):
            draft.note(path, "Not found in the document (the base profile's label): the focus areas' headings name each measure's ministry.")
            continue
        if not labels:
            draft.note(path, "Not found in the document: the base profile's label.")
            draft.doubts.append(f"no {kind} label found")
            continue
        draft.data["fields"][kind] = {"label": label_pattern(labels, vocab["qualifier"])}
        printed = [f"«{lb.example}{' –' if lb.dash else ':' if lb.colon else ' |' if lb.cell else ''}»" for lb in labels]
        draft.note(path, "Inferred: " + ", ".join(f"{p} in {len(lb.blocks)} of {n_blocks} blocks" for p, lb in zip(printed, labels)) + ".")
        draft.inferred.append(f"{kind} label " + " / ".join(printed))
        if labels[0] is placed:
            draft.note(path, "Named by its place: no label the vocabulary knows; the last label of every block it stands in, over the longest text.")
        elif labels[0] is valued:
            draft.note(path, "Named by its text: no label the vocabulary knows; over a status value the base vocabulary knows in every block it stands in.")
        elif labels[0].own_line and not kinds[kind].search(labels[0].example):
            draft.note(path, "Named by a word within it: a sub-heading of its own line over its text, the vocabulary's word not its first.")
        if labels[0].inline:
            draft.note(path, "Printed within a line, after another label's field and a mark between the two («Ansvar: BFD · Status: Pågår»).")
        if labels[0].over_values:
            draft.note(path, "A cell of a row of labels, its value in the row under it, column by column: the cell's edge ends it as the colon would.")
        elif labels[0].cell:
            draft.note(path, "A key of a key/value table, its value in the cell beside it: the cell's edge ends it as the colon would.")
        elif not labels[0].colon:
            draft.note(path, "No colon ends it: set apart by weight (labels_bold, where every field's label is so).")
    if described:
        infer_description_label(described, draft, vocab, n_blocks)
    chosen = [lbs for lbs in by_kind.values() if lbs]
    if chosen and all(not any(lb.colon or lb.cell for lb in lbs) for lbs in chosen):
        draft.data["profile"]["labels_bold"] = True  # no label ends with «:»: a label is one only in bold
    return {kind for kind, lbs in by_kind.items() if lbs}


def asked_about(label: _Label, kinds: dict[str, regex.Pattern[str]]) -> str | None:
    """The field a sub-heading of its own line over its text names by a word of the vocabulary within it, not its
    first (a question: «Hvem har ansvaret?»): a label beside its value names its field first; a heading over its
    text may ask about it."""
    words = label.example.split(" ")
    if not label.own_line:
        return None
    return next((k for i in range(1, len(words)) for k in FIELD_KINDS if kinds[k].search(" ".join(words[i:]))), None)


def status_words(vocab: dict[str, Any]) -> list[regex.Pattern[str]]:
    """The base vocabulary's statuses as the patterns that find them in a text (:func:`stem_pattern`)."""
    return [regex.compile("(?i)" + stem_pattern(name, vocab["endings"], vocab["min_stem"])) for name in vocab["vocabulary"]]


def status_by_value(
    doc, seg, unnamed: Sequence[_Label], phrases: Sequence[_Label], min_blocks: int, statuses: Sequence[regex.Pattern[str]]
) -> _Label | None:
    """The status's label where no word the vocabulary knows names it («Hvor langt har arbeidet kommet?»): the one
    recurring phrase that names no field, printed as a label (:func:`printed_as_label`), in half the blocks at
    least, whose text in every block it stands in is a status value the base vocabulary knows («Pågår»): a
    value of a few words, not a sentence, as no other field's text is."""
    recurring = [lb for lb in phrases if len(lb.blocks) >= min_blocks]
    named = [lb for lb in recurring if not any(lb is u for u in unnamed)]
    widespread = [lb for lb in unnamed if printed_as_label(lb, named) and len(lb.blocks) >= FIELD_SHARE * len(seg.blocks)]
    found = [
        lb for lb in widespread if all(is_status_value(text_under(doc, seg.blocks[b], lb, recurring, b), statuses) for b in lb.blocks)
    ]
    return found[0] if len(found) == 1 else None


def text_under(doc, block, label: _Label, recurring: Sequence[_Label], b: int) -> str:
    """The text of ``label`` in the block (``b``: its index): after it, to the next recurring label or the block's end."""
    start = label.at[b]
    end = min([lb.at[b] for lb in recurring if b in lb.at and lb.at[b] > start], default=block.end)
    text = collapse(" ".join([after_bullet(doc.lines[start]).text, *(doc.lines[k].text for k in range(start + 1, end))]))
    printed = regex.match(label.pattern + r"\s*:?", text)
    return collapse(text[printed.end() :]) if printed else ""


def is_status_value(text: str, statuses: Sequence[regex.Pattern[str]]) -> bool:
    """Is the text a status printed as a value («Pågår», «Ikke startet»): a few words, no sentence, that a status names?"""
    return 0 < len(text.split(" ")) <= VALUE_WORDS and not text.endswith(".") and any(s.search(text) for s in statuses)


def report_by_place(doc, seg, unnamed: Sequence[_Label], phrases: Sequence[_Label], min_blocks: int) -> _Label | None:
    """The report's label where no phrase the vocabulary knows names it («Dette er gjort:»): the one recurring
    phrase that names no field, printed as a label (:func:`printed_as_label`), and stands, in half the blocks at
    least, last of the block's recurring labels, over a text longer than any of theirs (a report runs longest; a
    «Frist: 2025» after it does not)."""
    recurring = [lb for lb in phrases if len(lb.blocks) >= min_blocks]
    named = [lb for lb in recurring if not any(lb is u for u in unnamed)]
    widespread = [lb for lb in unnamed if printed_as_label(lb, named) and len(lb.blocks) >= FIELD_SHARE * len(seg.blocks)]
    found = [lb for lb in widespread if all(last_and_longest(doc, seg.blocks[b], lb, recurring, b) for b in lb.blocks)]
    return found[0] if len(found) == 1 else None


def printed_as_label(label: _Label, named: Sequence[_Label]) -> bool:
    """Is a phrase that names no field printed as a label: ended by «:», or, where every label naming a field is
    set apart by weight alone (a bold «Ansvarlig» in a card's label column), set apart so too. A key of a
    key/value table names no field by its place alone («Frist | 2025»), nor a label within a line by its place or its
    text (its text is the rest of its line, after another field's)."""
    if label.cell or label.inline:
        return False
    return label.colon or (bool(named) and not any(lb.colon or lb.cell for lb in named))


def last_and_longest(doc, block, label: _Label, recurring: Sequence[_Label], b: int) -> bool:
    """Does ``label`` stand last of the recurring labels in the block (``b``: its index), its text (to the block's
    end) longer than each of theirs (to the next label)?"""
    starts = sorted({lb.at[b] for lb in recurring if b in lb.at} | {label.at[b]})
    if starts[-1] != label.at[b] or len(starts) < 2:
        return False
    ends = [*starts[1:], block.end]
    lengths = [sum(len(doc.lines[k].text) for k in range(start, end)) for start, end in zip(starts, ends)]
    return all(lengths[-1] > n for n in lengths[:-1])


def description_labels(
    phrases: Sequence[_Label], kinds: Sequence[regex.Pattern[str]], min_blocks: int, n_blocks: int, names: regex.Pattern[str] | None = None
) -> list[_Label]:
    """The description's label among the recurring phrases: one the vocabulary names the description's (``names``:
    «Beskrivelse», a key of a form's key/value table too, which by its place alone names no field), in at least
    half the blocks; else one that names no field and is the first line of every block it stands in, right under
    the heading («Mål:», «Beskrivelse» in a column of labels beside the text), in at least half the blocks, printed
    alike (its variants). The text before a block's first label is its description; so is the text under such a
    label, which is no part of it. Phrases that open the blocks but differ from block to block («Gjennomført»,
    «Pågår»: a status set alone under the heading) are values, not a label."""
    named = [lb for lb in phrases if names is not None and names.search(lb.example) and len(lb.blocks) >= max(min_blocks, FIELD_SHARE * n_blocks)]
    if named:
        return named
    opening = [
        lb for lb in phrases if lb.opens and not lb.cell and len(lb.blocks) >= min_blocks and not any(kind.search(lb.example) for kind in kinds)
    ]
    if not opening or not all(is_variant(lb.example, opening[0].example) for lb in opening):
        return []
    return opening if len(set().union(*(lb.blocks for lb in opening))) >= FIELD_SHARE * n_blocks else []


def label_pattern(labels: Sequence[_Label], qualifier: str) -> str:
    """One field's label pattern: its printings as alternatives, ended as the first is printed (by «:», a dash
    between spaces, a key cell's edge, or, set apart by weight alone, by nothing)."""
    ended = labels[0].colon or labels[0].cell  # a key's pattern ends in «:» too: fields read a key cell's edge as one
    end = r"\s*:" if ended and not any(lb.dash for lb in labels) else r"\s*(?::|(?<=\s)[–—](?=\s))" if ended else r"(?:\s*:|(?=\s|$))"
    return rf"^(?P<label>{'|'.join(lb.pattern for lb in labels)}){qualifier}{end}"


def infer_description_label(labels: Sequence[_Label], draft: _Draft, vocab: dict[str, Any], n_blocks: int) -> None:
    """The description's label (:func:`description_labels`) in the profile, with a note of where it was read."""
    draft.data["fields"][DESCRIPTION] = {"label": label_pattern(labels, vocab["qualifier"])}
    printed = [f"«{lb.example}{':' if lb.colon else ' |' if lb.cell else ''}»" for lb in labels]
    draft.note(
        f"fields.{DESCRIPTION}",
        "Inferred: " + ", ".join(f"{p} in {len(lb.blocks)} of {n_blocks} blocks" for p, lb in zip(printed, labels)) + ",",
        "the first line under each heading, naming no field: the description's label, its text the description."
        if all(lb.opens and not lb.cell for lb in labels)
        else "named the description's by the vocabulary (a key of a key/value table too): its text is the description.",
    )
    draft.inferred.append("description label " + " / ".join(printed))


def infer_heading_departments(seg, tiltak: _Shape, rows: Sequence[OverviewRow], draft: _Draft, ministry: str) -> None:
    """Where no block prints a department label, the measures' headings' asides as their departments
    («Tiltak 4 (DFD): …»), if they name them (:func:`names_departments`): the heading pattern captures the aside
    (group department), and the label not found is no doubt."""
    aside_at = dict(zip((i for i, _ in tiltak.members), tiltak.asides))
    asides = [aside_at.get(b.heading.first_line, "") for b in seg.blocks]
    cells = {r.tiltak_nr: r.ansvarlig_departement for r in rows}
    if not names_departments(asides, [cells.get(b.tiltak_nr) for b in seg.blocks], regex.compile(rf"(?:{ministry})")):
        return
    draft.data["headings"]["tiltak"]["pattern"] = tiltak.pattern(department=True)
    evidence = "the table's department column names row by row" if rows else "each names as a ministry"
    draft.note("headings.tiltak", f"Each heading names its measure's department in parentheses after its number («{asides[0]}»), as {evidence}.")
    draft.comments["fields.ansvarlig_departement"] = ["Not found in the document (the base profile's label): each measure's heading names its department."]
    draft.doubts.remove("no ansvarlig_departement label found")
    draft.inferred.append("departments in the headings' parentheses")


def names_departments(asides: Sequence[str], cells: Sequence[str | None], ministry: regex.Pattern[str]) -> bool:
    """Whether the asides of the measures' headings, one per measure, are their responsible departments: every heading
    carries one, two at least, and each is what the overview's department column prints in the measure's row («DFD»), or a
    ministry's name (``ministry``, the base vocabulary's) where the table has no such cell. An aside that is a note, a
    date or a reference («(videreført)», «(2023)», «(jf. tiltak 3)») matches neither, so it stays no part of the fields."""
    if len(asides) < 2 or not all(asides):
        return False
    return all(collapse(cell or "").casefold() == aside.casefold() if collapse(cell or "") else bool(ministry.fullmatch(aside)) for aside, cell in zip(asides, cells))


def infer_table(doc, seg, headings, draft: _Draft) -> tuple[tuple[OverviewRow, ...], list[str]]:
    """The overview table's title and columns, from the header row the base vocabulary knows and
    the line set apart above it; its rows and the lines between title and header (the summary)."""
    profile = draft.profile()
    stop = table_end(doc, profile, headings, -1)  # before the body's first heading (one over a part of the table is its caption)
    header = find_header(doc, profile, 0, stop)
    by_content = header is None  # then a status column is looked for by its cells: percentages (:func:`progress_column`)
    if by_content:
        header = find_header(doc, status_by_content(draft), 0, stop)
    if header is None:
        draft.note("overview", "No overview table found: the base profile's title and columns.")
        draft.doubts.append("no overview table found")
        return (), []
    before = (copy.deepcopy(draft.data["overview"]), list(draft.inferred), copy.deepcopy(draft.comments))
    first, _, columns = header
    above = range(first - 1, max(-1, first - TITLE_LOOKBACK), -1)
    # set apart from the body text and from the lines around it (in a report that is mostly its table,
    # the body's size is the table's, and the prose above the table stands out from that as a whole)
    title_at = next(
        (
            j
            for j in above
            if styled_apart(doc.lines[j], doc)
            and (j == 0 or doc.lines[j - 1].page != doc.lines[j].page or not same_style(doc.lines[j], doc.lines[j - 1]))
            and not same_style(doc.lines[j], doc.lines[j + 1])
            and heading_kind(doc.lines[j], doc, profile, doc.lines, j) is None
        ),
        None,
    )
    if title_at is None:
        title_at = max(0, first - 1)
        draft.doubts.append("the table's title is not set apart: the line above its header taken")
    title = collapse(doc.lines[title_at].text)
    draft.data["overview"]["title"] = "^" + words_pattern(title) + "$"
    draft.data["overview"]["columns"] = [{"key": key, "header": "^" + words_pattern(text) + "$"} for _, text, key in columns if key]
    draft.note("overview", f"Inferred: the table «{title}» (page {doc.lines[title_at].page}), columns " + " | ".join(t for _, t, _ in columns) + ".")
    draft.inferred.append(f"table «{title}»")
    overview = parse_overview(doc, draft.profile(), headings)
    rows = overview.rows
    if by_content:
        status = next(text for _, text, key in columns if key == "status")
        if not progress_column(rows):  # no table of the measures' progress: a table is not made so
            draft.data["overview"], draft.inferred, draft.comments = before
            draft.note("overview", "No overview table found: the base profile's title and columns.")
            draft.doubts.append("no overview table found")
            return (), []
        draft.note("overview", f"The status column «{status}» is chosen by its cells, not its header: percentages, how far each measure has come.")
    between = [doc.lines[k].text for k in range(title_at + 1, first) if k not in overview.captions]
    return rows, between if regex.search(r"\d", join_lines(between)) else lines_before(doc.lines, title_at)


# A status column's header when the column is looked for by its cells: any header of words («Gjennomføringsgrad»).
ANY_HEADER = r"^\p{Lu}[\p{L}\s-]*$"
PROGRESS_ROWS = 2  # rows of percentages, every row's status cell one, that make a column the measures' progress


def status_by_content(draft: _Draft) -> Profile:
    """The draft's profile with a status column of any header: the column is then chosen by its cells (:func:`progress_column`)."""
    trial = copy.deepcopy(draft.data)
    trial["overview"]["columns"] = [{**c, "header": ANY_HEADER} if c["key"] == "status" else c for c in trial["overview"]["columns"]]
    return parse_profile(trial, source="<inferred>")


def progress_column(rows: Sequence[OverviewRow]) -> bool:
    """Whether the rows' status cells all give a percentage («70 %»): a column of how far each measure has come,
    read as the table's status column whatever its header (the statuses in words are then the blocks')."""
    return len(rows) >= PROGRESS_ROWS and all(is_percentage(r.status) for r in rows)


VALUE_WORDS = 3  # a status printed as a value («Delvis gjennomført»), not as a sentence, has at most these words
VALUE_SHARE = 0.8  # of the status lines, those that must be such values (and repeat) to be the vocabulary


def infer_statuses(doc, seg, rows: Sequence[OverviewRow], draft: _Draft, vocab: dict[str, Any], raw: RawPdf) -> dict[str, str]:
    """The status vocabulary: the table's Status column, else the base vocabulary's statuses the
    status sentences use; each value with the pattern that finds it in a sentence (marks named by a legend by
    the table, as ``raw`` prints it, by the legend's words)."""
    statuses = list(dict.fromkeys(collapse(r.status) for r in rows if collapse(r.status) and not is_percentage(r.status)))
    source = f"the table's Status column ({len(rows)} rows)"
    texts = [] if statuses else [collapse(t.status.text) for t in split_fields(doc, seg, draft.profile()) if t.status is not None]
    values = [v for v in texts if v and len(v.split()) <= VALUE_WORDS and not v.endswith(".")]
    if texts and len(values) >= VALUE_SHARE * len(texts) and len(set(values)) < len(values):
        statuses = list(dict.fromkeys(values))  # «Status: Pågående»: the values as printed, not sentences
        source = f"the status values of {len(texts)} blocks, as printed"
        draft.doubts.append("statuses from the blocks' status values, not from a table")
    if not statuses:
        used = Counter(
            name
            for name in vocab["vocabulary"]
            for text in texts
            if regex.search("(?i)" + stem_pattern(name, vocab["endings"], vocab["min_stem"]), text)
        )
        statuses = [name for name in vocab["vocabulary"] if used[name]]
        source = f"the base vocabulary, as {len(texts)} status sentences use it"
        draft.doubts.append("statuses from the status sentences, not from a table")
    if not statuses:
        draft.doubts.append("no status vocabulary found")
        return {}
    named = legend(lines_by_the_table(raw, rows), statuses)
    if named:  # «●», «◐», «○» in the table, named by the legend under it: the statuses are the legend's words
        statuses = [named[mark] for mark in statuses]
        source = f"the marks of the table's Status column ({len(rows)} rows) as the legend by it names them (" + ", ".join(f"{m} {w}" for m, w in named.items()) + ")"
    marks = {word: mark for mark, word in named.items()}
    patterns = {name: stem_pattern(name, vocab["endings"], vocab["min_stem"]) for name in statuses}
    order = {name.lower(): k for k, name in enumerate(vocab["vocabulary"])}
    shares = progress_of_statuses(statuses, vocab) if progress_column(rows) else {}
    draft.data["status"]["values"] = [
        {
            "name": name,
            "pattern": "(?i)" + patterns[name],
            **({"symbol": marks[name]} if name in marks else {}),
            **({"progress": shares[name]} if name in shares else {}),
        }
        for name in statuses
    ]
    draft.data["status"]["part_precedence"] = sorted(statuses, key=lambda name: (order.get(name.lower(), len(order)), statuses.index(name)))
    draft.note(
        "status", f"Inferred from {source}: " + ", ".join(statuses) + ".", "A status sentence is normalised to the value whose words it uses first."
    )
    draft.inferred.append(f"{len(statuses)} statuses ({', '.join(statuses)})")
    return patterns


def progress_of_statuses(statuses: Sequence[str], vocab: dict[str, Any]) -> dict[str, int]:
    """The share done each status stands for, where the base vocabulary says it is done (100) or not started (0):
    what a table of percentages is held against; a status it names in neither list stands for no share."""
    done = {name.casefold() for name in vocab["done"]}
    not_started = {name.casefold() for name in vocab["not_started"]}
    return {name: 100 if name.casefold() in done else 0 for name in statuses if name.casefold() in done | not_started}


def is_mark(cell: str) -> bool:
    """A status cell that prints a mark rather than a word («●», «◐», «✓»): one character, neither a letter nor a digit."""
    return len(cell) == 1 and not cell.isalnum() and not cell.isspace()


def lines_by_the_table(raw: RawPdf, rows: Sequence[OverviewRow]) -> list[str]:
    """The lines on the table's pages, where a legend to its marks stands, as printed (a mark opening a line is
    no list's bullet there), their cells apart (:func:`printed_cells`)."""
    pages = sorted({r.page for r in rows})
    return [printed_cells(line) for page in pages if 0 < page <= len(raw.page_lines) for line in raw.page_lines[page - 1]]


def printed_cells(line) -> str:
    """A line's text with its cells apart, «■ | Fullført | Tiltaket er gjennomført»: a cell's edge ends a mark's
    words as the next mark does."""
    return " | ".join(collapse(words_text(cell)) for cell in cells_of(line))


LEGEND_WORDS = r"\s*[|=:–-]?\s*(\p{L}[\p{L}\s-]*\p{L}|\p{L})"  # after a mark, the words that name it (to the next mark or cell)


def legend(lines: Sequence[str], marks: Sequence[str]) -> dict[str, str]:
    """What a legend names each of the table's status marks, however it is laid out: the first line that prints
    every mark followed by words («Tegnforklaring: ● Gjennomført ◐ Pågår ○ Ikke startet»), each mark's words up
    to the next mark, else lines one under another each opening with a mark and its words, a line a mark or a
    row of a table of mark | words (:func:`legend_rows`); {} where the cells are not all marks or nothing names
    each of them by words of its own."""
    if not marks or not all(is_mark(m) for m in marks):
        return {}
    for text in lines:
        named = {}
        for mark in marks:
            m = regex.search(regex.escape(mark) + LEGEND_WORDS, text)
            if m is None:
                break
            named[mark] = collapse(m.group(1))
        if len(named) == len(marks) and len(set(named.values())) == len(marks):
            return named
    return legend_rows(lines, marks)


def legend_rows(lines: Sequence[str], marks: Sequence[str]) -> dict[str, str]:
    """A legend of a mark a line: consecutive lines each opening with one of the marks and its words («■ | Fullført
    | Tiltaket er gjennomført», «▲ I rute»), naming every mark by words of its own; {} where no run of lines does
    (a table's row ends with its mark; one opening with a mark among prose is a list's bullet)."""
    run: dict[str, str] = {}
    for text in lines:
        opened = mark_and_words(text, marks)
        if opened is None or opened[0] in run:
            run = {}  # the legend ends where a line opens with no mark, or with one it named
        if opened is not None:
            run[opened[0]] = opened[1]
        if len(run) == len(marks) and len(set(run.values())) == len(marks):
            return run
    return {}


def mark_and_words(text: str, marks: Sequence[str]) -> tuple[str, str] | None:
    """The mark a line opens with and the words after it that name it («▲ | I rute | …» → ▲, I rute); None."""
    for mark in marks:
        m = regex.match(regex.escape(mark) + LEGEND_WORDS, text)
        if m:
            return mark, collapse(m.group(1))
    return None


def infer_summary(
    lines: Sequence[str],
    rows: int,
    patterns: dict[str, str],
    draft: _Draft,
    vocab: dict[str, Any],
    number_words: Sequence[str] = (),
    tens: tuple[Sequence[str], str] = ((), ""),
) -> None:
    """The summary sentence's total (the one that agrees with the table) and its count of each status, in digits, or
    in ``number_words`` where it prints none in digits («Av totalt ti tiltak er fire gjennomført»), and in ``tens``
    composed with their units where it prints such a number («tjueen av planens tjuefem tiltak»); where it prints no
    total, a list of counts (:func:`counted_list`) whose sum is the total."""
    text = join_lines(lines)
    summary = draft.data["overview"]["summary"]
    compounds = compound_numerals(number_words, *tens)
    if not compounds or not regex.search(rf"(?i)\b(?:{compounds})\b", text):
        tens = ((), "")  # a summary that counts in no number above its words keeps its words alone
    words = in_words(number_words, *tens)
    totals = [(p, regex.search(p, text)) for p in vocab["totals"]]
    if words and not any(m for _, m in totals):  # «Av totalt ti tiltak»: the total in words, where none is in digits
        totals = [(p, regex.search(p, text)) for p in (counted_in(total, words) for total in vocab["totals"])]
    counts = {name: count_pattern(vocab["count"], pattern, text, words) for name, pattern in patterns.items()}
    if words and any(words in p for p in [*(p for p, m in totals if m), *counts.values()]):
        summary["number_words"] = list(number_words)
        draft.note("overview.summary.number_words", "The summary counts in words: each value's words at its place.")
        if tens[0]:
            summary["tens"], summary["tens_joined_by"] = list(tens[0]), tens[1]
            draft.note("overview.summary.tens", "It counts above them too: a ten and a unit in one word («tjuefem», «femogtjue»).")
    value = draft.profile().count_value
    agreeing = [p for p, m in totals if m and value(m.group(1)) == rows]
    total = (agreeing or [p for p, m in totals if m] or [None])[0]
    if total is None:
        listed = counted_list(lines, counts)
        if listed is None:
            draft.doubts.append(NO_TOTAL)
            return
        above, found = listed
        summary["anchor"] = "^" + words_pattern(collapse(lines[above])) + "$"
        summary.pop("total")
        summary["counts"] = {name: counts[name] for name in found}
        draft.note(
            "overview.summary",
            f"Inferred from the list under «{collapse(lines[above])}»: a count of one status a line, no total printed:",
            "the total is the sum of the counts.",
        )
        draft.inferred.append(f"summary counts listed for {len(found)} statuses, their sum the total")
        if sum(found.values()) != rows:
            draft.doubts.append("the summary's counts do not add up to the table's rows")
        return
    summary["anchor"] = summary["total"] = total
    summary["counts"] = {name: p for name, p in counts.items() if regex.search(p, text)}
    unread = counts_unread(text, patterns, summary["counts"])
    if unread:
        draft.doubts.append(f"the summary prints a count of {', '.join(unread)} that is not read")
    draft.note(
        "overview.summary",
        f"Inferred from the sentence above the table: «{collapse(text)[:160]}»",
        f"counts read for {len(summary['counts'])} of {len(patterns)} statuses.",
    )
    draft.inferred.append(f"summary counts for {len(summary['counts'])} statuses")
    if not agreeing:
        draft.doubts.append("the summary's total differs from the table's rows")


NO_TOTAL = "no summary total found"


def counted_in_table(doc, headings: Sequence[Heading], draft: _Draft) -> None:
    """Where no sentence counts the measures, a table of counts under the overview's title may: a row per status and
    one adding them up («Status | Antall tiltak», «Pågår | 4», «Sum | 10»), which the overview stage reads as the
    summary by the statuses inferred (:func:`pipeline.stages.overview.counts_table`). Said in the profile's notes,
    and then no doubt."""
    overview = parse_overview(doc, draft.profile(), headings)
    if not overview.summary_table:
        return
    if NO_TOTAL in draft.doubts:
        draft.doubts.remove(NO_TOTAL)
    draft.note(
        "overview.summary",
        f"No sentence counts the measures; a table of counts does, a row per status: «{overview.summary_text}»,",
        "read as the summary by the statuses (its row adding them up the total; with none, the counts' sum).",
    )
    draft.inferred.append(f"summary as a table of counts for {len(overview.summary_counts)} statuses")


def count_pattern(shapes: Sequence[str], status: str, text: str, words: str = "") -> str:
    """A status's count pattern: the first of the vocabulary's shapes (``{status}`` the status's pattern) that reads a
    count of it in the summary, so that the profile keeps the shape the report prints («4 status grønn»), else the
    first; in ``words`` too (:func:`counted_as`: «fire gjennomført») where the summary counts in them."""
    filled = [shape.replace("{status}", status) for shape in shapes]
    if words:  # «fire gjennomført»: a status counted in words, where it is counted in no digits
        filled = [counted_as(p, words, text) for p in filled]
    return next((p for p in filled if regex.search(p, text)), filled[0])


def counts_unread(text: str, patterns: Mapping[str, str], read: Collection[str]) -> list[str]:
    """The statuses the summary prints a number for, a word or two before the status's word («4 status grønn»), whose
    count no pattern reads: a doubt to say, so that a count the sentence prints is never dropped in silence (a year,
    «2023 ble gjennomført», is no count)."""
    return [name for name, p in patterns.items() if name not in read and regex.search(rf"(?i)\b\d{{1,3}}\s+(?:\p{{L}}+\s+){{0,2}}?(?:{p})", text)]


def in_words(number_words: Sequence[str], tens: Sequence[str] = (), joined_by: str = "") -> str:
    """The profile's number words (``[overview.summary] number_words``) as the alternative to a count's digits, each a word
    of its own, and the numbers its ``tens`` compose with their units (:func:`compound_numerals`): "" where it has none."""
    alternatives = sorted((w for words in number_words for w in words.split("|")), key=len, reverse=True)
    compounds = compound_numerals(number_words, tens, joined_by)
    return r"\b(?:" + "|".join([*([compounds] if compounds else []), *alternatives]) + r")\b" if alternatives else ""


def counted_in(pattern: str, words: str, named: bool = False) -> str:
    """A summary's pattern whose count (its group of digits, «(\\d+)») may be printed in ``words`` too (:func:`in_words`);
    ``named``: the total a count names on its way too («tjueen av planens tjuefem tiltak gjennomført»)."""
    counted = pattern.replace(r"(\d+)", rf"(\d+|{words})", 1)
    at = counted.find(words)
    if not named or at < 0:
        return counted
    at += len(words)
    return counted[:at] + counted[at:].replace(r"\d+", rf"(?:\d+|{words})")


def counted_as(pattern: str, words: str, text: str) -> str:
    """A status's count pattern as the summary needs it: the one that reads the earliest count, and of those the least
    changed: in digits, the count in words (:func:`counted_in`), or the total it names in words too («tjueen av planens
    tjuefem tiltak gjennomført»: a count stands before the total it names, so a number read after it is that total).
    In digits where none reads it."""
    tried = [(m.start(), k, p) for k, p in enumerate((pattern, counted_in(pattern, words), counted_in(pattern, words, named=True))) if (m := regex.search(p, text))]
    return min(tried)[2] if tried else pattern


MARK = regex.compile(r"^[^\p{L}\d]*")  # a list item's mark before its text («• »)
COUNTED_ITEMS = 2  # lines of counts, of as many statuses, that make a list of counts


def counted_list(lines: Sequence[str], counts: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """The list of counts that closes the summary's lines, one status a line after its mark and nothing
    else («• 5 gjennomført», «• 3 ikke påbegynt»), and the line above it that introduces it: (that
    line's index, each status's count); None where there is no such list of two statuses or more."""
    found: dict[str, int] = {}
    k = len(lines) - 1
    while k > 0:
        text = collapse(lines[k])
        rest = MARK.sub("", text, count=1)
        item = next(((name, m) for name, p in counts.items() if (m := regex.match(p, rest)) and regex.fullmatch(r"\p{L}*\W*", rest[m.end() :])), None)
        if item is None or item[0] in found:
            break
        found[item[0]] = int(item[1].group(1))
        k -= 1
    if len(found) < COUNTED_ITEMS or not collapse(lines[k]):
        return None
    return k, dict(reversed(found.items()))


def infer_footers(doc, draft: _Draft) -> None:
    """Running headers and footers, by repetition: what extraction set aside on two pages or more."""
    pages_of: dict[str, set[int]] = {}
    example: dict[str, str] = {}
    for d in doc.dropped:
        if d.reason.startswith("running"):
            pages_of.setdefault(furniture_pattern(d.text), set()).add(d.page)
            example.setdefault(furniture_pattern(d.text), d.text)
    running = list(draft.data["page"]["running"])
    known = [regex.compile(p) for p in running]
    found = {}
    for pattern, pages in sorted(pages_of.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(pages) >= 2 and not any(p.search(regex.sub(r"\s+", "", example[pattern])) for p in known):
            running.append(pattern)
            found[example[pattern]] = len(pages)
    if found:
        draft.data["page"]["running"] = running
        draft.note("page", "Inferred: running lines " + ", ".join(f"«{t}» ({n} pages)" for t, n in found.items()) + ".")
        draft.inferred.append("footers " + ", ".join(f"«{t}»" for t in found))


def infer_about(raw: RawPdf, body_size: float, draft: _Draft, vocab: dict[str, Any]) -> None:
    """What the report says of itself: the plan's name, and whether its year can be read."""
    meta = draft.data["profile"]
    year = regex.compile(meta["year"])
    plan, where = plan_name(raw, body_size, year, vocab)
    if plan:
        meta["plan"] = plan
        draft.note("profile", f"The plan: {where}; check it.")
        draft.doubts.append(f"the plan's name is taken from {where}")
    else:
        draft.doubts.append("the plan's name was not found")
    meta["description"] = f"Inferred from {raw.source}"
    if not year.search(raw.text_of_pages(1, 8)):
        draft.doubts.append("the report's year was not found")


def preamble(raw: RawPdf, draft: _Draft) -> list[str]:
    lines = [
        f"Report profile inferred from {raw.source} (python -m pipeline profile draft).",
        "",
        "Review it, give it the family's name, and commit it under pipeline/profiles/",
        "as <name>.toml: from then on reports of this family are read with it. Patterns are",
        "Python `regex` syntax, matched against text whose runs of whitespace are one space.",
        "",
        "Inferred: " + "; ".join(draft.inferred) + ".",
    ]
    if draft.doubts:
        lines.append("Unsure: " + "; ".join(draft.doubts) + ".")
    return lines


# --- TOML ----------------------------------------------------------------------------------

_BARE = regex.compile(r"^[A-Za-z0-9_-]+$")
ORDER = ("profile", "page", "headings", "fields", "status", "departments", "plans", "references", "overview")


def toml_key(key: str) -> str:
    return key if _BARE.match(key) else toml_string(key, literal=False)


def toml_string(value: str, literal: bool = True) -> str:
    if literal and "'" not in value and "\n" not in value:
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, literal="\\" in value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    items = [toml_value(v) for v in value]
    if any(isinstance(v, dict) for v in value) or sum(len(i) for i in items) > 80:
        return "[\n" + "".join(f"  {i},\n" for i in items) + "]"
    return "[" + ", ".join(items) + "]"


def _comment(lines: Sequence[str]) -> list[str]:
    return [f"# {ln}".rstrip() for ln in lines]


def render_toml(data: dict[str, Any], comments: dict[str, list[str]], head: Sequence[str] = ()) -> str:
    """A profile's data as commented TOML: tables in the order of the hand-written profiles."""
    out: list[str] = _comment(head)

    def table(path: str, values: dict[str, Any]) -> None:
        scalars = {k: v for k, v in values.items() if not isinstance(v, dict)}
        tables = {k: v for k, v in values.items() if isinstance(v, dict)}
        if scalars or path in comments:
            out.append("")
            out.extend(_comment(comments.get(path, [])))
            out.append(f"[{path}]")
            for k, v in scalars.items():
                out.extend(_comment(comments.get(f"{path}.{k}", [])))
                out.append(f"{toml_key(k)} = {toml_value(v)}")
        for k, v in tables.items():
            table(f"{path}.{toml_key(k)}", v)

    for key in [*ORDER, *(k for k in data if k not in ORDER)]:
        if key in data:
            table(key, data[key])
    return "\n".join(out).lstrip("\n") + "\n"
