"""Compare a pipeline run on the held-out families with their goldens.

    .venv/bin/python -m pipeline run tests/pdfs/held_out_families --out /tmp/hof-out
    .venv/bin/python tools/held_out_families_check.py /tmp/hof-out [--all] [--golden DIR]

--golden DIR checks another batch of the same format (default: tests/golden/held_out_families), e.g.
tests/golden/held_out_families_2 for a run on tests/pdfs/held_out_families_2.

For each member of `tests/golden/held_out_families/` (the member ↔ PDF mapping is read from its
README.md) prints: the measures found vs expected; how many measures have the title,
ansvarlig_departement and status equal (and the lead department and the others, `lead_departement` and
`samarbeid`, where the golden gives them) and the description and the sluttrapport starting and ending
with the golden's words (a golden's null description: none expected); apart from those, how many
measures found have the focus area's number or the pages wrong; the overview rows right; the plan/year
read; the error and warning finding codes; and the first mismatches (all with --all).
Reads only the goldens and the run's output folder.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "held_out_families"


def norm(s) -> str:
    return re.sub(r"\s+", " ", (s or "").strip())


def members(golden: Path = GOLDEN) -> list[tuple[str, str]]:
    out = []
    for line in (golden / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([^`]+)` \| `([^`]+)\.pdf` \|", line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def key_of(row: dict) -> str:
    nummer = row.get("nummer")
    return norm(str(nummer)) if nummer not in (None, "") else norm(str(row.get("tiltak_nr", "")))


def text_mismatch(g: dict, r: dict, fld: str) -> str | None:
    """A long text (the description, the sluttrapport) is right when it starts and ends with the
    golden's first and last words; a golden without them (null) expects it empty. Returns what is
    wrong, or None."""
    got = norm(r.get(fld))
    first, last = g.get(f"{fld}_first"), g.get(f"{fld}_last")
    if first is None and last is None:
        ok = not got
    else:
        ok = got.startswith(norm(first)) and got.endswith(norm(last))
    if ok:
        return None
    short = got if len(got) < 90 else got[:40] + " … " + got[-40:]
    want = "nothing" if first is None and last is None else f"«{first} … {last}»"
    return f"{fld}: expected {want}, got «{short}»"


def check_member(name: str, report_id: str, out: Path, show: int, golden: Path = GOLDEN) -> dict:
    gdir = golden / name
    g_tiltak = json.loads((gdir / "tiltak.json").read_text(encoding="utf-8"))
    g_over = read_csv(gdir / "oversikt.csv")
    profile = json.loads((gdir / "profile.json").read_text(encoding="utf-8"))
    rdir = out / report_id
    print(f"== {name} ({report_id})")
    if not (rdir / "tiltak.csv").exists():
        print(f"   no output: the run did not process this PDF (0/{len(g_tiltak)} measures right)")
        return {"member": name, "right": 0, "expected": len(g_tiltak), "processed": False}
    got = read_csv(rdir / "tiltak.csv")
    manifest = json.loads((rdir / "manifest.json").read_text(encoding="utf-8"))
    by_key = {}
    for r in got:
        by_key.setdefault(key_of(r), r)
    right, mismatches, fields_wrong = 0, [], Counter()
    also_wrong = Counter()  # not counted in «right»: the focus area and the pages
    for g in g_tiltak:
        k = norm(g.get("nummer") or str(g["tiltak_nr"]))
        r = by_key.get(k)
        if r is None:
            mismatches.append(f"tiltak {k}: not found")
            fields_wrong["missing"] += 1
            continue
        bad = []
        for fld in ("title", "ansvarlig_departement", "status"):
            if norm(g[fld]) != norm(r.get(fld)):
                bad.append(f"{fld}: expected «{g[fld]}», got «{r.get(fld) or ''}»")
                fields_wrong[fld] += 1
        for fld in ("lead_departement", "samarbeid"):  # the departments by role, where a golden gives them
            want = "; ".join(g[fld]) if isinstance(g.get(fld), list) else g.get(fld)
            if fld in g and norm(want) != norm(r.get(fld)):
                bad.append(f"{fld}: expected «{want}», got «{r.get(fld) or ''}»")
                fields_wrong[fld] += 1
        for fld in ("description", "sluttrapport"):
            miss = text_mismatch(g, r, fld)
            if miss:
                bad.append(miss)
                fields_wrong[fld] += 1
        if str(g["innsatsomrade_nr"]) != norm(r.get("innsatsomrade_nr")):
            also_wrong["innsatsomrade_nr"] += 1
        if (str(g["page_start"]), str(g["page_end"])) != (norm(r.get("page_start")), norm(r.get("page_end"))):
            also_wrong["pages"] += 1
        if bad:
            mismatches.append(f"tiltak {k}: " + "; ".join(bad))
        else:
            right += 1
    extra = [key_of(r) for r in got if key_of(r) not in {norm(g.get("nummer") or str(g["tiltak_nr"])) for g in g_tiltak}]
    print(
        f"   measures found {len(got)} / expected {len(g_tiltak)}; {right}/{len(g_tiltak)} measures right"
        + (f"; fields wrong: {dict(fields_wrong)}" if fields_wrong else "")
        + (f"; unexpected numbers: {extra[:8]}" if extra else "")
    )
    if also_wrong:
        print(f"   not counted above, wrong in measures found: {dict(also_wrong)}")
    # the overview table
    o_got = read_csv(rdir / "oversikt.csv")
    if g_over:
        o_by = {key_of(r): r for r in o_got}
        o_right, o_bad = 0, []
        for g in g_over:
            k = key_of(g)
            r = o_by.get(k)
            if r is None:
                o_bad.append(f"row {k}: not found")
                continue
            diffs = [
                f"{f}: expected «{g[f]}», got «{r.get(f) or ''}»"
                for f in ("title", "ansvarlig_departement", "status")
                if norm(g[f]) != norm(r.get(f))
            ]
            if diffs:
                o_bad.append(f"row {k}: " + "; ".join(diffs))
            else:
                o_right += 1
        print(f"   overview rows read {len(o_got)} / expected {len(g_over)}; {o_right}/{len(g_over)} rows right")
    else:
        o_bad, o_right = [], None
        print(f"   no overview table expected; rows read {len(o_got)}")
    print(
        f"   manifest: profile {manifest.get('profile')}, plan «{manifest.get('plan')}» "
        f"(expected «{profile['plan']}»), year {manifest.get('report_year')} (expected {profile['year']})"
        + (f", measures: {manifest['measures']}" if manifest.get("measures") else "")
    )
    val = json.loads((rdir / "validation.json").read_text(encoding="utf-8"))
    codes = {sev: Counter(f["code"] for f in val["findings"] if f["severity"] == sev) for sev in ("error", "warning", "info")}
    for sev in ("error", "warning"):
        print(f"   {sev}s: " + (", ".join(f"{c}×{n}" for c, n in codes[sev].items()) or "none"))
    print(f"   summary read: total {val['summary'].get('summary_total')}, counts {val['summary'].get('summary_counts')}")
    for line in (mismatches + o_bad)[:show]:
        print("   - " + line)
    return {
        "member": name,
        "right": right,
        "expected": len(g_tiltak),
        "found": len(got),
        "also_wrong": dict(also_wrong),
        "overview_right": o_right,
        "overview_expected": len(g_over),
        "errors": dict(codes["error"]),
        "warnings": dict(codes["warning"]),
        "processed": True,
    }


def main(argv: list[str]) -> int:
    argv = list(argv)
    golden = GOLDEN
    for i, a in enumerate(argv):
        if a == "--golden" or a.startswith("--golden="):
            value = a.split("=", 1)[1] if "=" in a else argv[i + 1]
            del argv[i : i + (1 if "=" in a else 2)]
            golden = Path(value).resolve()
            break
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0] if args else "/tmp/hof-out")
    show = 10_000 if "--all" in argv else 6
    results = [check_member(name, rid, out, show, golden) for name, rid in members(golden)]
    total = sum(r["right"] for r in results)
    expected = sum(r["expected"] for r in results)
    print(f"\nall members: {total}/{expected} measures right; {sum(r['processed'] for r in results)}/{len(results)} PDFs processed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
