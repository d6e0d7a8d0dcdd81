"""Shared fixtures: the shipped PDF, its second rendering, the goldens, a mini report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.profiles.loader import load_profile
from pipeline.run.runner import Stages

from .helpers import GOLDEN, RENDERINGS, mini_report, processed


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
