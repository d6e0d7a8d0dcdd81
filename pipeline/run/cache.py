"""A cache of stage results, so that a re-run over PDFs that have not changed only re-exports.

An entry is keyed by everything its result depends on, so that a result is never
served to code that would compute another:

- the PDF's SHA-256 (its content; not its name or place, which the runner puts back);
- the code: a digest of every file of the ``pipeline`` package that is imported
  (sources, profiles, anything read at run time; not ``__pycache__``), with the
  versions of Python and of the libraries that read the PDF, computed once per
  process. A maintainer who edits a stage, or a user who updates the package, gets
  new results: the version number alone (never bumped) served old ones;
- :data:`STAGE_FORMAT`, the format of an entry;
- the profiles in force (their contents) and the extraction engine.

The password is not: it changes no result (the runner checks it before a hit counts).

Entries are data, never code: JSON written by orjson to ``<out>/.cache/<key>.json``
and read back through a strict reader that checks every value's type, so that
whoever can write into the cache folder cannot make the next run execute anything
(a pickle could), and an entry that cannot be read or has the wrong shape is a
miss, never an error. Old ``.pickle`` entries are never opened. ``--force``
recomputes and overwrites.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import orjson

import pipeline
from pipeline.store import write_file_atomically

log = logging.getLogger(__name__)

T = TypeVar("T")

# Bump whenever what an entry holds changes in a way the code digest does not see
# (its encoding, or what the runner stores under a key).
STAGE_FORMAT = 2  # 1: pickles of Stages (and of its stage files); 2: Stages as JSON

# The libraries whose updates change what is read from a PDF, or from a Word or HTML edition.
READERS = ("pdfplumber", "pdfminer.six", "pypdfium2", "pyphen", "wordfreq", "regex", "python-docx", "lxml")

_SAFE_KEY = re.compile(r"[A-Za-z0-9_-]{1,200}")


def package_files(root: Path) -> list[Path]:
    """Every file of the package under ``root`` that can change a result, in a fixed order:
    everything but Python's bytecode (compiled from the sources hashed) and hidden files
    (an editor's swap file, which changes at every keystroke and is never read)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if not f.endswith((".pyc", ".pyo")) and not f.startswith(".")]
    return found


def source_digest(root: Path) -> str:
    """A digest of the files of the package under ``root``: their paths and contents."""
    digest = hashlib.sha256()
    for path in package_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


@cache  # once per process: some fifty files, a few milliseconds
def code_digest() -> str:
    """What the code that computes a result is: the package's files as imported (the copy that
    runs, wherever it is), Python's version and the PDF readers' versions."""
    digest = hashlib.sha256(source_digest(Path(pipeline.__file__).parent).encode())
    digest.update(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    for dist in READERS:
        digest.update(f"\0{dist} {_version(dist)}".encode())
    return digest.hexdigest()[:16]


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file itself: a FIFO planted under an entry's name
    would hang the run, a link to ``/dev/zero`` would fill its memory (both raise OSError)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        return fh.read()


class StageCache:
    """Entries under ``root``, one JSON file each; ``hits`` counts the entries the runner used."""

    def __init__(self, root: Path, refresh: bool = False) -> None:
        self.root = Path(root)
        self.refresh = refresh  # recompute and overwrite (``--force``)
        self.hits = 0

    @staticmethod
    def key(sha256: str, profiles: str, engine: str = "pdfplumber") -> str:
        """The key of a PDF's results under the profiles and engine given, for the code that runs
        (some 115 characters: a file name anywhere)."""
        return f"{sha256}-s{STAGE_FORMAT}-{code_digest()}-{profiles}-{engine}"

    def path(self, key: str) -> Path:
        if not _SAFE_KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")  # the runner's keys always are: never a path
        return self.root / f"{key}.json"

    def get(self, key: str, read: Callable[[Any], T]) -> T | None:
        """The entry under ``key``, made by ``read`` from its JSON (which raises on data of the
        wrong shape); None if there is none, or it cannot be read or made: a miss."""
        if self.refresh:
            log.info("cache: not read (--force)")
            return None
        path = self.path(key)
        try:
            return read(orjson.loads(read_regular_file(path)))
        except FileNotFoundError:
            log.info("cache: no entry %s… (this PDF, code, profiles and engine not seen)", key[:16])
            return None
        except Exception as exc:  # truncated, not JSON, of another shape: all the same, a miss
            log.info("cache: entry %s… not used (%s: %s)", key[:16], type(exc).__name__, str(exc)[:200])
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (dataclasses, tuples, dicts of str, plain values) as JSON."""
        try:
            # not flushed to disk: an entry the machine's crash truncates is read as a miss (get)
            write_file_atomically(self.path(key), orjson.dumps(value), durable=False)
        except (OSError, TypeError, ValueError) as exc:  # not writable, not JSON (orjson's error is a TypeError): it only costs time
            log.info("cache: entry %s not written (%s)", key, exc)
