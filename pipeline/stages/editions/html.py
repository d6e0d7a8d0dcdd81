"""Reading a report's HTML edition into blocks (issue 21), with lxml.

lxml parses with libxml2's HTML parser: fast, well kept, and it never runs a script. It is set up
here so that it never fetches anything either (``no_network``, no base URL, no decompression; the
HTML parser loads no DTD and knows only HTML's own entities). The bytes are decoded here, not by
libxml2, as a browser does: the byte order mark first, then ``<meta charset>`` in the first 1024
bytes, else UTF-8 (ISO-8859-1 and ASCII read as windows-1252, as the HTML standard says).

What is read is what a reader sees as the report's text, decided by the markup's semantics, never
by a site's class names:

- never read: scripts, styles, templates and ``<noscript>`` (scripts never run, so their fallback
  is a message about the page, not report text), images, media, embedded frames, SVG and MathML,
  form controls, dialogs (cookie banners), ``nav``, the page's own ``header`` and ``footer`` (those
  not inside an article, section, aside, main or nav: ARIA's banner and contentinfo) and the ARIA
  roles for the same (navigation, banner, contentinfo, search, dialog, menus, toolbars), elements
  marked ``hidden`` or ``display: none``; and when the page has a ``<main>``, nothing outside it (the
  skip links, site menus and cookie banners of a web page stand outside it), except its notes; when
  the main content holds one ``<article>``, nothing beside it (related articles, a site's asides);
- style: ``b``/``strong``, ``i``/``em``, ``th`` and ``h1``–``h6`` as browsers set them, then the
  page's own ``<style>`` rules with plain selectors (elements, classes, ids, descendant and child
  combinators; rules with other selectors and ``@`` rules other than ``@media`` are passed over),
  then ``style`` attributes: ``font-weight``, ``font-style``, ``font-variant`` (small capitals),
  ``vertical-align: super``, ``display: none``, page breaks (``break-before: page``), and
  ``float: footnote`` (a note set where it is cited, CSS for paged media); external stylesheets are
  never loaded; a paragraph wholly in bold type larger than the body's (``font-size``) is a heading,
  its level by its size as browsers size ``h1``–``h3``: the headings a CMS's editors make without a heading element;
- lists typed by hand (a paragraph that starts with «•» or, indented, «o» or a dash) are list items,
  levelled by their ``margin-left``/``padding-left`` (:func:`.blocks.typed_list_items`, as in Word);
- notes: a notes section (``role="doc-endnotes"``/``"doc-footnotes"``, pandoc's
  ``class="footnotes"``, ``epub:type``), each item a note numbered as its list numbers it (a section
  of paragraphs, no list: each paragraph a mark links to, numbered as the mark shows it, a symbol
  «*», «†» by its order, the symbol opening it no note text: :func:`cited_in`); elements
  with ``role="doc-footnote"``/``"doc-endnote"``; ``float: footnote`` notes, numbered in order; and a
  list whose items raised numbers link to (``<sup><a href="#fn1">1</a></sup>``), with its heading.
  A link to a note is its reference mark; a link from a note back to its mark (``role="doc-backlink"``
  or a link to a mark's id: the «↩») is not note text;
- links: the ``href`` of an ``a`` that is an absolute URI (or relative to an absolute ``<base>``,
  joined as text, never fetched); an in-page anchor ``#…`` is no link to the web.

Boxes and figures floated in the text (``float: left`` or ``right`` among blocks of text that are not floated,
in smaller type: a «Fakta» box, a figure's caption) are set apart and not read as the text, as the PDF reading
sets them apart (:func:`floats_in_text`); so are asides that repeat the text word for word (pull quotes).

A section's tags (a few words each, a measure's status badge) set before its heading, which its style
may place at the card's corner, belong to the section the heading opens: they are read right after the
heading (:func:`heading_first`), not as the last words of the text before the section.

Whitespace collapses as a browser collapses it (no space is invented between ``<b>Tiltak</b>`` and
the punctuation after it); a no-break space is kept as U+00A0, a space no line breaks at; ``<br>`` is a line break (``"\\n"``
in a run's text, as python-docx gives Word's breaks), ``<pre>`` keeps its spaces and lines.

Tables: a table right after another, nothing between them, under the same header (a long table set
in halves side by side, two tables in a flex box) is that table continued, one table (:func:`continues`).

Provenance: an element is named by its tag and its place among the document's elements of that tag
(«h3 5», «p 57», «li 12»), a table cell by table, row and cell («table 1, row 3, cell 2»).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from pipeline.errors import NotAnHTMLPageError
from pipeline.model import sections_offsets
from pipeline.stages.editions.blocks import Block, Cell, Edition, Note, PageBreak, Paragraph, Run, Table, typed_list_items
from pipeline.text import NOTE_SYMBOL, TAG_WORDS, note_numeral, repeats_word_for_word, roman_numeral

Element = Any  # an lxml element (lxml ships no type information)

# ---------------------------------------------------------------------------------------------
# bytes → text


# What a binary file that someone named .html most often is, by its first bytes.
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive (a .docx, .odt or .zip)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"{\\rtf", "an RTF document"),
)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# The HTML standard's labels that name another encoding than Python's codec of that name.
_WINDOWS_LABELS = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252"}
_WINDOWS_LABELS |= {"ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874"}
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def sniff_binary(data: bytes) -> None:
    """Raise if the bytes are plainly no HTML page: empty, a known binary format, or not text."""
    if not data.strip():
        raise NotAnHTMLPageError("the file is empty")
    head = data[:1024]
    for magic, what in _MAGIC:
        if head.startswith(magic) or (magic == b"%PDF-" and magic in head):
            raise NotAnHTMLPageError(f"the file is {what}")
    if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data[:8192]:
        raise NotAnHTMLPageError("the file is binary (it holds NUL bytes)")


def encoding_of(data: bytes) -> tuple[str, int]:
    """The encoding the page is in, as a Python codec, and how many bytes of byte order mark to skip."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    found = _META_CHARSET.search(data[:1024])
    return (codec_of(found.group(1).decode("ascii")) if found else "utf-8"), 0


def codec_of(label: str) -> str:
    """A ``<meta charset>`` label as a Python codec: the HTML standard's reading, UTF-8 when unknown."""
    label = label.strip().lower()
    if label in _WINDOWS_LABELS:
        return _WINDOWS_LABELS[label]
    if label.startswith(("utf-16", "utf-32")):  # a page that can declare it in ASCII is not UTF-16
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return "utf-8"


def decode(data: bytes) -> str:
    """The page's text; raises if it is no HTML page (binary, or text without a single tag)."""
    sniff_binary(data)
    codec, skip = encoding_of(data)
    text = data[skip:].decode(codec, errors="replace")
    sample = text[:8192]
    junk = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f"))
    if junk > len(sample) // 20:
        raise NotAnHTMLPageError(f"the file is not text in its encoding ({codec})")
    if not re.search(r"<[A-Za-z!/?]", sample if "<" in sample else text):
        raise NotAnHTMLPageError("the file holds no markup")
    return text


# ---------------------------------------------------------------------------------------------
# parsing


def parser() -> Any:
    """libxml2's HTML parser, never reaching out: no network, no decompression, no comments or
    processing instructions kept; its security limits (nesting, text size) left on."""
    return lxml.html.HTMLParser(no_network=True, decompress=False, huge_tree=False, remove_comments=True, remove_pis=True, default_doctype=False)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse(text: str) -> Element:
    """The page's element tree (its ``html`` element). libxml2 recovers from broken markup as browsers
    do, but stops at its limits (elements nested over 256 deep): then the page is refused, never read in part."""
    html_parser = parser()
    root = lxml.etree.fromstring(_XML_DECLARATION.sub("", text, count=1), html_parser)
    fatal = [e.message for e in html_parser.error_log if e.level_name == "FATAL"]
    if fatal:
        raise NotAnHTMLPageError(f"it is nested beyond the parser's limits: {fatal[0]}")
    if root is None:
        raise NotAnHTMLPageError("the file holds no markup")
    return root


def tag_of(el: Element) -> str:
    """An element's tag in lower case; "" for comments and the like."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def classes_of(el: Element) -> frozenset[str]:
    return frozenset((el.get("class") or "").split())


def role_of(el: Element) -> str:
    """An element's first ARIA role (a role attribute may list fallbacks; the first is the one meant)."""
    roles = (el.get("role") or "").lower().split()
    return roles[0] if roles else ""


def epub_type_of(el: Element) -> set[str]:
    return set((el.get("epub:type") or "").lower().split())


# ---------------------------------------------------------------------------------------------
# style: what the browser's own stylesheet, the page's <style> rules and style attributes say


@dataclass(frozen=True)
class Style:
    """The computed style a reader needs: what a run looks like, and what an element does to the flow."""

    bold: bool = False
    italic: bool = False
    small_caps: bool = False
    superscript: bool = False
    hidden: bool = False  # display: none
    display: str = ""  # as declared ("" when not)
    break_before: bool = False
    break_after: bool = False
    footnote: bool = False  # float: footnote
    floated: bool = False  # float: left or right (not inherited, as display is not)
    size: float = 1.0  # font-size, in the body's ems (a browser's default 16 px is 1)


_ITALIC_TAGS = {"i", "em", "cite", "var", "dfn", "address"}
_BOLD_TAGS = {"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
_PAGE_BREAKS = {"page", "always", "left", "right", "recto", "verso"}
_BREAK_PROPERTIES = {
    "break-before": "break_before",
    "page-break-before": "break_before",
    "break-after": "break_after",
    "page-break-after": "break_after",
}


def declarations(text: str) -> dict[str, str]:
    """A declaration block («font-weight: bold; color: red») as property → value (``!important`` dropped)."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            out[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


def _weight(value: str) -> bool | None:
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    return int(value) >= 600 if value.isdigit() else None


def apply_declarations(style: Style, decl: dict[str, str]) -> Style:
    """The style after a rule's declarations (only the properties a reader needs)."""
    changes: dict[str, bool | str | float] = {}
    if "font" in decl:  # the shorthand sets every font property it does not name back to normal
        words = decl["font"].replace(",", " ").split()
        if not any(w in ("inherit", "initial", "unset", "revert") for w in words):
            changes.update(
                bold=any(_weight(w) for w in words),
                italic=any(w in ("italic", "oblique") for w in words),
                small_caps="small-caps" in words,
            )
    if (weight := _weight(decl.get("font-weight", ""))) is not None:
        changes["bold"] = weight
    if (slant := decl.get("font-style", "").split(" ")[0]) in ("italic", "oblique", "normal"):
        changes["italic"] = slant != "normal"
    for prop in ("font-variant", "font-variant-caps"):
        if prop in decl:
            changes["small_caps"] = "small-caps" in decl[prop]
    if (align := decl.get("vertical-align")) in ("super", "sub", "baseline"):
        changes["superscript"] = align == "super"
    if "display" in decl:
        changes.update(display=decl["display"], hidden=decl["display"] == "none")
    for prop, key in _BREAK_PROPERTIES.items():
        if prop in decl:
            changes[key] = decl[prop] in _PAGE_BREAKS
    if "float" in decl:
        changes["footnote"] = decl["float"] == "footnote"
        changes["floated"] = decl["float"] in ("left", "right", "inline-start", "inline-end")
    if (size := font_size(decl.get("font-size", ""), style.size)) is not None:
        changes["size"] = size
    return replace(style, **changes) if changes else style  # type: ignore[arg-type]


_SIZE_KEYWORDS = {"xx-small": 0.6, "x-small": 0.75, "small": 0.89, "medium": 1.0, "large": 1.2, "x-large": 1.5, "xx-large": 2.0, "xxx-large": 3.0}
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)(em|rem|%|px|pt|ex|ch)$")
_PER_EM = {"rem": 1.0, "px": 1 / 16, "pt": 1 / 12}  # absolute units, in the default 16 px em


def font_size(value: str, parent: float) -> float | None:
    """A ``font-size`` in the body's ems (relative units relative to the parent's size); None when not given or not understood."""
    value = value.strip()
    if value in _SIZE_KEYWORDS:
        return _SIZE_KEYWORDS[value]
    if value in ("larger", "smaller"):
        return parent * (1.2 if value == "larger" else 1 / 1.2)
    m = _LENGTH.match(value)
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2)
    if unit in _PER_EM:
        return number * _PER_EM[unit]
    return parent * number * {"em": 1.0, "%": 0.01, "ex": 0.5, "ch": 0.5}[unit]


def length_in_ems(value: str) -> float:
    """A length (a margin, a padding) in ems of 16 px; 0 when not understood."""
    m = _LENGTH.match(value.strip())
    if not m:
        return 0.0
    number, unit = float(m.group(1)), m.group(2)
    return number * _PER_EM.get(unit, 1.0) if unit != "%" else 0.0


# A paragraph set wholly in bold type larger than the body's is a heading, as a CMS's editors make one
# without a heading element; its level by its size, as a browser sets h1 (2 em), h2 (1.5 em), h3 (1.17 em).
HEADING_BY_SIZE = ((1.75, 1), (1.3, 2), (1.1, 3))


def heading_by_size(size: float) -> int:
    return next((level for least, level in HEADING_BY_SIZE if size >= least), 0)


@dataclass(frozen=True)
class Compound:
    """One compound selector: a tag (or any), classes and an id, all of which an element must have."""

    tag: str
    classes: frozenset[str]
    id: str

    def matches(self, el: Element) -> bool:
        return (not self.tag or tag_of(el) == self.tag) and (not self.id or el.get("id") == self.id) and self.classes <= classes_of(el)


@dataclass(frozen=True)
class Rule:
    """A style rule with one plain selector: compounds from the outermost, each with the combinator
    (" " descendant, ">" child) that joins it to the next."""

    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...]
    specificity: tuple[int, int, int]
    order: int
    declarations: dict[str, str] = field(hash=False, compare=False)

    def matches(self, el: Element) -> bool:
        return _matches(self.compounds, self.combinators, len(self.compounds) - 1, el)


def _matches(compounds: tuple[Compound, ...], combinators: tuple[str, ...], i: int, el: Element) -> bool:
    if not compounds[i].matches(el):
        return False
    if i == 0:
        return True
    parent = el.getparent()
    if combinators[i - 1] == ">":
        return parent is not None and _matches(compounds, combinators, i - 1, parent)
    while parent is not None:
        if _matches(compounds, combinators, i - 1, parent):
            return True
        parent = parent.getparent()
    return False


_COMPOUND = re.compile(r"^(\*|[a-z][a-z0-9-]*)?((?:[.#][A-Za-z0-9_-]+)*)$", re.IGNORECASE)


def selector(text: str, order: int, decl: dict[str, str]) -> Rule | None:
    """A rule for one plain selector; None for the selectors this reader does not match (attributes,
    pseudo-classes and pseudo-elements: they style generated content or a state, not the text)."""
    tokens = re.sub(r"\s*>\s*", " > ", text.strip()).split()
    compounds: list[Compound] = []
    combinators: list[str] = []
    pending = " "
    for token in tokens:
        if token == ">":
            pending = ">"
            continue
        found = _COMPOUND.match(token)
        if not found or (compounds and pending not in (" ", ">")):
            return None
        parts = re.findall(r"[.#][A-Za-z0-9_-]+", found.group(2) or "")
        ids = [p[1:] for p in parts if p[0] == "#"]
        tag = (found.group(1) or "").lower()
        compounds.append(Compound("" if tag == "*" else tag, frozenset(p[1:] for p in parts if p[0] == "."), ids[0] if ids else ""))
        if len(compounds) > 1:
            combinators.append(pending)
        pending = " "
    if not compounds:
        return None
    specificity = (
        sum(bool(c.id) for c in compounds),
        sum(len(c.classes) for c in compounds),
        sum(bool(c.tag) for c in compounds),
    )
    return Rule(tuple(compounds), tuple(combinators), specificity, order, decl)


def css_rules(css: str, start: int = 0) -> list[Rule]:
    """The plain rules of a stylesheet, in order; ``@media`` and ``@supports`` blocks read as if they
    applied, other ``@`` rules (``@import``, ``@font-face``, ``@page``) passed over."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules: list[Rule] = []
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        semicolon = css.find(";", i)
        if brace < 0:
            break
        if 0 <= semicolon < brace and css[i:semicolon].strip().startswith("@"):
            i = semicolon + 1  # @import, @charset: a statement
            continue
        end = _block_end(css, brace)
        prelude, body = css[i:brace].strip(), css[brace + 1 : end]
        if prelude.lower().startswith(("@media", "@supports", "@layer")):
            rules.extend(css_rules(body, start + len(rules)))
        elif not prelude.startswith("@"):
            decl = declarations(body)
            for text in prelude.split(","):
                if (rule := selector(text, start + len(rules), decl)) is not None:
                    rules.append(rule)
        i = end + 1
    return rules


def _block_end(css: str, brace: int) -> int:
    depth = 0
    for j in range(brace, len(css)):
        if css[j] == "{":
            depth += 1
        elif css[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(css)


def page_rules(root: Element) -> list[Rule]:
    """The rules of the page's own ``<style>`` elements (CSS ones), in document order."""
    rules: list[Rule] = []
    for el in root.iter("style"):
        if (el.get("type") or "text/css").lower().strip() in ("text/css", ""):
            rules.extend(css_rules(el.text or "", len(rules)))
    return rules


def rule_key(rule: Rule) -> str:
    """Where to look a rule up: by the id, a class, or the tag of its last compound."""
    last = rule.compounds[-1]
    if last.id:
        return "#" + last.id
    if last.classes:
        return "." + min(last.classes)
    return last.tag or "*"


def styles(root: Element, rules: list[Rule]) -> dict[Element, Style]:
    """Every element's computed style: inherited from its parent, then the browser's defaults for its
    tag, the page's rules by specificity and order, and its ``style`` attribute."""
    index: dict[str, list[Rule]] = {}
    for rule in rules:
        index.setdefault(rule_key(rule), []).append(rule)
    out: dict[Element, Style] = {}

    def compute(el: Element, parent: Style) -> None:
        tag = tag_of(el)
        if not tag:
            return
        style = Style(bold=parent.bold, italic=parent.italic, small_caps=parent.small_caps, superscript=parent.superscript, size=parent.size)
        if tag in _BOLD_TAGS:
            style = replace(style, bold=True)
        if tag in _ITALIC_TAGS:
            style = replace(style, italic=True)
        if tag in ("sup", "sub"):
            style = replace(style, superscript=tag == "sup")
        keys = ["*", tag, *("." + c for c in classes_of(el))] + (["#" + el.get("id")] if el.get("id") else [])
        candidates = {id(r): r for key in keys for r in index.get(key, ())}
        for rule in sorted(candidates.values(), key=lambda r: (r.specificity, r.order)):
            if rule.matches(el):
                style = apply_declarations(style, rule.declarations)
        if el.get("style"):
            style = apply_declarations(style, declarations(el.get("style")))
        out[el] = style
        for child in el:
            compute(child, style)

    compute(root, Style())
    return out


# ---------------------------------------------------------------------------------------------
# what is not report text, and what the markup marks


_SKIPPED_TAGS = {
    "head", "script", "style", "template", "noscript", "link", "meta", "base", "title",
    "img", "picture", "source", "track", "video", "audio", "canvas", "svg", "math", "map", "area",
    "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param", "portal",
    "input", "button", "select", "option", "optgroup", "datalist", "textarea", "progress", "meter",
    "dialog", "nav", "rp",
}  # fmt: skip
_SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "img", "button"}
_SECTIONING = {"article", "aside", "main", "nav", "section"}
_BLOCK_TAGS = {
    "html", "body", "address", "article", "aside", "blockquote", "center", "details", "summary", "dialog", "dir",
    "div", "dl", "dt", "dd", "fieldset", "legend", "figure", "figcaption", "footer", "form", "header", "hgroup",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "listing", "main", "menu", "nav", "ol", "ul", "p", "plaintext",
    "pre", "search", "section", "xmp", "table", "caption", "tr", "td", "th", "thead", "tbody", "tfoot",
}  # fmt: skip
_INLINE_DISPLAYS = {"inline", "inline-block", "inline-flex", "inline-grid", "inline-table", "ruby"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_PREFORMATTED = {"pre", "listing", "plaintext", "xmp", "textarea"}
_NOTES_ROLES = {"doc-endnotes", "doc-footnotes"}
_NOTE_ROLES = {"doc-endnote", "doc-footnote"}
_NOTES_EPUB = {"footnotes", "endnotes", "rearnotes"}
_NOTE_EPUB = {"footnote", "endnote", "rearnote"}
_URI_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_NOT_LINKS = {"javascript", "vbscript", "data"}
# Dublin Core names a page may declare its dates and author by, under the names a Word edition gives them.
_METADATA_ALIASES = {"dcterms.created": "created", "dcterms.modified": "modified", "dc.creator": "author", "dcterms.creator": "author"}


def skipped(el: Element, style: Style) -> bool:
    """Whether an element is no report text: page furniture, scripts, media, controls, hidden parts."""
    tag = tag_of(el)
    if not tag or tag in _SKIPPED_TAGS or role_of(el) in _SKIPPED_ROLES or style.hidden:
        return True
    if el.get("hidden") is not None and el.get("hidden").lower() != "until-found":
        return True
    return tag in ("header", "footer") and not any(tag_of(a) in _SECTIONING for a in el.iterancestors())


def in_skipped(el: Element, style_of: dict[Element, Style]) -> bool:
    """Whether an element is, or stands inside, one that is no report text."""
    return any(skipped(e, style_of.get(e, Style())) for e in (el, *el.iterancestors()))


def heading_level(el: Element) -> int:
    """``h1``–``h6``, or ``role="heading"`` with its ``aria-level`` (2 when not given, as ARIA says)."""
    tag = tag_of(el)
    if tag in _HEADINGS:
        return _HEADINGS[tag]
    if role_of(el) == "heading":
        level = (el.get("aria-level") or "").strip()
        return min(max(int(level), 1), 6) if level.isdigit() else 2
    return 0


def is_block(el: Element, style: Style) -> bool:
    """Whether an element starts and ends paragraphs (its tag's display, unless its style says another)."""
    if style.display and style.display != "contents":
        return style.display not in _INLINE_DISPLAYS
    return tag_of(el) in _BLOCK_TAGS


def link_target(href: str | None, base: str) -> str:
    """The URI an ``href`` links to on the web; "" for in-page anchors, scripts, and relative
    references with no absolute ``<base>`` to join them to."""
    href = re.sub(r"[\t\n\r]", "", (href or "").strip())
    if not href or href.startswith("#"):
        return ""
    scheme = _URI_SCHEME.match(href)
    if scheme:
        return "" if scheme.group(1).lower() in _NOT_LINKS else href
    return urljoin(base, href) if base else ""


def base_of(root: Element) -> str:
    """The page's ``<base href>`` when it is an absolute http(s) URI (joined as text, never fetched)."""
    for el in root.iter("base"):
        href = (el.get("href") or "").strip()
        if re.match(r"^https?://", href, re.IGNORECASE):
            return href
    return ""


def metadata_of(root: Element) -> dict[str, str]:
    """What the page declares about itself: its ``<title>``, its ``<meta name>`` values, its language."""
    out: dict[str, str] = {}
    for el in root.iter("title"):
        out.setdefault("title", " ".join((el.text or "").split()))
    for el in root.iter("meta"):
        name, content = (el.get("name") or "").strip().lower(), el.get("content")
        if name and content is not None:
            out.setdefault(name, " ".join(content.split()))
    for name, alias in _METADATA_ALIASES.items():
        if name in out:
            out.setdefault(alias, out[name])
    if root.get("lang"):
        out["language"] = root.get("lang").strip()
    return out


def element_names(root: Element) -> dict[Element, str]:
    """Each element's provenance: its tag and its place among the document's elements of that tag
    («p 57»: the 57th ``p``), stable for the same file."""
    counts: dict[str, int] = {}
    names: dict[Element, str] = {}
    for el in root.iter():
        tag = tag_of(el)
        if tag:
            counts[tag] = counts.get(tag, 0) + 1
            names[el] = f"{tag} {counts[tag]}"
    return names


# ---------------------------------------------------------------------------------------------
# notes


@dataclass(frozen=True)
class NoteMarks:
    """Where a page's notes stand: each note element's number, the ids a link can cite a note by,
    the elements the walk leaves out (note sections, placed notes), and the back-links in notes."""

    numbers: dict[Element, int]  # note element → number
    by_id: dict[str, int]  # an id inside or of a note → its number
    placed: frozenset[Element]  # float: footnote notes, read where they stand
    containers: tuple[Element, ...]  # note sections and standalone notes, not body text
    endnotes: frozenset[Element]


def _ordinal_items(lst: Element) -> Iterator[tuple[Element, int]]:
    """A list's items with the numbers the list gives them (``start``, ``reversed``, ``value``)."""
    items = [li for li in lst if tag_of(li) == "li"]
    reverse = lst.get("reversed") is not None
    number = _int(lst.get("start"), len(items) if reverse else 1)
    for li in items:
        number = _int(li.get("value"), number)
        yield li, number
        number += -1 if reverse else 1


def _int(text: str | None, default: int) -> int:
    text = (text or "").strip()
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else default


def is_notes_section(el: Element) -> bool:
    return role_of(el) in _NOTES_ROLES or bool(epub_type_of(el) & _NOTES_EPUB) or "footnotes" in classes_of(el)


def is_note(el: Element) -> bool:
    return role_of(el) in _NOTE_ROLES or bool(epub_type_of(el) & _NOTE_EPUB)


def _ref_number(root: Element, note_id: str) -> int | None:
    """The number the first mark citing a note shows («1», «[1]», or a symbol's place: «*» 1, «†» 2,
    :func:`pipeline.text.note_numeral`), where the markup gives none."""
    for a in root.iter("a"):
        if (a.get("href") or "").strip() == "#" + note_id:
            digits = re.sub(r"\D", "", a.text_content())
            return int(digits) if digits and len(digits) < 6 else None if digits else note_numeral(a.text_content().strip())
    return None


def cited_in(section: Element, root: Element) -> list[tuple[Element, int]]:
    """The notes of a notes section that holds neither a list nor elements marked as notes: its
    elements a mark in the text links to (paragraphs opened by their symbol, «* Siden …»), each
    numbered as its mark shows it (:func:`_ref_number`), else in their order."""
    inside = {el.get("id"): el for el in section.iter() if tag_of(el) and el.get("id")}
    cited: list[Element] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        target = inside.get(href[1:]) if href.startswith("#") else None
        if target is not None and target not in cited and section not in a.iterancestors():
            cited.append(target)
    return [(note, _ref_number(root, note.get("id")) or k) for k, note in enumerate(cited, 1)]


def without_own_symbol(paragraphs: tuple[Paragraph, ...], number: int) -> tuple[Paragraph, ...]:
    """A note's paragraphs without the symbol it opens with («* Siden …»), where that symbol names
    the note itself: it is the note's mark, as a list's number is, not its text."""
    if not paragraphs or not paragraphs[0].runs:
        return paragraphs
    first = paragraphs[0]
    k = next((k for k, r in enumerate(first.runs) if r.text.strip()), None)
    if k is None:
        return paragraphs
    head, _, rest = first.runs[k].text.lstrip().partition(" ")
    if not NOTE_SYMBOL.match(head) or note_numeral(head) != number:
        return paragraphs
    after = (replace(first.runs[k], text=rest.lstrip()), *first.runs[k + 1 :]) if rest.strip() else _lstripped(first.runs[k + 1 :])
    return (replace(first, runs=after), *paragraphs[1:])


def _lstripped(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs with the white space that opens them taken off."""
    out = list(runs)
    while out and not out[0].text.strip():
        out.pop(0)
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
    return tuple(out)


def outer_lists(container: Element) -> list[Element]:
    """The lists of a notes section that are no list inside another list of it."""
    out = []
    for lst in container.iter("ol", "ul"):
        around = next((a for a in lst.iterancestors() if a is container or tag_of(a) in ("ol", "ul")), None)
        if around is container:
            out.append(lst)
    return out


def note_marks(root: Element, style_of: dict[Element, Style]) -> NoteMarks:
    """Find the page's notes and number them, as their lists or their marks do."""
    numbers: dict[Element, int] = {}
    containers: list[Element] = []
    endnotes: set[Element] = set()
    placed: list[Element] = []
    for el in root.iter():
        if not tag_of(el) or any(el is c or c in el.iterancestors() for c in containers) or in_skipped(el, style_of):
            continue
        if is_notes_section(el):
            containers.append(el)
            items = [(li, n) for lst in outer_lists(el) for li, n in _ordinal_items(lst)]
            items = items or [(note, i) for i, note in enumerate((c for c in el.iter() if is_note(c)), 1)]
            items = items or cited_in(el, root)
            for item, n in items:
                numbers[item] = n
                if role_of(el) == "doc-endnotes" or epub_type_of(el) & {"endnotes", "rearnotes"}:
                    endnotes.add(item)
        elif is_note(el):
            containers.append(el)
            numbers[el] = _ref_number(root, el.get("id") or "") or len(numbers) + 1
            if role_of(el) == "doc-endnote" or epub_type_of(el) & {"endnote", "rearnote"}:
                endnotes.add(el)
        elif style_of.get(el, Style()).footnote:
            placed.append(el)
            numbers[el] = len(placed)
    for lst, section in cited_note_lists(root, style_of, numbers):
        containers.append(section)
        for item, n in _ordinal_items(lst):
            numbers[item] = n
    numbers = _numbered_through(root, numbers)
    by_id: dict[str, int] = {}
    for note, number in numbers.items():
        for el in note.iter():
            if tag_of(el) and el.get("id"):
                by_id.setdefault(el.get("id"), number)
    return NoteMarks(numbers, by_id, frozenset(placed), tuple(containers), frozenset(endnotes))


def _numbered_through(root: Element, numbers: dict[Element, int]) -> dict[Element, int]:
    """The notes numbered through the page where each section numbers its own from 1 («Noter» under
    each focus area): a mark cites its note by the note's id, so the number may change with it."""
    if len(set(numbers.values())) == len(numbers):
        return numbers
    place = {el: k for k, el in enumerate(root.iter())}
    notes = sorted(numbers, key=lambda note: place.get(note, 0))
    return {note: numbers[note] + offset for note, offset in zip(notes, sections_offsets([numbers[n] for n in notes]))}


_MARK = re.compile(r"^\[?\d{1,4}\]?$")
_SPACES = re.compile(r"\s+")


def cited_note_lists(root: Element, style_of: dict[Element, Style], known: dict[Element, int]) -> list[tuple[Element, Element]]:
    """Lists of notes the markup does not name as such, found by how the text cites them: a raised
    number that links to an item of a list («<sup><a href="#fn1">1</a></sup>», the list of notes at the
    article's end). Each such list with the section around it: its nearest ancestors that hold nothing
    but the list and headings (the notes' own heading, «Fotnoter»), which is no body text either."""
    ids = {el.get("id"): el for el in root.iter() if tag_of(el) and el.get("id")}
    out: list[tuple[Element, Element]] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        target = ids.get(href[1:]) if href.startswith("#") else None
        if target is None or tag_of(target) != "li" or not _MARK.match(a.text_content().strip()):
            continue
        if not style_of.get(a, Style()).superscript or target in known or any(lst is target.getparent() for lst, _ in out):
            continue
        if in_skipped(target, style_of) or a in target.iter():
            continue
        lst = target.getparent()
        section = lst
        parent = lst.getparent()
        while (
            parent is not None
            and tag_of(parent) not in ("body", "main", "article", "html")
            and all(c is section or not tag_of(c) or tag_of(c) in _HEADINGS for c in parent)
        ):
            section, parent = parent, parent.getparent()
        out.append((lst, section))
    return out


def pull_quotes(root: Element) -> frozenset[Element]:
    """Asides that repeat the text around them, word for word: pull quotes, set large beside or
    within a column to draw the eye, whose words the text holds already (an aside of text of its own,
    a box of facts or a list of the departments, is read)."""
    asides = list(root.iter("aside"))
    if not asides:
        return frozenset()
    text = _SPACES.sub(" ", root.text_content())
    out = set()
    for aside in asides:
        said = _SPACES.sub(" ", aside.text_content()).strip()
        if repeats_word_for_word(said, text.replace(said, " ", 1)):  # the text's words, without the aside's own
            out.add(aside)
    return frozenset(out)


def floats_in_text(root: Element, style_of: dict[Element, Style]) -> frozenset[Element]:
    """Boxes and figures floated in the text: an element set ``float: left`` or ``right`` among blocks of
    text that are not (the text runs around it), its own text in type smaller than theirs (a «Fakta» box, a
    figure's caption). The PDF reading sets such a box apart as a region of its own and leaves it out of the
    text (:func:`pipeline.stages.structure.float_in_text`), and so does this. Floats side by side (a column
    and a sidebar, both floated, a heading above them) are columns, and a floated heading is a side head:
    both are read."""
    out = set()
    for el in root.iter():
        style = style_of.get(el)
        parent = el.getparent()
        if style is None or not style.floated or parent is None or tag_of(el) in _HEADINGS:
            continue
        around = [
            size
            for c in parent
            if c is not el and tag_of(c) not in _HEADINGS and not style_of.get(c, Style(floated=True)).floated
            for size in _text_sizes(c, style_of)
        ]
        sizes = _text_sizes(el, style_of)
        if around and sizes and max(sizes) < min(around):
            out.add(el)
    return frozenset(out)


def _text_sizes(el: Element, style_of: dict[Element, Style]) -> list[float]:
    """The font sizes of the text an element holds (each element's own text and the text after its children),
    but a note mark's or another superscript's: set smaller in any text."""
    styles = ((e, style_of.get(e, Style())) for e in el.iter() if tag_of(e))
    return [style.size for e, style in styles if not style.superscript and ((e.text or "").strip() or any((c.tail or "").strip() for c in e))]


def note_citation(el: Element, marks: NoteMarks) -> int | None:
    """The note an ``a`` cites (its ``href`` is ``#`` and a note's id), if any."""
    href = (el.get("href") or "").strip()
    return marks.by_id.get(href[1:]) if href.startswith("#") else None


def backlinks(root: Element, marks: NoteMarks) -> frozenset[Element]:
    """The links from notes back to their marks (the «↩»): ``role="doc-backlink"``, or a link in a
    note to the id of a mark (or of the ``sup`` around it) citing a note."""
    mark_ids: set[str] = set()
    for a in root.iter("a"):
        if note_citation(a, marks) is not None:
            for el in (a, a.getparent(), *a):
                if el is not None and tag_of(el) and el.get("id"):
                    mark_ids.add(el.get("id"))
    out: set[Element] = set()
    for note in marks.numbers:
        for a in note.iter("a"):
            href = (a.get("href") or "").strip()
            if role_of(a) == "doc-backlink" or (href.startswith("#") and href[1:] in mark_ids):
                out.add(a)
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# the walk: elements → paragraphs, tables, page breaks


@dataclass(frozen=True)
class Context:
    """What the elements around a piece of text say about it."""

    element: str = ""  # the nearest block's provenance
    heading: int = 0
    link: str = ""
    note: int | None = None
    pre: bool = False
    list_depth: int = 0
    in_cell: bool = False


@dataclass
class Flow:
    """Paragraphs being gathered into one place (the body, a cell, a note): the blocks so far, and
    the runs of the paragraph under way with what it is (a heading, a list item)."""

    blocks: list[Block] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    element: str = ""
    heading: int = 0
    item: tuple[int, bool, str] | None = None  # a list item waiting for its first paragraph: level, ordered, number
    at_line_start: bool = True
    sizes: list[float] = field(default_factory=list)  # the font sizes of the paragraph's text under way
    headings_by_format: bool = True  # a paragraph in bold, larger type is a heading (not in a cell or a note)

    def add(self, run: Run, ctx: Context) -> None:
        if not self.runs:
            self.element, self.heading = ctx.element, ctx.heading
        self.runs.append(run)

    def text(self, text: str, style: Style, ctx: Context) -> None:
        """Add text as a browser sets it: whitespace collapsed (unless preformatted), none at a line's start."""
        if not text:
            return
        if ctx.pre:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        else:
            text = re.sub(r"[ \t\n\r\f]+", " ", text)
            if self.at_line_start:
                text = text.lstrip(" ")
        if not text:
            return
        self.at_line_start = text.endswith(("\n", " ")) and not ctx.pre
        if text.strip():
            self.sizes.append(style.size)
        if ctx.note is not None and _MARK.match(text.strip()):
            text = re.sub(r"\d+", str(ctx.note), text, count=1)  # a mark names its note by its number through the page
        elif ctx.note is not None and NOTE_SYMBOL.match(text.strip()):
            text = text.replace(text.strip(), str(ctx.note))  # a symbol («*», «†») too, as the notes are numbered
        run = Run(text, style.bold, style.italic, style.superscript, style.small_caps, ctx.link, ctx.note)
        self.add(run, ctx)

    def line_break(self, style: Style, ctx: Context) -> None:
        self._trim_end()
        self.add(Run("\n", style.bold, style.italic, style.superscript, style.small_caps, ctx.link, ctx.note), ctx)
        self.at_line_start = True

    def _trim_end(self) -> None:
        while self.runs and self.runs[-1].note is None and self.runs[-1].text.rstrip(" ") != self.runs[-1].text:
            last = self.runs.pop()
            if last.text.rstrip(" "):
                self.runs.append(replace(last, text=last.text.rstrip(" ")))
                break

    def flush(self) -> None:
        """End the paragraph under way (dropped when it holds no text)."""
        self._trim_end()
        runs = merged(self.runs)
        sizes, self.sizes = self.sizes, []
        self.runs, self.at_line_start = [], True
        if not "".join(r.text for r in runs).strip():  # nothing but spaces, no-break ones too
            return
        if not self.heading and self.item is None and self.headings_by_format and sizes and all(r.bold for r in runs if r.text.strip()):
            self.heading = heading_by_size(min(sizes))
        level, ordered = None, False
        if self.item is not None:
            level, ordered, number = self.item
            if ordered:
                runs = (Run(f"{number}. "), *runs)
            self.item = None
        self.blocks.append(Paragraph(runs, self.element, self.heading, level, ordered))

    def page_break(self, element: str) -> None:
        self.flush()
        if self.blocks and not isinstance(self.blocks[-1], PageBreak):
            self.blocks.append(PageBreak(element))


def merged(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Runs with neighbours in the same style joined, and trailing line breaks dropped."""
    out: list[Run] = []
    for run in runs:
        if out and run.note is None and out[-1].note is None and replace(out[-1], text="") == replace(run, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + run.text)
        else:
            out.append(run)
    while out and out[-1].note is None and not out[-1].text.strip():
        out.pop()
    return tuple(out)


_LIST_TYPES = {"a": "a", "A": "A", "i": "i", "I": "I"}


def item_number(n: int, kind: str) -> str:
    """An ordered list item's number as its list's ``type`` prints it (1, a, A, i, I)."""
    if kind in ("a", "A") and n > 0:
        letters = ""
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters if kind == "a" else letters.upper()
    if kind in ("i", "I") and 0 < n < 4000:
        return roman_numeral(n).lower() if kind == "i" else roman_numeral(n)
    return str(n)


class Reader:
    """One page's walk: its styles, names and notes looked up, its blocks gathered."""

    def __init__(self, root: Element) -> None:
        self.style_of = styles(root, page_rules(root))
        self.names = element_names(root)
        self.marks = note_marks(root, self.style_of)
        self.backlinks = backlinks(root, self.marks)
        self.apart = pull_quotes(root) | floats_in_text(root, self.style_of)  # not read as the text
        self.base = base_of(root)
        self.notes: list[Note] = []
        self.tables = 0
        self.numbers: dict[Element, str] = {}  # ordered list items → their printed numbers
        for lst in root.iter("ol"):
            for li, n in _ordinal_items(lst):
                self.numbers[li] = item_number(n, _LIST_TYPES.get((lst.get("type") or "1").strip(), "1"))

    def style(self, el: Element) -> Style:
        return self.style_of.get(el, Style())

    def children(self, el: Element, ctx: Context, flow: Flow) -> None:
        """Read an element's content: its text, each child, and the text after each child."""
        style = self.style(el)
        flow.text(el.text or "", style, ctx)
        for child in heading_first(el, self.style_of):
            self.element(child, ctx, flow)
            flow.text(child.tail or "", style, ctx)

    def element(self, el: Element, ctx: Context, flow: Flow) -> None:
        tag, style = tag_of(el), self.style(el)
        if skipped(el, style) or el in self.backlinks or el in self.marks.containers or el in self.apart:
            return
        if el in self.marks.placed:  # a note set where it is cited: its mark here, its text a note
            number = self.marks.numbers[el]
            flow.add(Run(str(number), superscript=True, note=number), ctx)
            flow.at_line_start = False
            self.notes.append(self.note(el, number, endnote=False))
            return
        if tag == "br":
            flow.line_break(style, ctx)
            return
        if tag == "wbr":
            return
        if tag == "hr":
            flow.flush()
            return
        if role_of(el) == "doc-pagebreak":
            flow.page_break(self.names[el])
            return
        if style.break_before:
            flow.page_break(self.names[el])
        block = is_block(el, style)
        inner = self.context(el, ctx, block)
        if tag == "table":
            self.table(el, inner, flow)
        else:
            if block:
                flow.flush()
            if tag == "li":
                flow.item = (max(ctx.list_depth - 1, 0), el in self.numbers, self.numbers.get(el, ""))
            self.children(el, inner, flow)
            if block:
                flow.flush()
        if style.break_after:
            flow.page_break(self.names[el])

    def context(self, el: Element, ctx: Context, block: bool) -> Context:
        """The context an element gives its content."""
        tag = tag_of(el)
        changes: dict[str, Any] = {}
        if block:
            changes["element"] = self.names[el]
        if level := heading_level(el):
            changes["heading"] = level
        if tag in ("ul", "ol", "menu", "dir"):
            changes["list_depth"] = ctx.list_depth + 1
        if tag in _PREFORMATTED:
            changes["pre"] = True
        if tag == "a" and el.get("href") is not None:
            cited = note_citation(el, self.marks)
            changes.update(note=cited, link="" if cited is not None else link_target(el.get("href"), self.base))
        return replace(ctx, **changes) if changes else ctx

    def note(self, el: Element, number: int, endnote: bool) -> Note:
        flow = Flow(headings_by_format=False)
        self.children(el, Context(element=self.names[el]), flow)
        flow.flush()
        paragraphs = tuple(b for b in flow.blocks if isinstance(b, Paragraph))
        return Note(number, without_own_symbol(paragraphs, number), self.names[el], endnote)

    def table(self, el: Element, ctx: Context, flow: Flow) -> None:
        """A table as a Table block (its caption a paragraph before it); in a cell, its cells' text."""
        flow.flush()
        self.tables += 1
        name = f"table {self.tables}"
        for caption in (c for c in el if tag_of(c) == "caption" and not skipped(c, self.style(c))):
            self.children(caption, replace(ctx, element=f"{name}, caption"), flow)
            flow.flush()
        sections = table_sections(el)
        header = sections[0]
        body = [row for rows in sections[1:] for row in rows]
        if not header:  # no <thead>: leading rows of column headers only
            while body and is_header_row(body[0]):
                header.append(body.pop(0))
        rows: list[tuple[Cell, ...]] = []
        for r, row in enumerate((*header, *body), 1):
            cells = []
            for c, cell in enumerate((x for x in row if tag_of(x) in ("td", "th") and not skipped(x, self.style(x))), 1):
                where = f"{name}, row {r}, cell {c}"
                inner = Flow(headings_by_format=False)
                self.children(cell, replace(ctx, element=where, heading=0, list_depth=0, in_cell=True), inner)
                inner.flush()
                paragraphs = tuple(p for p in inner.blocks if isinstance(p, Paragraph))
                cells.append(Cell(paragraphs, where, _span(cell.get("colspan"), 1000), _span(cell.get("rowspan"), 65534)))
            rows.append(tuple(cells))
        if ctx.in_cell:
            flow.blocks.extend(p for row in rows for cell in row for p in cell.paragraphs)
        elif flow.blocks and isinstance(before := flow.blocks[-1], Table) and continues(before, rows, len(header)):
            flow.blocks[-1] = replace(before, rows=before.rows + tuple(rows[len(header) :]))
        else:
            flow.blocks.append(Table(tuple(rows), name, len(header)))

    def body(self, root: Element) -> list[Block]:
        """The report's blocks: ``<main>`` when the page has one, else its body; then its notes."""
        start = main_of(root, self.style_of)
        if start is None:
            start = next(root.iter("body"), root)
        article = article_of(start, self.style_of)
        start = article if article is not None else start
        flow = Flow()
        self.children(start, Context(element=self.names.get(start, "")), flow)
        flow.flush()
        while flow.blocks and isinstance(flow.blocks[-1], PageBreak):
            flow.blocks.pop()
        for note, number in self.marks.numbers.items():
            if note not in self.marks.placed and not in_skipped(note, self.style_of):
                self.notes.append(self.note(note, number, endnote=note in self.marks.endnotes))
        return flow.blocks


def is_tag(el: Element) -> bool:
    """A short run set as an element of its own (a status badge, a tag): a few words, no heading."""
    return not heading_level(el) and 0 < len((el.text_content() or "").split()) <= TAG_WORDS


def heading_first(el: Element, style_of: dict[Element, Style]) -> list[Element]:
    """An element's children in reading order: in a section (an article, a section, an aside), the tags
    set before its heading (a measure's status badge, placed at the card's corner by its style) belong
    to the section the heading opens, not to the text before it, and are read right after the heading,
    where a line under a heading is read. Only where nothing but tags stands before the heading."""
    children = list(el)
    if tag_of(el) not in _SECTIONING or (el.text or "").strip():
        return children
    shown = [(k, c) for k, c in enumerate(children) if tag_of(c) and not skipped(c, style_of.get(c, Style()))]
    head = next((k for k, c in shown if heading_level(c)), None)
    before = [c for k, c in shown if head is not None and k < head]
    if head is None or not before or not all(is_tag(c) and not (c.tail or "").strip() for c in before):
        return children
    return _moved_after(children, before, head)


def _moved_after(children: list[Element], before: list[Element], head: int) -> list[Element]:
    """``children`` with ``before`` (all standing before index ``head``) moved right after ``children[head]``."""
    rest = [c for c in children[: head + 1] if c not in before]
    return [*rest, *before, *children[head + 1 :]]


def main_of(root: Element, style_of: dict[Element, Style]) -> Element | None:
    """The page's main content (``<main>`` or ``role="main"``), if it marks one that is read."""
    for el in root.iter():
        if (tag_of(el) == "main" or role_of(el) == "main") and not in_skipped(el, style_of):
            return el
    return None


def article_of(start: Element, style_of: dict[Element, Style]) -> Element | None:
    """The one article the main content holds, if it holds exactly one: a self-contained composition
    (HTML's ``article``), the report, beside which a page sets what is not (related articles, share links)."""
    articles = [el for el in start.iter("article") if not any(tag_of(a) == "article" for a in el.iterancestors()) and not in_skipped(el, style_of)]
    return articles[0] if len(articles) == 1 else None


def continues(before: Table, rows: list[tuple[Cell, ...]], header_rows: int) -> bool:
    """Does a table right after another (nothing between them) continue it: under the same header
    repeated? A long table set in halves side by side (two ``<table>`` in a flex box) repeats its
    header over each part: the parts are one table, as in a PDF a table continued under its
    repeated header is one."""

    def texts(header: Iterable[tuple[Cell, ...]]) -> list[list[str]]:
        return [[" ".join(p.text for p in cell.paragraphs) for cell in row] for row in header]

    return header_rows > 0 and before.header_rows == header_rows and texts(before.rows[:header_rows]) == texts(rows[:header_rows])


def table_sections(table: Element) -> list[list[Element]]:
    """A table's rows as browsers order them: the head's rows first, then the bodies' and the bare
    rows in order, the foot's last (rows of tables inside cells are theirs, not these)."""
    head: list[Element] = []
    middle: list[Element] = []
    foot: list[Element] = []
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            middle.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows = [r for r in child if tag_of(r) == "tr"]
            if tag == "thead" and not head:
                head.extend(rows)
            elif tag == "tfoot":
                foot.extend(rows)
            else:
                middle.extend(rows)
    return [head, middle, foot]


def is_header_row(row: Element) -> bool:
    """A row of column headers: only ``th`` cells, none heading a row or a group of rows."""
    cells = [c for c in row if tag_of(c) in ("td", "th")]
    return bool(cells) and all(tag_of(c) == "th" and (c.get("scope") or "col").lower() in ("col", "colgroup") for c in cells)


def _span(text: str | None, most: int) -> int:
    return min(max(_int(text, 1), 1), most)


# ---------------------------------------------------------------------------------------------


def read_html_bytes(data: bytes, source: str = "", source_path: str = "") -> Edition:
    """An HTML edition's blocks, notes and metadata, from its bytes."""
    root = parse(decode(data))
    reader = Reader(root)
    blocks = typed_list_items(reader.body(root), indents_of(root, reader.names))
    return Edition(
        source=source,
        source_path=source_path,
        sha256=hashlib.sha256(data).hexdigest(),
        kind="html",
        blocks=tuple(blocks),
        notes=tuple(reader.notes),
        metadata=metadata_of(root),
    )


def indents_of(root: Element, names: dict[Element, str]) -> dict[str, float]:
    """Each element's left indent as its ``style`` attribute sets it (``margin-left``, ``padding-left``,
    in ems), by its provenance name: what levels the list items a page's editor typed by hand."""
    out: dict[str, float] = {}
    for el in root.iter():
        if tag_of(el) and el.get("style") and el in names:
            decl = declarations(el.get("style"))
            indent = sum(length_in_ems(decl.get(prop, "")) for prop in ("margin-left", "padding-left", "margin-inline-start", "padding-inline-start"))
            if indent:
                out[names[el]] = indent
    return out


def read_html(path: Path) -> Edition:
    """Read a report's HTML edition (``.html``, ``.htm``) into blocks."""
    return read_html_bytes(path.read_bytes(), path.name, str(path))
