"""Visual review report: every tiltak's extracted fields beside its page images.

``build_review(output/<report_id>)`` writes ``review/index.html`` and
``review/pages/page-NNN.png``. The HTML is one file with inline CSS, an inline
SVG chart and a few lines of inline JS (the findings filter); nothing is fetched
from the network.

Page images are PNG files next to the HTML, referenced relatively
(``pages/page-006.png``), not data URIs: one page is shown in up to three
neighbouring tiltak sections, so embedding would repeat it, and the separate
files let the browser decode each page once and the images be cached across
builds. The ``review/`` folder is what one copies or zips; it needs no network.

Boxes are absolutely positioned divs over the ``<img>``, placed in percent of the
page's size in PDF points, so the image is rendered once per page, not per tiltak,
and the boxes stay right at any display size.

Everything that builds HTML is a pure function of plain data; reading the stage
files, finding the PDF, rendering and writing happen in :func:`build_review`.

Nothing is written through a link. Every file the review writes (``index.html``, the
page images and ``pages/cache.json``, in ``review/`` and in the run's shared
``.cache/review-pages/``) goes through :func:`pipeline.store.write_file_atomically`:
a new file renamed over the old one, which replaces a symbolic link planted at its name
instead of writing where it points. The folders are made by
:func:`pipeline.store.real_dirs`: ``review/`` and ``review/pages/`` belong to the
review, so a link (or a file) found in their place is replaced by a real folder, never
followed out of the report's folder, and what it pointed to is left as it was. (The
report folder given, and the run's ``.cache``, are used as they are: where they live is
their owner's choice.) This covers links planted before a build, not one planted during
it by someone racing it.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from pipeline.errors import EncryptedPDFError, UnexpectedError, WrongPasswordError
from pipeline.findings import SEVERITIES, Finding
from pipeline.model import Box, Document, Dropped, Hyphen, from_jsonable
from pipeline.stages.fields import FieldText, Tiltak
from pipeline.stages.guards import sha256_of
from pipeline.stages.overview import Overview, OverviewRow
from pipeline.store import read_stage, real_dirs, write_file_atomically

DPI = 80  # page images: 662 × 936 px for A4, sharp enough to read, ~40 kB each
REVIEW_DIR = "review"
PAGES_DIR = "pages"
CACHE_FILE = "cache.json"
SHARED_PAGES = "review-pages"  # under the run's .cache: page images per PDF content and resolution
SHA256 = re.compile(r"[0-9a-f]{64}")

# field kind → (label, colour); the order is the legend's
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("Tittel", "#d62728"),
    "part_title": ("Deltittel", "#9467bd"),
    "description": ("Beskrivelse", "#1f77b4"),
    "ansvarlig_departement": ("Ansvarlig departement", "#ff7f0e"),
    "status": ("Status", "#2ca02c"),
    "sluttrapport": ("Sluttrapport", "#8c564b"),
}
STATUS_COLOURS = ("#3a8a3a", "#e0a100", "#7f7f7f", "#c0504d", "#4f81bd")
NO_STATUS = "(ingen status)"


@dataclass(frozen=True)
class Page:
    """A page image: its PDF size in points and its path relative to index.html."""

    number: int
    width: float
    height: float
    src: str


def e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def page_src(number: int) -> str:
    return f"{PAGES_DIR}/page-{number:03d}.png"


# --- pure helpers ----------------------------------------------------------------


def field_boxes(t: Tiltak) -> list[tuple[str, Box]]:
    """(field kind, box) for every box the pipeline read for a tiltak, each once.

    A measure's description also holds its parts' title boxes; those are drawn as
    part titles, not twice.
    """
    part_titles = [b for p in t.parts for b in p.title_boxes]
    out = [("title", b) for b in t.title_boxes] + [("part_title", b) for b in part_titles]
    seen = set(part_titles)
    for kind in ("description", "ansvarlig_departement", "status", "sluttrapport"):
        f: FieldText | None = getattr(t, kind)
        for b in f.boxes if f else ():
            if b not in seen:
                seen.add(b)
                out.append((kind, b))
    return out


def pages_of(t: Tiltak) -> list[int]:
    """The pages a tiltak spans: its heading's to its last line's, and every box's."""
    pages = set(range(t.page_start, t.page_end + 1))
    pages.update(b.page for _, b in field_boxes(t))
    return sorted(pages)


def scaled_box(box: Box, width: float, height: float) -> tuple[float, float, float, float]:
    """left, top, width, height of a box in percent of its page (PDF points, top-left origin)."""
    return (
        round(100 * box.x0 / width, 3),
        round(100 * box.top / height, 3),
        round(100 * (box.x1 - box.x0) / width, 3),
        round(100 * (box.bottom - box.top) / height, 3),
    )


def diff_words(body: str | None, table: str | None) -> tuple[str, str]:
    """Body and table values as HTML, words only in the body in <ins>, only in the table in <del>."""
    if body is None or table is None:
        return (e(body) if body is not None else "—", e(table) if table is not None else "—")
    bw, tw = body.split(), table.split()
    body_out: list[str] = []
    table_out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=tw, b=bw, autojunk=False).get_opcodes():
        if op == "equal":
            table_out.append(e(" ".join(tw[i1:i2])))
            body_out.append(e(" ".join(bw[j1:j2])))
            continue
        if i2 > i1:
            table_out.append(f"<del>{e(' '.join(tw[i1:i2]))}</del>")
        if j2 > j1:
            body_out.append(f"<ins>{e(' '.join(bw[j1:j2]))}</ins>")
    return " ".join(body_out), " ".join(table_out)


def area_label(t: Tiltak) -> str:
    if t.innsatsomrade_nr is None:
        return "Uten innsatsområde"
    return f"{t.innsatsomrade_nr}. {t.innsatsomrade_title or ''}".strip()


def status_by_area(tiltak: Sequence[Tiltak]) -> dict[str, Counter[str]]:
    """Body status counts per innsatsområde, areas in the order they first occur."""
    out: dict[str, Counter[str]] = {}
    for t in tiltak:
        out.setdefault(area_label(t), Counter())[t.status_value or NO_STATUS] += 1
    return out


def status_order(counts: Mapping[str, Counter[str]]) -> list[str]:
    names = {s for c in counts.values() for s in c}
    return sorted(names, key=lambda s: (s == NO_STATUS, s))


def chart_svg(counts: Mapping[str, Counter[str]]) -> str:
    """A horizontal stacked bar per innsatsområde, one segment per status, counts printed."""
    statuses = status_order(counts)
    colour = {s: STATUS_COLOURS[i % len(STATUS_COLOURS)] for i, s in enumerate(statuses)}
    label_w, bar_w, row_h, top = 300, 360, 26, 8
    most = max((sum(c.values()) for c in counts.values()), default=0) or 1
    height = top + row_h * len(counts) + 30
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 40}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 40} {height}" role="img" aria-label="Status per innsatsområde">'
    ]
    for row, (area, c) in enumerate(counts.items()):
        y = top + row * row_h
        short = area if len(area) <= 44 else area[:43] + "…"
        out.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end"><title>{e(area)}</title>{e(short)}</text>')
        x = float(label_w)
        for s in statuses:
            n = c.get(s, 0)
            if not n:
                continue
            w = bar_w * n / most
            out.append(
                f'<g class="seg" data-area="{e(area)}" data-status="{e(s)}" data-count="{n}">'
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="{colour[s]}"><title>{e(area)}: {n} {e(s)}</title></rect>'
                f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="#fff">{n}</text></g>'
            )
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="#555">{sum(c.values())}</text>')
    ly = top + row_h * len(counts) + 14
    lx = float(label_w)
    for s in statuses:
        out.append(f'<rect x="{lx:.0f}" y="{ly - 9}" width="10" height="10" fill="{colour[s]}"/><text x="{lx + 14:.0f}" y="{ly}">{e(s)}</text>')
        lx += 24 + 7 * len(s)
    out.append("</svg>")
    return "".join(out)


# --- HTML builders ---------------------------------------------------------------


def legend_html(kinds: Iterable[str]) -> str:
    items = "".join(f'<li><span class="sw" style="--c:{FIELDS[k][1]}"></span>{e(FIELDS[k][0])}</li>' for k in kinds)
    return f'<ul class="legend">{items}</ul>'


def page_html(page: Page, boxes: Sequence[tuple[str, Box]]) -> str:
    divs = []
    for kind, b in boxes:
        left, top, width, height = scaled_box(b, page.width, page.height)
        divs.append(
            f'<div class="box" data-field="{kind}" title="{e(FIELDS[kind][0])}" '
            f'style="--c:{FIELDS[kind][1]};left:{left}%;top:{top}%;width:{width}%;height:{height}%"></div>'
        )
    ratio = f"{page.width:.2f} / {page.height:.2f}"
    return (
        f'<figure class="page"><div class="sheet" style="aspect-ratio:{ratio}">'
        f'<img src="{e(page.src)}" alt="Side {page.number}">{"".join(divs)}</div>'
        f"<figcaption>Side {page.number}</figcaption></figure>"
    )


def mark_joined(f: FieldText) -> str:
    """A field's text, escaped, with the words extraction joined across a line break marked."""
    out, at = [], 0
    for start, end in sorted(f.joined):
        if start < at or end > len(f.text):
            continue
        out += [e(f.text[at:start]), f'<mark class="joined" title="orddeling opphevet">{e(f.text[start:end])}</mark>']
        at = end
    return "".join(out) + e(f.text[at:])


def _field_row(kind: str, f: FieldText | str | None, flagged: bool, extra: str = "") -> str:
    label, colour = FIELDS[kind]
    if isinstance(f, FieldText):
        printed = f" <small>«{e(f.label)}»</small>" if f.label and f.label != label else ""
        text = mark_joined(f)
    else:
        printed, text = "", e(f) if f else '<span class="none">ikke funnet</span>'
    flag = ' class="flagged" title="Har funn"' if flagged else ""
    return f'<dt{flag}><span class="sw" style="--c:{colour}"></span>{e(label)}{printed}</dt><dd>{text}{extra}</dd>'


PAGE_LANG = "nb"  # the page is Norwegian (<html lang="nb">), and so are the findings' messages on it


def findings_list_html(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    items = []
    for f in findings:
        body, table = diff_words(f.body_value, f.table_value)
        values = ""
        if f.body_value is not None or f.table_value is not None:
            values = f'<div class="vals"><span>Tekst: {body}</span><span>Tabell: {table}</span></div>'
        items.append(f'<li class="sev-{e(f.severity)}"><b>{e(f.severity)}</b> <code>{e(f.code)}</code> {e(f.message_in(PAGE_LANG))}{values}</li>')
    return f'<h3>Funn</h3><ul class="findings">{"".join(items)}</ul>'


def tiltak_section_html(t: Tiltak, pages: Mapping[int, Page], findings: Sequence[Finding], row: OverviewRow | None) -> str:
    boxes = field_boxes(t)
    flagged = {f.field for f in findings}
    status_extra = f' <span class="badge">{e(t.status_value)}</span>' if t.status_value else ""
    rows = [
        _field_row("title", t.title, "title" in flagged),
        _field_row("description", t.description, "description" in flagged),
        _field_row("ansvarlig_departement", t.ansvarlig_departement, "ansvarlig_departement" in flagged),
        _field_row("status", t.status, "status" in flagged, status_extra),
        _field_row("sluttrapport", t.sluttrapport, "sluttrapport" in flagged),
    ]
    parts = ""
    if t.has_parts:
        items = "".join(
            f"<li><b>{e(p.part)})</b> {e(p.title)} — {e(p.status_value or NO_STATUS)}"
            + (f" <small>(arvet: {e(', '.join(p.inherited))})</small>" if p.inherited else "")
            + "</li>"
            for p in t.parts
        )
        parts = f'<h3><span class="sw" style="--c:{FIELDS["part_title"][1]}"></span>Deler</h3><ul class="parts">{items}</ul>'
    table = ""
    if row is not None:
        table = f'<p class="table-row">Oversiktstabellen: {e(row.status)} · {e(row.ansvarlig_departement)} · side {row.page}</p>'
    kinds = [k for k in FIELDS if any(kind == k for kind, _ in boxes)]
    figures = "".join(page_html(pages[n], [(k, b) for k, b in boxes if b.page == n]) for n in pages_of(t) if n in pages)
    span = f"side {t.page_start}" if t.page_start == t.page_end else f"sider {t.page_start}–{t.page_end}"
    return (
        f'<section class="tiltak" id="tiltak-{t.tiltak_nr}" data-tiltak="{t.tiltak_nr}" data-findings="{len(findings)}">'
        f"<h2>Tiltak {t.tiltak_nr}. {e(t.title)}</h2>"
        f'<p class="meta">Innsatsområde {e(area_label(t))} · {span}</p>'
        f'<div class="cols"><div class="fields"><dl>{"".join(rows)}</dl>{parts}{table}{findings_list_html(findings)}</div>'
        f'<div class="pages">{legend_html(kinds)}<div class="sheets">{figures}</div></div></div></section>'
    )


def findings_table_html(findings: Sequence[Finding]) -> str:
    if not findings:
        return "<p>Ingen funn.</p>"
    rows = []
    for f in findings:
        body, table = diff_words(f.body_value, f.table_value)
        where = (
            f'<a href="#tiltak-{f.tiltak_nr}">Tiltak {f.tiltak_nr}{e(" " + f.part) if f.part else ""}</a>' if f.tiltak_nr is not None else "rapporten"
        )
        rows.append(
            f'<tr class="sev-{e(f.severity)}"><td>{e(f.severity)}</td><td><code>{e(f.code)}</code></td><td>{where}</td>'
            f'<td>{e(f.field or "")}</td><td class="val">{body}</td><td class="val">{table}</td><td>{e(f.message_in(PAGE_LANG))}</td><td>{e(f.page or "")}</td></tr>'
        )
    head = "<tr><th>Alvor</th><th>Kode</th><th>Hvor</th><th>Felt</th><th>Teksten sier</th><th>Tabellen sier</th><th>Melding</th><th>Side</th></tr>"
    return f'<table class="findings-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def summary_html(tiltak: Sequence[Tiltak], findings: Sequence[Finding]) -> str:
    counts = status_by_area(tiltak)
    statuses = status_order(counts)
    head = "".join(f"<th>{e(s)}</th>" for s in statuses)
    body = "".join(
        f"<tr><td>{e(area)}</td>" + "".join(f"<td>{c.get(s, 0)}</td>" for s in statuses) + f"<td>{sum(c.values())}</td></tr>"
        for area, c in counts.items()
    )
    totals = Counter(t.status_value or NO_STATUS for t in tiltak)
    foot = "<tr><th>Alle</th>" + "".join(f"<th>{totals[s]}</th>" for s in statuses) + f"<th>{len(tiltak)}</th></tr>"
    sev = Counter(f.severity for f in findings)
    sev_items = "".join(f'<li class="sev-{s}"><b>{sev.get(s, 0)}</b> {s}</li>' for s in SEVERITIES)
    with_findings = len({f.tiltak_nr for f in findings if f.tiltak_nr is not None})
    return (
        '<section id="summary"><h2>Sammendrag</h2><div class="cols">'
        f'<div><table class="counts"><thead><tr><th>Innsatsområde</th>{head}<th>Sum</th></tr></thead>'
        f"<tbody>{body}</tbody><tfoot>{foot}</tfoot></table>"
        f'<ul class="severities">{sev_items}</ul><p>{with_findings} av {len(tiltak)} tiltak har funn.</p></div>'
        f"<div>{chart_svg(counts)}</div></div></section>"
    )


# The page's style and script are files of their own beside this module, inlined into the page.
CSS = (Path(__file__).parent / "review.css").read_text(encoding="utf-8")
JS = (Path(__file__).parent / "review.js").read_text(encoding="utf-8")


DECISIONS = {"join": "satt sammen", "keep": "bindestrek beholdt", "suspended": "bindestrek og mellomrom beholdt"}


def reading_html(hyphens: Sequence[Hyphen], dropped: Sequence[Dropped]) -> str:
    """How extraction read the pages: every line-final hyphen decided, every line left out, and why."""
    if not hyphens and not dropped:
        return ""
    counts = Counter(h.decision for h in hyphens)
    uncertain = [h for h in hyphens if h.uncertain]
    shown = sorted(hyphens, key=lambda h: (not h.uncertain, h.decision == "join", h.page))
    hyph_rows = "".join(
        f"<tr{' class=uncertain' if h.uncertain else ''}><td>{h.page}</td><td>{e(h.left)}|{e(h.right)}</td><td>{e(h.joined)}</td>"
        f"<td>{e(DECISIONS[h.decision])}</td><td>{e(h.evidence)}</td></tr>"
        for h in shown
    )
    drop_rows = "".join(f"<tr><td>{d.page}</td><td>{e(d.text)}</td><td>{e(d.reason)}</td></tr>" for d in dropped)
    summary = ", ".join(f"{counts[k]} {v}" for k, v in DECISIONS.items() if counts[k]) or "ingen"
    return (
        '<section id="reading"><h2>Slik ble sidene lest</h2>'
        f"<details><summary>Orddeling ved linjeslutt: {e(summary)}; {len(uncertain)} usikre</summary>"
        "<table><tr><th>Side</th><th>Trykt</th><th>Lest</th><th>Valg</th><th>Belegg</th></tr>"
        f"{hyph_rows}</table></details>"
        f"<details><summary>Linjer utelatt fra teksten: {len(dropped)}</summary>"
        f"<table><tr><th>Side</th><th>Linje</th><th>Hvorfor</th></tr>{drop_rows}</table></details></section>"
    )


def render_html(
    report_id: str,
    source: str,
    tiltak: Sequence[Tiltak],
    pages: Mapping[int, Page],
    findings: Sequence[Finding],
    rows: Mapping[int, OverviewRow],
    hyphens: Sequence[Hyphen] = (),
    dropped: Sequence[Dropped] = (),
) -> str:
    """The whole review page (pure)."""
    by_tiltak: dict[int, list[Finding]] = {}
    for f in findings:
        if f.tiltak_nr is not None:
            by_tiltak.setdefault(f.tiltak_nr, []).append(f)
    toc = "".join(f'<a href="#tiltak-{t.tiltak_nr}"{" class=has-findings" if t.tiltak_nr in by_tiltak else ""}>{t.tiltak_nr}</a>' for t in tiltak)
    sections = "".join(tiltak_section_html(t, pages, by_tiltak.get(t.tiltak_nr, []), rows.get(t.tiltak_nr)) for t in tiltak)
    return (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Gjennomgang: {e(report_id)}</title><style>{CSS}</style></head><body>"
        f"<h1>Gjennomgang av uttrekket: {e(report_id)}</h1>"
        f'<p class="meta">Kilde: {e(source)} · {len(tiltak)} tiltak · {len(findings)} funn · '
        "hvert felt er tegnet i sin farge på sidene det ble lest fra</p>"
        f"{summary_html(tiltak, findings)}"
        f'<section id="findings"><h2>Valideringsfunn</h2>{findings_table_html(findings)}</section>'
        f"{reading_html(hyphens, dropped)}"
        f'<nav class="toc">Tiltak: {toc}</nav>'
        '<label class="filter"><input type="checkbox" id="only-findings"> Vis bare tiltak med funn '
        f'(<span id="shown">{len(tiltak)}</span> av {len(tiltak)} vises)</label>'
        f"{sections}<script>{JS}</script></body></html>\n"
    )


# --- I/O: inputs, the source PDF, page images ------------------------------------


def find_source_pdf(source_path: str, sha256: str, search_dirs: Sequence[Path]) -> Path:
    """The PDF the stages were read from: at its recorded path, else one with its hash."""
    recorded = Path(source_path) if source_path else None
    if recorded is not None and recorded.is_file() and sha256_of(recorded) == sha256:
        return recorded
    name = recorded.name if recorded else ""
    for folder in search_dirs:
        if not folder.is_dir():
            continue
        for pdf in sorted(folder.glob("*.pdf"), key=lambda p: p.name != name):
            if sha256_of(pdf) == sha256:
                return pdf
    where = ", ".join(str(d) for d in search_dirs)
    state = "changed since the run" if recorded is not None and recorded.is_file() else "missing"
    raise UnexpectedError(f"source PDF not found: {source_path or '(no path recorded)'} is {state} and no PDF in {where} has sha256 {sha256[:12]}…")


def cached_pages(pages_dir: Path, sha256: str, dpi: int = DPI) -> set[int]:
    """Pages whose images were rendered from this PDF hash at this resolution and are still there."""
    try:
        meta = json.loads((pages_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if meta.get("sha256") != sha256 or meta.get("dpi") != dpi:
        return set()
    return {n for n in meta.get("pages", []) if (pages_dir / Path(page_src(n)).name).is_file()}


def open_for_rendering(pdf_path: Path, password: str | None = None) -> Any:
    """The source PDF opened by PDFium; an encrypted one with the password (never repeated in an error)."""
    import pypdfium2 as pdfium  # only the review needs the renderer

    try:
        return pdfium.PdfDocument(str(pdf_path), password=password)
    except pdfium.PdfiumError as exc:
        if "password" not in str(exc).lower():
            raise UnexpectedError(f"its pages cannot be rendered ({exc})") from None
        if password:
            try:
                return pdfium.PdfDocument(str(pdf_path))  # the password was for other PDFs of the run
            except pdfium.PdfiumError:
                raise WrongPasswordError("the password given does not open it") from None
        raise EncryptedPDFError("a password is needed to render its pages") from None


def render_pages(pdf_path: Path, sha256: str, numbers: Iterable[int], pages_dir: Path, dpi: int = DPI, password: str | None = None) -> list[int]:
    """Render the pages not cached for this PDF hash and resolution; return those rendered.

    The cache file records hash, resolution and pages; another PDF or resolution
    drops the old images.
    """
    have = cached_pages(pages_dir, sha256, dpi)
    missing = sorted(set(numbers) - have)
    if not missing:
        return []
    if not have:
        for old in pages_dir.glob("page-*.png"):
            old.unlink()
    pdf = open_for_rendering(pdf_path, password)
    try:
        for n in missing:
            image = pdf[n - 1].render(scale=dpi / 72).to_pil().quantize(colors=64)
            buf = io.BytesIO()
            image.save(buf, "PNG")
            write_file_atomically(pages_dir / Path(page_src(n)).name, buf.getvalue())
    finally:
        pdf.close()
    meta = {"sha256": sha256, "dpi": dpi, "pages": sorted(have | set(missing))}
    write_file_atomically(pages_dir / CACHE_FILE, (json.dumps(meta) + "\n").encode("utf-8"))
    return missing


def _source_of(report_dir: Path, extract: Mapping[str, Any]) -> tuple[str, str, str]:
    """(file name, recorded path, sha256) of the report's PDF, from manifest.json or extract.json."""
    manifest_path = report_dir / "manifest.json"
    if manifest_path.is_file():
        m = json.loads(manifest_path.read_text(encoding="utf-8"))
        return m.get("source_file", ""), m.get("source_path", ""), m["source_sha256"]
    return extract.get("source", ""), extract.get("source_path", ""), extract["sha256"]


def build_review(report_dir: Path, password: str | None = None) -> Path:
    """Write ``report_dir/review/index.html`` (and its page images); return its path."""
    report_dir = Path(report_dir)
    extract = read_stage(report_dir, "extract")["data"]
    tiltak: list[Tiltak] = from_jsonable(list[Tiltak], read_stage(report_dir, "fields")["data"])
    overview: Overview = from_jsonable(Overview, read_stage(report_dir, "overview")["data"])
    validation = report_dir / "validation.json"
    findings: list[Finding] = []
    if validation.is_file():
        findings = from_jsonable(list[Finding], json.loads(validation.read_text(encoding="utf-8"))["findings"])
    source, source_path, sha = _source_of(report_dir, extract)

    if not SHA256.fullmatch(str(sha)):  # it names a folder of the shared cache: a hash, never a path
        raise UnexpectedError(f"the report's recorded sha256 is not a SHA-256 hash: {str(sha)[:80]!r}")
    sizes = {p["number"]: (p["width"], p["height"]) for p in extract["pages"]}
    needed = sorted({n for t in tiltak for n in pages_of(t)} & set(sizes))
    # rendered once per PDF content into the run's cache, which outlives the report
    # folder (a run replaces that whole), then copied into review/pages/
    cache_dir = report_dir.parent / ".cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    shared = real_dirs(cache_dir, Path(SHARED_PAGES) / f"{sha}-{DPI}")
    if set(needed) - cached_pages(shared, sha):
        search = list(dict.fromkeys(p.resolve() for p in (Path("raw_pdfs"), report_dir.resolve().parent.parent / "raw_pdfs")))
        render_pages(find_source_pdf(source_path, sha, search), sha, needed, shared, password=password)
    out = real_dirs(report_dir, REVIEW_DIR)
    pages_dir = real_dirs(report_dir, Path(REVIEW_DIR) / PAGES_DIR)
    for name in [Path(page_src(n)).name for n in needed] + [CACHE_FILE]:
        copy = pages_dir / name
        if name == CACHE_FILE or copy.is_symlink() or not copy.is_file():
            write_file_atomically(copy, (shared / name).read_bytes())
    pages = {n: Page(n, *sizes[n], page_src(n)) for n in needed}
    rows: dict[int, OverviewRow] = {}
    for r in overview.rows:
        rows.setdefault(r.tiltak_nr, r)
    document = from_jsonable(Document, extract)
    html = render_html(report_dir.name, source, tiltak, pages, findings, rows, document.hyphens, document.dropped)
    index = out / "index.html"
    write_file_atomically(index, html.encode("utf-8"))
    return index
