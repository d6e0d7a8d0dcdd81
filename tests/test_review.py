"""The visual review report: pure HTML builders, the build on disk, and a real browser."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.findings import Finding
from pipeline.model import Box
from pipeline.profiles.loader import load_profile
from pipeline.review import build_review
from pipeline.review.page import (
    FIELDS,
    Page,
    chart_svg,
    diff_words,
    field_boxes,
    page_html,
    page_src,
    pages_of,
    render_html,
    scaled_box,
    status_by_area,
)
from pipeline.run.executors import run_one
from pipeline.stages.fields import FieldText, Part, Tiltak

from .helpers import ROOT, SHIPPED_PDF, slow

A4 = (595.2756, 841.8898)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def ft(text: str, *boxes: Box, label: str | None = None) -> FieldText:
    return FieldText(text, label, tuple(boxes))


def make_tiltak(nr: int = 1, title: str = "Styrke samarbeidet", status: str | None = "Ferdigstilt", area: int | None = 1, **kw) -> Tiltak:
    b = Box(1, 70.0, 100.0, 300.0, 112.0)
    args = dict(
        tiltak_nr=nr,
        title=title,
        title_boxes=(b,),
        innsatsomrade_nr=area,
        innsatsomrade_title=f"Område {area}" if area else None,
        description=ft("Beskrivelse.", Box(1, 70.0, 120.0, 400.0, 131.0)),
        ansvarlig_departement=ft("AID", Box(1, 180.0, 140.0, 200.0, 151.0), label="Ansvarlig departement"),
        status=ft("Tiltaket er ferdigstilt.", Box(2, 100.0, 60.0, 250.0, 71.0), label="Status"),
        sluttrapport=ft("Rapporten er skrevet.", Box(2, 70.0, 80.0, 400.0, 91.0), label="Sluttrapport"),
        status_value=status,
        parts=(),
        page_start=1,
        page_end=2,
    )
    args.update(kw)
    return Tiltak(**args)


def pages_for(numbers) -> dict[int, Page]:
    return {n: Page(n, *A4, page_src(n)) for n in numbers}


# --- pure builders -----------------------------------------------------------------


def test_scaled_box_is_percent_of_page_in_points():
    assert scaled_box(Box(1, 59.52756, 84.18898, 119.05512, 168.37796), *A4) == (10.0, 10.0, 10.0, 10.0)
    left, top, width, height = scaled_box(Box(3, 0.0, 841.8898 / 2, 595.2756, 841.8898), *A4)
    assert (left, top, width, height) == (0.0, 50.0, 100.0, 50.0)


def test_page_html_draws_each_box_in_its_field_colour():
    html = page_html(Page(6, *A4, "pages/page-006.png"), [("title", Box(6, 59.52756, 84.18898, 119.05512, 168.37796))])
    assert '<img src="pages/page-006.png"' in html
    assert f"--c:{FIELDS['title'][1]};left:10.0%;top:10.0%;width:10.0%;height:10.0%" in html
    assert 'data-field="title"' in html


def test_field_boxes_draw_part_titles_once_and_pages_of_spans_them():
    a_title, b_title = Box(3, 70.0, 200.0, 300.0, 211.0), Box(4, 70.0, 60.0, 300.0, 71.0)
    a_text = Box(3, 70.0, 215.0, 400.0, 226.0)
    parts = (
        Part("a", "Del a", (a_title,), ft("Tekst a.", a_text), None, None, None, None),
        Part("b", "Del b", (b_title,), None, None, None, None, None),
    )
    t = make_tiltak(parts=parts, description=ft("a) Del a. Tekst a. b) Del b.", a_title, a_text, b_title), page_start=1, page_end=2)
    kinds = Counter(kind for kind, _ in field_boxes(t))
    assert kinds["part_title"] == 2 and kinds["description"] == 1
    assert len(field_boxes(t)) == len({b for _, b in field_boxes(t)})
    assert pages_of(t) == [1, 2, 3, 4]


def test_diff_words_marks_words_only_in_one_value():
    body, table = diff_words("Styrke det nordisk samarbeidet", "Styrke det nordiske samarbeidet")
    assert body == "Styrke det <ins>nordisk</ins> samarbeidet"
    assert table == "Styrke det <del>nordiske</del> samarbeidet"
    body, table = diff_words("nyankomne innvandrere og", "nyankomne og")
    assert body == "nyankomne <ins>innvandrere</ins> og" and table == "nyankomne og"
    assert diff_words("<b>", None) == ("&lt;b&gt;", "—")
    assert diff_words("a <x>", "a <y>") == ("a <ins>&lt;x&gt;</ins>", "a <del>&lt;y&gt;</del>")


def test_html_escapes_text_and_keeps_norwegian_letters():
    t = make_tiltak(title="<script>alert('x')</script> & æøå «sitat»")
    html = render_html("rapport", "r.pdf", [t], pages_for([1, 2]), [], {})
    assert '<meta charset="utf-8">' in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; æøå «sitat»" in html


def test_sections_findings_and_links():
    tiltak = [make_tiltak(1), make_tiltak(2, status="Videreføres"), make_tiltak(3, area=2)]
    findings = [
        Finding("status_mismatch", "error", "Tiltak 2 differs.", 2, field="status", body_value="Videreføres", table_value="Ferdigstilt", page=2),
        Finding("summary_count_vs_body", "warning", "The summary differs.", field="status"),
    ]
    html = render_html("rapport", "r.pdf", tiltak, pages_for([1, 2]), findings, {})
    sections = re.findall(r'<section class="tiltak" id="tiltak-(\d+)" data-tiltak="\d+" data-findings="(\d+)"', html)
    assert sections == [("1", "0"), ("2", "1"), ("3", "0")]
    assert '<a href="#tiltak-2">Tiltak 2</a>' in html
    assert "<ins>Videreføres</ins>" in html and "<del>Ferdigstilt</del>" in html
    assert 'id="only-findings"' in html and "Vis bare tiltak med funn" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    # every section shows its two pages, each with its own boxes
    assert html.count('<figure class="page">') == 6


def chart_counts(svg: str) -> dict[tuple[str, str], int]:
    return {(a, s): int(n) for a, s, n in re.findall(r'data-area="([^"]*)" data-status="([^"]*)" data-count="(\d+)"', svg)}


def test_chart_numbers_equal_the_data(word_stages):
    tiltak = word_stages.tiltak
    svg = chart_svg(status_by_area(tiltak))
    expected = Counter((f"{t.innsatsomrade_nr}. {t.innsatsomrade_title}", t.status_value) for t in tiltak)
    assert chart_counts(svg) == dict(expected)
    assert sum(chart_counts(svg).values()) == 33


def test_shipped_report_renders_every_tiltak_with_its_pages(word_stages):
    doc = word_stages.document
    pages = {p.number: Page(p.number, p.width, p.height, page_src(p.number)) for p in doc.pages}
    html = render_html("r", doc.source, word_stages.tiltak, pages, word_stages.findings, {})
    assert html.count('<section class="tiltak"') == 33
    for t in word_stages.tiltak:
        section = html.split(f'id="tiltak-{t.tiltak_nr}"', 1)[1].split("</section>", 1)[0]
        assert re.findall(r'alt="Side (\d+)"', section) == [str(n) for n in pages_of(t)]


# --- the build on disk ----------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The shipped PDF run through the pipeline and the review, in a temporary output folder."""
    out = tmp_path_factory.mktemp("review") / "output"
    result = run_one(SHIPPED_PDF, out, load_profile())
    assert result.ok, result.error
    build_review(result.out_dir)
    return result.out_dir


def test_build_writes_index_and_cached_page_images(built):
    review = built / "review"
    html = (review / "index.html").read_text(encoding="utf-8")
    assert html.count('<section class="tiltak"') == 33
    srcs = set(re.findall(r'<img src="(pages/page-\d{3}\.png)"', html))
    assert srcs and all((review / s).is_file() for s in srcs)
    cache = json.loads((review / "pages" / "cache.json").read_text())
    assert cache["sha256"] == json.loads((built / "manifest.json").read_text())["source_sha256"]
    before = {p.name: p.stat().st_mtime_ns for p in (review / "pages").glob("*.png")}
    build_review(built)
    assert {p.name: p.stat().st_mtime_ns for p in (review / "pages").glob("*.png")} == before  # re-used, not re-rendered


# In the fast loop: a link in place of a file and of a folder; the other two places in make test-slow.
@pytest.mark.parametrize(
    "planted", ["review/pages/cache.json", pytest.param("review/pages/page-006.png", marks=slow), pytest.param("review/pages", marks=slow), "review"]
)
def test_a_link_planted_in_the_review_is_replaced_not_written_through(built, tmp_path, planted):
    """A link where the review writes a file or makes a folder is replaced; what it points to is left alone."""
    outside = tmp_path / "outside"
    if "." in Path(planted).name:
        outside.write_bytes(b"mine")
    else:
        outside.mkdir()
        (outside / "mine.txt").write_bytes(b"mine")
    link = built / planted
    shutil.rmtree(link) if link.is_dir() else link.unlink()
    link.symlink_to(outside)
    build_review(built)
    if outside.is_file():
        assert outside.read_bytes() == b"mine"
    else:
        assert sorted(p.name for p in outside.iterdir()) == ["mine.txt"] and (outside / "mine.txt").read_bytes() == b"mine"
    assert not link.is_symlink() and link.exists()
    review = built / "review"
    cache = json.loads((review / "pages" / "cache.json").read_text())
    srcs = set(re.findall(r'<img src="(pages/page-\d{3}\.png)"', (review / "index.html").read_text(encoding="utf-8")))
    assert srcs and all((review / s).is_file() and not (review / s).is_symlink() for s in srcs)
    assert cache["sha256"] == json.loads((built / "manifest.json").read_text())["source_sha256"]


def test_missing_pdf_is_found_by_hash_or_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # so that ./raw_pdfs is not the repository's
    moved = tmp_path / "elsewhere" / "rapport.pdf"
    moved.parent.mkdir()
    shutil.copy(SHIPPED_PDF, moved)
    result = run_one(moved, tmp_path / "output", load_profile())
    assert result.ok
    moved.unlink()
    with pytest.raises(PipelineError, match=r"^source PDF not found: .*rapport\.pdf is missing") as exc:
        build_review(result.out_dir)
    assert "\n" not in exc.value.one_line()
    (tmp_path / "raw_pdfs").mkdir()
    shutil.copy(SHIPPED_PDF, tmp_path / "raw_pdfs" / "renamed.pdf")
    assert build_review(result.out_dir).is_file()


# --- in a real browser ------------------------------------------------------------------


def test_report_in_headless_chromium(built):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium) to run the browser test")
    findings = json.loads((built / "validation.json").read_text(encoding="utf-8"))["findings"]
    with_findings = sorted({f["tiltak_nr"] for f in findings if f["tiltak_nr"] is not None})
    index = built / "review" / "index.html"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(index.as_uri())
            sections = page.locator("section.tiltak")
            assert sections.count() == 33
            images = page.evaluate(
                """() => [...document.querySelectorAll('section.tiltak')].map(s =>
                    [...s.querySelectorAll('img')].map(i => i.complete && i.naturalWidth > 0))"""
            )
            assert len(images) == 33 and all(imgs and all(imgs) for imgs in images)
            assert all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]

            def visible() -> list[int]:
                return page.evaluate("() => [...document.querySelectorAll('section.tiltak')].filter(s => !s.hidden).map(s => +s.dataset.tiltak)")

            assert len(visible()) == 33
            page.check("#only-findings")
            assert visible() == with_findings
            assert page.locator("#shown").inner_text() == str(len(with_findings))
            page.uncheck("#only-findings")
            assert len(visible()) == 33

            section = page.locator("#tiltak-31")
            assert section.locator(".box").count() >= 5 and section.locator(".legend li").count() >= 5
            shot = ROOT / "output" / "review-screenshot.png"
            shot.parent.mkdir(exist_ok=True)
            section.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()


def test_joined_words_are_marked_and_every_decision_and_dropped_line_is_listed():
    from pipeline.model import Dropped, Hyphen

    text = "Nyankomne og tjenester som møter nyankomne flyktninger og TryggEst-teamene."
    description = FieldText(text, None, (Box(1, 70.0, 120.0, 400.0, 131.0),), joined=((text.rindex("nyankomne"), text.rindex("nyankomne") + 9),))
    t = make_tiltak(description=description)
    hyphens = [
        Hyphen(1, "nyan-", "komne", "join", "wordfreq"),
        Hyphen(1, "TryggEst-", "teamene.", "keep", "shape"),
        Hyphen(2, "kjønns-", "og", "suspended", "next word"),
    ]
    dropped = [Dropped(1, "Side 1 | 28", "running header/footer")]
    html = render_html("rapport", "r.pdf", [t], pages_for([1, 2]), [], {}, hyphens, dropped)
    # only where the word was broken: not the same word printed whole, nor a kept hyphen
    assert html.count('<mark class="joined"') == 1 and 'møter <mark class="joined" title="orddeling opphevet">nyankomne</mark> flyktninger' in html
    assert "Nyankomne og" in html and "TryggEst-teamene." in html
    reading = html.split('<section id="reading">', 1)[1]
    assert "1 satt sammen, 1 bindestrek beholdt, 1 bindestrek og mellomrom beholdt; 1 usikre" in reading
    assert reading.index("TryggEst-|teamene.") < reading.index("nyan-|komne")  # the uncertain ones first
    assert "Side 1 | 28" in reading and "running header/footer" in reading


def test_every_line_end_inside_a_table_cell_is_listed_with_its_decision_and_evidence():
    from pipeline.stages.overview import CellBreak

    breaks = [CellBreak(4, "status", 2, "Gjennomfør", "t", "join", "vocabulary"), CellBreak(7, "title", 2, "mot", "vold", "space", "document")]
    reading = render_html("rapport", "r.pdf", [make_tiltak()], pages_for([1]), [], {}, cell_breaks=breaks).split('<section id="reading">', 1)[1]
    assert "Linjeslutt inne i tabellceller: 2" in reading
    assert "<td>4</td><td>status</td><td>Gjennomfør|t</td><td>satt sammen</td><td>vocabulary</td>" in reading
    assert "<td>mot|vold</td><td>mellomrom (to ord)</td><td>document</td>" in reading
    assert 'id="reading"' not in render_html("rapport", "r.pdf", [make_tiltak()], pages_for([1]), [], {})  # nothing read: no section
