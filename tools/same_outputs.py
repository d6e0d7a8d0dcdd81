"""Are the outputs byte-identical to those of another commit? (a check for refactorings)

Runs the pipeline of REV (checked out into a temporary git worktree) and of the working
tree on the same PDFs (by default the frihet report's two renderings and the two Sjef
i eget liv reports), at the same paths, and compares every output file byte for byte.
Prints the files that differ; exits 1 if any do.

Run from the repository root:  .venv/bin/python -m tools.same_outputs REV [PDF ...]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PDFS = [
    ROOT / "raw_pdfs" / "sluttrapport-frihet-2021-2024.pdf",
    ROOT / "tests" / "pdfs" / "sluttrapport-frihet-2021-2024-alt.pdf",
    ROOT / "tests" / "pdfs" / "sjef-i-eget-liv-status-2025.pdf",
    ROOT / "tests" / "pdfs" / "sjef-i-eget-liv-status-2026.pdf",
]


def run(tree: Path, pdfs: Path, out: Path) -> None:
    """The pipeline of ``tree`` (its own package first on the path) on the PDFs in ``pdfs``."""
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(pdfs), "--out", str(out), "--no-cache", "--in-process"],
        cwd=tree,
        check=False,
        capture_output=True,
    )


# Where the package itself lives: each run's own checkout, so not a difference of the outputs.
PLACE_KEYS = ("profile_path",)


def same(a: Path, b: Path) -> bool:
    """Byte for byte; a manifest apart from the keys that name where the package lives."""
    if filecmp.cmp(a, b, shallow=False):
        return True
    if a.name != "manifest.json":
        return False
    left, right = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    return {k: v for k, v in left.items() if k not in PLACE_KEYS} == {k: v for k, v in right.items() if k not in PLACE_KEYS}


def differing(a: Path, b: Path) -> list[str]:
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    out = [f"only in {rev}: {n}" for rev, names in (("REV", names_a - names_b), ("working tree", names_b - names_a)) for n in sorted(names)]
    out += [f"differs: {n}" for n in sorted(names_a & names_b) if not same(a / n, b / n)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare with, e.g. HEAD or main~3")
    parser.add_argument("pdfs", nargs="*", type=Path, help="the PDFs to run (default: the four fixture reports)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-outputs-") as tmp:
        work = Path(tmp)
        pdfs = work / "pdfs"  # one place for both runs: the outputs name the PDF's path
        pdfs.mkdir()
        for pdf in args.pdfs or DEFAULT_PDFS:
            shutil.copy(pdf, pdfs / Path(pdf).name)
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(work / "rev"), args.rev], cwd=ROOT, check=True)
        try:
            run(work / "rev", pdfs, work / "before")
            run(ROOT, pdfs, work / "after")
            found = differing(work / "before", work / "after")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "rev")], cwd=ROOT, check=False)
    for line in found:
        print(line)
    print(f"{'identical' if not found else f'{len(found)} differences'} ({args.rev} against the working tree)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
