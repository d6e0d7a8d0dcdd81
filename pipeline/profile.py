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
from pathlib import Path
from typing import Any

import regex

from .errors import ProfileError

PROFILE_DIR = Path(__file__).parent / "profiles"
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


def _check_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ProfileError(f"unknown key '{where}.{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")


def parse_profile(data: dict[str, Any], source: str = "<memory>") -> Profile:
    """Validate and compile a profile read from TOML."""
    _check_unknown(data, {"profile", "page", "headings", "fields", "status", "departments", "overview"}, "")
    meta = _require(data, "profile", "", dict)
    _check_unknown(meta, {"name", "description", "plan", "detect", "labels_bold"}, "profile")
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
            bold=bool(rule.get("bold", True)),
        )

    fields_raw = _require(data, "fields", "", dict)
    _check_unknown(fields_raw, set(FIELD_KINDS), "fields")
    labels: dict[str, regex.Pattern[str]] = {}
    for kind in FIELD_KINDS:
        spec = _require(fields_raw, kind, "fields", dict)
        _check_unknown(spec, {"label"}, f"fields.{kind}")
        labels[kind] = _compile(_require(spec, "label", f"fields.{kind}", str), f"fields.{kind}.label")

    status = _require(data, "status", "", dict)
    _check_unknown(status, {"values", "unknown", "part_precedence"}, "status")
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
    _check_unknown(departments, {"abbreviation"}, "departments")

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
        source=source,
        detect=_compile_all(meta.get("detect", []), "profile.detect"),
        running=_compile_all(page.get("running", []), "page.running"),
        drop_lines=_compile_all(page.get("drop_lines", []), "page.drop_lines"),
        headings=headings,
        labels=labels,
        labels_bold=bool(meta.get("labels_bold", True)),
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
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path.name}: not valid TOML: {exc}") from None
    try:
        return parse_profile(data, source=str(path))
    except ProfileError as exc:
        raise ProfileError(f"{path.name}: {exc}") from None
