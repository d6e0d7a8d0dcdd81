"""Findings: what validation says about a report, as data a person can read too.

A finding is one inconsistency of the report itself (the body against its overview
table, the table against its summary sentence), not a failure of the pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    tiltak_nr: int | None = None
    part: str | None = None
    field: str | None = None
    body_value: str | None = None
    table_value: str | None = None
    page: int | None = None


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def merge_findings(findings: Iterable[Finding], extra: Iterable[Finding]) -> tuple[Finding, ...]:
    """Both lists without repeats, in validate's order (severity, tiltak, code)."""
    merged = list(dict.fromkeys([*findings, *extra]))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(merged, key=lambda f: (order[f.severity], f.tiltak_nr or 0, f.code)))
