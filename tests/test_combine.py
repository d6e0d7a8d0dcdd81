"""combine_reports: every report's tables in one, loadable with pandas, with its own data package."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import validate

from pipeline.dataset.combine import combine_reports, conform
from pipeline.dataset.schemas import SCHEMAS

from .helpers import processed
from .test_datapackage import enriched_files, errors_of, write


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, profile) -> Path:
    """Both renderings' report folders, as a run writes them (two report ids)."""
    out = tmp_path_factory.mktemp("output")
    for name in ("word", "alt"):
        stages, _ = processed(name)
        write(out / stages.report_id, enriched_files(stages, profile))
    return out


@pytest.fixture(scope="module")
def report_ids(out_dir) -> list[str]:
    return sorted(p.name for p in out_dir.iterdir())


@pytest.fixture(scope="module")
def combined(out_dir, report_ids, tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("combined"), combine_reports(out_dir, report_ids))


def test_every_table_and_a_datapackage(out_dir, report_ids):
    files = combine_reports(out_dir, report_ids)
    assert set(files) == {f"{t}.{ext}" for t in SCHEMAS for ext in ("parquet", "csv")} | {"datapackage.json"}


def test_pandas_loads_every_report(combined, report_ids):
    tiltak = pd.read_parquet(combined / "tiltak.parquet")
    assert len(tiltak) == 66
    assert sorted(tiltak["report_id"].unique()) == report_ids
    assert tiltak.groupby("report_id")["tiltak_nr"].nunique().tolist() == [33, 33]
    assert len(pd.read_parquet(combined / "departementer.parquet")) == 30


def test_rows_are_the_reports_rows(combined, out_dir, report_ids):
    for table in SCHEMAS:
        union = pq.read_table(combined / f"{table}.parquet").to_pylist()
        each = [row for rid in report_ids for row in pq.read_table(out_dir / rid / f"{table}.parquet").to_pylist()]
        assert union == each, table
        lines = (combined / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        own = [line for rid in report_ids for line in (out_dir / rid / f"{table}.csv").read_text(encoding="utf-8").splitlines()[1:]]
        assert lines[1:] == own, table


def test_the_schema_and_sources_are_kept(combined, report_ids):
    schema = pq.read_schema(combined / "tiltak.parquet")
    assert schema.field("continued_in").type == SCHEMAS["tiltak"].field("continued_in").type
    assert schema.field("tiltak_nr").metadata[b"description_nb"]
    sources = json.loads(schema.metadata[b"sources"])
    assert [s["report_id"] for s in sources] == report_ids
    assert all(len(s["source_sha256"]) == 64 for s in sources)


def test_the_combined_package_is_valid(combined, report_ids):
    report = validate(str(combined / "datapackage.json"))
    assert errors_of(report) == []
    package = json.loads((combined / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["report_id"] for s in package["sources"]] == report_ids
    assert {s["path"] for s in package["sources"]} == {f"{rid}.pdf" for rid in report_ids}


def test_a_missing_report_is_an_error(out_dir):
    with pytest.raises(FileNotFoundError, match="no-such-report"):
        combine_reports(out_dir, ["no-such-report"])


def test_an_older_report_folder_without_new_tables_or_columns(out_dir, report_ids, tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    table = pq.read_table(out_dir / report_ids[0] / "tiltak.parquet")
    pq.write_table(table.drop_columns(["links", "continued_in"]), old / "tiltak.parquet")
    files = combine_reports(tmp_path, ["old"])
    back = pq.read_table(io.BytesIO(files["tiltak.parquet"]))
    assert back.num_rows == 33 and back.column("links").null_count == 33
    assert pq.read_table(io.BytesIO(files["provenance.parquet"])).num_rows == 0
    assert list(csv.reader(io.StringIO(files["lenker.csv"].decode("utf-8")))) == [SCHEMAS["lenker"].names]


def test_a_required_column_cannot_be_made_up():
    with pytest.raises(ValueError, match="tiltak_nr"):
        conform(pa.table({"report_id": ["r"]}), SCHEMAS["tiltak"])


def test_reports_written_in_this_run_give_the_same_combined_files(out_dir, report_ids):
    assert combine_reports(out_dir, report_ids, written=report_ids) == combine_reports(out_dir, report_ids)


def test_a_report_written_in_this_run_gives_its_own_csv_s_rows(out_dir, report_ids, tmp_path):
    rid = report_ids[0]
    shutil.copytree(out_dir / rid, tmp_path / rid)
    own = tmp_path / rid / "tiltak.csv"
    header = own.read_bytes().split(b"\n", 1)[0] + b"\n"
    own.write_bytes(header + b"the row as this run wrote it\n")
    assert combine_reports(tmp_path, [rid], written={rid})["tiltak.csv"] == header + b"the row as this run wrote it\n"
    from_parquet = combine_reports(tmp_path, [rid])["tiltak.csv"]  # a report not written in this run: its Parquet's rows
    assert from_parquet.startswith(header) and len(from_parquet.splitlines()) == 34
    own.write_bytes(b"an,older,header\n" + b"a row\n")  # a CSV not in the current columns is not taken
    assert combine_reports(tmp_path, [rid], written={rid})["tiltak.csv"] == from_parquet
