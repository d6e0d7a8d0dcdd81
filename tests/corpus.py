"""Hostile and broken PDFs, generated on demand (no binaries are committed).

Each ``make_*`` function writes one file into a folder and returns its path;
:data:`CASES` says what a run must make of each: the exit code (0: processed)
and words its line must contain. The PDFs that are not derived from the
shipped report are written object by object with :func:`pdf_file`, so even a
20 000-page file or a 4 GB decompression bomb costs milliseconds and a few MB.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import computeO, computeU, encodePDF, encryptionkey
from reportlab.pdfgen.canvas import Canvas

from .helpers import COLS, SHIPPED_PDF, mini_report
from .synth import BOLD, REGULAR, SynthDoc

# --- writing PDF syntax by hand ------------------------------------------------------


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """The body of a stream object: its dictionary (with /Length) and its data."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def pdf_file(objects: Mapping[int, bytes], root: int, trailer: bytes = b"") -> bytes:
    """A complete PDF from object bodies by number: header, objects, xref table, trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    for number in range(size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer, xref)
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
TEXT = b"BT /F1 11 Tf 72 770 Td (Side) Tj ET"


def page(parent: int, contents: int | None, font: int | None = None) -> bytes:
    resources = b"<< /Font << /F1 %d 0 R >> >>" % font if font else b"<< >>"
    body = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s" % (parent, resources)
    if contents:
        body += b" /Contents %d 0 R" % contents
    return body + b" >>"


def refs(numbers) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


# --- files derived from the shipped report ----------------------------------------------


def shipped() -> bytes:
    return SHIPPED_PDF.read_bytes()


def truncated(share: float | None) -> Callable[[Path], Path]:
    """The report cut off at a share of its length, or (None) just before its xref table."""

    def make(folder: Path) -> Path:
        data = shipped()
        cut = data.rindex(b"\nxref") + 1 if share is None else int(len(data) * share)
        name = "truncated-before-xref" if share is None else f"truncated-{round(share * 100)}"
        path = folder / f"{name}.pdf"
        path.write_bytes(data[:cut])
        return path

    return make


def classic_objects(data: bytes) -> tuple[dict[int, bytes], bytes]:
    """Object bodies by number, and the trailer dictionary, of a PDF with one xref table."""
    start = int(re.search(rb"startxref\s+(\d+)", data[-1024:]).group(1))
    table = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", data[start:])
    first, count = int(table.group(1)), int(table.group(2))
    entries = data[start + table.end() : start + table.end() + 20 * count]
    objects: dict[int, bytes] = {}
    for i in range(count):
        offset, _gen, kind = entries[20 * i : 20 * i + 18].split()
        if kind != b"n":
            continue
        head = re.match(rb"(\d+)\s+(\d+)\s+obj\s*", data[int(offset) :])
        body_start = int(offset) + head.end()
        end = data.index(b"endobj", body_start)
        marker = data.find(b"stream", body_start, end)
        if marker != -1:  # a stream: take exactly /Length bytes of data
            length = int(re.search(rb"/Length (\d+)", data[body_start:marker]).group(1))
            data_start = marker + len(b"stream") + (2 if data[marker + 6 : marker + 8] == b"\r\n" else 1)
            end = data.index(b"endobj", data_start + length)
        objects[first + i] = data[body_start:end].rstrip()
    trailer = re.search(rb"trailer\s*(<<.*>>)\s*startxref", data[start:], re.S).group(1)
    return objects, trailer


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _literal(text: bytes, i: int) -> tuple[bytes, int]:
    """The value of the literal string starting at text[i] == '(' and the index after it."""
    value = bytearray()
    depth = 0
    while True:
        ch = text[i : i + 1]
        if ch == b"\\":
            nxt = text[i + 1 : i + 2]
            if nxt in _ESCAPES:
                value += _ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                octal = re.match(rb"[0-7]{1,3}", text[i + 1 : i + 4]).group()
                value.append(int(octal, 8) & 0xFF)
                i += 1 + len(octal)
            else:  # a line continuation, or an escaped character that stands for itself
                i += 2 + (text[i + 1 : i + 3] == b"\r\n")
            continue
        if ch == b"(":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif ch == b")":
            depth -= 1
            if depth == 0:
                return bytes(value), i + 1
        value += ch
        i += 1


def encrypt_strings(text: bytes, crypt: Callable[[bytes], bytes]) -> bytes:
    """Every string of an object's syntax encrypted and written as a hex string."""
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i : i + 1]
        if ch == b"%":
            end = re.compile(rb"[\r\n]").search(text, i)
            j = end.start() if end else len(text)
            out += text[i:j]
            i = j
        elif ch == b"(":
            value, i = _literal(text, i)
            out += b"<" + crypt(value).hex().encode() + b">"
        elif text[i : i + 2] == b"<<":
            out += b"<<"
            i += 2
        elif ch == b"<":
            j = text.index(b">", i)
            digits = re.sub(rb"\s", b"", text[i + 1 : j])
            value = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
            out += b"<" + crypt(value).hex().encode() + b">"
            i = j + 1
        else:
            out += ch
            i += 1
    return bytes(out)


def _aes(key: bytes, iv: bytes | None, data: bytes) -> bytes:
    """AES in CBC mode (ECB without ``iv``), no padding: ``data`` is a multiple of 16 bytes."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv) if iv is not None else modes.ECB()).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def hash_2b(password: bytes, salt: bytes, udata: bytes) -> bytes:
    """Algorithm 2.B of ISO 32000-2: the hash of a password under AES-256 encryption (revision 6)."""
    k = hashlib.sha256(password + salt + udata).digest()
    rounds = 0
    while True:
        e = _aes(k[:16], k[16:32], (password + k + udata) * 64)
        k = (hashlib.sha256, hashlib.sha384, hashlib.sha512)[int.from_bytes(e[:16], "big") % 3](e).digest()
        rounds += 1
        if rounds >= 64 and e[-1] <= rounds - 32:
            return k[:32]


def aes256_handler(user_password: str, owner_password: str, permissions: int, seed: bytes, pad: bool) -> tuple[bytes, bytes]:
    """The file key and the /Encrypt dictionary of AES-256 encryption (V 5, R 6, as Acrobat and Word write it).

    With ``pad``, /O and /U are padded with zeros to 127 bytes, as qpdf writes them (pikepdf's
    graph-encrypted.pdf), which made pdfminer refuse the owner password."""
    key = hashlib.sha256(b"file key" + seed).digest()
    uvs, uks, ovs, oks = (hashlib.sha256(name + seed).digest()[:8] for name in (b"uvs", b"uks", b"ovs", b"oks"))
    user, owner = user_password.encode("utf-8")[:127], owner_password.encode("utf-8")[:127]
    u = hash_2b(user, uvs, b"") + uvs + uks
    o = hash_2b(owner, ovs, u) + ovs + oks
    ue, oe = _aes(hash_2b(user, uks, b""), bytes(16), key), _aes(hash_2b(owner, oks, u), bytes(16), key)
    perms = _aes(key, None, struct.pack("<i", permissions) + b"\xff\xff\xff\xffTadb" + seed[:4].ljust(4, b"\0"))
    o, u = (o.ljust(127, b"\0"), u.ljust(127, b"\0")) if pad else (o, u)
    encrypt = b"<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> "
    encrypt += b"/StmF /StdCF /StrF /StdCF /P %d " % permissions
    encrypt += b" ".join(
        b"/%s <%s>" % (name, value.hex().encode()) for name, value in ((b"O", o), (b"U", u), (b"OE", oe), (b"UE", ue), (b"Perms", perms))
    )
    return key, encrypt + b" >>"


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner", aes256: bool = False, pad: bool = False) -> bytes:
    """The same PDF under the standard security handler: RC4, 128 bits, revision 3; or (``aes256``)
    AES-256, revision 6, the encryption of today's Word and Acrobat (see :func:`aes256_handler`)."""
    objects, trailer = classic_objects(data)
    file_id = bytes.fromhex(re.search(rb"/ID\s*\[\s*<([0-9a-fA-F]+)>", trailer).group(1).decode())
    permissions = -4  # everything allowed
    if aes256:
        key, handler = aes256_handler(user_password, owner_password, permissions, file_id, pad)
    else:
        owner_key = computeO(user_password, owner_password, 3)
        key = encryptionkey(user_password, owner_key, permissions, file_id, 3)
        handler = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s> >>" % (
            permissions,
            owner_key.hex().encode(),
            computeU(key, revision=3, documentId=file_id).hex().encode(),
        )
    encrypted: dict[int, bytes] = {}
    for number, body in objects.items():
        counter = iter(range(1 << 30))

        def crypt(value: bytes, number: int = number, counter=counter) -> bytes:
            if not aes256:
                return encodePDF(key, number, 0, value, 3)
            iv = hashlib.sha256(b"%d %d" % (number, next(counter)) + file_id).digest()[:16]  # fixed, so files are reproducible
            padding = 16 - len(value) % 16
            return iv + _aes(key, iv, value + bytes([padding]) * padding)

        marker = body.find(b"stream")
        if marker != -1 and body.rstrip().endswith(b"endstream"):
            head = body[:marker]
            start = marker + len(b"stream") + (2 if body[marker + 6 : marker + 8] == b"\r\n" else 1)
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            data_out = crypt(body[start : start + length])
            head = re.sub(rb"/Length \d+", b"/Length %d" % len(data_out), encrypt_strings(head, crypt))
            encrypted[number] = head + b"stream\n" + data_out + b"\nendstream"
        else:
            encrypted[number] = encrypt_strings(body, crypt)
    enc = max(objects) + 1
    encrypted[enc] = handler
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    info = re.search(rb"/Info \d+ 0 R", trailer)
    ids = b"/ID [<%s><%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    return pdf_file(encrypted, root, b"%s /Encrypt %d 0 R %s " % (info.group() if info else b"", enc, ids))


def make_encrypted_with_password(folder: Path) -> Path:
    path = folder / "encrypted-password.pdf"
    path.write_bytes(encrypt_pdf(shipped(), "hemmelig"))
    return path


def make_encrypted_without_user_password(folder: Path) -> Path:
    """Encrypted with only an owner password: readers open it without asking."""
    path = folder / "encrypted-no-user-password.pdf"
    path.write_bytes(encrypt_pdf(shipped(), ""))
    return path


# --- not PDFs, no text, not a report -------------------------------------------------------


def make_empty(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def make_text_file(folder: Path) -> Path:
    path = folder / "notes.pdf"
    path.write_text("Tiltak 1. Notater fra møtet\nDette er en tekstfil, ikke en PDF.\n", encoding="utf-8")
    return path


def make_scanned(folder: Path) -> Path:
    """Pages that are only images: what a scanner produces."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (300, 420), 255)
    draw = ImageDraw.Draw(img)
    for y in range(40, 380, 20):
        draw.rectangle((30, y, 270, y + 8), fill=0)  # lines of "text" as black bars
    path = folder / "scanned.pdf"
    c = Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        c.drawInlineImage(img, 0, 0, *A4)
        c.showPage()
    c.save()
    return path


def make_unknown_family(folder: Path) -> Path:
    """A valid PDF with text, but not a report of any profile's family."""
    d = SynthDoc()
    d.bold("Møtereferat", size=14)
    d.text("Referat fra styremøtet. Ingen tiltak ble behandlet.", gap=6)
    return d.write(folder / "meeting-minutes.pdf")


def make_no_tiltak_headings(folder: Path) -> Path:
    """Of the report family (its overview table and the word «sluttrapport»), but no «Tiltak N» heading."""
    d = SynthDoc()
    d.bold("Oversikt over status for tiltak", size=14)
    d.text("Av totalt 1 tiltak i handlingsplanen er 1 tiltak ferdigstilte.", gap=6)
    d.row(["Nr.", "Tiltak", "Ansvarlig dep.", "Status"], COLS, font=BOLD, gap=8)
    d.row(["1", "Styrke samarbeidet", "AID", "Ferdigstilt"], COLS, gap=2)
    d.new_page()
    d.text("Denne sluttrapporten har mistet overskriftene sine.", gap=10)
    d.text("Ansvarlig departement: AID. Status: ferdigstilt.")
    return d.write(folder / "no-tiltak-headings.pdf")


# --- reports that process, with findings naming the problem -------------------------------


def make_duplicate_number(folder: Path) -> Path:
    """Two body blocks headed «Tiltak 3.»."""
    d = mini_report()
    d.bold("Tiltak 3. Etablere et nettverk til", size=12, gap=10)
    d.text("En andre blokk med samme nummer.")
    d.label("Ansvarlig departement:", "JD")
    d.label("Status:", "Tiltaket er ferdigstilt")
    d.label("Sluttrapport:", "Se over.")
    return d.write(folder / "duplicate-number.pdf")


def make_missing_in_body(folder: Path) -> Path:
    """The overview table lists tiltak 4, which has no block in the body."""
    d = mini_report()
    row = (COLS[0], 2.0, tuple((text, REGULAR, 10, 0.0, x) for text, x in zip(["4", "Et glemt tiltak", "JD", "Ferdigstilt"], COLS)))
    d.pages[0].append(row)
    return d.write(folder / "missing-in-body.pdf")


# --- pathological structure --------------------------------------------------------------------


def many_pages(count: int) -> bytes:
    """``count`` near-empty pages (one word each) sharing one content stream and one font."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT, 4: stream(TEXT)}
    first = 5
    objects[2] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, refs(range(first, first + count)))
    for n in range(first, first + count):
        objects[n] = page(2, 4, 3)
    return pdf_file(objects, 1)


def make_many_pages(folder: Path, count: int = 20_000) -> Path:
    path = folder / "many-pages.pdf"
    path.write_bytes(many_pages(count))
    return path


def make_nested_pages(folder: Path, depth: int = 10_000) -> Path:
    """A page tree 10 000 levels deep: each /Pages node has one child, the last a page."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT, 4: stream(TEXT)}
    nodes = list(range(10, 10 + depth))
    objects[2] = b"<< /Type /Pages /Count 1 /Kids [%d 0 R] >>" % nodes[0]
    for i, n in enumerate(nodes):
        parent = 2 if i == 0 else nodes[i - 1]
        objects[n] = b"<< /Type /Pages /Parent %d 0 R /Count 1 /Kids [%d 0 R] >>" % (parent, n + 1)
    objects[nodes[-1] + 1] = page(nodes[-1], 4, 3)
    path = folder / "nested-pages.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


def make_self_reference(folder: Path) -> Path:
    """A page whose /Resources is an object that is nothing but a reference to itself."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 4 0 R >>",
        4: stream(TEXT),
        5: b"5 0 R",
    }
    path = folder / "self-reference.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


def make_cyclic_kids(folder: Path) -> Path:
    """A /Pages node whose Kids array holds its own parent (and, through it, itself)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 2 /Kids [3 0 R 5 0 R] >>",
        3: page(2, 4, 6),
        4: stream(TEXT),
        5: b"<< /Type /Pages /Parent 2 0 R /Count 1 /Kids [2 0 R] >>",
        6: FONT,
    }
    path = folder / "cyclic-kids.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


def make_reference_loop(folder: Path) -> Path:
    """Two objects that are each nothing but a reference to the other (the page's /Resources)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 7 0 R /Contents 4 0 R >>",
        4: stream(TEXT),
        7: b"8 0 R",
        8: b"7 0 R",
    }
    path = folder / "reference-loop.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


# --- the report with damage a reader works around (issue 14: never refuse what can be read) ----------


def shipped_parts() -> tuple[dict[int, bytes], int, bytes, list[int]]:
    """The shipped report's objects, its catalog's number, its trailer extras (/Info) and its pages' object numbers."""
    objects, trailer = classic_objects(shipped())
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    tree = int(re.search(rb"/Pages (\d+) 0 R", objects[root]).group(1))
    kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[([^\]]*)\]", objects[tree]).group(1))]
    info = re.search(rb"/Info \d+ 0 R", trailer)
    return objects, root, (info.group() + b" " if info else b""), kids


def with_annots(folder: Path, name: str, page_number: int, annots: bytes, extra: Mapping[int, bytes]) -> Path:
    """The shipped report with page ``page_number``'s /Annots replaced by ``annots`` (objects ``extra`` added)."""
    objects, root, trailer, kids = shipped_parts()
    page_obj = objects[kids[page_number - 1]]
    assert b"/Annots" in page_obj, f"page {page_number} of the report has links"
    objects[kids[page_number - 1]] = re.sub(rb"/Annots\s*\[[^\]]*\]", b"/Annots " + annots, page_obj)
    assert not set(extra) & set(objects)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf_file({**objects, **extra}, root, trailer))
    return path


FIRST_FREE = 1000  # object numbers from here on are free in the shipped report


def make_nested_arrays(folder: Path, depth: int = 100_000) -> Path:
    """The report with page 7's /Annots an array nested 100 000 deep (pdfplumber resolved it recursively, and failed)."""
    return with_annots(folder, "nested-arrays", 7, b"%d 0 R" % FIRST_FREE, {FIRST_FREE: b"[" * depth + b"]" * depth})


def make_annots_loop(folder: Path) -> Path:
    """The report with page 6's /Annots two objects that are nothing but references to each other."""
    a, b = FIRST_FREE, FIRST_FREE + 1
    return with_annots(folder, "annots-loop", 6, b"%d 0 R" % a, {a: b"%d 0 R" % b, b: b"%d 0 R" % a})


def make_annotation_chains(folder: Path, page_number: int = 3, depth: int = 3000) -> Path:
    """pdfplumber issue #638 ("RecursionError in utils.resolve_all" from ``page.hyperlinks``), as in the
    Federal Register issue federal-register-2020-17221.pdf: the link annotations of page 3 have no
    /Type /Annot (it is optional), a /Parent chain 3000 dictionaries deep and a /P that leads, through a
    /Kids array, back to the annotation. pdfplumber's ``resolve_all`` follows all of it and fails; the
    links themselves (/Rect, /A /URI) are sound and must be kept."""
    objects, root, trailer, kids = shipped_parts()
    page_obj = objects[kids[page_number - 1]]
    numbers = [int(n) for n in re.findall(rb"(\d+) 0 R", re.search(rb"/Annots\s*\[([^\]]*)\]", page_obj).group(1))]
    chain = list(range(FIRST_FREE, FIRST_FREE + depth))
    for i, n in enumerate(chain):
        objects[n] = b"<< /FT /Tx /T (f%d) /Parent %d 0 R >>" % (i, chain[i + 1]) if i + 1 < len(chain) else b"<< /T (root) >>"
    for k, n in enumerate(numbers):
        holder = FIRST_FREE + depth + k  # not a page: resolve_all only stops at /Type /Page
        objects[holder] = b"<< /Kids [%d 0 R] >>" % n
        body = objects[n].replace(b"/Type /Annot", b"")
        objects[n] = body[: body.rindex(b">>")] + b" /Parent %d 0 R /P %d 0 R >>" % (chain[0], holder)
    path = folder / "annotation-chains.pdf"
    path.write_bytes(pdf_file(objects, root, trailer))
    return path


def page_stream(page_number: int, change: Callable[[bytes], bytes], name: str) -> Callable[[Path], Path]:
    """The report with the compressed text of one page changed by ``change`` (deflated bytes in, out)."""

    def make(folder: Path) -> Path:
        objects, root, trailer, kids = shipped_parts()
        number = int(re.search(rb"/Contents (\d+) 0 R", objects[kids[page_number - 1]]).group(1))
        body = objects[number]
        start = body.index(b"stream") + len(b"stream\n")
        encoded = body[start : body.rindex(b"endstream")].strip()
        assert b"/ASCII85Decode /FlateDecode" in body[:start], "the report's streams are ASCII85 over Flate"
        deflated = base64.a85decode(encoded, adobe=False, ignorechars=b" \t\r\n~>")
        objects[number] = stream(base64.a85encode(change(deflated)) + b"~>", b"/Filter [ /ASCII85Decode /FlateDecode ] ")
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf_file(objects, root, trailer))
        return path

    return make


def _flip_middle(deflated: bytes) -> bytes:
    damaged = bytearray(deflated)
    middle = len(damaged) // 2
    damaged[middle : middle + 4] = bytes(b ^ 0x5A for b in damaged[middle : middle + 4])
    return bytes(damaged)


def make_corrupt_stream(folder: Path, page_number: int = 6) -> Path:
    """The report with a few bytes in the middle of page 6's compressed text damaged: what decodes before them is read."""
    return page_stream(page_number, _flip_middle, "corrupt-stream")(folder)


def make_cut_stream(folder: Path, page_number: int = 6) -> Path:
    """The report with page 6's compressed text ending early (its last quarter missing)."""
    return page_stream(page_number, lambda deflated: deflated[: len(deflated) * 3 // 4], "cut-stream")(folder)


def xref_stream_file(objects: Mapping[int, bytes], root: int, trailer: bytes = b"", cut: bool = False) -> bytes:
    """A PDF whose cross-reference table is a compressed stream (PDF 1.5). With ``cut`` that stream
    ends early: every entry is there, but its deflate data has no final block and no checksum, as in
    pypdf's form_acrobatReader.pdf (which we called damaged although every reader opens it)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = max(objects) + 1
    offsets[xref] = len(out)
    rows = b"".join(struct.pack(">BIH", 1, offsets[n], 0) if n in offsets else struct.pack(">BIH", 0, 0, 65535) for n in range(xref + 1))
    z = zlib.compressobj()
    data = z.compress(rows) + z.flush(zlib.Z_SYNC_FLUSH if cut else zlib.Z_FINISH)
    entries = b"/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R %s/Filter /FlateDecode " % (xref + 1, root, trailer)
    out += b"%d 0 obj\n" % xref + stream(data, entries) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref]
    return bytes(out)


def make_cut_xref_stream(folder: Path) -> Path:
    """The report with its cross-reference table a compressed stream that ends early."""
    objects, root, trailer, _ = shipped_parts()
    path = folder / "cut-xref-stream.pdf"
    path.write_bytes(xref_stream_file(objects, root, trailer, cut=True))
    return path


def make_no_pages(folder: Path) -> Path:
    """A valid PDF whose page tree is empty (pikepdf's newline-buffer-test.pdf)."""
    path = folder / "no-pages.pdf"
    path.write_bytes(pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Count 0 /Kids [] >>"}, 1))
    return path


def make_no_mediabox(folder: Path) -> Path:
    """A page without a /MediaBox, none inherited (pikepdf's cyclic-toc.pdf): readers take US Letter."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(TEXT),
        5: FONT,
    }
    path = folder / "no-mediabox.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


def zeros_deflated(megabytes: int) -> bytes:
    """A zlib stream that inflates to ``megabytes`` MiB of zeros (~1 KB per MiB), built in milliseconds.

    One MiB block compressed once and ended with a full flush (byte-aligned,
    independent of what precedes it) is repeated; the Adler-32 of n zeros is
    (n mod 65521) << 16 | 1.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush(zlib.Z_FINISH)
    n = megabytes << 20
    return b"\x78\xda" + block * megabytes + end + struct.pack(">I", ((n % 65521) << 16) | 1)


def make_bomb(folder: Path, megabytes: int = 2048) -> Path:
    """A page whose FlateDecode content stream of 2 MB inflates to 2 GiB of zeros."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: page(2, 4, 5),
        4: stream(zeros_deflated(megabytes), b"/Filter /FlateDecode "),
        5: FONT,
    }
    path = folder / "bomb.pdf"
    path.write_bytes(pdf_file(objects, 1))
    return path


# --- the corpus ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    code: int  # exit code of a run on this file alone; 0: processed
    words: str  # words its line (the error line, or the line of a processed report) must contain
    finding: str = ""  # for a processed report: a finding code its validation.json must hold


CASES: dict[str, Case] = {
    "empty": Case(make_empty, 3, "not a PDF: the file is empty"),
    "text-file": Case(make_text_file, 3, "not a PDF: the file starts with 'Tiltak 1. No', not '%PDF-'"),
    "truncated-10": Case(truncated(0.1), 3, "damaged PDF: the file is cut off"),
    "truncated-50": Case(truncated(0.5), 3, "damaged PDF: the file is cut off"),
    "truncated-90": Case(truncated(0.9), 3, "damaged PDF: the file is cut off"),
    "truncated-before-xref": Case(truncated(None), 3, "damaged PDF: the file is cut off"),
    "encrypted-password": Case(make_encrypted_with_password, 4, "encrypted PDF: a password is needed to read it (give its password with --password"),
    "encrypted-no-user-password": Case(make_encrypted_without_user_password, 0, "33 tiltak"),
    "scanned": Case(make_scanned, 5, "no text layer: neither of its 2 pages has extractable text"),
    "unknown-family": Case(make_unknown_family, 6, "unknown report family"),
    "no-tiltak-headings": Case(make_no_tiltak_headings, 6, "no tiltak found"),
    "duplicate-number": Case(make_duplicate_number, 0, "4 tiltak", finding="duplicate_in_body"),
    "missing-in-body": Case(make_missing_in_body, 0, "3 tiltak", finding="missing_in_body"),
    "many-pages": Case(make_many_pages, 10, "too many pages: it has 20000 pages, more than the limit of"),
    "nested-pages": Case(make_nested_pages, 3, "damaged PDF: its page tree is nested more than"),
    "self-reference": Case(make_self_reference, 3, "damaged PDF: object 5 is a reference to itself"),
    "cyclic-kids": Case(make_cyclic_kids, 3, "damaged PDF: its page tree has a cycle"),
    "reference-loop": Case(make_reference_loop, 3, "damaged PDF: objects 7 → 8 → 7 refer to each other in a loop"),
    "nested-arrays": Case(make_nested_arrays, 0, "33 tiltak", finding="links_unreadable"),
    "annots-loop": Case(make_annots_loop, 0, "33 tiltak", finding="links_unreadable"),
    "annotation-chains": Case(make_annotation_chains, 0, "33 tiltak"),
    "corrupt-stream": Case(make_corrupt_stream, 0, " tiltak → ", finding="damaged_stream"),
    "cut-stream": Case(make_cut_stream, 0, " tiltak → ", finding="damaged_stream"),
    "cut-xref-stream": Case(make_cut_xref_stream, 0, "33 tiltak", finding="damaged_stream"),
    "no-pages": Case(make_no_pages, 3, "empty PDF: it has no pages"),
    "no-mediabox": Case(make_no_mediabox, 6, "unknown report family"),
    "bomb": Case(make_bomb, 3, "damaged PDF: page 1 cannot be read: a compressed stream inflates to more than 256 MB (a decompression bomb?)"),
}


def write_corpus(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the corpus (or the named cases) into ``folder``: case name → file."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: CASES[name].make(folder) for name in names or CASES}


def excerpt(data: bytes, pages: int) -> bytes:
    """The first ``pages`` pages of a PDF with one xref table, every object they do not use dropped."""
    objects, trailer = classic_objects(data)
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    tree = int(re.search(rb"/Pages (\d+) 0 R", objects[root]).group(1))
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", objects[tree])
    keep = re.findall(rb"\d+ 0 R", kids.group(1))[:pages]
    objects[tree] = re.sub(rb"/Count \d+", b"/Count %d" % len(keep), objects[tree][: kids.start(1)] + b" ".join(keep) + objects[tree][kids.end(1) :])
    info = re.search(rb"/Info (\d+) 0 R", trailer)
    reachable: set[int] = set()
    todo = [root] + ([int(info.group(1))] if info else [])
    while todo:
        number = todo.pop()
        if number in reachable or number not in objects:
            continue
        reachable.add(number)
        head = objects[number].split(b"stream", 1)[0]
        todo.extend(int(n) for n in re.findall(rb"(\d+) 0 R", head))
    kept = {n: body for n, body in objects.items() if n in reachable}
    return pdf_file(kept, root, (info.group() + b" " if info else b"") + re.search(rb"/ID\s*\[[^\]]*\]", trailer).group() + b" ")
