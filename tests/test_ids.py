"""Report ids: safe by construction, unique within a run, said when changed (pipeline/run/ids.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main, shown
from pipeline.run.ids import MAX_ID_BYTES, assign_report_ids, child_of, report_id_of, safe_report_id

LONG_STEM = "æ" * 125  # 250 bytes of UTF-8: with ".pdf", a 254-byte file name


@pytest.mark.parametrize(
    "stem",
    [".", "..", "...", "", " ", ".hidden", "a\nb", "\x1b[31mred", "rtl\u202egnp", "a\\b", LONG_STEM, "x" * 251],
)
def test_an_unsafe_stem_becomes_a_safe_id_with_a_reason(stem):
    rid = safe_report_id(stem)
    assert rid.id not in ("", ".", "..")
    assert not rid.id.startswith(".")
    assert not any(c in rid.id for c in "/\\\n\x1b\u202e")
    assert len(rid.id.encode("utf-8")) <= MAX_ID_BYTES
    assert rid.why, "a changed id is said"
    assert safe_report_id(rid.id).id == rid.id, "a safe id stays as it is"


@pytest.mark.parametrize("stem", ["sluttrapport-frihet-2021-2024", "Årsrapport 2023 – «Frihet» (æøå)", "a.b", "v1.2"])
def test_a_safe_stem_is_its_own_id(stem):
    assert safe_report_id(stem).id == stem
    assert safe_report_id(stem).why == ""


def test_long_names_keep_apart():
    a, b = safe_report_id("x" * 240 + "a"), safe_report_id("x" * 240 + "b")
    assert a.id != b.id


def test_ids_that_collide_in_a_run_are_made_unique(tmp_path):
    pdfs = [tmp_path / "a.pdf", tmp_path / "a.PDF", tmp_path / "A.pdf", tmp_path / "d1" / "b.pdf", tmp_path / "d2" / "b.pdf", tmp_path / "c.pdf"]
    ids = assign_report_ids(pdfs)
    assert len({r.id.casefold() for r in ids}) == len(pdfs)
    assert [r.id for r in ids][0] == "a" and ids[3].id == "b" and ids[5].id == "c"  # the first keeps its id
    assert ids[0].why == ids[3].why == ids[5].why == ""
    for r in (ids[1], ids[2], ids[4]):
        assert "another PDF" in r.why
    assert assign_report_ids(pdfs) == ids, "the same run gives the same ids"


def test_the_target_is_a_direct_child_of_out(tmp_path):
    assert child_of(tmp_path, "a") == tmp_path / "a"
    for bad in ("", ".", "..", "../a", "a/b", ".a"):
        with pytest.raises(ValueError):
            child_of(tmp_path, bad)


def test_report_id_of_a_dot_pdf_is_not_the_folder_itself():
    assert report_id_of(Path("raw_pdfs/..pdf")) not in (".", "..", "")
    assert report_id_of(Path("raw_pdfs/...pdf")) not in (".", "..", "")


def test_shown_escapes_what_could_fake_a_line():
    assert "\n" not in shown("a\nerror: b.pdf") and "\x1b" not in shown("\x1b[2Ja.pdf")
    assert shown("Årsrapport «frihet» – 2023.pdf") == "Årsrapport «frihet» – 2023.pdf"
    assert shown("bad\udcffbyte.pdf") == "bad\\udcffbyte.pdf"


HOSTILE = ["..pdf", "...pdf", ".skjult.pdf", LONG_STEM + ".pdf", "a.pdf", "a.PDF", "ny\nlinje.pdf", "error: \x1b[31mfalsk.pdf"]


def test_hostile_names_lose_nothing(mini_pdf, tmp_path, capsys):
    """The issue's «Done when»: hostile names with a real report, into an --out holding other
    reports and user files: every PDF gets its own folder, and nothing else is touched."""
    inputs = tmp_path / "inn"
    (inputs / "d1").mkdir(parents=True)
    (inputs / "d2").mkdir()
    for name in HOSTILE:
        shutil.copy(mini_pdf, inputs / name)
    shutil.copy(mini_pdf, inputs / "d1" / "samme.pdf")
    shutil.copy(mini_pdf, inputs / "d2" / "samme.pdf")
    out = tmp_path / "ut"
    shutil.copy(mini_pdf, tmp_path / "annen-rapport.pdf")
    assert main(["run", str(tmp_path / "annen-rapport.pdf"), "--out", str(out), "--no-cache"]) == 0
    other = {p: p.read_bytes() for p in (out / "annen-rapport").rglob("*") if p.is_file()}
    (out / "mine-notater.txt").write_text("ikke slett meg")
    capsys.readouterr()
    pdfs = [inputs / n for n in HOSTILE] + [inputs / "d1" / "samme.pdf", inputs / "d2" / "samme.pdf"]

    assert main(["run", *map(str, pdfs), "--out", str(out), "-j", "2", "--no-cache"]) == 0

    captured = capsys.readouterr()
    assert (out / "mine-notater.txt").read_text() == "ikke slett meg"
    assert {p: p.read_bytes() for p in (out / "annen-rapport").rglob("*") if p.is_file()} == other
    reports = [p for p in out.iterdir() if p.is_dir() and (p / "manifest.json").is_file() and p.name != "annen-rapport"]
    assert len(reports) == len(pdfs), sorted(p.name for p in out.iterdir())
    assert all(p.parent == out and not p.name.startswith(".") for p in reports)
    assert not [p for p in out.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    lines = (captured.out + captured.err).splitlines()
    assert not [ln for ln in lines if ln.startswith("error:")], "no line is an error, and no name fakes one"
    assert sum("tiltak →" in ln for ln in lines) == len(pdfs)
    # said of every name but a.pdf and d1/samme.pdf: a name made safe, or an id another PDF has
    assert sum(ln.startswith("note: ") and "report id" in ln for ln in lines) == len(pdfs) - 2


@pytest.mark.parametrize(
    "option",
    [["-j", "0"], ["-j", "-1"], ["--max-pages", "-1"], ["--max-memory", "-1"], ["--timeout", "-1"], ["--timeout", "nan"], ["--timeout", "inf"]],
)
def test_limits_out_of_range_are_usage_errors(option, mini_pdf, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(mini_pdf), "--out", str(tmp_path), *option])
    assert exit_.value.code == 2
    assert option[0] in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_review_refuses_a_report_id_outside_out(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    assert main(["review", "..", "--out", str(tmp_path / "out")]) == 2
    assert "is not a report id" in capsys.readouterr().err


@pytest.mark.parametrize("raw", [False, True])
def test_run_neutralises_formulas_in_csv_unless_raw_csv(raw, tmp_path):
    """--raw-csv reaches the report's tables, the combined ones and the export stage; Parquet is as read."""
    import csv

    import pyarrow.parquet as pq

    from .helpers import mini_report

    formula = '=HYPERLINK("http://example.org","klikk")'
    pdf = mini_report(last_report=formula).write(tmp_path / "formel.pdf")
    out = tmp_path / "ut"
    assert main(["run", str(pdf), "--out", str(out), "--no-cache", *(["--raw-csv"] if raw else [])]) == 0
    assert main(["export", str(out / "formel"), *(["--raw-csv"] if raw else [])]) == 0
    expected = formula if raw else "'" + formula
    for table in (out / "formel" / "tiltak.csv", out / "tiltak.csv"):
        rows = list(csv.DictReader(table.open(encoding="utf-8")))
        assert [r["sluttrapport"] for r in rows if r["tiltak_nr"] == "3"] == [expected], table
    parquet = pq.read_table(out / "formel" / "tiltak.parquet").to_pylist()
    assert [r["sluttrapport"] for r in parquet if r["tiltak_nr"] == 3] == [formula]
