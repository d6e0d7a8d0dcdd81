"""Shared fixtures: the shipped PDF, its second rendering, the goldens, a mini report, the hostile
corpus, and the command line called in the test's own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.profiles.loader import load_profile
from pipeline.run.runner import Stages

from . import helpers
from .corpus import write_corpus
from .helpers import GOLDEN, RENDERINGS, ROOT, mini_report, processed


@pytest.fixture(scope="session", autouse=True)
def shared_between_workers(tmp_path_factory) -> Path:
    """The folder every process of this test run shares (helpers.shared): under xdist, the parent of
    the workers' own temporary folders (popen-gw0, popen-gw1, …), which is this run's and no other's."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    folder.mkdir(exist_ok=True)
    helpers.SHARED = folder
    return folder


@pytest.fixture(scope="session")
def profile():
    return load_profile()


@pytest.fixture(scope="session", params=sorted(RENDERINGS))
def rendering(request) -> tuple[str, Stages, dict[str, bytes]]:
    stages, files = processed(request.param)
    return request.param, stages, files


@pytest.fixture(scope="session")
def word_stages() -> Stages:
    return processed("word")[0]


@pytest.fixture(scope="session")
def golden_tiltak() -> list[dict]:
    return json.loads((GOLDEN / "tiltak.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mini_pdf(tmp_path_factory) -> Path:
    return mini_report().write(tmp_path_factory.mktemp("mini") / "mini-rapport.pdf")


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> dict[str, Path]:
    """The corpus of hostile and broken PDFs (tests/corpus.py), written once per session: name → file.
    Its folder holds the corpus and nothing else; the tests only read it (a run that needs more
    files beside it copies them into a folder of its own)."""
    return write_corpus(tmp_path_factory.mktemp("hostile-corpus"))


@pytest.fixture
def cli(capfd, monkeypatch) -> Callable[..., subprocess.CompletedProcess]:
    """``python -m pipeline ARGS`` called in this process: ``pipeline.cli.main`` from the checkout's
    root, its exit code (argparse's too) and what it wrote to stdout and stderr, its workers' included
    (captured at the file descriptors), as helpers.run_cli gives them from a process of its own."""

    def run(*args: str, env: dict[str, str] | None = None, without: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        with monkeypatch.context() as patch:
            patch.chdir(ROOT)
            for name in without:
                patch.delenv(name, raising=False)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            capfd.readouterr()  # what came before is not this run's
            try:
                code = main(list(args))
            except SystemExit as exit:  # argparse: a usage error (2), --help or --version (0)
                code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
                if not isinstance(exit.code, int | None):
                    print(exit.code, file=sys.stderr)  # as the interpreter prints it
            out, err = capfd.readouterr()
        return subprocess.CompletedProcess(["python", "-m", "pipeline", *args], code, out, err)

    return run
