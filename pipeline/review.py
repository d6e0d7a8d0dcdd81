"""Visual review report (issue 4): being written; see build_review."""

from __future__ import annotations

from pathlib import Path

from .errors import PipelineError


def build_review(report_dir: Path) -> Path:
    raise PipelineError("the review report is not built yet")
