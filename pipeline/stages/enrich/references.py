"""References from a block's text to other measures: of this plan, and of other plans.

"se tiltak 8", "Se også tiltak 1 og 27", "jf. Tiltak 5 i denne planen" refer to
measures of this plan (``references``, as numbers; a block's mentions of its own
number — "tiltake 9a og 9b" in tiltak 9 — are not references).
"tiltak 26a i handlingsplanen «Sjef i eget liv …»" and "tiltak 1 b i ny
handlingsplan for 2025-2028" refer to measures of other plans and are kept apart
(``external_references``: the measure as printed without spaces, and the plan).
The patterns are the profile's ``[references]``. Where a report numbers its measures per
focus area, «se tiltak 2.1» names a measure by its whole number, and the reference is that
measure's tiltak_nr (its place in the report); a number the report does not print has no place,
and is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pipeline.profiles.loader import Profile, ReferenceRules
from pipeline.stages.enrich.plans import plan_name


@dataclass(frozen=True)
class ExternalReference:
    tiltak: str  # the measure's number (and part letter) in the other plan: "26a", "1b"
    plan: str  # the other plan, as printed (without a generic noun before it or quotes)

    @property
    def label(self) -> str:
        return f"{self.tiltak} i «{self.plan}»"


@dataclass(frozen=True)
class References:
    internal: tuple[int, ...] = ()
    external: tuple[ExternalReference, ...] = ()


def _numbers(text: str, rules: ReferenceRules) -> list[tuple[str, str]]:
    return [(m.group("nr"), m.group("part") or "") for m in rules.number.finditer(text)]


def tiltak_nr_of(printed: str, places: Mapping[str, int], part: str = "") -> int | None:
    """A referred measure's tiltak_nr: its place among the report's numbers where it has one («2.1»;
    «4a», or «5» where «4a» and «4b» are measures before it), else a whole number as printed (None if neither)."""
    if printed + part in places:
        return places[printed + part]
    return places[printed] if printed in places else int(printed) if printed.isdigit() else None


def references(texts: Iterable[str | None], own_nr: int, profile: Profile, places: Mapping[str, int] | None = None) -> References:
    """The measures a block's texts refer to, without its own number (``places``: each number of
    several levels the report prints, with its tiltak_nr)."""
    rules = profile.references
    if rules is None:
        return References()
    internal: set[int] = set()
    external: list[ExternalReference] = []
    for text in map(str, filter(None, texts)):
        for m in rules.mention.finditer(text):
            after = text[m.end() :]
            other = None if rules.this_plan.match(after) else rules.other_plan.match(after)
            for nr, part in _numbers(m.group("numbers"), rules):
                if other:
                    ref = ExternalReference(f"{nr}{part}", plan_name(other.group("plan"), profile.plans))
                    if ref not in external:
                        external.append(ref)
                elif (found := tiltak_nr_of(nr, places or {}, part)) is not None and found != own_nr:
                    internal.add(found)
    return References(tuple(sorted(internal)), tuple(external))
