"""Writing outputs so that a failed or killed run never loses the last good one.

A report's folder is written whole into a hidden temporary sibling and then
swapped in by renames; single stage files are written to a temporary file and
renamed over the old one.

What is guaranteed:

- *Nothing lost.* A process killed at any point leaves the old folder or the new one
  (or the old one under a hidden name that :func:`recover` puts back), never a mix.
- *No race.* Writers of the same report, in this process or any other, take turns:
  each holds an exclusive ``flock`` on ``.<id>.lock`` beside the folder while it
  recovers leftovers and swaps (the files themselves are written before, in its own
  temporary folder). The lock file is removed by whoever holds it, and a waiter that
  wakes on a removed one takes the new one, so a finished run leaves no lock behind
  (a killed one may: the next write takes it and removes it).
- *No link followed.* A symbolic link is renamed or removed, never written through:
  a report folder that is a link is replaced by a real folder (the link's target left
  as it was); a leftover ``.tmp-``/``.old-`` that is a link is unlinked, and an ``.old-``
  link is never put back as the report; the lock is opened with ``O_NOFOLLOW`` and
  refused unless it is a plain file; :func:`write_file_atomically` replaces a link at
  its path; and :func:`real_dirs` makes the folders below a root without going through
  a link.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from pipeline.model import for_json

STAGES_DIR = "stages"

# mkstemp/mkdtemp create private (0600/0700) entries; outputs get the usual modes instead
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
DIR_MODE = 0o777 & ~_UMASK


def write_file_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` by a file holding ``data``: a new file beside it renamed over it, so that
    a reader sees the old file or the new one, and a symbolic link at ``path`` is replaced, not
    written through. (The folders leading to it are followed: :func:`real_dirs` makes them.)
    ``durable``: on disk before the rename, so that the machine crashing leaves the old file or
    the new one whole; without it (a file that may as well be lost), only a process killed does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), FILE_MODE)  # the file written, not whatever is at its name by now
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files_atomically(root: Path, files: Mapping[str, bytes]) -> None:
    """:func:`write_file_atomically` for each of ``files`` (names under ``root``), all at once:
    each still flushed to disk before it is renamed into place, but the flushes overlap (one
    after the other, the twenty files of a collection waited up to a tenth of a run on a busy disk)."""
    if len(files) <= 1:
        for name, data in files.items():
            write_file_atomically(root / name, data)
        return
    from concurrent.futures import ThreadPoolExecutor  # only writes of several files need it

    with ThreadPoolExecutor(max_workers=min(len(files), 32)) as pool:
        # list(): the first write that failed raises here, once every one is done
        list(pool.map(lambda item: write_file_atomically(root / item[0], item[1]), files.items()))


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process: another thread's write, or this write's own
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process whose parent died too may stay a zombie: it writes nothing any more
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] not in (["Z"], ["X"])


def leftovers(target: Path) -> list[tuple[str, Path]]:
    """("tmp" | "old", folder) of writes of ``target`` by processes that no longer run.

    Names are ``.<id>.tmp-<pid>-<random>`` and ``.<id>.old-<pid>-<random>``; a folder
    of a process that still runs is not a leftover: it may be writing it.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(tmp|old)-(?:(\d+)-)?[A-Za-z0-9_]+")
    found = []
    for entry in target.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match and not (match.group(2) and _pid_alive(int(match.group(2)))):
            found.append((match.group(1), entry))
    return sorted(found, key=lambda kind_path: kind_path[0] != "old")


def real_dirs(root: Path, relative: str | Path) -> Path:
    """``root/relative``, made as real folders below ``root``: a symbolic link (or a file) where
    one of them goes is removed, never followed, so that what is written there stays under
    ``root``. For folders the pipeline owns (it replaces them, it does not merge into them)."""
    path = Path(root)
    for part in Path(relative).parts:
        if part in ("", ".", "..") or "/" in part:
            raise ValueError(f"not a folder name: {part!r}")
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
        path.mkdir(exist_ok=True)
        if path.is_symlink():  # planted between the two lines above
            raise OSError(f"{path} became a symbolic link while it was made; not followed")
    return path


def _lexists(path: Path) -> bool:
    """Whether anything, a dangling link included, is at ``path``."""
    return os.path.lexists(path)


def _remove(path: Path) -> None:
    """Remove a leftover: a link (or file) is unlinked, never followed; a folder removed whole."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


def _open_lock(path: Path) -> int:
    """The lock file, opened without following a link, refused unless it is a plain file."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, FILE_MODE)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot open the lock file {path} ({exc.strerror}; a link is not followed): remove it") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"the lock file {path} is not a plain file: remove it")
    return fd


@contextmanager
def report_lock(target: Path) -> Iterator[None]:
    """Hold the lock of the report folder ``target`` (across processes), and remove it after.

    A waiter may wake holding a lock file that the holder before it removed; it then takes
    the one now at the path, so that every writer holds the same one.
    """
    path = _lock_path(target)
    while True:
        fd = _open_lock(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                now = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        try:
            path.unlink(missing_ok=True)  # while held: nobody else holds this file
        finally:
            os.close(fd)


def _recover(target: Path) -> None:
    """:func:`recover`, for a caller that holds the lock. Only a real folder goes back as the
    report; a link left under an ``.old`` name was never a report's outputs."""
    for kind, folder in leftovers(target):
        if kind == "old" and not _lexists(target) and folder.is_dir() and not folder.is_symlink():
            folder.rename(target)  # killed between its two renames: the old folder goes back
        else:
            _remove(folder)


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed run left half done, and drop its temporary folders
    (holding the report's lock: never in the middle of a live writer's swap)."""
    if not target.parent.is_dir():
        return
    with report_lock(target):
        _recover(target)


def write_file(path: Path, data: bytes) -> None:
    """Write one file of a report's temporary folder (a seam for the interruption tests)."""
    path.write_bytes(data)


def write_dir_atomically(target: Path, files: dict[str, bytes]) -> None:
    """Replace the folder ``target`` by one holding exactly ``files``.

    The files are written into ``.<id>.tmp-<pid>-…`` beside it; then, holding the
    report's lock, leftovers of killed writers are recovered, the old folder (or a
    link there) is renamed to ``.<id>.old-<pid>-…``, the new one to ``target``, and the
    old one removed (a link unlinked, its target untouched). A process killed at any
    point leaves either the old or the new folder in place (or the old one under its
    ``.old`` name, which :func:`recover` — run by the next write of the same report, or
    by the parent of a killed worker — puts back).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
    try:
        tmp.chmod(DIR_MODE)
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, data)
        with report_lock(target):
            _recover(target)
            _swap(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(new: Path, target: Path) -> None:
    """Rename ``new`` to ``target``, the old folder (or link) aside first and removed after; put
    back if the swap fails. Called holding the report's lock."""
    old = target.parent / f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    moved = False
    try:
        if _lexists(target):
            target.rename(old)
            moved = True
        new.rename(target)
    except BaseException:
        if moved and not _lexists(target):
            old.rename(target)
        raise
    if moved:
        _remove(old)


def stage_json(stage: str, profile: str, version: str, result: Any) -> bytes:
    """A stage file: a stage's result (dataclasses as objects, tuples as arrays) and what made it.

    orjson writes the bytes ``json.dumps(to_jsonable(result), ensure_ascii=False,
    separators=(",", ":"))`` would (tested on every fixture) in a tenth of the time: the
    stage files were a tenth of a run.
    """
    doc = {"stage": stage, "profile": profile, "pipeline_version": version, "data": for_json(result)}
    return orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE)


def read_stage(report_dir: Path, stage: str) -> dict[str, Any]:
    from pipeline.errors import StageInputError

    path = report_dir / STAGES_DIR / f"{stage}.json"
    if not path.is_file():
        raise StageInputError(f"{path} does not exist")
    return json.loads(path.read_text(encoding="utf-8"))
