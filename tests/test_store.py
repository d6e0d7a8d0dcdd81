"""The stage files: what orjson writes is what the standard library would write, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.model import from_jsonable, to_jsonable
from pipeline.run.runner import stages_of
from pipeline.run.store import stage_json
from pipeline.stages import STAGES

from .helpers import ROOT, fixture_renderings, processed, raw_of

OTHER_FAMILIES = sorted(p for p in (ROOT / "tests" / "pdfs").glob("*.pdf") if p not in fixture_renderings().values())


def stages_of_fixture(source: str | Path):
    return processed(source)[0] if isinstance(source, str) else stages_of(raw_of(source), source.stem)


@pytest.mark.parametrize("source", [*fixture_renderings(), *OTHER_FAMILIES], ids=lambda s: s if isinstance(s, str) else s.stem)
def test_every_stage_file_is_what_json_dumps_would_write(source):
    stages = stages_of_fixture(source)
    for stage in (s for s in STAGES if s.file):
        result = getattr(stages, stage.writes)
        written = stage_json(stage.name, stages.profile, "v", result)
        standard = {"stage": stage.name, "profile": stages.profile, "pipeline_version": "v", "data": to_jsonable(result)}
        assert written == (json.dumps(standard, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"), stage.name
        # and it reads back into the same result
        assert from_jsonable(stage.result_type, json.loads(written)["data"]) == (list(result) if stage.result_type.__name__ == "list" else result)


def test_norwegian_text_and_awkward_numbers_come_through():
    data = {"text": "Ansvarlig departement: «Kunnskapsdepartementet» – æ ø å\u00ad", "small": 1e-05, "big": 1e16, "neg": -0.0}
    written = stage_json("s", "p", "v", data)
    assert json.loads(written)["data"] == data
    assert "«Kunnskapsdepartementet» – æ ø å".encode() in written  # UTF-8, not \u escapes
