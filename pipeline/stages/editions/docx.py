"""A report's Word edition (.docx) read into plain blocks (:mod:`.blocks`), as its markup says.

python-docx opens the package (its parts, relationships, styles, numbering and core properties);
the body is walked element by element here, since what a report needs lies beyond its API: tables
in document order between the paragraphs, footnotes and endnotes (parts it does not expose),
hyperlinks in elements and in fields, and tracked changes, read as accepted (insertions and moves
kept where they go, deletions dropped) and said once in a ``tracked_changes_accepted`` finding.

Style is what the markup says, resolved as Word resolves it: a run's own properties, then its
character style, its paragraph's style (each with the styles it is based on), then the document's
defaults. A heading is a paragraph whose style is «Heading N» («Overskrift N») or has an outline
level; a list item is a numbered paragraph (``w:numPr``), bulleted or numbered as its numbering
definition says, a numbered one keeping its number as text, or a paragraph that starts with a bullet
typed by hand («•» and a tab), levelled by its indent (:func:`.blocks.typed_list_items`).

Before anything is parsed, the file is checked as PDF streams are (:mod:`pipeline.stages.guards`):
a binary or encrypted Word file, a macro-enabled one, a zip of something else, and a zip bomb each
end in their own documented error (:mod:`pipeline.errors`).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from pipeline.errors import BinaryWordError, MacroEnabledWordError, NotAWordDocumentError, WordBombError
from pipeline.findings import Finding, finding
from pipeline.stages.editions.blocks import Block, Cell, Edition, Note, PageBreak, Paragraph, Run, Table, typed_list_items
from pipeline.stages.guards import sha256_of
from pipeline.text import roman_numeral

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: a binary .doc, or a .docx encrypted with a password
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
WORD_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
MACRO_TYPES = {"application/vnd.ms-word.document.macroEnabled.main+xml", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"}
OTHER_OFFICE = {
    "spreadsheetml": "an Excel workbook",
    "presentationml": "a PowerPoint presentation",
    "ms-excel": "an Excel workbook",
    "ms-powerpoint": "a PowerPoint presentation",
}

# Limits on what a .docx may unpack to, as guards.MAX_STREAM_MB limits a PDF's streams: a report's
# parts are a few megabytes, its XML compresses some 10 to 40 times.
MAX_PART_MB = 256
MAX_TOTAL_MB = 1024
MAX_RATIO = 200  # unpacked / packed, for a part of more than RATIO_FROM_MB
RATIO_FROM_MB = 1
MAX_MEMBERS = 10_000
CHUNK = 1 << 20

HEADING_STYLE = re.compile(r"(?i)^(?:heading|overskrift)\s*([1-9])$")
LIST_STYLE = re.compile(r"(?i)^(?:list(?: bullet| number| continue)?|punktliste|nummerert liste|liste)\s*([2-9])$")
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
CHANGES = {"ins": "insertion", "del": "deletion", "moveTo": "move", "moveFrom": None}  # a move is counted once, where it goes
FORMAT_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange", "numberingChange")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(el: Any, name: str) -> str | None:
    return None if el is None else el.get(w(name))


# --- the package, checked before it is read ----------------------------------------------


def check_package(path: Path) -> None:
    """Refuse, each with its documented error, what is not a Word document python-docx may open:
    a compound file (a binary .doc, or an encrypted .docx), not a zip, a zip bomb, a zip of
    something else, a macro-enabled document."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        raise BinaryWordError("it is a compound file (a binary .doc, or a .docx saved with a password), not a .docx")
    if path.suffix.lower() == ".docm":
        raise MacroEnabledWordError("a .docm is never opened")
    if not head.startswith(ZIP_MAGIC):
        raise NotAWordDocumentError("it is not a zip archive, as every .docx is")
    try:
        with zipfile.ZipFile(path) as zf:
            check_members(zf)
            main_part(zf)
    except zipfile.BadZipFile as exc:
        raise NotAWordDocumentError(f"its zip archive cannot be read ({exc})") from None


def check_members(zf: zipfile.ZipFile) -> None:
    """Every member's unpacked size within the limits, as declared and as it inflates (a member
    that inflates beyond what it declares is a bomb too): checked in bounded chunks, before any
    part is parsed."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise WordBombError(f"it holds {len(infos)} parts (at most {MAX_MEMBERS})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise NotAWordDocumentError(f"its part {info.filename} is encrypted")
        if info.file_size > MAX_PART_MB << 20:
            raise WordBombError(f"its part {info.filename} unpacks to {info.file_size >> 20} MB (at most {MAX_PART_MB} MB)")
        if info.file_size > RATIO_FROM_MB << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise WordBombError(
                f"its part {info.filename} unpacks {info.file_size // max(info.compress_size, 1)} times its packed size (at most {MAX_RATIO})"
            )
        total += info.file_size
        if total > MAX_TOTAL_MB << 20:
            raise WordBombError(f"its parts unpack to more than {MAX_TOTAL_MB} MB")
        inflated = inflated_size(zf, info)
        if inflated > info.file_size:
            raise WordBombError(f"its part {info.filename} unpacks to more than the {info.file_size} bytes it declares")


def inflated_size(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """How many bytes a member really inflates to, counted in chunks and given up one byte past what
    it declares (zipfile itself would inflate a compressed chunk whole before cutting it to size)."""
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return info.file_size  # bzip2, lzma: not what Word writes; the declared size and ratio were checked
    fp = zf.fp
    assert fp is not None
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    fp.seek(info.header_offset + 30 + name_length + extra_length)
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    left, size = info.compress_size, 0
    while left > 0 and size <= info.file_size:
        packed = fp.read(min(CHUNK, left))
        if not packed:
            break
        left -= len(packed)
        try:
            size += len(inflate.decompress(packed, CHUNK))
            while inflate.unconsumed_tail and size <= info.file_size:
                size += len(inflate.decompress(inflate.unconsumed_tail, CHUNK))
        except zlib.error as exc:
            raise zipfile.BadZipFile(f"{info.filename}: {exc}") from None
    return size


def _xml(zf: zipfile.ZipFile, name: str) -> Any:
    try:
        return etree.fromstring(zf.read(name), SAFE_XML)
    except KeyError:
        return None
    except etree.XMLSyntaxError as exc:
        raise NotAWordDocumentError(f"its part {name} is not well-formed XML ({exc})") from None


def main_part(zf: zipfile.ZipFile) -> str:
    """The main part's name, once its content type says it is a Word document (and not macro-enabled)."""
    types = _xml(zf, "[Content_Types].xml")
    if types is None:
        raise NotAWordDocumentError("a zip without [Content_Types].xml: not an Office document")
    rels = _xml(zf, "_rels/.rels")
    target = "word/document.xml"
    if rels is not None:
        for rel in rels.iter(f"{PACKAGE_RELS}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                target = (rel.get("Target") or target).lstrip("/")
    overrides = {(o.get("PartName") or "").lstrip("/"): o.get("ContentType") or "" for o in types.iter(f"{CONTENT_TYPES}Override")}
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in types.iter(f"{CONTENT_TYPES}Default")}
    kind = overrides.get(target) or defaults.get(target.rsplit(".", 1)[-1].lower(), "")
    if kind in MACRO_TYPES or any(name.lower().endswith("vbaproject.bin") for name in zf.namelist()):
        raise MacroEnabledWordError("it holds macros, and is never opened")
    if kind not in WORD_TYPES:
        what = next((v for k, v in OTHER_OFFICE.items() if k in kind), "") or next(
            (v for k, v in OTHER_OFFICE.items() for t in overrides.values() if k in t), ""
        )
        if not what:
            what = "no Word document in it" if target not in zf.namelist() else f"its main part is {kind or 'of no known type'}"
        raise NotAWordDocumentError(f"a zip of something else: {what}")
    return target


# --- styles and numbering ------------------------------------------------------------------


def on(el: Any) -> bool | None:
    """A toggle property's value (None: not set here)."""
    if el is None:
        return None
    val = (el.get(w("val")) or "true").lower()
    return val not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class Styles:
    """The document's styles by id, its default paragraph style and its default run properties."""

    by_id: dict[str, Any]
    default_paragraph: str | None
    default_rpr: Any
    default_ppr: Any

    @staticmethod
    def of(root: Any) -> Styles:
        if root is None:
            return Styles({}, None, None, None)
        by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))}
        default = next(
            (sid for sid, s in by_id.items() if s.get(w("type")) == "paragraph" and (s.get(w("default")) or "").lower() in ("1", "true", "on")), None
        )
        defaults = root.find(w("docDefaults"))
        rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        return Styles(by_id, default, rpr, ppr)

    def chain(self, style_id: str | None) -> list[Any]:
        """A style and those it is based on, nearest first (a loop of styles read once)."""
        out: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id and len(out) < 32:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            style_id = attr(style.find(w("basedOn")), "val")
        return out


def style_heading(chain: Iterable[Any]) -> int:
    """The heading level a style chain gives (0: none): a «Heading N» name, or an outline level."""
    for style in chain:
        name = attr(style.find(w("name")), "val") or ""
        m = HEADING_STYLE.match(name.strip()) or HEADING_STYLE.match(style.get(w("styleId")) or "")
        if m:
            return int(m.group(1))
        level = outline_level(style.find(w("pPr")))
        if level:
            return level
    return 0


def outline_level(ppr: Any) -> int:
    val = attr(ppr.find(w("outlineLvl")) if ppr is not None else None, "val")
    return int(val) + 1 if val is not None and val.isdigit() and int(val) < 9 else 0


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int


def letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def formatted(n: int, fmt: str) -> str:
    """A list counter as its numbering format prints it."""
    return {
        "lowerLetter": letters(n),
        "upperLetter": letters(n).upper(),
        "lowerRoman": roman_numeral(n).lower(),
        "upperRoman": roman_numeral(n),
        "decimalZero": f"{n:02d}",
        "bullet": "",
        "none": "",
    }.get(fmt, str(n))


def _level(lvl: Any) -> Level:
    start = attr(lvl.find(w("start")), "val")
    return Level(
        attr(lvl.find(w("numFmt")), "val") or "decimal",
        attr(lvl.find(w("lvlText")), "val") or "",
        int(start) if start and start.lstrip("-").isdigit() else 1,
    )


@dataclass
class Numbering:
    """The numbering definitions (num → abstractNum → levels), and the counters of the lists read so far."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @staticmethod
    def of(root: Any, styles: Styles) -> Numbering:
        if root is None:
            return Numbering()
        abstract = {a.get(w("abstractNumId")): a for a in root.iter(w("abstractNum"))}
        nums = {n.get(w("numId")): n for n in root.iter(w("num"))}

        def levels_of(abstract_id: str | None, depth: int = 0) -> dict[int, Level]:
            a = abstract.get(abstract_id or "")
            if a is None:
                return {}
            link = attr(a.find(w("numStyleLink")), "val")
            if link and depth < 3:  # the list's levels are a numbering style's
                for style in styles.chain(link):
                    num_id = attr(style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}"), "val")
                    if num_id in nums:
                        return levels_of(attr(nums[num_id].find(w("abstractNumId")), "val"), depth + 1)
            return {int(lvl.get(w("ilvl")) or 0): _level(lvl) for lvl in a.iter(w("lvl"))}

        out: dict[str, dict[int, Level]] = {}
        for num_id, num in nums.items():
            levels = dict(levels_of(attr(num.find(w("abstractNumId")), "val")))
            for override in num.iter(w("lvlOverride")):
                ilvl = int(override.get(w("ilvl")) or 0)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = attr(override.find(w("startOverride")), "val")
                if start and start.isdigit() and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=int(start))
            out[num_id] = levels
        return Numbering(out)

    def item(self, num_id: str, ilvl: int) -> tuple[bool, str] | None:
        """A list item's kind (ordered or not) and its number as printed; None when the numbering shows nothing."""
        levels = self.levels.get(num_id, {})
        level = levels.get(ilvl)
        if level is None:
            return (False, "") if num_id in self.levels else None
        if level.fmt == "none":
            return None
        counters = self.counters.setdefault(num_id, [lv.start - 1 if (lv := levels.get(k)) else 0 for k in range(9)])
        counters[ilvl] += 1
        for k in range(ilvl + 1, 9):
            counters[k] = levels[k].start - 1 if k in levels else 0
        if level.fmt == "bullet":
            return False, ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            return formatted(counters[k] if k <= ilvl else 0, levels[k].fmt if k in levels else "decimal")

        return True, re.sub(r"%([1-9])", number, level.text)


# --- the reader ----------------------------------------------------------------------------

PAGE = object()  # a page break inside a paragraph's runs


@dataclass
class Field:
    """A complex field being read: its instruction, and whether its result is being read."""

    instruction: str = ""
    result: bool = False

    @property
    def link(self) -> str:
        """The web address a HYPERLINK field links its result to ("" for one within the document, ``\\l``)."""
        m = re.match(r'\s*HYPERLINK\s+(?:"([^"]*)"|([^\s\\]\S*))', self.instruction)
        return (m.group(1) or m.group(2) or "") if m else ""


@dataclass
class Reader:
    """What reading one document keeps: its styles, numbering, relationships, note numbers, open fields."""

    styles: Styles
    numbering: Numbering
    footnotes: dict[str, int]  # a footnote's id → its number, by the order of its first mark
    endnotes: dict[str, int]
    fields: list[Field] = field(default_factory=list)
    rels: Any = None  # the relationships of the part being read (hyperlinks' targets)
    indents: dict[str, float] = field(default_factory=dict)  # a body paragraph's element → its left indent (pt), where it has one

    # -- runs --

    def run_props(self, rpr: Any, char_chain: list[Any], para_chain: list[Any], tag: str) -> Any:
        """The nearest setting of a run property: the run's, its character style's, its paragraph style's, the defaults'."""
        if rpr is not None and (el := rpr.find(w(tag))) is not None:
            return el
        for style in [*char_chain, *para_chain]:
            el = style.find(f"{w('rPr')}/{w(tag)}")
            if el is not None:
                return el
        return self.styles.default_rpr.find(w(tag)) if self.styles.default_rpr is not None else None

    def inline(self, el: Any, para_chain: list[Any], link: str = "") -> Iterator[Run | object]:
        """A paragraph's content as runs (and PAGE where a page break stands), changes read as accepted."""
        for child in el:
            tag = local(child)
            if tag == "r":
                yield from self.run(child, para_chain, link)
            elif tag == "hyperlink":
                yield from self.inline(child, para_chain, self.hyperlink(child) or link)
            elif tag in ("ins", "moveTo", "smartTag", "customXml", "bdo", "dir"):
                yield from self.inline(child, para_chain, link)
            elif tag == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self.inline(content, para_chain, link)
            elif tag == "fldSimple":
                yield from self.inline(child, para_chain, Field(child.get(w("instr")) or "", True).link or link)
            # del, moveFrom (deleted text), bookmarks, proofing marks, comments, math: nothing printed

    def hyperlink(self, el: Any) -> str:
        rid, anchor = el.get(R_ID), el.get(w("anchor"))
        if rid and self.rels is not None and rid in self.rels:
            rel = self.rels[rid]
            target = rel.target_ref if rel.is_external else ""
            return f"{target}#{anchor}" if target and anchor else target
        return ""  # a link within the document: no web address

    def shown(self) -> bool:
        """Is text printed here: outside every field's instruction?"""
        return all(f.result for f in self.fields)

    def field_link(self) -> str:
        return next((f.link for f in reversed(self.fields) if f.result and f.link), "")

    def run(self, r: Any, para_chain: list[Any], link: str) -> Iterator[Run | object]:
        rpr = r.find(w("rPr"))
        char_chain = self.styles.chain(attr(rpr.find(w("rStyle")) if rpr is not None else None, "val"))

        def prop(tag: str) -> Any:
            return self.run_props(rpr, char_chain, para_chain, tag)

        hidden = on(prop("vanish")) is True
        style = {
            "bold": on(prop("b")) is True,
            "italic": on(prop("i")) is True,
            "small_caps": on(prop("smallCaps")) is True,
            "superscript": attr(prop("vertAlign"), "val") == "superscript",
        }
        caps = on(prop("caps")) is True
        text: list[str] = []

        def flush() -> Iterator[Run]:
            if text and not hidden:
                joined = "".join(text)
                yield Run(joined.upper() if caps else joined, link=link or self.field_link(), **style)
            text.clear()

        for child in r:
            tag = local(child)
            if tag == "fldChar":
                yield from flush()
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].result = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == "instrText":
                if self.fields:
                    self.fields[-1].instruction += child.text or ""
            elif not self.shown():
                continue
            elif tag == "t":
                text.append(child.text or "")
            elif tag in ("tab", "ptab"):
                text.append("\t")
            elif tag == "br":
                if child.get(w("type")) == "page":
                    yield from flush()
                    yield PAGE
                elif child.get(w("type")) != "column":
                    text.append("\n")
            elif tag == "cr":
                text.append("\n")
            elif tag == "noBreakHyphen":
                text.append("-")
            elif tag == "softHyphen":
                text.append("\u00ad")
            elif tag == "sym":
                code = child.get(w("char")) or ""
                if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code):
                    text.append(chr(int(code, 16)))
            elif tag in ("footnoteReference", "endnoteReference"):
                numbers = self.footnotes if tag == "footnoteReference" else self.endnotes
                number = numbers.get(child.get(w("id")) or "")
                if number is not None and not hidden:
                    yield from flush()
                    yield Run(str(number), superscript=True, note=number, link=link)
        yield from flush()

    # -- paragraphs --

    def paragraph(self, p: Any, element: str, lead: tuple[Run, ...] = ()) -> list[Block]:
        """A paragraph as blocks: itself, split where a page break stands in it, and a page break
        before it (page break before) or after it (a section that starts on a new page)."""
        ppr = p.find(w("pPr"))
        chain = self.styles.chain(attr(ppr.find(w("pStyle")) if ppr is not None else None, "val") or self.styles.default_paragraph)
        heading = outline_level(ppr) or style_heading(chain)
        numbered = self.list_item(ppr, chain)
        runs: list[Any] = [*lead, *self.inline(p, chain)]
        ordered, number = numbered if numbered else (False, "")
        if number:
            runs.insert(0, Run(number + " "))
        list_level = self.ilvl(ppr, chain) if numbered and not heading else None
        if (indent := self.left_indent(ppr, chain)) is not None:
            self.indents[element] = indent
        parts: list[list[Run]] = [[]]
        for item in runs:
            if item is PAGE:
                parts.append([])
            else:
                parts[-1].append(item)
        blocks: list[Block] = []
        if self.page_break_before(ppr, chain):
            blocks.append(PageBreak(element))
        for k, part in enumerate(parts):
            if k:
                blocks.append(PageBreak(element))
            if part or len(parts) == 1:
                blocks.append(
                    Paragraph(tuple(part), element, heading=min(heading, 6), list_level=list_level, ordered=ordered and list_level is not None)
                )
        return blocks

    def left_indent(self, ppr: Any, chain: list[Any]) -> float | None:
        """A paragraph's left indent in points (``w:ind`` ``left`` or ``start``, its own or its style's), None when none is set."""
        for props in [ppr, *(s.find(w("pPr")) for s in chain)]:
            ind = props.find(w("ind")) if props is not None else None
            value = (ind.get(w("left")) or ind.get(w("start"))) if ind is not None else None
            if value and re.fullmatch(r"-?\d{1,6}", value):
                return int(value) / 20
        return None

    def page_break_before(self, ppr: Any, chain: list[Any]) -> bool:
        for props in [ppr, *(s.find(w("pPr")) for s in chain)]:
            value = on(props.find(w("pageBreakBefore"))) if props is not None else None
            if value is not None:
                return value
        return False

    def num_pr(self, ppr: Any, chain: list[Any]) -> Any:
        for props in [ppr, *(s.find(w("pPr")) for s in chain)]:
            num = props.find(w("numPr")) if props is not None else None
            if num is not None:
                return num
        return None

    def ilvl(self, ppr: Any, chain: list[Any]) -> int:
        """A list item's level: its numbering's ``ilvl``, or where none is given, the level a list style's
        name says (Word's «List Bullet 2» is a list of its own at level 0, set as the second level)."""
        val = attr(self.num_pr(ppr, chain).find(w("ilvl")), "val")
        if val and val.isdigit():
            return min(int(val), 8)
        for style in chain:
            m = LIST_STYLE.match((attr(style.find(w("name")), "val") or "").strip())
            if m:
                return int(m.group(1)) - 1
        return 0

    def list_item(self, ppr: Any, chain: list[Any]) -> tuple[bool, str] | None:
        num = self.num_pr(ppr, chain)
        if num is None:
            return None
        num_id = attr(num.find(w("numId")), "val")
        if not num_id or num_id == "0":
            return None
        return self.numbering.item(num_id, self.ilvl(ppr, chain))

    # -- tables --

    def table(self, tbl: Any, element: str) -> Table:
        """A table's rows of cells in the grid's order: merged cells (gridSpan, vMerge) as spans,
        the leading rows marked to repeat (tblHeader) as its header, deleted rows left out."""
        grid = [float(col.get(w("w")) or 0) for col in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        rows: list[list[dict[str, Any]]] = []
        header, in_header = 0, True
        open_merges: dict[int, dict[str, Any]] = {}  # grid column → the cell a vertical merge started in
        for r, tr in enumerate(children(tbl, "tr"), start=1):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                continue
            repeated = trpr is not None and on(trpr.find(w("tblHeader"))) is True
            in_header = in_header and repeated
            header += in_header
            row: list[dict[str, Any]] = []
            column = 0
            before = attr(trpr.find(w("gridBefore")) if trpr is not None else None, "val")
            if before and before.isdigit() and int(before):
                row.append({"paragraphs": [], "element": f"{element}, row {r}", "colspan": int(before), "rowspan": 1})
                column += int(before)
            for c, tc in enumerate(children(tr, "tc"), start=1):
                tcpr = tc.find(w("tcPr"))
                span = attr(tcpr.find(w("gridSpan")) if tcpr is not None else None, "val")
                colspan = int(span) if span and span.isdigit() and int(span) > 0 else 1
                merge = tcpr.find(w("vMerge")) if tcpr is not None else None
                cell_element = f"{element}, row {r}, cell {c}"
                if merge is not None and (merge.get(w("val")) or "continue") == "continue" and column in open_merges:
                    open_merges[column]["rowspan"] += 1
                    open_merges[column]["paragraphs"] += self.cell_paragraphs(tc, cell_element)
                else:
                    cell = {"paragraphs": self.cell_paragraphs(tc, cell_element), "element": cell_element, "colspan": colspan, "rowspan": 1}
                    row.append(cell)
                    if merge is not None:
                        open_merges[column] = cell
                    else:
                        open_merges.pop(column, None)
                column += colspan
            rows.append(row)
        cells = tuple(
            tuple(
                Cell(tuple(p for p in c["paragraphs"] if p.text.strip()) or tuple(c["paragraphs"][:1]), c["element"], c["colspan"], c["rowspan"])
                for c in row
            )
            for row in rows
        )
        return Table(cells, element, header_rows=header if header < len(rows) else 0, widths=tuple(grid) if grid and all(grid) else ())

    def cell_paragraphs(self, tc: Any, element: str) -> list[Paragraph]:
        """A cell's paragraphs, those of a table inside it too (in its reading order)."""
        out: list[Paragraph] = []
        for child in block_children(tc):
            if local(child) == "p":
                out += [b for b in self.paragraph(child, f"{element}, p {len(out) + 1}") if isinstance(b, Paragraph)]
            elif local(child) == "tbl":
                nested = self.table(child, f"{element}, table")
                out += [p for row in nested.rows for cell in row for p in cell.paragraphs]
        return out

    # -- the body --

    def body(self, body: Any, sections: list[Any]) -> list[Block]:
        """The body's paragraphs and tables in document order, with the page breaks it marks."""
        blocks: list[Block] = []
        carry: tuple[Run, ...] = ()  # a paragraph whose mark was deleted runs on into the next
        paragraphs = tables = 0
        for child in block_children(body):
            tag = local(child)
            if tag == "p":
                paragraphs += 1
                ppr = child.find(w("pPr"))
                if ppr is not None and ppr.find(f"{w('rPr')}/{w('del')}") is not None and ppr.find(w("sectPr")) is None:
                    carry = tuple(r for b in self.paragraph(child, f"p {paragraphs}", carry) if isinstance(b, Paragraph) for r in b.runs)
                    continue
                blocks += self.paragraph(child, f"p {paragraphs}", carry)
                carry = ()
                section = ppr.find(w("sectPr")) if ppr is not None else None
                if section is not None and new_page_after(section, sections):
                    blocks.append(PageBreak(f"p {paragraphs}"))
            elif tag == "tbl":
                tables += 1
                blocks.append(self.table(child, f"table {tables}"))
        return blocks


def children(el: Any, tag: str) -> Iterator[Any]:
    """``el``'s children of ``tag``, those inside content controls and custom XML too."""
    for child in el:
        name = local(child)
        if name == tag:
            yield child
        elif name in ("sdt", "customXml"):
            inner = child.find(w("sdtContent")) if name == "sdt" else child
            if inner is not None:
                yield from children(inner, tag)


def block_children(el: Any) -> Iterator[Any]:
    """A body's (or cell's) paragraphs and tables in document order, through content controls."""
    for child in el:
        name = local(child)
        if name in ("p", "tbl"):
            yield child
        elif name == "sdt":
            inner = child.find(w("sdtContent"))
            if inner is not None:
                yield from block_children(inner)
        elif name in ("customXml", "ins", "moveTo"):
            yield from block_children(child)


def new_page_after(section: Any, sections: list[Any]) -> bool:
    """Does the section ending here give way to one that starts on a new page (the next section's type)?"""
    k = next((i for i, s in enumerate(sections) if s is section), None)
    following = sections[k + 1] if k is not None and k + 1 < len(sections) else None
    kind = attr(following.find(w("type")) if following is not None else None, "val") or "nextPage"
    return kind != "continuous"


def note_numbers(body: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Each cited footnote's and endnote's number, by the order of its first mark (deleted marks aside);
    endnotes numbered after the footnotes, so that every note of the report has its own number."""
    footnotes: dict[str, int] = {}
    endnotes: list[str] = []
    for ref in body.iter(w("footnoteReference"), w("endnoteReference")):
        if any(local(a) in ("del", "moveFrom") for a in ref.iterancestors()):
            continue
        note_id = ref.get(w("id")) or ""
        if local(ref) == "footnoteReference":
            footnotes.setdefault(note_id, len(footnotes) + 1)
        elif note_id not in endnotes:
            endnotes.append(note_id)
    return footnotes, {note_id: len(footnotes) + k for k, note_id in enumerate(endnotes, start=1)}


def tracked_changes(roots: Iterable[Any]) -> Finding | None:
    """One finding for every tracked change of the document and its notes, counted by kind."""
    counts: Counter[str] = Counter()
    for root in roots:
        for el in root.iter(*(w(t) for t in (*CHANGES, *FORMAT_CHANGES))):
            tag = local(el)
            kind = "formatting change" if tag in FORMAT_CHANGES else CHANGES[tag]
            if kind is not None:
                counts[kind] += 1
    if not counts:
        return None
    said = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return finding("tracked_changes_accepted", changes=said)


def note_parts(document: Any, reltype: str) -> tuple[Any, Any]:
    """A notes part's root element and relationships (its links' targets), or (None, None)."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            try:
                return etree.fromstring(part.blob, SAFE_XML), part.rels
            except etree.XMLSyntaxError as exc:
                raise NotAWordDocumentError(f"its notes part is not well-formed XML ({exc})") from None
    return None, None


def read_notes(reader: Reader, root: Any, rels: Any, numbers: dict[str, int], kind: str) -> list[Note]:
    """The notes cited, in the order of their numbers (their own number mark left to the typesetter)."""
    if root is None:
        return []
    by_id = {el.get(w("id")): el for el in root if local(el) == kind and el.get(w("type")) in (None, "normal")}
    reader.rels, notes = rels, []
    for note_id, number in sorted(numbers.items(), key=lambda kv: kv[1]):
        el = by_id.get(note_id)
        if el is None:
            continue
        paragraphs: list[Paragraph] = []
        for p in block_children(el):
            if local(p) == "p":
                paragraphs += [b for b in reader.paragraph(p, f"{kind} {number}, p {len(paragraphs) + 1}") if isinstance(b, Paragraph)]
        if paragraphs:  # the note's text after its number mark starts with the space Word puts there
            first = paragraphs[0]
            runs = list(first.runs)
            while runs and not runs[0].text.strip():
                runs.pop(0)
            if runs:
                runs[0] = replace(runs[0], text=runs[0].text.lstrip())
            paragraphs[0] = replace(first, runs=tuple(runs))
        notes.append(Note(number, tuple(paragraphs), f"{kind} {number}", endnote=kind == "endnote"))
    return notes


def metadata_of(document: Any) -> dict[str, str]:
    props = document.core_properties
    values = {
        "title": props.title,
        "author": props.author,
        "subject": props.subject,
        "keywords": props.keywords,
        "created": props.created.isoformat() if props.created else "",
        "modified": props.modified.isoformat() if props.modified else "",
    }
    return {k: str(v) for k, v in values.items() if v}


def open_document(path: Path) -> Any:
    import docx  # python-docx: imported when a Word edition is read

    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx's own failures on a package it cannot read, whatever their class
        raise NotAWordDocumentError(f"its parts cannot be read ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None


def read_docx(path: Path) -> Edition:
    """A Word edition's blocks, notes, metadata and what reading it found to say (tracked changes)."""
    path = Path(path)
    check_package(path)
    document = open_document(path)
    root = document.element
    body = root.find(w("body"))
    if body is None:
        raise NotAWordDocumentError("its main part has no body")
    styles = Styles.of(document.styles.element)
    numbering_root = None
    for rel in document.part.rels.values():
        if rel.reltype == NUMBERING and not rel.is_external:
            numbering_root = etree.fromstring(rel.target_part.blob, SAFE_XML)
    footnote_numbers, endnote_numbers = note_numbers(body)
    reader = Reader(styles, Numbering.of(numbering_root, styles), footnote_numbers, endnote_numbers, rels=document.part.rels)
    sections = list(body.iter(w("sectPr")))
    blocks = typed_list_items(reader.body(body, sections), reader.indents)
    footnotes_root, footnote_rels = note_parts(document, FOOTNOTES)
    endnotes_root, endnote_rels = note_parts(document, ENDNOTES)
    notes = read_notes(reader, footnotes_root, footnote_rels, footnote_numbers, "footnote")
    notes += read_notes(reader, endnotes_root, endnote_rels, endnote_numbers, "endnote")
    said = tracked_changes(r for r in (body, footnotes_root, endnotes_root) if r is not None)
    return Edition(
        source=path.name,
        source_path=str(path.resolve()),
        sha256=sha256_of(path),
        kind="docx",
        blocks=tuple(blocks),
        notes=tuple(notes),
        metadata=metadata_of(document),
        findings=(said,) if said else (),
    )
