"""One PDF's pages read in several processes, when the machine has cores to spare.

Reading the pages is most of a run, and a run of one PDF leaves the other cores idle.
With ``processes=n``, this process and ``n-1`` forked ones read the PDF, each the pages
it claims: the next page nobody has claimed yet, taken from a pipe of page numbers, so
that a process slowed by heavy pages (or by a busy machine) leaves more of them to the
others. Every engine reads a :class:`Share` of the pages; the shares are joined in page
order. The result is the ``RawPdf`` one process reads (tested on every fixture, under both
engines, on the hostile corpus and on fuzzed reports).

A forked reader that fails, or dies (a crash in PDFium), costs only time: this process
then reads the whole PDF itself, and so meets the error or the crash that reading it in
one process would have met, where the workers handle it as they always did. A PDF whose
pages' streams are damaged is read again in one process (:func:`joinable`): what damage
one page shows can depend on the pages read before it.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pipeline.stages.engines.words import RawPdf

log = logging.getLogger(__name__)

TOKENS = 8000  # page numbers in the pipe (a pipe holds 64 KiB); the first process reads any page after them
_TOKEN = 4  # bytes of one page number: a pipe hands each read of up to 4 KiB to one reader whole


class Share:
    """The pages one process reads: every page (:data:`WHOLE`), or those it claims from a pipe."""

    def __init__(self, claims: int | None = None, first: bool = True) -> None:
        self.claims = claims  # the read end of the pipe of page numbers; None: every page
        self.first = first  # the share that reports what reading found before the pages (each reads it)
        self._asked = 0  # the highest page number asked about so far
        self._claimed = 0  # the last page number taken from the pipe
        self._exhausted = False
        self._mine: set[int] = set()

    def has(self, number: int) -> bool:
        """Whether this process reads page ``number``; asked for the pages in order (and again in
        order, when an engine starts over: the same answers)."""
        if self.claims is None:
            return True
        if number <= self._asked:
            return number in self._mine
        self._asked = number
        while self._claimed < number and not self._exhausted:
            token = os.read(self.claims, _TOKEN)
            if len(token) < _TOKEN:
                self._exhausted = True
                break
            self._claimed = int.from_bytes(token, "little")
        mine = self._claimed == number or (self._exhausted and self._claimed < number and self.first)
        if mine:
            self._mine.add(number)
        return mine


WHOLE = Share()


def spare_cores(busy: int) -> int:
    """How many processes one PDF may read its pages in while ``busy`` PDFs are read at once."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores // max(1, busy))


def read_in_processes(read: Callable[[Share], RawPdf], processes: int) -> RawPdf:
    """``read`` by this process and forked ones, each of the pages it claims, as one ``RawPdf``."""
    if processes <= 1:
        return read(WHOLE)
    claims, numbers = os.pipe()
    try:
        os.write(numbers, b"".join(n.to_bytes(_TOKEN, "little") for n in range(1, TOKENS + 1)))
    finally:
        os.close(numbers)  # the readers see the pipe end after the last number
    try:
        readers = [_fork(read, Share(claims, first=False)) for _ in range(1, processes)]
        try:
            parts = [read(Share(claims))]
        except BaseException:
            for pid, fd in readers:
                _stop(pid, fd)
            raise
        got = [_collect(pid, fd) for pid, fd in readers]
    finally:
        os.close(claims)
    if any(part is None for part in got):  # a reader failed: this process reads it all, as one process would
        log.info("a page reader failed: the PDF is read again in one process")
        return read(WHOLE)
    parts += [part for part in got if part is not None]  # every one, after the check above
    if not joinable(parts):
        log.info("the parts read in %d processes cannot be joined (an engine fell back, or a stream is damaged): read again in one", processes)
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
    """The parts' pages, lines, links, findings, doubts, angled and turned texts in page order (stable: within a page, as read)."""
    first = parts[0]
    pages = sorted(((info, lines) for p in parts for info, lines in zip(p.pages, p.page_lines, strict=True)), key=lambda x: x[0].number)
    return replace(
        first,
        pages=tuple(info for info, _ in pages),
        page_lines=tuple(lines for _, lines in pages),
        links=tuple(sorted((link for p in parts for link in p.links), key=lambda link: link.page)),
        findings=tuple(sorted((f for p in parts for f in p.findings), key=lambda f: -1 if f.page is None else f.page)),
        reference_pages=tuple(sorted(n for p in parts for n in p.reference_pages)),
        doubtful_order=tuple(sorted(d for p in parts for d in p.doubtful_order)),
        angled=tuple(sorted((a for p in parts for a in p.angled), key=lambda a: a[0])),
        turned=tuple(sorted((t for p in parts for t in p.turned), key=lambda t: t[0])),
    )


def _fork(read: Callable[[Share], RawPdf], share: Share) -> tuple[int, int]:
    """A forked process that reads ``share`` and sends it back through a pipe (nothing if it fails)."""
    receive, send = os.pipe()
    parent = os.getpid()
    frozen = gc.get_freeze_count()  # a process may have frozen what it keeps on purpose (python -m pipeline does)
    gc.freeze()  # the reader's collections leave what it shares with this process untouched (and uncopied)
    pid = os.fork()
    if pid != 0 and not frozen:
        gc.unfreeze()
    if pid == 0:  # the reader: it runs nothing of its parent's but the reading, and leaves at once
        code = 1
        try:
            os.close(receive)
            die_with_parent(parent)
            part = read(share)
            with os.fdopen(send, "wb") as pipe:  # frame by frame: this process reads them as they come
                pickle.dump(part, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(send)
    return pid, receive


def _collect(pid: int, fd: int) -> RawPdf | None:
    """What a reader sent, once it has ended well (None otherwise). Its part is unpickled as it comes,
    while the reader still pickles the rest, and before the reader is waited for, while it gives its
    memory back: not one after the other."""
    with os.fdopen(fd, "rb") as pipe:
        try:
            part = _loaded(pipe)
        finally:
            pipe.read()  # what a reader that stopped halfway left: to the end, so that it can end
            _, status = os.waitpid(pid, 0)
    return part if status == 0 else None


def _loaded(pipe: BinaryIO) -> RawPdf | None:
    """A reader's part as it comes down the pipe: None for nothing, or for a part cut short (a reader
    that died while it wrote, which its status tells as well)."""
    try:
        return pickle.load(pipe)
    except MemoryError:
        raise
    except Exception:  # EOFError: nothing sent
        return None


def _stop(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.close(fd)
    os.waitpid(pid, 0)


def die_with_parent(parent: int) -> None:
    """Have this (forked) process killed when ``parent``, the process it was forked from, dies
    (Linux's PR_SET_PDEATHSIG; elsewhere nothing): a page reader whose worker is killed, or a
    worker whose run is, would otherwise run on unwatched, with no time limit. The first thing a
    child does; a parent that died before it (no signal then) is seen by ``getppid`` and the
    child leaves at once."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)
