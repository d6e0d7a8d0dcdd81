"""PDFium reads the renderings of Chromium, WeasyPrint and Typst itself, with the reference's words.

Each of these producers does something PDFium's text page reads otherwise than the content
stream, which :mod:`pipeline.stages.engines.pdfium` undoes (see its docstring): the words
below are those of the reference (text, font, size, weight, colour, spacing; boxes within
:data:`TOLERANCE`), and no page is left to the reference.
"""

from __future__ import annotations

import pytest

from pipeline.stages.extract import read_pdf

from .helpers import MATRIX, raw_of, sampled

TOLERANCE = 0.5  # points, as tests/test_engines.py

# each rendering, and what in it PDFium reads otherwise than the content stream
DEPARTURES = {
    "cr-web-default": "codes without a width (the CID font's default); a size just under a hundredth's half; spaces set alone",
    "cr-columns-sidebar": "a three-letter ligature («ffb») PDFium gives as three letters; spaces set by text objects of their own",
    "wp-serif-u2010-notes": "nothing: read alike from the start (U+2010 hyphens, notes)",
    "wp-sans-minus-marker": "ligatures («tt», «fl») read the general way, whose size must be the fast path's",
    "ty-smallcaps-serif-justified": "hyphens whose ActualText is a soft hyphen",
    "ty-smallcaps-sans-ragged": "nothing: read alike from the start (small capitals, no hyphenation)",
    "ty-columns-sans-justified": "a digit and its superscript, one text of two widths; soft-hyphen ActualTexts; «tt» ligatures",
    "ho-cr-serif-wide": "a font in two subsets of one name and descent (DejaVu Sans: the fallback «▸», «↩»; the header and footer)",
    # the second held-out batch: read alike from the start (measured before the reader was looked at)
    "ho2-cr-left-labels": "nothing: read alike from the start (a box on the left, labels in a column of their own)",
    "ho2-cr-landscape-three-columns": "nothing: read alike from the start (landscape, three CSS columns)",
    "ho2-wp-cards": "nothing: read alike from the start (shaded cards, a running header per section, CSS footnotes)",
    "ho2-wp-side-heads": "nothing: read alike from the start (side heads floated left of their text)",
    "ho2-ty-hanging-numbers": "nothing: read alike from the start (numbers placed in the margin, a running header per section)",
    "ho2-ty-landscape-column-notes": "nothing: read alike from the start (landscape, footnotes at each column's foot)",
}
KEYS = ("text", "fontname", "size", "bold", "color", "space_before", "space_after")


@pytest.mark.parametrize("name", sampled(DEPARTURES, ["ty-columns-sans-justified"]))
def test_pdfium_reads_every_page_with_the_references_words(name):
    pdf = MATRIX / f"{name}.pdf"
    reference, fast = raw_of(pdf), read_pdf(pdf, engine="pdfium")
    assert (fast.engine, fast.reference_pages) == ("pdfium", ()), f"PDFium read every page itself ({DEPARTURES[name]})"
    assert (fast.pages, fast.links, fast.metadata, fast.findings) == (reference.pages, reference.links, reference.metadata, reference.findings)
    assert [[line.text for line in page] for page in fast.page_lines] == [[line.text for line in page] for page in reference.page_lines]
    pairs = [(a, b) for p, q in zip(reference.page_lines, fast.page_lines) for x, y in zip(p, q) for a, b in zip(x.words, y.words)]
    assert [tuple(getattr(b, k) for k in KEYS) for _, b in pairs] == [tuple(getattr(a, k) for k in KEYS) for a, _ in pairs]
    assert max(abs(getattr(a, k) - getattr(b, k)) for a, b in pairs for k in ("x0", "top", "x1", "bottom")) <= TOLERANCE
