"""Report profiles: the one declarative place for a report family's wording.

A profile is a TOML file under ``pipeline/profiles/``. The stages never contain
Norwegian words of their own; they ask the profile for heading patterns, field
labels, the status vocabulary, the overview table's title and columns, and the
running footer. Loading validates every key, so a typo in a profile fails with
the key's name instead of silently matching nothing.
"""

from __future__ import annotations

import datetime
import math
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from pipeline.errors import ProfileError
from pipeline.text import checkboxes_in, numeral_value, only_between, word_end

PROFILE_DIR = Path(__file__).parent
PAGE_VOCABULARY = PROFILE_DIR / "base" / "page.toml"  # the words naming a page's parts, for every family
DEFAULT_PROFILE = "frihet-sluttrapport"

HEADING_KINDS = ("innsatsomrade", "tiltak", "del")
FIELD_KINDS = ("ansvarlig_departement", "status", "sluttrapport")
# A label over the description, optional («Mål:», «Beskrivelse»): the text before a block's first label is the
# description whatever it is, so a report that labels it too needs the label read, not kept as text.
DESCRIPTION = "description"
OVERVIEW_COLUMNS = ("tiltak_nr", "title", "ansvarlig_departement", "status")
# Columns a table may have beside those: a measure's description, and its report text (the
# «Kommentar» of a status report whose measures are the table's rows).
TEXT_COLUMNS = ("description", "sluttrapport")
# A column a table may open with that holds its focus areas: each cell spans the rows of its area's measures, printed
# once at the top of the span (the column empty in the rows after it), and names the area as a group row would
# (``overview.group``), for that row and the rows after it.
GROUP_COLUMN = "innsatsomrade"
# Where a report sets its measures: one block each under a numbered heading, or one row each of
# one long table (Nr. | Tiltak | Ansvarlig | Status | Kommentar).
BODY_KINDS = ("blocks", "table")


@dataclass(frozen=True)
class HeadingRule:
    """A heading kind: its pattern plus the layout it must have."""

    pattern: regex.Pattern[str]
    min_size_ratio: float
    bold: bool
    # the headings name the ministry responsible for the measures under them (focus areas that are the ministries,
    # «Kunnskapsdepartementet»): a measure whose block prints no department has its area's; such a heading may print
    # no number (group nr), its number then its place among the areas
    names_department: bool = False


@dataclass(frozen=True)
class StatusValue:
    name: str
    pattern: regex.Pattern[str]
    symbol: str | None = None  # the mark the overview table prints for it, where a legend names the marks («●»)
    # the share done, in per cent, that the value stands for: 100 (done), 0 (not started), None (neither or unsaid);
    # what a table's percentage («70 %») is held against
    progress: int | None = None


@dataclass(frozen=True)
class OverviewColumn:
    key: str
    header: regex.Pattern[str]
    optional: bool = False  # a column the table may lack (its header then matches none of its cells)


@dataclass(frozen=True)
class DepartmentList:
    """The report's own list of responsible ministries and directorates."""

    title: regex.Pattern[str]  # the line that opens the list
    bullet: regex.Pattern[str]  # a bullet glyph to strip from an entry's start
    entry: regex.Pattern[str]  # an entry: groups (?P<name>…) and (?P<abbreviation>…)
    kinds: tuple[str, ...]  # the kind of each indentation level, outermost first


@dataclass(frozen=True)
class PlanRules:
    """How other plans are named: in status sentences and in references."""

    continued_in: regex.Pattern[str]  # the phrase after which a status names the plans a measure continues in
    named: regex.Pattern[str]  # a plan with its period: groups name, start, end
    separator: regex.Pattern[str]  # what stands between two plans ("og i")
    prefix: regex.Pattern[str]  # a generic noun before a plan's name, dropped ("handlingsplanen")


@dataclass(frozen=True)
class ReferenceRules:
    """Mentions of measures in a block's text ("se tiltak 8", "tiltak 26a i handlingsplanen …")."""

    mention: regex.Pattern[str]  # group (?P<numbers>…): one or more numbers
    number: regex.Pattern[str]  # one number in it: groups nr and part
    this_plan: regex.Pattern[str]  # after a mention: it is a measure of this plan
    other_plan: regex.Pattern[str]  # after a mention: it is a measure of another plan, group (?P<plan>…)


@dataclass(frozen=True)
class Profile:
    """A compiled, validated report profile."""

    name: str
    description: str
    plan: str
    source: str
    detect: tuple[regex.Pattern[str], ...]
    running: tuple[regex.Pattern[str], ...]
    drop_lines: tuple[regex.Pattern[str], ...]
    headings: dict[str, HeadingRule]
    labels: dict[str, regex.Pattern[str]]  # by FIELD_KINDS, and DESCRIPTION where the report labels its description
    labels_bold: bool
    status_values: tuple[StatusValue, ...]
    status_unknown: str
    part_precedence: tuple[str, ...]
    department_abbreviation: regex.Pattern[str]
    overview_title: regex.Pattern[str]
    overview_group: regex.Pattern[str]
    overview_number: regex.Pattern[str]
    overview_columns: tuple[OverviewColumn, ...]
    summary_anchor: regex.Pattern[str]
    summary_total: regex.Pattern[str] | None  # None: the total is the sum of the counts (a list of counts, «• 5 gjennomført», no total)
    summary_counts: dict[str, regex.Pattern[str]] = field(default_factory=dict)
    # the words a summary may count in, each at its value's place (a pattern: «to», «sju|syv»): «Av totalt ti tiltak …»
    summary_number_words: tuple[regex.Pattern[str], ...] = ()
    # the tens, from twenty, that compose with the words' units above them («tjuefem», «femogtjue»: ``tens_joined_by``)
    summary_tens: tuple[regex.Pattern[str], ...] = ()
    summary_tens_joined_by: str = ""
    department_partners: regex.Pattern[str] | None = None  # "i samarbeid med": lead before it, partners after
    department_list: DepartmentList | None = None
    plans: PlanRules | None = None
    references: ReferenceRules | None = None
    year: regex.Pattern[str] | None = None  # the report's year on its first pages (group 1)
    body: str = "blocks"  # BODY_KINDS: where the measures are read from

    @property
    def table_body(self) -> bool:
        """Are the measures the rows of the overview table, not blocks under headings?"""
        return self.body == "table"

    @property
    def group_column(self) -> bool:
        """Does the overview table name its focus areas in a column of cells spanning rows, not in group rows?"""
        return any(c.key == GROUP_COLUMN for c in self.overview_columns)

    @property
    def page_rules(self) -> tuple:
        """What extraction reads of the profile (running headers and footers, lines to drop):
        profiles alike in it get the same document from one PDF."""
        return tuple((p.pattern, p.flags) for p in self.running), tuple((p.pattern, p.flags) for p in self.drop_lines)

    def report_year(self, text: str) -> int | None:
        """The year the report reports on, read from its first pages' text."""
        m = self.year.search(text) if self.year is not None else None
        return int(m.group(1)) if m else None

    def departments_in(self, text: str | None) -> list[str]:
        """Abbreviations named in a department field, lead first, without repeats."""
        seen: list[str] = []
        for m in self.department_abbreviation.finditer(text or ""):
            if m.group(0) not in seen:
                seen.append(m.group(0))
        return seen

    @property
    def status_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.status_values)

    def statuses_at(self, progress: int) -> frozenset[str]:
        """The statuses that stand for this share done (100: done, 0: not started), as the profile says
        (``[[status.values]] progress``); none where it says nothing."""
        return frozenset(v.name for v in self.status_values if v.progress == progress)

    def status_of_mark(self, cell: str) -> str:
        """A table's status cell as its status: the value whose mark the cell prints alone («●» → «Gjennomført»,
        as the legend under the table names it), else the cell as printed."""
        return next((v.name for v in self.status_values if v.symbol is not None and cell.strip() == v.symbol), cell)

    def normalise_status(self, text: str | None) -> str | None:
        """Map a printed status sentence to the vocabulary (earliest match wins), or a row of boxes to the value
        ticked in it (:meth:`ticked_status`)."""
        if text is None or not text.strip():
            return None
        ticked = self.ticked_status(text)
        if ticked is not None:
            return ticked
        best: tuple[int, str] | None = None
        for value in self.status_values:
            m = value.pattern.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), value.name)
        return best[1] if best else self.status_unknown

    def ticked_status(self, text: str) -> str | None:
        """The status a row of boxes marks as chosen among the values it lists («☐ Gjennomført ☒ Pågår ☐ Ikke startet»:
        a form that prints every status, the current one ticked): the value right after the one ticked box. Where the
        producer draws the squares, only the tick is in the text («✓ Pågår Forsinket»), and it is read alike. A row that
        ticks none, or several, names no one status: the unknown value. None where the text is no such row (boxes and
        status values alone, two boxes at least or a tick): the earliest value it names is then its status, as
        «Pågår» is in «Status: Pågår, men …», and in «☐ Pågår (…)», which says more than the boxes."""
        boxes = checkboxes_in(text)
        ticked = [box.end for box in boxes if box.ticked]
        if len(boxes) < 2 and not ticked:
            return None
        values = [(m.start(), word_end(text, m.end()), v.name) for v in self.status_values for m in v.pattern.finditer(text)]
        if not values or not only_between(text, [(b.start, b.end) for b in boxes] + [(start, end) for start, end, _ in values]):
            return None
        chosen = [(start, name) for start, _, name in values if len(ticked) == 1 and start >= ticked[0] and not text[ticked[0] : start].strip()]
        return min(chosen)[1] if chosen else self.status_unknown

    def count_value(self, printed: str) -> int:
        """A count as the summary prints it: digits, or a number word (``summary_number_words``), whose place is its value,
        or a ten and a unit in one word (``summary_tens``: «tjuefem», «femogtjue»)."""
        if printed.isdigit():
            return int(printed)
        ones, tens = ([p.pattern for p in patterns] for patterns in (self.summary_number_words, self.summary_tens))
        value = numeral_value(printed, ones, tens, self.summary_tens_joined_by)
        return value if value is not None else 0


# --- checking values: every key read is checked here, by one set of helpers ---------------

NUMBER = (int, float)
MAX_PATTERN_DEPTH = 50  # groups within groups; the shipped profiles nest four deep at most
_EXPECTED = {str: "a string", bool: "true or false", int: "a whole number", float: "a number", dict: "a table", list: "a list"}
_FOUND = {
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a float",
    dict: "a table",
    list: "a list",
    datetime.datetime: "a date-time",
    datetime.date: "a date",
    datetime.time: "a time",
}


def _key(where: str, key: str | int) -> str:
    """A key's full name, its table path first ('headings.tiltak.bold', 'status.values[0]')."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    """isinstance, except that a boolean is no number: TOML keeps them apart, Python does not."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if float in kinds:
        kinds = tuple(k for k in kinds if k is not int)  # a whole number is a number
    return " or ".join(_EXPECTED.get(k, k.__name__) for k in kinds)


def _found(value: Any) -> str:
    """What a TOML value is, in the words a profile's author knows."""
    return _FOUND.get(type(value), type(value).__name__)


def _checked(value: Any, where: str, kind: type | tuple[type, ...], expected: str | None = None) -> Any:
    """The value, if it is of the kind; else a ProfileError naming the key and what it must be."""
    if not _is(value, kind):
        raise ProfileError(f"key '{where}' must be {expected or _kind_name(kind)}, not {_found(value)}")
    return value


def _require(table: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...], expected: str | None = None) -> Any:
    if key not in table:
        raise ProfileError(f"missing key '{_key(where, key)}'")
    return _checked(table[key], _key(where, key), kind, expected)


def _optional(table: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...], default: Any, expected: str | None = None) -> Any:
    """An optional key's value, checked like a required one's when it is there."""
    return _checked(table[key], _key(where, key), kind, expected) if key in table else default


def _items(items: list[Any], where: str, kind: type | tuple[type, ...], expected: str | None = None) -> tuple[Any, ...]:
    """A list's items, each checked to be of the kind."""
    return tuple(_checked(item, _key(where, i), kind, expected) for i, item in enumerate(items))


def _strings(table: dict[str, Any], key: str, where: str, default: list[str]) -> tuple[str, ...]:
    """An optional list of strings."""
    return _items(_optional(table, key, where, list, default, "a list of strings"), _key(where, key), str)


def _ratio(table: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    """A ratio of sizes (required without a default): a positive, finite number (0, a negative, inf
    or nan would make every line, or none, qualify)."""
    value = _require(table, key, where, NUMBER) if default is None else _optional(table, key, where, NUMBER, default)
    try:
        ratio = float(value)
    except OverflowError:  # an integer too large for a float
        ratio = math.inf
    if not (ratio > 0 and math.isfinite(ratio)):
        raise ProfileError(f"key '{_key(where, key)}' must be a finite number greater than 0, not {value!r:.40}")
    return ratio


def _count(table: dict[str, Any], key: str, where: str, minimum: int = 0) -> int:
    """A whole number of at least ``minimum``."""
    value = _require(table, key, where, int)
    if value < minimum:
        raise ProfileError(f"key '{_key(where, key)}' must be at least {minimum}, not {value}")
    return value


def _nesting(pattern: str) -> int:
    """How deeply a pattern's groups nest (escapes and character classes skipped): the regex parser
    recurses for each level, so a deep pattern is refused before it can exhaust the stack."""
    depth = deepest = 0
    escaped = in_class = False
    for c in pattern:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth -= 1
    return deepest


def _compile(pattern: Any, where: str) -> regex.Pattern[str]:
    _checked(pattern, where, str, "a pattern (a string)")
    if _nesting(pattern) > MAX_PATTERN_DEPTH:
        raise ProfileError(f"key '{where}' is not a valid pattern: its groups nest more than {MAX_PATTERN_DEPTH} deep")
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise ProfileError(f"key '{where}' is not a valid pattern: {exc}") from None
    except (RecursionError, OverflowError, MemoryError):
        raise ProfileError(f"key '{where}' is not a valid pattern: too large or nested too deeply") from None


def _compile_all(patterns: Any, where: str) -> tuple[regex.Pattern[str], ...]:
    _checked(patterns, where, list, "a list of patterns")
    return tuple(_compile(p, _key(where, i)) for i, p in enumerate(patterns))


def _with_groups(pattern: regex.Pattern[str], groups: tuple[str, ...], where: str) -> regex.Pattern[str]:
    for name in groups:
        if name not in pattern.groupindex:
            raise ProfileError(f"key '{where}' needs the group (?P<{name}>…)")
    return pattern


def _numbered(pattern: regex.Pattern[str], where: str, what: str) -> regex.Pattern[str]:
    """A pattern whose first group is read as a number."""
    if pattern.groups < 1:
        raise ProfileError(f"key '{where}' needs a group that captures {what}")
    return pattern


def _pattern(table: dict[str, Any], key: str, where: str, groups: tuple[str, ...] = ()) -> regex.Pattern[str]:
    compiled = _compile(_require(table, key, where, str, "a pattern (a string)"), _key(where, key))
    return _with_groups(compiled, groups, _key(where, key))


def _check_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ProfileError(f"unknown key '{_key(where, unknown[0])}' (allowed: {', '.join(sorted(allowed))})")


# --- the profile ---------------------------------------------------------------------------


def parse_profile(data: dict[str, Any], source: str = "<memory>") -> Profile:
    """Validate and compile a profile read from TOML."""
    _check_unknown(data, {"profile", "page", "headings", "fields", "status", "departments", "overview", "plans", "references", "body"}, "")
    meta = _require(data, "profile", "", dict)
    _check_unknown(meta, {"name", "description", "plan", "detect", "labels_bold", "year"}, "profile")
    year = _numbered(_pattern(meta, "year", "profile"), "profile.year", "the year") if "year" in meta else None
    page = _require(data, "page", "", dict)
    _check_unknown(page, {"running", "drop_lines"}, "page")
    headings = parse_headings(_require(data, "headings", "", dict))
    fields_raw = _require(data, "fields", "", dict)
    _check_unknown(fields_raw, {*FIELD_KINDS, DESCRIPTION}, "fields")
    labels: dict[str, regex.Pattern[str]] = {}
    for kind in (*FIELD_KINDS, DESCRIPTION) if DESCRIPTION in fields_raw else FIELD_KINDS:  # the description's label is optional
        spec = _require(fields_raw, kind, "fields", dict)
        _check_unknown(spec, {"label"}, f"fields.{kind}")
        labels[kind] = _pattern(spec, "label", f"fields.{kind}")

    status = _require(data, "status", "", dict)
    _check_unknown(status, {"values", "unknown", "part_precedence", "continued_in"}, "status")
    status_values = parse_status_values(status)
    names = [v.name for v in status_values]
    precedence = _strings(status, "part_precedence", "status", names)
    for name in precedence:
        if name not in names:
            raise ProfileError(f"key 'status.part_precedence' names '{name}', which is not in status.values")

    departments = _require(data, "departments", "", dict)
    _check_unknown(departments, {"abbreviation", "partners", "list"}, "departments")

    overview = _require(data, "overview", "", dict)
    _check_unknown(overview, {"title", "group", "number", "columns", "summary"}, "overview")
    summary = _require(overview, "summary", "overview", dict)
    _check_unknown(summary, {"anchor", "total", "counts", "number_words", "tens", "tens_joined_by"}, "overview.summary")
    counts_raw = _optional(summary, "counts", "overview.summary", dict, {}, "a table of status = pattern")
    for name in counts_raw:
        if name not in names:
            raise ProfileError(f"key 'overview.summary.counts.{name}' is not a status in status.values")

    body = _optional(data, "body", "", dict, {})
    _check_unknown(body, {"kind"}, "body")
    body_kind = _optional(body, "kind", "body", str, "blocks")
    if body_kind not in BODY_KINDS:
        raise ProfileError(f"key 'body.kind' is '{body_kind}', expected one of {', '.join(BODY_KINDS)}")

    return Profile(
        body=body_kind,
        name=_require(meta, "name", "profile", str),
        description=_optional(meta, "description", "profile", str, ""),
        plan=_optional(meta, "plan", "profile", str, ""),
        year=year,
        source=source,
        detect=_compile_all(meta.get("detect", []), "profile.detect"),
        running=_compile_all(page.get("running", []), "page.running"),
        drop_lines=_compile_all(page.get("drop_lines", []), "page.drop_lines"),
        headings=headings,
        labels=labels,
        labels_bold=_optional(meta, "labels_bold", "profile", bool, False),
        status_values=status_values,
        status_unknown=_optional(status, "unknown", "status", str, "ukjent"),
        part_precedence=precedence,
        department_abbreviation=_pattern(departments, "abbreviation", "departments"),
        overview_title=_pattern(overview, "title", "overview"),
        overview_group=_pattern(overview, "group", "overview", ("nr", "title")),
        overview_number=_compile(overview.get("number", r"^\d+$"), "overview.number"),
        overview_columns=parse_columns(overview),
        summary_anchor=_pattern(summary, "anchor", "overview.summary"),
        summary_total=_numbered(_pattern(summary, "total", "overview.summary"), "overview.summary.total", "the total") if "total" in summary else None,
        summary_counts={
            k: _numbered(_pattern(counts_raw, k, "overview.summary.counts"), f"overview.summary.counts.{k}", "the count") for k in counts_raw
        },
        summary_number_words=tuple(
            _compile(f"(?i:{w})", f"overview.summary.number_words[{k}]")
            for k, w in enumerate(_items(summary.get("number_words", []), "overview.summary.number_words", str))
        ),
        summary_tens=tuple(
            _compile(f"(?i:{w})", f"overview.summary.tens[{k}]") for k, w in enumerate(_items(summary.get("tens", []), "overview.summary.tens", str))
        ),
        summary_tens_joined_by=_compile(_optional(summary, "tens_joined_by", "overview.summary", str, ""), "overview.summary.tens_joined_by").pattern,
        department_partners=_pattern(departments, "partners", "departments") if "partners" in departments else None,
        department_list=parse_department_list(departments),
        plans=parse_plans(data, status),
        references=parse_references(data),
    )


def parse_headings(headings: dict[str, Any]) -> dict[str, HeadingRule]:
    """[headings.KIND]: a pattern with the groups nr and title (and part, for del; a focus area that names its ministry,
    ``names_department``, may print no nr; a measure's heading may name its department in a group department,
    «Tiltak 4 (DFD): …»), and the layout."""
    _check_unknown(headings, set(HEADING_KINDS), "headings")
    rules: dict[str, HeadingRule] = {}
    for kind in HEADING_KINDS:
        where = f"headings.{kind}"
        rule = _require(headings, kind, "headings", dict)
        _check_unknown(rule, {"pattern", "min_size_ratio", "bold", "names_department"} if kind == "innsatsomrade" else {"pattern", "min_size_ratio", "bold"}, where)
        names_department = _optional(rule, "names_department", where, bool, False)
        groups = ("nr", "title", "part") if kind == "del" else ("title",) if names_department else ("nr", "title")
        rules[kind] = HeadingRule(
            pattern=_pattern(rule, "pattern", where, groups),
            min_size_ratio=_ratio(rule, "min_size_ratio", where, 1.0),
            bold=_optional(rule, "bold", where, bool, False),
            names_department=names_department,
        )
    return rules


def parse_status_values(status: dict[str, Any]) -> tuple[StatusValue, ...]:
    """[[status.values]]: at least one, each a table with a name and a pattern (and the mark the table prints for it, if any)."""
    values = _require(status, "values", "status", list, "a list of tables ([[status.values]])")
    if not values:
        raise ProfileError("key 'status.values' must list at least one status")
    out = []
    for i, v in enumerate(_items(values, "status.values", dict, "a table with name and pattern")):
        where = _key("status.values", i)
        _check_unknown(v, {"name", "pattern", "symbol", "progress"}, where)
        progress = _optional(v, "progress", where, int, None, "0 (not started) or 100 (done)")
        if progress not in (None, 0, 100):
            raise ProfileError(f"key '{where}.progress' is {progress!r}, expected 0 (not started) or 100 (done)")
        out.append(
            StatusValue(
                name=_require(v, "name", where, str),
                pattern=_pattern(v, "pattern", where),
                symbol=_optional(v, "symbol", where, str, None),
                progress=progress,
            )
        )
    return tuple(out)


def parse_columns(overview: dict[str, Any]) -> tuple[OverviewColumn, ...]:
    """overview.columns: a table per column, each of the known columns once at least, and the
    text columns (description, sluttrapport) and the focus areas' column where the table has them, optional or not."""
    columns_raw = _require(overview, "columns", "overview", list, "a list of tables with key and header")
    columns = []
    for i, c in enumerate(_items(columns_raw, "overview.columns", dict, "a table with key and header")):
        where = _key("overview.columns", i)
        _check_unknown(c, {"key", "header", "optional"}, where)
        key = _require(c, "key", where, str)
        if key not in (*OVERVIEW_COLUMNS, *TEXT_COLUMNS, GROUP_COLUMN):
            raise ProfileError(f"key '{where}.key' is '{key}', expected one of {', '.join((*OVERVIEW_COLUMNS, *TEXT_COLUMNS, GROUP_COLUMN))}")
        optional = _optional(c, "optional", where, bool, False)
        if optional and key in OVERVIEW_COLUMNS:
            raise ProfileError(f"key '{where}.optional': the column '{key}' is one every table has")
        columns.append(OverviewColumn(key, _pattern(c, "header", where), optional))
    missing = set(OVERVIEW_COLUMNS) - {c.key for c in columns}
    if missing:
        raise ProfileError(f"key 'overview.columns' lacks the column '{sorted(missing)[0]}'")
    return tuple(columns)


def parse_department_list(departments: dict[str, Any]) -> DepartmentList | None:
    """[departments.list]: optional; without it the report's list of departments is not read."""
    if "list" not in departments:
        return None
    spec = _require(departments, "list", "departments", dict)
    where = "departments.list"
    _check_unknown(spec, {"title", "bullet", "entry", "kinds"}, where)
    kinds = _items(_require(spec, "kinds", where, list, "a list of strings"), f"{where}.kinds", str)
    if not kinds or not all(kinds):
        raise ProfileError(f"key '{where}.kinds' must list at least one kind (a non-empty string per indentation level)")
    return DepartmentList(
        title=_pattern(spec, "title", where),
        bullet=_pattern(spec, "bullet", where),
        entry=_pattern(spec, "entry", where, ("name", "abbreviation")),
        kinds=kinds,
    )


def parse_plans(data: dict[str, Any], status: dict[str, Any]) -> PlanRules | None:
    """[plans] and status.continued_in: optional together; without them no plans are read."""
    if "plans" not in data and "continued_in" not in status:
        return None
    plans = _require(data, "plans", "", dict)
    _check_unknown(plans, {"named", "separator", "prefix"}, "plans")
    return PlanRules(
        continued_in=_pattern(status, "continued_in", "status"),
        named=_pattern(plans, "named", "plans", ("name", "start", "end")),
        separator=_pattern(plans, "separator", "plans"),
        prefix=_pattern(plans, "prefix", "plans"),
    )


def parse_references(data: dict[str, Any]) -> ReferenceRules | None:
    """[references]: optional; without it no references are read."""
    if "references" not in data:
        return None
    refs = _require(data, "references", "", dict)
    _check_unknown(refs, {"mention", "number", "this_plan", "other_plan"}, "references")
    return ReferenceRules(
        mention=_pattern(refs, "mention", "references", ("numbers",)),
        number=_pattern(refs, "number", "references", ("nr", "part")),
        this_plan=_pattern(refs, "this_plan", "references"),
        other_plan=_pattern(refs, "other_plan", "references", ("plan",)),
    )


# --- the file ------------------------------------------------------------------------------

MAX_PROFILE_BYTES = 1 << 20  # profiles are a few kilobytes; a larger file is not one


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def profile_path(name_or_path: str | Path) -> Path:
    """The file a profile is read from: one of ``pipeline/profiles`` by name, or a path ending in
    ``.toml`` that is a regular file (a directory, a FIFO or a device is no profile)."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILE_DIR / f"{name_or_path}.toml"
        if not path.is_file():
            raise ProfileError(f"no profile '{name_or_path}' (available: {', '.join(available_profiles())})")
        return path
    if not path.exists():
        raise ProfileError(f"{path}: no such file")
    if not path.is_file():
        raise ProfileError(f"{path}: not a regular file")
    return path


def read_toml(path: Path) -> dict[str, Any]:
    """A profile file's TOML; a file that cannot be read as UTF-8 TOML is a ProfileError naming it."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"{path.name}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path.name}: larger than {MAX_PROFILE_BYTES // 1024} KB, not a profile")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(f"{path.name}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path.name}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ProfileError(f"{path.name}: not valid TOML: nested too deeply") from None


def read_profile(path: Path) -> Profile:
    """A profile file read and compiled; whatever is wrong with it is a ProfileError naming the file."""
    data = read_toml(path)
    try:
        return parse_profile(data, source=str(path))
    except ProfileError as exc:
        raise ProfileError(f"{path.name}: {exc.detail}") from None


def load_profile(name_or_path: str | Path = DEFAULT_PROFILE) -> Profile:
    """Load a profile by name (a file in ``pipeline/profiles``) or by path."""
    path = profile_path(name_or_path)
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1)
def notes_headings() -> tuple[regex.Pattern[str], ...]:
    """The headings over a section's notes («Noter»), from the page vocabulary
    (``pipeline/profiles/base/page.toml``): words of any family, as extraction reads every report."""
    return _page_words("notes", "headings")


@lru_cache(maxsize=1)
def sum_rows() -> tuple[regex.Pattern[str], ...]:
    """The first cells of a table's row that adds up the rows above it («Sum», «Totalt»), from the page vocabulary
    (``pipeline/profiles/base/page.toml``): words of any family, as the overview stage reads every report's table of counts."""
    return _page_words("tables", "sums")


PAGE_PARTS = {"notes": {"headings"}, "tables": {"sums"}}  # the page vocabulary's sections and the lists of patterns each holds


def _page_words(section: str, key: str) -> tuple[regex.Pattern[str], ...]:
    """One list of patterns of the page vocabulary, its section checked (an unknown section or key is an error)."""
    data = read_toml(PAGE_VOCABULARY)
    try:
        _check_unknown(data, set(PAGE_PARTS), "")
        words = _require(data, section, "", dict)
        _check_unknown(words, PAGE_PARTS[section], section)
        return _compile_all(_require(words, key, section, list, "a list of patterns"), f"{section}.{key}")
    except ProfileError as exc:
        raise ProfileError(f"{PAGE_VOCABULARY.name}: {exc.detail}") from None


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, size: int) -> Profile:
    """A profile file read and compiled once while it stays the same: every PDF of a run, and
    every worker forked after the run loaded it, uses that (compiling its patterns is most of
    a worker's first hundredth of a second). An edited file is read again."""
    return read_profile(Path(path))
