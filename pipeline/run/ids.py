"""Report ids: the names of the report folders under ``--out``, safe by construction.

A report id names a folder that is replaced whole (``write_dir_atomically``), so an id
that is ``.``, ``..``, hidden, holds a separator or is too long for the file system
would make that swap act on the wrong folder: a PDF named ``..pdf`` once replaced
``--out`` itself. Every id is therefore made safe before anything is written, and the
run says when it changed one (:attr:`ReportId.why`).

Why *made safe* rather than refused: the names of published reports are whatever a
ministry's web site gave them, and a user who drops one into ``raw_pdfs/`` wants its
tables, not an error about its name. The id made is stable (the same file name gives
the same id), readable (it keeps every safe character of the name) and said on the
output line, so nothing about it is hidden.

Ids that collide within a run (``a.pdf`` and ``a.PDF``, or ``d1/a.pdf`` and
``d2/a.pdf``; compared without case, since output folders travel to file systems
that ignore it) are made unique the same way: the first PDF keeps the id, each other
gets a short hash of its path after it, and the output line names it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# A file name may hold 255 bytes; the folder's temporary siblings add about 30
# (``.<id>.tmp-<pid>-<random>``, ``.<id>.old-…``, ``.<id>.lock``).
MAX_ID_BYTES = 200
HASH_CHARS = 8
REPLACEMENT = "_"


@dataclass(frozen=True)
class ReportId:
    """A report's id, and why it is not the file's stem (empty when it is)."""

    id: str
    why: str = ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:HASH_CHARS]


def _unsafe_char(c: str) -> bool:
    # control and format characters (newlines, escapes, bidi overrides) and separators
    return c in "/\\\x00" or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _truncated(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, on a character boundary."""
    data = text.encode("utf-8", "surrogateescape")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def safe_report_id(stem: str) -> ReportId:
    """The id for a PDF whose name without ``.pdf`` is ``stem``: the stem itself when it is
    safe, otherwise the stem with every unsafe part replaced, and the reason."""
    reasons = []
    text = stem
    if any(_unsafe_char(c) for c in text):
        text = "".join(REPLACEMENT if _unsafe_char(c) else c for c in text)
        reasons.append("control characters or path separators replaced")
    if text.strip(" .") == "":
        text = f"report-{_digest(stem)}"
        reasons.append("the name is empty or only dots")
    elif text.startswith("."):
        text = REPLACEMENT + text.lstrip(".")
        reasons.append("a leading dot would hide the folder")
    if len(text.encode("utf-8", "surrogateescape")) > MAX_ID_BYTES:
        text = f"{_truncated(text, MAX_ID_BYTES - HASH_CHARS - 1)}-{_digest(stem)}"
        reasons.append(f"shortened to {MAX_ID_BYTES} bytes")
    if text != stem and not reasons:  # pragma: no cover - every change above gives a reason
        reasons.append("changed")
    return ReportId(text, "; ".join(reasons))


def report_id_of(pdf: Path | str) -> str:
    """The id of a PDF on its own: its file name without ``.pdf``, made safe."""
    return safe_report_id(Path(pdf).stem).id


def assign_report_ids(pdfs: Sequence[Path]) -> list[ReportId]:
    """Every PDF's id, safe and unique within the run (without regard to case).

    The first PDF with an id keeps it; a later one whose id collides gets a short hash
    of its resolved path after it (stable from run to run), and the reason says so.
    """
    taken: set[str] = set()
    out: list[ReportId] = []
    for pdf in pdfs:
        rid = safe_report_id(Path(pdf).stem)
        if rid.id.casefold() in taken:
            unique, salt = rid.id, str(Path(pdf).absolute())
            while unique.casefold() in taken:  # a hash that meets another id (never seen) is hashed again
                unique = f"{_truncated(rid.id, MAX_ID_BYTES - HASH_CHARS - 1)}-{_digest(salt)}"
                salt += "+"
            rid = ReportId(unique, "; ".join(filter(None, [rid.why, f"«{rid.id}» is another PDF's of this run"])))
        taken.add(rid.id.casefold())
        out.append(rid)
    return out


def child_of(out: Path, report_id: str) -> Path:
    """``out/<report_id>``, refused unless it is a direct child of ``out`` (the last guard
    before a folder is replaced whole)."""
    if report_id in ("", ".", "..") or report_id != safe_report_id(report_id).id:
        raise ValueError(f"unsafe report id {report_id!r}")
    target = Path(out) / report_id
    if target.parent.resolve() != Path(out).resolve() or target.name != report_id:
        raise ValueError(f"report id {report_id!r} is not a folder directly under {out}")
    return target
