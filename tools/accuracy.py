"""How well every fixture rendering of the frihet report is read (``make accuracy``).

For each rendering: the blocks equal to their golden, the overview rows equal to
the golden table, whether the findings equal the pinned ones, the tables that
differ from the reference rendering's (layout columns aside; «*»: compared without
the spaces its PDF does not hold at a line end, tests.helpers.LOST_AT_LINE_END), and the
hyphenation decisions (joined, kept, suspended, uncertain). Not part of
``make test``: the tests assert the same comparisons; this prints them all at
once, as a user would want to see them.

Run from the repository root:  .venv/bin/python -m tools.accuracy [PDF ...] [-v] [--engine pdfium]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import process_pdf
from tests.goldens import block_differences, expected_pages, finding_rows, golden_findings, golden_tiltak, overview_differences, table_differences
from tests.helpers import LOST_AT_LINE_END, RENDERINGS, fixture_renderings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="renderings to measure (default: every fixture rendering)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    parser.add_argument("--engine", default="pdfplumber", help="the extraction engine that reads the renderings (pdfplumber, pdfium)")
    args = parser.parse_args(argv)
    renderings = {p.stem: p for p in args.pdfs} if args.pdfs else fixture_renderings()
    profile = load_profile("frihet-sluttrapport")
    _, reference = process_pdf(RENDERINGS["word"], profile)
    want_findings = golden_findings()
    header = f"{'rendering':32} {'blocks':>7} {'pages':>6} {'rows':>6} {'findings':>9} {'tables':>7}  hyphens (joined/kept/suspended, uncertain)"
    print(header)
    print("-" * len(header))
    perfect = True
    for name, pdf in renderings.items():
        try:
            stages, files = process_pdf(pdf, profile, engine=args.engine)
        except PipelineError as exc:
            print(f"{name:32} error: {exc.one_line()}")
            perfect = False
            continue
        blocks = block_differences(stages, golden_tiltak())
        pages = expected_pages(name)
        paged = block_differences(stages, golden_tiltak(), pages) if pages else None
        rows = overview_differences(stages)
        findings = finding_rows(stages)
        lost = LOST_AT_LINE_END.get(name, ())  # phrases whose space the PDF does not hold: compared without it
        tables = table_differences(files, reference, lost=lost)
        hy = Counter(h.decision for h in stages.document.hyphens)
        uncertain = sum(1 for h in stages.document.hyphens if h.uncertain)
        ok_blocks = sum(1 for k, d in blocks.items() if k and not d)
        ok_pages = "-" if paged is None else str(sum(1 for k, d in paged.items() if k and not d))
        ok_rows = sum(1 for k, d in rows.items() if k and not d)
        same = findings == want_findings
        bad_tables = [t for t, d in tables.items() if d]
        print(
            f"{name:32} {ok_blocks:>4}/{len(golden_tiltak()):<2} {ok_pages:>6} {ok_rows:>3}/{len([k for k in rows if k]):<2} "
            f"{'equal' if same else f'{len(findings)}≠{len(want_findings)}':>9} {len(tables) - len(bad_tables):>4}/{len(tables)}{'*' if lost else ' '} "
            f"{hy['join']}/{hy['keep']}/{hy['suspended']}, {uncertain}"
        )
        perfect &= ok_blocks == len(golden_tiltak()) and same and not bad_tables
        if args.verbose:
            for d in [*(x for v in blocks.values() for x in v), *(f"row {k}: {x}" for k, v in rows.items() for x in v)]:
                print(f"    {d}")
            if not same:
                wanted = {json.dumps(f, sort_keys=True) for f in want_findings}
                got = {json.dumps(f, sort_keys=True) for f in findings}
                for f in sorted(got - wanted):
                    print(f"    + finding {f}")
                for f in sorted(wanted - got):
                    print(f"    - finding {f}")
            for t in bad_tables:
                for d in tables[t][:5]:
                    print(f"    table {t}: {d}")
            for h in stages.document.hyphens:
                if h.uncertain:
                    print(f"    uncertain hyphen p.{h.page}: {h.left}|{h.right} → {h.joined} ({h.evidence})")
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
