"""The review page's HTML: pure functions of plain data (the stages' results, page sizes).

Every tiltak's extracted fields beside its page images, each field's box drawn on the
page, the findings next to them, a chart of statuses by innsatsområde and how the text
was read (hyphens decided, lines dropped). Reading the stage files, finding the PDF,
rendering its pages and writing happen in :func:`pipeline.review.build_review`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pipeline.findings import SEVERITIES, Finding
from pipeline.model import Box, Dropped, Hyphen
from pipeline.stages.fields import FieldText, Tiltak
from pipeline.stages.overview import CellBreak, OverviewRow

PAGES_DIR = "pages"  # the page images, beside the HTML that refers to them
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
PAGE_LANG = "nb"  # the page is Norwegian (<html lang="nb">), and so are the findings' messages on it
# The page's style and script are files of their own beside this module, inlined into the page.
CSS = (Path(__file__).parent / "review.css").read_text(encoding="utf-8")
JS = (Path(__file__).parent / "review.js").read_text(encoding="utf-8")
DECISIONS = {"join": "satt sammen", "keep": "bindestrek beholdt", "suspended": "bindestrek og mellomrom beholdt"}
CELL_DECISIONS = {**DECISIONS, "space": "mellomrom (to ord)"}


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


def reading_html(hyphens: Sequence[Hyphen], dropped: Sequence[Dropped], cell_breaks: Sequence[CellBreak] = ()) -> str:
    """How extraction read the pages: every line-final hyphen decided, every line left out, and why;
    every line end inside a table cell that could be inside a word, and what was decided for it."""
    if not hyphens and not dropped and not cell_breaks:
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
    cell_rows = "".join(
        f"<tr><td>{b.page}</td><td>{b.tiltak_nr}</td><td>{e(b.column)}</td><td>{e(b.left)}|{e(b.right)}</td>"
        f"<td>{e(CELL_DECISIONS.get(b.decision, b.decision))}</td><td>{e(b.evidence)}</td></tr>"
        for b in cell_breaks
    )
    cells = (
        f"<details><summary>Linjeslutt inne i tabellceller: {len(cell_breaks)}</summary>"
        "<table><tr><th>Side</th><th>Tiltak</th><th>Kolonne</th><th>Trykt</th><th>Valg</th><th>Belegg</th></tr>"
        f"{cell_rows}</table></details>"
        if cell_breaks
        else ""
    )
    summary = ", ".join(f"{counts[k]} {v}" for k, v in DECISIONS.items() if counts[k]) or "ingen"
    return (
        '<section id="reading"><h2>Slik ble sidene lest</h2>'
        f"<details><summary>Orddeling ved linjeslutt: {e(summary)}; {len(uncertain)} usikre</summary>"
        "<table><tr><th>Side</th><th>Trykt</th><th>Lest</th><th>Valg</th><th>Belegg</th></tr>"
        f"{hyph_rows}</table></details>"
        f"<details><summary>Linjer utelatt fra teksten: {len(dropped)}</summary>"
        f"<table><tr><th>Side</th><th>Linje</th><th>Hvorfor</th></tr>{drop_rows}</table></details>{cells}</section>"
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
    cell_breaks: Sequence[CellBreak] = (),
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
        f"{reading_html(hyphens, dropped, cell_breaks)}"
        f'<nav class="toc">Tiltak: {toc}</nav>'
        '<label class="filter"><input type="checkbox" id="only-findings"> Vis bare tiltak med funn '
        f'(<span id="shown">{len(tiltak)}</span> av {len(tiltak)} vises)</label>'
        f"{sections}<script>{JS}</script></body></html>\n"
    )
