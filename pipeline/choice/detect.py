"""Which report family a PDF belongs to: the profile that reads it best.

Every profile is tried on the extracted document: the stages run with it (extraction is
shared, so the PDF is read once) and what it recognised is measured as its fit
(:mod:`pipeline.choice.fit`). The best fit wins. A profile's ``detect`` phrases are
evidence among the others (they break near ties), no longer a gate: a report excerpt
without the overview table is still recognised by its headings and labels, and a report
that happens to contain another family's phrases is not given that family's profile.

When even the best profile fits poorly (statuses not recognised, a label missing in most
blocks), a profile is inferred from the document itself (:mod:`pipeline.choice.infer`)
and the better of the two is used; either way the choice is never silent (the run line
names the fit, and a finding says what was inferred or why the fit is poor).

A PDF that no profile and no inference reads fails: «no tiltak found» when a profile's
phrases identify its family, else «unknown report family», naming the profiles tried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.choice.fit import Fit, measure, with_reach
from pipeline.choice.infer import Inference, infer_profile, named_plan
from pipeline.errors import NoTiltakFoundError, UnknownReportFamilyError
from pipeline.model import Document
from pipeline.profiles.loader import Profile, available_profiles, load_profile
from pipeline.stages.extract import RawPdf, assemble
from pipeline.stages.registry import extract_document, run_stages

FIRST_PAGES = 8  # where a report names its family and its year
FIT_STAGE = "fields"  # the last stage the fit reads (pipeline.choice.fit.measure)


def all_profiles() -> list[Profile]:
    return [load_profile(name) for name in available_profiles()]


def matches(profile: Profile, text: str) -> bool:
    """Whether all of a profile's ``detect`` phrases occur in ``text``."""
    return bool(profile.detect) and all(p.search(text) for p in profile.detect)


@dataclass(frozen=True)
class Reading:
    """One profile tried on one document: the stages' results (None: no tiltak found) and the fit."""

    profile: Profile
    results: dict[str, Any] | None
    fit: Fit
    inferred: Inference | None = None  # for a profile inferred from the document


@dataclass(frozen=True)
class Plans:
    """What a known profile's plan is held against, read once per document: the plans of the profiles
    known, the title pages' text, and the plan the title page names."""

    known: tuple[str, ...]
    title: str
    named: str

    @classmethod
    def of(cls, raw: RawPdf) -> Plans:
        return cls(tuple(p.plan for p in all_profiles() if p.plan), title_pages(raw), named_plan(raw))


def read_with(
    profile: Profile, raw: RawPdf, inferred: Inference | None = None, documents: dict[tuple, Document] | None = None, plans: Plans | None = None
) -> Reading:
    """The stages the fit is measured on (up to ``fields``) with ``profile`` on the read PDF, and its fit.

    The rest is computed for the reading chosen only (:func:`complete`). ``documents`` shares
    the assembled document between profiles whose page rules are the same (each profile's heading
    patterns then split the headings run into their paragraphs from it: registry.extract_document).
    """
    known: dict[str, Any] = {"pdf": raw}
    if documents is not None:
        if profile.page_rules not in documents:
            documents[profile.page_rules] = assemble(raw, profile)
        known["document"] = extract_document(profile, raw, documents[profile.page_rules])
    try:
        results: dict[str, Any] | None = run_stages(profile, raw, until=FIT_STAGE, known=known)
    except NoTiltakFoundError:
        results = None
    plans = plans or Plans.of(raw)
    fit = measure(profile, results, raw.text_of_pages(1, FIRST_PAGES), inferred is not None, plans.known, plans.title, plans.named)
    return Reading(profile, results, fit, inferred)


def title_pages(raw: RawPdf) -> str:
    """The text of the first two pages with text: where a report names the plan it reports on (a plan
    named further on is one a measure goes on in, or another the text refers to)."""
    pages = [k for k, lines in enumerate(raw.page_lines, start=1) if lines][:2]
    return "\n".join(raw.text_of_pages(k, k) for k in pages)


def complete(reading: Reading) -> dict[str, Any]:
    """Every stage's result of a reading (those after the fit's computed now)."""
    assert reading.results is not None
    return run_stages(reading.profile, reading.results["pdf"], known=reading.results)


def ranked(readings: Sequence[Reading]) -> list[Reading]:
    """Best first: by score, then by the profile's phrases found, then known before inferred, then by name."""
    fits = with_reach([r.fit for r in readings])
    placed = [Reading(r.profile, r.results, f, r.inferred) for r, f in zip(readings, fits)]
    return sorted(placed, key=lambda r: (-r.fit.score, -r.fit.markers, r.fit.inferred, r.profile.name))


@dataclass(frozen=True)
class Detection:
    chosen: Reading
    readings: tuple[Reading, ...]  # every profile tried (and the inferred one, if any), best first

    @property
    def fits(self) -> list[Fit]:
        return [r.fit for r in self.readings]


def try_profiles(raw: RawPdf, profiles: Sequence[Profile], infer: bool | None = True) -> list[Reading]:
    """Every profile tried on the document, best first, and a profile inferred from it: when no
    profile fits well (``infer=True``), always (``infer=None``) or never (``infer=False``)."""
    documents: dict[tuple, Document] = {}
    plans = Plans.of(raw)
    readings = ranked([read_with(p, raw, documents=documents, plans=plans) for p in profiles])
    if infer is None or (infer and (not readings or readings[0].results is None or readings[0].fit.poor)):
        inference = infer_profile(raw)
        if inference is not None:
            readings = ranked([*readings, read_with(inference.profile, raw, inference, documents, plans)])
    return readings


def choice(readings: Sequence[Reading]) -> Reading | None:
    """The reading to use: the best profile when it fits well; where it is another plan's, the best
    reading that fits well (an inferred profile's); else the best reading there is (an inferred
    profile's, if it is better); None when nothing finds a tiltak."""
    known = [r for r in readings if r.inferred is None]
    if known and known[0].results is not None and not known[0].fit.poor:
        return known[0]
    trusted = [r for r in readings if r.results is not None and not r.fit.poor]
    if known and known[0].fit.other_plan and trusted:  # another plan's profile, however well it reads the words
        return trusted[0]
    return readings[0] if readings and readings[0].results is not None else None


def detect(raw: RawPdf, profiles: Sequence[Profile], infer: bool = True) -> Detection:
    """The profile that reads this document best, with the fit of every profile tried."""
    readings = try_profiles(raw, profiles, infer)
    chosen = choice(readings)
    if chosen is None:
        text = raw.text_of_pages(1, FIRST_PAGES)
        # a profile whose phrases the report prints is its family's only where the report does not name another plan
        other = {r.profile.name for r in readings if r.fit.other_plan}
        own = [p.name for p in profiles if matches(p, text) and p.name not in other]
        if own:
            raise NoTiltakFoundError(f"no heading matched the tiltak pattern of its family's profile ({own[0]})")
        tried = ", ".join(p.name for p in profiles) or "none"
        raise UnknownReportFamilyError(
            f"its first pages match none of the report profiles (tried: {tried}), none of them finds a «Tiltak N» heading, and no profile could be inferred"
        )
    return Detection(chosen, tuple(readings))


def detect_profile(raw: RawPdf, profiles: Sequence[Profile]) -> Profile:
    """The best-fitting of ``profiles`` (no inference): what ``run`` uses when one of them fits well."""
    return detect(raw, profiles, infer=False).chosen.profile
