"""--verbose: the decisions a run makes, said on stderr (issue 20, item 7)."""

from __future__ import annotations

import logging
import shutil

from pipeline.cli import main

from .corpus import make_corrupt_stream
from .helpers import SHIPPED_PDF


def info_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith(("INFO ", "DEBUG "))]


def test_verbose_says_which_engine_read_what_was_cached_and_why_a_profile_was_chosen(mini_pdf, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(mini_pdf), "--out", str(out), "--in-process", "-v"]) == 0
    said = info_lines(capsys.readouterr().err)
    assert any("no entry" in ln for ln in said), said  # the cache was asked, and missed
    assert any("mini-rapport.pdf: 3 pages read by pdfplumber in 1 process" in ln for ln in said), said
    assert any("tried profile frihet-sluttrapport: fit 3/3 blocks" in ln for ln in said), said
    assert any("tried profile sjef-i-eget-liv-status" in ln and "poor" in ln for ln in said), said
    assert any(ln.endswith("chose profile frihet-sluttrapport") for ln in said), said

    assert main(["run", str(mini_pdf), "--out", str(out), "--in-process", "-v"]) == 0
    said = info_lines(capsys.readouterr().err)
    assert any("mini-rapport.pdf: from the cache" in ln for ln in said), said
    assert not any("read by" in ln for ln in said), "a hit reads no page"


def test_a_page_the_reference_reads_for_pdfium_is_named(tmp_path, capsys):
    """A PDF with a damaged stream: PDFium's reading falls back, and -v says where."""
    pdf = make_corrupt_stream(tmp_path)
    assert main(["run", str(pdf), "--out", str(tmp_path / "out"), "--in-process", "--no-cache", "--engine", "pdfium", "-v"]) == 0
    said = info_lines(capsys.readouterr().err)
    assert any(ln.endswith("28 pages read by pdfium in 1 process; the reference read page 6 instead") for ln in said), said


def test_without_verbose_nothing_is_said_and_the_loggers_are_left_as_they_were(mini_pdf, tmp_path, capsys):
    shutil.copy(mini_pdf, tmp_path / "a.pdf")
    assert main(["run", str(tmp_path / "a.pdf"), "--out", str(tmp_path / "out"), "--in-process", "--no-cache"]) == 0
    assert info_lines(capsys.readouterr().err) == []
    main(["run", str(tmp_path / "a.pdf"), "--out", str(tmp_path / "out"), "--in-process", "--no-cache", "-vv"])
    logger = logging.getLogger("pipeline")
    assert logger.handlers == [] and logger.level == logging.NOTSET
    assert SHIPPED_PDF.is_file()
