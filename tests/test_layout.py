"""The shape of the package: one registry each for stages, exit codes and finding codes,
and everything that lists them (runner, CLI, README) derived from it; one executor
contract; the import paths of 0.1 still working."""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings

import pytest

from pipeline import MOVED
from pipeline.cli import build_parser, main
from pipeline.errors import error_classes, exit_code_table_markdown
from pipeline.findings import findings_markdown
from pipeline.run.runner import stage_files
from pipeline.stages import STAGES, commands, stage_table_markdown
from tools.update_readme import SECTIONS, section

from .helpers import ROOT, SHIPPED_PDF


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def test_the_cli_has_one_subcommand_per_stage_command_in_registry_order():
    assert [s.name for s in commands()] == ["extract", "overview", "segment", "fields", "validate", "export"]
    assert [c for c in subcommands() if c not in ("run", "review", "profile")] == [s.name for s in commands()]


def test_the_stage_files_are_those_of_the_stages_that_keep_one(word_stages):
    assert sorted(stage_files(word_stages)) == sorted(f"stages/{s.name}.json" for s in STAGES if s.keeps_file)
    assert [s.name for s in STAGES if s.keeps_file] == ["extract", "overview", "segment", "fields"]


def test_every_stage_reads_only_what_an_earlier_stage_writes():
    written = {"pdf"}
    for stage in STAGES:
        assert set(stage.reads) <= written, stage.name
        assert stage.writes not in written, stage.name
        written.add(stage.writes)


@pytest.mark.parametrize("name", list(SECTIONS))
def test_the_readme_sections_are_generated_from_the_code(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert section(readme, name) == SECTIONS[name](), "run: .venv/bin/python -m tools.update_readme"


def test_the_generated_tables_name_every_entry():
    assert all(f"`python -m pipeline {s.name} " in stage_table_markdown() for s in commands())
    table = exit_code_table_markdown()
    for cls in error_classes():
        assert f"| {cls.exit_code} | `{cls.reason}` |" in table and cls.__doc__, cls.__name__
    assert "`unknown_department`" in findings_markdown()


def test_no_error_class_shares_its_reason_and_every_one_has_a_code():
    reasons = [c.reason for c in error_classes()]
    assert len(reasons) == len(set(reasons))
    assert all(2 <= c.exit_code <= 11 for c in error_classes())


def test_a_missing_pdf_is_its_own_error_not_an_unexpected_failure(tmp_path, capsys):
    code = main(["run", str(tmp_path / "nowhere.pdf"), "--out", str(tmp_path / "out"), "--in-process"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"error: {tmp_path / 'nowhere.pdf'}: no such file" in err and "unexpected" not in err


@pytest.mark.parametrize(
    "options, refused",
    [
        (["--in-process", "--timeout", "5"], "--timeout"),
        (["--in-process", "-j", "2"], "-j"),
        (["--in-process", "--max-memory", "100"], "--max-memory"),
        (["--executor", "dask", "-j", "2"], "-j"),
        (["--executor", "dask", "--timeout", "5"], "--timeout"),
        (["--executor", "dask", "--page-processes", "2"], "--page-processes"),
    ],
)
def test_an_option_the_executor_cannot_honour_is_refused(tmp_path, capsys, options, refused):
    out = tmp_path / "out"
    code = main(["run", str(SHIPPED_PDF), "--out", str(out), *options])
    err = capsys.readouterr().err
    assert code == 2 and "cannot honour" in err and refused in err, err
    assert not out.exists()  # refused before any work


def test_the_old_import_paths_still_work_with_a_warning():
    for old, new in MOVED.items():
        sys.modules.pop(old, None)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            module = importlib.import_module(old)
        assert module is importlib.import_module(new), old
        assert any(issubclass(w.category, DeprecationWarning) and new in str(w.message) for w in caught), old
    from pipeline.extract import extract
    from pipeline.runner import process_pdf, run_one  # the documented 0.1 API

    assert process_pdf.__module__ == "pipeline.run.runner" and run_one.__module__ == "pipeline.run.executors"
    assert extract.__module__ == "pipeline.stages.extract"
