"""What a run asks of profile choice: the reading of a report to use, and what to say of it.

With a profile given, that profile's reading; otherwise the best fit of every profile
(:func:`pipeline.choice.detect.detect`), or a profile inferred from the report when none
fits well. What was chosen and how sure becomes a finding of the report (:func:`told`).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from pipeline.choice.detect import FIRST_PAGES, FIT_STAGE, Reading, all_profiles, choice, detect, try_profiles
from pipeline.choice.fit import measure
from pipeline.choice.infer import Inference, infer_profile
from pipeline.errors import UnknownReportFamilyError
from pipeline.findings import Finding, finding
from pipeline.profiles.loader import Profile
from pipeline.stages.extract import RawPdf, read_pdf, require_text
from pipeline.stages.registry import STAGES, run_stages

log = logging.getLogger(__name__)


def read_and_choose(
    pdf: Path, profile: Profile | None = None, *, password: str | None = None, engine: str = "pdfplumber"
) -> tuple[RawPdf, Reading, list[Reading]]:
    """The PDF read once (by the extraction ``engine``), and the reading chosen (:func:`choose`) with every reading tried."""
    raw = require_text(read_pdf(Path(pdf), password=password, engine=engine))
    return raw, *choose(raw, profile)


def choose(raw: RawPdf, profile: Profile | None = None) -> tuple[Reading, list[Reading]]:
    """The reading to use: with the profile given, or the best of every profile tried on the read
    PDF (a profile inferred from it when none fits well); and every reading tried."""
    if profile is not None:
        results = run_stages(profile, raw)  # a profile given that finds no tiltak fails with that error, as before
        reading = Reading(profile, results, measure(profile, results, raw.text_of_pages(1, FIRST_PAGES)))
        log.info("%s: profile %s, as given (%s)", raw.source, profile.name, reading.fit.summary())
        return reading, [reading]
    detection = detect(raw, all_profiles())
    if log.isEnabledFor(logging.INFO):
        for tried in detection.readings:
            name = "inferred" if tried.inferred is not None else tried.profile.name
            why = "; ".join(tried.fit.poor_reasons()) if tried.fit.poor else "fits"
            log.info("%s: tried profile %s: %s (%s)", raw.source, name, tried.fit.summary(), why)
        chosen = detection.chosen
        log.info("%s: chose %s", raw.source, "the inferred profile" if chosen.inferred is not None else f"profile {chosen.profile.name}")
    return detection.chosen, list(detection.readings)


def check_profiles(pdf: Path, profile: Profile | None = None, *, password: str | None = None) -> tuple[list[Reading], Reading | None]:
    """Every profile tried on the PDF (or only the one given) and the profile inferred from it,
    best first; and the reading ``run`` would use (None when it would fail)."""
    raw = require_text(read_pdf(Path(pdf), password=password))
    readings = try_profiles(raw, [profile] if profile is not None else all_profiles(), infer=None)
    if profile is not None:
        return readings, next((r for r in readings if r.inferred is None and r.results is not None), None)
    return readings, choice(readings)


def draft_profile(pdf: Path, *, password: str | None = None) -> Inference:
    """The profile inferred from a PDF (what ``profile draft`` writes)."""
    raw = require_text(read_pdf(Path(pdf), password=password))
    inference = infer_profile(raw)
    if inference is None:
        raise UnknownReportFamilyError(
            "no numbered headings that stand out from its text and head blocks with a responsible, status or report label,"
            " so no profile can be inferred from it"
        )
    return inference


def profile_findings(chosen: Reading, tried: list[Reading]) -> list[Finding]:
    """What the run line says of the profile, as a finding: what was inferred and how sure, or a poor fit."""
    fit = chosen.fit
    if chosen.inferred is not None:
        known = [r for r in tried if r.inferred is None]
        best = f"{known[0].profile.name}: {'; '.join(known[0].fit.poor_reasons())}" if known else "no profile"
        inference = chosen.inferred
        doubts = "; ".join(inference.doubts) or "nothing"
        if fit.poor:
            return [
                finding(
                    "profile_inferred",
                    "warning",
                    variant="poor",
                    best=best,
                    inferred="; ".join(inference.inferred),
                    why="; ".join(fit.poor_reasons()),
                    doubts=doubts,
                )
            ]
        return [finding("profile_inferred", best=best, fit=fit.summary(), inferred="; ".join(inference.inferred), doubts=doubts)]
    if fit.poor:
        return [finding("profile_fit_poor", profile=chosen.profile.name, fit=fit.summary(), why="; ".join(fit.poor_reasons()))]
    return []


def told(chosen: Reading, tried: list[Reading]) -> Reading:
    """The reading chosen, its document carrying what is said of the profile (inferred, or a
    poor fit) after what reading the PDF found: validation merges both into the findings."""
    said = profile_findings(chosen, tried)
    if not said or chosen.results is None:
        return chosen
    document = chosen.results["document"]
    measured = {"pdf", *(s.writes for s in STAGES[: [s.name for s in STAGES].index(FIT_STAGE) + 1])}
    results = {k: v for k, v in chosen.results.items() if k in measured}  # what comes after is computed again, with it
    return replace(chosen, results={**results, "document": replace(document, findings=(*document.findings, *said))})
