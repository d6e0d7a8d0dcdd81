"""PDF safety: the guards that stand between a hostile file and the parser.

Everything here is about the file, not the report: refusing what is not a PDF,
a page tree with cycles or too many pages, reference loops, decompression bombs
and corrupt streams, and mapping pdfminer's failures to the documented error
classes. :mod:`pipeline.stages.extract` reads the layout inside these guards.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfminer.pdftypes
import pdfplumber
from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES
from pdfminer.pdftypes import PDFObjRef

from pipeline.errors import (
    DamagedPDFError,
    EncryptedPDFError,
    MemoryLimitError,
    NotAPDFError,
    PipelineError,
    TooManyPagesError,
)

# Guards against hostile PDFs, besides the worker's time and memory limits.
MAX_PAGES: int | None = 2000  # default of --max-pages; None or 0: no limit
MAX_TREE_DEPTH = 256  # page-tree levels; pdfminer's recursive walk fails near 1000
MAX_STREAM_MB: int | None = 256  # one inflated stream (text of a page, a font, a CMap); None: no limit


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_pdf_header(path: Path) -> None:
    """Refuse files that are not PDFs before pdfminer tries to parse them."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise NotAPDFError("the file is empty")
    if b"%PDF-" not in head:
        preview = head[:12].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise NotAPDFError(f"the file starts with '{preview}', not '%PDF-'")


class ReferenceLoop(ValueError):
    """Objects that are nothing but references to each other, in a loop."""

    def __init__(self, chain: list[int]) -> None:
        if len(chain) == 2:
            text = f"object {chain[0]} is a reference to itself"
        else:
            text = f"objects {' → '.join(map(str, chain))} refer to each other in a loop"
        super().__init__(text)


_plain_resolve = PDFObjRef.resolve


def _resolve_without_loops(self: PDFObjRef, default: object = None) -> object:
    """pdfminer's ``PDFObjRef.resolve``, failing on a loop of references instead of hanging.

    ``resolve1`` follows a reference to a reference for as long as there is one:
    ``5 0 obj 5 0 R endobj`` made it spin forever.
    """
    obj = _plain_resolve(self, default)
    chain = [self.objid]
    while isinstance(obj, PDFObjRef):
        if obj.objid in chain:
            raise ReferenceLoop([*chain[chain.index(obj.objid) :], obj.objid])
        chain.append(obj.objid)
        obj = _plain_resolve(obj, default)
    return obj


class CorruptStream(ValueError):
    """A FlateDecode stream whose compressed data is damaged, or that inflates beyond MAX_STREAM_MB."""


def _inflate(data: bytes, wbits: int) -> tuple[bytes, zlib._Decompress]:
    limit = (MAX_STREAM_MB or 0) << 20
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, limit + 1) if limit else d.decompress(data)
    if limit and len(out) > limit:
        raise CorruptStream(f"a compressed stream inflates to more than {MAX_STREAM_MB} MB (a decompression bomb?)")
    return out, d


class _BoundedZlib:
    """zlib as pdfminer.pdftypes sees it: decompress() stops at MAX_STREAM_MB.

    A stream of a few MB can inflate to gigabytes; pdfminer would allocate them all
    (and then parse them for minutes) before the worker's memory or time limit stops it.
    """

    error = zlib.error

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        out, d = _inflate(data, wbits)
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's fallback for a FlateDecode stream that zlib refuses, without its silent losses.

    pdfminer's ``decompress_corrupted`` replaces a stream damaged before its last
    bytes by an empty one, and keeps one whose checksum does not match: the page's
    text would be silently lost or garbled. Here only a stream that lacks its
    checksum (or has a damaged zlib header) is read; any other damage fails the PDF.
    """
    try:
        out, d = _inflate(data[2:], -zlib.MAX_WBITS)
    except zlib.error as exc:
        raise CorruptStream(f"a compressed stream is corrupt ({exc})") from None
    if not d.eof:
        raise CorruptStream("a compressed stream is cut off")
    checksum = d.unused_data[:4]
    if len(checksum) == 4 and int.from_bytes(checksum, "big") != zlib.adler32(out):
        raise CorruptStream("a compressed stream is corrupt (its checksum does not match its data)")
    return out


@contextmanager
def hardened_pdfminer() -> Iterator[None]:
    """pdfminer with the guards above, for as long as we read a PDF.

    The guards replace pdfminer's reference resolving and its zlib only while
    :func:`read_pdf` runs, so importing this package does not change pdfminer for
    other code in the same process (a notebook using pdfplumber directly).
    """
    saved = (PDFObjRef.resolve, pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted)
    PDFObjRef.resolve = _resolve_without_loops  # type: ignore[method-assign]
    pdfminer.pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdfminer.pdftypes.decompress_corrupted = _inflate_damaged
    try:
        yield
    finally:
        PDFObjRef.resolve, pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted = saved  # type: ignore[method-assign]


# pdfminer's warnings (odd font boxes, colour values, …) are not the user's business:
# without a handler they would reach stderr, beside the one-line error.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
logging.getLogger("pdfplumber").addHandler(logging.NullHandler())


def truncation(path: Path) -> str:
    """Why the file looks cut off, or "" when it ends with %%EOF as a whole PDF does."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - 1024))
        tail = fh.read()
    if b"%%EOF" in tail:
        return ""
    return f"the file is cut off after {size} bytes (no closing %%EOF marker: an incomplete download?)"


def pdf_failure(exc: BaseException, path: Path, where: str = "it") -> PipelineError:
    """The error class and a plain one-line reason for a failure of pdfplumber/pdfminer."""
    cause: BaseException = exc
    for _ in range(10):  # pdfplumber wraps pdfminer's exceptions (PdfminerException, MalformedPDFException)
        inner = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else cause.__cause__
        if inner is None:
            break
        cause = inner
    if isinstance(cause, PipelineError):
        return cause
    if isinstance(cause, MemoryError):
        return MemoryLimitError(f"reading {where} needs more memory than the worker may use")
    if isinstance(cause, ReferenceLoop):
        return DamagedPDFError(str(cause))
    if isinstance(cause, CorruptStream):
        return DamagedPDFError(f"{where} cannot be read: {cause}")
    if isinstance(cause, RecursionError):
        return DamagedPDFError(f"{where} cannot be read: its objects are nested too deeply or refer to each other in a loop")
    name = type(cause).__name__
    message = "".join(c if c.isprintable() else "?" for c in " ".join(str(cause).split()))[:200]
    if "Password" in name:
        return EncryptedPDFError("a password is needed to read it")
    if "Encrypt" in name:
        return EncryptedPDFError(f"its encryption cannot be read ({name}: {message})".replace(": )", ")"))
    cut = truncation(path)
    if cut:
        return DamagedPDFError(cut)
    return DamagedPDFError(f"{where} cannot be read ({name}: {message})".replace(": )", ")"))


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open a PDF with NFC text, mapping pdfminer's failures to our error classes."""
    check_pdf_header(path)
    try:
        return pdfplumber.open(path, unicode_norm="NFC")
    except Exception as exc:  # pdfplumber wraps every pdfminer failure
        raise pdf_failure(exc, path) from None


def close_pdf(pdf: pdfplumber.PDF) -> None:
    """Close a PDF without pdfplumber's close(), which builds every page object first.

    read_pdf closes each page it reads; a PDF refused before its pages were read
    (too many of them, a broken page tree) only has its file to close.
    """
    pdf.flush_cache()
    if not pdf.stream_is_external:
        pdf.stream.close()


def count_pages(pdf: pdfplumber.PDF, stop_after: int | None = None) -> int:
    """The pages of the page tree, counted without pdfminer's recursion.

    Refuses a tree with a cycle (a /Kids array holding an ancestor) or nested more
    than MAX_TREE_DEPTH levels deep. Stops counting after ``stop_after`` pages. A
    catalog without a page tree counts 0 (pdfminer then looks for page objects
    anywhere in the file).
    """
    root = pdf.doc.catalog.get("Pages")
    count = 0
    seen: set[int] = set()
    on_path: set[int] = set()
    leave = object()
    stack: list[tuple[object, int]] = [(root, 1)]
    while stack:
        item, depth = stack.pop()
        if item is leave:
            on_path.discard(depth)
            continue
        objid = item.objid if isinstance(item, PDFObjRef) else None
        if objid is not None:
            if objid in on_path:
                raise DamagedPDFError(f"its page tree has a cycle (object {objid} is listed among its own descendants)")
            if objid in seen:
                continue
            seen.add(objid)
        node = item.resolve() if isinstance(item, PDFObjRef) else item
        if not isinstance(node, dict):
            continue
        kind = node.get("Type", node.get("type"))
        if kind is LITERAL_PAGES and "Kids" in node:
            if depth > MAX_TREE_DEPTH:
                raise DamagedPDFError(f"its page tree is nested more than {MAX_TREE_DEPTH} levels deep")
            kids = node["Kids"]
            kids = kids.resolve() if isinstance(kids, PDFObjRef) else kids
            if objid is not None:
                on_path.add(objid)
                stack.append((leave, objid))
            if isinstance(kids, list):
                stack.extend((kid, depth + 1) for kid in reversed(kids))
        elif kind is LITERAL_PAGE:
            count += 1
            if stop_after is not None and count > stop_after:
                break
    return count


def check_page_count(pdf: pdfplumber.PDF, count: int, limit: int | None) -> None:
    """Refuse more pages than the limit, saying how many the page tree declares."""
    if not limit or count <= limit:
        return
    declared = pdf.doc.catalog.get("Pages")
    declared = declared.resolve() if isinstance(declared, PDFObjRef) else declared
    total = declared.get("Count") if isinstance(declared, dict) else None
    total = total.resolve() if isinstance(total, PDFObjRef) else total
    if isinstance(total, int) and total >= count:
        raise TooManyPagesError(f"it has {total} pages, more than the limit of {limit}")
    raise TooManyPagesError(f"it has more pages than the limit of {limit}")
