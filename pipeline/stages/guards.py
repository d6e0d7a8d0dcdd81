"""PDF safety: the guards that stand between a hostile file and the parser.

Everything here is about the file, not the report: refusing what is not a PDF,
a page tree with cycles or too many pages, reference loops, decompression bombs
and corrupt streams, and mapping pdfminer's failures to the documented error
classes. :mod:`pipeline.stages.extract` reads the layout inside these guards.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import struct
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeGuard

import pdfminer.ascii85
import pdfminer.pdftypes
import pdfplumber
from pdfminer.pdfdocument import PDFStandardSecurityHandlerV5
from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES, PDFPage
from pdfminer.pdftypes import PDFObjRef

from pipeline.errors import (
    DamagedPDFError,
    EncryptedPDFError,
    MemoryLimitError,
    NotAPDFError,
    PipelineError,
    TooManyPagesError,
    WrongPasswordError,
)
from pipeline.findings import Finding, finding

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
    """A FlateDecode stream that inflates beyond MAX_STREAM_MB (a decompression bomb)."""


def _bomb() -> CorruptStream:
    return CorruptStream(f"a compressed stream inflates to more than {MAX_STREAM_MB} MB (a decompression bomb?)")


def _inflate(data: bytes, wbits: int) -> tuple[bytes, zlib._Decompress]:
    limit = (MAX_STREAM_MB or 0) << 20
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, limit + 1) if limit else d.decompress(data)
    if limit and len(out) > limit:
        raise _bomb()
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


# Damage found in the streams read so far by this thread, while hardened_pdfminer() runs:
# what read_pdf turns into ``damaged_stream`` warnings (no list: nobody is collecting).
_reading = threading.local()
CHUNK = 4096  # bytes of compressed data fed to zlib at a time when reading a damaged stream


def _inflate_prefix(data: bytes, wbits: int) -> tuple[bytes, str]:
    """As much of a deflate stream as decodes, and how it ends: "eof", "cut" or "corrupt".

    zlib gives nothing of a call that meets corrupt data, so the data is fed in
    chunks, and the chunk where it breaks again byte by byte from a copy of the
    decompressor taken before it: everything that decodes before the damage is kept.
    """
    limit = (MAX_STREAM_MB or 0) << 20
    d = zlib.decompressobj(wbits)
    out: list[bytes] = []
    size = 0
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        before = d.copy()
        try:
            pieces = [d.decompress(chunk)]
        except zlib.error:
            d, pieces = before, []
            for i in range(len(chunk)):
                try:
                    pieces.append(d.decompress(chunk[i : i + 1]))
                except zlib.error:
                    return b"".join(out + pieces), "corrupt"
        out.extend(pieces)
        size += sum(map(len, pieces))
        if limit and size > limit:
            raise _bomb()
        if d.eof:
            result = b"".join(out)
            checksum = (d.unused_data + data[start + CHUNK : start + CHUNK + 4])[:4]
            if len(checksum) == 4 and int.from_bytes(checksum, "big") != zlib.adler32(result):
                return result, "checksum"
            return result, "eof"  # complete; a missing checksum is no damage to the data
    return b"".join(out), "cut"


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's fallback for a FlateDecode stream that zlib refuses, keeping what can be read.

    Called only when zlib refused the whole stream: it is cut off (an incomplete
    download), corrupt somewhere, lacks its checksum or has a wrong one, or has a
    damaged two-byte zlib header. pdfminer's own ``decompress_corrupted`` keeps a
    cut-off stream but replaces one damaged before its end by an empty one, silently.
    Here what decodes before the damage is used, as PDF readers do, and the damage
    is recorded, so that the page it was found on gets a ``damaged_stream`` warning.
    A stream that is complete but lacks its checksum is simply read.
    """
    attempts = [_inflate_prefix(data[2:], -zlib.MAX_WBITS)]  # the zlib header skipped (it may be the damaged part)
    if attempts[0][1] not in ("eof", "checksum"):
        attempts.append(_inflate_prefix(data, -zlib.MAX_WBITS))  # raw deflate, written without a zlib header
    out, ending = max(attempts, key=lambda a: (a[1] in ("eof", "checksum"), len(a[0])))
    damage = getattr(_reading, "damage", None)
    if ending != "eof" and damage is not None:
        damage.append((ending, len(out)))
    return out


_plain_v5_params = PDFStandardSecurityHandlerV5.init_params


def _v5_params(self: PDFStandardSecurityHandlerV5) -> None:
    """pdfminer's AES-256 parameters, with /O and /U cut to their 48 bytes.

    qpdf and others pad both to 127 bytes (pikepdf's graph-encrypted.pdf), as
    readers accept; pdfminer then hashed the padding into the owner password's check
    and refused the right owner password.
    """
    _plain_v5_params(self)
    self.o, self.u = self.o[:48], self.u[:48]
    self.o_hash, self.o_validation_salt, self.o_key_salt = self.o[:32], self.o[32:40], self.o[40:48]
    self.u_hash, self.u_validation_salt, self.u_key_salt = self.u[:32], self.u[32:40], self.u[40:48]


_A85_SKIPPED = b" \t\n\r\v"  # the white space base64.a85decode passes over
_A85_DIGITS = bytes(range(ord("!"), ord("u") + 1))
_A85_VALUES = bytes((c - ord("!")) % 256 for c in range(256))  # a digit's value, by its byte
_A85_ZEROS = b"!!!!!"  # the group that «z» stands for


def a85decode(data: bytes) -> bytes:
    """What ``base64.a85decode(data)`` gives, group by group rather than byte by byte: the standard
    library's decoder loops over every byte in Python, and content streams encoded in ASCII85 (as some
    producers write every page's) spent a sixth of their reading in it. Data it would refuse (a byte
    that is no digit, «z» inside a group, a group over 32 bits) is left to it, so that it raises its own error."""
    if not isinstance(data, bytes):
        return base64.a85decode(data)
    digits = data.translate(None, _A85_SKIPPED)
    if b"z" in digits:
        groups = digits.split(b"z")  # «z» stands for a whole group of zeros, only between groups
        if any(len(g) % 5 for g in groups[:-1]):
            return base64.a85decode(data)
        digits = _A85_ZEROS.join(groups)
    if digits.translate(None, _A85_DIGITS):
        return base64.a85decode(data)
    rest = len(digits) % 5  # a last group cut short is padded with the highest digit, and as many bytes cut off
    values = digits.translate(_A85_VALUES) + (bytes([84]) * (5 - rest) if rest else b"")
    words = [(((a * 85 + b) * 85 + c) * 85 + d) * 85 + e for a, b, c, d, e in zip(*(values[k::5] for k in range(5)))]
    if words and max(words) > 0xFFFFFFFF:
        return base64.a85decode(data)
    decoded = struct.pack(f">{len(words)}I", *words)
    return decoded[: len(decoded) - (5 - rest)] if rest else decoded


def damage_count() -> int:
    """How many damaged streams this thread's read has found so far (0 outside a read)."""
    return len(getattr(_reading, "damage", None) or ())


_patching = threading.Lock()  # guards _holders and the patches themselves
_holders = 0  # reads in this process that hold the guards in place
_saved: tuple[Any, ...] = ()  # pdfminer's own, while the guards are in place


@contextmanager
def hardened_pdfminer() -> Iterator[list[tuple[str, int]]]:
    """pdfminer with the guards above, for as long as we read a PDF.

    The guards replace pdfminer's reference resolving, its zlib and its reading of
    AES-256 password parameters (and its ASCII85 decoder by a faster one, :func:`a85decode`) only while :func:`read_pdf` runs, so importing this
    package does not change pdfminer for other code in the same process (a notebook
    using pdfplumber directly). Yields
    the list that the damage of streams read meanwhile is appended to, as
    ``(ending, decoded bytes)`` with ``ending`` one of "cut", "corrupt", "checksum".

    Safe under threads (a Dask worker with several): the guards are put in place by
    the first read to start and taken away by the last to end, and each thread
    collects the damage of the streams it reads itself.
    """
    global _holders, _saved
    with _patching:
        if _holders == 0:
            _saved = (
                PDFObjRef.resolve,
                pdfminer.pdftypes.zlib,
                pdfminer.pdftypes.decompress_corrupted,
                PDFStandardSecurityHandlerV5.init_params,
                pdfminer.ascii85.a85decode,
            )
            PDFObjRef.resolve = _resolve_without_loops  # type: ignore[method-assign]
            PDFStandardSecurityHandlerV5.init_params = _v5_params  # type: ignore[method-assign]
            pdfminer.pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
            pdfminer.pdftypes.decompress_corrupted = _inflate_damaged
            pdfminer.ascii85.a85decode = a85decode  # type: ignore[assignment]
        _holders += 1
    outer = getattr(_reading, "damage", None)
    damage: list[tuple[str, int]] = []
    _reading.damage = damage
    try:
        yield damage
    finally:
        _reading.damage = outer
        with _patching:
            _holders -= 1
            if _holders == 0:
                (
                    PDFObjRef.resolve,  # type: ignore[method-assign]
                    pdfminer.pdftypes.zlib,
                    pdfminer.pdftypes.decompress_corrupted,
                    PDFStandardSecurityHandlerV5.init_params,  # type: ignore[method-assign]
                    pdfminer.ascii85.a85decode,
                ) = _saved


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


def _innermost(exc: BaseException) -> BaseException:
    cause: BaseException = exc
    for _ in range(10):  # pdfplumber wraps pdfminer's exceptions (PdfminerException, MalformedPDFException)
        inner = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else cause.__cause__
        if inner is None:
            break
        cause = inner
    return cause


def _password_refused(exc: BaseException, password_given: bool) -> bool:
    """Whether opening failed on the password (pdfminer's PDFPasswordIncorrect).

    A password that the PDF's encryption cannot even encode (revisions 2–4 take
    Latin-1 only) is refused as well, without repeating it in any message.
    """
    cause = _innermost(exc)
    return "Password" in type(cause).__name__ or (password_given and isinstance(cause, UnicodeEncodeError))


def pdf_failure(exc: BaseException, path: Path, where: str = "it", password_given: bool = False) -> PipelineError:
    """The error class and a plain one-line reason for a failure of pdfplumber/pdfminer.

    No message ever repeats a password: pdfminer's password errors carry none, and
    an encoding error (which would quote its characters) is reported without its text.
    """
    cause = _innermost(exc)
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
    if _password_refused(cause, password_given):
        if password_given:
            return WrongPasswordError("the password given does not open it")
        return EncryptedPDFError("a password is needed to read it")
    if isinstance(cause, UnicodeError):
        return DamagedPDFError(f"{where} cannot be read ({type(cause).__name__})")
    name = type(cause).__name__
    message = "".join(c if c.isprintable() else "?" for c in " ".join(str(cause).split()))[:160]
    if "Encrypt" in name:
        return EncryptedPDFError(f"its encryption cannot be read ({name}: {message})".replace(": )", ")"))
    cut = truncation(path)
    if cut:
        return DamagedPDFError(cut)
    return DamagedPDFError(f"{where} cannot be read ({name}: {message})".replace(": )", ")"))


def _open(path: Path, password: str) -> pdfplumber.PDF:
    stream = path.open("rb")
    try:
        pdf = pdfplumber.open(stream, password=password, unicode_norm="NFC")
    except BaseException:
        stream.close()
        raise
    pdf.stream_is_external = False  # the file is ours to close (close_pdf)
    return pdf


def open_pdf(path: Path, password: str | None = None) -> pdfplumber.PDF:
    """Open a PDF with NFC text, mapping pdfminer's failures to our error classes.

    ``password`` (``--password``) is tried first; a PDF it does not open but that
    opens without one (only an owner password, or none) is opened all the same, since
    one password is given for every PDF of a run.
    """
    check_pdf_header(path)
    try:
        return _open(path, password or "")
    except Exception as exc:  # pdfplumber wraps every pdfminer failure
        if not (password and _password_refused(exc, True)):
            raise pdf_failure(exc, path, password_given=bool(password)) from None
    try:
        return _open(path, "")
    except Exception as exc:
        raise pdf_failure(exc, path, password_given=True) from None


def close_pdf(pdf: pdfplumber.PDF) -> None:
    """Close a PDF without pdfplumber's close(), which builds every page object first.

    read_pdf closes each page it reads; a PDF refused before its pages were read
    (too many of them, a broken page tree) only has its file to close.
    """
    pdf.flush_cache()
    if not pdf.stream_is_external:
        pdf.stream.close()


def page_objects(pdf: pdfplumber.PDF) -> list[PDFPage]:
    """pdfminer's pages of the PDF, each with a page box pdfplumber can read.

    pdfplumber fails on a page without a valid /MediaBox (pikepdf's cyclic-toc.pdf);
    pdfminer, like PDF readers, takes US Letter then, and so do we. Another box
    (/CropBox, …) that is not four numbers is left out, as readers ignore it.
    """
    pages = list(PDFPage.create_pages(pdf.doc))
    for page in pages:
        if not _is_rect(page.attrs.get("MediaBox")):
            page.attrs["MediaBox"] = list(page.mediabox)
        for name in ("CropBox", "TrimBox", "BleedBox", "ArtBox"):
            if name in page.attrs and not _is_rect(page.attrs[name]):
                del page.attrs[name]
    return pages


def _is_rect(value: object) -> TypeGuard[Sequence[Any]]:
    value = _plain_value(value)
    return isinstance(value, (list, tuple)) and len(value) == 4 and all(isinstance(_plain_value(v), (int, float)) for v in value)


def _plain_value(value: object) -> object:
    """An object with its references followed (loops refused), nothing inside it resolved."""
    return value.resolve() if isinstance(value, PDFObjRef) else value


# --- link annotations, read without pdfplumber's recursive resolve_all ------------------


class LinksUnreadable(ValueError):
    """A page's /Annots that cannot be read as a list of annotations."""


def link_annotations(page: pdfplumber.page.Page) -> tuple[list[dict[str, object]], list[str]]:
    """The page's links to URIs, and why any annotation could not be read (see :func:`_link_annotations`)."""
    try:
        return _link_annotations(page)
    except MemoryError:
        raise
    except Exception as exc:  # the /Annots entry itself: a loop, a bomb, nested too deeply
        return [], [_why(exc)]


def _link_annotations(page: pdfplumber.page.Page) -> tuple[list[dict[str, object]], list[str]]:
    """The page's links to URIs, as pdfplumber's ``page.hyperlinks`` gives them, and what could not be read.

    pdfplumber resolves every annotation with ``resolve_all``, recursively and
    through /Parent, /P and /Kids: annotations whose chains are deep or cyclic make it
    fail with a RecursionError (pdfplumber issue #638), and the page with it. Here
    only what a link needs is resolved: the annotation, its /A action and /URI, and
    its /Rect, each reference followed on its own (a loop refused). The boxes are
    computed as pdfplumber does (rotation, top-left origin). Internal links (/Dest,
    /GoTo) are not kept, as before, so their destinations are not resolved.
    Returns the links and, for each annotation that could not be read, why.
    """
    links: list[dict[str, object]] = []
    problems: list[str] = []
    annots = _plain_value(page.page_obj.attrs.get("Annots"))
    if annots is None:
        return links, problems
    if not isinstance(annots, list):
        return links, [f"/Annots is a {type(annots).__name__}, not an array"]
    for i, item in enumerate(annots, start=1):
        try:
            link = _uri_link(page, _plain_value(item))
        except MemoryError:
            raise
        except Exception as exc:  # a loop, a bomb, a malformed value: this annotation only
            problems.append(f"annotation {i}: {_why(exc)}")
            continue
        if link is not None:
            links.append(link)
    return links, problems


def _why(exc: BaseException) -> str:
    if isinstance(exc, (LinksUnreadable, ReferenceLoop, CorruptStream)):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return type(exc).__name__


def _uri_link(page: pdfplumber.page.Page, annot: object) -> dict[str, object] | None:
    if annot is None:
        return None
    if not isinstance(annot, dict):
        raise LinksUnreadable(f"a {type(annot).__name__}, not a dictionary")
    action = _plain_value(annot.get("A"))
    if not isinstance(action, dict):
        return None
    uri = _plain_value(action.get("URI"))
    if uri is None:
        return None
    if not isinstance(uri, (bytes, str)):
        raise LinksUnreadable(f"its /URI is a {type(uri).__name__}, not a string")
    rect = _plain_value(annot.get("Rect"))
    if not _is_rect(rect):
        raise LinksUnreadable("its /Rect is not four numbers")
    a, b, c, d = (float(_plain_value(v)) for v in rect)  # type: ignore[arg-type]
    return {"uri": _text(uri), **_page_box(page, a, b, c, d)}


def _text(value: bytes | str) -> str:
    if isinstance(value, str):
        return value
    for encoding in ("utf-8", "utf-16"):  # pdfplumber's order
        try:
            return value.decode(encoding)
        except UnicodeDecodeError:
            continue
    return value.decode("latin-1")


def _page_box(page: pdfplumber.page.Page, a: float, b: float, c: float, d: float) -> dict[str, float]:
    """pdfplumber's box of an annotation's /Rect: rotated with the page, origin at its top left."""

    def rotate(x: float, y: float) -> tuple[float, float]:
        turns = page.rotation // 90
        for i in range(turns):
            comp = page.width if i == turns % 2 else page.height
            x, y = y, comp - x
        return x, y

    (x0, y0), (x1, y1) = rotate(a, b), rotate(c, d)
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    height = page.root_page.height
    return {"x0": x0, "top": height - y1, "x1": x1, "bottom": height - y0}


# --- what reading had to work around, as findings of the report ---------------------------


def links_finding(page: int, problems: list[str]) -> Finding:
    """The ``links_unreadable`` warning of a page whose annotations could not all be read."""
    reason = problems[0] if len(problems) == 1 else f"{problems[0]}, and {len(problems) - 1} more"
    return finding("links_unreadable", page=page, reason=reason)


def stream_findings(damage: list[tuple[str, int]], page: int | None) -> list[Finding]:
    """One ``damaged_stream`` warning per damaged stream read for ``page`` (None: before the pages)."""
    found: list[Finding] = []
    for ending, decoded in damage:
        if ending == "checksum":
            what = "does not match its checksum; it is used as decoded, but may be garbled"
        elif decoded == 0:
            what = "cannot be decoded at all; it is read as empty"
        elif ending == "cut":
            what = f"is cut off; the {decoded} bytes decoded before the cut are used, anything after it is missing"
        else:
            what = f"is corrupt after {decoded} decoded bytes; they are used, the rest is lost"
        made = finding("damaged_stream", variant="before_pages" if page is None else None, page=page, damage=what)
        if made not in found:
            found.append(made)
    return found


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
