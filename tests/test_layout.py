"""The shape of the package: one registry each for stages, exit codes and finding codes,
and everything that lists them (runner, CLI, the generated sections of docs/) derived from
it; one executor contract; the import paths of 0.1 still working; a README that stays
short, and documentation whose links all lead somewhere."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main
from pipeline.errors import error_classes, exit_code_table_markdown
from pipeline.findings import findings_markdown
from pipeline.run.runner import stage_files
from pipeline.stages.registry import STAGES, commands, stage_table_markdown
from tools.update_readme import FILES, SECTIONS, begin, end, section

from .helpers import ROOT, SHIPPED_PDF


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def test_the_cli_has_one_subcommand_per_stage_command_in_registry_order():
    assert [s.name for s in commands()] == ["extract", "overview", "segment", "fields", "validate", "export"]
    assert [c for c in subcommands() if c not in ("run", "review", "profile", "compare")] == [s.name for s in commands()]


def test_the_stage_files_are_those_of_the_stages_that_keep_one(word_stages):
    assert sorted(stage_files(word_stages)) == sorted(f"stages/{s.name}.json" for s in STAGES if s.keeps_file)
    assert [s.name for s in STAGES if s.keeps_file] == ["extract", "overview", "segment", "fields"]


def test_every_stage_reads_only_what_an_earlier_stage_writes():
    written = {"pdf"}
    for stage in STAGES:
        assert set(stage.reads) <= written, stage.name
        assert stage.writes not in written, stage.name
        written.add(stage.writes)


DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINKING = [*DOCUMENTS, ROOT / "ARCHITECTURE.md"]  # the files whose links are checked


@pytest.mark.parametrize("name", list(SECTIONS))
def test_the_generated_sections_are_generated_from_the_code(name):
    text = FILES[name].read_text(encoding="utf-8")
    assert section(text, name) == SECTIONS[name](), "run: make readme (python -m tools.update_readme)"


@pytest.mark.parametrize("name", list(SECTIONS))
def test_each_generated_section_stands_once_and_only_in_its_file(name):
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        expected = 1 if path == FILES[name] else 0
        assert text.count(begin(name)) == text.count(end(name)) == expected, (path.name, name)


def test_the_readme_is_at_most_200_lines():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: move the details to docs/"


def test_every_docs_file_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in DOCUMENTS[1:]:
        assert f"](docs/{path.name})" in readme or f"](docs/{path.name}#" in readme, path.name


def without_code(markdown: str) -> str:
    """The text outside fenced code blocks and inline code spans."""
    markdown = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", markdown, flags=re.M | re.S)
    return re.sub(r"(`+)(?:(?!\1)[^\n]|\n(?!\s*\n))+?\1", "", markdown)  # a span may wrap, not a paragraph


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: its text lower-cased, punctuation other than '-' and '_'
    dropped, each space a '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings (a repeated one gets -1, -2, … as on GitHub)."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    for match in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, flags=re.M):
        slug = anchor(match.group(1))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    """The targets of a Markdown file's links (inline and reference definitions) that are not
    web or mail addresses."""
    text = without_code(path.read_text(encoding="utf-8"))
    targets = re.findall(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", text)
    targets += re.findall(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", text, flags=re.M)
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t, flags=re.I)]


def test_the_anchor_rule_is_githubs():
    assert anchor("Robustness: what a run guarantees") == "robustness-what-a-run-guarantees"
    assert anchor("Detection by fit, inferred profiles and drafts") == "detection-by-fit-inferred-profiles-and-drafts"
    assert anchor("`run`") == "run" and anchor("Workers, page processes and the stage cache") == "workers-page-processes-and-the-stage-cache"
    assert anchor("`tiltak` (`tiltak.parquet`, `tiltak.csv`)") == "tiltak-tiltakparquet-tiltakcsv"
    assert anchor("Oversikt – status_for tiltak") == "oversikt--status_for-tiltak"


@pytest.mark.parametrize("path", LINKING, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(path):
    assert relative_links(ROOT / "README.md"), "the link finder finds no link"
    broken = []
    for target in relative_links(path):
        file, _, fragment = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(f"{target}: no such heading in {linked.name}")
    assert not broken, broken


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




def test_the_root_error_is_no_documented_error_and_unexpected_failures_are_their_own_class():
    """Issue 20: the root PipelineError is split from the concrete unexpected failure (exit 7)."""
    from pipeline.errors import PipelineError, UnexpectedError, unexpected

    assert PipelineError not in error_classes() and UnexpectedError in error_classes()
    failure = unexpected(KeyError("x"))
    assert type(failure) is UnexpectedError and failure.exit_code == 7
    assert failure.one_line() == "could not be processed: unexpected failure (KeyError: 'x')"
