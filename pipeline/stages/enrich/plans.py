"""The plans a measure continues in, read from its status sentence.

"Tiltaket videreføres i Opptrappingsplan mot vold og overgrep mot barn og vold i
nære relasjoner (2024–2028) og i handlingsplanen Sjef i eget liv - styrket
innsats mot negativ sosial kontroll og æresmotivert vold (2025-2028)." names two
plans, each with its period. Names are kept as printed except for a generic
noun before them (the profile's ``plans.prefix``: "handlingsplanen") and
quotation marks around them; the period's dash does not matter (its years are
numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.profiles.loader import PlanRules, Profile
from pipeline.stages.fields import Tiltak
from pipeline.text import collapse

QUOTES = "«»\"“”„'‘’"
PERIOD_DASH = "–"  # how a period is printed in CSV: "name (2024–2028)"


@dataclass(frozen=True)
class Plan:
    name: str
    period_start: int | None = None
    period_end: int | None = None

    @property
    def label(self) -> str:
        if self.period_start is None:
            return self.name
        return f"{self.name} ({self.period_start}{PERIOD_DASH}{self.period_end})"


def plan_name(text: str, rules: PlanRules | None) -> str:
    """A plan's name as printed, without a generic noun before it or quotes around it."""
    name = collapse(text)
    if rules is not None:
        name = rules.prefix.sub("", name, count=1)
    return name.strip().strip(QUOTES).strip()


def continued_in(status_text: str | None, profile: Profile) -> tuple[Plan, ...]:
    """The plans a status sentence says the measure continues in, in printed order."""
    rules = profile.plans
    if rules is None or not status_text:
        return ()
    found = rules.continued_in.search(status_text)
    if not found:
        return ()
    rest = status_text[found.end() :]
    plans: list[Plan] = []
    while True:
        separator = rules.separator.match(rest) if plans else None
        rest = rest[separator.end() :] if separator else rest
        m = rules.named.match(rest)
        if not m:
            break
        plans.append(Plan(plan_name(m.group("name"), rules), int(m.group("start")), int(m.group("end"))))
        rest = rest[m.end() :]
    if not plans:  # a plan named without its period: up to the end of the sentence
        name = plan_name(rest.split(". ", 1)[0].rstrip(" ."), rules)
        if name:
            plans.append(Plan(name))
    return tuple(plans)


def union(groups: Sequence[Sequence[Plan]]) -> tuple[Plan, ...]:
    out: list[Plan] = []
    for group in groups:
        out.extend(p for p in group if p not in out)
    return tuple(out)


def measure_continued_in(t: Tiltak, profile: Profile) -> tuple[Plan, ...]:
    """A measure's plans; for one with parts, every part's, in order."""
    if not t.has_parts:
        return continued_in(t.status.text if t.status else None, profile)
    return union([continued_in(p.status.text if p.status else None, profile) for p in t.parts])
