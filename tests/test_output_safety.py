"""Nothing run: text from a PDF cannot become a spreadsheet formula in CSV, markup in
validation.md, or a followed javascript: link; and the outputs say which profile file read it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from dataclasses import replace

import pyarrow.parquet as pq
import pytest

from pipeline.dataset.combine import combine_reports
from pipeline.dataset.export import ExportOptions, export_files, output_metadata
from pipeline.dataset.formats import csv_bytes
from pipeline.dataset.panel import ReportRows, panel_files
from pipeline.dataset.schemas import TILTAK_SCHEMA
from pipeline.findings import finding, merge_findings
from pipeline.stages.enrich import enrich, enrichment_findings
from pipeline.stages.enrich.provenance import url_scheme
from pipeline.stages.validate import word_diff
from pipeline.stages.validate.report import validation_json, validation_markdown

from .helpers import ROOT
from .test_datapackage import write

# What a PDF could print at the start of a cell, and what the CSV must hold instead.
FORMULAS = {
    "title": ('=HYPERLINK("http://x","klikk")', '\'=HYPERLINK("http://x","klikk")'),
    "description": ("+1", "'+1"),
    "status_text": ("-2+3", "'-2+3"),
    "sluttrapport": ("@SUM(A1)", "'@SUM(A1)"),
    "ansvarlig_departement": ("\t=1+1", "'\t=1+1"),
    "innsatsomrade_title": ("\r=1+1", "'\r=1+1"),
}


def row(**kw):
    base = {name: None for name in TILTAK_SCHEMA.names}
    base.update(report_id="r", tiltak_nr=1, parts=[], finding_codes=[])
    base.update(kw)
    return base


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


# --- CSV ---------------------------------------------------------------------------


def test_a_cell_that_would_start_a_formula_is_marked_as_text():
    ordinary = "Øke kompetansen – «særskilt» (2021-2024); se tiltak 8 = 3 + 4"
    crafted = row(**{k: raw for k, (raw, _) in FORMULAS.items()}, parts=["-a", "b"], page_start=3, page_end=-1, table_status=ordinary)
    (got,) = csv_rows(csv_bytes([crafted], TILTAK_SCHEMA))
    assert {k: got[k] for k in FORMULAS} == {k: safe for k, (_, safe) in FORMULAS.items()}
    assert got["parts"] == "'-a; b"  # a list is one text cell
    assert (got["page_start"], got["page_end"]) == ("3", "-1")  # numbers are never marked
    assert got["table_status"] == ordinary  # nor is text that starts otherwise


def test_raw_csv_writes_the_cells_as_read():
    crafted = row(**{k: raw for k, (raw, _) in FORMULAS.items()})
    (got,) = csv_rows(csv_bytes([crafted], TILTAK_SCHEMA, raw_csv=True))
    assert {k: got[k] for k in FORMULAS} == {k: raw for k, (raw, _) in FORMULAS.items()}


@pytest.mark.parametrize("raw_csv", [False, True])
def test_a_carriage_return_inside_a_cell_cannot_start_a_row(raw_csv):
    rows = [row(tiltak_nr=1, title='Tittel\r=HYPERLINK("http://x")'), row(tiltak_nr=2, title="Neste")]
    got = csv_rows(csv_bytes(rows, TILTAK_SCHEMA, raw_csv=raw_csv))
    assert [(r["tiltak_nr"], r["title"]) for r in got] == [("1", 'Tittel\r=HYPERLINK("http://x")'), ("2", "Neste")]


def crafted_stages(stages):
    """The stages with the first measure's title one that would start a formula."""
    first, *rest = stages.tiltak
    return replace(stages, tiltak=(replace(first, title=FORMULAS["title"][0]), *rest))


@pytest.mark.parametrize("raw_csv", [False, True])
def test_a_report_s_csv_is_marked_its_parquet_raw(word_stages, profile, raw_csv):
    s = crafted_stages(word_stages)
    files = export_files(s, output_metadata(s.document, profile.name), ExportOptions(raw_csv=raw_csv))
    raw, safe = FORMULAS["title"]
    assert pq.read_table(io.BytesIO(files["tiltak.parquet"])).column("title")[0].as_py() == raw
    assert csv_rows(files["tiltak.csv"])[0]["title"] == (raw if raw_csv else safe)


@pytest.mark.parametrize("raw_csv", [False, True])
def test_the_combined_csv_is_marked_too(word_stages, profile, tmp_path, raw_csv):
    s = crafted_stages(word_stages)
    write(tmp_path / s.report_id, export_files(s, output_metadata(s.document, profile.name)))
    files = combine_reports(tmp_path, [s.report_id], raw_csv=raw_csv)
    raw, safe = FORMULAS["title"]
    assert pq.read_table(io.BytesIO(files["tiltak.parquet"])).column("title")[0].as_py() == raw
    assert csv_rows(files["tiltak.csv"])[0]["title"] == (raw if raw_csv else safe)


@pytest.mark.parametrize("raw_csv", [False, True])
def test_the_panel_csv_is_marked_too(raw_csv):
    def tiltak(status):
        return {"tiltak_nr": 1, "title": "@SUM(A1)", "status": status, "status_text": None, "ansvarlig_departement": "AID", "table_status": None}

    files = panel_files([ReportRows("r1", "P", 2025, (tiltak("=1+1"),)), ReportRows("r2", "P", 2026, (tiltak("Ferdig"),))], raw_csv=raw_csv)
    assert pq.read_table(io.BytesIO(files["panel.parquet"])).column("title").to_pylist() == ["@SUM(A1)", "@SUM(A1)"]
    assert [r["title"] for r in csv_rows(files["panel.csv"])] == (["@SUM(A1)"] * 2 if raw_csv else ["'@SUM(A1)"] * 2)
    (change,) = csv_rows(files["status_changes.csv"])
    assert change["from_value"] == ("=1+1" if raw_csv else "'=1+1")


# --- validation.md -----------------------------------------------------------------


def test_a_script_in_a_title_is_text_in_validation_md(word_stages):
    body = "Styrke <script>alert(1)</script> [klikk](javascript:alert(1)) &lt;b&gt; `kode` *fet* _kursiv_ ~~borte~~"
    table = "Styrke ansvarlig_departement (2021-2024) & mer; 3 + 4 = 7 #1"  # nothing to escape: as it is
    f = finding("title_mismatch", tiltak_nr=1, field="title", body_value=body, table_value=table, page=5, diff=word_diff(table, body))
    overview = replace(word_stages.overview, summary_text="Av totalt <b>3</b> tiltak | <img src=x onerror=alert(1)>")
    report = validation_json("r", "a`b.pdf", [f], overview, word_stages.tiltak)
    md = validation_markdown(report)
    assert "<script>" not in md and "<img" not in md and "<b>" not in md and "[klikk](" not in md
    assert (
        "Styrke &lt;script&gt;alert(1)&lt;/script&gt; \\[klikk\\](javascript:alert(1)) &amp;lt;b&amp;gt; \\`kode\\` \\*fet\\* \\_kursiv\\_ \\~\\~borte\\~\\~"
        in md
    )
    assert "- Summary sentence: «Av totalt &lt;b&gt;3&lt;/b&gt; tiltak | &lt;img src=x onerror=alert(1)&gt;»" in md
    assert f"| {table} |" in md and "Source: ``a`b.pdf`` ·" in md
    assert json.dumps(report["findings"][0]["body_value"]) == json.dumps(body)  # validation.json keeps the text as read


def test_a_line_break_or_pipe_from_the_pdf_cannot_leave_its_table_cell(word_stages):
    f = finding("unknown_status", tiltak_nr=2, field="status", body_value="ok\n# Overskrift\r\n<b>|x", vocabulary="A", page=3)
    md = validation_markdown(validation_json("r", "r.pdf", [f], word_stages.overview, word_stages.tiltak))
    (line,) = [ln for ln in md.splitlines() if "`unknown_status`" in ln]
    assert "| ok # Overskrift &lt;b&gt;\\|x |" in line and "\n# Overskrift" not in md


# --- links -------------------------------------------------------------------------

NIBR = "https://oda.oslomet.no/oda-xmlui/handle/11250/3050589"


def with_link_target(stages, old: str, new: str):
    links = tuple(replace(lk, uri=new) if lk.uri == old else lk for lk in stages.document.links)
    assert links != stages.document.links
    return replace(stages.document, links=links)


def test_a_javascript_link_is_flagged_and_found(word_stages, profile):
    doc = with_link_target(word_stages, NIBR, "javascript:alert(document.cookie)")
    e = enrich(word_stages.tiltak, profile, doc)
    (f,) = [f for f in e.findings if f.code == "unsafe_link_scheme"]
    assert (f.severity, f.tiltak_nr, f.field) == ("warning", 1, "sluttrapport")
    assert "javascript: address" in f.message and f.message.endswith(": javascript:alert(document.cookie)")
    assert f in enrichment_findings(doc, word_stages.tiltak, profile)
    s = replace(word_stages, document=doc, enrichment=e, findings=merge_findings(word_stages.findings, e.findings))
    files = export_files(s, output_metadata(doc, profile.name))
    lenker = pq.read_table(io.BytesIO(files["lenker.parquet"])).to_pylist()
    flagged = [(r["url"], r["scheme"], r["tiltak_nr"]) for r in lenker if r["unsafe_scheme"]]
    assert flagged == [("javascript:alert(document.cookie)", "javascript", 1)]
    assert {r["scheme"] for r in lenker if not r["unsafe_scheme"]} == {"https"}
    assert [r["unsafe_scheme"] for r in csv_rows(files["lenker.csv"]) if r["url"].startswith("javascript:")] == ["true"]
    tiltak_1 = pq.read_table(io.BytesIO(files["tiltak.parquet"])).to_pylist()[0]
    assert "unsafe_link_scheme" in tiltak_1["finding_codes"]
    assert "`unsafe_link_scheme`" in files["validation.md"].decode("utf-8")


def test_the_shipped_report_has_no_unsafe_link(word_stages):
    assert word_stages.enrichment.lenker and not any(lp.unsafe for lp in word_stages.enrichment.lenker)
    assert "unsafe_link_scheme" not in {f.code for f in word_stages.findings}


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://www.regjeringen.no/", "https"),
        ("MAILTO:post@bfd.dep.no", "mailto"),
        ("JavaScript:alert(1)", "javascript"),
        (" java\tscr\nipt:alert(1)", "javascript"),  # a browser strips the space and removes the tab and newline
        ("\x00file:///etc/passwd", "file"),
        ("data:text/html,<script>alert(1)</script>", "data"),
        ("vbscript:msgbox", "vbscript"),
        ("C:\\Users\\x.exe", "c"),
        ("www.regjeringen.no/tiltak", None),
        ("/no/dokumenter/", None),
        ("#side-3", None),
    ],
)
def test_the_scheme_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


def test_a_link_without_a_scheme_is_not_flagged(word_stages, profile):
    doc = with_link_target(word_stages, NIBR, "www.oslomet.no/rapport")
    e = enrich(word_stages.tiltak, profile, doc)
    (lp,) = [lp for lp in e.lenker if lp.link.uri == "www.oslomet.no/rapport"]
    assert (lp.scheme, lp.unsafe) == (None, False) and not any(f.code == "unsafe_link_scheme" for f in e.findings)


# --- the profile file --------------------------------------------------------------


def profile_records(files: dict[str, bytes]) -> tuple[dict, dict]:
    manifest = json.loads(files["manifest.json"])
    meta = {k.decode(): v.decode() for k, v in pq.read_schema(io.BytesIO(files["tiltak.parquet"])).metadata.items()}
    return manifest, meta


def test_a_changed_profile_file_under_the_same_name_is_recorded(word_stages, profile, tmp_path):
    copy = tmp_path / "frihet-sluttrapport.toml"
    shutil.copy(ROOT / "pipeline" / "profiles" / "frihet-sluttrapport.toml", copy)
    s = replace(word_stages, profile_source=str(copy))
    shipped = copy.read_bytes()
    before = profile_records(export_files(s, output_metadata(s.document, profile.name)))
    copy.write_bytes(shipped + b"\n# edited, the name kept\n")
    after = profile_records(export_files(s, output_metadata(s.document, profile.name)))
    for (manifest, meta), data in ((before, shipped), (after, copy.read_bytes())):
        assert manifest["profile"] == meta["profile"] == "frihet-sluttrapport"
        assert manifest["profile_sha256"] == meta["profile_sha256"] == hashlib.sha256(data).hexdigest()
        assert manifest["profile_file"] == meta["profile_file"] == "frihet-sluttrapport.toml"
        assert manifest["profile_path"] == str(copy) and "profile_path" not in meta  # the Parquet files travel: no local path
    assert before[0]["profile_sha256"] != after[0]["profile_sha256"]


def test_an_inferred_profile_is_recorded_by_its_toml(word_stages, tmp_path):
    toml = '[meta]\nname = "inferred"\n'
    whole = replace(word_stages, profile="inferred", profile_source="<inferred from x.pdf>", inferred_profile=toml)
    manifest, meta = profile_records(export_files(whole, output_metadata(whole.document, "inferred")))
    assert manifest["profile_sha256"] == meta["profile_sha256"] == hashlib.sha256(toml.encode("utf-8")).hexdigest()
    assert (manifest["profile_file"], manifest["profile_path"]) == ("profile.toml", "profile.toml")
    # a stage run alone reads it back from the report's folder, and says the same
    written = tmp_path / word_stages.report_id / "profile.toml"
    written.parent.mkdir()
    written.write_text(toml, encoding="utf-8")
    alone = replace(whole, profile_source=str(written), inferred_profile="")
    assert profile_records(export_files(alone, output_metadata(alone.document, "inferred"))) == (manifest, meta)


def test_the_combined_package_names_each_report_s_profile_file(word_stages, profile, tmp_path):
    write(tmp_path / word_stages.report_id, export_files(word_stages, output_metadata(word_stages.document, profile.name)))
    (source,) = json.loads(combine_reports(tmp_path, [word_stages.report_id])["datapackage.json"])["sources"]
    shipped = (ROOT / "pipeline" / "profiles" / "frihet-sluttrapport.toml").read_bytes()
    assert (source["profile_file"], source["profile_sha256"]) == ("frihet-sluttrapport.toml", hashlib.sha256(shipped).hexdigest())
