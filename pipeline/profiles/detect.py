"""Which report family a PDF belongs to: the first profile whose markers all occur.

Each profile lists ``detect`` patterns (``[profile] detect`` in its TOML) that the
text of a report's first pages must all match. Profiles are tried in name order;
a PDF that matches none fails with a message that names the profiles tried.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.errors import UnknownReportFamilyError
from pipeline.profiles.loader import Profile, available_profiles, load_profile
from pipeline.stages.extract import RawPdf

FIRST_PAGES = 8  # where a report names its family and its year


def all_profiles() -> list[Profile]:
    return [load_profile(name) for name in available_profiles()]


def matches(profile: Profile, text: str) -> bool:
    return bool(profile.detect) and all(p.search(text) for p in profile.detect)


def detect_profile(raw: RawPdf, profiles: Sequence[Profile]) -> Profile:
    text = raw.text_of_pages(1, FIRST_PAGES)
    for profile in profiles:
        if matches(profile, text):
            return profile
    tried = ", ".join(p.name for p in profiles) or "none"
    raise UnknownReportFamilyError(f"its first pages match none of the report profiles (tried: {tried})")
