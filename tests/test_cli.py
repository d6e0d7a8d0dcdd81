"""The command line as a user meets it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from pipeline.cli import main

from .corpus import CASES
from .helpers import ROOT, mini_report, run_cli
from .synth import SynthDoc

REQUIRED = [
    "tiltak.parquet",
    "tiltak.csv",
    "tiltak_deler.parquet",
    "tiltak_deler.csv",
    "oversikt.parquet",
    "oversikt.csv",
    "validation.json",
    "validation.md",
]


def scanned_pdf(path: Path) -> Path:
    """Pages that are only an image: what a scanner produces."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 560), 255)
    ImageDraw.Draw(img).rectangle((40, 40, 360, 80), fill=0)
    img_path = path.with_suffix(".png")
    img.save(img_path)
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(str(img_path), 0, 0, *A4)
    c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path, password: str) -> Path:
    c = Canvas(str(path), pagesize=A4, invariant=1, encrypt=StandardEncryption(password, ownerPassword="owner", strength=128))
    c.drawString(72, 700, "Tiltak 1. Hemmelig")
    c.showPage()
    c.save()
    return path


@pytest.fixture
def bad_inputs(tmp_path) -> dict[str, tuple[Path, int, str]]:
    """name → (file, exit code, words the error line must contain)."""
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    html = tmp_path / "download.pdf"
    html.write_text("<!DOCTYPE html><html>Not found</html>", encoding="utf-8")
    truncated = tmp_path / "truncated.pdf"
    whole = mini_report().write(tmp_path / "whole.pdf").read_bytes()
    truncated.write_bytes(whole[: len(whole) // 3])
    no_tiltak = SynthDoc().text("Bare en vanlig tekst uten tiltak.").write(tmp_path / "no-tiltak.pdf")
    return {
        "empty": (empty, 3, "not a PDF: the file is empty"),
        "html": (html, 3, "not a PDF"),
        "truncated": (truncated, 3, "PDF"),
        "encrypted": (encrypted_pdf(tmp_path / "locked.pdf", "hemmelig"), 4, "encrypted PDF"),
        "scanned": (scanned_pdf(tmp_path / "scan.pdf"), 5, "no text layer: its only page has no extractable text (run OCR first"),
        "no_tiltak": (no_tiltak, 6, "unknown report family: its first pages match none of the report profiles (tried: frihet-sluttrapport"),
    }


def test_run_writes_every_output(mini_pdf, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out)]) == 0
    folder = out / "mini-rapport"
    for name in REQUIRED:
        assert (folder / name).is_file(), name
    for stage in ("extract", "overview", "segment", "fields"):
        assert (folder / "stages" / f"{stage}.json").is_file()
    schema = pq.read_schema(folder / "tiltak.parquet")
    assert schema.field("tiltak_nr").type == "int32" and not schema.field("tiltak_nr").nullable
    assert schema.metadata[b"source_file"] == b"mini-rapport.pdf"
    assert len(schema.metadata[b"source_sha256"]) == 64
    assert [p.name for p in out.glob(".*")] == [".cache"], "no temporary folders left behind"


def test_strict_fails_on_error_findings(mini_pdf, tmp_path):
    assert main(["run", str(mini_pdf), "--out", str(tmp_path), "--strict"]) == 1


# One bad input per exit code is run as a user's shell runs it (python -m pipeline, a process of its
# own: its exit code and its stderr at the end of a real process); the others in this process.
IN_A_PROCESS_OF_ITS_OWN = {"empty", "encrypted", "scanned", "no_tiltak"}


@pytest.mark.parametrize("name", ["empty", "html", "truncated", "encrypted", "scanned", "no_tiltak"])
def test_bad_input_gets_one_line_and_its_exit_code(bad_inputs, tmp_path, name, cli):
    path, code, words = bad_inputs[name]
    run = run_cli if name in IN_A_PROCESS_OF_ITS_OWN else cli
    result = run("run", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == code, result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {path}: ")
    assert words in errors[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / path.stem).exists()


def test_a_report_of_the_chosen_profile_without_tiltak(bad_inputs, tmp_path, cli):
    path = bad_inputs["no_tiltak"][0]
    result = cli("run", str(path), "--profile", "frihet-sluttrapport", "--out", str(tmp_path))
    assert result.returncode == 6
    assert result.stderr.startswith(f"error: {path}: no tiltak found: no heading matched the profile's tiltak pattern")


def test_an_encrypted_pdf_with_an_empty_user_password_just_works(tmp_path):
    d = mini_report()
    d.encrypt = StandardEncryption("", ownerPassword="owner", strength=128)
    locked = d.write(tmp_path / "owner-only.pdf")
    assert b"/Encrypt" in locked.read_bytes()
    assert main(["run", str(locked), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "owner-only" / "tiltak.csv").is_file()


def test_one_bad_pdf_does_not_stop_the_others_and_keeps_old_outputs(mini_pdf, bad_inputs, tmp_path, cli):
    out = tmp_path / "out"
    # a previous good run of a report whose PDF is now broken
    broken = tmp_path / "mini-rapport-2.pdf"
    broken.write_bytes(mini_pdf.read_bytes())
    assert main(["run", str(broken), "--out", str(out)]) == 0
    before = (out / "mini-rapport-2" / "tiltak.csv").read_bytes()
    broken.write_bytes(b"%PDF-1.4\n garbage")
    result = cli("run", str(broken), str(mini_pdf), str(bad_inputs["empty"][0]), "--out", str(out))
    assert result.returncode == 3
    assert "mini-rapport.pdf: 3 tiltak" in result.stdout
    assert len([ln for ln in result.stderr.splitlines() if ln.startswith("error:")]) == 2
    assert (out / "mini-rapport-2" / "tiltak.csv").read_bytes() == before
    assert (out / "mini-rapport" / "tiltak.csv").is_file()
    assert [p.name for p in out.glob(".*")] == [".cache"]


def test_stages_run_one_at_a_time(mini_pdf, tmp_path):
    out = tmp_path / "out"
    folder = out / "mini-rapport"
    assert main(["extract", str(mini_pdf), "--out", str(out)]) == 0
    for stage in ("overview", "segment", "fields", "validate", "export"):
        assert main([stage, str(folder)]) == 0, stage
    for name in REQUIRED:
        assert (folder / name).is_file(), name
    # the same result as a whole run
    whole = tmp_path / "whole"
    main(["run", str(mini_pdf), "--out", str(whole)])
    assert (folder / "tiltak.csv").read_bytes() == (whole / "mini-rapport" / "tiltak.csv").read_bytes()
    assert (folder / "validation.json").read_bytes() == (whole / "mini-rapport" / "validation.json").read_bytes()


def test_a_stage_without_its_input_says_what_to_run(tmp_path, capsys):
    assert main(["segment", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "extract.json does not exist" in err and "run the earlier stages first" in err


def test_every_command_is_documented_in_the_readme():
    from pipeline.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"python -m pipeline {name}" in readme, name


@pytest.mark.slow
@pytest.mark.parametrize("case", ["corrupt-stream", "arsrapport"])
def test_stages_one_at_a_time_say_what_a_whole_run_says(case, tmp_path, hostile_corpus):
    """What reading found (a damaged stream worked around) and what was said of the profile (one
    inferred from the report) reach validation when the stages run one at a time, too: every file
    is the same as a whole run's."""
    from .test_hostile import folder_bytes

    pdf = hostile_corpus[case] if case in CASES else ROOT / "tests" / "pdfs" / "frihet-arsrapport-2023.pdf"
    staged, whole = tmp_path / "staged", tmp_path / "whole"
    assert main(["extract", str(pdf), "--out", str(staged)]) == 0
    for stage in ("overview", "segment", "fields", "validate", "export"):
        assert main([stage, str(staged / pdf.stem)]) == 0, stage
    main(["run", str(pdf), "--out", str(whole), "--no-cache"])
    said = {f["code"] for f in json.loads((whole / pdf.stem / "validation.json").read_text(encoding="utf-8"))["findings"]}
    assert said & {"damaged_stream", "profile_inferred"}  # the case has something to say
    assert folder_bytes(staged / pdf.stem) == folder_bytes(whole / pdf.stem)
