"""Report profiles: the one declarative place for a report family's wording.

A profile is a TOML file under ``pipeline/profiles/``. The stages never contain
Norwegian words of their own; they ask the profile for heading patterns, field
labels, the status vocabulary, the overview table's title and columns, and the
running footer. Loading validates every key, so a typo in a profile fails with
the key's name instead of silently matching nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from pipeline.errors import ProfileError

PROFILE_DIR = Path(__file__).parent
DEFAULT_PROFILE = "frihet-sluttrapport"

HEADING_KINDS = ("innsatsomrade", "tiltak", "del")
FIELD_KINDS = ("ansvarlig_departement", "status", "sluttrapport")
OVERVIEW_COLUMNS = ("tiltak_nr", "title", "ansvarlig_departement", "status")


@dataclass(frozen=True)
class HeadingRule:
    """A heading kind: its pattern plus the layout it must have."""

    pattern: regex.Pattern[str]
    min_size_ratio: float
    bold: bool


@dataclass(frozen=True)
class StatusValue:
    name: str
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class OverviewColumn:
    key: str
    header: regex.Pattern[str]


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
    labels: dict[str, regex.Pattern[str]]
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
    summary_total: regex.Pattern[str]
    summary_counts: dict[str, regex.Pattern[str]] = field(default_factory=dict)
    department_partners: regex.Pattern[str] | None = None  # "i samarbeid med": lead before it, partners after
    department_list: DepartmentList | None = None
    plans: PlanRules | None = None
    references: ReferenceRules | None = None
    year: regex.Pattern[str] | None = None  # the report's year on its first pages (group 1)

    @property
    def page_rules(self) -> tuple:
        """What extraction reads of the profile (running headers and footers, lines to drop):
        profiles alike in it get the same document from one PDF."""
        return tuple((p.pattern, p.flags) for p in self.running), tuple((p.pattern, p.flags) for p in self.drop_lines)

    def report_year(self, text: str) -> int | None:
        """The year the report reports on, read from its first pages' text."""
        m = self.year.search(text) if self.year is not None else None
        return int(m.group(1)) if m else None

    @property
    def status_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.status_values)

    def normalise_status(self, text: str | None) -> str | None:
        """Map a printed status sentence to the vocabulary (earliest match wins)."""
        if text is None or not text.strip():
            return None
        best: tuple[int, str] | None = None
        for value in self.status_values:
            m = value.pattern.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), value.name)
        return best[1] if best else self.status_unknown


def _require(table: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...]) -> Any:
    if key not in table:
        raise ProfileError(f"missing key '{where}.{key}'")
    value = table[key]
    if not isinstance(value, kind):
        raise ProfileError(f"key '{where}.{key}' must be {_kind_name(kind)}, not {type(value).__name__}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _compile(pattern: Any, where: str) -> regex.Pattern[str]:
    if not isinstance(pattern, str):
        raise ProfileError(f"key '{where}' must be a pattern string")
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise ProfileError(f"key '{where}' is not a valid pattern: {exc}") from None


def _compile_all(patterns: Any, where: str) -> tuple[regex.Pattern[str], ...]:
    if not isinstance(patterns, list):
        raise ProfileError(f"key '{where}' must be a list of patterns")
    return tuple(_compile(p, f"{where}[{i}]") for i, p in enumerate(patterns))


def _with_groups(pattern: regex.Pattern[str], groups: tuple[str, ...], where: str) -> regex.Pattern[str]:
    for name in groups:
        if name not in pattern.groupindex:
            raise ProfileError(f"key '{where}' needs the group (?P<{name}>…)")
    return pattern


def _pattern(table: dict[str, Any], key: str, where: str, groups: tuple[str, ...] = ()) -> regex.Pattern[str]:
    compiled = _compile(_require(table, key, where, str), f"{where}.{key}")
    return _with_groups(compiled, groups, f"{where}.{key}")


def _check_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ProfileError(f"unknown key '{where}.{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")


def parse_profile(data: dict[str, Any], source: str = "<memory>") -> Profile:
    """Validate and compile a profile read from TOML."""
    _check_unknown(data, {"profile", "page", "headings", "fields", "status", "departments", "overview", "plans", "references"}, "")
    meta = _require(data, "profile", "", dict)
    _check_unknown(meta, {"name", "description", "plan", "detect", "labels_bold", "year"}, "profile")
    year = _compile(meta["year"], "profile.year") if "year" in meta else None
    if year is not None and year.groups < 1:
        raise ProfileError("key 'profile.year' needs a group that captures the year")
    page = _require(data, "page", "", dict)
    _check_unknown(page, {"running", "drop_lines"}, "page")

    headings_raw = _require(data, "headings", "", dict)
    _check_unknown(headings_raw, set(HEADING_KINDS), "headings")
    headings: dict[str, HeadingRule] = {}
    for kind in HEADING_KINDS:
        rule = _require(headings_raw, kind, "headings", dict)
        _check_unknown(rule, {"pattern", "min_size_ratio", "bold"}, f"headings.{kind}")
        pattern = _compile(_require(rule, "pattern", f"headings.{kind}", str), f"headings.{kind}.pattern")
        if "nr" not in pattern.groupindex or "title" not in pattern.groupindex:
            raise ProfileError(f"key 'headings.{kind}.pattern' needs the groups (?P<nr>…) and (?P<title>…)")
        if kind == "del" and "part" not in pattern.groupindex:
            raise ProfileError("key 'headings.del.pattern' needs the group (?P<part>…)")
        headings[kind] = HeadingRule(
            pattern=pattern,
            min_size_ratio=float(rule.get("min_size_ratio", 1.0)),
            bold=bool(rule.get("bold", False)),
        )

    fields_raw = _require(data, "fields", "", dict)
    _check_unknown(fields_raw, set(FIELD_KINDS), "fields")
    labels: dict[str, regex.Pattern[str]] = {}
    for kind in FIELD_KINDS:
        spec = _require(fields_raw, kind, "fields", dict)
        _check_unknown(spec, {"label"}, f"fields.{kind}")
        labels[kind] = _compile(_require(spec, "label", f"fields.{kind}", str), f"fields.{kind}.label")

    status = _require(data, "status", "", dict)
    _check_unknown(status, {"values", "unknown", "part_precedence", "continued_in"}, "status")
    values_raw = _require(status, "values", "status", list)
    if not values_raw:
        raise ProfileError("key 'status.values' must list at least one status")
    status_values = []
    for i, v in enumerate(values_raw):
        if not isinstance(v, dict):
            raise ProfileError(f"key 'status.values[{i}]' must be a table with name and pattern")
        _check_unknown(v, {"name", "pattern"}, f"status.values[{i}]")
        status_values.append(
            StatusValue(
                name=_require(v, "name", f"status.values[{i}]", str),
                pattern=_compile(_require(v, "pattern", f"status.values[{i}]", str), f"status.values[{i}].pattern"),
            )
        )
    names = [v.name for v in status_values]
    precedence = tuple(status.get("part_precedence", names))
    for name in precedence:
        if name not in names:
            raise ProfileError(f"key 'status.part_precedence' names '{name}', which is not in status.values")

    departments = _require(data, "departments", "", dict)
    _check_unknown(departments, {"abbreviation", "partners", "list"}, "departments")

    overview = _require(data, "overview", "", dict)
    _check_unknown(overview, {"title", "group", "number", "columns", "summary"}, "overview")
    columns_raw = _require(overview, "columns", "overview", list)
    columns = []
    for i, c in enumerate(columns_raw):
        if not isinstance(c, dict):
            raise ProfileError(f"key 'overview.columns[{i}]' must be a table with key and header")
        key = _require(c, "key", f"overview.columns[{i}]", str)
        if key not in OVERVIEW_COLUMNS:
            raise ProfileError(f"key 'overview.columns[{i}].key' is '{key}', expected one of {', '.join(OVERVIEW_COLUMNS)}")
        columns.append(OverviewColumn(key, _compile(_require(c, "header", f"overview.columns[{i}]", str), f"overview.columns[{i}].header")))
    missing = set(OVERVIEW_COLUMNS) - {c.key for c in columns}
    if missing:
        raise ProfileError(f"key 'overview.columns' lacks the column '{sorted(missing)[0]}'")
    summary = _require(overview, "summary", "overview", dict)
    _check_unknown(summary, {"anchor", "total", "counts"}, "overview.summary")
    counts_raw = summary.get("counts", {})
    if not isinstance(counts_raw, dict):
        raise ProfileError("key 'overview.summary.counts' must be a table of status = pattern")
    for name in counts_raw:
        if name not in names:
            raise ProfileError(f"key 'overview.summary.counts.{name}' is not a status in status.values")

    return Profile(
        name=_require(meta, "name", "profile", str),
        description=str(meta.get("description", "")),
        plan=str(meta.get("plan", "")),
        year=year,
        source=source,
        detect=_compile_all(meta.get("detect", []), "profile.detect"),
        running=_compile_all(page.get("running", []), "page.running"),
        drop_lines=_compile_all(page.get("drop_lines", []), "page.drop_lines"),
        headings=headings,
        labels=labels,
        labels_bold=bool(meta.get("labels_bold", False)),
        status_values=tuple(status_values),
        status_unknown=str(status.get("unknown", "ukjent")),
        part_precedence=precedence,
        department_abbreviation=_compile(_require(departments, "abbreviation", "departments", str), "departments.abbreviation"),
        overview_title=_compile(_require(overview, "title", "overview", str), "overview.title"),
        overview_group=_compile(_require(overview, "group", "overview", str), "overview.group"),
        overview_number=_compile(overview.get("number", r"^\d+$"), "overview.number"),
        overview_columns=tuple(columns),
        summary_anchor=_compile(_require(summary, "anchor", "overview.summary", str), "overview.summary.anchor"),
        summary_total=_compile(_require(summary, "total", "overview.summary", str), "overview.summary.total"),
        summary_counts={k: _compile(v, f"overview.summary.counts.{k}") for k, v in counts_raw.items()},
        department_partners=_compile(departments["partners"], "departments.partners") if "partners" in departments else None,
        department_list=parse_department_list(departments),
        plans=parse_plans(data, status),
        references=parse_references(data),
    )


def parse_department_list(departments: dict[str, Any]) -> DepartmentList | None:
    """[departments.list]: optional; without it the report's list of departments is not read."""
    if "list" not in departments:
        return None
    spec = _require(departments, "list", "departments", dict)
    where = "departments.list"
    _check_unknown(spec, {"title", "bullet", "entry", "kinds"}, where)
    kinds = _require(spec, "kinds", where, list)
    if not kinds or not all(isinstance(k, str) and k for k in kinds):
        raise ProfileError(f"key '{where}.kinds' must list at least one kind (a non-empty string per indentation level)")
    return DepartmentList(
        title=_pattern(spec, "title", where),
        bullet=_pattern(spec, "bullet", where),
        entry=_pattern(spec, "entry", where, ("name", "abbreviation")),
        kinds=tuple(kinds),
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


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def load_profile(name_or_path: str | Path = DEFAULT_PROFILE) -> Profile:
    """Load a profile by name (a file in ``pipeline/profiles``) or by path."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILE_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ProfileError(f"no profile '{name_or_path}' (available: {', '.join(available_profiles())})")
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, size: int) -> Profile:
    """A profile file read and compiled once while it stays the same: every PDF of a run, and
    every worker forked after the run loaded it, uses that (compiling its patterns is most of
    a worker's first hundredth of a second). An edited file is read again."""
    name = Path(path).name
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{name}: not valid TOML: {exc}") from None
    try:
        return parse_profile(data, source=path)
    except ProfileError as exc:
        raise ProfileError(f"{name}: {exc}") from None
