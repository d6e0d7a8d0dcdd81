"""Byte-level fuzzing of the shipped report: every mutation ends in data or a documented error.

Each case mutates the report (flips, deletions, insertions, duplications, truncation,
PDF tokens dropped in; anywhere, in the xref table and trailer, or inside streams) and
runs it as a run does: a worker process under time and memory limits. The outcome must
be a processed report (1+ tiltak, readable Parquet, complete folder) or one of the
documented errors on one line; an unexpected failure, a crash, a hang (the time limit)
or a partial write fails the test.

The cases are fixed (``derandomize``); ``FUZZ_EXAMPLES=2000`` runs more. To keep a case
fast, the report is cut to its first ``FUZZ_PAGES`` pages (6: cover, overview table,
the first tiltak; objects of the other pages dropped); ``FUZZ_PAGES=0`` fuzzes it whole.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pipeline import errors
from pipeline.run.workers import Job, Limits, run_jobs

from .corpus import excerpt, shipped
from .test_cli import REQUIRED

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
PAGES = int(os.environ.get("FUZZ_PAGES", "6"))
BASE = excerpt(shipped(), PAGES) if PAGES else shipped()
XREF = (BASE.rindex(b"\nxref"), len(BASE))
# A fuzzed PDF's worker: generous limits, because a worker forked from the test process starts
# with its address space (gigabytes by the time the suite gets here) and runs beside other tests;
# the limits themselves are tested in tests/test_jobs.py and tests/test_hostile.py.
FUZZ_LIMITS = Limits(timeout=60, memory_mb=6144)
STREAMS = [(m.end(), BASE.index(b"endstream", m.end())) for m in re.finditer(rb"(?<!end)stream\r?\n", BASE)]
TOKENS = [b"R", b"0 R", b"1 0 R", b"<<", b">>", b"[", b"]", b"(", b")", b"<", b"\\", b"%", b"obj", b"endobj", b"stream", b"endstream",
          b"null", b"-1", b"9999999999", b"1e308", b"/Length 0", b"/Type /Pages", b"/Kids [", b"/Filter /FlateDecode", b"xref", b"trailer"]  # fmt: skip

# What a damaged PDF may end in: the documented errors of a PDF (not 7: unexpected failure or crash; not 8: a hang).
DOCUMENTED = (
    errors.NotAPDFError,
    errors.DamagedPDFError,
    errors.EncryptedPDFError,
    errors.NoTextLayerError,
    errors.NoTiltakFoundError,
    errors.UnknownReportFamilyError,
    errors.MemoryLimitError,
    errors.TooManyPagesError,
    errors.EmptyPDFError,
)


@st.composite
def mutation(draw) -> tuple[str, int, int, bytes]:
    kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "token"]))
    where = draw(st.sampled_from(["anywhere", "xref", "stream", "stream"]))
    start, end = {"anywhere": (0, len(BASE)), "xref": XREF}.get(where) or draw(st.sampled_from(STREAMS))
    position = draw(st.integers(start, max(start, end - 1)))
    length = draw(st.integers(1, 64))
    payload = {
        "flip": lambda: bytes([draw(st.integers(1, 255))]),
        "insert": lambda: draw(st.binary(min_size=1, max_size=32)),
        "token": lambda: draw(st.sampled_from(TOKENS)),
    }.get(kind, lambda: b"")()
    event(f"{kind} {where}")
    return kind, position, length, payload


def mutate(data: bytes, mutations: list[tuple[str, int, int, bytes]]) -> bytes:
    for kind, position, length, payload in mutations:
        p = min(position, len(data))
        if kind == "flip" and p < len(data):
            data = data[:p] + bytes([data[p] ^ payload[0]]) + data[p + 1 :]
        elif kind == "delete":
            data = data[:p] + data[p + length :]
        elif kind == "insert":
            data = data[:p] + payload + data[p:]
        elif kind == "duplicate":
            data = data[:p] + data[p : p + length] + data[p:]
        elif kind == "truncate":
            data = data[:p]
        elif kind == "token":
            data = data[:p] + payload + data[p + length % 4 :]
    return data


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(mutation(), min_size=1, max_size=3))
@pytest.mark.slow
def test_a_mutated_report_ends_in_data_or_a_documented_error(mutations):
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "fuzzed.pdf"
        pdf.write_bytes(mutate(BASE, mutations))
        out = Path(tmp) / "out"
        [result] = run_jobs([Job(pdf, out)], limits=FUZZ_LIMITS)
        folder = out / "fuzzed"
        leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")] if out.exists() else []
        assert leftovers == [], "no temporary folders left behind"
        if result.ok:
            event("processed")
            assert result.tiltak >= 1
            assert all((folder / name).is_file() for name in REQUIRED), "the report folder is complete"
            assert pq.read_table(folder / "tiltak.parquet").num_rows == result.tiltak
            return
        error = result.error
        event(f"exit {error.exit_code}: {type(error).__name__}")
        assert isinstance(error, DOCUMENTED), f"{type(error).__name__}: {error.one_line()}"
        line = error.one_line()
        assert "\n" not in line and "Traceback" not in line and line.isprintable()
        assert error.exit_code in (3, 4, 5, 6, 9, 10)
        assert not folder.exists(), "a failed PDF writes nothing"
