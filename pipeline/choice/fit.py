"""How well a profile reads a document: its fit, measured on what the stages found.

A profile is tried by running the stages with it on the extracted document (extraction
is shared, so trying costs little) and counting what it recognised:

- blocks: «Tiltak N» headings found, and how many of them do not go back from the previous number;
- labels: blocks in which each field's label was found;
- statuses: status sentences normalised to a value of the profile's vocabulary (and the table's
  statuses, where no block prints one and the table gives each measure its status);
- table: rows of the overview table found, and how many of them have a block;
- summary: the total and the per-status counts read from the summary sentence (or its table of counts);
- markers: the profile's ``detect`` phrases found on the first pages.

The fit is data, shown as a table (``python -m pipeline profile check PDF``) and as the
short text of the run line (``fit 33/33 blocks, 33/33 statuses``). A profile that reads
most blocks but recognises few of their statuses, or misses a label in most blocks,
fits *poorly* (:meth:`Fit.poor_reasons`): detection never chooses it silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from pipeline.profiles.loader import FIELD_KINDS, Profile
from pipeline.stages.fields import status_from_table
from pipeline.stages.validate import added_by_area, ordered_by_area

# What «poorly» means: below these shares a reading is not trusted without saying so.
GOOD_SHARE = 0.8  # of the blocks found (of those any reading finds), of the statuses, of the table's rows
LABEL_SHARE = 0.5  # a field's label missing in most blocks
# How the parts of the fit weigh in the score that ranks profiles on one document.
WEIGHTS = {"labels": 0.3, "statuses": 0.3, "table": 0.2, "summary": 0.1, "markers": 0.1}
LABEL_NAMES = {"ansvarlig_departement": "department", "status": "status", "sluttrapport": "report"}


@dataclass(frozen=True)
class Fit:
    """What one profile recognised in one document."""

    profile: str
    blocks: int = 0  # «Tiltak N» blocks found
    in_sequence: int = 0  # blocks whose number does not go back from the previous block's
    expected: int = 0  # blocks the document has, as far as any reading or table tells (the denominator)
    reach: int = 0  # the most blocks any reading of the document finds
    labels: dict[str, int] = field(default_factory=dict)  # field kind → blocks with its label
    status_lines: int = 0  # blocks with a status field, or a status the table alone gives
    statuses: int = 0  # of those, normalised to a value of the vocabulary
    table_found: bool = False
    table_rows: int = 0
    rows_matched: int = 0  # table rows whose number has a block
    blocks_in_table: int = 0  # blocks whose number has a table row
    summary_expected: int = 0  # the total, and one count per status the profile reads
    summary_read: int = 0
    markers: int = 0  # detect phrases found
    markers_expected: int = 0
    inferred: bool = False  # the profile was inferred from this document
    body: str = "blocks"  # where the profile reads the measures: "blocks", or "table" (its rows)
    other_plan: str = ""  # the plan the first pages name, of another profile, where they do not name this profile's

    # -- shares ---------------------------------------------------------------------------

    def _share(self, n: int, of: int) -> float:
        return n / of if of else 0.0

    @property
    def coverage(self) -> float:
        return self._share(self.in_sequence, max(self.expected, self.blocks))

    @property
    def label_share(self) -> float:
        return sum(self._share(self.labels.get(k, 0), self.blocks) for k in FIELD_KINDS) / len(FIELD_KINDS)

    @property
    def status_share(self) -> float:
        return self._share(self.statuses, self.status_lines)

    @property
    def score(self) -> float:
        """One number in [0, 1] that ranks the profiles tried on one document."""
        parts = {
            "labels": self.label_share,
            "statuses": self.status_share,
            "table": self._share(self.rows_matched, self.table_rows),
            "summary": self._share(self.summary_read, self.summary_expected),
            "markers": self._share(self.markers, self.markers_expected),
        }
        return round(self.coverage * sum(WEIGHTS[k] * v for k, v in parts.items()), 4)

    def poor_reasons(self) -> list[str]:
        """Why this reading is not to be trusted silently; empty when it fits well."""
        if not self.blocks:
            return ["no «Tiltak N» heading found"]
        out = [f"the report names another plan, «{self.other_plan}»"] if self.other_plan else []
        found = max(self.reach, self.blocks)
        if self.in_sequence < GOOD_SHARE * found:
            out.append(f"{self.in_sequence} blocks found in sequence where a reading finds {found}")
        if self.status_lines < LABEL_SHARE * self.blocks:
            out.append(f"a status in {self.status_lines} of {self.blocks} blocks")
        elif self.status_share < GOOD_SHARE:
            out.append(f"{self.statuses} of {self.status_lines} statuses recognised")
        for kind in FIELD_KINDS:
            if kind != "status" and self.labels.get(kind, 0) < LABEL_SHARE * self.blocks:
                out.append(f"the {LABEL_NAMES[kind]} label in {self.labels.get(kind, 0)} of {self.blocks} blocks")
        if self.table_found and self.table_rows and self.blocks_in_table < GOOD_SHARE * self.blocks:
            out.append(f"{self.blocks_in_table} of {self.blocks} blocks have a row in the table")
        return out

    @property
    def poor(self) -> bool:
        return bool(self.poor_reasons())

    # -- text -----------------------------------------------------------------------------

    def summary(self) -> str:
        """The run line's words: ``fit 33/33 blocks, 33/33 statuses`` (and ``poor`` when it is)."""
        total = max(self.expected, self.blocks)
        text = f"fit {self.in_sequence}/{total} {'table rows' if self.body == 'table' else 'blocks'}, {self.statuses}/{self.status_lines} statuses"
        return f"{text}, poor" if self.poor else text

    def row(self) -> dict[str, str]:
        """One row of the fit table."""
        total = max(self.expected, self.blocks)
        return {
            "profile": self.profile + (" (inferred)" if self.inferred and self.profile != "inferred" else ""),
            "blocks": f"{self.in_sequence}/{total}" + (" table rows" if self.body == "table" else ""),
            **{LABEL_NAMES[k]: f"{self.labels.get(k, 0)}/{self.blocks}" for k in FIELD_KINDS},
            "statuses": f"{self.statuses}/{self.status_lines}",
            "table": f"{self.rows_matched}/{self.table_rows}" if self.table_found else "—",
            "summary": f"{self.summary_read}/{self.summary_expected}",
            "markers": f"{self.markers}/{self.markers_expected}" if self.markers_expected else "—",
            "score": f"{self.score:.2f}",
            "verdict": "poor: " + "; ".join(self.poor_reasons()) if self.poor else "good",
        }


def in_sequence(numbers: Sequence[int], areas: Sequence[int | None] = ()) -> int:
    """How many numbers do not go back from the one before (the first always counts). A number
    printed twice is the report's own slip (``duplicate_in_body``), not a sign of a wrong pattern;
    measures added after the plan, each last in its focus area (``areas``: each measure's), go back
    where the next area opens, as the report means them to (:func:`added_by_area`), and so do the measures of a report
    that orders them by focus area, not by number (:func:`ordered_by_area`)."""
    if added_by_area(numbers, areas) or ordered_by_area(numbers, areas):
        return len(numbers)
    return sum(1 for k, nr in enumerate(numbers) if k == 0 or nr >= numbers[k - 1])


def plan_core(plan: str) -> str:
    """A plan's name without its subtitle and period: «Sjef i eget liv – styrket innsats … (2025–2028)»
    → «sjef i eget liv», as a report names it in running text."""
    return regex.split(r"\s+[–—-]\s+|\s*\(", plan, maxsplit=1)[0].strip().casefold()


def other_plan(profile: Profile, title: str, plans: Sequence[str], named: str = "") -> str:
    """The plan the title pages name where they do not name this profile's: another profile's, or
    ``named``, the plan read from the title page (a report of one plan is not given another plan's
    profile because its words are alike)."""
    if not profile.plan:
        return ""
    text = " ".join(title.split()).casefold()
    own = plan_core(profile.plan)
    if own in text:
        return ""
    known = next((plan for plan in plans if (core := plan_core(plan)) and core != own and core in text), "")
    return known or (named if plan_core(named) not in ("", own) else "")


def measure(
    profile: Profile,
    results: dict[str, Any] | None,
    first_pages: str,
    inferred: bool = False,
    plans: Sequence[str] = (),
    title: str = "",
    named: str = "",
) -> Fit:
    """The fit of ``profile`` from the results of running the stages with it (None: it found no tiltak);
    ``plans``: the plans of the profiles known, any of which ``title`` (the title pages' text) may name;
    ``named``: the plan read from the title page."""
    markers = sum(1 for p in profile.detect if p.search(first_pages))
    base = Fit(
        profile.name,
        markers=markers,
        markers_expected=len(profile.detect),
        inferred=inferred,
        body=profile.body,
        other_plan=other_plan(profile, title, plans, named),
    )
    if results is None:
        return base
    tiltak = results["tiltak"]
    overview = results["overview"]
    numbers = [t.tiltak_nr for t in tiltak]
    status_lines = [t for t in tiltak if t.status is not None or status_from_table(t)]
    recognised = [t for t in status_lines if t.status_value not in (None, profile.status_unknown)]
    rows = overview.rows
    summary_read = (overview.summary_total is not None) + len(overview.summary_counts)
    return replace(
        base,
        blocks=len(tiltak),
        in_sequence=in_sequence(numbers, [t.innsatsomrade_nr for t in tiltak]),
        expected=max(len(tiltak), len(rows)),
        labels={k: sum(1 for t in tiltak if getattr(t, k) is not None) for k in FIELD_KINDS},
        status_lines=len(status_lines),
        statuses=len(recognised),
        table_found=overview.found and bool(rows),
        table_rows=len(rows),
        rows_matched=sum(1 for r in rows if r.tiltak_nr in set(numbers)),
        blocks_in_table=sum(1 for nr in numbers if nr in {r.tiltak_nr for r in rows}),
        # (a table of counts names its statuses itself, a row each: its rows are what it is expected to give)
        summary_expected=1 + len(overview.summary_counts if overview.summary_table else profile.summary_counts),
        summary_read=summary_read,
    )


def with_reach(fits: Sequence[Fit]) -> list[Fit]:
    """The fits measured against the most blocks any of them finds or any table lists (for the
    score and the text), and against the most blocks any of them finds (for the verdict: blocks
    a table lists but the body lacks, as in an excerpt, are the self-diagnosis's to report)."""
    expected = max((f.expected for f in fits), default=0)
    reach = max((f.blocks for f in fits), default=0)
    return [replace(f, expected=expected, reach=reach) for f in fits]


def fit_table(fits: Sequence[Fit]) -> str:
    """The fits as an aligned text table, best first as given."""
    rows = [f.row() for f in fits]
    if not rows:
        return ""
    keys = list(rows[0])
    head = {k: k for k in keys}
    width = {k: max(len(r[k]) for r in [head, *rows]) for k in keys[:-1]}
    lines = []
    for r in [head, *rows]:
        lines.append("  ".join(r[k].ljust(width[k]) for k in keys[:-1]) + "  " + r[keys[-1]])
    return "\n".join(lines) + "\n"
