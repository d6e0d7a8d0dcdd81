"""One PDF's pages read in several processes, when the machine has cores to spare.

Reading the pages is most of a run, and a run of one PDF leaves the other cores idle.
With ``processes=n``, process ``i`` reads pages ``i+1, i+1+n, i+1+2n, …`` (every
engine can read a :class:`Part`): this process reads its share while forked ones read
theirs, and the parts are put together in page order. The result is the ``RawPdf`` one
process reads (tested on every fixture, under both engines).

A forked reader that fails, or dies (a crash in PDFium), costs only time: this process
then reads those pages itself, and so meets the error or the crash that reading them in
one process would have met, where the workers handle it as they always did. A PDF whose
pages' streams are damaged is read again in one process (:func:`joinable`): what damage
one page shows can depend on the pages read before it.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.stages.extract import RawPdf


@dataclass(frozen=True)
class Part:
    """Pages ``index+1, index+1+of, …`` of a PDF: one reader's share."""

    index: int = 0
    of: int = 1

    def has(self, number: int) -> bool:
        return (number - 1) % self.of == self.index

    @property
    def first(self) -> bool:
        """The part that reports what reading found before the pages (each part reads it)."""
        return self.index == 0


WHOLE = Part()


def spare_cores(busy: int) -> int:
    """How many processes one PDF may read its pages in while ``busy`` PDFs are read at once."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores // max(1, busy))


def read_in_processes(read: Callable[[Part], RawPdf], processes: int) -> RawPdf:
    """``read`` of every part, the first in this process and the others in forked ones, as one."""
    if processes <= 1:
        return read(WHOLE)
    readers = [_fork(read, Part(i, processes)) for i in range(1, processes)]
    try:
        parts = [read(Part(0, processes))]
    except BaseException:
        for pid, fd in readers:
            _stop(pid, fd)
        raise
    for i, (pid, fd) in enumerate(readers, start=1):
        got = _collect(pid, fd)
        parts.append(got if got is not None else read(Part(i, processes)))
    if not joinable(parts):
        return read(WHOLE)
    return joined(parts)


def joinable(parts: list[RawPdf]) -> bool:
    """Whether the parts, joined, are what one process reads. Not when one part was read by
    the reference after all (then all of it is), nor when a page's streams were damaged: a
    stream several pages share is decoded, and its damage found, where it is first read, and
    which pages the reference reads depends on that too."""
    same_engine = all(p.engine == parts[0].engine for p in parts)
    return same_engine and not any(f.code == "damaged_stream" and f.page is not None for p in parts for f in p.findings)


def joined(parts: list[RawPdf]) -> RawPdf:
    """The parts' pages, lines, links and findings in page order (stable: within a page, as read)."""
    first = parts[0]
    pages = sorted(((info, lines) for p in parts for info, lines in zip(p.pages, p.page_lines, strict=True)), key=lambda x: x[0].number)
    return replace(
        first,
        pages=tuple(info for info, _ in pages),
        page_lines=tuple(lines for _, lines in pages),
        links=tuple(sorted((link for p in parts for link in p.links), key=lambda link: link.page)),
        findings=tuple(sorted((f for p in parts for f in p.findings), key=lambda f: -1 if f.page is None else f.page)),
        reference_pages=tuple(sorted(n for p in parts for n in p.reference_pages)),
    )


def _fork(read: Callable[[Part], RawPdf], part: Part) -> tuple[int, int]:
    """A forked process that reads ``part`` and sends it back through a pipe (nothing if it fails)."""
    receive, send = os.pipe()
    frozen = gc.get_freeze_count()  # a process may have frozen what it keeps on purpose (python -m pipeline does)
    gc.freeze()  # the reader's collections leave what it shares with this process untouched (and uncopied)
    pid = os.fork()
    if pid != 0 and not frozen:
        gc.unfreeze()
    if pid == 0:  # the reader: it runs nothing of its parent's but the reading, and leaves at once
        code = 1
        try:
            os.close(receive)
            _die_with_parent()
            data = pickle.dumps(read(part), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(send, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(send)
    return pid, receive


def _collect(pid: int, fd: int) -> RawPdf | None:
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return pickle.loads(data) if status == 0 and data else None


def _stop(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.close(fd)
    os.waitpid(pid, 0)


def _die_with_parent() -> None:
    """A reader whose parent is killed (a worker past its time limit) is killed too (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
