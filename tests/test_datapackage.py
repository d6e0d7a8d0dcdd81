"""datapackage.json: generated from the Arrow schemas, validated here with the frictionless library."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from frictionless import validate

from pipeline.dataset.datapackage import package_name
from pipeline.dataset.export import export_files
from pipeline.dataset.schemas import SCHEMAS
from pipeline.run.executors import run_one
from pipeline.run.runner import output_metadata

from .helpers import SHIPPED_PDF, assert_parquet_matches_csv


def enriched_files(stages, profile) -> dict[str, bytes]:
    """Every output file with the document and the profile passed (the full enrichment)."""
    assert stages.enrichment.departementer  # the stages were enriched with the document and the profile
    return export_files(stages, output_metadata(stages.document, profile.name))


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if "/" not in name:
            (folder / name).write_bytes(data)
    return folder


def errors_of(report) -> list[tuple[str, str, str]]:
    out = [("package", e.type, e.note) for e in report.errors]
    for task in report.tasks:
        out += [(task.name, e.type, e.note) for e in task.errors]
    return out


@pytest.fixture(scope="module")
def full(rendering, profile, tmp_path_factory):
    name, stages, _ = rendering
    files = enriched_files(stages, profile)
    return name, files, write(tmp_path_factory.mktemp(f"full-{name}"), files)


def test_the_shipped_report_run_by_the_runner_is_a_valid_package(tmp_path, profile):
    result = run_one(SHIPPED_PDF, tmp_path, profile)
    assert result.ok, result.error
    report = validate(str(result.out_dir / "datapackage.json"))
    assert errors_of(report) == []
    assert report.valid and len(report.tasks) == len(SCHEMAS)


def test_the_full_package_is_valid_including_foreign_keys(full):
    _, files, folder = full
    report = validate(str(folder / "datapackage.json"))
    assert errors_of(report) == []
    rows = {t.name: t.stats["rows"] for t in report.tasks}
    assert rows["departementer"] == 15 and rows["fotnoter"] == 2 and rows["tiltak"] == 33
    assert rows["provenance"] > 33 * 5 and rows["lenker"] == 33  # one row per link, however its anchor text wraps


def test_foreign_keys_are_checked(full, tmp_path):
    _, files, _ = full
    broken = dict(files)
    text = files["provenance.csv"].decode("utf-8").splitlines()
    cells = text[1].split(",")
    cells[1] = "99"  # a measure the report does not have
    broken["provenance.csv"] = ("\n".join([text[0], ",".join(cells), *text[2:]]) + "\n").encode("utf-8")
    package = json.loads(files["datapackage.json"])
    for r in package["resources"]:
        r.pop("hash"), r.pop("bytes")
    broken["datapackage.json"] = json.dumps(package).encode("utf-8")
    report = validate(str(write(tmp_path, broken) / "datapackage.json"))
    assert {(name, kind) for name, kind, _ in errors_of(report)} == {("provenance", "foreign-key")}


def test_every_column_is_described_in_english_and_norwegian(full):
    _, files, _ = full
    package = json.loads(files["datapackage.json"])
    assert [r["name"] for r in package["resources"]] == list(SCHEMAS)
    for resource in package["resources"]:
        assert resource["description"] and resource["description_nb"], resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["description"] and field["description_nb"], (resource["name"], field["name"])


def test_keys_and_types(full):
    _, files, _ = full
    schemas = {r["name"]: r["schema"] for r in json.loads(files["datapackage.json"])["resources"]}
    assert schemas["tiltak"]["primaryKey"] == ["report_id", "block_nr"]  # unique by construction (issue 11, point 5)
    assert schemas["tiltak_deler"]["primaryKey"] == ["report_id", "block_nr", "del_id"]
    assert schemas["oversikt"]["primaryKey"] == ["report_id", "row_nr"]
    assert schemas["departementer"]["primaryKey"] == ["report_id", "abbreviation"]
    assert schemas["fotnoter"]["primaryKey"] == ["report_id", "number"]
    key = ["report_id", "block_nr", "tiltak_nr"]
    assert {"fields": key, "reference": {"resource": "tiltak", "fields": key}} in schemas["tiltak_deler"]["foreignKeys"]
    assert schemas["provenance"]["foreignKeys"][0]["reference"]["resource"] == "tiltak"
    fields = {f["name"]: f for f in schemas["tiltak"]["fields"]}
    assert fields["tiltak_nr"]["type"] == "integer" and fields["tiltak_nr"]["constraints"] == {"required": True}
    for name in ("samarbeid", "continued_in", "references", "links", "external_references", "parts"):
        assert fields[name]["type"] == "string", name
        assert "«; »" in fields[name]["description"] and "«; »" in fields[name]["description_nb"], name
    x0 = next(f for f in schemas["provenance"]["fields"] if f["name"] == "x0")
    assert x0["type"] == "number"


def test_the_package_names_its_source_and_pipeline(full, word_stages):
    name, files, _ = full
    package = json.loads(files["datapackage.json"])
    (source,) = package["sources"]
    doc = word_stages.document if name == "word" else None
    assert source["path"].endswith(".pdf") and len(source["sha256"]) == 64 and source["pages"] >= 26
    if doc is not None:
        assert (source["path"], source["sha256"], source["pages"]) == (doc.source, doc.sha256, doc.page_count)
    assert package["pipeline"]["version"] and package["pipeline"]["profile"] == "frihet-sluttrapport"
    assert package["name"] == package_name(package["name"])
    meta = pq.read_schema(io.BytesIO(files["provenance.parquet"])).metadata
    assert meta[b"source_sha256"].decode() == source["sha256"] and b"pipeline_version" in meta


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_parquet_and_csv_hold_the_same_rows(full, table):
    _, files, _ = full
    assert_parquet_matches_csv(files, table)


def test_package_names_are_lower_case_slugs():
    assert package_name("Sluttrapport Frihet 2021–2024") == "sluttrapport-frihet-2021-2024"
    assert package_name("a.b_c-d") == "a.b_c-d"


def test_a_report_that_prints_a_number_twice_is_a_valid_package(tmp_path):
    """Issue 11, point 5: each block's key is its order in the body; tiltak_nr stays as printed."""
    from .corpus import make_duplicate_number

    result = run_one(make_duplicate_number(tmp_path), tmp_path / "out")
    assert result.ok, result.error
    report = validate(str(result.out_dir / "datapackage.json"))
    assert errors_of(report) == []
    rows = pq.read_table(result.out_dir / "tiltak.parquet").to_pylist()
    assert [(r["block_nr"], r["tiltak_nr"]) for r in rows] == [(1, 1), (2, 2), (3, 3), (4, 3)]
    assert "duplicate_in_body" in rows[3]["finding_codes"]
