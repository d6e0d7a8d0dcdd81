"""The report's list of departments, its footnotes and its links: the same on every rendering (issue 10).

Every fixture rendering of the frihet report (tests/pdfs/renderings/ and the two of
tests/helpers.py) goes through the whole pipeline once per session, and its
``departementer``, ``fotnoter`` and ``lenker`` tables must equal the reference
rendering's, layout columns aside. The renderings differ exactly where these tables
used to break: bullets hanging at the margin or indented, glyphs «•», «o», «–»,
«▪», and link annotations that a wrapped anchor text splits, in any order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .goldens import csv_rows, table_differences
from .helpers import REPRESENTATIVES, processed, read_renderings, sampled

RENDERED: dict[str, Path] = read_renderings()
KEPT = (*REPRESENTATIVES, "alt")  # in the fast loop (as in test_renderings.py); every rendering in make test-slow


def differences(name: str, table: str) -> list[str]:
    return table_differences(processed(name)[1], processed("word")[1], (table,))[table]


@pytest.mark.parametrize("name", sampled(sorted(RENDERED), KEPT))
def test_the_list_of_departments_is_the_same(name):
    stages, _ = processed(name)
    assert len(stages.enrichment.departementer) == 15
    assert differences(name, "departementer") == []


@pytest.mark.parametrize("name", sampled(sorted(RENDERED), KEPT))
def test_the_footnotes_are_the_same(name):
    assert differences(name, "fotnoter") == []


@pytest.mark.parametrize("name", sampled(sorted(RENDERED), KEPT))
def test_no_department_is_falsely_unknown(name):
    stages, _ = processed(name)
    codes = [f.code for f in stages.findings]
    assert "unknown_department" not in codes and "department_list_incomplete" not in codes


@pytest.mark.parametrize("name", sampled(sorted(RENDERED), KEPT))
def test_the_links_read_the_same(name):
    """Target and whole anchor text of every link, in reading order, however its text wraps."""

    def links(of: str) -> list[tuple[str, str]]:
        return [(r["url"], r["anchor_text"]) for r in csv_rows(processed(of)[1], "lenker")]

    assert links(name) == links("word")


@pytest.mark.parametrize("name", sampled(sorted(RENDERED), KEPT))
def test_the_links_are_the_same(name):
    """The whole table: also the measure and field each link stands in."""
    assert differences(name, "lenker") == []
