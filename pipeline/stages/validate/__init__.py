"""Stage 5 — validate: the body against the overview table, the table against itself.

Findings are data: each has a code, a severity, the tiltak (and part) it is
about, the body's value and the table's value, and a sentence. The published
report does disagree with itself, so findings are expected; they never stop a
run (``--strict`` turns error-severity findings into a failing exit code).

Severities: ``error`` — the two sources say different things (a status, a lead
department, a number missing); ``warning`` — wording differs or something is
absent that a reader would expect; ``info`` — a difference of detail (the body
names partners the table leaves out). Codes, severities and wordings are declared
once, in ``pipeline.findings.FINDING_TYPES``; the checks here only fill them in.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

from pipeline.findings import SEVERITIES, Finding, finding, numbers_as_printed
from pipeline.profiles.loader import Profile
from pipeline.stages.fields import Tiltak, field_page, status_from_table
from pipeline.stages.overview import Overview, OverviewRow
from pipeline.stages.segment import Segmentation
from pipeline.text import abbreviates, comparable, is_percentage, names_in_full, percentage


def word_diff(a: str, b: str) -> str:
    """A short "-removed +added" summary of how b differs from a, word by word."""
    aw, bw = a.split(), b.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=aw, b=bw, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.append("-«" + " ".join(aw[i1:i2]) + "»")
        if op in ("replace", "insert"):
            out.append("+«" + " ".join(bw[j1:j2]) + "»")
    return " ".join(out)


def gaps(numbers: Sequence[int]) -> list[int]:
    """The numbers up to the highest that are not there."""
    return sorted(set(range(1, max(numbers) + 1)) - set(numbers)) if numbers else []


def check_selection(table: Sequence[int], body: Sequence[int]) -> list[Finding]:
    """A report of a selection of the plan's measures: the same numbers missing from the table
    and the body is one info finding, not a warning per number (issue 11, point 6)."""
    missing = gaps(table)
    if not table or not missing or missing != gaps(body) or max(table) != max(body):
        return []
    return [finding("selection", n=len(set(table)), highest=max(table), missing=_numbers(missing))]


def check_numbering(
    numbers: Sequence[int],
    where: str,
    pages: Sequence[int | None],
    selection: bool = False,
    added: Collection[int] = (),
    area_starts: Collection[int] = (),
) -> list[Finding]:
    """Duplicates, numbers going back and, unless the report covers a selection, gaps. ``added``: measures
    added after the plan and placed in their focus areas (:func:`added_by_area`), after which the numbers
    go back where the next focus area starts, as the report orders them; ``area_starts``: the places where
    a focus area starts in a report that orders its measures by area, not by number (:func:`ordered_by_area`)."""
    findings = []
    counts = Counter(numbers)
    for nr, n in sorted(counts.items()):
        if n > 1:
            page = pages[numbers.index(nr)]
            findings.append(finding(f"duplicate_in_{where}", tiltak_nr=nr, page=page, n=n))
    for k in range(1, len(numbers)):
        if numbers[k] < numbers[k - 1] and numbers[k - 1] not in added and k not in area_starts:
            findings.append(finding(f"out_of_order_in_{where}", tiltak_nr=numbers[k], page=pages[k], previous=numbers[k - 1]))
    if not selection:
        findings.extend(finding(f"gap_in_{where}", tiltak_nr=nr, highest=max(numbers)) for nr in gaps(numbers))
    return findings


def added_by_area(numbers: Sequence[int], areas: Sequence[int | None]) -> list[int]:
    """The measures added after the plan, each placed in its focus area after the plan's own measures
    there: a revised plan numbers them after all of its measures («Tiltak 12 (nytt)» closing focus area
    1, before «Tiltak 4» opening area 2), so the numbers go back where a focus area starts, though
    nothing is out of order. They are the numbers above some number h such that the plan's numbers (up
    to h) and the added ones (above it) each rise through the report, and every focus area, printed in
    one run, opens with a plan's measure and holds its added ones last. The fewest such (the highest h);
    [] where the numbers do not read so (a focus area unknown, or a number out of place within one)."""
    if len(numbers) != len(areas) or None in areas or len(set(areas)) < 2:
        return []
    for h in sorted(set(numbers), reverse=True)[1:]:
        plan, added = [n for n in numbers if n <= h], [n for n in numbers if n > h]
        if _rising(plan) and _rising(added) and _added_last_in_areas(numbers, areas, h):
            return added
    return []


def ordered_by_area(numbers: Sequence[int], areas: Sequence[int | None]) -> list[int]:
    """The places where a focus area starts, where the report orders its measures by focus area and not by number
    (areas that are the ministries, each holding measures from all through the plan: «Tiltak 1, 4, 6, 9» under one,
    «Tiltak 2, 5, 8» under the next): every area printed in one run, the numbers rising within each, and going back
    where every area after the first starts, two such starts at least (one number going back at one area's start is a
    slip). [] where the numbers do not read so."""
    if len(numbers) != len(areas) or None in areas:
        return []
    starts = [k for k in range(1, len(areas)) if areas[k] != areas[k - 1]]
    if len(starts) < AREAS_BACK or len(set(areas)) != len(starts) + 1:
        return []
    rising = all(numbers[k] > numbers[k - 1] for k in range(1, len(numbers)) if k not in starts)
    return starts if rising and all(numbers[k] < numbers[k - 1] for k in starts) else []


AREAS_BACK = 2  # area starts at which the numbers go back, at least, for a report to order its measures by area


def _rising(numbers: Sequence[int]) -> bool:
    return all(a < b for a, b in zip(numbers, numbers[1:]))


def _added_last_in_areas(numbers: Sequence[int], areas: Sequence[int | None], h: int) -> bool:
    """Is every focus area printed in one run, opened by a number up to ``h``, with those above ``h`` last?"""
    runs = [a for k, a in enumerate(areas) if k == 0 or a != areas[k - 1]]
    if len(runs) != len(set(runs)):
        return False
    for area in runs:
        own = [n for n, a in zip(numbers, areas) if a == area]
        first_added = next((k for k, n in enumerate(own) if n > h), len(own))
        if first_added == 0 or any(n <= h for n in own[first_added:]):
            return False
    return True


def check_added(numbers: Sequence[int], added: Sequence[int]) -> list[Finding]:
    """Measures added after the plan and placed in their focus areas, where the numbers go back for
    them: one info finding, not a warning per focus area (the report's order, not a slip)."""
    if not added or _rising(numbers):
        return []
    return [finding("added_by_area", added=_numbers(added))]


def check_summary(overview: Overview, body: Sequence[Tiltak], profile: Profile) -> list[Finding]:
    findings = []
    rows = overview.rows
    if overview.summary_total is None:
        findings.append(finding("summary_missing"))
        return findings
    if overview.summary_total != len(rows):
        findings.append(
            finding(
                "summary_total_vs_table",
                body_value=None,
                table_value=str(len(rows)),
                field="total",
                said=overview.summary_total,
            )
        )
    if overview.summary_total != len(body):
        findings.append(
            finding(
                "summary_total_vs_body",
                body_value=str(len(body)),
                table_value=str(overview.summary_total),
                field="total",
            )
        )
    table_counts = Counter(r.status for r in rows)
    body_counts = Counter(t.status_value for t in body)
    progress = gives_progress(overview)
    for status, said in overview.summary_counts.items():
        if table_counts[status] != said and not progress:
            findings.append(
                finding(
                    "summary_count_vs_table",
                    field="status",
                    body_value=None,
                    table_value=f"{status}: {table_counts[status]} (summary: {said})",
                    said=said,
                    status=status,
                    count=table_counts[status],
                )
            )
        if body_counts[status] != said:
            which = sorted(t.tiltak_nr for t in body if t.status_value == status)
            findings.append(
                finding(
                    "summary_count_vs_body",
                    field="status",
                    body_value=f"{status}: {body_counts[status]}",
                    table_value=f"{status}: {said}",
                    said=said,
                    status=status,
                    count=body_counts[status],
                    which=", ".join(map(str, which)),
                )
            )
    return findings


def gives_progress(overview: Overview) -> bool:
    """Does the table's status column give each measure's progress as a percentage («70 %»), not a status
    of the vocabulary? Then the summary counts the body's statuses alone: the table has none to count."""
    return bool(overview.rows) and all(is_percentage(r.status) for r in overview.rows if r.status)


def groups_rows(overview: Overview) -> bool:
    """Does the table group its rows by focus area (group rows, or a part per focus area)? A table
    that does not names no measure's focus area, and says nothing against the body's."""
    return any(r.innsatsomrade_nr is not None for r in overview.rows)


def check_block(t: Tiltak, row: OverviewRow, profile: Profile, grouped: bool = True, paired: Mapping[str, str] | None = None) -> list[Finding]:
    """The body's block of a measure against its table row; ``grouped``: the table groups its rows
    (:func:`groups_rows`), so the focus areas are compared too; ``paired``: the abbreviations of the departments
    the body names in full (:func:`paired_names`)."""
    findings = []
    nr = t.tiltak_nr
    if comparable(t.title) != comparable(row.title):
        findings.append(
            finding(
                "title_mismatch",
                tiltak_nr=nr,
                field="title",
                body_value=t.title,
                table_value=row.title,
                page=t.page_start,
                diff=word_diff(row.title, t.title),
            )
        )
    if grouped and t.innsatsomrade_nr != row.innsatsomrade_nr:
        findings.append(
            finding(
                "innsatsomrade_mismatch",
                tiltak_nr=nr,
                field="innsatsomrade_nr",
                body_value=str(t.innsatsomrade_nr),
                table_value=str(row.innsatsomrade_nr),
                page=t.page_start,
            )
        )
    findings.extend(_check_status(t, row, profile))
    findings.extend(_check_departments(t, row, profile, paired or {}))
    return findings


def progress_agrees(share: float | None, status: str, profile: Profile) -> bool:
    """Does a table's percentage agree with the body's status, as far as the profile says which statuses stand
    for done and for not started (``[[status.values]] progress``)? 100 % is done, 0 % is not done, and a share
    between is neither done nor not started; a profile that names no status done holds 100 % against none."""
    done, not_started = profile.statuses_at(100), profile.statuses_at(0)
    if share is None:
        return True
    if share >= 100:
        return not done or status in done
    if share <= 0:
        return status not in done
    return status not in done and status not in not_started


def _check_status(t: Tiltak, row: OverviewRow, profile: Profile) -> list[Finding]:
    nr = t.tiltak_nr
    out = []
    progress = is_percentage(row.status)  # the measure's progress («70 %»): held against what the body's status stands for
    if row.status not in profile.status_names and not progress:
        out.append(
            finding(
                "unknown_status_in_table",
                tiltak_nr=nr,
                field="status",
                table_value=row.status,
                page=row.page,
            )
        )
    if t.status is None:
        return out  # reported as a missing field
    body_status = t.status_value
    if body_status == profile.status_unknown:
        out.append(
            finding(
                "unknown_status",
                tiltak_nr=nr,
                field="status",
                body_value=t.status.text,
                table_value=row.status,
                page=field_page(t.status, t),
                vocabulary=", ".join(profile.status_names),
            )
        )
    elif body_status != row.status and not progress:
        out.append(
            finding(
                "status_mismatch",
                tiltak_nr=nr,
                field="status",
                body_value=body_status,
                table_value=row.status,
                page=field_page(t.status, t),
                text=t.status.text,
            )
        )
    elif progress and body_status is not None and not progress_agrees(percentage(row.status), body_status, profile):
        out.append(
            finding(
                "status_mismatch",
                variant="progress",
                tiltak_nr=nr,
                field="status",
                body_value=body_status,
                table_value=row.status,
                page=t.status.boxes[0].page,
                text=t.status.text,
            )
        )
    part_values = {p.part: p.status_value for p in t.parts if p.part and p.status_value and "status" not in p.inherited}
    if len(set(part_values.values())) > 1:
        listing = ", ".join(f"{nr} {k}: {v}" for k, v in part_values.items())
        out.append(
            finding(
                "part_status_differs",
                tiltak_nr=nr,
                field="status",
                body_value=listing,
                table_value=row.status,
                page=field_page(t.status, t),
                status=t.status_value,
            )
        )
    return out


def paired_names(tiltak: Sequence[Tiltak], rows: Mapping[int, OverviewRow], profile: Profile, listed: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """The abbreviation each department named in full stands for (by the name's :func:`comparable` form): as the
    report's own list pairs them (``listed``: abbreviation, name), else as the document pairs them, a measure's table
    row printing an abbreviation of the name its block prints (:func:`abbreviates`); where rows differ, the pairing
    most give. A body that names departments in full is so checked against a table of abbreviations («KLD»)."""
    votes: Counter[tuple[str, str]] = Counter()
    for t in tiltak:
        row, field = rows.get(t.tiltak_nr), t.ansvarlig_departement
        if row is None or field is None or profile.departments_in(field.text):
            continue
        for name in names_in_full(field.text):
            votes.update((comparable(name), a) for a in profile.departments_in(row.ansvarlig_departement) if abbreviates(a, name))
    paired = {comparable(name): abbreviation for abbreviation, name in listed}
    for (name, abbreviation), _ in votes.most_common():
        paired.setdefault(name, abbreviation)
    return paired


def departments_named(text: str | None, profile: Profile, paired: Mapping[str, str]) -> list[str]:
    """The departments a field names, as abbreviations: those it prints, or those of the names it prints in full."""
    printed = profile.departments_in(text)
    if printed or not paired:
        return printed
    return list(dict.fromkeys(paired[name] for name in map(comparable, names_in_full(text)) if name in paired))


def _check_departments(t: Tiltak, row: OverviewRow, profile: Profile, paired: Mapping[str, str]) -> list[Finding]:
    nr = t.tiltak_nr
    if t.ansvarlig_departement is None:
        return []
    body_text = t.ansvarlig_departement.text
    body = departments_named(body_text, profile, paired)
    table = profile.departments_in(row.ansvarlig_departement)
    page = field_page(t.ansvarlig_departement, t)
    out = []
    if body and table and body[0] != table[0]:
        out.append(
            finding(
                "department_lead_mismatch",
                tiltak_nr=nr,
                field="ansvarlig_departement",
                body_value=body_text,
                table_value=row.ansvarlig_departement,
                page=page,
                body_lead=body[0],
                table_lead=table[0],
            )
        )
    missing = [d for d in table if d not in body]
    if missing:
        out.append(
            finding(
                "department_missing_in_body",
                tiltak_nr=nr,
                field="ansvarlig_departement",
                body_value=body_text,
                table_value=row.ansvarlig_departement,
                page=page,
                missing=", ".join(missing),
            )
        )
    extra = [d for d in body if d not in table]
    if extra:
        # a table that lists only the lead leaves partners out by design; one that
        # lists several departments claims to be complete
        complete = len(table) > 1
        out.append(
            finding(
                "department_partners_not_in_table",
                "warning" if complete else "info",
                variant="table_lists_several" if complete else None,
                tiltak_nr=nr,
                field="ansvarlig_departement",
                body_value=body_text,
                table_value=row.ansvarlig_departement,
                page=page,
                extra=", ".join(extra),
                listed=", ".join(table),
            )
        )
    return out


def check_fields(t: Tiltak, described: bool = True) -> list[Finding]:
    """Fields the measure lacks (a description only where the report gives measures one: not in a
    table of measures without a column for it; a status not where the table gives it, as the report
    prints statuses there alone: :func:`check_table_statuses`)."""
    out = []
    for key in ("ansvarlig_departement", "status", "sluttrapport"):
        if getattr(t, key) is None and not (key == "status" and status_from_table(t)):
            out.append(finding("missing_field", variant=key, tiltak_nr=t.tiltak_nr, field=key, page=t.page_start))
    if t.description is None and described:
        out.append(finding("missing_field", tiltak_nr=t.tiltak_nr, field="description", page=t.page_start))
    for note in t.notes:
        code, _, detail = note.partition(":")
        out.append(finding(code, tiltak_nr=t.tiltak_nr, page=t.page_start, detail=detail))
    return out


def check_table_statuses(tiltak: Sequence[Tiltak]) -> list[Finding]:
    """Statuses the report prints in its overview table alone, taken from there (no block prints one:
    :func:`pipeline.stages.fields.with_table_statuses`): said once, not a missing status per block."""
    given = [t for t in tiltak if status_from_table(t)]
    return [finding("status_only_in_table", n=len(given))] if given else []


def check_innsatsomrader(seg: Segmentation, overview: Overview) -> list[Finding]:
    table: dict[int, str | None] = {}
    for r in overview.rows:
        if r.innsatsomrade_nr is not None:
            table.setdefault(r.innsatsomrade_nr, r.innsatsomrade_title)
    if not table:
        return []  # no table, or one that does not group its rows: nothing to compare the headings with
    out = []
    for area in seg.innsatsomrader:
        if area.nr not in table:
            out.append(finding("innsatsomrade_missing_in_table", body_value=area.title, page=area.heading.page, nr=area.nr))
        elif comparable(area.title) != comparable(table[area.nr]):
            out.append(
                finding(
                    "innsatsomrade_title_mismatch",
                    field="innsatsomrade_title",
                    body_value=area.title,
                    table_value=table[area.nr],
                    page=area.heading.page,
                    nr=area.nr,
                    diff=word_diff(table[area.nr] or "", area.title),
                )
            )
    body_nrs = {a.nr for a in seg.innsatsomrader}
    for nr, title in sorted(table.items()):
        if nr not in body_nrs:
            out.append(finding("innsatsomrade_missing_in_body", table_value=title, nr=nr))
    return out


def check_part_headings(seg: Segmentation) -> list[Finding]:
    """Part headings that do not sit under a measure of their own number."""
    out = []
    for h in seg.orphan_parts:
        out.append(finding("orphan_part_heading", tiltak_nr=h.nr, part=h.part, body_value=h.title, page=h.page))
    for block in seg.blocks:
        for h in block.parts:
            if h.nr != block.tiltak_nr:
                out.append(finding("part_number_mismatch", tiltak_nr=block.tiltak_nr, part=h.part, body_value=h.title, page=h.page, nr=h.nr))
    return out


def numbering_restarts(numbers: Sequence[int], areas: Sequence[int | None]) -> list[int]:
    """The focus areas whose first measure's number does not go on from the area before's last:
    numbering per focus area read by its last level («1.1», «2.1» read as 1, 1)."""
    return [
        area
        for k, area in enumerate(areas)
        if k and area is not None and area != areas[k - 1] and numbers[k] <= numbers[k - 1]
    ]


def check_numbered_per_area(numbers: Sequence[int], areas: Sequence[int | None], where: str, page: int | None) -> list[Finding]:
    """Say when unsure: numbers that repeat because they restart in each focus area name no measure
    alone, and every table keyed on them would merge measures; one error that says so, beside
    the duplicates' own findings."""
    repeated = sorted(nr for nr, n in Counter(numbers).items() if n > 1)
    restarts = numbering_restarts(numbers, areas)
    if not repeated or not restarts:
        return []
    first = min(numbers[areas.index(a)] for a in restarts)
    variant = "table" if where == "table" else None
    return [finding("numbered_per_area", variant=variant, page=page, restart=first, areas=_numbers(restarts), repeated=_numbers(repeated))]


def validate(
    tiltak: Sequence[Tiltak], overview: Overview, seg: Segmentation, profile: Profile, listed: Sequence[tuple[str, str]] = ()
) -> list[Finding]:
    """Every check of the body against the table (and of each against itself); the findings name
    measures as the report prints them (:func:`pipeline.findings.numbers_as_printed`); ``listed``: the report's own
    list of departments (abbreviation, name)."""
    with numbers_as_printed([*((t.tiltak_nr, t.printed_nr) for t in tiltak), *((r.tiltak_nr, r.nummer) for r in overview.rows)]):
        return _validate(tiltak, overview, seg, profile, listed)


def _validate(tiltak: Sequence[Tiltak], overview: Overview, seg: Segmentation, profile: Profile, listed: Sequence[tuple[str, str]] = ()) -> list[Finding]:
    findings: list[Finding] = []
    if not overview.found:
        findings.append(finding("overview_missing"))
    elif not overview.rows:
        findings.append(finding("overview_empty"))
    table_nrs, body_nrs = [r.tiltak_nr for r in overview.rows], [t.tiltak_nr for t in tiltak]
    selection = check_selection(table_nrs, body_nrs)
    findings.extend(selection)
    grouped = groups_rows(overview)
    area_in_body = {t.tiltak_nr: t.innsatsomrade_nr for t in tiltak}
    table_added = added_by_area(table_nrs, [r.innsatsomrade_nr if grouped else area_in_body.get(r.tiltak_nr) for r in overview.rows])
    findings.extend(check_numbering(table_nrs, "table", [r.page for r in overview.rows], bool(selection), table_added))
    findings.extend(check_numbered_per_area(table_nrs, [r.innsatsomrade_nr for r in overview.rows], "table", overview.title_page))
    if profile.table_body:  # (where the measures are the table's rows, the table's numbering is theirs)
        findings.extend(check_added(table_nrs, table_added))
    else:
        body_areas = [t.innsatsomrade_nr for t in tiltak]
        body_added = added_by_area(body_nrs, body_areas)
        by_area = ordered_by_area(body_nrs, body_areas)
        findings.extend(check_numbering(body_nrs, "body", [t.page_start for t in tiltak], bool(selection), body_added, by_area))
        body_page = tiltak[0].page_start if tiltak else None
        findings.extend(check_numbered_per_area(body_nrs, [t.innsatsomrade_nr for t in tiltak], "body", body_page))
        findings.extend(check_added(body_nrs, body_added) or check_added(table_nrs, table_added))
    if overview.found:
        findings.extend(check_summary(overview, tiltak, profile))
    rows: dict[int, OverviewRow] = {}
    for r in overview.rows:
        rows.setdefault(r.tiltak_nr, r)
    body: dict[int, Tiltak] = {}
    for t in tiltak:
        body.setdefault(t.tiltak_nr, t)
    for nr in sorted(set(rows) - set(body)):
        findings.append(finding("missing_in_body", tiltak_nr=nr, table_value=rows[nr].title, page=rows[nr].page))
    for nr in sorted(set(body) - set(rows)):
        if overview.rows:
            findings.append(finding("missing_in_table", tiltak_nr=nr, body_value=body[nr].title, page=body[nr].page_start))
    described = not profile.table_body or any(c.key == "description" for c in profile.overview_columns)
    findings.extend(check_table_statuses(tiltak))
    paired = paired_names(tiltak, rows, profile, listed)
    for t in tiltak:
        findings.extend(check_fields(t, described))
        if t.tiltak_nr in rows:
            findings.extend(check_block(t, rows[t.tiltak_nr], profile, grouped, paired))
        for p in t.parts:
            if p.part and p.status is None:
                findings.append(
                    finding("missing_field", variant="part_status", tiltak_nr=t.tiltak_nr, part=p.part, field="status", page=p.page_start)
                )
    if not profile.table_body:  # (a table of measures has its focus areas as its group rows: nothing to compare)
        findings.extend(check_innsatsomrader(seg, overview))
    findings.extend(check_part_headings(seg))
    findings = diagnose(findings, tiltak, overview)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (order[f.severity], f.tiltak_nr or 0, f.code))


HALF_FAILED = 2  # numbers missing from one source from which a stage is taken to have half failed
FIELD_NAMES = {"ansvarlig_departement": "department", "status": "status", "sluttrapport": "sluttrapport"}


def _numbers(values: Sequence[int]) -> str:
    """1, 2, 3, 7 → "1–3, 7"."""
    out: list[str] = []
    values = sorted(values)
    start = prev = values[0]
    for v in [*values[1:], None]:
        if v is not None and v == prev + 1:
            prev = v
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if v is not None:
            start = prev = v
    return ", ".join(out)


def diagnose(findings: list[Finding], tiltak: Sequence[Tiltak], overview: Overview) -> list[Finding]:
    """A stage that visibly half-failed, said once: the table read short of its rows, headings
    found for only some numbers, a label missed in most blocks. The findings that follow from
    such a failure (a row missing for every number the table lost, …) are replaced by the one
    finding that says how many there would have been: they are not the report's."""
    table = {r.tiltak_nr for r in overview.rows}
    body = {t.tiltak_nr for t in tiltak}
    out = list(findings)

    def replace_with(consequence: Callable[[Finding], bool], make: Callable[[int], Finding]) -> None:
        nonlocal out
        dropped = [f for f in out if consequence(f)]
        out = [f for f in out if not consequence(f)] + [make(len(dropped))]

    lost_rows = sorted(body - table)
    expected = overview.summary_total or len(table | body)
    if overview.rows and len(lost_rows) >= HALF_FAILED and len(overview.rows) < expected:
        replace_with(
            lambda f: (
                (f.code in ("missing_in_table", "gap_in_table") and f.tiltak_nr in lost_rows)
                or f.code in ("summary_total_vs_table", "summary_count_vs_table")
            ),
            lambda n: finding("overview_incomplete", rows=len(overview.rows), expected=expected, missing=_numbers(lost_rows), suppressed=n),
        )
    lost_blocks = sorted(table - body)
    if tiltak and len(lost_blocks) >= HALF_FAILED:
        replace_with(
            lambda f: (
                (f.code in ("missing_in_body", "gap_in_body") and f.tiltak_nr in lost_blocks)
                or f.code in ("summary_total_vs_body", "summary_count_vs_body")
            ),
            lambda n: finding("headings_incomplete", blocks=len(body), expected=len(table | body), missing=_numbers(lost_blocks), suppressed=n),
        )
    for key, name in FIELD_NAMES.items():
        lacking = sorted({f.tiltak_nr for f in out if f.code == "missing_field" and f.field == key and f.part is None and f.tiltak_nr is not None})
        if len(lacking) >= max(3, len(tiltak) / 2):
            replace_with(_follows_from_missing_label(key), _labels_incomplete(key, name, lacking, len(tiltak)))
    return out


def _follows_from_missing_label(key: str) -> Callable[[Finding], bool]:
    """The findings that a label missing from most blocks explains (a status label: the counts too)."""
    status = key == "status"
    return lambda f: (f.code == "missing_field" and f.field == key and f.part is None) or (
        status and f.code in ("summary_count_vs_body", "status_mismatch")
    )


def _labels_incomplete(key: str, name: str, lacking: list[int], blocks: int) -> Callable[[int], Finding]:
    return lambda n: finding("labels_incomplete", field=key, name=name, missing=len(lacking), blocks=blocks, which=_numbers(lacking), suppressed=n)
